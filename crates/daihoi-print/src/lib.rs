//! Printed documents of daihoi: the counting minutes (biên bản kiểm phiếu) and
//! the ballots (phiếu bầu cử), as A4 PDFs typeset with [typst]; the periodic
//! tracking report ([`tracking`]) as a PDF and an Excel workbook; lists and
//! short reports made of sections and tables ([`listing`]: the task list, the
//! report on a document's dissemination); and the SVG
//! charts of the tracking dashboards ([`charts`]); delegate cards with
//! their QR codes ([`cards`]). Reports and minutes are
//! laid out as Party documents ([`frame`]) and are also written as `.docx`
//! ([`docx`]) with the same text, for the clerks who edit them in Word.
//!
//! The input types are plain data, already in Vietnamese words: the caller (the
//! CLI, from the election engine's count) decides every sentence, the templates
//! in `templates/` only lay them out. The data goes to a template as JSON through
//! `sys.inputs`, never pasted into typst source, so a name prints literally
//! whatever characters it holds.
//!
//! Typesetting is self-contained: the templates and the four Liberation Serif
//! faces (SIL OFL, `fonts/LICENSE`) are embedded in the binary; typst reads no
//! file, searches no system font and sees no clock.

pub mod cards;
pub mod charts;
pub mod docx;
pub mod format;
pub mod frame;
pub mod listing;
pub mod tracking;

pub use cards::{Card, DelegateCards, delegate_cards_pdf};
pub use docx::{minutes_docx, party_list_docx, periodic_report_docx};
pub use format::NumberStyle;
pub use frame::{DocumentNumber, PartyHeading, Recipients, Signature};
pub use listing::{Align, ListColumn, ListSection, ListTable, PartyList, party_list_pdf};
pub use tracking::{PeriodicReport, periodic_report_pdf, periodic_report_xlsx};

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

/// Everything on the counting minutes (biên bản kiểm phiếu), already in Vietnamese words.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Minutes {
    /// Top-left header line, e.g. "ĐẢNG BỘ XÃ QUẢNG TÂN" (may be empty).
    pub issuer: String,
    /// "Đại hội đại biểu Đảng bộ xã Quảng Tân lần thứ I, nhiệm kỳ 2025–2030" (may be empty).
    pub congress: String,
    /// "Quảng Tân, ngày 20 tháng 6 năm 2025", top right in italic (may be empty).
    pub place_and_date: String,
    /// What is elected: "Bầu Ban Chấp hành Đảng bộ xã Quảng Tân, nhiệm kỳ 2025–2030".
    pub title: String,
    /// The head of the counting board (trưởng ban kiểm phiếu); empty: a dotted
    /// line is printed to fill in by hand.
    pub board_head: String,
    /// The other members of the board; empty: two dotted lines.
    pub board_members: Vec<String>,
    /// The rounds of voting (lần bầu), at least one.
    pub rounds: Vec<MinutesRound>,
    /// The final result over all rounds, in the order to print.
    pub elected: Vec<ElectedLine>,
    /// Decision points not yet answered, one sentence each.
    pub open_points: Vec<String>,
}

/// One round of voting (lần bầu) on the minutes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MinutesRound {
    /// 1, 2, … ("Lần bầu thứ 1").
    pub number: u32,
    /// The recorded decision that opened this round, one sentence.
    pub opened_by: Option<String>,
    /// Number of seats (số lượng cần bầu).
    pub seats: u32,
    /// "gạch tên" or "đồng ý / không đồng ý".
    pub form: String,
    /// True on the agree/disagree form: the candidate table gets its three columns.
    pub agree_form: bool,
    /// The list in ballot order.
    pub candidates_listed: Vec<String>,
    /// Convened, each subtraction, then the base (printed last, in bold).
    pub electorate: Vec<Line>,
    /// "Người trúng cử phải được ít nhất 73 phiếu (quá 1/2 của 145)".
    pub needed: String,
    /// Issued, returned, valid, invalid.
    pub ballots: Vec<Line>,
    /// One line per reason a ballot was invalid.
    pub invalid_by_reason: Vec<Line>,
    /// Votes per candidate, in ballot order.
    pub candidates: Vec<CandidateLine>,
    /// Board rulings on disputed ballots, one sentence each.
    pub rulings: Vec<String>,
    /// What this round left to decide, one sentence each.
    pub decision_points: Vec<String>,
    /// Decisions recorded on them (who, when, what), one sentence each.
    pub decisions: Vec<String>,
}

/// A labelled value: "Số phiếu phát ra" / "145".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Line {
    pub label: String,
    pub value: String,
}

/// One candidate's row in a round's table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CandidateLine {
    /// Number on the ballot (STT).
    pub number: u32,
    pub name: String,
    /// Votes for (on the agree form: agree votes).
    pub votes: u32,
    /// Percentage of the base, already formatted: "82,76" (decimal comma).
    pub percent: String,
    /// Disagree votes, agree/disagree form only.
    pub disagree: Option<u32>,
    /// Ballots that marked neither box, agree/disagree form only.
    pub no_vote: Option<u32>,
    /// More than half of the base.
    pub passed: bool,
    pub elected: bool,
}

/// One elected person in the final result (kết quả).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ElectedLine {
    pub name: String,
    pub votes: u32,
    pub percent: String,
    /// The round in which they were elected.
    pub round: u32,
}

/// Printed ballots (phiếu bầu cử), R-BALLOT-1..3.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BallotSheet {
    /// The convening committee, printed top-left above the seal box.
    pub issuer: String,
    pub congress: String,
    /// Printed under "PHIẾU BẦU CỬ": what is elected.
    pub title: String,
    /// In ballot order, withdrawn names already removed.
    pub names: Vec<String>,
    /// False: crossing-out form (R-BALLOT-2); true: agree/disagree form (R-BALLOT-3).
    pub agree_form: bool,
    pub seats: u32,
    /// Ballots per A4 page: 1 (A4), 2 (A5 halves) or 4 (A6 quarters).
    pub per_page: u32,
    /// How many ballots to print, at least 1.
    pub copies: u32,
}

/// Why a document could not be printed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("ballots per page must be 1, 2 or 4, not {0}")]
    PerPage(u32),
    #[error("the number of ballots to print must be at least 1")]
    Copies,
    #[error("the minutes need at least one round of voting")]
    NoRounds,
    #[error(
        "{names} names do not fit on a ballot at {per_page} ballots per page, even in small print; \
         print fewer ballots per page"
    )]
    TooManyNames { names: usize, per_page: u32 },
    /// A template failed; the typst diagnostics, joined.
    #[error("typesetting failed: {0}")]
    Typst(String),
    #[error("could not encode the data for the template: {0}")]
    Json(#[from] serde_json::Error),
    /// The workbook could not be written (a sheet name Excel refuses, too many rows…).
    #[error("could not write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The `.docx` could not be written.
    #[error("could not write the .docx: {0}")]
    Docx(String),
    #[error("{0} cannot be written as an Excel date (years 1900 to 9999 only)")]
    DateOutOfRange(time::Date),
    /// A row of a list's table without one cell per column (row 0: a table
    /// without columns).
    /// A text no QR code holds (too long).
    #[error("no QR code holds {0}")]
    Qr(String),
    /// More delegate cards than one document holds.
    #[error("{cards} cards in one document; at most {max}: print the roll in parts")]
    TooManyCards { cards: usize, max: usize },
    #[error("section {section}, row {row} of the table has {cells} cells for {columns} columns")]
    RowWidth { section: usize, row: usize, cells: usize, columns: usize },
}

const MINUTES_TEMPLATE: &str = include_str!("../templates/minutes.typ");
/// The frame of Party documents, imported by the templates as `party.typ`.
const PARTY_TEMPLATE: &str = include_str!("../templates/party.typ");
const BALLOTS_TEMPLATE: &str = include_str!("../templates/ballots.typ");

/// The marker the ballot template panics with when the names do not fit.
const OVERFLOW_MARKER: &str = "daihoi-print: names do not fit";

impl Minutes {
    /// The Party heading of the minutes: the congress's party body above
    /// the counting board (ban kiểm phiếu), which issues them without a
    /// number; the place and date top right.
    pub fn heading(&self) -> PartyHeading {
        PartyHeading {
            issuing_body_parent: Some(self.issuer.clone()).filter(|i| !i.trim().is_empty()),
            issuing_body: "BAN KIỂM PHIẾU".into(),
            number: None,
            party: "ĐẢNG CỘNG SẢN VIỆT NAM".into(),
            place_and_date: self.place_and_date.clone(),
        }
    }
}

/// What the minutes' template receives: the minutes and their frame.
#[derive(Serialize)]
struct MinutesView<'a> {
    #[serde(flatten)]
    minutes: &'a Minutes,
    frame: frame::FrameView<'a>,
}

/// Typesets the counting minutes (biên bản kiểm phiếu) as an A4 PDF.
pub fn minutes_pdf(m: &Minutes) -> Result<Vec<u8>, PrintError> {
    if m.rounds.is_empty() {
        return Err(PrintError::NoRounds);
    }
    let heading = m.heading();
    let view = MinutesView { minutes: m, frame: frame::FrameView::new(&heading, None, None) };
    render("minutes.typ", MINUTES_TEMPLATE, &serde_json::to_string(&view)?)
}

/// Typesets printed ballots (phiếu bầu cử): `copies` ballots, `per_page` to an A4 sheet.
pub fn ballots_pdf(b: &BallotSheet) -> Result<Vec<u8>, PrintError> {
    if ![1, 2, 4].contains(&b.per_page) {
        return Err(PrintError::PerPage(b.per_page));
    }
    if b.copies == 0 {
        return Err(PrintError::Copies);
    }
    render("ballots.typ", BALLOTS_TEMPLATE, &serde_json::to_string(b)?).map_err(|e| match e {
        PrintError::Typst(msg) if msg.contains(OVERFLOW_MARKER) => {
            PrintError::TooManyNames { names: b.names.len(), per_page: b.per_page }
        }
        e => e,
    })
}

/// The embedded fonts, loaded once per process.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let files: [&'static [u8]; 4] = [
        include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
        include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
        include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
        include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    ];
    let fonts: Vec<Font> = files.into_iter().flat_map(|data| Font::iter(Bytes::new(data))).collect();
    Fonts { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
});

/// The smallest typst world: one embedded template, the embedded fonts, the data
/// in `sys.inputs.data` (JSON bytes), no files and no clock.
struct PrintWorld {
    library: LazyHash<Library>,
    main: Source,
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id.get().vpath().get_with_slash() == "/party.typ" {
            Ok(Source::new(id, PARTY_TEMPLATE.to_owned()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

pub(crate) fn render(name: &str, template: &str, json: &str) -> Result<Vec<u8>, PrintError> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Bytes::from_string(json.to_owned()).into_value());
    let path = VirtualPath::new(format!("/{name}"))
        .map_err(|e| PrintError::Typst(format!("bad template path {name}: {e:?}")))?;
    let world = PrintWorld {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        main: Source::new(RootedPath::new(VirtualRoot::Project, path).intern(), template.to_owned()),
    };
    let result = typst::compile::<PagedDocument>(&world)
        .output
        .and_then(|doc| typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()));
    // Memoized layouts of earlier documents are of no use to the next one.
    typst::comemo::evict(10);
    result.map_err(|diags| PrintError::Typst(describe(&world, name, &diags)))
}

/// Joins typst's diagnostics into one readable message, with template lines.
fn describe(world: &PrintWorld, name: &str, diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let mut s = d.message.to_string();
            if let Some(line) = world.range(d.span).and_then(|r| world.main.lines().byte_to_line(r.start)) {
                s = format!("{name}:{}: {s}", line + 1);
            }
            for hint in &d.hints {
                s.push_str(&format!(" (hint: {})", hint.v));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}
