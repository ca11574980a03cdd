//! The congress pages: the rounds (`/rounds`), a round's settings and its
//! \[open\] questions with the forms that answer them (`/rounds/{round}`),
//! a subtree's campaign (`/orgs/{code}/congresses`) and one congress with
//! its plan, gates and the approval of its dates (`/orgs/{code}/congress`).
//! A refused form shows its page again with 422, the input kept and every
//! problem named.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_congress::{
    AnswerKind, CapClass, CongressKind, Contents, FinishBy, Gate, GateRecord, Length, LevelClass, OpenQuestion,
    RoundSettings, Schedule, Scope, SetBy, Setting, SettingKey, Tag, YearMonth,
};
use daihoi_core::date::{from_iso, iso, parse_date};
use daihoi_core::text::{TITLE_MAX_CHARS, line};
use daihoi_store::StoreError;
use daihoi_store::congresses::{
    Congress, NewPlan, Round, RoundTemplate, contents_code, parse_contents, parse_gate, parse_kind, parse_level,
    parse_question,
};
use daihoi_store::orgs::OrgNode;
use serde::Deserialize;
use time::Date;

use super::settings::SettingInput;
use super::view::{
    Status, answer_value, approves_for, choices, contents_key, gate_key, is_late, kind_key, length_text, level_key,
    may_plan, question_key, round_named, scope_text, settles_rounds, status_key, tag_key, value_text, warning_text,
};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, text_refusal, today};

/// A date a form sends: `yyyy-mm-dd` (a date input) or as people write it.
fn form_date(text: &str) -> Option<Date> {
    let text = text.trim();
    from_iso(text).or_else(|| parse_date(text))
}

/// (code, label) pairs for a select.
type Choices = Vec<(String, String)>;

fn level_choices(tr: Tr) -> Choices {
    LevelClass::ALL.iter().map(|l| (l.code().to_owned(), tr.t(&level_key(*l)))).collect()
}

// ---------------------------------------------------------------- rounds

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RoundForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title: String,
}

pub struct RoundLine {
    pub code: String,
    pub title: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "rounds.html")]
pub struct RoundsPage {
    tr: Tr,
    nav: Nav,
    rounds: Vec<RoundLine>,
    may_create: bool,
    problems: Vec<String>,
    typed: RoundForm,
}

async fn rounds_page(caller: &Caller, problems: Vec<String>, typed: RoundForm) -> Result<RoundsPage, WebError> {
    let scoped = caller.scoped();
    let rounds = scoped.congresses().rounds().await?;
    let may_create = settles_rounds(&scoped, today()).await?;
    let typed = if typed.code.is_empty() && typed.title.is_empty() && problems.is_empty() {
        RoundForm { code: "2025-2030".into(), title: caller.tr.t("congress-round-default-title") }
    } else {
        typed
    };
    Ok(RoundsPage {
        tr: caller.tr,
        nav: caller.nav(),
        rounds: rounds.into_iter().map(|r| RoundLine { code: r.code, title: r.title }).collect(),
        may_create,
        problems,
        typed,
    })
}

/// `GET /rounds`: every round; an administrator of a root opens one.
pub async fn rounds(caller: Caller) -> Result<RoundsPage, WebError> {
    rounds_page(&caller, Vec::new(), RoundForm::default()).await
}

/// `POST /rounds`: opens the 2025–2030 round (the only term whose settings
/// the software ships, C-PLAN-4).
pub async fn create_round(caller: Caller, Form(form): Form<RoundForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let mut problems = Vec::new();
    for (value, label) in [(&form.code, "congress-round-code"), (&form.title, "congress-round-title")] {
        if value.trim().is_empty() {
            problems.push(tr.t1("congress-problem-missing", "field", tr.t(label)));
        }
        problems.extend(text_refusal(tr, label, line(value, TITLE_MAX_CHARS)));
    }
    if problems.is_empty() {
        match caller
            .scoped()
            .congresses()
            .create_round(form.code.trim(), form.title.trim(), RoundTemplate::Term2025To2030, today(), &caller.address)
            .await
        {
            Ok(r) => return Ok(Redirect::to(&format!("/rounds/{}", r.code)).into_response()),
            Err(StoreError::CongressRefused { rule, .. }) => problems.push(
                tr.t_args("congress-problem-round-exists", &[("rule", rule.to_owned()), ("code", form.code.clone())]),
            ),
            Err(e) => return Err(e.into()),
        }
    }
    let page = rounds_page(&caller, problems, form).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

// ---------------------------------------------------------------- a round

/// A shipped or recorded setting of a round, in words, and, for one a
/// person may change, its form (issue 15 §1).
pub struct SettingRow {
    pub rule: &'static str,
    pub label: String,
    pub value: String,
    pub tags: String,
    pub source: String,
    pub set_by: String,
    pub key: Option<SettingKey>,
    /// The row's anchor (`setting-…`) and the form's path segment.
    pub anchor: String,
    pub code: &'static str,
    /// The form of its value (`count`, `months`, `window`…); empty when it
    /// is not changed on the page.
    pub form: &'static str,
    pub typed: SettingInput,
    /// The problems of this form when it was refused.
    pub problems: Vec<String>,
}

/// A setting's form refused: its row, what was typed, the problems.
pub struct RefusedSetting {
    pub anchor: String,
    pub typed: SettingInput,
    pub problems: Vec<String>,
}

/// A recorded answer, in words.
pub struct AnswerRow {
    pub scope: String,
    pub value: String,
    pub by: String,
    pub on: String,
    pub why: String,
}

/// An [open] question with its answers and, for those who may answer, its
/// form (the fields as typed when this question's form was refused).
pub struct QuestionView {
    pub code: &'static str,
    pub rule: &'static str,
    pub label: String,
    pub kind: &'static str,
    pub kind_label: String,
    pub answers: Vec<AnswerRow>,
    pub choices: Choices,
    pub typed: AnswerForm,
    pub refused: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    pub question: String,
    /// `round`, `level` or `organization`.
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub base_per_unit: String,
    #[serde(default)]
    pub members_per_seat: String,
    #[serde(default)]
    pub remainder_at_least: String,
    #[serde(default)]
    pub on: String,
    /// Who decided (a person or a body); empty: the signed-in user.
    #[serde(default)]
    pub decided_by: String,
    #[serde(default)]
    pub why: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "round.html")]
pub struct RoundPage {
    tr: Tr,
    nav: Nav,
    round: Round,
    settings: Vec<SettingRow>,
    questions: Vec<QuestionView>,
    /// Answers for the round and a level class.
    may_settle: bool,
    /// Answers of some form: for the round, or for organizations the
    /// viewer's office is above.
    may_answer: bool,
    levels: Choices,
    saved: bool,
    /// What was saved was a setting (`?saved=setting`), not an answer.
    saved_setting: bool,
    problems: Vec<String>,
    today: String,
}

fn tags_text(tr: Tr, tags: &[Tag]) -> String {
    tags.iter().map(|t| tr.t(&tag_key(*t))).collect::<Vec<_>>().join(", ")
}

fn month_text(m: YearMonth) -> String {
    format!("{:02}/{}", m.month(), m.year())
}

fn row<T>(tr: Tr, rule: &'static str, label: &str, s: &Setting<T>, value: String) -> SettingRow {
    SettingRow {
        key: None,
        anchor: String::new(),
        code: "",
        form: "",
        typed: SettingInput::default(),
        problems: Vec::new(),
        rule,
        label: tr.t(label),
        value,
        tags: tags_text(tr, &s.tags),
        source: s.source.clone(),
        set_by: match &s.set_by {
            SetBy::Shipped => tr.t("congress-set-by-shipped"),
            SetBy::Person { name, on, why } => tr.t_args(
                "round-setting-set-by-person",
                &[("name", name.clone()), ("on", tr.date(on)), ("why", why.clone())],
            ),
        },
    }
}

fn cap_key(c: CapClass) -> &'static str {
    match c {
        CapClass::ProvinceOrCentralPolice => "congress-cap-province",
        CapClass::HaNoi => "congress-cap-ha-noi",
        CapClass::LargeProvinceOrMilitary => "congress-cap-large",
        CapClass::CentralBloc => "congress-cap-central-bloc",
        CapClass::District => "congress-cap-district",
    }
}

/// Every setting of a round, the windows first (C-PLAN-1, C-PER-1).
fn setting_rows(tr: Tr, s: &RoundSettings) -> Vec<SettingRow> {
    let mut rows = Vec::new();
    for (level, w) in &s.windows {
        let finish = match w.value.finish_by {
            FinishBy::By { date } => tr.date(date),
            FinishBy::EarlyIn { year } => tr.t1("congress-early-in", "year", year),
        };
        let length =
            w.value.length.map_or_else(|| tr.t("congress-none"), |l| tr.t1("congress-days", "days", length_text(l)));
        let age = w.value.age_reference.map_or_else(|| tr.t("congress-none"), month_text);
        let value = tr.t_args("congress-window-value", &[("length", length), ("finish", finish), ("age", age)]);
        rows.push(SettingRow {
            label: tr.t1("congress-setting-window", "level", tr.t(&level_key(*level))),
            key: Some(SettingKey::Window(*level)),
            ..row(tr, "C-PLAN-1", "congress-setting-window-any", w, value)
        });
    }
    let months = |n: u32| tr.t1("congress-months", "months", n);
    rows.push(SettingRow {
        key: Some(SettingKey::StateLeadershipReference),
        ..row(
            tr,
            "C-PER-1",
            "congress-setting-state-leadership",
            &s.state_leadership_reference,
            month_text(s.state_leadership_reference.value),
        )
    });
    rows.push(SettingRow {
        key: Some(SettingKey::DelegateCongressThreshold),
        ..row(
            tr,
            "C-DEL-5",
            "congress-setting-threshold",
            &s.delegate_congress_threshold,
            tr.number(u64::from(s.delegate_congress_threshold.value)),
        )
    });
    let caps = s
        .caps_2020
        .value
        .iter()
        .map(|c| match c.min {
            Some(min) => tr.t_args(
                "congress-cap-range",
                &[("class", tr.t(cap_key(c.class))), ("min", min.to_string()), ("max", c.max.to_string())],
            ),
            None => tr.t_args("congress-cap-most", &[("class", tr.t(cap_key(c.class))), ("max", c.max.to_string())]),
        })
        .collect::<Vec<_>>()
        .join("; ");
    rows.push(row(tr, "C-DEL-4", "congress-setting-caps", &s.caps_2020, caps));
    let n = s.national.value;
    rows.push(row(
        tr,
        "C-DEL-6",
        "congress-setting-national",
        &s.national,
        tr.t_args(
            "congress-national-value",
            &[
                ("base", format!("{}/{}/{}", n.base_not_merged, n.base_from_two, n.base_from_three)),
                ("per", tr.number(u64::from(n.members_per_seat))),
                ("remainder", tr.number(u64::from(n.remainder_at_least))),
                (
                    "bonus",
                    format!(
                        "{}/{}/{}",
                        n.bonus_key_city_or_force, n.bonus_central_agencies_or_government, n.bonus_assembly_or_front
                    ),
                ),
                ("abroad", n.designated_abroad.to_string()),
            ],
        ),
    ));
    for (key, label, setting) in [
        (SettingKey::FirstTimeMonths, "congress-setting-first-time", &s.first_time_months),
        (SettingKey::ReelectionMonths, "congress-setting-reelection", &s.reelection_months),
        (
            SettingKey::ProvincialDeputySecretaryMonths,
            "congress-setting-provincial-deputy",
            &s.provincial_deputy_secretary_months,
        ),
        (SettingKey::StateOrFrontMonths, "congress-setting-state-or-front", &s.state_or_front_months),
        (SettingKey::CellTermMonths, "congress-setting-cell-term", &s.cell_term_months),
        (SettingKey::PilotCellTermMonths, "congress-setting-pilot-cell-term", &s.pilot_cell_term_months),
        (SettingKey::ReprimandBarMonths, "congress-setting-reprimand-bar", &s.reprimand_bar_months),
    ] {
        rows.push(SettingRow { key: Some(key), ..row(tr, key.rule(), label, setting, months(setting.value)) });
    }
    let q = s.step_two_quorum.value;
    rows.push(SettingRow {
        key: Some(SettingKey::StepTwoQuorum),
        ..row(
            tr,
            "C-PER-9",
            "congress-setting-quorum",
            &s.step_two_quorum,
            format!("{}/{}", q.numerator, q.denominator),
        )
    });
    rows.push(SettingRow {
        key: Some(SettingKey::OpenMatterBlocks),
        ..row(
            tr,
            "C-PER-11",
            "congress-setting-open-matter",
            &s.open_matter_blocks,
            tr.t(if s.open_matter_blocks.value { "congress-yes" } else { "congress-no" }),
        )
    });
    rows.push(SettingRow {
        key: Some(SettingKey::PreviousTermFrom),
        ..row(
            tr,
            "C-PER-11",
            "congress-setting-previous-term",
            &s.previous_term_from,
            tr.date(s.previous_term_from.value),
        )
    });
    let l = s.letter_days.value;
    rows.push(SettingRow {
        key: Some(SettingKey::LetterDays),
        ..row(
            tr,
            "C-PLAN-10",
            "congress-setting-letter-days",
            &s.letter_days,
            tr.t_args(
                "congress-letter-days-value",
                &[("local", l.local.to_string()), ("central", l.central.to_string())],
            ),
        )
    });
    rows
}

/// Each changeable row's form: the current value, or what was typed in the
/// one refused with its problems.
fn with_forms(rows: &mut [SettingRow], s: &RoundSettings, refused: Option<RefusedSetting>, today: Date) {
    let mut refused = refused;
    for r in rows.iter_mut() {
        let Some(key) = r.key else { continue };
        let (Some(form), Some(setting)) = (key.form(), s.setting(key)) else { continue };
        r.anchor = super::settings::anchor(key);
        r.code = key.code();
        r.form = form.code();
        match refused.take_if(|f| f.anchor == r.anchor) {
            Some(f) => {
                r.typed = f.typed;
                r.problems = f.problems;
            }
            None => r.typed = super::settings::prefill(key, &setting, today),
        }
    }
}

pub(crate) async fn round_page(
    caller: &Caller,
    round: Round,
    saved: bool,
    problems: Vec<String>,
    typed: Option<AnswerForm>,
    refused_setting: Option<RefusedSetting>,
) -> Result<RoundPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let settings = scoped.congresses().settings(&round, today()).await?;
    let may_settle = settles_rounds(&scoped, today()).await?;
    // The office of an organization with organizations below answers for them.
    let may_answer = may_settle || scoped.orgs().roots(today()).await?.iter().any(|r| scoped.congresses().may_plan(r));
    let questions = OpenQuestion::ALL
        .into_iter()
        .map(|q| {
            let answers = settings
                .answers
                .iter()
                .filter(|a| a.question == q)
                .map(|a| AnswerRow {
                    scope: scope_text(tr, &a.scope),
                    value: value_text(tr, &a.answer.value),
                    by: a.answer.by.clone(),
                    on: tr.date(a.answer.at),
                    why: a.answer.why.clone(),
                })
                .collect();
            let refused = typed.as_ref().is_some_and(|t| t.question == q.code());
            let typed = match typed.as_ref().filter(|_| refused) {
                Some(t) => t.clone(),
                None => AnswerForm {
                    scope: if may_settle { "round".into() } else { "organization".into() },
                    on: iso(today()),
                    ..AnswerForm::default()
                },
            };
            QuestionView {
                code: q.code(),
                rule: q.rule(),
                label: tr.t(&question_key(q)),
                kind: q.expects().code(),
                kind_label: tr.t(&format!("congress-answer-kind-{}", q.expects().code())),
                answers,
                choices: choices(q.expects()).into_iter().map(|(c, k)| (c.to_owned(), tr.t(k))).collect(),
                typed,
                refused,
            }
        })
        .collect();
    let mut rows = setting_rows(tr, &settings);
    with_forms(&mut rows, &settings, refused_setting, today());
    Ok(RoundPage {
        tr,
        nav: caller.nav(),
        settings: rows,
        round,
        questions,
        may_settle,
        may_answer,
        levels: level_choices(tr),
        saved,
        saved_setting: false,
        problems,
        today: iso(today()),
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct SavedParam {
    pub saved: Option<String>,
}

pub(crate) async fn round_or_404(caller: &Caller, code: &str) -> Result<Round, WebError> {
    caller.scoped().congresses().round(code).await?.ok_or(WebError::NotFound)
}

/// `GET /rounds/{round}`: the settings that ship with their tags and
/// sources, then every [open] question with its answers or "awaiting a
/// decision", and the forms to answer them.
pub async fn round(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<SavedParam>,
) -> Result<RoundPage, WebError> {
    let round = round_or_404(&caller, &code).await?;
    let mut page = round_page(&caller, round, p.saved.is_some(), Vec::new(), None, None).await?;
    page.saved_setting = p.saved.as_deref() == Some("setting");
    Ok(page)
}

/// The scope, value and day of an answer form, or every problem in words.
fn answer_parts(
    tr: Tr,
    q: OpenQuestion,
    f: &AnswerForm,
) -> Result<(Scope, daihoi_congress::AnswerValue, Date), Vec<String>> {
    let mut problems = Vec::new();
    let scope = match f.scope.as_str() {
        "round" => Some(Scope::Round),
        "level" => match parse_level(&f.level) {
            Some(l) => Some(Scope::Level(l)),
            None => {
                problems.push(tr.t1("congress-problem-missing", "field", tr.t("congress-answer-level")));
                None
            }
        },
        "organization" => match daihoi_core::OrgCode::parse(f.org.trim()) {
            Ok(code) => Some(Scope::Organization(code.to_string())),
            Err(_) => {
                problems.push(tr.t1("congress-problem-bad-org", "code", f.org.trim()));
                None
            }
        },
        _ => {
            problems.push(tr.t1("congress-problem-missing", "field", tr.t("congress-answer-scope")));
            None
        }
    };
    let value = answer_value(q.expects(), &f.value, [&f.base_per_unit, &f.members_per_seat, &f.remainder_at_least]);
    if value.is_none() {
        problems.push(tr.t1(
            "congress-problem-bad-value",
            "kind",
            tr.t(&format!("congress-answer-kind-{}", q.expects().code())),
        ));
    }
    if q.expects() == AnswerKind::Text {
        problems.extend(text_refusal(tr, "congress-answer-value", line(&f.value, TITLE_MAX_CHARS)));
    }
    let on = form_date(&f.on);
    match on {
        None => problems.push(tr.t1("congress-problem-bad-date", "field", tr.t("congress-answer-on"))),
        Some(d) if d > today() => problems.push(tr.t1("congress-problem-future", "field", tr.t("congress-answer-on"))),
        Some(_) => {}
    }
    if f.why.trim().is_empty() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("congress-answer-why")));
    }
    problems.extend(text_refusal(tr, "congress-answer-why", line(&f.why, TITLE_MAX_CHARS)));
    problems.extend(text_refusal(tr, "round-setting-field-decided-by", line(&f.decided_by, TITLE_MAX_CHARS)));
    match (scope, value, on) {
        (Some(s), Some(v), Some(o)) if problems.is_empty() => Ok((s, v, o)),
        _ => Err(problems),
    }
}

/// `POST /rounds/{round}/answers`: records an answer to one [open]
/// question (C-PLAN-4): for the round or a level class by an administrator
/// of a root, for one organization by the office above it.
pub async fn answer(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let round = round_or_404(&caller, &code).await?;
    let question = parse_question(&form.question).ok_or(WebError::NotFound)?;
    let problems = match answer_parts(tr, question, &form) {
        Ok((scope, value, on)) => {
            match caller
                .scoped()
                .congresses()
                .answer_decided_by(
                    &round,
                    question,
                    &scope,
                    value,
                    Some(form.decided_by.trim()),
                    on,
                    form.why.trim(),
                    today(),
                    &caller.address,
                )
                .await
            {
                Ok(()) => {
                    return Ok(
                        Redirect::to(&format!("/rounds/{}?saved=1#q-{}", round.code, question.code())).into_response()
                    );
                }
                Err(StoreError::UnknownOrg(c)) => vec![tr.t1("congress-problem-unknown-org", "code", c.to_string())],
                Err(StoreError::NotFound(_)) => vec![tr.t1("congress-problem-unknown-org", "code", form.org.trim())],
                Err(e @ (StoreError::Congress(_) | StoreError::CongressRefused { .. })) => {
                    vec![tr.t1("congress-problem-refused", "rule", e.rule().unwrap_or(question.rule()))]
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(problems) => problems,
    };
    let page = round_page(&caller, round, false, problems, Some(form), None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

// ---------------------------------------------------------------- campaign

#[derive(Debug, Default, Deserialize)]
pub struct RoundParam {
    pub round: Option<String>,
    pub saved: Option<String>,
}

/// A congress as a campaign line or its page shows it.
pub struct CongressLine {
    pub code: String,
    pub name: String,
    pub indent: usize,
    pub level: String,
    pub kind: String,
    pub contents: String,
    pub model: bool,
    pub planned: String,
    pub held: String,
    pub status: String,
    pub late: bool,
    pub gates: Vec<String>,
    /// "3/5: duyệt đề án nhân sự 26/05/2025": gates passed of those its
    /// contents pass, and the last one (the campaign's lists).
    pub gates_short: String,
    pub warnings: Vec<String>,
    pub date_approval: Option<String>,
}

fn schedule_text(tr: Tr, s: &Schedule) -> String {
    tr.t_args("congress-schedule", &[("opening", tr.date(s.opening)), ("days", length_text(s.length))])
}

pub(crate) fn congress_line(
    tr: Tr,
    c: &Congress,
    warnings: &[daihoi_congress::PlanWarning],
    depth: usize,
    today: Date,
) -> CongressLine {
    let p = &c.plan;
    CongressLine {
        code: c.org.code.to_string(),
        name: c.org.name.clone(),
        indent: depth,
        level: tr.t(&level_key(p.level)),
        kind: tr.t(&kind_key(p.kind)),
        contents: tr.t(&contents_key(p.contents)),
        model: p.model,
        planned: schedule_text(tr, &p.planned),
        held: p.actual.map(|s| schedule_text(tr, &s)).unwrap_or_default(),
        status: tr.t(&status_key(Status::of(p))),
        late: is_late(p, today),
        gates: p
            .gates
            .iter()
            .map(|g| {
                tr.t_args(
                    "congress-gate-passed",
                    &[
                        ("gate", tr.t(&gate_key(g.gate))),
                        ("on", tr.date(g.on)),
                        ("by", g.approved_by.clone()),
                        ("reference", g.reference.clone()),
                    ],
                )
            })
            .collect(),
        gates_short: {
            let of = Gate::ALL.iter().filter(|g| g.applies_to(p.contents)).count();
            match p.gates.iter().max_by_key(|g| (g.on, g.gate)) {
                Some(last) => format!("{}/{of}: {} {}", p.gates.len(), tr.t(&gate_key(last.gate)), tr.date(last.on)),
                None => format!("0/{of}"),
            }
        },
        warnings: warnings.iter().map(|w| warning_text(tr, w)).collect(),
        date_approval: p.date_approval.as_ref().map(|a| {
            tr.t_args(
                "congress-dates-approved",
                &[("by", a.approved_by.clone()), ("on", tr.date(a.on)), ("reference", a.reference.clone())],
            )
        }),
    }
}

/// One level class's row of the campaign's table: its congresses, and how
/// many are in each status and late.
pub struct LevelRow {
    pub label: String,
    pub total: u64,
    pub by_status: Vec<u64>,
    pub late: u64,
}

/// A question the campaign waits for, with how many congresses wait.
pub struct AwaitingLine {
    pub question: String,
    pub rule: &'static str,
    pub congresses: u64,
}

/// A short list of the campaign's dashboard, and how many it leaves out.
pub struct Section {
    pub title: String,
    pub rows: Vec<CongressLine>,
    pub more: Option<String>,
}

/// The campaign's full list is shown this many congresses at a time.
pub const CAMPAIGN_PAGE: usize = 100;
/// The late, coming and warned lists show at most this many each.
pub const CAMPAIGN_SHORT: usize = 30;
/// "Coming": opening within this many days.
pub const COMING_DAYS: i64 = 60;

#[derive(Template, WebTemplate)]
#[template(path = "congresses.html")]
pub struct CampaignPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Option<Round>,
    rounds: Vec<RoundLine>,
    statuses: Vec<String>,
    levels: Vec<LevelRow>,
    total: u64,
    late: u64,
    chart: String,
    awaiting: Vec<AwaitingLine>,
    /// Model congresses, late, coming, warned about: those with any.
    sections: Vec<Section>,
    lines: Vec<CongressLine>,
    page: usize,
    pages: usize,
    listed: String,
    /// Whether the reader plans the organization's congress (the plan file).
    may_plan: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct CampaignParams {
    pub round: Option<String>,
    pub page: Option<usize>,
}

/// The campaign's timeline: for each month a congress opens in (held, or
/// planned), a bar of its congresses by level class.
fn timeline(tr: Tr, campaign: &[daihoi_store::congresses::access::CampaignLine]) -> String {
    use daihoi_print::charts::{Category, ChartText, StackedChart, StackedRow, stacked_counts};
    let levels: Vec<LevelClass> =
        LevelClass::ALL.into_iter().filter(|l| campaign.iter().any(|c| c.congress.plan.level == *l)).collect();
    let mut months: std::collections::BTreeMap<(i32, u8), Vec<u32>> = std::collections::BTreeMap::new();
    for c in campaign {
        let opening = c.congress.plan.schedule().opening;
        let Some(slot) = levels.iter().position(|l| *l == c.congress.plan.level) else { continue };
        months.entry((opening.year(), u8::from(opening.month()))).or_insert_with(|| vec![0; levels.len()])[slot] += 1;
    }
    stacked_counts(&StackedChart {
        text: ChartText {
            id: "campaign-timeline".to_owned(),
            title: tr.t("congress-timeline-title"),
            description: tr.t("congress-timeline-description"),
            no_data: tr.t("congress-campaign-empty"),
        },
        total_label: tr.t("congress-timeline-total"),
        style: tr.number_style(),
        categories: levels
            .iter()
            .enumerate()
            .map(|(i, l)| Category { label: tr.t(&level_key(*l)), slot: u8::try_from(i % 6).unwrap_or(0) })
            .collect(),
        rows: months.into_iter().map(|((y, m), counts)| StackedRow { label: format!("{m:02}/{y}"), counts }).collect(),
    })
}

/// `GET /orgs/{code}/congresses?round=&page=`: the campaign of the subtree
/// in a round (the latest by default), as a dashboard: the congresses by
/// level class and status, the late ones, a timeline by level, the
/// questions it waits for, the model congresses, those that are late,
/// coming or warned about (C-PLAN-1, C-PLAN-5), then every congress in
/// tree order, [`CAMPAIGN_PAGE`] at a time.
pub async fn campaign(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<CampaignParams>,
) -> Result<CampaignPage, WebError> {
    let tr = caller.tr;
    let node = crate::page::org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    let round = round_named(&scoped, p.round.as_deref()).await?;
    if p.round.as_deref().is_some_and(|r| !r.trim().is_empty()) && round.is_none() {
        return Err(WebError::NotFound);
    }
    let rounds =
        scoped.congresses().rounds().await?.into_iter().map(|r| RoundLine { code: r.code, title: r.title }).collect();
    let statuses = Status::ALL.iter().map(|s| tr.t(&status_key(*s))).collect();
    let mut page = CampaignPage {
        tr,
        nav: caller.nav(),
        org: (&node).into(),
        round: None,
        rounds,
        statuses,
        levels: Vec::new(),
        total: 0,
        late: 0,
        chart: String::new(),
        awaiting: Vec::new(),
        sections: Vec::new(),
        lines: Vec::new(),
        page: 1,
        pages: 1,
        listed: String::new(),
        may_plan: may_plan(&scoped, &node),
    };
    let Some(round) = round else { return Ok(page) };
    let day = today();
    let campaign = scoped.congresses().campaign(&round, &node, day).await?;
    let root_depth = node.path.ids().count();
    let line = |l: &daihoi_store::congresses::access::CampaignLine| {
        let depth = l.congress.org.path.ids().count().saturating_sub(root_depth);
        let dated: Vec<_> =
            l.warnings.iter().filter(|w| !matches!(w, daihoi_congress::PlanWarning::Awaiting(_))).cloned().collect();
        congress_line(tr, &l.congress, &dated, depth, day)
    };
    for level in LevelClass::ALL {
        let of: Vec<_> = campaign.iter().filter(|l| l.congress.plan.level == level).collect();
        if of.is_empty() {
            continue;
        }
        page.levels.push(LevelRow {
            label: tr.t(&level_key(level)),
            total: of.len() as u64,
            by_status: Status::ALL
                .iter()
                .map(|s| of.iter().filter(|l| Status::of(&l.congress.plan) == *s).count() as u64)
                .collect(),
            late: of.iter().filter(|l| is_late(&l.congress.plan, day)).count() as u64,
        });
    }
    page.total = campaign.len() as u64;
    page.late = campaign.iter().filter(|l| is_late(&l.congress.plan, day)).count() as u64;
    page.chart = timeline(tr, &campaign);
    page.awaiting = super::view::awaited(&campaign)
        .into_iter()
        .map(|(q, n)| AwaitingLine { question: tr.t(&question_key(q)), rule: q.rule(), congresses: n })
        .collect();
    let mut section = |key: &str, of: Vec<&daihoi_store::congresses::access::CampaignLine>| {
        if of.is_empty() {
            return;
        }
        let more = of.len().saturating_sub(CAMPAIGN_SHORT);
        page.sections.push(Section {
            title: tr.t(key),
            rows: of.iter().take(CAMPAIGN_SHORT).map(|l| line(l)).collect(),
            more: (more > 0).then(|| tr.t1("congress-more", "count", tr.number(more as u64))),
        });
    };
    section("congress-model-title", campaign.iter().filter(|l| l.congress.plan.model).collect());
    section("congress-late-title", campaign.iter().filter(|l| is_late(&l.congress.plan, day)).collect());
    section("congress-coming-title", super::view::coming(&campaign, day));
    section(
        "congress-warned-title",
        campaign
            .iter()
            .filter(|l| l.warnings.iter().any(|w| !matches!(w, daihoi_congress::PlanWarning::Awaiting(_))))
            .collect(),
    );
    page.pages = campaign.len().div_ceil(CAMPAIGN_PAGE).max(1);
    page.page = p.page.unwrap_or(1).clamp(1, page.pages);
    let from = (page.page - 1) * CAMPAIGN_PAGE;
    page.lines = campaign.iter().skip(from).take(CAMPAIGN_PAGE).map(line).collect();
    page.listed = tr.t_args(
        "congress-listed",
        &[
            ("first", tr.number((from + 1).min(campaign.len()) as u64)),
            ("last", tr.number((from + page.lines.len()) as u64)),
            ("total", tr.number(campaign.len() as u64)),
        ],
    );
    page.round = Some(round);
    Ok(page)
}

// ---------------------------------------------------------------- a congress

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub contents: String,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub planned_on: String,
    /// In half days.
    #[serde(default)]
    pub planned_length: String,
    #[serde(default)]
    pub held_on: String,
    /// In half days.
    #[serde(default)]
    pub held_length: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GateForm {
    #[serde(default)]
    pub round: String,
    /// The kind decided, in C-DEL-5's decision form.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub gate: String,
    #[serde(default)]
    pub approved_by: String,
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub reference: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "congress.html")]
pub struct CongressPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Option<Round>,
    line: Option<CongressLine>,
    may_plan: bool,
    may_approve: bool,
    plan: PlanForm,
    gate: GateForm,
    dates: GateForm,
    /// C-DEL-5: the higher committee's decision on the kind, its form, and
    /// whether the kind is the committee's to decide (grassroots only).
    kind_decision: Option<String>,
    kind_form: GateForm,
    kind_decidable: bool,
    levels: Choices,
    kinds: Choices,
    contents: Choices,
    gates: Choices,
    lengths: Choices,
    saved: bool,
    problems: Vec<String>,
    /// Which form was refused: `plan`, `gate` or `dates`.
    refused: &'static str,
    /// The committee today: name, position, since, source, reference.
    committee: Vec<[String; 5]>,
    /// The allocation decided: its total and decision, each row
    /// (organization, mode, seats), the counts by mode.
    allocation: Option<(String, Vec<[String; 3]>, String)>,
    /// C-DEL-3: the seats at the congress above, in words.
    seats_above: Option<String>,
    /// C-DEL-5: the kind the members on the planned date propose, or the
    /// question it waits for; and the warning when the plan differs.
    kind_proposal: Option<String>,
    kind_differs: Option<String>,
}

/// What a congress page shows and which of its forms comes back refused.
enum Refused {
    None,
    Plan(PlanForm),
    Gate(GateForm),
    Dates(GateForm),
    Kind(GateForm),
}

async fn congress_page(
    caller: &Caller,
    node: &OrgNode,
    round: Option<Round>,
    saved: bool,
    problems: Vec<String>,
    refused: Refused,
) -> Result<CongressPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let day = today();
    // Its warnings as on the campaign (the lower congresses compared).
    let campaign = match &round {
        Some(r) => scoped.congresses().campaign(r, node, day).await?,
        None => Vec::new(),
    };
    let own = campaign.iter().find(|l| l.congress.org.id == node.id);
    // C-DEL-5 has its own lines on this page (the proposal and why).
    let line = own.map(|l| {
        let warned: Vec<_> = l.warnings.iter().filter(|w| w.rule() != "C-DEL-5").cloned().collect();
        congress_line(tr, &l.congress, &warned, 0, day)
    });
    let stored = match &round {
        Some(r) => scoped.congresses().congress(r, node, day).await?,
        None => None,
    };
    let round_code = round.as_ref().map(|r| r.code.clone()).unwrap_or_default();
    let plan_of = |c: &Congress| PlanForm {
        round: round_code.clone(),
        level: c.plan.level.code().to_owned(),
        kind: c.plan.kind.code().to_owned(),
        contents: contents_code(c.plan.contents).to_owned(),
        model: c.plan.model.then(|| "1".to_owned()),
        planned_on: iso(c.plan.planned.opening),
        planned_length: c.plan.planned.length.in_half_days().to_string(),
        held_on: c.plan.actual.map(|s| iso(s.opening)).unwrap_or_default(),
        held_length: c.plan.actual.map(|s| s.length.in_half_days().to_string()).unwrap_or_default(),
    };
    let fresh_plan = || PlanForm {
        round: round_code.clone(),
        level: LevelClass::default_for(node.kind).map(|l| l.code().to_owned()).unwrap_or_default(),
        kind: CongressKind::MemberCongress.code().to_owned(),
        contents: contents_code(Contents::Full).to_owned(),
        planned_length: "4".into(),
        ..PlanForm::default()
    };
    let fresh_gate = || GateForm { round: round_code.clone(), on: iso(day), ..GateForm::default() };
    let (mut plan, mut gate, mut dates, mut which) =
        (stored.as_ref().map_or_else(fresh_plan, plan_of), fresh_gate(), fresh_gate(), "");
    let mut kind_form =
        GateForm { kind: stored.as_ref().map(|c| c.plan.kind.code().to_owned()).unwrap_or_default(), ..fresh_gate() };
    match refused {
        Refused::None => {}
        Refused::Plan(f) => (plan, which) = (f, "plan"),
        Refused::Gate(f) => (gate, which) = (f, "gate"),
        Refused::Dates(f) => (dates, which) = (f, "dates"),
        Refused::Kind(f) => (kind_form, which) = (f, "kind"),
    }
    let committee = scoped
        .congresses()
        .committee(node, day)
        .await?
        .iter()
        .map(|s| {
            [
                s.name.clone(),
                tr.t(&format!("congress-position-{}", s.seat.position.code().replace('_', "-"))),
                daihoi_core::date::vi(s.seat.from),
                tr.t(&format!("congress-source-{}", s.seat.source.code())),
                s.seat.reference.clone(),
            ]
        })
        .collect();
    let mode =
        |m| tr.t(&format!("congress-mode-{}", daihoi_store::congresses::allocations::mode_code(m).replace('_', "-")));
    let allocation = match (&round, &stored) {
        (Some(r), Some(c)) => scoped.congresses().allocation(r, c).await?.map(|a| {
            let rows = a
                .table
                .rows
                .iter()
                .map(|row| [row.organization.clone(), mode(row.mode), row.seats.to_string()])
                .collect();
            let head = tr.t_args(
                "congress-allocation-head",
                &[
                    ("total", a.table.total.to_string()),
                    ("decision", a.table.decision.clone()),
                    ("date", daihoi_core::date::vi(a.decided_on)),
                ],
            );
            let counts = tr.t_args(
                "congress-allocation-counts",
                &[
                    ("ex_officio", a.summary.ex_officio.to_string()),
                    ("elected", a.summary.elected.to_string()),
                    ("designated", a.summary.designated.to_string()),
                ],
            );
            (head, rows, counts)
        }),
        _ => None,
    };
    let seats_above = match &round {
        Some(r) => scoped.congresses().seats_above(r, node, day).await?.map(|s| {
            tr.t_args(
                "congress-seats-above",
                &[
                    ("seats", s.row.seats.to_string()),
                    ("org", s.convening.name.clone()),
                    ("decision", s.decision.clone()),
                    ("date", daihoi_core::date::vi(s.decided_on)),
                ],
            )
        }),
        None => None,
    };
    let (kind_proposal, kind_differs) = match own {
        Some(l) => kind_texts(tr, l),
        None => (None, None),
    };
    let kind_decision = stored.as_ref().and_then(|c| c.kind_decision.as_ref()).map(|d| {
        tr.t_args(
            "congress-kind-decided",
            &[
                ("kind", tr.t(&kind_key(d.kind))),
                ("by", d.approval.approved_by.clone()),
                ("date", tr.date(d.approval.on)),
                ("reference", d.approval.reference.clone()),
            ],
        )
    });
    let kind_decidable = stored.as_ref().is_some_and(|c| c.plan.level == LevelClass::Grassroots);
    let lengths =
        (1..=10).map(|h| (h.to_string(), tr.t1("congress-days", "days", length_text(Length::half_days(h))))).collect();
    let plans = round.is_some() && may_plan(&scoped, node);
    let approves = round.is_some() && approves_for(&scoped, node, day).await?;
    // The gates this reader may record (C-PLAN-5: "held" by those who plan
    // the congress, the others by the office above), that the congress's
    // contents pass (C-PLAN-3) and that are not recorded yet.
    let gates = Gate::ALL
        .iter()
        .filter(|g| if **g == Gate::Held { plans } else { approves })
        .filter(|g| {
            stored.as_ref().is_none_or(|c| g.applies_to(c.plan.contents) && c.plan.gates.iter().all(|r| r.gate != **g))
        })
        .map(|g| (g.code().to_owned(), tr.t(&gate_key(*g))))
        .collect();
    Ok(CongressPage {
        tr,
        nav: caller.nav(),
        org: node.into(),
        may_plan: plans,
        may_approve: approves,
        round,
        line,
        plan,
        gate,
        dates,
        levels: level_choices(tr),
        kinds: [CongressKind::MemberCongress, CongressKind::DelegateCongress]
            .iter()
            .map(|k| (k.code().to_owned(), tr.t(&kind_key(*k))))
            .collect(),
        contents: [Contents::Full, Contents::TwoContents]
            .iter()
            .map(|c| (contents_code(*c).to_owned(), tr.t(&contents_key(*c))))
            .collect(),
        gates,
        lengths,
        saved,
        problems,
        refused: which,
        committee,
        allocation,
        seats_above,
        kind_proposal,
        kind_differs,
        kind_decision,
        kind_form,
        kind_decidable,
    })
}

/// C-DEL-5 in words: the kind proposed and why, or the question it waits
/// for; and, when the plan's kind is another, that it changes only by the
/// higher committee's decision.
fn kind_texts(tr: Tr, l: &daihoi_store::congresses::access::CampaignLine) -> (Option<String>, Option<String>) {
    use daihoi_congress::{KindBasis, PlanWarning};
    let (c, threshold) = (&l.congress, l.kind.threshold);
    let p = match &l.kind.proposal {
        Ok(p) => p,
        Err(a) => return (Some(tr.t1("congress-kind-awaiting", "question", tr.t(&question_key(a.question)))), None),
    };
    let counted = p.counted.unwrap_or(0).to_string();
    let threshold = tr.number(u64::from(threshold));
    let date = tr.date(c.plan.planned.opening);
    let basis = match p.basis {
        KindBasis::Cell => tr.t("congress-kind-basis-cell"),
        KindBasis::DelegatesFromBelow => tr.t("congress-kind-basis-from-below"),
        KindBasis::HigherCommitteeAgreed => tr.t("congress-kind-basis-agreed"),
        KindBasis::AtThreshold | KindBasis::UnderThreshold => tr.t_args(
            if p.basis == KindBasis::AtThreshold { "congress-kind-basis-at" } else { "congress-kind-basis-under" },
            &[("counted", counted), ("date", date), ("threshold", threshold)],
        ),
    };
    let proposed = tr.t_args("congress-kind-proposed", &[("kind", tr.t(&kind_key(p.kind))), ("basis", basis)]);
    // The campaign's warning (a kind the higher committee decided is not a
    // difference to warn of).
    let differs = l.warnings.iter().find_map(|w| match w {
        PlanWarning::KindDiffers { planned, proposed, .. } => Some(tr.t_args(
            "congress-kind-differs",
            &[("planned", tr.t(&kind_key(*planned))), ("proposed", tr.t(&kind_key(*proposed)))],
        )),
        _ => None,
    });
    (Some(proposed), differs)
}

/// `GET /orgs/{code}/congress?round=`: the organization's congress in a
/// round (the latest by default), its warnings, and the forms of those who
/// plan it and of the office above.
pub async fn congress(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<RoundParam>,
) -> Result<CongressPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let round = round_named(&caller.scoped(), p.round.as_deref()).await?;
    if p.round.as_deref().is_some_and(|r| !r.trim().is_empty()) && round.is_none() {
        return Err(WebError::NotFound);
    }
    congress_page(&caller, &node, round, p.saved.is_some(), Vec::new(), Refused::None).await
}

/// The round a form names (a hidden field): 404 when it is not one.
async fn form_round(caller: &Caller, code: &str) -> Result<Round, WebError> {
    round_or_404(caller, code.trim()).await
}

/// The plan a form sends, or every problem in words.
fn plan_parts(tr: Tr, node: &OrgNode, f: &PlanForm) -> Result<NewPlan, Vec<String>> {
    let mut problems = Vec::new();
    let missing = |label: &str| tr.t1("congress-problem-missing", "field", tr.t(label));
    let level = parse_level(&f.level);
    if level.is_none() {
        problems.push(missing("congress-plan-level"));
    }
    // C-PLAN-1: a cell's congress is a cell's, and only a cell's.
    if let Some(l) = level {
        let is_cell = LevelClass::default_for(node.kind) == Some(LevelClass::Cell);
        if is_cell != (l == LevelClass::Cell) {
            problems.push(tr.t1("congress-problem-level", "level", tr.t(&level_key(l))));
        }
    }
    let kind = parse_kind(&f.kind);
    if kind.is_none() {
        problems.push(missing("congress-plan-kind"));
    }
    let contents = parse_contents(&f.contents);
    if contents.is_none() {
        problems.push(missing("congress-plan-contents"));
    }
    let half_days = |t: &str| t.trim().parse::<u32>().ok().filter(|h| (1..=20).contains(h)).map(Length::half_days);
    let planned_on = form_date(&f.planned_on);
    if planned_on.is_none() {
        problems.push(tr.t1("congress-problem-bad-date", "field", tr.t("congress-plan-planned-on")));
    }
    let planned_length = half_days(&f.planned_length);
    if planned_length.is_none() {
        problems.push(missing("congress-plan-planned-length"));
    }
    let actual = match (f.held_on.trim(), f.held_length.trim()) {
        ("", "") => None,
        (on, len) => {
            let on = form_date(on);
            match on {
                None => problems.push(tr.t1("congress-problem-bad-date", "field", tr.t("congress-plan-held-on"))),
                // C-PLAN-5: a congress is held on a day that has come.
                Some(d) if d > today() => {
                    problems.push(tr.t1("congress-problem-future", "field", tr.t("congress-plan-held-on")))
                }
                Some(_) => {}
            }
            let length = half_days(len);
            if length.is_none() {
                problems.push(missing("congress-plan-held-length"));
            }
            on.zip(length).map(|(opening, length)| Schedule { opening, length })
        }
    };
    match (level, kind, contents, planned_on, planned_length) {
        (Some(level), Some(kind), Some(contents), Some(opening), Some(length)) if problems.is_empty() => Ok(NewPlan {
            level,
            kind,
            contents,
            model: f.model.is_some(),
            planned: Schedule { opening, length },
            actual,
        }),
        _ => Err(problems),
    }
}

/// A store refusal of a congress form in words (its rule named).
fn refusal(tr: Tr, e: StoreError) -> Result<Vec<String>, WebError> {
    match e {
        e @ (StoreError::CongressRefused { .. } | StoreError::Congress(_)) => {
            Ok(vec![tr.t1("congress-problem-refused", "rule", e.rule().unwrap_or("C-PLAN-5"))])
        }
        e => Err(e.into()),
    }
}

/// `POST /orgs/{code}/congress`: enters or changes the plan (a role that
/// writes on the organization).
pub async fn plan(caller: Caller, Path(code): Path<String>, Form(form): Form<PlanForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = crate::page::org_today(&caller, &code).await?;
    let round = form_round(&caller, &form.round).await?;
    if !may_plan(&caller.scoped(), &node) {
        return Err(WebError::Forbidden);
    }
    let problems = match plan_parts(tr, &node, &form) {
        Ok(p) => match caller.scoped().congresses().plan(&round, &node, &p, today(), &caller.address).await {
            Ok(_) => return Ok(saved(&node, &round)),
            Err(e) => refusal(tr, e)?,
        },
        Err(problems) => problems,
    };
    let page = congress_page(&caller, &node, Some(round), false, problems, Refused::Plan(form)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn saved(node: &OrgNode, round: &Round) -> Response {
    Redirect::to(&format!("/orgs/{}/congress?round={}&saved=1", node.code, round.code)).into_response()
}

/// The approval a gate or dates form sends, or every problem in words.
fn approval_parts(tr: Tr, f: &GateForm) -> Result<(String, Date, String), Vec<String>> {
    let mut problems = Vec::new();
    for (value, label) in [(&f.approved_by, "congress-approved-by"), (&f.reference, "congress-reference")] {
        if value.trim().is_empty() {
            problems.push(tr.t1("congress-problem-missing", "field", tr.t(label)));
        }
        problems.extend(text_refusal(tr, label, line(value, TITLE_MAX_CHARS)));
    }
    let on = form_date(&f.on);
    match on {
        None => problems.push(tr.t1("congress-problem-bad-date", "field", tr.t("congress-approved-on"))),
        // C-PLAN-5: a gate passed on a day that has come.
        Some(d) if d > today() => {
            problems.push(tr.t1("congress-problem-future", "field", tr.t("congress-approved-on")))
        }
        Some(_) => {}
    }
    match on {
        Some(on) if problems.is_empty() => Ok((f.approved_by.trim().to_owned(), on, f.reference.trim().to_owned())),
        _ => Err(problems),
    }
}

/// The congress of `node` in `round`, or a problem: nothing is planned yet.
async fn stored(caller: &Caller, node: &OrgNode, round: &Round) -> Result<Option<Congress>, WebError> {
    Ok(caller.scoped().congresses().congress(round, node, today()).await?)
}

/// `POST /orgs/{code}/congress/gates`: records a gate passed (C-PLAN-5):
/// "held" by those who plan the congress, the others by the office above.
pub async fn gate(caller: Caller, Path(code): Path<String>, Form(form): Form<GateForm>) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = crate::page::org_today(&caller, &code).await?;
    let round = form_round(&caller, &form.round).await?;
    let g = parse_gate(&form.gate);
    let scoped = caller.scoped();
    let allowed = match g {
        Some(Gate::Held) => may_plan(&scoped, &node),
        _ => approves_for(&scoped, &node, today()).await?,
    };
    if !allowed {
        return Err(WebError::Forbidden);
    }
    let mut problems = Vec::new();
    if g.is_none() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("congress-gate")));
    }
    let congress = stored(&caller, &node, &round).await?;
    if congress.is_none() {
        problems.push(tr.t("congress-problem-no-plan"));
    }
    let parts = approval_parts(tr, &form);
    if let (Some(c), Some(g)) = (&congress, g)
        && !g.applies_to(c.plan.contents)
    {
        // C-PLAN-3: a 2-content congress elects nobody.
        problems.push(tr.t1("congress-problem-gate-not-of-contents", "gate", tr.t(&gate_key(g))));
    }
    match parts {
        Ok((approved_by, on, reference)) if problems.is_empty() => {
            let (Some(c), Some(gate)) = (congress, g) else { unreachable!("checked above") };
            let record = GateRecord { gate, approved_by, on, reference };
            match scoped.congresses().pass_gate(&c, &record, today(), &caller.address).await {
                Ok(_) => return Ok(saved(&node, &round)),
                Err(e) => problems.extend(refusal(tr, e)?),
            }
        }
        Ok(_) => {}
        Err(more) => problems.extend(more),
    }
    let page = congress_page(&caller, &node, Some(round), false, problems, Refused::Gate(form)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/congress/date-approval`: the office above approves
/// the congress's dates outside its window (C-PLAN-1).
pub async fn approve_dates(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<GateForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = crate::page::org_today(&caller, &code).await?;
    let round = form_round(&caller, &form.round).await?;
    if !approves_for(&caller.scoped(), &node, today()).await? {
        return Err(WebError::Forbidden);
    }
    let mut problems = Vec::new();
    let congress = stored(&caller, &node, &round).await?;
    if congress.is_none() {
        problems.push(tr.t("congress-problem-no-plan"));
    }
    match approval_parts(tr, &form) {
        Ok((approved_by, on, reference)) if problems.is_empty() => {
            let c = congress.expect("checked above");
            let approval = daihoi_congress::Approval { approved_by, on, reference };
            match caller.scoped().congresses().approve_dates(&c, &approval, today(), &caller.address).await {
                Ok(()) => return Ok(saved(&node, &round)),
                Err(e) => problems.extend(refusal(tr, e)?),
            }
        }
        Ok(_) => {}
        Err(more) => problems.extend(more),
    }
    let page = congress_page(&caller, &node, Some(round), false, problems, Refused::Dates(form)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/congress/kind-decision`: the office above records the
/// higher committee's decision on the congress's kind (C-DEL-5); the plan's
/// kind becomes the one decided.
pub async fn decide_kind(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<GateForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = crate::page::org_today(&caller, &code).await?;
    let round = form_round(&caller, &form.round).await?;
    if !approves_for(&caller.scoped(), &node, today()).await? {
        return Err(WebError::Forbidden);
    }
    let mut problems = Vec::new();
    let congress = stored(&caller, &node, &round).await?;
    if congress.is_none() {
        problems.push(tr.t("congress-problem-no-plan"));
    }
    let kind = parse_kind(form.kind.trim());
    if kind.is_none() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("congress-plan-kind")));
    }
    match approval_parts(tr, &form) {
        Ok((approved_by, on, reference)) if problems.is_empty() => {
            let (c, kind) = (congress.expect("checked above"), kind.expect("checked above"));
            let approval = daihoi_congress::Approval { approved_by, on, reference };
            match caller.scoped().congresses().decide_kind(&c, kind, &approval, today(), &caller.address).await {
                Ok(_) => return Ok(saved(&node, &round)),
                Err(e) => problems.extend(refusal(tr, e)?),
            }
        }
        Ok(_) => {}
        Err(more) => problems.extend(more),
    }
    let page = congress_page(&caller, &node, Some(round), false, problems, Refused::Kind(form)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
