//! R-AFTER-1, R-AFTER-3: the higher committee's decision on an election's
//! results, recorded by the office above once the count is finished, and
//! the seating of the elected (less the refused) in the same audited
//! transaction: a seat on the organization's committee or commission from
//! the day of the approval (the body gives the position), or a place on
//! the higher congress's roll (delegates; alternates in the order elected,
//! R-DELEG-1, after the alternates already on that roll). Recording the
//! same decision again writes nothing; another decision is refused.

use std::collections::HashSet;

use daihoi_congress::{Approval, Seat};
use daihoi_core::date::iso;
use daihoi_core::members::CardNumber;
use time::Date;

use super::super::access::Elections;
use super::super::{change, refuse};
use super::{NewOutcome, OutcomeKind, Seating, finished, policy, position_of};
use crate::access::forbidden;
use crate::congresses::Congress;
use crate::congresses::access::text;
use crate::congresses::roll::{CheckedDelegate, NewDelegate, insert_delegate};
use crate::documents::Classification;
use crate::members::now_text;
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// What the approval writes for one elected person.
enum Plan {
    /// A seat on the committee: person, card.
    Seat(i64, CardNumber),
    /// A place on the higher congress's roll.
    Roll(CardNumber, Seat, CheckedDelegate),
    /// Nothing to write.
    Nothing,
}

impl Elections<'_> {
    /// The congress of the nearest organization above `congress`'s that
    /// holds one in the same round (the congress it sends delegates to).
    pub(crate) async fn higher_congress(&self, congress: &Congress, date: Date) -> StoreResult<Option<Congress>> {
        let Some(round) = self.db.rounds().await?.into_iter().find(|r| r.id == congress.round_id) else {
            return Ok(None);
        };
        let ids: Vec<i64> = congress.org.path.ids().collect();
        for id in ids.iter().rev().skip(1) {
            if let Some(node) = self.db.org_by_id(*id, date).await?
                && let Some(c) = self.db.congress_of(&round, &node, date).await?
            {
                return Ok(Some(c));
            }
        }
        Ok(None)
    }

    /// Whether the viewer records the higher committee's decisions on
    /// `congress`'s elections (the office above).
    pub async fn may_approve(&self, congress: &Congress, today: Date) -> StoreResult<bool> {
        Ok(policy::may_approve(self.congresses().approves_for(&congress.org, today).await?))
    }

    /// Records the higher committee's approval of election `n`'s results
    /// (R-AFTER-1), refusing the persons named, or their annulment with a
    /// new election ordered (R-AFTER-3), and seats the elected less the
    /// refused. Approval needs the count finished (every round counted, no
    /// decision point open); an annulment, a vote held. `false`: the same
    /// decision is recorded already, nothing written.
    pub async fn record_outcome(
        &self,
        congress: &Congress,
        n: u32,
        new: &NewOutcome,
        today: Date,
        address: &str,
    ) -> StoreResult<bool> {
        if !self.may_approve(congress, today).await? {
            return Err(forbidden(format!("organization {}", congress.org.code)));
        }
        let rule = match new.kind {
            OutcomeKind::Approved => "R-AFTER-1",
            OutcomeKind::Annulled => "R-AFTER-3",
        };
        let approval = Approval {
            approved_by: text("approved_by", &new.approval.approved_by)?.to_owned(),
            on: new.approval.on,
            reference: text("reference", &new.approval.reference)?.to_owned(),
        };
        let note = match (new.kind, new.note.trim()) {
            (OutcomeKind::Approved, "") => String::new(),
            (_, note) => text("note", note)?.to_owned(),
        };
        if approval.on > today {
            return Err(refuse(rule, format!("a decision of {} is after today", iso(approval.on))));
        }
        let mut refused: Vec<String> = Vec::new();
        for name in &new.refused {
            let name = text("refused", name)?.to_owned();
            if !refused.contains(&name) {
                refused.push(name);
            }
        }
        let election = self.found(congress, n).await?;
        let rounds = self.rounds(&election).await?;
        let decisions = self.decisions(&election).await?;
        let proceedings = self.proceedings(&election, &rounds, &decisions).await?;
        let elected = proceedings.as_ref().map(|p| p.elected()).unwrap_or_default();
        match new.kind {
            OutcomeKind::Approved if !finished(proceedings.as_ref()) => {
                return Err(refuse(
                    rule,
                    "the count is not finished (a round is not counted or a decision point is open): the results \
                     are not yet for approval",
                ));
            }
            OutcomeKind::Annulled if proceedings.is_none() => {
                return Err(refuse(rule, "no ballots were issued: there is nothing to annul"));
            }
            OutcomeKind::Annulled if !refused.is_empty() => {
                return Err(refuse(rule, "an annulment refuses the whole election, not persons"));
            }
            _ => {}
        }
        if let Some(name) = refused.iter().find(|r| !elected.contains(r)) {
            return Err(refuse(rule, format!("{name} is not among the elected")));
        }
        if let Some(was) = self.outcome(&election).await? {
            let same_refused = was.refused.iter().collect::<HashSet<_>>() == refused.iter().collect::<HashSet<_>>();
            if was.kind == new.kind && was.approval == approval && same_refused && was.note == note {
                return Ok(false);
            }
            return Err(refuse(
                rule,
                format!("the higher committee's decision is recorded already ({})", was.kind.code()),
            ));
        }
        // What to write for each elected person, read before the write.
        let mut lines: Vec<(String, Seating, String, Plan)> = Vec::new();
        if new.kind == OutcomeKind::Approved {
            let candidates = self.candidates(&election).await?;
            let position = position_of(election.body);
            let higher = match position {
                None => self.higher_congress(congress, today).await?,
                Some(_) => None,
            };
            let seats = self.db.committee_seats(congress.org.id).await?;
            let on_roll = match &higher {
                Some(h) => self.db.roll_places(h.id).await?,
                None => Vec::new(),
            };
            let mut rank = on_roll.iter().filter_map(|(_, r)| *r).max().unwrap_or(0);
            for name in &elected {
                if refused.contains(name) {
                    let detail = format!("refused by {}, {}", approval.approved_by, approval.reference);
                    lines.push((name.clone(), Seating::Refused, detail, Plan::Nothing));
                    continue;
                }
                let card = candidates
                    .iter()
                    .find(|c| c.name.trim() == name.trim())
                    .and_then(|c| c.card.as_deref())
                    .and_then(|c| CardNumber::parse(c).ok());
                let Some(card) = card else {
                    let detail = "no member card on the list: the seat is for a person to record".to_owned();
                    lines.push((name.clone(), Seating::NotSeated, detail, Plan::Nothing));
                    continue;
                };
                let line = match position {
                    Some(position) => {
                        let Some(person) = self.db.person_id_by_card(&card).await? else {
                            return Err(StoreError::NotFound(format!("member {card}")));
                        };
                        if !self.db.member_of_subtree(person, &congress.org, approval.on).await? {
                            let detail =
                                format!("{card} is not a member of {} on {}", congress.org.code, iso(approval.on));
                            (Seating::NotSeated, detail, Plan::Nothing)
                        } else if seats.iter().any(|s| {
                            s.person_id == person
                                && s.seat.position == position
                                && s.seat.to.is_none_or(|to| to > approval.on)
                        }) {
                            (Seating::HeldAlready, format!("{card} holds {} already", position.code()), Plan::Nothing)
                        } else {
                            let detail = format!("{card}: {} from {}", position.code(), iso(approval.on));
                            (Seating::Seated, detail, Plan::Seat(person, card))
                        }
                    }
                    None => match &higher {
                        None => {
                            let detail = "no congress above in the round: the roll is for a person to enter".to_owned();
                            (Seating::NotSeated, detail, Plan::Nothing)
                        }
                        Some(h) => {
                            let alternate = election.body == daihoi_election::Body::Alternates;
                            let seat = if alternate {
                                Seat::Alternate { rank: u32::try_from(rank + 1).unwrap_or(u32::MAX) }
                            } else {
                                Seat::Elected { by: congress.org.code.to_string() }
                            };
                            let person = self.db.person_id_by_card(&card).await?;
                            if on_roll.iter().any(|(p, _)| Some(*p) == person) {
                                let detail = format!("{card} is on the roll of congress {} already", h.id);
                                (Seating::OnRollAlready, detail, Plan::Nothing)
                            } else {
                                let checked = self
                                    .congresses()
                                    .check_delegate(h, &NewDelegate { card: &card, seat: seat.clone() })
                                    .await;
                                match checked {
                                    Ok(checked) => {
                                        if alternate {
                                            rank += 1;
                                        }
                                        let detail =
                                            format!("{card}: {} on the roll of congress {}", seat.code(), h.id);
                                        (Seating::OnRoll, detail, Plan::Roll(card, seat, checked))
                                    }
                                    Err(
                                        e @ (StoreError::CongressRefused { .. }
                                        | StoreError::Congress(_)
                                        | StoreError::NotFound(_)
                                        | StoreError::UnknownOrg(_)),
                                    ) => (Seating::NotSeated, e.to_string(), Plan::Nothing),
                                    Err(e) => return Err(e),
                                }
                            }
                        }
                    },
                };
                lines.push((name.clone(), line.0, line.1, line.2));
            }
        }
        let higher = match position_of(election.body) {
            None if new.kind == OutcomeKind::Approved => self.higher_congress(congress, today).await?,
            _ => None,
        };
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query(
                "INSERT INTO election_outcome (election_id, outcome, decided_by, decided_on, reference, refused, note, \
                 recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(election.id)
            .bind(new.kind.code())
            .bind(&approval.approved_by)
            .bind(iso(approval.on))
            .bind(&approval.reference)
            .bind(if refused.is_empty() { None } else { Some(refused.join("\n")) })
            .bind(&note)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(change(
                congress,
                match new.kind {
                    OutcomeKind::Approved => "election_approved",
                    OutcomeKind::Annulled => "election_annulled",
                },
                n,
                format!(
                    "{}, {}, {}{}{} ({rule})",
                    approval.approved_by,
                    iso(approval.on),
                    approval.reference,
                    if refused.is_empty() { String::new() } else { format!("; refused: {}", refused.join(", ")) },
                    if note.is_empty() { String::new() } else { format!("; {note}") },
                ),
            ));
            for (i, (name, seating, detail, plan)) in lines.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO election_seating (election_id, position, name, outcome, detail) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(election.id)
                .bind(i64::try_from(i + 1).unwrap_or(i64::MAX))
                .bind(name)
                .bind(seating.code())
                .bind(detail)
                .execute(w.conn())
                .await?;
                match plan {
                    Plan::Seat(person, card) => {
                        let position = position_of(election.body).ok_or_else(|| StoreError::corrupt("no position"))?;
                        sqlx::query(
                            "INSERT INTO committee_seat (org_id, person_id, position, from_on, source, reference, \
                             recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        )
                        .bind(congress.org.id)
                        .bind(*person)
                        .bind(position.code())
                        .bind(iso(approval.on))
                        .bind(daihoi_congress::SeatSource::Election.code())
                        .bind(&approval.reference)
                        .bind(&by)
                        .bind(now_text())
                        .execute(w.conn())
                        .await?;
                        w.record(Change {
                            action: "committee_seat",
                            org_path: Some(congress.org.path.clone()),
                            subject: format!("member {card}"),
                            detail: format!(
                                "{} from {} (election, {}; election {n} approved, R-AFTER-1)",
                                position.code(),
                                iso(approval.on),
                                approval.reference
                            ),
                            classification: Classification::Normal,
                        });
                    }
                    Plan::Roll(card, seat, checked) => {
                        let h = higher.as_ref().ok_or_else(|| StoreError::corrupt("the higher congress vanished"))?;
                        insert_delegate(w, h, &NewDelegate { card, seat: seat.clone() }, checked, &by).await?;
                    }
                    Plan::Nothing => {}
                }
            }
            Ok::<_, StoreError>(true)
        })
        .await
    }
}
