//! What a viewer may do with a congress's floor votes: turn them on, issue
//! the delegates' PINs (the congress's office), and read whether they are
//! on. The votes themselves are in `votes.rs`, secret ballots in
//! `secret.rs`, delegates' sign-in in `delegates.rs`.

use daihoi_congress::Status;

use super::{IssuedPin, policy};
use crate::access::{facet, forbidden};
use crate::accounts::{random_hex, sha256_hex};
use crate::congresses::{Congress, Round};
use crate::documents::Classification;
use crate::members::now_text;
use crate::write::Change;
use crate::{StoreError, StoreResult};

facet!(FloorVotes, floor_votes, "Floor votes: named votes and secret ballots of a congress, its delegates' PINs.");

/// How many digits a PIN has.
pub const PIN_DIGITS: usize = 6;

/// A PIN of [`PIN_DIGITS`] decimal digits from the operating system's
/// randomness (no modulo bias: bytes of 250 and more are drawn again).
fn new_pin() -> StoreResult<String> {
    let mut pin = String::with_capacity(PIN_DIGITS);
    while pin.len() < PIN_DIGITS {
        let mut b = [0u8; 16];
        getrandom::fill(&mut b).map_err(|e| StoreError::Crypto(e.to_string()))?;
        for x in b.into_iter().filter(|x| *x < 250) {
            if pin.len() < PIN_DIGITS {
                pin.push(char::from(b'0' + x % 10));
            }
        }
    }
    Ok(pin)
}

/// The stored hash of a PIN with its salt.
pub(super) fn pin_hash(salt: &str, pin: &str) -> String {
    sha256_hex(&format!("{salt}:{pin}"))
}

impl FloorVotes<'_> {
    /// Whether the viewer runs `congress`'s floor votes (its office).
    pub fn may_run(&self, congress: &Congress) -> bool {
        policy::may_run(self.reach(&congress.org))
    }

    /// Whether the viewer reads `congress`'s floor votes.
    pub fn may_read(&self, congress: &Congress) -> bool {
        policy::may_read(self.reach(&congress.org))
    }

    /// Whether `congress` votes electronically on the floor.
    pub async fn enabled(&self, congress: &Congress) -> StoreResult<bool> {
        self.require(&congress.org, policy::may_read)?;
        self.db.floor_enabled(congress.id).await
    }

    /// Turns floor votes on for `congress` (its office); `false`: on
    /// already, nothing written.
    pub async fn enable(&self, congress: &Congress, address: &str) -> StoreResult<bool> {
        self.require(&congress.org, policy::may_run)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let done = sqlx::query(
                "INSERT INTO floor_congress (congress_id, enabled_by, enabled_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (congress_id) DO NOTHING",
            )
            .bind(congress.id)
            .bind(&by)
            .bind(now_text())
            .execute(w.conn())
            .await?
            .rows_affected();
            if done == 1 {
                w.record(Change {
                    action: "floor_enable",
                    org_path: Some(congress.org.path.clone()),
                    subject: format!("congress {}", congress.id),
                    detail: String::new(),
                    classification: Classification::Normal,
                });
            }
            Ok::<_, StoreError>(done == 1)
        })
        .await
    }

    /// Issues a new PIN to every person convened to `congress` (or to the
    /// one card given), replacing their PIN and ending their passes: each
    /// PIN is returned once, to be shown or printed, and stored only as a
    /// salted hash. Floor votes must be on.
    pub async fn issue_pins(
        &self,
        round: &Round,
        congress: &Congress,
        only: Option<&daihoi_core::members::CardNumber>,
        address: &str,
    ) -> StoreResult<Vec<IssuedPin>> {
        self.require(&congress.org, policy::may_run)?;
        if !self.db.floor_enabled(congress.id).await? {
            return Err(super::refused(format!("congress {} does not vote on the floor", congress.id)));
        }
        let roll = self.congresses().roll(round, congress).await?;
        let mut people: Vec<(String, String)> = roll
            .roll
            .lines
            .iter()
            .filter(|l| l.status == Status::Convened)
            .filter(|l| only.is_none_or(|c| c.as_str() == l.entry.person))
            .map(|l| {
                let name = roll.names.get(&l.entry.person).cloned().unwrap_or_default();
                (l.entry.person.clone(), name)
            })
            .collect();
        if let Some(c) = only
            && people.is_empty()
        {
            return Err(super::refused(format!("{c} is not convened to this congress")));
        }
        people.sort();
        let mut issued = Vec::with_capacity(people.len());
        let mut rows = Vec::with_capacity(people.len());
        for (card, name) in people {
            let pin = new_pin()?;
            let salt = random_hex(16)?;
            rows.push((card.clone(), pin_hash(&salt, &pin), salt));
            issued.push(IssuedPin { card, name, pin });
        }
        let by = self.viewer.actor();
        let at = now_text();
        self.write(address, async |w| {
            for (card, hash, salt) in &rows {
                let person: i64 = sqlx::query_scalar("SELECT id FROM person WHERE card_number = $1")
                    .bind(card)
                    .fetch_one(w.conn())
                    .await?;
                sqlx::query("DELETE FROM floor_pass WHERE congress_id = $1 AND person_id = $2")
                    .bind(congress.id)
                    .bind(person)
                    .execute(w.conn())
                    .await?;
                sqlx::query(
                    "INSERT INTO floor_pin (congress_id, person_id, pin_salt, pin_hash, failures, issued_by, \
                     issued_at) VALUES ($1, $2, $3, $4, 0, $5, $6) ON CONFLICT (congress_id, person_id) DO UPDATE \
                     SET pin_salt = excluded.pin_salt, pin_hash = excluded.pin_hash, failures = 0, \
                     issued_by = excluded.issued_by, issued_at = excluded.issued_at",
                )
                .bind(congress.id)
                .bind(person)
                .bind(salt)
                .bind(hash)
                .bind(&by)
                .bind(&at)
                .execute(w.conn())
                .await?;
            }
            if !rows.is_empty() {
                w.record(Change {
                    action: "floor_pins",
                    org_path: Some(congress.org.path.clone()),
                    subject: format!("congress {}", congress.id),
                    detail: match only {
                        Some(c) => format!("PIN issued to {c}"),
                        None => format!("PINs issued to {} delegates", rows.len()),
                    },
                    classification: Classification::Normal,
                });
            }
            Ok::<_, StoreError>(())
        })
        .await?;
        Ok(issued)
    }

    /// [`Self::require`] for the office, or `Forbidden`.
    pub(super) fn require_run(&self, congress: &Congress) -> StoreResult<()> {
        if self.may_run(congress) { Ok(()) } else { Err(forbidden(format!("organization {}", congress.org.code))) }
    }
}
