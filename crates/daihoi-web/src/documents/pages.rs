//! The document register (sổ văn bản): a searchable list, a document with
//! its links both ways (D-LINK-1) and its files, and the files themselves.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Multipart, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use daihoi_store::StoreError;
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
    problem: Option<String>,
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
}

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

async fn document_page(caller: &Caller, id: i64, problem: Option<String>) -> Result<DocumentPage, WebError> {
    document_page_kept(caller, id, problem, ConferenceValues::default()).await
}

async fn document_page_kept(
    caller: &Caller,
    id: i64,
    problem: Option<String>,
    diss: ConferenceValues,
) -> Result<DocumentPage, WebError> {
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
    let mut coverage = Vec::new();
    for root in scoped.orgs().roots(today).await? {
        let c = scoped.disseminations().coverage(&d, &root, today).await?;
        coverage.push(CoverageLine {
            org: (&root).into(),
            members_reached: c.members_reached,
            members_total: c.members_total,
            orgs_reached: c.orgs_reached,
            orgs_total: c.orgs_total,
            more: c.not_reached.len().saturating_sub(NOT_REACHED_SHOWN),
            not_reached: c.not_reached.iter().take(NOT_REACHED_SHOWN).map(OrgLine::from).collect(),
        });
    }
    let editable = scoped.documents().document_register(&d, today).await?.is_some();
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
        diss,
        conference_levels,
        tr: caller.tr,
        nav: caller.nav(),
        problem,
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
}

#[derive(Template, WebTemplate)]
#[template(path = "document_new.html")]
pub struct RegisterPage {
    tr: Tr,
    nav: Nav,
    registers: Vec<OrgLine>,
    form: RegisterForm,
    problem: Option<String>,
    /// The number as it will be stored, and the warnings the user confirms.
    warnings: Vec<String>,
    canonical: String,
}

impl RegisterPage {
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
        problem: None,
        warnings: Vec::new(),
        canonical: String::new(),
    })
}

/// `GET /documents/new`: the form to register a document.
pub async fn new_form(caller: Caller) -> Result<RegisterPage, WebError> {
    register_page(&caller, RegisterForm::default()).await
}

/// `POST /documents`: registers a document (D-NUM-1…5). A number read with
/// warnings (`QD` for `QĐ`, an unknown issuer) is shown normalised for the
/// user to confirm first; a refused one is explained.
pub async fn register(caller: Caller, Form(form): Form<RegisterForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let mut page = register_page(&caller, form.clone()).await?;
    let refuse = |mut page: RegisterPage, problem: String| {
        page.problem = Some(problem);
        Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let Some(issued_on) = daihoi_core::date::from_iso(form.issued_on.trim())
        .or_else(|| daihoi_core::date::parse_date(form.issued_on.trim()))
    else {
        return refuse(page, tr.t("document-form-bad-date"));
    };
    if form.title.trim().is_empty() {
        return refuse(page, tr.t("document-form-title-missing"));
    }
    let classification = match form.classification.as_str() {
        "" | "normal" => Classification::Normal,
        "confidential" => Classification::Confidential,
        "secret" => Classification::Secret,
        _ => return refuse(page, tr.t("document-form-bad-classification")),
    };
    let registry = daihoi_documents::Registry::default_party();
    let parsed = match daihoi_documents::parse_dated(&form.number, &registry, issued_on) {
        Ok(p) => p,
        Err(e) => return refuse(page, number_error_text(tr, &e)),
    };
    let today = crate::page::today();
    let scoped = caller.scoped();
    let Some(register) =
        scoped.documents().writable_registers(today).await?.into_iter().find(|n| n.code.as_str() == form.register)
    else {
        return refuse(page, tr.t("document-form-bad-register"));
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
    match scoped.documents().register_document(&register, &new, &caller.address).await {
        Ok(d) => Ok(axum::response::Redirect::to(&format!("/documents/{}", d.id)).into_response()),
        Err(StoreError::DuplicateDocument(_)) => {
            refuse(page, tr.t1("document-form-duplicate", "number", parsed.number.to_string()))
        }
        Err(e) => Err(e.into()),
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
/// document's number and date (D-NUM-5).
#[derive(Debug, Default, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub issued_on: String,
}

/// `POST /documents/{id}/links`: links this document to another registered
/// one (D-LINK-1).
pub async fn link(caller: Caller, Path(id): Path<i64>, Form(form): Form<LinkForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let d = scoped.documents().document(id).await?.ok_or(WebError::NotFound)?;
    let (kind, direction) =
        daihoi_documents::LinkKind::from_code(&form.kind).ok_or(WebError::BadInput("document-link-bad-kind"))?;
    if scoped.documents().document_register(&d, crate::page::today()).await?.is_none() {
        return Err(WebError::Forbidden);
    }
    let registry = daihoi_documents::Registry::default_party();
    let issued_on = daihoi_core::date::from_iso(form.issued_on.trim())
        .or_else(|| daihoi_core::date::parse_date(form.issued_on.trim()));
    let other = match (daihoi_documents::parse_number(&form.number, &registry), issued_on) {
        (Ok(p), Some(on)) => {
            let n = &p.number;
            scoped.documents().document_by_identity(n.issuer().as_str(), n.doc_type().as_str(), n.number(), on).await?
        }
        _ => None,
    };
    let Some(other) = other else {
        return link_refused(&caller, id, tr.t("document-link-not-found")).await;
    };
    match scoped.documents().link_documents(&d, &other, kind, direction, crate::page::today(), &caller.address).await {
        Ok(()) => Ok(axum::response::Redirect::to(&format!("/documents/{id}")).into_response()),
        Err(StoreError::BadLink(_)) => link_refused(&caller, id, tr.t("document-link-refused")).await,
        Err(e) => Err(e.into()),
    }
}

async fn link_refused(caller: &Caller, id: i64, problem: String) -> Result<Response, WebError> {
    let page = document_page(caller, id, Some(problem)).await?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
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
        async move {
            let page = document_page_kept(caller, id, Some(text), kept).await?;
            Ok::<Response, WebError>((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    };
    let form = match form {
        Ok(form) => form,
        Err(problem) => return refuse(problem).await,
    };
    let get = |k: &str| form.get(k);
    let Some(holder) = holders.into_iter().find(|n| n.code.as_str() == get("org")) else {
        return refuse(tr.t("document-form-bad-register")).await;
    };
    let Some(held_on) =
        daihoi_core::date::from_iso(&get("held_on")).or_else(|| daihoi_core::date::parse_date(&get("held_on")))
    else {
        return refuse(tr.t("dissemination-bad-date")).await;
    };
    if held_on > today {
        return refuse(tr.t("dissemination-bad-date")).await;
    }
    let title = get("title");
    if title.is_empty() {
        return refuse(tr.t("dissemination-title-missing")).await;
    }
    // Not chosen: the document's (the store keeps at least that).
    let classification = match get("classification").as_str() {
        "" => d.classification,
        code => match Classification::from_code(code) {
            Some(c) => c,
            None => return refuse(tr.t("document-form-bad-classification")).await,
        },
    };
    let new = daihoi_store::dissemination::NewDissemination {
        org: &holder.code,
        held_on,
        title: &title,
        level: &get("level"),
        notes: &get("notes"),
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
