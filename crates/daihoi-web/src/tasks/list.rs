//! The task list (danh sách nhiệm vụ) of a subtree as a Party document:
//! the tasks being carried out today (given, received, in progress: not
//! finished, not withdrawn), their assignee, deadline, status and
//! progress, as a PDF and as a `.docx` with the same text, in the layout
//! of Hướng dẫn 36-HD/VPTW (issue 14, item 6). The figures are the
//! periodic report's (one definition: the status of T-3 and the roll-up of
//! T-2, `report_figures`); the workbook of every task is the task file.

use std::collections::HashMap;

use axum::extract::Query;
use axum::response::Response;
use daihoi_print::{ListColumn, ListSection, ListTable, PartyList};
use daihoi_store::orgs::OrgNode;
use daihoi_store::{Scoped, StoreError, StoreResult};
use daihoi_tracking::{Period, PeriodKind, Workflow};
use serde::Deserialize;
use time::Date;

use super::report::{REPORT_STATUSES, ReportFigures, latest_period, report_figures, shown_progress, task_status_word};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::{Path, today};
use crate::party::{ListFormat, ReportFile, party_frame, party_list_file, report_download};

/// How many tasks the list prints at most; the task file (Excel) has them
/// all.
pub(crate) const LIST_TASKS: usize = 500;

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    /// `pdf` (default) or `docx`.
    pub format: Option<String>,
    /// Only the tasks of this document.
    pub document: Option<i64>,
}

/// The figures of the list: the report's reading of today (the current
/// month's period, evaluated today), its tasks being carried out kept.
pub(crate) async fn list_figures(
    scoped: &Scoped<'_>,
    node: &OrgNode,
    today: Date,
    document: Option<i64>,
) -> StoreResult<ReportFigures> {
    // Every day is in a month: the fallback is the day alone.
    let period = latest_period(PeriodKind::Monthly, today).unwrap_or(Period {
        kind: PeriodKind::Monthly,
        year: today.year(),
        index: u8::from(today.month()),
        start: today,
        end: today,
    });
    let mut figures = report_figures(scoped, node, PeriodKind::Monthly, period, today, document).await?;
    figures.lines.retain(|l| !matches!(l.task.workflow, Workflow::Done | Workflow::Cancelled));
    Ok(figures)
}

/// The order of the list: the longest overdue first, by deadline, those
/// without one last.
fn list_order(figures: &ReportFigures) -> Vec<usize> {
    let mut order: Vec<usize> = (0..figures.lines.len()).collect();
    order.sort_by_key(|i| {
        let t = &figures.lines[*i].task;
        (t.deadline.is_none(), t.deadline, t.org.to_string(), t.id)
    });
    order
}

/// The names today of the organizations of `node`'s subtree, by code, to
/// name the assignees of the tasks the list prints (a clerk reads "Đảng bộ
/// xã Quảng Tân", not `QN.DH.QT`): one read of the subtree, however many
/// assignees; a code the reader does not see stays a code.
pub(crate) async fn assignee_names(
    scoped: &Scoped<'_>,
    node: &OrgNode,
    today: Date,
) -> StoreResult<HashMap<String, String>> {
    Ok(scoped.orgs().subtree(node, today).await?.into_iter().map(|n| (n.code.to_string(), n.name)).collect())
}

/// The list as a Party document, in `tr`'s words, on `today`, its
/// assignees by the `names` of [`assignee_names`].
pub(crate) fn task_list(
    tr: Tr,
    node: &OrgNode,
    figures: &ReportFigures,
    names: &HashMap<String, String>,
    document: Option<&str>,
    today: Date,
) -> PartyList {
    let order = list_order(figures);
    let total = order.len();
    let mut counts = vec![0u64; REPORT_STATUSES.len()];
    for l in &figures.lines {
        counts[l.slot] += 1;
    }
    let mut summary = vec![tr.t_count("task-list-total", total as u64)];
    summary.extend(
        counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(slot, n)| format!("- {}: {}", tr.t(REPORT_STATUSES[slot]), tr.number_style().number(*n as f64))),
    );
    let rows: Vec<Vec<String>> = order
        .iter()
        .take(LIST_TASKS)
        .enumerate()
        .map(|(k, i)| {
            let l = &figures.lines[*i];
            let t = &l.task;
            let source = match (l.document.as_str(), t.clause.trim()) {
                ("", clause) => clause.to_owned(),
                (number, "") => number.to_owned(),
                (number, clause) => format!("{number}, {clause}"),
            };
            vec![
                (k + 1).to_string(),
                t.title.clone(),
                source,
                names.get(t.org.as_str()).cloned().unwrap_or_else(|| t.org.to_string()),
                tr.date_opt(t.deadline),
                task_status_word(tr, REPORT_STATUSES[l.slot], l.status),
                match shown_progress(l.figure, t.progress) {
                    Some(p) => tr.number_style().percent(p),
                    None => tr.t("task-not-reported"),
                },
            ]
        })
        .collect();
    let more = if total == 0 {
        tr.t("task-list-none")
    } else if total > LIST_TASKS {
        tr.t_count("task-list-more", (total - LIST_TASKS) as u64)
    } else {
        String::new()
    };
    let (heading, signature, recipients) = party_frame(tr, node, None, today);
    let mut subtitle = vec![node.name.clone()];
    if let Some(number) = document {
        subtitle.push(tr.t1("task-list-of-document", "number", number));
    }
    subtitle.push(tr.t1("task-list-on", "date", tr.date(today)));
    PartyList {
        heading,
        title: tr.t("task-list-title"),
        subtitle,
        page_label: tr.t("tracking-report-page"),
        keywords: "daihoi task list".into(),
        sections: vec![
            ListSection { heading: tr.t("tracking-report-summary"), paragraphs: summary, table: None },
            ListSection {
                heading: tr.t("task-list-tasks"),
                paragraphs: Vec::new(),
                table: Some(ListTable {
                    columns: vec![
                        ListColumn::center(tr.t("task-list-order"), 2),
                        ListColumn::left(tr.t("task-title"), 10),
                        ListColumn::left(tr.t("task-document"), 5),
                        ListColumn::left(tr.t("task-assignee"), 5),
                        ListColumn::center(tr.t("task-deadline"), 4),
                        ListColumn::left(tr.t("task-status"), 5),
                        ListColumn::right(tr.t("task-progress"), 3),
                    ],
                    rows,
                    total: None,
                    more,
                }),
            },
        ],
        signature,
        recipients,
    }
}

/// The list printed as a file named for the organization and the day.
pub(crate) async fn task_list_file(list: PartyList, node: &OrgNode, format: ListFormat) -> Result<ReportFile, String> {
    let stem = format!("danh-sach-nhiem-vu-{}-{}", node.code, daihoi_core::date::iso(today()));
    party_list_file(list, stem, format).await
}

/// The number of the document the list is restricted to, as the reader
/// may see it (T-6: refused when they may not read it).
pub(crate) async fn document_number(scoped: &Scoped<'_>, id: Option<i64>) -> StoreResult<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    let d = scoped.documents().document(id).await?.ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
    Ok(Some(d.number_label()))
}

/// `GET /orgs/{code}/tracking/task-list?format=pdf|docx&document=`: the
/// subtree's tasks being carried out, as a Party document.
pub async fn download(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<ListParams>,
) -> Result<Response, WebError> {
    let today = today();
    let node = crate::page::org_today(&caller, &code).await?;
    let format = ListFormat::parse(p.format.as_deref().unwrap_or("pdf"))
        .ok_or(WebError::BadInput("tracking-report-bad-format"))?;
    let scoped = caller.scoped();
    let number = document_number(&scoped, p.document).await?;
    let figures = list_figures(&scoped, &node, today, p.document).await?;
    let names = assignee_names(&scoped, &node, today).await?;
    let list = task_list(caller.tr, &node, &figures, &names, number.as_deref(), today);
    Ok(report_download(task_list_file(list, &node, format).await.map_err(WebError::Print)?))
}
