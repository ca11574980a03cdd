//! Member lists and a member's page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use daihoi_core::OrgCode;
use daihoi_store::members::{MemberListItem, MemberQuery};
use serde::Deserialize;

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

#[derive(Template, WebTemplate)]
#[template(path = "member.html")]
pub struct MemberPage {
    tr: Tr,
    nav: Nav,
    name: String,
    card_number: String,
    gender: String,
    birth_date: String,
    ethnicity: String,
    admission_date: String,
    official_date: String,
    enrolments: Vec<(String, String, String)>,
    conditions: Vec<(String, String, String)>,
}

/// `GET /members/{id}`: a member's data, enrolments and conditions.
pub async fn show(caller: Caller, Path(id): Path<i64>) -> Result<MemberPage, WebError> {
    let tr = caller.tr;
    let d = caller.scoped().members().member(id, today()).await?.ok_or(WebError::NotFound)?;
    Ok(MemberPage {
        tr,
        nav: caller.nav(),
        name: d.member.name.full().to_owned(),
        card_number: d.member.card_number.to_string(),
        gender: tr.t(gender_key(d.member.gender)),
        birth_date: tr.date(d.member.birth_date),
        ethnicity: d.member.ethnicity.clone(),
        admission_date: tr.date(d.member.admission_date),
        official_date: tr.date_opt(d.member.official_date),
        enrolments: d.memberships.iter().map(|e| (e.org_code.clone(), tr.date(e.from), tr.date_opt(e.to))).collect(),
        conditions: d
            .conditions
            .iter()
            .map(|c| (tr.t(condition_key(c.kind)), tr.date(c.from), tr.date_opt(c.to)))
            .collect(),
    })
}
