//! The legal clocks' page (`/petition-clocks`, issue 18 §2; P-3…P-5): the
//! rule table's rows with their articles and who entered or ended each,
//! the calendar's days off and make-up days, the years a person confirmed,
//! the [open] questions (a clock with no row for cases received today,
//! since Law 136/2025/QH15 amended the laws from 1 July 2026; a year's
//! calendar not confirmed), and a calculator of due dates that shows its
//! computation. Everyone signed in reads it; an administrator of a root
//! keeps it (the store's `petitions()` facet decides, as for the API).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_core::date::iso;
use daihoi_petitions::{Area, CalendarDay, Complexity, DayKind, Rule, Trigger, Unit};
use daihoi_store::StoreError;
use daihoi_store::petitions::{Awaits, Clocks};
use serde::Deserialize;

use super::pages::{Choice, day, refusal, step_text};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::{Nav, Path, today};

/// A row of the table as shown.
pub struct RuleLine {
    pub id: i64,
    pub clock: String,
    pub area: String,
    pub complexity: String,
    pub amount: String,
    pub extensions: String,
    pub from: String,
    pub to: String,
    pub source: String,
    pub entered: String,
    pub ended: String,
    /// Still without a last day: the keeper may end it.
    pub open: bool,
}

/// The calculator's question.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DueParam {
    #[serde(default)]
    pub clock: String,
    #[serde(default)]
    pub received: String,
    #[serde(default)]
    pub started: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub complexity: String,
}

/// The calculator's answer.
pub struct DueAnswer {
    pub due: String,
    pub source: String,
    pub steps: Vec<String>,
    pub awaiting: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "petition_clocks.html")]
pub struct ClocksPage {
    tr: Tr,
    nav: Nav,
    keeper: bool,
    questions: Vec<String>,
    rules: Vec<RuleLine>,
    /// `(date, kind, name)`.
    days: Vec<(String, String, String, String)>,
    /// `(year, who, why)`.
    years: Vec<(i32, String, String)>,
    clocks: Vec<Choice>,
    areas: Vec<Choice>,
    complexities: Vec<Choice>,
    units: Vec<Choice>,
    kinds: Vec<Choice>,
    question: DueParam,
    answer: Option<DueAnswer>,
    problems: Vec<String>,
    today: String,
    this_year: i32,
}

fn label(tr: Tr, key: &str, code: &str) -> String {
    tr.t(&format!("{key}-{}", code.replace('_', "-")))
}

fn choices(tr: Tr, key: &str, codes: &[&'static str], chosen: &str) -> Vec<Choice> {
    super::pages::choices(tr, codes, |c| c, key, chosen)
}

/// The [open] questions of the clocks: each clock with no row for cases
/// received today (ordinary area and complexity), each year from the
/// calendar's first to the next one not confirmed.
fn questions(tr: Tr, clocks: &Clocks, today: time::Date) -> Vec<String> {
    let mut out = Vec::new();
    for trigger in Trigger::ALL {
        if let Err(daihoi_petitions::RuleError::Awaiting { .. }) =
            clocks.table.rule_for(trigger, today, Area::Ordinary, Complexity::Ordinary)
        {
            let clock = label(tr, "petition-clock", trigger.code());
            out.push(match uncovered_from(clocks, trigger, today) {
                Some(day) => tr.t_args("petition-question-rule", &[("clock", clock), ("day", tr.date(day))]),
                None => tr.t1("petition-question-no-row", "clock", clock),
            });
        }
    }
    let first = clocks.days.iter().map(|d| d.day.date.year()).min().unwrap_or(today.year());
    for year in first..=today.year() + 1 {
        if !clocks.years.iter().any(|y| y.year == year) {
            out.push(tr.t1("petition-awaiting-calendar", "year", year));
        }
    }
    out
}

/// The first day of receipt without a row of `trigger`: the day after its
/// rows' last day (1 July 2026 for the shipped rows), or `today`; `None`
/// when the clock has no row at all (no number was found in the law).
pub(crate) fn uncovered_from(clocks: &Clocks, trigger: Trigger, today: time::Date) -> Option<time::Date> {
    let rows: Vec<_> = clocks.rules.iter().filter(|r| r.rule.trigger == trigger).collect();
    if rows.is_empty() {
        return None;
    }
    Some(
        rows.iter()
            .filter_map(|r| r.rule.valid_to)
            .filter(|to| *to < today)
            .max()
            .and_then(|to| to.next_day())
            .unwrap_or(today),
    )
}

fn unit_code(u: Unit) -> &'static str {
    u.code()
}

async fn clocks_page(
    caller: &Caller,
    question: DueParam,
    answer: Option<DueAnswer>,
    problems: Vec<String>,
) -> Result<ClocksPage, WebError> {
    let tr = caller.tr;
    let petitions = caller.scoped().petitions();
    let clocks = petitions.clocks().await?;
    let day_today = today();
    let any = tr.t("petition-any");
    let rules = clocks
        .rules
        .iter()
        .map(|s| {
            let r = &s.rule;
            RuleLine {
                id: s.id,
                clock: label(tr, "petition-clock", r.trigger.code()),
                area: r.area.map_or_else(|| any.clone(), |a| label(tr, "petition-area", a.code())),
                complexity: r.complexity.map_or_else(|| any.clone(), |c| label(tr, "petition-complexity", c.code())),
                amount: format!("{} {}", r.amount, label(tr, "petition-unit", r.unit.code())),
                extensions: if r.extensions == 0 {
                    String::new()
                } else {
                    tr.t_args(
                        "petition-extensions",
                        &[("count", r.extensions.to_string()), ("amount", r.extension_amount.to_string())],
                    )
                },
                from: tr.date(r.valid_from),
                to: r.valid_to.map(|d| tr.date(d)).unwrap_or_default(),
                source: r.source.clone(),
                entered: s.entered_by.clone(),
                ended: s.ended_by.clone().unwrap_or_default(),
                open: r.valid_to.is_none(),
            }
        })
        .collect();
    Ok(ClocksPage {
        tr,
        nav: caller.nav(),
        keeper: petitions.may_keep_clocks(day_today).await?,
        questions: questions(tr, &clocks, day_today),
        rules,
        days: clocks
            .days
            .iter()
            .map(|d| {
                (iso(d.day.date), tr.date(d.day.date), label(tr, "petition-day", d.day.kind.code()), d.day.name.clone())
            })
            .collect(),
        years: clocks.years.iter().map(|y| (y.year, y.confirmed_by.clone(), y.why.clone())).collect(),
        clocks: Trigger::ALL
            .iter()
            .map(|t| Choice {
                code: t.code().to_owned(),
                label: label(tr, "petition-clock", t.code()),
                chosen: t.code() == question.clock,
            })
            .collect(),
        areas: choices(tr, "petition-area", &["ordinary", "remote"], &question.area),
        complexities: choices(
            tr,
            "petition-complexity",
            &["ordinary", "complex", "especially_complex"],
            &question.complexity,
        ),
        units: choices(tr, "petition-unit", &[unit_code(Unit::CalendarDays), unit_code(Unit::WorkingDays)], ""),
        kinds: DayKind::ALL
            .iter()
            .map(|k| Choice { code: k.code().to_owned(), label: label(tr, "petition-day", k.code()), chosen: false })
            .collect(),
        question,
        answer,
        problems,
        today: iso(day_today),
        this_year: day_today.year(),
    })
}

/// `GET /petition-clocks[?clock=&received=&started=&area=&complexity=]`:
/// the clocks, and the calculator's answer when asked.
pub async fn page(caller: Caller, Query(q): Query<DueParam>) -> Result<Response, WebError> {
    let tr = caller.tr;
    if q.clock.trim().is_empty() {
        return Ok(clocks_page(&caller, q, None, Vec::new()).await?.into_response());
    }
    let mut problems = Vec::new();
    let trigger = Trigger::from_code(q.clock.trim());
    let received = day(&q.received);
    let started = if q.started.trim().is_empty() { received } else { day(&q.started) };
    for (bad, field) in [
        (trigger.is_none(), "petition-clock"),
        (received.is_none(), "petition-field-received"),
        (started.is_none(), "petition-started"),
    ] {
        if bad {
            problems.push(tr.t1("petition-problem-field", "field", tr.t(field)));
        }
    }
    let (Some(trigger), Some(received), Some(started)) = (trigger, received, started) else {
        let page = clocks_page(&caller, q, None, problems).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let area = Area::from_code(q.area.trim()).unwrap_or(Area::Ordinary);
    let complexity = Complexity::from_code(q.complexity.trim()).unwrap_or(Complexity::Ordinary);
    let answer = match caller.scoped().petitions().due(trigger, received, area, complexity, started, &[]).await {
        Ok(Ok(d)) => DueAnswer {
            due: tr.date(d.date),
            source: d.rule.source.clone(),
            steps: d.steps.iter().map(|s| step_text(tr, s)).collect(),
            awaiting: String::new(),
        },
        Ok(Err(a)) => DueAnswer {
            due: String::new(),
            source: String::new(),
            steps: Vec::new(),
            awaiting: match a {
                Awaits::Rule { trigger, on } => tr.t_args(
                    "petition-awaiting-rule",
                    &[("clock", label(tr, "petition-clock", trigger.code())), ("day", tr.date(on))],
                ),
                Awaits::Calendar { year } => tr.t1("petition-awaiting-calendar", "year", year),
            },
        },
        Err(e) => {
            let page = clocks_page(&caller, q, None, vec![refusal(tr, e)?]).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    Ok(clocks_page(&caller, q, Some(answer), Vec::new()).await?.into_response())
}

fn back() -> Response {
    Redirect::to("/petition-clocks").into_response()
}

/// The page again after a refused form (422).
async fn again(caller: &Caller, problems: Vec<String>) -> Result<Response, WebError> {
    let page = clocks_page(caller, DueParam::default(), None, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// What a write answered: back to the page, or its refusal in words (a
/// refusal of the right is a 403).
async fn answered(caller: &Caller, result: Result<(), StoreError>) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(back()),
        Err(e) => {
            let problem = refusal(caller.tr, e)?;
            again(caller, vec![problem]).await
        }
    }
}

/// A row entered by the keeper.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RuleForm {
    #[serde(default)]
    pub clock: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub complexity: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub extensions: String,
    #[serde(default)]
    pub extension_amount: String,
    #[serde(default)]
    pub valid_from: String,
    #[serde(default)]
    pub valid_to: String,
    #[serde(default)]
    pub source: String,
}

/// The form as a row of the table, or the fields to check.
pub(crate) fn rule_of(tr: Tr, f: &RuleForm) -> Result<Rule, Vec<String>> {
    let mut problems = Vec::new();
    let mut bad = |field: &str| problems.push(tr.t1("petition-problem-field", "field", tr.t(field)));
    let trigger = Trigger::from_code(f.clock.trim());
    if trigger.is_none() {
        bad("petition-clock");
    }
    let area = match f.area.trim() {
        "" => Some(None),
        a => Area::from_code(a).map(Some),
    };
    if area.is_none() {
        bad("petition-field-area");
    }
    let complexity = match f.complexity.trim() {
        "" => Some(None),
        c => Complexity::from_code(c).map(Some),
    };
    if complexity.is_none() {
        bad("petition-field-complexity");
    }
    let amount = f.amount.trim().parse::<u32>().ok().filter(|a| (1..=3650).contains(a));
    if amount.is_none() {
        bad("petition-field-amount");
    }
    let unit = Unit::from_code(f.unit.trim());
    if unit.is_none() {
        bad("petition-field-unit");
    }
    let number = |t: &str| if t.trim().is_empty() { Some(0) } else { t.trim().parse::<u32>().ok() };
    let extensions = number(&f.extensions).and_then(|e| u8::try_from(e).ok()).filter(|e| *e <= 5);
    let extension_amount = number(&f.extension_amount).filter(|a| *a <= 3650);
    if extensions.is_none() || extension_amount.is_none() {
        bad("petition-field-extensions");
    }
    let from = day(&f.valid_from);
    if from.is_none() {
        bad("petition-field-valid-from");
    }
    let to = if f.valid_to.trim().is_empty() { Some(None) } else { day(&f.valid_to).map(Some) };
    if to.is_none() {
        bad("petition-field-valid-to");
    }
    if f.source.trim().is_empty() {
        bad("petition-field-source");
    }
    match (trigger, area, complexity, amount, unit, extensions, extension_amount, from, to) {
        (
            Some(trigger),
            Some(area),
            Some(complexity),
            Some(amount),
            Some(unit),
            Some(extensions),
            Some(extension_amount),
            Some(valid_from),
            Some(valid_to),
        ) if problems.is_empty() => Ok(Rule {
            trigger,
            area,
            complexity,
            amount,
            unit,
            extensions,
            extension_amount,
            valid_from,
            valid_to,
            source: f.source.trim().to_owned(),
        }),
        _ => Err(problems),
    }
}

/// `POST /petition-clocks/rules`: a row entered (P-3: an overlapping row
/// is refused, nothing written); every open case's due dates are computed
/// with it from then on.
pub async fn add_rule(caller: Caller, Form(f): Form<RuleForm>) -> Result<Response, WebError> {
    let rule = match rule_of(caller.tr, &f) {
        Ok(rule) => rule,
        Err(problems) => return refuse_or_forbid(&caller, problems).await,
    };
    let added = caller.scoped().petitions().add_rule(&rule, today(), &caller.address).await.map(|_| ());
    answered(&caller, added).await
}

/// A form's problems for the keeper; a 403 for anyone else (so that a
/// reader learns nothing of the form's checks).
async fn refuse_or_forbid(caller: &Caller, problems: Vec<String>) -> Result<Response, WebError> {
    if !caller.scoped().petitions().may_keep_clocks(today()).await? {
        return Err(WebError::Forbidden);
    }
    again(caller, problems).await
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct EndForm {
    #[serde(default)]
    pub last_day: String,
}

/// `POST /petition-clocks/rules/{id}/end`: a row's last day (a law changed).
pub async fn end_rule(caller: Caller, Path(id): Path<i64>, Form(f): Form<EndForm>) -> Result<Response, WebError> {
    let Some(last) = day(&f.last_day) else {
        let tr = caller.tr;
        return refuse_or_forbid(
            &caller,
            vec![tr.t1("petition-problem-field", "field", tr.t("petition-field-valid-to"))],
        )
        .await;
    };
    let ended = caller.scoped().petitions().end_rule(id, last, today(), &caller.address).await;
    answered(&caller, ended).await
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DayForm {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
}

/// `POST /petition-clocks/days`: a holiday, a substitute day or a make-up
/// day listed (P-3); open deadlines are computed with it.
pub async fn add_day(caller: Caller, Form(f): Form<DayForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (date, kind) = (day(&f.date), DayKind::from_code(f.kind.trim()));
    let (Some(date), Some(kind)) = (date, kind) else {
        return refuse_or_forbid(&caller, vec![tr.t1("petition-problem-field", "field", tr.t("petition-field-day"))])
            .await;
    };
    let listed = CalendarDay { date, kind, name: f.name.trim().to_owned() };
    let added = caller.scoped().petitions().add_day(&listed, today(), &caller.address).await;
    answered(&caller, added).await
}

/// `POST /petition-clocks/days/{date}/remove`: a day listed in error.
pub async fn remove_day(caller: Caller, Path(date): Path<String>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let Some(date) = day(&date) else {
        return refuse_or_forbid(&caller, vec![tr.t1("petition-problem-field", "field", tr.t("petition-field-day"))])
            .await;
    };
    let removed = caller.scoped().petitions().remove_day(date, today(), &caller.address).await;
    answered(&caller, removed).await
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct YearForm {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub why: String,
}

/// `POST /petition-clocks/years`: a year's calendar confirmed against an
/// announcement (P-3).
pub async fn confirm_year(caller: Caller, Form(f): Form<YearForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let Some(year) = f.year.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)) else {
        return refuse_or_forbid(&caller, vec![tr.t1("petition-problem-field", "field", tr.t("petition-field-year"))])
            .await;
    };
    let confirmed = caller.scoped().petitions().confirm_year(year, &f.why, today(), &caller.address).await;
    answered(&caller, confirmed).await
}
