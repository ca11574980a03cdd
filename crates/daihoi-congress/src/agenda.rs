//! The programme of a congress (chương trình đại hội): its preparatory
//! session (phiên trù bị, C-PLAN-8) and its official session with the
//! contents of the agenda (C-PLAN-6), the bodies elected by show of hands
//! (R-BODY-2) and the show-of-hands votes themselves.
//!
//! The default programme is a proposal: people edit it (add an item, mark
//! one done). The pass rule of a show-of-hands vote is not in the rules:
//! a [`HandVote`] keeps the counts, the number present and the presidium's
//! declaration (a person's recorded decision), and only warns when the
//! declaration disagrees with a simple majority of those present.

use serde::{Deserialize, Serialize};

use crate::level::LevelClass;
use crate::plan::{AgendaItem, Contents};

/// A session of the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeSession {
    /// Phiên trù bị (C-PLAN-8), at most ½ day within the congress's length.
    Preparatory,
    /// Phiên chính thức: the agenda (C-PLAN-6).
    Official,
}

impl ProgrammeSession {
    pub const ALL: [ProgrammeSession; 2] = [ProgrammeSession::Preparatory, ProgrammeSession::Official];

    pub fn code(self) -> &'static str {
        match self {
            ProgrammeSession::Preparatory => "preparatory",
            ProgrammeSession::Official => "official",
        }
    }

    pub fn parse(code: &str) -> Option<ProgrammeSession> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A body elected by show of hands (R-BODY-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShowOfHandsBody {
    /// Đoàn chủ tịch (C-PLAN-8).
    Presidium,
    /// Đoàn thư ký (C-PLAN-8).
    Secretariat,
    /// Ban thẩm tra tư cách đại biểu (C-PLAN-8).
    CredentialsCommittee,
    /// Ban kiểm phiếu (R-BODY-2), usually in the official session before the
    /// first ballot.
    VoteCountingBoard,
}

impl ShowOfHandsBody {
    pub const ALL: [ShowOfHandsBody; 4] = [
        ShowOfHandsBody::Presidium,
        ShowOfHandsBody::Secretariat,
        ShowOfHandsBody::CredentialsCommittee,
        ShowOfHandsBody::VoteCountingBoard,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ShowOfHandsBody::Presidium => "presidium",
            ShowOfHandsBody::Secretariat => "secretariat",
            ShowOfHandsBody::CredentialsCommittee => "credentials_committee",
            ShowOfHandsBody::VoteCountingBoard => "vote_counting_board",
        }
    }

    pub fn parse(code: &str) -> Option<ShowOfHandsBody> {
        Self::ALL.into_iter().find(|b| b.code() == code)
    }

    /// The programme item that elects the body.
    pub fn item(self) -> StandardItem {
        match self {
            ShowOfHandsBody::Presidium => StandardItem::ElectPresidium,
            ShowOfHandsBody::Secretariat => StandardItem::ElectSecretariat,
            ShowOfHandsBody::CredentialsCommittee => StandardItem::ElectCredentialsCommittee,
            ShowOfHandsBody::VoteCountingBoard => StandardItem::ElectVoteCountingBoard,
        }
    }
}

/// An item of the default programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandardItem {
    /// C-PLAN-8: elect the presidium by show of hands.
    ElectPresidium,
    /// C-PLAN-8: elect the secretariat by show of hands.
    ElectSecretariat,
    /// C-PLAN-8: elect the credentials committee by show of hands.
    ElectCredentialsCommittee,
    /// C-PLAN-8: adopt the programme.
    AdoptProgramme,
    /// C-PLAN-8: adopt the rules (nội quy).
    AdoptRules,
    /// C-PLAN-8: adopt the working regulations (quy chế làm việc).
    AdoptRegulations,
    /// R-BODY-2: elect the vote-counting board, before the first ballot.
    ElectVoteCountingBoard,
    /// C-PLAN-6: a content of the agenda.
    Agenda(AgendaItem),
}

impl StandardItem {
    /// Every item, in the order of the default programme.
    pub const ALL: [StandardItem; 11] = [
        StandardItem::ElectPresidium,
        StandardItem::ElectSecretariat,
        StandardItem::ElectCredentialsCommittee,
        StandardItem::AdoptProgramme,
        StandardItem::AdoptRules,
        StandardItem::AdoptRegulations,
        StandardItem::Agenda(AgendaItem::Review),
        StandardItem::Agenda(AgendaItem::CommentOnDrafts),
        StandardItem::ElectVoteCountingBoard,
        StandardItem::Agenda(AgendaItem::ElectCommittee),
        StandardItem::Agenda(AgendaItem::ElectDelegation),
    ];

    pub fn code(self) -> &'static str {
        match self {
            StandardItem::ElectPresidium => "elect_presidium",
            StandardItem::ElectSecretariat => "elect_secretariat",
            StandardItem::ElectCredentialsCommittee => "elect_credentials_committee",
            StandardItem::AdoptProgramme => "adopt_programme",
            StandardItem::AdoptRules => "adopt_rules",
            StandardItem::AdoptRegulations => "adopt_regulations",
            StandardItem::ElectVoteCountingBoard => "elect_vote_counting_board",
            StandardItem::Agenda(AgendaItem::Review) => "review",
            StandardItem::Agenda(AgendaItem::CommentOnDrafts) => "comment_on_drafts",
            StandardItem::Agenda(AgendaItem::ElectCommittee) => "elect_committee",
            StandardItem::Agenda(AgendaItem::ElectDelegation) => "elect_delegation",
        }
    }

    pub fn parse(code: &str) -> Option<StandardItem> {
        Self::ALL.into_iter().find(|i| i.code() == code)
    }

    /// The session the item belongs to by default: C-PLAN-8's in the
    /// preparatory session, the agenda and the vote-counting board in the
    /// official one (R-BODY-2).
    pub fn session(self) -> ProgrammeSession {
        match self {
            StandardItem::ElectVoteCountingBoard | StandardItem::Agenda(_) => ProgrammeSession::Official,
            _ => ProgrammeSession::Preparatory,
        }
    }

    /// Whether the item is adopted or elected by show of hands (R-BODY-2,
    /// C-PLAN-8): the agenda's elections are by ballot.
    pub fn by_show_of_hands(self) -> bool {
        !matches!(self, StandardItem::Agenda(_))
    }
}

/// An item of the default programme with its session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProgrammeLine {
    pub session: ProgrammeSession,
    pub item: StandardItem,
}

/// The default programme of a congress (C-PLAN-8, C-PLAN-6): the
/// preparatory session's elections and adoptions, then the agenda of its
/// contents (`Contents::agenda`: a two-content congress, C-PLAN-3, has
/// contents 1–2 only), the vote-counting board before the first ballot
/// when it elects (R-BODY-2). A cell's congress, or one that sends no
/// delegation, has no election of a delegation.
pub fn default_programme(level: LevelClass, contents: Contents, sends_delegation: bool) -> Vec<ProgrammeLine> {
    let agenda = contents.agenda();
    StandardItem::ALL
        .into_iter()
        .filter(|i| match i {
            StandardItem::Agenda(AgendaItem::ElectDelegation) => {
                agenda.contains(&AgendaItem::ElectDelegation)
                    && !matches!(level, LevelClass::Cell | LevelClass::National)
                    && sends_delegation
            }
            StandardItem::Agenda(a) => agenda.contains(a),
            StandardItem::ElectVoteCountingBoard => contents.elects(),
            _ => true,
        })
        .map(|item| ProgrammeLine { session: item.session(), item })
        .collect()
}

/// What the presidium declared of a show-of-hands vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Declared {
    Adopted,
    NotAdopted,
}

impl Declared {
    pub fn code(self) -> &'static str {
        match self {
            Declared::Adopted => "adopted",
            Declared::NotAdopted => "not_adopted",
        }
    }

    pub fn parse(code: &str) -> Option<Declared> {
        [Declared::Adopted, Declared::NotAdopted].into_iter().find(|d| d.code() == code)
    }
}

/// What a show-of-hands vote is on: a body's election or a programme item
/// (by its number in the programme).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteOn {
    Body(ShowOfHandsBody),
    Item(u32),
}

/// A show-of-hands vote (R-BODY-2): the counts, the number present at that
/// vote and the presidium's declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandVote {
    pub item: VoteOn,
    #[serde(rename = "for")]
    pub votes_for: u32,
    pub against: u32,
    pub abstaining: u32,
    pub present: u32,
    pub declared: Declared,
}

/// A refused programme, body or vote, with the rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgendaError {
    #[error(
        "R-BODY-2: {counted} hands counted ({votes_for} for, {against} against, {abstaining} abstaining) but {present} present"
    )]
    MoreHandsThanPresent { votes_for: u32, against: u32, abstaining: u32, counted: u64, present: u32 },
    #[error("R-BODY-2: no one is present at the vote")]
    NobodyPresent,
    #[error("R-BODY-2: {person:?} is not a convened delegate of the congress")]
    NotADelegate { person: String },
    #[error("R-BODY-2: {person:?} is a member of the {body} already")]
    MemberTwice { person: String, body: &'static str },
    #[error("C-PLAN-6: a {contents} congress has no item {item}")]
    ItemNotOfContents { item: &'static str, contents: &'static str },
    #[error("C-PLAN-6: item {number} is done; it is the record of the congress and stays in its programme")]
    ItemDone { number: u32 },
    #[error("R-BODY-2: a vote by show of hands is recorded on item {number}; it stays in the programme")]
    ItemVoted { number: u32 },
}

impl AgendaError {
    pub fn rule(&self) -> &'static str {
        match self {
            AgendaError::ItemNotOfContents { .. } | AgendaError::ItemDone { .. } => "C-PLAN-6",
            _ => "R-BODY-2",
        }
    }
}

/// Whether an item may leave the programme: not once done (C-PLAN-6: the
/// programme carried out is the congress's record), nor with a vote by show
/// of hands recorded on it (R-BODY-2: the vote names its item).
pub fn check_removal(number: u32, done: bool, votes_on_it: u32) -> Result<(), AgendaError> {
    if done {
        return Err(AgendaError::ItemDone { number });
    }
    if votes_on_it > 0 {
        return Err(AgendaError::ItemVoted { number });
    }
    Ok(())
}

/// Where an item moves in its session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    Earlier,
    Later,
}

impl Move {
    pub fn code(self) -> &'static str {
        match self {
            Move::Earlier => "earlier",
            Move::Later => "later",
        }
    }

    pub fn parse(code: &str) -> Option<Move> {
        [Move::Earlier, Move::Later].into_iter().find(|m| m.code() == code)
    }

    /// The place `at` (an index in its session of `len` items) goes to, or
    /// `None` at the session's edge.
    pub fn target(self, at: usize, len: usize) -> Option<usize> {
        match self {
            Move::Earlier => at.checked_sub(1),
            Move::Later => (at + 1 < len).then_some(at + 1),
        }
    }
}

/// The warning of a show-of-hands vote: the declaration disagrees with a
/// simple majority of those present (2·for > present). Never a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MajorityWarning {
    /// Whether a simple majority of those present voted for.
    pub majority_for: bool,
    pub declared: Declared,
}

impl HandVote {
    /// R-BODY-2: the hands counted are no more than those present, and
    /// someone is present.
    pub fn check(&self) -> Result<(), AgendaError> {
        if self.present == 0 {
            return Err(AgendaError::NobodyPresent);
        }
        let counted = u64::from(self.votes_for) + u64::from(self.against) + u64::from(self.abstaining);
        if counted > u64::from(self.present) {
            return Err(AgendaError::MoreHandsThanPresent {
                votes_for: self.votes_for,
                against: self.against,
                abstaining: self.abstaining,
                counted,
                present: self.present,
            });
        }
        Ok(())
    }

    /// Whether more than half of those present voted for.
    pub fn majority_for(&self) -> bool {
        2 * u64::from(self.votes_for) > u64::from(self.present)
    }

    /// The warning when the presidium's declaration disagrees with a simple
    /// majority of those present; the software never decides itself.
    pub fn warning(&self) -> Option<MajorityWarning> {
        let majority_for = self.majority_for();
        (majority_for != (self.declared == Declared::Adopted))
            .then_some(MajorityWarning { majority_for, declared: self.declared })
    }
}

/// R-BODY-2: a person may join a body when convened to the congress (a
/// delegate on the roll, or a member of a member congress) and not on the
/// body yet.
pub fn check_member(
    body: ShowOfHandsBody,
    person: &str,
    convened: &[&str],
    members: &[&str],
) -> Result<(), AgendaError> {
    if !convened.contains(&person) {
        return Err(AgendaError::NotADelegate { person: person.to_owned() });
    }
    if members.contains(&person) {
        return Err(AgendaError::MemberTwice { person: person.to_owned(), body: body.code() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn items(level: LevelClass, contents: Contents, sends: bool) -> Vec<&'static str> {
        default_programme(level, contents, sends).iter().map(|l| l.item.code()).collect()
    }

    /// C-PLAN-6, R-BODY-2: an item done or voted on stays; another may go.
    /// A move stays inside its session.
    #[test]
    fn removal_and_moves() {
        assert_eq!(check_removal(3, false, 0), Ok(()));
        assert_eq!(check_removal(3, true, 0).map_err(|e| e.rule()), Err("C-PLAN-6"));
        assert_eq!(check_removal(3, false, 2).map_err(|e| e.rule()), Err("R-BODY-2"));
        assert_eq!(Move::Earlier.target(0, 3), None);
        assert_eq!(Move::Earlier.target(2, 3), Some(1));
        assert_eq!(Move::Later.target(1, 3), Some(2));
        assert_eq!(Move::Later.target(2, 3), None);
        assert_eq!(Move::parse("later"), Some(Move::Later));
        assert_eq!(Move::parse("up"), None);
    }

    /// C-PLAN-8: the preparatory session elects the presidium, secretariat
    /// and credentials committee and adopts the programme, rules and
    /// regulations; C-PLAN-6: the official session has the four contents;
    /// R-BODY-2: the vote-counting board before the first ballot.
    #[test]
    fn the_default_programme_of_a_full_congress() {
        let p = default_programme(LevelClass::Commune, Contents::Full, true);
        let (prep, official): (Vec<&ProgrammeLine>, Vec<&ProgrammeLine>) =
            p.iter().partition(|l| l.session == ProgrammeSession::Preparatory);
        assert_eq!(
            prep.iter().map(|l| l.item.code()).collect::<Vec<_>>(),
            [
                "elect_presidium",
                "elect_secretariat",
                "elect_credentials_committee",
                "adopt_programme",
                "adopt_rules",
                "adopt_regulations"
            ]
        );
        assert_eq!(
            official.iter().map(|l| l.item.code()).collect::<Vec<_>>(),
            ["review", "comment_on_drafts", "elect_vote_counting_board", "elect_committee", "elect_delegation"]
        );
        // The preparatory session comes first.
        assert!(p.windows(2).all(|w| w[0].session <= w[1].session));
    }

    /// C-PLAN-6: a cell's congress, or one sending no delegation, has no (4);
    /// C-PLAN-3: a two-content congress has contents 1–2 and elects nobody
    /// (no vote-counting board).
    #[test]
    fn cells_and_two_content_congresses() {
        let cell = items(LevelClass::Cell, Contents::Full, true);
        assert!(cell.contains(&"elect_committee") && !cell.contains(&"elect_delegation"));
        assert!(!items(LevelClass::Commune, Contents::Full, false).contains(&"elect_delegation"));
        let two = items(LevelClass::Commune, Contents::TwoContents, true);
        assert_eq!(&two[6..], ["review", "comment_on_drafts"]);
        assert!(two.contains(&"elect_presidium"));
    }

    #[test]
    fn codes_round_trip() {
        for i in StandardItem::ALL {
            assert_eq!(StandardItem::parse(i.code()), Some(i));
        }
        for b in ShowOfHandsBody::ALL {
            assert_eq!(ShowOfHandsBody::parse(b.code()), Some(b));
            assert!(b.item().by_show_of_hands());
        }
        for s in ProgrammeSession::ALL {
            assert_eq!(ProgrammeSession::parse(s.code()), Some(s));
        }
        assert_eq!(Declared::parse("adopted"), Some(Declared::Adopted));
        assert_eq!(StandardItem::ElectVoteCountingBoard.session(), ProgrammeSession::Official);
    }

    fn vote(f: u32, a: u32, ab: u32, present: u32, declared: Declared) -> HandVote {
        HandVote {
            item: VoteOn::Body(ShowOfHandsBody::Presidium),
            votes_for: f,
            against: a,
            abstaining: ab,
            present,
            declared,
        }
    }

    /// R-BODY-2: more hands than people present is refused with the rule;
    /// the warning follows a simple majority of those present.
    #[test]
    fn a_hand_vote_is_checked_and_warned() {
        let e = vote(50, 1, 1, 51, Declared::Adopted).check().unwrap_err();
        assert_eq!(e.rule(), "R-BODY-2");
        assert!(e.to_string().contains("52 hands"), "{e}");
        assert_eq!(vote(0, 0, 0, 0, Declared::Adopted).check(), Err(AgendaError::NobodyPresent));
        let ok = vote(26, 20, 5, 51, Declared::Adopted);
        assert_eq!(ok.check(), Ok(()));
        assert_eq!(ok.warning(), None);
        // Half is not more than half.
        let half = vote(25, 0, 0, 50, Declared::Adopted);
        assert_eq!(half.warning(), Some(MajorityWarning { majority_for: false, declared: Declared::Adopted }));
        assert_eq!(vote(26, 0, 0, 50, Declared::NotAdopted).warning().map(|w| w.majority_for), Some(true));
        assert_eq!(vote(3, 40, 0, 50, Declared::NotAdopted).warning(), None);
    }

    /// R-BODY-2: a body's members are convened delegates, each once.
    #[test]
    fn members_of_a_body() {
        let convened = ["001", "002"];
        let b = ShowOfHandsBody::Secretariat;
        assert_eq!(check_member(b, "001", &convened, &[]), Ok(()));
        assert_eq!(check_member(b, "009", &convened, &[]).map_err(|e| e.rule()), Err("R-BODY-2"));
        assert!(matches!(check_member(b, "001", &convened, &["001"]), Err(AgendaError::MemberTwice { .. })));
    }

    proptest! {
        /// R-BODY-2: a vote is accepted exactly when its hands fit in those
        /// present (and someone is present); the warning is exactly the
        /// disagreement of the declaration with 2·for > present.
        #[test]
        fn hand_votes_accept_and_warn_exactly(
            f in 0u32..2000, a in 0u32..2000, ab in 0u32..2000, present in 0u32..5000, adopted: bool
        ) {
            let declared = if adopted { Declared::Adopted } else { Declared::NotAdopted };
            let v = vote(f, a, ab, present, declared);
            let fits = u64::from(f) + u64::from(a) + u64::from(ab) <= u64::from(present) && present > 0;
            prop_assert_eq!(v.check().is_ok(), fits);
            let majority = 2 * u64::from(f) > u64::from(present);
            prop_assert_eq!(v.warning().is_some(), majority != adopted);
        }

        /// C-PLAN-8 / C-PLAN-6: every default programme opens with the
        /// preparatory session's six items, keeps sessions in order, and
        /// elects a delegation only when it may.
        #[test]
        fn default_programmes_hold_their_shape(level in 0usize..4, two: bool, sends: bool) {
            let level = [LevelClass::Cell, LevelClass::Grassroots, LevelClass::Commune, LevelClass::UnderCentre][level];
            let contents = if two { Contents::TwoContents } else { Contents::Full };
            let p = default_programme(level, contents, sends);
            prop_assert!(p.windows(2).all(|w| w[0].session <= w[1].session));
            prop_assert_eq!(p.iter().filter(|l| l.session == ProgrammeSession::Preparatory).count(), 6);
            let delegation = p.iter().any(|l| l.item == StandardItem::Agenda(AgendaItem::ElectDelegation));
            prop_assert_eq!(delegation, !two && sends && level != LevelClass::Cell);
        }
    }
}
