//! The petitions' reports as files a committee can send (P-9, P-10): a
//! Party document (Hướng dẫn 36-HD/VPTW: the committee and number, the
//! Party's name, place and date, the title, the body, the signature and
//! "Nơi nhận") as PDF or `.docx`, and the figures as an Excel workbook to
//! work with. The statistics of a period with the overdue list
//! ([`petitions_file`]), and the heads' reception by month with the
//! committee's own sessions ([`reception_file`]). Every figure is the
//! facet's, counted for the reader: what a reader does not read is in no
//! file either.

use daihoi_petitions::reception::{Period, YearMonth, duty};
use daihoi_print::{ListColumn, ListSection, ListTable, PartyList};
use daihoi_sheets::{Cell, SheetOut};
use daihoi_store::orgs::OrgNode;
use daihoi_store::petitions::{Case, ClockView, CommitteeCompliance, PetitionStats, ReceptionSession, StatLine};
use time::Date;

use super::reception::month_label;
use crate::i18n::Tr;
use crate::party::{ListFormat, ReportFile, XLSX_MEDIA, party_frame, party_list_file};

/// The formats a report is written in.
pub(crate) const FORMATS: [&str; 3] = ["pdf", "docx", "xlsx"];

/// The overdue cases printed in the document (the workbook and the page
/// have the figures; the rest are named by count).
const OVERDUE_PRINTED: usize = 200;

/// A count as the reader's language writes it.
fn count(tr: Tr, n: impl TryInto<u64>) -> String {
    tr.number(n.try_into().unwrap_or(0))
}

fn stat_columns(tr: Tr, first: &str) -> Vec<ListColumn> {
    let mut columns = vec![ListColumn::left(first.to_owned(), 30)];
    columns.extend(
        [
            "petition-stat-received",
            "petition-stat-logged",
            "petition-stat-on-time",
            "petition-stat-late",
            "petition-stat-ended",
            "petition-stat-open",
            "petition-stat-overdue",
            "petition-stat-awaiting",
        ]
        .iter()
        .map(|k| ListColumn::right(tr.t(k), 10)),
    );
    columns
}

fn stat_cells(tr: Tr, label: String, l: &StatLine) -> Vec<String> {
    let mut row = vec![label];
    row.extend(
        [l.received, l.logged, l.on_time, l.late, l.ended, l.open, l.overdue, l.awaiting]
            .iter()
            .map(|n| tr.number(u64::from(*n))),
    );
    row
}

fn kind_label(tr: Tr, k: daihoi_petitions::CaseKind) -> String {
    tr.t(&format!("petition-kind-{}", k.code().replace('_', "-")))
}

/// The report of a period's statistics and today's overdue cases.
pub(crate) fn petitions_report(
    tr: Tr,
    node: &OrgNode,
    stats: &PetitionStats,
    overdue: &[(Case, ClockView)],
    overdue_total: usize,
    day: Date,
) -> PartyList {
    let by_kind = ListTable {
        columns: stat_columns(tr, &tr.t("petition-field-kind")),
        rows: stats.by_kind.iter().map(|(k, l)| stat_cells(tr, kind_label(tr, *k), l)).collect(),
        total: Some(stat_cells(tr, tr.t("petition-stat-total"), &stats.total)),
        more: String::new(),
    };
    let by_org = ListTable {
        columns: stat_columns(tr, &tr.t("petition-report-org")),
        rows: stats.by_org.iter().map(|(o, l)| stat_cells(tr, o.name.clone(), l)).collect(),
        total: None,
        more: if stats.by_org.is_empty() { tr.t("petition-report-none") } else { String::new() },
    };
    let printed = overdue.iter().take(OVERDUE_PRINTED);
    let overdue_table = ListTable {
        columns: vec![
            ListColumn::left(tr.t("petition-number"), 12),
            ListColumn::left(tr.t("petition-report-org"), 22),
            ListColumn::left(tr.t("petition-field-kind"), 14),
            ListColumn::center(tr.t("petition-field-received"), 14),
            ListColumn::left(tr.t("petition-field-summary"), 30),
            ListColumn::left(tr.t("petition-clock"), 18),
            ListColumn::center(tr.t("petition-due"), 14),
        ],
        rows: printed
            .map(|(c, v)| {
                vec![
                    format!("{}/{}", c.number, c.year),
                    c.org.name.clone(),
                    kind_label(tr, c.kind),
                    tr.date(c.days.received),
                    c.summary.clone(),
                    tr.t(&format!("petition-clock-{}", v.clock.trigger.code().replace('_', "-"))),
                    v.due.as_ref().map(|d| tr.date(d.date)).unwrap_or_default(),
                ]
            })
            .collect(),
        total: None,
        more: if overdue_total > overdue.len().min(OVERDUE_PRINTED) {
            tr.t1("petition-report-more", "count", count(tr, overdue_total - overdue.len().min(OVERDUE_PRINTED)))
        } else if overdue_total == 0 {
            tr.t("petition-report-none")
        } else {
            String::new()
        },
    };
    let (heading, signature, recipients) = party_frame(tr, node, None, day);
    PartyList {
        heading,
        title: tr.t("petition-report-doc-title"),
        subtitle: vec![
            node.name.clone(),
            tr.t_args("petition-report-period", &[("from", tr.date(stats.from)), ("to", tr.date(stats.to))]),
        ],
        page_label: tr.t("tracking-report-page"),
        keywords: "daihoi petitions report".into(),
        sections: vec![
            ListSection {
                heading: format!("I. {}", tr.t("petition-by-kind").to_uppercase()),
                paragraphs: vec![tr.t1("petition-as-of", "date", tr.date(stats.as_of))],
                table: Some(by_kind),
            },
            ListSection {
                heading: format!("II. {}", tr.t("petition-by-org").to_uppercase()),
                paragraphs: Vec::new(),
                table: Some(by_org),
            },
            ListSection {
                heading: format!(
                    "III. {}",
                    tr.t1("petition-overdue-title", "count", count(tr, overdue_total)).to_uppercase()
                ),
                paragraphs: Vec::new(),
                table: Some(overdue_table),
            },
        ],
        signature,
        recipients,
    }
}

/// The statistics as a workbook: a line by kind, by organization, and the
/// total.
fn petitions_workbook(tr: Tr, file: &str, stats: &PetitionStats) -> Result<Vec<u8>, String> {
    let header: Vec<String> = [
        "petition-report-group",
        "petition-report-name",
        "petition-stat-received",
        "petition-stat-logged",
        "petition-stat-on-time",
        "petition-stat-late",
        "petition-stat-ended",
        "petition-stat-open",
        "petition-stat-overdue",
        "petition-stat-awaiting",
    ]
    .iter()
    .map(|k| tr.t(k))
    .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let line = |group: String, name: String, l: &StatLine| {
        let mut row = vec![Cell::Text(group), Cell::Text(name)];
        row.extend(
            [l.received, l.logged, l.on_time, l.late, l.ended, l.open, l.overdue, l.awaiting]
                .iter()
                .map(|n| Cell::Int(i64::from(*n))),
        );
        row
    };
    let (kind, org) = (tr.t("petition-by-kind"), tr.t("petition-by-org"));
    let rows = stats
        .by_kind
        .iter()
        .map(|(k, l)| line(kind.clone(), kind_label(tr, *k), l))
        .chain(stats.by_org.iter().map(|(o, l)| line(org.clone(), o.name.clone(), l)))
        .chain(std::iter::once(line(tr.t("petition-stat-total"), String::new(), &stats.total)));
    let name = tr.t("petition-report-sheet");
    let widths = [18.0, 40.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0];
    daihoi_sheets::xlsx_bytes(file, &SheetOut { name: &name, header: &header, column_widths: &widths }, rows)
        .map(|(bytes, _)| bytes)
        .map_err(|e| e.to_string())
}

/// The petitions' report in `format` (`pdf`, `docx`, `xlsx`); `None` for
/// another format.
pub(crate) async fn petitions_file(
    tr: Tr,
    node: &OrgNode,
    stats: &PetitionStats,
    overdue: &[(Case, ClockView)],
    overdue_total: usize,
    format: &str,
    day: Date,
) -> Result<Option<ReportFile>, String> {
    let stem = format!(
        "don-thu-{}-{}-{}",
        node.code.as_str().replace('.', "-"),
        daihoi_core::date::iso(stats.from),
        daihoi_core::date::iso(stats.to)
    );
    if format == "xlsx" {
        let file = format!("{stem}.xlsx");
        let bytes = petitions_workbook(tr, &file, stats)?;
        return Ok(Some(ReportFile { bytes, media: XLSX_MEDIA, file_name: file }));
    }
    let Some(format) = ListFormat::parse(format) else { return Ok(None) };
    party_list_file(petitions_report(tr, node, stats, overdue, overdue_total, day), stem, format).await.map(Some)
}

fn period_line(tr: Tr, period: Period, last: YearMonth) -> String {
    tr.t_args(
        "reception-report-period",
        &[
            ("period", tr.t(&format!("reception-period-{}", period.code().replace('_', "-")))),
            ("month", month_label(last)),
        ],
    )
}

/// The report of the heads' reception over a period.
pub(crate) fn reception_report(
    tr: Tr,
    node: &OrgNode,
    period: Period,
    months: &[YearMonth],
    committees: &[CommitteeCompliance],
    sessions: &[ReceptionSession],
    day: Date,
) -> PartyList {
    let last = months.last().copied().unwrap_or(YearMonth::of(day));
    let met = committees.iter().filter(|c| c.met()).count();
    // A period's months are of one year (P-9's periods end with a month of
    // it): the year is in the subtitle, each column says its month.
    let mut columns =
        vec![ListColumn::left(tr.t("reception-committee"), 26), ListColumn::center(tr.t("reception-duty"), 11)];
    columns.extend(
        months.iter().map(|m| ListColumn::center(tr.t1("reception-month-short", "month", u8::from(m.month)), 5)),
    );
    columns.push(ListColumn::center(tr.t("reception-period-met"), 12));
    let compliance = ListTable {
        columns,
        rows: committees
            .iter()
            .map(|c| {
                let mut row = vec![
                    c.org.name.clone(),
                    tr.t1("reception-days-a-month-short", "count", duty(c.level).days_per_month),
                ];
                row.extend(
                    c.months
                        .iter()
                        .map(|m| if m.required == 0 { "—".to_owned() } else { format!("{}/{}", m.held, m.required) }),
                );
                row.push(tr.t(if c.met() { "reception-met" } else { "reception-not-met" }));
                row
            })
            .collect(),
        total: None,
        more: if committees.is_empty() { tr.t("reception-no-committee") } else { String::new() },
    };
    let own = ListTable {
        columns: vec![
            ListColumn::center(tr.t("reception-field-day"), 12),
            ListColumn::left(tr.t("reception-field-host"), 30),
            ListColumn::left(tr.t("reception-field-place"), 24),
            ListColumn::left(tr.t("reception-status"), 16),
            ListColumn::right(tr.t("reception-people"), 10),
            ListColumn::right(tr.t("reception-cases"), 10),
        ],
        rows: sessions
            .iter()
            .map(|s| {
                let status = tr.t(&format!("reception-status-{}", s.status.code()));
                vec![
                    tr.date(s.day),
                    if s.by_head { format!("{} ({})", s.host, tr.t("reception-head")) } else { s.host.clone() },
                    s.place.clone(),
                    if s.note.is_empty() { status } else { format!("{status}: {}", s.note) },
                    count(tr, s.people),
                    count(tr, s.cases),
                ]
            })
            .collect(),
        total: Some(vec![
            tr.t("petition-stat-total"),
            String::new(),
            String::new(),
            String::new(),
            count(tr, sessions.iter().map(|s| s.people).sum::<i64>()),
            count(tr, sessions.iter().map(|s| s.cases).sum::<i64>()),
        ]),
        more: if sessions.is_empty() { tr.t("reception-no-session") } else { String::new() },
    };
    let (heading, signature, recipients) = party_frame(tr, node, None, day);
    PartyList {
        heading,
        title: tr.t("reception-report-title"),
        subtitle: vec![node.name.clone(), period_line(tr, period, last)],
        page_label: tr.t("tracking-report-page"),
        keywords: "daihoi citizen reception report".into(),
        sections: vec![
            ListSection {
                heading: format!("I. {}", tr.t("reception-compliance-title").to_uppercase()),
                paragraphs: vec![
                    tr.t_args(
                        "reception-report-summary",
                        &[("met", count(tr, met)), ("total", count(tr, committees.len()))],
                    ),
                    tr.t("reception-compliance-hint"),
                ],
                table: Some(compliance),
            },
            ListSection {
                heading: format!("II. {}", tr.t1("reception-report-own", "org", node.name.clone()).to_uppercase()),
                paragraphs: Vec::new(),
                table: Some(own),
            },
        ],
        signature,
        recipients,
    }
}

/// The compliance as a workbook: a row per committee and month.
fn reception_workbook(tr: Tr, file: &str, committees: &[CommitteeCompliance]) -> Result<Vec<u8>, String> {
    let header: Vec<String> = [
        "campaign-report-code",
        "reception-committee",
        "reception-month",
        "reception-report-required",
        "reception-report-held",
        "reception-met",
    ]
    .iter()
    .map(|k| tr.t(k))
    .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = committees.iter().flat_map(|c| {
        c.months.iter().map(move |m| {
            vec![
                Cell::Text(c.org.code.to_string()),
                Cell::Text(c.org.name.clone()),
                Cell::Text(m.month.code()),
                Cell::Int(i64::from(m.required)),
                Cell::Int(i64::from(m.held)),
                Cell::Text(if m.met() { "x".into() } else { String::new() }),
            ]
        })
    });
    let name = tr.t("reception-report-sheet");
    let widths = [16.0, 40.0, 10.0, 10.0, 10.0, 8.0];
    daihoi_sheets::xlsx_bytes(file, &SheetOut { name: &name, header: &header, column_widths: &widths }, rows)
        .map(|(bytes, _)| bytes)
        .map_err(|e| e.to_string())
}

/// The reception report in `format`; `None` for another format.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn reception_file(
    tr: Tr,
    node: &OrgNode,
    period: Period,
    months: &[YearMonth],
    committees: &[CommitteeCompliance],
    sessions: &[ReceptionSession],
    format: &str,
    day: Date,
) -> Result<Option<ReportFile>, String> {
    let last = months.last().copied().unwrap_or(YearMonth::of(day));
    let stem = format!("tiep-cong-dan-{}-{}-{}", node.code.as_str().replace('.', "-"), period.code(), last.code());
    if format == "xlsx" {
        let file = format!("{stem}.xlsx");
        let bytes = reception_workbook(tr, &file, committees)?;
        return Ok(Some(ReportFile { bytes, media: XLSX_MEDIA, file_name: file }));
    }
    let Some(format) = ListFormat::parse(format) else { return Ok(None) };
    let report = reception_report(tr, node, period, months, committees, sessions, day);
    party_list_file(report, stem, format).await.map(Some)
}
