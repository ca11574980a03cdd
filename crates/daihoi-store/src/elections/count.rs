//! Counting at the computer: each returned ballot entered by two clerks
//! independently (double entry), the board's settlement of the ballots
//! whose entries differ, its rulings on disputed ballots (R-VALID-8), the
//! totals as they grow (the board only) and the count closed through the
//! engine's `Tally` (R-RESULT-1, R-PASS-1, R-RANK-*).

use std::collections::BTreeMap;

use daihoi_election::entry::{EntryState, decode_flags, decode_marks, encode_flags, encode_marks, reconcile};
use daihoi_election::{Ballot, BallotForm, BoardRuling, Count, ElectionError, Flags, Marks, Tally};
use sqlx::Row;

use super::access::{Elections, refused};
use super::{Election, ElectionRound, number, policy};
use super::{change, refuse};
use crate::congresses::Congress;
use crate::congresses::access::text;
use crate::members::now_text;
use crate::{StoreError, StoreResult};

/// One ballot as a clerk entered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The number the board gave the ballot (from 1, at most those issued).
    pub ballot: u32,
    pub marks: Marks,
    pub flags: Flags,
    /// Replace what this entry holds for the ballot (a correction); without
    /// it, other marks already entered are refused, never overwritten.
    pub replace: bool,
}

/// R-VALID-8: the board's ruling on a ballot, valid or not, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewRuling<'a> {
    pub ballot: u32,
    pub valid: bool,
    pub reason: &'a str,
}

/// What an entry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entered {
    New,
    /// The same marks were already there (a retry after a network drop).
    Unchanged,
    Replaced,
}

/// A ballot of a round with its two entries, the board's settlement and
/// ruling, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotLine {
    pub number: u32,
    pub first: Option<Ballot>,
    pub second: Option<Ballot>,
    pub settled: Option<Ballot>,
    pub ruling: Option<BoardRuling>,
    pub state: EntryState,
}

/// A round's ballots as the board sees them.
#[derive(Debug, Clone)]
pub struct Ledger {
    pub round: ElectionRound,
    pub form: BallotForm,
    pub lines: Vec<BallotLine>,
    /// The count of the ballots settled so far (the totals as they grow),
    /// or why it cannot be made.
    pub totals: Result<Count, ElectionError>,
}

impl Ledger {
    /// Ballots whose entries differ and that the board has not settled.
    pub fn differing(&self) -> impl Iterator<Item = &BallotLine> {
        self.lines.iter().filter(|l| l.state == EntryState::Differ)
    }

    /// Ballots entered once only.
    pub fn single(&self) -> impl Iterator<Item = &BallotLine> {
        self.lines.iter().filter(|l| matches!(l.state, EntryState::OnlyFirst | EntryState::OnlySecond))
    }

    /// Ballots that count: both entries agree or the board settled them.
    pub fn settled(&self) -> impl Iterator<Item = &Ballot> {
        self.lines.iter().filter_map(|l| match &l.state {
            EntryState::Settled { ballot, .. } => Some(ballot),
            _ => None,
        })
    }
}

fn ballot_of(number: u32, marks: &str, flags: &str, form: BallotForm, names: usize) -> StoreResult<Ballot> {
    Ok(Ballot {
        number: number.to_string(),
        marks: decode_marks(marks, form, names).map_err(|e| StoreError::corrupt(e.to_string()))?,
        flags: decode_flags(flags).map_err(|e| StoreError::corrupt(e.to_string()))?,
    })
}

impl Elections<'_> {
    /// The round `round` of an election whose ballots are being entered.
    pub(super) async fn counting_round(&self, election: &Election, round: u32) -> StoreResult<ElectionRound> {
        let rounds = self.rounds(election).await?;
        let Some(r) = rounds.into_iter().find(|r| r.number == round) else {
            return Err(StoreError::NotFound(format!("round {round}")));
        };
        if r.issued.is_none() {
            return Err(refuse("R-VALID-2", format!("the ballots of round {round} are not issued yet")));
        }
        if r.closed.is_some() {
            return Err(refuse("R-VALID-8", format!("the count of round {round} is closed")));
        }
        Ok(r)
    }

    /// A clerk enters one ballot in their own entry (1 or 2). The same
    /// marks again change nothing (a retry); other marks are refused unless
    /// `replace` says it is a correction.
    pub async fn enter(
        &self,
        congress: &Congress,
        n: u32,
        round: u32,
        entry: &NewEntry,
        address: &str,
    ) -> StoreResult<Entered> {
        let election = self.found(congress, n).await?;
        let duty = self.require_duty(congress, &election, policy::may_enter).await?;
        let slot = duty.entry().ok_or_else(|| crate::access::forbidden("no entry"))?;
        let r = self.counting_round(&election, round).await?;
        let issued = r.issued.as_ref().map_or(0, |i| i.ballots);
        if entry.ballot == 0 || entry.ballot > issued {
            return Err(refuse(
                "R-VALID-1",
                format!("ballot number {}: the ballots are numbered 1 to {issued} (those issued)", entry.ballot),
            ));
        }
        let form = BallotForm::for_list(r.list.len(), r.seats);
        if entry.marks.len() != r.list.len() || entry.marks.form() != form {
            return Err(refused(ElectionError::WrongMarkCount {
                ballot: entry.ballot.to_string(),
                expected: r.list.len(),
                got: entry.marks.len(),
            }));
        }
        let marks = encode_marks(&entry.marks);
        let flags = encode_flags(&entry.flags);
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let was: Option<(String, String)> = sqlx::query_as(
                "SELECT marks, flags FROM ballot_entry WHERE election_id = $1 AND round = $2 AND ballot = $3 \
                 AND entry = $4",
            )
            .bind(election.id)
            .bind(i64::from(round))
            .bind(i64::from(entry.ballot))
            .bind(i64::from(slot))
            .fetch_optional(w.conn())
            .await?;
            let outcome = match &was {
                Some((m, f)) if *m == marks && *f == flags => return Ok(Entered::Unchanged),
                Some(_) if !entry.replace => {
                    return Err(StoreError::BallotEntered { ballot: entry.ballot, entry: slot });
                }
                Some(_) => {
                    sqlx::query(
                        "UPDATE ballot_entry SET marks = $1, flags = $2, entered_by = $3, entered_at = $4 \
                         WHERE election_id = $5 AND round = $6 AND ballot = $7 AND entry = $8",
                    )
                    .bind(&marks)
                    .bind(&flags)
                    .bind(&by)
                    .bind(now_text())
                    .bind(election.id)
                    .bind(i64::from(round))
                    .bind(i64::from(entry.ballot))
                    .bind(i64::from(slot))
                    .execute(w.conn())
                    .await?;
                    Entered::Replaced
                }
                None => {
                    let done = sqlx::query(
                        "INSERT INTO ballot_entry (election_id, round, ballot, entry, marks, flags, entered_by, \
                         entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                         ON CONFLICT (election_id, round, ballot, entry) DO NOTHING",
                    )
                    .bind(election.id)
                    .bind(i64::from(round))
                    .bind(i64::from(entry.ballot))
                    .bind(i64::from(slot))
                    .bind(&marks)
                    .bind(&flags)
                    .bind(&by)
                    .bind(now_text())
                    .execute(w.conn())
                    .await?;
                    if done.rows_affected() != 1 {
                        // Another clerk of the same entry got there first.
                        return Err(StoreError::BallotEntered { ballot: entry.ballot, entry: slot });
                    }
                    Entered::New
                }
            };
            w.record(change(
                congress,
                "ballot_entered",
                n,
                format!(
                    "round {round}, ballot {}, entry {slot}{}: {marks} {flags}",
                    entry.ballot,
                    if outcome == Entered::Replaced { " (corrected)" } else { "" }
                ),
            ));
            Ok(outcome)
        })
        .await
    }

    /// A clerk's own entries of a round, by ballot number (never the other
    /// entry: the two are independent).
    pub async fn my_entries(&self, congress: &Congress, n: u32, round: u32) -> StoreResult<Vec<Ballot>> {
        let election = self.found(congress, n).await?;
        let duty = self.require_duty(congress, &election, policy::may_enter).await?;
        let slot = duty.entry().ok_or_else(|| crate::access::forbidden("no entry"))?;
        let rounds = self.rounds(&election).await?;
        let Some(r) = rounds.into_iter().find(|r| r.number == round) else {
            return Err(StoreError::NotFound(format!("round {round}")));
        };
        let form = BallotForm::for_list(r.list.len(), r.seats);
        let rows = sqlx::query(
            "SELECT ballot, marks, flags FROM ballot_entry WHERE election_id = $1 AND round = $2 AND entry = $3 \
             ORDER BY ballot",
        )
        .bind(election.id)
        .bind(i64::from(round))
        .bind(i64::from(slot))
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|row| {
                ballot_of(
                    number(row.try_get("ballot")?, "ballot")?,
                    &row.try_get::<String, _>("marks")?,
                    &row.try_get::<String, _>("flags")?,
                    form,
                    r.list.len(),
                )
            })
            .collect()
    }

    /// How many ballots a clerk's own entry of a round holds, and the
    /// highest number among them (0 when none): what the clerk's next
    /// ballot follows, without reading every entry.
    pub async fn my_progress(&self, congress: &Congress, n: u32, round: u32) -> StoreResult<(u32, u32)> {
        let election = self.found(congress, n).await?;
        let duty = self.require_duty(congress, &election, policy::may_enter).await?;
        let slot = duty.entry().ok_or_else(|| crate::access::forbidden("no entry"))?;
        let (count, highest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MAX(ballot) FROM ballot_entry WHERE election_id = $1 AND round = $2 AND entry = $3",
        )
        .bind(election.id)
        .bind(i64::from(round))
        .bind(i64::from(slot))
        .fetch_one(&self.db.pool)
        .await?;
        Ok((number(count, "count")?, number(highest.unwrap_or(0), "ballot")?))
    }

    /// The board's view of a round: every ballot with its two entries,
    /// settlement and ruling, and the totals of those settled. While the
    /// count is open only the board reads it; once closed, the congress's
    /// readers do.
    pub async fn ledger(&self, congress: &Congress, n: u32, round: u32) -> StoreResult<Ledger> {
        let election = self.found(congress, n).await?;
        let rounds = self.rounds(&election).await?;
        let Some(r) = rounds.iter().find(|r| r.number == round).cloned() else {
            return Err(StoreError::NotFound(format!("round {round}")));
        };
        if r.closed.is_none() {
            self.require_duty(congress, &election, policy::may_settle).await?;
        } else if !policy::may_read(self.reach(&congress.org)) {
            self.require_duty(congress, &election, |d| d.is_some()).await?;
        }
        let lines = self.lines(&election, &r).await?;
        let form = BallotForm::for_list(r.list.len(), r.seats);
        let totals = match r.engine(&election) {
            Some(e) => count_lines(&e, &lines),
            None => Err(ElectionError::NoRoundAwaiting),
        };
        Ok(Ledger { round: r, form, lines, totals })
    }

    pub(super) async fn lines(&self, election: &Election, r: &ElectionRound) -> StoreResult<Vec<BallotLine>> {
        let form = BallotForm::for_list(r.list.len(), r.seats);
        let names = r.list.len();
        let mut by_number: BTreeMap<u32, BallotLine> = BTreeMap::new();
        let blank = |n: u32| BallotLine {
            number: n,
            first: None,
            second: None,
            settled: None,
            ruling: None,
            state: EntryState::OnlyFirst,
        };
        let rows =
            sqlx::query("SELECT ballot, entry, marks, flags FROM ballot_entry WHERE election_id = $1 AND round = $2")
                .bind(election.id)
                .bind(i64::from(r.number))
                .fetch_all(&self.db.pool)
                .await?;
        for row in &rows {
            let b = number(row.try_get("ballot")?, "ballot")?;
            let entry: i64 = row.try_get("entry")?;
            let ballot =
                ballot_of(b, &row.try_get::<String, _>("marks")?, &row.try_get::<String, _>("flags")?, form, names)?;
            let line = by_number.entry(b).or_insert_with(|| blank(b));
            if entry == 1 {
                line.first = Some(ballot);
            } else {
                line.second = Some(ballot);
            }
        }
        let rows =
            sqlx::query("SELECT ballot, marks, flags FROM ballot_settlement WHERE election_id = $1 AND round = $2")
                .bind(election.id)
                .bind(i64::from(r.number))
                .fetch_all(&self.db.pool)
                .await?;
        for row in &rows {
            let b = number(row.try_get("ballot")?, "ballot")?;
            let ballot =
                ballot_of(b, &row.try_get::<String, _>("marks")?, &row.try_get::<String, _>("flags")?, form, names)?;
            by_number.entry(b).or_insert_with(|| blank(b)).settled = Some(ballot);
        }
        let rows = sqlx::query("SELECT ballot, valid, reason FROM ballot_ruling WHERE election_id = $1 AND round = $2")
            .bind(election.id)
            .bind(i64::from(r.number))
            .fetch_all(&self.db.pool)
            .await?;
        for row in &rows {
            let b = number(row.try_get("ballot")?, "ballot")?;
            let valid: i64 = row.try_get("valid")?;
            by_number.entry(b).or_insert_with(|| blank(b)).ruling =
                Some(BoardRuling { ballot: b.to_string(), valid: valid == 1, reason: row.try_get("reason")? });
        }
        let mut lines: Vec<BallotLine> = by_number.into_values().collect();
        for l in &mut lines {
            l.state = reconcile(l.first.as_ref(), l.second.as_ref(), l.settled.as_ref());
        }
        Ok(lines)
    }

    /// The count of a closed round from its settled ballots and rulings.
    pub(crate) async fn count_round(
        &self,
        election: &Election,
        round: &ElectionRound,
        engine: &daihoi_election::Election,
    ) -> StoreResult<Result<Count, ElectionError>> {
        let lines = self.lines(election, round).await?;
        Ok(count_lines(engine, &lines))
    }

    /// The board settles a ballot whose entries differ (or that one clerk
    /// missed) by reading the paper: the marks and flags that count.
    pub async fn settle(
        &self,
        congress: &Congress,
        n: u32,
        round: u32,
        ballot: &Ballot,
        address: &str,
    ) -> StoreResult<()> {
        let election = self.found(congress, n).await?;
        self.require_duty(congress, &election, policy::may_settle).await?;
        let r = self.counting_round(&election, round).await?;
        let number: u32 = ballot.number.parse().map_err(|_| refuse("R-VALID-1", "a ballot number"))?;
        let form = BallotForm::for_list(r.list.len(), r.seats);
        if ballot.marks.len() != r.list.len() || ballot.marks.form() != form {
            return Err(refused(ElectionError::WrongMarkCount {
                ballot: ballot.number.clone(),
                expected: r.list.len(),
                got: ballot.marks.len(),
            }));
        }
        let lines = self.lines(&election, &r).await?;
        let Some(line) = lines.iter().find(|l| l.number == number) else {
            return Err(StoreError::NotFound(format!("ballot {number} (no clerk entered it)")));
        };
        if matches!(line.state, EntryState::Settled { by_board: false, .. }) {
            return Err(refuse("R-VALID-8", format!("the two entries of ballot {number} agree: nothing to settle")));
        }
        let marks = encode_marks(&ballot.marks);
        let flags = encode_flags(&ballot.flags);
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query("DELETE FROM ballot_settlement WHERE election_id = $1 AND round = $2 AND ballot = $3")
                .bind(election.id)
                .bind(i64::from(round))
                .bind(i64::from(number))
                .execute(w.conn())
                .await?;
            sqlx::query(
                "INSERT INTO ballot_settlement (election_id, round, ballot, marks, flags, settled_by, settled_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(election.id)
            .bind(i64::from(round))
            .bind(i64::from(number))
            .bind(&marks)
            .bind(&flags)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(change(
                congress,
                "ballot_settled",
                n,
                format!("round {round}, ballot {number} read on the paper: {marks} {flags}"),
            ));
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// R-VALID-8: the board rules on a disputed ballot, valid or not, with
    /// its reason; a later ruling replaces the earlier one.
    pub async fn rule(
        &self,
        congress: &Congress,
        n: u32,
        round: u32,
        ruling: &NewRuling<'_>,
        address: &str,
    ) -> StoreResult<()> {
        let NewRuling { ballot, valid, reason } = *ruling;
        let election = self.found(congress, n).await?;
        self.require_duty(congress, &election, policy::may_settle).await?;
        let reason = text("reason", reason)?;
        let r = self.counting_round(&election, round).await?;
        let lines = self.lines(&election, &r).await?;
        if !lines.iter().any(|l| l.number == ballot) {
            return Err(refused(ElectionError::RulingOnUnknownBallot(ballot.to_string())));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query("DELETE FROM ballot_ruling WHERE election_id = $1 AND round = $2 AND ballot = $3")
                .bind(election.id)
                .bind(i64::from(round))
                .bind(i64::from(ballot))
                .execute(w.conn())
                .await?;
            sqlx::query(
                "INSERT INTO ballot_ruling (election_id, round, ballot, valid, reason, ruled_by, ruled_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(election.id)
            .bind(i64::from(round))
            .bind(i64::from(ballot))
            .bind(i64::from(valid))
            .bind(reason)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(change(
                congress,
                "ballot_ruling",
                n,
                format!(
                    "round {round}, ballot {ballot} ruled {}: {reason} (R-VALID-8)",
                    if valid { "valid" } else { "invalid" }
                ),
            ));
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// The board closes the count of a round: every ballot entered is
    /// settled (both entries agree or the board read it), and the engine
    /// counts them (ballots returned at most those issued and present,
    /// R-VALID-1). Its result is the round's count from then on.
    pub async fn close(&self, congress: &Congress, n: u32, round: u32, address: &str) -> StoreResult<Count> {
        let election = self.found(congress, n).await?;
        self.require_duty(congress, &election, policy::may_settle).await?;
        let ledger = self.ledger(congress, n, round).await?;
        if ledger.round.closed.is_some() {
            return Err(refuse("R-VALID-8", format!("the count of round {round} is already closed")));
        }
        let unsettled: Vec<String> = ledger.differing().chain(ledger.single()).map(|l| l.number.to_string()).collect();
        if !unsettled.is_empty() {
            return Err(refuse(
                "R-VALID-8",
                format!("ballots not settled (entered once, or entries that differ): {}", unsettled.join(", ")),
            ));
        }
        if ledger.lines.is_empty() {
            return Err(refuse("R-RESULT-1", "no ballot has been entered"));
        }
        let count = ledger.totals.map_err(refused)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let done = sqlx::query(
                "UPDATE election_round SET closed_by = $1, closed_at = $2 WHERE election_id = $3 AND number = $4 \
                 AND closed_at IS NULL",
            )
            .bind(&by)
            .bind(now_text())
            .bind(election.id)
            .bind(i64::from(round))
            .execute(w.conn())
            .await?;
            if done.rows_affected() != 1 {
                return Err(refuse("R-VALID-8", format!("the count of round {round} is already closed")));
            }
            w.record(change(
                congress,
                "election_count_closed",
                n,
                format!(
                    "round {round}: {} returned, {} valid, {} invalid, base {}; elected: {}; decisions needed: {}",
                    count.returned,
                    count.valid,
                    count.invalid,
                    count.base,
                    count.elected.join(", "),
                    count.decisions_needed.len()
                ),
            ));
            Ok(count.clone())
        })
        .await
    }
}

/// The count of the settled ballots of `lines` (R-RESULT-1: those not
/// settled are not counted).
fn count_lines(election: &daihoi_election::Election, lines: &[BallotLine]) -> Result<Count, ElectionError> {
    let rulings: Vec<BoardRuling> = lines
        .iter()
        .filter(|l| matches!(l.state, EntryState::Settled { .. }))
        .filter_map(|l| l.ruling.clone())
        .collect();
    let mut tally = Tally::new(election, &rulings)?;
    for l in lines {
        if let EntryState::Settled { ballot, .. } = &l.state {
            tally.add(ballot)?;
        }
    }
    tally.finish()
}
