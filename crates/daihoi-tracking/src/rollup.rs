//! T-2: tasks cascade down the tree (a provincial task becomes sub-tasks of
//! the commune and grassroots committees) and progress rolls up.
//!
//! The rule (Decidim Accountability's `update_progress!`, research A.2): a
//! parent's progress is the weighted average of its children when weights are
//! used, the plain average otherwise. Two cases Decidim leaves implicit are
//! decided here and tested:
//!
//! - **Mixed weights** (some children weighted, some not): the plain average,
//!   ignoring every weight, and the node says so ([`RollupMethod::MixedWeights`])
//!   so that a screen can warn. Guessing a weight for the unweighted children
//!   (Decidim's `weight || 1`) would mix scales the user never chose.
//! - **All weights zero**: the plain average as well (a weighted average is
//!   undefined), marked [`RollupMethod::ZeroWeights`].
//!
//! Weights are normalised (Σ wᵢpᵢ / Σ wᵢ), unlike Decidim's bare Σ wᵢpᵢ,
//! which needs weights summing to 1 (its weight = 1 edge case, PR #5026).
//!
//! A **withdrawn** task (cancelled) is left out of its parent's roll-up
//! with every task below it, as if it had never been cascaded; a task whose
//! sub-tasks were all withdrawn is a leaf again, with its own progress.
//! [`Cascade`] rolls up a whole forest given as a flat list (parents by
//! index) that way, without building [`Node`]s: the same figures as
//! [`Node::rollup`], property-tested.

use serde::{Deserialize, Serialize};

use crate::TrackingError;

/// Reported progress (tiến độ) of a task, a percentage in `0.0..=100.0`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Progress(f64);

impl Progress {
    pub const ZERO: Progress = Progress(0.0);
    pub const FULL: Progress = Progress(100.0);

    /// A progress, refused outside `0..=100` (and NaN).
    pub fn new(percent: f64) -> Result<Progress, TrackingError> {
        if (0.0..=100.0).contains(&percent) {
            Ok(Progress(percent))
        } else {
            Err(TrackingError::ProgressOutOfRange(percent))
        }
    }

    /// A finite number clamped into `0..=100` (NaN gives 0).
    #[must_use]
    pub fn clamped(percent: f64) -> Progress {
        if percent.is_nan() { Progress(0.0) } else { Progress(percent.clamp(0.0, 100.0)) }
    }

    #[must_use]
    pub fn percent(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Progress {
    type Error = TrackingError;
    fn try_from(v: f64) -> Result<Self, Self::Error> {
        Progress::new(v)
    }
}

impl From<Progress> for f64 {
    fn from(p: Progress) -> f64 {
        p.0
    }
}

/// The weight (trọng số) of a sub-task in its parent's progress: a finite
/// number ≥ 0.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Weight(f64);

impl Weight {
    pub fn new(w: f64) -> Result<Weight, TrackingError> {
        if w.is_finite() && w >= 0.0 { Ok(Weight(w)) } else { Err(TrackingError::InvalidWeight(w)) }
    }

    #[must_use]
    pub fn value(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Weight {
    type Error = TrackingError;
    fn try_from(v: f64) -> Result<Self, Self::Error> {
        Weight::new(v)
    }
}

impl From<Weight> for f64 {
    fn from(w: Weight) -> f64 {
        w.0
    }
}

/// A task (nhiệm vụ) in a cascade: a leaf carries its reported progress, a
/// branch the sub-tasks it was cascaded into (each usually assigned to a
/// lower organization, named by `org`, an opaque key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub org: String,
    /// This node's weight in its parent's roll-up.
    pub weight: Option<Weight>,
    pub body: Body,
}

/// What a [`Node`] holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Body {
    /// Reported progress; `None` = nothing reported yet.
    Leaf(Option<Progress>),
    Branch(Vec<Node>),
}

impl Node {
    #[must_use]
    pub fn leaf(id: impl Into<String>, org: impl Into<String>, progress: Option<Progress>) -> Node {
        Node { id: id.into(), org: org.into(), weight: None, body: Body::Leaf(progress) }
    }

    #[must_use]
    pub fn branch(id: impl Into<String>, org: impl Into<String>, children: Vec<Node>) -> Node {
        Node { id: id.into(), org: org.into(), weight: None, body: Body::Branch(children) }
    }

    #[must_use]
    pub fn weighted(mut self, weight: Weight) -> Node {
        self.weight = Some(weight);
        self
    }

    /// T-2: the roll-up of this node and every node below it.
    #[must_use]
    pub fn rollup(&self, rules: &RollupRules) -> Rolled {
        match &self.body {
            Body::Leaf(p) => Rolled {
                id: self.id.clone(),
                org: self.org.clone(),
                progress: match (p, rules.unreported) {
                    (Some(p), _) => Some(*p),
                    (None, Unreported::CountAsZero) => Some(Progress::ZERO),
                    (None, Unreported::Skip) => None,
                },
                method: RollupMethod::Reported,
                children: Vec::new(),
            },
            Body::Branch(children) => {
                let rolled: Vec<Rolled> = children.iter().map(|c| c.rollup(rules)).collect();
                let counted: Vec<(Option<Weight>, Progress)> =
                    children.iter().zip(&rolled).filter_map(|(c, r)| r.progress.map(|p| (c.weight, p))).collect();
                let (progress, method) = combine(&counted);
                Rolled { id: self.id.clone(), org: self.org.clone(), progress, method, children: rolled }
            }
        }
    }
}

/// Averages children's progress by the rule in the module doc.
fn combine(children: &[(Option<Weight>, Progress)]) -> (Option<Progress>, RollupMethod) {
    if children.is_empty() {
        return (None, RollupMethod::Empty);
    }
    let plain = || {
        let sum: f64 = children.iter().map(|(_, p)| p.0).sum();
        Progress::clamped(sum / children.len() as f64)
    };
    let weighted = children.iter().filter(|(w, _)| w.is_some()).count();
    if weighted == 0 {
        return (Some(plain()), RollupMethod::Average);
    }
    if weighted < children.len() {
        return (Some(plain()), RollupMethod::MixedWeights);
    }
    let total: f64 = children.iter().map(|(w, _)| w.map_or(0.0, Weight::value)).sum();
    if total <= 0.0 {
        return (Some(plain()), RollupMethod::ZeroWeights);
    }
    let sum: f64 = children.iter().map(|(w, p)| w.map_or(0.0, Weight::value) * p.0).sum();
    (Some(Progress::clamped(sum / total)), RollupMethod::Weighted)
}

/// What a child without any progress counts as (a leaf with no report yet,
/// a branch whose sub-tasks have none).
///
/// **\[open\]** Decidim's users asked to "define how the average treats empty
/// children" (research A.3, decidim-barcelona #193); the research does not
/// settle it. `CountAsZero` is the cautious reading (nothing reported =
/// nothing done); `Skip` averages only what was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unreported {
    CountAsZero,
    Skip,
}

/// The parameters of the roll-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RollupRules {
    pub unreported: Unreported,
}

/// How a node's progress was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RollupMethod {
    /// A leaf: as reported (or the [`Unreported`] rule).
    Reported,
    /// Every counted child weighted: Σ wᵢpᵢ / Σ wᵢ.
    Weighted,
    /// No child weighted: the plain average.
    Average,
    /// Some children weighted, some not: the plain average, weights ignored.
    MixedWeights,
    /// Every weight 0: the plain average.
    ZeroWeights,
    /// No child with progress: no progress.
    Empty,
}

/// A node's rolled-up progress, with its children's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rolled {
    pub id: String,
    pub org: String,
    pub progress: Option<Progress>,
    pub method: RollupMethod,
    pub children: Vec<Rolled>,
}

impl Rolled {
    /// The rolled-up node with this id (a subtree's progress), depth first.
    #[must_use]
    pub fn find(&self, id: &str) -> Option<&Rolled> {
        if self.id == id {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(id))
    }
}

/// A task of a [`Cascade`]: the roll-up's input without names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlatTask {
    /// The index of the task it is cascaded from, in the same cascade;
    /// `None` (or an index out of range) for a top task.
    pub parent: Option<usize>,
    /// Its weight in its parent's roll-up.
    pub weight: Option<Weight>,
    /// Its latest reported progress; `None` = nothing reported yet.
    pub progress: Option<Progress>,
    /// Withdrawn (cancelled): left out of its parent's roll-up, with
    /// everything below it, as if it had never been cascaded. Its own
    /// roll-up (of the tasks below it) is still computed.
    pub withdrawn: bool,
}

/// T-2 on a forest of tasks given as a flat list with parent indices, all
/// computed at once without building [`Node`]s: the same roll-up as
/// [`Node::rollup`] of the trees where a task's children are the tasks
/// whose `parent` it is, except the withdrawn ones, in index order, a task
/// without such children being a leaf with its own progress (the same
/// arithmetic in the same order, so the same `f64`s; property-tested).
///
/// The [`Rolled`] tree of a task is built only on request
/// ([`Cascade::rolled`]), with the caller's ids and organizations: a caller
/// that needs only figures allocates no text. A task in a circle of parents
/// (which reaches no top) is not rolled up.
#[derive(Debug, Clone)]
pub struct Cascade {
    /// Counted children of task `i`: `kids[start[i]..start[i + 1]]`, in
    /// index order.
    start: Vec<usize>,
    kids: Vec<usize>,
    /// Each task's roll-up; `None` only in a circle.
    rolled: Vec<Option<(Option<Progress>, RollupMethod)>>,
    /// How many tasks each task's counted tree holds (itself included).
    size: Vec<usize>,
}

impl Cascade {
    /// Rolls up every task of `tasks` under `rules`.
    #[must_use]
    pub fn new(tasks: &[FlatTask], rules: &RollupRules) -> Cascade {
        let n = tasks.len();
        let parent = |t: &FlatTask| t.parent.filter(|p| *p < n);
        // Counted children, in index order (a counting sort by parent).
        let mut start = vec![0usize; n + 1];
        for t in tasks {
            if let Some(p) = parent(t)
                && !t.withdrawn
            {
                start[p + 1] += 1;
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut kids = vec![0usize; start[n]];
        for (i, t) in tasks.iter().enumerate() {
            if let Some(p) = parent(t)
                && !t.withdrawn
            {
                kids[fill[p]] = i;
                fill[p] += 1;
            }
        }
        // Bottom-up from every root of the counted forest (a top, or a
        // withdrawn task, cut from its parent), children before parents.
        let mut rolled: Vec<Option<(Option<Progress>, RollupMethod)>> = vec![None; n];
        let mut size = vec![0usize; n];
        let mut stack: Vec<(usize, bool)> = Vec::new();
        let mut counted: Vec<(Option<Weight>, Progress)> = Vec::new();
        for (root, t) in tasks.iter().enumerate() {
            if parent(t).is_some() && !t.withdrawn {
                continue;
            }
            stack.push((root, false));
            while let Some((i, expanded)) = stack.pop() {
                let own = &kids[start[i]..start[i + 1]];
                if !expanded && !own.is_empty() {
                    stack.push((i, true));
                    stack.extend(own.iter().rev().map(|k| (*k, false)));
                    continue;
                }
                rolled[i] = Some(if own.is_empty() {
                    size[i] = 1;
                    let progress = match (tasks[i].progress, rules.unreported) {
                        (Some(p), _) => Some(p),
                        (None, Unreported::CountAsZero) => Some(Progress::ZERO),
                        (None, Unreported::Skip) => None,
                    };
                    (progress, RollupMethod::Reported)
                } else {
                    counted.clear();
                    let mut below = 1;
                    for k in own {
                        below += size[*k];
                        if let Some((Some(p), _)) = rolled[*k] {
                            counted.push((tasks[*k].weight, p));
                        }
                    }
                    size[i] = below;
                    combine(&counted)
                });
            }
        }
        Cascade { start, kids, rolled, size }
    }

    /// How many tasks there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rolled.len()
    }

    /// No task at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rolled.is_empty()
    }

    /// Task `i`'s rolled-up progress and how it was obtained; `None` for a
    /// task in a circle.
    ///
    /// # Panics
    /// If `i` is not an index of the cascade.
    #[must_use]
    pub fn progress(&self, i: usize) -> Option<(Option<Progress>, RollupMethod)> {
        self.rolled[i]
    }

    /// Task `i`'s counted children (not withdrawn), in index order.
    #[must_use]
    pub fn children(&self, i: usize) -> &[usize] {
        &self.kids[self.start[i]..self.start[i + 1]]
    }

    /// How many tasks task `i`'s roll-up covers: itself and every counted
    /// task below it.
    #[must_use]
    pub fn size(&self, i: usize) -> usize {
        self.size[i]
    }

    /// Task `i`'s roll-up as a [`Rolled`] tree, each task named by `id` and
    /// `org`; `None` for a task in a circle.
    pub fn rolled(
        &self,
        i: usize,
        id: &mut impl FnMut(usize) -> String,
        org: &mut impl FnMut(usize) -> String,
    ) -> Option<Rolled> {
        let (progress, method) = self.rolled[i]?;
        let children = self.children(i).iter().filter_map(|k| self.rolled(*k, id, org)).collect();
        Some(Rolled { id: id(i), org: org(i), progress, method, children })
    }

    /// The plain average of some tasks' rolled-up progress, their weights
    /// not used, as [`Node::rollup`] of a branch holding them unweighted:
    /// [`RollupMethod::Average`], or [`RollupMethod::Empty`] when none has
    /// progress.
    #[must_use]
    pub fn average(&self, tasks: impl IntoIterator<Item = usize>) -> (Option<Progress>, RollupMethod) {
        let counted: Vec<(Option<Weight>, Progress)> =
            tasks.into_iter().filter_map(|i| self.rolled[i].and_then(|(p, _)| p)).map(|p| (None, p)).collect();
        combine(&counted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ZERO: RollupRules = RollupRules { unreported: Unreported::CountAsZero };
    const SKIP: RollupRules = RollupRules { unreported: Unreported::Skip };

    fn p(v: f64) -> Option<Progress> {
        Some(Progress::new(v).unwrap())
    }
    fn w(v: f64) -> Weight {
        Weight::new(v).unwrap()
    }
    fn pct(r: &Rolled) -> f64 {
        r.progress.unwrap().percent()
    }

    /// T-2: the cascade province → communes → cells rolls up per subtree.
    #[test]
    fn t2_cascade_rolls_up_per_subtree() {
        let tree = Node::branch(
            "KH-439",
            "TU",
            vec![
                Node::branch(
                    "xa-a",
                    "xa-a",
                    vec![Node::leaf("a1", "cb-1", p(100.0)), Node::leaf("a2", "cb-2", p(50.0))],
                ),
                Node::leaf("xa-b", "xa-b", p(0.0)),
            ],
        );
        let r = tree.rollup(&ZERO);
        assert_eq!(pct(r.find("xa-a").unwrap()), 75.0);
        assert_eq!(pct(&r), 37.5);
        assert_eq!(r.method, RollupMethod::Average);
        insta::assert_json_snapshot!("cascade", r);
    }

    /// T-2: weighted when every child has a weight; mixed and zero weights
    /// fall back to the plain average and say so.
    #[test]
    fn t2_weights() {
        let kids = |wa: Option<f64>, wb: Option<f64>| {
            let mut a = Node::leaf("a", "x", p(100.0));
            a.weight = wa.map(w);
            let mut b = Node::leaf("b", "y", p(0.0));
            b.weight = wb.map(w);
            Node::branch("t", "z", vec![a, b]).rollup(&ZERO)
        };
        let r = kids(Some(3.0), Some(1.0));
        assert_eq!((pct(&r), r.method), (75.0, RollupMethod::Weighted));
        let r = kids(Some(3.0), None);
        assert_eq!((pct(&r), r.method), (50.0, RollupMethod::MixedWeights));
        let r = kids(Some(0.0), Some(0.0));
        assert_eq!((pct(&r), r.method), (50.0, RollupMethod::ZeroWeights));
        let r = kids(Some(0.0), Some(2.0));
        assert_eq!((pct(&r), r.method), (0.0, RollupMethod::Weighted));
    }

    /// T-2: unreported children (\[open\] parameter) and empty branches.
    #[test]
    fn t2_unreported_and_empty() {
        let t = Node::branch("t", "z", vec![Node::leaf("a", "x", p(80.0)), Node::leaf("b", "y", None)]);
        assert_eq!(pct(&t.rollup(&ZERO)), 40.0);
        assert_eq!(pct(&t.rollup(&SKIP)), 80.0);
        let empty = Node::branch("e", "z", vec![]);
        assert_eq!(empty.rollup(&ZERO).progress, None);
        assert_eq!(empty.rollup(&ZERO).method, RollupMethod::Empty);
        let t = Node::branch("t", "z", vec![Node::leaf("a", "x", p(80.0)), empty]);
        assert_eq!(pct(&t.rollup(&ZERO)), 80.0, "an empty branch has no progress and is not counted");
    }

    #[test]
    fn t2_progress_and_weight_are_validated() {
        assert!(Progress::new(100.0).is_ok());
        assert_eq!(Progress::new(100.5), Err(TrackingError::ProgressOutOfRange(100.5)));
        assert!(Progress::new(f64::NAN).is_err());
        assert!(Weight::new(-1.0).is_err());
        assert!(Weight::new(f64::INFINITY).is_err());
        assert!(serde_json::from_str::<Progress>("101").is_err());
    }

    fn arb_progress() -> impl Strategy<Value = f64> {
        prop_oneof![Just(0.0), Just(100.0), 0.0..=100.0f64]
    }

    fn arb_tree() -> impl Strategy<Value = Node> {
        let leaf = (proptest::option::of(arb_progress()), proptest::option::of(0.0..10.0f64)).prop_map(|(pr, wt)| {
            Node { weight: wt.map(w), ..Node::leaf("l", "o", pr.map(|v| Progress::new(v).unwrap())) }
        });
        leaf.prop_recursive(4, 64, 6, |inner| {
            (proptest::collection::vec(inner, 0..6), proptest::option::of(0.0..10.0f64))
                .prop_map(|(kids, wt)| Node { weight: wt.map(w), ..Node::branch("b", "o", kids) })
        })
    }

    fn every(r: &Rolled, f: &mut impl FnMut(&Rolled)) {
        f(r);
        for c in &r.children {
            every(c, f);
        }
    }

    /// A random forest as a flat list: each task's parent an earlier task
    /// (or none), then the indices shuffled so that a parent may come after
    /// its children; some tasks withdrawn, some parents out of range.
    fn arb_flat() -> impl Strategy<Value = Vec<FlatTask>> {
        let task = (
            proptest::option::of(any::<proptest::sample::Index>()),
            proptest::option::of(prop_oneof![Just(0.0), 0.0..10.0f64]),
            proptest::option::of(arb_progress()),
            proptest::bool::weighted(0.15),
        );
        (proptest::collection::vec(task, 0..40), any::<u64>()).prop_map(|(raw, seed)| {
            let n = raw.len();
            // a permutation from the seed (Fisher–Yates with a small LCG)
            let mut perm: Vec<usize> = (0..n).collect();
            let mut x = seed | 1;
            for i in (1..n).rev() {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                perm.swap(i, usize::try_from(x >> 33).unwrap_or(0) % (i + 1));
            }
            let mut out = vec![FlatTask { parent: None, weight: None, progress: None, withdrawn: false }; n];
            for (i, (parent, weight, progress, withdrawn)) in raw.into_iter().enumerate() {
                let parent = match parent {
                    Some(ix) if i > 0 => Some(perm[ix.index(i)]),
                    // a parent the cascade does not hold: a top
                    Some(_) => Some(n + 3),
                    None => None,
                };
                out[perm[i]] = FlatTask {
                    parent,
                    weight: weight.map(w),
                    progress: progress.map(|v| Progress::new(v).unwrap()),
                    withdrawn,
                };
            }
            out
        })
    }

    /// The trees [`Cascade`] stands for, as [`Node`]s: a task's children
    /// are the tasks that name it as parent and are not withdrawn, in index
    /// order; a task without any is a leaf.
    fn node_of(tasks: &[FlatTask], i: usize) -> Node {
        let kids: Vec<Node> = (0..tasks.len())
            .filter(|k| tasks[*k].parent == Some(i) && !tasks[*k].withdrawn)
            .map(|k| node_of(tasks, k))
            .collect();
        let node = if kids.is_empty() {
            Node::leaf(i.to_string(), format!("o{i}"), tasks[i].progress)
        } else {
            Node::branch(i.to_string(), format!("o{i}"), kids)
        };
        Node { weight: tasks[i].weight, ..node }
    }

    fn count(r: &Rolled) -> usize {
        1 + r.children.iter().map(count).sum::<usize>()
    }

    /// T-2: a withdrawn sub-task is left out of its parent's roll-up with
    /// everything below it; a parent whose every sub-task was withdrawn is
    /// a leaf again, with its own progress; the withdrawn task's own
    /// roll-up still covers the tasks below it.
    #[test]
    fn t2_withdrawn_left_out() {
        let t = |parent: Option<usize>, progress: f64, withdrawn: bool| FlatTask {
            parent,
            weight: None,
            progress: p(progress),
            withdrawn,
        };
        let tasks = [
            t(None, 10.0, false),
            t(Some(0), 80.0, false),
            t(Some(0), 0.0, true),
            t(Some(2), 40.0, false),
            t(Some(5), 60.0, true),
            t(None, 30.0, false),
        ];
        let c = Cascade::new(&tasks, &ZERO);
        assert_eq!(c.progress(0), Some((p(80.0), RollupMethod::Average)), "the withdrawn 0 % left out");
        assert_eq!(c.size(0), 2);
        assert_eq!(c.children(0), &[1]);
        assert_eq!(c.progress(2), Some((p(40.0), RollupMethod::Average)), "its own page");
        assert_eq!(c.progress(5), Some((p(30.0), RollupMethod::Reported)), "a leaf again");
        assert_eq!(c.progress(4), Some((p(60.0), RollupMethod::Reported)), "its own page");
        assert_eq!(c.average([0, 5]), (p(55.0), RollupMethod::Average));
        assert_eq!(c.average([]), (None, RollupMethod::Empty));
        let rolled = c.rolled(0, &mut |i| i.to_string(), &mut |i| format!("o{i}")).unwrap();
        assert_eq!(rolled, node_of(&tasks, 0).rollup(&ZERO));
        assert_eq!(rolled.children.len(), 1);
    }

    /// A circle of parents reaches no top: not rolled up.
    #[test]
    fn t2_circle_not_rolled_up() {
        let t = |parent| FlatTask { parent: Some(parent), weight: None, progress: p(50.0), withdrawn: false };
        let c = Cascade::new(&[t(1), t(0)], &ZERO);
        assert_eq!((c.progress(0), c.progress(1)), (None, None));
        assert!(c.rolled(0, &mut |i| i.to_string(), &mut |_| String::new()).is_none());
        assert_eq!(c.len(), 2);
        assert!(Cascade::new(&[], &SKIP).is_empty());
    }

    proptest! {
        /// T-2: the flat roll-up is [`Node::rollup`] of the same trees, to
        /// the last bit, for every task (tops, withdrawn ones and those
        /// below), with the size of each tree; the average of tops is that
        /// of an unweighted branch holding them.
        #[test]
        fn t2_cascade_equals_node_rollup(tasks in arb_flat(), skip in any::<bool>()) {
            let rules = if skip { SKIP } else { ZERO };
            let c = Cascade::new(&tasks, &rules);
            prop_assert_eq!(c.len(), tasks.len());
            let mut tops = Vec::new();
            for i in 0..tasks.len() {
                let want = node_of(&tasks, i).rollup(&rules);
                let got = c.rolled(i, &mut |k| k.to_string(), &mut |k| format!("o{k}"));
                prop_assert_eq!(got.as_ref(), Some(&want));
                prop_assert_eq!(c.progress(i), Some((want.progress, want.method)));
                prop_assert_eq!(c.size(i), count(&want));
                if tasks[i].parent.is_none_or(|p| p >= tasks.len()) {
                    tops.push(i);
                }
            }
            let branch = Node::branch(
                "all",
                "o",
                tops.iter().map(|i| Node { weight: None, ..node_of(&tasks, *i) }).collect(),
            )
            .rollup(&rules);
            prop_assert_eq!(c.average(tops.iter().copied()), (branch.progress, branch.method));
        }

        /// T-2: every rolled-up value is within 0..=100.
        #[test]
        fn t2_bounded(tree in arb_tree(), skip in any::<bool>()) {
            let r = tree.rollup(if skip { &SKIP } else { &ZERO });
            every(&r, &mut |n| if let Some(p) = n.progress {
                assert!((0.0..=100.0).contains(&p.percent()));
            });
        }

        /// T-2: a plain average lies between its children's min and max.
        #[test]
        fn t2_plain_between_min_and_max(vals in proptest::collection::vec(arb_progress(), 1..20)) {
            let kids = vals.iter().map(|v| Node::leaf("l", "o", p(*v))).collect();
            let r = Node::branch("t", "o", kids).rollup(&ZERO);
            let min = vals.iter().copied().fold(f64::INFINITY, f64::min);
            let max = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(pct(&r) >= min - 1e-9 && pct(&r) <= max + 1e-9);
        }

        /// T-2: equal weights give the plain average.
        #[test]
        fn t2_equal_weights_are_plain(vals in proptest::collection::vec(arb_progress(), 1..20), wt in 0.001..100.0f64) {
            let plain = Node::branch("t", "o", vals.iter().map(|v| Node::leaf("l", "o", p(*v))).collect()).rollup(&ZERO);
            let weighted = Node::branch("t", "o", vals.iter().map(|v| Node::leaf("l", "o", p(*v)).weighted(w(wt))).collect()).rollup(&ZERO);
            prop_assert_eq!(weighted.method, RollupMethod::Weighted);
            prop_assert!((pct(&plain) - pct(&weighted)).abs() < 1e-9);
        }

        /// T-2: a new child at the parent's value leaves the parent unchanged
        /// (plain, and weighted with any weight for the newcomer).
        #[test]
        fn t2_child_at_parent_value(
            vals in proptest::collection::vec((arb_progress(), 0.1..10.0f64), 1..20),
            weighted in any::<bool>(),
            new_w in 0.0..10.0f64,
        ) {
            let mk = |v: f64, wt: f64| {
                let n = Node::leaf("l", "o", p(v));
                if weighted { n.weighted(w(wt)) } else { n }
            };
            let mut kids: Vec<Node> = vals.iter().map(|(v, wt)| mk(*v, *wt)).collect();
            let before = pct(&Node::branch("t", "o", kids.clone()).rollup(&ZERO));
            kids.push(mk(before, new_w));
            let after = pct(&Node::branch("t", "o", kids).rollup(&ZERO));
            prop_assert!((before - after).abs() < 1e-9, "{before} → {after}");
        }
    }
}
