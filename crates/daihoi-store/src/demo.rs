//! Loading the demo scenario of `daihoi-demo` into a database: the initial
//! tree, the changes of the 2025 reform, then the members through the same
//! import as a user's file. All in one transaction: a scenario that does not
//! fit leaves the database as it was.

use daihoi_demo::{Scenario, TreeEvent};
use sqlx::AnyConnection;

use crate::members::{ImportError, ImportReport, ImportRow};
use crate::orgs::NewOrg;
use crate::{Db, StoreError, StoreResult};

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

impl Db {
    /// Registers the demo documents and their links (skipping those already
    /// there); returns how many documents were registered.
    pub async fn load_demo_documents(&self) -> StoreResult<usize> {
        use crate::documents::{Classification, NewDocument};
        let mut ids = Vec::new();
        let mut created = 0;
        for d in daihoi_demo::documents::documents() {
            let number: u32 = d.number.parse().map_err(|_| StoreError::corrupt(format!("demo number {}", d.number)))?;
            let doc = match self.document_by_identity(d.issuer, d.doc_type, number, d.issued_on).await? {
                Some(doc) => doc,
                None => {
                    created += 1;
                    self.register_document(&NewDocument {
                        doc_type: d.doc_type,
                        issuer: d.issuer,
                        number,
                        number_text: d.number,
                        issued_on: d.issued_on,
                        title: d.title,
                        summary: d.summary,
                        classification: Classification::Normal,
                        org: None,
                    })
                    .await?
                }
            };
            ids.push(((d.label(), d.issued_on), doc.id));
        }
        let id_of = |key: (&str, time::Date)| {
            ids.iter()
                .find(|((label, date), _)| label == key.0 && *date == key.1)
                .map(|(_, id)| *id)
                .ok_or_else(|| StoreError::corrupt(format!("demo link to {}", key.0)))
        };
        for l in daihoi_demo::documents::links() {
            let Some((kind, daihoi_documents::Direction::Forward)) = daihoi_documents::LinkKind::from_code(l.kind)
            else {
                return Err(StoreError::corrupt(format!("demo link kind {}", l.kind)));
            };
            self.link_documents(id_of(l.from)?, id_of(l.to)?, kind).await?;
        }
        Ok(created)
    }
}

/// The documents the seed's conference of 18 November 2024 covered: issuer,
/// type, number and date (D-NUM-5).
const CONFERENCE_DOCUMENTS: [(&str, &str, u32, time::Date); 6] = [
    ("TU", "NQ", 23, time::macros::date!(2024 - 03 - 03)),
    ("TU", "NQ", 28, time::macros::date!(2024 - 09 - 26)),
    ("TW", "QĐ", 190, time::macros::date!(2024 - 10 - 10)),
    ("BTCTW", "HD", 27, time::macros::date!(2024 - 08 - 26)),
    ("TU", "KH", 439, time::macros::date!(2024 - 07 - 23)),
    ("TU", "HD", 6, time::macros::date!(2024 - 10 - 25)),
];

/// The date of the seed's conference.
pub const CONFERENCE_DATE: time::Date = time::macros::date!(2024 - 11 - 18);

const CONFERENCE_TITLE: &str = "Hội nghị học tập, quán triệt các nghị quyết, quyết định, kế hoạch và hướng dẫn \
     của Trung ương và của Tỉnh ủy";

impl Db {
    /// Records the seed's provincial conference of 18 November 2024, held
    /// by the province (code `QN`) and covering its documents (registered
    /// first by [`Db::load_demo_documents`]), with its attendance: every
    /// organization directly under the province on that date, two thirds of
    /// the cells (in path order, all but every third), and in those cells
    /// the members enrolled that day but one in five (person id a multiple
    /// of 5: absent). Deterministic; a conference already there is returned
    /// as it is.
    pub async fn load_demo_dissemination(&self) -> StoreResult<crate::dissemination::Dissemination> {
        use crate::dissemination::NewDissemination;
        let province = daihoi_core::OrgCode::parse("QN").map_err(|e| StoreError::corrupt(e.to_string()))?;
        let root = self
            .org_by_code(&province, CONFERENCE_DATE)
            .await?
            .ok_or(StoreError::OrgNotOnDate { code: province.clone(), date: CONFERENCE_DATE })?;
        let existing: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM dissemination WHERE org_id = $1 AND held_on = $2 AND title = $3 ORDER BY id LIMIT 1",
        )
        .bind(root.id)
        .bind(daihoi_core::date::iso(CONFERENCE_DATE))
        .bind(CONFERENCE_TITLE)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(id) = existing {
            return self.dissemination(id).await?.ok_or_else(|| StoreError::corrupt("demo dissemination vanished"));
        }
        let mut documents = Vec::new();
        for (issuer, doc_type, number, issued_on) in CONFERENCE_DOCUMENTS {
            let doc = self
                .document_by_identity(issuer, doc_type, number, issued_on)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("demo document {number}-{doc_type}/{issuer}")))?;
            documents.push(doc.id);
        }
        let conference = self
            .record_dissemination(&NewDissemination {
                org: &province,
                held_on: CONFERENCE_DATE,
                title: CONFERENCE_TITLE,
                level: "cấp tỉnh",
                notes: "Trực tuyến đến các điểm cầu cấp huyện, cấp xã và chi bộ",
                documents: &documents,
            })
            .await?;
        let mut orgs: Vec<i64> = self.children(root.id, CONFERENCE_DATE).await?.iter().map(|o| o.id).collect();
        let cells: std::collections::HashSet<i64> = self
            .subtree(&root, CONFERENCE_DATE)
            .await?
            .iter()
            .filter(|o| o.kind.holds_members())
            .enumerate()
            .filter(|(i, _)| i % 3 != 2)
            .map(|(_, o)| o.id)
            .collect();
        orgs.extend(cells.iter().copied());
        let people: Vec<i64> = self
            .members_with_cells(&root, CONFERENCE_DATE)
            .await?
            .into_iter()
            .filter(|(person, cell)| cells.contains(cell) && person % 5 != 0)
            .map(|(person, _)| person)
            .collect();
        self.add_attendance_ids(conference.id, &people, &orgs).await?;
        Ok(conference)
    }
}
