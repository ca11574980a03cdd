//! What a viewer may do with congresses: rounds and the answers to their
//! \[open\] questions, each organization's plan and gates, and a subtree's
//! campaign with its warnings.

use daihoi_congress::{
    Answer, AnswerValue, Approval, CongressError, Gate, GateRecord, OpenQuestion, PlanWarning, RoundSettings, Scope,
    SettingChange, SettingError,
};
use daihoi_core::text::{TITLE_MAX_CHARS, line};
use time::Date;

use super::{Congress, KindDecision, NewPlan, Round, RoundTemplate, policy};
use crate::access::{facet, forbidden};
use crate::documents::Classification;
use crate::orgs::OrgNode;
use crate::write::Change;
use crate::{Db, StoreError, StoreResult};

facet!(Congresses, congresses, "Congresses: rounds, plans, gates, the campaign of a subtree.");

/// A congress of a campaign with what its check finds (C-PLAN-1, C-PLAN-5):
/// warnings, never refusals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignLine {
    pub congress: Congress,
    /// The congress of the nearest organization above that holds one in the
    /// round (the congress it sends delegates to), if the reader sees it.
    pub higher: Option<i64>,
    pub warnings: Vec<PlanWarning>,
    /// C-DEL-5: the kind the members on the planned date propose.
    pub kind: KindCheck,
}

/// C-DEL-5: the kind proposed for a congress from its members on its
/// planned opening (the official members, and the probationary ones when
/// the round's answer counts them), or the question it waits for; with the
/// round's threshold. A proposal, never the plan: the kind planned changes
/// only by a recorded decision of the higher committee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindCheck {
    pub proposal: Result<daihoi_congress::KindProposal, daihoi_congress::Awaiting>,
    pub threshold: u32,
}

/// A checked free text of a congress's records (TEXT-1), not empty.
pub(crate) fn text<'t>(field: &'static str, value: &'t str) -> StoreResult<&'t str> {
    let value = line(value, TITLE_MAX_CHARS).map_err(StoreError::text(field))?;
    if value.is_empty() {
        return Err(StoreError::text(field)(daihoi_core::text::TextProblem::Empty));
    }
    Ok(value)
}

/// The checks of a plan that refuse it (warnings are not refusals): a
/// cell's congress is a cell's and only a cell's (C-PLAN-1), and a congress
/// is not recorded held after today.
pub(super) fn check_plan(node: &OrgNode, plan: &NewPlan, today: Date) -> StoreResult<()> {
    let is_cell = daihoi_congress::LevelClass::default_for(node.kind) == Some(daihoi_congress::LevelClass::Cell);
    if is_cell != (plan.level == daihoi_congress::LevelClass::Cell) {
        return Err(StoreError::CongressRefused {
            rule: "C-PLAN-1",
            detail: format!("{} is not of the level class {}", node.code, plan.level.code()),
        });
    }
    if let Some(actual) = plan.actual
        && actual.opening > today
    {
        return Err(StoreError::CongressRefused {
            rule: "C-PLAN-5",
            detail: format!("a congress held on {} is after today", daihoi_core::date::iso(actual.opening)),
        });
    }
    Ok(())
}

/// A gate as it may be recorded: not after today (C-PLAN-5), one that a
/// congress of these contents passes (C-PLAN-3), who approved it and its
/// reference checked (TEXT-1).
pub(super) fn check_gate(
    contents: daihoi_congress::Contents,
    record: &GateRecord,
    today: Date,
) -> StoreResult<GateRecord> {
    if record.on > today {
        return Err(StoreError::CongressRefused {
            rule: "C-PLAN-5",
            detail: format!("a gate passed on {} is after today", daihoi_core::date::iso(record.on)),
        });
    }
    if !record.gate.applies_to(contents) {
        return Err(StoreError::CongressRefused {
            rule: "C-PLAN-3",
            detail: format!("a two-content congress has no gate {}", record.gate.code()),
        });
    }
    Ok(GateRecord {
        gate: record.gate,
        approved_by: text("approved_by", &record.approved_by)?.to_owned(),
        on: record.on,
        reference: text("reference", &record.reference)?.to_owned(),
    })
}

/// The audit entry of a plan entered or changed, with the gates recorded
/// with it (an import).
fn plan_change(round: &Round, node: &OrgNode, id: i64, new: bool, plan: &NewPlan, gates: &[GateRecord]) -> Change {
    let gates: Vec<&str> = gates.iter().map(|g| g.gate.code()).collect();
    Change {
        action: "congress_plan",
        org_path: Some(node.path.clone()),
        subject: format!("congress {id}"),
        detail: format!(
            "{}{} {} {} {}, {} half days{}{}",
            if new { "" } else { "changed: " },
            round.code,
            plan.kind.code(),
            super::contents_code(plan.contents),
            daihoi_core::date::iso(plan.planned.opening),
            plan.planned.length.in_half_days(),
            if plan.model { ", model" } else { "" },
            if gates.is_empty() { String::new() } else { format!("; gates {}", gates.join(", ")) }
        ),
        classification: Classification::Normal,
    }
}

/// One congress of an import: the organization, its plan, the higher
/// approval of its dates and the gates it passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanImport {
    pub org: OrgNode,
    pub plan: NewPlan,
    pub date_approval: Option<Approval>,
    pub gates: Vec<GateRecord>,
}

impl Congresses<'_> {
    /// Every round (any signed-in reader: a round names no organization).
    pub async fn rounds(&self) -> StoreResult<Vec<Round>> {
        self.db.rounds().await
    }

    pub async fn round(&self, code: &str) -> StoreResult<Option<Round>> {
        self.db.round_by_code(code).await
    }

    /// A round's settings as the viewer may read them: the shipped ones
    /// with the recorded answers for the round and for level classes, and
    /// those for an organization only when the viewer reads that
    /// organization (its code, the decision and its reasons are the
    /// organization's). The store's own checks read every answer.
    pub async fn settings(&self, round: &Round, today: Date) -> StoreResult<RoundSettings> {
        let mut settings = self.db.round_settings(round).await?;
        if self.viewer.is_operator() {
            return Ok(settings);
        }
        let mut readable = Vec::with_capacity(settings.answers.len());
        for answer in std::mem::take(&mut settings.answers) {
            let shown = match &answer.scope {
                Scope::Organization(code) => match daihoi_core::OrgCode::parse(code) {
                    Ok(code) => match self.db.org_by_code(&code, today).await? {
                        Some(node) => policy::may_read(self.reach(&node)),
                        None => false,
                    },
                    Err(_) => false,
                },
                Scope::Round | Scope::Level(_) => true,
            };
            if shown {
                readable.push(answer);
            }
        }
        settings.answers = readable;
        Ok(settings)
    }

    /// Whether the viewer administers a root of the tree on `date`: opens
    /// rounds, answers for a round or a level class (the pages offer the
    /// forms on this decision; the writes decide again).
    pub async fn settles_rounds(&self, date: Date) -> StoreResult<bool> {
        if self.viewer.is_operator() {
            return Ok(true);
        }
        Ok(self.db.roots(date).await?.iter().any(|r| policy::may_settle_round(self.reach(r))))
    }

    /// Opens a round with the settings its template ships, with its audit
    /// entry.
    pub async fn create_round(
        &self,
        code: &str,
        title: &str,
        template: RoundTemplate,
        today: Date,
        address: &str,
    ) -> StoreResult<Round> {
        if !self.settles_rounds(today).await? {
            return Err(forbidden("rounds"));
        }
        let code = text("code", code)?;
        let title = text("title", title)?;
        if self.db.round_by_code(code).await?.is_some() {
            return Err(StoreError::CongressRefused { rule: "C-PLAN-4", detail: format!("the round {code} exists") });
        }
        let by = self.viewer.actor();
        let id = self
            .write(address, async |w| {
                let id = Db::create_round_in(w.conn(), code, title, template, &by).await?;
                crate::db::changed(w.conn()).await?;
                w.record(Change {
                    action: "round_create",
                    org_path: None,
                    subject: format!("round {code}"),
                    detail: title.to_owned(),
                    classification: Classification::Normal,
                });
                Ok::<_, StoreError>(id)
            })
            .await?;
        self.db.round_by_id(id).await?.ok_or_else(|| StoreError::corrupt("round vanished after insert"))
    }

    /// Records a person's answer to an [open] question of a round, for the
    /// round, a level class or one organization: who answered (`by`, as
    /// the decision names them), on which day, and why, with an audit
    /// entry naming the previous answer. For the round or a level class an
    /// administrator of a root; for one organization, a role that writes on
    /// the organization above it. An answer of the wrong form is refused.
    #[allow(clippy::too_many_arguments)]
    pub async fn answer(
        &self,
        round: &Round,
        question: OpenQuestion,
        scope: &Scope,
        value: AnswerValue,
        on: Date,
        why: &str,
        today: Date,
        address: &str,
    ) -> StoreResult<()> {
        self.answer_decided_by(round, question, scope, value, None, on, why, today, address).await
    }

    /// [`Self::answer`], naming who decided (a person or a body, as the
    /// decision names them: "Ban Thường vụ Tỉnh ủy"); `None` or an empty
    /// text: the signed-in user, who records it in any case.
    #[allow(clippy::too_many_arguments)]
    pub async fn answer_decided_by(
        &self,
        round: &Round,
        question: OpenQuestion,
        scope: &Scope,
        value: AnswerValue,
        decided_by: Option<&str>,
        on: Date,
        why: &str,
        today: Date,
        address: &str,
    ) -> StoreResult<()> {
        let org_path = match scope {
            Scope::Round | Scope::Level(_) => {
                if !self.settles_rounds(today).await? {
                    return Err(forbidden(format!("the questions of round {}", round.code)));
                }
                None
            }
            Scope::Organization(code) => {
                let code = daihoi_core::OrgCode::parse(code)
                    .map_err(|_| StoreError::NotFound(format!("organization {code}")))?;
                let node =
                    self.db.org_by_code(&code, today).await?.ok_or_else(|| StoreError::UnknownOrg(code.clone()))?;
                if !self.approves_for(&node, today).await? {
                    return Err(forbidden(format!("organization {}", node.code)));
                }
                Some(node.path)
            }
        };
        let why = text("why", why)?;
        let by = self.viewer.actor();
        let decided_by = match decided_by.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => text("decided_by", d)?.to_owned(),
            None => by.clone(),
        };
        let answer = Answer { value, by: decided_by, at: on, why: why.to_owned() };
        // The domain checks the answer's form (and that it names someone).
        let mut check = self.db.round_settings(round).await?;
        check.record(question, scope.clone(), answer.clone())?;
        let (kind, of) = super::scope_columns(scope);
        self.write(address, async |w| {
            let before = Db::answer_in(w.conn(), round, question, scope, &answer, &by).await?;
            crate::db::changed(w.conn()).await?;
            let now = serde_json::to_string(&answer.value).unwrap_or_default();
            w.record(Change {
                action: "round_answer",
                org_path,
                subject: format!("round {} {} ({kind} {of})", round.code, question.code()),
                detail: match before {
                    Some(b) => format!("{b} → {now}: {why} ({})", answer.by),
                    None => format!("{now}: {why} ({})", answer.by),
                },
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// Changes one of a round's settings (C-PLAN-4; congress.md §5): an
    /// administrator of a root, as for the round's answers. The source must
    /// be a document number (D-NUM-1), who decided defaults to the
    /// signed-in user, the day is not after today, and the value is checked
    /// against its rule (C-DEL-5, C-PER-2…4, C-PLAN-1, -2, -10, C-PER-9,
    /// -11). One audit entry names the setting, the value before and after,
    /// the source and why. `Ok(false)`: the value is the current one,
    /// nothing written.
    pub async fn change_setting(
        &self,
        round: &Round,
        change: &SettingChange,
        today: Date,
        address: &str,
    ) -> StoreResult<bool> {
        if !self.settles_rounds(today).await? {
            return Err(forbidden(format!("the settings of round {}", round.code)));
        }
        let source = text("source", &change.source)?;
        let registry = daihoi_documents::Registry::default_party();
        if let Err(e) = daihoi_documents::parse_number(source, &registry) {
            return Err(
                CongressError::from(SettingError::Source { text: source.to_owned(), problem: e.to_string() }).into()
            );
        }
        let by = self.viewer.actor();
        let decided_by = match change.decided_by.trim() {
            "" => by.clone(),
            d => text("decided_by", d)?.to_owned(),
        };
        let why = text("why", &change.why)?;
        let change = SettingChange { source: source.to_owned(), decided_by, why: why.to_owned(), ..change.clone() };
        let settings = self.db.round_settings(round).await?;
        if !settings.check_change(&change, today).map_err(CongressError::from)? {
            return Ok(false);
        }
        let before = settings.setting(change.key).map(|s| s.value.to_string()).unwrap_or_default();
        let subject = match change.key.level() {
            Some(l) => format!("round {} setting {} {}", round.code, change.key.code(), l.code()),
            None => format!("round {} setting {}", round.code, change.key.code()),
        };
        self.write(address, async |w| {
            Db::setting_in(w.conn(), round, &change, &by).await?;
            crate::db::changed(w.conn()).await?;
            w.record(Change {
                action: "round_setting",
                org_path: None,
                subject: subject.clone(),
                detail: format!(
                    "{before} → {}; source {}; decided by {} on {}: {}",
                    change.value,
                    change.source,
                    change.decided_by,
                    daihoi_core::date::iso(change.on),
                    change.why
                ),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await?;
        Ok(true)
    }

    /// Whether the viewer plans `node`'s congress, records it held, its
    /// roll and its attendance: writes on the organization.
    pub fn may_plan(&self, node: &OrgNode) -> bool {
        policy::may_plan(self.reach(node))
    }

    /// Whether the viewer approves for `node` on `date` (its gates but
    /// "held", a date outside its window, its committee's seats, the
    /// answers for it): writes on the organization above it, or administers
    /// it when it is a root (its approver is outside the tree).
    pub async fn approves_for(&self, node: &OrgNode, date: Date) -> StoreResult<bool> {
        if self.viewer.is_operator() {
            return Ok(true);
        }
        match node.parent_id {
            Some(parent) => Ok(match self.db.org_by_id(parent, date).await? {
                Some(p) => policy::may_approve(self.reach(&p)),
                None => false,
            }),
            None => Ok(policy::may_settle_round(self.reach(node))),
        }
    }

    /// An organization's congress in a round, if the viewer reads the
    /// organization.
    pub async fn congress(&self, round: &Round, node: &OrgNode, date: Date) -> StoreResult<Option<Congress>> {
        self.require(node, policy::may_read)?;
        self.db.congress_of(round, node, date).await
    }

    /// Enters or changes the plan of `node`'s congress in a round (a role
    /// that writes on it), with its audit entry: the congress as stored.
    /// The level class must be the organization's own (C-PLAN-1: a cell's
    /// congress is a cell's). Warnings are not refusals: the campaign shows
    /// them.
    pub async fn plan(
        &self,
        round: &Round,
        node: &OrgNode,
        plan: &NewPlan,
        today: Date,
        address: &str,
    ) -> StoreResult<Congress> {
        self.require(node, policy::may_plan)?;
        check_plan(node, plan, today)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let (id, new) = Db::plan_in(w.conn(), round, node, plan, &by).await?;
            crate::db::changed(w.conn()).await?;
            w.record(plan_change(round, node, id, new, plan, &[]));
            Ok::<_, StoreError>(())
        })
        .await?;
        self.db.congress_of(round, node, today).await?.ok_or_else(|| StoreError::corrupt("congress vanished"))
    }

    /// The higher committee approves a congress's dates outside its
    /// window (C-PLAN-1), with its audit entry.
    pub async fn approve_dates(
        &self,
        congress: &Congress,
        approval: &Approval,
        today: Date,
        address: &str,
    ) -> StoreResult<()> {
        if !self.approves_for(&congress.org, today).await? {
            return Err(forbidden(format!("organization {}", congress.org.code)));
        }
        let approval = Approval {
            approved_by: text("approved_by", &approval.approved_by)?.to_owned(),
            on: approval.on,
            reference: text("reference", &approval.reference)?.to_owned(),
        };
        self.write(address, async |w| {
            Db::approve_dates_in(w.conn(), congress.id, &approval).await?;
            crate::db::changed(w.conn()).await?;
            w.record(Change {
                action: "congress_dates_approved",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!("{} {}", approval.approved_by, approval.reference),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// Records a gate passed (C-PLAN-5): that the congress was held by a
    /// role that writes on the organization, an approval by one that
    /// writes on the organization above; a gate is passed once, with who
    /// approved it and its document (`false`: recorded already, nothing
    /// written). A day after today is refused; a gate out of order is kept
    /// and warned about.
    pub async fn pass_gate(
        &self,
        congress: &Congress,
        record: &GateRecord,
        today: Date,
        address: &str,
    ) -> StoreResult<bool> {
        let allowed = match record.gate {
            Gate::Held => policy::may_plan(self.reach(&congress.org)),
            _ => self.approves_for(&congress.org, today).await?,
        };
        if !allowed {
            return Err(forbidden(format!("organization {}", congress.org.code)));
        }
        let record = check_gate(congress.plan.contents, record, today)?;
        self.write(address, async |w| {
            let new = Db::gate_in(w.conn(), congress.id, &record).await?;
            if new {
                crate::db::changed(w.conn()).await?;
                w.record(Change {
                    action: "congress_gate",
                    org_path: Some(congress.org.path.clone()),
                    subject: format!("congress {}", congress.id),
                    detail: format!("{} {} {}", record.gate.code(), record.approved_by, record.reference),
                    classification: Classification::Normal,
                });
            }
            Ok::<_, StoreError>(new)
        })
        .await
    }

    /// C-DEL-5: the higher committee's decision on `congress`'s kind,
    /// recorded by the office above (a root's administrator for a root):
    /// the plan's kind becomes the one decided and only another decision
    /// changes it. A cell holds a member congress and a congress above the
    /// grassroots a delegate congress: no decision changes those. `false`:
    /// the same decision was recorded already, nothing written.
    pub async fn decide_kind(
        &self,
        congress: &Congress,
        kind: daihoi_congress::CongressKind,
        approval: &Approval,
        today: Date,
        address: &str,
    ) -> StoreResult<bool> {
        use daihoi_congress::{CongressKind, LevelClass};
        if !self.approves_for(&congress.org, today).await? {
            return Err(forbidden(format!("organization {}", congress.org.code)));
        }
        let refuse = |detail: String| StoreError::CongressRefused { rule: "C-DEL-5", detail };
        match (congress.plan.level, kind) {
            (LevelClass::Cell, CongressKind::DelegateCongress) => {
                return Err(refuse("a cell holds a member congress".to_owned()));
            }
            (LevelClass::Cell | LevelClass::Grassroots, _) | (_, CongressKind::DelegateCongress) => {}
            (_, CongressKind::MemberCongress) => {
                return Err(refuse("a congress above the grassroots is a delegate congress".to_owned()));
            }
        }
        if approval.on > today {
            return Err(refuse(format!("a decision dated {} is after today", daihoi_core::date::iso(approval.on))));
        }
        let decision = KindDecision {
            kind,
            approval: Approval {
                approved_by: text("approved_by", &approval.approved_by)?.to_owned(),
                on: approval.on,
                reference: text("reference", &approval.reference)?.to_owned(),
            },
        };
        if congress.kind_decision.as_ref() == Some(&decision) {
            return Ok(false);
        }
        let was = congress.plan.kind;
        self.write(address, async |w| {
            Db::decide_kind_in(w.conn(), congress.id, &decision).await?;
            crate::db::changed(w.conn()).await?;
            w.record(Change {
                action: "congress_kind_decided",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: format!(
                    "{} (planned {}) by {}, {}, {}",
                    kind.code(),
                    was.code(),
                    decision.approval.approved_by,
                    daihoi_core::date::iso(decision.approval.on),
                    decision.approval.reference
                ),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(true)
        })
        .await
    }

    /// Enters many plans at once (a file, the demo), each with the
    /// approval of its dates and its gates, in one transaction with one
    /// audit entry per congress: every row is checked as
    /// [`Self::plan`], [`Self::approve_dates`] and [`Self::pass_gate`]
    /// check one, and the first refusal writes nothing. A gate already
    /// recorded stays as it was. Returns how many congresses are new.
    pub async fn import_plans(
        &self,
        round: &Round,
        rows: &[PlanImport],
        today: Date,
        address: &str,
    ) -> StoreResult<usize> {
        let mut checked = Vec::with_capacity(rows.len());
        for row in rows {
            self.require(&row.org, policy::may_plan)?;
            check_plan(&row.org, &row.plan, today)?;
            let approver = row.date_approval.is_some() || row.gates.iter().any(|g| g.gate != Gate::Held);
            if approver && !self.approves_for(&row.org, today).await? {
                return Err(forbidden(format!("organization {}", row.org.code)));
            }
            let gates =
                row.gates.iter().map(|g| check_gate(row.plan.contents, g, today)).collect::<StoreResult<Vec<_>>>()?;
            let approval = match &row.date_approval {
                Some(a) => Some(Approval {
                    approved_by: text("approved_by", &a.approved_by)?.to_owned(),
                    on: a.on,
                    reference: text("reference", &a.reference)?.to_owned(),
                }),
                None => None,
            };
            checked.push((row, approval, gates));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            crate::db::changed(w.conn()).await?;
            let mut created = 0;
            for (row, approval, gates) in &checked {
                let (id, new) = Db::plan_in(w.conn(), round, &row.org, &row.plan, &by).await?;
                created += usize::from(new);
                if let Some(a) = approval {
                    Db::approve_dates_in(w.conn(), id, a).await?;
                }
                for g in gates {
                    Db::gate_in(w.conn(), id, g).await?;
                }
                w.record(plan_change(round, &row.org, id, new, &row.plan, gates));
            }
            Ok::<_, StoreError>(created)
        })
        .await
    }

    /// The campaign of a round in `root`'s subtree on `date`: each congress
    /// the viewer reads, in path order, with the congress above it and its
    /// warnings (C-PLAN-1: after its window, before a lower congress that
    /// sends it delegates; C-PLAN-5: gates).
    pub async fn campaign(&self, round: &Round, root: &OrgNode, date: Date) -> StoreResult<Vec<CampaignLine>> {
        self.require(root, policy::may_read)?;
        // Kept between visits (`campaign.rs`): a province's 6,000
        // congresses and their warnings, read on every visit of its
        // dashboard, while check-ins and the other features' writes go on;
        // after a plan's or a member's change, only what changed is read.
        let all = self.kept_campaign(round, root, date).await?;
        Ok(all.iter().filter(|l| policy::may_read(self.reach(&l.congress.org))).cloned().collect())
    }
}
