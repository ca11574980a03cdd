//! T-2, T-4 (issue 14 §1): one definition of each progress figure — a
//! task's own reported progress, its roll-up, a subtree's overall progress
//! — and every output gives the same numbers for the same subtree, rules
//! and day: the dashboard's page and its API, the task's page and its API,
//! the periodic report's workbook and its PDF. Checked on the demo and on
//! subtrees of generated cascades (weights, withdrawn tasks, unreported
//! sub-tasks), against the store's `subtree_figures`.

use crate::support;

use std::collections::HashMap;

use axum::http::{Method, StatusCode};
use daihoi_core::Role;
use daihoi_print::NumberStyle;
use daihoi_store::Db;
use daihoi_store::documents::Classification;
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::lists::SubtreeFigures;
use daihoi_test_support::fixtures::*;
use daihoi_tracking::{Event, EventKind, Progress, RollupRules, Weight, Workflow};
use support::TestApp;
use time::Date;

/// The demo's tree, documents, tasks and tracking (its rules chosen at the
/// province, unreported sub-tasks counting as 0 %).
async fn demo(db: &Db) {
    let scenario = daihoi_demo::quang_ninh(0, daihoi_demo::DEMO_SEED);
    db.load_tree(&scenario).await.unwrap();
    db.load_demo_documents().await.unwrap();
    db.load_demo_tasks().await.unwrap();
    db.load_demo_tracking().await.unwrap();
}

/// A small deterministic generator (xorshift).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Cascades generated over the demo's tree on `today`: top tasks of
/// random organizations, sub-tasks given to organizations below their
/// parent's assignee (T-2), some weighted, some withdrawn, some reported.
/// Returns the organizations that were given tasks.
async fn generated(db: &Db, seed: u64, today: Date) -> (Vec<String>, HashMap<String, i64>) {
    // Each organization on `today` with the organizations below it.
    let province = db.org_by_code(&code("QN"), today).await.unwrap().unwrap();
    let mut below: HashMap<String, Vec<String>> = HashMap::new();
    for org in db.subtree(&province, today).await.unwrap() {
        let under: Vec<String> = db
            .subtree(&org, today)
            .await
            .unwrap()
            .into_iter()
            .filter(|o| o.id != org.id)
            .map(|o| o.code.to_string())
            .collect();
        below.insert(org.code.to_string(), under);
    }
    let below = |c: &str| below.get(c).cloned().unwrap_or_default();
    // The demo's 28-NQ/TU.
    let doc = db.documents_numbered("TU", "NQ", 28).await.unwrap()[0].id;
    let mut g = Gen(seed);
    let mut given = Vec::new();
    let mut n = 0;
    let mut tops: Vec<String> =
        db.subtree(&province, today).await.unwrap().iter().map(|o| o.code.to_string()).collect();
    tops.retain(|c| !below(c).is_empty());
    let mut ids = HashMap::new();
    for _ in 0..6 {
        let org = tops[g.below(tops.len())].clone();
        let mut stack = vec![(org, None::<i64>, 0usize)];
        while let Some((org, parent, depth)) = stack.pop() {
            n += 1;
            let title = format!("Nhiệm vụ sinh số {n}");
            let weight = (parent.is_some() && g.chance(50)).then(|| Weight::new(g.below(4) as f64).unwrap());
            let task = db
                .create_task(&NewTask {
                    document_id: doc,
                    clause: "",
                    title: &title,
                    org: &code(&org),
                    parent,
                    weight,
                    deadline: None,
                    external_id: None,
                    classification: Classification::Normal,
                    assigned_on: today,
                })
                .await
                .unwrap()
                .id;
            given.push(org.clone());
            ids.insert(title.clone(), task);
            let at = |kind| Event { occurred_on: today, recorded_on: today, kind };
            if g.chance(60) {
                let p = Progress::new((g.below(21) * 5) as f64).unwrap();
                db.record_event(task, &at(EventKind::ProgressReported { progress: p })).await.unwrap();
            }
            if depth > 0 && g.chance(10) {
                let mv = EventKind::StatusChange { from: Workflow::Assigned, to: Workflow::Cancelled };
                db.record_event(task, &at(mv)).await.unwrap();
            }
            let kids = below(&org);
            if depth < 3 && !kids.is_empty() {
                for _ in 0..g.below(4) {
                    stack.push((kids[g.below(kids.len())].clone(), Some(task), depth + 1));
                }
            }
        }
    }
    given.sort();
    given.dedup();
    (given, ids)
}

fn pct(p: Option<Progress>) -> Option<f64> {
    p.map(Progress::percent)
}

fn close(a: Option<f64>, b: Option<f64>, what: &str) {
    match (a, b) {
        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{what}: {a} ≠ {b}"),
        _ => assert_eq!(a, b, "{what}"),
    }
}

/// The JSON number (or null) as a percent.
fn json_pct(v: &serde_json::Value) -> Option<f64> {
    v.as_f64()
}

/// Every output of one subtree against the store's figures.
async fn check_subtree(
    db: &Db,
    app: &TestApp,
    (token, ids): (&str, &HashMap<String, i64>),
    client: &mut support::Client,
    root: &str,
    today: Date,
) {
    let node = db.org_by_code(&code(root), today).await.unwrap().unwrap();
    let setting = db.tracking_setting(&node, today).await.unwrap().expect("the demo chose the rules");
    let rules: RollupRules = setting.rules.rollup;
    let want: SubtreeFigures = db.subtree_figures(&node, today, None, None, &rules).await.unwrap();
    let vi = NumberStyle::Vi;

    // The dashboard's API: the overall figure, each top's roll-up and own.
    let api = app.anonymous().api(Method::GET, &format!("/api/v1/orgs/{root}/tracking"), token, None).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let json = api.json();
    close(json_pct(&json["rollup"]["overall"]), pct(want.overall), &format!("{root}: API overall"));
    for top in json["rollup"]["tops"].as_array().unwrap() {
        let id = top["id"].as_i64().unwrap();
        let f = want.by_task[&id];
        close(json_pct(&top["progress"]), pct(f.rolled), &format!("{root}: API top {id}"));
        close(json_pct(&top["own_progress"]), pct(f.own), &format!("{root}: API top {id} own"));
    }

    // The dashboard's page: "Tiến độ chung: 42,5%".
    let page = client.get(&format!("/orgs/{root}/tracking")).await;
    assert_eq!(page.status, StatusCode::OK);
    if let Some(o) = want.overall {
        let shown = format!("Tiến độ chung: {}", vi.percent(o.percent()));
        assert!(page.body.contains(&shown), "{root}: the dashboard shows {shown}");
    }

    // The report of the current period: its PDF's overall figure, its
    // workbook's row of each task (the roll-up of a task with sub-tasks,
    // else its own report).
    let (status, pdf) = client.get_bytes(&format!("/orgs/{root}/tracking/report?format=pdf&period=annual")).await;
    assert_eq!(status, StatusCode::OK);
    if let (Some(text), Some(o)) = (super::events::pdf_text_with(&pdf, &["-layout"]), want.overall) {
        let shown = vi.percent(o.percent());
        assert!(
            text.lines().any(|l| l.contains("Tiến độ chung") && l.contains(&shown)),
            "{root}: the PDF's overall progress is {shown}: {text}"
        );
    }
    let (status, xlsx) = client.get_bytes(&format!("/orgs/{root}/tracking/report?format=xlsx&period=annual")).await;
    assert_eq!(status, StatusCode::OK);
    let book = daihoi_sheets::read_bytes("r.xlsx", daihoi_sheets::Format::Xlsx, &xlsx).unwrap();
    let by_title: HashMap<i64, (Option<Progress>, Option<Progress>, usize)> =
        want.by_task.iter().map(|(id, f)| (*id, (f.own, f.rolled, f.subtasks))).collect();
    // The subtree's overall progress, on the summary sheet: the PDF's figure.
    let total = super::party_report::overall_cell(&xlsx);
    match want.overall {
        Some(o) => {
            close(total.parse::<f64>().ok().map(|c| c * 100.0), Some(o.percent()), &format!("{root}: the workbook"))
        }
        None => assert_eq!(total, "chưa báo cáo", "{root}"),
    }
    for row in book.sheets[0].rows.iter().skip(1) {
        let Some(n) = row.get(2).and_then(|t| t.strip_prefix("Nhiệm vụ sinh số ")) else { continue };
        let task = ids[&format!("Nhiệm vụ sinh số {n}")];
        let (own, rolled, subtasks) = by_title[&task];
        let want_cell = if subtasks > 0 { pct(rolled) } else { pct(own) };
        let cell = row.get(6).filter(|c| !c.is_empty()).map(|c| c.parse::<f64>().unwrap() * 100.0);
        close(cell, want_cell, &format!("{root}: the workbook's row of task {task}"));
    }
}

/// Every task with sub-tasks: its page and its API give the store's own
/// and rolled-up figures, and the page says why they differ.
async fn check_tasks(db: &Db, app: &TestApp, token: &str, client: &mut support::Client, today: Date) {
    let qn = db.org_by_code(&code("QN"), today).await.unwrap().unwrap();
    let rules = db.tracking_setting(&qn, today).await.unwrap().unwrap().rules.rollup;
    let all = db.subtree_figures(&qn, today, None, None, &rules).await.unwrap();
    let vi = NumberStyle::Vi;
    let mut checked = 0;
    for (id, f) in &all.by_task {
        if f.subtasks == 0 || !f.counted {
            continue;
        }
        let api = app.anonymous().api(Method::GET, &format!("/api/v1/tasks/{id}"), token, None).await;
        if api.status == StatusCode::FORBIDDEN {
            continue; // classified, above the reader's clearance
        }
        let json = api.json();
        close(json_pct(&json["progress"]), pct(f.own), &format!("task {id}: own"));
        close(json_pct(&json["rollup"]["progress"]), pct(f.rolled), &format!("task {id}: roll-up"));
        let page = client.get(&format!("/tasks/{id}")).await;
        if let Some(r) = f.rolled {
            assert!(page.body.contains(&vi.percent(r.percent())), "task {id}: its page shows its roll-up");
        }
        let differs = pct(f.own) != pct(f.rolled);
        assert_eq!(page.body.contains("class=\"note rollup-why\""), differs, "task {id}: the page says why");
        checked += 1;
    }
    assert!(checked > 0, "some tasks with sub-tasks were checked");
}

/// T-2 (issue 14 §1): the demo, then generated cascades over it: the same
/// figures through every output, for the province, its districts and
/// communes that were given tasks.
async fn every_output_gives_the_same_progress(db: Db) {
    demo(&db).await;
    let today = daihoi_core::date::date_in_vietnam(time::OffsetDateTime::now_utc());
    let mut roots = vec!["QN".to_owned()];
    let (given, ids) = generated(&db, 0x5eed_1234, today).await;
    roots.extend(given.into_iter().take(7));
    let app = TestApp::new(&db);
    app.user("qn.admin", Role::Admin, "QN").await;
    let (_, token) = app.token("qn.admin").await;
    let mut client = app.signed_in("qn.admin").await;
    for root in &roots {
        check_subtree(&db, &app, (&token, &ids), &mut client, root, today).await;
    }
    check_tasks(&db, &app, &token, &mut client, today).await;
}

daihoi_test_support::engines!(every_output_gives_the_same_progress);
