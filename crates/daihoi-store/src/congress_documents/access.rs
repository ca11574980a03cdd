//! The facet of congress documents and its reads: a congress's drafts for
//! its organization's readers, the drafts sent to an organization for
//! that organization's readers, versions, comments, the synthesis of the
//! comments and the coverage of a draft sent down. Every read checks the
//! viewer's reach (`policy.rs`) and the document's classification (T-6).

use daihoi_congress::{OpenQuestion, Scope};
use daihoi_core::OrgCode;
use daihoi_drafts::{Coverage, Synthesis, group};
use sqlx::{AssertSqlSafe, Row};
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, OffsetDateTime};

use super::{
    Comment, CongressDocument, DRAFT_COLUMNS, DRAFT_COMMENT_COLUMNS, DRAFT_COMMENT_FROM, DRAFT_FROM,
    DRAFT_VERSION_COLUMNS, DraftCoverage, OrgRef, OrgSynthesis, Recipient, Version, comment_facts, comment_row,
    document_row, policy, version_row,
};
use crate::access::{facet, forbidden};
use crate::congresses::{Congress, Round};
use crate::orgs::{OrgNode, date_col, opt_date_col};
use crate::{StoreError, StoreResult};

/// The organizations a draft `$1` was sent to (`s`, `o`), with the day each
/// sent its synthesis (`y`).
const RECIPIENTS_SQL: &str = "SELECT o.code AS code, \
     (SELECT ov.name FROM org_version ov WHERE ov.org_id = o.id ORDER BY ov.valid_from DESC LIMIT 1) AS name, \
     s.sent_on AS sent_on, y.sent_on AS synthesis_on \
     FROM congress_document_sent s JOIN organization o ON o.id = s.org_id \
     LEFT JOIN congress_document_synthesis y ON y.document_id = s.document_id AND y.org_id = s.org_id \
     WHERE s.document_id = $1";

facet!(
    CongressDocuments,
    congress_documents,
    "Congress documents (văn kiện đại hội): drafts, versions, comments, the synthesis."
);

impl CongressDocuments<'_> {
    /// The drafts of `congress` the viewer is cleared for, by id.
    pub async fn documents(&self, congress: &Congress) -> StoreResult<Vec<CongressDocument>> {
        self.require(&congress.org, policy::may_read)?;
        let clearance = self.clearance();
        let sql = format!(
            "SELECT {DRAFT_COLUMNS} FROM {DRAFT_FROM} WHERE d.congress_id = $1 AND d.classification IN {} \
             ORDER BY d.id",
            clearance.sql_up_to()
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(congress.id).fetch_all(&self.db.pool).await?;
        rows.iter().map(document_row).collect()
    }

    /// Draft `id` of `congress`: `Ok(None)` when the congress has none of
    /// that id; refused when the viewer does not read the organization or
    /// is not cleared for the draft.
    pub async fn document(&self, congress: &Congress, id: i64) -> StoreResult<Option<CongressDocument>> {
        self.require(&congress.org, policy::may_read)?;
        let Some(document) = self.unchecked(id).await? else { return Ok(None) };
        if document.congress_id != congress.id {
            return Ok(None);
        }
        self.require_cleared(&document, || format!("congress document {id}"))?;
        Ok(Some(document))
    }

    /// Draft `id` of `congress`, or `NotFound`.
    pub(crate) async fn found(&self, congress: &Congress, id: i64) -> StoreResult<CongressDocument> {
        self.document(congress, id).await?.ok_or_else(|| StoreError::NotFound(format!("congress document {id}")))
    }

    pub(crate) async fn unchecked(&self, id: i64) -> StoreResult<Option<CongressDocument>> {
        let sql = format!("SELECT {DRAFT_COLUMNS} FROM {DRAFT_FROM} WHERE d.id = $1");
        let row = sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_optional(&self.db.pool).await?;
        row.as_ref().map(document_row).transpose()
    }

    /// The drafts sent down to `node` that the viewer is cleared for (the
    /// higher level's drafts it is to comment on), by id.
    pub async fn received(&self, node: &OrgNode) -> StoreResult<Vec<CongressDocument>> {
        self.require(node, policy::may_read_sent)?;
        let clearance = self.clearance();
        let sql = format!(
            "SELECT {DRAFT_COLUMNS} FROM {DRAFT_FROM} JOIN congress_document_sent s ON s.document_id = d.id \
             WHERE s.org_id = $1 AND d.classification IN {} ORDER BY d.id",
            clearance.sql_up_to()
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(node.id).fetch_all(&self.db.pool).await?;
        rows.iter().map(document_row).collect()
    }

    /// Draft `id` as sent to `node`: `Ok(None)` when it was not sent there.
    pub async fn received_document(&self, node: &OrgNode, id: i64) -> StoreResult<Option<CongressDocument>> {
        self.require(node, policy::may_read_sent)?;
        if self.sent_on(id, node.id).await?.is_none() {
            return Ok(None);
        }
        let Some(document) = self.unchecked(id).await? else { return Ok(None) };
        self.require_cleared(&document, || format!("congress document {id}"))?;
        Ok(Some(document))
    }

    /// Draft `id` as sent to `node`, with the congress that holds it as it
    /// stands on `date` (for a lower organization's office recording its
    /// comments and sending its synthesis): `Ok(None)` when it was not sent
    /// there.
    pub async fn received_with_congress(
        &self,
        node: &OrgNode,
        id: i64,
        date: Date,
    ) -> StoreResult<Option<(Round, Congress, CongressDocument)>> {
        let Some(document) = self.received_document(node, id).await? else { return Ok(None) };
        let row = sqlx::query("SELECT round_id, org_id FROM congress WHERE id = $1")
            .bind(document.congress_id)
            .fetch_one(&self.db.pool)
            .await?;
        let (round_id, org_id): (i64, i64) = (row.try_get("round_id")?, row.try_get("org_id")?);
        let round =
            self.db.round_by_id(round_id).await?.ok_or_else(|| StoreError::corrupt("congress without round"))?;
        let owner = self.db.org_by_id(org_id, date).await?.ok_or_else(|| {
            StoreError::NotFound(format!("the organization holding congress document {id} on {date}"))
        })?;
        let congress = self
            .db
            .congress_of(&round, &owner, date)
            .await?
            .ok_or_else(|| StoreError::corrupt("congress document without its congress"))?;
        Ok(Some((round, congress, document)))
    }

    /// The day draft `id` was sent to organization `org_id`, if it was.
    pub(crate) async fn sent_on(&self, id: i64, org_id: i64) -> StoreResult<Option<Date>> {
        let row = sqlx::query("SELECT sent_on FROM congress_document_sent WHERE document_id = $1 AND org_id = $2")
            .bind(id)
            .bind(org_id)
            .fetch_optional(&self.db.pool)
            .await?;
        row.as_ref().map(|r| date_col(r, "sent_on")).transpose()
    }

    /// The versions of a draft the viewer reached (through
    /// [`CongressDocuments::document`] or [`CongressDocuments::received_document`]), oldest first.
    pub async fn versions(&self, document: &CongressDocument) -> StoreResult<Vec<Version>> {
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        let sql = format!(
            "SELECT {DRAFT_VERSION_COLUMNS} FROM congress_document_version WHERE document_id = $1 ORDER BY number"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(document.id).fetch_all(&self.db.pool).await?;
        rows.iter().map(version_row).collect()
    }

    /// Version `number` of a draft the viewer reached.
    pub async fn version(&self, document: &CongressDocument, number: u32) -> StoreResult<Option<Version>> {
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        let sql = format!(
            "SELECT {DRAFT_VERSION_COLUMNS} FROM congress_document_version WHERE document_id = $1 AND number = $2"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(document.id)
            .bind(i64::from(number))
            .fetch_optional(&self.db.pool)
            .await?;
        row.as_ref().map(version_row).transpose()
    }

    /// The latest version of a draft, if it has one.
    pub async fn latest(&self, document: &CongressDocument) -> StoreResult<Option<Version>> {
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        let sql = format!(
            "SELECT {DRAFT_VERSION_COLUMNS} FROM congress_document_version WHERE document_id = $1 \
             ORDER BY number DESC LIMIT 1"
        );
        let row = sqlx::query(AssertSqlSafe(sql)).bind(document.id).fetch_optional(&self.db.pool).await?;
        row.as_ref().map(version_row).transpose()
    }

    /// Every comment on a draft of `congress`, by number: for the
    /// organization holding the congress.
    pub async fn comments(&self, congress: &Congress, document: &CongressDocument) -> StoreResult<Vec<Comment>> {
        self.require(&congress.org, policy::may_read)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        self.all_comments(document.id).await
    }

    pub(crate) async fn all_comments(&self, id: i64) -> StoreResult<Vec<Comment>> {
        let sql = format!(
            "SELECT {DRAFT_COMMENT_COLUMNS} FROM {DRAFT_COMMENT_FROM} WHERE c.document_id = $1 ORDER BY c.number"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_all(&self.db.pool).await?;
        rows.iter().map(comment_row).collect()
    }

    /// The comments `node` recorded on a draft sent to it, by number: for
    /// that organization's readers (not the other organizations').
    pub async fn comments_from(&self, node: &OrgNode, document: &CongressDocument) -> StoreResult<Vec<Comment>> {
        self.require(node, policy::may_read_sent)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        self.org_comments(document.id, node.id).await
    }

    /// The comments organization `org_id` recorded on draft `id`, by
    /// number, unchecked.
    async fn org_comments(&self, id: i64, org_id: i64) -> StoreResult<Vec<Comment>> {
        let sql = format!(
            "SELECT {DRAFT_COMMENT_COLUMNS} FROM {DRAFT_COMMENT_FROM} WHERE c.document_id = $1 AND c.source_org_id = $2 \
             ORDER BY c.number"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(id).bind(org_id).fetch_all(&self.db.pool).await?;
        rows.iter().map(comment_row).collect()
    }

    /// The synthesis (báo cáo tổng hợp ý kiến góp ý) of `comments` on
    /// `document`: grouped by section (as of the version each was made on)
    /// and source, counted by disposition. A comment with no organization
    /// is counted under the person who made it.
    pub async fn synthesis(&self, document: &CongressDocument, comments: &[Comment]) -> StoreResult<Synthesis> {
        let versions = self.versions(document).await?;
        Ok(group(&comment_facts(document, &versions, comments)))
    }

    /// Who a draft of `congress` was sent to and where each stands with its
    /// synthesis: due the day sent plus the round's answer on comment
    /// deadlines (C-PLAN-6, [open], answered for the organization holding
    /// the congress, its level or the round); until a person answers it,
    /// no organization is called on time or late.
    pub async fn coverage(
        &self,
        round: &Round,
        congress: &Congress,
        document: &CongressDocument,
    ) -> StoreResult<DraftCoverage> {
        self.require(&congress.org, policy::may_read)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        self.recipients(round, congress, document, None).await
    }

    /// [`CongressDocuments::coverage`] unchecked, of every recipient or of
    /// the organization `only`.
    async fn recipients(
        &self,
        round: &Round,
        congress: &Congress,
        document: &CongressDocument,
        only: Option<i64>,
    ) -> StoreResult<DraftCoverage> {
        let settings = self.db.round_settings(round).await?;
        let scope = Scope::Organization(congress.org.code.to_string());
        let days = settings.number(OpenQuestion::CommentDeadlineDays, &scope);
        let awaiting = days.as_ref().err().map(|a| a.rule());
        let rows = match only {
            None => {
                let sql = format!("{RECIPIENTS_SQL} ORDER BY s.sent_on, o.code");
                sqlx::query(AssertSqlSafe(sql)).bind(document.id).fetch_all(&self.db.pool).await?
            }
            Some(org_id) => {
                let sql = format!("{RECIPIENTS_SQL} AND s.org_id = $2");
                sqlx::query(AssertSqlSafe(sql)).bind(document.id).bind(org_id).fetch_all(&self.db.pool).await?
            }
        };
        let mut recipients = Vec::with_capacity(rows.len());
        for r in &rows {
            let code: String = r.try_get("code")?;
            let name: String = r.try_get::<Option<String>, _>("name")?.unwrap_or_default();
            let sent_on = date_col(r, "sent_on")?;
            let synthesis_on = opt_date_col(r, "synthesis_on")?;
            let deadline = days.as_ref().ok().map(|d| sent_on.saturating_add(Duration::days(i64::from(*d))));
            let state = Coverage::of(synthesis_on, deadline);
            let code =
                daihoi_core::OrgCode::parse(&code).map_err(|_| StoreError::corrupt(format!("bad code {code:?}")))?;
            recipients.push(Recipient { org: OrgRef { code, name }, sent_on, deadline, coverage: state });
        }
        Ok(DraftCoverage { recipients, awaiting })
    }

    /// What organization `sender` sends up on a draft of `congress` sent to
    /// it (its synthesis, C-PLAN-6): where it stands against the deadline,
    /// and the comments it recorded with the drafting team's dispositions,
    /// those recorded after its synthesis was sent marked. For the readers
    /// of the organization holding the congress (the higher level reading
    /// the syntheses of the levels below) and of the sender itself;
    /// `Ok(None)` when the draft was not sent to `sender` (or no such
    /// organization on `on`).
    pub async fn synthesis_of(
        &self,
        round: &Round,
        congress: &Congress,
        document: &CongressDocument,
        sender: &OrgCode,
        on: Date,
    ) -> StoreResult<Option<OrgSynthesis>> {
        let Some(node) = self.db.org_by_code(sender, on).await? else { return Ok(None) };
        if !policy::may_read_synthesis(self.reach(&congress.org), self.reach(&node)) {
            return Err(forbidden(format!("the synthesis of {sender} on congress document {}", document.id)));
        }
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        if document.congress_id != congress.id {
            return Ok(None);
        }
        let coverage = self.recipients(round, congress, document, Some(node.id)).await?;
        let Some(recipient) = coverage.recipients.into_iter().next() else { return Ok(None) };
        let sent_at: Option<String> = sqlx::query_scalar(
            "SELECT sent_at FROM congress_document_synthesis WHERE document_id = $1 AND org_id = $2",
        )
        .bind(document.id)
        .bind(node.id)
        .fetch_optional(&self.db.pool)
        .await?;
        let comments = self.org_comments(document.id, node.id).await?;
        let instant = |at: &str| OffsetDateTime::parse(at, &Rfc3339).ok();
        let after_sending = match sent_at.as_deref().and_then(instant) {
            Some(sent) => comments
                .iter()
                .filter(|c| instant(&c.recorded.at).is_some_and(|at| at > sent))
                .map(|c| c.number)
                .collect(),
            None => Vec::new(),
        };
        Ok(Some(OrgSynthesis { org: node, recipient, awaiting: coverage.awaiting, comments, after_sending }))
    }

    /// Whether the viewer may make drafts of `congress`, name their
    /// drafting team and send them down: the office of its organization.
    pub fn may_prepare(&self, congress: &Congress) -> bool {
        policy::may_prepare(self.reach(&congress.org))
    }

    /// Whether the viewer records the comments agreed by `node` and sends
    /// its synthesis up: that organization's office.
    pub fn may_comment_for(&self, node: &OrgNode) -> bool {
        policy::may_comment_for(self.reach(node))
    }

    /// Whether the viewer is on the drafting team of `document` (the
    /// command line's operator is).
    pub async fn on_team(&self, document: &CongressDocument) -> StoreResult<bool> {
        let Some(user) = self.viewer.user() else { return Ok(true) };
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM congress_document_team WHERE document_id = $1 AND login = $2")
                .bind(document.id)
                .bind(&user.login)
                .fetch_optional(&self.db.pool)
                .await?;
        Ok(found.is_some())
    }

    /// The drafting team of a draft of `congress`, by login.
    pub async fn team(&self, congress: &Congress, document: &CongressDocument) -> StoreResult<Vec<String>> {
        self.require(&congress.org, policy::may_read)?;
        self.require_cleared(document, || format!("congress document {}", document.id))?;
        Ok(sqlx::query_scalar("SELECT login FROM congress_document_team WHERE document_id = $1 ORDER BY login")
            .bind(document.id)
            .fetch_all(&self.db.pool)
            .await?)
    }

    /// Refused unless the viewer is on the drafting team of `document`.
    pub(crate) async fn require_team(&self, document: &CongressDocument) -> StoreResult<()> {
        if policy::may_draft(self.on_team(document).await?) {
            Ok(())
        } else {
            Err(forbidden(format!("the drafting team of congress document {}", document.id)))
        }
    }
}
