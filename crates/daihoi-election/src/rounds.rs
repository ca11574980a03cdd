//! Rounds and the congress's decisions (R-RANK-2, R-RANK-3, R-DELEG-1), and
//! withdrawals from the list (R-LIST-7).
//!
//! The engine counts, the congress decides: a count that ends at a
//! [`DecisionPoint`] waits for a recorded [`Decision`] (who, when, what). A
//! decision may open a further round, linked to the round it answers; the
//! engine never opens one by itself.

use serde::Serialize;

use crate::ElectionError;
use crate::count::{Count, DecisionPoint, Election};

/// The kind of decision point a decision answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    TieAtCutoff,
    SeatsUnfilled,
    TieInOrder,
}

impl PointKind {
    pub const ALL: [PointKind; 3] = [PointKind::TieAtCutoff, PointKind::SeatsUnfilled, PointKind::TieInOrder];

    pub fn code(self) -> &'static str {
        match self {
            PointKind::TieAtCutoff => "tie_at_cutoff",
            PointKind::SeatsUnfilled => "seats_unfilled",
            PointKind::TieInOrder => "tie_in_order",
        }
    }

    pub fn of(point: &DecisionPoint) -> PointKind {
        match point {
            DecisionPoint::TieAtCutoff { .. } => PointKind::TieAtCutoff,
            DecisionPoint::SeatsUnfilled { .. } => PointKind::SeatsUnfilled,
            DecisionPoint::TieInOrder { .. } => PointKind::TieInOrder,
        }
    }
}

/// What the congress decided on a decision point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum DecisionAction {
    /// A further round (bầu tiếp): the seats it fills and its list, in
    /// ballot order. After a tie (R-RANK-2) the list is taken from the tied;
    /// after unfilled seats (R-RANK-3) it is any list of people not yet elected.
    FurtherRound {
        seats: u32,
        candidates: Vec<String>,
        ballots_issued: u32,
        /// Present at this round, if it differs from the first round.
        present: Option<u32>,
    },
    /// No further round: the seats stay unfilled, the tied are not elected.
    NoFurtherRound,
    /// R-DELEG-1: the alternates' order among the tied, as the congress set it.
    Order { order: Vec<String> },
}

impl DecisionAction {
    pub fn code(&self) -> &'static str {
        match self {
            DecisionAction::FurtherRound { .. } => "further_round",
            DecisionAction::NoFurtherRound => "no_further_round",
            DecisionAction::Order { .. } => "order",
        }
    }
}

/// A recorded decision of the congress or its presidium on a decision point
/// (quyết định của Đại hội): who took it, when, why and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The round whose decision point this answers (1 = the first).
    pub round: u32,
    pub point: PointKind,
    pub decided_by: String,
    pub at: String,
    pub reason: String,
    #[serde(flatten)]
    pub action: DecisionAction,
}

/// R-LIST-7: a withdrawal from the list (rút khỏi danh sách bầu cử). Nobody
/// withdraws on their own: the congress decides, and the decision is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Withdrawal {
    pub name: String,
    pub decided_by: String,
    pub at: String,
    pub reason: String,
}

/// R-LIST-7: the list without the withdrawn names (which are not printed),
/// in the same order. Every withdrawal must name someone on the list and
/// carry who decided it.
pub fn withdraw(list: &[String], withdrawals: &[Withdrawal]) -> Result<Vec<String>, ElectionError> {
    for w in withdrawals {
        if !list.iter().any(|n| n == &w.name) {
            return Err(ElectionError::WithdrawalNotOnList(w.name.clone()));
        }
        if w.decided_by.trim().is_empty() {
            return Err(ElectionError::WithdrawalNotDecided(w.name.clone()));
        }
    }
    Ok(list.iter().filter(|n| !withdrawals.iter().any(|w| &w.name == *n)).cloned().collect())
}

/// One round of voting (lần bầu): its election, the decision that opened it
/// (none for the first) and its count once the ballots are in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    pub number: u32,
    pub election: Election,
    pub opened_by: Option<Decision>,
    pub count: Option<Count>,
}

/// An election from its first round to its result: the rounds, linked by the
/// decisions that opened them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proceedings {
    rounds: Vec<Round>,
    decisions: Vec<Decision>,
}

impl Proceedings {
    pub fn new(first: Election) -> Proceedings {
        Proceedings {
            rounds: vec![Round { number: 1, election: first, opened_by: None, count: None }],
            decisions: vec![],
        }
    }

    pub fn rounds(&self) -> &[Round] {
        &self.rounds
    }

    /// Every decision recorded, in the order recorded.
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// The round waiting for its ballots, if any.
    pub fn awaiting(&self) -> Option<&Round> {
        self.rounds.last().filter(|r| r.count.is_none())
    }

    /// Records the count of the round waiting for its ballots.
    pub fn record_count(&mut self, count: Count) -> Result<(), ElectionError> {
        let round = self.rounds.last_mut().filter(|r| r.count.is_none()).ok_or(ElectionError::NoRoundAwaiting)?;
        round.count = Some(count);
        Ok(())
    }

    /// The decision points of `round` that no decision has answered yet.
    fn open_in<'r>(&self, round: &'r Round) -> Vec<&'r DecisionPoint> {
        let Some(count) = &round.count else { return vec![] };
        count
            .decisions_needed
            .iter()
            .filter(|p| !self.decisions.iter().any(|d| d.round == round.number && answers(d, p)))
            .collect()
    }

    /// Decision points still waiting for the congress, with their round.
    pub fn open_points(&self) -> Vec<(u32, DecisionPoint)> {
        self.rounds.iter().flat_map(|r| self.open_in(r).into_iter().map(|p| (r.number, p.clone()))).collect()
    }

    /// Records `decision`; a further round becomes the round awaiting its
    /// ballots. Refused when the decision does not answer an open decision
    /// point of a counted round, or does not fit it.
    pub fn decide(&mut self, decision: Decision) -> Result<(), ElectionError> {
        let refuse = |why: String| ElectionError::DecisionRefused { round: decision.round, why };
        if decision.decided_by.trim().is_empty() {
            return Err(refuse("it does not say who decided (decided_by)".into()));
        }
        let index = (decision.round as usize).checked_sub(1).filter(|&i| i < self.rounds.len());
        let Some(round) = index.map(|i| &self.rounds[i]).filter(|r| r.count.is_some()) else {
            return Err(refuse("that round has not been counted".into()));
        };
        let open = self.open_in(round);
        let kind_open: Vec<&DecisionPoint> = open.into_iter().filter(|p| PointKind::of(p) == decision.point).collect();
        let point = match (&decision.action, kind_open.as_slice()) {
            (_, []) => return Err(refuse(format!("no open decision point {} in that round", decision.point.code()))),
            (DecisionAction::Order { order }, points) => points
                .iter()
                .find(|p| matches!(p, DecisionPoint::TieInOrder { candidates } if same_names(candidates, order)))
                .ok_or_else(|| refuse("the order must list exactly the candidates tied in order".into()))?,
            (_, [p, ..]) => p,
        };
        let next = match (&decision.action, *point) {
            (
                DecisionAction::FurtherRound { seats, candidates, ballots_issued, present },
                DecisionPoint::TieAtCutoff { seats: open, candidates: tied },
            ) => {
                if let Some(n) = candidates.iter().find(|n| !tied.contains(n)) {
                    return Err(refuse(format!("{n} is not among the tied ({})", tied.join(", "))));
                }
                self.further_round(&decision, *seats, *open, candidates, *ballots_issued, *present)?
            }
            (
                DecisionAction::FurtherRound { seats, candidates, ballots_issued, present },
                DecisionPoint::SeatsUnfilled { seats: open },
            ) => {
                let elected = self.elected();
                if let Some(n) = candidates.iter().find(|n| elected.contains(n)) {
                    return Err(refuse(format!("{n} is already elected")));
                }
                self.further_round(&decision, *seats, *open, candidates, *ballots_issued, *present)?
            }
            (
                DecisionAction::NoFurtherRound,
                DecisionPoint::TieAtCutoff { .. } | DecisionPoint::SeatsUnfilled { .. },
            )
            | (DecisionAction::Order { .. }, DecisionPoint::TieInOrder { .. }) => None,
            (action, _) => {
                return Err(refuse(format!(
                    "{} does not answer {} (further_round or no_further_round answer a tie at the cut-off or \
                     unfilled seats; order answers a tie in the alternates' order)",
                    action.code(),
                    decision.point.code()
                )));
            }
        };
        self.decisions.push(decision);
        if let Some(round) = next {
            self.rounds.push(round);
        }
        Ok(())
    }

    fn further_round(
        &self,
        decision: &Decision,
        seats: u32,
        open: u32,
        candidates: &[String],
        ballots_issued: u32,
        present: Option<u32>,
    ) -> Result<Option<Round>, ElectionError> {
        let refuse = |why: String| ElectionError::DecisionRefused { round: decision.round, why };
        let last = self.rounds.last().expect("there is always a first round");
        if last.number != decision.round {
            return Err(refuse(format!("a further round can only follow the last round ({})", last.number)));
        }
        if seats == 0 || seats > open {
            return Err(refuse(format!("a further round fills 1 to {open} seat(s), not {seats}")));
        }
        if candidates.is_empty() {
            return Err(refuse("a further round needs a list".into()));
        }
        if let Some((_, n)) = candidates.iter().enumerate().find(|(i, n)| candidates[..*i].contains(n)) {
            return Err(refuse(format!("{n} is twice on the list")));
        }
        crate::list::check_names(candidates).map_err(|e| refuse(e.to_string()))?;
        let first = &self.rounds[0].election;
        let mut election = first.clone();
        election.seats = seats;
        election.candidates = candidates.to_vec();
        election.ballots_issued = ballots_issued;
        if let Some(p) = present {
            election.electorate.present = p;
        }
        // The same base in every round; those present in this round are
        // still among those convened (R-BASE-1/2/3).
        election.electorate.base(&election.rules).map_err(|e| refuse(e.to_string()))?;
        Ok(Some(Round { number: last.number + 1, election, opened_by: Some(decision.clone()), count: None }))
    }

    /// Everyone elected, round by round; within a round most votes first,
    /// with the alternates' order set by the congress where it was tied.
    pub fn elected(&self) -> Vec<String> {
        let mut out = Vec::new();
        for round in &self.rounds {
            let Some(count) = &round.count else { continue };
            let mut elected = count.elected.clone();
            for d in self.decisions.iter().filter(|d| d.round == round.number) {
                if let DecisionAction::Order { order } = &d.action
                    && let Some(start) = elected.iter().position(|n| order.contains(n))
                {
                    elected[start..start + order.len()].clone_from_slice(order);
                }
            }
            out.extend(elected);
        }
        out
    }
}

/// Whether `decision` answers `point` (same kind; for a tie in order, the same group).
fn answers(decision: &Decision, point: &DecisionPoint) -> bool {
    if PointKind::of(point) != decision.point {
        return false;
    }
    match (point, &decision.action) {
        (DecisionPoint::TieInOrder { candidates }, DecisionAction::Order { order }) => same_names(candidates, order),
        _ => true,
    }
}

fn same_names(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|n| b.contains(n)) && b.iter().all(|n| a.contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballot::{Ballot, Flags, Marks};
    use crate::base::{Electorate, Meeting};
    use crate::count::count;
    use crate::list::Body;
    use crate::rules::RuleSet;

    fn election(body: Body, seats: u32, names: &[&str], base: u32) -> Election {
        Election {
            title: "Bầu thử".into(),
            body,
            electorate: Electorate {
                meeting: Meeting::MemberCongress,
                convened: base,
                present: base,
                subtractions: vec![],
            },
            seats,
            ballots_issued: base,
            candidates: names.iter().map(|s| (*s).to_owned()).collect(),
            rules: RuleSet::default(),
        }
    }

    /// Ballots giving exactly `votes` (each ballot keeps at most `seats` names).
    fn ballots(votes: &[u32], seats: usize, total: usize) -> Vec<Ballot> {
        let mut left = votes.to_vec();
        (0..total)
            .map(|b| {
                let mut order: Vec<usize> = (0..votes.len()).collect();
                order.sort_by(|&x, &y| left[y].cmp(&left[x]));
                let mut kept = vec![false; votes.len()];
                for &i in order.iter().take(seats) {
                    if left[i] > 0 {
                        kept[i] = true;
                        left[i] -= 1;
                    }
                }
                Ballot { number: (b + 1).to_string(), marks: Marks::CrossingOut(kept), flags: Flags::default() }
            })
            .collect()
    }

    fn decision(round: u32, point: PointKind, action: DecisionAction) -> Decision {
        Decision {
            round,
            point,
            decided_by: "Đoàn Chủ tịch, Đại hội biểu quyết".into(),
            at: "2025-06-20 16:00".into(),
            reason: String::new(),
            action,
        }
    }

    fn further(seats: u32, names: &[&str]) -> DecisionAction {
        DecisionAction::FurtherRound {
            seats,
            candidates: names.iter().map(|s| (*s).to_owned()).collect(),
            ballots_issued: 20,
            present: None,
        }
    }

    /// W8 continued (R-RANK-2): the tie {H, I} for 1 seat is answered by a
    /// recorded further round among the tied; its winner joins A–G.
    #[test]
    fn r_rank_2_a_decision_opens_a_linked_further_round() {
        let names = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];
        let first = election(Body::Committee, 8, &names, 20);
        let mut p = Proceedings::new(first.clone());
        let c1 = count(&first, &ballots(&[18, 17, 16, 15, 14, 13, 12, 11, 11, 9], 8, 20), &[]).unwrap();
        p.record_count(c1).unwrap();
        assert_eq!(p.open_points().len(), 1);
        assert!(p.awaiting().is_none(), "the engine never opens a round by itself");
        p.decide(decision(1, PointKind::TieAtCutoff, further(1, &["H", "I"]))).unwrap();
        let round2 = p.awaiting().unwrap().clone();
        assert_eq!((round2.number, round2.election.seats), (2, 1));
        assert_eq!(round2.opened_by.as_ref().map(|d| d.round), Some(1));
        assert!(p.open_points().is_empty());
        // Round 2: H 12, I 8 of base 20.
        let c2 = count(&round2.election, &ballots(&[12, 8], 1, 20), &[]).unwrap();
        p.record_count(c2).unwrap();
        assert_eq!(p.elected(), ["A", "B", "C", "D", "E", "F", "G", "H"]);
        assert!(p.open_points().is_empty());
    }

    /// A further round after a tie is among the tied only; the seats are at
    /// most those open; a decision must say who took it and answer an open point.
    #[test]
    fn decisions_that_do_not_fit_are_refused() {
        let first = election(Body::Committee, 2, &["A", "B", "C"], 10);
        let mut p = Proceedings::new(first.clone());
        p.record_count(count(&first, &ballots(&[8, 6, 6], 2, 10), &[]).unwrap()).unwrap();
        let refused =
            |p: &mut Proceedings, d: Decision| matches!(p.decide(d), Err(ElectionError::DecisionRefused { .. }));
        assert!(refused(&mut p, decision(1, PointKind::TieAtCutoff, further(1, &["A", "B"]))), "A is not tied");
        assert!(refused(&mut p, decision(1, PointKind::TieAtCutoff, further(2, &["B", "C"]))), "1 seat open");
        assert!(refused(&mut p, decision(1, PointKind::SeatsUnfilled, further(1, &["B", "C"]))), "no such point");
        assert!(refused(&mut p, decision(2, PointKind::TieAtCutoff, further(1, &["B", "C"]))), "no round 2");
        let order = DecisionAction::Order { order: vec!["B".into(), "C".into()] };
        assert!(refused(&mut p, decision(1, PointKind::TieAtCutoff, order)), "order answers a tie in order");
        let mut anonymous = decision(1, PointKind::TieAtCutoff, further(1, &["B", "C"]));
        anonymous.decided_by = " ".into();
        assert!(refused(&mut p, anonymous));
        // No further round: the seat stays unfilled and the point is closed.
        p.decide(decision(1, PointKind::TieAtCutoff, DecisionAction::NoFurtherRound)).unwrap();
        assert!(p.awaiting().is_none() && p.open_points().is_empty());
        assert_eq!(p.elected(), ["A"]);
        assert!(refused(&mut p, decision(1, PointKind::TieAtCutoff, further(1, &["B", "C"]))), "already answered");
    }

    /// A further round's electorate is the first round's: those present in
    /// it are still among those convened (R-BASE-1), and its list's names are
    /// printed in full (R-BALLOT-1).
    #[test]
    fn a_further_round_with_an_impossible_electorate_or_an_empty_name_is_refused() {
        let first = election(Body::Committee, 2, &["A", "B", "C"], 10);
        let mut p = Proceedings::new(first.clone());
        p.record_count(count(&first, &ballots(&[8, 6, 6], 2, 10), &[]).unwrap()).unwrap();
        let mut crowded = decision(1, PointKind::TieAtCutoff, further(1, &["B", "C"]));
        if let DecisionAction::FurtherRound { present, .. } = &mut crowded.action {
            *present = Some(11);
        }
        let err = p.decide(crowded).unwrap_err().to_string();
        assert!(err.contains("R-BASE-1: 11 present but only 10 convened"), "{err}");
        assert!(p.awaiting().is_none(), "no round was opened");
        // Unfilled seats: a new list, but not with an empty name.
        let first = election(Body::Committee, 3, &["A", "B", "C", "D"], 10);
        let mut p = Proceedings::new(first.clone());
        p.record_count(count(&first, &ballots(&[9, 4, 4, 3], 3, 10), &[]).unwrap()).unwrap();
        let err = p.decide(decision(1, PointKind::SeatsUnfilled, further(2, &["B", " ", "E"]))).unwrap_err();
        assert!(err.to_string().contains("R-BALLOT-1: the name of candidate number 2 is empty"), "{err}");
        assert!(p.awaiting().is_none(), "no round was opened");
    }

    /// R-RANK-3: unfilled seats; the congress may vote again on a new list,
    /// but not on someone already elected.
    #[test]
    fn r_rank_3_a_further_round_for_unfilled_seats() {
        let first = election(Body::Committee, 3, &["A", "B", "C", "D"], 10);
        let mut p = Proceedings::new(first.clone());
        p.record_count(count(&first, &ballots(&[9, 4, 4, 3], 3, 10), &[]).unwrap()).unwrap();
        assert_eq!(p.open_points(), vec![(1, DecisionPoint::SeatsUnfilled { seats: 2 })]);
        let refused = p.decide(decision(1, PointKind::SeatsUnfilled, further(2, &["A", "E"])));
        assert!(matches!(refused, Err(ElectionError::DecisionRefused { .. })), "A is elected already");
        p.decide(decision(1, PointKind::SeatsUnfilled, further(2, &["B", "E", "F"]))).unwrap();
        let r2 = p.awaiting().unwrap().election.clone();
        assert_eq!(r2.candidates, ["B", "E", "F"]);
        p.record_count(count(&r2, &ballots(&[7, 6, 2], 2, 10), &[]).unwrap()).unwrap();
        assert_eq!(p.elected(), ["A", "B", "E"]);
    }

    /// R-DELEG-1: the alternates' order among the tied is set by a recorded decision.
    #[test]
    fn r_deleg_1_order_decided() {
        let first = election(Body::Alternates, 3, &["A", "B", "C", "D"], 10);
        let mut p = Proceedings::new(first.clone());
        p.record_count(count(&first, &ballots(&[9, 7, 7, 2], 3, 10), &[]).unwrap()).unwrap();
        assert_eq!(p.elected(), ["A", "B", "C"]);
        let wrong = DecisionAction::Order { order: vec!["C".into(), "A".into()] };
        assert!(p.decide(decision(1, PointKind::TieInOrder, wrong)).is_err());
        let order = DecisionAction::Order { order: vec!["C".into(), "B".into()] };
        p.decide(decision(1, PointKind::TieInOrder, order)).unwrap();
        assert_eq!(p.elected(), ["A", "C", "B"]);
        assert!(p.open_points().is_empty());
    }

    /// R-LIST-7: only a recorded decision withdraws a name; the name is not printed.
    #[test]
    fn r_list_7_withdrawals() {
        let list: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        let w = |name: &str, by: &str| Withdrawal {
            name: name.into(),
            decided_by: by.into(),
            at: "2025-06-20 09:00".into(),
            reason: "xin rút vì lý do sức khỏe".into(),
        };
        assert_eq!(withdraw(&list, &[w("B", "Đại hội biểu quyết")]).unwrap(), ["A", "C"]);
        assert_eq!(withdraw(&list, &[w("B", "")]), Err(ElectionError::WithdrawalNotDecided("B".into())));
        assert_eq!(withdraw(&list, &[w("Z", "Đại hội")]), Err(ElectionError::WithdrawalNotOnList("Z".into())));
    }
}
