//! What the pages and the API share: who may do what (the store's
//! `congresses::policy` over the viewer's reach), the round a request
//! names, a congress's status, and the domain's values in words.

use daihoi_congress::{
    AlternatesListForm, AnswerKind, AnswerValue, CongressKind, CongressPlan, Contents, Gate, Length, LevelClass,
    OpenQuestion, PlanWarning, ProposalParameters, ReplacementOrder, Scope, StepBase, Tag,
};
use daihoi_store::congresses::Round;
use daihoi_store::orgs::OrgNode;
use daihoi_store::{Scoped, StoreResult};
use time::Date;

use crate::i18n::Tr;

// Who may: the congress facet's named decisions (`congresses::policy` over
// the viewer's reach); the forms are offered on them and the facet decides
// again on every write.

/// Whether the viewer administers a root of the tree (opens rounds, answers
/// for a round or a level class).
pub(crate) async fn settles_rounds(scoped: &Scoped<'_>, today: Date) -> StoreResult<bool> {
    scoped.congresses().settles_rounds(today).await
}

/// Whether the viewer approves for `node` (its gates but "held", a date
/// outside the window, its own answers): writes on the organization above;
/// for a root, administers it.
pub(crate) async fn approves_for(scoped: &Scoped<'_>, node: &OrgNode, today: Date) -> StoreResult<bool> {
    scoped.congresses().approves_for(node, today).await
}

/// Whether the viewer plans `node`'s congress and records it held.
pub(crate) fn may_plan(scoped: &Scoped<'_>, node: &OrgNode) -> bool {
    scoped.congresses().may_plan(node)
}

/// The round named `code`, or the latest when none is named; `Ok(None)`
/// when it does not exist (or no round does).
pub(crate) async fn round_named(scoped: &Scoped<'_>, code: Option<&str>) -> StoreResult<Option<Round>> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => scoped.congresses().round(code).await,
        None => Ok(scoped.congresses().rounds().await?.into_iter().next()),
    }
}

/// Where a congress is (C-PLAN-5's gates, read from the plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Planned,
    Held,
    ResultsApproved,
}

impl Status {
    pub(crate) fn of(plan: &CongressPlan) -> Status {
        let passed = |g: Gate| plan.gates.iter().any(|r| r.gate == g);
        if passed(Gate::ResultsApproved) {
            Status::ResultsApproved
        } else if plan.is_held() {
            Status::Held
        } else {
            Status::Planned
        }
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Held => "held",
            Status::ResultsApproved => "results_approved",
        }
    }

    pub(crate) const ALL: [Status; 3] = [Status::Planned, Status::Held, Status::ResultsApproved];
}

/// Late: planned to end before `today` and not held.
pub(crate) fn is_late(plan: &CongressPlan, today: Date) -> bool {
    Status::of(plan) == Status::Planned && plan.planned.last_day() < today
}

pub(crate) fn level_key(l: LevelClass) -> String {
    format!("congress-level-{}", l.code())
}

pub(crate) fn kind_key(k: CongressKind) -> String {
    format!("congress-kind-{}", k.code())
}

pub(crate) fn contents_key(c: Contents) -> String {
    format!("congress-contents-{}", daihoi_store::congresses::contents_code(c))
}

pub(crate) fn gate_key(g: Gate) -> String {
    format!("congress-gate-{}", g.code())
}

pub(crate) fn question_key(q: OpenQuestion) -> String {
    format!("congress-question-{}", q.code())
}

pub(crate) fn tag_key(t: Tag) -> String {
    format!("congress-tag-{}", t.code())
}

pub(crate) fn status_key(s: Status) -> String {
    format!("congress-status-{}", s.code())
}

/// A length in days: `2`, `1½`, `½`.
pub(crate) fn length_text(l: Length) -> String {
    let (days, half) = (l.in_half_days() / 2, l.in_half_days() % 2 == 1);
    match (days, half) {
        (0, true) => "½".to_owned(),
        (d, true) => format!("{d}½"),
        (d, false) => d.to_string(),
    }
}

/// A scope in words.
pub(crate) fn scope_text(tr: Tr, scope: &Scope) -> String {
    match scope {
        Scope::Round => tr.t("congress-scope-round"),
        Scope::Level(l) => tr.t1("congress-scope-level-of", "level", tr.t(&level_key(*l))),
        Scope::Organization(code) => tr.t1("congress-scope-organization-of", "org", code),
    }
}

/// An answer's value in words.
pub(crate) fn value_text(tr: Tr, value: &AnswerValue) -> String {
    match value {
        AnswerValue::YesNo(true) => tr.t("congress-yes"),
        AnswerValue::YesNo(false) => tr.t("congress-no"),
        AnswerValue::Number(n) => tr.number(u64::from(*n)),
        AnswerValue::Text(t) => t.clone(),
        AnswerValue::Allocation(p) => tr.t_args(
            "congress-allocation-value",
            &[
                ("base", p.base_per_unit.to_string()),
                ("per", p.members_per_seat.to_string()),
                ("remainder", p.remainder_at_least.to_string()),
            ],
        ),
        AnswerValue::ListForm(f) => tr.t(list_form_key(*f)),
        AnswerValue::ReplacementOrder(o) => tr.t(replacement_key(*o)),
        AnswerValue::StepBase(b) => tr.t(step_base_key(*b)),
    }
}

pub(crate) fn list_form_key(f: AlternatesListForm) -> &'static str {
    match f {
        AlternatesListForm::JointList => "congress-list-form-joint_list",
        AlternatesListForm::SeparateBallots => "congress-list-form-separate_ballots",
    }
}

pub(crate) fn replacement_key(o: ReplacementOrder) -> &'static str {
    match o {
        ReplacementOrder::ByRank => "congress-replacement-by_rank",
        ReplacementOrder::DecidedEachTime => "congress-replacement-decided_each_time",
    }
}

pub(crate) fn step_base_key(b: StepBase) -> &'static str {
    match b {
        StepBase::Convened => "congress-step-base-convened",
        StepBase::Present => "congress-step-base-present",
    }
}

/// The choices of an answer of a closed form, as (code, message key).
pub(crate) fn choices(kind: AnswerKind) -> Vec<(&'static str, &'static str)> {
    match kind {
        AnswerKind::YesNo => vec![("yes", "congress-yes"), ("no", "congress-no")],
        AnswerKind::ListForm => vec![
            ("joint_list", list_form_key(AlternatesListForm::JointList)),
            ("separate_ballots", list_form_key(AlternatesListForm::SeparateBallots)),
        ],
        AnswerKind::ReplacementOrder => vec![
            ("by_rank", replacement_key(ReplacementOrder::ByRank)),
            ("decided_each_time", replacement_key(ReplacementOrder::DecidedEachTime)),
        ],
        AnswerKind::StepBase => {
            vec![("convened", step_base_key(StepBase::Convened)), ("present", step_base_key(StepBase::Present))]
        }
        AnswerKind::Number | AnswerKind::Text | AnswerKind::Allocation => Vec::new(),
    }
}

/// An answer of the form `kind` from its parts as a form sends them: the
/// value (a choice's code, a number, a text) and, for an allocation, its
/// three numbers. `None` when a part is missing or not of its form.
pub(crate) fn answer_value(kind: AnswerKind, value: &str, allocation: [&str; 3]) -> Option<AnswerValue> {
    let value = value.trim();
    let number = |t: &str| t.trim().parse::<u32>().ok();
    Some(match kind {
        AnswerKind::YesNo => AnswerValue::YesNo(match value {
            "yes" => true,
            "no" => false,
            _ => return None,
        }),
        AnswerKind::Number => AnswerValue::Number(number(value)?),
        AnswerKind::Text if value.is_empty() => return None,
        AnswerKind::Text => AnswerValue::Text(value.to_owned()),
        AnswerKind::Allocation => AnswerValue::Allocation(ProposalParameters {
            base_per_unit: number(allocation[0])?,
            members_per_seat: number(allocation[1]).filter(|n| *n > 0)?,
            remainder_at_least: number(allocation[2])?,
        }),
        AnswerKind::ListForm => AnswerValue::ListForm(match value {
            "joint_list" => AlternatesListForm::JointList,
            "separate_ballots" => AlternatesListForm::SeparateBallots,
            _ => return None,
        }),
        AnswerKind::ReplacementOrder => AnswerValue::ReplacementOrder(match value {
            "by_rank" => ReplacementOrder::ByRank,
            "decided_each_time" => ReplacementOrder::DecidedEachTime,
            _ => return None,
        }),
        AnswerKind::StepBase => AnswerValue::StepBase(match value {
            "convened" => StepBase::Convened,
            "present" => StepBase::Present,
            _ => return None,
        }),
    })
}

/// A warning in words, after its rule ID; an approved C-PLAN-1 warning says
/// by whom, on which day and by which document.
pub(crate) fn warning_text(tr: Tr, w: &PlanWarning) -> String {
    let d = |date: &Date| tr.date(date);
    let g = |gate: &Gate| tr.t(&gate_key(*gate));
    let text = match w {
        PlanWarning::AfterFinishBy { last_day, finish_by, .. } => {
            tr.t_args("congress-warning-after-finish-by", &[("last", d(last_day)), ("finish", d(finish_by))])
        }
        PlanWarning::LongerThanAllowed { length, allowed, .. } => tr
            .t_args("congress-warning-longer", &[("length", length_text(*length)), ("allowed", length_text(*allowed))]),
        PlanWarning::BeforeLowerCongress { lower, lower_last_day, opening, .. } => tr.t_args(
            "congress-warning-before-lower",
            &[("lower", lower.clone()), ("last", d(lower_last_day)), ("opening", d(opening))],
        ),
        PlanWarning::GateSkipped { gate, missing } => {
            tr.t_args("congress-warning-gate-skipped", &[("gate", g(gate)), ("missing", g(missing))])
        }
        PlanWarning::GateOutOfOrder { gate, on, earlier, earlier_on } => tr.t_args(
            "congress-warning-gate-out-of-order",
            &[("gate", g(gate)), ("on", d(on)), ("earlier", g(earlier)), ("earlier_on", d(earlier_on))],
        ),
        PlanWarning::GateWithoutReference { gate } => tr.t1("congress-warning-gate-without-reference", "gate", g(gate)),
        PlanWarning::GateTwice { gate } => tr.t1("congress-warning-gate-twice", "gate", g(gate)),
        PlanWarning::GateNotOfContents { gate } => tr.t1("congress-warning-gate-not-of-contents", "gate", g(gate)),
        PlanWarning::PersonnelPlanLate { approved_on, opening, lead_days } => tr.t_args(
            "congress-warning-personnel-plan-late",
            &[("approved", d(approved_on)), ("opening", d(opening)), ("days", lead_days.to_string())],
        ),
        PlanWarning::KindDiffers { planned, proposed, counted, threshold } => {
            let kinds = [("planned", tr.t(&kind_key(*planned))), ("proposed", tr.t(&kind_key(*proposed)))];
            match counted {
                Some(n) => tr.t_args(
                    "congress-warning-kind-differs-counted",
                    &[
                        kinds[0].clone(),
                        kinds[1].clone(),
                        ("counted", tr.number(u64::from(*n))),
                        ("threshold", tr.number(u64::from(*threshold))),
                    ],
                ),
                None => tr.t_args("congress-warning-kind-differs", &kinds),
            }
        }
        PlanWarning::Awaiting(a) => tr.t1("congress-warning-awaiting", "question", tr.t(&question_key(a.question))),
    };
    let approval = match w {
        PlanWarning::AfterFinishBy { approval, .. }
        | PlanWarning::LongerThanAllowed { approval, .. }
        | PlanWarning::BeforeLowerCongress { approval, .. } => approval.as_ref(),
        _ => None,
    };
    let approved = approval.map(|a| {
        tr.t_args(
            "congress-warning-approved",
            &[("by", a.approved_by.clone()), ("on", d(&a.on)), ("reference", a.reference.clone())],
        )
    });
    match approved {
        Some(a) => format!("{}: {text} {a}", w.rule()),
        None => format!("{}: {text}", w.rule()),
    }
}

/// The campaign's congresses coming in the next [`super::pages::COMING_DAYS`]
/// days and not held yet, soonest first, model congresses first on a day
/// (the dashboard's list and the report's).
pub(crate) fn coming(
    campaign: &[daihoi_store::congresses::access::CampaignLine],
    day: Date,
) -> Vec<&daihoi_store::congresses::access::CampaignLine> {
    let horizon = day.saturating_add(time::Duration::days(super::pages::COMING_DAYS));
    let mut coming: Vec<_> = campaign
        .iter()
        .filter(|l| l.congress.plan.actual.is_none())
        .filter(|l| (day..=horizon).contains(&l.congress.plan.planned.opening))
        .collect();
    coming.sort_by_key(|l| (l.congress.plan.planned.opening, !l.congress.plan.model));
    coming
}

/// The questions the campaign waits for, each with how many congresses
/// wait, in the order first met.
pub(crate) fn awaited(
    campaign: &[daihoi_store::congresses::access::CampaignLine],
) -> Vec<(daihoi_congress::OpenQuestion, u64)> {
    let mut awaiting: Vec<(daihoi_congress::OpenQuestion, u64)> = Vec::new();
    for w in campaign.iter().flat_map(|l| &l.warnings) {
        if let daihoi_congress::PlanWarning::Awaiting(a) = w {
            match awaiting.iter_mut().find(|(q, _)| *q == a.question) {
                Some((_, n)) => *n += 1,
                None => awaiting.push((a.question, 1)),
            }
        }
    }
    awaiting
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every key these functions build exists in every language (a missing
    /// key panics in debug builds).
    #[test]
    fn every_built_key_exists() {
        for lang in Lang::ALL {
            let tr = Tr::new(lang);
            let mut keys: Vec<String> = Vec::new();
            keys.extend(LevelClass::ALL.map(level_key));
            keys.extend([CongressKind::MemberCongress, CongressKind::DelegateCongress].map(kind_key));
            keys.extend([Contents::Full, Contents::TwoContents].map(contents_key));
            keys.extend(Gate::ALL.map(gate_key));
            keys.extend(OpenQuestion::ALL.map(question_key));
            keys.extend(
                [Tag::V1, Tag::V2, Tag::Inf, Tag::Old, Tag::Practice, Tag::DefaultConfigurable, Tag::Recorded]
                    .map(tag_key),
            );
            keys.extend(Status::ALL.map(status_key));
            for q in OpenQuestion::ALL {
                keys.push(format!("congress-answer-kind-{}", q.expects().code()));
                keys.extend(choices(q.expects()).into_iter().map(|(_, k)| k.to_owned()));
            }
            for key in keys {
                assert!(!tr.t(&key).is_empty(), "{lang}: {key}");
            }
        }
    }

    #[test]
    fn lengths_in_days() {
        assert_eq!(length_text(Length::half_days(1)), "½");
        assert_eq!(length_text(Length::half_days(3)), "1½");
        assert_eq!(length_text(Length::days(2)), "2");
    }

    #[test]
    fn answers_from_form_parts() {
        assert_eq!(answer_value(AnswerKind::YesNo, "no", ["", "", ""]), Some(AnswerValue::YesNo(false)));
        assert_eq!(answer_value(AnswerKind::Number, "x", ["", "", ""]), None);
        assert_eq!(answer_value(AnswerKind::Allocation, "", ["1", "0", "2"]), None);
        assert_eq!(
            answer_value(AnswerKind::Allocation, "", ["1", "20", "10"]),
            Some(AnswerValue::Allocation(ProposalParameters {
                base_per_unit: 1,
                members_per_seat: 20,
                remainder_at_least: 10
            }))
        );
    }
}
