//! Member lists and a member's page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use daihoi_core::OrgCode;
use daihoi_core::members::MemberStanding;
use daihoi_store::members::{MemberListItem, MemberQuery};
use serde::Deserialize;

use super::{OnDate, ShownDate};
use crate::pages::orgs::OrgLine;
use crate::{AppState, WebError};

const PAGE_SIZE: u64 = 50;

#[derive(Debug, Deserialize)]
pub struct ListParams {
    pub date: Option<String>,
    pub q: Option<String>,
    pub page: Option<u64>,
}

/// A member as a row of the list.
pub struct MemberLine {
    pub number: u64,
    pub id: i64,
    pub card_number: String,
    pub name: String,
    pub gender: &'static str,
    pub birth_date: String,
    pub standing: &'static str,
    pub cell: String,
    pub conditions: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "members.html")]
pub struct MembersPage {
    date: ShownDate,
    org: OrgLine,
    q: String,
    total: u64,
    page: u64,
    pages: u64,
    members: Vec<MemberLine>,
}

fn standing_vi(s: MemberStanding) -> &'static str {
    match s {
        MemberStanding::Official => "Chính thức",
        MemberStanding::Probationary => "Dự bị",
    }
}

/// `GET /orgs/{code}/members?q=&page=&date=`: the members of an organization's
/// subtree, in Vietnamese name order, searchable without diacritics.
pub async fn list(
    State(app): State<AppState>,
    Path(code): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<MembersPage, WebError> {
    let date = OnDate { date: params.date.clone() }.resolve()?;
    let code = OrgCode::parse(&code).map_err(|_| WebError::NotFound)?;
    let node = app.db.org_by_code(&code, date).await?.ok_or(WebError::NotFound)?;
    let page = params.page.unwrap_or(1).max(1);
    let q = params.q.clone().unwrap_or_default();
    let query = MemberQuery {
        search: (!q.trim().is_empty()).then(|| q.clone()),
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let result = app.db.members_in(&node, date, &query).await?;
    let members = result
        .items
        .into_iter()
        .enumerate()
        .map(|(i, m): (usize, MemberListItem)| MemberLine {
            number: query.offset + i as u64 + 1,
            id: m.person_id,
            card_number: m.card_number,
            name: m.full_name,
            gender: m.gender.vi(),
            birth_date: daihoi_core::date::vi(m.birth_date),
            standing: standing_vi(m.standing),
            cell: m.org_name,
            conditions: m.conditions.iter().map(|c| c.vi()).collect::<Vec<_>>().join(", "),
        })
        .collect();
    Ok(MembersPage {
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
    name: String,
    card_number: String,
    gender: &'static str,
    birth_date: String,
    ethnicity: String,
    admission_date: String,
    official_date: String,
    enrolments: Vec<(String, String, String)>,
    conditions: Vec<(&'static str, String, String)>,
}

/// `GET /members/{id}`: a member's data, enrolments and conditions.
pub async fn show(State(app): State<AppState>, Path(id): Path<i64>) -> Result<MemberPage, WebError> {
    let d = app.db.member_detail(id).await?.ok_or(WebError::NotFound)?;
    let vi = daihoi_core::date::vi;
    let opt = |x: Option<time::Date>| x.map(vi).unwrap_or_default();
    Ok(MemberPage {
        name: d.member.name.full().to_owned(),
        card_number: d.member.card_number.to_string(),
        gender: d.member.gender.vi(),
        birth_date: vi(d.member.birth_date),
        ethnicity: d.member.ethnicity.clone(),
        admission_date: vi(d.member.admission_date),
        official_date: opt(d.member.official_date),
        enrolments: d.memberships.iter().map(|e| (e.org_code.clone(), vi(e.from), opt(e.to))).collect(),
        conditions: d.conditions.iter().map(|c| (c.kind.vi(), vi(c.from), opt(c.to))).collect(),
    })
}
