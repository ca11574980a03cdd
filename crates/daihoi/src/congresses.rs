//! `daihoi import congress-plans`: the plan file of a campaign (C-PLAN-1…5,
//! one row per organization), as the web's plan file page imports it: the
//! same columns, the same checks, one audit entry per congress written, as
//! the operator; all or nothing, every bad row named. `daihoi import
//! congress-roll` and `congress-attendance`: a congress's roll file and a
//! session's attendance file, as the web's pages import them; `daihoi
//! import congress-allocation`: a congress's delegate allocation file with
//! the decision's total, reference and day (C-DEL-1).

use std::path::PathBuf;

use daihoi_congress::files::allocation::first_allocation_sheet;
use daihoi_congress::files::attendance::first_attendance_sheet;
use daihoi_congress::files::roll::first_roll_sheet;
use daihoi_congress::files::{CellProblem, FileColumn, Named};
use daihoi_congress::sheet::{Column, first_plan_sheet};
use daihoi_core::members::import::column_letter;
use daihoi_store::Db;
use daihoi_store::congresses::files::{AllocationDecision, RowProblem, RowRefusal};
use daihoi_store::congresses::import::PlanRowRefusal;

use crate::output::BadInput;

#[derive(clap::Args)]
pub struct ImportPlansArgs {
    /// The subtree's root: rows outside it are refused.
    #[arg(long)]
    org: String,
    /// The round's code (default: the latest round).
    #[arg(long)]
    round: Option<String>,
    /// Check every row without writing.
    #[arg(long)]
    dry_run: bool,
    /// A sheet with the plan file's columns (docs/congresses.md): Mã tổ chức
    /// đảng, Hình thức đại hội, Ngày khai mạc dự kiến, Số ngày dự kiến, ….
    file: PathBuf,
}

pub async fn import_plans(db: &Db, args: &ImportPlansArgs) -> anyhow::Result<()> {
    let facet = db.operator().congresses();
    let round = match &args.round {
        Some(code) => facet.round(code).await?.ok_or_else(|| BadInput::new(format!("no round {code}")))?,
        None => facet.rounds().await?.into_iter().next().ok_or_else(|| BadInput::new("no round is open"))?,
    };
    let code = daihoi_core::OrgCode::parse(&args.org).map_err(|e| BadInput::new(format!("--org: {e}")))?;
    let today = crate::today();
    let root =
        db.org_by_code(&code, today).await?.ok_or_else(|| BadInput::new(format!("no organization {code} today")))?;
    let mut wb = crate::output::read_spreadsheet(&args.file)?;
    if let Some(encoding) = wb.legacy.as_ref().map(|found| found.encoding) {
        daihoi_sheets::convert_workbook(&mut wb, encoding);
        eprintln!("{}: converted from the legacy encoding {encoding:?}; check the names", wb.file);
    }
    let parsed = first_plan_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice())))
        .map_err(|e| BadInput::new(format!("{}: {e}", wb.file)))?;
    if !parsed.problems.is_empty() {
        for p in &parsed.problems {
            eprintln!("{}, {p}", wb.file);
        }
        return Err(
            BadInput::new(format!("{}: {} problems; nothing was imported", wb.file, parsed.problems.len())).into()
        );
    }
    let place = |line: usize, column: Column| {
        let letter = parsed.header.position(column).map(column_letter).unwrap_or_default();
        format!("{}, sheet \"{}\", row {line}, column {letter} ({column})", wb.file, parsed.sheet)
    };
    match facet.import_plan_rows(&round, &root, &parsed.rows, today, crate::ADDRESS, args.dry_run).await? {
        Ok(report) => {
            let verb = if args.dry_run { "would be" } else { "were" };
            println!(
                "{}: {} congresses {verb} entered, {} changed, {} unchanged, {} rows without a plan skipped",
                wb.file, report.created, report.changed, report.unchanged, parsed.skipped
            );
            Ok(())
        }
        Err(problems) => {
            for p in &problems {
                let why = match &p.refusal {
                    PlanRowRefusal::NotInSubtree { root } => format!("not an organization of {root} today"),
                    PlanRowRefusal::LevelNeeded => "a sub-grassroots committee: its level class must be given".into(),
                    PlanRowRefusal::Forbidden => "not allowed".into(),
                    PlanRowRefusal::Refused(e) => e.to_string(),
                };
                eprintln!("{}: {why}", place(p.line, p.column));
            }
            Err(BadInput::new(format!("{}: {} rows refused; nothing was imported", wb.file, problems.len())).into())
        }
    }
}

#[derive(clap::Args)]
pub struct ImportRollArgs {
    /// The organization whose congress the roll is.
    #[arg(long)]
    org: String,
    /// The round's code (default: the latest round).
    #[arg(long)]
    round: Option<String>,
    /// Check every row without writing.
    #[arg(long)]
    dry_run: bool,
    /// A sheet with the roll file's columns: Số thẻ đảng viên, Loại đại
    /// biểu (Được bầu, Chỉ định, Dự khuyết), Mã tổ chức bầu, Quyết định chỉ
    /// định, Thứ tự dự khuyết.
    file: PathBuf,
}

#[derive(clap::Args)]
pub struct ImportAttendanceArgs {
    /// The organization whose congress the session is.
    #[arg(long)]
    org: String,
    /// The round's code (default: the latest round).
    #[arg(long)]
    round: Option<String>,
    /// The session's number.
    #[arg(long)]
    session: u32,
    /// Check every row without writing.
    #[arg(long)]
    dry_run: bool,
    /// A sheet with the attendance file's columns: Số thẻ đảng viên, Có mặt
    /// (x), Lý do vắng mặt, Lý do được chấp nhận (x).
    file: PathBuf,
}

#[derive(clap::Args)]
pub struct ImportAllocationArgs {
    /// The organization whose congress the allocation is (the convening one).
    #[arg(long)]
    org: String,
    /// The round's code (default: the latest round).
    #[arg(long)]
    round: Option<String>,
    /// C-DEL-1: the total number of delegates the convening committee
    /// decided; the rows' seats add up to it.
    #[arg(long)]
    total: u32,
    /// The decision fixing the total (Quyết định 12-QĐ/ĐU).
    #[arg(long)]
    decision: String,
    /// The decision's day, YYYY-MM-DD, not after today.
    #[arg(long)]
    decided_on: String,
    /// Check every row without writing.
    #[arg(long)]
    dry_run: bool,
    /// A sheet with the allocation file's columns: Mã tổ chức, Hình thức
    /// (Đương nhiên, Được bầu, Chỉ định), Số đại biểu, Quyết định chỉ định.
    file: PathBuf,
}

/// The round and the organization's congress in it, for the operator.
async fn congress_of(
    db: &Db,
    org: &str,
    round: Option<&str>,
) -> anyhow::Result<(daihoi_store::congresses::Round, daihoi_store::congresses::Congress)> {
    let facet = db.operator().congresses();
    let round = match round {
        Some(code) => facet.round(code).await?.ok_or_else(|| BadInput::new(format!("no round {code}")))?,
        None => facet.rounds().await?.into_iter().next().ok_or_else(|| BadInput::new("no round is open"))?,
    };
    let code = daihoi_core::OrgCode::parse(org).map_err(|e| BadInput::new(format!("--org: {e}")))?;
    let today = crate::today();
    let node =
        db.org_by_code(&code, today).await?.ok_or_else(|| BadInput::new(format!("no organization {code} today")))?;
    let congress = facet
        .congress(&round, &node, today)
        .await?
        .ok_or_else(|| BadInput::new(format!("{code} has no congress planned in round {}", round.code)))?;
    Ok((round, congress))
}

fn read_workbook(path: &std::path::Path) -> anyhow::Result<daihoi_sheets::Workbook> {
    let mut wb = crate::output::read_spreadsheet(path)?;
    if let Some(encoding) = wb.legacy.as_ref().map(|found| found.encoding) {
        daihoi_sheets::convert_workbook(&mut wb, encoding);
        eprintln!("{}: converted from the legacy encoding {encoding:?}; check the names", wb.file);
    }
    Ok(wb)
}

/// Prints every problem of a file's cells or rows, then refuses.
fn refuse<C: FileColumn>(
    wb: &daihoi_sheets::Workbook,
    parsed_sheet: &str,
    header: &daihoi_core::sheet_header::HeaderMap<C>,
    problems: &[RowProblem<C>],
) -> anyhow::Error {
    for p in problems {
        let letter = header.position(p.column).map(column_letter).unwrap_or_default();
        let why = match &p.refusal {
            RowRefusal::UnknownCard => "no member has this card number".to_owned(),
            RowRefusal::UnknownOrg => "no organization has this code on the opening day".to_owned(),
            RowRefusal::Refused(e) => e.to_string(),
        };
        eprintln!(
            "{}, sheet \"{parsed_sheet}\", row {}, column {letter} ({}) {:?}: {why}",
            wb.file,
            p.line,
            Named(p.column),
            p.value
        );
    }
    BadInput::new(format!("{}: {} rows refused; nothing was imported", wb.file, problems.len())).into()
}

fn cell_problems<C: FileColumn>(wb: &daihoi_sheets::Workbook, problems: &[CellProblem<C>]) -> anyhow::Error {
    for p in problems {
        eprintln!("{}, {p}", wb.file);
    }
    BadInput::new(format!("{}: {} problems; nothing was imported", wb.file, problems.len())).into()
}

/// `daihoi import congress-roll`: the web's roll file on the command line
/// (C-DEL-2, C-DEL-8, C-DEL-9, C-DEL-10), as the operator; all or nothing.
pub async fn import_roll(db: &Db, args: &ImportRollArgs) -> anyhow::Result<()> {
    let (_, congress) = congress_of(db, &args.org, args.round.as_deref()).await?;
    let wb = read_workbook(&args.file)?;
    let parsed = first_roll_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice())))
        .map_err(|e| BadInput::new(format!("{}: {e}", wb.file)))?;
    if !parsed.problems.is_empty() {
        return Err(cell_problems(&wb, &parsed.problems));
    }
    let facet = db.operator().congresses();
    match facet.import_roll_rows(&congress, &parsed.rows, crate::ADDRESS, args.dry_run).await? {
        Ok(report) => {
            let verb = if args.dry_run { "would be" } else { "were" };
            println!("{}: {} delegates {verb} entered, {} unchanged", wb.file, report.written, report.unchanged);
            Ok(())
        }
        Err(problems) => Err(refuse(&wb, &parsed.sheet, &parsed.header, &problems)),
    }
}

/// `daihoi import congress-attendance`: a session's attendance file on the
/// command line (C-DEL-7, C-DEL-9, R-BASE-1), as the operator; all or nothing.
pub async fn import_attendance(db: &Db, args: &ImportAttendanceArgs) -> anyhow::Result<()> {
    let (round, congress) = congress_of(db, &args.org, args.round.as_deref()).await?;
    let wb = read_workbook(&args.file)?;
    let parsed = first_attendance_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice())))
        .map_err(|e| BadInput::new(format!("{}: {e}", wb.file)))?;
    if !parsed.problems.is_empty() {
        return Err(cell_problems(&wb, &parsed.problems));
    }
    let facet = db.operator().congresses();
    let imported = match facet
        .import_attendance_rows(&round, &congress, args.session, &parsed.rows, crate::ADDRESS, args.dry_run)
        .await
    {
        Err(daihoi_store::StoreError::NotFound(what)) => return Err(BadInput::new(format!("no {what}")).into()),
        other => other?,
    };
    match imported {
        Ok(report) => {
            let verb = if args.dry_run { "would be" } else { "were" };
            println!(
                "{}: {} marks {verb} recorded, {} unchanged, {} rows without a mark skipped",
                wb.file, report.written, report.unchanged, parsed.skipped
            );
            Ok(())
        }
        Err(problems) => Err(refuse(&wb, &parsed.sheet, &parsed.header, &problems)),
    }
}

/// `daihoi import congress-allocation`: the web's allocation file on the
/// command line, the decision's own fields as flags (C-DEL-1, C-DEL-2,
/// C-DEL-7, C-DEL-8), as the operator; all or nothing, one audit entry.
pub async fn import_allocation(db: &Db, args: &ImportAllocationArgs) -> anyhow::Result<()> {
    if args.total == 0 {
        return Err(BadInput::new("--total: C-DEL-1: at least 1 delegate").into());
    }
    let decision = args.decision.trim();
    if decision.is_empty() || decision.chars().any(char::is_control) {
        return Err(BadInput::new("--decision: required, one line").into());
    }
    let decided_on = daihoi_core::date::from_iso(args.decided_on.trim())
        .ok_or_else(|| BadInput::new(format!("--decided-on: not a date YYYY-MM-DD: {:?}", args.decided_on)))?;
    let decision = AllocationDecision { total: args.total, decision: decision.to_owned(), decided_on };
    let (round, congress) = congress_of(db, &args.org, args.round.as_deref()).await?;
    let wb = read_workbook(&args.file)?;
    let parsed = first_allocation_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice())))
        .map_err(|e| BadInput::new(format!("{}: {e}", wb.file)))?;
    let facet = db.operator().congresses();
    let row_text = |p: &RowProblem<daihoi_congress::files::allocation::Column>| {
        let letter = parsed.header.position(p.column).map(column_letter).unwrap_or_default();
        let why = match &p.refusal {
            RowRefusal::UnknownOrg => "no organization has this code on the decision's day".to_owned(),
            RowRefusal::UnknownCard => "no member has this card number".to_owned(),
            RowRefusal::Refused(e) => e.to_string(),
        };
        let place = format!("{}, sheet \"{}\", row {}, column {letter}", wb.file, parsed.sheet, p.line);
        format!("{place} ({}) {:?}: {why}", Named(p.column), p.value)
    };
    if !parsed.problems.is_empty() {
        // The rows the sheet accepted are checked against the tree too, so
        // that every bad row is named at once (the sum means nothing then).
        let mut lines: Vec<(usize, usize, String)> =
            parsed.problems.iter().map(|p| (p.row, p.index, format!("{}, {p}", wb.file))).collect();
        let checked = facet
            .import_allocation_rows(&round, &congress, &parsed.rows, &decision, crate::today(), crate::ADDRESS, true)
            .await;
        match checked {
            Ok(Err(problems)) => lines
                .extend(problems.iter().map(|p| (p.line, parsed.header.position(p.column).unwrap_or(0), row_text(p)))),
            Ok(Ok(_))
            | Err(daihoi_store::StoreError::Congress(_) | daihoi_store::StoreError::CongressRefused { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        lines.sort_by_key(|(row, index, _)| (*row, *index));
        for (_, _, line) in &lines {
            eprintln!("{line}");
        }
        return Err(BadInput::new(format!("{}: {} problems; nothing was imported", wb.file, lines.len())).into());
    }
    let imported = match facet
        .import_allocation_rows(
            &round,
            &congress,
            &parsed.rows,
            &decision,
            crate::today(),
            crate::ADDRESS,
            args.dry_run,
        )
        .await
    {
        Err(e @ (daihoi_store::StoreError::Congress(_) | daihoi_store::StoreError::CongressRefused { .. })) => {
            return Err(BadInput::new(format!("{}: {e}; nothing was imported", wb.file)).into());
        }
        other => other?,
    };
    match imported {
        Ok(report) => {
            let verb = if args.dry_run { "would be" } else { "were" };
            println!("{}: {} rows {verb} written, {} unchanged", wb.file, report.written, report.unchanged);
            Ok(())
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{}", row_text(p));
            }
            Err(BadInput::new(format!("{}: {} rows refused; nothing was imported", wb.file, problems.len())).into())
        }
    }
}
