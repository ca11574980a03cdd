//! Named votes on the floor (biểu quyết): the office opens one on a
//! programme item or a body while a session is open (one vote open at a
//! time), those checked in to that session then are its base (R-BASE-2,
//! R-PASS-1) and its only voters; each delegate votes for, against or
//! abstains once, from their pass; the count and who has not voted are
//! read live; the office closes it and records the presidium's
//! declaration, warned when it disagrees with 2·for > base.
//!
//! Durability: a ballot is acknowledged only after its transaction
//! committed (SQLite in WAL mode with `synchronous = NORMAL` keeps every
//! commit through a crash of the process; PostgreSQL's commit is durable).
//! One ballot per delegate per vote is the table's key; a retry finds the
//! ballot stored and returns its acknowledgement, with no second ballot and
//! no second audit entry.

use daihoi_congress::agenda::{Declared, VoteOn};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::access::FloorVotes;
use super::{Cast, Choice, DelegatePass, FloorVote, Tally, Waiting, number, on_text, policy, refused, vote_on};
use crate::access::forbidden;
use crate::accounts::random_hex;
use crate::congresses::Congress;
use crate::documents::Classification;
use crate::members::now_text;
use crate::write::Change;
use crate::{Db, Engine, StoreError, StoreResult};

/// A named ballot, stored only when its vote is open and named, the
/// delegate of its base and without a ballot on it yet (see
/// [`FloorVotes::cast`]); PostgreSQL's text also holds the vote's row
/// shared until the commit.
const CAST_SQLITE: &str = "INSERT INTO floor_ballot (congress_id, vote, person_id, choice, ack, cast_at) \
     SELECT v.congress_id, v.number, e.person_id, $4, $5, $6 FROM floor_vote v \
     JOIN floor_eligible e ON e.congress_id = v.congress_id AND e.vote = v.number \
     WHERE v.congress_id = $1 AND v.number = $2 AND e.person_id = $3 AND v.closed_at IS NULL AND v.secret = 0 \
     ON CONFLICT (congress_id, vote, person_id) DO NOTHING";
const CAST_POSTGRES: &str = "INSERT INTO floor_ballot (congress_id, vote, person_id, choice, ack, cast_at) \
     SELECT v.congress_id, v.number, e.person_id, $4, $5, $6 FROM floor_vote v \
     JOIN floor_eligible e ON e.congress_id = v.congress_id AND e.vote = v.number \
     WHERE v.congress_id = $1 AND v.number = $2 AND e.person_id = $3 AND v.closed_at IS NULL AND v.secret = 0 \
     FOR SHARE OF v ON CONFLICT (congress_id, vote, person_id) DO NOTHING";

const VOTE_COLUMNS: &str = "number, body, item, secret, question, session, base, opened_by, opened_at, closed_at, \
     declared";

fn vote_row(r: &AnyRow) -> StoreResult<FloorVote> {
    let secret: i64 = r.try_get("secret")?;
    let declared: Option<String> = r.try_get("declared")?;
    Ok(FloorVote {
        number: number(r.try_get("number")?, "vote")?,
        on: vote_on(r.try_get("body")?, r.try_get("item")?)?,
        secret: secret == 1,
        question: r.try_get("question")?,
        session: number(r.try_get("session")?, "session")?,
        base: number(r.try_get("base")?, "base")?,
        opened_by: r.try_get("opened_by")?,
        opened_at: r.try_get("opened_at")?,
        closed_at: r.try_get("closed_at")?,
        declared: declared
            .map(|d| Declared::parse(&d).ok_or_else(|| StoreError::corrupt(format!("bad declaration {d:?}"))))
            .transpose()?,
    })
}

/// A vote to open: on an item or a body; a secret opinion ballot asks its
/// question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFloorVote {
    pub on: VoteOn,
    pub secret: bool,
    pub question: Option<String>,
}

/// Vote `vote` of `congress`, read on `conn` (a writing transaction).
async fn floor_vote_in(conn: &mut AnyConnection, congress: i64, vote: u32) -> StoreResult<Option<FloorVote>> {
    let sql = format!("SELECT {VOTE_COLUMNS} FROM floor_vote WHERE congress_id = $1 AND number = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(congress).bind(i64::from(vote)).fetch_optional(conn).await?;
    row.as_ref().map(vote_row).transpose()
}

impl Db {
    pub(crate) async fn floor_vote(&self, congress: i64, vote: u32) -> StoreResult<Option<FloorVote>> {
        let mut conn = self.pool.acquire().await?;
        floor_vote_in(&mut conn, congress, vote).await
    }

    /// The vote open in `congress`, if any.
    pub(crate) async fn floor_open_vote(&self, congress: i64) -> StoreResult<Option<FloorVote>> {
        let sql = format!(
            "SELECT {VOTE_COLUMNS} FROM floor_vote WHERE congress_id = $1 AND closed_at IS NULL \
             ORDER BY number DESC LIMIT 1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(congress).fetch_optional(&self.pool).await?;
        row.as_ref().map(vote_row).transpose()
    }

    pub(crate) async fn floor_tally(&self, congress: i64, vote: &FloorVote) -> StoreResult<Tally> {
        let sql = if vote.secret {
            "SELECT choice, COUNT(*) AS n FROM floor_secret_ballot WHERE congress_id = $1 AND vote = $2 GROUP BY choice"
        } else {
            "SELECT choice, COUNT(*) AS n FROM floor_ballot WHERE congress_id = $1 AND vote = $2 GROUP BY choice"
        };
        let rows = sqlx::query(sql).bind(congress).bind(i64::from(vote.number)).fetch_all(&self.pool).await?;
        let mut t = Tally { base: vote.base, ..Tally::default() };
        for r in &rows {
            let choice: String = r.try_get("choice")?;
            let n = number(r.try_get("n")?, "count")?;
            match Choice::parse(&choice) {
                Some(Choice::For) => t.votes_for = n,
                Some(Choice::Against) => t.against = n,
                Some(Choice::Abstain) => t.abstaining = n,
                None => return Err(StoreError::corrupt(format!("bad choice {choice:?}"))),
            }
        }
        t.voted = t.votes_for + t.against + t.abstaining;
        Ok(t)
    }

    /// Whether the person has voted (a named ballot, or a secret ballot's
    /// voter).
    pub(crate) async fn floor_has_voted(&self, congress: i64, vote: &FloorVote, person: i64) -> StoreResult<bool> {
        let sql = if vote.secret {
            "SELECT person_id FROM floor_secret_voter WHERE congress_id = $1 AND vote = $2 AND person_id = $3"
        } else {
            "SELECT person_id FROM floor_ballot WHERE congress_id = $1 AND vote = $2 AND person_id = $3"
        };
        let found: Option<i64> = sqlx::query_scalar(sql)
            .bind(congress)
            .bind(i64::from(vote.number))
            .bind(person)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    /// Whether the person is of the vote's base (checked in when it opened).
    pub(crate) async fn floor_eligible(&self, congress: i64, vote: u32, person: i64) -> StoreResult<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT person_id FROM floor_eligible WHERE congress_id = $1 AND vote = $2 AND person_id = $3",
        )
        .bind(congress)
        .bind(i64::from(vote))
        .bind(person)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }
}

/// What a delegate sees: the vote open in their congress, if any, and
/// whether they voted on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegateView {
    pub vote: Option<FloorVote>,
    /// Of the vote's base (checked in when it opened).
    pub eligible: bool,
    pub voted: bool,
}

impl FloorVotes<'_> {
    fn require_pass(&self, pass: &DelegatePass) -> StoreResult<()> {
        if self.viewer == &pass.viewer { Ok(()) } else { Err(forbidden("another delegate's pass")) }
    }

    /// The votes of `congress`, in order, each with its count.
    pub async fn votes(&self, congress: &Congress) -> StoreResult<Vec<(FloorVote, Tally)>> {
        self.require(&congress.org, policy::may_read)?;
        let sql = format!("SELECT {VOTE_COLUMNS} FROM floor_vote WHERE congress_id = $1 ORDER BY number");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(congress.id).fetch_all(&self.db.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let v = vote_row(r)?;
            let t = self.db.floor_tally(congress.id, &v).await?;
            out.push((v, t));
        }
        Ok(out)
    }

    /// One vote of `congress` with its count (live while it is open).
    pub async fn vote(&self, congress: &Congress, vote: u32) -> StoreResult<(FloorVote, Tally)> {
        self.require(&congress.org, policy::may_read)?;
        let v =
            self.db.floor_vote(congress.id, vote).await?.ok_or_else(|| StoreError::NotFound(format!("vote {vote}")))?;
        let t = self.db.floor_tally(congress.id, &v).await?;
        Ok((v, t))
    }

    /// Those of a vote's base who have not voted yet, by card number.
    pub async fn waiting(&self, congress: &Congress, vote: u32) -> StoreResult<Vec<Waiting>> {
        self.require(&congress.org, policy::may_read)?;
        let v =
            self.db.floor_vote(congress.id, vote).await?.ok_or_else(|| StoreError::NotFound(format!("vote {vote}")))?;
        let sql = if v.secret {
            "SELECT p.card_number AS card_number, p.full_name AS full_name FROM floor_eligible e \
             JOIN person p ON p.id = e.person_id WHERE e.congress_id = $1 AND e.vote = $2 AND NOT EXISTS \
             (SELECT 1 FROM floor_secret_voter b WHERE b.congress_id = e.congress_id AND b.vote = e.vote \
             AND b.person_id = e.person_id) ORDER BY p.card_number"
        } else {
            "SELECT p.card_number AS card_number, p.full_name AS full_name FROM floor_eligible e \
             JOIN person p ON p.id = e.person_id WHERE e.congress_id = $1 AND e.vote = $2 AND NOT EXISTS \
             (SELECT 1 FROM floor_ballot b WHERE b.congress_id = e.congress_id AND b.vote = e.vote \
             AND b.person_id = e.person_id) ORDER BY p.card_number"
        };
        let rows = sqlx::query(sql).bind(congress.id).bind(i64::from(vote)).fetch_all(&self.db.pool).await?;
        rows.iter().map(|r| Ok(Waiting { card: r.try_get("card_number")?, name: r.try_get("full_name")? })).collect()
    }

    /// A named vote's ballots, by card number (named votes are public to
    /// the congress's readers; a secret ballot's are refused).
    pub async fn ballots(&self, congress: &Congress, vote: u32) -> StoreResult<Vec<(String, Choice)>> {
        self.require(&congress.org, policy::may_read)?;
        let v =
            self.db.floor_vote(congress.id, vote).await?.ok_or_else(|| StoreError::NotFound(format!("vote {vote}")))?;
        if v.secret {
            return Err(forbidden("the ballots of a secret vote"));
        }
        let rows = sqlx::query(
            "SELECT p.card_number AS card_number, b.choice AS choice FROM floor_ballot b \
             JOIN person p ON p.id = b.person_id WHERE b.congress_id = $1 AND b.vote = $2 ORDER BY p.card_number",
        )
        .bind(congress.id)
        .bind(i64::from(vote))
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let c: String = r.try_get("choice")?;
                Ok((r.try_get("card_number")?, Choice::parse(&c).ok_or_else(|| StoreError::corrupt("bad choice"))?))
            })
            .collect()
    }

    /// Opens a vote (the congress's office): floor votes on, a session
    /// open, no other vote open, the item in the programme. Those checked
    /// in to the session now are its base and its voters.
    pub async fn open(&self, congress: &Congress, new: &NewFloorVote, address: &str) -> StoreResult<FloorVote> {
        self.require_run(congress)?;
        if !self.db.floor_enabled(congress.id).await? {
            return Err(refused(format!("congress {} does not vote on the floor", congress.id)));
        }
        let question = match (&new.question, new.secret) {
            (Some(q), true) => Some(crate::congresses::access::text("question", q)?.to_owned()),
            (None, true) => return Err(StoreError::text("question")(daihoi_core::text::TextProblem::Empty)),
            (_, false) => None,
        };
        let Some(now) = self.congresses().present_now(congress).await? else {
            return Err(refused("no session is open: open one and check the delegates in first"));
        };
        let (body, item) = match new.on {
            VoteOn::Body(b) => (Some(b.code()), None),
            VoteOn::Item(n) => (None, Some(i64::from(n))),
        };
        let by = self.viewer.actor();
        let at = now_text();
        let n = self
            .write(address, async |w| {
                // The congress's row first: two clerks opening at once
                // take turns (as opening a session does).
                sqlx::query("UPDATE congress SET recorded_at = recorded_at WHERE id = $1")
                    .bind(congress.id)
                    .execute(w.conn())
                    .await?;
                let open: Option<i64> = sqlx::query_scalar(
                    "SELECT number FROM floor_vote WHERE congress_id = $1 AND closed_at IS NULL LIMIT 1",
                )
                .bind(congress.id)
                .fetch_optional(w.conn())
                .await?;
                if let Some(open) = open {
                    return Err(refused(format!("vote {open} is open: close it first")));
                }
                if let Some(item) = item {
                    let known: Option<i64> =
                        sqlx::query_scalar("SELECT number FROM agenda_item WHERE congress_id = $1 AND number = $2")
                            .bind(congress.id)
                            .bind(item)
                            .fetch_optional(w.conn())
                            .await?;
                    if known.is_none() {
                        return Err(StoreError::NotFound(format!("programme item {item}")));
                    }
                }
                let last: Option<i64> =
                    sqlx::query_scalar("SELECT MAX(number) FROM floor_vote WHERE congress_id = $1")
                        .bind(congress.id)
                        .fetch_one(w.conn())
                        .await?;
                let n = last.unwrap_or(0) + 1;
                let present: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM session_mark WHERE congress_id = $1 AND session = $2 AND present = 1",
                )
                .bind(congress.id)
                .bind(i64::from(now.session))
                .fetch_one(w.conn())
                .await?;
                if present == 0 {
                    return Err(refused(format!("nobody is checked in to session {}", now.session)));
                }
                sqlx::query(
                    "INSERT INTO floor_vote (congress_id, number, body, item, secret, question, session, base, \
                     opened_by, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(congress.id)
                .bind(n)
                .bind(body)
                .bind(item)
                .bind(i64::from(new.secret))
                .bind(question.as_deref())
                .bind(i64::from(now.session))
                .bind(present)
                .bind(&by)
                .bind(&at)
                .execute(w.conn())
                .await?;
                sqlx::query(
                    "INSERT INTO floor_eligible (congress_id, vote, person_id) SELECT congress_id, CAST($1 AS BIGINT), person_id \
                     FROM session_mark WHERE congress_id = $2 AND session = $3 AND present = 1",
                )
                .bind(n)
                .bind(congress.id)
                .bind(i64::from(now.session))
                .execute(w.conn())
                .await?;
                w.record(Change {
                    action: "floor_vote_open",
                    org_path: Some(congress.org.path.clone()),
                    subject: format!("congress {}", congress.id),
                    detail: format!(
                        "vote {n} on {}{}: session {}, base {present}",
                        on_text(new.on),
                        if new.secret { " (secret ballot)" } else { "" },
                        now.session
                    ),
                    classification: Classification::Normal,
                });
                number(n, "vote")
            })
            .await?;
        self.db.floor_vote(congress.id, n).await?.ok_or_else(|| StoreError::corrupt("vote vanished"))
    }

    /// Closes an open vote (the congress's office): its count as closed.
    /// `false`: closed already, nothing written.
    pub async fn close(&self, congress: &Congress, vote: u32, address: &str) -> StoreResult<bool> {
        self.require_run(congress)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let done = sqlx::query(
                "UPDATE floor_vote SET closed_by = $1, closed_at = $2 WHERE congress_id = $3 AND number = $4 \
                 AND closed_at IS NULL",
            )
            .bind(&by)
            .bind(now_text())
            .bind(congress.id)
            .bind(i64::from(vote))
            .execute(w.conn())
            .await?
            .rows_affected();
            if done == 0 {
                let known: Option<i64> =
                    sqlx::query_scalar("SELECT number FROM floor_vote WHERE congress_id = $1 AND number = $2")
                        .bind(congress.id)
                        .bind(i64::from(vote))
                        .fetch_optional(w.conn())
                        .await?;
                return match known {
                    Some(_) => Ok(false),
                    None => Err(StoreError::NotFound(format!("vote {vote}"))),
                };
            }
            w.record(Change {
                action: "floor_vote_close",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!("vote {vote}"),
                classification: Classification::Normal,
            });
            Ok(true)
        })
        .await
    }

    /// Records the presidium's declaration of a closed vote (the office
    /// records it): as declared, whatever the count (the reader is warned
    /// when it disagrees with R-PASS-1).
    pub async fn declare(&self, congress: &Congress, vote: u32, declared: Declared, address: &str) -> StoreResult<()> {
        self.require_run(congress)?;
        let v =
            self.db.floor_vote(congress.id, vote).await?.ok_or_else(|| StoreError::NotFound(format!("vote {vote}")))?;
        if v.is_open() {
            return Err(refused(format!("vote {vote} is open: close it before the declaration")));
        }
        if v.declared == Some(declared) {
            return Ok(());
        }
        let tally = self.db.floor_tally(congress.id, &v).await?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query("UPDATE floor_vote SET declared = $1, declared_by = $2 WHERE congress_id = $3 AND number = $4")
                .bind(declared.code())
                .bind(&by)
                .bind(congress.id)
                .bind(i64::from(vote))
                .execute(w.conn())
                .await?;
            w.record(Change {
                action: "floor_vote_declared",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!(
                    "vote {vote} on {}: {} for, {} against, {} abstaining, base {}; declared {}",
                    on_text(v.on),
                    tally.votes_for,
                    tally.against,
                    tally.abstaining,
                    tally.base,
                    declared.code()
                ),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// What the delegate holding `pass` sees: the vote open in their
    /// congress and whether they voted on it.
    pub async fn for_delegate(&self, pass: &DelegatePass) -> StoreResult<DelegateView> {
        self.require_pass(pass)?;
        let vote = self.db.floor_open_vote(pass.congress_id).await?;
        let (eligible, voted) = match &vote {
            Some(v) => (
                self.db.floor_eligible(pass.congress_id, v.number, pass.person_id).await?,
                self.db.floor_has_voted(pass.congress_id, v, pass.person_id).await?,
            ),
            None => (false, false),
        };
        Ok(DelegateView { vote, eligible, voted })
    }

    /// The delegate holding `pass` votes on a named vote of their
    /// congress: open, and they are of its base. Stored and committed
    /// before it is acknowledged; a second request for the same vote
    /// returns the first's acknowledgement when the choice is the same,
    /// and is refused when it differs (a vote is not changed).
    pub async fn cast(&self, pass: &DelegatePass, vote: u32, choice: Choice, address: &str) -> StoreResult<Cast> {
        self.require_pass(pass)?;
        let ack = random_hex(8)?;
        let at = now_text();
        let congress = pass.congress_id;
        let store = match self.db.engine() {
            Engine::Sqlite => CAST_SQLITE,
            Engine::Postgres => CAST_POSTGRES,
        };
        self.write(address, async |w| {
            // One statement: the vote open and named, the delegate of its
            // base, no ballot of theirs yet. On PostgreSQL it holds the
            // vote's row shared: a close waits for this ballot's commit, or
            // this ballot sees the close and stores nothing. Ballots do not
            // wait for each other. On SQLite the write lock (BEGIN
            // IMMEDIATE) orders the two.
            let stored = sqlx::query(store)
                .bind(congress)
                .bind(i64::from(vote))
                .bind(pass.person_id)
                .bind(choice.code())
                .bind(&ack)
                .bind(&at)
                .execute(w.conn())
                .await?
                .rows_affected();
            if stored == 1 {
                w.record(Change {
                    action: "floor_ballot",
                    org_path: pass.org_path.clone(),
                    subject: format!("member {}", pass.card),
                    detail: format!("congress {congress} vote {vote}: {}", choice.code()),
                    classification: Classification::Normal,
                });
                return Ok(Cast { number: vote, choice, ack: ack.clone(), again: false });
            }
            // Nothing stored: say why (nothing is written).
            let v = floor_vote_in(w.conn(), congress, vote)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("vote {vote}")))?;
            if v.secret {
                return Err(refused(format!("vote {vote} is a secret ballot")));
            }
            let eligible: Option<i64> = sqlx::query_scalar(
                "SELECT person_id FROM floor_eligible WHERE congress_id = $1 AND vote = $2 AND person_id = $3",
            )
            .bind(congress)
            .bind(i64::from(vote))
            .bind(pass.person_id)
            .fetch_optional(w.conn())
            .await?;
            if eligible.is_none() {
                return Err(refused(format!("{} was not checked in when vote {vote} opened", pass.card)));
            }
            let before = sqlx::query(
                "SELECT choice, ack FROM floor_ballot WHERE congress_id = $1 AND vote = $2 AND person_id = $3",
            )
            .bind(congress)
            .bind(i64::from(vote))
            .bind(pass.person_id)
            .fetch_optional(w.conn())
            .await?;
            match before {
                Some(r) => {
                    let was: String = r.try_get("choice")?;
                    let was = Choice::parse(&was).ok_or_else(|| StoreError::corrupt("bad choice"))?;
                    if was != choice {
                        return Err(refused(format!("{} voted {} on vote {vote} already", pass.card, was.code())));
                    }
                    Ok(Cast { number: vote, choice: was, ack: r.try_get("ack")?, again: true })
                }
                None => Err(refused(format!("vote {vote} is closed"))),
            }
        })
        .await
    }
}
