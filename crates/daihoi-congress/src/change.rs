//! A person's change of a round's setting (congress.md §5, issue 15 §1):
//! the new value, the document it comes from (D-NUM), who decided, on which
//! day and why. The value becomes `Tag::Recorded` and [`SetBy::Person`];
//! a value outside what the rule allows is refused with the rule's ID.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::level::LevelClass;
use crate::month::YearMonth;
use crate::round::{FinishBy, Length, LetterDays, LevelWindow, Quorum, RoundSettings, SetBy, Setting, SettingKey};

/// The most months a months setting takes (C-PER-2…4, C-PLAN-2, C-PER-11).
pub const MAX_MONTHS: u32 = 120;
/// The longest a congress lasts, in half days (the plan's own bound).
pub const MAX_HALF_DAYS: u32 = 20;
/// The most days to settle a letter (C-PLAN-10).
pub const MAX_LETTER_DAYS: u32 = 3650;

/// The value of a setting, by its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum SettingValue {
    /// A number of members (C-DEL-5's threshold).
    Count(u32),
    /// A number of months.
    Months(u32),
    /// Yes or no.
    Flag(bool),
    /// A day.
    Day(Date),
    /// A month (a reference month).
    Month(YearMonth),
    Quorum(Quorum),
    LetterDays(LetterDays),
    Window(LevelWindow),
}

/// The form of a setting's value, for the pages' fields and the API's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingForm {
    Count,
    Months,
    Flag,
    Day,
    Month,
    Quorum,
    LetterDays,
    Window,
}

impl SettingForm {
    pub fn code(self) -> &'static str {
        match self {
            SettingForm::Count => "count",
            SettingForm::Months => "months",
            SettingForm::Flag => "flag",
            SettingForm::Day => "day",
            SettingForm::Month => "month",
            SettingForm::Quorum => "quorum",
            SettingForm::LetterDays => "letter_days",
            SettingForm::Window => "window",
        }
    }
}

impl SettingValue {
    pub fn form(&self) -> SettingForm {
        match self {
            SettingValue::Count(_) => SettingForm::Count,
            SettingValue::Months(_) => SettingForm::Months,
            SettingValue::Flag(_) => SettingForm::Flag,
            SettingValue::Day(_) => SettingForm::Day,
            SettingValue::Month(_) => SettingForm::Month,
            SettingValue::Quorum(_) => SettingForm::Quorum,
            SettingValue::LetterDays(_) => SettingForm::LetterDays,
            SettingValue::Window(_) => SettingForm::Window,
        }
    }
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn month(m: YearMonth) -> String {
    format!("{:04}-{:02}", m.year(), m.month())
}

/// The value as the audit log writes it (not a page's words).
impl fmt::Display for SettingValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingValue::Count(n) => write!(f, "{n}"),
            SettingValue::Months(n) => write!(f, "{n} months"),
            SettingValue::Flag(b) => write!(f, "{}", if *b { "yes" } else { "no" }),
            SettingValue::Day(d) => write!(f, "{}", iso(*d)),
            SettingValue::Month(m) => write!(f, "{}", month(*m)),
            SettingValue::Quorum(q) => write!(f, "{}/{}", q.numerator, q.denominator),
            SettingValue::LetterDays(l) => write!(f, "{} days (central {})", l.local, l.central),
            SettingValue::Window(w) => {
                match w.length {
                    Some(l) => write!(f, "{} half days", l.in_half_days())?,
                    None => write!(f, "no length")?,
                }
                match w.finish_by {
                    FinishBy::By { date } => write!(f, ", by {}", iso(date))?,
                    FinishBy::EarlyIn { year } => write!(f, ", early in {year}")?,
                }
                match w.age_reference {
                    Some(m) => write!(f, ", age at {}", month(m)),
                    None => write!(f, ", no age reference"),
                }
            }
        }
    }
}

impl SettingKey {
    /// The settings other than the windows that a person may change on a
    /// round (all but the 2020 caps and the national formula, which change
    /// with a release).
    pub const CHANGEABLE: [SettingKey; 13] = [
        SettingKey::StateLeadershipReference,
        SettingKey::DelegateCongressThreshold,
        SettingKey::FirstTimeMonths,
        SettingKey::ReelectionMonths,
        SettingKey::ProvincialDeputySecretaryMonths,
        SettingKey::StateOrFrontMonths,
        SettingKey::StepTwoQuorum,
        SettingKey::CellTermMonths,
        SettingKey::PilotCellTermMonths,
        SettingKey::ReprimandBarMonths,
        SettingKey::OpenMatterBlocks,
        SettingKey::PreviousTermFrom,
        SettingKey::LetterDays,
    ];

    /// The stable code stored in the database and used in paths; a
    /// window's level class is apart ([`SettingKey::level`]).
    pub fn code(self) -> &'static str {
        use SettingKey::*;
        match self {
            Window(_) => "window",
            StateLeadershipReference => "state_leadership_reference",
            DelegateCongressThreshold => "delegate_congress_threshold",
            Caps2020 => "caps_2020",
            National => "national",
            FirstTimeMonths => "first_time_months",
            ReelectionMonths => "reelection_months",
            ProvincialDeputySecretaryMonths => "provincial_deputy_secretary_months",
            StateOrFrontMonths => "state_or_front_months",
            StepTwoQuorum => "step_two_quorum",
            CellTermMonths => "cell_term_months",
            PilotCellTermMonths => "pilot_cell_term_months",
            ReprimandBarMonths => "reprimand_bar_months",
            OpenMatterBlocks => "open_matter_blocks",
            PreviousTermFrom => "previous_term_from",
            LetterDays => "letter_days",
        }
    }

    /// A window's level class.
    pub fn level(self) -> Option<LevelClass> {
        match self {
            SettingKey::Window(l) => Some(l),
            _ => None,
        }
    }

    /// The key of `code` (and, for a window, its level class); `None` for
    /// an unknown code or a window without its level.
    pub fn parse(code: &str, level: Option<LevelClass>) -> Option<SettingKey> {
        if code == "window" {
            return level.map(SettingKey::Window);
        }
        Self::CHANGEABLE.into_iter().chain([SettingKey::Caps2020, SettingKey::National]).find(|k| k.code() == code)
    }

    /// Whether a person may change it (everything but the caps and the
    /// national formula).
    pub fn changeable(self) -> bool {
        !matches!(self, SettingKey::Caps2020 | SettingKey::National)
    }

    /// The rule of congress.md the setting serves.
    pub fn rule(self) -> &'static str {
        use SettingKey::*;
        match self {
            Window(_) => "C-PLAN-1",
            StateLeadershipReference => "C-PER-1",
            DelegateCongressThreshold => "C-DEL-5",
            Caps2020 => "C-DEL-4",
            National => "C-DEL-6",
            FirstTimeMonths => "C-PER-2",
            ReelectionMonths | ProvincialDeputySecretaryMonths => "C-PER-3",
            StateOrFrontMonths => "C-PER-4",
            StepTwoQuorum => "C-PER-9",
            CellTermMonths | PilotCellTermMonths => "C-PLAN-2",
            ReprimandBarMonths | OpenMatterBlocks | PreviousTermFrom => "C-PER-11",
            LetterDays => "C-PLAN-10",
        }
    }

    /// The form of its value; `None` for the caps and the national formula.
    pub fn form(self) -> Option<SettingForm> {
        use SettingKey::*;
        Some(match self {
            Window(_) => SettingForm::Window,
            StateLeadershipReference => SettingForm::Month,
            DelegateCongressThreshold => SettingForm::Count,
            FirstTimeMonths
            | ReelectionMonths
            | ProvincialDeputySecretaryMonths
            | StateOrFrontMonths
            | CellTermMonths
            | PilotCellTermMonths
            | ReprimandBarMonths => SettingForm::Months,
            StepTwoQuorum => SettingForm::Quorum,
            OpenMatterBlocks => SettingForm::Flag,
            PreviousTermFrom => SettingForm::Day,
            LetterDays => SettingForm::LetterDays,
            Caps2020 | National => return None,
        })
    }

    /// Every key a person may change on a round: the windows of each level
    /// class first, then the others.
    pub fn all_changeable() -> Vec<SettingKey> {
        LevelClass::ALL.into_iter().map(SettingKey::Window).chain(Self::CHANGEABLE).collect()
    }
}

/// A change of one setting, as a person records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingChange {
    pub key: SettingKey,
    pub value: SettingValue,
    /// The document it comes from, by number (D-NUM): "45-CT/TW".
    pub source: String,
    /// Who decided: a person or a body ("Ban Thường vụ Tỉnh ủy").
    pub decided_by: String,
    pub on: Date,
    pub why: String,
}

/// A change of a setting refused, with the rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("C-PLAN-4: {setting} is not a setting a person changes on a round")]
    NotChangeable { setting: &'static str },
    #[error("{rule}: {setting} takes a {expected} value")]
    WrongForm { setting: &'static str, rule: &'static str, expected: &'static str },
    #[error("C-DEL-5: a delegate congress from {0} members: the threshold is at least 1")]
    Threshold(u32),
    #[error("{rule}: {months} months for {setting}: from 1 to {MAX_MONTHS}")]
    Months { setting: &'static str, rule: &'static str, months: u32 },
    #[error("C-PER-9: a quorum of {numerator}/{denominator}: both at least 1, the numerator at most the denominator")]
    Quorum { numerator: u32, denominator: u32 },
    #[error("C-PLAN-10: {days} days to settle a letter: from 1 to {MAX_LETTER_DAYS}")]
    LetterDays { days: u32 },
    #[error("C-PLAN-1: a congress of {half_days} half days: from 1 to {MAX_HALF_DAYS}")]
    WindowLength { half_days: u32 },
    #[error("{rule}: {what} for {setting} is outside the years {from}–{to}")]
    OutsideYears { setting: &'static str, rule: &'static str, what: String, from: i32, to: i32 },
    #[error("D-NUM-1: the source {text:?} is not a document number (as in 45-CT/TW): {problem}")]
    Source { text: String, problem: String },
    #[error("C-PLAN-4: a change of {setting} needs who decided and why")]
    WithoutAuthor { setting: &'static str },
    #[error("C-PLAN-4: a decision of {on} is after today")]
    DecidedAfterToday { on: String },
}

impl SettingError {
    /// The rule the refusal applies, as its message begins.
    pub fn rule(&self) -> &'static str {
        use SettingError::*;
        match self {
            NotChangeable { .. } | WithoutAuthor { .. } | DecidedAfterToday { .. } => "C-PLAN-4",
            WrongForm { rule, .. } | Months { rule, .. } | OutsideYears { rule, .. } => rule,
            Threshold(_) => "C-DEL-5",
            Quorum { .. } => "C-PER-9",
            LetterDays { .. } => "C-PLAN-10",
            WindowLength { .. } => "C-PLAN-1",
            Source { .. } => "D-NUM-1",
        }
    }
}

fn shown<T: Clone>(s: &Setting<T>, value: impl FnOnce(&T) -> SettingValue) -> Setting<SettingValue> {
    Setting { value: value(&s.value), tags: s.tags.clone(), source: s.source.clone(), set_by: s.set_by.clone() }
}

fn set<T>(s: &mut Setting<T>, value: T, c: &SettingChange) {
    s.change(value, &c.source, &c.decided_by, c.on, &c.why);
}

impl RoundSettings {
    /// A setting as a [`SettingValue`] with its tags, source and who set it;
    /// `None` for the caps and the national formula, and for a window the
    /// round does not have.
    pub fn setting(&self, key: SettingKey) -> Option<Setting<SettingValue>> {
        use SettingKey::*;
        Some(match key {
            Window(l) => shown(self.windows.get(&l)?, |w| SettingValue::Window(*w)),
            StateLeadershipReference => shown(&self.state_leadership_reference, |m| SettingValue::Month(*m)),
            DelegateCongressThreshold => shown(&self.delegate_congress_threshold, |n| SettingValue::Count(*n)),
            FirstTimeMonths => shown(&self.first_time_months, |n| SettingValue::Months(*n)),
            ReelectionMonths => shown(&self.reelection_months, |n| SettingValue::Months(*n)),
            ProvincialDeputySecretaryMonths => {
                shown(&self.provincial_deputy_secretary_months, |n| SettingValue::Months(*n))
            }
            StateOrFrontMonths => shown(&self.state_or_front_months, |n| SettingValue::Months(*n)),
            StepTwoQuorum => shown(&self.step_two_quorum, |q| SettingValue::Quorum(*q)),
            CellTermMonths => shown(&self.cell_term_months, |n| SettingValue::Months(*n)),
            PilotCellTermMonths => shown(&self.pilot_cell_term_months, |n| SettingValue::Months(*n)),
            ReprimandBarMonths => shown(&self.reprimand_bar_months, |n| SettingValue::Months(*n)),
            OpenMatterBlocks => shown(&self.open_matter_blocks, |b| SettingValue::Flag(*b)),
            PreviousTermFrom => shown(&self.previous_term_from, |d| SettingValue::Day(*d)),
            LetterDays => shown(&self.letter_days, |l| SettingValue::LetterDays(*l)),
            Caps2020 | National => return None,
        })
    }

    /// Checks a change against its rule (the source's D-NUM form is the
    /// store's to check: the registry of types is data): the value of the
    /// setting's form and within its bounds, who decided and why, a
    /// decision not after `today`. `Ok(false)` when the value is the
    /// setting's current one (nothing to record).
    pub fn check_change(&self, change: &SettingChange, today: Date) -> Result<bool, SettingError> {
        let key = change.key;
        let setting = key.code();
        let rule = key.rule();
        let form = key.form().ok_or(SettingError::NotChangeable { setting })?;
        if change.value.form() != form {
            return Err(SettingError::WrongForm { setting, rule, expected: form.code() });
        }
        if change.decided_by.trim().is_empty() || change.why.trim().is_empty() {
            return Err(SettingError::WithoutAuthor { setting });
        }
        if change.on > today {
            return Err(SettingError::DecidedAfterToday { on: iso(change.on) });
        }
        let (from, to) = (self.term.from_year, self.term.to_year);
        let within = |year: i32, what: String, low: i32, high: i32| {
            if (low..=high).contains(&year) {
                Ok(())
            } else {
                Err(SettingError::OutsideYears { setting, rule, what, from: low, to: high })
            }
        };
        match change.value {
            SettingValue::Count(n) if n < 1 => return Err(SettingError::Threshold(n)),
            SettingValue::Months(months) if !(1..=MAX_MONTHS).contains(&months) => {
                return Err(SettingError::Months { setting, rule, months });
            }
            SettingValue::Quorum(q) if q.numerator < 1 || q.denominator < 1 || q.numerator > q.denominator => {
                return Err(SettingError::Quorum { numerator: q.numerator, denominator: q.denominator });
            }
            SettingValue::LetterDays(l) => {
                for days in [l.local, l.central] {
                    if !(1..=MAX_LETTER_DAYS).contains(&days) {
                        return Err(SettingError::LetterDays { days });
                    }
                }
            }
            // C-PER-1: a reference month of the round's congresses or the
            // elections after them.
            SettingValue::Month(m) => within(m.year(), month(m), from - 1, to + 1)?,
            // C-PER-11: the previous term starts before this one, within ten years.
            SettingValue::Day(d) => within(d.year(), iso(d), from - 10, from)?,
            SettingValue::Window(w) => {
                if let Some(l) = w.length
                    && !(1..=MAX_HALF_DAYS).contains(&l.in_half_days())
                {
                    return Err(SettingError::WindowLength { half_days: l.in_half_days() });
                }
                match w.finish_by {
                    FinishBy::By { date } => within(date.year(), iso(date), from - 1, to + 1)?,
                    FinishBy::EarlyIn { year } => within(year, year.to_string(), from - 1, to + 1)?,
                }
                if let Some(m) = w.age_reference {
                    within(m.year(), month(m), from - 1, to + 1)?;
                }
            }
            _ => {}
        }
        Ok(self.setting(key).is_none_or(|s| s.value != change.value))
    }

    /// Applies a change already checked (a stored one): the setting takes
    /// the value, `Tag::Recorded`, the source and who decided. A window
    /// the round lacks is added. Refused only when the value is not of the
    /// setting's form.
    pub fn apply_change(&mut self, c: &SettingChange) -> Result<(), SettingError> {
        let key = c.key;
        let wrong = || SettingError::WrongForm {
            setting: key.code(),
            rule: key.rule(),
            expected: key.form().map_or("", SettingForm::code),
        };
        use SettingKey as K;
        use SettingValue as V;
        match (key, c.value) {
            (K::Window(l), V::Window(w)) => match self.windows.get_mut(&l) {
                Some(s) => set(s, w, c),
                None => {
                    let mut s = Setting::shipped(w, &[], "");
                    set(&mut s, w, c);
                    self.windows.insert(l, s);
                }
            },
            (K::StateLeadershipReference, V::Month(m)) => set(&mut self.state_leadership_reference, m, c),
            (K::DelegateCongressThreshold, V::Count(n)) => set(&mut self.delegate_congress_threshold, n, c),
            (K::FirstTimeMonths, V::Months(n)) => set(&mut self.first_time_months, n, c),
            (K::ReelectionMonths, V::Months(n)) => set(&mut self.reelection_months, n, c),
            (K::ProvincialDeputySecretaryMonths, V::Months(n)) => {
                set(&mut self.provincial_deputy_secretary_months, n, c)
            }
            (K::StateOrFrontMonths, V::Months(n)) => set(&mut self.state_or_front_months, n, c),
            (K::StepTwoQuorum, V::Quorum(q)) => set(&mut self.step_two_quorum, q, c),
            (K::CellTermMonths, V::Months(n)) => set(&mut self.cell_term_months, n, c),
            (K::PilotCellTermMonths, V::Months(n)) => set(&mut self.pilot_cell_term_months, n, c),
            (K::ReprimandBarMonths, V::Months(n)) => set(&mut self.reprimand_bar_months, n, c),
            (K::OpenMatterBlocks, V::Flag(b)) => set(&mut self.open_matter_blocks, b, c),
            (K::PreviousTermFrom, V::Day(d)) => set(&mut self.previous_term_from, d, c),
            (K::LetterDays, V::LetterDays(l)) => set(&mut self.letter_days, l, c),
            _ => return Err(wrong()),
        }
        Ok(())
    }
}

/// Who set a setting, for a result that used it: a person's name, or
/// `None` when it shipped.
pub fn decided_by(set_by: &SetBy) -> Option<&str> {
    match set_by {
        SetBy::Shipped => None,
        SetBy::Person { name, .. } => Some(name.as_str()),
    }
}

/// A window as a person enters it: its length in half days (none where the
/// sources set none), its finish-by date or the year it is early in, its
/// age reference month.
pub fn window(half_days: Option<u32>, finish_by: FinishBy, age_reference: Option<YearMonth>) -> LevelWindow {
    LevelWindow { length: half_days.map(Length::half_days), finish_by, age_reference }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::round::Tag;

    fn change(key: SettingKey, value: SettingValue) -> SettingChange {
        SettingChange {
            key,
            value,
            source: "09-QĐ/TU".into(),
            decided_by: "Ban Thường vụ Tỉnh ủy".into(),
            on: date!(2025 - 01 - 10),
            why: "Tỉnh quyết định".into(),
        }
    }

    const TODAY: Date = date!(2025 - 02 - 01);

    /// C-DEL-5: a changed threshold is recorded with who, when, why and
    /// source; the same value again changes nothing.
    #[test]
    fn c_del_5_threshold_changed_and_recorded() {
        let mut s = RoundSettings::term_2025_2030();
        let c = change(SettingKey::DelegateCongressThreshold, SettingValue::Count(150));
        assert_eq!(s.check_change(&c, TODAY), Ok(true));
        s.apply_change(&c).unwrap();
        let t = s.setting(SettingKey::DelegateCongressThreshold).unwrap();
        assert_eq!(
            (t.value, t.tags.as_slice(), t.source.as_str()),
            (SettingValue::Count(150), &[Tag::Recorded][..], "09-QĐ/TU")
        );
        assert_eq!(decided_by(&t.set_by), Some("Ban Thường vụ Tỉnh ủy"));
        assert_eq!(s.check_change(&c, TODAY), Ok(false));
        let zero = change(SettingKey::DelegateCongressThreshold, SettingValue::Count(0));
        assert_eq!(s.check_change(&zero, TODAY), Err(SettingError::Threshold(0)));
    }

    /// C-PER-9, C-PLAN-2, C-PLAN-1, C-PLAN-4: bounds, forms and dates.
    #[test]
    fn refusals_name_their_rule() {
        let s = RoundSettings::term_2025_2030();
        let quorum = change(SettingKey::StepTwoQuorum, SettingValue::Quorum(Quorum { numerator: 3, denominator: 2 }));
        assert_eq!(s.check_change(&quorum, TODAY).unwrap_err().rule(), "C-PER-9");
        let months = change(SettingKey::CellTermMonths, SettingValue::Months(121));
        assert_eq!(s.check_change(&months, TODAY).unwrap_err().rule(), "C-PLAN-2");
        let form = change(SettingKey::CellTermMonths, SettingValue::Count(30));
        assert!(matches!(s.check_change(&form, TODAY), Err(SettingError::WrongForm { .. })));
        let mut future = change(SettingKey::CellTermMonths, SettingValue::Months(36));
        future.on = date!(2025 - 02 - 02);
        assert_eq!(s.check_change(&future, TODAY).unwrap_err().rule(), "C-PLAN-4");
        let late = window(Some(4), FinishBy::By { date: date!(2040 - 01 - 01) }, None);
        let w = change(SettingKey::Window(LevelClass::Commune), SettingValue::Window(late));
        assert!(matches!(s.check_change(&w, TODAY), Err(SettingError::OutsideYears { rule: "C-PLAN-1", .. })));
        let long = window(Some(21), FinishBy::By { date: date!(2025 - 09 - 30) }, YearMonth::new(2025, 7));
        let w = change(SettingKey::Window(LevelClass::Commune), SettingValue::Window(long));
        assert_eq!(s.check_change(&w, TODAY), Err(SettingError::WindowLength { half_days: 21 }));
        let caps = change(SettingKey::Caps2020, SettingValue::Count(1));
        assert!(matches!(s.check_change(&caps, TODAY), Err(SettingError::NotChangeable { .. })));
        let mut anonymous = change(SettingKey::CellTermMonths, SettingValue::Months(36));
        anonymous.why = " ".into();
        assert!(matches!(s.check_change(&anonymous, TODAY), Err(SettingError::WithoutAuthor { .. })));
        for e in [SettingError::Threshold(0), SettingError::Quorum { numerator: 3, denominator: 2 }] {
            assert!(e.to_string().starts_with(e.rule()), "{e}");
        }
    }

    /// C-PLAN-1, C-PLAN-4: a window changed (communes finish in September).
    #[test]
    fn c_plan_1_window_changed() {
        let mut s = RoundSettings::term_2025_2030();
        let w = window(Some(4), FinishBy::By { date: date!(2025 - 09 - 30) }, YearMonth::new(2025, 7));
        let c = change(SettingKey::Window(LevelClass::Commune), SettingValue::Window(w));
        assert_eq!(s.check_change(&c, TODAY), Ok(true));
        s.apply_change(&c).unwrap();
        assert_eq!(s.window(LevelClass::Commune).unwrap().value, w);
        assert!(!s.window(LevelClass::Commune).unwrap().is_shipped());
        assert!(s.window(LevelClass::Grassroots).unwrap().is_shipped());
        assert_eq!(
            SettingKey::parse("window", Some(LevelClass::Commune)),
            Some(SettingKey::Window(LevelClass::Commune))
        );
        assert_eq!(SettingKey::parse("window", None), None);
        for k in SettingKey::all_changeable() {
            assert_eq!(SettingKey::parse(k.code(), k.level()), Some(k));
            assert!(s.setting(k).is_some() && k.changeable());
        }
        assert_eq!(SettingKey::all_changeable().len(), 19);
    }
}
