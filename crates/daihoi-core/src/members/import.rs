//! The member list file: its documented columns, and turning one row of text
//! cells into a validated member. Pure: reading the file is the job of
//! `daihoi-sheets`, storing it the job of `daihoi-store`.
//!
//! The column set is documented for users in `docs/member-import.md`; keep the
//! two in step.

use std::fmt;

use time::Date;

use crate::date::parse_date;
use crate::members::{CardNumber, ConditionKind, Gender, Member};
use crate::name::PersonName;
use crate::org::OrgCode;
use crate::search_key;
use crate::sheet_header::{HEADER_SEARCH_ROWS, HeaderFault};

/// A column of the member list file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    CardNumber,
    FullName,
    Gender,
    BirthDate,
    Ethnicity,
    Organization,
    AdmissionDate,
    OfficialDate,
    MemberSince,
    Condition,
    ConditionFrom,
}

impl Column {
    /// In template order.
    pub const ALL: [Column; 11] = [
        Column::CardNumber,
        Column::FullName,
        Column::Gender,
        Column::BirthDate,
        Column::Ethnicity,
        Column::Organization,
        Column::AdmissionDate,
        Column::OfficialDate,
        Column::MemberSince,
        Column::Condition,
        Column::ConditionFrom,
    ];

    /// The English key, also accepted as a header.
    pub fn key(self) -> &'static str {
        match self {
            Column::CardNumber => "card_number",
            Column::FullName => "full_name",
            Column::Gender => "gender",
            Column::BirthDate => "birth_date",
            Column::Ethnicity => "ethnicity",
            Column::Organization => "organization",
            Column::AdmissionDate => "admission_date",
            Column::OfficialDate => "official_date",
            Column::MemberSince => "member_since",
            Column::Condition => "condition",
            Column::ConditionFrom => "condition_from",
        }
    }

    /// The Vietnamese header written in the template.
    pub fn header(self) -> &'static str {
        match self {
            Column::CardNumber => "Số thẻ đảng viên",
            Column::FullName => "Họ và tên",
            Column::Gender => "Giới tính",
            Column::BirthDate => "Ngày sinh",
            Column::Ethnicity => "Dân tộc",
            Column::Organization => "Mã chi bộ",
            Column::AdmissionDate => "Ngày vào Đảng",
            Column::OfficialDate => "Ngày chính thức",
            Column::MemberSince => "Sinh hoạt tại chi bộ từ ngày",
            Column::Condition => "Tình trạng",
            Column::ConditionFrom => "Tình trạng từ ngày",
        }
    }

    /// Other headers people write for the same column (compared as search keys).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::CardNumber => &["so the", "so the dang", "so the dv", "card number"],
            Column::FullName => &["ho ten", "ho va ten dang vien", "name"],
            Column::Gender => &["gioi", "sex"],
            Column::BirthDate => &["ngay thang nam sinh", "date of birth"],
            Column::Ethnicity => &["dan toc"],
            Column::Organization => &["chi bo", "ma to chuc", "to chuc", "ma chi bo sinh hoat"],
            Column::AdmissionDate => &["ngay ket nap", "ngay vao dang"],
            Column::OfficialDate => &["ngay chuyen chinh thuc"],
            Column::MemberSince => &["sinh hoat tu ngay", "ngay ve chi bo"],
            Column::Condition => &["trang thai"],
            Column::ConditionFrom => &["tu ngay"],
        }
    }

    pub fn required(self) -> bool {
        matches!(
            self,
            Column::CardNumber
                | Column::FullName
                | Column::Gender
                | Column::BirthDate
                | Column::Organization
                | Column::AdmissionDate
        )
    }

    fn matches_header(self, header: &str) -> bool {
        let key = search_key(header);
        // "Số thẻ đảng viên (card_number)": the key in brackets decides.
        if let Some(inner) = key.rsplit_once('(').and_then(|(_, r)| r.strip_suffix(')')) {
            return inner.trim() == self.key();
        }
        let key = key.trim_end_matches(['*', ':']).trim();
        key == self.key() || key == search_key(self.header()) || self.aliases().contains(&key)
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.header(), self.key())
    }
}

/// Where each column is in the file.
pub type HeaderMap = crate::sheet_header::HeaderMap<Column>;

/// The header row could not be found or is ambiguous.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error(
        "no header row in the first {searched} rows: the required columns {} were not found",
        missing.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    )]
    NotFound { searched: usize, missing: Vec<Column> },
    #[error("header row {row}: column {column} appears twice (columns {first} and {second})")]
    Duplicate { row: usize, column: Column, first: usize, second: usize },
}

impl crate::sheet_header::SheetColumn for Column {
    fn all() -> &'static [Column] {
        &Column::ALL
    }

    fn required(self) -> bool {
        Column::required(self)
    }

    fn matches_header(self, header: &str) -> bool {
        Column::matches_header(self, header)
    }
}

/// Finds the header row (see [`crate::sheet_header`]); columns in the
/// error are 1-based.
pub fn find_header(rows: &[Vec<String>]) -> Result<HeaderMap, HeaderError> {
    HeaderMap::find(rows).map_err(|fault| match fault {
        HeaderFault::Missing(missing) => HeaderError::NotFound { searched: HEADER_SEARCH_ROWS, missing },
        HeaderFault::Duplicate { row, column, first, second } => {
            HeaderError::Duplicate { row, column, first: first + 1, second: second + 1 }
        }
    })
}

/// One valid row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub member: Member,
    /// The cell the member is enrolled in.
    pub organization: OrgCode,
    /// Since when the member is enrolled in that cell; when absent, the
    /// admission date for a new member, the import date for a move.
    pub member_since: Option<Date>,
    /// A condition that holds from a date (R-BASE-1), or none.
    pub condition: Option<(ConditionKind, Date)>,
}

/// What is wrong with one cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("required, but empty")]
    Missing,
    #[error("not a Party card number (4 to 16 digits)")]
    CardNumber,
    #[error("{0}")]
    Name(#[from] crate::name::BadName),
    #[error("expected Nam or Nữ")]
    Gender,
    #[error("not a date (expected dd/mm/yyyy)")]
    Date,
    #[error("the date is in the future")]
    FutureDate,
    #[error("{0}")]
    OrgCode(#[from] crate::org::BadOrgCode),
    #[error("{0}")]
    Text(#[from] crate::text::TextProblem),
    #[error("admission is before the member's 18th birthday")]
    AdmittedUnderAge,
    #[error("the date is before the admission date")]
    BeforeAdmission,
    #[error("expected one of: {}", ConditionKind::ALL.map(|k| k.vi()).join("; "))]
    Condition,
    #[error("a condition needs the date it starts from")]
    ConditionWithoutDate,
    #[error("a date is given but no condition")]
    DateWithoutCondition,
}

/// A problem in one cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub column: Column,
    /// The cell's text.
    pub value: String,
    pub problem: Problem,
}

/// Validates one data row against the header. `today` bounds the dates.
/// All problems of the row are returned, not only the first.
pub fn parse_row(header: &HeaderMap, row: &[String], today: Date) -> Result<MemberRow, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |column: Column, value: &str, problem: Problem| {
        errors.push(FieldError { column, value: value.to_owned(), problem });
    };
    let text = |c: Column| header.cell(row, c);

    let card_number = match text(Column::CardNumber) {
        "" => (fail(Column::CardNumber, "", Problem::Missing), None).1,
        v => CardNumber::parse(v).map_err(|_| fail(Column::CardNumber, v, Problem::CardNumber)).ok(),
    };
    let name = match text(Column::FullName) {
        "" => (fail(Column::FullName, "", Problem::Missing), None).1,
        v => PersonName::parse(v).map_err(|e| fail(Column::FullName, v, e.into())).ok(),
    };
    let gender = match text(Column::Gender) {
        "" => (fail(Column::Gender, "", Problem::Missing), None).1,
        v => Gender::parse(v).or_else(|| (fail(Column::Gender, v, Problem::Gender), None).1),
    };
    let mut date = |c: Column, required: bool| -> Option<Date> {
        match text(c) {
            "" if required => (fail(c, "", Problem::Missing), None).1,
            "" => None,
            v => match parse_date(v) {
                None => (fail(c, v, Problem::Date), None).1,
                Some(d) if d > today => (fail(c, v, Problem::FutureDate), None).1,
                Some(d) => Some(d),
            },
        }
    };
    let birth_date = date(Column::BirthDate, true);
    let admission_date = date(Column::AdmissionDate, true);
    let official_date = date(Column::OfficialDate, false);
    let member_since = date(Column::MemberSince, false);
    let condition_from = date(Column::ConditionFrom, false);
    let ethnicity = match text(Column::Ethnicity) {
        "" => Some(String::new()),
        v => crate::text::line(v, crate::text::ETHNICITY_MAX_CHARS)
            .map(str::to_owned)
            .map_err(|e| fail(Column::Ethnicity, v, e.into()))
            .ok(),
    };
    let organization = match text(Column::Organization) {
        "" => (fail(Column::Organization, "", Problem::Missing), None).1,
        v => OrgCode::parse(v).map_err(|e| fail(Column::Organization, v, e.into())).ok(),
    };
    let condition_kind = match text(Column::Condition) {
        "" => None,
        v => ConditionKind::parse(v).or_else(|| (fail(Column::Condition, v, Problem::Condition), None).1),
    };
    if let (Some(birth), Some(admission)) = (birth_date, admission_date)
        && admission < eighteenth_birthday(birth)
    {
        fail(Column::AdmissionDate, text(Column::AdmissionDate), Problem::AdmittedUnderAge);
    }
    if let Some(admission) = admission_date {
        for (c, d) in [(Column::OfficialDate, official_date), (Column::MemberSince, member_since)] {
            if d.is_some_and(|d| d < admission) {
                fail(c, text(c), Problem::BeforeAdmission);
            }
        }
    }
    let condition = match (condition_kind, condition_from, text(Column::Condition)) {
        (Some(kind), Some(from), _) => Some((kind, from)),
        (Some(_), None, _) if text(Column::ConditionFrom).is_empty() => {
            fail(Column::ConditionFrom, "", Problem::ConditionWithoutDate);
            None
        }
        (None, Some(_), "") => {
            fail(Column::ConditionFrom, text(Column::ConditionFrom), Problem::DateWithoutCondition);
            None
        }
        _ => None,
    };

    match (card_number, name, gender, birth_date, admission_date, organization, ethnicity) {
        (
            Some(card_number),
            Some(name),
            Some(gender),
            Some(birth_date),
            Some(admission_date),
            Some(organization),
            Some(ethnicity),
        ) if errors.is_empty() => Ok(MemberRow {
            member: Member { card_number, name, gender, birth_date, ethnicity, admission_date, official_date },
            organization,
            member_since,
            condition,
        }),
        _ => Err(errors),
    }
}

/// The person columns of the file: a member's own data, what the web's form
/// of a member edits.
pub const PERSON_COLUMNS: [Column; 7] = [
    Column::CardNumber,
    Column::FullName,
    Column::Gender,
    Column::BirthDate,
    Column::Ethnicity,
    Column::AdmissionDate,
    Column::OfficialDate,
];

/// The person data of a member from the text of its fields (`text` gives
/// each of [`PERSON_COLUMNS`]), with exactly the checks of a row of the
/// file ([`parse_row`]): every problem, each with its column.
pub fn parse_member(text: impl Fn(Column) -> String, today: Date) -> Result<Member, Vec<FieldError>> {
    let header: Vec<String> = Column::ALL.iter().map(|c| c.header().to_owned()).collect();
    let map = find_header(std::slice::from_ref(&header)).map_err(|_| Vec::new())?;
    // The cell is not the person's data: a valid code stands in for it.
    let row: Vec<String> = Column::ALL
        .iter()
        .map(|&c| match c {
            Column::Organization => "QN".to_owned(),
            c if PERSON_COLUMNS.contains(&c) => text(c),
            _ => String::new(),
        })
        .collect();
    parse_row(&map, &row, today).map(|r| r.member)
}

/// The rules that relate a member's dates, as a row of the file is checked:
/// admission from the 18th birthday, the official date not before
/// admission, no date after `today`. Every problem, each with its column.
pub fn check_member(m: &Member, today: Date) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut fail = |column: Column, d: Date, problem: Problem| {
        errors.push(FieldError { column, value: crate::date::vi(d), problem });
    };
    let dates = [
        (Column::BirthDate, Some(m.birth_date)),
        (Column::AdmissionDate, Some(m.admission_date)),
        (Column::OfficialDate, m.official_date),
    ];
    for (c, d) in dates {
        if let Some(d) = d.filter(|d| *d > today) {
            fail(c, d, Problem::FutureDate);
        }
    }
    if m.admission_date < eighteenth_birthday(m.birth_date) {
        fail(Column::AdmissionDate, m.admission_date, Problem::AdmittedUnderAge);
    }
    if let Some(d) = m.official_date.filter(|d| *d < m.admission_date) {
        fail(Column::OfficialDate, d, Problem::BeforeAdmission);
    }
    errors
}

/// The 18th birthday (of someone born on 29 February: 1 March).
fn eighteenth_birthday(birth: Date) -> Date {
    birth
        .replace_year(birth.year() + 18)
        .unwrap_or_else(|_| birth.next_day().and_then(|d| d.replace_year(birth.year() + 18).ok()).unwrap_or(birth))
}

/// A problem at one place of a sheet, ready to show: row as the spreadsheet
/// numbers it (1-based), column index (0-based) when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub row: usize,
    pub column: Option<(usize, Column)>,
    pub value: String,
    pub message: String,
    /// The problem itself, for callers that word it in another language.
    pub problem: Option<Problem>,
}

/// The rows of a member sheet, checked on their own (the store checks them
/// against the tree and the stored members afterwards).
#[derive(Debug, Clone)]
pub struct ParsedSheet {
    pub header: HeaderMap,
    /// Valid rows with their 1-based row numbers.
    pub rows: Vec<(usize, MemberRow)>,
    pub problems: Vec<CellProblem>,
}

/// Finds the header and checks every row below it; blank rows are skipped.
pub fn parse_sheet(rows: &[Vec<String>], today: Date) -> Result<ParsedSheet, HeaderError> {
    let header = find_header(rows)?;
    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(header.row + 1) {
        if header.is_blank(row) {
            continue;
        }
        match parse_row(&header, row, today) {
            Ok(r) => parsed.push((i + 1, r)),
            Err(errors) => problems.extend(errors.into_iter().map(|e| CellProblem {
                row: i + 1,
                column: header.position(e.column).map(|p| (p, e.column)),
                value: e.value,
                message: e.problem.to_string(),
                problem: Some(e.problem),
            })),
        }
    }
    Ok(ParsedSheet { header, rows: parsed, problems })
}

/// Why no sheet of a file could be read as a member list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemberSheetError {
    #[error("the file has no sheet")]
    NoSheet,
    /// The first sheet's header problem (every sheet was tried).
    #[error("sheet \"{sheet}\": {error}")]
    Header { sheet: String, error: HeaderError },
}

/// The first of `sheets` (name, rows) that has the member columns, parsed.
pub fn first_member_sheet<'a>(
    sheets: impl IntoIterator<Item = (&'a str, &'a [Vec<String>])>,
    today: Date,
) -> Result<(&'a str, ParsedSheet), MemberSheetError> {
    let mut first_error = None;
    for (name, rows) in sheets {
        match parse_sheet(rows, today) {
            Ok(parsed) => return Ok((name, parsed)),
            Err(error) => {
                first_error.get_or_insert(MemberSheetError::Header { sheet: name.to_owned(), error });
            }
        }
    }
    Err(first_error.unwrap_or(MemberSheetError::NoSheet))
}

/// The spreadsheet name of a 0-based column index: A, B, …, Z, AA, AB, …
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 28);

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| (*s).to_owned()).collect()
    }

    fn template_header() -> Vec<String> {
        Column::ALL.iter().map(|c| c.header().to_owned()).collect()
    }

    #[test]
    fn finds_the_header_below_a_title() {
        let rows = vec![row(&["DANH SÁCH ĐẢNG VIÊN"]), row(&[]), template_header()];
        let h = find_header(&rows).unwrap();
        assert_eq!(h.row, 2);
        assert_eq!(h.position(Column::Condition), Some(9));
    }

    #[test]
    fn accepts_keys_aliases_and_bracketed_keys() {
        let rows = vec![row(&[
            "STT",
            "Số thẻ",
            "HỌ TÊN",
            "gender",
            "Ngày sinh:",
            "Chi bộ",
            "Ngày kết nạp",
            "Ghi chú (official_date)",
        ])];
        let h = find_header(&rows).unwrap();
        assert_eq!(h.position(Column::CardNumber), Some(1));
        assert_eq!(h.position(Column::OfficialDate), Some(7));
        assert_eq!(h.ignored, vec!["STT".to_owned()]);
    }

    #[test]
    fn missing_and_duplicate_columns_are_named() {
        let err = find_header(&[row(&["Họ và tên", "Giới tính"])]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("card_number") && msg.contains("birth_date") && !msg.contains("(gender)"), "{msg}");
        let err = find_header(&[row(&["Họ và tên", "Họ tên"])]).unwrap_err();
        assert_eq!(err, HeaderError::Duplicate { row: 1, column: Column::FullName, first: 1, second: 2 });
    }

    #[test]
    fn a_form_of_a_member_is_checked_as_a_row() {
        let form = |c: Column| {
            match c {
                Column::CardNumber => "64.012345",
                Column::FullName => "nguyễn văn an",
                Column::Gender => "Nữa",
                Column::BirthDate => "12/05/2010",
                Column::AdmissionDate => "19/05/2020",
                Column::OfficialDate => "31/02/2021",
                _ => "",
            }
            .to_owned()
        };
        let problems: Vec<(Column, Problem)> =
            parse_member(form, TODAY).unwrap_err().into_iter().map(|e| (e.column, e.problem)).collect();
        assert_eq!(
            problems,
            [
                (Column::Gender, Problem::Gender),
                (Column::OfficialDate, Problem::Date),
                (Column::AdmissionDate, Problem::AdmittedUnderAge)
            ]
        );
        let good = |c: Column| {
            if c == Column::Gender {
                "Nam".to_owned()
            } else if c == Column::BirthDate {
                "12/05/1980".to_owned()
            } else if c == Column::OfficialDate {
                String::new()
            } else {
                form(c)
            }
        };
        let m = parse_member(good, TODAY).unwrap();
        assert_eq!((m.card_number.as_str(), m.official_date), ("64012345", None));
        assert!(check_member(&m, TODAY).is_empty());
        let late = Member { official_date: Some(date!(2019 - 01 - 01)), birth_date: date!(2027 - 01 - 01), ..m };
        let problems: Vec<Problem> = check_member(&late, TODAY).into_iter().map(|e| e.problem).collect();
        assert_eq!(problems, [Problem::FutureDate, Problem::AdmittedUnderAge, Problem::BeforeAdmission]);
    }

    #[test]
    fn a_good_row() {
        let h = find_header(&[template_header()]).unwrap();
        let r = parse_row(
            &h,
            &row(&[
                "64.012345",
                "Nguyễn  Văn An",
                "Nam",
                "12/05/1980",
                "Kinh",
                "qn.qt.cb01",
                "19/05/2005",
                "19/05/2006",
                "",
                "Đình chỉ sinh hoạt",
                "01/10/2026",
            ]),
            TODAY,
        )
        .unwrap();
        assert_eq!(r.member.card_number.as_str(), "64012345");
        assert_eq!(r.member.name.full(), "Nguyễn Văn An");
        assert_eq!(r.organization.as_str(), "QN.QT.CB01");
        assert_eq!(r.condition, Some((ConditionKind::Suspended, date!(2026 - 10 - 01))));
        assert_eq!(r.member.official_date, Some(date!(2006 - 05 - 19)));
    }

    #[test]
    fn every_problem_of_a_row_is_reported() {
        let h = find_header(&[template_header()]).unwrap();
        let errs = parse_row(
            &h,
            &row(&["12ab", "", "X", "31/02/1980", "", "chi bộ 1", "01/01/2030", "", "", "nghỉ", ""]),
            TODAY,
        )
        .unwrap_err();
        let got: Vec<(Column, Problem)> = errs.into_iter().map(|e| (e.column, e.problem)).collect();
        assert!(got.contains(&(Column::CardNumber, Problem::CardNumber)));
        assert!(got.contains(&(Column::FullName, Problem::Missing)));
        assert!(got.contains(&(Column::Gender, Problem::Gender)));
        assert!(got.contains(&(Column::BirthDate, Problem::Date)));
        assert!(got.contains(&(Column::AdmissionDate, Problem::FutureDate)));
        assert!(got.contains(&(Column::Condition, Problem::Condition)));
        assert!(got.iter().any(|(c, p)| *c == Column::Organization && matches!(p, Problem::OrgCode(_))));
    }

    /// TEXT-1 on a member's free text: a name with NUL or control
    /// characters, or of 100,000 characters, and such an ethnicity are refused.
    #[test]
    fn names_and_ethnicity_are_checked_text() {
        let h = find_header(&[template_header()]).unwrap();
        let with = |name: &str, ethnicity: &str| {
            let cells = ["64012345", name, "Nam", "12/05/1980", ethnicity, "QN.QT.CB01", "19/05/2005", "", "", "", ""];
            parse_row(&h, &row(&cells), TODAY)
                .map_err(|e| e.into_iter().map(|e| (e.column, e.problem)).collect::<Vec<_>>())
        };
        assert!(with("Nguyễn Văn An", "Sán Dìu").is_ok());
        for name in ["Nguyễn\0Văn An", "Nguyễn Văn\u{1b}An", "Nguyễn \u{202e}Văn An", &"A".repeat(100_000)] {
            let got = with(name, "Kinh").unwrap_err();
            assert!(matches!(got.as_slice(), [(Column::FullName, Problem::Name(_))]), "{name:.20?}: {got:?}");
        }
        for ethnicity in ["Ki\0nh", "Kinh\u{7}", &"Kinh".repeat(20)] {
            let got = with("Nguyễn Văn An", ethnicity).unwrap_err();
            assert!(matches!(got.as_slice(), [(Column::Ethnicity, Problem::Text(_))]), "{ethnicity:?}: {got:?}");
        }
    }

    #[test]
    fn date_rules() {
        let h = find_header(&[template_header()]).unwrap();
        let base =
            ["12345678", "Lê Thị Hoa", "Nữ", "01/01/2000", "", "CB1", "01/06/2017", "01/06/2016", "", "", "01/01/2020"];
        let errs = parse_row(&h, &row(&base), TODAY).unwrap_err();
        let got: Vec<(Column, Problem)> = errs.into_iter().map(|e| (e.column, e.problem)).collect();
        assert_eq!(
            got,
            vec![
                (Column::AdmissionDate, Problem::AdmittedUnderAge),
                (Column::OfficialDate, Problem::BeforeAdmission),
                (Column::ConditionFrom, Problem::DateWithoutCondition),
            ]
        );
    }
    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn a_sheet_with_a_title_a_blank_row_and_a_bad_row() {
        let rows = vec![
            row(&["DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN ĐỒNG TÂM"]),
            template_header(),
            row(&["10000001", "Nguyễn Văn An", "Nam", "12/05/1980", "Kinh", "CB01", "19/05/2005", "19/05/2006"]),
            row(&[]),
            row(&["10000002", "Trần Thị Bình", "Nữ?", "12/05/1980", "Kinh", "CB01", "19/05/2005"]),
        ];
        let parsed = parse_sheet(&rows, TODAY).unwrap();
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(parsed.rows[0].0, 3);
        assert_eq!(
            parsed.problems,
            vec![CellProblem {
                row: 5,
                column: Some((2, Column::Gender)),
                value: "Nữ?".into(),
                message: "expected Nam or Nữ".into(),
                problem: Some(Problem::Gender),
            }]
        );
    }
}
