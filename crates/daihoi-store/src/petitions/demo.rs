//! The demo's petitions (issue 18 §7): cases of every kind received in
//! Quảng Ninh around the 2025 congresses, as the offices would have entered
//! them through the facet: complaints, denunciations (one about a member
//! of Quảng Tân's committee standing again, P-8; its denouncer kept apart,
//! P-7), petitions and reflections, a Party-discipline complaint, an
//! anonymous letter only logged and one with evidence handled (P-6), a
//! denunciation sent to the competent body (P-5). Some were settled on
//! time, one late, some are still open past their due date; the clocks
//! without a shipped row (petitions, Party-discipline complaints) await a
//! person's row, as the [open] amended rows from 1 July 2026 do.
//!
//! The reception calendars (P-9) of the province and its communes, with
//! the reception cases brought to their sessions.
//!
//! The calendars of 2025 and 2026 are confirmed by the demo's
//! administrator, as a deployment's administrator would on the
//! Government's announcement.

use daihoi_core::OrgCode;
use daihoi_core::members::CardNumber;
use daihoi_petitions::{Area, CaseKind, Channel, Complexity, Instance};
use time::Date;
use time::macros::date;

use std::collections::HashMap;

use super::reception::DemoSession;
use super::{CaseStep, Identity, Matter, NewFiling, Received, SessionStatus, VisitOutcome};
use crate::documents::Classification;
use crate::members::MemberQuery;
use crate::{Db, StoreError, StoreResult};

/// What the demo's petitions hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoPetitions {
    pub cases: usize,
    pub logged: usize,
    /// Still open past a due date today.
    pub open: usize,
}

/// One case of the demo: where, what, and its events.
struct DemoCase {
    org: &'static str,
    kind: CaseKind,
    channel: Channel,
    received: Date,
    complexity: Complexity,
    summary: &'static str,
    classification: Classification,
    /// About the candidate (P-8).
    about_candidate: bool,
    identity: Option<(&'static str, &'static str, &'static str)>,
    evidence: bool,
    from_body: Option<&'static str>,
    steps: Vec<(Date, CaseStep)>,
}

fn settle(outcome: &str) -> CaseStep {
    CaseStep::Settle { outcome: outcome.to_owned() }
}

fn cases() -> Vec<DemoCase> {
    use CaseKind::*;
    use Channel::*;
    let plain = |org, kind, channel, received, summary| DemoCase {
        org,
        kind,
        channel,
        received,
        complexity: Complexity::Ordinary,
        summary,
        classification: Classification::Normal,
        about_candidate: false,
        identity: Some(("Phạm Văn Hùng", "Thôn Tân Hợp, xã Quảng Tân", "0203 888 111")),
        evidence: false,
        from_body: None,
        steps: Vec::new(),
    };
    vec![
        // Settled on time: a complaint about a land-use decision.
        DemoCase {
            steps: vec![
                (date!(2025 - 03 - 14), CaseStep::Accept),
                (date!(2025 - 04 - 08), settle("Quyết định giải quyết khiếu nại số 12/QĐ-UBND: giữ nguyên")),
            ],
            ..plain(
                "QN.DH.QT",
                Complaint,
                Reception,
                date!(2025 - 03 - 10),
                "Khiếu nại quyết định thu hồi đất làm đường liên thôn",
            )
        },
        // A denunciation sent to the competent body within 5 working days.
        DemoCase {
            identity: Some(("Trần Thị Lan", "Thôn Đồng Tâm, xã Quảng Tân", "")),
            steps: vec![(date!(2025 - 04 - 07), CaseStep::TransferOut { body: "Thanh tra tỉnh Quảng Ninh".into() })],
            ..plain(
                "QN.DH.QT",
                Denunciation,
                Letter,
                date!(2025 - 04 - 02),
                "Tố cáo sai phạm trong đấu thầu dự án nước sạch của huyện",
            )
        },
        // About a member of the commune's committee standing again (P-8),
        // settled after its due date.
        DemoCase {
            classification: Classification::Confidential,
            about_candidate: true,
            identity: Some(("Hoàng Văn Minh", "Thôn Tân Hợp, xã Quảng Tân", "0912 000 222")),
            steps: vec![
                (date!(2025 - 05 - 27), CaseStep::Accept),
                (date!(2025 - 05 - 29), CaseStep::Notify),
                (date!(2025 - 07 - 03), settle("Kết luận 07-KL/UBKT: tố cáo không đúng")),
            ],
            ..plain(
                "QN.DH.QT",
                Denunciation,
                Reception,
                date!(2025 - 05 - 20),
                "Tố cáo việc kê khai tài sản, thu nhập không trung thực",
            )
        },
        // An anonymous letter without evidence: logged only (P-6).
        DemoCase {
            identity: None,
            ..plain("QN.DH.QT", Denunciation, Letter, date!(2025 - 06 - 05), "Thư không ký tên phản ánh chung chung")
        },
        // About the candidate again, still open past its due date.
        DemoCase {
            classification: Classification::Confidential,
            about_candidate: true,
            identity: Some(("Vũ Thị Thu", "Thôn Đồng Tâm, xã Quảng Tân", "")),
            steps: vec![(date!(2025 - 07 - 25), CaseStep::Accept), (date!(2025 - 07 - 30), CaseStep::Notify)],
            ..plain(
                "QN.DH.QT",
                Denunciation,
                Letter,
                date!(2025 - 07 - 20),
                "Tố cáo việc sử dụng đất công vào mục đích riêng",
            )
        },
        // A petition: no shipped row, its clock awaits a person's.
        plain(
            "QN",
            Petition,
            Online,
            date!(2025 - 08 - 01),
            "Kiến nghị công khai dự thảo văn kiện đại hội trên cổng thông tin",
        ),
        // An anonymous letter with concrete evidence: handled (P-6).
        DemoCase {
            identity: None,
            evidence: true,
            steps: vec![(date!(2025 - 09 - 08), CaseStep::Accept)],
            ..plain(
                "QN",
                Denunciation,
                Letter,
                date!(2025 - 09 - 02),
                "Thư nặc danh kèm hóa đơn, chứng từ về chi tiêu hội nghị",
            )
        },
        // A complaint accepted, still open past its due date.
        DemoCase {
            complexity: Complexity::Complex,
            steps: vec![(date!(2025 - 10 - 16), CaseStep::Accept)],
            ..plain(
                "QN",
                Complaint,
                Transfer,
                date!(2025 - 10 - 06),
                "Khiếu nại về chế độ chính sách sau sắp xếp đơn vị hành chính",
            )
        },
        // A Party-discipline complaint: no shipped row either.
        plain(
            "QN",
            PartyDisciplineComplaint,
            Letter,
            date!(2025 - 11 - 12),
            "Khiếu nại quyết định kỷ luật khiển trách của Ủy ban Kiểm tra",
        ),
        // A reflection, answered.
        DemoCase {
            from_body: Some("Ủy ban Mặt trận Tổ quốc xã Quảng Tân"),
            ..plain(
                "QN.DH.QT",
                Reflection,
                Transfer,
                date!(2025 - 12 - 01),
                "Phản ánh việc chậm chi trả hỗ trợ sau bão số 3",
            )
        },
        // A complaint settled on time in the new year.
        DemoCase {
            steps: vec![
                (date!(2026 - 02 - 03), CaseStep::Accept),
                (date!(2026 - 02 - 27), settle("Quyết định giải quyết khiếu nại số 05/QĐ-UBND: chấp nhận một phần")),
            ],
            ..plain("QN.DH.QT", Complaint, Reception, date!(2026 - 01 - 26), "Khiếu nại việc xét hộ cận nghèo năm 2026")
        },
    ]
}

impl Db {
    /// Loads the demo's petitions (idempotent: nothing when a case is on
    /// record). `today`: the day the events are recorded on.
    pub async fn load_demo_petitions(&self, today: Date) -> StoreResult<DemoPetitions> {
        let any: Option<i64> =
            sqlx::query_scalar("SELECT id FROM petition_case LIMIT 1").fetch_optional(&self.pool).await?;
        if any.is_some() {
            return Ok(DemoPetitions::default());
        }
        let facet = self.operator().petitions();
        for (year, why) in [
            (2025, "Thông báo số 6150/TB-BNV về lịch nghỉ Tết, Quốc khánh năm 2025"),
            (2026, "Thông báo của Bộ Nội vụ về lịch nghỉ lễ, Tết năm 2026"),
        ] {
            facet.confirm_year(year, why, today, "demo").await?;
        }
        let sessions = self.load_demo_reception(today).await?;
        let commune = self.org_by_code(&code("QN.DH.QT")?, today).await?;
        let candidate = match &commune {
            Some(c) => self.candidate(c, today).await?,
            None => None,
        };
        let mut out = DemoPetitions::default();
        for c in cases() {
            let Some(org) = self.org_by_code(&code(c.org)?, today).await? else { continue };
            let filing = NewFiling {
                kind: c.kind,
                instance: Instance::First,
                channel: c.channel,
                received: c.received,
                area: Area::Ordinary,
                complexity: c.complexity,
                summary: c.summary.to_owned(),
                classification: c.classification,
                about: if c.about_candidate { candidate.clone() } else { None },
                from_body: c.from_body.map(str::to_owned),
                identity: c.identity.map(|(name, address, contact)| Identity {
                    name: name.to_owned(),
                    address: address.to_owned(),
                    contact: contact.to_owned(),
                }),
                evidence: c.evidence,
                matter: Matter::Distinct,
            };
            // P-9: a filing brought to a reception session comes with its visit.
            let received = match sessions.get(&(org.id, c.received)) {
                Some(session) if c.channel == Channel::Reception => {
                    facet.receive_at_reception(*session, 1, &filing, today, "demo").await?
                }
                _ => facet.receive(&org, &filing, today, "demo").await?,
            };
            let Received::Opened { id, logged, .. } = received else {
                continue;
            };
            out.cases += 1;
            out.logged += usize::from(logged);
            let mut settled = false;
            for (on, step) in &c.steps {
                settled |=
                    matches!(step, CaseStep::Settle { .. } | CaseStep::Close { .. } | CaseStep::TransferOut { .. });
                facet.record(id, step, *on, today, "demo").await?;
            }
            out.open += usize::from(!logged && !settled);
        }
        Ok(out)
    }

    /// The demo's reception calendars (P-9): the provincial head's one day a
    /// month since January 2025 (in August 2025 the head's session was
    /// cancelled and a deputy received instead: a month not met), and each
    /// commune head's two days a month since January 2025 (Quảng Tân's with
    /// the days its reception cases were brought), a second day cancelled
    /// now and then; the days to come planned. A few visits guided or answered at the province.
    /// The sessions by organization and day.
    async fn load_demo_reception(&self, today: Date) -> StoreResult<HashMap<(i64, Date), i64>> {
        let mut out = HashMap::new();
        let Some(province) = self.org_by_code(&code("QN")?, today).await? else { return Ok(out) };
        let facet = self.operator().petitions();
        let last = today.replace_day(1).ok().and_then(|d| d.checked_add(time::Duration::days(62))).unwrap_or(today);
        let status = |day: Date| if day <= today { SessionStatus::Held } else { SessionStatus::Planned };
        // The province.
        let mut list = Vec::new();
        for month in months_between(date!(2025 - 01 - 01), last) {
            let day = weekday(month.replace_day(15).unwrap_or(month));
            let head = "Đồng chí Bí thư Tỉnh ủy".to_owned();
            let place = "Trụ sở Tiếp công dân tỉnh Quảng Ninh".to_owned();
            if month == date!(2025 - 08 - 01) {
                list.push(DemoSession {
                    day,
                    host: head,
                    by_head: true,
                    place: place.clone(),
                    status: SessionStatus::Cancelled,
                    note: "Đồng chí Bí thư dự Hội nghị Trung ương; Phó Bí thư Thường trực tiếp thay".into(),
                });
                list.push(DemoSession {
                    day: weekday(month.replace_day(20).unwrap_or(month)),
                    host: "Đồng chí Phó Bí thư Thường trực Tỉnh ủy".into(),
                    by_head: false,
                    place,
                    status: status(day),
                    note: String::new(),
                });
            } else {
                list.push(DemoSession {
                    day,
                    host: head,
                    by_head: true,
                    place,
                    status: status(day),
                    note: String::new(),
                });
            }
        }
        let ids = facet.demo_calendar(&province, &list).await?;
        for (s, id) in list.iter().zip(&ids) {
            out.insert((province.id, s.day), *id);
        }
        let held: Vec<i64> = list
            .iter()
            .zip(&ids)
            .filter(|(s, _)| s.status == SessionStatus::Held && s.by_head)
            .map(|(_, id)| *id)
            .collect();
        for (id, (people, matter, outcome)) in held.iter().zip([
            (1, "Hỏi về chế độ đối với cán bộ nghỉ hưu trước tuổi sau sắp xếp", VisitOutcome::Answered),
            (6, "Đoàn hộ dân hỏi về tiến độ bồi thường dự án cao tốc", VisitOutcome::Guided),
            (1, "Hỏi thủ tục chuyển sinh hoạt đảng khi thay đổi nơi cư trú", VisitOutcome::Answered),
        ]) {
            facet.record_visit(*id, people, matter, outcome, today, "demo").await?;
        }
        // The communes.
        let communes: Vec<_> = self
            .subtree(&province, today)
            .await?
            .into_iter()
            .filter(|o| o.kind == daihoi_core::OrgKind::Commune)
            .collect();
        let brought: Vec<Date> = cases()
            .iter()
            .filter(|c| c.org == "QN.DH.QT" && c.channel == Channel::Reception)
            .map(|c| c.received)
            .collect();
        for (i, commune) in communes.iter().enumerate() {
            let quang_tan = commune.code.as_str() == "QN.DH.QT";
            // "Đảng bộ xã Quảng Tân" is led by "Đảng ủy xã Quảng Tân".
            let committee = match commune.name.strip_prefix("Đảng bộ ") {
                Some(rest) => format!("Đảng ủy {rest}"),
                None => commune.name.clone(),
            };
            let mut list = Vec::new();
            for (m, month) in months_between(date!(2025 - 01 - 01), last).into_iter().enumerate() {
                let mut days = vec![
                    weekday(month.replace_day(8).unwrap_or(month)),
                    weekday(month.replace_day(22).unwrap_or(month)),
                ];
                if quang_tan {
                    days.extend(brought.iter().filter(|d| d.replace_day(1).ok() == Some(month)));
                }
                days.sort();
                days.dedup();
                for (k, day) in days.into_iter().enumerate() {
                    let skipped = k == 1 && (i * 7 + m) % 23 == 5 && day <= today && !brought.contains(&day);
                    list.push(DemoSession {
                        day,
                        host: format!("Đồng chí Bí thư {committee}"),
                        by_head: true,
                        place: format!("Trụ sở {committee}"),
                        status: if skipped { SessionStatus::Cancelled } else { status(day) },
                        note: if skipped {
                            "Trùng lịch hội nghị của Tỉnh ủy; không bố trí được ngày khác".into()
                        } else {
                            String::new()
                        },
                    });
                }
            }
            let ids = facet.demo_calendar(commune, &list).await?;
            for (s, id) in list.iter().zip(ids) {
                if s.status != SessionStatus::Cancelled {
                    out.insert((commune.id, s.day), id);
                }
            }
        }
        Ok(out)
    }

    /// A member of Quảng Tân's committee today (standing again at the
    /// congress), or else its first member: whom the demo's cases about a
    /// candidate are about.
    async fn candidate(&self, commune: &crate::orgs::OrgNode, today: Date) -> StoreResult<Option<CardNumber>> {
        let seats = self.committee_seats(commune.id).await?;
        let card = match seats.iter().find(|s| s.seat.held_on(today)) {
            Some(s) => Some(s.seat.person.clone()),
            None => {
                let query = MemberQuery { search: None, offset: 0, limit: 1 };
                self.members_in(commune, today, &query).await?.items.first().map(|m| m.card_number.clone())
            }
        };
        Ok(card.and_then(|c| CardNumber::parse(&c).ok()))
    }
}

/// The first day of each month from `from`'s to `to`'s.
fn months_between(from: Date, to: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut m = from.replace_day(1).unwrap_or(from);
    while m <= to {
        out.push(m);
        m = m
            .replace_day(28)
            .ok()
            .and_then(|d| d.checked_add(time::Duration::days(4)))
            .and_then(|d| d.replace_day(1).ok())
            .unwrap_or(Date::MAX);
    }
    out
}

/// A Saturday or Sunday moved to the Monday after.
fn weekday(day: Date) -> Date {
    match day.weekday() {
        time::Weekday::Saturday => day + time::Duration::days(2),
        time::Weekday::Sunday => day + time::Duration::days(1),
        _ => day,
    }
}

fn code(c: &str) -> StoreResult<OrgCode> {
    OrgCode::parse(c).map_err(|e| StoreError::corrupt(e.to_string()))
}
