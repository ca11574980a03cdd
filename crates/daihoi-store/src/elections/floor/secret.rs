//! Secret electronic ballots, only where a committee chooses them for an
//! opinion ballot (a step of the personnel process); elections of the
//! committee itself stay on paper (Regulation 190).
//!
//! Secrecy by schema: one transaction writes who voted
//! (`floor_secret_voter`: congress, vote, person) and the ballot
//! (`floor_secret_ballot`: a random id, the choice, the hash of the
//! voter's receipt code), with no column that joins them, no time and no
//! order (random ids; SQLite keeps the table without a rowid). The audit
//! entry says who voted on which vote, never the choice. The receipt code
//! is the voter's own (the form carries a fresh one; a retry carries the
//! same): the ballot keeps its SHA-256, so the voter finds it among the
//! hashes counted, and a retry with the same code is acknowledged again
//! with no second ballot.

use sqlx::Row;

use super::access::FloorVotes;
use super::{Cast, Choice, DelegatePass, policy, refused};
use crate::access::forbidden;
use crate::accounts::{random_hex, sha256_hex};
use crate::congresses::Congress;
use crate::documents::Classification;
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// A receipt code: 16 to 64 hexadecimal digits (the forms carry 32).
pub fn receipt_ok(code: &str) -> bool {
    (16..=64).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A fresh receipt code for a ballot form.
pub fn new_receipt() -> StoreResult<String> {
    random_hex(16)
}

impl FloorVotes<'_> {
    /// The delegate holding `pass` casts a secret ballot on an open secret
    /// vote of their congress with their receipt code (see the module).
    pub async fn cast_secret(
        &self,
        pass: &DelegatePass,
        vote: u32,
        choice: Choice,
        receipt: &str,
        address: &str,
    ) -> StoreResult<Cast> {
        if self.viewer != &pass.viewer {
            return Err(forbidden("another delegate's pass"));
        }
        let receipt = receipt.trim().to_ascii_lowercase();
        if !receipt_ok(&receipt) {
            return Err(refused("a receipt code is 16 to 64 hexadecimal digits"));
        }
        let v = self
            .db
            .floor_vote(pass.congress_id, vote)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("vote {vote}")))?;
        if !v.secret {
            return Err(refused(format!("vote {vote} is a named vote")));
        }
        if !self.db.floor_eligible(pass.congress_id, vote, pass.person_id).await? {
            return Err(refused(format!("{} was not checked in when vote {vote} opened", pass.card)));
        }
        let hash = sha256_hex(&receipt);
        let id = random_hex(16)?;
        let congress = pass.congress_id;
        self.write(address, async |w| {
            let open = sqlx::query(
                "UPDATE floor_vote SET closed_at = closed_at WHERE congress_id = $1 AND number = $2 \
                 AND closed_at IS NULL",
            )
            .bind(congress)
            .bind(i64::from(vote))
            .execute(w.conn())
            .await?
            .rows_affected();
            let voter = if open == 1 {
                sqlx::query(
                    "INSERT INTO floor_secret_voter (congress_id, vote, person_id) VALUES ($1, $2, $3) \
                     ON CONFLICT (congress_id, vote, person_id) DO NOTHING",
                )
                .bind(congress)
                .bind(i64::from(vote))
                .bind(pass.person_id)
                .execute(w.conn())
                .await?
                .rows_affected()
            } else {
                0
            };
            if voter == 1 {
                sqlx::query(
                    "INSERT INTO floor_secret_ballot (id, congress_id, vote, choice, receipt_hash) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&id)
                .bind(congress)
                .bind(i64::from(vote))
                .bind(choice.code())
                .bind(&hash)
                .execute(w.conn())
                .await?;
                w.record(Change {
                    action: "floor_secret_ballot",
                    org_path: pass.org_path.clone(),
                    subject: format!("member {}", pass.card),
                    detail: format!("congress {congress} vote {vote}"),
                    classification: Classification::Normal,
                });
                return Ok(Cast { number: vote, choice, ack: receipt.clone(), again: false });
            }
            // Voted already (or the vote is closed): a retry with the same
            // receipt is acknowledged again; the choice it reports is the
            // one the retry carries, never read from the ballots (nothing
            // says which ballot is the voter's but the receipt itself).
            let voted: Option<i64> = sqlx::query_scalar(
                "SELECT person_id FROM floor_secret_voter WHERE congress_id = $1 AND vote = $2 AND person_id = $3",
            )
            .bind(congress)
            .bind(i64::from(vote))
            .bind(pass.person_id)
            .fetch_optional(w.conn())
            .await?;
            let counted: Option<String> = sqlx::query_scalar(
                "SELECT choice FROM floor_secret_ballot WHERE congress_id = $1 AND vote = $2 AND receipt_hash = $3",
            )
            .bind(congress)
            .bind(i64::from(vote))
            .bind(&hash)
            .fetch_optional(w.conn())
            .await?;
            match (voted, counted) {
                (Some(_), Some(c)) if Choice::parse(&c) == Some(choice) => {
                    Ok(Cast { number: vote, choice, ack: receipt.clone(), again: true })
                }
                (Some(_), _) => Err(refused(format!("{} voted on vote {vote} already", pass.card))),
                (None, _) => Err(refused(format!("vote {vote} is closed"))),
            }
        })
        .await
    }

    /// The receipt hashes counted in a secret vote, sorted (their order
    /// says nothing): public to the congress's readers, and to its
    /// delegates through [`Self::receipt_counted`].
    pub async fn receipts(&self, congress: &Congress, vote: u32) -> StoreResult<Vec<String>> {
        self.require(&congress.org, policy::may_read)?;
        self.receipt_hashes(congress.id, vote).await
    }

    /// [`Self::receipts`] for a delegate of the vote's congress.
    pub async fn receipts_for_delegate(&self, pass: &DelegatePass, vote: u32) -> StoreResult<Vec<String>> {
        if self.viewer != &pass.viewer {
            return Err(forbidden("another delegate's pass"));
        }
        self.receipt_hashes(pass.congress_id, vote).await
    }

    async fn receipt_hashes(&self, congress: i64, vote: u32) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT receipt_hash FROM floor_secret_ballot WHERE congress_id = $1 AND vote = $2 ORDER BY receipt_hash",
        )
        .bind(congress)
        .bind(i64::from(vote))
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("receipt_hash")?)).collect()
    }

    /// Whether the ballot of this receipt code is among those counted in
    /// a secret vote of the pass's congress (the delegate checks their
    /// own; the answer says nothing of the choice).
    pub async fn receipt_counted(&self, pass: &DelegatePass, vote: u32, receipt: &str) -> StoreResult<bool> {
        if self.viewer != &pass.viewer {
            return Err(forbidden("another delegate's pass"));
        }
        let receipt = receipt.trim().to_ascii_lowercase();
        if !receipt_ok(&receipt) {
            return Ok(false);
        }
        let found: Option<String> = sqlx::query_scalar(
            "SELECT receipt_hash FROM floor_secret_ballot WHERE congress_id = $1 AND vote = $2 AND receipt_hash = $3",
        )
        .bind(pass.congress_id)
        .bind(i64::from(vote))
        .bind(sha256_hex(&receipt))
        .fetch_optional(&self.db.pool)
        .await?;
        Ok(found.is_some())
    }
}
