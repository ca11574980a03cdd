//! The organization tree and its history.

use daihoi_core::OrgKind;
use daihoi_store::orgs::NewOrg;
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
    db.operator().orgs().move_org(&code("QN.DH.QT"), &code("QN"), reform, "test").await.unwrap();
    db.operator().orgs().move_org(&code("QN.TY.DN"), &code("QN"), reform, "test").await.unwrap();
    db.operator().orgs().dissolve_org(&code("QN.DH"), reform, "test").await.unwrap();
    db.operator().orgs().dissolve_org(&code("QN.TY"), reform, "test").await.unwrap();

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
    db.operator().orgs().merge_org(&code("QN.TY.DN.CB01"), &code("QN.TY.DN.CB02"), day, "test").await.unwrap();
    // Two communes merge (across districts): Đông Ngũ's cells move to Quảng Tân.
    db.operator().orgs().merge_org(&code("QN.TY.DN"), &code("QN.DH.QT"), day, "test").await.unwrap();
    db.operator().orgs().rename_org(&code("QN.DH.QT"), "Đảng bộ xã Quảng Tân mới", day, "test").await.unwrap();

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
    assert!(matches!(
        db.operator().orgs().move_org(&code("QN.DH"), &code("QN.DH.QT"), day, "test").await,
        Err(StoreError::KindMismatch { .. })
    ));
    assert!(matches!(
        db.operator().orgs().move_org(&code("QN.DH.QT"), &code("QN.DH.QT.CB01"), day, "test").await,
        Err(StoreError::KindMismatch { .. })
    ));
    assert!(matches!(
        db.operator().orgs().merge_org(&code("QN.DH"), &code("QN.DH.QT"), day, "test").await,
        Err(StoreError::Cycle { .. })
    ));
    // A cell directly under the province.
    assert!(matches!(
        db.operator().orgs().move_org(&code("QN.DH.QT.CB01"), &code("QN"), day, "test").await,
        Err(StoreError::KindMismatch { .. })
    ));
    // Unknown organizations, changes dated before the current version.
    assert!(matches!(
        db.operator().orgs().move_org(&code("QN.XX"), &code("QN"), day, "test").await,
        Err(StoreError::UnknownOrg(_))
    ));
    assert!(matches!(
        db.operator().orgs().move_org(&code("QN.DH.QT"), &code("QN"), date!(2019 - 01 - 01), "test").await,
        Err(StoreError::OrgNotOnDate { .. })
    ));
    assert!(matches!(
        db.operator().orgs().rename_org(&code("QN.DH"), "X", date!(2019 - 01 - 01), "test").await,
        Err(StoreError::NotAfterCurrent { .. })
    ));
    // A district with communes cannot be dissolved.
    assert!(matches!(
        db.operator().orgs().dissolve_org(&code("QN.DH"), day, "test").await,
        Err(StoreError::NotEmpty { children: 1, .. })
    ));
    // Duplicate code.
    let (c, qn_code) = (code("QN.DH"), code("QN"));
    let dup = daihoi_store::orgs::NewOrg {
        code: &c,
        name: "x",
        kind: OrgKind::District,
        parent: Some(&qn_code),
        valid_from: FOUNDED,
    };
    assert!(matches!(db.operator().orgs().create_org(&dup, "test").await, Err(StoreError::DuplicateOrg(_))));
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
    let first = db.operator().orgs().import_orgs(&rows, "test.xlsx", "test").await.unwrap();
    assert_eq!((first.created, first.unchanged), (3, 0));
    let again = db.operator().orgs().import_orgs(&rows, "test.xlsx", "test").await.unwrap();
    assert_eq!((again.created, again.unchanged), (0, 3));
    let bad = vec![
        row(2, "QN.QT.CB02", "Chi bộ thôn Tân Hợp", OrgKind::Cell, Some("QN.QT")),
        row(3, "QN.XX.CB01", "Chi bộ lạc", OrgKind::Cell, Some("QN.XX")),
    ];
    let err = db.operator().orgs().import_orgs(&bad, "test.xlsx", "test").await.unwrap_err();
    assert!(matches!(err, OrgImportError::Row { line: 3, error: StoreError::UnknownParent { .. } }), "{err}");
    assert!(db.org_by_code(&code("QN.QT.CB02"), TODAY).await.unwrap().is_none(), "nothing written");
}

fn today() -> time::Date {
    daihoi_core::date::date_in_vietnam(time::OffsetDateTime::now_utc())
}

fn new_org<'a>(
    c: &'a daihoi_core::OrgCode,
    name: &'a str,
    kind: OrgKind,
    parent: Option<&'a daihoi_core::OrgCode>,
) -> NewOrg<'a> {
    NewOrg { code: c, name, kind, parent, valid_from: FOUNDED }
}

/// O-CODE-1 (issue 12): an office of the commune QN.DH.QT created
/// QN.BL.BL.CB99, HN or ZZ9 under its commune, squatting codes of other
/// subtrees, and their rightful owner then got "already exists". A new
/// organization's code is its parent's code, a dot and one segment, through
/// the store (the command line) and through `Scoped` (the web) alike.
async fn new_codes_sit_under_their_parents_code(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.quangtan", daihoi_core::Role::Office, "QN.DH.QT").await;
    let scoped = db.scoped(&office);
    let qt = code("QN.DH.QT");
    for squatted in ["QN.BL.BL.CB99", "HN", "ZZ9", "QN.DH.QT", "QN.DH.QT.CB01.X", "QN.DH.QTX"] {
        let c = code(squatted);
        let new = new_org(&c, "Chi bộ chiếm mã", OrgKind::Cell, Some(&qt));
        let err = scoped.orgs().create_org(&new, "test").await.unwrap_err();
        assert!(matches!(err, StoreError::CodePlacement(_)), "{squatted}: {err}");
        assert_eq!(err.rule(), Some("O-CODE-1"));
        assert!(
            matches!(db.operator().orgs().create_org(&new, "test").await, Err(StoreError::CodePlacement(_))),
            "{squatted} from the CLI"
        );
        assert!(db.org_history(&c).await.unwrap().is_empty() || squatted == "QN.DH.QT", "{squatted} was written");
    }
    // Nothing was taken: the owners create their codes.
    let (bl, hn) = (code("QN.BL"), code("HN"));
    db.operator()
        .orgs()
        .create_org(&new_org(&bl, "Đảng bộ phường Bãi Cháy", OrgKind::Commune, Some(&code("QN"))), "test")
        .await
        .unwrap();
    db.operator()
        .orgs()
        .create_org(&new_org(&hn, "Đảng bộ thành phố Hà Nội", OrgKind::Province, None), "test")
        .await
        .unwrap();
    // The office's own code under its commune is fine.
    let cb03 = code("QN.DH.QT.CB03");
    scoped.orgs().create_org(&new_org(&cb03, "Chi bộ thôn Tân Lập", OrgKind::Cell, Some(&qt)), "test").await.unwrap();
    // A top-level organization: one segment, and only for the operator.
    let dotted = code("QN.XX");
    let err =
        db.operator().orgs().create_org(&new_org(&dotted, "Tỉnh", OrgKind::Province, None), "test").await.unwrap_err();
    assert!(matches!(err, StoreError::CodePlacement(daihoi_core::org::CodePlacement::RootWithDots(_))), "{err}");
    let root = code("ZZ9");
    let err = scoped.orgs().create_org(&new_org(&root, "Tỉnh", OrgKind::Province, None), "test").await.unwrap_err();
    assert!(matches!(err, StoreError::Forbidden(_)), "{err}");
    // A file is refused at its row.
    let rows = vec![daihoi_store::orgs::NewOrgRow {
        line: 7,
        code: code("QN.TY.CB01"),
        name: "Chi bộ".into(),
        kind: OrgKind::Cell,
        parent: Some(code("QN.DH.QT")),
        valid_from: FOUNDED,
    }];
    let err = db.operator().orgs().import_orgs(&rows, "test.xlsx", "test").await.unwrap_err();
    assert!(
        matches!(err, daihoi_store::orgs::OrgImportError::Row { line: 7, error: StoreError::CodePlacement(_) }),
        "{err}"
    );
}

/// TEXT-1 on organization names (issue 12): NUL and control characters and
/// names of 100,000 characters were stored. Names are trimmed, without
/// control, separator or invisible formatting characters, at most 200
/// characters; on creation, renaming and import, through every door.
async fn names_are_checked_text(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.quangtan", daihoi_core::Role::Office, "QN.DH.QT").await;
    let scoped = db.scoped(&office);
    let qt = code("QN.DH.QT");
    let cb01 = db.org_by_code(&code("QN.DH.QT.CB01"), TODAY).await.unwrap().unwrap();
    let long = "Chi bộ ".repeat(15_000);
    for bad in ["Chi bộ\0thôn", "Chi bộ\u{1b}[2J", "Chi bộ\nthôn", "\u{202e}Chi bộ", "   ", &long, &"x".repeat(201)]
    {
        let c = code("QN.DH.QT.CB09");
        let new = new_org(&c, bad, OrgKind::Cell, Some(&qt));
        let err = scoped.orgs().create_org(&new, "test").await.unwrap_err();
        assert!(matches!(err, StoreError::BadText { field: "name", .. }), "{bad:.20?}: {err}");
        assert_eq!(err.rule(), Some("TEXT-1"));
        assert!(
            matches!(db.operator().orgs().create_org(&new, "test").await, Err(StoreError::BadText { .. })),
            "{bad:.20?} from the CLI"
        );
        let err = scoped.orgs().rename_org(&cb01.code, bad, date!(2026 - 01 - 01), "test").await.unwrap_err();
        assert!(matches!(err, StoreError::BadText { .. }), "{bad:.20?}: {err}");
        assert!(matches!(
            db.operator().orgs().rename_org(&cb01.code, bad, date!(2026 - 01 - 01), "test").await,
            Err(StoreError::BadText { .. })
        ));
        let rows = vec![daihoi_store::orgs::NewOrgRow {
            line: 2,
            code: c.clone(),
            name: bad.to_owned(),
            kind: OrgKind::Cell,
            parent: Some(qt.clone()),
            valid_from: FOUNDED,
        }];
        assert!(matches!(
            db.operator().orgs().import_orgs(&rows, "test.xlsx", "test").await,
            Err(daihoi_store::orgs::OrgImportError::Row { line: 2, error: StoreError::BadText { .. } })
        ));
        assert!(db.org_history(&c).await.unwrap().is_empty(), "nothing written for {bad:.20?}");
    }
    assert_eq!(db.org_history(&cb01.code).await.unwrap().len(), 1, "no rename was written");
    // At most 200 characters, trimmed; quotes, dashes and letters of any script are text.
    let c = code("QN.DH.QT.CB09");
    let name = format!(" {} ", "ệ".repeat(198));
    let node = scoped.orgs().create_org(&new_org(&c, &name, OrgKind::Cell, Some(&qt)), "test").await.unwrap();
    assert_eq!(node.name, "ệ".repeat(198));
    db.operator().orgs().rename_org(&c, "\tChi bộ “Tân Lập” – khu 2\n", date!(2026 - 01 - 01), "test").await.unwrap();
    assert_eq!(db.org_by_code(&c, TODAY).await.unwrap().unwrap().name, "Chi bộ “Tân Lập” – khu 2");
}

/// O-DATE-1 (issue 12): a renaming dated 9999-12-31 was accepted, and then
/// every renaming made today was refused, with no way back. The dates of
/// the tree's history run from the Party's founding (1930-02-03) to one year
/// after today, for creations, moves, mergers, renamings and dissolutions.
async fn history_dates_have_a_floor_and_a_horizon(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.quangtan", daihoi_core::Role::Office, "QN.DH.QT").await;
    let scoped = db.scoped(&office);
    let cb01 = db.org_by_code(&code("QN.DH.QT.CB01"), TODAY).await.unwrap().unwrap();
    let far = date!(9999 - 12 - 31);
    let horizon = daihoi_core::date::history_horizon(today());
    let past_horizon = horizon.next_day().unwrap();
    let before_floor = date!(1930 - 02 - 02);
    for day in [far, past_horizon, before_floor] {
        let date_refused = |r: Result<(), StoreError>| match r {
            Err(e @ StoreError::HistoryDate(_)) => assert_eq!(e.rule(), Some("O-DATE-1")),
            other => panic!("{day}: {other:?}"),
        };
        date_refused(scoped.orgs().rename_org(&cb01.code, "Chi bộ tương lai", day, "test").await);
        date_refused(db.operator().orgs().rename_org(&cb01.code, "Chi bộ tương lai", day, "test").await);
        date_refused(db.operator().orgs().move_org(&code("QN.DH.QT"), &code("QN"), day, "test").await);
        date_refused(db.operator().orgs().merge_org(&code("QN.DH.QT.CB02"), &code("QN.DH.QT.CB01"), day, "test").await);
        date_refused(db.operator().orgs().dissolve_org(&code("QN.DH.QT.CB02"), day, "test").await);
        let (c, qt) = (code("QN.DH.QT.CB09"), code("QN.DH.QT"));
        let new = NewOrg { valid_from: day, ..new_org(&c, "Chi bộ mới", OrgKind::Cell, Some(&qt)) };
        date_refused(scoped.orgs().create_org(&new, "test").await.map(|_| ()));
        date_refused(db.operator().orgs().create_org(&new, "test").await.map(|_| ()));
    }
    assert_eq!(db.org_history(&cb01.code).await.unwrap().len(), 1, "nothing was written");
    // Today's renaming goes through; so does one planned up to the horizon.
    scoped.orgs().rename_org(&cb01.code, "Chi bộ khu Đồng Tâm", today(), "test").await.unwrap();
    let now = db.org_by_code(&cb01.code, today()).await.unwrap().unwrap();
    assert_eq!(now.name, "Chi bộ khu Đồng Tâm");
    scoped.orgs().rename_org(&now.code, "Chi bộ khu Đồng Tâm 2", horizon, "test").await.unwrap();
    assert_eq!(db.org_by_code(&cb01.code, horizon).await.unwrap().unwrap().name, "Chi bộ khu Đồng Tâm 2");
    // The founding day itself is in the history.
    let hn = code("HN");
    let founded = NewOrg { valid_from: date!(1930 - 02 - 03), ..new_org(&hn, "Xứ ủy", OrgKind::Province, None) };
    db.operator().orgs().create_org(&founded, "test").await.unwrap();
}

/// O-CURRENT-1 (issue 12): creating under a parent that existed on
/// `valid_from` but was dissolved since answered "no organization". It is
/// found on that date; the refusal says it ended, when, and into what it
/// was merged, for creations, moves and mergers, and for the organization
/// a change concerns.
async fn a_parent_ended_since_is_named(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.quangtan", daihoi_core::Role::Office, "QN.DH.QT").await;
    let scoped = db.scoped(&office);
    let ended = date!(2025 - 07 - 01);
    db.operator().orgs().dissolve_org(&code("QN.DH.QT.CB02"), ended, "test").await.unwrap();
    db.operator().orgs().merge_org(&code("QN.TY.DN.CB02"), &code("QN.TY.DN.CB01"), ended, "test").await.unwrap();
    let before = date!(2025 - 03 - 01);
    let (cb02, dn_cb02) = (code("QN.DH.QT.CB02"), code("QN.TY.DN.CB02"));
    assert!(db.org_by_code(&cb02, before).await.unwrap().is_some(), "the parent is found on that date");

    let c = code("QN.DH.QT.CB02.T1");
    let new = NewOrg { valid_from: before, ..new_org(&c, "Tổ đảng", OrgKind::Cell, Some(&cb02)) };
    for err in [
        scoped.orgs().create_org(&new, "test").await.unwrap_err(),
        db.operator().orgs().create_org(&new, "test").await.unwrap_err(),
    ] {
        match &err {
            StoreError::EndedSince { code: p, on, ended: e, merged_into: None } => {
                assert_eq!((p, *on, *e), (&cb02, before, ended));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(err.rule(), Some("O-CURRENT-1"));
        assert!(err.to_string().contains("QN.DH.QT.CB02 existed on 2025-03-01 but ended on 2025-07-01"), "{err}");
    }
    let merged = code("QN.TY.DN.CB02.T1");
    let new = NewOrg { valid_from: before, ..new_org(&merged, "Tổ đảng", OrgKind::Cell, Some(&dn_cb02)) };
    let err = db.operator().orgs().create_org(&new, "test").await.unwrap_err();
    assert!(err.to_string().contains("(merged into QN.TY.DN.CB01)"), "{err}");
    // Moves and mergers name it the same way.
    db.operator().orgs().move_org(&code("QN.TY.DN"), &code("QN"), ended, "test").await.unwrap();
    db.operator().orgs().dissolve_org(&code("QN.TY"), ended, "test").await.unwrap();
    let err = db.operator().orgs().move_org(&code("QN.DH.QT"), &code("QN.TY"), before, "test").await.unwrap_err();
    assert!(matches!(&err, StoreError::EndedSince { code: c, .. } if c.as_str() == "QN.TY"), "{err}");
    let err = db.operator().orgs().merge_org(&code("QN.DH.QT.CB01"), &cb02, before, "test").await.unwrap_err();
    assert!(matches!(err, StoreError::EndedSince { .. }), "{err}");
    // The organization changed itself, dissolved or merged since: named the same way.
    for err in [
        db.operator().orgs().rename_org(&cb02, "Chi bộ đổi tên", before, "test").await.unwrap_err(),
        db.operator().orgs().move_org(&cb02, &code("QN.DH.QT"), before, "test").await.unwrap_err(),
        db.operator().orgs().merge_org(&dn_cb02, &code("QN.TY.DN.CB01"), before, "test").await.unwrap_err(),
        db.operator().orgs().dissolve_org(&cb02, before, "test").await.unwrap_err(),
    ] {
        assert!(matches!(&err, StoreError::EndedSince { ended: e, .. } if *e == ended), "{err}");
        assert_eq!(err.rule(), Some("O-CURRENT-1"));
    }
    let err =
        db.operator().orgs().rename_org(&cb02, "Chi bộ đổi tên", date!(2025 - 08 - 01), "test").await.unwrap_err();
    assert!(err.to_string().starts_with("O-CURRENT-1: QN.DH.QT.CB02 ended on 2025-07-01: "), "{err}");
    // After its end it does not exist on the date; a parent never stored is unknown.
    let after = NewOrg { valid_from: date!(2025 - 08 - 01), ..new_org(&c, "Tổ đảng", OrgKind::Cell, Some(&cb02)) };
    assert!(matches!(db.operator().orgs().create_org(&after, "test").await, Err(StoreError::OrgNotOnDate { .. })));
    let (nope, child) = (code("QN.NOPE"), code("QN.NOPE.X"));
    assert!(matches!(
        db.operator().orgs().create_org(&new_org(&child, "X", OrgKind::Cell, Some(&nope)), "test").await,
        Err(StoreError::UnknownOrg(_))
    ));
    assert!(db.org_history(&c).await.unwrap().is_empty());
}

daihoi_test_support::engines!(
    new_codes_sit_under_their_parents_code,
    names_are_checked_text,
    history_dates_have_a_floor_and_a_horizon,
    a_parent_ended_since_is_named,
    import_orgs_orders_parents_first,
    subtree_follows_paths,
    tree_keeps_its_history,
    merge_moves_children_and_members,
    bad_changes_are_refused_and_change_nothing,
);
