//! Dissemination conferences (hội nghị học tập, quán triệt) as pages: the
//! conferences held in a subtree, one conference with who attended, and the
//! attendance a clerk adds once the list comes back from the cells. The
//! form that records a conference with a document lives on the document's
//! page (`documents/pages.rs`); both read attendance with [`read_attendance`].

use std::borrow::Borrow;
use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Query, State};
use axum::response::{IntoResponse, Response};
use daihoi_core::OrgCode;
use daihoi_core::members::CardNumber;
use daihoi_store::StoreError;
use daihoi_store::dissemination::{Attendance, Dissemination, Window};
use serde::Deserialize;

use crate::WebError;
use crate::access::{AppState, Caller};
use crate::documents::pages::DocumentLine;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::Nav;
use crate::page::Path;
use crate::page::uploads::{self, FieldRefusal, Uploads};

/// How many conferences a subtree's list shows.
const LISTED: u32 = 200;

/// How many attendees a conference's page lists at once, members and
/// organizations each (issue 14 §8, §9: the province's conference of
/// 18/11/2024 listed its 1,454 members and 3,832 organizations on one page).
pub const ATTENDEES_PER_PAGE: u64 = 100;

/// A conference as a line of a list.
pub struct ConferenceLine {
    pub id: i64,
    pub held_on: String,
    pub title: String,
    pub holder_code: String,
    pub holder_name: String,
    /// The numbers of the documents covered that the reader may see.
    pub documents: Vec<DocumentLine>,
    pub members: u64,
    pub orgs: u64,
}

#[derive(Template, WebTemplate)]
#[template(path = "disseminations.html")]
pub struct DisseminationsPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    conferences: Vec<ConferenceLine>,
    total: u64,
}

/// The documents of conferences the reader may see, as lines, each read
/// once however many conferences covered it; a document the reader is not
/// cleared for is left out (T-6: a conference is classified at least as
/// its documents, so this only matters if one is classified later).
#[derive(Default)]
struct DocumentLines(HashMap<i64, Option<DocumentLine>>);

impl DocumentLines {
    async fn of(&mut self, caller: &Caller, d: &Dissemination) -> Result<Vec<DocumentLine>, WebError> {
        let mut out = Vec::with_capacity(d.documents.len());
        for id in &d.documents {
            if !self.0.contains_key(id) {
                let line = match caller.scoped().documents().document(*id).await {
                    Ok(found) => found.map(|doc| crate::documents::pages::line(caller.tr, &doc)),
                    Err(StoreError::Forbidden(_)) => None,
                    Err(e) => return Err(e.into()),
                };
                self.0.insert(*id, line);
            }
            if let Some(Some(line)) = self.0.get(id) {
                out.push(line.clone());
            }
        }
        Ok(out)
    }
}

/// `GET /orgs/{code}/disseminations`: the conferences held in the subtree
/// (by the organizations in it on each conference's day), newest first.
pub async fn list(caller: Caller, Path(code): Path<String>) -> Result<DisseminationsPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let (found, total) = caller.scoped().disseminations().disseminations_in(&node, LISTED).await?;
    let mut documents = DocumentLines::default();
    let mut conferences = Vec::with_capacity(found.len());
    for c in found {
        conferences.push(ConferenceLine {
            id: c.dissemination.id,
            held_on: caller.tr.date(c.dissemination.held_on),
            documents: documents.of(&caller, &c.dissemination).await?,
            title: c.dissemination.title,
            holder_code: c.holder_code,
            holder_name: c.holder_name,
            members: c.members,
            orgs: c.orgs,
        });
    }
    Ok(DisseminationsPage { tr: caller.tr, nav: caller.nav(), org: (&node).into(), conferences, total })
}

#[derive(Template, WebTemplate)]
#[template(path = "dissemination.html")]
pub struct DisseminationPage {
    tr: Tr,
    nav: Nav,
    conference: ConferenceLine,
    level: String,
    notes: String,
    attendance: Attendance,
    /// The number of the first attendee listed, counted from 1.
    first: u64,
    /// Which of the members named this page lists, in words (when there are any).
    listed: String,
    /// The page of attendees (from 1) and how many pages there are.
    page: u64,
    pages: u64,
    /// Which of the organizations named this page lists, in words.
    orgs_listed: String,
    /// The page of organizations (from 1) and how many pages there are.
    orgs_page: u64,
    orgs_pages: u64,
    /// The reader may open the holder's page and its list of conferences
    /// (an attendee may read a conference without them).
    lists_holder: bool,
    /// The reader may add to the attendance.
    editable: bool,
    problem: Option<String>,
    /// What the refused form held, to type again less.
    members_typed: String,
    orgs_typed: String,
}

/// `?page=&orgs_page=` of a conference's page: the page of members and
/// the page of organizations, each from 1.
#[derive(Debug, Default, Deserialize)]
pub struct ShowParams {
    pub page: Option<u64>,
    pub orgs_page: Option<u64>,
}

impl DisseminationPage {
    /// The link to the members' page `page` and the organizations' page
    /// `orgs_page` (the second left out when it is the first).
    /// (The template passes a number or a reference to one.)
    fn link(&self, page: impl Borrow<u64>, orgs_page: impl Borrow<u64>) -> String {
        let (page, orgs_page) = (*page.borrow(), *orgs_page.borrow());
        if orgs_page > 1 { format!("?page={page}&orgs_page={orgs_page}") } else { format!("?page={page}") }
    }
}

async fn dissemination_page(
    caller: &Caller,
    id: i64,
    (page, orgs_page): (u64, u64),
    problem: Option<String>,
    typed: (String, String),
) -> Result<DisseminationPage, WebError> {
    let scoped = caller.scoped();
    let (d, holder) = scoped.disseminations().dissemination(id).await?.ok_or(WebError::NotFound)?;
    let (page, orgs_page) = (page.max(1), orgs_page.max(1));
    let offset = (page - 1).saturating_mul(ATTENDEES_PER_PAGE);
    let orgs_offset = (orgs_page - 1).saturating_mul(ATTENDEES_PER_PAGE);
    let attendance = scoped
        .disseminations()
        .attendance_page(&d, Window::new(offset, ATTENDEES_PER_PAGE), Window::new(orgs_offset, ATTENDEES_PER_PAGE))
        .await?;
    let conference = ConferenceLine {
        id: d.id,
        held_on: caller.tr.date(d.held_on),
        documents: DocumentLines::default().of(caller, &d).await?,
        title: d.title.clone(),
        holder_code: holder.code.to_string(),
        holder_name: holder.name.clone(),
        members: attendance.members_total(),
        orgs: attendance.orgs_total(),
    };
    Ok(DisseminationPage {
        tr: caller.tr,
        nav: caller.nav(),
        conference,
        level: d.level,
        notes: d.notes,
        first: offset.saturating_add(1),
        listed: listed(
            caller.tr,
            "dissemination-attendance-listed",
            offset,
            attendance.members.len(),
            attendance.members_readable,
        ),
        page,
        pages: attendance.members_readable.div_ceil(ATTENDEES_PER_PAGE).max(1),
        orgs_listed: listed(
            caller.tr,
            "dissemination-attendance-orgs-listed",
            orgs_offset,
            attendance.orgs.len(),
            attendance.orgs_readable,
        ),
        orgs_page,
        orgs_pages: attendance.orgs_readable.div_ceil(ATTENDEES_PER_PAGE).max(1),
        attendance,
        lists_holder: scoped.disseminations().may_list(&holder),
        editable: scoped.disseminations().may_record(&holder),
        problem,
        members_typed: typed.0,
        orgs_typed: typed.1,
    })
}

/// "Rows first–last of total", in `tr`'s words under `key`, for a page of
/// `shown` rows from `offset`.
fn listed(tr: crate::i18n::Tr, key: &str, offset: u64, shown: usize, total: u64) -> String {
    tr.t_args(
        key,
        &[
            ("first", tr.number(offset.saturating_add(1))),
            ("last", tr.number(offset.saturating_add(shown as u64))),
            ("total", tr.number(total)),
        ],
    )
}

/// `GET /disseminations/{id}?page=&orgs_page=`: a conference, its
/// documents and who attended, [`ATTENDEES_PER_PAGE`] members and as many
/// organizations at a time (those outside the reader's reach are only
/// counted).
pub async fn show(
    caller: Caller,
    Path(id): Path<i64>,
    Query(params): Query<ShowParams>,
) -> Result<DisseminationPage, WebError> {
    let pages = (params.page.unwrap_or(1), params.orgs_page.unwrap_or(1));
    dissemination_page(&caller, id, pages, None, (String::new(), String::new())).await
}

/// An attendance list as a form sends it: card numbers typed one per line
/// (`members`), a spreadsheet with a "Số thẻ đảng viên" column (`file`),
/// organization codes one per line (`orgs`), and the form's other fields
/// as text.
pub struct AttendanceForm {
    pub fields: HashMap<String, String>,
    pub cards: Vec<CardNumber>,
    pub orgs: Vec<OrgCode>,
}

impl AttendanceForm {
    /// A field, trimmed; empty when absent.
    pub fn get(&self, key: &str) -> String {
        self.fields.get(key).map(|v| v.trim().to_owned()).unwrap_or_default()
    }
}

/// Reads an attendance form. `Ok(Err(problem))` is a refusal in words for
/// the person (a bad card number, with the sheet and row when it comes from
/// the file; a bad code; a file that cannot be read), with the fields read
/// so far; `Err` is a request the page cannot read at all.
pub async fn read_attendance(
    tr: Tr,
    uploads: &Uploads,
    multipart: &mut Multipart,
) -> Result<(HashMap<String, String>, Result<AttendanceForm, String>), WebError> {
    let mut fields: HashMap<String, String> = HashMap::new();
    let mut upload = None;
    let too_large = |fields: HashMap<String, String>| {
        Ok((fields, Err(uploads::too_large_text(tr, crate::members::import::MAX_UPLOAD_BYTES))))
    };
    loop {
        let field = match multipart.next_field().await.map_err(|e| FieldRefusal::of(&e)) {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(FieldRefusal::TooLarge) => return too_large(fields),
            Err(FieldRefusal::Broken) => return Err(WebError::BadInput("import-bad-upload")),
        };
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            let file = field.file_name().unwrap_or("").to_owned();
            let bytes = match uploads::field_bytes(field).await {
                Ok(bytes) => bytes,
                Err(FieldRefusal::TooLarge) => return too_large(fields),
                Err(FieldRefusal::Broken) => return Err(WebError::BadInput("import-bad-upload")),
            };
            if !file.is_empty() && !bytes.is_empty() {
                upload = Some((file, bytes));
            }
        } else {
            let text = field.text().await.map_err(|_| WebError::BadInput("import-bad-upload"))?;
            fields.insert(name, text);
        }
    }
    let parsed = parse_attendance(tr, uploads, &fields, upload).await;
    Ok((fields.clone(), parsed.map(|(cards, orgs)| AttendanceForm { fields, cards, orgs })))
}

async fn parse_attendance(
    tr: Tr,
    uploads: &Uploads,
    fields: &HashMap<String, String>,
    upload: Option<(String, axum::body::Bytes)>,
) -> Result<(Vec<CardNumber>, Vec<OrgCode>), String> {
    let text = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    let mut cards = Vec::new();
    for line in text("members").lines().map(str::trim).filter(|l| !l.is_empty()) {
        cards.push(CardNumber::parse(line).map_err(|_| tr.t1("dissemination-bad-card", "value", line))?);
    }
    if let Some((file, bytes)) = upload {
        let format = daihoi_sheets::Format::from_path(std::path::Path::new(&file))
            .ok_or_else(|| tr.t1("import-bad-format", "file", &file))?;
        // Read and checked on a blocking thread, a few uploads at a time.
        let from_file = uploads
            .read(file, format, bytes, move |workbook| attendance_cards(tr, &workbook))
            .await
            .map_err(|e| uploads::sheet_error_text(tr, &e))?;
        cards.extend(from_file?);
    }
    let mut orgs = Vec::new();
    for line in text("orgs").lines().map(str::trim).filter(|l| !l.is_empty()) {
        orgs.push(OrgCode::parse(line).map_err(|_| tr.t1("dissemination-bad-org", "value", line))?);
    }
    Ok((cards, orgs))
}

/// The card numbers of an attendance list: the column whose header reads
/// "Số thẻ đảng viên" (or "số thẻ", "card") in the first sheet that has one,
/// every non-empty cell below it. Problems name the sheet, row and value.
fn attendance_cards(tr: Tr, workbook: &daihoi_sheets::Workbook) -> Result<Vec<CardNumber>, String> {
    for sheet in &workbook.sheets {
        for (r, row) in sheet.rows.iter().enumerate() {
            let Some(col) = row.iter().position(|cell| {
                let key = daihoi_core::search::search_key(cell);
                key.contains("so the") || key.contains("card")
            }) else {
                continue;
            };
            let mut cards = Vec::new();
            let mut problems = Vec::new();
            for (i, below) in sheet.rows.iter().enumerate().skip(r + 1) {
                let Some(value) = below.get(col).map(|v| v.trim()).filter(|v| !v.is_empty()) else { continue };
                match CardNumber::parse(value) {
                    Ok(card) => cards.push(card),
                    Err(_) => problems.push(tr.t_args(
                        "dissemination-bad-card-in-file",
                        &[("sheet", sheet.name.clone()), ("row", (i + 1).to_string()), ("value", value.to_owned())],
                    )),
                }
            }
            return if problems.is_empty() { Ok(cards) } else { Err(problems.join(" ")) };
        }
    }
    Err(tr.t1("dissemination-no-card-column", "file", &workbook.file))
}

/// The refusal of a store call on attendance, in words, when it is one a
/// person can correct (a card or a code not found within their reach).
pub fn attendance_refusal(tr: Tr, e: &StoreError) -> Option<String> {
    match e {
        StoreError::NotFound(what) => Some(tr.t1("dissemination-not-found", "what", what)),
        StoreError::HeldBeforeIssue { number, issued_on } => {
            Some(tr.t_args("dissemination-before-issue", &[("number", number.clone()), ("date", tr.date(*issued_on))]))
        }
        StoreError::OrgNotOnDate { code, .. } | StoreError::UnknownOrg(code) => {
            Some(tr.t1("dissemination-not-found", "what", code.to_string()))
        }
        _ => None,
    }
}

/// `POST /disseminations/{id}/attendance?csrf=…` (multipart): adds members
/// (typed or from a file) and organizations to a conference's attendance;
/// all or nothing, those already listed kept once.
pub async fn add_attendance(
    State(app): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let (d, holder) = scoped.disseminations().dissemination(id).await?.ok_or(WebError::NotFound)?;
    if !scoped.disseminations().may_record(&holder) {
        return Err(WebError::Forbidden);
    }
    let (fields, form) = read_attendance(tr, &app.uploads, &mut multipart).await?;
    let typed = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let refuse = |problem: String| async {
        let page = dissemination_page(&caller, id, (1, 1), Some(problem), (typed("members"), typed("orgs"))).await?;
        Ok::<Response, WebError>((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let form = match form {
        Ok(form) => form,
        Err(problem) => return refuse(problem).await,
    };
    if form.cards.is_empty() && form.orgs.is_empty() {
        return refuse(tr.t("dissemination-attendance-empty")).await;
    }
    match scoped.disseminations().add_attendance(&d, &form.cards, &form.orgs, &caller.address).await {
        Ok(_) => Ok(axum::response::Redirect::to(&format!("/disseminations/{id}#attendance")).into_response()),
        Err(e) => match attendance_refusal(tr, &e) {
            Some(problem) => refuse(problem).await,
            None => Err(e.into()),
        },
    }
}
