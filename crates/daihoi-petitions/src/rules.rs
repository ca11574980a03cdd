//! The versioned rule table of legal time limits (P-3): each row says
//! which event starts a clock ([`Trigger`]), how long it runs (amount and
//! [`Unit`]), for which areas and complexities, how many extensions it
//! allows and of how long, from when to when it is valid, and the article
//! it comes from. The table is data an administrator keeps; the laws
//! change (Law 136/2025/QH15 from 1 July 2026), so a row is chosen by the
//! date the case was received, and a date no row covers awaits a person's
//! row ([`RuleError::Awaiting`]) rather than borrowing a neighbour's.

use time::Date;

/// The longest period or extension a row may give, in days: ten years.
pub const MAX_AMOUNT: u32 = 3_660;

/// The event that starts a clock, and what must be done before it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Trigger {
    /// P-4, LKN Art. 9: a complaint is filed within the limit from the day
    /// the decision or act was received or known.
    ComplaintFiling,
    /// P-4, LKN Art. 27: a first complaint is accepted (thụ lý) or refused,
    /// from its receipt.
    ComplaintAcceptance,
    /// P-4, LKN Art. 28: a first complaint is settled, from its acceptance.
    ComplaintSettlement,
    /// P-4, LKN Art. 33: a second complaint is filed, from the first
    /// decision (or the end of the first time limit).
    SecondComplaintFiling,
    /// P-4, LKN Art. 36: a second complaint is accepted, from its receipt.
    SecondComplaintAcceptance,
    /// P-4, LKN Art. 37: a second complaint is settled, from its acceptance.
    SecondComplaintSettlement,
    /// P-5, LTC Art. 24(1): a denunciation's initial processing, from its
    /// receipt.
    DenunciationProcessing,
    /// P-5, LTC Art. 24(2): a denunciation outside one's competence is
    /// forwarded, from its receipt.
    DenunciationForwarding,
    /// P-5, LTC Art. 29(3): the parties are notified of the acceptance,
    /// from the acceptance decision.
    DenunciationNotice,
    /// P-5, LTC Art. 30: a denunciation is settled, from its acceptance.
    DenunciationSettlement,
    /// A petition or reflection (kiến nghị, phản ánh) is answered, from
    /// its receipt. No number was found in the law: no row ships, so the
    /// clock awaits a person's row.
    PetitionAnswer,
    /// A complaint about a Party discipline decision is settled, from its
    /// receipt. The Party's numbers were not retrieved: no row ships.
    PartyComplaintSettlement,
}

impl Trigger {
    pub const ALL: [Trigger; 12] = [
        Trigger::ComplaintFiling,
        Trigger::ComplaintAcceptance,
        Trigger::ComplaintSettlement,
        Trigger::SecondComplaintFiling,
        Trigger::SecondComplaintAcceptance,
        Trigger::SecondComplaintSettlement,
        Trigger::DenunciationProcessing,
        Trigger::DenunciationForwarding,
        Trigger::DenunciationNotice,
        Trigger::DenunciationSettlement,
        Trigger::PetitionAnswer,
        Trigger::PartyComplaintSettlement,
    ];

    /// The stable code kept in storage, files and the API.
    pub fn code(self) -> &'static str {
        match self {
            Trigger::ComplaintFiling => "complaint_filing",
            Trigger::ComplaintAcceptance => "complaint_acceptance",
            Trigger::ComplaintSettlement => "complaint_settlement",
            Trigger::SecondComplaintFiling => "second_complaint_filing",
            Trigger::SecondComplaintAcceptance => "second_complaint_acceptance",
            Trigger::SecondComplaintSettlement => "second_complaint_settlement",
            Trigger::DenunciationProcessing => "denunciation_processing",
            Trigger::DenunciationForwarding => "denunciation_forwarding",
            Trigger::DenunciationNotice => "denunciation_notice",
            Trigger::DenunciationSettlement => "denunciation_settlement",
            Trigger::PetitionAnswer => "petition_answer",
            Trigger::PartyComplaintSettlement => "party_complaint_settlement",
        }
    }

    pub fn from_code(code: &str) -> Option<Trigger> {
        Trigger::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// How a time limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Calendar days (ngày): every day counts; a last day that is off
    /// moves to the next working day (Civil Code Art. 148).
    CalendarDays,
    /// Working days (ngày làm việc): only working days count.
    WorkingDays,
}

impl Unit {
    pub fn code(self) -> &'static str {
        match self {
            Unit::CalendarDays => "days",
            Unit::WorkingDays => "working_days",
        }
    }

    pub fn from_code(code: &str) -> Option<Unit> {
        [Unit::CalendarDays, Unit::WorkingDays].into_iter().find(|u| u.code() == code)
    }
}

/// Where the case is handled: the law gives remote and hard-to-reach
/// areas (vùng sâu, vùng xa, đi lại khó khăn) longer limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    Ordinary,
    Remote,
}

impl Area {
    pub fn code(self) -> &'static str {
        match self {
            Area::Ordinary => "ordinary",
            Area::Remote => "remote",
        }
    }

    pub fn from_code(code: &str) -> Option<Area> {
        [Area::Ordinary, Area::Remote].into_iter().find(|a| a.code() == code)
    }
}

/// How complex the case is, as decided by whoever handles it (phức tạp,
/// đặc biệt phức tạp).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Complexity {
    Ordinary,
    Complex,
    EspeciallyComplex,
}

impl Complexity {
    pub fn code(self) -> &'static str {
        match self {
            Complexity::Ordinary => "ordinary",
            Complexity::Complex => "complex",
            Complexity::EspeciallyComplex => "especially_complex",
        }
    }

    pub fn from_code(code: &str) -> Option<Complexity> {
        [Complexity::Ordinary, Complexity::Complex, Complexity::EspeciallyComplex]
            .into_iter()
            .find(|c| c.code() == code)
    }
}

/// A row of the rule table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub trigger: Trigger,
    /// The area it is for; `None`: every area (the law makes no
    /// difference).
    pub area: Option<Area>,
    /// The least complexity it is for (a row for complex cases holds for
    /// especially complex ones too, unless a row of their own says
    /// otherwise); `None`: every complexity.
    pub complexity: Option<Complexity>,
    pub amount: u32,
    pub unit: Unit,
    /// How many extensions the law allows, and of how long each (in the
    /// same unit).
    pub extensions: u8,
    pub extension_amount: u32,
    /// The first day of a case received under this row.
    pub valid_from: Date,
    /// The last day; `None`: until further notice.
    pub valid_to: Option<Date>,
    /// Where the number comes from ("Luật Khiếu nại 2011, Điều 28").
    pub source: String,
}

impl Rule {
    /// Whether it covers a case received on `on`.
    pub fn valid_on(&self, on: Date) -> bool {
        self.valid_from <= on && self.valid_to.is_none_or(|to| on <= to)
    }

    fn matches(&self, area: Area, complexity: Complexity) -> bool {
        self.area.is_none_or(|a| a == area) && self.complexity.is_none_or(|c| c <= complexity)
    }

    /// How specific the row is: one that names the area and the complexity
    /// is chosen over one that names either, over one that names neither;
    /// then the one of the higher complexity.
    fn specificity(&self) -> (u8, Option<Complexity>) {
        (u8::from(self.area.is_some()) + u8::from(self.complexity.is_some()), self.complexity)
    }

    fn same_key(&self, other: &Rule) -> bool {
        self.trigger == other.trigger && self.area == other.area && self.complexity == other.complexity
    }

    fn overlaps(&self, other: &Rule) -> bool {
        let ends_before = |a: &Rule, b: &Rule| a.valid_to.is_some_and(|to| to < b.valid_from);
        !ends_before(self, other) && !ends_before(other, self)
    }
}

/// A rule table or a row refused, or a clock without its row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// P-3: two rows for the same trigger, area and complexity valid on a
    /// common day.
    #[error("P-3: two rows for {} overlap from {}", .trigger.code(), .from)]
    Overlap { trigger: Trigger, from: Date },
    /// P-3: a row that ends before it starts.
    #[error("P-3: the row for {} ends before it starts", .0.code())]
    Inverted(Trigger),
    /// P-3: a row of no length, or extensions without an amount.
    #[error("P-3: the row for {} has no amount", .0.code())]
    NoAmount(Trigger),
    /// P-3: a row longer than [`MAX_AMOUNT`] (a typing error, and a bound
    /// on the counting).
    #[error("P-3: the row for {} counts {} days; at most {}", .0.code(), .1, MAX_AMOUNT)]
    TooLong(Trigger, u32),
    /// P-3: a row without its source article.
    #[error("P-3: the row for {} names no source", .0.code())]
    NoSource(Trigger),
    /// P-3 [open]: no row covers a case received on that day (for example
    /// from 1 July 2026, when Law 136/2025/QH15 amended the numbers): a
    /// person enters or confirms it.
    #[error("P-3: the rule for {} on {} awaits a person's row", .trigger.code(), .on)]
    Awaiting { trigger: Trigger, on: Date },
}

/// The rule table: rows checked against each other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleTable {
    rows: Vec<Rule>,
}

impl RuleTable {
    /// A table of `rows`; refused when a row is malformed or two overlap.
    pub fn new(rows: impl IntoIterator<Item = Rule>) -> Result<RuleTable, RuleError> {
        let mut table = RuleTable::default();
        for row in rows {
            table.add(row)?;
        }
        Ok(table)
    }

    /// Checks `row` against the table, without adding it.
    pub fn check(&self, row: &Rule) -> Result<(), RuleError> {
        if row.valid_to.is_some_and(|to| to < row.valid_from) {
            return Err(RuleError::Inverted(row.trigger));
        }
        if row.amount == 0 || (row.extensions > 0 && row.extension_amount == 0) {
            return Err(RuleError::NoAmount(row.trigger));
        }
        if let Some(long) = [row.amount, row.extension_amount].into_iter().find(|a| *a > MAX_AMOUNT) {
            return Err(RuleError::TooLong(row.trigger, long));
        }
        if row.source.trim().is_empty() {
            return Err(RuleError::NoSource(row.trigger));
        }
        if let Some(other) = self.rows.iter().find(|r| r.same_key(row) && r.overlaps(row)) {
            return Err(RuleError::Overlap { trigger: row.trigger, from: other.valid_from.max(row.valid_from) });
        }
        Ok(())
    }

    /// Adds `row` after [`RuleTable::check`].
    pub fn add(&mut self, row: Rule) -> Result<(), RuleError> {
        self.check(&row)?;
        self.rows.push(row);
        Ok(())
    }

    pub fn rows(&self) -> &[Rule] {
        &self.rows
    }

    /// The row for a clock of `trigger` of a case received on `received`,
    /// in `area`, of `complexity`: the most specific row valid that day
    /// (see [`Rule::complexity`]).
    pub fn rule_for(
        &self,
        trigger: Trigger,
        received: Date,
        area: Area,
        complexity: Complexity,
    ) -> Result<&Rule, RuleError> {
        self.rows
            .iter()
            .filter(|r| r.trigger == trigger && r.valid_on(received) && r.matches(area, complexity))
            .max_by_key(|r| r.specificity())
            .ok_or(RuleError::Awaiting { trigger, on: received })
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    pub(crate) fn row(trigger: Trigger, amount: u32, from: Date, to: Option<Date>) -> Rule {
        Rule {
            trigger,
            area: None,
            complexity: None,
            amount,
            unit: Unit::CalendarDays,
            extensions: 0,
            extension_amount: 0,
            valid_from: from,
            valid_to: to,
            source: "Luật Khiếu nại 2011, Điều 28".into(),
        }
    }

    /// P-3: rows for the same trigger, area and complexity may follow each
    /// other but not overlap; variants of different areas may.
    #[test]
    fn overlapping_rows_are_refused() {
        let old = row(Trigger::ComplaintSettlement, 30, date!(2012 - 07 - 01), Some(date!(2026 - 06 - 30)));
        let mut table = RuleTable::new([old.clone()]).unwrap();
        let next = row(Trigger::ComplaintSettlement, 30, date!(2026 - 07 - 01), None);
        assert_eq!(table.check(&next), Ok(()));
        let overlapping = row(Trigger::ComplaintSettlement, 20, date!(2026 - 06 - 30), None);
        assert_eq!(
            table.check(&overlapping),
            Err(RuleError::Overlap { trigger: Trigger::ComplaintSettlement, from: date!(2026 - 06 - 30) })
        );
        let remote = Rule { area: Some(Area::Remote), amount: 45, ..old.clone() };
        table.add(remote).unwrap();
        let open_ended = row(Trigger::ComplaintSettlement, 10, date!(2000 - 01 - 01), None);
        assert!(matches!(table.check(&open_ended), Err(RuleError::Overlap { .. })));
        let inverted = row(Trigger::ComplaintFiling, 90, date!(2020 - 01 - 01), Some(date!(2019 - 01 - 01)));
        assert_eq!(table.check(&inverted), Err(RuleError::Inverted(Trigger::ComplaintFiling)));
        assert_eq!(
            table.check(&row(Trigger::ComplaintFiling, 0, date!(2020 - 01 - 01), None)),
            Err(RuleError::NoAmount(Trigger::ComplaintFiling))
        );
        let unsourced = Rule { source: " ".into(), ..row(Trigger::ComplaintFiling, 90, date!(2020 - 01 - 01), None) };
        assert_eq!(table.check(&unsourced), Err(RuleError::NoSource(Trigger::ComplaintFiling)));
    }

    /// P-3: the most specific row valid on the day of receipt; a day no row
    /// covers awaits a person's row ([open]), it does not borrow one.
    #[test]
    fn the_row_is_chosen_by_date_area_and_complexity() {
        let from = date!(2012 - 07 - 01);
        let to = Some(date!(2026 - 06 - 30));
        let base = row(Trigger::ComplaintSettlement, 30, from, to);
        let table = RuleTable::new([
            base.clone(),
            Rule { complexity: Some(Complexity::Complex), amount: 45, ..base.clone() },
            Rule { area: Some(Area::Remote), amount: 45, ..base.clone() },
            Rule { area: Some(Area::Remote), complexity: Some(Complexity::Complex), amount: 60, ..base.clone() },
        ])
        .unwrap();
        let on = date!(2025 - 03 - 01);
        let amount =
            |area, complexity| table.rule_for(Trigger::ComplaintSettlement, on, area, complexity).unwrap().amount;
        assert_eq!(amount(Area::Ordinary, Complexity::Ordinary), 30);
        assert_eq!(amount(Area::Ordinary, Complexity::Complex), 45);
        assert_eq!(amount(Area::Ordinary, Complexity::EspeciallyComplex), 45, "at least complex");
        assert_eq!(amount(Area::Remote, Complexity::Ordinary), 45);
        assert_eq!(amount(Area::Remote, Complexity::Complex), 60);
        let july = date!(2026 - 07 - 01);
        assert_eq!(
            table.rule_for(Trigger::ComplaintSettlement, july, Area::Ordinary, Complexity::Ordinary),
            Err(RuleError::Awaiting { trigger: Trigger::ComplaintSettlement, on: july })
        );
    }

    #[test]
    fn codes_round_trip() {
        for t in Trigger::ALL {
            assert_eq!(Trigger::from_code(t.code()), Some(t));
        }
        for u in [Unit::CalendarDays, Unit::WorkingDays] {
            assert_eq!(Unit::from_code(u.code()), Some(u));
        }
        for a in [Area::Ordinary, Area::Remote] {
            assert_eq!(Area::from_code(a.code()), Some(a));
        }
        for c in [Complexity::Ordinary, Complexity::Complex, Complexity::EspeciallyComplex] {
            assert_eq!(Complexity::from_code(c.code()), Some(c));
        }
    }
}
