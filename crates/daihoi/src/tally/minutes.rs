//! The data of the counting minutes (biên bản kiểm phiếu) and of the printed
//! ballots, in Vietnamese words, from the election file and the engine's
//! rounds. daihoi-print typesets it; tests snapshot it (not the PDF bytes).

use daihoi_election::{BallotForm, Count, InvalidReason, Proceedings, Round, Subtraction};
use daihoi_print::{BallotSheet, CandidateLine, ElectedLine, Line, Minutes, MinutesRound};

use super::report::{Words, counted, words};
use daihoi_tally::{ElectionFile, MinutesInfo};

fn subtraction_vi(s: Subtraction) -> &'static str {
    match s {
        Subtraction::TemporarilyTransferred => "Đảng viên đang sinh hoạt tạm thời ở đảng bộ khác",
        Subtraction::ExemptedAbsent => "Đảng viên được miễn sinh hoạt và không dự đại hội",
        Subtraction::Suspended => "Đảng viên bị đình chỉ sinh hoạt",
        Subtraction::ProsecutedOrDetained => "Đảng viên bị khởi tố, truy tố, tạm giam",
        Subtraction::AbsentWithReason => "Đảng viên vắng mặt suốt thời gian đại hội có lý do được chấp nhận",
        Subtraction::ConveningCommitteeAbsent => "Cấp ủy viên triệu tập đại hội vắng mặt suốt thời gian đại hội",
        Subtraction::AbsentNotReplaced => {
            "Đại biểu chính thức vắng mặt suốt thời gian đại hội, không có dự khuyết thay"
        }
    }
}

fn reason_vi(r: InvalidReason) -> &'static str {
    match r {
        InvalidReason::NotIssued => "Phiếu không do Ban kiểm phiếu phát ra",
        InvalidReason::OverSeats => "Phiếu bầu quá số lượng cần bầu",
        InvalidReason::AllStruck => "Phiếu gạch tên tất cả",
        InvalidReason::SingleNameUnmarked => "Phiếu một tên không đánh dấu đúng một ô",
        InvalidReason::WriteIn => "Phiếu ghi thêm tên người ngoài danh sách",
        InvalidReason::Marked => "Phiếu có ký tên, đánh dấu hoặc viết thêm",
        InvalidReason::BoardRuling => "Phiếu Ban kiểm phiếu quyết định không hợp lệ",
    }
}

fn convened_vi(meeting: daihoi_election::Meeting) -> &'static str {
    match meeting {
        daihoi_election::Meeting::MemberCongress => "Tổng số đảng viên chính thức được triệu tập",
        daihoi_election::Meeting::DelegateCongress => "Tổng số đại biểu chính thức được triệu tập",
        daihoi_election::Meeting::Conference => "Tổng số thành viên được triệu tập",
    }
}

/// "Quảng Tân, ngày 20 tháng 6 năm 2025".
fn place_and_date(info: &MinutesInfo) -> String {
    let date = info.date.map(|d| format!("ngày {} tháng {} năm {}", d.day(), u8::from(d.month()), d.year()));
    match (info.place.trim(), date) {
        ("", None) => String::new(),
        ("", Some(d)) => capitalised(&d),
        (place, None) => place.to_owned(),
        (place, Some(d)) => format!("{place}, {d}"),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn round_data(w: &Words, f: &ElectionFile, p: &Proceedings, round: &Round, count: &Count) -> MinutesRound {
    let e = &round.election;
    let mut electorate =
        vec![Line { label: convened_vi(e.electorate.meeting).into(), value: e.electorate.convened.to_string() }];
    for (s, n) in &e.electorate.subtractions {
        electorate.push(Line { label: subtraction_vi(*s).into(), value: n.to_string() });
    }
    electorate.push(Line { label: "Cơ sở tính kết quả bầu cử".into(), value: count.base.to_string() });
    let ballots = [
        ("Số có mặt khi bỏ phiếu", e.electorate.present),
        ("Số phiếu phát ra", count.issued),
        ("Số phiếu thu vào", count.returned),
        ("Số phiếu hợp lệ", count.valid),
        ("Số phiếu không hợp lệ", count.invalid),
    ]
    .map(|(label, n)| Line { label: label.into(), value: n.to_string() })
    .to_vec();
    let invalid_by_reason = InvalidReason::ALL
        .iter()
        .filter_map(|r| {
            let n = count.invalid_by_reason.get(r.code()).copied().unwrap_or(0);
            (n > 0).then(|| Line { label: reason_vi(*r).into(), value: n.to_string() })
        })
        .collect();
    // R-LIST-7: withdrawals, decided before the first round, are on its record.
    let withdrawals: Vec<String> = if round.number == 1 {
        f.withdrawals
            .iter()
            .map(|x| {
                let reason = if x.reason.trim().is_empty() { String::new() } else { format!(" ({})", x.reason.trim()) };
                format!("{}, {} quyết định: đồng chí {} rút khỏi danh sách{reason}", x.at, x.decided_by, x.name)
            })
            .collect()
    } else {
        Vec::new()
    };
    MinutesRound {
        number: round.number,
        opened_by: round.opened_by.as_ref().map(|d| w.decision(d)),
        seats: e.seats,
        form: w.form(count.form).into(),
        agree_form: count.form == BallotForm::AgreeDisagree,
        candidates_listed: e.candidates.clone(),
        electorate,
        needed: format!("Người trúng cử phải được ít nhất {} phiếu (quá một nửa của {})", count.needed, count.base),
        ballots,
        invalid_by_reason,
        candidates: count
            .candidates
            .iter()
            .zip(1..)
            .map(|(c, number)| CandidateLine {
                number,
                name: c.name.clone(),
                votes: c.votes,
                percent: w.percent(c.votes, count.base),
                disagree: c.disagree,
                no_vote: c.no_vote,
                passed: c.passed,
                elected: c.elected,
            })
            .collect(),
        rulings: count.rulings.iter().map(|r| w.ruling(r)).collect(),
        decision_points: count.decisions_needed.iter().map(|d| w.point(d)).collect(),
        decisions: withdrawals
            .into_iter()
            .chain(p.decisions().iter().filter(|d| d.round == round.number).map(|d| w.decision(d)))
            .collect(),
    }
}

/// The minutes of the counted rounds, in Vietnamese.
pub fn minutes(f: &ElectionFile, p: &Proceedings) -> Minutes {
    let w = words("vi");
    let rounds: Vec<(&Round, &Count)> = counted(p).collect();
    let elected = p
        .elected()
        .into_iter()
        .filter_map(|name| {
            rounds.iter().find_map(|(r, c)| {
                c.candidates.iter().find(|x| x.elected && x.name == name).map(|x| ElectedLine {
                    name: name.clone(),
                    votes: x.votes,
                    percent: w.percent(x.votes, c.base),
                    round: r.number,
                })
            })
        })
        .collect();
    let mut open_points: Vec<String> = p
        .open_points()
        .iter()
        .map(|(round, d)| if rounds.len() > 1 { format!("{}: {}", w.round(*round), w.point(d)) } else { w.point(d) })
        .collect();
    if let Some(r) = p.awaiting() {
        open_points.push(format!(
            "{} chưa kiểm phiếu: bầu {} chỗ trong danh sách {}",
            w.round(r.number),
            r.election.seats,
            r.election.candidates.join(", ")
        ));
    }
    Minutes {
        issuer: f.minutes.issuer.clone(),
        congress: f.minutes.congress.clone(),
        place_and_date: place_and_date(&f.minutes),
        title: f.election.title.clone(),
        board_head: f.minutes.board_head.clone(),
        board_members: f.minutes.board_members.clone(),
        rounds: rounds.iter().map(|(r, c)| round_data(&w, f, p, r, c)).collect(),
        elected,
        open_points,
    }
}

/// The ballots of `round` (1 = the first; a later round is the list of the
/// decision that opened it).
pub fn ballot_sheet(f: &ElectionFile, round: &daihoi_election::Election, per_page: u32, copies: u32) -> BallotSheet {
    BallotSheet {
        issuer: f.minutes.issuer.clone(),
        congress: f.minutes.congress.clone(),
        title: round.title.clone(),
        names: round.candidates.clone(),
        agree_form: BallotForm::for_list(round.candidates.len(), round.seats) == BallotForm::AgreeDisagree,
        seats: round.seats,
        per_page,
        copies,
    }
}
