//! The task file (bảng nhiệm vụ, T-7) of a subtree on the web: download its
//! tasks as Excel or CSV (what `daihoi task export` writes), upload a file,
//! see a preview with every refused row (row, column, why) and the counts of
//! new and changed tasks, confirm. Nothing is written before the
//! confirmation; the confirmed import is written whole or not at all, with
//! its audit entry (`Scoped::import_tasks_into`: rows outside the page's organization are refused).
//!
//! Between the preview and the confirmation the checked rows wait in memory
//! ([`PendingTaskFiles`], see `page/pending.rs`).

use std::collections::BTreeSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use daihoi_core::members::import::column_letter;
use daihoi_documents::Registry;
use daihoi_sheets::{Cell, Format, LegacyEncoding, SheetOut};
use daihoi_store::orgs::OrgNode;
use daihoi_store::tasks::import::sheet::{
    Column, MAX_EXTERNAL_ID, ParsedSheet, Problem, TaskRow, TaskSheetError, first_task_sheet,
};
use daihoi_store::tasks::import::{Classified, TaskImportReport, TaskRefusal};
use serde::Deserialize;
use time::Date;

use crate::WebError;
use crate::access::{AppState, Caller};
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::Path;
use crate::page::pending::{PendingFile, PendingFiles};
use crate::page::uploads::{self, FieldRefusal};
use crate::page::{Nav, today};

/// The largest task file accepted.
pub const MAX_UPLOAD_BYTES: usize = 20 << 20;
/// Checked task files waiting for their confirmation.
pub type PendingTaskFiles = PendingFiles<TaskRow>;

/// A refused cell or row as the preview (and the API) shows it.
#[derive(Debug)]
pub struct ProblemLine {
    pub row: usize,
    /// "C (Số văn bản)".
    pub column: String,
    pub value: String,
    pub message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "task_file.html")]
pub struct TaskFilePage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    file: String,
    file_problem: Option<String>,
    /// A note shown with the preview (text converted from a legacy encoding).
    notice: Option<String>,
    /// The first [`uploads::MAX_LISTED_PROBLEMS`] refused rows.
    problems: Vec<ProblemLine>,
    /// "… and 1,234 more" when not all problems are listed.
    problems_more: Option<String>,
    rows: usize,
    /// Set when every row passed: the id to confirm.
    pending: Option<String>,
    preview: Option<TaskImportReport>,
    done: Option<TaskImportReport>,
    max_mb: usize,
}

impl TaskFilePage {
    fn new(caller: &Caller, node: &OrgNode) -> TaskFilePage {
        TaskFilePage {
            tr: caller.tr,
            nav: caller.nav(),
            org: node.into(),
            file: String::new(),
            file_problem: None,
            notice: None,
            problems: Vec::new(),
            problems_more: None,
            rows: 0,
            pending: None,
            preview: None,
            done: None,
            max_mb: MAX_UPLOAD_BYTES >> 20,
        }
    }

    /// Lists the first problems of `total`.
    fn set_problems(&mut self, lines: impl Iterator<Item = ProblemLine>, total: usize) {
        self.problems = lines.take(uploads::MAX_LISTED_PROBLEMS).collect();
        self.problems_more = uploads::problems_more(self.tr, self.problems.len(), total);
    }

    fn answer(self, status: StatusCode) -> Response {
        (status, self).into_response()
    }
}

/// `GET /orgs/{code}/tracking/tasks-file`: the download links and the upload form.
pub async fn page(caller: Caller, Path(code): Path<String>) -> Result<TaskFilePage, WebError> {
    let node = crate::page::writable_org_today(&caller, &code).await?;
    Ok(TaskFilePage::new(&caller, &node))
}

#[derive(Debug, Default, Deserialize)]
pub struct DownloadParams {
    pub format: Option<String>,
}

/// A date as a cell: a date, or before 1900 (which a workbook cannot
/// hold, and which the register accepts) the text `dd/mm/yyyy` that an
/// import reads back the same.
fn date_cell(d: Date) -> Cell {
    if d.year() < 1900 {
        return Cell::Text(format!("{:02}/{:02}/{:04}", d.day(), u8::from(d.month()), d.year()));
    }
    Cell::Date { year: d.year(), month: u8::from(d.month()), day: d.day() }
}

/// One task as cells, in [`Column::ALL`] order: dates as dates, the rest
/// as text (as `daihoi task export` writes them).
fn cells(r: &TaskRow) -> Vec<Cell> {
    Column::ALL
        .iter()
        .map(|c| match c {
            Column::DocumentDate => date_cell(r.document_date),
            Column::Deadline => r.deadline.map_or(Cell::Empty, date_cell),
            c => match r.text(*c) {
                t if t.is_empty() => Cell::Empty,
                t => Cell::Text(t),
            },
        })
        .collect()
}

/// The columns' widths in the workbook, in [`Column::ALL`] order.
const WIDTHS: [f64; 10] = [16.0, 14.0, 13.0, 14.0, 48.0, 18.0, 16.0, 9.0, 14.0, 9.0];

/// The task file (T-7) as `daihoi task export` and the download write it:
/// the bytes of an xlsx workbook (one sheet, dates as dates, the columns
/// widened) or of a CSV file Excel opens as it should.
///
/// # Errors
///
/// A cell the format cannot hold (see [`daihoi_sheets::write_xlsx`]);
/// `file` names the file in the message.
pub fn task_file_bytes(file: &str, rows: &[TaskRow], xlsx: bool) -> Result<Vec<u8>, Box<daihoi_sheets::SheetError>> {
    let header: Vec<&str> = Column::ALL.iter().map(|c| c.header()).collect();
    let (bytes, _) = if xlsx {
        daihoi_sheets::xlsx_bytes(
            file,
            &SheetOut { name: "Nhiệm vụ", header: &header, column_widths: &WIDTHS },
            rows.iter().map(cells),
        )?
    } else {
        daihoi_sheets::csv_bytes(file, &header, rows.iter().map(cells))?
    };
    Ok(bytes)
}

/// `GET /orgs/{code}/tracking/tasks-file/download?format=xlsx|csv`: the
/// subtree's tasks as `daihoi task export` writes them.
pub async fn download(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<DownloadParams>,
) -> Result<Response, WebError> {
    let node = crate::page::writable_org_today(&caller, &code).await?;
    let xlsx = match p.format.as_deref() {
        None | Some("xlsx") => true,
        Some("csv") => false,
        Some(_) => return Err(WebError::NotFound),
    };
    let rows = caller.scoped().tasks().export_tasks(&node, today()).await?;
    task_file_download(&node, &rows, xlsx).map_err(|e| WebError::Print(e.to_string()))
}

/// The subtree's task file as a download (the page's and the API's): its
/// name says the organization and the day.
pub(crate) fn task_file_download(
    node: &OrgNode,
    rows: &[TaskRow],
    xlsx: bool,
) -> Result<Response, Box<daihoi_sheets::SheetError>> {
    let (media, ext) = if xlsx {
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
    } else {
        ("text/csv; charset=utf-8", "csv")
    };
    let file = format!("nhiem-vu-{}-{}.{ext}", node.code.as_str().replace('.', "-"), daihoi_core::date::iso(today()));
    let bytes = task_file_bytes(&file, rows, xlsx)?;
    Ok((
        [(header::CONTENT_TYPE, media.to_owned()), (header::CONTENT_DISPOSITION, crate::download::attachment(&file))],
        bytes,
    )
        .into_response())
}

pub(crate) fn encoding_name(e: LegacyEncoding) -> &'static str {
    match e {
        LegacyEncoding::Tcvn3 => "TCVN3 (ABC)",
        LegacyEncoding::Vni => "VNI",
    }
}

/// "C (Số văn bản)", or the column's header alone when the file lacks it.
fn column_label(tr: Tr, index: Option<usize>, column: Column) -> String {
    match index {
        Some(i) => format!("{} ({})", column_letter(i), column.header()),
        None => format!("{} ({})", column.header(), tr.t("task-file-not-in-file")),
    }
}

/// A cell's problem in the user's language.
fn problem_text(tr: Tr, p: &Problem) -> String {
    let detail = |d: &dyn std::fmt::Display| vec![("detail", d.to_string())];
    let (key, vars) = match p {
        Problem::Missing => ("task-file-problem-missing", vec![]),
        Problem::ExternalId => ("task-file-problem-external-id", vec![("max", MAX_EXTERNAL_ID.to_string())]),
        Problem::DocumentNumber(e) => ("task-file-problem-document-number", detail(e)),
        Problem::Date => ("task-file-problem-date", vec![]),
        Problem::OrgCode(e) => ("task-file-problem-org-code", detail(e)),
        Problem::Weight => ("task-file-problem-weight", vec![]),
        Problem::Classification => ("task-file-problem-classification", vec![]),
        Problem::TopSecret => ("task-file-problem-top-secret", vec![]),
        Problem::OwnParent => ("task-file-problem-own-parent", vec![]),
    };
    tr.t_args(key, &vars)
}

/// A refusal of the store in the user's language.
fn refusal_text(tr: Tr, r: &TaskRefusal) -> String {
    let s = |x: &dyn std::fmt::Display| x.to_string();
    let (key, vars) = match r {
        TaskRefusal::DuplicateExternalId { id, first_line } => {
            ("task-file-refusal-duplicate", vec![("id", id.clone()), ("line", s(first_line))])
        }
        TaskRefusal::UnknownDocument { number, date } => {
            ("task-file-refusal-unknown-document", vec![("number", number.clone()), ("date", date.clone())])
        }
        TaskRefusal::UnknownOrganization(code) => ("task-file-refusal-unknown-org", vec![("org", s(code))]),
        TaskRefusal::OrgNotOnDate { code, date } => {
            ("task-file-refusal-org-not-on-date", vec![("org", s(code)), ("date", date.clone())])
        }
        TaskRefusal::UnknownParent(id) => ("task-file-refusal-unknown-parent", vec![("id", id.clone())]),
        TaskRefusal::ParentCycle(ids) => ("task-file-refusal-cycle", vec![("ids", ids.join(" → "))]),
        TaskRefusal::OutsideParentSubtree { org, parent, parent_org, date } => (
            "task-file-refusal-outside-parent",
            vec![
                ("org", s(org)),
                ("parent", parent.clone()),
                ("parent_org", parent_org.clone()),
                ("date", date.clone()),
            ],
        ),
        TaskRefusal::DocumentChanged { stored } => {
            ("task-file-refusal-document-changed", vec![("stored", stored.clone())])
        }
        TaskRefusal::ParentChanged { stored } => ("task-file-refusal-parent-changed", vec![("stored", stored.clone())]),
        TaskRefusal::AssigneeLocked { from, events, subtasks } => (
            "task-file-refusal-assignee-locked",
            vec![("org", s(from)), ("events", s(events)), ("subtasks", s(subtasks))],
        ),
        TaskRefusal::OutsideYourSubtree(code) => ("task-file-refusal-outside-yours", vec![("org", s(code))]),
        TaskRefusal::OutsideThisSubtree { org, root } => {
            ("task-file-refusal-outside-this", vec![("org", s(org)), ("root", s(root))])
        }
        TaskRefusal::TaskOutsideYourSubtree(code) => ("task-file-refusal-task-outside-yours", vec![("org", s(code))]),
        TaskRefusal::DeadlineAfterParent { deadline, parent, parent_deadline } => (
            "task-file-refusal-deadline-after-parent",
            vec![
                ("deadline", deadline.clone()),
                ("parent", parent.clone()),
                ("parent_deadline", parent_deadline.clone()),
            ],
        ),
        TaskRefusal::SubtasksAfterDeadline { deadline, count, first } => (
            "task-file-refusal-subtasks-after",
            vec![("deadline", deadline.clone()), ("count", s(count)), ("first", first.clone())],
        ),
        TaskRefusal::AboveClearance { what, level } => {
            let what = match what {
                Classified::Document(number) => tr.t1("task-file-clearance-document", "number", number),
                Classified::Task => tr.t("task-file-clearance-task"),
                Classified::StoredTask => tr.t("task-file-clearance-stored"),
                Classified::Parent(id) => tr.t1("task-file-clearance-parent", "id", id),
            };
            let level = tr.t(super::create::classification_key(*level));
            ("task-file-refusal-clearance", vec![("what", format!("{what} ({level})"))])
        }
    };
    tr.t_args(key, &vars)
}

/// A task file read and its rows checked on a blocking thread, a few
/// uploads at a time (the page and the API): whether its text was converted
/// from a legacy encoding, and its rows or why its sheet cannot be read.
pub(crate) async fn read_task_file(
    app: &AppState,
    file: &str,
    format: Format,
    bytes: axum::body::Bytes,
) -> Result<(Option<LegacyEncoding>, Result<ParsedSheet, TaskSheetError>), Box<daihoi_sheets::SheetError>> {
    app.uploads
        .read(file.to_owned(), format, bytes, |mut wb| {
            let legacy = uploads::convert_legacy(&mut wb);
            let registry = Registry::default_party();
            (legacy, first_task_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice())), &registry))
        })
        .await
}

/// A cell the sheet refused, as the preview and the API list it.
pub(crate) fn cell_line(tr: Tr, p: &daihoi_store::tasks::import::sheet::CellProblem) -> ProblemLine {
    ProblemLine {
        row: p.row,
        column: column_label(tr, Some(p.index), p.column),
        value: p.value.clone(),
        message: problem_text(tr, &p.problem),
    }
}

/// A row the store refused, its column placed in the file read.
pub(crate) fn refused_line(
    tr: Tr,
    parsed: &ParsedSheet,
    p: &daihoi_store::tasks::import::TaskRowProblem,
) -> ProblemLine {
    ProblemLine {
        row: p.line,
        column: column_label(tr, parsed.header.position(p.column), p.column),
        value: p.value.clone(),
        message: refusal_text(tr, &p.refusal),
    }
}

/// `POST /orgs/{code}/tracking/tasks-file?csrf=…` (multipart, field
/// `file`): checks the whole file against the register, the tree and the
/// stored tasks without writing (a dry run), and shows the preview.
pub async fn upload(
    State(app): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let node = crate::page::writable_org_today(&caller, &code).await?;
    let tr = caller.tr;
    let mut page = TaskFilePage::new(&caller, &node);
    let upload = match uploads::file_field(&mut multipart, "file").await {
        Ok(upload) => upload,
        Err(FieldRefusal::TooLarge) => {
            page.file_problem = Some(uploads::too_large_text(tr, MAX_UPLOAD_BYTES));
            return Ok(page.answer(StatusCode::PAYLOAD_TOO_LARGE));
        }
        Err(FieldRefusal::Broken) => return Err(WebError::BadInput("import-bad-upload")),
    };
    let Some((file, bytes)) = upload else {
        page.file_problem = Some(tr.t("task-file-no-file"));
        return Ok(page.answer(StatusCode::BAD_REQUEST));
    };
    page.file = file.clone();
    let Some(format) = Format::from_path(std::path::Path::new(&file)) else {
        page.file_problem = Some(tr.t1("task-file-bad-format", "file", &file));
        return Ok(page.answer(StatusCode::BAD_REQUEST));
    };
    let (legacy, parsed) = match read_task_file(&app, &file, format, bytes).await {
        Ok(read) => read,
        Err(e) => {
            page.file_problem = Some(uploads::sheet_error_text(tr, &e));
            return Ok(page.answer(StatusCode::BAD_REQUEST));
        }
    };
    if let Some(encoding) = legacy {
        page.notice = Some(tr.t1("task-file-converted", "encoding", encoding_name(encoding)));
    }
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            page.file_problem = Some(match e {
                TaskSheetError::NoSheet => format!("{file}: {e}"),
                TaskSheetError::Header { .. } => format!("{file}, {e}"),
            });
            return Ok(page.answer(StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let bad_rows: BTreeSet<usize> = parsed.problems.iter().map(|p| p.row).collect();
    page.rows = parsed.rows.len() + bad_rows.len();
    if !parsed.problems.is_empty() {
        page.set_problems(parsed.problems.iter().map(|p| cell_line(tr, p)), parsed.problems.len());
        return Ok(page.answer(StatusCode::UNPROCESSABLE_ENTITY));
    }
    let scoped = caller.scoped();
    let report = scoped.tasks().import_tasks_into(&node, &parsed.rows, today(), &caller.address, &file, true).await?;
    if !report.problems.is_empty() {
        page.set_problems(report.problems.iter().map(|p| refused_line(tr, &parsed, p)), report.problems.len());
        page.preview = Some(report);
        return Ok(page.answer(StatusCode::UNPROCESSABLE_ENTITY));
    }
    page.preview = Some(report);
    page.pending =
        Some(app.pending_task_files.put(PendingFile::new(caller.user().id, node.code.clone(), file, parsed.rows))?);
    Ok(page.answer(StatusCode::OK))
}

/// `POST /orgs/{code}/tracking/tasks-file/{id}`: imports the previewed rows.
pub async fn confirm(
    State(app): State<AppState>,
    caller: Caller,
    Path((code, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let node = crate::page::writable_org_today(&caller, &code).await?;
    let tr = caller.tr;
    let mut page = TaskFilePage::new(&caller, &node);
    let Some(p) = app.pending_task_files.take(&id, caller.user().id, &node.code) else {
        page.file_problem = Some(tr.t("task-file-expired"));
        return Ok(page.answer(StatusCode::GONE));
    };
    page.file = p.file.clone();
    page.rows = p.rows.len();
    let report =
        caller.scoped().tasks().import_tasks_into(&node, &p.rows, today(), &caller.address, &p.file, false).await?;
    if report.problems.is_empty() {
        page.done = Some(report);
        return Ok(page.answer(StatusCode::OK));
    }
    // The data changed since the preview: show why, nothing was written.
    page.set_problems(
        report.problems.iter().map(|x| ProblemLine {
            row: x.line,
            column: x.column.header().to_owned(),
            value: x.value.clone(),
            message: refusal_text(tr, &x.refusal),
        }),
        report.problems.len(),
    );
    Ok(page.answer(StatusCode::CONFLICT))
}
