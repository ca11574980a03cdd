//! What every feature's pages share: the header ([`Nav`]), path parameters
//! ([`Path`]), the organization a page is about, dates; reading uploads
//! ([`uploads`]) and previews waiting for their confirmation ([`pending`]).

pub mod pending;
pub mod uploads;

/// The header every page shows: who is signed in, the forms to sign out and
/// switch language (with the session's CSRF token), the links the user's
/// roles open.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// The signed-in user's name; `None` on the sign-in and error pages.
    pub user: Option<String>,
    pub csrf: String,
    /// Where the language switch comes back to.
    pub here: String,
    /// Show the audit log link.
    pub audit: bool,
}

tokio::task_local! {
    // The navigation of the signed-in user of the current page request,
    // set when its `Caller` is made, so that an error page (403, 404)
    // keeps the menu. Scoped by `i18n::remember_language`.
    static REQUEST_NAV: std::cell::RefCell<Option<Nav>>;
}

/// Runs a page request with room for its navigation ([`remember_nav`]).
pub(crate) async fn with_nav<F: std::future::Future>(f: F) -> F::Output {
    REQUEST_NAV.scope(std::cell::RefCell::new(None), f).await
}

/// Keeps the signed-in user's navigation for the request's error page.
pub(crate) fn remember_nav(nav: Nav) {
    let _ = REQUEST_NAV.try_with(|n| *n.borrow_mut() = Some(nav));
}

/// The navigation kept for the current request, or none (sign-in pages,
/// requests refused before a user was known).
pub(crate) fn request_nav() -> Nav {
    REQUEST_NAV.try_with(|n| n.borrow().clone()).ok().flatten().unwrap_or_default()
}

use daihoi_core::date::{from_iso, iso};
use serde::Deserialize;
use time::{Date, OffsetDateTime};

use crate::WebError;

/// A page's path parameters, as axum's `Path` reads them; one that does not
/// parse (`/members/abc`) answers the error page's "not found" in the
/// reader's language instead of axum's plain-text rejection.
pub struct Path<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for Path<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, WebError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(_) => Err(WebError::NotFound),
        }
    }
}

/// The organization `code` as it is today, if the caller's roles reach its
/// page (`NotFound` for a code that is not one or not there today).
pub(crate) async fn org_today(
    caller: &crate::access::Caller,
    code: &str,
) -> Result<daihoi_store::orgs::OrgNode, WebError> {
    let code = daihoi_core::OrgCode::parse(code).map_err(|_| WebError::NotFound)?;
    caller.scoped().orgs().org(&code, today()).await?.ok_or(WebError::NotFound)
}

/// [`org_today`] where the caller's roles also write (the office that
/// imports, gives tasks): `Forbidden` otherwise.
pub(crate) async fn writable_org_today(
    caller: &crate::access::Caller,
    code: &str,
) -> Result<daihoi_store::orgs::OrgNode, WebError> {
    let node = org_today(caller, code).await?;
    if !caller.scoped().orgs().may_edit(&node) {
        return Err(WebError::Forbidden);
    }
    Ok(node)
}

/// Today in Vietnam.
pub fn today() -> Date {
    daihoi_core::date::date_in_vietnam(OffsetDateTime::now_utc())
}

/// `?date=yyyy-mm-dd`: the date a page shows the tree and members on.
#[derive(Debug, Default, Deserialize)]
pub struct OnDate {
    pub date: Option<String>,
}

impl OnDate {
    pub fn resolve(&self) -> Result<Date, WebError> {
        match self.date.as_deref().map(str::trim) {
            None | Some("") => Ok(today()),
            Some(text) => from_iso(text)
                .or_else(|| daihoi_core::date::parse_date(text))
                .ok_or_else(|| WebError::BadDate(text.to_owned())),
        }
    }
}

/// A date for a page: `day` for people (through `tr.date`), `iso`
/// (`yyyy-mm-dd`) for links and forms.
pub struct ShownDate {
    pub day: Date,
    pub iso: String,
}

impl From<Date> for ShownDate {
    fn from(d: Date) -> Self {
        ShownDate { day: d, iso: iso(d) }
    }
}

/// TEXT-1 on a page form's field, checked before the write with the core
/// function the store applies (`checked`: `daihoi_core::text::line(…)` and
/// the like, on the text the handler will give the store), so that the
/// problem is named with the form's others: in words, naming the field by
/// the label the form shows (`label`, a message key). An empty text is
/// left to the form's own "missing" check (`None`).
pub(crate) fn text_refusal(
    tr: crate::i18n::Tr,
    label: &str,
    checked: Result<&str, daihoi_core::text::TextProblem>,
) -> Option<String> {
    use daihoi_core::text::TextProblem;
    let field = tr.t(label);
    match checked.err()? {
        TextProblem::Empty => None,
        TextProblem::TooLong { max, .. } => {
            Some(tr.t_args("form-text-too-long", &[("field", field), ("max", tr.number(max as u64))]))
        }
        TextProblem::Forbidden { position, .. } => {
            Some(tr.t_args("form-text-forbidden", &[("field", field), ("position", tr.number(position as u64))]))
        }
    }
}
