//! The campaign of the 2025–2030 round on the 200,000-member province
//! (issue 15 §3: the campaign dashboard answers in under 100 ms on the
//! whole province, every organization down to the cells).
//!
//! ```sh
//! cargo bench -p daihoi-store --bench congresses                     # SQLite
//! DAIHOI_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!     cargo bench -p daihoi-store --bench congresses                 # and PostgreSQL
//! DAIHOI_BENCH_MEMBERS=20000 cargo bench …                           # a smaller province
//! ```
//!
//! Loading the province and the demo's campaign (one audited write of every
//! congress with its gates) is timed once per engine and printed; criterion
//! measures the campaign's reading with its warnings.

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use daihoi_congress::{AnswerValue, OpenQuestion, Scope};
use daihoi_store::Db;
use daihoi_store::congresses::access::CampaignLine;
use daihoi_store::congresses::{NewPlan, Round};
use daihoi_store::orgs::OrgNode;
use time::macros::date;
use tokio::runtime::Runtime;

const TODAY: time::Date = date!(2026 - 11 - 28);

struct Loaded {
    name: &'static str,
    db: Db,
    province: OrgNode,
    round: Round,
    _dir: Option<tempfile::TempDir>,
}

async fn load(name: &'static str, db: Db, dir: Option<tempfile::TempDir>) -> Loaded {
    db.migrate().await.expect("migrate");
    let n = std::env::var("DAIHOI_BENCH_MEMBERS").ok().and_then(|s| s.parse().ok()).unwrap_or(200_000);
    let scenario = daihoi_demo::quang_ninh(n, daihoi_demo::DEMO_SEED);
    db.load_scenario(&scenario, TODAY, &mut |_| {}).await.expect("load");
    let started = Instant::now();
    let congresses = db.load_demo_congresses(TODAY).await.expect("campaign");
    eprintln!("{name}: {congresses} congresses with their gates entered in {:.2?}", started.elapsed());
    let province = db.roots(TODAY).await.expect("roots").into_iter().next().expect("a province");
    let round = db.operator().congresses().round("2025-2030").await.expect("round").expect("the demo round");
    Loaded { name, db, province, round, _dir: dir }
}

fn campaign(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let mut loaded = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", dir.path().join("bench.sqlite").display());
    let db = rt.block_on(Db::connect(&url)).expect("sqlite");
    loaded.push(rt.block_on(load("sqlite", db, Some(dir))));
    let schema = format!("daihoi_bench_congresses_{}", std::process::id());
    if let Ok(url) = std::env::var("DAIHOI_BENCH_POSTGRES_URL") {
        let db = rt.block_on(Db::connect_in_schema(&url, Some(&schema))).expect("postgres");
        loaded.push(rt.block_on(load("postgres", db, None)));
    } else {
        eprintln!("note: PostgreSQL skipped (set DAIHOI_BENCH_POSTGRES_URL)");
    }
    let mut group = c.benchmark_group("congresses");
    group.sample_size(20);
    for l in &loaded {
        let lines = rt.block_on(l.db.operator().congresses().campaign(&l.round, &l.province, TODAY)).expect("campaign");
        let warned = lines.iter().filter(|x| !x.warnings.is_empty()).count();
        eprintln!("{}: the province's campaign has {} congresses, {warned} with warnings", l.name, lines.len());
        // Kept while nothing is written: the dashboard's next visits.
        group.bench_function(format!("{}/campaign_province_kept", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                l.db.operator().congresses().campaign(&l.round, &l.province, TODAY).await.expect("campaign")
            })
        });
        // The first visit after a write (recorded before each iteration,
        // not timed): what the kept campaign reads again depends on it.
        let sample = rt.block_on(Sample::of(l, &lines));
        for write in [Write::Answer, Write::Plan, Write::Member, Write::Tree] {
            let sample = &sample;
            group.bench_function(format!("{}/campaign_province_after_{}", l.name, write.name()), |b| {
                b.to_async(&rt).iter_custom(|iters| async move {
                    let mut timed = std::time::Duration::ZERO;
                    for i in 0..iters {
                        sample.write(l, write, i).await;
                        let started = Instant::now();
                        l.db.operator().congresses().campaign(&l.round, &l.province, TODAY).await.expect("campaign");
                        timed += started.elapsed();
                    }
                    timed
                })
            });
        }
    }
    group.finish();
    for l in &loaded {
        rt.block_on(check_in(l));
    }
    for l in loaded {
        if l.name == "postgres" {
            rt.block_on(l.db.drop_schema(&schema)).expect("drop schema");
        }
    }
}

/// The writes before a timed visit, one of each kind the kept campaign
/// tells apart (`daihoi-store/src/congresses/campaign.rs`).
#[derive(Debug, Clone, Copy)]
enum Write {
    /// An answer of the round (every line's warnings made again).
    Answer,
    /// One cell's planned opening moved by a day (that congress read again).
    Plan,
    /// A member's data edited (every member count read again).
    Member,
    /// A cell renamed (the campaign read whole).
    Tree,
}

impl Write {
    fn name(self) -> &'static str {
        match self {
            Write::Answer => "an_answer",
            Write::Plan => "a_plan",
            Write::Member => "a_member",
            Write::Tree => "the_tree",
        }
    }
}

/// What the writes change: a cell's congress, a member, a cell.
struct Sample {
    cell: OrgNode,
    plan: NewPlan,
    person_id: i64,
    member: daihoi_core::members::Member,
}

impl Sample {
    async fn of(l: &Loaded, lines: &[CampaignLine]) -> Sample {
        let line = lines
            .iter()
            .find(|x| x.congress.plan.level == daihoi_congress::LevelClass::Cell)
            .expect("a cell's congress");
        let c = &line.congress;
        let plan = NewPlan {
            level: c.plan.level,
            kind: c.plan.kind,
            contents: c.plan.contents,
            model: c.plan.model,
            planned: c.plan.planned,
            actual: c.plan.actual,
        };
        let s = l.db.operator();
        let query = daihoi_store::members::MemberQuery { search: None, offset: 0, limit: 1 };
        let page = s.members().members_in(&c.org, TODAY, &query).await.expect("members");
        let person_id = page.items.first().expect("a member of the cell").person_id;
        let member = s.members().member(person_id, TODAY).await.expect("member").expect("a member").member;
        Sample { cell: c.org.clone(), plan, person_id, member }
    }

    async fn write(&self, l: &Loaded, write: Write, i: u64) {
        let s = l.db.operator();
        match write {
            Write::Answer => {
                s.congresses()
                    .answer(
                        &l.round,
                        OpenQuestion::ProbationaryCounted,
                        &Scope::Round,
                        AnswerValue::YesNo(i.is_multiple_of(2)),
                        TODAY,
                        "bench",
                        TODAY,
                        "bench",
                    )
                    .await
                    .expect("answer");
            }
            Write::Plan => {
                let mut plan = self.plan.clone();
                if i.is_multiple_of(2) {
                    plan.planned.opening = plan.planned.opening.next_day().expect("a day");
                }
                s.congresses().plan(&l.round, &self.cell, &plan, TODAY, "bench").await.expect("plan");
            }
            Write::Member => {
                let mut member = self.member.clone();
                member.ethnicity = if i.is_multiple_of(2) { "Tày".into() } else { "Kinh".into() };
                s.members().edit_member(self.person_id, &member, TODAY, "bench").await.expect("edit");
            }
            Write::Tree => {
                let name = format!("{} ({})", self.cell.name, i % 2);
                s.orgs().rename_org(&self.cell.code, &name, TODAY, "bench").await.expect("rename");
            }
        }
    }
}

/// Issue 15 §7: four clerks check in 1,000 delegates of the provincial
/// congress at once (each a task on the runtime, each check-in an audited
/// write); every check-in's time is kept and the percentiles printed.
async fn check_in(l: &Loaded) {
    use daihoi_congress::Seat;
    use daihoi_store::congresses::roll::NewDelegate;
    let facet = l.db.operator().congresses();
    let congress = facet.congress(&l.round, &l.province, TODAY).await.expect("read").expect("the provincial congress");
    let cards: Vec<String> =
        l.db.members_in(&l.province, TODAY, &daihoi_store::members::MemberQuery { limit: 1_000, ..Default::default() })
            .await
            .expect("members")
            .items
            .into_iter()
            .map(|m| m.card_number)
            .collect();
    let started = Instant::now();
    for card in &cards {
        let card = daihoi_core::members::CardNumber::parse(card).expect("card");
        let seat = Seat::Designated { decision: "Quyết định 99-QĐ/TU".into() };
        facet.add_delegate(&congress, &NewDelegate { card: &card, seat }, "bench").await.expect("roll");
    }
    eprintln!("{}: {} delegates entered on the roll in {:.2?}", l.name, cards.len(), started.elapsed());
    let session = facet.open_session(&congress, "Phiên thứ nhất", TODAY, "bench").await.expect("session");
    let started = Instant::now();
    let mut clerks = Vec::new();
    for k in 0..4 {
        let mine: Vec<String> = cards.iter().skip(k).step_by(4).cloned().collect();
        let (db, round, congress) = (l.db.clone(), l.round.clone(), congress.clone());
        clerks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(mine.len());
            for card in mine {
                let card = daihoi_core::members::CardNumber::parse(&card).expect("card");
                let t = Instant::now();
                db.operator()
                    .congresses()
                    .check_in(&round, &congress, session, &card, "bench")
                    .await
                    .expect("check in");
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut times = Vec::new();
    for c in clerks {
        times.extend(c.await.expect("clerk"));
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    eprintln!(
        "{}: {} check-ins by 4 clerks in {:.2?}: p50 {:.2?}, p99 {:.2?}, max {:.2?}",
        l.name,
        times.len(),
        started.elapsed(),
        at(0.50),
        at(0.99),
        times[times.len() - 1]
    );
}

criterion_group!(benches, campaign);
criterion_main!(benches);
