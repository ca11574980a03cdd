//! The writes tests make as the operator, under the names and arguments
//! they had as `Db` methods before every write went through a feature's
//! facet: each one here goes through the operator's facet
//! (`db.operator().documents()`, `.disseminations()`, `.tasks()`), so it
//! is checked and audited as the command line's would be, from the
//! address [`ADDRESS`]. `use daihoi_test_support::fixtures::*` brings the
//! trait in.

use daihoi_core::OrgCode;
use daihoi_core::members::CardNumber;
use daihoi_documents::{Direction, LinkKind};
use daihoi_store::dissemination::{Dissemination, NewDissemination};
use daihoi_store::documents::{Document, DocumentFile, NewDocument};
use daihoi_store::tasks::import::TaskImportReport;
use daihoi_store::tasks::targets::{NewTarget, StoredTarget};
use daihoi_store::tasks::{NewTask, Task, TaskEvent};
use daihoi_store::{Db, StoreError, StoreResult};
use daihoi_tracking::Event;
use daihoi_tracking::sheet::TaskRow;
use daihoi_tracking::targets::Reading;

/// The address the tests' writes are audited from.
pub const ADDRESS: &str = "test";

/// The operator's writes, as tests call them (see the module's doc).
#[allow(async_fn_in_trait)]
pub trait OperatorWrites {
    /// Registers a document: in the register of `new.org`, or in none.
    async fn register_document(&self, new: &NewDocument<'_>) -> StoreResult<Document>;
    /// `from` `kind` `to`.
    async fn link_documents(&self, from: i64, to: i64, kind: LinkKind) -> StoreResult<()>;
    /// Attaches a file to a document.
    async fn attach_file(
        &self,
        document_id: i64,
        file_name: &str,
        media_type: &str,
        content: &[u8],
    ) -> StoreResult<DocumentFile>;
    /// Records a conference, without attendance.
    async fn record_dissemination(&self, new: &NewDissemination<'_>) -> StoreResult<Dissemination>;
    /// Adds members (by card) and organizations (by code) to a conference.
    async fn add_attendance(&self, dissemination_id: i64, members: &[CardNumber], orgs: &[OrgCode]) -> StoreResult<()>;
    /// Gives a task.
    async fn create_task(&self, new: &NewTask<'_>) -> StoreResult<Task>;
    /// Records an event of a task.
    async fn record_event(&self, task_id: i64, event: &Event) -> StoreResult<TaskEvent>;
    /// Adds a target to a task.
    async fn create_target(&self, new: &NewTarget<'_>) -> StoreResult<StoredTarget>;
    /// Records a reading of a target (`note` kept with it; the reader is the operator).
    async fn record_reading(&self, target_id: i64, reading: Reading, note: &str) -> StoreResult<()>;
    /// Imports task rows as of `date` (`tasks.xlsx`).
    async fn import_tasks(&self, rows: &[TaskRow], date: time::Date, dry_run: bool) -> StoreResult<TaskImportReport>;
}

fn not_found(what: String) -> StoreError {
    StoreError::NotFound(what)
}

async fn document(db: &Db, id: i64) -> StoreResult<Document> {
    db.operator().documents().document(id).await?.ok_or_else(|| not_found(format!("document {id}")))
}

async fn task(db: &Db, id: i64) -> StoreResult<Task> {
    db.task(id).await?.ok_or_else(|| not_found(format!("task {id}")))
}

impl OperatorWrites for Db {
    async fn register_document(&self, new: &NewDocument<'_>) -> StoreResult<Document> {
        let documents = self.operator().documents();
        match new.org {
            Some(code) => {
                let register = documents
                    .orgs()
                    .org(code, new.issued_on)
                    .await?
                    .ok_or_else(|| not_found(format!("organization {code} on {}", new.issued_on)))?;
                documents.register_document(&register, new, ADDRESS).await
            }
            None => documents.register_unfiled_document(new, ADDRESS).await,
        }
    }

    async fn link_documents(&self, from: i64, to: i64, kind: LinkKind) -> StoreResult<()> {
        let (from, to) = (document(self, from).await?, document(self, to).await?);
        self.operator().documents().link_documents(&from, &to, kind, Direction::Forward, today(), ADDRESS).await
    }

    async fn attach_file(
        &self,
        document_id: i64,
        file_name: &str,
        media_type: &str,
        content: &[u8],
    ) -> StoreResult<DocumentFile> {
        let d = document(self, document_id).await?;
        self.operator().documents().attach_file(&d, file_name, media_type, content, today(), ADDRESS).await
    }

    async fn record_dissemination(&self, new: &NewDissemination<'_>) -> StoreResult<Dissemination> {
        self.operator().disseminations().record_dissemination(new, &[], &[], ADDRESS).await
    }

    async fn add_attendance(&self, dissemination_id: i64, members: &[CardNumber], orgs: &[OrgCode]) -> StoreResult<()> {
        let scoped = self.operator();
        let (d, _) = scoped
            .disseminations()
            .dissemination(dissemination_id)
            .await?
            .ok_or_else(|| not_found(format!("dissemination {dissemination_id}")))?;
        scoped.disseminations().add_attendance(&d, members, orgs, ADDRESS).await.map(|_| ())
    }

    async fn create_task(&self, new: &NewTask<'_>) -> StoreResult<Task> {
        self.operator().tasks().create_task(new, ADDRESS).await
    }

    async fn record_event(&self, task_id: i64, event: &Event) -> StoreResult<TaskEvent> {
        let t = task(self, task_id).await?;
        self.operator().tasks().record_event(&t, event, ADDRESS).await
    }

    async fn create_target(&self, new: &NewTarget<'_>) -> StoreResult<StoredTarget> {
        let t = task(self, new.task_id).await?;
        self.operator().tasks().create_target(&t, new.name, new.target.clone(), today(), ADDRESS).await
    }

    async fn record_reading(&self, target_id: i64, reading: Reading, note: &str) -> StoreResult<()> {
        let target = self.target(target_id).await?.ok_or_else(|| not_found(format!("target {target_id}")))?;
        let t = task(self, target.task_id).await?;
        self.operator().tasks().record_reading(&t, target_id, reading, note, ADDRESS).await
    }

    async fn import_tasks(&self, rows: &[TaskRow], date: time::Date, dry_run: bool) -> StoreResult<TaskImportReport> {
        self.operator().tasks().import_tasks(rows, date, ADDRESS, "tasks.xlsx", dry_run).await
    }
}

/// Today in Vietnam, the day a link or a file is dated.
fn today() -> time::Date {
    time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+7)).date()
}
