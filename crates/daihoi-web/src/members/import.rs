//! Member import through the browser: upload a file, see a preview with
//! every refused row (file, sheet, row, column, why), confirm. Nothing is
//! written before the confirmation, and the confirmed import is written
//! whole or not at all, with its audit entry.
//!
//! Between the preview and the confirmation the checked rows wait in memory
//! ([`PendingImports`], see `page/pending.rs`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use daihoi_core::members::ConditionKind;
use daihoi_core::members::import::{
    CellProblem, Column, HeaderError, HeaderMap, MemberSheetError, ParsedSheet, Problem, column_letter,
    first_member_sheet,
};
use daihoi_sheets::{Format, Workbook};
use daihoi_store::members::{ImportError, ImportReport, ImportRow, RowProblem, RowRefusal};

use axum::http::StatusCode;

use crate::WebError;
use crate::access::{AppState, Caller};
use crate::i18n::{Lang, Tr, condition_key};
use crate::orgs::pages::OrgLine;
use crate::page::Path;
use crate::page::pending::{PendingFile, PendingFiles};
use crate::page::uploads::{self, FieldRefusal};
use crate::page::{Nav, today};

/// The largest upload accepted (a province's 200,000 members fit in 30 MB).
pub const MAX_UPLOAD_BYTES: usize = 40 << 20;

/// Checked member files waiting for their confirmation.
pub type PendingImports = PendingFiles<ImportRow>;

/// A problem as the preview shows it.
pub struct ProblemLine {
    pub sheet: String,
    pub row: usize,
    /// "C (Ngày sinh)", or empty when the problem is the whole row.
    pub column: String,
    pub value: String,
    pub message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "import.html")]
pub struct ImportPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    file: String,
    /// A Fluent key for a problem with the whole file.
    file_problem: Option<String>,
    /// The first [`uploads::MAX_LISTED_PROBLEMS`] refused rows.
    problems: Vec<ProblemLine>,
    /// "… and 1,234 more" when not all problems are listed.
    problems_more: Option<String>,
    /// Something the reader should check before confirming (a conversion
    /// from a legacy encoding).
    notice: Option<String>,
    rows: usize,
    /// Set when the rows passed every check: the id to confirm.
    pending: Option<String>,
    preview: Option<ImportReport>,
    done: Option<ImportReport>,
    max_mb: usize,
}

impl ImportPage {
    fn new(caller: &Caller, org: OrgLine) -> ImportPage {
        ImportPage {
            tr: caller.tr,
            nav: caller.nav(),
            org,
            file: String::new(),
            file_problem: None,
            problems: Vec::new(),
            problems_more: None,
            notice: None,
            rows: 0,
            pending: None,
            preview: None,
            done: None,
            max_mb: MAX_UPLOAD_BYTES >> 20,
        }
    }
}

impl ImportPage {
    /// Lists the first problems of `total`.
    fn set_problems(&mut self, lines: impl Iterator<Item = ProblemLine>, total: usize) {
        self.problems = lines.take(uploads::MAX_LISTED_PROBLEMS).collect();
        self.problems_more = uploads::problems_more(self.tr, self.problems.len(), total);
    }
}

/// `GET /orgs/{code}/import`: the upload form.
pub async fn form(caller: Caller, Path(code): Path<String>) -> Result<ImportPage, WebError> {
    let node = crate::page::writable_org_today(&caller, &code).await?;
    Ok(ImportPage::new(&caller, (&node).into()))
}

/// `GET /orgs/{code}/import/template`: the member file's template, with an
/// example row in the first cell of the subtree and drop-down lists for the
/// coded columns (docs/member-import.md), for those who may import here.
pub async fn template(caller: Caller, Path(code): Path<String>) -> Result<Response, WebError> {
    let node = crate::page::writable_org_today(&caller, &code).await?;
    let subtree = caller.scoped().orgs().subtree(&node, today()).await?;
    let cell = subtree.iter().find(|n| n.kind.holds_members()).map_or_else(|| node.code.clone(), |n| n.code.clone());
    let file = format!("mau-dang-vien-{}.xlsx", node.code.as_str().replace('.', "-"));
    let bytes = super::file::member_template_bytes(&file, &cell).map_err(|e| WebError::Print(e.to_string()))?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, crate::members::api::export::XLSX.to_owned()),
            (axum::http::header::CONTENT_DISPOSITION, crate::download::attachment(&file)),
        ],
        bytes,
    )
        .into_response())
}

/// A member file read and its rows checked on a blocking thread, a few
/// uploads at a time (the page and the API): whether its text was converted
/// from a legacy encoding, and the sheet with its rows or why there is none
/// (in `tr`'s language).
pub(crate) async fn read_member_file(
    app: &AppState,
    tr: Tr,
    file: &str,
    format: Format,
    bytes: axum::body::Bytes,
) -> Result<
    (Option<daihoi_sheets::LegacyEncoding>, Result<(String, ParsedSheet), String>),
    Box<daihoi_sheets::SheetError>,
> {
    app.uploads
        .read(file.to_owned(), format, bytes, move |mut wb| (uploads::convert_legacy(&mut wb), member_sheet(tr, &wb)))
        .await
}

/// A column as its reader names it: the template's Vietnamese header; in
/// another language, its key too (`Giới tính, gender`).
pub(crate) fn column_name(tr: Tr, column: Column) -> String {
    match tr.lang() {
        Lang::Vi => column.header().to_owned(),
        _ => format!("{}, {}", column.header(), column.key()),
    }
}

/// The first sheet with the member columns, or why there is none.
fn member_sheet(tr: Tr, wb: &Workbook) -> Result<(String, ParsedSheet), String> {
    first_member_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice())), today())
        .map(|(name, parsed)| (name.to_owned(), parsed))
        .map_err(|e| match e {
            MemberSheetError::NoSheet => tr.t1("import-no-sheet", "file", &wb.file),
            MemberSheetError::Header { sheet, error: HeaderError::NotFound { searched, missing } } => {
                let missing = missing.iter().map(|c| column_name(tr, *c)).collect::<Vec<_>>().join("; ");
                tr.t_args(
                    "import-no-header",
                    &[
                        ("file", wb.file.clone()),
                        ("sheet", sheet),
                        ("rows", searched.to_string()),
                        ("missing", missing),
                    ],
                )
            }
            MemberSheetError::Header { sheet, error: HeaderError::Duplicate { row, column, first, second } } => tr
                .t_args(
                    "import-duplicate-column",
                    &[
                        ("file", wb.file.clone()),
                        ("sheet", sheet),
                        ("row", row.to_string()),
                        ("column", column_name(tr, column)),
                        ("first", column_letter(first - 1)),
                        ("second", column_letter(second - 1)),
                    ],
                ),
        })
}

/// A cell's problem in the user's language (the domain's own wording when
/// there is no message for it).
fn problem_text(tr: Tr, p: &CellProblem) -> String {
    match &p.problem {
        Some(problem) => problem_words(tr, problem),
        None => p.message.clone(),
    }
}

/// What is wrong with a field (a cell of the file, a field of the member
/// form), in the user's language.
pub(crate) fn problem_words(tr: Tr, problem: &Problem) -> String {
    let detail = || vec![("detail", problem.to_string())];
    let (key, vars) = match problem {
        Problem::Missing => ("import-problem-missing", vec![]),
        Problem::CardNumber => ("import-problem-card-number", vec![]),
        Problem::Name(_) => ("import-problem-name", detail()),
        Problem::Gender => ("import-problem-gender", vec![]),
        Problem::Date => ("import-problem-date", vec![]),
        Problem::FutureDate => ("import-problem-future-date", vec![]),
        Problem::OrgCode(_) => ("import-problem-org-code", detail()),
        Problem::Text(_) => ("import-problem-text", detail()),
        Problem::AdmittedUnderAge => ("import-problem-under-age", vec![]),
        Problem::BeforeAdmission => ("import-problem-before-admission", vec![]),
        Problem::Condition => {
            ("import-problem-condition", vec![("list", ConditionKind::ALL.map(|k| tr.t(condition_key(k))).join("; "))])
        }
        Problem::ConditionWithoutDate => ("import-problem-condition-without-date", vec![]),
        Problem::DateWithoutCondition => ("import-problem-date-without-condition", vec![]),
    };
    tr.t_args(key, &vars)
}

/// A refusal of the store in the user's language.
fn refusal_text(tr: Tr, r: &RowRefusal) -> String {
    let s = |x: &dyn std::fmt::Display| x.to_string();
    let (key, vars) = match r {
        RowRefusal::UnknownOrganization(code) => ("import-refusal-unknown-org", vec![("code", s(code))]),
        RowRefusal::EndedOrganization(code) => ("import-refusal-ended-org", vec![("code", s(code))]),
        RowRefusal::NotACell { code, .. } => ("import-refusal-not-a-cell", vec![("code", s(code))]),
        RowRefusal::OutsideSubtree(code) => ("import-refusal-outside", vec![("code", s(code))]),
        RowRefusal::MemberOutsideSubtree { current_org } => {
            ("import-refusal-member-outside", vec![("org", current_org.clone())])
        }
        RowRefusal::DuplicateCard { card, first_line } => {
            ("import-refusal-duplicate-card", vec![("card", card.clone()), ("line", s(first_line))])
        }
        RowRefusal::EnrolmentNotAfterCurrent { since, current_from, current_org } => (
            "import-refusal-enrolment-not-after",
            vec![("since", since.clone()), ("from", current_from.clone()), ("org", current_org.clone())],
        ),
        RowRefusal::ConditionBeforeCurrent { from, current_from } => {
            ("import-refusal-condition-before", vec![("since", from.clone()), ("from", current_from.clone())])
        }
    };
    tr.t_args(key, &vars)
}

pub(crate) fn problem_line(tr: Tr, sheet: &str, p: &CellProblem) -> ProblemLine {
    ProblemLine {
        sheet: sheet.to_owned(),
        row: p.row,
        column: p.column.map(|(i, c)| format!("{} ({})", column_letter(i), column_name(tr, c))).unwrap_or_default(),
        value: p.value.clone(),
        message: problem_text(tr, p),
    }
}

/// A row the store refused, its column placed in the file read (the
/// preview and the API).
pub(crate) fn refused_line(tr: Tr, sheet: &str, header: &HeaderMap, p: &RowProblem) -> ProblemLine {
    let cell = CellProblem {
        row: p.line,
        column: header.position(p.column).map(|c| (c, p.column)),
        value: p.value.clone(),
        message: String::new(),
        problem: None,
    };
    let mut line = problem_line(tr, sheet, &cell);
    line.message = refusal_text(tr, &p.refusal);
    line
}

/// `POST /orgs/{code}/import?csrf=…` (multipart, field `file`): checks the
/// whole file against the tree and the stored members without writing,
/// and shows the preview.
pub async fn upload(
    State(app): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let node = crate::page::writable_org_today(&caller, &code).await?;
    let tr = caller.tr;
    let mut page = ImportPage::new(&caller, (&node).into());
    let upload = match uploads::file_field(&mut multipart, "file").await {
        Ok(upload) => upload,
        Err(FieldRefusal::TooLarge) => {
            page.file_problem = Some(uploads::too_large_text(tr, MAX_UPLOAD_BYTES));
            return Ok((StatusCode::PAYLOAD_TOO_LARGE, page).into_response());
        }
        Err(FieldRefusal::Broken) => return Err(WebError::BadInput("import-bad-upload")),
    };
    let Some((file, bytes)) = upload else {
        page.file_problem = Some(tr.t("import-no-file"));
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    page.file = file.clone();
    let Some(format) = Format::from_path(std::path::Path::new(&file)) else {
        page.file_problem = Some(tr.t1("import-bad-format", "file", &file));
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    let read = read_member_file(&app, tr, &file, format, bytes).await;
    let (legacy, sheet) = match read {
        Ok(read) => read,
        Err(e) => {
            page.file_problem = Some(uploads::sheet_error_text(tr, &e));
            return Ok((StatusCode::BAD_REQUEST, page).into_response());
        }
    };
    if let Some(encoding) = legacy {
        page.notice = Some(tr.t1("import-converted", "encoding", crate::tasks::file::encoding_name(encoding)));
    }
    let (sheet, parsed) = match sheet {
        Ok(x) => x,
        Err(why) => {
            page.file_problem = Some(why);
            return Ok((StatusCode::BAD_REQUEST, page).into_response());
        }
    };
    let rows: Vec<ImportRow> = parsed.rows.into_iter().map(|(line, row)| ImportRow { line, row }).collect();
    page.rows = rows.len() + parsed.problems.iter().map(|p| p.row).collect::<std::collections::BTreeSet<_>>().len();
    page.set_problems(parsed.problems.iter().map(|p| problem_line(tr, &sheet, p)), parsed.problems.len());
    if !page.problems.is_empty() {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    match caller.scoped().members().import_members(&node, &rows, today(), &caller.address, &file, true).await {
        Ok(report) => {
            page.preview = Some(report);
            page.pending =
                Some(app.pending_imports.put(PendingFile::new(caller.user().id, node.code.clone(), file, rows))?);
            Ok(page.into_response())
        }
        Err(ImportError::Rows(problems)) => {
            let total = problems.len();
            let lines =
                problems.iter().take(uploads::MAX_LISTED_PROBLEMS).map(|p| refused_line(tr, &sheet, &parsed.header, p));
            page.set_problems(lines, total);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(ImportError::Store(e)) => Err(e.into()),
    }
}

/// `POST /orgs/{code}/import/{id}`: writes the previewed rows.
pub async fn confirm(
    State(app): State<AppState>,
    caller: Caller,
    Path((code, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let node = crate::page::writable_org_today(&caller, &code).await?;
    let pending = app.pending_imports.take(&id, caller.user().id, &node.code);
    let mut page = ImportPage::new(&caller, (&node).into());
    let Some(p) = pending else {
        page.file_problem = Some(caller.tr.t("import-expired"));
        return Ok((StatusCode::GONE, page).into_response());
    };
    page.file = p.file.clone();
    page.rows = p.rows.len();
    match caller.scoped().members().import_members(&node, &p.rows, today(), &caller.address, &p.file, false).await {
        Ok(report) => {
            page.done = Some(report);
            Ok(page.into_response())
        }
        Err(ImportError::Rows(problems)) => {
            // The data changed since the preview: show why, write nothing.
            let lines = problems.iter().map(|x| ProblemLine {
                sheet: String::new(),
                row: x.line,
                column: column_name(caller.tr, x.column),
                value: x.value.clone(),
                message: refusal_text(caller.tr, &x.refusal),
            });
            page.set_problems(lines, problems.len());
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(ImportError::Store(e)) => Err(e.into()),
    }
}
