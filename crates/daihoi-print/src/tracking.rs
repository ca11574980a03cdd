//! The periodic report (báo cáo định kỳ) on the implementation of documents:
//! a summary, the counts by organization, the tasks and the targets of an
//! organization's subtree over a period, as an A4 PDF and as an Excel
//! workbook.
//!
//! **Size.** A province's report may hold 100,000 tasks. The PDF prints the
//! rows the caller chose ([`TaskTable::printed`], a bounded list) and the
//! caller's note on the rest; the workbook holds every row, its task sheet
//! written in rust_xlsxwriter's constant-memory mode (each row goes to a
//! temporary file as it is written, so the workbook's cells are not all
//! kept in memory).
//!
//! Like the rest of this crate it knows no domain rule: the caller (the web
//! crate, from the store and `daihoi-tracking`) computes every status, progress
//! and attainment and gives every word already translated; numbers and dates
//! are written here in the caller's [`NumberStyle`].

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::charts::{ProgressChart, progress_bars};
use crate::format::NumberStyle;
use crate::frame::{FrameView, PartyHeading, Recipients, Signature};
use crate::{PrintError, render};

/// A periodic report (báo cáo định kỳ) on the tasks and targets of an
/// organization's subtree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodicReport {
    /// How numbers and dates are written.
    pub style: NumberStyle,
    /// The Party heading: the committee and the number top left, the
    /// Party's name and the place and date top right.
    pub heading: PartyHeading,
    /// "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ".
    pub title: String,
    /// The organization or subtree covered: "Đảng bộ tỉnh Quảng Ninh".
    pub organization: String,
    pub period: ReportPeriod,
    /// Written before the page numbers: "Trang" gives "Trang 2 / 5".
    pub page_label: String,
    /// Written for a progress or value that was not reported ("Chưa báo cáo").
    pub not_reported: String,
    pub summary: Summary,
    /// The counts by organization, printed below the summary (and a sheet of
    /// the workbook); `None`: no such table.
    pub by_org: Option<CountTable>,
    /// Drawn beside the summary in the PDF (not in the workbook); a chart
    /// taller than 14 cm is scaled down to fit, so keep it to about twelve bars.
    pub chart: Option<ProgressChart>,
    pub tasks: TaskTable,
    pub targets: TargetTable,
    /// At the end, right: "T/M BAN THƯỜNG VỤ", the title, the name.
    pub signature: Signature,
    /// At the end, left: "Nơi nhận:" and its lines.
    pub recipients: Recipients,
}

/// The kind of report period (kỳ báo cáo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PeriodKind {
    Monthly,
    Quarterly,
    SixMonth,
    NineMonth,
    Annual,
}

impl PeriodKind {
    /// A stable code, kept in the files' keywords: "monthly", "quarterly",
    /// "6-month", "9-month", "annual".
    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Monthly => "monthly",
            PeriodKind::Quarterly => "quarterly",
            PeriodKind::SixMonth => "6-month",
            PeriodKind::NineMonth => "9-month",
            PeriodKind::Annual => "annual",
        }
    }
}

/// The period a report covers, with its label: "Quý III năm 2026".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub kind: PeriodKind,
    pub label: String,
}

/// The summary (tổng hợp): counts by status and the overall progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// "I. TỔNG HỢP".
    pub heading: String,
    /// One line per status, in the order to print.
    pub counts: Vec<Count>,
    /// "Tiến độ chung".
    pub progress_label: String,
    /// Percent, 0..=100; `None`: not reported, or see `unset`.
    pub progress: Option<f64>,
    /// The words printed instead of the figure when there is none for a
    /// reason other than "nothing reported" ("chưa chọn cách tổng hợp tiến
    /// độ": the roll-up rule is not chosen yet); `None`: the report's
    /// `not_reported`.
    #[serde(default)]
    pub unset: Option<String>,
    /// The name of the workbook's last sheet, which has the summary: the
    /// organization and period, the counts, the overall progress.
    pub sheet_name: String,
}

/// A labelled count: "Hoàn thành đúng hạn" / 12.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub count: u32,
}

/// A table of counts by organization (tổng hợp theo đơn vị): a row per
/// organization, a column per status, and a total row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountTable {
    /// "Tổng hợp theo đơn vị".
    pub heading: String,
    /// The workbook sheet's name.
    pub sheet_name: String,
    /// The first column's heading: "Đơn vị".
    pub org_column: String,
    /// A heading per count, in the order of [`CountRow::counts`].
    pub columns: Vec<String>,
    /// The last column's heading: "Tổng số".
    pub total_column: String,
    pub rows: Vec<CountRow>,
    /// The total row's label: "Tổng cộng".
    pub total_label: String,
}

/// An organization's counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountRow {
    pub label: String,
    pub counts: Vec<u32>,
}

impl CountTable {
    fn sums(&self) -> Vec<u64> {
        let mut sums = vec![0u64; self.columns.len()];
        for r in &self.rows {
            for (s, c) in sums.iter_mut().zip(&r.counts) {
                *s += u64::from(*c);
            }
        }
        sums
    }
}

/// The table of tasks (nhiệm vụ).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskTable {
    /// "II. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ".
    pub heading: String,
    /// The workbook sheet's name (at most 31 characters, no `[]:*?/\`).
    pub sheet_name: String,
    pub columns: TaskColumns,
    /// Every task, in the workbook's order.
    pub rows: Vec<TaskRow>,
    /// The rows the PDF prints, as indices into `rows` in the order to print
    /// (an index out of range is skipped); `None`: every row, in order.
    pub printed: Option<Vec<usize>>,
    /// Printed under the PDF's task table when not empty: the caller's note
    /// on the rows left out ("… và 99.950 nhiệm vụ khác: xem tệp Excel").
    pub more: String,
}

/// The column headings of the task table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskColumns {
    pub document: String,
    pub clause: String,
    pub title: String,
    pub assignee: String,
    pub deadline: String,
    pub status: String,
    pub progress: String,
    pub latest_report: String,
}

/// One task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRow {
    /// The source document's number: "23-NQ/TU".
    pub document: String,
    /// The clause the task comes from: "Mục III.2".
    pub clause: String,
    pub title: String,
    /// The organization the task is assigned to.
    pub assignee: String,
    pub deadline: Option<Date>,
    /// The deadline-aware status, in words: "Quá hạn".
    pub status: String,
    /// Percent, 0..=100; `None`: not reported.
    pub progress: Option<f64>,
    /// The latest periodic report's text (may be empty).
    pub latest_report: String,
}

/// The table of targets (chỉ tiêu).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetTable {
    /// "III. CÁC CHỈ TIÊU".
    pub heading: String,
    pub sheet_name: String,
    pub columns: TargetColumns,
    pub rows: Vec<TargetRow>,
}

/// The column headings of the target table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetColumns {
    pub name: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub latest: String,
    pub attainment: String,
}

/// One target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRow {
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    /// The latest reported value; `None`: not reported.
    pub latest: Option<f64>,
    /// In words: "Đạt", "Vượt", "Chưa đạt (60%)".
    pub attainment: String,
}

// --- PDF ---------------------------------------------------------------------

const REPORT_TEMPLATE: &str = include_str!("../templates/periodic-report.typ");

/// What the template receives: the report with every number and date
/// already written as text, and the chart as SVG.
#[derive(Serialize)]
pub(crate) struct View<'a> {
    pub(crate) frame: FrameView<'a>,
    pub(crate) title: &'a str,
    pub(crate) organization: &'a str,
    pub(crate) period: &'a str,
    pub(crate) keywords: &'a str,
    pub(crate) page_label: &'a str,
    pub(crate) summary_heading: &'a str,
    pub(crate) counts: Vec<(&'a str, String)>,
    pub(crate) progress_label: &'a str,
    pub(crate) progress: String,
    pub(crate) chart: Option<String>,
    pub(crate) by_org: Option<CountView<'a>>,
    pub(crate) tasks_heading: &'a str,
    pub(crate) task_columns: &'a TaskColumns,
    pub(crate) tasks: Vec<[String; 8]>,
    pub(crate) more: &'a str,
    pub(crate) targets_heading: &'a str,
    pub(crate) target_columns: &'a TargetColumns,
    pub(crate) targets: Vec<[String; 6]>,
}

/// A [`CountTable`] with its numbers written.
#[derive(Serialize)]
pub(crate) struct CountView<'a> {
    pub(crate) heading: &'a str,
    pub(crate) header: Vec<&'a str>,
    pub(crate) rows: Vec<Vec<String>>,
    pub(crate) total: Vec<String>,
}

impl PeriodicReport {
    fn count_view<'a>(&self, t: &'a CountTable) -> CountView<'a> {
        let st = self.style;
        let n = |v: u64| st.number(v as f64);
        let mut header = vec![t.org_column.as_str()];
        header.extend(t.columns.iter().map(String::as_str));
        header.push(&t.total_column);
        let rows = t
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![r.label.clone()];
                cells.extend(r.counts.iter().map(|c| n(u64::from(*c))));
                cells.push(n(r.counts.iter().map(|c| u64::from(*c)).sum()));
                cells
            })
            .collect();
        let sums = t.sums();
        let mut total = vec![t.total_label.clone()];
        total.extend(sums.iter().map(|s| n(*s)));
        total.push(n(sums.iter().sum()));
        CountView { heading: &t.heading, header, rows, total }
    }

    fn task_cells(&self, r: &TaskRow) -> [String; 8] {
        [
            r.document.clone(),
            r.clause.clone(),
            r.title.clone(),
            r.assignee.clone(),
            r.deadline.map(|d| self.style.date(d)).unwrap_or_default(),
            r.status.clone(),
            self.percent_text(r.progress),
            r.latest_report.clone(),
        ]
    }

    fn percent_text(&self, p: Option<f64>) -> String {
        match p.filter(|p| p.is_finite()) {
            Some(p) => self.style.percent(p),
            None => self.not_reported.clone(),
        }
    }

    /// The overall figure, or the words saying why there is none.
    fn summary_progress_text(&self) -> String {
        match (self.summary.progress.filter(|p| p.is_finite()), &self.summary.unset) {
            (None, Some(words)) => words.clone(),
            (p, _) => self.percent_text(p),
        }
    }

    pub(crate) fn view(&self) -> View<'_> {
        let st = self.style;
        View {
            frame: FrameView::new(&self.heading, Some(&self.signature), Some(&self.recipients)),
            title: &self.title,
            organization: &self.organization,
            period: &self.period.label,
            keywords: self.period.kind.code(),
            page_label: &self.page_label,
            summary_heading: &self.summary.heading,
            counts: self.summary.counts.iter().map(|c| (c.label.as_str(), st.number(f64::from(c.count)))).collect(),
            progress_label: &self.summary.progress_label,
            progress: self.summary_progress_text(),
            chart: self.chart.as_ref().map(progress_bars),
            by_org: self.by_org.as_ref().map(|t| self.count_view(t)),
            tasks_heading: &self.tasks.heading,
            task_columns: &self.tasks.columns,
            tasks: match &self.tasks.printed {
                Some(rows) => rows.iter().filter_map(|i| self.tasks.rows.get(*i)).map(|r| self.task_cells(r)).collect(),
                None => self.tasks.rows.iter().map(|r| self.task_cells(r)).collect(),
            },
            more: &self.tasks.more,
            targets_heading: &self.targets.heading,
            target_columns: &self.targets.columns,
            targets: self
                .targets
                .rows
                .iter()
                .map(|r| {
                    [
                        r.name.clone(),
                        r.unit.clone(),
                        st.number(r.baseline),
                        st.number(r.target),
                        r.latest.filter(|v| v.is_finite()).map_or_else(|| self.not_reported.clone(), |v| st.number(v)),
                        r.attainment.clone(),
                    ]
                })
                .collect(),
        }
    }
}

/// Typesets a periodic report (báo cáo định kỳ) as an A4 PDF in the layout
/// of Party documents (Hướng dẫn 36-HD/VPTW, [`crate::frame`]): the Party
/// heading, the title block, the summary (on the first page) and its chart,
/// the counts by organization, then the task table (the rows chosen in
/// [`TaskTable::printed`], then its note) and the target table, whose header
/// rows repeat on every page they run over, then the recipients and the
/// signature; pages numbered "Trang 2 / 5".
///
/// **Orientation.** The heading, the summary and its chart are on a
/// portrait page, as every Party report is. The task table has eight
/// columns, two of them free text, and the table by organization a column
/// per status: on a portrait page (16.5 cm between the margins) their text
/// columns would be a few words wide and a row would run over many lines,
/// so the tables start a landscape page (25.7 cm) and the closing follows
/// them there; the `.docx` keeps one portrait section, where the clerk may
/// turn the tables' pages.
pub fn periodic_report_pdf(report: &PeriodicReport) -> Result<Vec<u8>, PrintError> {
    render("periodic-report.typ", REPORT_TEMPLATE, &serde_json::to_string(&report.view())?)
}

// --- Excel -------------------------------------------------------------------

/// Writes a periodic report (báo cáo định kỳ) as an Excel workbook: a sheet
/// of every task (in constant-memory mode), a sheet of targets and, when
/// the report has one, a sheet of the counts by organization (named by the
/// caller), each with a bold, frozen header row and a filter; last, the
/// summary: counts by status and the overall progress. Progress is a
/// number with a percent format (0.375 shows 38%), deadlines are Excel
/// dates, values and counts are numbers; what was not reported is an empty
/// cell.
pub fn periodic_report_xlsx(report: &PeriodicReport) -> Result<Vec<u8>, PrintError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(&report.title)
            .set_subject(format!("{} — {}", report.organization, report.period.label))
            .set_keywords(report.period.kind.code()),
    );
    let header = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let date = top.clone().set_num_format(report.style.excel_date_format());
    let percent = top.clone().set_num_format("0%");

    let t = &report.tasks;
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(&t.sheet_name)?;
    let c = &t.columns;
    let headings =
        [&c.document, &c.clause, &c.title, &c.assignee, &c.deadline, &c.status, &c.progress, &c.latest_report];
    start_sheet(sheet, &headings, &[14.0, 12.0, 48.0, 28.0, 12.0, 18.0, 10.0, 60.0], &header, t.rows.len())?;
    for (i, r) in t.rows.iter().enumerate() {
        let row = excel_row(i + 1);
        sheet.write_string_with_format(row, 0, &r.document, &top)?;
        sheet.write_string_with_format(row, 1, &r.clause, &wrap)?;
        sheet.write_string_with_format(row, 2, &r.title, &wrap)?;
        sheet.write_string_with_format(row, 3, &r.assignee, &wrap)?;
        if let Some(d) = r.deadline {
            // A date Excel cannot hold (before 1900) as the text of the date.
            match excel_date(d) {
                Ok(excel) => sheet.write_datetime_with_format(row, 4, excel, &date)?,
                Err(_) => sheet.write_string_with_format(row, 4, report.style.date(d), &top)?,
            };
        }
        sheet.write_string_with_format(row, 5, &r.status, &wrap)?;
        if let Some(p) = r.progress.filter(|p| p.is_finite()) {
            sheet.write_number_with_format(row, 6, p / 100.0, &percent)?;
        }
        sheet.write_string_with_format(row, 7, &r.latest_report, &wrap)?;
    }

    let t = &report.targets;
    let sheet = book.add_worksheet();
    sheet.set_name(&t.sheet_name)?;
    let c = &t.columns;
    let headings = [&c.name, &c.unit, &c.baseline, &c.target, &c.latest, &c.attainment];
    start_sheet(sheet, &headings, &[48.0, 16.0, 12.0, 12.0, 12.0, 24.0], &header, t.rows.len())?;
    for (i, r) in t.rows.iter().enumerate() {
        let row = excel_row(i + 1);
        sheet.write_string_with_format(row, 0, &r.name, &wrap)?;
        sheet.write_string_with_format(row, 1, &r.unit, &top)?;
        for (col, v) in [(2, Some(r.baseline)), (3, Some(r.target)), (4, r.latest)] {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                sheet.write_number_with_format(row, col, v, &top)?;
            }
        }
        sheet.write_string_with_format(row, 5, &r.attainment, &wrap)?;
    }

    if let Some(t) = &report.by_org {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.sheet_name)?;
        let mut headings = vec![&t.org_column];
        headings.extend(&t.columns);
        headings.push(&t.total_column);
        let mut widths = vec![40.0];
        widths.extend(t.columns.iter().map(|_| 14.0));
        widths.push(12.0);
        start_sheet(sheet, &headings, &widths, &header, t.rows.len())?;
        let bold = top.clone().set_bold();
        let sums = t.sums();
        let last = u16::try_from(t.columns.len() + 1).unwrap_or(u16::MAX);
        let total_row = excel_row(t.rows.len() + 1);
        for (i, r) in t.rows.iter().enumerate() {
            let row = excel_row(i + 1);
            sheet.write_string_with_format(row, 0, &r.label, &wrap)?;
            for (col, c) in (1u16..).zip(&r.counts) {
                sheet.write_number_with_format(row, col, f64::from(*c), &top)?;
            }
            sheet.write_number_with_format(row, last, r.counts.iter().map(|c| f64::from(*c)).sum::<f64>(), &top)?;
        }
        sheet.write_string_with_format(total_row, 0, &t.total_label, &bold)?;
        for (col, s) in (1u16..).zip(&sums) {
            sheet.write_number_with_format(total_row, col, *s as f64, &bold)?;
        }
        sheet.write_number_with_format(total_row, last, sums.iter().sum::<u64>() as f64, &bold)?;
    }

    // The summary, last (the tasks stay the first sheet): the PDF's
    // counts and the subtree's overall progress, a number with the
    // percent format, or the words saying why there is none.
    let sm = &report.summary;
    let sheet = book.add_worksheet();
    sheet.set_name(&sm.sheet_name)?;
    sheet.set_column_width(0, 40.0)?;
    sheet.set_column_width(1, 24.0)?;
    let bold = top.clone().set_bold();
    sheet.write_string_with_format(0, 0, &report.organization, &bold)?;
    sheet.write_string_with_format(0, 1, &report.period.label, &bold)?;
    for (i, c) in sm.counts.iter().enumerate() {
        let row = excel_row(i + 1);
        sheet.write_string_with_format(row, 0, &c.label, &wrap)?;
        sheet.write_number_with_format(row, 1, f64::from(c.count), &top)?;
    }
    let row = excel_row(sm.counts.len() + 1);
    sheet.write_string_with_format(row, 0, &sm.progress_label, &bold)?;
    match sm.progress.filter(|p| p.is_finite()) {
        Some(p) => sheet.write_number_with_format(row, 1, p / 100.0, &percent.clone().set_bold())?,
        None => {
            sheet.write_string_with_format(row, 1, report.summary_progress_text(), &bold.clone().set_text_wrap())?
        }
    };
    Ok(book.save_to_buffer()?)
}

/// The header row, column widths (in characters), frozen header and filter.
fn start_sheet(
    sheet: &mut Worksheet,
    headings: &[&String],
    widths: &[f64],
    header: &Format,
    rows: usize,
) -> Result<(), PrintError> {
    for (col, (h, w)) in (0u16..).zip(headings.iter().zip(widths)) {
        sheet.write_string_with_format(0, col, *h, header)?;
        sheet.set_column_width(col, *w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = u16::try_from(headings.len().saturating_sub(1)).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, excel_row(rows), last_col)?;
    Ok(())
}

/// A row number; beyond Excel's rows rust_xlsxwriter refuses it.
fn excel_row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Excel knows dates from 1900 to 9999 only.
fn excel_date(d: Date) -> Result<ExcelDateTime, PrintError> {
    let year =
        u16::try_from(d.year()).ok().filter(|y| (1900..=9999).contains(y)).ok_or(PrintError::DateOutOfRange(d))?;
    ExcelDateTime::from_ymd(year, u8::from(d.month()), d.day()).map_err(|_| PrintError::DateOutOfRange(d))
}
