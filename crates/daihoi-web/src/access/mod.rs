//! Who is asking, and the only way from a request to the data.
//!
//! Architecture invariant: [`AppState`] keeps the database private to this
//! module. A page handler reaches organizations and members only through a
//! [`Caller`] (a signed-in user, obtained from the session) and its
//! [`Caller::scoped`] view, which checks the user's roles on every call; an
//! API handler the same way through a bearer token; a delegate voting on
//! the floor of a congress through a [`FloorDelegate`], whose pass reaches no
//! organization (`floor.rs`). A handler that forgets
//! to ask has nothing to ask with, so it does not compile.
//!
//! Also here: signing in and out (with throttling and audit entries), the
//! per-session CSRF token and its check on every unsafe request, the
//! security headers of every response, and what a signed-in request needs
//! (its session, the user and the roles) kept in memory while the data
//! generation has not moved (`cache`), so that a signed-in page reads none
//! of them from the database.

mod cache;
mod csrf;
mod floor;
mod sessions;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRef, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use daihoi_store::accounts::{ApiToken, SignIn, User};
use daihoi_store::audit::NewAuditEntry;
use daihoi_store::{Db, Scoped, StoreError, Viewer};
use tower_sessions::Session;

use cache::{AuthCache, REQUEST_GENERATION, request_generation, request_writes};
pub use csrf::{csrf_guard, security_headers};
pub(crate) use floor::floor_cookie;
pub use floor::{FloorApiDelegate, FloorDelegate, MaybeFloorDelegate};
pub use sessions::DbSessionStore;

use crate::WebError;
use crate::i18n::{Lang, Tr};
use crate::members::import::PendingImports;
use crate::page::uploads::Uploads;
use crate::tasks::file::PendingTaskFiles;

/// Session keys.
pub(crate) const SESSION_USER: &str = "uid";
pub(crate) const SESSION_EPOCH: &str = "epoch";
pub(crate) const SESSION_CSRF: &str = "csrf";
pub(crate) const SESSION_LANG: &str = "lang";

/// The name of the session cookie.
pub(crate) const SESSION_COOKIE: &str = "daihoi_session";

/// What the server holds for every request. The database is private: see
/// the module's invariant.
#[derive(Clone, Debug)]
pub struct AppState {
    db: Db,
    /// Send cookies with `Secure` (when served over HTTPS).
    pub(crate) secure_cookies: bool,
    /// Take the client's address from `X-Forwarded-For` when the request
    /// comes from this machine (a reverse proxy in front of the server).
    pub(crate) behind_proxy: bool,
    /// Uploaded member files waiting for their confirmation.
    pub(crate) pending_imports: Arc<PendingImports>,
    /// Uploaded task files waiting for their confirmation.
    pub(crate) pending_task_files: Arc<PendingTaskFiles>,
    /// Where uploaded spreadsheets are read: their limits, a few at a time.
    pub(crate) uploads: Arc<Uploads>,
    /// Sessions and viewers read, kept while the data generation holds.
    auth: Arc<AuthCache>,
    /// How long a session lives after its last change.
    pub(crate) session_idle: time::Duration,
}

impl AppState {
    pub fn new(db: Db) -> AppState {
        AppState {
            db,
            secure_cookies: false,
            behind_proxy: false,
            pending_imports: Arc::default(),
            pending_task_files: Arc::default(),
            uploads: Arc::default(),
            auth: Arc::default(),
            session_idle: time::Duration::hours(crate::SESSION_IDLE_HOURS),
        }
    }

    /// Sessions end this long after their last change (default
    /// [`SESSION_IDLE_HOURS`](crate::SESSION_IDLE_HOURS); tests shorten it).
    pub fn with_session_idle(mut self, idle: time::Duration) -> AppState {
        self.session_idle = idle;
        self
    }

    /// Reads uploaded spreadsheets within `limits`, `slots` at a time (the
    /// others wait), off the async workers.
    pub fn with_upload_limits(mut self, limits: daihoi_sheets::Limits, slots: usize) -> AppState {
        self.uploads = Arc::new(Uploads::new(limits, slots));
        self
    }

    /// Trusts `X-Forwarded-For` from a reverse proxy on this machine, so that
    /// throttling and the audit log see each client's own address.
    pub fn behind_proxy(mut self, behind: bool) -> AppState {
        self.behind_proxy = behind;
        self
    }

    /// Marks session cookies `Secure`: for a server behind HTTPS.
    pub fn with_secure_cookies(mut self, secure: bool) -> AppState {
        self.secure_cookies = secure;
        self
    }

    /// Deletes expired sessions (the server does it every hour).
    pub async fn expire_sessions(&self) -> Result<u64, StoreError> {
        self.db.sessions_expire().await
    }

    pub(crate) fn session_store(&self) -> DbSessionStore {
        DbSessionStore::new(self.db.clone(), self.auth.clone())
    }

    /// The signed-in user `user_id` with their roles: kept from an earlier
    /// request at this request's data generation, or read (and kept).
    async fn signed_in_viewer(&self, user_id: i64) -> Result<Option<Viewer>, StoreError> {
        let generation = request_generation();
        if let Some(viewer) = generation.and_then(|g| self.auth.viewer(g, user_id)) {
            return Ok(Some(viewer));
        }
        let Some(user) = self.db.user_by_id(user_id).await? else { return Ok(None) };
        let viewer = self.db.viewer(user).await?;
        if let Some(generation) = generation {
            self.auth.keep_viewer(generation, user_id, &viewer);
        }
        Ok(Some(viewer))
    }

    /// Checks a sign-in and writes it to the audit log.
    pub(crate) async fn sign_in(&self, login: &str, password: &str, address: &str) -> Result<SignIn, StoreError> {
        let outcome = self.db.sign_in(login, password, address).await?;
        let action = match &outcome {
            SignIn::Accepted(_) => "sign_in",
            SignIn::Refused => "sign_in_refused",
            // Refused before any password check: not written, so that a
            // flood of attempts cannot grow the append-only log.
            SignIn::Throttled { .. } => return Ok(outcome),
        };
        let detail = String::new();
        let login: String = login.trim().to_lowercase().chars().take(64).collect();
        self.db
            .audit(&NewAuditEntry {
                actor: &login,
                address,
                action,
                org_path: None,
                subject: &login,
                detail: &detail,
                classification: daihoi_store::documents::Classification::Normal,
            })
            .await?;
        Ok(outcome)
    }

    /// The user a bearer token belongs to, as a viewer.
    pub(crate) async fn viewer_by_token(&self, secret: &str) -> Result<Option<Viewer>, StoreError> {
        match self.db.user_by_api_token(secret).await? {
            Some(user) => Ok(Some(self.db.viewer(user).await?)),
            None => Ok(None),
        }
    }

    /// A scoped view for an API caller.
    pub(crate) fn scoped<'a>(&'a self, viewer: &'a Viewer) -> Scoped<'a> {
        self.db.scoped(viewer)
    }
}

/// Middleware (outside the session layer): for a request that carries a
/// session cookie, reads the data generation once, after the request
/// arrived, and runs the request at it: its session and its viewer come
/// from memory when they were kept at that generation (see `cache`). When
/// the generation cannot be read the request reads them from the database.
pub async fn fresh_generation(State(app): State<AppState>, request: Request, next: Next) -> Response {
    if cookie(request.headers(), SESSION_COOKIE).is_none() {
        return next.run(request).await;
    }
    match app.auth.fresh_generation(&app.db).await {
        Ok(generation) => REQUEST_GENERATION.scope(generation, next.run(request)).await,
        Err(e) => {
            tracing::warn!(error = %e, "could not read the data generation: the session is read from the database");
            next.run(request).await
        }
    }
}

/// The client's address as the audit log and the throttle see it: the
/// peer's, or, behind a reverse proxy on this machine, the last address
/// the proxy appended to `X-Forwarded-For` (the ones before it are whatever
/// the client sent, and are not trusted).
pub(crate) fn client_address(parts: &Parts, behind_proxy: bool) -> String {
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(a)| a.ip());
    if behind_proxy && peer.is_none_or(|ip| ip.is_loopback()) {
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .and_then(|a| a.trim().parse::<std::net::IpAddr>().ok());
        if let Some(ip) = forwarded {
            return ip.to_string();
        }
    }
    peer.map(|ip| ip.to_string()).unwrap_or_else(|| "local".to_owned())
}

/// The cookie that carries the sign-in form's CSRF token before there is a
/// session (double submit: the form's field must equal it).
pub(crate) const LOGIN_COOKIE: &str = "daihoi_login";

/// The value of the cookie `name` in a request's headers.
pub(crate) fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(k, v)| (k == name).then_some(v))
}

/// The sign-in form's CSRF token, without writing a session for an
/// anonymous visitor: the session's token when there is one, else the
/// [`LOGIN_COOKIE`] already sent, else a new one with the `Set-Cookie` that
/// sends it (the caller adds it to the response). A visitor who only looks
/// at the sign-in page leaves no row in the database.
pub(crate) async fn login_token(
    session: &Session,
    headers: &axum::http::HeaderMap,
    secure: bool,
) -> Result<(String, Option<axum::http::HeaderValue>), WebError> {
    if let Some(t) = session.get::<String>(SESSION_CSRF).await.map_err(WebError::session)? {
        return Ok((t, None));
    }
    if let Some(t) = cookie(headers, LOGIN_COOKIE).filter(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Ok((t.to_owned(), None));
    }
    let t = daihoi_store::accounts::random_hex(16)?;
    let secure = if secure { "; Secure" } else { "" };
    let set = axum::http::HeaderValue::from_str(&format!(
        "{LOGIN_COOKIE}={t}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{secure}"
    ))
    .map_err(|_| WebError::BadInput("error-internal"))?;
    Ok((t, Some(set)))
}

/// The session's CSRF token, made on first use.
pub(crate) async fn csrf_token(session: &Session) -> Result<String, WebError> {
    if let Some(t) = session.get::<String>(SESSION_CSRF).await.map_err(WebError::session)? {
        return Ok(t);
    }
    let t = daihoi_store::accounts::random_hex(16)?;
    session.insert(SESSION_CSRF, &t).await.map_err(WebError::session)?;
    Ok(t)
}

/// A signed-in user making a page request. Extracting it redirects to the
/// sign-in page when nobody is signed in (or the session is void because
/// the password changed since).
#[derive(Debug)]
pub struct Caller {
    db: Db,
    viewer: Viewer,
    session: Session,
    /// The session's CSRF token, for the forms of the page.
    pub csrf: String,
    /// Where the request came from, for the audit log.
    pub address: String,
    pub tr: Tr,
    /// The path and query of this request (the language switch comes back here).
    pub here: String,
}

impl Caller {
    /// The header of a page for this user.
    pub fn nav(&self) -> crate::page::Nav {
        crate::page::Nav {
            user: Some(self.user().display_name.clone()),
            csrf: self.csrf.clone(),
            here: self.here.clone(),
            audit: self.scoped().audit().may_open(),
        }
    }

    /// The data this user may reach.
    pub fn scoped(&self) -> Scoped<'_> {
        let scoped = self.db.scoped(&self.viewer);
        match request_writes() {
            Some(writes) => scoped.at_writes(writes),
            None => scoped,
        }
    }

    pub fn viewer(&self) -> &Viewer {
        &self.viewer
    }

    pub fn user(&self) -> &User {
        self.viewer.user().expect("a caller is always a signed-in user")
    }

    /// Changes the user's password; other sessions become void, this one
    /// stays signed in.
    pub async fn change_password(&self, current: &str, new: &str) -> Result<(), StoreError> {
        let epoch = self.scoped().accounts().change_password(current, new, &self.address).await?;
        self.session.insert(SESSION_EPOCH, epoch).await.map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(())
    }

    /// Remembers the user's language.
    pub async fn set_language(&self, lang: Lang) -> Result<(), WebError> {
        self.scoped().accounts().set_language(lang.code(), &self.address).await?;
        self.session.insert(SESSION_LANG, lang.code()).await.map_err(WebError::session)?;
        Ok(())
    }

    pub async fn api_tokens(&self) -> Result<Vec<ApiToken>, StoreError> {
        self.db.api_tokens(self.user().id).await
    }

    pub async fn create_api_token(&self, name: &str) -> Result<String, StoreError> {
        let (_, secret) = self.scoped().accounts().create_api_token(self.user(), name, &self.address).await?;
        Ok(secret)
    }

    pub async fn revoke_api_token(&self, id: i64) -> Result<bool, StoreError> {
        self.scoped().accounts().revoke_api_token(id, &self.address).await
    }
}

impl<S> FromRequestParts<S> for Caller
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Caller, WebError> {
        let app = AppState::from_ref(state);
        let tr = Tr::from_request_parts(parts, state).await.unwrap_or_default();
        let next = parts.uri.path_and_query().map(|p| p.to_string()).unwrap_or_else(|| "/".into());
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::SignInRequired { next: next.clone() })?;
        let Some(uid) = session.get::<i64>(SESSION_USER).await.map_err(WebError::session)? else {
            return Err(WebError::SignInRequired { next });
        };
        let epoch = session.get::<i64>(SESSION_EPOCH).await.map_err(WebError::session)?;
        let viewer = match app.signed_in_viewer(uid).await? {
            Some(v) if v.user().is_some_and(|u| Some(u.session_epoch) == epoch) => v,
            _ => {
                session.flush().await.map_err(WebError::session)?;
                return Err(WebError::SignInRequired { next });
            }
        };
        let csrf = csrf_token(&session).await?;
        let caller = Caller {
            db: app.db.clone(),
            viewer,
            session,
            csrf,
            address: client_address(parts, app.behind_proxy),
            tr,
            here: next,
        };
        // An error page of this request keeps the navigation (issue 14 §8).
        crate::page::remember_nav(caller.nav());
        Ok(caller)
    }
}

/// Starts a signed-in session for `user`: a new session id (no fixation),
/// a new CSRF token, the user's language.
pub(crate) async fn start_session(session: &Session, user: &User) -> Result<(), WebError> {
    session.cycle_id().await.map_err(WebError::session)?;
    session.insert(SESSION_USER, user.id).await.map_err(WebError::session)?;
    session.insert(SESSION_EPOCH, user.session_epoch).await.map_err(WebError::session)?;
    session.insert(SESSION_LANG, &user.language).await.map_err(WebError::session)?;
    let t = daihoi_store::accounts::random_hex(16)?;
    session.insert(SESSION_CSRF, &t).await.map_err(WebError::session)?;
    Ok(())
}
