//! Member lists and a member's page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use daihoi_core::OrgCode;
use daihoi_store::members::{MemberListItem, MemberQuery};
use serde::Deserialize;

use daihoi_core::date::iso;
use daihoi_core::members::ConditionKind;

use super::keep::{ConditionValues, MemberValues, TransferValues};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::{Tr, condition_key, gender_key, standing_key};
use crate::orgs::pages::OrgLine;
use crate::page::Path;
use crate::page::{Nav, OnDate, ShownDate, today};

const PAGE_SIZE: u64 = 50;

#[derive(Debug, Deserialize)]
pub struct ListParams {
    pub date: Option<String>,
    pub q: Option<String>,
    pub page: Option<u64>,
}

/// A member as a row of the list, its words already translated.
pub struct MemberLine {
    pub number: u64,
    pub id: i64,
    pub card_number: String,
    pub name: String,
    pub gender: String,
    pub birth_date: String,
    pub standing: String,
    pub cell: String,
    pub conditions: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "members.html")]
pub struct MembersPage {
    tr: Tr,
    nav: Nav,
    date: ShownDate,
    org: OrgLine,
    q: String,
    total: u64,
    page: u64,
    pages: u64,
    members: Vec<MemberLine>,
}

/// `GET /orgs/{code}/members?q=&page=&date=`: the members of an organization's
/// subtree, in Vietnamese name order, searchable without diacritics.
pub async fn list(
    caller: Caller,
    Path(code): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<MembersPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let date = OnDate { date: params.date.clone() }.resolve()?;
    let code = OrgCode::parse(&code).map_err(|_| WebError::NotFound)?;
    let node = scoped.orgs().org(&code, date).await?.ok_or(WebError::NotFound)?;
    let page = params.page.unwrap_or(1).max(1);
    let q = params.q.clone().unwrap_or_default();
    let query = MemberQuery {
        search: (!q.trim().is_empty()).then(|| q.clone()),
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let result = scoped.members().members_in(&node, date, &query).await?;
    let members = result
        .items
        .into_iter()
        .enumerate()
        .map(|(i, m): (usize, MemberListItem)| MemberLine {
            number: query.offset + i as u64 + 1,
            id: m.person_id,
            card_number: m.card_number,
            name: m.full_name,
            gender: tr.t(gender_key(m.gender)),
            birth_date: tr.date(m.birth_date),
            standing: tr.t(standing_key(m.standing)),
            cell: m.org_name,
            conditions: m.conditions.iter().map(|c| tr.t(condition_key(*c))).collect::<Vec<_>>().join(", "),
        })
        .collect();
    Ok(MembersPage {
        tr,
        nav: caller.nav(),
        date: date.into(),
        org: (&node).into(),
        q,
        total: result.total,
        page,
        pages: result.total.div_ceil(PAGE_SIZE).max(1),
        members,
    })
}

/// What the member page keeps of a refused form: the values typed and the
/// problems, for the one form that was sent.
#[derive(Debug, Default, Clone)]
pub struct Kept {
    pub edit: Option<MemberValues>,
    pub transfer: Option<TransferValues>,
    pub condition: Option<ConditionValues>,
    /// The condition whose end was refused, and the date typed.
    pub end: Option<(i64, String)>,
    pub problems: Vec<String>,
}

/// A period in a cell as the page shows it.
pub struct EnrolmentLine {
    pub code: String,
    /// The cell's name, then the organizations above it ("Chi bộ thôn Đồng
    /// Tâm — Đảng bộ xã Quảng Tân"), nearest first, the province left out.
    pub name: String,
    pub within: String,
    pub from: String,
    pub to: String,
}

/// A condition as the page shows it.
pub struct ConditionLine {
    pub id: i64,
    pub kind: String,
    pub from: String,
    pub to: String,
    pub note: String,
    /// Still holds: the page offers to end it.
    pub open: bool,
}

/// A change made by hand, as the page shows it.
pub struct HistoryLine {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "member.html")]
pub struct MemberPage {
    tr: Tr,
    nav: Nav,
    id: i64,
    name: String,
    card_number: String,
    gender: String,
    birth_date: String,
    ethnicity: String,
    admission_date: String,
    official_date: String,
    enrolments: Vec<EnrolmentLine>,
    conditions: Vec<ConditionLine>,
    history: Vec<HistoryLine>,
    /// The forms are shown (a role that writes where the member is).
    may_keep: bool,
    edit: MemberValues,
    transfer: TransferValues,
    condition: ConditionValues,
    end: Option<(i64, String)>,
    /// Which form the problems are about: "edit", "transfer", "condition", "end".
    refused: &'static str,
    problems: Vec<String>,
    today_iso: String,
    /// (code, label) of each condition kind, for the form's list.
    kinds: Vec<(&'static str, String)>,
}

/// `GET /members/{id}`: a member's data, enrolments, conditions and the
/// changes made by hand; the forms that keep them for those who may.
pub async fn show(caller: Caller, Path(id): Path<i64>) -> Result<MemberPage, WebError> {
    render_member(&caller, id, Kept::default()).await
}

/// The member page, with what a refused form kept.
pub(crate) async fn render_member(caller: &Caller, id: i64, kept: Kept) -> Result<MemberPage, WebError> {
    let tr = caller.tr;
    let members = caller.scoped().members();
    let d = members.member(id, today()).await?.ok_or(WebError::NotFound)?;
    let may_keep = members.may_keep(id, today()).await?;
    let refused = if kept.edit.is_some() {
        "edit"
    } else if kept.transfer.is_some() {
        "transfer"
    } else if kept.condition.is_some() {
        "condition"
    } else if kept.end.is_some() {
        "end"
    } else {
        ""
    };
    let action_key = |a: &str| match a {
        "member_edit" => "member-history-edit",
        "member_transfer" => "member-history-transfer",
        "member_condition_record" => "member-history-condition-record",
        _ => "member-history-condition-end",
    };
    Ok(MemberPage {
        tr,
        nav: caller.nav(),
        id,
        name: d.member.name.full().to_owned(),
        card_number: d.member.card_number.to_string(),
        gender: tr.t(gender_key(d.member.gender)),
        birth_date: tr.date(d.member.birth_date),
        ethnicity: d.member.ethnicity.clone(),
        admission_date: tr.date(d.member.admission_date),
        official_date: tr.date_opt(d.member.official_date),
        enrolments: d
            .memberships
            .iter()
            .map(|e| EnrolmentLine {
                code: e.org_code.clone(),
                name: e.org_name.clone(),
                // The province is the same for everyone: the commune and district say where.
                within: e
                    .within
                    .iter()
                    .take(e.within.len().saturating_sub(1).max(1))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" — "),
                from: tr.date(e.from),
                to: tr.date_opt(e.to),
            })
            .collect(),
        conditions: d
            .conditions
            .iter()
            .map(|c| ConditionLine {
                id: c.id,
                kind: tr.t(condition_key(c.kind)),
                from: tr.date(c.from),
                to: tr.date_opt(c.to),
                note: c.note.clone(),
                open: c.to.is_none(),
            })
            .collect(),
        history: d
            .history
            .iter()
            .rev()
            .map(|h| HistoryLine {
                at: h.at.get(..16).unwrap_or(&h.at).replace('T', " "),
                actor: h.actor.clone(),
                action: tr.t(action_key(&h.action)),
                detail: h.detail.clone(),
            })
            .collect(),
        may_keep,
        edit: kept.edit.unwrap_or_else(|| MemberValues::of(&d.member)),
        transfer: kept.transfer.unwrap_or_else(|| TransferValues { org: String::new(), date: iso(today()) }),
        condition: kept
            .condition
            .unwrap_or_else(|| ConditionValues { from: iso(today()), ..ConditionValues::default() }),
        end: kept.end,
        refused,
        problems: kept.problems,
        today_iso: iso(today()),
        kinds: ConditionKind::ALL.iter().map(|k| (k.code(), tr.t(condition_key(*k)))).collect(),
    })
}
