//! The store reads columns by name, never by position: a column added to
//! or moved in a `SELECT` must not shift what the code reads. This test
//! scans the store's sources for `try_get(<digit>`, `try_get::<…>(<digit>`,
//! a `try_get` by a constant (`try_get(COUNT)`), and the column helpers
//! (`date_col`, `opt_date_col`, `gender_col`, `condition_col`, any `…_col`)
//! called with a position.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
pub(crate) fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The argument text after a call's `(` (spaces skipped).
fn argument(rest: &str) -> &str {
    rest.trim_start()
}

/// Whether an index argument reads a column by position: a number, or a
/// constant (an upper-case name).
fn positional(arg: &str) -> bool {
    let first = arg.chars().next().unwrap_or(' ');
    first.is_ascii_digit() || (first.is_ascii_uppercase() && arg.chars().nth(1).is_some_and(|c| c.is_ascii_uppercase()))
}

/// The positional column reads in one line of source.
fn positional_reads(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let code = line.split("//").next().unwrap_or("");
    // `try_get(`, `try_get::<…>(`
    let mut at = 0;
    while let Some(i) = code[at..].find("try_get") {
        let start = at + i;
        let mut rest = &code[start + "try_get".len()..];
        at = start + 1;
        if let Some(after) = rest.strip_prefix("::<") {
            let Some(close) = after.find(">(") else { continue };
            rest = &after[close + 1..];
        }
        let Some(args) = rest.strip_prefix('(') else { continue };
        if positional(argument(args)) {
            found.push(code[start..].chars().take(40).collect());
        }
    }
    // `…_col(row, 3)`: the helpers' second argument.
    let mut at = 0;
    while let Some(i) = code[at..].find("_col(") {
        let start = at + i;
        at = start + 1;
        let args = &code[start + "_col(".len()..];
        let Some(comma) = args.find(',') else { continue };
        let first = &args[..comma];
        if first.contains('(') || first.contains(':') {
            // A definition (`fn date_col(row: &AnyRow, …`) or a nested call.
            continue;
        }
        if positional(argument(&args[comma + 1..])) {
            found.push(code[start..].chars().take(40).collect());
        }
    }
    found
}

#[test]
fn the_scan_finds_positional_reads() {
    // Written in two pieces, so that `grep "try_get([0-9]"` finds nothing here either.
    assert_eq!(positional_reads(concat!("let a: i64 = row.try_get(", "0)?;")).len(), 1);
    assert_eq!(positional_reads(concat!("row.try_get::<String, _>(", "12)?")).len(), 1);
    assert_eq!(positional_reads(concat!("row.try_get( ", "3 )?")).len(), 1);
    assert_eq!(positional_reads(r#"row.try_get(LIST_COLUMN_COUNT)?"#).len(), 1);
    assert_eq!(positional_reads(r#"date_col(row, 4)?, opt_date_col(&row, 5)?"#).len(), 2);
    assert_eq!(positional_reads(r#"gender_col(r, 3)?"#).len(), 1);
    assert!(positional_reads(r#"row.try_get("id")?; row.try_get::<i64, _>("n")?"#).is_empty());
    assert!(positional_reads(r#"date_col(row, "issued_on")?; row.try_get(i)?; counts.try_get(count)?"#).is_empty());
    assert!(positional_reads(r#"pub(crate) fn date_col<I>(row: &AnyRow, i: I) -> StoreResult<Date> {"#).is_empty());
}

#[test]
fn the_store_reads_columns_by_name() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = rust_files(&src);
    assert!(files.len() > 15, "{files:?}");
    let mut bad = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for read in positional_reads(line) {
                bad.push(format!("{}:{}: {read}", file.strip_prefix(&src).unwrap().display(), n + 1));
            }
        }
    }
    assert!(bad.is_empty(), "columns read by position (read them by name, with `AS` in the SQL):\n{}", bad.join("\n"));
}
