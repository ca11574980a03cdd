//! The drafting writes: a congress's office makes a draft and names its
//! team (tổ biên tập); the team writes versions (on the page or from a
//! .docx), disposes of each comment and takes the accepted amendments into
//! the next version in one action. Each write and its audit entry are one
//! transaction; a refused write writes nothing.

use daihoi_drafts::{Amendment, Block, CommentId, Decision, DocumentKind, DraftText, Limits, apply, revise};

use super::access::CongressDocuments;
use super::{AppliedVersion, CongressDocument, Version, VersionSource, policy, refused, to_json};
use crate::congresses::Congress;
use crate::documents::Classification;
use crate::members::now_text;
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// The least characters per line a draft is numbered at.
pub const MIN_LINE_LENGTH: u16 = 40;
/// The most characters per line a draft is numbered at.
pub const MAX_LINE_LENGTH: u16 = 200;

/// A draft as the congress's office makes it.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub kind: DocumentKind,
    pub title: &'a str,
    pub classification: Classification,
    pub line_length: u16,
}

impl CongressDocuments<'_> {
    /// Makes a draft of `congress` (C-PLAN-7); the viewer joins its
    /// drafting team.
    pub async fn create_document(
        &self,
        congress: &Congress,
        new: &NewDocument<'_>,
        address: &str,
    ) -> StoreResult<CongressDocument> {
        self.create(congress, new, None, address).await
    }

    /// Enters a higher level's draft in `congress`'s documents (the
    /// Central Committee's drafts for the National Congress, C-PLAN-6):
    /// `issued_by` names the body outside the tree that issued it. The
    /// office enters its versions as they come, sends it down and sends
    /// the synthesis of the comments up; the comments are disposed of by
    /// the issuer, not here.
    pub async fn create_higher_draft(
        &self,
        congress: &Congress,
        new: &NewDocument<'_>,
        issued_by: &str,
        address: &str,
    ) -> StoreResult<CongressDocument> {
        let issuer = daihoi_core::text::line(issued_by, daihoi_core::text::LABEL_MAX_CHARS)
            .map_err(StoreError::text("issued_by"))?;
        self.create(congress, new, Some(issuer), address).await
    }

    async fn create(
        &self,
        congress: &Congress,
        new: &NewDocument<'_>,
        issued_by: Option<&str>,
        address: &str,
    ) -> StoreResult<CongressDocument> {
        self.require(&congress.org, policy::may_prepare)?;
        if !self.cleared(&new.classification) {
            return Err(crate::access::forbidden(format!("a {} draft", new.classification.code())));
        }
        let title = daihoi_core::text::line(new.title, daihoi_core::text::TITLE_MAX_CHARS)
            .map_err(StoreError::text("title"))?;
        if !(MIN_LINE_LENGTH..=MAX_LINE_LENGTH).contains(&new.line_length) {
            return Err(refused(
                "C-PLAN-7",
                format!("a line length of {} characters; from {MIN_LINE_LENGTH} to {MAX_LINE_LENGTH}", new.line_length),
            ));
        }
        let login = self.viewer.user().map(|u| u.login.clone());
        let by = self.viewer.actor();
        let id = self
            .write(address, async |w| {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO congress_document (congress_id, kind, title, classification, line_length, \
                     created_by, created_at, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(congress.id)
                .bind(new.kind.as_str())
                .bind(title)
                .bind(new.classification.code())
                .bind(i64::from(new.line_length))
                .bind(&by)
                .bind(now_text())
                .bind(issued_by)
                .fetch_one(w.conn())
                .await?;
                if let Some(login) = &login {
                    sqlx::query(
                        "INSERT INTO congress_document_team (document_id, login, added_by, added_at) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(id)
                    .bind(login)
                    .bind(&by)
                    .bind(now_text())
                    .execute(w.conn())
                    .await?;
                }
                w.record(Change {
                    action: "draft_create",
                    org_path: Some(congress.org.path.clone()),
                    subject: format!("congress document {id}"),
                    detail: match issued_by {
                        None => format!("{}: {title}", new.kind.as_str()),
                        Some(issuer) => format!("{}: {title} (issued by {issuer})", new.kind.as_str()),
                    },
                    classification: new.classification,
                });
                Ok::<_, StoreError>(id)
            })
            .await?;
        self.found(congress, id).await
    }

    /// Names `login` to the drafting team of a draft of `congress`.
    pub async fn add_to_team(
        &self,
        congress: &Congress,
        document: &CongressDocument,
        login: &str,
        address: &str,
    ) -> StoreResult<()> {
        self.require(&congress.org, policy::may_prepare)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let user: Option<i64> = sqlx::query_scalar("SELECT id FROM app_user WHERE login = $1")
                .bind(login)
                .fetch_optional(w.conn())
                .await?;
            if user.is_none() {
                return Err(StoreError::NotFound(format!("account {login}")));
            }
            let added = sqlx::query(
                "INSERT INTO congress_document_team (document_id, login, added_by, added_at) \
                 SELECT $1, $2, $3, $4 WHERE NOT EXISTS \
                 (SELECT 1 FROM congress_document_team WHERE document_id = $1 AND login = $2)",
            )
            .bind(document.id)
            .bind(login)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?
            .rows_affected();
            if added > 0 {
                w.record(Change {
                    action: "draft_team_add",
                    org_path: Some(congress.org.path.clone()),
                    subject: format!("congress document {}", document.id),
                    detail: login.to_owned(),
                    classification: document.classification,
                });
            }
            Ok(())
        })
        .await
    }

    /// Adds the next version of a draft of `congress` from `blocks` (a
    /// page's text or a .docx read): the first numbers its sections and
    /// paragraphs; a later one keeps the ids of the paragraphs it keeps or
    /// changes, so comments follow them. The drafting team only.
    pub async fn add_version(
        &self,
        congress: &Congress,
        document: &CongressDocument,
        blocks: &[Block],
        source: VersionSource,
        source_file: Option<&str>,
        address: &str,
    ) -> StoreResult<Version> {
        self.require(&congress.org, policy::may_read)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        self.require_team(document).await?;
        let source_file = source_file
            .map(|f| daihoi_core::text::line(f, daihoi_core::text::LABEL_MAX_CHARS).map_err(StoreError::text("file")))
            .transpose()?;
        let latest = self.latest(document).await?;
        let limits = Limits::default();
        let (text, revision) = match &latest {
            None => (
                DraftText::from_blocks(blocks, document.line_length, &limits).map_err(|e| refused("C-PLAN-7", e))?,
                None,
            ),
            Some(prev) => {
                let (text, revision) = revise(&prev.text, blocks, &limits).map_err(|e| refused("C-PLAN-7", e))?;
                (text, Some(revision))
            }
        };
        if text.paragraph_count() == 0 {
            return Err(refused("C-PLAN-7", "the version has no paragraph"));
        }
        self.insert_version(congress, document, &text, revision.as_ref(), source, source_file, &[], address).await?;
        self.version(document, text.version()).await?.ok_or_else(|| StoreError::corrupt("version vanished"))
    }

    /// Inserts a version (and marks the comments it took in), audited.
    #[allow(clippy::too_many_arguments)]
    async fn insert_version(
        &self,
        congress: &Congress,
        document: &CongressDocument,
        text: &DraftText,
        revision: Option<&daihoi_drafts::Revision>,
        source: VersionSource,
        source_file: Option<&str>,
        taken_in: &[u32],
        address: &str,
    ) -> StoreResult<()> {
        let by = self.viewer.actor();
        let body = to_json(text)?;
        let revision = revision.map(to_json).transpose()?;
        let taken = to_json(&taken_in)?;
        let number = i64::from(text.version());
        self.write(address, async |w| {
            // The version number is the primary key: two writers adding
            // the same next version, the second is refused.
            sqlx::query(
                "INSERT INTO congress_document_version (document_id, number, body, source, source_file, revision, \
                 taken_in, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(document.id)
            .bind(number)
            .bind(&body)
            .bind(source.code())
            .bind(source_file)
            .bind(revision.as_deref())
            .bind(&taken)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            for comment in taken_in {
                sqlx::query(
                    "UPDATE congress_document_comment SET taken_in = $1 WHERE document_id = $2 AND number = $3",
                )
                .bind(number)
                .bind(document.id)
                .bind(i64::from(*comment))
                .execute(w.conn())
                .await?;
            }
            let taken_text = if taken_in.is_empty() {
                String::new()
            } else {
                format!(", comments {}", taken_in.iter().map(u32::to_string).collect::<Vec<_>>().join(", "))
            };
            w.record(Change {
                action: "draft_version",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress document {}", document.id),
                detail: format!("version {number} ({}{taken_text})", source.code()),
                classification: document.classification,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// The drafting team's disposition of comment `number` (tiếp thu, tiếp
    /// thu một phần, giải trình, không tiếp thu), with its explanation; a
    /// comment already taken into a version keeps its disposition.
    pub async fn decide(
        &self,
        congress: &Congress,
        document: &CongressDocument,
        number: u32,
        decision: &Decision,
        address: &str,
    ) -> StoreResult<()> {
        self.require(&congress.org, policy::may_read)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        self.require_team(document).await?;
        not_a_higher_draft(document)?;
        let explanation = decision
            .explanation
            .as_deref()
            .map(|e| daihoi_core::text::paragraphs(e, daihoi_core::text::NOTE_MAX_CHARS))
            .transpose()
            .map_err(StoreError::text("explanation"))?;
        let decision = Decision::new(decision.disposition, explanation).map_err(|e| refused("C-PLAN-6", e))?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let taken: Option<Option<i64>> = sqlx::query_scalar(
                "SELECT taken_in FROM congress_document_comment WHERE document_id = $1 AND number = $2",
            )
            .bind(document.id)
            .bind(i64::from(number))
            .fetch_optional(w.conn())
            .await?;
            match taken {
                None => return Err(StoreError::NotFound(format!("comment {number}"))),
                Some(Some(version)) => {
                    return Err(refused(
                        "C-PLAN-6",
                        format!("comment {number} was taken into version {version}; its disposition stays"),
                    ));
                }
                Some(None) => {}
            }
            sqlx::query(
                "UPDATE congress_document_comment SET disposition = $1, explanation = $2, decided_by = $3, \
                 decided_at = $4 WHERE document_id = $5 AND number = $6",
            )
            .bind(decision.disposition.as_str())
            .bind(decision.explanation.as_deref())
            .bind(&by)
            .bind(now_text())
            .bind(document.id)
            .bind(i64::from(number))
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "draft_decide",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress document {}", document.id),
                detail: format!("comment {number}: {}", decision.disposition.as_str()),
                classification: document.classification,
            });
            Ok(())
        })
        .await
    }

    /// Takes every accepted amendment (accepted or accepted in part) made on
    /// the latest version and not yet taken in into the next version, in one
    /// action; the new version says which comments it took in. Two that
    /// change the same text are refused, naming both (a person decides);
    /// accepted amendments made on an earlier version are left out and named.
    pub async fn apply_accepted(
        &self,
        congress: &Congress,
        document: &CongressDocument,
        address: &str,
    ) -> StoreResult<AppliedVersion> {
        self.require(&congress.org, policy::may_read)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        self.require_team(document).await?;
        not_a_higher_draft(document)?;
        let latest = self.latest(document).await?.ok_or_else(|| refused("C-PLAN-7", "the draft has no version yet"))?;
        let comments = self.all_comments(document.id).await?;
        let accepted = comments.iter().filter(|c| {
            c.taken_in.is_none()
                && c.amendment.is_some()
                && c.decided.as_ref().is_some_and(|d| {
                    matches!(
                        d.decision.disposition,
                        daihoi_drafts::Disposition::Accepted | daihoi_drafts::Disposition::AcceptedInPart
                    )
                })
        });
        let (now, left_out): (Vec<_>, Vec<_>) = accepted.partition(|c| c.version == latest.number);
        if now.is_empty() {
            return Err(refused("C-PLAN-7", "no accepted amendment on the latest version waits to be taken in"));
        }
        let amendments: Vec<(CommentId, Amendment)> = now
            .iter()
            .filter_map(|c| {
                c.amendment
                    .clone()
                    .map(|change| (CommentId(u64::from(c.number)), Amendment { made_on: c.version, change }))
            })
            .collect();
        let applied =
            apply(&latest.text, latest.number, &amendments, &Limits::default()).map_err(|e| refused("C-PLAN-7", e))?;
        let taken_in: Vec<u32> = applied.taken_in.iter().filter_map(|c| u32::try_from(c.0).ok()).collect();
        self.insert_version(
            congress,
            document,
            &applied.text,
            Some(&applied.revision),
            VersionSource::Amendments,
            None,
            &taken_in,
            address,
        )
        .await?;
        let version = self
            .version(document, applied.text.version())
            .await?
            .ok_or_else(|| StoreError::corrupt("version vanished"))?;
        Ok(AppliedVersion { version, left_out: left_out.iter().map(|c| c.number).collect() })
    }
}

/// A higher level's draft is disposed of by its issuer's drafting team:
/// here its comments are gathered and sent up, not decided or applied.
fn not_a_higher_draft(document: &CongressDocument) -> StoreResult<()> {
    match &document.issued_by {
        None => Ok(()),
        Some(issuer) => Err(refused(
            "C-PLAN-6",
            format!(
                "a draft of {issuer}: its comments are disposed of by its own drafting team; send the synthesis up"
            ),
        )),
    }
}
