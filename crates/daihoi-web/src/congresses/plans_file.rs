//! The plan file of a campaign (kế hoạch đại hội, one row per organization;
//! C-PLAN-1…5): downloaded with every organization of the subtree and the
//! plans entered so far, filled in Excel, imported back whole or not at
//! all. The page (`/orgs/{code}/congresses/plans-file`) and the API
//! (`api::plans`) share the reading, the checks and the words here.

use std::collections::BTreeSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use daihoi_congress::sheet::{
    CellProblem, Column, MAX_TEXT, ParsedSheet, PlanSheetError, Problem, contents_text, days_text, first_plan_sheet,
    kind_text, level_text,
};
use daihoi_core::members::import::column_letter;
use daihoi_sheets::{Cell, Format, LegacyEncoding, SheetOut};
use daihoi_store::congresses::Round;
use daihoi_store::congresses::import::{PlanImportReport, PlanRowProblem, PlanRowRefusal};
use daihoi_store::orgs::OrgNode;
use daihoi_store::{Scoped, StoreResult};
use serde::Deserialize;

use crate::WebError;
use crate::access::{AppState, Caller};
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::uploads::{self, FieldRefusal};
use crate::page::{Nav, Path, today};
use crate::tasks::file::{ProblemLine, encoding_name};

/// The largest plan file read (a province's 6,000 organizations take
/// well under 1 MiB).
pub const MAX_UPLOAD_BYTES: usize = 20 << 20;

/// What reading and importing a plan file gave (the page's and the API's).
#[derive(Debug, Default)]
pub(crate) struct PlanFileOutcome {
    pub file_problem: Option<String>,
    pub converted_from: Option<LegacyEncoding>,
    /// The rows read, header, blank and skipped rows left out.
    pub rows: usize,
    /// Rows that name only their organization.
    pub skipped: usize,
    /// The first [`uploads::MAX_LISTED_PROBLEMS`] problems.
    pub problems: Vec<ProblemLine>,
    pub problems_total: usize,
    pub report: Option<PlanImportReport>,
    pub written: bool,
}

impl PlanFileOutcome {
    pub(crate) fn status(&self) -> StatusCode {
        if self.file_problem.is_some() || self.problems_total > 0 {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        }
    }
}

fn column_label(index: Option<usize>, column: Column) -> String {
    match index {
        Some(i) => format!("{} ({})", column_letter(i), column.header()),
        None => column.header().to_owned(),
    }
}

/// A cell's problem in the reader's language, with its rule where it has one.
fn problem_text(tr: Tr, p: &Problem) -> String {
    let (key, vars): (&str, Vec<(&str, String)>) = match p {
        Problem::Missing => ("plan-file-problem-missing", vec![]),
        Problem::OrgCode(e) => ("plan-file-problem-org-code", vec![("detail", e.to_string())]),
        Problem::Level => ("plan-file-problem-level", vec![]),
        Problem::Kind => ("plan-file-problem-kind", vec![]),
        Problem::Contents => ("plan-file-problem-contents", vec![]),
        Problem::Model => ("plan-file-problem-model", vec![]),
        Problem::Date => ("plan-file-problem-date", vec![]),
        Problem::Days => ("plan-file-problem-days", vec![]),
        Problem::Half => ("plan-file-problem-half", vec![]),
        Problem::ApprovalIncomplete => ("plan-file-problem-approval", vec![]),
        Problem::Text => ("plan-file-problem-text", vec![("max", MAX_TEXT.to_string())]),
        Problem::Twice(first) => ("plan-file-problem-twice", vec![("first", first.to_string())]),
    };
    tr.t_args(key, &vars)
}

fn cell_line(tr: Tr, p: &CellProblem) -> ProblemLine {
    ProblemLine {
        row: p.row,
        column: column_label(Some(p.index), p.column),
        value: p.value.clone(),
        message: problem_text(tr, &p.problem),
    }
}

fn refused_line(tr: Tr, parsed: &ParsedSheet, p: &PlanRowProblem) -> ProblemLine {
    let message = match &p.refusal {
        PlanRowRefusal::NotInSubtree { root } => tr.t1("plan-file-refusal-not-in-subtree", "root", root.as_str()),
        PlanRowRefusal::LevelNeeded => tr.t("plan-file-refusal-level-needed"),
        PlanRowRefusal::Forbidden => tr.t("plan-file-refusal-forbidden"),
        PlanRowRefusal::Refused(e) => {
            tr.t_args("plan-file-refusal-rule", &[("rule", e.rule().unwrap_or("C-PLAN-5").to_owned())])
        }
    };
    ProblemLine {
        row: p.line,
        column: column_label(parsed.header.position(p.column), p.column),
        value: p.value.clone(),
        message,
    }
}

/// Reads a plan file on a blocking thread (a few uploads at a time),
/// checks its cells, then its rows against the tree and the viewer's
/// rights; writes it whole unless `dry_run` or a row is refused.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn import_plan_file(
    app: &AppState,
    scoped: &Scoped<'_>,
    tr: Tr,
    round: &Round,
    node: &OrgNode,
    file: &str,
    format: Format,
    bytes: axum::body::Bytes,
    address: &str,
    dry_run: bool,
) -> StoreResult<PlanFileOutcome> {
    let mut outcome = PlanFileOutcome::default();
    let read = app
        .uploads
        .read(file.to_owned(), format, bytes, |mut wb| {
            let legacy = uploads::convert_legacy(&mut wb);
            (legacy, first_plan_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice()))))
        })
        .await;
    let (legacy, parsed) = match read {
        Ok(read) => read,
        Err(e) => {
            outcome.file_problem = Some(uploads::sheet_error_text(tr, &e));
            return Ok(outcome);
        }
    };
    outcome.converted_from = legacy;
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            outcome.file_problem = Some(match e {
                PlanSheetError::NoSheet => tr.t1("plan-file-no-sheet", "file", file),
                PlanSheetError::Header { .. } => format!("{file}, {e}"),
            });
            return Ok(outcome);
        }
    };
    let bad_rows: BTreeSet<usize> = parsed.problems.iter().map(|p| p.row).collect();
    outcome.rows = parsed.rows.len() + bad_rows.len();
    outcome.skipped = parsed.skipped;
    if !parsed.problems.is_empty() {
        outcome.problems_total = parsed.problems.len();
        outcome.problems =
            parsed.problems.iter().take(uploads::MAX_LISTED_PROBLEMS).map(|p| cell_line(tr, p)).collect();
        return Ok(outcome);
    }
    match scoped.congresses().import_plan_rows(round, node, &parsed.rows, today(), address, dry_run).await? {
        Ok(report) => {
            outcome.written = !dry_run;
            outcome.report = Some(report);
        }
        Err(problems) => {
            outcome.problems_total = problems.len();
            outcome.problems =
                problems.iter().take(uploads::MAX_LISTED_PROBLEMS).map(|p| refused_line(tr, &parsed, p)).collect();
        }
    }
    Ok(outcome)
}

/// The columns' widths in the workbook, in [`Column::ALL`] order, then the
/// organization's name (a column the import ignores).
const WIDTHS: [f64; 13] = [16.0, 18.0, 18.0, 11.0, 8.0, 14.0, 9.0, 14.0, 9.0, 22.0, 14.0, 18.0, 40.0];

/// The name column the export adds (ignored on import).
const NAME_HEADER: &str = "Tên tổ chức (không nhập)";

/// The plan file of `node`'s subtree in `round`: one row per organization
/// the viewer reads, its plan where one is entered; as xlsx or CSV.
pub(crate) async fn plan_file_bytes(
    scoped: &Scoped<'_>,
    round: &Round,
    node: &OrgNode,
    xlsx: bool,
) -> StoreResult<Result<(String, Vec<u8>), Box<daihoi_sheets::SheetError>>> {
    let date = today();
    let orgs = scoped.orgs().subtree(node, date).await?;
    let lines = scoped.congresses().campaign(round, node, date).await?;
    let plans: std::collections::HashMap<i64, &daihoi_congress::CongressPlan> =
        lines.iter().map(|l| (l.congress.org.id, &l.congress.plan)).collect();
    let text = |t: &str| if t.is_empty() { Cell::Empty } else { Cell::Text(t.to_owned()) };
    let date_cell = |d: time::Date| Cell::Date { year: d.year(), month: u8::from(d.month()), day: d.day() };
    let rows = orgs.iter().map(|o| {
        let mut cells = vec![Cell::Text(o.code.to_string())];
        match plans.get(&o.id) {
            Some(p) => {
                let approval = p.gates.iter().find(|g| g.gate == daihoi_congress::Gate::PlanApproved);
                cells.extend([
                    text(level_text(p.level)),
                    text(kind_text(p.kind)),
                    text(contents_text(p.contents)),
                    text(if p.model { "x" } else { "" }),
                    date_cell(p.planned.opening),
                    Cell::Text(days_text(p.planned.length)),
                    p.actual.map_or(Cell::Empty, |a| date_cell(a.opening)),
                    p.actual.map_or(Cell::Empty, |a| Cell::Text(days_text(a.length))),
                    approval.map_or(Cell::Empty, |a| text(&a.approved_by)),
                    approval.map_or(Cell::Empty, |a| date_cell(a.on)),
                    approval.map_or(Cell::Empty, |a| text(&a.reference)),
                ]);
            }
            None => cells.extend(std::iter::repeat_n(Cell::Empty, Column::ALL.len() - 1)),
        }
        cells.push(Cell::Text(o.name.clone()));
        cells
    });
    let mut header: Vec<&str> = Column::ALL.iter().map(|c| c.header()).collect();
    header.push(NAME_HEADER);
    let ext = if xlsx { "xlsx" } else { "csv" };
    let file = format!(
        "ke-hoach-dai-hoi-{}-{}-{}.{ext}",
        round.code,
        node.code.as_str().replace('.', "-"),
        daihoi_core::date::iso(date)
    );
    let written = if xlsx {
        daihoi_sheets::xlsx_bytes(
            &file,
            &SheetOut { name: "Kế hoạch đại hội", header: &header, column_widths: &WIDTHS },
            rows,
        )
    } else {
        daihoi_sheets::csv_bytes(&file, &header, rows)
    };
    Ok(written.map(|(bytes, _)| (file, bytes)).map_err(Box::new))
}

/// The download of a plan file.
pub(crate) fn plan_file_response(file: &str, bytes: Vec<u8>) -> Response {
    let media = if file.ends_with(".csv") {
        "text/csv; charset=utf-8"
    } else {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    };
    (
        [
            (header::CONTENT_TYPE, media.to_owned()),
            (header::CONTENT_DISPOSITION, crate::download::attachment(file)),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "congress_plans_file.html")]
pub struct PlansFilePage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: String,
    round_title: String,
    file: String,
    outcome: PlanFileOutcome,
    notice: Option<String>,
    problems_more: Option<String>,
    max_mb: usize,
}

impl PlansFilePage {
    fn new(caller: &Caller, node: &OrgNode, round: &Round) -> PlansFilePage {
        PlansFilePage {
            tr: caller.tr,
            nav: caller.nav(),
            org: node.into(),
            round: round.code.clone(),
            round_title: round.title.clone(),
            file: String::new(),
            outcome: PlanFileOutcome::default(),
            notice: None,
            problems_more: None,
            max_mb: MAX_UPLOAD_BYTES >> 20,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct PlansFileParams {
    pub round: Option<String>,
    /// `xlsx` (default) or `csv`.
    pub format: Option<String>,
}

async fn page_parts(caller: &Caller, code: &str, round: Option<&str>) -> Result<(OrgNode, Round), WebError> {
    let node = crate::page::org_today(caller, code).await?;
    let scoped = caller.scoped();
    if !scoped.congresses().may_plan(&node) {
        return Err(WebError::Forbidden);
    }
    let round = super::view::round_named(&scoped, round).await?.ok_or(WebError::NotFound)?;
    Ok((node, round))
}

/// `GET /orgs/{code}/congresses/plans-file?round=`: the download and the
/// upload form, for those who plan the organization's congress.
pub async fn page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<PlansFileParams>,
) -> Result<PlansFilePage, WebError> {
    let (node, round) = page_parts(&caller, &code, p.round.as_deref()).await?;
    Ok(PlansFilePage::new(&caller, &node, &round))
}

/// `GET /orgs/{code}/congresses/plans-file/download?round=&format=`.
pub async fn download(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<PlansFileParams>,
) -> Result<Response, WebError> {
    let (node, round) = page_parts(&caller, &code, p.round.as_deref()).await?;
    let xlsx = match p.format.as_deref() {
        None | Some("xlsx") => true,
        Some("csv") => false,
        Some(_) => return Err(WebError::NotFound),
    };
    let (file, bytes) =
        plan_file_bytes(&caller.scoped(), &round, &node, xlsx).await?.map_err(|e| WebError::Print(e.to_string()))?;
    Ok(plan_file_response(&file, bytes))
}

/// `POST /orgs/{code}/congresses/plans-file?round=` (multipart, field
/// `file`): imports the file whole, or names every refused row and writes
/// nothing.
pub async fn upload(
    State(app): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<PlansFileParams>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let (node, round) = page_parts(&caller, &code, p.round.as_deref()).await?;
    let tr = caller.tr;
    let mut page = PlansFilePage::new(&caller, &node, &round);
    let upload = match uploads::file_field(&mut multipart, "file").await {
        Ok(upload) => upload,
        Err(FieldRefusal::TooLarge) => {
            page.outcome.file_problem = Some(uploads::too_large_text(tr, MAX_UPLOAD_BYTES));
            return Ok((StatusCode::PAYLOAD_TOO_LARGE, page).into_response());
        }
        Err(FieldRefusal::Broken) => return Err(WebError::BadInput("import-bad-upload")),
    };
    let Some((file, bytes)) = upload else {
        page.outcome.file_problem = Some(tr.t("plan-file-no-file"));
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    page.file = file.clone();
    let Some(format) = Format::from_path(std::path::Path::new(&file)) else {
        page.outcome.file_problem = Some(tr.t1("plan-file-bad-format", "file", &file));
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    let scoped = caller.scoped();
    page.outcome =
        import_plan_file(&app, &scoped, tr, &round, &node, &file, format, bytes, &caller.address, false).await?;
    if let Some(encoding) = page.outcome.converted_from {
        page.notice = Some(tr.t1("plan-file-converted", "encoding", encoding_name(encoding)));
    }
    page.problems_more = uploads::problems_more(tr, page.outcome.problems.len(), page.outcome.problems_total);
    let status = page.outcome.status();
    Ok((status, page).into_response())
}
