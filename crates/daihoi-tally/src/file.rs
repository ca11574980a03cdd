//! ELECTION.toml: the election, its board, withdrawals, board rulings and the
//! congress's decisions (`docs/tally-format.md`), parsed from text.

use std::collections::BTreeMap;

use daihoi_election::{
    BoardRuling, Body, Decision, DecisionAction, Election, ElectionError, Electorate, Meeting, PointKind, RuleSet,
    Subtraction, Withdrawal,
};
use serde::Deserialize;

/// What an election file holds, checked: the first round's election, the
/// congress's withdrawals (R-LIST-7), the board's rulings (R-VALID-8), the
/// recorded decisions on decision points, and what the minutes print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionFile {
    /// The first round's election, its list without the withdrawn names.
    pub election: Election,
    /// R-LIST-7: names taken off the list by the congress's decision.
    pub withdrawals: Vec<Withdrawal>,
    /// R-VALID-8: the board's rulings, each with the round it belongs to (1 = the first).
    pub rulings: Vec<(u32, BoardRuling)>,
    /// The congress's recorded decisions, in the order of the file.
    pub decisions: Vec<Decision>,
    pub minutes: MinutesInfo,
}

/// Fields for the minutes (biên bản kiểm phiếu) only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MinutesInfo {
    pub congress: String,
    pub issuer: String,
    pub place: String,
    pub date: Option<time::Date>,
    /// The vote-counting board (ban kiểm phiếu): its head and members.
    pub board_head: String,
    pub board_members: Vec<String>,
}

/// An election file refused, naming the file and the field or rule.
#[derive(Debug, thiserror::Error)]
pub enum ElectionFileError {
    /// Not TOML, a field missing, of the wrong type, or unknown.
    #[error("{file}: {source}")]
    Toml { file: String, source: toml::de::Error },
    /// R-BASE-4: a key of `[electorate]` that is no subtraction at all.
    #[error("{file}: [electorate] {key}: not a subtraction (expected one of: {})", subtraction_codes())]
    NotASubtraction { file: String, key: String },
    /// The engine refuses the names (R-BALLOT-1), the list (R-LIST-*) or the electorate (R-BASE-*).
    #[error("{file}: {source}")]
    Election { file: String, source: ElectionError },
    /// A withdrawal without its `at`.
    #[error("{file}: [[withdrawals]] number {number} ({name}): {why}")]
    Withdrawal { file: String, number: usize, name: String, why: String },
    /// R-LIST-7: a withdrawal of a name not on the list, or not decided.
    #[error("{file}: [[withdrawals]]: {source}")]
    Withdrawals { file: String, source: ElectionError },
    /// A recorded decision that is not one (an unknown point or action, a field missing).
    #[error("{file}: [[decisions]] number {number}: {why}")]
    Decision { file: String, number: usize, why: String },
    #[error("{file}: date: {value:?} is not a date (2025-06-20 or 20/06/2025)")]
    Date { file: String, value: String },
}

fn subtraction_codes() -> String {
    Subtraction::ALL.map(Subtraction::code).join(", ")
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

/// Parses and checks an election file's `text`; `file` names it in the
/// messages. Checked here: unknown keys, the subtractions of the meeting
/// (R-BASE-4), the names (R-BALLOT-1), the withdrawals (R-LIST-7), the list
/// (R-LIST-1, R-LIST-2, R-LIST-4), the electorate (R-BASE-1/2/3), the form of
/// each decision and the date. Whether the decisions and rulings fit the
/// count is checked when the rounds are counted ([`crate::proceed`]).
pub fn parse_election(file: &str, text: &str) -> Result<ElectionFile, ElectionFileError> {
    let file = || file.to_owned();
    let raw: Raw = toml::from_str(text).map_err(|source| ElectionFileError::Toml { file: file(), source })?;
    let mut subtractions = Vec::new();
    for (key, n) in raw.electorate.subtractions {
        let s = Subtraction::ALL
            .into_iter()
            .find(|s| s.code() == key)
            .ok_or_else(|| ElectionFileError::NotASubtraction { file: file(), key: key.clone() })?;
        subtractions.push((s, n));
    }
    let engine = |source| ElectionFileError::Election { file: file(), source };
    // R-BALLOT-1: the names as written, before any is withdrawn.
    daihoi_election::list::check_names(&raw.candidates).map_err(engine)?;
    let withdrawals: Vec<Withdrawal> = raw
        .withdrawals
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let at = required_at(w.at).map_err(|why| ElectionFileError::Withdrawal {
                file: file(),
                number: i + 1,
                name: w.name.clone(),
                why,
            })?;
            Ok(Withdrawal { name: w.name, decided_by: w.decided_by, at, reason: w.reason })
        })
        .collect::<Result<_, ElectionFileError>>()?;
    let candidates = daihoi_election::withdraw(&raw.candidates, &withdrawals)
        .map_err(|source| ElectionFileError::Withdrawals { file: file(), source })?;
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
        .map_err(engine)?;
    election.electorate.base(&election.rules).map_err(engine)?;
    let rulings = raw
        .rulings
        .into_iter()
        .map(|r| (r.round, BoardRuling { ballot: r.ballot.into_string(), valid: r.valid, reason: r.reason }))
        .collect();
    let decisions = raw
        .decisions
        .into_iter()
        .enumerate()
        .map(|(i, d)| decision(d).map_err(|why| ElectionFileError::Decision { file: file(), number: i + 1, why }))
        .collect::<Result<Vec<_>, _>>()?;
    let date = match raw.date.map(Text::into_string) {
        None => None,
        Some(d) => {
            Some(daihoi_core::date::parse_date(&d).ok_or_else(|| ElectionFileError::Date { file: file(), value: d })?)
        }
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
