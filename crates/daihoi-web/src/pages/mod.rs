//! HTML pages, by feature.

pub mod members;
pub mod orgs;

use daihoi_core::date::{from_iso, iso};
use serde::Deserialize;
use time::{Date, OffsetDateTime};

use crate::WebError;

/// Today in Vietnam.
pub fn today() -> Date {
    daihoi_core::date::date_in_vietnam(OffsetDateTime::now_utc())
}

/// `?date=yyyy-mm-dd`: the date a page shows the tree and members on.
#[derive(Debug, Default, Deserialize)]
pub struct OnDate {
    pub date: Option<String>,
}

impl OnDate {
    pub fn resolve(&self) -> Result<Date, WebError> {
        match self.date.as_deref().map(str::trim) {
            None | Some("") => Ok(today()),
            Some(text) => from_iso(text)
                .or_else(|| daihoi_core::date::parse_date(text))
                .ok_or_else(|| WebError::BadDate(text.to_owned())),
        }
    }
}

/// A date for a page: `day` for people (through `tr.date`), `iso`
/// (`yyyy-mm-dd`) for links and forms.
pub struct ShownDate {
    pub day: Date,
    pub iso: String,
}

impl From<Date> for ShownDate {
    fn from(d: Date) -> Self {
        ShownDate { day: d, iso: iso(d) }
    }
}
