//! Members kept by hand (the web's forms and the API): a member's data
//! edited, a transfer to another cell on a date (chuyển sinh hoạt), a
//! condition recorded and ended. The SQL of each, inside the caller's
//! audited write; the checks that need the stored member and tree; the
//! refusals as a type the pages translate.

use daihoi_core::date::iso;
use daihoi_core::members::import::{Column, Problem};
use daihoi_core::members::{ConditionKind, Member};
use daihoi_core::{NameCollator, OrgCode, search_key};
use sqlx::AnyConnection;
use time::Date;

use super::{MemberDetail, StoredCondition, now_text};
use crate::StoreResult;
use crate::orgs::OrgNode;

/// Why the store refuses a change of a member made by hand. Each is a rule
/// about the member's own history; the forms name them in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemberRefusal {
    /// The data breaks the rules of a row of the member file, each problem
    /// with its column.
    #[error("{}", fields_text(.0))]
    Fields(Vec<(Column, Problem)>),
    #[error("the card number {0} is another member's")]
    CardTaken(String),
    #[error("admission on {admission} is after the member's enrolment or condition from {earliest}")]
    AdmissionAfterHistory { admission: Date, earliest: Date },
    #[error("the member is enrolled in no cell")]
    NotEnrolled,
    #[error("{date} is before the start ({current_from}) of the member's enrolment in {current_org}")]
    TransferBeforeCurrent { date: Date, current_from: Date, current_org: OrgCode },
    #[error("the member is already enrolled in {0}")]
    SameCell(OrgCode),
    #[error("no organization {code} exists on {date}")]
    TargetNotOnDate { code: OrgCode, date: Date },
    #[error("{code} ends on {ended}: a member is moved to a cell that still exists")]
    TargetEnded { code: OrgCode, ended: Date },
    #[error("{code} is a {kind}: members are enrolled in cells (chi bộ) only")]
    TargetNotACell { code: OrgCode, kind: &'static str },
    #[error("{date} is before the member's admission to the Party ({admission})")]
    BeforeAdmission { date: Date, admission: Date },
    #[error("the member is already under the condition {kind} from {from}")]
    ConditionOverlaps { kind: ConditionKind, from: Date },
    #[error("the member has no condition number {0}")]
    NoSuchCondition(i64),
    #[error("the condition ended on {0} already")]
    ConditionEnded(Date),
    #[error("the end {to} is not after the start {from} of the condition")]
    EndNotAfterStart { from: Date, to: Date },
}

fn fields_text(fields: &[(Column, Problem)]) -> String {
    fields.iter().map(|(c, p)| format!("{}: {p}", c.key())).collect::<Vec<_>>().join("; ")
}

/// What a condition recorded by hand is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCondition<'a> {
    pub kind: ConditionKind,
    /// The first day it holds.
    pub from: Date,
    /// The decision's number, a reason; may be empty (TEXT-1, one line).
    pub note: &'a str,
}

/// The words of an audit entry about a member: name and card.
pub(crate) fn who(d: &MemberDetail) -> String {
    format!("{} (card {})", d.member.name.full(), d.member.card_number)
}

/// What changed between the stored data and the new, in words; empty when
/// nothing did.
pub(crate) fn changes(old: &Member, new: &Member) -> Vec<String> {
    let date = |d: Date| daihoi_core::date::vi(d);
    let opt = |d: Option<Date>| d.map_or_else(|| "none".to_owned(), date);
    let mut out = Vec::new();
    let mut field = |what: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{what} {a} → {b}"));
        }
    };
    field("card number", old.card_number.to_string(), new.card_number.to_string());
    field("name", old.name.full().to_owned(), new.name.full().to_owned());
    field("gender", old.gender.vi().to_owned(), new.gender.vi().to_owned());
    field("birth date", date(old.birth_date), date(new.birth_date));
    field("ethnicity", old.ethnicity.clone(), new.ethnicity.clone());
    field("admission", date(old.admission_date), date(new.admission_date));
    field("official date", opt(old.official_date), opt(new.official_date));
    out
}

/// The stored checks of new data: the card number is nobody else's, and
/// admission is not after the member's first enrolment or condition (as a
/// row of the file, whose `member_since` is not before admission).
pub(crate) async fn check_edit(
    conn: &mut AnyConnection,
    d: &MemberDetail,
    new: &Member,
) -> StoreResult<Vec<MemberRefusal>> {
    let mut refusals = Vec::new();
    let owner: Option<i64> = sqlx::query_scalar("SELECT id FROM person WHERE card_number = $1")
        .bind(new.card_number.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if owner.is_some_and(|id| id != d.person_id) {
        refusals.push(MemberRefusal::CardTaken(new.card_number.to_string()));
    }
    let earliest = d.memberships.iter().map(|e| e.from).chain(d.conditions.iter().map(|c| c.from)).min();
    if let Some(earliest) = earliest.filter(|e| *e < new.admission_date) {
        refusals.push(MemberRefusal::AdmissionAfterHistory { admission: new.admission_date, earliest });
    }
    Ok(refusals)
}

/// Writes the new data of person `id`.
pub(crate) async fn update_person(conn: &mut AnyConnection, id: i64, old: &Member, new: &Member) -> StoreResult<()> {
    let collator = NameCollator::vietnamese();
    sqlx::query(
        "UPDATE person SET card_number = $1, full_name = $2, family_name = $3, middle_name = $4, given_name = $5, \
         name_key = $6, search_key = $7, gender = $8, birth_date = $9, ethnicity = $10, admission_date = $11, \
         official_date = $12, updated_at = $13 WHERE id = $14",
    )
    .bind(new.card_number.as_str().to_owned())
    .bind(new.name.full().to_owned())
    .bind(new.name.family().to_owned())
    .bind(new.name.middle().to_owned())
    .bind(new.name.given().to_owned())
    .bind(collator.sort_key(&new.name))
    .bind(search_key(new.name.full()))
    .bind(new.gender.code())
    .bind(iso(new.birth_date))
    .bind(new.ethnicity.clone())
    .bind(iso(new.admission_date))
    .bind(new.official_date.map(iso))
    .bind(now_text())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if old.name.full() != new.name.full() {
        sqlx::query("DELETE FROM person_name_suffix WHERE person_id = $1").bind(id).execute(&mut *conn).await?;
        super::write_name_suffixes(&mut *conn, &[(id, search_key(new.name.full()))]).await?;
    }
    Ok(())
}

/// The checks of a transfer of the member `d` to `target` (its version on
/// `date`, and the code's last version) that need the stored member.
pub(crate) fn check_transfer(
    d: &MemberDetail,
    target_code: &OrgCode,
    target: Option<&OrgNode>,
    target_last: Option<&OrgNode>,
    date: Date,
) -> Result<(), MemberRefusal> {
    let Some(current) = d.memberships.last().filter(|e| e.to.is_none()) else {
        return Err(MemberRefusal::NotEnrolled);
    };
    if date < current.from {
        return Err(MemberRefusal::TransferBeforeCurrent {
            date,
            current_from: current.from,
            current_org: OrgCode::parse(&current.org_code).unwrap_or_else(|_| target_code.clone()),
        });
    }
    let Some(target) = target else {
        return Err(MemberRefusal::TargetNotOnDate { code: target_code.clone(), date });
    };
    if let Some(ended) = target_last.and_then(|n| n.valid_to) {
        return Err(MemberRefusal::TargetEnded { code: target.code.clone(), ended });
    }
    if !target.kind.holds_members() {
        return Err(MemberRefusal::TargetNotACell { code: target.code.clone(), kind: target.kind.vi() });
    }
    if target.id == current.org_id {
        return Err(MemberRefusal::SameCell(target.code.clone()));
    }
    if date < d.member.admission_date {
        return Err(MemberRefusal::BeforeAdmission { date, admission: d.member.admission_date });
    }
    Ok(())
}

/// The checks of a new condition of the member `d`.
pub(crate) fn check_condition(d: &MemberDetail, new: &NewCondition<'_>) -> Result<(), MemberRefusal> {
    if new.from < d.member.admission_date {
        return Err(MemberRefusal::BeforeAdmission { date: new.from, admission: d.member.admission_date });
    }
    // Two periods of one kind never overlap: one still open, or one that
    // ends after the new one starts and starts before it ends (never).
    if let Some(c) = d.conditions.iter().find(|c| c.kind == new.kind && c.to.is_none_or(|to| to > new.from)) {
        return Err(MemberRefusal::ConditionOverlaps { kind: c.kind, from: c.from });
    }
    Ok(())
}

/// The condition `id` of the member `d`, if it may end on `to`.
pub(crate) fn check_end(d: &MemberDetail, id: i64, to: Date) -> Result<&StoredCondition, MemberRefusal> {
    let c = d.conditions.iter().find(|c| c.id == id).ok_or(MemberRefusal::NoSuchCondition(id))?;
    if let Some(ended) = c.to {
        return Err(MemberRefusal::ConditionEnded(ended));
    }
    if to <= c.from {
        return Err(MemberRefusal::EndNotAfterStart { from: c.from, to });
    }
    Ok(c)
}

pub(crate) async fn insert_condition(
    conn: &mut AnyConnection,
    person_id: i64,
    new: &NewCondition<'_>,
    note: &str,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO member_condition (person_id, kind, valid_from, note) VALUES ($1, $2, $3, $4)")
        .bind(person_id)
        .bind(new.kind.code())
        .bind(iso(new.from))
        .bind(note.to_owned())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(crate) async fn end_condition(conn: &mut AnyConnection, id: i64, to: Date) -> StoreResult<()> {
    sqlx::query("UPDATE member_condition SET valid_to = $1 WHERE id = $2 AND valid_to IS NULL")
        .bind(iso(to))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
