//! The incoming register (sổ văn bản đến), forwards down the tree and their
//! receipt (issue 14 §4): numbers by year, dates checked, a document goes
//! only below a register that holds it, receipt enters the receiving
//! register once, who edits a document and why not, and T-6 on every read.

use daihoi_core::Role;
use daihoi_store::documents::incoming::{EditRight, NewArrival};
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::{Db, StoreError, Viewer};
use daihoi_test_support::fixtures::OperatorWrites;
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use time::Date;
use time::macros::date;

fn doc(number: &str, doc_type: &'static str, issued_on: Date, classification: Classification) -> NewDocument<'static> {
    let number: &'static str = Box::leak(number.to_owned().into_boxed_str());
    NewDocument {
        doc_type,
        issuer: "TW",
        number: number.parse().unwrap(),
        number_text: number,
        issued_on,
        title: "Văn bản của Trung ương",
        summary: "",
        classification,
        org: None,
    }
}

fn came(arrived_on: Date) -> NewArrival<'static> {
    NewArrival { arrived_on, sender: "Văn phòng Trung ương Đảng" }
}

async fn node(db: &Db, c: &str) -> daihoi_store::orgs::OrgNode {
    db.org_by_code(&code(c), date!(2025 - 03 - 01)).await.unwrap().unwrap()
}

async fn entries(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

async fn cleared(db: &Db, login: &str, role: Role, org: &str, level: Classification) -> Viewer {
    let v = user_with(db, login, role, org).await;
    db.operator().accounts().set_clearance(v.user().unwrap(), level, "test").await.unwrap();
    db.viewer(db.user_by_login(login).await.unwrap().unwrap()).await.unwrap()
}

/// Arrival numbers start from 1 each year, per register; the same document
/// twice in one register is refused with its number, and a day before the
/// issue or after today is refused; a refusal writes nothing.
async fn arrivals_are_numbered_by_year(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.tinh", Role::Office, "QN").await;
    let s = db.scoped(&office);
    let qn = node(&db, "QN").await;
    let (qd190, a) = s
        .documents()
        .register_incoming(
            &qn,
            &doc("190", "QĐ", date!(2024 - 10 - 10), Classification::Normal),
            came(date!(2024 - 10 - 14)),
            "x",
        )
        .await
        .unwrap();
    assert_eq!((a.number, a.year, a.forward_id), (1, 2024, None));
    assert_eq!(qd190.org_id, None, "from outside the tree: in no outgoing register");
    let (_, b) = s
        .documents()
        .register_incoming(
            &qn,
            &doc("35", "CT", date!(2024 - 06 - 14), Classification::Normal),
            came(date!(2024 - 11 - 02)),
            "x",
        )
        .await
        .unwrap();
    assert_eq!((b.number, b.year), (2, 2024));
    let (_, c) = s
        .documents()
        .register_incoming(
            &qn,
            &doc("45", "CT", date!(2025 - 04 - 14), Classification::Normal),
            came(date!(2025 - 04 - 17)),
            "x",
        )
        .await
        .unwrap();
    assert_eq!((c.number, c.year), (1, 2025), "a new year starts from 1");
    let before = entries(&db).await;
    let again = s.documents().record_arrival(&qn, &qd190, came(date!(2024 - 10 - 20)), "x").await;
    assert!(matches!(again, Err(StoreError::AlreadyArrived { number: 1, year: 2024 })), "{again:?}");
    let early = s.documents().record_arrival(&node(&db, "QN.DH").await, &qd190, came(date!(2024 - 10 - 09)), "x").await;
    assert!(matches!(early, Err(StoreError::ArrivalDate { .. })), "{early:?}");
    let late = s.documents().record_arrival(&node(&db, "QN.DH").await, &qd190, came(date!(2999 - 01 - 01)), "x").await;
    assert!(matches!(late, Err(StoreError::ArrivalDate { .. })), "{late:?}");
    let blank = s
        .documents()
        .record_arrival(
            &node(&db, "QN.DH").await,
            &qd190,
            NewArrival { arrived_on: date!(2024 - 10 - 20), sender: " " },
            "x",
        )
        .await;
    assert!(matches!(blank, Err(StoreError::BadText { field: "sender", .. })), "{blank:?}");
    assert_eq!(entries(&db).await, before, "refusals write nothing");
    let register = s.documents().incoming_register(&qn, 2024).await.unwrap();
    assert_eq!(
        register.iter().map(|(a, d)| (a.number, d.number_label())).collect::<Vec<_>>(),
        [(1, "190-QĐ/TW".to_owned()), (2, "35-CT/TW".to_owned())]
    );
    assert_eq!(s.documents().incoming_years(&qn).await.unwrap(), [2025, 2024]);
    // Another office may not write in the province's register.
    let commune = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let refused = db.scoped(&commune).documents().record_arrival(&qn, &qd190, came(date!(2024 - 10 - 20)), "x").await;
    assert!(matches!(refused, Err(StoreError::Forbidden(_))), "{refused:?}");
}

/// A document goes from a register that holds it to organizations below;
/// the receiving office finds it in its inbox, receives it once, and the
/// receipt enters it in its own incoming register, sent by the forwarder.
/// The register that took it from outside edits it; one that got a copy
/// does not, and is told who does.
async fn forwards_go_below_and_receipt_enters_the_register(db: Db) {
    small_tree(&db).await;
    let province = user_with(&db, "vp.tinh", Role::Office, "QN").await;
    let p = db.scoped(&province);
    let qn = node(&db, "QN").await;
    let (qd190, _) = p
        .documents()
        .register_incoming(
            &qn,
            &doc("190", "QĐ", date!(2024 - 10 - 10), Classification::Normal),
            came(date!(2024 - 10 - 14)),
            "x",
        )
        .await
        .unwrap();
    let (qt, dn) = (node(&db, "QN.DH.QT").await, node(&db, "QN.TY.DN").await);
    let day = date!(2025 - 03 - 01);
    assert_eq!(p.documents().forward(&qd190, &qn, &[qt.clone(), dn.clone()], day, "x").await.unwrap(), 2);
    assert_eq!(p.documents().forward(&qd190, &qn, std::slice::from_ref(&qt), day, "x").await.unwrap(), 0, "once");
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let c = db.scoped(&office);
    // Not held by the commune yet: it cannot send it on.
    let cell = node(&db, "QN.DH.QT.CB01").await;
    let early = c.documents().forward(&qd190, &qt, std::slice::from_ref(&cell), day, "x").await;
    assert!(matches!(early, Err(StoreError::ForwardRefused(_))), "{early:?}");
    let inbox = c.documents().inbox(&qt, 10).await.unwrap();
    assert_eq!((inbox.total, inbox.unreceived), (1, 1));
    let (forward, _) = &inbox.items[0];
    assert_eq!((forward.from.code.as_str(), forward.to.code.as_str()), ("QN", "QN.DH.QT"));
    // Another commune's office does not receive it for Quảng Tân.
    let other = user_with(&db, "vp.dn", Role::Office, "QN.TY.DN").await;
    let refused = db.scoped(&other).documents().receive(forward, &qd190, day, "x").await;
    assert!(matches!(refused, Err(StoreError::Forbidden(_))), "{refused:?}");
    assert!(c.documents().receive(forward, &qd190, day, "x").await.unwrap());
    let (forward, _) = c.documents().forward_by_id(forward.id).await.unwrap().unwrap();
    assert!(!c.documents().receive(&forward, &qd190, day, "x").await.unwrap(), "received once");
    assert_eq!(forward.received.as_ref().map(|(_, by)| by.as_str()), Some("vp.qt"));
    let inbox = c.documents().inbox(&qt, 10).await.unwrap();
    assert_eq!((inbox.total, inbox.unreceived), (1, 0));
    let arrivals = c.documents().arrivals(&qd190).await.unwrap();
    let mine = arrivals.iter().find(|a| a.org.id == qt.id).expect("in the commune's incoming register");
    assert_eq!((mine.number, mine.year, mine.sender.as_str()), (1, 2025, "Đảng bộ tỉnh Quảng Ninh"));
    assert_eq!(mine.forward_id, Some(forward.id));
    // The page's list: the province's own arrival from outside, not the
    // copy received below (that one shows with its forward); the commune's
    // own copy for the commune, and not the province's register it does
    // not read.
    let listed = |arrivals: Vec<daihoi_store::documents::incoming::Arrival>| {
        arrivals.iter().map(|a| a.org.code.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(listed(p.documents().arrivals_listed(&qd190, std::slice::from_ref(&qn)).await.unwrap()), ["QN"]);
    assert_eq!(listed(c.documents().arrivals_listed(&qd190, std::slice::from_ref(&qt)).await.unwrap()), ["QN.DH.QT"]);
    assert_eq!(listed(p.documents().arrivals_listed(&qd190, &[]).await.unwrap()), ["QN"]);
    // Now held, the commune sends it on to its cells, not sideways.
    assert_eq!(c.documents().forward(&qd190, &qt, std::slice::from_ref(&cell), day, "x").await.unwrap(), 1);
    let sideways = c.documents().forward(&qd190, &qt, std::slice::from_ref(&dn), day, "x").await;
    assert!(matches!(sideways, Err(StoreError::Forbidden(_)) | Err(StoreError::ForwardRefused(_))), "{sideways:?}");
    // Who edits: the province, which took it in; the commune is told.
    assert!(matches!(p.documents().edit_right(&qd190, day).await.unwrap(), EditRight::Editable(n) if n.id == qn.id));
    match c.documents().edit_right(&qd190, day).await.unwrap() {
        EditRight::KeptBy(keepers) => assert_eq!(keepers.iter().map(|k| k.code.as_str()).collect::<Vec<_>>(), ["QN"]),
        other => panic!("{other:?}"),
    }
    assert!(c.documents().attach_file(&qd190, "a.pdf", "application/pdf", b"%PDF", day, "x").await.is_err());
    p.documents().attach_file(&qd190, "a.pdf", "application/pdf", b"%PDF", day, "x").await.unwrap();
    // A document of no register, that nobody took in: the operator's.
    let lone = db.register_document(&doc("1", "TB", date!(2024 - 01 - 02), Classification::Normal)).await.unwrap();
    assert_eq!(p.documents().edit_right(&lone, day).await.unwrap(), EditRight::Unkept);
}

/// T-6: a reader below a document's classification gets nothing of it from
/// the incoming side: no inbox line, no forward, no register line, no
/// receipt.
async fn a_reader_below_the_classification_gets_nothing(db: Db) {
    small_tree(&db).await;
    let province = cleared(&db, "vp.tinh", Role::Office, "QN", Classification::Secret).await;
    let p = db.scoped(&province);
    let qn = node(&db, "QN").await;
    let qt = node(&db, "QN.DH.QT").await;
    let (secret, _) = p
        .documents()
        .register_incoming(
            &qn,
            &doc("99", "CT", date!(2024 - 10 - 10), Classification::Secret),
            came(date!(2024 - 10 - 14)),
            "x",
        )
        .await
        .unwrap();
    p.documents().forward(&secret, &qn, std::slice::from_ref(&qt), date!(2025 - 03 - 01), "x").await.unwrap();
    let forward_id = p.documents().forwards(&secret).await.unwrap()[0].id;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let c = db.scoped(&office);
    let inbox = c.documents().inbox(&qt, 10).await.unwrap();
    assert_eq!((inbox.total, inbox.unreceived, inbox.items.len()), (0, 0, 0));
    assert!(matches!(c.documents().forward_by_id(forward_id).await, Err(StoreError::Forbidden(_))));
    assert!(c.documents().arrivals(&secret).await.is_err());
    assert!(c.documents().arrivals_listed(&secret, std::slice::from_ref(&qt)).await.is_err());
    assert!(c.documents().forwards(&secret).await.is_err());
    let low = cleared(&db, "vp.tinh2", Role::Office, "QN", Classification::Normal).await;
    assert!(db.scoped(&low).documents().incoming_register(&qn, 2024).await.unwrap().is_empty());
    let dup = db
        .scoped(&low)
        .documents()
        .register_incoming(
            &qn,
            &doc("99", "CT", date!(2024 - 10 - 10), Classification::Normal),
            came(date!(2024 - 10 - 15)),
            "x",
        )
        .await;
    assert!(matches!(dup, Err(StoreError::Forbidden(_))), "{dup:?}");
}

daihoi_test_support::engines!(
    arrivals_are_numbered_by_year,
    forwards_go_below_and_receipt_enters_the_register,
    a_reader_below_the_classification_gets_nothing,
);
