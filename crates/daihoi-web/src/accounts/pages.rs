//! Signing in and out, the account page (password, language, API tokens).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_store::StoreError;
use daihoi_store::accounts::{ApiToken, MIN_PASSWORD_CHARS, SignIn};
use serde::Deserialize;
use tower_sessions::Session;

use crate::WebError;
use crate::access::{AppState, Caller, login_token, start_session};
use crate::i18n::{Lang, Tr};
use crate::page::Nav;
use crate::page::Path;

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub struct LoginPage {
    tr: Tr,
    nav: Nav,
    csrf: String,
    next: String,
    login: String,
    /// A Fluent key: why the last attempt failed.
    problem: Option<&'static str>,
    retry_minutes: i64,
}

#[derive(Debug, Deserialize)]
pub struct NextParam {
    pub next: Option<String>,
}

/// Only a path on this site may be a destination after signing in.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                // Browsers drop tabs and newlines from URLs: "/\t/evil" would be "//evil".
                && !n.chars().any(|c| c.is_control() || c.is_whitespace()) =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// `GET /login`: writes no session (see [`login_token`]).
pub async fn login_form(
    State(app): State<AppState>,
    session: Session,
    tr: Tr,
    headers: axum::http::HeaderMap,
    Query(q): Query<NextParam>,
) -> Result<Response, WebError> {
    let (csrf, set_cookie) = login_token(&session, &headers, app.secure_cookies).await?;
    let page = LoginPage {
        tr,
        nav: Nav::default(),
        csrf,
        next: safe_next(q.next.as_deref()),
        login: String::new(),
        problem: None,
        retry_minutes: 0,
    };
    Ok(with_cookie(page.into_response(), set_cookie))
}

fn with_cookie(mut response: Response, set_cookie: Option<axum::http::HeaderValue>) -> Response {
    if let Some(cookie) = set_cookie {
        response.headers_mut().append(axum::http::header::SET_COOKIE, cookie);
    }
    response
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    pub login: String,
    pub password: String,
    pub next: Option<String>,
}

/// The client's address from the request's parts.
pub struct Address(pub String);

impl<S> axum::extract::FromRequestParts<S> for Address
where
    S: Send + Sync,
    AppState: axum::extract::FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Address, Self::Rejection> {
        let app = <AppState as axum::extract::FromRef<S>>::from_ref(state);
        Ok(Address(crate::access::client_address(parts, app.behind_proxy)))
    }
}

/// `POST /login`: the same answer for an unknown login and a wrong password;
/// after repeated failures, a wait.
pub async fn login(
    State(app): State<AppState>,
    session: Session,
    tr: Tr,
    Address(address): Address,
    headers: axum::http::HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let next = safe_next(form.next.as_deref());
    let (problem, retry_minutes) = match app.sign_in(&form.login, &form.password, &address).await? {
        SignIn::Accepted(user) => {
            start_session(&session, &user).await?;
            return Ok(Redirect::to(&next).into_response());
        }
        SignIn::Refused => ("login-refused", 0),
        SignIn::Throttled { retry_after_secs } => ("login-throttled", (retry_after_secs + 59) / 60),
    };
    let status = if retry_minutes > 0 {
        axum::http::StatusCode::TOO_MANY_REQUESTS
    } else {
        axum::http::StatusCode::UNAUTHORIZED
    };
    // A refused sign-in writes no session either.
    let (csrf, set_cookie) = login_token(&session, &headers, app.secure_cookies).await?;
    let page =
        LoginPage { tr, nav: Nav::default(), csrf, next, login: form.login, problem: Some(problem), retry_minutes };
    Ok(with_cookie((status, page).into_response(), set_cookie))
}

/// `POST /logout`
pub async fn logout(caller: Caller, session: Session) -> Result<Redirect, WebError> {
    caller.scoped().audit().log(&caller.address, "sign_out", None, &caller.user().login, "").await?;
    session.flush().await.map_err(WebError::session)?;
    Ok(Redirect::to("/login"))
}

#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    pub lang: String,
    pub back: Option<String>,
}

/// `POST /language`: remembers the language for the user.
pub async fn language(caller: Caller, Form(form): Form<LanguageForm>) -> Result<Redirect, WebError> {
    let lang = Lang::parse(&form.lang).ok_or(WebError::BadInput("error-bad-language"))?;
    caller.set_language(lang).await?;
    Ok(Redirect::to(&safe_next(form.back.as_deref())))
}

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
pub struct AccountPage {
    tr: Tr,
    nav: Nav,
    login: String,
    roles: Vec<(String, String)>,
    tokens: Vec<ApiToken>,
    min_chars: usize,
    /// A Fluent key: the outcome of the last form.
    notice: Option<&'static str>,
    problem: Option<&'static str>,
    /// A token just created, shown once.
    new_token: Option<String>,
}

async fn account_page(
    caller: &Caller,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
    new_token: Option<String>,
) -> Result<AccountPage, WebError> {
    let roles = caller
        .viewer()
        .grants()
        .iter()
        .map(|g| (caller.tr.t(&format!("role-{}", g.role.code())), g.org_code.to_string()))
        .collect();
    Ok(AccountPage {
        tr: caller.tr,
        nav: caller.nav(),
        login: caller.user().login.clone(),
        roles,
        tokens: caller.api_tokens().await?,
        min_chars: MIN_PASSWORD_CHARS,
        notice,
        problem,
        new_token,
    })
}

/// `GET /account`
pub async fn show(caller: Caller) -> Result<AccountPage, WebError> {
    account_page(&caller, None, None, None).await
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    pub current: String,
    pub new: String,
    pub repeat: String,
}

/// `POST /account/password`
pub async fn change_password(caller: Caller, Form(form): Form<PasswordForm>) -> Result<Response, WebError> {
    let problem = if form.new != form.repeat {
        Some("account-password-mismatch")
    } else {
        match caller.change_password(&form.current, &form.new).await {
            Ok(()) => None,
            Err(StoreError::WrongPassword) => Some("account-password-wrong"),
            Err(StoreError::WeakPassword { .. }) => Some("account-password-weak"),
            Err(e) => return Err(e.into()),
        }
    };
    let status = if problem.is_some() { axum::http::StatusCode::BAD_REQUEST } else { axum::http::StatusCode::OK };
    let notice = problem.is_none().then_some("account-password-changed");
    Ok((status, account_page(&caller, notice, problem, None).await?).into_response())
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    pub name: String,
}

/// `POST /account/tokens`: the secret is shown once, on this page.
pub async fn create_token(caller: Caller, Form(form): Form<TokenForm>) -> Result<Response, WebError> {
    match caller.create_api_token(&form.name).await {
        Ok(secret) => {
            Ok(account_page(&caller, Some("account-token-created"), None, Some(secret)).await?.into_response())
        }
        Err(StoreError::BadTokenName) => Ok((
            axum::http::StatusCode::BAD_REQUEST,
            account_page(&caller, None, Some("account-token-bad-name"), None).await?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `POST /account/tokens/{id}/revoke`
pub async fn revoke_token(caller: Caller, Path(id): Path<i64>) -> Result<Response, WebError> {
    if !caller.revoke_api_token(id).await? {
        return Err(WebError::NotFound);
    }
    Ok(account_page(&caller, Some("account-token-revoked"), None, None).await?.into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_destinations() {
        assert_eq!(super::safe_next(Some("/orgs/QN?date=2026-11-28")), "/orgs/QN?date=2026-11-28");
        assert_eq!(super::safe_next(Some("//evil.example/")), "/");
        assert_eq!(super::safe_next(Some("https://evil.example/")), "/");
        assert_eq!(super::safe_next(Some("/\\evil.example")), "/");
        assert_eq!(super::safe_next(None), "/");
        assert_eq!(super::safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(super::safe_next(Some("/\n/evil.example")), "/");
    }
}
