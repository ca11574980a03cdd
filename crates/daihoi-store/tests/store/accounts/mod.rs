//! Accounts, roles over subtrees, the scoped view, and the audit log.

use daihoi_core::Role;
use daihoi_store::accounts::{
    Login, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_LOGIN, MAX_FAILURES_PER_LOGIN_AND_ADDRESS, SignIn,
};
use daihoi_store::audit::{AuditCheck, AuditCheckpoint, AuditFilter, NewAuditEntry};
use daihoi_store::members::{ImportError, MemberQuery, RowRefusal};
use daihoi_store::{Db, StoreError, Viewer};
use daihoi_test_support::fixtures::*;
use time::macros::date;

const D: time::Date = date!(2026 - 11 - 28);
const PW: &str = TEST_PASSWORD;

async fn seeded(db: &Db) {
    small_tree(db).await;
    import(
        db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.TY.DN.CB01"),
        ],
    )
    .await;
}

async fn sign_in_checks_the_password_and_throttles(db: Db) {
    let u =
        db.operator().accounts().create_user(&Login::parse("An.QN").unwrap(), "An", PW, None, "test").await.unwrap();
    assert_eq!(u.login, "an.qn");
    assert!(matches!(
        db.operator().accounts().create_user(&Login::parse("an.qn").unwrap(), "x", PW, None, "test").await,
        Err(StoreError::DuplicateLogin(_))
    ));
    assert!(matches!(
        db.operator().accounts().create_user(&Login::parse("short").unwrap(), "x", "123", None, "test").await,
        Err(StoreError::WeakPassword { .. })
    ));
    assert!(matches!(db.sign_in("AN.QN", PW, "10.0.0.1").await.unwrap(), SignIn::Accepted(x) if x.id == u.id));
    assert_eq!(db.sign_in("an.qn", "wrong", "10.0.0.1").await.unwrap(), SignIn::Refused);
    assert_eq!(db.sign_in("nobody", PW, "10.0.0.1").await.unwrap(), SignIn::Refused);
    // Twelve spaces are no password.
    assert!(matches!(
        db.operator().accounts().create_user(&Login::parse("spaces").unwrap(), "x", "            ", None, "test").await,
        Err(StoreError::WeakPassword { .. })
    ));
    // Someone guessing from one address: the login is refused from there
    // only, even with the right password; its owner elsewhere signs in.
    for _ in 0..MAX_FAILURES_PER_LOGIN_AND_ADDRESS {
        assert_eq!(db.sign_in("an.qn", "wrong", "10.0.0.2").await.unwrap(), SignIn::Refused);
    }
    assert!(
        matches!(db.sign_in("an.qn", PW, "10.0.0.2").await.unwrap(), SignIn::Throttled { retry_after_secs } if retry_after_secs > 0)
    );
    assert!(matches!(db.sign_in("an.qn", PW, "10.0.0.3").await.unwrap(), SignIn::Accepted(_)), "not locked out");
    // A guess spread over many addresses: past the login's own limit it is
    // refused from everywhere.
    let mut failures = 0;
    for address in 0.. {
        for _ in 0..MAX_FAILURES_PER_LOGIN_AND_ADDRESS {
            if failures >= MAX_FAILURES_PER_LOGIN {
                break;
            }
            assert_eq!(db.sign_in("an.qn", "wrong", &format!("10.1.0.{address}")).await.unwrap(), SignIn::Refused);
            failures += 1;
        }
        if failures >= MAX_FAILURES_PER_LOGIN {
            break;
        }
    }
    assert!(matches!(db.sign_in("an.qn", PW, "10.0.0.4").await.unwrap(), SignIn::Throttled { .. }));
    // Many logins from one address.
    for n in 0..=MAX_FAILURES_PER_ADDRESS {
        db.sign_in(&format!("guess{n}"), "wrong", "10.9.9.9").await.unwrap();
    }
    let bystander = db
        .operator()
        .accounts()
        .create_user(&Login::parse("bystander.qn").unwrap(), "B", PW, None, "test")
        .await
        .unwrap();
    assert!(matches!(db.sign_in("bystander.qn", PW, "10.9.9.9").await.unwrap(), SignIn::Throttled { .. }));
    assert!(
        matches!(db.sign_in("bystander.qn", PW, "10.0.0.5").await.unwrap(), SignIn::Accepted(x) if x.id == bystander.id)
    );
}

async fn password_change_voids_older_sessions(db: Db) {
    let u =
        db.operator().accounts().create_user(&Login::parse("binh").unwrap(), "Bình", PW, None, "test").await.unwrap();
    assert!(matches!(
        db.scoped(&db.viewer(u.clone()).await.unwrap())
            .accounts()
            .change_password("wrong", "một mật khẩu mới", "test")
            .await,
        Err(StoreError::WrongPassword)
    ));
    let epoch = db
        .scoped(&db.viewer(u.clone()).await.unwrap())
        .accounts()
        .change_password(PW, "một mật khẩu mới", "test")
        .await
        .unwrap();
    assert_eq!(epoch, u.session_epoch + 1);
    assert_eq!(db.sign_in("binh", PW, "a").await.unwrap(), SignIn::Refused);
    assert!(matches!(db.sign_in("binh", "một mật khẩu mới", "a").await.unwrap(), SignIn::Accepted(_)));
    db.scoped(&db.viewer(u.clone()).await.unwrap()).accounts().set_language("fr", "test").await.unwrap();
    assert_eq!(db.user_by_id(u.id).await.unwrap().unwrap().language, "fr");
}

async fn api_tokens_are_stored_as_hashes_and_revocable(db: Db) {
    let u = db.operator().accounts().create_user(&Login::parse("api").unwrap(), "API", PW, None, "test").await.unwrap();
    let (id, secret) = db.operator().accounts().create_api_token(&u, "bảng tính", "test").await.unwrap();
    assert!(secret.starts_with("dh_") && secret.len() == 67);
    assert_eq!(db.user_by_api_token(&secret).await.unwrap().map(|x| x.id), Some(u.id));
    assert_eq!(db.user_by_api_token("dh_guess").await.unwrap(), None);
    let other =
        db.operator().accounts().create_user(&Login::parse("other").unwrap(), "O", PW, None, "test").await.unwrap();
    assert!(
        !db.scoped(&db.viewer(other.clone()).await.unwrap()).accounts().revoke_api_token(id, "test").await.unwrap(),
        "not someone else's token"
    );
    assert!(db.scoped(&db.viewer(u.clone()).await.unwrap()).accounts().revoke_api_token(id, "test").await.unwrap());
    assert_eq!(db.user_by_api_token(&secret).await.unwrap(), None);
    assert!(db.api_tokens(u.id).await.unwrap()[0].revoked_at.is_some());
}

/// Whoever learnt the old password may have made a token with it: a new
/// password, by the owner or by an administrator, revokes every token.
async fn a_new_password_revokes_api_tokens(db: Db) {
    let u =
        db.operator().accounts().create_user(&Login::parse("tokens").unwrap(), "T", PW, None, "test").await.unwrap();
    let other =
        db.operator().accounts().create_user(&Login::parse("bystander").unwrap(), "B", PW, None, "test").await.unwrap();
    let (_, first) = db.operator().accounts().create_api_token(&u, "một", "test").await.unwrap();
    let (_, kept) = db.operator().accounts().create_api_token(&other, "khác", "test").await.unwrap();
    db.scoped(&db.viewer(u.clone()).await.unwrap())
        .accounts()
        .change_password(PW, "một mật khẩu mới", "test")
        .await
        .unwrap();
    assert_eq!(db.user_by_api_token(&first).await.unwrap(), None);
    assert_eq!(db.user_by_api_token(&kept).await.unwrap().map(|x| x.id), Some(other.id), "only the owner's");
    let (_, second) = db.operator().accounts().create_api_token(&u, "hai", "test").await.unwrap();
    db.operator().accounts().reset_password(&u, "mật khẩu thứ ba", "test").await.unwrap();
    assert_eq!(db.user_by_api_token(&second).await.unwrap(), None);
    assert!(db.api_tokens(u.id).await.unwrap().iter().all(|t| t.revoked_at.is_some()));
}

async fn sessions_expire(db: Db) {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    assert!(db.session_insert("s1", "{}", now + 60).await.unwrap());
    assert!(!db.session_insert("s1", "{}", now + 60).await.unwrap(), "ids are unique");
    db.session_save("s1", r#"{"a":1}"#, now + 60).await.unwrap();
    assert_eq!(db.session_load("s1").await.unwrap().map(|x| x.0), Some(r#"{"a":1}"#.to_owned()));
    db.session_save("s2", "{}", now - 1).await.unwrap();
    assert_eq!(db.session_load("s2").await.unwrap(), None);
    assert_eq!(db.sessions_expire().await.unwrap(), 1);
    db.session_delete("s1").await.unwrap();
    assert_eq!(db.session_load("s1").await.unwrap(), None);
}

/// A role reaches its own subtree and nothing else; a member role reads no lists.
async fn the_scoped_view_stops_at_the_subtree(db: Db) {
    seeded(&db).await;
    let office = user_with(&db, "vp.damha", Role::Office, "QN.DH").await;
    let s = db.scoped(&office);
    let roots = s.orgs().roots(D).await.unwrap();
    assert_eq!(roots.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), ["QN.DH"]);
    let inside = s.orgs().org(&code("QN.DH.QT"), D).await.unwrap().unwrap();
    let page = s.members().members_in(&inside, D, &MemberQuery { limit: 10, ..Default::default() }).await.unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(matches!(s.orgs().org(&code("QN.TY"), D).await, Err(StoreError::Forbidden(_))));
    assert!(matches!(s.orgs().org(&code("QN"), D).await, Err(StoreError::Forbidden(_))));
    assert_eq!(s.orgs().org(&code("QN.XX"), D).await.unwrap(), None);
    let an =
        db.person_id_by_card(&daihoi_core::members::CardNumber::parse("10000001").unwrap()).await.unwrap().unwrap();
    let binh =
        db.person_id_by_card(&daihoi_core::members::CardNumber::parse("10000002").unwrap()).await.unwrap().unwrap();
    assert!(s.members().member(an, D).await.unwrap().is_some());
    assert!(matches!(s.members().member(binh, D).await, Err(StoreError::Forbidden(_))));
    // The parent of a visible organization is not listed among its ancestors' data.
    assert_eq!(s.orgs().org_by_id(roots[0].parent_id.unwrap(), D).await.unwrap(), None);

    let u = db
        .operator()
        .accounts()
        .create_user(&Login::parse("dv.an").unwrap(), "An", PW, Some((an, "test")), "test")
        .await
        .unwrap();
    db.operator().accounts().grant(&u, Role::Member, &code("QN.DH.QT.CB01"), "test").await.unwrap();
    let member = db.viewer(u).await.unwrap();
    let m = db.scoped(&member);
    let cell = m.orgs().org(&code("QN.DH.QT.CB01"), D).await.unwrap().unwrap();
    assert!(matches!(m.members().members_in(&cell, D, &MemberQuery::default()).await, Err(StoreError::Forbidden(_))));
    assert!(m.members().member(an, D).await.unwrap().is_some(), "their own data");
    assert!(matches!(m.orgs().org(&code("QN.DH.QT"), D).await, Err(StoreError::Forbidden(_))));
}

/// An import through the scoped view refuses rows outside the subtree and
/// writes its audit entry with it.
async fn scoped_import_stays_in_the_subtree(db: Db) {
    seeded(&db).await;
    let office = user_with(&db, "vp.damha", Role::Office, "QN.DH").await;
    let s = db.scoped(&office);
    let root = s.orgs().org(&code("QN.DH"), D).await.unwrap().unwrap();
    let rows = numbered(vec![
        member("10000003", "Lê Văn Cường", "QN.DH.QT.CB02"),
        member("10000004", "Phạm Thị Dung", "QN.TY.DN.CB02"),
        member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
    ]);
    let Err(ImportError::Rows(problems)) =
        s.members().import_members(&root, &rows, D, "127.0.0.1", "f.xlsx", false).await
    else {
        panic!("expected refused rows")
    };
    assert!(matches!(problems[0].refusal, RowRefusal::OutsideSubtree(_)), "{problems:?}");
    assert!(matches!(problems[1].refusal, RowRefusal::MemberOutsideSubtree { .. }), "{problems:?}");
    assert_eq!(problems.len(), 2);
    assert!(
        db.person_id_by_card(&daihoi_core::members::CardNumber::parse("10000003").unwrap()).await.unwrap().is_none(),
        "nothing written"
    );
    let report = s.members().import_members(&root, &rows[..1], D, "127.0.0.1", "f.xlsx", false).await.unwrap();
    assert_eq!(report.created, 1);
    let inspection = user_with(&db, "ktra", Role::Inspection, "QN.DH").await;
    // The office's entries (the seeding's own, written at the command line, are left out).
    let by_office = AuditFilter { limit: 50, actor: Some("vp.damha".into()), ..Default::default() };
    let (entries, total) = db.scoped(&inspection).audit().audit_entries(&by_office).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!(entries[0].action, "import_members");
    assert_eq!(entries[0].actor, "vp.damha");
    let other = user_with(&db, "ktra.ty", Role::Inspection, "QN.TY").await;
    assert_eq!(db.scoped(&other).audit().audit_entries(&by_office).await.unwrap().1, 0);
    let Err(ImportError::Store(StoreError::Forbidden(_))) =
        db.scoped(&inspection).members().import_members(&root, &rows[..1], D, "x", "f", false).await
    else {
        panic!("inspection writes nothing")
    };
}

/// A new organization is checked where it lands: under its parent as the
/// parent is now. A commune that left the user's district cannot receive
/// a child by naming a date when it was still there; and after the move the
/// commune's own inspection still reads its entries from before.
async fn a_moved_parent_takes_its_rights_along(db: Db) {
    seeded(&db).await;
    let office = user_with(&db, "vp.damha", Role::Office, "QN.DH").await;
    let inspection = user_with(&db, "ktra.qt", Role::Inspection, "QN.DH.QT").await;
    let s = db.scoped(&office);
    let qt = s.orgs().org(&code("QN.DH.QT"), D).await.unwrap().unwrap();
    s.orgs().rename_org(&qt.code, "Đảng bộ xã Quảng Tân mới", D, "127.0.0.1").await.unwrap();
    db.operator().orgs().move_org(&code("QN.DH.QT"), &code("QN.TY"), date!(2026 - 12 - 01), "test").await.unwrap();
    let new = daihoi_store::orgs::NewOrg {
        code: &code("QN.DH.QT.CB09"),
        name: "Chi bộ mới",
        kind: daihoi_core::OrgKind::Cell,
        parent: Some(&code("QN.DH.QT")),
        valid_from: D,
    };
    assert!(matches!(s.orgs().create_org(&new, "127.0.0.1").await, Err(StoreError::Forbidden(_))));
    assert_eq!(db.org_by_code(&code("QN.DH.QT.CB09"), date!(2026 - 12 - 02)).await.unwrap(), None, "nothing written");
    let by_office = AuditFilter { limit: 10, actor: Some("vp.damha".into()), ..Default::default() };
    let (entries, _) = db.scoped(&inspection).audit().audit_entries(&by_office).await.unwrap();
    assert_eq!(entries.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["rename_org"]);
}

/// `daihoi audit verify` finds the first entry changed, removed or cut off.
async fn the_audit_chain_names_the_first_broken_entry(db: Db) {
    assert_eq!(db.verify_audit().await.unwrap(), AuditCheck::Intact { entries: 0 });
    for i in 0..5 {
        let subject = format!("s{i}");
        db.audit(&NewAuditEntry {
            actor: "a",
            address: "cli",
            action: "test",
            org_path: None,
            subject: &subject,
            detail: "",
            classification: daihoi_store::documents::Classification::Normal,
        })
        .await
        .unwrap();
    }
    assert_eq!(db.verify_audit().await.unwrap(), AuditCheck::Intact { entries: 5 });
    db.tamper_for_test("UPDATE audit_entry SET detail = 'changed' WHERE id = 3").await;
    assert!(matches!(db.verify_audit().await.unwrap(), AuditCheck::Broken { entry: 3, .. }));
    db.tamper_for_test("UPDATE audit_entry SET detail = '' WHERE id = 3").await;
    assert_eq!(db.verify_audit().await.unwrap(), AuditCheck::Intact { entries: 5 });
    db.tamper_for_test("DELETE FROM audit_entry WHERE id = 2").await;
    assert!(matches!(db.verify_audit().await.unwrap(), AuditCheck::Broken { entry: 3, .. }));
}

/// The log's days are days in Vietnam (UTC+7), though times are kept in UTC.
async fn the_audit_filter_counts_days_in_vietnam(db: Db) {
    for _ in 0..3 {
        db.audit(&NewAuditEntry {
            actor: "a",
            address: "cli",
            action: "test",
            org_path: None,
            subject: "",
            detail: "",
            classification: daihoi_store::documents::Classification::Normal,
        })
        .await
        .unwrap();
    }
    // 28/11 at 00:30 and 23:30 in Vietnam; 29/11 at 00:30.
    db.tamper_for_test("UPDATE audit_entry SET at = '2026-11-27T17:30:00Z' WHERE id = 1").await;
    db.tamper_for_test("UPDATE audit_entry SET at = '2026-11-28T16:30:00Z' WHERE id = 2").await;
    db.tamper_for_test("UPDATE audit_entry SET at = '2026-11-28T17:30:00Z' WHERE id = 3").await;
    let operator = Viewer::operator();
    let day = |from: &str, to: &str| AuditFilter {
        from: Some(from.into()),
        to: Some(to.into()),
        limit: 10,
        ..Default::default()
    };
    let ids =
        |(entries, _): (Vec<daihoi_store::audit::AuditEntry>, u64)| entries.iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(
        ids(db.scoped(&operator).audit().audit_entries(&day("2026-11-28", "2026-11-28")).await.unwrap()),
        [2, 1]
    );
    assert_eq!(ids(db.scoped(&operator).audit().audit_entries(&day("2026-11-29", "")).await.unwrap()), [3]);
}

async fn the_audit_chain_notices_a_cut_tail(db: Db) {
    three_entries(&db).await;
    db.tamper_for_test("DELETE FROM audit_entry WHERE id = 3").await;
    assert!(matches!(db.verify_audit().await.unwrap(), AuditCheck::Broken { entry: 3, .. }));
}

async fn three_entries(db: &Db) {
    for _ in 0..3 {
        db.audit(&NewAuditEntry {
            actor: "a",
            address: "cli",
            action: "test",
            org_path: None,
            subject: "",
            detail: "",
            classification: daihoi_store::documents::Classification::Normal,
        })
        .await
        .unwrap();
    }
}

/// A tail removed with the head moved back to match passes the chain's own
/// check; a checkpoint kept outside the database finds it.
async fn a_checkpoint_finds_a_tail_cut_with_its_head(db: Db) {
    three_entries(&db).await;
    let checkpoint = db.audit_checkpoint().await.unwrap().expect("a checkpoint");
    assert_eq!(checkpoint.last_id, 3);
    assert_eq!(checkpoint.to_string().parse::<AuditCheckpoint>().unwrap(), checkpoint);
    assert_eq!(db.verify_audit_against(Some(&checkpoint)).await.unwrap(), AuditCheck::Intact { entries: 3 });
    let hash_of_2: String = {
        let entries = db
            .scoped(&daihoi_store::Viewer::operator())
            .audit()
            .audit_entries(&AuditFilter { limit: 10, ..AuditFilter::default() })
            .await
            .unwrap()
            .0;
        entries.into_iter().find(|e| e.id == 2).unwrap().hash
    };
    db.tamper_for_test("DELETE FROM audit_entry WHERE id = 3").await;
    db.tamper_for_test(&format!("UPDATE audit_head SET last_id = 2, last_hash = '{hash_of_2}' WHERE id = 1")).await;
    assert_eq!(db.verify_audit().await.unwrap(), AuditCheck::Intact { entries: 2 }, "the cut is invisible from inside");
    assert!(matches!(db.verify_audit_against(Some(&checkpoint)).await.unwrap(), AuditCheck::Broken { entry: 3, .. }));
}

/// A damaged entry or a missing head is named, not a database error.
async fn damaged_entries_are_named(db: Db) {
    three_entries(&db).await;
    db.tamper_for_test("DELETE FROM audit_head").await;
    let check = db.verify_audit().await.unwrap();
    assert!(matches!(&check, AuditCheck::Broken { entry: 4, why } if why.contains("head")), "{check:?}");
}

/// A field of the wrong type (SQLite stores what it is given).
async fn an_entry_of_the_wrong_type_is_named(db: Db) {
    three_entries(&db).await;
    if db.engine() == daihoi_store::Engine::Sqlite {
        db.tamper_for_test("UPDATE audit_entry SET detail = x'00ff' WHERE id = 2").await;
        let check = db.verify_audit().await.unwrap();
        assert!(matches!(&check, AuditCheck::Broken { entry: 2, .. }), "{check:?}");
    }
}

/// Concurrent appends on one database still make one chain.
async fn concurrent_appends_keep_one_chain(db: Db) {
    let mut tasks = Vec::new();
    for t in 0..4 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..10 {
                let s = format!("{t}-{i}");
                db.audit(&NewAuditEntry {
                    actor: "a",
                    address: "x",
                    action: "test",
                    org_path: None,
                    subject: &s,
                    detail: "",
                    classification: daihoi_store::documents::Classification::Normal,
                })
                .await
                .unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(db.verify_audit().await.unwrap(), AuditCheck::Intact { entries: 40 });
}

daihoi_test_support::engines!(
    sign_in_checks_the_password_and_throttles,
    password_change_voids_older_sessions,
    api_tokens_are_stored_as_hashes_and_revocable,
    a_new_password_revokes_api_tokens,
    sessions_expire,
    the_scoped_view_stops_at_the_subtree,
    scoped_import_stays_in_the_subtree,
    a_moved_parent_takes_its_rights_along,
    the_audit_filter_counts_days_in_vietnam,
    the_audit_chain_names_the_first_broken_entry,
    the_audit_chain_notices_a_cut_tail,
    a_checkpoint_finds_a_tail_cut_with_its_head,
    damaged_entries_are_named,
    an_entry_of_the_wrong_type_is_named,
    concurrent_appends_keep_one_chain,
);
