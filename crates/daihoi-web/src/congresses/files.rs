//! The congress's files (issue 15, "Bad input"): the roll file
//! (`/orgs/{code}/congress/roll-file`, one row per delegate elected,
//! designated or alternate) and a session's attendance file
//! (`/orgs/{code}/congress/attendance-file?session=`, one row per person
//! convened), each downloaded as it stands, filled in Excel and imported
//! back whole or not at all, every refused row named by sheet, row, column
//! and rule. The pages and the API (`api::files`) share the reading, the
//! checks and the words here; the store applies the forms' own checks.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use daihoi_congress::files::allocation::{self, first_allocation_sheet};
use daihoi_congress::files::attendance::{self, first_attendance_sheet};
use daihoi_congress::files::roll::{self, first_roll_sheet};
use daihoi_congress::files::{CellProblem, FileColumn, FileError, MAX_RANK, MAX_ROWS, MAX_TEXT, Problem};
use daihoi_congress::{CongressError, Seat, SeatMode, Status};
use daihoi_core::members::import::column_letter;
use daihoi_core::sheet_header::HeaderMap;
use daihoi_sheets::{Cell, Format, LegacyEncoding, SheetOut};
use daihoi_store::congresses::files::{AllocationDecision, FileImportReport, RowProblem, RowRefusal};
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::orgs::OrgNode;
use daihoi_store::{Scoped, StoreError, StoreResult};
use serde::Deserialize;

use crate::WebError;
use crate::access::{AppState, Caller};
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::uploads::{self, FieldRefusal};
use crate::page::{Nav, Path, today};
use crate::tasks::file::encoding_name;

/// The largest roll or attendance file read (a national congress's 1,600
/// delegates take well under 1 MiB).
pub const MAX_UPLOAD_BYTES: usize = 5 << 20;

/// A refused row or cell in the reader's language.
#[derive(Debug, Clone)]
pub(crate) struct FileProblemLine {
    pub row: usize,
    /// `C (Loại đại biểu)`.
    pub column: String,
    pub value: String,
    pub message: String,
    pub rule: Option<&'static str>,
}

/// What reading and importing a congress's file gave (the page's and the API's).
#[derive(Debug, Default)]
pub(crate) struct FileOutcome {
    pub file_problem: Option<String>,
    pub converted_from: Option<LegacyEncoding>,
    /// The sheet read.
    pub sheet: String,
    /// The rows read, header and blank rows left out.
    pub rows: usize,
    /// Rows that record nothing (an attendance row without a mark).
    pub skipped: usize,
    /// The first [`uploads::MAX_LISTED_PROBLEMS`] problems.
    pub problems: Vec<FileProblemLine>,
    pub problems_total: usize,
    pub report: Option<FileImportReport>,
    pub written: bool,
}

impl FileOutcome {
    pub(crate) fn status(&self) -> StatusCode {
        if self.file_problem.is_some() || self.problems_total > 0 {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        }
    }
}

fn column_label<C: FileColumn>(index: Option<usize>, column: C) -> String {
    match index {
        Some(i) => format!("{} ({})", column_letter(i), column.header()),
        None => column.header().to_owned(),
    }
}

/// A cell's problem in the reader's language, with its rule where it has one.
fn problem_text(tr: Tr, p: &Problem) -> String {
    let (key, vars): (&str, Vec<(&str, String)>) = match p {
        Problem::Missing => ("congress-file-problem-missing", vec![]),
        Problem::Card(e) => ("congress-file-problem-card", vec![("card", e.0.clone())]),
        Problem::OrgCode(e) => ("congress-file-problem-org-code", vec![("detail", e.to_string())]),
        Problem::Seat => ("congress-file-problem-seat", vec![]),
        Problem::ElectedByMissing => ("congress-file-problem-elected-by", vec![]),
        Problem::DecisionMissing => ("congress-file-problem-decision", vec![]),
        Problem::RankMissing => ("congress-file-problem-rank-missing", vec![]),
        Problem::Rank => ("congress-file-problem-rank", vec![("max", MAX_RANK.to_string())]),
        Problem::NotForSeat => ("congress-file-problem-not-for-seat", vec![]),
        Problem::Text => ("congress-file-problem-text", vec![("max", MAX_TEXT.to_string())]),
        Problem::Twice(first) => ("congress-file-problem-twice", vec![("first", first.to_string())]),
        Problem::RankTwice(first) => ("congress-file-problem-rank-twice", vec![("first", first.to_string())]),
        Problem::Presence => ("congress-file-problem-presence", vec![]),
        Problem::Accepted => ("congress-file-problem-accepted", vec![]),
        Problem::PresentWithReason => ("congress-file-problem-present-with-reason", vec![]),
        Problem::ReasonMissing => ("congress-file-problem-reason-missing", vec![]),
        Problem::Mode => ("congress-file-problem-mode", vec![]),
        Problem::Seats => ("congress-file-problem-seats", vec![("max", allocation::MAX_SEATS.to_string())]),
        Problem::OrgTwice(first) => ("congress-file-problem-org-twice", vec![("first", first.to_string())]),
    };
    tr.t_args(key, &vars)
}

fn cell_line<C: FileColumn>(tr: Tr, p: &CellProblem<C>) -> FileProblemLine {
    FileProblemLine {
        row: p.row,
        column: column_label(Some(p.index), p.column),
        value: p.value.clone(),
        message: problem_text(tr, &p.problem),
        rule: p.problem.rule(),
    }
}

/// A store refusal of a row in words, by its rule.
fn refusal_text(tr: Tr, r: &RowRefusal) -> String {
    match r {
        RowRefusal::UnknownCard => tr.t("congress-file-refusal-unknown-card"),
        RowRefusal::UnknownOrg => tr.t("congress-file-refusal-unknown-org"),
        RowRefusal::Refused(e) => {
            let rule = e.rule().unwrap_or("C-DEL-9");
            let key = match (rule, e) {
                ("C-DEL-9", StoreError::Congress(_)) => "congress-file-refusal-on-roll",
                ("C-DEL-9", StoreError::CongressRefused { detail, .. }) if detail.contains("roll of congress") => {
                    "congress-file-refusal-other-roll"
                }
                ("C-DEL-9", _) => "congress-file-refusal-excluded",
                ("C-DEL-2", _) => "congress-file-refusal-not-member",
                ("C-DEL-10", _) => "congress-file-refusal-rank",
                ("C-DEL-7", _) => "congress-file-refusal-not-convened",
                ("R-BASE-1", _) => "congress-file-refusal-r-base-1",
                _ => "congress-file-refusal-rule",
            };
            tr.t1(key, "rule", rule)
        }
    }
}

fn refused_line<C: FileColumn>(tr: Tr, header: &HeaderMap<C>, p: &RowProblem<C>) -> FileProblemLine {
    FileProblemLine {
        row: p.line,
        column: column_label(header.position(p.column), p.column),
        value: p.value.clone(),
        message: refusal_text(tr, &p.refusal),
        rule: p.refusal.rule(),
    }
}

fn file_error_text(tr: Tr, file: &str, e: &FileError) -> String {
    match e {
        FileError::NoSheet => tr.t1("congress-file-no-sheet", "file", file),
        FileError::TooManyRows { sheet, rows } => tr.t_args(
            "congress-file-too-many-rows",
            &[
                ("file", file.to_owned()),
                ("sheet", sheet.clone()),
                ("rows", rows.to_string()),
                ("max", MAX_ROWS.to_string()),
            ],
        ),
        e => format!("{file}, {e}"),
    }
}

/// Reads a roll file on a blocking thread (a few uploads at a time),
/// checks its cells, then its rows against the people, the tree and the
/// roll; writes it whole unless `dry_run` or a row is refused.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn import_roll_file(
    app: &AppState,
    scoped: &Scoped<'_>,
    tr: Tr,
    congress: &Congress,
    file: &str,
    format: Format,
    bytes: axum::body::Bytes,
    address: &str,
    dry_run: bool,
) -> StoreResult<FileOutcome> {
    let mut outcome = FileOutcome::default();
    let read = app
        .uploads
        .read(file.to_owned(), format, bytes, |mut wb| {
            let legacy = uploads::convert_legacy(&mut wb);
            (legacy, first_roll_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice()))))
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
            outcome.file_problem = Some(file_error_text(tr, file, &e));
            return Ok(outcome);
        }
    };
    outcome.sheet = parsed.sheet.clone();
    outcome.rows = parsed.rows_read();
    outcome.skipped = parsed.skipped;
    if !parsed.problems.is_empty() {
        outcome.problems_total = parsed.problems.len();
        outcome.problems =
            parsed.problems.iter().take(uploads::MAX_LISTED_PROBLEMS).map(|p| cell_line(tr, p)).collect();
        return Ok(outcome);
    }
    match scoped.congresses().import_roll_rows(congress, &parsed.rows, address, dry_run).await? {
        Ok(report) => {
            outcome.written = !dry_run && report.written > 0;
            outcome.report = Some(report);
        }
        Err(problems) => {
            outcome.problems_total = problems.len();
            outcome.problems = problems
                .iter()
                .take(uploads::MAX_LISTED_PROBLEMS)
                .map(|p| refused_line(tr, &parsed.header, p))
                .collect();
        }
    }
    Ok(outcome)
}

/// Reads a session's attendance file as [`import_roll_file`] reads a roll.
/// A session that is not open: `Ok(None)`.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn import_attendance_file(
    app: &AppState,
    scoped: &Scoped<'_>,
    tr: Tr,
    round: &Round,
    congress: &Congress,
    session: u32,
    file: &str,
    format: Format,
    bytes: axum::body::Bytes,
    address: &str,
    dry_run: bool,
) -> StoreResult<Option<FileOutcome>> {
    if !scoped.congresses().sessions(congress).await?.iter().any(|s| s.number == session) {
        return Ok(None);
    }
    let mut outcome = FileOutcome::default();
    let read = app
        .uploads
        .read(file.to_owned(), format, bytes, |mut wb| {
            let legacy = uploads::convert_legacy(&mut wb);
            (legacy, first_attendance_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice()))))
        })
        .await;
    let (legacy, parsed) = match read {
        Ok(read) => read,
        Err(e) => {
            outcome.file_problem = Some(uploads::sheet_error_text(tr, &e));
            return Ok(Some(outcome));
        }
    };
    outcome.converted_from = legacy;
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            outcome.file_problem = Some(file_error_text(tr, file, &e));
            return Ok(Some(outcome));
        }
    };
    outcome.sheet = parsed.sheet.clone();
    outcome.rows = parsed.rows_read();
    outcome.skipped = parsed.skipped;
    if !parsed.problems.is_empty() {
        outcome.problems_total = parsed.problems.len();
        outcome.problems =
            parsed.problems.iter().take(uploads::MAX_LISTED_PROBLEMS).map(|p| cell_line(tr, p)).collect();
        return Ok(Some(outcome));
    }
    let imported = match scoped
        .congresses()
        .import_attendance_rows(round, congress, session, &parsed.rows, address, dry_run)
        .await
    {
        Ok(imported) => imported,
        Err(StoreError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    match imported {
        Ok(report) => {
            outcome.written = !dry_run && report.written > 0;
            outcome.report = Some(report);
        }
        Err(problems) => {
            outcome.problems_total = problems.len();
            outcome.problems = problems
                .iter()
                .take(uploads::MAX_LISTED_PROBLEMS)
                .map(|p| refused_line(tr, &parsed.header, p))
                .collect();
        }
    }
    Ok(Some(outcome))
}

/// The longest total, decision or day an allocation upload's form field may
/// hold, in bytes (a decision of 1,000 characters, 4 bytes each at most).
pub const MAX_FIELD_BYTES: usize = 4_000;

/// The decision's own fields of an allocation file (C-DEL-1), as a form or
/// a query gives them: the total, the decision, its day (`yyyy-mm-dd`);
/// refused in words naming the field.
/// The largest total a decision may fix: six digits, as the page's field.
pub(crate) const MAX_TOTAL: u32 = 999_999;

pub(crate) fn allocation_decision(
    tr: Tr,
    total: Option<&str>,
    decision: Option<&str>,
    decided_on: Option<&str>,
) -> Result<AllocationDecision, String> {
    let total = total.map(str::trim).unwrap_or("");
    let total = match total.parse::<u32>() {
        Ok(n) if (1..=MAX_TOTAL).contains(&n) => n,
        _ => return Err(tr.t("congress-file-allocation-bad-total")),
    };
    let decision = decision.map(str::trim).unwrap_or("");
    let max = daihoi_core::text::TITLE_MAX_CHARS;
    if decision.is_empty() || decision.chars().count() > max || decision.chars().any(char::is_control) {
        return Err(tr.t1("congress-file-allocation-bad-decision", "max", max));
    }
    let decided_on = decided_on
        .map(str::trim)
        .and_then(daihoi_core::date::from_iso)
        .ok_or_else(|| tr.t("congress-file-allocation-bad-day"))?;
    Ok(AllocationDecision { total, decision: decision.to_owned(), decided_on })
}

/// A table the store refused (C-DEL-1: the sum, the total, the day; the
/// decision's text) in words; `None` for an error that is no refusal.
fn table_refusal_text(tr: Tr, e: &StoreError) -> Option<String> {
    Some(match e {
        StoreError::Congress(CongressError::SeatsDoNotAddUp { sum, total }) => tr.t_args(
            "congress-file-allocation-sum",
            &[("rule", "C-DEL-1".to_owned()), ("sum", sum.to_string()), ("total", total.to_string())],
        ),
        StoreError::CongressRefused { rule: "C-DEL-1", .. } => {
            tr.t1("congress-file-allocation-after-today", "rule", "C-DEL-1")
        }
        StoreError::BadText { .. } => {
            tr.t1("congress-file-allocation-bad-decision", "max", daihoi_core::text::TITLE_MAX_CHARS)
        }
        e @ (StoreError::Congress(_) | StoreError::CongressRefused { .. }) => {
            tr.t1("congress-file-refusal-rule", "rule", e.rule().unwrap_or("C-DEL-1"))
        }
        _ => return None,
    })
}

/// An allocation row the store refused, in words.
fn allocation_refused_line(
    tr: Tr,
    header: &HeaderMap<allocation::Column>,
    p: &RowProblem<allocation::Column>,
) -> FileProblemLine {
    let message = match &p.refusal {
        RowRefusal::UnknownOrg => tr.t("congress-file-allocation-unknown-org"),
        r => match r.rule() {
            Some(rule @ "C-DEL-2") => tr.t1("congress-file-allocation-not-below", "rule", rule),
            Some(rule @ "C-DEL-7") => tr.t1("congress-file-allocation-ex-officio", "rule", rule),
            rule => tr.t1("congress-file-refusal-rule", "rule", rule.unwrap_or("C-DEL-2")),
        },
    };
    FileProblemLine {
        row: p.line,
        column: column_label(header.position(p.column), p.column),
        value: p.value.clone(),
        message,
        rule: p.refusal.rule(),
    }
}

/// Reads an allocation file as [`import_roll_file`] reads a roll, and
/// imports it as the convening committee's decision `decision` (C-DEL-1);
/// a table the store refuses (the seats do not add up to the total) is the
/// file's problem, nothing written.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn import_allocation_file(
    app: &AppState,
    scoped: &Scoped<'_>,
    tr: Tr,
    round: &Round,
    congress: &Congress,
    decision: &AllocationDecision,
    file: &str,
    format: Format,
    bytes: axum::body::Bytes,
    address: &str,
    dry_run: bool,
) -> StoreResult<FileOutcome> {
    let mut outcome = FileOutcome::default();
    let read = app
        .uploads
        .read(file.to_owned(), format, bytes, |mut wb| {
            let legacy = uploads::convert_legacy(&mut wb);
            (legacy, first_allocation_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice()))))
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
            outcome.file_problem = Some(file_error_text(tr, file, &e));
            return Ok(outcome);
        }
    };
    outcome.sheet = parsed.sheet.clone();
    outcome.rows = parsed.rows_read();
    outcome.skipped = parsed.skipped;
    if !parsed.problems.is_empty() {
        // The rows the sheet accepted are checked against the tree too (a
        // dry run), so that every bad row is named at once; the table's
        // sum means nothing with rows left out.
        let mut lines: Vec<(usize, usize, FileProblemLine)> =
            parsed.problems.iter().map(|p| (p.row, p.index, cell_line(tr, p))).collect();
        match scoped
            .congresses()
            .import_allocation_rows(round, congress, &parsed.rows, decision, today(), address, true)
            .await
        {
            Ok(Err(problems)) => lines.extend(problems.iter().map(|p| {
                (p.line, parsed.header.position(p.column).unwrap_or(0), allocation_refused_line(tr, &parsed.header, p))
            })),
            Ok(Ok(_)) => {}
            Err(e) if table_refusal_text(tr, &e).is_some() => {}
            Err(e) => return Err(e),
        }
        lines.sort_by_key(|(row, index, _)| (*row, *index));
        outcome.problems_total = lines.len();
        outcome.problems = lines.into_iter().take(uploads::MAX_LISTED_PROBLEMS).map(|(_, _, l)| l).collect();
        return Ok(outcome);
    }
    let imported = scoped
        .congresses()
        .import_allocation_rows(round, congress, &parsed.rows, decision, today(), address, dry_run)
        .await;
    match imported {
        Ok(Ok(report)) => {
            outcome.written = !dry_run && report.written > 0;
            outcome.report = Some(report);
        }
        Ok(Err(problems)) => {
            outcome.problems_total = problems.len();
            outcome.problems = problems
                .iter()
                .take(uploads::MAX_LISTED_PROBLEMS)
                .map(|p| allocation_refused_line(tr, &parsed.header, p))
                .collect();
        }
        Err(e) => match table_refusal_text(tr, &e) {
            Some(text) => outcome.file_problem = Some(format!("{file}: {text}")),
            None => return Err(e),
        },
    }
    Ok(outcome)
}

/// The allocation file's columns' widths, in [`allocation::Column::ALL`] order.
const ALLOCATION_WIDTHS: [f64; 5] = [18.0, 36.0, 14.0, 12.0, 24.0];

/// The allocation file of a congress: the decided table if there is one,
/// else the rows the allocation page pre-fills (the convening
/// organization's ex-officio row, one row per lower congress); as xlsx or
/// CSV.
pub(crate) async fn allocation_file_bytes(
    scoped: &Scoped<'_>,
    round: &Round,
    congress: &Congress,
    xlsx: bool,
) -> StoreResult<Result<(String, Vec<u8>), Box<daihoi_sheets::SheetError>>> {
    let facet = scoped.congresses();
    let node = &congress.org;
    let lines = facet.campaign(round, node, today()).await?;
    let lower: Vec<&Congress> = lines.iter().filter(|l| l.higher == Some(congress.id)).map(|l| &l.congress).collect();
    let mut names: std::collections::HashMap<String, String> =
        lower.iter().map(|l| (l.org.code.to_string(), l.org.name.clone())).collect();
    names.insert(node.code.to_string(), node.name.clone());
    let row = |code: &str, mode: SeatMode, seats: Cell, decision: Option<&str>| {
        vec![
            Cell::Text(code.to_owned()),
            text(names.get(code).map_or("", String::as_str)),
            Cell::Text(allocation::mode_text(mode).to_owned()),
            seats,
            text(decision.unwrap_or("")),
        ]
    };
    let rows: Vec<Vec<Cell>> = match facet.allocation(round, congress).await? {
        Some(a) => {
            let mut table = a.table.rows.clone();
            // The convening organization's own row first, as the page shows it.
            table.sort_by_key(|r| (r.mode != SeatMode::ExOfficio, r.organization.clone()));
            table
                .iter()
                .map(|r| row(&r.organization, r.mode, Cell::Text(r.seats.to_string()), r.decision.as_deref()))
                .collect()
        }
        None => {
            let ex_officio = facet
                .convening_committee(node, congress.plan.planned.opening)
                .await?
                .iter()
                .filter(|m| !m.alternate)
                .count();
            let proposal = facet.propose_allocation(round, congress, today()).await?.ok();
            let mut rows =
                vec![row(&node.code.to_string(), SeatMode::ExOfficio, Cell::Text(ex_officio.to_string()), None)];
            for c in &lower {
                let code = c.org.code.to_string();
                let seats = proposal
                    .as_ref()
                    .and_then(|p| p.rows.iter().find(|r| r.organization == code))
                    .map_or(Cell::Empty, |r| Cell::Text(r.working.seats.to_string()));
                rows.push(row(&code, SeatMode::proposed_for(c.plan.contents), seats, None));
            }
            rows
        }
    };
    let header: Vec<&str> = allocation::Column::ALL.iter().map(|c| c.header()).collect();
    let ext = if xlsx { "xlsx" } else { "csv" };
    let file = format!(
        "phan-bo-dai-bieu-{}-{}-{}.{ext}",
        round.code,
        congress.org.code.as_str().replace('.', "-"),
        daihoi_core::date::iso(today())
    );
    Ok(written(file, "Phân bổ đại biểu", &header, &ALLOCATION_WIDTHS, xlsx, rows))
}

/// The roll file's columns' widths, in [`roll::Column::ALL`] order.
const ROLL_WIDTHS: [f64; 6] = [16.0, 30.0, 14.0, 18.0, 24.0, 12.0];
/// The attendance file's columns' widths, in [`attendance::Column::ALL`] order.
const ATTENDANCE_WIDTHS: [f64; 5] = [16.0, 30.0, 10.0, 30.0, 14.0];

fn written(
    file: String,
    sheet: &str,
    header: &[&str],
    widths: &[f64],
    xlsx: bool,
    rows: Vec<Vec<Cell>>,
) -> Result<(String, Vec<u8>), Box<daihoi_sheets::SheetError>> {
    let written = if xlsx {
        daihoi_sheets::xlsx_bytes(&file, &SheetOut { name: sheet, header, column_widths: widths }, rows)
    } else {
        daihoi_sheets::csv_bytes(&file, header, rows)
    };
    written.map(|(bytes, _)| (file, bytes)).map_err(Box::new)
}

fn text(t: &str) -> Cell {
    if t.is_empty() { Cell::Empty } else { Cell::Text(t.to_owned()) }
}

/// The roll file of a congress: one row per delegate entered (elected,
/// designated, alternate) with their name; as xlsx or CSV.
pub(crate) async fn roll_file_bytes(
    scoped: &Scoped<'_>,
    round: &Round,
    congress: &Congress,
    xlsx: bool,
) -> StoreResult<Result<(String, Vec<u8>), Box<daihoi_sheets::SheetError>>> {
    let roll = scoped.congresses().roll(round, congress).await?;
    let rows = roll
        .roll
        .lines
        .iter()
        .filter(|l| matches!(l.entry.seat, Seat::Elected { .. } | Seat::Designated { .. } | Seat::Alternate { .. }))
        .map(|l| {
            let seat = &l.entry.seat;
            let (by, decision, rank) = match seat {
                Seat::Elected { by } => (text(by), Cell::Empty, Cell::Empty),
                Seat::Designated { decision } => (Cell::Empty, text(decision), Cell::Empty),
                Seat::Alternate { rank } => (Cell::Empty, Cell::Empty, Cell::Text(rank.to_string())),
                _ => (Cell::Empty, Cell::Empty, Cell::Empty),
            };
            vec![
                Cell::Text(l.entry.person.clone()),
                text(roll.names.get(&l.entry.person).map_or("", String::as_str)),
                Cell::Text(roll::seat_text(seat).to_owned()),
                by,
                decision,
                rank,
            ]
        })
        .collect();
    let header: Vec<&str> = roll::Column::ALL.iter().map(|c| c.header()).collect();
    let ext = if xlsx { "xlsx" } else { "csv" };
    let file = format!(
        "danh-sach-dai-bieu-{}-{}-{}.{ext}",
        round.code,
        congress.org.code.as_str().replace('.', "-"),
        daihoi_core::date::iso(today())
    );
    Ok(written(file, "Danh sách đại biểu", &header, &ROLL_WIDTHS, xlsx, rows))
}

/// The attendance file of a session: one row per person convened, marked
/// present or absent (with the reason) as recorded; as xlsx or CSV.
pub(crate) async fn attendance_file_bytes(
    scoped: &Scoped<'_>,
    round: &Round,
    congress: &Congress,
    session: u32,
    xlsx: bool,
) -> StoreResult<Result<(String, Vec<u8>), Box<daihoi_sheets::SheetError>>> {
    let roll = scoped.congresses().roll(round, congress).await?;
    let marks = scoped.congresses().session_marks_by_card(congress, session).await?;
    let rows = roll
        .roll
        .lines
        .iter()
        .filter(|l| l.status == Status::Convened)
        .map(|l| {
            let card = &l.entry.person;
            let (present, reason, accepted) = match marks.get(card) {
                Some(None) => (text("x"), Cell::Empty, Cell::Empty),
                Some(Some(r)) => (Cell::Empty, text(&r.reason), text(if r.accepted { "x" } else { "" })),
                None => (Cell::Empty, Cell::Empty, Cell::Empty),
            };
            vec![
                Cell::Text(card.clone()),
                text(roll.names.get(card).map_or("", String::as_str)),
                present,
                reason,
                accepted,
            ]
        })
        .collect();
    let header: Vec<&str> = attendance::Column::ALL.iter().map(|c| c.header()).collect();
    let ext = if xlsx { "xlsx" } else { "csv" };
    let file =
        format!("diem-danh-{}-{}-phien-{session}.{ext}", round.code, congress.org.code.as_str().replace('.', "-"),);
    Ok(written(file, "Điểm danh", &header, &ATTENDANCE_WIDTHS, xlsx, rows))
}

/// Which file a page is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Roll,
    Attendance,
    Allocation,
}

#[derive(Template, WebTemplate)]
#[template(path = "congress_file.html")]
pub struct CongressFilePage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round_title: String,
    /// `roll` or `attendance`: the keys' and the ids' part.
    which: &'static str,
    /// The page's path with its query (`…/roll-file?round=…`).
    here: String,
    /// The download's path with its query, without the format.
    download: String,
    /// The page it is reached from (the roll, the check-in).
    back: String,
    /// The session's number and name (attendance).
    session: Option<(u32, String)>,
    file: String,
    outcome: FileOutcome,
    notice: Option<String>,
    problems_more: Option<String>,
    max_mb: usize,
    /// The allocation decision's own fields as sent (C-DEL-1): the
    /// total, the decision, its day.
    total: String,
    decision: String,
    decided_on: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct FileParams {
    pub round: Option<String>,
    /// `xlsx` (default) or `csv`.
    pub format: Option<String>,
    /// The session (attendance).
    pub session: Option<String>,
}

/// The organization, round, congress and session a page names, for the
/// congress's office: 403 to others, 404 for an unknown round, a congress
/// not planned, or (attendance) a session not open.
async fn page_parts(
    caller: &Caller,
    code: &str,
    p: &FileParams,
    which: Which,
) -> Result<(OrgNode, Round, Congress, Option<(u32, String)>), WebError> {
    let node = crate::page::org_today(caller, code).await?;
    let scoped = caller.scoped();
    if !scoped.congresses().may_plan(&node) {
        return Err(WebError::Forbidden);
    }
    let round = super::view::round_named(&scoped, p.round.as_deref().filter(|r| !r.trim().is_empty()))
        .await?
        .ok_or(WebError::NotFound)?;
    let congress = scoped.congresses().congress(&round, &node, today()).await?.ok_or(WebError::NotFound)?;
    let session = match which {
        Which::Roll | Which::Allocation => None,
        Which::Attendance => {
            let sessions = scoped.congresses().sessions(&congress).await?;
            let wanted = p.session.as_deref().map(|s| s.trim().parse::<u32>().map_err(|_| WebError::NotFound));
            let found = match wanted {
                Some(n) => {
                    let n = n?;
                    sessions.into_iter().find(|s| s.number == n)
                }
                None => sessions.into_iter().last(),
            };
            Some(found.map(|s| (s.number, s.name)).ok_or(WebError::NotFound)?)
        }
    };
    Ok((node, round, congress, session))
}

impl CongressFilePage {
    fn new(caller: &Caller, node: &OrgNode, round: &Round, which: Which, session: Option<(u32, String)>) -> Self {
        let code = &node.code;
        let r = &round.code;
        let (which, here, download, back) = match (&session, which) {
            (Some((n, _)), Which::Attendance) => (
                "attendance",
                format!("/orgs/{code}/congress/attendance-file?round={r}&session={n}"),
                format!("/orgs/{code}/congress/attendance-file/download?round={r}&session={n}"),
                format!("/orgs/{code}/congress/check-in?round={r}&session={n}"),
            ),
            (_, Which::Allocation) => (
                "allocation",
                format!("/orgs/{code}/congress/allocation-file?round={r}"),
                format!("/orgs/{code}/congress/allocation-file/download?round={r}"),
                format!("/orgs/{code}/congress/allocation?round={r}"),
            ),
            _ => (
                "roll",
                format!("/orgs/{code}/congress/roll-file?round={r}"),
                format!("/orgs/{code}/congress/roll-file/download?round={r}"),
                format!("/orgs/{code}/congress/roll?round={r}"),
            ),
        };
        CongressFilePage {
            tr: caller.tr,
            nav: caller.nav(),
            org: node.into(),
            round_title: round.title.clone(),
            which,
            here,
            download,
            back,
            session,
            file: String::new(),
            outcome: FileOutcome::default(),
            notice: None,
            problems_more: None,
            max_mb: MAX_UPLOAD_BYTES >> 20,
            total: String::new(),
            decision: String::new(),
            decided_on: daihoi_core::date::iso(today()),
        }
    }

    fn problems_heading(&self) -> String {
        self.tr.t_args("congress-file-problems", &[("file", self.file.clone()), ("sheet", self.outcome.sheet.clone())])
    }

    fn key(&self, part: &str) -> String {
        self.tr.t(&format!("congress-file-{}-{part}", self.which))
    }
}

/// `GET /orgs/{code}/congress/roll-file?round=`: the download and the
/// upload form, for the congress's office.
pub async fn roll_page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FileParams>,
) -> Result<CongressFilePage, WebError> {
    let (node, round, _, _) = page_parts(&caller, &code, &p, Which::Roll).await?;
    Ok(CongressFilePage::new(&caller, &node, &round, Which::Roll, None))
}

/// `GET /orgs/{code}/congress/attendance-file?round=&session=`: the same
/// for a session's attendance (the last session by default).
pub async fn attendance_page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FileParams>,
) -> Result<CongressFilePage, WebError> {
    let (node, round, _, session) = page_parts(&caller, &code, &p, Which::Attendance).await?;
    Ok(CongressFilePage::new(&caller, &node, &round, Which::Attendance, session))
}

/// `GET /orgs/{code}/congress/allocation-file?round=`: the allocation
/// file's download and its upload form with the decision's own fields.
pub async fn allocation_page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FileParams>,
) -> Result<CongressFilePage, WebError> {
    let (node, round, _, _) = page_parts(&caller, &code, &p, Which::Allocation).await?;
    Ok(CongressFilePage::new(&caller, &node, &round, Which::Allocation, None))
}

/// `GET /orgs/{code}/congress/allocation-file/download?round=&format=`.
pub async fn allocation_download(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FileParams>,
) -> Result<Response, WebError> {
    let xlsx = wants_xlsx(&p)?;
    let (_, round, congress, _) = page_parts(&caller, &code, &p, Which::Allocation).await?;
    let (file, bytes) = allocation_file_bytes(&caller.scoped(), &round, &congress, xlsx)
        .await?
        .map_err(|e| WebError::Print(e.to_string()))?;
    Ok(super::plans_file::plan_file_response(&file, bytes))
}

/// `POST /orgs/{code}/congress/allocation-file?round=` (multipart: `file`,
/// `total`, `decision`, `decided_on`).
pub async fn allocation_upload(
    State(app): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FileParams>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    upload(app, caller, code, p, multipart, Which::Allocation).await
}

fn wants_xlsx(p: &FileParams) -> Result<bool, WebError> {
    match p.format.as_deref() {
        None | Some("xlsx") => Ok(true),
        Some("csv") => Ok(false),
        Some(_) => Err(WebError::NotFound),
    }
}

/// `GET /orgs/{code}/congress/roll-file/download?round=&format=`.
pub async fn roll_download(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FileParams>,
) -> Result<Response, WebError> {
    let xlsx = wants_xlsx(&p)?;
    let (_, round, congress, _) = page_parts(&caller, &code, &p, Which::Roll).await?;
    let (file, bytes) = roll_file_bytes(&caller.scoped(), &round, &congress, xlsx)
        .await?
        .map_err(|e| WebError::Print(e.to_string()))?;
    Ok(super::plans_file::plan_file_response(&file, bytes))
}

/// `GET /orgs/{code}/congress/attendance-file/download?round=&session=&format=`.
pub async fn attendance_download(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FileParams>,
) -> Result<Response, WebError> {
    let xlsx = wants_xlsx(&p)?;
    let (_, round, congress, session) = page_parts(&caller, &code, &p, Which::Attendance).await?;
    let n = session.map_or(0, |(n, _)| n);
    let (file, bytes) = attendance_file_bytes(&caller.scoped(), &round, &congress, n, xlsx)
        .await?
        .map_err(|e| WebError::Print(e.to_string()))?;
    Ok(super::plans_file::plan_file_response(&file, bytes))
}

/// `POST /orgs/{code}/congress/roll-file?round=` (multipart, field `file`).
pub async fn roll_upload(
    State(app): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FileParams>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    upload(app, caller, code, p, multipart, Which::Roll).await
}

/// `POST /orgs/{code}/congress/attendance-file?round=&session=` (multipart, field `file`).
pub async fn attendance_upload(
    State(app): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FileParams>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    upload(app, caller, code, p, multipart, Which::Attendance).await
}

/// Imports the file whole, or names every refused row and writes nothing.
async fn upload(
    app: AppState,
    caller: Caller,
    code: String,
    p: FileParams,
    mut multipart: Multipart,
    which: Which,
) -> Result<Response, WebError> {
    let (node, round, congress, session) = page_parts(&caller, &code, &p, which).await?;
    let tr = caller.tr;
    let mut page = CongressFilePage::new(&caller, &node, &round, which, session.clone());
    let read = if which == Which::Allocation {
        uploads::fields(&mut multipart, &["total", "decision", "decided_on"], "file", MAX_FIELD_BYTES).await
    } else {
        uploads::file_field(&mut multipart, "file").await.map(|u| (Default::default(), u))
    };
    let upload = match read {
        Ok((texts, upload)) => {
            let field = |n: &str| texts.get(n).cloned().unwrap_or_default();
            page.total = field("total");
            page.decision = field("decision");
            if let Some(day) = texts.get("decided_on") {
                page.decided_on = day.clone();
            }
            upload
        }
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
    page.outcome = match (which, session) {
        (Which::Allocation, _) => {
            let decision =
                match allocation_decision(tr, Some(&page.total), Some(&page.decision), Some(&page.decided_on)) {
                    Ok(d) => d,
                    Err(text) => {
                        page.outcome.file_problem = Some(text);
                        return Ok((StatusCode::BAD_REQUEST, page).into_response());
                    }
                };
            import_allocation_file(
                &app,
                &scoped,
                tr,
                &round,
                &congress,
                &decision,
                &file,
                format,
                bytes,
                &caller.address,
                false,
            )
            .await?
        }
        (Which::Attendance, Some((n, _))) => import_attendance_file(
            &app,
            &scoped,
            tr,
            &round,
            &congress,
            n,
            &file,
            format,
            bytes,
            &caller.address,
            false,
        )
        .await?
        .ok_or(WebError::NotFound)?,
        _ => import_roll_file(&app, &scoped, tr, &congress, &file, format, bytes, &caller.address, false).await?,
    };
    if let Some(encoding) = page.outcome.converted_from {
        page.notice = Some(tr.t1("plan-file-converted", "encoding", encoding_name(encoding)));
    }
    page.problems_more = uploads::problems_more(tr, page.outcome.problems.len(), page.outcome.problems_total);
    let status = page.outcome.status();
    Ok((status, page).into_response())
}
