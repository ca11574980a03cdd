//! The pages of citizen reception (P-9): a committee's reception calendar
//! with its heads' compliance by month over a report period
//! (`/orgs/{code}/reception`), and a session with its visits and the forms
//! that hold it, cancel it, record a visit or receive a filing brought to
//! it (`/reception-sessions/{id}`). Through the store's `petitions()`
//! facet, as the API (`reception_api.rs`).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_petitions::reception::{HeadLevel, Period, YearMonth, duty};
use daihoi_store::orgs::OrgNode;
use daihoi_store::petitions::reception::head_level;
use daihoi_store::petitions::{
    CommitteeCompliance, NewSession, ReceptionSession, SessionKind, SessionStatus, Visit, VisitOutcome,
};
use serde::Deserialize;

use super::pages::{Choice, choices, day, refusal};
use super::reception_api::period_days;
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};

/// The calendar's query: the period ending with a month.
#[derive(Debug, Default, Deserialize)]
pub struct PeriodParam {
    pub month: Option<String>,
    pub period: Option<String>,
}

/// The form of a session to put on the calendar.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SessionForm {
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub host: String,
    #[serde(default)]
    pub by_head: Option<String>,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub kind: String,
}

/// A session as a line of the calendar.
pub struct SessionRow {
    pub id: i64,
    pub day: String,
    pub host: String,
    pub by_head: bool,
    pub place: String,
    pub kind: String,
    pub status: String,
    pub status_class: &'static str,
    pub note: String,
    pub visits: i64,
    pub people: i64,
    pub cases: i64,
}

fn session_row(tr: Tr, s: &ReceptionSession) -> SessionRow {
    SessionRow {
        id: s.id,
        day: tr.date(s.day),
        host: s.host.clone(),
        by_head: s.by_head,
        place: s.place.clone(),
        kind: tr.t(&format!("reception-kind-{}", s.kind.code().replace('_', "-"))),
        status: tr.t(&format!("reception-status-{}", s.status.code())),
        status_class: match s.status {
            SessionStatus::Held => "done",
            SessionStatus::Planned => "running",
            SessionStatus::Cancelled => "late",
        },
        note: s.note.clone(),
        visits: s.visits,
        people: s.people,
        cases: s.cases,
    }
}

/// A month's cell of the compliance table.
pub struct MonthCell {
    pub text: String,
    pub met: bool,
}

/// A committee's line of the compliance table.
pub struct ComplianceRow {
    pub code: String,
    pub name: String,
    pub duty: String,
    pub cells: Vec<MonthCell>,
    pub met: bool,
}

fn compliance_row(tr: Tr, c: &CommitteeCompliance) -> ComplianceRow {
    ComplianceRow {
        code: c.org.code.to_string(),
        name: c.org.name.clone(),
        duty: tr.t1("reception-days-a-month", "count", duty(c.level).days_per_month),
        cells: c
            .months
            .iter()
            .map(|m| MonthCell {
                text: if m.required == 0 { "—".to_owned() } else { format!("{}/{}", m.held, m.required) },
                met: m.met(),
            })
            .collect(),
        met: c.met(),
    }
}

/// A month as written in a report's subtitle and table: `03/2025`.
pub(crate) fn month_label(m: YearMonth) -> String {
    format!("{:02}/{}", u8::from(m.month), m.year)
}

fn duty_text(tr: Tr, node: &OrgNode) -> String {
    match head_level(node.kind) {
        Some(level) => {
            let d = duty(level);
            tr.t_args(
                match level {
                    HeadLevel::Province => "reception-duty-province",
                    HeadLevel::Commune => "reception-duty-commune",
                },
                &[("count", d.days_per_month.to_string()), ("source", d.source.to_owned())],
            )
        }
        None => tr.t("reception-duty-none"),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "reception.html")]
pub struct ReceptionPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    duty: String,
    month: String,
    period: &'static str,
    periods: Vec<Choice>,
    months: Vec<String>,
    committees: Vec<ComplianceRow>,
    sessions: Vec<SessionRow>,
    may_keep: bool,
    form: SessionForm,
    kinds: Vec<Choice>,
    problems: Vec<String>,
}

async fn reception_page(
    caller: &Caller,
    node: &OrgNode,
    p: &PeriodParam,
    form: Option<SessionForm>,
    mut problems: Vec<String>,
) -> Result<ReceptionPage, WebError> {
    let tr = caller.tr;
    let day_now = today();
    let last = match p.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => YearMonth::of(day_now),
        Some(m) => YearMonth::parse(m).unwrap_or_else(|| {
            problems.push(tr.t1("petition-problem-field", "field", tr.t("reception-month")));
            YearMonth::of(day_now)
        }),
    };
    let period = match p.period.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => Period::Month,
        Some(c) => Period::from_code(c).unwrap_or_else(|| {
            problems.push(tr.t1("petition-problem-field", "field", tr.t("reception-period")));
            Period::Month
        }),
    };
    let months = period.months(last);
    let (from, to) = period_days(&months);
    let petitions = caller.scoped().petitions();
    let sessions = petitions.reception_sessions(node, from, to).await?;
    let committees = petitions.reception_compliance(node, &months, day_now).await?;
    let form = form.unwrap_or_else(|| SessionForm { kind: "regular".into(), ..SessionForm::default() });
    Ok(ReceptionPage {
        tr,
        nav: caller.nav(),
        org: node.into(),
        duty: duty_text(tr, node),
        month: last.code(),
        period: period.code(),
        periods: choices(tr, &Period::ALL, Period::code, "reception-period", period.code()),
        months: months.iter().map(|m| month_label(*m)).collect(),
        committees: committees.iter().map(|c| compliance_row(tr, c)).collect(),
        sessions: sessions.iter().map(|s| session_row(tr, s)).collect(),
        may_keep: petitions.may_keep_reception(node),
        kinds: choices(tr, &SessionKind::ALL, SessionKind::code, "reception-kind", &form.kind),
        form,
        problems,
    })
}

/// `GET /orgs/{code}/reception[?month=yyyy-mm&period=…]`: the committee's
/// sessions over the period and the compliance of the heads of the
/// subtree's provincial and commune committees, month by month (P-9).
pub async fn page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<PeriodParam>,
) -> Result<ReceptionPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    reception_page(&caller, &node, &p, None, Vec::new()).await
}

/// `POST /orgs/{code}/reception`: a session put on the calendar (P-9).
pub async fn schedule(
    caller: Caller,
    Path(code): Path<String>,
    Form(f): Form<SessionForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = crate::page::org_today(&caller, &code).await?;
    let petitions = caller.scoped().petitions();
    if !petitions.may_keep_reception(&node) {
        return Err(WebError::Forbidden);
    }
    let problem = match (day(&f.day), SessionKind::from_code(f.kind.trim())) {
        (None, _) => tr.t1("petition-problem-field", "field", tr.t("reception-field-day")),
        (_, None) => tr.t1("petition-problem-field", "field", tr.t("reception-field-kind")),
        (Some(on), Some(kind)) => {
            let session = NewSession {
                day: on,
                host: f.host.clone(),
                by_head: f.by_head.is_some(),
                place: f.place.clone(),
                kind,
            };
            match petitions.schedule_reception(&node, &session, &caller.address).await {
                Ok(_) => {
                    let to = format!("/orgs/{}/reception?month={}", node.code, YearMonth::of(on).code());
                    return Ok(Redirect::to(&to).into_response());
                }
                Err(e) => refusal(tr, e)?,
            }
        }
    };
    let month = day(&f.day).map(|d| YearMonth::of(d).code());
    let p = PeriodParam { month, period: None };
    let page = reception_page(&caller, &node, &p, Some(f), vec![problem]).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A visit as a line of the session's page.
pub struct VisitRow {
    pub people: i64,
    pub outcome: String,
    /// `None`: a case above the reader's clearance.
    pub matter: Option<String>,
    pub case: Option<(i64, String)>,
}

fn visit_row(tr: Tr, v: &Visit) -> VisitRow {
    VisitRow {
        people: v.people,
        outcome: tr.t(&format!("reception-outcome-{}", v.outcome.code())),
        matter: v.matter.clone(),
        case: v.case.clone(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "reception_session.html")]
pub struct SessionPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    month: String,
    s: SessionRow,
    open: bool,
    visits: Option<Vec<VisitRow>>,
    may_keep: bool,
    outcomes: Vec<Choice>,
    problems: Vec<String>,
}

async fn session_page(caller: &Caller, id: i64, problems: Vec<String>) -> Result<SessionPage, WebError> {
    let tr = caller.tr;
    let petitions = caller.scoped().petitions();
    let (s, org, visits) = petitions.reception_session(id, today()).await?;
    Ok(SessionPage {
        tr,
        nav: caller.nav(),
        month: YearMonth::of(s.day).code(),
        open: s.status != SessionStatus::Cancelled && s.day <= today(),
        s: session_row(tr, &s),
        visits: visits.map(|v| v.iter().map(|v| visit_row(tr, v)).collect()),
        may_keep: petitions.may_keep_reception(&org),
        org: (&org).into(),
        outcomes: choices(
            tr,
            &[VisitOutcome::Guided, VisitOutcome::Answered],
            VisitOutcome::code,
            "reception-outcome",
            VisitOutcome::Guided.code(),
        ),
        problems,
    })
}

/// `GET /reception-sessions/{id}`: a session with its visits (to a reader
/// of the committee's cases) and the forms of those who keep it.
pub async fn session(caller: Caller, Path(id): Path<i64>) -> Result<SessionPage, WebError> {
    session_page(&caller, id, Vec::new()).await
}

async fn after(caller: &Caller, id: i64, done: Result<(), daihoi_store::StoreError>) -> Result<Response, WebError> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/reception-sessions/{id}")).into_response()),
        Err(e) => {
            let problem = refusal(caller.tr, e)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, session_page(caller, id, vec![problem]).await?).into_response())
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    pub note: String,
}

/// `POST /reception-sessions/{id}/held`: the session was held (P-9).
pub async fn held(caller: Caller, Path(id): Path<i64>, Form(f): Form<NoteForm>) -> Result<Response, WebError> {
    let done = caller.scoped().petitions().reception_held(id, &f.note, today(), &caller.address).await;
    after(&caller, id, done).await
}

/// `POST /reception-sessions/{id}/cancel`: the session cancelled, with why.
pub async fn cancel(caller: Caller, Path(id): Path<i64>, Form(f): Form<NoteForm>) -> Result<Response, WebError> {
    let done = caller.scoped().petitions().cancel_reception(id, &f.note, today(), &caller.address).await;
    after(&caller, id, done).await
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct VisitForm {
    #[serde(default)]
    pub people: String,
    #[serde(default)]
    pub matter: String,
    #[serde(default)]
    pub outcome: String,
}

/// `POST /reception-sessions/{id}/visits`: a visit that ends at the
/// session, guided or answered (P-9).
pub async fn visit(caller: Caller, Path(id): Path<i64>, Form(f): Form<VisitForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let people = f.people.trim().parse::<i64>().ok();
    let outcome = match f.outcome.trim() {
        "guided" => Some(VisitOutcome::Guided),
        "answered" => Some(VisitOutcome::Answered),
        _ => None,
    };
    let (Some(people), Some(outcome)) = (people, outcome) else {
        let problem = tr.t1(
            "petition-problem-field",
            "field",
            tr.t(if people.is_none() { "reception-field-people" } else { "reception-field-outcome" }),
        );
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, session_page(&caller, id, vec![problem]).await?).into_response());
    };
    let done = caller.scoped().petitions().record_visit(id, people, &f.matter, outcome, today(), &caller.address).await;
    after(&caller, id, done).await
}

/// The reception report's query.
#[derive(Debug, Default, Deserialize)]
pub struct ReportParam {
    pub month: Option<String>,
    pub period: Option<String>,
    pub format: Option<String>,
}

/// `GET /orgs/{code}/reception/report?month=&period=&format=pdf|docx|xlsx`:
/// the heads' reception over the period as a Party document or a
/// workbook (P-9).
pub async fn report(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<ReportParam>,
) -> Result<Response, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let day_now = today();
    let (_, period, months) = super::reception_api::months_of(p.month.as_deref(), p.period.as_deref())
        .map_err(|_| WebError::BadInput("reception-problem-period"))?;
    let (from, to) = period_days(&months);
    let petitions = caller.scoped().petitions();
    let committees = petitions.reception_compliance(&node, &months, day_now).await?;
    let sessions = petitions.reception_sessions(&node, from, to).await?;
    let format = p.format.as_deref().unwrap_or("pdf");
    match super::files::reception_file(caller.tr, &node, period, &months, &committees, &sessions, format, day_now)
        .await
        .map_err(WebError::Print)?
    {
        Some(file) => Ok(crate::party::report_download(file)),
        None => Err(WebError::BadInput("tracking-report-bad-format")),
    }
}
