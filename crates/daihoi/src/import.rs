//! `daihoi import members FILE`.

use std::path::PathBuf;

use daihoi_core::members::import::{
    CellProblem, Column, MemberSheetError, ParsedSheet, column_letter, first_member_sheet,
};
use daihoi_sheets::{LegacyEncoding, Workbook};
use daihoi_store::Db;
use daihoi_store::members::{ImportError, ImportRow};

use crate::output::{BadInput, progress_bar};

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The member file: .xlsx, .xls, .ods or .csv.
    file: PathBuf,
    /// Date a change of cell takes effect when the file gives none (default: today).
    #[arg(long)]
    as_of: Option<String>,
    /// Convert text typed in the legacy TCVN3 (ABC) or VNI encodings to Unicode.
    #[arg(long)]
    convert_legacy: bool,
    /// Check the file and report, without writing anything.
    #[arg(long)]
    dry_run: bool,
}

fn encoding_name(e: LegacyEncoding) -> &'static str {
    match e {
        LegacyEncoding::Tcvn3 => "TCVN3 (ABC, .VnTime fonts)",
        LegacyEncoding::Vni => "VNI (VNI-Times fonts)",
    }
}

/// "members.xlsx, sheet "Đảng viên", row 5, column C"
fn place(file: &str, sheet: &str, row: usize, column: Option<usize>) -> String {
    match column {
        Some(c) => format!("{file}, sheet \"{sheet}\", row {row}, column {}", column_letter(c)),
        None => format!("{file}, sheet \"{sheet}\", row {row}"),
    }
}

fn describe(file: &str, sheet: &str, p: &CellProblem) -> String {
    let column = p.column.map(|(_, c)| format!(" ({c})")).unwrap_or_default();
    let value = if p.value.is_empty() { String::new() } else { format!(" {:?}:", p.value) };
    format!("{}{column}:{value} {}", place(file, sheet, p.row, p.column.map(|(i, _)| i)), p.message)
}

/// Picks the first sheet that has the member columns.
fn member_sheet(wb: &Workbook, today: time::Date) -> Result<(&str, ParsedSheet), BadInput> {
    first_member_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice())), today).map_err(|e| match e {
        MemberSheetError::NoSheet => BadInput::new(format!("{}: {e}", wb.file)),
        MemberSheetError::Header { .. } => BadInput::new(format!("{}, {e}", wb.file)),
    })
}

pub async fn members(db: &Db, args: &ImportArgs) -> anyhow::Result<()> {
    let today = crate::today();
    let as_of = crate::date_arg(args.as_of.as_deref())?;
    let mut wb = crate::output::read_spreadsheet(&args.file)?;
    if let Some(found) = wb.legacy.clone() {
        if !args.convert_legacy {
            let converted = daihoi_sheets::to_unicode(&found.sample, found.encoding);
            return Err(BadInput::new(format!(
                "{}: the text looks typed in the legacy {} encoding ({:?} reads as {:?}). \
                 Nothing was imported. Run again with --convert-legacy to convert it to Unicode.",
                place(&wb.file, &found.sheet, found.row, Some(found.column - 1)),
                encoding_name(found.encoding),
                found.sample,
                converted
            ))
            .into());
        }
        daihoi_sheets::convert_workbook(&mut wb, found.encoding);
        eprintln!("converted the {} text to Unicode", encoding_name(found.encoding));
    }
    let (sheet, parsed) = member_sheet(&wb, today)?;
    if !parsed.header.ignored.is_empty() {
        eprintln!("note: columns ignored: {}", parsed.header.ignored.join(", "));
    }
    if !parsed.problems.is_empty() {
        crate::output::list_problems(parsed.problems.iter().map(|p| describe(&wb.file, sheet, p)));
        let rows: std::collections::BTreeSet<usize> = parsed.problems.iter().map(|p| p.row).collect();
        return Err(BadInput::new(format!(
            "{}: {} rows with errors ({} problems); nothing was imported",
            wb.file,
            rows.len(),
            parsed.problems.len()
        ))
        .into());
    }
    let rows: Vec<ImportRow> = parsed.rows.into_iter().map(|(line, row)| ImportRow { line, row }).collect();
    if args.dry_run {
        println!("{}: {} valid rows (dry run: nothing written)", wb.file, rows.len());
        return Ok(());
    }
    let started = std::time::Instant::now();
    let bar = progress_bar(rows.len() as u64, "rows");
    let result = db
        .operator()
        .members()
        .import_members_everywhere(&rows, as_of, crate::ADDRESS, &wb.file, &mut |n| bar.set_position(n as u64))
        .await;
    bar.finish_and_clear();
    match result {
        Ok(r) => {
            println!(
                "{}: {} rows in {:.1?}: {} new, {} updated, {} moved to another cell, {} with changed conditions, {} unchanged",
                wb.file,
                rows.len(),
                started.elapsed(),
                r.created,
                r.updated,
                r.moved,
                r.conditions_changed,
                r.unchanged
            );
            Ok(())
        }
        Err(ImportError::Rows(problems)) => {
            crate::output::list_problems(problems.iter().map(|p| {
                let column = parsed.header.position(p.column);
                let shown = CellProblem {
                    row: p.line,
                    column: column.map(|c| (c, p.column)),
                    value: p.value.clone(),
                    message: p.refusal.to_string(),
                    problem: None,
                };
                let shown = if column.is_none() && p.column == Column::MemberSince {
                    CellProblem {
                        message: format!("{} (column {} is not in the file)", shown.message, Column::MemberSince),
                        ..shown
                    }
                } else {
                    shown
                };
                describe(&wb.file, sheet, &shown)
            }));
            Err(BadInput::new(format!("{}: {} rows refused; nothing was imported", wb.file, problems.len())).into())
        }
        Err(ImportError::Store(e)) => Err(e.into()),
    }
}
