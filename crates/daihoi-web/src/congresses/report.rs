//! The campaign's report (báo cáo tình hình tổ chức đại hội, C-PLAN-1…5)
//! as a Party document, PDF and `.docx` with the same text, and as an
//! Excel workbook for working (every congress of the subtree, one row
//! each): the counts by level class and status, the model congresses, the
//! late ones, those coming in the next 60 days, those warned about, and the
//! questions the campaign waits for — the dashboard's content, on paper.

use axum::extract::Query;
use axum::response::Response;
use daihoi_congress::{LevelClass, PlanWarning};
use daihoi_print::{ListColumn, ListSection, ListTable, PartyList};
use daihoi_sheets::{Cell, SheetOut};
use daihoi_store::congresses::Round;
use daihoi_store::congresses::access::CampaignLine;
use daihoi_store::orgs::OrgNode;
use serde::Deserialize;
use time::Date;

use super::pages::{CongressLine, congress_line};
use super::view::{Status, is_late, level_key, question_key, round_named, status_key};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::{Path, today};
use crate::party::{ListFormat, XLSX_MEDIA, party_frame, party_list_file, report_download};

/// How many congresses each list of the PDF names; the others are counted
/// (the workbook has them all).
pub(crate) const REPORT_LISTED: usize = 300;

fn dated_warnings(l: &CampaignLine) -> Vec<PlanWarning> {
    l.warnings.iter().filter(|w| !matches!(w, PlanWarning::Awaiting(_))).cloned().collect()
}

fn line(tr: Tr, l: &CampaignLine, day: Date) -> CongressLine {
    congress_line(tr, &l.congress, &dated_warnings(l), 0, day)
}

/// A list of congresses as a table: number, organization, level, planned,
/// held, gates (and warnings when `warned`).
fn congress_table(tr: Tr, of: &[&CampaignLine], day: Date, warned: bool) -> ListTable {
    let mut columns = vec![
        ListColumn::center(tr.t("campaign-report-no"), 5),
        ListColumn::left(tr.t("congress-org"), 30),
        ListColumn::left(tr.t("congress-plan-level"), 14),
        ListColumn::left(tr.t("congress-planned"), 17),
        ListColumn::left(tr.t("congress-held"), 17),
    ];
    columns.push(if warned {
        ListColumn::left(tr.t("congress-warnings"), 40)
    } else {
        ListColumn::left(tr.t("congress-gates"), 24)
    });
    let more = of.len().saturating_sub(REPORT_LISTED);
    ListTable {
        columns,
        rows: of
            .iter()
            .take(REPORT_LISTED)
            .enumerate()
            .map(|(i, l)| {
                let c = line(tr, l, day);
                let name = if c.model { format!("{} ({})", c.name, tr.t("congress-model")) } else { c.name };
                let last = if warned { c.warnings.join("; ") } else { c.gates_short };
                vec![(i + 1).to_string(), name, c.level, c.planned, c.held, last]
            })
            .collect(),
        total: None,
        more: if more > 0 { tr.t1("campaign-report-more", "count", tr.number(more as u64)) } else { String::new() },
    }
}

/// The report of `node`'s campaign in `round` on `day`, in `tr`'s words.
pub(crate) fn campaign_report(
    tr: Tr,
    round: &Round,
    node: &OrgNode,
    campaign: &[CampaignLine],
    day: Date,
) -> PartyList {
    let n = |x: usize| tr.number(x as u64);
    let late = campaign.iter().filter(|l| is_late(&l.congress.plan, day)).count();
    let by_status = |s: Status| campaign.iter().filter(|l| Status::of(&l.congress.plan) == s).count();
    let mut sections = vec![ListSection {
        heading: tr.t("campaign-report-general"),
        paragraphs: vec![tr.t_args(
            "campaign-report-summary",
            &[
                ("total", n(campaign.len())),
                ("held", n(by_status(Status::Held) + by_status(Status::ResultsApproved))),
                ("approved", n(by_status(Status::ResultsApproved))),
                ("late", n(late)),
            ],
        )],
        table: Some({
            let mut columns = vec![
                ListColumn::left(tr.t("congress-plan-level"), 26),
                ListColumn::right(tr.t("congress-timeline-total"), 10),
            ];
            columns.extend(Status::ALL.iter().map(|s| ListColumn::right(tr.t(&status_key(*s)), 14)));
            columns.push(ListColumn::right(tr.t("congress-late"), 10));
            let mut rows = Vec::new();
            for level in LevelClass::ALL {
                let of: Vec<_> = campaign.iter().filter(|l| l.congress.plan.level == level).collect();
                if of.is_empty() {
                    continue;
                }
                let mut row = vec![tr.t(&level_key(level)), n(of.len())];
                row.extend(
                    Status::ALL.iter().map(|s| n(of.iter().filter(|l| Status::of(&l.congress.plan) == *s).count())),
                );
                row.push(n(of.iter().filter(|l| is_late(&l.congress.plan, day)).count()));
                rows.push(row);
            }
            let mut total = vec![tr.t("congress-timeline-total"), n(campaign.len())];
            total.extend(Status::ALL.iter().map(|s| n(by_status(*s))));
            total.push(n(late));
            ListTable { columns, rows, total: Some(total), more: String::new() }
        }),
    }];
    const NUMERALS: [&str; 6] = ["II", "III", "IV", "V", "VI", "VII"];
    let mut list = |key: &str, of: Vec<&CampaignLine>, warned: bool| {
        let numeral = NUMERALS[(sections.len() - 1).min(NUMERALS.len() - 1)];
        let heading = format!("{numeral}. {} ({})", tr.t(key), n(of.len()));
        sections.push(ListSection {
            heading,
            paragraphs: if of.is_empty() { vec![tr.t("campaign-report-none")] } else { Vec::new() },
            table: (!of.is_empty()).then(|| congress_table(tr, &of, day, warned)),
        });
    };
    list("congress-model-title", campaign.iter().filter(|l| l.congress.plan.model).collect(), false);
    list("congress-late-title", campaign.iter().filter(|l| is_late(&l.congress.plan, day)).collect(), false);
    list("congress-coming-title", super::view::coming(campaign, day), false);
    list("congress-warned-title", campaign.iter().filter(|l| !dated_warnings(l).is_empty()).collect(), true);
    let awaiting = super::view::awaited(campaign);
    sections.push(ListSection {
        heading: format!(
            "{}. {}",
            NUMERALS[(sections.len() - 1).min(NUMERALS.len() - 1)],
            tr.t("congress-awaiting-title")
        ),
        paragraphs: if awaiting.is_empty() { vec![tr.t("campaign-report-none")] } else { Vec::new() },
        table: (!awaiting.is_empty()).then(|| ListTable {
            columns: vec![
                ListColumn::left(tr.t("campaign-report-question"), 60),
                ListColumn::center(tr.t("campaign-report-rule"), 12),
                ListColumn::right(tr.t("campaign-report-waiting"), 14),
            ],
            rows: awaiting
                .iter()
                .map(|(q, k)| vec![tr.t(&question_key(*q)), q.rule().to_owned(), tr.number(*k)])
                .collect(),
            total: None,
            more: String::new(),
        }),
    });
    let (heading, signature, recipients) = party_frame(tr, node, None, day);
    PartyList {
        heading,
        title: tr.t("campaign-report-title"),
        subtitle: vec![
            tr.t1("campaign-report-round", "round", round.title.clone()),
            node.name.clone(),
            tr.t1("task-list-on", "date", tr.date(day)),
        ],
        page_label: tr.t("tracking-report-page"),
        keywords: "daihoi congress campaign report".into(),
        sections,
        signature,
        recipients,
    }
}

/// The widths of the workbook's columns.
const WIDTHS: [f64; 13] = [16.0, 40.0, 18.0, 18.0, 12.0, 7.0, 22.0, 22.0, 18.0, 7.0, 30.0, 50.0, 50.0];

/// Every congress of the campaign as a workbook row (for working: sort,
/// filter, count), in tree order.
pub(crate) fn campaign_workbook(
    tr: Tr,
    file: &str,
    campaign: &[CampaignLine],
    day: Date,
) -> Result<Vec<u8>, Box<daihoi_sheets::SheetError>> {
    let header: Vec<String> = [
        "campaign-report-code",
        "congress-org",
        "congress-plan-level",
        "congress-plan-kind",
        "congress-plan-contents",
        "congress-model",
        "congress-planned",
        "congress-held",
        "congress-status",
        "congress-late",
        "congress-gates",
        "congress-warnings",
        "congress-awaiting-title",
    ]
    .iter()
    .map(|k| tr.t(k))
    .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let text = |t: String| if t.is_empty() { Cell::Empty } else { Cell::Text(t) };
    let rows = campaign.iter().map(|l| {
        let c = line(tr, l, day);
        let awaiting: Vec<String> = l
            .warnings
            .iter()
            .filter_map(|w| match w {
                PlanWarning::Awaiting(a) => {
                    Some(format!("{} ({})", tr.t(&question_key(a.question)), a.question.rule()))
                }
                _ => None,
            })
            .collect();
        vec![
            Cell::Text(c.code),
            Cell::Text(c.name),
            text(c.level),
            text(c.kind),
            text(c.contents),
            text(if c.model { "x".into() } else { String::new() }),
            text(c.planned),
            text(c.held),
            text(c.status),
            text(if c.late { "x".into() } else { String::new() }),
            text(c.gates.join("; ")),
            text(c.warnings.join("; ")),
            text(awaiting.join("; ")),
        ]
    });
    let name = tr.t("campaign-report-sheet");
    daihoi_sheets::xlsx_bytes(file, &SheetOut { name: &name, header: &header, column_widths: &WIDTHS }, rows)
        .map(|(bytes, _)| bytes)
        .map_err(Box::new)
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportParams {
    pub round: Option<String>,
    /// `pdf` (default), `docx` or `xlsx`.
    pub format: Option<String>,
}

/// The report's file: its name says the round, the organization and the day.
pub(crate) async fn campaign_file(
    tr: Tr,
    round: &Round,
    node: &OrgNode,
    campaign: &[CampaignLine],
    format: &str,
) -> Result<Option<crate::party::ReportFile>, String> {
    let day = today();
    let stem =
        format!("dai-hoi-{}-{}-{}", round.code, node.code.as_str().replace('.', "-"), daihoi_core::date::iso(day));
    if format == "xlsx" {
        let file = format!("{stem}.xlsx");
        let bytes = campaign_workbook(tr, &file, campaign, day).map_err(|e| e.to_string())?;
        return Ok(Some(crate::party::ReportFile { bytes, media: XLSX_MEDIA, file_name: file }));
    }
    let Some(format) = ListFormat::parse(format) else { return Ok(None) };
    let report = campaign_report(tr, round, node, campaign, day);
    party_list_file(report, stem, format).await.map(Some)
}

/// `GET /orgs/{code}/congresses/report?round=&format=pdf|docx|xlsx`: the
/// campaign's report, for the readers of its dashboard.
pub async fn download(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<ReportParams>,
) -> Result<Response, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    let round = round_named(&scoped, p.round.as_deref()).await?.ok_or(WebError::NotFound)?;
    let campaign = scoped.congresses().campaign(&round, &node, today()).await?;
    let format = p.format.as_deref().unwrap_or("pdf");
    match campaign_file(caller.tr, &round, &node, &campaign, format).await.map_err(WebError::Print)? {
        Some(file) => Ok(report_download(file)),
        None => Err(WebError::BadInput("tracking-report-bad-format")),
    }
}
