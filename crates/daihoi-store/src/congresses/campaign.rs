//! A subtree's campaign kept between visits of its dashboard, and brought
//! up to date by reading only what changed (issue 15 §3: a province's
//! 6,000 congresses answer in under 100 ms, also after a write).
//!
//! A campaign is made of the congresses' rows with their organizations, the
//! members of each grassroots congress on its planned opening (C-DEL-5) and
//! the round's settings. What is kept is the campaign with what it was made
//! from: the data generation, the tree's and the members' generations
//! (migration 0042) and each congress's version.
//!
//! - The data generation has not moved: the kept campaign is the answer.
//! - Otherwise (a plan, a gate, an answer, an account, a member, the tree):
//!   the versions tell which congresses changed, and only those rows are
//!   read again, with their member counts. The members changed: every
//!   count is read again, not the rows. The tree changed (paths, names,
//!   merges): every congress's organization and every count are read
//!   again, the rows kept; a congress that came into the subtree is read
//!   whole. The lines are then made again from these parts when any of
//!   them changed. Beyond [`MAX_REREAD`] rows, or a congress deleted, the
//!   campaign is read whole.
//!
//! What is kept is computed after its generations were read, so it is never
//! older than they say.

use std::collections::HashMap;
use std::sync::Arc;

use daihoi_congress::{CongressKind, CongressPlan, Membership, RoundSettings, kind_warning, propose_kind, warnings};
use time::Date;

use super::access::{CampaignLine, Congresses, KindCheck};
use super::{Congress, Round};
use crate::db::TreeGenerations;
use crate::orgs::OrgNode;
use crate::{Db, StoreResult};

/// Beyond this many changed congresses, the campaign is read again whole
/// (one query is cheaper than many).
const MAX_REREAD: usize = 64;

/// A campaign with what it was made from.
pub(crate) struct KeptCampaign {
    generations: TreeGenerations,
    /// Each congress of the round by id, with its version.
    versions: HashMap<i64, i64>,
    members: HashMap<i64, Membership>,
    settings: RoundSettings,
    /// The campaign's lines, every reader's (the facet filters them).
    lines: Arc<Vec<CampaignLine>>,
}

impl Congresses<'_> {
    /// The campaign of `round` in `root`'s subtree on `date`, for every
    /// reader: kept, brought up to date, or read whole.
    pub(super) async fn kept_campaign(
        &self,
        round: &Round,
        root: &OrgNode,
        date: Date,
    ) -> StoreResult<Arc<Vec<CampaignLine>>> {
        let key = format!("entry: campaign {:?}", (round.id, root.id, date));
        let generations = self.db.tree_generations().await?;
        let kept = self.db.kept.entry::<KeptCampaign>(&key);
        let next = match kept {
            Some(k) if k.generations.data == generations.data => return Ok(k.lines.clone()),
            Some(k) => match refreshed(self.db, &k, generations, round, root, date).await? {
                Some(next) => next,
                None => whole(self.db, generations, round, root, date).await?,
            },
            None => whole(self.db, generations, round, root, date).await?,
        };
        let lines = next.lines.clone();
        self.db.kept.put(key, Arc::new(next));
        Ok(lines)
    }
}

/// The campaign read whole.
async fn whole(
    db: &Db,
    generations: TreeGenerations,
    round: &Round,
    root: &OrgNode,
    date: Date,
) -> StoreResult<KeptCampaign> {
    let (settings, versions, congresses, members) = tokio::try_join!(
        db.round_settings(round),
        db.congress_versions(round),
        db.congresses_in(round, root, date),
        db.grassroots_members(round, root, date, 0),
    )?;
    let lines = Arc::new(lines(congresses, &members, &settings));
    Ok(KeptCampaign { generations, versions, members, settings, lines })
}

/// `kept` brought up to date: the congresses whose version moved are read
/// again (with their member counts); when the members changed, every
/// count; when the tree changed, every congress's organization (its row
/// kept) and every count. `None` when too much changed.
async fn refreshed(
    db: &Db,
    kept: &KeptCampaign,
    generations: TreeGenerations,
    round: &Round,
    root: &OrgNode,
    date: Date,
) -> StoreResult<Option<KeptCampaign>> {
    let tree_moved = generations.tree != kept.generations.tree;
    let members_moved = tree_moved || generations.members != kept.generations.members;
    let (settings, versions) = tokio::try_join!(db.round_settings(round), db.congress_versions(round))?;
    let mut changed: Vec<i64> =
        versions.iter().filter(|(id, v)| kept.versions.get(id) != Some(v)).map(|(id, _)| *id).collect();
    let removed = kept.versions.keys().any(|id| !versions.contains_key(id));
    if removed || changed.len() > MAX_REREAD {
        return Ok(None);
    }
    if changed.is_empty() && !members_moved && settings == kept.settings {
        let (members, lines) = (kept.members.clone(), kept.lines.clone());
        return Ok(Some(KeptCampaign { generations, versions, members, settings, lines }));
    }
    let (orgs, counts) = tokio::try_join!(
        async {
            match tree_moved {
                true => db.congress_orgs(round, root, date).await.map(Some),
                false => Ok(None),
            }
        },
        async {
            match members_moved {
                true => db.grassroots_members(round, root, date, 0).await.map(Some),
                false => Ok(None),
            }
        },
    )?;
    let mut congresses: Vec<Congress> = match orgs {
        // The tree changed: each congress with its organization as it is
        // now, in the new path order; one that came into the subtree is
        // read whole.
        Some(orgs) => {
            let by_id: HashMap<i64, &Congress> = kept.lines.iter().map(|l| (l.congress.id, &l.congress)).collect();
            let mut moved = Vec::new();
            let congresses = orgs
                .into_iter()
                .filter_map(|(id, org)| match by_id.get(&id) {
                    Some(c) => {
                        let mut c = (*c).clone();
                        c.plan.organization = org.code.to_string();
                        c.org = org;
                        Some(c)
                    }
                    None => {
                        moved.push(id);
                        None
                    }
                })
                .collect();
            for id in moved {
                if !changed.contains(&id) {
                    changed.push(id);
                }
            }
            if changed.len() > MAX_REREAD {
                return Ok(None);
            }
            congresses
        }
        None => kept.lines.iter().map(|l| l.congress.clone()).collect(),
    };
    let mut members = counts.unwrap_or_else(|| kept.members.clone());
    for id in &changed {
        congresses.retain(|c| c.id != *id);
        if !members_moved {
            members.remove(id);
        }
        let Some(congress) = db.congress_in(round, root, date, *id).await? else { continue };
        if !members_moved {
            members.extend(db.grassroots_members(round, root, date, *id).await?);
        }
        // In path order, as the whole read gives them.
        let at = congresses.partition_point(|c| c.org.path.as_str() < congress.org.path.as_str());
        congresses.insert(at, congress);
    }
    let lines = Arc::new(lines(congresses, &members, &settings));
    Ok(Some(KeptCampaign { generations, versions, members, settings, lines }))
}

/// The campaign's lines from its parts: each congress, in path order, with
/// the congress above it and its warnings (C-PLAN-1, C-PLAN-5, C-DEL-5).
fn lines(all: Vec<Congress>, members: &HashMap<i64, Membership>, settings: &RoundSettings) -> Vec<CampaignLine> {
    let threshold = settings.delegate_congress_threshold.value;
    // The nearest congress above each one, by the paths (in path order,
    // a stack of the congresses above the current one).
    let mut higher: Vec<Option<usize>> = Vec::with_capacity(all.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, c) in all.iter().enumerate() {
        while let Some(&top) = stack.last() {
            if all[top].org.path.contains(&c.org.path) && all[top].org.id != c.org.id {
                break;
            }
            stack.pop();
        }
        higher.push(stack.last().copied());
        stack.push(i);
    }
    let mut lower: Vec<Vec<CongressPlan>> = vec![Vec::new(); all.len()];
    for (i, h) in higher.iter().enumerate() {
        if let Some(h) = h {
            lower[*h].push(all[i].plan.clone());
        }
    }
    let ids: Vec<i64> = all.iter().map(|c| c.id).collect();
    all.into_iter()
        .enumerate()
        .map(|(i, c)| {
            let counted = members.get(&c.id).copied().unwrap_or_default();
            // The higher committee's agreement to a delegate congress
            // under the threshold is its decision, when it decided so.
            let decision = c.kind_decision.as_ref();
            let agreed = decision.filter(|d| d.kind == CongressKind::DelegateCongress).map(|d| &d.approval);
            let proposal = propose_kind(c.plan.level, counted, agreed, settings);
            let decided = decision.is_some_and(|d| d.kind == c.plan.kind);
            let mut warned = warnings(&c.plan, &lower[i], settings);
            warned.extend(kind_warning(c.plan.kind, decided, &proposal, threshold));
            CampaignLine {
                warnings: warned,
                higher: higher[i].map(|h| ids[h]),
                congress: c,
                kind: KindCheck { proposal, threshold },
            }
        })
        .collect()
}
