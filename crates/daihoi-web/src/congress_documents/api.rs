//! `/api/v1/orgs/{code}/congress/documents…` and
//! `/api/v1/orgs/{code}/congress/received…`: congress documents as the
//! pages show and change them, through the store's `congress_documents()`
//! facet: a congress's drafts (C-PLAN-7, classification T-6), a version's
//! text with its paragraphs' stable ids and line ranges, versions written
//! as blocks or read from a `.docx`, the word difference, the drafting
//! team, comments and the team's dispositions, the accepted amendments
//! taken in, drafts sent down and the coverage of the syntheses
//! (C-PLAN-6); the lower organization's drafts received, its comments and
//! its synthesis sent up; the synthesis of comments as a Party document or
//! a workbook (`report.rs`), and what each organization below sent up.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use daihoi_drafts::{Anchor, Block, Change, Coverage, Decision, Disposition, DocumentKind, DraftText, ParagraphDiff};
use daihoi_store::Scoped;
use daihoi_store::congress_documents::{
    COMMENT_MAX_CHARS, Comment, CongressDocument, MAX_RECIPIENTS, NewComment, NewDocument, Recipient, Version,
    VersionSource, comment_facts,
};
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::documents::Classification;
use daihoi_store::orgs::OrgNode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::view::blocks_of_text;
use crate::access::AppState;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::api::{CodePath, date_text};
use crate::congresses::api::{body_round, query_round};
use crate::i18n::{Lang, Tr};
use crate::orgs::api::find;
use crate::page::today;

/// A draft's path: the organization and the draft's id.
#[derive(Debug, Deserialize)]
pub struct DocumentPath {
    pub code: String,
    pub document: i64,
}

/// A comment's path.
#[derive(Debug, Deserialize)]
pub struct CommentPath {
    pub code: String,
    pub document: i64,
    pub comment: u32,
}

/// `?round=`: the same parameter as an election's reads.
pub use crate::elections::api::prepare::RoundQuery;

/// `?round=&version=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The round of congresses (the latest by default).
    pub round: Option<String>,
    /// The version (the latest by default).
    #[param(minimum = 1)]
    pub version: Option<u32>,
}

/// `?round=&from=&to=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    pub round: Option<String>,
    /// The older version (default: the one before `to`).
    #[param(minimum = 1)]
    pub from: Option<u32>,
    /// The newer version (default: the latest).
    #[param(minimum = 1)]
    pub to: Option<u32>,
}

/// `?round=&name=`: a `.docx` sent as the body.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocxQuery {
    pub round: Option<String>,
    /// The file's name, ending in `.docx`.
    #[param(
        example = "du-thao-bao-cao-chinh-tri.docx",
        min_length = 1,
        max_length = 255,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*\.[dD][oO][cC][xX]$"
    )]
    pub name: String,
}

/// A congress's draft (dự thảo văn kiện).
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentJson {
    pub id: i64,
    /// The organization holding the congress.
    pub org_code: String,
    pub org_name: String,
    /// C-PLAN-7's checklist (`political_report`, `review_report`,
    /// `comment_synthesis`, `draft_resolution`, `action_programme`,
    /// `personnel_plan`, `credentials_report`) or a round's own code.
    #[schema(example = "political_report")]
    pub kind: String,
    /// The kind's Vietnamese name (none for a round's own kind).
    pub kind_label: Option<String>,
    pub title: String,
    /// T-6: `normal`, `confidential` or `secret`.
    #[schema(example = "normal")]
    pub classification: &'static str,
    /// The characters per line its versions are numbered at.
    pub line_length: u16,
    pub created_by: String,
    pub created_at: String,
    /// A higher level's draft: the body that issued it.
    pub issued_by: Option<String>,
    /// A higher level's draft: the day the synthesis was sent up.
    #[schema(format = Date)]
    pub synthesis_up_on: Option<String>,
}

fn document_json(d: &CongressDocument) -> DocumentJson {
    DocumentJson {
        id: d.id,
        org_code: d.org_code.to_string(),
        org_name: d.org_name.clone(),
        kind: d.kind.as_str().to_owned(),
        kind_label: d.kind.label_vi().map(str::to_owned),
        title: d.title.clone(),
        classification: d.classification.code(),
        line_length: d.line_length,
        created_by: d.created.by.clone(),
        created_at: d.created.at.clone(),
        issued_by: d.issued_by.clone(),
        synthesis_up_on: d.synthesis_up_on.map(daihoi_core::date::iso),
    }
}

/// Drafts.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentsJson {
    pub documents: Vec<DocumentJson>,
}

pub(super) async fn congress_of(
    scoped: &Scoped<'_>,
    code: &str,
    round: Option<&str>,
    in_body: bool,
) -> ApiResult<(Round, Congress)> {
    let node = find(scoped, code, today()).await?;
    let round =
        if in_body { body_round(scoped, round.unwrap_or_default()).await? } else { query_round(scoped, round).await? };
    let congress = scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))?;
    Ok((round, congress))
}

pub(super) async fn draft_of(
    scoped: &Scoped<'_>,
    code: &str,
    id: i64,
    round: Option<&str>,
    in_body: bool,
) -> ApiResult<(Round, Congress, CongressDocument)> {
    let (round, congress) = congress_of(scoped, code, round, in_body).await?;
    let document = scoped
        .congress_documents()
        .document(&congress, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress document {id}")))?;
    Ok((round, congress, document))
}

/// The drafts of the organization's congress the caller is cleared for
/// (T-6: a reader below a draft's classification does not see it). For
/// the organization's readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents",
    tag = "congress_documents",
    operation_id = "congress_documents",
    params(CodePath, RoundQuery),
    responses(
        (status = 200, description = "The drafts", body = DocumentsJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today or round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn list(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<DocumentsJson>> {
    let scoped = caller.scoped();
    let (_, congress) = congress_of(&scoped, &code, q.round.as_deref(), false).await?;
    let documents = scoped.congress_documents().documents(&congress).await?;
    Ok(Json(DocumentsJson { documents: documents.iter().map(document_json).collect() }))
}

fn kind_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .min_length(Some(1))
        .max_length(Some(64))
        .pattern(Some("^[a-z0-9_]+$"))
        .description(Some(
            "C-PLAN-7's checklist (`political_report`, `review_report`, `comment_synthesis`, `draft_resolution`, \
             `action_programme`, `personnel_plan`, `credentials_report`) or a round's own code.",
        ))
        .build()
}

/// A draft as the congress's office makes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDraftBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(schema_with = kind_schema, example = "political_report")]
    pub kind: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub title: String,
    #[schema(schema_with = crate::api::schema::classification)]
    pub classification: String,
    /// Characters per line its versions are numbered at (default 80).
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    #[schema(minimum = 40, maximum = 200, example = 80)]
    pub line_length: Option<u16>,
    /// A higher level's draft: the body outside the tree that issued it
    /// ("Ban Chấp hành Trung ương Đảng"); its comments are sent up, not
    /// disposed of here.
    #[schema(schema_with = crate::congresses::api::optional_line_text_schema)]
    pub issued_by: Option<String>,
}

/// Makes a draft of the organization's congress (C-PLAN-7): its office,
/// cleared for the classification it gives (T-6); the caller joins the
/// drafting team. Audit entry `draft_create`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/documents",
    tag = "congress_documents",
    operation_id = "create_congress_document",
    params(CodePath),
    request_body = NewDraftBody,
    responses(
        (status = 201, description = "Made", body = DocumentJson),
        (status = 400, description = "Not a code; a malformed body, kind or classification; a refused title (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the organization's office, or not cleared for the classification", body = ErrorBody),
        (status = 404, description = "No such organization today; no congress planned", body = ErrorBody),
        (status = 422, description = "No such round; a line length out of range (C-PLAN-7)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn create(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<NewDraftBody>,
) -> ApiResult<(StatusCode, Json<DocumentJson>)> {
    let kind: DocumentKind = body
        .kind
        .parse()
        .map_err(|e: daihoi_drafts::synthesis::BadKindCode| ApiError::bad_request(format!("kind: {e}")))?;
    crate::api::enum_field(
        "classification",
        Some(&body.classification),
        &Classification::ALL.map(Classification::code),
    )?;
    let classification = Classification::from_code(&body.classification)
        .ok_or_else(|| ApiError::bad_request("classification: normal, confidential or secret"))?;
    let scoped = caller.scoped();
    let (_, congress) = congress_of(&scoped, &code, Some(&body.round), true).await?;
    let new = NewDocument {
        kind,
        title: &body.title,
        classification,
        line_length: body.line_length.unwrap_or(daihoi_drafts::DEFAULT_LINE_LENGTH),
    };
    let docs = scoped.congress_documents();
    let d = match body.issued_by.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
        None => docs.create_document(&congress, &new, &caller.address).await?,
        Some(issuer) => docs.create_higher_draft(&congress, &new, issuer, &caller.address).await?,
    };
    Ok((StatusCode::CREATED, Json(document_json(&d))))
}

/// A range of line numbers, both ends included.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinesJson {
    pub from: u32,
    pub to: u32,
}

/// A paragraph of a version: its stable id (comments and amendments name
/// it), its number in the version, its lines and its text.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParagraphJson {
    pub id: u32,
    pub number: u32,
    pub lines: Option<LinesJson>,
    pub text: String,
}

/// A section: its stable id, its heading (none before the first) and its
/// paragraphs.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectionJson {
    pub id: u32,
    /// 0 for the section without heading.
    pub level: u8,
    pub heading: Option<String>,
    pub paragraphs: Vec<ParagraphJson>,
}

/// A version's text.
#[derive(Debug, Serialize, ToSchema)]
pub struct TextJson {
    pub number: u32,
    pub line_length: u16,
    /// How many numbered lines it has (headings are not numbered).
    pub line_count: u32,
    pub sections: Vec<SectionJson>,
}

fn text_json(text: &DraftText) -> TextJson {
    let map = text.lines();
    TextJson {
        number: text.version(),
        line_length: text.line_length(),
        line_count: map.count(),
        sections: text
            .sections()
            .iter()
            .map(|s| SectionJson {
                id: s.id.0,
                level: s.level,
                heading: s.heading.clone(),
                paragraphs: s
                    .paragraphs
                    .iter()
                    .map(|p| ParagraphJson {
                        id: p.id.0,
                        number: text.position(p.id).map_or(0, |pos| pos.paragraph),
                        lines: map.paragraph_lines(p.id).map(|r| LinesJson { from: r.from, to: r.to }),
                        text: p.text.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// A draft and one of its versions' text.
#[derive(Debug, Serialize, ToSchema)]
pub struct DraftJson {
    pub document: DocumentJson,
    /// The latest version's number (none before the first).
    pub latest: Option<u32>,
    /// The version asked for (the latest by default).
    pub text: Option<TextJson>,
}

async fn draft_json(
    scoped: &Scoped<'_>,
    document: &CongressDocument,
    version: Option<u32>,
) -> ApiResult<Json<DraftJson>> {
    let docs = scoped.congress_documents();
    let latest = docs.latest(document).await?;
    let shown = match version {
        Some(n) => {
            Some(docs.version(document, n).await?.ok_or_else(|| ApiError::not_found(format!("no version {n}")))?)
        }
        None => latest.clone(),
    };
    Ok(Json(DraftJson {
        document: document_json(document),
        latest: latest.map(|v| v.number),
        text: shown.map(|v| text_json(&v.text)),
    }))
}

/// A draft and a version's text: sections and paragraphs with their
/// stable ids, paragraph numbers and line ranges (wrapped at the draft's
/// line length). For the congress's readers cleared for it (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents/{document}",
    tag = "congress_documents",
    operation_id = "congress_document",
    params(CodePath, ("document" = i64, Path, description = "The draft's id"), VersionQuery),
    responses(
        (status = 200, description = "The draft", body = DraftJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress, draft or version", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiQuery(q): ApiQuery<VersionQuery>,
) -> ApiResult<Json<DraftJson>> {
    let scoped = caller.scoped();
    let (_, _, document) = draft_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    draft_json(&scoped, &document, q.version).await
}

/// A version in the list of versions.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionJson {
    pub number: u32,
    /// `page` (written as text), `docx` (read from a .docx) or
    /// `amendments` (the accepted amendments taken in).
    #[schema(example = "page")]
    pub source: &'static str,
    pub source_file: Option<String>,
    /// The comments whose amendments it took in, by number.
    pub taken_in: Vec<u32>,
    /// What changed from the version before: paragraphs' ids.
    pub changed: Vec<u32>,
    pub added: Vec<u32>,
    pub removed: Vec<u32>,
    pub created_by: String,
    pub created_at: String,
}

pub(super) fn version_json(v: &Version) -> VersionJson {
    let ids = |list: Option<&Vec<daihoi_drafts::ParagraphId>>| {
        list.map(|l| l.iter().map(|p| p.0).collect()).unwrap_or_default()
    };
    VersionJson {
        number: v.number,
        source: v.source.code(),
        source_file: v.source_file.clone(),
        taken_in: v.taken_in.clone(),
        changed: ids(v.revision.as_ref().map(|r| &r.changed)),
        added: ids(v.revision.as_ref().map(|r| &r.added)),
        removed: ids(v.revision.as_ref().map(|r| &r.removed)),
        created_by: v.created.by.clone(),
        created_at: v.created.at.clone(),
    }
}

/// A draft's versions.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionsJson {
    pub versions: Vec<VersionJson>,
}

/// A draft's versions, oldest first. For the congress's readers cleared
/// for it.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/versions",
    tag = "congress_documents",
    operation_id = "congress_document_versions",
    params(CodePath, ("document" = i64, Path, description = "The draft's id"), RoundQuery),
    responses(
        (status = 200, description = "The versions", body = VersionsJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or draft", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn versions(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<VersionsJson>> {
    let scoped = caller.scoped();
    let (_, _, document) = draft_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    let versions = scoped.congress_documents().versions(&document).await?;
    Ok(Json(VersionsJson { versions: versions.iter().map(version_json).collect() }))
}

/// A block of a new version.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
}

/// A heading (with its level, 1 the highest) or a paragraph.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockBody {
    pub kind: BlockKind,
    /// A heading's level, 1 to 9 (default 1).
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    #[schema(minimum = 1, maximum = 9)]
    pub level: Option<u8>,
    #[schema(max_length = 20000)]
    pub text: String,
}

/// A new version as blocks, or as a typed text.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// The blocks in reading order.
    #[serde(default)]
    #[schema(max_items = 11000)]
    pub blocks: Vec<BlockBody>,
    /// Or a typed text, as on the page: a line starting with `#` is a
    /// heading (`##` one level below), blank lines separate paragraphs.
    #[schema(max_length = 2000000)]
    pub text: Option<String>,
}

/// Adds the next version of a draft, from blocks or a typed text: the
/// first numbers its sections and paragraphs; a later one keeps the ids of
/// the paragraphs it keeps or changes, so comments follow them. The
/// drafting team only. Audit entry `draft_version`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/versions",
    tag = "congress_documents",
    operation_id = "add_congress_document_version",
    params(CodePath, ("document" = i64, Path, description = "The draft's id")),
    request_body = VersionBody,
    responses(
        (status = 201, description = "Added", body = VersionJson),
        (status = 400, description = "Not a code or a number; a malformed body; both blocks and text", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not on the drafting team", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or draft", body = ErrorBody),
        (status = 422, description = "No such round; an empty text or one over the limits; nothing changed (C-PLAN-7)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add_version(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<VersionBody>,
) -> ApiResult<(StatusCode, Json<VersionJson>)> {
    let blocks = match (&body.text, body.blocks.is_empty()) {
        (Some(_), false) => {
            return Err(ApiError::new(ErrorCode::Unprocessable, "blocks and text: give one, not both"));
        }
        (Some(text), true) => blocks_of_text(text),
        (None, _) => body
            .blocks
            .iter()
            .map(|b| match b.kind {
                BlockKind::Heading => Block::Heading { level: b.level.unwrap_or(1).clamp(1, 9), text: b.text.clone() },
                BlockKind::Paragraph => Block::Paragraph { text: b.text.clone() },
            })
            .collect(),
    };
    let scoped = caller.scoped();
    let (_, congress, document) = draft_of(&scoped, &code, id, Some(&body.round), true).await?;
    let v = scoped
        .congress_documents()
        .add_version(&congress, &document, &blocks, VersionSource::Page, None, &caller.address)
        .await?;
    Ok((StatusCode::CREATED, Json(version_json(&v))))
}

/// Adds the next version of a draft from a `.docx` (its bytes are the
/// body): read within the upload limits off the async workers (headings by
/// outline level or style, tracked changes as accepted); a refused file is
/// named and nothing is written. The drafting team only.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/versions/docx",
    tag = "congress_documents",
    operation_id = "add_congress_document_version_docx",
    params(CodePath, ("document" = i64, Path, description = "The draft's id"), DocxQuery),
    request_body(content = crate::documents::api::FileBytes, content_type = "application/octet-stream",
                 description = "The file's bytes, 1 byte to 20 MiB."),
    responses(
        (status = 201, description = "Added", body = VersionJson),
        (status = 400, description = "Not a code or a number; a bad name; an empty body or one over 20 MiB", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not on the drafting team", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or draft", body = ErrorBody),
        (status = 422, description = "Nothing was written: the file is refused (named), or its text is (C-PLAN-7)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add_docx(
    State(app): State<AppState>,
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiQuery(q): ApiQuery<DocxQuery>,
    body: Body,
) -> ApiResult<(StatusCode, Json<VersionJson>)> {
    let name = q.name.clone();
    if name.is_empty() || name.chars().count() > 255 || name.chars().any(char::is_control) {
        return Err(ApiError::bad_request("name: 1 to 255 characters without control characters"));
    }
    if !name.to_lowercase().ends_with(".docx") {
        return Err(ApiError::bad_request(format!("name: {name} is not a .docx file")));
    }
    let scoped = caller.scoped();
    let (_, congress, document) = draft_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    let docs = scoped.congress_documents();
    if !docs.on_team(&document).await? {
        return Err(ApiError::forbidden());
    }
    let max = super::MAX_VERSION_UPLOAD_BYTES;
    let bytes = axum::body::to_bytes(body, max)
        .await
        .map_err(|_| ApiError::bad_request(crate::page::uploads::too_large_text(Tr::new(Lang::En), max)))?;
    if bytes.is_empty() {
        return Err(ApiError::bad_request("body: empty; send the file's bytes"));
    }
    let blocks = super::versions::read_docx(&app, name.clone(), bytes)
        .await
        .map_err(|message| ApiError::new(ErrorCode::Unprocessable, message))?;
    let v = docs.add_version(&congress, &document, &blocks, VersionSource::Docx, Some(&name), &caller.address).await?;
    Ok((StatusCode::CREATED, Json(version_json(&v))))
}

/// Words of one kind in the newer version.
#[derive(Debug, Serialize, ToSchema)]
pub struct SpanJson {
    /// `equal`, `insert` or `delete`.
    #[schema(example = "insert")]
    pub kind: &'static str,
    pub text: String,
}

/// A paragraph of the difference, in reading order.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParagraphDiffJson {
    pub id: u32,
    /// `kept` (the same text), `changed`, `inserted` or `removed`.
    #[schema(example = "changed")]
    pub state: &'static str,
    pub spans: Vec<SpanJson>,
}

/// A heading added, removed or renamed.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeadingDiffJson {
    pub id: u32,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The word difference between two versions (bảng so sánh).
#[derive(Debug, Serialize, ToSchema)]
pub struct DiffJson {
    pub from: u32,
    pub to: u32,
    pub paragraphs: Vec<ParagraphDiffJson>,
    pub headings: Vec<HeadingDiffJson>,
}

fn span_kind(k: daihoi_drafts::SpanKind) -> &'static str {
    match k {
        daihoi_drafts::SpanKind::Equal => "equal",
        daihoi_drafts::SpanKind::Insert => "insert",
        daihoi_drafts::SpanKind::Delete => "delete",
    }
}

/// The word-level difference between two versions of a draft (any two:
/// paragraphs are matched by their ids). For the congress's readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/diff",
    tag = "congress_documents",
    operation_id = "congress_document_diff",
    params(CodePath, ("document" = i64, Path, description = "The draft's id"), DiffQuery),
    responses(
        (status = 200, description = "The difference", body = DiffJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress, draft or version", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn diff(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiQuery(q): ApiQuery<DiffQuery>,
) -> ApiResult<Json<DiffJson>> {
    let scoped = caller.scoped();
    let (_, _, document) = draft_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    let versions = scoped.congress_documents().versions(&document).await?;
    let to = q.to.unwrap_or_else(|| versions.last().map_or(0, |v| v.number));
    let from = q.from.unwrap_or(to.saturating_sub(1).max(1));
    let find =
        |n: u32| versions.iter().find(|v| v.number == n).ok_or_else(|| ApiError::not_found(format!("no version {n}")));
    let d = daihoi_drafts::diff(&find(from)?.text, &find(to)?.text);
    Ok(Json(DiffJson {
        from,
        to,
        paragraphs: d
            .paragraphs
            .iter()
            .map(|p| match p {
                ParagraphDiff::Kept { id, spans } => ParagraphDiffJson {
                    id: id.0,
                    state: if p.is_equal() { "kept" } else { "changed" },
                    spans: spans.iter().map(|s| SpanJson { kind: span_kind(s.kind), text: s.text.clone() }).collect(),
                },
                ParagraphDiff::Inserted { id, text } => ParagraphDiffJson {
                    id: id.0,
                    state: "inserted",
                    spans: vec![SpanJson { kind: "insert", text: text.clone() }],
                },
                ParagraphDiff::Removed { id, text } => ParagraphDiffJson {
                    id: id.0,
                    state: "removed",
                    spans: vec![SpanJson { kind: "delete", text: text.clone() }],
                },
            })
            .collect(),
        headings: d
            .headings
            .iter()
            .map(|h| HeadingDiffJson { id: h.id.0, old: h.old.clone(), new: h.new.clone() })
            .collect(),
    }))
}

/// A draft's drafting team (tổ biên tập), by login.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamJson {
    pub team: Vec<String>,
}

/// The drafting team of a draft. For the congress's readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/team",
    tag = "congress_documents",
    operation_id = "congress_document_team",
    params(CodePath, ("document" = i64, Path, description = "The draft's id"), RoundQuery),
    responses(
        (status = 200, description = "The team", body = TeamJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or draft", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn team(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<TeamJson>> {
    let scoped = caller.scoped();
    let (_, congress, document) = draft_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    Ok(Json(TeamJson { team: scoped.congress_documents().team(&congress, &document).await? }))
}

/// A member of the drafting team.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// An account's login.
    #[schema(example = "vp.qn", min_length = 1, max_length = 64)]
    pub login: String,
}

/// Names an account to the drafting team of a draft: the congress's
/// office. Audit entry `draft_team_add`; naming a member again writes
/// nothing.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/team",
    tag = "congress_documents",
    operation_id = "add_to_congress_document_team",
    params(CodePath, ("document" = i64, Path, description = "The draft's id")),
    request_body = TeamBody,
    responses(
        (status = 200, description = "The team", body = TeamJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the congress's office", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or draft", body = ErrorBody),
        (status = 422, description = "No such round or account", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add_to_team(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<TeamBody>,
) -> ApiResult<Json<TeamJson>> {
    let scoped = caller.scoped();
    let (_, congress, document) = draft_of(&scoped, &code, id, Some(&body.round), true).await?;
    let docs = scoped.congress_documents();
    docs.add_to_team(&congress, &document, body.login.trim(), &caller.address)
        .await
        .map_err(crate::congresses::api::body_refusal)?;
    Ok(Json(TeamJson { team: docs.team(&congress, &document).await? }))
}

/// Where a comment points, in the version it was made on.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnchorJson {
    /// `document`, `section`, `paragraph` or `lines`.
    #[schema(example = "paragraph")]
    pub kind: &'static str,
    /// A section's or paragraph's id.
    pub id: Option<u32>,
    /// A paragraph's number, or the first and last lines.
    pub paragraph: Option<u32>,
    pub from: Option<u32>,
    pub to: Option<u32>,
}

fn anchor_json(anchor: &Anchor, on: Option<&DraftText>) -> AnchorJson {
    match *anchor {
        Anchor::Document => AnchorJson { kind: "document", id: None, paragraph: None, from: None, to: None },
        Anchor::Section { id } => AnchorJson { kind: "section", id: Some(id.0), paragraph: None, from: None, to: None },
        Anchor::Paragraph { id } => {
            let lines = on.and_then(|t| t.lines().paragraph_lines(id));
            AnchorJson {
                kind: "paragraph",
                id: Some(id.0),
                paragraph: on.and_then(|t| t.position(id)).map(|p| p.paragraph),
                from: lines.map(|l| l.from),
                to: lines.map(|l| l.to),
            }
        }
        Anchor::Lines { from, to } => {
            AnchorJson { kind: "lines", id: None, paragraph: None, from: Some(from), to: Some(to) }
        }
    }
}

/// A comment (ý kiến góp ý) or an amendment (đề nghị sửa đổi).
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentJson {
    pub number: u32,
    /// The version it was made on.
    pub version: u32,
    pub anchor: AnchorJson,
    pub text: String,
    /// The replacement text it proposes, for an amendment.
    pub amendment: Option<String>,
    /// The organization it comes from.
    pub source_code: Option<String>,
    pub source_name: Option<String>,
    pub person: Option<String>,
    pub meeting: Option<String>,
    /// `accepted`, `accepted_in_part`, `explained` or `not_accepted`;
    /// none while undecided.
    #[schema(example = "accepted")]
    pub disposition: Option<&'static str>,
    pub explanation: Option<String>,
    pub decided_by: Option<String>,
    /// The version that took its amendment in.
    pub taken_in: Option<u32>,
    pub recorded_by: String,
    pub recorded_at: String,
}

fn comment_json(c: &Comment, versions: &[Version]) -> CommentJson {
    let on = versions.iter().find(|v| v.number == c.version).map(|v| &v.text);
    CommentJson {
        number: c.number,
        version: c.version,
        anchor: anchor_json(&c.anchor, on),
        text: c.text.clone(),
        amendment: c.amendment.as_ref().map(super::view::amendment_text),
        source_code: c.source.org.as_ref().map(|o| o.code.to_string()),
        source_name: c.source.org.as_ref().map(|o| o.name.clone()),
        person: c.source.person.clone(),
        meeting: c.source.meeting.clone(),
        disposition: c.decided.as_ref().map(|d| d.decision.disposition.as_str()),
        explanation: c.decided.as_ref().and_then(|d| d.decision.explanation.clone()),
        decided_by: c.decided.as_ref().map(|d| d.stamp.by.clone()),
        taken_in: c.taken_in,
        recorded_by: c.recorded.by.clone(),
        recorded_at: c.recorded.at.clone(),
    }
}

/// Comments, by number.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentsJson {
    pub comments: Vec<CommentJson>,
}

async fn all_comments(
    scoped: &Scoped<'_>,
    congress: &Congress,
    document: &CongressDocument,
) -> ApiResult<Json<CommentsJson>> {
    let docs = scoped.congress_documents();
    let versions = docs.versions(document).await?;
    let comments = docs.comments(congress, document).await?;
    Ok(Json(CommentsJson { comments: comments.iter().map(|c| comment_json(c, &versions)).collect() }))
}

/// Every comment on a draft, with its anchor, source and disposition. For
/// the congress's readers cleared for it.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/comments",
    tag = "congress_documents",
    operation_id = "congress_document_comments",
    params(CodePath, ("document" = i64, Path, description = "The draft's id"), RoundQuery),
    responses(
        (status = 200, description = "The comments", body = CommentsJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or draft", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn comments(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<CommentsJson>> {
    let scoped = caller.scoped();
    let (_, congress, document) = draft_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    all_comments(&scoped, &congress, &document).await
}

/// The drafting team's disposition of a comment.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DispositionCode {
    Accepted,
    AcceptedInPart,
    Explained,
    NotAccepted,
}

/// A disposition and its explanation (needed for all but `accepted`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisposeBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    pub disposition: DispositionCode,
    #[schema(schema_with = explanation_schema)]
    pub explanation: Option<String>,
}

fn explanation_schema() -> utoipa::openapi::Object {
    crate::tasks::api::paragraphs_schema(
        daihoi_core::text::NOTE_MAX_CHARS,
        "Why (giải trình): required unless accepted; several lines (TEXT-1).",
        true,
    )
}

/// Records the drafting team's disposition of a comment (tiếp thu, tiếp
/// thu một phần, giải trình, không tiếp thu), with its explanation; a
/// comment taken into a version keeps its disposition. The drafting team
/// only. Audit entry `draft_decide`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/comments/{comment}/disposition",
    tag = "congress_documents",
    operation_id = "dispose_congress_document_comment",
    params(CodePath, ("document" = i64, Path, description = "The draft's id"), ("comment" = u32, Path, description = "The comment's number")),
    request_body = DisposeBody,
    responses(
        (status = 200, description = "The comments", body = CommentsJson),
        (status = 400, description = "Not a code or a number; a malformed body; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not on the drafting team", body = ErrorBody),
        (status = 404, description = "No such organization today, congress, draft or comment", body = ErrorBody),
        (status = 422, description = "No such round; no explanation where one is needed; taken in already (C-PLAN-6)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn dispose(
    caller: ApiCaller,
    ApiPath(CommentPath { code, document: id, comment }): ApiPath<CommentPath>,
    ApiJson(body): ApiJson<DisposeBody>,
) -> ApiResult<Json<CommentsJson>> {
    let scoped = caller.scoped();
    let (_, congress, document) = draft_of(&scoped, &code, id, Some(&body.round), true).await?;
    let disposition = match body.disposition {
        DispositionCode::Accepted => Disposition::Accepted,
        DispositionCode::AcceptedInPart => Disposition::AcceptedInPart,
        DispositionCode::Explained => Disposition::Explained,
        DispositionCode::NotAccepted => Disposition::NotAccepted,
    };
    let explanation = body.explanation.clone().filter(|e| !e.trim().is_empty());
    let decision = Decision { disposition, explanation };
    scoped.congress_documents().decide(&congress, &document, comment, &decision, &caller.address).await?;
    all_comments(&scoped, &congress, &document).await
}

/// A body naming the round only.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyBody {
    #[schema(example = "2025-2030")]
    pub round: String,
}

/// What taking the accepted amendments in made.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppliedJson {
    pub version: VersionJson,
    /// Accepted amendments made on an earlier version: not taken in.
    pub left_out: Vec<u32>,
}

/// Takes every accepted amendment made on the latest version into the next
/// version, in one action (two that change the same text are refused,
/// naming both). The drafting team only. Audit entry `draft_version`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/apply",
    tag = "congress_documents",
    operation_id = "apply_congress_document_amendments",
    params(CodePath, ("document" = i64, Path, description = "The draft's id")),
    request_body = ApplyBody,
    responses(
        (status = 201, description = "The new version", body = AppliedJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not on the drafting team", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or draft", body = ErrorBody),
        (status = 422, description = "No such round; no version or no accepted amendment; amendments overlapping (C-PLAN-7)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn apply(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<ApplyBody>,
) -> ApiResult<(StatusCode, Json<AppliedJson>)> {
    let scoped = caller.scoped();
    let (_, congress, document) = draft_of(&scoped, &code, id, Some(&body.round), true).await?;
    let applied = scoped.congress_documents().apply_accepted(&congress, &document, &caller.address).await?;
    Ok((StatusCode::CREATED, Json(AppliedJson { version: version_json(&applied.version), left_out: applied.left_out })))
}

/// An organization a draft was sent to, and its synthesis.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecipientJson {
    pub code: String,
    pub name: String,
    #[schema(format = Date)]
    pub sent_on: String,
    /// The day its synthesis is due: none while the round's comment
    /// deadline (C-PLAN-6, [open]) awaits a person's answer.
    #[schema(format = Date)]
    pub deadline: Option<String>,
    /// `on_time`, `late`, `sent_awaiting_deadline` or `not_sent_yet`.
    #[schema(example = "not_sent_yet")]
    pub coverage: &'static str,
    #[schema(format = Date)]
    pub synthesis_on: Option<String>,
    pub days_late: Option<i64>,
}

/// Who a draft was sent to and where each stands with its synthesis.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoverageJson {
    /// The rule awaiting a person's answer (`C-PLAN-6`) while the comment
    /// deadline is open: nobody is called on time or late until then.
    pub awaiting: Option<&'static str>,
    pub recipients: Vec<RecipientJson>,
}

async fn coverage_json(
    scoped: &Scoped<'_>,
    round: &Round,
    congress: &Congress,
    document: &CongressDocument,
) -> ApiResult<Json<CoverageJson>> {
    let c = scoped.congress_documents().coverage(round, congress, document).await?;
    Ok(Json(CoverageJson { awaiting: c.awaiting, recipients: c.recipients.iter().map(recipient_json).collect() }))
}

fn recipient_json(r: &Recipient) -> RecipientJson {
    let (synthesis_on, days_late) = match r.coverage {
        Coverage::OnTime { sent_on } | Coverage::SentAwaitingDeadline { sent_on } => (Some(sent_on), None),
        Coverage::Late { sent_on, days_late } => (Some(sent_on), Some(days_late)),
        Coverage::NotSentYet => (None, None),
    };
    RecipientJson {
        code: r.org.code.to_string(),
        name: r.org.name.clone(),
        sent_on: date_text(r.sent_on),
        deadline: r.deadline.map(date_text),
        coverage: r.coverage.as_str(),
        synthesis_on: synthesis_on.map(date_text),
        days_late,
    }
}

/// Who a draft was sent down to and where each stands with its synthesis
/// against the round's comment deadline (C-PLAN-6, [open]: until a person
/// answers it, `awaiting` names the rule and nobody is on time or late).
/// For the congress's readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/sent",
    tag = "congress_documents",
    operation_id = "congress_document_coverage",
    params(CodePath, ("document" = i64, Path, description = "The draft's id"), RoundQuery),
    responses(
        (status = 200, description = "The coverage", body = CoverageJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or draft", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn coverage(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<CoverageJson>> {
    let scoped = caller.scoped();
    let (round, congress, document) = draft_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    coverage_json(&scoped, &round, &congress, &document).await
}

fn codes_schema() -> utoipa::openapi::Array {
    utoipa::openapi::ArrayBuilder::new()
        .items(crate::api::schema::org_code())
        .min_items(Some(1))
        .max_items(Some(MAX_RECIPIENTS))
        .build()
}

/// Organizations below to send a draft to, and the day.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(schema_with = codes_schema)]
    pub orgs: Vec<String>,
    #[schema(format = Date, example = "2025-06-01")]
    pub sent_on: String,
}

/// Sends a draft down to organizations below the one holding the congress
/// (each once: sending again keeps the first day); one outside that
/// subtree is refused and nothing is sent (C-PLAN-6). The congress's
/// office. Audit entries `draft_send`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/sent",
    tag = "congress_documents",
    operation_id = "send_congress_document_down",
    params(CodePath, ("document" = i64, Path, description = "The draft's id")),
    request_body = SendBody,
    responses(
        (status = 200, description = "The coverage", body = CoverageJson),
        (status = 400, description = "Not a code or a number; a malformed body, code or date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the congress's office", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or draft", body = ErrorBody),
        (status = 422, description = "No such round; an organization unknown or not below (C-PLAN-6)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn send_down(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<SendBody>,
) -> ApiResult<Json<CoverageJson>> {
    if body.orgs.is_empty() || body.orgs.len() > MAX_RECIPIENTS {
        return Err(ApiError::bad_request(format!("orgs: 1 to {MAX_RECIPIENTS} codes")));
    }
    let on = daihoi_core::date::from_iso(body.sent_on.trim()).ok_or_else(|| {
        ApiError::bad_request(format!("sent_on: {:?} is not a date (expected yyyy-mm-dd)", body.sent_on))
    })?;
    let scoped = caller.scoped();
    let (round, congress, document) = draft_of(&scoped, &code, id, Some(&body.round), true).await?;
    if !scoped.congress_documents().may_prepare(&congress) {
        return Err(ApiError::forbidden());
    }
    let mut to: Vec<OrgNode> = Vec::with_capacity(body.orgs.len());
    for c in &body.orgs {
        let parsed = crate::api::code_param("orgs", c)?;
        let node = match scoped.orgs().org(&parsed, on).await {
            Ok(Some(node)) => node,
            Ok(None) | Err(daihoi_store::StoreError::Forbidden(_)) => {
                return Err(ApiError::new(
                    ErrorCode::Unprocessable,
                    format!("orgs: no organization {parsed} on {}", date_text(on)),
                ));
            }
            Err(e) => return Err(e.into()),
        };
        to.push(node);
    }
    scoped.congress_documents().send_down(&congress, &document, &to, on, &caller.address).await?;
    coverage_json(&scoped, &round, &congress, &document).await
}

/// The drafts sent down to the organization that the caller is cleared
/// for (the higher level's drafts it is to comment on). For its readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/received",
    tag = "congress_documents",
    operation_id = "congress_documents_received",
    params(CodePath),
    responses(
        (status = 200, description = "The drafts received", body = DocumentsJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn received(caller: ApiCaller, ApiPath(code): ApiPath<String>) -> ApiResult<Json<DocumentsJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let documents = scoped.congress_documents().received(&node).await?;
    Ok(Json(DocumentsJson { documents: documents.iter().map(document_json).collect() }))
}

async fn received_of(scoped: &Scoped<'_>, code: &str, id: i64) -> ApiResult<(OrgNode, CongressDocument)> {
    let node = find(scoped, code, today()).await?;
    let document = scoped
        .congress_documents()
        .received_document(&node, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress document {id} sent to {}", node.code)))?;
    Ok((node, document))
}

/// A draft sent to the organization, with its latest version's text
/// (paragraph ids and line ranges, for anchoring comments). For its
/// readers cleared for it.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/received/{document}",
    tag = "congress_documents",
    operation_id = "congress_document_received",
    params(CodePath, ("document" = i64, Path, description = "The draft's id")),
    responses(
        (status = 200, description = "The draft", body = DraftJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today; the draft was not sent to it", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn received_document(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
) -> ApiResult<Json<DraftJson>> {
    let scoped = caller.scoped();
    let (_, document) = received_of(&scoped, &code, id).await?;
    draft_json(&scoped, &document, None).await
}

async fn own_comments(scoped: &Scoped<'_>, node: &OrgNode, document: &CongressDocument) -> ApiResult<CommentsJson> {
    let docs = scoped.congress_documents();
    let versions = docs.versions(document).await?;
    let comments = docs.comments_from(node, document).await?;
    Ok(CommentsJson { comments: comments.iter().map(|c| comment_json(c, &versions)).collect() })
}

/// The comments the organization recorded on a draft sent to it (not the
/// other organizations'). For its readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/received/{document}/comments",
    tag = "congress_documents",
    operation_id = "congress_document_received_comments",
    params(CodePath, ("document" = i64, Path, description = "The draft's id")),
    responses(
        (status = 200, description = "Its comments", body = CommentsJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today; the draft was not sent to it", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn received_comments(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
) -> ApiResult<Json<CommentsJson>> {
    let scoped = caller.scoped();
    let (node, document) = received_of(&scoped, &code, id).await?;
    Ok(Json(own_comments(&scoped, &node, &document).await?))
}

/// What a comment points to.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnchorKind {
    Document,
    Section,
    Paragraph,
    /// Several paragraphs of one section, `id` the first's, `last` the
    /// last's: their lines; an amendment replaces them together.
    Paragraphs,
    Lines,
}

/// A comment's anchor in the latest version: the whole document, a section
/// or paragraph by its id, several paragraphs of one section (`id` to
/// `last`), or lines `from` to `to`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnchorBody {
    pub kind: AnchorKind,
    /// A section's or paragraph's id (as the draft's text gives them).
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    #[schema(minimum = 0, maximum = 4294967295.0)]
    pub id: Option<u32>,
    /// For `paragraphs`: the last paragraph's id.
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    #[schema(minimum = 0, maximum = 4294967295.0)]
    pub last: Option<u32>,
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    #[schema(minimum = 0, maximum = 4294967295.0)]
    pub from: Option<u32>,
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    #[schema(minimum = 0, maximum = 4294967295.0)]
    pub to: Option<u32>,
}

/// A comment or amendment the organization agreed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentBody {
    pub anchor: AnchorBody,
    #[schema(schema_with = comment_text_schema)]
    pub text: String,
    /// The replacement text, for an amendment of a paragraph, lines or
    /// several paragraphs (then a blank line between the new paragraphs).
    #[schema(max_length = 20000)]
    pub amendment: Option<String>,
    /// The meeting where it was agreed.
    #[schema(schema_with = crate::congresses::api::optional_line_text_schema)]
    pub meeting: Option<String>,
}

fn comment_text_schema() -> utoipa::openapi::Object {
    crate::tasks::api::paragraphs_schema(COMMENT_MAX_CHARS, "The comment; several lines (TEXT-1).", false)
}

/// The anchor and the amendment a body names, on `text` (the latest
/// version): several paragraphs are their lines.
fn anchor_of(a: &AnchorBody, amendment: Option<String>, text: &DraftText) -> ApiResult<(Anchor, Option<Change>)> {
    let need = |v: Option<u32>, field: &str| {
        v.ok_or_else(|| ApiError::new(ErrorCode::Unprocessable, format!("anchor.{field}: required for this kind")))
    };
    let anchor = match a.kind {
        AnchorKind::Document => Anchor::Document,
        AnchorKind::Section => Anchor::Section { id: daihoi_drafts::SectionId(need(a.id, "id")?) },
        AnchorKind::Paragraph => Anchor::Paragraph { id: daihoi_drafts::ParagraphId(need(a.id, "id")?) },
        AnchorKind::Paragraphs => {
            let (first, last) =
                (daihoi_drafts::ParagraphId(need(a.id, "id")?), daihoi_drafts::ParagraphId(need(a.last, "last")?));
            let anchor = Anchor::paragraphs(text, first, last);
            let change =
                amendment.map(|r| Change::Paragraphs { first, last, paragraphs: super::view::paragraphs_of_text(&r) });
            return Ok((anchor, change));
        }
        AnchorKind::Lines => Anchor::Lines { from: need(a.from, "from")?, to: need(a.to, "to")? },
    };
    let change = match (amendment, anchor) {
        (None, _) => None,
        (Some(text), Anchor::Paragraph { id }) => Some(Change::Paragraph { id, text }),
        (Some(text), Anchor::Lines { from, to }) => Some(Change::Lines { from, to, text }),
        (Some(_), _) => {
            return Err(ApiError::new(ErrorCode::Unprocessable, "amendment: of a paragraph, paragraphs or lines only"));
        }
    };
    Ok((anchor, change))
}

fn no_version() -> ApiError {
    ApiError {
        rule: Some("C-PLAN-7"),
        ..ApiError::new(ErrorCode::Unprocessable, "C-PLAN-7: the draft has no version yet")
    }
}

/// Records a comment or an amendment the organization agreed, on the
/// latest version of a draft sent to it, with the meeting: its office. The
/// anchor must exist in that version (C-PLAN-7); nothing is written
/// otherwise. Audit entry `draft_comment`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/received/{document}/comments",
    tag = "congress_documents",
    operation_id = "record_congress_document_comment",
    params(CodePath, ("document" = i64, Path, description = "The draft's id")),
    request_body = CommentBody,
    responses(
        (status = 201, description = "Its comments", body = CommentsJson),
        (status = 400, description = "Not a code or a number; a malformed body or anchor; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the organization's office", body = ErrorBody),
        (status = 404, description = "No such organization today; the draft was not sent to it", body = ErrorBody),
        (status = 422, description = "No version yet; an anchor or amendment that does not exist in the latest version (C-PLAN-7)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record_comment(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<CommentBody>,
) -> ApiResult<(StatusCode, Json<CommentsJson>)> {
    let amendment = body.amendment.clone().filter(|a| !a.trim().is_empty());
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let docs = scoped.congress_documents();
    let (_, congress, document) = docs
        .received_with_congress(&node, id, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress document {id} sent to {}", node.code)))?;
    if !docs.may_comment_for(&node) {
        return Err(ApiError::forbidden());
    }
    let latest = docs.latest(&document).await?.ok_or_else(no_version)?;
    let (anchor, amendment) = anchor_of(&body.anchor, amendment, &latest.text)?;
    let meeting = body.meeting.as_deref().map(str::trim).filter(|m| !m.is_empty());
    let new = NewComment {
        version: latest.number,
        anchor,
        text: &body.text,
        amendment,
        source_org: Some(&node.code),
        person: None,
        meeting,
    };
    docs.record_comment(&congress, &document, &new, today(), &caller.address).await?;
    Ok((StatusCode::CREATED, Json(own_comments(&scoped, &node, &document).await?)))
}

/// A comment recorded on the congress's own draft: from an organization
/// the caller is the office of (the congress's, or one above it: the
/// higher level's review, C-PLAN-5; the congress's own when none is
/// given), or from a member by name (the congress's office records it).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnCommentBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    pub anchor: AnchorBody,
    #[schema(schema_with = comment_text_schema)]
    pub text: String,
    /// The replacement text, for an amendment (as in `CommentBody`).
    #[schema(max_length = 20000)]
    pub amendment: Option<String>,
    /// The meeting where it was agreed.
    #[schema(schema_with = crate::congresses::api::optional_line_text_schema)]
    pub meeting: Option<String>,
    /// The organization it comes from, by code; not with `person`.
    #[schema(max_length = 200)]
    pub source_org: Option<String>,
    /// The member it comes from, by full name; not with `source_org`.
    #[schema(schema_with = crate::congresses::api::optional_line_text_schema)]
    pub person: Option<String>,
}

/// Records a comment or an amendment on the latest version of the
/// congress's own draft: the congress's own committee's or a member's (its
/// office records them), or the review of an organization above (that
/// organization's office, C-PLAN-5). The anchor must exist in that version
/// (C-PLAN-7); nothing is written otherwise. Audit entry `draft_comment`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/comments",
    tag = "congress_documents",
    operation_id = "record_own_congress_document_comment",
    params(CodePath, ("document" = i64, Path, description = "The draft's id")),
    request_body = OwnCommentBody,
    responses(
        (status = 201, description = "Every comment on the draft", body = CommentsJson),
        (status = 400, description = "Not a code or a number; a malformed body or anchor; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the office of the source organization, or not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or draft", body = ErrorBody),
        (status = 422, description = "No version yet; an anchor or amendment that does not exist in the latest version (C-PLAN-7); both or neither of a person and an organization of one's own (C-PLAN-6)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record_own_comment(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<OwnCommentBody>,
) -> ApiResult<(StatusCode, Json<CommentsJson>)> {
    let scoped = caller.scoped();
    let (_, congress, document) = draft_of(&scoped, &code, id, Some(&body.round), true).await?;
    let docs = scoped.congress_documents();
    let person = body.person.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let named = body.source_org.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let source_org = match (named, person) {
        (Some(_), Some(_)) => {
            return Err(ApiError {
                rule: Some("C-PLAN-6"),
                ..ApiError::new(
                    ErrorCode::Unprocessable,
                    "C-PLAN-6: a comment comes from a person or an organization, not both",
                )
            });
        }
        (Some(c), None) => Some(daihoi_core::OrgCode::parse(c).map_err(|_| {
            ApiError::new(ErrorCode::Unprocessable, format!("source_org: {c:?} is not an organization's code"))
        })?),
        (None, Some(_)) => None,
        (None, None) => Some(congress.org.code.clone()),
    };
    // Who may speak for the source, before anything about the text.
    let allowed = match &source_org {
        None => docs.may_prepare(&congress),
        Some(code) => docs.comment_sources(&congress, today()).await?.iter().any(|n| &n.code == code),
    };
    if !allowed {
        return Err(ApiError::forbidden());
    }
    let latest = docs.latest(&document).await?.ok_or_else(no_version)?;
    let amendment = body.amendment.clone().filter(|a| !a.trim().is_empty());
    let (anchor, amendment) = anchor_of(&body.anchor, amendment, &latest.text)?;
    let new = NewComment {
        version: latest.number,
        anchor,
        text: &body.text,
        amendment,
        source_org: source_org.as_ref(),
        person,
        meeting: body.meeting.as_deref().map(str::trim).filter(|m| !m.is_empty()),
    };
    docs.record_comment(&congress, &document, &new, today(), &caller.address).await?;
    let Json(all) = all_comments(&scoped, &congress, &document).await?;
    Ok((StatusCode::CREATED, Json(all)))
}

/// The day the office sent the synthesis of the comments on a higher
/// level's draft up to its issuer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SynthesisUpBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(format = Date, example = "2025-07-15")]
    pub sent_on: String,
}

/// Records that the congress's office sent its synthesis of the comments
/// on a higher level's draft up to the body that issued it (C-PLAN-6);
/// sending again keeps the first day. Refused (422) for the congress's own
/// drafts, whose comments are disposed of here. Audit entry
/// `draft_synthesis_up`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/synthesis",
    tag = "congress_documents",
    operation_id = "send_congress_document_synthesis_up",
    params(CodePath, ("document" = i64, Path, description = "The draft's id")),
    request_body = SynthesisUpBody,
    responses(
        (status = 200, description = "The draft, with the day its synthesis went up", body = DocumentJson),
        (status = 400, description = "Not a code or a number; a malformed body; not a date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the congress's office, or not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or draft", body = ErrorBody),
        (status = 422, description = "The congress's own draft (C-PLAN-6)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn send_synthesis_up(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<SynthesisUpBody>,
) -> ApiResult<Json<DocumentJson>> {
    let scoped = caller.scoped();
    let (_, congress, document) = draft_of(&scoped, &code, id, Some(&body.round), true).await?;
    let docs = scoped.congress_documents();
    if !docs.may_prepare(&congress) {
        return Err(ApiError::forbidden());
    }
    let on = daihoi_core::date::from_iso(body.sent_on.trim()).ok_or_else(|| {
        ApiError::bad_request(format!("sent_on: {:?} is not a date (expected yyyy-mm-dd)", body.sent_on))
    })?;
    docs.send_synthesis_up(&congress, &document, on, &caller.address).await?;
    let document =
        docs.document(&congress, id).await?.ok_or_else(|| ApiError::not_found(format!("no congress document {id}")))?;
    Ok(Json(document_json(&document)))
}

/// The day the organization sent its synthesis up.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SynthesisBody {
    #[schema(format = Date, example = "2025-06-10")]
    pub sent_on: String,
}

/// Whether the synthesis was recorded now (false: recorded before; the
/// first day stays).
#[derive(Debug, Serialize, ToSchema)]
pub struct SynthesisJson {
    pub recorded: bool,
}

/// Records that the organization sent its synthesis of comments on a draft
/// sent to it, on a day (C-PLAN-6): after the deadline it is recorded as
/// late, not lost; before the draft was sent it is refused. Its office.
/// Audit entry `draft_synthesis`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/received/{document}/synthesis",
    tag = "congress_documents",
    operation_id = "send_congress_document_synthesis",
    params(CodePath, ("document" = i64, Path, description = "The draft's id")),
    request_body = SynthesisBody,
    responses(
        (status = 200, description = "Recorded", body = SynthesisJson),
        (status = 400, description = "Not a code or a number; a malformed body or date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the organization's office", body = ErrorBody),
        (status = 404, description = "No such organization today; the draft was not sent to it", body = ErrorBody),
        (status = 422, description = "A day before the draft was sent (C-PLAN-6)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn send_synthesis(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<SynthesisBody>,
) -> ApiResult<Json<SynthesisJson>> {
    let on = daihoi_core::date::from_iso(body.sent_on.trim()).ok_or_else(|| {
        ApiError::bad_request(format!("sent_on: {:?} is not a date (expected yyyy-mm-dd)", body.sent_on))
    })?;
    let scoped = caller.scoped();
    let (node, document) = received_of(&scoped, &code, id).await?;
    let recorded = scoped.congress_documents().send_synthesis(&node, &document, on, &caller.address).await?;
    Ok(Json(SynthesisJson { recorded }))
}

/// The formats of the synthesis report.
const REPORT_FORMATS: [&str; 3] = ["pdf", "docx", "xlsx"];

/// `?round=&format=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The round of congresses (the latest by default).
    pub round: Option<String>,
    /// `pdf` (default) or `docx`, the Party document; `xlsx`, one row per
    /// comment for working.
    #[param(pattern = "^(pdf|docx|xlsx)$", example = "pdf")]
    pub format: Option<String>,
}

/// `?format=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// `pdf` (default) or `docx`, the Party document; `xlsx`, one row per
    /// comment for working.
    #[param(pattern = "^(pdf|docx|xlsx)$", example = "pdf")]
    pub format: Option<String>,
}

/// The path of what an organization sent up on a draft: the organization
/// holding the congress, the draft, the organization it was sent to.
#[derive(Debug, Deserialize)]
pub struct SenderPath {
    pub code: String,
    pub document: i64,
    pub sender: String,
}

fn report_format(format: Option<&str>) -> ApiResult<&str> {
    let format = format.unwrap_or("pdf");
    crate::api::enum_field("format", Some(format), &REPORT_FORMATS)?;
    Ok(format)
}

/// The report's file as the answer, in Vietnamese.
async fn report_answer(figures: &super::report::SynthesisFigures, format: &str) -> ApiResult<Response> {
    let file = super::report::synthesis_file(Tr::default(), figures, format)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "the synthesis of comments could not be printed");
            ApiError::internal()
        })?
        .ok_or_else(|| ApiError::bad_request("format: expected pdf, docx or xlsx"))?;
    Ok(crate::party::report_download(file))
}

/// The synthesis of every comment on a draft (báo cáo tổng hợp ý kiến góp
/// ý, C-PLAN-7) as the draft's page gives it, in Vietnamese: a Party
/// document (PDF or .docx; who was asked and who sent their synthesis,
/// the counts by disposition and by source, then each comment by part of
/// the draft and source with its text, proposed text, disposition and
/// explanation; at most 1,000 comments, each text cut at 2,000 characters,
/// saying what was left out), or an Excel workbook with one row per
/// comment, every one whole. For the congress's readers cleared for the
/// draft (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/report",
    tag = "congress_documents",
    operation_id = "congress_document_synthesis_report",
    params(CodePath, ("document" = i64, Path, description = "The draft's id"), ReportQuery),
    responses(
        (status = 200, description = "The report, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"tong-hop-y-kien-….pdf\"")),
         content(
            (String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
         )),
        (status = 400, description = "Not a code or a number; a bad format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or draft", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn synthesis_report(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> ApiResult<Response> {
    let format = report_format(q.format.as_deref())?;
    let scoped = caller.scoped();
    let (round, congress, document) = draft_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    let figures = super::report::congress_figures(&scoped, &round, &congress, document).await?;
    report_answer(&figures, format).await
}

/// Counts of comments by disposition.
#[derive(Debug, Serialize, ToSchema)]
pub struct TallyJson {
    pub accepted: u32,
    pub accepted_in_part: u32,
    pub explained: u32,
    pub not_accepted: u32,
    /// Not disposed of yet.
    pub undecided: u32,
    /// Of all, how many propose a text.
    pub amendments: u32,
    pub total: u32,
}

/// What an organization sent up on a draft sent to it: where it stands
/// with its synthesis, the counts and its comments with the drafting
/// team's dispositions.
#[derive(Debug, Serialize, ToSchema)]
pub struct SentSynthesisJson {
    pub recipient: RecipientJson,
    /// The rule awaiting a person's answer (`C-PLAN-6`) while the comment
    /// deadline is open.
    pub awaiting: Option<&'static str>,
    pub tally: TallyJson,
    pub comments: Vec<CommentJson>,
    /// The comments it recorded after its synthesis was sent, by number.
    pub after_sending: Vec<u32>,
}

/// What an organization below sent up on a draft sent to it (its synthesis
/// of comments, C-PLAN-6), read-only: its state against the deadline, the
/// counts by disposition, its comments with their dispositions (those
/// recorded after its synthesis was sent are named). For the congress's
/// readers cleared for the draft (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/syntheses/{sender}",
    tag = "congress_documents",
    operation_id = "congress_document_sent_synthesis",
    params(
        CodePath,
        ("document" = i64, Path, description = "The draft's id"),
        ("sender" = String, Path, description = "The code of an organization the draft was sent to", example = "QN.DH.QT"),
        RoundQuery,
    ),
    responses(
        (status = 200, description = "What it sent up", body = SentSynthesisJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or draft; the draft was not sent to the organization", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn sent_synthesis(
    caller: ApiCaller,
    ApiPath(SenderPath { code, document: id, sender }): ApiPath<SenderPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<SentSynthesisJson>> {
    let sender = daihoi_core::OrgCode::parse(sender.trim())
        .map_err(|_| ApiError::not_found(format!("no organization {sender:?}")))?;
    let scoped = caller.scoped();
    let (round, congress, document) = draft_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    let docs = scoped.congress_documents();
    let sent = docs
        .synthesis_of(&round, &congress, &document, &sender, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("congress document {id} was not sent to {sender}")))?;
    let versions = docs.versions(&document).await?;
    let t = daihoi_drafts::group(&comment_facts(&document, &versions, &sent.comments)).tally;
    Ok(Json(SentSynthesisJson {
        recipient: recipient_json(&sent.recipient),
        awaiting: sent.awaiting,
        tally: TallyJson {
            accepted: t.accepted,
            accepted_in_part: t.accepted_in_part,
            explained: t.explained,
            not_accepted: t.not_accepted,
            undecided: t.undecided,
            amendments: t.amendments,
            total: t.total,
        },
        comments: sent.comments.iter().map(|c| comment_json(c, &versions)).collect(),
        after_sending: sent.after_sending,
    }))
}

/// What an organization below sent up on a draft sent to it, as its
/// report (issued by its committee to the level above, in Vietnamese): a
/// Party document (PDF or .docx) or a workbook, one row per comment. For
/// the congress's readers cleared for the draft (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/syntheses/{sender}/report",
    tag = "congress_documents",
    operation_id = "congress_document_sent_synthesis_report",
    params(
        CodePath,
        ("document" = i64, Path, description = "The draft's id"),
        ("sender" = String, Path, description = "The code of an organization the draft was sent to", example = "QN.DH.QT"),
        ReportQuery,
    ),
    responses(
        (status = 200, description = "The report, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"tong-hop-y-kien-….pdf\"")),
         content(
            (String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
         )),
        (status = 400, description = "Not a code or a number; a bad format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or draft; the draft was not sent to the organization", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn sent_synthesis_report(
    caller: ApiCaller,
    ApiPath(SenderPath { code, document: id, sender }): ApiPath<SenderPath>,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> ApiResult<Response> {
    let format = report_format(q.format.as_deref())?;
    let sender = daihoi_core::OrgCode::parse(sender.trim())
        .map_err(|_| ApiError::not_found(format!("no organization {sender:?}")))?;
    let scoped = caller.scoped();
    let (round, congress, document) = draft_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    let figures = super::report::sender_figures(&scoped, &round, &congress, document, &sender)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("congress document {id} was not sent to {sender}")))?;
    report_answer(&figures, format).await
}

/// The organization's own synthesis of its comments on a draft sent to
/// it, as the report it sends up (issued by its committee, in Vietnamese):
/// a Party document (PDF or .docx) or a workbook, one row per comment. For
/// its readers cleared for the draft (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/received/{document}/report",
    tag = "congress_documents",
    operation_id = "congress_document_own_synthesis_report",
    params(CodePath, ("document" = i64, Path, description = "The draft's id"), FormatQuery),
    responses(
        (status = 200, description = "The report, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"tong-hop-y-kien-….pdf\"")),
         content(
            (String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
         )),
        (status = 400, description = "Not a code or a number; a bad format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft", body = ErrorBody),
        (status = 404, description = "No such organization today; the draft was not sent to it", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn own_synthesis_report(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiQuery(q): ApiQuery<FormatQuery>,
) -> ApiResult<Response> {
    let format = report_format(q.format.as_deref())?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let (round, congress, document) = scoped
        .congress_documents()
        .received_with_congress(&node, id, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress document {id} sent to {}", node.code)))?;
    let figures = super::report::sender_figures(&scoped, &round, &congress, document, &node.code)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress document {id} sent to {}", node.code)))?;
    report_answer(&figures, format).await
}
