//! Document numbers: every real number in the research notes
//! (`shared/research/tracking-petitions-documents.md`, part C) and the
//! domain rules D-NUM-1 … D-NUM-5.

use daihoi_documents::{
    DocNumber, DocType, Evidence, Issuer, IssuerEntry, NumberError, NumberWarning, Part, Registry, RegistryError,
    TypeEntry, parse_dated, parse_number,
};
use time::macros::date;

fn party() -> Registry {
    Registry::default_party()
}

/// D-NUM-1, D-NUM-3, D-NUM-4: the real Party numbers of the research notes
/// (C.3, C.4, C.5, C.6 and the domain file), read without a warning.
#[test]
fn d_num_1_real_party_numbers() {
    // (text, number, digits as written, type, issuer)
    let table: &[(&str, u32, &str, &str, &str)] = &[
        // Domain file D-NUM-1 and the seed.
        ("23-NQ/TU", 23, "23", "NQ", "TU"),
        ("190-QĐ/TW", 190, "190", "QĐ", "TW"),
        ("27-HD/BTCTW", 27, "27", "HD", "BTCTW"),
        ("439-KH/TU", 439, "439", "KH", "TU"),
        ("06-HD/TU", 6, "06", "HD", "TU"),
        ("35-CT/TW", 35, "35", "CT", "TW"),
        ("8011-CV/BTCTW", 8011, "8011", "CV", "BTCTW"),
        ("244-QĐ/TW", 244, "244", "QĐ", "TW"),
        // C.3.
        ("57-NQ/TW", 57, "57", "NQ", "TW"),
        ("45-CT/TW", 45, "45", "CT", "TW"),
        ("259-QĐ/TW", 259, "259", "QĐ", "TW"),
        ("204-QĐ/TW", 204, "204", "QĐ", "TW"),
        ("296-QĐ/TW", 296, "296", "QĐ", "TW"),
        ("399-QĐ/TW", 399, "399", "QĐ", "TW"),
        ("97-QĐ/TW", 97, "97", "QĐ", "TW"),
        ("07-QĐi/TW", 7, "07", "QĐi", "TW"),
        ("08-QĐi/TW", 8, "08", "QĐi", "TW"),
        ("11-QĐi/TW", 11, "11", "QĐi", "TW"),
        ("127-KL/TW", 127, "127", "KL", "TW"),
        ("215-KL/TW", 215, "215", "KL", "TW"),
        ("107-KL/TW", 107, "107", "KL", "TW"),
        ("118-KL/TW", 118, "118", "KL", "TW"),
        ("08-QC/TW", 8, "08", "QC", "TW"),
        ("09-QC/TW", 9, "09", "QC", "TW"),
        ("05-TB/BCĐTW", 5, "05", "TB", "BCĐTW"),
        ("26-HD/BTCTW", 26, "26", "HD", "BTCTW"),
        ("36-HD/VPTW", 36, "36", "HD", "VPTW"),
        ("01-HD/VPTW", 1, "01", "HD", "VPTW"),
        ("11-HD/VPTW", 11, "11", "HD", "VPTW"),
        ("08-HD/UBKTTW", 8, "08", "HD", "UBKTTW"),
        ("06-HD/UBKTTW", 6, "06", "HD", "UBKTTW"),
        ("25-KH/TU", 25, "25", "KH", "TU"),
        ("111-KL/TU", 111, "111", "KL", "TU"),
        ("134-CV/UBKTTU", 134, "134", "CV", "UBKTTU"),
        // C.4.
        ("27-NQ/TW", 27, "27", "NQ", "TW"),
        ("18-NQ/TW", 18, "18", "NQ", "TW"),
        ("29-QĐ/TW", 29, "29", "QĐ", "TW"),
        ("66-QĐ/TW", 66, "66", "QĐ", "TW"),
        ("22-QĐ/TW", 22, "22", "QĐ", "TW"),
    ];
    let registry = party();
    for &(text, number, digits, doc_type, issuer) in table {
        let parsed = parse_number(text, &registry).unwrap_or_else(|e| panic!("{text}: {e}"));
        let n = &parsed.number;
        assert_eq!(parsed.warnings, vec![], "{text}");
        assert_eq!(n.number(), number, "{text}");
        assert_eq!(n.number_text(), digits, "{text}");
        assert_eq!(n.doc_type().as_str(), doc_type, "{text}");
        assert_eq!(n.issuer().as_str(), issuer, "{text}");
        assert_eq!(n.to_string(), text, "{text}: canonical form");
        assert_eq!(n.original(), text, "{text}");
    }
}

/// D-NUM-1: State numbers (C.2, C.3, A) are recognised and refused, never
/// read as Party numbers.
#[test]
fn d_num_1_state_numbers_are_refused() {
    // (text, number, year, symbol)
    let table: &[(&str, &str, Option<u16>, &str)] = &[
        ("30/2020/NĐ-CP", "30", Some(2020), "NĐ-CP"),
        ("1246/UBND-BTCD", "1246", None, "UBND-BTCD"),
        ("42/2014/QĐ-TTg", "42", Some(2014), "QĐ-TTg"),
        ("23/2018/QĐ-TTg", "23", Some(2018), "QĐ-TTg"),
        ("18/2016/QĐ-UBND", "18", Some(2016), "QĐ-UBND"),
        ("26/2015/QĐ-UBND", "26", Some(2015), "QĐ-UBND"),
        ("40/2016/TT-BCT", "40", Some(2016), "TT-BCT"),
        ("136/2025/QH15", "136", Some(2025), "QH15"),
        ("01/HNVB-VPCP", "01", None, "HNVB-VPCP"),
        ("1270/BC-TCTTTg", "1270", None, "BC-TCTTTg"),
        ("Số: 30 / 2020 / NĐ-CP", "30", Some(2020), "NĐ-CP"),
    ];
    let registry = party();
    for &(text, number, year, symbol) in table {
        match parse_number(text, &registry) {
            Err(NumberError::StateForm { number: n, year: y, symbol: s, .. }) => {
                assert_eq!((n.as_str(), y, s.as_str()), (number, year, symbol), "{text}");
            }
            other => panic!("{text}: expected a State form, got {other:?}"),
        }
    }
    let message = parse_number("30/2020/NĐ-CP", &registry).unwrap_err().to_string();
    assert!(message.contains("State document number"), "{message}");
}

/// D-NUM-2: prefixes, spaces, case, NFD, D/Đ confusion; the original is kept.
#[test]
fn d_num_2_lenient_input() {
    let registry = party();
    // (text, canonical, number of warnings)
    let table: &[(&str, &str, usize)] = &[
        ("Số: 23-NQ/TU", "23-NQ/TU", 0),
        ("số 23-NQ/TU", "23-NQ/TU", 0),
        ("So: 23-NQ/TU", "23-NQ/TU", 0),
        ("SỐ:23-NQ/TU", "23-NQ/TU", 0),
        ("Số. 439-KH/TU", "439-KH/TU", 0),
        ("  23 - NQ / TU  ", "23-NQ/TU", 0),
        ("23-nq/tu", "23-NQ/TU", 0),
        ("190-qđ/tw", "190-QĐ/TW", 0),
        ("07-qđi/tw", "07-QĐi/TW", 0),
        ("07-QĐI/TW", "07-QĐi/TW", 0),
        ("190-QD/TW", "190-QĐ/TW", 1),
        ("190-qd/tw", "190-QĐ/TW", 1),
        ("Số: 190 - QD / TW", "190-QĐ/TW", 1),
        ("27-HĐ/BTCTW", "27-HD/BTCTW", 1),
        ("05-TB/BCDTW", "05-TB/BCĐTW", 1),
        ("07-QDi/TW", "07-QĐi/TW", 1),
        // Latin eth for Đ, en dash for the hyphen: read silently.
        ("190-QÐ/TW", "190-QĐ/TW", 0),
        ("23–NQ/TU", "23-NQ/TU", 0),
        // NFD.
        ("S\u{6f}\u{302}\u{301}: 23-NQ/TU", "23-NQ/TU", 0),
    ];
    for &(text, canonical, warnings) in table {
        let parsed = parse_number(text, &registry).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(parsed.number.to_string(), canonical, "{text:?}");
        assert_eq!(parsed.number.original(), text, "{text:?}: original kept");
        assert_eq!(parsed.warnings.len(), warnings, "{text:?}: {:?}", parsed.warnings);
    }
    let parsed = parse_number("190-QD/TW", &registry).unwrap();
    assert_eq!(
        parsed.warnings,
        vec![NumberWarning::AsciiD { part: Part::Type, written: "QD".into(), canonical: "QĐ".into() }]
    );
    let parsed = parse_number("05-TB/BCDTW", &registry).unwrap();
    assert_eq!(
        parsed.warnings,
        vec![NumberWarning::AsciiD { part: Part::Issuer, written: "BCDTW".into(), canonical: "BCĐTW".into() }]
    );
}

/// D-NUM-2: NFC and NFD text give the same result.
#[test]
fn d_num_2_nfd_equals_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let registry = party();
    for text in ["Số: 190-QĐ/TW", "Số 04-QyĐ/ĐU", "Số: 30/2020/NĐ-CP", "Số: 23-Nghị/TU", "số 5-TB/Ban Tổ"]
    {
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(parse_number(&nfc, &registry), parse_number(&nfd, &registry), "{text}");
    }
}

/// D-NUM-1: what is not a number is refused with a reason.
#[test]
fn d_num_1_refusals() {
    let registry = party();
    let cases: &[(&str, NumberError)] = &[
        ("", NumberError::Empty),
        ("  Số:  ", NumberError::Empty),
        ("NQ/TU", NumberError::NoNumber { text: "NQ/TU".into() }),
        ("0-NQ/TU", NumberError::ZeroNumber { digits: "0".into() }),
        ("1234567-NQ/TU", NumberError::NumberTooLong { digits: "1234567".into() }),
        ("23", NumberError::MissingType { text: "23".into() }),
        ("23-", NumberError::MissingType { text: "23-".into() }),
        ("23-/TU", NumberError::MissingType { text: "23-/TU".into() }),
        ("23-NQ", NumberError::MissingIssuer { text: "23-NQ".into() }),
        ("23-NQ/", NumberError::MissingIssuer { text: "23-NQ/".into() }),
        ("23 NQ/TU", NumberError::NoSeparator { text: "23 NQ/TU".into() }),
        ("2 3-NQ/TU", NumberError::NoSeparator { text: "2 3-NQ/TU".into() }),
        ("23-N Q/TU", NumberError::BadCode { part: Part::Type, written: "N Q".into() }),
        ("23-NQ1/TU", NumberError::BadCode { part: Part::Type, written: "NQ1".into() }),
        ("23-NQ/TU/X", NumberError::BadCode { part: Part::Issuer, written: "TU/X".into() }),
        ("23-NQ/T U", NumberError::BadCode { part: Part::Issuer, written: "T U".into() }),
        ("23-NQ/1TU", NumberError::BadCode { part: Part::Issuer, written: "1TU".into() }),
        ("23-NĐ/CP", NumberError::UnknownType { code: "NĐ".into() }),
        ("23-XY/TU", NumberError::UnknownType { code: "XY".into() }),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_number(text, &registry).as_ref().map(|p| &p.number), Err(expected), "{text:?}");
    }
}

/// D-NUM-3: `QĐ` names quyết định and quy định; `QĐi` is 2018–2019; `QyĐ`
/// is accepted with a warning; the plausible types are in the registry.
#[test]
fn d_num_3_types() {
    let registry = party();
    let qd = registry.doc_type("QĐ").unwrap();
    assert_eq!(qd.names, vec!["quyết định", "quy định"]);
    assert_eq!(qd.evidence, Evidence::Observed);

    let parsed = parse_number("04-QyĐ/ĐU", &registry).unwrap();
    assert_eq!(parsed.number.to_string(), "04-QyĐ/ĐU");
    assert_eq!(parsed.warnings, vec![NumberWarning::StateAbbreviation { written: "QyĐ".into() }]);
    let parsed = parse_number("04-QyD/DU", &registry).unwrap();
    assert_eq!(parsed.number.to_string(), "04-QyĐ/ĐU");
    assert_eq!(parsed.warnings.len(), 3, "{:?}", parsed.warnings);

    for code in ["BC", "TTr", "CTr", "TT", "BB"] {
        let entry = registry.doc_type(code).unwrap();
        assert_eq!(entry.evidence, Evidence::Plausible, "{code}");
        let parsed = parse_number(&format!("12-{code}/TU"), &registry).unwrap();
        assert_eq!(parsed.number.doc_type().as_str(), code);
        assert!(parsed.warnings.is_empty());
    }
    // Case is part of the canonical code: "ttr" is TTr, "TTR" too.
    assert_eq!(parse_number("3-TTR/TU", &registry).unwrap().number.to_string(), "3-TTr/TU");

    // QĐi is dated.
    assert!(parse_dated("07-QĐi/TW", &registry, date!(2018 - 08 - 28)).unwrap().warnings.is_empty());
    assert!(parse_dated("11-QĐi/TW", &registry, date!(2019 - 02 - 18)).unwrap().warnings.is_empty());
    assert_eq!(
        parse_dated("11-QĐi/TW", &registry, date!(2024 - 01 - 01)).unwrap().warnings,
        vec![NumberWarning::OutsideValidity { part: Part::Type, code: "QĐi".into(), issued: date!(2024 - 01 - 01) }]
    );
    assert!(parse_dated("190-QĐ/TW", &registry, date!(2024 - 01 - 01)).unwrap().warnings.is_empty());
}

/// D-NUM-4: unknown issuers are kept with a warning; an organization adds
/// its own; colliding codes are refused.
#[test]
fn d_num_4_issuers() {
    let registry = party();
    for code in ["TW", "VPTW", "BTCTW", "UBKTTW", "BCĐTW", "TU", "UBKTTU"] {
        assert_eq!(registry.issuer(code).unwrap().evidence, Evidence::Observed, "{code}");
    }
    for code in ["HU", "ĐU", "CB", "BTCTU", "BTGTU"] {
        assert_eq!(registry.issuer(code).unwrap().evidence, Evidence::Plausible, "{code}");
    }
    // The Youth Union's hybrid form (C.3): issuer plus drafting unit.
    let parsed = parse_number("367 - QĐ/TWĐTN-VP", &registry).unwrap();
    assert_eq!(parsed.number.to_string(), "367-QĐ/TWĐTN-VP");
    assert_eq!(parsed.warnings, vec![NumberWarning::UnknownIssuer { code: "TWĐTN-VP".into() }]);
    let parsed = parse_number("12-CV/vptu", &registry).unwrap();
    assert_eq!(parsed.number.issuer().as_str(), "VPTU");
    assert_eq!(parsed.warnings, vec![NumberWarning::UnknownIssuer { code: "VPTU".into() }]);

    let local = party().with_local_issuers([IssuerEntry::local("VPTU", "Văn phòng Tỉnh ủy")]).unwrap();
    let parsed = parse_number("12-CV/vptu", &local).unwrap();
    assert_eq!(parsed.number.to_string(), "12-CV/VPTU");
    assert!(parsed.warnings.is_empty());

    assert_eq!(
        party().with_local_issuers([IssuerEntry::local("DU", "Đảng ủy")]),
        Err(RegistryError::Collision { existing: "ĐU".into(), added: "DU".into() })
    );
    assert_eq!(
        party().with_local_issuers([IssuerEntry::local("T U", "x")]),
        Err(RegistryError::BadCode { code: "T U".into() })
    );
    assert_eq!(
        party().with_local_types([TypeEntry::local("qd", "x")]),
        Err(RegistryError::Collision { existing: "QĐ".into(), added: "qd".into() })
    );
    let local = party().with_local_types([TypeEntry::local("ĐA", "đề án")]).unwrap();
    assert_eq!(parse_number("5-đa/TU", &local).unwrap().number.to_string(), "5-ĐA/TU");
    assert!(parse_number("5-ĐA/TU", &party()).is_err());
}

/// D-NUM-5: a number is not an identity; the date is part of it. 35-CT/TW
/// of 2014, 2019 and 2024 are three documents; 45-CT/TW of 2020 and 2025
/// are two.
#[test]
fn d_num_5_same_number_three_documents() {
    let registry = party();
    let n = parse_number("35-CT/TW", &registry).unwrap().number;
    let keys = [n.key(date!(2014 - 05 - 26)), n.key(date!(2019 - 05 - 30)), n.key(date!(2024 - 06 - 14))];
    let distinct: std::collections::HashSet<_> = keys.iter().collect();
    assert_eq!(distinct.len(), 3);
    assert!(keys.iter().all(|k| k.number == 35 && k.doc_type.as_str() == "CT" && k.issuer.as_str() == "TW"));

    let n = parse_number("45-CT/TW", &registry).unwrap().number;
    assert_ne!(n.key(date!(2020 - 06 - 20)), n.key(date!(2025 - 04 - 14)));

    // The number is compared as an integer in a key: 6 and 06 are one document.
    let six = parse_number("6-HD/TU", &registry).unwrap().number;
    let oh_six = parse_number("06-HD/TU", &registry).unwrap().number;
    assert_ne!(six, oh_six, "as written they differ");
    assert_eq!(six.key(date!(2025 - 01 - 02)), oh_six.key(date!(2025 - 01 - 02)));
}

#[test]
fn d_num_1_from_parts() {
    let n = DocNumber::new(6, 2, DocType::new("HD"), Issuer::new("TU"));
    assert_eq!(n.to_string(), "06-HD/TU");
    assert_eq!(n, parse_number("Số: 06 - HD/TU", &party()).unwrap().number);
    assert_eq!(DocNumber::new(8011, 2, DocType::new("CV"), Issuer::new("BTCTW")).to_string(), "8011-CV/BTCTW");
}

/// The messages people see, one per error and warning.
#[test]
fn messages() {
    let registry = party();
    let texts = [
        "",
        "NQ/TU",
        "0-NQ/TU",
        "1234567-NQ/TU",
        "30/2020/NĐ-CP",
        "23 NQ/TU",
        "23-",
        "23-NQ",
        "23-NQ1/TU",
        "23-XY/TU",
        "190-QD/TW",
        "04-QyĐ/ĐU",
        "12-CV/VPTU",
    ];
    let mut out = String::new();
    for text in texts {
        let line = match parse_number(text, &registry) {
            Ok(p) => {
                let warnings: Vec<String> = p.warnings.iter().map(ToString::to_string).collect();
                format!("{} | {}", p.number, warnings.join("; "))
            }
            Err(e) => format!("error: {e}"),
        };
        out.push_str(&format!("{text:?} => {line}\n"));
    }
    let dated = parse_dated("11-QĐi/TW", &registry, date!(2024 - 01 - 01)).unwrap();
    out.push_str(&format!("11-QĐi/TW in 2024 => {}\n", dated.warnings[0]));
    insta::assert_snapshot!(out);
}
