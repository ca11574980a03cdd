//! A round (nhiệm kỳ, e.g. 2025–2030; a by-election uses the same model) and
//! its settings (congress.md §5). Every value carries its evidence [`Tag`],
//! its source (a document number as text) and who set it; every [open] rule
//! is an [`OpenQuestion`] whose [`Answer`] a person records. A rule that
//! depends on an unanswered question returns [`Awaiting`], never a guess.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

use crate::CongressError;
use crate::allocation::{CapClass, NationalParameters, ProposalParameters};
use crate::level::LevelClass;
use crate::month::YearMonth;
use crate::personnel::StepBase;

/// The evidence behind a value (congress.md, "Tags").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// The text of the source was seen.
    V1,
    /// A summary naming the text.
    V2,
    /// Inferred.
    Inf,
    /// The 2020 round or earlier.
    Old,
    /// One locality's practice.
    Practice,
    /// Shipped as a default that an administrator may change per round;
    /// results that use it say so ([`Used`]).
    DefaultConfigurable,
    /// Entered by a person for this round ([`SetBy::Person`]).
    Recorded,
}

impl Tag {
    pub fn code(self) -> &'static str {
        match self {
            Tag::V1 => "v1",
            Tag::V2 => "v2",
            Tag::Inf => "inf",
            Tag::Old => "old",
            Tag::Practice => "practice",
            Tag::DefaultConfigurable => "default_configurable",
            Tag::Recorded => "recorded",
        }
    }
}

/// Who set a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum SetBy {
    /// Shipped with the software, from the research notes.
    Shipped,
    /// An administrator, on a date, for a reason.
    Person { name: String, on: Date, why: String },
}

/// A value of the round's settings with its tags, source and author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setting<T> {
    pub value: T,
    pub tags: Vec<Tag>,
    /// The document(s) the value comes from, by number: "45-CT/TW".
    pub source: String,
    pub set_by: SetBy,
}

impl<T> Setting<T> {
    /// A value shipped with the software.
    pub fn shipped(value: T, tags: &[Tag], source: &str) -> Setting<T> {
        Setting { value, tags: tags.to_vec(), source: source.to_owned(), set_by: SetBy::Shipped }
    }

    /// An administrator's value for this round: the tags become
    /// [`Tag::Recorded`], the source is the one they give.
    pub fn change(&mut self, value: T, source: &str, name: &str, on: Date, why: &str) {
        self.value = value;
        self.tags = vec![Tag::Recorded];
        self.source = source.to_owned();
        self.set_by = SetBy::Person { name: name.to_owned(), on, why: why.to_owned() };
    }

    /// Still the shipped value.
    pub fn is_shipped(&self) -> bool {
        self.set_by == SetBy::Shipped
    }

    /// What a result says about this setting when it used it.
    pub fn used(&self, setting: SettingKey) -> Used {
        Used { setting, tags: self.tags.clone(), source: self.source.clone(), shipped: self.is_shipped() }
    }
}

/// The name of a setting, for [`Used`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "setting", content = "level")]
pub enum SettingKey {
    Window(LevelClass),
    StateLeadershipReference,
    DelegateCongressThreshold,
    Caps2020,
    National,
    FirstTimeMonths,
    ReelectionMonths,
    ProvincialDeputySecretaryMonths,
    StateOrFrontMonths,
    StepTwoQuorum,
    CellTermMonths,
    PilotCellTermMonths,
    ReprimandBarMonths,
    OpenMatterBlocks,
    PreviousTermFrom,
    LetterDays,
}

/// A setting a result used, with its tags: results that used a default say
/// so (congress.md, "[default, configurable]").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Used {
    pub setting: SettingKey,
    pub tags: Vec<Tag>,
    pub source: String,
    pub shipped: bool,
}

/// A congress's length in half days (½ day for a cell, 2 days, 4 days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Length {
    half_days: u32,
}

impl Length {
    pub fn half_days(n: u32) -> Length {
        Length { half_days: n }
    }

    pub fn days(n: u32) -> Length {
        Length { half_days: n.saturating_mul(2) }
    }

    pub fn in_half_days(self) -> u32 {
        self.half_days
    }

    /// The calendar days it takes: ½ day and 1 day take 1, 1½ and 2 take 2.
    pub fn calendar_days(self) -> u32 {
        self.half_days.div_ceil(2)
    }
}

/// When the congresses of a level must be finished (C-PLAN-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FinishBy {
    /// On or before this date.
    By { date: Date },
    /// "Early in" a year (the 14th National Congress: early 2026): no date
    /// to check against.
    EarlyIn { year: i32 },
}

/// A level's window in the round (C-PLAN-1, C-PER-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelWindow {
    /// The longest a congress of the level lasts (including the preparatory
    /// session, C-PLAN-8); `None` where the sources set none.
    pub length: Option<Length>,
    pub finish_by: FinishBy,
    /// The age reference month (thời điểm tính tuổi, C-PER-1); `None` where
    /// the sources set none.
    pub age_reference: Option<YearMonth>,
}

/// One row of the 2020 caps on a delegate congress's size (C-DEL-4, OLD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cap2020 {
    pub class: CapClass,
    /// The lower end of a range ("300 to 350"); `None` for "at most".
    pub min: Option<u32>,
    pub max: u32,
}

/// The five-step process's step-2 quorum (C-PER-9): `numerator/denominator`
/// of those convened must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quorum {
    pub numerator: u32,
    pub denominator: u32,
}

/// Time limits to settle a letter about a candidate (C-PLAN-10), in days
/// from receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterDays {
    pub local: u32,
    pub central: u32,
}

/// The term of a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundTerm {
    pub from_year: i32,
    pub to_year: i32,
}

/// A rule the sources leave [open] (congress.md): the software has no
/// default, a person answers and the answer is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenQuestion {
    /// C-DEL-5: are probationary members counted toward the 200?
    ProbationaryCounted,
    /// C-PLAN-2: is this cell a pilot (thí điểm) cell, meeting once in 5
    /// years? Asked per cell (or once for the round).
    PilotCell,
    /// C-PLAN-5: who approves the personnel plan at the other levels.
    PersonnelPlanApprover,
    /// C-PLAN-5: how many days before the congress the personnel plan must
    /// be approved.
    PersonnelPlanLeadDays,
    /// C-DEL-2: the parameters of an allocation proposal.
    AllocationParameters,
    /// C-DEL-4: the 2025 cap on a delegate congress's size.
    DelegateCap,
    /// C-DEL-7: are alternate (dự khuyết) members of the convening committee
    /// ex-officio delegates?
    AlternatesExOfficio,
    /// C-DEL-8: the most designated seats a congress may have.
    DesignatedCap,
    /// C-DEL-9: is a substitute convened for a delegate not convened?
    SubstituteConvened,
    /// C-DEL-10: alternates on one joint list or on separate ballots.
    AlternatesListForm,
    /// C-DEL-10: the order in which alternates replace absent officials.
    AlternatesReplacementOrder,
    /// C-DEL-11: further rounds and added names when the delegation is not
    /// filled: the congress's decision at the decision point (R-RANK-3).
    DelegationFurtherRounds,
    /// Comments on the higher drafts (content 2): deadlines.
    CommentDeadlineDays,
    /// C-PER-2: does the reference month count in the months left?
    ReferenceMonthCounts,
    /// C-PER-5: the standards appendix (a checklist an administrator keeps).
    Standards,
    /// C-PER-5: the minimum time in post before a higher one, in months.
    MinimumMonthsInPost,
    /// C-PER-6: structure targets (women, ethnic minorities, renewal).
    StructureTargets,
    /// C-PER-6: the youth age line (40 or 42).
    YouthAgeLine,
    /// C-PER-7: committee, standing committee and deputy numbers of communes
    /// and grassroots organizations.
    CommitteeNumbers,
    /// C-PER-9: the base of step 2: those convened or those present.
    StepTwoBase,
    /// C-PER-11: does KL150's bar on higher posts apply outside merged
    /// provinces and new communes?
    Kl150Elsewhere,
    /// C-PER-11: is re-election an "equivalent post" under QĐ 296's
    /// reprimand bar?
    ReelectionIsEquivalentPost,
    /// C-PER-11: the bar's length for a warning or a dismissal, in months.
    WarningOrDismissalMonths,
    /// C-PLAN-10: QĐ 296's time limits for a letter, in days.
    LetterDaysQd296,
    /// C-PLAN-10: the pre-congress cut-off for letters, in days.
    LetterCutoffDays,
    /// C-PER-14: cell secretaries' age limits (per province data).
    CellSecretaryAgeLimits,
    /// C-PLAN-7 with D-NUM-4: the issuer code (ký hiệu cơ quan ban hành) a
    /// congress's adopted resolution is numbered with in its organization's
    /// register (`01-NQ/ĐH`?): D-NUM-4 leaves the issuers other than the
    /// Central and provincial ones to the organization's own registry.
    ResolutionIssuer,
}

/// The form an answer takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    YesNo,
    Number,
    Text,
    Allocation,
    ListForm,
    ReplacementOrder,
    StepBase,
}

impl AnswerKind {
    pub fn code(self) -> &'static str {
        match self {
            AnswerKind::YesNo => "yes_no",
            AnswerKind::Number => "number",
            AnswerKind::Text => "text",
            AnswerKind::Allocation => "allocation",
            AnswerKind::ListForm => "list_form",
            AnswerKind::ReplacementOrder => "replacement_order",
            AnswerKind::StepBase => "step_base",
        }
    }
}

impl OpenQuestion {
    pub const ALL: [OpenQuestion; 27] = [
        OpenQuestion::ProbationaryCounted,
        OpenQuestion::PilotCell,
        OpenQuestion::PersonnelPlanApprover,
        OpenQuestion::PersonnelPlanLeadDays,
        OpenQuestion::AllocationParameters,
        OpenQuestion::DelegateCap,
        OpenQuestion::AlternatesExOfficio,
        OpenQuestion::DesignatedCap,
        OpenQuestion::SubstituteConvened,
        OpenQuestion::AlternatesListForm,
        OpenQuestion::AlternatesReplacementOrder,
        OpenQuestion::DelegationFurtherRounds,
        OpenQuestion::CommentDeadlineDays,
        OpenQuestion::ReferenceMonthCounts,
        OpenQuestion::Standards,
        OpenQuestion::MinimumMonthsInPost,
        OpenQuestion::StructureTargets,
        OpenQuestion::YouthAgeLine,
        OpenQuestion::CommitteeNumbers,
        OpenQuestion::StepTwoBase,
        OpenQuestion::Kl150Elsewhere,
        OpenQuestion::ReelectionIsEquivalentPost,
        OpenQuestion::WarningOrDismissalMonths,
        OpenQuestion::LetterDaysQd296,
        OpenQuestion::LetterCutoffDays,
        OpenQuestion::CellSecretaryAgeLimits,
        OpenQuestion::ResolutionIssuer,
    ];

    /// The stable code stored in the database and used in the pages' keys.
    pub fn code(self) -> &'static str {
        use OpenQuestion::*;
        match self {
            ProbationaryCounted => "probationary_counted",
            PilotCell => "pilot_cell",
            PersonnelPlanApprover => "personnel_plan_approver",
            PersonnelPlanLeadDays => "personnel_plan_lead_days",
            AllocationParameters => "allocation_parameters",
            DelegateCap => "delegate_cap",
            AlternatesExOfficio => "alternates_ex_officio",
            DesignatedCap => "designated_cap",
            SubstituteConvened => "substitute_convened",
            AlternatesListForm => "alternates_list_form",
            AlternatesReplacementOrder => "alternates_replacement_order",
            DelegationFurtherRounds => "delegation_further_rounds",
            CommentDeadlineDays => "comment_deadline_days",
            ReferenceMonthCounts => "reference_month_counts",
            Standards => "standards",
            MinimumMonthsInPost => "minimum_months_in_post",
            StructureTargets => "structure_targets",
            YouthAgeLine => "youth_age_line",
            CommitteeNumbers => "committee_numbers",
            StepTwoBase => "step_two_base",
            Kl150Elsewhere => "kl150_elsewhere",
            ReelectionIsEquivalentPost => "reelection_is_equivalent_post",
            WarningOrDismissalMonths => "warning_or_dismissal_months",
            LetterDaysQd296 => "letter_days_qd296",
            LetterCutoffDays => "letter_cutoff_days",
            CellSecretaryAgeLimits => "cell_secretary_age_limits",
            ResolutionIssuer => "resolution_issuer",
        }
    }

    /// The rule of congress.md that leaves it open.
    pub fn rule(self) -> &'static str {
        use OpenQuestion::*;
        match self {
            ProbationaryCounted => "C-DEL-5",
            PilotCell => "C-PLAN-2",
            PersonnelPlanApprover | PersonnelPlanLeadDays => "C-PLAN-5",
            AllocationParameters => "C-DEL-2",
            DelegateCap => "C-DEL-4",
            AlternatesExOfficio => "C-DEL-7",
            DesignatedCap => "C-DEL-8",
            SubstituteConvened => "C-DEL-9",
            AlternatesListForm | AlternatesReplacementOrder => "C-DEL-10",
            DelegationFurtherRounds => "C-DEL-11",
            CommentDeadlineDays => "C-PLAN-6",
            ReferenceMonthCounts => "C-PER-2",
            Standards | MinimumMonthsInPost => "C-PER-5",
            StructureTargets | YouthAgeLine => "C-PER-6",
            CommitteeNumbers => "C-PER-7",
            StepTwoBase => "C-PER-9",
            Kl150Elsewhere | ReelectionIsEquivalentPost | WarningOrDismissalMonths => "C-PER-11",
            LetterDaysQd296 | LetterCutoffDays => "C-PLAN-10",
            CellSecretaryAgeLimits => "C-PER-14",
            ResolutionIssuer => "C-PLAN-7",
        }
    }

    /// The form of its answer.
    pub fn expects(self) -> AnswerKind {
        use OpenQuestion::*;
        match self {
            ProbationaryCounted
            | PilotCell
            | AlternatesExOfficio
            | SubstituteConvened
            | ReferenceMonthCounts
            | Kl150Elsewhere
            | ReelectionIsEquivalentPost => AnswerKind::YesNo,
            PersonnelPlanLeadDays
            | DelegateCap
            | DesignatedCap
            | CommentDeadlineDays
            | MinimumMonthsInPost
            | YouthAgeLine
            | CommitteeNumbers
            | WarningOrDismissalMonths
            | LetterDaysQd296
            | LetterCutoffDays => AnswerKind::Number,
            PersonnelPlanApprover
            | DelegationFurtherRounds
            | Standards
            | StructureTargets
            | CellSecretaryAgeLimits
            | ResolutionIssuer => AnswerKind::Text,
            AllocationParameters => AnswerKind::Allocation,
            AlternatesListForm => AnswerKind::ListForm,
            AlternatesReplacementOrder => AnswerKind::ReplacementOrder,
            StepTwoBase => AnswerKind::StepBase,
        }
    }
}

/// C-DEL-10: alternates elected from one joint list after the officials
/// [V2 190] or on separate ballots [PRACTICE].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlternatesListForm {
    JointList,
    SeparateBallots,
}

/// C-DEL-10: how alternates replace absent officials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplacementOrder {
    /// In the order of their rank on the roll (their votes, R-DELEG-1).
    ByRank,
    /// The presidium decides each replacement; the roll's rank is no order.
    DecidedEachTime,
}

/// The value of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum AnswerValue {
    YesNo(bool),
    Number(u32),
    Text(String),
    Allocation(ProposalParameters),
    ListForm(AlternatesListForm),
    ReplacementOrder(ReplacementOrder),
    StepBase(StepBase),
}

impl AnswerValue {
    pub fn kind(&self) -> AnswerKind {
        match self {
            AnswerValue::YesNo(_) => AnswerKind::YesNo,
            AnswerValue::Number(_) => AnswerKind::Number,
            AnswerValue::Text(_) => AnswerKind::Text,
            AnswerValue::Allocation(_) => AnswerKind::Allocation,
            AnswerValue::ListForm(_) => AnswerKind::ListForm,
            AnswerValue::ReplacementOrder(_) => AnswerKind::ReplacementOrder,
            AnswerValue::StepBase(_) => AnswerKind::StepBase,
        }
    }
}

/// A person's recorded answer to an [`OpenQuestion`]: what, who, when, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub value: AnswerValue,
    pub by: String,
    pub at: Date,
    pub why: String,
}

/// What an answer applies to: the whole round, a level class, or one
/// organization (by its code). A narrower answer wins over the round's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "scope", content = "of")]
pub enum Scope {
    Round,
    Level(LevelClass),
    Organization(String),
}

/// An answer with the question and scope it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedAnswer {
    pub question: OpenQuestion,
    pub scope: Scope,
    pub answer: Answer,
}

/// A rule waits for a person's answer to `question` (in `scope`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Awaiting {
    pub question: OpenQuestion,
    pub scope: Scope,
}

impl Awaiting {
    pub fn rule(&self) -> &'static str {
        self.question.rule()
    }
}

/// The settings of a round: windows, reference months, thresholds, caps,
/// parameters, and the recorded answers to the [open] questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSettings {
    pub term: RoundTerm,
    /// C-PLAN-1, C-PER-1: each level class's window.
    pub windows: BTreeMap<LevelClass, Setting<LevelWindow>>,
    /// C-PER-1: People's Council, People's Committee, National Assembly posts.
    pub state_leadership_reference: Setting<YearMonth>,
    /// C-DEL-5: members from which a grassroots organization holds a
    /// delegate congress.
    pub delegate_congress_threshold: Setting<u32>,
    /// C-DEL-4: the 2020 caps, OLD: they only warn.
    pub caps_2020: Setting<Vec<Cap2020>>,
    /// C-DEL-6: the national formula.
    pub national: Setting<NationalParameters>,
    /// C-PER-2: months left for a first-time member (one full term).
    pub first_time_months: Setting<u32>,
    /// C-PER-3: months left for re-election.
    pub reelection_months: Setting<u32>,
    /// C-PER-3: months left for a provincial deputy secretary's re-election.
    pub provincial_deputy_secretary_months: Setting<u32>,
    /// C-PER-4: months left for re-elected members standing for People's
    /// Council, People's Committee or Front leadership.
    pub state_or_front_months: Setting<u32>,
    /// C-PER-9: the step-2 quorum.
    pub step_two_quorum: Setting<Quorum>,
    /// C-PLAN-2: a cell's term (twice in 5 years).
    pub cell_term_months: Setting<u32>,
    /// C-PLAN-2: a pilot cell's term (once in 5 years).
    pub pilot_cell_term_months: Setting<u32>,
    /// C-PER-11: months a reprimand bars an equivalent or higher post.
    pub reprimand_bar_months: Setting<u32>,
    /// C-PER-11: an inspection, discipline review, investigation or
    /// denunciation being settled blocks until closed (P-8).
    pub open_matter_blocks: Setting<bool>,
    /// C-PER-11: the first day of the previous term (KL150's "2020–2025").
    pub previous_term_from: Setting<Date>,
    /// C-PLAN-10: days to settle a letter about a candidate.
    pub letter_days: Setting<LetterDays>,
    /// The answers to the [open] questions.
    pub answers: Vec<RecordedAnswer>,
}

const CT45: &str = "45-CT/TW";

impl RoundSettings {
    /// The 2025–2030 round as congress.md ships it: the C-PLAN-1 table,
    /// C-DEL-5's 200, the 2020 caps (OLD, warning only), C-DEL-6's national
    /// parameters, 60/48/42/36 months, and no answers.
    pub fn term_2025_2030() -> RoundSettings {
        let window = |length: Option<Length>, finish: FinishBy, age: Option<(i32, u8)>| LevelWindow {
            length,
            finish_by: finish,
            age_reference: age.and_then(|(y, m)| YearMonth::new(y, m)),
        };
        let by = |date: Date| FinishBy::By { date };
        let mut windows = BTreeMap::new();
        windows.insert(
            LevelClass::Cell,
            Setting::shipped(
                window(Some(Length::half_days(1)), by(date!(2025 - 03 - 31)), None),
                &[Tag::Practice],
                "27-HD/BTCTW (one province's practice)",
            ),
        );
        windows.insert(
            LevelClass::Grassroots,
            Setting::shipped(
                window(Some(Length::days(2)), by(date!(2025 - 06 - 30)), Some((2025, 4))),
                &[Tag::V2, Tag::V1],
                "45-CT/TW; 163-KL/TW",
            ),
        );
        windows.insert(
            LevelClass::AboveGrassroots,
            Setting::shipped(
                window(Some(Length::days(2)), by(date!(2025 - 08 - 31)), Some((2025, 6))),
                &[Tag::V2, Tag::V1],
                "45-CT/TW; 185-KL/TW",
            ),
        );
        windows.insert(
            LevelClass::Commune,
            Setting::shipped(
                window(Some(Length::days(2)), by(date!(2025 - 08 - 31)), Some((2025, 7))),
                &[Tag::V2, Tag::V1],
                "45-CT/TW; 185-KL/TW",
            ),
        );
        windows.insert(
            LevelClass::UnderCentre,
            Setting::shipped(
                window(Some(Length::days(4)), by(date!(2025 - 10 - 31)), Some((2025, 9))),
                &[Tag::V2, Tag::V1],
                "45-CT/TW; 191-KL/TW",
            ),
        );
        windows.insert(
            LevelClass::National,
            Setting::shipped(window(None, FinishBy::EarlyIn { year: 2026 }, None), &[Tag::V2], CT45),
        );
        let cap = |class, min, max| Cap2020 { class, min, max };
        RoundSettings {
            term: RoundTerm { from_year: 2025, to_year: 2030 },
            windows,
            state_leadership_reference: Setting::shipped(YearMonth::of(date!(2026 - 03 - 01)), &[Tag::V1], CT45),
            delegate_congress_threshold: Setting::shipped(
                200,
                &[Tag::Old, Tag::Inf, Tag::DefaultConfigurable],
                "35-CT/TW (2019)",
            ),
            caps_2020: Setting::shipped(
                vec![
                    cap(CapClass::ProvinceOrCentralPolice, Some(300), 350),
                    cap(CapClass::HaNoi, None, 500),
                    cap(CapClass::LargeProvinceOrMilitary, None, 450),
                    cap(CapClass::CentralBloc, Some(250), 300),
                    cap(CapClass::District, None, 300),
                ],
                &[Tag::Old],
                "35-CT/TW (2019)",
            ),
            national: Setting::shipped(NationalParameters::decision_341(), &[Tag::V2], "341-QĐ/TW"),
            first_time_months: Setting::shipped(60, &[Tag::Inf, Tag::DefaultConfigurable], CT45),
            reelection_months: Setting::shipped(48, &[Tag::V1], CT45),
            provincial_deputy_secretary_months: Setting::shipped(42, &[Tag::V1], CT45),
            state_or_front_months: Setting::shipped(36, &[Tag::V2], CT45),
            step_two_quorum: Setting::shipped(
                Quorum { numerator: 2, denominator: 3 },
                &[Tag::Old, Tag::DefaultConfigurable],
                "35-CT/TW (2019)",
            ),
            cell_term_months: Setting::shipped(30, &[Tag::V1], "Charter Art. 24"),
            pilot_cell_term_months: Setting::shipped(60, &[Tag::V2], "294-QĐ/TW"),
            reprimand_bar_months: Setting::shipped(12, &[Tag::V2], "296-QĐ/TW"),
            open_matter_blocks: Setting::shipped(true, &[Tag::Old, Tag::DefaultConfigurable], "02-HD/TW (2021)"),
            previous_term_from: Setting::shipped(
                date!(2020 - 01 - 01),
                &[Tag::Inf, Tag::DefaultConfigurable],
                "150-KL/TW",
            ),
            letter_days: Setting::shipped(
                LetterDays { local: 90, central: 180 },
                &[Tag::Old, Tag::DefaultConfigurable],
                "22-QĐ/TW (2021)",
            ),
            answers: Vec::new(),
        }
    }

    /// The window of a level class. Every class has one in a round built by
    /// [`RoundSettings::term_2025_2030`]; `None` if an administrator removed it.
    pub fn window(&self, level: LevelClass) -> Option<&Setting<LevelWindow>> {
        self.windows.get(&level)
    }

    /// Records a person's answer (replacing an earlier answer to the same
    /// question in the same scope; the store keeps the history). Refused if
    /// the answer is not of the question's form or says nobody decided.
    pub fn record(&mut self, question: OpenQuestion, scope: Scope, answer: Answer) -> Result<(), CongressError> {
        if answer.value.kind() != question.expects() {
            return Err(CongressError::WrongAnswerKind {
                question: question.code(),
                rule: question.rule(),
                expected: question.expects().code(),
            });
        }
        if answer.by.trim().is_empty() || answer.why.trim().is_empty() {
            return Err(CongressError::AnswerWithoutAuthor { rule: question.rule() });
        }
        self.answers.retain(|r| !(r.question == question && r.scope == scope));
        self.answers.push(RecordedAnswer { question, scope, answer });
        Ok(())
    }

    /// The round's answer to `question`.
    pub fn answer(&self, question: OpenQuestion) -> Result<&Answer, Awaiting> {
        self.answer_in(question, &Scope::Round)
    }

    /// The answer to `question` in `scope`, or the round's answer when the
    /// scope has none of its own.
    pub fn answer_in(&self, question: OpenQuestion, scope: &Scope) -> Result<&Answer, Awaiting> {
        let find = |s: &Scope| self.answers.iter().find(|r| r.question == question && &r.scope == s);
        find(scope)
            .or_else(|| find(&Scope::Round))
            .map(|r| &r.answer)
            .ok_or_else(|| Awaiting { question, scope: scope.clone() })
    }

    /// A yes/no answer. An answer of another form (which [`record`] refuses,
    /// but a hand-edited file could hold) counts as no answer.
    ///
    /// [`record`]: RoundSettings::record
    pub fn yes_no(&self, question: OpenQuestion, scope: &Scope) -> Result<bool, Awaiting> {
        match &self.answer_in(question, scope)?.value {
            AnswerValue::YesNo(b) => Ok(*b),
            _ => Err(Awaiting { question, scope: scope.clone() }),
        }
    }

    /// A text answer (see [`RoundSettings::yes_no`]).
    pub fn text(&self, question: OpenQuestion, scope: &Scope) -> Result<&str, Awaiting> {
        match &self.answer_in(question, scope)?.value {
            AnswerValue::Text(t) => Ok(t),
            _ => Err(Awaiting { question, scope: scope.clone() }),
        }
    }

    /// A number answer (see [`RoundSettings::yes_no`]).
    pub fn number(&self, question: OpenQuestion, scope: &Scope) -> Result<u32, Awaiting> {
        match &self.answer_in(question, scope)?.value {
            AnswerValue::Number(n) => Ok(*n),
            _ => Err(Awaiting { question, scope: scope.clone() }),
        }
    }

    /// C-DEL-2: the allocation parameters set for a congress (scope: the
    /// convening organization).
    pub fn allocation_parameters(&self, scope: &Scope) -> Result<ProposalParameters, Awaiting> {
        let question = OpenQuestion::AllocationParameters;
        match &self.answer_in(question, scope)?.value {
            AnswerValue::Allocation(p) => Ok(*p),
            _ => Err(Awaiting { question, scope: scope.clone() }),
        }
    }

    /// C-DEL-10: the alternates' replacement order.
    pub fn replacement_order(&self, scope: &Scope) -> Result<ReplacementOrder, Awaiting> {
        let question = OpenQuestion::AlternatesReplacementOrder;
        match &self.answer_in(question, scope)?.value {
            AnswerValue::ReplacementOrder(o) => Ok(*o),
            _ => Err(Awaiting { question, scope: scope.clone() }),
        }
    }

    /// C-DEL-10: the alternates' list form.
    pub fn alternates_list_form(&self, scope: &Scope) -> Result<AlternatesListForm, Awaiting> {
        let question = OpenQuestion::AlternatesListForm;
        match &self.answer_in(question, scope)?.value {
            AnswerValue::ListForm(f) => Ok(*f),
            _ => Err(Awaiting { question, scope: scope.clone() }),
        }
    }

    /// C-PER-9: the step-2 base.
    pub fn step_two_base(&self) -> Result<StepBase, Awaiting> {
        let question = OpenQuestion::StepTwoBase;
        match &self.answer(question)?.value {
            AnswerValue::StepBase(b) => Ok(*b),
            _ => Err(Awaiting { question, scope: Scope::Round }),
        }
    }

    /// C-PLAN-2: a cell's term in months: 30, or 60 for a pilot cell. Which
    /// cells are pilots is [open]: asked per cell (or once for the round).
    pub fn cell_term_months(&self, cell: &str) -> Result<(u32, Used), Awaiting> {
        let pilot = self.yes_no(OpenQuestion::PilotCell, &Scope::Organization(cell.to_owned()))?;
        Ok(if pilot {
            (self.pilot_cell_term_months.value, self.pilot_cell_term_months.used(SettingKey::PilotCellTermMonths))
        } else {
            (self.cell_term_months.value, self.cell_term_months.used(SettingKey::CellTermMonths))
        })
    }

    /// C-PLAN-10: the last day to settle a letter about a candidate received
    /// on `received` [OLD; default, configurable].
    pub fn letter_deadline(&self, received: Date, central: bool) -> (Date, Used) {
        let days = if central { self.letter_days.value.central } else { self.letter_days.value.local };
        (received.saturating_add(time::Duration::days(i64::from(days))), self.letter_days.used(SettingKey::LetterDays))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(value: AnswerValue) -> Answer {
        Answer { value, by: "Ban Thường vụ".into(), at: date!(2025 - 03 - 01), why: "Công văn số 12".into() }
    }

    /// §5: every [open] question has its rule and a distinct code; the
    /// shipped round has no answer.
    #[test]
    fn open_questions_have_rules_and_codes() {
        let mut codes: Vec<_> = OpenQuestion::ALL.iter().map(|q| q.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), OpenQuestion::ALL.len());
        for q in OpenQuestion::ALL {
            assert!(q.rule().starts_with("C-"), "{q:?}");
            let s = RoundSettings::term_2025_2030();
            assert_eq!(s.answer(q), Err(Awaiting { question: q, scope: Scope::Round }));
        }
    }

    /// C-PLAN-1, C-PER-1: the shipped table.
    #[test]
    fn c_plan_1_table() {
        let s = RoundSettings::term_2025_2030();
        let w = |l| s.window(l).unwrap().value;
        assert_eq!(w(LevelClass::Cell).length, Some(Length::half_days(1)));
        assert_eq!(w(LevelClass::Grassroots).finish_by, FinishBy::By { date: date!(2025 - 06 - 30) });
        assert_eq!(w(LevelClass::Commune).age_reference, YearMonth::new(2025, 7));
        assert_eq!(w(LevelClass::AboveGrassroots).age_reference, YearMonth::new(2025, 6));
        assert_eq!(w(LevelClass::UnderCentre).length, Some(Length::days(4)));
        assert_eq!(w(LevelClass::UnderCentre).finish_by, FinishBy::By { date: date!(2025 - 10 - 31) });
        assert_eq!(w(LevelClass::National).finish_by, FinishBy::EarlyIn { year: 2026 });
        assert_eq!(s.state_leadership_reference.value, YearMonth::new(2026, 3).unwrap());
        assert!(s.delegate_congress_threshold.tags.contains(&Tag::DefaultConfigurable));
        assert_eq!(s.caps_2020.tags, vec![Tag::Old]);
    }

    /// §5: an answer must have the question's form and an author; a
    /// narrower scope wins over the round's; a changed setting says so.
    #[test]
    fn answers_are_checked_and_scoped() {
        let mut s = RoundSettings::term_2025_2030();
        let q = OpenQuestion::PilotCell;
        assert!(matches!(
            s.record(q, Scope::Round, answer(AnswerValue::Number(3))),
            Err(CongressError::WrongAnswerKind { .. })
        ));
        let mut anonymous = answer(AnswerValue::YesNo(false));
        anonymous.by = " ".into();
        assert!(matches!(s.record(q, Scope::Round, anonymous), Err(CongressError::AnswerWithoutAuthor { .. })));
        let cell = Scope::Organization("CB-07".into());
        assert_eq!(s.cell_term_months("CB-07"), Err(Awaiting { question: q, scope: cell.clone() }));
        s.record(q, Scope::Round, answer(AnswerValue::YesNo(false))).unwrap();
        assert_eq!(s.cell_term_months("CB-07").unwrap().0, 30);
        s.record(q, cell, answer(AnswerValue::YesNo(true))).unwrap();
        assert_eq!(s.cell_term_months("CB-07").unwrap().0, 60);
        assert_eq!(s.cell_term_months("CB-08").unwrap().0, 30);

        let mut t = s.delegate_congress_threshold.clone();
        assert!(t.is_shipped());
        t.change(150, "Quyết định 9-QĐ/TU", "Quản trị", date!(2025 - 01 - 02), "tỉnh quyết định");
        assert!(!t.is_shipped());
        assert_eq!(t.used(SettingKey::DelegateCongressThreshold).tags, vec![Tag::Recorded]);
    }

    /// C-PLAN-10: 90 days from receipt (180 central) [OLD; default, configurable].
    #[test]
    fn c_plan_10_letter_deadline() {
        let s = RoundSettings::term_2025_2030();
        let (d, used) = s.letter_deadline(date!(2025 - 03 - 01), false);
        assert_eq!(d, date!(2025 - 05 - 30));
        assert!(used.shipped && used.tags.contains(&Tag::Old));
        assert_eq!(s.letter_deadline(date!(2025 - 03 - 01), true).0, date!(2025 - 08 - 28));
    }
}
