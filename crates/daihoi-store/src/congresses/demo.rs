//! The demo's round of congresses (issue 15 §9): the 2025–2030 term of
//! Quảng Ninh as Plan 439-KH/TU organised it, entered as the offices would
//! have: the cells' congresses first (by 31/3/2025, a model cell in
//! January), the communes' in June before the 1 July 2025 reform, the
//! merged communes' as two-content congresses in August (C-PLAN-3), the
//! grassroots units' in their window, and the 16th provincial congress in
//! September. Gates are recorded as passed, with references; a few
//! congresses are left as the data of a real campaign leaves them: one
//! commune after its window with the province's approval, one without, and
//! some cells whose office never recorded the congress held.
//!
//! The [open] questions of the round are left unanswered: a person answers
//! them on the round's page.

use daihoi_congress::{
    Approval, CongressKind, Contents, Gate, GateRecord, Length, LevelClass, Membership, RoundSettings, Schedule,
    propose_kind,
};
use time::macros::date;
use time::{Date, Duration};

use super::access::PlanImport;
use super::{NewPlan, RoundTemplate};
use crate::orgs::OrgNode;
use crate::{Db, StoreError, StoreResult};

/// The demo round's code.
pub const DEMO_ROUND: &str = "2025-2030";

/// The day the tree is read for the campaign: after the 2025 reform, as
/// the campaign's page shows it.
const CAMPAIGN_TREE: Date = date!(2025 - 10 - 01);

/// "Đảng bộ xã Quảng Tân" → "Ban Thường vụ Đảng ủy xã Quảng Tân": who
/// approves for the organizations under it.
fn standing_committee(parent: &OrgNode) -> String {
    let body =
        parent.name.strip_prefix("Đảng bộ ").map_or_else(|| parent.name.clone(), |rest| format!("Đảng ủy {rest}"));
    format!("Ban Thường vụ {body}")
}

fn gate(gate: Gate, by: &str, on: Date, reference: String) -> GateRecord {
    GateRecord { gate, approved_by: by.to_owned(), on, reference }
}

/// The five gates of a full congress opening on `opening`, approved by
/// `higher` (its own office records it held), or the three of a
/// two-content one.
fn gates(contents: Contents, higher: &str, own: &str, opening: Date, held: bool, n: usize) -> Vec<GateRecord> {
    let days = |d: i64| opening.saturating_sub(Duration::days(d));
    let mut out = vec![
        gate(Gate::PlanApproved, higher, days(45), format!("Quyết định {}-QĐ", 100 + n % 800)),
        gate(Gate::DraftsCommented, higher, days(20), format!("Công văn {}-CV", 200 + n % 700)),
    ];
    if contents == Contents::Full {
        out.push(gate(Gate::PersonnelPlanApproved, higher, days(15), format!("Quyết định {}-QĐ", 300 + n % 600)));
    }
    if held {
        out.push(gate(Gate::Held, own, opening, "Biên bản đại hội".to_owned()));
        if contents == Contents::Full {
            out.push(gate(
                Gate::ResultsApproved,
                higher,
                opening.saturating_add(Duration::days(10)),
                format!("Quyết định chuẩn y {}-QĐ", 400 + n % 500),
            ));
        }
    }
    out
}

impl Db {
    /// Opens the demo round (2025–2030) and enters the campaign of the
    /// demo province, as the operator, in one audited write. Needs the demo
    /// tree; does nothing when the round is there already. Returns how many
    /// congresses were entered.
    pub async fn load_demo_congresses(&self, today: Date) -> StoreResult<usize> {
        let facet = self.operator().congresses();
        if facet.round(DEMO_ROUND).await?.is_some() {
            return Ok(0);
        }
        let province = daihoi_core::OrgCode::parse("QN").map_err(|e| StoreError::corrupt(e.to_string()))?;
        let Some(qn) = self.org_by_code(&province, CAMPAIGN_TREE).await? else { return Ok(0) };
        let round = facet
            .create_round(
                DEMO_ROUND,
                "Đại hội Đảng bộ các cấp nhiệm kỳ 2025–2030 (Kế hoạch 439-KH/TU)",
                RoundTemplate::Term2025To2030,
                today,
                "demo",
            )
            .await?;
        let settings = RoundSettings::term_2025_2030();
        let merged: std::collections::HashSet<i64> =
            sqlx::query_scalar::<_, i64>("SELECT DISTINCT merged_into FROM organization WHERE merged_into IS NOT NULL")
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .collect();
        let tree = self.subtree(&qn, CAMPAIGN_TREE).await?;
        let by_id: std::collections::HashMap<i64, &OrgNode> = tree.iter().map(|n| (n.id, n)).collect();
        let mut rows = Vec::new();
        let (mut cells, mut communes, mut full) = (0usize, 0usize, 0usize);
        for (n, org) in tree.iter().enumerate() {
            let Some(level) = LevelClass::default_for(org.kind) else { continue };
            let parent = org.parent_id.and_then(|p| by_id.get(&p).copied());
            let higher = parent.map_or_else(|| "Bộ Chính trị".to_owned(), standing_committee);
            let own = format!("Đoàn Chủ tịch đại hội {}", org.name.trim_start_matches("Đảng bộ "));
            let (contents, kind, opening, length, model, approval) = match level {
                LevelClass::Cell => {
                    cells += 1;
                    let model = org.code.as_str() == "QN.DH.QT.CB01";
                    let opening = if model {
                        date!(2025 - 01 - 15)
                    } else {
                        date!(2025 - 02 - 10) + Duration::days((n % 40) as i64)
                    };
                    (Contents::Full, CongressKind::MemberCongress, opening, Length::half_days(1), model, None)
                }
                LevelClass::Commune => {
                    communes += 1;
                    let model = org.code.as_str() == "QN.DH.QT";
                    if merged.contains(&org.id) {
                        // C-PLAN-3: merged on 1 July 2025, a two-content congress.
                        let opening = date!(2025 - 08 - 04) + Duration::days((n % 20) as i64);
                        (Contents::TwoContents, CongressKind::DelegateCongress, opening, Length::days(1), model, None)
                    } else {
                        full += 1;
                        let opening = if model {
                            date!(2025 - 05 - 20)
                        } else if full == 3 {
                            // After the window, with the province's approval.
                            date!(2025 - 09 - 05)
                        } else if full == 5 {
                            // After the window, nobody approved it yet.
                            date!(2025 - 09 - 08)
                        } else {
                            date!(2025 - 06 - 09) + Duration::days((n % 18) as i64)
                        };
                        let approval = (full == 3).then(|| Approval {
                            approved_by: "Ban Thường vụ Tỉnh ủy".to_owned(),
                            on: date!(2025 - 08 - 20),
                            reference: "Công văn 1520-CV/TU".to_owned(),
                        });
                        (Contents::Full, CongressKind::DelegateCongress, opening, Length::days(2), model, approval)
                    }
                }
                LevelClass::UnderCentre => {
                    // The 16th provincial congress.
                    (
                        Contents::Full,
                        CongressKind::DelegateCongress,
                        date!(2025 - 09 - 24),
                        Length::days(3),
                        false,
                        None,
                    )
                }
                LevelClass::Grassroots => {
                    let count = self.base_count(org, date!(2025 - 06 - 01)).await?;
                    let members = Membership {
                        official: u32::try_from(count.convened).unwrap_or(u32::MAX),
                        probationary: u32::try_from(count.probationary).unwrap_or(u32::MAX),
                    };
                    // The decided kind, as the office entered it: the
                    // proposal when it needs no answer, else by the
                    // official members (the demo's decision).
                    let kind = propose_kind(level, members, None, &settings).map_or(
                        if members.official >= 200 {
                            CongressKind::DelegateCongress
                        } else {
                            CongressKind::MemberCongress
                        },
                        |p| p.kind,
                    );
                    let opening = date!(2025 - 04 - 14) + Duration::days((n % 45) as i64);
                    (Contents::Full, kind, opening, Length::days(1), false, None)
                }
                LevelClass::AboveGrassroots | LevelClass::National => continue,
            };
            // Some cells' offices never recorded their congress held.
            let held = !(level == LevelClass::Cell && n % 97 == 5) && opening <= today;
            rows.push(PlanImport {
                org: org.clone(),
                plan: NewPlan {
                    level,
                    kind,
                    contents,
                    model,
                    planned: Schedule { opening, length },
                    actual: held.then_some(Schedule { opening, length }),
                },
                date_approval: approval,
                gates: gates(contents, &higher, &own, opening, held, n),
            });
        }
        let created = facet.import_plans(&round, &rows, today, "demo").await?;
        tracing::debug!(cells, communes, created, "demo congresses");
        Ok(created)
    }
}
