//! Members: import, lists in Vietnamese order, search, the base count, export.

mod edit;

use daihoi_core::ConditionKind;
use daihoi_core::members::import::Column;
use daihoi_store::Db;
use daihoi_store::members::{ImportError, MemberQuery, RowRefusal};
use time::macros::date;

use daihoi_test_support::fixtures::*;

fn all() -> MemberQuery {
    MemberQuery { limit: 1000, ..Default::default() }
}

async fn names_in(db: &Db, org: &str, q: &MemberQuery) -> Vec<String> {
    let node = db.org_by_code(&code(org), TODAY).await.unwrap().unwrap();
    db.members_in(&node, TODAY, q).await.unwrap().items.into_iter().map(|m| m.full_name).collect()
}

/// Importing the same file twice updates, never duplicates.
async fn import_is_idempotent(db: Db) {
    small_tree(&db).await;
    let rows = vec![
        member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
        member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
        with_condition(
            member("10000003", "Lê Quang Đức", "QN.TY.DN.CB01"),
            ConditionKind::Suspended,
            date!(2026 - 01 - 05),
        ),
    ];
    let first = import(&db, rows.clone()).await;
    assert_eq!((first.created, first.updated, first.unchanged), (3, 0, 0));
    let second = import(&db, rows.clone()).await;
    assert_eq!(
        (second.created, second.updated, second.moved, second.conditions_changed, second.unchanged),
        (0, 0, 0, 0, 3)
    );
    assert_eq!(names_in(&db, "QN", &all()).await.len(), 3);

    // A corrected name, a move to another cell, a condition lifted.
    let mut changed = rows.clone();
    changed[0] = member("10000001", "Nguyễn Văn Ân", "QN.DH.QT.CB01");
    changed[1].organization = code("QN.TY.DN.CB02");
    changed[1].member_since = Some(date!(2026 - 09 - 01));
    changed[2].condition = None;
    let third = import(&db, changed).await;
    assert_eq!((third.created, third.updated, third.moved, third.conditions_changed, third.unchanged), (0, 1, 1, 1, 0));
    assert_eq!(names_in(&db, "QN.TY.DN.CB02", &all()).await, ["Trần Thị Bình"]);

    // Bình's enrolment history: Quảng Tân until 1 September 2026, then Đông Ngũ.
    let id = db.person_id_by_card(&rows[1].member.card_number).await.unwrap().unwrap();
    let detail = db.member_detail(id).await.unwrap().unwrap();
    let history: Vec<(&str, _, _)> = detail.memberships.iter().map(|e| (e.org_code.as_str(), e.from, e.to)).collect();
    assert_eq!(
        history,
        [
            ("QN.DH.QT.CB02", date!(2005 - 05 - 19), Some(date!(2026 - 09 - 01))),
            ("QN.TY.DN.CB02", date!(2026 - 09 - 01), None)
        ]
    );
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let in_august = db.members_in(&qt, date!(2026 - 08 - 01), &all()).await.unwrap();
    assert_eq!(in_august.total, 2);
    // Đức's suspension ended on the import date and is kept as history.
    let id = db.person_id_by_card(&rows[2].member.card_number).await.unwrap().unwrap();
    let detail = db.member_detail(id).await.unwrap().unwrap();
    assert_eq!(detail.conditions.len(), 1);
    assert_eq!(detail.conditions[0].to, Some(TODAY));
}

/// A bad file changes nothing, and every bad row is reported with its line.
async fn refused_rows_change_nothing(db: Db) {
    small_tree(&db).await;
    import(&db, vec![member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01")]).await;
    let mut moved_back = member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB02");
    moved_back.member_since = Some(date!(2001 - 01 - 01));
    let rows = numbered(vec![
        member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
        member("10000003", "Lê Văn Cường", "QN.XX.CB09"),
        member("10000004", "Phạm Thị Dung", "QN.DH.QT"),
        member("10000002", "Trần Thị Bình", "QN.TY.DN.CB01"),
        moved_back,
    ]);
    let err = db
        .operator()
        .members()
        .import_members_everywhere(&rows, TODAY, "test", "test.xlsx", &mut |_| {})
        .await
        .unwrap_err();
    let ImportError::Rows(problems) = err else { panic!("{err}") };
    let got: Vec<(usize, Column, &RowRefusal)> = problems.iter().map(|p| (p.line, p.column, &p.refusal)).collect();
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(matches!(got[0], (3, Column::Organization, RowRefusal::UnknownOrganization(_))));
    assert!(matches!(got[1], (4, Column::Organization, RowRefusal::NotACell { .. })));
    assert!(matches!(got[2], (5, Column::CardNumber, RowRefusal::DuplicateCard { first_line: 2, .. })));
    assert!(matches!(got[3], (6, Column::MemberSince, RowRefusal::EnrolmentNotAfterCurrent { .. })));
    assert_eq!(names_in(&db, "QN", &all()).await, ["Nguyễn Văn An"]);
}

/// R-LIST-8's order: given name, middle, family, in Vietnamese collation.
async fn lists_sort_the_vietnamese_way(db: Db) {
    small_tree(&db).await;
    let names =
        ["Đỗ Thị Ương", "Hoàng Dũng", "Nguyễn Văn Bình", "Trần Thị Ánh", "Phạm Đức Anh", "Lê Anh", "Vũ Văn Đức"];
    let rows = names.iter().enumerate().map(|(i, n)| member(&format!("2000000{i}"), n, "QN.DH.QT.CB01")).collect();
    import(&db, rows).await;
    assert_eq!(
        names_in(&db, "QN.DH.QT", &all()).await,
        ["Lê Anh", "Phạm Đức Anh", "Trần Thị Ánh", "Nguyễn Văn Bình", "Hoàng Dũng", "Vũ Văn Đức", "Đỗ Thị Ương"]
    );
    // Pages.
    let node = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let page = db.members_in(&node, TODAY, &MemberQuery { offset: 2, limit: 2, search: None }).await.unwrap();
    assert_eq!(page.total, 7);
    assert_eq!(
        page.items.iter().map(|m| m.full_name.as_str()).collect::<Vec<_>>(),
        ["Trần Thị Ánh", "Nguyễn Văn Bình"]
    );
}

/// "nguyen van an" finds "Nguyễn Văn An", on both engines alike.
async fn search_ignores_case_and_diacritics(db: Db) {
    small_tree(&db).await;
    import(
        &db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Nguyễn Văn Anh", "QN.TY.DN.CB01"),
            member("10000003", "Nguyên Văn Ấn", "QN.DH.QT.CB02"),
            member("10000004", "Trần Thị Bình", "QN.DH.QT.CB01"),
        ],
    )
    .await;
    let q = |s: &str| MemberQuery { search: Some(s.into()), limit: 100, offset: 0 };
    // Given names in Vietnamese order: An < Anh < Ấn (â is a letter after a).
    assert_eq!(names_in(&db, "QN", &q("nguyen van an")).await, ["Nguyễn Văn An", "Nguyễn Văn Anh", "Nguyên Văn Ấn"]);
    assert_eq!(names_in(&db, "QN", &q("NGUYỄN  VĂN")).await.len(), 3);
    assert_eq!(names_in(&db, "QN.DH.QT", &q("nguyen van an")).await, ["Nguyễn Văn An", "Nguyên Văn Ấn"]);
    assert_eq!(names_in(&db, "QN", &q("binh")).await, ["Trần Thị Bình"]);
    assert_eq!(names_in(&db, "QN", &q("10000004")).await, ["Trần Thị Bình"]);
    // LIKE wildcards typed by a user are plain characters.
    assert!(names_in(&db, "QN", &q("%")).await.is_empty());
    assert!(names_in(&db, "QN", &q("_")).await.is_empty());
    assert_eq!(names_in(&db, "QN", &q("  ")).await.len(), 4);
}

/// R-BASE-1, W1: 25 official; 2 on transfer, 1 exempted, 1 suspended; plus a
/// probationary member, a member both suspended and prosecuted, and a
/// condition that has ended.
async fn base_count_follows_r_base_1(db: Db) {
    small_tree(&db).await;
    let cell = "QN.DH.QT.CB01";
    let mut rows = Vec::new();
    for i in 0..21 {
        rows.push(member(&format!("3000{i:04}"), "Nguyễn Văn An", cell));
    }
    let since = date!(2026 - 02 - 01);
    rows.push(with_condition(member("30010001", "Lê Văn Bảo", cell), ConditionKind::TemporarilyTransferred, since));
    rows.push(with_condition(member("30010002", "Lê Văn Cao", cell), ConditionKind::TemporarilyTransferred, since));
    rows.push(with_condition(member("30010003", "Lê Văn Danh", cell), ConditionKind::Exempted, since));
    rows.push(with_condition(member("30010004", "Lê Văn Em", cell), ConditionKind::Suspended, since));
    rows.push(probationary(member("30010005", "Lê Thị Gấm", cell)));
    // In another commune: not in Quảng Tân's count.
    rows.push(member("30010006", "Lê Văn Hải", "QN.TY.DN.CB01"));
    import(&db, rows).await;

    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let count = db.base_count(&qt, TODAY).await.unwrap();
    assert_eq!(count.convened, 25);
    assert_eq!(count.probationary, 1);
    assert_eq!(
        (count.temporarily_transferred, count.exempted, count.suspended, count.prosecuted_or_detained),
        (2, 1, 1, 0)
    );
    // W1: 1 exempted absent, 1 absent with reason → base 20.
    assert_eq!(count.base(1, 1), Some(20));
    // Before the conditions began, nobody is subtracted.
    let earlier = db.base_count(&qt, date!(2026 - 01 - 31)).await.unwrap();
    assert_eq!((earlier.convened, earlier.suspended, earlier.exempted), (25, 0, 0));
    // The probationary member becomes official a year after admission.
    let province = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    assert_eq!(db.base_count(&province, TODAY).await.unwrap().convened, 26);
}

/// A member with two conditions at once is subtracted once (R-BASE-1).
async fn a_member_is_subtracted_once(db: Db) {
    small_tree(&db).await;
    let cell = "QN.DH.QT.CB01";
    import(
        &db,
        vec![with_condition(member("40000001", "Lê Văn Bảo", cell), ConditionKind::Suspended, date!(2026 - 01 - 01))],
    )
    .await;
    // The second condition is recorded by a later file.
    import(
        &db,
        vec![with_condition(
            member("40000001", "Lê Văn Bảo", cell),
            ConditionKind::ProsecutedOrDetained,
            date!(2026 - 03 - 01),
        )],
    )
    .await;
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    // The file says "prosecuted" now: the suspension ended on the import date,
    // so on 1 June 2026 both held.
    let june = db.base_count(&qt, date!(2026 - 06 - 01)).await.unwrap();
    assert_eq!((june.convened, june.prosecuted_or_detained, june.suspended), (1, 1, 0));
}

/// Export then import of the same rows changes nothing.
async fn export_round_trips(db: Db) {
    small_tree(&db).await;
    let mut moved = member("10000002", "Trần Thị Bình", "QN.TY.DN.CB02");
    moved.member_since = Some(date!(2010 - 03 - 01));
    import(
        &db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            moved,
            with_condition(
                member("10000003", "Lê Quang Đức", "QN.TY.DN.CB01"),
                ConditionKind::Exempted,
                date!(2026 - 01 - 05),
            ),
        ],
    )
    .await;
    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let exported = db.export_members(&qn, TODAY).await.unwrap();
    assert_eq!(
        exported.iter().map(|r| r.member.name.full()).collect::<Vec<_>>(),
        ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quang Đức"]
    );
    assert_eq!(exported[1].member_since, Some(date!(2010 - 03 - 01)));
    assert_eq!(exported[2].condition, Some((ConditionKind::Exempted, date!(2026 - 01 - 05))));
    let again = import(&db, exported).await;
    assert_eq!(again.unchanged, 3);
}

/// The base count is kept between requests, and any change of the members or
/// the tree (here an import, then a move) makes it count again.
async fn a_kept_base_count_follows_changes(db: Db) {
    small_tree(&db).await;
    import(&db, vec![member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01")]).await;
    let d = date!(2026 - 11 - 28);
    let qn = db.org_by_code(&code("QN"), d).await.unwrap().unwrap();
    let dh = db.org_by_code(&code("QN.DH"), d).await.unwrap().unwrap();
    assert_eq!(db.base_count(&qn, d).await.unwrap().convened, 1);
    assert_eq!(db.base_count(&dh, d).await.unwrap().convened, 1);
    import(&db, vec![member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02")]).await;
    assert_eq!(db.base_count(&qn, d).await.unwrap().convened, 2);
    db.operator().orgs().move_org(&code("QN.DH.QT"), &code("QN.TY"), d, "test").await.unwrap();
    assert_eq!(db.base_count(&dh, d).await.unwrap().convened, 0);
}

/// A list is paged the same whether the subtree keeps its ordered ids or is
/// paged by SQL (large subtrees), on any page.
async fn both_ways_of_paging_agree(db: Db) {
    small_tree(&db).await;
    let names = [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Hoàng Văn Em",
        "Vũ Thị Giang",
        "Đỗ Văn Hùng",
    ];
    let cells = ["QN.DH.QT.CB01", "QN.DH.QT.CB02", "QN.TY.DN.CB01"];
    let rows = names.iter().enumerate().map(|(i, n)| member(&format!("1000000{i}"), n, cells[i % 3])).collect();
    import(&db, rows).await;
    let by_sql = db.clone().with_ordered_ids_max(0);
    let d = date!(2026 - 11 - 28);
    for org in ["QN", "QN.DH", "QN.TY.DN.CB01"] {
        let node = db.org_by_code(&code(org), d).await.unwrap().unwrap();
        for offset in 0..8 {
            let q = MemberQuery { offset, limit: 3, ..Default::default() };
            let kept = db.members_in(&node, d, &q).await.unwrap();
            let paged = by_sql.members_in(&node, d, &q).await.unwrap();
            assert_eq!(kept, paged, "{org} from {offset}");
        }
    }
}

/// A search matches from the start of any word of the name ("van an" finds
/// Nguyễn Văn An, "an" does not find Lan); a renamed member is found by the
/// new name only; members stored before the word index are indexed by the
/// next migration.
async fn search_matches_from_the_start_of_words(db: Db) {
    small_tree(&db).await;
    import(
        &db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Lan", "QN.DH.QT.CB01"),
            member("10000003", "Lê Anh Tuấn", "QN.DH.QT.CB02"),
        ],
    )
    .await;
    let q = |s: &str| MemberQuery { search: Some(s.into()), limit: 100, offset: 0 };
    assert_eq!(names_in(&db, "QN", &q("van an")).await, ["Nguyễn Văn An"]);
    assert_eq!(names_in(&db, "QN", &q("an")).await, ["Nguyễn Văn An", "Lê Anh Tuấn"]);
    assert_eq!(names_in(&db, "QN", &q("LAN")).await, ["Trần Thị Lan"]);
    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let second =
        db.members_in(&qn, TODAY, &MemberQuery { search: Some("an".into()), offset: 1, limit: 1 }).await.unwrap();
    assert_eq!((second.items.len(), second.total), (1, 2), "a page carries the number of matches");
    let past =
        db.members_in(&qn, TODAY, &MemberQuery { search: Some("an".into()), offset: 5, limit: 1 }).await.unwrap();
    assert_eq!((past.items.len(), past.total), (0, 2), "a page past the end still knows it");
    assert_eq!(names_in(&db, "QN", &q("000000")).await.len(), 3, "digits search card numbers");
    import(&db, vec![member("10000002", "Trần Thị Hồng", "QN.DH.QT.CB01")]).await;
    assert!(names_in(&db, "QN", &q("lan")).await.is_empty());
    assert_eq!(names_in(&db, "QN", &q("tran thi hong")).await, ["Trần Thị Hồng"]);
    db.tamper_for_test("DELETE FROM person_name_suffix").await;
    assert!(names_in(&db, "QN", &q("hong")).await.is_empty());
    db.migrate().await.unwrap();
    assert_eq!(names_in(&db, "QN", &q("hong")).await, ["Trần Thị Hồng"]);
}

/// A search's kept matches page as the SQL does, on any page, by name and
/// by card number; a new member is found by the next search (the kept
/// matches follow the write).
async fn a_kept_search_pages_as_sql_and_follows_changes(db: Db) {
    small_tree(&db).await;
    let names = ["Nguyễn Văn An", "Nguyễn Thị An", "Lê Văn An", "Nguyễn Văn Anh", "Trần An", "Nguyễn Văn Bình"];
    let cells = ["QN.DH.QT.CB01", "QN.DH.QT.CB02", "QN.TY.DN.CB01"];
    let rows = names.iter().enumerate().map(|(i, n)| member(&format!("1000000{i}"), n, cells[i % 3])).collect();
    import(&db, rows).await;
    let d = date!(2026 - 11 - 28);
    let s = db.operator();
    for org in ["QN", "QN.DH"] {
        let node = db.org_by_code(&code(org), d).await.unwrap().unwrap();
        for search in ["an", "nguyen van", "1000000", "0003"] {
            for offset in 0..7 {
                let q = MemberQuery { search: Some(search.into()), offset, limit: 2 };
                let kept = s.members().members_in(&node, d, &q).await.unwrap();
                assert_eq!(kept, db.members_in(&node, d, &q).await.unwrap(), "{org} {search:?} from {offset}");
            }
        }
    }
    let qn = db.org_by_code(&code("QN"), d).await.unwrap().unwrap();
    let q = MemberQuery { search: Some("van an".into()), offset: 0, limit: 50 };
    // Nguyễn Văn An, Lê Văn An, Nguyễn Văn Anh.
    assert_eq!(s.members().members_in(&qn, d, &q).await.unwrap().total, 3);
    import(&db, vec![member("10000009", "Phạm Văn An", "QN.TY.DN.CB01")]).await;
    assert_eq!(s.members().members_in(&qn, d, &q).await.unwrap().total, 4, "the new member is found");
}

daihoi_test_support::engines!(
    search_matches_from_the_start_of_words,
    both_ways_of_paging_agree,
    a_kept_base_count_follows_changes,
    a_kept_search_pages_as_sql_and_follows_changes,
    import_is_idempotent,
    refused_rows_change_nothing,
    lists_sort_the_vietnamese_way,
    search_ignores_case_and_diacritics,
    base_count_follows_r_base_1,
    a_member_is_subtracted_once,
    export_round_trips,
);
