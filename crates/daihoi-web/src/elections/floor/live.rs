//! Live updates of the floor votes by server-sent events: a vote opened,
//! closed or declared moves the phase; a ballot moves the count. Each is a
//! counter watched by the open streams (this process's writes; a stream
//! reads its own congress again when either moves, so a move of another
//! congress costs a reading, never a wrong page). Pages work without them:
//! the stream only tells the page to show itself again (`static/floor.js`).

use std::convert::Infallible;
use std::sync::LazyLock;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::watch;

static PHASE: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);
static BALLOTS: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);

/// A vote opened, closed or declared.
pub(crate) fn phase_moved() {
    PHASE.send_modify(|n| *n = n.wrapping_add(1));
}

/// A ballot stored.
pub(crate) fn ballot_stored() {
    BALLOTS.send_modify(|n| *n = n.wrapping_add(1));
}

/// Which moves a stream follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Follow {
    /// A delegate's page: the vote open and whether they voted.
    Phase,
    /// The office's page: the count too (at most every quarter second).
    Count,
}

/// A stream of `state` events: `read` gives the page's state now; an event
/// is sent when it differs from the last one sent (the first at once).
pub(crate) fn stream<F, Fut>(follow: Follow, read: F) -> Sse<impl Stream<Item = Result<Event, Infallible>>>
where
    F: Fn() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Option<String>> + Send,
{
    let phase = PHASE.subscribe();
    let ballots = BALLOTS.subscribe();
    let s = futures_util::stream::unfold(
        (phase, ballots, None::<String>, read, true),
        move |(mut phase, mut ballots, last, read, mut first)| async move {
            loop {
                if !first {
                    match follow {
                        Follow::Phase => {
                            phase.changed().await.ok()?;
                        }
                        Follow::Count => {
                            tokio::select! {
                                r = phase.changed() => r.ok()?,
                                r = ballots.changed() => {
                                    r.ok()?;
                                    tokio::time::sleep(Duration::from_millis(250)).await;
                                    ballots.borrow_and_update();
                                }
                            }
                        }
                    }
                }
                phase.borrow_and_update();
                let now = read().await?;
                if last.as_deref() != Some(now.as_str()) {
                    let event = Event::default().event("state").data(now.clone());
                    return Some((Ok(event), (phase, ballots, Some(now), read, false)));
                }
                first = false;
            }
        },
    );
    Sse::new(s).keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
}
