//! In-process test client for the web crate (after crates.io's `TestApp`):
//! the real router over a real database, a cookie jar, the CSRF token of
//! the session, and users with roles.

#![allow(dead_code)]

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

    /// The application behind a reverse proxy (`daihoi serve --behind-proxy`).
    pub fn behind_proxy(db: &Db) -> TestApp {
        TestApp { db: db.clone(), router: router(AppState::new(db.clone()).behind_proxy(true)) }
    }

    /// Creates `login` holding `role` over `org` (and more roles with [`TestApp::grant`]).
    pub async fn user(&self, login: &str, role: Role, org: &str) -> i64 {
        let u = self.db.create_user(&Login::parse(login).unwrap(), login, PASSWORD, None).await.unwrap();
        self.grant(login, role, org).await;
        u.id
    }

    /// Creates `login` for the member with card number `card`, with the
    /// member role over their cell.
    pub async fn member_user(&self, login: &str, card: &str, cell: &str) -> i64 {
        let card = daihoi_core::members::CardNumber::parse(card).unwrap();
        let person = self.db.person_id_by_card(&card).await.unwrap().expect("member exists");
        let u = self.db.create_user(&Login::parse(login).unwrap(), login, PASSWORD, Some(person)).await.unwrap();
        self.grant(login, Role::Member, cell).await;
        u.id
    }

    pub async fn grant(&self, login: &str, role: Role, org: &str) {
        let u = self.db.user_by_login(login).await.unwrap().unwrap();
        self.db.grant(u.id, role, &OrgCode::parse(org).unwrap(), "test").await.unwrap();
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
    /// goes in the query, as the upload form does.
    pub async fn post_file(&mut self, uri: &str, file_name: &str, bytes: &[u8]) -> Page {
        let boundary = "daihoi-test-boundary";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let sep = if uri.contains('?') { '&' } else { '?' };
        let uri = format!("{uri}{sep}csrf={}", self.csrf);
        let req = Request::post(uri).header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
        self.send(req, Body::from(body)).await
    }

    /// POSTs `multipart/form-data` with text fields and at most one file
    /// (field `file`); the CSRF token goes in the query, as the pages' own
    /// forms send it.
    #[allow(dead_code)]
    pub async fn post_multipart(
        &mut self,
        uri: &str,
        fields: &[(String, String)],
        file: Option<(&str, &[u8])>,
    ) -> Page {
        let boundary = "----daihoi-test-boundary";
        let mut body = Vec::new();
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
        let sep = if uri.contains('?') { '&' } else { '?' };
        let uri = format!("{uri}{sep}csrf={}", self.csrf);
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

    async fn send_raw(
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

// The JSON API (tests/api.rs): bearer tokens instead of sessions.

impl TestApp {
    /// A new API token of `login`, as (token id, secret).
    pub async fn token(&self, login: &str) -> (i64, String) {
        let u = self.db.user_by_login(login).await.unwrap().unwrap();
        self.db.create_api_token(u.id, "test").await.unwrap()
    }

    /// Revokes the token `id` of `login`.
    pub async fn revoke_token(&self, login: &str, id: i64) {
        let u = self.db.user_by_login(login).await.unwrap().unwrap();
        assert!(self.db.revoke_api_token(u.id, id).await.unwrap());
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
