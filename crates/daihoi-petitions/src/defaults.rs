//! What ships (P-3, P-4, P-5): the rule table with the numbers in force
//! until 30 June 2026 and their articles, and the calendar of 2025 and
//! 2026 as announced. Both are data an administrator edits; none of the
//! calendar's years is confirmed here (a person confirms each year), and
//! no row covers a case received from 1 July 2026, when Law 136/2025/QH15
//! amended the three laws: a person enters or confirms those rows.
//!
//! The laws write "ngày" (days) and, where they mean it, "ngày làm việc"
//! (working days); plain days are read as calendar days (Civil Code Arts.
//! 146–148). Whether the Law on Complaints' plain days are calendar or
//! working days is not settled by the sources found: the unit is a field
//! of each row, for a person to change.

use time::Date;
use time::macros::date;

use crate::calendar::{CalendarDay, DayKind};
use crate::rules::{Area, Complexity, Rule, RuleTable, Trigger, Unit};

/// The last day of the numbers shipped: Law 136/2025/QH15 applies from
/// the next day.
pub const SHIPPED_UNTIL: Date = date!(2026 - 06 - 30);

/// The Law on Complaints 02/2011/QH13 in force.
const LKN_FROM: Date = date!(2012 - 07 - 01);
/// The Law on Denunciations 25/2018/QH14 in force.
const LTC_FROM: Date = date!(2019 - 01 - 01);

#[allow(clippy::too_many_arguments)]
fn row(
    trigger: Trigger,
    area: Option<Area>,
    complexity: Option<Complexity>,
    amount: u32,
    unit: Unit,
    extensions: u8,
    from: Date,
    source: &str,
) -> Rule {
    Rule {
        trigger,
        area,
        complexity,
        amount,
        unit,
        extensions,
        extension_amount: if extensions > 0 { 30 } else { 0 },
        valid_from: from,
        valid_to: Some(SHIPPED_UNTIL),
        source: source.to_owned(),
    }
}

/// The rows shipped (P-4, P-5), valid until [`SHIPPED_UNTIL`].
pub fn rules() -> Vec<Rule> {
    use Area::Remote;
    use Complexity::{Complex, EspeciallyComplex};
    use Trigger::*;
    use Unit::{CalendarDays as Days, WorkingDays};
    const LKN: &str = "Luật Khiếu nại 02/2011/QH13";
    const LTC: &str = "Luật Tố cáo 25/2018/QH14";
    let lkn = |article: &str| format!("{LKN}, Điều {article}");
    let ltc = |article: &str| format!("{LTC}, Điều {article}");
    vec![
        row(ComplaintFiling, None, None, 90, Days, 0, LKN_FROM, &lkn("9")),
        row(ComplaintAcceptance, None, None, 10, Days, 0, LKN_FROM, &lkn("27")),
        row(ComplaintSettlement, None, None, 30, Days, 0, LKN_FROM, &lkn("28")),
        row(ComplaintSettlement, None, Some(Complex), 45, Days, 0, LKN_FROM, &lkn("28")),
        row(ComplaintSettlement, Some(Remote), None, 45, Days, 0, LKN_FROM, &lkn("28")),
        row(ComplaintSettlement, Some(Remote), Some(Complex), 60, Days, 0, LKN_FROM, &lkn("28")),
        row(SecondComplaintFiling, None, None, 30, Days, 0, LKN_FROM, &lkn("33")),
        row(SecondComplaintFiling, Some(Remote), None, 45, Days, 0, LKN_FROM, &lkn("33")),
        row(SecondComplaintAcceptance, None, None, 10, Days, 0, LKN_FROM, &lkn("36")),
        row(SecondComplaintSettlement, None, None, 45, Days, 0, LKN_FROM, &lkn("37")),
        row(SecondComplaintSettlement, None, Some(Complex), 60, Days, 0, LKN_FROM, &lkn("37")),
        row(SecondComplaintSettlement, Some(Remote), None, 60, Days, 0, LKN_FROM, &lkn("37")),
        row(SecondComplaintSettlement, Some(Remote), Some(Complex), 70, Days, 0, LKN_FROM, &lkn("37")),
        row(DenunciationProcessing, None, None, 7, WorkingDays, 0, LTC_FROM, &ltc("24 khoản 1")),
        row(DenunciationProcessing, None, Some(Complex), 10, WorkingDays, 0, LTC_FROM, &ltc("24 khoản 1")),
        row(DenunciationForwarding, None, None, 5, WorkingDays, 0, LTC_FROM, &ltc("24 khoản 2")),
        row(DenunciationNotice, None, None, 5, WorkingDays, 0, LTC_FROM, &ltc("29 khoản 3")),
        row(DenunciationSettlement, None, None, 30, Days, 0, LTC_FROM, &ltc("30")),
        row(DenunciationSettlement, None, Some(Complex), 30, Days, 1, LTC_FROM, &ltc("30")),
        row(DenunciationSettlement, None, Some(EspeciallyComplex), 30, Days, 2, LTC_FROM, &ltc("30")),
    ]
}

/// The table of [`rules`].
pub fn table() -> RuleTable {
    RuleTable::new(rules()).expect("the shipped rows do not overlap")
}

/// The days of 2025 and 2026 as announced for civil servants (Saturdays
/// and Sundays off besides). To be confirmed by a person for each year:
/// the announcements for 1–2 January and for the day beside 2 September
/// 2026 are not included here.
pub fn calendar_days() -> Vec<CalendarDay> {
    let day = |date: Date, kind: DayKind, name: &str| CalendarDay { date, kind, name: name.to_owned() };
    let h = DayKind::Holiday;
    let mut days = vec![day(date!(2025 - 01 - 01), h, "Tết Dương lịch")];
    for d in 27..=31 {
        let date = Date::from_calendar_date(2025, time::Month::January, d).expect("a day of January");
        days.push(day(date, h, "Tết Nguyên đán Ất Tỵ"));
    }
    days.extend([
        day(date!(2025 - 04 - 07), h, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        day(date!(2025 - 04 - 26), DayKind::MakeUp, "Làm bù cho ngày 2/5/2025"),
        day(date!(2025 - 04 - 30), h, "Ngày Giải phóng miền Nam, thống nhất đất nước"),
        day(date!(2025 - 05 - 01), h, "Ngày Quốc tế Lao động"),
        day(date!(2025 - 05 - 02), DayKind::Substitute, "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)"),
        day(date!(2025 - 09 - 01), h, "Quốc khánh (ngày liền kề)"),
        day(date!(2025 - 09 - 02), h, "Quốc khánh"),
        day(date!(2026 - 01 - 01), h, "Tết Dương lịch"),
    ]);
    for d in 16..=20 {
        let date = Date::from_calendar_date(2026, time::Month::February, d).expect("a day of February");
        days.push(day(date, h, "Tết Nguyên đán Bính Ngọ"));
    }
    days.extend([
        day(date!(2026 - 04 - 26), h, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        day(date!(2026 - 04 - 27), DayKind::Substitute, "Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)"),
        day(date!(2026 - 04 - 30), h, "Ngày Giải phóng miền Nam, thống nhất đất nước"),
        day(date!(2026 - 05 - 01), h, "Ngày Quốc tế Lao động"),
        day(date!(2026 - 09 - 02), h, "Quốc khánh"),
    ]);
    days
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::calendar::Calendar;
    use crate::deadline::due;
    use crate::rules::RuleError;

    /// P-4: the Law on Complaints' numbers (Arts. 9, 27, 28, 33, 36, 37),
    /// remote areas and complex cases included.
    #[test]
    fn complaint_numbers() {
        let t = table();
        let on = date!(2025 - 03 - 01);
        let n = |trigger, area, complexity| t.rule_for(trigger, on, area, complexity).unwrap().amount;
        use Area::{Ordinary as O, Remote as R};
        use Complexity::{Complex as C, Ordinary as N};
        assert_eq!(n(Trigger::ComplaintFiling, O, N), 90);
        assert_eq!(n(Trigger::ComplaintAcceptance, R, C), 10);
        assert_eq!([n(Trigger::ComplaintSettlement, O, N), n(Trigger::ComplaintSettlement, O, C)], [30, 45]);
        assert_eq!([n(Trigger::ComplaintSettlement, R, N), n(Trigger::ComplaintSettlement, R, C)], [45, 60]);
        assert_eq!([n(Trigger::SecondComplaintFiling, O, N), n(Trigger::SecondComplaintFiling, R, N)], [30, 45]);
        assert_eq!(n(Trigger::SecondComplaintAcceptance, O, N), 10);
        let second = |a, c| n(Trigger::SecondComplaintSettlement, a, c);
        assert_eq!([second(O, N), second(O, C), second(R, N), second(R, C)], [45, 60, 60, 70]);
    }

    /// P-5: the Law on Denunciations' numbers (Arts. 24, 29, 30): working
    /// days where it says so; 30 days extended once when complex, twice
    /// when especially complex.
    #[test]
    fn denunciation_numbers() {
        let t = table();
        let on = date!(2025 - 03 - 01);
        let r = |trigger, complexity| t.rule_for(trigger, on, Area::Ordinary, complexity).unwrap();
        let processing = r(Trigger::DenunciationProcessing, Complexity::Ordinary);
        assert_eq!((processing.amount, processing.unit), (7, Unit::WorkingDays));
        assert_eq!(r(Trigger::DenunciationProcessing, Complexity::Complex).amount, 10);
        assert_eq!(r(Trigger::DenunciationForwarding, Complexity::Ordinary).amount, 5);
        assert_eq!(r(Trigger::DenunciationNotice, Complexity::Ordinary).unit, Unit::WorkingDays);
        let settle = |c| {
            let row = r(Trigger::DenunciationSettlement, c);
            (row.amount, row.extensions, row.extension_amount)
        };
        assert_eq!(settle(Complexity::Ordinary), (30, 0, 0));
        assert_eq!(settle(Complexity::Complex), (30, 1, 30));
        assert_eq!(settle(Complexity::EspeciallyComplex), (30, 2, 30));
    }

    /// P-3 [open]: from 1 July 2026 (Law 136/2025/QH15) no shipped row
    /// holds; petitions and Party discipline complaints have none at all.
    #[test]
    fn what_ships_no_number_for() {
        let t = table();
        let july = date!(2026 - 07 - 01);
        for trigger in Trigger::ALL {
            assert!(matches!(
                t.rule_for(trigger, july, Area::Ordinary, Complexity::Ordinary),
                Err(RuleError::Awaiting { .. })
            ));
        }
        let before = date!(2026 - 06 - 30);
        for trigger in [Trigger::PetitionAnswer, Trigger::PartyComplaintSettlement] {
            assert!(t.rule_for(trigger, before, Area::Ordinary, Complexity::Ordinary).is_err());
        }
    }

    /// P-3: the shipped calendar is well formed, and a 2025 denunciation
    /// received before the 30 April holidays counts past them and the
    /// swapped 2 May, the make-up Saturday 26 April counting.
    #[test]
    fn the_shipped_calendar_counts() {
        let c = Calendar::new(calendar_days()).unwrap().confirmed([2025]);
        let t = table();
        let row = t
            .rule_for(Trigger::DenunciationProcessing, date!(2025 - 04 - 24), Area::Ordinary, Complexity::Ordinary)
            .unwrap();
        // Thu 24: Fri 25 (1), Sat 26 make-up (2), Mon 28 (3), Tue 29 (4),
        // 30/4–4/5 off, Mon 5 (5), Tue 6 (6), Wed 7 (7).
        assert_eq!(due(date!(2025 - 04 - 24), row, &[], &c).unwrap().date, date!(2025 - 05 - 07));
    }
}
