//! The result as a person reads it (vi, en, fr) and as JSON (the public
//! contract of `docs/tally-format.md`).

use std::collections::BTreeMap;

use daihoi_election::{BallotForm, Count, Decision, DecisionPoint, Proceedings};
use serde::Serialize;

use daihoi_tally::ElectionFile;
use daihoi_tally::minutes::{Words, counted, words};

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
