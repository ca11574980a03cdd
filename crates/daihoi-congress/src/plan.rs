//! A congress's plan (kế hoạch đại hội): its kind (C-DEL-5), contents
//! (C-PLAN-3, C-PLAN-6), dates (C-PLAN-1) and gates (C-PLAN-5), and the
//! warnings the plan raises. Warnings are never errors: a date outside the
//! window is kept with a recorded higher approval.

use daihoi_election::Meeting;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::level::LevelClass;
use crate::round::{Awaiting, FinishBy, Length, OpenQuestion, RoundSettings, Scope, SettingKey, Used};

/// The kind of congress (C-DEL-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CongressKind {
    /// Đại hội đảng viên: every member.
    MemberCongress,
    /// Đại hội đại biểu: delegates.
    DelegateCongress,
}

impl CongressKind {
    pub fn code(self) -> &'static str {
        self.meeting().code()
    }

    /// The meeting of the election engine (R-BODY-3), whose base rule it uses.
    pub fn meeting(self) -> Meeting {
        match self {
            CongressKind::MemberCongress => Meeting::MemberCongress,
            CongressKind::DelegateCongress => Meeting::DelegateCongress,
        }
    }
}

/// Members counted on the planned date (the store counts them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub official: u32,
    pub probationary: u32,
}

/// Why a kind is proposed (C-DEL-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindBasis {
    /// A cell holds a member congress [INF].
    Cell,
    /// A grassroots organization with at least the threshold.
    AtThreshold,
    /// A grassroots organization under the threshold.
    UnderThreshold,
    /// Under the threshold, the directly higher committee agreed to a
    /// delegate congress.
    HigherCommitteeAgreed,
    /// Above grassroots, each level elects delegates to the next
    /// (C-PLAN-1) [INF].
    DelegatesFromBelow,
}

/// C-DEL-5: a proposed kind, with the count it used and the threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindProposal {
    pub kind: CongressKind,
    pub basis: KindBasis,
    /// The members compared with the threshold (`None` when no comparison
    /// was made). When the probationary members would not change the
    /// outcome, the official count is shown and no answer is needed.
    pub counted: Option<u32>,
    pub threshold: Option<Used>,
}

/// A recorded approval: by whom, on what date, by which document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub approved_by: String,
    pub on: Date,
    pub reference: String,
}

/// C-DEL-5: the kind of congress proposed for an organization of class
/// `level` whose members are counted on the planned date.
///
/// Whether probationary members count toward the threshold is [open]: the
/// answer is asked only when it changes the kind (official members under
/// the threshold, official and probationary at or above it).
pub fn propose_kind(
    level: LevelClass,
    members: Membership,
    higher_agreed: Option<&Approval>,
    settings: &RoundSettings,
) -> Result<KindProposal, Awaiting> {
    match level {
        LevelClass::Cell => {
            return Ok(KindProposal {
                kind: CongressKind::MemberCongress,
                basis: KindBasis::Cell,
                counted: None,
                threshold: None,
            });
        }
        LevelClass::Grassroots => {}
        _ => {
            return Ok(KindProposal {
                kind: CongressKind::DelegateCongress,
                basis: KindBasis::DelegatesFromBelow,
                counted: None,
                threshold: None,
            });
        }
    }
    let threshold = settings.delegate_congress_threshold.value;
    let with_probationary = members.official.saturating_add(members.probationary);
    let counted = if members.official >= threshold || with_probationary < threshold {
        members.official
    } else if settings.yes_no(OpenQuestion::ProbationaryCounted, &Scope::Round)? {
        with_probationary
    } else {
        members.official
    };
    let (kind, basis) = if counted >= threshold {
        (CongressKind::DelegateCongress, KindBasis::AtThreshold)
    } else if higher_agreed.is_some() {
        (CongressKind::DelegateCongress, KindBasis::HigherCommitteeAgreed)
    } else {
        (CongressKind::MemberCongress, KindBasis::UnderThreshold)
    };
    Ok(KindProposal {
        kind,
        basis,
        counted: Some(counted),
        threshold: Some(settings.delegate_congress_threshold.used(SettingKey::DelegateCongressThreshold)),
    })
}

/// C-DEL-5: what a plan's kind gets from its proposal: a warning when the
/// kind planned differs from the proposal and is not the higher committee's
/// decision (`decided`), the question when the proposal waits for one.
/// `threshold` is the round's.
pub fn kind_warning(
    planned: CongressKind,
    decided: bool,
    proposal: &Result<KindProposal, Awaiting>,
    threshold: u32,
) -> Option<PlanWarning> {
    match proposal {
        Ok(p) if p.kind != planned && !decided => {
            Some(PlanWarning::KindDiffers { planned, proposed: p.kind, counted: p.counted, threshold })
        }
        Ok(_) => None,
        Err(a) => Some(PlanWarning::Awaiting(a.clone())),
    }
}

/// An item of the agenda (C-PLAN-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgendaItem {
    /// Review 2020–2025, set 2025–2030 directions.
    Review,
    /// Comment on the 14th Congress's and the higher congress's drafts.
    CommentOnDrafts,
    /// Elect the committee.
    ElectCommittee,
    /// Elect the delegation to the higher congress.
    ElectDelegation,
}

/// A congress's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contents {
    /// The four contents (C-PLAN-6).
    Full,
    /// Đại hội 2 nội dung: merged or new organizations, contents 1–2 only;
    /// the old committee leads until the new one is appointed (C-PLAN-3).
    TwoContents,
}

impl Contents {
    pub fn agenda(self) -> &'static [AgendaItem] {
        match self {
            Contents::Full => &[
                AgendaItem::Review,
                AgendaItem::CommentOnDrafts,
                AgendaItem::ElectCommittee,
                AgendaItem::ElectDelegation,
            ],
            Contents::TwoContents => &[AgendaItem::Review, AgendaItem::CommentOnDrafts],
        }
    }

    /// Elects a committee and a delegation.
    pub fn elects(self) -> bool {
        self == Contents::Full
    }
}

/// The gates of a congress, in order (C-PLAN-5, R-AFTER-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gate {
    /// The plan is approved.
    PlanApproved,
    /// The higher level has commented on the draft documents.
    DraftsCommented,
    /// The higher level has approved the personnel plan (đề án nhân sự).
    PersonnelPlanApproved,
    /// The congress was held.
    Held,
    /// The results are approved (chuẩn y, R-AFTER-1).
    ResultsApproved,
}

impl Gate {
    pub const ALL: [Gate; 5] =
        [Gate::PlanApproved, Gate::DraftsCommented, Gate::PersonnelPlanApproved, Gate::Held, Gate::ResultsApproved];

    pub fn code(self) -> &'static str {
        match self {
            Gate::PlanApproved => "plan_approved",
            Gate::DraftsCommented => "drafts_commented",
            Gate::PersonnelPlanApproved => "personnel_plan_approved",
            Gate::Held => "held",
            Gate::ResultsApproved => "results_approved",
        }
    }

    /// The gates a congress of these contents passes: a 2-content congress
    /// elects nobody, so has no personnel plan and no results to approve.
    pub fn applies_to(self, contents: Contents) -> bool {
        contents.elects() || !matches!(self, Gate::PersonnelPlanApproved | Gate::ResultsApproved)
    }
}

/// A gate passed, with its approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateRecord {
    pub gate: Gate,
    pub approved_by: String,
    pub on: Date,
    pub reference: String,
}

/// When a congress opens and how long it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub opening: Date,
    pub length: Length,
}

impl Schedule {
    /// The last calendar day of the congress: a 3-day congress opening on
    /// 20/10 ends on 22/10.
    pub fn last_day(&self) -> Date {
        let extra = i64::from(self.length.calendar_days().max(1)) - 1;
        self.opening.saturating_add(Duration::days(extra))
    }
}

/// A congress's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CongressPlan {
    /// The organization's code.
    pub organization: String,
    pub level: LevelClass,
    pub kind: CongressKind,
    pub contents: Contents,
    /// Đại hội điểm: a model congress, held first.
    pub model: bool,
    pub planned: Schedule,
    pub actual: Option<Schedule>,
    /// C-PLAN-1: the higher level's approval of a date or length outside
    /// the window.
    pub date_approval: Option<Approval>,
    /// The gates passed, as recorded.
    pub gates: Vec<GateRecord>,
}

impl CongressPlan {
    /// The schedule that counts: the actual one once held, else the planned.
    pub fn schedule(&self) -> Schedule {
        self.actual.unwrap_or(self.planned)
    }

    /// Whether the congress was held: its actual dates are recorded, or
    /// the gate "held" or the approval of its results is.
    pub fn is_held(&self) -> bool {
        self.actual.is_some() || self.gates.iter().any(|g| matches!(g.gate, Gate::Held | Gate::ResultsApproved))
    }
}

/// What a plan's check finds (C-PLAN-1, C-PLAN-5). Warnings, never errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "warning")]
pub enum PlanWarning {
    /// C-PLAN-1: the congress ends after its level's finish-by date.
    AfterFinishBy { last_day: Date, finish_by: Date, approval: Option<Approval>, window: Used },
    /// C-PLAN-1: the congress is longer than its level allows.
    LongerThanAllowed { length: Length, allowed: Length, approval: Option<Approval>, window: Used },
    /// C-PLAN-1: the congress opens before a lower congress that sends it
    /// delegates has ended.
    BeforeLowerCongress { lower: String, lower_last_day: Date, opening: Date, approval: Option<Approval> },
    /// C-PLAN-5: a gate is recorded while an earlier gate is not.
    GateSkipped { gate: Gate, missing: Gate },
    /// C-PLAN-5: a gate is dated before an earlier gate.
    GateOutOfOrder { gate: Gate, on: Date, earlier: Gate, earlier_on: Date },
    /// C-PLAN-5: a gate recorded without who approved it or its reference.
    GateWithoutReference { gate: Gate },
    /// C-PLAN-5: a gate recorded twice.
    GateTwice { gate: Gate },
    /// C-PLAN-3: a gate that a 2-content congress does not pass.
    GateNotOfContents { gate: Gate },
    /// C-PLAN-5: the personnel plan was approved later than the recorded
    /// lead time before the opening.
    PersonnelPlanLate { approved_on: Date, opening: Date, lead_days: u32 },
    /// C-DEL-5: the kind planned is not the one the members on the planned
    /// date propose, and no decision of the higher committee says so.
    KindDiffers { planned: CongressKind, proposed: CongressKind, counted: Option<u32>, threshold: u32 },
    /// A check waits for an answer (C-PLAN-5's lead time, C-DEL-5's
    /// probationary members).
    Awaiting(Awaiting),
}

impl PlanWarning {
    pub fn rule(&self) -> &'static str {
        match self {
            PlanWarning::AfterFinishBy { .. }
            | PlanWarning::LongerThanAllowed { .. }
            | PlanWarning::BeforeLowerCongress { .. } => "C-PLAN-1",
            PlanWarning::GateNotOfContents { .. } => "C-PLAN-3",
            PlanWarning::KindDiffers { .. } => "C-DEL-5",
            PlanWarning::Awaiting(a) => a.rule(),
            _ => "C-PLAN-5",
        }
    }

    /// The date warnings of C-PLAN-1 are kept only with a recorded higher
    /// approval: `true` when the plan has one.
    pub fn approved(&self) -> bool {
        match self {
            PlanWarning::AfterFinishBy { approval, .. }
            | PlanWarning::LongerThanAllowed { approval, .. }
            | PlanWarning::BeforeLowerCongress { approval, .. } => approval.is_some(),
            _ => false,
        }
    }
}

/// C-PLAN-1, C-PLAN-5: the warnings of a plan. `lower` are the congresses
/// that send it delegates (a 2-content congress among them elects none and
/// is not compared).
pub fn warnings(plan: &CongressPlan, lower: &[CongressPlan], settings: &RoundSettings) -> Vec<PlanWarning> {
    let mut out = Vec::new();
    let schedule = plan.schedule();
    if let Some(window) = settings.window(plan.level) {
        if let FinishBy::By { date } = window.value.finish_by
            && schedule.last_day() > date
        {
            out.push(PlanWarning::AfterFinishBy {
                last_day: schedule.last_day(),
                finish_by: date,
                approval: plan.date_approval.clone(),
                window: window.used(SettingKey::Window(plan.level)),
            });
        }
        if let Some(allowed) = window.value.length
            && schedule.length > allowed
        {
            out.push(PlanWarning::LongerThanAllowed {
                length: schedule.length,
                allowed,
                approval: plan.date_approval.clone(),
                window: window.used(SettingKey::Window(plan.level)),
            });
        }
    }
    for l in lower.iter().filter(|l| l.contents.elects()) {
        let lower_last_day = l.schedule().last_day();
        if lower_last_day >= schedule.opening {
            out.push(PlanWarning::BeforeLowerCongress {
                lower: l.organization.clone(),
                lower_last_day,
                opening: schedule.opening,
                approval: plan.date_approval.clone(),
            });
        }
    }
    gate_warnings(plan, settings, &mut out);
    out
}

fn gate_warnings(plan: &CongressPlan, settings: &RoundSettings, out: &mut Vec<PlanWarning>) {
    let applicable: Vec<Gate> = Gate::ALL.into_iter().filter(|g| g.applies_to(plan.contents)).collect();
    let mut seen: Vec<Gate> = Vec::new();
    for r in &plan.gates {
        if seen.contains(&r.gate) {
            out.push(PlanWarning::GateTwice { gate: r.gate });
            continue;
        }
        seen.push(r.gate);
        if !applicable.contains(&r.gate) {
            out.push(PlanWarning::GateNotOfContents { gate: r.gate });
        }
        if r.approved_by.trim().is_empty() || r.reference.trim().is_empty() {
            out.push(PlanWarning::GateWithoutReference { gate: r.gate });
        }
    }
    let first = |g: Gate| plan.gates.iter().find(|r| r.gate == g);
    for (i, &gate) in applicable.iter().enumerate() {
        let Some(record) = first(gate) else { continue };
        for &earlier in &applicable[..i] {
            match first(earlier) {
                None => out.push(PlanWarning::GateSkipped { gate, missing: earlier }),
                Some(e) if e.on > record.on => {
                    out.push(PlanWarning::GateOutOfOrder { gate, on: record.on, earlier, earlier_on: e.on })
                }
                Some(_) => {}
            }
        }
    }
    if plan.contents.elects() {
        match settings.number(OpenQuestion::PersonnelPlanLeadDays, &Scope::Level(plan.level)) {
            Err(awaiting) => out.push(PlanWarning::Awaiting(awaiting)),
            Ok(lead_days) => {
                let opening = plan.schedule().opening;
                if let Some(r) = first(Gate::PersonnelPlanApproved)
                    && r.on.saturating_add(Duration::days(i64::from(lead_days))) > opening
                {
                    out.push(PlanWarning::PersonnelPlanLate { approved_on: r.on, opening, lead_days });
                }
            }
        }
    }
}

/// Who approves a personnel plan (C-PLAN-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "approver", content = "name")]
pub enum Approver {
    /// Provinces and the committees directly under the Centre [V2].
    Politburo,
    /// New communes (C-PER-10) [V2].
    ProvincialStandingCommittee,
    /// Another level: the recorded answer.
    Recorded(String),
}

/// C-PLAN-5: who approves the personnel plan of a congress of `level`
/// (`new_commune`: a commune set up in 2025, C-PER-10). Other levels: [open].
pub fn personnel_plan_approver(
    level: LevelClass,
    new_commune: bool,
    settings: &RoundSettings,
) -> Result<Approver, Awaiting> {
    match level {
        LevelClass::UnderCentre => Ok(Approver::Politburo),
        LevelClass::Commune if new_commune => Ok(Approver::ProvincialStandingCommittee),
        _ => {
            let question = OpenQuestion::PersonnelPlanApprover;
            let scope = Scope::Level(level);
            match &settings.answer_in(question, &scope)?.value {
                crate::round::AnswerValue::Text(t) => Ok(Approver::Recorded(t.clone())),
                _ => Err(Awaiting { question, scope }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::{Answer, AnswerValue};
    use time::macros::date;

    fn plan(level: LevelClass, opening: Date, days: u32) -> CongressPlan {
        CongressPlan {
            organization: "X".into(),
            level,
            kind: CongressKind::DelegateCongress,
            contents: Contents::Full,
            model: false,
            planned: Schedule { opening, length: Length::days(days) },
            actual: None,
            date_approval: None,
            gates: vec![],
        }
    }

    fn record(gate: Gate, on: Date) -> GateRecord {
        GateRecord { gate, approved_by: "Ban Thường vụ".into(), on, reference: "123-QĐ/TU".into() }
    }

    fn answer(value: AnswerValue) -> Answer {
        Answer {
            value, by: "Ban Thường vụ Tỉnh ủy".into(), at: date!(2025 - 02 - 01), why: "Kế hoạch 5".into()
        }
    }

    fn date_warnings(w: &[PlanWarning]) -> Vec<&PlanWarning> {
        w.iter().filter(|w| w.rule() == "C-PLAN-1").collect()
    }

    /// C-DEL-5: ≥ 200 → delegate; under → member unless the higher
    /// committee agreed; cells → member; probationary members asked only
    /// when they would change the kind.
    #[test]
    fn c_del_5_kind() {
        let s = RoundSettings::term_2025_2030();
        let m = |official, probationary| Membership { official, probationary };
        let g = LevelClass::Grassroots;
        assert_eq!(propose_kind(g, m(200, 0), None, &s).unwrap().kind, CongressKind::DelegateCongress);
        assert_eq!(propose_kind(g, m(199, 0), None, &s).unwrap().kind, CongressKind::MemberCongress);
        assert_eq!(propose_kind(g, m(150, 30), None, &s).unwrap().kind, CongressKind::MemberCongress);
        let agreed =
            Approval { approved_by: "Đảng ủy xã".into(), on: date!(2025 - 03 - 01), reference: "7-CV".into() };
        let p = propose_kind(g, m(150, 0), Some(&agreed), &s).unwrap();
        assert_eq!((p.kind, p.basis), (CongressKind::DelegateCongress, KindBasis::HigherCommitteeAgreed));
        assert_eq!(propose_kind(LevelClass::Cell, m(500, 0), None, &s).unwrap().kind, CongressKind::MemberCongress);
        // 190 official + 15 probationary: the answer decides.
        assert_eq!(
            propose_kind(g, m(190, 15), None, &s),
            Err(Awaiting { question: OpenQuestion::ProbationaryCounted, scope: Scope::Round })
        );
        let mut yes = s.clone();
        yes.record(OpenQuestion::ProbationaryCounted, Scope::Round, answer(AnswerValue::YesNo(true))).unwrap();
        let p = propose_kind(g, m(190, 15), None, &yes).unwrap();
        assert_eq!((p.kind, p.counted), (CongressKind::DelegateCongress, Some(205)));
        let mut no = s.clone();
        no.record(OpenQuestion::ProbationaryCounted, Scope::Round, answer(AnswerValue::YesNo(false))).unwrap();
        assert_eq!(propose_kind(g, m(190, 15), None, &no).unwrap().kind, CongressKind::MemberCongress);
        // The threshold is a default, and the proposal says so.
        assert!(p.threshold.unwrap().shipped);
    }

    /// C-DEL-5: a planned kind other than the proposal is a warning unless
    /// the higher committee decided it; a proposal that waits is the
    /// question, not a guess.
    #[test]
    fn c_del_5_kind_warning() {
        let s = RoundSettings::term_2025_2030();
        let m = |official, probationary| Membership { official, probationary };
        let g = LevelClass::Grassroots;
        let (member, delegate) = (CongressKind::MemberCongress, CongressKind::DelegateCongress);
        let big = propose_kind(g, m(250, 0), None, &s);
        assert_eq!(kind_warning(delegate, false, &big, 200), None);
        assert_eq!(
            kind_warning(member, false, &big, 200),
            Some(PlanWarning::KindDiffers { planned: member, proposed: delegate, counted: Some(250), threshold: 200 })
        );
        assert_eq!(kind_warning(member, true, &big, 200), None);
        let w = kind_warning(delegate, false, &propose_kind(g, m(190, 15), None, &s), 200).unwrap();
        assert!(matches!(&w, PlanWarning::Awaiting(a) if a.question == OpenQuestion::ProbationaryCounted), "{w:?}");
        assert_eq!(w.rule(), "C-DEL-5");
        let cell = propose_kind(LevelClass::Cell, m(300, 0), None, &s);
        assert_eq!(kind_warning(delegate, false, &cell, 200).map(|w| w.rule()), Some("C-DEL-5"));
    }

    /// C-PLAN-3, C-PLAN-6: the agenda of each contents.
    #[test]
    fn c_plan_3_two_contents() {
        assert_eq!(Contents::Full.agenda().len(), 4);
        assert_eq!(Contents::TwoContents.agenda(), &[AgendaItem::Review, AgendaItem::CommentOnDrafts]);
        assert!(!Gate::PersonnelPlanApproved.applies_to(Contents::TwoContents));
        assert!(Gate::Held.applies_to(Contents::TwoContents));
        let mut p = plan(LevelClass::Commune, date!(2025 - 08 - 10), 2);
        p.contents = Contents::TwoContents;
        p.gates = vec![
            record(Gate::PlanApproved, date!(2025 - 06 - 01)),
            record(Gate::ResultsApproved, date!(2025 - 08 - 20)),
        ];
        let w = warnings(&p, &[], &RoundSettings::term_2025_2030());
        assert!(w.contains(&PlanWarning::GateNotOfContents { gate: Gate::ResultsApproved }), "{w:?}");
        // No lead-time question for a congress that elects nobody.
        assert!(!w.iter().any(|w| matches!(w, PlanWarning::Awaiting(_))), "{w:?}");
    }

    /// C-PLAN-1: after the finish-by date, longer than allowed, or before
    /// a lower congress that sends delegates: warnings, which say whether
    /// a higher approval is recorded.
    #[test]
    fn c_plan_1_dates() {
        let s = RoundSettings::term_2025_2030();
        let on_time = plan(LevelClass::Grassroots, date!(2025 - 06 - 29), 2);
        assert!(date_warnings(&warnings(&on_time, &[], &s)).is_empty());
        let late = plan(LevelClass::Grassroots, date!(2025 - 06 - 30), 2);
        let w = warnings(&late, &[], &s);
        assert!(matches!(date_warnings(&w)[..], [PlanWarning::AfterFinishBy { .. }]), "{w:?}");
        let long = plan(LevelClass::Grassroots, date!(2025 - 05 - 01), 3);
        assert!(matches!(date_warnings(&warnings(&long, &[], &s))[..], [PlanWarning::LongerThanAllowed { .. }]));

        let province = plan(LevelClass::UnderCentre, date!(2025 - 10 - 20), 3);
        let mut commune = plan(LevelClass::Commune, date!(2025 - 10 - 19), 2);
        commune.organization = "XA-01".into();
        let w = warnings(&province, std::slice::from_ref(&commune), &s);
        assert!(matches!(&date_warnings(&w)[..], [PlanWarning::BeforeLowerCongress { lower, .. }] if lower == "XA-01"));
        commune.planned.opening = date!(2025 - 10 - 18);
        assert!(date_warnings(&warnings(&province, std::slice::from_ref(&commune), &s)).is_empty());
        // A 2-content lower congress elects no delegation.
        commune.planned.opening = date!(2025 - 10 - 25);
        commune.contents = Contents::TwoContents;
        assert!(date_warnings(&warnings(&province, std::slice::from_ref(&commune), &s)).is_empty());
    }

    /// C-PLAN-5: gates in order, each with its approval; the lead time of
    /// the personnel plan is [open].
    #[test]
    fn c_plan_5_gates() {
        let s = RoundSettings::term_2025_2030();
        let mut p = plan(LevelClass::Commune, date!(2025 - 08 - 10), 2);
        p.gates = vec![
            record(Gate::PlanApproved, date!(2025 - 05 - 01)),
            record(Gate::DraftsCommented, date!(2025 - 07 - 01)),
            record(Gate::PersonnelPlanApproved, date!(2025 - 08 - 05)),
            record(Gate::Held, date!(2025 - 08 - 10)),
        ];
        let awaiting = PlanWarning::Awaiting(Awaiting {
            question: OpenQuestion::PersonnelPlanLeadDays,
            scope: Scope::Level(LevelClass::Commune),
        });
        assert_eq!(warnings(&p, &[], &s), vec![awaiting.clone()]);
        let mut answered = s.clone();
        answered
            .record(
                OpenQuestion::PersonnelPlanLeadDays,
                Scope::Level(LevelClass::Commune),
                answer(AnswerValue::Number(15)),
            )
            .unwrap();
        assert_eq!(
            warnings(&p, &[], &answered),
            vec![PlanWarning::PersonnelPlanLate {
                approved_on: date!(2025 - 08 - 05),
                opening: date!(2025 - 08 - 10),
                lead_days: 15
            }]
        );
        p.gates[2].on = date!(2025 - 07 - 20);
        assert_eq!(warnings(&p, &[], &answered), vec![]);

        // Held without the personnel plan; drafts commented after the plan
        // was held; a gate without its reference.
        p.gates.remove(2);
        p.gates[1].on = date!(2025 - 08 - 12);
        p.gates[0].reference = String::new();
        let w = warnings(&p, &[], &answered);
        assert!(w.contains(&PlanWarning::GateWithoutReference { gate: Gate::PlanApproved }), "{w:?}");
        assert!(w.contains(&PlanWarning::GateSkipped { gate: Gate::Held, missing: Gate::PersonnelPlanApproved }));
        assert!(w.contains(&PlanWarning::GateOutOfOrder {
            gate: Gate::Held,
            on: date!(2025 - 08 - 10),
            earlier: Gate::DraftsCommented,
            earlier_on: date!(2025 - 08 - 12)
        }));
        p.gates.push(record(Gate::Held, date!(2025 - 08 - 11)));
        assert!(warnings(&p, &[], &answered).contains(&PlanWarning::GateTwice { gate: Gate::Held }));
    }

    /// C-PLAN-5: the Politburo for provinces, the provincial standing
    /// committee for new communes, [open] elsewhere.
    #[test]
    fn c_plan_5_approver() {
        let mut s = RoundSettings::term_2025_2030();
        assert_eq!(personnel_plan_approver(LevelClass::UnderCentre, false, &s), Ok(Approver::Politburo));
        assert_eq!(personnel_plan_approver(LevelClass::Commune, true, &s), Ok(Approver::ProvincialStandingCommittee));
        assert!(personnel_plan_approver(LevelClass::Grassroots, false, &s).is_err());
        s.record(
            OpenQuestion::PersonnelPlanApprover,
            Scope::Level(LevelClass::Grassroots),
            answer(AnswerValue::Text("Ban Thường vụ Đảng ủy xã".into())),
        )
        .unwrap();
        assert_eq!(
            personnel_plan_approver(LevelClass::Grassroots, false, &s),
            Ok(Approver::Recorded("Ban Thường vụ Đảng ủy xã".into()))
        );
        assert!(personnel_plan_approver(LevelClass::Commune, false, &s).is_err());
    }
}
