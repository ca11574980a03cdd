//! From the adopted resolution to tracking, and back (issue 17 item 6;
//! C-PLAN-7, T-1, T-5): the congress's resolution page (the adoption form
//! with its items as rows, or the resolution registered with the targets
//! and tasks it created) and a review report's section "Kết quả thực hiện
//! Nghị quyết Đại hội nhiệm kỳ trước" computed on a date from tracking,
//! inserted with one action as the draft's next version (through the
//! drafts' `add_version`); the API twins. Every read and write goes
//! through the store's `congress_documents()` facet.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use daihoi_core::OrgCode;
use daihoi_drafts::{Block, DocumentKind};
use daihoi_store::congress_documents::{
    AdoptedResolution, Adoption, CongressDocument, MAX_ITEMS, NewGoal, NewItem, ReviewSection, VersionSource,
};
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::{Scoped, StoreError};
use daihoi_tracking::{DeadlineStatus, Direction, Workflow};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};

use super::api::{DocumentPath, VersionJson, congress_of as api_congress, draft_of, version_json};
use super::view::{congress_of, refusal};
use crate::WebError;
use crate::access::Caller;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::api::{CodePath, date_text};
use crate::i18n::{Lang, Tr};
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};
use crate::tasks::show::{decimal, percent};

/// The rows of the adoption form shown empty.
const BLANK_ROWS: usize = 8;

// ---------------------------------------------------------------------
// What the page and the API share.

/// A row of the adoption as typed (the page's form, the API's body).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolutionItemBody {
    /// `task` (nhiệm vụ, T-1) or `target` (chỉ tiêu, T-5).
    #[schema(example = "target")]
    pub kind: String,
    /// The paragraph of the adopted version it comes from, by the number
    /// the draft's page shows (from 1).
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    #[schema(minimum = 1, maximum = 4294967295.0, example = 2)]
    pub paragraph: u32,
    #[schema(example = "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ")]
    pub title: String,
    /// The organization responsible (the congress's by default).
    #[serde(default)]
    pub org: Option<String>,
    #[serde(default)]
    #[schema(format = Date, example = "2030-06-30")]
    pub deadline: Option<String>,
    /// A target's unit.
    #[serde(default)]
    #[schema(example = "%")]
    pub unit: Option<String>,
    #[serde(default)]
    pub baseline: Option<f64>,
    /// A target's goal.
    #[serde(default)]
    pub goal: Option<f64>,
    /// A target's direction: `higher` (more is better, the default) or `lower`.
    #[serde(default)]
    #[schema(example = "higher")]
    pub direction: Option<String>,
}

/// Why a row cannot be read, before the store sees it.
enum RowProblem {
    Kind(usize),
    Org(usize, String),
    Date(usize, String),
    Direction(usize),
}

/// The store's items from typed rows: their codes and dates read.
fn items_of<'a>(rows: &'a [ResolutionItemBody], codes: &'a [Option<OrgCode>]) -> Result<Vec<NewItem<'a>>, RowProblem> {
    let mut items = Vec::with_capacity(rows.len());
    for (i, (row, org)) in rows.iter().zip(codes).enumerate() {
        let n = i + 1;
        let deadline = match row.deadline.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => Some(
                daihoi_core::date::from_iso(d)
                    .or_else(|| daihoi_core::date::parse_date(d))
                    .ok_or_else(|| RowProblem::Date(n, d.to_owned()))?,
            ),
        };
        let goal = match row.kind.trim() {
            "task" => None,
            "target" => Some(NewGoal {
                unit: row.unit.as_deref().unwrap_or(""),
                baseline: row.baseline,
                goal: row.goal,
                direction: match row.direction.as_deref().map(str::trim).unwrap_or("higher") {
                    "" | "higher" => Direction::HigherIsBetter,
                    "lower" => Direction::LowerIsBetter,
                    _ => return Err(RowProblem::Direction(n)),
                },
            }),
            _ => return Err(RowProblem::Kind(n)),
        };
        items.push(NewItem { title: &row.title, paragraph: row.paragraph, org: org.as_ref(), deadline, goal });
    }
    Ok(items)
}

fn codes_of(rows: &[ResolutionItemBody]) -> Result<Vec<Option<OrgCode>>, RowProblem> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| match r.org.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None => Ok(None),
            Some(c) => OrgCode::parse(c).map(Some).map_err(|_| RowProblem::Org(i + 1, c.to_owned())),
        })
        .collect()
}

fn row_problem(tr: Tr, p: RowProblem) -> String {
    match p {
        RowProblem::Kind(n) => tr.t1("resolution-problem-kind", "row", n),
        RowProblem::Org(n, c) => tr.t_args("resolution-problem-org", &[("row", n.to_string()), ("code", c)]),
        RowProblem::Date(n, d) => tr.t_args("resolution-problem-date", &[("row", n.to_string()), ("value", d)]),
        RowProblem::Direction(n) => tr.t1("resolution-problem-direction", "row", n),
    }
}

fn row_error(p: RowProblem) -> ApiError {
    let tr = Tr::new(Lang::En);
    ApiError::new(ErrorCode::Unprocessable, row_problem(tr, p))
}

/// A typed baseline or goal: empty is none; otherwise a number as the
/// task forms read one (`tasks::events::parse_number`).
fn number_in(text: &str) -> Result<Option<f64>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::tasks::events::parse_number(text).map(Some).ok_or(())
}

// ---------------------------------------------------------------------
// The resolution page.

/// `?round=&saved=`.
#[derive(Debug, Default, Deserialize)]
pub struct ResolutionParam {
    pub round: Option<String>,
    pub saved: Option<String>,
}

/// An item the adoption created.
pub struct ItemView {
    pub kind: String,
    pub title: String,
    pub clause: String,
    pub org: String,
    pub deadline: String,
    pub task_id: i64,
    /// A target's baseline, goal and unit in words.
    pub goal: String,
}

/// The resolution adopted.
pub struct AdoptedView {
    pub number: String,
    pub document_id: i64,
    pub title: String,
    pub adopted_on: String,
    pub version: u32,
    pub by: String,
    pub items: Vec<ItemView>,
}

/// A row of the form, as typed.
#[derive(Debug, Clone, Default)]
pub struct RowView {
    pub kind: String,
    pub paragraph: String,
    pub title: String,
    pub org: String,
    pub deadline: String,
    pub unit: String,
    pub baseline: String,
    pub goal: String,
    pub direction: String,
}

/// A paragraph of the draft resolution's latest version, for the rows.
pub struct ParagraphLine {
    pub number: u32,
    pub text: String,
}

/// The congress's resolution: the adoption form or the resolution adopted.
#[derive(Template, WebTemplate)]
#[template(path = "congress_resolution.html")]
pub struct ResolutionPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    held: bool,
    /// The draft resolution (its id, title and latest version).
    draft: Option<(i64, String, u32)>,
    paragraphs: Vec<ParagraphLine>,
    adopted: Option<AdoptedView>,
    may_adopt: bool,
    /// The [open] question the adoption awaits (its words, its code on the
    /// round's page): the form is not offered until it is answered.
    awaiting: Option<(String, String)>,
    rows: Vec<RowView>,
    number: String,
    title: String,
    adopted_on: String,
    saved: bool,
    problems: Vec<String>,
}

fn goal_words(tr: Tr, target: &daihoi_tracking::Target) -> String {
    tr.t_args(
        "resolution-goal",
        &[
            ("baseline", decimal(tr, target.baseline)),
            ("goal", decimal(tr, target.target)),
            ("unit", target.unit.clone()),
        ],
    )
}

async fn adopted_view(scoped: &Scoped<'_>, tr: Tr, r: &AdoptedResolution) -> Result<AdoptedView, WebError> {
    let tasks = scoped.tasks();
    let mut items = Vec::with_capacity(r.items.len());
    for item in &r.items {
        // T-6: a task the reader may not read is left out.
        let Ok(Some(task)) = tasks.task(item.task_id, today()).await else { continue };
        let goal = match item.target_id {
            Some(id) => match tasks.targets(&task).await?.into_iter().find(|t| t.id == id) {
                Some(t) => goal_words(tr, t.series.target()),
                None => String::new(),
            },
            None => String::new(),
        };
        items.push(ItemView {
            kind: tr.t(if item.target_id.is_some() { "resolution-kind-target" } else { "resolution-kind-task" }),
            title: task.title.clone(),
            clause: task.clause.clone(),
            org: task.org.to_string(),
            deadline: tr.date_opt(task.deadline),
            task_id: task.id,
            goal,
        });
    }
    Ok(AdoptedView {
        number: r.document.number_label(),
        document_id: r.document.id,
        title: r.document.title.clone(),
        adopted_on: tr.date(r.adopted_on),
        version: r.version,
        by: r.adopted.by.clone(),
        items,
    })
}

#[allow(clippy::too_many_arguments)]
async fn resolution_page(
    caller: &Caller,
    round: Round,
    congress: Congress,
    rows: Vec<RowView>,
    head: (String, String, String),
    saved: bool,
    problems: Vec<String>,
) -> Result<ResolutionPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let docs = scoped.congress_documents();
    let draft = docs.draft_resolution(&congress).await?;
    let adopted = match docs.resolution(&congress).await {
        Ok(Some(r)) => Some(adopted_view(&scoped, tr, &r).await?),
        Ok(None) => None,
        Err(StoreError::Forbidden(_)) => return Err(WebError::Forbidden),
        Err(e) => return Err(e.into()),
    };
    let paragraphs = draft
        .as_ref()
        .map(|(_, v)| {
            v.text
                .paragraphs()
                .enumerate()
                .map(|(i, (_, p))| ParagraphLine {
                    number: i as u32 + 1,
                    text: p.text.chars().take(90).collect::<String>(),
                })
                .collect()
        })
        .unwrap_or_default();
    let awaiting = match &adopted {
        Some(_) => None,
        None => docs
            .adoption_awaits(&congress)
            .await?
            .map(|a| (tr.t(&crate::congresses::view::question_key(a.question)), a.question.code().to_owned())),
    };
    let mut rows = rows;
    while rows.len() < BLANK_ROWS {
        rows.push(RowView { kind: "task".into(), direction: "higher".into(), ..RowView::default() });
    }
    Ok(ResolutionPage {
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        held: congress.plan.is_held(),
        draft: draft.map(|(d, v)| (d.id, d.title, v.number)),
        paragraphs,
        adopted,
        may_adopt: docs.may_adopt(&congress),
        awaiting,
        rows,
        number: head.0,
        title: head.1,
        adopted_on: head.2,
        saved,
        problems,
        round,
    })
}

/// `GET /orgs/{code}/congress/resolution?round=`.
pub async fn show(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<ResolutionParam>,
) -> Result<ResolutionPage, WebError> {
    let (round, congress) = congress_of(&caller, &code, p.round.as_deref()).await?;
    resolution_page(&caller, round, congress, Vec::new(), Default::default(), p.saved.is_some(), Vec::new()).await
}

/// The adoption form's fields in order: `round`, `number`, `title`,
/// `adopted_on`, then each row's `kind`, `paragraph`, `item_title`, `org`,
/// `deadline`, `unit`, `baseline`, `goal`, `direction` (a `kind` starts
/// a row).
fn form_rows(fields: &[(String, String)]) -> (std::collections::HashMap<&str, &str>, Vec<RowView>) {
    let mut head = std::collections::HashMap::new();
    let mut rows: Vec<RowView> = Vec::new();
    for (k, v) in fields {
        if k == "kind" {
            rows.push(RowView { kind: v.clone(), ..RowView::default() });
            continue;
        }
        match (rows.last_mut(), k.as_str()) {
            (Some(r), "paragraph") => r.paragraph = v.clone(),
            (Some(r), "item_title") => r.title = v.clone(),
            (Some(r), "org") => r.org = v.clone(),
            (Some(r), "deadline") => r.deadline = v.clone(),
            (Some(r), "unit") => r.unit = v.clone(),
            (Some(r), "baseline") => r.baseline = v.clone(),
            (Some(r), "goal") => r.goal = v.clone(),
            (Some(r), "direction") => r.direction = v.clone(),
            _ => {
                head.insert(k.as_str(), v.as_str());
            }
        }
    }
    (head, rows)
}

/// `POST /orgs/{code}/congress/resolution`: the office adopts the
/// resolution with its items (empty rows are skipped).
pub async fn adopt(
    caller: Caller,
    Path(code): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (head, rows) = form_rows(&fields);
    let (round, congress) = congress_of(&caller, &code, head.get("round").copied()).await?;
    let scoped = caller.scoped();
    if !scoped.congress_documents().may_adopt(&congress) {
        return Err(WebError::Forbidden);
    }
    let rows: Vec<RowView> =
        rows.into_iter().filter(|r| !(r.title.trim().is_empty() && r.paragraph.trim().is_empty())).collect();
    let mut problems = Vec::new();
    let mut bodies = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let n = i + 1;
        let paragraph = r.paragraph.trim().parse::<u32>().unwrap_or(0);
        let (Ok(baseline), Ok(goal)) = (number_in(&r.baseline), number_in(&r.goal)) else {
            problems.push(tr.t1("resolution-problem-number", "row", n));
            continue;
        };
        bodies.push(ResolutionItemBody {
            kind: r.kind.clone(),
            paragraph,
            title: r.title.clone(),
            org: Some(r.org.clone()),
            deadline: Some(r.deadline.clone()),
            unit: Some(r.unit.clone()),
            baseline,
            goal,
            direction: Some(r.direction.clone()),
        });
    }
    let number = head.get("number").map(|t| t.trim()).unwrap_or("");
    let number_value = match number {
        "" => None,
        n => match n.parse::<u32>() {
            Ok(v) => Some(v),
            Err(_) => {
                problems.push(tr.t1("resolution-problem-register-number", "value", n));
                None
            }
        },
    };
    let adopted_on_text = head.get("adopted_on").map(|t| t.trim()).unwrap_or("");
    let adopted_on = match adopted_on_text {
        "" => None,
        d => match daihoi_core::date::from_iso(d).or_else(|| daihoi_core::date::parse_date(d)) {
            Some(d) => Some(d),
            None => {
                problems.push(tr.t1("resolution-problem-adopted-on", "value", d));
                None
            }
        },
    };
    let title = head.get("title").copied().unwrap_or("");
    if problems.is_empty() {
        match codes_of(&bodies) {
            Err(p) => problems.push(row_problem(tr, p)),
            Ok(codes) => match items_of(&bodies, &codes) {
                Err(p) => problems.push(row_problem(tr, p)),
                Ok(items) => {
                    let adoption = Adoption { number: number_value, title, adopted_on, items: &items };
                    match scoped.congress_documents().adopt_resolution(&congress, &adoption, &caller.address).await {
                        Ok(_) => {
                            let to =
                                format!("/orgs/{}/congress/resolution?round={}&saved=1", congress.org.code, round.code);
                            return Ok(Redirect::to(&to).into_response());
                        }
                        Err(StoreError::Forbidden(_)) => return Err(WebError::Forbidden),
                        Err(e) => problems.push(refusal(tr, e)?),
                    }
                }
            },
        }
    }
    let head = (number.to_owned(), title.to_owned(), adopted_on_text.to_owned());
    let page = resolution_page(&caller, round, congress, rows, head, false, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

// ---------------------------------------------------------------------
// The review section.

/// A target of the section, in words.
pub struct TargetLine {
    pub title: String,
    pub unit: String,
    pub baseline: String,
    pub goal: String,
    pub latest: String,
    pub latest_on: String,
    pub attainment: String,
    pub met: String,
}

/// A task of the section, in words.
pub struct TaskLine {
    pub title: String,
    pub clause: String,
    pub org: String,
    pub deadline: String,
    pub state: String,
    pub progress: String,
}

/// The section in words.
pub struct SectionWords {
    pub heading: String,
    pub intro: String,
    pub targets: Vec<TargetLine>,
    pub tasks: Vec<TaskLine>,
}

fn task_state(tr: Tr, workflow: Workflow, status: Option<DeadlineStatus>) -> String {
    crate::tasks::report::task_status_word(tr, crate::tasks::report::status_key(workflow, status), status)
}

/// The section's words in `tr`'s language.
pub fn section_words(tr: Tr, s: &ReviewSection) -> SectionWords {
    SectionWords {
        heading: tr.t("resolution-review-heading"),
        intro: tr.t_args(
            "resolution-review-intro",
            &[("on", tr.date(s.on)), ("number", s.resolution.document.number_label())],
        ),
        targets: s
            .targets
            .iter()
            .map(|t| {
                let target = t.target.series.target();
                TargetLine {
                    title: t.target.name.clone(),
                    unit: target.unit.clone(),
                    baseline: decimal(tr, target.baseline),
                    goal: decimal(tr, target.target),
                    latest: t.attainment.map_or_else(|| tr.t("target-no-reading"), |a| decimal(tr, a.reading.value)),
                    latest_on: t.attainment.map(|a| tr.date(a.reading.on)).unwrap_or_default(),
                    attainment: t.attainment.map(|a| percent(tr, a.progress.percent())).unwrap_or_default(),
                    met: match t.attainment {
                        Some(a) if a.met => tr.t("target-met"),
                        Some(_) => tr.t("resolution-not-met"),
                        None => String::new(),
                    },
                }
            })
            .collect(),
        tasks: s
            .tasks
            .iter()
            .map(|t| TaskLine {
                title: t.task.title.clone(),
                clause: t.task.clause.clone(),
                org: t.task.org.to_string(),
                deadline: tr.date_opt(t.task.deadline),
                state: task_state(tr, t.task.workflow, t.status),
                progress: t.task.progress.map(|p| percent(tr, p.percent())).unwrap_or_default(),
            })
            .collect(),
    }
}

/// The section as blocks of the review report, in the document's language
/// (Vietnamese): a heading, the date it was computed at, a paragraph per
/// target and per task.
pub fn section_blocks(s: &ReviewSection) -> Vec<Block> {
    let tr = Tr::new(Lang::Vi);
    let w = section_words(tr, s);
    let mut blocks = vec![Block::Heading { level: 1, text: w.heading }, Block::Paragraph { text: w.intro }];
    for t in &w.targets {
        blocks.push(Block::Paragraph {
            text: tr.t_args(
                "resolution-review-target",
                &[
                    ("title", t.title.clone()),
                    ("unit", t.unit.clone()),
                    ("baseline", t.baseline.clone()),
                    ("goal", t.goal.clone()),
                    ("latest", t.latest.clone()),
                    ("on", t.latest_on.clone()),
                    ("attainment", t.attainment.clone()),
                    ("met", t.met.clone()),
                ],
            ),
        });
    }
    for t in &w.tasks {
        blocks.push(Block::Paragraph {
            text: tr.t_args(
                "resolution-review-task",
                &[("title", t.title.clone()), ("clause", t.clause.clone()), ("state", t.state.clone())],
            ),
        });
    }
    blocks
}

/// The next version's blocks: the latest's, with the section put in place
/// of the one inserted before (same heading), or at the end.
fn with_section(latest: Option<&daihoi_store::congress_documents::Version>, section: Vec<Block>) -> Vec<Block> {
    let Some(v) = latest else { return section };
    let heading = match section.first() {
        Some(Block::Heading { text, .. }) => text.clone(),
        _ => String::new(),
    };
    let mut out = Vec::new();
    let mut skipping = false;
    let mut placed = false;
    for b in v.text.to_blocks() {
        match &b {
            Block::Heading { level, text } if *text == heading && *level == 1 => {
                skipping = true;
                if !placed {
                    out.extend(section.iter().cloned());
                    placed = true;
                }
                continue;
            }
            Block::Heading { level, .. } if skipping && *level <= 1 => skipping = false,
            _ => {}
        }
        if !skipping {
            out.push(b);
        }
    }
    if !placed {
        out.extend(section);
    }
    out
}

/// A review report draft of `congress`: 404 for another kind.
async fn review_draft(scoped: &Scoped<'_>, congress: &Congress, id: i64) -> Result<CongressDocument, WebError> {
    let document = scoped.congress_documents().document(congress, id).await?.ok_or(WebError::NotFound)?;
    if document.kind != DocumentKind::ReviewReport {
        return Err(WebError::NotFound);
    }
    Ok(document)
}

/// `?round=&on=&saved=`.
#[derive(Debug, Default, Deserialize)]
pub struct ReviewParam {
    pub round: Option<String>,
    pub on: Option<String>,
    pub saved: Option<String>,
}

/// The review section of a review report draft, on a date.
#[derive(Template, WebTemplate)]
#[template(path = "congress_review_section.html")]
pub struct ReviewPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    id: i64,
    title: String,
    on: String,
    section: Option<SectionWords>,
    on_team: bool,
    saved: bool,
    problems: Vec<String>,
}

fn day_of(text: Option<&str>) -> Result<Date, WebError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(today()),
        Some(t) => match daihoi_core::date::from_iso(t).or_else(|| daihoi_core::date::parse_date(t)) {
            Some(d) if d <= today() => Ok(d),
            _ => Err(WebError::BadInput("resolution-problem-on")),
        },
    }
}

async fn review_page(
    caller: &Caller,
    round: Round,
    congress: Congress,
    document: CongressDocument,
    on: Date,
    saved: bool,
    problems: Vec<String>,
) -> Result<ReviewPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let docs = scoped.congress_documents();
    let section = docs.review_section(&congress, on, today()).await?;
    Ok(ReviewPage {
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        round,
        id: document.id,
        title: document.title.clone(),
        on: daihoi_core::date::iso(on),
        section: section.as_ref().map(|s| section_words(tr, s)),
        on_team: docs.on_team(&document).await?,
        saved,
        problems,
    })
}

/// `GET /orgs/{code}/congress/documents/{document}/review?round=&on=`.
pub async fn review(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Query(p): Query<ReviewParam>,
) -> Result<ReviewPage, WebError> {
    let (round, congress) = congress_of(&caller, &code, p.round.as_deref()).await?;
    let document = review_draft(&caller.scoped(), &congress, id).await?;
    let on = day_of(p.on.as_deref())?;
    review_page(&caller, round, congress, document, on, p.saved.is_some(), Vec::new()).await
}

/// The insertion form.
#[derive(Debug, Default, Deserialize)]
pub struct InsertForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub on: String,
}

/// Inserts the section computed on `on` as the next version of a review
/// report draft (the drafting team; through `add_version`).
async fn insert(
    scoped: &Scoped<'_>,
    congress: &Congress,
    document: &CongressDocument,
    on: Date,
    address: &str,
) -> Result<Option<daihoi_store::congress_documents::Version>, StoreError> {
    let docs = scoped.congress_documents();
    let Some(section) = docs.review_section(congress, on, today()).await? else { return Ok(None) };
    let latest = docs.latest(document).await?;
    let blocks = with_section(latest.as_ref(), section_blocks(&section));
    docs.add_version(congress, document, &blocks, VersionSource::Page, None, address).await.map(Some)
}

/// `POST /orgs/{code}/congress/documents/{document}/review`.
pub async fn insert_section(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Form(form): Form<InsertForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (round, congress) = congress_of(&caller, &code, Some(&form.round)).await?;
    let scoped = caller.scoped();
    let document = review_draft(&scoped, &congress, id).await?;
    if !scoped.congress_documents().on_team(&document).await? {
        return Err(WebError::Forbidden);
    }
    let on = day_of(Some(&form.on))?;
    let mut problems = Vec::new();
    match insert(&scoped, &congress, &document, on, &caller.address).await {
        Ok(Some(v)) => {
            let to = format!(
                "/orgs/{}/congress/documents/{}?round={}&version={}&saved=1",
                congress.org.code, document.id, round.code, v.number
            );
            return Ok(Redirect::to(&to).into_response());
        }
        Ok(None) => problems.push(tr.t("resolution-review-none")),
        Err(StoreError::Forbidden(_)) => return Err(WebError::Forbidden),
        Err(e) => problems.push(refusal(tr, e)?),
    }
    let page = review_page(&caller, round, congress, document, on, false, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

// ---------------------------------------------------------------------
// The API.

/// `?round=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResolutionQuery {
    /// The round of congresses (the latest by default).
    pub round: Option<String>,
}

/// An item the adoption created.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResolutionItemJson {
    pub position: u32,
    /// The paragraph's stable id in the draft.
    pub paragraph_id: u32,
    pub task_id: i64,
    pub target_id: Option<i64>,
}

/// A congress's adopted resolution.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResolutionJson {
    pub document_id: i64,
    /// As people write it: `01-NQ/ĐH`.
    #[schema(example = "01-NQ/ĐH")]
    pub number: String,
    pub title: String,
    #[schema(format = Date)]
    pub adopted_on: String,
    pub draft_id: i64,
    pub version: u32,
    pub adopted_by: String,
    pub adopted_at: String,
    pub items: Vec<ResolutionItemJson>,
}

fn resolution_json(r: &AdoptedResolution) -> ResolutionJson {
    ResolutionJson {
        document_id: r.document.id,
        number: r.document.number_label(),
        title: r.document.title.clone(),
        adopted_on: date_text(r.adopted_on),
        draft_id: r.draft_id,
        version: r.version,
        adopted_by: r.adopted.by.clone(),
        adopted_at: r.adopted.at.clone(),
        items: r
            .items
            .iter()
            .map(|i| ResolutionItemJson {
                position: i.position,
                paragraph_id: i.paragraph.0,
                task_id: i.task_id,
                target_id: i.target_id,
            })
            .collect(),
    }
}

/// The resolution the organization's congress adopted (C-PLAN-7). For the
/// organization's readers cleared for it (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/resolution",
    tag = "congress_documents",
    operation_id = "congress_resolution",
    params(CodePath, ResolutionQuery),
    responses(
        (status = 200, description = "The resolution", body = ResolutionJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the resolution", body = ErrorBody),
        (status = 404, description = "No such organization today, round or congress; no resolution adopted", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn resolution(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<ResolutionQuery>,
) -> ApiResult<Json<ResolutionJson>> {
    let scoped = caller.scoped();
    let (_, congress) = api_congress(&scoped, &code, q.round.as_deref(), false).await?;
    let r = scoped
        .congress_documents()
        .resolution(&congress)
        .await?
        .ok_or_else(|| ApiError::not_found("no resolution adopted"))?;
    Ok(Json(resolution_json(&r)))
}

/// The adoption.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolutionAdoptBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// The number in the register (the register's next for the year by default).
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    #[schema(minimum = 1, maximum = 4294967295.0)]
    pub number: Option<u32>,
    /// The registered title (the draft's by default).
    #[serde(default)]
    pub title: Option<String>,
    /// The day adopted (the congress's last day by default).
    #[serde(default)]
    #[schema(format = Date, example = "2025-10-12")]
    pub adopted_on: Option<String>,
    #[schema(max_items = 500)]
    pub items: Vec<ResolutionItemBody>,
}

/// Adopts the resolution of the organization's congress (C-PLAN-7): in one
/// write, registers it in the organization's register as an NQ (D-NUM-5;
/// its issuer code the round's answer to `resolution_issuer`, D-NUM-4
/// [open]) and creates its targets (T-5) and tasks (T-1) from the items.
/// The congress's office. Audit entries `document_register`,
/// `resolution_adopt`, `task_create`, `target_create`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/resolution",
    tag = "congress_documents",
    operation_id = "adopt_congress_resolution",
    params(CodePath),
    request_body = ResolutionAdoptBody,
    responses(
        (status = 201, description = "The resolution adopted", body = ResolutionJson),
        (status = 400, description = "Not a code; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in the organization's register or on an item's organization", body = ErrorBody),
        (status = 404, description = "No such organization today or congress", body = ErrorBody),
        (status = 409, description = "A document with this number and date is registered (D-NUM-5)", body = ErrorBody),
        (status = 422, description = "No such round; the congress not held, no draft resolution, adopted already, the issuer code unanswered (C-PLAN-7); a paragraph the version does not have (T-1); a target without unit, baseline or goal (T-5); an organization outside the congress's (T-2)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn adopt_api(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<ResolutionAdoptBody>,
) -> ApiResult<(StatusCode, Json<ResolutionJson>)> {
    let scoped = caller.scoped();
    let (_, congress) = api_congress(&scoped, &code, Some(&body.round), true).await?;
    if body.items.len() > MAX_ITEMS {
        return Err(ApiError::new(
            ErrorCode::Unprocessable,
            format!("T-1: {} items; at most {MAX_ITEMS}", body.items.len()),
        ));
    }
    let adopted_on =
        match body.adopted_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => Some(daihoi_core::date::from_iso(d).ok_or_else(|| {
                ApiError::bad_request(format!("adopted_on: {d:?} is not a date (expected yyyy-mm-dd)"))
            })?),
        };
    let codes = codes_of(&body.items).map_err(row_error)?;
    let items = items_of(&body.items, &codes).map_err(row_error)?;
    let adoption =
        Adoption { number: body.number, title: body.title.as_deref().unwrap_or(""), adopted_on, items: &items };
    let r = scoped.congress_documents().adopt_resolution(&congress, &adoption, &caller.address).await?;
    Ok((StatusCode::CREATED, Json(resolution_json(&r))))
}

/// `?round=&on=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewQuery {
    /// The round of congresses (the latest by default).
    pub round: Option<String>,
    /// The day the section is computed at (today by default; not after today).
    #[param(format = Date)]
    pub on: Option<String>,
}

/// A target of the previous resolution on the day.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewTargetJson {
    pub target_id: i64,
    pub task_id: i64,
    pub title: String,
    pub unit: String,
    pub baseline: f64,
    pub goal: f64,
    /// The last reading on or before the day.
    pub latest: Option<f64>,
    #[schema(format = Date)]
    pub latest_on: Option<String>,
    /// The share of the way from the baseline to the goal, 0 to 100.
    pub attainment: Option<f64>,
    pub met: Option<bool>,
}

/// A task of the previous resolution as it stood at the end of the day.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewTaskJson {
    pub task_id: i64,
    pub title: String,
    pub clause: String,
    pub org: String,
    #[schema(format = Date)]
    pub deadline: Option<String>,
    /// `draft`, `assigned`, `in_progress`, `done` or `cancelled`.
    #[schema(example = "done")]
    pub workflow: &'static str,
    /// As the tracking report says it: `done_on_time`, `done_late`,
    /// `not_done_in_time`, `overdue`, `due_soon`, `in_progress`,
    /// `no_deadline`, `undetermined` or `cancelled`.
    #[schema(example = "done_on_time")]
    pub status: &'static str,
    pub progress: Option<f64>,
}

/// The section "Kết quả thực hiện Nghị quyết Đại hội nhiệm kỳ trước".
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewJson {
    /// The day it was computed at.
    #[schema(format = Date)]
    pub on: String,
    pub resolution: ResolutionJson,
    pub targets: Vec<ReviewTargetJson>,
    pub tasks: Vec<ReviewTaskJson>,
}

fn review_json(s: &ReviewSection) -> ReviewJson {
    ReviewJson {
        on: date_text(s.on),
        resolution: resolution_json(&s.resolution),
        targets: s
            .targets
            .iter()
            .map(|t| {
                let target = t.target.series.target();
                ReviewTargetJson {
                    target_id: t.target.id,
                    task_id: t.target.task_id,
                    title: t.target.name.clone(),
                    unit: target.unit.clone(),
                    baseline: target.baseline,
                    goal: target.target,
                    latest: t.attainment.map(|a| a.reading.value),
                    latest_on: t.attainment.map(|a| date_text(a.reading.on)),
                    attainment: t.attainment.map(|a| a.progress.percent()),
                    met: t.attainment.map(|a| a.met),
                }
            })
            .collect(),
        tasks: s
            .tasks
            .iter()
            .map(|t| ReviewTaskJson {
                task_id: t.task.id,
                title: t.task.title.clone(),
                clause: t.task.clause.clone(),
                org: t.task.org.to_string(),
                deadline: t.task.deadline.map(date_text),
                workflow: daihoi_store::tasks::workflow_code(t.task.workflow),
                status: crate::tasks::report::report_status_code(crate::tasks::report::status_key(
                    t.task.workflow,
                    t.status,
                )),
                progress: t.task.progress.map(|p| p.percent()),
            })
            .collect(),
    }
}

fn api_day(text: Option<&str>) -> ApiResult<Date> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(today()),
        Some(t) => match daihoi_core::date::from_iso(t) {
            Some(d) if d <= today() => Ok(d),
            Some(_) => Err(ApiError::new(ErrorCode::Unprocessable, format!("on: {t} is after today"))),
            None => Err(ApiError::bad_request(format!("on: {t:?} is not a date (expected yyyy-mm-dd)"))),
        },
    }
}

async fn review_of(
    scoped: &Scoped<'_>,
    code: &str,
    id: i64,
    round: Option<&str>,
    in_body: bool,
) -> ApiResult<(Congress, CongressDocument)> {
    let (_, congress, document) = draft_of(scoped, code, id, round, in_body).await?;
    if document.kind != DocumentKind::ReviewReport {
        return Err(ApiError::not_found(format!("congress document {id} is not a review report")));
    }
    Ok((congress, document))
}

/// The section "Kết quả thực hiện Nghị quyết Đại hội nhiệm kỳ trước" of a
/// review report draft, computed on a day from the tracking of the
/// previous resolution adopted by the organization's congress: each target
/// with baseline, goal, latest reading and attainment, each task as it
/// stood (the tracking report's figures). For the congress's readers; the
/// tasks and targets above the caller's clearance are left out (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/review",
    tag = "congress_documents",
    operation_id = "congress_review_section",
    params(CodePath, ("document" = i64, Path, description = "The review report draft's id"), ReviewQuery),
    responses(
        (status = 200, description = "The section", body = ReviewJson),
        (status = 400, description = "Not a code, a number or a date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or it is not cleared for the draft or the previous resolution", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or review report draft; no previous resolution adopted", body = ErrorBody),
        (status = 422, description = "A day after today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn review_api(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiQuery(q): ApiQuery<ReviewQuery>,
) -> ApiResult<Json<ReviewJson>> {
    let scoped = caller.scoped();
    let (congress, _) = review_of(&scoped, &code, id, q.round.as_deref(), false).await?;
    let on = api_day(q.on.as_deref())?;
    let section = scoped
        .congress_documents()
        .review_section(&congress, on, today())
        .await?
        .ok_or_else(|| ApiError::not_found("no previous resolution adopted by this organization's congress"))?;
    Ok(Json(review_json(&section)))
}

/// The insertion of the section.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInsertBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// The day the section is computed at (today by default).
    #[serde(default)]
    #[schema(format = Date)]
    pub on: Option<String>,
}

/// Inserts the section computed on the day as the next version of the
/// review report draft (in place of the one inserted before, or at the
/// end), saying the day it was computed at. The drafting team only.
/// Audit entry `draft_version`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/documents/{document}/review",
    tag = "congress_documents",
    operation_id = "insert_congress_review_section",
    params(CodePath, ("document" = i64, Path, description = "The review report draft's id")),
    request_body = ReviewInsertBody,
    responses(
        (status = 201, description = "The new version", body = VersionJson),
        (status = 400, description = "Not a code, a number or a date; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not on the drafting team", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or review report draft; no previous resolution adopted", body = ErrorBody),
        (status = 422, description = "No such round; a day after today; the version refused (C-PLAN-7)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn insert_api(
    caller: ApiCaller,
    ApiPath(DocumentPath { code, document: id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<ReviewInsertBody>,
) -> ApiResult<(StatusCode, Json<VersionJson>)> {
    let scoped = caller.scoped();
    let (congress, document) = review_of(&scoped, &code, id, Some(&body.round), true).await?;
    let on = api_day(body.on.as_deref())?;
    let version = insert(&scoped, &congress, &document, on, &caller.address)
        .await?
        .ok_or_else(|| ApiError::not_found("no previous resolution adopted by this organization's congress"))?;
    Ok((StatusCode::CREATED, Json(version_json(&version))))
}
