//! Electronic votes on the floor of a congress (issue 16 §5): named votes
//! (biểu quyết) and, where a committee chooses them, secret electronic
//! ballots for an opinion ballot.
//!
//! Optional per congress: its office turns them on (`floor_congress`) and
//! issues each delegate convened a PIN (stored salted and hashed). A
//! delegate signs in on a phone or a tablet with their card number (the
//! card's QR code) and PIN and gets a pass ([`DelegatePass`]): not a user
//! account, a token bound to (congress, person) that expires. The office
//! opens a vote on a programme item or a body (one at a time), with the
//! session open then; those checked in to it when it opens are its base
//! (R-BASE-2, R-PASS-1) and the only ones who vote. Each votes once (the
//! key): a retried request gets the same acknowledgement, never a second
//! ballot. Every acknowledged ballot is committed before it is
//! acknowledged. The office closes the vote; the presidium declares, and
//! the reader is warned when the declaration disagrees with 2·for > base.
//!
//! Secret ballots (`secret.rs`): who voted and the anonymous ballots are
//! two tables with nothing that joins them, written in one transaction;
//! the voter keeps a receipt code whose hash the ballot holds.

pub mod access;
pub mod delegates;
pub mod policy;
pub mod secret;
pub mod votes;

use daihoi_congress::agenda::{Declared, ShowOfHandsBody, VoteOn};
use daihoi_core::OrgPath;

use crate::{StoreError, StoreResult, Viewer};

/// A delegate's choice on a named vote or a secret ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    For,
    Against,
    Abstain,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::For, Choice::Against, Choice::Abstain];

    pub fn code(self) -> &'static str {
        match self {
            Choice::For => "for",
            Choice::Against => "against",
            Choice::Abstain => "abstain",
        }
    }

    pub fn parse(code: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// A vote on the floor as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloorVote {
    /// Numbered from 1 within the congress.
    pub number: u32,
    pub on: VoteOn,
    /// A secret opinion ballot rather than a named vote.
    pub secret: bool,
    /// What a secret opinion ballot asks.
    pub question: Option<String>,
    /// The session open when the vote opened.
    pub session: u32,
    /// Those checked in to that session when the vote opened (R-BASE-2,
    /// R-PASS-1): the base, and the only ones who vote.
    pub base: u32,
    pub opened_by: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
    /// The presidium's declaration, once made.
    pub declared: Option<Declared>,
}

impl FloorVote {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }
}

/// The count of a vote: ballots by choice, how many voted, the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub votes_for: u32,
    pub against: u32,
    pub abstaining: u32,
    pub voted: u32,
    pub base: u32,
}

impl Tally {
    /// R-PASS-1: more than half of the base voted for (2·for > base).
    pub fn majority_for(&self) -> bool {
        2 * u64::from(self.votes_for) > u64::from(self.base)
    }

    /// Whether a declaration disagrees with R-PASS-1's majority: the
    /// reader's warning, never a refusal (the presidium declares).
    pub fn disagrees(&self, declared: Declared) -> bool {
        self.majority_for() != (declared == Declared::Adopted)
    }
}

/// A ballot acknowledged: the vote, the choice stored, the
/// acknowledgement code, and whether it was stored by an earlier request
/// (a retry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cast {
    pub number: u32,
    /// The choice stored (for a secret ballot, the one just given: the
    /// server keeps no link from the voter to it).
    pub choice: Choice,
    /// A named vote's acknowledgement; a secret ballot's receipt code.
    pub ack: String,
    pub again: bool,
}

/// A PIN issued to a delegate: shown once or printed on a slip, stored
/// hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedPin {
    pub card: String,
    pub name: String,
    pub pin: String,
}

/// Someone convened to a vote who has not voted yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub card: String,
    pub name: String,
}

/// A delegate signed in to a congress's floor votes: made by the store
/// only (from a valid card and PIN, or a pass's token), so that holding
/// one is proof. Its viewer reaches no organization: it only votes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegatePass {
    pub(crate) viewer: Viewer,
    pub(crate) congress_id: i64,
    pub(crate) person_id: i64,
    pub(crate) org_path: Option<OrgPath>,
    card: String,
    name: String,
}

impl DelegatePass {
    /// The viewer of the delegate: no role anywhere; the audit log names
    /// them `delegate:<card>`.
    pub fn viewer(&self) -> &Viewer {
        &self.viewer
    }

    pub fn congress_id(&self) -> i64 {
        self.congress_id
    }

    pub fn card(&self) -> &str {
        &self.card
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A delegate's sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FloorSignIn {
    /// The pass and its token (for the cookie or the bearer header).
    Accepted { token: String, pass: Box<DelegatePass> },
    /// Wrong card or PIN, or the congress does not vote on the floor.
    Refused,
    /// Too many wrong PINs: the office issues another.
    Locked,
}

pub(crate) fn refused(detail: impl Into<String>) -> StoreError {
    StoreError::CongressRefused { rule: "R-BODY-2", detail: detail.into() }
}

pub(crate) fn number(n: i64, what: &str) -> StoreResult<u32> {
    u32::try_from(n).map_err(|_| StoreError::corrupt(format!("bad {what} {n}")))
}

pub(crate) fn vote_on(body: Option<String>, item: Option<i64>) -> StoreResult<VoteOn> {
    match (body, item) {
        (Some(b), _) => {
            Ok(VoteOn::Body(ShowOfHandsBody::parse(&b).ok_or_else(|| StoreError::corrupt(format!("bad body {b:?}")))?))
        }
        (None, Some(i)) => Ok(VoteOn::Item(number(i, "item")?)),
        (None, None) => Err(StoreError::corrupt("a floor vote on nothing")),
    }
}

/// How a vote is named in the audit log.
pub(crate) fn on_text(on: VoteOn) -> String {
    match on {
        VoteOn::Body(b) => b.code().to_owned(),
        VoteOn::Item(i) => format!("item {i}"),
    }
}
