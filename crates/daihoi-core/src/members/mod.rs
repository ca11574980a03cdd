//! Party members (đảng viên): person data, standing, and the dated conditions
//! that decide the base of an election (R-BASE-1).

mod base;
pub mod import;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::name::PersonName;

pub use base::BaseCount;

/// A Party card number (số thẻ đảng viên), the identity of a member across
/// imports. Stored as its digits only, so `64.012345` and `64012345` are the
/// same card.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CardNumber(String);

/// A text that is not a card number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a Party card number (4 to 16 digits; spaces, '.' and '-' are ignored)")]
pub struct BadCardNumber(pub String);

impl CardNumber {
    pub fn parse(text: &str) -> Result<CardNumber, BadCardNumber> {
        let t = text.trim();
        let digits: String = t.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
        if (4..=16).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(CardNumber(digits))
        } else {
            Err(BadCardNumber(t.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Giới tính.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Nam.
    Male,
    /// Nữ.
    Female,
}

impl Gender {
    /// Both, in the order files and lists show them.
    pub const ALL: [Gender; 2] = [Gender::Male, Gender::Female];

    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }

    pub fn vi(self) -> &'static str {
        match self {
            Gender::Male => "Nam",
            Gender::Female => "Nữ",
        }
    }

    /// Reads "Nam"/"Nữ" (any case, with or without diacritics) or the codes.
    pub fn parse(text: &str) -> Option<Gender> {
        match crate::search_key(text).as_str() {
            "nam" | "male" | "m" => Some(Gender::Male),
            "nu" | "female" | "f" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// Whether a member is official (chính thức) or probationary (dự bị) on a date.
/// Only official members vote and stand (R-BODY-4) and count in the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStanding {
    /// Đảng viên chính thức.
    Official,
    /// Đảng viên dự bị.
    Probationary,
}

impl MemberStanding {
    pub const ALL: [MemberStanding; 2] = [MemberStanding::Official, MemberStanding::Probationary];

    /// The stable code of files and the API.
    pub fn code(self) -> &'static str {
        match self {
            MemberStanding::Official => "official",
            MemberStanding::Probationary => "probationary",
        }
    }
}

/// The person data of a member, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub card_number: CardNumber,
    pub name: PersonName,
    pub gender: Gender,
    pub birth_date: Date,
    /// Dân tộc; empty when unknown.
    pub ethnicity: String,
    /// Ngày vào Đảng: admission, start of the probation.
    pub admission_date: Date,
    /// Ngày chính thức: end of the probation; `None` while probationary.
    pub official_date: Option<Date>,
}

impl Member {
    /// The standing on `date`, or `None` before admission.
    pub fn standing_on(&self, date: Date) -> Option<MemberStanding> {
        if date < self.admission_date {
            None
        } else if self.official_date.is_some_and(|d| d <= date) {
            Some(MemberStanding::Official)
        } else {
            Some(MemberStanding::Probationary)
        }
    }
}

/// A dated condition of a member that takes them out of the base of an
/// election at their organization (R-BASE-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionKind {
    /// Bị khởi tố, truy tố, tạm giam: prosecuted, indicted or detained.
    ProsecutedOrDetained,
    /// Bị đình chỉ sinh hoạt đảng: suspended.
    Suspended,
    /// Sinh hoạt đảng tạm thời ở đảng bộ khác: on temporary transfer to another
    /// organization.
    TemporarilyTransferred,
    /// Được miễn công tác và sinh hoạt đảng: exempted from work and activities.
    /// Subtracted from the base only when absent from the congress.
    Exempted,
}

impl ConditionKind {
    /// In the order a member with several conditions at once is counted: each
    /// member is subtracted from the base once, under the first that applies.
    pub const ALL: [ConditionKind; 4] = [
        ConditionKind::ProsecutedOrDetained,
        ConditionKind::Suspended,
        ConditionKind::TemporarilyTransferred,
        ConditionKind::Exempted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ConditionKind::ProsecutedOrDetained => "prosecuted_or_detained",
            ConditionKind::Suspended => "suspended",
            ConditionKind::TemporarilyTransferred => "temporarily_transferred",
            ConditionKind::Exempted => "exempted",
        }
    }

    pub fn vi(self) -> &'static str {
        match self {
            ConditionKind::ProsecutedOrDetained => "Bị truy tố, tạm giam",
            ConditionKind::Suspended => "Đình chỉ sinh hoạt",
            ConditionKind::TemporarilyTransferred => "Sinh hoạt tạm thời nơi khác",
            ConditionKind::Exempted => "Miễn công tác và sinh hoạt",
        }
    }

    /// Reads a code or a Vietnamese label (diacritics and case ignored).
    pub fn parse(text: &str) -> Option<ConditionKind> {
        let key = crate::search_key(text).replace(['_', ','], " ");
        let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
        ConditionKind::ALL.into_iter().find(|k| {
            key == k.code().replace('_', " ")
                || key == crate::search_key(k.vi()).replace(',', "")
                || match k {
                    ConditionKind::ProsecutedOrDetained => {
                        matches!(key.as_str(), "truy to" | "tam giam" | "khoi to" | "bi truy to" | "bi tam giam")
                    }
                    ConditionKind::Suspended => matches!(key.as_str(), "dinh chi" | "dinh chi sinh hoat dang"),
                    ConditionKind::TemporarilyTransferred => {
                        matches!(key.as_str(), "tam chuyen" | "sinh hoat tam thoi" | "tam chuyen sinh hoat")
                    }
                    ConditionKind::Exempted => {
                        matches!(key.as_str(), "mien sinh hoat" | "mien cong tac va sinh hoat dang")
                    }
                }
        })
    }
}

impl fmt::Display for ConditionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An unknown condition code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown member condition {0:?}")]
pub struct UnknownCondition(pub String);

impl FromStr for ConditionKind {
    type Err = UnknownCondition;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ConditionKind::parse(s).ok_or_else(|| UnknownCondition(s.to_owned()))
    }
}

/// A condition over a period: from `from` (included) to `to` (excluded), or
/// open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Condition {
    pub kind: ConditionKind,
    pub from: Date,
    pub to: Option<Date>,
}

impl Condition {
    pub fn holds_on(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date < to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn card_numbers() {
        assert_eq!(CardNumber::parse(" 64.012 345 ").unwrap().as_str(), "64012345");
        assert_eq!(CardNumber::parse("00123").unwrap().as_str(), "00123");
        assert!(CardNumber::parse("12a456").is_err());
        assert!(CardNumber::parse("123").is_err());
    }

    #[test]
    fn genders_and_conditions_read_office_words() {
        assert_eq!(Gender::parse("Nữ"), Some(Gender::Female));
        assert_eq!(Gender::parse("NAM"), Some(Gender::Male));
        assert_eq!(Gender::parse("khác"), None);
        assert_eq!(ConditionKind::parse("Đình chỉ sinh hoạt"), Some(ConditionKind::Suspended));
        assert_eq!(ConditionKind::parse("tạm chuyển"), Some(ConditionKind::TemporarilyTransferred));
        assert_eq!(ConditionKind::parse("prosecuted_or_detained"), Some(ConditionKind::ProsecutedOrDetained));
        assert_eq!(ConditionKind::parse("Bị truy tố, tạm giam"), Some(ConditionKind::ProsecutedOrDetained));
        assert_eq!(ConditionKind::parse("miễn sinh hoạt"), Some(ConditionKind::Exempted));
        assert_eq!(ConditionKind::parse("nghỉ hưu"), None);
        for k in ConditionKind::ALL {
            assert_eq!(ConditionKind::parse(k.code()), Some(k));
            assert_eq!(ConditionKind::parse(k.vi()), Some(k));
        }
    }

    #[test]
    fn standing_follows_the_dates() {
        let m = Member {
            card_number: CardNumber::parse("12345678").unwrap(),
            name: PersonName::parse("Nguyễn Văn An").unwrap(),
            gender: Gender::Male,
            birth_date: date!(1990 - 01 - 01),
            ethnicity: "Kinh".into(),
            admission_date: date!(2023 - 05 - 19),
            official_date: Some(date!(2024 - 05 - 19)),
        };
        assert_eq!(m.standing_on(date!(2023 - 05 - 18)), None);
        assert_eq!(m.standing_on(date!(2023 - 05 - 19)), Some(MemberStanding::Probationary));
        assert_eq!(m.standing_on(date!(2024 - 05 - 19)), Some(MemberStanding::Official));
        let c =
            Condition { kind: ConditionKind::Suspended, from: date!(2024 - 01 - 01), to: Some(date!(2024 - 07 - 01)) };
        assert!(c.holds_on(date!(2024 - 01 - 01)) && !c.holds_on(date!(2024 - 07 - 01)));
    }
}
