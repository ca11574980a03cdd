//! R-RANK-4 and C-PER-13: who is planned for secretary (and for the
//! inspection commission's chair) of a congress, recorded by its office.
//! When the committee's (the commission's) count is finished and that
//! person is not elected to it, the election of the secretary (the chair)
//! stops: creating it, adopting its list and issuing its ballots are
//! refused until the higher committee's direction is recorded (who, when,
//! its document, what it says), by the office above.

use daihoi_congress::Approval;
use daihoi_core::date::{from_iso, iso};
use daihoi_election::Body;
use sqlx::Row;
use time::Date;

use super::super::access::Elections;
use super::super::{Stamp, policy as election_policy, refuse};
use super::{finished, policy};
use crate::access::forbidden;
use crate::congresses::Congress;
use crate::congresses::access::text;
use crate::documents::Classification;
use crate::members::now_text;
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// A post filled from among a body's elected (R-RANK-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Post {
    /// Bí thư, from among the committee.
    Secretary,
    /// Chủ nhiệm Ủy ban Kiểm tra, from among the inspection commission.
    InspectionChair,
}

impl Post {
    pub const ALL: [Post; 2] = [Post::Secretary, Post::InspectionChair];

    pub fn code(self) -> &'static str {
        match self {
            Post::Secretary => "secretary",
            Post::InspectionChair => "inspection_chair",
        }
    }

    pub fn parse(code: &str) -> Option<Post> {
        Post::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The election that fills the post.
    pub fn body(self) -> Body {
        match self {
            Post::Secretary => Body::Secretary,
            Post::InspectionChair => Body::InspectionChair,
        }
    }

    /// The body the person must be elected to first.
    pub fn from_body(self) -> Body {
        match self {
            Post::Secretary => Body::Committee,
            Post::InspectionChair => Body::InspectionCommission,
        }
    }

    /// The post an election of `body` fills, if it is one of these.
    pub fn of(body: Body) -> Option<Post> {
        Post::ALL.into_iter().find(|p| p.body() == body)
    }
}

/// The higher committee's direction (C-PER-13).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Direction {
    pub approval: Approval,
    /// What it says.
    pub says: String,
    pub recorded_by: String,
}

/// The person planned for a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedLeader {
    pub post: Post,
    pub name: String,
    pub recorded: Stamp,
    pub direction: Option<Direction>,
}

/// Where a post's election stands under R-RANK-4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderStatus {
    pub planned: PlannedLeader,
    /// The count of the body they must come from is finished.
    pub known: bool,
    /// They are elected to it.
    pub elected: bool,
    /// Stopped: known, not elected, no direction yet.
    pub stopped: bool,
}

impl Elections<'_> {
    /// The posts planned for `congress`, with where each stands.
    pub async fn planned_leaders(&self, congress: &Congress) -> StoreResult<Vec<LeaderStatus>> {
        self.require(&congress.org, policy::may_read)?;
        let mut out = Vec::new();
        for post in Post::ALL {
            if let Some(s) = self.leader_status(congress, post).await? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// R-RANK-4: where `post`'s election of `congress` stands, if someone
    /// is planned for it. The body they come from is known once one of its
    /// elections' counts is finished; they are elected if any of those
    /// finished elects them (by name as on the list).
    pub(crate) async fn leader_status(&self, congress: &Congress, post: Post) -> StoreResult<Option<LeaderStatus>> {
        let row = sqlx::query(
            "SELECT name, recorded_by, recorded_at, directed_by, directed_on, direction_reference, direction, \
             direction_recorded_by FROM congress_planned_leader WHERE congress_id = $1 AND post = $2",
        )
        .bind(congress.id)
        .bind(post.code())
        .fetch_optional(&self.db.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let directed_by: Option<String> = row.try_get("directed_by")?;
        let direction = match directed_by {
            Some(by) => {
                let on: String = row.try_get("directed_on")?;
                Some(Direction {
                    approval: Approval {
                        approved_by: by,
                        on: from_iso(&on).ok_or_else(|| StoreError::corrupt(format!("bad date {on:?}")))?,
                        reference: row.try_get::<Option<String>, _>("direction_reference")?.unwrap_or_default(),
                    },
                    says: row.try_get::<Option<String>, _>("direction")?.unwrap_or_default(),
                    recorded_by: row.try_get::<Option<String>, _>("direction_recorded_by")?.unwrap_or_default(),
                })
            }
            None => None,
        };
        let planned = PlannedLeader {
            post,
            name: row.try_get("name")?,
            recorded: Stamp { by: row.try_get("recorded_by")?, at: row.try_get("recorded_at")? },
            direction,
        };
        let numbers: Vec<i64> =
            sqlx::query_scalar("SELECT number FROM election WHERE congress_id = $1 AND body = $2 ORDER BY number")
                .bind(congress.id)
                .bind(post.from_body().code())
                .fetch_all(&self.db.pool)
                .await?;
        let (mut known, mut elected) = (false, false);
        for n in numbers {
            let election = self.found(congress, super::super::number(n, "election")?).await?;
            let rounds = self.rounds(&election).await?;
            let decisions = self.decisions(&election).await?;
            let p = self.proceedings(&election, &rounds, &decisions).await?;
            if finished(p.as_ref()) {
                known = true;
                elected |= p.is_some_and(|p| p.elected().iter().any(|e| e.trim() == planned.name));
            }
        }
        let stopped = known && !elected && planned.direction.is_none();
        Ok(Some(LeaderStatus { planned, known, elected, stopped }))
    }

    /// R-RANK-4: refused while the election of `body` (a secretary's or an
    /// inspection chair's) of `congress` is stopped.
    pub(crate) async fn require_not_stopped(&self, congress: &Congress, body: Body) -> StoreResult<()> {
        let Some(post) = Post::of(body) else { return Ok(()) };
        match self.leader_status(congress, post).await? {
            Some(s) if s.stopped => Err(refuse(
                "R-RANK-4",
                format!(
                    "{} planned for {} is not elected to the {}: the election stops until the higher committee's \
                     direction is recorded",
                    s.planned.name,
                    post.code(),
                    post.from_body().code()
                ),
            )),
            _ => Ok(()),
        }
    }

    /// Records who is planned for `post` of `congress` (its office), or
    /// changes it while the count of the body they come from is not
    /// finished. `false`: the same name is recorded, nothing written.
    pub async fn plan_leader(&self, congress: &Congress, post: Post, name: &str, address: &str) -> StoreResult<bool> {
        self.require(&congress.org, election_policy::may_prepare)?;
        let name = text("name", name)?;
        if let Some(s) = self.leader_status(congress, post).await? {
            if s.planned.name == name {
                return Ok(false);
            }
            if s.known {
                return Err(refuse(
                    "R-RANK-4",
                    format!("the {} is counted: the plan for {} stays as it was", post.from_body().code(), post.code()),
                ));
            }
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query(
                "INSERT INTO congress_planned_leader (congress_id, post, name, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (congress_id, post) DO UPDATE SET name = excluded.name, \
                 recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
            )
            .bind(congress.id)
            .bind(post.code())
            .bind(name)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "congress_planned_leader",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!("{}: {name} (R-RANK-4)", post.code()),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(true)
        })
        .await
    }

    /// C-PER-13: records the higher committee's direction on a stopped
    /// election of `post` (the office above): the election may go on.
    /// Refused unless it is stopped; `false` when the same direction is
    /// recorded already.
    pub async fn direct_leader(
        &self,
        congress: &Congress,
        post: Post,
        approval: &Approval,
        says: &str,
        today: Date,
        address: &str,
    ) -> StoreResult<bool> {
        if !policy::may_approve(self.congresses().approves_for(&congress.org, today).await?) {
            return Err(forbidden(format!("organization {}", congress.org.code)));
        }
        let approved_by = text("approved_by", &approval.approved_by)?;
        let reference = text("reference", &approval.reference)?;
        let says = text("direction", says)?;
        if approval.on > today {
            return Err(refuse("R-RANK-4", format!("a direction of {} is after today", iso(approval.on))));
        }
        let Some(status) = self.leader_status(congress, post).await? else {
            return Err(refuse("R-RANK-4", format!("nobody is planned for {}", post.code())));
        };
        if let Some(d) = &status.planned.direction {
            if d.approval.approved_by == approved_by && d.approval.reference == reference && d.says == says {
                return Ok(false);
            }
            return Err(refuse("R-RANK-4", "the higher committee's direction is recorded already"));
        }
        if !status.stopped {
            return Err(refuse(
                "R-RANK-4",
                format!("the election of the {} is not stopped: there is nothing to direct", post.code()),
            ));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query(
                "UPDATE congress_planned_leader SET directed_by = $1, directed_on = $2, direction_reference = $3, \
                 direction = $4, direction_recorded_by = $5 WHERE congress_id = $6 AND post = $7",
            )
            .bind(approved_by)
            .bind(iso(approval.on))
            .bind(reference)
            .bind(says)
            .bind(&by)
            .bind(congress.id)
            .bind(post.code())
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "congress_leader_direction",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!(
                    "{}: {approved_by}, {}, {reference}: {says} (R-RANK-4, C-PER-13)",
                    post.code(),
                    iso(approval.on)
                ),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(true)
        })
        .await
    }
}
