//! A province with 100,000 tasks: the task lists of a home page (T-2, T-3).
//!
//! ```sh
//! cargo bench -p daihoi-store --bench tasks                          # SQLite
//! DAIHOI_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!     cargo bench -p daihoi-store --bench tasks                      # and PostgreSQL
//! DAIHOI_BENCH_TASKS=20000 cargo bench …                             # fewer tasks
//! ```
//!
//! The tree is the 200,000-member province of daihoi-demo (without its
//! members: tasks need none), with the demo's documents. A few hundred
//! provincial tasks from five documents are cascaded to the communes and
//! the organizations under them, until the province's subtree holds 100,000
//! tasks: deadlines from 2025 to mid-2027 (each level a little earlier than
//! the level above), most past ones done (some late), some overdue, a few
//! cancelled, progress reported on the open ones, weights on half the
//! cascades. A few older tasks of the districts dissolved by the 2025
//! reform are outside the subtree today. They are written in one
//! transaction of multi-row inserts; creating them one by one through
//! `create_task` would take longer than the benchmark.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use daihoi_demo::rng::SplitMix64;
use daihoi_store::Db;
use daihoi_store::orgs::OrgNode;
use daihoi_store::tasks::lists::TaskCut;
use daihoi_tracking::{DeadlineDay, RollupRules, StatusRules, Unreported};
use sqlx::{AnyConnection, AssertSqlSafe, Connection, Row};
use time::macros::date;
use time::{Date, Duration};
use tokio::runtime::Runtime;

const TODAY: Date = date!(2026 - 11 - 28);

/// The due-soon list's rules: 14 days, the deadline day on time.
const SOON: StatusRules = StatusRules { due_soon_window: 14, deadline_day: DeadlineDay::CountsAsOnTime };

struct Loaded {
    name: &'static str,
    db: Db,
    province: OrgNode,
    commune: OrgNode,
    /// A provincial task with its whole cascade.
    province_task: i64,
    _dir: Option<tempfile::TempDir>,
}

fn tasks_wanted() -> usize {
    std::env::var("DAIHOI_BENCH_TASKS").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000)
}

fn members() -> usize {
    std::env::var("DAIHOI_BENCH_MEMBERS").ok().and_then(|s| s.parse().ok()).unwrap_or(200_000)
}

const TITLES: [&str; 10] = [
    "Quán triệt, triển khai thực hiện nghị quyết đến toàn thể cán bộ, đảng viên",
    "Xây dựng kế hoạch thực hiện và phân công cán bộ phụ trách",
    "Rà soát, kiện toàn tổ chức đảng sau sắp xếp đơn vị hành chính",
    "Nâng cao chất lượng sinh hoạt chi bộ định kỳ",
    "Phát triển đảng viên mới trong thôn, bản, khu phố",
    "Xây dựng khu vực biên giới vững mạnh toàn diện",
    "Đẩy mạnh chuyển đổi số trong công tác đảng",
    "Kiểm tra, giám sát việc thực hiện nhiệm vụ được giao",
    "Sơ kết 6 tháng, báo cáo kết quả thực hiện",
    "Tuyên truyền, vận động nhân dân thực hiện chủ trương của Đảng",
];

/// One task row to insert.
struct Row_ {
    id: i64,
    document_id: i64,
    clause: String,
    title: &'static str,
    org_id: i64,
    parent_id: Option<i64>,
    weight: Option<u64>,
    deadline: Date,
    done_on: Option<Date>,
    workflow: &'static str,
    progress: Option<u64>,
    progress_on: Option<Date>,
}

impl Row_ {
    fn sql(&self, out: &mut String) {
        let opt = |v: Option<String>| v.unwrap_or_else(|| "NULL".into());
        let date = |d: Date| format!("'{}'", daihoi_core::date::iso(d));
        let _ = write!(
            out,
            "({}, {}, '{}', '{}', {}, {}, {}, {}, {}, '{}', 'normal', {}, {}, '2025-01-02T08:00:00Z')",
            self.id,
            self.document_id,
            self.clause,
            self.title,
            self.org_id,
            opt(self.parent_id.map(|p| p.to_string())),
            opt(self.weight.map(|w| w.to_string())),
            date(self.deadline),
            opt(self.done_on.map(date)),
            self.workflow,
            opt(self.progress.map(|p| p.to_string())),
            opt(self.progress_on.map(date)),
        );
    }
}

/// A task's state on TODAY, drawn for its deadline.
fn state(rng: &mut SplitMix64, row: &mut Row_) {
    let days = |n: u64| Duration::days(i64::try_from(n).unwrap_or(0));
    let past = row.deadline < TODAY;
    if rng.chance(if past { 30 } else { 15 }) {
        row.workflow = "cancelled";
    } else if rng.chance(if past { 800 } else { 150 }) {
        // done: around the deadline when it has passed (some late), lately otherwise
        let done = if past {
            (row.deadline - days(40) + days(rng.below(66))).min(TODAY)
        } else {
            TODAY - days(1 + rng.below(60))
        };
        row.workflow = "done";
        row.done_on = Some(done);
        row.progress = Some(100);
        row.progress_on = Some(done);
    } else {
        row.workflow = if rng.chance(800) { "in_progress" } else { "assigned" };
        if !rng.chance(100) {
            row.progress = Some(rng.below(96));
            row.progress_on = Some(date!(2026 - 09 - 30));
        }
    }
}

/// The tree on a date under the province: (org id, parent id, kind).
async fn tree(conn: &mut AnyConnection, on: Date) -> Vec<(i64, Option<i64>, String)> {
    let on = daihoi_core::date::iso(on);
    sqlx::query("SELECT org_id, parent_id, kind FROM org_version WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) ORDER BY path")
        .bind(on)
        .fetch_all(&mut *conn)
        .await
        .expect("tree")
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect()
}

/// Writes the tasks; returns (a provincial task, the commune with most tasks).
async fn generate(conn: &mut AnyConnection, province: i64) -> (i64, i64) {
    let docs: Vec<i64> = sqlx::query_scalar("SELECT id FROM document ORDER BY id LIMIT 5")
        .fetch_all(&mut *conn)
        .await
        .expect("documents");
    assert!(!docs.is_empty(), "the demo documents");
    let children = |tree: &[(i64, Option<i64>, String)]| {
        let mut map: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
        for (id, parent, kind) in tree {
            if let Some(p) = parent {
                map.entry(*p).or_default().push((*id, kind.clone()));
            }
        }
        map
    };
    let now = children(&tree(conn, TODAY).await);
    let before = children(&tree(conn, date!(2025 - 01 - 02)).await);
    let second = &now[&province];
    let districts: Vec<i64> =
        before.get(&province).into_iter().flatten().filter(|(_, k)| k == "district").map(|(id, _)| *id).collect();
    let avg3 = second.iter().map(|(id, _)| now.get(id).map_or(0, Vec::len)).sum::<usize>() as f64 / second.len() as f64;
    let wanted = tasks_wanted();
    // Each provincial task goes to 60% of the communes, each of them to a
    // share of the organizations under it, so that about 300 provincial
    // tasks give a little more than wanted.
    let f2 = 0.6;
    let mut per_task = 1.0 + f2 * second.len() as f64 * (1.0 + avg3);
    let mut provincial = 300usize;
    let mut f3 = 1.0;
    if per_task * provincial as f64 > wanted as f64 * 1.05 {
        f3 = ((wanted as f64 * 1.05 / provincial as f64 - 1.0) / (f2 * second.len() as f64) - 1.0) / avg3;
        f3 = f3.clamp(0.0, 1.0);
        per_task = 1.0 + f2 * second.len() as f64 * (1.0 + f3 * avg3);
    }
    provincial = provincial.max((wanted as f64 * 1.05 / per_task).ceil() as usize);
    eprintln!(
        "tree: {} organizations under the province, {:.1} below each on average; {provincial} provincial tasks, f3 {f3:.2}",
        second.len(),
        avg3
    );

    let mut rng = SplitMix64::new(20261128);
    let mut rows: Vec<Row_> = Vec::new();
    let mut next_id: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM task").fetch_one(&mut *conn).await.expect("max id");
    let mut id = || {
        next_id += 1;
        next_id
    };
    let mut in_subtree = 0usize;
    let mut per_commune: HashMap<i64, usize> = HashMap::new();
    // Older tasks: given in 2024 to the districts, done, before the reform.
    for i in 0..5 {
        let top = Row_ {
            id: id(),
            document_id: docs[i % docs.len()],
            clause: format!("Mục I.{}", i + 1),
            title: TITLES[i],
            org_id: province,
            parent_id: None,
            weight: None,
            deadline: date!(2025 - 03 - 31),
            done_on: Some(date!(2025 - 03 - 20)),
            workflow: "done",
            progress: Some(100),
            progress_on: Some(date!(2025 - 03 - 20)),
        };
        in_subtree += 1;
        for d in &districts {
            rows.push(Row_ {
                id: id(),
                parent_id: Some(top.id),
                org_id: *d,
                deadline: date!(2025 - 03 - 15),
                done_on: Some(date!(2025 - 03 - 10)),
                progress_on: Some(date!(2025 - 03 - 10)),
                clause: top.clause.clone(),
                ..top
            });
        }
        rows.push(top);
    }
    let mut first_cascade = None;
    'tasks: for p in 0..provincial {
        let deadline = date!(2025 - 01 - 31) + Duration::days(i64::try_from(rng.below(880)).unwrap_or(0));
        let mut top = Row_ {
            id: id(),
            document_id: docs[p % docs.len()],
            clause: format!("Mục {}.{}", ["I", "II", "III", "IV"][p % 4], 1 + p % 7),
            title: TITLES[p % TITLES.len()],
            org_id: province,
            parent_id: None,
            weight: None,
            deadline,
            done_on: None,
            workflow: "",
            progress: None,
            progress_on: None,
        };
        state(&mut rng, &mut top);
        let top_id = top.id;
        let (clause, title, document_id) = (top.clause.clone(), top.title, top.document_id);
        rows.push(top);
        in_subtree += 1;
        first_cascade.get_or_insert(top_id);
        let weighted = rng.chance(500);
        for (commune, _) in second {
            if in_subtree >= wanted {
                break 'tasks;
            }
            if !rng.chance(600) {
                continue;
            }
            let mut sub = Row_ {
                id: id(),
                document_id,
                clause: clause.clone(),
                title,
                org_id: *commune,
                parent_id: Some(top_id),
                weight: weighted.then(|| 1 + rng.below(3)),
                deadline: deadline - Duration::days(15),
                done_on: None,
                workflow: "",
                progress: None,
                progress_on: None,
            };
            state(&mut rng, &mut sub);
            let sub_id = sub.id;
            rows.push(sub);
            in_subtree += 1;
            *per_commune.entry(*commune).or_default() += 1;
            let weighted = rng.chance(500);
            for (below, _) in now.get(commune).into_iter().flatten() {
                if in_subtree >= wanted {
                    break 'tasks;
                }
                if !rng.chance((f3 * 1000.0) as u64) {
                    continue;
                }
                let mut leaf = Row_ {
                    id: id(),
                    document_id,
                    clause: clause.clone(),
                    title,
                    org_id: *below,
                    parent_id: Some(sub_id),
                    weight: weighted.then(|| 1 + rng.below(3)),
                    deadline: deadline - Duration::days(30),
                    done_on: None,
                    workflow: "",
                    progress: None,
                    progress_on: None,
                };
                state(&mut rng, &mut leaf);
                rows.push(leaf);
                in_subtree += 1;
                *per_commune.entry(*commune).or_default() += 1;
            }
        }
    }
    let mut tx = conn.begin().await.expect("begin");
    for chunk in rows.chunks(1000) {
        let mut sql = String::from(
            "INSERT INTO task (id, document_id, clause, title, org_id, parent_id, weight, deadline, done_on, workflow, \
             classification, progress, progress_on, created_at) VALUES ",
        );
        for (i, r) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            r.sql(&mut sql);
        }
        sqlx::raw_sql(AssertSqlSafe(sql)).execute(&mut *tx).await.expect("insert tasks");
    }
    tx.commit().await.expect("commit");
    // What autovacuum would have done by the time people read them (on
    // PostgreSQL, index-only scans need the visibility map, and the plans
    // the statistics of the tree's tables as well as the tasks').
    let analyze = if conn.backend_name() == "PostgreSQL" { "VACUUM ANALYZE" } else { "ANALYZE" };
    sqlx::raw_sql(analyze).execute(&mut *conn).await.expect("analyze");
    let commune = per_commune.iter().max_by_key(|(id, n)| (**n, -**id)).map(|(id, _)| *id).expect("a commune");
    (first_cascade.expect("a provincial task"), commune)
}

async fn load(name: &'static str, db: Db, url: &str, schema: Option<&str>, dir: Option<tempfile::TempDir>) -> Loaded {
    db.migrate().await.expect("migrate");
    let scenario = daihoi_demo::quang_ninh(members(), daihoi_demo::DEMO_SEED);
    let tree_only = daihoi_demo::Scenario { members: Vec::new(), ..scenario };
    db.load_scenario(&tree_only, TODAY, &mut |_| {}).await.expect("tree");
    db.load_demo_documents().await.expect("documents");
    let province = db.roots(TODAY).await.expect("roots").into_iter().next().expect("a province");
    let mut conn = AnyConnection::connect(url).await.expect("connect");
    if let Some(schema) = schema {
        sqlx::raw_sql(AssertSqlSafe(format!("SET search_path TO \"{schema}\"")))
            .execute(&mut conn)
            .await
            .expect("schema");
    }
    let started = Instant::now();
    let (province_task, commune) = generate(&mut conn, province.id).await;
    conn.close().await.expect("close");
    let commune = db.org_by_id(commune, TODAY).await.expect("commune").expect("exists");
    let all = db.subtree_rollup(&province, TODAY, None, &RollupRules { unreported: Unreported::CountAsZero }).await;
    let commune_tasks = db.tasks_in(&commune, TODAY).await.expect("commune tasks").len();
    let (_, overdue) = db.overdue_in(&province, TODAY, TODAY, None, 1, &TaskCut::ALL).await.expect("overdue");
    let (_, soon) = db.due_soon_in(&province, TODAY, TODAY, &SOON, 1, &TaskCut::ALL).await.expect("due soon");
    eprintln!(
        "{name}: {} tasks rolled up in the province's subtree (withdrawn ones left out), written in {:.2?}; \
         {overdue} overdue, {soon} due within 14 days; \
         {} ({}) has {commune_tasks}",
        all.expect("rollup").tasks,
        started.elapsed(),
        commune.name,
        commune.code,
    );
    Loaded { name, db, province, commune, province_task, _dir: dir }
}

/// `DAIHOI_BENCH_KEEP=1` keeps the databases for `EXPLAIN`: the SQLite
/// file's directory and the PostgreSQL schema are printed and not removed.
fn keep() -> bool {
    std::env::var("DAIHOI_BENCH_KEEP").is_ok_and(|v| v == "1")
}

fn engines(rt: &Runtime) -> Vec<Loaded> {
    let mut out = Vec::new();
    let mut dir = tempfile::tempdir().expect("temp dir");
    if keep() {
        dir.disable_cleanup(true);
        eprintln!("kept: {}", dir.path().join("bench.sqlite").display());
    }
    let url = format!("sqlite:{}", dir.path().join("bench.sqlite").display());
    let db = rt.block_on(Db::connect(&url)).expect("sqlite");
    out.push(rt.block_on(load("sqlite", db, &url, None, Some(dir))));
    if let Ok(url) = std::env::var("DAIHOI_BENCH_POSTGRES_URL") {
        let schema = format!("daihoi_bench_tasks_{}", std::process::id());
        let db = rt.block_on(Db::connect_in_schema(&url, Some(&schema))).expect("postgres");
        out.push(rt.block_on(load("postgres", db, &url, Some(&schema), None)));
    } else {
        eprintln!("note: PostgreSQL skipped (set DAIHOI_BENCH_POSTGRES_URL)");
    }
    out
}

fn tasks(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let loaded = engines(&rt);
    let status = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime };
    let rollup = RollupRules { unreported: Unreported::CountAsZero };
    let mut group = c.benchmark_group("tasks");
    group.sample_size(20);
    for l in &loaded {
        group.bench_function(format!("{}/overdue_in_province_first_50", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                l.db.overdue_in(&l.province, TODAY, TODAY, None, 50, &TaskCut::ALL).await.expect("overdue")
            })
        });
        group.bench_function(format!("{}/overdue_in_commune_first_50", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                l.db.overdue_in(&l.commune, TODAY, TODAY, None, 50, &TaskCut::ALL).await.expect("overdue")
            })
        });
        group.bench_function(format!("{}/due_soon_in_province_14_days_first_50", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                l.db.due_soon_in(&l.province, TODAY, TODAY, &SOON, 50, &TaskCut::ALL).await.expect("due soon")
            })
        });
        group.bench_function(format!("{}/status_counts_by_org_province", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                l.db.status_counts_by_org(&l.province, TODAY, TODAY, &status, &TaskCut::ALL).await.expect("counts")
            })
        });
        group.bench_function(format!("{}/subtree_rollup_province", l.name), |b| {
            b.to_async(&rt)
                .iter(|| async { l.db.subtree_rollup(&l.province, TODAY, None, &rollup).await.expect("rollup") })
        });
        group.bench_function(format!("{}/task_rollup_one_provincial_task", l.name), |b| {
            b.to_async(&rt).iter(|| async { l.db.task_rollup(l.province_task, &rollup).await.expect("rollup") })
        });
        group.bench_function(format!("{}/tasks_in_commune", l.name), |b| {
            b.to_async(&rt).iter(|| async { l.db.tasks_in(&l.commune, TODAY).await.expect("tasks") })
        });
    }
    group.finish();
    for l in loaded {
        if l.name == "postgres" && keep() {
            eprintln!("kept: schema daihoi_bench_tasks_{}", std::process::id());
        } else if l.name == "postgres" {
            let schema = format!("daihoi_bench_tasks_{}", std::process::id());
            rt.block_on(l.db.drop_schema(&schema)).expect("drop schema");
        }
    }
}

criterion_group!(benches, tasks);
criterion_main!(benches);
