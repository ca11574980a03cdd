//! Reading the same small workbook saved as xlsx, xls (Excel 97–2003) and
//! ods. The fixtures were made once: the xlsx with rust_xlsxwriter, the
//! others by converting it with `libreoffice --headless --convert-to`.
//!
//! Sheet "Danh sách": a header, a blank row 3, a date, a whole number typed
//! as a number, a code with leading zeros typed as text, a decimal and a
//! boolean. Sheet "Cu": TCVN3 text starting at C3 (calamine's range starts
//! there; rows and columns must still be Excel's).

use std::path::{Path, PathBuf};

use daihoi_sheets::{Format, LegacyEncoding, SheetError, Workbook, convert_workbook, read_bytes, read_path};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn rows(table: &[&[&str]]) -> Vec<Vec<String>> {
    table.iter().map(|row| row.iter().map(|&cell| cell.to_owned()).collect()).collect()
}

/// `boolean` is how the last cell reads: LibreOffice saved the xlsx boolean
/// in the ods as the number 1 with a TRUE/FALSE number format, and number
/// formats other than dates are not applied.
fn check_sample(workbook: &Workbook, boolean: &str) {
    let names: Vec<&str> = workbook.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Danh sách", "Cu"], "{}", workbook.file);
    assert_eq!(
        workbook.sheets[0].rows,
        rows(&[
            &["Họ và tên", "Ngày sinh", "Số thẻ", "Mã", "Ghi chú"],
            &["Nguyễn Văn An", "1970-01-02", "1234567", "0012345", "2.5"],
            &[],
            &["Đặng Thị Hương", "1985-11-18", "7654321", "0000001", boolean],
        ]),
        "{}",
        workbook.file
    );
    assert_eq!(
        workbook.sheets[1].rows,
        rows(&[&[], &[], &["", "", "NguyÔn V¨n An"], &["", "", "TrÇn ThÞ B×nh", "", "§¶ng ñy x· Qu¶ng T©n"],]),
        "{}",
        workbook.file
    );
    let finding = workbook.legacy.as_ref().expect("TCVN3 found");
    assert_eq!(finding.encoding, LegacyEncoding::Tcvn3);
    assert_eq!((finding.sheet.as_str(), finding.row, finding.column), ("Cu", 3, 3));
    assert_eq!(finding.sample, "NguyÔn V¨n An");
}

#[test]
fn xlsx_xls_and_ods_read_alike() {
    for (name, boolean) in [("sample.xlsx", "TRUE"), ("sample.xls", "TRUE"), ("sample.ods", "1")] {
        let path = fixture(name);
        let workbook = read_path(&path).expect("fixture reads");
        assert_eq!(workbook.file, path.display().to_string());
        check_sample(&workbook, boolean);

        let bytes = std::fs::read(&path).expect("fixture exists");
        let format = Format::from_path(&path).expect("known extension");
        let from_bytes = read_bytes(name, format, &bytes).expect("fixture reads");
        assert_eq!(from_bytes.file, name);
        assert_eq!(from_bytes.sheets, workbook.sheets);
    }
}

#[test]
fn legacy_sheet_converts() {
    let mut workbook = read_path(&fixture("sample.xls")).expect("fixture reads");
    convert_workbook(&mut workbook, LegacyEncoding::Tcvn3);
    assert_eq!(workbook.legacy, None);
    assert_eq!(workbook.sheets[1].rows[2][2], "Nguyễn Văn An");
    assert_eq!(workbook.sheets[1].rows[3][2], "Trần Thị Bình");
    assert_eq!(workbook.sheets[1].rows[3][4], "Đảng ủy xã Quảng Tân");
    // The Unicode sheet is untouched.
    assert_eq!(workbook.sheets[0].rows[1][0], "Nguyễn Văn An");
}

#[test]
fn wrong_format_or_extension() {
    let xlsx = std::fs::read(fixture("sample.xlsx")).expect("fixture exists");
    let err = read_bytes("upload.ods", Format::Ods, &xlsx).unwrap_err();
    assert!(matches!(err, SheetError::Corrupt { format: Format::Ods, .. }), "{err}");
    assert!(err.to_string().starts_with("upload.ods is not a readable ods file"), "{err}");

    let err = read_path(Path::new("/nonexistent/danh-sach.xlsx")).unwrap_err();
    assert!(matches!(err, SheetError::ReadIo { .. }), "{err}");
    assert!(err.to_string().contains("danh-sach.xlsx"), "{err}");

    let err = read_path(Path::new("bao-cao.docx")).unwrap_err();
    assert!(matches!(err, SheetError::UnsupportedFormat { .. }), "{err}");
}
