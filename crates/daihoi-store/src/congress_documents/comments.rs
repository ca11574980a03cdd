//! Comments and the way drafts travel: an organization's office records the
//! comments and amendments it agreed (with the meeting), the congress's
//! office sends a draft down to organizations below, and each sends its
//! synthesis up (a late one is recorded as late, not lost). Each write and
//! its audit entry are one transaction; a refused write writes nothing.

use daihoi_core::date::iso;
use daihoi_drafts::{Amendment, CommentId};
use time::Date;

use super::access::CongressDocuments;
use super::{CongressDocument, NewComment, policy, refused, to_json};
use crate::access::forbidden;
use crate::congresses::Congress;
use crate::members::now_text;
use crate::orgs::OrgNode;
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// The most characters of a comment's text.
pub const COMMENT_MAX_CHARS: usize = 20_000;

/// The most organizations a draft is sent to in one action.
pub const MAX_RECIPIENTS: usize = 5_000;

impl CongressDocuments<'_> {
    /// The organizations whose comments the viewer may record on the
    /// drafts of `congress`, on `on`: the one holding it, then those above
    /// it up to the root (the higher level's review, C-PLAN-5), each where
    /// the viewer is its office. A member's comment (no organization) is
    /// recorded by the congress's office ([`Self::may_prepare`]).
    pub async fn comment_sources(&self, congress: &Congress, on: Date) -> StoreResult<Vec<OrgNode>> {
        let mut out = Vec::new();
        for id in congress.org.path.ids().collect::<Vec<_>>().into_iter().rev() {
            let node =
                if id == congress.org.id { Some(congress.org.clone()) } else { self.db.org_by_id(id, on).await? };
            if let Some(node) = node.filter(|n| self.may_comment_for(n)) {
                out.push(node);
            }
        }
        Ok(out)
    }

    /// Records a comment or an amendment on a version of a draft of
    /// `congress`, and gives its number. From an organization: that
    /// organization's office, when it holds the congress, was sent the
    /// draft, or is above it (the higher level's review, C-PLAN-5). From a
    /// person (a member, when the committee opened the draft to them): the
    /// congress's office. The anchor must exist in that version; an
    /// amendment is made on the latest version only.
    pub async fn record_comment(
        &self,
        congress: &Congress,
        document: &CongressDocument,
        new: &NewComment<'_>,
        on: Date,
        address: &str,
    ) -> StoreResult<u32> {
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        if document.congress_id != congress.id {
            return Err(StoreError::NotFound(format!("congress document {}", document.id)));
        }
        let source = match new.source_org {
            Some(code) => {
                let node = self.db.org_by_code(code, on).await?.ok_or_else(|| StoreError::UnknownOrg(code.clone()))?;
                if !policy::may_comment_for(self.reach(&node)) {
                    return Err(forbidden(format!("comments of organization {code}")));
                }
                let above = node.path.contains(&congress.org.path) && node.id != congress.org.id;
                let sent = self.sent_on(document.id, node.id).await?.is_some();
                if node.id != congress.org.id && !sent && !above {
                    return Err(refused(
                        "C-PLAN-6",
                        format!("the draft was not sent to {code}, which neither holds the congress nor is above it"),
                    ));
                }
                Some(node)
            }
            None => {
                self.require(&congress.org, policy::may_prepare)?;
                None
            }
        };
        let text = daihoi_core::text::paragraphs(new.text, COMMENT_MAX_CHARS).map_err(StoreError::text("text"))?;
        let person = new
            .person
            .map(|p| daihoi_core::text::line(p, daihoi_core::text::ACCOUNT_NAME_MAX_CHARS))
            .transpose()
            .map_err(StoreError::text("person"))?;
        let meeting = new
            .meeting
            .map(|m| daihoi_core::text::line(m, daihoi_core::text::LABEL_MAX_CHARS))
            .transpose()
            .map_err(StoreError::text("meeting"))?;
        if source.is_none() && person.is_none() {
            return Err(refused("C-PLAN-6", "a comment comes from an organization or a person"));
        }
        let version = self
            .version(document, new.version)
            .await?
            .ok_or_else(|| refused("C-PLAN-7", format!("the draft has no version {}", new.version)))?;
        new.anchor.validate(&version.text).map_err(|e| refused("C-PLAN-7", e))?;
        if new.amendment.is_some() {
            let latest = self.latest(document).await?.map_or(0, |v| v.number);
            if version.number != latest {
                return Err(refused(
                    "C-PLAN-7",
                    format!("an amendment is made on the latest version ({latest}), not on version {}", version.number),
                ));
            }
        }
        let amended =
            new.amendment.as_ref().map(|change| Amendment { made_on: version.number, change: change.clone() });
        let anchor = match &amended {
            Some(amendment) => {
                amendment.validate(CommentId(0), &version.text).map_err(|e| refused("C-PLAN-7", e))?;
                amendment.anchor(&version.text)
            }
            None => new.anchor,
        };
        let anchor_json = to_json(&anchor)?;
        let amendment = new.amendment.as_ref().map(to_json).transpose()?;
        let by = self.viewer.actor();
        let org_path = source.as_ref().map_or_else(|| congress.org.path.clone(), |n| n.path.clone());
        self.write(address, async |w| {
            let number: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM congress_document_comment WHERE document_id = $1",
            )
            .bind(document.id)
            .fetch_one(w.conn())
            .await?;
            sqlx::query(
                "INSERT INTO congress_document_comment (document_id, number, version, anchor, text, amendment, \
                 source_org_id, source_person, meeting, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(document.id)
            .bind(number)
            .bind(i64::from(version.number))
            .bind(&anchor_json)
            .bind(text)
            .bind(amendment.as_deref())
            .bind(source.as_ref().map(|n| n.id))
            .bind(person)
            .bind(meeting)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "draft_comment",
                org_path: Some(org_path.clone()),
                subject: format!("congress document {}", document.id),
                detail: format!(
                    "{} {number} on version {}",
                    if new.amendment.is_some() { "amendment" } else { "comment" },
                    version.number
                ),
                classification: document.classification,
            });
            u32::try_from(number).map_err(|_| StoreError::corrupt("comment number"))
        })
        .await
    }

    /// Sends a draft of `congress` down to organizations below the one
    /// holding it, on `sent_on` (each once: sending again keeps the first
    /// day). An organization outside that subtree is refused, and nothing is
    /// sent.
    pub async fn send_down(
        &self,
        congress: &Congress,
        document: &CongressDocument,
        to: &[OrgNode],
        sent_on: Date,
        address: &str,
    ) -> StoreResult<usize> {
        self.require(&congress.org, policy::may_prepare)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        if to.len() > MAX_RECIPIENTS {
            return Err(refused("C-PLAN-6", format!("{} organizations at once; at most {MAX_RECIPIENTS}", to.len())));
        }
        if let Some(outside) = to.iter().find(|n| n.id == congress.org.id || !congress.org.path.contains(&n.path)) {
            return Err(refused(
                "C-PLAN-6",
                format!("{} is not below {}, which holds the congress", outside.code, congress.org.code),
            ));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let mut sent = 0usize;
            for node in to {
                let added = sqlx::query(
                    "INSERT INTO congress_document_sent (document_id, org_id, sent_on, sent_by) \
                     SELECT $1, $2, $3, $4 WHERE NOT EXISTS \
                     (SELECT 1 FROM congress_document_sent WHERE document_id = $1 AND org_id = $2)",
                )
                .bind(document.id)
                .bind(node.id)
                .bind(iso(sent_on))
                .bind(&by)
                .execute(w.conn())
                .await?
                .rows_affected();
                if added > 0 {
                    sent += 1;
                    w.record(Change {
                        action: "draft_send",
                        org_path: Some(node.path.clone()),
                        subject: format!("congress document {}", document.id),
                        detail: format!("to {} on {}", node.code, iso(sent_on)),
                        classification: document.classification,
                    });
                }
            }
            Ok::<_, StoreError>(sent)
        })
        .await
    }

    /// Records that `node` sent its synthesis of comments on a draft sent
    /// to it, on `sent_on` (C-PLAN-6): after the deadline it is recorded as
    /// late, not lost; sending again keeps the first day. Its office only.
    pub async fn send_synthesis(
        &self,
        node: &OrgNode,
        document: &CongressDocument,
        sent_on: Date,
        address: &str,
    ) -> StoreResult<bool> {
        self.require(node, policy::may_comment_for)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        let Some(received) = self.sent_on(document.id, node.id).await? else {
            return Err(refused("C-PLAN-6", format!("the draft was not sent to {}", node.code)));
        };
        if sent_on < received {
            return Err(refused(
                "C-PLAN-6",
                format!("a synthesis sent on {} comes before the draft, sent on {}", iso(sent_on), iso(received)),
            ));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let added = sqlx::query(
                "INSERT INTO congress_document_synthesis (document_id, org_id, sent_on, sent_by, sent_at) \
                 SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS \
                 (SELECT 1 FROM congress_document_synthesis WHERE document_id = $1 AND org_id = $2)",
            )
            .bind(document.id)
            .bind(node.id)
            .bind(iso(sent_on))
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?
            .rows_affected();
            if added > 0 {
                w.record(Change {
                    action: "draft_synthesis",
                    org_path: Some(node.path.clone()),
                    subject: format!("congress document {}", document.id),
                    detail: format!("from {} on {}", node.code, iso(sent_on)),
                    classification: document.classification,
                });
            }
            Ok::<_, StoreError>(added > 0)
        })
        .await
    }

    /// Records that the office of the congress holding a higher level's
    /// draft sent its synthesis of the comments up to the issuer, on
    /// `sent_on` (C-PLAN-6); sending again keeps the first day. Refused for
    /// the congress's own drafts, whose comments it disposes of itself.
    pub async fn send_synthesis_up(
        &self,
        congress: &Congress,
        document: &CongressDocument,
        sent_on: Date,
        address: &str,
    ) -> StoreResult<bool> {
        self.require(&congress.org, policy::may_prepare)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        if document.congress_id != congress.id {
            return Err(StoreError::NotFound(format!("congress document {}", document.id)));
        }
        let Some(issuer) = &document.issued_by else {
            return Err(refused(
                "C-PLAN-6",
                "the congress's own draft: its comments are disposed of here, not sent up",
            ));
        };
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let added = sqlx::query(
                "UPDATE congress_document SET synthesis_up_on = $1, synthesis_up_by = $2 \
                 WHERE id = $3 AND synthesis_up_on IS NULL",
            )
            .bind(iso(sent_on))
            .bind(&by)
            .bind(document.id)
            .execute(w.conn())
            .await?
            .rows_affected();
            if added > 0 {
                w.record(Change {
                    action: "draft_synthesis_up",
                    org_path: Some(congress.org.path.clone()),
                    subject: format!("congress document {}", document.id),
                    detail: format!("to {issuer} on {}", iso(sent_on)),
                    classification: document.classification,
                });
            }
            Ok::<_, StoreError>(added > 0)
        })
        .await
    }
}
