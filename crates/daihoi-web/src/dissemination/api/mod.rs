//! `/api/v1/disseminations` and `/api/v1/orgs/{code}/disseminations`:
//! conferences that studied documents (hội nghị học tập, quán triệt), as
//! the pages show them, and attendance added later. A conference is
//! recorded on its document: `POST /api/v1/documents/{id}/disseminations`
//! (`documents/api/disseminate.rs`).

pub mod attendance;
pub mod list;
pub mod report;
pub mod show;

use std::collections::HashMap;

use daihoi_core::OrgCode;
use daihoi_core::members::CardNumber;
use daihoi_store::StoreError;
use daihoi_store::dissemination::Dissemination;
use daihoi_store::orgs::OrgNode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiResult, ErrorCode};
use crate::api::{code_param, date_text};
use crate::documents::api::DocumentSummary;
use crate::documents::api::show::OrgRef;

/// The most card numbers (or organization codes) one request takes.
pub const MAX_ATTENDEES: usize = 5000;

/// A conference as a list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConferenceSummary {
    /// The conference's id (for `/api/v1/disseminations/{id}`).
    pub id: i64,
    #[schema(format = Date, example = "2024-11-18")]
    pub held_on: String,
    #[schema(example = "Hội nghị học tập, quán triệt Nghị quyết")]
    pub title: String,
    /// The organization that held it, as it was named on the day.
    pub holder: OrgRef,
    /// The documents it covered that the caller is cleared for (T-6).
    pub documents: Vec<DocumentSummary>,
    /// Members who attended (those the caller may not read included).
    pub members: u64,
    /// Organizations listed as attending.
    pub orgs: u64,
    #[schema(schema_with = crate::api::schema::classification)]
    pub classification: String,
}

/// The documents of conferences, each read once through the caller's view;
/// one the caller is not cleared for is left out (T-6), as on the pages.
#[derive(Default)]
pub(crate) struct Documents(HashMap<i64, Option<DocumentSummary>>);

impl Documents {
    pub(crate) async fn of(&mut self, caller: &ApiCaller, d: &Dissemination) -> ApiResult<Vec<DocumentSummary>> {
        let mut out = Vec::with_capacity(d.documents.len());
        for id in &d.documents {
            if !self.0.contains_key(id) {
                let found = match caller.scoped().documents().document(*id).await {
                    Ok(found) => found.as_ref().map(DocumentSummary::from),
                    Err(StoreError::Forbidden(_)) => None,
                    Err(e) => return Err(e.into()),
                };
                self.0.insert(*id, found);
            }
            if let Some(Some(d)) = self.0.get(id) {
                out.push(d.clone());
            }
        }
        Ok(out)
    }
}

/// A conference with its holder, as a summary.
pub(crate) fn summary(
    d: &Dissemination,
    holder: OrgRef,
    documents: Vec<DocumentSummary>,
    members: u64,
    orgs: u64,
) -> ConferenceSummary {
    ConferenceSummary {
        id: d.id,
        held_on: date_text(d.held_on),
        title: d.title.clone(),
        holder,
        documents,
        members,
        orgs,
        classification: d.classification.code().to_owned(),
    }
}

/// Card numbers sent in `name`, as the document's pattern says (digits,
/// with spaces, '.' and '-' between them ignored), at most [`MAX_ATTENDEES`].
pub(crate) fn cards_param(name: &str, texts: &[String]) -> ApiResult<Vec<CardNumber>> {
    if texts.len() > MAX_ATTENDEES {
        return Err(ApiError::bad_request(format!("{name}: more than {MAX_ATTENDEES} card numbers")));
    }
    texts
        .iter()
        .map(|t| {
            let plain = t.len() <= 64 && t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'.' | b'-'));
            plain
                .then(|| CardNumber::parse(t).ok())
                .flatten()
                .ok_or_else(|| ApiError::bad_request(format!("{name}: {t:?} is not a Party card number")))
        })
        .collect()
}

/// Organization codes sent in `name`, at most [`MAX_ATTENDEES`].
pub(crate) fn orgs_param(name: &str, texts: &[String]) -> ApiResult<Vec<OrgCode>> {
    if texts.len() > MAX_ATTENDEES {
        return Err(ApiError::bad_request(format!("{name}: more than {MAX_ATTENDEES} codes")));
    }
    texts.iter().map(|t| code_param(name, t)).collect()
}

/// A store refusal of attendance a person can correct (a card number or a
/// code not found within the caller's reach, an organization not existing
/// on the day): 422 naming it, as the pages say it in words; others as usual.
pub(crate) fn attendance_refusal(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound(what) => ApiError::new(
            ErrorCode::Unprocessable,
            format!("not found within your reach: {what} (all or nothing: nothing was recorded)"),
        ),
        StoreError::OrgNotOnDate { code, .. } | StoreError::UnknownOrg(code) => ApiError::new(
            ErrorCode::Unprocessable,
            format!("not found on the day: {code} (all or nothing: nothing was recorded)"),
        ),
        e => e.into(),
    }
}

/// The holder of a conference as an answer names it.
pub(crate) fn holder_ref(code: String, name: String) -> OrgRef {
    OrgRef { code, name }
}

/// An organization node as an answer names it.
pub(crate) fn org_ref(n: &OrgNode) -> OrgRef {
    OrgRef::from(n)
}
