//! A committee (cấp ủy) over time: who sat on an organization's committee,
//! in which positions, from when to when, by appointment or election
//! (issue 15 §4). What ex-officio delegates (C-DEL-7) and "retiring
//! before the opening" (C-DEL-9) read.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::roll::CommitteeMember;

/// A position on a committee or its inspection commission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Bí thư: the secretary.
    Secretary,
    /// Phó Bí thư: a deputy secretary.
    DeputySecretary,
    /// Ủy viên Ban Thường vụ: a member of the standing committee.
    StandingMember,
    /// Ủy viên Ban Chấp hành: a member of the committee.
    Member,
    /// Ủy viên dự khuyết: an alternate member of the committee.
    AlternateMember,
    /// Chủ nhiệm Ủy ban Kiểm tra: the inspection commission's chair.
    InspectionChair,
    /// Phó Chủ nhiệm Ủy ban Kiểm tra: a deputy chair of the commission.
    InspectionDeputy,
    /// Ủy viên Ủy ban Kiểm tra: a member of the inspection commission.
    InspectionMember,
}

impl Position {
    /// From the highest: the order of a committee's list.
    pub const ALL: [Position; 8] = [
        Position::Secretary,
        Position::DeputySecretary,
        Position::StandingMember,
        Position::Member,
        Position::AlternateMember,
        Position::InspectionChair,
        Position::InspectionDeputy,
        Position::InspectionMember,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Position::Secretary => "secretary",
            Position::DeputySecretary => "deputy_secretary",
            Position::StandingMember => "standing_member",
            Position::Member => "member",
            Position::AlternateMember => "alternate_member",
            Position::InspectionChair => "inspection_chair",
            Position::InspectionDeputy => "inspection_deputy",
            Position::InspectionMember => "inspection_member",
        }
    }

    pub fn parse(code: &str) -> Option<Position> {
        Position::ALL.into_iter().find(|p| p.code() == code)
    }

    /// Whether the position is a seat on the committee itself (an official
    /// or an alternate member), not only on its inspection commission.
    pub fn on_committee(self) -> bool {
        matches!(
            self,
            Position::Secretary
                | Position::DeputySecretary
                | Position::StandingMember
                | Position::Member
                | Position::AlternateMember
        )
    }
}

/// How a seat began.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatSource {
    /// Chỉ định: appointed by the higher committee (C-PER-10).
    Appointment,
    /// Bầu: elected by a congress or the committee, results approved (R-AFTER-1).
    Election,
}

impl SeatSource {
    pub fn code(self) -> &'static str {
        match self {
            SeatSource::Appointment => "appointment",
            SeatSource::Election => "election",
        }
    }

    pub fn parse(code: &str) -> Option<SeatSource> {
        [SeatSource::Appointment, SeatSource::Election].into_iter().find(|s| s.code() == code)
    }
}

/// One position held by one person, over a period `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeSeat {
    /// The person, by card number.
    pub person: String,
    pub position: Position,
    pub from: Date,
    /// End of the period (excluded); `None` while held.
    pub to: Option<Date>,
    pub source: SeatSource,
    /// The decision (appointment, approval of results).
    pub reference: String,
}

impl CommitteeSeat {
    pub fn held_on(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date < to)
    }
}

/// C-DEL-7: the committee members convened ex officio to a congress opening
/// on `opening`: everyone holding a seat on the committee that day, once
/// each, alternate members marked (whether they are ex officio is [open]:
/// the roll asks, [`crate::Roll::assemble`]). C-DEL-9's exclusions are the
/// roll's, not this list's.
pub fn convening_committee(seats: &[CommitteeSeat], opening: Date) -> Vec<CommitteeMember> {
    let mut out: Vec<CommitteeMember> = Vec::new();
    let mut held: Vec<&CommitteeSeat> =
        seats.iter().filter(|s| s.position.on_committee() && s.held_on(opening)).collect();
    held.sort_by(|a, b| (&a.person, a.position).cmp(&(&b.person, b.position)));
    for s in held {
        let alternate = s.position == Position::AlternateMember;
        match out.iter_mut().find(|m| m.person == s.person) {
            // An official position wins over an alternate seat held the same day.
            Some(m) => m.alternate &= alternate,
            None => out.push(CommitteeMember { person: s.person.clone(), alternate }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn seat(person: &str, position: Position, from: Date, to: Option<Date>) -> CommitteeSeat {
        CommitteeSeat {
            person: person.into(),
            position,
            from,
            to,
            source: SeatSource::Election,
            reference: "QĐ chuẩn y".into(),
        }
    }

    /// C-DEL-7: the convening committee on the opening day: each member
    /// once, whatever their positions; the inspection commission's own
    /// members and those whose seat ended before are not on it; an
    /// alternate member is marked.
    #[test]
    fn c_del_7_the_convening_committee_on_the_opening_day() {
        let opening = date!(2025 - 09 - 24);
        let seats = [
            seat("A", Position::Secretary, date!(2020 - 10 - 15), None),
            seat("A", Position::StandingMember, date!(2020 - 10 - 15), None),
            seat("A", Position::Member, date!(2020 - 10 - 15), None),
            seat("B", Position::Member, date!(2020 - 10 - 15), Some(date!(2025 - 07 - 01))),
            seat("C", Position::AlternateMember, date!(2020 - 10 - 15), None),
            seat("D", Position::InspectionMember, date!(2020 - 10 - 15), None),
            seat("E", Position::AlternateMember, date!(2020 - 10 - 15), Some(date!(2023 - 01 - 01))),
            seat("E", Position::Member, date!(2023 - 01 - 01), None),
            seat("F", Position::Member, date!(2025 - 09 - 24), None),
            seat("G", Position::Member, date!(2025 - 09 - 25), None),
        ];
        let committee = convening_committee(&seats, opening);
        let got: Vec<(&str, bool)> = committee.iter().map(|m| (m.person.as_str(), m.alternate)).collect();
        assert_eq!(got, [("A", false), ("C", true), ("E", false), ("F", false)]);
    }

    #[test]
    fn codes_round_trip() {
        for p in Position::ALL {
            assert_eq!(Position::parse(p.code()), Some(p));
        }
        for s in [SeatSource::Appointment, SeatSource::Election] {
            assert_eq!(SeatSource::parse(s.code()), Some(s));
        }
    }
}
