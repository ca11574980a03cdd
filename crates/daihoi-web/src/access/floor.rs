//! A delegate on the floor of a congress (issue 16 §5): not a user, a pass
//! the store gave for a card number and a PIN, bound to (congress, person)
//! and expiring. Pages carry its token in the [`FLOOR_COOKIE`] (HttpOnly,
//! SameSite=Strict, path `/floor`); the API in `Authorization: Bearer`
//! (64 hexadecimal digits, unlike a user's `dh_` token). Extracting a
//! [`FloorDelegate`] gives the pass and the only view of the data it has:
//! the store's `floor_votes()` facet, whose delegate methods check the pass.
//! Forms are CSRF-checked as every page's (the anonymous session's token).

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use daihoi_store::elections::floor::{DelegatePass, FloorSignIn};
use daihoi_store::{Scoped, StoreError};

use super::{AppState, client_address, cookie};

/// The cookie of a delegate's pass.
pub(crate) const FLOOR_COOKIE: &str = "daihoi_floor";

impl AppState {
    /// A delegate's sign-in to `congress`'s floor votes.
    pub(crate) async fn floor_sign_in(
        &self,
        congress: i64,
        card: &str,
        pin: &str,
        address: &str,
    ) -> Result<FloorSignIn, StoreError> {
        self.db.floor_sign_in(congress, card, pin, address).await
    }

    /// Ends the pass of `token`.
    pub(crate) async fn floor_sign_out(&self, token: &str) -> Result<(), StoreError> {
        self.db.floor_sign_out(token).await
    }
}

/// The `Set-Cookie` of a pass (or of its end, with an empty token).
pub(crate) fn floor_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    let age = if token.is_empty() { 0 } else { daihoi_store::elections::floor::delegates::PASS_HOURS * 3600 };
    format!("{FLOOR_COOKIE}={token}; Path=/floor; HttpOnly; SameSite=Strict; Max-Age={age}{secure}")
}

/// A delegate holding a pass, from its cookie or its bearer header. The
/// rejection is `None`: the handler decides (a page shows the sign-in
/// form, the API answers 401).
#[derive(Debug)]
pub struct FloorDelegate {
    state: AppState,
    pass: DelegatePass,
    /// The pass's token, to end it.
    pub(crate) token: String,
    /// Where the request came from, for the audit log.
    pub address: String,
}

impl FloorDelegate {
    pub fn pass(&self) -> &DelegatePass {
        &self.pass
    }

    /// The delegate's view: it reaches no organization; it votes.
    pub fn scoped(&self) -> Scoped<'_> {
        self.state.scoped(self.pass.viewer())
    }

    /// The pass, if the request carries a valid one.
    pub(crate) async fn find(parts: &Parts, state: &AppState) -> Result<Option<FloorDelegate>, StoreError> {
        let token = bearer(parts).or_else(|| cookie(&parts.headers, FLOOR_COOKIE));
        let Some(token) = token.filter(|t| !t.is_empty()) else { return Ok(None) };
        let Some(pass) = state.db.floor_pass(token).await? else { return Ok(None) };
        Ok(Some(FloorDelegate {
            state: state.clone(),
            pass,
            token: token.to_owned(),
            address: client_address(parts, state.behind_proxy),
        }))
    }
}

/// A floor pass in `Authorization: Bearer <64 hex>`.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.trim().split_once(' ')?;
    let secret = secret.trim();
    (scheme.eq_ignore_ascii_case("bearer") && secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(secret)
}

/// The delegate of a request, if it carries a valid pass.
#[derive(Debug)]
pub struct MaybeFloorDelegate(pub Option<FloorDelegate>);

impl<S> FromRequestParts<S> for MaybeFloorDelegate
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = crate::WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<MaybeFloorDelegate, crate::WebError> {
        let app = AppState::from_ref(state);
        Ok(MaybeFloorDelegate(FloorDelegate::find(parts, &app).await?))
    }
}

/// A delegate calling the API with a floor pass in `Authorization: Bearer`
/// (or its cookie): 401 in the API's envelope without a valid one.
#[derive(Debug)]
pub struct FloorApiDelegate(pub FloorDelegate);

impl<S> FromRequestParts<S> for FloorApiDelegate
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = crate::api::error::ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<FloorApiDelegate, Self::Rejection> {
        let app = AppState::from_ref(state);
        FloorDelegate::find(parts, &app)
            .await?
            .map(FloorApiDelegate)
            .ok_or_else(crate::api::error::ApiError::unauthorized)
    }
}
