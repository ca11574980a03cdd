//! How long a province's member file takes to read: 200,000 rows of the
//! member file's eleven columns, as `daihoi export members` writes them,
//! read with the checks of a file's claims (`read_bytes_within`) and, for
//! comparison, with calamine's whole-sheet range as this crate read files
//! before those checks.
//!
//! `cargo bench -p daihoi-sheets --bench read` (idle machine).

use std::io::Cursor;
use std::time::{Duration, Instant};

use calamine::{Reader, Xlsx};
use daihoi_sheets::{Cell, Format, Limits, SheetOut, read_bytes_within, xlsx_bytes};

const ROWS: u32 = 200_000;

fn member_rows() -> impl Iterator<Item = Vec<Cell>> {
    (0..ROWS).map(|i| {
        let date = |year: i32| Cell::Date {
            year,
            month: u8::try_from(i % 12 + 1).unwrap(),
            day: u8::try_from(i % 28 + 1).unwrap(),
        };
        vec![
            Cell::Text(format!("{:08}", 10_000_000 + i)),
            Cell::Text(format!("Nguyễn Văn An {i}")),
            Cell::Text(if i % 2 == 0 { "Nam" } else { "Nữ" }.to_owned()),
            date(1960 + i32::try_from(i % 40).unwrap()),
            Cell::Text("Kinh".to_owned()),
            Cell::Text(format!("QN.DH.QT.CB{:02}", i % 60)),
            date(1990 + i32::try_from(i % 30).unwrap()),
            date(1991 + i32::try_from(i % 30).unwrap()),
            date(2020),
            if i % 50 == 0 { Cell::Text("miễn sinh hoạt".to_owned()) } else { Cell::Empty },
            if i % 50 == 0 { date(2024) } else { Cell::Empty },
        ]
    })
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let header = [
        "Số thẻ đảng viên",
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Dân tộc",
        "Mã chi bộ",
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Sinh hoạt từ",
        "Tình trạng",
        "Từ ngày",
    ];
    let sheet = SheetOut { name: "Đảng viên", header: &header, column_widths: &[] };
    let (bytes, rows) = xlsx_bytes("dang-vien.xlsx", &sheet, member_rows()).expect("written");
    println!("member file: {rows} rows, {:.1} MB", bytes.len() as f64 / 1_048_576.0);

    let checked = median(5, || {
        let wb = read_bytes_within("dang-vien.xlsx", Format::Xlsx, &bytes, &Limits::default()).expect("reads");
        assert_eq!(wb.sheets[0].rows.len(), ROWS as usize + 1);
    });
    let range = median(5, || {
        let mut reader: Xlsx<_> = Xlsx::new(Cursor::new(&bytes[..])).expect("opens");
        let name = reader.sheet_names()[0].clone();
        let range = reader.worksheet_range(&name).expect("range");
        let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(ToString::to_string).collect()).collect();
        assert_eq!(rows.len(), ROWS as usize + 1);
    });
    println!("read within limits (claims checked, streamed): {checked:.2?} (median of 5)");
    println!("calamine's whole-sheet range (before):          {range:.2?} (median of 5)");
}
