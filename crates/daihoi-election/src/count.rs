//! The count and its outcome (R-RESULT-1, R-PASS-1, R-RANK-*, R-DELEG-1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ElectionError;
use crate::ballot::{Ballot, BallotForm, Choice, InvalidReason, Marks, validity};
use crate::base::{Electorate, passes, votes_needed};
use crate::list::Body;
use crate::rules::RuleSet;

/// One election: one ballot for one body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Election {
    pub title: String,
    pub body: Body,
    pub electorate: Electorate,
    /// N, decided by the congress (R-BODY-2) or allotted (R-DELEG-1).
    pub seats: u32,
    pub ballots_issued: u32,
    /// The list in ballot order (R-LIST-8).
    pub candidates: Vec<String>,
    pub rules: RuleSet,
}

/// R-VALID-8: the board's ruling on a disputed ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRuling {
    pub ballot: String,
    pub valid: bool,
    pub reason: String,
}

/// A candidate's line of the count, in ballot order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateResult {
    pub name: String,
    /// Votes: names kept (crossing-out) or "agree" (agree/disagree).
    pub votes: u32,
    /// Agree/disagree form only: disagree, and neither-or-both.
    pub disagree: Option<u32>,
    pub no_vote: Option<u32>,
    /// R-PASS-1: more than half of the base.
    pub passed: bool,
    pub elected: bool,
}

/// Where the congress must decide before the result is complete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DecisionPoint {
    /// R-RANK-2: candidates with equal votes straddle the last seat(s).
    TieAtCutoff { seats: u32, candidates: Vec<String> },
    /// R-RANK-3: fewer passed than there are seats.
    SeatsUnfilled { seats: u32 },
    /// R-DELEG-1: elected alternates with equal votes: their replacement order.
    TieInOrder { candidates: Vec<String> },
}

/// The count of one election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub form: BallotForm,
    pub base: u32,
    /// The smallest passing number of votes (R-PASS-1).
    pub needed: u32,
    pub issued: u32,
    pub returned: u32,
    pub valid: u32,
    pub invalid: u32,
    /// Every reason, with zero where none.
    pub invalid_by_reason: BTreeMap<&'static str, u32>,
    pub candidates: Vec<CandidateResult>,
    /// Most votes first; equal votes in ballot order.
    pub elected: Vec<String>,
    pub decisions_needed: Vec<DecisionPoint>,
    /// Board rulings applied (R-VALID-8), for the minutes.
    pub rulings: Vec<BoardRuling>,
}

/// Votes as a percentage of the base, two decimals, rounded half up, with
/// a point (`86.21`): for display only; R-PASS-1 decides in integers.
pub fn percent(votes: u32, base: u32) -> String {
    if base == 0 {
        return "0.00".into();
    }
    let hundredths = (u64::from(votes) * 10_000 * 2 + u64::from(base)) / (2 * u64::from(base));
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// Counts `ballots` for `election`, with the board's `rulings` (R-VALID-8).
pub fn count(election: &Election, ballots: &[Ballot], rulings: &[BoardRuling]) -> Result<Count, ElectionError> {
    let mut tally = Tally::new(election, rulings)?;
    for b in ballots {
        tally.add(b)?;
    }
    tally.finish()
}

/// A count in progress: ballots are added one at a time, so a reader can
/// stream a million ballots without keeping them ([`count`] is this over a slice).
pub struct Tally<'e> {
    election: &'e Election,
    rulings: &'e [BoardRuling],
    /// Ballot number → the last ruling on it.
    ruling_by_ballot: std::collections::HashMap<&'e str, &'e BoardRuling>,
    base: u32,
    form: BallotForm,
    numbers: SeenNumbers,
    votes: Vec<u32>,
    disagree: Vec<u32>,
    no_vote: Vec<u32>,
    invalid_by_reason: [u32; InvalidReason::ALL.len()],
    valid: u32,
    returned: u32,
}

impl<'e> Tally<'e> {
    /// Checks the election (R-BASE-*, seats, the names R-BALLOT-1) and the
    /// rulings' reasons.
    pub fn new(election: &'e Election, rulings: &'e [BoardRuling]) -> Result<Tally<'e>, ElectionError> {
        let base = election.electorate.base(&election.rules)?;
        if election.seats == 0 {
            return Err(ElectionError::NoSeats);
        }
        crate::list::check_names(&election.candidates)?;
        let mut ruling_by_ballot = std::collections::HashMap::new();
        for r in rulings {
            if r.reason.trim().is_empty() {
                return Err(ElectionError::RulingWithoutReason(r.ballot.clone()));
            }
            ruling_by_ballot.insert(r.ballot.as_str(), r);
        }
        let n = election.candidates.len();
        Ok(Tally {
            election,
            rulings,
            ruling_by_ballot,
            base,
            form: BallotForm::for_list(n, election.seats),
            numbers: SeenNumbers::default(),
            votes: vec![0; n],
            disagree: vec![0; n],
            no_vote: vec![0; n],
            invalid_by_reason: [0; InvalidReason::ALL.len()],
            valid: 0,
            returned: 0,
        })
    }

    /// Adds one returned ballot.
    pub fn add(&mut self, b: &Ballot) -> Result<(), ElectionError> {
        let n = self.election.candidates.len();
        if b.marks.len() != n {
            return Err(ElectionError::WrongMarkCount { ballot: b.number.clone(), expected: n, got: b.marks.len() });
        }
        if b.marks.form() != self.form {
            return Err(ElectionError::WrongForm {
                ballot: b.number.clone(),
                expected: self.form.code(),
                got: b.marks.form().code(),
            });
        }
        if !self.numbers.insert(&b.number) {
            return Err(ElectionError::DuplicateBallot(b.number.clone()));
        }
        self.returned += 1;
        let ruling = if self.ruling_by_ballot.is_empty() { None } else { self.ruling_by_ballot.get(b.number.as_str()) };
        let outcome = match (validity(b, self.election.seats, &self.election.rules), ruling) {
            (_, Some(r)) if r.valid => Ok(()),
            (Err(reason), Some(_)) => Err(reason),
            (Ok(()), Some(_)) => Err(InvalidReason::BoardRuling),
            (v, None) => v,
        };
        match outcome {
            Err(reason) => {
                let i = InvalidReason::ALL.iter().position(|r| *r == reason).unwrap_or(0);
                self.invalid_by_reason[i] += 1;
            }
            Ok(()) => {
                self.valid += 1;
                // R-RESULT-1: only valid ballots are counted.
                match &b.marks {
                    Marks::CrossingOut(kept) => {
                        for (v, k) in self.votes.iter_mut().zip(kept) {
                            *v += u32::from(*k);
                        }
                    }
                    Marks::AgreeDisagree(choices) => {
                        for (i, c) in choices.iter().enumerate() {
                            match c {
                                Choice::Agree => self.votes[i] += 1,
                                Choice::Disagree => self.disagree[i] += 1,
                                // R-VALID-5: both or neither: no vote from this ballot.
                                Choice::Both | Choice::Neither => self.no_vote[i] += 1,
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The count, once every ballot is in.
    pub fn finish(self) -> Result<Count, ElectionError> {
        let Tally {
            election,
            rulings,
            base,
            form,
            numbers,
            votes,
            disagree,
            no_vote,
            valid,
            returned,
            invalid_by_reason,
            ..
        } = self;
        let electorate = &election.electorate;
        if base == 0 && returned > 0 {
            // R-BASE-1/2/3: nobody to vote, so nobody's vote is more than half.
            return Err(ElectionError::NoBaseWithBallots {
                rule: electorate.meeting.base_rule(),
                convened: electorate.convened,
                returned,
            });
        }
        if returned > election.ballots_issued {
            return Err(ElectionError::MoreReturnedThanIssued { returned, issued: election.ballots_issued });
        }
        if returned > electorate.present {
            return Err(ElectionError::MoreReturnedThanPresent { returned, present: electorate.present });
        }
        if let Some(r) = rulings.iter().find(|r| !numbers.contains(&r.ballot)) {
            return Err(ElectionError::RulingOnUnknownBallot(r.ballot.clone()));
        }
        let invalid_by_reason: BTreeMap<&'static str, u32> =
            InvalidReason::ALL.iter().zip(invalid_by_reason).map(|(r, n)| (r.code(), n)).collect();
        let (elected_idx, decisions) = outcome(&votes, base, election.seats, election.body);
        let mut candidates: Vec<CandidateResult> = election
            .candidates
            .iter()
            .enumerate()
            .map(|(i, name)| CandidateResult {
                name: name.clone(),
                votes: votes[i],
                disagree: (form == BallotForm::AgreeDisagree).then_some(disagree[i]),
                no_vote: (form == BallotForm::AgreeDisagree).then_some(no_vote[i]),
                passed: passes(votes[i], base),
                elected: false,
            })
            .collect();
        for &i in &elected_idx {
            candidates[i].elected = true;
        }
        let decisions = decisions
            .into_iter()
            .map(|d| match d {
                Pending::Tie { seats, group } => DecisionPoint::TieAtCutoff {
                    seats,
                    candidates: group.iter().map(|&i| election.candidates[i].clone()).collect(),
                },
                Pending::Unfilled(seats) => DecisionPoint::SeatsUnfilled { seats },
                Pending::Order(group) => DecisionPoint::TieInOrder {
                    candidates: group.iter().map(|&i| election.candidates[i].clone()).collect(),
                },
            })
            .collect();
        Ok(Count {
            form,
            base,
            needed: votes_needed(base),
            issued: election.ballots_issued,
            returned,
            valid,
            invalid: returned - valid,
            invalid_by_reason,
            candidates,
            elected: elected_idx.iter().map(|&i| election.candidates[i].clone()).collect(),
            decisions_needed: decisions,
            rulings: rulings.to_vec(),
        })
    }
}

/// The ballot numbers already counted, to refuse a ballot counted twice.
/// Plain numbers ("1" … "16777215", no leading zero) are bits of a bit set,
/// so a million ballots cost no allocation each; any other number ("A-07",
/// "007") goes in a hash set. "7" and "007" are different ballots.
#[derive(Default)]
struct SeenNumbers {
    bits: Vec<u64>,
    other: std::collections::HashSet<String>,
}

impl SeenNumbers {
    const MAX_PLAIN: usize = 1 << 24;

    fn plain(number: &str) -> Option<usize> {
        let bytes = number.as_bytes();
        if bytes.is_empty() || bytes.len() > 8 || bytes[0] == b'0' || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = bytes.iter().fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
        (n < Self::MAX_PLAIN).then_some(n)
    }

    /// Adds `number`; false if it was already there.
    fn insert(&mut self, number: &str) -> bool {
        match Self::plain(number) {
            Some(n) => {
                let (word, bit) = (n / 64, 1u64 << (n % 64));
                if word >= self.bits.len() {
                    self.bits.resize((word + 1).next_power_of_two(), 0);
                }
                let fresh = self.bits[word] & bit == 0;
                self.bits[word] |= bit;
                fresh
            }
            None => self.other.insert(number.to_owned()),
        }
    }

    fn contains(&self, number: &str) -> bool {
        match Self::plain(number) {
            Some(n) => self.bits.get(n / 64).is_some_and(|w| w & (1 << (n % 64)) != 0),
            None => self.other.contains(number),
        }
    }
}

/// A decision point by candidate index.
enum Pending {
    Tie { seats: u32, group: Vec<usize> },
    Unfilled(u32),
    Order(Vec<usize>),
}

/// R-PASS-1, R-RANK-1..3, R-DELEG-1: who is elected (indexes, most votes
/// first, equal votes in ballot order) and what the congress must decide.
fn outcome(votes: &[u32], base: u32, seats: u32, body: Body) -> (Vec<usize>, Vec<Pending>) {
    let mut passed: Vec<usize> = (0..votes.len()).filter(|&i| passes(votes[i], base)).collect();
    // Most votes first; the sort is stable, so equal votes keep ballot order.
    passed.sort_by(|&a, &b| votes[b].cmp(&votes[a]));
    let seats = seats as usize;
    let mut decisions = Vec::new();
    let elected: Vec<usize> = if passed.len() <= seats {
        // R-RANK-3: all who pass are elected; the rest is the congress's call.
        if passed.len() < seats {
            decisions.push(Pending::Unfilled((seats - passed.len()) as u32));
        }
        passed
    } else {
        // R-RANK-1: most votes down to N; R-RANK-2: a tie across the cut-off.
        let cutoff = votes[passed[seats - 1]];
        if votes[passed[seats]] == cutoff {
            let above: Vec<usize> = passed.iter().copied().filter(|&i| votes[i] > cutoff).collect();
            let group: Vec<usize> = {
                let mut g: Vec<usize> = passed.iter().copied().filter(|&i| votes[i] == cutoff).collect();
                g.sort_unstable();
                g
            };
            decisions.push(Pending::Tie { seats: (seats - above.len()) as u32, group });
            above
        } else {
            passed[..seats].to_vec()
        }
    };
    // R-DELEG-1: alternates replace in vote order; equal votes need a decision.
    if body == Body::Alternates {
        let mut i = 0;
        while i < elected.len() {
            let mut j = i + 1;
            while j < elected.len() && votes[elected[j]] == votes[elected[i]] {
                j += 1;
            }
            if j - i > 1 {
                let mut group = elected[i..j].to_vec();
                group.sort_unstable();
                decisions.push(Pending::Order(group));
            }
            i = j;
        }
    }
    (elected, decisions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballot::Flags;
    use crate::base::{Meeting, Subtraction};

    fn election(body: Body, seats: u32, names: &[&str], convened: u32, issued: u32) -> Election {
        Election {
            title: "Bầu thử".into(),
            body,
            electorate: Electorate {
                meeting: Meeting::MemberCongress,
                convened,
                present: issued,
                subtractions: vec![],
            },
            seats,
            ballots_issued: issued,
            candidates: names.iter().map(|s| (*s).to_owned()).collect(),
            rules: RuleSet::default(),
        }
    }

    fn crossing(number: usize, kept: &[bool]) -> Ballot {
        Ballot { number: number.to_string(), marks: Marks::CrossingOut(kept.to_vec()), flags: Flags::default() }
    }

    /// Ballots that give each candidate exactly `votes[i]` votes, each ballot
    /// keeping at most `seats` names (the greedy fill; the tests check the
    /// resulting votes).
    fn ballots_for(votes: &[u32], seats: usize, total: usize) -> Vec<Ballot> {
        let mut remaining = votes.to_vec();
        (0..total)
            .map(|b| {
                let mut kept = vec![false; votes.len()];
                let mut order: Vec<usize> = (0..votes.len()).collect();
                order.sort_by(|&x, &y| remaining[y].cmp(&remaining[x]));
                for &i in order.iter().take(seats) {
                    if remaining[i] > 0 {
                        kept[i] = true;
                        remaining[i] -= 1;
                    }
                }
                crossing(b + 1, &kept)
            })
            .collect()
    }

    /// W3 (R-PASS-1): base 20, 18 ballots back, 2 invalid; A has 10 votes:
    /// 2·10 = 20 is not more than 20, so A is not elected.
    #[test]
    fn w3_half_is_not_more_than_half() {
        let e = election(Body::Committee, 1, &["A", "B"], 20, 18);
        let mut ballots: Vec<Ballot> = (0..16).map(|i| crossing(i + 1, &[i < 10, i >= 10])).collect();
        ballots.push(crossing(17, &[false, false])); // all struck
        ballots.push(crossing(18, &[true, true])); // over seats
        let c = count(&e, &ballots, &[]).unwrap();
        assert_eq!((c.base, c.needed, c.returned, c.valid, c.invalid), (20, 11, 18, 16, 2));
        assert_eq!(c.candidates[0].votes, 10);
        assert!(!c.candidates[0].passed);
        assert!(c.elected.is_empty());
        assert_eq!(c.decisions_needed, vec![DecisionPoint::SeatsUnfilled { seats: 1 }]);
    }

    /// W8 (R-RANK-1, R-RANK-2): N = 8, base 20, votes A18 … H11 I11 J9:
    /// A–G elected; the tie {H, I} for 1 seat is a decision point.
    #[test]
    fn w8_tie_at_the_cutoff() {
        let names = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];
        let votes = [18, 17, 16, 15, 14, 13, 12, 11, 11, 9];
        let e = election(Body::Committee, 8, &names, 20, 20);
        let ballots = ballots_for(&votes, 8, 20);
        let c = count(&e, &ballots, &[]).unwrap();
        assert_eq!(c.candidates.iter().map(|r| r.votes).collect::<Vec<_>>(), votes);
        assert_eq!(c.elected, ["A", "B", "C", "D", "E", "F", "G"]);
        assert_eq!(
            c.decisions_needed,
            vec![DecisionPoint::TieAtCutoff { seats: 1, candidates: vec!["H".into(), "I".into()] }]
        );
        assert!(c.candidates[7].passed && !c.candidates[7].elected);
    }

    /// W7 (R-VALID-5) in a count: both boxes give no vote; the ballot is valid.
    #[test]
    fn w7_agree_disagree_count() {
        let e = election(Body::Delegates, 2, &["A", "B"], 3, 3);
        let ad = |n: usize, a: Choice, b: Choice| Ballot {
            number: n.to_string(),
            marks: Marks::AgreeDisagree(vec![a, b]),
            flags: Flags::default(),
        };
        let ballots = vec![
            ad(1, Choice::Both, Choice::Agree),
            ad(2, Choice::Agree, Choice::Agree),
            ad(3, Choice::Disagree, Choice::Neither),
        ];
        let c = count(&e, &ballots, &[]).unwrap();
        assert_eq!(c.form, BallotForm::AgreeDisagree);
        assert_eq!(c.valid, 3);
        assert_eq!((c.candidates[0].votes, c.candidates[0].disagree, c.candidates[0].no_vote), (1, Some(1), Some(1)));
        assert_eq!((c.candidates[1].votes, c.candidates[1].disagree, c.candidates[1].no_vote), (2, Some(0), Some(1)));
        assert_eq!(c.elected, ["B"]);
        assert_eq!(c.decisions_needed, vec![DecisionPoint::SeatsUnfilled { seats: 1 }]);
    }

    /// R-VALID-8: the board overrides validity, with a reason; rulings on
    /// unknown ballots or without reason are refused.
    #[test]
    fn r_valid_8_board_rulings() {
        let e = election(Body::Committee, 1, &["A", "B"], 4, 4);
        let mut flagged = crossing(3, &[true, false]);
        flagged.flags.marked = true;
        let ballots = vec![crossing(1, &[true, false]), crossing(2, &[true, false]), flagged];
        let plain = count(&e, &ballots, &[]).unwrap();
        assert_eq!((plain.valid, plain.candidates[0].votes), (2, 2));
        assert!(!plain.candidates[0].passed, "2 of base 4 is not more than half");
        let ruling =
            BoardRuling { ballot: "3".into(), valid: true, reason: "dấu tích vô ý, không nhận dạng".into() };
        let ruled = count(&e, &ballots, std::slice::from_ref(&ruling)).unwrap();
        assert_eq!((ruled.valid, ruled.candidates[0].votes), (3, 3));
        assert_eq!(ruled.elected, ["A"]);
        assert_eq!(ruled.rulings, vec![ruling]);
        let invalid = BoardRuling { ballot: "1".into(), valid: false, reason: "rách".into() };
        let c = count(&e, &ballots, &[invalid]).unwrap();
        assert_eq!(c.invalid_by_reason["board_ruling"], 1);
        let unknown = BoardRuling { ballot: "99".into(), valid: true, reason: "x".into() };
        assert!(matches!(count(&e, &ballots, &[unknown]), Err(ElectionError::RulingOnUnknownBallot(_))));
        let silent = BoardRuling { ballot: "1".into(), valid: true, reason: " ".into() };
        assert!(matches!(count(&e, &ballots, &[silent]), Err(ElectionError::RulingWithoutReason(_))));
    }

    /// Bad input: more ballots than issued, wrong widths and forms, duplicates.
    #[test]
    fn bad_input_is_refused() {
        let e = election(Body::Committee, 1, &["A", "B"], 4, 2);
        let three = vec![crossing(1, &[true, false]), crossing(2, &[true, false]), crossing(3, &[true, false])];
        assert!(matches!(count(&e, &three, &[]), Err(ElectionError::MoreReturnedThanIssued { .. })));
        assert!(matches!(count(&e, &[crossing(1, &[true])], &[]), Err(ElectionError::WrongMarkCount { .. })));
        let ad =
            Ballot { number: "1".into(), marks: Marks::AgreeDisagree(vec![Choice::Agree; 2]), flags: Flags::default() };
        assert!(matches!(count(&e, &[ad], &[]), Err(ElectionError::WrongForm { .. })));
        let dup = vec![crossing(1, &[true, false]), crossing(1, &[true, false])];
        assert!(matches!(count(&e, &dup, &[]), Err(ElectionError::DuplicateBallot(_))));
        let mut bad_base = e.clone();
        bad_base.electorate.subtractions = vec![(Subtraction::AbsentNotReplaced, 1)];
        assert!(matches!(count(&bad_base, &[], &[]), Err(ElectionError::SubtractionNotAllowed { .. })));
    }

    /// Impossible electorates (R-BASE-1, R-BASE-2, R-BASE-3): nobody convened
    /// or everyone subtracted, yet ballots returned, would elect on one vote
    /// with 0.00 %; more present than convened; more ballots than voters present.
    #[test]
    fn r_base_impossible_electorates_are_refused() {
        let e = election(Body::Committee, 1, &["A", "B"], 0, 2);
        let two = [crossing(1, &[true, false]), crossing(2, &[true, false])];
        // 2 present of 0 convened.
        assert!(matches!(
            count(&e, &two, &[]),
            Err(ElectionError::PresentOverConvened { rule: "R-BASE-1", present: 2, convened: 0 })
        ));
        let mut nobody = e.clone();
        nobody.electorate.present = 0;
        let err = count(&nobody, &two, &[]).unwrap_err();
        assert_eq!(err, ElectionError::NoBaseWithBallots { rule: "R-BASE-1", convened: 0, returned: 2 });
        assert!(err.to_string().starts_with("R-BASE-1: the base is 0"), "{err}");
        // With no ballot there is nothing to refuse: nobody is elected.
        assert!(count(&nobody, &[], &[]).unwrap().elected.is_empty());
        // Everyone subtracted at a delegate congress (R-BASE-2).
        let mut all_absent = election(Body::Committee, 1, &["A", "B"], 2, 2);
        all_absent.electorate.meeting = Meeting::DelegateCongress;
        all_absent.electorate.present = 0;
        all_absent.electorate.subtractions = vec![(Subtraction::AbsentNotReplaced, 2)];
        assert!(matches!(
            count(&all_absent, &two, &[]),
            Err(ElectionError::NoBaseWithBallots { rule: "R-BASE-2", .. })
        ));
        // Three ballots issued and returned, two voters present.
        let mut e = election(Body::Committee, 1, &["A", "B"], 4, 3);
        e.electorate.present = 2;
        let three = [crossing(1, &[true, false]), crossing(2, &[true, false]), crossing(3, &[false, true])];
        assert_eq!(
            count(&e, &three, &[]).unwrap_err(),
            ElectionError::MoreReturnedThanPresent { returned: 3, present: 2 }
        );
        assert!(count(&e, &three[..2], &[]).is_ok());
    }

    /// R-BALLOT-1: the ballot prints the full names: an empty name or a name
    /// twice is refused before any ballot is counted.
    #[test]
    fn r_ballot_1_names_are_checked_by_the_tally() {
        let e = election(Body::Committee, 1, &["A", " "], 4, 4);
        assert_eq!(Tally::new(&e, &[]).err(), Some(ElectionError::EmptyCandidate(2)));
        let e = election(Body::Committee, 1, &["A", "A"], 4, 4);
        assert_eq!(Tally::new(&e, &[]).err(), Some(ElectionError::DuplicateCandidate("A".into())));
    }

    /// A ballot number counted twice is refused, whether it is a plain
    /// number (kept as a bit) or any other text; "7" and "007" differ.
    #[test]
    fn duplicate_numbers_plain_and_other() {
        let mut seen = SeenNumbers::default();
        for n in ["1", "64", "16777215", "16777216", "007", "A-1", "0", "7"] {
            assert!(seen.insert(n), "{n} first time");
        }
        for n in ["1", "64", "16777215", "16777216", "007", "A-1", "0", "7"] {
            assert!(!seen.insert(n), "{n} second time");
            assert!(seen.contains(n));
        }
        assert!(!seen.contains("2") && !seen.contains("99999999") && !seen.contains("07"));
    }

    /// R-DELEG-1: alternates with equal votes: their order is a decision point.
    #[test]
    fn r_deleg_1_alternates_order() {
        let names = ["A", "B", "C", "D"];
        let e = election(Body::Alternates, 3, &names, 10, 10);
        let ballots = ballots_for(&[9, 7, 7, 2], 3, 10);
        let c = count(&e, &ballots, &[]).unwrap();
        assert_eq!(c.elected, ["A", "B", "C"]);
        assert_eq!(c.decisions_needed, vec![DecisionPoint::TieInOrder { candidates: vec!["B".into(), "C".into()] }]);
    }
}
