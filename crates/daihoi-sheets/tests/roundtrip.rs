//! Writing files and reading them back.

use std::time::Instant;

use daihoi_sheets::{Cell, Format, SheetOut, csv_bytes, read_bytes, read_path, write_csv, write_xlsx, xlsx_bytes};

const HEADER: [&str; 5] = ["Họ và tên", "Ngày sinh", "Số thẻ đảng viên", "Số con", "Chi bộ"];

fn members() -> Vec<Vec<Cell>> {
    vec![
        vec![
            Cell::from("Nguyễn Văn An"),
            Cell::Date { year: 1970, month: 1, day: 2 },
            Cell::from("0012345"),
            Cell::Int(2),
            Cell::from("Chi bộ 1, Đảng ủy xã Quảng Tân"),
        ],
        vec![
            Cell::from("Phạm Thị Ngọc Ánh"),
            Cell::Empty,
            Cell::from("1234567"),
            Cell::Int(0),
            Cell::from("\"Tổ\" 3; khu 4\nthôn Đông"),
        ],
        vec![],
        vec![Cell::Empty, Cell::Empty, Cell::Empty, Cell::Int(-1)],
    ]
}

fn expected() -> Vec<Vec<String>> {
    [
        HEADER.to_vec(),
        vec!["Nguyễn Văn An", "1970-01-02", "0012345", "2", "Chi bộ 1, Đảng ủy xã Quảng Tân"],
        vec!["Phạm Thị Ngọc Ánh", "", "1234567", "0", "\"Tổ\" 3; khu 4\nthôn Đông"],
        vec![],
        vec!["", "", "", "-1"],
    ]
    .into_iter()
    .map(|row| row.into_iter().map(str::to_owned).collect())
    .collect()
}

#[test]
fn xlsx_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("Danh sách đảng viên.xlsx");
    let sheet = SheetOut { name: "Đảng viên", header: &HEADER, column_widths: &[28.0, 12.0, 18.0] };
    assert_eq!(write_xlsx(&path, &sheet, members()).expect("written"), 4);

    let workbook = read_path(&path).expect("reads back");
    assert_eq!(workbook.sheets.len(), 1);
    assert_eq!(workbook.sheets[0].name, "Đảng viên");
    assert_eq!(workbook.sheets[0].rows, expected());
    assert_eq!(workbook.legacy, None);
}

#[test]
fn csv_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("danh-sach.csv");
    assert_eq!(write_csv(&path, &HEADER, members()).expect("written"), 4);

    let workbook = read_path(&path).expect("reads back");
    assert_eq!(workbook.sheets[0].name, "danh-sach");
    let mut expected = expected();
    // CSV has no date type: dates are written and read as dd/mm/yyyy text.
    expected[1][1] = "02/01/1970".to_owned();
    assert_eq!(workbook.sheets[0].rows, expected);
}

/// A download is the file's bytes in memory: they read back as the file
/// written to disk does, and the CSV's bytes are the file's, byte for byte.
#[test]
fn bytes_in_memory_read_back_as_files() {
    let sheet = SheetOut { name: "Đảng viên", header: &HEADER, column_widths: &[28.0] };
    let (xlsx, n) = xlsx_bytes("tải về.xlsx", &sheet, members()).expect("xlsx bytes");
    assert_eq!(n, 4);
    let workbook = read_bytes("tải về.xlsx", Format::Xlsx, &xlsx).expect("reads back");
    assert_eq!(workbook.sheets[0].rows, expected());

    let (csv, n) = csv_bytes("tải về.csv", &HEADER, members()).expect("csv bytes");
    assert_eq!(n, 4);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("danh-sach.csv");
    write_csv(&path, &HEADER, members()).expect("written");
    assert_eq!(csv, std::fs::read(&path).expect("read"));
}

#[test]
fn empty_header_and_no_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let xlsx = dir.path().join("empty.xlsx");
    let sheet = SheetOut { name: "Trống", header: &[], column_widths: &[] };
    assert_eq!(write_xlsx(&xlsx, &sheet, Vec::new()).expect("written"), 0);
    let workbook = read_path(&xlsx).expect("reads back");
    assert_eq!(workbook.sheets[0].name, "Trống");
    assert!(workbook.sheets[0].rows.is_empty());

    let csv = dir.path().join("empty.csv");
    assert_eq!(write_csv(&csv, &[], Vec::new()).expect("written"), 0);
    assert_eq!(std::fs::read(&csv).expect("exists"), "\u{FEFF}".as_bytes());
    assert!(read_path(&csv).expect("reads back").sheets[0].rows.is_empty());
}

/// Writes `count` generated rows, reads them back and checks both ends.
fn large_export(count: u32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.xlsx");
    let sheet = SheetOut { name: "Lớn", header: &["Họ tên", "Số", "Ngày"], column_widths: &[] };
    let date = |i: u32| Cell::Date {
        year: 2000 + i32::try_from(i % 25).expect("small"),
        month: 1 + u8::try_from(i % 12).expect("small"),
        day: 1 + u8::try_from(i % 28).expect("small"),
    };
    let rows = (0..count).map(|i| vec![Cell::Text(format!("Đảng viên số {i}")), Cell::Int(i64::from(i)), date(i)]);
    let started = Instant::now();
    assert_eq!(write_xlsx(&path, &sheet, rows).expect("written"), u64::from(count));
    eprintln!("wrote {count} rows in {:?}", started.elapsed());

    let workbook = read_path(&path).expect("reads back");
    let rows = &workbook.sheets[0].rows;
    let last = count - 1;
    assert_eq!(rows.len(), count as usize + 1);
    assert_eq!(rows[1], ["Đảng viên số 0", "0", "2000-01-01"]);
    let expected_date = format!("{}-{:02}-{:02}", 2000 + last % 25, 1 + last % 12, 1 + last % 28);
    assert_eq!(rows[count as usize], [format!("Đảng viên số {last}"), last.to_string(), expected_date]);
}

/// The writer streams rows (constant-memory mode): the iterator is consumed
/// lazily and no row is kept in memory.
#[test]
fn large_xlsx_export() {
    large_export(20_000);
}

/// The full-size export the crate is built for; slow in a debug build
/// (about 25 s), so run it with `cargo test --release -- --ignored`.
#[test]
#[ignore = "slow in debug builds"]
fn very_large_xlsx_export() {
    large_export(200_000);
}
