//! The report on a document's dissemination in a subtree (báo cáo kết quả
//! học tập, quán triệt) as a Party document, PDF and `.docx` with the same
//! text (issue 14, item 6): the subtree's coverage on a day (the figures
//! of the document's page, `Disseminations::coverage`), the conferences
//! that reached it, the figures of each organization directly under it,
//! and the cells that have not studied the document yet (none for a
//! replaced document: it is no longer studied).

use axum::extract::Query;
use axum::response::Response;
use daihoi_print::{ListColumn, ListSection, ListTable, PartyList};
use daihoi_store::dissemination::Coverage;
use daihoi_store::dissemination::reached::ReachingConferences;
use daihoi_store::documents::Document;
use daihoi_store::orgs::OrgNode;
use daihoi_store::{Scoped, StoreResult};
use serde::Deserialize;
use time::Date;

use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::{Path, today};
use crate::party::{ListFormat, ReportFile, party_frame, party_list_file, report_download};

/// How many cells not yet reached the report names; the others are counted.
pub(crate) const NOT_REACHED_LISTED: usize = 300;

/// What the report is made of, before any words.
pub(crate) struct DisseminationFigures {
    pub coverage: Coverage,
    /// Each organization directly under the subtree's root, with its coverage.
    pub by_child: Vec<(OrgNode, Coverage)>,
    pub conferences: ReachingConferences,
    /// The documents that replaced this one (it is no longer studied).
    pub replaced_by: Vec<String>,
}

/// The figures of the report of `document` in the subtree of `node` on
/// `day`, through the reader's view (T-6 and the reach of the coverage).
pub(crate) async fn dissemination_figures(
    scoped: &Scoped<'_>,
    document: &Document,
    node: &OrgNode,
    day: Date,
) -> StoreResult<DisseminationFigures> {
    let coverage = scoped.disseminations().coverage(document, node, day).await?;
    let mut by_child = Vec::new();
    for child in scoped.orgs().children(node, day).await? {
        let c = scoped.disseminations().coverage(document, &child, day).await?;
        by_child.push((child, c));
    }
    let conferences = scoped.disseminations().conferences_reaching(document, node, day).await?;
    let replaced_by = scoped.documents().replaced_by(document).await?.iter().map(Document::number_label).collect();
    Ok(DisseminationFigures { coverage, by_child, conferences, replaced_by })
}

/// "1.234 / 1.500 (82,27%)", or the count alone when there is nothing to
/// divide by.
fn share(tr: Tr, reached: u64, total: u64) -> String {
    let st = tr.number_style();
    let n = |x: u64| st.number(x as f64);
    if total == 0 {
        return format!("{} / {}", n(reached), n(total));
    }
    format!("{} / {} ({})", n(reached), n(total), st.percent(reached as f64 * 100.0 / total as f64))
}

/// The report as a Party document, in `tr`'s words, on `day`.
pub(crate) fn dissemination_report(
    tr: Tr,
    document: &Document,
    node: &OrgNode,
    f: &DisseminationFigures,
    day: Date,
) -> PartyList {
    let st = tr.number_style();
    let n = |x: u64| st.number(x as f64);
    let c = &f.coverage;
    let mut general = vec![
        tr.t1("diss-report-members", "share", share(tr, c.members_reached, c.members_total)),
        tr.t1("diss-report-cells", "share", share(tr, c.orgs_reached, c.orgs_total)),
    ];
    if !f.replaced_by.is_empty() {
        general.push(tr.t1("diss-report-replaced", "by", f.replaced_by.join(", ")));
    }
    let mut sections = vec![ListSection { heading: tr.t("diss-report-general"), paragraphs: general, table: None }];

    let conferences: Vec<Vec<String>> = f
        .conferences
        .items
        .iter()
        .enumerate()
        .map(|(i, k)| {
            vec![(i + 1).to_string(), tr.date(k.held_on), k.holder_name.clone(), k.title.clone(), n(k.members)]
        })
        .collect();
    let more = match (conferences.is_empty(), f.conferences.hidden) {
        (_, hidden) if hidden > 0 => tr.t_count("diss-report-conferences-hidden", hidden),
        (true, _) => tr.t("diss-report-no-conference"),
        _ => String::new(),
    };
    sections.push(ListSection {
        heading: tr.t("diss-report-conferences"),
        paragraphs: Vec::new(),
        table: Some(ListTable {
            columns: vec![
                ListColumn::center(tr.t("task-list-order"), 2),
                ListColumn::center(tr.t("diss-report-held-on"), 4),
                ListColumn::left(tr.t("diss-report-holder"), 7),
                ListColumn::left(tr.t("diss-report-conference"), 10),
                ListColumn::right(tr.t("diss-report-attended"), 4),
            ],
            rows: conferences,
            total: None,
            more,
        }),
    });

    if !f.by_child.is_empty() {
        sections.push(ListSection {
            heading: tr.t("diss-report-by-org"),
            paragraphs: Vec::new(),
            table: Some(ListTable {
                columns: vec![
                    ListColumn::center(tr.t("task-list-order"), 2),
                    ListColumn::left(tr.t("tracking-report-org"), 10),
                    ListColumn::right(tr.t("diss-report-members-column"), 7),
                    ListColumn::right(tr.t("diss-report-cells-column"), 7),
                ],
                rows: f
                    .by_child
                    .iter()
                    .enumerate()
                    .map(|(i, (o, c))| {
                        vec![
                            (i + 1).to_string(),
                            o.name.clone(),
                            share(tr, c.members_reached, c.members_total),
                            share(tr, c.orgs_reached, c.orgs_total),
                        ]
                    })
                    .collect(),
                total: Some(vec![
                    String::new(),
                    tr.t("tracking-report-total-row"),
                    share(tr, c.members_reached, c.members_total),
                    share(tr, c.orgs_reached, c.orgs_total),
                ]),
                more: String::new(),
            }),
        });
    }

    // A replaced document is no longer studied: no list of who has not.
    if f.replaced_by.is_empty() {
        let left = c.not_reached.len();
        let more = if left == 0 {
            tr.t("diss-report-all-reached")
        } else if left > NOT_REACHED_LISTED {
            tr.t_count("diss-report-not-reached-more", (left - NOT_REACHED_LISTED) as u64)
        } else {
            String::new()
        };
        sections.push(ListSection {
            heading: tr.t("diss-report-not-reached"),
            paragraphs: Vec::new(),
            table: Some(ListTable {
                columns: vec![
                    ListColumn::center(tr.t("task-list-order"), 2),
                    ListColumn::left(tr.t("diss-report-cell"), 9),
                    ListColumn::left(tr.t("diss-report-under"), 9),
                    ListColumn::left(tr.t("diss-report-code"), 6),
                ],
                rows: c
                    .not_reached
                    .iter()
                    .take(NOT_REACHED_LISTED)
                    .enumerate()
                    .map(|(i, o)| {
                        // Many cells share a name ("Chi bộ khu 1"): the
                        // organization under the root that holds it says which.
                        let under = f
                            .by_child
                            .iter()
                            .find(|(child, _)| child.id != o.id && child.path.contains(&o.path))
                            .map(|(child, _)| child.name.clone())
                            .unwrap_or_default();
                        vec![(i + 1).to_string(), o.name.clone(), under, o.code.to_string()]
                    })
                    .collect(),
                total: None,
                more,
            }),
        });
    }

    let (heading, signature, recipients) = party_frame(tr, node, None, day);
    PartyList {
        heading,
        title: tr.t("diss-report-title"),
        subtitle: vec![
            node.name.clone(),
            tr.t_args(
                "diss-report-document",
                &[
                    ("number", document.number_label()),
                    ("date", tr.date(document.issued_on)),
                    ("title", document.title.clone()),
                ],
            ),
            tr.t1("task-list-on", "date", tr.date(day)),
        ],
        page_label: tr.t("tracking-report-page"),
        keywords: "daihoi dissemination report".into(),
        sections,
        signature,
        recipients,
    }
}

/// The report printed as a file named for the document, the organization
/// and the day.
pub(crate) async fn dissemination_file(
    report: PartyList,
    document: &Document,
    node: &OrgNode,
    format: ListFormat,
) -> Result<ReportFile, String> {
    let stem = format!("quan-triet-{}-{}-{}", document.id, node.code, daihoi_core::date::iso(today()));
    party_list_file(report, stem, format).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportParams {
    /// The subtree's root; absent: the reader's first organization.
    pub org: Option<String>,
    /// `pdf` (default) or `docx`.
    pub format: Option<String>,
}

/// `GET /documents/{id}/dissemination-report?org=&format=pdf|docx`.
pub async fn download(
    caller: Caller,
    Path(id): Path<i64>,
    Query(p): Query<ReportParams>,
) -> Result<Response, WebError> {
    let day = today();
    let format = ListFormat::parse(p.format.as_deref().unwrap_or("pdf"))
        .ok_or(WebError::BadInput("tracking-report-bad-format"))?;
    let scoped = caller.scoped();
    let document = scoped.documents().document(id).await?.ok_or(WebError::NotFound)?;
    let node = match p.org.as_deref() {
        Some(code) => crate::page::org_today(&caller, code).await?,
        None => scoped.orgs().roots(day).await?.into_iter().next().ok_or(WebError::Forbidden)?,
    };
    let figures = dissemination_figures(&scoped, &document, &node, day).await?;
    let report = dissemination_report(caller.tr, &document, &node, &figures, day);
    Ok(report_download(dissemination_file(report, &document, &node, format).await.map_err(WebError::Print)?))
}
