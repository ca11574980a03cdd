//! An election as the files of `daihoi tally` (`docs/tally-format.md`):
//! the election with its withdrawals (R-LIST-7), the board's rulings
//! (R-VALID-8) and the congress's decisions, and the settled ballots of each
//! closed round — what the minutes are made from and what an export holds,
//! so that `daihoi tally` counts it again to the same result; and a round's
//! ballots counted elsewhere, recorded by the board from such a file.

use daihoi_election::entry::{EntryState, encode_flags, encode_marks};
use daihoi_election::{Ballot, BoardRuling, Decision, Withdrawal};
use time::Date;

use super::access::Elections;
use super::{Duty, ElectionRound, change, policy, refuse};
use crate::congresses::Congress;
use crate::members::now_text;
use crate::{StoreError, StoreResult};

/// An election's record: what its election file holds (`daihoi-tally`'s
/// `ElectionFile` but the minutes' wording) and the ballots of its closed
/// rounds.
#[derive(Debug, Clone)]
pub struct ElectionRecord {
    /// The first round's election, its list without the withdrawn names.
    pub election: daihoi_election::Election,
    /// R-LIST-7: the names withdrawn by the congress's decision.
    pub withdrawals: Vec<Withdrawal>,
    /// R-VALID-8: the board's rulings on settled ballots, with their round.
    pub rulings: Vec<(u32, BoardRuling)>,
    /// The congress's decisions, a further round's with its ballots issued
    /// and those present once that round's ballots are issued.
    pub decisions: Vec<Decision>,
    /// The accounts of the board (ban kiểm phiếu).
    pub board: Vec<String>,
    /// The day (in Vietnam) the last closed count was closed.
    pub closed_on: Option<Date>,
    /// The settled ballots of each closed round, round 1's first, by number.
    pub ballots: Vec<Vec<Ballot>>,
}

/// The day in Vietnam (UTC+7, no summer time) of an RFC 3339 timestamp:
/// a count closed at 1 a.m. on the 21st is the 21st's, not the 20th's.
fn day_of(at: &str) -> Option<Date> {
    let instant = time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).ok()?;
    Some(instant.to_offset(time::UtcOffset::from_hms(7, 0, 0).ok()?).date())
}

impl Elections<'_> {
    /// The record of election `n` for the congress's readers and the
    /// election's board: `None` until the first round's ballots are issued.
    /// Only closed rounds give ballots: while a count is open its entries
    /// are the board's alone.
    pub async fn record(&self, congress: &Congress, n: u32) -> StoreResult<Option<ElectionRecord>> {
        let election = self.found(congress, n).await?;
        if !policy::may_read(self.reach(&congress.org)) && self.duty(&election).await?.is_none() {
            return Err(crate::access::forbidden(format!("election {n} of organization {}", congress.org.code)));
        }
        let rounds = self.rounds(&election).await?;
        let Some(first_round) = rounds.first().and_then(|r| r.engine(&election)) else { return Ok(None) };
        let candidates = self.candidates(&election).await?;
        let decisions = self.decisions(&election).await?;
        let staff = self.staff(&election).await?;
        let withdrawals = candidates
            .iter()
            .filter_map(|c| {
                c.withdrawn.as_ref().map(|w| Withdrawal {
                    name: c.name.clone(),
                    decided_by: w.decided_by.clone(),
                    at: w.recorded.at.clone(),
                    reason: w.reason.clone(),
                })
            })
            .collect();
        let mut ballots = Vec::new();
        let mut rulings = Vec::new();
        let mut closed_on = None;
        for round in rounds.iter().filter(|r| r.closed.is_some()) {
            let lines = self.lines(&election, round).await?;
            let mut settled = Vec::with_capacity(lines.len());
            for l in lines {
                if let EntryState::Settled { ballot, .. } = l.state {
                    settled.push(ballot);
                    if let Some(r) = l.ruling {
                        rulings.push((round.number, r));
                    }
                }
            }
            ballots.push(settled);
            closed_on = round.closed.as_ref().and_then(|s| day_of(&s.at)).or(closed_on);
        }
        let decisions: Vec<Decision> =
            decisions.iter().map(|d| ElectionRound::with_next_round(&d.decision, &rounds)).collect();
        Ok(Some(ElectionRecord {
            election: first_round,
            withdrawals,
            rulings,
            decisions,
            board: staff.iter().filter(|s| s.duty == Duty::Board).map(|s| s.display_name.clone()).collect(),
            closed_on,
            ballots,
        }))
    }

    /// The board records the ballots of round `round` counted elsewhere
    /// (read from a ballots file as strictly as `daihoi tally` reads it;
    /// `lines` says where each came from, for the messages): each becomes
    /// a ballot the board settled from the paper. Refused when a clerk or
    /// the board has already recorded a ballot of the round: a file adds
    /// to nothing and replaces nothing. All or nothing.
    pub async fn record_ballots(
        &self,
        congress: &Congress,
        n: u32,
        round: u32,
        file: &str,
        ballots: &[(usize, Ballot)],
        address: &str,
    ) -> StoreResult<usize> {
        let election = self.found(congress, n).await?;
        self.require_duty(congress, &election, policy::may_settle).await?;
        let r = self.counting_round(&election, round).await?;
        let issued = r.issued.as_ref().map_or(0, |i| i.ballots);
        if !self.lines(&election, &r).await?.is_empty() {
            return Err(refuse(
                "R-VALID-8",
                format!(
                    "{file}: ballots of round {round} are already entered; a file is recorded only into an empty round"
                ),
            ));
        }
        if ballots.is_empty() {
            return Err(refuse("R-RESULT-1", format!("{file}: no ballot")));
        }
        let mut rows = Vec::with_capacity(ballots.len());
        let mut seen = std::collections::BTreeSet::new();
        for (line, b) in ballots {
            let number = b.number.parse::<u32>().ok().filter(|x| (1..=issued).contains(x)).ok_or_else(|| {
                refuse(
                    "R-VALID-1",
                    format!(
                        "{file}, line {line}: ballot number {:?} is not a number from 1 to {issued} (the ballots issued)",
                        b.number
                    ),
                )
            })?;
            if !seen.insert(number) {
                return Err(refuse("R-VALID-1", format!("{file}, line {line}: ballot {number} is there twice")));
            }
            if b.marks.len() != r.list.len() {
                return Err(StoreError::corrupt(format!("{file}, line {line}: marks for another list")));
            }
            rows.push((number, encode_marks(&b.marks), encode_flags(&b.flags)));
        }
        let by = self.viewer.actor();
        let count = rows.len();
        self.write(address, async |w| {
            let at = now_text();
            for (number, marks, flags) in &rows {
                sqlx::query(
                    "INSERT INTO ballot_settlement (election_id, round, ballot, marks, flags, settled_by, settled_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(election.id)
                .bind(i64::from(round))
                .bind(i64::from(*number))
                .bind(marks)
                .bind(flags)
                .bind(&by)
                .bind(&at)
                .execute(w.conn())
                .await?;
            }
            w.record(change(
                congress,
                "election_ballots_recorded",
                n,
                format!("round {round}: {count} ballots counted elsewhere, recorded from {file}"),
            ));
            Ok::<_, StoreError>(count)
        })
        .await
    }
}
