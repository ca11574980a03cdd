//! R-AFTER-2: complaints received about an election, sent to the higher
//! inspection commission, within 15 working days of the congress's closing
//! day (one received later is recorded and shown late, never refused: the
//! commission decides). R-AFTER-4: the ballots sealed and kept 6 months,
//! then destroyed by decision, refused before that day or while a
//! complaint is open. Recorded by the congress's office.

use daihoi_congress::Approval;
use daihoi_core::date::iso;
use time::Date;

use super::super::access::Elections;
use super::super::{change, refuse};
use super::{KEEP_MONTHS, NewComplaint, NewSealing, months_after, policy};
use crate::congresses::Congress;
use crate::congresses::access::text;
use crate::members::now_text;
use crate::{StoreError, StoreResult};

impl Elections<'_> {
    /// Records a complaint received about election `n` (R-AFTER-2): its
    /// number.
    pub async fn record_complaint(
        &self,
        congress: &Congress,
        n: u32,
        new: &NewComplaint,
        today: Date,
        address: &str,
    ) -> StoreResult<u32> {
        self.require(&congress.org, policy::may_record)?;
        let election = self.found(congress, n).await?;
        let from = text("from", &new.from)?;
        let summary = text("summary", &new.summary)?;
        if new.received_on > today || new.sent_on.is_some_and(|s| s > today || s < new.received_on) {
            return Err(refuse("R-AFTER-2", "a complaint is received, then sent on, neither after today"));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let last: Option<i64> =
                sqlx::query_scalar("SELECT MAX(number) FROM election_complaint WHERE election_id = $1")
                    .bind(election.id)
                    .fetch_one(w.conn())
                    .await?;
            let number = last.unwrap_or(0) + 1;
            sqlx::query(
                "INSERT INTO election_complaint (election_id, number, received_on, from_whom, summary, sent_on, \
                 recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(election.id)
            .bind(number)
            .bind(iso(new.received_on))
            .bind(from)
            .bind(summary)
            .bind(new.sent_on.map(iso))
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(change(
                congress,
                "election_complaint",
                n,
                format!(
                    "complaint {number} received {} from {from}{} (R-AFTER-2)",
                    iso(new.received_on),
                    new.sent_on
                        .map(|s| format!(", sent to the higher inspection commission {}", iso(s)))
                        .unwrap_or_default()
                ),
            ));
            super::super::number(number, "complaint")
        })
        .await
    }

    /// Records complaint `number` of election `n` settled, with the day and
    /// its document. `false`: settled so already, nothing written.
    pub async fn settle_complaint(
        &self,
        congress: &Congress,
        n: u32,
        number: u32,
        settled: &Approval,
        today: Date,
        address: &str,
    ) -> StoreResult<bool> {
        self.require(&congress.org, policy::may_record)?;
        let election = self.found(congress, n).await?;
        let reference = text("reference", &settled.reference)?;
        // Who settled it: checked as every text is (TEXT-1), kept in the audit entry.
        let decided_by = text("decided_by", &settled.approved_by)?;
        let complaint = self
            .complaints(congress, &election)
            .await?
            .into_iter()
            .find(|c| c.number == number)
            .ok_or_else(|| StoreError::NotFound(format!("complaint {number}")))?;
        if let Some((on, r)) = &complaint.settled {
            if *on == settled.on && r == reference {
                return Ok(false);
            }
            return Err(refuse("R-AFTER-2", format!("complaint {number} is settled already")));
        }
        if settled.on > today || settled.on < complaint.received_on {
            return Err(refuse("R-AFTER-2", format!("complaint {number} cannot be settled on {}", iso(settled.on))));
        }
        self.write(address, async |w| {
            sqlx::query(
                "UPDATE election_complaint SET settled_on = $1, settled_reference = $2 \
                 WHERE election_id = $3 AND number = $4",
            )
            .bind(iso(settled.on))
            .bind(reference)
            .bind(election.id)
            .bind(i64::from(number))
            .execute(w.conn())
            .await?;
            w.record(change(
                congress,
                "election_complaint_settled",
                n,
                format!("complaint {number} settled {} by {decided_by}, {reference}", iso(settled.on)),
            ));
            Ok::<_, StoreError>(true)
        })
        .await
    }

    /// Records election `n`'s ballots sealed (R-AFTER-4): the day, who holds
    /// them, where; kept until 6 months later. `false`: recorded so
    /// already; another sealing is refused.
    pub async fn seal_ballots(
        &self,
        congress: &Congress,
        n: u32,
        sealing: &NewSealing,
        today: Date,
        address: &str,
    ) -> StoreResult<bool> {
        self.require(&congress.org, policy::may_record)?;
        let election = self.found(congress, n).await?;
        let sealed_on = sealing.sealed_on;
        let held_by = text("held_by", &sealing.held_by)?;
        let kept_at = text("kept_at", &sealing.kept_at)?;
        if sealed_on > today {
            return Err(refuse("R-AFTER-4", format!("ballots sealed on {} is after today", iso(sealed_on))));
        }
        if self.rounds(&election).await?.first().and_then(|r| r.issued.as_ref()).is_none() {
            return Err(refuse("R-AFTER-4", "no ballots were issued"));
        }
        if let Some(k) = self.kept_ballots(&election).await? {
            if k.sealed_on == sealed_on && k.held_by == held_by && k.kept_at == kept_at {
                return Ok(false);
            }
            return Err(refuse("R-AFTER-4", "the ballots' sealing is recorded already"));
        }
        let until = months_after(sealed_on, KEEP_MONTHS);
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query(
                "INSERT INTO election_ballots_kept (election_id, sealed_on, held_by, kept_at, keep_until, \
                 recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(election.id)
            .bind(iso(sealed_on))
            .bind(held_by)
            .bind(kept_at)
            .bind(iso(until))
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(change(
                congress,
                "election_ballots_sealed",
                n,
                format!(
                    "sealed {}, held by {held_by} at {kept_at}, kept until {} (R-AFTER-4)",
                    iso(sealed_on),
                    iso(until)
                ),
            ));
            Ok::<_, StoreError>(true)
        })
        .await
    }

    /// Records election `n`'s ballots destroyed by decision (R-AFTER-4):
    /// refused before the keep-until day, while a complaint is open, or
    /// unsealed. `false`: recorded so already.
    pub async fn destroy_ballots(
        &self,
        congress: &Congress,
        n: u32,
        decision: &Approval,
        today: Date,
        address: &str,
    ) -> StoreResult<bool> {
        self.require(&congress.org, policy::may_record)?;
        let election = self.found(congress, n).await?;
        let decided_by = text("approved_by", &decision.approved_by)?;
        let reference = text("reference", &decision.reference)?;
        let Some(kept) = self.kept_ballots(&election).await? else {
            return Err(refuse("R-AFTER-4", "the ballots' sealing is not recorded"));
        };
        if let Some((on, r)) = &kept.destroyed {
            if *on == decision.on && r == reference {
                return Ok(false);
            }
            return Err(refuse("R-AFTER-4", "the ballots are destroyed already"));
        }
        if decision.on > today {
            return Err(refuse("R-AFTER-4", format!("a destruction on {} is after today", iso(decision.on))));
        }
        if decision.on < kept.keep_until {
            return Err(refuse(
                "R-AFTER-4",
                format!("the ballots are kept until {}: not destroyed on {}", iso(kept.keep_until), iso(decision.on)),
            ));
        }
        if let Some(c) = self.complaints(congress, &election).await?.iter().find(|c| c.open()) {
            return Err(refuse(
                "R-AFTER-4",
                format!("complaint {} is open: the ballots are kept until it is settled (R-AFTER-2)", c.number),
            ));
        }
        self.write(address, async |w| {
            sqlx::query(
                "UPDATE election_ballots_kept SET destroyed_on = $1, destroyed_reference = $2 WHERE election_id = $3",
            )
            .bind(iso(decision.on))
            .bind(reference)
            .bind(election.id)
            .execute(w.conn())
            .await?;
            w.record(change(
                congress,
                "election_ballots_destroyed",
                n,
                format!("destroyed {} by {decided_by}, {reference} (R-AFTER-4)", iso(decision.on)),
            ));
            Ok::<_, StoreError>(true)
        })
        .await
    }
}
