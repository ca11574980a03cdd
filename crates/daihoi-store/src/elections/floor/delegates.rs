//! A delegate's sign-in to a congress's floor votes: card number (read
//! from the card's QR code) and PIN give a pass, a random token kept by
//! the phone (a cookie, or the API's bearer header) and stored as its
//! hash, bound to (congress, person), ending after [`PASS_HOURS`]. Not a
//! user account: the pass's viewer holds no role. Wrong PINs are counted;
//! after [`MAX_FAILURES`] the PIN is locked until the office issues
//! another. Each sign-in, accepted or refused, is in the audit log.

use sqlx::Row;

use super::access::pin_hash;
use super::{DelegatePass, FloorSignIn};
use crate::accounts::{User, random_hex, sha256_hex};
use crate::audit::NewAuditEntry;
use crate::documents::Classification;
use crate::{Db, StoreResult, Viewer};

/// How long a pass lasts.
pub const PASS_HOURS: i64 = 12;

/// Wrong PINs before a PIN is locked.
pub const MAX_FAILURES: i64 = 5;

fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The viewer of a delegate: a user that exists nowhere (id 0, no person,
/// no role), named for the audit log.
fn delegate_viewer(card: &str, name: &str) -> Viewer {
    Viewer {
        user: Some(User {
            id: 0,
            login: format!("delegate:{card}"),
            display_name: name.to_owned(),
            language: "vi".to_owned(),
            person_id: None,
            session_epoch: 0,
            clearance: Classification::Normal,
        }),
        grants: Vec::new(),
    }
}

impl Db {
    /// Whether `congress` votes on the floor.
    pub(crate) async fn floor_enabled(&self, congress: i64) -> StoreResult<bool> {
        let on: Option<i64> = sqlx::query_scalar("SELECT congress_id FROM floor_congress WHERE congress_id = $1")
            .bind(congress)
            .fetch_optional(&self.pool)
            .await?;
        Ok(on.is_some())
    }

    /// Signs a delegate in to `congress`'s floor votes with their card
    /// number and PIN.
    pub async fn floor_sign_in(&self, congress: i64, card: &str, pin: &str, address: &str) -> StoreResult<FloorSignIn> {
        let card = card.trim();
        let pin = pin.trim();
        let row = sqlx::query(
            "SELECT p.id AS person_id, p.full_name AS full_name, f.pin_salt AS pin_salt, f.pin_hash AS pin_hash, \
             f.failures AS failures FROM person p JOIN floor_pin f ON f.person_id = p.id \
             JOIN floor_congress e ON e.congress_id = f.congress_id \
             WHERE p.card_number = $1 AND f.congress_id = $2",
        )
        .bind(card)
        .bind(congress)
        .fetch_optional(&self.pool)
        .await?;
        let login: String = format!("delegate:{}", card.chars().take(32).collect::<String>());
        let audit = async |action: &str, detail: String| {
            self.audit(&NewAuditEntry {
                actor: &login,
                address,
                action,
                org_path: None,
                subject: &login,
                detail: &detail,
                classification: Classification::Normal,
            })
            .await
        };
        // An unknown card is not written to the log: a flood of guesses
        // cannot grow it (a known card's wrong PINs lock it after a few).
        let Some(row) = row else { return Ok(FloorSignIn::Refused) };
        let person: i64 = row.try_get("person_id")?;
        let failures: i64 = row.try_get("failures")?;
        if failures >= MAX_FAILURES {
            return Ok(FloorSignIn::Locked);
        }
        let salt: String = row.try_get("pin_salt")?;
        let hash: String = row.try_get("pin_hash")?;
        let given = pin_hash(&salt, pin);
        if !constant_time_eq(given.as_bytes(), hash.as_bytes()) {
            sqlx::query("UPDATE floor_pin SET failures = failures + 1 WHERE congress_id = $1 AND person_id = $2")
                .bind(congress)
                .bind(person)
                .execute(&self.pool)
                .await?;
            audit("floor_sign_in_refused", format!("congress {congress}")).await?;
            return Ok(FloorSignIn::Refused);
        }
        let token = random_hex(32)?;
        sqlx::query("INSERT INTO floor_pass (token_hash, congress_id, person_id, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(sha256_hex(&token))
            .bind(congress)
            .bind(person)
            .bind(unix_now() + PASS_HOURS * 3600)
            .execute(&self.pool)
            .await?;
        if failures > 0 {
            sqlx::query("UPDATE floor_pin SET failures = 0 WHERE congress_id = $1 AND person_id = $2")
                .bind(congress)
                .bind(person)
                .execute(&self.pool)
                .await?;
        }
        audit("floor_sign_in", format!("congress {congress}")).await?;
        let pass = self.floor_pass(&token).await?.ok_or_else(|| crate::StoreError::corrupt("pass vanished"))?;
        Ok(FloorSignIn::Accepted { token, pass: Box::new(pass) })
    }

    /// The pass whose token this is, while it lasts and its PIN stands.
    pub async fn floor_pass(&self, token: &str) -> StoreResult<Option<DelegatePass>> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT f.congress_id AS congress_id, f.person_id AS person_id, p.card_number AS card_number, \
             p.full_name AS full_name, v.path AS path FROM floor_pass f JOIN person p ON p.id = f.person_id \
             JOIN congress c ON c.id = f.congress_id JOIN org_version v ON v.org_id = c.org_id \
             WHERE f.token_hash = $1 AND f.expires_at > $2 AND v.valid_to IS NULL",
        )
        .bind(sha256_hex(token))
        .bind(unix_now())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let card: String = row.try_get("card_number")?;
        let name: String = row.try_get("full_name")?;
        let path: String = row.try_get("path")?;
        Ok(Some(DelegatePass {
            viewer: delegate_viewer(&card, &name),
            congress_id: row.try_get("congress_id")?,
            person_id: row.try_get("person_id")?,
            org_path: daihoi_core::OrgPath::from_stored(&path),
            card,
            name,
        }))
    }

    /// Ends a pass (the delegate signs out).
    pub async fn floor_sign_out(&self, token: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM floor_pass WHERE token_hash = $1").bind(sha256_hex(token)).execute(&self.pool).await?;
        Ok(())
    }

    /// Deletes the passes that ended (the server does it with sessions).
    pub async fn floor_expire_passes(&self) -> StoreResult<u64> {
        Ok(sqlx::query("DELETE FROM floor_pass WHERE expires_at <= $1")
            .bind(unix_now())
            .execute(&self.pool)
            .await?
            .rows_affected())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
