//! Architecture invariants of the web crate, checked on its source.
//!
//! Access is a capability: only `src/access/` holds the database handle;
//! every other module reaches data through a caller's scoped view, and no
//! module takes the command line's all-powerful operator view, and no
//! module decides a permission from a role's reach instead of asking the
//! feature's policy.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

#[test]
fn only_the_access_module_holds_the_database() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 5, "found the sources");
    let access = root.join("access");
    let mut offenders = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        if text.contains("Viewer::operator") || text.contains("operator()") {
            offenders.push(format!("{}: takes the operator's view", f.display()));
        }
        // Permissions are the features' named decisions (`scoped.tasks().may_assign(..)`),
        // never the web's own reading of what a role reaches.
        if text.contains(".reach(") || has_word(&text, "Reach") || text.contains(".reads_any_audit(") {
            offenders.push(format!("{}: reads a role's reach instead of asking the feature's policy", f.display()));
        }
        if !f.starts_with(&access) && has_word(&text, "Db") {
            offenders.push(format!("{}: names the database handle `Db` outside src/access/", f.display()));
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

#[test]
fn the_word_check_finds_words_only() {
    assert!(has_word("use daihoi_store::Db;", "Db"));
    assert!(!has_word("DbSessionStore", "Db"));
    assert!(!has_word("my_Db", "Db"));
}

/// The OpenAPI document names each schema by its type's name, and utoipa
/// keeps one schema per name: two types of the same name (a task's and a
/// petition's `EventBody`) would silently give one operation the other's
/// body. Every type that derives `ToSchema` has a name of its own in the
/// web crate.
#[test]
fn every_api_schema_has_a_name_of_its_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut seen: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    let mut twice = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut derives_schema = false;
        for line in text.lines().map(str::trim) {
            if line.starts_with("#[derive(") {
                // Parameters (`IntoParams`) are inlined, not named schemas.
                derives_schema = has_word(line, "ToSchema");
                continue;
            }
            if line.starts_with("#[") || line.starts_with("///") {
                continue;
            }
            if derives_schema {
                let name = ["pub struct ", "pub enum ", "struct ", "enum ", "pub(crate) struct ", "pub(crate) enum "]
                    .iter()
                    .find_map(|p| line.strip_prefix(p))
                    .map(|rest| rest.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("").to_owned());
                if let Some(name) = name.filter(|n| !n.is_empty())
                    && let Some(first) = seen.insert(name.clone(), file.clone())
                {
                    twice.push(format!("{name}: {} and {}", first.display(), file.display()));
                }
            }
            derives_schema = false;
        }
    }
    assert!(seen.len() > 50, "the scan found only {} schemas", seen.len());
    assert!(twice.is_empty(), "schemas of the same name: {twice:#?}");
}
