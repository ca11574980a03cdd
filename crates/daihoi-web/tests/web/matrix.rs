//! The route × role × scope matrix: every page route of
//! [`daihoi_web::page_routes`], requested by every kind of user (anonymous,
//! admin, office, inspection, member, all bound inside the commune
//! QN.DH.QT), on organizations and members inside and outside that subtree.
//!
//! The same users, objects and checks for every operation of the JSON API
//! (its OpenAPI document), with bearer tokens: `api_cases`.
//!
//! A route or operation this test does not know how to fill fails the test:
//! a new one must say here who may reach it.
//!
//! T-6: none of these users is cleared, and the commune inside holds a
//! secret document with a file, secret tasks, a secret conference and
//! their audit entries ([`support::secrets`]); the text of every answer
//! (a page, a CSV, a workbook's cells and XML, a PDF's text) is searched
//! for their marks, and the secret objects are requested too (refused).

use crate::support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use support::{PASSWORD, Page, Secrets, TestApp, csrf_in};

/// The commune every user is bound to.
const INSIDE: &str = "QN.DH.QT";
/// The member user's own cell, inside.
const CELL: &str = "QN.DH.QT.CB01";
/// A commune in the other district.
const OUTSIDE: &str = "QN.TY.DN";

/// What no user bound inside QN.DH.QT may ever see: the other district's
/// organizations, its members' names and card numbers.
const OUTSIDE_TEXT: &[&str] = &[
    // A secret document (accounts have no clearance: nobody reads it on the web).
    "Kế hoạch mật thử nghiệm",
    "mat-thu-nghiem.pdf",
    "Đảng bộ huyện Tiên Yên",
    "Đảng bộ xã Đông Ngũ",
    "Chi bộ thôn Khe Lục",
    "Chi bộ trường học",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "20000001",
    "20000002",
    // A task of the other district and its target.
    "Nhiệm vụ riêng của Đông Ngũ",
    "Chỉ tiêu riêng của Đông Ngũ",
    // A conference of the other district.
    "Hội nghị riêng của Đông Ngũ",
    // Issue 18: a case of the other district; the denouncer of the case
    // inside (P-7: nobody here is cleared for it) and the matter of a
    // confidential case inside (T-6).
    "Đơn riêng của Đông Ngũ",
    "Hoàng Văn Tố Giác",
    "0987 654 321",
    "Đơn mật thử nghiệm",
];

/// A member file that changes nothing: the member of the cell as stored.
const UNCHANGED_CSV: &str = "Số thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Mã chi bộ,Ngày vào Đảng,Ngày chính thức\n\
     10000001,Nguyễn Văn An,Nam,12/05/1980,Kinh,QN.DH.QT.CB01,19/05/2005,19/05/2006\n";

async fn seeded(db: &Db) {
    small_tree(db).await;
    import(
        db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("20000001", "Lê Văn Cường", "QN.TY.DN.CB01"),
            member("20000002", "Phạm Thị Dung", "QN.TY.DN.CB02"),
        ],
    )
    .await;
}

async fn person(db: &Db, card: &str) -> i64 {
    db.person_id_by_card(&CardNumber::parse(card).unwrap()).await.unwrap().unwrap()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Signed(Role),
}

impl Who {
    fn name(self) -> &'static str {
        match self {
            Who::Anonymous => "anonymous",
            Who::Signed(r) => r.code(),
        }
    }

    fn login(self) -> &'static str {
        match self {
            Who::Anonymous => "nobody",
            Who::Signed(Role::Admin) => "qt.admin",
            Who::Signed(Role::Office) => "qt.office",
            Who::Signed(Role::Inspection) => "qt.inspection",
            Who::Signed(Role::Member) => "qt.member",
        }
    }
}

/// Which organization or record a request names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The route names nothing.
    None,
    /// The commune the user is bound to (a member of the cell: the commune above).
    In,
    /// The member user's cell.
    Cell,
    /// The other district's commune, or a member there.
    Out,
    /// The member user's own record, or the user's own API token.
    Own,
    /// Another user's API token.
    Other,
    /// T-6: the secret document, file, task or conference inside.
    Secret,
    /// T-6: the unclassified task of the secret document, inside.
    OfSecretDocument,
    /// T-6: the unclassified sub-task of a secret task, in the cell.
    ChildOfSecret,
}

/// What a request should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Status(StatusCode),
    /// 303 to /login.
    SignIn,
    /// 403, or 404.
    Refused,
}

impl Expect {
    fn accepts(self, page: &Page) -> bool {
        match self {
            Expect::Status(s) => page.status == s,
            Expect::SignIn => {
                page.status == StatusCode::SEE_OTHER
                    && page
                        .headers
                        .get(header::LOCATION)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|l| l == "/login" || l.starts_with("/login?"))
            }
            Expect::Refused => matches!(page.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        }
    }

    fn show(self) -> String {
        match self {
            Expect::Status(s) => s.as_u16().to_string(),
            Expect::SignIn => "303→/login".into(),
            Expect::Refused => "403/404".into(),
        }
    }
}

/// How a request is sent.
#[derive(Debug, Clone)]
enum How {
    Get,
    Form(Vec<(&'static str, String)>),
    /// A member file to the import form.
    File,
    /// Confirms a pending import: the user's own upload to the commune
    /// first, when the user may upload; a made-up id otherwise.
    Confirm,
    /// A GET with this query (`{secret_doc}`: the secret document's id).
    GetWith(&'static str),
    /// On a fresh session of the same user (signing out ends it).
    FreshForm(Vec<(&'static str, String)>),
}

/// A request of a matrix: whom it names, how it is sent (`H`: [`How`] for
/// a page, [`ApiHow`] for the API) and what it should get.
struct Case<H = How> {
    scope: Scope,
    send: H,
    expect: Expect,
}

/// The routes that name one object by id: T-6, each secret object, by each
/// of them, is refused to everyone here (nobody is cleared), however the
/// request is sent; `cases` gains a secret twin of each case inside.
fn with_secret_twins<H: Clone>(path: &str, mut cases: Vec<Case<H>>) -> Vec<Case<H>> {
    let names_one =
        ["/documents/{id}", "/documents/files/{id}", "/tasks/{id}", "/disseminations/{id}", "/petitions/{case}"];
    if names_one.iter().any(|p| path.starts_with(p)) {
        let secret: Vec<Case<H>> = cases
            .iter()
            .filter(|c| c.scope == Scope::In)
            .map(|c| Case { scope: Scope::Secret, send: c.send.clone(), expect: Expect::Refused })
            .collect();
        cases.extend(secret);
    }
    cases
}

const OK: Expect = Expect::Status(StatusCode::OK);
const SEE_OTHER: Expect = Expect::Status(StatusCode::SEE_OTHER);

/// The ids the routes are filled with.
struct Ids {
    own_member: i64,
    in_member: i64,
    out_member: i64,
    /// An API token of someone else.
    other_token: i64,
    /// An unclassified and a secret document, and a file of each.
    open_doc: i64,
    secret_doc: i64,
    open_file: i64,
    secret_file: i64,
    /// A task of the commune inside and one of the commune outside, with a
    /// target each.
    in_task: i64,
    out_task: i64,
    in_target: i64,
    out_target: i64,
    /// A dissemination conference held by the commune inside, and one held
    /// by the commune outside.
    in_conference: i64,
    out_conference: i64,
    /// T-6: the classified objects inside, and their marks.
    secrets: Secrets,
    /// Issue 18: a denunciation inside (with its denouncer), a case outside,
    /// and a confidential case inside.
    in_case: i64,
    out_case: i64,
    secret_case: i64,
    /// Issue 18, P-9: a reception session held inside (with a visit) and
    /// one outside.
    in_session: i64,
    out_session: i64,
}

/// What `who` may do on `(method, path)`, scope by scope; `None` for a
/// route this test does not know.
fn cases(method: &Method, path: &str, who: Who) -> Option<Vec<Case>> {
    use Role::*;
    let role = match who {
        Who::Anonymous => None,
        Who::Signed(r) => Some(r),
    };
    let reads_members = matches!(role, Some(Admin | Office | Inspection));
    let writes = matches!(role, Some(Admin | Office));
    let allow = |yes: bool, status: Expect| if yes { status } else { Expect::Refused };
    let case = |scope, send, expect| Case { scope, send, expect };
    let form = |fields: &[(&'static str, &str)]| fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect::<Vec<_>>();
    let cases = match (method.as_str(), path) {
        ("GET", "/" | "/tree" | "/account") => vec![case(Scope::None, How::Get, OK)],
        ("GET", "/login") => vec![case(Scope::None, How::Get, OK)],
        ("POST", "/login") => vec![case(
            Scope::None,
            How::Form(form(&[("login", who.login()), ("password", "not the password"), ("next", "/")])),
            Expect::Status(StatusCode::UNAUTHORIZED),
        )],
        ("GET", "/orgs/{code}") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("GET", "/orgs/{code}/members") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("GET", "/members/{id}") => vec![
            case(Scope::Own, How::Get, OK),
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        // A member kept from the page: each form refused in words (422) to
        // those who write where the member is, so that nothing changes
        // between users; refused as forbidden to the others and outside.
        (
            "POST",
            "/members/{id}/edit"
            | "/members/{id}/transfer"
            | "/members/{id}/conditions"
            | "/members/{id}/conditions/{condition}/end",
        ) => {
            let f = match path {
                "/members/{id}/edit" => form(&[("full_name", "Nguyễn Văn An"), ("birth_date", "31/02/1980")]),
                "/members/{id}/transfer" => form(&[("org", "QN.DH.QT.CB02"), ("date", "2001-01-01")]),
                "/members/{id}/conditions" => form(&[("kind", "suspended"), ("from", "2000-01-01")]),
                _ => form(&[("to", "2026-01-01")]),
            };
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("GET", "/documents") => vec![
            case(Scope::None, How::Get, OK),
            // T-6: searching for the secret document finds nothing.
            case(Scope::None, How::GetWith("?q=8808"), OK),
            case(Scope::None, How::GetWith("?q=ke+hoach+toi+mat"), OK),
        ],
        ("GET", "/documents/new") => vec![case(Scope::None, How::Get, allow(writes, OK))],
        ("POST", "/documents") => {
            // A number of each user's own, so that each registers once.
            let number = match role {
                Some(Admin) => "101-KH/ĐU",
                _ => "102-KH/ĐU",
            };
            let fields = |register: &str| {
                form(&[
                    ("register", register),
                    ("number", number),
                    ("issued_on", "2025-01-15"),
                    ("title", "Kế hoạch thử"),
                ])
            };
            vec![
                case(Scope::In, How::Form(fields(INSIDE)), allow(writes, SEE_OTHER)),
                case(
                    Scope::Out,
                    How::Form(fields(OUTSIDE)),
                    allow(writes, Expect::Status(StatusCode::UNPROCESSABLE_ENTITY)),
                ),
            ]
        }
        ("POST", "/documents/{id}/disseminations") => {
            // A file without the form's other fields: refused in words to
            // those who may record, as forbidden to the others.
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![case(Scope::In, How::File, allow(writes, unprocessable)), case(Scope::Out, How::File, Expect::Refused)]
        }
        ("POST", "/documents/{id}/files") => {
            vec![case(Scope::In, How::File, allow(writes, SEE_OTHER)), case(Scope::Out, How::File, Expect::Refused)]
        }
        ("POST", "/documents/{id}/links") => {
            // The other document is the secret one: nobody may see it exists.
            let f = form(&[("kind", "guided_by"), ("number", "12-KH/TU"), ("issued_on", "2024-07-23")]);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, Expect::Status(StatusCode::UNPROCESSABLE_ENTITY))),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("GET", "/documents/{id}" | "/documents/files/{id}") => {
            vec![case(Scope::In, How::Get, OK), case(Scope::Out, How::Get, Expect::Refused)]
        }
        // The report on a document's dissemination (issue 14 §6): of a
        // subtree whose page the reader reads, of a document they are
        // cleared for.
        ("GET", "/documents/{id}/dissemination-report") => vec![
            case(Scope::In, How::GetWith("?org=QN.DH.QT&format=pdf"), allow(reads_members, OK)),
            case(Scope::In, How::GetWith("?org=QN.DH.QT&format=docx"), allow(reads_members, OK)),
            case(Scope::In, How::GetWith("?org=QN.TY.DN"), Expect::Refused),
            case(Scope::Out, How::GetWith("?org=QN.DH.QT"), Expect::Refused),
        ],
        // The incoming register (issue 14 §4): every signed-in user reads
        // the register of the organization their role is bound to.
        ("GET", "/documents/incoming") => vec![case(Scope::None, How::Get, OK)],
        ("POST", "/documents/{id}/arrivals") => {
            // A day before the document was issued: refused in words to
            // those who keep a register, as forbidden to the others.
            let f = form(&[("org", INSIDE), ("arrived_on", "2024-01-01"), ("sender", "Văn phòng Tỉnh ủy")]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("POST", "/documents/{id}/forwards") => {
            let f = form(&[("from", INSIDE), ("on", "2024-01-01"), ("all", "1")]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // A forward that does not exist (the id is a document's).
        ("POST", "/documents/forwards/{id}/receipt") => vec![case(Scope::In, How::Form(vec![]), Expect::Refused)],
        ("GET", "/audit") => vec![case(Scope::None, How::Get, allow(matches!(role, Some(Admin | Inspection)), OK))],
        ("POST", "/account/password") => vec![case(
            Scope::None,
            How::Form(form(&[("current", PASSWORD), ("new", PASSWORD), ("repeat", PASSWORD)])),
            OK,
        )],
        ("POST", "/account/tokens") => vec![case(Scope::None, How::Form(form(&[("name", "matrix")])), OK)],
        ("POST", "/account/tokens/{id}/revoke") => vec![
            case(Scope::Own, How::Form(vec![]), OK),
            case(Scope::Other, How::Form(vec![]), Expect::Status(StatusCode::NOT_FOUND)),
        ],
        ("POST", "/language") => vec![case(Scope::None, How::Form(form(&[("lang", "vi"), ("back", "/")])), SEE_OTHER)],
        ("POST", "/logout") => vec![case(Scope::None, How::FreshForm(vec![]), SEE_OTHER)],
        ("GET", "/orgs/{code}/import" | "/orgs/{code}/import/template") => vec![
            case(Scope::In, How::Get, allow(writes, OK)),
            case(Scope::Cell, How::Get, allow(writes, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("POST", "/orgs/{code}/import") => vec![
            case(Scope::In, How::File, allow(writes, OK)),
            case(Scope::Cell, How::File, allow(writes, OK)),
            case(Scope::Out, How::File, Expect::Refused),
        ],
        ("GET", "/tasks/{id}") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::OfSecretDocument, How::Get, allow(reads_members, OK)),
            case(Scope::ChildOfSecret, How::Get, OK),
        ],
        ("POST", "/tasks/{id}/events") => {
            let f = form(&[("kind", "progress"), ("progress", "10")]);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, SEE_OTHER)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("POST", "/tasks/{id}/receipt") => vec![
            case(Scope::In, How::Form(vec![]), allow(writes, SEE_OTHER)),
            case(Scope::Out, How::Form(vec![]), Expect::Refused),
        ],
        ("POST", "/tasks/{id}/targets/{target}/readings") => {
            let f = form(&[("value", "70")]);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, SEE_OTHER)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/tracking") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
            // T-6: the dashboard of a document the reader is not cleared for.
            case(Scope::In, How::GetWith("?document={secret_doc}"), Expect::Refused),
            case(Scope::Cell, How::GetWith("?document={secret_doc}"), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/tracking/report") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?format=pdf&period=annual&date=2025-08-01"), allow(reads_members, OK)),
            case(Scope::Cell, How::GetWith("?format=pdf&period=annual&date=2025-08-01"), OK),
            case(Scope::In, How::GetWith("?format=xlsx&period=annual&date=2025-08-01"), allow(reads_members, OK)),
            // T-6: the report of a document the reader is not cleared for.
            case(Scope::In, How::GetWith("?document={secret_doc}"), Expect::Refused),
            case(Scope::In, How::GetWith("?format=pdf&document={secret_doc}"), Expect::Refused),
            case(Scope::Cell, How::GetWith("?document={secret_doc}"), Expect::Refused),
            // T-6: the number of a registered document the reader is not cleared for.
            case(Scope::In, How::GetWith("?format=pdf&registered={secret_doc}"), Expect::Refused),
        ],
        // The task list as a Party document (issue 14 §6).
        ("GET", "/orgs/{code}/tracking/task-list") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::In, How::GetWith("?format=docx"), allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
            // T-6: the list of a document the reader is not cleared for.
            case(Scope::In, How::GetWith("?document={secret_doc}"), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/tracking/report/register") => {
            // Each registers the next report number of the register.
            let f = form(&[("period", "annual")]);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, SEE_OTHER)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/tracking/settings") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("POST", "/orgs/{code}/tracking/settings") => {
            let f = form(&[("deadline_day", "by"), ("due_soon_days", "7"), ("unreported", "zero")]);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(role == Some(Admin), SEE_OTHER)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // Congresses (issue 15): a round is read by every signed-in user;
        // opened only by an administrator of a root (none of these users).
        ("GET", "/rounds" | "/rounds/{round}") => vec![case(Scope::None, How::Get, OK)],
        ("POST", "/rounds") => {
            vec![case(
                Scope::None,
                How::Form(form(&[("code", "2030-2035"), ("title", "Nhiệm kỳ sau")])),
                Expect::Refused,
            )]
        }
        // C-PLAN-4: the office above a cell answers for it; outside, nobody.
        ("POST", "/rounds/{round}/answers") => {
            let f = |org: &str| {
                form(&[
                    ("question", "pilot_cell"),
                    ("scope", "organization"),
                    ("org", org),
                    ("value", "no"),
                    ("on", "2025-01-10"),
                    ("why", "Hướng dẫn 06-HD/TU"),
                ])
            };
            vec![
                case(Scope::In, How::Form(f(CELL)), allow(writes, SEE_OTHER)),
                case(Scope::Out, How::Form(f("QN.TY.DN.CB01")), Expect::Refused),
            ]
        }
        // C-PLAN-4: a round's settings are changed by an administrator of a
        // root only (none of these users).
        ("POST", "/rounds/{round}/settings/{key}") => {
            let f = form(&[("value", "150"), ("source", "09-QĐ/TU"), ("on", "2025-01-10"), ("why", "Tỉnh quyết định")]);
            vec![case(Scope::None, How::Form(f), Expect::Refused)]
        }
        ("GET", "/orgs/{code}/congresses" | "/orgs/{code}/congress") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        // C-PLAN-1: a commune's congress is not a cell's: refused in words
        // to those who plan it, so that the plan stays for the others.
        ("POST", "/orgs/{code}/congress") => {
            let f = form(&[
                ("round", "2025-2030"),
                ("level", "cell"),
                ("kind", "delegate_congress"),
                ("contents", "full"),
                ("planned_on", "2025-08-20"),
                ("planned_length", "4"),
            ]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // C-PLAN-5: held on a day to come, refused in words to those who
        // plan the congress (the office of the commune records it held).
        ("POST", "/orgs/{code}/congress/gates") => {
            let f = form(&[
                ("round", "2025-2030"),
                ("gate", "held"),
                ("approved_by", "Đảng ủy xã"),
                ("on", "2999-01-01"),
                ("reference", "01-BC/ĐU"),
            ]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // C-PLAN-1: the dates are approved by the office above: the
        // district's for the commune (none of these users), the commune's
        // for its cell (whose congress is not planned: refused in words).
        ("POST", "/orgs/{code}/congress/date-approval") => {
            let f = form(&[
                ("round", "2025-2030"),
                ("approved_by", "Đảng ủy xã"),
                ("on", "2025-08-01"),
                ("reference", "02-QĐ/ĐU"),
            ]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), Expect::Refused),
                case(Scope::Cell, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // C-DEL-5: the kind is decided by the office above, as the dates.
        ("POST", "/orgs/{code}/congress/kind-decision") => {
            let f = form(&[
                ("round", "2025-2030"),
                ("kind", "delegate_congress"),
                ("approved_by", "Đảng ủy xã"),
                ("on", "2025-08-01"),
                ("reference", "03-QĐ/ĐU"),
            ]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), Expect::Refused),
                case(Scope::Cell, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // C-DEL-10: a card that is no member's, refused in words to the
        // congress's office (403 to inspection).
        ("POST", "/orgs/{code}/congress/replacements") => {
            let f = form(&[
                ("round", "2025-2030"),
                ("absent", "10000001"),
                ("alternate", "10000002"),
                ("decided_by", "Đoàn Chủ tịch"),
                ("reference", "Biên bản"),
            ]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // Issue 15 §7: the check-in is the congress's office's (403 to
        // inspection); a card not on the roll is refused in words (C-DEL-7).
        // Issue 15 §6: the roll is read by the congress's readers.
        ("GET", "/orgs/{code}/congress/roll") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        // C-DEL-2: the congress's own organization does not elect to it;
        // C-DEL-9: a card that is no member's; both refused in words to the
        // congress's office (403 to inspection).
        ("POST", "/orgs/{code}/congress/delegates" | "/orgs/{code}/congress/exclusions") => {
            let f = if path.ends_with("delegates") {
                form(&[("round", "2025-2030"), ("card", "10000001"), ("seat", "elected"), ("by", INSIDE)])
            } else {
                form(&[
                    ("round", "2025-2030"),
                    ("card", "09999999"),
                    ("case", "retiring"),
                    ("effective", "2025-08-01"),
                    ("reference", "01-QĐ"),
                ])
            };
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // Issue 15 §7: the credentials report (C-DEL-9's exclusions in it)
        // and the delegate cards, for the roll's readers; no one is
        // convened to the matrix's congresses: no card to print (404).
        ("GET", "/orgs/{code}/congress/credentials") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::In, How::GetWith("?format=docx"), allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/cards") => vec![
            case(Scope::In, How::Get, allow(reads_members, Expect::Status(StatusCode::NOT_FOUND))),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/check-in") => vec![
            case(Scope::In, How::Get, allow(writes, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congress/check-in") => {
            let f = form(&[("round", "2025-2030"), ("session", "1"), ("card", "10000001")]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // An absence of a card not on the roll: refused in words (C-DEL-7).
        ("POST", "/orgs/{code}/congress/absences") => {
            let f = form(&[("round", "2025-2030"), ("session", "1"), ("card", "10000001"), ("reason", "Ốm")]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // A session without a name: refused in words to the office.
        ("POST", "/orgs/{code}/congress/sessions") => {
            let f = form(&[("round", "2025-2030"), ("name", ""), ("held_on", "2025-08-20")]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // C-PER-10: the committee is read by the organization's readers; its
        // seats are recorded and ended by the office above: nobody inside
        // for the commune, the commune's office for its cell (a card that is
        // no member's, a seat that is not one: refused in words, 404).
        ("GET", "/orgs/{code}/committee") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("POST", "/orgs/{code}/committee/seats") => {
            let f = form(&[
                ("card", "09999999"),
                ("position", "member"),
                ("source", "election"),
                ("from", "2025-08-01"),
                ("reference", "01-QĐ/ĐU"),
            ]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), Expect::Refused),
                case(Scope::Cell, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("POST", "/orgs/{code}/committee/seats/{id}/end") => {
            let f = form(&[("on", "2025-08-01"), ("reason", "Nghỉ hưu")]);
            let not_found = Expect::Status(StatusCode::NOT_FOUND);
            vec![
                case(Scope::In, How::Form(f.clone()), Expect::Refused),
                case(Scope::Cell, How::Form(f.clone()), allow(writes, not_found)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // C-DEL-1…8: the allocation is read by the congress's readers and
        // decided by its office; seats that do not add up to the total are
        // refused in words (C-DEL-1).
        ("GET", "/orgs/{code}/congress/allocation") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congress/allocation") => {
            let f =
                form(&[("round", "2025-2030"), ("total", "3"), ("decision", "01-QĐ/ĐU"), ("decided_on", "2025-08-01")]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // Issue 15 §8: the programme is read by the congress's readers and
        // written by its office; each write here is refused in words
        // (no title; no item 99; a card that is no member's; more hands
        // than present, R-BODY-2).
        ("GET", "/orgs/{code}/congress/agenda") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/agenda/items"
            | "/orgs/{code}/congress/agenda/items/{item}"
            | "/orgs/{code}/congress/agenda/items/{item}/move"
            | "/orgs/{code}/congress/agenda/items/{item}/remove"
            | "/orgs/{code}/congress/agenda/bodies/{body}/members"
            | "/orgs/{code}/congress/agenda/votes",
        ) => {
            let f = if path.ends_with("/items") {
                form(&[("round", "2025-2030"), ("session", "official"), ("title", "")])
            } else if path.ends_with("{item}") {
                form(&[("round", "2025-2030"), ("done", "1")])
            } else if path.ends_with("/move") {
                form(&[("round", "2025-2030"), ("to", "later")])
            } else if path.ends_with("/remove") {
                form(&[("round", "2025-2030")])
            } else if path.ends_with("members") {
                form(&[("round", "2025-2030"), ("card", "10000001")])
            } else {
                form(&[
                    ("round", "2025-2030"),
                    ("on", "body:presidium"),
                    ("for", "5"),
                    ("against", "0"),
                    ("abstaining", "0"),
                    ("present", "1"),
                    ("declared", "adopted"),
                ])
            };
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // Issue 16: a congress's elections are read by the congress's
        // readers and prepared by its office; each write here is refused
        // in words (no body; the list is adopted; no such account; no
        // ballots; an incomplete decision). Entering, settling and closing
        // are for the election's board only (none of these users: 403).
        ("GET", "/orgs/{code}/congress/elections" | "/orgs/{code}/congress/elections/{election}") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/elections"
            | "/orgs/{code}/congress/elections/{election}/candidates"
            | "/orgs/{code}/congress/elections/{election}/withdrawals"
            | "/orgs/{code}/congress/elections/{election}/opinion"
            | "/orgs/{code}/congress/elections/{election}/adoption"
            | "/orgs/{code}/congress/elections/{election}/staff"
            | "/orgs/{code}/congress/elections/{election}/ballots-issued"
            | "/orgs/{code}/congress/elections/{election}/decisions",
        ) => {
            let f = form(&[
                ("round", "2025-2030"),
                ("body", ""),
                ("name", "Hà Văn Năm"),
                ("position", "1"),
                ("decided_by", "Đại hội"),
                ("reason", "Sức khỏe"),
                ("login", "nobody.here"),
                ("duty", "entry_1"),
                ("ballots", ""),
                ("session", "1"),
                ("on_round", "1"),
                ("point", "tie_at_cutoff"),
                ("action", ""),
                ("votes", "3"),
            ]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        (
            "GET",
            "/orgs/{code}/congress/elections/{election}/rounds/{number}/entries"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/ledger"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/projector"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/projector/events",
        ) => vec![case(Scope::In, How::Get, Expect::Refused), case(Scope::Out, How::Get, Expect::Refused)],
        (
            "POST",
            "/orgs/{code}/congress/elections/{election}/rounds/{number}/entries"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/settlements"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/rulings"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/close",
        ) => {
            let f = form(&[("round", "2025-2030"), ("ballot", "1"), ("marks", "1"), ("valid", "1"), ("reason", "x")]);
            vec![
                case(Scope::In, How::Form(f.clone()), Expect::Refused),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // Issue 16: the minutes and the files of an election once a count
        // is closed (none is here: refused in words, 400); its ballots
        // printed for the congress's readers; a ballots file recorded by
        // the board only (none of these users).
        (
            "GET",
            "/orgs/{code}/congress/elections/{election}/minutes"
            | "/orgs/{code}/congress/elections/{election}/election.toml"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots.csv",
        ) => vec![
            case(Scope::In, How::Get, allow(reads_members, Expect::Status(StatusCode::BAD_REQUEST))),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots.pdf") => {
            vec![case(Scope::In, How::Get, allow(reads_members, OK)), case(Scope::Out, How::Get, Expect::Refused)]
        }
        ("POST", "/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots-file") => {
            vec![case(Scope::In, How::File, Expect::Refused), case(Scope::Out, How::File, Expect::Refused)]
        }
        // Issue 16 §4: after the count, read by the congress's readers;
        // complaints, the ballots kept and the planned secretary are the
        // office's (refused in words: no date, no post); the approval and
        // the direction are the office above's (nobody here: 403).
        ("GET", "/orgs/{code}/congress/elections/{election}/after" | "/orgs/{code}/congress/planned-leaders") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/elections/{election}/after/complaints"
            | "/orgs/{code}/congress/elections/{election}/after/complaints/{complaint}/settled"
            | "/orgs/{code}/congress/elections/{election}/after/sealing"
            | "/orgs/{code}/congress/elections/{election}/after/destruction"
            | "/orgs/{code}/congress/planned-leaders",
        ) => {
            let f = form(&[("round", "2025-2030"), ("on", ""), ("post", ""), ("name", "Hà Văn Một")]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        (
            "POST",
            "/orgs/{code}/congress/elections/{election}/after/outcome"
            | "/orgs/{code}/congress/planned-leaders/direction",
        ) => {
            let f = form(&[
                ("round", "2025-2030"),
                ("outcome", "approved"),
                ("post", "secretary"),
                ("approved_by", "Ban Thường vụ"),
                ("on", "2025-09-01"),
                ("reference", "1-QĐ/HU"),
                ("direction", "Giới thiệu lại"),
            ]);
            vec![
                case(Scope::In, How::Form(f.clone()), Expect::Refused),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // Issue 17: a congress's drafts are read by the congress's readers;
        // a draft is made (refused in words: a line length out of range),
        // its team named (no such account) and it is sent down (to the
        // province, outside the commune's reach) by the office; versions,
        // dispositions and the accepted amendments are the drafting team's
        // (none of these users: 403).
        (
            "GET",
            "/orgs/{code}/congress/documents"
            | "/orgs/{code}/congress/documents/{document}"
            | "/orgs/{code}/congress/documents/{document}/diff",
        ) => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        // Issue 17 §4: the synthesis of comments (PDF, .docx, workbook) and
        // what the cell sent up on the inside draft, read by the congress's
        // readers; the cell's own synthesis by its readers.
        (
            "GET",
            "/orgs/{code}/congress/documents/{document}/report"
            | "/orgs/{code}/congress/documents/{document}/syntheses/{sender}"
            | "/orgs/{code}/congress/documents/{document}/syntheses/{sender}/report",
        ) => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::In, How::GetWith("?format=docx"), allow(reads_members, OK)),
            case(Scope::In, How::GetWith("?format=xlsx"), allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/received/{document}/report") => vec![
            case(Scope::Cell, How::Get, OK),
            case(Scope::Cell, How::GetWith("?format=xlsx"), OK),
            case(Scope::In, How::Get, Expect::Refused),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/documents"
            | "/orgs/{code}/congress/documents/{document}/team"
            | "/orgs/{code}/congress/documents/{document}/sent"
            | "/orgs/{code}/congress/documents/{document}/synthesis",
        ) => {
            let f = form(&[
                ("round", "2025-2030"),
                ("kind", "political_report"),
                ("title", "Dự thảo thử"),
                ("classification", "normal"),
                ("line_length", "10"),
                ("login", "nobody.here"),
                ("orgs", "QN"),
                ("sent_on", "2025-06-01"),
            ]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // A member's comment on the congress's own draft, without the
        // member's name: the office is answered 422, others refused.
        ("POST", "/orgs/{code}/congress/documents/{document}/comments") => {
            let f = form(&[("round", "2025-2030"), ("source", "person"), ("text", "Góp ý")]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        (
            "POST",
            "/orgs/{code}/congress/documents/{document}/comments/{comment}/disposition"
            | "/orgs/{code}/congress/documents/{document}/apply",
        ) => {
            let f = form(&[("round", "2025-2030"), ("disposition", "accepted")]);
            vec![
                case(Scope::In, How::Form(f.clone()), Expect::Refused),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("POST", "/orgs/{code}/congress/documents/{document}/versions") => {
            vec![case(Scope::In, How::File, Expect::Refused), case(Scope::Out, How::File, Expect::Refused)]
        }
        // Issue 17 item 6: the resolution page is the congress's readers';
        // its adoption the office's (refused in words: the congress is not
        // held, C-PLAN-7). The review section is a review report's: draft
        // 1 is a political report (404 for everyone).
        ("GET", "/orgs/{code}/congress/resolution") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congress/resolution") => {
            let f = form(&[("round", "2025-2030"), ("kind", "task"), ("paragraph", "1"), ("item_title", "Nhiệm vụ")]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/congress/documents/{document}/review") => {
            vec![case(Scope::In, How::Get, Expect::Refused), case(Scope::Out, How::Get, Expect::Refused)]
        }
        ("POST", "/orgs/{code}/congress/documents/{document}/review") => {
            let f = form(&[("round", "2025-2030"), ("on", "2025-06-01")]);
            vec![
                case(Scope::In, How::Form(f.clone()), Expect::Refused),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // The lower organization's side: the cell received the inside
        // draft; its office records comments (refused in words: no
        // paragraph 99) and its synthesis (a day before the draft).
        ("GET", "/orgs/{code}/congress/received") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/received/{document}") => vec![
            case(Scope::Cell, How::Get, OK),
            case(Scope::In, How::Get, Expect::Refused),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/received/{document}/comments"
            | "/orgs/{code}/congress/received/{document}/synthesis",
        ) => {
            let f = form(&[("anchor", "paragraph"), ("paragraph", "99"), ("text", "Góp ý"), ("sent_on", "2000-01-01")]);
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::Cell, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::In, How::Form(f.clone()), Expect::Refused),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // Issue 16 §5: the floor votes are read by the congress's readers
        // and run by its office; each write here is refused in words (a
        // card that is no card number, nothing to vote on, no declaration)
        // or names no vote (99); turning them on is done once and again.
        ("GET", "/orgs/{code}/congress/floor") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        // The live stream never ends: only its refusals are walked here
        // (tests/web/elections_floor reads its first event).
        ("GET", "/orgs/{code}/congress/floor/events") => vec![
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/floor"
            | "/orgs/{code}/congress/floor/pins"
            | "/orgs/{code}/congress/floor/votes"
            | "/orgs/{code}/congress/floor/votes/{vote}/close"
            | "/orgs/{code}/congress/floor/votes/{vote}/declaration",
        ) => {
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            let (f, status) = if path.ends_with("/floor") {
                (form(&[("round", "2025-2030")]), SEE_OTHER)
            } else if path.ends_with("/pins") {
                (form(&[("round", "2025-2030"), ("card", "not a card")]), unprocessable)
            } else if path.ends_with("/votes") {
                (form(&[("round", "2025-2030"), ("on", "")]), unprocessable)
            } else if path.ends_with("/close") {
                (form(&[("round", "2025-2030")]), Expect::Status(StatusCode::NOT_FOUND))
            } else {
                (form(&[("round", "2025-2030"), ("declared", "maybe")]), unprocessable)
            };
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, status)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // A delegate's pages: the sign-in form is everyone's; without a
        // delegate's pass (no user's session is one) nothing else opens.
        // Anonymous visitors' forms carry the sign-in page's token, not a
        // session's: refused (CSRF).
        ("GET", "/floor/{congress}") => vec![case(Scope::None, How::Get, OK)],
        ("GET", "/floor/{congress}/events" | "/floor/{congress}/votes/{vote}/receipts") => {
            vec![case(Scope::None, How::Get, Expect::Status(StatusCode::UNAUTHORIZED))]
        }
        ("POST", "/floor/{congress}/sign-in" | "/floor/{congress}/ballot" | "/floor/{congress}/sign-out") => {
            let (f, status) = if path.ends_with("sign-in") {
                (form(&[("card", "10000001"), ("pin", "000000")]), Expect::Status(StatusCode::UNAUTHORIZED))
            } else if path.ends_with("ballot") {
                (form(&[("vote", "1"), ("choice", "for")]), Expect::Status(StatusCode::UNAUTHORIZED))
            } else {
                (vec![], SEE_OTHER)
            };
            let status = if who == Who::Anonymous { Expect::Status(StatusCode::FORBIDDEN) } else { status };
            vec![case(Scope::None, How::Form(f), status)]
        }
        ("GET", "/orgs/{code}/disseminations") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("GET", "/disseminations/{id}") => {
            // Issue 14 §8: the member attended the conference inside.
            let reads = reads_members || role == Some(Member);
            vec![case(Scope::In, How::Get, allow(reads, OK)), case(Scope::Out, How::Get, Expect::Refused)]
        }
        ("POST", "/disseminations/{id}/attendance") => {
            // The member file's card column is an attendance list.
            vec![case(Scope::In, How::File, allow(writes, SEE_OTHER)), case(Scope::Out, How::File, Expect::Refused)]
        }
        ("POST", "/orgs/{code}/import/{id}") => {
            vec![case(Scope::In, How::Confirm, allow(writes, OK)), case(Scope::Out, How::Confirm, Expect::Refused)]
        }
        ("GET", "/tasks/new") => vec![
            case(Scope::None, How::Get, allow(writes, OK)),
            case(Scope::None, How::GetWith("?document={secret_doc}"), allow(writes, OK)),
        ],
        ("POST", "/tasks") => {
            // `{doc}`: the open document (see `documents`).
            let f = |org: &str| form(&[("document", "{doc}"), ("title", "Nhiệm vụ thử"), ("org", org)]);
            vec![
                case(Scope::In, How::Form(f(INSIDE)), allow(writes, SEE_OTHER)),
                case(Scope::Out, How::Form(f(OUTSIDE)), Expect::Refused),
            ]
        }
        ("POST", "/tasks/{id}/cascade") => {
            // A cell of each user's own: a cell given the task once is
            // refused a second sub-task (T-2).
            let cell = match role {
                Some(Admin) => CELL,
                _ => "QN.DH.QT.CB02",
            };
            let f = form(&[("org", cell)]);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, SEE_OTHER)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("POST", "/tasks/{id}/targets") => {
            let f = form(&[("name", "Chỉ tiêu thử"), ("baseline", "0"), ("target", "2"), ("direction", "higher")]);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, SEE_OTHER)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // The campaign's report: for the readers of the dashboard.
        ("GET", "/orgs/{code}/congresses/report") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?format=xlsx"), allow(reads_members, OK)),
        ],
        // The plan file (C-PLAN-1…5): for those who plan the congresses.
        ("GET", "/orgs/{code}/congresses/plans-file" | "/orgs/{code}/congresses/plans-file/download") => vec![
            case(Scope::In, How::Get, allow(writes, OK)),
            case(Scope::Cell, How::Get, allow(writes, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congresses/plans-file") => {
            // The member file has no plan columns: refused in words to those who plan.
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![case(Scope::In, How::File, allow(writes, unprocessable)), case(Scope::Out, How::File, Expect::Refused)]
        }
        // The roll file and a session's attendance file (issue 15): for the
        // congress's office. The member file has no roll columns: refused in
        // words; no session is open in this matrix: the attendance file 404.
        ("GET", "/orgs/{code}/congress/roll-file" | "/orgs/{code}/congress/roll-file/download") => vec![
            case(Scope::In, How::Get, allow(writes, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congress/roll-file") => {
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![case(Scope::In, How::File, allow(writes, unprocessable)), case(Scope::Out, How::File, Expect::Refused)]
        }
        // The allocation file (issue 15), for the congress's office; the
        // matrix's upload sends no total, decision or day: 400, named.
        ("GET", "/orgs/{code}/congress/allocation-file" | "/orgs/{code}/congress/allocation-file/download") => vec![
            case(Scope::In, How::Get, allow(writes, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?round=1990-1995"), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congress/allocation-file") => vec![
            case(Scope::In, How::File, allow(writes, Expect::Status(StatusCode::BAD_REQUEST))),
            case(Scope::Out, How::File, Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/attendance-file" | "/orgs/{code}/congress/attendance-file/download") => vec![
            case(Scope::In, How::Get, allow(writes, Expect::Status(StatusCode::NOT_FOUND))),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congress/attendance-file") => vec![
            case(Scope::In, How::File, allow(writes, Expect::Status(StatusCode::NOT_FOUND))),
            case(Scope::Out, How::File, Expect::Refused),
        ],
        ("GET", "/orgs/{code}/tracking/tasks-file") => vec![
            case(Scope::In, How::Get, allow(writes, OK)),
            case(Scope::Cell, How::Get, allow(writes, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("GET", "/orgs/{code}/tracking/tasks-file/download") => vec![
            case(Scope::In, How::Get, allow(writes, OK)),
            case(Scope::Cell, How::Get, allow(writes, OK)),
            case(Scope::Out, How::Get, Expect::Refused),
            case(Scope::In, How::GetWith("?format=csv"), allow(writes, OK)),
            case(Scope::Cell, How::GetWith("?format=csv"), allow(writes, OK)),
        ],
        ("POST", "/orgs/{code}/tracking/tasks-file") => {
            // The member file has no task columns: refused in words to those who write.
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![case(Scope::In, How::File, allow(writes, unprocessable)), case(Scope::Out, How::File, Expect::Refused)]
        }
        ("POST", "/orgs/{code}/tracking/tasks-file/{id}") => {
            // A made-up id: gone for those who write.
            let gone = Expect::Status(StatusCode::GONE);
            vec![
                case(Scope::In, How::Form(vec![]), allow(writes, gone)),
                case(Scope::Out, How::Form(vec![]), Expect::Refused),
            ]
        }
        // Issue 18: the register and a case are read by those who read
        // members (nobody here is cleared for the confidential twin); each
        // form is refused in words (422) to those who handle: a blank
        // summary (TEXT-1), no such account, not an organization of the
        // tree (P-5), not accepted yet (P-1). The denouncer's identity
        // (P-7) is for a reader cleared for secret: nobody here.
        (
            "GET",
            "/orgs/{code}/petitions"
            | "/petitions/{case}"
            | "/orgs/{code}/petitions/report"
            | "/orgs/{code}/petitions/report/file",
        ) => {
            vec![case(Scope::In, How::Get, allow(reads_members, OK)), case(Scope::Out, How::Get, Expect::Refused)]
        }
        (
            "POST",
            "/orgs/{code}/petitions"
            | "/petitions/{case}/assign"
            | "/petitions/{case}/route"
            | "/petitions/{case}/events",
        ) => {
            let f = match path {
                "/orgs/{code}/petitions" => form(&[
                    ("kind", "petition"),
                    ("channel", "letter"),
                    ("received", "2025-11-03"),
                    ("summary", " "),
                    ("name", "Người gửi"),
                    ("address", "Quảng Tân"),
                ]),
                "/petitions/{case}/assign" => form(&[("verifier", "nobody.here")]),
                "/petitions/{case}/route" => form(&[("to", "QN.XX.YY")]),
                _ => form(&[("step", "notify"), ("on", "2025-11-05")]),
            };
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // The legal clocks: read by everyone signed in, kept by an
        // administrator of a root (nobody here: refused, whatever the form).
        ("GET", "/petition-clocks") => vec![
            case(Scope::None, How::Get, OK),
            case(Scope::None, How::GetWith("?clock=denunciation_settlement&received=2025-11-03"), OK),
        ],
        (
            "POST",
            "/petition-clocks/rules"
            | "/petition-clocks/rules/{id}/end"
            | "/petition-clocks/days"
            | "/petition-clocks/days/{date}/remove"
            | "/petition-clocks/years",
        ) => {
            let f = match path {
                "/petition-clocks/rules" => form(&[
                    ("clock", "petition_answer"),
                    ("amount", "15"),
                    ("unit", "days"),
                    ("valid_from", "2026-07-01"),
                    ("source", "Luật Khiếu nại (sửa đổi 2025)"),
                ]),
                "/petition-clocks/rules/{id}/end" => form(&[("last_day", "2026-06-30")]),
                "/petition-clocks/days" => form(&[("date", "2027-02-08"), ("kind", "holiday"), ("name", "Tết")]),
                "/petition-clocks/years" => form(&[("year", "2027"), ("why", "Thông báo")]),
                _ => form(&[]),
            };
            vec![case(Scope::None, How::Form(f), Expect::Refused)]
        }
        // P-9: a committee's reception calendar and its sessions are read by
        // whoever sees the organization (a cell's page: no duty, an empty
        // table); each form is refused in words (422) to those who keep
        // it: a blank host (TEXT-1), a session that received a visit
        // cancelled (P-9), a blank matter (TEXT-1), a note on two lines.
        ("GET", "/orgs/{code}/reception" | "/orgs/{code}/reception/report") => vec![
            case(Scope::In, How::Get, allow(reads_members, OK)),
            case(Scope::Cell, How::Get, OK),
            case(Scope::Out, How::Get, Expect::Refused),
        ],
        ("GET", "/reception-sessions/{id}") => {
            vec![case(Scope::In, How::Get, allow(reads_members, OK)), case(Scope::Out, How::Get, Expect::Refused)]
        }
        (
            "POST",
            "/orgs/{code}/reception"
            | "/reception-sessions/{id}/held"
            | "/reception-sessions/{id}/cancel"
            | "/reception-sessions/{id}/visits",
        ) => {
            let f = match path {
                "/orgs/{code}/reception" => {
                    form(&[("day", "2025-11-20"), ("host", " "), ("place", "Trụ sở"), ("kind", "regular")])
                }
                "/reception-sessions/{id}/held" => form(&[("note", "hai\ndòng")]),
                "/reception-sessions/{id}/cancel" => form(&[("note", "Nhầm")]),
                _ => form(&[("people", "1"), ("matter", " "), ("outcome", "guided")]),
            };
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, unprocessable)),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        // P-8: the cut-off of the congress inside, set by those who handle
        // its cases; a day that is not one refused in words (400).
        ("POST", "/orgs/{code}/petitions/cutoff") => {
            let f = form(&[("cutoff", "ngày 45")]);
            vec![
                case(Scope::In, How::Form(f.clone()), allow(writes, Expect::Status(StatusCode::BAD_REQUEST))),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        ("POST", "/petitions/{case}/identity") => {
            let f = form(&[("purpose", "ma trận")]);
            vec![
                case(Scope::In, How::Form(f.clone()), Expect::Refused),
                case(Scope::Out, How::Form(f), Expect::Refused),
            ]
        }
        _ => return None,
    };
    let cases = with_secret_twins(path, cases);
    Some(
        cases
            .into_iter()
            .map(|mut c| {
                // A delegate's pages (issue 16 §5) are not a user's: their
                // cases say what an anonymous visitor gets.
                if who == Who::Anonymous && path != "/login" && !path.starts_with("/floor/") {
                    // Nobody signed in has no session, so no form token: a
                    // POST is refused by the CSRF check before the sign-in
                    // check (the sign-in page's own token is for /login only).
                    c.expect =
                        if method == Method::POST { Expect::Status(StatusCode::FORBIDDEN) } else { Expect::SignIn };
                }
                c
            })
            .collect(),
    )
}

/// The path with `{code}` and `{id}` filled for `scope`.
fn fill(path: &str, scope: Scope, ids: &Ids, own_token: i64) -> String {
    let code = scope_code(scope);
    let s = &ids.secrets;
    let id = if path.starts_with("/petitions/") {
        match scope {
            Scope::Secret => ids.secret_case,
            Scope::Out => ids.out_case,
            _ => ids.in_case,
        }
    } else if path.starts_with("/reception-sessions/") {
        if scope == Scope::Out { ids.out_session } else { ids.in_session }
    } else if scope == Scope::Secret {
        let kinds = [
            ("/documents/files/", s.file),
            ("/documents/", s.document),
            ("/tasks/", s.task),
            ("/disseminations/", s.conference),
        ];
        kinds.iter().find(|(p, _)| path.starts_with(p)).map(|(_, id)| *id).expect("a route naming a secret object")
    } else if scope == Scope::OfSecretDocument {
        s.open_task_of_secret_document
    } else if scope == Scope::ChildOfSecret {
        s.open_child
    } else if path.starts_with("/members/") {
        match scope {
            Scope::Own => ids.own_member,
            Scope::Out => ids.out_member,
            _ => ids.in_member,
        }
    } else if path.starts_with("/documents/files/") {
        if scope == Scope::Out { ids.secret_file } else { ids.open_file }
    } else if path.starts_with("/documents/") {
        if scope == Scope::Out { ids.secret_doc } else { ids.open_doc }
    } else if path.starts_with("/account/tokens/") {
        if scope == Scope::Other { ids.other_token } else { own_token }
    } else if path.starts_with("/tasks/") {
        if scope == Scope::Out { ids.out_task } else { ids.in_task }
    } else if path.starts_with("/disseminations/") {
        if scope == Scope::Out { ids.out_conference } else { ids.in_conference }
    } else {
        0
    };
    let target = if scope == Scope::Out { ids.out_target } else { ids.in_target };
    // No such condition: the end of a condition is refused in words.
    path.replace("{code}", code)
        .replace("{round}", ROUND)
        .replace("{id}", &id.to_string())
        .replace("{target}", &target.to_string())
        .replace("{condition}", "999999")
        .replace("{item}", "99")
        .replace("{election}", "1")
        .replace("{number}", "1")
        .replace("{body}", "presidium")
        .replace("{key}", "delegate_congress_threshold")
        // No such congress or vote: a delegate's routes answer the same
        // without a pass, the office's name no vote.
        .replace("{congress}", "999999")
        .replace("{vote}", "99")
        .replace("{complaint}", "99")
        // Issue 17: the inside congress's draft (sent to the cell), no comment 99.
        .replace("{document}", "1")
        .replace("{comment}", "99")
        .replace("{sender}", CELL)
        .replace("{case}", &id.to_string())
        // Issue 18: a day of the clocks' calendar (nobody here keeps it).
        .replace("{date}", "2026-01-01")
        .replace(
            "{card}",
            match scope {
                Scope::Own => "10000001",
                Scope::Out => "20000001",
                _ => "10000002",
            },
        )
}

/// The id of the confirmation form in an import preview (the last link
/// under `/import/`: the template's comes first).
fn pending_id(body: &str) -> Option<String> {
    let at = body.rfind("/import/")? + "/import/".len();
    let id: String = body[at..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    (!id.is_empty()).then_some(id)
}

struct Row {
    route: String,
    who: &'static str,
    scope: Scope,
    status: u16,
    expected: String,
    problem: Option<String>,
}

/// An unclassified and a secret document in the register, with a file each.
async fn documents(db: &Db, mut ids: Ids) -> Ids {
    use daihoi_store::documents::{Classification, NewDocument};
    let new = |number_text: &'static str, title: &'static str, classification| NewDocument {
        doc_type: "KH",
        issuer: "TU",
        number: number_text.parse().unwrap(),
        number_text,
        issued_on: time::macros::date!(2024 - 07 - 23),
        title,
        summary: "",
        classification,
        org: None,
    };
    // The open document is in the register of the commune inside.
    let inside = code(INSIDE);
    let open = db
        .register_document(&NewDocument {
            org: Some(&inside),
            ..new("439", "Tổ chức đại hội đảng bộ các cấp", Classification::Normal)
        })
        .await
        .unwrap();
    let secret = db.register_document(&new("12", "Kế hoạch mật thử nghiệm", Classification::Secret)).await.unwrap();
    ids.open_doc = open.id;
    ids.secret_doc = secret.id;
    ids.open_file = db.attach_file(open.id, "439-KH-TU.pdf", "application/pdf", b"%PDF-1.7 open").await.unwrap().id;
    ids.secret_file =
        db.attach_file(secret.id, "mat-thu-nghiem.pdf", "application/pdf", b"%PDF-1.7 secret").await.unwrap().id;
    // A task of each commune, from the open document, with a target each.
    for (org, title, target) in [
        (INSIDE, "Chuẩn bị đại hội Quảng Tân", "Số chi bộ đã đại hội"),
        (OUTSIDE, "Nhiệm vụ riêng của Đông Ngũ", "Chỉ tiêu riêng của Đông Ngũ"),
    ] {
        let task = db
            .create_task(&daihoi_store::tasks::NewTask {
                document_id: open.id,
                clause: "Mục II.2",
                title,
                org: &code(org),
                parent: None,
                weight: None,
                deadline: Some(time::macros::date!(2025 - 09 - 30)),
                external_id: None,
                classification: Classification::Normal,
                assigned_on: time::macros::date!(2024 - 08 - 01),
            })
            .await
            .unwrap();
        let target = db
            .create_target(&daihoi_store::tasks::targets::NewTarget {
                task_id: task.id,
                name: target,
                target: daihoi_tracking::Target::new("chi bộ", 0.0, 2.0, daihoi_tracking::Direction::HigherIsBetter)
                    .unwrap(),
            })
            .await
            .unwrap();
        if org == INSIDE {
            (ids.in_task, ids.in_target) = (task.id, target.id);
        } else {
            (ids.out_task, ids.out_target) = (task.id, target.id);
        }
    }
    // A conference held by each commune, each with members of its own:
    // inside, the member who signs in (10000001) attended (issue 14 §8: they
    // read it); outside, nobody who signs in.
    for (org, title, cards) in [
        (INSIDE, "Hội nghị học tập của Quảng Tân", &["10000002", "10000001"][..]),
        (OUTSIDE, "Hội nghị riêng của Đông Ngũ", &["20000001"][..]),
    ] {
        let holder = code(org);
        let new = daihoi_store::dissemination::NewDissemination {
            org: &holder,
            held_on: time::macros::date!(2024 - 11 - 18),
            title,
            level: "",
            notes: "",
            documents: &[open.id],
            classification: Classification::Normal,
        };
        let id = db.record_dissemination(&new).await.unwrap().id;
        let cards: Vec<CardNumber> = cards.iter().map(|c| CardNumber::parse(c).unwrap()).collect();
        db.add_attendance(id, &cards, &[]).await.unwrap();
        if org == INSIDE {
            ids.in_conference = id;
        } else {
            ids.out_conference = id;
        }
    }
    ids
}

/// The round every congress route names.
const ROUND: &str = "2025-2030";

/// The round, and a congress planned for each commune (C-PLAN-1).
async fn congresses(db: &Db) {
    use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
    let today = time::macros::date!(2025 - 12 - 01);
    let c = db.operator();
    let round = c
        .congresses()
        .create_round(ROUND, "Nhiệm kỳ 2025–2030", daihoi_store::congresses::RoundTemplate::Term2025To2030, today, "t")
        .await
        .unwrap();
    for org in [INSIDE, OUTSIDE] {
        let node = db.org_by_code(&code(org), today).await.unwrap().unwrap();
        let plan = daihoi_store::congresses::NewPlan {
            level: LevelClass::Commune,
            kind: CongressKind::DelegateCongress,
            contents: Contents::Full,
            model: false,
            planned: Schedule { opening: time::macros::date!(2025 - 08 - 20), length: Length::days(2) },
            actual: None,
        };
        let congress = c.congresses().plan(&round, &node, &plan, today, "t").await.unwrap();
        // Issue 16: election 1 of each, its list adopted (round 1 waits
        // for its ballots).
        let e = c.elections();
        let n = e.create(&congress, daihoi_election::Body::Committee, 3, "Bầu Ban Chấp hành", "t").await.unwrap();
        for name in ["Hà Văn Một", "Hà Văn Hai", "Hà Văn Ba", "Hà Văn Bốn"] {
            e.add_candidate(&congress, n, name, None, None, "t").await.unwrap();
        }
        e.adopt_list(&congress, n, "t").await.unwrap();
        // Issue 17: a draft of each congress (1 inside, 2 outside) with a
        // first version; the inside one sent to the cell.
        let docs = c.congress_documents();
        let new = daihoi_store::congress_documents::NewDocument {
            kind: daihoi_drafts::DocumentKind::PoliticalReport,
            title: "Dự thảo Báo cáo chính trị",
            classification: daihoi_store::documents::Classification::Normal,
            line_length: 80,
        };
        let d = docs.create_document(&congress, &new, "t").await.unwrap();
        let blocks = [daihoi_drafts::Block::Paragraph {
            text: "Nhiệm kỳ qua, Đảng bộ xã đã lãnh đạo toàn diện.".into(),
        }];
        docs.add_version(&congress, &d, &blocks, daihoi_store::congress_documents::VersionSource::Page, None, "t")
            .await
            .unwrap();
        if org == INSIDE {
            let cell = db.org_by_code(&code(CELL), today).await.unwrap().unwrap();
            docs.send_down(&congress, &d, &[cell], time::macros::date!(2025 - 06 - 01), "t").await.unwrap();
        }
    }
}

/// The fixtures every matrix reads: the tree and members, a user per role
/// (all bound inside), the documents, tasks and conferences inside and
/// outside, the T-6 secrets; and the users' ids by login.
async fn setup(db: &Db) -> (TestApp, Ids, std::collections::HashMap<&'static str, i64>) {
    seeded(db).await;
    let app = TestApp::new(db);
    let mut user_ids = std::collections::HashMap::new();
    for who in &WHOS[1..] {
        let Who::Signed(role) = *who else { unreachable!() };
        let id = if role == Role::Member {
            app.member_user(who.login(), "10000001", CELL).await
        } else {
            app.user(who.login(), role, INSIDE).await
        };
        user_ids.insert(who.login(), id);
    }
    let someone_else = app.user("someone.else", Role::Office, OUTSIDE).await;
    let ids = Ids {
        own_member: person(db, "10000001").await,
        in_member: person(db, "10000002").await,
        out_member: person(db, "20000001").await,
        other_token: db
            .operator()
            .accounts()
            .create_api_token(&db.user_by_id(someone_else).await.unwrap().unwrap(), "not yours", "test")
            .await
            .unwrap()
            .0,
        open_doc: 0,
        secret_doc: 0,
        open_file: 0,
        secret_file: 0,
        in_task: 0,
        out_task: 0,
        in_target: 0,
        out_target: 0,
        in_conference: 0,
        out_conference: 0,
        secrets: Secrets::default(),
        in_case: 0,
        out_case: 0,
        secret_case: 0,
        in_session: 0,
        out_session: 0,
    };
    let mut ids = documents(db, ids).await;
    congresses(db).await;
    (ids.in_case, ids.out_case, ids.secret_case) = petitions(db).await;
    (ids.in_session, ids.out_session) = reception(db).await;
    ids.secrets = support::secrets(&app, INSIDE, CELL, "10000002", ids.open_doc).await;
    (app, ids, user_ids)
}

/// Issue 18: a denunciation about the member inside, with its denouncer
/// (P-7), a complaint outside, and a confidential case inside (T-6).
async fn petitions(db: &Db) -> (i64, i64, i64) {
    use daihoi_petitions::{Area, CaseKind, Channel, Complexity, Instance};
    use daihoi_store::documents::Classification;
    use daihoi_store::petitions::{Identity, Matter, NewFiling, Received};
    let today = time::macros::date!(2025 - 12 - 01);
    let op = db.operator();
    let mut ids = Vec::new();
    for (org, kind, summary, classification) in [
        (INSIDE, CaseKind::Denunciation, "Tố cáo việc kê khai tài sản", Classification::Normal),
        (OUTSIDE, CaseKind::Complaint, "Đơn riêng của Đông Ngũ", Classification::Normal),
        (INSIDE, CaseKind::Petition, "Đơn mật thử nghiệm", Classification::Confidential),
    ] {
        let node = db.org_by_code(&code(org), today).await.unwrap().unwrap();
        let filing = NewFiling {
            kind,
            instance: Instance::First,
            channel: Channel::Letter,
            received: time::macros::date!(2025 - 11 - 03),
            area: Area::Ordinary,
            complexity: Complexity::Ordinary,
            summary: summary.to_owned(),
            classification,
            about: Some(CardNumber::parse("10000002").unwrap()).filter(|_| org == INSIDE),
            from_body: None,
            identity: Some(Identity {
                name: "Hoàng Văn Tố Giác".to_owned(),
                address: "Thôn Đồng Tâm".to_owned(),
                contact: "0987 654 321".to_owned(),
            }),
            evidence: false,
            matter: Matter::Distinct,
        };
        let Received::Opened { id, .. } = op.petitions().receive(&node, &filing, today, "t").await.unwrap() else {
            panic!("opened")
        };
        ids.push(id);
    }
    (ids[0], ids[1], ids[2])
}

/// Issue 18, P-9: a reception session inside, held with a visit, and one
/// outside.
async fn reception(db: &Db) -> (i64, i64) {
    use daihoi_store::petitions::{NewSession, SessionKind, VisitOutcome};
    let today = time::macros::date!(2025 - 12 - 01);
    let op = db.operator();
    let mut ids = Vec::new();
    for org in [INSIDE, OUTSIDE] {
        let node = db.org_by_code(&code(org), today).await.unwrap().unwrap();
        let session = NewSession {
            day: time::macros::date!(2025 - 11 - 10),
            host: "Đồng chí Bí thư".to_owned(),
            by_head: true,
            place: "Trụ sở Đảng ủy".to_owned(),
            kind: SessionKind::Regular,
        };
        let id = op.petitions().schedule_reception(&node, &session, "t").await.unwrap();
        let matter = format!("Hỏi thủ tục ở {org}");
        op.petitions().record_visit(id, 1, &matter, VisitOutcome::Answered, today, "t").await.unwrap();
        ids.push(id);
    }
    (ids[0], ids[1])
}

const WHOS: [Who; 5] = [
    Who::Anonymous,
    Who::Signed(Role::Admin),
    Who::Signed(Role::Office),
    Who::Signed(Role::Inspection),
    Who::Signed(Role::Member),
];

async fn every_route_for_every_role_and_scope(db: Db) {
    let (app, ids, user_ids) = setup(&db).await;
    let whos = WHOS;
    let routes = daihoi_web::page_routes().routes;
    assert!(routes.len() >= 17, "fewer routes than expected: {routes:?}");
    let mut rows = Vec::new();
    let mut unknown = Vec::new();
    for who in whos {
        let mut client = match who {
            Who::Anonymous => {
                // The sign-in page's token, as a visitor has it.
                let mut c = app.anonymous();
                let form = c.get("/login").await;
                c.csrf = csrf_in(&form.body).unwrap();
                c
            }
            Who::Signed(_) => app.signed_in(who.login()).await,
        };
        for (method, path) in &routes {
            // Made just before it is used: a new password (another route)
            // revokes the user's tokens.
            let own_token = match user_ids.get(who.login()) {
                Some(uid) if path.starts_with("/account/tokens/") => {
                    db.operator()
                        .accounts()
                        .create_api_token(&db.user_by_id(*uid).await.unwrap().unwrap(), "own", "test")
                        .await
                        .unwrap()
                        .0
                }
                _ => ids.other_token,
            };
            let Some(cases) = cases(method, path, who) else {
                unknown.push(format!("{method} {path}"));
                continue;
            };
            for case in cases {
                let mut uri = fill(path, case.scope, &ids, own_token);
                // The bytes of a download, to read its text.
                let mut bytes = None;
                let page = match &case.send {
                    How::Get => {
                        assert_eq!(*method, Method::GET, "{path}");
                        let (page, body) = client.get_with_bytes(&uri).await;
                        bytes = Some(body);
                        page
                    }
                    How::GetWith(query) => {
                        assert_eq!(*method, Method::GET, "{path}");
                        uri.push_str(&query.replace("{secret_doc}", &ids.secrets.document.to_string()));
                        let (page, body) = client.get_with_bytes(&uri).await;
                        bytes = Some(body);
                        page
                    }
                    How::Form(fields) => {
                        let doc = ids.open_doc.to_string();
                        let fields: Vec<(&str, String)> =
                            fields.iter().map(|(k, v)| (*k, v.replace("{doc}", &doc))).collect();
                        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                        client.post_form(&uri, &fields).await
                    }
                    How::FreshForm(fields) => {
                        let mut fresh = match who {
                            Who::Anonymous => {
                                let mut c = app.anonymous();
                                let form = c.get("/login").await;
                                c.csrf = csrf_in(&form.body).unwrap();
                                c
                            }
                            Who::Signed(_) => app.signed_in(who.login()).await,
                        };
                        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                        fresh.post_form(&uri, &fields).await
                    }
                    How::File => client.post_file(&uri, "ds.csv", UNCHANGED_CSV.as_bytes()).await,
                    How::Confirm => {
                        let preview = match who {
                            Who::Signed(Role::Admin | Role::Office) => {
                                client
                                    .post_file(&format!("/orgs/{INSIDE}/import"), "ds.csv", UNCHANGED_CSV.as_bytes())
                                    .await
                            }
                            _ => Page { status: StatusCode::OK, headers: Default::default(), body: String::new() },
                        };
                        let id = pending_id(&preview.body).unwrap_or_else(|| "00".repeat(16));
                        let uri = uri.replace("/import/0", &format!("/import/{id}"));
                        client.post_form(&uri, &[]).await
                    }
                };
                let text = match &bytes {
                    Some(bytes) => support::received_text(&page, bytes),
                    None => page.body.clone(),
                };
                let problem = problem_of(&page, case.expect, &text, &ids);
                rows.push(Row {
                    route: format!("{method} {uri}"),
                    who: who.name(),
                    scope: case.scope,
                    status: page.status.as_u16(),
                    expected: case.expect.show(),
                    problem,
                });
            }
        }
    }
    assert!(unknown.is_empty(), "routes this test does not know how to fill: {unknown:?}");
    report(&rows);
    // The marks are what a cleared reader gets: the search is meaningful.
    app.grant(support::CLEARED, Role::Inspection, INSIDE).await;
    let mut cleared = app.signed_in(support::CLEARED).await;
    let s = &ids.secrets;
    for uri in [
        "/audit".to_owned(),
        format!("/orgs/{INSIDE}/disseminations"),
        format!("/disseminations/{}", s.conference),
        format!("/documents/{}", s.document),
        format!("/documents/{}", ids.open_doc),
        format!("/tasks/{}", s.task),
        format!("/tasks/{}", s.open_task_of_secret_document),
        format!("/orgs/{INSIDE}/tracking/tasks-file/download?format=csv"),
        format!("/orgs/{INSIDE}/tracking/report?document={}", s.document),
        format!("/orgs/{INSIDE}/tracking/task-list?format=docx"),
    ] {
        let (page, bytes) = cleared.get_with_bytes(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let text = support::received_text(&page, &bytes);
        assert!(s.found_in(&text).is_some(), "a cleared reader reads the secret objects on {uri}: {text}");
    }
    // Every route was requested by everyone.
    for (method, path) in &routes {
        for who in whos {
            assert!(
                rows.iter().any(|r| r.who == who.name() && r.route.starts_with(&format!("{method} "))),
                "{method} {path} not requested by {}",
                who.name()
            );
        }
    }
}

/// What is wrong with an answer whose text (as the reader receives it) is
/// `text`: an unexpected status, outside or T-6 secret text, a 500.
fn problem_of(page: &Page, expect: Expect, text: &str, ids: &Ids) -> Option<String> {
    if page.status == StatusCode::INTERNAL_SERVER_ERROR {
        return Some("500".into());
    }
    if let Some(leak) = ids.secrets.found_in(text) {
        return Some(format!("T-6: shows {leak:?}"));
    }
    if let Some(leak) = OUTSIDE_TEXT.iter().find(|t| text.contains(**t)) {
        return Some(format!("shows {leak:?}"));
    }
    (!expect.accepts(page)).then(|| "status".to_owned())
}

/// Prints the rows with `DAIHOI_MATRIX_SHOW`; fails with the whole table
/// when a row has a problem.
fn report(rows: &[Row]) {
    if std::env::var_os("DAIHOI_MATRIX_SHOW").is_some() {
        for r in rows {
            eprintln!(
                "{:<48} {:<11} {:<6} {:>4} {:>11}",
                r.route,
                r.who,
                format!("{:?}", r.scope),
                r.status,
                r.expected
            );
        }
    }
    let failures = rows.iter().filter(|r| r.problem.is_some()).count();
    if failures > 0 {
        let mut table = format!("{failures} of {} requests failed:\n", rows.len());
        table.push_str(&format!(
            "{:<48} {:<11} {:<6} {:>6} {:>11}  problem\n",
            "route", "role", "scope", "got", "expected"
        ));
        for r in rows {
            table.push_str(&format!(
                "{:<48} {:<11} {:<6} {:>6} {:>11}  {}\n",
                r.route,
                r.who,
                format!("{:?}", r.scope),
                r.status,
                r.expected,
                r.problem.as_deref().unwrap_or("")
            ));
        }
        panic!("{table}");
    }
}

/// How an API request is sent, with the caller's bearer token.
#[derive(Debug, Clone)]
enum ApiHow {
    /// A GET with this query (`""` for none; `{secret_doc}`: the secret
    /// document's id).
    Get(&'static str),
    /// A JSON body, written with placeholders: `{code}` the scope's
    /// organization, `{n}` a number unique to the request, `{day}` a day of
    /// January 2025 later than the last one used, `{doc}` the open document,
    /// `{secret_doc}` the secret one.
    Json(&'static str),
    /// Raw bytes with this query and `Content-Type` (a file attached).
    Bytes(&'static str, &'static str, &'static [u8]),
    /// A JSON body as `Json`, sent to a cell made for the purpose: the
    /// caller first creates `{code}.M{n}` under the scope's organization
    /// (refused to those who do not write there, so that the request then
    /// names no organization), and the path names it instead of `{code}`.
    Fresh(&'static str),
}

type ApiCase = Case<ApiHow>;

/// A task file with one task of the open document (439-KH/TU) for the
/// commune inside.
/// A plan file (C-PLAN-1) planning the inside cell's congress.
const MATRIX_PLAN_FILE: &[u8] =
    "Mã tổ chức đảng,Hình thức đại hội,Ngày khai mạc dự kiến,Số ngày dự kiến\nQN.DH.QT.CB01,Đại hội đảng viên,10/05/2025,1\n"
        .as_bytes();

/// A roll file with its header and no delegate.
const MATRIX_ROLL_FILE: &[u8] = "Số thẻ đảng viên,Loại đại biểu\n".as_bytes();

const MATRIX_ALLOCATION_FILE: &[u8] = "Mã tổ chức,Hình thức,Số đại biểu\nQN.DH.QT,Đương nhiên,1\n".as_bytes();

const MATRIX_TASK_FILE: &[u8] = "Mã nhiệm vụ,Số văn bản,Ngày văn bản,Điều khoản/Mục,Nội dung nhiệm vụ,\
Đơn vị thực hiện,Nhiệm vụ cha,Trọng số,Hạn hoàn thành,Độ mật
NV-MATRIX,439-KH/TU,23/07/2024,Mục 1,Nhiệm vụ ma trận,QN.DH.QT,,,31/12/2026,Thường
"
.as_bytes();

const CREATED: Expect = Expect::Status(StatusCode::CREATED);

/// What `who` may do with the API operation `(method, path)`, scope by
/// scope; `None` for an operation this test does not know. Anonymous
/// callers (no token) get 401 everywhere.
///
/// Operations are grouped by feature, in the order the features register
/// them; each feature's group is the place to add its new operations.
fn api_cases(method: &Method, path: &str, who: Who) -> Option<Vec<ApiCase>> {
    use Role::*;
    let role = match who {
        Who::Anonymous => None,
        Who::Signed(r) => Some(r),
    };
    let reads_members = matches!(role, Some(Admin | Office | Inspection));
    let writes = matches!(role, Some(Admin | Office));
    let allow = |yes: bool, status: Expect| if yes { status } else { Expect::Refused };
    let case = |scope, send, expect| Case { scope, send, expect };
    let get = ApiHow::Get("");
    let path = path.strip_prefix("/api/v1").expect("an API path");
    let cases = match (method.as_str(), path) {
        // orgs
        ("GET", "/orgs") => vec![case(Scope::None, get, OK)],
        ("POST", "/orgs") => {
            let body = r#"{"code": "{code}.M{n}", "name": "Chi bộ ma trận", "kind": "cell", "parent": "{code}",
                           "valid_from": "2025-01-01"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, CREATED)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}" | "/orgs/{code}/children") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Out, get, Expect::Refused),
        ],
        ("PATCH", "/orgs/{code}") => {
            let body = r#"{"name": "Tên mới {n}", "from": "2025-01-{day}"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, OK)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/members") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), allow(reads_members, OK)),
            case(Scope::Out, get, Expect::Refused),
        ],
        ("GET", "/orgs/{code}/history") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Out, get, Expect::Refused),
        ],
        // The changes of the tree act inside on a cell made for the purpose
        // (`Fresh`), so that QN.DH.QT and its cells stay for the others.
        ("POST", "/orgs/{code}/move") => {
            let body = r#"{"parent": "{code}", "from": "2025-06-01"}"#;
            vec![
                case(Scope::In, ApiHow::Fresh(body), allow(writes, OK)),
                case(Scope::Out, ApiHow::Json(r#"{"parent": "QN.TY.DN", "from": "2025-06-01"}"#), Expect::Refused),
                // Into the cell outside: refused before anything is said of it.
                case(Scope::In, ApiHow::Fresh(r#"{"parent": "QN.TY.DN", "from": "2025-06-01"}"#), Expect::Refused),
            ]
        }
        ("POST", "/orgs/{code}/merge") => {
            let body = r#"{"into": "{code}", "date": "2025-06-01"}"#;
            vec![
                case(Scope::In, ApiHow::Fresh(body), allow(writes, OK)),
                case(Scope::Out, ApiHow::Json(r#"{"into": "QN.TY.DN", "date": "2025-06-01"}"#), Expect::Refused),
            ]
        }
        ("POST", "/orgs/{code}/dissolve") => {
            let body = r#"{"date": "2025-06-01"}"#;
            vec![
                case(Scope::In, ApiHow::Fresh(body), allow(writes, OK)),
                // The member user's cell still has its member: a conflict for writers.
                case(Scope::Cell, ApiHow::Json("{}"), allow(writes, Expect::Status(StatusCode::CONFLICT))),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // members
        ("GET", "/members/{id}") => vec![
            case(Scope::Own, get.clone(), OK),
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Out, get, Expect::Refused),
        ],
        // The member page's forms: refused in words (422) to those who
        // write where the member is, so that nothing changes between
        // users; refused as forbidden to the others and outside.
        (
            "PUT" | "POST",
            "/members/{id}"
            | "/members/{id}/transfer"
            | "/members/{id}/conditions"
            | "/members/{id}/conditions/{condition}/end",
        ) => {
            let body = match path {
                "/members/{id}" => {
                    r#"{"card_number": "10000001", "full_name": "Nguyễn Văn An", "gender": "male",
                        "birth_date": "2000-01-01", "admission_date": "2005-05-19"}"#
                }
                "/members/{id}/transfer" => r#"{"org": "QN.DH.QT.CB02", "date": "2001-01-01"}"#,
                "/members/{id}/conditions" => r#"{"kind": "suspended", "from": "2000-01-01"}"#,
                _ => r#"{"to": "2026-01-01"}"#,
            };
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/members/export") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::In, ApiHow::Get("?format=csv"), allow(reads_members, OK)),
            case(Scope::Cell, ApiHow::Get("?format=csv"), allow(reads_members, OK)),
            case(Scope::Out, ApiHow::Get("?format=csv"), Expect::Refused),
            case(Scope::Out, get, Expect::Refused),
        ],
        ("POST", "/orgs/{code}/import") => {
            // The member file of the page's matrix: one member, unchanged.
            let check = ApiHow::Bytes("?name=ds.csv&dry_run=true", "text/csv", UNCHANGED_CSV.as_bytes());
            let write = ApiHow::Bytes("?name=ds.csv", "text/csv", UNCHANGED_CSV.as_bytes());
            vec![
                case(Scope::In, check.clone(), allow(writes, OK)),
                case(Scope::Cell, write, allow(writes, OK)),
                case(Scope::Out, check, Expect::Refused),
            ]
        }
        // accounts
        // audit
        ("GET", "/audit") => vec![
            case(Scope::None, get.clone(), allow(matches!(role, Some(Admin | Inspection)), OK)),
            case(Scope::None, ApiHow::Get("?limit=500"), allow(matches!(role, Some(Admin | Inspection)), OK)),
        ],
        // documents
        ("GET", "/documents") => vec![
            case(Scope::None, get, OK),
            // T-6: searching for the secret document finds nothing.
            case(Scope::None, ApiHow::Get("?q=8808"), OK),
            case(Scope::None, ApiHow::Get("?q=ke+hoach+toi+mat&limit=500"), OK),
        ],
        ("POST", "/documents") => {
            // `{n}`: a number of each request's own, so that each registers once.
            let body = r#"{"register": "{code}", "number": "{n}-KH/ĐU", "issued_on": "2025-01-15",
                           "title": "Kế hoạch thử"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, CREATED)),
                // Not one of the caller's registers: refused in words to
                // those who write, as forbidden to the others (the page's).
                case(Scope::Out, ApiHow::Json(body), allow(writes, Expect::Status(StatusCode::UNPROCESSABLE_ENTITY))),
            ]
        }
        ("GET", "/documents/{id}" | "/documents/files/{id}") => {
            vec![case(Scope::In, get.clone(), OK), case(Scope::Out, get, Expect::Refused)]
        }
        ("GET", "/documents/{id}/dissemination-report") => vec![
            case(Scope::In, ApiHow::Get("?org=QN.DH.QT"), allow(reads_members, OK)),
            case(Scope::In, ApiHow::Get("?org=QN.DH.QT&format=docx"), allow(reads_members, OK)),
            case(Scope::In, ApiHow::Get("?org=QN.TY.DN"), Expect::Refused),
            case(Scope::Out, ApiHow::Get("?org=QN.DH.QT"), Expect::Refused),
        ],
        ("POST", "/documents/{id}/arrivals") => {
            // A day before the document was issued.
            let body = r#"{"org": "QN.DH.QT", "arrived_on": "2024-01-01", "sender": "Văn phòng Tỉnh ủy"}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("POST", "/documents/{id}/forwards") => {
            let body = r#"{"from": "QN.DH.QT", "to": ["QN.DH.QT.CB01"], "on": "2024-01-01"}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("POST", "/documents/forwards/{id}/receipt") => {
            vec![case(Scope::In, ApiHow::Bytes("", "application/json", b""), Expect::Refused)]
        }
        ("GET", "/orgs/{code}/documents/inbox") => {
            vec![case(Scope::In, get.clone(), allow(writes, OK)), case(Scope::Out, get, Expect::Refused)]
        }
        ("GET", "/orgs/{code}/documents/incoming") => {
            vec![case(Scope::In, get.clone(), allow(reads_members, OK)), case(Scope::Out, get, Expect::Refused)]
        }
        ("POST", "/documents/{id}/links") => {
            // The other document is the secret one: nobody may see it exists.
            let body = r#"{"kind": "guided_by", "number": "12-KH/TU", "issued_on": "2024-07-23"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, Expect::Status(StatusCode::UNPROCESSABLE_ENTITY))),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("POST", "/documents/{id}/files") => {
            let file = ApiHow::Bytes("?name=bien-ban.pdf", "application/pdf", b"%PDF-1.7 matrix");
            vec![case(Scope::In, file.clone(), allow(writes, CREATED)), case(Scope::Out, file, Expect::Refused)]
        }
        ("POST", "/documents/{id}/disseminations") => {
            let body = r#"{"holder": "{code}", "held_on": "2024-12-01", "title": "Hội nghị thử {n}",
                           "attendees": ["10000002"]}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, CREATED)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // dissemination
        ("GET", "/orgs/{code}/disseminations") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Out, get, Expect::Refused),
        ],
        ("GET", "/disseminations/{id}") => {
            // Issue 14 §8: the member attended the conference inside.
            let reads = reads_members || role == Some(Member);
            vec![case(Scope::In, get.clone(), allow(reads, OK)), case(Scope::Out, get, Expect::Refused)]
        }
        ("POST", "/disseminations/{id}/attendance") => {
            let body = r#"{"members": ["10000001"]}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, OK)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // tasks
        ("POST", "/tasks") => {
            let body = r#"{"document": {doc}, "title": "Nhiệm vụ API {n}", "org": "{code}", "deadline": "2026-12-31"}"#;
            // T-6: a task of the secret document is refused to everyone here.
            let secret = r#"{"document": {secret_doc}, "title": "Nhiệm vụ API {n}", "org": "{code}"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, CREATED)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
                case(Scope::In, ApiHow::Json(secret), Expect::Refused),
            ]
        }
        ("GET", "/tasks/{id}") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::OfSecretDocument, get.clone(), allow(reads_members, OK)),
            case(Scope::ChildOfSecret, get, OK),
        ],
        ("POST", "/tasks/{id}/cascade") => {
            // A cell of each caller's own: a cell given the task once is
            // refused a second sub-task (T-2).
            let body = match role {
                Some(Admin) => r#"{"orgs": ["QN.DH.QT.CB01"]}"#,
                _ => r#"{"orgs": ["QN.DH.QT.CB02"]}"#,
            };
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, CREATED)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("POST", "/tasks/{id}/events") => {
            let body = r#"{"kind": "progress", "progress": 10}"#;
            let inspection = r#"{"kind": "inspection", "by": "UBKT", "findings": ["Chậm"]}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, CREATED)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
                // Who may record an inspection: an inspection commission or an administrator.
                case(Scope::In, ApiHow::Json(inspection), allow(matches!(role, Some(Admin | Inspection)), CREATED)),
            ]
        }
        ("POST", "/tasks/{id}/receipt") => vec![
            case(Scope::In, ApiHow::Bytes("", "application/json", b""), allow(writes, OK)),
            case(Scope::Out, ApiHow::Bytes("", "application/json", b""), Expect::Refused),
        ],
        ("POST", "/tasks/{id}/targets") => {
            let body = r#"{"name": "Chỉ tiêu API {n}", "baseline": 0, "target": 2, "direction": "higher"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, CREATED)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("POST", "/tasks/{id}/targets/{target}/readings") => {
            let body = r#"{"value": 70}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, CREATED)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/tracking") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Out, get, Expect::Refused),
            // T-6: the dashboard of a document the reader is not cleared for.
            case(Scope::In, ApiHow::Get("?document={secret_doc}"), Expect::Refused),
            case(Scope::Cell, ApiHow::Get("?document={secret_doc}"), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/tracking/report") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Out, get, Expect::Refused),
            case(Scope::In, ApiHow::Get("?format=pdf&period=annual&date=2025-08-01"), allow(reads_members, OK)),
            case(Scope::Cell, ApiHow::Get("?format=pdf&period=annual&date=2025-08-01"), OK),
            case(Scope::In, ApiHow::Get("?format=xlsx&period=annual&date=2025-08-01"), allow(reads_members, OK)),
            case(Scope::Out, ApiHow::Get("?format=xlsx"), Expect::Refused),
            // T-6: the report of a document the reader is not cleared for.
            case(Scope::In, ApiHow::Get("?document={secret_doc}"), Expect::Refused),
            case(Scope::In, ApiHow::Get("?format=pdf&document={secret_doc}"), Expect::Refused),
            case(Scope::Cell, ApiHow::Get("?document={secret_doc}"), Expect::Refused),
            // T-6: the number of a registered document the reader is not cleared for.
            case(Scope::In, ApiHow::Get("?format=pdf&registered={secret_doc}"), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/tracking/task-list") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::In, ApiHow::Get("?format=docx"), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Out, get, Expect::Refused),
            // T-6: the list of a document the reader is not cleared for.
            case(Scope::In, ApiHow::Get("?document={secret_doc}"), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/tracking/report/register") => {
            // Each registers the next report number of the register.
            let body = r#"{"period": "annual"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, CREATED)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/tracking/tasks-file") => vec![
            case(Scope::In, get.clone(), allow(writes, OK)),
            case(Scope::Cell, ApiHow::Get("?format=csv"), allow(writes, OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::Out, ApiHow::Get("?format=csv"), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/tracking/tasks-file") => {
            // A task of the open document given to the commune inside (the
            // tasks file of the page's matrix), checked (dry run) and written.
            let check = ApiHow::Bytes("?name=nhiem-vu.csv&dry_run=true", "text/csv", MATRIX_TASK_FILE);
            let write = ApiHow::Bytes("?name=nhiem-vu.csv", "text/csv", MATRIX_TASK_FILE);
            vec![
                case(Scope::In, check.clone(), allow(writes, OK)),
                case(Scope::In, write, allow(writes, OK)),
                case(Scope::Out, check, Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/tracking/settings") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Out, get, Expect::Refused),
        ],
        // congresses (issue 15), as the pages
        ("GET", "/rounds" | "/rounds/{round}") => vec![case(Scope::None, get, OK)],
        ("POST", "/rounds") => {
            vec![case(Scope::None, ApiHow::Json(r#"{"code": "2030-{n}", "title": "Nhiệm kỳ sau"}"#), Expect::Refused)]
        }
        ("POST", "/rounds/{round}/answers") => {
            let body = |of| match of {
                "in" => {
                    r#"{"question": "pilot_cell", "scope": "organization", "of": "QN.DH.QT.CB01", "value": false,
                          "on": "2025-01-10", "why": "Hướng dẫn 06-HD/TU"}"#
                }
                _ => {
                    r#"{"question": "pilot_cell", "scope": "organization", "of": "QN.TY.DN.CB01", "value": false,
                        "on": "2025-01-10", "why": "Hướng dẫn 06-HD/TU"}"#
                }
            };
            vec![
                case(Scope::In, ApiHow::Json(body("in")), allow(writes, OK)),
                case(Scope::Out, ApiHow::Json(body("out")), Expect::Refused),
            ]
        }
        ("PUT", "/rounds/{round}/settings/{key}") => {
            let body = r#"{"value": 150, "source": "09-QĐ/TU", "on": "2025-01-10", "why": "Tỉnh quyết định"}"#;
            vec![case(Scope::None, ApiHow::Json(body), Expect::Refused)]
        }
        ("GET", "/orgs/{code}/congresses") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Out, get, Expect::Refused),
            case(Scope::In, ApiHow::Get("?round=1990-1995"), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congresses/report") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, ApiHow::Get("?format=docx"), OK),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congresses/plans-file") => vec![
            case(Scope::In, get.clone(), allow(writes, OK)),
            case(Scope::Cell, ApiHow::Get("?format=csv"), allow(writes, OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congresses/plans-file") => {
            // The cell's congress planned, checked without writing (the
            // other cases expect the cell without one).
            let check = ApiHow::Bytes("?name=ke-hoach.csv&dry_run=true", "text/csv", MATRIX_PLAN_FILE);
            vec![case(Scope::In, check.clone(), allow(writes, OK)), case(Scope::Out, check, Expect::Refused)]
        }
        // The roll file and a session's attendance file (issue 15), for the
        // congress's office: an empty roll file checked (dry run); no
        // session 99 (404); the cell has no congress (404).
        ("GET", "/orgs/{code}/congress/roll-file") => vec![
            case(Scope::In, get.clone(), allow(writes, OK)),
            case(Scope::In, ApiHow::Get("?format=csv"), allow(writes, OK)),
            case(Scope::Cell, get.clone(), Expect::Refused),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congress/roll-file") => {
            let check = ApiHow::Bytes("?name=danh-sach.csv&dry_run=true", "text/csv", MATRIX_ROLL_FILE);
            vec![case(Scope::In, check.clone(), allow(writes, OK)), case(Scope::Out, check, Expect::Refused)]
        }
        // The allocation file: the commune's own ex-officio row, checked
        // (dry run) against a total of 1 (C-DEL-1); the cell has no congress.
        ("GET", "/orgs/{code}/congress/allocation-file") => vec![
            case(Scope::In, get.clone(), allow(writes, OK)),
            case(Scope::In, ApiHow::Get("?format=csv"), allow(writes, OK)),
            case(Scope::Cell, get.clone(), Expect::Refused),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congress/allocation-file") => {
            let check = ApiHow::Bytes(
                "?name=phan-bo.csv&total=1&decision=12-QD&decided_on=2026-01-01&dry_run=true",
                "text/csv",
                MATRIX_ALLOCATION_FILE,
            );
            vec![case(Scope::In, check.clone(), allow(writes, OK)), case(Scope::Out, check, Expect::Refused)]
        }
        ("GET", "/orgs/{code}/congress/attendance-file") => vec![
            case(Scope::In, ApiHow::Get("?session=99"), allow(writes, Expect::Status(StatusCode::NOT_FOUND))),
            case(Scope::Out, ApiHow::Get("?session=1"), Expect::Refused),
        ],
        ("POST", "/orgs/{code}/congress/attendance-file") => {
            let check = ApiHow::Bytes("?session=99&name=diem-danh.csv&dry_run=true", "text/csv", MATRIX_ROLL_FILE);
            vec![
                case(Scope::In, check.clone(), allow(writes, Expect::Status(StatusCode::NOT_FOUND))),
                case(Scope::Out, check, Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/congress") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            // No congress planned for the cell.
            case(Scope::Cell, get.clone(), Expect::Status(StatusCode::NOT_FOUND)),
            case(Scope::Out, get, Expect::Refused),
        ],
        // C-PLAN-1: a commune's congress is not a cell's.
        ("PUT", "/orgs/{code}/congress") => {
            let body = r#"{"round": "2025-2030", "level": "cell", "kind": "delegate_congress", "contents": "full",
                           "planned": {"opening": "2025-08-20", "half_days": 4}}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // C-PLAN-5: held on a day to come.
        ("POST", "/orgs/{code}/congress/gates") => {
            let body = r#"{"round": "2025-2030", "gate": "held", "approved_by": "Đảng ủy xã", "on": "2999-01-01",
                           "reference": "01-BC/ĐU"}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // C-PLAN-1: by the office above; the cell's congress is not planned.
        ("POST", "/orgs/{code}/congress/date-approval") => {
            let body =
                r#"{"round": "2025-2030", "approved_by": "Đảng ủy xã", "on": "2025-08-01", "reference": "02-QĐ/ĐU"}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), Expect::Refused),
                case(Scope::Cell, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // C-DEL-5: by the office above; the cell's congress is not planned.
        ("POST", "/orgs/{code}/congress/kind-decision") => {
            let body = r#"{"round": "2025-2030", "kind": "delegate_congress", "approved_by": "Đảng ủy xã",
                           "on": "2025-08-01", "reference": "03-QĐ/ĐU"}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), Expect::Refused),
                case(Scope::Cell, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // C-DEL-10: the replacements, read by the congress's readers; a
        // card that is no member's is a 422 to the office.
        ("GET", "/orgs/{code}/congress/replacements") => {
            vec![case(Scope::In, get.clone(), allow(reads_members, OK)), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        ("POST", "/orgs/{code}/congress/replacements") => {
            let body = r#"{"round": "2025-2030", "absent": "10000001", "alternate": "10000002",
                           "decided_by": "Đoàn Chủ tịch", "reference": "Biên bản"}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // Issue 15 §7: a card not on the roll (C-DEL-7) is a 422 to the
        // congress's office; inspection may not check in (403).
        ("GET", "/orgs/{code}/committee") => {
            vec![case(Scope::In, get.clone(), allow(reads_members, OK)), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        ("GET", "/orgs/{code}/congress/roll") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::In, ApiHow::Get("?round=1990-1995"), Expect::Refused),
        ],
        // C-DEL-2: the congress's own organization does not elect to it;
        // a card that is no member's, in the body: 422 to the office.
        ("POST", "/orgs/{code}/congress/delegates" | "/orgs/{code}/congress/exclusions") => {
            let body = if path.ends_with("delegates") {
                r#"{"round": "2025-2030", "card": "10000001", "seat": "elected", "elected_by": "{code}"}"#
            } else {
                r#"{"round": "2025-2030", "card": "09999999", "case": "retiring", "effective": "2025-08-01",
                    "reference": "01-QĐ"}"#
            };
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("POST", "/orgs/{code}/congress/check-in") => {
            let body = r#"{"round": "2025-2030", "session": 1, "card": "10000001"}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // No session 99: a 422 to the office.
        ("POST", "/orgs/{code}/congress/absences") => {
            let body = r#"{"round": "2025-2030", "session": 99, "card": "10000001", "reason": "Ốm"}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("POST", "/orgs/{code}/congress/sessions") => {
            let body = r#"{"round": "2025-2030", "name": "Phiên trù bị", "held_on": "2025-08-20"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, OK)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // Issue 15 §7: the credentials report and the delegate cards, for
        // the roll's readers; no one convened: no card (404).
        ("GET", "/orgs/{code}/congress/credentials") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::In, ApiHow::Get("?format=docx"), allow(reads_members, OK)),
            case(Scope::In, ApiHow::Get("?format=xls"), Expect::Status(StatusCode::BAD_REQUEST)),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::In, ApiHow::Get("?round=1990-1995"), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/cards") => vec![
            case(Scope::In, get.clone(), allow(reads_members, Expect::Status(StatusCode::NOT_FOUND))),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        // R-BASE-2: read by the congress's readers; no session 99.
        ("GET", "/orgs/{code}/congress/base") => vec![
            case(Scope::In, ApiHow::Get("?session=99"), allow(reads_members, Expect::Status(StatusCode::NOT_FOUND))),
            case(Scope::Out, ApiHow::Get("?session=99"), Expect::Refused),
        ],
        // C-PER-10: by the office above (the commune's for its cell): a card
        // that is no member's is a 422, a seat that is not one a 404.
        ("GET", "/orgs/{code}/committee/history") => {
            vec![case(Scope::In, get.clone(), allow(reads_members, OK)), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        ("POST", "/orgs/{code}/committee/seats") => {
            let body = r#"{"card": "09999999", "position": "member", "source": "election", "from": "2025-08-01",
                           "reference": "01-QĐ/ĐU"}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), Expect::Refused),
                case(Scope::Cell, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("POST", "/orgs/{code}/committee/seats/{id}/end") => {
            let body = r#"{"on": "2025-08-01", "reason": "Nghỉ hưu"}"#;
            let not_found = Expect::Status(StatusCode::NOT_FOUND);
            vec![
                case(Scope::In, ApiHow::Json(body), Expect::Refused),
                case(Scope::Cell, ApiHow::Json(body), allow(writes, not_found)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // C-DEL-1…8: read by the congress's readers (the proposal waits for
        // C-DEL-2's answer; the cell has no congress: 404); decided by the
        // congress's office: seats that do not add up are a 422 (C-DEL-1).
        ("GET", "/orgs/{code}/congress/allocation") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::In, ApiHow::Get("?round=1990-1995"), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/allocation/proposal") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), Expect::Status(StatusCode::NOT_FOUND)),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        ("PUT", "/orgs/{code}/congress/allocation") => {
            let body = r#"{"round": "2025-2030", "total": 3, "decision": "01-QĐ/ĐU", "decided_on": "2025-08-01",
                           "rows": []}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // Issue 15 §8: read by the congress's readers; the office's writes
        // refused (no title; no item 99 in the path, 404; a card that is
        // no member's; more hands than present, R-BODY-2).
        // Issue 16 §5: the floor votes, read by the congress's readers and
        // run by its office; the writes are refused in words (not a card
        // number; nothing to vote on; not a declaration) or name no vote
        // (99, 404); turning them on answers the same once and again.
        ("GET", "/orgs/{code}/congress/floor") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::In, ApiHow::Get("?round=1990-1995"), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/floor/votes/{vote}") => vec![
            case(Scope::In, get.clone(), allow(reads_members, Expect::Status(StatusCode::NOT_FOUND))),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/floor"
            | "/orgs/{code}/congress/floor/pins"
            | "/orgs/{code}/congress/floor/votes"
            | "/orgs/{code}/congress/floor/votes/{vote}/close"
            | "/orgs/{code}/congress/floor/votes/{vote}/declaration",
        ) => {
            let (body, status) = if path.ends_with("/floor") {
                (r#"{"round": "2025-2030"}"#, StatusCode::OK)
            } else if path.ends_with("/pins") {
                (r#"{"round": "2025-2030", "card": "not a card"}"#, StatusCode::UNPROCESSABLE_ENTITY)
            } else if path.ends_with("/votes") {
                (r#"{"round": "2025-2030"}"#, StatusCode::UNPROCESSABLE_ENTITY)
            } else if path.ends_with("/close") {
                (r#"{"round": "2025-2030"}"#, StatusCode::NOT_FOUND)
            } else {
                (r#"{"round": "2025-2030", "declared": "maybe"}"#, StatusCode::UNPROCESSABLE_ENTITY)
            };
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, Expect::Status(status))),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // A delegate's operations: a user's token is no delegate's pass;
        // the sign-in with a wrong PIN is refused to everyone.
        ("POST", "/floor/{congress}/sign-in") => vec![case(
            Scope::None,
            ApiHow::Json(r#"{"card": "10000001", "pin": "000000"}"#),
            Expect::Status(StatusCode::UNAUTHORIZED),
        )],
        ("GET", "/floor/{congress}") => vec![case(Scope::None, get.clone(), Expect::Status(StatusCode::UNAUTHORIZED))],
        ("POST", "/floor/{congress}/ballot") => vec![case(
            Scope::None,
            ApiHow::Json(r#"{"vote": 1, "choice": "for"}"#),
            Expect::Status(StatusCode::UNAUTHORIZED),
        )],
        ("GET", "/orgs/{code}/congress/agenda") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::In, ApiHow::Get("?round=1990-1995"), Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/agenda/items"
            | "/orgs/{code}/congress/agenda/items/{item}"
            | "/orgs/{code}/congress/agenda/items/{item}/move"
            | "/orgs/{code}/congress/agenda/items/{item}/remove"
            | "/orgs/{code}/congress/agenda/bodies/{body}/members"
            | "/orgs/{code}/congress/agenda/votes",
        ) => {
            let (body, status) = if path.ends_with("/items") {
                (r#"{"round": "2025-2030", "session": "official", "title": ""}"#, StatusCode::UNPROCESSABLE_ENTITY)
            } else if path.ends_with("{item}") {
                (r#"{"round": "2025-2030", "done": true}"#, StatusCode::NOT_FOUND)
            } else if path.ends_with("/move") {
                (r#"{"round": "2025-2030", "to": "later"}"#, StatusCode::NOT_FOUND)
            } else if path.ends_with("/remove") {
                (r#"{"round": "2025-2030"}"#, StatusCode::NOT_FOUND)
            } else if path.ends_with("members") {
                (r#"{"round": "2025-2030", "card": "10000001"}"#, StatusCode::UNPROCESSABLE_ENTITY)
            } else {
                (
                    r#"{"round": "2025-2030", "body": "presidium", "for": 5, "against": 0, "abstaining": 0,
                        "present": 1, "declared": "adopted"}"#,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
            };
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, Expect::Status(status))),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // Issue 16: as the pages; the office's writes refused in words
        // (the list is adopted; no such account; more ballots than present;
        // no counted round to decide on); the board's for nobody here.
        ("GET", "/orgs/{code}/congress/elections" | "/orgs/{code}/congress/elections/{election}") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::In, ApiHow::Get("?round=1990-1995"), Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/elections"
            | "/orgs/{code}/congress/elections/{election}/candidates"
            | "/orgs/{code}/congress/elections/{election}/withdrawals"
            | "/orgs/{code}/congress/elections/{election}/opinion"
            | "/orgs/{code}/congress/elections/{election}/adoption"
            | "/orgs/{code}/congress/elections/{election}/staff"
            | "/orgs/{code}/congress/elections/{election}/ballots-issued"
            | "/orgs/{code}/congress/elections/{election}/decisions",
        ) => {
            let body = if path.ends_with("/elections") {
                r#"{"round": "2025-2030", "body": "committee", "seats": 0, "title": "Bầu"}"#
            } else if path.ends_with("candidates") {
                r#"{"round": "2025-2030", "name": "Hà Văn Năm"}"#
            } else if path.ends_with("withdrawals") {
                r#"{"round": "2025-2030", "position": 1, "decided_by": "Đại hội", "reason": "Sức khỏe"}"#
            } else if path.ends_with("opinion") {
                r#"{"round": "2025-2030", "votes": [{"position": 1, "votes": 3}]}"#
            } else if path.ends_with("adoption") {
                r#"{"round": "2025-2030"}"#
            } else if path.ends_with("staff") {
                r#"{"round": "2025-2030", "login": "nobody.here", "duty": "entry_1"}"#
            } else if path.ends_with("ballots-issued") {
                r#"{"round": "2025-2030", "ballots": 5, "session": 1}"#
            } else {
                r#"{"round": "2025-2030", "on_round": 1, "point": "tie_at_cutoff", "action": "no_further_round",
                    "decided_by": "Đoàn Chủ tịch", "at": "20/08/2025 16:00"}"#
            };
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        (
            "GET",
            "/orgs/{code}/congress/elections/{election}/rounds/{number}/entries"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/ledger",
        ) => vec![case(Scope::In, get.clone(), Expect::Refused), case(Scope::Out, get.clone(), Expect::Refused)],
        (
            "POST",
            "/orgs/{code}/congress/elections/{election}/rounds/{number}/entries"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/settlements"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/rulings"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/close",
        ) => {
            let body = if path.ends_with("entries") || path.ends_with("settlements") {
                r#"{"round": "2025-2030", "ballot": 1, "struck": [1]}"#
            } else if path.ends_with("rulings") {
                r#"{"round": "2025-2030", "ballot": 1, "valid": true, "reason": "Mực nhòe"}"#
            } else {
                r#"{"round": "2025-2030"}"#
            };
            vec![
                case(Scope::In, ApiHow::Json(body), Expect::Refused),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // Issue 16: as the pages; no count is closed here (422).
        (
            "GET",
            "/orgs/{code}/congress/elections/{election}/minutes"
            | "/orgs/{code}/congress/elections/{election}/election.toml"
            | "/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots.csv",
        ) => vec![
            case(Scope::In, get.clone(), allow(reads_members, Expect::Status(StatusCode::UNPROCESSABLE_ENTITY))),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots.pdf") => {
            vec![case(Scope::In, get.clone(), allow(reads_members, OK)), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        ("POST", "/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots-file") => {
            let file = ApiHow::Bytes("?name=phieu.csv", "text/csv", b"ballot,A,B,flags\n1,x,,\n");
            vec![case(Scope::In, file.clone(), Expect::Refused), case(Scope::Out, file, Expect::Refused)]
        }
        // Issue 16 §4: as the pages; the office's writes refused in words
        // (a complaint received after today; no complaint 99, 404; no
        // ballots issued; not sealed), the planned secretary recorded (the
        // same answer once and again); the approval and the direction are
        // the office above's (nobody here).
        ("GET", "/orgs/{code}/congress/elections/{election}/after" | "/orgs/{code}/congress/planned-leaders") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::In, ApiHow::Get("?round=1990-1995"), Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/elections/{election}/after/complaints"
            | "/orgs/{code}/congress/elections/{election}/after/complaints/{complaint}/settled"
            | "/orgs/{code}/congress/elections/{election}/after/sealing"
            | "/orgs/{code}/congress/elections/{election}/after/destruction"
            | "/orgs/{code}/congress/planned-leaders",
        ) => {
            let (body, status) = if path.ends_with("/complaints") {
                (
                    r#"{"round": "2025-2030", "received_on": "2999-01-01", "from": "Một đảng viên", "summary": "Kiểm phiếu"}"#,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
            } else if path.ends_with("/settled") {
                (
                    r#"{"round": "2025-2030", "decided_by": "UBKT", "decided_on": "2025-09-01", "reference": "1-KL/UBKT"}"#,
                    StatusCode::NOT_FOUND,
                )
            } else if path.ends_with("/sealing") {
                (
                    r#"{"round": "2025-2030", "sealed_on": "2025-08-21", "held_by": "Văn phòng", "kept_at": "Tủ 2"}"#,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
            } else if path.ends_with("/destruction") {
                (
                    r#"{"round": "2025-2030", "decided_by": "BTV", "decided_on": "2025-09-01", "reference": "2-QĐ/ĐU"}"#,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
            } else {
                (r#"{"round": "2025-2030", "post": "secretary", "name": "Hà Văn Một"}"#, StatusCode::OK)
            };
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, Expect::Status(status))),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        (
            "POST",
            "/orgs/{code}/congress/elections/{election}/after/outcome"
            | "/orgs/{code}/congress/planned-leaders/direction",
        ) => {
            let body = if path.ends_with("/outcome") {
                r#"{"round": "2025-2030", "outcome": "approved", "decided_by": "BTV Huyện ủy",
                    "decided_on": "2025-09-01", "reference": "1-QĐ/HU"}"#
            } else {
                r#"{"round": "2025-2030", "post": "secretary", "decided_by": "BTV Huyện ủy",
                    "decided_on": "2025-09-01", "reference": "1-CV/HU", "direction": "Giới thiệu lại"}"#
            };
            vec![
                case(Scope::In, ApiHow::Json(body), Expect::Refused),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // Issue 17: as the pages.
        (
            "GET",
            "/orgs/{code}/congress/documents"
            | "/orgs/{code}/congress/documents/{document}"
            | "/orgs/{code}/congress/documents/{document}/versions"
            | "/orgs/{code}/congress/documents/{document}/diff"
            | "/orgs/{code}/congress/documents/{document}/team"
            | "/orgs/{code}/congress/documents/{document}/comments"
            | "/orgs/{code}/congress/documents/{document}/sent",
        ) => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::In, ApiHow::Get("?round=1990-1995"), Expect::Refused),
        ],
        (
            "GET",
            "/orgs/{code}/congress/documents/{document}/report"
            | "/orgs/{code}/congress/documents/{document}/syntheses/{sender}"
            | "/orgs/{code}/congress/documents/{document}/syntheses/{sender}/report",
        ) => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::In, ApiHow::Get("?format=docx"), allow(reads_members, OK)),
            case(Scope::In, ApiHow::Get("?format=xlsx"), allow(reads_members, OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
            case(Scope::In, ApiHow::Get("?round=1990-1995"), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/received/{document}/report") => vec![
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Cell, ApiHow::Get("?format=xlsx"), OK),
            case(Scope::In, get.clone(), Expect::Refused),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        (
            "POST",
            "/orgs/{code}/congress/documents"
            | "/orgs/{code}/congress/documents/{document}/team"
            | "/orgs/{code}/congress/documents/{document}/sent"
            | "/orgs/{code}/congress/documents/{document}/synthesis",
        ) => {
            let body = if path.ends_with("/team") {
                r#"{"round": "2025-2030", "login": "nobody.here"}"#
            } else if path.ends_with("/sent") {
                r#"{"round": "2025-2030", "orgs": ["QN"], "sent_on": "2025-06-01"}"#
            } else if path.ends_with("/synthesis") {
                r#"{"round": "2025-2030", "sent_on": "2025-06-01"}"#
            } else {
                r#"{"round": "2025-2030", "kind": "political_report", "title": "Dự thảo thử",
                    "classification": "normal", "line_length": 10}"#
            };
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // A member's comment on a paragraph that does not exist: the office
        // is answered 422 (C-PLAN-7), others refused.
        ("POST", "/orgs/{code}/congress/documents/{document}/comments") => {
            let body = r#"{"round": "2025-2030", "anchor": {"kind": "paragraph", "id": 999}, "text": "Góp ý",
                           "person": "Nguyễn Văn A"}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        (
            "POST",
            "/orgs/{code}/congress/documents/{document}/versions"
            | "/orgs/{code}/congress/documents/{document}/comments/{comment}/disposition"
            | "/orgs/{code}/congress/documents/{document}/apply",
        ) => {
            let body = if path.ends_with("/versions") {
                r#"{"round": "2025-2030", "text": "Đoạn một."}"#
            } else {
                r#"{"round": "2025-2030", "disposition": "accepted"}"#
            };
            let body = if path.ends_with("/apply") { r#"{"round": "2025-2030"}"# } else { body };
            vec![
                case(Scope::In, ApiHow::Json(body), Expect::Refused),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("POST", "/orgs/{code}/congress/documents/{document}/versions/docx") => {
            let file = ApiHow::Bytes("?name=du-thao.docx", "application/octet-stream", b"not a docx");
            vec![case(Scope::In, file.clone(), Expect::Refused), case(Scope::Out, file, Expect::Refused)]
        }
        // Issue 17 item 6, as the pages: no resolution adopted yet (404 for
        // the readers); the adoption refused in words (not held, C-PLAN-7);
        // draft 1 is no review report.
        ("GET", "/orgs/{code}/congress/resolution") => {
            vec![case(Scope::In, get.clone(), Expect::Refused), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        ("POST", "/orgs/{code}/congress/resolution") => {
            let body = r#"{"round": "2025-2030", "items": [{"kind": "task", "paragraph": 1, "title": "Nhiệm vụ"}]}"#;
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/congress/documents/{document}/review") => {
            vec![case(Scope::In, get.clone(), Expect::Refused), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        ("POST", "/orgs/{code}/congress/documents/{document}/review") => {
            let body = r#"{"round": "2025-2030", "on": "2025-06-01"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), Expect::Refused),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/orgs/{code}/congress/received") => vec![
            case(Scope::In, get.clone(), allow(reads_members, OK)),
            case(Scope::Cell, get.clone(), OK),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        ("GET", "/orgs/{code}/congress/received/{document}" | "/orgs/{code}/congress/received/{document}/comments") => {
            vec![
                case(Scope::Cell, get.clone(), OK),
                case(Scope::In, get.clone(), Expect::Refused),
                case(Scope::Out, get.clone(), Expect::Refused),
            ]
        }
        (
            "POST",
            "/orgs/{code}/congress/received/{document}/comments"
            | "/orgs/{code}/congress/received/{document}/synthesis",
        ) => {
            let body = if path.ends_with("/comments") {
                r#"{"anchor": {"kind": "paragraph", "id": 999}, "text": "Góp ý"}"#
            } else {
                r#"{"sent_on": "2000-01-01"}"#
            };
            let unprocessable = Expect::Status(StatusCode::UNPROCESSABLE_ENTITY);
            vec![
                case(Scope::Cell, ApiHow::Json(body), allow(writes, unprocessable)),
                case(Scope::In, ApiHow::Json(body), Expect::Refused),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // Issue 18: cases are read by those who read members (within
        // their clearance: nobody here is cleared, so the confidential case
        // is refused to all) and handled by those who write; each write
        // here is refused in words (a blank summary, 400; no such account; not an
        // organization of the tree, P-5; not accepted yet, P-1). The
        // denouncer's identity (P-7) is for a reader cleared for secret:
        // nobody here.
        (
            "GET",
            "/orgs/{code}/petitions"
            | "/orgs/{code}/petitions/overdue"
            | "/orgs/{code}/petitions/statistics"
            | "/orgs/{code}/petitions/report",
        ) => {
            vec![case(Scope::In, get.clone(), allow(reads_members, OK)), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        ("POST", "/orgs/{code}/petitions") => {
            let body = r#"{"kind": "petition", "channel": "letter", "received": "2025-11-03", "summary": " "}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, Expect::Status(StatusCode::BAD_REQUEST))),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/petitions/{case}") => {
            vec![case(Scope::In, get.clone(), allow(reads_members, OK)), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        ("POST", "/petitions/{case}/identity") => {
            let body = r#"{"purpose": "ma trận"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), Expect::Refused),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/petitions/{case}/identity-readings") => vec![
            case(Scope::In, get.clone(), allow(matches!(role, Some(Admin | Inspection)), OK)),
            case(Scope::Out, get.clone(), Expect::Refused),
        ],
        ("POST", "/petitions/{case}/assign" | "/petitions/{case}/route" | "/petitions/{case}/events") => {
            let (body, status) = if path.ends_with("/assign") {
                (r#"{"verifier": "nobody.here"}"#, StatusCode::NOT_FOUND)
            } else if path.ends_with("/route") {
                (r#"{"to": "QN.XX.YY"}"#, StatusCode::UNPROCESSABLE_ENTITY)
            } else {
                (r#"{"step": "notify", "on": "2025-11-05"}"#, StatusCode::UNPROCESSABLE_ENTITY)
            };
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, Expect::Status(status))),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/petition-clocks") => vec![case(Scope::None, get.clone(), OK)],
        ("GET", "/petition-due") => {
            vec![case(Scope::None, ApiHow::Get("?clock=denunciation_settlement&received=2025-11-03"), OK)]
        }
        (
            "POST",
            "/petition-clocks/rules"
            | "/petition-clocks/rules/{id}/end"
            | "/petition-clocks/days"
            | "/petition-clocks/days/{date}/remove"
            | "/petition-clocks/years",
        ) => {
            let body = match path {
                "/petition-clocks/rules" => {
                    r#"{"clock": "petition_answer", "amount": 15, "unit": "days", "valid_from": "2026-07-01", "source": "Luật"}"#
                }
                "/petition-clocks/rules/{id}/end" => r#"{"last_day": "2026-06-30"}"#,
                "/petition-clocks/days" => r#"{"date": "2027-02-08", "kind": "holiday", "name": "Tết"}"#,
                "/petition-clocks/years" => r#"{"year": 2027, "why": "Thông báo"}"#,
                _ => "",
            };
            let send = if body.is_empty() { ApiHow::Get("") } else { ApiHow::Json(body) };
            vec![case(Scope::None, send, Expect::Refused)]
        }
        // P-9: the calendar, its sessions and the compliance are read by
        // whoever sees the organization; each write is refused in words: a
        // blank host or matter or a note on two lines (TEXT-1, 400), a
        // session that received a visit cancelled and a letter brought to
        // a session (P-9, 422).
        (
            "GET",
            "/orgs/{code}/reception-sessions"
            | "/orgs/{code}/reception-compliance"
            | "/orgs/{code}/reception-report"
            | "/reception-sessions/{id}",
        ) => {
            vec![case(Scope::In, get.clone(), allow(reads_members, OK)), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        (
            "POST",
            "/orgs/{code}/reception-sessions"
            | "/reception-sessions/{id}/held"
            | "/reception-sessions/{id}/cancel"
            | "/reception-sessions/{id}/visits"
            | "/reception-sessions/{id}/filings",
        ) => {
            let (body, status) = match path {
                "/orgs/{code}/reception-sessions" => {
                    (r#"{"day": "2025-11-20", "host": " ", "place": "Trụ sở"}"#, StatusCode::BAD_REQUEST)
                }
                "/reception-sessions/{id}/held" => (r#"{"note": "hai\ndòng"}"#, StatusCode::BAD_REQUEST),
                "/reception-sessions/{id}/cancel" => (r#"{"why": "Nhầm"}"#, StatusCode::UNPROCESSABLE_ENTITY),
                "/reception-sessions/{id}/visits" => {
                    (r#"{"people": 1, "matter": " ", "outcome": "guided"}"#, StatusCode::BAD_REQUEST)
                }
                _ => (
                    r#"{"people": 1, "filing": {"kind": "complaint", "channel": "letter", "received": "2025-11-10", "summary": "Khiếu nại"}}"#,
                    StatusCode::UNPROCESSABLE_ENTITY,
                ),
            };
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, Expect::Status(status))),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        // P-8: the cut-off of the congress inside: read with its cases, set
        // by those who handle them (a day that is not one: 422).
        ("GET", "/orgs/{code}/petitions/cutoff") => {
            vec![case(Scope::In, get.clone(), allow(reads_members, OK)), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        ("PUT", "/orgs/{code}/petitions/cutoff") => {
            let body = r#"{"cutoff": "2025-02-30"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(writes, Expect::Status(StatusCode::UNPROCESSABLE_ENTITY))),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        ("GET", "/members/{card}/petition-holds") => {
            vec![case(Scope::In, get.clone(), allow(reads_members, OK)), case(Scope::Out, get.clone(), Expect::Refused)]
        }
        ("PUT", "/orgs/{code}/tracking/settings") => {
            let body = r#"{"deadline_day": "by", "due_soon_days": 7, "unreported": "zero"}"#;
            vec![
                case(Scope::In, ApiHow::Json(body), allow(role == Some(Admin), OK)),
                case(Scope::Out, ApiHow::Json(body), Expect::Refused),
            ]
        }
        _ => return None,
    };
    let mut cases = with_secret_twins(path, cases);
    if who == Who::Anonymous {
        for c in &mut cases {
            c.expect = Expect::Status(StatusCode::UNAUTHORIZED);
        }
    }
    Some(cases)
}

/// Every operation of the OpenAPI document × every role bound inside the
/// commune QN.DH.QT × the objects inside and outside it and the T-6
/// secrets, with the fixtures of the page matrix: the status, the error
/// envelope, and no outside or secret text in any answer (JSON, a file, a
/// workbook, a PDF). Each operation is also requested with an unknown token
/// and, after each user's token is revoked, with it (401).
async fn every_api_operation_for_every_role_and_scope(db: Db) {
    let (app, ids, _) = setup(&db).await;
    let doc = serde_json::to_value(daihoi_web::openapi()).unwrap();
    let mut operations: Vec<(Method, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            operations.push((method.to_uppercase().parse().unwrap(), path.clone()));
        }
    }
    let (mut n, mut day) = (0, 1);
    let mut rows = Vec::new();
    let mut unknown = Vec::new();
    let mut c = app.anonymous();
    for who in WHOS {
        let token = match who {
            Who::Anonymous => None,
            Who::Signed(_) => Some(app.token(who.login()).await),
        };
        let secret = token.as_ref().map(|(_, s)| s.as_str()).unwrap_or("");
        for (method, path) in &operations {
            let Some(cases) = api_cases(method, path, who) else {
                unknown.push(format!("{method} {path}"));
                continue;
            };
            let mut first = true;
            for case in cases {
                n += 1;
                let uri = format!("/api/v1{}", fill(&path["/api/v1".len()..], case.scope, &ids, ids.other_token));
                let (page, bytes) =
                    send_api(&mut c, method, &uri, scope_code(case.scope), secret, &case.send, &ids, n, &mut day).await;
                let text = support::received_text(&page, &bytes);
                let mut problem = problem_of(&page, case.expect, &text, &ids);
                if problem.is_none() && !page.status.is_success() && !is_envelope(&page) {
                    problem = Some("not the error envelope".to_owned());
                }
                rows.push(Row {
                    route: format!("{method} {uri}"),
                    who: who.name(),
                    scope: case.scope,
                    status: page.status.as_u16(),
                    expected: case.expect.show(),
                    problem,
                });
                // An unknown token opens nothing.
                if first && token.is_some() {
                    let (page, _) = send_api(
                        &mut c,
                        method,
                        &uri,
                        scope_code(case.scope),
                        "dh_ffff",
                        &case.send,
                        &ids,
                        n,
                        &mut day,
                    )
                    .await;
                    let ok = page.status == StatusCode::UNAUTHORIZED && is_envelope(&page);
                    rows.push(Row {
                        route: format!("{method} {uri}"),
                        who: "unknown token",
                        scope: case.scope,
                        status: page.status.as_u16(),
                        expected: "401".into(),
                        problem: (!ok).then(|| "status".to_owned()),
                    });
                }
                first = false;
            }
        }
        // A revoked token opens nothing.
        if let Some((id, secret)) = &token {
            app.revoke_token(who.login(), *id).await;
            for (method, path) in &operations {
                let Some(case) = api_cases(method, path, who).and_then(|c| c.into_iter().next()) else { continue };
                let uri = format!("/api/v1{}", fill(&path["/api/v1".len()..], case.scope, &ids, ids.other_token));
                let (page, _) =
                    send_api(&mut c, method, &uri, scope_code(case.scope), secret, &case.send, &ids, n, &mut day).await;
                let ok = page.status == StatusCode::UNAUTHORIZED && is_envelope(&page);
                rows.push(Row {
                    route: format!("{method} {uri}"),
                    who: "revoked token",
                    scope: case.scope,
                    status: page.status.as_u16(),
                    expected: "401".into(),
                    problem: (!ok).then(|| "status".to_owned()),
                });
            }
        }
    }
    assert!(unknown.is_empty(), "API operations this test does not know how to fill: {unknown:?}");
    report(&rows);
    // Every operation was requested by everyone.
    for (method, path) in &operations {
        for who in WHOS {
            let prefix = format!("{method} {}", path.split('{').next().unwrap());
            assert!(
                rows.iter().any(|r| r.who == who.name() && r.route.starts_with(&prefix)),
                "{method} {path} not requested by {}",
                who.name()
            );
        }
    }
}

/// Whether an answer is the API's error envelope.
fn is_envelope(page: &Page) -> bool {
    let json = page.headers.get(header::CONTENT_TYPE).is_some_and(|v| v == "application/json");
    json && serde_json::from_str::<serde_json::Value>(&page.body)
        .is_ok_and(|v| v["error"]["code"].is_string() && v["error"]["message"].is_string())
}

/// Sends one API request of the matrix, its placeholders filled.
#[allow(clippy::too_many_arguments)]
async fn send_api(
    c: &mut support::Client,
    method: &Method,
    uri: &str,
    code: &str,
    token: &str,
    how: &ApiHow,
    ids: &Ids,
    n: usize,
    day: &mut u32,
) -> (Page, Vec<u8>) {
    let fill = |text: &str, day: u32| {
        text.replace("{code}", code)
            .replace("{n}", &n.to_string())
            .replace("{day}", &format!("{day:02}"))
            .replace("{doc}", &ids.open_doc.to_string())
            .replace("{secret_doc}", &ids.secrets.document.to_string())
    };
    let mut req = Request::builder().method(method.clone());
    if !token.is_empty() {
        req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let body = match how {
        ApiHow::Get(query) => {
            req = req.uri(format!("{uri}{}", fill(query, *day)));
            Body::empty()
        }
        ApiHow::Fresh(template) => {
            let fresh = format!("{code}.M{n}");
            let create = serde_json::json!({"code": fresh, "name": format!("Chi bộ tạm {n}"), "kind": "cell", "parent": code,
                                "valid_from": "2025-01-01"});
            let mut made = Request::builder()
                .method(Method::POST)
                .uri("/api/v1/orgs")
                .header(header::CONTENT_TYPE, "application/json");
            if !token.is_empty() {
                made = made.header(header::AUTHORIZATION, format!("Bearer {token}"));
            }
            c.send_raw(made, Body::from(create.to_string())).await;
            let uri = uri.replacen(&format!("/orgs/{code}/"), &format!("/orgs/{fresh}/"), 1);
            req = req.uri(uri).header(header::CONTENT_TYPE, "application/json");
            Body::from(fill(template, *day))
        }
        ApiHow::Json(template) => {
            if template.contains("{day}") {
                *day += 1;
            }
            let text = fill(template, *day);
            serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
            req = req.uri(uri).header(header::CONTENT_TYPE, "application/json");
            Body::from(text)
        }
        ApiHow::Bytes(query, content_type, bytes) => {
            req = req.uri(format!("{uri}{query}")).header(header::CONTENT_TYPE, *content_type);
            Body::from(*bytes)
        }
    };
    let (status, headers, bytes) = c.send_raw(req, body).await;
    let page = Page { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() };
    (page, bytes)
}

/// The organization a scope names.
fn scope_code(scope: Scope) -> &'static str {
    match scope {
        Scope::Cell => CELL,
        Scope::Out => OUTSIDE,
        _ => INSIDE,
    }
}

/// A request without cookies at all: every page but the sign-in page sends
/// to the sign-in page, and an unsafe request without a session is refused.
async fn no_session_at_all(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    for (method, path) in daihoi_web::page_routes().routes {
        let uri = path
            .replace("{code}", INSIDE)
            .replace("{id}", "1")
            .replace("{congress}", "1")
            .replace("{vote}", "1")
            .replace("{case}", "1")
            .replace("{date}", "2026-01-01");
        let mut c = app.anonymous();
        let page = c.send(Request::builder().method(method.clone()).uri(&uri), Body::empty()).await;
        let expected: &[StatusCode] = match (method.as_str(), path) {
            ("GET", "/login") => &[StatusCode::OK],
            // A delegate's sign-in form (issue 16 §5); without a pass the
            // rest of a delegate's pages answer 401.
            ("GET", "/floor/{congress}") => &[StatusCode::OK],
            ("GET", "/floor/{congress}/events" | "/floor/{congress}/votes/{vote}/receipts") => {
                &[StatusCode::UNAUTHORIZED]
            }
            ("GET", _) => &[StatusCode::SEE_OTHER],
            _ => &[StatusCode::FORBIDDEN],
        };
        assert!(expected.contains(&page.status), "{method} {uri}: {} {}", page.status, page.body);
    }
}

daihoi_test_support::engines!(
    every_route_for_every_role_and_scope,
    every_api_operation_for_every_role_and_scope,
    no_session_at_all
);
