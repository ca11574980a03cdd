//! Who is calling the API: the user of a bearer token.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use daihoi_store::{Scoped, Viewer};

use super::error::ApiError;
use crate::access::{AppState, client_address};

/// The caller of an API request, from `Authorization: Bearer dh_…` (a token
/// made on the account page). Extracting it answers 401 in the envelope
/// when the header is missing, is not a bearer token, or names a token that
/// is unknown or revoked. Handlers reach data only through [`ApiCaller::scoped`].
#[derive(Debug)]
pub struct ApiCaller {
    state: AppState,
    viewer: Viewer,
    /// Where the request came from, for the audit log.
    pub address: String,
}

impl ApiCaller {
    /// The data this caller may reach.
    pub fn scoped(&self) -> Scoped<'_> {
        self.state.scoped(&self.viewer)
    }
}

/// The secret of `Authorization: Bearer <secret>`, if the header has that shape.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.trim().split_once(' ')?;
    let secret = secret.trim();
    (scheme.eq_ignore_ascii_case("bearer") && secret.starts_with("dh_")).then_some(secret)
}

impl<S> FromRequestParts<S> for ApiCaller
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiCaller, ApiError> {
        let state = AppState::from_ref(state);
        let secret = bearer(parts).ok_or_else(ApiError::unauthorized)?;
        let viewer = state.viewer_by_token(secret).await?.ok_or_else(ApiError::unauthorized)?;
        let address = client_address(parts, state.behind_proxy);
        Ok(ApiCaller { state, viewer, address })
    }
}
