//! The organization tree (hệ thống tổ chức đảng): from the Central Committee
//! down to Party cells, in the historical 3-level shape (with districts, until
//! 2025) and the current 2-level shape.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The kind of a Party organization: which level of the tree it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// Đảng bộ toàn quốc / Ban Chấp hành Trung ương: the Central Committee.
    Central,
    /// Đảng bộ tỉnh, thành phố (Tỉnh ủy, Thành ủy) or a committee directly under
    /// the Central Committee.
    Province,
    /// Đảng bộ huyện, quận, thị xã, thành phố thuộc tỉnh (Huyện ủy): the district
    /// level, abolished in 2025; kept for history.
    District,
    /// Đảng bộ xã, phường, đặc khu: a commune or ward committee.
    Commune,
    /// Đảng bộ cơ sở: a grassroots committee (agency, enterprise, unit) with cells.
    Grassroots,
    /// Đảng bộ bộ phận: a sub-grassroots committee between a grassroots committee
    /// and its cells.
    PartialCommittee,
    /// Chi bộ cơ sở: a grassroots cell, with no cells below it.
    GrassrootsCell,
    /// Chi bộ (trực thuộc đảng ủy cơ sở): a Party cell.
    Cell,
}

impl OrgKind {
    /// Every kind, from the top of the tree down.
    pub const ALL: [OrgKind; 8] = [
        OrgKind::Central,
        OrgKind::Province,
        OrgKind::District,
        OrgKind::Commune,
        OrgKind::Grassroots,
        OrgKind::PartialCommittee,
        OrgKind::GrassrootsCell,
        OrgKind::Cell,
    ];

    /// The stable code stored in the database and used in files.
    pub fn code(self) -> &'static str {
        match self {
            OrgKind::Central => "central",
            OrgKind::Province => "province",
            OrgKind::District => "district",
            OrgKind::Commune => "commune",
            OrgKind::Grassroots => "grassroots",
            OrgKind::PartialCommittee => "partial_committee",
            OrgKind::GrassrootsCell => "grassroots_cell",
            OrgKind::Cell => "cell",
        }
    }

    /// The Vietnamese name of the level.
    pub fn vi(self) -> &'static str {
        match self {
            OrgKind::Central => "Trung ương",
            OrgKind::Province => "Đảng bộ tỉnh",
            OrgKind::District => "Đảng bộ huyện",
            OrgKind::Commune => "Đảng bộ xã, phường",
            OrgKind::Grassroots => "Đảng bộ cơ sở",
            OrgKind::PartialCommittee => "Đảng bộ bộ phận",
            OrgKind::GrassrootsCell => "Chi bộ cơ sở",
            OrgKind::Cell => "Chi bộ",
        }
    }

    /// Members are enrolled (sinh hoạt) in cells only: a cell under a committee,
    /// or a grassroots cell.
    pub fn holds_members(self) -> bool {
        matches!(self, OrgKind::Cell | OrgKind::GrassrootsCell)
    }

    /// Whether an organization of this kind may sit directly under one of
    /// kind `parent`. Both the 3-level shape (province → district → commune)
    /// and the 2-level shape (province → commune) are allowed.
    pub fn may_sit_under(self, parent: OrgKind) -> bool {
        use OrgKind::*;
        match self {
            Central => false,
            Province => parent == Central,
            District => parent == Province,
            Commune => matches!(parent, Province | District),
            Grassroots => matches!(parent, Province | District | Commune),
            PartialCommittee => matches!(parent, Commune | Grassroots),
            GrassrootsCell => matches!(parent, Province | District | Commune),
            Cell => matches!(parent, Commune | Grassroots | PartialCommittee),
        }
    }
}

impl fmt::Display for OrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An organization kind that is not one of [`OrgKind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown organization kind {0:?} (expected one of: central, province, district, commune, grassroots, partial_committee, grassroots_cell, cell)"
)]
pub struct UnknownOrgKind(pub String);

impl FromStr for OrgKind {
    type Err = UnknownOrgKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgKind::ALL.into_iter().find(|k| k.code() == s.trim()).ok_or_else(|| UnknownOrgKind(s.to_owned()))
    }
}

/// The code by which people and files name an organization (e.g. `QN`,
/// `QN.QT.CB03`): unique, stable across moves and renames.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OrgCode(String);

/// Why a text is not an organization code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadOrgCode {
    #[error("an organization code cannot be empty")]
    Empty,
    #[error("organization code {0:?} is longer than 64 characters")]
    TooLong(String),
    #[error("organization code {0:?} may contain only letters A-Z, digits, '.', '-' and '_'")]
    BadCharacter(String),
    #[error("organization code {0:?} has an empty segment (segments are joined by single dots)")]
    EmptySegment(String),
}

/// The most characters of an organization code.
pub const ORG_CODE_MAX_CHARS: usize = 64;

/// [`OrgCode::parse`]'s rule as a regular expression, for the OpenAPI
/// document (lower case is accepted and upper-cased; no spaces).
pub const ORG_CODE_PATTERN: &str = r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$";

/// A new organization's code that does not fit where it is created (O-CODE-1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodePlacement {
    #[error(
        "O-CODE-1: the code {code} does not name an organization directly under {parent}: \
         a new organization's code is its parent's code, a dot and one segment, such as {parent}.CB01"
    )]
    NotUnderParent { code: OrgCode, parent: OrgCode },
    #[error("O-CODE-1: {0} has no parent, so its code is one segment, without a dot")]
    RootWithDots(OrgCode),
}

impl OrgCode {
    /// Validates and normalises (trims, upper-cases) a code.
    pub fn parse(text: &str) -> Result<OrgCode, BadOrgCode> {
        let t = text.trim();
        if t.is_empty() {
            return Err(BadOrgCode::Empty);
        }
        if t.len() > ORG_CODE_MAX_CHARS {
            return Err(BadOrgCode::TooLong(t.to_owned()));
        }
        if !t.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')) {
            return Err(BadOrgCode::BadCharacter(t.to_owned()));
        }
        if t.split('.').any(str::is_empty) {
            return Err(BadOrgCode::EmptySegment(t.to_owned()));
        }
        Ok(OrgCode(t.to_ascii_uppercase()))
    }

    /// The code without its last segment (`QN.DH` for `QN.DH.QT`); `None`
    /// for a one-segment code.
    pub fn prefix(&self) -> Option<&str> {
        self.0.rsplit_once('.').map(|(prefix, _)| prefix)
    }

    /// O-CODE-1: whether this code may be given to a new organization under
    /// `parent` (none: a top-level organization). Codes are stable, so an
    /// organization that moves later keeps the code it was created with; the
    /// rule is for creation only. It keeps a subtree's codes its own: an
    /// office cannot take a code that belongs under another organization.
    pub fn check_placement(&self, parent: Option<&OrgCode>) -> Result<(), CodePlacement> {
        match (parent, self.prefix()) {
            (None, None) => Ok(()),
            (None, Some(_)) => Err(CodePlacement::RootWithDots(self.clone())),
            (Some(p), Some(prefix)) if prefix == p.as_str() => Ok(()),
            (Some(p), _) => Err(CodePlacement::NotUnderParent { code: self.clone(), parent: p.clone() }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A materialized path: the ids from the root down to an organization, as
/// `/1/5/23/`. The subtree of an organization is every path that starts with
/// its own, which both SQLite and PostgreSQL answer from a B-tree index as the
/// range [`OrgPath::subtree_range`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OrgPath(String);

impl OrgPath {
    /// The path of a root organization.
    pub fn root(id: i64) -> OrgPath {
        OrgPath(format!("/{id}/"))
    }

    /// The path of a child with id `id` under this one.
    pub fn child(&self, id: i64) -> OrgPath {
        OrgPath(format!("{}{id}/", self.0))
    }

    /// Wraps a stored path; `None` if it is not of the form `/1/2/…/`.
    pub fn from_stored(text: &str) -> Option<OrgPath> {
        let inner = text.strip_prefix('/')?.strip_suffix('/')?;
        (!inner.is_empty() && inner.split('/').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
            .then(|| OrgPath(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Depth in the tree: 1 for a root.
    pub fn depth(&self) -> usize {
        self.0.matches('/').count() - 1
    }

    /// The ids from the root down to this organization.
    pub fn ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.0.split('/').filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok())
    }

    /// `[low, high)` such that a path `p` is in this subtree (this organization
    /// included) exactly when `low <= p < high` in byte order. `high` replaces
    /// the final `/` by the next byte, `0`.
    pub fn subtree_range(&self) -> (String, String) {
        let mut high = self.0.clone();
        high.pop();
        high.push('0');
        (self.0.clone(), high)
    }

    /// Whether `other` is this organization or one below it.
    pub fn contains(&self, other: &OrgPath) -> bool {
        other.0.starts_with(&self.0)
    }

    /// The path this one gets when the subtree rooted at `old_root` moves to
    /// `new_root` (both paths of the moving organization itself).
    pub fn rebased(&self, old_root: &OrgPath, new_root: &OrgPath) -> Option<OrgPath> {
        self.0.strip_prefix(&old_root.0).map(|rest| OrgPath(format!("{}{}", new_root.0, rest)))
    }
}

impl fmt::Display for OrgPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kinds_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(k.code().parse::<OrgKind>(), Ok(k));
        }
        assert!("huyen".parse::<OrgKind>().is_err());
    }

    #[test]
    fn both_tree_shapes_are_allowed() {
        // 3-level (until 2025): province → district → commune → cell.
        assert!(OrgKind::District.may_sit_under(OrgKind::Province));
        assert!(OrgKind::Commune.may_sit_under(OrgKind::District));
        // 2-level (since 2025): province → commune → cell.
        assert!(OrgKind::Commune.may_sit_under(OrgKind::Province));
        assert!(OrgKind::Cell.may_sit_under(OrgKind::Commune));
        assert!(!OrgKind::Cell.may_sit_under(OrgKind::Province));
        assert!(!OrgKind::Province.may_sit_under(OrgKind::Commune));
        assert!(OrgKind::Cell.holds_members() && OrgKind::GrassrootsCell.holds_members());
        assert!(!OrgKind::Commune.holds_members());
    }

    #[test]
    fn codes() {
        assert_eq!(OrgCode::parse(" qn.qt-01 ").unwrap().as_str(), "QN.QT-01");
        assert_eq!(OrgCode::parse(""), Err(BadOrgCode::Empty));
        assert!(matches!(OrgCode::parse("chi bộ 1"), Err(BadOrgCode::BadCharacter(_))));
        for empty in ["QN..QT", ".QN", "QN.", "."] {
            assert!(matches!(OrgCode::parse(empty), Err(BadOrgCode::EmptySegment(_))), "{empty}");
        }
        assert!(matches!(OrgCode::parse(&"A".repeat(65)), Err(BadOrgCode::TooLong(_))));
    }

    /// O-CODE-1: a parent's code, a dot and one segment; one segment at the top.
    #[test]
    fn new_codes_sit_under_their_parents_code() {
        let c = |s: &str| OrgCode::parse(s).unwrap();
        assert_eq!(c("QN.DH.QT.CB03").check_placement(Some(&c("QN.DH.QT"))), Ok(()));
        assert_eq!(c("QN").check_placement(None), Ok(()));
        for (code, parent) in [
            ("QN.BL.BL.CB99", "QN.DH.QT"),
            ("HN", "QN.DH.QT"),
            ("ZZ9", "QN.DH.QT"),
            ("QN.DH.QT", "QN.DH.QT"),
            ("QN.DH.QT.CB01.X", "QN.DH.QT"),
            ("QN.DH.QTX", "QN.DH.QT"),
            ("QN.DH.QT2.CB01", "QN.DH.QT"),
        ] {
            let err = c(code).check_placement(Some(&c(parent))).unwrap_err();
            assert!(matches!(err, CodePlacement::NotUnderParent { .. }), "{code} under {parent}");
            assert!(err.to_string().starts_with("O-CODE-1: "), "{err}");
        }
        assert_eq!(c("QN.DH").check_placement(None), Err(CodePlacement::RootWithDots(c("QN.DH"))));
        assert_eq!(c("QN.DH.QT").prefix(), Some("QN.DH"));
        assert_eq!(c("QN").prefix(), None);
    }

    #[test]
    fn the_code_pattern_is_the_rule() {
        let pattern = regex::Regex::new(ORG_CODE_PATTERN).unwrap();
        for text in ["QN", "qn.dh.qt", "QN.DH-1.CB_2", "QN..QT", ".QN", "QN.", " QN", "QN ", "Q N", "QN/1", "", "Đ"] {
            let parsed = text == text.trim() && OrgCode::parse(text).is_ok();
            assert_eq!(pattern.is_match(text), parsed, "{text:?}");
        }
    }

    #[test]
    fn paths() {
        let p = OrgPath::root(1).child(5).child(23);
        assert_eq!(p.as_str(), "/1/5/23/");
        assert_eq!(p.depth(), 3);
        assert_eq!(p.ids().collect::<Vec<_>>(), vec![1, 5, 23]);
        assert_eq!(OrgPath::from_stored("/1/5/23/"), Some(p.clone()));
        assert_eq!(OrgPath::from_stored("/1//"), None);
        assert_eq!(OrgPath::from_stored("1/"), None);
        let moved = p.rebased(&OrgPath::root(1).child(5), &OrgPath::root(1).child(7)).unwrap();
        assert_eq!(moved.as_str(), "/1/7/23/");
    }

    proptest! {
        /// The byte range of a subtree holds exactly the paths that start with it.
        #[test]
        fn subtree_range_is_prefix(a in proptest::collection::vec(1i64..300, 1..5),
                                   b in proptest::collection::vec(1i64..300, 1..6)) {
            let mk = |ids: &[i64]| ids[1..].iter().fold(OrgPath::root(ids[0]), |p, id| p.child(*id));
            let (pa, pb) = (mk(&a), mk(&b));
            let (low, high) = pa.subtree_range();
            let in_range = pb.as_str() >= low.as_str() && pb.as_str() < high.as_str();
            prop_assert_eq!(in_range, pa.contains(&pb));
        }
    }
}
