//! Ballots, their two forms and their validity (R-BALLOT-*, R-VALID-*).

use serde::{Deserialize, Serialize};

use crate::rules::RuleSet;

/// The form of the ballot, decided by the list (R-BALLOT-2, R-BALLOT-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotForm {
    /// Phiếu gạch tên: more names than seats; the voter strikes the names they
    /// do not vote for.
    CrossingOut,
    /// Phiếu đồng ý / không đồng ý: no surplus; one box per name.
    AgreeDisagree,
}

impl BallotForm {
    /// R-BALLOT-2: crossing-out when C > N; R-BALLOT-3: agree/disagree otherwise.
    pub fn for_list(candidates: usize, seats: u32) -> BallotForm {
        if candidates > seats as usize { BallotForm::CrossingOut } else { BallotForm::AgreeDisagree }
    }

    pub fn code(self) -> &'static str {
        match self {
            BallotForm::CrossingOut => "crossing_out",
            BallotForm::AgreeDisagree => "agree_disagree",
        }
    }
}

/// The boxes a voter marked for one name on the agree/disagree form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Agree,
    Disagree,
    /// Both boxes marked.
    Both,
    /// Neither box marked.
    Neither,
}

/// What the voter did with each name, in ballot order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Marks {
    /// `true` = the name is kept (a vote), `false` = struck.
    CrossingOut(Vec<bool>),
    AgreeDisagree(Vec<Choice>),
}

impl Marks {
    pub fn len(&self) -> usize {
        match self {
            Marks::CrossingOut(m) => m.len(),
            Marks::AgreeDisagree(m) => m.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn form(&self) -> BallotForm {
        match self {
            Marks::CrossingOut(_) => BallotForm::CrossingOut,
            Marks::AgreeDisagree(_) => BallotForm::AgreeDisagree,
        }
    }

    /// Whether the name at `i` gets a vote from this ballot (if it is valid).
    pub fn vote_for(&self, i: usize) -> bool {
        match self {
            Marks::CrossingOut(m) => m[i],
            Marks::AgreeDisagree(m) => m[i] == Choice::Agree,
        }
    }

    fn votes(&self) -> usize {
        (0..self.len()).filter(|&i| self.vote_for(i)).count()
    }
}

/// What the board noticed on a ballot beyond its marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Flags {
    /// Not issued by the board: no seal, forged (R-VALID-2).
    pub not_issued: bool,
    /// A name written in that is not on the list (R-VALID-7).
    pub write_in: bool,
    /// A signature, an identifying mark or added writing (R-VALID-7).
    pub marked: bool,
}

/// One returned ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    /// The number the board gave it (for the minutes and for rulings).
    pub number: String,
    pub marks: Marks,
    pub flags: Flags,
}

/// Why a ballot is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvalidReason {
    /// R-VALID-2.
    NotIssued,
    /// R-VALID-3: votes for more people than seats.
    OverSeats,
    /// R-VALID-4: a crossing-out ballot with every name struck.
    AllStruck,
    /// R-VALID-6: a one-name agree/disagree ballot without exactly one box.
    SingleNameUnmarked,
    /// R-VALID-7.
    WriteIn,
    /// R-VALID-7.
    Marked,
    /// R-VALID-8: ruled invalid by the board.
    BoardRuling,
}

impl InvalidReason {
    pub const ALL: [InvalidReason; 7] = [
        InvalidReason::NotIssued,
        InvalidReason::OverSeats,
        InvalidReason::AllStruck,
        InvalidReason::SingleNameUnmarked,
        InvalidReason::WriteIn,
        InvalidReason::Marked,
        InvalidReason::BoardRuling,
    ];

    pub fn code(self) -> &'static str {
        match self {
            InvalidReason::NotIssued => "not_issued",
            InvalidReason::OverSeats => "over_seats",
            InvalidReason::AllStruck => "all_struck",
            InvalidReason::SingleNameUnmarked => "single_name_unmarked",
            InvalidReason::WriteIn => "write_in",
            InvalidReason::Marked => "marked",
            InvalidReason::BoardRuling => "board_ruling",
        }
    }
}

/// The validity of a ballot for `seats` seats under `rules`, before any board
/// ruling (R-VALID-1 … R-VALID-7). The first reason that applies is given, in
/// the order of the rules.
pub fn validity(ballot: &Ballot, seats: u32, rules: &RuleSet) -> Result<(), InvalidReason> {
    if ballot.flags.not_issued {
        return Err(InvalidReason::NotIssued);
    }
    if ballot.flags.write_in && rules.write_in_invalidates {
        return Err(InvalidReason::WriteIn);
    }
    if ballot.flags.marked && rules.mark_invalidates {
        return Err(InvalidReason::Marked);
    }
    match &ballot.marks {
        Marks::CrossingOut(kept) => {
            if !kept.is_empty() && kept.iter().all(|k| !k) {
                return Err(InvalidReason::AllStruck);
            }
        }
        Marks::AgreeDisagree(choices) => {
            if choices.len() == 1 && !matches!(choices[0], Choice::Agree | Choice::Disagree) {
                return Err(InvalidReason::SingleNameUnmarked);
            }
        }
    }
    if ballot.marks.votes() > seats as usize {
        return Err(InvalidReason::OverSeats);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crossing(kept: &[bool]) -> Ballot {
        Ballot { number: "1".into(), marks: Marks::CrossingOut(kept.to_vec()), flags: Flags::default() }
    }

    fn agree(choices: &[Choice]) -> Ballot {
        Ballot { number: "1".into(), marks: Marks::AgreeDisagree(choices.to_vec()), flags: Flags::default() }
    }

    /// R-BALLOT-2, R-BALLOT-3: the list decides the form.
    #[test]
    fn form_follows_the_list() {
        assert_eq!(BallotForm::for_list(5, 3), BallotForm::CrossingOut);
        assert_eq!(BallotForm::for_list(3, 3), BallotForm::AgreeDisagree);
        assert_eq!(BallotForm::for_list(2, 3), BallotForm::AgreeDisagree);
    }

    /// W6 (R-VALID-3, R-VALID-4): N = 3, 5 names: keeps 4 / keeps 2 / strikes all.
    #[test]
    fn w6_crossing_out() {
        let rules = RuleSet::default();
        assert_eq!(validity(&crossing(&[true, true, true, true, false]), 3, &rules), Err(InvalidReason::OverSeats));
        assert_eq!(validity(&crossing(&[true, false, true, false, false]), 3, &rules), Ok(()));
        assert_eq!(validity(&crossing(&[false; 5]), 3, &rules), Err(InvalidReason::AllStruck));
        // An untouched crossing-out ballot votes for all 5: over the seats.
        assert_eq!(validity(&crossing(&[true; 5]), 3, &rules), Err(InvalidReason::OverSeats));
    }

    /// W7 (R-VALID-5): 2 seats, A and B; both boxes for A, agree for B: valid.
    #[test]
    fn w7_agree_disagree_both_boxes() {
        let b = agree(&[Choice::Both, Choice::Agree]);
        assert_eq!(validity(&b, 2, &RuleSet::default()), Ok(()));
        assert!(!b.marks.vote_for(0) && b.marks.vote_for(1));
        assert_eq!(validity(&agree(&[Choice::Neither, Choice::Neither]), 2, &RuleSet::default()), Ok(()));
    }

    /// R-VALID-6: one name: exactly one box.
    #[test]
    fn r_valid_6_single_name() {
        let rules = RuleSet::default();
        assert_eq!(validity(&agree(&[Choice::Agree]), 1, &rules), Ok(()));
        assert_eq!(validity(&agree(&[Choice::Disagree]), 1, &rules), Ok(()));
        assert_eq!(validity(&agree(&[Choice::Both]), 1, &rules), Err(InvalidReason::SingleNameUnmarked));
        assert_eq!(validity(&agree(&[Choice::Neither]), 1, &rules), Err(InvalidReason::SingleNameUnmarked));
    }

    /// R-VALID-2, R-VALID-7: not issued; write-ins and marks by default, as settings.
    #[test]
    fn r_valid_2_and_7() {
        let mut b = crossing(&[true, false, true, false, false]);
        b.flags.not_issued = true;
        assert_eq!(validity(&b, 3, &RuleSet::default()), Err(InvalidReason::NotIssued));
        let mut b = crossing(&[true, false, true, false, false]);
        b.flags.write_in = true;
        assert_eq!(validity(&b, 3, &RuleSet::default()), Err(InvalidReason::WriteIn));
        let lenient = RuleSet { write_in_invalidates: false, ..RuleSet::default() };
        assert_eq!(validity(&b, 3, &lenient), Ok(()));
        let mut b = crossing(&[true, false, true, false, false]);
        b.flags.marked = true;
        assert_eq!(validity(&b, 3, &RuleSet::default()), Err(InvalidReason::Marked));
    }
}
