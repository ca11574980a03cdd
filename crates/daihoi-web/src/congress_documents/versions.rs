//! A new version of a draft (`POST …/documents/{document}/versions`,
//! multipart: `csrf`, `round`, `text`, `file`): typed on the page (a line
//! starting with `#` is a heading, `##` one level below, blank lines
//! separate paragraphs) or read from a `.docx` by `daihoi-docx` on a
//! blocking thread, in one of the upload slots, within the upload limits.
//! A refused file is named on the page and nothing is written.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_docx::DocxLimits;
use daihoi_drafts::Block;
use daihoi_store::StoreError;
use daihoi_store::congress_documents::VersionSource;

use super::pages::{draft, draft_page};
use super::view::{blocks_of_text, congress_of, refusal};
use crate::WebError;
use crate::access::{AppState, Caller};
use crate::page::Path;
use crate::page::uploads::FieldRefusal;

/// The most bytes of the text typed on the page (a draft's characters, at
/// most four bytes each).
const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;

/// Reads a `.docx` off the async workers, in an upload slot, within the
/// upload limits (the smaller of the reader's and the server's): its
/// blocks, or its refusal naming the file.
pub(crate) async fn read_docx(app: &AppState, name: String, bytes: axum::body::Bytes) -> Result<Vec<Block>, String> {
    app.uploads
        .run(move |limits| {
            let d = DocxLimits::default();
            let within = DocxLimits {
                max_file_bytes: d.max_file_bytes.min(limits.max_file_bytes),
                max_zip_entries: d.max_zip_entries.min(limits.max_zip_entries),
                max_inflated_bytes: d.max_inflated_bytes.min(limits.max_inflated_bytes),
                ..d
            };
            daihoi_docx::read_docx(&name, &bytes, &within).map_err(|e| e.to_string())
        })
        .await
}

/// `POST /orgs/{code}/congress/documents/{document}/versions`.
pub async fn add(
    State(app): State<AppState>,
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (texts, file) =
        match crate::page::uploads::fields(&mut multipart, &["round", "text"], "file", MAX_TEXT_BYTES).await {
            Ok(read) => read,
            Err(FieldRefusal::TooLarge) => {
                let (round, congress) = congress_of(&caller, &code, None).await?;
                let document = draft(&caller, &congress, id).await?;
                let problem = crate::page::uploads::too_large_text(tr, super::MAX_VERSION_UPLOAD_BYTES);
                let page = draft_page(&caller, round, congress, document, None, false, vec![problem]).await?;
                return Ok((StatusCode::PAYLOAD_TOO_LARGE, page).into_response());
            }
            Err(FieldRefusal::Broken) => return Err(WebError::BadInput("draft-problem-upload")),
        };
    let (round, congress) = congress_of(&caller, &code, texts.get("round").map(String::as_str)).await?;
    let document = draft(&caller, &congress, id).await?;
    let scoped = caller.scoped();
    let docs = scoped.congress_documents();
    // The team only: refused before the file is read.
    if !docs.on_team(&document).await? {
        return Err(WebError::Forbidden);
    }
    let typed = texts.get("text").map(String::as_str).unwrap_or("").trim();
    let read = match file {
        Some((name, bytes)) => match read_docx(&app, name.clone(), bytes).await {
            Ok(blocks) => Ok((blocks, VersionSource::Docx, Some(name))),
            Err(message) => Err(tr.t1("draft-docx-refused", "problem", message)),
        },
        None if !typed.is_empty() => Ok((blocks_of_text(typed), VersionSource::Page, None)),
        None => Err(tr.t("draft-problem-no-text")),
    };
    let problem = match read {
        Err(problem) => problem,
        Ok((blocks, source, name)) => {
            match docs.add_version(&congress, &document, &blocks, source, name.as_deref(), &caller.address).await {
                Ok(v) => {
                    let to = format!(
                        "/orgs/{}/congress/documents/{id}?round={}&version={}&saved=1",
                        congress.org.code, round.code, v.number
                    );
                    return Ok(Redirect::to(&to).into_response());
                }
                Err(StoreError::Forbidden(_)) => return Err(WebError::Forbidden),
                Err(e) => refusal(tr, e)?,
            }
        }
    };
    let page = draft_page(&caller, round, congress, document, None, false, vec![problem]).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
