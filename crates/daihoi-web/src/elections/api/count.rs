//! Counting at the computer, through the API: a clerk's entries in their
//! own entry (double entry: the two are independent), the board's ledger
//! with the ballots whose entries differ and the totals as they grow, its
//! settlements, rulings (R-VALID-8) and the count closed.

use axum::Json;
use daihoi_election::entry::{EntryState, Typed, differences};
use daihoi_election::{Ballot, BallotForm};
use daihoi_store::elections::{Entered, Ledger, NewEntry, NewRuling};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::prepare::RoundQuery;
use super::{CountJson, FlagJson, count_json, flags_json, flags_of, marks_of, staffed};
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};

/// A round of voting's path (in the document: [`CodePath`]'s code,
/// `election` and `number`).
#[derive(Debug, Deserialize)]
pub struct RoundPath {
    /// The organization's code.
    pub code: String,
    /// The election's number within the congress.
    pub election: u32,
    /// The round of voting (1 is the first).
    pub number: u32,
}

/// A ballot's marks by the names' numbers on the round's list (from 1),
/// and its flags. The crossing-out form gives `struck` (every other name is
/// kept, a vote; R-BALLOT-2); the agree/disagree form gives `disagree`,
/// `both` and `neither` (every other name is "agree"; R-BALLOT-3).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct MarksJson {
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub struck: Vec<usize>,
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub disagree: Vec<usize>,
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub both: Vec<usize>,
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub neither: Vec<usize>,
    #[serde(default)]
    #[schema(max_items = 3)]
    pub flags: Vec<FlagJson>,
}

impl MarksJson {
    fn of(b: &Ballot) -> MarksJson {
        let t = Typed::of(&b.marks);
        MarksJson {
            struck: t.struck,
            disagree: t.disagree,
            both: t.both,
            neither: t.neither,
            flags: flags_json(&b.flags),
        }
    }

    fn typed(&self) -> Typed {
        Typed {
            struck: self.struck.clone(),
            disagree: self.disagree.clone(),
            both: self.both.clone(),
            neither: self.neither.clone(),
        }
    }
}

/// Names' numbers on a list (from 1): any JSON number with no fractional
/// part (`3` or `3.0`); one that fits no list is the handler's 422.
fn positions<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<usize>, D::Error> {
    let numbers = Vec::<serde_json::Number>::deserialize(d)?;
    numbers
        .iter()
        .map(|n| {
            crate::api::json_integer(n)
                .and_then(|v| usize::try_from(v).ok())
                .ok_or_else(|| serde::de::Error::custom(format!("{n} is not a name's number")))
        })
        .collect()
}

/// The schema of [`positions`]: at most 1,000 numbers from 1 to 1,000.
fn positions_schema() -> utoipa::openapi::Array {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    let item = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
        .minimum(Some(1))
        .maximum(Some(1000));
    utoipa::openapi::ArrayBuilder::new().items(item).max_items(Some(1000)).build()
}

/// A ballot as a clerk enters it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// The number the board gave the ballot (1 to the ballots issued).
    #[schema(example = 17, minimum = 1, maximum = 100000)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub ballot: u32,
    /// Crossing-out form: the struck names' numbers (R-BALLOT-2).
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub struck: Vec<usize>,
    /// Agree/disagree form: "disagree", both boxes, neither box (R-BALLOT-3).
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub disagree: Vec<usize>,
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub both: Vec<usize>,
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub neither: Vec<usize>,
    #[serde(default)]
    #[schema(max_items = 3)]
    pub flags: Vec<FlagJson>,
    /// A correction: replace what this entry holds for the ballot.
    #[serde(default)]
    pub replace: bool,
}

/// The marks of a body's fields.
macro_rules! marks_of_body {
    ($body:expr) => {
        MarksJson {
            struck: $body.struck.clone(),
            disagree: $body.disagree.clone(),
            both: $body.both.clone(),
            neither: $body.neither.clone(),
            flags: $body.flags.clone(),
        }
    };
}

/// What an entry did, and the clerk's entries so far.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnteredJson {
    /// `new`, `unchanged` (the same marks were there: a retry) or `replaced`.
    #[schema(example = "new")]
    pub outcome: &'static str,
    pub ballot: u32,
    /// How many ballots this clerk's entry holds.
    pub entered: u32,
    /// The next number after the highest entered, for the next ballot.
    pub next: u32,
}

/// A clerk's entries of a round.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntriesJson {
    /// 1 or 2: the caller's entry.
    pub entry: u8,
    #[schema(example = "crossing_out")]
    pub form: &'static str,
    /// The round's list in ballot order: a name's number is its place here.
    pub list: Vec<String>,
    pub ballots_issued: u32,
    pub ballots: Vec<EntryJson>,
}

/// A ballot of an entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryJson {
    pub ballot: u32,
    /// Crossing-out form: the struck names' numbers (R-BALLOT-2).
    #[schema(schema_with = positions_schema)]
    pub struck: Vec<usize>,
    /// Agree/disagree form: "disagree", both boxes, neither box (R-BALLOT-3).
    #[schema(schema_with = positions_schema)]
    pub disagree: Vec<usize>,
    #[schema(schema_with = positions_schema)]
    pub both: Vec<usize>,
    #[schema(schema_with = positions_schema)]
    pub neither: Vec<usize>,
    #[schema(max_items = 3)]
    pub flags: Vec<FlagJson>,
}

/// The caller's own entries of a round (a clerk of the election: never the
/// other clerk's entry).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/rounds/{number}/entries",
    tag = "elections",
    operation_id = "election_entries",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), ("number" = u32, Path, description = "The round of voting (1 is the first)"), RoundQuery),
    responses(
        (status = 200, description = "The caller's entries", body = EntriesJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not a clerk of this election", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress, election or round of voting", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn entries(
    caller: ApiCaller,
    ApiPath(RoundPath { code, election: n, number }): ApiPath<RoundPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<EntriesJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, duty) = staffed(&scoped, &code, q.round.as_deref(), false, n).await?;
    let ballots = scoped.elections().my_entries(&congress, n, number).await?;
    let r = scoped.elections().round(&congress, n, number).await?;
    Ok(Json(EntriesJson {
        entry: duty.and_then(|d| d.entry()).unwrap_or(0),
        form: BallotForm::for_list(r.list.len(), r.seats).code(),
        list: r.list.clone(),
        ballots_issued: r.issued.as_ref().map_or(0, |i| i.ballots),
        ballots: ballots
            .iter()
            .map(|b| {
                let m = MarksJson::of(b);
                EntryJson {
                    ballot: b.number.parse().unwrap_or(0),
                    struck: m.struck,
                    disagree: m.disagree,
                    both: m.both,
                    neither: m.neither,
                    flags: m.flags,
                }
            })
            .collect(),
    }))
}

/// Enters one ballot in the caller's entry (a clerk of the election), with
/// an audit entry (`ballot_entered`). The same marks again change nothing
/// (a retry after a network drop: `unchanged`); other marks for a ballot
/// already entered are refused (409) unless `replace` says it is a
/// correction.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/rounds/{number}/entries",
    tag = "elections",
    operation_id = "enter_ballot",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), ("number" = u32, Path, description = "The round of voting (1 is the first)")),
    request_body = EntryBody,
    responses(
        (status = 200, description = "What the entry did", body = EnteredJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not a clerk of this election", body = ErrorBody),
        (status = 404, description = "No such organization today, congress, election or round of voting", body = ErrorBody),
        (status = 409, description = "The ballot is already in this entry with other marks", body = ErrorBody),
        (status = 422, description = "No such round; the round's ballots are not issued or its count is closed; \
            a number beyond those issued; marks that do not fit the list", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn enter(
    caller: ApiCaller,
    ApiPath(RoundPath { code, election: n, number }): ApiPath<RoundPath>,
    ApiJson(body): ApiJson<EntryBody>,
) -> ApiResult<Json<EnteredJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, duty) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    if duty.and_then(|d| d.entry()).is_none() {
        return Err(ApiError::forbidden());
    }
    let r = scoped.elections().round(&congress, n, number).await?;
    let form = BallotForm::for_list(r.list.len(), r.seats);
    let typed = marks_of_body!(body);
    let marks = marks_of(&typed.typed(), form, r.list.len())?;
    let entry = NewEntry { ballot: body.ballot, marks, flags: flags_of(&typed.flags), replace: body.replace };
    let outcome = scoped.elections().enter(&congress, n, number, &entry, &caller.address).await?;
    crate::elections::projector::moved();
    let (entered, highest) = scoped.elections().my_progress(&congress, n, number).await?;
    Ok(Json(EnteredJson {
        outcome: match outcome {
            Entered::New => "new",
            Entered::Unchanged => "unchanged",
            Entered::Replaced => "replaced",
        },
        ballot: body.ballot,
        entered,
        next: highest.saturating_add(1),
    }))
}

/// A ballot of the board's ledger.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineJson {
    pub ballot: u32,
    /// `only_first`, `only_second`, `differ` (waits for the board),
    /// `agreed` (both entries agree) or `settled` (the board read the paper).
    #[schema(example = "differ")]
    pub state: &'static str,
    pub first: Option<MarksJson>,
    pub second: Option<MarksJson>,
    pub settled: Option<MarksJson>,
    /// Where the two entries differ: the names' numbers, and the flags.
    pub differing_names: Vec<u32>,
    pub differing_flags: bool,
    /// R-VALID-8: the board's ruling.
    pub ruled_valid: Option<bool>,
    pub ruling_reason: Option<String>,
}

/// A round's ballots as the board sees them.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerJson {
    pub number: u32,
    #[schema(example = "crossing_out")]
    pub form: &'static str,
    pub list: Vec<String>,
    pub ballots_issued: u32,
    pub closed: bool,
    /// Ballots entered by at least one clerk; those whose entries differ;
    /// those entered once only.
    pub entered: u32,
    pub differing: u32,
    pub single: u32,
    pub lines: Vec<LineJson>,
    /// The count of the ballots settled so far (or, closed, the count).
    pub totals: Option<CountJson>,
    /// Why the totals cannot be made yet.
    pub totals_problem: Option<String>,
}

pub(crate) fn ledger_json(l: &Ledger) -> LedgerJson {
    let lines: Vec<LineJson> = l
        .lines
        .iter()
        .map(|line| {
            let (names, flags) = match (&line.first, &line.second) {
                (Some(a), Some(b)) => differences(a, b),
                _ => (Vec::new(), false),
            };
            LineJson {
                ballot: line.number,
                state: match &line.state {
                    EntryState::OnlyFirst => "only_first",
                    EntryState::OnlySecond => "only_second",
                    EntryState::Differ => "differ",
                    EntryState::Settled { by_board: false, .. } => "agreed",
                    EntryState::Settled { by_board: true, .. } => "settled",
                },
                first: line.first.as_ref().map(MarksJson::of),
                second: line.second.as_ref().map(MarksJson::of),
                settled: line.settled.as_ref().map(MarksJson::of),
                differing_names: names.into_iter().map(|n| u32::try_from(n).unwrap_or(u32::MAX)).collect(),
                differing_flags: flags,
                ruled_valid: line.ruling.as_ref().map(|r| r.valid),
                ruling_reason: line.ruling.as_ref().map(|r| r.reason.clone()),
            }
        })
        .collect();
    let count = |f: &dyn Fn(&LineJson) -> bool| u32::try_from(lines.iter().filter(|x| f(x)).count()).unwrap_or(0);
    LedgerJson {
        number: l.round.number,
        form: l.form.code(),
        list: l.round.list.clone(),
        ballots_issued: l.round.issued.as_ref().map_or(0, |i| i.ballots),
        closed: l.round.closed.is_some(),
        entered: u32::try_from(lines.len()).unwrap_or(u32::MAX),
        differing: count(&|x| x.state == "differ"),
        single: count(&|x| x.state.starts_with("only")),
        totals: l.totals.as_ref().ok().map(|c| count_json(l.round.number, c)),
        totals_problem: l.totals.as_ref().err().map(ToString::to_string),
        lines,
    }
}

/// A round's ballots with their two entries, the board's settlements and
/// rulings, and the totals of those settled: for the election's board while
/// the count is open, for the congress's readers once it is closed.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/rounds/{number}/ledger",
    tag = "elections",
    operation_id = "election_ledger",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), ("number" = u32, Path, description = "The round of voting (1 is the first)"), RoundQuery),
    responses(
        (status = 200, description = "The round's ballots and totals", body = LedgerJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The count is open and the caller is not the board", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress, election or round of voting", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn ledger(
    caller: ApiCaller,
    ApiPath(RoundPath { code, election: n, number }): ApiPath<RoundPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<LedgerJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, q.round.as_deref(), false, n).await?;
    let ledger = scoped.elections().ledger(&congress, n, number).await?;
    Ok(Json(ledger_json(&ledger)))
}

/// The board's reading of a ballot on the paper.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettleBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(example = 17, minimum = 1, maximum = 100000)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub ballot: u32,
    /// Crossing-out form: the struck names' numbers (R-BALLOT-2).
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub struck: Vec<usize>,
    /// Agree/disagree form: "disagree", both boxes, neither box (R-BALLOT-3).
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub disagree: Vec<usize>,
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub both: Vec<usize>,
    #[serde(default, deserialize_with = "positions")]
    #[schema(schema_with = positions_schema)]
    pub neither: Vec<usize>,
    #[serde(default)]
    #[schema(max_items = 3)]
    pub flags: Vec<FlagJson>,
}

/// The board settles a ballot whose entries differ, or that one clerk
/// missed, by reading the paper (an audit entry `ballot_settled`): the
/// ledger.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/rounds/{number}/settlements",
    tag = "elections",
    operation_id = "settle_ballot",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), ("number" = u32, Path, description = "The round of voting (1 is the first)")),
    request_body = SettleBody,
    responses(
        (status = 200, description = "The ledger", body = LedgerJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the election's board", body = ErrorBody),
        (status = 404, description = "No such organization today, congress, election, round of voting or ballot", body = ErrorBody),
        (status = 422, description = "No such round; the count is closed; the two entries agree; marks that do \
            not fit the list", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn settle(
    caller: ApiCaller,
    ApiPath(RoundPath { code, election: n, number }): ApiPath<RoundPath>,
    ApiJson(body): ApiJson<SettleBody>,
) -> ApiResult<Json<LedgerJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    let r = scoped.elections().round(&congress, n, number).await?;
    let form = BallotForm::for_list(r.list.len(), r.seats);
    let typed = marks_of_body!(body);
    let marks = marks_of(&typed.typed(), form, r.list.len())?;
    let ballot = Ballot { number: body.ballot.to_string(), marks, flags: flags_of(&typed.flags) };
    scoped.elections().settle(&congress, n, number, &ballot, &caller.address).await?;
    crate::elections::projector::moved();
    Ok(Json(ledger_json(&scoped.elections().ledger(&congress, n, number).await?)))
}

/// The board's ruling on a disputed ballot (R-VALID-8).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RulingBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(example = 17, minimum = 1, maximum = 100000)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub ballot: u32,
    pub valid: bool,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub reason: String,
}

/// The board rules on a disputed ballot, valid or not, with its reason
/// (R-VALID-8; an audit entry `ballot_ruling`): the ledger.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/rounds/{number}/rulings",
    tag = "elections",
    operation_id = "rule_on_ballot",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), ("number" = u32, Path, description = "The round of voting (1 is the first)")),
    request_body = RulingBody,
    responses(
        (status = 200, description = "The ledger", body = LedgerJson),
        (status = 400, description = "Not a code or a number; a malformed body; a refused reason (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the election's board", body = ErrorBody),
        (status = 404, description = "No such organization today, congress, election or round of voting", body = ErrorBody),
        (status = 422, description = "No such round; the count is closed; no such ballot entered", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn rule(
    caller: ApiCaller,
    ApiPath(RoundPath { code, election: n, number }): ApiPath<RoundPath>,
    ApiJson(body): ApiJson<RulingBody>,
) -> ApiResult<Json<LedgerJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    scoped
        .elections()
        .rule(
            &congress,
            n,
            number,
            &NewRuling { ballot: body.ballot, valid: body.valid, reason: &body.reason },
            &caller.address,
        )
        .await?;
    crate::elections::projector::moved();
    Ok(Json(ledger_json(&scoped.elections().ledger(&congress, n, number).await?)))
}

/// The board closes the count of a round: every ballot entered is settled,
/// and the engine counts them; the decision points that follow wait for
/// the congress (an audit entry `election_count_closed`): the ledger with
/// the count.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/rounds/{number}/close",
    tag = "elections",
    operation_id = "close_election_count",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), ("number" = u32, Path, description = "The round of voting (1 is the first)")),
    request_body = super::prepare::RoundBody,
    responses(
        (status = 200, description = "The ledger with the count", body = LedgerJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the election's board", body = ErrorBody),
        (status = 404, description = "No such organization today, congress, election or round of voting", body = ErrorBody),
        (status = 422, description = "No such round; ballots not settled; no ballot; the count is closed or \
            refused by the engine (R-VALID-1)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn close(
    caller: ApiCaller,
    ApiPath(RoundPath { code, election: n, number }): ApiPath<RoundPath>,
    ApiJson(body): ApiJson<super::prepare::RoundBody>,
) -> ApiResult<Json<LedgerJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    scoped.elections().close(&congress, n, number, &caller.address).await?;
    crate::elections::projector::moved();
    let ledger = scoped.elections().ledger(&congress, n, number).await?;
    if ledger.totals.is_err() {
        return Err(ApiError::new(ErrorCode::Unprocessable, "the count could not be read back"));
    }
    Ok(Json(ledger_json(&ledger)))
}
