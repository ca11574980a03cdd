//! The periodic report (báo cáo định kỳ): the PDF checked with poppler
//! (`pdftotext` for the Vietnamese text, the repeated header and a row on page
//! 2, `pdftoppm` for a page that draws), the workbook read back with calamine.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use daihoi_print::charts::{ChartText, ProgressChart, ProgressItem};
use daihoi_print::tracking::{
    Count, CountRow, CountTable, PeriodKind, ReportPeriod, Summary, TargetColumns, TargetRow, TargetTable, TaskColumns,
    TaskRow, TaskTable,
};
use daihoi_print::{
    DocumentNumber, NumberStyle, PartyHeading, PeriodicReport, PrintError, Recipients, Signature, periodic_report_docx,
    periodic_report_pdf, periodic_report_xlsx,
};
use time::macros::date;

/// Typst markup characters: they must print literally.
const STRANGE: &str = r#"Báo cáo #1 *đậm* "A" [x] $"#;

const ORGS: [&str; 5] = [
    "Đảng bộ xã Quảng Tân",
    "Đảng bộ phường Hạ Long",
    "Đảng bộ xã Cái Chiên",
    "Đảng bộ Khối các cơ quan tỉnh",
    "Chi bộ Trường THCS Đông Ngũ",
];

fn s(x: &str) -> String {
    x.to_owned()
}

fn task(i: usize) -> TaskRow {
    TaskRow {
        document: s(["23-NQ/TU", "28-NQ/TU", "439-KH/TU"][i % 3]),
        clause: format!("Mục III.{}", i % 7 + 1),
        title: format!("Nhiệm vụ số {}: nâng cao chất lượng sinh hoạt chi bộ và công tác phát triển đảng viên", i + 1),
        assignee: s(ORGS[i % ORGS.len()]),
        deadline: if i % 5 == 4 { None } else { Some(date!(2026 - 06 - 30)) },
        status: s(["Hoàn thành đúng hạn", "Quá hạn", "Đang thực hiện", "Hoàn thành quá hạn"][i % 4]),
        progress: if i % 6 == 5 { None } else { Some((i * 17 % 101) as f64) },
        latest_report: if i == 0 {
            s(STRANGE)
        } else {
            format!("Đã triển khai đến {} chi bộ trực thuộc.", i + 3)
        },
    }
}

fn report(tasks: usize) -> PeriodicReport {
    PeriodicReport {
        style: NumberStyle::Vi,
        heading: PartyHeading {
            issuing_body_parent: None,
            issuing_body: s("Tỉnh ủy Quảng Ninh"),
            number: Some(DocumentNumber { label: s("Số"), number: None, suffix: s("-BC/TU") }),
            party: s("ĐẢNG CỘNG SẢN VIỆT NAM"),
            place_and_date: s("Quảng Ninh, ngày 05 tháng 10 năm 2026"),
        },
        title: s("BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ"),
        organization: s("Đảng bộ tỉnh Quảng Ninh"),
        period: ReportPeriod { kind: PeriodKind::Quarterly, label: s("Quý III năm 2026") },
        page_label: s("Trang"),
        not_reported: s("Chưa báo cáo"),
        summary: Summary {
            heading: s("I. TỔNG HỢP"),
            counts: vec![
                Count { label: s("Hoàn thành đúng hạn"), count: 12 },
                Count { label: s("Hoàn thành quá hạn"), count: 3 },
                Count { label: s("Quá hạn"), count: 4 },
                Count { label: s("Đang thực hiện"), count: 1234 },
            ],
            progress_label: s("Tiến độ chung"),
            progress: Some(62.45),
            unset: None,
            sheet_name: s("Tổng hợp"),
        },
        by_org: None,
        chart: Some(ProgressChart {
            text: ChartText {
                id: s("report-progress"),
                title: s("Tiến độ theo tổ chức"),
                description: s("Tiến độ thực hiện của từng tổ chức."),
                no_data: s("Chưa có dữ liệu"),
            },
            not_reported: s("Chưa báo cáo"),
            style: NumberStyle::Vi,
            items: ORGS
                .iter()
                .enumerate()
                .map(|(i, o)| ProgressItem { label: s(o), percent: (i != 4).then_some(i as f64 * 23.5) })
                .collect(),
        }),
        tasks: TaskTable {
            heading: s("II. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"),
            sheet_name: s("Nhiệm vụ"),
            columns: TaskColumns {
                document: s("Văn bản"),
                clause: s("Điều khoản"),
                title: s("Nhiệm vụ"),
                assignee: s("Đơn vị thực hiện"),
                deadline: s("Thời hạn"),
                status: s("Tình trạng"),
                progress: s("Tiến độ"),
                latest_report: s("Báo cáo gần nhất"),
            },
            rows: (0..tasks).map(task).collect(),
            printed: None,
            more: String::new(),
        },
        targets: TargetTable {
            heading: s("III. CÁC CHỈ TIÊU"),
            sheet_name: s("Chỉ tiêu"),
            columns: TargetColumns {
                name: s("Chỉ tiêu"),
                unit: s("Đơn vị tính"),
                baseline: s("Giá trị cơ sở"),
                target: s("Mục tiêu"),
                latest: s("Giá trị mới nhất"),
                attainment: s("Mức độ đạt"),
            },
            rows: vec![
                TargetRow {
                    name: s("Kết nạp đảng viên mới"),
                    unit: s("đảng viên"),
                    baseline: 1200.0,
                    target: 1500.0,
                    latest: Some(1620.0),
                    attainment: s("Vượt"),
                },
                TargetRow {
                    name: s("Tỷ lệ hộ nghèo"),
                    unit: s("%"),
                    baseline: 4.2,
                    target: 1.5,
                    latest: Some(2.1),
                    attainment: s("Chưa đạt (78%)"),
                },
                TargetRow {
                    name: s("Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ"),
                    unit: s("%"),
                    baseline: 80.0,
                    target: 90.0,
                    latest: None,
                    attainment: s("Chưa báo cáo"),
                },
            ],
        },
        signature: Signature {
            on_behalf: s("T/M BAN THƯỜNG VỤ"), title: s("PHÓ BÍ THƯ"), name: s("Nguyễn Văn Bình")
        },
        recipients: Recipients {
            label: s("Nơi nhận:"),
            lines: vec![
                s("- Ban Thường vụ Tỉnh ủy (để b/c),"),
                s("- Các đảng bộ trực thuộc,"),
                s("- Lưu Văn phòng Tỉnh ủy."),
            ],
        },
    }
}

// --- poppler helpers (as in render.rs) ----------------------------------------

/// Whether `tool` runs. If not: fails when DAIHOI_TEST_REQUIRE_TOOLS=1, else
/// prints "skipped" and returns false.
fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        assert!(
            std::env::var("DAIHOI_TEST_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "{tool} not installed (DAIHOI_TEST_REQUIRE_TOOLS=1)"
        );
        println!("skipped: {tool} not installed");
    }
    ok
}

fn save(name: &str, bytes: &[u8], ext: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("daihoi-print");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.{ext}"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The text of each page, or None when pdftotext is missing.
fn pages_of(pdf: &Path) -> Option<Vec<String>> {
    if !have("pdftotext") {
        return None;
    }
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext failed on {}", pdf.display());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    pages.pop(); // after the last form feed
    Some(pages)
}

/// Share of dark pixels of page 1 rendered at 40 dpi (None without pdftoppm).
fn ink_of_page_one(pdf: &Path) -> Option<f64> {
    if !have("pdftoppm") {
        return None;
    }
    let stem = pdf.with_extension("");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .unwrap();
    assert!(status.success());
    let file = std::fs::File::open(stem.with_extension("png")).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file)).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let pixels = &buf[..info.buffer_size()];
    assert!(info.width < info.height, "A4 portrait: {}x{}", info.width, info.height);
    Some(pixels.iter().filter(|&&b| b < 128).count() as f64 / pixels.len() as f64)
}

// --- PDF -------------------------------------------------------------------------

#[test]
fn long_report_breaks_its_table_with_the_header_repeated() {
    let r = report(40);
    let pdf = periodic_report_pdf(&r).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let path = save("periodic-report-long", &pdf, "pdf");
    if let Some(ink) = ink_of_page_one(&path) {
        assert!(ink > 0.005, "page 1 is (nearly) blank: {ink}");
    }
    let Some(pages) = pages_of(&path) else { return };
    let all = pages.concat();
    for want in [
        "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "TỈNH ỦY QUẢNG NINH",
        "Đảng bộ tỉnh Quảng Ninh",
        "Quý III năm 2026",
        "Quảng Ninh, ngày 05 tháng 10 năm 2026",
        "Tiến độ chung",
        "62,5%",
        "1.234",
        STRANGE,
        "Chưa báo cáo",
        "Kết nạp đảng viên mới",
        "1.620",
        "4,2",
        "Chưa đạt (78%)",
        // The chart's own text, drawn from the embedded SVG.
        "Tiến độ theo tổ chức",
    ] {
        assert!(all.contains(want), "missing {want:?} in:\n{all}");
    }
    let n = pages.len();
    assert!(n >= 3, "40 tasks should run over several pages, got {n}");
    assert!(pages[n - 1].contains(&format!("Trang {n} / {n}")), "{}", pages[n - 1]);
    // Page 2 continues the task table: its header again, and a task row.
    assert!(pages[1].contains("Đơn vị thực hiện") && pages[1].contains("Báo cáo gần nhất"), "{}", pages[1]);
    let header_pages = pages.iter().filter(|p| p.contains("Báo cáo gần nhất")).count();
    assert!(header_pages >= 2, "the header is on {header_pages} page(s)");
    let row_on_page_2 = (0..40).any(|i| pages[1].contains(&format!("Nhiệm vụ số {}:", i + 1)));
    assert!(row_on_page_2, "no task row on page 2:\n{}", pages[1]);
    assert!(pages[1].contains("Trang 2 /"));
}

#[test]
fn short_report_without_chart_in_french_style() {
    let mut r = report(2);
    r.chart = None;
    r.style = NumberStyle::Fr;
    r.heading.party = String::new();
    let path = save("periodic-report-short", &periodic_report_pdf(&r).unwrap(), "pdf");
    let Some(pages) = pages_of(&path) else { return };
    // The summary on a portrait page, the tables on a landscape one.
    assert_eq!(pages.len(), 2);
    assert!(pages[0].contains("62,5"), "{}", pages[0]);
    assert!(!pages[0].contains("Tiến độ theo tổ chức"));
}

#[test]
fn a_tall_chart_is_scaled_to_fit_its_page() {
    let mut r = report(1);
    let chart = r.chart.as_mut().unwrap();
    chart.items =
        (0..40).map(|i| ProgressItem { label: format!("Chi bộ số {}", i + 1), percent: Some(50.0) }).collect();
    let path = save("periodic-report-tall-chart", &periodic_report_pdf(&r).unwrap(), "pdf");
    let Some(pages) = pages_of(&path) else { return };
    let page = pages.iter().position(|p| p.contains("Chi bộ số 1\n")).expect("the chart's first bar");
    assert!(pages[page].contains("Chi bộ số 40"), "the last bar is cut from the chart's page:\n{}", pages[page]);
}

#[test]
fn same_report_same_bytes() {
    let r = report(3);
    assert_eq!(periodic_report_pdf(&r).unwrap(), periodic_report_pdf(&r).unwrap());
}

// --- The Party layout and the .docx ---------------------------------------------

/// Issue 14, item 6: the first page has the Party heading where Hướng dẫn
/// 36-HD/VPTW puts it (issuing body and number left, the Party's name and
/// the place and date right, the title centered below), then the summary.
#[test]
fn the_first_page_has_the_party_heading_and_the_summary() {
    let r = report(40);
    let path = save("periodic-report-party", &periodic_report_pdf(&r).unwrap(), "pdf");
    common::assert_party_heading(
        &path,
        "TỈNH ỦY QUẢNG NINH",
        "Số",
        "Quảng Ninh, ngày 05 tháng 10 năm 2026",
        "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
    );
    let Some(page) = common::pdftotext(&path, &["-layout", "-f", "1", "-l", "1"]) else { return };
    assert!(page.contains("-BC/TU"), "{page}");
    for want in ["I. TỔNG HỢP", "Hoàn thành đúng hạn", "1.234", "Tiến độ chung", "62,5%"] {
        assert!(page.contains(want), "the first page lacks the summary's {want:?}:\n{page}");
    }
    // The closing, on the last page: recipients left, signature right.
    let Some(all) = common::pdftotext(&path, &["-layout"]) else { return };
    let last = all.split('\u{c}').rfind(|p| !p.trim().is_empty()).unwrap();
    let line = last.lines().find(|l| l.contains("Nơi nhận:")).unwrap_or_else(|| panic!("{last}"));
    assert!(line.contains("T/M BAN THƯỜNG VỤ"), "{last}");
    assert!(last.contains("- Lưu Văn phòng Tỉnh ủy.") && last.contains("Nguyễn Văn Bình"), "{last}");
}

/// A number from the register prints in full; the parent body prints above.
#[test]
fn a_registered_number_and_a_parent_body() {
    let mut r = report(2);
    r.heading.number.as_mut().unwrap().number = Some(s("12-BC/TU"));
    r.heading.issuing_body_parent = Some(s("Đảng bộ tỉnh Quảng Ninh"));
    let path = save("periodic-report-numbered", &periodic_report_pdf(&r).unwrap(), "pdf");
    let Some(page) = common::pdftotext(&path, &["-layout", "-f", "1", "-l", "1"]) else { return };
    let parent = page.lines().find(|l| l.contains("ĐẢNG BỘ TỈNH QUẢNG NINH")).expect(&page);
    assert!(parent.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{page}");
    let dated = page.lines().find(|l| l.contains("Quảng Ninh, ngày")).expect(&page);
    assert!(dated.contains("Số 12-BC/TU"), "{page}");
}

/// The .docx has the PDF's text: the same words, and the heading, title,
/// summary, signature and recipients as paragraphs of both.
#[test]
fn the_docx_has_the_text_of_the_pdf() {
    let mut r = report(300);
    r.chart = None; // a picture in the PDF, left out of the .docx
    r.by_org = Some(by_org());
    r.tasks.printed = Some((0..40).map(|i| i * 7).collect());
    r.tasks.more = s("… và 260 nhiệm vụ khác: xem tệp Excel.");
    let docx = periodic_report_docx(&r).unwrap();
    save("periodic-report", &docx, "docx");
    assert_eq!(docx, periodic_report_docx(&r).unwrap(), "same report, same bytes");
    let path = save("periodic-report-docx-twin", &periodic_report_pdf(&r).unwrap(), "pdf");
    let Some(text) = common::pdftotext(&path, &[]) else { return };
    common::assert_same_text(
        &docx,
        &text,
        &[
            "TỈNH ỦY QUẢNG NINH",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "*",
            "Số -BC/TU",
            "Quảng Ninh, ngày 05 tháng 10 năm 2026",
            "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
            "Đảng bộ tỉnh Quảng Ninh",
            "Quý III năm 2026",
            "I. TỔNG HỢP",
            "Hoàn thành đúng hạn",
            "1.234",
            "Tiến độ chung",
            "62,5%",
            "Tổng hợp theo đơn vị",
            "10.035",
            "… và 260 nhiệm vụ khác: xem tệp Excel.",
            "Nơi nhận:",
            "- Ban Thường vụ Tỉnh ủy (để b/c),",
            "- Lưu Văn phòng Tỉnh ủy.",
            "T/M BAN THƯỜNG VỤ",
            "PHÓ BÍ THƯ",
            "Nguyễn Văn Bình",
        ],
    );
    // The PDF's bounded list: the printed rows only.
    let paragraphs = common::docx_paragraphs(&docx).join("\n");
    assert!(paragraphs.contains("Nhiệm vụ số 274:") && !paragraphs.contains("Nhiệm vụ số 2:"));
}

// --- Excel -----------------------------------------------------------------------

fn read_book(bytes: &[u8]) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap()
}

/// The `styles.xml` part of the workbook.
fn styles_of(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut styles = String::new();
    zip.by_name("xl/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    styles
}

#[test]
fn workbook_has_tasks_and_targets_as_numbers_and_dates() {
    let r = report(12);
    let bytes = periodic_report_xlsx(&r).unwrap();
    save("periodic-report", &bytes, "xlsx");
    let mut book = read_book(&bytes);
    assert_eq!(book.sheet_names(), ["Nhiệm vụ", "Chỉ tiêu", "Tổng hợp"]);

    // The summary, last: the counts and the overall progress as a percent.
    let summary = book.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(summary.get((0, 0)), Some(&Data::String(s("Đảng bộ tỉnh Quảng Ninh"))));
    assert_eq!(summary.get((1, 0)), Some(&Data::String(s("Hoàn thành đúng hạn"))));
    assert_eq!(summary.get((1, 1)), Some(&Data::Float(12.0)));
    assert_eq!(summary.get((5, 0)), Some(&Data::String(s("Tiến độ chung"))));
    match summary.get((5, 1)) {
        Some(Data::Float(p)) => assert!((p - 0.6245).abs() < 1e-12, "{p}"),
        other => panic!("the overall progress is not a number: {other:?}"),
    }
    // No figure: the words saying why.
    let mut unset = report(2);
    unset.summary.progress = None;
    unset.summary.unset = Some(s("chưa chọn cách tổng hợp tiến độ"));
    let mut other = read_book(&periodic_report_xlsx(&unset).unwrap());
    let summary = other.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(summary.get((5, 1)), Some(&Data::String(s("chưa chọn cách tổng hợp tiến độ"))));

    let tasks = book.worksheet_range("Nhiệm vụ").unwrap();
    assert_eq!(tasks.get_size(), (13, 8));
    let header: Vec<String> = (0..8).map(|c| tasks.get((0, c)).unwrap().to_string()).collect();
    assert_eq!(
        header,
        [
            "Văn bản",
            "Điều khoản",
            "Nhiệm vụ",
            "Đơn vị thực hiện",
            "Thời hạn",
            "Tình trạng",
            "Tiến độ",
            "Báo cáo gần nhất"
        ]
    );
    assert_eq!(tasks.get((1, 0)), Some(&Data::String(s("23-NQ/TU"))));
    assert_eq!(tasks.get((1, 7)), Some(&Data::String(s(STRANGE))));
    // The deadline is a real date (a serial number with a date format).
    // 46203 days after 30 December 1899 is 30 June 2026.
    match tasks.get((1, 4)) {
        Some(Data::DateTime(d)) => assert!(d.is_datetime() && d.as_f64() == 46203.0, "{d:?}"),
        other => panic!("the deadline is not a date: {other:?}"),
    }
    // Task 5 has no deadline; task 6 has no progress: empty cells.
    assert_eq!(tasks.get((5, 4)), Some(&Data::Empty));
    assert_eq!(tasks.get((6, 6)), Some(&Data::Empty));
    // Progress is a fraction (17% for task 2), not text.
    assert_eq!(tasks.get((2, 6)), Some(&Data::Float(0.17)));

    let targets = book.worksheet_range("Chỉ tiêu").unwrap();
    assert_eq!(targets.get_size(), (4, 6));
    assert_eq!(targets.get((0, 5)), Some(&Data::String(s("Mức độ đạt"))));
    assert_eq!(targets.get((1, 2)), Some(&Data::Float(1200.0)));
    assert_eq!(targets.get((2, 3)), Some(&Data::Float(1.5)));
    assert_eq!(targets.get((2, 4)), Some(&Data::Float(2.1)));
    assert_eq!(targets.get((3, 4)), Some(&Data::Empty));

    // The number formats (percent, date) and a bold font for the header.
    let styles = styles_of(&bytes);
    assert!(styles.contains(r#"formatCode="0%""#), "{styles}");
    assert!(styles.contains(r#"formatCode="dd/mm/yyyy""#), "{styles}");
    assert!(styles.contains("<b/>"), "{styles}");
}

/// The frozen header and the filter are in each sheet's XML.
#[test]
fn workbook_sheets_freeze_and_filter_their_header() {
    let bytes = periodic_report_xlsx(&report(3)).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    for (i, last) in [(1, "H4"), (2, "F4")] {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{i}.xml")).unwrap().read_to_string(&mut xml).unwrap();
        assert!(xml.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#), "{xml}");
        assert!(xml.contains(&format!(r#"<autoFilter ref="A1:{last}"/>"#)), "{xml}");
        assert!(xml.contains("<cols>"), "column widths: {xml}");
    }
}

#[test]
fn english_dates_and_refused_sheet_names() {
    let mut r = report(1);
    r.style = NumberStyle::En;
    let styles = styles_of(&periodic_report_xlsx(&r).unwrap());
    assert!(styles.contains(r#"formatCode="yyyy-mm-dd""#), "{styles}");

    r.targets.sheet_name = s("Chỉ tiêu [2026]");
    assert!(matches!(periodic_report_xlsx(&r), Err(PrintError::Xlsx(_))));
    r.targets.sheet_name = s("Chỉ tiêu");
    // A deadline Excel cannot hold as a date is written as its text.
    r.tasks.rows[0].deadline = Some(date!(1899 - 12 - 31));
    let book = periodic_report_xlsx(&r).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&book)).unwrap();
    let text: String = (0..zip.len())
        .map(|i| {
            let mut t = String::new();
            zip.by_index(i).unwrap().read_to_string(&mut t).unwrap_or_default();
            t
        })
        .collect();
    assert!(text.contains("1899-12-31"), "the deadline as text");
}

// --- A large report ----------------------------------------------------------------

fn by_org() -> CountTable {
    CountTable {
        heading: s("Tổng hợp theo đơn vị"),
        sheet_name: s("Theo đơn vị"),
        org_column: s("Đơn vị"),
        columns: vec![s("Hoàn thành đúng hạn"), s("Chưa hoàn thành trong thời hạn")],
        total_column: s("Tổng số"),
        rows: ORGS
            .iter()
            .enumerate()
            .map(|(i, o)| CountRow { label: s(o), counts: vec![i as u32 * 1000, 7] })
            .collect(),
        total_label: s("Tổng cộng"),
    }
}

/// The PDF prints the rows the caller chose, in its order, then its note on
/// the others; the table by organization under the summary with its total.
#[test]
fn the_pdf_prints_the_chosen_rows_and_says_how_many_more() {
    let mut r = report(300);
    r.by_org = Some(by_org());
    r.tasks.printed = Some(vec![250, 3, 9999]);
    r.tasks.more = s("… và 298 nhiệm vụ khác: xem tệp Excel.");
    let path = save("periodic-report-bounded", &periodic_report_pdf(&r).unwrap(), "pdf");
    let Some(pages) = pages_of(&path) else { return };
    let all = pages.concat();
    assert!(all.contains("Nhiệm vụ số 251:") && all.contains("Nhiệm vụ số 4:"), "{all}");
    let printed = (1..=300).filter(|i| all.contains(&format!("Nhiệm vụ số {i}:"))).count();
    assert_eq!(printed, 2, "only the chosen rows");
    assert!(all.find("Nhiệm vụ số 251:") < all.find("Nhiệm vụ số 4:"), "in the chosen order");
    assert!(all.contains("… và 298 nhiệm vụ khác: xem tệp Excel."), "{all}");
    for want in ["Tổng hợp theo đơn vị", "Đảng bộ phường Hạ Long", "1.000", "Tổng cộng", "10.000", "10.035"]
    {
        assert!(all.contains(want), "missing {want:?} in:\n{all}");
    }
    assert!(all.find("Tổng hợp theo đơn vị") < all.find("II. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"));
}

/// The workbook holds every row (the task sheet in constant-memory mode) and
/// the counts by organization as numbers with their total.
#[test]
fn the_workbook_holds_every_row_and_the_counts_by_organization() {
    let mut r = report(20_000);
    r.by_org = Some(by_org());
    r.tasks.printed = Some(vec![0]);
    let bytes = periodic_report_xlsx(&r).unwrap();
    let mut book = read_book(&bytes);
    assert_eq!(book.sheet_names(), ["Nhiệm vụ", "Chỉ tiêu", "Theo đơn vị", "Tổng hợp"]);
    let tasks = book.worksheet_range("Nhiệm vụ").unwrap();
    assert_eq!(tasks.get_size(), (20_001, 8));
    assert_eq!(tasks.get((20_000, 2)), Some(&Data::String(task(19_999).title)));
    assert_eq!(tasks.get((3, 6)), Some(&Data::Float(0.34)));
    let counts = book.worksheet_range("Theo đơn vị").unwrap();
    assert_eq!(counts.get_size(), (7, 4));
    assert_eq!(counts.get((0, 3)), Some(&Data::String(s("Tổng số"))));
    assert_eq!(counts.get((2, 1)), Some(&Data::Float(1000.0)));
    assert_eq!(counts.get((2, 3)), Some(&Data::Float(1007.0)));
    assert_eq!(counts.get((6, 0)), Some(&Data::String(s("Tổng cộng"))));
    assert_eq!(counts.get((6, 1)), Some(&Data::Float(10_000.0)));
    assert_eq!(counts.get((6, 3)), Some(&Data::Float(10_035.0)));
}
