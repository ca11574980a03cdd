//! The web server of daihoi.
//!
//! Architecture invariant: this is the only crate that knows HTTP and HTML.
//! Handlers are thin: read the request, ask the store through the caller's
//! scoped view ([`access`]), render a template. Pages work without
//! JavaScript and print cleanly; htmx (vendored) only shortens round trips.
//!
//! Modules: one folder per feature, named as the store's (`orgs`,
//! `members`, `accounts`, `audit`, `documents`, `dissemination`, `tasks`),
//! each with its page handlers, its API handlers (`<feature>/api/`) and one
//! `routes()` registering both ([`routes`]); shared: [`access`] (the app
//! state, who is asking, sessions, CSRF, security headers), `page` (what
//! every page uses: the header, path parameters, dates, uploads, pending
//! previews), [`i18n`] (vi, en, fr), [`api`] (the JSON API's envelope,
//! bearer tokens and OpenAPI document under `/api/v1`).

pub mod access;
pub mod api;
mod download;
mod error;
pub mod i18n;
mod page;
mod party;
mod routes;

mod accounts;
mod audit;
mod congress_documents;
mod congresses;
mod dissemination;
mod documents;
mod elections;
pub mod members;
pub mod orgs;
mod petitions;
mod tasks;

pub use tasks::file::task_file_bytes;

use std::net::SocketAddr;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub use access::AppState;
pub use api::openapi;
pub use error::WebError;
use routes::FeatureRoutes;
pub use routes::RouteTable;

/// How long a session lives after signing in (or after its last change,
/// such as a change of language): a working day.
pub const SESSION_IDLE_HOURS: i64 = 8;

/// Every feature's registration, in order: the page routes, the route
/// table and the API operations (see [`routes`]).
fn features() -> FeatureRoutes {
    let features: [fn() -> FeatureRoutes; 11] = [
        orgs::routes,
        members::routes,
        audit::routes,
        documents::routes,
        dissemination::routes,
        accounts::routes,
        tasks::routes,
        congresses::routes,
        elections::routes,
        congress_documents::routes,
        petitions::routes,
    ];
    features.into_iter().fold(FeatureRoutes::new(), |all, feature| all.merge(feature()))
}

/// The (method, path) of every page route.
pub fn page_routes() -> RouteTable {
    features().table
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
    let features = features();
    features
        .router
        .route("/static/daihoi.css", get(stylesheet))
        .route("/static/htmx.min.js", get(htmx))
        .route("/static/scan.js", get(scan_script))
        .route("/static/vendor/jsQR-1.4.0.min.js", get(jsqr_script))
        .route("/static/floor.js", get(floor_script))
        .route("/static/entry.js", get(entry_script))
        .route("/static/projector.js", get(projector_script))
        .merge(api::router(features.api))
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

/// The check-in page's camera scan (`static/scan.js`: the browser's
/// BarcodeDetector, or else jsQR, reads a delegate card's QR code).
async fn scan_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/scan.js"),
    )
}

/// jsQR 1.4.0, vendored minified (Apache-2.0, `static/vendor/jsQR-LICENSE`):
/// the camera scan's reader where the browser has no BarcodeDetector for
/// QR codes (Safari, Firefox, desktop Chrome). Its name holds its version,
/// so it is kept for a year.
async fn jsqr_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        include_str!("../static/vendor/jsQR-1.4.0.min.js"),
    )
}

/// The floor votes' live updates (`static/floor.js`: the page shows itself
/// again when the server's event stream says it changed).
async fn floor_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/floor.js"),
    )
}

/// The clerk's entry page's queue of ballots (`static/entry.js`: kept in
/// the browser until the server acknowledged each).
async fn entry_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/entry.js"),
    )
}

/// The board's projector (`static/projector.js`: the totals follow the
/// server's event stream).
async fn projector_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/projector.js"),
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
