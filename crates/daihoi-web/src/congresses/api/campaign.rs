//! `GET /api/v1/orgs/{code}/congresses`: the campaign of a subtree in a
//! round, with its counts and warnings (C-PLAN-1, C-PLAN-5).

use std::collections::BTreeMap;

use axum::Json;
use daihoi_congress::LevelClass;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{CongressJson, RoundSummary, line_json, query_round};
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::congresses::view::{Status, is_late};
use crate::orgs::api::find;
use crate::page::today;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
}

/// The campaign of a subtree.
#[derive(Debug, Serialize, ToSchema)]
pub struct Campaign {
    pub round: RoundSummary,
    /// Congresses by level class (only the classes that have one).
    pub by_level: BTreeMap<String, u64>,
    /// Congresses by status: `planned`, `held`, `results_approved`.
    pub by_status: BTreeMap<String, u64>,
    /// Planned to end before today and not held.
    pub late: u64,
    /// The congresses the caller reads, in tree order (parents first).
    pub congresses: Vec<CongressJson>,
}

/// The congresses of a round in the subtree (the organization's page
/// readers), in tree order, each with the congress above it and its
/// warnings, and counts by level class and status.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congresses",
    tag = "congresses",
    operation_id = "congress_campaign",
    params(CodePath, RoundQuery),
    responses(
        (status = 200, description = "The campaign", body = Campaign),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round, or none is open", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn campaign(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<Campaign>> {
    let day = today();
    let scoped = caller.scoped();
    let node = find(&scoped, &code, day).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let lines = scoped.congresses().campaign(&round, &node, day).await?;
    let mut by_level = BTreeMap::new();
    for level in LevelClass::ALL {
        let n = lines.iter().filter(|l| l.congress.plan.level == level).count() as u64;
        if n > 0 {
            by_level.insert(level.code().to_owned(), n);
        }
    }
    let by_status = Status::ALL
        .iter()
        .map(|s| (s.code().to_owned(), lines.iter().filter(|l| Status::of(&l.congress.plan) == *s).count() as u64))
        .collect();
    Ok(Json(Campaign {
        round: RoundSummary::from(&round),
        by_level,
        by_status,
        late: lines.iter().filter(|l| is_late(&l.congress.plan, day)).count() as u64,
        congresses: lines.iter().map(|l| line_json(l, day)).collect(),
    }))
}
