//! The periodic report's tasks (reports.rs) on a province with 100,000
//! tasks and their logs: a measured run, not criterion (each read is long
//! enough to time on its own).
//!
//! ```sh
//! cargo bench -p daihoi-store --bench report                          # SQLite
//! DAIHOI_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!     cargo bench -p daihoi-store --bench report                      # and PostgreSQL
//! DAIHOI_BENCH_TASKS=20000 cargo bench …                              # fewer tasks
//! ```
//!
//! The tree is the 200,000-member province of daihoi-demo (without its
//! members). Tasks are given to the province, its communes and the
//! organizations under them in turn, in 2025 and 2026, each with a log:
//! moved in progress, a periodic report every quarter since it was given
//! (with progress, the summary in the event's JSON), then for some a move
//! to done or cancelled; about three to six events a task. Written in one
//! transaction of multi-row inserts, as `record_event` writes them (the
//! moves in `status_from`/`status_to`).
//!
//! It times `Db::report_tasks` for the whole province on the current
//! quarter (cut-off today: the state as it is) and on a past one (the
//! state rebuilt from the logs), and `Db::latest_reports_in`, and prints
//! the process's peak memory (VmHWM) while each ran, and how far above the
//! memory it started from (the generator's leftovers) it went.

use std::fmt::Write as _;
use std::time::{Duration as Elapsed, Instant};

use daihoi_demo::rng::SplitMix64;
use daihoi_store::Db;
use daihoi_store::documents::Classification;
use daihoi_store::orgs::OrgNode;
use daihoi_store::tasks::reports::ReportCut;
use daihoi_tracking::{Event, EventKind, Period, PeriodKind, Progress, Workflow};
use sqlx::{AnyConnection, AssertSqlSafe, Connection};
use time::macros::date;
use time::{Date, Duration};
use tokio::runtime::Runtime;

const TODAY: Date = date!(2026 - 11 - 28);
/// The cut-off of a past quarter's report.
const PAST: Date = date!(2026 - 06 - 30);

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// A line of /proc/self/status (Linux), in kB.
fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// Resets the peak resident memory to the current one (Linux ≥ 4.0), so
/// that the next [`peak_memory`] is the peak of what ran in between.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The peak resident memory since [`reset_peak`], and how much above the
/// resident memory at the reset it went.
fn peak_memory(base: Option<u64>) -> String {
    match (status_kb("VmHWM:"), base) {
        (Some(peak), Some(base)) => format!("{} MB (+{} MB)", peak / 1024, peak.saturating_sub(base) / 1024),
        (Some(peak), None) => format!("{} MB", peak / 1024),
        _ => "?".to_owned(),
    }
}

fn code(w: Workflow) -> &'static str {
    daihoi_store::tasks::workflow_code(w)
}

/// Writes the tasks and their logs; returns how many tasks and events.
async fn generate(conn: &mut AnyConnection, orgs: &[i64], docs: &[i64], wanted: usize) -> (usize, usize) {
    let mut rng = SplitMix64::new(20261128);
    let mut tasks = Vec::with_capacity(wanted);
    let mut events = Vec::new();
    let quote = |d: Date| format!("'{}'", daihoi_core::date::iso(d));
    let first_id: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM task").fetch_one(&mut *conn).await.expect("max id");
    for i in 0..wanted {
        let id = first_id + 1 + i as i64;
        let given = date!(2025 - 01 - 02) + Duration::days(rng.below(600) as i64);
        let deadline = given + Duration::days(60 + rng.below(400) as i64);
        let mut log: Vec<(Date, EventKind)> = Vec::new();
        let started = given + Duration::days(1 + rng.below(30) as i64);
        log.push((started, EventKind::StatusChange { from: Workflow::Assigned, to: Workflow::InProgress }));
        let mut day = started;
        let mut progress = 0.0;
        while let Some(p) = Period::containing(PeriodKind::Quarterly, day) {
            let on = p.end.min(TODAY);
            if on > TODAY || on < day {
                break;
            }
            progress = (progress + 10.0 + rng.below(30) as f64).min(95.0);
            let summary = format!("Đã triển khai đến {} chi bộ trực thuộc, đạt {progress:.0}% kế hoạch.", 2 + i % 40);
            log.push((on, EventKind::Report { period: p, summary, progress: Some(Progress::new(progress).unwrap()) }));
            match p.end.next_day() {
                Some(next) if next <= TODAY => day = next,
                _ => break,
            }
        }
        let roll = rng.below(100);
        let (workflow, done_on) = if roll < 45 && deadline < TODAY {
            let done = (deadline - Duration::days(30) + Duration::days(rng.below(60) as i64)).min(TODAY).max(day);
            log.push((done, EventKind::StatusChange { from: Workflow::InProgress, to: Workflow::Done }));
            (Workflow::Done, Some(done))
        } else if roll < 50 {
            let at = (day + Duration::days(rng.below(30) as i64)).min(TODAY);
            log.push((at, EventKind::StatusChange { from: Workflow::InProgress, to: Workflow::Cancelled }));
            (Workflow::Cancelled, None)
        } else {
            (Workflow::InProgress, None)
        };
        let last_progress = log.iter().rev().find_map(|(on, k)| {
            if let EventKind::Report { progress, .. } = k { progress.map(|p| (*on, p)) } else { None }
        });
        tasks.push(format!(
            "({id}, {}, 'Mục {}.{}', '{}', {}, NULL, NULL, {}, {}, '{}', 'normal', {}, {}, '2025-01-02T08:00:00Z', {})",
            docs[i % docs.len()],
            ["I", "II", "III", "IV"][i % 4],
            1 + i % 7,
            [
                "Quán triệt, triển khai thực hiện nghị quyết",
                "Nâng cao chất lượng sinh hoạt chi bộ",
                "Phát triển đảng viên mới"
            ][i % 3],
            orgs[i % orgs.len()],
            quote(deadline),
            done_on.map_or("NULL".to_owned(), quote),
            code(workflow),
            last_progress.map_or("NULL".to_owned(), |(_, p)| p.percent().to_string()),
            last_progress.map_or("NULL".to_owned(), |(on, _)| quote(on)),
            quote(given),
        ));
        for (on, kind) in log {
            let (kind_code, progress, moved) = match &kind {
                EventKind::Report { progress, .. } => ("report", progress.map(|p| p.percent()), None),
                EventKind::StatusChange { from, to } => ("status_change", None, Some((*from, *to))),
                _ => unreachable!("only reports and moves"),
            };
            let body =
                serde_json::to_string(&Event { occurred_on: on, recorded_on: on, kind }).unwrap().replace('\'', "''");
            events.push(format!(
                "({id}, {}, {}, '{kind_code}', '{body}', {}, '2025-01-02T08:00:00Z', {}, {})",
                quote(on),
                quote(on),
                progress.map_or("NULL".to_owned(), |p| p.to_string()),
                moved.map_or("NULL".to_owned(), |(f, _)| format!("'{}'", code(f))),
                moved.map_or("NULL".to_owned(), |(_, t)| format!("'{}'", code(t))),
            ));
        }
    }
    let mut tx = conn.begin().await.expect("begin");
    for chunk in tasks.chunks(1000) {
        let mut sql = String::from(
            "INSERT INTO task (id, document_id, clause, title, org_id, parent_id, weight, deadline, done_on, workflow, \
             classification, progress, progress_on, created_at, assigned_on) VALUES ",
        );
        sql.push_str(&chunk.join(", "));
        sqlx::raw_sql(AssertSqlSafe(sql)).execute(&mut *tx).await.expect("insert tasks");
    }
    for chunk in events.chunks(1000) {
        let mut sql = String::from(
            "INSERT INTO task_event (task_id, occurred_on, recorded_on, kind, body, progress, created_at, status_from, \
             status_to) VALUES ",
        );
        sql.push_str(&chunk.join(", "));
        sqlx::raw_sql(AssertSqlSafe(sql)).execute(&mut *tx).await.expect("insert events");
    }
    tx.commit().await.expect("commit");
    let analyze = if conn.backend_name() == "PostgreSQL" { "VACUUM ANALYZE" } else { "ANALYZE" };
    sqlx::raw_sql(analyze).execute(&mut *conn).await.expect("analyze");
    (tasks.len(), events.len())
}

async fn load(db: &Db, url: &str, schema: Option<&str>) -> OrgNode {
    db.migrate().await.expect("migrate");
    let scenario = daihoi_demo::quang_ninh(env("DAIHOI_BENCH_MEMBERS", 200_000), daihoi_demo::DEMO_SEED);
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
    let orgs: Vec<i64> = sqlx::query_scalar(
        "SELECT org_id FROM org_version WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) ORDER BY path",
    )
    .bind(daihoi_core::date::iso(TODAY))
    .fetch_all(&mut conn)
    .await
    .expect("organizations");
    let docs: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM document ORDER BY id LIMIT 5").fetch_all(&mut conn).await.expect("docs");
    let started = Instant::now();
    let (tasks, events) = generate(&mut conn, &orgs, &docs, env("DAIHOI_BENCH_TASKS", 100_000)).await;
    eprintln!("{} organizations, {tasks} tasks and {events} events written in {:.2?}", orgs.len(), started.elapsed());
    conn.close().await.expect("close");
    province
}

/// Runs `f` `n` times; prints the fastest and the median.
fn time<T>(rt: &Runtime, name: &str, n: usize, mut f: impl AsyncFnMut() -> T, describe: impl Fn(&T) -> String) {
    let mut times: Vec<Elapsed> = Vec::with_capacity(n);
    let mut last = None;
    reset_peak();
    let base = status_kb("VmRSS:");
    for _ in 0..n {
        drop(last.take());
        let started = Instant::now();
        let out = rt.block_on(f());
        times.push(started.elapsed());
        last = Some(out);
    }
    times.sort();
    let mut line = format!(
        "{name}: fastest {:.1?}, median {:.1?}, slowest {:.1?} ({n} runs)",
        times[0],
        times[n / 2],
        times[n - 1]
    );
    if let Some(out) = &last {
        let _ = write!(line, "; {}", describe(out));
    }
    let _ = write!(line, "; peak memory {}", peak_memory(base));
    println!("{line}");
}

fn run(rt: &Runtime, engine: &str, db: &Db, province: &OrgNode) {
    let every = ReportCut { clearance: Classification::Secret, document: None };
    let describe = |r: &daihoi_store::tasks::reports::ReportTasks| {
        let cancelled = r.tasks.iter().filter(|t| t.workflow == Workflow::Cancelled).count();
        let reported = r.tasks.iter().filter(|t| t.latest_report.is_some()).count();
        format!(
            "{} tasks ({cancelled} cancelled, {reported} with a report), {} branches",
            r.tasks.len(),
            r.branches.len()
        )
    };
    time(
        rt,
        &format!("{engine}/report_tasks province, current quarter"),
        5,
        async || db.report_tasks(province, TODAY, TODAY, every).await.expect("report"),
        describe,
    );
    time(
        rt,
        &format!("{engine}/report_tasks province, Q2 2026 (past)"),
        5,
        async || db.report_tasks(province, PAST, PAST, every).await.expect("report"),
        describe,
    );
    time(
        rt,
        &format!("{engine}/latest_reports_in province"),
        5,
        async || db.latest_reports_in(province, TODAY, TODAY, Classification::Secret).await.expect("latest"),
        |m| format!("{} tasks with a report", m.len()),
    );
}

fn main() {
    // `cargo bench` passes --bench; a filter is not supported.
    let rt = Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", dir.path().join("bench.sqlite").display());
    let db = rt.block_on(Db::connect(&url)).expect("sqlite");
    let province = rt.block_on(load(&db, &url, None));
    run(&rt, "sqlite", &db, &province);
    if let Ok(url) = std::env::var("DAIHOI_BENCH_POSTGRES_URL") {
        let schema = format!("daihoi_bench_report_{}", std::process::id());
        let db = rt.block_on(Db::connect_in_schema(&url, Some(&schema))).expect("postgres");
        let province = rt.block_on(load(&db, &url, Some(&schema)));
        run(&rt, "postgres", &db, &province);
        rt.block_on(db.drop_schema(&schema)).expect("drop schema");
    } else {
        eprintln!("note: PostgreSQL skipped (set DAIHOI_BENCH_POSTGRES_URL)");
    }
}
