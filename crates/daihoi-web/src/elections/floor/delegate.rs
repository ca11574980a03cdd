//! A delegate's page on the floor (`/floor/{congress}`, issue 16 §5):
//! mobile first. Without a pass, the sign-in form: card number (typed, or
//! read from the card's QR code by `static/scan.js`) and PIN. With one,
//! the vote open now and three big buttons (for, against, abstain), each a
//! plain form; after a ballot, its acknowledgement (a secret ballot's
//! receipt code, to check later among those counted). A stream of
//! server-sent events tells the page to show itself again when a vote
//! opens or closes (`static/floor.js`); without JavaScript a reload does.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_store::StoreError;
use daihoi_store::elections::floor::secret::new_receipt;
use daihoi_store::elections::floor::{Choice, FloorSignIn, FloorVote};
use serde::Deserialize;
use tower_sessions::Session;

use super::live;
use crate::WebError;
use crate::access::{AppState, FloorDelegate, MaybeFloorDelegate, csrf_token, floor_cookie};
use crate::accounts::pages::Address;
use crate::i18n::Tr;
use crate::page::{Nav, Path};

#[derive(Debug, Default, Deserialize)]
pub struct DelegateParam {
    /// The acknowledgement of the ballot just cast (the flash after the
    /// redirect).
    pub ack: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    pub card: String,
    #[serde(default)]
    pub pin: String,
}

/// A ballot: the vote, the choice, and a secret ballot's receipt code.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BallotForm {
    #[serde(default)]
    pub vote: String,
    #[serde(default)]
    pub choice: String,
    #[serde(default)]
    pub receipt: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReceiptParam {
    pub code: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "floor_delegate.html")]
pub struct DelegatePage {
    tr: Tr,
    nav: Nav,
    congress: i64,
    /// `(name, card)` of the delegate signed in.
    signed: Option<(String, String)>,
    vote: Option<FloorVote>,
    on: String,
    eligible: bool,
    voted: bool,
    /// A fresh receipt code for a secret ballot's form.
    receipt: String,
    ack: Option<String>,
    problem: Option<String>,
    card: String,
    state: String,
    /// The three buttons: `(choice, its words' key)`.
    choices: [(&'static str, &'static str); 3],
}

#[derive(Template, WebTemplate)]
#[template(path = "floor_receipts.html")]
pub struct ReceiptsPage {
    tr: Tr,
    nav: Nav,
    congress: i64,
    vote: u32,
    hashes: Vec<String>,
    checked: Option<(String, bool)>,
}

fn nav(csrf: String, here: String) -> Nav {
    Nav { user: None, csrf, here, audit: false }
}

/// The state a delegate's page shows: the vote open and whether they voted.
pub(crate) fn delegate_state(vote: Option<&FloorVote>, voted: bool) -> String {
    match vote {
        Some(v) => format!("{}:{}", v.number, u8::from(voted)),
        None => "0".to_owned(),
    }
}

async fn delegate_page(
    tr: Tr,
    session: &Session,
    congress: i64,
    delegate: Option<&FloorDelegate>,
    ack: Option<String>,
    problem: Option<String>,
    card: String,
) -> Result<DelegatePage, WebError> {
    let csrf = csrf_token(session).await?;
    let (mut vote, mut on, mut eligible, mut voted, mut signed) = (None, String::new(), false, false, None);
    if let Some(d) = delegate.filter(|d| d.pass().congress_id() == congress) {
        let view = d.scoped().floor_votes().for_delegate(d.pass()).await?;
        on = view.vote.as_ref().map(|v| on_text(tr, v)).unwrap_or_default();
        (vote, eligible, voted) = (view.vote, view.eligible, view.voted);
        signed = Some((d.pass().name().to_owned(), d.pass().card().to_owned()));
    }
    Ok(DelegatePage {
        tr,
        nav: nav(csrf, format!("/floor/{congress}")),
        congress,
        state: delegate_state(vote.as_ref(), voted),
        signed,
        vote,
        on,
        eligible,
        voted,
        receipt: new_receipt()?,
        ack,
        problem,
        card,
        choices: [
            ("for", "floor-choice-for"),
            ("against", "floor-choice-against"),
            ("abstain", "floor-choice-abstain"),
        ],
    })
}

/// What a vote is on, as a delegate reads it (the programme item's number;
/// the office's page names it in full, the presidium announces it).
fn on_text(tr: Tr, v: &FloorVote) -> String {
    match v.on {
        daihoi_congress::agenda::VoteOn::Body(b) => tr.t(&crate::congresses::agenda::body_key(b)),
        daihoi_congress::agenda::VoteOn::Item(n) => tr.t1("floor-item", "number", n),
    }
}

/// `GET /floor/{congress}`: the sign-in form, or the vote open now.
pub async fn page(
    tr: Tr,
    session: Session,
    MaybeFloorDelegate(delegate): MaybeFloorDelegate,
    Path(congress): Path<i64>,
    Query(p): Query<DelegateParam>,
) -> Result<DelegatePage, WebError> {
    let ack = p.ack.filter(|a| a.len() <= 64 && a.bytes().all(|b| b.is_ascii_hexdigit()));
    delegate_page(tr, &session, congress, delegate.as_ref(), ack, None, String::new()).await
}

/// `POST /floor/{congress}/sign-in`: card number and PIN; the pass's
/// cookie and back to the page (303), or the form again (401).
pub async fn sign_in(
    State(app): State<AppState>,
    tr: Tr,
    session: Session,
    Address(address): Address,
    Path(congress): Path<i64>,
    Form(form): Form<SignInForm>,
) -> Result<Response, WebError> {
    let problem = match app.floor_sign_in(congress, &form.card, &form.pin, &address).await? {
        FloorSignIn::Accepted { token, .. } => {
            let mut response = Redirect::to(&format!("/floor/{congress}")).into_response();
            let cookie = HeaderValue::from_str(&floor_cookie(&token, app.secure_cookies))
                .map_err(|_| WebError::BadInput("error-internal"))?;
            response.headers_mut().append(header::SET_COOKIE, cookie);
            return Ok(response);
        }
        FloorSignIn::Refused => "floor-sign-in-refused",
        FloorSignIn::Locked => "floor-sign-in-locked",
    };
    let card: String = form.card.trim().chars().take(20).collect();
    let page = delegate_page(tr, &session, congress, None, None, Some(tr.t(problem)), card).await?;
    Ok((StatusCode::UNAUTHORIZED, page).into_response())
}

/// `POST /floor/{congress}/sign-out`: ends the pass.
pub async fn sign_out(
    State(app): State<AppState>,
    MaybeFloorDelegate(delegate): MaybeFloorDelegate,
    Path(congress): Path<i64>,
) -> Result<Response, WebError> {
    if let Some(d) = delegate {
        app.floor_sign_out(&d.token).await?;
    }
    let mut response = Redirect::to(&format!("/floor/{congress}")).into_response();
    let cookie = HeaderValue::from_str(&floor_cookie("", app.secure_cookies))
        .map_err(|_| WebError::BadInput("error-internal"))?;
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

/// `POST /floor/{congress}/ballot`: the delegate's ballot on the vote
/// open; back to the page with its acknowledgement (303), or the page
/// with the refusal (422). Without a pass: the sign-in form (401).
pub async fn ballot(
    tr: Tr,
    session: Session,
    MaybeFloorDelegate(delegate): MaybeFloorDelegate,
    Path(congress): Path<i64>,
    Form(form): Form<BallotForm>,
) -> Result<Response, WebError> {
    let Some(d) = delegate.filter(|d| d.pass().congress_id() == congress) else {
        let page =
            delegate_page(tr, &session, congress, None, None, Some(tr.t("floor-sign-in-first")), String::new()).await?;
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    };
    let (Some(vote), Some(choice)) = (form.vote.trim().parse::<u32>().ok(), Choice::parse(form.choice.trim())) else {
        let page = delegate_page(tr, &session, congress, Some(&d), None, Some(tr.t("floor-bad-ballot")), String::new())
            .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let f = d.scoped().floor_votes();
    let cast = if form.receipt.trim().is_empty() {
        f.cast(d.pass(), vote, choice, &d.address).await
    } else {
        f.cast_secret(d.pass(), vote, choice, &form.receipt, &d.address).await
    };
    match cast {
        Ok(c) => {
            if !c.again {
                live::ballot_stored();
            }
            let again = if c.again { "&again=1" } else { "" };
            Ok(Redirect::to(&format!("/floor/{congress}?ack={}{again}", c.ack)).into_response())
        }
        Err(StoreError::CongressRefused { rule, detail }) => {
            let problem = tr.t_args("floor-refused", &[("rule", rule.to_owned()), ("detail", detail)]);
            let page = delegate_page(tr, &session, congress, Some(&d), None, Some(problem), String::new()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /floor/{congress}/events`: the delegate's state each time it
/// changes (server-sent events); 401 without a pass.
pub async fn events(
    MaybeFloorDelegate(delegate): MaybeFloorDelegate,
    Path(congress): Path<i64>,
) -> Result<Response, WebError> {
    let Some(d) = delegate.filter(|d| d.pass().congress_id() == congress) else {
        return Ok(StatusCode::UNAUTHORIZED.into_response());
    };
    let d = std::sync::Arc::new(d);
    Ok(live::stream(live::Follow::Phase, move || {
        let d = d.clone();
        async move {
            let view = d.scoped().floor_votes().for_delegate(d.pass()).await.ok()?;
            Some(delegate_state(view.vote.as_ref(), view.voted))
        }
    })
    .into_response())
}

/// `GET /floor/{congress}/votes/{vote}/receipts?code=`: the receipt hashes
/// counted in a secret ballot, and whether the delegate's code is among
/// them (for the congress's delegates).
pub async fn receipts(
    tr: Tr,
    session: Session,
    MaybeFloorDelegate(delegate): MaybeFloorDelegate,
    Path((congress, vote)): Path<(i64, u32)>,
    Query(p): Query<ReceiptParam>,
) -> Result<Response, WebError> {
    let Some(d) = delegate.filter(|d| d.pass().congress_id() == congress) else {
        let page =
            delegate_page(tr, &session, congress, None, None, Some(tr.t("floor-sign-in-first")), String::new()).await?;
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    };
    let f = d.scoped().floor_votes();
    let hashes = f.receipts_for_delegate(d.pass(), vote).await?;
    let checked = match p.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => Some((c.chars().take(64).collect(), f.receipt_counted(d.pass(), vote, c).await?)),
        None => None,
    };
    let csrf = csrf_token(&session).await?;
    Ok(ReceiptsPage { tr, nav: nav(csrf, format!("/floor/{congress}")), congress, vote, hashes, checked }
        .into_response())
}
