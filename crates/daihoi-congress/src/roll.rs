//! The roll of a congress (danh sách triệu tập): who is convened, in what
//! seat (C-DEL-7, C-DEL-8, C-DEL-10), and who is not convened, each with the
//! case and the document (C-DEL-9), checked before the opening.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::CongressError;
use crate::plan::CongressKind;
use crate::round::{Awaiting, OpenQuestion, ReplacementOrder, RoundSettings, Scope};

/// A person's seat on the roll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "seat")]
pub enum Seat {
    /// A member at a member congress (R-BASE-1): exempted from activity
    /// (miễn sinh hoạt) or on temporary transfer, as on the congress's date.
    Member { exempted: bool, temporarily_transferred: bool },
    /// Đại biểu đương nhiên: a member of the convening committee (C-DEL-7).
    ExOfficio,
    /// Elected by a lower congress (its organization's code).
    Elected { by: String },
    /// Đại biểu chỉ định, with the decision (C-DEL-8).
    Designated { decision: String },
    /// Đại biểu dự khuyết, with its rank (C-DEL-10).
    Alternate { rank: u32 },
}

impl Seat {
    pub fn code(&self) -> &'static str {
        match self {
            Seat::Member { .. } => "member",
            Seat::ExOfficio => "ex_officio",
            Seat::Elected { .. } => "elected",
            Seat::Designated { .. } => "designated",
            Seat::Alternate { .. } => "alternate",
        }
    }

    /// An official seat (not an alternate).
    pub fn is_official(&self) -> bool {
        !matches!(self, Seat::Alternate { .. })
    }

    fn of_kind(&self, kind: CongressKind) -> bool {
        matches!(self, Seat::Member { .. }) == (kind == CongressKind::MemberCongress)
    }
}

/// A person on the roll and their seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollEntry {
    /// The person's identifier.
    pub person: String,
    pub seat: Seat,
}

/// A member of the convening committee (cấp ủy triệu tập).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeMember {
    pub person: String,
    /// An alternate member of the committee (ủy viên dự khuyết).
    pub alternate: bool,
}

/// C-DEL-9's cases (04-HD/TW).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionCase {
    /// Đình chỉ sinh hoạt đảng or sinh hoạt cấp ủy.
    Suspended,
    /// Khởi tố bị can.
    Prosecuted,
    /// Truy tố.
    Indicted,
    /// A delegate elected against election principles or procedures.
    ElectedAgainstRules,
    /// A convening-committee member whose retirement takes effect.
    Retiring,
    /// A convening-committee member transferred to a post outside.
    TransferredOut,
}

impl ExclusionCase {
    pub fn code(self) -> &'static str {
        match self {
            ExclusionCase::Suspended => "suspended",
            ExclusionCase::Prosecuted => "prosecuted",
            ExclusionCase::Indicted => "indicted",
            ExclusionCase::ElectedAgainstRules => "elected_against_rules",
            ExclusionCase::Retiring => "retiring",
            ExclusionCase::TransferredOut => "transferred_out",
        }
    }

    /// The seats the case concerns: retirement and transfer, the convening
    /// committee's members; an irregular election, elected delegates and
    /// alternates; the others, everyone.
    pub fn concerns(self, seat: &Seat) -> bool {
        match self {
            ExclusionCase::Suspended | ExclusionCase::Prosecuted | ExclusionCase::Indicted => true,
            ExclusionCase::ElectedAgainstRules => matches!(seat, Seat::Elected { .. } | Seat::Alternate { .. }),
            ExclusionCase::Retiring | ExclusionCase::TransferredOut => matches!(seat, Seat::ExOfficio),
        }
    }
}

/// A fact that may exclude a person: the case, the date it takes effect,
/// and the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionFact {
    pub person: String,
    pub case: ExclusionCase,
    /// The date the case takes effect (the decision's effective date, the
    /// retirement date).
    pub effective: Date,
    pub reference: String,
}

/// C-DEL-9: why a person is not convened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    pub case: ExclusionCase,
    pub effective: Date,
    pub reference: String,
}

/// Whether a person on the roll is convened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Status {
    Convened,
    /// C-DEL-9.
    NotConvened(Exclusion),
    /// C-DEL-7: an alternate committee member, while the question waits.
    Awaiting(Awaiting),
}

/// What the roll is made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollInput {
    pub kind: CongressKind,
    pub opening: Date,
    /// The convening committee, whose members are ex officio (delegate
    /// congress only).
    pub committee: Vec<CommitteeMember>,
    /// Everyone else: members (member congress), or elected, designated and
    /// alternate delegates (delegate congress).
    pub entries: Vec<RollEntry>,
    pub facts: Vec<ExclusionFact>,
}

/// A person on the roll and whether they are convened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RollLine {
    pub entry: RollEntry,
    pub status: Status,
}

/// The roll, checked before the opening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roll {
    pub kind: CongressKind,
    pub opening: Date,
    pub lines: Vec<RollLine>,
}

impl Roll {
    /// C-DEL-7, C-DEL-9, C-DEL-10: the roll from the committee, the other
    /// entries and the facts. Ex-officio delegates are the committee's
    /// members not excluded; its alternate members wait for C-DEL-7's
    /// answer (if no, they are not on the roll). A case counts when it takes
    /// effect on or before the opening day. Refused: a person twice, a
    /// seat of the other kind of congress, two alternates of one rank, a
    /// fact about someone unknown or without its document.
    pub fn assemble(input: &RollInput, settings: &RoundSettings) -> Result<Roll, CongressError> {
        let mut lines: Vec<RollLine> = Vec::new();
        if input.kind == CongressKind::MemberCongress
            && let Some(c) = input.committee.first()
        {
            return Err(CongressError::SeatNotOfKind {
                rule: "C-DEL-7",
                person: c.person.clone(),
                seat: Seat::ExOfficio.code(),
                kind: input.kind.code(),
            });
        }
        let alternates_ex_officio = settings.yes_no(OpenQuestion::AlternatesExOfficio, &Scope::Round);
        for c in &input.committee {
            let status = match (&alternates_ex_officio, c.alternate) {
                (_, false) | (Ok(true), true) => Status::Convened,
                (Ok(false), true) => continue,
                (Err(a), true) => Status::Awaiting(a.clone()),
            };
            lines.push(RollLine { entry: RollEntry { person: c.person.clone(), seat: Seat::ExOfficio }, status });
        }
        for e in &input.entries {
            if !e.seat.of_kind(input.kind) || e.seat == Seat::ExOfficio {
                return Err(CongressError::SeatNotOfKind {
                    rule: if e.seat == Seat::ExOfficio { "C-DEL-7" } else { "R-BASE-4" },
                    person: e.person.clone(),
                    seat: e.seat.code(),
                    kind: input.kind.code(),
                });
            }
            lines.push(RollLine { entry: e.clone(), status: Status::Convened });
        }
        for (i, l) in lines.iter().enumerate() {
            if lines[..i].iter().any(|m| m.entry.person == l.entry.person) {
                return Err(CongressError::PersonTwice(l.entry.person.clone()));
            }
            if let Seat::Alternate { rank } = l.entry.seat
                && let Some(m) = lines[..i].iter().find(|m| m.entry.seat == Seat::Alternate { rank })
            {
                return Err(CongressError::AlternateRankTwice {
                    rank,
                    first: m.entry.person.clone(),
                    second: l.entry.person.clone(),
                });
            }
        }
        for f in &input.facts {
            if f.reference.trim().is_empty() {
                return Err(CongressError::ExclusionWithoutReference(f.person.clone()));
            }
            let known = lines.iter().any(|l| l.entry.person == f.person)
                || input.committee.iter().any(|c| c.person == f.person);
            if !known {
                return Err(CongressError::ExclusionOfUnknown(f.person.clone()));
            }
            let Some(line) = lines.iter_mut().find(|l| l.entry.person == f.person) else { continue };
            if f.effective <= input.opening
                && f.case.concerns(&line.entry.seat)
                && !matches!(line.status, Status::NotConvened(_))
            {
                line.status = Status::NotConvened(Exclusion {
                    case: f.case,
                    effective: f.effective,
                    reference: f.reference.clone(),
                });
            }
        }
        Ok(Roll { kind: input.kind, opening: input.opening, lines })
    }

    pub fn line(&self, person: &str) -> Option<&RollLine> {
        self.lines.iter().find(|l| l.entry.person == person)
    }

    /// The official delegates (or members) convened: C-DEL-7's "ex officio
    /// + elected + designated", less those not convened.
    pub fn convened_officials(&self) -> impl Iterator<Item = &RollLine> {
        self.lines.iter().filter(|l| l.entry.seat.is_official() && l.status == Status::Convened)
    }

    /// The questions the roll waits for.
    pub fn awaiting(&self) -> Vec<Awaiting> {
        let mut out: Vec<Awaiting> = Vec::new();
        for l in &self.lines {
            if let Status::Awaiting(a) = &l.status
                && !out.contains(a)
            {
                out.push(a.clone());
            }
        }
        out
    }

    /// C-DEL-9 [open]: whether a substitute is convened for an official
    /// delegate not convened.
    pub fn substitute_convened(&self, settings: &RoundSettings) -> Result<bool, Awaiting> {
        settings.yes_no(OpenQuestion::SubstituteConvened, &Scope::Round)
    }

    /// C-DEL-10: the next alternate to replace an absent official, among
    /// the convened alternates not in `used`, by rank, once the order is
    /// answered; `DecidedEachTime` gives `None`: the presidium names one.
    pub fn next_alternate(&self, used: &[String], settings: &RoundSettings) -> Result<Option<&RollEntry>, Awaiting> {
        match settings.replacement_order(&Scope::Round)? {
            ReplacementOrder::DecidedEachTime => Ok(None),
            ReplacementOrder::ByRank => Ok(self
                .lines
                .iter()
                .filter(|l| l.status == Status::Convened && !used.contains(&l.entry.person))
                .filter_map(|l| match l.entry.seat {
                    Seat::Alternate { rank } => Some((rank, &l.entry)),
                    _ => None,
                })
                .min_by_key(|(rank, _)| *rank)
                .map(|(_, e)| e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::{Answer, AnswerValue};
    use time::macros::date;

    fn entry(person: &str, seat: Seat) -> RollEntry {
        RollEntry { person: person.into(), seat }
    }

    fn fact(person: &str, case: ExclusionCase, effective: Date) -> ExclusionFact {
        ExclusionFact { person: person.into(), case, effective, reference: "1-QĐ".into() }
    }

    fn answer(value: AnswerValue) -> Answer {
        Answer { value, by: "Ban Chấp hành".into(), at: date!(2025 - 05 - 01), why: "Nghị quyết".into() }
    }

    fn input() -> RollInput {
        RollInput {
            kind: CongressKind::DelegateCongress,
            opening: date!(2025 - 07 - 10),
            committee: vec![
                CommitteeMember { person: "uv1".into(), alternate: false },
                CommitteeMember { person: "uv2".into(), alternate: false },
                CommitteeMember { person: "dk1".into(), alternate: true },
            ],
            entries: vec![
                entry("a", Seat::Elected { by: "CB-01".into() }),
                entry("b", Seat::Designated { decision: "9-QĐ".into() }),
                entry("x1", Seat::Alternate { rank: 1 }),
                entry("x2", Seat::Alternate { rank: 2 }),
            ],
            facts: vec![],
        }
    }

    /// C-DEL-7: committee members are ex officio; alternate members wait
    /// for the [open] answer.
    #[test]
    fn c_del_7_ex_officio() {
        let mut s = RoundSettings::term_2025_2030();
        let roll = Roll::assemble(&input(), &s).unwrap();
        assert_eq!(roll.line("uv1").unwrap().status, Status::Convened);
        assert!(matches!(roll.line("dk1").unwrap().status, Status::Awaiting(_)));
        assert_eq!(roll.awaiting().len(), 1);
        assert_eq!(roll.convened_officials().count(), 4);
        s.record(OpenQuestion::AlternatesExOfficio, Scope::Round, answer(AnswerValue::YesNo(false))).unwrap();
        let roll = Roll::assemble(&input(), &s).unwrap();
        assert!(roll.line("dk1").is_none());
        s.record(OpenQuestion::AlternatesExOfficio, Scope::Round, answer(AnswerValue::YesNo(true))).unwrap();
        assert_eq!(Roll::assemble(&input(), &s).unwrap().convened_officials().count(), 5);
    }

    /// C-DEL-9: each case, its seats, before the opening, with its document.
    #[test]
    fn c_del_9_not_convened() {
        let s = RoundSettings::term_2025_2030();
        let mut i = input();
        i.facts = vec![
            fact("uv2", ExclusionCase::TransferredOut, date!(2025 - 07 - 10)),
            fact("a", ExclusionCase::ElectedAgainstRules, date!(2025 - 07 - 01)),
            fact("b", ExclusionCase::Indicted, date!(2025 - 07 - 11)),
            // Retirement concerns committee members only.
            fact("x1", ExclusionCase::Retiring, date!(2025 - 06 - 01)),
        ];
        let roll = Roll::assemble(&i, &s).unwrap();
        assert!(
            matches!(&roll.line("uv2").unwrap().status, Status::NotConvened(e) if e.case == ExclusionCase::TransferredOut)
        );
        assert!(matches!(&roll.line("a").unwrap().status, Status::NotConvened(e) if e.reference == "1-QĐ"));
        assert_eq!(roll.line("b").unwrap().status, Status::Convened);
        assert_eq!(roll.line("x1").unwrap().status, Status::Convened);
        assert_eq!(roll.convened_officials().count(), 2);

        i.facts =
            vec![ExclusionFact { reference: " ".into(), ..fact("a", ExclusionCase::Suspended, date!(2025 - 01 - 01)) }];
        assert_eq!(Roll::assemble(&i, &s), Err(CongressError::ExclusionWithoutReference("a".into())));
        i.facts = vec![fact("zz", ExclusionCase::Suspended, date!(2025 - 01 - 01))];
        assert_eq!(Roll::assemble(&i, &s), Err(CongressError::ExclusionOfUnknown("zz".into())));
        assert!(Roll::assemble(&i, &s).unwrap_err().to_string().starts_with("C-DEL-9"));
    }

    /// A person on the roll twice is refused (a committee member elected by
    /// a cell, too); so are alternates of one rank and seats of the other
    /// kind of congress.
    #[test]
    fn roll_refuses_a_person_twice() {
        let s = RoundSettings::term_2025_2030();
        let mut i = input();
        i.entries.push(entry("uv1", Seat::Elected { by: "CB-02".into() }));
        assert_eq!(Roll::assemble(&i, &s), Err(CongressError::PersonTwice("uv1".into())));
        let mut i = input();
        i.entries.push(entry("x3", Seat::Alternate { rank: 2 }));
        assert!(matches!(Roll::assemble(&i, &s), Err(CongressError::AlternateRankTwice { rank: 2, .. })));
        let mut i = input();
        i.entries.push(entry("m", Seat::Member { exempted: false, temporarily_transferred: false }));
        assert!(matches!(Roll::assemble(&i, &s), Err(CongressError::SeatNotOfKind { .. })));
        let mut i = input();
        i.kind = CongressKind::MemberCongress;
        i.entries.clear();
        assert!(matches!(Roll::assemble(&i, &s), Err(CongressError::SeatNotOfKind { rule: "C-DEL-7", .. })));
    }

    /// C-DEL-10: the replacement order is [open]; by rank once answered.
    #[test]
    fn c_del_10_next_alternate() {
        let mut s = RoundSettings::term_2025_2030();
        let roll = Roll::assemble(&input(), &s).unwrap();
        assert!(roll.next_alternate(&[], &s).is_err());
        assert!(roll.substitute_convened(&s).is_err());
        s.record(
            OpenQuestion::AlternatesReplacementOrder,
            Scope::Round,
            answer(AnswerValue::ReplacementOrder(ReplacementOrder::ByRank)),
        )
        .unwrap();
        assert_eq!(roll.next_alternate(&[], &s).unwrap().unwrap().person, "x1");
        assert_eq!(roll.next_alternate(&["x1".into()], &s).unwrap().unwrap().person, "x2");
        assert_eq!(roll.next_alternate(&["x1".into(), "x2".into()], &s).unwrap(), None);
    }
}
