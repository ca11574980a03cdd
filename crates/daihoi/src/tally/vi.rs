//! `daihoi tally --lang vi`: the errors in Vietnamese. The readers of the
//! election file and of the ballots write their refusals in English with
//! the file, line (or sheet and row), column and field; this rendering
//! translates the words of those refusals phrase by phrase and keeps the
//! names as they are (file names, `[[decisions]]`, `ballot`, `flags`, the
//! values quoted). A phrase without a translation here stays in English.

/// English phrases of the tally's refusals and their Vietnamese, longest
/// first where one holds another.
const PHRASES: [(&str, &str); 55] = [
    // Where: "b.csv, line 5, column 3 (C)"; "b.xlsx, sheet \"Phiếu\", row 5, column C".
    (", line ", ", dòng "),
    (", sheet ", ", trang tính "),
    (", row ", ", hàng "),
    (", column ", ", cột "),
    (" number ", " số "),
    // Ballots files.
    ("expected the header ", "cần tiêu đề cột "),
    (
        " (ballot, the candidates in the order of the election file, flags), found ",
        " (ballot, các ứng cử viên theo thứ tự trong tệp bầu cử, flags), nhưng thấy ",
    ),
    ("unexpected column ", "cột không mong đợi "),
    ("the ballot number is not UTF-8 text", "số phiếu không phải văn bản UTF-8"),
    ("the ballot number is empty", "số phiếu để trống"),
    (
        ": on a crossing-out ballot a name is kept (empty) or struck (x)",
        ": trên phiếu gạch tên, mỗi tên để trống (giữ) hoặc ghi x (gạch)",
    ),
    (
        ": on an agree/disagree ballot a name has a, d, ad or nothing",
        ": trên phiếu đồng ý / không đồng ý, mỗi tên ghi a, d, ad hoặc để trống",
    ),
    ("unknown flag ", "đánh dấu không rõ "),
    (" (expected not_issued, write_in, marked, joined by ;)", " (cần not_issued, write_in, marked, nối bằng ;)"),
    ("not UTF-8 text", "không phải văn bản UTF-8"),
    ("this line has ", "dòng này có "),
    (" columns, fewer than the header's ", " cột, ít hơn "),
    (" columns, more than the header's ", " cột, nhiều hơn "),
    (
        " candidates, flags): a comma missing or too many, or a stray quote?",
        " ứng cử viên, flags) của dòng tiêu đề: thiếu hoặc thừa dấu phẩy, hay dấu ngoặc kép lạc?",
    ),
    (
        ": a value outside the header's columns (ballot, the candidates, flags): a comma too many?",
        ": giá trị nằm ngoài các cột của tiêu đề (ballot, các ứng cử viên, flags): thừa dấu phẩy?",
    ),
    ("the file is empty", "tệp trống"),
    (
        "the quote that opens this cell is not closed on its line",
        "dấu ngoặc kép mở ô này không được đóng trên cùng dòng",
    ),
    ("(a cell cannot hold a line break): a stray quote?", "(một ô không chứa được dấu xuống dòng): dấu ngoặc kép lạc?"),
    (
        " after the closing quote of this cell: a quoted cell ends with its quote",
        " sau dấu ngoặc kép đóng ô này: ô trong ngoặc kép kết thúc bằng dấu ngoặc kép",
    ),
    ("(\"\" for a quote inside it)", "(\"\" cho một dấu ngoặc kép bên trong)"),
    (
        ": a quote inside a cell that does not start with one",
        ": dấu ngoặc kép bên trong một ô không bắt đầu bằng dấu ngoặc kép",
    ),
    (
        "a carriage return (CR) inside the line: lines end with LF or CRLF, and a cell holds no line break",
        "ký tự CR giữa dòng: dòng kết thúc bằng LF hoặc CRLF, và một ô không chứa dấu xuống dòng",
    ),
    (": a cell holds a line break", ": một ô chứa dấu xuống dòng"),
    (
        " is not empty: the ballots are read from the first sheet only",
        " không trống: phiếu chỉ được đọc từ trang tính đầu tiên",
    ),
    ("a ballots file is a .csv or an .xlsx (or .xls, .ods)", "tệp phiếu là tệp .csv hoặc .xlsx (hay .xls, .ods)"),
    // The election file.
    ("not a subtraction (expected one of: ", "không phải một khoản trừ (cần một trong: "),
    (" is not a date (2025-06-20 or 20/06/2025)", " không phải ngày (2025-06-20 hoặc 20/06/2025)"),
    ("further_round needs ", "further_round cần "),
    ("order needs order (the names, first first)", "order cần order (các tên, theo thứ tự)"),
    (": expected further_round, no_further_round or order", ": cần further_round, no_further_round hoặc order"),
    ("TOML parse error at line ", "lỗi cú pháp TOML ở dòng "),
    ("missing field ", "thiếu trường "),
    ("unknown field ", "trường không rõ "),
    // The engine's refusals (daihoi-election), their rule IDs kept.
    (" is not a subtraction of a ", " không phải khoản trừ của "),
    ("the subtractions (", "các khoản trừ ("),
    (") exceed the ", ") vượt quá "),
    (
        " convened (those present are among those convened)",
        " người được triệu tập (người có mặt nằm trong số được triệu tập)",
    ),
    (" present but only ", " người có mặt nhưng chỉ có "),
    (" is given twice", " được ghi hai lần"),
    ("the number of seats must be at least 1", "số lượng cần bầu phải ít nhất là 1"),
    (
        " is on the list twice (the ballot prints each name of the list once)",
        " có hai lần trong danh sách (phiếu in mỗi tên một lần)",
    ),
    ("the list is empty", "danh sách trống"),
    (" ballots returned but only ", " phiếu thu vào nhưng chỉ có "),
    (" issued", " phiếu phát ra"),
    (" present to vote (one ballot each)", " người có mặt bỏ phiếu (mỗi người một phiếu)"),
    (" is counted twice", " được kiểm hai lần"),
    ("no round is waiting for ballots", "không có lần bầu nào đang chờ phiếu"),
    (" is not on the list, so cannot withdraw", " không có trong danh sách nên không thể rút"),
    // Rounds, decisions and rulings.
    ("no round waits for these ballots: round ", "không có lần bầu nào chờ các phiếu này: lần bầu "),
    (
        " is not counted, so this cannot be applied: its ballots file is not given",
        " chưa được kiểm phiếu nên không áp dụng được: chưa có tệp phiếu của lần bầu đó",
    ),
];

/// The Vietnamese rendering of a refusal of `daihoi tally`.
pub fn error(message: &str) -> String {
    PHRASES.iter().fold(message.to_owned(), |m, (en, vi)| m.replace(en, vi))
}

#[cfg(test)]
mod tests {
    use super::error;

    #[test]
    fn a_refused_cell_keeps_its_file_line_and_column() {
        assert_eq!(
            error("b.csv, line 7, column 2 (B): \"q\": on a crossing-out ballot a name is kept (empty) or struck (x)"),
            "b.csv, dòng 7, cột 2 (B): \"q\": trên phiếu gạch tên, mỗi tên để trống (giữ) hoặc ghi x (gạch)"
        );
        assert_eq!(error("b.csv: the file is empty"), "b.csv: tệp trống");
        assert_eq!(
            error("b.csv: 20 ballots returned but only 19 issued"),
            "b.csv: 20 phiếu thu vào nhưng chỉ có 19 phiếu phát ra"
        );
    }
}
