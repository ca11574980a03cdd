//! A Party document whose body is sections of paragraphs and tables: the
//! task list (danh sách nhiệm vụ) and the report on a document's
//! dissemination (báo cáo kết quả học tập, quán triệt), as an A4 PDF and as
//! a `.docx` with the same text ([`crate::docx::party_list_docx`]).
//!
//! Like the rest of this crate it knows no domain rule: every word, number
//! and date is the caller's, already written; this module lays them out in
//! the frame of Party documents ([`crate::frame`]).
//!
//! **Size.** The caller bounds the rows ([`ListTable::more`] says what was
//! left out); a row with more or fewer cells than its table has columns is
//! refused, not printed askew.

use serde::{Deserialize, Serialize};

use crate::frame::{FrameView, PartyHeading, Recipients, Signature};
use crate::{PrintError, render};

/// A Party document made of sections (see the module's documentation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyList {
    /// The Party heading: the committee and the number top left, the
    /// Party's name and the place and date top right.
    pub heading: PartyHeading,
    /// "DANH SÁCH NHIỆM VỤ", printed in bold capitals.
    pub title: String,
    /// Lines under the title: the first in bold (the organization), the
    /// others in italic ("Tính đến ngày 06/12/2026").
    pub subtitle: Vec<String>,
    /// Written before the page numbers: "Trang" gives "Trang 2 / 5".
    pub page_label: String,
    /// Kept in the PDF's keywords: what kind of list this is ("task-list").
    pub keywords: String,
    pub sections: Vec<ListSection>,
    /// At the end, right: "T/M BAN THƯỜNG VỤ", the title, the name.
    pub signature: Signature,
    /// At the end, left: "Nơi nhận:" and its lines.
    pub recipients: Recipients,
}

/// A section: its heading ("I. KẾT QUẢ CHUNG"), its paragraphs, then its
/// table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListSection {
    /// Printed in bold; empty: no heading.
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub table: Option<ListTable>,
}

/// A table whose header row repeats on every page it runs over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListTable {
    pub columns: Vec<ListColumn>,
    /// The rows, each with one cell per column, already written; `\n` in
    /// a cell breaks the line (a paragraph of the cell in the `.docx`).
    pub rows: Vec<Vec<String>>,
    /// A last row in bold ("Tổng cộng"); one cell per column.
    pub total: Option<Vec<String>>,
    /// Printed under the table in italic when not empty: the caller's note
    /// on the rows left out ("… và 1.234 nhiệm vụ khác: xem tệp Excel"), or
    /// why there is no row.
    pub more: String,
}

/// A column: its heading, its share of the width, how its cells align.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListColumn {
    pub heading: String,
    /// The column's share of the table's width, relative to the others
    /// (a column of weight 4 is twice as wide as one of weight 2); at least 1.
    pub weight: u16,
    pub align: Align,
}

/// How a column's cells align.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Left,
    Center,
    Right,
}

impl ListColumn {
    /// A left-aligned column.
    pub fn left(heading: impl Into<String>, weight: u16) -> ListColumn {
        ListColumn { heading: heading.into(), weight, align: Align::Left }
    }

    /// A centred column (numbers of order, dates).
    pub fn center(heading: impl Into<String>, weight: u16) -> ListColumn {
        ListColumn { heading: heading.into(), weight, align: Align::Center }
    }

    /// A right-aligned column (counts).
    pub fn right(heading: impl Into<String>, weight: u16) -> ListColumn {
        ListColumn { heading: heading.into(), weight, align: Align::Right }
    }
}

impl PartyList {
    /// Refuses a table whose rows do not have one cell per column, or that
    /// has no column.
    pub(crate) fn check(&self) -> Result<(), PrintError> {
        for (s, section) in self.sections.iter().enumerate() {
            let Some(t) = &section.table else { continue };
            let columns = t.columns.len();
            if columns == 0 {
                return Err(PrintError::RowWidth { section: s + 1, row: 0, cells: 0, columns });
            }
            let rows = t.rows.iter().chain(t.total.iter());
            if let Some((row, r)) = rows.enumerate().find(|(_, r)| r.len() != columns) {
                return Err(PrintError::RowWidth { section: s + 1, row: row + 1, cells: r.len(), columns });
            }
        }
        Ok(())
    }

    pub(crate) fn view(&self) -> ListView<'_> {
        ListView {
            frame: FrameView::new(&self.heading, Some(&self.signature), Some(&self.recipients)),
            title: &self.title,
            subtitle: &self.subtitle,
            page_label: &self.page_label,
            keywords: &self.keywords,
            sections: self
                .sections
                .iter()
                .map(|s| SectionView {
                    heading: &s.heading,
                    paragraphs: &s.paragraphs,
                    table: s.table.as_ref().map(|t| TableView {
                        weights: t.columns.iter().map(|c| c.weight.max(1)).collect(),
                        aligns: t.columns.iter().map(|c| c.align).collect(),
                        header: t.columns.iter().map(|c| c.heading.as_str()).collect(),
                        rows: &t.rows,
                        total: t.total.as_deref(),
                        more: &t.more,
                    }),
                })
                .collect(),
        }
    }
}

/// What the template receives.
#[derive(Serialize)]
pub(crate) struct ListView<'a> {
    pub(crate) frame: FrameView<'a>,
    pub(crate) title: &'a str,
    pub(crate) subtitle: &'a [String],
    pub(crate) page_label: &'a str,
    pub(crate) keywords: &'a str,
    pub(crate) sections: Vec<SectionView<'a>>,
}

#[derive(Serialize)]
pub(crate) struct SectionView<'a> {
    pub(crate) heading: &'a str,
    pub(crate) paragraphs: &'a [String],
    pub(crate) table: Option<TableView<'a>>,
}

#[derive(Serialize)]
pub(crate) struct TableView<'a> {
    pub(crate) weights: Vec<u16>,
    pub(crate) aligns: Vec<Align>,
    pub(crate) header: Vec<&'a str>,
    pub(crate) rows: &'a [Vec<String>],
    pub(crate) total: Option<&'a [String]>,
    pub(crate) more: &'a str,
}

const LIST_TEMPLATE: &str = include_str!("../templates/party-list.typ");

/// Typesets a [`PartyList`] as a portrait A4 PDF in the layout of Party
/// documents (Hướng dẫn 36-HD/VPTW): the heading, the title block, each
/// section (its tables' header rows repeated on every page they run over),
/// the recipients and the signature; pages numbered "Trang 2 / 5".
///
/// # Errors
///
/// [`PrintError::RowWidth`] for a row that does not fit its table; a
/// typesetting failure.
pub fn party_list_pdf(list: &PartyList) -> Result<Vec<u8>, PrintError> {
    list.check()?;
    render("party-list.typ", LIST_TEMPLATE, &serde_json::to_string(&list.view())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::DocumentNumber;

    pub(crate) fn sample() -> PartyList {
        PartyList {
            heading: PartyHeading {
                issuing_body_parent: None,
                issuing_body: "TỈNH ỦY QUẢNG NINH".into(),
                number: Some(DocumentNumber { label: "Số".into(), number: None, suffix: "-BC/TU".into() }),
                party: "ĐẢNG CỘNG SẢN VIỆT NAM".into(),
                place_and_date: "Quảng Ninh, ngày 06 tháng 12 năm 2026".into(),
            },
            title: "DANH SÁCH NHIỆM VỤ".into(),
            subtitle: vec!["Đảng bộ tỉnh Quảng Ninh".into()],
            page_label: "Trang".into(),
            keywords: "task-list".into(),
            sections: vec![ListSection {
                heading: String::new(),
                paragraphs: vec![],
                table: Some(ListTable {
                    columns: vec![ListColumn::center("STT", 1), ListColumn::left("Nhiệm vụ", 6)],
                    rows: vec![vec!["1".into(), "Một".into()]],
                    total: None,
                    more: String::new(),
                }),
            }],
            signature: Signature {
                on_behalf: "T/M BAN THƯỜNG VỤ".into(), title: String::new(), name: String::new()
            },
            recipients: Recipients { label: "Nơi nhận:".into(), lines: vec!["- Lưu Văn phòng.".into()] },
        }
    }

    #[test]
    fn a_row_that_does_not_fit_its_table_is_refused_with_its_place() {
        let mut list = sample();
        assert!(list.check().is_ok());
        list.sections[0].table.as_mut().unwrap().rows.push(vec!["2".into()]);
        match list.check() {
            Err(PrintError::RowWidth { section: 1, row: 2, cells: 1, columns: 2 }) => {}
            other => panic!("{other:?}"),
        }
        // The total row too.
        let mut list = sample();
        list.sections[0].table.as_mut().unwrap().total = Some(vec!["Tổng".into(), "1".into(), "x".into()]);
        assert!(matches!(list.check(), Err(PrintError::RowWidth { row: 2, cells: 3, .. })));
    }
}
