//! The organization tree and its history.

use daihoi_core::OrgKind;
use daihoi_store::{Db, StoreError};
use time::macros::date;

use daihoi_test_support::fixtures::*;

fn codes(nodes: &[daihoi_store::orgs::OrgNode]) -> Vec<&str> {
    nodes.iter().map(|n| n.code.as_str()).collect()
}

async fn subtree_follows_paths(db: Db) {
    small_tree(&db).await;
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let sub = db.subtree(&qt, TODAY).await.unwrap();
    assert_eq!(codes(&sub), ["QN.DH.QT", "QN.DH.QT.CB01", "QN.DH.QT.CB02"]);
    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    assert_eq!(db.subtree(&qn, TODAY).await.unwrap().len(), 9);
    assert_eq!(codes(&db.roots(TODAY).await.unwrap()), ["QN"]);
    // Children come in Vietnamese name order: Đầm Hà before Tiên Yên.
    assert_eq!(codes(&db.children(qn.id, TODAY).await.unwrap()), ["QN.DH", "QN.TY"]);
    // Nothing existed before the founding date.
    assert!(db.org_by_code(&code("QN"), date!(2019 - 12 - 31)).await.unwrap().is_none());
    let by_kind = db.count_orgs_by_kind(&qn, TODAY).await.unwrap();
    assert_eq!(
        by_kind,
        vec![(OrgKind::Province, 1), (OrgKind::District, 2), (OrgKind::Commune, 2), (OrgKind::Cell, 4)]
    );
}

/// The 2025 reform: communes move directly under the province, districts end.
/// The tree on 1 March 2025 and the tree today are both answered.
async fn tree_keeps_its_history(db: Db) {
    small_tree(&db).await;
    let reform = date!(2025 - 07 - 01);
    db.move_org(&code("QN.DH.QT"), &code("QN"), reform).await.unwrap();
    db.move_org(&code("QN.TY.DN"), &code("QN"), reform).await.unwrap();
    db.dissolve_org(&code("QN.DH"), reform).await.unwrap();
    db.dissolve_org(&code("QN.TY"), reform).await.unwrap();

    let before = date!(2025 - 03 - 01);
    let qn_then = db.org_by_code(&code("QN"), before).await.unwrap().unwrap();
    let then = db.subtree(&qn_then, before).await.unwrap();
    assert_eq!(then.len(), 9);
    let qt_then = then.iter().find(|n| n.code.as_str() == "QN.DH.QT").unwrap();
    assert_eq!(qt_then.path.depth(), 3);

    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let now = db.subtree(&qn, TODAY).await.unwrap();
    assert_eq!(
        codes(&now),
        ["QN", "QN.DH.QT", "QN.DH.QT.CB01", "QN.DH.QT.CB02", "QN.TY.DN", "QN.TY.DN.CB01", "QN.TY.DN.CB02"]
    );
    let cell = now.iter().find(|n| n.code.as_str() == "QN.DH.QT.CB01").unwrap();
    assert_eq!(cell.path.depth(), 3, "the cell's path was rebased: {}", cell.path);
    assert!(db.org_by_code(&code("QN.DH"), TODAY).await.unwrap().is_none());

    let history = db.org_history(&code("QN.DH.QT")).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].valid_to, Some(reform));
    assert_eq!(history[1].valid_from, reform);
    assert_eq!(history[1].parent_id, Some(qn.id));
}

async fn merge_moves_children_and_members(db: Db) {
    small_tree(&db).await;
    import(
        &db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.TY.DN.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB01"),
        ],
    )
    .await;
    let day = date!(2025 - 07 - 01);
    // Two cells merge: the member of CB01 is now enrolled in CB02.
    db.merge_org(&code("QN.TY.DN.CB01"), &code("QN.TY.DN.CB02"), day).await.unwrap();
    // Two communes merge (across districts): Đông Ngũ's cells move to Quảng Tân.
    db.merge_org(&code("QN.TY.DN"), &code("QN.DH.QT"), day).await.unwrap();
    db.rename_org(&code("QN.DH.QT"), "Đảng bộ xã Quảng Tân mới", day).await.unwrap();

    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    assert_eq!(qt.name, "Đảng bộ xã Quảng Tân mới");
    let sub = db.subtree(&qt, TODAY).await.unwrap();
    assert_eq!(codes(&sub), ["QN.DH.QT", "QN.DH.QT.CB01", "QN.DH.QT.CB02", "QN.TY.DN.CB02"]);
    let page = db
        .members_in(&qt, TODAY, &daihoi_store::members::MemberQuery { limit: 10, ..Default::default() })
        .await
        .unwrap();
    assert_eq!(page.total, 2);
    let an = page.items.iter().find(|m| m.full_name == "Nguyễn Văn An").unwrap();
    assert_eq!(an.org_code, "QN.TY.DN.CB02");
    // Before the merge, An was in CB01 of Đông Ngũ.
    let dn_then = db.org_by_code(&code("QN.TY.DN"), date!(2025 - 06 - 30)).await.unwrap().unwrap();
    let then = db
        .members_in(
            &dn_then,
            date!(2025 - 06 - 30),
            &daihoi_store::members::MemberQuery { limit: 10, ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(then.items.iter().map(|m| m.org_code.as_str()).collect::<Vec<_>>(), ["QN.TY.DN.CB01"]);
    assert!(db.org_by_code(&code("QN.TY.DN"), TODAY).await.unwrap().is_none());
}

async fn bad_changes_are_refused_and_change_nothing(db: Db) {
    small_tree(&db).await;
    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let before = db.subtree(&qn, TODAY).await.unwrap();
    let day = date!(2025 - 07 - 01);
    // A district under its own commune: a cycle.
    assert!(matches!(db.move_org(&code("QN.DH"), &code("QN.DH.QT"), day).await, Err(StoreError::KindMismatch { .. })));
    assert!(matches!(
        db.move_org(&code("QN.DH.QT"), &code("QN.DH.QT.CB01"), day).await,
        Err(StoreError::KindMismatch { .. })
    ));
    assert!(matches!(db.merge_org(&code("QN.DH"), &code("QN.DH.QT"), day).await, Err(StoreError::Cycle { .. })));
    // A cell directly under the province.
    assert!(matches!(
        db.move_org(&code("QN.DH.QT.CB01"), &code("QN"), day).await,
        Err(StoreError::KindMismatch { .. })
    ));
    // Unknown organizations, changes dated before the current version.
    assert!(matches!(db.move_org(&code("QN.XX"), &code("QN"), day).await, Err(StoreError::UnknownOrg(_))));
    assert!(matches!(
        db.move_org(&code("QN.DH.QT"), &code("QN"), date!(2019 - 01 - 01)).await,
        Err(StoreError::OrgNotOnDate { .. })
    ));
    assert!(matches!(
        db.rename_org(&code("QN.DH"), "X", date!(2019 - 01 - 01)).await,
        Err(StoreError::NotAfterCurrent { .. })
    ));
    // A district with communes cannot be dissolved.
    assert!(matches!(db.dissolve_org(&code("QN.DH"), day).await, Err(StoreError::NotEmpty { children: 1, .. })));
    // Duplicate code.
    let c = code("QN.DH");
    let dup =
        daihoi_store::orgs::NewOrg { code: &c, name: "x", kind: OrgKind::District, parent: None, valid_from: FOUNDED };
    assert!(matches!(db.create_org(&dup).await, Err(StoreError::DuplicateOrg(_))));
    assert_eq!(db.subtree(&qn, TODAY).await.unwrap(), before);
    assert_eq!(db.org_history(&code("QN.DH")).await.unwrap().len(), 1);
}

/// A file of organizations, children before parents: parents are created
/// first; a second import changes nothing; an unknown parent refuses the file.
async fn import_orgs_orders_parents_first(db: Db) {
    use daihoi_store::orgs::{NewOrgRow, OrgImportError};
    let row = |line, c: &str, name: &str, kind, parent: Option<&str>| NewOrgRow {
        line,
        code: code(c),
        name: name.into(),
        kind,
        parent: parent.map(code),
        valid_from: FOUNDED,
    };
    let rows = vec![
        row(2, "QN.QT.CB01", "Chi bộ thôn Đồng Tâm", OrgKind::Cell, Some("QN.QT")),
        row(3, "QN.QT", "Đảng bộ xã Quảng Tân", OrgKind::Commune, Some("QN")),
        row(4, "QN", "Đảng bộ tỉnh Quảng Ninh", OrgKind::Province, None),
    ];
    let first = db.import_orgs(&rows).await.unwrap();
    assert_eq!((first.created, first.unchanged), (3, 0));
    let again = db.import_orgs(&rows).await.unwrap();
    assert_eq!((again.created, again.unchanged), (0, 3));
    let bad = vec![
        row(2, "QN.QT.CB02", "Chi bộ thôn Tân Hợp", OrgKind::Cell, Some("QN.QT")),
        row(3, "QN.XX.CB01", "Chi bộ lạc", OrgKind::Cell, Some("QN.XX")),
    ];
    let err = db.import_orgs(&bad).await.unwrap_err();
    assert!(matches!(err, OrgImportError::Row { line: 3, error: StoreError::UnknownParent { .. } }), "{err}");
    assert!(db.org_by_code(&code("QN.QT.CB02"), TODAY).await.unwrap().is_none(), "nothing written");
}

daihoi_test_support::engines!(
    import_orgs_orders_parents_first,
    subtree_follows_paths,
    tree_keeps_its_history,
    merge_moves_children_and_members,
    bad_changes_are_refused_and_change_nothing,
);
