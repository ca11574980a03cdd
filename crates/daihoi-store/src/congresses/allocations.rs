//! Delegate allocation (phân bổ đại biểu; issue 15 §5): the convening
//! committee's decision (the total and each organization's seats by mode,
//! C-DEL-1, -2, -8), a proposal in C-DEL-6's shape with its working, and a
//! lower congress's own seats, read-only (C-DEL-3).

use daihoi_congress::{Awaiting, Proposal, ProposalUnit, Scope, SeatMode, SeatRow, SeatSummary, SeatTable, propose};
use daihoi_core::date::iso;
use sqlx::Row;
use time::Date;

use super::access::Congresses;
use super::{Congress, Round, policy};
use crate::documents::Classification;
use crate::members::now_text;
use crate::orgs::{OrgNode, date_col};
use crate::write::Change;
use crate::{Db, StoreError, StoreResult};

/// The stored code of a seat mode.
pub fn mode_code(m: SeatMode) -> &'static str {
    match m {
        SeatMode::ExOfficio => "ex_officio",
        SeatMode::Elected => "elected",
        SeatMode::Designated => "designated",
    }
}

pub fn parse_mode(code: &str) -> Option<SeatMode> {
    [SeatMode::ExOfficio, SeatMode::Elected, SeatMode::Designated].into_iter().find(|m| mode_code(*m) == code)
}

/// A congress's allocation as decided, with its counts by mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    pub congress_id: i64,
    pub table: SeatTable,
    pub decided_on: Date,
    pub summary: SeatSummary,
}

/// A lower organization's seats at the congress above it (C-DEL-3): read,
/// never voted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatsAbove {
    /// The convening organization.
    pub convening: OrgNode,
    pub congress_id: i64,
    pub row: SeatRow,
    /// The convening committee's decision and its day.
    pub decision: String,
    pub decided_on: Date,
}

impl Db {
    async fn allocation_table(&self, congress_id: i64) -> StoreResult<Option<(SeatTable, Date)>> {
        let Some(head) = sqlx::query("SELECT total, decision, decided_on FROM seat_allocation WHERE congress_id = $1")
            .bind(congress_id)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let rows = sqlx::query(
            "SELECT o.code AS code, r.seats AS seats, r.mode AS mode, r.decision AS decision \
             FROM seat_allocation_row r JOIN organization o ON o.id = r.org_id WHERE r.congress_id = $1 ORDER BY o.code",
        )
        .bind(congress_id)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = head.try_get("total")?;
        let table = SeatTable {
            total: u32::try_from(total).map_err(|_| StoreError::corrupt(format!("bad total {total}")))?,
            decision: head.try_get("decision")?,
            rows: rows
                .iter()
                .map(|r| {
                    let mode: String = r.try_get("mode")?;
                    let seats: i64 = r.try_get("seats")?;
                    Ok(SeatRow {
                        organization: r.try_get("code")?,
                        seats: u32::try_from(seats).map_err(|_| StoreError::corrupt(format!("bad seats {seats}")))?,
                        mode: parse_mode(&mode).ok_or_else(|| StoreError::corrupt(format!("bad mode {mode:?}")))?,
                        decision: r.try_get("decision")?,
                    })
                })
                .collect::<StoreResult<Vec<_>>>()?,
        };
        Ok(Some((table, date_col(&head, "decided_on")?)))
    }

    /// The congresses of `round` whose allocation gives `org_id` seats.
    async fn allocations_naming(&self, round: &Round, org_id: i64) -> StoreResult<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.org_id FROM seat_allocation_row r JOIN congress c ON c.id = r.congress_id \
             WHERE r.org_id = $1 AND c.round_id = $2 ORDER BY c.id",
        )
        .bind(org_id)
        .bind(round.id)
        .fetch_all(&self.pool)
        .await?)
    }
}

impl Congresses<'_> {
    /// The allocation decided for `congress`, with its counts by mode (the
    /// designated cap waits for its answer, C-DEL-8).
    pub async fn allocation(&self, round: &Round, congress: &Congress) -> StoreResult<Option<Allocation>> {
        self.require(&congress.org, policy::may_read)?;
        let Some((table, decided_on)) = self.db.allocation_table(congress.id).await? else { return Ok(None) };
        let settings = self.db.round_settings(round).await?;
        let summary = table.check(&settings, &Scope::Organization(congress.org.code.to_string()))?;
        Ok(Some(Allocation { congress_id: congress.id, table, decided_on, summary }))
    }

    /// C-DEL-3: `node`'s seats at the congress above it in `round`, as that
    /// congress's committee decided them; `None` before any decision.
    pub async fn seats_above(&self, round: &Round, node: &OrgNode, date: Date) -> StoreResult<Option<SeatsAbove>> {
        self.require(node, policy::may_read)?;
        for (congress_id, org_id) in self.db.allocations_naming(round, node.id).await? {
            if org_id == node.id {
                continue;
            }
            let Some((table, decided_on)) = self.db.allocation_table(congress_id).await? else { continue };
            let Some(row) = table.rows.into_iter().find(|r| r.organization == node.code.as_str()) else { continue };
            let convening = self.db.org_near(org_id, date).await?;
            return Ok(Some(SeatsAbove { convening, congress_id, row, decision: table.decision, decided_on }));
        }
        Ok(None)
    }

    /// C-DEL-2: a proposal for `congress`'s seats in C-DEL-6's shape, one
    /// row per congress that sends it delegates, from their members on
    /// `date`, with each row's working; the parameters are the round's
    /// recorded answer (C-DEL-2 is [open]: without one, the proposal waits).
    pub async fn propose_allocation(
        &self,
        round: &Round,
        congress: &Congress,
        date: Date,
    ) -> StoreResult<Result<Proposal, Awaiting>> {
        self.require(&congress.org, policy::may_read)?;
        let settings = self.db.round_settings(round).await?;
        let parameters = match settings.allocation_parameters(&Scope::Organization(congress.org.code.to_string())) {
            Ok(p) => p,
            Err(awaiting) => return Ok(Err(awaiting)),
        };
        let lines = self.campaign(round, &congress.org, date).await?;
        let mut units = Vec::new();
        for l in lines.iter().filter(|l| l.higher == Some(congress.id)) {
            let count = self.db.base_count(&l.congress.org, date).await?;
            units.push(ProposalUnit {
                organization: l.congress.org.code.to_string(),
                members: u32::try_from(count.convened + count.probationary).unwrap_or(u32::MAX),
                bonus: 0,
            });
        }
        Ok(Ok(propose(&units, parameters)?))
    }

    /// The convening committee decides `congress`'s allocation (C-DEL-1,
    /// -2, -8): the table replaces the one before, in one audited write. The
    /// seats add up to the decided total, no organization twice, designated
    /// seats cite their decision; the convening organization's own row is
    /// its ex-officio seats (C-DEL-7), every other row an organization below
    /// it on `decided_on`, which is not after today.
    pub async fn decide_allocation(
        &self,
        round: &Round,
        congress: &Congress,
        table: &SeatTable,
        decided_on: Date,
        today: Date,
        address: &str,
    ) -> StoreResult<Allocation> {
        self.require(&congress.org, policy::may_plan)?;
        if decided_on > today {
            return Err(StoreError::CongressRefused {
                rule: "C-DEL-1",
                detail: format!("a decision of {} is after today", iso(decided_on)),
            });
        }
        let decision = super::access::text("decision", &table.decision)?.to_owned();
        let settings = self.db.round_settings(round).await?;
        let summary = table.check(&settings, &Scope::Organization(congress.org.code.to_string()))?;
        let mut rows = Vec::with_capacity(table.rows.len());
        for r in &table.rows {
            let code = daihoi_core::OrgCode::parse(&r.organization)
                .map_err(|_| StoreError::NotFound(format!("organization {}", r.organization)))?;
            let node = self
                .db
                .org_by_code(&code, decided_on)
                .await?
                .ok_or_else(|| StoreError::OrgNotOnDate { code: code.clone(), date: decided_on })?;
            let own = node.id == congress.org.id;
            if own != (r.mode == SeatMode::ExOfficio) {
                return Err(StoreError::CongressRefused {
                    rule: "C-DEL-7",
                    detail: format!("{}: ex-officio seats are the convening committee's own row", node.code),
                });
            }
            if !own && !congress.org.path.contains(&node.path) {
                return Err(StoreError::CongressRefused {
                    rule: "C-DEL-2",
                    detail: format!("{} is not below {}", node.code, congress.org.code),
                });
            }
            let row_decision = match r.decision.as_deref() {
                Some(d) if !d.trim().is_empty() => Some(super::access::text("decision", d)?.to_owned()),
                _ => None,
            };
            rows.push((node.id, r.seats, r.mode, row_decision));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let before: Option<(i64, String)> =
                sqlx::query_as("SELECT total, decision FROM seat_allocation WHERE congress_id = $1")
                    .bind(congress.id)
                    .fetch_optional(w.conn())
                    .await?;
            sqlx::query("DELETE FROM seat_allocation_row WHERE congress_id = $1")
                .bind(congress.id)
                .execute(w.conn())
                .await?;
            sqlx::query("DELETE FROM seat_allocation WHERE congress_id = $1")
                .bind(congress.id)
                .execute(w.conn())
                .await?;
            sqlx::query(
                "INSERT INTO seat_allocation (congress_id, total, decision, decided_on, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(congress.id)
            .bind(i64::from(table.total))
            .bind(&decision)
            .bind(iso(decided_on))
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            for (org_id, seats, mode, row_decision) in &rows {
                sqlx::query(
                    "INSERT INTO seat_allocation_row (congress_id, org_id, seats, mode, decision) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(congress.id)
                .bind(*org_id)
                .bind(i64::from(*seats))
                .bind(mode_code(*mode))
                .bind(row_decision.clone())
                .execute(w.conn())
                .await?;
            }
            w.record(Change {
                action: "seat_allocation",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: match before {
                    Some((total, old)) => {
                        format!("{total} ({old}) → {} ({decision}), {} rows", table.total, rows.len())
                    }
                    None => format!("{} ({decision}), {} rows", table.total, rows.len()),
                },
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await?;
        Ok(Allocation { congress_id: congress.id, table: SeatTable { decision, ..table.clone() }, decided_on, summary })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_codes_round_trip() {
        for m in [SeatMode::ExOfficio, SeatMode::Elected, SeatMode::Designated] {
            assert_eq!(parse_mode(mode_code(m)), Some(m));
        }
    }
}
