//! `/api/v1/rounds…` and `/api/v1/orgs/{code}/congress…`: the rounds and
//! their \[open\] questions (`rounds`), a subtree's campaign (`campaign`),
//! one congress with its plan, gates and the approval of its dates
//! (`congress`), as the pages show and change them, through the same facet.
//!
//! A round or an organization named in a request's body that does not exist
//! is a 422 (the request is well formed; what it names is not there); one
//! named in the path or the query is a 404.

pub mod agenda;
pub mod allocation;
pub mod attendance;
pub mod campaign;
pub mod committee;
pub mod congress;
pub mod files;
pub mod plans;
pub mod prints;
pub mod rounds;
pub mod settings;

use daihoi_congress::{CongressPlan, PlanWarning, Schedule};
use daihoi_store::congresses::access::CampaignLine;
use daihoi_store::congresses::{Congress, Round, contents_code};
use daihoi_store::{Scoped, StoreError};
use serde::Serialize;
use serde_json::Value;
use time::Date;
use utoipa::ToSchema;

use super::view::{Status, is_late, round_named};
use crate::api::date_text;
use crate::api::error::{ApiError, ApiResult, ErrorCode};
use crate::documents::api::show::OrgRef;

/// A round of congresses.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundSummary {
    #[schema(example = "2025-2030")]
    pub code: String,
    #[schema(example = "Đại hội đảng bộ các cấp nhiệm kỳ 2025–2030")]
    pub title: String,
    pub from_year: i32,
    pub to_year: i32,
}

impl From<&Round> for RoundSummary {
    fn from(r: &Round) -> RoundSummary {
        let (from_year, to_year) = r.template.years();
        RoundSummary { code: r.code.clone(), title: r.title.clone(), from_year, to_year }
    }
}

/// When a congress opens and how long it lasts.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleJson {
    #[schema(format = Date, example = "2025-09-05")]
    pub opening: String,
    /// Its length in half days (a cell's ½ day is 1, 2 days are 4).
    pub half_days: u32,
    /// Its last calendar day.
    #[schema(format = Date, example = "2025-09-06")]
    pub last_day: String,
}

impl From<&Schedule> for ScheduleJson {
    fn from(s: &Schedule) -> ScheduleJson {
        ScheduleJson {
            opening: date_text(s.opening),
            half_days: s.length.in_half_days(),
            last_day: date_text(s.last_day()),
        }
    }
}

/// A recorded approval (of a gate, or of dates outside the window).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApprovalJson {
    pub approved_by: String,
    #[schema(format = Date)]
    pub on: String,
    pub reference: String,
}

/// A gate passed (C-PLAN-5).
#[derive(Debug, Serialize, ToSchema)]
pub struct GateJson {
    #[schema(schema_with = gate_schema)]
    pub gate: String,
    #[serde(flatten)]
    pub approval: ApprovalJson,
}

/// A warning of a plan (C-PLAN-1, C-PLAN-3, C-PLAN-5): its rule, whether a
/// recorded higher approval keeps it (C-PLAN-1), and the warning as the
/// domain gives it (tagged by `warning`).
#[derive(Debug, Serialize, ToSchema)]
pub struct WarningJson {
    #[schema(example = "C-PLAN-1")]
    pub rule: &'static str,
    pub approved: bool,
    #[schema(value_type = Object, example = json!({"warning": "after_finish_by", "last_day": "2025-09-06",
        "finish_by": "2025-08-31"}))]
    pub warning: Value,
}

/// A congress of a round, with its warnings.
#[derive(Debug, Serialize, ToSchema)]
pub struct CongressJson {
    pub id: i64,
    pub org: OrgRef,
    #[schema(schema_with = level_schema)]
    pub level: String,
    #[schema(schema_with = kind_schema)]
    pub kind: String,
    #[schema(schema_with = contents_schema)]
    pub contents: String,
    /// A model congress (đại hội điểm), held first.
    pub model: bool,
    pub planned: ScheduleJson,
    pub held: Option<ScheduleJson>,
    /// The higher approval of dates outside the window (C-PLAN-1).
    pub date_approval: Option<ApprovalJson>,
    pub gates: Vec<GateJson>,
    /// `planned`, `held` or `results_approved`.
    #[schema(example = "planned")]
    pub status: &'static str,
    /// Planned to end before today and not held.
    pub late: bool,
    /// The id of the congress it sends delegates to, if the caller sees it.
    pub higher: Option<i64>,
    pub warnings: Vec<WarningJson>,
    /// C-DEL-5: the higher committee's decision on the kind, if recorded
    /// (the plan's kind is then the one decided).
    pub kind_decision: Option<KindDecisionJson>,
    /// C-DEL-5: the kind the members on the planned date propose.
    pub kind_proposal: KindProposalJson,
}

/// C-DEL-5: the higher committee's decision on a congress's kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct KindDecisionJson {
    #[schema(schema_with = kind_schema)]
    pub kind: String,
    pub approval: ApprovalJson,
}

/// C-DEL-5: the kind of congress proposed from the members on the planned
/// date: a proposal, never the plan (the kind planned changes only by the
/// higher committee's decision).
#[derive(Debug, Serialize, ToSchema)]
pub struct KindProposalJson {
    /// The kind proposed; absent while the proposal awaits a decision.
    #[schema(schema_with = kind_schema)]
    pub kind: Option<String>,
    /// Why: `cell`, `at_threshold`, `under_threshold`,
    /// `higher_committee_agreed`, `delegates_from_below`.
    #[schema(example = "at_threshold")]
    pub basis: Option<String>,
    /// The members compared with the threshold.
    pub counted: Option<u32>,
    /// The round's threshold (200 unless the round says otherwise).
    pub threshold: u32,
    /// Whether the planned kind differs from the proposal.
    pub differs: bool,
    /// The question the proposal waits for (`probationary_counted`).
    pub awaiting: Option<String>,
}

impl KindProposalJson {
    /// `decided`: the planned kind is the higher committee's decision, not
    /// a difference.
    pub(crate) fn new(
        planned: daihoi_congress::CongressKind,
        decided: bool,
        check: &daihoi_store::congresses::access::KindCheck,
    ) -> KindProposalJson {
        let threshold = check.threshold;
        match &check.proposal {
            Ok(p) => KindProposalJson {
                kind: Some(p.kind.code().to_owned()),
                basis: serde_json::to_value(p.basis).ok().and_then(|v| v.as_str().map(str::to_owned)),
                counted: p.counted,
                threshold,
                differs: p.kind != planned && !decided,
                awaiting: None,
            },
            Err(a) => KindProposalJson {
                kind: None,
                basis: None,
                counted: None,
                threshold,
                differs: false,
                awaiting: Some(a.question.code().to_owned()),
            },
        }
    }
}

fn enum_schema(values: &[&str]) -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(values.iter().map(|v| (*v).to_owned())))
        .build()
}

pub(crate) fn level_schema() -> utoipa::openapi::Object {
    enum_schema(&daihoi_congress::LevelClass::ALL.map(|l| l.code()))
}

pub(crate) fn kind_schema() -> utoipa::openapi::Object {
    enum_schema(&["member_congress", "delegate_congress"])
}

pub(crate) fn contents_schema() -> utoipa::openapi::Object {
    enum_schema(&["full", "two_contents"])
}

pub(crate) fn gate_schema() -> utoipa::openapi::Object {
    enum_schema(&daihoi_congress::Gate::ALL.map(|g| g.code()))
}

/// The dates of a warning, by field: the domain serializes a `time::Date`
/// as `[year, ordinal]`; [`warning_json`] writes them `yyyy-mm-dd`.
fn date_fields(w: &PlanWarning) -> Vec<(&'static str, Date)> {
    match w {
        PlanWarning::AfterFinishBy { last_day, finish_by, .. } => {
            vec![("last_day", *last_day), ("finish_by", *finish_by)]
        }
        PlanWarning::BeforeLowerCongress { lower_last_day, opening, .. } => {
            vec![("lower_last_day", *lower_last_day), ("opening", *opening)]
        }
        PlanWarning::GateOutOfOrder { on, earlier_on, .. } => vec![("on", *on), ("earlier_on", *earlier_on)],
        PlanWarning::PersonnelPlanLate { approved_on, opening, .. } => {
            vec![("approved_on", *approved_on), ("opening", *opening)]
        }
        _ => Vec::new(),
    }
}

/// A warning as JSON: the domain's tagged form, its dates as `yyyy-mm-dd`.
pub(crate) fn warning_json(w: &PlanWarning) -> WarningJson {
    let mut value = serde_json::to_value(w).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for (field, date) in date_fields(w) {
            map.insert(field.to_owned(), Value::String(date_text(date)));
        }
        let approval = match w {
            PlanWarning::AfterFinishBy { approval, .. }
            | PlanWarning::LongerThanAllowed { approval, .. }
            | PlanWarning::BeforeLowerCongress { approval, .. } => approval.as_ref(),
            _ => None,
        };
        if let Some(a) = approval {
            map.insert(
                "approval".to_owned(),
                serde_json::json!({"approved_by": a.approved_by, "on": date_text(a.on), "reference": a.reference}),
            );
        }
    }
    WarningJson { rule: w.rule(), approved: w.approved(), warning: value }
}

fn approval_json(approved_by: &str, on: Date, reference: &str) -> ApprovalJson {
    ApprovalJson { approved_by: approved_by.to_owned(), on: date_text(on), reference: reference.to_owned() }
}

pub(crate) fn line_json(l: &CampaignLine, today: Date) -> CongressJson {
    let c: &Congress = &l.congress;
    let p: &CongressPlan = &c.plan;
    let decided = c.kind_decision.as_ref().is_some_and(|d| d.kind == p.kind);
    CongressJson {
        id: c.id,
        org: OrgRef::from(&c.org),
        level: p.level.code().to_owned(),
        kind: p.kind.code().to_owned(),
        contents: contents_code(p.contents).to_owned(),
        model: p.model,
        planned: (&p.planned).into(),
        held: p.actual.as_ref().map(ScheduleJson::from),
        date_approval: p.date_approval.as_ref().map(|a| approval_json(&a.approved_by, a.on, &a.reference)),
        gates: p
            .gates
            .iter()
            .map(|g| GateJson {
                gate: g.gate.code().to_owned(),
                approval: approval_json(&g.approved_by, g.on, &g.reference),
            })
            .collect(),
        status: Status::of(p).code(),
        late: is_late(p, today),
        higher: l.higher,
        warnings: l.warnings.iter().map(warning_json).collect(),
        kind_decision: c.kind_decision.as_ref().map(|d| KindDecisionJson {
            kind: d.kind.code().to_owned(),
            approval: approval_json(&d.approval.approved_by, d.approval.on, &d.approval.reference),
        }),
        kind_proposal: KindProposalJson::new(p.kind, decided, &l.kind),
    }
}

/// The round of a query (`?round=`; the latest when absent): 404 when it is
/// not one, or when no round is open.
pub(crate) async fn query_round(scoped: &Scoped<'_>, code: Option<&str>) -> ApiResult<Round> {
    round_named(scoped, code)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no round {}", code.unwrap_or("is open"))))
}

/// The round a body names: 422 when it is not one.
pub(crate) async fn body_round(scoped: &Scoped<'_>, code: &str) -> ApiResult<Round> {
    scoped
        .congresses()
        .round(code.trim())
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::Unprocessable, format!("round: no round {code}")))
}

/// A store refusal of a request whose body names an organization: one that
/// does not exist is a 422 naming it; others as usual.
/// A free text of a congress's records (a document's reference, who
/// approved, a reason): one line (TEXT-1), as the store checks it.
pub(crate) fn line_text_schema() -> utoipa::openapi::Object {
    crate::tasks::api::line_schema(
        daihoi_core::text::TITLE_MAX_CHARS,
        "One line of text (TEXT-1): no control characters, not only spaces.",
    )
}

/// [`line_text_schema`], optional.
pub(crate) fn optional_line_text_schema() -> utoipa::openapi::Object {
    crate::tasks::api::optional_line_schema(
        daihoi_core::text::TITLE_MAX_CHARS,
        "One line of text (TEXT-1): no control characters.",
        true,
    )
}

pub(crate) fn body_refusal(e: StoreError) -> ApiError {
    match e {
        StoreError::UnknownOrg(code) => {
            ApiError::new(ErrorCode::Unprocessable, format!("no organization {code} today"))
        }
        StoreError::NotFound(what) => ApiError::new(ErrorCode::Unprocessable, format!("no {what}")),
        e => e.into(),
    }
}
