//! Elections inside the application (issue 16; `election-rules.md`, R-*):
//! a congress's elections (R-BODY-1), their lists built and adopted
//! (R-LIST-*), the rounds with their ballots issued and the base frozen
//! from the congress's attendance (R-BASE-1/2), the board's accounts, the
//! ballots each of two clerks entered (`count.rs`: double entry, the
//! board's settlements and rulings, R-VALID-8, the count closed through the
//! engine's `Tally`) and the congress's decisions on decision points
//! (`decisions.rs`: R-RANK-2/3, R-DELEG-1); `floor` the electronic votes on
//! the floor; `after` what follows the count (R-AFTER-1…4, R-RANK-4: the
//! higher committee's approval and the seating, complaints, the ballots
//! kept, the stopped secretary's election). The rules are
//! `daihoi-election`'s; the store keeps and reads.

mod access;
pub mod after;
mod count;
mod decisions;
mod demo;
mod files;
pub mod floor;
mod list;
pub mod policy;

use daihoi_election::{Body, Electorate};

pub use access::Elections;
pub use count::{BallotLine, Entered, Ledger, NewEntry, NewRuling};
pub use decisions::{NewAction, NewDecision};
pub use demo::{DEMO_STAFF, DemoElection};
pub use files::ElectionRecord;
pub use list::{MAX_NAMES, MAX_SEATS};

/// An election of a congress (cuộc bầu cử): one body filled by secret
/// ballot, numbered within the congress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Election {
    pub id: i64,
    pub congress_id: i64,
    /// Its number within the congress, by which pages and the API name it.
    pub number: u32,
    pub body: Body,
    pub title: String,
    /// The number to elect, decided by the congress (R-BODY-2) or allotted
    /// (R-DELEG-1).
    pub seats: u32,
    /// The list's adoption by show of hands (R-BODY-2): who recorded it, when.
    pub adopted: Option<Stamp>,
}

/// Who did something and when (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub by: String,
    pub at: String,
}

/// A name proposed for the list (ứng cử viên).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its place in the order entered (from 1).
    pub position: u32,
    pub name: String,
    /// The member's card number, when the name is a member's.
    pub card: Option<String>,
    /// R-LIST-5: nominated at the congress, with the agreements and those
    /// attending at that vote; `None` for the convening committee's list.
    pub floor: Option<FloorVote>,
    /// R-LIST-7: the congress's decision that this name withdraws.
    pub withdrawn: Option<Withdrawn>,
    /// R-LIST-6: a floor nominee's votes in the congress's opinion ballot,
    /// once recorded.
    pub opinion: Option<u32>,
}

impl Candidate {
    /// On the list to vote on: not withdrawn and, from the floor, admitted
    /// by more than 30% of those attending (R-LIST-5).
    pub fn on_list(&self) -> bool {
        self.withdrawn.is_none() && self.floor.is_none_or(|f| f.admitted())
    }
}

/// R-LIST-5: the congress's vote on a name nominated at the congress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FloorVote {
    pub agree: u32,
    pub attending: u32,
}

impl FloorVote {
    /// More than 30% of those attending agreed (agree·10 > attending·3).
    pub fn admitted(self) -> bool {
        daihoi_election::list::floor_nominee_admitted(self.agree, self.attending)
    }
}

/// R-LIST-7: a withdrawal decided by the congress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawn {
    pub decided_by: String,
    pub reason: String,
    pub recorded: Stamp,
}

/// A round of voting (lần bầu).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionRound {
    pub number: u32,
    pub seats: u32,
    /// The list in ballot order (R-LIST-8).
    pub list: Vec<String>,
    /// The ballots issued and the electorate at that moment (R-BASE-1/2),
    /// once the ballots were issued.
    pub issued: Option<Issued>,
    /// The count closed by the board.
    pub closed: Option<Stamp>,
}

impl ElectionRound {
    /// The engine's election for this round of `election`, once its ballots
    /// are issued: its list and seats, the ballots issued and the electorate
    /// frozen then (R-BASE-1/2), under Regulation 190-QĐ/TW.
    pub fn engine(&self, election: &Election) -> Option<daihoi_election::Election> {
        let issued = self.issued.as_ref()?;
        Some(daihoi_election::Election {
            title: election.title.clone(),
            body: election.body,
            electorate: issued.electorate.clone(),
            seats: self.seats,
            ballots_issued: issued.ballots,
            candidates: self.list.clone(),
            rules: daihoi_election::RuleSet::default(),
        })
    }

    /// `decision` as the engine applies it: a further round it opened with
    /// that round's ballots issued and those present, once they are.
    pub fn with_next_round(
        decision: &daihoi_election::Decision,
        rounds: &[ElectionRound],
    ) -> daihoi_election::Decision {
        let mut decision = decision.clone();
        if let daihoi_election::DecisionAction::FurtherRound { ballots_issued, present, .. } = &mut decision.action
            && let Some(next) = rounds.iter().find(|r| r.number == decision.round + 1)
            && let Some(i) = &next.issued
        {
            *ballots_issued = i.ballots;
            *present = Some(i.electorate.present);
        }
        decision
    }
}

/// The ballots of a round handed out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub ballots: u32,
    /// The congress's session whose attendance gave those present.
    pub session: u32,
    pub electorate: Electorate,
    pub stamp: Stamp,
}

/// What an account does for the vote-counting board (ban kiểm phiếu) of
/// one election.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Duty {
    /// A clerk entering the stack: the first or the second entry.
    Entry1,
    Entry2,
    /// The board: settles the ballots whose entries differ, rules on
    /// disputed ballots (R-VALID-8), watches the totals, closes the count.
    Board,
}

impl Duty {
    pub const ALL: [Duty; 3] = [Duty::Entry1, Duty::Entry2, Duty::Board];

    pub fn code(self) -> &'static str {
        match self {
            Duty::Entry1 => "entry_1",
            Duty::Entry2 => "entry_2",
            Duty::Board => "board",
        }
    }

    pub fn parse(code: &str) -> Option<Duty> {
        Duty::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The entry (1 or 2) a clerk makes.
    pub fn entry(self) -> Option<u8> {
        match self {
            Duty::Entry1 => Some(1),
            Duty::Entry2 => Some(2),
            Duty::Board => None,
        }
    }
}

/// An account on the board of an election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub login: String,
    pub display_name: String,
    pub duty: Duty,
}

/// A recorded decision of the congress, numbered within the election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedDecision {
    pub number: u32,
    pub decision: daihoi_election::Decision,
    pub recorded: Stamp,
}

/// Everything about an election its readers see: the list, the rounds with
/// their counts once closed, the decisions and what is still to decide.
#[derive(Debug, Clone)]
pub struct ElectionView {
    pub election: Election,
    pub candidates: Vec<Candidate>,
    /// The list to adopt, with its check (R-LIST-1…4, R-LIST-6) while not
    /// adopted.
    pub list_check: Result<daihoi_election::ListCheck, daihoi_election::ElectionError>,
    /// R-LIST-6: the opinion ballot's cut, when the people added at the
    /// congress make the list longer than its cap and their votes are in.
    pub trim: Option<daihoi_election::list::Trim>,
    pub rounds: Vec<ElectionRound>,
    pub decisions: Vec<RecordedDecision>,
    pub staff: Vec<StaffMember>,
    /// The rounds from the first, with the counts of those closed, once the
    /// first round's ballots are issued.
    pub proceedings: Option<daihoi_election::Proceedings>,
}

impl ElectionView {
    /// The names on the list to adopt, in the order entered: without those
    /// the opinion ballot leaves off (R-LIST-6).
    pub fn list(&self) -> Vec<String> {
        let dropped = self.trim.as_ref().map_or(&[][..], |t| t.dropped.as_slice());
        self.candidates.iter().filter(|c| c.on_list() && !dropped.contains(&c.name)).map(|c| c.name.clone()).collect()
    }
}

/// The audit entry of a change to election `election` of `congress`.
fn change(
    congress: &crate::congresses::Congress,
    action: &'static str,
    election: u32,
    detail: String,
) -> crate::write::Change {
    crate::write::Change {
        action,
        org_path: Some(congress.org.path.clone()),
        subject: format!("congress {} election {election}", congress.id),
        detail,
        classification: crate::documents::Classification::Normal,
    }
}

/// A refusal under `rule`.
fn refuse(rule: &'static str, detail: impl Into<String>) -> crate::StoreError {
    crate::StoreError::ElectionRefused { rule, detail: detail.into() }
}

fn number(n: i64, what: &str) -> crate::StoreResult<u32> {
    u32::try_from(n).map_err(|_| crate::StoreError::corrupt(format!("bad {what} {n}")))
}
