//! Reading the documents back: a `.docx`'s paragraphs (word/document.xml),
//! a PDF's first page with its layout (`pdftotext -layout`), and the
//! comparison of the two texts.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// The text of each paragraph of a `.docx`, in document order (table cells
/// included, each of their paragraphs on its own).
pub fn docx_paragraphs(bytes: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("word/document.xml").read_to_string(&mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed document.xml");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| p.descendants().filter(|n| n.tag_name().name() == "t").filter_map(|t| t.text()).collect::<String>())
        .collect()
}

/// Whitespace (the no-break spaces of a blank number included) collapsed.
pub fn normalized(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a text, leaders (dots) and the PDF's page footers left out.
pub fn words(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|l| {
            let l = l.trim();
            !(l.starts_with("Trang ") && l.contains(" / ") && l.split_whitespace().count() == 4)
        })
        .flat_map(str::split_whitespace)
        .filter(|w| !w.chars().all(|c| matches!(c, '.' | '…' | ',')))
        .map(str::to_owned)
        .collect()
}

/// The `.docx` holds the words of the PDF and no other, and each of `lines`
/// is a paragraph of the `.docx` and a piece of the PDF's text.
pub fn assert_same_text(docx: &[u8], pdf_text: &str, lines: &[&str]) {
    let paragraphs: Vec<String> = docx_paragraphs(docx).iter().map(|p| normalized(p)).collect();
    let in_docx = words(&paragraphs.join("\n"));
    let in_pdf = words(pdf_text);
    let only_docx: Vec<_> = in_docx.difference(&in_pdf).collect();
    let only_pdf: Vec<_> = in_pdf.difference(&in_docx).collect();
    assert!(
        only_docx.is_empty() && only_pdf.is_empty(),
        "words only in the .docx: {only_docx:?}; only in the PDF: {only_pdf:?}"
    );
    let pdf = normalized(pdf_text);
    for line in lines {
        let line = normalized(line);
        assert!(paragraphs.contains(&line), "{line:?} is not a paragraph of the .docx: {paragraphs:#?}");
        assert!(pdf.contains(&line), "{line:?} is not in the PDF:\n{pdf_text}");
    }
}

/// `pdftotext [args] FILE -`, or None when poppler is missing.
pub fn pdftotext(pdf: &Path, args: &[&str]) -> Option<String> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        assert!(std::env::var("DAIHOI_TEST_REQUIRE_TOOLS").as_deref() != Ok("1"), "pdftotext not installed");
        println!("skipped: pdftotext not installed");
        return None;
    }
    let out = Command::new("pdftotext").args(args).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext failed on {}", pdf.display());
    Some(String::from_utf8(out.stdout).unwrap())
}

/// The column (in characters) where `what` begins on `line`.
fn column(line: &str, what: &str) -> usize {
    line[..line.find(what).unwrap()].chars().count()
}

/// The words of page 1 with their left and right edges (points), from
/// `pdftotext -bbox`.
fn word_boxes(pdf: &Path) -> Option<Vec<(String, f64, f64)>> {
    let html = pdftotext(pdf, &["-bbox", "-f", "1", "-l", "1"])?;
    let attr = |line: &str, name: &str| -> f64 {
        let from = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[from..from + line[from..].find('"').unwrap()].parse().unwrap()
    };
    Some(
        html.lines()
            .filter(|l| l.trim_start().starts_with("<word "))
            .map(|l| {
                let text = &l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()];
                (text.replace("&amp;", "&"), attr(l, "xMin"), attr(l, "xMax"))
            })
            .collect(),
    )
}

/// Checks the Party heading on the first page as `pdftotext -layout -f 1 -l 1`
/// writes it (Hướng dẫn 36-HD/VPTW): the issuing body left and the Party's
/// name right on one line; below, the number left and the place and date
/// right on one line; below them the title, centered between the page's
/// leftmost and rightmost text (`pdftotext -bbox`).
pub fn assert_party_heading(pdf: &Path, issuing_body: &str, number: &str, place: &str, title: &str) {
    let Some(page) = pdftotext(pdf, &["-layout", "-f", "1", "-l", "1"]) else { return };
    let lines: Vec<&str> = page.lines().collect();
    let find = |what: &str| {
        lines.iter().position(|l| l.contains(what)).unwrap_or_else(|| panic!("no {what:?} on page 1:\n{page}"))
    };
    let top = find(issuing_body);
    assert!(lines[top].contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "the Party's name is not beside {issuing_body:?}:\n{page}");
    assert!(column(lines[top], issuing_body) < column(lines[top], "ĐẢNG CỘNG SẢN VIỆT NAM"));
    let dated = find(place);
    assert!(dated > top, "the place and date are above the issuing body:\n{page}");
    assert!(lines[dated].contains(number), "the number {number:?} is not beside the date:\n{page}");
    assert!(column(lines[dated], number) < column(lines[dated], place), "number left, date right:\n{page}");
    let title_at = find(title);
    assert!(title_at > dated, "the title is not below the heading:\n{page}");
    assert!(column(lines[title_at], title) > 4, "the title is flush left:\n{page}");

    let Some(words) = word_boxes(pdf) else { return };
    let left = words.iter().map(|w| w.1).fold(f64::MAX, f64::min);
    let right = words.iter().map(|w| w.2).fold(f64::MIN, f64::max);
    let wanted: Vec<&str> = title.split_whitespace().collect();
    let at = words
        .windows(wanted.len())
        .position(|w| w.iter().map(|x| x.0.as_str()).eq(wanted.iter().copied()))
        .unwrap_or_else(|| panic!("no title {title:?} in the words of page 1"));
    let (start, end) = (words[at].1, words[at + wanted.len() - 1].2);
    let off = ((start + end) / 2.0 - (left + right) / 2.0).abs();
    assert!(
        off < 20.0,
        "the title's center is {off:.0} pt off the text's ({start:.0}–{end:.0} in {left:.0}–{right:.0})"
    );
}
