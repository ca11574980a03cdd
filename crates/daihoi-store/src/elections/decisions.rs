//! The congress's decisions on a counted round's decision points (R-RANK-2
//! a tie at the cut-off, R-RANK-3 seats unfilled, R-DELEG-1 a tie in the
//! alternates' order): recorded with who decided, when and why, checked by
//! the engine's `Proceedings::decide`, and a further round opened with its
//! list, exactly as `[[decisions]]` do in the tally format.

use daihoi_election::{Decision, DecisionAction, PointKind};

use super::access::{Elections, refused};
use super::list::insert_round;
use super::policy;
use crate::congresses::Congress;
use crate::congresses::access::text;
use crate::documents::Classification;
use crate::members::now_text;
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// A decision as the presidium's secretary records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    /// The round whose decision point it answers.
    pub round: u32,
    pub point: PointKind,
    pub action: NewAction,
    /// Who decided (the presidium, the congress by show of hands).
    pub decided_by: String,
    /// When, as they say it (`20/6/2025 16:00`).
    pub at: String,
    pub reason: String,
}

/// What was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewAction {
    /// A further round filling `seats` with `list` (its ballot order).
    FurtherRound {
        seats: u32,
        list: Vec<String>,
    },
    NoFurtherRound,
    /// R-DELEG-1: the alternates' order among the tied.
    Order(Vec<String>),
}

impl Elections<'_> {
    /// Records a decision of the congress on an open decision point; a
    /// further round becomes the round waiting for its ballots. Refused
    /// (the engine's reason) when it does not answer an open point or does
    /// not fit it; nothing is written then.
    pub async fn decide(&self, congress: &Congress, n: u32, new: &NewDecision, address: &str) -> StoreResult<u32> {
        self.require(&congress.org, policy::may_prepare)?;
        let election = self.found(congress, n).await?;
        let decided_by = text("decided_by", &new.decided_by)?;
        let at = text("at", &new.at)?;
        let reason = if new.reason.trim().is_empty() { "" } else { text("reason", &new.reason)? };
        let action = match &new.action {
            NewAction::FurtherRound { seats, list } => {
                for name in list {
                    text("name", name)?;
                }
                DecisionAction::FurtherRound {
                    seats: *seats,
                    candidates: list.iter().map(|s| s.trim().to_owned()).collect(),
                    ballots_issued: 0,
                    present: None,
                }
            }
            NewAction::NoFurtherRound => DecisionAction::NoFurtherRound,
            NewAction::Order(order) => {
                DecisionAction::Order { order: order.iter().map(|s| s.trim().to_owned()).collect() }
            }
        };
        let decision = Decision {
            round: new.round,
            point: new.point,
            decided_by: decided_by.to_owned(),
            at: at.to_owned(),
            reason: reason.to_owned(),
            action: action.clone(),
        };
        let rounds = self.rounds(&election).await?;
        let decisions = self.decisions(&election).await?;
        let Some(mut proceedings) = self.proceedings(&election, &rounds, &decisions).await? else {
            return Err(StoreError::ElectionRefused {
                rule: "R-RANK-2",
                detail: "no round has been counted".to_owned(),
            });
        };
        proceedings.decide(decision.clone()).map_err(refused)?;
        let (seats, names) = match &action {
            DecisionAction::FurtherRound { seats, candidates, .. } => (Some(*seats), Some(candidates.clone())),
            DecisionAction::Order { order } => (None, Some(order.clone())),
            DecisionAction::NoFurtherRound => (None, None),
        };
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let last: Option<i64> =
                sqlx::query_scalar("SELECT MAX(number) FROM election_decision WHERE election_id = $1")
                    .bind(election.id)
                    .fetch_one(w.conn())
                    .await?;
            let number = last.unwrap_or(0) + 1;
            sqlx::query(
                "INSERT INTO election_decision (election_id, number, round, point, action, seats, names, decided_by, \
                 decided_at, reason, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
                 $11, $12)",
            )
            .bind(election.id)
            .bind(number)
            .bind(i64::from(new.round))
            .bind(new.point.code())
            .bind(action.code())
            .bind(seats.map(i64::from))
            .bind(names.as_ref().map(|n| n.join("\n")))
            .bind(decided_by)
            .bind(at)
            .bind(reason)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            if let (Some(seats), Some(list)) = (seats, &names)
                && matches!(action, DecisionAction::FurtherRound { .. })
            {
                let next = u32::try_from(rounds.len()).unwrap_or(u32::MAX).saturating_add(1);
                insert_round(w, election.id, next, seats, list).await?;
            }
            w.record(Change {
                action: "election_decision",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {} election {n}", congress.id),
                detail: format!(
                    "round {}: {} → {}{}; decided by {decided_by}, {at}",
                    new.round,
                    new.point.code(),
                    action.code(),
                    names.as_ref().map(|n| format!(" ({})", n.join(", "))).unwrap_or_default()
                ),
                classification: Classification::Normal,
            });
            super::number(number, "decision")
        })
        .await
    }
}
