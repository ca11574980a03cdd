//! Delegate seats (số lượng, phân bổ đại biểu): the national formula of
//! Decision 341-QĐ/TW (C-DEL-6) with its working, a proposal in the same
//! shape for a lower congress (C-DEL-2, parameters [open] and supplied), the
//! decided seat table (C-DEL-1, C-DEL-2, C-DEL-8) and the size caps (C-DEL-4).
//! The convening committee decides; computed figures only propose and warn.

use serde::{Deserialize, Serialize};

use crate::CongressError;
use crate::plan::Contents;
use crate::round::{Awaiting, OpenQuestion, RoundSettings, Scope, SettingKey, Used};

/// A province's merger in 2025 (C-DEL-6's base).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Merger {
    NotMerged,
    FromTwo,
    FromThree,
}

/// C-DEL-6's importance bonus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// Hà Nội, TP. Hồ Chí Minh, the Military, the Police: +10.
    KeyCityOrForce,
    /// Central Party Agencies, the Government: +25.
    CentralAgenciesOrGovernment,
    /// The National Assembly, the Fatherland Front and mass organizations: +8.
    AssemblyOrFront,
}

/// C-DEL-6: Decision 341-QĐ/TW's parameters [V2].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalParameters {
    pub base_not_merged: u32,
    pub base_from_two: u32,
    pub base_from_three: u32,
    pub members_per_seat: u32,
    pub remainder_at_least: u32,
    pub bonus_key_city_or_force: u32,
    pub bonus_central_agencies_or_government: u32,
    pub bonus_assembly_or_front: u32,
    /// Designated from party secretaries, ambassadors and heads of
    /// delegations abroad.
    pub designated_abroad: u32,
}

impl NationalParameters {
    /// 341-QĐ/TW (23/7/2025).
    pub fn decision_341() -> NationalParameters {
        NationalParameters {
            base_not_merged: 13,
            base_from_two: 24,
            base_from_three: 35,
            members_per_seat: 12_000,
            remainder_at_least: 6_001,
            bonus_key_city_or_force: 10,
            bonus_central_agencies_or_government: 25,
            bonus_assembly_or_front: 8,
            designated_abroad: 15,
        }
    }
}

/// An organization directly under the Centre, for C-DEL-6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalUnit {
    pub merger: Merger,
    pub members: u32,
    pub importance: Option<Importance>,
}

/// A term of the working.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "term")]
pub enum TermKind {
    /// The base per organization (sub-unit).
    Base,
    /// floor(members / per).
    PerMembers { members: u32, per: u32 },
    /// 1 if the remainder is at least the threshold, else 0.
    Remainder { remainder: u32, at_least: u32 },
    /// C-DEL-6's importance bonus.
    Importance { importance: Importance },
    /// A bonus the caller gave a sub-unit (C-DEL-2's importance).
    Bonus,
}

/// One term of the working and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub kind: TermKind,
    pub value: u32,
}

/// The working of a seat count: its terms, in order, and their sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Working {
    pub terms: Vec<Term>,
    pub seats: u32,
}

impl Working {
    /// The terms' values: [13, 41, 1, 10] for Hà Nội.
    pub fn values(&self) -> Vec<u32> {
        self.terms.iter().map(|t| t.value).collect()
    }
}

/// base + floor(m / per) + (m mod per ≥ at_least ? 1 : 0) + extra terms.
fn formula(base: u32, members: u32, per: u32, at_least: u32, extra: Vec<Term>) -> Working {
    let mut terms = vec![
        Term { kind: TermKind::Base, value: base },
        Term { kind: TermKind::PerMembers { members, per }, value: members / per },
        Term {
            kind: TermKind::Remainder { remainder: members % per, at_least },
            value: u32::from(members % per >= at_least),
        },
    ];
    terms.extend(extra);
    let seats = terms.iter().fold(0u32, |a, t| a.saturating_add(t.value));
    Working { terms, seats }
}

/// C-DEL-6: a national unit's seats, with the working:
/// base + floor(M/12,000) + 1 if M mod 12,000 ≥ 6,001 + bonus.
pub fn national_seats(unit: NationalUnit, settings: &RoundSettings) -> Result<(Working, Used), CongressError> {
    let p = settings.national.value;
    if p.members_per_seat == 0 {
        return Err(CongressError::NoMembersPerSeat);
    }
    let base = match unit.merger {
        Merger::NotMerged => p.base_not_merged,
        Merger::FromTwo => p.base_from_two,
        Merger::FromThree => p.base_from_three,
    };
    let extra = unit
        .importance
        .map(|importance| {
            let value = match importance {
                Importance::KeyCityOrForce => p.bonus_key_city_or_force,
                Importance::CentralAgenciesOrGovernment => p.bonus_central_agencies_or_government,
                Importance::AssemblyOrFront => p.bonus_assembly_or_front,
            };
            Term { kind: TermKind::Importance { importance }, value }
        })
        .into_iter()
        .collect();
    Ok((
        formula(base, unit.members, p.members_per_seat, p.remainder_at_least, extra),
        settings.national.used(SettingKey::National),
    ))
}

/// C-DEL-2: a proposal's parameters, set per congress [open]: the caller
/// supplies them (from the recorded answer,
/// [`RoundSettings::allocation_parameters`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalParameters {
    pub base_per_unit: u32,
    pub members_per_seat: u32,
    pub remainder_at_least: u32,
}

/// A sub-unit (đầu mối) of a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalUnit {
    pub organization: String,
    pub members: u32,
    /// Seats added for the sub-unit's importance, as the committee sets.
    pub bonus: u32,
}

/// One row of a proposal, with its working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalRow {
    pub organization: String,
    pub members: u32,
    pub working: Working,
}

/// C-DEL-2: a proposal, never the decision: the seat table is the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub parameters: ProposalParameters,
    pub rows: Vec<ProposalRow>,
    pub total: u32,
}

/// C-DEL-2: a proposal in the shape of C-DEL-6, per sub-unit: base + 1 per
/// `members_per_seat` + 1 if the remainder is at least `remainder_at_least`
/// (+ the sub-unit's bonus).
pub fn propose(units: &[ProposalUnit], parameters: ProposalParameters) -> Result<Proposal, CongressError> {
    if parameters.members_per_seat == 0 {
        return Err(CongressError::NoMembersPerSeat);
    }
    let mut rows: Vec<ProposalRow> = Vec::with_capacity(units.len());
    for u in units {
        if rows.iter().any(|r| r.organization == u.organization) {
            return Err(CongressError::UnitTwice(u.organization.clone()));
        }
        let extra = if u.bonus > 0 { vec![Term { kind: TermKind::Bonus, value: u.bonus }] } else { Vec::new() };
        rows.push(ProposalRow {
            organization: u.organization.clone(),
            members: u.members,
            working: formula(
                parameters.base_per_unit,
                u.members,
                parameters.members_per_seat,
                parameters.remainder_at_least,
                extra,
            ),
        });
    }
    let total = rows.iter().fold(0u32, |a, r| a.saturating_add(r.working.seats));
    Ok(Proposal { parameters, rows, total })
}

/// How a seat is filled (C-DEL-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatMode {
    /// Đại biểu đương nhiên: the convening committee's members (C-DEL-7).
    ExOfficio,
    /// Elected by the lower congress.
    Elected,
    /// Đại biểu chỉ định: designated by the higher committee, with a
    /// decision reference.
    Designated,
}

impl SeatMode {
    /// C-DEL-8: the mode proposed for a lower organization's seats: a
    /// 2-content congress (C-PLAN-3) elects no delegation, so its seats are
    /// designated [INF; default, configurable]; the table decides.
    pub fn proposed_for(lower: Contents) -> SeatMode {
        if lower.elects() { SeatMode::Elected } else { SeatMode::Designated }
    }
}

/// One row of the decided seat table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatRow {
    pub organization: String,
    pub seats: u32,
    pub mode: SeatMode,
    /// The designation decision (C-DEL-8).
    pub decision: Option<String>,
}

/// C-DEL-1, C-DEL-2: the convening committee's decision: the total (an
/// input, never computed) and the seats of each organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatTable {
    pub total: u32,
    /// The convening committee's decision (quyết định) fixing the total.
    pub decision: String,
    pub rows: Vec<SeatRow>,
}

/// The counts of a checked table by mode, and the designated cap's check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatSummary {
    pub ex_officio: u32,
    pub elected: u32,
    pub designated: u32,
    /// C-DEL-8: the designated seats are within the cap (`Ok(true)`), over
    /// it (`Ok(false)`, a warning), or the cap waits for an answer.
    pub designated_within_cap: Result<bool, Awaiting>,
}

impl SeatTable {
    /// C-DEL-1, C-DEL-2, C-DEL-8: the seats add up to the decided total, no
    /// organization is there twice, designated seats cite their decision.
    /// `scope`: the convening organization, for the designated cap [open].
    pub fn check(&self, settings: &RoundSettings, scope: &Scope) -> Result<SeatSummary, CongressError> {
        if self.decision.trim().is_empty() {
            return Err(CongressError::TotalWithoutDecision);
        }
        if self.total == 0 {
            return Err(CongressError::NoSeats);
        }
        let mut seen: Vec<&str> = Vec::with_capacity(self.rows.len());
        let (mut ex_officio, mut elected, mut designated) = (0u32, 0u32, 0u32);
        let mut sum: u64 = 0;
        for r in &self.rows {
            if seen.contains(&r.organization.as_str()) {
                return Err(CongressError::OrganizationTwice(r.organization.clone()));
            }
            seen.push(&r.organization);
            if r.mode == SeatMode::Designated && r.decision.as_deref().is_none_or(|d| d.trim().is_empty()) {
                return Err(CongressError::DesignatedWithoutDecision(r.organization.clone()));
            }
            let slot = match r.mode {
                SeatMode::ExOfficio => &mut ex_officio,
                SeatMode::Elected => &mut elected,
                SeatMode::Designated => &mut designated,
            };
            *slot = slot.saturating_add(r.seats);
            sum += u64::from(r.seats);
        }
        if sum != u64::from(self.total) {
            return Err(CongressError::SeatsDoNotAddUp { sum, total: self.total });
        }
        let designated_within_cap = if designated == 0 {
            Ok(true)
        } else {
            settings.number(OpenQuestion::DesignatedCap, scope).map(|cap| designated <= cap)
        };
        Ok(SeatSummary { ex_officio, elected, designated, designated_within_cap })
    }

    /// C-DEL-3: the seats a lower congress elects, read from the table; the
    /// lower congress does not vote on them (R-DELEG-1).
    pub fn elected_seats_of(&self, organization: &str) -> Option<u32> {
        self.rows.iter().find(|r| r.organization == organization && r.mode == SeatMode::Elected).map(|r| r.seats)
    }
}

/// The classes of the 2020 caps (C-DEL-4, OLD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapClass {
    /// Provinces and centrally run cities; the Central Police: 300 to 350.
    ProvinceOrCentralPolice,
    /// Hà Nội: at most 500.
    HaNoi,
    /// TP. Hồ Chí Minh, Nghệ An, Thanh Hóa, the Military: at most 450.
    LargeProvinceOrMilitary,
    /// The Central Agencies and Central Enterprises blocs: 250 to 300.
    CentralBloc,
    /// A district: at most 300.
    District,
}

/// A size warning (C-DEL-4): never a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "warning")]
pub enum CapWarning {
    /// Over the 2020 cap (OLD): Hà Nội 2025 had 550 against 500.
    Over2020 { delegates: u32, cap: u32, used: Used },
    /// Over the 2025 cap a person recorded.
    Over2025 { delegates: u32, cap: u32 },
    /// The 2025 cap waits for an answer.
    Awaiting(Awaiting),
}

/// C-DEL-4: the warnings on a delegate congress's size: against the 2020
/// cap of its class (OLD, warning only) and the 2025 cap [open] of `scope`.
pub fn cap_warnings(
    class: Option<CapClass>,
    delegates: u32,
    settings: &RoundSettings,
    scope: &Scope,
) -> Vec<CapWarning> {
    let mut out = Vec::new();
    if let Some(row) = class.and_then(|c| settings.caps_2020.value.iter().find(|r| r.class == c))
        && delegates > row.max
    {
        out.push(CapWarning::Over2020 { delegates, cap: row.max, used: settings.caps_2020.used(SettingKey::Caps2020) });
    }
    match settings.number(OpenQuestion::DelegateCap, scope) {
        Ok(cap) if delegates > cap => out.push(CapWarning::Over2025 { delegates, cap }),
        Ok(_) => {}
        Err(a) => out.push(CapWarning::Awaiting(a)),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::{Answer, AnswerValue};
    use time::macros::date;

    fn row(organization: &str, seats: u32, mode: SeatMode, decision: Option<&str>) -> SeatRow {
        SeatRow { organization: organization.into(), seats, mode, decision: decision.map(Into::into) }
    }

    fn answer(value: AnswerValue) -> Answer {
        Answer { value, by: "Tỉnh ủy".into(), at: date!(2025 - 04 - 01), why: "Quyết định 3".into() }
    }

    /// C-DEL-6: importance bonuses and the merger bases.
    /// C-DEL-1: a total of 0 is no decision, even with no rows to add up.
    #[test]
    fn a_total_of_zero_is_refused_c_del_1() {
        let table = SeatTable { total: 0, decision: "15-QĐ/ĐU".into(), rows: Vec::new() };
        let s = RoundSettings::term_2025_2030();
        assert_eq!(table.check(&s, &Scope::Round), Err(CongressError::NoSeats));
    }

    #[test]
    fn c_del_6_bases_and_bonuses() {
        let s = RoundSettings::term_2025_2030();
        let seats = |merger, members, importance| national_seats(NationalUnit { merger, members, importance }, &s);
        let (w, used) = seats(Merger::FromTwo, 0, None).unwrap();
        assert_eq!(w.seats, 24);
        assert!(used.shipped);
        assert_eq!(
            seats(Merger::NotMerged, 12_000, Some(Importance::CentralAgenciesOrGovernment)).unwrap().0.seats,
            39
        );
        assert_eq!(seats(Merger::NotMerged, 6_001, Some(Importance::AssemblyOrFront)).unwrap().0.seats, 22);
        assert_eq!(seats(Merger::NotMerged, 6_000, None).unwrap().0.seats, 13);
    }

    /// C-DEL-1, C-DEL-2, C-DEL-8: the table adds up, no organization twice,
    /// designation cites its decision; the designated cap is [open].
    #[test]
    fn c_del_1_seat_table() {
        let mut s = RoundSettings::term_2025_2030();
        let scope = Scope::Organization("DB-01".into());
        let mut t = SeatTable {
            total: 54,
            decision: "15-QĐ/ĐU".into(),
            rows: vec![
                row("DB-01", 9, SeatMode::ExOfficio, None),
                row("CB-01", 40, SeatMode::Elected, None),
                row("CB-02", 5, SeatMode::Designated, Some("16-QĐ/ĐU")),
            ],
        };
        let summary = t.check(&s, &scope).unwrap();
        assert_eq!((summary.ex_officio, summary.elected, summary.designated), (9, 40, 5));
        assert_eq!(
            summary.designated_within_cap,
            Err(Awaiting { question: OpenQuestion::DesignatedCap, scope: scope.clone() })
        );
        s.record(OpenQuestion::DesignatedCap, Scope::Round, answer(AnswerValue::Number(4))).unwrap();
        assert_eq!(t.check(&s, &scope).unwrap().designated_within_cap, Ok(false));
        assert_eq!(t.elected_seats_of("CB-01"), Some(40)); // C-DEL-3
        assert_eq!(t.elected_seats_of("CB-02"), None);

        t.total = 55;
        assert_eq!(t.check(&s, &scope), Err(CongressError::SeatsDoNotAddUp { sum: 54, total: 55 }));
        t.total = 54;
        t.rows[2].decision = Some(" ".into());
        assert_eq!(t.check(&s, &scope), Err(CongressError::DesignatedWithoutDecision("CB-02".into())));
        t.rows[2] = row("CB-01", 5, SeatMode::Designated, Some("16"));
        assert_eq!(t.check(&s, &scope), Err(CongressError::OrganizationTwice("CB-01".into())));
        t.rows[2].organization = "CB-02".into();
        t.decision = String::new();
        assert_eq!(t.check(&s, &scope), Err(CongressError::TotalWithoutDecision));
    }

    /// C-DEL-8: a 2-content lower congress's seats are proposed designated.
    #[test]
    fn c_del_8_two_content_seats_designated() {
        assert_eq!(SeatMode::proposed_for(Contents::TwoContents), SeatMode::Designated);
        assert_eq!(SeatMode::proposed_for(Contents::Full), SeatMode::Elected);
    }

    /// C-DEL-4: Hà Nội 2025, 550 > 500: a warning against the OLD cap; the
    /// 2025 cap waits for an answer.
    #[test]
    fn c_del_4_caps_only_warn() {
        let mut s = RoundSettings::term_2025_2030();
        let scope = Scope::Organization("HN".into());
        let w = cap_warnings(Some(CapClass::HaNoi), 550, &s, &scope);
        assert!(matches!(&w[..], [CapWarning::Over2020 { cap: 500, .. }, CapWarning::Awaiting(_)]), "{w:?}");
        assert!(matches!(&cap_warnings(Some(CapClass::HaNoi), 500, &s, &scope)[..], [CapWarning::Awaiting(_)]));
        s.record(OpenQuestion::DelegateCap, scope.clone(), answer(AnswerValue::Number(600))).unwrap();
        assert!(matches!(&cap_warnings(Some(CapClass::HaNoi), 550, &s, &scope)[..], [CapWarning::Over2020 { .. }]));
        assert_eq!(cap_warnings(None, 650, &s, &scope), vec![CapWarning::Over2025 { delegates: 650, cap: 600 }]);
    }
}
