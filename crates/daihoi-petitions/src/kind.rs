//! What a case is (P-2) and how it came in (P-1). Each kind follows its
//! own law and so runs its own clocks ([`CaseKind::clocks`]).

use crate::rules::Trigger;

/// The kind of a case (P-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseKind {
    /// A complaint (khiếu nại) against an administrative decision or act
    /// (Law on Complaints 2011).
    Complaint,
    /// A denunciation (tố cáo) of a violation (Law on Denunciations 2018).
    Denunciation,
    /// A petition (kiến nghị).
    Petition,
    /// A reflection (phản ánh): information brought to the committee.
    Reflection,
    /// A complaint about a Party discipline decision (khiếu nại kỷ luật
    /// đảng), under the Party's own rules.
    PartyDisciplineComplaint,
}

/// For a complaint: the first or the second instance (lần đầu, lần hai).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Instance {
    First,
    Second,
}

impl Instance {
    pub fn code(self) -> &'static str {
        match self {
            Instance::First => "first",
            Instance::Second => "second",
        }
    }

    pub fn from_code(code: &str) -> Option<Instance> {
        [Instance::First, Instance::Second].into_iter().find(|i| i.code() == code)
    }
}

impl CaseKind {
    pub const ALL: [CaseKind; 5] = [
        CaseKind::Complaint,
        CaseKind::Denunciation,
        CaseKind::Petition,
        CaseKind::Reflection,
        CaseKind::PartyDisciplineComplaint,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CaseKind::Complaint => "complaint",
            CaseKind::Denunciation => "denunciation",
            CaseKind::Petition => "petition",
            CaseKind::Reflection => "reflection",
            CaseKind::PartyDisciplineComplaint => "party_discipline_complaint",
        }
    }

    pub fn from_code(code: &str) -> Option<CaseKind> {
        CaseKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The clocks a case of this kind runs, in order: for each, what
    /// starts it. The first starts at receipt; a settlement clock starts at
    /// acceptance (thụ lý).
    pub fn clocks(self, instance: Instance) -> &'static [Trigger] {
        match (self, instance) {
            (CaseKind::Complaint, Instance::First) => &[Trigger::ComplaintAcceptance, Trigger::ComplaintSettlement],
            (CaseKind::Complaint, Instance::Second) => {
                &[Trigger::SecondComplaintAcceptance, Trigger::SecondComplaintSettlement]
            }
            (CaseKind::Denunciation, _) => {
                &[Trigger::DenunciationProcessing, Trigger::DenunciationNotice, Trigger::DenunciationSettlement]
            }
            (CaseKind::Petition | CaseKind::Reflection, _) => &[Trigger::PetitionAnswer],
            (CaseKind::PartyDisciplineComplaint, _) => &[Trigger::PartyComplaintSettlement],
        }
    }

    /// Whether the denouncer's identity is secret (P-7: LTC Arts. 9, 47,
    /// 56): for a denunciation.
    pub fn identity_secret(self) -> bool {
        self == CaseKind::Denunciation
    }
}

/// How a filing came in (P-1): each becomes one case, or is linked to the
/// case of its matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// At the reception desk (tiếp công dân).
    Reception,
    /// A letter (đơn, thư).
    Letter,
    /// Transferred by another body (chuyển đến).
    Transfer,
    /// An online form.
    Online,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Reception, Channel::Letter, Channel::Transfer, Channel::Online];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Reception => "reception",
            Channel::Letter => "letter",
            Channel::Transfer => "transfer",
            Channel::Online => "online",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// P-2: each kind runs the clocks of its own law.
    #[test]
    fn each_kind_runs_its_own_clocks() {
        assert_eq!(
            CaseKind::Complaint.clocks(Instance::First),
            [Trigger::ComplaintAcceptance, Trigger::ComplaintSettlement]
        );
        assert_eq!(CaseKind::Complaint.clocks(Instance::Second)[1], Trigger::SecondComplaintSettlement);
        assert_eq!(CaseKind::Denunciation.clocks(Instance::First).last(), Some(&Trigger::DenunciationSettlement));
        assert_eq!(CaseKind::Petition.clocks(Instance::First), [Trigger::PetitionAnswer]);
        assert!(CaseKind::Denunciation.identity_secret());
        assert!(!CaseKind::Complaint.identity_secret());
    }

    #[test]
    fn codes_round_trip() {
        for k in CaseKind::ALL {
            assert_eq!(CaseKind::from_code(k.code()), Some(k));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(c));
        }
    }
}
