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
//! The calendars of 2025 and 2026 are confirmed by the demo's
//! administrator, as a deployment's administrator would on the
//! Government's announcement.

use daihoi_core::OrgCode;
use daihoi_core::members::CardNumber;
use daihoi_petitions::{Area, CaseKind, Channel, Complexity, Instance};
use time::Date;
use time::macros::date;

use super::{CaseStep, Identity, Matter, NewFiling, Received};
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
            let Received::Opened { id, logged, .. } = facet.receive(&org, &filing, today, "demo").await? else {
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

fn code(c: &str) -> StoreResult<OrgCode> {
    OrgCode::parse(c).map_err(|e| StoreError::corrupt(e.to_string()))
}
