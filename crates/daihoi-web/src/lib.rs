//! The web server of daihoi.
//!
//! Architecture invariant: this is the only crate that knows HTTP and HTML.
//! Handlers are thin: read the request, ask the store through the caller's
//! scoped view ([`access`]), render a template. Pages work without
//! JavaScript and print cleanly; htmx (vendored) only shortens round trips.
//!
//! Modules: [`access`] (the app state, who is asking, sessions, CSRF,
//! security headers), `pages` by feature (`account`: sign-in, password,
//! language, API tokens; `orgs`: home, tree, organization; `members`: lists
//! and a member's page; `import`: member import with preview; `audit`: the
//! log), [`i18n`] (vi, en, fr), [`api`] (the JSON API under `/api/v1`
//! with bearer tokens, and its OpenAPI document).

pub mod access;
pub mod api;
mod download;
mod error;
pub mod i18n;
mod pages;

pub use pages::task_file::task_file_bytes;

use std::net::SocketAddr;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::{Method, header};
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, get, post};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub use access::AppState;
pub use api::openapi;
pub use error::WebError;

/// How long a session lives after signing in (or after its last change,
/// such as a change of language): a working day.
pub const SESSION_IDLE_HOURS: i64 = 8;

/// The routes of the application, as (method, path) pairs in the order
/// they are registered: the route × role × scope test walks this list.
#[derive(Default)]
pub struct RouteTable {
    pub routes: Vec<(Method, &'static str)>,
}

struct Routes {
    router: Router<AppState>,
    table: RouteTable,
}

impl Routes {
    fn add(mut self, method: Method, path: &'static str, route: MethodRouter<AppState>) -> Routes {
        self.table.routes.push((method, path));
        self.router = self.router.route(path, route);
        self
    }

    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Routes {
        self.add(Method::GET, path, get(h))
    }

    fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Routes {
        self.add(Method::POST, path, post(h))
    }
}

/// Every page route. GET and POST on one path are registered as one route.
fn pages() -> Routes {
    use pages::{account, audit, conferences, documents, import, members, orgs, task_file, tasks, tracking};
    let r = Routes { router: Router::new(), table: RouteTable::default() };
    let r = r
        .get("/", orgs::home)
        .get("/tree", orgs::tree)
        .get("/orgs/{code}", orgs::show)
        .get("/orgs/{code}/members", members::list)
        .get("/members/{id}", members::show)
        .get("/audit", audit::list)
        .get("/documents", documents::list)
        .get("/documents/new", documents::new_form)
        .post("/documents", documents::register)
        .get("/documents/{id}", documents::show)
        .post("/documents/{id}/links", documents::link)
        .get("/documents/files/{id}", documents::file)
        .get("/orgs/{code}/disseminations", conferences::list)
        .get("/disseminations/{id}", conferences::show)
        .get("/account", account::show)
        .post("/account/password", account::change_password)
        .post("/account/tokens", account::create_token)
        .post("/account/tokens/{id}/revoke", account::revoke_token)
        .post("/language", account::language)
        .post("/logout", account::logout)
        .post("/orgs/{code}/import/{id}", import::confirm)
        .get("/orgs/{code}/tracking", tracking::dashboard)
        .get("/orgs/{code}/tracking/report", tracking::report)
        .get("/tasks/new", tasks::new_form)
        .post("/tasks", tasks::create)
        .get("/tasks/{id}", tasks::show)
        .post("/tasks/{id}/cascade", tasks::cascade)
        .post("/tasks/{id}/targets", tasks::add_target)
        .get("/orgs/{code}/tracking/tasks-file/download", task_file::download)
        .post("/orgs/{code}/tracking/tasks-file/{id}", task_file::confirm)
        .post("/tasks/{id}/events", tasks::record)
        .post("/tasks/{id}/targets/{target}/readings", tasks::reading);
    // Paths with two methods: one registration each, both in the table.
    let mut r = r;
    r.table.routes.push((Method::GET, "/login"));
    r.table.routes.push((Method::POST, "/login"));
    r.router = r.router.route("/login", get(account::login_form).post(account::login));
    r.table.routes.push((Method::GET, "/orgs/{code}/import"));
    r.table.routes.push((Method::POST, "/orgs/{code}/import"));
    r.router = r.router.route(
        "/orgs/{code}/import",
        get(import::form).post(import::upload.layer(DefaultBodyLimit::max(import::MAX_UPLOAD_BYTES))),
    );
    r.table.routes.push((Method::POST, "/documents/{id}/files"));
    r.router = r.router.route(
        "/documents/{id}/files",
        post(documents::attach.layer(DefaultBodyLimit::max(documents::MAX_FILE_BYTES))),
    );
    r.table.routes.push((Method::POST, "/documents/{id}/disseminations"));
    r.router = r.router.route(
        "/documents/{id}/disseminations",
        post(documents::disseminate.layer(DefaultBodyLimit::max(import::MAX_UPLOAD_BYTES))),
    );
    r.table.routes.push((Method::POST, "/disseminations/{id}/attendance"));
    r.router = r.router.route(
        "/disseminations/{id}/attendance",
        post(conferences::add_attendance.layer(DefaultBodyLimit::max(import::MAX_UPLOAD_BYTES))),
    );
    r.table.routes.push((Method::GET, "/orgs/{code}/tracking/tasks-file"));
    r.table.routes.push((Method::POST, "/orgs/{code}/tracking/tasks-file"));
    r.router = r.router.route(
        "/orgs/{code}/tracking/tasks-file",
        get(task_file::page).post(task_file::upload.layer(DefaultBodyLimit::max(task_file::MAX_UPLOAD_BYTES))),
    );
    r.table.routes.push((Method::GET, "/orgs/{code}/tracking/settings"));
    r.table.routes.push((Method::POST, "/orgs/{code}/tracking/settings"));
    r.router = r.router.route("/orgs/{code}/tracking/settings", get(tasks::settings).post(tasks::save_settings));
    r
}

/// The (method, path) of every page route.
pub fn page_routes() -> RouteTable {
    pages().table
}

/// The application's routes with sessions, CSRF checks, languages and
/// security headers.
pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(state.session_store())
        .with_name(access::SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.secure_cookies)
        .with_expiry(Expiry::OnInactivity(state.session_idle));
    pages()
        .router
        .route("/static/daihoi.css", get(stylesheet))
        .route("/static/htmx.min.js", get(htmx))
        .merge(api::router())
        .fallback(not_found)
        .layer(axum::middleware::from_fn(i18n::remember_language))
        .layer(axum::middleware::from_fn(access::csrf_guard))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(state.clone(), access::fresh_generation))
        .layer(axum::middleware::from_fn(access::security_headers))
        .with_state(state)
}

/// No route: an error page, or the API's JSON envelope under `/api`.
async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    if api::is_api_path(uri.path()) {
        api::error::no_route().await.into_response()
    } else {
        WebError::NotFound.into_response()
    }
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/daihoi.css"),
    )
}

/// htmx 2.0.11, vendored (BSD-0, `static/vendor/htmx-LICENSE`).
async fn htmx() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=86400")],
        include_str!("../static/vendor/htmx-2.0.11.min.js"),
    )
}

/// Serves `router` on `addr` until Ctrl-C.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("daihoi listening on http://{}", listener.local_addr()?);
    let sweeper = state.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            match sweeper.expire_sessions().await {
                Ok(n) if n > 0 => tracing::info!("{n} expired sessions deleted"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not delete expired sessions"),
            }
        }
    });
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
