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
//! - The tree changed (paths, names, merges): everything is read again.
//! - Otherwise (a plan, a gate, an answer, an account, a member): the
//!   versions tell which congresses changed, and only those are read again,
//!   with their member counts; the members changed: every count is read
//!   again, not the rows. The lines are then made again from these parts
//!   when any of them changed.
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
            Some(k) if k.generations.tree == generations.tree => {
                match refreshed(self.db, &k, generations, round, root, date).await? {
                    Some(next) => next,
                    None => whole(self.db, generations, round, root, date).await?,
                }
            }
            _ => whole(self.db, generations, round, root, date).await?,
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

/// `kept` brought up to date with the tree unchanged: only the congresses
/// whose version moved are read again (with their member counts), every
/// count when the members changed; `None` when too much changed.
async fn refreshed(
    db: &Db,
    kept: &KeptCampaign,
    generations: TreeGenerations,
    round: &Round,
    root: &OrgNode,
    date: Date,
) -> StoreResult<Option<KeptCampaign>> {
    let (settings, versions) = tokio::try_join!(db.round_settings(round), db.congress_versions(round))?;
    let changed: Vec<i64> =
        versions.iter().filter(|(id, v)| kept.versions.get(id) != Some(v)).map(|(id, _)| *id).collect();
    let removed = kept.versions.keys().any(|id| !versions.contains_key(id));
    if removed || changed.len() > MAX_REREAD {
        return Ok(None);
    }
    let members_moved = generations.members != kept.generations.members;
    if changed.is_empty() && !members_moved && settings == kept.settings {
        let (members, lines) = (kept.members.clone(), kept.lines.clone());
        return Ok(Some(KeptCampaign { generations, versions, members, settings, lines }));
    }
    let mut congresses: Vec<Congress> = kept.lines.iter().map(|l| l.congress.clone()).collect();
    let mut members =
        if members_moved { db.grassroots_members(round, root, date, 0).await? } else { kept.members.clone() };
    for id in &changed {
        congresses.retain(|c| c.id != *id);
        members.remove(id);
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
