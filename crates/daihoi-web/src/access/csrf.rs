//! Cross-site request forgery protection and the security headers.
//!
//! Every unsafe request (POST, PUT, PATCH, DELETE) to a page must come from
//! our own pages: a browser's `Sec-Fetch-Site: cross-site` or an `Origin`
//! naming another host is refused, and the request must carry the session's
//! token: a `csrf` field of a URL-encoded form, the first field `csrf` of a
//! multipart upload (the forms put it first; only the start of the body is
//! read for it, the rest streams on to the handler), or an `X-CSRF-Token`
//! header. Never in the URL, where logs and `Referer` would keep it. The
//! JSON API (`/api/`) is exempt: it authenticates with bearer tokens, which
//! a browser never sends on its own.

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

/// How much of a multipart body is read for its first field, the token.
const MAX_MULTIPART_PREFIX: usize = 8 * 1024;

/// The value of the first part of a multipart body when that part is the
/// field `csrf`: `--boundary`, its headers naming `csrf`, a blank line, the
/// value, then `\r\n--boundary`. `None` while the prefix does not hold all
/// of it.
fn multipart_token(prefix: &[u8], boundary: &str) -> Option<String> {
    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }
    // The rest of the body (a file) may be any bytes: only the first part
    // is read as text.
    let rest = prefix.strip_prefix(format!("--{boundary}\r\n").as_bytes())?;
    let end = find(rest, b"\r\n\r\n")?;
    let headers = std::str::from_utf8(&rest[..end]).ok()?;
    let named = headers.lines().any(|h| {
        h.to_ascii_lowercase().starts_with("content-disposition:") && h.split(';').any(|p| p.trim() == "name=\"csrf\"")
    });
    if !named {
        return None;
    }
    let rest = &rest[end + 4..];
    let close = find(rest, format!("\r\n--{boundary}").as_bytes())?;
    std::str::from_utf8(&rest[..close]).ok().map(str::to_owned)
}

/// The boundary of a `multipart/form-data` content type.
fn boundary(content_type: &str) -> Option<&str> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.eq_ignore_ascii_case("boundary").then(|| v.trim_matches('"'))
    })
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
    let mut given = request.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let content_type =
        request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let request = if let (None, Some(boundary)) = (&given, boundary(&content_type)) {
        use futures_util::StreamExt;
        let (parts, body) = request.into_parts();
        let mut stream = body.into_data_stream();
        let mut prefix: Vec<u8> = Vec::new();
        while prefix.len() < MAX_MULTIPART_PREFIX && multipart_token(&prefix, boundary).is_none() {
            match stream.next().await {
                Some(Ok(chunk)) => prefix.extend_from_slice(&chunk),
                Some(Err(_)) => return WebError::CsrfRefused.into_response(),
                None => break,
            }
        }
        given = multipart_token(&prefix, boundary);
        let head = futures_util::stream::once(async move { Ok::<_, axum::Error>(axum::body::Bytes::from(prefix)) });
        Request::from_parts(parts, Body::from_stream(head.chain(stream)))
    } else if given.is_none() && is_form {
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
    fn the_token_is_the_first_multipart_field() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc123\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx\r\n--XyZ--\r\n";
        assert_eq!(super::multipart_token(body, "XyZ").as_deref(), Some("abc123"));
        assert_eq!(super::multipart_token(&body[..40], "XyZ"), None, "not all of it yet");
        let other = b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nabc\r\n--XyZ--\r\n";
        assert_eq!(super::multipart_token(other, "XyZ"), None, "only the first field, named csrf");
        let mut binary = body[..70].to_vec();
        binary.extend_from_slice(&[0xff, 0xfe, 0x00, 0x9f]);
        assert_eq!(super::multipart_token(&binary, "XyZ").as_deref(), Some("abc123"), "a file after it: any bytes");
        assert_eq!(super::boundary("multipart/form-data; boundary=\"XyZ\""), Some("XyZ"));
        assert_eq!(super::boundary("application/x-www-form-urlencoded"), None);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(super::constant_time_eq(b"abc", b"abc"));
        assert!(!super::constant_time_eq(b"abc", b"abd"));
        assert!(!super::constant_time_eq(b"abc", b"abcd"));
    }
}
