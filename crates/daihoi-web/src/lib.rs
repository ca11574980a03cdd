//! The web server of daihoi.
//!
//! Architecture invariant: this is the only crate that knows HTTP and HTML.
//! Handlers are thin: read the request, ask the store, render a template.
//! Pages work without JavaScript and print cleanly.
//!
//! Modules by feature under [`pages`]: `orgs` (the tree on a date, an
//! organization), `members` (member lists and a member's page). Pages speak
//! Vietnamese, English or French through [`i18n`].

mod error;
pub mod i18n;
mod pages;

use std::net::SocketAddr;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use daihoi_store::Db;

pub use error::WebError;

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
}

/// The application's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::orgs::home))
        .route("/orgs/{code}", get(pages::orgs::show))
        .route("/orgs/{code}/members", get(pages::members::list))
        .route("/members/{id}", get(pages::members::show))
        .route("/static/daihoi.css", get(stylesheet))
        .fallback(|| async { WebError::NotFound })
        .layer(axum::middleware::from_fn(i18n::remember_language))
        .with_state(state)
}

async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("../static/daihoi.css"))
}

/// Serves `router` on `addr` until Ctrl-C.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("daihoi listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
