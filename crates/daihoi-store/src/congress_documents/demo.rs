//! The demo's congress documents ([`daihoi_demo::drafts`]): the province's
//! draft political report and draft resolution for its 16th congress and
//! the Central Committee's draft it entered, each a first version written
//! on the page by the office (the operator), sent down to the communes
//! below on the day the demo says, Quảng Tân's
//! comments (one an amendment) agreed at its committee's meeting, and the
//! synthesis it sent up. The comment deadline (C-PLAN-6) is left
//! unanswered: the coverage shows it awaiting a decision.

use daihoi_core::OrgCode;
use daihoi_demo::drafts as demo;
use daihoi_drafts::{Anchor, Block, Change, DocumentKind};

use super::{NewComment, NewDocument, VersionSource};
use crate::congresses::demo::DEMO_ROUND;
use crate::documents::Classification;
use crate::{Db, StoreError, StoreResult};

/// What the demo's drafts wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoDrafts {
    pub documents: usize,
    pub sent: usize,
    pub comments: usize,
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
        let drafts = demo::DRAFTS.iter().map(|d| (d, None)).chain([(&demo::CENTRAL, Some(demo::CENTRAL_ISSUER))]);
        for (draft, issuer) in drafts {
            let kind: DocumentKind =
                draft.kind.parse().map_err(|_| StoreError::corrupt(format!("demo draft kind {}", draft.kind)))?;
            let new = NewDocument { kind, title: draft.title, classification: Classification::Normal, line_length: 80 };
            let document = match issuer {
                None => docs.create_document(&congress, &new, "demo").await?,
                Some(issuer) => docs.create_higher_draft(&congress, &new, issuer, "demo").await?,
            };
            let blocks: Vec<Block> = draft
                .blocks
                .iter()
                .map(|(level, text)| match level {
                    0 => Block::Paragraph { text: (*text).to_owned() },
                    l => Block::Heading { level: *l, text: (*text).to_owned() },
                })
                .collect();
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
}
