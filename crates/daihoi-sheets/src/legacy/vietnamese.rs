//! The Vietnamese alphabet and the shape of a Vietnamese syllable, used to
//! tell real Vietnamese words from accidental look-alikes.

/// The six tones, in the order of the rows of [`VOWELS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    /// Thanh ngang: no mark.
    Level,
    /// Thanh huyền: grave accent.
    Grave,
    /// Thanh sắc: acute accent.
    Acute,
    /// Thanh hỏi: hook above.
    Hook,
    /// Thanh ngã: tilde.
    Tilde,
    /// Thanh nặng: dot below.
    Dot,
}

impl Tone {
    const ALL: [Tone; 6] = [Tone::Level, Tone::Grave, Tone::Acute, Tone::Hook, Tone::Tilde, Tone::Dot];

    fn index(self) -> usize {
        self as usize
    }
}

/// The twelve vowels with their six tones (level, grave, acute, hook, tilde,
/// dot), lower and upper case.
const VOWELS: [(char, &str, &str); 12] = [
    ('a', "aàáảãạ", "AÀÁẢÃẠ"),
    ('ă', "ăằắẳẵặ", "ĂẰẮẲẴẶ"),
    ('â', "âầấẩẫậ", "ÂẦẤẨẪẬ"),
    ('e', "eèéẻẽẹ", "EÈÉẺẼẸ"),
    ('ê', "êềếểễệ", "ÊỀẾỂỄỆ"),
    ('i', "iìíỉĩị", "IÌÍỈĨỊ"),
    ('o', "oòóỏõọ", "OÒÓỎÕỌ"),
    ('ô', "ôồốổỗộ", "ÔỒỐỔỖỘ"),
    ('ơ', "ơờớởỡợ", "ƠỜỚỞỠỢ"),
    ('u', "uùúủũụ", "UÙÚỦŨỤ"),
    ('ư', "ưừứửữự", "ƯỪỨỬỮỰ"),
    ('y', "yỳýỷỹỵ", "YỲÝỶỸỴ"),
];

/// The consonant letters of the Vietnamese alphabet besides `đ`.
const CONSONANTS: &str = "bcdghklmnpqrstvx";

/// A letter of the Vietnamese alphabet taken apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Letter {
    /// The lower-case letter without tone: `a`, `ă`, `â`, …, `đ`, `b`, ….
    pub(crate) base: char,
    /// The tone mark (always [`Tone::Level`] for consonants).
    pub(crate) tone: Tone,
    /// Whether the letter is upper case.
    pub(crate) upper: bool,
}

/// Takes a precomposed character apart, or `None` if it is not a letter of
/// the Vietnamese alphabet (`f`, `j`, `w`, `z`, `ç`, `é`+`̂`… are not).
pub(crate) fn letter(c: char) -> Option<Letter> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let upper = lower != c;
    if CONSONANTS.contains(lower) || lower == 'đ' {
        return Some(Letter { base: lower, tone: Tone::Level, upper });
    }
    VOWELS.iter().find_map(|&(base, lowers, uppers)| {
        let forms = if upper { uppers } else { lowers };
        let position = forms.chars().position(|form| form == c)?;
        Some(Letter { base, tone: Tone::ALL[position], upper })
    })
}

/// The precomposed character for a base letter, tone and case.
pub(crate) fn compose(base: char, tone: Tone, upper: bool) -> Option<char> {
    if tone == Tone::Level && (CONSONANTS.contains(base) || base == 'đ') {
        return Some(if upper { base.to_uppercase().next()? } else { base });
    }
    let &(_, lowers, uppers) = VOWELS.iter().find(|(b, _, _)| *b == base)?;
    let forms = if upper { uppers } else { lowers };
    forms.chars().nth(tone.index())
}

const INITIALS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x", "",
];

/// Vowel groups, including the semivowel endings, and whether a final
/// consonant may follow (`Some(true)`: must, `Some(false)`: may, `None`: may not).
const NUCLEI: [(&str, Option<bool>); 49] = [
    ("a", Some(false)),
    ("ă", Some(true)),
    ("â", Some(true)),
    ("e", Some(false)),
    ("ê", Some(false)),
    ("i", Some(false)),
    ("o", Some(false)),
    ("ô", Some(false)),
    ("ơ", Some(false)),
    ("u", Some(false)),
    ("ư", Some(false)),
    ("y", Some(false)),
    ("ai", None),
    ("ao", None),
    ("au", None),
    ("ay", None),
    ("âu", None),
    ("ây", None),
    ("eo", None),
    ("êu", None),
    ("ia", None),
    ("iê", Some(true)),
    ("iu", None),
    ("oa", Some(false)),
    ("oă", Some(true)),
    ("oe", Some(false)),
    ("oi", None),
    ("oo", Some(true)),
    ("ôi", None),
    ("ơi", None),
    ("ua", None),
    ("uâ", Some(true)),
    ("uê", Some(false)),
    ("ui", None),
    ("uô", Some(true)),
    ("uơ", None),
    ("uy", Some(false)),
    ("ưa", None),
    ("ưi", None),
    ("ươ", Some(true)),
    ("ưu", None),
    ("yê", Some(true)),
    ("iêu", None),
    ("oai", None),
    ("oao", None),
    ("oay", None),
    ("oeo", None),
    ("uây", None),
    ("uôi", None),
];

/// Three-vowel groups that did not fit the table above.
const MORE_NUCLEI: [(&str, Option<bool>); 6] =
    [("uya", None), ("uyê", Some(true)), ("uyu", None), ("ươi", None), ("ươu", None), ("yêu", None)];

/// `k` is not standard but ends highland names (Đắk Lắk).
const FINALS: [&str; 10] = ["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"];

/// Whether `word` is one well-formed Vietnamese syllable: initial
/// consonant, vowel group, final consonant, at most one tone (only sắc or
/// nặng before c/ch/k/p/t), and lower, capitalised or upper case.
pub(crate) fn is_syllable(word: &str) -> bool {
    let Some(letters) = word.chars().map(letter).collect::<Option<Vec<Letter>>>() else {
        return false;
    };
    let Some(first) = letters.first() else {
        return false;
    };
    let rest_upper = letters[1..].iter().filter(|l| l.upper).count();
    let case_ok = rest_upper == 0 || rest_upper == letters.len() - 1 && first.upper;
    let mut tones = letters.iter().map(|l| l.tone).filter(|&t| t != Tone::Level);
    let tone = tones.next().unwrap_or(Tone::Level);
    if !case_ok || tones.next().is_some() {
        return false;
    }
    let bases: String = letters.iter().map(|l| l.base).collect();
    INITIALS.iter().any(|initial| bases.strip_prefix(initial).is_some_and(|rhyme| is_rhyme(rhyme, tone)))
}

fn is_rhyme(rhyme: &str, tone: Tone) -> bool {
    let split =
        rhyme.char_indices().find(|&(_, c)| !VOWELS.iter().any(|(v, _, _)| *v == c)).map_or(rhyme.len(), |(i, _)| i);
    let (nucleus, last) = rhyme.split_at(split);
    let Some(&(_, takes_final)) = NUCLEI.iter().chain(MORE_NUCLEI.iter()).find(|(n, _)| *n == nucleus) else {
        return false;
    };
    if !FINALS.contains(&last) {
        return false;
    }
    let final_ok = match takes_final {
        None => last.is_empty(),
        Some(true) => !last.is_empty(),
        Some(false) => true,
    };
    let stop = matches!(last, "c" | "ch" | "k" | "p" | "t");
    final_ok && (!stop || matches!(tone, Tone::Acute | Tone::Dot))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_come_apart_and_back() {
        for (base, lowers, uppers) in VOWELS {
            for (forms, upper) in [(lowers, false), (uppers, true)] {
                for (tone, c) in Tone::ALL.into_iter().zip(forms.chars()) {
                    assert_eq!(letter(c), Some(Letter { base, tone, upper }), "{c}");
                    assert_eq!(compose(base, tone, upper), Some(c));
                }
            }
        }
        assert_eq!(letter('Đ').map(|l| (l.base, l.upper)), Some(('đ', true)));
        assert_eq!(letter('f'), None);
        assert_eq!(letter('ç'), None);
        assert_eq!(letter('¨'), None);
    }

    #[test]
    fn real_syllables() {
        let words = "Nguyễn Văn An Trần Thị Bình Đặng Hương Lê Quang Đức Phạm Ngọc Ánh Hoàng \
             Thụ chi bộ Đảng ủy xã Quảng Tân người việt quốc nghiêng khuya khuỷu tuổi ruột \
             Huế thuở quả quyết chuyện giường gì già gìn giữ ếch ách xoong ấy oái ngoáy \
             khuây ngoẻo hoà thuý khoẻ hoá quýt quỳnh huých Đắk Lắk NGUYỄN ĐẢNG uỷ ban \
             kiểm tra thường vụ nhiệm kỳ đại hội đại biểu toàn quốc lần thứ XIV";
        for word in words.split(' ').filter(|w| *w != "XIV") {
            assert!(is_syllable(word), "{word}");
        }
    }

    #[test]
    fn not_syllables() {
        for word in [
            "", "NguyÔn", "V¨n", "Nguyeãn", "Vaên", "élève", "garçon", "Hôtel", "tôt", "est", "goûter", "Noël", "ộtộ",
            "nGuyen", "ằ", "ăn̈", "bàt", "xyz",
        ] {
            assert!(!is_syllable(word), "{word}");
        }
    }
}
