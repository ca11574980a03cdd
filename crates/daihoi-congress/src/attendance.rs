//! Attendance (điểm danh), kept per session, and the base of a vote from the
//! roll and the attendance (R-BASE-1 member congress, R-BASE-2 delegate
//! congress), as the election engine's [`Electorate`], with each subtraction
//! and who is in it. "Absent for the whole congress" means absent from every
//! session recorded so far.

use daihoi_election::base::votes_needed;
use daihoi_election::{Electorate, RuleSet, Subtraction};
use serde::{Deserialize, Serialize};

use crate::CongressError;
use crate::plan::CongressKind;
use crate::roll::{ExclusionCase, Roll, RollLine, Seat, Status};
use crate::round::Awaiting;

/// A reason given for an absence, and whether the convening committee
/// accepted it (R-BASE-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsenceReason {
    pub reason: String,
    pub accepted: bool,
}

/// Present or absent in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "presence")]
pub enum Presence {
    Present,
    Absent { reason: Option<AbsenceReason> },
}

/// One person's presence in one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub session: String,
    pub person: String,
    pub presence: Presence,
}

/// An alternate who replaces an official delegate absent for the whole
/// congress (C-DEL-10, R-BASE-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    pub absent: String,
    pub alternate: String,
}

/// The attendance of a congress so far.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attendance {
    /// The sessions held so far, in order.
    pub sessions: Vec<String>,
    pub marks: Vec<Mark>,
    pub replacements: Vec<Replacement>,
}

/// A subtraction and the people in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubtractionWorking {
    pub subtraction: Subtraction,
    pub persons: Vec<String>,
}

/// The base of a vote with its working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseWorking {
    pub electorate: Electorate,
    pub base: u32,
    /// R-PASS-1: the fewest votes that are more than half of the base.
    pub votes_needed: u32,
    pub subtractions: Vec<SubtractionWorking>,
}

impl Attendance {
    fn check_sessions(&self) -> Result<(), CongressError> {
        if self.sessions.is_empty() {
            return Err(CongressError::NoSession);
        }
        for (i, s) in self.sessions.iter().enumerate() {
            if self.sessions[..i].contains(s) {
                return Err(CongressError::SessionTwice(s.clone()));
            }
        }
        for (i, m) in self.marks.iter().enumerate() {
            if !self.sessions.contains(&m.session) {
                return Err(CongressError::UnknownSession(m.session.clone()));
            }
            if self.marks[..i].iter().any(|n| n.session == m.session && n.person == m.person) {
                return Err(CongressError::MarkedTwice { person: m.person.clone(), session: m.session.clone() });
            }
        }
        Ok(())
    }

    /// A person's presence in a session, if recorded.
    pub fn presence(&self, person: &str, session: &str) -> Option<&Presence> {
        self.marks.iter().find(|m| m.person == person && m.session == session).map(|m| &m.presence)
    }

    /// Absent from every session so far ("absent for the whole congress").
    /// Every session must have a mark for the person.
    pub fn absent_throughout(&self, person: &str) -> Result<bool, CongressError> {
        self.check_sessions()?;
        let mut all_absent = true;
        for s in &self.sessions {
            match self.presence(person, s) {
                None => return Err(CongressError::Unrecorded { person: person.to_owned(), session: s.clone() }),
                Some(Presence::Present) => all_absent = false,
                Some(Presence::Absent { .. }) => {}
            }
        }
        Ok(all_absent)
    }

    /// The reason accepted for an absence throughout: some session's
    /// absence has a reason the convening committee accepted.
    fn accepted_reason(&self, person: &str) -> bool {
        self.marks.iter().any(|m| {
            m.person == person
                && matches!(&m.presence, Presence::Absent { reason: Some(AbsenceReason { accepted: true, .. }) })
        })
    }

    /// R-BASE-1, R-BASE-2: the base of a vote taken in `vote_session`, from
    /// the roll and the attendance so far. Waits while the roll does
    /// (C-DEL-7). Those convened must have a mark in every session;
    /// replacements must pair an elected or designated delegate absent
    /// throughout with a convened alternate, once each.
    pub fn base(&self, roll: &Roll, vote_session: &str) -> Result<Result<BaseWorking, Awaiting>, CongressError> {
        if let Some(a) = roll.awaiting().into_iter().next() {
            return Ok(Err(a));
        }
        self.check_sessions()?;
        if !self.sessions.iter().any(|s| s == vote_session) {
            return Err(CongressError::UnknownSession(vote_session.to_owned()));
        }
        for m in &self.marks {
            if roll.line(&m.person).is_none_or(|l| l.status != Status::Convened) {
                return Err(CongressError::NotConvened(m.person.clone()));
            }
        }
        let present_at_vote = |person: &str| matches!(self.presence(person, vote_session), Some(Presence::Present));
        let replaced = self.check_replacements(roll)?;
        let mut groups: Vec<SubtractionWorking> = Vec::new();
        let mut add =
            |subtraction: Subtraction, person: &str| match groups.iter_mut().find(|g| g.subtraction == subtraction) {
                Some(g) => g.persons.push(person.to_owned()),
                None => groups.push(SubtractionWorking { subtraction, persons: vec![person.to_owned()] }),
            };
        let mut convened = 0u32;
        let mut present = 0u32;
        match roll.kind {
            CongressKind::MemberCongress => {
                // R-BASE-1: those convened are the official members on the
                // roll; members not convened by C-DEL-9 are subtracted.
                for l in roll.lines.iter().filter(|l| l.entry.seat.is_official()) {
                    convened += 1;
                    if let Status::NotConvened(e) = &l.status {
                        add(
                            match e.case {
                                ExclusionCase::Suspended => Subtraction::Suspended,
                                _ => Subtraction::ProsecutedOrDetained,
                            },
                            &l.entry.person,
                        );
                        continue;
                    }
                    let Seat::Member { exempted, temporarily_transferred } = l.entry.seat else { continue };
                    let away = self.absent_throughout(&l.entry.person)?;
                    if present_at_vote(&l.entry.person) {
                        present += 1;
                    }
                    if temporarily_transferred {
                        add(Subtraction::TemporarilyTransferred, &l.entry.person);
                    } else if away && exempted {
                        add(Subtraction::ExemptedAbsent, &l.entry.person);
                    } else if away && self.accepted_reason(&l.entry.person) {
                        add(Subtraction::AbsentWithReason, &l.entry.person);
                    }
                }
            }
            CongressKind::DelegateCongress => {
                // R-BASE-2: those convened are the official delegates
                // convened (C-DEL-7: ex officio + elected + designated).
                let officials: Vec<&RollLine> = roll.convened_officials().collect();
                for l in officials {
                    convened += 1;
                    if present_at_vote(&l.entry.person) {
                        present += 1;
                    }
                    if !self.absent_throughout(&l.entry.person)? {
                        continue;
                    }
                    if l.entry.seat == Seat::ExOfficio {
                        add(Subtraction::ConveningCommitteeAbsent, &l.entry.person);
                    } else if !replaced.contains(&l.entry.person.as_str()) {
                        add(Subtraction::AbsentNotReplaced, &l.entry.person);
                    }
                }
                for r in &self.replacements {
                    if present_at_vote(&r.alternate) {
                        present += 1;
                    }
                }
            }
        }
        groups.sort_by_key(|g| g.subtraction);
        let electorate = Electorate {
            meeting: roll.kind.meeting(),
            convened,
            present,
            subtractions: groups.iter().map(|g| (g.subtraction, g.persons.len() as u32)).collect(),
        };
        let base = electorate.base(&RuleSet::regulation_190())?;
        Ok(Ok(BaseWorking { electorate, base, votes_needed: votes_needed(base), subtractions: groups }))
    }

    /// C-DEL-10: each replacement pairs an elected or designated delegate
    /// convened and absent from every session so far with a convened
    /// alternate, each of them once; the delegates replaced.
    pub fn check_replacements<'a>(&'a self, roll: &Roll) -> Result<Vec<&'a str>, CongressError> {
        let mut absent: Vec<&str> = Vec::new();
        let mut alternates: Vec<&str> = Vec::new();
        for r in &self.replacements {
            let refuse = |why| CongressError::ReplacementRefused {
                absent: r.absent.clone(),
                alternate: r.alternate.clone(),
                why,
            };
            let official = roll.line(&r.absent).filter(|l| l.status == Status::Convened);
            match official.map(|l| &l.entry.seat) {
                Some(Seat::Elected { .. } | Seat::Designated { .. }) => {}
                _ => return Err(refuse("not an elected or designated delegate convened")),
            }
            let alternate = roll.line(&r.alternate).filter(|l| l.status == Status::Convened);
            if !matches!(alternate.map(|l| &l.entry.seat), Some(Seat::Alternate { .. })) {
                return Err(refuse("not an alternate convened"));
            }
            if absent.contains(&r.absent.as_str()) || alternates.contains(&r.alternate.as_str()) {
                return Err(refuse("a replacement given twice"));
            }
            if !self.absent_throughout(&r.absent)? {
                return Err(refuse("present in a session"));
            }
            absent.push(&r.absent);
            alternates.push(&r.alternate);
        }
        Ok(absent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roll::{ExclusionFact, RollEntry, RollInput};
    use crate::round::RoundSettings;
    use time::macros::date;

    fn member(person: &str, exempted: bool, transferred: bool) -> RollEntry {
        RollEntry { person: person.into(), seat: Seat::Member { exempted, temporarily_transferred: transferred } }
    }

    fn absent(reason: Option<bool>) -> Presence {
        Presence::Absent { reason: reason.map(|accepted| AbsenceReason { reason: "ốm".into(), accepted }) }
    }

    /// R-BASE-1 (W1 of the election rules through the roll): 25 official; 2
    /// on transfer, 1 exempted absent, 1 suspended, 1 absent with an
    /// accepted reason → base 20, needs ≥ 11; absent without an accepted
    /// reason stays in the base.
    #[test]
    fn r_base_1_member_congress() {
        let s = RoundSettings::term_2025_2030();
        let mut entries: Vec<RollEntry> = (0..20).map(|i| member(&format!("m{i:02}"), false, false)).collect();
        entries.push(member("t1", false, true));
        entries.push(member("t2", false, true));
        entries.push(member("ex", true, false));
        entries.push(member("su", false, false));
        entries.push(member("ab", false, false));
        let facts = vec![ExclusionFact {
            person: "su".into(),
            case: ExclusionCase::Suspended,
            effective: date!(2025 - 01 - 05),
            reference: "2-QĐ/UBKT".into(),
        }];
        let roll = Roll::assemble(
            &RollInput {
                kind: CongressKind::MemberCongress,
                opening: date!(2025 - 04 - 10),
                committee: vec![],
                entries,
                facts,
            },
            &s,
        )
        .unwrap();
        let mut att = Attendance { sessions: vec!["s1".into(), "s2".into()], ..Attendance::default() };
        for l in roll.lines.iter().filter(|l| l.status == Status::Convened) {
            for session in ["s1", "s2"] {
                let p = match (l.entry.person.as_str(), session) {
                    ("t1" | "t2" | "ex", _) => absent(None),
                    ("ab", _) => absent(Some(true)),
                    ("m00", _) => absent(Some(false)),
                    ("m01", "s1") => absent(None),
                    _ => Presence::Present,
                };
                att.marks.push(Mark { session: session.into(), person: l.entry.person.clone(), presence: p });
            }
        }
        let b = att.base(&roll, "s2").unwrap().unwrap();
        assert_eq!(b.electorate.convened, 25);
        assert_eq!(b.base, 20);
        assert_eq!(b.votes_needed, 11);
        assert_eq!(b.electorate.present, 19);
        let persons = |s: Subtraction| b.subtractions.iter().find(|g| g.subtraction == s).unwrap().persons.clone();
        assert_eq!(persons(Subtraction::AbsentWithReason), vec!["ab".to_owned()]);
        assert_eq!(persons(Subtraction::Suspended), vec!["su".to_owned()]);
        // A mark for someone not convened is refused.
        att.marks.push(Mark { session: "s1".into(), person: "su".into(), presence: Presence::Present });
        assert_eq!(att.base(&roll, "s2"), Err(CongressError::NotConvened("su".into())));
    }

    /// Attendance: every session has a mark; sessions and marks once.
    #[test]
    fn attendance_is_complete() {
        let mut att = Attendance { sessions: vec!["s1".into(), "s2".into()], ..Attendance::default() };
        att.marks.push(Mark { session: "s1".into(), person: "a".into(), presence: absent(None) });
        assert!(matches!(att.absent_throughout("a"), Err(CongressError::Unrecorded { .. })));
        att.marks.push(Mark { session: "s2".into(), person: "a".into(), presence: absent(None) });
        assert_eq!(att.absent_throughout("a"), Ok(true));
        att.marks.push(Mark { session: "s2".into(), person: "a".into(), presence: Presence::Present });
        assert!(matches!(att.absent_throughout("a"), Err(CongressError::MarkedTwice { .. })));
        att.marks.pop();
        att.marks.push(Mark { session: "s3".into(), person: "a".into(), presence: Presence::Present });
        assert!(matches!(att.absent_throughout("a"), Err(CongressError::UnknownSession(_))));
        assert_eq!(Attendance::default().absent_throughout("a"), Err(CongressError::NoSession));
    }
}
