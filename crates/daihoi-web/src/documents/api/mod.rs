//! `/api/v1/documents`: the register (sổ văn bản), as the pages show it:
//! search, register, a document with its links, files and coverage, a
//! link, a file attached and downloaded, a conference recorded on it.

pub mod arrival;
pub mod attach;
pub mod disseminate;
pub mod file;
pub mod forward;
pub mod inbox;
pub mod incoming;
pub mod link;
pub mod receipt;
pub mod register;
pub mod search;
pub mod show;

use daihoi_store::Scoped;
use daihoi_store::documents::{Document, DocumentFile};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::date_text;
use crate::api::error::{ApiError, ApiResult};

/// A registered document as a list shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentSummary {
    /// The document's id (for `/api/v1/documents/{id}`).
    pub id: i64,
    /// The number as people write it (D-NUM-1).
    #[schema(example = "439-KH/TU")]
    pub number: String,
    /// The type's code in the registry (D-NUM-3).
    #[schema(example = "KH")]
    pub doc_type: String,
    /// The issuer's code (D-NUM-4).
    #[schema(example = "TU")]
    pub issuer: String,
    /// With the number and the date, its identity (D-NUM-5).
    #[schema(format = Date, example = "2024-07-23")]
    pub issued_on: String,
    #[schema(example = "Tổ chức đại hội đảng bộ các cấp")]
    pub title: String,
    #[schema(schema_with = crate::api::schema::classification)]
    pub classification: String,
}

impl From<&Document> for DocumentSummary {
    fn from(d: &Document) -> DocumentSummary {
        DocumentSummary {
            id: d.id,
            number: d.number_label(),
            doc_type: d.doc_type.clone(),
            issuer: d.issuer.clone(),
            issued_on: date_text(d.issued_on),
            title: d.title.clone(),
            classification: d.classification.code().to_owned(),
        }
    }
}

/// A file attached to a document, without its content.
#[derive(Debug, Serialize, ToSchema)]
pub struct FileInfo {
    pub id: i64,
    #[schema(example = "439-KH-TU.pdf")]
    pub file_name: String,
    /// The type it was attached with.
    #[schema(example = "application/pdf")]
    pub media_type: String,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// Bytes.
    pub size: u64,
    /// Where its bytes are: `/api/v1/documents/files/{id}`.
    pub url: String,
}

impl From<&DocumentFile> for FileInfo {
    fn from(f: &DocumentFile) -> FileInfo {
        FileInfo {
            id: f.id,
            file_name: f.file_name.clone(),
            media_type: f.media_type.clone(),
            sha256: f.sha256.clone(),
            size: f.size,
            url: format!("/api/v1/documents/files/{}", f.id),
        }
    }
}

/// The document `id` through the caller's view: 404 when there is none,
/// 403 when the caller is not cleared for it (T-6), as the pages answer.
pub(crate) async fn find(scoped: &Scoped<'_>, id: i64) -> ApiResult<Document> {
    scoped.documents().document(id).await?.ok_or_else(|| ApiError::not_found(format!("no document {id}")))
}

/// `{id}` of a document or a file: a positive integer.
pub(crate) fn id_param(id: i64) -> ApiResult<i64> {
    if id < 1 { Err(ApiError::bad_request(format!("id: {id} is not an id (1 or more)"))) } else { Ok(id) }
}

/// A file's bytes, as they were attached (a request's or a response's
/// body): a binary string of at least one byte.
#[derive(Debug)]
pub struct FileBytes;

impl utoipa::PartialSchema for FileBytes {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .min_length(Some(1))
            .into()
    }
}

impl ToSchema for FileBytes {}

/// An organization named in the body (not the path) that is not there
/// today, or not within the caller's reach: the request cannot be carried
/// out (422), while the document of the path exists (a 404 would say it
/// does not).
pub(crate) fn unknown_org(field: &str, code: &daihoi_core::OrgCode) -> crate::api::error::ApiError {
    crate::api::error::ApiError::new(
        crate::api::error::ErrorCode::Unprocessable,
        format!("{field}: no organization {code} today"),
    )
}
