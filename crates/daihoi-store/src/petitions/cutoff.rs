//! P-8's setting per congress: the day after which new letters about its
//! candidates are recorded but not considered in the personnel work
//! (ngày khóa sổ đơn thư về nhân sự đại hội). Kept by those who handle the
//! congress organization's petitions, read by those who read its cases;
//! the personnel work asks [`Petitions::holds_at`] with it.

use daihoi_core::date::iso;
use daihoi_core::members::CardNumber;
use time::Date;

use super::cases::PersonnelHold;
use super::clocks::Petitions;
use super::policy;
use crate::congresses::Congress;
use crate::documents::Classification;
use crate::members::now_text;
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// A congress's cut-off as set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LettersCutoff {
    pub cutoff: Date,
    pub recorded_by: String,
    pub recorded_at: String,
}

impl Petitions<'_> {
    /// P-8: the cut-off `congress` set, if any.
    pub async fn letters_cutoff(&self, congress: &Congress) -> StoreResult<Option<LettersCutoff>> {
        self.require(&congress.org, policy::may_read_cases)?;
        let row = sqlx::query("SELECT cutoff, recorded_by, recorded_at FROM petition_cutoff WHERE congress_id = $1")
            .bind(congress.id)
            .fetch_optional(&self.db.pool)
            .await?;
        row.map(|r| {
            use sqlx::Row;
            Ok(LettersCutoff {
                cutoff: crate::orgs::date_col(&r, "cutoff")?,
                recorded_by: r.try_get("recorded_by")?,
                recorded_at: r.try_get("recorded_at")?,
            })
        })
        .transpose()
    }

    /// P-8: sets `congress`'s cut-off (`None`: none, every letter
    /// considered). `false`: it was so already, nothing written.
    pub async fn set_letters_cutoff(
        &self,
        congress: &Congress,
        cutoff: Option<Date>,
        address: &str,
    ) -> StoreResult<bool> {
        self.require(&congress.org, policy::may_handle_cases)?;
        if self.letters_cutoff(congress).await?.map(|c| c.cutoff) == cutoff {
            return Ok(false);
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query("DELETE FROM petition_cutoff WHERE congress_id = $1").bind(congress.id).execute(w.conn()).await?;
            if let Some(day) = cutoff {
                sqlx::query(
                    "INSERT INTO petition_cutoff (congress_id, cutoff, recorded_by, recorded_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(congress.id)
                .bind(iso(day))
                .bind(&by)
                .bind(now_text())
                .execute(w.conn())
                .await?;
            }
            w.record(Change {
                action: "petition_cutoff_set",
                org_path: Some(congress.org.path.clone()),
                subject: format!("congress {}", congress.id),
                detail: cutoff.map_or_else(|| "none".to_owned(), iso),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(true)
        })
        .await
    }

    /// P-8: the cases that hold the member with `card` in `congress`'s
    /// personnel work on `on`, under the cut-off the congress set.
    pub async fn holds_at(
        &self,
        card: &CardNumber,
        congress: &Congress,
        on: Date,
        today: Date,
    ) -> StoreResult<Vec<PersonnelHold>> {
        let cutoff = self.letters_cutoff(congress).await?.map(|c| c.cutoff);
        self.holds_on(card, on, cutoff, today).await
    }
}
