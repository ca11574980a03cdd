//! The organization tree on a date, and one organization.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use daihoi_core::{BaseCount, OrgCode};
use daihoi_store::orgs::OrgNode;

use super::{OnDate, ShownDate};
use crate::i18n::{Tr, org_kind_key};
use crate::{AppState, WebError};

/// An organization as a line of a list; `kind` is a Fluent key.
pub struct OrgLine {
    pub code: String,
    pub name: String,
    pub kind: &'static str,
}

impl From<&OrgNode> for OrgLine {
    fn from(n: &OrgNode) -> Self {
        OrgLine { code: n.code.to_string(), name: n.name.clone(), kind: org_kind_key(n.kind) }
    }
}

/// A root and its direct children.
pub struct RootBlock {
    pub root: OrgLine,
    pub children: Vec<OrgLine>,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    tr: Tr,
    date: ShownDate,
    roots: Vec<RootBlock>,
}

/// `GET /`: the roots of the tree on the date, with their children.
pub async fn home(State(app): State<AppState>, tr: Tr, Query(on): Query<OnDate>) -> Result<HomePage, WebError> {
    let date = on.resolve()?;
    let mut roots = Vec::new();
    for root in app.db.roots(date).await? {
        let children = app.db.children(root.id, date).await?;
        roots.push(RootBlock { root: (&root).into(), children: children.iter().map(OrgLine::from).collect() });
    }
    Ok(HomePage { tr, date: date.into(), roots })
}

#[derive(Template, WebTemplate)]
#[template(path = "org.html")]
pub struct OrgPage {
    tr: Tr,
    date: ShownDate,
    org: OrgLine,
    since: ShownDate,
    ancestors: Vec<OrgLine>,
    children: Vec<OrgLine>,
    count: BaseCount,
    history: Vec<HistoryLine>,
}

/// One version of an organization.
pub struct HistoryLine {
    pub from: ShownDate,
    pub to: Option<ShownDate>,
    pub name: String,
    pub parent: String,
}

/// `GET /orgs/{code}`: an organization on the date, its place in the tree,
/// its members' count for an election's base, and its history.
pub async fn show(
    State(app): State<AppState>,
    tr: Tr,
    Path(code): Path<String>,
    Query(on): Query<OnDate>,
) -> Result<OrgPage, WebError> {
    let date = on.resolve()?;
    let code = OrgCode::parse(&code).map_err(|_| WebError::NotFound)?;
    let node = app.db.org_by_code(&code, date).await?.ok_or(WebError::NotFound)?;
    let mut ancestors = Vec::new();
    for id in node.path.ids().filter(|id| *id != node.id) {
        if let Some(a) = app.db.org_by_id(id, date).await? {
            ancestors.push((&a).into());
        }
    }
    let children = app.db.children(node.id, date).await?;
    let count = app.db.base_count(&node, date).await?;
    let mut history = Vec::new();
    for v in app.db.org_history(&code).await? {
        let parent = match v.parent_id {
            Some(pid) => app.db.org_by_id(pid, v.valid_from).await?.map(|p| p.name).unwrap_or_default(),
            None => String::new(),
        };
        history.push(HistoryLine { from: v.valid_from.into(), to: v.valid_to.map(Into::into), name: v.name, parent });
    }
    Ok(OrgPage {
        tr,
        date: date.into(),
        org: (&node).into(),
        since: node.valid_from.into(),
        ancestors,
        children: children.iter().map(OrgLine::from).collect(),
        count,
        history,
    })
}
