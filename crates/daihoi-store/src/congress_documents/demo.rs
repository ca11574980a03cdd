//! The demo's congress documents ([`daihoi_demo::drafts`]): the province's
//! draft political report and draft resolution for its 16th congress and
//! the Central Committee's draft it entered, each a first version written
//! on the page by the office (the operator), sent down to the communes
//! below on the day the demo says, Quảng Tân's
//! comments (one an amendment) agreed at its committee's meeting, and the
//! synthesis it sent up. The comment deadline (C-PLAN-6) is left
//! unanswered: the coverage shows it awaiting a decision. The previous
//! term's resolution, adopted into tracking and reported on, gives the
//! draft review report its section (C-PLAN-7).

use daihoi_core::OrgCode;
use daihoi_demo::drafts as demo;
use daihoi_drafts::{Anchor, Block, Change, DocumentKind};

use daihoi_congress::{AnswerValue, CongressKind, Contents, Length, LevelClass, OpenQuestion, Schedule, Scope};
use daihoi_tracking::{Direction, Event, EventKind, Reading, Workflow};
use time::Date;

use super::resolution::{Adoption, NewGoal, NewItem};
use super::{NewComment, NewDocument, VersionSource};
use crate::congresses::demo::DEMO_ROUND;
use crate::congresses::{NewPlan, RoundTemplate};
use crate::documents::Classification;
use crate::{Db, StoreError, StoreResult};

/// What the demo's drafts wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoDrafts {
    pub documents: usize,
    pub sent: usize,
    pub comments: usize,
}

fn blocks_of(draft: &demo::DemoDraft) -> Vec<Block> {
    draft
        .blocks
        .iter()
        .map(|(level, text)| match level {
            0 => Block::Paragraph { text: (*text).to_owned() },
            l => Block::Heading { level: *l, text: (*text).to_owned() },
        })
        .collect()
}

fn kind_of(draft: &demo::DemoDraft) -> StoreResult<DocumentKind> {
    draft.kind.parse().map_err(|_| StoreError::corrupt(format!("demo draft kind {}", draft.kind)))
}

fn code(text: &str) -> StoreResult<OrgCode> {
    OrgCode::parse(text).map_err(|e| StoreError::corrupt(e.to_string()))
}

impl Db {
    /// The demo's drafts (above), as the operator, with the accounts of
    /// `team` on each draft's drafting team; does nothing without the
    /// demo's round and the province's congress, or when that congress has
    /// drafts already.
    pub async fn load_demo_drafts(&self, team: &[&str]) -> StoreResult<DemoDrafts> {
        let op = self.operator();
        let Some(round) = op.congresses().round(DEMO_ROUND).await? else { return Ok(DemoDrafts::default()) };
        let Some(holder) = self.org_by_code(&code(demo::HOLDER)?, demo::SENT_ON).await? else {
            return Ok(DemoDrafts::default());
        };
        let Some(congress) = op.congresses().congress(&round, &holder, demo::SENT_ON).await? else {
            return Ok(DemoDrafts::default());
        };
        let docs = op.congress_documents();
        if !docs.documents(&congress).await?.is_empty() {
            return Ok(DemoDrafts::default());
        }
        let communes: Vec<_> = self
            .subtree(&holder, demo::SENT_ON)
            .await?
            .into_iter()
            .filter(|n| n.kind == daihoi_core::OrgKind::Commune)
            .collect();
        let mut out = DemoDrafts::default();
        let mut made = Vec::new();
        let drafts = demo::DRAFTS
            .iter()
            .map(|d| (d, None))
            .chain([(&demo::CENTRAL, Some(demo::CENTRAL_ISSUER)), (&demo::REVIEW_REPORT, None)]);
        for (draft, issuer) in drafts {
            let kind = kind_of(draft)?;
            let new = NewDocument { kind, title: draft.title, classification: Classification::Normal, line_length: 80 };
            let document = match issuer {
                None => docs.create_document(&congress, &new, "demo").await?,
                Some(issuer) => docs.create_higher_draft(&congress, &new, issuer, "demo").await?,
            };
            let blocks = blocks_of(draft);
            for login in team {
                docs.add_to_team(&congress, &document, login, "demo").await?;
            }
            let version = docs.add_version(&congress, &document, &blocks, VersionSource::Page, None, "demo").await?;
            out.sent += docs.send_down(&congress, &document, &communes, demo::SENT_ON, "demo").await?;
            out.documents += 1;
            made.push((document, version));
        }
        let commenter = code(demo::COMMENTER)?;
        for c in &demo::COMMENTS {
            let (document, version) = &made[c.draft];
            let paragraph = (c.paragraph > 0)
                .then(|| version.text.paragraphs().nth(c.paragraph as usize - 1).map(|(_, p)| p.id))
                .flatten();
            let anchor = paragraph.map_or(Anchor::Document, |id| Anchor::Paragraph { id });
            let amendment = match (paragraph, c.replacement) {
                (Some(id), Some(text)) => Some(Change::Paragraph { id, text: text.to_owned() }),
                _ => None,
            };
            let new = NewComment {
                version: version.number,
                anchor,
                text: c.text,
                amendment,
                source_org: Some(&commenter),
                person: None,
                meeting: Some(demo::MEETING),
            };
            docs.record_comment(&congress, document, &new, demo::SYNTHESIS_ON, "demo").await?;
            out.comments += 1;
        }
        if let Some(node) = self.org_by_code(&commenter, demo::SYNTHESIS_ON).await? {
            let (political_report, _) = &made[0];
            docs.send_synthesis(&node, political_report, demo::SYNTHESIS_ON, "demo").await?;
        }
        Ok(out)
    }

    /// The previous term ([`demo::PREVIOUS`]), as the operator: its round
    /// with the issuer code of congress resolutions answered (D-NUM-4, by
    /// the body the demo names), the province's 15th congress held, its
    /// resolution adopted into tracking (C-PLAN-7: targets T-5, tasks T-1)
    /// and reported on since (readings, tasks done). The number of items
    /// adopted; does nothing when the round exists.
    pub async fn load_demo_previous_resolution(&self, today: Date) -> StoreResult<usize> {
        let previous = &demo::PREVIOUS;
        let op = self.operator();
        let congresses = op.congresses();
        if congresses.round(previous.round).await?.is_some() {
            return Ok(0);
        }
        let Some(holder) = self.org_by_code(&code(demo::HOLDER)?, previous.opening).await? else { return Ok(0) };
        let round = congresses
            .create_round(previous.round, previous.round_title, RoundTemplate::Term2025To2030, today, "demo")
            .await?;
        congresses
            .answer_decided_by(
                &round,
                OpenQuestion::ResolutionIssuer,
                &Scope::Round,
                AnswerValue::Text(previous.issuer_code.to_owned()),
                Some(previous.issuer_decided_by),
                previous.opening,
                previous.issuer_why,
                today,
                "demo",
            )
            .await?;
        let schedule = Schedule { opening: previous.opening, length: Length::days(u32::from(previous.days)) };
        let plan = NewPlan {
            level: LevelClass::UnderCentre,
            kind: CongressKind::DelegateCongress,
            contents: Contents::Full,
            model: false,
            planned: schedule,
            actual: Some(schedule),
        };
        let congress = congresses.plan(&round, &holder, &plan, today, "demo").await?;
        let docs = op.congress_documents();
        let draft = &previous.resolution;
        let new = NewDocument {
            kind: kind_of(draft)?,
            title: draft.title,
            classification: Classification::Normal,
            line_length: 80,
        };
        let document = docs.create_document(&congress, &new, "demo").await?;
        docs.add_version(&congress, &document, &blocks_of(draft), VersionSource::Page, None, "demo").await?;
        let items: Vec<NewItem<'_>> = previous
            .items
            .iter()
            .map(|i| NewItem {
                title: i.title,
                paragraph: i.paragraph,
                org: None,
                deadline: i.deadline,
                goal: i.goal.map(|(unit, baseline, goal)| NewGoal {
                    unit,
                    baseline: Some(baseline),
                    goal: Some(goal),
                    direction: Direction::HigherIsBetter,
                }),
            })
            .collect();
        let adoption = Adoption { number: None, title: "", adopted_on: None, items: &items };
        let adopted = docs.adopt_resolution(&congress, &adoption, "demo").await?;
        let tasks = op.tasks();
        for (item, made) in previous.items.iter().zip(&adopted.items) {
            let Some(task) = tasks.task(made.task_id, today).await? else { continue };
            if let Some(target_id) = made.target_id {
                for &(on, value) in item.readings {
                    tasks.record_reading(&task, target_id, Reading { on, value }, "", "demo").await?;
                }
            }
            if let Some(on) = item.done_on {
                let done = Event {
                    occurred_on: on,
                    recorded_on: on,
                    kind: EventKind::StatusChange { from: task.workflow, to: Workflow::Done },
                };
                tasks.record_event(&task, &done, "demo").await?;
            }
        }
        Ok(adopted.items.len())
    }
}
