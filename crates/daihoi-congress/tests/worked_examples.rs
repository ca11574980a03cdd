//! The worked examples of `shared/domain/congress.md` (W-C1…W-C6), one test
//! each, with the figures of the table.

use daihoi_congress::allocation::{ProposalUnit, SeatMode, SeatRow, SeatTable};
use daihoi_congress::personnel::StepOutcome;
use daihoi_congress::plan::{Approval, CongressKind, CongressPlan, Contents, KindBasis, Membership, Schedule};
use daihoi_congress::roll::{CommitteeMember, ExclusionCase, ExclusionFact, Roll, RollEntry, RollInput, Seat, Status};
use daihoi_congress::*;
use daihoi_election::Subtraction;
use time::Date;
use time::macros::date;

fn answer(value: AnswerValue) -> Answer {
    Answer {
        value, by: "Ban Thường vụ Tỉnh ủy".into(), at: date!(2025 - 03 - 01), why: "Công văn 100-CV/TU".into()
    }
}

fn ym(y: i32, m: u8) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

/// W-C1 (C-DEL-6): not merged 150,000 / 150,001 → 25 / 26; merged from 3,
/// 152,000 → 48 (designated); Hà Nội 500,000 → 13+41+1+10 = 65; the 14th
/// Congress: 1,588 = 165 ex officio + 353 elected + 1,070 designated.
#[test]
fn w_c1_national_seats() {
    let s = RoundSettings::term_2025_2030();
    let seats =
        |merger, members, importance| national_seats(NationalUnit { merger, members, importance }, &s).unwrap().0;
    let w = seats(Merger::NotMerged, 150_000, None);
    assert_eq!((w.values(), w.seats), (vec![13, 12, 0], 25));
    assert!(matches!(w.terms[2].kind, TermKind::Remainder { remainder: 6_000, at_least: 6_001 }));
    assert_eq!(seats(Merger::NotMerged, 150_001, None).seats, 26);
    assert_eq!(seats(Merger::FromThree, 152_000, None).seats, 48);
    let hanoi = seats(Merger::NotMerged, 500_000, Some(Importance::KeyCityOrForce));
    assert_eq!((hanoi.values(), hanoi.seats), (vec![13, 41, 1, 10], 65));

    // The merged province's seats are designated, with the decision (C-DEL-8).
    let row = |organization: &str, seats, mode, decision: Option<&str>| SeatRow {
        organization: organization.into(),
        seats,
        mode,
        decision: decision.map(Into::into),
    };
    let mut table = SeatTable {
        total: 1_588,
        decision: "341-QĐ/TW".into(),
        rows: vec![
            row("BCH-TW-13", 165, SeatMode::ExOfficio, None),
            row("elected-13", 353, SeatMode::Elected, None),
            row("designated-28", 1_070, SeatMode::Designated, Some("341-QĐ/TW")),
        ],
    };
    let summary = table.check(&s, &Scope::Organization("TW".into())).unwrap();
    assert_eq!((summary.ex_officio, summary.elected, summary.designated), (165, 353, 1_070));
    table.total = 1_590;
    assert!(table.check(&s, &Scope::Round).is_err());
}

fn w_c2_roll(settings: &RoundSettings) -> Roll {
    let committee = (1..=9).map(|i| CommitteeMember { person: format!("uv{i}"), alternate: false }).collect();
    let mut entries: Vec<RollEntry> = (1..=45)
        .map(|i| RollEntry { person: format!("db{i:02}"), seat: Seat::Elected { by: format!("CB-{:02}", i % 12) } })
        .collect();
    entries.push(RollEntry { person: "dk1".into(), seat: Seat::Alternate { rank: 1 } });
    entries.push(RollEntry { person: "dk2".into(), seat: Seat::Alternate { rank: 2 } });
    let input = RollInput {
        kind: CongressKind::DelegateCongress,
        opening: date!(2025 - 05 - 20),
        committee,
        entries,
        facts: vec![],
    };
    Roll::assemble(&input, settings).unwrap()
}

/// W-C2 (C-DEL-5, C-DEL-2, C-DEL-7, R-BASE-2): a grassroots organization of
/// 350 → delegate congress; cells 60…10 with 1 per cell + 1 per 10 + 1 if
/// the remainder ≥ 6 → 7 6 5 4 4 4 3 3 3 2 2 2 = 45 (a cell of 45: 5);
/// committee of 9 → roll 54; absent throughout 1 committee member and 2
/// delegates, 1 of them replaced → base 52, needs ≥ 27.
#[test]
fn w_c2_grassroots_delegate_congress() {
    let s = RoundSettings::term_2025_2030();
    let kind = propose_kind(LevelClass::Grassroots, Membership { official: 350, probationary: 0 }, None, &s).unwrap();
    assert_eq!((kind.kind, kind.basis), (CongressKind::DelegateCongress, KindBasis::AtThreshold));

    let cells = [60, 47, 38, 35, 30, 30, 25, 25, 20, 15, 15, 10];
    let units: Vec<ProposalUnit> = cells
        .iter()
        .enumerate()
        .map(|(i, &members)| ProposalUnit { organization: format!("CB-{i:02}"), members, bonus: 0 })
        .collect();
    assert_eq!(units.iter().map(|u| u.members).sum::<u32>(), 350);
    let parameters = ProposalParameters { base_per_unit: 1, members_per_seat: 10, remainder_at_least: 6 };
    let p = propose(&units, parameters).unwrap();
    assert_eq!(p.rows.iter().map(|r| r.working.seats).collect::<Vec<_>>(), vec![7, 6, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2]);
    assert_eq!(p.total, 45);
    assert_eq!(p.rows[1].working.values(), vec![1, 4, 1]); // 47: remainder 7
    let cell_45 = ProposalUnit { organization: "CB-45".into(), members: 45, bonus: 0 };
    assert_eq!(propose(&[cell_45], parameters).unwrap().total, 5);

    // The parameters are [open] (C-DEL-2): from a recorded answer.
    let scope = Scope::Organization("DB-350".into());
    assert!(s.allocation_parameters(&scope).is_err());
    let mut answered = s.clone();
    answered
        .record(OpenQuestion::AllocationParameters, scope.clone(), answer(AnswerValue::Allocation(parameters)))
        .unwrap();
    assert_eq!(answered.allocation_parameters(&scope), Ok(parameters));

    let roll = w_c2_roll(&s);
    assert_eq!(roll.convened_officials().count(), 54);
    let sessions = ["tru_bi", "phien_1", "phien_2"];
    let mut attendance = Attendance {
        sessions: sessions.iter().map(|s| (*s).to_owned()).collect(),
        replacements: vec![Replacement { absent: "db02".into(), alternate: "dk1".into() }],
        ..Attendance::default()
    };
    for l in roll.lines.iter().filter(|l| l.status == Status::Convened) {
        for session in sessions {
            let away = matches!(l.entry.person.as_str(), "uv3" | "db01" | "db02" | "dk2");
            let presence = if away { Presence::Absent { reason: None } } else { Presence::Present };
            attendance.marks.push(Mark { session: session.into(), person: l.entry.person.clone(), presence });
        }
    }
    let b = attendance.base(&roll, "phien_2").unwrap().unwrap();
    assert_eq!(b.electorate.convened, 54);
    assert_eq!(b.base, 52);
    assert_eq!(b.votes_needed, 27);
    assert_eq!(
        b.electorate.subtractions,
        vec![(Subtraction::ConveningCommitteeAbsent, 1), (Subtraction::AbsentNotReplaced, 1)]
    );
    assert_eq!(b.subtractions[1].persons, vec!["db01".to_owned()]);
    // 54 − 3 absent + the alternate who replaces db02.
    assert_eq!(b.electorate.present, 52);
}

/// W-C3 (C-PER-1…4): re-election at 09/2025 needs R ≥ 09/2029 (08/2029 =
/// 47: no; a provincial deputy secretary needs ≥ 03/2029: yes); first time
/// ≥ 09/2030, the reference month's counting [open]; commune ≥ 07/2029;
/// People's Committee chair ≥ 03/2029.
#[test]
fn w_c3_months_left() {
    let s = RoundSettings::term_2025_2030();
    let province = ReferencePoint::Party(LevelClass::UnderCentre);
    let check = |track, r, at, s: &RoundSettings| service_check(track, r, at, s).unwrap();

    let c = check(Track::Reelection, ym(2029, 9), province, &s);
    assert_eq!((c.reference, c.months_left, c.outcome.clone()), (ym(2025, 9), 48, ServiceOutcome::Meets));
    assert_eq!(c.earliest_retirement, Ok(ym(2029, 9)));
    let c = check(Track::Reelection, ym(2029, 8), province, &s);
    assert_eq!((c.months_left, c.outcome), (47, ServiceOutcome::FallsShort));
    let c = check(Track::ProvincialDeputySecretaryReelection, ym(2029, 8), province, &s);
    assert_eq!((c.required, c.outcome, c.earliest_retirement), (42, ServiceOutcome::Meets, Ok(ym(2029, 3))));
    let c = check(Track::ProvincialDeputySecretaryReelection, ym(2029, 2), province, &s);
    assert_eq!(c.outcome, ServiceOutcome::FallsShort);

    // First time: 60 months [INF; default, configurable]; 08/2030 gives 59,
    // or 60 if the reference month counts: [open].
    assert_eq!(check(Track::FirstTime, ym(2030, 9), province, &s).outcome, ServiceOutcome::Meets);
    assert_eq!(check(Track::FirstTime, ym(2030, 7), province, &s).outcome, ServiceOutcome::FallsShort);
    let awaiting = Awaiting { question: OpenQuestion::ReferenceMonthCounts, scope: Scope::Round };
    let c = check(Track::FirstTime, ym(2030, 8), province, &s);
    assert_eq!(c.outcome, ServiceOutcome::Awaiting(awaiting.clone()));
    assert_eq!(c.earliest_retirement, Err(awaiting));
    assert!(c.used.iter().any(|u| u.setting == SettingKey::FirstTimeMonths && u.tags.contains(&Tag::Inf)));
    let mut counts = s.clone();
    counts.record(OpenQuestion::ReferenceMonthCounts, Scope::Round, answer(AnswerValue::YesNo(true))).unwrap();
    let c = check(Track::FirstTime, ym(2030, 8), province, &counts);
    assert_eq!((c.outcome, c.earliest_retirement), (ServiceOutcome::Meets, Ok(ym(2030, 8))));
    let mut not = s.clone();
    not.record(OpenQuestion::ReferenceMonthCounts, Scope::Round, answer(AnswerValue::YesNo(false))).unwrap();
    let c = check(Track::FirstTime, ym(2030, 8), province, &not);
    assert_eq!((c.outcome, c.earliest_retirement), (ServiceOutcome::FallsShort, Ok(ym(2030, 9))));

    let commune = ReferencePoint::Party(LevelClass::Commune);
    assert_eq!(check(Track::Reelection, ym(2029, 7), commune, &s).earliest_retirement, Ok(ym(2029, 7)));
    assert_eq!(check(Track::Reelection, ym(2029, 6), commune, &s).outcome, ServiceOutcome::FallsShort);
    let chair = check(Track::StateOrFrontReelection, ym(2029, 3), ReferencePoint::StateLeadership, &s);
    assert_eq!((chair.reference, chair.required, chair.outcome), (ym(2026, 3), 36, ServiceOutcome::Meets));
    assert_eq!(chair.earliest_retirement, Ok(ym(2029, 3)));
}

/// W-C4 (C-PER-9, C-PER-12): step 3 with 45 convened → ≥ 23; step 2 with
/// 180 convened and 130 present → quorum 120 met, ≥ 91 (convened) or ≥ 66
/// (present), the base [open]; a body of 5 whose 6th and 7th tie → a list
/// of 6 by the head's choice.
#[test]
fn w_c4_five_steps_and_small_body() {
    let s = RoundSettings::term_2025_2030();
    let t = step_threshold(StepVotes { step: Step::Three, convened: 45, present: 45 }, &s).unwrap();
    assert_eq!(t.on_convened, 23);
    assert_eq!(t.outcome(23).unwrap(), StepOutcome::Passes);
    assert_eq!(t.outcome(22).unwrap(), StepOutcome::DoesNotPass);

    let t = step_threshold(StepVotes { step: Step::Two, convened: 180, present: 130 }, &s).unwrap();
    let quorum = t.quorum.clone().unwrap();
    assert_eq!((quorum.needed, quorum.met), (120, true));
    assert_eq!((t.on_convened, t.on_present), (91, Some(66)));
    let awaiting = Awaiting { question: OpenQuestion::StepTwoBase, scope: Scope::Round };
    assert_eq!(t.base, Err(awaiting.clone()));
    assert_eq!(t.outcome(91).unwrap(), StepOutcome::Passes);
    assert_eq!(t.outcome(65).unwrap(), StepOutcome::DoesNotPass);
    assert_eq!(t.outcome(70).unwrap(), StepOutcome::Awaiting(awaiting));
    let mut present = s.clone();
    present.record(OpenQuestion::StepTwoBase, Scope::Round, answer(AnswerValue::StepBase(StepBase::Present))).unwrap();
    let t = step_threshold(StepVotes { step: Step::Two, convened: 180, present: 130 }, &present).unwrap();
    assert_eq!(t.outcome(70).unwrap(), StepOutcome::Passes);
    let no_quorum = step_threshold(StepVotes { step: Step::Two, convened: 180, present: 119 }, &s).unwrap();
    assert!(!no_quorum.quorum.unwrap().met);

    let votes: Vec<(String, u32)> =
        [("A", 30), ("B", 28), ("C", 27), ("D", 25), ("E", 24), ("F", 20), ("G", 20), ("H", 11)]
            .iter()
            .map(|(n, v)| ((*n).to_owned(), *v))
            .collect();
    let IntroductionList::HeadsChoice(choice) = introduction_list(5, &votes).unwrap() else {
        panic!("a tie at the list's end is the head's choice");
    };
    assert_eq!(choice.settled, vec!["A", "B", "C", "D", "E"]);
    assert_eq!((choice.tied.clone(), choice.places), (vec!["F".to_owned(), "G".to_owned()], 1));
    let list = choice.apply(&["G".into()], "Bí thư Đảng ủy", "cơ cấu nữ").unwrap();
    assert_eq!(list, vec!["A", "B", "C", "D", "E", "G"]);
}

fn plan(level: LevelClass, opening: Date, days: u32) -> CongressPlan {
    CongressPlan {
        organization: "P".into(),
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

/// W-C5 (C-DEL-9, C-PLAN-1): a committee member retiring 01/07/2025, the
/// congress opening 10/07/2025 → not convened (15/07 → convened); a commune
/// congress on 05/09/2025 → a warning, kept with a higher approval; a
/// province on 20/10/2025 for 3 days → within.
#[test]
fn w_c5_not_convened_and_schedule() {
    let s = RoundSettings::term_2025_2030();
    let input = |retiring: Date| RollInput {
        kind: CongressKind::DelegateCongress,
        opening: date!(2025 - 07 - 10),
        committee: vec![
            CommitteeMember { person: "uv1".into(), alternate: false },
            CommitteeMember { person: "uv2".into(), alternate: false },
        ],
        entries: vec![],
        facts: vec![ExclusionFact {
            person: "uv1".into(),
            case: ExclusionCase::Retiring,
            effective: retiring,
            reference: "Quyết định nghỉ hưu 88-QĐ/TU".into(),
        }],
    };
    let roll = Roll::assemble(&input(date!(2025 - 07 - 01)), &s).unwrap();
    let Status::NotConvened(e) = &roll.line("uv1").unwrap().status else { panic!("uv1 is not convened") };
    assert_eq!((e.case, e.reference.as_str()), (ExclusionCase::Retiring, "Quyết định nghỉ hưu 88-QĐ/TU"));
    assert_eq!(roll.convened_officials().count(), 1);
    let roll = Roll::assemble(&input(date!(2025 - 07 - 15)), &s).unwrap();
    assert_eq!(roll.line("uv1").unwrap().status, Status::Convened);

    let mut commune = plan(LevelClass::Commune, date!(2025 - 09 - 05), 2);
    let w: Vec<PlanWarning> = warnings(&commune, &[], &s).into_iter().filter(|w| w.rule() == "C-PLAN-1").collect();
    assert!(
        matches!(&w[..], [PlanWarning::AfterFinishBy { finish_by, .. }] if *finish_by == date!(2025 - 08 - 31)),
        "{w:?}"
    );
    assert!(!w[0].approved());
    commune.date_approval = Some(Approval {
        approved_by: "Ban Thường vụ Tỉnh ủy".into(),
        on: date!(2025 - 08 - 20),
        reference: "500-CV/TU".into(),
    });
    let w: Vec<PlanWarning> = warnings(&commune, &[], &s).into_iter().filter(|w| w.rule() == "C-PLAN-1").collect();
    assert!(w.len() == 1 && w[0].approved(), "{w:?}");

    let province = plan(LevelClass::UnderCentre, date!(2025 - 10 - 20), 3);
    assert_eq!(province.schedule().last_day(), date!(2025 - 10 - 22));
    assert!(warnings(&province, &[], &s).iter().all(|w| w.rule() != "C-PLAN-1"));
}

/// W-C6 (C-PER-11): a reprimand effective 10/2024, nomination 06/2025 →
/// BLOCKED(higher post) + NEEDS_REVIEW(re-election); from 10/2025 QĐ 296's
/// bar lapses, KL150's stays where it applies.
#[test]
fn w_c6_reprimand() {
    let s = RoundSettings::term_2025_2030();
    let facts = |kl150_applies| EligibilityFacts {
        disciplines: vec![Discipline {
            form: DisciplineForm::Reprimand,
            effective: date!(2024 - 10 - 01),
            reference: "12-QĐ/UBKT".into(),
        }],
        kl150_applies,
        ..EligibilityFacts::default()
    };
    let june = date!(2025 - 06 - 01);
    let found = evaluate_eligibility(&facts(false), june, &s);
    assert!(
        matches!(
            &found[..],
            [
                Eligibility::Blocked {
                    scope: PostScope::HigherPost,
                    ground: Ground::DisciplineWithinBar { .. },
                    rule: "C-PER-11",
                    source: "296-QĐ/TW"
                },
                Eligibility::NeedsReview {
                    scope: PostScope::Reelection,
                    question: OpenQuestion::ReelectionIsEquivalentPost,
                    ..
                }
            ]
        ),
        "{found:?}"
    );
    // Where KL150 applies, its bar is there too.
    let found = evaluate_eligibility(&facts(true), june, &s);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().any(|e| matches!(e, Eligibility::Blocked { source: "150-KL/TW", .. })));

    let october = date!(2025 - 10 - 01);
    let found = evaluate_eligibility(&facts(true), october, &s);
    assert!(matches!(&found[..], [Eligibility::ReelectOnlyNotHigher { source: "150-KL/TW", .. }]), "{found:?}");
    // Outside KL150's scope the bar on higher posts is [open].
    let found = evaluate_eligibility(&facts(false), october, &s);
    assert!(
        matches!(
            &found[..],
            [Eligibility::NeedsReview { scope: PostScope::HigherPost, question: OpenQuestion::Kl150Elsewhere, .. }]
        ),
        "{found:?}"
    );
    // The day before the anniversary, QĐ 296's bar still holds.
    let found = evaluate_eligibility(&facts(true), date!(2025 - 09 - 30), &s);
    assert!(found.iter().any(|e| matches!(e, Eligibility::Blocked { source: "296-QĐ/TW", .. })));
    // Once answered that re-election is not an equivalent post: re-election only.
    let mut answered = s.clone();
    answered.record(OpenQuestion::ReelectionIsEquivalentPost, Scope::Round, answer(AnswerValue::YesNo(false))).unwrap();
    let found = evaluate_eligibility(&facts(false), june, &answered);
    assert!(matches!(&found[..], [Eligibility::ReelectOnlyNotHigher { source: "296-QĐ/TW", .. }]), "{found:?}");
}
