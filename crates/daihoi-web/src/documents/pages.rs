//! The document register (sổ văn bản): a searchable list, a document with
//! its links both ways (D-LINK-1) and its files, and the files themselves.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Multipart, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use daihoi_store::StoreError;
use daihoi_store::documents::incoming::EditRight;
use daihoi_store::documents::{Classification, Document, DocumentFile};
use serde::Deserialize;

use crate::WebError;
use crate::access::{AppState, Caller};
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::Nav;
use crate::page::Path;

/// A document as a line of a list.
#[derive(Clone)]
pub struct DocumentLine {
    pub id: i64,
    pub number: String,
    pub issued_on: String,
    pub title: String,
}

pub(crate) fn line(tr: Tr, d: &Document) -> DocumentLine {
    DocumentLine { id: d.id, number: d.number_label(), issued_on: tr.date(d.issued_on), title: d.title.clone() }
}

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents.html")]
pub struct DocumentsPage {
    tr: Tr,
    nav: Nav,
    q: String,
    documents: Vec<DocumentLine>,
    /// The user may register documents somewhere.
    may_register: bool,
}

/// `GET /documents?q=`: the register, newest first, searched by number,
/// title or summary without diacritics.
pub async fn list(caller: Caller, Query(p): Query<SearchParams>) -> Result<DocumentsPage, WebError> {
    let q = p.q.unwrap_or_default();
    let found = caller.scoped().documents().search_documents(&q, 200).await?;
    let may_register = !caller.scoped().documents().writable_registers(crate::page::today()).await?.is_empty();
    Ok(DocumentsPage {
        may_register,
        tr: caller.tr,
        nav: caller.nav(),
        documents: found.iter().map(|d| line(caller.tr, d)).collect(),
        q,
    })
}

/// A link as the page shows it: a Fluent key for the relation as seen from
/// this document (`link-guided_by`), and the other document.
pub struct LinkLine {
    pub key: String,
    pub other: DocumentLine,
}

/// How far the document has reached in one of the user's subtrees
/// (học tập, quán triệt), today.
pub struct CoverageLine {
    pub org: OrgLine,
    pub members_reached: u64,
    pub members_total: u64,
    pub orgs_reached: u64,
    pub orgs_total: u64,
    /// The first organizations not reached, and how many more there are.
    pub not_reached: Vec<OrgLine>,
    pub more: usize,
}

/// How many unreached organizations a page lists.
const NOT_REACHED_SHOWN: usize = 30;

#[derive(Template, WebTemplate)]
#[template(path = "document.html")]
pub struct DocumentPage {
    tr: Tr,
    nav: Nav,
    doc: DocumentLine,
    summary: String,
    links: Vec<LinkLine>,
    files: Vec<DocumentFile>,
    coverage: Vec<CoverageLine>,
    /// What was refused, every problem in words.
    problems: Vec<String>,
    /// The user writes in the register that holds it: the forms to attach
    /// a file and to link another document.
    editable: bool,
    /// Every relation as seen from this document: (code, Fluent key).
    link_kinds: Vec<(&'static str, String)>,
    /// The organizations where the user may record a conference.
    holders: Vec<OrgLine>,
    /// The classifications a conference on it may have (T-6: from the
    /// document's up to the user's clearance): (code, Fluent key).
    conference_levels: Vec<(&'static str, &'static str)>,
    today_iso: String,
    /// The conference form's values: as typed after a refusal (the form
    /// then open), else empty.
    diss: ConferenceValues,
    /// The link form's values, as typed after a refusal.
    link: LinkForm,
    /// The arrival form's values, as typed after a refusal.
    arrival: Option<crate::documents::incoming::ArrivalForm>,
    /// The forward form's values, as typed after a refusal.
    forward: Option<crate::documents::incoming::ForwardValues>,
    /// Why the user may not attach files or links, in words (`None`: may).
    edit_note: Option<String>,
    /// The documents that replace this one (D-LINK-1): it is marked as
    /// replaced, lists no organization "not yet studied", and a task from
    /// it asks for a confirmation.
    replaced_by: Vec<DocumentLine>,
    /// Its arrivals in the incoming registers the user reads.
    arrivals: Vec<crate::documents::incoming::ArrivalLine>,
    /// The copies forwarded, as far as the user reads; how many received.
    forwards: Vec<crate::documents::incoming::ForwardLine>,
    forwards_received: usize,
    /// The user's registers that may still enter it as arrived.
    arrival_registers: Vec<OrgLine>,
    /// Where the user may forward it from, and to whom.
    forward_choices: Vec<crate::documents::incoming::ForwardChoice>,
    /// The tasks given from it in the user's subtrees (the first ones) and how many.
    tasks: Vec<DocumentTaskLine>,
    tasks_total: u64,
    /// The conferences that studied it (the newest) and how many.
    conferences: Vec<ConferenceLine>,
    conferences_total: u64,
}

impl DocumentPage {
    /// The arrival form's register: the one typed after a refusal.
    fn arrival_org_is(&self, code: &str) -> bool {
        self.arrival.as_ref().is_some_and(|a| a.org.trim() == code)
    }

    /// The arrival form's day: as typed after a refusal, else today.
    fn arrival_on(&self) -> String {
        self.arrival.as_ref().map_or_else(|| self.today_iso.clone(), |a| a.arrived_on.clone())
    }

    fn arrival_sender(&self) -> String {
        self.arrival.as_ref().map(|a| a.sender.clone()).unwrap_or_default()
    }

    /// The forward form of `from` as typed after a refusal, if it was that one.
    fn forward_of(&self, from: &str) -> Option<&crate::documents::incoming::ForwardValues> {
        self.forward.as_ref().filter(|f| f.from == from)
    }

    fn forward_on(&self, from: &str) -> String {
        self.forward_of(from).map_or_else(|| self.today_iso.clone(), |f| f.on.clone())
    }

    fn forward_all(&self, from: &str) -> bool {
        self.forward_of(from).is_some_and(|f| f.all)
    }

    fn forward_to(&self, from: &str, code: &str) -> bool {
        self.forward_of(from).is_some_and(|f| f.to.iter().any(|t| t == code))
    }
}

/// A task given from the document, as its page lists it.
pub struct DocumentTaskLine {
    pub id: i64,
    pub title: String,
    pub org: String,
    pub deadline: String,
    /// The Fluent key of its workflow state.
    pub workflow: String,
    pub subtask: bool,
}

/// A conference that studied the document.
pub struct ConferenceLine {
    pub id: i64,
    pub held_on: String,
    pub title: String,
    pub org: String,
    pub org_name: String,
}

/// How many tasks and conferences the document's page lists.
const RELATED_SHOWN: usize = 50;

/// The fields of the conference form, kept as typed after a refusal; the
/// card numbers read from an attached file are added to the typed ones, so
/// that the file need not be chosen again (a browser never refills a file
/// field).
#[derive(Debug, Default, Clone)]
pub struct ConferenceValues {
    pub open: bool,
    pub org: String,
    pub held_on: String,
    pub title: String,
    pub level: String,
    pub classification: String,
    pub members: String,
    pub orgs: String,
    pub notes: String,
}

impl ConferenceValues {
    fn kept(fields: &std::collections::HashMap<String, String>, from_file: &[String]) -> ConferenceValues {
        let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
        let mut members = get("members").trim().to_owned();
        for card in from_file {
            if !members.lines().any(|l| l.trim() == card) {
                if !members.is_empty() {
                    members.push('\n');
                }
                members.push_str(card);
            }
        }
        ConferenceValues {
            open: true,
            org: get("org"),
            held_on: get("held_on"),
            title: get("title"),
            level: get("level"),
            classification: get("classification"),
            members,
            orgs: get("orgs"),
            notes: get("notes"),
        }
    }
}

/// `GET /documents/{id}`
pub async fn show(caller: Caller, Path(id): Path<i64>) -> Result<DocumentPage, WebError> {
    document_page(&caller, id, None).await
}

pub(crate) async fn document_page(caller: &Caller, id: i64, problem: Option<String>) -> Result<DocumentPage, WebError> {
    document_page_kept(caller, id, problem.into_iter().collect(), DocumentKept::default()).await
}

/// The document page's forms as typed, kept to show them again after a
/// refusal (one of them at a time; the others start empty).
#[derive(Debug, Default, Clone)]
pub(crate) struct DocumentKept {
    pub diss: ConferenceValues,
    pub link: LinkForm,
    pub arrival: Option<crate::documents::incoming::ArrivalForm>,
    pub forward: Option<crate::documents::incoming::ForwardValues>,
}

/// The document page again after a refused form: 422, every problem
/// named, what was typed kept.
pub(crate) async fn refused_page(
    caller: &Caller,
    id: i64,
    problems: Vec<String>,
    kept: DocumentKept,
) -> Result<Response, WebError> {
    let page = document_page_kept(caller, id, problems, kept).await?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn document_page_kept(
    caller: &Caller,
    id: i64,
    problems: Vec<String>,
    kept: DocumentKept,
) -> Result<DocumentPage, WebError> {
    let DocumentKept { diss, link, arrival, forward } = kept;
    let scoped = caller.scoped();
    let d = scoped.documents().document(id).await?.ok_or(WebError::NotFound)?;
    let links = scoped
        .documents()
        .document_links(&d)
        .await?
        .iter()
        .map(|l| LinkLine { key: format!("link-{}", l.kind.code_in(l.direction)), other: line(caller.tr, &l.other) })
        .collect();
    let today = crate::page::today();
    let tr = caller.tr;
    let replaced_by: Vec<DocumentLine> =
        scoped.documents().replaced_by(&d).await?.iter().map(|r| line(tr, r)).collect();
    let mut coverage = Vec::new();
    for root in scoped.orgs().roots(today).await? {
        let c = scoped.disseminations().coverage(&d, &root, today).await?;
        coverage.push(CoverageLine {
            org: (&root).into(),
            members_reached: c.members_reached,
            members_total: c.members_total,
            orgs_reached: c.orgs_reached,
            orgs_total: c.orgs_total,
            // A replaced document is no longer studied: no list of who has not.
            more: if replaced_by.is_empty() { c.not_reached.len().saturating_sub(NOT_REACHED_SHOWN) } else { 0 },
            not_reached: if replaced_by.is_empty() {
                c.not_reached.iter().take(NOT_REACHED_SHOWN).map(OrgLine::from).collect()
            } else {
                Vec::new()
            },
        });
    }
    let right = scoped.documents().edit_right(&d, today).await?;
    let editable = matches!(right, EditRight::Editable(_));
    let edit_note = edit_note(tr, &right);
    let incoming = incoming_parts(caller, &d).await?;
    let tasks = scoped.documents().tasks_from(&d, today, RELATED_SHOWN).await?;
    let conferences = scoped.documents().conferences_on(&d, RELATED_SHOWN).await?;
    let holders = scoped.documents().writable_registers(today).await?.iter().map(OrgLine::from).collect();
    let conference_levels = [Classification::Normal, Classification::Confidential, Classification::Secret]
        .into_iter()
        .filter(|c| *c >= d.classification && scoped.cleared(c))
        .map(|c| (c.code(), crate::tasks::create::classification_key(c)))
        .collect();
    let mut diss = diss;
    if diss.held_on.is_empty() {
        diss.held_on = daihoi_core::date::iso(today);
    }
    Ok(DocumentPage {
        edit_note,
        replaced_by,
        forwards_received: incoming.forwards.iter().filter(|f| f.received.is_some()).count(),
        arrivals: incoming.arrivals,
        forwards: incoming.forwards,
        arrival_registers: incoming.arrival_registers,
        forward_choices: incoming.forward_choices,
        tasks_total: tasks.total,
        tasks: tasks
            .items
            .iter()
            .map(|t| DocumentTaskLine {
                id: t.id,
                title: t.title.clone(),
                org: t.org.to_string(),
                deadline: tr.date_opt(t.deadline),
                workflow: crate::tasks::show::workflow_key(t.workflow).to_owned(),
                subtask: t.parent_id.is_some(),
            })
            .collect(),
        conferences_total: conferences.total,
        conferences: conferences
            .items
            .iter()
            .map(|c| ConferenceLine {
                id: c.id,
                held_on: tr.date(c.held_on),
                title: c.title.clone(),
                org: c.org_code.clone(),
                org_name: c.org_name.clone(),
            })
            .collect(),
        diss,
        link,
        arrival,
        forward,
        conference_levels,
        tr: caller.tr,
        nav: caller.nav(),
        problems,
        editable,
        holders,
        today_iso: daihoi_core::date::iso(today),
        link_kinds: daihoi_documents::LinkKind::ALL
            .iter()
            .flat_map(|k| [k.code(), k.inverse_code()])
            .map(|code| (code, format!("link-{code}")))
            .collect(),
        coverage,
        summary: d.summary.clone(),
        files: scoped.documents().document_files(&d).await?,
        links,
        doc: line(caller.tr, &d),
    })
}

/// Why the user may not change the document, in words.
fn edit_note(tr: Tr, right: &EditRight) -> Option<String> {
    match right {
        EditRight::Editable(_) => None,
        EditRight::KeptBy(keepers) => Some(tr.t1(
            "document-kept-by",
            "orgs",
            keepers.iter().map(|k| k.name.as_str()).collect::<Vec<_>>().join(", "),
        )),
        EditRight::Unkept => Some(tr.t("document-unkept")),
        EditRight::NotCleared => Some(tr.t("document-not-cleared")),
    }
}

/// The incoming side of a document's page.
struct IncomingParts {
    arrivals: Vec<crate::documents::incoming::ArrivalLine>,
    forwards: Vec<crate::documents::incoming::ForwardLine>,
    arrival_registers: Vec<OrgLine>,
    forward_choices: Vec<crate::documents::incoming::ForwardChoice>,
}

async fn incoming_parts(caller: &Caller, d: &Document) -> Result<IncomingParts, WebError> {
    use crate::documents::incoming::{ForwardChoice, arrival_line, forward_line, open_targets};
    let scoped = caller.scoped();
    let today = crate::page::today();
    let root_nodes = scoped.orgs().roots(today).await?;
    // The arrivals from outside the tree and those in the user's own
    // registers; a copy received below shows in the forwards' table.
    let arrivals = scoped.documents().arrivals_listed(d, &root_nodes).await?;
    let mut forwards = Vec::new();
    let sent = scoped.documents().forwards(d).await?;
    for f in &sent {
        let may = f.received.is_none() && scoped.documents().may_receive(&f.to);
        forwards.push(forward_line(caller.tr, f, may));
    }
    // Not received first, then in the order sent.
    forwards.sort_by_key(|f| f.received.is_some());
    // The forms to forward it: from the user's own registers only (a
    // province's administrator writes in every register that holds it,
    // 95 of them on a province, each with its children to tick).
    let holders = scoped.documents().own_forwarders(d, &root_nodes).await?;
    let arrival_registers = scoped
        .documents()
        .writable_registers(today)
        .await?
        .iter()
        // Not one that keeps it already, nor one it was sent to (its office
        // receives it instead).
        .filter(|r| {
            d.org_id != Some(r.id)
                && !arrivals.iter().any(|a| a.org.id == r.id)
                && !sent.iter().any(|f| f.to.id == r.id)
        })
        .map(OrgLine::from)
        .collect();
    let mut forward_choices = Vec::new();
    for from in &holders {
        let targets: Vec<OrgLine> = open_targets(caller, &sent, from).await?.iter().map(OrgLine::from).collect();
        forward_choices.push(ForwardChoice { from: from.into(), targets });
    }
    Ok(IncomingParts {
        arrivals: arrivals.iter().map(|a| arrival_line(caller.tr, a)).collect(),
        forwards,
        arrival_registers,
        forward_choices,
    })
}

/// `GET /documents/files/{id}`: the file as it was attached.
pub async fn file(caller: Caller, Path(id): Path<i64>) -> Result<Response, WebError> {
    let (meta, content) = caller.scoped().documents().file(id).await?.ok_or(WebError::NotFound)?;
    let disposition = crate::download::attachment(&meta.file_name);
    Ok((
        [
            (header::CONTENT_TYPE, meta.media_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        content,
    )
        .into_response())
}

// --- Registering documents, their files and links ---------------------------

/// A number's refusal or warning, in words.
fn number_error_text(tr: Tr, e: &daihoi_documents::NumberError) -> String {
    match e {
        daihoi_documents::NumberError::Empty => tr.t("document-form-number-missing"),
        daihoi_documents::NumberError::StateForm { text, .. } => tr.t1("document-form-state-number", "text", text),
        _ => tr.t("document-form-bad-number"),
    }
}

fn number_warning_text(tr: Tr, w: &daihoi_documents::NumberWarning) -> String {
    use daihoi_documents::NumberWarning as W;
    match w {
        W::AsciiD { written, canonical, .. } => {
            tr.t_args("document-warning-ascii-d", &[("written", written.clone()), ("canonical", canonical.clone())])
        }
        W::StateAbbreviation { written } => tr.t1("document-warning-state-abbreviation", "written", written),
        W::UnknownIssuer { code } => tr.t1("document-warning-unknown-issuer", "code", code),
        W::OutsideValidity { code, issued, .. } => {
            tr.t_args("document-warning-outside-validity", &[("code", code.clone()), ("date", tr.date(*issued))])
        }
    }
}

/// The register form's fields, kept to show them again.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    pub register: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub issued_on: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub classification: String,
    /// Set when the user saw the warnings and registers anyway.
    #[serde(default)]
    pub confirm: String,
    /// `incoming`: a document sent from elsewhere, entered in the incoming
    /// register (sổ văn bản đến) with the day it came and its sender; else
    /// one issued by the organization (văn bản đi).
    #[serde(default)]
    pub side: String,
    #[serde(default)]
    pub arrived_on: String,
    #[serde(default)]
    pub sender: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "document_new.html")]
pub struct RegisterPage {
    tr: Tr,
    nav: Nav,
    registers: Vec<OrgLine>,
    form: RegisterForm,
    /// Every problem of a refused form, in words.
    problems: Vec<String>,
    /// The number as it will be stored, and the warnings the user confirms.
    warnings: Vec<String>,
    canonical: String,
}

impl RegisterPage {
    fn incoming(&self) -> bool {
        self.form.side == "incoming"
    }

    fn is_register(&self, code: &str) -> bool {
        self.form.register == code
    }

    fn is_classification(&self, code: &str) -> bool {
        self.form.classification == code || (self.form.classification.is_empty() && code == "normal")
    }
}

async fn register_page(caller: &Caller, form: RegisterForm) -> Result<RegisterPage, WebError> {
    let registers = caller.scoped().documents().writable_registers(crate::page::today()).await?;
    if registers.is_empty() {
        return Err(WebError::Forbidden);
    }
    Ok(RegisterPage {
        tr: caller.tr,
        nav: caller.nav(),
        registers: registers.iter().map(OrgLine::from).collect(),
        form,
        problems: Vec::new(),
        warnings: Vec::new(),
        canonical: String::new(),
    })
}

/// `?side=incoming&register=CODE`: what the register form starts with.
#[derive(Debug, Default, Deserialize)]
pub struct NewDocumentQuery {
    pub side: Option<String>,
    pub register: Option<String>,
}

/// `GET /documents/new`: the form to register a document, issued here or
/// come from elsewhere (`?side=incoming`).
pub async fn new_form(caller: Caller, Query(q): Query<NewDocumentQuery>) -> Result<RegisterPage, WebError> {
    let form = RegisterForm {
        side: q.side.unwrap_or_default(),
        register: q.register.unwrap_or_default(),
        ..RegisterForm::default()
    };
    register_page(&caller, form).await
}

/// `POST /documents`: registers a document (D-NUM-1…5). A number read with
/// warnings (`QD` for `QĐ`, an unknown issuer) is shown normalised for the
/// user to confirm first; a refused one is explained.
pub async fn register(caller: Caller, Form(form): Form<RegisterForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let mut page = register_page(&caller, form.clone()).await?;
    let refuse = |mut page: RegisterPage, problems: Vec<String>| {
        page.problems = problems;
        Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let day =
        |text: &str| daihoi_core::date::from_iso(text.trim()).or_else(|| daihoi_core::date::parse_date(text.trim()));
    // Every problem at once.
    let mut problems = Vec::new();
    let issued_on = day(&form.issued_on);
    if issued_on.is_none() {
        problems.push(tr.t("document-form-bad-date"));
    }
    if form.title.trim().is_empty() {
        problems.push(tr.t("document-form-title-missing"));
    }
    // TEXT-1 as the store checks it, named with the others.
    use daihoi_core::text::{NOTE_MAX_CHARS, TITLE_MAX_CHARS, line, paragraphs};
    let text = |label, checked| crate::page::text_refusal(tr, label, checked);
    problems.extend(text("documents-col-title", line(form.title.trim(), TITLE_MAX_CHARS)));
    problems.extend(text("document-form-summary", paragraphs(form.summary.trim(), NOTE_MAX_CHARS)));
    let incoming = form.side == "incoming";
    let arrived_on = if incoming {
        let on = day(&form.arrived_on);
        if on.is_none() {
            problems.push(tr.t("document-form-bad-arrival-date"));
        }
        if form.sender.trim().is_empty() {
            problems.push(tr.t("document-arrival-sender-missing"));
        }
        problems.extend(text("document-arrival-sender", line(form.sender.trim(), TITLE_MAX_CHARS)));
        on
    } else {
        None
    };
    let classification = match form.classification.as_str() {
        "" | "normal" => Some(Classification::Normal),
        "confidential" => Some(Classification::Confidential),
        "secret" => Some(Classification::Secret),
        _ => {
            problems.push(tr.t("document-form-bad-classification"));
            None
        }
    };
    let registry = daihoi_documents::Registry::default_party();
    let parsed = match issued_on {
        Some(on) => daihoi_documents::parse_dated(&form.number, &registry, on),
        None => daihoi_documents::parse_number(&form.number, &registry),
    }
    .map_err(|e| problems.push(number_error_text(tr, &e)))
    .ok();
    let today = crate::page::today();
    let scoped = caller.scoped();
    let register =
        scoped.documents().writable_registers(today).await?.into_iter().find(|n| n.code.as_str() == form.register);
    if register.is_none() {
        problems.push(tr.t("document-form-bad-register"));
    }
    let (Some(issued_on), Some(classification), Some(parsed), Some(register), true) =
        (issued_on, classification, parsed, register, problems.is_empty())
    else {
        return refuse(page, problems);
    };
    if !parsed.warnings.is_empty() && form.confirm != "1" {
        page.canonical = parsed.number.to_string();
        page.warnings = parsed.warnings.iter().map(|w| number_warning_text(tr, w)).collect();
        return Ok((axum::http::StatusCode::OK, page).into_response());
    }
    let number = &parsed.number;
    let number_text = number.number_text();
    let new = daihoi_store::documents::NewDocument {
        doc_type: number.doc_type().as_str(),
        issuer: number.issuer().as_str(),
        number: number.number(),
        number_text: &number_text,
        issued_on,
        title: form.title.trim(),
        summary: form.summary.trim(),
        classification,
        org: None,
    };
    let done = match arrived_on {
        Some(arrived_on) => {
            let arrival = daihoi_store::documents::incoming::NewArrival { arrived_on, sender: form.sender.trim() };
            scoped.documents().register_incoming(&register, &new, arrival, &caller.address).await.map(|(d, _)| d)
        }
        None => scoped.documents().register_document(&register, &new, &caller.address).await,
    };
    match done {
        Ok(d) => Ok(axum::response::Redirect::to(&format!("/documents/{}", d.id)).into_response()),
        Err(StoreError::DuplicateDocument(_)) => {
            refuse(page, vec![tr.t1("document-form-duplicate", "number", parsed.number.to_string())])
        }
        Err(e) => match crate::documents::incoming::refusal_text(tr, &e) {
            Some(problem) => refuse(page, vec![problem]),
            None => Err(e.into()),
        },
    }
}

/// The largest attached file (a scanned resolution fits).
pub const MAX_FILE_BYTES: usize = 40 << 20;

/// `POST /documents/{id}/files?csrf=…` (multipart, field `file`): attaches a
/// file as it is.
pub async fn attach(caller: Caller, Path(id): Path<i64>, mut multipart: Multipart) -> Result<Response, WebError> {
    let scoped = caller.scoped();
    let d = scoped.documents().document(id).await?.ok_or(WebError::NotFound)?;
    let mut upload = None;
    while let Some(field) = multipart.next_field().await.map_err(|_| WebError::BadInput("import-bad-upload"))? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("").to_owned();
            let media = field.content_type().unwrap_or("application/octet-stream").to_owned();
            let bytes = field.bytes().await.map_err(|_| WebError::BadInput("import-bad-upload"))?;
            upload = Some((name, media, bytes));
        }
    }
    let Some((name, media, bytes)) = upload.filter(|(n, _, b)| !n.is_empty() && !b.is_empty()) else {
        return Err(WebError::BadInput("import-no-file"));
    };
    scoped.documents().attach_file(&d, &name, &media, &bytes, crate::page::today(), &caller.address).await?;
    Ok(axum::response::Redirect::to(&format!("/documents/{id}")).into_response())
}

/// A link to add: the kind as seen from this document, and the other
/// document's number and date (D-NUM-5); kept as typed after a refusal.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub issued_on: String,
}

/// `POST /documents/{id}/links`: links this document to another registered
/// one (D-LINK-1). A refusal shows the page again with what was typed and
/// every problem named (422); a kind the page does not offer is a 400.
pub async fn link(caller: Caller, Path(id): Path<i64>, Form(form): Form<LinkForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let d = scoped.documents().document(id).await?.ok_or(WebError::NotFound)?;
    // The page's list offers only these: another kind was not sent by it.
    let (kind, direction) =
        daihoi_documents::LinkKind::from_code(&form.kind).ok_or(WebError::BadInput("document-link-bad-kind"))?;
    if scoped.documents().document_register(&d, crate::page::today()).await?.is_none() {
        return Err(WebError::Forbidden);
    }
    let mut kept_form = form.clone();
    let registry = daihoi_documents::Registry::default_party();
    let mut problems = Vec::new();
    let number = daihoi_documents::parse_number(&form.number, &registry)
        .map_err(|e| problems.push(number_error_text(tr, &e)))
        .ok();
    let typed_on = form.issued_on.trim();
    let issued_on = match typed_on {
        "" => None,
        text => match daihoi_core::date::from_iso(text).or_else(|| daihoi_core::date::parse_date(text)) {
            Some(on) => {
                // The date field shows it again only as `yyyy-mm-dd`.
                kept_form.issued_on = daihoi_core::date::iso(on);
                Some(on)
            }
            None => {
                problems.push(tr.t("document-form-bad-date"));
                None
            }
        },
    };
    let kept = DocumentKept { link: kept_form, ..DocumentKept::default() };
    let Some(parsed) = number.filter(|_| problems.is_empty()) else {
        return refused_page(&caller, id, problems, kept).await;
    };
    let n = &parsed.number;
    let other = match issued_on {
        Some(on) => {
            scoped.documents().document_by_identity(n.issuer().as_str(), n.doc_type().as_str(), n.number(), on).await?
        }
        // No date: enough when one registered document has this number
        // (D-NUM-5 needs the date only to tell several apart).
        None => {
            let mut found =
                scoped.documents().documents_numbered(n.issuer().as_str(), n.doc_type().as_str(), n.number()).await?;
            if found.len() > 1 {
                let problem = tr.t1("document-link-needs-date", "count", found.len());
                return refused_page(&caller, id, vec![problem], kept).await;
            }
            found.pop()
        }
    };
    let Some(other) = other else {
        return refused_page(&caller, id, vec![tr.t("document-link-not-found")], kept).await;
    };
    match scoped.documents().link_documents(&d, &other, kind, direction, crate::page::today(), &caller.address).await {
        Ok(()) => Ok(axum::response::Redirect::to(&format!("/documents/{id}")).into_response()),
        Err(StoreError::BadLink(_)) => refused_page(&caller, id, vec![tr.t("document-link-refused")], kept).await,
        Err(e) => Err(e.into()),
    }
}

// --- Dissemination conferences (hội nghị học tập, quán triệt) ---------------

/// `POST /documents/{id}/disseminations?csrf=…` (multipart): records a
/// conference that disseminated this document, held by an organization
/// where the user writes, with its attendance typed (card numbers and
/// organization codes, one per line) and/or imported from a spreadsheet's
/// "Số thẻ đảng viên" column.
pub async fn disseminate(
    State(app): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let d = scoped.documents().document(id).await?.ok_or(WebError::NotFound)?;
    let (fields, form) = crate::dissemination::pages::read_attendance(tr, &app.uploads, &mut multipart).await?;
    let today = crate::page::today();
    let holders = scoped.documents().writable_registers(today).await?;
    if holders.is_empty() {
        return Err(WebError::Forbidden);
    }
    // A refusal shows the form again as typed, with the file's cards.
    let from_file: Vec<String> = match &form {
        Ok(f) => f.cards.iter().map(ToString::to_string).collect(),
        Err(_) => Vec::new(),
    };
    let kept = ConferenceValues::kept(&fields, &from_file);
    let refuse = |text: String| {
        let kept = kept.clone();
        let caller = &caller;
        async move { refused_page(caller, id, vec![text], DocumentKept { diss: kept, ..DocumentKept::default() }).await }
    };
    let form = match form {
        Ok(form) => form,
        Err(problem) => return refuse(problem).await,
    };
    let get = |k: &str| form.get(k);
    // Every problem at once.
    let mut problems = Vec::new();
    let holder = holders.into_iter().find(|n| n.code.as_str() == get("org"));
    if holder.is_none() {
        problems.push(tr.t("document-form-bad-register"));
    }
    let held_on = daihoi_core::date::from_iso(&get("held_on"))
        .or_else(|| daihoi_core::date::parse_date(&get("held_on")))
        .filter(|on| *on <= today);
    if held_on.is_none() {
        problems.push(tr.t("dissemination-bad-date"));
    }
    let title = get("title");
    if title.is_empty() {
        problems.push(tr.t("dissemination-title-missing"));
    }
    let (level, notes) = (get("level"), get("notes"));
    // TEXT-1 as the store checks it, named with the others.
    {
        use daihoi_core::text::{LABEL_MAX_CHARS, NOTE_MAX_CHARS, TITLE_MAX_CHARS, line, optional_line, paragraphs};
        let text = |label, checked| crate::page::text_refusal(tr, label, checked);
        problems.extend(text("dissemination-title", line(&title, TITLE_MAX_CHARS)));
        problems.extend(text("dissemination-level", optional_line(&level, LABEL_MAX_CHARS)));
        problems.extend(text("dissemination-notes", paragraphs(&notes, NOTE_MAX_CHARS)));
    }
    // Not chosen: the document's (the store keeps at least that).
    let classification = match get("classification").as_str() {
        "" => Some(d.classification),
        code => Classification::from_code(code),
    };
    if classification.is_none() {
        problems.push(tr.t("document-form-bad-classification"));
    }
    let (Some(holder), Some(held_on), Some(classification), true) =
        (holder, held_on, classification, problems.is_empty())
    else {
        return refused_page(&caller, id, problems, DocumentKept { diss: kept, ..DocumentKept::default() }).await;
    };
    let new = daihoi_store::dissemination::NewDissemination {
        org: &holder.code,
        held_on,
        title: &title,
        level: &level,
        notes: &notes,
        documents: &[d.id],
        classification,
    };
    match scoped.disseminations().record_dissemination(&new, &form.cards, &form.orgs, &caller.address).await {
        Ok(c) => Ok(axum::response::Redirect::to(&format!("/disseminations/{}", c.id)).into_response()),
        Err(e) => match crate::dissemination::pages::attendance_refusal(tr, &e) {
            Some(problem) => refuse(problem).await,
            None => Err(e.into()),
        },
    }
}
