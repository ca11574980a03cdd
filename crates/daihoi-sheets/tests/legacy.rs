//! Properties of legacy-encoding detection and conversion.

use daihoi_sheets::{LegacyEncoding, detect, from_unicode, to_unicode};
use proptest::prelude::*;

/// Real Vietnamese words, many written only with Latin-1 letters (the ones
/// a careless detector would take for TCVN3 or VNI), some with old-style
/// tone placement (hoà, thuý).
const VIETNAMESE: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Văn", "Thị", "An", "Bình", "Hương", "Đức", "Ngọc", "Ánh", "Thụ", "Tâm", "Hà", "Tú", "Hòa", "hoà", "Toán",
    "Lò", "Mão", "Tài", "Thành", "Quân", "Tuấn", "Ý", "Yên", "Châu", "Giang", "Khoa", "Khuê", "Thuý", "Uyên", "Oanh",
    "Quyên", "chi", "bộ", "Đảng", "ủy", "uỷ", "xã", "Quảng", "Tân", "đảng", "viên", "chính", "thức", "dự", "bị", "đại",
    "hội", "đại", "biểu", "bầu", "cử", "phiếu", "hợp", "lệ", "kiểm", "tra", "giám", "sát", "nghị", "quyết", "chỉ",
    "thị", "kế", "hoạch", "hướng", "dẫn", "tỉnh", "huyện", "thôn", "bản", "ấp", "tổ", "khu", "phố", "nhiệm", "kỳ",
    "là", "và", "có", "không", "được", "người", "năm", "tháng", "ngày", "sinh", "quê", "quán", "dân", "tộc", "Kinh",
    "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Ê", "Đê", "Ba", "Na", "Gia", "Lai", "Bắc", "Kạn",
    "Đắk", "Lắk", "Cà", "Mau", "Sóc", "Trăng", "Tây", "Ninh", "Huế", "Hải", "Phòng", "Đà", "Nẵng", "Cần", "Thơ", "ở",
    "à", "ô", "ơ", "ừ", "ý", "ấy", "ai", "ao", "áo", "ốc", "ếch", "ích", "úc", "ép", "ấp", "ống", "oái", "khuya",
    "khuỷu", "nguây", "quýt", "Quỳnh", "gì", "già", "giữ", "gìn", "ghế", "nghề",
];

/// French words and phrases with accents.
const FRENCH: &[&str] = &[
    "été",
    "élève",
    "à",
    "où",
    "là",
    "déjà",
    "très",
    "près",
    "après",
    "garçon",
    "français",
    "ça",
    "œuvre",
    "cœur",
    "sœur",
    "Noël",
    "naïf",
    "maïs",
    "île",
    "dîner",
    "goût",
    "coût",
    "août",
    "sûr",
    "mûr",
    "dû",
    "tôt",
    "hôtel",
    "côte",
    "rôle",
    "fête",
    "tête",
    "même",
    "être",
    "forêt",
    "château",
    "bâton",
    "âge",
    "théâtre",
    "réunion",
    "comité",
    "congrès",
    "délégué",
    "élection",
    "procès-verbal",
    "président",
    "secrétaire",
    "Hélène",
    "Cécile",
    "Jérôme",
    "François",
    "Benoît",
    "Loïc",
    "Zoé",
    "Anaïs",
    "Gaëlle",
    "Raphaël",
    "«",
    "»",
    "né",
    "thé",
    "café",
    "le",
    "la",
    "de",
    "et",
    "est",
    "il",
    "elle",
    "un",
    "une",
    "pour",
    "avec",
    "dans",
    "Être",
    "À",
    "Ça",
    "Élise",
    "Ève",
    "Ô",
    "cañon",
    "Müller",
    "Søren",
    "São",
    "Peña",
];

fn phrase(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(proptest::sample::select(words), 1..8),
        proptest::collection::vec(
            proptest::sample::select(&[" ", " ", " ", ", ", ". ", " - ", "; ", "/", " (", ") "][..]),
            8,
        ),
        any::<bool>(),
    )
        .prop_map(|(words, separators, upper)| {
            let mut text = String::new();
            for (i, word) in words.iter().enumerate() {
                if i > 0 {
                    text.push_str(separators[i % separators.len()]);
                }
                text.push_str(word);
            }
            if upper { text.to_uppercase() } else { text }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn unicode_vietnamese_is_never_legacy(text in phrase(VIETNAMESE)) {
        prop_assert_eq!(detect(&text), None);
    }

    #[test]
    fn french_is_never_legacy(text in phrase(FRENCH)) {
        prop_assert_eq!(detect(&text), None);
    }

    #[test]
    fn ascii_is_never_legacy(text in "[ -~]{0,60}") {
        prop_assert_eq!(detect(&text), None);
    }

    #[test]
    fn any_latin1_text_converts_without_panic(text in "[ -~\u{A0}-\u{FF}]{0,40}") {
        for encoding in [LegacyEncoding::Tcvn3, LegacyEncoding::Vni] {
            let _ = to_unicode(&text, encoding);
        }
        let _ = detect(&text);
    }

    #[test]
    fn vni_round_trips(text in phrase(VIETNAMESE)) {
        let vni = from_unicode(&text, LegacyEncoding::Vni);
        prop_assert_eq!(to_unicode(&vni, LegacyEncoding::Vni), text);
    }

    /// TCVN3 loses the case of capitals with a tone mark; the decoder
    /// guesses it back from the neighbouring letters, so only the lower-case
    /// text is sure to round-trip.
    #[test]
    fn tcvn3_round_trips_modulo_toned_capitals(text in phrase(VIETNAMESE)) {
        let tcvn3 = from_unicode(&text, LegacyEncoding::Tcvn3);
        prop_assert_eq!(
            to_unicode(&tcvn3, LegacyEncoding::Tcvn3).to_lowercase(),
            text.to_lowercase()
        );
    }
}

#[test]
fn names_in_legacy_encodings_are_detected() {
    let names = [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Đặng Thị Hương",
        "Lê Quang Đức",
        "Phạm Thị Ngọc Ánh",
        "Hoàng Văn Thụ",
        "Đảng ủy xã Quảng Tân",
        "Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XVI",
        "NGUYỄN VĂN AN",
    ];
    for name in names {
        for encoding in [LegacyEncoding::Tcvn3, LegacyEncoding::Vni] {
            let legacy = from_unicode(name, encoding);
            assert_eq!(detect(&legacy), Some(encoding), "{name} as {legacy}");
            assert_eq!(to_unicode(&legacy, encoding), name, "{legacy}");
        }
    }
}
