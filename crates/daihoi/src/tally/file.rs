//! ELECTION.toml: the election, its board, withdrawals, board rulings and the
//! congress's decisions (`docs/tally-format.md`).

use std::collections::BTreeMap;
use std::path::Path;

use daihoi_election::{
    BoardRuling, Body, Decision, DecisionAction, Election, Electorate, Meeting, PointKind, RuleSet, Subtraction,
    Withdrawal,
};
use serde::Deserialize;

use crate::output::BadInput;

/// What the file holds, checked.
pub struct ElectionFile {
    /// The first round's election, its list without the withdrawn names.
    pub election: Election,
    pub withdrawals: Vec<Withdrawal>,
    pub rulings: Vec<(u32, BoardRuling)>,
    pub decisions: Vec<Decision>,
    pub minutes: MinutesInfo,
}

/// Fields for the minutes only.
#[derive(Default)]
pub struct MinutesInfo {
    pub congress: String,
    pub issuer: String,
    pub place: String,
    pub date: Option<time::Date>,
    pub board_head: String,
    pub board_members: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: String,
    body: Body,
    meeting: Meeting,
    seats: u32,
    ballots_issued: u32,
    candidates: Vec<String>,
    electorate: RawElectorate,
    #[serde(default)]
    congress: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    place: String,
    date: Option<Text>,
    board: Option<RawBoard>,
    #[serde(default)]
    withdrawals: Vec<RawWithdrawal>,
    #[serde(default)]
    rulings: Vec<RawRuling>,
    #[serde(default)]
    decisions: Vec<RawDecision>,
}

#[derive(Debug, Deserialize)]
struct RawElectorate {
    convened: u32,
    present: u32,
    #[serde(flatten)]
    subtractions: BTreeMap<String, u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBoard {
    head: String,
    #[serde(default)]
    members: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWithdrawal {
    name: String,
    decided_by: String,
    /// Required; optional here only so that its absence gets a clear message.
    at: Option<Text>,
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuling {
    #[serde(default = "first_round")]
    round: u32,
    ballot: Text,
    valid: bool,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecision {
    round: u32,
    point: String,
    decided_by: String,
    /// Required; optional here only so that its absence gets a clear message.
    at: Option<Text>,
    #[serde(default)]
    reason: String,
    action: String,
    seats: Option<u32>,
    candidates: Option<Vec<String>>,
    ballots_issued: Option<u32>,
    present: Option<u32>,
    order: Option<Vec<String>>,
}

fn first_round() -> u32 {
    1
}

/// A value written as text, a number or a TOML date: `at = "20/6/2025 16:00"`,
/// `at = 2025-06-20T16:00:00`, `ballot = 17`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Text {
    Plain(String),
    Number(i64),
    Date(toml::value::Datetime),
}

impl Text {
    fn into_string(self) -> String {
        match self {
            Text::Plain(s) => s,
            Text::Number(n) => n.to_string(),
            Text::Date(d) => d.to_string(),
        }
    }
}

/// `at`, required in `[[decisions]]` and `[[withdrawals]]`: when it was decided.
fn required_at(at: Option<Text>) -> Result<String, String> {
    const HOW: &str = "when it was decided, as text (at = \"20/6/2025 16:00\") or a TOML date-time \
                       (at = 2025-06-20T16:00:00)";
    match at.map(Text::into_string) {
        None => Err(format!("at is missing: it is required, {HOW}")),
        Some(at) if at.trim().is_empty() => Err(format!("at is empty: it is required, {HOW}")),
        Some(at) => Ok(at),
    }
}

pub fn read(path: &Path) -> Result<ElectionFile, BadInput> {
    let file = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
    let raw: Raw = toml::from_str(&text).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
    let mut subtractions = Vec::new();
    for (key, n) in raw.electorate.subtractions {
        let s = Subtraction::ALL.into_iter().find(|s| s.code() == key).ok_or_else(|| {
            BadInput::new(format!(
                "{file}: [electorate] {key}: not a subtraction (expected one of: {})",
                Subtraction::ALL.map(Subtraction::code).join(", ")
            ))
        })?;
        subtractions.push((s, n));
    }
    // R-BALLOT-1: the names as written, before any is withdrawn.
    daihoi_election::list::check_names(&raw.candidates).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
    let withdrawals: Vec<Withdrawal> = raw
        .withdrawals
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let at = required_at(w.at).map_err(|why| {
                BadInput::new(format!("{file}: [[withdrawals]] number {} ({}): {why}", i + 1, w.name))
            })?;
            Ok(Withdrawal { name: w.name, decided_by: w.decided_by, at, reason: w.reason })
        })
        .collect::<Result<_, BadInput>>()?;
    let candidates = daihoi_election::withdraw(&raw.candidates, &withdrawals)
        .map_err(|e| BadInput::new(format!("{file}: [[withdrawals]]: {e}")))?;
    let election = Election {
        title: raw.title,
        body: raw.body,
        electorate: Electorate {
            meeting: raw.meeting,
            convened: raw.electorate.convened,
            present: raw.electorate.present,
            subtractions,
        },
        seats: raw.seats,
        ballots_issued: raw.ballots_issued,
        candidates,
        rules: RuleSet::regulation_190(),
    };
    daihoi_election::list::check_list(election.body, election.seats, &election.candidates, false, &election.rules)
        .map_err(|e| BadInput::new(format!("{file}: {e}")))?;
    election.electorate.base(&election.rules).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
    let rulings = raw
        .rulings
        .into_iter()
        .map(|r| (r.round, BoardRuling { ballot: r.ballot.into_string(), valid: r.valid, reason: r.reason }))
        .collect();
    let decisions = raw
        .decisions
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            decision(d).map_err(|why| BadInput::new(format!("{file}: [[decisions]] number {}: {why}", i + 1)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let date =
        match raw.date.map(Text::into_string) {
            None => None,
            Some(d) => Some(daihoi_core::date::parse_date(&d).ok_or_else(|| {
                BadInput::new(format!("{file}: date: {d:?} is not a date (2025-06-20 or 20/06/2025)"))
            })?),
        };
    let (board_head, board_members) = raw.board.map(|b| (b.head, b.members)).unwrap_or_default();
    Ok(ElectionFile {
        election,
        withdrawals,
        rulings,
        decisions,
        minutes: MinutesInfo {
            congress: raw.congress,
            issuer: raw.issuer,
            place: raw.place,
            date,
            board_head,
            board_members,
        },
    })
}

fn decision(d: RawDecision) -> Result<Decision, String> {
    let point = PointKind::ALL.into_iter().find(|p| p.code() == d.point).ok_or_else(|| {
        format!("point {:?}: expected one of {}", d.point, PointKind::ALL.map(PointKind::code).join(", "))
    })?;
    let action = match d.action.as_str() {
        "further_round" => DecisionAction::FurtherRound {
            seats: d.seats.ok_or("further_round needs seats")?,
            candidates: d.candidates.ok_or("further_round needs candidates (the list, in ballot order)")?,
            ballots_issued: d.ballots_issued.ok_or("further_round needs ballots_issued")?,
            present: d.present,
        },
        "no_further_round" => DecisionAction::NoFurtherRound,
        "order" => DecisionAction::Order { order: d.order.ok_or("order needs order (the names, first first)")? },
        other => return Err(format!("action {other:?}: expected further_round, no_further_round or order")),
    };
    let at = required_at(d.at)?;
    Ok(Decision { round: d.round, point, decided_by: d.decided_by, at, reason: d.reason, action })
}
