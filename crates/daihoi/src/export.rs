//! `daihoi export members`.

use std::path::{Path, PathBuf};

use daihoi_core::members::import::{Column, MemberRow};
use daihoi_sheets::{Cell, SheetOut};
use daihoi_store::Db;
use time::Date;

use crate::output::BadInput;

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The file to write: .xlsx or .csv.
    #[arg(long, short)]
    output: PathBuf,
    /// Root of the subtree to export (default: every root).
    #[arg(long)]
    org: Option<String>,
    /// Members on this date (default: today).
    #[arg(long)]
    date: Option<String>,
    /// Write an empty member file with the column headers only.
    #[arg(long)]
    template: bool,
}

fn date_cell(d: Date) -> Cell {
    Cell::Date { year: d.year(), month: u8::from(d.month()), day: d.day() }
}

fn opt(d: Option<Date>) -> Cell {
    d.map_or(Cell::Empty, date_cell)
}

/// One member as cells, in [`Column::ALL`] order.
fn cells(r: &MemberRow) -> Vec<Cell> {
    let m = &r.member;
    Column::ALL
        .iter()
        .map(|c| match c {
            Column::CardNumber => Cell::Text(m.card_number.to_string()),
            Column::FullName => Cell::Text(m.name.full().to_owned()),
            Column::Gender => Cell::Text(m.gender.vi().to_owned()),
            Column::BirthDate => date_cell(m.birth_date),
            Column::Ethnicity => Cell::Text(m.ethnicity.clone()),
            Column::Organization => Cell::Text(r.organization.to_string()),
            Column::AdmissionDate => date_cell(m.admission_date),
            Column::OfficialDate => opt(m.official_date),
            Column::MemberSince => opt(r.member_since),
            Column::Condition => r.condition.map_or(Cell::Empty, |(k, _)| Cell::Text(k.vi().to_owned())),
            Column::ConditionFrom => opt(r.condition.map(|(_, from)| from)),
        })
        .collect()
}

const WIDTHS: [f64; 11] = [16.0, 26.0, 9.0, 12.0, 10.0, 18.0, 14.0, 14.0, 16.0, 24.0, 14.0];

/// Writes member rows as a member file; the format comes from the extension.
pub fn write_rows<'a>(path: &Path, rows: impl Iterator<Item = &'a MemberRow>) -> anyhow::Result<u64> {
    let header: Vec<&str> = Column::ALL.iter().map(|c| c.header()).collect();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let written = match ext.as_deref() {
        Some("xlsx") => daihoi_sheets::write_xlsx(
            path,
            &SheetOut { name: "Đảng viên", header: &header, column_widths: &WIDTHS },
            rows.map(cells),
        )?,
        Some("csv") => daihoi_sheets::write_csv(path, &header, rows.map(cells))?,
        _ => return Err(BadInput::new(format!("{}: the file name must end in .xlsx or .csv", path.display())).into()),
    };
    Ok(written)
}

pub async fn members(db: &Db, args: &ExportArgs) -> anyhow::Result<()> {
    if args.template {
        write_rows(&args.output, std::iter::empty())?;
        println!("{}: empty member file written (columns: see docs/member-import.md)", args.output.display());
        return Ok(());
    }
    let date = crate::date_arg(args.date.as_deref())?;
    let roots = crate::roots_arg(db, args.org.as_deref(), date).await?;
    let mut rows = Vec::new();
    for root in &roots {
        rows.extend(db.export_members(root, date).await?);
    }
    let n = write_rows(&args.output, rows.iter())?;
    println!("{}: {n} members written", args.output.display());
    Ok(())
}
