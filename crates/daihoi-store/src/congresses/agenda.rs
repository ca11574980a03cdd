//! The programme of a congress (issue 15 §8): its items in the preparatory
//! session (C-PLAN-8) and the official session (C-PLAN-6), the bodies
//! elected by show of hands and their members (R-BODY-2), and the votes by
//! show of hands with the number present at that vote (from the attendance
//! of the session open then) and the presidium's declaration. The rules
//! are `daihoi-congress`'s (`agenda`); the store keeps and reads. Written
//! by the congress's office, read by the congress's readers.

use daihoi_congress::agenda::{
    AgendaError, Declared, HandVote, Move, ProgrammeSession, ShowOfHandsBody, StandardItem, VoteOn, check_member,
    check_removal, default_programme,
};
use daihoi_congress::{LevelClass, Status};
use daihoi_core::members::CardNumber;
use sqlx::Row;

use super::access::{Congresses, text};
use super::{Congress, Round, policy};
use crate::documents::Classification;
use crate::members::now_text;
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// An item of a congress's programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeItem {
    /// Its number (from 1), given when it was added, by which it is named
    /// (votes by show of hands name it); its place is its order in the
    /// programme, which the office may change.
    pub number: u32,
    pub session: ProgrammeSession,
    /// A default item (C-PLAN-8, C-PLAN-6, R-BODY-2), put into words by
    /// the reader; `None` for an item people added.
    pub standard: Option<StandardItem>,
    /// The title of an item people added.
    pub title: Option<String>,
    pub done: bool,
}

/// A member of a body elected by show of hands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMember {
    pub body: ShowOfHandsBody,
    pub card: String,
    pub name: String,
}

/// A vote by show of hands as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedVote {
    pub number: u32,
    pub vote: HandVote,
    /// The session open at the vote, if any.
    pub session: Option<u32>,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// Those present at a moment: the session then open and its check-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresentNow {
    pub session: u32,
    pub present: u32,
}

/// A congress's programme, bodies and votes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Agenda {
    /// The preparatory session's items first, each session in its order.
    pub items: Vec<ProgrammeItem>,
    /// By body, then card number.
    pub members: Vec<BodyMember>,
    /// In the order recorded.
    pub votes: Vec<RecordedVote>,
}

/// A vote by show of hands to record: the number present is the
/// attendance of the session open when there is one, else `present`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewHandVote {
    pub on: VoteOn,
    pub votes_for: u32,
    pub against: u32,
    pub abstaining: u32,
    pub present: Option<u32>,
    pub declared: Declared,
}

fn refused(e: AgendaError) -> StoreError {
    StoreError::CongressRefused { rule: e.rule(), detail: e.to_string() }
}

/// The last place taken in a congress's programme (0 when it is empty).
async fn last_place(conn: &mut sqlx::AnyConnection, congress: &Congress) -> StoreResult<i64> {
    let last: Option<i64> = sqlx::query_scalar("SELECT MAX(position) FROM agenda_item WHERE congress_id = $1")
        .bind(congress.id)
        .fetch_one(conn)
        .await?;
    Ok(last.unwrap_or(0))
}

fn number(n: i64, what: &str) -> StoreResult<u32> {
    u32::try_from(n).map_err(|_| StoreError::corrupt(format!("bad {what} {n}")))
}

/// Whether a congress of this level sends a delegation to a higher
/// congress: every one but a cell's and the National Congress (C-PLAN-6).
pub fn sends_delegation(level: LevelClass) -> bool {
    !matches!(level, LevelClass::Cell | LevelClass::National)
}

impl Congresses<'_> {
    /// The programme, bodies and votes of `congress`, for its readers.
    pub async fn agenda(&self, congress: &Congress) -> StoreResult<Agenda> {
        self.require(&congress.org, policy::may_read)?;
        let rows = sqlx::query(
            "SELECT number, session, standard, title, done FROM agenda_item WHERE congress_id = $1 \
             ORDER BY CASE session WHEN 'preparatory' THEN 0 ELSE 1 END, position, number",
        )
        .bind(congress.id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut agenda = Agenda::default();
        for r in &rows {
            let session: String = r.try_get("session")?;
            let standard: Option<String> = r.try_get("standard")?;
            let done: i64 = r.try_get("done")?;
            agenda.items.push(ProgrammeItem {
                number: number(r.try_get("number")?, "item")?,
                session: ProgrammeSession::parse(&session)
                    .ok_or_else(|| StoreError::corrupt(format!("bad session {session:?}")))?,
                standard: match standard {
                    Some(s) => {
                        Some(StandardItem::parse(&s).ok_or_else(|| StoreError::corrupt(format!("bad item {s:?}")))?)
                    }
                    None => None,
                },
                title: r.try_get("title")?,
                done: done == 1,
            });
        }
        let rows = sqlx::query(
            "SELECT m.body AS body, p.card_number AS card_number, p.full_name AS full_name \
             FROM congress_body_member m JOIN person p ON p.id = m.person_id WHERE m.congress_id = $1 \
             ORDER BY m.body, p.card_number",
        )
        .bind(congress.id)
        .fetch_all(&self.db.pool)
        .await?;
        for r in &rows {
            let body: String = r.try_get("body")?;
            agenda.members.push(BodyMember {
                body: ShowOfHandsBody::parse(&body).ok_or_else(|| StoreError::corrupt(format!("bad body {body:?}")))?,
                card: r.try_get("card_number")?,
                name: r.try_get("full_name")?,
            });
        }
        agenda.members.sort_by_key(|m| m.body);
        let rows = sqlx::query(
            "SELECT number, body, item, session, votes_for, against, abstaining, present, declared, recorded_by, \
             recorded_at FROM hand_vote WHERE congress_id = $1 ORDER BY number",
        )
        .bind(congress.id)
        .fetch_all(&self.db.pool)
        .await?;
        for r in &rows {
            let body: Option<String> = r.try_get("body")?;
            let item: Option<i64> = r.try_get("item")?;
            let on = match (body, item) {
                (Some(b), _) => {
                    VoteOn::Body(ShowOfHandsBody::parse(&b).ok_or_else(|| StoreError::corrupt("bad vote body"))?)
                }
                (None, Some(i)) => VoteOn::Item(number(i, "item")?),
                (None, None) => return Err(StoreError::corrupt("a vote on nothing")),
            };
            let declared: String = r.try_get("declared")?;
            let session: Option<i64> = r.try_get("session")?;
            agenda.votes.push(RecordedVote {
                number: number(r.try_get("number")?, "vote")?,
                vote: HandVote {
                    item: on,
                    votes_for: number(r.try_get("votes_for")?, "count")?,
                    against: number(r.try_get("against")?, "count")?,
                    abstaining: number(r.try_get("abstaining")?, "count")?,
                    present: number(r.try_get("present")?, "count")?,
                    declared: Declared::parse(&declared).ok_or_else(|| StoreError::corrupt("bad declaration"))?,
                },
                session: session.map(|s| number(s, "session")).transpose()?,
                recorded_by: r.try_get("recorded_by")?,
                recorded_at: r.try_get("recorded_at")?,
            });
        }
        Ok(agenda)
    }

    /// Those present now: the last session opened and the people checked
    /// in to it; `None` while no session is open.
    pub async fn present_now(&self, congress: &Congress) -> StoreResult<Option<PresentNow>> {
        self.require(&congress.org, policy::may_read)?;
        let last: Option<i64> = sqlx::query_scalar("SELECT MAX(number) FROM congress_session WHERE congress_id = $1")
            .bind(congress.id)
            .fetch_one(&self.db.pool)
            .await?;
        let Some(session) = last else { return Ok(None) };
        let present: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM session_mark WHERE congress_id = $1 AND session = $2 AND present = 1",
        )
        .bind(congress.id)
        .bind(session)
        .fetch_one(&self.db.pool)
        .await?;
        Ok(Some(PresentNow { session: number(session, "session")?, present: number(present, "count")? }))
    }

    /// Adds the default programme's items (C-PLAN-8, C-PLAN-6) that the
    /// programme does not hold yet, after the items there: how many. A
    /// programme that holds them all writes nothing.
    pub async fn fill_programme(&self, congress: &Congress, address: &str) -> StoreResult<u32> {
        self.require(&congress.org, policy::may_plan)?;
        let lines =
            default_programme(congress.plan.level, congress.plan.contents, sends_delegation(congress.plan.level));
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let present: Vec<Option<String>> =
                sqlx::query_scalar("SELECT standard FROM agenda_item WHERE congress_id = $1")
                    .bind(congress.id)
                    .fetch_all(w.conn())
                    .await?;
            let last: Option<i64> = sqlx::query_scalar("SELECT MAX(number) FROM agenda_item WHERE congress_id = $1")
                .bind(congress.id)
                .fetch_one(w.conn())
                .await?;
            let mut next = last.unwrap_or(0);
            let mut place = last_place(w.conn(), congress).await?;
            let mut added = Vec::new();
            for l in lines.iter().filter(|l| !present.iter().flatten().any(|s| s == l.item.code())) {
                next += 1;
                place += 1;
                sqlx::query(
                    "INSERT INTO agenda_item (congress_id, number, position, session, standard, done, recorded_by, \
                     recorded_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $7)",
                )
                .bind(congress.id)
                .bind(next)
                .bind(place)
                .bind(l.session.code())
                .bind(l.item.code())
                .bind(&by)
                .bind(now_text())
                .execute(w.conn())
                .await?;
                added.push(l.item.code());
            }
            if !added.is_empty() {
                w.record(Change {
                    action: "congress_programme",
                    org_path: Some(congress.org.path.clone()),
                    subject: format!("congress {}", congress.id),
                    detail: format!("default programme: {}", added.join(", ")),
                    classification: Classification::Normal,
                });
            }
            u32::try_from(added.len()).map_err(|_| StoreError::corrupt("programme length"))
        })
        .await
    }

    /// Adds an item to the programme, in a session, after the items there:
    /// its number.
    pub async fn add_item(
        &self,
        congress: &Congress,
        session: ProgrammeSession,
        title: &str,
        address: &str,
    ) -> StoreResult<u32> {
        self.require(&congress.org, policy::may_plan)?;
        let title = text("title", title)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let last: Option<i64> = sqlx::query_scalar("SELECT MAX(number) FROM agenda_item WHERE congress_id = $1")
                .bind(congress.id)
                .fetch_one(w.conn())
                .await?;
            let n = last.unwrap_or(0) + 1;
            let place = last_place(w.conn(), congress).await? + 1;
            sqlx::query(
                "INSERT INTO agenda_item (congress_id, number, position, session, title, done, recorded_by, \
                 recorded_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $7)",
            )
            .bind(congress.id)
            .bind(n)
            .bind(place)
            .bind(session.code())
            .bind(title)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "congress_programme",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!("item {n} ({}): {title}", session.code()),
                classification: Classification::Normal,
            });
            number(n, "item")
        })
        .await
    }

    /// Marks an item of the programme done (or not done again); an item
    /// already so writes nothing.
    pub async fn mark_item(&self, congress: &Congress, item: u32, done: bool, address: &str) -> StoreResult<()> {
        self.require(&congress.org, policy::may_plan)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let was: Option<i64> =
                sqlx::query_scalar("SELECT done FROM agenda_item WHERE congress_id = $1 AND number = $2")
                    .bind(congress.id)
                    .bind(i64::from(item))
                    .fetch_optional(w.conn())
                    .await?;
            let Some(was) = was else { return Err(StoreError::NotFound(format!("programme item {item}"))) };
            if (was == 1) == done {
                return Ok(());
            }
            sqlx::query(
                "UPDATE agenda_item SET done = $1, recorded_by = $2, recorded_at = $3 \
                 WHERE congress_id = $4 AND number = $5",
            )
            .bind(i64::from(done))
            .bind(&by)
            .bind(now_text())
            .bind(congress.id)
            .bind(i64::from(item))
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "congress_programme",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!("item {item} {}", if done { "done" } else { "not done" }),
                classification: Classification::Normal,
            });
            Ok(())
        })
        .await
    }

    /// Moves an item one place earlier or later in its session (its number
    /// stays): whether it moved; at the session's edge nothing is written.
    pub async fn move_item(&self, congress: &Congress, item: u32, to: Move, address: &str) -> StoreResult<bool> {
        self.require(&congress.org, policy::may_plan)?;
        self.write(address, async |w| {
            let session: Option<String> =
                sqlx::query_scalar("SELECT session FROM agenda_item WHERE congress_id = $1 AND number = $2")
                    .bind(congress.id)
                    .bind(i64::from(item))
                    .fetch_optional(w.conn())
                    .await?;
            let Some(session) = session else { return Err(StoreError::NotFound(format!("programme item {item}"))) };
            let rows = sqlx::query(
                "SELECT number, position FROM agenda_item WHERE congress_id = $1 AND session = $2 \
                 ORDER BY position, number",
            )
            .bind(congress.id)
            .bind(&session)
            .fetch_all(w.conn())
            .await?;
            let places = rows
                .iter()
                .map(|r| Ok((r.try_get::<i64, _>("number")?, r.try_get::<i64, _>("position")?)))
                .collect::<StoreResult<Vec<_>>>()?;
            let at = places
                .iter()
                .position(|(n, _)| *n == i64::from(item))
                .ok_or_else(|| StoreError::corrupt(format!("programme item {item} is not in its session")))?;
            let Some(other) = to.target(at, places.len()) else { return Ok(false) };
            // The two items trade places (places are distinct: each item
            // takes the next one when added).
            let (mine, theirs) = (places[at], places[other]);
            for (n, place) in [(mine.0, theirs.1), (theirs.0, mine.1)] {
                sqlx::query("UPDATE agenda_item SET position = $1 WHERE congress_id = $2 AND number = $3")
                    .bind(place)
                    .bind(congress.id)
                    .bind(n)
                    .execute(w.conn())
                    .await?;
            }
            w.record(Change {
                action: "congress_programme",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!(
                    "item {item} moved {} item {} ({session})",
                    if to == Move::Earlier { "before" } else { "after" },
                    theirs.0
                ),
                classification: Classification::Normal,
            });
            Ok(true)
        })
        .await
    }

    /// Removes an item from the programme: refused once it is done
    /// (C-PLAN-6) or has a vote by show of hands recorded on it (R-BODY-2).
    /// Its number is not given again while a later one exists.
    pub async fn remove_item(&self, congress: &Congress, item: u32, address: &str) -> StoreResult<()> {
        self.require(&congress.org, policy::may_plan)?;
        self.write(address, async |w| {
            let row = sqlx::query(
                "SELECT session, standard, title, done FROM agenda_item WHERE congress_id = $1 AND number = $2",
            )
            .bind(congress.id)
            .bind(i64::from(item))
            .fetch_optional(w.conn())
            .await?;
            let Some(row) = row else { return Err(StoreError::NotFound(format!("programme item {item}"))) };
            let votes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM hand_vote WHERE congress_id = $1 AND item = $2")
                .bind(congress.id)
                .bind(i64::from(item))
                .fetch_one(w.conn())
                .await?;
            let done: i64 = row.try_get("done")?;
            check_removal(item, done == 1, u32::try_from(votes).unwrap_or(u32::MAX)).map_err(refused)?;
            sqlx::query("DELETE FROM agenda_item WHERE congress_id = $1 AND number = $2")
                .bind(congress.id)
                .bind(i64::from(item))
                .execute(w.conn())
                .await?;
            let session: String = row.try_get("session")?;
            let standard: Option<String> = row.try_get("standard")?;
            let title: Option<String> = row.try_get("title")?;
            w.record(Change {
                action: "congress_programme",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!("item {item} ({session}) removed: {}", title.or(standard).unwrap_or_default()),
                classification: Classification::Normal,
            });
            Ok(())
        })
        .await
    }

    /// Adds a person convened to the congress (by card number) to a body
    /// elected by show of hands (R-BODY-2), once.
    pub async fn add_body_member(
        &self,
        round: &Round,
        congress: &Congress,
        body: ShowOfHandsBody,
        card: &CardNumber,
        address: &str,
    ) -> StoreResult<()> {
        self.require(&congress.org, policy::may_plan)?;
        let (person, _) = self.db.person_by_card(card).await?;
        let roll = self.roll(round, congress).await?;
        let convened: Vec<&str> =
            roll.roll.lines.iter().filter(|l| l.status == Status::Convened).map(|l| l.entry.person.as_str()).collect();
        let members: Vec<String> = sqlx::query_scalar(
            "SELECT p.card_number FROM congress_body_member m JOIN person p ON p.id = m.person_id \
             WHERE m.congress_id = $1 AND m.body = $2",
        )
        .bind(congress.id)
        .bind(body.code())
        .fetch_all(&self.db.pool)
        .await?;
        let members: Vec<&str> = members.iter().map(String::as_str).collect();
        check_member(body, card.as_str(), &convened, &members).map_err(refused)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query(
                "INSERT INTO congress_body_member (congress_id, body, person_id, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(congress.id)
            .bind(body.code())
            .bind(person)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "congress_body_member",
                org_path: Some(congress.org.path.clone()),
                subject: format!("member {card}"),
                detail: format!("congress {}: {}", congress.id, body.code()),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// Records a vote by show of hands (R-BODY-2) on a body or a programme
    /// item: the number present is the attendance of the session open (a
    /// different number given is refused), or the one given when no
    /// session is open; more hands than present are refused. The
    /// presidium's declaration is recorded as declared; whether it agrees
    /// with a simple majority of those present is the reader's warning.
    pub async fn record_vote(
        &self,
        congress: &Congress,
        new: &NewHandVote,
        address: &str,
    ) -> StoreResult<RecordedVote> {
        self.require(&congress.org, policy::may_plan)?;
        let now = self.present_now(congress).await?;
        let present = match (now, new.present) {
            (Some(now), Some(given)) if given != now.present => {
                return Err(StoreError::CongressRefused {
                    rule: "R-BODY-2",
                    detail: format!("{given} present given, {} checked in to session {}", now.present, now.session),
                });
            }
            (Some(now), _) => now.present,
            (None, Some(given)) => given,
            (None, None) => {
                return Err(StoreError::CongressRefused {
                    rule: "R-BODY-2",
                    detail: "no session is open: the number present is needed".to_owned(),
                });
            }
        };
        let vote = HandVote {
            item: new.on,
            votes_for: new.votes_for,
            against: new.against,
            abstaining: new.abstaining,
            present,
            declared: new.declared,
        };
        vote.check().map_err(refused)?;
        let (body, item) = match new.on {
            VoteOn::Body(b) => (Some(b.code()), None),
            VoteOn::Item(n) => (None, Some(i64::from(n))),
        };
        let by = self.viewer.actor();
        let at = now_text();
        self.write(address, async |w| {
            if let Some(item) = item {
                let known: Option<i64> =
                    sqlx::query_scalar("SELECT number FROM agenda_item WHERE congress_id = $1 AND number = $2")
                        .bind(congress.id)
                        .bind(item)
                        .fetch_optional(w.conn())
                        .await?;
                if known.is_none() {
                    return Err(StoreError::NotFound(format!("programme item {item}")));
                }
            }
            let last: Option<i64> = sqlx::query_scalar("SELECT MAX(number) FROM hand_vote WHERE congress_id = $1")
                .bind(congress.id)
                .fetch_one(w.conn())
                .await?;
            let n = last.unwrap_or(0) + 1;
            sqlx::query(
                "INSERT INTO hand_vote (congress_id, number, body, item, session, votes_for, against, abstaining, \
                 present, declared, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .bind(congress.id)
            .bind(n)
            .bind(body)
            .bind(item)
            .bind(now.map(|s| i64::from(s.session)))
            .bind(i64::from(vote.votes_for))
            .bind(i64::from(vote.against))
            .bind(i64::from(vote.abstaining))
            .bind(i64::from(vote.present))
            .bind(vote.declared.code())
            .bind(&by)
            .bind(&at)
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "congress_hand_vote",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!(
                    "vote {n} on {}: {} for, {} against, {} abstaining, {} present; declared {}",
                    match vote.item {
                        VoteOn::Body(b) => b.code().to_owned(),
                        VoteOn::Item(i) => format!("item {i}"),
                    },
                    vote.votes_for,
                    vote.against,
                    vote.abstaining,
                    vote.present,
                    vote.declared.code()
                ),
                classification: Classification::Normal,
            });
            Ok(RecordedVote {
                number: number(n, "vote")?,
                vote,
                session: now.map(|s| s.session),
                recorded_by: by.clone(),
                recorded_at: at.clone(),
            })
        })
        .await
    }
}
