//! What the pages of congress documents share: a version's text as
//! sections, paragraphs and numbered lines, a comment's anchor and source
//! in words, a refusal with its rule, the congress a page names.

use daihoi_drafts::{Anchor, Change, Coverage, DocumentKind, DraftText};
use daihoi_store::StoreError;
use daihoi_store::congress_documents::{Comment, CongressDocument, Version, VersionSource};
use daihoi_store::congresses::{Congress, Round};

use crate::WebError;
use crate::access::Caller;
use crate::congresses::view::round_named;
use crate::i18n::Tr;
use crate::page::today;

/// A numbered line of a version (số dòng).
pub struct LineView {
    pub number: u32,
    pub text: String,
}

/// A paragraph: its stable id, its number in the version, its lines.
pub struct ParagraphView {
    pub id: u32,
    pub number: u32,
    pub lines: Vec<LineView>,
}

/// A section: its heading (none before the first) and its paragraphs.
pub struct SectionView {
    pub heading: Option<String>,
    pub level: u8,
    pub paragraphs: Vec<ParagraphView>,
}

/// A version's text as the page shows it, line numbers from its
/// `LineMap` (wrapped at the draft's line length).
pub fn sections(text: &DraftText) -> Vec<SectionView> {
    let map = text.lines();
    text.sections()
        .iter()
        .map(|s| SectionView {
            heading: s.heading.clone(),
            level: s.level,
            paragraphs: s
                .paragraphs
                .iter()
                .map(|p| ParagraphView {
                    id: p.id.0,
                    number: text.position(p.id).map_or(0, |pos| pos.paragraph),
                    lines: map
                        .paragraph_lines(p.id)
                        .map(|r| {
                            (r.from..=r.to)
                                .map(|n| LineView { number: n, text: map.line_text(n).unwrap_or("").to_owned() })
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect()
}

/// A document's kind in words, in the reader's language: the checklist's
/// name (C-PLAN-7), or a round's own code.
pub fn kind_label(tr: Tr, kind: &DocumentKind) -> String {
    match kind {
        DocumentKind::Other(code) => code.clone(),
        checklist => tr.t(&format!("draft-kind-{}", checklist.as_str())),
    }
}

/// A disposition in words, in the reader's language.
pub fn disposition_label(tr: Tr, disposition: daihoi_drafts::Disposition) -> String {
    tr.t(&format!("draft-disposition-{}", disposition.as_str()))
}

pub fn classification_label(tr: Tr, document: &CongressDocument) -> String {
    tr.t(&format!("classification-{}", document.classification.code()))
}

pub fn source_label(tr: Tr, v: &Version) -> String {
    let source = tr.t(match v.source {
        VersionSource::Page => "draft-source-page",
        VersionSource::Docx => "draft-source-docx",
        VersionSource::Amendments => "draft-source-amendments",
    });
    match &v.source_file {
        Some(file) => format!("{source} ({file})"),
        None => source,
    }
}

/// Where a comment points, in words, as of the version it was made on:
/// the whole document, a section, a paragraph (with its lines), lines.
pub fn anchor_text(tr: Tr, anchor: &Anchor, on: Option<&DraftText>) -> String {
    match *anchor {
        Anchor::Document => tr.t("draft-anchor-document"),
        Anchor::Section { id } => tr.t1(
            "draft-anchor-section",
            "section",
            on.and_then(|t| t.section(id)).and_then(|s| s.heading.clone()).unwrap_or_else(|| id.0.to_string()),
        ),
        Anchor::Paragraph { id } => match on.and_then(|t| t.position(id).map(|p| (p, t.lines().paragraph_lines(id)))) {
            Some((p, Some(lines))) if lines.from == lines.to => tr.t_args(
                "draft-anchor-paragraph-line",
                &[("number", p.paragraph.to_string()), ("line", lines.from.to_string())],
            ),
            Some((p, Some(lines))) => tr.t_args(
                "draft-anchor-paragraph-lines",
                &[("number", p.paragraph.to_string()), ("from", lines.from.to_string()), ("to", lines.to.to_string())],
            ),
            Some((p, None)) => tr.t1("draft-anchor-paragraph", "number", p.paragraph),
            None => tr.t1("draft-anchor-paragraph", "number", id.0),
        },
        Anchor::Lines { from, to } if from == to => tr.t1("draft-anchor-line", "line", from),
        Anchor::Lines { from, to } => {
            tr.t_args("draft-anchor-lines", &[("from", from.to_string()), ("to", to.to_string())])
        }
    }
}

/// An amendment's replacement text.
pub fn amendment_text(change: &Change) -> String {
    match change {
        Change::Paragraph { text, .. } | Change::Lines { text, .. } => text.clone(),
        Change::Paragraphs { paragraphs, .. } => paragraphs.join("\n\n"),
    }
}

/// A comment as the pages list it.
pub struct CommentView {
    pub number: u32,
    pub version: u32,
    pub anchor: String,
    pub text: String,
    pub amendment: Option<String>,
    pub source: String,
    pub meeting: String,
    /// The disposition in words, with who decided.
    pub disposition: Option<String>,
    pub explanation: String,
    pub taken_in: Option<u32>,
    pub recorded: String,
}

pub fn comment_view(tr: Tr, c: &Comment, versions: &[Version]) -> CommentView {
    let on = versions.iter().find(|v| v.number == c.version).map(|v| &v.text);
    let source = match (&c.source.org, &c.source.person) {
        (Some(org), Some(person)) => format!("{} ({}), {person}", org.name, org.code),
        (Some(org), None) => format!("{} ({})", org.name, org.code),
        (None, Some(person)) => person.clone(),
        (None, None) => String::new(),
    };
    CommentView {
        number: c.number,
        version: c.version,
        anchor: anchor_text(tr, &c.anchor, on),
        text: c.text.clone(),
        amendment: c.amendment.as_ref().map(amendment_text),
        source,
        meeting: c.source.meeting.clone().unwrap_or_default(),
        disposition: c.decided.as_ref().map(|d| {
            tr.t_args(
                "draft-decided",
                &[
                    ("disposition", disposition_label(tr, d.decision.disposition)),
                    ("by", d.stamp.by.clone()),
                    ("at", tr.moment(&d.stamp.at)),
                ],
            )
        }),
        explanation: c.decided.as_ref().and_then(|d| d.decision.explanation.clone()).unwrap_or_default(),
        taken_in: c.taken_in,
        recorded: tr.t_args("draft-recorded", &[("by", c.recorded.by.clone()), ("at", tr.moment(&c.recorded.at))]),
    }
}

/// Where an organization stands with its synthesis, in words; never a
/// guessed deadline.
pub fn coverage_text(tr: Tr, c: &Coverage) -> String {
    match c {
        Coverage::OnTime { sent_on } => tr.t1("draft-coverage-on-time", "on", tr.date(sent_on)),
        Coverage::Late { sent_on, days_late } => {
            tr.t_args("draft-coverage-late", &[("on", tr.date(sent_on)), ("days", days_late.to_string())])
        }
        Coverage::SentAwaitingDeadline { sent_on } => tr.t1("draft-coverage-awaiting", "on", tr.date(sent_on)),
        Coverage::NotSentYet => tr.t("draft-coverage-not-sent"),
    }
}

/// A refusal the page says in words, with its rule; other errors are the
/// error page.
pub fn refusal(tr: Tr, e: StoreError) -> Result<String, WebError> {
    match e {
        StoreError::DraftRefused { rule, detail } => {
            Ok(tr.t_args("draft-refused", &[("rule", rule.to_owned()), ("detail", detail)]))
        }
        StoreError::BadText { field, .. } => Ok(tr.t1("draft-bad-text", "field", field)),
        StoreError::NotFound(what) => Ok(tr.t1("draft-not-found", "what", what)),
        StoreError::UnknownOrg(code) => Ok(tr.t1("draft-unknown-org", "code", code)),
        e => Err(e.into()),
    }
}

/// The congress of `code` in the round named (the latest by default).
pub async fn congress_of(caller: &Caller, code: &str, round: Option<&str>) -> Result<(Round, Congress), WebError> {
    let node = crate::page::org_today(caller, code).await?;
    let named = round.map(str::trim).filter(|r| !r.is_empty());
    let scoped = caller.scoped();
    let round = round_named(&scoped, named).await?.ok_or(WebError::NotFound)?;
    let congress = scoped.congresses().congress(&round, &node, today()).await?.ok_or(WebError::NotFound)?;
    Ok((round, congress))
}

/// The blocks of a text typed on the page: a line starting with `#` is a
/// heading (`##` level 2, and so on), blank lines separate paragraphs, the
/// lines of a paragraph are joined by a space.
pub fn blocks_of_text(text: &str) -> Vec<daihoi_drafts::Block> {
    use daihoi_drafts::Block;
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph { text: paragraph.join(" ") });
            paragraph.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else if line.starts_with('#') {
            flush(&mut paragraph, &mut blocks);
            let level = line.chars().take_while(|c| *c == '#').count();
            let heading = line[level..].trim();
            blocks.push(Block::Heading { level: u8::try_from(level.min(9)).unwrap_or(9), text: heading.to_owned() });
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

/// The paragraphs of an amendment of several paragraphs typed on the
/// page: blank lines separate them, the lines of one are joined by a space.
pub fn paragraphs_of_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim).chain([""]) {
        if line.is_empty() {
            if !paragraph.is_empty() {
                out.push(paragraph.join(" "));
                paragraph.clear();
            }
        } else {
            paragraph.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use daihoi_drafts::Block;

    #[test]
    fn an_amendment_of_several_paragraphs_is_split_at_blank_lines() {
        let typed = "Đoạn một\r\ntiếp theo\r\n \r\nĐoạn hai\n\n\n  Đoạn ba  ";
        assert_eq!(super::paragraphs_of_text(typed), ["Đoạn một tiếp theo", "Đoạn hai", "Đoạn ba"]);
    }

    #[test]
    fn a_typed_text_is_headings_and_paragraphs() {
        let blocks = super::blocks_of_text("# I. MỞ ĐẦU\nDòng một\ndòng hai\n\n## 1. Mục\n\nĐoạn hai\n");
        assert_eq!(
            blocks,
            vec![
                Block::Heading { level: 1, text: "I. MỞ ĐẦU".into() },
                Block::Paragraph { text: "Dòng một dòng hai".into() },
                Block::Heading { level: 2, text: "1. Mục".into() },
                Block::Paragraph { text: "Đoạn hai".into() },
            ]
        );
    }
}
