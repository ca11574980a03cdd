//! `$n` placeholder lists for statements whose size depends on the data
//! (multi-row inserts, `IN` lists), and the numbering of named
//! placeholders (`$date`) in statements composed of fragments. Both
//! engines read `$n`.

/// `$first, $first+1, …` for `count` values: the inside of an `IN (…)`.
pub(crate) fn list(first: usize, count: usize) -> String {
    (first..first + count).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// `($1, …, $cols), ($cols+1, …)` for `rows` rows: the `VALUES` of a
/// multi-row insert.
pub(crate) fn rows(rows: usize, cols: usize) -> String {
    (0..rows).map(|r| format!("({})", list(r * cols + 1, cols))).collect::<Vec<_>>().join(", ")
}

/// `sql` with its named placeholders (`$` and a lower-case name: `$date`,
/// `$low`) numbered by their place in `names`, the order in which the
/// values are bound: with `names` `["date", "low"]`, `$date` becomes `$1`
/// and `$low` `$2`, wherever they occur and however often. SQL fragments
/// shared by several statements (a subtree on a date, the members of a
/// subtree) name what they need instead of assuming `$1`–`$3`, so that a
/// statement composed of them cannot silently bind one value in another's
/// place. Quoted SQL strings are left as they are.
///
/// # Panics
///
/// When the statement and its binds disagree, a mistake in the code that
/// the store's tests run into: a name used but not listed, a name listed
/// twice or not used, or a numbered `$n` mixed with names.
pub(crate) fn named(sql: &str, names: &[&str]) -> String {
    for (i, name) in names.iter().enumerate() {
        assert!(!names[..i].contains(name), "${name} is listed twice for {sql}");
    }
    let mut used = vec![false; names.len()];
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    let mut chars = sql.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c != '$' || quoted {
            out.push(c);
            continue;
        }
        let rest = &sql[i + 1..];
        let len =
            rest.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')).unwrap_or(rest.len());
        let name = &rest[..len];
        assert!(name.starts_with(|c: char| c.is_ascii_lowercase()), "a placeholder that is not a name in {sql}");
        let Some(k) = names.iter().position(|n| *n == name) else { panic!("${name} is not bound in {sql}") };
        used[k] = true;
        out.push_str(&format!("${}", k + 1));
        for _ in 0..len {
            chars.next();
        }
    }
    if let Some(k) = used.iter().position(|u| !u) {
        panic!("${} is bound but not used in {sql}", names[k]);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_and_rows() {
        assert_eq!(super::list(2, 3), "$2, $3, $4");
        assert_eq!(super::rows(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }

    #[test]
    fn names_are_numbered_in_binding_order() {
        assert_eq!(
            super::named("a <= $date AND ($date < b) AND p >= $low AND p < $high", &["low", "high", "date"]),
            "a <= $3 AND ($3 < b) AND p >= $1 AND p < $2"
        );
        assert_eq!(super::named("x = '$date' AND y = $date_2", &["date_2"]), "x = '$date' AND y = $1");
    }

    #[test]
    #[should_panic(expected = "$day is not bound")]
    fn an_unbound_name_is_refused() {
        super::named("a = $day", &["date"]);
    }

    #[test]
    #[should_panic(expected = "$high is bound but not used")]
    fn an_unused_bind_is_refused() {
        super::named("a = $low", &["low", "high"]);
    }

    #[test]
    #[should_panic(expected = "not a name")]
    fn numbers_and_names_do_not_mix() {
        super::named("a = $low AND b = $2", &["low"]);
    }
}
