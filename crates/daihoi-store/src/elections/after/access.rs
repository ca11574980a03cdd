//! The reads of what follows the count: the higher committee's decision,
//! what the approval seated, complaints, the ballots kept, and the view of
//! it all for the election's readers.

use daihoi_congress::Approval;
use daihoi_core::date::from_iso;
use sqlx::Row;
use time::Date;

use super::super::access::{Elections, stamp};
use super::super::{Election, Stamp, number};
use super::leaders::Post;
use super::{
    AfterView, Complaint, KeptBallots, Outcome, OutcomeKind, Seating, SeatingLine, Standing, complaint_deadline,
    finished,
};
use crate::congresses::Congress;
use crate::{StoreError, StoreResult};

fn date(r: &sqlx::any::AnyRow, col: &str) -> StoreResult<Date> {
    let text: String = r.try_get(col)?;
    from_iso(&text).ok_or_else(|| StoreError::corrupt(format!("bad date {text:?} in {col}")))
}

fn opt_date(r: &sqlx::any::AnyRow, col: &str) -> StoreResult<Option<Date>> {
    let text: Option<String> = r.try_get(col)?;
    text.map(|t| from_iso(&t).ok_or_else(|| StoreError::corrupt(format!("bad date {t:?} in {col}")))).transpose()
}

/// R-AFTER-2: the congress's closing day (as held, else as planned), and
/// whether it was held.
pub(crate) fn closing_day(congress: &Congress) -> (Date, bool) {
    (congress.plan.schedule().last_day(), congress.plan.actual.is_some())
}

impl Elections<'_> {
    /// Whether the viewer records complaints, the ballots kept and who is
    /// planned for secretary of `congress` (its office).
    pub fn may_record(&self, congress: &Congress) -> bool {
        super::policy::may_record(self.reach(&congress.org))
    }

    /// The higher committee's decision on the election's results, if recorded.
    pub(crate) async fn outcome(&self, election: &Election) -> StoreResult<Option<Outcome>> {
        let row = sqlx::query(
            "SELECT outcome, decided_by, decided_on, reference, refused, note, recorded_by, recorded_at \
             FROM election_outcome WHERE election_id = $1",
        )
        .bind(election.id)
        .fetch_optional(&self.db.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let kind: String = r.try_get("outcome")?;
        Ok(Some(Outcome {
            kind: OutcomeKind::parse(&kind).ok_or_else(|| StoreError::corrupt(format!("bad outcome {kind:?}")))?,
            approval: Approval {
                approved_by: r.try_get("decided_by")?,
                on: date(&r, "decided_on")?,
                reference: r.try_get("reference")?,
            },
            refused: r
                .try_get::<Option<String>, _>("refused")?
                .map(|t| t.split('\n').map(str::to_owned).collect())
                .unwrap_or_default(),
            note: r.try_get("note")?,
            recorded: stamp(&r, "recorded_by", "recorded_at")?
                .unwrap_or(Stamp { by: String::new(), at: String::new() }),
        }))
    }

    async fn seating(&self, election: &Election) -> StoreResult<Vec<SeatingLine>> {
        let rows =
            sqlx::query("SELECT name, outcome, detail FROM election_seating WHERE election_id = $1 ORDER BY position")
                .bind(election.id)
                .fetch_all(&self.db.pool)
                .await?;
        rows.iter()
            .map(|r| {
                let code: String = r.try_get("outcome")?;
                Ok(SeatingLine {
                    name: r.try_get("name")?,
                    seating: Seating::parse(&code)
                        .ok_or_else(|| StoreError::corrupt(format!("bad seating {code:?}")))?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect()
    }

    /// The complaints received about the election (R-AFTER-2), by number.
    pub(crate) async fn complaints(&self, congress: &Congress, election: &Election) -> StoreResult<Vec<Complaint>> {
        let calendar = self.db.working_calendar().await?;
        let (until, _) = complaint_deadline(&calendar, closing_day(congress).0);
        self.complaints_until(election, until).await
    }

    /// The complaints received about the election, late when received
    /// after `until`, the window's last day.
    async fn complaints_until(&self, election: &Election, until: Date) -> StoreResult<Vec<Complaint>> {
        let rows = sqlx::query(
            "SELECT number, received_on, from_whom, summary, sent_on, settled_on, settled_reference, recorded_by, \
             recorded_at FROM election_complaint WHERE election_id = $1 ORDER BY number",
        )
        .bind(election.id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let received_on = date(r, "received_on")?;
                let settled = match opt_date(r, "settled_on")? {
                    Some(on) => Some((on, r.try_get::<Option<String>, _>("settled_reference")?.unwrap_or_default())),
                    None => None,
                };
                Ok(Complaint {
                    number: number(r.try_get("number")?, "complaint")?,
                    received_on,
                    from: r.try_get("from_whom")?,
                    summary: r.try_get("summary")?,
                    sent_on: opt_date(r, "sent_on")?,
                    settled,
                    late: received_on > until,
                    recorded: Stamp { by: r.try_get("recorded_by")?, at: r.try_get("recorded_at")? },
                })
            })
            .collect()
    }

    /// The election's ballots as sealed and kept (R-AFTER-4), if recorded.
    pub(crate) async fn kept_ballots(&self, election: &Election) -> StoreResult<Option<KeptBallots>> {
        let row = sqlx::query(
            "SELECT sealed_on, held_by, kept_at, keep_until, destroyed_on, destroyed_reference, recorded_by, \
             recorded_at FROM election_ballots_kept WHERE election_id = $1",
        )
        .bind(election.id)
        .fetch_optional(&self.db.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let destroyed = match opt_date(&r, "destroyed_on")? {
            Some(on) => Some((on, r.try_get::<Option<String>, _>("destroyed_reference")?.unwrap_or_default())),
            None => None,
        };
        Ok(Some(KeptBallots {
            sealed_on: date(&r, "sealed_on")?,
            held_by: r.try_get("held_by")?,
            kept_at: r.try_get("kept_at")?,
            keep_until: date(&r, "keep_until")?,
            destroyed,
            recorded: Stamp { by: r.try_get("recorded_by")?, at: r.try_get("recorded_at")? },
        }))
    }

    /// What follows election `n`'s count, for its readers (the congress's
    /// readers and the election's board): provisional until approved.
    pub async fn after(&self, congress: &Congress, n: u32) -> StoreResult<AfterView> {
        let election = self.found(congress, n).await?;
        if !super::policy::may_read(self.reach(&congress.org)) && self.duty(&election).await?.is_none() {
            return Err(crate::access::forbidden(format!("election {n} of organization {}", congress.org.code)));
        }
        let rounds = self.rounds(&election).await?;
        let decisions = self.decisions(&election).await?;
        let proceedings = self.proceedings(&election, &rounds, &decisions).await?;
        let outcome = self.outcome(&election).await?;
        let standing = match (&outcome, finished(proceedings.as_ref())) {
            (Some(o), _) if o.kind == OutcomeKind::Annulled => Standing::Annulled,
            (Some(_), _) => Standing::Approved,
            (None, true) => Standing::Provisional,
            (None, false) => Standing::Counting,
        };
        let (closing, held) = closing_day(congress);
        let calendar = self.db.working_calendar().await?;
        let (complaints_until, complaints_until_awaits) = complaint_deadline(&calendar, closing);
        let leader = match Post::of(election.body) {
            Some(post) => self.leader_status(congress, post).await?,
            None => None,
        };
        Ok(AfterView {
            standing,
            elected: proceedings.as_ref().map(|p| p.elected()).unwrap_or_default(),
            outcome,
            seating: self.seating(&election).await?,
            closing_day: closing,
            held,
            complaints_until,
            complaints_until_awaits,
            complaints: self.complaints_until(&election, complaints_until).await?,
            ballots: self.kept_ballots(&election).await?,
            leader,
        })
    }
}
