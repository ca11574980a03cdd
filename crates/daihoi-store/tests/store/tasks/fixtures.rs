//! What the task tests share: a document, a task of it, an event, rules.

use daihoi_store::Db;
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::settings::TrackingRules;
use daihoi_test_support::fixtures::OperatorWrites;
use daihoi_test_support::fixtures::code;
use daihoi_tracking::{DeadlineDay, Event, EventKind, RollupRules, StatusRules, Unreported};
use time::Date;
use time::macros::date;

pub(crate) const D: Date = date!(2025 - 03 - 01);

/// The register's 28-NQ/TU (2024), unclassified.
pub(crate) async fn document(db: &Db) -> i64 {
    db.register_document(&NewDocument {
        doc_type: "NQ",
        issuer: "TU",
        number: 28,
        number_text: "28",
        issued_on: date!(2024 - 05 - 10),
        title: "Về xây dựng lực lượng công an",
        summary: "",
        classification: Classification::Normal,
        org: None,
    })
    .await
    .unwrap()
    .id
}

pub(crate) async fn task(db: &Db, doc: i64, org: &str, parent: Option<i64>, classification: Classification) -> i64 {
    db.create_task(&NewTask {
        document_id: doc,
        clause: "Mục II.2",
        title: "Bố trí công an chính quy về xã",
        org: &code(org),
        parent,
        weight: None,
        deadline: Some(date!(2025 - 06 - 30)),
        external_id: None,
        classification,
        assigned_on: date!(2025 - 01 - 10),
    })
    .await
    .unwrap()
    .id
}

pub(crate) fn event(kind: EventKind) -> Event {
    Event { occurred_on: D, recorded_on: D, kind }
}

pub(crate) fn rules(deadline_day: DeadlineDay, window: u32, unreported: Unreported) -> TrackingRules {
    TrackingRules { status: StatusRules { due_soon_window: window, deadline_day }, rollup: RollupRules { unreported } }
}
