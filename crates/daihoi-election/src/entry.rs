//! Ballots entered at the computer by the vote-counting board's clerks
//! (Art. 8 of 190-QĐ/TW allows counting by computer with technical staff):
//! the keystrokes of one ballot, its stored form, and the double entry —
//! two clerks enter the same stack independently, and a ballot counts only
//! once its two entries agree or the board has settled it.
//!
//! Pure: the store keeps the entries; this module says what they mean.

use crate::ballot::{Ballot, BallotForm, Choice, Flags, Marks};

/// Why an entry is refused, with the place the clerk can correct.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("ballot number {0:?}: a whole number from 1 to the ballots issued ({1})")]
    BadNumber(String, u32),
    #[error("{0:?} is not a name's number on this list (1 to {1})")]
    BadPosition(String, usize),
    #[error("name {0} is given twice")]
    PositionTwice(usize),
    #[error("{0:?} is not a mark of the {1} form")]
    BadMark(String, &'static str),
    #[error("the stored marks {0:?} do not fit a list of {1} names")]
    BadStoredMarks(String, usize),
    #[error("{0:?} is not a flag (not_issued, write_in, marked)")]
    BadFlag(String),
}

/// The largest ballot number an entry takes: numbers are given by the board
/// from 1 and never exceed the ballots issued.
pub fn ballot_number(text: &str, issued: u32) -> Result<u32, EntryError> {
    let t = text.trim();
    match t.parse::<u32>() {
        Ok(n) if n >= 1 && n <= issued && !t.starts_with('0') => Ok(n),
        _ => Err(EntryError::BadNumber(t.chars().take(20).collect(), issued)),
    }
}

/// Names' numbers on the list (from 1) as a clerk types them: separated by
/// spaces, commas or dots, a range `3-7`; each at most once.
pub fn positions(text: &str, names: usize) -> Result<Vec<usize>, EntryError> {
    let mut out: Vec<usize> = Vec::new();
    for token in text.split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == ';').filter(|t| !t.is_empty()) {
        let bad = || EntryError::BadPosition(token.chars().take(20).collect(), names);
        let one = |t: &str| -> Result<usize, EntryError> {
            match t.parse::<usize>() {
                Ok(n) if (1..=names).contains(&n) && !t.starts_with('0') => Ok(n),
                _ => Err(bad()),
            }
        };
        let range = match token.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (one(a)?, one(b)?);
                if a > b {
                    return Err(bad());
                }
                a..=b
            }
            None => {
                let n = one(token)?;
                n..=n
            }
        };
        for n in range {
            if out.contains(&n) {
                return Err(EntryError::PositionTwice(n));
            }
            out.push(n);
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// What a clerk typed for one ballot's names, by numbers on the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Typed {
    /// Crossing-out form (R-BALLOT-2): the names struck; every other name
    /// is kept, a vote.
    pub struck: Vec<usize>,
    /// Agree/disagree form (R-BALLOT-3): the names marked "disagree", "both
    /// boxes" and "neither box"; every other name is "agree".
    pub disagree: Vec<usize>,
    pub both: Vec<usize>,
    pub neither: Vec<usize>,
}

impl Typed {
    /// The marks of a list of `names` names on `form`. Numbers of the other
    /// form, or a name in two groups, are refused.
    pub fn marks(&self, form: BallotForm, names: usize) -> Result<Marks, EntryError> {
        let all = |v: &[usize]| v.iter().all(|&p| (1..=names).contains(&p));
        let check = |v: &[usize]| {
            if all(v) { Ok(()) } else { Err(EntryError::BadPosition(format!("{v:?}"), names)) }
        };
        match form {
            BallotForm::CrossingOut => {
                if let Some(&p) = self.disagree.iter().chain(&self.both).chain(&self.neither).next() {
                    return Err(EntryError::BadMark(p.to_string(), form.code()));
                }
                check(&self.struck)?;
                let mut kept = vec![true; names];
                for &p in &self.struck {
                    if !kept[p - 1] {
                        return Err(EntryError::PositionTwice(p));
                    }
                    kept[p - 1] = false;
                }
                Ok(Marks::CrossingOut(kept))
            }
            BallotForm::AgreeDisagree => {
                if let Some(&p) = self.struck.first() {
                    return Err(EntryError::BadMark(p.to_string(), form.code()));
                }
                let mut choices = vec![Choice::Agree; names];
                let mut set = vec![false; names];
                for (group, choice) in
                    [(&self.disagree, Choice::Disagree), (&self.both, Choice::Both), (&self.neither, Choice::Neither)]
                {
                    check(group)?;
                    for &p in group.iter() {
                        if set[p - 1] {
                            return Err(EntryError::PositionTwice(p));
                        }
                        set[p - 1] = true;
                        choices[p - 1] = choice;
                    }
                }
                Ok(Marks::AgreeDisagree(choices))
            }
        }
    }

    /// What a clerk types in one line: on the crossing-out form the struck
    /// names' numbers (`3 5 12`, `1-4`); on the agree/disagree form the
    /// numbers after `d` (disagree), `b` (both boxes) or `n` (neither), the
    /// others agreeing (`d 3 5 b 7`). Letters in either case; checked
    /// against the list as [`Typed::marks`] does.
    pub fn parse(text: &str, form: BallotForm, names: usize) -> Result<Typed, EntryError> {
        let mut t = Typed::default();
        let mut group = match form {
            BallotForm::CrossingOut => 's',
            BallotForm::AgreeDisagree => '?',
        };
        let mut run = String::new();
        let flush = |t: &mut Typed, group: char, run: &mut String| -> Result<(), EntryError> {
            if run.trim().is_empty() {
                run.clear();
                return Ok(());
            }
            let found = positions(run, names)?;
            run.clear();
            let into = match group {
                's' => &mut t.struck,
                'd' => &mut t.disagree,
                'b' => &mut t.both,
                'n' => &mut t.neither,
                _ => return Err(EntryError::BadMark(found[0].to_string(), form.code())),
            };
            into.extend(found);
            Ok(())
        };
        for c in text.chars() {
            let lower = c.to_ascii_lowercase();
            if form == BallotForm::AgreeDisagree && matches!(lower, 'd' | 'b' | 'n') {
                flush(&mut t, group, &mut run)?;
                group = lower;
            } else if c.is_ascii_digit() || c.is_whitespace() || matches!(c, ',' | '.' | ';' | '-') {
                run.push(c);
            } else {
                return Err(EntryError::BadMark(c.to_string(), form.code()));
            }
        }
        flush(&mut t, group, &mut run)?;
        t.marks(form, names)?;
        Ok(t)
    }

    /// The line a clerk would type for these marks ([`Typed::parse`]'s input).
    pub fn line(&self) -> String {
        let join = |v: &[usize]| v.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ");
        let mut parts = Vec::new();
        if !self.struck.is_empty() {
            parts.push(join(&self.struck));
        }
        for (letter, group) in [("d", &self.disagree), ("b", &self.both), ("n", &self.neither)] {
            if !group.is_empty() {
                parts.push(format!("{letter} {}", join(group)));
            }
        }
        parts.join(" ")
    }

    /// The same marks as numbers, for a form to show again.
    pub fn of(marks: &Marks) -> Typed {
        let mut t = Typed::default();
        match marks {
            Marks::CrossingOut(kept) => {
                t.struck = kept.iter().enumerate().filter(|(_, k)| !**k).map(|(i, _)| i + 1).collect();
            }
            Marks::AgreeDisagree(choices) => {
                for (i, c) in choices.iter().enumerate() {
                    match c {
                        Choice::Agree => {}
                        Choice::Disagree => t.disagree.push(i + 1),
                        Choice::Both => t.both.push(i + 1),
                        Choice::Neither => t.neither.push(i + 1),
                    }
                }
            }
        }
        t
    }
}

/// The stored form of marks: one character per name in ballot order
/// (crossing-out `x` struck, `.` kept; agree/disagree `a`, `d`, `b`, `n`).
pub fn encode_marks(marks: &Marks) -> String {
    match marks {
        Marks::CrossingOut(kept) => kept.iter().map(|k| if *k { '.' } else { 'x' }).collect(),
        Marks::AgreeDisagree(choices) => choices
            .iter()
            .map(|c| match c {
                Choice::Agree => 'a',
                Choice::Disagree => 'd',
                Choice::Both => 'b',
                Choice::Neither => 'n',
            })
            .collect(),
    }
}

/// Reads stored marks back for a list of `names` names on `form`.
pub fn decode_marks(text: &str, form: BallotForm, names: usize) -> Result<Marks, EntryError> {
    let bad = || EntryError::BadStoredMarks(text.chars().take(40).collect(), names);
    if text.chars().count() != names {
        return Err(bad());
    }
    match form {
        BallotForm::CrossingOut => text
            .chars()
            .map(|c| match c {
                '.' => Ok(true),
                'x' => Ok(false),
                _ => Err(bad()),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Marks::CrossingOut),
        BallotForm::AgreeDisagree => text
            .chars()
            .map(|c| match c {
                'a' => Ok(Choice::Agree),
                'd' => Ok(Choice::Disagree),
                'b' => Ok(Choice::Both),
                'n' => Ok(Choice::Neither),
                _ => Err(bad()),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Marks::AgreeDisagree),
    }
}

/// The stored form of flags, as in the tally format: codes joined by `;`.
pub fn encode_flags(flags: &Flags) -> String {
    let mut out = Vec::new();
    if flags.not_issued {
        out.push("not_issued");
    }
    if flags.write_in {
        out.push("write_in");
    }
    if flags.marked {
        out.push("marked");
    }
    out.join(";")
}

/// Reads flags back from their stored form.
pub fn decode_flags(text: &str) -> Result<Flags, EntryError> {
    let mut flags = Flags::default();
    for code in text.split(';').map(str::trim).filter(|c| !c.is_empty()) {
        match code {
            "not_issued" => flags.not_issued = true,
            "write_in" => flags.write_in = true,
            "marked" => flags.marked = true,
            other => return Err(EntryError::BadFlag(other.chars().take(20).collect())),
        }
    }
    Ok(flags)
}

/// Where a ballot stands in the double entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryState {
    /// Entered by one clerk only: waits for the other entry.
    OnlyFirst,
    OnlySecond,
    /// The two entries differ and the board has not settled it: it does
    /// not count until the board has looked at the paper.
    Differ,
    /// The two entries agree, or the board settled it: it counts.
    Settled {
        ballot: Ballot,
        by_board: bool,
    },
}

/// A ballot's state from its two entries and the board's settlement.
pub fn reconcile(first: Option<&Ballot>, second: Option<&Ballot>, settled: Option<&Ballot>) -> EntryState {
    if let Some(s) = settled {
        return EntryState::Settled { ballot: s.clone(), by_board: true };
    }
    match (first, second) {
        (Some(a), Some(b)) if a.marks == b.marks && a.flags == b.flags => {
            EntryState::Settled { ballot: a.clone(), by_board: false }
        }
        (Some(_), Some(_)) => EntryState::Differ,
        (Some(_), None) => EntryState::OnlyFirst,
        (None, Some(_)) => EntryState::OnlySecond,
        (None, None) => EntryState::OnlyFirst,
    }
}

/// The names (by number) on which two entries of a ballot differ, and
/// whether their flags differ: what the board looks at on the paper.
pub fn differences(a: &Ballot, b: &Ballot) -> (Vec<usize>, bool) {
    let names = match (&a.marks, &b.marks) {
        (Marks::CrossingOut(x), Marks::CrossingOut(y)) => {
            x.iter().zip(y).enumerate().filter(|(_, (p, q))| p != q).map(|(i, _)| i + 1).collect()
        }
        (Marks::AgreeDisagree(x), Marks::AgreeDisagree(y)) => {
            x.iter().zip(y).enumerate().filter(|(_, (p, q))| p != q).map(|(i, _)| i + 1).collect()
        }
        _ => (1..=a.marks.len().max(b.marks.len())).collect(),
    };
    (names, a.flags != b.flags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ballot(n: u32, marks: Marks, flags: Flags) -> Ballot {
        Ballot { number: n.to_string(), marks, flags }
    }

    #[test]
    fn a_clerk_types_numbers_and_ranges() {
        assert_eq!(positions("3 5,12", 20).unwrap(), vec![3, 5, 12]);
        assert_eq!(positions(" 1-3 7 ", 9).unwrap(), vec![1, 2, 3, 7]);
        assert_eq!(positions("", 9).unwrap(), Vec::<usize>::new());
        assert_eq!(positions("3 3", 9), Err(EntryError::PositionTwice(3)));
        assert_eq!(positions("1-3 2", 9), Err(EntryError::PositionTwice(2)));
        for bad in ["0", "10", "x", "3-1", "03", "-", "1-", "99999999999999999999"] {
            assert!(positions(bad, 9).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_ballot_number_is_within_those_issued() {
        assert_eq!(ballot_number("17", 100), Ok(17));
        for bad in ["0", "101", "017", "1a", "", "-1", "4294967296"] {
            assert!(ballot_number(bad, 100).is_err(), "{bad}");
        }
    }

    /// R-BALLOT-2: the struck names are typed; the others are kept.
    #[test]
    fn crossing_out_marks_r_ballot_2() {
        let t = Typed { struck: vec![2, 4], ..Typed::default() };
        let m = t.marks(BallotForm::CrossingOut, 5).unwrap();
        assert_eq!(m, Marks::CrossingOut(vec![true, false, true, false, true]));
        assert_eq!(encode_marks(&m), ".x.x.");
        let wrong = Typed { disagree: vec![1], ..Typed::default() };
        assert!(wrong.marks(BallotForm::CrossingOut, 5).is_err());
    }

    /// R-BALLOT-3, R-VALID-5: disagree, both and neither are typed; the rest agree.
    #[test]
    fn agree_disagree_marks_r_ballot_3() {
        let t = Typed { disagree: vec![1], both: vec![3], neither: vec![4], ..Typed::default() };
        let m = t.marks(BallotForm::AgreeDisagree, 4).unwrap();
        assert_eq!(m, Marks::AgreeDisagree(vec![Choice::Disagree, Choice::Agree, Choice::Both, Choice::Neither]));
        assert_eq!(encode_marks(&m), "dabn");
        let twice = Typed { disagree: vec![1], both: vec![1], ..Typed::default() };
        assert_eq!(twice.marks(BallotForm::AgreeDisagree, 4), Err(EntryError::PositionTwice(1)));
        assert!(Typed { struck: vec![1], ..Typed::default() }.marks(BallotForm::AgreeDisagree, 4).is_err());
    }

    #[test]
    fn stored_marks_and_flags_are_checked() {
        assert!(decode_marks(".x", BallotForm::CrossingOut, 3).is_err());
        assert!(decode_marks(".a.", BallotForm::CrossingOut, 3).is_err());
        assert!(decode_marks("ax", BallotForm::AgreeDisagree, 2).is_err());
        assert!(decode_flags("not_issued;nope").is_err());
        let f = Flags { not_issued: true, write_in: false, marked: true };
        assert_eq!(decode_flags(&encode_flags(&f)), Ok(f));
        assert_eq!(decode_flags(""), Ok(Flags::default()));
    }

    #[test]
    fn double_entry_counts_only_what_agrees_or_is_settled() {
        let a = ballot(1, Marks::CrossingOut(vec![true, false, true]), Flags::default());
        let b = ballot(1, Marks::CrossingOut(vec![true, true, true]), Flags::default());
        assert!(matches!(reconcile(Some(&a), Some(&a), None), EntryState::Settled { by_board: false, .. }));
        assert_eq!(reconcile(Some(&a), Some(&b), None), EntryState::Differ);
        assert_eq!(reconcile(Some(&a), None, None), EntryState::OnlyFirst);
        assert_eq!(reconcile(None, Some(&a), None), EntryState::OnlySecond);
        assert_eq!(reconcile(Some(&a), Some(&b), Some(&b)), EntryState::Settled { ballot: b.clone(), by_board: true });
        assert_eq!(differences(&a, &b), (vec![2], false));
        let flagged = ballot(1, a.marks.clone(), Flags { marked: true, ..Flags::default() });
        assert_eq!(reconcile(Some(&a), Some(&flagged), None), EntryState::Differ, "flags are part of the entry");
        assert_eq!(differences(&a, &flagged), (vec![], true));
    }

    /// What a clerk types in one line, on each form.
    #[test]
    fn one_typed_line_per_ballot() {
        let t = Typed::parse("3 5, 12", BallotForm::CrossingOut, 20).unwrap();
        assert_eq!(t.struck, vec![3, 5, 12]);
        assert_eq!(Typed::parse("", BallotForm::CrossingOut, 20).unwrap(), Typed::default());
        let t = Typed::parse("D 1 3 b 2 n4", BallotForm::AgreeDisagree, 4).unwrap();
        assert_eq!((t.disagree.clone(), t.both.clone(), t.neither.clone()), (vec![1, 3], vec![2], vec![4]));
        assert_eq!(t.line(), "d 1 3 b 2 n 4");
        for bad in ["d 1", "x", "3 3", "21", "1e2"] {
            assert!(Typed::parse(bad, BallotForm::CrossingOut, 20).is_err(), "{bad}");
        }
        for bad in ["1", "d 1 b 1", "d 5", "x 1"] {
            assert!(Typed::parse(bad, BallotForm::AgreeDisagree, 4).is_err(), "{bad}");
        }
    }

    fn arb_marks() -> impl Strategy<Value = Marks> {
        prop_oneof![
            prop::collection::vec(any::<bool>(), 1..40).prop_map(Marks::CrossingOut),
            prop::collection::vec(
                prop_oneof![Just(Choice::Agree), Just(Choice::Disagree), Just(Choice::Both), Just(Choice::Neither)],
                1..40
            )
            .prop_map(Marks::AgreeDisagree),
        ]
    }

    proptest! {
        /// What a clerk can type is every ballot there is, and the stored
        /// form reads back the same marks.
        #[test]
        fn typed_and_stored_forms_round_trip(marks in arb_marks()) {
            let n = marks.len();
            let form = marks.form();
            prop_assert_eq!(Typed::of(&marks).marks(form, n).unwrap(), marks.clone());
            let line = Typed::of(&marks).line();
            prop_assert_eq!(Typed::parse(&line, form, n).unwrap().marks(form, n).unwrap(), marks.clone());
            prop_assert_eq!(decode_marks(&encode_marks(&marks), form, n).unwrap(), marks);
        }
    }
}
