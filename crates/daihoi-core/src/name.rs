//! Vietnamese personal names (họ, tên đệm, tên) and their order.
//!
//! A Vietnamese list of people is ordered by given name (the last word), then
//! middle name, then family name, each compared with the Vietnamese collation
//! of CLDR: `Anh < Ánh < Ăn`, `D < Đ`, tones ngang < huyền < hỏi < ngã < sắc < nặng.

use std::cmp::Ordering;
use std::fmt;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale::locale;
use unicode_normalization::UnicodeNormalization;

/// A person's full name, split the Vietnamese way: family name (họ) first,
/// given name (tên) last, middle names (tên đệm) between.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName {
    full: String,
    /// Byte offsets in `full`: end of the family name, start of the given name.
    family_end: usize,
    given_start: usize,
}

/// A text that is not a usable name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadName {
    #[error("the name is empty")]
    Empty,
    #[error("the name {0:?} contains a digit or a symbol")]
    BadCharacter(String),
    #[error("the name is longer than 100 characters")]
    TooLong,
}

impl PersonName {
    /// Normalises (NFC, single spaces, trimmed) and splits a full name.
    pub fn parse(text: &str) -> Result<PersonName, BadName> {
        let full: String = text.split_whitespace().collect::<Vec<_>>().join(" ").nfc().collect();
        if full.is_empty() {
            return Err(BadName::Empty);
        }
        if full.chars().count() > 100 {
            return Err(BadName::TooLong);
        }
        if !full.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.')) {
            return Err(BadName::BadCharacter(full));
        }
        let family_end = full.find(' ').unwrap_or(0);
        let given_start = full.rfind(' ').map_or(0, |i| i + 1);
        Ok(PersonName { full, family_end, given_start })
    }

    /// The full name as written: "Nguyễn Văn An".
    pub fn full(&self) -> &str {
        &self.full
    }

    /// Họ: "Nguyễn" (empty for a one-word name).
    pub fn family(&self) -> &str {
        &self.full[..self.family_end]
    }

    /// Tên đệm: "Văn", "Thị Ngọc" (may be empty).
    pub fn middle(&self) -> &str {
        if self.given_start <= self.family_end + 1 { "" } else { &self.full[self.family_end + 1..self.given_start - 1] }
    }

    /// Tên: "An".
    pub fn given(&self) -> &str {
        &self.full[self.given_start..]
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full)
    }
}

/// Compares names and builds sort keys with the Vietnamese collation.
///
/// The collator is built once per process from ICU4X's compiled data
/// ([`NameCollator::vietnamese`]).
pub struct NameCollator {
    collator: CollatorBorrowed<'static>,
}

static VIETNAMESE: LazyLock<NameCollator> = LazyLock::new(|| NameCollator {
    #[expect(clippy::expect_used, reason = "the vi tailoring is in the compiled data; tested")]
    collator: Collator::try_new(locale!("vi").into(), CollatorOptions::default())
        .expect("ICU4X compiled data has the vi collation"),
});

impl NameCollator {
    /// The process-wide Vietnamese collator.
    pub fn vietnamese() -> &'static NameCollator {
        &VIETNAMESE
    }

    /// Compares two texts (words) in Vietnamese order.
    pub fn compare_text(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }

    /// Compares names: given name, then middle name, then family name (R-LIST-8
    /// uses the same order for ballots).
    pub fn compare(&self, a: &PersonName, b: &PersonName) -> Ordering {
        self.compare_text(a.given(), b.given())
            .then_with(|| self.compare_text(a.middle(), b.middle()))
            .then_with(|| self.compare_text(a.family(), b.family()))
    }

    /// A byte string whose byte order is [`NameCollator::compare`]'s order, to
    /// store in a `BLOB`/`BYTEA` column and sort on in SQL (both engines compare
    /// those bytewise). Each part's ICU sort key is followed by a 0 byte, which
    /// no ICU sort key contains.
    pub fn sort_key(&self, name: &PersonName) -> Vec<u8> {
        let mut key = Vec::with_capacity(48);
        for part in [name.given(), name.middle(), name.family()] {
            let Ok(()) = self.collator.write_sort_key_to(part, &mut key);
            key.push(0);
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn n(s: &str) -> PersonName {
        PersonName::parse(s).unwrap()
    }

    #[test]
    fn splits_vietnamese_names() {
        let a = n("  Phạm   Thị Ngọc  Ánh ");
        assert_eq!(a.full(), "Phạm Thị Ngọc Ánh");
        assert_eq!((a.family(), a.middle(), a.given()), ("Phạm", "Thị Ngọc", "Ánh"));
        let b = n("Lê Anh");
        assert_eq!((b.family(), b.middle(), b.given()), ("Lê", "", "Anh"));
        let c = n("Thúy");
        assert_eq!((c.family(), c.middle(), c.given()), ("", "", "Thúy"));
        assert_eq!(PersonName::parse("  "), Err(BadName::Empty));
        assert!(matches!(PersonName::parse("Nguyễn Văn 2"), Err(BadName::BadCharacter(_))));
        // NFD input becomes NFC.
        assert_eq!(n("Nguye\u{302}\u{303}n An").full(), "Nguyễn An");
    }

    #[test]
    fn vietnamese_letter_and_tone_order() {
        let c = NameCollator::vietnamese();
        let mut words = vec!["Ương", "Đức", "Dũng", "Bình", "Ăn", "Ánh", "Anh"];
        words.sort_by(|a, b| c.compare_text(a, b));
        assert_eq!(words, ["Anh", "Ánh", "Ăn", "Bình", "Dũng", "Đức", "Ương"]);
        let mut tones = vec!["mạ", "má", "mã", "mả", "mà", "ma"];
        tones.sort_by(|a, b| c.compare_text(a, b));
        assert_eq!(tones, ["ma", "mà", "mả", "mã", "má", "mạ"]);
    }

    #[test]
    fn names_sort_by_given_then_middle_then_family() {
        let c = NameCollator::vietnamese();
        let mut names: Vec<PersonName> =
            ["Đỗ Thị Ương", "Hoàng Dũng", "Nguyễn Văn Bình", "Trần Thị Ánh", "Phạm Đức Anh", "Lê Anh"]
                .into_iter()
                .map(n)
                .collect();
        names.sort_by(|a, b| c.compare(a, b));
        let sorted: Vec<&str> = names.iter().map(PersonName::full).collect();
        assert_eq!(sorted, ["Lê Anh", "Phạm Đức Anh", "Trần Thị Ánh", "Nguyễn Văn Bình", "Hoàng Dũng", "Đỗ Thị Ương"]);
    }

    fn name_strategy() -> impl Strategy<Value = PersonName> {
        let word = proptest::sample::select(vec![
            "An", "Anh", "Ánh", "Ăn", "Ân", "Bình", "Dũng", "Đức", "Đặng", "Nguyễn", "Lê", "Lệ", "Thị", "Văn", "Ngọc",
            "Hương", "Hường", "Ương", "Ưng", "Ơn", "Ôn", "On", "Ma", "Mà", "Mả", "Mã", "Má", "Mạ", "A",
        ]);
        proptest::collection::vec(word, 1..5).prop_map(|w| n(&w.join(" ")))
    }

    proptest! {
        /// The stored sort key orders exactly as the comparison does, so SQL
        /// `ORDER BY name_key` is the Vietnamese order on both engines.
        #[test]
        fn sort_key_matches_compare(a in name_strategy(), b in name_strategy()) {
            let c = NameCollator::vietnamese();
            prop_assert_eq!(c.sort_key(&a).cmp(&c.sort_key(&b)), c.compare(&a, &b));
        }

        /// The order is total: antisymmetric and transitive.
        #[test]
        fn total_order(a in name_strategy(), b in name_strategy(), d in name_strategy()) {
            let c = NameCollator::vietnamese();
            prop_assert_eq!(c.compare(&a, &b), c.compare(&b, &a).reverse());
            if c.compare(&a, &b) != Ordering::Greater && c.compare(&b, &d) != Ordering::Greater {
                prop_assert_ne!(c.compare(&a, &d), Ordering::Greater);
            }
        }
    }
}
