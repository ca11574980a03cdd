//! The synthesis of comments on a congress draft (báo cáo tổng hợp ý kiến
//! góp ý; issue 17, item 4; C-PLAN-6, C-PLAN-7) as a Party document, PDF
//! and `.docx` with the same text, and as an Excel workbook for working
//! (one row per comment); and the higher level reading what each
//! organization below sent up on a draft sent to it.
//!
//! Two reports of the same shape: the drafting team's, of every comment on
//! a draft of its congress (issued by the committee holding the congress,
//! with the coverage of the syntheses received), and one organization's,
//! of the comments it recorded on a draft sent to it (issued by its
//! committee, addressed to the level above). Each says what is general
//! (who was asked, how many comments, the counts by disposition), the
//! counts by source, then the comments by part of the draft (the whole
//! document, then its sections in order) and source, each with its text,
//! proposed text, disposition and explanation.
//!
//! **Size.** The PDF and `.docx` print at most [`PRINTED_COMMENTS`]
//! comments (a 60-page draft with 500 comments prints whole), each text cut
//! at [`PRINTED_CHARS`] characters, and [`LISTED_SOURCES`] sources in the
//! table by source; each cut is said where it is made, and the workbook
//! has every comment whole.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::response::Response;
use daihoi_drafts::{CommentFacts, Disposition, Organization, Part, Tally};
use daihoi_print::{ListColumn, ListSection, ListTable, PartyList, Recipients};
use daihoi_sheets::{Cell, SheetOut};
use daihoi_store::congress_documents::{
    Comment, CongressDocument, DraftCoverage, OrgSynthesis, Recipient, Version, comment_facts,
};
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::orgs::OrgNode;
use daihoi_store::{Scoped, StoreResult};
use serde::Deserialize;
use time::Date;

use super::view::{
    CommentView, amendment_text, anchor_text, comment_view, congress_of, coverage_text, disposition_label, kind_label,
};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, org_today, today};
use crate::party::{
    ListFormat, ReportFile, XLSX_MEDIA, committee_named, party_frame, party_list_file, report_download,
};

/// The most comments the PDF and `.docx` print; the others are counted
/// (the workbook has them all).
pub(crate) const PRINTED_COMMENTS: usize = 1_000;

/// The most characters of a comment's text, or of its proposed text, the
/// PDF and `.docx` print; a longer one is cut and says so.
pub(crate) const PRINTED_CHARS: usize = 2_000;

/// The most sources the table by source names; the others are counted.
pub(crate) const LISTED_SOURCES: usize = 300;

/// The most characters Excel holds in a cell.
const XLSX_CELL_CHARS: usize = 32_000;

/// The dispositions in the order the report counts them; `None`: not
/// disposed of yet.
const DISPOSITIONS: [Option<Disposition>; 5] = [
    Some(Disposition::Accepted),
    Some(Disposition::AcceptedInPart),
    Some(Disposition::Explained),
    Some(Disposition::NotAccepted),
    None,
];

/// Whose synthesis a report is.
pub(crate) enum Whose {
    /// The drafting team's, of every comment on a draft of its congress,
    /// with who the draft was sent to and where each stands.
    Congress { coverage: DraftCoverage },
    /// One organization's, of its comments on a draft sent to it.
    Sender { recipient: Recipient, awaiting: Option<&'static str>, after_sending: Vec<u32> },
}

/// What a report is made of, before any words.
pub(crate) struct SynthesisFigures {
    pub document: CongressDocument,
    pub versions: Vec<Version>,
    pub comments: Vec<Comment>,
    /// What the synthesis knows of each comment, in the same order.
    pub facts: Vec<CommentFacts>,
    /// The organization whose committee issues the report.
    pub issuer: OrgNode,
    pub whose: Whose,
}

/// The drafting team's figures: every comment on a draft of `congress`,
/// and the coverage of the syntheses (for the congress's readers cleared
/// for the draft, T-6).
pub(crate) async fn congress_figures(
    scoped: &Scoped<'_>,
    round: &Round,
    congress: &Congress,
    document: CongressDocument,
) -> StoreResult<SynthesisFigures> {
    let docs = scoped.congress_documents();
    let versions = docs.versions(&document).await?;
    let comments = docs.comments(congress, &document).await?;
    let coverage = docs.coverage(round, congress, &document).await?;
    let facts = comment_facts(&document, &versions, &comments);
    Ok(SynthesisFigures {
        issuer: congress.org.clone(),
        whose: Whose::Congress { coverage },
        document,
        versions,
        comments,
        facts,
    })
}

/// One organization's figures on a draft of `congress` sent to it (for
/// the congress's readers and the sender's, cleared for the draft);
/// `Ok(None)` when the draft was not sent there.
pub(crate) async fn sender_figures(
    scoped: &Scoped<'_>,
    round: &Round,
    congress: &Congress,
    document: CongressDocument,
    sender: &daihoi_core::OrgCode,
) -> StoreResult<Option<SynthesisFigures>> {
    let docs = scoped.congress_documents();
    let Some(sent) = docs.synthesis_of(round, congress, &document, sender, today()).await? else { return Ok(None) };
    let versions = docs.versions(&document).await?;
    Ok(Some(from_sender(document, versions, sent)))
}

fn from_sender(document: CongressDocument, versions: Vec<Version>, sent: OrgSynthesis) -> SynthesisFigures {
    let facts = comment_facts(&document, &versions, &sent.comments);
    SynthesisFigures {
        issuer: sent.org,
        whose: Whose::Sender { recipient: sent.recipient, awaiting: sent.awaiting, after_sending: sent.after_sending },
        document,
        versions,
        comments: sent.comments,
        facts,
    }
}

/// "I", "II"… for the report's sections.
fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI"].get(n.saturating_sub(1)).copied().unwrap_or("VI")
}

/// A part of the draft in words: "Góp ý chung (toàn văn)", a section's
/// heading, or the text before the first heading.
fn part_label(tr: Tr, part: &Part) -> String {
    match part {
        Part::WholeDocument => tr.t("draft-report-part-whole"),
        Part::Section { heading, .. } if heading.trim().is_empty() => tr.t("draft-report-part-untitled"),
        Part::Section { heading, .. } => heading.clone(),
    }
}

/// A source in words: an organization with its code, a person by name.
fn source_label(source: &Organization) -> String {
    if source.code.is_empty() { source.name.clone() } else { format!("{} ({})", source.name, source.code) }
}

/// "vào dự thảo Báo cáo chính trị": the draft's title as the object of the
/// report's title, lowercased where it starts with "Dự thảo", prefixed
/// with it otherwise.
fn draft_phrase(title: &str) -> String {
    let title = title.trim();
    match title.strip_prefix("Dự thảo ").or_else(|| title.strip_prefix("DỰ THẢO ")) {
        Some(rest) => format!("dự thảo {rest}"),
        None if title.starts_with("dự thảo ") => title.to_owned(),
        None => format!("dự thảo {title}"),
    }
}

/// `text` cut at `max` characters, saying so.
fn cut(tr: Tr, text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max).collect();
    format!("{kept}… {}", tr.t1("draft-report-cut", "count", tr.number((count - max) as u64)))
}

/// "3 (42,86%)", or the count alone out of nothing.
fn with_share(tr: Tr, n: u32, total: u32) -> String {
    let st = tr.number_style();
    if total == 0 {
        return st.number(f64::from(n));
    }
    format!("{} ({})", st.number(f64::from(n)), st.percent(f64::from(n) * 100.0 / f64::from(total)))
}

fn disposition_name(tr: Tr, d: Option<Disposition>) -> String {
    match d {
        Some(d) => disposition_label(tr, d),
        None => tr.t("draft-report-undecided"),
    }
}

/// The general section's lines on who was asked and who answered.
fn asked(tr: Tr, whose: &Whose) -> Vec<String> {
    match whose {
        Whose::Congress { coverage } => {
            let r = &coverage.recipients;
            if r.is_empty() {
                return vec![tr.t("draft-report-not-sent-down")];
            }
            let sent = r.iter().filter(|r| !matches!(r.coverage, daihoi_drafts::Coverage::NotSentYet)).count();
            let late = r.iter().filter(|r| matches!(r.coverage, daihoi_drafts::Coverage::Late { .. })).count();
            let mut lines = vec![tr.t_args(
                "draft-report-asked",
                &[
                    ("asked", tr.number(r.len() as u64)),
                    ("sent", tr.number(sent as u64)),
                    ("missing", tr.number((r.len() - sent) as u64)),
                ],
            )];
            match coverage.awaiting {
                Some(rule) => lines.push(tr.t1("draft-report-awaiting", "rule", rule)),
                None => lines.push(tr.t1("draft-report-late", "count", tr.number(late as u64))),
            }
            lines
        }
        Whose::Sender { recipient, awaiting, after_sending } => {
            let deadline = match (recipient.deadline, awaiting) {
                (Some(d), _) => tr.date(d),
                (None, rule) => tr.t1("draft-report-no-deadline", "rule", rule.unwrap_or("C-PLAN-6")),
            };
            let mut lines = vec![tr.t_args(
                "draft-report-received",
                &[
                    ("on", tr.date(recipient.sent_on)),
                    ("deadline", deadline),
                    ("state", coverage_text(tr, &recipient.coverage)),
                ],
            )];
            if !after_sending.is_empty() {
                let numbers = after_sending.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
                lines.push(tr.t1("draft-report-after-sending", "comments", numbers));
            }
            lines
        }
    }
}

/// The table of counts by disposition.
fn disposition_table(tr: Tr, tally: &Tally) -> ListTable {
    ListTable {
        columns: vec![
            ListColumn::center(tr.t("task-list-order"), 2),
            ListColumn::left(tr.t("draft-disposition"), 10),
            ListColumn::right(tr.t("draft-report-count"), 6),
        ],
        rows: DISPOSITIONS
            .iter()
            .enumerate()
            .map(|(i, d)| {
                vec![(i + 1).to_string(), disposition_name(tr, *d), with_share(tr, tally.of(*d), tally.total)]
            })
            .collect(),
        total: Some(vec![String::new(), tr.t("tracking-report-total-row"), with_share(tr, tally.total, tally.total)]),
        more: String::new(),
    }
}

/// The table of counts by source and disposition.
fn source_table(tr: Tr, sources: &[(Organization, Tally)], tally: &Tally) -> ListTable {
    let n = |x: u32| tr.number(u64::from(x));
    let left = sources.len().saturating_sub(LISTED_SOURCES);
    let mut columns =
        vec![ListColumn::center(tr.t("task-list-order"), 3), ListColumn::left(tr.t("draft-report-source"), 12)];
    columns.push(ListColumn::right(tr.t("draft-report-count"), 4));
    columns.extend(DISPOSITIONS.iter().map(|d| ListColumn::right(disposition_name(tr, *d), 4)));
    let row = |first: String, name: String, t: &Tally| {
        let mut row = vec![first, name, n(t.total)];
        row.extend(DISPOSITIONS.iter().map(|d| n(t.of(*d))));
        row
    };
    ListTable {
        columns,
        rows: sources
            .iter()
            .take(LISTED_SOURCES)
            .enumerate()
            .map(|(i, (o, t))| row((i + 1).to_string(), source_label(o), t))
            .collect(),
        total: Some(row(String::new(), tr.t("tracking-report-total-row"), tally)),
        more: if left > 0 {
            tr.t1("draft-report-more-sources", "count", tr.number(left as u64))
        } else {
            String::new()
        },
    }
}

/// A comment's row in the body: its number, where it points, its text
/// (with the proposed text and the meeting), its disposition.
fn comment_row(tr: Tr, c: &Comment, versions: &[Version]) -> Vec<String> {
    let on = versions.iter().find(|v| v.number == c.version).map(|v| &v.text);
    let anchor =
        format!("{}, {}", anchor_text(tr, &c.anchor, on), tr.t1("draft-report-on-version", "version", c.version));
    let mut text = cut(tr, &c.text, PRINTED_CHARS);
    if let Some(a) = &c.amendment {
        text.push('\n');
        text.push_str(&tr.t1("draft-report-proposed", "text", cut(tr, &amendment_text(a), PRINTED_CHARS)));
    }
    if let Some(m) = &c.source.meeting {
        text.push('\n');
        text.push_str(&format!("({m})"));
    }
    let mut decided = match &c.decided {
        None => tr.t("draft-report-undecided"),
        Some(d) => match &d.decision.explanation {
            Some(e) => format!("{}: {}", disposition_label(tr, d.decision.disposition), cut(tr, e, PRINTED_CHARS)),
            None => disposition_label(tr, d.decision.disposition),
        },
    };
    if let Some(v) = c.taken_in {
        decided.push('\n');
        decided.push_str(&tr.t1("draft-taken-in", "version", v));
    }
    vec![c.number.to_string(), anchor, text, decided]
}

/// The rows of the comments on `part` (from the source `key`, or any), at
/// most `most`, in their order.
fn rows_of(tr: Tr, f: &SynthesisFigures, part: &Part, key: Option<(bool, &str)>, most: usize) -> Vec<Vec<String>> {
    f.comments
        .iter()
        .zip(&f.facts)
        .filter(|(_, facts)| &facts.part == part && key.is_none_or(|k| facts.source.key() == k))
        .take(most)
        .map(|(c, _)| comment_row(tr, c, &f.versions))
        .collect()
}

/// "1 tiếp thu, 2 chưa xử lý": the dispositions a tally has.
fn counts(tr: Tr, t: &Tally) -> String {
    DISPOSITIONS
        .iter()
        .filter(|d| t.of(**d) > 0)
        .map(|d| format!("{} {}", tr.number(u64::from(t.of(*d))), disposition_name(tr, *d).to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as a Party document, in `tr`'s words, on `day`.
pub(crate) fn synthesis_report(tr: Tr, f: &SynthesisFigures, day: Date) -> PartyList {
    let synthesis = daihoi_drafts::group(&f.facts);
    let tally = synthesis.tally;
    let sources = daihoi_drafts::by_source(&f.facts);
    let mut sections = Vec::new();

    let mut general = asked(tr, &f.whose);
    general.push(tr.t_args(
        "draft-report-total",
        &[
            ("total", tr.number(u64::from(tally.total))),
            ("amendments", tr.number(u64::from(tally.amendments))),
            ("sources", tr.number(sources.len() as u64)),
        ],
    ));
    let mut n = 1;
    sections.push(ListSection {
        heading: tr.t1("draft-report-general", "n", roman(n)),
        paragraphs: general,
        table: Some(disposition_table(tr, &tally)),
    });
    if matches!(f.whose, Whose::Congress { .. }) && !sources.is_empty() {
        n += 1;
        sections.push(ListSection {
            heading: tr.t1("draft-report-by-source", "n", roman(n)),
            paragraphs: Vec::new(),
            table: Some(source_table(tr, &sources, &tally)),
        });
    }

    n += 1;
    let columns = || {
        vec![
            ListColumn::center(tr.t("draft-report-number"), 2),
            ListColumn::left(tr.t("draft-report-where"), 5),
            ListColumn::left(tr.t("draft-report-content"), 12),
            ListColumn::left(tr.t("draft-report-disposition"), 8),
        ]
    };
    let mut body = vec![ListSection {
        heading: tr.t1("draft-report-content-heading", "n", roman(n)),
        paragraphs: if f.comments.is_empty() { vec![tr.t("draft-no-comments")] } else { Vec::new() },
        table: None,
    }];
    let mut printed = 0usize;
    // One organization's report has one source: its comments by part only.
    let one_source = matches!(f.whose, Whose::Sender { .. });
    for document in &synthesis.documents {
        for part in &document.parts {
            if printed >= PRINTED_COMMENTS {
                break;
            }
            let part_heading = format!(
                "{}: {}",
                part_label(tr, &part.part),
                tr.t_count("draft-report-comments", u64::from(part.tally.total))
            );
            if one_source {
                let rows = rows_of(tr, f, &part.part, None, PRINTED_COMMENTS - printed);
                printed += rows.len();
                body.push(ListSection {
                    heading: format!("{part_heading} ({})", counts(tr, &part.tally)),
                    paragraphs: Vec::new(),
                    table: Some(ListTable { columns: columns(), rows, total: None, more: String::new() }),
                });
                continue;
            }
            body.push(ListSection { heading: part_heading, paragraphs: Vec::new(), table: None });
            for source in &part.sources {
                if printed >= PRINTED_COMMENTS {
                    break;
                }
                let rows = rows_of(tr, f, &part.part, Some(source.source.key()), PRINTED_COMMENTS - printed);
                printed += rows.len();
                body.push(ListSection {
                    heading: format!(
                        "- {}: {} ({})",
                        source_label(&source.source),
                        tr.t_count("draft-report-comments", u64::from(source.tally.total)),
                        counts(tr, &source.tally)
                    ),
                    paragraphs: Vec::new(),
                    table: Some(ListTable { columns: columns(), rows, total: None, more: String::new() }),
                });
            }
        }
    }
    let left = f.comments.len().saturating_sub(printed);
    if left > 0 {
        body.push(ListSection {
            heading: String::new(),
            paragraphs: vec![tr.t1("draft-report-more-comments", "count", tr.number(left as u64))],
            table: None,
        });
    }
    sections.extend(body);

    let (heading, signature, recipients) = party_frame(tr, &f.issuer, None, day);
    let document = &f.document;
    let latest = f.versions.last().map_or(0, |v| v.number);
    let (whose_line, recipients) = match &f.whose {
        Whose::Congress { .. } => (
            tr.t_args(
                "draft-report-of-congress",
                &[("kind", kind_label(tr, &document.kind)), ("version", latest.to_string())],
            ),
            Recipients {
                lines: [
                    "tracking-report-to-superior",
                    "draft-report-to-team",
                    "tracking-report-to-standing",
                    "tracking-report-to-archive",
                ]
                .iter()
                .map(|k| tr.t(k))
                .collect(),
                ..recipients
            },
        ),
        Whose::Sender { .. } => (
            tr.t_args(
                "draft-report-of-sender",
                &[("sender", f.issuer.name.clone()), ("owner", document.org_name.clone())],
            ),
            Recipients {
                lines: vec![
                    tr.t1("draft-report-to-owner", "committee", committee_named(&document.org_name)),
                    tr.t("tracking-report-to-archive"),
                ],
                ..recipients
            },
        ),
    };
    PartyList {
        heading,
        title: tr.t("draft-report-title"),
        subtitle: vec![
            tr.t_args(
                "draft-report-on-draft",
                &[("draft", draft_phrase(&document.title)), ("title", document.title.clone())],
            ),
            whose_line,
            tr.t1("task-list-on", "date", tr.date(day)),
        ],
        page_label: tr.t("tracking-report-page"),
        keywords: "daihoi comment synthesis".into(),
        sections,
        signature,
        recipients,
    }
}

/// The workbook's columns' widths, in the order of [`synthesis_workbook`]'s.
const WIDTHS: [f64; 12] = [7.0, 30.0, 22.0, 8.0, 32.0, 28.0, 14.0, 60.0, 50.0, 18.0, 40.0, 10.0];

/// The workbook for working: one row per comment, every one whole.
///
/// # Errors
///
/// A cell the workbook cannot hold (see [`daihoi_sheets::xlsx_bytes`]).
pub(crate) fn synthesis_workbook(
    tr: Tr,
    file: &str,
    f: &SynthesisFigures,
) -> Result<Vec<u8>, Box<daihoi_sheets::SheetError>> {
    let header: Vec<String> = [
        "draft-report-number",
        "draft-report-part",
        "draft-report-where",
        "draft-version",
        "draft-report-source",
        "draft-meeting",
        "draft-report-kind",
        "draft-comment-text",
        "draft-amendment",
        "draft-disposition",
        "draft-explanation",
        "draft-report-taken-in",
    ]
    .iter()
    .map(|k| tr.t(k))
    .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let text = |t: String| {
        if t.is_empty() {
            Cell::Empty
        } else if t.chars().count() > XLSX_CELL_CHARS {
            Cell::Text(t.chars().take(XLSX_CELL_CHARS).collect::<String>() + "…")
        } else {
            Cell::Text(t)
        }
    };
    let rows = f.comments.iter().zip(&f.facts).map(|(c, facts)| {
        let on = f.versions.iter().find(|v| v.number == c.version).map(|v| &v.text);
        vec![
            Cell::Int(i64::from(c.number)),
            text(part_label(tr, &facts.part)),
            text(anchor_text(tr, &c.anchor, on)),
            Cell::Int(i64::from(c.version)),
            text(source_label(&facts.source)),
            text(c.source.meeting.clone().unwrap_or_default()),
            text(tr.t(if c.amendment.is_some() { "draft-report-kind-amendment" } else { "draft-report-kind-comment" })),
            text(c.text.clone()),
            text(c.amendment.as_ref().map(amendment_text).unwrap_or_default()),
            text(disposition_name(tr, c.decided.as_ref().map(|d| d.decision.disposition))),
            text(c.decided.as_ref().and_then(|d| d.decision.explanation.clone()).unwrap_or_default()),
            c.taken_in.map_or(Cell::Empty, |v| Cell::Int(i64::from(v))),
        ]
    });
    let name = tr.t("draft-report-sheet");
    daihoi_sheets::xlsx_bytes(file, &SheetOut { name: &name, header: &header, column_widths: &WIDTHS }, rows)
        .map(|(bytes, _)| bytes)
        .map_err(Box::new)
}

/// The report's file in `format` (`pdf`, `docx` or `xlsx`), named for the
/// draft, the issuing organization and the day; `Ok(None)` for another
/// format.
pub(crate) async fn synthesis_file(tr: Tr, f: &SynthesisFigures, format: &str) -> Result<Option<ReportFile>, String> {
    let day = today();
    let stem = format!(
        "tong-hop-y-kien-{}-{}-{}",
        f.document.id,
        f.issuer.code.as_str().replace('.', "-"),
        daihoi_core::date::iso(day)
    );
    if format == "xlsx" {
        let file = format!("{stem}.xlsx");
        let bytes = synthesis_workbook(tr, &file, f).map_err(|e| e.to_string())?;
        return Ok(Some(ReportFile { bytes, media: XLSX_MEDIA, file_name: file }));
    }
    let Some(format) = ListFormat::parse(format) else { return Ok(None) };
    party_list_file(synthesis_report(tr, f, day), stem, format).await.map(Some)
}

/// The page's answer: the file, or 400 for a format not written.
async fn answer(tr: Tr, f: &SynthesisFigures, format: Option<&str>) -> Result<Response, WebError> {
    match synthesis_file(tr, f, format.unwrap_or("pdf")).await.map_err(WebError::Print)? {
        Some(file) => Ok(report_download(file)),
        None => Err(WebError::BadInput("tracking-report-bad-format")),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportParams {
    pub round: Option<String>,
    /// `pdf` (default), `docx` or `xlsx`.
    pub format: Option<String>,
}

/// `GET /orgs/{code}/congress/documents/{document}/report?round=&format=`:
/// the drafting team's synthesis of every comment on the draft, for the
/// congress's readers cleared for it (T-6).
pub async fn download(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Query(p): Query<ReportParams>,
) -> Result<Response, WebError> {
    let (round, congress) = congress_of(&caller, &code, p.round.as_deref()).await?;
    let document = super::pages::draft(&caller, &congress, id).await?;
    let figures = congress_figures(&caller.scoped(), &round, &congress, document).await?;
    answer(caller.tr, &figures, p.format.as_deref()).await
}

/// The figures of what `sender` sent up on draft `id` of the congress of
/// `code`: 404 when the draft was not sent there.
async fn sent_up(
    caller: &Caller,
    code: &str,
    id: i64,
    sender: &str,
    round: Option<&str>,
) -> Result<(Round, Congress, SynthesisFigures), WebError> {
    let sender = daihoi_core::OrgCode::parse(sender.trim()).map_err(|_| WebError::NotFound)?;
    let (round, congress) = congress_of(caller, code, round).await?;
    let document = super::pages::draft(caller, &congress, id).await?;
    let figures =
        sender_figures(&caller.scoped(), &round, &congress, document, &sender).await?.ok_or(WebError::NotFound)?;
    Ok((round, congress, figures))
}

/// `GET …/documents/{document}/syntheses/{sender}/report?round=&format=`:
/// what an organization below sent up, as its report.
pub async fn download_sent(
    caller: Caller,
    Path((code, id, sender)): Path<(String, i64, String)>,
    Query(p): Query<ReportParams>,
) -> Result<Response, WebError> {
    let (_, _, figures) = sent_up(&caller, &code, id, &sender, p.round.as_deref()).await?;
    answer(caller.tr, &figures, p.format.as_deref()).await
}

/// `GET /orgs/{code}/congress/received/{document}/report?format=`: the
/// organization's own synthesis of its comments on a draft sent to it, to
/// send up (its readers).
pub async fn download_own(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Query(p): Query<ReportParams>,
) -> Result<Response, WebError> {
    let node = org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    let (round, congress, document) =
        scoped.congress_documents().received_with_congress(&node, id, today()).await?.ok_or(WebError::NotFound)?;
    let figures = sender_figures(&scoped, &round, &congress, document, &node.code).await?.ok_or(WebError::NotFound)?;
    answer(caller.tr, &figures, p.format.as_deref()).await
}

/// A count by disposition on the page.
pub struct CountLine {
    pub label: String,
    pub count: String,
}

/// What an organization below sent up on a draft (read-only): where it
/// stands, the counts, its comments with their dispositions.
#[derive(Template, WebTemplate)]
#[template(path = "congress_document_synthesis.html")]
pub struct SentPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    id: i64,
    title: String,
    sender_code: String,
    sender_name: String,
    sent_on: String,
    deadline: String,
    state: String,
    awaiting: Option<&'static str>,
    counts: Vec<CountLine>,
    total: String,
    /// The link to its report, without the format.
    report: String,
    /// Each comment, and whether it was recorded after the synthesis was sent.
    comments: Vec<(CommentView, bool)>,
}

/// `GET /orgs/{code}/congress/documents/{document}/syntheses/{sender}?round=`.
pub async fn show_sent(
    caller: Caller,
    Path((code, id, sender)): Path<(String, i64, String)>,
    Query(p): Query<ReportParams>,
) -> Result<SentPage, WebError> {
    let tr = caller.tr;
    let (round, congress, f) = sent_up(&caller, &code, id, &sender, p.round.as_deref()).await?;
    let Whose::Sender { recipient, awaiting, after_sending } = &f.whose else { return Err(WebError::NotFound) };
    let tally = daihoi_drafts::group(&f.facts).tally;
    Ok(SentPage {
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        id: f.document.id,
        title: f.document.title.clone(),
        sender_code: f.issuer.code.to_string(),
        sender_name: f.issuer.name.clone(),
        sent_on: tr.date(recipient.sent_on),
        deadline: recipient.deadline.map_or_else(|| "-".to_owned(), |d| tr.date(d)),
        state: coverage_text(tr, &recipient.coverage),
        awaiting: *awaiting,
        counts: DISPOSITIONS
            .iter()
            .map(|d| CountLine { label: disposition_name(tr, *d), count: with_share(tr, tally.of(*d), tally.total) })
            .collect(),
        total: tr.number(u64::from(tally.total)),
        report: format!(
            "/orgs/{}/congress/documents/{}/syntheses/{}/report?round={}",
            congress.org.code, f.document.id, f.issuer.code, round.code
        ),
        comments: f
            .comments
            .iter()
            .map(|c| (comment_view(tr, c, &f.versions), after_sending.contains(&c.number)))
            .collect(),
        round,
    })
}

#[cfg(test)]
mod tests {
    use daihoi_core::{OrgCode, OrgKind, OrgPath};
    use daihoi_drafts::{Anchor, Block, Change, Decision, DocumentKind, DraftText, Limits};
    use daihoi_store::congress_documents::{Decided, OrgRef, Source, VersionSource};
    use daihoi_store::documents::Classification;
    use daihoi_store::elections::Stamp;
    use time::macros::date;

    use super::*;
    use crate::i18n::Lang;

    fn node(code: &str, name: &str, kind: OrgKind) -> OrgNode {
        OrgNode {
            id: 1,
            code: OrgCode::parse(code).unwrap(),
            name: name.into(),
            kind,
            path: OrgPath::root(1),
            parent_id: None,
            valid_from: date!(2020 - 01 - 01),
            valid_to: None,
        }
    }

    fn stamp() -> Stamp {
        Stamp { by: "vp.qn".into(), at: "2025-06-02T03:00:00Z".into() }
    }

    /// A draft of two sections and three paragraphs, and `n` comments
    /// spread over the whole document and each paragraph, from `sources`
    /// communes, one in three disposed of.
    fn figures(n: u32, sources: u32) -> SynthesisFigures {
        let blocks = vec![
            Block::Heading { level: 1, text: "I. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2020–2025".into() },
            Block::Paragraph {
                text: "Kinh tế tăng trưởng bình quân 10,2% mỗi năm, cao hơn mục tiêu đề ra.".into()
            },
            Block::Paragraph { text: "Công tác xây dựng Đảng được chú trọng.".into() },
            Block::Heading { level: 1, text: "II. PHƯƠNG HƯỚNG NHIỆM KỲ 2025–2030".into() },
            Block::Paragraph {
                text: "Phấn đấu đến năm 2030 Quảng Ninh là tỉnh dịch vụ, công nghiệp hiện đại.".into()
            },
        ];
        let text = DraftText::from_blocks(&blocks, 80, &Limits::default()).unwrap();
        let ids: Vec<_> = text.paragraphs().map(|(_, p)| p.id).collect();
        let version = Version {
            number: 1,
            text,
            source: VersionSource::Page,
            source_file: None,
            revision: None,
            taken_in: Vec::new(),
            created: stamp(),
        };
        let document = CongressDocument {
            id: 7,
            congress_id: 1,
            org_code: OrgCode::parse("QN").unwrap(),
            org_name: "Đảng bộ tỉnh Quảng Ninh".into(),
            kind: DocumentKind::PoliticalReport,
            title: "Dự thảo Báo cáo chính trị".into(),
            classification: Classification::Normal,
            line_length: 80,
            created: stamp(),
            issued_by: None,
            synthesis_up_on: None,
        };
        let comments: Vec<Comment> = (1..=n)
            .map(|i| {
                let s = i % sources;
                let anchor = match i % 4 {
                    0 => Anchor::Document,
                    k => Anchor::Paragraph { id: ids[(k - 1) as usize] },
                };
                let amendment = (i % 5 == 1 && !matches!(anchor, Anchor::Document)).then(|| Change::Paragraph {
                    id: ids[((i % 4).max(1) - 1) as usize],
                    text: format!("Đoạn sửa theo ý kiến số {i}."),
                });
                let decided = (i % 3 == 0).then(|| Decided {
                    decision: Decision {
                        disposition: Disposition::Explained,
                        explanation: Some("Đã có ở phần II.".into()),
                    },
                    stamp: stamp(),
                });
                Comment {
                    number: i,
                    version: 1,
                    anchor,
                    text: format!("Ý kiến số {i}: đề nghị làm rõ thêm nội dung này."),
                    amendment,
                    source: Source {
                        org: Some(OrgRef {
                            code: OrgCode::parse(&format!("QN.X{s:03}")).unwrap(),
                            name: format!("Đảng bộ xã Số {s}"),
                        }),
                        person: None,
                        meeting: Some(format!("Đại hội Đảng bộ xã Số {s}")),
                    },
                    decided,
                    taken_in: None,
                    recorded: stamp(),
                }
            })
            .collect();
        let versions = vec![version];
        let facts = comment_facts(&document, &versions, &comments);
        SynthesisFigures {
            document,
            versions,
            comments,
            facts,
            issuer: node("QN", "Đảng bộ tỉnh Quảng Ninh", OrgKind::Province),
            whose: Whose::Congress { coverage: DraftCoverage { recipients: Vec::new(), awaiting: Some("C-PLAN-6") } },
        }
    }

    // C-PLAN-7: the synthesis of a small fixture, as the Party document it prints.
    #[test]
    fn c_plan_7_the_report_of_a_small_synthesis() {
        let report = synthesis_report(Tr::new(Lang::Vi), &figures(6, 2), date!(2025 - 06 - 20));
        insta::assert_json_snapshot!("synthesis_report", report);
    }

    // Issue 17 §7: a 60-page draft with 500 comments from 150 communes prints whole.
    #[test]
    fn five_hundred_comments_print_whole() {
        let f = figures(500, 150);
        let report = synthesis_report(Tr::new(Lang::Vi), &f, date!(2025 - 06 - 20));
        let rows: usize = report.sections.iter().filter_map(|s| s.table.as_ref()).map(|t| t.rows.len()).sum();
        // Each comment once, the five dispositions, the 150 sources.
        assert_eq!(rows, 500 + 5 + 150);
        assert!(!report.sections.iter().flat_map(|s| &s.paragraphs).any(|p| p.contains("ý kiến khác")));
        let started = std::time::Instant::now();
        let pdf = daihoi_print::party_list_pdf(&report).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        eprintln!("500 comments: {} bytes in {:?}", pdf.len(), started.elapsed());
        let docx = daihoi_print::party_list_docx(&report).unwrap();
        assert!(docx.starts_with(b"PK"));
        let xlsx = synthesis_workbook(Tr::new(Lang::Vi), "t.xlsx", &f).unwrap();
        let book = daihoi_sheets::read_bytes("t.xlsx", daihoi_sheets::Format::Xlsx, &xlsx).unwrap();
        assert_eq!(book.sheets[0].rows.len(), 1 + 500, "the header and one row per comment");
    }

    #[test]
    fn beyond_the_bound_the_report_says_what_it_left_out() {
        let f = figures(PRINTED_COMMENTS as u32 + 3, 2);
        let report = synthesis_report(Tr::new(Lang::Vi), &f, date!(2025 - 06 - 20));
        let rows: usize = report.sections.iter().filter_map(|s| s.table.as_ref()).map(|t| t.rows.len()).sum();
        assert_eq!(rows, PRINTED_COMMENTS + 5 + 2);
        let last = report.sections.last().unwrap();
        assert_eq!(last.paragraphs, vec!["… và 3 ý kiến khác: xem tệp Excel.".to_owned()]);
        assert_eq!(cut(Tr::new(Lang::Vi), "abcdef", 4), "abcd… (còn 2 ký tự: xem tệp Excel)");
    }

    #[test]
    fn the_draft_is_named_as_the_object_of_the_title() {
        assert_eq!(draft_phrase("Dự thảo Báo cáo chính trị"), "dự thảo Báo cáo chính trị");
        assert_eq!(draft_phrase("Báo cáo chính trị"), "dự thảo Báo cáo chính trị");
        assert_eq!(draft_phrase("dự thảo Nghị quyết"), "dự thảo Nghị quyết");
    }
}
