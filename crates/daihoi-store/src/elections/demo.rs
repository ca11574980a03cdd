//! The demo's election: Quảng Tân's congress elects its new committee as
//! its board ran it at the computer (issue 16): nine seats, ten names from
//! the convened delegates, 35 ballots issued in the official session (the
//! base of R-BASE-2), entered twice by two clerks with two mismatches the
//! board settled from the paper, a tie at the cut-off for the ninth seat
//! (R-RANK-2) decided by the presidium into a second round among the tied.

use daihoi_core::members::CardNumber;
use daihoi_election::{Body, Flags, Marks, PointKind};

use super::{Duty, NewAction, NewDecision, NewEntry};
use crate::accounts::Login;
use crate::congresses::demo::DEMO_ROUND;
use crate::{Db, StoreError, StoreResult};

/// The demo's clerks and board: accounts with no role anywhere (technical
/// staff, Art. 8 of 190-QĐ/TW), with the demo's password.
pub const DEMO_STAFF: [(&str, &str, Duty); 3] = [
    ("nhapphieu1.quangtan", "Tổ nhập phiếu 1 (Quảng Tân)", Duty::Entry1),
    ("nhapphieu2.quangtan", "Tổ nhập phiếu 2 (Quảng Tân)", Duty::Entry2),
    ("bankiemphieu.quangtan", "Ban kiểm phiếu (Quảng Tân)", Duty::Board),
];

/// What the demo's election wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoElection {
    /// Ballots entered, counting both entries of each and both rounds.
    pub entries: usize,
    pub elected: usize,
}

fn crossing(names: usize, struck: usize) -> Marks {
    Marks::CrossingOut((0..names).map(|i| i != struck).collect())
}

impl Db {
    /// Quảng Tân's committee election (above), as the operator and the
    /// demo's staff; `password` is the demo's. Does nothing without Quảng
    /// Tân's roll and sessions, or when the congress has an election.
    pub async fn load_demo_election(&self, password: &str) -> StoreResult<DemoElection> {
        let op = self.operator();
        let Some(round) = op.congresses().round(DEMO_ROUND).await? else { return Ok(DemoElection::default()) };
        let opening = time::macros::date!(2025 - 05 - 20);
        let code = daihoi_core::OrgCode::parse("QN.DH.QT").map_err(|e| StoreError::corrupt(e.to_string()))?;
        let Some(org) = self.org_by_code(&code, opening).await? else { return Ok(DemoElection::default()) };
        let Some(congress) = op.congresses().congress(&round, &org, opening).await? else {
            return Ok(DemoElection::default());
        };
        let sessions = op.congresses().sessions(&congress).await?;
        let Some(official) = sessions.last().map(|s| s.number) else { return Ok(DemoElection::default()) };
        if !op.elections().list(&congress).await?.is_empty() {
            return Ok(DemoElection::default());
        }
        let roll = op.congresses().roll(&round, &congress).await?.roll;
        let convened: Vec<&str> = roll
            .lines
            .iter()
            .filter(|l| l.status == daihoi_congress::Status::Convened)
            .map(|l| l.entry.person.as_str())
            .collect();
        // Those present at the official session: one ballot each.
        let present = match op.congresses().base(&round, &congress, official).await? {
            Ok(w) => w.electorate.present,
            Err(_) => return Ok(DemoElection::default()),
        };
        let names = convened.len().min(10);
        if names < 3 || present < 6 {
            return Ok(DemoElection::default());
        }
        let e = op.elections();
        let seats = u32::try_from(names - 1).unwrap_or(1);
        let n = e
            .create(
                &congress,
                Body::Committee,
                seats,
                "Bầu Ban Chấp hành Đảng bộ xã Quảng Tân khóa mới, nhiệm kỳ 2025-2030",
                "demo",
            )
            .await?;
        for card in convened.iter().take(names) {
            let card = CardNumber::parse(card).map_err(|e| StoreError::corrupt(e.to_string()))?;
            let (_, name) = self.person_by_card(&card).await?;
            e.add_candidate(&congress, n, &name, Some(&card), None, "demo").await?;
        }
        e.adopt_list(&congress, n, "demo").await?;
        let mut staff = Vec::new();
        for (login, name, duty) in DEMO_STAFF {
            let parsed = Login::parse(login).map_err(|e| StoreError::corrupt(e.to_string()))?;
            let user = match self.user_by_login(login).await? {
                Some(u) => u,
                None => op.accounts().create_user(&parsed, name, password, None, "demo").await?,
            };
            e.assign(&congress, n, login, duty, "demo").await?;
            staff.push(self.viewer(user).await?);
        }
        let (k1, k2, board) = (self.scoped(&staff[0]), self.scoped(&staff[1]), self.scoped(&staff[2]));
        e.issue_ballots(&round, &congress, n, present, official, "demo").await?;
        // Round 1: every ballot strikes one of the last three names: the
        // first of them on `low` ballots, the other two on `k` each (more
        // than a third), so those two tie for the last seat; the second
        // clerk misread ballots 2 and `present - 1`.
        let p = present as usize;
        let k = p / 3 + 1;
        let low = p - 2 * k;
        let struck = |b: usize| {
            if b <= low {
                names - 3
            } else if b <= low + k {
                names - 2
            } else {
                names - 1
            }
        };
        let misread = [2, p - 1];
        let mut entries = 0;
        for b in 1..=p {
            let number = u32::try_from(b).unwrap_or(0);
            let right =
                NewEntry { ballot: number, marks: crossing(names, struck(b)), flags: Flags::default(), replace: false };
            let second = if b == misread[0] {
                NewEntry { marks: crossing(names, (struck(b) + 1) % names), ..right.clone() }
            } else if b == misread[1] {
                NewEntry { flags: Flags { marked: true, ..Flags::default() }, ..right.clone() }
            } else {
                right.clone()
            };
            k1.elections().enter(&congress, n, 1, &right, "demo").await?;
            k2.elections().enter(&congress, n, 1, &second, "demo").await?;
            entries += 2;
            if misread.contains(&b) {
                let paper =
                    daihoi_election::Ballot { number: b.to_string(), marks: right.marks.clone(), flags: right.flags };
                board.elections().settle(&congress, n, 1, &paper, "demo").await?;
            }
        }
        let count = board.elections().close(&congress, n, 1, "demo").await?;
        let tied = count.decisions_needed.iter().find_map(|p| match p {
            daihoi_election::DecisionPoint::TieAtCutoff { candidates, .. } => Some(candidates.clone()),
            _ => None,
        });
        if let Some(tied) = tied {
            let decision = NewDecision {
                round: 1,
                point: PointKind::TieAtCutoff,
                action: NewAction::FurtherRound { seats: 1, list: tied.clone() },
                decided_by: "Đoàn Chủ tịch; Đại hội biểu quyết giơ tay".into(),
                at: "20/05/2025 16:30".into(),
                reason: "Bầu tiếp một đồng chí trong số các đồng chí bằng phiếu".into(),
            };
            e.decide(&congress, n, &decision, "demo").await?;
            e.issue_ballots(&round, &congress, n, present, official, "demo").await?;
            // Round 2: the first of the tied kept on three ballots in four.
            for b in 1..=present {
                let keep_first = b % 4 != 0;
                let mut kept = vec![false; tied.len()];
                kept[usize::from(!keep_first)] = true;
                let entry =
                    NewEntry { ballot: b, marks: Marks::CrossingOut(kept), flags: Flags::default(), replace: false };
                k1.elections().enter(&congress, n, 2, &entry, "demo").await?;
                k2.elections().enter(&congress, n, 2, &entry, "demo").await?;
                entries += 2;
            }
            board.elections().close(&congress, n, 2, "demo").await?;
        }
        let elected =
            op.elections().view(&congress, n).await?.and_then(|v| v.proceedings).map_or(0, |p| p.elected().len());
        Ok(DemoElection { entries, elected })
    }
}
