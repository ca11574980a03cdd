//! Written election files read back to the same count: write → parse →
//! count equals counting the original (`docs/tally-format.md`).

use daihoi_election::{
    Ballot, BoardRuling, Body, Choice, Count, Decision, DecisionAction, DecisionPoint, Election, Electorate, Flags,
    Marks, Meeting, PointKind, Proceedings, RuleSet, Subtraction, Withdrawal,
};
use daihoi_tally::{ElectionFile, MinutesInfo, parse_election, proceed, tally_csv, write_election_files};
use proptest::prelude::*;

fn kept(number: &str, kept: &[bool], flags: Flags) -> Ballot {
    Ballot { number: number.into(), marks: Marks::CrossingOut(kept.to_vec()), flags }
}

fn rules_of(f: &ElectionFile, round: u32) -> Vec<BoardRuling> {
    f.rulings.iter().filter(|(r, _)| *r == round).map(|(_, x)| x.clone()).collect()
}

/// Counts the original rounds with the engine alone, deciding as recorded.
fn count_original(f: &ElectionFile, rounds: &[Vec<Ballot>]) -> Proceedings {
    let mut p = Proceedings::new(f.election.clone());
    for ballots in rounds {
        let round = p.awaiting().expect("a round waits").clone();
        let rulings = rules_of(f, round.number);
        p.record_count(daihoi_election::count(&round.election, ballots, &rulings).expect("the original counts"))
            .expect("recorded");
        for d in f.decisions.iter().filter(|d| d.round == round.number) {
            p.decide(d.clone()).expect("decided");
        }
    }
    p
}

/// Writes the files, parses them back and counts them as `daihoi tally` does.
fn round_trip(f: &ElectionFile, rounds: &[Vec<Ballot>]) -> (ElectionFile, Proceedings) {
    let files = write_election_files(f, rounds).expect("written");
    let parsed = parse_election("ELECTION.toml", &files.election).unwrap_or_else(|e| panic!("{e}\n{}", files.election));
    let names: Vec<String> = (1..=files.ballots.len()).map(|i| format!("round{i}.csv")).collect();
    let csvs: Vec<(&String, &String)> = names.iter().zip(&files.ballots).collect();
    let p = proceed(
        "ELECTION.toml",
        &parsed,
        &csvs,
        |(n, _)| (*n).clone(),
        |(n, csv), e, r| tally_csv(n, csv.as_bytes(), e, r),
    )
    .unwrap_or_else(|e| panic!("{e}\n{}\n{:?}", files.election, files.ballots));
    (parsed, p)
}

fn counts(p: &Proceedings) -> Vec<Count> {
    p.rounds().iter().filter_map(|r| r.count.clone()).collect()
}

/// Two rounds: a committee of 4 with a withdrawal (R-LIST-7), names with a
/// comma and quotes, flags and the board's rulings (R-VALID-8); round 1 ends
/// at a tie at the cut-off (R-RANK-2) and the recorded decision opens round 2.
#[test]
fn two_rounds_with_a_tie_decision_read_back_the_same() {
    let listed =
        ["Nguyễn Văn An", "Trần, Thị Bình", "Lê \"Út\" Cường", "Phạm Văn Dũng", "Hoàng Thị Én", "Vũ Văn Giang"];
    let withdrawals = vec![Withdrawal {
        name: "Phạm Văn Dũng".into(),
        decided_by: "Đại hội (biểu quyết giơ tay)".into(),
        at: "20/6/2025 09:30".into(),
        reason: "xin rút vì lý do sức khỏe".into(),
    }];
    let candidates: Vec<String> = listed.iter().filter(|n| !n.starts_with("Phạm")).map(|n| n.to_string()).collect();
    let election = Election {
        title: "Bầu Ban Chấp hành, nhiệm kỳ 2025-2030".into(),
        body: Body::Committee,
        electorate: Electorate {
            meeting: Meeting::DelegateCongress,
            convened: 30,
            present: 28,
            subtractions: vec![(Subtraction::ConveningCommitteeAbsent, 1)],
        },
        seats: 4,
        ballots_issued: 28,
        candidates,
        rules: RuleSet::regulation_190(),
    };
    // An, Bình, Cường, Én, Giang.
    let none = Flags::default();
    let marked = Flags { marked: true, ..Flags::default() };
    let mut round1 = Vec::new();
    for i in 1..=24 {
        let struck = if i <= 8 {
            4
        } else if i <= 16 {
            3
        } else {
            2
        };
        let k: Vec<bool> = (0..5).map(|c| c != struck).collect();
        round1.push(kept(&i.to_string(), &k, none));
    }
    round1.push(kept("25", &[true, false, false, false, false], marked));
    round1.push(kept("26", &[true, true, false, true, true], none));
    round1.push(kept("A,27", &[true, true, false, false, false], marked));
    let rulings = vec![
        (1, BoardRuling { ballot: "25".into(), valid: false, reason: "chữ ký".into() }),
        (1, BoardRuling { ballot: "26".into(), valid: false, reason: "rách, không đọc được".into() }),
        (1, BoardRuling { ballot: "A,27".into(), valid: true, reason: "vết mực vô ý".into() }),
        (2, BoardRuling { ballot: "3".into(), valid: true, reason: "\"dấu\" vô ý\nký nháy".into() }),
    ];
    let mut f = ElectionFile {
        election,
        withdrawals,
        rulings,
        decisions: vec![],
        minutes: MinutesInfo {
            congress: "Đại hội Đảng bộ xã Quảng Tân lần thứ I".into(),
            issuer: "ĐẢNG BỘ XÃ QUẢNG TÂN".into(),
            place: "Quảng Tân".into(),
            date: Some(time::macros::date!(2025 - 06 - 20)),
            board_head: "Nguyễn Văn An".into(),
            board_members: vec!["Trần, Thị Bình".into()],
        },
    };
    // The decision answers round 1's tie as the engine reports it.
    let first = daihoi_election::count(&f.election, &round1, &rules_of(&f, 1)).unwrap();
    let Some(DecisionPoint::TieAtCutoff { seats, candidates: tied }) = first.decisions_needed.first().cloned() else {
        panic!("round 1 ends at a tie: {:?}", first.decisions_needed)
    };
    assert_eq!((seats, tied.len()), (2, 3), "{first:?}");
    f.decisions.push(Decision {
        round: 1,
        point: PointKind::TieAtCutoff,
        decided_by: "Đoàn Chủ tịch, Đại hội biểu quyết".into(),
        at: "20/6/2025 16:00".into(),
        reason: "bầu tiếp trong số các đồng chí bằng phiếu".into(),
        action: DecisionAction::FurtherRound { seats, candidates: tied, ballots_issued: 12, present: Some(27) },
    });
    let round2: Vec<Ballot> = (1..=12)
        .map(|i| {
            let struck = if i <= 7 { 2 } else { 1 };
            let flags = Flags { write_in: i == 3, not_issued: i == 12, ..Flags::default() };
            kept(&i.to_string(), &(0..3).map(|c| c != struck).collect::<Vec<_>>(), flags)
        })
        .collect();
    let rounds = vec![round1, round2];
    let original = count_original(&f, &rounds);
    let (parsed, p) = round_trip(&f, &rounds);
    assert_eq!(counts(&p), counts(&original));
    assert_eq!(counts(&p).len(), 2);
    assert_eq!(p.elected(), original.elected());
    assert_eq!(p.decisions(), original.decisions());
    assert_eq!((parsed.withdrawals, parsed.rulings, parsed.minutes), (f.withdrawals, f.rulings, f.minutes));
    assert_eq!(parsed.election.candidates, f.election.candidates);
}

/// The agree/disagree form (R-BALLOT-3): alternates with a tie in their
/// order (R-DELEG-1) and the recorded order; every mark, flags.
#[test]
fn agree_disagree_with_an_order_decision_reads_back_the_same() {
    let election = Election {
        title: "Bầu đại biểu dự khuyết".into(),
        body: Body::Alternates,
        electorate: Electorate {
            meeting: Meeting::MemberCongress,
            convened: 12,
            present: 10,
            subtractions: vec![(Subtraction::Suspended, 1), (Subtraction::AbsentWithReason, 1)],
        },
        seats: 2,
        ballots_issued: 10,
        candidates: vec!["Đinh, Văn Hải".into(), "Mai Thị Lan".into()],
        rules: RuleSet::regulation_190(),
    };
    let choices = [
        [Choice::Agree, Choice::Agree],
        [Choice::Agree, Choice::Agree],
        [Choice::Agree, Choice::Agree],
        [Choice::Agree, Choice::Agree],
        [Choice::Agree, Choice::Agree],
        [Choice::Agree, Choice::Agree],
        [Choice::Disagree, Choice::Both],
        [Choice::Neither, Choice::Disagree],
        [Choice::Both, Choice::Neither],
    ];
    let mut ballots: Vec<Ballot> = choices
        .iter()
        .enumerate()
        .map(|(i, c)| Ballot {
            number: format!("{}", i + 1),
            marks: Marks::AgreeDisagree(c.to_vec()),
            flags: Flags::default(),
        })
        .collect();
    ballots.push(Ballot {
        number: "\"10\"".into(),
        marks: Marks::AgreeDisagree(vec![Choice::Agree, Choice::Disagree]),
        flags: Flags { not_issued: true, write_in: true, marked: true },
    });
    let mut f = ElectionFile {
        election,
        withdrawals: vec![],
        rulings: vec![],
        decisions: vec![],
        minutes: MinutesInfo::default(),
    };
    let first = daihoi_election::count(&f.election, &ballots, &[]).unwrap();
    let Some(DecisionPoint::TieInOrder { candidates }) = first.decisions_needed.first().cloned() else {
        panic!("a tie in order: {:?}", first.decisions_needed)
    };
    f.decisions.push(Decision {
        round: 1,
        point: PointKind::TieInOrder,
        decided_by: "Đại hội".into(),
        at: "2025-06-20T16:00:00".into(),
        reason: String::new(),
        action: DecisionAction::Order { order: candidates.into_iter().rev().collect() },
    });
    let rounds = vec![ballots];
    let original = count_original(&f, &rounds);
    let (_, p) = round_trip(&f, &rounds);
    assert_eq!(counts(&p), counts(&original));
    assert_eq!(p.elected(), original.elected());
    assert_eq!(p.elected(), vec!["Mai Thị Lan".to_string(), "Đinh, Văn Hải".to_string()]);
}

/// Names as people write them, some needing CSV's quotes.
const NAMES: [&str; 8] = ["An", "Bình, Trần", "\"Út\"", "Cường \"Lê\", Văn", "Đặng Thị Én", "Giang,", ",Hà", "Ích\"\""];

fn ballots_for(n: usize, picks: &[(Vec<u8>, u8)]) -> Vec<Ballot> {
    picks
        .iter()
        .enumerate()
        .map(|(i, (marks, flags))| {
            let flags = Flags { not_issued: flags & 1 != 0, write_in: flags & 2 != 0, marked: flags & 4 != 0 };
            let number = if i % 5 == 4 { format!("B-{i}, bis") } else { (i + 1).to_string() };
            Ballot { number, marks: Marks::CrossingOut(marks[..n].iter().map(|m| m % 3 != 0).collect()), flags }
        })
        .collect()
}

proptest! {
    /// Any list of these names, any seats and ballots (crossing-out or
    /// agree/disagree), any flags and rulings: the files read back to the
    /// count of the original.
    #[test]
    fn written_files_count_as_the_original(
        n in 1usize..=8,
        seats in 1u32..=8,
        picks in proptest::collection::vec((proptest::collection::vec(0u8..4, 8), 0u8..8), 0..40),
        ruled in proptest::collection::vec((0usize..40, any::<bool>()), 0..4),
    ) {
        let candidates: Vec<String> = NAMES[..n].iter().map(|s| s.to_string()).collect();
        let listed = daihoi_election::list::check_list(Body::Delegates, seats, &candidates, false, &RuleSet::regulation_190());
        prop_assume!(listed.is_ok());
        let election = Election {
            title: "T".into(),
            body: Body::Delegates,
            electorate: Electorate { meeting: Meeting::Conference, convened: 50, present: 45, subtractions: vec![] },
            seats,
            ballots_issued: 45,
            candidates,
            rules: RuleSet::regulation_190(),
        };
        let mut ballots = ballots_for(n, &picks);
        if n <= seats as usize {
            for (b, (marks, _)) in ballots.iter_mut().zip(&picks) {
                let choice = |m: u8| [Choice::Neither, Choice::Agree, Choice::Disagree, Choice::Both][m as usize];
                b.marks = Marks::AgreeDisagree(marks[..n].iter().map(|m| choice(*m)).collect());
            }
        }
        let mut rulings = Vec::new();
        for (i, valid) in ruled {
            if let Some(b) = ballots.get(i) && !rulings.iter().any(|(_, r): &(u32, BoardRuling)| r.ballot == b.number) {
                rulings.push((1, BoardRuling { ballot: b.number.clone(), valid, reason: "lý do, \"x\"".into() }));
            }
        }
        let f = ElectionFile { election, withdrawals: vec![], rulings, decisions: vec![], minutes: MinutesInfo::default() };
        let rounds = vec![ballots];
        let original = count_original(&f, &rounds);
        let (_, p) = round_trip(&f, &rounds);
        prop_assert_eq!(counts(&p), counts(&original));
    }
}
