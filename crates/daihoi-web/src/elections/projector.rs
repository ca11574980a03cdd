//! The board's projector (issue 16): a large-type page of a round's count
//! while it is open (`…/rounds/{number}/projector`) — per name the running
//! votes of the ballots that count (both entries agree, or the board
//! settled them), the ballots each entry holds, those that count and those
//! whose entries differ — and its stream of server-sent events
//! (`…/projector/events`) that sends them again when they change. For the
//! election's board only (the totals of an open count are theirs alone, as
//! the ledger's: a clerk never sees them), until the count is closed.
//!
//! A write of the count in this process (an entry, a settlement, a ruling,
//! the close, by page or API) moves a counter the streams watch; a stream
//! also reads again every few seconds (writes of another process). The
//! streams are bounded: at most [`MAX_STREAMS`] at once (503 beyond),
//! heartbeats, and each ends when the count is closed or the reading is
//! refused. Without JavaScript the page is the same, reloaded by hand.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use daihoi_store::congresses::Congress;
use daihoi_store::elections::{Duty, Ledger};
use serde::Serialize;
use tokio::sync::watch;

use super::count::CountParam;
use super::pages::{decimal, staffed};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path};

/// At most this many projector streams at once, in this process.
pub const MAX_STREAMS: usize = 32;

/// How often a stream reads again when nothing moved here.
const POLL: Duration = Duration::from_secs(5);

static MOVED: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);
static STREAMS: AtomicUsize = AtomicUsize::new(0);

/// A write of a count: an entry, a settlement, a ruling, a close.
pub(crate) fn moved() {
    MOVED.send_modify(|n| *n = n.wrapping_add(1));
}

/// One of the [`MAX_STREAMS`] places, given back when dropped.
struct Slot;

impl Slot {
    fn take() -> Option<Slot> {
        STREAMS
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < MAX_STREAMS).then_some(n + 1))
            .ok()
            .map(|_| Slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        STREAMS.fetch_sub(1, Ordering::AcqRel);
    }
}

/// What the projector shows, as the texts of its `data-key` elements: the
/// page is made from it and the stream sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub closed: bool,
    pub values: BTreeMap<String, String>,
}

/// A name's line on the projector.
pub struct NameLine {
    pub number: usize,
    pub name: String,
}

fn snapshot(tr: Tr, l: &Ledger) -> Snapshot {
    let mut values = BTreeMap::new();
    let count = |n: usize| tr.number(n as u64);
    values.insert("issued".to_owned(), tr.number(u64::from(l.round.issued.as_ref().map_or(0, |i| i.ballots))));
    values.insert("entered-1".to_owned(), count(l.lines.iter().filter(|x| x.first.is_some()).count()));
    values.insert("entered-2".to_owned(), count(l.lines.iter().filter(|x| x.second.is_some()).count()));
    values.insert("settled".to_owned(), count(l.settled().count()));
    values.insert("differing".to_owned(), count(l.differing().count()));
    for i in 0..l.round.list.len() {
        let (votes, percent) = match &l.totals {
            Ok(c) => c.candidates.get(i).map_or((0, String::new()), |r| {
                (r.votes, format!("{}\u{a0}%", decimal(tr, &daihoi_election::count::percent(r.votes, c.base))))
            }),
            Err(_) => (0, String::new()),
        };
        values.insert(format!("votes-{}", i + 1), tr.number(u64::from(votes)));
        values.insert(format!("percent-{}", i + 1), percent);
    }
    Snapshot { closed: l.round.closed.is_some(), values }
}

/// The congress and the election of a projector, for the election's board
/// only (everyone else: the refusals of `staffed`, then 403).
async fn board_of(
    caller: &Caller,
    code: &str,
    round: Option<&str>,
    n: u32,
) -> Result<(String, Congress, String), WebError> {
    let (round, congress, election, duty) = staffed(caller, code, round, n).await?;
    if duty != Some(Duty::Board) {
        return Err(WebError::Forbidden);
    }
    Ok((round.code, congress, election.title))
}

/// The projector's page.
#[derive(Template, WebTemplate)]
#[template(path = "election_projector.html")]
pub struct ProjectorPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: String,
    election: u32,
    title: String,
    number: u32,
    names: Vec<NameLine>,
    shown: Snapshot,
}

impl ProjectorPage {
    /// The text of the element `key`.
    fn value(&self, key: &str) -> &str {
        self.shown.values.get(key).map_or("", String::as_str)
    }

    fn votes(&self, number: &usize) -> &str {
        self.shown.values.get(&format!("votes-{number}")).map_or("", String::as_str)
    }

    fn percent(&self, number: &usize) -> &str {
        self.shown.values.get(&format!("percent-{number}")).map_or("", String::as_str)
    }
}

/// `GET …/elections/{election}/rounds/{number}/projector`: the board's
/// projector page.
pub async fn page(
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    Query(p): Query<CountParam>,
) -> Result<ProjectorPage, WebError> {
    let tr = caller.tr;
    let (round, congress, title) = board_of(&caller, &code, p.round.as_deref(), n).await?;
    let ledger = caller.scoped().elections().ledger(&congress, n, number).await?;
    Ok(ProjectorPage {
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        round,
        election: n,
        title,
        number,
        names: ledger
            .round
            .list
            .iter()
            .enumerate()
            .map(|(i, name)| NameLine { number: i + 1, name: name.clone() })
            .collect(),
        shown: snapshot(tr, &ledger),
    })
}

/// `GET …/elections/{election}/rounds/{number}/projector/events`: the
/// projector's figures each time they change (server-sent events named
/// `totals`, the first at once), until the count is closed; 503 when
/// [`MAX_STREAMS`] are open.
pub async fn events(
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    Query(p): Query<CountParam>,
) -> Result<Response, WebError> {
    let (_, congress, _) = board_of(&caller, &code, p.round.as_deref(), n).await?;
    let moved = MOVED.subscribe();
    let first = snapshot(caller.tr, &caller.scoped().elections().ledger(&congress, n, number).await?);
    let Some(slot) = Slot::take() else {
        return Ok(StatusCode::SERVICE_UNAVAILABLE.into_response());
    };
    let caller = Arc::new(caller);
    let congress = Arc::new(congress);
    let read = move || {
        let (caller, congress) = (caller.clone(), congress.clone());
        async move {
            let l = caller.scoped().elections().ledger(&congress, n, number).await.ok()?;
            Some(snapshot(caller.tr, &l))
        }
    };
    // The state: the slot (dropped with the stream), what to send next (the
    // first reading), the last sent, and whether the count was closed.
    let s = futures_util::stream::unfold(
        (slot, moved, Some(first), None::<Snapshot>, false),
        move |(slot, mut moved, mut next, mut last, ended)| {
            let read = read.clone();
            async move {
                if ended {
                    return None;
                }
                loop {
                    let now = match next.take() {
                        Some(s) => s,
                        None => {
                            tokio::select! {
                                r = moved.changed() => {
                                    r.ok()?;
                                    // Entries come in bursts: one reading for a burst.
                                    tokio::time::sleep(Duration::from_millis(200)).await;
                                    moved.borrow_and_update();
                                }
                                () = tokio::time::sleep(POLL) => {}
                            }
                            read().await?
                        }
                    };
                    if last.as_ref() != Some(&now) {
                        let data = serde_json::to_string(&now).ok()?;
                        let closed = now.closed;
                        last = Some(now);
                        let event = Event::default().event("totals").data(data);
                        return Some((Ok::<_, Infallible>(event), (slot, moved, None, last, closed)));
                    }
                }
            }
        },
    );
    Ok(Sse::new(s).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response())
}
