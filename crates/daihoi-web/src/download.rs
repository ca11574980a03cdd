//! Headers of downloads.

/// `Content-Disposition` for a download named `file_name` (RFC 6266): an
/// ASCII `filename` for old clients (diacritics folded, quotes and
/// controls replaced) and the exact name as `filename*` in UTF-8,
/// percent-encoded as RFC 5987 says (a space is `%20`, never `+`).
pub(crate) fn attachment(file_name: &str) -> String {
    let ascii: String = daihoi_core::search::search_key(file_name)
        .chars()
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect();
    let mut exact = String::with_capacity(file_name.len() * 3);
    for byte in file_name.bytes() {
        // RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            exact.push(char::from(byte));
        } else {
            exact.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{exact}")
}

#[cfg(test)]
mod tests {
    use super::attachment;

    #[test]
    fn names_are_encoded_as_rfc_5987_says() {
        assert_eq!(
            attachment("Báo cáo quý 3.pdf"),
            "attachment; filename=\"bao cao quy 3.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%203.pdf"
        );
        assert_eq!(
            attachment("a\"b\\c\r\n.csv"),
            "attachment; filename=\"a_b_c .csv\"; filename*=UTF-8''a%22b%5Cc%0D%0A.csv"
        );
        assert_eq!(
            attachment("nhiem-vu-QN-2026-12-04.xlsx"),
            "attachment; filename=\"nhiem-vu-qn-2026-12-04.xlsx\"; filename*=UTF-8''nhiem-vu-QN-2026-12-04.xlsx"
        );
    }
}
