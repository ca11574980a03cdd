//! Personnel of the new committees (nhân sự): the months of service left at
//! the reference month (C-PER-1…4), the five steps' thresholds (C-PER-9),
//! the introduction list of a small body (C-PER-12), the secretary's
//! introduction (C-PER-13) and eligibility (C-PER-11). Nothing here rejects
//! anyone: a person confirms every result that is not ELIGIBLE.

use daihoi_election::base::votes_needed;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::CongressError;
use crate::level::LevelClass;
use crate::month::YearMonth;
use crate::roll::Exclusion;
use crate::round::{Awaiting, OpenQuestion, RoundSettings, Scope, SettingKey, Used};

/// The month service is counted at (thời điểm tính tuổi, C-PER-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "at", content = "of")]
pub enum ReferencePoint {
    /// A Party committee of this level: the round's table.
    Party(LevelClass),
    /// People's Council, People's Committee, National Assembly posts.
    StateLeadership,
    /// Front and mass organizations: the month of their congress.
    FrontCongress(YearMonth),
}

/// Whose months are counted (C-PER-2…4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Lần đầu: one full term left (C-PER-2).
    FirstTime,
    /// Tái cử (C-PER-3).
    Reelection,
    /// Re-election of a provincial deputy secretary (C-PER-3).
    ProvincialDeputySecretaryReelection,
    /// A re-elected member standing for People's Council, People's
    /// Committee or Front leadership (C-PER-4).
    StateOrFrontReelection,
}

impl Track {
    pub fn rule(self) -> &'static str {
        match self {
            Track::FirstTime => "C-PER-2",
            Track::Reelection | Track::ProvincialDeputySecretaryReelection => "C-PER-3",
            Track::StateOrFrontReelection => "C-PER-4",
        }
    }
}

/// The outcome of a service check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum ServiceOutcome {
    Meets,
    FallsShort,
    /// The outcome depends on an answer (C-PER-2's reference month).
    Awaiting(Awaiting),
}

/// C-PER-1…4: the months left at the reference month against the months
/// required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceCheck {
    pub track: Track,
    pub reference: YearMonth,
    /// From the reference month to the retirement month: 09/2025 → 08/2029
    /// is 47.
    pub months_left: i64,
    pub required: u32,
    pub outcome: ServiceOutcome,
    /// The earliest retirement month that meets the requirement.
    pub earliest_retirement: Result<YearMonth, Awaiting>,
    pub used: Vec<Used>,
}

/// C-PER-1…4: does a person retiring in `retirement` (from their own
/// regime) have the months the track requires at the reference month?
///
/// The months left are counted from the reference month to the retirement
/// month (W-C3: 09/2025 → 08/2029 = 47). For a first-time member (C-PER-2)
/// whether the reference month itself counts is [open]: it adds one month,
/// so the answer is asked only when that month decides.
pub fn service_check(
    track: Track,
    retirement: YearMonth,
    reference: ReferencePoint,
    settings: &RoundSettings,
) -> Result<ServiceCheck, CongressError> {
    let mut used = Vec::new();
    let reference = match reference {
        ReferencePoint::Party(level) => {
            let window = settings.window(level).ok_or(CongressError::NoReferenceMonth(level.code()))?;
            used.push(window.used(SettingKey::Window(level)));
            window.value.age_reference.ok_or(CongressError::NoReferenceMonth(level.code()))?
        }
        ReferencePoint::StateLeadership => {
            used.push(settings.state_leadership_reference.used(SettingKey::StateLeadershipReference));
            settings.state_leadership_reference.value
        }
        ReferencePoint::FrontCongress(month) => month,
    };
    let (setting, key) = match track {
        Track::FirstTime => (&settings.first_time_months, SettingKey::FirstTimeMonths),
        Track::Reelection => (&settings.reelection_months, SettingKey::ReelectionMonths),
        Track::ProvincialDeputySecretaryReelection => {
            (&settings.provincial_deputy_secretary_months, SettingKey::ProvincialDeputySecretaryMonths)
        }
        Track::StateOrFrontReelection => (&settings.state_or_front_months, SettingKey::StateOrFrontMonths),
    };
    used.push(setting.used(key));
    let required = setting.value;
    let months_left = reference.months_until(retirement);
    let need = i64::from(required);
    let plain = reference.plus_months(need);
    let (outcome, earliest_retirement) = if track == Track::FirstTime {
        let counts = settings.yes_no(OpenQuestion::ReferenceMonthCounts, &Scope::Round);
        let outcome = if months_left >= need {
            ServiceOutcome::Meets
        } else if months_left + 1 < need {
            ServiceOutcome::FallsShort
        } else {
            match &counts {
                Ok(true) => ServiceOutcome::Meets,
                Ok(false) => ServiceOutcome::FallsShort,
                Err(a) => ServiceOutcome::Awaiting(a.clone()),
            }
        };
        (outcome, counts.map(|c| if c { plain.plus_months(-1) } else { plain }))
    } else {
        (if months_left >= need { ServiceOutcome::Meets } else { ServiceOutcome::FallsShort }, Ok(plain))
    };
    Ok(ServiceCheck { track, reference, months_left, required, outcome, earliest_retirement, used })
}

/// A step of the five-step process (quy trình 5 bước, C-PER-9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The standing committee lists incumbents, or the planning list.
    One,
    /// The key-cadre conference (hội nghị cán bộ chủ chốt): quorum 2/3.
    Two,
    /// The committee, by secret ballot.
    Three,
    /// The standing committee reviews.
    Four,
    /// The committee, by secret ballot.
    Five,
}

/// The base of a step's "more than half" (C-PER-9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepBase {
    Convened,
    Present,
}

/// The step-2 quorum and whether it is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuorumCheck {
    pub needed: u32,
    pub met: bool,
    pub used: Used,
}

/// C-PER-9: a step's thresholds: more than half of those convened; at step
/// 2, whose base is [open], both readings until answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepThreshold {
    pub step: Step,
    pub convened: u32,
    pub present: u32,
    pub quorum: Option<QuorumCheck>,
    /// Yes votes needed on the convened base.
    pub on_convened: u32,
    /// Step 2: yes votes needed on the present base.
    pub on_present: Option<u32>,
    pub base: Result<StepBase, Awaiting>,
}

/// A name's result at a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum StepOutcome {
    Passes,
    DoesNotPass,
    /// Step 2 without its quorum: the conference cannot introduce anyone.
    NoQuorum,
    /// Passes on one base and not the other; the base waits for an answer.
    Awaiting(Awaiting),
}

/// The votes of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepVotes {
    pub step: Step,
    pub convened: u32,
    pub present: u32,
}

/// C-PER-9: the thresholds of a step.
pub fn step_threshold(votes: StepVotes, settings: &RoundSettings) -> Result<StepThreshold, CongressError> {
    let StepVotes { step, convened, present } = votes;
    if present > convened {
        return Err(CongressError::PresentOverConvened { present, convened });
    }
    let on_convened = votes_needed(convened);
    if step != Step::Two {
        return Ok(StepThreshold {
            step,
            convened,
            present,
            quorum: None,
            on_convened,
            on_present: None,
            base: Ok(StepBase::Convened),
        });
    }
    let q = settings.step_two_quorum.value;
    let (num, den) = (u64::from(q.numerator), u64::from(q.denominator.max(1)));
    let needed = (u64::from(convened) * num).div_ceil(den);
    let quorum = QuorumCheck {
        needed: u32::try_from(needed).unwrap_or(u32::MAX),
        met: u64::from(present) * den >= u64::from(convened) * num,
        used: settings.step_two_quorum.used(SettingKey::StepTwoQuorum),
    };
    Ok(StepThreshold {
        step,
        convened,
        present,
        quorum: Some(quorum),
        on_convened,
        on_present: Some(votes_needed(present)),
        base: settings.step_two_base(),
    })
}

impl StepThreshold {
    /// A name with `yes` votes: passes, does not, or (step 2) waits for
    /// the base when the two readings differ.
    pub fn outcome(&self, yes: u32) -> Result<StepOutcome, CongressError> {
        if yes > self.present {
            return Err(CongressError::PresentOverConvened { present: yes, convened: self.present });
        }
        if self.quorum.as_ref().is_some_and(|q| !q.met) {
            return Ok(StepOutcome::NoQuorum);
        }
        let on_present = self.on_present.unwrap_or(self.on_convened);
        let pass = |needed: u32| if yes >= needed { StepOutcome::Passes } else { StepOutcome::DoesNotPass };
        Ok(match &self.base {
            Ok(StepBase::Convened) => pass(self.on_convened),
            Ok(StepBase::Present) => pass(on_present),
            Err(_) if pass(self.on_convened) == pass(on_present) => pass(self.on_convened),
            Err(a) => StepOutcome::Awaiting(a.clone()),
        })
    }
}

/// C-PER-12: the tie at the list's end: a decision point for the head of
/// the committee, never a guess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadsChoice {
    /// On the list for sure (more votes than the tie).
    pub settled: Vec<String>,
    /// Tied for the last places.
    pub tied: Vec<String>,
    /// How many of the tied the head chooses.
    pub places: u32,
}

impl HeadsChoice {
    /// The list with the head's recorded choice (who chose, why).
    pub fn apply(&self, chosen: &[String], by: &str, why: &str) -> Result<Vec<String>, CongressError> {
        let distinct = chosen.iter().enumerate().all(|(i, c)| !chosen[..i].contains(c));
        if chosen.len() != self.places as usize
            || !distinct
            || !chosen.iter().all(|c| self.tied.contains(c))
            || by.trim().is_empty()
            || why.trim().is_empty()
        {
            return Err(CongressError::ChoiceRefused { places: self.places });
        }
        Ok(self.settled.iter().chain(chosen).cloned().collect())
    }
}

/// C-PER-12: the introduction list of a body of 3 to 5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "list")]
pub enum IntroductionList {
    /// Seats + 1 names (surplus 1), most votes first.
    Complete { names: Vec<String> },
    /// A tie straddles the list's end.
    HeadsChoice(HeadsChoice),
    /// Too few names: keep introducing (R-LIST-2).
    KeepIntroducing { have: u32, need: u32 },
}

/// C-PER-12: for a body of 3–5 seats, the list of seats + 1 names (a
/// surplus of 1: at least 1 by R-LIST-1, at most 1 by R-LIST-2), from the
/// introduction votes.
pub fn introduction_list(seats: u32, votes: &[(String, u32)]) -> Result<IntroductionList, CongressError> {
    if !(3..=5).contains(&seats) {
        return Err(CongressError::NotASmallBody(seats));
    }
    for (i, (name, _)) in votes.iter().enumerate() {
        if votes[..i].iter().any(|(n, _)| n == name) {
            return Err(CongressError::CandidateTwice(name.clone()));
        }
    }
    let need = seats as usize + 1;
    if votes.len() < need {
        return Ok(IntroductionList::KeepIntroducing { have: votes.len() as u32, need: need as u32 });
    }
    let mut ranked: Vec<&(String, u32)> = votes.iter().collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    let last = ranked[need - 1].1;
    let settled: Vec<String> = ranked.iter().filter(|(_, v)| *v > last).map(|(n, _)| n.clone()).collect();
    let tied: Vec<String> = ranked.iter().filter(|(_, v)| *v == last).map(|(n, _)| n.clone()).collect();
    let places = (need - settled.len()) as u32;
    if tied.len() as u32 == places {
        return Ok(IntroductionList::Complete { names: settled.into_iter().chain(tied).collect() });
    }
    Ok(IntroductionList::HeadsChoice(HeadsChoice { settled, tied, places }))
}

/// C-PER-13: the secretary introduced at the congress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretaryIntroduction {
    AsPlanned,
    /// Otherwise than planned: stop and ask the higher committee
    /// (R-RANK-4) [OLD; default, configurable].
    AskHigherCommittee,
}

/// C-PER-13: compare the congress's introduction with the approved plan.
pub fn secretary_introduction(planned: &str, introduced: &str) -> SecretaryIntroduction {
    if planned == introduced { SecretaryIntroduction::AsPlanned } else { SecretaryIntroduction::AskHigherCommittee }
}

/// The posts a finding concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostScope {
    /// Any post, re-election included.
    AnyPost,
    /// A higher (or more important) post.
    HigherPost,
    /// Re-election to the same committee.
    Reelection,
}

/// A matter being settled (C-PER-11, P-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "matter")]
pub enum OpenMatterKind {
    Inspection,
    DisciplineReview,
    Investigation,
    /// A denunciation or letter (C-PLAN-10); an anonymous one is only logged.
    Denunciation {
        anonymous: bool,
    },
}

/// An open matter about the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenMatter {
    pub kind: OpenMatterKind,
    pub since: Date,
    pub reference: String,
}

/// A discipline form (hình thức kỷ luật).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisciplineForm {
    /// Khiển trách.
    Reprimand,
    /// Cảnh cáo.
    Warning,
    /// Cách chức.
    Dismissal,
}

/// A discipline decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discipline {
    pub form: DisciplineForm,
    pub effective: Date,
    pub reference: String,
}

/// What is known about a candidate (the store gathers it).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EligibilityFacts {
    /// C-DEL-9 cases.
    pub exclusions: Vec<Exclusion>,
    pub open_matters: Vec<OpenMatter>,
    pub disciplines: Vec<Discipline>,
    /// KL150: cases under investigation, inspection or examination that
    /// name the person's responsibility (references).
    pub open_cases: Vec<String>,
    /// KL150 applies: a merged province or a new commune.
    pub kl150_applies: bool,
}

/// The ground of a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "ground")]
pub enum Ground {
    /// C-DEL-9: not convened.
    NotConvened { exclusion: Exclusion },
    /// Being inspected, reviewed, investigated or denounced (P-8).
    OpenMatter { matter: OpenMatter },
    /// KL150: disciplined in the previous term.
    DisciplinedInPreviousTerm { discipline: Discipline },
    /// KL150: named in an open case.
    NamedInOpenCase { reference: String },
    /// QĐ 296: a discipline within its bar.
    DisciplineWithinBar { discipline: Discipline },
    /// A warning or dismissal whose bar's length is [open].
    DisciplinePeriodUnknown { discipline: Discipline },
}

/// C-PER-11: a finding on a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "eligibility")]
pub enum Eligibility {
    Eligible,
    /// Higher posts barred, re-election open.
    ReelectOnlyNotHigher {
        ground: Ground,
        source: &'static str,
    },
    Blocked {
        scope: PostScope,
        ground: Ground,
        rule: &'static str,
        source: &'static str,
    },
    /// A person decides; `question` is the [open] rule that would settle it.
    NeedsReview {
        scope: PostScope,
        ground: Ground,
        question: OpenQuestion,
    },
}

/// `date` plus `months` calendar months (the day kept, or the month's last).
fn add_months(date: Date, months: u32) -> Date {
    let ym = YearMonth::of(date).plus_months(i64::from(months));
    let month = time::Month::try_from(ym.month()).unwrap_or(time::Month::December);
    let last = time::util::days_in_month(month, ym.year());
    Date::from_calendar_date(ym.year(), month, date.day().min(last)).unwrap_or(Date::MAX)
}

/// C-PER-11: the findings on a candidate nominated on `nomination`.
/// `[Eligible]` when there are none; when every finding bars only higher
/// posts, they are REELECT_ONLY_NOT_HIGHER.
pub fn evaluate_eligibility(facts: &EligibilityFacts, nomination: Date, settings: &RoundSettings) -> Vec<Eligibility> {
    let mut out: Vec<Eligibility> = Vec::new();
    let blocked = |scope, ground, rule, source| Eligibility::Blocked { scope, ground, rule, source };
    for e in facts.exclusions.iter().filter(|e| e.effective <= nomination) {
        out.push(blocked(PostScope::AnyPost, Ground::NotConvened { exclusion: e.clone() }, "C-DEL-9", "04-HD/TW"));
    }
    if settings.open_matter_blocks.value {
        for m in facts.open_matters.iter().filter(|m| m.since <= nomination) {
            if m.kind == (OpenMatterKind::Denunciation { anonymous: true }) {
                continue; // C-PLAN-10: logged only.
            }
            out.push(blocked(PostScope::AnyPost, Ground::OpenMatter { matter: m.clone() }, "C-PER-11", "02-HD/TW"));
        }
    }
    // KL150: 2020–2025 discipline or open cases bar higher posts; elsewhere [open].
    let kl150 = |ground: Ground, out: &mut Vec<Eligibility>| {
        let applies =
            if facts.kl150_applies { Ok(true) } else { settings.yes_no(OpenQuestion::Kl150Elsewhere, &Scope::Round) };
        match applies {
            Ok(true) => out.push(blocked(PostScope::HigherPost, ground, "C-PER-11", "150-KL/TW")),
            Ok(false) => {}
            Err(a) => out.push(Eligibility::NeedsReview { scope: PostScope::HigherPost, ground, question: a.question }),
        }
    };
    for d in facts.disciplines.iter().filter(|d| d.effective <= nomination) {
        if d.effective >= settings.previous_term_from.value {
            kl150(Ground::DisciplinedInPreviousTerm { discipline: d.clone() }, &mut out);
        }
        let bar = match d.form {
            DisciplineForm::Reprimand => Ok(settings.reprimand_bar_months.value),
            DisciplineForm::Warning | DisciplineForm::Dismissal => {
                settings.number(OpenQuestion::WarningOrDismissalMonths, &Scope::Round)
            }
        };
        match bar {
            Err(a) => out.push(Eligibility::NeedsReview {
                scope: PostScope::AnyPost,
                ground: Ground::DisciplinePeriodUnknown { discipline: d.clone() },
                question: a.question,
            }),
            Ok(months) if nomination < add_months(d.effective, months) => {
                let ground = Ground::DisciplineWithinBar { discipline: d.clone() };
                out.push(blocked(PostScope::HigherPost, ground.clone(), "C-PER-11", "296-QĐ/TW"));
                match settings.yes_no(OpenQuestion::ReelectionIsEquivalentPost, &Scope::Round) {
                    Ok(true) => out.push(blocked(PostScope::Reelection, ground, "C-PER-11", "296-QĐ/TW")),
                    Ok(false) => {}
                    Err(a) => out.push(Eligibility::NeedsReview {
                        scope: PostScope::Reelection,
                        ground,
                        question: a.question,
                    }),
                }
            }
            Ok(_) => {}
        }
    }
    for reference in &facts.open_cases {
        kl150(Ground::NamedInOpenCase { reference: reference.clone() }, &mut out);
    }
    // A review of a scope already blocked adds nothing.
    let blocks = |scope: PostScope, out: &[Eligibility]| {
        out.iter()
            .any(|e| matches!(e, Eligibility::Blocked { scope: s, .. } if *s == scope || *s == PostScope::AnyPost))
    };
    let snapshot = out.clone();
    out.retain(|e| match e {
        Eligibility::NeedsReview { scope, .. } => !blocks(*scope, &snapshot),
        _ => true,
    });
    if out.is_empty() {
        return vec![Eligibility::Eligible];
    }
    if out.iter().all(|e| matches!(e, Eligibility::Blocked { scope: PostScope::HigherPost, .. })) {
        return out
            .into_iter()
            .filter_map(|e| match e {
                Eligibility::Blocked { ground, source, .. } => {
                    Some(Eligibility::ReelectOnlyNotHigher { ground, source })
                }
                _ => None,
            })
            .collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roll::ExclusionCase;
    use crate::round::{Answer, AnswerValue};
    use time::macros::date;

    fn ym(y: i32, m: u8) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn answer(value: AnswerValue) -> Answer {
        Answer { value, by: "Ban Thường vụ".into(), at: date!(2025 - 02 - 01), why: "Hướng dẫn".into() }
    }

    /// C-PER-1: no reference month for a cell or the national level; the
    /// Front's is the month of its congress.
    #[test]
    fn c_per_1_reference_month() {
        let s = RoundSettings::term_2025_2030();
        let r = |p| service_check(Track::Reelection, ym(2030, 1), p, &s);
        assert_eq!(r(ReferencePoint::Party(LevelClass::Cell)), Err(CongressError::NoReferenceMonth("cell")));
        assert_eq!(r(ReferencePoint::Party(LevelClass::Grassroots)).unwrap().reference, ym(2025, 4));
        assert_eq!(r(ReferencePoint::FrontCongress(ym(2025, 11))).unwrap().reference, ym(2025, 11));
    }

    /// C-PER-4: 36 months at the election of the state or Front post.
    #[test]
    fn c_per_4_state_or_front() {
        let s = RoundSettings::term_2025_2030();
        let c =
            service_check(Track::StateOrFrontReelection, ym(2028, 11), ReferencePoint::FrontCongress(ym(2025, 11)), &s)
                .unwrap();
        assert_eq!((c.months_left, c.outcome), (36, ServiceOutcome::Meets));
        let c =
            service_check(Track::StateOrFrontReelection, ym(2028, 10), ReferencePoint::FrontCongress(ym(2025, 11)), &s)
                .unwrap();
        assert_eq!(c.outcome, ServiceOutcome::FallsShort);
    }

    /// C-PER-9: steps other than 2 count on those convened; present over
    /// convened is refused; yes over present too.
    #[test]
    fn c_per_9_other_steps() {
        let s = RoundSettings::term_2025_2030();
        let t = step_threshold(StepVotes { step: Step::Five, convened: 44, present: 40 }, &s).unwrap();
        assert_eq!((t.on_convened, t.quorum.is_none()), (23, true));
        assert_eq!(t.outcome(22).unwrap(), StepOutcome::DoesNotPass);
        assert_eq!(t.outcome(23).unwrap(), StepOutcome::Passes);
        assert!(t.outcome(41).is_err());
        assert!(step_threshold(StepVotes { step: Step::Two, convened: 10, present: 11 }, &s).is_err());
        // Step 2 under the quorum: nobody is introduced.
        let t = step_threshold(StepVotes { step: Step::Two, convened: 180, present: 119 }, &s).unwrap();
        assert_eq!(t.outcome(119).unwrap(), StepOutcome::NoQuorum);
    }

    /// C-PER-12: bodies of 3–5 only; too few: keep introducing; the
    /// head's choice is checked.
    #[test]
    fn c_per_12_small_bodies() {
        let v = |pairs: &[(&str, u32)]| pairs.iter().map(|(n, v)| ((*n).to_owned(), *v)).collect::<Vec<_>>();
        assert_eq!(introduction_list(6, &[]), Err(CongressError::NotASmallBody(6)));
        assert_eq!(
            introduction_list(3, &v(&[("a", 9), ("b", 8), ("c", 7)])),
            Ok(IntroductionList::KeepIntroducing { have: 3, need: 4 })
        );
        assert_eq!(
            introduction_list(3, &v(&[("a", 5), ("b", 9), ("c", 8), ("d", 7), ("e", 4)])),
            Ok(IntroductionList::Complete { names: vec!["b".into(), "c".into(), "d".into(), "a".into()] })
        );
        assert!(matches!(
            introduction_list(3, &v(&[("a", 5), ("a", 9), ("c", 8), ("d", 7)])),
            Err(CongressError::CandidateTwice(_))
        ));
        let choice = HeadsChoice { settled: vec!["a".into()], tied: vec!["b".into(), "c".into()], places: 1 };
        assert!(choice.apply(&["d".into()], "Bí thư", "năng lực").is_err());
        assert!(choice.apply(&["b".into(), "c".into()], "Bí thư", "năng lực").is_err());
        assert!(choice.apply(&["b".into()], "", "năng lực").is_err());
        assert_eq!(choice.apply(&["c".into()], "Bí thư", "năng lực").unwrap(), vec!["a".to_owned(), "c".to_owned()]);
    }

    /// C-PER-13: otherwise than planned → ask the higher committee.
    #[test]
    fn c_per_13_secretary() {
        assert_eq!(secretary_introduction("A", "A"), SecretaryIntroduction::AsPlanned);
        assert_eq!(secretary_introduction("A", "B"), SecretaryIntroduction::AskHigherCommittee);
    }

    /// C-PER-11: C-DEL-9 cases and open matters block any post; an
    /// anonymous letter does not; a warning's bar is [open].
    #[test]
    fn c_per_11_grounds() {
        let mut s = RoundSettings::term_2025_2030();
        let on = date!(2025 - 06 - 01);
        assert_eq!(evaluate_eligibility(&EligibilityFacts::default(), on, &s), vec![Eligibility::Eligible]);
        let facts = EligibilityFacts {
            exclusions: vec![Exclusion {
                case: ExclusionCase::Prosecuted,
                effective: date!(2025 - 05 - 01),
                reference: "5-QĐ".into(),
            }],
            ..EligibilityFacts::default()
        };
        assert!(matches!(
            &evaluate_eligibility(&facts, on, &s)[..],
            [Eligibility::Blocked { scope: PostScope::AnyPost, rule: "C-DEL-9", .. }]
        ));
        let letter = |anonymous| EligibilityFacts {
            open_matters: vec![OpenMatter {
                kind: OpenMatterKind::Denunciation { anonymous },
                since: date!(2025 - 05 - 01),
                reference: "Đơn 1".into(),
            }],
            ..EligibilityFacts::default()
        };
        assert_eq!(evaluate_eligibility(&letter(true), on, &s), vec![Eligibility::Eligible]);
        assert!(matches!(&evaluate_eligibility(&letter(false), on, &s)[..], [Eligibility::Blocked { .. }]));
        s.open_matter_blocks.change(false, "Hướng dẫn 9", "Quản trị", date!(2025 - 01 - 01), "QĐ 296");
        assert_eq!(evaluate_eligibility(&letter(false), on, &s), vec![Eligibility::Eligible]);

        // A warning before the previous term: only its bar's length matters, [open].
        let old_warning = EligibilityFacts {
            disciplines: vec![Discipline {
                form: DisciplineForm::Warning,
                effective: date!(2019 - 06 - 01),
                reference: "K".into(),
            }],
            ..EligibilityFacts::default()
        };
        assert!(matches!(
            &evaluate_eligibility(&old_warning, on, &s)[..],
            [Eligibility::NeedsReview { question: OpenQuestion::WarningOrDismissalMonths, .. }]
        ));
        s.record(OpenQuestion::WarningOrDismissalMonths, Scope::Round, answer(AnswerValue::Number(24))).unwrap();
        assert_eq!(evaluate_eligibility(&old_warning, on, &s), vec![Eligibility::Eligible]);
    }
}
