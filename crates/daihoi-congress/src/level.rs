//! The level classes of the campaign (C-PLAN-1): each organization's
//! congress belongs to one, which gives its window in the round. The class
//! is set per organization; [`LevelClass::default_for`] proposes it from the
//! organization's kind.

use daihoi_core::OrgKind;
use serde::{Deserialize, Serialize};

use crate::round::{LevelWindow, RoundSettings, Setting};

/// A level of the campaign, from the bottom up (C-PLAN-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelClass {
    /// Chi bộ: a cell [PRACTICE].
    Cell,
    /// Tổ chức cơ sở đảng: a grassroots organization.
    Grassroots,
    /// Cấp trên trực tiếp của cơ sở: directly above grassroots.
    AboveGrassroots,
    /// Đảng bộ xã, phường, đặc khu: commune, ward, special zone.
    Commune,
    /// Đảng bộ trực thuộc Trung ương: directly under the Centre.
    UnderCentre,
    /// Đại hội đại biểu toàn quốc: the National Congress.
    National,
}

impl LevelClass {
    pub const ALL: [LevelClass; 6] = [
        LevelClass::Cell,
        LevelClass::Grassroots,
        LevelClass::AboveGrassroots,
        LevelClass::Commune,
        LevelClass::UnderCentre,
        LevelClass::National,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LevelClass::Cell => "cell",
            LevelClass::Grassroots => "grassroots",
            LevelClass::AboveGrassroots => "above_grassroots",
            LevelClass::Commune => "commune",
            LevelClass::UnderCentre => "under_centre",
            LevelClass::National => "national",
        }
    }

    /// The tier in the bottom-up order (C-PLAN-1): a congress elects
    /// delegates to a congress of a higher tier. Directly-above-grassroots
    /// and commune congresses share a tier (both send to the province).
    pub fn tier(self) -> u8 {
        match self {
            LevelClass::Cell => 0,
            LevelClass::Grassroots => 1,
            LevelClass::AboveGrassroots | LevelClass::Commune => 2,
            LevelClass::UnderCentre => 3,
            LevelClass::National => 4,
        }
    }

    /// The class proposed for an organization of this kind. `None` for a
    /// sub-grassroots committee (đảng bộ bộ phận), which the table does not
    /// name: its class is set per organization.
    pub fn default_for(kind: OrgKind) -> Option<LevelClass> {
        match kind {
            OrgKind::Central => Some(LevelClass::National),
            OrgKind::Province => Some(LevelClass::UnderCentre),
            // Abolished in 2025; before, the district was directly above grassroots.
            OrgKind::District => Some(LevelClass::AboveGrassroots),
            OrgKind::Commune => Some(LevelClass::Commune),
            OrgKind::Grassroots | OrgKind::GrassrootsCell => Some(LevelClass::Grassroots),
            OrgKind::Cell => Some(LevelClass::Cell),
            OrgKind::PartialCommittee => None,
        }
    }

    /// The class's window in the round (C-PLAN-1).
    pub fn window(self, settings: &RoundSettings) -> Option<&Setting<LevelWindow>> {
        settings.window(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// C-PLAN-1: the default class by kind, and the bottom-up order.
    #[test]
    fn c_plan_1_default_class_by_kind() {
        assert_eq!(LevelClass::default_for(OrgKind::Cell), Some(LevelClass::Cell));
        assert_eq!(LevelClass::default_for(OrgKind::GrassrootsCell), Some(LevelClass::Grassroots));
        assert_eq!(LevelClass::default_for(OrgKind::Commune), Some(LevelClass::Commune));
        assert_eq!(LevelClass::default_for(OrgKind::Province), Some(LevelClass::UnderCentre));
        assert_eq!(LevelClass::default_for(OrgKind::Central), Some(LevelClass::National));
        assert_eq!(LevelClass::default_for(OrgKind::PartialCommittee), None);
        for kind in OrgKind::ALL {
            // Every kind but the sub-grassroots committee gets a class.
            assert_eq!(LevelClass::default_for(kind).is_none(), kind == OrgKind::PartialCommittee);
        }
        assert!(LevelClass::Cell.tier() < LevelClass::Grassroots.tier());
        assert!(LevelClass::Commune.tier() < LevelClass::UnderCentre.tier());
        let s = RoundSettings::term_2025_2030();
        for level in LevelClass::ALL {
            assert!(level.window(&s).is_some(), "{level:?}");
        }
    }
}
