//! The roll of a congress (danh sách triệu tập) and its attendance (điểm
//! danh), issue 15 §6–7: the delegates entered or imported (elected by the
//! lower congresses, designated, alternates), C-DEL-9's exclusions, the
//! sessions, check-in by several clerks at once, absences with reasons,
//! replacements, and the base of a vote with each subtraction (R-BASE-1,
//! R-BASE-2), computed by `daihoi-congress` from the roll and the marks.

use std::collections::HashMap;

use daihoi_congress::{
    AbsenceReason, Attendance, Awaiting, BaseWorking, CongressKind, ExclusionCase, ExclusionFact, Mark, Presence,
    Replacement, Roll, RollEntry, RollInput, Seat, Status, convening_committee,
};
use daihoi_core::date::iso;
use daihoi_core::members::{CardNumber, ConditionKind, MemberStanding};
use sqlx::Row;
use time::Date;

use super::access::{Congresses, text};
use super::{Congress, Round, policy};
use crate::documents::Classification;
use crate::members::{MemberQuery, now_text};
use crate::orgs::date_col;
use crate::write::Change;
use crate::{Db, StoreError, StoreResult};

/// C-DEL-9's cases by their stored code.
pub fn parse_exclusion(code: &str) -> Option<ExclusionCase> {
    [
        ExclusionCase::Suspended,
        ExclusionCase::Prosecuted,
        ExclusionCase::Indicted,
        ExclusionCase::ElectedAgainstRules,
        ExclusionCase::Retiring,
        ExclusionCase::TransferredOut,
    ]
    .into_iter()
    .find(|c| c.code() == code)
}

/// A delegate to enter on a delegate congress's roll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDelegate<'a> {
    pub card: &'a CardNumber,
    /// Elected (by a lower organization's code), designated (with its
    /// decision) or an alternate (with its rank).
    pub seat: Seat,
}

/// A congress's roll as assembled on its opening day, with the names of
/// the people on it (by card number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CongressRoll {
    pub roll: Roll,
    pub names: HashMap<String, String>,
}

/// A session of a congress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub number: u32,
    pub name: String,
    pub held_on: Date,
}

/// A replacement recorded (C-DEL-10): card numbers, who decided and the
/// document (empty for one recorded before they were kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedReplacement {
    pub absent: String,
    pub alternate: String,
    pub decided_by: String,
    pub reference: String,
}

/// What a check-in answers the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    pub card: String,
    pub name: String,
    /// Checked in before (by another clerk, or twice): nothing written.
    pub already: bool,
}

impl Db {
    pub(crate) async fn person_by_card(&self, card: &CardNumber) -> StoreResult<(i64, String)> {
        sqlx::query_as("SELECT id, full_name FROM person WHERE card_number = $1")
            .bind(card.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("member {card}")))
    }

    /// Each person on a congress's roll with their alternate rank.
    pub(crate) async fn roll_places(&self, congress_id: i64) -> StoreResult<Vec<(i64, Option<i64>)>> {
        Ok(sqlx::query_as("SELECT person_id, alternate_rank FROM roll_entry WHERE congress_id = $1")
            .bind(congress_id)
            .fetch_all(&self.pool)
            .await?)
    }

    pub(super) async fn sessions_of(&self, congress_id: i64) -> StoreResult<Vec<Session>> {
        let rows =
            sqlx::query("SELECT number, name, held_on FROM congress_session WHERE congress_id = $1 ORDER BY number")
                .bind(congress_id)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| {
                let n: i64 = r.try_get("number")?;
                Ok(Session {
                    number: u32::try_from(n).map_err(|_| StoreError::corrupt(format!("bad session {n}")))?,
                    name: r.try_get("name")?,
                    held_on: date_col(r, "held_on")?,
                })
            })
            .collect()
    }
}

/// A delegate checked by [`Congresses::check_delegate`]: the person and
/// the row's stored values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedDelegate {
    pub person: i64,
    pub elected_by: Option<i64>,
    pub decision: Option<String>,
    pub rank: Option<i64>,
}

/// The checks of a delegate against the roll as it is (`on_roll`: each
/// person and alternate rank): a person is on the roll once (C-DEL-9), an
/// alternate's rank is the roll's only (C-DEL-10).
pub(crate) fn check_roll_places(
    on_roll: &[(i64, Option<i64>)],
    d: &CheckedDelegate,
    card: &CardNumber,
) -> StoreResult<()> {
    if on_roll.iter().any(|(p, _)| *p == d.person) {
        return Err(StoreError::Congress(daihoi_congress::CongressError::PersonTwice(card.to_string())));
    }
    if let Some(rank) = d.rank
        && on_roll.iter().any(|(_, r)| *r == Some(rank))
    {
        return Err(StoreError::CongressRefused {
            rule: "C-DEL-10",
            detail: format!("an alternate of rank {rank} is on the roll already"),
        });
    }
    Ok(())
}

/// Writes a checked delegate on the roll, with its audit entry.
pub(crate) async fn insert_delegate(
    w: &mut crate::write::Write,
    congress: &Congress,
    new: &NewDelegate<'_>,
    d: &CheckedDelegate,
    by: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO roll_entry (congress_id, person_id, seat, elected_by, decision, alternate_rank, \
         recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(congress.id)
    .bind(d.person)
    .bind(new.seat.code())
    .bind(d.elected_by)
    .bind(d.decision.clone())
    .bind(d.rank)
    .bind(by)
    .bind(now_text())
    .execute(w.conn())
    .await?;
    w.record(Change {
        action: "roll_add",
        org_path: Some(congress.org.path.clone()),
        subject: format!("member {}", new.card),
        detail: format!("congress {}: {}", congress.id, new.seat.code()),
        classification: Classification::Normal,
    });
    Ok(())
}

/// Checks a person in to a session in a write: whether they were checked
/// in already (then nothing is written). One statement, so that two clerks
/// checking the same person in at the same moment write once (on both
/// engines).
pub(super) async fn mark_present(
    w: &mut crate::write::Write,
    congress: &Congress,
    session: u32,
    person: i64,
    card: &CardNumber,
    by: &str,
) -> StoreResult<bool> {
    let written = sqlx::query(
        "INSERT INTO session_mark (congress_id, session, person_id, present, accepted, marked_by, \
         marked_at) VALUES ($1, $2, $3, 1, 0, $4, $5) \
         ON CONFLICT (congress_id, session, person_id) DO UPDATE SET present = 1, reason = NULL, \
         accepted = 0, marked_by = excluded.marked_by, marked_at = excluded.marked_at \
         WHERE session_mark.present = 0",
    )
    .bind(congress.id)
    .bind(i64::from(session))
    .bind(person)
    .bind(by)
    .bind(now_text())
    .execute(w.conn())
    .await?
    .rows_affected();
    if written == 0 {
        return Ok(true);
    }
    w.record(Change {
        action: "congress_check_in",
        org_path: Some(congress.org.path.clone()),
        subject: format!("member {card}"),
        detail: format!("congress {} session {session}", congress.id),
        classification: Classification::Normal,
    });
    Ok(false)
}

/// Records an absence and its reason in a write (R-BASE-1): refused for
/// someone checked in.
#[allow(clippy::too_many_arguments)]
pub(super) async fn mark_absent(
    w: &mut crate::write::Write,
    congress: &Congress,
    session: u32,
    person: i64,
    card: &CardNumber,
    why: &str,
    accepted: bool,
    by: &str,
) -> StoreResult<()> {
    // One statement, so that a check-in committed meanwhile is never
    // overwritten (on PostgreSQL writers run side by side): the absence
    // replaces only an absence.
    let written = sqlx::query(
        "INSERT INTO session_mark (congress_id, session, person_id, present, reason, accepted, marked_by, \
         marked_at) VALUES ($1, $2, $3, 0, $4, $5, $6, $7) \
         ON CONFLICT (congress_id, session, person_id) DO UPDATE SET reason = excluded.reason, \
         accepted = excluded.accepted, marked_by = excluded.marked_by, marked_at = excluded.marked_at \
         WHERE session_mark.present = 0",
    )
    .bind(congress.id)
    .bind(i64::from(session))
    .bind(person)
    .bind(why)
    .bind(i64::from(accepted))
    .bind(by)
    .bind(now_text())
    .execute(w.conn())
    .await?
    .rows_affected();
    if written == 0 {
        return Err(StoreError::CongressRefused {
            rule: "R-BASE-1",
            detail: format!("{card} is checked in to session {session}"),
        });
    }
    w.record(Change {
        action: "congress_absence",
        org_path: Some(congress.org.path.clone()),
        subject: format!("member {card}"),
        detail: format!(
            "congress {} session {session}: {why}{}",
            congress.id,
            if accepted { " (accepted)" } else { "" }
        ),
        classification: Classification::Normal,
    });
    Ok(())
}

impl Congresses<'_> {
    /// Enters a delegate on `congress`'s roll (a delegate congress): by the
    /// congress's office; an elected delegate's organization is below the
    /// congress's (C-DEL-2), a designated one cites its decision (C-DEL-8),
    /// an alternate's rank is the roll's only (C-DEL-10); a person is on
    /// the roll once (C-DEL-9).
    pub async fn add_delegate(&self, congress: &Congress, new: &NewDelegate<'_>, address: &str) -> StoreResult<()> {
        self.require(&congress.org, policy::may_plan)?;
        let checked = self.check_delegate(congress, new).await?;
        let on_roll = self.db.roll_places(congress.id).await?;
        check_roll_places(&on_roll, &checked, new.card)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            insert_delegate(w, congress, new, &checked, &by).await?;
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// The checks of a delegate that do not depend on the rest of the roll
    /// (the form's and the roll file's): a delegate congress's seat
    /// (R-BASE-4, C-DEL-7), a known card, an elected delegate a member of
    /// an organization below on the opening day (C-DEL-2), a decision's
    /// text (C-DEL-8), on no other roll of the round at the same level
    /// (C-DEL-9).
    pub(crate) async fn check_delegate(
        &self,
        congress: &Congress,
        new: &NewDelegate<'_>,
    ) -> StoreResult<CheckedDelegate> {
        if congress.plan.kind != CongressKind::DelegateCongress
            || matches!(new.seat, Seat::Member { .. } | Seat::ExOfficio)
        {
            return Err(StoreError::CongressRefused {
                rule: if new.seat == Seat::ExOfficio { "C-DEL-7" } else { "R-BASE-4" },
                detail: format!("a {} seat on the roll of a {}", new.seat.code(), congress.plan.kind.code()),
            });
        }
        let (person, _) = self.db.person_by_card(new.card).await?;
        let (elected_by, decision, rank) = match &new.seat {
            Seat::Elected { by } => {
                let code =
                    daihoi_core::OrgCode::parse(by).map_err(|_| StoreError::NotFound(format!("organization {by}")))?;
                let org = self
                    .db
                    .org_by_code(&code, congress.plan.planned.opening)
                    .await?
                    .ok_or_else(|| StoreError::UnknownOrg(code.clone()))?;
                if org.id == congress.org.id || !congress.org.path.contains(&org.path) {
                    return Err(StoreError::CongressRefused {
                        rule: "C-DEL-2",
                        detail: format!("{} is not below {}", org.code, congress.org.code),
                    });
                }
                // A lower congress elects its own members.
                if !self.db.member_of_subtree(person, &org, congress.plan.planned.opening).await? {
                    return Err(StoreError::CongressRefused {
                        rule: "C-DEL-2",
                        detail: format!("{} is not a member of {} on the opening day", new.card, org.code),
                    });
                }
                (Some(org.id), None, None)
            }
            Seat::Designated { decision } => (None, Some(text("decision", decision)?.to_owned()), None),
            Seat::Alternate { rank } => (None, None, Some(i64::from(*rank))),
            Seat::Member { .. } | Seat::ExOfficio => unreachable!("refused above"),
        };
        // Nor on the roll of another congress of the round at the same
        // level: a delegate sits at one congress of a level (C-DEL-9,
        // elected against the rules).
        let elsewhere: Vec<(i64, String)> = sqlx::query_as(
            "SELECT c.id, c.level_class FROM roll_entry r JOIN congress c ON c.id = r.congress_id \
             WHERE r.person_id = $1 AND c.round_id = $2 AND c.id <> $3",
        )
        .bind(person)
        .bind(congress.round_id)
        .bind(congress.id)
        .fetch_all(&self.db.pool)
        .await?;
        let tier = congress.plan.level.tier();
        if let Some((other, _)) =
            elsewhere.iter().find(|(_, level)| super::parse_level(level).is_some_and(|l| l.tier() == tier))
        {
            return Err(StoreError::CongressRefused {
                rule: "C-DEL-9",
                detail: format!("{} is on the roll of congress {other}, of the same level", new.card),
            });
        }
        Ok(CheckedDelegate { person, elected_by, decision, rank })
    }

    /// Records a case of C-DEL-9 against a person on the roll (or on the
    /// convening committee), with the day it takes effect and its document.
    pub async fn record_exclusion(&self, congress: &Congress, fact: &ExclusionFact, address: &str) -> StoreResult<()> {
        self.require(&congress.org, policy::may_plan)?;
        let reference = text("reference", &fact.reference)?;
        let card =
            CardNumber::parse(&fact.person).map_err(|_| StoreError::NotFound(format!("member {}", fact.person)))?;
        let (person, _) = self.db.person_by_card(&card).await?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query("DELETE FROM roll_exclusion WHERE congress_id = $1 AND person_id = $2 AND exclusion = $3")
                .bind(congress.id)
                .bind(person)
                .bind(fact.case.code())
                .execute(w.conn())
                .await?;
            sqlx::query(
                "INSERT INTO roll_exclusion (congress_id, person_id, exclusion, effective, reference, recorded_by, \
                 recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(congress.id)
            .bind(person)
            .bind(fact.case.code())
            .bind(iso(fact.effective))
            .bind(reference)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "roll_exclusion",
                org_path: Some(congress.org.path.clone()),
                subject: format!("member {card}"),
                detail: format!(
                    "congress {}: {} from {} ({reference})",
                    congress.id,
                    fact.case.code(),
                    iso(fact.effective)
                ),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// The roll of `congress` on its opening day (C-DEL-7, C-DEL-9,
    /// C-DEL-10): for a delegate congress, the convening committee (ex
    /// officio) and the delegates entered; for a member congress, the
    /// official members of the subtree that day, exempted or on temporary
    /// transfer as their conditions say, the suspended and prosecuted not
    /// convened (R-BASE-1, from the member file). A roll that waits for an
    /// answer says so in its lines.
    pub async fn roll(&self, round: &Round, congress: &Congress) -> StoreResult<CongressRoll> {
        self.require(&congress.org, policy::may_read)?;
        let opening = congress.plan.schedule().opening;
        let mut names: HashMap<String, String> = HashMap::new();
        let mut committee = Vec::new();
        let mut entries = Vec::new();
        let mut facts = Vec::new();
        match congress.plan.kind {
            CongressKind::DelegateCongress => {
                let seats = self.db.committee_seats(congress.org.id).await?;
                for s in &seats {
                    names.insert(s.seat.person.clone(), s.name.clone());
                }
                let seats: Vec<_> = seats.into_iter().map(|s| s.seat).collect();
                committee = convening_committee(&seats, opening);
                let rows = sqlx::query(
                    "SELECT p.card_number AS card_number, p.full_name AS full_name, r.seat AS seat, \
                     o.code AS elected_by, r.decision AS decision, r.alternate_rank AS alternate_rank \
                     FROM roll_entry r JOIN person p ON p.id = r.person_id \
                     LEFT JOIN organization o ON o.id = r.elected_by WHERE r.congress_id = $1 ORDER BY p.card_number",
                )
                .bind(congress.id)
                .fetch_all(&self.db.pool)
                .await?;
                for r in &rows {
                    let card: String = r.try_get("card_number")?;
                    let seat: String = r.try_get("seat")?;
                    let seat = match seat.as_str() {
                        "elected" => {
                            Seat::Elected { by: r.try_get::<Option<String>, _>("elected_by")?.unwrap_or_default() }
                        }
                        "designated" => Seat::Designated {
                            decision: r.try_get::<Option<String>, _>("decision")?.unwrap_or_default(),
                        },
                        "alternate" => {
                            let rank: Option<i64> = r.try_get("alternate_rank")?;
                            Seat::Alternate { rank: rank.and_then(|n| u32::try_from(n).ok()).unwrap_or_default() }
                        }
                        other => return Err(StoreError::corrupt(format!("bad seat {other:?}"))),
                    };
                    names.insert(card.clone(), r.try_get("full_name")?);
                    entries.push(RollEntry { person: card, seat });
                }
            }
            CongressKind::MemberCongress => {
                let members = self
                    .db
                    .members_in(&congress.org, opening, &MemberQuery { limit: u64::MAX >> 1, ..Default::default() })
                    .await?;
                for m in members.items.into_iter().filter(|m| m.standing == MemberStanding::Official) {
                    let has = |k: ConditionKind| m.conditions.contains(&k);
                    for (kind, case) in [
                        (ConditionKind::Suspended, ExclusionCase::Suspended),
                        (ConditionKind::ProsecutedOrDetained, ExclusionCase::Prosecuted),
                    ] {
                        if has(kind) {
                            facts.push(ExclusionFact {
                                person: m.card_number.clone(),
                                case,
                                effective: opening,
                                reference: "hồ sơ đảng viên".to_owned(),
                            });
                        }
                    }
                    entries.push(RollEntry {
                        person: m.card_number.clone(),
                        seat: Seat::Member {
                            exempted: has(ConditionKind::Exempted),
                            temporarily_transferred: has(ConditionKind::TemporarilyTransferred),
                        },
                    });
                    names.insert(m.card_number, m.full_name);
                }
            }
        }
        let rows = sqlx::query(
            "SELECT p.card_number AS card_number, x.exclusion AS exclusion, x.effective AS effective, \
             x.reference AS reference FROM roll_exclusion x JOIN person p ON p.id = x.person_id \
             WHERE x.congress_id = $1 ORDER BY p.card_number, x.exclusion",
        )
        .bind(congress.id)
        .fetch_all(&self.db.pool)
        .await?;
        for r in &rows {
            let case: String = r.try_get("exclusion")?;
            facts.push(ExclusionFact {
                person: r.try_get("card_number")?,
                case: parse_exclusion(&case).ok_or_else(|| StoreError::corrupt(format!("bad exclusion {case:?}")))?,
                effective: date_col(r, "effective")?,
                reference: r.try_get("reference")?,
            });
        }
        let settings = self.db.round_settings(round).await?;
        let roll =
            Roll::assemble(&RollInput { kind: congress.plan.kind, opening, committee, entries, facts }, &settings)?;
        Ok(CongressRoll { roll, names })
    }

    /// The sessions of a congress so far.
    pub async fn sessions(&self, congress: &Congress) -> StoreResult<Vec<Session>> {
        self.require(&congress.org, policy::may_read)?;
        self.db.sessions_of(congress.id).await
    }

    /// Opens the next session of a congress (the congress's office): its
    /// number.
    pub async fn open_session(
        &self,
        congress: &Congress,
        name: &str,
        held_on: Date,
        address: &str,
    ) -> StoreResult<u32> {
        self.require(&congress.org, policy::may_plan)?;
        let name = text("name", name)?;
        self.write(address, async |w| {
            // The next number, read in the write's transaction after
            // taking the congress's row: two clerks opening a session at
            // once get two numbers (PostgreSQL locks the row until the
            // commit; SQLite's write lock is the transaction's already).
            sqlx::query("UPDATE congress SET recorded_at = recorded_at WHERE id = $1")
                .bind(congress.id)
                .execute(w.conn())
                .await?;
            let last: Option<i64> =
                sqlx::query_scalar("SELECT MAX(number) FROM congress_session WHERE congress_id = $1")
                    .bind(congress.id)
                    .fetch_one(w.conn())
                    .await?;
            let number = u32::try_from(last.unwrap_or(0) + 1).map_err(|_| StoreError::corrupt("session number"))?;
            sqlx::query("INSERT INTO congress_session (congress_id, number, name, held_on) VALUES ($1, $2, $3, $4)")
                .bind(congress.id)
                .bind(i64::from(number))
                .bind(name)
                .bind(iso(held_on))
                .execute(w.conn())
                .await?;
            w.record(Change {
                action: "congress_session",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!("session {number}: {name}"),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(number)
        })
        .await
    }

    /// Whether the person is convened to `congress` (on its roll and not
    /// excluded), and in which seat: the check-in's test, by a few direct
    /// reads rather than the whole roll (four clerks check in a thousand
    /// delegates).
    /// Whether `session` is a session of `congress`.
    async fn session_exists(&self, congress: &Congress, session: u32) -> StoreResult<bool> {
        let known: Option<i64> =
            sqlx::query_scalar("SELECT number FROM congress_session WHERE congress_id = $1 AND number = $2")
                .bind(congress.id)
                .bind(i64::from(session))
                .fetch_optional(&self.db.pool)
                .await?;
        Ok(known.is_some())
    }

    /// Whether `card` is convened to `congress` (on its roll, not excluded,
    /// C-DEL-7, C-DEL-9; for a member congress a member of it): `Err` with
    /// the rule when not, as a check-in or an absence would be refused.
    pub async fn convened(
        &self,
        round: &Round,
        congress: &Congress,
        card: &CardNumber,
    ) -> StoreResult<Result<(), &'static str>> {
        self.require(&congress.org, policy::may_read)?;
        let person = match self.db.person_by_card(card).await {
            Ok((person, _)) => person,
            Err(StoreError::NotFound(_)) => {
                return Ok(Err(match congress.plan.kind {
                    CongressKind::DelegateCongress => "C-DEL-7",
                    CongressKind::MemberCongress => "R-BASE-1",
                }));
            }
            Err(e) => return Err(e),
        };
        Ok(self.convened_seat(round, congress, person, card).await?.map(|_| ()))
    }

    pub(super) async fn convened_seat(
        &self,
        round: &Round,
        congress: &Congress,
        person: i64,
        card: &CardNumber,
    ) -> StoreResult<Result<Seat, &'static str>> {
        let opening = congress.plan.schedule().opening;
        let seat = match congress.plan.kind {
            CongressKind::DelegateCongress => {
                let entry: Option<String> =
                    sqlx::query_scalar("SELECT seat FROM roll_entry WHERE congress_id = $1 AND person_id = $2")
                        .bind(congress.id)
                        .bind(person)
                        .fetch_optional(&self.db.pool)
                        .await?;
                match entry.as_deref() {
                    Some("elected") => Seat::Elected { by: String::new() },
                    Some("designated") => Seat::Designated { decision: String::new() },
                    Some(_) => Seat::Alternate { rank: 0 },
                    None => {
                        let seats: Vec<_> = self
                            .db
                            .committee_seats(congress.org.id)
                            .await?
                            .into_iter()
                            .filter(|s| s.person_id == person)
                            .map(|s| s.seat)
                            .collect();
                        match convening_committee(&seats, opening).first() {
                            Some(m) if !m.alternate => Seat::ExOfficio,
                            Some(_) => {
                                // C-DEL-7: an alternate committee member, as the round answers.
                                let settings = self.db.round_settings(round).await?;
                                match settings.yes_no(
                                    daihoi_congress::OpenQuestion::AlternatesExOfficio,
                                    &daihoi_congress::Scope::Round,
                                ) {
                                    Ok(true) => Seat::ExOfficio,
                                    Ok(false) => return Ok(Err("C-DEL-7")),
                                    Err(a) => return Ok(Err(a.rule())),
                                }
                            }
                            None => return Ok(Err("C-DEL-7")),
                        }
                    }
                }
            }
            CongressKind::MemberCongress => {
                let member = self
                    .db
                    .members_in(
                        &congress.org,
                        opening,
                        &MemberQuery { search: Some(card.to_string()), limit: 5, offset: 0 },
                    )
                    .await?
                    .items
                    .into_iter()
                    .find(|m| m.person_id == person);
                match member {
                    Some(m) if m.standing == MemberStanding::Official => {
                        if m.conditions
                            .iter()
                            .any(|c| matches!(c, ConditionKind::Suspended | ConditionKind::ProsecutedOrDetained))
                        {
                            return Ok(Err("C-DEL-9"));
                        }
                        Seat::Member { exempted: false, temporarily_transferred: false }
                    }
                    _ => return Ok(Err("R-BASE-1")),
                }
            }
        };
        let cases: Vec<(String, String)> =
            sqlx::query_as("SELECT exclusion, effective FROM roll_exclusion WHERE congress_id = $1 AND person_id = $2")
                .bind(congress.id)
                .bind(person)
                .fetch_all(&self.db.pool)
                .await?;
        for (case, effective) in cases {
            let case = parse_exclusion(&case).ok_or_else(|| StoreError::corrupt("bad exclusion"))?;
            let effective = daihoi_core::date::from_iso(&effective).ok_or_else(|| StoreError::corrupt("bad date"))?;
            if effective <= opening && case.concerns(&seat) {
                return Ok(Err("C-DEL-9"));
            }
        }
        Ok(Ok(seat))
    }

    /// C-DEL-10: a delegate an alternate replaced (absent from the
    /// sessions before) is not checked in afterwards: the refusal, if so.
    pub(super) async fn replaced(
        &self,
        congress: &Congress,
        person: i64,
        card: &CardNumber,
    ) -> StoreResult<Option<StoreError>> {
        let replaced: Option<i64> =
            sqlx::query_scalar("SELECT alternate_id FROM roll_replacement WHERE congress_id = $1 AND absent_id = $2")
                .bind(congress.id)
                .bind(person)
                .fetch_optional(&self.db.pool)
                .await?;
        Ok(replaced.map(|_| StoreError::CongressRefused {
            rule: "C-DEL-10",
            detail: format!("{card} was replaced by an alternate, absent from the sessions before"),
        }))
    }

    /// Checks a person in to a session by card number (typed, or read from
    /// the delegate card's QR code) for the congress's office: someone not
    /// convened (not on the roll, or excluded, C-DEL-9) is refused with the
    /// rule; a second check-in of the same person writes nothing and says
    /// so, whichever clerk made the first.
    pub async fn check_in(
        &self,
        round: &Round,
        congress: &Congress,
        session: u32,
        card: &CardNumber,
        address: &str,
    ) -> StoreResult<CheckIn> {
        self.require(&congress.org, policy::may_plan)?;
        let (person, name) = self.db.person_by_card(card).await?;
        if let Err(rule) = self.convened_seat(round, congress, person, card).await? {
            return Err(StoreError::CongressRefused {
                rule,
                detail: format!("{card} is not convened to this congress"),
            });
        }
        if let Some(refusal) = self.replaced(congress, person, card).await? {
            return Err(refusal);
        }
        if !self.session_exists(congress, session).await? {
            return Err(StoreError::NotFound(format!("session {session}")));
        }
        let by = self.viewer.actor();
        let already =
            self.write(address, async |w| mark_present(w, congress, session, person, card, &by).await).await?;
        Ok(CheckIn { card: card.to_string(), name, already })
    }

    /// Records why a person is absent from a session, and whether the
    /// convening committee accepted the reason (R-BASE-1): not for someone
    /// checked in.
    pub async fn record_absence(
        &self,
        round: &Round,
        congress: &Congress,
        session: u32,
        card: &CardNumber,
        reason: &AbsenceReason,
        address: &str,
    ) -> StoreResult<()> {
        self.require(&congress.org, policy::may_plan)?;
        let why = text("reason", &reason.reason)?;
        let (person, _) = self.db.person_by_card(card).await?;
        // As a check-in: only someone convened (C-DEL-7, C-DEL-9), to a
        // session of the congress.
        if let Err(rule) = self.convened_seat(round, congress, person, card).await? {
            return Err(StoreError::CongressRefused {
                rule,
                detail: format!("{card} is not convened to this congress"),
            });
        }
        if !self.session_exists(congress, session).await? {
            return Err(StoreError::NotFound(format!("session {session}")));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| mark_absent(w, congress, session, person, card, why, reason.accepted, &by).await)
            .await
    }

    /// An alternate replaces an official delegate absent for the whole
    /// congress (C-DEL-10, R-BASE-2), as the presidium decided (who, and
    /// the minutes or decision): the absent one is an elected or designated
    /// delegate convened and absent from every session so far, the
    /// alternate one convened and not replacing anyone yet. The order is
    /// the round's [open] answer: by rank, the next alternate by rank and
    /// no other; decided each time, any; unanswered, refused ("awaiting a
    /// decision"), never guessed.
    #[allow(clippy::too_many_arguments)]
    pub async fn replace(
        &self,
        round: &Round,
        congress: &Congress,
        absent: &CardNumber,
        alternate: &CardNumber,
        decided_by: &str,
        reference: &str,
        address: &str,
    ) -> StoreResult<()> {
        self.require(&congress.org, policy::may_plan)?;
        let decided_by = text("decided_by", decided_by)?.to_owned();
        let reference = text("reference", reference)?.to_owned();
        let (absent_id, _) = self.db.person_by_card(absent).await?;
        let (alternate_id, _) = self.db.person_by_card(alternate).await?;
        let refuse = |detail: String| StoreError::CongressRefused { rule: "C-DEL-10", detail };
        let roll = self.roll(round, congress).await?;
        let sessions = self.db.sessions_of(congress.id).await?;
        let Some(last) = sessions.iter().map(|s| s.number).max() else {
            return Err(refuse("no session was opened: no one is absent from the whole congress yet".to_owned()));
        };
        let mut attendance = self.attendance_up_to(congress, &roll.roll, last).await?;
        let settings = self.db.round_settings(round).await?;
        let used: Vec<String> = attendance.replacements.iter().map(|r| r.alternate.clone()).collect();
        match roll.roll.next_alternate(&used, &settings) {
            Err(a) => {
                return Err(refuse(format!("awaiting a decision on {} ({})", a.question.code(), a.rule())));
            }
            Ok(Some(next)) if next.person != alternate.as_str() && !used.iter().any(|u| u == alternate.as_str()) => {
                return Err(refuse(format!("by rank, the next alternate is {}", next.person)));
            }
            Ok(_) => {}
        }
        attendance.replacements.push(Replacement { absent: absent.to_string(), alternate: alternate.to_string() });
        attendance.check_replacements(&roll.roll)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query(
                "INSERT INTO roll_replacement (congress_id, absent_id, alternate_id, decided_by, reference, \
                 recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(congress.id)
            .bind(absent_id)
            .bind(alternate_id)
            .bind(&decided_by)
            .bind(&reference)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "roll_replacement",
                org_path: Some(congress.org.path.clone()),
                subject: format!("member {absent}"),
                detail: format!("congress {}: replaced by {alternate} ({decided_by}, {reference})", congress.id),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// The replacements recorded for `congress`: the absent delegate's and
    /// the alternate's card numbers, who decided and the document.
    pub async fn replacements(&self, congress: &Congress) -> StoreResult<Vec<RecordedReplacement>> {
        self.require(&congress.org, policy::may_read)?;
        let rows = sqlx::query(
            "SELECT a.card_number AS absent, b.card_number AS alternate, r.decided_by AS decided_by, \
             r.reference AS reference FROM roll_replacement r JOIN person a ON a.id = r.absent_id \
             JOIN person b ON b.id = r.alternate_id WHERE r.congress_id = $1 ORDER BY r.recorded_at, a.card_number",
        )
        .bind(congress.id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(RecordedReplacement {
                    absent: r.try_get("absent")?,
                    alternate: r.try_get("alternate")?,
                    decided_by: r.try_get::<Option<String>, _>("decided_by")?.unwrap_or_default(),
                    reference: r.try_get::<Option<String>, _>("reference")?.unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The attendance of `congress` in its sessions up to `session`: a mark
    /// for every person convened in every session (present when checked
    /// in; otherwise absent, with the reason recorded, if any).
    async fn attendance_up_to(&self, congress: &Congress, roll: &Roll, session: u32) -> StoreResult<Attendance> {
        let sessions: Vec<Session> =
            self.db.sessions_of(congress.id).await?.into_iter().filter(|s| s.number <= session).collect();
        let rows = sqlx::query(
            "SELECT m.session AS session, p.card_number AS card_number, m.present AS present, m.reason AS reason, \
             m.accepted AS accepted FROM session_mark m JOIN person p ON p.id = m.person_id \
             WHERE m.congress_id = $1 AND m.session <= $2",
        )
        .bind(congress.id)
        .bind(i64::from(session))
        .fetch_all(&self.db.pool)
        .await?;
        let mut recorded: HashMap<(i64, String), Presence> = HashMap::new();
        for r in &rows {
            let present: i64 = r.try_get("present")?;
            let accepted: i64 = r.try_get("accepted")?;
            let reason: Option<String> = r.try_get("reason")?;
            recorded.insert(
                (r.try_get("session")?, r.try_get("card_number")?),
                if present == 1 {
                    Presence::Present
                } else {
                    Presence::Absent { reason: reason.map(|reason| AbsenceReason { reason, accepted: accepted == 1 }) }
                },
            );
        }
        let mut marks = Vec::new();
        for s in &sessions {
            for l in roll.lines.iter().filter(|l| l.status == Status::Convened) {
                let presence = recorded
                    .remove(&(i64::from(s.number), l.entry.person.clone()))
                    .unwrap_or(Presence::Absent { reason: None });
                marks.push(Mark { session: s.number.to_string(), person: l.entry.person.clone(), presence });
            }
        }
        let replacements: Vec<(String, String)> = sqlx::query_as(
            "SELECT a.card_number, b.card_number FROM roll_replacement r JOIN person a ON a.id = r.absent_id \
             JOIN person b ON b.id = r.alternate_id WHERE r.congress_id = $1 ORDER BY a.card_number",
        )
        .bind(congress.id)
        .fetch_all(&self.db.pool)
        .await?;
        Ok(Attendance {
            sessions: sessions.iter().map(|s| s.number.to_string()).collect(),
            marks,
            replacements: replacements
                .into_iter()
                .map(|(absent, alternate)| Replacement { absent, alternate })
                .collect(),
        })
    }

    /// The credentials committee's figures for `congress` (counts by seat,
    /// those not convened with their case, the make-up of those convened
    /// from the member file) with the roll they are computed from.
    pub async fn credentials(
        &self,
        round: &Round,
        congress: &Congress,
    ) -> StoreResult<(CongressRoll, daihoi_congress::Credentials)> {
        let roll = self.roll(round, congress).await?;
        let cards: Vec<&str> = roll.roll.lines.iter().map(|l| l.entry.person.as_str()).collect();
        let mut facts = Vec::with_capacity(cards.len());
        for chunk in cards.chunks(500) {
            let sql = format!(
                "SELECT card_number, gender, birth_date, ethnicity, admission_date FROM person \
                 WHERE card_number IN ({})",
                crate::placeholders::list(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for card in chunk {
                q = q.bind(*card);
            }
            for r in q.fetch_all(&self.db.pool).await? {
                let gender: String = r.try_get("gender")?;
                facts.push(daihoi_congress::PersonFacts {
                    person: r.try_get("card_number")?,
                    female: gender == "female",
                    birth: date_col(&r, "birth_date")?,
                    ethnicity: r.try_get("ethnicity")?,
                    admitted: date_col(&r, "admission_date")?,
                });
            }
        }
        let figures = daihoi_congress::credentials(&roll.roll, &facts);
        Ok((roll, figures))
    }

    /// The base of a vote taken in `session` (R-BASE-1 for a member
    /// congress, R-BASE-2 for a delegate congress) with each subtraction
    /// and who is in it; waits while the roll waits for an answer (C-DEL-7).
    pub async fn base(
        &self,
        round: &Round,
        congress: &Congress,
        session: u32,
    ) -> StoreResult<Result<BaseWorking, Awaiting>> {
        let roll = self.roll(round, congress).await?;
        let attendance = self.attendance_up_to(congress, &roll.roll, session).await?;
        if attendance.sessions.is_empty() {
            return Err(StoreError::NotFound(format!("session {session}")));
        }
        Ok(attendance.base(&roll.roll, &session.to_string())?)
    }
}
