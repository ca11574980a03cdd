//! The credentials committee's figures (báo cáo thẩm tra tư cách đại biểu;
//! issue 15 §7, congress.md "Credentials and attendance"): the roll's
//! counts by mode, those not convened with their case and document, and
//! the make-up of the delegates convened from what the member file holds
//! (sex, ethnicity, age and Party seniority on the opening day). Bands are
//! the reporting convention of the reports seen [PRACTICE]; no rule sets
//! them, and no figure here decides anything.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::roll::{Exclusion, Roll, Seat, Status};

/// What the member file says of one person on the roll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFacts {
    pub person: String,
    pub female: bool,
    pub birth: Date,
    /// Dân tộc, as the member file writes it ("Kinh", "Tày", "Dao" …).
    pub ethnicity: String,
    /// The day they were admitted to the Party.
    pub admitted: Date,
}

/// Ages on the opening day: up to 35, 36–45, 46–55, 56–60, over 60.
pub const AGE_BANDS: [(u32, u32); 5] = [(0, 35), (36, 45), (46, 55), (56, 60), (61, u32::MAX)];

/// Years in the Party on the opening day: under 10, 10–19, 20–29, 30 and more.
pub const SENIORITY_BANDS: [(u32, u32); 4] = [(0, 9), (10, 19), (20, 29), (30, u32::MAX)];

/// The figures of the credentials report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Credentials {
    /// Convened official delegates (or members) and alternates, by seat:
    /// ex officio, elected, designated, members, alternates.
    pub ex_officio: u32,
    pub elected: u32,
    pub designated: u32,
    pub members: u32,
    pub alternates: u32,
    /// Everyone convened (officials and alternates).
    pub convened: u32,
    /// C-DEL-9: those not convened, with the case and the document.
    pub not_convened: Vec<(String, Exclusion)>,
    /// Among those convened.
    pub women: u32,
    /// Of an ethnicity other than Kinh.
    pub ethnic_minorities: u32,
    /// Counts in [`AGE_BANDS`] order.
    pub ages: Vec<u32>,
    /// Counts in [`SENIORITY_BANDS`] order.
    pub seniority: Vec<u32>,
    pub youngest: Option<u32>,
    pub oldest: Option<u32>,
    /// People on the roll the member file does not describe (none, unless
    /// the file changed under the roll): counted apart.
    pub undescribed: u32,
}

/// Whole years from `from` to `to` (a birthday on `to` counts).
pub fn whole_years(from: Date, to: Date) -> u32 {
    let mut years = to.year() - from.year();
    if (to.month() as u8, to.day()) < (from.month() as u8, from.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

fn band(bands: &[(u32, u32)], value: u32) -> usize {
    bands.iter().position(|(lo, hi)| (*lo..=*hi).contains(&value)).unwrap_or(bands.len() - 1)
}

/// The credentials figures of `roll` from the member file's `facts`.
pub fn credentials(roll: &Roll, facts: &[PersonFacts]) -> Credentials {
    let mut c = Credentials {
        ex_officio: 0,
        elected: 0,
        designated: 0,
        members: 0,
        alternates: 0,
        convened: 0,
        not_convened: Vec::new(),
        women: 0,
        ethnic_minorities: 0,
        ages: vec![0; AGE_BANDS.len()],
        seniority: vec![0; SENIORITY_BANDS.len()],
        youngest: None,
        oldest: None,
        undescribed: 0,
    };
    for line in &roll.lines {
        match &line.status {
            Status::NotConvened(e) => {
                c.not_convened.push((line.entry.person.clone(), e.clone()));
                continue;
            }
            Status::Awaiting(_) => continue,
            Status::Convened => {}
        }
        c.convened += 1;
        match line.entry.seat {
            Seat::ExOfficio => c.ex_officio += 1,
            Seat::Elected { .. } => c.elected += 1,
            Seat::Designated { .. } => c.designated += 1,
            Seat::Member { .. } => c.members += 1,
            Seat::Alternate { .. } => c.alternates += 1,
        }
        let Some(f) = facts.iter().find(|f| f.person == line.entry.person) else {
            c.undescribed += 1;
            continue;
        };
        c.women += u32::from(f.female);
        c.ethnic_minorities += u32::from(f.ethnicity.trim() != "Kinh");
        let age = whole_years(f.birth, roll.opening);
        c.ages[band(&AGE_BANDS, age)] += 1;
        c.seniority[band(&SENIORITY_BANDS, whole_years(f.admitted, roll.opening))] += 1;
        c.youngest = Some(c.youngest.map_or(age, |y| y.min(age)));
        c.oldest = Some(c.oldest.map_or(age, |o| o.max(age)));
    }
    c
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::plan::CongressKind;
    use crate::roll::{ExclusionCase, RollEntry, RollLine};

    fn line(person: &str, seat: Seat, status: Status) -> RollLine {
        RollLine { entry: RollEntry { person: person.into(), seat }, status }
    }

    fn facts(person: &str, female: bool, birth: Date, ethnicity: &str, admitted: Date) -> PersonFacts {
        PersonFacts { person: person.into(), female, birth, ethnicity: ethnicity.into(), admitted }
    }

    /// The credentials report counts those convened by seat and their
    /// make-up on the opening day, and lists those not convened with their
    /// case (C-DEL-9); ages and seniority count whole years to the day.
    #[test]
    fn the_figures_of_a_roll() {
        let opening = date!(2025 - 09 - 24);
        let excluded =
            Exclusion { case: ExclusionCase::Prosecuted, effective: date!(2025 - 09 - 01), reference: "QĐ 15".into() };
        let roll = Roll {
            kind: CongressKind::DelegateCongress,
            opening,
            lines: vec![
                line("A", Seat::ExOfficio, Status::Convened),
                line("B", Seat::Elected { by: "X".into() }, Status::Convened),
                line("C", Seat::Elected { by: "X".into() }, Status::NotConvened(excluded.clone())),
                line("D", Seat::Designated { decision: "QĐ".into() }, Status::Convened),
                line("E", Seat::Alternate { rank: 1 }, Status::Convened),
            ],
        };
        let f = [
            // 35 the day after the opening: still 34; admitted 10 years ago
            // to the day.
            facts("A", false, date!(1990 - 09 - 25), "Kinh", date!(2015 - 09 - 24)),
            // 36 on the opening day; 10 years in the Party the day after.
            facts("B", true, date!(1989 - 09 - 24), "Tày", date!(2015 - 09 - 25)),
            facts("D", true, date!(1960 - 01 - 01), "Dao", date!(1985 - 01 - 01)),
        ];
        let c = credentials(&roll, &f);
        assert_eq!((c.ex_officio, c.elected, c.designated, c.alternates, c.convened), (1, 1, 1, 1, 4));
        assert_eq!(c.not_convened, vec![("C".to_owned(), excluded)]);
        assert_eq!((c.women, c.ethnic_minorities, c.undescribed), (2, 2, 1));
        assert_eq!(c.ages, [1, 1, 0, 0, 1], "A is 34, B 36, D 65");
        assert_eq!(c.seniority, [1, 1, 0, 1]);
        assert_eq!((c.youngest, c.oldest), (Some(34), Some(65)));
    }
}
