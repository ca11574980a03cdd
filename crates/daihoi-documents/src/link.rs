//! Links between documents (D-LINK-1): 27-HD/BTCTW guides 35-CT/TW,
//! 439-KH/TU implements 35-CT/TW, 45-CT/TW replaces 35-CT/TW.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

/// How one document relates to another (quan hệ giữa các văn bản), read
/// from the linking document: `from` guides / implements / replaces /
/// amends `to`. The stable codes ([`LinkKind::code`],
/// [`LinkKind::inverse_code`]) name both directions, for storage and for
/// showing a link from either end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// hướng dẫn: 27-HD/BTCTW guides 35-CT/TW.
    Guides,
    /// thực hiện (triển khai): 439-KH/TU implements 35-CT/TW in the province.
    Implements,
    /// thay thế: 190-QĐ/TW replaces 244-QĐ/TW; 45-CT/TW replaces 35-CT/TW.
    Replaces,
    /// sửa đổi, bổ sung.
    Amends,
}

impl LinkKind {
    pub const ALL: [LinkKind; 4] = [LinkKind::Guides, LinkKind::Implements, LinkKind::Replaces, LinkKind::Amends];

    /// The code seen from the linking document: `guides`, `implements`,
    /// `replaces`, `amends`.
    pub fn code(self) -> &'static str {
        match self {
            LinkKind::Guides => "guides",
            LinkKind::Implements => "implements",
            LinkKind::Replaces => "replaces",
            LinkKind::Amends => "amends",
        }
    }

    /// The code seen from the linked document: `guided_by`,
    /// `implemented_by`, `replaced_by`, `amended_by`.
    pub fn inverse_code(self) -> &'static str {
        match self {
            LinkKind::Guides => "guided_by",
            LinkKind::Implements => "implemented_by",
            LinkKind::Replaces => "replaced_by",
            LinkKind::Amends => "amended_by",
        }
    }

    /// The kind and direction a code names: `replaced_by` is
    /// `(Replaces, Direction::Inverse)`.
    pub fn from_code(code: &str) -> Option<(LinkKind, Direction)> {
        LinkKind::ALL.into_iter().find_map(|kind| {
            if kind.code() == code {
                Some((kind, Direction::Forward))
            } else if kind.inverse_code() == code {
                Some((kind, Direction::Inverse))
            } else {
                None
            }
        })
    }

    /// The code for this kind seen in `direction`.
    pub fn code_in(self, direction: Direction) -> &'static str {
        match direction {
            Direction::Forward => self.code(),
            Direction::Inverse => self.inverse_code(),
        }
    }

    /// Whether a chain of these links must never come back to its start
    /// (a document cannot, through others, replace itself). Only
    /// [`LinkKind::Replaces`]: see [`would_cycle`].
    pub fn acyclic(self) -> bool {
        matches!(self, LinkKind::Replaces)
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Which end of a link a document is shown from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the linking document (`guides`).
    Forward,
    /// From the linked document (`guided_by`).
    Inverse,
}

/// A link that is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("D-LINK-1: a document cannot be linked to itself ({kind})")]
    SelfLink { kind: LinkKind },
    #[error("D-LINK-1: this link would make a document replace itself through others")]
    Cycle,
}

/// A link between two documents (liên kết văn bản), by whatever key the
/// caller identifies documents with ([`crate::DocKey`], a row id).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link<K> {
    pub from: K,
    pub kind: LinkKind,
    pub to: K,
}

impl<K: PartialEq> Link<K> {
    /// A link, refused when it goes from a document to itself (D-LINK-1).
    pub fn new(from: K, kind: LinkKind, to: K) -> Result<Self, LinkError> {
        if from == to {
            return Err(LinkError::SelfLink { kind });
        }
        Ok(Self { from, kind, to })
    }
}

/// Whether adding the edge `from → to` to `edges` (all of one acyclic kind,
/// [`LinkKind::Replaces`]) would close a cycle: true when `from == to` or
/// when `to` already reaches `from`. Keeping the links acyclic is the
/// store's job; this is the check it runs.
pub fn would_cycle<K: Eq + Hash>(edges: &[(K, K)], from: &K, to: &K) -> bool {
    if from == to {
        return true;
    }
    let mut next: HashMap<&K, Vec<&K>> = HashMap::new();
    for (a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    let mut seen: HashSet<&K> = HashSet::new();
    let mut stack = vec![to];
    while let Some(node) = stack.pop() {
        if node == from {
            return true;
        }
        if seen.insert(node) {
            stack.extend(next.get(node).into_iter().flatten().copied());
        }
    }
    false
}
