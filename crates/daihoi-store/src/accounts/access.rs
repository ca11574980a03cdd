//! What a viewer may do with accounts: the operator manages every account
//! (the command line); a user their own password, language and API tokens.
//! Every change is written with its audit entry (unclassified: accounts name
//! nothing classified), in the same transaction.

use daihoi_core::{OrgCode, Role};

use super::{Login, User, policy};
use crate::access::forbidden;
use crate::documents::Classification;
use crate::write::Change;
use crate::{StoreError, StoreResult};

crate::access::facet!(Accounts, accounts, "Accounts as a viewer may manage them (tài khoản).");

impl Accounts<'_> {
    /// Creates an account, with the member it belongs to, if any.
    pub async fn create_user(
        &self,
        login: &Login,
        display_name: &str,
        password: &str,
        member: Option<(i64, &str)>,
        address: &str,
    ) -> StoreResult<User> {
        self.require_manager()?;
        let id = self
            .write(address, async |w| {
                let id = super::insert_user(w.conn(), login, display_name, password, member.map(|m| m.0)).await?;
                let name = display_name.trim();
                let detail = match member {
                    Some((_, card)) => format!("{name}; member {card}"),
                    None => name.to_owned(),
                };
                w.record(account_change("user_create", login.as_str(), None, detail));
                Ok::<_, StoreError>(id)
            })
            .await?;
        self.db.user_by_id(id).await?.ok_or_else(|| StoreError::corrupt("user vanished after insert"))
    }

    /// Gives `role` over the subtree of `org` (idempotent: a role held
    /// already is neither written nor logged again).
    pub async fn grant(&self, user: &User, role: Role, org: &OrgCode, address: &str) -> StoreResult<()> {
        self.require_manager()?;
        let path = self.db.org_now(org).await?.map(|n| n.path);
        let by = self.viewer.actor();
        self.write(address, async |w| {
            if super::grant(w.conn(), user.id, role, org, &by).await? {
                w.record(account_change("grant", &user.login, path.clone(), format!("{role}@{org}")));
            }
            Ok(())
        })
        .await
    }

    /// Takes `role` over `org` away; false when the user did not hold it.
    pub async fn revoke(&self, user: &User, role: Role, org: &OrgCode, address: &str) -> StoreResult<bool> {
        self.require_manager()?;
        let path = self.db.org_now(org).await?.map(|n| n.path);
        self.write(address, async |w| {
            let done = super::revoke(w.conn(), user.id, role, org).await?;
            if done {
                w.record(account_change("revoke", &user.login, path.clone(), format!("{role}@{org}")));
            }
            Ok(done)
        })
        .await
    }

    /// Clears an account to read up to `clearance` (T-6).
    pub async fn set_clearance(&self, user: &User, clearance: Classification, address: &str) -> StoreResult<()> {
        self.require_manager()?;
        self.write(address, async |w| {
            super::set_clearance(w.conn(), user.id, clearance).await?;
            w.record(account_change("clearance", &user.login, None, clearance.code().to_owned()));
            Ok(())
        })
        .await
    }

    /// Sets a password without the current one (a reset): the account's
    /// sessions become void and its API tokens are revoked.
    pub async fn reset_password(&self, user: &User, new: &str, address: &str) -> StoreResult<i64> {
        self.require_manager()?;
        self.write(address, async |w| {
            let epoch = super::set_password(w.conn(), user.id, new).await?;
            w.record(account_change("password_reset", &user.login, None, String::new()));
            Ok(epoch)
        })
        .await
    }

    /// Changes the viewer's own password after checking the current one;
    /// every session of the account becomes void and every API token is
    /// revoked. Returns the new session epoch.
    pub async fn change_password(&self, current: &str, new: &str, address: &str) -> StoreResult<i64> {
        let user = self.own()?;
        self.write(address, async |w| {
            if !super::password_is(w.conn(), user.id, current).await? {
                return Err(StoreError::WrongPassword);
            }
            let epoch = super::set_password(w.conn(), user.id, new).await?;
            w.record(account_change("password_change", &user.login, None, String::new()));
            Ok(epoch)
        })
        .await
    }

    /// Remembers the viewer's language (`vi`, `en` or `fr`).
    pub async fn set_language(&self, language: &str, address: &str) -> StoreResult<()> {
        let user = self.own()?;
        self.write(address, async |w| {
            super::set_language(w.conn(), user.id, language).await?;
            w.record(account_change("language", &user.login, None, language.to_owned()));
            Ok(())
        })
        .await
    }

    /// Creates an API token for `user` (the viewer's own, or any for the
    /// operator); returns its id and the secret, shown once.
    pub async fn create_api_token(&self, user: &User, name: &str, address: &str) -> StoreResult<(i64, String)> {
        if !policy::may_manage_own_account(self.viewer, user.id) {
            return Err(forbidden(format!("the tokens of {}", user.login)));
        }
        self.write(address, async |w| {
            let (id, secret) = super::create_api_token(w.conn(), user.id, name).await?;
            w.record(account_change("api_token_create", &user.login, None, format!("{id}: {}", name.trim())));
            Ok((id, secret))
        })
        .await
    }

    /// Revokes one of the viewer's own tokens; false if it is not theirs or
    /// already revoked.
    pub async fn revoke_api_token(&self, token_id: i64, address: &str) -> StoreResult<bool> {
        let user = self.own()?;
        self.write(address, async |w| {
            let done = super::revoke_api_token(w.conn(), user.id, token_id).await?;
            if done {
                w.record(account_change("api_token_revoke", &user.login, None, token_id.to_string()));
            }
            Ok(done)
        })
        .await
    }

    fn require_manager(&self) -> StoreResult<()> {
        if policy::may_manage_accounts(self.viewer) { Ok(()) } else { Err(forbidden("accounts")) }
    }

    /// The viewer's own account (the operator has none).
    fn own(&self) -> StoreResult<&User> {
        self.viewer.user().ok_or_else(|| forbidden("an account of one's own"))
    }
}

/// The audit entry of a change to an account: unclassified, on the
/// organization's path for a role.
fn account_change(action: &'static str, login: &str, org_path: Option<daihoi_core::OrgPath>, detail: String) -> Change {
    Change { action, org_path, subject: login.to_owned(), detail, classification: Classification::Normal }
}
