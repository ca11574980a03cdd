//! In-process test client for the web crate (after crates.io's `TestApp`):
//! the real router over a real database, a cookie jar, the CSRF token of
//! the session, and users with roles.

#![allow(dead_code)]

use daihoi_test_support::fixtures::OperatorWrites;
use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use daihoi_core::{OrgCode, Role};
use daihoi_store::Db;
use daihoi_store::accounts::Login;
use daihoi_web::{AppState, router};
use tower::ServiceExt;

/// The password of every test account.
pub const PASSWORD: &str = "mật khẩu thử nghiệm";

pub struct TestApp {
    pub db: Db,
    router: Router,
}

/// A browser-like client: cookies and the CSRF token of its session.
pub struct Client {
    router: Router,
    cookies: BTreeMap<String, String>,
    pub csrf: String,
    /// Headers sent with every request (Accept-Language, …).
    pub headers: HeaderMap,
}

/// A response as tests look at it.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestApp {
    pub fn new(db: &Db) -> TestApp {
        TestApp { db: db.clone(), router: router(AppState::new(db.clone())) }
    }

    /// The application over `state` (made on `db`).
    pub fn with_state(db: &Db, state: AppState) -> TestApp {
        TestApp { db: db.clone(), router: router(state) }
    }

    /// The application behind a reverse proxy (`daihoi serve --behind-proxy`).
    pub fn behind_proxy(db: &Db) -> TestApp {
        TestApp { db: db.clone(), router: router(AppState::new(db.clone()).behind_proxy(true)) }
    }

    /// Creates `login` holding `role` over `org` (and more roles with [`TestApp::grant`]).
    pub async fn user(&self, login: &str, role: Role, org: &str) -> i64 {
        let u = self
            .db
            .operator()
            .accounts()
            .create_user(&Login::parse(login).unwrap(), login, PASSWORD, None, "test")
            .await
            .unwrap();
        self.grant(login, role, org).await;
        u.id
    }

    /// Creates `login` for the member with card number `card`, with the
    /// member role over their cell.
    pub async fn member_user(&self, login: &str, card: &str, cell: &str) -> i64 {
        let card = daihoi_core::members::CardNumber::parse(card).unwrap();
        let person = self.db.person_id_by_card(&card).await.unwrap().expect("member exists");
        let u = self
            .db
            .operator()
            .accounts()
            .create_user(&Login::parse(login).unwrap(), login, PASSWORD, Some((person, "test")), "test")
            .await
            .unwrap();
        self.grant(login, Role::Member, cell).await;
        u.id
    }

    pub async fn grant(&self, login: &str, role: Role, org: &str) {
        let u = self.db.user_by_login(login).await.unwrap().unwrap();
        self.db.operator().accounts().grant(&u, role, &OrgCode::parse(org).unwrap(), "test").await.unwrap();
    }

    pub fn anonymous(&self) -> Client {
        Client { router: self.router.clone(), cookies: BTreeMap::new(), csrf: String::new(), headers: HeaderMap::new() }
    }

    /// A client signed in as `login` (with [`PASSWORD`]).
    pub async fn signed_in(&self, login: &str) -> Client {
        let mut c = self.anonymous();
        let page = c.sign_in(login, PASSWORD).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "sign-in of {login} failed: {}", page.body);
        c
    }
}

/// The value of `<input type="hidden" name="csrf" value="…">` (or of the
/// `csrf=` in a form's action) in a page.
pub fn csrf_in(body: &str) -> Option<String> {
    let at = body
        .find("name=\"csrf\" value=\"")
        .map(|i| i + "name=\"csrf\" value=\"".len())
        .or_else(|| body.find("?csrf=").map(|i| i + 6))?;
    Some(body[at..].chars().take_while(|c| c.is_ascii_hexdigit()).collect())
}

impl Client {
    /// The same browser (cookies, token, headers) talking to `app`: another
    /// server on the same database.
    pub fn on(&self, app: &TestApp) -> Client {
        Client {
            router: app.router.clone(),
            cookies: self.cookies.clone(),
            csrf: self.csrf.clone(),
            headers: self.headers.clone(),
        }
    }

    /// The value of the cookie `name`, if the browser holds it.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    /// Puts a cookie in the jar (a cookie kept from before).
    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.to_owned(), value.to_owned());
    }

    pub async fn sign_in(&mut self, login: &str, password: &str) -> Page {
        let form = self.get("/login").await;
        assert_eq!(form.status, StatusCode::OK);
        self.csrf = csrf_in(&form.body).expect("the sign-in form has a CSRF token");
        let page = self.post_form("/login", &[("login", login), ("password", password), ("next", "/")]).await;
        if page.status == StatusCode::SEE_OTHER {
            // A new session: its token is on every page.
            let home = self.get("/account").await;
            self.csrf = csrf_in(&home.body).unwrap_or_default();
        }
        page
    }

    /// GET, as (status, body).
    pub async fn gs(&mut self, uri: &str) -> (StatusCode, String) {
        let p = self.get(uri).await;
        (p.status, p.body)
    }

    pub async fn get(&mut self, uri: &str) -> Page {
        self.send(Request::get(uri), Body::empty()).await
    }

    /// POSTs a URL-encoded form with the session's CSRF token added.
    pub async fn post_form(&mut self, uri: &str, fields: &[(&str, &str)]) -> Page {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        let csrf = self.csrf.clone();
        all.push(("csrf", &csrf));
        self.post_raw(uri, &serde_urlencoded::to_string(&all).unwrap()).await
    }

    /// POSTs a URL-encoded body as given (no token added).
    pub async fn post_raw(&mut self, uri: &str, body: &str) -> Page {
        let req = Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(req, Body::from(body.to_owned())).await
    }

    /// POSTs one file as `multipart/form-data` field `file`; the CSRF token
    /// goes first, as the field `csrf`, as the upload forms send it.
    pub async fn post_file(&mut self, uri: &str, file_name: &str, bytes: &[u8]) -> Page {
        let boundary = "daihoi-test-boundary";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n", self.csrf)
                .as_bytes(),
        );
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = Request::post(uri).header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
        self.send(req, Body::from(body)).await
    }

    /// POSTs `multipart/form-data` with text fields and at most one file
    /// (field `file`); the CSRF token first, as the field `csrf`, as the
    /// pages' own forms send it.
    #[allow(dead_code)]
    pub async fn post_multipart(
        &mut self,
        uri: &str,
        fields: &[(String, String)],
        file: Option<(&str, &[u8])>,
    ) -> Page {
        let boundary = "----daihoi-test-boundary";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n", self.csrf)
                .as_bytes(),
        );
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        if let Some((file_name, bytes)) = file {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let req = Request::post(uri).header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
        self.send(req, Body::from(body)).await
    }

    pub async fn send(&mut self, req: axum::http::request::Builder, body: Body) -> Page {
        let (status, headers, bytes) = self.send_raw(req, body).await;
        Page { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// A GET whose answer is a file (a report): the status and the bytes.
    #[allow(dead_code)]
    pub async fn get_bytes(&mut self, uri: &str) -> (StatusCode, Vec<u8>) {
        let (status, _, bytes) = self.send_raw(Request::get(uri), Body::empty()).await;
        (status, bytes)
    }

    pub async fn send_raw(
        &mut self,
        mut req: axum::http::request::Builder,
        body: Body,
    ) -> (StatusCode, HeaderMap, Vec<u8>) {
        for (k, v) in &self.headers {
            req = req.header(k, v);
        }
        if !self.cookies.is_empty() {
            let jar = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
            req = req.header(header::COOKIE, jar);
        }
        let response = self.router.clone().oneshot(req.body(body).unwrap()).await.unwrap();
        for c in response.headers().get_all(header::SET_COOKIE) {
            let text = c.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            if v.is_empty() || text.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, headers, body.to_vec())
    }
}

impl Client {
    /// A GET whose answer is a stream (server-sent events): the status and
    /// the body, not read yet.
    pub async fn open_stream(&mut self, uri: &str) -> (StatusCode, Body) {
        let mut req = Request::get(uri);
        for (k, v) in &self.headers {
            req = req.header(k, v);
        }
        if !self.cookies.is_empty() {
            let jar = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
            req = req.header(header::COOKIE, jar);
        }
        let response = self.router.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
        (response.status(), response.into_body())
    }

    /// POSTs a URL-encoded form as the clerk's page's script does: the
    /// session's CSRF token in `X-CSRF-Token`, `Accept: application/json`.
    pub async fn post_json_form(&mut self, uri: &str, fields: &[(&str, &str)]) -> Page {
        let req = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("x-csrf-token", self.csrf.clone());
        self.send(req, Body::from(serde_urlencoded::to_string(fields).unwrap())).await
    }
}

// The JSON API (api.rs and the features' api tests): bearer tokens instead of sessions.

impl TestApp {
    /// A new API token of `login`, as (token id, secret).
    pub async fn token(&self, login: &str) -> (i64, String) {
        let u = self.db.user_by_login(login).await.unwrap().unwrap();
        self.db.operator().accounts().create_api_token(&u, "test", "test").await.unwrap()
    }

    /// Revokes the token `id` of `login`.
    pub async fn revoke_token(&self, login: &str, id: i64) {
        let u = self.db.user_by_login(login).await.unwrap().unwrap();
        assert!(
            self.db
                .scoped(&self.db.viewer(u.clone()).await.unwrap())
                .accounts()
                .revoke_api_token(id, "test")
                .await
                .unwrap()
        );
    }
}

impl Client {
    /// An API request with `Authorization: Bearer <token>` (none when
    /// `token` is empty) and, if given, a JSON body.
    pub async fn api(
        &mut self,
        method: axum::http::Method,
        uri: &str,
        token: &str,
        json: Option<&serde_json::Value>,
    ) -> Page {
        let mut req = Request::builder().method(method).uri(uri);
        if !token.is_empty() {
            req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match json {
            Some(v) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        self.send(req, body).await
    }
}

impl Page {
    /// The body as JSON (panics with the body when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// The register's 28-NQ/TU of 26 September 2024 (the police force),
/// unclassified, in no organization's register: its id.
pub async fn resolution_28(db: &Db) -> i64 {
    db.register_document(&daihoi_store::documents::NewDocument {
        doc_type: "NQ",
        issuer: "TU",
        number: 28,
        number_text: "28",
        issued_on: time::macros::date!(2024 - 09 - 26),
        title: "Về xây dựng lực lượng Công an",
        summary: "",
        classification: daihoi_store::documents::Classification::Normal,
        org: None,
    })
    .await
    .unwrap()
    .id
}

impl Client {
    /// A GET as a page and the bytes of its body (a download).
    pub async fn get_with_bytes(&mut self, uri: &str) -> (Page, Vec<u8>) {
        let (status, headers, bytes) = self.send_raw(Request::get(uri), Body::empty()).await;
        (Page { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }, bytes)
    }
}

/// The location a redirect names.
pub fn location(page: &Page) -> String {
    page.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned()
}

/// Everything a reader receives in an answer, as text: the body as it is
/// (a page, a CSV, an attached file), and besides, for a workbook, its
/// cells (read with daihoi-sheets) and, when `unzip` is there, every XML
/// part of it as written (and so for a `.docx`); for a PDF, its text (with `pdftotext`, when there:
/// a note says the check was skipped, unless `DAIHOI_TEST_REQUIRE_TOOLS=1`).
pub fn received_text(page: &Page, bytes: &[u8]) -> String {
    let kind = page.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    // A PDF the application printed is read through pdftotext below: its
    // compressed streams, read as text, may hold any three letters by
    // chance (a marker such as `X7Q` was found in one). An attached file
    // is given as it was stored, and is read as it is.
    let printed_pdf = kind.starts_with("application/pdf") && bytes.starts_with(b"%PDF") && bytes.len() > 2_000;
    let mut text = if printed_pdf { String::new() } else { String::from_utf8_lossy(bytes).into_owned() };
    if kind.starts_with("application/vnd.openxmlformats-officedocument.wordprocessingml")
        && let Some(xml) = tool_output("unzip", &["-p"], bytes, "docx")
    {
        text.push_str(&xml);
    }
    if kind.starts_with("application/vnd.openxmlformats-officedocument.spreadsheetml") {
        let book = daihoi_sheets::read_bytes("answer.xlsx", daihoi_sheets::Format::Xlsx, bytes).expect("a workbook");
        for sheet in &book.sheets {
            text.push_str(&sheet.name);
            text.push('\n');
            for row in &sheet.rows {
                text.push_str(&row.join("\t"));
                text.push('\n');
            }
        }
        if let Some(xml) = tool_output("unzip", &["-p"], bytes, "xlsx") {
            text.push_str(&xml);
        }
    }
    // A PDF the application printed (an attached file is as it was given).
    if kind.starts_with("application/pdf")
        && let Some(words) = tool_output("pdftotext", &[], bytes, "pdf")
    {
        text.push_str(&words.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    text
}

/// What `tool ARGS FILE -` (pdftotext) or `tool ARGS FILE` (unzip) writes
/// for `bytes` saved as a file; `None` when the tool is not installed.
fn tool_output(tool: &str, args: &[&str], bytes: &[u8], ext: &str) -> Option<String> {
    use std::process::Command;
    if Command::new(tool).arg("-v").output().is_err() {
        assert!(std::env::var("DAIHOI_TEST_REQUIRE_TOOLS").as_deref() != Ok("1"), "{tool} not installed");
        eprintln!("note: {tool} not installed, its check skipped");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("answer.{ext}"));
    std::fs::write(&path, bytes).unwrap();
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(&path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap();
    // Not a PDF (an attached file named so): its bytes are read as they are.
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// T-6: classified objects made by a cleared office of `register` through
/// the pages (so that each has its audit entries), with the marks that
/// must never reach a reader who is not cleared. Every text of them carries
/// `X7Q`; the secret document is 8808-KH/ĐU of 17/03/2023.
#[derive(Debug, Default)]
pub struct Secrets {
    pub document: i64,
    pub file: i64,
    /// A secret task, from the secret document, with a target.
    pub task: i64,
    /// A secret conference that studied the secret document.
    pub conference: i64,
    /// An unclassified task of the secret document (its document must not show).
    pub open_task_of_secret_document: i64,
    /// A secret task with the external id `X7Q-MAT-01`, and an unclassified
    /// sub-task of it (its parent's external id must not show).
    pub secret_parent: i64,
    pub open_child: i64,
    /// Text that must not reach a reader who is not cleared (compared
    /// without case): the marks and the secret file's SHA-256.
    pub marks: Vec<String>,
}

/// The login of the cleared office that [`secrets`] makes.
pub const CLEARED: &str = "cleared.office";

/// Makes the [`Secrets`] in the register of `register` (a commune with
/// the cell `cell`, where the member with card `card` is enrolled), and
/// links them to the unclassified document `open_document` of that register.
pub async fn secrets(app: &TestApp, register: &str, cell: &str, card: &str, open_document: i64) -> Secrets {
    use daihoi_store::documents::Classification;
    let db = &app.db;
    let id = app.user(CLEARED, Role::Office, register).await;
    db.operator()
        .accounts()
        .set_clearance(&db.user_by_id(id).await.unwrap().unwrap(), Classification::Secret, "test")
        .await
        .unwrap();
    let mut c = app.signed_in(CLEARED).await;
    let id_in = |page: &Page, prefix: &str| -> i64 {
        let at = location(page);
        at.strip_prefix(prefix).and_then(|rest| rest.split(['#', '?']).next()).unwrap().parse().unwrap()
    };
    let doc = c
        .post_form(
            "/documents",
            &[
                ("register", register),
                ("number", "8808-KH/ĐU"),
                ("issued_on", "2023-03-17"),
                ("title", "Kế hoạch tối mật X7Q"),
                ("summary", "Tóm tắt X7Q"),
                ("classification", "secret"),
                ("confirm", "1"),
            ],
        )
        .await;
    assert_eq!(doc.status, StatusCode::SEE_OTHER, "{}", doc.body);
    let document = id_in(&doc, "/documents/");
    let attached = c.post_file(&format!("/documents/{document}/files"), "bi-mat-x7q.pdf", b"%PDF-1.7 X7Q").await;
    assert_eq!(attached.status, StatusCode::SEE_OTHER, "{}", attached.body);
    let files = db.document_files(document).await.unwrap();
    let linked = c
        .post_form(
            &format!("/documents/{open_document}/links"),
            &[("kind", "guided_by"), ("number", "8808-KH/ĐU"), ("issued_on", "2023-03-17")],
        )
        .await;
    assert_eq!(linked.status, StatusCode::SEE_OTHER, "{}", linked.body);
    let doc_field = document.to_string();
    let task = c
        .post_form(
            "/tasks",
            &[
                ("document", doc_field.as_str()),
                ("title", "Nhiệm vụ tối mật X7Q"),
                ("clause", "Mục X7Q"),
                ("org", register),
                ("deadline", "2025-09-30"),
                ("classification", "secret"),
            ],
        )
        .await;
    assert_eq!(task.status, StatusCode::SEE_OTHER, "{}", task.body);
    let task = id_in(&task, "/tasks/");
    let target = c
        .post_form(
            &format!("/tasks/{task}/targets"),
            &[
                ("name", "Chỉ tiêu tối mật X7Q"),
                ("unit", "đơn vị X7Q"),
                ("baseline", "0"),
                ("target", "5"),
                ("direction", "higher"),
            ],
        )
        .await;
    assert_eq!(target.status, StatusCode::SEE_OTHER, "{}", target.body);
    let report = c
        .post_form(
            &format!("/tasks/{task}/events"),
            &[("kind", "report"), ("period", "quarterly"), ("summary", "Báo cáo X7Q"), ("progress", "20")],
        )
        .await;
    assert_eq!(report.status, StatusCode::SEE_OTHER, "{}", report.body);
    let fields = [
        ("org", register),
        ("held_on", "2024-11-20"),
        ("title", "Hội nghị tối mật X7Q"),
        ("level", "Cấp X7Q"),
        ("notes", "Ghi chú X7Q"),
        ("members", card),
        ("orgs", ""),
    ];
    let fields: Vec<(String, String)> = fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    let conference = c.post_multipart(&format!("/documents/{document}/disseminations"), &fields, None).await;
    assert_eq!(conference.status, StatusCode::SEE_OTHER, "{}", conference.body);
    let conference = id_in(&conference, "/disseminations/");

    // Made in the register directly: no page gives an unclassified task of
    // a secret document, or an unclassified sub-task of a secret task.
    let given = |document_id, title, org, parent, external_id, classification| daihoi_store::tasks::NewTask {
        document_id,
        clause: "",
        title,
        org,
        parent,
        weight: None,
        deadline: Some(time::macros::date!(2025 - 06 - 30)),
        external_id,
        classification,
        assigned_on: time::macros::date!(2025 - 01 - 02),
    };
    let (register_code, cell_code) = (OrgCode::parse(register).unwrap(), OrgCode::parse(cell).unwrap());
    let open_task_of_secret_document = db
        .create_task(&given(
            document,
            "Nhiệm vụ thường của văn bản mật",
            &register_code,
            None,
            None,
            Classification::Normal,
        ))
        .await
        .unwrap()
        .id;
    let secret_parent = db
        .create_task(&given(
            document,
            "Nhiệm vụ tối mật X7Q cấp trên",
            &register_code,
            None,
            Some("X7Q-MAT-01"),
            Classification::Secret,
        ))
        .await
        .unwrap()
        .id;
    let open_child = db
        .create_task(&given(
            open_document,
            "Nhiệm vụ con thường",
            &cell_code,
            Some(secret_parent),
            None,
            Classification::Normal,
        ))
        .await
        .unwrap()
        .id;
    let mut marks: Vec<String> =
        ["X7Q", "8808-KH", "17/03/2023", "2023-03-17"].iter().map(|m| (*m).to_owned()).collect();
    marks.extend(files.iter().map(|f| f.sha256.clone()));
    Secrets {
        document,
        file: files[0].id,
        task,
        conference,
        open_task_of_secret_document,
        secret_parent,
        open_child,
        marks,
    }
}

impl Secrets {
    /// The first mark `text` holds, compared without case.
    pub fn found_in(&self, text: &str) -> Option<&str> {
        let text = text.to_lowercase();
        self.marks.iter().find(|m| text.contains(&m.to_lowercase())).map(String::as_str)
    }
}
