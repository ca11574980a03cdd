//! The document register (sổ văn bản): Party documents identified by
//! issuer, type, number and issue date (D-NUM-5), their attached files kept
//! as they are with a SHA-256, and the links between them, shown both ways
//! (D-LINK-1). Parsing and checking a number is `daihoi-documents`' job;
//! this module stores what was parsed.

pub mod access;
pub mod incoming;
pub mod policy;
pub mod related;

use daihoi_core::date::iso;
use daihoi_core::{OrgCode, search_key};
use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::Date;

use daihoi_documents::{Direction, LinkKind};

use crate::members::now_text;
use crate::orgs::date_col;
use crate::{Db, StoreError, StoreResult};

/// Who may read a document (độ mật).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Classification {
    Normal,
    /// Mật.
    Confidential,
    /// Tối mật. (Tuyệt mật documents do not belong in this register.)
    Secret,
}

impl Classification {
    /// Every classification, lowest first.
    pub const ALL: [Classification; 3] = [Classification::Normal, Classification::Confidential, Classification::Secret];

    pub fn code(self) -> &'static str {
        match self {
            Classification::Normal => "normal",
            Classification::Confidential => "confidential",
            Classification::Secret => "secret",
        }
    }

    /// The classification of a code (`normal`, `confidential`, `secret`).
    pub fn from_code(code: &str) -> Option<Classification> {
        Classification::parse(code).ok()
    }

    /// The SQL list of the codes up to this one, for `classification IN …`
    /// (a constant: nothing of the caller's goes into the SQL).
    pub(crate) fn sql_up_to(self) -> &'static str {
        match self {
            Classification::Normal => "('normal')",
            Classification::Confidential => "('normal', 'confidential')",
            Classification::Secret => "('normal', 'confidential', 'secret')",
        }
    }

    /// The codes up to this one as three values to bind, for
    /// `classification IN ($a, $b, $c)` (the lowest repeated to fill): one
    /// SQL text whatever the reader's clearance.
    pub(crate) fn codes_up_to(self) -> [&'static str; 3] {
        let mut codes = [Classification::Normal.code(); 3];
        for (slot, c) in codes.iter_mut().zip(Classification::ALL.iter().filter(|c| **c <= self)) {
            *slot = c.code();
        }
        codes
    }

    pub(crate) fn parse(code: &str) -> StoreResult<Classification> {
        match code {
            "normal" => Ok(Classification::Normal),
            "confidential" => Ok(Classification::Confidential),
            "secret" => Ok(Classification::Secret),
            other => Err(StoreError::corrupt(format!("bad classification {other:?}"))),
        }
    }
}

/// A document to register. The number comes parsed: registry codes for the
/// type and the issuer, the number as an integer and as written.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub doc_type: &'a str,
    pub issuer: &'a str,
    pub number: u32,
    pub number_text: &'a str,
    pub issued_on: Date,
    pub title: &'a str,
    pub summary: &'a str,
    pub classification: Classification,
    /// The organization whose register holds it.
    pub org: Option<&'a OrgCode>,
}

/// A registered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: i64,
    pub doc_type: String,
    pub issuer: String,
    pub number: u32,
    pub number_text: String,
    pub issued_on: Date,
    pub title: String,
    pub summary: String,
    pub classification: Classification,
    pub org_id: Option<i64>,
}

impl Document {
    /// The number as people write it: `06-HD/TU`.
    pub fn number_label(&self) -> String {
        format!("{}-{}/{}", self.number_text, self.doc_type, self.issuer)
    }
}

/// A file attached to a document, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFile {
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub size: u64,
}

/// A link as seen from one document: its kind, whether this document is
/// the one that guides (`Forward`) or the one guided (`Inverse`), and the
/// other document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLink {
    pub kind: LinkKind,
    pub direction: Direction,
    pub other: Document,
}

const DOCUMENT_COLUMNS: &str = "d.id, d.doc_type, d.issuer, d.number, d.number_text, d.issued_on, d.title, d.summary, \
     d.classification, d.org_id";

fn document(row: &AnyRow) -> StoreResult<Document> {
    let number: i64 = row.try_get("number")?;
    let classification: String = row.try_get("classification")?;
    Ok(Document {
        id: row.try_get("id")?,
        doc_type: row.try_get("doc_type")?,
        issuer: row.try_get("issuer")?,
        number: u32::try_from(number).map_err(|_| StoreError::corrupt(format!("bad document number {number}")))?,
        number_text: row.try_get("number_text")?,
        issued_on: date_col(row, "issued_on")?,
        title: row.try_get("title")?,
        summary: row.try_get("summary")?,
        classification: Classification::parse(&classification)?,
        org_id: row.try_get("org_id")?,
    })
}

impl Db {
    /// Registers a document. The same issuer, type, number and date twice
    /// is refused (D-NUM-5: only all four together identify a document).
    pub(crate) async fn register_document(&self, new: &NewDocument<'_>) -> StoreResult<Document> {
        let mut tx = self.begin_write().await?;
        let id = Db::register_document_in(&mut tx, new).await?;
        tx.commit().await?;
        self.document(id).await?.ok_or_else(|| StoreError::corrupt("document vanished after insert"))
    }

    /// [`Db::register_document`] in the caller's transaction; the new id.
    pub(crate) async fn register_document_in(
        conn: &mut sqlx::AnyConnection,
        new: &NewDocument<'_>,
    ) -> StoreResult<i64> {
        let title = daihoi_core::text::line(new.title, daihoi_core::text::TITLE_MAX_CHARS)
            .map_err(StoreError::text("title"))?;
        let summary = daihoi_core::text::paragraphs(new.summary, daihoi_core::text::NOTE_MAX_CHARS)
            .map_err(StoreError::text("summary"))?;
        let org_id: Option<i64> = match new.org {
            Some(code) => Some(
                sqlx::query_scalar("SELECT id FROM organization WHERE code = $1")
                    .bind(code.as_str())
                    .fetch_optional(&mut *conn)
                    .await?
                    .ok_or_else(|| StoreError::UnknownOrg(code.clone()))?,
            ),
            None => None,
        };
        let same: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM document WHERE issuer = $1 AND doc_type = $2 AND number = $3 AND issued_on = $4",
        )
        .bind(new.issuer)
        .bind(new.doc_type)
        .bind(i64::from(new.number))
        .bind(iso(new.issued_on))
        .fetch_optional(&mut *conn)
        .await?;
        if same.is_some() {
            return Err(StoreError::DuplicateDocument(format!(
                "{}-{}/{} of {}",
                new.number_text,
                new.doc_type,
                new.issuer,
                daihoi_core::date::vi(new.issued_on)
            )));
        }
        let label = format!("{}-{}/{}", new.number_text, new.doc_type, new.issuer);
        let key = search_key(&format!("{label} {} {}", new.title, new.summary));
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO document (doc_type, issuer, number, number_text, issued_on, title, summary, classification, \
             org_id, search_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(new.doc_type)
        .bind(new.issuer)
        .bind(i64::from(new.number))
        .bind(new.number_text)
        .bind(iso(new.issued_on))
        .bind(title)
        .bind(summary)
        .bind(new.classification.code())
        .bind(org_id)
        .bind(key)
        .bind(now_text())
        .fetch_one(&mut *conn)
        .await?;
        Ok(id)
    }

    pub async fn document(&self, id: i64) -> StoreResult<Option<Document>> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM document d WHERE d.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(document).transpose()
    }

    /// The document with this identity (D-NUM-5).
    pub async fn document_by_identity(
        &self,
        issuer: &str,
        doc_type: &str,
        number: u32,
        issued_on: Date,
    ) -> StoreResult<Option<Document>> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM document d \
             WHERE d.issuer = $1 AND d.doc_type = $2 AND d.number = $3 AND d.issued_on = $4"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(issuer)
            .bind(doc_type)
            .bind(i64::from(number))
            .bind(iso(issued_on))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(document).transpose()
    }

    /// The documents with this number, whatever their date (a number
    /// restarts every term: several may come back), newest first.
    pub async fn documents_numbered(&self, issuer: &str, doc_type: &str, number: u32) -> StoreResult<Vec<Document>> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM document d WHERE d.issuer = $1 AND d.doc_type = $2 AND d.number = $3 \
             ORDER BY d.issued_on DESC"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(issuer)
            .bind(doc_type)
            .bind(i64::from(number))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(document).collect()
    }

    /// One more than the highest number of `org_id`'s documents of
    /// `doc_type` issued in `year`.
    pub(crate) async fn next_number(&self, org_id: i64, doc_type: &str, year: i32) -> StoreResult<u32> {
        let highest: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(number) FROM document WHERE org_id = $1 AND doc_type = $2 AND issued_on >= $3 AND issued_on < $4",
        )
        .bind(org_id)
        .bind(doc_type)
        .bind(format!("{year:04}-01-01"))
        .bind(format!("{:04}-01-01", year + 1))
        .fetch_one(&self.pool)
        .await?;
        let highest = u32::try_from(highest.unwrap_or(0)).unwrap_or(u32::MAX - 1);
        Ok(highest.saturating_add(1))
    }

    /// Documents whose number, title or summary contain every word of
    /// `text` (case and diacritics ignored), up to `most` classified at
    /// most `cleared`, newest first.
    pub async fn search_documents(&self, text: &str, cleared: Classification, most: u32) -> StoreResult<Vec<Document>> {
        let words: Vec<String> = search_key(text).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
        let allowed: Vec<&str> = [Classification::Normal, Classification::Confidential, Classification::Secret]
            .into_iter()
            .filter(|c| *c <= cleared)
            .map(Classification::code)
            .collect();
        let mut conds = vec![format!("d.classification IN ({})", crate::placeholders::list(1, allowed.len()))];
        for i in 0..words.len() {
            conds.push(format!("d.search_key LIKE ${} ESCAPE '\\'", allowed.len() + i + 1));
        }
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM document d WHERE {} ORDER BY d.issued_on DESC, d.id DESC LIMIT {}",
            conds.join(" AND "),
            most.clamp(1, 1000)
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for c in &allowed {
            q = q.bind(*c);
        }
        for w in &words {
            let escaped = w.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            q = q.bind(format!("%{escaped}%"));
        }
        q.fetch_all(&self.pool).await?.iter().map(document).collect()
    }

    /// Links `from` to `to`. A document does not link to itself, and
    /// `replaces` makes no cycle (D-LINK-1). The same link twice is kept
    /// once.
    pub(crate) async fn link_documents(&self, from: i64, to: i64, kind: LinkKind) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        Db::link_documents_in(&mut tx, from, to, kind).await?;
        tx.commit().await?;
        Ok(())
    }

    /// [`Db::link_documents`] in the caller's transaction: whether the link
    /// is new.
    pub(crate) async fn link_documents_in(
        conn: &mut sqlx::AnyConnection,
        from: i64,
        to: i64,
        kind: LinkKind,
    ) -> StoreResult<bool> {
        if from == to {
            return Err(StoreError::BadLink("a document does not link to itself".into()));
        }
        if kind.acyclic() {
            let edges: Vec<(i64, i64)> = sqlx::query_as("SELECT from_id, to_id FROM document_link WHERE kind = $1")
                .bind(kind.code())
                .fetch_all(&mut *conn)
                .await?;
            if daihoi_documents::would_cycle(&edges, &from, &to) {
                return Err(StoreError::BadLink("the replacements would go round in a circle".into()));
            }
        }
        let done = sqlx::query(
            "INSERT INTO document_link (from_id, to_id, kind, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (from_id, to_id, kind) DO NOTHING",
        )
        .bind(from)
        .bind(to)
        .bind(kind.code())
        .bind(now_text())
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Every link of a document, both ways (D-LINK-1).
    pub async fn document_links(&self, id: i64) -> StoreResult<Vec<DocumentLink>> {
        let mut out = Vec::new();
        for (direction, sql) in [
            (Direction::Forward, "SELECT l.kind, l.to_id FROM document_link l WHERE l.from_id = $1 ORDER BY l.id"),
            (Direction::Inverse, "SELECT l.kind, l.from_id FROM document_link l WHERE l.to_id = $1 ORDER BY l.id"),
        ] {
            let rows: Vec<(String, i64)> = sqlx::query_as(sql).bind(id).fetch_all(&self.pool).await?;
            for (code, other) in rows {
                let kind = match LinkKind::from_code(&code) {
                    Some((kind, Direction::Forward)) => kind,
                    _ => return Err(StoreError::corrupt(format!("bad link kind {code:?}"))),
                };
                if let Some(other) = self.document(other).await? {
                    out.push(DocumentLink { kind, direction, other });
                }
            }
        }
        Ok(out)
    }

    /// [`Db::attach_file`] in the caller's transaction: the file's SHA-256
    /// (hex) and whether the file is new to the document.
    pub(crate) async fn attach_file_in(
        conn: &mut sqlx::AnyConnection,
        document_id: i64,
        file_name: &str,
        media_type: &str,
        content: &[u8],
    ) -> StoreResult<(String, bool)> {
        let sha256 = hex::encode(Sha256::digest(content));
        let done = sqlx::query(
            "INSERT INTO document_file (document_id, file_name, media_type, sha256, size, content, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (document_id, sha256) DO NOTHING",
        )
        .bind(document_id)
        .bind(file_name)
        .bind(media_type)
        .bind(&sha256)
        .bind(i64::try_from(content.len()).unwrap_or(i64::MAX))
        .bind(content.to_vec())
        .bind(now_text())
        .execute(&mut *conn)
        .await?;
        Ok((sha256, done.rows_affected() > 0))
    }

    /// The file of a document with this SHA-256 (hex).
    pub(crate) async fn document_file_by_hash(&self, document_id: i64, sha256: &str) -> StoreResult<DocumentFile> {
        self.document_files(document_id)
            .await?
            .into_iter()
            .find(|f| f.sha256 == sha256)
            .ok_or_else(|| StoreError::corrupt("file vanished after insert"))
    }

    /// The files of a document (without their content).
    pub async fn document_files(&self, document_id: i64) -> StoreResult<Vec<DocumentFile>> {
        let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
            "SELECT id, file_name, media_type, sha256, size FROM document_file WHERE document_id = $1 ORDER BY id",
        )
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, file_name, media_type, sha256, size)| DocumentFile {
                id,
                file_name,
                media_type,
                sha256,
                size: size.unsigned_abs(),
            })
            .collect())
    }

    /// The document a file belongs to.
    pub async fn document_of_file(&self, file_id: i64) -> StoreResult<Option<i64>> {
        Ok(sqlx::query_scalar("SELECT document_id FROM document_file WHERE id = $1")
            .bind(file_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// A file's content, checked against its SHA-256.
    pub async fn file_content(&self, file_id: i64) -> StoreResult<Option<Vec<u8>>> {
        let row: Option<(Vec<u8>, String)> = sqlx::query_as("SELECT content, sha256 FROM document_file WHERE id = $1")
            .bind(file_id)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some((content, sha)) if hex::encode(Sha256::digest(&content)) == sha => Ok(Some(content)),
            Some(_) => Err(StoreError::corrupt(format!("file {file_id} does not match its SHA-256"))),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Classification;

    /// T-6: a reader reads the classifications up to his clearance, the
    /// same in a bound `IN` and in a literal one.
    #[test]
    fn the_codes_up_to_a_clearance() {
        assert_eq!(Classification::Normal.codes_up_to(), ["normal"; 3]);
        assert_eq!(Classification::Confidential.codes_up_to(), ["normal", "confidential", "normal"]);
        assert_eq!(Classification::Secret.codes_up_to(), ["normal", "confidential", "secret"]);
        for c in Classification::ALL {
            for code in c.codes_up_to() {
                assert!(c.sql_up_to().contains(&format!("'{code}'")), "{c:?}: {code}");
            }
        }
    }
}
