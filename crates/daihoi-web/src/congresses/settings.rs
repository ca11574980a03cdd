//! A round's settings changed on its page (issue 15 §1; congress.md §5,
//! C-PLAN-4): `POST /rounds/{round}/settings/{key}` (a window names its
//! level class in the form). The fields of each setting's form, filled with
//! its value; what a form sends read into a `SettingChange`, every problem
//! named next to the form, the input kept; the domain's refusals in words.

use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_congress::change::window;
use daihoi_congress::{
    CongressError, FinishBy, LetterDays, Quorum, Setting, SettingChange, SettingError, SettingForm, SettingKey,
    SettingValue, YearMonth,
};
use daihoi_core::date::{from_iso, iso, parse_date};
use daihoi_core::text::{TITLE_MAX_CHARS, line};
use daihoi_store::StoreError;
use daihoi_store::congresses::parse_level;
use serde::Deserialize;
use time::Date;

use super::pages::{RefusedSetting, round_or_404, round_page};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::{Path, text_refusal, today};

/// What a setting's form sends; only the fields of its form are read.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SettingInput {
    /// A window's level class.
    #[serde(default)]
    pub level: String,
    /// A count, months, yes/no, a day or a month.
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub numerator: String,
    #[serde(default)]
    pub denominator: String,
    #[serde(default)]
    pub local: String,
    #[serde(default)]
    pub central: String,
    /// A window's length in half days; empty: none.
    #[serde(default)]
    pub length: String,
    /// A window's finish-by date, or a year alone ("early in").
    #[serde(default)]
    pub finish_by: String,
    /// A window's age reference month; empty: none.
    #[serde(default)]
    pub age_reference: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub decided_by: String,
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub why: String,
}

/// The anchor of a setting's row: its code, a window's with its level.
pub(crate) fn anchor(key: SettingKey) -> String {
    match key.level() {
        Some(l) => format!("{}-{}", key.code(), l.code()),
        None => key.code().to_owned(),
    }
}

fn month_field(m: YearMonth) -> String {
    format!("{:04}-{:02}", m.year(), m.month())
}

/// A month as a form sends it: `yyyy-mm` (a month input) or `mm/yyyy`.
pub(crate) fn parse_month(text: &str) -> Option<YearMonth> {
    let text = text.trim();
    if let Some((y, m)) = text.split_once('-') {
        return YearMonth::new(y.parse().ok()?, m.parse().ok()?);
    }
    let (m, y) = text.split_once('/')?;
    YearMonth::new(y.trim().parse().ok()?, m.trim().parse().ok()?)
}

fn form_date(text: &str) -> Option<Date> {
    let text = text.trim();
    from_iso(text).or_else(|| parse_date(text))
}

/// The form of a setting filled with its current value.
pub(crate) fn prefill(key: SettingKey, s: &Setting<SettingValue>, today: Date) -> SettingInput {
    let mut input = SettingInput {
        level: key.level().map(|l| l.code().to_owned()).unwrap_or_default(),
        on: iso(today),
        ..SettingInput::default()
    };
    match s.value {
        SettingValue::Count(n) | SettingValue::Months(n) => input.value = n.to_string(),
        SettingValue::Flag(b) => input.value = if b { "yes" } else { "no" }.to_owned(),
        SettingValue::Day(d) => input.value = iso(d),
        SettingValue::Month(m) => input.value = month_field(m),
        SettingValue::Quorum(q) => {
            input.numerator = q.numerator.to_string();
            input.denominator = q.denominator.to_string();
        }
        SettingValue::LetterDays(l) => {
            input.local = l.local.to_string();
            input.central = l.central.to_string();
        }
        SettingValue::Window(w) => {
            input.length = w.length.map(|l| l.in_half_days().to_string()).unwrap_or_default();
            input.finish_by = match w.finish_by {
                FinishBy::By { date } => iso(date),
                FinishBy::EarlyIn { year } => year.to_string(),
            };
            input.age_reference = w.age_reference.map(month_field).unwrap_or_default();
        }
    }
    input
}

/// The value a form sends for a setting of the form `form`, or the
/// message keys of the fields that are not of their form.
fn value_of(form: SettingForm, f: &SettingInput) -> Result<SettingValue, Vec<&'static str>> {
    let number = |t: &str| t.trim().parse::<u32>().ok();
    let one = |v: Option<SettingValue>, field: &'static str| v.ok_or_else(|| vec![field]);
    match form {
        SettingForm::Count => one(number(&f.value).map(SettingValue::Count), "round-setting-field-value"),
        SettingForm::Months => one(number(&f.value).map(SettingValue::Months), "round-setting-field-value"),
        SettingForm::Flag => one(
            match f.value.trim() {
                "yes" => Some(SettingValue::Flag(true)),
                "no" => Some(SettingValue::Flag(false)),
                _ => None,
            },
            "round-setting-field-value",
        ),
        SettingForm::Day => one(form_date(&f.value).map(SettingValue::Day), "round-setting-field-value"),
        SettingForm::Month => one(parse_month(&f.value).map(SettingValue::Month), "round-setting-field-value"),
        SettingForm::Quorum => match (number(&f.numerator), number(&f.denominator)) {
            (Some(numerator), Some(denominator)) => Ok(SettingValue::Quorum(Quorum { numerator, denominator })),
            (n, d) => {
                Err([(n.is_none(), "round-setting-field-numerator"), (d.is_none(), "round-setting-field-denominator")]
                    .into_iter()
                    .filter_map(|(bad, k)| bad.then_some(k))
                    .collect())
            }
        },
        SettingForm::LetterDays => match (number(&f.local), number(&f.central)) {
            (Some(local), Some(central)) => Ok(SettingValue::LetterDays(LetterDays { local, central })),
            (l, c) => Err([(l.is_none(), "round-setting-field-local"), (c.is_none(), "round-setting-field-central")]
                .into_iter()
                .filter_map(|(bad, k)| bad.then_some(k))
                .collect()),
        },
        SettingForm::Window => {
            let mut bad = Vec::new();
            let length = match f.length.trim() {
                "" => None,
                t => {
                    let n = t.parse::<u32>().ok();
                    if n.is_none() {
                        bad.push("round-setting-field-length");
                    }
                    n
                }
            };
            let finish = f.finish_by.trim();
            let finish_by = match finish.parse::<i32>() {
                Ok(year) => Some(FinishBy::EarlyIn { year }),
                Err(_) => form_date(finish).map(|date| FinishBy::By { date }),
            };
            if finish_by.is_none() {
                bad.push("round-setting-field-finish-by");
            }
            let age = match f.age_reference.trim() {
                "" => Some(None),
                t => parse_month(t).map(Some),
            };
            if age.is_none() {
                bad.push("round-setting-field-age-reference");
            }
            match (finish_by, age) {
                (Some(finish_by), Some(age)) if bad.is_empty() => {
                    Ok(SettingValue::Window(window(length, finish_by, age)))
                }
                _ => Err(bad),
            }
        }
    }
}

/// A refusal of the domain or the store in words, after its rule.
pub(crate) fn refusal_text(tr: Tr, e: &SettingError) -> String {
    let text = match e {
        SettingError::NotChangeable { .. } => tr.t("round-setting-problem-not-changeable"),
        SettingError::WrongForm { .. } => tr.t("round-setting-problem-wrong-form"),
        SettingError::Threshold(_) => tr.t("round-setting-problem-threshold"),
        SettingError::Months { months, .. } => tr.t_args(
            "round-setting-problem-months",
            &[("months", months.to_string()), ("max", daihoi_congress::change::MAX_MONTHS.to_string())],
        ),
        SettingError::Quorum { numerator, denominator } => tr.t_args(
            "round-setting-problem-quorum",
            &[("numerator", numerator.to_string()), ("denominator", denominator.to_string())],
        ),
        SettingError::LetterDays { days } => tr.t_args(
            "round-setting-problem-letter-days",
            &[("days", days.to_string()), ("max", daihoi_congress::change::MAX_LETTER_DAYS.to_string())],
        ),
        SettingError::WindowLength { half_days } => tr.t_args(
            "round-setting-problem-length",
            &[("half_days", half_days.to_string()), ("max", daihoi_congress::change::MAX_HALF_DAYS.to_string())],
        ),
        SettingError::OutsideYears { what, from, to, .. } => tr.t_args(
            "round-setting-problem-years",
            &[("what", what.clone()), ("from", from.to_string()), ("to", to.to_string())],
        ),
        SettingError::Source { text, .. } => tr.t1("round-setting-problem-source", "source", text),
        SettingError::WithoutAuthor { .. } => tr.t("round-setting-problem-author"),
        SettingError::DecidedAfterToday { .. } => {
            tr.t1("congress-problem-future", "field", tr.t("round-setting-field-on"))
        }
    };
    format!("{}: {text}", e.rule())
}

/// The change a form sends, or every problem in words.
fn change_of(tr: Tr, key: SettingKey, f: &SettingInput) -> Result<SettingChange, Vec<String>> {
    let mut problems = Vec::new();
    let form = key.form();
    let value = match form.map(|form| value_of(form, f)) {
        Some(Ok(v)) => Some(v),
        Some(Err(fields)) => {
            problems.extend(fields.into_iter().map(|k| tr.t1("round-setting-problem-field", "field", tr.t(k))));
            None
        }
        None => None,
    };
    let source = f.source.trim();
    if source.is_empty() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("round-setting-field-source")));
    }
    problems.extend(text_refusal(tr, "round-setting-field-source", line(&f.source, TITLE_MAX_CHARS)));
    problems.extend(text_refusal(tr, "round-setting-field-decided-by", line(&f.decided_by, TITLE_MAX_CHARS)));
    let on = form_date(&f.on);
    match on {
        None => problems.push(tr.t1("congress-problem-bad-date", "field", tr.t("round-setting-field-on"))),
        Some(d) if d > today() => {
            problems.push(tr.t1("congress-problem-future", "field", tr.t("round-setting-field-on")));
        }
        Some(_) => {}
    }
    if f.why.trim().is_empty() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("round-setting-field-why")));
    }
    problems.extend(text_refusal(tr, "round-setting-field-why", line(&f.why, TITLE_MAX_CHARS)));
    match (value, on) {
        (Some(value), Some(on)) if problems.is_empty() => Ok(SettingChange {
            key,
            value,
            source: source.to_owned(),
            decided_by: f.decided_by.trim().to_owned(),
            on,
            why: f.why.trim().to_owned(),
        }),
        _ => Err(problems),
    }
}

/// `POST /rounds/{round}/settings/{key}`: changes one setting of the round
/// (C-PLAN-4) for an administrator of a root of the tree; a refused form
/// shows the page again (422) with the problems next to the form and what
/// was typed; saved, back to the setting's row.
pub async fn change(
    caller: Caller,
    Path((code, key)): Path<(String, String)>,
    Form(form): Form<SettingInput>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let round = round_or_404(&caller, &code).await?;
    let key =
        SettingKey::parse(&key, parse_level(form.level.trim())).filter(|k| k.changeable()).ok_or(WebError::NotFound)?;
    // The store decides again on the write; a reader gets 403 whatever the form holds.
    if !caller.scoped().congresses().settles_rounds(today()).await? {
        return Err(WebError::Forbidden);
    }
    let problems = match change_of(tr, key, &form) {
        Ok(change) => {
            match caller.scoped().congresses().change_setting(&round, &change, today(), &caller.address).await {
                Ok(_) => {
                    return Ok(Redirect::to(&format!("/rounds/{}?saved=setting#setting-{}", round.code, anchor(key)))
                        .into_response());
                }
                Err(StoreError::Congress(CongressError::Setting(e))) => vec![refusal_text(tr, &e)],
                Err(StoreError::BadText { field, problem }) => {
                    let label = match field {
                        "source" => "round-setting-field-source",
                        "decided_by" => "round-setting-field-decided-by",
                        _ => "round-setting-field-why",
                    };
                    text_refusal(tr, label, Err(problem)).into_iter().collect()
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(problems) => problems,
    };
    let refused = RefusedSetting { anchor: anchor(key), typed: form, problems };
    let page = round_page(&caller, round, false, Vec::new(), None, Some(refused)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[cfg(test)]
mod tests {
    use daihoi_congress::{LevelClass, RoundSettings};
    use time::macros::date;

    use super::*;

    /// C-PLAN-1: a window's form, filled and read back; a year alone is
    /// "early in".
    #[test]
    fn window_form_round_trips() {
        let s = RoundSettings::term_2025_2030();
        for level in LevelClass::ALL {
            let key = SettingKey::Window(level);
            let setting = s.setting(key).unwrap();
            let input = prefill(key, &setting, date!(2025 - 01 - 01));
            assert_eq!(value_of(SettingForm::Window, &input), Ok(setting.value), "{level:?}");
        }
        for key in SettingKey::all_changeable() {
            let setting = s.setting(key).unwrap();
            let input = prefill(key, &setting, date!(2025 - 01 - 01));
            assert_eq!(value_of(key.form().unwrap(), &input), Ok(setting.value), "{key:?}");
        }
        assert_eq!(parse_month("07/2025"), YearMonth::new(2025, 7));
        assert_eq!(parse_month("2025-13"), None);
    }
}
