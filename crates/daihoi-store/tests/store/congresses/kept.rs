//! A province's campaign kept between visits of its dashboard, brought up
//! to date by reading only what changed (issue 15 §3): after every kind of
//! change (a plan, a gate, an answer, a new congress, the members, an
//! account, the tree), it is the campaign another process reads afresh.

use daihoi_congress::{CongressKind, Gate, LevelClass, PlanWarning, SettingKey, SettingValue};
use daihoi_core::{OrgKind, Role};
use daihoi_store::Db;
use daihoi_store::congresses::access::CampaignLine;
use daihoi_test_support::fixtures::{code, import, member, org, small_tree, user_with};
use time::macros::date;

use super::{TODAY, gate, node, plan, round};

async fn a_kept_campaign_is_the_campaign_read_afresh(db: Db) {
    small_tree(&db).await;
    let r = round(&db).await;
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    let qn = node(&db, "QN").await;
    let same_in = async |root: &daihoi_store::orgs::OrgNode, what: &str| -> Vec<CampaignLine> {
        let kept = db.scoped(&admin).congresses().campaign(&r, root, TODAY).await.unwrap();
        let afresh = db.another_process().scoped(&admin).congresses().campaign(&r, root, TODAY).await.unwrap();
        assert_eq!(kept, afresh, "the kept campaign of {} after {what}", root.code);
        kept
    };
    let same = async |what: &str| same_in(&qn, what).await;
    let line = |lines: &[CampaignLine], code: &str| -> CampaignLine {
        lines.iter().find(|l| l.congress.org.code.as_str() == code).cloned().unwrap_or_else(|| panic!("{code}"))
    };
    let counted = |l: &CampaignLine| l.kind.proposal.as_ref().ok().and_then(|p| p.counted);
    let s = db.scoped(&admin).congresses();

    // Plans: read whole, then kept.
    let (qt, cb01, dn) = (node(&db, "QN.DH.QT").await, node(&db, "QN.DH.QT.CB01").await, node(&db, "QN.TY.DN").await);
    let grassroots = plan(LevelClass::Grassroots, CongressKind::MemberCongress, date!(2025 - 08 - 10), 2);
    let congress = s.plan(&r, &qt, &grassroots, TODAY, "x").await.unwrap();
    s.plan(&r, &cb01, &plan(LevelClass::Cell, CongressKind::MemberCongress, date!(2025 - 03 - 20), 1), TODAY, "x")
        .await
        .unwrap();
    s.plan(&r, &dn, &grassroots, TODAY, "x").await.unwrap();
    let lines = same("the plans").await;
    assert_eq!(lines.len(), 3);
    assert_eq!(lines, same("nothing").await);
    assert_eq!(counted(&line(&lines, "QN.DH.QT")), Some(0), "no member yet");

    // Members: every count read again (C-DEL-5).
    import(
        &db,
        ["003101", "003102", "003103", "003104"]
            .iter()
            .enumerate()
            .map(|(i, c)| member(c, &format!("Nguyễn Văn {}", ["An", "Bình", "Cường", "Dũng"][i]), "QN.DH.QT.CB01"))
            .collect(),
    )
    .await;
    assert_eq!(counted(&line(&same("an import of members").await, "QN.DH.QT")), Some(4));

    // A plan moved, a gate passed: that congress read again.
    let moved = plan(LevelClass::Grassroots, CongressKind::MemberCongress, date!(2025 - 08 - 20), 2);
    s.plan(&r, &qt, &moved, TODAY, "x").await.unwrap();
    let lines = same("a plan's change").await;
    assert_eq!(line(&lines, "QN.DH.QT").congress.plan.planned.opening, date!(2025 - 08 - 20));
    s.pass_gate(&congress, &gate(Gate::PlanApproved, date!(2025 - 06 - 01)), TODAY, "x").await.unwrap();
    let lines = same("a gate").await;
    assert_eq!(line(&lines, "QN.DH.QT").congress.plan.gates.len(), 1);

    // An answer: every line's warnings made again.
    let change = daihoi_congress::SettingChange {
        key: SettingKey::DelegateCongressThreshold,
        value: SettingValue::Count(3),
        source: "09-QĐ/TU".into(),
        decided_by: "Ban Thường vụ Tỉnh ủy".into(),
        on: date!(2025 - 01 - 10),
        why: "Thử".into(),
    };
    assert!(s.change_setting(&r, &change, TODAY, "x").await.unwrap());
    let lines = same("a setting's change").await;
    assert!(
        line(&lines, "QN.DH.QT").warnings.iter().any(|w| matches!(w, PlanWarning::KindDiffers { .. })),
        "C-DEL-5 with the threshold at 3"
    );

    // A new congress takes its place in path order, above its commune's.
    let dh = node(&db, "QN.DH").await;
    s.plan(
        &r,
        &dh,
        &plan(LevelClass::AboveGrassroots, CongressKind::DelegateCongress, date!(2025 - 09 - 20), 2),
        TODAY,
        "x",
    )
    .await
    .unwrap();
    let lines = same("a new congress").await;
    let codes: Vec<&str> = lines.iter().map(|l| l.congress.org.code.as_str()).collect();
    assert_eq!(codes, ["QN.DH", "QN.DH.QT", "QN.DH.QT.CB01", "QN.TY.DN"]);
    assert_eq!(line(&lines, "QN.DH.QT").higher, Some(line(&lines, "QN.DH").congress.id));

    // An account (it raises the data generation): nothing to read again.
    user_with(&db, "vp.dn", Role::Office, "QN.TY.DN").await;
    assert_eq!(same("an account").await, lines);

    // The tree: read whole (a new cell, then its congress).
    org(&db, "QN.DH.QT.CB03", "Chi bộ thôn Tân Lập", OrgKind::Cell, Some("QN.DH.QT")).await;
    same("a new organization").await;
    let cb03 = node(&db, "QN.DH.QT.CB03").await;
    s.plan(&r, &cb03, &plan(LevelClass::Cell, CongressKind::MemberCongress, date!(2025 - 03 - 25), 1), TODAY, "x")
        .await
        .unwrap();
    import(&db, vec![member("003105", "Trần Thị Em", "QN.DH.QT.CB03")]).await;
    let lines = same("a new cell's congress and member").await;
    assert_eq!((lines.len(), counted(&line(&lines, "QN.DH.QT"))), (5, Some(5)));
    db.scoped(&admin).orgs().rename_org(&code("QN.DH.QT.CB03"), "Chi bộ thôn Tân Lập mới", TODAY, "x").await.unwrap();
    let lines = same("a rename").await;
    assert_eq!(line(&lines, "QN.DH.QT.CB03").congress.org.name, "Chi bộ thôn Tân Lập mới");

    // A merge brings a commune and its congress into the district's
    // subtree: the district's kept campaign takes it in, with its members.
    import(&db, vec![member("003201", "Lê Văn Giang", "QN.TY.DN.CB01")]).await;
    let before = same_in(&dh, "a member elsewhere").await;
    assert!(before.iter().all(|l| l.congress.org.code.as_str() != "QN.TY.DN"));
    db.scoped(&admin).orgs().merge_org(&code("QN.TY"), &code("QN.DH"), TODAY, "x").await.unwrap();
    let after = same_in(&dh, "a merge").await;
    assert_eq!(counted(&line(&after, "QN.TY.DN")), Some(1));
    same("a merge").await;
}

daihoi_test_support::engines!(a_kept_campaign_is_the_campaign_read_afresh);
