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
        let mut tx = self.begin_write().await?;
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
        let mut tx = self.begin_write().await?;
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

    /// The demo's incoming register and forwards ([`daihoi_demo::documents::circulation`]):
    /// the province's own documents in its register, the Central ones in
    /// its incoming register, and the copies sent to the organizations
    /// directly under it, received two days later (except those sent again
    /// after the reorganization to [`daihoi_demo::documents::NOT_YET_RECEIVED`]).
    /// What is there already is left as it is. After the tree and
    /// [`Db::load_demo_documents`]; returns how many copies were forwarded.
    pub async fn load_demo_circulation(&self) -> StoreResult<usize> {
        use crate::documents::incoming::NewArrival;
        use daihoi_demo::documents as demo;
        let mut ids = Vec::new();
        for d in demo::documents() {
            let number: u32 = d.number.parse().map_err(|_| StoreError::corrupt(format!("demo number {}", d.number)))?;
            let doc = self
                .document_by_identity(d.issuer, d.doc_type, number, d.issued_on)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("demo document {}", d.label())))?;
            ids.push(((d.label(), d.issued_on), doc.id));
        }
        let id_of = |key: (&str, time::Date)| {
            ids.iter()
                .find(|((label, date), _)| label == key.0 && *date == key.1)
                .map(|(_, id)| *id)
                .ok_or_else(|| StoreError::corrupt(format!("demo circulation of {}", key.0)))
        };
        let mut forwarded = 0;
        let code = daihoi_core::OrgCode::parse(demo::PROVINCE).map_err(|e| StoreError::corrupt(e.to_string()))?;
        let province = self.org_now(&code).await?.ok_or(StoreError::UnknownOrg(code))?;
        let by = "demo";
        let mut tx = self.begin_write().await?;
        let forward =
            async |tx: &mut sqlx::AnyConnection, document: i64, on: time::Date, receive: &dyn Fn(&str) -> bool| {
                let mut new = 0;
                for child in self.children(province.id, on).await? {
                    if !Db::forward_in(tx, document, province.id, child.id, on, by).await? {
                        continue;
                    }
                    new += 1;
                    if !receive(child.code.as_str()) {
                        continue;
                    }
                    let forward_id: i64 =
                        sqlx::query_scalar("SELECT id FROM document_forward WHERE document_id = $1 AND to_org_id = $2")
                            .bind(document)
                            .bind(child.id)
                            .fetch_one(&mut *tx)
                            .await?;
                    let received_on = on + time::Duration::days(2);
                    sqlx::query("UPDATE document_forward SET received_at = $1, received_by = $2 WHERE id = $3")
                        .bind(format!("{}T01:30:00Z", daihoi_core::date::iso(received_on)))
                        .bind(by)
                        .bind(forward_id)
                        .execute(&mut *tx)
                        .await?;
                    let arrival = NewArrival { arrived_on: received_on, sender: &province.name };
                    match Db::record_arrival_in(tx, document, child.id, arrival, Some(forward_id), by).await {
                        Ok(_) | Err(StoreError::AlreadyArrived { .. }) => {}
                        Err(e) => return Err(e),
                    }
                }
                Ok::<_, StoreError>(new)
            };
        for c in demo::circulation() {
            let document = id_of(c.document)?;
            match c.arrived {
                None => {
                    sqlx::query("UPDATE document SET org_id = $1 WHERE id = $2 AND org_id IS NULL")
                        .bind(province.id)
                        .bind(document)
                        .execute(&mut *tx)
                        .await?;
                }
                Some((arrived_on, sender)) => {
                    let arrival = NewArrival { arrived_on, sender };
                    match Db::record_arrival_in(&mut tx, document, province.id, arrival, None, by).await {
                        Ok(_) | Err(StoreError::AlreadyArrived { .. }) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            if let Some(on) = c.forwarded_on {
                forwarded += forward(&mut tx, document, on, &|_| true).await?;
            }
        }
        for key in demo::RESENT {
            let document = id_of(key)?;
            forwarded +=
                forward(&mut tx, document, demo::RESENT_ON, &|code| !demo::NOT_YET_RECEIVED.contains(&code)).await?;
        }
        tx.commit().await?;
        Ok(forwarded)
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
                classification: crate::documents::Classification::Normal,
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

/// The external id of the first demo task: its presence means the demo
/// tasks are loaded.
const DEMO_TASK_MARK: &str = "DEMO-23-NQ-TU-1";

/// The day the communes of the 2025 reform receive their sub-tasks.
const COMMUNES_ASSIGNED: time::Date = time::macros::date!(2025 - 07 - 15);

/// A demo task with no parent nor weight.
fn base<'a>(
    document_id: i64,
    external_id: &'a str,
    clause: &'a str,
    title: &'a str,
    org: &'a daihoi_core::OrgCode,
    deadline: time::Date,
    assigned_on: time::Date,
) -> crate::tasks::NewTask<'a> {
    crate::tasks::NewTask {
        document_id,
        clause,
        title,
        org,
        parent: None,
        weight: None,
        deadline: Some(deadline),
        external_id: Some(external_id),
        classification: crate::documents::Classification::Normal,
        assigned_on,
    }
}

/// A border commune's sub-task: title, weight, deadline, reports, done on.
type BorderTask = (&'static str, f64, time::Date, &'static [(time::Date, f64)], Option<time::Date>);

/// A demo task's history: when it started, its quarterly progress reports,
/// other events, and the day it was finished.
struct DemoLog<'a> {
    started: time::Date,
    reports: &'a [(time::Date, f64)],
    extra: Vec<daihoi_tracking::Event>,
    done: Option<time::Date>,
}

impl Db {
    /// Loads believable tasks (T-1, T-2, T-4) from 23-NQ/TU (border
    /// security: the province's task cascaded to border communes), 28-NQ/TU
    /// (the police force) and 439-KH/TU (congress preparation, one sub-task
    /// per commune), with their logs: some done on time, some late, some
    /// overdue at [`daihoi_demo::AS_OF`]. Needs the demo tree and documents;
    /// does nothing when they are already loaded. Returns how many tasks were
    /// created.
    pub async fn load_demo_tasks(&self) -> StoreResult<usize> {
        use crate::tasks::NewTask;
        use daihoi_tracking::{Event, EventKind, Finding, Weight};
        use time::macros::date;

        if self.task_by_external_id(DEMO_TASK_MARK).await?.is_some() {
            return Ok(0);
        }
        let as_of = daihoi_demo::AS_OF;
        let province = daihoi_core::OrgCode::parse("QN").map_err(|e| StoreError::corrupt(e.to_string()))?;
        let root = self
            .org_by_code(&province, as_of)
            .await?
            .ok_or(StoreError::OrgNotOnDate { code: province.clone(), date: as_of })?;
        // Communes under the province today that already existed when the
        // sub-tasks were given.
        let mut communes = Vec::new();
        for c in self.children(root.id, as_of).await? {
            if c.kind == daihoi_core::OrgKind::Commune && self.org_by_id(c.id, COMMUNES_ASSIGNED).await?.is_some() {
                communes.push(c);
            }
        }
        if communes.len() < 4 {
            return Err(StoreError::corrupt(format!("the demo tree has {} communes, not 4", communes.len())));
        }
        let mut border = Vec::new();
        for place in ["Hoành Mô", "Quảng Đức", "Móng Cái 1", "Bình Liêu", "Quảng Hà", "Hải Sơn"] {
            if let Some(c) = communes.iter().find(|c| c.name.contains(place))
                && !border.iter().any(|b: &crate::orgs::OrgNode| b.id == c.id)
            {
                border.push(c.clone());
            }
        }
        for c in &communes {
            if border.len() >= 3 {
                break;
            }
            if !border.iter().any(|b| b.id == c.id) {
                border.push(c.clone());
            }
        }
        border.truncate(3);
        let doc = |issuer: &'static str, doc_type: &'static str, number: u32, issued_on: time::Date| async move {
            self.document_by_identity(issuer, doc_type, number, issued_on)
                .await?
                .map(|d| d.id)
                .ok_or_else(|| StoreError::NotFound(format!("demo document {number}-{doc_type}/{issuer}")))
        };
        let nq23 = doc("TU", "NQ", 23, date!(2024 - 03 - 03)).await?;
        let nq28 = doc("TU", "NQ", 28, date!(2024 - 09 - 26)).await?;
        let kh439 = doc("TU", "KH", 439, date!(2024 - 07 - 23)).await?;
        let weight = |w: f64| Weight::new(w).map_err(StoreError::from);
        let mut created = 0;
        let urging = |on: time::Date, note: &str| Event {
            occurred_on: on,
            recorded_on: on,
            kind: EventKind::Urging { by: "Văn phòng Tỉnh ủy".into(), note: note.into(), new_deadline: None },
        };

        // 23-NQ/TU: border security, cascaded to border communes.
        let t23 = self
            .create_task(&base(
                nq23,
                DEMO_TASK_MARK,
                "Mục III.1",
                "Xây dựng khu vực biên giới vững mạnh toàn diện, phát triển cụm dân cư tự quản an ninh trật tự ở các xã biên giới",
                &province,
                date!(2026 - 12 - 31),
                date!(2024 - 03 - 20),
            ))
            .await?;
        created += 1;
        self.demo_log(t23.id, DemoLog { started: date!(2024 - 04 - 01), reports: &[], extra: vec![], done: None })
            .await?;
        let border_tasks: [BorderTask; 3] = [
            (
                "Xây dựng mô hình \"Tự quản đường biên, cột mốc\" ở các thôn biên giới",
                2.0,
                date!(2026 - 06 - 30),
                &[(date!(2025 - 09 - 30), 40.0), (date!(2025 - 12 - 31), 70.0), (date!(2026 - 03 - 31), 90.0)],
                Some(date!(2026 - 06 - 20)),
            ),
            (
                "Phát triển cụm dân cư tự quản an ninh trật tự khu vực biên giới",
                1.0,
                date!(2026 - 09 - 30),
                &[(date!(2025 - 12 - 31), 30.0), (date!(2026 - 06 - 30), 60.0)],
                None,
            ),
            (
                "Tuyên truyền Nghị quyết 23-NQ/TU đến các hộ dân khu vực biên giới",
                1.0,
                date!(2026 - 03 - 31),
                &[(date!(2025 - 12 - 31), 50.0)],
                Some(date!(2026 - 04 - 15)),
            ),
        ];
        for (i, (commune, (title, w, deadline, reports, done))) in border.iter().zip(border_tasks).enumerate() {
            let external = format!("DEMO-23-NQ-TU-1.{}", i + 1);
            let task = self
                .create_task(&NewTask {
                    parent: Some(t23.id),
                    weight: Some(weight(w)?),
                    ..base(nq23, &external, "Mục III.1", title, &commune.code, deadline, COMMUNES_ASSIGNED)
                })
                .await?;
            created += 1;
            let extra = if done.is_none() {
                vec![urging(date!(2026 - 10 - 10), "Đôn đốc hoàn thành, báo cáo kết quả trước 31/10/2026")]
            } else {
                vec![]
            };
            self.demo_log(task.id, DemoLog { started: date!(2025 - 08 - 01), reports, extra, done }).await?;
        }
        let t = self
            .create_task(&base(
                nq23,
                "DEMO-23-NQ-TU-2",
                "Mục III.3",
                "Ban hành quy chế phối hợp giữa cấp ủy các xã biên giới và các đồn Biên phòng",
                &province,
                date!(2024 - 06 - 30),
                date!(2024 - 03 - 20),
            ))
            .await?;
        created += 1;
        self.demo_log(
            t.id,
            DemoLog {
                started: date!(2024 - 04 - 01),
                reports: &[(date!(2024 - 05 - 31), 60.0)],
                extra: vec![],
                done: Some(date!(2024 - 06 - 25)),
            },
        )
        .await?;

        // 28-NQ/TU: the police force.
        let t = self
            .create_task(&base(
                nq28,
                "DEMO-28-NQ-TU-1",
                "Mục III.2",
                "Bố trí Công an chính quy đảm nhiệm các chức danh Công an xã",
                &province,
                date!(2025 - 12 - 31),
                date!(2024 - 10 - 10),
            ))
            .await?;
        created += 1;
        self.demo_log(
            t.id,
            DemoLog {
                started: date!(2024 - 10 - 15),
                reports: &[(date!(2025 - 03 - 31), 50.0), (date!(2025 - 09 - 30), 85.0)],
                extra: vec![urging(date!(2025 - 12 - 15), "Đôn đốc hoàn thành trong năm 2025")],
                done: Some(date!(2026 - 01 - 20)),
            },
        )
        .await?;
        let t = self
            .create_task(&base(
                nq28,
                "DEMO-28-NQ-TU-2",
                "Mục III.1",
                "Kiện toàn tổ chức đảng trong Công an tỉnh sau sắp xếp tổ chức bộ máy",
                &province,
                date!(2026 - 10 - 31),
                date!(2024 - 10 - 10),
            ))
            .await?;
        created += 1;
        let inspection = Event {
            occurred_on: date!(2026 - 11 - 18),
            recorded_on: date!(2026 - 11 - 20),
            kind: EventKind::Inspection {
                by: "Ủy ban Kiểm tra Tỉnh ủy".into(),
                findings: vec![Finding {
                    text: "Còn 2 chi bộ chưa kiện toàn cấp ủy sau sắp xếp".into()
                }],
                recommendations: vec!["Hoàn thành kiện toàn trước 31/12/2026".into()],
            },
        };
        self.demo_log(
            t.id,
            DemoLog {
                started: date!(2025 - 01 - 02),
                reports: &[(date!(2026 - 03 - 31), 40.0), (date!(2026 - 06 - 30), 70.0)],
                extra: vec![urging(date!(2026 - 11 - 10), "Đôn đốc hoàn thành nhiệm vụ đã quá hạn"), inspection],
                done: None,
            },
        )
        .await?;

        // 439-KH/TU: congress preparation, one sub-task per commune.
        let t439 = self
            .create_task(&base(
                kh439,
                "DEMO-439-KH-TU-1",
                "Mục II.2",
                "Chỉ đạo tổ chức đại hội đảng bộ cấp xã nhiệm kỳ 2025-2030",
                &province,
                date!(2025 - 09 - 30),
                date!(2024 - 08 - 01),
            ))
            .await?;
        created += 1;
        self.demo_log(
            t439.id,
            DemoLog { started: date!(2024 - 08 - 05), reports: &[], extra: vec![], done: Some(date!(2025 - 09 - 25)) },
        )
        .await?;
        let congress_done =
            [date!(2025 - 08 - 12), date!(2025 - 08 - 20), date!(2025 - 09 - 08), date!(2025 - 08 - 28)];
        for (i, (commune, done)) in communes.iter().zip(congress_done).enumerate() {
            let external = format!("DEMO-439-KH-TU-1.{}", i + 1);
            let title = format!("Tổ chức đại hội {}, nhiệm kỳ 2025-2030", commune.name);
            let task = self
                .create_task(&NewTask {
                    parent: Some(t439.id),
                    ..base(
                        kh439,
                        &external,
                        "Mục II.2",
                        &title,
                        &commune.code,
                        date!(2025 - 08 - 31),
                        COMMUNES_ASSIGNED,
                    )
                })
                .await?;
            created += 1;
            self.demo_log(
                task.id,
                DemoLog {
                    started: date!(2025 - 07 - 20),
                    reports: &[(date!(2025 - 07 - 31), 40.0)],
                    extra: vec![],
                    done: Some(done),
                },
            )
            .await?;
        }
        Ok(created)
    }

    /// The demo's targets (T-5) on the tasks of 23-NQ/TU and 28-NQ/TU with
    /// their readings, and the tracking rules as the province's
    /// administrator chose them in the scenario (the \[open\] rules are a
    /// person's choice: the demo plays that person, and the settings page
    /// says who chose). Returns the number of targets created (0 when
    /// already loaded, or when the demo tasks are not there).
    pub async fn load_demo_tracking(&self) -> StoreResult<usize> {
        use daihoi_tracking::{DeadlineDay, Direction, Reading, RollupRules, StatusRules, Target, Unreported};
        use time::macros::date;

        let Some(top) = self.task_by_external_id(DEMO_TASK_MARK).await? else { return Ok(0) };
        if !self.targets_of_task(top.id).await?.is_empty() {
            return Ok(0);
        }
        type DemoTarget = (&'static str, &'static str, &'static str, f64, f64, Direction, &'static [(time::Date, f64)]);
        let targets: [DemoTarget; 4] = [
            (
                DEMO_TASK_MARK,
                "Số cụm dân cư tự quản về an ninh trật tự khu vực biên giới",
                "cụm",
                12.0,
                30.0,
                Direction::HigherIsBetter,
                &[(date!(2025 - 06 - 30), 16.0), (date!(2025 - 12 - 31), 22.0), (date!(2026 - 06 - 30), 25.0)],
            ),
            (
                "DEMO-28-NQ-TU-1",
                "Tỷ lệ xã, phường bố trí Công an chính quy",
                "%",
                75.0,
                100.0,
                Direction::HigherIsBetter,
                &[(date!(2025 - 03 - 31), 88.0), (date!(2025 - 09 - 30), 96.0), (date!(2026 - 01 - 20), 100.0)],
            ),
            (
                "DEMO-28-NQ-TU-2",
                "Số chi bộ trong Công an tỉnh chưa kiện toàn cấp ủy sau sắp xếp",
                "chi bộ",
                9.0,
                0.0,
                Direction::LowerIsBetter,
                &[(date!(2026 - 03 - 31), 5.0), (date!(2026 - 06 - 30), 3.0), (date!(2026 - 11 - 18), 2.0)],
            ),
            (
                "DEMO-439-KH-TU-1",
                "Số đảng bộ cấp xã tổ chức xong đại hội nhiệm kỳ 2025-2030",
                "đảng bộ",
                0.0,
                4.0,
                Direction::HigherIsBetter,
                &[(date!(2025 - 08 - 15), 1.0), (date!(2025 - 08 - 31), 3.0), (date!(2025 - 09 - 08), 4.0)],
            ),
        ];
        let mut created = 0;
        for (external, name, unit, baseline, value, direction, readings) in targets {
            let Some(task) = self.task_by_external_id(external).await? else { continue };
            let target = self
                .create_target(&crate::tasks::targets::NewTarget {
                    task_id: task.id,
                    name,
                    target: Target::new(unit, baseline, value, direction)?,
                })
                .await?;
            created += 1;
            for (on, v) in readings {
                self.record_reading(target.id, Reading { on: *on, value: *v }, "", "vanphong").await?;
            }
        }
        let province = daihoi_core::OrgCode::parse("QN").map_err(|e| StoreError::corrupt(e.to_string()))?;
        if let Some(root) = self.org_by_code(&province, daihoi_demo::AS_OF).await? {
            let rules = crate::tasks::settings::TrackingRules {
                status: StatusRules { due_soon_window: 14, deadline_day: DeadlineDay::CountsAsOnTime },
                rollup: RollupRules { unreported: Unreported::CountAsZero },
            };
            let mut tx = self.begin_write().await?;
            Db::set_tracking_rules_in(&mut tx, &root, &rules, "admin").await?;
            let detail = crate::tasks::settings::describe(&rules);
            crate::audit::append(
                &mut tx,
                &crate::audit::NewAuditEntry {
                    actor: "admin",
                    address: "demo",
                    action: "tracking_rules",
                    org_path: Some(&root.path),
                    subject: root.code.as_str(),
                    detail: &detail,
                    classification: crate::documents::Classification::Normal,
                },
            )
            .await?;
            tx.commit().await?;
        }
        Ok(created)
    }

    /// Records a demo task's log in the order of occurrence.
    async fn demo_log(&self, task_id: i64, log: DemoLog<'_>) -> StoreResult<()> {
        use daihoi_tracking::{Event, EventKind, Period, PeriodKind, Progress, Workflow};
        let at = |on: time::Date, kind| Event { occurred_on: on, recorded_on: on, kind };
        let progress = |p: f64| Progress::new(p).map_err(StoreError::from);
        let mut events =
            vec![at(log.started, EventKind::StatusChange { from: Workflow::Assigned, to: Workflow::InProgress })];
        for (on, p) in log.reports {
            let period = Period::containing(PeriodKind::Quarterly, *on)
                .ok_or_else(|| StoreError::corrupt(format!("no quarter for {on}")))?;
            let summary = format!("Báo cáo quý {}/{}", period.index, period.year);
            events.push(at(*on, EventKind::Report { period, summary, progress: Some(progress(*p)?) }));
        }
        events.extend(log.extra);
        if let Some(done) = log.done {
            events.push(at(done, EventKind::ProgressReported { progress: Progress::FULL }));
            events.push(at(done, EventKind::StatusChange { from: Workflow::InProgress, to: Workflow::Done }));
        }
        events.sort_by_key(|e| e.recorded_on);
        for e in &events {
            self.record_event(task_id, e).await?;
        }
        Ok(())
    }
}
