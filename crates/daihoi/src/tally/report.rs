//! The result as a person reads it (vi, en, fr) and as JSON (the public
//! contract of `docs/tally-format.md`).

use std::collections::BTreeMap;

use daihoi_election::{BallotForm, Count, Decision, DecisionAction, DecisionPoint, Proceedings};
use serde::Serialize;

use daihoi_tally::ElectionFile;

/// votes / base as a percentage with two decimals, rounded half up, in
/// integers, with a decimal point: the JSON contract's `percent_of_base`
/// (a person reads [`Words::percent`]).
pub use daihoi_election::count::percent;

#[derive(Serialize)]
struct JsonCount<'a> {
    form: &'static str,
    base: u32,
    needed: u32,
    ballots: JsonBallots,
    candidates: Vec<JsonCandidate<'a>>,
}

#[derive(Serialize)]
struct JsonBallots {
    issued: u32,
    returned: u32,
    valid: u32,
    invalid: u32,
    invalid_by_reason: BTreeMap<&'static str, u32>,
}

#[derive(Serialize)]
struct JsonCandidate<'a> {
    name: &'a str,
    votes: u32,
    percent_of_base: String,
    passed: bool,
    elected: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    agree: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disagree: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    no_vote: Option<u32>,
}

#[derive(Serialize)]
struct JsonPoint<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    round: Option<u32>,
    #[serde(flatten)]
    point: &'a DecisionPoint,
}

#[derive(Serialize)]
struct JsonRound<'a> {
    number: u32,
    opened_by: Option<&'a Decision>,
    #[serde(flatten)]
    count: JsonCount<'a>,
    elected: &'a [String],
    decisions_needed: &'a [DecisionPoint],
}

#[derive(Serialize)]
struct JsonAwaiting<'a> {
    number: u32,
    form: &'static str,
    seats: u32,
    candidates: &'a [String],
    ballots_issued: u32,
}

#[derive(Serialize)]
struct JsonRuling<'a> {
    round: u32,
    ballot: &'a str,
    valid: bool,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonTally<'a> {
    #[serde(flatten)]
    first: JsonCount<'a>,
    elected: Vec<String>,
    decisions_needed: Vec<JsonPoint<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    withdrawn: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rulings: Vec<JsonRuling<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    decisions: &'a [Decision],
    #[serde(skip_serializing_if = "Option::is_none")]
    rounds: Option<Vec<JsonRound<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    awaiting_round: Option<JsonAwaiting<'a>>,
}

/// The reasons of the public JSON contract, in its order; `board_ruling`
/// (R-VALID-8) is the last.
const CONTRACT_REASONS: [&str; 7] =
    ["not_issued", "over_seats", "all_struck", "single_name_unmarked", "write_in", "marked", "board_ruling"];

fn json_count(count: &Count) -> JsonCount<'_> {
    let agree_form = count.form == BallotForm::AgreeDisagree;
    JsonCount {
        form: count.form.code(),
        base: count.base,
        needed: count.needed,
        ballots: JsonBallots {
            issued: count.issued,
            returned: count.returned,
            valid: count.valid,
            invalid: count.invalid,
            invalid_by_reason: CONTRACT_REASONS
                .iter()
                .map(|r| (*r, count.invalid_by_reason.get(r).copied().unwrap_or(0)))
                .collect(),
        },
        candidates: count
            .candidates
            .iter()
            .map(|c| JsonCandidate {
                name: &c.name,
                votes: c.votes,
                percent_of_base: percent(c.votes, count.base),
                passed: c.passed,
                elected: c.elected,
                agree: agree_form.then_some(c.votes),
                disagree: c.disagree,
                no_vote: c.no_vote,
            })
            .collect(),
    }
}

/// The counted rounds with their counts.
pub(super) fn counted(p: &Proceedings) -> impl Iterator<Item = (&daihoi_election::Round, &Count)> {
    p.rounds().iter().filter_map(|r| r.count.as_ref().map(|c| (r, c)))
}

pub fn json(f: &ElectionFile, p: &Proceedings) -> anyhow::Result<String> {
    let (_, first) = counted(p).next().ok_or_else(|| anyhow::anyhow!("the first round has no count"))?;
    let several = p.rounds().len() > 1;
    let open = p.open_points();
    let out = JsonTally {
        first: json_count(first),
        elected: p.elected(),
        decisions_needed: open.iter().map(|(r, point)| JsonPoint { round: several.then_some(*r), point }).collect(),
        withdrawn: f.withdrawals.iter().map(|w| w.name.as_str()).collect(),
        rulings: f
            .rulings
            .iter()
            .map(|(round, r)| JsonRuling { round: *round, ballot: &r.ballot, valid: r.valid, reason: &r.reason })
            .collect(),
        decisions: p.decisions(),
        rounds: several.then(|| {
            counted(p)
                .map(|(r, c)| JsonRound {
                    number: r.number,
                    opened_by: r.opened_by.as_ref(),
                    count: json_count(c),
                    elected: &c.elected,
                    decisions_needed: &c.decisions_needed,
                })
                .collect()
        }),
        awaiting_round: p.awaiting().map(|r| JsonAwaiting {
            number: r.number,
            form: BallotForm::for_list(r.election.candidates.len(), r.election.seats).code(),
            seats: r.election.seats,
            candidates: &r.election.candidates,
            ballots_issued: r.election.ballots_issued,
        }),
    };
    Ok(serde_json::to_string_pretty(&out)? + "\n")
}

/// The words of the text output (and of the minutes, in Vietnamese).
pub struct Words {
    /// Vietnamese and French write decimals with a comma (86,21), English
    /// with a point.
    decimal_comma: bool,
    pub form_crossing: &'static str,
    pub form_agree: &'static str,
    form: &'static str,
    base: &'static str,
    needed: &'static str,
    issued: &'static str,
    returned: &'static str,
    valid: &'static str,
    invalid: &'static str,
    header: &'static str,
    elected: &'static str,
    none: &'static str,
    decisions: &'static str,
    tie: &'static str,
    unfilled: &'static str,
    order: &'static str,
    round: &'static str,
    result: &'static str,
    elected_in_round: &'static str,
    decided: &'static str,
    further: &'static str,
    no_further: &'static str,
    set_order: &'static str,
    withdrawn: &'static str,
    ruling_valid: &'static str,
    ruling_invalid: &'static str,
    awaiting: &'static str,
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

fn count_block(out: &mut String, w: &Words, count: &Count) {
    out.push_str(&format!("{}: {}\n", w.form, w.form(count.form)));
    out.push_str(&format!("{}: {} — {} {}\n", w.base, count.base, w.needed, count.needed));
    out.push_str(&format!(
        "{}: {}, {}: {}, {}: {}, {}: {}\n\n",
        w.issued, count.issued, w.returned, count.returned, w.valid, count.valid, w.invalid, count.invalid
    ));
    out.push_str(w.header);
    out.push('\n');
    for (i, c) in count.candidates.iter().enumerate() {
        let mark = if c.elected { " *" } else { "" };
        out.push_str(&format!(
            "{:>3}  {:<34}{:>8}  {:>7}{mark}\n",
            i + 1,
            c.name,
            c.votes,
            w.percent(c.votes, count.base)
        ));
    }
    for r in &count.rulings {
        out.push_str(&format!("  - {}\n", w.ruling(r)));
    }
}

fn names_or_none(w: &Words, names: &[String]) -> String {
    if names.is_empty() { w.none.to_owned() } else { names.join(", ") }
}

pub fn text(f: &ElectionFile, p: &Proceedings, lang: &str) -> String {
    let w = words(lang);
    let mut out = format!("{}\n", f.election.title);
    if !f.withdrawals.is_empty() {
        out.push_str(&format!("{}:\n", w.withdrawn));
        for x in &f.withdrawals {
            let reason = if x.reason.trim().is_empty() { String::new() } else { format!(" ({})", x.reason.trim()) };
            out.push_str(&format!("  - {}: {}, {}{reason}\n", x.name, x.at, x.decided_by));
        }
    }
    let several = p.rounds().len() > 1;
    for (round, count) in counted(p) {
        if several {
            out.push_str(&format!("\n== {} ==\n", w.round(round.number)));
            if let Some(d) = &round.opened_by {
                out.push_str(&format!("{}\n", w.decision(d)));
            }
        }
        count_block(&mut out, &w, count);
        if several {
            out.push_str(&format!("{}: {}\n", w.elected_in_round, names_or_none(&w, &count.elected)));
            for d in p.decisions().iter().filter(|d| d.round == round.number) {
                out.push_str(&format!("  - {}\n", w.decision(d)));
            }
        }
    }
    if several {
        out.push_str(&format!("\n== {} ==", w.result));
    }
    out.push_str(&format!("\n{}: {}\n", w.elected, names_or_none(&w, &p.elected())));
    if let Some(r) = p.awaiting() {
        let head = w.awaiting.replace("{n}", &r.number.to_string()).replace("{seats}", &r.election.seats.to_string());
        out.push_str(&format!("{head}: {}\n", r.election.candidates.join(", ")));
    }
    if !p.decisions().is_empty() && !several {
        for d in p.decisions() {
            out.push_str(&format!("  - {}\n", w.decision(d)));
        }
    }
    let open = p.open_points();
    if !open.is_empty() {
        out.push_str(&format!("{}:\n", w.decisions));
        for (round, d) in &open {
            let at = if several { format!("[{}] ", w.round(*round)) } else { String::new() };
            out.push_str(&format!("  - {at}{}\n", w.point(d)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{percent, words};

    /// Issue 14, item 6: a person reads 86,21 in Vietnamese and French,
    /// 86.21 in English; the JSON contract keeps its point.
    #[test]
    fn people_read_their_decimal_separator() {
        assert_eq!(words("vi").percent(125, 145), "86,21");
        assert_eq!(words("fr").percent(125, 145), "86,21");
        assert_eq!(words("en").percent(125, 145), "86.21");
        assert_eq!(percent(125, 145), "86.21");
    }

    #[test]
    fn percent_of_base_rounds_half_up() {
        assert_eq!(percent(120, 145), "82.76");
        assert_eq!(percent(73, 145), "50.34");
        assert_eq!(percent(1, 3), "33.33");
        assert_eq!(percent(2, 3), "66.67");
        assert_eq!(percent(20, 20), "100.00");
        assert_eq!(percent(0, 0), "0.00");
    }
}
