//! The plan file (C-PLAN-1…5): the rows `daihoi_congress::sheet` checked,
//! matched against the tree and the viewer's rights, then written all at
//! once or not at all. Every refused row is named with its line and
//! column; a row that changes nothing is not written again (the same file
//! imported twice leaves the second time no trace but its count).

use std::collections::HashMap;

use daihoi_congress::sheet::{Column, PlanRow};
use daihoi_congress::{Gate, GateRecord, LevelClass};
use daihoi_core::OrgCode;
use time::Date;

use super::access::{Congresses, PlanImport, check_gate, check_plan};
use super::{NewPlan, Round, policy};
use crate::orgs::OrgNode;
use crate::{StoreError, StoreResult};

/// Why the store refused a row the sheet accepted.
#[derive(Debug)]
pub enum PlanRowRefusal {
    /// The organization is not in the subtree the file is imported into
    /// on the day of the import (or does not exist).
    NotInSubtree { root: OrgCode },
    /// A sub-grassroots committee (đảng bộ bộ phận): the table of C-PLAN-1
    /// gives it no class, the file must.
    LevelNeeded,
    /// The viewer may not plan this organization's congress, or may not
    /// record the plan's approval (the office above does, C-PLAN-5).
    Forbidden,
    /// A rule refused it (its ID in the error).
    Refused(StoreError),
}

/// A refused row, placed in the file.
#[derive(Debug)]
pub struct PlanRowProblem {
    /// The row as the spreadsheet numbers it.
    pub line: usize,
    pub column: Column,
    pub value: String,
    pub refusal: PlanRowRefusal,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanImportReport {
    /// Congresses entered for the first time.
    pub created: usize,
    /// Congresses whose plan or approval changed.
    pub changed: usize,
    /// Rows that matched what was stored.
    pub unchanged: usize,
}

impl Congresses<'_> {
    /// Imports the plan rows of a file into `root`'s subtree for `round`:
    /// each organization is found in the subtree on `today`, its class
    /// proposed from its kind when the row gives none, and every check of
    /// [`Self::plan`] and [`Self::pass_gate`] applied; a row with the
    /// plan's approval needs the right to approve (the office above). Any
    /// refused row: nothing is written and every refused row is returned.
    /// `dry_run` checks without writing.
    pub async fn import_plan_rows(
        &self,
        round: &Round,
        root: &OrgNode,
        rows: &[PlanRow],
        today: Date,
        address: &str,
        dry_run: bool,
    ) -> StoreResult<Result<PlanImportReport, Vec<PlanRowProblem>>> {
        self.require(root, policy::may_read)?;
        let subtree: HashMap<OrgCode, OrgNode> =
            self.db.subtree(root, today).await?.into_iter().map(|n| (n.code.clone(), n)).collect();
        let stored: HashMap<i64, super::Congress> =
            self.db.congresses_in(round, root, today).await?.into_iter().map(|c| (c.org.id, c)).collect();
        let mut problems = Vec::new();
        let mut imports = Vec::new();
        let mut report = PlanImportReport::default();
        for row in rows {
            let problem = |column: Column, value: String, refusal: PlanRowRefusal| PlanRowProblem {
                line: row.line,
                column,
                value,
                refusal,
            };
            let Some(node) = subtree.get(&row.organization) else {
                problems.push(problem(
                    Column::Organization,
                    row.organization.to_string(),
                    PlanRowRefusal::NotInSubtree { root: root.code.clone() },
                ));
                continue;
            };
            let Some(level) = row.level.or_else(|| LevelClass::default_for(node.kind)) else {
                problems.push(problem(Column::Level, String::new(), PlanRowRefusal::LevelNeeded));
                continue;
            };
            if self.require(node, policy::may_plan).is_err() {
                problems.push(problem(Column::Organization, row.organization.to_string(), PlanRowRefusal::Forbidden));
                continue;
            }
            let plan = NewPlan {
                level,
                kind: row.kind,
                contents: row.contents,
                model: row.model,
                planned: row.planned,
                actual: row.actual,
            };
            if let Err(e) = check_plan(node, &plan, today) {
                let column =
                    if plan.actual.is_some_and(|a| a.opening > today) { Column::HeldOn } else { Column::Level };
                problems.push(problem(column, String::new(), PlanRowRefusal::Refused(e)));
                continue;
            }
            let existing = stored.get(&node.id);
            if let Some(d) = existing.and_then(|c| c.kind_decision.as_ref()).filter(|d| d.kind != plan.kind) {
                problems.push(problem(
                    Column::Kind,
                    plan.kind.code().to_owned(),
                    PlanRowRefusal::Refused(super::kind_decided_refusal(&node.code.to_string(), d.kind.code())),
                ));
                continue;
            }
            let gate = row.plan_approval.as_ref().map(|a| GateRecord {
                gate: Gate::PlanApproved,
                approved_by: a.approved_by.clone(),
                on: a.on,
                reference: a.reference.clone(),
            });
            let gate_stored = existing.is_some_and(|c| c.plan.gates.iter().any(|g| g.gate == Gate::PlanApproved));
            // A gate already recorded stays as it was (C-PLAN-5): the
            // row's approval is then neither checked nor written again.
            let gate = gate.filter(|_| !gate_stored);
            if let Some(g) = &gate {
                if !self.approves_for(node, today).await? {
                    problems.push(problem(Column::PlanApprovedBy, g.approved_by.clone(), PlanRowRefusal::Forbidden));
                    continue;
                }
                if let Err(e) = check_gate(plan.contents, g, today) {
                    problems.push(problem(Column::PlanApprovedOn, String::new(), PlanRowRefusal::Refused(e)));
                    continue;
                }
            }
            let same = existing.is_some_and(|c| {
                let p = &c.plan;
                (p.level, p.kind, p.contents, p.model, p.planned, p.actual)
                    == (plan.level, plan.kind, plan.contents, plan.model, plan.planned, plan.actual)
            });
            match (existing, same, &gate) {
                (None, _, _) => report.created += 1,
                (Some(_), true, None) => {
                    report.unchanged += 1;
                    continue;
                }
                (Some(_), _, _) => report.changed += 1,
            }
            imports.push(PlanImport {
                org: node.clone(),
                plan,
                date_approval: None,
                gates: gate.into_iter().collect(),
            });
        }
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        if !dry_run && !imports.is_empty() {
            self.import_plans(round, &imports, today, address).await?;
        }
        Ok(Ok(report))
    }
}
