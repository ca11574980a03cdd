//! Cross-site request forgery protection and the security headers.
//!
//! Every unsafe request (POST, PUT, PATCH, DELETE) to a page must come from
//! our own pages: a browser's `Sec-Fetch-Site: cross-site` or an `Origin`
//! naming another host is refused, and the request must carry the session's
//! token: a `csrf` field of a URL-encoded form, a `csrf` query parameter
//! (multipart uploads put it in the form's action), or an `X-CSRF-Token`
//! header. The JSON API (`/api/`) is exempt: it authenticates with bearer
//! tokens, which a browser never sends on its own.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use super::SESSION_CSRF;
use crate::WebError;

/// The largest URL-encoded form body read for its token.
const MAX_FORM_BYTES: usize = 1 << 20;

fn query_token(request: &Request) -> Option<String> {
    let query = request.uri().query()?;
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find_map(|(k, v)| (k == "csrf").then_some(v))
}

fn cross_site(request: &Request) -> bool {
    let headers = request.headers();
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return false };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin);
    origin == "null" || origin_host != host
}

/// Middleware: refuses unsafe page requests without the session's token.
///
/// Pages take GET and POST only (forms): any other method on a page is
/// passed on unchecked, to be answered 405 with the methods it takes, since
/// no page handler runs for it. The route table test keeps pages to GET and
/// POST.
pub async fn csrf_guard(request: Request, next: Next) -> Response {
    if request.method() != Method::POST || request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    if cross_site(&request) {
        return WebError::CsrfRefused.into_response();
    }
    let expected = match request.extensions().get::<Session>() {
        Some(session) => session.get::<String>(SESSION_CSRF).await.ok().flatten(),
        None => None,
    };
    // Before there is a session, the sign-in form's token travels in a
    // cookie of its own (see `login_token`).
    let expected = expected.or_else(|| {
        (request.uri().path() == "/login")
            .then(|| super::cookie(request.headers(), super::LOGIN_COOKIE).map(str::to_owned))
            .flatten()
    });
    let Some(expected) = expected else { return WebError::CsrfRefused.into_response() };
    let mut given = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| query_token(&request));
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let request = if given.is_none() && is_form {
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
            return WebError::CsrfRefused.into_response();
        };
        given = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .ok()
            .and_then(|fields| fields.into_iter().find_map(|(k, v)| (k == "csrf").then_some(v)));
        Request::from_parts(parts, Body::from(bytes))
    } else {
        request
    };
    if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), expected.as_bytes())) {
        return WebError::CsrfRefused.into_response();
    }
    next.run(request).await
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The Content-Security-Policy of every response: our own files only, no
/// inline script or style, no framing, forms only to ourselves.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Middleware: security headers on every response.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_compare_whole() {
        assert!(super::constant_time_eq(b"abc", b"abc"));
        assert!(!super::constant_time_eq(b"abc", b"abd"));
        assert!(!super::constant_time_eq(b"abc", b"abcd"));
    }
}
