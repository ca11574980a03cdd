//! The page where an administrator chooses the \[open\] tracking rules
//! for a subtree (T-3).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_store::orgs::OrgNode;
use daihoi_store::tasks::settings::{TrackingRules, TrackingSetting};
use daihoi_tracking::{DeadlineDay, RollupRules, StatusRules, Unreported};
use serde::Deserialize;

use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::Path;
use crate::page::{Nav, today};

#[derive(Template, WebTemplate)]
#[template(path = "tracking_settings.html")]
pub struct SettingsPage {
    tr: Tr,
    nav: Nav,
    org: crate::orgs::pages::OrgLine,
    setting: Option<TrackingSetting>,
    /// The setting is the organization's own (not inherited from above).
    own: bool,
    /// The name of the organization above whose choice applies.
    from_org: Option<String>,
    may_choose: bool,
    saved: bool,
    /// Every problem of a refused form, in words.
    problems: Vec<String>,
    /// A refused form as sent: the form shows it instead of the setting.
    typed: Option<SettingsForm>,
}

impl SettingsPage {
    fn deadline_day_is(&self, code: &str) -> bool {
        if let Some(t) = &self.typed {
            return t.deadline_day == code;
        }
        match &self.setting {
            Some(s) => daihoi_store::tasks::settings::deadline_day_code(s.rules.status.deadline_day) == code,
            None => false,
        }
    }

    fn unreported_is(&self, code: &str) -> bool {
        if let Some(t) = &self.typed {
            return t.unreported == code;
        }
        match &self.setting {
            Some(s) => daihoi_store::tasks::settings::unreported_code(s.rules.rollup.unreported) == code,
            None => false,
        }
    }

    fn window(&self) -> String {
        if let Some(t) = &self.typed {
            return t.due_soon_days.clone();
        }
        self.setting.as_ref().map(|s| s.rules.status.due_soon_window.to_string()).unwrap_or_default()
    }
}

async fn settings_page(
    caller: &Caller,
    node: &OrgNode,
    saved: bool,
    problems: Vec<String>,
    typed: Option<SettingsForm>,
) -> Result<SettingsPage, WebError> {
    let scoped = caller.scoped();
    let setting = scoped.tasks().tracking_setting(node, today()).await?;
    let own = setting.as_ref().is_some_and(|s| s.org_id == node.id);
    let from_org = setting.as_ref().filter(|_| !own).map(|s| s.org_name.clone());
    Ok(SettingsPage {
        tr: caller.tr,
        nav: caller.nav(),
        org: node.into(),
        own,
        from_org,
        setting,
        may_choose: scoped.tasks().may_choose_tracking_rules(node),
        saved,
        problems,
        typed,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct SavedParam {
    pub saved: Option<String>,
}

/// `GET /orgs/{code}/tracking/settings`: the [open] rules that apply to the
/// subtree, who chose them, and (for its administrators) the form.
pub async fn settings(
    caller: Caller,
    Path(code): Path<String>,
    axum::extract::Query(p): axum::extract::Query<SavedParam>,
) -> Result<SettingsPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    settings_page(&caller, &node, p.saved.is_some(), Vec::new(), None).await
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub deadline_day: String,
    #[serde(default)]
    pub due_soon_days: String,
    #[serde(default)]
    pub unreported: String,
}

/// The most days of the "due soon" window.
pub(crate) const MAX_WINDOW_DAYS: u32 = 366;

/// The rules a form chose, if every field is chosen: nothing is filled in
/// (`deadline_day`: `by` or `before`; `unreported`: `zero` or `skip`;
/// `due_soon_days`: 0 to [`MAX_WINDOW_DAYS`]).
pub(crate) fn rules_from(form: &SettingsForm) -> Option<TrackingRules> {
    let deadline_day = match form.deadline_day.as_str() {
        "by" => DeadlineDay::CountsAsOnTime,
        "before" => DeadlineDay::CountsAsLate,
        _ => return None,
    };
    let unreported = match form.unreported.as_str() {
        "zero" => Unreported::CountAsZero,
        "skip" => Unreported::Skip,
        _ => return None,
    };
    let due_soon_window = form.due_soon_days.trim().parse::<u32>().ok().filter(|w| *w <= MAX_WINDOW_DAYS)?;
    Some(TrackingRules { status: StatusRules { due_soon_window, deadline_day }, rollup: RollupRules { unreported } })
}

/// Every problem of a form [`rules_from`] refuses, in words: what is not
/// chosen, and a window out of its range.
fn settings_problems(tr: Tr, form: &SettingsForm) -> Vec<String> {
    let mut problems = vec![tr.t("tracking-settings-incomplete")];
    let missing = |key: &str| tr.t1("tracking-settings-missing", "field", tr.t(key));
    if !matches!(form.deadline_day.as_str(), "by" | "before") {
        problems.push(missing("tracking-settings-deadline-day"));
    }
    match form.due_soon_days.trim() {
        "" => problems.push(missing("tracking-settings-window")),
        days if days.parse::<u32>().ok().filter(|w| *w <= MAX_WINDOW_DAYS).is_none() => {
            problems.push(tr.t1("tracking-settings-bad-window", "value", days));
        }
        _ => {}
    }
    if !matches!(form.unreported.as_str(), "zero" | "skip") {
        problems.push(missing("tracking-settings-unreported"));
    }
    problems
}

/// `POST /orgs/{code}/tracking/settings`: an administrator's choice. Every
/// field must be chosen: nothing is filled in for them.
pub async fn save_settings(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<SettingsForm>,
) -> Result<Response, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let Some(rules) = rules_from(&form) else {
        let page = settings_page(&caller, &node, false, settings_problems(caller.tr, &form), Some(form)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    caller.scoped().tasks().set_tracking_rules(&node, &rules, &caller.address).await?;
    Ok(Redirect::to(&format!("/orgs/{}/tracking/settings?saved=1", node.code)).into_response())
}
