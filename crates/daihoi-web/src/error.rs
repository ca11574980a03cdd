//! Errors of the web layer, rendered as pages.
//!
//! Policy: a handler returns `Result<_, WebError>`. Refusals the user can act
//! on (not found, a bad parameter) get their status and a short message;
//! store failures are logged with their cause and shown as a plain 500 page
//! that reveals nothing of the internals.

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use daihoi_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("Không tìm thấy trang")]
    NotFound,
    #[error("Tham số không hợp lệ: {0}")]
    BadRequest(String),
    #[error("Lỗi hệ thống")]
    Store(#[from] StoreError),
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    status: u16,
    message: String,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = match &self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Store(e) => {
                tracing::error!(error = %e, "store error");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        (status, ErrorPage { status: status.as_u16(), message: self.to_string() }).into_response()
    }
}
