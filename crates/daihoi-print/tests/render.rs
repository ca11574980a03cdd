//! Renders the minutes and the ballots and checks the PDFs with poppler:
//! `pdftotext` proves the Vietnamese text (and a name full of typst markup)
//! comes out literally, `pdftoppm` proves page 1 draws something.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use daihoi_print::{
    BallotSheet, CandidateLine, ElectedLine, Line, Minutes, MinutesRound, PrintError, ballots_pdf, minutes_docx,
    minutes_pdf,
};

/// A name full of typst markup characters: it must print literally.
const STRANGE: &str = r#"Lê #Văn* "A" [x] $"#;

const NAMES: [&str; 12] = [
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "Lê Hoàng Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Đức",
    "Vũ Thị Hằng",
    "Đặng Quốc Huy",
    "Bùi Thị Thu Hương",
    "Đỗ Minh Khải",
    "Ngô Thị Lan",
    "Dương Văn Lợi",
    "Lý Thị Mỹ",
];

fn line(label: &str, value: impl ToString) -> Line {
    Line { label: label.into(), value: value.to_string() }
}

fn s(x: &str) -> String {
    x.to_owned()
}

// --- poppler helpers -------------------------------------------------------

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

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("daihoi-print");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn save(name: &str, pdf: &[u8]) -> PathBuf {
    assert!(pdf.starts_with(b"%PDF"), "{name}: not a PDF");
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    path
}

/// The text of the PDF (pdftotext -layout off), or None when the tool is missing.
fn text_of(pdf: &PathBuf) -> Option<String> {
    if !have("pdftotext") {
        return None;
    }
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext failed on {}", pdf.display());
    Some(String::from_utf8(out.stdout).unwrap())
}

fn pages_of(text: &str) -> usize {
    text.matches('\u{c}').count()
}

/// Renders page 1 at 50 dpi and checks it is a real, not blank, picture.
fn check_page_one(pdf: &PathBuf) {
    if !have("pdftoppm") {
        return;
    }
    let stem = pdf.with_extension("");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    let png = std::fs::File::open(stem.with_extension("png")).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(png)).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let pixels = &buf[..info.buffer_size()];
    assert!(info.width > 300 && info.height > 300, "page 1 too small: {}x{}", info.width, info.height);
    let dark = pixels.iter().filter(|&&b| b < 128).count();
    assert!(dark * 1000 > pixels.len(), "page 1 of {} is (nearly) blank", pdf.display());
}

fn assert_contains(text: &str, what: &str) {
    assert!(text.contains(what), "missing {what:?} in:\n{text}");
}

// --- minutes -----------------------------------------------------------------

fn crossing_round() -> MinutesRound {
    // 7 names, 5 seats, base 145: 73 needed; a tie for the fifth seat.
    let votes = [130, 128, 120, 101, 90, 90, 40];
    let names = [NAMES[0], NAMES[1], NAMES[2], NAMES[3], NAMES[4], STRANGE, NAMES[6]];
    MinutesRound {
        number: 1,
        opened_by: None,
        seats: 5,
        form: s("gạch tên"),
        agree_form: false,
        candidates_listed: names.iter().map(|n| s(n)).collect(),
        electorate: vec![
            line("Số đại biểu được triệu tập", 150),
            line("Trừ: đại biểu vắng mặt có lý do", 3),
            line("Trừ: đại biểu bị đình chỉ sinh hoạt", 2),
            line("Cơ sở tính kết quả", 145),
        ],
        needed: s("Người trúng cử phải được ít nhất 73 phiếu (quá 1/2 của 145)."),
        ballots: vec![
            line("Số phiếu phát ra", 145),
            line("Số phiếu thu vào", 145),
            line("Số phiếu hợp lệ", 142),
            line("Số phiếu không hợp lệ", 3),
        ],
        invalid_by_reason: vec![line("Bầu quá số lượng cần bầu", 2), line("Không có dấu của cấp ủy triệu tập", 1)],
        candidates: names
            .iter()
            .zip(votes)
            .enumerate()
            .map(|(i, (n, v))| CandidateLine {
                number: i as u32 + 1,
                name: s(n),
                votes: v,
                percent: format!("{:.2}", f64::from(v) * 100.0 / 145.0),
                disagree: None,
                no_vote: None,
                passed: v >= 73,
                elected: i < 4,
            })
            .collect(),
        rulings: vec![s(
            "Một phiếu gạch tên bằng bút chì được Ban kiểm phiếu xác định là hợp lệ (7 thành viên nhất trí).",
        )],
        decision_points: vec![format!(
            "Hai đồng chí Hoàng Văn Đức và {STRANGE} cùng được 90 phiếu (62,07%) ở vị trí thứ 5: \
             Đại hội quyết định bầu lại giữa hai đồng chí hoặc không bầu thêm."
        )],
        decisions: vec![],
    }
}

fn minutes_one_round() -> Minutes {
    let round = crossing_round();
    Minutes {
        issuer: s("ĐẢNG BỘ XÃ QUẢNG TÂN"),
        congress: s("Đại hội đại biểu Đảng bộ xã Quảng Tân lần thứ I, nhiệm kỳ 2025–2030"),
        place_and_date: s("Quảng Tân, ngày 20 tháng 6 năm 2025"),
        title: s("Bầu Ban Chấp hành Đảng bộ xã Quảng Tân, nhiệm kỳ 2025–2030"),
        board_head: s("Trịnh Văn Bảo"),
        board_members: vec![s("Mai Thị Cúc"), s("Quách Văn Định"), s("Tạ Thị Ngọc Ánh")],
        elected: round
            .candidates
            .iter()
            .filter(|c| c.elected)
            .map(|c| ElectedLine { name: c.name.clone(), votes: c.votes, percent: c.percent.clone(), round: 1 })
            .collect(),
        open_points: round.decision_points.clone(),
        rounds: vec![round],
    }
}

fn minutes_two_rounds() -> Minutes {
    let mut m = minutes_one_round();
    m.board_head = String::new();
    m.board_members = vec![];
    m.place_and_date = String::new();
    let first = &mut m.rounds[0];
    first.decisions = vec![s("Đoàn Chủ tịch đề nghị, Đại hội biểu quyết (138/145 đồng ý) bầu lại giữa hai đồng chí \
         có số phiếu bằng nhau, lúc 10 giờ 40 phút.")];
    let pair = [NAMES[4], STRANGE];
    let agree = [96, 47];
    let disagree = [44, 92];
    let second = MinutesRound {
        number: 2,
        opened_by: Some(s("Theo quyết định của Đại hội lúc 10 giờ 40 phút: bầu 1 đồng chí trong 2 đồng chí.")),
        seats: 1,
        form: s("đồng ý / không đồng ý"),
        agree_form: true,
        candidates_listed: pair.iter().map(|n| s(n)).collect(),
        electorate: vec![line("Số đại biểu được triệu tập", 150), line("Cơ sở tính kết quả", 145)],
        needed: s("Người trúng cử phải được ít nhất 73 phiếu đồng ý (quá 1/2 của 145)."),
        ballots: vec![
            line("Số phiếu phát ra", 145),
            line("Số phiếu thu vào", 144),
            line("Số phiếu hợp lệ", 144),
            line("Số phiếu không hợp lệ", 0),
        ],
        invalid_by_reason: vec![],
        candidates: pair
            .iter()
            .enumerate()
            .map(|(i, n)| CandidateLine {
                number: i as u32 + 1,
                name: s(n),
                votes: agree[i],
                percent: format!("{:.2}", f64::from(agree[i]) * 100.0 / 145.0),
                disagree: Some(disagree[i]),
                no_vote: Some(144 - agree[i] - disagree[i]),
                passed: agree[i] >= 73,
                elected: i == 0,
            })
            .collect(),
        rulings: vec![],
        decision_points: vec![],
        decisions: vec![],
    };
    m.elected.push(ElectedLine { name: s(NAMES[4]), votes: 96, percent: s("66.21"), round: 2 });
    m.open_points = vec![];
    m.rounds.push(second);
    m
}

/// The minutes in the Party layout (the board under its party body, the
/// Party's name and the place and date facing them), and as a .docx with
/// the same text.
#[test]
fn minutes_have_the_party_heading_and_a_docx_twin() {
    for (name, m) in [("minutes-docx-1", minutes_one_round()), ("minutes-docx-2", minutes_two_rounds())] {
        let docx = minutes_docx(&m).unwrap();
        std::fs::write(out_dir().join(format!("{name}.docx")), &docx).unwrap();
        let path = save(name, &minutes_pdf(&m).unwrap());
        let Some(text) = common::pdftotext(&path, &[]) else { return };
        common::assert_same_text(&docx, &text, &["ĐẢNG BỘ XÃ QUẢNG TÂN", "BAN KIỂM PHIẾU", "BIÊN BẢN KIỂM PHIẾU"]);
    }
    let path = out_dir().join("minutes-docx-1.pdf");
    let Some(page) = common::pdftotext(&path, &["-layout", "-f", "1", "-l", "1"]) else { return };
    let top = page.lines().find(|l| l.contains("ĐẢNG BỘ XÃ QUẢNG TÂN")).expect(&page);
    assert!(top.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{page}");
    let board = page.lines().position(|l| l.contains("BAN KIỂM PHIẾU")).expect(&page);
    let dated = page.lines().position(|l| l.contains("Quảng Tân, ngày 20")).expect(&page);
    assert!(dated > board, "the place and date face the line under the star:\n{page}");
    assert!(minutes_docx(&Minutes { rounds: vec![], ..minutes_one_round() }).is_err());
}

#[test]
fn minutes_one_round_with_a_tie() {
    let m = minutes_one_round();
    let t = Instant::now();
    let pdf = minutes_pdf(&m).unwrap();
    println!("minutes (1 round): {:?}, {} bytes", t.elapsed(), pdf.len());
    let path = save("minutes-1", &pdf);
    check_page_one(&path);
    let Some(text) = text_of(&path) else { return };
    for want in [
        "BIÊN BẢN KIỂM PHIẾU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ XÃ QUẢNG TÂN",
        "Quảng Tân, ngày 20 tháng 6 năm 2025",
        "Nguyễn Văn An",
        "Trần Thị Bích Ngọc",
        STRANGE,
        "Cơ sở tính kết quả",
        "Người trúng cử phải được ít nhất 73 phiếu",
        "Bầu quá số lượng cần bầu",
        "Trúng cử",
        "Những vấn đề còn chờ Đại hội quyết định",
        "TRƯỞNG BAN KIỂM PHIẾU",
        "CÁC THÀNH VIÊN BAN KIỂM PHIẾU",
        "Trịnh Văn Bảo",
        "Tạ Thị Ngọc Ánh",
    ] {
        assert_contains(&text, want);
    }
}

#[test]
fn minutes_two_rounds_with_agree_form() {
    let m = minutes_two_rounds();
    let t = Instant::now();
    let pdf = minutes_pdf(&m).unwrap();
    println!("minutes (2 rounds): {:?}, {} bytes", t.elapsed(), pdf.len());
    let path = save("minutes-2", &pdf);
    check_page_one(&path);
    let Some(text) = text_of(&path) else { return };
    for want in [
        "LẦN BẦU THỨ 1",
        "LẦN BẦU THỨ 2",
        "Đồng ý",
        "Hình thức bầu: đồng ý / không đồng ý",
        "bầu lại giữa hai đồng chí",
        "66.21",
        STRANGE,
        "Trưởng ban",
    ] {
        assert_contains(&text, want);
    }
    assert!(pages_of(&text) >= 2, "expected several pages");
    assert_contains(&text, &format!("Trang 1 / {}", pages_of(&text)));
}

#[test]
fn minutes_table_breaks_across_pages_with_its_header() {
    let mut m = minutes_one_round();
    let round = &mut m.rounds[0];
    round.candidates = (0..60)
        .map(|i| CandidateLine {
            number: i + 1,
            name: format!("{} {}", NAMES[i as usize % NAMES.len()], i + 1),
            votes: 100 - i,
            percent: s("50.00"),
            disagree: None,
            no_vote: None,
            passed: false,
            elected: false,
        })
        .collect();
    let path = save("minutes-long", &minutes_pdf(&m).unwrap());
    let Some(text) = text_of(&path) else { return };
    // The header row is repeated on the page the table continues on.
    assert!(text.matches("Họ và tên").count() >= 3, "{text}");
    assert_contains(&text, "Lý Thị Mỹ 60");
}

#[test]
fn minutes_need_a_round() {
    let mut m = minutes_one_round();
    m.rounds.clear();
    assert!(matches!(minutes_pdf(&m), Err(PrintError::NoRounds)));
}

// --- ballots -----------------------------------------------------------------

fn sheet(names: usize, agree_form: bool, per_page: u32, copies: u32) -> BallotSheet {
    let mut list: Vec<String> = (0..names)
        .map(|i| {
            let n = NAMES[i % NAMES.len()];
            if i < NAMES.len() { s(n) } else { format!("{n} {}", ["Anh", "Bình", "Châu"][i % 3]) }
        })
        .collect();
    if names > 2 {
        list[2] = s(STRANGE);
    }
    BallotSheet {
        issuer: s("BAN CHẤP HÀNH ĐẢNG BỘ XÃ QUẢNG TÂN"),
        congress: s("Đại hội đại biểu Đảng bộ xã Quảng Tân lần thứ I, nhiệm kỳ 2025–2030"),
        title: s("Bầu Ban Chấp hành Đảng bộ xã Quảng Tân, nhiệm kỳ 2025–2030"),
        seats: if agree_form { names as u32 } else { names as u32 * 4 / 5 },
        names: list,
        agree_form,
        per_page,
        copies,
    }
}

/// R-BALLOT-1: every ballot prints the full names of the list and the seal
/// box of the convening committee top-left; one ballot per copy.
fn check_ballots(label: &str, b: &BallotSheet) -> Option<String> {
    let t = Instant::now();
    let pdf = ballots_pdf(b).unwrap_or_else(|e| panic!("{label}: {e}"));
    println!("ballots {label}: {:?}, {} bytes", t.elapsed(), pdf.len());
    let path = save(&format!("ballots-{label}"), &pdf);
    check_page_one(&path);
    let text = text_of(&path)?;
    for want in ["PHIẾU BẦU CỬ", "ĐẢNG CỘNG SẢN VIỆT NAM", "Dấu của", "cấp ủy triệu tập", "Nguyễn Văn An"]
    {
        assert_contains(&text, want);
    }
    let expected_pages = b.copies.div_ceil(b.per_page) as usize;
    assert_eq!(pages_of(&text), expected_pages, "{label}: pages");
    assert_eq!(text.matches("PHIẾU BẦU CỬ").count(), b.copies as usize, "{label}: ballots");
    Some(text)
}

/// R-BALLOT-1, R-BALLOT-2: the crossing-out form and its instruction.
#[test]
fn crossing_out_ballots_one_two_four_per_page() {
    for per_page in [1, 2, 4] {
        let b = sheet(12, false, per_page, 5);
        let Some(text) = check_ballots(&format!("crossing-{per_page}"), &b) else { return };
        assert_contains(&text, "Đồng chí không bầu ai thì gạch ngang cả họ và tên người đó");
        assert_contains(&text, "Bầu 9 đồng chí");
        assert_contains(&text, STRANGE);
        assert_contains(&text, "12. Lý Thị Mỹ");
    }
}

/// R-BALLOT-1, R-BALLOT-3: the agree/disagree form, four columns.
#[test]
fn agree_ballots_one_two_four_per_page() {
    for per_page in [1, 2, 4] {
        let b = sheet(9, true, per_page, 4);
        let Some(text) = check_ballots(&format!("agree-{per_page}"), &b) else { return };
        assert_contains(&text, "Đồng ý");
        assert_contains(&text, "Họ và tên");
        assert_contains(&text, "STT");
        assert_contains(&text, "Bầu 9 đồng chí");
        assert_contains(&text, STRANGE);
    }
}

#[test]
fn forty_names_fit_one_ballot() {
    for agree_form in [false, true] {
        for per_page in [1, 2, 4] {
            let b = sheet(40, agree_form, per_page, per_page);
            let label = format!("forty-{}-{per_page}", if agree_form { "agree" } else { "crossing" });
            let Some(text) = check_ballots(&label, &b) else { return };
            assert_contains(&text, b.names.last().unwrap());
            assert_contains(&text, STRANGE);
        }
    }
}

#[test]
fn bad_sheets_are_refused() {
    assert!(matches!(ballots_pdf(&sheet(5, false, 3, 1)), Err(PrintError::PerPage(3))));
    assert!(matches!(ballots_pdf(&sheet(5, false, 1, 0)), Err(PrintError::Copies)));
    match ballots_pdf(&sheet(400, true, 4, 1)) {
        Err(PrintError::TooManyNames { names: 400, per_page: 4 }) => {}
        other => panic!("expected TooManyNames, got {other:?}"),
    }
}

#[test]
fn inputs_round_trip_as_json() {
    let m = minutes_two_rounds();
    let back: Minutes = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
    assert_eq!(back, m);
}

#[test]
fn many_copies_and_same_bytes_every_time() {
    let b = sheet(15, false, 4, 100);
    check_ballots("copies-100", &b);
    // No clock and no random ids: the same data gives the same PDF.
    let small = sheet(3, true, 2, 2);
    assert_eq!(ballots_pdf(&small).unwrap(), ballots_pdf(&small).unwrap());
}
