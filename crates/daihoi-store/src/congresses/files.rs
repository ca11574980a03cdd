//! The roll file and a session's attendance file (issue 15, "Bad input"):
//! the rows `daihoi_congress::files` checked, matched against the people,
//! the tree and the roll with the very checks of the forms (`roll.rs`:
//! C-DEL-2, C-DEL-8, C-DEL-9, C-DEL-10; the check-in's C-DEL-7, C-DEL-9,
//! R-BASE-1), then written all at once or not at all. Every refused row is
//! named with its line and column; a row that matches what is stored is
//! not written again (the downloaded file imported back writes nothing).

use std::collections::HashMap;

use daihoi_congress::files::allocation::{self, AllocationRow};
use daihoi_congress::files::attendance::{self, AttendanceRow, RowMark};
use daihoi_congress::files::roll::{self, RollRow};
use daihoi_congress::{AbsenceReason, Scope, Seat, SeatMode, SeatRow, SeatTable};
use daihoi_core::date::iso;
use sqlx::Row;
use time::Date;

use super::access::{Congresses, text};
use super::roll::{CheckedDelegate, NewDelegate, check_roll_places, insert_delegate, mark_absent, mark_present};
use super::{Congress, Round, policy};
use crate::{StoreError, StoreResult};

/// Why the store refused a row the sheet accepted.
#[derive(Debug)]
pub enum RowRefusal {
    /// No member has this card number.
    UnknownCard,
    /// No organization has this code on the congress's opening day.
    UnknownOrg,
    /// A rule refused it (its ID in the error).
    Refused(StoreError),
}

impl RowRefusal {
    /// The rule the refusal applies, when there is one.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            RowRefusal::Refused(e) => e.rule(),
            RowRefusal::UnknownCard | RowRefusal::UnknownOrg => None,
        }
    }
}

/// A refused row, placed in the file.
#[derive(Debug)]
pub struct RowProblem<C> {
    /// The row as the spreadsheet numbers it.
    pub line: usize,
    pub column: C,
    pub value: String,
    pub refusal: RowRefusal,
}

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileImportReport {
    /// Rows written: delegates entered, marks recorded or changed.
    pub written: usize,
    /// Rows that matched what was stored.
    pub unchanged: usize,
}

/// An import's answer: what it did, or every refused row.
pub type FileImport<C> = Result<FileImportReport, Vec<RowProblem<C>>>;

impl Congresses<'_> {
    /// Imports the delegates of a roll file onto `congress`'s roll (the
    /// congress's office): each row as [`Self::add_delegate`] checks one
    /// (C-DEL-2, C-DEL-8, C-DEL-9, C-DEL-10), against the roll and the
    /// rows above it; a person already on the roll in the same seat is
    /// unchanged, in another seat refused (C-DEL-9). Any refused row:
    /// nothing is written. One audit entry (`roll_add`) per delegate
    /// entered. `dry_run` checks without writing.
    pub async fn import_roll_rows(
        &self,
        congress: &Congress,
        rows: &[RollRow],
        address: &str,
        dry_run: bool,
    ) -> StoreResult<FileImport<roll::Column>> {
        self.require(&congress.org, policy::may_plan)?;
        let stored = self.stored_seats(congress).await?;
        let mut places = self.db.roll_places(congress.id).await?;
        let mut problems = Vec::new();
        let mut checked: Vec<(&RollRow, CheckedDelegate)> = Vec::new();
        let mut report = FileImportReport::default();
        for row in rows {
            let mut refuse = |column: roll::Column, value: String, refusal: RowRefusal| {
                problems.push(RowProblem { line: row.line, column, value, refusal });
            };
            if let Some(seat) = stored.get(row.card.as_str()) {
                if *seat == row.seat {
                    report.unchanged += 1;
                } else {
                    refuse(
                        roll::Column::Seat,
                        roll::seat_text(&row.seat).to_owned(),
                        RowRefusal::Refused(StoreError::Congress(daihoi_congress::CongressError::PersonTwice(
                            row.card.to_string(),
                        ))),
                    );
                }
                continue;
            }
            let new = NewDelegate { card: &row.card, seat: row.seat.clone() };
            let d = match self.check_delegate(congress, &new).await {
                Ok(d) => d,
                Err(e) => {
                    let (column, value) = match &e {
                        StoreError::UnknownOrg(code) => (roll::Column::ElectedBy, code.to_string()),
                        StoreError::CongressRefused { rule: "C-DEL-2", .. } => {
                            (roll::Column::ElectedBy, elected_by(&row.seat))
                        }
                        StoreError::BadText { .. } => (roll::Column::Decision, String::new()),
                        StoreError::CongressRefused { rule: "C-DEL-7" | "R-BASE-4", .. } => {
                            (roll::Column::Seat, roll::seat_text(&row.seat).to_owned())
                        }
                        _ => (roll::Column::Card, row.card.to_string()),
                    };
                    let refusal = match e {
                        StoreError::NotFound(_) => RowRefusal::UnknownCard,
                        StoreError::UnknownOrg(_) => RowRefusal::UnknownOrg,
                        e @ (StoreError::CongressRefused { .. }
                        | StoreError::Congress(_)
                        | StoreError::BadText { .. }) => RowRefusal::Refused(e),
                        e => return Err(e),
                    };
                    refuse(column, value, refusal);
                    continue;
                }
            };
            if let Err(e) = check_roll_places(&places, &d, &row.card) {
                let value = d.rank.map(|r| r.to_string()).unwrap_or_default();
                refuse(roll::Column::Rank, value, RowRefusal::Refused(e));
                continue;
            }
            places.push((d.person, d.rank));
            checked.push((row, d));
        }
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        report.written = checked.len();
        if !dry_run && !checked.is_empty() {
            let by = self.viewer.actor();
            self.write(address, async |w| {
                for (row, d) in &checked {
                    let new = NewDelegate { card: &row.card, seat: row.seat.clone() };
                    insert_delegate(w, congress, &new, d, &by).await?;
                }
                Ok::<_, StoreError>(())
            })
            .await?;
        }
        Ok(Ok(report))
    }

    /// The seats entered on a congress's roll, by card number.
    async fn stored_seats(&self, congress: &Congress) -> StoreResult<HashMap<String, Seat>> {
        let rows = sqlx::query(
            "SELECT p.card_number AS card_number, r.seat AS seat, o.code AS elected_by, r.decision AS decision, \
             r.alternate_rank AS alternate_rank FROM roll_entry r JOIN person p ON p.id = r.person_id \
             LEFT JOIN organization o ON o.id = r.elected_by WHERE r.congress_id = $1",
        )
        .bind(congress.id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut seats = HashMap::with_capacity(rows.len());
        for r in &rows {
            let seat: String = r.try_get("seat")?;
            let seat = match seat.as_str() {
                "elected" => Seat::Elected { by: r.try_get::<Option<String>, _>("elected_by")?.unwrap_or_default() },
                "designated" => {
                    Seat::Designated { decision: r.try_get::<Option<String>, _>("decision")?.unwrap_or_default() }
                }
                "alternate" => {
                    let rank: Option<i64> = r.try_get("alternate_rank")?;
                    Seat::Alternate { rank: rank.and_then(|n| u32::try_from(n).ok()).unwrap_or_default() }
                }
                other => return Err(StoreError::corrupt(format!("bad seat {other:?}"))),
            };
            seats.insert(r.try_get("card_number")?, seat);
        }
        Ok(seats)
    }

    /// Imports the marks of a session's attendance file (the congress's
    /// office): each person as the check-in checks one (convened: on the
    /// roll and not excluded, C-DEL-7, C-DEL-9, R-BASE-1); present, or
    /// absent with the reason and whether it was accepted (R-BASE-1; not
    /// for someone checked in). A mark equal to the one stored is
    /// unchanged. Any refused row: nothing is written. One audit entry per
    /// mark written (`congress_check_in`, `congress_absence`). A session
    /// that is not open: [`StoreError::NotFound`].
    pub async fn import_attendance_rows(
        &self,
        round: &Round,
        congress: &Congress,
        session: u32,
        rows: &[AttendanceRow],
        address: &str,
        dry_run: bool,
    ) -> StoreResult<FileImport<attendance::Column>> {
        self.require(&congress.org, policy::may_plan)?;
        if !self.db.sessions_of(congress.id).await?.iter().any(|s| s.number == session) {
            return Err(StoreError::NotFound(format!("session {session}")));
        }
        let marks = self.session_marks(congress, session).await?;
        let mut problems = Vec::new();
        let mut checked: Vec<(&AttendanceRow, i64)> = Vec::new();
        let mut report = FileImportReport::default();
        for row in rows {
            let mut refuse = |column: attendance::Column, value: String, refusal: RowRefusal| {
                problems.push(RowProblem { line: row.line, column, value, refusal });
            };
            let person = match self.db.person_by_card(&row.card).await {
                Ok((person, _)) => person,
                Err(StoreError::NotFound(_)) => {
                    refuse(attendance::Column::Card, row.card.to_string(), RowRefusal::UnknownCard);
                    continue;
                }
                Err(e) => return Err(e),
            };
            if let Err(rule) = self.convened_seat(round, congress, person, &row.card).await? {
                let e = StoreError::CongressRefused {
                    rule,
                    detail: format!("{} is not convened to this congress", row.card),
                };
                refuse(attendance::Column::Card, row.card.to_string(), RowRefusal::Refused(e));
                continue;
            }
            let stored = marks.get(&person);
            match &row.mark {
                RowMark::Present if stored == Some(&None) => {
                    report.unchanged += 1;
                    continue;
                }
                RowMark::Present => {
                    if let Some(e) = self.replaced(congress, person, &row.card).await? {
                        refuse(attendance::Column::Present, String::new(), RowRefusal::Refused(e));
                        continue;
                    }
                }
                RowMark::Absent(reason) => {
                    if let Err(e) = text("reason", &reason.reason) {
                        refuse(attendance::Column::Reason, reason.reason.clone(), RowRefusal::Refused(e));
                        continue;
                    }
                    match stored {
                        Some(None) => {
                            let e = StoreError::CongressRefused {
                                rule: "R-BASE-1",
                                detail: format!("{} is checked in to session {session}", row.card),
                            };
                            refuse(attendance::Column::Reason, reason.reason.clone(), RowRefusal::Refused(e));
                            continue;
                        }
                        Some(Some(was)) if was == reason => {
                            report.unchanged += 1;
                            continue;
                        }
                        _ => {}
                    }
                }
            }
            checked.push((row, person));
        }
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        report.written = checked.len();
        if !dry_run && !checked.is_empty() {
            let by = self.viewer.actor();
            self.write(address, async |w| {
                for (row, person) in &checked {
                    match &row.mark {
                        RowMark::Present => {
                            mark_present(w, congress, session, *person, &row.card, &by).await?;
                        }
                        RowMark::Absent(r) => {
                            mark_absent(w, congress, session, *person, &row.card, r.reason.trim(), r.accepted, &by)
                                .await?;
                        }
                    }
                }
                Ok::<_, StoreError>(())
            })
            .await?;
        }
        Ok(Ok(report))
    }

    /// The marks of a session by person: `None` present, `Some(reason)`
    /// absent (a reason recorded or not).
    async fn session_marks(
        &self,
        congress: &Congress,
        session: u32,
    ) -> StoreResult<HashMap<i64, Option<AbsenceReason>>> {
        let rows: Vec<(i64, i64, Option<String>, i64)> = sqlx::query_as(
            "SELECT person_id, present, reason, accepted FROM session_mark WHERE congress_id = $1 AND session = $2",
        )
        .bind(congress.id)
        .bind(i64::from(session))
        .fetch_all(&self.db.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(person, present, reason, accepted)| {
                let mark = (present != 1)
                    .then(|| AbsenceReason { reason: reason.unwrap_or_default(), accepted: accepted == 1 });
                (person, mark)
            })
            .collect())
    }

    /// The marks of a session by card number, for its attendance file:
    /// `None` present, `Some(reason)` absent with the reason recorded.
    pub async fn session_marks_by_card(
        &self,
        congress: &Congress,
        session: u32,
    ) -> StoreResult<HashMap<String, Option<AbsenceReason>>> {
        self.require(&congress.org, policy::may_read)?;
        let rows: Vec<(String, i64, Option<String>, i64)> = sqlx::query_as(
            "SELECT p.card_number, m.present, m.reason, m.accepted FROM session_mark m \
             JOIN person p ON p.id = m.person_id WHERE m.congress_id = $1 AND m.session = $2",
        )
        .bind(congress.id)
        .bind(i64::from(session))
        .fetch_all(&self.db.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(card, present, reason, accepted)| {
                let mark = (present != 1)
                    .then(|| AbsenceReason { reason: reason.unwrap_or_default(), accepted: accepted == 1 });
                (card, mark)
            })
            .collect())
    }
}

/// The decision's own fields of an allocation file (C-DEL-1): the total,
/// an input never computed, the decision that fixes it and its day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationDecision {
    pub total: u32,
    pub decision: String,
    pub decided_on: Date,
}

impl Congresses<'_> {
    /// Imports an allocation file as the convening committee's decision
    /// for `congress` (the congress's office, as [`Self::decide_allocation`]):
    /// every row checked against the tree on the decision's day (an unknown
    /// organization; C-DEL-2 below the convening one; C-DEL-7 the ex-officio
    /// row is the convening organization's own and its own row is ex
    /// officio), then the table (C-DEL-1: the seats add up to the total;
    /// refused as a [`StoreError`], nothing written). Any refused row:
    /// nothing is written. The table, total, decision and day equal to the
    /// stored ones: unchanged, nothing written. Otherwise written whole by
    /// [`Self::decide_allocation`], one audit entry. `dry_run` checks
    /// without writing.
    #[allow(clippy::too_many_arguments)]
    pub async fn import_allocation_rows(
        &self,
        round: &Round,
        congress: &Congress,
        rows: &[AllocationRow],
        decision: &AllocationDecision,
        today: Date,
        address: &str,
        dry_run: bool,
    ) -> StoreResult<FileImport<allocation::Column>> {
        self.require(&congress.org, policy::may_plan)?;
        let mut problems = Vec::new();
        for row in rows {
            let mut refuse = |column: allocation::Column, value: String, refusal: RowRefusal| {
                problems.push(RowProblem { line: row.line, column, value, refusal });
            };
            let Some(node) = self.db.org_by_code(&row.org, decision.decided_on).await? else {
                refuse(allocation::Column::Org, row.org.to_string(), RowRefusal::UnknownOrg);
                continue;
            };
            let own = node.id == congress.org.id;
            if own != (row.mode == SeatMode::ExOfficio) {
                let e = StoreError::CongressRefused {
                    rule: "C-DEL-7",
                    detail: format!("{}: ex-officio seats are the convening committee's own row", node.code),
                };
                refuse(allocation::Column::Mode, allocation::mode_text(row.mode).to_owned(), RowRefusal::Refused(e));
                continue;
            }
            if !own && !congress.org.path.contains(&node.path) {
                let e = StoreError::CongressRefused {
                    rule: "C-DEL-2",
                    detail: format!("{} is not below {}", node.code, congress.org.code),
                };
                refuse(allocation::Column::Org, row.org.to_string(), RowRefusal::Refused(e));
            }
        }
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let mut table_rows: Vec<SeatRow> = rows
            .iter()
            .map(|r| SeatRow {
                organization: r.org.to_string(),
                seats: r.seats,
                mode: r.mode,
                decision: r.decision.clone(),
            })
            .collect();
        table_rows.sort_by(|a, b| a.organization.cmp(&b.organization));
        let table =
            SeatTable { total: decision.total, decision: decision.decision.trim().to_owned(), rows: table_rows };
        if decision.decided_on > today {
            return Err(StoreError::CongressRefused {
                rule: "C-DEL-1",
                detail: format!("a decision of {} is after today", iso(decision.decided_on)),
            });
        }
        text("decision", &table.decision)?;
        let settings = self.db.round_settings(round).await?;
        table.check(&settings, &Scope::Organization(congress.org.code.to_string()))?;
        if let Some(stored) = self.allocation(round, congress).await?
            && stored.table == table
            && stored.decided_on == decision.decided_on
        {
            return Ok(Ok(FileImportReport { written: 0, unchanged: rows.len() }));
        }
        if !dry_run {
            self.decide_allocation(round, congress, &table, decision.decided_on, today, address).await?;
        }
        Ok(Ok(FileImportReport { written: rows.len(), unchanged: 0 }))
    }
}

fn elected_by(seat: &Seat) -> String {
    match seat {
        Seat::Elected { by } => by.clone(),
        _ => String::new(),
    }
}
