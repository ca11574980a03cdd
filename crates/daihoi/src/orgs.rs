//! `daihoi org …` and `daihoi import orgs`: building and changing the tree.

use std::path::PathBuf;

use daihoi_core::date::{check_history_date, parse_date};
use daihoi_core::{OrgKind, members::import::column_letter, search_key};
use daihoi_store::Db;
use daihoi_store::orgs::NewOrg;

use crate::output::BadInput;
use crate::{date_arg, org_arg};

#[derive(clap::Subcommand)]
pub enum OrgCommand {
    /// Create an organization.
    Create {
        /// Its code, e.g. QN.DH.QT.CB05.
        code: String,
        /// Its name, e.g. "Chi bộ thôn Tân Hợp".
        #[arg(long)]
        name: String,
        /// central, province, district, commune, grassroots, partial_committee, grassroots_cell, cell.
        #[arg(long)]
        kind: OrgKind,
        /// Code of the organization it sits under.
        #[arg(long)]
        parent: Option<String>,
        /// Date it exists from (default: today).
        #[arg(long)]
        from: Option<String>,
    },
    /// Move an organization, with its subtree, under another parent from a date.
    Move {
        code: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Merge an organization into another from a date: its sub-organizations and members follow.
    Merge {
        code: String,
        #[arg(long)]
        into: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Rename an organization from a date.
    Rename {
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// End an organization that has no sub-organizations and no members left.
    Dissolve {
        code: String,
        #[arg(long)]
        date: Option<String>,
    },
}

/// A refusal of the store, as bad input (status 2), or a failure.
pub(crate) fn refused(e: daihoi_store::StoreError) -> anyhow::Error {
    use daihoi_store::StoreError as E;
    match e {
        E::Database(_) | E::Migrate(_) | E::CreateDir { .. } | E::UnsupportedUrl(_) | E::Corrupt(_) => e.into(),
        refusal => BadInput::new(refusal.to_string()).into(),
    }
}

pub async fn run(db: &Db, command: &OrgCommand) -> anyhow::Result<()> {
    match command {
        OrgCommand::Create { code, name, kind, parent, from } => {
            let code = org_arg(code)?;
            let parent = parent.as_deref().map(org_arg).transpose()?;
            let new = NewOrg {
                code: &code,
                name,
                kind: *kind,
                parent: parent.as_ref(),
                valid_from: date_arg(from.as_deref())?,
            };
            let node = db.operator().orgs().create_org(&new, crate::ADDRESS).await.map_err(refused)?;
            println!("created {} {} ({})", node.code, node.name, node.kind.vi());
        }
        OrgCommand::Move { code, to, date } => {
            let (code, to, date) = (org_arg(code)?, org_arg(to)?, date_arg(date.as_deref())?);
            db.operator().orgs().move_org(&code, &to, date, crate::ADDRESS).await.map_err(refused)?;
            println!("moved {code} under {to}");
        }
        OrgCommand::Merge { code, into, date } => {
            let (code, into, date) = (org_arg(code)?, org_arg(into)?, date_arg(date.as_deref())?);
            db.operator().orgs().merge_org(&code, &into, date, crate::ADDRESS).await.map_err(refused)?;
            println!("merged {code} into {into}");
        }
        OrgCommand::Rename { code, name, date } => {
            let (code, date) = (org_arg(code)?, date_arg(date.as_deref())?);
            db.operator().orgs().rename_org(&code, name, date, crate::ADDRESS).await.map_err(refused)?;
            println!("renamed {code}: {name}");
        }
        OrgCommand::Dissolve { code, date } => {
            let (code, date) = (org_arg(code)?, date_arg(date.as_deref())?);
            db.operator().orgs().dissolve_org(&code, date, crate::ADDRESS).await.map_err(refused)?;
            println!("dissolved {code}");
        }
    }
    Ok(())
}

#[derive(clap::Args)]
pub struct ImportOrgsArgs {
    /// A sheet with the columns: Mã (code), Tên (name), Loại (kind), Mã cấp trên (parent), Từ ngày (from).
    file: PathBuf,
}

/// The organization file's columns: (Vietnamese header, key).
const COLUMNS: [(&str, &str); 5] =
    [("Mã", "code"), ("Tên", "name"), ("Loại", "kind"), ("Mã cấp trên", "parent"), ("Từ ngày", "from")];

/// `daihoi import orgs FILE`: creates the organizations of the file, parents
/// before children, in one transaction; an organization that already exists
/// with the same name, kind and parent is left as it is. Every row is checked
/// first with the store's own rules (O-CODE-1, TEXT-1, O-DATE-1), so that all
/// the problems of the file are listed at once; the store checks them again.
pub async fn import(db: &Db, args: &ImportOrgsArgs) -> anyhow::Result<()> {
    let wb = crate::output::read_spreadsheet(&args.file)?;
    let sheet = wb.sheets.first().ok_or_else(|| BadInput::new(format!("{}: the file has no sheet", wb.file)))?;
    let header = sheet.rows.first().cloned().unwrap_or_default();
    let position = |i: usize| {
        let (vi, key) = COLUMNS[i];
        header.iter().position(|h| {
            let k = search_key(h);
            k == search_key(vi) || k == key
        })
    };
    let positions: Vec<Option<usize>> = (0..COLUMNS.len()).map(position).collect();
    let missing: Vec<String> = [0, 1, 2]
        .into_iter()
        .filter(|&c| positions[c].is_none())
        .map(|c| format!("{} ({})", COLUMNS[c].0, COLUMNS[c].1))
        .collect();
    if !missing.is_empty() {
        return Err(BadInput::new(format!(
            "{}, sheet \"{}\", row 1: missing columns {} (expected headers: {})",
            wb.file,
            sheet.name,
            missing.join(", "),
            COLUMNS.iter().map(|(vi, key)| format!("{vi} ({key})")).collect::<Vec<_>>().join(", ")
        ))
        .into());
    }
    let today = crate::today();
    let mut problems = Vec::new();
    let mut orgs = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        let cell = |c: usize| positions[c].and_then(|p| row.get(p)).map_or("", |s| s.trim());
        if (0..COLUMNS.len()).all(|c| cell(c).is_empty()) {
            continue;
        }
        let at = |c: usize| {
            format!(
                "{}, sheet \"{}\", row {}, column {}",
                wb.file,
                sheet.name,
                i + 1,
                positions[c].map(column_letter).unwrap_or_default()
            )
        };
        let code = daihoi_core::OrgCode::parse(cell(0))
            .map_err(|e| problems.push(format!("{} ({}): {e}", at(0), COLUMNS[0].1)));
        let name = cell(1);
        if name.is_empty() {
            problems.push(format!("{} (name): required, but empty", at(1)));
        } else if let Err(e) = daihoi_core::text::org_name(name) {
            problems.push(format!("{} (name): {e}", at(1)));
        }
        let kind = cell(2).parse::<OrgKind>().map_err(|e| problems.push(format!("{} (kind): {e}", at(2))));
        let parent = match cell(3) {
            "" => Ok(None),
            p => {
                daihoi_core::OrgCode::parse(p).map(Some).map_err(|e| problems.push(format!("{} (parent): {e}", at(3))))
            }
        };
        if let (Ok(code), Ok(parent)) = (&code, &parent)
            && let Err(e) = code.check_placement(parent.as_ref())
        {
            problems.push(format!("{} (code): {e}", at(0)));
        }
        let from = match cell(4) {
            "" => Ok(today),
            d => match parse_date(d) {
                None => {
                    problems.push(format!("{} (from): {d:?} is not a date (dd/mm/yyyy)", at(4)));
                    Err(())
                }
                Some(date) => check_history_date(date, today)
                    .map(|()| date)
                    .map_err(|e| problems.push(format!("{} (from): {e}", at(4)))),
            },
        };
        if let (Ok(code), Ok(kind), Ok(parent), Ok(from)) = (code, kind, parent, from) {
            orgs.push((i + 1, code, name.to_owned(), kind, parent, from));
        }
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        return Err(BadInput::new(format!("{}: {} problems; nothing was imported", wb.file, problems.len())).into());
    }
    let new: Vec<daihoi_store::orgs::NewOrgRow> = orgs
        .into_iter()
        .map(|(line, code, name, kind, parent, valid_from)| daihoi_store::orgs::NewOrgRow {
            line,
            code,
            name,
            kind,
            parent,
            valid_from,
        })
        .collect();
    match db.operator().orgs().import_orgs(&new, &wb.file, crate::ADDRESS).await {
        Ok(report) => {
            println!("{}: {} organizations created, {} already there", wb.file, report.created, report.unchanged);
            Ok(())
        }
        Err(daihoi_store::orgs::OrgImportError::Row { line, error }) => Err(BadInput::new(format!(
            "{}, sheet \"{}\", row {line}: {}; nothing was imported",
            wb.file,
            sheet.name,
            refused(error)
        ))
        .into()),
        Err(daihoi_store::orgs::OrgImportError::Store(e)) => Err(e.into()),
    }
}
