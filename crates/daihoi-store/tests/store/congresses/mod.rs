//! Congresses across the tree (issue 15), stored: a round and the answers
//! to its [open] questions (C-PLAN-4), each organization's plan and gates
//! (C-PLAN-1, C-PLAN-3, C-PLAN-5), the campaign of a subtree and its
//! warnings; who may do what; nothing half-written on a refusal.

mod agenda;
mod files;
mod kept;
mod settings;

use daihoi_congress::{
    AnswerValue, Approval, CongressKind, Contents, Gate, GateRecord, Length, LevelClass, OpenQuestion, PlanWarning,
    Schedule, Scope,
};
use daihoi_core::Role;
use daihoi_store::congresses::{NewPlan, Round, RoundTemplate};
use daihoi_store::orgs::OrgNode;
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use time::Date;
use time::macros::date;

/// A day after every congress of the round.
const TODAY: Date = date!(2025 - 12 - 01);

async fn node(db: &Db, c: &str) -> OrgNode {
    db.org_by_code(&code(c), TODAY).await.unwrap().unwrap()
}

pub(crate) async fn entries(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

pub(crate) async fn round(db: &Db) -> Round {
    db.operator()
        .congresses()
        .create_round(
            "2025-2030",
            "Đại hội đảng bộ các cấp nhiệm kỳ 2025–2030",
            RoundTemplate::Term2025To2030,
            TODAY,
            "x",
        )
        .await
        .unwrap()
}

pub(crate) fn plan(level: LevelClass, kind: CongressKind, opening: Date, days: u32) -> NewPlan {
    NewPlan {
        level,
        kind,
        contents: Contents::Full,
        model: false,
        planned: Schedule { opening, length: Length::days(days) },
        actual: None,
    }
}

fn gate(gate: Gate, on: Date) -> GateRecord {
    GateRecord {
        gate, approved_by: "Ban Thường vụ Huyện ủy Đầm Hà".into(), on, reference: "125-QĐ/HU".into()
    }
}

/// C-PLAN-4: an [open] question waits until a person answers it; an
/// administrator of the root answers for the round, the higher committee's
/// office for one organization; an answer of the wrong form, or from
/// someone without the right, is refused and writes nothing; the answer
/// names who, when and why, and its audit entry the previous value.
async fn open_questions_wait_for_a_recorded_answer(db: Db) {
    small_tree(&db).await;
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    let office = user_with(&db, "vp.qn", Role::Office, "QN").await;
    let district = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let commune = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let s = db.scoped(&admin);
    let denied = db
        .scoped(&office)
        .congresses()
        .create_round("2025-2030", "Nhiệm kỳ 2025–2030", RoundTemplate::Term2025To2030, TODAY, "x")
        .await;
    assert!(matches!(denied, Err(StoreError::Forbidden(_))), "{denied:?}");
    let r = s
        .congresses()
        .create_round("2025-2030", "Nhiệm kỳ 2025–2030", RoundTemplate::Term2025To2030, TODAY, "x")
        .await
        .unwrap();
    let again = s.congresses().create_round("2025-2030", "Lần nữa", RoundTemplate::Term2025To2030, TODAY, "x").await;
    assert!(matches!(again, Err(StoreError::CongressRefused { rule: "C-PLAN-4", .. })), "{again:?}");
    assert_eq!(s.congresses().rounds().await.unwrap(), vec![r.clone()]);

    let settings = s.congresses().settings(&r, TODAY).await.unwrap();
    let awaiting = settings.yes_no(OpenQuestion::ProbationaryCounted, &Scope::Round).unwrap_err();
    assert_eq!((awaiting.question, awaiting.rule()), (OpenQuestion::ProbationaryCounted, "C-DEL-5"));

    // Refusals write nothing.
    let before = entries(&db).await;
    let wrong_form = s
        .congresses()
        .answer(&r, OpenQuestion::ProbationaryCounted, &Scope::Round, AnswerValue::Number(3), TODAY, "vì", TODAY, "x")
        .await;
    assert!(matches!(wrong_form, Err(StoreError::Congress(_))), "{wrong_form:?}");
    let no_why = s
        .congresses()
        .answer(&r, OpenQuestion::ProbationaryCounted, &Scope::Round, AnswerValue::YesNo(true), TODAY, " ", TODAY, "x")
        .await;
    assert!(matches!(no_why, Err(StoreError::BadText { field: "why", .. })), "{no_why:?}");
    let by_office = db
        .scoped(&office)
        .congresses()
        .answer(&r, OpenQuestion::ProbationaryCounted, &Scope::Round, AnswerValue::YesNo(true), TODAY, "vì", TODAY, "x")
        .await;
    assert!(matches!(by_office, Err(StoreError::Forbidden(_))), "{by_office:?}");
    assert_eq!(entries(&db).await, before);
    assert!(s.congresses().settings(&r, TODAY).await.unwrap().answers.is_empty());

    s.congresses()
        .answer(
            &r,
            OpenQuestion::ProbationaryCounted,
            &Scope::Round,
            AnswerValue::YesNo(false),
            date!(2024 - 11 - 20),
            "Hướng dẫn 06-HD/TU: chỉ tính đảng viên chính thức",
            TODAY,
            "x",
        )
        .await
        .unwrap();
    let settings = s.congresses().settings(&r, TODAY).await.unwrap();
    assert_eq!(settings.yes_no(OpenQuestion::ProbationaryCounted, &Scope::Round), Ok(false));
    let answer = settings.answer(OpenQuestion::ProbationaryCounted).unwrap();
    assert_eq!((answer.by.as_str(), answer.at), ("admin.qn", date!(2024 - 11 - 20)));
    assert_eq!(entries(&db).await, before + 1);

    // One organization's answer: by the office above it, not its own.
    let cell = Scope::Organization("QN.DH.QT.CB01".into());
    let own = db
        .scoped(&commune)
        .congresses()
        .answer(
            &r,
            OpenQuestion::PilotCell,
            &Scope::Organization("QN.DH.QT".into()),
            AnswerValue::YesNo(true),
            TODAY,
            "vì",
            TODAY,
            "x",
        )
        .await;
    assert!(matches!(own, Err(StoreError::Forbidden(_))), "{own:?}");
    db.scoped(&commune)
        .congresses()
        .answer(&r, OpenQuestion::PilotCell, &cell, AnswerValue::YesNo(true), TODAY, "Chi bộ thí điểm", TODAY, "x")
        .await
        .unwrap();
    let by_district = db
        .scoped(&district)
        .congresses()
        .answer(&r, OpenQuestion::PilotCell, &cell, AnswerValue::YesNo(false), TODAY, "Sửa lại", TODAY, "x")
        .await;
    assert!(by_district.is_ok(), "the district is above the commune, so above its cell: {by_district:?}");
    let settings = s.congresses().settings(&r, TODAY).await.unwrap();
    assert_eq!(settings.yes_no(OpenQuestion::PilotCell, &cell), Ok(false), "the later answer replaces the earlier");
    assert!(settings.yes_no(OpenQuestion::PilotCell, &Scope::Organization("QN.DH.QT.CB02".into())).is_err());
    // An organization's answer (its code, the decision, the reasons) is
    // shown to those who read that organization only; the round's to all.
    let elsewhere = user_with(&db, "vp.dn", Role::Office, "QN.TY.DN").await;
    let seen = db.scoped(&elsewhere).congresses().settings(&r, TODAY).await.unwrap();
    assert!(seen.answers.iter().all(|a| a.scope == Scope::Round), "{:?}", seen.answers);
    assert_eq!(seen.answers.len(), 1);
    let commune_sees = db.scoped(&commune).congresses().settings(&r, TODAY).await.unwrap();
    assert_eq!(commune_sees.yes_no(OpenQuestion::PilotCell, &cell), Ok(false));
}

/// C-PLAN-1, C-PLAN-5: the commune's office plans its congress and records
/// it held; the office above approves its gates and a date outside the
/// window; a gate is passed once, not after today; a two-content congress
/// has no personnel gate (C-PLAN-3); the campaign warns, never refuses:
/// W-C5's commune congress of 05/09/2025 is after the window until the
/// district approves it, and the approval lapses when the dates change; a
/// congress before a lower congress that sends it delegates is warned of.
async fn plans_gates_and_the_campaigns_warnings(db: Db) {
    small_tree(&db).await;
    let r = round(&db).await;
    let commune = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let district = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let inspection = user_with(&db, "kt.qn", Role::Inspection, "QN").await;
    let member = user_with(&db, "dv.qt", Role::Member, "QN.DH.QT.CB01").await;
    let (qt, cb01, qn) = (node(&db, "QN.DH.QT").await, node(&db, "QN.DH.QT.CB01").await, node(&db, "QN").await);
    let c = db.scoped(&commune);

    // Only the commune's office (or one above) plans the commune's congress.
    let planned = plan(LevelClass::Commune, CongressKind::DelegateCongress, date!(2025 - 09 - 05), 2);
    let by_member = db.scoped(&member).congresses().plan(&r, &qt, &planned, TODAY, "x").await;
    assert!(matches!(by_member, Err(StoreError::Forbidden(_))), "{by_member:?}");
    let wrong_level = c
        .congresses()
        .plan(&r, &qt, &plan(LevelClass::Cell, CongressKind::MemberCongress, date!(2025 - 03 - 01), 1), TODAY, "x")
        .await;
    assert!(matches!(wrong_level, Err(StoreError::CongressRefused { rule: "C-PLAN-1", .. })), "{wrong_level:?}");
    let congress = c.congresses().plan(&r, &qt, &planned, TODAY, "x").await.unwrap();
    assert_eq!(
        (congress.plan.organization.as_str(), congress.plan.planned.opening),
        ("QN.DH.QT", date!(2025 - 09 - 05))
    );
    // The cell's congress, 31/3/2025 at the latest, comes first.
    c.congresses()
        .plan(&r, &cb01, &plan(LevelClass::Cell, CongressKind::MemberCongress, date!(2025 - 03 - 20), 1), TODAY, "x")
        .await
        .unwrap();

    let campaign = c.congresses().campaign(&r, &qt, TODAY).await.unwrap();
    assert_eq!(campaign.len(), 2);
    let line = &campaign[0];
    assert_eq!(line.congress.org.code.as_str(), "QN.DH.QT");
    let after: Vec<_> = line.warnings.iter().filter(|w| matches!(w, PlanWarning::AfterFinishBy { .. })).collect();
    assert_eq!(after.len(), 1, "W-C5: 05/09/2025 is after the commune window's 31/8/2025: {:?}", line.warnings);
    assert!(!after[0].approved() && after[0].rule() == "C-PLAN-1");
    assert_eq!(campaign[1].higher, Some(line.congress.id), "the cell sends delegates to the commune");

    // Its own office does not approve the commune's dates; the district does.
    let approval = Approval {
        approved_by: "Ban Thường vụ Huyện ủy Đầm Hà".into(),
        on: date!(2025 - 08 - 01),
        reference: "Công văn 310-CV/HU".into(),
    };
    let own = c.congresses().approve_dates(&congress, &approval, TODAY, "x").await;
    assert!(matches!(own, Err(StoreError::Forbidden(_))), "{own:?}");
    db.scoped(&district).congresses().approve_dates(&congress, &approval, TODAY, "x").await.unwrap();
    let line = c.congresses().campaign(&r, &qt, TODAY).await.unwrap().remove(0);
    assert!(
        line.warnings.iter().filter(|w| matches!(w, PlanWarning::AfterFinishBy { .. })).all(|w| w.approved()),
        "kept with the recorded approval: {:?}",
        line.warnings
    );
    // Moved: the approval was of other dates.
    let moved = plan(LevelClass::Commune, CongressKind::DelegateCongress, date!(2025 - 09 - 10), 2);
    let congress = c.congresses().plan(&r, &qt, &moved, TODAY, "x").await.unwrap();
    assert_eq!(congress.plan.date_approval, None);

    // Gates: approvals from above, "held" by the commune, once, not ahead.
    let own_gate =
        c.congresses().pass_gate(&congress, &gate(Gate::PlanApproved, date!(2025 - 06 - 01)), TODAY, "x").await;
    assert!(matches!(own_gate, Err(StoreError::Forbidden(_))), "{own_gate:?}");
    let d = db.scoped(&district);
    assert!(
        d.congresses()
            .pass_gate(&congress, &gate(Gate::PlanApproved, date!(2025 - 06 - 01)), TODAY, "x")
            .await
            .unwrap()
    );
    let before = entries(&db).await;
    assert!(
        !d.congresses()
            .pass_gate(&congress, &gate(Gate::PlanApproved, date!(2025 - 06 - 02)), TODAY, "x")
            .await
            .unwrap(),
        "once"
    );
    let ahead =
        d.congresses().pass_gate(&congress, &gate(Gate::DraftsCommented, date!(2026 - 01 - 01)), TODAY, "x").await;
    assert!(matches!(ahead, Err(StoreError::CongressRefused { rule: "C-PLAN-5", .. })), "{ahead:?}");
    let no_reference = d
        .congresses()
        .pass_gate(
            &congress,
            &GateRecord { reference: String::new(), ..gate(Gate::DraftsCommented, date!(2025 - 07 - 01)) },
            TODAY,
            "x",
        )
        .await;
    assert!(matches!(no_reference, Err(StoreError::BadText { field: "reference", .. })), "{no_reference:?}");
    assert_eq!(entries(&db).await, before, "refusals write nothing");
    let by_district_held =
        d.congresses().pass_gate(&congress, &gate(Gate::Held, date!(2025 - 09 - 11)), TODAY, "x").await;
    assert!(by_district_held.is_ok(), "the district writes on the commune too: {by_district_held:?}");
    let congress = c.congresses().congress(&r, &qt, TODAY).await.unwrap().unwrap();
    let gates: Vec<Gate> = congress.plan.gates.iter().map(|g| g.gate).collect();
    assert_eq!(gates, [Gate::PlanApproved, Gate::Held]);
    let line = c.congresses().campaign(&r, &qt, TODAY).await.unwrap().remove(0);
    assert!(
        line.warnings.iter().any(|w| matches!(w, PlanWarning::GateSkipped { gate: Gate::Held, .. })),
        "C-PLAN-5: held without the drafts commented and the personnel plan approved: {:?}",
        line.warnings
    );

    // C-PLAN-3: a two-content congress elects nobody: no personnel gate.
    let two = NewPlan {
        contents: Contents::TwoContents,
        ..plan(LevelClass::Cell, CongressKind::MemberCongress, date!(2025 - 03 - 20), 1)
    };
    let cell = c.congresses().plan(&r, &cb01, &two, TODAY, "x").await.unwrap();
    let refused =
        c.congresses().pass_gate(&cell, &gate(Gate::PersonnelPlanApproved, date!(2025 - 03 - 01)), TODAY, "x").await;
    assert!(matches!(refused, Err(StoreError::CongressRefused { rule: "C-PLAN-3", .. })), "{refused:?}");

    // C-PLAN-1: the commune congress before its cell's.
    let late_cell = plan(LevelClass::Cell, CongressKind::MemberCongress, date!(2025 - 09 - 20), 1);
    c.congresses().plan(&r, &cb01, &late_cell, TODAY, "x").await.unwrap();
    let line = c.congresses().campaign(&r, &qt, TODAY).await.unwrap().remove(0);
    assert!(
        line.warnings
            .iter()
            .any(|w| matches!(w, PlanWarning::BeforeLowerCongress { lower, .. } if lower == "QN.DH.QT.CB01")),
        "{:?}",
        line.warnings
    );

    // Readers: inspection reads the province's campaign; the commune's
    // office does not; a member reads their cell's congress only.
    assert_eq!(db.scoped(&inspection).congresses().campaign(&r, &qn, TODAY).await.unwrap().len(), 2);
    assert!(matches!(c.congresses().campaign(&r, &qn, TODAY).await, Err(StoreError::Forbidden(_))));
    let m = db.scoped(&member).congresses();
    assert!(m.congress(&r, &cb01, TODAY).await.unwrap().is_some());
    assert!(matches!(m.campaign(&r, &qt, TODAY).await, Err(StoreError::Forbidden(_))));
}

/// Issue 15 §9: the demo's round, as Plan 439-KH/TU organised it: cells
/// first (a model cell in January, all by 31/3/2025, C-PLAN-1), the merged
/// communes' two-content congresses after the 1 July 2025 reform (C-PLAN-3),
/// the 16th provincial congress last and after every congress that sends
/// it delegates; one commune after its window with the province's
/// approval, one without; some cells never recorded held; the [open]
/// questions left for a person. Loading twice adds nothing.
async fn the_demo_round(db: Db) {
    let scenario = daihoi_demo::quang_ninh(3_000, daihoi_demo::DEMO_SEED);
    db.load_scenario(&scenario, daihoi_demo::AS_OF, &mut |_| {}).await.unwrap();
    let created = db.load_demo_congresses(daihoi_demo::AS_OF).await.unwrap();
    assert!(created > 50, "{created}");
    assert_eq!(db.load_demo_congresses(daihoi_demo::AS_OF).await.unwrap(), 0, "loading twice adds nothing");
    let s = db.operator();
    let r = s.congresses().round("2025-2030").await.unwrap().unwrap();
    assert!(
        s.congresses().settings(&r, TODAY).await.unwrap().answers.is_empty(),
        "the [open] questions wait for a person"
    );
    let qn = db.org_by_code(&code("QN"), daihoi_demo::AS_OF).await.unwrap().unwrap();
    let campaign = s.congresses().campaign(&r, &qn, daihoi_demo::AS_OF).await.unwrap();
    assert_eq!(campaign.len(), created);
    let of = |level: LevelClass| campaign.iter().filter(move |l| l.congress.plan.level == level);
    assert!(of(LevelClass::Cell).all(|l| l.congress.plan.planned.opening <= date!(2025 - 03 - 31)));
    let model: Vec<_> =
        campaign.iter().filter(|l| l.congress.plan.model).map(|l| l.congress.org.code.to_string()).collect();
    assert_eq!(model, ["QN.DH.QT", "QN.DH.QT.CB01"]);
    let two: Vec<_> = of(LevelClass::Commune).filter(|l| l.congress.plan.contents == Contents::TwoContents).collect();
    assert!(!two.is_empty() && two.iter().all(|l| l.congress.plan.planned.opening > date!(2025 - 07 - 01)));
    assert!(two.iter().all(|l| l.congress.plan.gates.iter().all(|g| g.gate.applies_to(Contents::TwoContents))));
    let province = &campaign[0];
    assert_eq!((province.congress.org.code.as_str(), province.congress.plan.level), ("QN", LevelClass::UnderCentre));
    assert!(
        !province.warnings.iter().any(|w| matches!(w, PlanWarning::BeforeLowerCongress { .. })),
        "the provincial congress comes after every congress below: {:?}",
        province.warnings
    );
    let late: Vec<_> = of(LevelClass::Commune)
        .flat_map(|l| l.warnings.iter().filter(|w| matches!(w, PlanWarning::AfterFinishBy { .. })))
        .map(PlanWarning::approved)
        .collect();
    assert_eq!(late, [true, false], "one commune after its window approved by the province, one not");
    // Every warning but the two late communes' waits for an answer (the
    // personnel plan's lead time, C-PLAN-5): the pages group them.
    let awaiting = campaign.iter().flat_map(|l| &l.warnings).filter(|w| matches!(w, PlanWarning::Awaiting(_))).count();
    let dated = campaign.iter().flat_map(|l| &l.warnings).filter(|w| !matches!(w, PlanWarning::Awaiting(_))).count();
    let others: Vec<_> = campaign
        .iter()
        .flat_map(|l| l.warnings.iter().map(|w| (l.congress.org.code.to_string(), l.congress.plan.kind, w)))
        .filter(|(_, _, w)| !matches!(w, PlanWarning::Awaiting(_)))
        .collect();
    assert!(awaiting > 50 && dated == 2, "{awaiting} awaiting, {dated} others {others:?}");
    let unrecorded = of(LevelClass::Cell).filter(|l| l.congress.plan.actual.is_none()).count();
    assert!(unrecorded >= 1, "a few cells' congresses never recorded held");
}

/// Issue 15 §4: a committee over time. The office above records a seat (an
/// election approved, an appointment, C-PER-10), never the committee's own;
/// the person is a member of the subtree that day; the same position twice
/// at once is refused; a seat ends with its reason; the committee on a day
/// and the convening committee of a congress (C-DEL-7: everyone with a seat
/// on the committee that day, once, alternates marked, not the inspection
/// commission's own members) follow the dates. Refusals write nothing.
async fn committees_over_time(db: Db) {
    use daihoi_congress::{Position, SeatSource};
    use daihoi_core::members::CardNumber;
    use daihoi_store::congresses::committees::NewSeat;
    use daihoi_test_support::fixtures::{TODAY as JOINED, import, member};
    small_tree(&db).await;
    import(
        &db,
        vec![
            member("001001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("001002", "Trần Thị Bình", "QN.DH.QT.CB01"),
            member("001003", "Lê Văn Cường", "QN.DH.QT.CB02"),
            member("009001", "Phạm Văn Dũng", "QN.TY.DN.CB01"),
        ],
    )
    .await;
    let today = date!(2026 - 12 - 31);
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let district = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let commune = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let d = db.scoped(&district);
    let card = |c: &str| CardNumber::parse(c).unwrap();
    let (an, binh, cuong, dung) = (card("001001"), card("001002"), card("001003"), card("009001"));
    let seat =
        |card, position| NewSeat {
            card, position, from: JOINED, source: SeatSource::Election, reference: "645-QĐ/HU"
        };

    let before = entries(&db).await;
    let own = db.scoped(&commune).congresses().record_seat(&qt, &seat(&an, Position::Secretary), today, "x").await;
    assert!(matches!(own, Err(StoreError::Forbidden(_))), "{own:?}");
    let outside = d.congresses().record_seat(&qt, &seat(&dung, Position::Member), today, "x").await;
    assert!(matches!(outside, Err(StoreError::CongressRefused { rule: "C-PER-10", .. })), "{outside:?}");
    let ahead = d
        .congresses()
        .record_seat(&qt, &NewSeat { from: date!(2027 - 01 - 01), ..seat(&an, Position::Secretary) }, today, "x")
        .await;
    assert!(matches!(ahead, Err(StoreError::CongressRefused { .. })), "{ahead:?}");
    assert_eq!(entries(&db).await, before, "refusals write nothing");

    let secretary = d.congresses().record_seat(&qt, &seat(&an, Position::Secretary), today, "x").await.unwrap();
    d.congresses().record_seat(&qt, &seat(&binh, Position::AlternateMember), today, "x").await.unwrap();
    d.congresses().record_seat(&qt, &seat(&cuong, Position::InspectionMember), today, "x").await.unwrap();
    let twice = d.congresses().record_seat(&qt, &seat(&an, Position::Secretary), today, "x").await;
    assert!(matches!(twice, Err(StoreError::CongressRefused { .. })), "{twice:?}");

    let committee = d.congresses().committee(&qt, today).await.unwrap();
    let names: Vec<(&str, Position)> = committee.iter().map(|s| (s.name.as_str(), s.seat.position)).collect();
    assert_eq!(
        names,
        [
            ("Nguyễn Văn An", Position::Secretary),
            ("Trần Thị Bình", Position::AlternateMember),
            ("Lê Văn Cường", Position::InspectionMember)
        ]
    );
    // C-DEL-7: the convening committee, by card number.
    let convening = d.congresses().convening_committee(&qt, today).await.unwrap();
    let got: Vec<(&str, bool)> = convening.iter().map(|m| (m.person.as_str(), m.alternate)).collect();
    assert_eq!(got, [("001001", false), ("001002", true)]);

    // The secretary retires: the seat ends, the history keeps it.
    let retired = date!(2026 - 12 - 15);
    let early = d.congresses().end_seat(&qt, secretary.id, JOINED, "Nghỉ hưu", today, "x").await;
    assert!(matches!(early, Err(StoreError::CongressRefused { .. })), "{early:?}");
    d.congresses().end_seat(&qt, secretary.id, retired, "Nghỉ hưu", today, "x").await.unwrap();
    assert!(d.congresses().end_seat(&qt, secretary.id, retired, "Lần nữa", today, "x").await.is_err(), "ended once");
    let the_day_before = d.congresses().convening_committee(&qt, date!(2026 - 12 - 14)).await.unwrap().len();
    let that_day = d.congresses().convening_committee(&qt, retired).await.unwrap().len();
    assert_eq!((the_day_before, that_day), (2, 1));
    let history = d.congresses().committee_history(&qt).await.unwrap();
    let ended = history.iter().find(|s| s.id == secretary.id).unwrap();
    assert_eq!((ended.seat.to, ended.end_reason.as_deref()), (Some(retired), Some("Nghỉ hưu")));
    assert_eq!(d.congresses().committee(&qt, today).await.unwrap().len(), 2);
}

/// The demo's committees: the province's secretary is Vũ Đại Thắng in both
/// terms; the member who retired on 01/07/2025 is not convened ex officio
/// to the 16th congress (C-DEL-7; C-DEL-9: retiring before the opening);
/// Quảng Tân has a committee before and after its congress of May 2025.
async fn the_demo_committees(db: Db) {
    let scenario = daihoi_demo::quang_ninh(3_000, daihoi_demo::DEMO_SEED);
    db.load_scenario(&scenario, daihoi_demo::AS_OF, &mut |_| {}).await.unwrap();
    let recorded = db.load_demo_committees(daihoi_demo::AS_OF).await.unwrap();
    assert!(recorded > 40, "{recorded}");
    assert_eq!(db.load_demo_committees(daihoi_demo::AS_OF).await.unwrap(), 0, "loading twice adds nothing");
    let s = db.operator();
    let qn = db.org_by_code(&code("QN"), daihoi_demo::AS_OF).await.unwrap().unwrap();
    let now = s.congresses().committee(&qn, daihoi_demo::AS_OF).await.unwrap();
    assert_eq!(now[0].name, "Vũ Đại Thắng");
    assert_eq!(now[0].seat.position, daihoi_congress::Position::Secretary);
    let before = s.congresses().committee(&qn, date!(2025 - 06 - 30)).await.unwrap();
    assert_eq!(before[0].name, "Vũ Đại Thắng");
    let convening = s.congresses().convening_committee(&qn, date!(2025 - 09 - 24)).await.unwrap();
    // 1 + 2 + 5 + 8 + 1 on the committee, one of the 8 retired in July.
    assert_eq!(convening.len(), 16);
    assert_eq!(convening.iter().filter(|m| m.alternate).count(), 1);
    let retired: Vec<_> = s
        .congresses()
        .committee_history(&qn)
        .await
        .unwrap()
        .into_iter()
        .filter(|x| x.end_reason.as_deref() == Some("Nghỉ hưu theo chế độ"))
        .collect();
    assert_eq!(retired.len(), 1);
    assert!(!convening.iter().any(|m| m.person == retired[0].seat.person));
    let qt = db.org_by_code(&code("QN.DH.QT"), daihoi_demo::AS_OF).await.unwrap().unwrap();
    assert!(!s.congresses().committee(&qt, date!(2025 - 05 - 20)).await.unwrap().is_empty());
    assert!(!s.congresses().committee(&qt, daihoi_demo::AS_OF).await.unwrap().is_empty());
}

/// Issue 15 §5: delegate allocation. The proposal waits for its [open]
/// parameters (C-DEL-2), then gives each congress that sends delegates
/// its seats in C-DEL-6's shape with the working (W-C2's formula: 1 per
/// cell + 1 per 10 members + 1 if the remainder is at least 6); the
/// convening committee's office decides the table: seats that do not add
/// up to the decided total (C-DEL-1), designated seats without a decision
/// (C-DEL-8), an organization not below (C-DEL-2), ex-officio seats on
/// another organization's row (C-DEL-7) are refused and write nothing; the
/// lower congress reads its seats, and cannot decide them (C-DEL-3).
async fn delegate_allocation(db: Db) {
    use daihoi_congress::{ProposalParameters, SeatMode, SeatRow, SeatTable};
    use daihoi_test_support::fixtures::{import, member};
    small_tree(&db).await;
    const GIVEN: [&str; 12] =
        ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nam", "Oanh", "Phúc"];
    let mut rows = Vec::new();
    for (i, given) in GIVEN.iter().enumerate() {
        rows.push(member(&format!("0011{i:02}"), &format!("Nguyễn Văn {given}"), "QN.DH.QT.CB01"));
    }
    for (i, given) in GIVEN.iter().take(7).enumerate() {
        rows.push(member(&format!("0012{i:02}"), &format!("Trần Văn {given}"), "QN.DH.QT.CB02"));
    }
    import(&db, rows).await;
    let r = round(&db).await;
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    let commune = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let cell_office = user_with(&db, "vp.cb01", Role::Office, "QN.DH.QT.CB01").await;
    let c = db.scoped(&commune);
    let (qt, cb01, cb02) =
        (node(&db, "QN.DH.QT").await, node(&db, "QN.DH.QT.CB01").await, node(&db, "QN.DH.QT.CB02").await);
    let congress = c
        .congresses()
        .plan(&r, &qt, &plan(LevelClass::Commune, CongressKind::DelegateCongress, date!(2025 - 06 - 10), 2), TODAY, "x")
        .await
        .unwrap();
    for cell in [&cb01, &cb02] {
        c.congresses()
            .plan(&r, cell, &plan(LevelClass::Cell, CongressKind::MemberCongress, date!(2025 - 03 - 10), 1), TODAY, "x")
            .await
            .unwrap();
    }
    let day = daihoi_test_support::fixtures::TODAY;
    let waiting = c.congresses().propose_allocation(&r, &congress, day).await.unwrap();
    assert_eq!(waiting.unwrap_err().question, OpenQuestion::AllocationParameters, "C-DEL-2 is [open]");
    let parameters = ProposalParameters { base_per_unit: 1, members_per_seat: 10, remainder_at_least: 6 };
    db.scoped(&admin)
        .congresses()
        .answer(
            &r,
            OpenQuestion::AllocationParameters,
            &Scope::Round,
            AnswerValue::Allocation(parameters),
            TODAY,
            "Hướng dẫn 06-HD/TU",
            TODAY,
            "x",
        )
        .await
        .unwrap();
    let proposal = c.congresses().propose_allocation(&r, &congress, day).await.unwrap().unwrap();
    let seats: Vec<(&str, u32, u32)> =
        proposal.rows.iter().map(|row| (row.organization.as_str(), row.members, row.working.seats)).collect();
    assert_eq!(seats, [("QN.DH.QT.CB01", 12, 2), ("QN.DH.QT.CB02", 7, 2)]);
    assert_eq!(proposal.total, 4);

    let row = |org: &str, seats, mode, decision: Option<&str>| SeatRow {
        organization: org.into(),
        seats,
        mode,
        decision: decision.map(str::to_owned),
    };
    let table = |total, rows| SeatTable { total, decision: "Quyết định 12-QĐ/ĐU".into(), rows };
    let decided = date!(2025 - 04 - 01);
    let good = table(
        9,
        vec![
            row("QN.DH.QT", 5, SeatMode::ExOfficio, None),
            row("QN.DH.QT.CB01", 2, SeatMode::Elected, None),
            row("QN.DH.QT.CB02", 2, SeatMode::Elected, None),
        ],
    );
    let before = entries(&db).await;
    let refusals = [
        (table(10, good.rows.clone()), "C-DEL-1"),
        (
            table(
                9,
                vec![good.rows[0].clone(), good.rows[1].clone(), row("QN.DH.QT.CB02", 2, SeatMode::Designated, None)],
            ),
            "C-DEL-8",
        ),
        (
            table(
                9,
                vec![good.rows[0].clone(), good.rows[1].clone(), row("QN.TY.DN.CB01", 2, SeatMode::Elected, None)],
            ),
            "C-DEL-2",
        ),
        (table(7, vec![row("QN.DH.QT.CB01", 5, SeatMode::ExOfficio, None), good.rows[2].clone()]), "C-DEL-7"),
    ];
    for (bad, rule) in refusals {
        let refused = c.congresses().decide_allocation(&r, &congress, &bad, decided, TODAY, "x").await.unwrap_err();
        let named = match &refused {
            StoreError::CongressRefused { rule, .. } => rule.to_string(),
            other => other.to_string(),
        };
        assert!(named.contains(rule), "{rule}: {refused:?}");
    }
    let by_cell =
        db.scoped(&cell_office).congresses().decide_allocation(&r, &congress, &good, decided, TODAY, "x").await;
    assert!(matches!(by_cell, Err(StoreError::Forbidden(_))), "C-DEL-3: {by_cell:?}");
    assert_eq!(entries(&db).await, before, "refusals write nothing");
    let allocation = c.congresses().decide_allocation(&r, &congress, &good, decided, TODAY, "x").await.unwrap();
    assert_eq!((allocation.summary.ex_officio, allocation.summary.elected, allocation.summary.designated), (5, 4, 0));
    assert_eq!(c.congresses().allocation(&r, &congress).await.unwrap().unwrap().table, good);
    // C-DEL-3: the cell reads its seats, from the commune's decision.
    let above = db.scoped(&cell_office).congresses().seats_above(&r, &cb01, TODAY).await.unwrap().unwrap();
    assert_eq!((above.convening.code.as_str(), above.row.seats, above.row.mode), ("QN.DH.QT", 2, SeatMode::Elected));
    assert_eq!(above.decision, "Quyết định 12-QĐ/ĐU");
    assert!(
        c.congresses().seats_above(&r, &qt, TODAY).await.unwrap().is_none(),
        "the commune's own row is not seats above"
    );
}

/// Issue 15 §6–7, W-C2's shape at a smaller scale: the roll of a delegate
/// congress is its convening committee (ex officio, C-DEL-7) and the
/// delegates entered; a person excluded by C-DEL-9 is not convened and is
/// refused at check-in, as is someone not on the roll; two clerks checking
/// the same person in write once; the base of a vote (R-BASE-2) subtracts a
/// committee member absent from every session and a delegate absent
/// throughout who was not replaced, not the one an alternate replaced.
async fn roll_check_in_and_the_base(db: Db) {
    use daihoi_congress::{AbsenceReason, ExclusionCase, ExclusionFact, Position, Seat, SeatSource, Status};
    use daihoi_core::members::CardNumber;
    use daihoi_store::congresses::committees::NewSeat;
    use daihoi_store::congresses::roll::NewDelegate;
    use daihoi_test_support::fixtures::{import, member};
    small_tree(&db).await;
    const PEOPLE: [(&str, &str, &str); 10] = [
        ("002101", "Nguyễn Văn An", "QN.DH.QT.CB01"),
        ("002102", "Trần Văn Bình", "QN.DH.QT.CB01"),
        ("002103", "Lê Văn Cường", "QN.DH.QT.CB01"),
        ("002104", "Phạm Văn Dũng", "QN.DH.QT.CB01"),
        ("002105", "Hoàng Văn Em", "QN.DH.QT.CB02"),
        ("002106", "Vũ Văn Phúc", "QN.DH.QT.CB02"),
        ("002107", "Đỗ Văn Giang", "QN.DH.QT.CB02"),
        ("002108", "Bùi Thị Hà", "QN.DH.QT.CB02"),
        ("002109", "Đặng Văn Ích", "QN.DH.QT.CB02"),
        ("002110", "Ngô Văn Khánh", "QN.DH.QT.CB02"),
    ];
    import(&db, PEOPLE.iter().map(|(c, n, o)| member(c, n, o)).collect()).await;
    let card = |c: &str| CardNumber::parse(c).unwrap();
    let today = date!(2026 - 12 - 31);
    let opening = date!(2026 - 12 - 10);
    let r = round(&db).await;
    let district = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let commune = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let inspection = user_with(&db, "kt.qn", Role::Inspection, "QN").await;
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let d = db.scoped(&district);
    for (c, position) in [("002101", Position::Secretary), ("002102", Position::Member), ("002103", Position::Member)] {
        let seat = NewSeat {
            card: &card(c),
            position,
            from: daihoi_test_support::fixtures::TODAY,
            source: SeatSource::Election,
            reference: "312-QĐ/HU",
        };
        d.congresses().record_seat(&qt, &seat, today, "x").await.unwrap();
    }
    let c = db.scoped(&commune);
    let congress = c
        .congresses()
        .plan(&r, &qt, &plan(LevelClass::Commune, CongressKind::DelegateCongress, opening, 2), today, "x")
        .await
        .unwrap();
    for (who, by) in [
        ("002104", "QN.DH.QT.CB01"),
        ("002105", "QN.DH.QT.CB02"),
        ("002106", "QN.DH.QT.CB02"),
        ("002107", "QN.DH.QT.CB02"),
        ("002109", "QN.DH.QT.CB02"),
    ] {
        c.congresses()
            .add_delegate(&congress, &NewDelegate { card: &card(who), seat: Seat::Elected { by: by.into() } }, "x")
            .await
            .unwrap();
    }
    c.congresses()
        .add_delegate(&congress, &NewDelegate { card: &card("002108"), seat: Seat::Alternate { rank: 1 } }, "x")
        .await
        .unwrap();
    // Refused: twice on the roll, a rank twice, elected by an organization not below.
    let twice = c
        .congresses()
        .add_delegate(&congress, &NewDelegate { card: &card("002104"), seat: Seat::Alternate { rank: 2 } }, "x")
        .await;
    assert!(twice.is_err(), "C-DEL-9: a person on the roll once: {twice:?}");
    let rank = c
        .congresses()
        .add_delegate(&congress, &NewDelegate { card: &card("002110"), seat: Seat::Alternate { rank: 1 } }, "x")
        .await;
    assert!(matches!(rank, Err(StoreError::CongressRefused { rule: "C-DEL-10", .. })), "{rank:?}");
    let outside = c
        .congresses()
        .add_delegate(
            &congress,
            &NewDelegate { card: &card("002110"), seat: Seat::Elected { by: "QN.TY.DN.CB01".into() } },
            "x",
        )
        .await;
    assert!(matches!(outside, Err(StoreError::CongressRefused { rule: "C-DEL-2", .. })), "{outside:?}");
    // C-DEL-2: a cell elects its own members (002110 is CB02's, not CB01's).
    let not_theirs = c
        .congresses()
        .add_delegate(
            &congress,
            &NewDelegate { card: &card("002110"), seat: Seat::Elected { by: "QN.DH.QT.CB01".into() } },
            "x",
        )
        .await;
    assert!(matches!(not_theirs, Err(StoreError::CongressRefused { rule: "C-DEL-2", .. })), "{not_theirs:?}");
    // C-DEL-9: a delegate on the roll of another congress of the same level
    // in the round (Đông Ngũ's, a commune's too) is refused there.
    let dn = db.org_by_code(&code("QN.TY.DN"), today).await.unwrap().unwrap();
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    let a = db.scoped(&admin);
    let other = a
        .congresses()
        .plan(&r, &dn, &plan(LevelClass::Commune, CongressKind::DelegateCongress, opening, 2), today, "x")
        .await
        .unwrap();
    let before = entries(&db).await;
    let two_rolls = a
        .congresses()
        .add_delegate(
            &other,
            &NewDelegate { card: &card("002105"), seat: Seat::Designated { decision: "1-QĐ".into() } },
            "x",
        )
        .await;
    assert!(matches!(two_rolls, Err(StoreError::CongressRefused { rule: "C-DEL-9", .. })), "{two_rolls:?}");
    assert_eq!(entries(&db).await, before, "nothing written");
    // C-DEL-9: prosecuted before the opening.
    let fact = ExclusionFact {
        person: "002109".into(),
        case: ExclusionCase::Prosecuted,
        effective: date!(2026 - 12 - 05),
        reference: "Quyết định khởi tố 15/QĐ".into(),
    };
    c.congresses().record_exclusion(&congress, &fact, "x").await.unwrap();

    let roll = c.congresses().roll(&r, &congress).await.unwrap();
    assert_eq!(roll.roll.convened_officials().count(), 7, "3 ex officio + 4 elected");
    assert!(matches!(roll.roll.line("002109").unwrap().status, Status::NotConvened(_)));
    assert_eq!(roll.names["002101"], "Nguyễn Văn An");
    assert_eq!(
        db.scoped(&inspection).congresses().roll(&r, &congress).await.unwrap().roll,
        roll.roll,
        "inspection reads"
    );

    let s1 = c.congresses().open_session(&congress, "Phiên trù bị", opening, "x").await.unwrap();
    let s2 = c.congresses().open_session(&congress, "Phiên chính thức", opening, "x").await.unwrap();
    assert_eq!((s1, s2), (1, 2));
    let inspector = db.scoped(&inspection).congresses().check_in(&r, &congress, s1, &card("002101"), "x").await;
    assert!(matches!(inspector, Err(StoreError::Forbidden(_))), "{inspector:?}");
    for s in [s1, s2] {
        for who in ["002101", "002103", "002104", "002106", "002108"] {
            assert!(!c.congresses().check_in(&r, &congress, s, &card(who), "x").await.unwrap().already);
        }
    }
    let before = entries(&db).await;
    let again = c.congresses().check_in(&r, &congress, s2, &card("002101"), "x").await.unwrap();
    assert!(again.already && again.name == "Nguyễn Văn An", "{again:?}");
    let excluded = c.congresses().check_in(&r, &congress, s2, &card("002109"), "x").await;
    assert!(matches!(excluded, Err(StoreError::CongressRefused { rule: "C-DEL-9", .. })), "{excluded:?}");
    let stranger = c.congresses().check_in(&r, &congress, s2, &card("002110"), "x").await;
    assert!(matches!(stranger, Err(StoreError::CongressRefused { .. })), "{stranger:?}");
    assert_eq!(entries(&db).await, before, "nothing written");
    c.congresses()
        .record_absence(&r, &congress, s1, &card("002102"), &AbsenceReason { reason: "Ốm".into(), accepted: true }, "x")
        .await
        .unwrap();
    // C-DEL-10: the replacement order is [open]: refused until a person
    // answers it, never guessed.
    let before = entries(&db).await;
    let replace = |absent: &'static str, alternate: &'static str| {
        let (c, r, congress) = (db.scoped(&commune), r.clone(), congress.clone());
        async move {
            c.congresses()
                .replace(&r, &congress, &card(absent), &card(alternate), "Đoàn Chủ tịch", "Biên bản phiên 2", "x")
                .await
        }
    };
    let waiting = replace("002105", "002108").await;
    assert!(
        matches!(&waiting, Err(StoreError::CongressRefused { rule: "C-DEL-10", detail }) if detail.contains("awaiting")),
        "{waiting:?}"
    );
    a.congresses()
        .answer(
            &r,
            OpenQuestion::AlternatesReplacementOrder,
            &Scope::Round,
            AnswerValue::ReplacementOrder(daihoi_congress::ReplacementOrder::ByRank),
            today,
            "Quy chế bầu cử",
            today,
            "x",
        )
        .await
        .unwrap();
    let before_answer = entries(&db).await;
    // Refused (R-BASE-2): a delegate present in a session; an alternate in
    // place of an alternate; nothing written.
    let present = replace("002101", "002108").await;
    assert!(matches!(present, Err(StoreError::Congress(_))), "{present:?}");
    let not_official = replace("002108", "002108").await;
    assert!(not_official.is_err(), "{not_official:?}");
    assert_eq!(entries(&db).await, before_answer, "nothing written");
    assert_eq!(before_answer, before + 1, "the answer only");
    // The alternate takes the place of 002105, absent throughout.
    replace("002105", "002108").await.unwrap();
    let twice = replace("002105", "002108").await;
    assert!(twice.is_err(), "a replacement once: {twice:?}");
    let recorded = c.congresses().replacements(&congress).await.unwrap();
    assert_eq!(
        recorded.iter().map(|r| (r.absent.as_str(), r.alternate.as_str(), r.decided_by.as_str())).collect::<Vec<_>>(),
        [("002105", "002108", "Đoàn Chủ tịch")]
    );

    // Four clerks at once, two of them on the same person: every check-in
    // answers, and the same person is written once (both engines).
    let s3 = c.congresses().open_session(&congress, "Phiên bế mạc", opening, "x").await.unwrap();
    let before = entries(&db).await;
    let mut clerks = Vec::new();
    for who in ["002101", "002101", "002103", "002104"] {
        let (db, r, congress) = (db.clone(), r.clone(), congress.clone());
        let commune = commune.clone();
        clerks.push(tokio::spawn(async move {
            db.scoped(&commune).congresses().check_in(&r, &congress, s3, &CardNumber::parse(who).unwrap(), "x").await
        }));
    }
    let mut already = 0;
    for c in clerks {
        already += usize::from(c.await.unwrap().unwrap().already);
    }
    assert_eq!((already, entries(&db).await - before), (1, 3));
    // Writes that read first, at once (absences): none is refused for a
    // lock (SQLite takes the write lock when the transaction begins).
    let mut clerks = Vec::new();
    for (k, who) in ["002102", "002105", "002107", "002109", "002110", "002102", "002105", "002107"].iter().enumerate()
    {
        let (db, r, congress, commune) = (db.clone(), r.clone(), congress.clone(), commune.clone());
        let session = if k < 5 { s3 } else { s1 + 1 };
        clerks.push(tokio::spawn(async move {
            let why = AbsenceReason { reason: format!("Lý do {k}"), accepted: false };
            let answer = db
                .scoped(&commune)
                .congresses()
                .record_absence(&r, &congress, session, &CardNumber::parse(who).unwrap(), &why, "x")
                .await;
            (*who, answer)
        }));
    }
    for c in clerks {
        // The prosecuted delegate and the stranger are not convened (as a
        // check-in); the others are recorded, or refused once checked in.
        match c.await.unwrap() {
            ("002109", answer) => {
                assert!(matches!(answer, Err(StoreError::CongressRefused { rule: "C-DEL-9", .. })), "{answer:?}")
            }
            ("002110", answer) => assert!(matches!(answer, Err(StoreError::CongressRefused { .. })), "{answer:?}"),
            (who, answer) => assert!(
                answer.is_ok() || matches!(answer, Err(StoreError::CongressRefused { rule: "R-BASE-1", .. })),
                "{who}: {answer:?}"
            ),
        }
    }
    for who in ["002106", "002108"] {
        c.congresses().check_in(&r, &congress, s3, &card(who), "x").await.unwrap();
    }
    // C-DEL-10: the delegate replaced does not come back in.
    let replaced = c.congresses().check_in(&r, &congress, s3, &card("002105"), "x").await;
    assert!(matches!(replaced, Err(StoreError::CongressRefused { rule: "C-DEL-10", .. })), "{replaced:?}");

    // The credentials report's figures: 3 ex officio, 4 elected convened,
    // 1 alternate; 002109 not convened (prosecuted); one woman (Bùi Thị Hà).
    let (_, figures) = c.congresses().credentials(&r, &congress).await.unwrap();
    assert_eq!((figures.ex_officio, figures.elected, figures.alternates, figures.convened), (3, 4, 1, 8));
    assert_eq!(figures.not_convened.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), ["002109"]);
    assert_eq!((figures.women, figures.undescribed), (1, 0));

    let base = c.congresses().base(&r, &congress, s3).await.unwrap().unwrap();
    assert_eq!((base.electorate.convened, base.base, base.votes_needed), (7, 5, 3), "{base:?}");
    let groups: Vec<(&str, Vec<String>)> =
        base.subtractions.iter().map(|g| (g.subtraction.code(), g.persons.clone())).collect();
    assert_eq!(
        groups,
        [("convening_committee_absent", vec!["002102".to_owned()]), ("absent_not_replaced", vec!["002107".to_owned()])]
    );
    // Three clerks open a session at the same moment: three numbers, none
    // refused (both engines).
    let mut clerks = Vec::new();
    for k in 0..3 {
        let (db, congress, commune) = (db.clone(), congress.clone(), commune.clone());
        clerks.push(tokio::spawn(async move {
            db.scoped(&commune).congresses().open_session(&congress, &format!("Phiên {k}"), opening, "x").await
        }));
    }
    let mut numbers = Vec::new();
    for c in clerks {
        numbers.push(c.await.unwrap().unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, [s3 + 1, s3 + 2, s3 + 3]);
}

daihoi_test_support::engines!(
    roll_check_in_and_the_base,
    delegate_allocation,
    committees_over_time,
    the_demo_committees,
    open_questions_wait_for_a_recorded_answer,
    plans_gates_and_the_campaigns_warnings,
    the_demo_round
);
