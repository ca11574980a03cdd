//! The same documents as `.docx`, for the clerks who edit them in Word
//! before they are signed: the periodic report and the counting minutes,
//! with the text of their PDFs in the same order, in the layout of Party
//! documents (Hướng dẫn 36-HD/VPTW): portrait A4, Times New Roman 13–15 pt,
//! the heading as a borderless two-column table, the counts, tasks and
//! targets as tables, the recipients and the signature as a borderless
//! two-column table.
//!
//! Written with docx-rs; no date or random id goes into the file, so the
//! same document gives the same bytes. The chart of the report, a picture in
//! the PDF, is left out: the workbook and the PDF have it.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableCell, TableRow, VAlignType, WidthType,
};

use crate::frame::{FrameView, PartyHeading, Recipients, Signature};
use crate::listing::{Align, PartyList};
use crate::tracking::PeriodicReport;
use crate::{Minutes, PrintError};

const FONT: &str = "Times New Roman";
/// Sizes in half-points, as Word counts them.
const BODY: usize = 26;
const HEADING: usize = 28;
const TITLE: usize = 30;
const TABLE: usize = 22;
const SMALL: usize = 22;
/// A4 portrait and the margins of 36-HD/VPTW (top and bottom 2 cm, left
/// 3 cm, right 1.5 cm), in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
const WIDTH: usize = 11_906 - 1_701 - 850;

/// A run of text in the document's font; `size` in half-points.
fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT))
}

fn para(r: Run) -> Paragraph {
    Paragraph::new().add_run(r)
}

fn centered(r: Run) -> Paragraph {
    para(r).align(AlignmentType::Center)
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
}

/// A table of text with a bold header row; `widths` in twips.
fn grid_table(header: &[&str], rows: &[Vec<String>], widths: &[usize], bold_last: bool) -> Table {
    aligned_table(header, rows, widths, &[], bold_last)
}

/// [`grid_table`] with its body cells aligned by column (a column without
/// an alignment is left-aligned).
fn aligned_table(header: &[&str], rows: &[Vec<String>], widths: &[usize], aligns: &[Align], bold_last: bool) -> Table {
    let head =
        TableRow::new(header.iter().zip(widths).map(|(h, w)| cell(vec![centered(run(h, TABLE).bold())], *w)).collect());
    let n = rows.len();
    let body = rows.iter().enumerate().map(|(i, r)| {
        TableRow::new(
            r.iter()
                .zip(widths)
                .enumerate()
                .map(|(col, (c, w))| {
                    // A cell's lines (`\n`, a line break in the PDF) are its paragraphs.
                    let lines = c.split('\n').map(|line| {
                        let text = if bold_last && i + 1 == n { run(line, TABLE).bold() } else { run(line, TABLE) };
                        match aligns.get(col) {
                            Some(Align::Center) => para(text).align(AlignmentType::Center),
                            Some(Align::Right) => para(text).align(AlignmentType::Right),
                            _ => para(text),
                        }
                    });
                    cell(lines.collect(), *w)
                })
                .collect(),
        )
    });
    Table::new(std::iter::once(head).chain(body).collect()).set_grid(widths.to_vec())
}

/// The Party heading: a borderless table whose rows face each other as in
/// the PDF (issuing body / Party; star; number / place and date).
fn heading_table(f: &FrameView<'_>) -> Table {
    let (left_w, right_w) = (WIDTH * 10 / 23, WIDTH - WIDTH * 10 / 23);
    let mut top = Vec::new();
    if let Some(parent) = f.parent {
        top.push(centered(run(&parent.to_uppercase(), HEADING)));
    }
    top.push(centered(run(&f.issuing_body.to_uppercase(), HEADING).bold()));
    let party = centered(run(f.party, TITLE).bold().underline("single"));
    let number = f.number.as_deref().map_or_else(Paragraph::new, |n| centered(run(n, HEADING)));
    let date =
        if f.place_and_date.is_empty() { Paragraph::new() } else { centered(run(f.place_and_date, HEADING).italic()) };
    Table::without_borders(vec![
        TableRow::new(vec![cell(top, left_w), cell(vec![party], right_w)]),
        TableRow::new(vec![cell(vec![centered(run("*", HEADING))], left_w), cell(vec![Paragraph::new()], right_w)]),
        TableRow::new(vec![cell(vec![number], left_w), cell(vec![date], right_w)]),
    ])
    .set_grid(vec![left_w, right_w])
}

/// "Nơi nhận:" and its lines left, the signature right, borderless.
fn closing_table(f: &FrameView<'_>) -> Table {
    let half = WIDTH / 2;
    let mut left = Vec::new();
    if !f.recipients_label.is_empty() {
        left.push(para(run(f.recipients_label, SMALL + 2).bold().italic().underline("single")));
    }
    left.extend(f.recipients.iter().map(|l| para(run(l, SMALL))));
    if left.is_empty() {
        left.push(Paragraph::new());
    }
    let mut right = Vec::new();
    if let Some(lines) = &f.signature {
        let n = lines.len();
        right.extend(lines.iter().take(n.saturating_sub(1)).map(|l| centered(run(l, HEADING).bold())));
        // Room to sign.
        right.extend((0..4).map(|_| Paragraph::new()));
        if let Some(name) = lines.last() {
            right.push(centered(run(name, HEADING).bold()));
        }
    } else {
        right.push(Paragraph::new());
    }
    Table::without_borders(vec![TableRow::new(vec![cell(left, half), cell(right, WIDTH - half)])])
        .set_grid(vec![half, WIDTH - half])
}

fn document(title: &str) -> Docx {
    Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(1134).bottom(1134).left(1701).right(850).header(567).footer(567))
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT))
        .default_size(BODY)
        .custom_property("title", title)
}

fn pack(doc: Docx) -> Result<Vec<u8>, PrintError> {
    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| PrintError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

fn section(text: &str) -> Paragraph {
    para(run(text, BODY).bold()).keep_next(true)
}

/// Writes a periodic report (báo cáo định kỳ) as a `.docx` with the text of
/// its PDF ([`crate::periodic_report_pdf`]): the heading, the title block,
/// the summary, the counts by organization, the printed task rows (the
/// PDF's bounded list, [`crate::tracking::TaskTable::printed`]) and their
/// note, the targets, the recipients and the signature. The chart is left
/// out.
pub fn periodic_report_docx(report: &PeriodicReport) -> Result<Vec<u8>, PrintError> {
    let v = report.view();
    let mut doc = document(v.title).add_table(heading_table(&v.frame)).add_paragraph(Paragraph::new());
    doc = doc.add_paragraph(centered(run(v.title, TITLE).bold()));
    if !v.organization.is_empty() {
        doc = doc.add_paragraph(centered(run(v.organization, BODY).bold()));
    }
    if !v.period.is_empty() {
        doc = doc.add_paragraph(centered(run(v.period, BODY).italic()));
    }
    doc = doc.add_paragraph(Paragraph::new()).add_paragraph(section(v.summary_heading));
    let mut summary: Vec<TableRow> = v
        .counts
        .iter()
        .map(|(label, count)| {
            TableRow::new(vec![
                cell(vec![para(run(label, BODY))], WIDTH / 2),
                cell(vec![para(run(count, BODY)).align(AlignmentType::Right)], WIDTH / 6),
            ])
        })
        .collect();
    summary.push(TableRow::new(vec![
        cell(vec![para(run(v.progress_label, BODY).bold())], WIDTH / 2),
        cell(vec![para(run(&v.progress, BODY).bold()).align(AlignmentType::Right)], WIDTH / 6),
    ]));
    doc = doc.add_table(Table::without_borders(summary).set_grid(vec![WIDTH / 2, WIDTH / 6]));

    if let Some(t) = &v.by_org {
        let n = t.header.len().max(2);
        let first = WIDTH * 3 / 10;
        let rest = (WIDTH - first) / (n - 1);
        let widths: Vec<usize> = std::iter::once(first).chain(std::iter::repeat_n(rest, n - 1)).collect();
        let mut rows = t.rows.clone();
        rows.push(t.total.clone());
        doc = doc.add_paragraph(section(t.heading)).add_table(grid_table(&t.header, &rows, &widths, true));
    }

    let c = v.task_columns;
    let header =
        [c.document.as_str(), &c.clause, &c.title, &c.assignee, &c.deadline, &c.status, &c.progress, &c.latest_report];
    let tasks: Vec<Vec<String>> = v.tasks.iter().map(|r| r.to_vec()).collect();
    let widths = [1100, 950, 1900, 1300, 1000, 1100, 800, WIDTH - 8150];
    doc = doc.add_paragraph(section(v.tasks_heading)).add_table(grid_table(&header, &tasks, &widths, false));
    if !v.more.is_empty() {
        doc = doc.add_paragraph(para(run(v.more, BODY).italic()));
    }

    let c = v.target_columns;
    let header = [c.name.as_str(), &c.unit, &c.baseline, &c.target, &c.latest, &c.attainment];
    let targets: Vec<Vec<String>> = v.targets.iter().map(|r| r.to_vec()).collect();
    let widths = [2600, 1200, 1100, 1100, 1100, WIDTH - 7100];
    doc = doc.add_paragraph(section(v.targets_heading)).add_table(grid_table(&header, &targets, &widths, false));

    doc = doc.add_paragraph(Paragraph::new()).add_table(closing_table(&v.frame));
    pack(doc)
}

/// Writes a [`PartyList`] (the task list, the report on a document's
/// dissemination) as a `.docx` with the text of its PDF
/// ([`crate::party_list_pdf`]): the heading, the title block, each section's
/// heading, paragraphs, table (its columns as wide as their weights say) and
/// note, the recipients and the signature.
///
/// # Errors
///
/// [`PrintError::RowWidth`] for a row that does not fit its table.
pub fn party_list_docx(list: &PartyList) -> Result<Vec<u8>, PrintError> {
    list.check()?;
    let v = list.view();
    let mut doc = document(v.title).add_table(heading_table(&v.frame)).add_paragraph(Paragraph::new());
    doc = doc.add_paragraph(centered(run(v.title, TITLE).bold()));
    for (i, line) in v.subtitle.iter().enumerate() {
        let r = run(line, BODY);
        doc = doc.add_paragraph(centered(if i == 0 { r.bold() } else { r.italic() }));
    }
    doc = doc.add_paragraph(Paragraph::new());
    for s in &v.sections {
        if !s.heading.is_empty() {
            doc = doc.add_paragraph(section(s.heading));
        }
        for p in s.paragraphs {
            doc = doc.add_paragraph(para(run(p, BODY)));
        }
        if let Some(t) = &s.table {
            let sum: usize = t.weights.iter().map(|w| usize::from(*w)).sum::<usize>().max(1);
            let widths: Vec<usize> = t.weights.iter().map(|w| WIDTH * usize::from(*w) / sum).collect();
            let mut rows: Vec<Vec<String>> = t.rows.to_vec();
            if let Some(total) = t.total {
                rows.push(total.to_vec());
            }
            doc = doc.add_table(aligned_table(&t.header, &rows, &widths, &t.aligns, t.total.is_some()));
            if !t.more.is_empty() {
                doc = doc.add_paragraph(para(run(t.more, BODY).italic()));
            }
        }
    }
    doc = doc.add_paragraph(Paragraph::new()).add_table(closing_table(&v.frame));
    pack(doc)
}

/// The dotted line of a board member or head not named on the minutes.
const MINUTES_DOTS: &str = "………………………………";

/// Writes the counting minutes (biên bản kiểm phiếu) as a `.docx` with the
/// text of their PDF ([`crate::minutes_pdf`]).
pub fn minutes_docx(m: &Minutes) -> Result<Vec<u8>, PrintError> {
    if m.rounds.is_empty() {
        return Err(PrintError::NoRounds);
    }
    let heading: PartyHeading = m.heading();
    let frame = FrameView::new(&heading, None::<&Signature>, None::<&Recipients>);
    let mut doc = document("Biên bản kiểm phiếu").add_table(heading_table(&frame)).add_paragraph(Paragraph::new());
    doc = doc.add_paragraph(centered(run("BIÊN BẢN KIỂM PHIẾU", TITLE).bold()));
    if !m.title.is_empty() {
        doc = doc.add_paragraph(centered(run(&m.title, BODY).bold()));
    }
    if !m.congress.is_empty() {
        doc = doc.add_paragraph(centered(run(&m.congress, BODY).italic()));
    }
    doc = doc.add_paragraph(Paragraph::new()).add_paragraph(para(run("Ban kiểm phiếu gồm các đồng chí:", BODY)));
    let head = if m.board_head.is_empty() { MINUTES_DOTS } else { &m.board_head };
    doc = doc.add_paragraph(para(run(&format!("1. {head}, Trưởng ban"), BODY)));
    let members: Vec<&str> = if m.board_members.is_empty() {
        vec![MINUTES_DOTS, MINUTES_DOTS]
    } else {
        m.board_members.iter().map(String::as_str).collect()
    };
    for (i, member) in members.iter().enumerate() {
        doc = doc.add_paragraph(para(run(&format!("{}. {member}, Thành viên", i + 2), BODY)));
    }

    const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    let lines = |doc: Docx, items: &[crate::Line], last_bold: bool| {
        let n = items.len();
        let rows = items
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let bold = last_bold && i + 1 == n;
                let r = |t: &str| if bold { run(t, BODY).bold() } else { run(t, BODY) };
                TableRow::new(vec![
                    cell(vec![para(r(&l.label))], WIDTH * 4 / 5),
                    cell(vec![para(r(&l.value)).align(AlignmentType::Right)], WIDTH / 5),
                ])
            })
            .collect();
        doc.add_table(Table::without_borders(rows).set_grid(vec![WIDTH * 4 / 5, WIDTH / 5]))
    };
    let sentences = |doc: Docx, items: &[String]| {
        items.iter().fold(doc, |doc, s| doc.add_paragraph(para(run(&format!("– {s}"), BODY))))
    };
    let sub = |text: &str| para(run(text, BODY).bold().italic()).keep_next(true);
    for (i, r) in m.rounds.iter().enumerate() {
        let sec = ROMAN.get(i).map_or_else(|| (i + 1).to_string(), |s| (*s).to_owned());
        doc = doc.add_paragraph(section(&format!("{sec}. LẦN BẦU THỨ {}", r.number)));
        if let Some(o) = &r.opened_by {
            doc = doc.add_paragraph(para(run(o, BODY).italic()));
        }
        doc = doc.add_paragraph(para(run(
            &format!("Số lượng cần bầu: {} đồng chí. Hình thức bầu: {}.", r.seats, r.form),
            BODY,
        )));
        doc = doc.add_paragraph(sub(&format!(
            "1. Danh sách bầu cử ({} đồng chí, theo thứ tự trên phiếu)",
            r.candidates_listed.len()
        )));
        for (k, n) in r.candidates_listed.iter().enumerate() {
            doc = doc.add_paragraph(para(run(&format!("{}. {n}", k + 1), BODY)));
        }
        doc = doc.add_paragraph(sub("2. Số người được triệu tập và cơ sở tính kết quả"));
        doc = lines(doc, &r.electorate, true);
        if !r.needed.is_empty() {
            doc = doc.add_paragraph(para(run(&r.needed, BODY).bold()));
        }
        doc = doc.add_paragraph(sub("3. Số phiếu"));
        doc = lines(doc, &r.ballots, false);
        if !r.invalid_by_reason.is_empty() {
            doc = doc.add_paragraph(para(run("Phiếu không hợp lệ, theo lý do:", BODY)));
            doc = lines(doc, &r.invalid_by_reason, false);
        }
        doc = doc.add_paragraph(sub("4. Kết quả kiểm phiếu"));
        let result = |c: &crate::CandidateLine| {
            if c.elected {
                "Trúng cử"
            } else if c.passed {
                "Quá 1/2"
            } else {
                ""
            }
            .to_owned()
        };
        let opt = |x: Option<u32>| x.map(|x| x.to_string()).unwrap_or_default();
        let table = if r.agree_form {
            let rows: Vec<Vec<String>> = r
                .candidates
                .iter()
                .map(|c| {
                    vec![
                        c.number.to_string(),
                        c.name.clone(),
                        c.votes.to_string(),
                        opt(c.disagree),
                        opt(c.no_vote),
                        c.percent.clone(),
                        result(c),
                    ]
                })
                .collect();
            let header =
                ["STT", "Họ và tên", "Đồng ý", "Không đồng ý", "Không biểu quyết", "Tỷ lệ % so với cơ sở", "Kết quả"];
            grid_table(&header, &rows, &[600, WIDTH - 5900, 900, 900, 1100, 1200, 1200], false)
        } else {
            let rows: Vec<Vec<String>> = r
                .candidates
                .iter()
                .map(|c| vec![c.number.to_string(), c.name.clone(), c.votes.to_string(), c.percent.clone(), result(c)])
                .collect();
            let header = ["STT", "Họ và tên", "Số phiếu", "Tỷ lệ % so với cơ sở", "Kết quả"];
            grid_table(&header, &rows, &[600, WIDTH - 3900, 900, 1200, 1200], false)
        };
        doc = doc.add_table(table);
        for (items, label) in [
            (&r.rulings, "Ban kiểm phiếu đã xem xét và quyết định"),
            (&r.decision_points, "Vấn đề cần Đại hội quyết định"),
            (&r.decisions, "Quyết định đã ghi nhận"),
        ] {
            if !items.is_empty() {
                doc = sentences(doc.add_paragraph(sub(label)), items);
            }
        }
    }

    doc = doc.add_paragraph(section("KẾT QUẢ"));
    if m.elected.is_empty() {
        doc = doc.add_paragraph(para(run("Chưa có đồng chí nào trúng cử.", BODY)));
    } else {
        doc = doc
            .add_paragraph(para(run(&format!("Các đồng chí sau đây trúng cử ({} đồng chí):", m.elected.len()), BODY)));
        let rows: Vec<Vec<String>> = m
            .elected
            .iter()
            .enumerate()
            .map(|(k, e)| {
                vec![(k + 1).to_string(), e.name.clone(), e.votes.to_string(), e.percent.clone(), e.round.to_string()]
            })
            .collect();
        let header = ["STT", "Họ và tên", "Số phiếu", "Tỷ lệ % so với cơ sở", "Lần bầu"];
        doc = doc.add_table(grid_table(&header, &rows, &[600, WIDTH - 3900, 900, 1200, 1200], false));
    }
    if !m.open_points.is_empty() {
        doc = sentences(doc.add_paragraph(sub("Những vấn đề còn chờ Đại hội quyết định")), &m.open_points);
    }
    doc = doc.add_paragraph(Paragraph::new()).add_paragraph(para(run(
        "Biên bản lập xong hồi …… giờ …… phút cùng ngày, đã được đọc lại cho các thành viên Ban kiểm phiếu cùng \
         nghe và nhất trí ký tên.",
        BODY,
    )));
    let signer = |name: &str| {
        if name.is_empty() { centered(run(MINUTES_DOTS, BODY)) } else { centered(run(name, BODY).bold()) }
    };
    let sign_hint = || centered(run("(Ký, ghi rõ họ và tên)", SMALL).italic());
    let mut left = vec![centered(run("CÁC THÀNH VIÊN BAN KIỂM PHIẾU", BODY).bold()), sign_hint()];
    let members: Vec<&str> =
        if m.board_members.is_empty() { vec!["", ""] } else { m.board_members.iter().map(String::as_str).collect() };
    for member in members {
        left.extend((0..3).map(|_| Paragraph::new()));
        left.push(signer(member));
    }
    let mut right = vec![centered(run("TRƯỞNG BAN KIỂM PHIẾU", BODY).bold()), sign_hint()];
    right.extend((0..3).map(|_| Paragraph::new()));
    right.push(signer(&m.board_head));
    let half = WIDTH / 2;
    doc = doc.add_paragraph(Paragraph::new()).add_table(
        Table::without_borders(vec![TableRow::new(vec![cell(left, half), cell(right, WIDTH - half)])])
            .set_grid(vec![half, WIDTH - half]),
    );
    pack(doc)
}
