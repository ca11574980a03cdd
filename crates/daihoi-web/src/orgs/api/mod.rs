//! `/api/v1/orgs`: organizations on a date.

pub mod children;
pub mod create;
pub mod dissolve;
pub mod history;
pub mod list;
pub mod members;
pub mod merge;
pub mod move_org;
pub mod rename;
pub mod show;

use daihoi_store::Scoped;
use daihoi_store::orgs::OrgNode;
use serde::Serialize;
use time::Date;
use utoipa::ToSchema;

use crate::api::date_text;
use crate::api::error::{ApiError, ApiResult};

/// One organization as it is during one period.
#[derive(Debug, Serialize, ToSchema)]
pub struct Org {
    /// Stable code, dotted by level (`QN.DH.QT`).
    #[schema(schema_with = crate::api::schema::org_code)]
    pub code: String,
    #[schema(example = "Đảng bộ xã Quảng Tân")]
    pub name: String,
    #[schema(schema_with = crate::api::schema::org_kind)]
    pub kind: String,
    /// The parent's code, when the caller may see the parent; else `null`.
    #[schema(example = "QN.DH")]
    pub parent: Option<String>,
    /// First day of this version (`yyyy-mm-dd`).
    #[schema(format = Date, example = "2020-01-01")]
    pub valid_from: String,
    /// Day this version ends (excluded), `null` while current.
    #[schema(format = Date, example = json!(null))]
    pub valid_to: Option<String>,
}

impl Org {
    /// `node` with `parent` (the parent node, if the caller may see it).
    pub fn new(node: &OrgNode, parent: Option<&OrgNode>) -> Org {
        Org {
            code: node.code.to_string(),
            name: node.name.clone(),
            kind: node.kind.code().to_owned(),
            parent: parent.map(|p| p.code.to_string()),
            valid_from: date_text(node.valid_from),
            valid_to: node.valid_to.map(date_text),
        }
    }

    /// `node`, looking its parent up on `date` through the caller's view.
    pub async fn load(scoped: &Scoped<'_>, node: &OrgNode, date: Date) -> ApiResult<Org> {
        let parent = match node.parent_id {
            Some(id) => scoped.orgs().org_by_id(id, date).await?,
            None => None,
        };
        Ok(Org::new(node, parent.as_ref()))
    }
}

/// The organization `code` on `date` through the caller's view: 400 when
/// `code` is not a code, 404 when it does not exist then, 403 when the
/// caller's roles do not reach it.
pub(crate) async fn find(scoped: &Scoped<'_>, code: &str, date: Date) -> ApiResult<OrgNode> {
    let code = crate::api::code_param("code", code)?;
    let not_found = || ApiError::not_found(format!("no organization {code} on {}", date_text(date)));
    scoped.orgs().org(&code, date).await?.ok_or_else(not_found)
}

/// A file sent to be imported into an organization (the member file, the
/// task file): the organization today, where the caller must write
/// (checked before the body is read), the file's name and format, and its
/// bytes, at most `max`, not empty; 400 otherwise.
pub(crate) async fn file_for_import(
    scoped: &Scoped<'_>,
    code: &str,
    query: &crate::api::ImportQuery,
    body: axum::body::Body,
    max: usize,
) -> ApiResult<(OrgNode, String, daihoi_sheets::Format, axum::body::Bytes)> {
    let (file, format) = crate::api::import_file(query)?;
    let node = find(scoped, code, crate::page::today()).await?;
    if !scoped.orgs().may_edit(&node) {
        return Err(ApiError::forbidden());
    }
    let bytes = axum::body::to_bytes(body, max).await.map_err(|_| {
        ApiError::bad_request(crate::page::uploads::too_large_text(crate::i18n::Tr::new(crate::i18n::Lang::En), max))
    })?;
    if bytes.is_empty() {
        return Err(ApiError::bad_request("body: empty; send the file's bytes"));
    }
    Ok((node, file, format, bytes))
}

/// The last version of `node` (the organization as found before a merger
/// or a dissolution), now ended, with its parent then.
pub(crate) async fn ended(scoped: &Scoped<'_>, node: &OrgNode) -> ApiResult<Org> {
    let last = scoped.orgs().org_history(node).await?.pop().unwrap_or_else(|| node.clone());
    let on = last.valid_to.and_then(|d| d.previous_day()).unwrap_or(last.valid_from);
    Org::load(scoped, &last, on).await
}
