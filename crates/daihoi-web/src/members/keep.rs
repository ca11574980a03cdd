//! Members kept on the web, from the member's page: the data edited (sửa
//! thông tin), a transfer to another cell on a date (chuyển sinh hoạt), a
//! condition recorded and ended (R-BASE-1). Each form posts, the store
//! checks who may and writes with its audit entry, and the page comes back
//! (303); a refused form shows the page again with what was typed and
//! every problem named at once (422).

use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_core::OrgCode;
use daihoi_core::members::import::{Column, parse_member};
use daihoi_core::members::{ConditionKind, Member};
use daihoi_store::StoreError;
use daihoi_store::members::{MemberDetail, MemberRefusal, NewCondition};
use serde::Deserialize;
use time::Date;

use super::import::{column_name, problem_words};
use super::pages::{Kept, render_member};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::{Tr, condition_key};
use crate::page::{Path, today};

/// The member form's fields, kept as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct MemberValues {
    #[serde(default)]
    pub card_number: String,
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub ethnicity: String,
    #[serde(default)]
    pub admission_date: String,
    #[serde(default)]
    pub official_date: String,
}

impl MemberValues {
    /// The stored data, as the form shows it (dates as `yyyy-mm-dd`).
    pub fn of(m: &Member) -> MemberValues {
        MemberValues {
            card_number: m.card_number.to_string(),
            full_name: m.name.full().to_owned(),
            gender: m.gender.code().to_owned(),
            birth_date: daihoi_core::date::iso(m.birth_date),
            ethnicity: m.ethnicity.clone(),
            admission_date: daihoi_core::date::iso(m.admission_date),
            official_date: m.official_date.map(daihoi_core::date::iso).unwrap_or_default(),
        }
    }

    fn text(&self, c: Column) -> String {
        match c {
            Column::CardNumber => &self.card_number,
            Column::FullName => &self.full_name,
            Column::Gender => &self.gender,
            Column::BirthDate => &self.birth_date,
            Column::Ethnicity => &self.ethnicity,
            Column::AdmissionDate => &self.admission_date,
            Column::OfficialDate => &self.official_date,
            _ => "",
        }
        .to_owned()
    }
}

/// The transfer form's fields.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct TransferValues {
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub date: String,
}

/// The new condition form's fields.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ConditionValues {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub note: String,
}

/// The end of a condition form's field.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct EndValues {
    #[serde(default)]
    pub to: String,
}

/// A date typed in a form (`yyyy-mm-dd` from a date field, or
/// `dd/mm/yyyy`), or the words of what is wrong with it.
fn day(tr: Tr, text: &str, what: &str) -> Result<Date, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(tr.t1("member-form-missing", "field", what));
    }
    daihoi_core::date::from_iso(t)
        .or_else(|| daihoi_core::date::parse_date(t))
        .ok_or_else(|| tr.t_args("member-form-bad-date", &[("field", what.to_owned()), ("value", t.to_owned())]))
}

/// A refusal of the store in words (one line each), or the error page for
/// the others (forbidden, not found, a database failure).
pub(crate) fn refusal_words(tr: Tr, e: StoreError) -> Result<Vec<String>, WebError> {
    let date = |d: Date| tr.date(d);
    let one = |key: &str, args: Vec<(&str, String)>| vec![tr.t_args(key, &args)];
    Ok(match e {
        StoreError::MemberRefused(r) => match r {
            MemberRefusal::Fields(fields) => {
                fields.iter().map(|(c, p)| format!("{}: {}", column_name(tr, *c), problem_words(tr, p))).collect()
            }
            MemberRefusal::CardTaken(card) => one("member-refused-card-taken", vec![("card", card)]),
            MemberRefusal::AdmissionAfterHistory { admission, earliest } => one(
                "member-refused-admission-after",
                vec![("admission", date(admission)), ("earliest", date(earliest))],
            ),
            MemberRefusal::NotEnrolled => one("member-refused-not-enrolled", vec![]),
            MemberRefusal::TransferBeforeCurrent { date: d, current_from, current_org } => one(
                "member-refused-before-current",
                vec![("date", date(d)), ("from", date(current_from)), ("org", current_org.to_string())],
            ),
            MemberRefusal::SameCell(code) => one("member-refused-same-cell", vec![("org", code.to_string())]),
            MemberRefusal::TargetNotOnDate { code, date: d } => {
                one("member-refused-target-not-on-date", vec![("org", code.to_string()), ("date", date(d))])
            }
            MemberRefusal::TargetEnded { code, ended } => {
                one("member-refused-target-ended", vec![("org", code.to_string()), ("date", date(ended))])
            }
            MemberRefusal::TargetNotACell { code, .. } => {
                one("member-refused-not-a-cell", vec![("org", code.to_string())])
            }
            MemberRefusal::BeforeAdmission { date: d, admission } => {
                one("member-refused-before-admission", vec![("date", date(d)), ("admission", date(admission))])
            }
            MemberRefusal::ConditionOverlaps { kind, from } => {
                one("member-refused-overlap", vec![("kind", tr.t(condition_key(kind))), ("from", date(from))])
            }
            MemberRefusal::NoSuchCondition(_) => one("member-refused-no-condition", vec![]),
            MemberRefusal::ConditionEnded(d) => one("member-refused-condition-ended", vec![("date", date(d))]),
            MemberRefusal::EndNotAfterStart { from, to } => {
                one("member-refused-end-not-after", vec![("from", date(from)), ("to", date(to))])
            }
        },
        StoreError::UnknownOrg(code) => one("member-refused-unknown-org", vec![("org", code.to_string())]),
        StoreError::HistoryDate(e) => one("member-refused-date-range", vec![("detail", e.to_string())]),
        StoreError::BadText { problem, .. } => {
            match crate::page::text_refusal(tr, "member-condition-note", Err(problem.clone())) {
                Some(words) => vec![words],
                None => one("member-refused-note", vec![("detail", problem.to_string())]),
            }
        }
        other => return Err(other.into()),
    })
}

/// The member, if the caller may keep them: the page's reading first (a
/// member the caller may not read is refused as on the page), then the
/// policy's decision, before anything typed is looked at.
async fn keepable(caller: &Caller, id: i64) -> Result<MemberDetail, WebError> {
    let members = caller.scoped().members();
    let d = members.member(id, today()).await?.ok_or(WebError::NotFound)?;
    if !members.may_keep(id, today()).await? {
        return Err(WebError::Forbidden);
    }
    Ok(d)
}

async fn refused(caller: &Caller, id: i64, kept: Kept, problems: Vec<String>) -> Result<Response, WebError> {
    let page = render_member(caller, id, Kept { problems, ..kept }).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn back(id: i64, anchor: &str) -> Response {
    Redirect::to(&format!("/members/{id}#{anchor}")).into_response()
}

/// `POST /members/{id}/edit`: the member's data, checked as a row of the
/// member file.
pub async fn edit(caller: Caller, Path(id): Path<i64>, Form(form): Form<MemberValues>) -> Result<Response, WebError> {
    keepable(&caller, id).await?;
    let tr = caller.tr;
    let kept = || Kept { edit: Some(form.clone()), ..Kept::default() };
    let member = match parse_member(|c| form.text(c), today()) {
        Ok(m) => m,
        Err(errors) => {
            let problems =
                errors.iter().map(|e| format!("{}: {}", column_name(tr, e.column), problem_words(tr, &e.problem)));
            return refused(&caller, id, kept(), problems.collect()).await;
        }
    };
    match caller.scoped().members().edit_member(id, &member, today(), &caller.address).await {
        Ok(_) => Ok(back(id, "member-data")),
        Err(e) => refused(&caller, id, kept(), refusal_words(tr, e)?).await,
    }
}

/// `POST /members/{id}/transfer`: to the cell `org` from `date` on.
pub async fn transfer(
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<TransferValues>,
) -> Result<Response, WebError> {
    keepable(&caller, id).await?;
    let tr = caller.tr;
    let kept = || Kept { transfer: Some(form.clone()), ..Kept::default() };
    let mut problems = Vec::new();
    let org = OrgCode::parse(form.org.trim())
        .map_err(|_| problems.push(tr.t1("member-refused-unknown-org", "org", form.org.trim())))
        .ok();
    let date = day(tr, &form.date, &tr.t("member-transfer-date")).map_err(|p| problems.push(p)).ok();
    let (Some(org), Some(date)) = (org, date) else { return refused(&caller, id, kept(), problems).await };
    match caller.scoped().members().transfer_member(id, &org, date, today(), &caller.address).await {
        Ok(_) => Ok(back(id, "member-enrolments")),
        Err(e) => refused(&caller, id, kept(), refusal_words(tr, e)?).await,
    }
}

/// `POST /members/{id}/conditions`: a condition from a date, with a note.
pub async fn record_condition(
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<ConditionValues>,
) -> Result<Response, WebError> {
    keepable(&caller, id).await?;
    let tr = caller.tr;
    let kept = || Kept { condition: Some(form.clone()), ..Kept::default() };
    let mut problems = Vec::new();
    let kind = ConditionKind::parse(&form.kind)
        .ok_or(())
        .map_err(|()| problems.push(problem_words(tr, &daihoi_core::members::import::Problem::Condition)))
        .ok();
    let from = day(tr, &form.from, &tr.t("common-from")).map_err(|p| problems.push(p)).ok();
    // TEXT-1 as the store checks it, named with the others.
    let note = daihoi_core::text::optional_line(&form.note, daihoi_core::text::LABEL_MAX_CHARS);
    problems.extend(crate::page::text_refusal(tr, "member-condition-note", note));
    let (Some(kind), Some(from), true) = (kind, from, problems.is_empty()) else {
        return refused(&caller, id, kept(), problems).await;
    };
    let new = NewCondition { kind, from, note: &form.note };
    match caller.scoped().members().record_condition(id, &new, today(), &caller.address).await {
        Ok(_) => Ok(back(id, "member-conditions")),
        Err(e) => refused(&caller, id, kept(), refusal_words(tr, e)?).await,
    }
}

/// `POST /members/{id}/conditions/{condition}/end`: the condition ends on
/// `to` (the first day it no longer holds).
pub async fn end_condition(
    caller: Caller,
    Path((id, condition)): Path<(i64, i64)>,
    Form(form): Form<EndValues>,
) -> Result<Response, WebError> {
    keepable(&caller, id).await?;
    let tr = caller.tr;
    let kept = || Kept { end: Some((condition, form.to.clone())), ..Kept::default() };
    let to = match day(tr, &form.to, &tr.t("common-to")) {
        Ok(d) => d,
        Err(p) => return refused(&caller, id, kept(), vec![p]).await,
    };
    match caller.scoped().members().end_condition(id, condition, to, today(), &caller.address).await {
        Ok(_) => Ok(back(id, "member-conditions")),
        Err(e) => refused(&caller, id, kept(), refusal_words(tr, e)?).await,
    }
}
