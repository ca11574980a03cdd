//! `GET`/`POST /api/v1/rounds`, `GET /api/v1/rounds/{round}` and `POST
//! /api/v1/rounds/{round}/answers`: the rounds, a round's settings and its
//! \[open\] questions with their answers (C-PLAN-4).

use axum::Json;
use axum::http::StatusCode;
use daihoi_congress::{AnswerValue, OpenQuestion, RoundSettings, Scope};
use daihoi_store::congresses::{RoundTemplate, parse_level, parse_question};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::{RoundSummary, body_refusal};
use crate::api::auth::ApiCaller;
use crate::api::date_text;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody, ErrorCode};
use crate::page::today;

/// Every round, the latest term first, for any signed-in caller.
#[utoipa::path(
    get,
    path = "/api/v1/rounds",
    tag = "congresses",
    operation_id = "list_rounds",
    responses(
        (status = 200, description = "The rounds", body = [RoundSummary]),
        (status = 400, description = "A malformed request", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn list(caller: ApiCaller) -> ApiResult<Json<Vec<RoundSummary>>> {
    let rounds = caller.scoped().congresses().rounds().await?;
    Ok(Json(rounds.iter().map(RoundSummary::from).collect()))
}

/// A round to open, with the settings the software ships for 2025–2030.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRound {
    #[schema(example = "2025-2030", max_length = 200)]
    pub code: String,
    #[schema(example = "Đại hội đảng bộ các cấp nhiệm kỳ 2025–2030", max_length = 200)]
    pub title: String,
}

/// Opens a round with the settings shipped for 2025–2030 (the only term the
/// software knows), with an audit entry (`round_create`). Who may: an
/// administrator of a root of the tree.
#[utoipa::path(
    post,
    path = "/api/v1/rounds",
    tag = "congresses",
    operation_id = "create_round",
    request_body = NewRound,
    responses(
        (status = 201, description = "The round", body = RoundSummary),
        (status = 400, description = "An empty or refused text (TEXT-1); a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller administers no root of the tree", body = ErrorBody),
        (status = 422, description = "The round exists (C-PLAN-4)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn create(
    caller: ApiCaller,
    ApiJson(body): ApiJson<NewRound>,
) -> ApiResult<(StatusCode, Json<RoundSummary>)> {
    let round = caller
        .scoped()
        .congresses()
        .create_round(&body.code, &body.title, RoundTemplate::Term2025To2030, today(), &caller.address)
        .await?;
    Ok((StatusCode::CREATED, Json(RoundSummary::from(&round))))
}

/// A recorded answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerJson {
    /// `round`, `level` or `organization`.
    #[schema(example = "round")]
    pub scope: &'static str,
    /// The level class or organization code it is for (empty for the round).
    pub of: String,
    /// The value, as the question expects it (see `expects`).
    #[schema(value_type = Object)]
    pub value: Value,
    /// Who decided (the caller who recorded it when no one else was named).
    pub by: String,
    /// The day it was decided.
    #[schema(format = Date)]
    pub on: String,
    pub why: String,
}

/// An [open] question of a round and its answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionState {
    #[schema(example = "probationary_counted")]
    pub code: &'static str,
    #[schema(example = "C-DEL-5")]
    pub rule: &'static str,
    /// The form of its answer: `yes_no` (a boolean), `number` (an integer),
    /// `text`, `allocation` (`{base_per_unit, members_per_seat,
    /// remainder_at_least}`), `list_form` (`joint_list`,
    /// `separate_ballots`), `replacement_order` (`by_rank`,
    /// `decided_each_time`), `step_base` (`convened`, `present`).
    #[schema(example = "yes_no")]
    pub expects: &'static str,
    pub answers: Vec<AnswerJson>,
    /// No answer for the round: its rules wait for a person's decision.
    pub awaiting: bool,
}

/// A round, its settings and its questions.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundDetail {
    pub round: RoundSummary,
    /// The settings as the domain gives them (windows, thresholds, months,
    /// each with its tags, source and who set it).
    #[schema(value_type = Object)]
    pub settings: Value,
    pub questions: Vec<QuestionState>,
}

fn question_state(settings: &RoundSettings, q: OpenQuestion) -> QuestionState {
    let answers: Vec<AnswerJson> = settings
        .answers
        .iter()
        .filter(|a| a.question == q)
        .map(|a| {
            let (scope, of) = match &a.scope {
                Scope::Round => ("round", String::new()),
                Scope::Level(l) => ("level", l.code().to_owned()),
                Scope::Organization(c) => ("organization", c.clone()),
            };
            let value = serde_json::to_value(&a.answer.value).ok().and_then(|v| v.get("value").cloned());
            AnswerJson {
                scope,
                of,
                value: value.unwrap_or(Value::Null),
                by: a.answer.by.clone(),
                on: date_text(a.answer.at),
                why: a.answer.why.clone(),
            }
        })
        .collect();
    QuestionState {
        code: q.code(),
        rule: q.rule(),
        expects: q.expects().code(),
        awaiting: settings.answer(q).is_err(),
        answers,
    }
}

/// The settings as JSON, without the answers (given by question), their
/// dates written `yyyy-mm-dd`.
fn settings_json(settings: &RoundSettings) -> Value {
    let mut value = serde_json::to_value(settings).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.remove("answers");
    }
    iso_dates(&mut value);
    value
}

/// `time::Date` serializes as `[year, day of the year]` (the workspace does
/// not enable its human-readable form); in the settings no other value is
/// a pair of integers, so each such pair is a date, written `yyyy-mm-dd`.
fn iso_dates(value: &mut Value) {
    match value {
        Value::Array(items) => {
            let date = match items.as_slice() {
                [Value::Number(y), Value::Number(d)] => y.as_i64().zip(d.as_u64()).and_then(|(y, d)| {
                    time::Date::from_ordinal_date(i32::try_from(y).ok()?, u16::try_from(d).ok()?).ok()
                }),
                _ => None,
            };
            match date {
                Some(d) => *value = Value::String(date_text(d)),
                None => items.iter_mut().for_each(iso_dates),
            }
        }
        Value::Object(map) => map.values_mut().for_each(iso_dates),
        _ => {}
    }
}

/// A round's settings (those shipped and those recorded) and every [open]
/// question with its answers, or awaiting a decision, for any signed-in
/// caller.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{round}",
    tag = "congresses",
    operation_id = "show_round",
    params(("round" = String, Path, description = "Round code", example = "2025-2030")),
    responses(
        (status = 200, description = "The round", body = RoundDetail),
        (status = 400, description = "A malformed round code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such round", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(caller: ApiCaller, ApiPath(code): ApiPath<String>) -> ApiResult<Json<RoundDetail>> {
    let scoped = caller.scoped();
    let round =
        scoped.congresses().round(&code).await?.ok_or_else(|| ApiError::not_found(format!("no round {code}")))?;
    let settings = scoped.congresses().settings(&round, today()).await?;
    Ok(Json(RoundDetail {
        round: RoundSummary::from(&round),
        settings: settings_json(&settings),
        questions: OpenQuestion::ALL.into_iter().map(|q| question_state(&settings, q)).collect(),
    }))
}

/// An answer to one [open] question.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAnswer {
    #[schema(example = "probationary_counted")]
    pub question: String,
    /// `round`, `level` or `organization`.
    #[schema(example = "round")]
    pub scope: String,
    /// The level class (scope `level`) or the organization code (scope
    /// `organization`).
    #[serde(default)]
    pub of: Option<String>,
    /// The value in the form the question `expects`.
    #[schema(value_type = Object, example = json!(false))]
    pub value: Value,
    /// The day it was decided.
    #[schema(format = Date, example = "2024-11-20")]
    pub on: String,
    #[schema(example = "Hướng dẫn 06-HD/TU")]
    pub why: String,
    /// Who decided (a person or a body, "Ban Thường vụ Tỉnh ủy"); empty or
    /// absent: the caller.
    #[serde(default)]
    #[schema(schema_with = super::optional_line_text_schema)]
    pub decided_by: Option<String>,
}

/// Records a person's answer to an [open] question of the round (C-PLAN-4),
/// with an audit entry (`round_answer`) naming the previous value: for the
/// round or a level class by an administrator of a root, for one
/// organization by the office above it. The question's state after it.
#[utoipa::path(
    post,
    path = "/api/v1/rounds/{round}/answers",
    tag = "congresses",
    operation_id = "answer_round_question",
    params(("round" = String, Path, description = "Round code", example = "2025-2030")),
    request_body = NewAnswer,
    responses(
        (status = 200, description = "The question and its answers", body = QuestionState),
        (status = 400, description = "A malformed body or date; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller may not answer in this scope", body = ErrorBody),
        (status = 404, description = "No such round", body = ErrorBody),
        (status = 422, description = "An unknown question, scope or level; a value not of the question's \
                                      form (its rule); an organization that does not exist today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn answer(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<NewAnswer>,
) -> ApiResult<Json<QuestionState>> {
    let scoped = caller.scoped();
    let round =
        scoped.congresses().round(&code).await?.ok_or_else(|| ApiError::not_found(format!("no round {code}")))?;
    let unprocessable = |m: String| ApiError::new(ErrorCode::Unprocessable, m);
    let question = parse_question(&body.question)
        .ok_or_else(|| unprocessable(format!("question: no question {}", body.question)))?;
    let of = body.of.as_deref().map(str::trim).unwrap_or("");
    let scope = match body.scope.as_str() {
        "round" => Scope::Round,
        "level" => Scope::Level(parse_level(of).ok_or_else(|| unprocessable(format!("of: no level class {of:?}")))?),
        "organization" => {
            let code = daihoi_core::OrgCode::parse(of)
                .map_err(|_| ApiError::bad_request(format!("of: {of:?} is not a code")))?;
            Scope::Organization(code.to_string())
        }
        other => return Err(unprocessable(format!("scope: {other:?} is not round, level or organization"))),
    };
    let kind = question.expects();
    let value: AnswerValue = serde_json::from_value(serde_json::json!({"kind": kind.code(), "value": body.value}))
        .map_err(|_| ApiError {
            rule: Some(question.rule()),
            ..unprocessable(format!("value: the answer to {} must be a {} answer", question.code(), kind.code()))
        })?;
    if let AnswerValue::Allocation(p) = &value
        && p.members_per_seat == 0
    {
        return Err(ApiError { rule: Some(question.rule()), ..unprocessable("value: members_per_seat is 0".into()) });
    }
    let on = daihoi_core::date::from_iso(&body.on)
        .ok_or_else(|| ApiError::bad_request(format!("on: {:?} is not a date (expected yyyy-mm-dd)", body.on)))?;
    if on > today() {
        return Err(unprocessable(format!("on: {} is after today", body.on)));
    }
    scoped
        .congresses()
        .answer_decided_by(
            &round,
            question,
            &scope,
            value,
            body.decided_by.as_deref(),
            on,
            &body.why,
            today(),
            &caller.address,
        )
        .await
        .map_err(body_refusal)?;
    let settings = scoped.congresses().settings(&round, today()).await?;
    Ok(Json(question_state(&settings, question)))
}
