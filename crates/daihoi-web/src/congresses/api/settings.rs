//! `PUT /api/v1/rounds/{round}/settings/{key}`: a round's setting changed
//! by a person (issue 15 §1; congress.md §5, C-PLAN-4), as the round's page
//! changes it, through the same facet: the value, its source (D-NUM), who
//! decided, on which day and why.

use axum::Json;
use daihoi_congress::change::window;
use daihoi_congress::{
    FinishBy, LetterDays, Quorum, SetBy, Setting, SettingChange, SettingForm, SettingKey, SettingValue, YearMonth,
};
use daihoi_store::congresses::parse_level;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::api::auth::ApiCaller;
use crate::api::date_text;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody, ErrorCode};
use crate::congresses::settings::parse_month;
use crate::page::today;

/// A change of one setting.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingBody {
    /// The level class of a window (key `window` only; ignored otherwise).
    #[serde(default)]
    #[schema(example = "commune")]
    pub level: Option<String>,
    /// The new value, in the setting's form: `count`, `months` (an
    /// integer), `flag` (a boolean), `day` (`yyyy-mm-dd`), `month`
    /// (`yyyy-mm`), `quorum` (`{numerator, denominator}`), `letter_days`
    /// (`{local, central}`), `window` (`{half_days, finish_by, early_in,
    /// age_reference}`: half days or null; a finish-by date, or the year it
    /// is early in; a month or null).
    #[schema(value_type = Object, example = json!(150))]
    pub value: Value,
    /// The document the value comes from, by number (D-NUM-1): `45-CT/TW`.
    #[schema(schema_with = super::line_text_schema)]
    pub source: String,
    /// Who decided (a person or a body); empty or absent: the caller.
    #[serde(default)]
    #[schema(schema_with = super::optional_line_text_schema)]
    pub decided_by: Option<String>,
    /// The day it was decided: not after today.
    #[schema(format = Date, example = "2025-01-10")]
    pub on: String,
    #[schema(schema_with = super::line_text_schema)]
    pub why: String,
}

/// A setting of a round with its evidence.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingJson {
    #[schema(example = "delegate_congress_threshold")]
    pub key: &'static str,
    /// A window's level class.
    pub level: Option<&'static str>,
    #[schema(example = "C-DEL-5")]
    pub rule: &'static str,
    /// The form of `value` (see the body's `value`).
    #[schema(example = "count")]
    pub form: &'static str,
    #[schema(value_type = Object, example = json!(150))]
    pub value: Value,
    /// Its tags (`v1`, `v2`, `inf`, `old`, `practice`,
    /// `default_configurable`, `recorded`).
    pub tags: Vec<&'static str>,
    pub source: String,
    /// `{"by": "shipped"}` or `{"by": "person", "name", "on", "why"}`.
    #[schema(value_type = Object)]
    pub set_by: Value,
    /// Whether this request changed it (false: the value was its current one).
    pub changed: bool,
}

fn month_text(m: YearMonth) -> String {
    format!("{:04}-{:02}", m.year(), m.month())
}

/// A value as the API writes it, in the form the body gives it.
pub(crate) fn value_json(v: &SettingValue) -> Value {
    match v {
        SettingValue::Count(n) | SettingValue::Months(n) => json!(n),
        SettingValue::Flag(b) => json!(b),
        SettingValue::Day(d) => json!(date_text(*d)),
        SettingValue::Month(m) => json!(month_text(*m)),
        SettingValue::Quorum(q) => json!({"numerator": q.numerator, "denominator": q.denominator}),
        SettingValue::LetterDays(l) => json!({"local": l.local, "central": l.central}),
        SettingValue::Window(w) => {
            let (finish_by, early_in) = match w.finish_by {
                FinishBy::By { date } => (Some(date_text(date)), None),
                FinishBy::EarlyIn { year } => (None, Some(year)),
            };
            json!({
                "half_days": w.length.map(|l| l.in_half_days()),
                "finish_by": finish_by,
                "early_in": early_in,
                "age_reference": w.age_reference.map(month_text),
            })
        }
    }
}

/// The value of the body in the setting's form, or what is wrong with it.
fn value_of(form: SettingForm, v: &Value) -> Result<SettingValue, String> {
    let int = |v: &Value, name: &str| -> Result<u32, String> {
        v.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| format!("{name}: not an integer from 0"))
    };
    let field = |name: &str| v.get(name).unwrap_or(&Value::Null).clone();
    let object = || if v.is_object() { Ok(()) } else { Err("value: not an object".to_owned()) };
    Ok(match form {
        SettingForm::Count => SettingValue::Count(int(v, "value")?),
        SettingForm::Months => SettingValue::Months(int(v, "value")?),
        SettingForm::Flag => SettingValue::Flag(v.as_bool().ok_or("value: not a boolean")?),
        SettingForm::Day => {
            SettingValue::Day(v.as_str().and_then(daihoi_core::date::from_iso).ok_or("value: not a date (yyyy-mm-dd)")?)
        }
        SettingForm::Month => SettingValue::Month(
            v.as_str().filter(|t| t.contains('-')).and_then(parse_month).ok_or("value: not a month (yyyy-mm)")?,
        ),
        SettingForm::Quorum => {
            object()?;
            SettingValue::Quorum(Quorum {
                numerator: int(&field("numerator"), "value.numerator")?,
                denominator: int(&field("denominator"), "value.denominator")?,
            })
        }
        SettingForm::LetterDays => {
            object()?;
            SettingValue::LetterDays(LetterDays {
                local: int(&field("local"), "value.local")?,
                central: int(&field("central"), "value.central")?,
            })
        }
        SettingForm::Window => {
            object()?;
            let half_days = match field("half_days") {
                Value::Null => None,
                n => Some(int(&n, "value.half_days")?),
            };
            let finish_by = match (field("finish_by"), field("early_in")) {
                (Value::String(d), Value::Null) => FinishBy::By {
                    date: daihoi_core::date::from_iso(&d).ok_or("value.finish_by: not a date (yyyy-mm-dd)")?,
                },
                (Value::Null, y) if !y.is_null() => FinishBy::EarlyIn {
                    year: y.as_i64().and_then(|y| i32::try_from(y).ok()).ok_or("value.early_in: not a year")?,
                },
                _ => return Err("value: one of finish_by (a date) or early_in (a year)".to_owned()),
            };
            let age = match field("age_reference") {
                Value::Null => None,
                Value::String(m) if m.contains('-') => {
                    Some(parse_month(&m).ok_or("value.age_reference: not a month (yyyy-mm)")?)
                }
                _ => return Err("value.age_reference: not a month (yyyy-mm)".to_owned()),
            };
            SettingValue::Window(window(half_days, finish_by, age))
        }
    })
}

fn setting_json(key: SettingKey, s: &Setting<SettingValue>, changed: bool) -> SettingJson {
    SettingJson {
        key: key.code(),
        level: key.level().map(|l| l.code()),
        rule: key.rule(),
        form: s.value.form().code(),
        value: value_json(&s.value),
        tags: s.tags.iter().map(|t| t.code()).collect(),
        source: s.source.clone(),
        set_by: match &s.set_by {
            SetBy::Shipped => json!({"by": "shipped"}),
            SetBy::Person { name, on, why } => json!({"by": "person", "name": name, "on": date_text(*on), "why": why}),
        },
        changed,
    }
}

/// Changes one setting of a round (C-PLAN-4; congress.md §5), with an audit
/// entry (`round_setting`) naming the value before and after, the source
/// and why. Who may: an administrator of a root of the tree. The same value
/// again writes nothing (`changed: false`). The setting after it.
#[utoipa::path(
    put,
    path = "/api/v1/rounds/{round}/settings/{key}",
    tag = "congresses",
    operation_id = "change_round_setting",
    params(
        ("round" = String, Path, description = "Round code", example = "2025-2030"),
        ("key" = String, Path, description = "The setting: window (with a level), state_leadership_reference, \
          delegate_congress_threshold, first_time_months, reelection_months, provincial_deputy_secretary_months, \
          state_or_front_months, step_two_quorum, cell_term_months, pilot_cell_term_months, reprimand_bar_months, \
          open_matter_blocks, previous_term_from, letter_days", example = "delegate_congress_threshold"),
    ),
    request_body = SettingBody,
    responses(
        (status = 200, description = "The setting", body = SettingJson),
        (status = 400, description = "A malformed body; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller administers no root of the tree", body = ErrorBody),
        (status = 404, description = "No such round or setting", body = ErrorBody),
        (status = 422, description = "A window without its level; a value not of the setting's form or outside \
                                      its rule (C-DEL-5, C-PER-2…4, C-PER-9, C-PER-11, C-PLAN-1, C-PLAN-2, \
                                      C-PLAN-10); a source that is no document number (D-NUM-1); a day that is \
                                      not a date or after today (C-PLAN-4)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn change(
    caller: ApiCaller,
    ApiPath((code, key)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<SettingBody>,
) -> ApiResult<Json<SettingJson>> {
    let scoped = caller.scoped();
    let round =
        scoped.congresses().round(&code).await?.ok_or_else(|| ApiError::not_found(format!("no round {code}")))?;
    let unprocessable = |m: String| ApiError::new(ErrorCode::Unprocessable, m);
    let known = SettingKey::parse(&key, Some(daihoi_congress::LevelClass::Cell))
        .filter(|k| k.changeable())
        .ok_or_else(|| ApiError::not_found(format!("no setting {key}")))?;
    if !scoped.congresses().settles_rounds(today()).await? {
        return Err(ApiError::forbidden());
    }
    let key = match known {
        SettingKey::Window(_) => {
            let level = body.level.as_deref().map(str::trim).unwrap_or("");
            SettingKey::Window(
                parse_level(level).ok_or_else(|| unprocessable(format!("level: no level class {level:?}")))?,
            )
        }
        k => k,
    };
    let form = key.form().ok_or_else(|| ApiError::not_found(format!("no setting {key:?}")))?;
    let value = value_of(form, &body.value).map_err(|m| ApiError { rule: Some(key.rule()), ..unprocessable(m) })?;
    let on = daihoi_core::date::from_iso(body.on.trim())
        .ok_or_else(|| unprocessable(format!("on: {:?} is not a date (yyyy-mm-dd)", body.on)))?;
    let change = SettingChange {
        key,
        value,
        source: body.source,
        decided_by: body.decided_by.unwrap_or_default(),
        on,
        why: body.why,
    };
    let changed = scoped.congresses().change_setting(&round, &change, today(), &caller.address).await?;
    let settings = scoped.congresses().settings(&round, today()).await?;
    let setting = settings.setting(key).ok_or_else(|| ApiError::not_found(format!("no setting {key:?}")))?;
    Ok(Json(setting_json(key, &setting, changed)))
}

#[cfg(test)]
mod tests {
    use daihoi_congress::RoundSettings;

    use super::*;

    /// Every setting's value as the API writes it reads back the same.
    #[test]
    fn values_round_trip() {
        let s = RoundSettings::term_2025_2030();
        for key in SettingKey::all_changeable() {
            let v = s.setting(key).unwrap().value;
            assert_eq!(value_of(key.form().unwrap(), &value_json(&v)), Ok(v), "{key:?}");
        }
        assert!(value_of(SettingForm::Quorum, &json!(3)).is_err());
        assert!(value_of(SettingForm::Count, &json!(-1)).is_err());
        assert!(value_of(SettingForm::Window, &json!({"finish_by": "2025-08-31", "early_in": 2026})).is_err());
    }
}
