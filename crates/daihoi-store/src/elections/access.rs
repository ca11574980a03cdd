//! What a viewer may do with a congress's elections: the facet and its
//! reads. Writes are in `list.rs` (the election, its list, staff and
//! ballots issued), `count.rs` (entries, settlements, rulings, closing) and
//! `decisions.rs`.

use daihoi_election::{
    Body, Decision, DecisionAction, ElectionError, Electorate, PointKind, Proceedings, RuleSet, list::check_list,
};
use sqlx::Row;

use super::{
    Candidate, Duty, Election, ElectionRound, ElectionView, FloorVote, Issued, RecordedDecision, StaffMember, Stamp,
    Withdrawn, number, policy,
};
use crate::access::facet;
use crate::congresses::{Congress, Round};
use crate::{StoreError, StoreResult};
use daihoi_core::OrgCode;
use time::Date;

facet!(Elections, elections, "Elections of a congress: lists, rounds, the board's entries, decisions.");

/// An engine refusal as a store refusal, with its rule.
pub(crate) fn refused(e: ElectionError) -> StoreError {
    StoreError::ElectionRefused { rule: e.rule(), detail: e.to_string() }
}

pub(crate) fn stamp(r: &sqlx::any::AnyRow, by: &str, at: &str) -> StoreResult<Option<Stamp>> {
    let by: Option<String> = r.try_get(by)?;
    let at: Option<String> = r.try_get(at)?;
    Ok(by.zip(at).map(|(by, at)| Stamp { by, at }))
}

impl Elections<'_> {
    /// The elections of `congress`, by number.
    pub async fn list(&self, congress: &Congress) -> StoreResult<Vec<Election>> {
        self.require(&congress.org, policy::may_read)?;
        let rows = sqlx::query(
            "SELECT id, congress_id, number, body, title, seats, adopted_by, adopted_at FROM election \
             WHERE congress_id = $1 ORDER BY number",
        )
        .bind(congress.id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter().map(election_row).collect()
    }

    /// Election `number` of `congress`, if there is one.
    pub async fn election(&self, congress: &Congress, number: u32) -> StoreResult<Option<Election>> {
        self.require(&congress.org, policy::may_read)?;
        self.unchecked(congress, number).await
    }

    /// Election `number` of `congress` for a check that follows (a duty on
    /// its board, which a clerk without a role on the organization has).
    async fn unchecked(&self, congress: &Congress, number: u32) -> StoreResult<Option<Election>> {
        let row = sqlx::query(
            "SELECT id, congress_id, number, body, title, seats, adopted_by, adopted_at FROM election \
             WHERE congress_id = $1 AND number = $2",
        )
        .bind(congress.id)
        .bind(i64::from(number))
        .fetch_optional(&self.db.pool)
        .await?;
        row.as_ref().map(election_row).transpose()
    }

    /// Election `number` of `congress` or `NotFound`.
    pub(crate) async fn found(&self, congress: &Congress, n: u32) -> StoreResult<Election> {
        self.unchecked(congress, n).await?.ok_or_else(|| StoreError::NotFound(format!("election {n}")))
    }

    /// The congress of `code` in `round` and its election `n`, for a viewer
    /// who reads the organization or has a duty on the election's board
    /// (a clerk with no role anywhere reaches it through the duty alone),
    /// with that duty.
    pub async fn staffed(
        &self,
        round: &Round,
        code: &OrgCode,
        n: u32,
        date: Date,
    ) -> StoreResult<(Congress, Election, Option<Duty>)> {
        let node = self.db.org_by_code(code, date).await?.ok_or_else(|| StoreError::UnknownOrg(code.clone()))?;
        let refused = || crate::access::forbidden(format!("election {n} of organization {code}"));
        let congress = self.db.congress_of(round, &node, date).await?;
        let reads = policy::may_read(self.reach(&node));
        let Some(congress) = congress else {
            return Err(if reads { StoreError::NotFound(format!("congress of {code}")) } else { refused() });
        };
        let Some(election) = self.unchecked(&congress, n).await? else {
            return Err(if reads { StoreError::NotFound(format!("election {n}")) } else { refused() });
        };
        let duty = self.duty(&election).await?;
        if !reads && duty.is_none() {
            return Err(refused());
        }
        Ok((congress, election, duty))
    }

    /// The viewer's duty on the election's board, if any. The command line's
    /// operator is the board.
    pub async fn duty(&self, election: &Election) -> StoreResult<Option<Duty>> {
        let Some(user) = self.viewer.user() else { return Ok(Some(Duty::Board)) };
        let duty: Option<String> =
            sqlx::query_scalar("SELECT duty FROM election_staff WHERE election_id = $1 AND user_id = $2")
                .bind(election.id)
                .bind(user.id)
                .fetch_optional(&self.db.pool)
                .await?;
        duty.map(|d| Duty::parse(&d).ok_or_else(|| StoreError::corrupt(format!("bad duty {d:?}")))).transpose()
    }

    /// The viewer's duty, refused unless `allowed` (the board's decisions).
    pub(crate) async fn require_duty(
        &self,
        congress: &Congress,
        election: &Election,
        allowed: fn(Option<Duty>) -> bool,
    ) -> StoreResult<Duty> {
        let duty = self.duty(election).await?;
        if !allowed(duty) {
            return Err(crate::access::forbidden(format!(
                "election {} of organization {}",
                election.number, congress.org.code
            )));
        }
        duty.ok_or_else(|| crate::access::forbidden("no duty"))
    }

    /// Everything about an election its readers see.
    /// For the congress's readers and the election's board.
    pub async fn view(&self, congress: &Congress, n: u32) -> StoreResult<Option<ElectionView>> {
        let Some(election) = self.unchecked(congress, n).await? else {
            self.require(&congress.org, policy::may_read)?;
            return Ok(None);
        };
        if !policy::may_read(self.reach(&congress.org)) && self.duty(&election).await?.is_none() {
            return Err(crate::access::forbidden(format!("election {n} of organization {}", congress.org.code)));
        }
        let candidates = self.candidates(&election).await?;
        let rounds = self.rounds(&election).await?;
        let decisions = self.decisions(&election).await?;
        let staff = self.staff(&election).await?;
        let (list_check, trim) = match super::list::list_to_adopt(&election, &candidates) {
            Ok((list, trim)) => {
                let convening = candidates.iter().all(|c| c.floor.is_none());
                (check_list(election.body, election.seats, &list, convening, &RuleSet::default()), trim)
            }
            Err(e) => (Err(e), None),
        };
        let proceedings = self.proceedings(&election, &rounds, &decisions).await?;
        Ok(Some(ElectionView { election, candidates, list_check, trim, rounds, decisions, staff, proceedings }))
    }

    /// Round `number` of election `n` (its list, seats, ballots issued),
    /// without the counts: for the congress's readers and the election's
    /// board, as [`Elections::view`].
    pub async fn round(&self, congress: &Congress, n: u32, number: u32) -> StoreResult<ElectionRound> {
        let election = self.found(congress, n).await?;
        if !policy::may_read(self.reach(&congress.org)) && self.duty(&election).await?.is_none() {
            return Err(crate::access::forbidden(format!("election {n} of organization {}", congress.org.code)));
        }
        self.rounds(&election)
            .await?
            .into_iter()
            .find(|r| r.number == number)
            .ok_or_else(|| StoreError::NotFound(format!("round {number}")))
    }

    pub(crate) async fn candidates(&self, election: &Election) -> StoreResult<Vec<Candidate>> {
        let rows = sqlx::query(
            "SELECT c.position AS position, c.name AS name, p.card_number AS card_number, c.source AS source, \
             c.floor_agree AS floor_agree, c.floor_attending AS floor_attending, c.withdrawn_by AS withdrawn_by, \
             c.withdrawn_reason AS withdrawn_reason, c.recorded_by AS recorded_by, c.withdrawn_at AS withdrawn_at, \
             c.opinion_votes AS opinion_votes \
             FROM election_candidate c LEFT JOIN person p ON p.id = c.person_id \
             WHERE c.election_id = $1 ORDER BY c.position",
        )
        .bind(election.id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let agree: Option<i64> = r.try_get("floor_agree")?;
            let attending: Option<i64> = r.try_get("floor_attending")?;
            let floor = match (agree, attending) {
                (Some(a), Some(t)) => {
                    Some(FloorVote { agree: number(a, "agree")?, attending: number(t, "attending")? })
                }
                _ => None,
            };
            let withdrawn_by: Option<String> = r.try_get("withdrawn_by")?;
            let withdrawn = match withdrawn_by {
                Some(decided_by) => Some(Withdrawn {
                    decided_by,
                    reason: r.try_get::<Option<String>, _>("withdrawn_reason")?.unwrap_or_default(),
                    recorded: Stamp {
                        by: r.try_get("recorded_by")?,
                        at: r.try_get::<Option<String>, _>("withdrawn_at")?.unwrap_or_default(),
                    },
                }),
                None => None,
            };
            out.push(Candidate {
                position: number(r.try_get("position")?, "position")?,
                name: r.try_get("name")?,
                card: r.try_get("card_number")?,
                floor,
                withdrawn,
                opinion: r
                    .try_get::<Option<i64>, _>("opinion_votes")?
                    .map(|v| number(v, "opinion votes"))
                    .transpose()?,
            });
        }
        Ok(out)
    }

    pub(crate) async fn rounds(&self, election: &Election) -> StoreResult<Vec<ElectionRound>> {
        let rows = sqlx::query(
            "SELECT number, seats, ballots_issued, session, electorate, issued_by, issued_at, closed_by, closed_at \
             FROM election_round WHERE election_id = $1 ORDER BY number",
        )
        .bind(election.id)
        .fetch_all(&self.db.pool)
        .await?;
        let names =
            sqlx::query("SELECT round, name FROM round_candidate WHERE election_id = $1 ORDER BY round, position")
                .bind(election.id)
                .fetch_all(&self.db.pool)
                .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let n: i64 = r.try_get("number")?;
            let list = names
                .iter()
                .filter(|row| row.try_get::<i64, _>("round").is_ok_and(|x| x == n))
                .map(|row| row.try_get("name"))
                .collect::<Result<Vec<String>, _>>()?;
            let issued = match (stamp(r, "issued_by", "issued_at")?, r.try_get::<Option<i64>, _>("ballots_issued")?) {
                (Some(stamp), Some(ballots)) => {
                    let electorate: Option<String> = r.try_get("electorate")?;
                    let electorate: Electorate = serde_json::from_str(electorate.as_deref().unwrap_or(""))
                        .map_err(|e| StoreError::corrupt(format!("electorate of round {n}: {e}")))?;
                    let session: Option<i64> = r.try_get("session")?;
                    Some(Issued {
                        ballots: number(ballots, "ballots")?,
                        session: number(session.unwrap_or(0), "session")?,
                        electorate,
                        stamp,
                    })
                }
                _ => None,
            };
            out.push(ElectionRound {
                number: number(n, "round")?,
                seats: number(r.try_get("seats")?, "seats")?,
                list,
                issued,
                closed: stamp(r, "closed_by", "closed_at")?,
            });
        }
        Ok(out)
    }

    pub(crate) async fn decisions(&self, election: &Election) -> StoreResult<Vec<RecordedDecision>> {
        let rows = sqlx::query(
            "SELECT number, round, point, action, seats, names, decided_by, decided_at, reason, recorded_by, \
             recorded_at FROM election_decision WHERE election_id = $1 ORDER BY number",
        )
        .bind(election.id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let point: String = r.try_get("point")?;
            let action: String = r.try_get("action")?;
            let names: Vec<String> = r
                .try_get::<Option<String>, _>("names")?
                .map(|n| n.split('\n').map(str::to_owned).collect())
                .unwrap_or_default();
            let seats: Option<i64> = r.try_get("seats")?;
            let action = match action.as_str() {
                "further_round" => DecisionAction::FurtherRound {
                    seats: number(seats.unwrap_or(0), "seats")?,
                    candidates: names,
                    ballots_issued: 0,
                    present: None,
                },
                "no_further_round" => DecisionAction::NoFurtherRound,
                "order" => DecisionAction::Order { order: names },
                other => return Err(StoreError::corrupt(format!("bad action {other:?}"))),
            };
            out.push(RecordedDecision {
                number: number(r.try_get("number")?, "decision")?,
                decision: Decision {
                    round: number(r.try_get("round")?, "round")?,
                    point: PointKind::ALL
                        .into_iter()
                        .find(|p| p.code() == point)
                        .ok_or_else(|| StoreError::corrupt(format!("bad point {point:?}")))?,
                    decided_by: r.try_get("decided_by")?,
                    at: r.try_get("decided_at")?,
                    reason: r.try_get("reason")?,
                    action,
                },
                recorded: Stamp { by: r.try_get("recorded_by")?, at: r.try_get("recorded_at")? },
            });
        }
        Ok(out)
    }

    pub(crate) async fn staff(&self, election: &Election) -> StoreResult<Vec<StaffMember>> {
        let rows = sqlx::query(
            "SELECT u.login AS login, u.display_name AS display_name, s.duty AS duty FROM election_staff s \
             JOIN app_user u ON u.id = s.user_id WHERE s.election_id = $1 ORDER BY s.duty, u.login",
        )
        .bind(election.id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let duty: String = r.try_get("duty")?;
                Ok(StaffMember {
                    login: r.try_get("login")?,
                    display_name: r.try_get("display_name")?,
                    duty: Duty::parse(&duty).ok_or_else(|| StoreError::corrupt(format!("bad duty {duty:?}")))?,
                })
            })
            .collect()
    }

    /// The rounds as the engine sees them: each closed round counted from
    /// its settled ballots and rulings, each decision applied in turn. `None`
    /// until the first round's ballots are issued.
    pub(crate) async fn proceedings(
        &self,
        election: &Election,
        rounds: &[ElectionRound],
        decisions: &[RecordedDecision],
    ) -> StoreResult<Option<Proceedings>> {
        let Some(first) = rounds.first().and_then(|r| r.engine(election)) else { return Ok(None) };
        let mut p = Proceedings::new(first);
        for round in rounds {
            if round.closed.is_some() {
                let engine_round =
                    p.awaiting().ok_or_else(|| StoreError::corrupt(format!("round {} not awaited", round.number)))?;
                let count = self.count_round(election, round, &engine_round.election).await?.map_err(refused)?;
                p.record_count(count).map_err(refused)?;
            }
            for d in decisions.iter().filter(|d| d.decision.round == round.number) {
                p.decide(ElectionRound::with_next_round(&d.decision, rounds)).map_err(refused)?;
            }
        }
        Ok(Some(p))
    }
}

fn election_row(r: &sqlx::any::AnyRow) -> StoreResult<Election> {
    let body: String = r.try_get("body")?;
    Ok(Election {
        id: r.try_get("id")?,
        congress_id: r.try_get("congress_id")?,
        number: number(r.try_get("number")?, "election")?,
        body: body_of(&body)?,
        title: r.try_get("title")?,
        seats: number(r.try_get("seats")?, "seats")?,
        adopted: stamp(r, "adopted_by", "adopted_at")?,
    })
}

pub(crate) fn body_of(code: &str) -> StoreResult<Body> {
    Body::ALL.into_iter().find(|b| b.code() == code).ok_or_else(|| StoreError::corrupt(format!("bad body {code:?}")))
}
