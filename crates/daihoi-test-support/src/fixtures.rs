//! Small trees and member rows built by hand, for the tests of every crate.

use daihoi_core::members::import::MemberRow;
use daihoi_core::members::{CardNumber, ConditionKind, Gender, Member};
use daihoi_core::{OrgCode, OrgKind, PersonName, Role};
use daihoi_store::accounts::Login;
use daihoi_store::members::ImportRow;
use daihoi_store::orgs::NewOrg;
use daihoi_store::{Db, Viewer};
use time::Date;

pub use crate::writes::OperatorWrites;
use time::macros::date;

pub const FOUNDED: Date = date!(2020 - 01 - 01);
pub const TODAY: Date = date!(2026 - 11 - 28);

pub fn code(s: &str) -> OrgCode {
    OrgCode::parse(s).unwrap()
}

pub async fn org(db: &Db, c: &str, name: &str, kind: OrgKind, parent: Option<&str>) {
    let c = code(c);
    let p = parent.map(code);
    db.operator()
        .orgs()
        .create_org(&NewOrg { code: &c, name, kind, parent: p.as_ref(), valid_from: FOUNDED }, "test")
        .await
        .unwrap();
}

/// A province with two districts (3-level shape), two communes, four cells.
///
/// ```text
/// QN Đảng bộ tỉnh Quảng Ninh
/// ├── QN.DH Đảng bộ huyện Đầm Hà
/// │   └── QN.DH.QT Đảng bộ xã Quảng Tân ── CB01, CB02
/// └── QN.TY Đảng bộ huyện Tiên Yên
///     └── QN.TY.DL Đảng bộ xã Đông Ngũ ── CB01, CB02
/// ```
pub async fn small_tree(db: &Db) {
    org(db, "QN", "Đảng bộ tỉnh Quảng Ninh", OrgKind::Province, None).await;
    org(db, "QN.DH", "Đảng bộ huyện Đầm Hà", OrgKind::District, Some("QN")).await;
    org(db, "QN.TY", "Đảng bộ huyện Tiên Yên", OrgKind::District, Some("QN")).await;
    org(db, "QN.DH.QT", "Đảng bộ xã Quảng Tân", OrgKind::Commune, Some("QN.DH")).await;
    org(db, "QN.TY.DN", "Đảng bộ xã Đông Ngũ", OrgKind::Commune, Some("QN.TY")).await;
    for (commune, cells) in [
        ("QN.DH.QT", ["Chi bộ thôn Đồng Tâm", "Chi bộ thôn Tân Hợp"]),
        ("QN.TY.DN", ["Chi bộ thôn Khe Lục", "Chi bộ trường học"]),
    ] {
        for (i, name) in cells.iter().enumerate() {
            org(db, &format!("{commune}.CB0{}", i + 1), name, OrgKind::Cell, Some(commune)).await;
        }
    }
}

/// A member row: official since 2006 unless `probationary`.
pub fn member(card: &str, name: &str, cell: &str) -> MemberRow {
    MemberRow {
        member: Member {
            card_number: CardNumber::parse(card).unwrap(),
            name: PersonName::parse(name).unwrap(),
            gender: if name.contains(" Thị ") { Gender::Female } else { Gender::Male },
            birth_date: date!(1980 - 05 - 12),
            ethnicity: "Kinh".into(),
            admission_date: date!(2005 - 05 - 19),
            official_date: Some(date!(2006 - 05 - 19)),
        },
        organization: code(cell),
        member_since: None,
        condition: None,
    }
}

pub fn with_condition(mut row: MemberRow, kind: ConditionKind, from: Date) -> MemberRow {
    row.condition = Some((kind, from));
    row
}

pub fn probationary(mut row: MemberRow) -> MemberRow {
    row.member.admission_date = date!(2026 - 03 - 02);
    row.member.official_date = None;
    row
}

/// Rows numbered as a spreadsheet would (header on row 1).
pub fn numbered(rows: Vec<MemberRow>) -> Vec<ImportRow> {
    rows.into_iter().enumerate().map(|(i, row)| ImportRow { line: i + 2, row }).collect()
}

pub async fn import(db: &Db, rows: Vec<MemberRow>) -> daihoi_store::members::ImportReport {
    db.operator()
        .members()
        .import_members_everywhere(&numbered(rows), TODAY, "test", "test.xlsx", &mut |_| {})
        .await
        .unwrap()
}

/// A password the accounts accept (long enough), for test users.
pub const TEST_PASSWORD: &str = "mật khẩu đủ dài";

/// The view of a new user `login` with `role` over the subtree of `org`.
pub async fn user_with(db: &Db, login: &str, role: Role, org: &str) -> Viewer {
    let u = db
        .operator()
        .accounts()
        .create_user(&Login::parse(login).unwrap(), login, TEST_PASSWORD, None, "test")
        .await
        .unwrap();
    db.operator().accounts().grant(&u, role, &code(org), "test").await.unwrap();
    db.viewer(u).await.unwrap()
}
