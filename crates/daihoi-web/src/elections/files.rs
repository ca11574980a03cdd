//! An election's documents and files (issue 16 §1–§3): the counting
//! minutes (biên bản kiểm phiếu) as a Party document, PDF or `.docx`, with
//! every counted round, decision and ruling; the printed ballots of a round
//! (phiếu bầu cử, the right form, R-BALLOT-1…3, with the seal box); the
//! election as the files of `daihoi tally` (ELECTION.toml and each closed
//! round's ballots CSV, `docs/tally-format.md`), which the command line
//! counts again to the same result; and a round's ballots counted
//! elsewhere, read from such a file as strictly as `daihoi tally` reads it
//! and recorded by the board.
//!
//! The documents are in Vietnamese whatever the reader's language: they
//! are what the congress signs and sends. Typesetting and file reading run
//! off the async workers.

use axum::extract::{Multipart, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_election::{Ballot, BallotForm};
use daihoi_print::BallotSheet;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::elections::{Election, ElectionRecord};
use daihoi_store::{Scoped, StoreError};
use daihoi_tally::{ElectionFile, MinutesInfo};
use serde::Deserialize;

use super::pages::staffed;
use crate::access::Caller;
use crate::i18n::{Lang, Tr};
use crate::page::Path;
use crate::party::{DOCX_MEDIA, ReportFile, report_download};
use crate::{AppState, WebError};

/// At most this many ballots in one printing (a congress of 1,500
/// delegates with spares).
pub(crate) const MAX_COPIES: u32 = 5_000;

/// Why a file of an election cannot be given.
#[derive(Debug)]
pub(crate) enum FileRefusal {
    /// No round is counted yet (the minutes, an export), or the round's
    /// count is not closed (its ballots file).
    NotCounted,
    /// A print parameter out of its range (a Fluent key).
    Parameter(&'static str),
    Store(StoreError),
    /// The printer or the writer failed (logged).
    Failed(String),
}

impl From<StoreError> for FileRefusal {
    fn from(e: StoreError) -> FileRefusal {
        FileRefusal::Store(e)
    }
}

impl From<FileRefusal> for WebError {
    fn from(r: FileRefusal) -> WebError {
        match r {
            FileRefusal::NotCounted => WebError::BadInput("election-files-not-counted"),
            FileRefusal::Parameter(key) => WebError::BadInput(key),
            FileRefusal::Store(e) => e.into(),
            FileRefusal::Failed(e) => WebError::Print(e),
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_lowercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// The minutes' and ballots' heading of an election of `congress`, in
/// Vietnamese: the congress ("Đại hội đại biểu Đảng bộ xã Quảng Tân,
/// nhiệm kỳ 2025–2030"), its party body in capitals, the place from its
/// name.
pub(crate) fn minutes_info(round: &Round, congress: &Congress) -> MinutesInfo {
    let vi = Tr::new(Lang::Vi);
    MinutesInfo {
        congress: format!(
            "{}, {}",
            crate::congresses::prints::congress_name(vi, congress),
            lower_first(&crate::congresses::prints::term(vi, round))
        ),
        issuer: congress.org.name.trim().to_uppercase(),
        place: crate::party::place_of(&congress.org.name).unwrap_or_default(),
        ..MinutesInfo::default()
    }
}

/// The election file of a record.
pub(crate) fn election_file(round: &Round, congress: &Congress, record: &ElectionRecord) -> ElectionFile {
    ElectionFile {
        election: record.election.clone(),
        withdrawals: record.withdrawals.clone(),
        rulings: record.rulings.clone(),
        decisions: record.decisions.clone(),
        minutes: MinutesInfo {
            date: record.closed_on,
            board_members: record.board.clone(),
            ..minutes_info(round, congress)
        },
    }
}

/// The record of election `n`, with at least its first round counted.
async fn counted_record(scoped: &Scoped<'_>, congress: &Congress, n: u32) -> Result<ElectionRecord, FileRefusal> {
    let record = scoped.elections().record(congress, n).await?.ok_or(FileRefusal::NotCounted)?;
    if record.ballots.is_empty() {
        return Err(FileRefusal::NotCounted);
    }
    Ok(record)
}

/// The stem of an election's files: its organization's code and number ("QN.DH.QT-1").
fn stem(congress: &Congress, n: u32) -> String {
    format!("{}-{n}", congress.org.code)
}

/// The counting minutes of election `n`: every closed round, as a PDF or
/// a `.docx`, typeset off the async workers.
pub(crate) async fn minutes_file(
    scoped: &Scoped<'_>,
    round: &Round,
    congress: &Congress,
    n: u32,
    docx: bool,
) -> Result<ReportFile, FileRefusal> {
    let record = counted_record(scoped, congress, n).await?;
    let file = election_file(round, congress, &record);
    let proceedings = proceedings(&file, &record.ballots)?;
    let minutes = daihoi_tally::minutes::minutes(&file, &proceedings);
    let (bytes, media, ext) = tokio::task::spawn_blocking(move || {
        if docx {
            daihoi_print::minutes_docx(&minutes).map(|b| (b, DOCX_MEDIA, "docx"))
        } else {
            daihoi_print::minutes_pdf(&minutes).map(|b| (b, "application/pdf", "pdf"))
        }
    })
    .await
    .map_err(|e| FileRefusal::Failed(e.to_string()))?
    .map_err(|e| FileRefusal::Failed(e.to_string()))?;
    Ok(ReportFile { bytes, media, file_name: format!("bien-ban-kiem-phieu-{}.{ext}", stem(congress, n)) })
}

/// The rounds of an election file counted from the ballots of its closed
/// rounds, as `daihoi tally` counts them.
fn proceedings(file: &ElectionFile, ballots: &[Vec<Ballot>]) -> Result<daihoi_election::Proceedings, FileRefusal> {
    let rounds: Vec<usize> = (0..ballots.len()).collect();
    daihoi_tally::proceed(
        "ELECTION.toml",
        file,
        &rounds,
        |i| format!("round-{}.csv", i + 1),
        |i, election, rulings| {
            let mut tally = daihoi_election::Tally::new(election, rulings)?;
            for b in &ballots[*i] {
                tally.add(b)?;
            }
            tally.finish()
        },
    )
    .map_err(|e| FileRefusal::Failed(format!("the stored election does not count again: {e}")))
}

/// ELECTION.toml of election `n`.
pub(crate) async fn election_toml(
    scoped: &Scoped<'_>,
    round: &Round,
    congress: &Congress,
    n: u32,
) -> Result<ReportFile, FileRefusal> {
    let record = counted_record(scoped, congress, n).await?;
    let file = election_file(round, congress, &record);
    let text = daihoi_tally::election_toml(&file).map_err(|e| FileRefusal::Failed(e.to_string()))?;
    Ok(ReportFile {
        bytes: text.into_bytes(),
        media: "application/toml; charset=utf-8",
        file_name: "ELECTION.toml".into(),
    })
}

/// The ballots CSV of round `number` of election `n` (closed rounds only).
pub(crate) async fn ballots_csv(
    scoped: &Scoped<'_>,
    round: &Round,
    congress: &Congress,
    n: u32,
    number: u32,
) -> Result<ReportFile, FileRefusal> {
    let record = counted_record(scoped, congress, n).await?;
    let closed = record.ballots.len();
    let Some(index) = usize::try_from(number).ok().and_then(|k| k.checked_sub(1)).filter(|i| *i < closed) else {
        return Err(FileRefusal::NotCounted);
    };
    let file = election_file(round, congress, &record);
    let lists = daihoi_tally::round_lists(&file);
    let (names, seats) = lists.get(index).ok_or(FileRefusal::NotCounted)?;
    let mut csv = Vec::new();
    daihoi_tally::write_ballots_csv(&mut csv, index + 1, names, *seats, &record.ballots[index])
        .map_err(|e| FileRefusal::Failed(e.to_string()))?;
    Ok(ReportFile {
        bytes: csv,
        media: "text/csv; charset=utf-8",
        file_name: format!("phieu-{}-lan-{number}.csv", stem(congress, n)),
    })
}

/// The printed ballots of round `number`: `per_page` to an A4 sheet (1, 2
/// or 4), `copies` of them (by default the ballots issued, or one
/// specimen before they are).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn ballots_pdf(
    scoped: &Scoped<'_>,
    round: &Round,
    congress: &Congress,
    election: &Election,
    number: u32,
    per_page: Option<u32>,
    copies: Option<u32>,
) -> Result<ReportFile, FileRefusal> {
    let r = scoped.elections().round(congress, election.number, number).await?;
    let per_page = per_page.unwrap_or(1);
    if ![1, 2, 4].contains(&per_page) {
        return Err(FileRefusal::Parameter("election-ballots-per-page"));
    }
    let copies = copies.unwrap_or_else(|| r.issued.as_ref().map_or(1, |i| i.ballots));
    if !(1..=MAX_COPIES).contains(&copies) {
        return Err(FileRefusal::Parameter("election-ballots-copies"));
    }
    let info = minutes_info(round, congress);
    let sheet = BallotSheet {
        issuer: info.issuer,
        congress: info.congress,
        title: election.title.clone(),
        agree_form: BallotForm::for_list(r.list.len(), r.seats) == BallotForm::AgreeDisagree,
        names: r.list,
        seats: r.seats,
        per_page,
        copies,
    };
    let bytes = tokio::task::spawn_blocking(move || daihoi_print::ballots_pdf(&sheet))
        .await
        .map_err(|e| FileRefusal::Failed(e.to_string()))?
        .map_err(|e| match e {
            daihoi_print::PrintError::TooManyNames { .. } => FileRefusal::Parameter("election-ballots-too-many-names"),
            e => FileRefusal::Failed(e.to_string()),
        })?;
    Ok(ReportFile {
        bytes,
        media: "application/pdf",
        file_name: format!("phieu-bau-{}-{}-lan-{number}.pdf", congress.org.code, election.number),
    })
}

/// A ballots file refused, or how many ballots it recorded.
pub(crate) enum Recorded {
    Ballots(usize),
    /// The file's refusal, naming the file, the line and the column, or
    /// the rule: in English for the API, the reader's words on the page.
    Refused(String),
}

/// The board records round `number`'s ballots counted elsewhere from the
/// ballots file `name` (`.csv`, `.xlsx`, `.xls`, `.ods`), read off the
/// async workers within the upload limits, as strictly as `daihoi tally`.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record_ballots_file(
    app: &AppState,
    scoped: &Scoped<'_>,
    congress: &Congress,
    election: &Election,
    number: u32,
    name: String,
    bytes: axum::body::Bytes,
    address: &str,
) -> Result<Recorded, StoreError> {
    if !daihoi_store::elections::policy::may_settle(scoped.elections().duty(election).await?) {
        return Err(StoreError::Forbidden(format!("the board of election {}", election.number)));
    }
    let r = scoped.elections().round(congress, election.number, number).await?;
    let Some(engine) = r.engine(election) else {
        return Err(StoreError::ElectionRefused {
            rule: "R-VALID-2",
            detail: format!("the ballots of round {number} are not issued yet"),
        });
    };
    let file = name.clone();
    let read = app.uploads.run(move |limits| daihoi_tally::ballots_bytes(&file, &bytes, limits, &engine, &[])).await;
    let ballots = match read {
        Ok((_, ballots)) => ballots,
        Err(e) => return Ok(Recorded::Refused(e.to_string())),
    };
    let n = scoped.elections().record_ballots(congress, election.number, number, &name, &ballots, address).await?;
    Ok(Recorded::Ballots(n))
}

#[derive(Debug, Default, Deserialize)]
pub struct FileParam {
    pub round: Option<String>,
    /// `pdf` (default) or `docx`.
    pub format: Option<String>,
    pub per_page: Option<String>,
    pub copies: Option<String>,
}

fn number_param(value: Option<&str>, key: &'static str) -> Result<Option<u32>, WebError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| WebError::BadInput(key)),
    }
}

/// `GET …/elections/{election}/minutes?format=pdf|docx`: the counting
/// minutes, for the congress's readers and the board.
pub async fn minutes(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Query(p): Query<FileParam>,
) -> Result<Response, WebError> {
    let docx = match p.format.as_deref().unwrap_or("pdf") {
        "pdf" => false,
        "docx" => true,
        _ => return Err(WebError::BadInput("tracking-report-bad-format")),
    };
    let (round, congress, _, _) = staffed(&caller, &code, p.round.as_deref(), n).await?;
    Ok(report_download(minutes_file(&caller.scoped(), &round, &congress, n, docx).await?))
}

/// `GET …/elections/{election}/election.toml`.
pub async fn toml(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Query(p): Query<FileParam>,
) -> Result<Response, WebError> {
    let (round, congress, _, _) = staffed(&caller, &code, p.round.as_deref(), n).await?;
    Ok(report_download(election_toml(&caller.scoped(), &round, &congress, n).await?))
}

/// `GET …/elections/{election}/rounds/{number}/ballots.csv`.
pub async fn csv(
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    Query(p): Query<FileParam>,
) -> Result<Response, WebError> {
    let (round, congress, _, _) = staffed(&caller, &code, p.round.as_deref(), n).await?;
    Ok(report_download(ballots_csv(&caller.scoped(), &round, &congress, n, number).await?))
}

/// `GET …/elections/{election}/rounds/{number}/ballots.pdf?per_page=&copies=`.
pub async fn print(
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    Query(p): Query<FileParam>,
) -> Result<Response, WebError> {
    let per_page = number_param(p.per_page.as_deref(), "election-ballots-per-page")?;
    let copies = number_param(p.copies.as_deref(), "election-ballots-copies")?;
    let (round, congress, election, _) = staffed(&caller, &code, p.round.as_deref(), n).await?;
    let file = ballots_pdf(&caller.scoped(), &round, &congress, &election, number, per_page, copies).await?;
    Ok(report_download(file))
}

/// `POST …/elections/{election}/rounds/{number}/ballots-file` (multipart:
/// `csrf`, `round`, `file`): the board records a round counted elsewhere.
pub async fn upload(
    State(app): State<AppState>,
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (texts, file) = match crate::page::uploads::fields(&mut multipart, &["round"], "file", 64).await {
        Ok(read) => read,
        Err(_) => return Err(WebError::BadInput("election-ballots-file-broken")),
    };
    let round_code = texts.get("round").cloned();
    let (round, congress, election, _) = staffed(&caller, &code, round_code.as_deref(), n).await?;
    let problem = match file {
        None => tr.t("election-ballots-file-none"),
        Some((name, bytes)) => {
            let scoped = caller.scoped();
            match record_ballots_file(&app, &scoped, &congress, &election, number, name, bytes, &caller.address).await {
                Ok(Recorded::Ballots(_)) => {
                    let to = format!(
                        "/orgs/{}/congress/elections/{n}/rounds/{number}/ledger?round={}&saved=1",
                        congress.org.code, round.code
                    );
                    return Ok(Redirect::to(&to).into_response());
                }
                Ok(Recorded::Refused(message)) => tr.t1("election-ballots-file-refused", "problem", message),
                Err(e) => super::pages::refusal(tr, e)?,
            }
        }
    };
    let page = super::count::board_page(&caller, &code, Some(&round.code), n, number, false, vec![problem]).await?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
