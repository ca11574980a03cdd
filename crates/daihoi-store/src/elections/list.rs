//! Preparing an election: the election and its number to elect, the list
//! (the convening committee's names, floor nominations R-LIST-5,
//! withdrawals R-LIST-7), its adoption by show of hands with the checks of
//! R-LIST-1…4 and the ballot order (R-LIST-8), the board's accounts, and
//! the ballots of a round issued with the base frozen from the congress's
//! attendance (R-BASE-1/2).

use daihoi_core::members::CardNumber;
use daihoi_election::list::{Trim, ballot_order, check_list, list_with_opinion};
use daihoi_election::{Body, RuleSet};

use super::access::{Elections, refused};
use super::{Candidate, Duty, Election, ElectionRound, policy};
use super::{change, refuse};
use crate::congresses::access::text;
use crate::congresses::{Congress, Round};
use crate::members::now_text;
use crate::{StoreError, StoreResult};

/// The largest number to elect and the longest list the application takes.
pub const MAX_SEATS: u32 = 999;
pub const MAX_NAMES: usize = 1_000;

impl Elections<'_> {
    /// Creates an election of `congress` for `body` with `seats` to elect:
    /// its number. A secretary's or inspection chair's election whose
    /// planned person was not elected to the body is refused (R-RANK-4).
    pub async fn create(
        &self,
        congress: &Congress,
        body: Body,
        seats: u32,
        title: &str,
        address: &str,
    ) -> StoreResult<u32> {
        self.require(&congress.org, policy::may_prepare)?;
        self.require_not_stopped(congress, body).await?;
        let title = text("title", title)?;
        if !(1..=MAX_SEATS).contains(&seats) {
            return Err(refuse("R-BODY-2", format!("the number to elect is 1 to {MAX_SEATS}, not {seats}")));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let last: Option<i64> = sqlx::query_scalar("SELECT MAX(number) FROM election WHERE congress_id = $1")
                .bind(congress.id)
                .fetch_one(w.conn())
                .await?;
            let n = last.unwrap_or(0) + 1;
            sqlx::query(
                "INSERT INTO election (congress_id, number, body, title, seats, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(congress.id)
            .bind(n)
            .bind(body.code())
            .bind(title)
            .bind(i64::from(seats))
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            let n = super::number(n, "election")?;
            w.record(change(congress, "election_created", n, format!("{}: {seats} to elect; {title}", body.code())));
            Ok(n)
        })
        .await
    }

    /// Adds a name to the list while it is not adopted: from the convening
    /// committee (`floor` `None`) or nominated at the congress with the
    /// congress's vote on it (R-LIST-5: agreements and those attending; a
    /// name that does not get more than 30% is recorded, not on the list).
    /// A member's card number ties the name to the member. Its position.
    pub async fn add_candidate(
        &self,
        congress: &Congress,
        n: u32,
        name: &str,
        card: Option<&CardNumber>,
        floor: Option<super::FloorVote>,
        address: &str,
    ) -> StoreResult<u32> {
        self.require(&congress.org, policy::may_prepare)?;
        let election = self.found(congress, n).await?;
        not_adopted(&election)?;
        let name = text("name", name)?;
        if let Some(f) = floor
            && (f.attending == 0 || f.agree > f.attending)
        {
            return Err(refuse(
                "R-LIST-5",
                format!(
                    "{} agreements of {} attending: the agreements are among those attending",
                    f.agree, f.attending
                ),
            ));
        }
        let person = match card {
            Some(card) => Some(self.db.person_by_card(card).await?.0),
            None => None,
        };
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let rows: Vec<(i64, String)> =
                sqlx::query_as("SELECT position, name FROM election_candidate WHERE election_id = $1")
                    .bind(election.id)
                    .fetch_all(w.conn())
                    .await?;
            if rows.iter().any(|(_, other)| other.trim() == name) {
                return Err(refuse("R-BALLOT-1", format!("{name} is already on the list")));
            }
            if rows.len() >= MAX_NAMES {
                return Err(refuse("R-BALLOT-1", format!("a list holds at most {MAX_NAMES} names")));
            }
            let position = rows.iter().map(|(p, _)| *p).max().unwrap_or(0) + 1;
            sqlx::query(
                "INSERT INTO election_candidate (election_id, position, name, person_id, source, floor_agree, \
                 floor_attending, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(election.id)
            .bind(position)
            .bind(name)
            .bind(person)
            .bind(if floor.is_some() { "floor" } else { "committee" })
            .bind(floor.map(|f| i64::from(f.agree)))
            .bind(floor.map(|f| i64::from(f.attending)))
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            let detail = match floor {
                Some(f) => format!(
                    "{name} nominated at the congress: {} of {} attending agree, {} (R-LIST-5)",
                    f.agree,
                    f.attending,
                    if f.admitted() { "admitted" } else { "not admitted" }
                ),
                None => format!("{name} on the convening committee's list"),
            };
            w.record(change(congress, "election_candidate", n, detail));
            super::number(position, "position")
        })
        .await
    }

    /// R-LIST-7: the congress decides that a name withdraws; recorded with
    /// who decided and why, before the list is adopted.
    pub async fn withdraw(
        &self,
        congress: &Congress,
        n: u32,
        position: u32,
        decided_by: &str,
        reason: &str,
        address: &str,
    ) -> StoreResult<()> {
        self.require(&congress.org, policy::may_prepare)?;
        let election = self.found(congress, n).await?;
        not_adopted(&election)?;
        let decided_by = text("decided_by", decided_by)?;
        let reason = text("reason", reason)?;
        let candidates = self.candidates(&election).await?;
        let Some(c) = candidates.iter().find(|c| c.position == position) else {
            return Err(StoreError::NotFound(format!("candidate {position}")));
        };
        if c.withdrawn.is_some() {
            return Ok(());
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query(
                "UPDATE election_candidate SET withdrawn_by = $1, withdrawn_reason = $2, withdrawn_at = $3, \
                 recorded_by = $4 WHERE election_id = $5 AND position = $6",
            )
            .bind(decided_by)
            .bind(reason)
            .bind(now_text())
            .bind(&by)
            .bind(election.id)
            .bind(i64::from(position))
            .execute(w.conn())
            .await?;
            w.record(change(
                congress,
                "election_withdrawal",
                n,
                format!("{} withdraws, decided by {decided_by}: {reason} (R-LIST-7)", c.name),
            ));
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// Records the list adopted by show of hands (R-BODY-2): checked
    /// (R-LIST-1…4; a floor nomination makes it no longer the convening
    /// committee's own list, R-LIST-3), put in ballot order (R-LIST-8), and
    /// frozen as the first round's list.
    pub async fn adopt_list(&self, congress: &Congress, n: u32, address: &str) -> StoreResult<Vec<String>> {
        self.require(&congress.org, policy::may_prepare)?;
        let election = self.found(congress, n).await?;
        not_adopted(&election)?;
        self.require_not_stopped(congress, election.body).await?;
        let candidates = self.candidates(&election).await?;
        let (list, _) = list_to_adopt(&election, &candidates).map_err(refused)?;
        let convening = candidates.iter().all(|c| c.floor.is_none());
        check_list(election.body, election.seats, &list, convening, &RuleSet::default()).map_err(refused)?;
        let order = ballot_order(&list);
        let by = self.viewer.actor();
        let at = now_text();
        self.write(address, async |w| {
            let done = sqlx::query(
                "UPDATE election SET adopted_by = $1, adopted_at = $2 WHERE id = $3 AND adopted_at IS NULL",
            )
            .bind(&by)
            .bind(&at)
            .bind(election.id)
            .execute(w.conn())
            .await?;
            if done.rows_affected() != 1 {
                return Err(refuse("R-BODY-2", "the list is already adopted"));
            }
            insert_round(w, election.id, 1, election.seats, &order).await?;
            w.record(change(
                congress,
                "election_list_adopted",
                n,
                format!("{} names for {} seats, in ballot order: {}", order.len(), election.seats, order.join("; ")),
            ));
            Ok(order.clone())
        })
        .await
    }

    /// R-LIST-6: records the congress's opinion ballot on the people added
    /// at the congress: `votes` are (position, votes) of admitted floor
    /// nominees, each at most those attending at their nomination; a
    /// later record replaces an earlier one. Before the list is adopted.
    pub async fn record_opinion(
        &self,
        congress: &Congress,
        n: u32,
        votes: &[(u32, u32)],
        address: &str,
    ) -> StoreResult<()> {
        self.require(&congress.org, policy::may_prepare)?;
        let election = self.found(congress, n).await?;
        not_adopted(&election)?;
        let candidates = self.candidates(&election).await?;
        if votes.is_empty() {
            return Err(refuse("R-LIST-6", "no votes"));
        }
        for (i, (position, v)) in votes.iter().enumerate() {
            let Some(c) = candidates.iter().find(|c| c.position == *position) else {
                return Err(StoreError::NotFound(format!("candidate {position}")));
            };
            let Some(floor) = c.floor.filter(|_| c.on_list()) else {
                return Err(refuse(
                    "R-LIST-6",
                    format!("{} is not someone added at the congress and admitted (R-LIST-5)", c.name),
                ));
            };
            if *v > floor.attending {
                return Err(refuse(
                    "R-LIST-6",
                    format!("{}: {v} votes, more than the {} attending", c.name, floor.attending),
                ));
            }
            if votes[..i].iter().any(|(p, _)| p == position) {
                return Err(refuse("R-LIST-6", format!("{} is given twice", c.name)));
            }
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let at = now_text();
            let mut said = Vec::with_capacity(votes.len());
            for (position, v) in votes {
                sqlx::query(
                    "UPDATE election_candidate SET opinion_votes = $1, opinion_recorded_by = $2, \
                     opinion_recorded_at = $3 WHERE election_id = $4 AND position = $5",
                )
                .bind(i64::from(*v))
                .bind(&by)
                .bind(&at)
                .bind(election.id)
                .bind(i64::from(*position))
                .execute(w.conn())
                .await?;
                let name = candidates.iter().find(|c| c.position == *position).map_or("", |c| c.name.as_str());
                said.push(format!("{name}: {v}"));
            }
            w.record(change(
                congress,
                "election_opinion",
                n,
                format!("opinion ballot on the people added at the congress: {} (R-LIST-6)", said.join("; ")),
            ));
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// Puts an account on the election's board with a duty (a clerk's entry
    /// or the board), or changes its duty.
    pub async fn assign(&self, congress: &Congress, n: u32, login: &str, duty: Duty, address: &str) -> StoreResult<()> {
        self.require(&congress.org, policy::may_prepare)?;
        let election = self.found(congress, n).await?;
        let user: Option<i64> = sqlx::query_scalar("SELECT id FROM app_user WHERE login = $1")
            .bind(login)
            .fetch_optional(&self.db.pool)
            .await?;
        let Some(user) = user else { return Err(StoreError::NotFound(format!("account {login}"))) };
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let was: Option<String> =
                sqlx::query_scalar("SELECT duty FROM election_staff WHERE election_id = $1 AND user_id = $2")
                    .bind(election.id)
                    .bind(user)
                    .fetch_optional(w.conn())
                    .await?;
            if was.as_deref() == Some(duty.code()) {
                return Ok(());
            }
            sqlx::query("DELETE FROM election_staff WHERE election_id = $1 AND user_id = $2")
                .bind(election.id)
                .bind(user)
                .execute(w.conn())
                .await?;
            sqlx::query(
                "INSERT INTO election_staff (election_id, user_id, duty, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(election.id)
            .bind(user)
            .bind(duty.code())
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(change(congress, "election_staff", n, format!("{login}: {}", duty.code())));
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// Records the ballots of the round waiting for them handed out: how
    /// many, in which session of the congress; the electorate is frozen from
    /// that session's attendance (R-BASE-1 or R-BASE-2), the same base in
    /// every round with the number present of this one. More ballots than
    /// present are refused (one ballot each); a base awaiting an answer to
    /// an [open] question is refused, never guessed.
    pub async fn issue_ballots(
        &self,
        congress_round: &Round,
        congress: &Congress,
        n: u32,
        ballots: u32,
        session: u32,
        address: &str,
    ) -> StoreResult<()> {
        self.require(&congress.org, policy::may_prepare)?;
        let election = self.found(congress, n).await?;
        self.require_not_stopped(congress, election.body).await?;
        let rounds = self.rounds(&election).await?;
        let Some(round) = rounds.last().filter(|r| r.issued.is_none()) else {
            return Err(refuse("R-RANK-2", "no round is waiting for its ballots"));
        };
        let working = match self.congresses().base(congress_round, congress, session).await? {
            Ok(w) => w,
            Err(awaiting) => {
                return Err(refuse(awaiting.rule(), format!("awaiting a decision on {}", awaiting.question.code())));
            }
        };
        let mut electorate = working.electorate;
        if let Some(first) = rounds.first().and_then(|r| r.issued.as_ref()) {
            let present = electorate.present;
            electorate = first.electorate.clone();
            electorate.present = present;
        }
        let base = electorate.base(&RuleSet::default()).map_err(refused)?;
        if ballots > electorate.present {
            return Err(refuse(
                "R-VALID-1",
                format!("{ballots} ballots for {} present in session {session}: one ballot each", electorate.present),
            ));
        }
        let json = serde_json::to_string(&electorate).map_err(|e| StoreError::corrupt(e.to_string()))?;
        let by = self.viewer.actor();
        let number = round.number;
        self.write(address, async |w| {
            let done = sqlx::query(
                "UPDATE election_round SET ballots_issued = $1, session = $2, electorate = $3, issued_by = $4, \
                 issued_at = $5 WHERE election_id = $6 AND number = $7 AND issued_at IS NULL",
            )
            .bind(i64::from(ballots))
            .bind(i64::from(session))
            .bind(&json)
            .bind(&by)
            .bind(now_text())
            .bind(election.id)
            .bind(i64::from(number))
            .execute(w.conn())
            .await?;
            if done.rows_affected() != 1 {
                return Err(refuse("R-RANK-2", "the ballots of this round are already issued"));
            }
            w.record(change(
                congress,
                "election_ballots_issued",
                n,
                format!(
                    "round {number}: {ballots} ballots issued in session {session}; {} convened, {} present, base {base}",
                    electorate.convened, electorate.present
                ),
            ));
            Ok::<_, StoreError>(())
        })
        .await
    }
}

/// The list to adopt from the candidates as entered (R-LIST-5, R-LIST-7,
/// R-LIST-6 through the engine's `list_with_opinion`): the convening
/// committee's names and the admitted floor nominees not withdrawn, in the
/// order entered, and the opinion ballot's cut when there is one.
pub(super) fn list_to_adopt(
    election: &Election,
    candidates: &[Candidate],
) -> Result<(Vec<String>, Option<Trim>), daihoi_election::ElectionError> {
    let committee: Vec<String> =
        candidates.iter().filter(|c| c.on_list() && c.floor.is_none()).map(|c| c.name.clone()).collect();
    let added: Vec<(String, Option<u32>)> =
        candidates.iter().filter(|c| c.on_list() && c.floor.is_some()).map(|c| (c.name.clone(), c.opinion)).collect();
    let (list, trim) = list_with_opinion(election.body, election.seats, &committee, &added, &RuleSet::default())?;
    // In the order entered, as the candidates are.
    let list = candidates.iter().filter(|c| list.contains(&c.name)).map(|c| c.name.clone()).collect();
    Ok((list, trim))
}

pub(super) fn not_adopted(election: &Election) -> StoreResult<()> {
    if election.adopted.is_some() {
        return Err(refuse("R-BODY-2", format!("the list of election {} is already adopted", election.number)));
    }
    Ok(())
}

pub(super) async fn insert_round(
    w: &mut crate::write::Write,
    election: i64,
    number: u32,
    seats: u32,
    list: &[String],
) -> StoreResult<()> {
    sqlx::query("INSERT INTO election_round (election_id, number, seats) VALUES ($1, $2, $3)")
        .bind(election)
        .bind(i64::from(number))
        .bind(i64::from(seats))
        .execute(w.conn())
        .await?;
    for (i, name) in list.iter().enumerate() {
        sqlx::query("INSERT INTO round_candidate (election_id, round, position, name) VALUES ($1, $2, $3, $4)")
            .bind(election)
            .bind(i64::from(number))
            .bind(i64::try_from(i + 1).unwrap_or(i64::MAX))
            .bind(name)
            .execute(w.conn())
            .await?;
    }
    Ok(())
}

impl ElectionRound {
    /// Whether the round's ballots are being entered: issued, not closed.
    pub fn counting(&self) -> bool {
        self.issued.is_some() && self.closed.is_none()
    }
}
