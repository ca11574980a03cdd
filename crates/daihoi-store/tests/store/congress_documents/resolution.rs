//! From the adopted resolution to tracking, and back (issue 17 item 6):
//! the 2020 congress of the province adopts its resolution (C-PLAN-7),
//! registered as `01-NQ/ĐH` once a person answered the issuer code
//! (D-NUM-4 [open]), its targets (T-5) and tasks (T-1) created in the same
//! write, each with an audit entry, a task cascaded like any other (T-2);
//! every refusal with its rule and nothing written; the 2025 congress's
//! review section computed from the tracking data on a date, the same
//! figures as the tracking report's; a confidential resolution unseen
//! below its classification (T-6).

use daihoi_congress::{AnswerValue, CongressKind, Length, LevelClass, OpenQuestion, Schedule, Scope};
use daihoi_core::Role;
use daihoi_drafts::{Block, DocumentKind};
use daihoi_store::congress_documents::{Adoption, NewDocument, NewGoal, NewItem, VersionSource};
use daihoi_store::congresses::{Congress, Round, RoundTemplate};
use daihoi_store::documents::Classification;
use daihoi_store::tasks::create::Cascade;
use daihoi_store::{Db, StoreError, Viewer};
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use daihoi_tracking::{Direction, Event, EventKind, Progress, Reading, Workflow};
use time::Date;
use time::macros::date;

use crate::congresses::{entries, plan, round};

const TODAY: Date = date!(2025 - 06 - 01);

fn resolution_text() -> Vec<Block> {
    let p = |t: &str| Block::Paragraph { text: t.to_owned() };
    vec![
        Block::Heading { level: 1, text: "I. MỤC TIÊU".into() },
        p("Xây dựng Đảng bộ tỉnh trong sạch, vững mạnh."),
        p("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên đạt 80%."),
        Block::Heading { level: 1, text: "II. NHIỆM VỤ".into() },
        p("Nâng cao chất lượng sinh hoạt chi bộ."),
        p("Hoàn thành quy hoạch nông thôn mới ở các xã."),
    ]
}

/// The round of the 2020–2025 term, with the province's congress held in
/// October 2020 and its draft resolution in one version.
async fn held_2020(db: &Db, office: &Viewer) -> (Round, Congress) {
    let r = db
        .operator()
        .congresses()
        .create_round("2020-2025", "Đại hội nhiệm kỳ 2020–2025", RoundTemplate::Term2025To2030, TODAY, "x")
        .await
        .unwrap();
    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let mut p = plan(LevelClass::UnderCentre, CongressKind::DelegateCongress, date!(2020 - 10 - 10), 3);
    p.actual = Some(Schedule { opening: date!(2020 - 10 - 10), length: Length::days(3) });
    let congress = db.scoped(office).congresses().plan(&r, &qn, &p, TODAY, "x").await.unwrap();
    (r, congress)
}

async fn draft_resolution(db: &Db, office: &Viewer, congress: &Congress, classification: Classification) {
    let new = NewDocument {
        kind: DocumentKind::DraftResolution,
        title: "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XV",
        classification,
        line_length: 80,
    };
    let docs = db.scoped(office);
    let docs = docs.congress_documents();
    let doc = docs.create_document(congress, &new, "x").await.unwrap();
    docs.add_version(congress, &doc, &resolution_text(), VersionSource::Page, None, "x").await.unwrap();
}

async fn answer_issuer(db: &Db, r: &Round) {
    db.operator()
        .congresses()
        .answer(
            r,
            OpenQuestion::ResolutionIssuer,
            &Scope::Round,
            AnswerValue::Text("ĐH".into()),
            TODAY,
            "HD",
            TODAY,
            "x",
        )
        .await
        .unwrap();
}

fn goal(unit: &str, baseline: Option<f64>, value: Option<f64>) -> Option<NewGoal<'_>> {
    Some(NewGoal { unit, baseline, goal: value, direction: Direction::HigherIsBetter })
}

async fn adoption_registers_the_resolution_and_creates_its_targets_and_tasks_in_one_write(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.qn", Role::Office, "QN").await;
    let (r, congress) = held_2020(&db, &office).await;
    let o = db.scoped(&office);
    let docs = o.congress_documents();
    let qt = code("QN.DH.QT");
    let items = [
        NewItem {
            title: "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ",
            paragraph: 2,
            org: None,
            deadline: Some(date!(2025 - 06 - 30)),
            goal: goal("%", Some(60.0), Some(80.0)),
        },
        NewItem {
            title: "Nâng cao chất lượng sinh hoạt chi bộ",
            paragraph: 3,
            org: None,
            deadline: Some(date!(2024 - 12 - 31)),
            goal: None,
        },
        NewItem {
            title: "Hoàn thành quy hoạch nông thôn mới",
            paragraph: 4,
            org: Some(&qt),
            deadline: None,
            goal: None,
        },
    ];
    let adoption = Adoption { number: None, title: "", adopted_on: None, items: &items };

    // Refusals, each with its rule, nothing written.
    let refused = async |adoption: &Adoption<'_>, congress: &Congress, rule: &str| {
        let before = entries(&db).await;
        let err = docs.adopt_resolution(congress, adoption, "x").await.unwrap_err();
        assert!(matches!(&err, StoreError::DraftRefused { rule: r, .. } if *r == rule), "{rule}: {err}");
        assert_eq!(entries(&db).await, before, "{rule}: nothing written");
    };
    // C-PLAN-7: no draft resolution yet.
    refused(&adoption, &congress, "C-PLAN-7").await;
    draft_resolution(&db, &office, &congress, Classification::Normal).await;
    // C-PLAN-7 with D-NUM-4: the issuer code awaits a person's answer.
    refused(&adoption, &congress, "C-PLAN-7").await;
    answer_issuer(&db, &r).await;
    // C-PLAN-7: a congress not held.
    let (now, planned) = {
        let r2 = round(&db).await;
        let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
        let p = plan(LevelClass::UnderCentre, CongressKind::DelegateCongress, date!(2025 - 10 - 10), 3);
        (r2.clone(), o.congresses().plan(&r2, &qn, &p, TODAY, "x").await.unwrap())
    };
    draft_resolution(&db, &office, &planned, Classification::Normal).await;
    refused(&adoption, &planned, "C-PLAN-7").await;
    // T-1: a clause that is not a paragraph of the adopted version.
    let nowhere = [NewItem { paragraph: 9, ..items[1].clone() }];
    refused(&Adoption { items: &nowhere, ..adoption.clone() }, &congress, "T-1").await;
    // T-5: a target without unit, or without goal.
    let no_unit = [NewItem { goal: goal(" ", Some(60.0), Some(80.0)), ..items[0].clone() }];
    refused(&Adoption { items: &no_unit, ..adoption.clone() }, &congress, "T-5").await;
    let no_goal = [items[1].clone(), NewItem { goal: goal("%", Some(60.0), None), ..items[0].clone() }];
    refused(&Adoption { items: &no_goal, ..adoption.clone() }, &congress, "T-5").await;

    // C-PLAN-7, D-NUM-1/5: adopted, registered `01-NQ/ĐH` in the province's
    // register, issued on the congress's last day, in one write: the
    // register entry, the adoption, three tasks and one target.
    let before = entries(&db).await;
    let adopted = docs.adopt_resolution(&congress, &adoption, "x").await.unwrap();
    assert_eq!(entries(&db).await - before, 6, "one audit entry per change");
    assert_eq!(adopted.document.number_label(), "01-NQ/ĐH");
    assert_eq!(adopted.document.issued_on, date!(2020 - 10 - 12));
    assert_eq!(adopted.document.org_id, Some(congress.org.id));
    assert_eq!(adopted.document.title, "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XV");
    assert_eq!((adopted.version, adopted.items.len()), (1, 3));
    assert!(adopted.items[0].target_id.is_some() && adopted.items[1].target_id.is_none());
    // T-1: each task points to the registered resolution and its clause.
    let tasks = o.tasks();
    let mut created = Vec::new();
    for item in &adopted.items {
        created.push(tasks.task(item.task_id, TODAY).await.unwrap().unwrap());
    }
    assert!(created.iter().all(|t| t.document_id == adopted.document.id));
    let clauses: Vec<_> = created.iter().map(|t| t.clause.as_str()).collect();
    assert_eq!(clauses, ["Mục I, đoạn 2", "Mục II, đoạn 3", "Mục II, đoạn 4"]);
    assert_eq!(created[2].org, qt);
    // T-5: the target with its unit, baseline and goal.
    let target = tasks.targets(&created[0]).await.unwrap().pop().unwrap();
    assert_eq!((target.series.target().baseline, target.series.target().target), (60.0, 80.0));
    // A second adoption: refused, nothing written.
    refused(&adoption, &congress, "C-PLAN-7").await;
    // T-2: cascaded like any other task.
    let cascade =
        Cascade { orgs: &[code("QN.DH"), code("QN.TY")], title: "", deadline: None, weight: None, assigned_on: TODAY };
    assert_eq!(tasks.cascade_task(&created[1], &cascade, "x").await.unwrap().len(), 2);
    assert_eq!(docs.resolution(&congress).await.unwrap().unwrap(), adopted);
    drop(now);
}

async fn the_review_section_is_the_tracking_report_of_the_previous_resolution(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.qn", Role::Office, "QN").await;
    let (r, old) = held_2020(&db, &office).await;
    draft_resolution(&db, &office, &old, Classification::Normal).await;
    answer_issuer(&db, &r).await;
    let o = db.scoped(&office);
    let docs = o.congress_documents();
    let items = [
        NewItem {
            title: "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ",
            paragraph: 2,
            org: None,
            deadline: None,
            goal: goal("%", Some(60.0), Some(80.0)),
        },
        NewItem {
            title: "Nâng cao chất lượng sinh hoạt chi bộ",
            paragraph: 3,
            org: None,
            deadline: Some(date!(2024 - 12 - 31)),
            goal: None,
        },
    ];
    let adopted = docs
        .adopt_resolution(&old, &Adoption { number: Some(1), title: "", adopted_on: None, items: &items }, "x")
        .await
        .unwrap();
    let tasks = o.tasks();
    let carrier = tasks.task(adopted.items[0].task_id, TODAY).await.unwrap().unwrap();
    let target_id = adopted.items[0].target_id.unwrap();
    for (on, value) in [(date!(2022 - 12 - 31), 70.0), (date!(2024 - 12 - 31), 76.0)] {
        tasks.record_reading(&carrier, target_id, Reading { on, value }, "", "x").await.unwrap();
    }
    let task = tasks.task(adopted.items[1].task_id, TODAY).await.unwrap().unwrap();
    let done = Event {
        occurred_on: date!(2024 - 11 - 30),
        recorded_on: date!(2024 - 12 - 01),
        kind: EventKind::StatusChange { from: Workflow::Assigned, to: Workflow::Done },
    };
    tasks.record_event(&task, &done, "x").await.unwrap();

    // The 2025 congress of the same organization.
    let now = round(&db).await;
    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let p = plan(LevelClass::UnderCentre, CongressKind::DelegateCongress, date!(2025 - 10 - 10), 3);
    let congress = o.congresses().plan(&now, &qn, &p, TODAY, "x").await.unwrap();
    assert!(docs.review_section(&old, TODAY, TODAY).await.unwrap().is_none(), "no term before 2020's");
    let on = date!(2023 - 06 - 30);
    let section = docs.review_section(&congress, on, TODAY).await.unwrap().unwrap();
    assert_eq!(section.resolution.document.number_label(), "01-NQ/ĐH");
    // The figures are the tracking report's for the same date.
    let report = tasks.report_tasks(&qn, on, on, Some(adopted.document.id)).await.unwrap();
    let stored = tasks.targets_in(&qn, on, Some(adopted.document.id), u32::MAX).await.unwrap().0;
    let [t] = section.targets.as_slice() else { panic!("one target: {:?}", section.targets) };
    let expected = stored.iter().find(|s| s.id == target_id).unwrap().series.attainment_at(on);
    assert_eq!(t.attainment, expected);
    let a = t.attainment.unwrap();
    assert_eq!((a.reading.value, a.progress, a.met), (70.0, Progress::new(50.0).unwrap(), false));
    assert_eq!((t.target.series.target().baseline, t.target.series.target().target), (60.0, 80.0));
    let [k] = section.tasks.as_slice() else { panic!("one task: {:?}", section.tasks) };
    assert_eq!(&k.task, report.tasks.iter().find(|x| x.id == task.id).unwrap());
    assert_eq!(k.task.workflow, Workflow::Assigned, "as it stood in 2023");
    // On a later date: the later reading, the task done.
    let later = docs.review_section(&congress, TODAY, TODAY).await.unwrap().unwrap();
    assert_eq!(later.targets[0].attainment.unwrap().reading.value, 76.0);
    assert_eq!(later.tasks[0].task.workflow, Workflow::Done);
    assert!(matches!(later.tasks[0].status, Some(daihoi_tracking::DeadlineStatus::DoneOnTime)));
}

async fn a_confidential_resolution_is_unseen_below_its_classification(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.qn", Role::Office, "QN").await;
    let (r, old) = held_2020(&db, &office).await;
    answer_issuer(&db, &r).await;
    let operator = db.operator();
    // T-6: the operator drafts and adopts a confidential resolution.
    let new = NewDocument {
        kind: DocumentKind::DraftResolution,
        title: "Nghị quyết mật",
        classification: Classification::Confidential,
        line_length: 80,
    };
    let doc = operator.congress_documents().create_document(&old, &new, "x").await.unwrap();
    operator
        .congress_documents()
        .add_version(&old, &doc, &resolution_text(), VersionSource::Page, None, "x")
        .await
        .unwrap();
    let items = [NewItem { title: "Nhiệm vụ mật", paragraph: 1, org: None, deadline: None, goal: None }];
    let adoption = Adoption { number: None, title: "", adopted_on: None, items: &items };
    // The office below the classification finds no draft resolution.
    let o = db.scoped(&office);
    let err = o.congress_documents().adopt_resolution(&old, &adoption, "x").await.unwrap_err();
    assert!(matches!(&err, StoreError::DraftRefused { rule: "C-PLAN-7", .. }), "{err}");
    let adopted = operator.congress_documents().adopt_resolution(&old, &adoption, "x").await.unwrap();
    assert_eq!(adopted.document.classification, Classification::Confidential);
    let now = round(&db).await;
    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let p = plan(LevelClass::UnderCentre, CongressKind::DelegateCongress, date!(2025 - 10 - 10), 3);
    let congress = o.congresses().plan(&now, &qn, &p, TODAY, "x").await.unwrap();
    let err = o.congress_documents().review_section(&congress, TODAY, TODAY).await.unwrap_err();
    assert!(matches!(err, StoreError::Forbidden(_)), "{err}");
    assert!(matches!(o.congress_documents().resolution(&old).await, Err(StoreError::Forbidden(_))));
    assert!(operator.congress_documents().review_section(&congress, TODAY, TODAY).await.unwrap().is_some());
}

daihoi_test_support::engines!(
    adoption_registers_the_resolution_and_creates_its_targets_and_tasks_in_one_write,
    the_review_section_is_the_tracking_report_of_the_previous_resolution,
    a_confidential_resolution_is_unseen_below_its_classification
);
