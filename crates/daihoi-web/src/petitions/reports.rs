//! The petitions' report page (`/orgs/{code}/petitions/report`, issue 18,
//! P-10): a period's statistics of the subtree by kind and by the
//! organizations under it, a chart of each organization's cases by how
//! they stand (SVG, as the tracking and campaign charts), and the overdue
//! list, oldest due first. Through the store's `petitions()` facet, as the
//! API (`reports_api.rs`): only the cases the reader reads are counted.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use daihoi_core::date::iso;
use daihoi_petitions::CaseKind;
use daihoi_print::charts::{Category, ChartText, StackedChart, StackedRow, stacked_counts};
use daihoi_store::petitions::{PetitionStats, StatLine};
use serde::Deserialize;

use super::pages::{CaseRow, step_text};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};

/// The overdue cases shown on the page.
const OVERDUE_SHOWN: usize = 50;

#[derive(Debug, Deserialize)]
pub struct ReportParam {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// An overdue case with how its due date was computed.
pub struct OverdueRow {
    pub row: CaseRow,
    pub steps: Vec<String>,
}

/// A line of a statistics table: its label and its figures.
pub struct StatRow {
    pub label: String,
    pub line: StatLine,
}

#[derive(Template, WebTemplate)]
#[template(path = "petition_report.html")]
pub struct ReportPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    from: String,
    to: String,
    as_of: String,
    by_kind: Vec<StatRow>,
    total: StatLine,
    by_org: Vec<StatRow>,
    chart: String,
    overdue: Vec<OverdueRow>,
    overdue_total: usize,
    problems: Vec<String>,
}

fn chart(tr: Tr, stats: &PetitionStats) -> String {
    let keys = [
        ("petition-stat-on-time", 0u8),
        ("petition-stat-late", 2),
        ("petition-stat-ended", 5),
        ("petition-stat-open-running", 4),
        ("petition-stat-overdue", 3),
    ];
    stacked_counts(&StackedChart {
        text: ChartText {
            id: "petition-chart".to_owned(),
            title: tr.t("petition-chart-title"),
            description: tr.t("petition-chart-description"),
            no_data: tr.t("petition-chart-empty"),
        },
        total_label: tr.t("petition-stat-total"),
        style: tr.number_style(),
        categories: keys.iter().map(|(k, slot)| Category { label: tr.t(k), slot: *slot }).collect(),
        rows: stats
            .by_org
            .iter()
            .map(|(o, l)| StackedRow {
                label: o.name.clone(),
                counts: vec![l.on_time, l.late, l.ended, l.open - l.overdue, l.overdue],
            })
            .collect(),
    })
}

/// `GET /orgs/{code}/petitions/report?from=&to=`: the statistics of the
/// subtree over the period (the year so far by default) and the cases
/// overdue today.
pub async fn page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<ReportParam>,
) -> Result<ReportPage, WebError> {
    let tr = caller.tr;
    let node = crate::page::org_today(&caller, &code).await?;
    let day = today();
    let mut problems = Vec::new();
    fn given(text: Option<&str>) -> Option<&str> {
        text.map(str::trim).filter(|t| !t.is_empty())
    }
    let parse = |text: &str| daihoi_core::date::from_iso(text).or_else(|| daihoi_core::date::parse_date(text));
    let to = match given(p.to.as_deref()) {
        Some(t) => parse(t).unwrap_or_else(|| {
            problems.push(tr.t1("petition-problem-field", "field", tr.t("petition-period-to")));
            day
        }),
        None => day,
    };
    let first = time::Date::from_calendar_date(to.year(), time::Month::January, 1).unwrap_or(to);
    let mut from = match given(p.from.as_deref()) {
        Some(f) => parse(f).unwrap_or_else(|| {
            problems.push(tr.t1("petition-problem-field", "field", tr.t("petition-period-from")));
            first
        }),
        None => first,
    };
    if from > to || (to - from).whole_days() > 3_660 {
        problems.push(tr.t("petition-problem-period"));
        from = first;
    }
    let petitions = caller.scoped().petitions();
    let stats = petitions.statistics(&node, from, to, day).await?;
    let (overdue, overdue_total) = petitions.overdue_in(&node, day, OVERDUE_SHOWN).await?;
    let kind = |k: CaseKind| tr.t(&format!("petition-kind-{}", k.code().replace('_', "-")));
    Ok(ReportPage {
        tr,
        nav: caller.nav(),
        org: (&node).into(),
        from: iso(stats.from),
        to: iso(stats.to),
        as_of: tr.date(stats.as_of),
        by_kind: stats.by_kind.iter().map(|(k, l)| StatRow { label: kind(*k), line: *l }).collect(),
        total: stats.total,
        by_org: stats.by_org.iter().map(|(o, l)| StatRow { label: o.name.clone(), line: *l }).collect(),
        chart: chart(tr, &stats),
        overdue: overdue
            .iter()
            .map(|(c, v)| OverdueRow {
                row: super::pages::row(tr, c, std::slice::from_ref(v)),
                steps: v.due.as_ref().map(|d| d.steps.iter().map(|s| step_text(tr, s)).collect()).unwrap_or_default(),
            })
            .collect(),
        overdue_total,
        problems,
    })
}

/// The report file's query: the period and the format.
#[derive(Debug, Deserialize)]
pub struct FileParam {
    pub from: Option<String>,
    pub to: Option<String>,
    pub format: Option<String>,
}

/// `GET /orgs/{code}/petitions/report/file?from=&to=&format=pdf|docx|xlsx`:
/// the report as a Party document or a workbook (P-10).
pub async fn file(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FileParam>,
) -> Result<axum::response::Response, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let day = today();
    let blank = |t: Option<String>| t.filter(|t| !t.trim().is_empty());
    let (from, to) = super::reports_api::period(blank(p.from).as_deref(), blank(p.to).as_deref(), day)
        .map_err(|_| WebError::BadInput("petition-problem-period"))?;
    let petitions = caller.scoped().petitions();
    let stats = petitions.statistics(&node, from, to, day).await?;
    let (overdue, total) = petitions.overdue_in(&node, day, 200).await?;
    let format = p.format.as_deref().unwrap_or("pdf");
    match super::files::petitions_file(caller.tr, &node, &stats, &overdue, total, format, day)
        .await
        .map_err(WebError::Print)?
    {
        Some(file) => Ok(crate::party::report_download(file)),
        None => Err(WebError::BadInput("tracking-report-bad-format")),
    }
}
