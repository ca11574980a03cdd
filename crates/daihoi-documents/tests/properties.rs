//! Properties of number parsing (D-NUM-1, D-NUM-2).

use daihoi_documents::{Registry, parse_number};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn codes() -> (Vec<String>, Vec<String>) {
    let registry = Registry::default_party();
    (
        registry.types().iter().map(|t| t.code.clone()).collect(),
        registry.issuers().iter().map(|i| i.code.clone()).collect(),
    )
}

/// Text that looks like numbers: digits, codes, separators, prefixes,
/// Vietnamese letters.
fn numberish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Số:".to_owned()),
        Just("so ".to_owned()),
        Just("-".to_owned()),
        Just("/".to_owned()),
        Just(" ".to_owned()),
        Just("–".to_owned()),
        "[0-9]{1,8}",
        "[A-Za-zĐđÐ]{1,6}",
        "[ếộữơưạảăầ\u{0300}\u{0301}\u{0302}\u{0303}\u{0309}\u{0323}]{1,3}",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

proptest! {
    /// D-NUM-1: the canonical form reads back to the same number.
    #[test]
    fn canonical_round_trips(
        number in 1u32..=999_999,
        zeros in 0usize..3,
        t in any::<prop::sample::Index>(),
        i in any::<prop::sample::Index>(),
        lower in any::<bool>(),
        spaced in any::<bool>(),
        prefix in prop::sample::select(vec!["", "Số: ", "số ", "So:"]),
    ) {
        let registry = Registry::default_party();
        let (types, issuers) = codes();
        let (t, i) = (t.get(&types), i.get(&issuers));
        let digits = format!("{}{number}", "0".repeat(zeros));
        prop_assume!(digits.len() <= 6);
        let sep = if spaced { " " } else { "" };
        let mut text = format!("{prefix}{digits}{sep}-{sep}{t}{sep}/{sep}{i}");
        if lower {
            text = text.to_lowercase();
        }
        let parsed = parse_number(&text, &registry).unwrap();
        let n = parsed.number;
        prop_assert_eq!(n.number(), number);
        prop_assert_eq!(n.doc_type().as_str(), t.as_str());
        prop_assert_eq!(n.issuer().as_str(), i.as_str());
        let canonical = n.to_string();
        prop_assert_eq!(&canonical, &format!("{digits}-{t}/{i}"));
        let again = parse_number(&canonical, &registry).unwrap().number;
        prop_assert_eq!(&again, &n);
        prop_assert_eq!(again.to_string(), canonical);
    }

    /// D-NUM-2: parsing never panics.
    #[test]
    fn never_panics(text in any::<String>()) {
        let _ = parse_number(&text, &Registry::default_party());
    }

    #[test]
    fn never_panics_on_numberish(text in numberish()) {
        let _ = parse_number(&text, &Registry::default_party());
    }

    /// D-NUM-2: NFC and NFD input give the same result.
    #[test]
    fn nfc_and_nfd_agree(text in numberish()) {
        let registry = Registry::default_party();
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        prop_assert_eq!(parse_number(&nfc, &registry), parse_number(&nfd, &registry));
    }

    /// D-NUM-2: whatever is accepted shows in a canonical form that reads
    /// back to itself.
    #[test]
    fn accepted_is_canonical(text in numberish()) {
        let registry = Registry::default_party();
        if let Ok(parsed) = parse_number(&text, &registry) {
            let canonical = parsed.number.to_string();
            let again = parse_number(&canonical, &registry).unwrap();
            prop_assert_eq!(&again.number, &parsed.number);
            prop_assert_eq!(again.number.to_string(), canonical);
        }
    }
}
