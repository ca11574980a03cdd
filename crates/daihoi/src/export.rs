//! `daihoi export members`.

use std::path::{Path, PathBuf};

use daihoi_core::members::import::MemberRow;
use daihoi_store::Db;
use daihoi_web::members::file::{member_cells, member_header, member_sheet};

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

/// Writes member rows as a member file (the cells as the web's export
/// writes them: [`member_cells`]); the format comes from the extension.
pub fn write_rows<'a>(path: &Path, rows: impl Iterator<Item = &'a MemberRow>) -> anyhow::Result<u64> {
    let header = member_header();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let written = match ext.as_deref() {
        Some("xlsx") => daihoi_sheets::write_xlsx(path, &member_sheet(&header), rows.map(member_cells))?,
        Some("csv") => daihoi_sheets::write_csv(path, &header, rows.map(member_cells))?,
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
        rows.extend(db.operator().members().export_members(root, date).await?);
    }
    let n = write_rows(&args.output, rows.iter())?;
    println!("{}: {n} members written", args.output.display());
    Ok(())
}
