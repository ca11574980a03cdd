//! `daihoi task import FILE` and `daihoi task export --org CODE FILE`: the
//! task file (bảng nhiệm vụ) of T-7, idempotent by external id.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use daihoi_core::members::import::column_letter;
use daihoi_documents::Registry;
use daihoi_sheets::LegacyEncoding;
use daihoi_store::Db;
use daihoi_store::tasks::import::TaskRowProblem;
use daihoi_store::tasks::import::sheet::{ParsedSheet, TaskRow, TaskSheetError, first_task_sheet};

use crate::output::BadInput;

/// The address the audit log records for the command line.
use crate::ADDRESS;

#[derive(clap::Subcommand)]
pub enum TaskCommand {
    /// Import tasks from .xlsx, .xls, .ods or .csv: each row creates or
    /// updates the task of its external id (Mã nhiệm vụ); one refused row
    /// and nothing is written.
    Import(ImportArgs),
    /// Export the tasks of a subtree to .xlsx or .csv, in the columns the
    /// import reads (importing the file back changes nothing).
    Export(ExportArgs),
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The task file: .xlsx, .xls, .ods or .csv.
    file: PathBuf,
    /// The day the tasks are given: the organization tree is read on it
    /// (dd/mm/yyyy; default: today).
    #[arg(long)]
    date: Option<String>,
    /// Convert text typed in the legacy TCVN3 (ABC) or VNI encodings to Unicode.
    #[arg(long)]
    convert_legacy: bool,
    /// Check the file against the database and report, without writing anything.
    #[arg(long)]
    dry_run: bool,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// Code of the organization whose subtree's tasks are exported.
    #[arg(long)]
    org: String,
    /// The file to write: .xlsx or .csv.
    file: PathBuf,
    /// The tree on this date (dd/mm/yyyy; default: today).
    #[arg(long)]
    date: Option<String>,
}

pub async fn run(db: &Db, command: &TaskCommand) -> anyhow::Result<()> {
    match command {
        TaskCommand::Import(args) => import(db, args).await,
        TaskCommand::Export(args) => export(db, args).await,
    }
}

fn encoding_name(e: LegacyEncoding) -> &'static str {
    match e {
        LegacyEncoding::Tcvn3 => "TCVN3 (ABC, .VnTime fonts)",
        LegacyEncoding::Vni => "VNI (VNI-Times fonts)",
    }
}

/// `tasks.xlsx, sheet "Nhiệm vụ", row 5, column C (Ngày văn bản (document_date)) "x": why`
fn describe(file: &str, parsed: &ParsedSheet, p: &TaskRowProblem) -> String {
    let column = match parsed.header.position(p.column) {
        Some(i) => format!("column {} ({})", column_letter(i), p.column),
        None => format!("column {} (not in the file)", p.column),
    };
    let value = if p.value.is_empty() { String::new() } else { format!(" {:?}", p.value) };
    format!("{file}, sheet \"{}\", row {}, {column}{value}: {}", parsed.sheet, p.line, p.refusal)
}

async fn import(db: &Db, args: &ImportArgs) -> anyhow::Result<()> {
    let date = crate::date_arg(args.date.as_deref())?;
    let mut wb = crate::output::read_spreadsheet(&args.file)?;
    if let Some(found) = wb.legacy.clone() {
        if !args.convert_legacy {
            return Err(BadInput::new(format!(
                "{}, sheet \"{}\", row {}, column {}: the text looks typed in the legacy {} encoding ({:?} reads as \
                 {:?}). Nothing was imported. Run again with --convert-legacy to convert it to Unicode.",
                wb.file,
                found.sheet,
                found.row,
                column_letter(found.column - 1),
                encoding_name(found.encoding),
                found.sample,
                daihoi_sheets::to_unicode(&found.sample, found.encoding)
            ))
            .into());
        }
        daihoi_sheets::convert_workbook(&mut wb, found.encoding);
        eprintln!("converted the {} text to Unicode", encoding_name(found.encoding));
    }
    let registry = Registry::default_party();
    let parsed = first_task_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice())), &registry).map_err(
        |e| match e {
            TaskSheetError::NoSheet => BadInput::new(format!("{}: {e}", wb.file)),
            TaskSheetError::Header { .. } => BadInput::new(format!("{}, {e}", wb.file)),
        },
    )?;
    if !parsed.header.ignored.is_empty() {
        eprintln!("note: columns ignored: {}", parsed.header.ignored.join(", "));
    }
    for w in &parsed.warnings {
        eprintln!(
            "note: {}, sheet \"{}\", row {}, column {} {:?}: {}",
            wb.file,
            w.sheet,
            w.row,
            column_letter(w.index),
            w.value,
            w.warning
        );
    }
    if !parsed.problems.is_empty() {
        crate::output::list_problems(parsed.problems.iter().map(|p| format!("{}, {p}", wb.file)));
        let rows: BTreeSet<usize> = parsed.problems.iter().map(|p| p.row).collect();
        return Err(BadInput::new(format!(
            "{}: {} rows with errors ({} problems); nothing was imported",
            wb.file,
            rows.len(),
            parsed.problems.len()
        ))
        .into());
    }
    let report = db.operator().tasks().import_tasks(&parsed.rows, date, ADDRESS, &wb.file, args.dry_run).await?;
    if !report.problems.is_empty() {
        crate::output::list_problems(report.problems.iter().map(|p| describe(&wb.file, &parsed, p)));
        let rows: BTreeSet<usize> = report.problems.iter().map(|p| p.line).collect();
        return Err(BadInput::new(format!(
            "{}: {} rows refused ({} problems); nothing was imported",
            wb.file,
            rows.len(),
            report.problems.len()
        ))
        .into());
    }
    let dry = if args.dry_run { " (dry run: nothing written)" } else { "" };
    println!(
        "{}: {} tasks: {} new, {} updated, {} unchanged{dry}",
        wb.file,
        parsed.rows.len(),
        report.created,
        report.updated,
        report.unchanged
    );
    Ok(())
}

/// Writes task rows as a task file; the format comes from the extension.
fn write_rows(path: &Path, rows: &[TaskRow]) -> anyhow::Result<u64> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let xlsx = match ext.as_deref() {
        Some("xlsx") => true,
        Some("csv") => false,
        _ => return Err(BadInput::new(format!("{}: the file name must end in .xlsx or .csv", path.display())).into()),
    };
    let bytes = daihoi_web::task_file_bytes(&path.display().to_string(), rows, xlsx)?;
    std::fs::write(path, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(rows.len() as u64)
}

async fn export(db: &Db, args: &ExportArgs) -> anyhow::Result<()> {
    let date = crate::date_arg(args.date.as_deref())?;
    let mut rows = Vec::new();
    for root in crate::roots_arg(db, Some(&args.org), date).await? {
        rows.extend(db.export_tasks(&root, date).await?);
    }
    let n = write_rows(&args.file, &rows)?;
    println!("{}: {n} tasks written", args.file.display());
    Ok(())
}
