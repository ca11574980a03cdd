//! The registry of document types and issuers (D-NUM-3, D-NUM-4): data, not
//! code. [`Registry::default_party`] is built from the tables at the end of
//! this file ([`PARTY_TYPES`], [`PARTY_ISSUERS`]); an organization adds its
//! own issuers (and, if it must, types) with [`Registry::with_local_issuers`]
//! and [`Registry::with_local_types`].
//!
//! Codes are compared without regard to case and with `Đ` and `D` taken as
//! the same letter (D-NUM-2), so two entries whose codes differ only in that
//! way are refused ([`RegistryError::Collision`]): a lookup is never
//! ambiguous.

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

/// How sure the research notes are that Party documents use a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Seen in real Party document numbers.
    Observed,
    /// Plausible (a type of the Party's regulation, or a usual abbreviation)
    /// but not seen in a real Party number in the sources.
    Plausible,
    /// Added by the organization itself.
    Local,
}

/// A document type code (ký hiệu tên loại văn bản) and what it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeEntry {
    /// The canonical code as written in numbers: `NQ`, `QĐ`, `QĐi`, `TTr`.
    pub code: String,
    /// The Vietnamese names of the types written with this code. More than one
    /// when the code does not tell them apart (`QĐ`: quyết định and quy định).
    pub names: Vec<String>,
    /// First day the code was in use, if known to be limited.
    pub valid_from: Option<Date>,
    /// Last day the code was in use, if known to be limited.
    pub valid_until: Option<Date>,
    pub evidence: Evidence,
    /// `true` for a State abbreviation accepted with a warning (`QyĐ`).
    pub state_abbreviation: bool,
}

impl TypeEntry {
    /// An organization's own type, valid at all dates.
    pub fn local(code: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            names: vec![name.into()],
            valid_from: None,
            valid_until: None,
            evidence: Evidence::Local,
            state_abbreviation: false,
        }
    }

    /// Whether the code was in use on `day` (always, when no dates are known).
    pub fn valid_on(&self, day: Date) -> bool {
        self.valid_from.is_none_or(|from| from <= day) && self.valid_until.is_none_or(|until| day <= until)
    }
}

/// An issuer code (ký hiệu cơ quan ban hành) and the body it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuerEntry {
    /// The canonical code as written in numbers: `TW`, `BTCTW`, `TU`.
    pub code: String,
    /// The Vietnamese name of the body (or bodies) that sign with this code.
    pub name: String,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub evidence: Evidence,
}

impl IssuerEntry {
    /// An organization's own issuer, valid at all dates.
    pub fn local(code: impl Into<String>, name: impl Into<String>) -> Self {
        Self { code: code.into(), name: name.into(), valid_from: None, valid_until: None, evidence: Evidence::Local }
    }

    pub fn valid_on(&self, day: Date) -> bool {
        self.valid_from.is_none_or(|from| from <= day) && self.valid_until.is_none_or(|until| day <= until)
    }
}

/// A registry that cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    #[error("D-NUM-2: the codes {existing} and {added} are the same once Đ/D and case are ignored")]
    Collision { existing: String, added: String },
    #[error("D-NUM-3: {code:?} is not a usable code (letters and digits only, starting with a letter)")]
    BadCode { code: String },
}

/// The document types and issuers that numbers are checked against
/// (sổ đăng ký ký hiệu: D-NUM-3, D-NUM-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registry {
    types: Vec<TypeEntry>,
    issuers: Vec<IssuerEntry>,
}

/// Whether a lookup matched as written or only once `Đ` and `D` were taken
/// as the same letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    Exact,
    DConfusion,
}

impl Registry {
    /// An empty registry: every type is unknown, every issuer is unknown.
    pub fn empty() -> Self {
        Self { types: Vec::new(), issuers: Vec::new() }
    }

    /// The Party's types and issuers from the research notes (tables
    /// [`PARTY_TYPES`] and [`PARTY_ISSUERS`]).
    pub fn default_party() -> Self {
        let mut registry = Self::empty();
        for row in PARTY_TYPES {
            registry
                .add_type(TypeEntry {
                    code: row.code.to_owned(),
                    names: row.names.iter().map(|n| (*n).to_owned()).collect(),
                    valid_from: row.valid_from,
                    valid_until: row.valid_until,
                    evidence: row.evidence,
                    state_abbreviation: row.state_abbreviation,
                })
                .expect("the Party type table has no colliding codes");
        }
        for row in PARTY_ISSUERS {
            registry
                .add_issuer(IssuerEntry {
                    code: row.code.to_owned(),
                    name: row.name.to_owned(),
                    valid_from: None,
                    valid_until: None,
                    evidence: row.evidence,
                })
                .expect("the Party issuer table has no colliding codes");
        }
        registry
    }

    /// This registry with an organization's own issuers added.
    pub fn with_local_issuers(mut self, issuers: impl IntoIterator<Item = IssuerEntry>) -> Result<Self, RegistryError> {
        for issuer in issuers {
            self.add_issuer(issuer)?;
        }
        Ok(self)
    }

    /// This registry with an organization's own types added.
    pub fn with_local_types(mut self, types: impl IntoIterator<Item = TypeEntry>) -> Result<Self, RegistryError> {
        for entry in types {
            self.add_type(entry)?;
        }
        Ok(self)
    }

    pub fn add_type(&mut self, entry: TypeEntry) -> Result<(), RegistryError> {
        check_code(&entry.code)?;
        if let Some(existing) = self.types.iter().find(|t| fold(&t.code) == fold(&entry.code)) {
            return Err(RegistryError::Collision { existing: existing.code.clone(), added: entry.code });
        }
        self.types.push(entry);
        Ok(())
    }

    pub fn add_issuer(&mut self, entry: IssuerEntry) -> Result<(), RegistryError> {
        for part in entry.code.split('-') {
            check_code(part).map_err(|_| RegistryError::BadCode { code: entry.code.clone() })?;
        }
        if let Some(existing) = self.issuers.iter().find(|t| fold(&t.code) == fold(&entry.code)) {
            return Err(RegistryError::Collision { existing: existing.code.clone(), added: entry.code });
        }
        self.issuers.push(entry);
        Ok(())
    }

    pub fn types(&self) -> &[TypeEntry] {
        &self.types
    }

    pub fn issuers(&self) -> &[IssuerEntry] {
        &self.issuers
    }

    /// The type with this code, as written (case aside).
    pub fn doc_type(&self, code: &str) -> Option<&TypeEntry> {
        self.find_type(code).filter(|(_, m)| *m == Match::Exact).map(|(e, _)| e)
    }

    /// The issuer with this code, as written (case aside).
    pub fn issuer(&self, code: &str) -> Option<&IssuerEntry> {
        self.find_issuer(code).filter(|(_, m)| *m == Match::Exact).map(|(e, _)| e)
    }

    pub(crate) fn find_type(&self, written: &str) -> Option<(&TypeEntry, Match)> {
        find(&self.types, written, |t| &t.code)
    }

    pub(crate) fn find_issuer(&self, written: &str) -> Option<(&IssuerEntry, Match)> {
        find(&self.issuers, written, |t| &t.code)
    }
}

fn find<'a, T>(entries: &'a [T], written: &str, code: impl Fn(&T) -> &str) -> Option<(&'a T, Match)> {
    let lower = written.to_lowercase();
    if let Some(e) = entries.iter().find(|e| code(e).to_lowercase() == lower) {
        return Some((e, Match::Exact));
    }
    let folded = fold(written);
    entries.iter().find(|e| fold(code(e)) == folded).map(|e| (e, Match::DConfusion))
}

/// Lower case with `đ` read as `d`: the key under which codes must be unique.
pub(crate) fn fold(code: &str) -> String {
    code.chars().flat_map(char::to_lowercase).map(|c| if c == 'đ' { 'd' } else { c }).collect()
}

fn check_code(code: &str) -> Result<(), RegistryError> {
    let mut chars = code.chars();
    let ok = chars.next().is_some_and(char::is_alphabetic) && chars.all(char::is_alphanumeric);
    if ok { Ok(()) } else { Err(RegistryError::BadCode { code: code.to_owned() }) }
}

/// One row of [`PARTY_TYPES`].
#[derive(Debug, Clone, Copy)]
pub struct TypeRow {
    pub code: &'static str,
    pub names: &'static [&'static str],
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub evidence: Evidence,
    pub state_abbreviation: bool,
}

/// One row of [`PARTY_ISSUERS`].
#[derive(Debug, Clone, Copy)]
pub struct IssuerRow {
    pub code: &'static str,
    pub name: &'static str,
    pub evidence: Evidence,
}

const fn t(code: &'static str, names: &'static [&'static str], evidence: Evidence) -> TypeRow {
    TypeRow { code, names, valid_from: None, valid_until: None, evidence, state_abbreviation: false }
}

/// Party document types (research notes, part C.4; Quy định 66-QĐ/TW and
/// 399-QĐ/TW). `Observed` codes were seen in real numbers; `Plausible` ones
/// are types of the regulation with their usual abbreviation, unverified for
/// Party use.
pub const PARTY_TYPES: &[TypeRow] = &[
    t("NQ", &["nghị quyết"], Evidence::Observed),
    // Since 2019 quy định and quyết định share one "QĐ" sequence: the code
    // alone does not tell the type (190-QĐ/TW).
    t("QĐ", &["quyết định", "quy định"], Evidence::Observed),
    // Quy định written QĐi: observed from 07-QĐi/TW (28/8/2018) to
    // 11-QĐi/TW (18/2/2019); the registry allows the two whole years.
    TypeRow {
        code: "QĐi",
        names: &["quy định"],
        valid_from: Some(date!(2018 - 01 - 01)),
        valid_until: Some(date!(2019 - 12 - 31)),
        evidence: Evidence::Observed,
        state_abbreviation: false,
    },
    t("CT", &["chỉ thị"], Evidence::Observed),
    t("KL", &["kết luận"], Evidence::Observed),
    t("QC", &["quy chế"], Evidence::Observed),
    t("HD", &["hướng dẫn"], Evidence::Observed),
    t("TB", &["thông báo"], Evidence::Observed),
    t("KH", &["kế hoạch"], Evidence::Observed),
    t("CV", &["công văn"], Evidence::Observed),
    t("BC", &["báo cáo"], Evidence::Plausible),
    t("TTr", &["tờ trình"], Evidence::Plausible),
    t("CTr", &["chương trình"], Evidence::Plausible),
    t("TT", &["thông tri"], Evidence::Plausible),
    t("BB", &["biên bản"], Evidence::Plausible),
    // The State abbreviation of quy định (NĐ 30/2020/NĐ-CP, Phụ lục III),
    // written by some grassroots Party bodies (04-QyĐ/ĐU): accepted with a
    // warning.
    TypeRow {
        code: "QyĐ",
        names: &["quy định"],
        valid_from: None,
        valid_until: None,
        evidence: Evidence::Observed,
        state_abbreviation: true,
    },
];

const fn i(code: &'static str, name: &'static str, evidence: Evidence) -> IssuerRow {
    IssuerRow { code, name, evidence }
}

/// Party issuers (research notes, part C.5). The Central Committee, the
/// Politburo and the Secretariat all sign `TW`; a provincial committee and
/// its standing committee both sign `TU`.
pub const PARTY_ISSUERS: &[IssuerRow] = &[
    i("TW", "Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư", Evidence::Observed),
    i("VPTW", "Văn phòng Trung ương Đảng", Evidence::Observed),
    i("BTCTW", "Ban Tổ chức Trung ương", Evidence::Observed),
    i("UBKTTW", "Ủy ban Kiểm tra Trung ương", Evidence::Observed),
    i("BCĐTW", "Ban Chỉ đạo Trung ương", Evidence::Observed),
    i("TU", "Tỉnh ủy, Ban Thường vụ Tỉnh ủy", Evidence::Observed),
    i("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", Evidence::Observed),
    i("HU", "Huyện ủy", Evidence::Plausible),
    i("ĐU", "Đảng ủy", Evidence::Plausible),
    i("CB", "Chi bộ", Evidence::Plausible),
    i("BTCTU", "Ban Tổ chức Tỉnh ủy", Evidence::Plausible),
    i("BTGTU", "Ban Tuyên giáo Tỉnh ủy", Evidence::Plausible),
];
