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
    AbsenceReason, Approval, CongressKind, Contents, Gate, GateRecord, Length, LevelClass, Membership, Position,
    RoundSettings, Schedule, Seat, SeatMode, SeatRow, SeatSource, SeatTable, propose_kind,
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
        let mut agreed: Option<(OrgNode, String, Date)> = None;
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
                    let opening = date!(2025 - 04 - 14) + Duration::days((n % 45) as i64);
                    // C-DEL-5: the members on the planned opening, in the
                    // organization as it was then (the 1 July 2025
                    // reorganization moved many since).
                    let then = self.org_by_code(&org.code, opening).await?.unwrap_or_else(|| org.clone());
                    let count = self.base_count(&then, opening).await?;
                    let members = Membership {
                        official: u32::try_from(count.convened).unwrap_or(u32::MAX),
                        probationary: u32::try_from(count.probationary).unwrap_or(u32::MAX),
                    };
                    // The decided kind, as the office entered it: the
                    // proposal when it needs no answer, else by the
                    // official members (the demo's decision).
                    let mut kind = propose_kind(level, members, None, &settings).map_or(
                        if members.official >= 200 {
                            CongressKind::DelegateCongress
                        } else {
                            CongressKind::MemberCongress
                        },
                        |p| p.kind,
                    );
                    // C-DEL-5: the first large unit under the threshold holds
                    // a delegate congress with its higher committee's
                    // agreement, decided two months before.
                    if agreed.is_none() && (120..200).contains(&members.official) {
                        kind = CongressKind::DelegateCongress;
                        agreed = Some((org.clone(), higher.clone(), opening.saturating_sub(Duration::days(60))));
                    }
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
        if let Some((org, higher, on)) = agreed
            && let Some(congress) = self.congress_of(&round, &org, CAMPAIGN_TREE).await?
        {
            let approval = Approval { approved_by: higher, on, reference: "Quyết định 57-QĐ".to_owned() };
            facet.decide_kind(&congress, CongressKind::DelegateCongress, &approval, today, "demo").await?;
        }
        tracing::debug!(cells, communes, created, "demo congresses");
        Ok(created)
    }
}

/// A demo committee's term: its first day, its last (excluded) if it
/// ended, and the positions from the secretary down, each the number of
/// people who hold it.
struct DemoTerm {
    from: Date,
    to: Option<Date>,
    reference: &'static str,
    positions: &'static [(Position, usize)],
}

/// The province's committees: the 2020–2025 term and the one elected by the
/// 16th congress.
const PROVINCE_TERMS: [DemoTerm; 2] = [
    DemoTerm {
        from: date!(2020 - 10 - 17),
        to: Some(date!(2025 - 09 - 26)),
        reference: "Quyết định chuẩn y 1450-QĐ/TW",
        positions: &[
            (Position::Secretary, 1),
            (Position::DeputySecretary, 2),
            (Position::StandingMember, 5),
            (Position::Member, 8),
            (Position::AlternateMember, 1),
            (Position::InspectionChair, 1),
            (Position::InspectionMember, 2),
        ],
    },
    DemoTerm {
        from: date!(2025 - 09 - 26),
        to: None,
        reference: "Quyết định chuẩn y 2210-QĐ/TW",
        positions: &[
            (Position::Secretary, 1),
            (Position::DeputySecretary, 2),
            (Position::StandingMember, 6),
            (Position::Member, 9),
            (Position::InspectionChair, 1),
            (Position::InspectionMember, 2),
        ],
    },
];

/// Quảng Tân's committees: 2020–2025 and the one its model congress of May
/// 2025 elected.
const COMMUNE_TERMS: [DemoTerm; 2] = [
    DemoTerm {
        from: date!(2020 - 07 - 10),
        to: Some(date!(2025 - 05 - 21)),
        reference: "Quyết định chuẩn y 312-QĐ/HU",
        positions: &[
            (Position::Secretary, 1),
            (Position::DeputySecretary, 1),
            (Position::StandingMember, 1),
            (Position::Member, 4),
            (Position::InspectionChair, 1),
        ],
    },
    DemoTerm {
        from: date!(2025 - 05 - 21),
        to: None,
        reference: "Quyết định chuẩn y 645-QĐ/HU",
        positions: &[
            (Position::Secretary, 1),
            (Position::DeputySecretary, 1),
            (Position::StandingMember, 1),
            (Position::Member, 5),
            (Position::InspectionChair, 1),
        ],
    },
];

impl Db {
    /// The committees of the province and of Quảng Tân over two terms, as
    /// the operator records them (elections whose results were approved,
    /// an appointment): Vũ Đại Thắng, who came to the province during the
    /// first term, was appointed its secretary then and elected in 2025; a
    /// member of the
    /// province's first term retired on 01/07/2025, before the 16th
    /// congress opened (C-DEL-9); about two in three of each term sit
    /// again in the next. Does nothing when the province's committee is
    /// there already. Returns how many seats were recorded.
    pub async fn load_demo_committees(&self, today: Date) -> StoreResult<usize> {
        let mut recorded = 0;
        for (code, terms) in [("QN", &PROVINCE_TERMS), ("QN.DH.QT", &COMMUNE_TERMS)] {
            let code = daihoi_core::OrgCode::parse(code).map_err(|e| StoreError::corrupt(e.to_string()))?;
            let Some(org) = self.org_by_code(&code, terms[0].from).await? else { continue };
            if !self.committee_seats(org.id).await?.is_empty() {
                continue;
            }
            // The people who can sit on it: members of the subtree on both
            // terms' first days, by id; the province's secretary first.
            let (first, second) = (terms[0].from, terms[1].from);
            let later: std::collections::HashSet<i64> =
                self.members_with_cells(&org, second).await?.into_iter().map(|(p, _)| p).collect();
            let mut people: Vec<i64> = self
                .members_with_cells(&org, first)
                .await?
                .into_iter()
                .map(|(p, _)| p)
                .filter(|p| later.contains(p))
                .collect();
            people.dedup();
            // Vũ Đại Thắng came to the province during the first term: the
            // Politburo appointed him its secretary on the day he joined,
            // after the secretary elected in 2020 was transferred.
            let thang: Option<i64> = if code.as_str() == "QN" {
                sqlx::query_scalar("SELECT id FROM person WHERE full_name = $1 ORDER BY id LIMIT 1")
                    .bind("Vũ Đại Thắng")
                    .fetch_optional(&self.pool)
                    .await?
            } else {
                None
            };
            people.retain(|p| Some(*p) != thang);
            let arrived: Option<Date> = match thang {
                Some(id) => {
                    sqlx::query_scalar::<_, String>("SELECT MIN(valid_from) FROM membership WHERE person_id = $1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?
                        .and_then(|d| daihoi_core::date::from_iso(&d))
                }
                None => None,
            };
            let facet = self.operator().congresses();
            let seat_of = async |person: i64, position: Position, from: Date, source: SeatSource, reference: &str| {
                let card: String = sqlx::query_scalar("SELECT card_number FROM person WHERE id = $1")
                    .bind(person)
                    .fetch_one(&self.pool)
                    .await?;
                let card =
                    daihoi_core::members::CardNumber::parse(&card).map_err(|e| StoreError::corrupt(e.to_string()))?;
                facet
                    .record_seat(
                        &org,
                        &super::committees::NewSeat { card: &card, position, from, source, reference },
                        today,
                        "demo",
                    )
                    .await
            };
            for (t, term) in terms.iter().enumerate() {
                // The second term keeps two in three of the first and takes
                // newcomers from further on.
                let mut pool: Vec<i64> = if t == 0 {
                    people.clone()
                } else {
                    people.iter().enumerate().filter(|(i, _)| i % 3 != 2).map(|(_, p)| *p).collect()
                };
                if t == 1 {
                    pool.extend(people.iter().skip(40).copied());
                }
                let mut next = pool.into_iter();
                for &(position, count) in term.positions {
                    for k in 0..count {
                        let secretary_now = position == Position::Secretary && t == 1 && thang.is_some();
                        let Some(person) = (if secretary_now { thang } else { next.next() }) else { break };
                        let seat = seat_of(person, position, term.from, SeatSource::Election, term.reference).await?;
                        recorded += 1;
                        let Some(to) = term.to else { continue };
                        // The province's last ordinary member of the first
                        // term retired before the 16th congress opened; its
                        // first secretary was transferred when Vũ Đại Thắng
                        // came.
                        let retired = code.as_str() == "QN" && position == Position::Member && k + 1 == count;
                        let transferred = position == Position::Secretary && arrived.is_some_and(|a| a > term.from);
                        let (on, reason) = match (retired, transferred, arrived) {
                            (true, _, _) => (date!(2025 - 07 - 01), "Nghỉ hưu theo chế độ"),
                            (_, true, Some(a)) => (a, "Chuyển công tác"),
                            _ => (to, "Hết nhiệm kỳ"),
                        };
                        facet.end_seat(&org, seat.id, on, reason, today, "demo").await?;
                        if let (true, Some(id), Some(a)) = (transferred, thang, arrived) {
                            let appointed = seat_of(
                                id,
                                Position::Secretary,
                                a,
                                SeatSource::Appointment,
                                "Quyết định của Bộ Chính trị",
                            )
                            .await?;
                            recorded += 1;
                            facet.end_seat(&org, appointed.id, to, "Hết nhiệm kỳ", today, "demo").await?;
                        }
                    }
                }
            }
        }
        Ok(recorded)
    }
}

/// What the demo records of Quảng Tân's model congress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoRoll {
    /// Seats the commune's committee allocated (C-DEL-1).
    pub seats: u32,
    /// People on the roll: ex officio, elected, alternates.
    pub delegates: usize,
    /// Check-ins recorded over the sessions.
    pub check_ins: usize,
}

impl Db {
    /// Quảng Tân's model congress (opening 20/05/2025, C-PLAN-1) as its
    /// office ran it, as the operator: the seats its committee allocated
    /// to its cells (one delegate for every three official members of a
    /// cell, the committee ex officio; C-DEL-1, -2, -7), the delegates each
    /// cell elected with two alternates (C-DEL-10), the two sessions, and
    /// the check-ins: every delegate present but one absent from both
    /// sessions with an accepted reason and one who came to the second
    /// only (R-BASE-2). Does nothing without the demo's congress or when
    /// its allocation is there already.
    pub async fn load_demo_roll(&self, today: Date) -> StoreResult<DemoRoll> {
        let facet = self.operator().congresses();
        let Some(round) = facet.round(DEMO_ROUND).await? else { return Ok(DemoRoll::default()) };
        let opening = date!(2025 - 05 - 20);
        let code = daihoi_core::OrgCode::parse("QN.DH.QT").map_err(|e| StoreError::corrupt(e.to_string()))?;
        let Some(org) = self.org_by_code(&code, opening).await? else { return Ok(DemoRoll::default()) };
        let Some(congress) = facet.congress(&round, &org, opening).await? else { return Ok(DemoRoll::default()) };
        if facet.allocation(&round, &congress).await?.is_some() {
            return Ok(DemoRoll::default());
        }
        let committee = facet.convening_committee(&org, opening).await?;
        let on_committee: std::collections::HashSet<&str> = committee.iter().map(|m| m.person.as_str()).collect();
        let members = self
            .members_in(&org, opening, &crate::members::MemberQuery { search: None, offset: 0, limit: 100_000 })
            .await?
            .items;
        // Each cell's official members with no condition, in card order.
        let mut by_cell: std::collections::BTreeMap<String, Vec<&crate::members::MemberListItem>> =
            std::collections::BTreeMap::new();
        for m in &members {
            if m.standing == daihoi_core::MemberStanding::Official && m.conditions.is_empty() {
                by_cell.entry(m.org_code.clone()).or_default().push(m);
            }
        }
        let ex_officio = u32::try_from(committee.len()).unwrap_or(u32::MAX);
        let mut rows = vec![SeatRow {
            organization: org.code.to_string(),
            seats: ex_officio,
            mode: SeatMode::ExOfficio,
            decision: None,
        }];
        let mut elected = Vec::new();
        let mut others = Vec::new();
        for (cell, people) in &by_cell {
            let seats = (people.len() / 3).max(1);
            let free: Vec<_> = people.iter().filter(|m| !on_committee.contains(m.card_number.as_str())).collect();
            let seats = seats.min(free.len());
            if seats == 0 {
                continue;
            }
            rows.push(SeatRow {
                organization: cell.clone(),
                seats: u32::try_from(seats).unwrap_or(u32::MAX),
                mode: SeatMode::Elected,
                decision: None,
            });
            elected.extend(free.iter().take(seats).map(|m| (cell.clone(), m.card_number.clone())));
            others.extend(free.iter().skip(seats).map(|m| m.card_number.clone()));
        }
        let total = rows.iter().map(|r| r.seats).sum();
        let table = SeatTable { total, decision: "Nghị quyết 12-NQ/ĐU phân bổ đại biểu".into(), rows };
        facet.decide_allocation(&round, &congress, &table, date!(2025 - 03 - 10), today, "demo").await?;
        let card = |c: &str| {
            daihoi_core::members::CardNumber::parse(c).map_err(|e| StoreError::corrupt(format!("card {c}: {e}")))
        };
        for (cell, c) in &elected {
            let new = super::roll::NewDelegate { card: &card(c)?, seat: Seat::Elected { by: cell.clone() } };
            facet.add_delegate(&congress, &new, "demo").await?;
        }
        for (rank, c) in others.iter().take(2).enumerate() {
            let new = super::roll::NewDelegate {
                card: &card(c)?,
                seat: Seat::Alternate { rank: u32::try_from(rank).unwrap_or(0) + 1 },
            };
            facet.add_delegate(&congress, &new, "demo").await?;
        }
        let first = facet.open_session(&congress, "Phiên trù bị", opening, "demo").await?;
        let second = facet.open_session(&congress, "Phiên chính thức", opening, "demo").await?;
        // Everyone convened: the committee, then the elected.
        let convened: Vec<String> =
            committee.iter().map(|m| m.person.clone()).chain(elected.iter().map(|(_, c)| c.clone())).collect();
        let absent = convened.last().cloned();
        let late = convened.len().checked_sub(2).and_then(|i| convened.get(i)).cloned();
        let mut check_ins = 0;
        for c in &convened {
            let cn = card(c)?;
            if Some(c) == absent.as_ref() {
                for s in [first, second] {
                    let reason = AbsenceReason { reason: "Ốm, có đơn xin vắng".into(), accepted: true };
                    facet.record_absence(&round, &congress, s, &cn, &reason, "demo").await?;
                }
                continue;
            }
            for s in [first, second] {
                if s == first && Some(c) == late.as_ref() {
                    continue;
                }
                facet.check_in(&round, &congress, s, &cn, "demo").await?;
                check_ins += 1;
            }
        }
        Ok(DemoRoll { seats: total, delegates: elected.len() + committee.len() + others.len().min(2), check_ins })
    }
}

impl Db {
    /// The 16th provincial congress's allocation as Quảng Ninh's committee
    /// decided it on 15/07/2025, after the reform (C-DEL-1, -2, -7, -8):
    /// the provincial committee ex officio; for each organization directly
    /// under the province on that day, one seat and one more for every
    /// `per` official members (W-C2's shape), `per` chosen for about 350
    /// delegates (C-DEL-4's 2020 range for a province: a warning only);
    /// designated, with the decision, where the organization held a
    /// two-content congress (C-DEL-8). Does nothing without the demo's
    /// provincial congress or when its allocation is there. The seats.
    pub async fn load_demo_province_allocation(&self, today: Date) -> StoreResult<u32> {
        const DELEGATES: usize = 350;
        let facet = self.operator().congresses();
        let Some(round) = facet.round(DEMO_ROUND).await? else { return Ok(0) };
        let decided_on = date!(2025 - 07 - 15);
        let code = daihoi_core::OrgCode::parse("QN").map_err(|e| StoreError::corrupt(e.to_string()))?;
        let Some(org) = self.org_by_code(&code, decided_on).await? else { return Ok(0) };
        let Some(congress) = facet.congress(&round, &org, decided_on).await? else { return Ok(0) };
        if facet.allocation(&round, &congress).await?.is_some() {
            return Ok(0);
        }
        let committee = facet.convening_committee(&org, decided_on).await?;
        let children: Vec<OrgNode> =
            self.subtree(&org, decided_on).await?.into_iter().filter(|n| n.parent_id == Some(org.id)).collect();
        let two_contents: std::collections::HashSet<i64> = self
            .congresses_in(&round, &org, decided_on)
            .await?
            .into_iter()
            .filter(|c| c.plan.contents == Contents::TwoContents)
            .map(|c| c.org.id)
            .collect();
        let mut members = Vec::with_capacity(children.len());
        for child in &children {
            members.push(self.base_count(child, decided_on).await?.convened as usize);
        }
        let to_share = DELEGATES.saturating_sub(committee.len()).saturating_sub(children.len()).max(1);
        let per = members.iter().sum::<usize>().div_ceil(to_share).max(1);
        let mut rows = vec![SeatRow {
            organization: org.code.to_string(),
            seats: u32::try_from(committee.len()).unwrap_or(u32::MAX),
            mode: SeatMode::ExOfficio,
            decision: None,
        }];
        rows.retain(|r| r.seats > 0);
        for (child, members) in children.iter().zip(&members) {
            let designated = two_contents.contains(&child.id);
            rows.push(SeatRow {
                organization: child.code.to_string(),
                seats: u32::try_from(1 + members / per).unwrap_or(u32::MAX),
                mode: if designated { SeatMode::Designated } else { SeatMode::Elected },
                decision: designated.then(|| "Quyết định 1268-QĐ/TU chỉ định đại biểu".to_owned()),
            });
        }
        let total = rows.iter().map(|r| r.seats).sum();
        let table = SeatTable { total, decision: "Nghị quyết 45-NQ/TU phân bổ đại biểu".into(), rows };
        facet.decide_allocation(&round, &congress, &table, decided_on, today, "demo").await?;
        Ok(total)
    }
}
