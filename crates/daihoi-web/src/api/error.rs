//! The one error envelope of the API.
//!
//! Policy: every API error, whether a handler returns it, an extractor
//! rejects the request (bad JSON, a bad path or query parameter), no route
//! matches, or the store fails, is answered as
//! `{"error": {"code": "…", "message": "…"}}` with the status that goes
//! with the code, and `"rule"` when a rule of docs/org-tree.md refused it.
//! Messages are in English, for API clients. Domain refusals of the store
//! (a duplicate code, a kind that cannot sit under its parent, a change
//! dated before the current version) carry the store's own text; failures
//! of the engine are logged with their cause and answered as a plain
//! `internal` error that reveals nothing of the internals.
//!
//! 400 is what the OpenAPI document could have told the client (a
//! malformed value, a field outside its pattern or length, TEXT-1); 422 a
//! well-formed request that a rule beyond the schema refuses (O-CODE-1
//! relates two fields, O-DATE-1 depends on today, O-KIND-1 on the parent's
//! kind); 409 a conflict with what is stored.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use daihoi_store::StoreError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

/// What went wrong, as a stable machine-readable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: a parameter or body the API cannot accept.
    BadRequest,
    /// 401: no bearer token, or one that is unknown or revoked.
    Unauthorized,
    /// 403: the caller's roles do not reach the organization or member.
    Forbidden,
    /// 404: no such organization (on the date), member or path.
    NotFound,
    /// 405: the path exists but not with this method.
    MethodNotAllowed,
    /// 409: the change conflicts with the stored tree (a duplicate code, a
    /// change dated before the current version, a parent dissolved since, …).
    Conflict,
    /// 422: a well-formed request that a rule refuses: a code not under its
    /// parent's (O-CODE-1), a date outside the tree's history (O-DATE-1), a
    /// kind that cannot sit under the parent's (O-KIND-1), a tracking rule
    /// (T-1…T-6: docs/tracking.md).
    Unprocessable,
    /// 500: the server failed; the cause is in its log.
    Internal,
}

impl ErrorCode {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"error": {"code": "not_found", "message": "no organization QN.XX on 2026-11-28"}}))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// For people, in English.
    pub message: String,
    /// The rule that refused the request, when one did (docs/org-tree.md):
    /// `TEXT-1`, `O-CODE-1`, `O-DATE-1`, `O-CURRENT-1` or `O-KIND-1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "O-CODE-1")]
    pub rule: Option<&'static str>,
}

/// An API error: a code, a message and the rule that refused it, if any.
#[derive(Debug)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub rule: Option<&'static str>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), rule: None }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::BadRequest, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::NotFound, message)
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(ErrorCode::Unauthorized, "a valid API token is required: Authorization: Bearer dh_…")
    }

    pub fn forbidden() -> ApiError {
        ApiError::new(ErrorCode::Forbidden, "your roles do not reach this resource")
    }

    pub(crate) fn internal() -> ApiError {
        ApiError::new(ErrorCode::Internal, "internal error")
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        let rule = e.rule();
        ApiError { rule, ..ApiError::from_store(e) }
    }
}

impl ApiError {
    fn from_store(e: StoreError) -> ApiError {
        use StoreError as E;
        match e {
            E::Forbidden(what) => {
                tracing::info!(%what, "API refused: outside the user's roles");
                ApiError::forbidden()
            }
            E::NotFound(_) | E::UnknownOrg(_) => ApiError::not_found(e.to_string()),
            E::DuplicateOrg(_)
            | E::OrgNotOnDate { .. }
            | E::NotAfterCurrent { .. }
            | E::NotEmpty { .. }
            | E::Cycle { .. }
            | E::OrgDiffers { .. }
            | E::DuplicateLogin(_)
            | E::EndedSince { .. }
            | E::AlreadyArrived { .. }
            | E::BallotEntered { .. }
            | E::DuplicateDocument(_) => ApiError::new(ErrorCode::Conflict, e.to_string()),
            // The tracking rules (T-1…T-6) that refuse a well-formed task,
            // event or target: rules beyond the document.
            E::KindMismatch { .. }
            | E::CodePlacement(_)
            | E::HistoryDate(_)
            | E::Tracking(_)
            | E::BadTask(_)
            | E::TaskRefused(_)
            | E::DeadlineRefused(_)
            | E::HeldBeforeIssue { .. }
            | E::ArrivalDate { .. }
            | E::ForwardRefused(_)
            | E::CongressRefused { .. }
            | E::ElectionRefused { .. }
            | E::DraftRefused { .. }
            | E::PetitionRefused { .. }
            | E::Congress(_)
            | E::MemberRefused(_) => ApiError::new(ErrorCode::Unprocessable, e.to_string()),
            E::BadText { .. }
            | E::UnknownParent { .. }
            | E::BadLogin(_)
            | E::WeakPassword { .. }
            | E::WrongPassword
            | E::BadTokenName
            | E::BadLink(_) => ApiError::bad_request(e.to_string()),
            E::Database(_)
            | E::Migrate(_)
            | E::CreateDir { .. }
            | E::BackupExists(_)
            | E::BackupOnPostgres
            | E::UnsupportedUrl(_)
            | E::Crypto(_)
            | E::Corrupt(_) => {
                tracing::error!(error = %e, "API: store error");
                ApiError::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.code.status();
        let body = ErrorBody { error: ErrorDetail { code: self.code, message: self.message, rule: self.rule } };
        let mut response = (status, Json(body)).into_response();
        if self.code == ErrorCode::Unauthorized {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> ApiError {
        ApiError::bad_request(format!("invalid JSON body: {}", r.body_text()))
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> ApiError {
        ApiError::bad_request(format!("invalid path parameter: {}", r.body_text()))
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> ApiError {
        ApiError::bad_request(format!("invalid query parameter: {}", r.body_text()))
    }
}

/// `axum::Json` whose rejections come back in the envelope.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let Json(v) = Json::<T>::from_request(req, state).await?;
        Ok(ApiJson(v))
    }
}

/// `axum::extract::Path` whose rejections come back in the envelope.
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Path(v) = axum::extract::Path::<T>::from_request_parts(parts, state).await?;
        Ok(ApiPath(v))
    }
}

/// `axum::extract::Query` whose rejections come back in the envelope.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Query(v) = axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(ApiQuery(v))
    }
}

/// No API route has this path.
pub async fn no_route() -> ApiError {
    ApiError::not_found("no such API path")
}

/// The path exists, but not with this method.
pub async fn wrong_method() -> ApiError {
    ApiError::new(ErrorCode::MethodNotAllowed, "this path does not take this method")
}
