//! Accounts (tài khoản): users, their roles over subtrees, passwords,
//! throttled sign-in, API tokens, and the rows behind web sessions.
//!
//! Passwords are kept only as Argon2id PHC strings; API tokens only as the
//! SHA-256 of their secret. Nothing here decides what a user may see: that
//! is [`crate::access`].

pub mod access;
pub mod policy;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use daihoi_core::{OrgCode, Role};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};
use time::OffsetDateTime;

use crate::documents::Classification;
use crate::members::now_text;
use crate::{Db, StoreError, StoreResult};

/// A sign-in name: 3–64 characters, lower-case letters, digits, `.`, `_`, `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Login(String);

impl Login {
    pub fn parse(text: &str) -> StoreResult<Login> {
        let t = text.trim().to_lowercase();
        let ok = (3..=64).contains(&t.chars().count())
            && t.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        if ok { Ok(Login(t)) } else { Err(StoreError::BadLogin(text.to_owned())) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Failed sign-ins of one login from one network address within
/// [`THROTTLE_WINDOW_SECS`] after which that login is refused from that
/// address until the window has passed, even with the right password.
/// Someone who guesses an account's password from elsewhere does not lock
/// its owner out.
pub const MAX_FAILURES_PER_LOGIN_AND_ADDRESS: i64 = 5;
/// Failed sign-ins of one login from all addresses together after which it
/// is refused from everywhere (a guess spread over many addresses).
pub const MAX_FAILURES_PER_LOGIN: i64 = 100;
/// Failed sign-ins from one network address, whatever the logins (many
/// logins tried from one place).
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    /// `vi`, `en` or `fr`.
    pub language: String,
    pub person_id: Option<i64>,
    /// Sessions that remember another epoch were signed in before the last
    /// password change and are void.
    pub session_epoch: i64,
    /// The highest classification of documents and tasks the account may
    /// read (T-6); `normal` unless an operator cleared it for more.
    pub clearance: Classification,
}

/// A role held over the subtree of one organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub id: i64,
    pub role: Role,
    pub org_id: i64,
    pub org_code: OrgCode,
}

/// The outcome of a sign-in attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    Accepted(User),
    /// Unknown login or wrong password: the caller says the same for both.
    Refused,
    /// Too many failures lately; try again after this many seconds.
    Throttled {
        retry_after_secs: i64,
    },
}

/// One API token as its owner sees it in the list (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

fn unix_now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// Hashes a password with Argon2id and a fresh salt.
pub fn hash_password(password: &str) -> StoreResult<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Crypto(e.to_string()))
}

fn password_matches(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// At least [`MIN_PASSWORD_CHARS`] characters, not counting white space at
/// either end (twelve spaces are no password).
fn check_password_strength(password: &str) -> StoreResult<()> {
    if password.trim().chars().count() < MIN_PASSWORD_CHARS {
        return Err(StoreError::WeakPassword { min_chars: MIN_PASSWORD_CHARS });
    }
    Ok(())
}

/// `n` random bytes from the operating system, as lower-case hex.
pub fn random_hex(n: usize) -> StoreResult<String> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| StoreError::Crypto(e.to_string()))?;
    Ok(hex::encode(buf))
}

/// SHA-256 of `text`, hex.
pub(crate) fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

const USER_COLUMNS: &str = "id, login, display_name, language, person_id, session_epoch, clearance";

fn user(row: &sqlx::any::AnyRow) -> StoreResult<User> {
    Ok(User {
        id: row.try_get("id")?,
        login: row.try_get("login")?,
        display_name: row.try_get("display_name")?,
        language: row.try_get("language")?,
        person_id: row.try_get("person_id")?,
        session_epoch: row.try_get("session_epoch")?,
        clearance: Classification::parse(&row.try_get::<String, _>("clearance")?)?,
    })
}

impl Db {
    pub async fn user_by_login(&self, login: &str) -> StoreResult<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM app_user WHERE login = $1");
        let row =
            sqlx::query(sqlx::AssertSqlSafe(sql)).bind(login.trim().to_lowercase()).fetch_optional(&self.pool).await?;
        row.as_ref().map(user).transpose()
    }

    pub async fn user_by_id(&self, id: i64) -> StoreResult<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM app_user WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(user).transpose()
    }

    /// Every account, by login.
    pub async fn users(&self) -> StoreResult<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM app_user ORDER BY login");
        sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?.iter().map(user).collect()
    }

    /// Checks a sign-in, counting failures per login and per address
    /// (`address` is the client's IP address as text).
    pub async fn sign_in(&self, login: &str, password: &str, address: &str) -> StoreResult<SignIn> {
        let login: String = login.trim().to_lowercase().chars().take(64).collect();
        let now = unix_now();
        let since = now - THROTTLE_WINDOW_SECS;
        // The attempt counts as a failure until it succeeds, so parallel
        // attempts count each other.
        sqlx::query("INSERT INTO login_failure (login, address, at) VALUES ($1, $2, $3)")
            .bind(&login)
            .bind(address)
            .bind(now)
            .execute(&self.pool)
            .await?;
        let counts = sqlx::query(
            "SELECT \
               COUNT(CASE WHEN login = $1 AND address = $2 THEN 1 END) AS by_pair, \
               MIN(CASE WHEN login = $1 AND address = $2 THEN at END) AS first_pair, \
               COUNT(CASE WHEN login = $1 THEN 1 END) AS by_login, \
               MIN(CASE WHEN login = $1 THEN at END) AS first_login, \
               COUNT(CASE WHEN address = $2 THEN 1 END) AS by_address, \
               MIN(CASE WHEN address = $2 THEN at END) AS first_address \
             FROM login_failure WHERE (login = $1 OR address = $2) AND at > $3",
        )
        .bind(&login)
        .bind(address)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        let over = |count: &str, first: &str, max: i64| -> StoreResult<Option<i64>> {
            let n: i64 = counts.try_get(count)?;
            Ok(if n > max { counts.try_get::<Option<i64>, _>(first)? } else { None })
        };
        let blocked_since = [
            over("by_pair", "first_pair", MAX_FAILURES_PER_LOGIN_AND_ADDRESS)?,
            over("by_login", "first_login", MAX_FAILURES_PER_LOGIN)?,
            over("by_address", "first_address", MAX_FAILURES_PER_ADDRESS)?,
        ]
        .into_iter()
        .flatten()
        .min();
        if let Some(first) = blocked_since {
            return Ok(SignIn::Throttled { retry_after_secs: (first + THROTTLE_WINDOW_SECS - now).max(1) });
        }
        let row = sqlx::query("SELECT id, password_hash FROM app_user WHERE login = $1")
            .bind(&login)
            .fetch_optional(&self.pool)
            .await?;
        let found = row
            .as_ref()
            .map(|r| Ok::<_, sqlx::Error>((r.try_get::<i64, _>("id")?, r.try_get::<String, _>("password_hash")?)));
        let found = found.transpose()?;
        let password = password.to_owned();
        let phc = found.as_ref().map(|(_, phc)| phc.clone());
        // Argon2 takes tens of milliseconds of CPU: off the async workers.
        let accepted = tokio::task::spawn_blocking(move || match phc {
            Some(phc) => password_matches(&password, &phc),
            None => {
                // Spend the same time as for a real account, so that timing
                // does not tell which logins exist.
                let _ = hash_password(&password);
                false
            }
        })
        .await
        .map_err(|e| StoreError::Crypto(e.to_string()))?;
        sqlx::query("DELETE FROM login_failure WHERE at < $1").bind(now - 24 * 3600).execute(&self.pool).await?;
        let Some((id, _)) = found.filter(|_| accepted) else { return Ok(SignIn::Refused) };
        sqlx::query("DELETE FROM login_failure WHERE login = $1").bind(&login).execute(&self.pool).await?;
        Ok(self.user_by_id(id).await?.map(SignIn::Accepted).unwrap_or(SignIn::Refused))
    }

    /// The roles a user holds, with the code of each organization.
    pub async fn grants(&self, user_id: i64) -> StoreResult<Vec<Grant>> {
        let rows = sqlx::query(
            "SELECT g.id, g.role, g.org_id, o.code AS org_code FROM user_grant g JOIN organization o ON o.id = g.org_id \
             WHERE g.user_id = $1 ORDER BY g.id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get("role")?;
                let code: String = r.try_get("org_code")?;
                Ok(Grant {
                    id: r.try_get("id")?,
                    role: role.parse().map_err(|_| StoreError::corrupt(format!("bad role {role:?}")))?,
                    org_id: r.try_get("org_id")?,
                    org_code: OrgCode::parse(&code).map_err(|e| StoreError::corrupt(e.to_string()))?,
                })
            })
            .collect()
    }

    /// The user a token belongs to, if the token exists and is not revoked.
    pub async fn user_by_api_token(&self, secret: &str) -> StoreResult<Option<User>> {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL")
                .bind(sha256_hex(secret.trim()))
                .fetch_optional(&self.pool)
                .await?;
        match id {
            Some(id) => self.user_by_id(id).await,
            None => Ok(None),
        }
    }

    /// A user's tokens, newest first.
    pub async fn api_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>> {
        let rows: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, name, created_at, revoked_at FROM api_token WHERE user_id = $1 ORDER BY id DESC",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, created_at, revoked_at)| ApiToken { id, name, created_at, revoked_at })
            .collect())
    }

    // The rows behind web sessions. The web crate's session store puts the
    // session's data here as JSON; `expires_at` is unix seconds. The row is
    // keyed by the SHA-256 of the session id, so a copy of the database does
    // not hand out live sessions. Saving or deleting a row raises the data
    // generation (a server keeps the sessions it read while it has not
    // moved); inserting a new one need not, nobody can have kept it.

    /// Inserts a new session row; false if the id is taken.
    pub async fn session_insert(&self, id: &str, data: &str, expires_at: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO web_session (id, data, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(sha256_hex(id))
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Writes a session row, creating it if needed.
    pub async fn session_save(&self, id: &str, data: &str, expires_at: i64) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO web_session (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(sha256_hex(id))
        .bind(data)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        crate::db::changed(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A session's data, unless it has expired.
    pub async fn session_load(&self, id: &str) -> StoreResult<Option<(String, i64)>> {
        Ok(sqlx::query_as("SELECT data, expires_at FROM web_session WHERE id = $1 AND expires_at > $2")
            .bind(sha256_hex(id))
            .bind(unix_now())
            .fetch_optional(&self.pool)
            .await?)
    }

    pub async fn session_delete(&self, id: &str) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM web_session WHERE id = $1").bind(sha256_hex(id)).execute(&mut *tx).await?;
        crate::db::changed(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes expired sessions; returns how many.
    pub async fn sessions_expire(&self) -> StoreResult<u64> {
        let done =
            sqlx::query("DELETE FROM web_session WHERE expires_at <= $1").bind(unix_now()).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }
}

// The writes of accounts, inside a transaction the caller commits (the
// facet, [`access::Accounts`], with their audit entries). Those that change
// what a signed-in session needs (roles, passwords, clearance, language)
// raise the data generation: the web keeps sessions and viewers under it.

/// Inserts an account; the password must have [`MIN_PASSWORD_CHARS`].
pub(crate) async fn insert_user(
    conn: &mut AnyConnection,
    login: &Login,
    display_name: &str,
    password: &str,
    person_id: Option<i64>,
) -> StoreResult<i64> {
    check_password_strength(password)?;
    let display_name = daihoi_core::text::line(display_name, daihoi_core::text::ACCOUNT_NAME_MAX_CHARS)
        .map_err(StoreError::text("display name"))?;
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM app_user WHERE login = $1")
        .bind(login.as_str())
        .fetch_one(&mut *conn)
        .await?;
    if taken > 0 {
        return Err(StoreError::DuplicateLogin(login.as_str().to_owned()));
    }
    let hash = hash_off_workers(password).await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO app_user (login, display_name, password_hash, person_id, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(login.as_str())
    .bind(display_name)
    .bind(hash)
    .bind(person_id)
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await?)
}

/// Argon2 takes tens of milliseconds of CPU: off the async workers.
async fn hash_off_workers(password: &str) -> StoreResult<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| StoreError::Crypto(e.to_string()))?
}

/// Whether `current` is the account's password.
pub(crate) async fn password_is(conn: &mut AnyConnection, user_id: i64, current: &str) -> StoreResult<bool> {
    let phc: String = sqlx::query_scalar("SELECT password_hash FROM app_user WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("user {user_id}")))?;
    let current = current.to_owned();
    tokio::task::spawn_blocking(move || password_matches(&current, &phc))
        .await
        .map_err(|e| StoreError::Crypto(e.to_string()))
}

/// Sets a password: the account's sessions become void (a new session
/// epoch, returned) and its API tokens are revoked, since a token made by
/// whoever knew the old password must not outlive it.
pub(crate) async fn set_password(conn: &mut AnyConnection, user_id: i64, new: &str) -> StoreResult<i64> {
    check_password_strength(new)?;
    let hash = hash_off_workers(new).await?;
    let epoch: i64 = sqlx::query_scalar(
        "UPDATE app_user SET password_hash = $1, session_epoch = session_epoch + 1 WHERE id = $2 \
         RETURNING session_epoch",
    )
    .bind(hash)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("user {user_id}")))?;
    sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(now_text())
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    crate::db::changed(conn).await?;
    Ok(epoch)
}

/// Clears an account to read documents and tasks up to `clearance` (T-6).
pub(crate) async fn set_clearance(
    conn: &mut AnyConnection,
    user_id: i64,
    clearance: Classification,
) -> StoreResult<()> {
    let done = sqlx::query("UPDATE app_user SET clearance = $1 WHERE id = $2")
        .bind(clearance.code())
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("user {user_id}")));
    }
    crate::db::changed(conn).await
}

/// Remembers the language the user chose (`vi`, `en` or `fr`).
pub(crate) async fn set_language(conn: &mut AnyConnection, user_id: i64, language: &str) -> StoreResult<()> {
    if !matches!(language, "vi" | "en" | "fr") {
        return Err(StoreError::NotFound(format!("language {language}")));
    }
    sqlx::query("UPDATE app_user SET language = $1 WHERE id = $2")
        .bind(language)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    crate::db::changed(conn).await
}

/// Gives `role` over the subtree of `org`; false when the user held it
/// already (nothing written).
pub(crate) async fn grant(
    conn: &mut AnyConnection,
    user_id: i64,
    role: Role,
    org: &OrgCode,
    granted_by: &str,
) -> StoreResult<bool> {
    let org_id: i64 = sqlx::query_scalar("SELECT id FROM organization WHERE code = $1")
        .bind(org.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::UnknownOrg(org.clone()))?;
    let done = sqlx::query(
        "INSERT INTO user_grant (user_id, role, org_id, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, role, org_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(role.code())
    .bind(org_id)
    .bind(now_text())
    .bind(granted_by)
    .execute(&mut *conn)
    .await?;
    crate::db::changed(conn).await?;
    Ok(done.rows_affected() > 0)
}

/// Takes `role` over `org` away; false when the user did not hold it.
pub(crate) async fn revoke(conn: &mut AnyConnection, user_id: i64, role: Role, org: &OrgCode) -> StoreResult<bool> {
    let done = sqlx::query(
        "DELETE FROM user_grant WHERE user_id = $1 AND role = $2 \
         AND org_id = (SELECT id FROM organization WHERE code = $3)",
    )
    .bind(user_id)
    .bind(role.code())
    .bind(org.as_str())
    .execute(&mut *conn)
    .await?;
    crate::db::changed(conn).await?;
    Ok(done.rows_affected() > 0)
}

/// Creates an API token; returns its id and the secret, which is shown
/// once and stored only as a hash.
pub(crate) async fn create_api_token(conn: &mut AnyConnection, user_id: i64, name: &str) -> StoreResult<(i64, String)> {
    let name = daihoi_core::text::line(name, daihoi_core::text::ACCOUNT_NAME_MAX_CHARS)
        .map_err(|_| StoreError::BadTokenName)?;
    let secret = format!("dh_{}", random_hex(32)?);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_token (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(user_id)
    .bind(name)
    .bind(sha256_hex(&secret))
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await?;
    Ok((id, secret))
}

/// Revokes one of the user's own tokens; false if it is not theirs or
/// already revoked.
pub(crate) async fn revoke_api_token(conn: &mut AnyConnection, user_id: i64, token_id: i64) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
            .bind(now_text())
            .bind(token_id)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_plain_and_lower_case() {
        assert_eq!(Login::parse(" Admin.QN ").unwrap().as_str(), "admin.qn");
        assert!(Login::parse("ab").is_err());
        assert!(Login::parse("nguyễn").is_err());
        assert!(Login::parse("a b c").is_err());
    }

    #[test]
    fn passwords_are_argon2id_and_salted() {
        let a = hash_password("mật khẩu dài đủ").unwrap();
        let b = hash_password("mật khẩu dài đủ").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(password_matches("mật khẩu dài đủ", &a));
        assert!(!password_matches("mat khau dai du", &a));
        assert!(!password_matches("x", "not a phc string"));
    }
}
