//! `daihoi document parse|search`: Party document numbers (D-NUM-1…5) and
//! the document register.

use daihoi_documents::{Registry, parse_dated, parse_number};
use daihoi_store::Db;
use daihoi_store::documents::Classification;

use crate::output::BadInput;

#[derive(clap::Subcommand)]
pub enum DocumentCommand {
    /// Read document numbers as written ("Số: 190-QĐ/TW", "27 - HD/BTCTW", "qd 190/tw"…) and print
    /// each in its canonical form with any warning. Needs no database.
    Parse {
        /// The numbers.
        #[arg(required = true)]
        numbers: Vec<String>,
        /// The issue date, to check that the type and issuer were in use then.
        #[arg(long)]
        date: Option<String>,
    },
    /// List registered documents whose number, title or summary contain the words (newest first).
    Search {
        /// Words; case and diacritics are ignored. Without words, every document.
        words: Vec<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

/// `daihoi document parse`: one line per number; exits 2 when one is refused.
pub fn parse(numbers: &[String], date: Option<&str>) -> anyhow::Result<()> {
    let registry = Registry::default_party();
    let date = date.map(|d| crate::date_arg(Some(d))).transpose()?;
    let mut refused = Vec::new();
    for text in numbers {
        let parsed = match date {
            Some(d) => parse_dated(text, &registry, d),
            None => parse_number(text, &registry),
        };
        match parsed {
            Ok(p) => {
                let n = &p.number;
                let type_name =
                    registry.doc_type(n.doc_type().as_str()).map(|t| t.names.join(" / ")).unwrap_or_default();
                let issuer_name = registry.issuer(n.issuer().as_str()).map(|i| i.name.clone()).unwrap_or_default();
                println!("{text:?}: {n} ({type_name}; {issuer_name})");
                for w in &p.warnings {
                    println!("  warning: {w}");
                }
            }
            Err(e) => refused.push(format!("{text:?}: {e}")),
        }
    }
    if refused.is_empty() { Ok(()) } else { Err(BadInput::new(refused.join("\n")).into()) }
}

/// `daihoi document search`: the register as the command line's operator sees it.
pub async fn search(db: &Db, words: &[String], limit: u32) -> anyhow::Result<()> {
    let found = db.search_documents(&words.join(" "), Classification::Secret, limit).await?;
    for d in &found {
        println!("{}  {}  {}", d.number_label(), daihoi_core::date::vi(d.issued_on), d.title);
        for l in db.document_links(d.id).await? {
            println!(
                "    {} {} ({})",
                l.kind.code_in(l.direction),
                l.other.number_label(),
                daihoi_core::date::vi(l.other.issued_on)
            );
        }
    }
    if found.is_empty() {
        println!("no document");
    }
    Ok(())
}
