//! Committees over time (cấp ủy; issue 15 §4): the positions held on an
//! organization's committee and inspection commission, each over a period,
//! by appointment or election, with its decision; the convening committee
//! of a congress (C-DEL-7).

use daihoi_congress::{CommitteeMember, CommitteeSeat, Position, SeatSource, convening_committee};
use daihoi_core::date::iso;
use daihoi_core::members::CardNumber;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::Date;

use super::access::Congresses;
use super::policy;
use crate::access::forbidden;
use crate::documents::Classification;
use crate::members::{MEMBERS_IN_SUBTREE_FAST, now_text};
use crate::orgs::{OrgNode, date_col, opt_date_col};
use crate::placeholders::named;
use crate::write::Change;
use crate::{Db, StoreError, StoreResult};

/// A seat as stored: the domain's [`CommitteeSeat`] with the person's name
/// and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSeat {
    pub id: i64,
    pub org_id: i64,
    pub person_id: i64,
    pub name: String,
    pub seat: CommitteeSeat,
    pub end_reason: Option<String>,
}

/// A seat to record: who (by card number), which position, from when, how
/// and by which decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSeat<'a> {
    pub card: &'a CardNumber,
    pub position: Position,
    pub from: Date,
    pub source: SeatSource,
    pub reference: &'a str,
}

fn stored_seat(row: &AnyRow) -> StoreResult<StoredSeat> {
    let position: String = row.try_get("position")?;
    let source: String = row.try_get("source")?;
    Ok(StoredSeat {
        id: row.try_get("id")?,
        org_id: row.try_get("org_id")?,
        person_id: row.try_get("person_id")?,
        name: row.try_get("full_name")?,
        seat: CommitteeSeat {
            person: row.try_get("card_number")?,
            position: Position::parse(&position)
                .ok_or_else(|| StoreError::corrupt(format!("bad position {position:?}")))?,
            from: date_col(row, "from_on")?,
            to: opt_date_col(row, "to_on")?,
            source: SeatSource::parse(&source).ok_or_else(|| StoreError::corrupt(format!("bad source {source:?}")))?,
            reference: row.try_get("reference")?,
        },
        end_reason: row.try_get("end_reason")?,
    })
}

impl Db {
    /// Every seat ever held on `org_id`'s committee and commission, the
    /// earliest first, by position.
    pub(crate) async fn committee_seats(&self, org_id: i64) -> StoreResult<Vec<StoredSeat>> {
        let rows = sqlx::query(
            "SELECT s.id AS id, s.org_id AS org_id, s.person_id AS person_id, p.full_name AS full_name, \
             p.card_number AS card_number, s.position AS position, s.from_on AS from_on, s.to_on AS to_on, \
             s.source AS source, s.reference AS reference, s.end_reason AS end_reason \
             FROM committee_seat s JOIN person p ON p.id = s.person_id WHERE s.org_id = $1",
        )
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        let mut seats = rows.iter().map(stored_seat).collect::<StoreResult<Vec<_>>>()?;
        // In the positions' order (the domain's, not the text's).
        seats.sort_by_key(|s| (s.seat.from, s.seat.position, s.id));
        Ok(seats)
    }

    /// Whether the person is a member of `node`'s subtree on `date`.
    pub(crate) async fn member_of_subtree(&self, person_id: i64, node: &OrgNode, date: Date) -> StoreResult<bool> {
        let (low, high) = node.path.subtree_range();
        let sql = named(
            &format!("SELECT p.id {MEMBERS_IN_SUBTREE_FAST} AND p.id = $person"),
            &["date", "low", "high", "person"],
        );
        let found: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .bind(person_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }
}

impl Congresses<'_> {
    /// The committee of `node` on `date`: the seats held that day, by
    /// position from the secretary down (a person holds several).
    pub async fn committee(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<StoredSeat>> {
        self.require(node, policy::may_read)?;
        let mut seats: Vec<StoredSeat> =
            self.db.committee_seats(node.id).await?.into_iter().filter(|s| s.seat.held_on(date)).collect();
        seats.sort_by_key(|s| (s.seat.position, s.seat.from, s.id));
        Ok(seats)
    }

    /// Every seat of `node`'s committee and commission, past and present,
    /// the earliest first.
    pub async fn committee_history(&self, node: &OrgNode) -> StoreResult<Vec<StoredSeat>> {
        self.require(node, policy::may_read)?;
        self.db.committee_seats(node.id).await
    }

    /// C-DEL-7: the convening committee of `node`'s congress opening on
    /// `opening`, by card number.
    pub async fn convening_committee(&self, node: &OrgNode, opening: Date) -> StoreResult<Vec<CommitteeMember>> {
        self.require(node, policy::may_read)?;
        let seats: Vec<CommitteeSeat> = self.db.committee_seats(node.id).await?.into_iter().map(|s| s.seat).collect();
        Ok(convening_committee(&seats, opening))
    }

    /// Records a seat on `node`'s committee (an appointment by the higher
    /// committee, C-PER-10, or an election whose results it approved,
    /// R-AFTER-1): by a role that writes on the organization above. The
    /// person is a member of `node`'s subtree on the first day, does not
    /// hold the same position there already, and the day is not after
    /// today; the decision is named.
    pub async fn record_seat(
        &self,
        node: &OrgNode,
        seat: &NewSeat<'_>,
        today: Date,
        address: &str,
    ) -> StoreResult<StoredSeat> {
        if !self.approves_for(node, today).await? {
            return Err(forbidden(format!("organization {}", node.code)));
        }
        let reference = super::access::text("reference", seat.reference)?;
        if seat.from > today {
            return Err(StoreError::CongressRefused {
                rule: "C-PER-10",
                detail: format!("a seat from {} is after today", iso(seat.from)),
            });
        }
        let (person, name) = self.db.person_by_card(seat.card).await?;
        if !self.db.member_of_subtree(person, node, seat.from).await? {
            return Err(StoreError::CongressRefused {
                rule: "C-PER-10",
                detail: format!("{} is not a member of {} on {}", seat.card, node.code, iso(seat.from)),
            });
        }
        let by = self.viewer.actor();
        let id = self
            .write(address, async |w| {
                // The same position held already, checked inside the write
                // with the organization's row locked (PostgreSQL holds it
                // to the commit; SQLite's write lock is the transaction's):
                // two forms sent at once record one seat.
                sqlx::query("UPDATE organization SET created_at = created_at WHERE id = $1")
                    .bind(node.id)
                    .execute(w.conn())
                    .await?;
                let held: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM committee_seat WHERE org_id = $1 AND person_id = $2 AND position = $3 \
                     AND (to_on IS NULL OR to_on > $4)",
                )
                .bind(node.id)
                .bind(person)
                .bind(seat.position.code())
                .bind(iso(seat.from))
                .fetch_optional(w.conn())
                .await?;
                if held.is_some() {
                    return Err(StoreError::CongressRefused {
                        rule: "C-PER-10",
                        detail: format!("{} already holds {} on {}", seat.card, seat.position.code(), node.code),
                    });
                }
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO committee_seat (org_id, person_id, position, from_on, source, reference, \
                     recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(node.id)
                .bind(person)
                .bind(seat.position.code())
                .bind(iso(seat.from))
                .bind(seat.source.code())
                .bind(reference)
                .bind(&by)
                .bind(now_text())
                .fetch_one(w.conn())
                .await?;
                w.record(Change {
                    action: "committee_seat",
                    org_path: Some(node.path.clone()),
                    subject: format!("member {}", seat.card),
                    detail: format!(
                        "{} from {} ({}, {reference})",
                        seat.position.code(),
                        iso(seat.from),
                        seat.source.code()
                    ),
                    classification: Classification::Normal,
                });
                Ok::<_, StoreError>(id)
            })
            .await?;
        Ok(StoredSeat {
            id,
            org_id: node.id,
            person_id: person,
            name,
            seat: CommitteeSeat {
                person: seat.card.to_string(),
                position: seat.position,
                from: seat.from,
                to: None,
                source: seat.source,
                reference: reference.to_owned(),
            },
            end_reason: None,
        })
    }

    /// Ends a seat on `on` (retirement, transfer, the end of the term),
    /// with the reason, by a role that writes on the organization above.
    pub async fn end_seat(
        &self,
        node: &OrgNode,
        seat_id: i64,
        on: Date,
        reason: &str,
        today: Date,
        address: &str,
    ) -> StoreResult<()> {
        if !self.approves_for(node, today).await? {
            return Err(forbidden(format!("organization {}", node.code)));
        }
        let reason = super::access::text("reason", reason)?;
        let seat = self
            .db
            .committee_seats(node.id)
            .await?
            .into_iter()
            .find(|s| s.id == seat_id)
            .ok_or_else(|| StoreError::NotFound(format!("seat {seat_id}")))?;
        if seat.seat.to.is_some() || on <= seat.seat.from || on > today {
            return Err(StoreError::CongressRefused {
                rule: "C-PER-10",
                detail: format!("seat {seat_id} cannot end on {}", iso(on)),
            });
        }
        self.write(address, async |w| {
            sqlx::query("UPDATE committee_seat SET to_on = $1, end_reason = $2 WHERE id = $3")
                .bind(iso(on))
                .bind(reason)
                .bind(seat_id)
                .execute(w.conn())
                .await?;
            w.record(Change {
                action: "committee_seat_end",
                org_path: Some(node.path.clone()),
                subject: format!("member {}", seat.seat.person),
                detail: format!("{} until {}: {reason}", seat.seat.position.code(), iso(on)),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }
}
