//! The user's home, the organization tree on a date, and one organization.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use daihoi_core::{BaseCount, OrgCode};
use daihoi_store::orgs::OrgNode;
use time::Date;

use crate::WebError;
use crate::access::Caller;
use crate::i18n::{Tr, org_kind_key};
use crate::page::Path;
use crate::page::{Nav, OnDate, ShownDate};

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

/// One organization the user's roles are bound to, with its children and
/// its members by standing.
pub struct RootBlock {
    pub root: OrgLine,
    pub children: Vec<OrgLine>,
    pub count: BaseCount,
    /// The user may list its members.
    pub members: bool,
}

/// An overdue task on the home page: its deadline is before the page's
/// date and it is not done (overdue whichever way the [open] rule on the
/// deadline day is settled).
pub struct OverdueLine {
    pub id: i64,
    pub title: String,
    pub document: String,
    pub org: String,
    pub deadline: Date,
    pub days: i64,
}

/// A task of the inbox (nhiệm vụ được giao) on the home page.
pub struct InboxLine {
    pub id: i64,
    pub title: String,
    pub document: String,
    pub org: String,
    pub deadline: Option<Date>,
    /// When and by whom it was received, in words; `None`: not yet.
    pub received: Option<String>,
}

/// A document forwarded to one of the user's offices, on the home page.
pub struct DocumentInboxLine {
    pub forward_id: i64,
    pub document_id: i64,
    pub number: String,
    pub title: String,
    pub from: String,
    pub to: String,
    pub forwarded_on: Date,
    /// When and by whom it was received, in words; `None`: not yet.
    pub received: Option<String>,
}

/// How many forwarded documents of each office the home page lists.
const DOCUMENT_INBOX_SHOWN: u32 = 10;

/// How many tasks of each inbox the home page lists.
const INBOX_SHOWN: u32 = 20;

/// How many overdue tasks the home page lists.
const OVERDUE_SHOWN: usize = 50;

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    tr: Tr,
    nav: Nav,
    date: ShownDate,
    roots: Vec<RootBlock>,
    overdue: Vec<OverdueLine>,
    /// How many overdue tasks there are in all.
    overdue_total: u64,
    /// The open tasks given to the organizations whose office the user is,
    /// those not received first.
    inbox: Vec<InboxLine>,
    inbox_total: u64,
    inbox_unreceived: u64,
    /// The documents forwarded to those offices (not received first), and
    /// how many there are and are not received.
    document_inbox: Vec<DocumentInboxLine>,
    document_inbox_total: u64,
    document_inbox_unreceived: u64,
    /// How many tasks are due soon, where the rules are chosen.
    due_soon_total: u64,
    /// The user's own member page, if the account belongs to a member.
    own_member: Option<i64>,
}

/// A task's document as its number reads ("23-NQ/TU"), empty when the
/// reader may not read it; tasks of one document share its label, read
/// once.
async fn document_label(
    scoped: &daihoi_store::Scoped<'_>,
    labels: &mut std::collections::HashMap<i64, String>,
    id: i64,
) -> String {
    if let Some(label) = labels.get(&id) {
        return label.clone();
    }
    let label = match scoped.documents().document(id).await {
        Ok(Some(d)) => d.number_label(),
        _ => String::new(),
    };
    labels.insert(id, label.clone());
    label
}

/// `GET /`: the organizations the user's roles are bound to, on the date:
/// their children, their members by standing, what needs attention.
pub async fn home(caller: Caller, Query(on): Query<OnDate>) -> Result<HomePage, WebError> {
    let date = on.resolve()?;
    let scoped = caller.scoped();
    let mut roots = Vec::new();
    let mut overdue = Vec::new();
    let mut overdue_total = 0;
    let mut labels: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    let mut inbox = Vec::new();
    let (mut inbox_total, mut inbox_unreceived, mut due_soon_total) = (0, 0, 0);
    let mut document_inbox = Vec::new();
    let (mut document_inbox_total, mut document_inbox_unreceived) = (0, 0);
    for root in scoped.orgs().roots(date).await? {
        if scoped.documents().may_receive(&root) {
            let got = scoped.documents().inbox(&root, DOCUMENT_INBOX_SHOWN).await?;
            document_inbox_total += got.total;
            document_inbox_unreceived += got.unreceived;
            for (f, d) in got.items {
                document_inbox.push(DocumentInboxLine {
                    forward_id: f.id,
                    document_id: d.id,
                    number: d.number_label(),
                    title: d.title,
                    from: f.from.name,
                    to: f.to.name,
                    forwarded_on: f.forwarded_on,
                    received: f.received.map(|(at, by)| format!("{} · {by}", caller.tr.moment(&at))),
                });
            }
        }
        if scoped.tasks().may_receive(&root) {
            let got = scoped.tasks().inbox(&root, INBOX_SHOWN).await?;
            inbox_total += got.total;
            inbox_unreceived += got.unreceived;
            for t in got.tasks {
                let document = document_label(&scoped, &mut labels, t.document_id).await;
                inbox.push(InboxLine {
                    id: t.id,
                    title: t.title,
                    document,
                    org: t.org.to_string(),
                    deadline: t.deadline,
                    received: t.received.map(|(at, by)| format!("{} · {by}", caller.tr.moment(&at))),
                });
            }
        }
        let setting = scoped.tasks().tracking_setting(&root, date).await?;
        if let Some(setting) = &setting {
            let (_, n) = scoped.tasks().due_soon_in(&root, date, date, &setting.rules.status, 1, None).await?;
            due_soon_total += n;
        }
        // Cut at the database: the most overdue first, with the total.
        // Overdue under the subtree's reading of the deadline day, if chosen.
        let reading = setting.map(|s| s.rules.status.deadline_day);
        let late = i64::from(reading == Some(daihoi_tracking::DeadlineDay::CountsAsLate));
        let (tasks, total) = scoped.tasks().overdue_in(&root, date, date, reading, OVERDUE_SHOWN as u32, None).await?;
        overdue_total += total;
        for t in tasks {
            let Some(deadline) = t.deadline else { continue };
            let document = document_label(&scoped, &mut labels, t.document_id).await;
            overdue.push(OverdueLine {
                id: t.id,
                title: t.title,
                document,
                org: t.org.to_string(),
                days: (date - deadline).whole_days() + late,
                deadline,
            });
        }
        let children = scoped.orgs().children(&root, date).await?;
        let count = scoped.members().base_count(&root, date).await?;
        roots.push(RootBlock {
            root: (&root).into(),
            children: children.iter().map(OrgLine::from).collect(),
            count,
            members: scoped.members().may_read(&root),
        });
    }
    overdue.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.title.cmp(&b.title)));
    overdue.truncate(OVERDUE_SHOWN);
    Ok(HomePage {
        tr: caller.tr,
        nav: caller.nav(),
        date: date.into(),
        roots,
        overdue,
        overdue_total,
        inbox,
        inbox_total,
        inbox_unreceived,
        document_inbox,
        document_inbox_total,
        document_inbox_unreceived,
        due_soon_total,
        own_member: caller.user().person_id,
    })
}

/// An organization in the tree, indented by its depth below the root shown.
pub struct TreeLine {
    pub org: OrgLine,
    pub depth: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "tree.html")]
pub struct TreePage {
    tr: Tr,
    nav: Nav,
    date: ShownDate,
    lines: Vec<TreeLine>,
}

/// `GET /tree?date=`: the whole tree the user may see, as it was on the date.
pub async fn tree(caller: Caller, Query(on): Query<OnDate>) -> Result<TreePage, WebError> {
    let date = on.resolve()?;
    let scoped = caller.scoped();
    let mut lines = Vec::new();
    for root in scoped.orgs().roots(date).await? {
        let top = root.path.depth();
        for n in scoped.orgs().subtree(&root, date).await? {
            lines.push(TreeLine { depth: (n.path.depth() - top).min(7), org: (&n).into() });
        }
    }
    Ok(TreePage { tr: caller.tr, nav: caller.nav(), date: date.into(), lines })
}

#[derive(Template, WebTemplate)]
#[template(path = "org.html")]
pub struct OrgPage {
    tr: Tr,
    nav: Nav,
    date: ShownDate,
    org: OrgLine,
    /// The day its present version began (its name and place now).
    since: ShownDate,
    /// The day it was created (its first version), when earlier.
    founded: Option<ShownDate>,
    ancestors: Vec<OrgLine>,
    children: Vec<OrgLine>,
    count: BaseCount,
    history: Vec<HistoryLine>,
    /// The user may list members / import them here.
    members: bool,
    write: bool,
}

/// One version of an organization.
pub struct HistoryLine {
    pub from: ShownDate,
    pub to: Option<ShownDate>,
    pub name: String,
    pub parent: String,
}

/// `GET /orgs/{code}`: an organization on the date, its place in the tree
/// (as far up as the user may see), its members' count for an election's
/// base, and its history.
pub async fn show(caller: Caller, Path(code): Path<String>, Query(on): Query<OnDate>) -> Result<OrgPage, WebError> {
    let date = on.resolve()?;
    let scoped = caller.scoped();
    let code = OrgCode::parse(&code).map_err(|_| WebError::NotFound)?;
    let node = scoped.orgs().org(&code, date).await?.ok_or(WebError::NotFound)?;
    let mut ancestors = Vec::new();
    for id in node.path.ids().filter(|id| *id != node.id) {
        if let Some(a) = scoped.orgs().org_by_id(id, date).await? {
            ancestors.push((&a).into());
        }
    }
    let children = scoped.orgs().children(&node, date).await?;
    let count = scoped.members().base_count(&node, date).await?;
    let mut history = Vec::new();
    let versions = scoped.orgs().org_history(&node).await?;
    let founded = versions.first().map(|v| v.valid_from).filter(|d| *d < node.valid_from);
    for v in versions {
        let parent = match v.parent_id {
            Some(pid) => scoped.orgs().org_by_id(pid, v.valid_from).await?.map(|p| p.name).unwrap_or_default(),
            None => String::new(),
        };
        history.push(HistoryLine { from: v.valid_from.into(), to: v.valid_to.map(Into::into), name: v.name, parent });
    }
    Ok(OrgPage {
        tr: caller.tr,
        nav: caller.nav(),
        date: date.into(),
        org: (&node).into(),
        since: node.valid_from.into(),
        founded: founded.map(Into::into),
        ancestors,
        children: children.iter().map(OrgLine::from).collect(),
        count,
        history,
        members: scoped.members().may_read(&node),
        write: scoped.orgs().may_edit(&node),
    })
}
