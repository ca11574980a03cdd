//! The data of the counting minutes (biên bản kiểm phiếu) and of the printed
//! ballots, in Vietnamese words, from the election file and the engine's
//! rounds, and the words a person reads the result in (vi, en, fr).
//! daihoi-print typesets the minutes and ballots; tests snapshot the data
//! (not the PDF bytes).

use daihoi_election::count::percent;
use daihoi_election::{
    BallotForm, Count, Decision, DecisionAction, DecisionPoint, InvalidReason, Proceedings, Round, Subtraction,
};
use daihoi_print::{BallotSheet, CandidateLine, ElectedLine, Line, Minutes, MinutesRound};

use crate::{ElectionFile, MinutesInfo};

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

/// The counted rounds with their counts.
pub fn counted(p: &Proceedings) -> impl Iterator<Item = (&daihoi_election::Round, &Count)> {
    p.rounds().iter().filter_map(|r| r.count.as_ref().map(|c| (r, c)))
}

/// The words of the text output (and of the minutes, in Vietnamese).
pub struct Words {
    /// Vietnamese and French write decimals with a comma (86,21), English
    /// with a point.
    pub decimal_comma: bool,
    pub form_crossing: &'static str,
    pub form_agree: &'static str,
    pub form: &'static str,
    pub base: &'static str,
    pub needed: &'static str,
    pub issued: &'static str,
    pub returned: &'static str,
    pub valid: &'static str,
    pub invalid: &'static str,
    pub header: &'static str,
    pub elected: &'static str,
    pub none: &'static str,
    pub decisions: &'static str,
    pub tie: &'static str,
    pub unfilled: &'static str,
    pub order: &'static str,
    pub round: &'static str,
    pub result: &'static str,
    pub elected_in_round: &'static str,
    pub decided: &'static str,
    pub further: &'static str,
    pub no_further: &'static str,
    pub set_order: &'static str,
    pub withdrawn: &'static str,
    pub ruling_valid: &'static str,
    pub ruling_invalid: &'static str,
    pub awaiting: &'static str,
}

pub fn words(lang: &str) -> Words {
    match lang {
        "en" => Words {
            decimal_comma: false,
            form_crossing: "crossing-out",
            form_agree: "agree/disagree",
            form: "Ballot form",
            base: "Base",
            needed: "a candidate needs at least",
            issued: "Ballots issued",
            returned: "returned",
            valid: "valid",
            invalid: "invalid",
            header: "No.  Name                              Votes   % of base",
            elected: "Elected",
            none: "nobody",
            decisions: "Decisions needed",
            tie: "tie at the cut-off for {seats} seat(s) among",
            unfilled: "{seats} seat(s) unfilled",
            order: "tie in the alternates' order among",
            round: "Round {n}",
            result: "Result",
            elected_in_round: "Elected in this round",
            decided: "{at}, {by} decided",
            further: "a further round for {seats} seat(s), list:",
            no_further: "no further round",
            set_order: "the order:",
            withdrawn: "Withdrawn from the list by decision (R-LIST-7)",
            ruling_valid: "the board ruled ballot {ballot} valid",
            ruling_invalid: "the board ruled ballot {ballot} invalid",
            awaiting: "Round {n} waits for its ballots ({seats} seat(s))",
        },
        "fr" => Words {
            decimal_comma: true,
            form_crossing: "à rayer",
            form_agree: "pour/contre",
            form: "Forme du bulletin",
            base: "Base",
            needed: "il faut au moins",
            issued: "Bulletins distribués",
            returned: "rendus",
            valid: "valables",
            invalid: "nuls",
            header: "N°   Nom                               Voix    % de la base",
            elected: "Élus",
            none: "personne",
            decisions: "Décisions à prendre",
            tie: "égalité au dernier siège ({seats} siège(s)) entre",
            unfilled: "{seats} siège(s) non pourvu(s)",
            order: "égalité dans l'ordre des suppléants entre",
            round: "Tour {n}",
            result: "Résultat",
            elected_in_round: "Élus à ce tour",
            decided: "{at}, {by} a décidé",
            further: "un nouveau tour pour {seats} siège(s), liste :",
            no_further: "pas de nouveau tour",
            set_order: "l'ordre :",
            withdrawn: "Retirés de la liste par décision (R-LIST-7)",
            ruling_valid: "la commission a déclaré le bulletin {ballot} valable",
            ruling_invalid: "la commission a déclaré le bulletin {ballot} nul",
            awaiting: "Le tour {n} attend ses bulletins ({seats} siège(s))",
        },
        _ => Words {
            decimal_comma: true,
            form_crossing: "gạch tên",
            form_agree: "đồng ý / không đồng ý",
            form: "Hình thức phiếu",
            base: "Cơ sở tính",
            needed: "trúng cử cần ít nhất",
            issued: "Phiếu phát ra",
            returned: "thu vào",
            valid: "hợp lệ",
            invalid: "không hợp lệ",
            header: "STT  Họ và tên                         Số phiếu  Tỷ lệ %",
            elected: "Trúng cử",
            none: "không có ai",
            decisions: "Cần Đại hội quyết định",
            tie: "bằng phiếu ở vị trí cuối ({seats} chỗ) giữa",
            unfilled: "còn thiếu {seats} chỗ",
            order: "bằng phiếu trong thứ tự dự khuyết giữa",
            round: "Lần bầu thứ {n}",
            result: "Kết quả",
            elected_in_round: "Trúng cử ở lần bầu này",
            decided: "{at}, {by} quyết định",
            further: "bầu tiếp {seats} chỗ, danh sách:",
            no_further: "không bầu tiếp",
            set_order: "thứ tự:",
            withdrawn: "Rút khỏi danh sách theo quyết định của Đại hội (R-LIST-7)",
            ruling_valid: "Ban kiểm phiếu quyết định phiếu số {ballot} hợp lệ",
            ruling_invalid: "Ban kiểm phiếu quyết định phiếu số {ballot} không hợp lệ",
            awaiting: "Lần bầu thứ {n} đang chờ phiếu ({seats} chỗ)",
        },
    }
}

impl Words {
    /// votes / base as a percentage with two decimals, as the reader writes
    /// decimals: "86,21" in Vietnamese and French, "86.21" in English.
    pub fn percent(&self, votes: u32, base: u32) -> String {
        let p = percent(votes, base);
        if self.decimal_comma { p.replace('.', ",") } else { p }
    }

    pub fn point(&self, d: &DecisionPoint) -> String {
        match d {
            DecisionPoint::TieAtCutoff { seats, candidates } => {
                format!("{} {}", self.tie.replace("{seats}", &seats.to_string()), candidates.join(", "))
            }
            DecisionPoint::SeatsUnfilled { seats } => self.unfilled.replace("{seats}", &seats.to_string()),
            DecisionPoint::TieInOrder { candidates } => format!("{} {}", self.order, candidates.join(", ")),
        }
    }

    pub fn decision(&self, d: &Decision) -> String {
        let what = match &d.action {
            DecisionAction::FurtherRound { seats, candidates, .. } => {
                format!("{} {}", self.further.replace("{seats}", &seats.to_string()), candidates.join(", "))
            }
            DecisionAction::NoFurtherRound => self.no_further.to_owned(),
            DecisionAction::Order { order } => format!("{} {}", self.set_order, order.join(", ")),
        };
        let reason = if d.reason.trim().is_empty() { String::new() } else { format!(" ({})", d.reason.trim()) };
        format!("{}: {what}{reason}", self.decided.replace("{at}", &d.at).replace("{by}", &d.decided_by))
    }

    pub fn ruling(&self, r: &daihoi_election::BoardRuling) -> String {
        let head = if r.valid { self.ruling_valid } else { self.ruling_invalid };
        format!("{}: {}", head.replace("{ballot}", &r.ballot), r.reason)
    }

    pub fn round(&self, n: u32) -> String {
        self.round.replace("{n}", &n.to_string())
    }

    pub fn form(&self, form: BallotForm) -> &'static str {
        if form == BallotForm::CrossingOut { self.form_crossing } else { self.form_agree }
    }
}
