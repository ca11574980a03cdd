//! `GET /api/v1/orgs/{code}/tracking`: a subtree's dashboard, as figures.

use std::collections::HashMap;

use axum::Json;
use daihoi_store::tasks::lists::StatusCounts;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{RulesChosen, TargetJson};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::api::{CodePath, date_text};
use crate::orgs::api::find;
use crate::page::today;
use crate::tasks::dashboard::{DocumentNames, dashboard_figures};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// Only the tasks of this document (refused when the caller may not
    /// read the document: T-6).
    #[param(schema_with = super::optional_id_schema)]
    pub document: Option<i64>,
}

/// The figures the dashboard page shows, for the subtree today.
#[derive(Debug, Serialize, ToSchema)]
pub struct Dashboard {
    #[schema(schema_with = crate::api::schema::org_code)]
    pub org: String,
    /// The day of the figures (today).
    #[schema(format = Date)]
    pub date: String,
    pub document: Option<i64>,
    /// The rules in force at the root (they apply to the whole subtree
    /// here); `null` when nobody chose: no due-soon list, no counts, no
    /// roll-up.
    pub rules: Option<RulesChosen>,
    /// Organizations below that chose their own rules (which apply on
    /// their own dashboards).
    pub own_rules_below: Vec<OrgRef>,
    /// Open tasks past their deadline (T-3): the first 50 and how many.
    pub overdue: TaskList,
    /// Open tasks due soon: the first 50 and how many.
    pub due_soon: Option<TaskList>,
    /// Tasks by status, per organization (the root's own, then each
    /// branch), those with tasks.
    pub by_org: Option<Vec<OrgCounts>>,
    /// The roll-up of the subtree's task trees (T-2).
    pub rollup: Option<SubtreeRollupJson>,
    /// The subtree's targets (T-5): the first 24 and how many.
    pub targets: TargetList,
}

/// An organization named in an answer: the documents' own (one schema of
/// that name).
pub use crate::documents::api::show::OrgRef;

#[derive(Debug, Serialize, ToSchema)]
pub struct TaskList {
    pub total: u64,
    pub items: Vec<DashboardTask>,
}

/// A task of a dashboard list.
#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardTask {
    pub id: i64,
    pub title: String,
    /// Its document's number, when the caller may read the document.
    pub document: Option<String>,
    #[schema(example = "QN.DH.QT.CB01")]
    pub org: String,
    #[schema(format = Date)]
    pub deadline: Option<String>,
    /// Days past the last on-time day (overdue) or left to it (due soon).
    pub days: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgCounts {
    #[schema(schema_with = crate::api::schema::org_code)]
    pub code: String,
    pub name: String,
    pub done_on_time: u64,
    pub done_late: u64,
    pub done_no_deadline: u64,
    pub overdue: u64,
    pub due_soon: u64,
    pub in_progress: u64,
    pub no_deadline: u64,
    pub cancelled: u64,
    /// All but the cancelled.
    pub total: u64,
}

impl OrgCounts {
    fn new(node: &daihoi_store::orgs::OrgNode, c: &StatusCounts) -> OrgCounts {
        OrgCounts {
            code: node.code.to_string(),
            name: node.name.clone(),
            done_on_time: c.done_on_time,
            done_late: c.done_late,
            done_no_deadline: c.done_no_deadline,
            overdue: c.overdue,
            due_soon: c.due_soon,
            in_progress: c.in_progress,
            no_deadline: c.no_deadline,
            cancelled: c.cancelled,
            total: c.total(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubtreeRollupJson {
    /// The plain average of the top tasks' rolled-up progress, in percent.
    pub overall: Option<f64>,
    /// Tasks rolled up (withdrawn ones left out; classified ones counted).
    pub tasks: u64,
    /// The first 30 top tasks the caller may read, with their progress.
    pub tops: Vec<TopTask>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TopTask {
    pub id: i64,
    pub org: String,
    pub title: String,
    /// Its roll-up (T-2), in percent: the figure the dashboard's bar draws.
    pub progress: Option<f64>,
    /// The progress it reported itself, in percent; differs from
    /// `progress` when its sub-tasks' roll-up replaces it.
    pub own_progress: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TargetList {
    pub total: u64,
    pub items: Vec<TargetJson>,
}

/// The dashboard of the subtree today, as its page computes it, for any
/// role that reads the organization's page; tasks and documents above the
/// caller's clearance are left out of the lists (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/tracking",
    tag = "tasks",
    operation_id = "tracking_dashboard",
    params(CodePath, DashboardQuery),
    responses(
        (status = 200, description = "The figures", body = Dashboard),
        (status = 400, description = "Not a code; a bad `document`", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or the caller may not \
                                      read the document (T-6)", body = ErrorBody),
        (status = 404, description = "No such organization today, or no such document", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn dashboard(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<DashboardQuery>,
) -> ApiResult<Json<Dashboard>> {
    let today = today();
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today).await?;
    let f = dashboard_figures(&scoped, &node, today, query.document).await?;
    let from = if f.late_reading { today.next_day().unwrap_or(today) } else { today };
    let mut names = DocumentNames(HashMap::new());
    let mut list = async |(tasks, total): &(Vec<daihoi_store::tasks::Task>, u64)| {
        let mut items = Vec::with_capacity(tasks.len());
        for t in tasks {
            let document = names.get(&scoped, t.document_id).await;
            items.push(DashboardTask {
                id: t.id,
                title: t.title.clone(),
                document: (!document.is_empty()).then_some(document),
                org: t.org.to_string(),
                deadline: t.deadline.map(date_text),
                days: t.deadline.map_or(0, |d| (d - from).whole_days().unsigned_abs()),
            });
        }
        TaskList { total: *total, items }
    };
    let overdue = list(&f.overdue).await;
    let due_soon = match &f.due_soon {
        Some(d) => Some(list(d).await),
        None => None,
    };
    Ok(Json(Dashboard {
        org: node.code.to_string(),
        date: date_text(today),
        document: query.document,
        rules: f.setting.as_ref().map(RulesChosen::from),
        own_rules_below: f
            .own_rules_below
            .iter()
            .map(|s| OrgRef { code: s.org_code.clone(), name: s.org_name.clone() })
            .collect(),
        overdue,
        due_soon,
        by_org: f.counts.as_ref().map(|counts| {
            counts.iter().filter(|(_, c)| c.total() > 0).map(|(node, c)| OrgCounts::new(node, c)).collect()
        }),
        rollup: f.rollup.as_ref().map(|(rolled, tops)| SubtreeRollupJson {
            overall: rolled.overall.map(|p| p.percent()),
            tasks: rolled.tasks,
            tops: tops
                .iter()
                .map(|(t, p)| TopTask {
                    id: t.id,
                    org: t.org.to_string(),
                    title: t.title.clone(),
                    progress: p.map(|p| p.percent()),
                    own_progress: t.progress.map(|(_, p)| p.percent()),
                })
                .collect(),
        }),
        targets: TargetList {
            total: f.targets.1,
            items: f.targets.0.iter().map(|t| TargetJson::new(t, today)).collect(),
        },
    }))
}
