//! `$n` placeholder lists for statements whose size depends on the data
//! (multi-row inserts, `IN` lists). Both engines read `$n`.

/// `$first, $first+1, …` for `count` values: the inside of an `IN (…)`.
pub(crate) fn list(first: usize, count: usize) -> String {
    (first..first + count).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// `($1, …, $cols), ($cols+1, …)` for `rows` rows: the `VALUES` of a
/// multi-row insert.
pub(crate) fn rows(rows: usize, cols: usize) -> String {
    (0..rows).map(|r| format!("({})", list(r * cols + 1, cols))).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_and_rows() {
        assert_eq!(super::list(2, 3), "$2, $3, $4");
        assert_eq!(super::rows(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
