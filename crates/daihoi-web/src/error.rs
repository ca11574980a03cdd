//! Errors of the web layer, rendered as pages in the request's language.
//!
//! Policy: a handler returns `Result<_, WebError>`. Refusals the user can act
//! on (not found, a bad parameter) get their status and a short message;
//! store failures are logged with their cause and shown as a plain 500 page
//! that reveals nothing of the internals.
//!
//! Language: a `WebError` carries no text for people, only what the message
//! needs (a Fluent key and at most one value, see [`ErrorMessage`]). Its
//! `IntoResponse` cannot see the request, so it renders the page in
//! Vietnamese and attaches the `ErrorMessage` to the response's extensions;
//! the `i18n::remember_language` middleware, which knows the request's
//! language, renders the page again with [`localise`]. The `Display` of
//! `WebError` is for logs, in English.

use askama::Template;
use askama_web::WebTemplate;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use daihoi_store::StoreError;

use crate::i18n::Tr;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("page not found")]
    NotFound,
    /// A `?date=` that is neither `yyyy-mm-dd` nor a date people write.
    #[error("invalid date {0:?}")]
    BadDate(String),
    /// Nobody is signed in: the page redirects to the sign-in page, which
    /// comes back to `next` afterwards.
    #[error("sign-in required")]
    SignInRequired { next: String },
    /// Signed in, but the user's roles do not reach what was asked.
    #[error("forbidden")]
    Forbidden,
    /// An unsafe request without the session's CSRF token, or from another site.
    #[error("CSRF check failed")]
    CsrfRefused,
    /// A form field the page cannot accept (a Fluent key says which).
    #[error("bad form input: {0}")]
    BadInput(&'static str),
    /// A text refused by TEXT-1 (a control character, too long): the
    /// store's message, which names the field and the rule.
    #[error("refused text: {0}")]
    BadText(String),
    #[error("session error: {0}")]
    Session(String),
    #[error("store error: {0}")]
    Store(StoreError),
    /// A report or a printout could not be made.
    #[error("print error: {0}")]
    Print(String),
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> WebError {
        match e {
            StoreError::Forbidden(what) => {
                tracing::info!(%what, "refused: outside the user's roles");
                WebError::Forbidden
            }
            StoreError::NotFound(_) => WebError::NotFound,
            e @ StoreError::BadText { .. } => WebError::BadText(e.to_string()),
            e => WebError::Store(e),
        }
    }
}

impl WebError {
    pub(crate) fn session(e: tower_sessions::session::Error) -> WebError {
        WebError::Session(e.to_string())
    }
}

/// Every key an [`ErrorMessage`] may hold, for the translation tests.
#[cfg(test)]
pub(crate) const MESSAGE_KEYS: [&str; 8] = [
    "error-not-found",
    "error-bad-text",
    "error-bad-date",
    "error-internal",
    "error-forbidden",
    "error-csrf",
    "error-bad-language",
    "import-bad-upload",
];

/// What an error page says, before translation.
#[derive(Debug, Clone)]
pub(crate) struct ErrorMessage {
    status: StatusCode,
    key: &'static str,
    /// `$value` of the message, if it has one.
    value: Option<String>,
    /// The signed-in user's navigation, when the request had one.
    nav: crate::page::Nav,
}

impl ErrorMessage {
    fn render(&self, tr: Tr) -> Response {
        let message = match &self.value {
            Some(value) => tr.t1(self.key, "value", value),
            None => tr.t(self.key),
        };
        let page = ErrorPage { tr, nav: self.nav.clone(), status: self.status.as_u16(), message };
        let mut response = (self.status, page).into_response();
        response.extensions_mut().insert(self.clone());
        response
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    tr: Tr,
    nav: crate::page::Nav,
    status: u16,
    message: String,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, key, value) = match self {
            WebError::NotFound => (StatusCode::NOT_FOUND, "error-not-found", None),
            WebError::BadDate(text) => (StatusCode::BAD_REQUEST, "error-bad-date", Some(text)),
            WebError::SignInRequired { next } => {
                let to = format!("/login?next={}", urlencode(&next));
                return (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
            }
            WebError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden", None),
            WebError::CsrfRefused => (StatusCode::FORBIDDEN, "error-csrf", None),
            WebError::BadInput(key) => (StatusCode::BAD_REQUEST, key, None),
            WebError::BadText(text) => (StatusCode::BAD_REQUEST, "error-bad-text", Some(text)),
            WebError::Session(e) => {
                tracing::error!(error = %e, "session error");
                (StatusCode::INTERNAL_SERVER_ERROR, "error-internal", None)
            }
            WebError::Store(e) => {
                tracing::error!(error = %e, "store error");
                (StatusCode::INTERNAL_SERVER_ERROR, "error-internal", None)
            }
            WebError::Print(e) => {
                tracing::error!(error = %e, "print error");
                (StatusCode::INTERNAL_SERVER_ERROR, "error-internal", None)
            }
        };
        ErrorMessage { status, key, value, nav: crate::page::request_nav() }.render(Tr::default())
    }
}

/// `response` again in `tr`'s language if it is an error page; other
/// responses pass unchanged.
pub(crate) fn localise(response: Response, tr: Tr) -> Response {
    match response.extensions().get::<ErrorMessage>() {
        Some(message) if tr != Tr::default() => message.render(tr),
        _ => response,
    }
}

/// Percent-encodes a path and query for a `next=` parameter.
pub(crate) fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).map(|s| s[1..].to_owned()).unwrap_or_default()
}
