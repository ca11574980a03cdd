//! The pages of petitions (issue 18): an organization's register of cases
//! with the reception desk's form (`/orgs/{code}/petitions`), and a case
//! with its clocks, how each due date was computed, its filings and
//! history, and the forms of its handling (`/petitions/{case}`). The
//! filer's identity is never on a page but the one a cleared reader asks
//! for, with a purpose, each reading logged (P-7). Everything goes through
//! the store's `petitions()` facet, as the API does.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_core::OrgCode;
use daihoi_core::date::{from_iso, iso, parse_date};
use daihoi_core::members::CardNumber;
use daihoi_petitions::{Area, CaseKind, Channel, Complexity, Instance, Standing, Step, Trigger, Unit};
use daihoi_store::StoreError;
use daihoi_store::documents::Classification;
use daihoi_store::orgs::OrgNode;
use daihoi_store::petitions::{Awaits, Case, CaseFile, CaseStep, ClockView, Identity, Matter, NewFiling, Received};
use serde::Deserialize;

use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};

/// Cases on a page of the register.
const PAGE: usize = 100;

/// The register's query: `open=1` for the cases still in hand.
#[derive(Debug, Deserialize)]
pub struct ListParam {
    pub open: Option<String>,
    pub page: Option<usize>,
    /// A reception session whose visitor's filing the form receives (P-9).
    pub session: Option<String>,
}

/// The reception desk's form (P-1, P-2, P-6, P-7).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReceiveForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub instance: String,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub received: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub complexity: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub classification: String,
    #[serde(default)]
    pub about: String,
    #[serde(default)]
    pub from_body: String,
    /// The filer (P-7: kept apart); all empty: anonymous (P-6).
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub evidence: Option<String>,
    /// `new`, `distinct`, or a case's id (P-1).
    #[serde(default)]
    pub matter: String,
    /// The reception session the filing is brought to (P-9), and how many
    /// people came with it.
    #[serde(default)]
    pub session: String,
    #[serde(default)]
    pub people: String,
}

/// An option of a select: its code, its label, whether chosen.
pub struct Choice {
    pub code: String,
    pub label: String,
    pub chosen: bool,
}

/// The options of a select: each value's code, its label (`{key}-{code}`,
/// `_` written `-`), and whether it is `chosen`.
pub(crate) fn choices<T: Copy>(
    tr: Tr,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    key: &str,
    chosen: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| {
            let c = code(*v);
            Choice { code: c.to_owned(), label: tr.t(&format!("{key}-{}", c.replace('_', "-"))), chosen: c == chosen }
        })
        .collect()
}

/// A case as a line of the register.
pub struct CaseRow {
    pub id: i64,
    pub number: String,
    pub org: String,
    pub kind: String,
    pub received: String,
    pub summary: String,
    pub about: String,
    /// The clock that matters now (the first still running, else the
    /// last): its name, due date and standing.
    pub clock: String,
    pub due: String,
    pub standing: String,
    pub standing_class: &'static str,
    pub open: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "petitions.html")]
pub struct PetitionsPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    open_only: bool,
    rows: Vec<CaseRow>,
    total: usize,
    page: usize,
    pages: usize,
    may_handle: bool,
    form: ReceiveForm,
    kinds: Vec<Choice>,
    channels: Vec<Choice>,
    classifications: Vec<Choice>,
    complexities: Vec<Choice>,
    problems: Vec<String>,
    /// P-1: the similar open case named by the refusal, to link to.
    similar: Option<i64>,
    /// P-8: the cut-off of the organization's congress.
    cutoff: Option<super::cutoff::CutoffLine>,
}

fn standing_class(s: Option<Standing>) -> &'static str {
    match s {
        Some(Standing::Overdue | Standing::Late) => "late",
        Some(Standing::Running) => "running",
        Some(Standing::OnTime | Standing::Stopped) => "done",
        None => "awaiting",
    }
}

fn clock_name(tr: Tr, t: Trigger) -> String {
    tr.t(&format!("petition-clock-{}", t.code().replace('_', "-")))
}

fn standing_text(tr: Tr, v: &ClockView) -> String {
    match (&v.due, v.standing) {
        (_, Some(s)) => tr.t(&format!("petition-standing-{}", s.code().replace('_', "-"))),
        (Err(Awaits::Rule { trigger, on }), None) => {
            tr.t_args("petition-awaiting-rule", &[("clock", clock_name(tr, *trigger)), ("day", tr.date(*on))])
        }
        (Err(Awaits::Calendar { year }), None) => tr.t1("petition-awaiting-calendar", "year", year),
        (Ok(_), None) => String::new(),
    }
}

pub(crate) fn row(tr: Tr, c: &Case, clocks: &[ClockView]) -> CaseRow {
    let now = clocks.iter().find(|v| v.clock.met.is_none()).or(clocks.last());
    CaseRow {
        id: c.id,
        number: format!("{}/{}", c.number, c.year),
        org: c.org.name.clone(),
        kind: tr.t(&format!("petition-kind-{}", c.kind.code().replace('_', "-"))),
        received: tr.date(c.days.received),
        summary: c.summary.clone(),
        about: c.about.as_ref().map(|(card, name)| format!("{name} ({card})")).unwrap_or_default(),
        clock: now.map(|v| clock_name(tr, v.clock.trigger)).unwrap_or_default(),
        due: now.and_then(|v| v.due.as_ref().ok()).map(|d| tr.date(d.date)).unwrap_or_default(),
        standing: if c.logged {
            tr.t("petition-logged")
        } else {
            now.map(|v| standing_text(tr, v)).unwrap_or_default()
        },
        standing_class: if c.logged { "done" } else { standing_class(now.and_then(|v| v.standing)) },
        open: c.days.open() && !c.logged,
    }
}

async fn register_page(
    caller: &Caller,
    node: &OrgNode,
    open_only: bool,
    page: usize,
    form: Option<ReceiveForm>,
    problems: Vec<String>,
    similar: Option<i64>,
) -> Result<PetitionsPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let petitions = scoped.petitions();
    let (cases, total) = petitions.cases_in(node, open_only, today(), PAGE, page.saturating_mul(PAGE)).await?;
    let form = form.unwrap_or_else(|| ReceiveForm {
        kind: "complaint".into(),
        channel: "reception".into(),
        received: iso(today()),
        classification: "normal".into(),
        complexity: "ordinary".into(),
        ..ReceiveForm::default()
    });
    Ok(PetitionsPage {
        tr,
        nav: caller.nav(),
        org: node.into(),
        open_only,
        rows: cases.iter().map(|(c, v)| row(tr, c, v)).collect(),
        total,
        page,
        pages: total.div_ceil(PAGE).max(1),
        may_handle: petitions.may_handle(node),
        kinds: choices(tr, &CaseKind::ALL, CaseKind::code, "petition-kind", &form.kind),
        channels: choices(tr, &Channel::ALL, Channel::code, "petition-channel", &form.channel),
        classifications: choices(
            tr,
            &[Classification::Normal, Classification::Confidential, Classification::Secret],
            Classification::code,
            "petition-classification",
            &form.classification,
        ),
        complexities: choices(
            tr,
            &[Complexity::Ordinary, Complexity::Complex, Complexity::EspeciallyComplex],
            Complexity::code,
            "petition-complexity",
            &form.complexity,
        ),
        form,
        problems,
        similar,
        cutoff: super::cutoff::line(caller, node).await?,
    })
}

/// `GET /orgs/{code}/petitions[?open=1&page=N]`: the register of the
/// subtree's cases the reader reads (the latest received first), each with
/// the clock that matters now; the reception form for those who handle.
pub async fn register(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<ListParam>,
) -> Result<PetitionsPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let open_only = p.open.as_deref().is_some_and(|o| !o.is_empty() && o != "0");
    let page = p.page.unwrap_or(0).min(10_000);
    // P-9: the form of a filing brought to a reception session of this
    // committee, received on its day at the reception desk.
    let mut form = None;
    if let Some(id) = p.session.as_deref().and_then(|s| s.trim().parse::<i64>().ok())
        && let Ok((s, org, _)) = caller.scoped().petitions().reception_session(id, today()).await
        && org.id == node.id
    {
        form = Some(ReceiveForm {
            kind: "complaint".into(),
            channel: "reception".into(),
            received: iso(s.day),
            classification: "normal".into(),
            complexity: "ordinary".into(),
            session: id.to_string(),
            people: "1".into(),
            ..ReceiveForm::default()
        });
    }
    register_page(&caller, &node, open_only, page, form, Vec::new(), None).await
}

/// A refusal of the store in words: its rule and what it says.
pub(crate) fn refusal(tr: Tr, e: StoreError) -> Result<String, WebError> {
    match e {
        e @ (StoreError::PetitionRefused { .. } | StoreError::BadText { .. }) => Ok(tr.t_args(
            "petition-problem-refused",
            &[("rule", e.rule().unwrap_or("P-1").to_owned()), ("detail", e.to_string())],
        )),
        StoreError::NotFound(what) => Ok(tr.t1("petition-problem-not-found", "what", what)),
        e => Err(e.into()),
    }
}

pub(crate) fn day(text: &str) -> Option<time::Date> {
    from_iso(text.trim()).or_else(|| parse_date(text.trim()))
}

/// The form as a filing, or its problems in words.
fn filing(tr: Tr, f: &ReceiveForm) -> Result<NewFiling, Vec<String>> {
    let mut problems = Vec::new();
    let mut bad = |field: &str| problems.push(tr.t1("petition-problem-field", "field", tr.t(field)));
    let kind = CaseKind::from_code(f.kind.trim());
    if kind.is_none() {
        bad("petition-field-kind");
    }
    let channel = Channel::from_code(f.channel.trim());
    if channel.is_none() {
        bad("petition-field-channel");
    }
    let received = day(&f.received);
    if received.is_none() {
        bad("petition-field-received");
    }
    let complexity = Complexity::from_code(f.complexity.trim()).unwrap_or(Complexity::Ordinary);
    let classification = Classification::from_code(f.classification.trim()).unwrap_or(Classification::Normal);
    let about = match f.about.trim() {
        "" => None,
        c => match CardNumber::parse(c) {
            Ok(card) => Some(card),
            Err(_) => {
                bad("petition-field-about");
                None
            }
        },
    };
    let matter = match f.matter.trim() {
        "" | "new" => Matter::New,
        "distinct" => Matter::Distinct,
        id => match id.parse::<i64>() {
            Ok(id) if id > 0 => Matter::SameAs(id),
            _ => {
                bad("petition-field-matter");
                Matter::New
            }
        },
    };
    let identity = if [&f.name, &f.address, &f.contact].iter().all(|t| t.trim().is_empty()) {
        None
    } else {
        Some(Identity {
            name: f.name.trim().to_owned(),
            address: f.address.trim().to_owned(),
            contact: f.contact.trim().to_owned(),
        })
    };
    let (Some(kind), Some(channel), Some(received)) = (kind, channel, received) else { return Err(problems) };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(NewFiling {
        kind,
        instance: Instance::from_code(f.instance.trim()).unwrap_or(Instance::First),
        channel,
        received,
        area: Area::from_code(f.area.trim()).unwrap_or(Area::Ordinary),
        complexity,
        summary: f.summary.trim().to_owned(),
        classification,
        about,
        from_body: Some(f.from_body.trim().to_owned()).filter(|b| !b.is_empty()),
        identity,
        evidence: f.evidence.is_some(),
        matter,
    })
}

/// `POST /orgs/{code}/petitions`: receives a filing (P-1, P-2, P-6) and
/// opens its case; a filing like an open case's is refused (422) with the
/// case named, to link to it or to say it is another matter.
pub async fn receive(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<ReceiveForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = crate::page::org_today(&caller, &code).await?;
    if !caller.scoped().petitions().may_handle(&node) {
        return Err(WebError::Forbidden);
    }
    let (problems, similar) = match filing(tr, &form) {
        Err(problems) => (problems, None),
        Ok(filing) => match receive_filing(&caller, &node, &form, &filing).await {
            Ok(Received::Opened { id, .. } | Received::Linked { id }) => {
                return Ok(Redirect::to(&format!("/petitions/{id}")).into_response());
            }
            Err(e) => {
                let similar = match &e {
                    StoreError::PetitionRefused { rule: "P-1", detail } => similar_case(detail),
                    _ => None,
                };
                (vec![refusal(tr, e)?], similar)
            }
        },
    };
    let page = register_page(&caller, &node, false, 0, Some(form), problems, similar).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Receives the filing into `node`'s register, or at the reception
/// session the form names (P-9).
async fn receive_filing(
    caller: &Caller,
    node: &OrgNode,
    form: &ReceiveForm,
    filing: &NewFiling,
) -> Result<Received, StoreError> {
    let petitions = caller.scoped().petitions();
    match form.session.trim() {
        "" => petitions.receive(node, filing, today(), &caller.address).await,
        session => {
            let bad = |what: String| StoreError::PetitionRefused { rule: "P-9", detail: what };
            let id = session.parse::<i64>().map_err(|_| bad(format!("{session:?} is not a reception session")))?;
            let people = match form.people.trim() {
                "" => 1,
                p => p.parse::<i64>().map_err(|_| bad(format!("{p:?} is not a number of people")))?,
            };
            petitions.receive_at_reception(id, people, filing, today(), &caller.address).await
        }
    }
}

/// The id of the similar open case a P-1 refusal names ("… (id 12) …").
fn similar_case(detail: &str) -> Option<i64> {
    let at = detail.find("(id ")? + "(id ".len();
    detail[at..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// A clock of the case page.
pub struct ClockRow {
    pub name: String,
    pub started: String,
    pub met: String,
    pub due: String,
    pub standing: String,
    pub standing_class: &'static str,
    pub source: String,
    /// How the due date was computed (P-3), step by step.
    pub steps: Vec<String>,
}

pub(crate) fn step_text(tr: Tr, step: &Step) -> String {
    let unit = |u: &Unit| tr.t(&format!("petition-unit-{}", u.code().replace('_', "-")));
    match step {
        Step::Starts { trigger, first_day } => {
            tr.t_args("petition-step-starts", &[("trigger", tr.date(*trigger)), ("first", tr.date(*first_day))])
        }
        Step::Counted { amount, unit: u, last_day, skipped } => tr.t_args(
            if skipped.is_empty() { "petition-step-counted" } else { "petition-step-counted-skipping" },
            &[
                ("amount", amount.to_string()),
                ("unit", unit(u)),
                ("last", tr.date(*last_day)),
                ("skipped", skipped.len().to_string()),
            ],
        ),
        Step::Moved { from, to, .. } => {
            tr.t_args("petition-step-moved", &[("from", tr.date(*from)), ("to", tr.date(*to))])
        }
        Step::Extended { number, decided_on } => {
            tr.t_args("petition-step-extended", &[("number", number.to_string()), ("on", tr.date(*decided_on))])
        }
    }
}

fn clock_row(tr: Tr, v: &ClockView) -> ClockRow {
    let (due, source, steps) = match &v.due {
        Ok(d) => (tr.date(d.date), d.rule.source.clone(), d.steps.iter().map(|s| step_text(tr, s)).collect()),
        Err(_) => (String::new(), String::new(), Vec::new()),
    };
    ClockRow {
        name: clock_name(tr, v.clock.trigger),
        started: tr.date(v.clock.started),
        met: v.clock.met.map(|m| tr.date(m)).unwrap_or_default(),
        due,
        standing: standing_text(tr, v),
        standing_class: standing_class(v.standing),
        source,
        steps,
    }
}

/// The forms of a case's handling.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StepForm {
    /// `accept`, `notify`, `settle`, `close`, `transfer_out`, `extend`.
    #[serde(default)]
    pub step: String,
    #[serde(default)]
    pub on: String,
    /// The outcome, the reason, the body, or the extension's reference.
    #[serde(default)]
    pub text: String,
    /// The clock extended.
    #[serde(default)]
    pub clock: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    pub verifier: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RouteForm {
    #[serde(default)]
    pub to: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct IdentityForm {
    #[serde(default)]
    pub purpose: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "petition.html")]
pub struct CasePage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    id: i64,
    number: String,
    kind: String,
    channel: String,
    classification: String,
    complexity: String,
    summary: String,
    about: String,
    assigned_to: String,
    logged: bool,
    open: bool,
    identified: bool,
    outcome: String,
    clocks: Vec<ClockRow>,
    /// `(day, channel, from, by)`.
    filings: Vec<(String, String, String, String)>,
    /// `(day, what, detail, by)`.
    events: Vec<(String, String, String, String)>,
    may_handle: bool,
    may_identity: bool,
    /// The identity just read (P-7), shown on this answer only.
    identity: Option<Identity>,
    triggers: Vec<Choice>,
    today: String,
    problems: Vec<String>,
}

fn case_page(caller: &Caller, file: &CaseFile, identity: Option<Identity>, problems: Vec<String>) -> CasePage {
    let tr = caller.tr;
    let petitions = caller.scoped().petitions();
    let c = &file.case;
    let label = |key: &str, code: &str| tr.t(&format!("{key}-{}", code.replace('_', "-")));
    let triggers: Vec<Trigger> =
        file.clocks.iter().filter(|v| v.clock.met.is_none()).map(|v| v.clock.trigger).collect();
    CasePage {
        tr,
        nav: caller.nav(),
        org: (&c.org).into(),
        id: c.id,
        number: format!("{}/{}", c.number, c.year),
        kind: label("petition-kind", c.kind.code()),
        channel: label("petition-channel", c.channel.code()),
        classification: label("petition-classification", c.classification.code()),
        complexity: label("petition-complexity", c.complexity.code()),
        summary: c.summary.clone(),
        about: c.about.as_ref().map(|(card, name)| format!("{name} ({card})")).unwrap_or_default(),
        assigned_to: c.assigned_to.clone().unwrap_or_default(),
        logged: c.logged,
        open: c.days.open() && !c.logged,
        identified: c.identified,
        outcome: c
            .outcome
            .clone()
            .or_else(|| c.closed_why.clone())
            .or_else(|| c.transferred_to.clone())
            .unwrap_or_default(),
        clocks: file.clocks.iter().map(|v| clock_row(tr, v)).collect(),
        filings: file
            .filings
            .iter()
            .map(|f| {
                (
                    tr.date(f.received),
                    label("petition-channel", f.channel.code()),
                    f.from_body.clone().unwrap_or_default(),
                    f.recorded_by.clone(),
                )
            })
            .collect(),
        events: file
            .events
            .iter()
            .map(|e| (tr.date(e.on), label("petition-event", &e.kind), event_detail(tr, e), e.recorded_by.clone()))
            .collect(),
        may_handle: petitions.may_handle(&c.org),
        may_identity: c.identified && petitions.may_read_identity(c),
        identity,
        triggers: triggers
            .iter()
            .map(|t| Choice { code: t.code().to_owned(), label: clock_name(tr, *t), chosen: false })
            .collect(),
        today: iso(today()),
        problems,
    }
}

/// An event's detail in words: a filing's channel, an extended clock by its
/// name; the rest (an outcome, a body, a login) as recorded.
fn event_detail(tr: Tr, e: &daihoi_store::petitions::CaseEvent) -> String {
    match e.kind.as_str() {
        "received" | "linked" => match Channel::from_code(e.detail.trim()) {
            Some(c) => tr.t(&format!("petition-channel-{}", c.code())),
            None => e.detail.clone(),
        },
        "extended" => {
            let (code, rest) = e.detail.split_once(' ').unwrap_or((e.detail.as_str(), ""));
            match Trigger::from_code(code) {
                Some(t) => format!("{} {rest}", clock_name(tr, t)).trim_end().to_owned(),
                None => e.detail.clone(),
            }
        }
        _ => e.detail.clone(),
    }
}

/// `GET /petitions/{case}`: the case, without the filer's identity.
pub async fn case(caller: Caller, Path(id): Path<i64>) -> Result<CasePage, WebError> {
    let file = caller.scoped().petitions().case(id, today()).await?;
    Ok(case_page(&caller, &file, None, Vec::new()))
}

/// The case page again after a refused form (422).
async fn again(caller: &Caller, id: i64, problems: Vec<String>) -> Result<Response, WebError> {
    let file = caller.scoped().petitions().case(id, today()).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, case_page(caller, &file, None, problems)).into_response())
}

fn done(id: i64) -> Response {
    Redirect::to(&format!("/petitions/{id}")).into_response()
}

/// `POST /petitions/{case}/assign`: the verifier (an account's login).
pub async fn assign(caller: Caller, Path(id): Path<i64>, Form(f): Form<AssignForm>) -> Result<Response, WebError> {
    match caller.scoped().petitions().assign(id, f.verifier.trim(), today(), &caller.address).await {
        Ok(()) => Ok(done(id)),
        Err(e) => again(&caller, id, vec![refusal(caller.tr, e)?]).await,
    }
}

/// `POST /petitions/{case}/route`: to the competent organization of the
/// tree (P-5).
pub async fn route(caller: Caller, Path(id): Path<i64>, Form(f): Form<RouteForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let Ok(to) = OrgCode::parse(f.to.trim()) else {
        return again(&caller, id, vec![tr.t1("petition-problem-field", "field", tr.t("petition-field-route"))]).await;
    };
    match caller.scoped().petitions().route(id, &to, today(), &caller.address).await {
        Ok(()) => Ok(done(id)),
        Err(e) => again(&caller, id, vec![refusal(tr, e)?]).await,
    }
}

/// `POST /petitions/{case}/events`: a step of the case's handling, dated
/// (P-3), an extension with its decision's reference (P-5).
pub async fn record(caller: Caller, Path(id): Path<i64>, Form(f): Form<StepForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let text = f.text.trim().to_owned();
    let step = match f.step.trim() {
        "accept" => Some(CaseStep::Accept),
        "notify" => Some(CaseStep::Notify),
        "settle" => Some(CaseStep::Settle { outcome: text }),
        "close" => Some(CaseStep::Close { why: text }),
        "transfer_out" => Some(CaseStep::TransferOut { body: text }),
        "extend" => Trigger::from_code(f.clock.trim()).map(|trigger| CaseStep::Extend { trigger, reference: text }),
        _ => None,
    };
    let mut problems = Vec::new();
    if step.is_none() {
        problems.push(tr.t1("petition-problem-field", "field", tr.t("petition-field-step")));
    }
    let on = day(&f.on);
    if on.is_none() {
        problems.push(tr.t1("petition-problem-field", "field", tr.t("petition-field-on")));
    }
    let (Some(step), Some(on)) = (step, on) else { return again(&caller, id, problems).await };
    match caller.scoped().petitions().record(id, &step, on, today(), &caller.address).await {
        Ok(()) => Ok(done(id)),
        Err(e) => again(&caller, id, vec![refusal(tr, e)?]).await,
    }
}

/// `POST /petitions/{case}/identity`: the filer's identity for a reader
/// cleared for it (P-7), the reading logged with its purpose; shown on
/// this answer only, never kept by the browser.
pub async fn identity(caller: Caller, Path(id): Path<i64>, Form(f): Form<IdentityForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    if f.purpose.trim().is_empty() {
        return again(&caller, id, vec![tr.t1("petition-problem-field", "field", tr.t("petition-field-purpose"))])
            .await;
    }
    let read = match caller.scoped().petitions().identity(id, &f.purpose, today(), &caller.address).await {
        Ok(read) => read,
        Err(e) => return again(&caller, id, vec![refusal(tr, e)?]).await,
    };
    let file = caller.scoped().petitions().case(id, today()).await?;
    let page = case_page(&caller, &file, read, Vec::new());
    Ok(([(header::CACHE_CONTROL, "no-store")], page).into_response())
}
