//! Deterministic synthetic data for daihoi: the Quảng Ninh Provincial Party
//! Committee of the seed (conference of 18 November 2024), its organization
//! tree through the 2025 reform, and its members.
//!
//! Pure: no I/O, no clock, no randomness from the operating system. The same
//! `(members, seed)` gives the same [`Scenario`] on every machine and with
//! every version of the dependencies: the generator is this crate's own
//! SplitMix64 ([`rng::SplitMix64`]) and all sampling is integer arithmetic.
//!
//! The data are as of [`AS_OF`] (28/11/2026): every date is on or before it,
//! and every row passes `daihoi_core::members::import::parse_row` with that
//! day as "today".
//!
//! ```
//! let s = daihoi_demo::quang_ninh(3_000, daihoi_demo::DEMO_SEED);
//! assert_eq!(s.members.len(), 3_000);
//! assert!(s.members.iter().any(|m| m.member.name.full() == "Nguyễn Văn An"));
//! ```

#[rustfmt::skip] // hand-aligned tables of names
mod catalog;
pub mod documents;
pub mod drafts;
mod members;
mod names;
pub mod rng;
mod tree;

use std::collections::HashMap;

use daihoi_core::members::import::MemberRow;
use daihoi_core::{OrgCode, OrgKind};
use time::Date;
use time::macros::date;

/// The number of members of the standard demo.
pub const DEMO_MEMBERS: usize = 3000;

/// The seed of the standard demo: the date of the seed conference.
pub const DEMO_SEED: u64 = 20241118;

/// The seed of the tree's own stream: the tree does not change with `seed`.
const TREE_SEED: u64 = 0x5155_414E_474E_494E; // "QUANGNIN"

/// The day the data describe: no date in a scenario is later.
pub const AS_OF: Date = date!(2026 - 11 - 28);

/// An organization of the scenario as it was created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOrg {
    /// Its code: hierarchical when created (`QN.DH.QT.CB01`), never changed
    /// by later moves.
    pub code: OrgCode,
    /// The organization it was created under; `None` for the province.
    pub parent: Option<OrgCode>,
    /// Its name when created ("Đảng bộ xã Quảng Tân", "Chi bộ thôn Đồng Tâm").
    pub name: String,
    pub kind: OrgKind,
    /// The first day it exists.
    pub valid_from: Date,
}

/// A change of the tree on a date. Applied in order after the initial tree,
/// each keeps every parent/child pair allowed by [`OrgKind::may_sit_under`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeEvent {
    /// `org` (with its subtree) moves under `new_parent`.
    Move { org: OrgCode, new_parent: OrgCode, date: Date },
    /// The children and members of `source` go to `into`; `source` ends.
    Merge { source: OrgCode, into: OrgCode, date: Date },
    /// `org` takes a new name.
    Rename { org: OrgCode, name: String, date: Date },
    /// `org` ends; it has no children or members left by then.
    Dissolve { org: OrgCode, date: Date },
}

impl TreeEvent {
    /// The day the event takes effect.
    pub fn date(&self) -> Date {
        match self {
            TreeEvent::Move { date, .. }
            | TreeEvent::Merge { date, .. }
            | TreeEvent::Rename { date, .. }
            | TreeEvent::Dissolve { date, .. } => *date,
        }
    }
}

/// A generated province: its organizations, their history, its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// Every organization ever, parents before children.
    pub orgs: Vec<DemoOrg>,
    /// The changes after creation, in date order.
    pub events: Vec<TreeEvent>,
    /// The members as of [`AS_OF`], one row each, grouped by cell; each is
    /// enrolled in a cell (kind Cell or GrassrootsCell) that exists on that day.
    pub members: Vec<MemberRow>,
}

impl Scenario {
    /// The organizations that exist on `date` (created on or before it, not
    /// ended by an event on or before it), with their parent and name on that
    /// day, parents before children.
    pub fn tree_on(&self, date: Date) -> Vec<DemoOrg> {
        let index: HashMap<&OrgCode, usize> = self.orgs.iter().enumerate().map(|(i, o)| (&o.code, i)).collect();
        let mut current: Vec<Option<DemoOrg>> =
            self.orgs.iter().map(|o| (o.valid_from <= date).then(|| o.clone())).collect();
        for event in self.events.iter().take_while(|e| e.date() <= date) {
            match event {
                TreeEvent::Move { org, new_parent, .. } => {
                    if let Some(Some(o)) = index.get(org).map(|&i| &mut current[i]) {
                        o.parent = Some(new_parent.clone());
                    }
                }
                TreeEvent::Merge { source, into, .. } => {
                    for o in current.iter_mut().flatten().filter(|o| o.parent.as_ref() == Some(source)) {
                        o.parent = Some(into.clone());
                    }
                    if let Some(&i) = index.get(source) {
                        current[i] = None;
                    }
                }
                TreeEvent::Rename { org, name, .. } => {
                    if let Some(Some(o)) = index.get(org).map(|&i| &mut current[i]) {
                        o.name.clone_from(name);
                    }
                }
                TreeEvent::Dissolve { org, .. } => {
                    if let Some(&i) = index.get(org) {
                        current[i] = None;
                    }
                }
            }
        }
        // Parents before children: a depth-first walk from the roots, children
        // in creation order.
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); current.len()];
        let mut roots = Vec::new();
        for (i, o) in current.iter().enumerate() {
            if let Some(o) = o {
                match o.parent.as_ref().and_then(|p| index.get(p)) {
                    Some(&p) if current[p].is_some() => children[p].push(i),
                    _ => roots.push(i),
                }
            }
        }
        let mut out = Vec::with_capacity(current.len());
        let mut stack: Vec<usize> = roots.into_iter().rev().collect();
        while let Some(i) = stack.pop() {
            stack.extend(children[i].iter().rev());
            if let Some(o) = current[i].take() {
                out.push(o);
            }
        }
        out
    }
}

/// The Quảng Ninh scenario with exactly `members` members (official and
/// probationary), drawn from `seed`. The tree (codes, names, dates, events)
/// depends on `members` only; the people depend on both.
///
/// The tree is scaled to the members, about 35 to a cell: 3,000 members give
/// about twenty communes with a few cells each and the provincial agencies;
/// 200,000 give the whole province (13 districts and Hoành Bồ, about 160
/// communes, the coal companies, hospitals, police and border guard, a few
/// thousand cells). The history: Hoành Bồ merges into Hạ Long on 01/01/2020;
/// on 01/07/2025 communes regroup (Vân Đồn and Cô Tô become special zones),
/// everything under a district moves under the province and the districts
/// are dissolved.
///
/// Always present (with at least 3 members): Nguyễn Văn An and Trần Thị Bình
/// in the first cell of xã Quảng Tân (`QN.DH.QT.CB01`), and Vũ Đại Thắng, the
/// provincial secretary, in the first cell of the provincial Party agencies
/// (`QN.CQTU.CB01`).
pub fn quang_ninh(members: usize, seed: u64) -> Scenario {
    // The tree depends on the size only: its codes and names are the same for
    // every seed, so documentation and tests can name them.
    let tree = tree::build(members, &mut rng::SplitMix64::stream(TREE_SEED, 1));
    let rows = members::generate(&tree, members, &mut rng::SplitMix64::stream(seed, 2));
    Scenario { orgs: tree.orgs, events: tree.events, members: rows }
}
