//! Properties of the count that hold for any ballots (proptest).

use daihoi_election::ballot::Flags;
use daihoi_election::count::count;
use daihoi_election::{Ballot, Body, Choice, Election, Electorate, Marks, Meeting, RuleSet};
use proptest::prelude::*;

fn election(seats: u32, candidates: usize, convened: u32, issued: u32) -> Election {
    Election {
        title: "prop".into(),
        body: Body::Committee,
        electorate: Electorate { meeting: Meeting::MemberCongress, convened, present: issued, subtractions: vec![] },
        seats,
        ballots_issued: issued,
        candidates: (0..candidates).map(|i| format!("Ứng viên {i:02}")).collect(),
        rules: RuleSet::default(),
    }
}

/// An election with its ballots, crossing-out or agree/disagree depending on
/// the list, with every kind of flag.
fn case() -> impl Strategy<Value = (Election, Vec<Ballot>)> {
    (1u32..6, 1usize..9, 1u32..60).prop_flat_map(|(seats, candidates, convened)| {
        let crossing = candidates > seats as usize;
        let ballot = (
            proptest::collection::vec(0u8..4, candidates),
            proptest::bool::weighted(0.05),
            proptest::bool::weighted(0.05),
            proptest::bool::weighted(0.05),
        )
            .prop_map(move |(marks, not_issued, write_in, marked)| {
                let marks = if crossing {
                    Marks::CrossingOut(marks.iter().map(|m| *m < 2).collect())
                } else {
                    Marks::AgreeDisagree(
                        marks
                            .iter()
                            .map(|m| [Choice::Agree, Choice::Disagree, Choice::Both, Choice::Neither][*m as usize])
                            .collect(),
                    )
                };
                (marks, Flags { not_issued, write_in, marked })
            });
        proptest::collection::vec(ballot, 0..(convened as usize)).prop_map(move |raw| {
            let ballots: Vec<Ballot> = raw
                .into_iter()
                .enumerate()
                .map(|(i, (marks, flags))| Ballot { number: (i + 1).to_string(), marks, flags })
                .collect();
            (election(seats, candidates, convened, convened), ballots)
        })
    })
}

proptest! {
    /// valid + invalid = returned; no candidate has more votes than valid
    /// ballots; never more elected than seats; the elected all passed (R-PASS-1).
    #[test]
    fn count_invariants((e, ballots) in case()) {
        let c = count(&e, &ballots, &[]).unwrap();
        prop_assert_eq!(c.valid + c.invalid, c.returned);
        prop_assert_eq!(c.invalid_by_reason.values().sum::<u32>(), c.invalid);
        for r in &c.candidates {
            prop_assert!(r.votes <= c.valid);
            if let (Some(d), Some(n)) = (r.disagree, r.no_vote) {
                prop_assert_eq!(r.votes + d + n, c.valid);
            }
            prop_assert!(!r.elected || r.passed);
            prop_assert_eq!(r.passed, 2 * r.votes > c.base);
        }
        prop_assert!(c.elected.len() <= e.seats as usize);
    }

    /// The result does not depend on the order the ballots are counted in.
    #[test]
    fn ballot_order_does_not_matter((e, ballots) in case(), seed in any::<u64>()) {
        let mut shuffled = ballots.clone();
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(count(&e, &ballots, &[]).unwrap(), count(&e, &shuffled, &[]).unwrap());
    }

    /// The outcome is the same whichever way the list is ordered (any
    /// permutation, so any subset of the tied may come first): the same
    /// people elected, the same tied groups (R-RANK-2 never breaks a tie by
    /// list position).
    #[test]
    fn list_order_does_not_decide((e, ballots) in case(), seed in any::<u64>()) {
        let n = e.candidates.len();
        // A permutation of the list from the seed (Fisher–Yates, xorshift).
        let mut perm: Vec<usize> = (0..n).collect();
        let mut x = seed | 1;
        for i in (1..n).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            perm.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let permuted_names: Vec<String> = perm.iter().map(|&i| e.candidates[i].clone()).collect();
        let permute = |m: &Marks| match m {
            Marks::CrossingOut(k) => Marks::CrossingOut(perm.iter().map(|&i| k[i]).collect()),
            Marks::AgreeDisagree(c) => Marks::AgreeDisagree(perm.iter().map(|&i| c[i]).collect()),
        };
        let e2 = Election { candidates: permuted_names, ..e.clone() };
        let b2: Vec<Ballot> = ballots.iter().map(|b| Ballot { marks: permute(&b.marks), ..b.clone() }).collect();
        let (c1, c2) = (count(&e, &ballots, &[]).unwrap(), count(&e2, &b2, &[]).unwrap());
        let mut s1 = c1.elected.clone(); s1.sort();
        let mut s2 = c2.elected.clone(); s2.sort();
        prop_assert_eq!(s1, s2);
        let groups = |c: &daihoi_election::Count| {
            let mut g: Vec<Vec<String>> = c.decisions_needed.iter().filter_map(|d| match d {
                daihoi_election::DecisionPoint::TieAtCutoff { candidates, .. } => {
                    let mut v = candidates.clone(); v.sort(); Some(v)
                }
                _ => None,
            }).collect();
            g.sort();
            g
        };
        prop_assert_eq!(groups(&c1), groups(&c2));
        prop_assert_eq!(c1.candidates.len(), n);
    }
}

/// Ballots for a further round, marks drawn from `seed` (all issued ballots returned).
fn further_ballots(e: &Election, seed: u64) -> Vec<Ballot> {
    let n = e.candidates.len();
    let mut x = seed | 1;
    (0..e.ballots_issued)
        .map(|b| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let marks = if n > e.seats as usize {
                Marks::CrossingOut((0..n).map(|i| (x >> (i % 60)) & 1 == 1).collect())
            } else {
                Marks::AgreeDisagree(
                    (0..n).map(|i| if (x >> (i % 60)) & 1 == 1 { Choice::Agree } else { Choice::Disagree }).collect(),
                )
            };
            Ballot { number: (b + 1).to_string(), marks, flags: Flags::default() }
        })
        .collect()
}

proptest! {
    /// Over any chain of further rounds the congress may decide (R-RANK-2,
    /// R-RANK-3): never more elected than the first round's seats, nobody
    /// elected twice, every further round linked to the decision that opened it.
    #[test]
    fn rounds_never_elect_more_than_the_seats((e, ballots) in case(), seed in any::<u64>()) {
        use daihoi_election::{Decision, DecisionAction, DecisionPoint, PointKind, Proceedings};
        let seats = e.seats as usize;
        let mut p = Proceedings::new(e.clone());
        p.record_count(count(&e, &ballots, &[]).unwrap()).unwrap();
        for step in 0..4u64 {
            let Some((round, point)) = p.open_points().into_iter().find(|(_, d)| !matches!(d, DecisionPoint::TieInOrder { .. })) else { break };
            let (seats_open, list) = match &point {
                DecisionPoint::TieAtCutoff { seats, candidates } => (*seats, candidates.clone()),
                DecisionPoint::SeatsUnfilled { seats } => {
                    let elected = p.elected();
                    let rest: Vec<String> = e.candidates.iter().filter(|c| !elected.contains(c)).cloned().collect();
                    if rest.is_empty() { break; }
                    (*seats, rest)
                }
                DecisionPoint::TieInOrder { .. } => unreachable!(),
            };
            let decision = Decision {
                round,
                point: PointKind::of(&point),
                decided_by: "Đoàn Chủ tịch".into(),
                at: "16:00".into(),
                reason: String::new(),
                action: DecisionAction::FurtherRound { seats: seats_open, candidates: list, ballots_issued: e.ballots_issued, present: None },
            };
            p.decide(decision).unwrap();
            let next = p.awaiting().unwrap().clone();
            prop_assert_eq!(next.opened_by.as_ref().map(|d| d.round), Some(round));
            let c = count(&next.election, &further_ballots(&next.election, seed.wrapping_add(step)), &[]).unwrap();
            p.record_count(c).unwrap();
        }
        let elected = p.elected();
        prop_assert!(elected.len() <= seats, "{} elected for {} seats", elected.len(), seats);
        let mut unique = elected.clone();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), elected.len());
    }
}
