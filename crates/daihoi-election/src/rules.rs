//! The rule set: 190-QĐ/TW by default. Defaults the regulation leaves open
//! ([open] in the rules file) are settings here, never constants in the code.

use serde::{Deserialize, Serialize};

use crate::base::Subtraction;

/// Settings of an election's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    /// R-VALID-7: a name written in that is not on the list makes the ballot
    /// invalid [practice; open].
    pub write_in_invalidates: bool,
    /// R-VALID-7: a signature, identifying mark or added writing makes the
    /// ballot invalid [practice; open].
    pub mark_invalidates: bool,
    /// R-BASE-3: the subtractions a conference may use (none by default) [open].
    pub conference_subtractions: Vec<Subtraction>,
    /// R-LIST-1: a lower surplus cap set by the congress, as a number of
    /// names; `None` = the regulation's 30%.
    pub surplus_cap: Option<u32>,
}

impl RuleSet {
    /// Regulation 190-QĐ/TW with the defaults of practice.
    pub fn regulation_190() -> RuleSet {
        RuleSet {
            write_in_invalidates: true,
            mark_invalidates: true,
            conference_subtractions: Vec::new(),
            surplus_cap: None,
        }
    }
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::regulation_190()
    }
}
