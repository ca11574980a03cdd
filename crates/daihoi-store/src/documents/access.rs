//! What a viewer may write in the document register (sổ văn bản), as
//! methods of the [`Scoped`] view: registering a document in an
//! organization's register, attaching its files, linking it to another
//! (D-LINK-1). A role that writes on the organization whose register holds
//! the document may do so, for documents up to the viewer's clearance; a
//! document in no organization's register is the operator's. Each write
//! and its audit entry are one transaction. Attaching and linking are
//! idempotent: the same file or link twice is kept once, and logged once.

use daihoi_documents::{Direction, LinkKind};
use time::Date;

use super::policy;
use crate::documents::{Document, DocumentFile, DocumentLink, NewDocument};
use crate::orgs::OrgNode;
use crate::write::Change;
use crate::{Db, StoreError, StoreResult};

fn forbidden(what: impl Into<String>) -> StoreError {
    StoreError::Forbidden(what.into())
}

crate::access::facet!(Documents, documents, "The document register as a viewer reaches it (sổ văn bản).");

impl Documents<'_> {
    /// Registered documents matching `text`, that the viewer is cleared for.
    pub async fn search_documents(&self, text: &str, most: u32) -> StoreResult<Vec<Document>> {
        self.db.search_documents(text, self.clearance(), most).await
    }

    /// A document, if the viewer is cleared for it (`Ok(None)`: no such document).
    pub async fn document(&self, id: i64) -> StoreResult<Option<Document>> {
        match self.db.document(id).await? {
            Some(d) if self.cleared(&d) => Ok(Some(d)),
            Some(_) => Err(forbidden(format!("document {id}"))),
            None => Ok(None),
        }
    }

    /// A document's links both ways, leaving out documents the viewer is not cleared for.
    pub async fn document_links(&self, document: &Document) -> StoreResult<Vec<DocumentLink>> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        let links = self.db.document_links(document.id).await?;
        Ok(links.into_iter().filter(|l| self.cleared(&l.other)).collect())
    }

    /// A document's files (without their content): a file is its document's
    /// (its name and hash are the document's text).
    pub async fn document_files(&self, document: &Document) -> StoreResult<Vec<DocumentFile>> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        self.db.document_files(document.id).await
    }

    /// A file's name, type and content, if the viewer is cleared for its document.
    pub async fn file(&self, file_id: i64) -> StoreResult<Option<(DocumentFile, Vec<u8>)>> {
        let Some(document_id) = self.db.document_of_file(file_id).await? else { return Ok(None) };
        let Some(document) = self.document(document_id).await? else { return Ok(None) };
        let Some(meta) = self.db.document_files(document.id).await?.into_iter().find(|f| f.id == file_id) else {
            return Ok(None);
        };
        Ok(self.db.file_content(file_id).await?.map(|content| (meta, content)))
    }

    /// The register that keeps `document` on `date`, if the viewer writes
    /// there (`None`: the viewer may not edit it; [`Documents::edit_right`]
    /// says why): the organization that issued it, or one that took it in
    /// from outside the tree.
    pub async fn document_register(&self, document: &Document, date: Date) -> StoreResult<Option<OrgNode>> {
        Ok(match self.edit_right(document, date).await? {
            crate::documents::incoming::EditRight::Editable(node) => Some(node),
            _ => None,
        })
    }

    /// Registers a document in `register`'s register (D-NUM-5: the same
    /// issuer, type, number and date twice is refused).
    pub async fn register_document(
        &self,
        register: &OrgNode,
        new: &NewDocument<'_>,
        address: &str,
    ) -> StoreResult<Document> {
        if !policy::may_edit_register(self.reach(register)) || !self.cleared(&new.classification) {
            return Err(forbidden(format!("the register of {}", register.code)));
        }
        self.register_in(Some(register), &NewDocument { org: Some(&register.code), ..new.clone() }, address).await
    }

    /// Registers a document that no organization's register holds (one
    /// issued outside the tree the software keeps, as the Central
    /// Committee's): the operator's only (D-NUM-5 as above).
    pub async fn register_unfiled_document(&self, new: &NewDocument<'_>, address: &str) -> StoreResult<Document> {
        if !self.viewer.is_operator() {
            return Err(forbidden("a document outside every register"));
        }
        self.register_in(None, &NewDocument { org: None, ..new.clone() }, address).await
    }

    async fn register_in(
        &self,
        register: Option<&OrgNode>,
        new: &NewDocument<'_>,
        address: &str,
    ) -> StoreResult<Document> {
        let id = self
            .write(address, async |w| {
                let id = Db::register_document_in(w.conn(), new).await?;
                w.record(Change {
                    action: "document_register",
                    org_path: register.map(|r| r.path.clone()),
                    subject: format!("document {id}"),
                    detail: format!("{}-{}/{}", new.number_text, new.doc_type, new.issuer),
                    classification: new.classification,
                });
                Ok::<_, StoreError>(id)
            })
            .await?;
        self.db.document(id).await?.ok_or_else(|| StoreError::corrupt("document vanished after insert"))
    }

    /// The register whose log records a change to `document`, when the
    /// viewer may change it: the organization holding it, where the viewer
    /// writes; `None` for a document in no register, which only the
    /// operator changes. `Forbidden` otherwise.
    async fn changed_register(&self, document: &Document, date: Date) -> StoreResult<Option<OrgNode>> {
        if document.org_id.is_none() && self.viewer.is_operator() {
            return Ok(None);
        }
        match self.document_register(document, date).await? {
            Some(register) => Ok(Some(register)),
            None => Err(forbidden(format!("document {}", document.id))),
        }
    }

    /// Attaches a file, kept as it is with its SHA-256.
    pub async fn attach_file(
        &self,
        document: &Document,
        file_name: &str,
        media_type: &str,
        content: &[u8],
        date: Date,
        address: &str,
    ) -> StoreResult<DocumentFile> {
        let register = self.changed_register(document, date).await?;
        let sha256 = self
            .write(address, async |w| {
                let (sha256, new) = Db::attach_file_in(w.conn(), document.id, file_name, media_type, content).await?;
                if new {
                    w.record(Change {
                        action: "document_file",
                        org_path: register.as_ref().map(|r| r.path.clone()),
                        subject: format!("document {}", document.id),
                        detail: format!("{file_name} sha256 {sha256}"),
                        classification: document.classification,
                    });
                }
                Ok::<_, StoreError>(sha256)
            })
            .await?;
        self.db.document_file_by_hash(document.id, &sha256).await
    }

    /// Links `this` document and `other` (D-LINK-1: no self-link, no circle
    /// of replacements): `this` `kind` `other` when `direction` is forward
    /// ("guides"), `other` `kind` `this` when inverse ("guided by"). The
    /// viewer edits `this` and reads `other`.
    pub async fn link_documents(
        &self,
        this: &Document,
        other: &Document,
        kind: LinkKind,
        direction: Direction,
        date: Date,
        address: &str,
    ) -> StoreResult<()> {
        let register = self.changed_register(this, date).await?;
        self.require_cleared(other, || format!("document {}", other.id))?;
        let (from, to) = match direction {
            Direction::Forward => (this, other),
            Direction::Inverse => (other, this),
        };
        self.write(address, async |w| {
            if Db::link_documents_in(w.conn(), from.id, to.id, kind).await? {
                // The entry names both numbers: it is classified as the higher one.
                w.record(Change {
                    action: "document_link",
                    org_path: register.as_ref().map(|r| r.path.clone()),
                    subject: format!("document {}", this.id),
                    detail: format!("{} {} {}", from.number_label(), kind.code(), to.number_label()),
                    classification: from.classification.max(to.classification),
                });
            }
            Ok(())
        })
        .await
    }

    /// A document by its identity (D-NUM-5), if the viewer is cleared for it.
    pub async fn document_by_identity(
        &self,
        issuer: &str,
        doc_type: &str,
        number: u32,
        issued_on: Date,
    ) -> StoreResult<Option<Document>> {
        let found = self.db.document_by_identity(issuer, doc_type, number, issued_on).await?;
        Ok(found.filter(|d| self.cleared(d)))
    }

    /// The documents with this number whatever their date (D-NUM-5: a
    /// number restarts every term), those the viewer is cleared for,
    /// newest first.
    pub async fn documents_numbered(&self, issuer: &str, doc_type: &str, number: u32) -> StoreResult<Vec<Document>> {
        let found = self.db.documents_numbered(issuer, doc_type, number).await?;
        Ok(found.into_iter().filter(|d| self.cleared(d)).collect())
    }

    /// The next free number of `register`'s outgoing documents of
    /// `doc_type` issued in `year` (numbers restart each year): one more
    /// than the highest, whatever its classification (only the number is
    /// told), for a viewer who writes in that register.
    pub async fn next_number(&self, register: &OrgNode, doc_type: &str, year: i32) -> StoreResult<u32> {
        if !policy::may_edit_register(self.reach(register)) {
            return Err(forbidden(format!("the register of {}", register.code)));
        }
        self.db.next_number(register.id, doc_type, year).await
    }

    /// The organizations whose registers the viewer may write in: the
    /// roots of the viewer's roles that write.
    pub async fn writable_registers(&self, date: Date) -> StoreResult<Vec<OrgNode>> {
        Ok(self.orgs().roots(date).await?.into_iter().filter(|n| policy::may_edit_register(self.reach(n))).collect())
    }
}
