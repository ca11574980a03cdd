//! What is elected, and the candidate list's checks (R-LIST-*).

use daihoi_core::{NameCollator, PersonName};
use serde::{Deserialize, Serialize};

use crate::ElectionError;
use crate::rules::RuleSet;

/// What an election fills (R-BODY-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// Ban Chấp hành (cấp ủy): the executive committee.
    Committee,
    /// Ban Thường vụ: the standing committee.
    StandingCommittee,
    /// Bí thư.
    Secretary,
    /// Phó Bí thư.
    DeputySecretary,
    /// Ủy ban Kiểm tra: the inspection commission.
    InspectionCommission,
    /// Chủ nhiệm Ủy ban Kiểm tra.
    InspectionChair,
    /// Phó Chủ nhiệm Ủy ban Kiểm tra.
    InspectionViceChair,
    /// Đại biểu chính thức: official delegates to the higher congress.
    Delegates,
    /// Đại biểu dự khuyết: alternate delegates, ranked (R-DELEG-1).
    Alternates,
}

impl Body {
    pub const ALL: [Body; 9] = [
        Body::Committee,
        Body::StandingCommittee,
        Body::Secretary,
        Body::DeputySecretary,
        Body::InspectionCommission,
        Body::InspectionChair,
        Body::InspectionViceChair,
        Body::Delegates,
        Body::Alternates,
    ];

    /// The body for its code.
    pub fn parse(code: &str) -> Option<Body> {
        Body::ALL.into_iter().find(|b| b.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Body::Committee => "committee",
            Body::StandingCommittee => "standing_committee",
            Body::Secretary => "secretary",
            Body::DeputySecretary => "deputy_secretary",
            Body::InspectionCommission => "inspection_commission",
            Body::InspectionChair => "inspection_chair",
            Body::InspectionViceChair => "inspection_vice_chair",
            Body::Delegates => "delegates",
            Body::Alternates => "alternates",
        }
    }

    /// R-LIST-1 applies to these: a surplus is required and capped.
    fn surplus_required(self) -> bool {
        matches!(self, Body::Committee | Body::StandingCommittee)
    }
}

/// Something about a list that is allowed but worth a look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ListWarning {
    /// R-LIST-3: the convening committee's list aims at 10%–15% surplus.
    ConveningSurplusOutsideAim { seats: u32, surplus: u32 },
    /// R-LIST-4: fewer names than seats: some seats cannot be filled.
    FewerNamesThanSeats { seats: u32, candidates: u32 },
}

/// The list's numbers once checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListCheck {
    /// C − N; negative when there are fewer names than seats.
    pub surplus: i64,
    pub warnings: Vec<ListWarning>,
}

/// Checks a list of `candidates` names for `seats` seats of `body`.
/// `convening_list` is true for the list the convening committee proposes
/// (R-LIST-3 applies to it).
pub fn check_list(
    body: Body,
    seats: u32,
    candidates: &[String],
    convening_list: bool,
    rules: &RuleSet,
) -> Result<ListCheck, ElectionError> {
    if seats == 0 {
        return Err(ElectionError::NoSeats);
    }
    if candidates.is_empty() {
        return Err(ElectionError::EmptyList);
    }
    check_names(candidates)?;
    let c = u32::try_from(candidates.len()).unwrap_or(u32::MAX);
    let surplus = i64::from(c) - i64::from(seats);
    let mut warnings = Vec::new();
    if surplus > 0 {
        let s = u32::try_from(surplus).unwrap_or(u32::MAX);
        // R-LIST-2: bodies of 3 to 5 seats take a surplus of 1 at most.
        if (3..=5).contains(&seats) && s > 1 {
            return Err(ElectionError::SmallBodySurplus { seats, surplus: s });
        }
        // R-LIST-1 (or R-LIST-2, or the congress's lower cap): see `max_names`.
        if let Some(max) = max_names(body, seats, rules)
            && c > max
        {
            return Err(ElectionError::SurplusOverCap { seats, surplus: s, max: max - seats });
        }
        // R-LIST-3: the convening committee aims at 10%–15%.
        if convening_list && body.surplus_required() {
            let (n, s) = (u64::from(seats), u64::from(s));
            if !(n * 10 <= s * 100 && s * 100 <= n * 15) {
                warnings.push(ListWarning::ConveningSurplusOutsideAim { seats, surplus: s as u32 });
            }
        }
    } else if body.surplus_required() {
        // R-LIST-1: a committee list needs a surplus.
        return Err(ElectionError::NoSurplus { body: body.code(), seats, candidates: c });
    } else if surplus < 0 {
        // R-LIST-4: other bodies may have no surplus; fewer names than seats
        // leaves seats unfilled.
        warnings.push(ListWarning::FewerNamesThanSeats { seats, candidates: c });
    }
    Ok(ListCheck { surplus, warnings })
}

/// R-BALLOT-1: every name of a list is printed in full on the ballot, once:
/// none is empty (or only spaces) and none is there twice.
pub fn check_names(candidates: &[String]) -> Result<(), ElectionError> {
    for (i, name) in candidates.iter().enumerate() {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            return Err(ElectionError::EmptyCandidate(i + 1));
        }
        // The same name but for spaces around it. (Comparing search keys
        // too, as before, added nothing: equal trimmed names have equal
        // keys, and equal keys alone would merge "An" and "Ân".)
        if candidates[..i].iter().any(|other| other.trim() == trimmed) {
            return Err(ElectionError::DuplicateCandidate(name.clone()));
        }
    }
    Ok(())
}

/// R-LIST-5: a floor or self nominee goes on the list only if more than 30%
/// of those attending agree (agree·10 > attending·3).
pub fn floor_nominee_admitted(agree: u32, attending: u32) -> bool {
    u64::from(agree) * 10 > u64::from(attending) * 3
}

/// The most names a list of `body` for `seats` seats may have: R-LIST-1's
/// 30% (floor(N·3/10), so S·10 ≤ N·3 exactly, no rounding up; R-LIST-2's 1
/// for 3 to 5 seats), or the congress's lower cap.
/// `None` for bodies whose surplus has no cap in the regulation (R-LIST-4).
pub fn max_names(body: Body, seats: u32, rules: &RuleSet) -> Option<u32> {
    if !body.surplus_required() {
        return None;
    }
    let surplus = if (3..=5).contains(&seats) { 1 } else { seats * 3 / 10 };
    let surplus = rules.surplus_cap.map_or(surplus, |cap| cap.min(surplus));
    Some(seats + surplus)
}

/// The result of an opinion ballot on the people added at the congress (R-LIST-6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trim {
    /// Added people who stay on the list, most opinion votes first.
    pub kept: Vec<String>,
    /// Added people who leave the list.
    pub dropped: Vec<String>,
    /// A tie at the cut: `slots` places left for the `tied` (the congress decides).
    pub tie: Option<(u32, Vec<String>)>,
}

/// R-LIST-6: when the committee's list plus the people added at the congress
/// exceed the cap, the added people are kept from the most opinion votes down
/// until the list is within the cap [190 text cut off; practice]. A tie at
/// the cut is not broken: it is returned for the congress to decide.
/// `added` is (name, opinion votes) in list order.
pub fn trim_by_opinion(max_names: u32, committee_list: u32, added: &[(String, u32)]) -> Trim {
    let slots = max_names.saturating_sub(committee_list) as usize;
    let mut order: Vec<usize> = (0..added.len()).collect();
    // Stable: equal votes keep list order (for display only; ties are reported).
    order.sort_by(|&a, &b| added[b].1.cmp(&added[a].1));
    let names = |idx: &[usize]| idx.iter().map(|&i| added[i].0.clone()).collect::<Vec<_>>();
    if order.len() <= slots {
        return Trim { kept: names(&order), dropped: Vec::new(), tie: None };
    }
    if slots == 0 {
        return Trim { kept: Vec::new(), dropped: names(&order), tie: None };
    }
    let cutoff = added[order[slots - 1]].1;
    if added[order[slots]].1 == cutoff {
        let above: Vec<usize> = order.iter().copied().filter(|&i| added[i].1 > cutoff).collect();
        let tied: Vec<usize> = order.iter().copied().filter(|&i| added[i].1 == cutoff).collect();
        let below: Vec<usize> = order.iter().copied().filter(|&i| added[i].1 < cutoff).collect();
        let left = (slots - above.len()) as u32;
        return Trim { kept: names(&above), dropped: names(&below), tie: Some((left, names(&tied))) };
    }
    Trim { kept: names(&order[..slots]), dropped: names(&order[slots..]), tie: None }
}

/// R-LIST-6: the list to adopt from the convening committee's names and the
/// people added at the congress (admitted by R-LIST-5), each added one with
/// its votes in the congress's opinion ballot once recorded. Within the cap
/// (R-LIST-1, R-LIST-2), or with nobody added, the list is all of them;
/// beyond it, the opinion ballot keeps the added from the most votes down
/// ([`trim_by_opinion`]): refused while a vote is missing, and at a tie at
/// the cut (the congress decides, never the software). The committee's
/// names first, then the added kept, in the order given.
pub fn list_with_opinion(
    body: Body,
    seats: u32,
    committee: &[String],
    added: &[(String, Option<u32>)],
    rules: &RuleSet,
) -> Result<(Vec<String>, Option<Trim>), ElectionError> {
    let all = || committee.iter().cloned().chain(added.iter().map(|(n, _)| n.clone())).collect::<Vec<_>>();
    let names = u32::try_from(committee.len() + added.len()).unwrap_or(u32::MAX);
    let Some(max) = max_names(body, seats, rules).filter(|max| names > *max && !added.is_empty()) else {
        return Ok((all(), None));
    };
    let missing: Vec<String> = added.iter().filter(|(_, v)| v.is_none()).map(|(n, _)| n.clone()).collect();
    if !missing.is_empty() {
        return Err(ElectionError::OpinionMissing { names, max, missing });
    }
    let votes: Vec<(String, u32)> = added.iter().map(|(n, v)| (n.clone(), v.unwrap_or(0))).collect();
    let committee_names = u32::try_from(committee.len()).unwrap_or(u32::MAX);
    let trim = trim_by_opinion(max, committee_names, &votes);
    if let Some((slots, tied)) = &trim.tie {
        return Err(ElectionError::OpinionTie { slots: *slots, tied: tied.clone() });
    }
    let list = committee
        .iter()
        .cloned()
        .chain(added.iter().map(|(n, _)| n.clone()).filter(|n| trim.kept.contains(n)))
        .collect();
    Ok((list, Some(trim)))
}

/// R-LIST-8: ballot order, by given name, then middle name, then family name,
/// in Vietnamese collation. Names that do not parse keep their relative order
/// at the end.
pub fn ballot_order(names: &[String]) -> Vec<String> {
    let collator = NameCollator::vietnamese();
    let mut parsed: Vec<(Option<PersonName>, &String)> = names.iter().map(|n| (PersonName::parse(n).ok(), n)).collect();
    parsed.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) => collator.compare(a, b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    parsed.into_iter().map(|(_, n)| n.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R-LIST-6: 9 seats allow 11 names; the committee's 10 and three
    /// added at the congress: the opinion ballot keeps one, the most voted;
    /// a missing vote or a tie at the cut is refused, never guessed.
    #[test]
    fn r_list_6_the_opinion_ballot_keeps_the_most_voted() {
        let rules = RuleSet::default();
        let committee = names(10);
        let added = |votes: [Option<u32>; 3]| -> Vec<(String, Option<u32>)> {
            ["Thêm A", "Thêm B", "Thêm C"].iter().zip(votes).map(|(n, v)| ((*n).to_owned(), v)).collect()
        };
        let (list, trim) =
            list_with_opinion(Body::Committee, 9, &committee, &added([Some(40), Some(90), Some(10)]), &rules).unwrap();
        assert_eq!(list.len(), 11);
        assert_eq!(list.last().map(String::as_str), Some("Thêm B"));
        assert_eq!(trim.unwrap().dropped, ["Thêm A", "Thêm C"]);
        assert!(matches!(
            list_with_opinion(Body::Committee, 9, &committee, &added([Some(40), None, Some(10)]), &rules),
            Err(ElectionError::OpinionMissing { names: 13, max: 11, ref missing }) if missing == &["Thêm B"]
        ));
        let tie = list_with_opinion(Body::Committee, 9, &committee, &added([Some(90), Some(90), Some(10)]), &rules);
        assert!(matches!(&tie, Err(ElectionError::OpinionTie { slots: 1, tied }) if tied.len() == 2), "{tie:?}");
        assert_eq!(tie.unwrap_err().rule(), "R-LIST-6");
        // Within the cap, nobody's votes are needed.
        let (list, trim) =
            list_with_opinion(Body::Committee, 9, &names(9), &added([None, None, None])[..2], &rules).unwrap();
        assert_eq!((list.len(), trim), (11, None));
    }

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("Ứng viên {i}")).collect()
    }

    /// W5 (R-LIST-1, R-LIST-3): N = 15 → at most 4 surplus (19 names); the
    /// committee's own list aims at 2 (17 names).
    #[test]
    fn w5_committee_of_15() {
        let rules = RuleSet::default();
        assert!(check_list(Body::Committee, 15, &names(19), false, &rules).is_ok());
        assert!(matches!(
            check_list(Body::Committee, 15, &names(20), false, &rules),
            Err(ElectionError::SurplusOverCap { max: 4, .. })
        ));
        let own = check_list(Body::Committee, 15, &names(17), true, &rules).unwrap();
        assert_eq!(own.surplus, 2);
        assert!(own.warnings.is_empty(), "2 of 15 is 13%: inside the aim");
        let wide = check_list(Body::Committee, 15, &names(19), true, &rules).unwrap();
        assert_eq!(wide.warnings, vec![ListWarning::ConveningSurplusOutsideAim { seats: 15, surplus: 4 }]);
    }

    /// R-LIST-1: a committee list needs a surplus; the cap is exact (no rounding).
    #[test]
    fn r_list_1_surplus_required_and_capped() {
        let rules = RuleSet::default();
        assert!(matches!(
            check_list(Body::Committee, 9, &names(9), false, &rules),
            Err(ElectionError::NoSurplus { .. })
        ));
        // N = 9: 30% is 2.7, so 2 is the most.
        assert!(check_list(Body::Committee, 9, &names(11), false, &rules).is_ok());
        assert!(check_list(Body::Committee, 9, &names(12), false, &rules).is_err());
        // N = 10: exactly 3.
        assert!(check_list(Body::StandingCommittee, 10, &names(13), false, &rules).is_ok());
        assert!(check_list(Body::StandingCommittee, 10, &names(14), false, &rules).is_err());
        // A congress may set a lower cap.
        let lower = RuleSet { surplus_cap: Some(1), ..RuleSet::default() };
        assert!(check_list(Body::Committee, 10, &names(12), false, &lower).is_err());
        assert!(check_list(Body::Committee, 10, &names(11), false, &lower).is_ok());
    }

    /// R-LIST-2: 3 to 5 seats: surplus of 1 at most.
    #[test]
    fn r_list_2_small_bodies() {
        let rules = RuleSet::default();
        assert!(check_list(Body::Committee, 3, &names(4), false, &rules).is_ok());
        assert!(matches!(
            check_list(Body::Committee, 5, &names(7), false, &rules),
            Err(ElectionError::SmallBodySurplus { .. })
        ));
        assert!(check_list(Body::InspectionCommission, 5, &names(6), false, &rules).is_ok());
    }

    /// R-LIST-4: other bodies may be voted on a list without surplus.
    #[test]
    fn r_list_4_no_surplus_allowed_for_other_bodies() {
        let rules = RuleSet::default();
        assert_eq!(check_list(Body::Secretary, 1, &names(1), false, &rules).unwrap().surplus, 0);
        assert_eq!(check_list(Body::Delegates, 12, &names(12), false, &rules).unwrap().surplus, 0);
        let fewer = check_list(Body::Delegates, 12, &names(10), false, &rules).unwrap();
        assert_eq!(fewer.warnings, vec![ListWarning::FewerNamesThanSeats { seats: 12, candidates: 10 }]);
        let dup = vec!["Nguyễn Văn An".to_owned(), "Nguyễn Văn An".to_owned()];
        assert!(matches!(
            check_list(Body::Delegates, 2, &dup, false, &rules),
            Err(ElectionError::DuplicateCandidate(_))
        ));
    }

    /// R-BALLOT-1: the ballot prints every name in full, once: an empty name
    /// (or only spaces) and a name twice are refused, with the rule.
    #[test]
    fn r_ballot_1_empty_or_duplicate_names_are_refused() {
        let rules = RuleSet::default();
        for empty in ["", "  ", "\u{a0}"] {
            let list = vec!["Nguyễn Văn An".to_owned(), empty.to_owned(), "Trần Thị Bình".to_owned()];
            let err = check_list(Body::Committee, 2, &list, false, &rules).unwrap_err();
            assert_eq!(err, ElectionError::EmptyCandidate(2));
            assert!(err.to_string().starts_with("R-BALLOT-1: "), "{err}");
        }
        let dup = vec!["Nguyễn Văn An".to_owned(), "Trần Thị Bình".to_owned(), " Nguyễn Văn An".to_owned()];
        let err = check_names(&dup).unwrap_err();
        assert_eq!(err, ElectionError::DuplicateCandidate(" Nguyễn Văn An".into()));
        assert!(err.to_string().starts_with("R-BALLOT-1: "), "{err}");
    }

    /// R-LIST-6: N = 15 allows 19 names; the committee proposed 17, the
    /// congress added four: two places, kept by opinion votes; a tie at the
    /// cut is the congress's to decide.
    #[test]
    fn r_list_6_opinion_ballot_trims_the_added() {
        let rules = RuleSet::default();
        let max = max_names(Body::Committee, 15, &rules).unwrap();
        assert_eq!(max, 19);
        let added = |v: &[(&str, u32)]| v.iter().map(|(n, k)| ((*n).to_owned(), *k)).collect::<Vec<_>>();
        let t = trim_by_opinion(max, 17, &added(&[("A", 40), ("B", 80), ("C", 60), ("D", 20)]));
        assert_eq!((t.kept, t.dropped, t.tie), (vec!["B".into(), "C".into()], vec!["A".into(), "D".into()], None));
        let t = trim_by_opinion(max, 17, &added(&[("A", 80), ("B", 60), ("C", 60), ("D", 40)]));
        assert_eq!(t.kept, ["A"]);
        assert_eq!(t.dropped, ["D"]);
        assert_eq!(t.tie, Some((1, vec!["B".into(), "C".into()])));
        // Within the cap: everyone stays; no room: everyone leaves.
        assert_eq!(trim_by_opinion(max, 17, &added(&[("A", 1), ("B", 0)])).dropped.len(), 0);
        assert_eq!(trim_by_opinion(max, 19, &added(&[("A", 90)])).dropped, ["A"]);
        // Small bodies and a congress's lower cap.
        assert_eq!(max_names(Body::Committee, 5, &rules), Some(6));
        assert_eq!(max_names(Body::Committee, 20, &RuleSet { surplus_cap: Some(2), ..RuleSet::default() }), Some(22));
        assert_eq!(max_names(Body::Delegates, 20, &rules), None);
    }

    /// W9 (R-LIST-5): 120 attending; 37 agreements admit (30.8%), 36 do not (30.0%).
    #[test]
    fn w9_floor_nominee() {
        assert!(floor_nominee_admitted(37, 120));
        assert!(!floor_nominee_admitted(36, 120));
    }

    /// R-LIST-8: ballot order by given name in Vietnamese collation.
    #[test]
    fn r_list_8_ballot_order() {
        let list: Vec<String> =
            ["Đỗ Thị Ương", "Hoàng Dũng", "Nguyễn Văn Bình", "Trần Thị Ánh", "Phạm Đức Anh", "Lê Anh"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
        assert_eq!(
            ballot_order(&list),
            ["Lê Anh", "Phạm Đức Anh", "Trần Thị Ánh", "Nguyễn Văn Bình", "Hoàng Dũng", "Đỗ Thị Ương"]
        );
    }
}
