//! From the adopted resolution to tracking, and back (issue 17 item 6;
//! C-PLAN-7, T-1, T-5, D-NUM-4, D-NUM-5).
//!
//! **Adopting the resolution (thông qua nghị quyết đại hội).** A congress
//! that was held adopts the latest version of its draft resolution: in one
//! audited write the resolution is registered in the register of the
//! organization holding the congress (an NQ numbered from the register's
//! sequence unless a number is given, issued the day it is adopted, with
//! the issuer code the round's answer to [`OpenQuestion::ResolutionIssuer`]
//! gives: D-NUM-4 leaves the issuers below the province to the
//! organization's own registry, so a person answers it and nothing is
//! guessed), and its items become tracking: each task (nhiệm vụ) a task of
//! the registered resolution at the clause of its paragraph (T-1), each
//! target (chỉ tiêu) a target (T-5) carried by a task of the same title at
//! its clause, all ready to cascade with the tasks' cascade (T-2).
//!
//! **The review section from tracking.** The next congress of the same
//! organization reads the previous resolution adopted this way: each target
//! with its baseline, goal, latest reading and attainment at a date, each
//! task as it stood then, computed by the tasks' own reads
//! (`Tasks::report_tasks`, `Tasks::targets_in`) and `daihoi-tracking`'s
//! rules, never a copy of them; the reader's clearance cuts both (T-6).

use daihoi_congress::{Awaiting, OpenQuestion, Scope};
use daihoi_core::OrgCode;
use daihoi_core::date::iso;
use daihoi_documents::{IssuerEntry, Registry};
use daihoi_drafts::{DocumentKind, ParagraphId};
use daihoi_tracking::{Attainment, DeadlineStatus, Direction, Evaluation, Target};
use sqlx::Row;
use time::Date;

use super::access::CongressDocuments;
use super::{CongressDocument, Version, policy, refused};
use crate::congresses::Congress;
use crate::documents::{Document, NewDocument};
use crate::elections::Stamp;
use crate::members::now_text;
use crate::orgs::{OrgNode, date_col};
use crate::tasks::NewTask;
use crate::tasks::reports::ReportTask;
use crate::tasks::targets::{NewTarget, StoredTarget};
use crate::write::Change;
use crate::{Db, StoreError, StoreResult};

/// The type of a resolution in the register (D-NUM-3: nghị quyết).
pub const RESOLUTION_TYPE: &str = "NQ";

/// The most items one adoption creates.
pub const MAX_ITEMS: usize = 500;

/// What a target of the resolution measures (T-5), as given with the
/// adoption: a missing unit, baseline or goal is refused.
#[derive(Debug, Clone, PartialEq)]
pub struct NewGoal<'a> {
    pub unit: &'a str,
    pub baseline: Option<f64>,
    pub goal: Option<f64>,
    pub direction: Direction,
}

/// An item of the resolution: a task (nhiệm vụ, T-1) or, with a goal, a
/// target (chỉ tiêu, T-5).
#[derive(Debug, Clone, PartialEq)]
pub struct NewItem<'a> {
    pub title: &'a str,
    /// The paragraph of the adopted version it comes from, by the number
    /// the draft's page shows (from 1).
    pub paragraph: u32,
    /// The organization responsible; `None`: the organization holding the
    /// congress.
    pub org: Option<&'a OrgCode>,
    pub deadline: Option<Date>,
    /// For a target: what it measures.
    pub goal: Option<NewGoal<'a>>,
}

/// The adoption of a congress's resolution, as the office gives it.
#[derive(Debug, Clone)]
pub struct Adoption<'a> {
    /// The number in the register; `None`: the register's next for the year.
    pub number: Option<u32>,
    /// The registered title; empty: the draft's.
    pub title: &'a str,
    /// The day adopted (the issue date); `None`: the congress's last day.
    pub adopted_on: Option<Date>,
    pub items: &'a [NewItem<'a>],
}

/// An item created from an adopted resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdoptedItem {
    /// Its place in the adoption, from 1.
    pub position: u32,
    pub paragraph: ParagraphId,
    pub task_id: i64,
    /// For a target.
    pub target_id: Option<i64>,
}

/// A congress's adopted resolution, registered.
#[derive(Debug, Clone, PartialEq)]
pub struct AdoptedResolution {
    pub congress_id: i64,
    /// The registered document (`01-NQ/ĐH`).
    pub document: Document,
    /// The draft resolution and its version that was adopted.
    pub draft_id: i64,
    pub version: u32,
    pub adopted_on: Date,
    pub adopted: Stamp,
    pub items: Vec<AdoptedItem>,
}

/// A target of the previous resolution as it stood on the section's date.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewTarget {
    pub target: StoredTarget,
    /// The last reading on or before the date, its progress from the
    /// baseline to the goal and whether it meets the goal.
    pub attainment: Option<Attainment>,
}

/// A task of the previous resolution as it stood at the end of the date.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewTask {
    pub task: ReportTask,
    /// Its standing against its deadline (T-3) under the subtree's chosen
    /// rules, or what holds under every reading until they are chosen;
    /// `None`: withdrawn, or undetermined.
    pub status: Option<DeadlineStatus>,
}

/// The section "Kết quả thực hiện Nghị quyết Đại hội nhiệm kỳ trước" of a
/// review report (báo cáo kiểm điểm), computed on `on` from tracking.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewSection {
    pub resolution: AdoptedResolution,
    pub on: Date,
    /// The resolution's targets the reader may read, in the adoption's order.
    pub targets: Vec<ReviewTarget>,
    /// The resolution's tasks (not the targets' carrying tasks, nor the
    /// sub-tasks of a cascade) given by `on`, in the adoption's order.
    pub tasks: Vec<ReviewTask>,
}

/// An item checked, waiting for its transaction.
struct CheckedItem {
    title: String,
    paragraph: ParagraphId,
    clause: String,
    org: OrgNode,
    deadline: Option<Date>,
    target: Option<Target>,
}

/// The clause of a paragraph as the task keeps it (T-1), in the
/// resolution's language: "Mục II, đoạn 5" (its section's number when the
/// heading has one), "Đoạn 5" otherwise.
fn clause_of(version: &Version, id: ParagraphId, number: u32) -> String {
    match version.text.section_of(id).and_then(|s| s.number.as_deref()) {
        Some(section) => format!("Mục {section}, đoạn {number}"),
        None => format!("Đoạn {number}"),
    }
}

/// The round's answer to the issuer code of the congress's resolution
/// (C-PLAN-7 with D-NUM-4: [open], asked, never guessed), or what awaits.
async fn issuer_answer(db: &Db, congress: &Congress) -> StoreResult<Result<String, Awaiting>> {
    let round =
        db.round_by_id(congress.round_id).await?.ok_or_else(|| StoreError::corrupt("congress without round"))?;
    let settings = db.round_settings(&round).await?;
    let scope = Scope::Organization(congress.org.code.to_string());
    Ok(settings.text(OpenQuestion::ResolutionIssuer, &scope).map(|code| code.trim().to_owned()))
}

/// The issuer code the round's answer gives for the congress's
/// organization, checked as a local issuer (D-NUM-4); refused while it
/// awaits an answer.
async fn issuer_code(db: &Db, congress: &Congress) -> StoreResult<String> {
    let code = issuer_answer(db, congress).await?.map_err(|a| {
        refused(
            a.rule(),
            "the issuer code of the congress's resolution (D-NUM-4) awaits a person's answer on the round's settings",
        )
    })?;
    Registry::empty()
        .with_local_issuers([IssuerEntry::local(code.clone(), String::new())])
        .map_err(|e| refused("D-NUM-4", format!("the round's answer {code:?}: {e}")))?;
    Ok(code)
}

fn item_row(r: &sqlx::any::AnyRow) -> StoreResult<AdoptedItem> {
    let paragraph: i64 = r.try_get("paragraph_id")?;
    Ok(AdoptedItem {
        position: super::number(r, "position")?,
        paragraph: ParagraphId(u32::try_from(paragraph).map_err(|_| StoreError::corrupt("bad paragraph id"))?),
        task_id: r.try_get("task_id")?,
        target_id: r.try_get("target_id")?,
    })
}

impl CongressDocuments<'_> {
    /// The draft resolution of `congress` the viewer is cleared for (the
    /// first made, if several), with its latest version.
    pub async fn draft_resolution(&self, congress: &Congress) -> StoreResult<Option<(CongressDocument, Version)>> {
        for document in self.documents(congress).await? {
            if document.kind == DocumentKind::DraftResolution
                && let Some(version) = self.latest(&document).await?
            {
                return Ok(Some((document, version)));
            }
        }
        Ok(None)
    }

    /// The [open] question the adoption of `congress`'s resolution awaits
    /// (its issuer code, D-NUM-4), `None` once a person has answered it:
    /// the page says so before it offers the form.
    pub async fn adoption_awaits(&self, congress: &Congress) -> StoreResult<Option<Awaiting>> {
        self.require(&congress.org, policy::may_read)?;
        Ok(issuer_answer(self.db, congress).await?.err())
    }

    /// Whether the viewer may adopt the resolution of `congress`: the
    /// office of its organization, which writes in its register.
    pub fn may_adopt(&self, congress: &Congress) -> bool {
        policy::may_prepare(self.reach(&congress.org))
            && crate::documents::policy::may_edit_register(self.reach(&congress.org))
    }

    /// Adopts the resolution of `congress` (C-PLAN-7): registers it in its
    /// organization's register (D-NUM-5), linked to the draft's latest
    /// version, and creates its targets (T-5) and tasks (T-1), all in one
    /// write with an audit entry each. Refused with the rule, nothing
    /// written: a congress not held, no draft resolution, a resolution
    /// already adopted, the issuer code unanswered (D-NUM-4), a paragraph
    /// the adopted version does not have (T-1), a target without unit,
    /// baseline or goal or going the wrong way (T-5), an organization
    /// outside the congress's (T-2).
    pub async fn adopt_resolution(
        &self,
        congress: &Congress,
        adoption: &Adoption<'_>,
        address: &str,
    ) -> StoreResult<AdoptedResolution> {
        if !self.may_adopt(congress) {
            return Err(crate::access::forbidden(format!("the register of {}", congress.org.code)));
        }
        if !congress.plan.is_held() {
            return Err(refused("C-PLAN-7", "the congress is not held yet: its resolution is adopted when it is"));
        }
        let Some((draft, version)) = self.draft_resolution(congress).await? else {
            return Err(refused("C-PLAN-7", "the congress has no draft resolution with a version"));
        };
        if self.resolution_row(congress.id).await?.is_some() {
            return Err(refused("C-PLAN-7", "the congress's resolution is adopted already"));
        }
        if adoption.items.len() > MAX_ITEMS {
            return Err(refused("T-1", format!("{} items; at most {MAX_ITEMS}", adoption.items.len())));
        }
        let adopted_on = adoption.adopted_on.unwrap_or_else(|| congress.plan.schedule().last_day());
        if adopted_on < congress.plan.schedule().opening {
            return Err(refused("C-PLAN-7", "a resolution adopted before its congress opened"));
        }
        let issuer = issuer_code(self.db, congress).await?;
        let title = if adoption.title.trim().is_empty() { draft.title.as_str() } else { adoption.title };
        let title =
            daihoi_core::text::line(title, daihoi_core::text::TITLE_MAX_CHARS).map_err(StoreError::text("title"))?;
        let items = self.check_items(congress, &version, adoption.items, adopted_on).await?;
        let number = match adoption.number {
            Some(0) => return Err(refused("D-NUM-1", "a number from 1")),
            Some(n) => n,
            None => self.db.next_number(congress.org.id, RESOLUTION_TYPE, adopted_on.year()).await?,
        };
        // The Party's form writes a number below 10 with a leading zero
        // (`01-NQ/ĐH`).
        let number_text = format!("{number:02}");
        let label = format!("{number_text}-{RESOLUTION_TYPE}/{issuer}");
        let classification = draft.classification;
        let by = self.viewer.actor();
        let new = NewDocument {
            doc_type: RESOLUTION_TYPE,
            issuer: &issuer,
            number,
            number_text: &number_text,
            issued_on: adopted_on,
            title,
            summary: "",
            classification,
            org: Some(&congress.org.code),
        };
        self.write(address, async |w| {
            let document_id = Db::register_document_in(w.conn(), &new).await?;
            w.record(Change {
                action: "document_register",
                org_path: Some(congress.org.path.clone()),
                subject: format!("document {document_id}"),
                detail: label.clone(),
                classification,
            });
            // The congress is the key: a second adoption racing this one fails here.
            sqlx::query(
                "INSERT INTO congress_resolution (congress_id, org_id, document_id, draft_id, version, adopted_on, \
                 adopted_by, adopted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(congress.id)
            .bind(congress.org.id)
            .bind(document_id)
            .bind(draft.id)
            .bind(i64::from(version.number))
            .bind(iso(adopted_on))
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            let targets = items.iter().filter(|i| i.target.is_some()).count();
            w.record(Change {
                action: "resolution_adopt",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress document {}", draft.id),
                detail: format!(
                    "{label}: version {}, {targets} targets, {} tasks",
                    version.number,
                    items.len() - targets
                ),
                classification,
            });
            for (i, item) in items.iter().enumerate() {
                let new_task = NewTask {
                    document_id,
                    clause: &item.clause,
                    title: &item.title,
                    org: &item.org.code,
                    parent: None,
                    weight: None,
                    deadline: item.deadline,
                    external_id: None,
                    classification,
                    assigned_on: adopted_on,
                };
                let task_id = Db::insert_task_in(w.conn(), &new_task, item.org.id).await?;
                w.record(Change {
                    action: "task_create",
                    org_path: Some(item.org.path.clone()),
                    subject: format!("task {task_id}"),
                    detail: format!(
                        "{} ({label}, {}, deadline {})",
                        item.title,
                        item.clause,
                        item.deadline.map_or_else(|| "none".to_owned(), iso)
                    ),
                    classification,
                });
                let target_id = match &item.target {
                    Some(target) => {
                        let id = Db::create_target_in(
                            w.conn(),
                            &NewTarget { task_id, name: &item.title, target: target.clone() },
                        )
                        .await?;
                        w.record(Change {
                            action: "target_create",
                            org_path: Some(item.org.path.clone()),
                            subject: format!("target {id}"),
                            detail: format!("{}: {} → {} {}", item.title, target.baseline, target.target, target.unit),
                            classification,
                        });
                        Some(id)
                    }
                    None => None,
                };
                sqlx::query(
                    "INSERT INTO congress_resolution_item (congress_id, position, paragraph_id, task_id, target_id) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(congress.id)
                .bind(i as i64 + 1)
                .bind(i64::from(item.paragraph.0))
                .bind(task_id)
                .bind(target_id)
                .execute(w.conn())
                .await?;
            }
            Ok::<_, StoreError>(())
        })
        .await?;
        self.resolution_row(congress.id).await?.ok_or_else(|| StoreError::corrupt("resolution vanished"))
    }

    /// The items of an adoption checked against the adopted version, the
    /// tree on the day and the viewer's rights; the first refused names
    /// its row.
    async fn check_items(
        &self,
        congress: &Congress,
        version: &Version,
        items: &[NewItem<'_>],
        on: Date,
    ) -> StoreResult<Vec<CheckedItem>> {
        let paragraphs: Vec<ParagraphId> = version.text.paragraphs().map(|(_, p)| p.id).collect();
        let owner = self
            .db
            .org_by_id(congress.org.id, on)
            .await?
            .ok_or_else(|| StoreError::OrgNotOnDate { code: congress.org.code.clone(), date: on })?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let row = i + 1;
            let title = daihoi_core::text::line(item.title, daihoi_core::text::TITLE_MAX_CHARS)
                .map_err(|e| refused("T-1", format!("item {row}: the title: {e}")))?;
            let Some(&paragraph) = item.paragraph.checked_sub(1).and_then(|n| paragraphs.get(n as usize)) else {
                return Err(refused(
                    "T-1",
                    format!(
                        "item {row}: version {} has no paragraph {} (it has {})",
                        version.number,
                        item.paragraph,
                        paragraphs.len()
                    ),
                ));
            };
            let target = match &item.goal {
                None => None,
                Some(goal) => {
                    if goal.unit.trim().is_empty() {
                        return Err(refused("T-5", format!("item {row}: a target needs its unit")));
                    }
                    let (Some(baseline), Some(value)) = (goal.baseline, goal.goal) else {
                        return Err(refused("T-5", format!("item {row}: a target needs its baseline and its goal")));
                    };
                    let unit = daihoi_core::text::line(goal.unit, daihoi_core::text::LABEL_MAX_CHARS)
                        .map_err(|e| refused("T-5", format!("item {row}: the unit: {e}")))?;
                    Some(
                        Target::new(unit, baseline, value, goal.direction)
                            .map_err(|e| refused("T-5", format!("item {row}: {e}")))?,
                    )
                }
            };
            let org = match item.org {
                None => owner.clone(),
                Some(code) => {
                    let node = self.db.org_by_code(code, on).await?.ok_or_else(|| {
                        refused("T-2", format!("item {row}: {code} is not an organization on {}", iso(on)))
                    })?;
                    if !owner.path.contains(&node.path) {
                        return Err(refused(
                            "T-2",
                            format!("item {row}: {code} is not in the subtree of {}", owner.code),
                        ));
                    }
                    node
                }
            };
            if !crate::tasks::policy::may_assign(self.reach(&org)) {
                return Err(crate::access::forbidden(format!("organization {}", org.code)));
            }
            out.push(CheckedItem {
                title: title.to_owned(),
                paragraph,
                clause: clause_of(version, paragraph, item.paragraph),
                org,
                deadline: item.deadline,
                target,
            });
        }
        Ok(out)
    }

    /// The resolution adopted by the congress `id`, unchecked.
    async fn resolution_row(&self, congress_id: i64) -> StoreResult<Option<AdoptedResolution>> {
        let row = sqlx::query(
            "SELECT congress_id, document_id, draft_id, version, adopted_on, adopted_by, adopted_at \
             FROM congress_resolution WHERE congress_id = $1",
        )
        .bind(congress_id)
        .fetch_optional(&self.db.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let document_id: i64 = row.try_get("document_id")?;
        let document =
            self.db.document(document_id).await?.ok_or_else(|| StoreError::corrupt("resolution without document"))?;
        let items = sqlx::query(
            "SELECT position, paragraph_id, task_id, target_id FROM congress_resolution_item \
             WHERE congress_id = $1 ORDER BY position",
        )
        .bind(congress_id)
        .fetch_all(&self.db.pool)
        .await?;
        Ok(Some(AdoptedResolution {
            congress_id,
            document,
            draft_id: row.try_get("draft_id")?,
            version: super::number(&row, "version")?,
            adopted_on: date_col(&row, "adopted_on")?,
            adopted: Stamp { by: row.try_get("adopted_by")?, at: row.try_get("adopted_at")? },
            items: items.iter().map(item_row).collect::<StoreResult<_>>()?,
        }))
    }

    /// The resolution `congress` adopted, for its organization's readers
    /// cleared for it (T-6: refused otherwise).
    pub async fn resolution(&self, congress: &Congress) -> StoreResult<Option<AdoptedResolution>> {
        self.require(&congress.org, policy::may_read)?;
        let found = self.resolution_row(congress.id).await?;
        if let Some(r) = &found {
            self.require_cleared(&r.document, || format!("document {}", r.document.id))?;
        }
        Ok(found)
    }

    /// The resolution of the previous term: the last one adopted this way
    /// by a congress of the same organization before `congress` opened.
    pub async fn previous_resolution(&self, congress: &Congress) -> StoreResult<Option<AdoptedResolution>> {
        self.require(&congress.org, policy::may_read)?;
        let previous: Option<i64> = sqlx::query_scalar(
            "SELECT congress_id FROM congress_resolution WHERE org_id = $1 AND congress_id <> $2 AND adopted_on < $3 \
             ORDER BY adopted_on DESC, congress_id DESC LIMIT 1",
        )
        .bind(congress.org.id)
        .bind(congress.id)
        .bind(iso(congress.plan.schedule().opening))
        .fetch_optional(&self.db.pool)
        .await?;
        let Some(id) = previous else { return Ok(None) };
        let found = self.resolution_row(id).await?;
        if let Some(r) = &found {
            self.require_cleared(&r.document, || format!("document {}", r.document.id))?;
        }
        Ok(found)
    }

    /// The section "Kết quả thực hiện Nghị quyết Đại hội nhiệm kỳ trước" of
    /// `congress`'s review report, on `on` (its tasks evaluated at the end
    /// of that day, live when it is `today`): `None` when no previous
    /// resolution was adopted this way. The figures are the tracking
    /// report's, from the tasks' reads of the same subtree and document.
    pub async fn review_section(
        &self,
        congress: &Congress,
        on: Date,
        today: Date,
    ) -> StoreResult<Option<ReviewSection>> {
        let Some(resolution) = self.previous_resolution(congress).await? else { return Ok(None) };
        let node = &congress.org;
        let tasks = self.tasks();
        let document = Some(resolution.document.id);
        let at = if on < today { Evaluation::Closed { closed_on: on } } else { Evaluation::Live { today: on } };
        let setting = tasks.tracking_setting(node, on).await?;
        let report = tasks.report_tasks(node, on, on, document).await?;
        let stored = tasks.targets_in(node, on, document, u32::MAX).await?.0;
        let mut review_targets = Vec::new();
        let mut review_tasks = Vec::new();
        for item in &resolution.items {
            match item.target_id {
                Some(target_id) => {
                    if let Some(t) = stored.iter().find(|t| t.id == target_id) {
                        let attainment = t.series.attainment_at(on);
                        review_targets.push(ReviewTarget { target: t.clone(), attainment });
                    }
                }
                None => {
                    if let Some(t) = report.tasks.iter().find(|t| t.id == item.task_id) {
                        let status = t.deadline_status(at, setting.as_ref());
                        review_tasks.push(ReviewTask { task: t.clone(), status });
                    }
                }
            }
        }
        Ok(Some(ReviewSection { resolution, on, targets: review_targets, tasks: review_tasks }))
    }
}
