//! Search keys: text folded so that "nguyen van an" finds "Nguyễn Văn An".
//!
//! The key is computed here, in Rust, and stored beside the text, so that a
//! search gives the same results on SQLite and PostgreSQL (whose `LIKE`
//! semantics differ).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` into its search key: lower case, Vietnamese (and other Latin)
/// diacritics removed, `đ` → `d`, runs of white space collapsed to one space,
/// trimmed.
///
/// ```
/// assert_eq!(daihoi_core::search_key("  Nguyễn  Văn ĐỨC "), "nguyen van duc");
/// ```
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::search_key;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(search_key("Nguyễn Văn An"), "nguyen van an");
        assert_eq!(search_key("ĐẶNG THỊ HƯƠNG"), "dang thi huong");
        assert_eq!(search_key("Ỷ Ỵ Ờ Ợ Ữ Ặ Ẫ Ệ Ổ Ỡ"), "y y o o u a a e o o");
        assert_eq!(search_key("\tLê\u{a0}\nQuang  "), "le quang");
        // Decomposed input (NFD, as some Mac and old Windows tools write it).
        assert_eq!(search_key("Nguye\u{302}\u{303}n"), "nguyen");
    }

    proptest! {
        #[test]
        fn idempotent(s in "\\PC{0,40}") {
            let once = search_key(&s);
            prop_assert_eq!(search_key(&once), once.clone());
        }

        #[test]
        fn ascii_lowercase_unchanged(s in "[a-z0-9]{1,10}( [a-z0-9]{1,10}){0,3}") {
            prop_assert_eq!(search_key(&s), s);
        }
    }
}
