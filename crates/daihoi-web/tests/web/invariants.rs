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
