//! Generated cases for the benchmark (`benches/petitions.rs`, issue 18 §7):
//! `n` cases over the five years before `today` across a subtree's
//! organizations, with their events, as a province's registers hold them
//! (most settled, some late, some still open, a few anonymous letters only
//! logged). Bulk rows in one transaction, like the demo scenario's
//! members: not audited, never reachable from the web.

use std::collections::HashMap;

use daihoi_core::date::iso;
use daihoi_petitions::CaseKind;
use time::{Date, Duration};

use crate::members::now_text;
use crate::orgs::OrgNode;
use crate::{Db, StoreResult};

/// splitmix64: the same cases for the same seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

impl Db {
    /// Writes `n` generated cases in `root`'s subtree (see the module's
    /// documentation); returns how many were written.
    #[doc(hidden)]
    pub async fn generate_petitions(&self, root: &OrgNode, n: usize, seed: u64, today: Date) -> StoreResult<usize> {
        let orgs: Vec<OrgNode> = self.subtree(root, today).await?;
        if orgs.is_empty() {
            return Ok(0);
        }
        let mut random = Random(seed);
        let mut numbers: HashMap<(i64, i32), i64> = HashMap::new();
        let now = now_text();
        let mut tx = self.begin_write().await?;
        for i in 0..n {
            let org = &orgs[random.below(orgs.len() as u64) as usize];
            let received = today - Duration::days(random.below(5 * 365) as i64);
            let kind = match random.below(100) {
                0..35 => CaseKind::Complaint,
                35..55 => CaseKind::Denunciation,
                55..80 => CaseKind::Petition,
                80..95 => CaseKind::Reflection,
                _ => CaseKind::PartyDisciplineComplaint,
            };
            let logged = kind == CaseKind::Denunciation && random.below(20) == 0;
            let age = (today - received).whole_days();
            let by = |d: Date| Some(d).filter(|d| *d <= today);
            let (mut accepted, mut settled, mut closed) = (None, None, None);
            if !logged {
                let fate = random.below(100);
                if age > 60 && fate < 92 || age <= 60 && fate < 40 {
                    accepted = by(received + Duration::days(1 + random.below(12) as i64));
                    // Mostly within 30 days of acceptance; one in eight later.
                    let within = if random.below(8) == 0 { 31 + random.below(40) } else { 5 + random.below(25) };
                    settled = accepted.and_then(|a| by(a + Duration::days(within as i64)));
                } else if fate < 95 {
                    closed = by(received + Duration::days(3 + random.below(10) as i64));
                } else if fate < 98 {
                    accepted = by(received + Duration::days(1 + random.below(12) as i64));
                }
            }
            let notified =
                if kind == CaseKind::Denunciation { accepted.and_then(|a| by(a + Duration::days(2))) } else { None };
            let year = received.year();
            let number = numbers.entry((org.id, year)).or_insert(0);
            *number += 1;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO petition_case (org_id, year, number, kind, instance, channel, received_on, area, \
                 complexity, summary, classification, about_person_id, logged, recorded_by, recorded_at, \
                 accepted_on, notified_on, settled_on, closed_on, ended_on, outcome, closed_why) \
                 VALUES ($1, $2, $3, $4, 'first', 'letter', $5, 'ordinary', 'ordinary', $6, 'normal', NULL, $7, \
                 'bench', $8, $9, $10, $11, $12, $15, $13, $14) RETURNING id",
            )
            .bind(org.id)
            .bind(i64::from(year))
            .bind(*number)
            .bind(kind.code())
            .bind(iso(received))
            .bind(format!("Đơn thử nghiệm số {i}"))
            .bind(i64::from(logged))
            .bind(&now)
            .bind(accepted.map(iso))
            .bind(notified.map(iso))
            .bind(settled.map(iso))
            .bind(closed.map(iso))
            .bind(settled.map(|_| "Đã giải quyết"))
            .bind(closed.map(|_| "Rút đơn"))
            .bind(settled.or(closed).map(iso))
            .fetch_one(&mut *tx)
            .await?;
            if !logged && random.below(10) > 0 {
                sqlx::query("INSERT INTO petition_identity (case_id, name, address, contact) VALUES ($1, $2, $3, '')")
                    .bind(id)
                    .bind(format!("Người gửi {i}"))
                    .bind("Quảng Ninh")
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        self.analyze_after(n).await?;
        Ok(n)
    }
}
