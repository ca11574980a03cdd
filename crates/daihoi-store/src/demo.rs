//! Loading the demo scenario of `daihoi-demo` into a database: the initial
//! tree, the changes of the 2025 reform, then the members through the same
//! import as a user's file. All in one transaction: a scenario that does not
//! fit leaves the database as it was.

use daihoi_demo::{Scenario, TreeEvent};
use sqlx::AnyConnection;

use crate::members::{ImportError, ImportReport, ImportRow};
use crate::orgs::NewOrg;
use crate::{Db, StoreResult};

impl Db {
    /// Whether the database holds no organization yet.
    pub async fn is_empty(&self) -> StoreResult<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organization").fetch_one(&self.pool).await?;
        Ok(n == 0)
    }

    /// Creates the scenario's organizations and applies its tree events.
    pub async fn load_tree(&self, scenario: &Scenario) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        load_tree(&mut tx, scenario).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Loads the whole scenario: tree, events, members (imported as of `as_of`).
    pub async fn load_scenario(
        &self,
        scenario: &Scenario,
        as_of: time::Date,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<ImportReport, ImportError> {
        let mut tx = self.pool.begin().await?;
        load_tree(&mut tx, scenario).await?;
        let rows: Vec<ImportRow> =
            scenario.members.iter().enumerate().map(|(i, row)| ImportRow { line: i + 1, row: row.clone() }).collect();
        let report = crate::members::import::import_members(&mut tx, &rows, as_of, None, progress).await?;
        tx.commit().await?;
        self.analyze_after(rows.len()).await?;
        Ok(report)
    }
}

async fn load_tree(conn: &mut AnyConnection, scenario: &Scenario) -> StoreResult<()> {
    use crate::orgs;
    for org in &scenario.orgs {
        let new = NewOrg {
            code: &org.code,
            name: &org.name,
            kind: org.kind,
            parent: org.parent.as_ref(),
            valid_from: org.valid_from,
        };
        orgs::create_org(conn, &new).await?;
    }
    for event in &scenario.events {
        match event {
            TreeEvent::Move { org, new_parent, date } => orgs::move_org(conn, org, new_parent, *date).await?,
            TreeEvent::Merge { source, into, date } => orgs::merge_org(conn, source, into, *date).await?,
            TreeEvent::Rename { org, name, date } => orgs::rename_org(conn, org, name, *date).await?,
            TreeEvent::Dissolve { org, date } => orgs::dissolve_org(conn, org, *date).await?,
        }
    }
    Ok(())
}
