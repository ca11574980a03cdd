//! `daihoi import congress-plans`: the plan file of a campaign (C-PLAN-1…5,
//! one row per organization), as the web's plan file page imports it: the
//! same columns, the same checks, one audit entry per congress written, as
//! the operator; all or nothing, every bad row named.

use std::path::PathBuf;

use daihoi_congress::sheet::{Column, first_plan_sheet};
use daihoi_core::members::import::column_letter;
use daihoi_store::Db;
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
