//! The incoming side of the register on the web (sổ văn bản đến): an
//! organization's incoming register by year, a document's arrival entered
//! from its page, the copies forwarded to organizations below, and their
//! receipt (tiếp nhận) from the page or the home page's inbox.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_store::StoreError;
use daihoi_store::documents::incoming::{Arrival, Forward, NewArrival};
use daihoi_store::orgs::OrgNode;
use serde::Deserialize;

use crate::WebError;
use crate::access::Caller;
use crate::documents::pages::{DocumentKept, DocumentLine, line, refused_page};
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};

/// An arrival as a page lists it.
pub struct ArrivalLine {
    pub org: OrgLine,
    /// `12/2024`
    pub number: String,
    pub year: i32,
    pub arrived_on: String,
    pub sender: String,
}

pub(crate) fn arrival_line(tr: Tr, a: &Arrival) -> ArrivalLine {
    ArrivalLine {
        org: (&a.org).into(),
        number: format!("{}/{}", a.number, a.year),
        year: a.year,
        arrived_on: tr.date(a.arrived_on),
        sender: a.sender.clone(),
    }
}

/// A forward as a page lists it.
pub struct ForwardLine {
    pub id: i64,
    pub from: OrgLine,
    pub to: OrgLine,
    pub forwarded_on: String,
    /// When and by whom it was received, in words.
    pub received: Option<String>,
    /// The user records receipts for the receiving office.
    pub may_receive: bool,
}

pub(crate) fn forward_line(tr: Tr, f: &Forward, may_receive: bool) -> ForwardLine {
    ForwardLine {
        id: f.id,
        from: (&f.from).into(),
        to: (&f.to).into(),
        forwarded_on: tr.date(f.forwarded_on),
        received: f
            .received
            .as_ref()
            .map(|(at, by)| tr.t_args("document-received-by", &[("moment", tr.moment(at)), ("login", by.clone())])),
        may_receive,
    }
}

/// The organizations a forwarding office may still send a document to:
/// those directly under it, not sent it yet.
pub struct ForwardChoice {
    pub from: OrgLine,
    pub targets: Vec<OrgLine>,
}

/// `POST /documents/{id}/arrivals`: enters the document in an incoming
/// register; kept as typed after a refusal.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ArrivalForm {
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub arrived_on: String,
    #[serde(default)]
    pub sender: String,
}

fn parse_day(text: &str) -> Option<time::Date> {
    daihoi_core::date::from_iso(text.trim()).or_else(|| daihoi_core::date::parse_date(text.trim()))
}

/// A refusal of the incoming register's writes, in words (`None`: not a
/// refusal the user can act on).
pub(crate) fn refusal_text(tr: Tr, e: &StoreError) -> Option<String> {
    Some(match e {
        StoreError::AlreadyArrived { number, year } => {
            tr.t_args("document-arrival-already", &[("number", number.to_string()), ("year", year.to_string())])
        }
        StoreError::ArrivalDate { number, issued_on } => {
            tr.t_args("document-arrival-bad-date", &[("number", number.clone()), ("date", tr.date(*issued_on))])
        }
        StoreError::ForwardRefused(_) => tr.t("document-forward-refused"),
        StoreError::BadText { field: "sender", problem } => {
            crate::page::text_refusal(tr, "document-arrival-sender", Err(problem.clone()))
                .unwrap_or_else(|| tr.t("document-arrival-sender-missing"))
        }
        _ => return None,
    })
}

/// The forward form's fields, kept as typed after a refusal.
#[derive(Debug, Default, Clone)]
pub struct ForwardValues {
    /// The forwarding organization's code: which of the page's forms.
    pub from: String,
    pub on: String,
    pub all: bool,
    /// The codes of the organizations chosen.
    pub to: Vec<String>,
}

fn arrival_kept(form: &ArrivalForm) -> DocumentKept {
    let mut arrival = form.clone();
    // The date field shows it again only as `yyyy-mm-dd`.
    if let Some(on) = parse_day(&form.arrived_on) {
        arrival.arrived_on = daihoi_core::date::iso(on);
    }
    DocumentKept { arrival: Some(arrival), ..DocumentKept::default() }
}

/// `POST /documents/{id}/arrivals`: a refusal shows the page again with
/// what was typed and every problem named (422).
pub async fn record_arrival(
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<ArrivalForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let d = scoped.documents().document(id).await?.ok_or(WebError::NotFound)?;
    let registers = scoped.documents().writable_registers(today()).await?;
    if registers.is_empty() {
        return Err(WebError::Forbidden);
    }
    let mut problems = Vec::new();
    let register = registers.into_iter().find(|n| n.code.as_str() == form.org.trim());
    if register.is_none() {
        problems.push(tr.t("document-form-bad-register"));
    }
    let arrived_on = parse_day(&form.arrived_on);
    if arrived_on.is_none() {
        problems.push(tr.t("document-form-bad-arrival-date"));
    }
    if form.sender.trim().is_empty() {
        problems.push(tr.t("document-arrival-sender-missing"));
    }
    let sender = daihoi_core::text::line(form.sender.trim(), daihoi_core::text::TITLE_MAX_CHARS);
    problems.extend(crate::page::text_refusal(tr, "document-arrival-sender", sender));
    let (Some(register), Some(arrived_on), true) = (register, arrived_on, problems.is_empty()) else {
        return refused_page(&caller, id, problems, arrival_kept(&form)).await;
    };
    let arrival = NewArrival { arrived_on, sender: form.sender.trim() };
    match scoped.documents().record_arrival(&register, &d, arrival, &caller.address).await {
        Ok(_) => Ok(Redirect::to(&format!("/documents/{id}#incoming")).into_response()),
        Err(e) => match refusal_text(tr, &e) {
            Some(problem) => refused_page(&caller, id, vec![problem], arrival_kept(&form)).await,
            None => Err(e.into()),
        },
    }
}

/// `POST /documents/{id}/forwards`: `from` (the forwarding organization's
/// code), `on` (the day; today if empty), and either `all=1` (every
/// organization directly under it not sent it yet) or a `to.CODE=1` field
/// for each one chosen. A refusal shows the page again with what was
/// chosen and every problem named (422).
pub async fn forward(
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let day = today();
    let d = scoped.documents().document(id).await?.ok_or(WebError::NotFound)?;
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let forwarders = scoped.documents().forwarders(&d, day).await?;
    let Some(from) = forwarders.into_iter().find(|n| n.code.as_str() == get("from")) else {
        return Err(WebError::Forbidden);
    };
    let chosen: Vec<&str> = form
        .iter()
        .filter(|(k, v)| k.starts_with("to.") && v.as_str() == "1")
        .map(|(k, _)| &k["to.".len()..])
        .collect();
    let mut kept = ForwardValues {
        from: from.code.to_string(),
        on: get("on"),
        all: get("all") == "1",
        to: chosen.iter().map(|c| (*c).to_owned()).collect(),
    };
    let mut problems = Vec::new();
    let on = match get("on").as_str() {
        "" => Some(day),
        text => match parse_day(text) {
            Some(on) => {
                kept.on = daihoi_core::date::iso(on);
                Some(on)
            }
            None => {
                problems.push(tr.t("document-forward-bad-date"));
                None
            }
        },
    };
    let sent = scoped.documents().forwards(&d).await?;
    let open = open_targets(&caller, &sent, &from).await?;
    let to: Vec<OrgNode> =
        if kept.all { open } else { open.into_iter().filter(|n| chosen.contains(&n.code.as_str())).collect() };
    if to.is_empty() {
        problems.push(tr.t("document-forward-none"));
    }
    let kept = DocumentKept { forward: Some(kept), ..DocumentKept::default() };
    let (Some(on), true) = (on, problems.is_empty()) else {
        return refused_page(&caller, id, problems, kept).await;
    };
    match scoped.documents().forward(&d, &from, &to, on, &caller.address).await {
        Ok(_) => Ok(Redirect::to(&format!("/documents/{id}#incoming")).into_response()),
        Err(e) => match refusal_text(tr, &e) {
            Some(problem) => refused_page(&caller, id, vec![problem], kept).await,
            None => Err(e.into()),
        },
    }
}

/// The organizations directly under `from` today that are not among the
/// document's forwards `sent` (its copies already sent).
pub(crate) async fn open_targets(caller: &Caller, sent: &[Forward], from: &OrgNode) -> Result<Vec<OrgNode>, WebError> {
    let children = caller.scoped().orgs().children(from, today()).await?;
    Ok(children.into_iter().filter(|c| !sent.iter().any(|f| f.to.id == c.id)).collect())
}

/// Where a receipt form sends the user back.
#[derive(Debug, Default, Deserialize)]
pub struct ReceiptBack {
    pub back: Option<String>,
}

/// `POST /documents/forwards/{id}/receipt`: the receiving office records
/// that it took the document in; back to the document's page, or to the
/// home page's inbox with `?back=home`.
pub async fn receive(
    caller: Caller,
    Path(id): Path<i64>,
    Query(back): Query<ReceiptBack>,
) -> Result<Response, WebError> {
    let scoped = caller.scoped();
    let (forward, document) = scoped.documents().forward_by_id(id).await?.ok_or(WebError::NotFound)?;
    scoped.documents().receive(&forward, &document, today(), &caller.address).await?;
    let to = if back.back.as_deref() == Some("home") {
        "/#document-inbox".to_owned()
    } else {
        format!("/documents/{}#incoming", document.id)
    };
    Ok(Redirect::to(&to).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct IncomingQuery {
    pub org: Option<String>,
    pub year: Option<String>,
}

/// One line of an incoming register.
pub struct IncomingLine {
    pub arrival: ArrivalLine,
    pub document: DocumentLine,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents_incoming.html")]
pub struct IncomingPage {
    tr: Tr,
    nav: Nav,
    registers: Vec<OrgLine>,
    org: OrgLine,
    years: Vec<i32>,
    year: i32,
    lines: Vec<IncomingLine>,
    /// The user writes in this register: the link to register an incoming document.
    writable: bool,
}

impl IncomingPage {
    fn heading(&self) -> String {
        self.tr.t_args("documents-incoming-of", &[("org", self.org.name.clone()), ("year", self.year.to_string())])
    }
}

/// `GET /documents/incoming?org=…&year=…`: an organization's incoming
/// register (sổ văn bản đến) for a year, by arrival number.
pub async fn list(caller: Caller, Query(q): Query<IncomingQuery>) -> Result<IncomingPage, WebError> {
    let scoped = caller.scoped();
    let day = today();
    let roots = scoped.orgs().roots(day).await?;
    let org = match q.org.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => {
            let code = daihoi_core::OrgCode::parse(code).map_err(|_| WebError::NotFound)?;
            scoped.orgs().org(&code, day).await?.ok_or(WebError::NotFound)?
        }
        None => roots.first().cloned().ok_or(WebError::Forbidden)?,
    };
    let years = scoped.documents().incoming_years(&org).await?;
    let year = match q.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=9999).contains(y))
            .ok_or(WebError::BadInput("document-incoming-bad-year"))?,
        None => years.first().copied().unwrap_or(day.year()),
    };
    let lines = scoped
        .documents()
        .incoming_register(&org, year)
        .await?
        .iter()
        .map(|(a, d)| IncomingLine { arrival: arrival_line(caller.tr, a), document: line(caller.tr, d) })
        .collect();
    let writable = scoped.documents().may_receive(&org);
    Ok(IncomingPage {
        tr: caller.tr,
        nav: caller.nav(),
        registers: roots.iter().map(OrgLine::from).collect(),
        org: (&org).into(),
        years,
        year,
        lines,
        writable,
    })
}
