//! A round's settings changed by a person (issue 15 §1; congress.md §5,
//! C-PLAN-4): who may, what is refused (and then nothing is written), what
//! the change records (who decided, when, why, the source), and that the
//! rules read the changed value (C-DEL-5's kind proposal).

use daihoi_congress::{
    CongressError, CongressKind, KindBasis, LevelClass, Quorum, SetBy, SettingChange, SettingError, SettingKey,
    SettingValue, Tag,
};
use daihoi_core::Role;
use daihoi_store::audit::AuditFilter;
use daihoi_store::{Db, StoreError, Viewer};
use daihoi_test_support::fixtures::{code, import, member, small_tree, user_with};
use time::macros::date;

use super::{TODAY, entries, plan, round};

fn change(key: SettingKey, value: SettingValue) -> SettingChange {
    SettingChange {
        key,
        value,
        source: "09-QĐ/TU".into(),
        decided_by: "Ban Thường vụ Tỉnh ủy".into(),
        on: date!(2025 - 01 - 10),
        why: "Tỉnh có nhiều đảng bộ cơ sở đông đảng viên".into(),
    }
}

fn setting_refusal(e: &StoreError) -> Option<&SettingError> {
    match e {
        StoreError::Congress(CongressError::Setting(s)) => Some(s),
        _ => None,
    }
}

/// C-DEL-5, C-PLAN-4: the root's administrator lowers the threshold to 3;
/// a grassroots congress of 4 members, a member congress under 200, is
/// then proposed a delegate congress; the setting shows Recorded with who
/// decided, when, why and its source; the audit entry names the values
/// before and after. The same value again writes nothing.
async fn c_del_5_threshold_changed_changes_the_kind_proposal(db: Db) {
    small_tree(&db).await;
    import(
        &db,
        ["003101", "003102", "003103", "003104"]
            .iter()
            .enumerate()
            .map(|(i, c)| member(c, &format!("Nguyễn Văn {}", ["An", "Bình", "Cường", "Dũng"][i]), "QN.DH.QT.CB01"))
            .collect(),
    )
    .await;
    let r = round(&db).await;
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let congress = db
        .scoped(&office)
        .congresses()
        .plan(
            &r,
            &qt,
            &plan(LevelClass::Grassroots, CongressKind::MemberCongress, date!(2026 - 12 - 10), 2),
            TODAY,
            "x",
        )
        .await
        .unwrap();
    // The campaign's line of the congress: its proposal and its warnings.
    let line_of = async |db: &Db| {
        let lines = db.scoped(&office).congresses().campaign(&r, &qt, TODAY).await.unwrap();
        lines.into_iter().find(|l| l.congress.id == congress.id).expect("the congress's line")
    };
    let line = line_of(&db).await;
    let proposal = line.kind.proposal.clone().unwrap();
    assert_eq!(
        (proposal.kind, proposal.basis, proposal.counted, line.kind.threshold),
        (CongressKind::MemberCongress, KindBasis::UnderThreshold, Some(4), 200)
    );
    assert!(!line.warnings.iter().any(|w| w.rule() == "C-DEL-5"), "{:?}", line.warnings);

    let s = db.scoped(&admin);
    let c = change(SettingKey::DelegateCongressThreshold, SettingValue::Count(3));
    assert!(s.congresses().change_setting(&r, &c, TODAY, "x").await.unwrap());
    let line = line_of(&db).await;
    let proposal = line.kind.proposal.clone().unwrap();
    assert_eq!(
        (proposal.kind, proposal.basis, line.kind.threshold),
        (CongressKind::DelegateCongress, KindBasis::AtThreshold, 3)
    );
    // The member congress planned is now a warning on the campaign, not a
    // change of the plan.
    assert_eq!(line.congress.plan.kind, CongressKind::MemberCongress);
    assert!(
        line.warnings.contains(&daihoi_congress::PlanWarning::KindDiffers {
            planned: CongressKind::MemberCongress,
            proposed: CongressKind::DelegateCongress,
            counted: Some(4),
            threshold: 3
        }),
        "{:?}",
        line.warnings
    );
    let used = proposal.threshold.unwrap();
    assert_eq!((used.tags.as_slice(), used.shipped, used.source.as_str()), (&[Tag::Recorded][..], false, "09-QĐ/TU"));

    let settings = s.congresses().settings(&r, TODAY).await.unwrap();
    let t = &settings.delegate_congress_threshold;
    assert_eq!((t.value, t.tags.as_slice()), (3, &[Tag::Recorded][..]));
    assert_eq!(
        t.set_by,
        SetBy::Person {
            name: "Ban Thường vụ Tỉnh ủy".into(),
            on: date!(2025 - 01 - 10),
            why: "Tỉnh có nhiều đảng bộ cơ sở đông đảng viên".into()
        }
    );
    let all = AuditFilter { limit: 5, ..Default::default() };
    let (log, _) = db.scoped(&Viewer::operator()).audit().audit_entries(&all).await.unwrap();
    let entry = &log[0];
    assert_eq!((entry.action.as_str(), entry.actor.as_str()), ("round_setting", "admin.qn"));
    assert!(entry.subject.contains("delegate_congress_threshold"), "{entry:?}");
    assert!(entry.detail.starts_with("200 → 3; source 09-QĐ/TU; decided by Ban Thường vụ Tỉnh ủy"), "{entry:?}");

    // The same value: nothing written.
    let before = entries(&db).await;
    assert!(!s.congresses().change_setting(&r, &c, TODAY, "x").await.unwrap());
    assert_eq!(entries(&db).await, before);
    // Changed again: replaced, the log keeps both.
    let again = SettingChange {
        why: "Sửa lại".into(),
        decided_by: " ".into(),
        ..change(SettingKey::DelegateCongressThreshold, SettingValue::Count(250))
    };
    assert!(s.congresses().change_setting(&r, &again, TODAY, "x").await.unwrap());
    let settings = s.congresses().settings(&r, TODAY).await.unwrap();
    assert_eq!(settings.delegate_congress_threshold.value, 250);
    assert!(
        matches!(&settings.delegate_congress_threshold.set_by, SetBy::Person { name, .. } if name == "admin.qn"),
        "no one named: the signed-in user decided"
    );
    assert_eq!(entries(&db).await, before + 1);
}

/// C-PLAN-4, D-NUM-1, C-PER-9, C-PLAN-2, C-PLAN-1: refusals write nothing
/// and leave no audit entry: a commune's office may not change a round's
/// settings; a source that is no document number; a quorum of 3/2; a
/// decision after today; 0 months for a cell's term; a window's finish-by
/// date years away. A window changed is read back with its level.
async fn refused_changes_write_nothing(db: Db) {
    small_tree(&db).await;
    let r = round(&db).await;
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let district = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let before = entries(&db).await;
    let c = change(SettingKey::CellTermMonths, SettingValue::Months(36));
    for viewer in [&office, &district] {
        let denied = db.scoped(viewer).congresses().change_setting(&r, &c, TODAY, "x").await;
        assert!(matches!(denied, Err(StoreError::Forbidden(_))), "{denied:?}");
    }
    let s = db.scoped(&admin);
    let bad_source = SettingChange { source: "Quyết định của tỉnh".into(), ..c.clone() };
    let e = s.congresses().change_setting(&r, &bad_source, TODAY, "x").await.unwrap_err();
    assert_eq!(setting_refusal(&e).map(SettingError::rule), Some("D-NUM-1"), "{e:?}");
    assert_eq!(e.rule(), Some("D-NUM-1"));
    let quorum = change(SettingKey::StepTwoQuorum, SettingValue::Quorum(Quorum { numerator: 3, denominator: 2 }));
    let e = s.congresses().change_setting(&r, &quorum, TODAY, "x").await.unwrap_err();
    assert_eq!(e.rule(), Some("C-PER-9"), "{e:?}");
    let future = SettingChange { on: date!(2025 - 12 - 02), ..c.clone() };
    let e = s.congresses().change_setting(&r, &future, TODAY, "x").await.unwrap_err();
    assert!(matches!(setting_refusal(&e), Some(SettingError::DecidedAfterToday { .. })), "{e:?}");
    let zero = change(SettingKey::CellTermMonths, SettingValue::Months(0));
    let e = s.congresses().change_setting(&r, &zero, TODAY, "x").await.unwrap_err();
    assert_eq!(e.rule(), Some("C-PLAN-2"), "{e:?}");
    let far =
        daihoi_congress::change::window(Some(4), daihoi_congress::FinishBy::By { date: date!(2045 - 01 - 01) }, None);
    let window = change(SettingKey::Window(LevelClass::Commune), SettingValue::Window(far));
    let e = s.congresses().change_setting(&r, &window, TODAY, "x").await.unwrap_err();
    assert_eq!(e.rule(), Some("C-PLAN-1"), "{e:?}");
    let no_why = SettingChange { why: "  ".into(), ..c.clone() };
    let e = s.congresses().change_setting(&r, &no_why, TODAY, "x").await.unwrap_err();
    assert!(matches!(e, StoreError::BadText { field: "why", .. }), "{e:?}");
    assert_eq!(entries(&db).await, before);
    assert!(s.congresses().settings(&r, TODAY).await.unwrap().cell_term_months.is_shipped());

    // C-PLAN-1, C-PLAN-4: communes finish by 30/09/2025 in this round.
    let september = daihoi_congress::change::window(
        Some(4),
        daihoi_congress::FinishBy::By { date: date!(2025 - 09 - 30) },
        daihoi_congress::YearMonth::new(2025, 7),
    );
    let window = SettingChange {
        source: "Số: 185 - KL/TW".into(),
        ..change(SettingKey::Window(LevelClass::Commune), SettingValue::Window(september))
    };
    assert!(s.congresses().change_setting(&r, &window, TODAY, "x").await.unwrap());
    let settings = s.congresses().settings(&r, TODAY).await.unwrap();
    let w = settings.window(LevelClass::Commune).unwrap();
    assert_eq!((w.value, w.tags.as_slice()), (september, &[Tag::Recorded][..]));
    assert!(settings.window(LevelClass::Grassroots).unwrap().is_shipped());
    assert_eq!(entries(&db).await, before + 1);
}

/// C-PLAN-4: an answer names who decided when a person says so (a body),
/// the signed-in user otherwise.
async fn an_answer_names_who_decided(db: Db) {
    use daihoi_congress::{AnswerValue, OpenQuestion, Scope};
    small_tree(&db).await;
    let r = round(&db).await;
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    let s = db.scoped(&admin);
    s.congresses()
        .answer_decided_by(
            &r,
            OpenQuestion::ProbationaryCounted,
            &Scope::Round,
            AnswerValue::YesNo(false),
            Some("Ban Thường vụ Tỉnh ủy"),
            date!(2024 - 11 - 20),
            "Hướng dẫn 06-HD/TU",
            TODAY,
            "x",
        )
        .await
        .unwrap();
    let settings = s.congresses().settings(&r, TODAY).await.unwrap();
    assert_eq!(settings.answer(OpenQuestion::ProbationaryCounted).unwrap().by, "Ban Thường vụ Tỉnh ủy");
    s.congresses()
        .answer_decided_by(
            &r,
            OpenQuestion::AlternatesExOfficio,
            &Scope::Round,
            AnswerValue::YesNo(true),
            Some(""),
            date!(2024 - 11 - 20),
            "Hướng dẫn 06-HD/TU",
            TODAY,
            "x",
        )
        .await
        .unwrap();
    let settings = s.congresses().settings(&r, TODAY).await.unwrap();
    assert_eq!(settings.answer(OpenQuestion::AlternatesExOfficio).unwrap().by, "admin.qn");
}

daihoi_test_support::engines!(
    c_del_5_threshold_changed_changes_the_kind_proposal,
    refused_changes_write_nothing,
    an_answer_names_who_decided
);
