//! TEXT-1 on the free text people type besides names (issue 12): a title,
//! a summary, a conference's notes, a task's title and clause, a target's
//! name and unit, a reading's note, the text of a log entry. A NUL, an
//! escape sequence or an invisible formatting character is refused, so is a
//! text longer than its limit; nothing is written; line breaks stay text in
//! notes and summaries.

use daihoi_core::text::{NOTE_MAX_CHARS, TITLE_MAX_CHARS};
use daihoi_store::dissemination::NewDissemination;
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::targets::NewTarget;
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::OperatorWrites;
use daihoi_test_support::fixtures::{TODAY, code, small_tree};
use daihoi_tracking::{Direction, Event, EventKind, Finding, Reading, Target};
use time::macros::date;

fn document<'a>(title: &'a str, summary: &'a str) -> NewDocument<'a> {
    NewDocument {
        doc_type: "NQ",
        issuer: "TU",
        number: 23,
        number_text: "23",
        issued_on: date!(2024 - 03 - 03),
        title,
        summary,
        classification: Classification::Normal,
        org: None,
    }
}

fn refused(result: Result<impl std::fmt::Debug, StoreError>, field: &str) {
    match result {
        Err(e @ StoreError::BadText { .. }) => {
            assert_eq!(e.rule(), Some("TEXT-1"));
            assert!(e.to_string().starts_with(&format!("{field}: TEXT-1")), "{e}");
        }
        other => panic!("{field}: {other:?}"),
    }
}

async fn free_text_is_checked_text(db: Db) {
    small_tree(&db).await;
    let long_title = "Nghị quyết ".repeat(TITLE_MAX_CHARS);
    for title in ["Nghị quyết\0số 23", "Nghị quyết \u{1b}[2J", "\u{202e}Nghị quyết", long_title.as_str(), " "]
    {
        refused(db.register_document(&document(title, "")).await, "title");
    }
    refused(db.register_document(&document("Nghị quyết 23", "Tóm tắt\u{7}")).await, "summary");
    let long_summary = "x".repeat(NOTE_MAX_CHARS + 1);
    refused(db.register_document(&document("Nghị quyết 23", &long_summary)).await, "summary");
    let doc = db.register_document(&document(" Nghị quyết 23 ", "Dòng một\r\n\tDòng hai\n")).await.unwrap();
    assert_eq!((doc.title.as_str(), doc.summary.as_str()), ("Nghị quyết 23", "Dòng một\r\n\tDòng hai"));

    let org = code("QN.DH.QT");
    let conference = |title, level, notes| NewDissemination {
        org: &org,
        held_on: TODAY,
        title,
        level,
        notes,
        documents: std::slice::from_ref(&doc.id),
        classification: Classification::Normal,
    };
    refused(db.record_dissemination(&conference("Hội nghị\0", "", "")).await, "title");
    refused(db.record_dissemination(&conference("Hội nghị", "cấp\u{200b}xã", "")).await, "level");
    refused(db.record_dissemination(&conference("Hội nghị", "", "Ghi chú\u{1b}")).await, "notes");
    assert!(db.disseminations_of(doc.id).await.unwrap().is_empty(), "no conference was written");

    let task = |title, clause| NewTask {
        document_id: doc.id,
        clause,
        title,
        org: &org,
        parent: None,
        weight: None,
        deadline: Some(date!(2026 - 06 - 30)),
        external_id: None,
        classification: Classification::Normal,
        assigned_on: date!(2025 - 01 - 10),
    };
    let long_task = "Nhiệm vụ ".repeat(200);
    refused(db.create_task(&task("Nhiệm vụ\0", "")).await, "title");
    refused(db.create_task(&task(&long_task, "")).await, "title");
    refused(db.create_task(&task("Nhiệm vụ", "Mục\nIII")).await, "clause");
    let t = db.create_task(&task("Xây dựng khu vực biên giới vững mạnh", "Mục III.1")).await.unwrap();

    let target = |name, unit: &str| NewTarget {
        task_id: t.id,
        name,
        target: Target::new(unit, 60.0, 80.0, Direction::HigherIsBetter).unwrap(),
    };
    refused(db.create_target(&target("Tỷ lệ\0", "%")).await, "target name");
    refused(db.create_target(&target("Tỷ lệ", "%\u{7}")).await, "unit");
    let g = db.create_target(&target("Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ", "%")).await.unwrap();
    let reading = Reading { on: date!(2025 - 03 - 31), value: 65.0 };
    refused(db.record_reading(g.id, reading, "Quý I\0").await, "note");
    db.record_reading(g.id, reading, "Quý I\nđạt").await.unwrap();

    let event = |kind| Event { occurred_on: date!(2025 - 03 - 01), recorded_on: date!(2025 - 03 - 01), kind };
    let urging = |by: &str, note: &str| EventKind::Urging { by: by.into(), note: note.into(), new_deadline: None };
    refused(db.record_event(t.id, &event(urging("Ban Thường vụ", "Khẩn\0trương"))).await, "note");
    refused(db.record_event(t.id, &event(urging("Ban\nThường vụ", "Khẩn trương"))).await, "by");
    let inspection = EventKind::Inspection {
        by: "UBKT".into(),
        findings: vec![Finding { text: "Chậm\u{1b}".into() }],
        recommendations: vec![],
    };
    refused(db.record_event(t.id, &event(inspection)).await, "finding");
    assert!(db.task_events(t.id).await.unwrap().is_empty(), "no log entry was written");
    db.record_event(t.id, &event(urging("Ban Thường vụ", "Khẩn trương,\nbáo cáo trước 30/6"))).await.unwrap();
}

daihoi_test_support::engines!(free_text_is_checked_text);
