//! What the incoming register's operations answer: an arrival (sổ văn bản
//! đến) and a forward (chuyển văn bản) with its receipt.

use daihoi_store::documents::incoming::{Arrival, Forward};
use serde::Serialize;
use utoipa::ToSchema;

use super::DocumentSummary;
use super::show::OrgRef;
use crate::api::date_text;

/// A document in an organization's incoming register.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArrivalView {
    /// The organization whose incoming register it is in.
    pub org: OrgRef,
    /// Số đến: from 1 each year.
    pub number: u32,
    pub year: i32,
    #[schema(format = Date, example = "2024-10-14")]
    pub arrived_on: String,
    #[schema(example = "Văn phòng Trung ương Đảng")]
    pub sender: String,
    /// The forward it came by (`null`: from outside the tree).
    pub forward: Option<i64>,
}

impl From<&Arrival> for ArrivalView {
    fn from(a: &Arrival) -> ArrivalView {
        ArrivalView {
            org: OrgRef::from(&a.org),
            number: a.number,
            year: a.year,
            arrived_on: date_text(a.arrived_on),
            sender: a.sender.clone(),
            forward: a.forward_id,
        }
    }
}

/// A copy of a document sent to an organization below, and its receipt.
#[derive(Debug, Serialize, ToSchema)]
pub struct ForwardView {
    /// For `POST /api/v1/documents/forwards/{id}/receipt`.
    pub id: i64,
    pub document: i64,
    pub from: OrgRef,
    pub to: OrgRef,
    #[schema(format = Date, example = "2024-10-17")]
    pub forwarded_on: String,
    /// When it was received (RFC 3339, UTC); `null`: not yet.
    pub received_at: Option<String>,
    /// The account that received it.
    pub received_by: Option<String>,
}

impl From<&Forward> for ForwardView {
    fn from(f: &Forward) -> ForwardView {
        ForwardView {
            id: f.id,
            document: f.document_id,
            from: OrgRef::from(&f.from),
            to: OrgRef::from(&f.to),
            forwarded_on: date_text(f.forwarded_on),
            received_at: f.received.as_ref().map(|(at, _)| at.clone()),
            received_by: f.received.as_ref().map(|(_, by)| by.clone()),
        }
    }
}

/// A forward with its document, as an inbox lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxItem {
    #[serde(flatten)]
    pub forward: ForwardView,
    pub document_summary: DocumentSummary,
}
