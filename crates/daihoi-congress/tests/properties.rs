//! Properties of the congress rules that hold for any input (proptest).

use daihoi_congress::allocation::{ProposalUnit, SeatMode, SeatRow, SeatTable};
use daihoi_congress::personnel::StepOutcome;
use daihoi_congress::plan::CongressKind;
use daihoi_congress::roll::{CommitteeMember, Roll, RollEntry, RollInput, Seat, Status};
use daihoi_congress::*;
use proptest::prelude::*;
use time::macros::date;

fn answer(value: AnswerValue) -> Answer {
    Answer { value, by: "Ban Thường vụ".into(), at: date!(2025 - 03 - 01), why: "Kết luận".into() }
}

proptest! {
    /// C-DEL-2: a proposal's rows add up to the total it reports, and each
    /// row is base + floor(m/per) + (remainder ≥ r) + bonus.
    #[test]
    fn c_del_2_proposal_rows_add_up(
        members in proptest::collection::vec(0u32..5_000, 0..30),
        base in 0u32..5,
        per in 1u32..200,
        at_least in 0u32..200,
        bonus in 0u32..3,
    ) {
        let units: Vec<ProposalUnit> = members
            .iter()
            .enumerate()
            .map(|(i, &m)| ProposalUnit { organization: format!("u{i}"), members: m, bonus: if i % 3 == 0 { bonus } else { 0 } })
            .collect();
        let p = propose(&units, ProposalParameters { base_per_unit: base, members_per_seat: per, remainder_at_least: at_least }).unwrap();
        prop_assert_eq!(p.rows.iter().map(|r| r.working.seats).sum::<u32>(), p.total);
        for (row, unit) in p.rows.iter().zip(&units) {
            let expected = base + unit.members / per + u32::from(unit.members % per >= at_least) + unit.bonus;
            prop_assert_eq!(row.working.seats, expected);
            prop_assert_eq!(row.working.values().iter().sum::<u32>(), row.working.seats);
        }
    }

    /// C-DEL-6: more members never give fewer seats.
    #[test]
    fn c_del_6_monotone_in_members(m in 0u32..2_000_000, more in 0u32..100_000, merged in 0usize..3, imp in 0usize..4) {
        let s = RoundSettings::term_2025_2030();
        let merger = [Merger::NotMerged, Merger::FromTwo, Merger::FromThree][merged];
        let importance = [None, Some(Importance::KeyCityOrForce), Some(Importance::CentralAgenciesOrGovernment), Some(Importance::AssemblyOrFront)][imp];
        let seats = |members| national_seats(NationalUnit { merger, members, importance }, &s).unwrap().0.seats;
        prop_assert!(seats(m) <= seats(m + more));
        prop_assert!(seats(m + 12_000) == seats(m) + 1);
    }

    /// C-DEL-1: a table (distinct organizations, designation with its
    /// decision) is accepted exactly when its seats add up to the total.
    #[test]
    fn c_del_1_table_accepted_iff_it_adds_up(
        rows in proptest::collection::vec((0u32..400, 0usize..3), 0..20),
        delta in -3i64..=3,
    ) {
        let s = RoundSettings::term_2025_2030();
        let modes = [SeatMode::ExOfficio, SeatMode::Elected, SeatMode::Designated];
        let rows: Vec<SeatRow> = rows
            .iter()
            .enumerate()
            .map(|(i, &(seats, mode))| SeatRow {
                organization: format!("o{i}"),
                seats,
                mode: modes[mode],
                decision: (modes[mode] == SeatMode::Designated).then(|| "9-QĐ".to_owned()),
            })
            .collect();
        let sum: i64 = rows.iter().map(|r| i64::from(r.seats)).sum();
        let total = u32::try_from((sum + delta).max(0)).unwrap();
        let table = SeatTable { total, decision: "1-QĐ".into(), rows };
        let checked = table.check(&s, &Scope::Round);
        // Accepted iff it adds up to a total of at least one (C-DEL-1).
        prop_assert_eq!(checked.is_ok(), i64::from(total) == sum && total > 0, "{:?}", checked);
        if let Ok(summary) = checked {
            prop_assert_eq!(summary.ex_officio + summary.elected + summary.designated, total);
        }
    }

    /// Attendance: "absent throughout" iff absent from every session.
    #[test]
    fn absent_throughout_iff_absent_from_every_session(marks in proptest::collection::vec(any::<bool>(), 1..8)) {
        let attendance = Attendance {
            sessions: (0..marks.len()).map(|i| format!("s{i}")).collect(),
            marks: marks
                .iter()
                .enumerate()
                .map(|(i, &present)| Mark {
                    session: format!("s{i}"),
                    person: "a".into(),
                    presence: if present { Presence::Present } else { Presence::Absent { reason: None } },
                })
                .collect(),
            replacements: vec![],
        };
        prop_assert_eq!(attendance.absent_throughout("a").unwrap(), marks.iter().all(|p| !p));
    }

    /// R-BASE-2: the base of a delegate congress never exceeds those
    /// convened, nor goes below them less those absent throughout; those
    /// present never exceed those convened.
    #[test]
    fn r_base_2_base_within_convened(
        committee in 0usize..6,
        delegates in proptest::collection::vec(proptest::collection::vec(any::<bool>(), 2), 0..20),
        committee_presence in proptest::collection::vec(proptest::collection::vec(any::<bool>(), 2), 6),
        alternates in 0usize..4,
    ) {
        let s = RoundSettings::term_2025_2030();
        let input = RollInput {
            kind: CongressKind::DelegateCongress,
            opening: date!(2025 - 05 - 01),
            committee: (0..committee).map(|i| CommitteeMember { person: format!("uv{i}"), alternate: false }).collect(),
            entries: (0..delegates.len())
                .map(|i| RollEntry { person: format!("db{i}"), seat: Seat::Elected { by: "CB".into() } })
                .chain((0..alternates).map(|i| RollEntry { person: format!("dk{i}"), seat: Seat::Alternate { rank: i as u32 + 1 } }))
                .collect(),
            facts: vec![],
        };
        let roll = Roll::assemble(&input, &s).unwrap();
        let presence_of = |person: &str, session: usize| -> bool {
            if let Some(i) = person.strip_prefix("uv") { committee_presence[i.parse::<usize>().unwrap()][session] }
            else if let Some(i) = person.strip_prefix("db") { delegates[i.parse::<usize>().unwrap()][session] }
            else { true }
        };
        let mut attendance = Attendance { sessions: vec!["s0".into(), "s1".into()], ..Attendance::default() };
        for l in roll.lines.iter().filter(|l| l.status == Status::Convened) {
            for session in 0..2 {
                let presence = if presence_of(&l.entry.person, session) { Presence::Present } else { Presence::Absent { reason: None } };
                attendance.marks.push(Mark { session: format!("s{session}"), person: l.entry.person.clone(), presence });
            }
        }
        // Replace the first absent delegates by the alternates, in order.
        let absent: Vec<String> = (0..delegates.len())
            .filter(|&i| delegates[i].iter().all(|p| !p))
            .map(|i| format!("db{i}"))
            .collect();
        for (i, a) in absent.iter().take(alternates).enumerate() {
            attendance.replacements.push(Replacement { absent: a.clone(), alternate: format!("dk{i}") });
        }
        let b = attendance.base(&roll, "s1").unwrap().unwrap();
        let convened = u32::try_from(committee + delegates.len()).unwrap();
        let away = u32::try_from(
            (0..committee).filter(|&i| committee_presence[i].iter().all(|p| !p)).count() + absent.len(),
        ).unwrap();
        prop_assert_eq!(b.electorate.convened, convened);
        prop_assert!(b.base <= convened);
        prop_assert!(b.base + away >= convened);
        prop_assert!(b.electorate.present <= convened);
        prop_assert_eq!(b.votes_needed, b.base / 2 + 1);
    }

    /// C-PER-3: a later retirement month never turns "meets" into "falls
    /// short"; the outcome is "meets" iff the months left reach those
    /// required.
    #[test]
    fn c_per_3_monotone_in_retirement(offset in -24i64..120, later in 0i64..24, deputy in any::<bool>()) {
        let s = RoundSettings::term_2025_2030();
        let track = if deputy { Track::ProvincialDeputySecretaryReelection } else { Track::Reelection };
        let at = ReferencePoint::Party(LevelClass::UnderCentre);
        let reference = YearMonth::new(2025, 9).unwrap();
        let a = service_check(track, reference.plus_months(offset), at, &s).unwrap();
        let b = service_check(track, reference.plus_months(offset + later), at, &s).unwrap();
        prop_assert_eq!(a.outcome == ServiceOutcome::Meets, offset >= i64::from(a.required));
        prop_assert!(a.outcome != ServiceOutcome::Meets || b.outcome == ServiceOutcome::Meets);
    }

    /// C-PER-2: the first-time check waits for the answer exactly when the
    /// reference month decides (59 months), and the answer settles it.
    #[test]
    fn c_per_2_awaits_only_when_it_decides(offset in 0i64..100, counts in any::<bool>()) {
        let s = RoundSettings::term_2025_2030();
        let at = ReferencePoint::Party(LevelClass::Commune);
        let reference = YearMonth::new(2025, 7).unwrap();
        let c = service_check(Track::FirstTime, reference.plus_months(offset), at, &s).unwrap();
        prop_assert_eq!(matches!(c.outcome, ServiceOutcome::Awaiting(_)), offset == 59);
        let mut answered = s.clone();
        answered.record(OpenQuestion::ReferenceMonthCounts, Scope::Round, answer(AnswerValue::YesNo(counts))).unwrap();
        let c = service_check(Track::FirstTime, reference.plus_months(offset), at, &answered).unwrap();
        let months = offset + i64::from(counts);
        prop_assert_eq!(c.outcome == ServiceOutcome::Meets, months >= 60);
    }

    /// C-PER-9: at step 2 the outcome waits for the base only when the two
    /// readings differ; with a quorum, a name on "convened" also passes on
    /// "present".
    #[test]
    fn c_per_9_step_two_waits_only_when_readings_differ(convened in 1u32..300, present_share in 0u32..=100, yes_share in 0u32..=100) {
        let s = RoundSettings::term_2025_2030();
        let present = convened * present_share / 100;
        let yes = present * yes_share / 100;
        let t = step_threshold(StepVotes { step: Step::Two, convened, present }, &s).unwrap();
        let outcome = t.outcome(yes).unwrap();
        let quorum = t.quorum.clone().unwrap();
        prop_assert_eq!(quorum.met, present * 3 >= convened * 2);
        if !quorum.met {
            prop_assert_eq!(outcome, StepOutcome::NoQuorum);
        } else {
            let on_convened = 2 * yes > convened;
            let on_present = 2 * yes > present;
            prop_assert!(!on_convened || on_present);
            match outcome {
                StepOutcome::Passes => prop_assert!(on_convened && on_present),
                StepOutcome::DoesNotPass => prop_assert!(!on_convened && !on_present),
                StepOutcome::Awaiting(_) => prop_assert!(on_present && !on_convened),
                StepOutcome::NoQuorum => prop_assert!(false),
            }
        }
    }

    /// C-PER-12: a complete list has seats + 1 names and nobody left off
    /// has more votes than someone on it; a head's choice leaves places
    /// fewer than the tied.
    #[test]
    fn c_per_12_list_takes_the_most_votes(seats in 3u32..=5, votes in proptest::collection::vec(0u32..10, 0..10)) {
        let named: Vec<(String, u32)> = votes.iter().enumerate().map(|(i, &v)| (format!("c{i}"), v)).collect();
        match introduction_list(seats, &named).unwrap() {
            IntroductionList::KeepIntroducing { have, need } => {
                prop_assert!(have < need);
                prop_assert_eq!(need, seats + 1);
            }
            IntroductionList::Complete { names } => {
                prop_assert_eq!(names.len() as u32, seats + 1);
                let vote = |n: &String| named.iter().find(|(m, _)| m == n).unwrap().1;
                let lowest_in = names.iter().map(vote).min().unwrap();
                prop_assert!(named.iter().filter(|(n, _)| !names.contains(n)).all(|(_, v)| *v < lowest_in));
            }
            IntroductionList::HeadsChoice(choice) => {
                prop_assert!(choice.places >= 1);
                prop_assert!((choice.places as usize) < choice.tied.len());
                prop_assert_eq!(choice.settled.len() as u32 + choice.places, seats + 1);
            }
        }
    }
}
