//! `daihoi user …` and `daihoi audit …`: accounts, their roles, and the
//! audit log, from the command line (as the operator, who holds the
//! database file). Every change is written to the audit log.

use std::io::{BufRead, IsTerminal};

use anyhow::Context;
use daihoi_core::members::CardNumber;
use daihoi_core::{OrgCode, Role};
use daihoi_store::accounts::{Login, User};
use daihoi_store::audit::{AuditCheck, AuditFilter};
use daihoi_store::{Db, Viewer};

use crate::orgs::refused;
use crate::output::{BadInput, Exit, print_out};
use crate::{org_arg, today};

/// The environment variable that gives the password without a prompt.
pub const PASSWORD_ENV: &str = "DAIHOI_PASSWORD";

/// The address the audit log records for the command line.
use crate::ADDRESS;

#[derive(clap::Subcommand)]
pub enum UserCommand {
    /// Create an account. The password comes from DAIHOI_PASSWORD, or is asked twice.
    Create {
        /// Sign-in name: 3 to 64 characters, a-z, 0-9, '.', '_', '-'.
        login: String,
        /// The name shown on the pages, e.g. "Nguyễn Văn An".
        #[arg(long)]
        name: String,
        /// Party card number of the member this account belongs to.
        #[arg(long)]
        person: Option<String>,
    },
    /// Give a role over an organization's subtree: admin, office, inspection or member.
    Grant {
        login: String,
        /// admin, office, inspection or member.
        role: String,
        /// Organization code, e.g. QN.DH.QT.
        org: String,
    },
    /// Take a role over an organization away.
    Revoke { login: String, role: String, org: String },
    /// List the accounts with their roles (role@ORG).
    List,
    /// Set a new password (from DAIHOI_PASSWORD, or asked twice); signs the account out everywhere.
    Password { login: String },
    /// Make an API token for an account and print its secret (shown once; the
    /// database keeps its SHA-256). The token acts with the account's roles.
    Token {
        login: String,
        /// A name to recognise the token by on the account page (1 to 100 characters).
        name: String,
    },
    /// Clear an account to read documents and tasks up to a classification (T-6):
    /// normal, confidential or secret.
    Clear {
        login: String,
        /// normal, confidential or secret.
        level: String,
    },
}

#[derive(clap::Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain of the audit log: exit 0 when intact, 1 when broken.
    Verify {
        /// A checkpoint kept outside the database (`daihoi audit
        /// checkpoint`): the entry it names must still be there, with the
        /// same hash, so that a removed tail is found even when the log's
        /// head was moved back to match.
        #[arg(long, value_name = "NUMBER:HASH")]
        checkpoint: Option<String>,
    },
    /// Print a checkpoint of the intact log (the last entry's number and
    /// hash) to keep outside the database: on paper, in another system, in
    /// the minutes of a meeting.
    Checkpoint,
    /// Print the latest entries of the audit log, newest first.
    List {
        /// How many entries (at most 500).
        #[arg(long, default_value_t = 20)]
        limit: u64,
    },
}

/// One account of the demo data. README.md lists the same table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAccount {
    pub login: &'static str,
    pub name: &'static str,
    pub role: Role,
    /// The organization whose subtree the role covers (exists on the demo's date, 28/11/2026).
    pub org: &'static str,
    /// The full name of the demo member the account belongs to.
    pub person: Option<&'static str>,
}

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "daihoi-demo";

/// The demo accounts. The districts were dissolved on 01/07/2025, so the
/// local office works for a commune-level committee under the province:
/// xã Quảng Tân (`QN.DH.QT`), where Nguyễn Văn An's cell (`QN.DH.QT.CB01`,
/// Chi bộ thôn Tân Thành) is.
pub const DEMO_ACCOUNTS: [DemoAccount; 5] = [
    DemoAccount { login: "admin", name: "Quản trị hệ thống", role: Role::Admin, org: "QN", person: None },
    DemoAccount { login: "vanphong", name: "Văn phòng Tỉnh ủy", role: Role::Office, org: "QN", person: None },
    DemoAccount {
        login: "vanphong.quangtan",
        name: "Văn phòng Đảng ủy xã Quảng Tân",
        role: Role::Office,
        org: "QN.DH.QT",
        person: None,
    },
    DemoAccount {
        login: "kiemtra", name: "Ủy ban Kiểm tra Tỉnh ủy", role: Role::Inspection, org: "QN", person: None
    },
    DemoAccount {
        login: "dangvien.an",
        name: "Nguyễn Văn An",
        role: Role::Member,
        org: "QN.DH.QT.CB01",
        person: Some("Nguyễn Văn An"),
    },
];

fn login_arg(text: &str) -> anyhow::Result<Login> {
    Login::parse(text).map_err(refused)
}

fn role_arg(text: &str) -> anyhow::Result<Role> {
    text.parse::<Role>().map_err(|e| BadInput::new(e.to_string()).into())
}

async fn user_arg(db: &Db, login: &str) -> anyhow::Result<User> {
    let login = login_arg(login)?;
    db.user_by_login(login.as_str()).await?.ok_or_else(|| BadInput::new(format!("no user {}", login.as_str())).into())
}

/// The password from DAIHOI_PASSWORD, else asked twice on the terminal
/// without echo, else one line of standard input.
fn read_password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").context("reading the password")?;
        let again = rpassword::prompt_password("Password again: ").context("reading the password")?;
        if first != again {
            return Err(BadInput::new("the two passwords differ; nothing was changed").into());
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
    let p = line.trim_end_matches(['\n', '\r']).to_owned();
    if p.is_empty() {
        return Err(BadInput::new(format!("no password: set {PASSWORD_ENV} or write it on standard input")).into());
    }
    Ok(p)
}

pub async fn run_user(db: &Db, command: &UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Create { login, name, person } => {
            let login = login_arg(login)?;
            daihoi_core::text::line(name, daihoi_core::text::ACCOUNT_NAME_MAX_CHARS)
                .map_err(|e| BadInput::new(format!("--name: {e}")))?;
            if db.user_by_login(login.as_str()).await?.is_some() {
                return Err(BadInput::new(format!("the login {} is taken", login.as_str())).into());
            }
            let person_id = match person {
                None => None,
                Some(card) => {
                    let card = CardNumber::parse(card).map_err(|e| BadInput::new(format!("--person: {e}")))?;
                    let id = db.person_id_by_card(&card).await?.ok_or_else(|| {
                        BadInput::new(format!("--person: no member has the card number {}", card.as_str()))
                    })?;
                    Some((card, id))
                }
            };
            let password = read_password()?;
            let member = person_id.as_ref().map(|(card, id)| (*id, card.as_str()));
            let user = db
                .operator()
                .accounts()
                .create_user(&login, name, &password, member, ADDRESS)
                .await
                .map_err(refused)?;
            println!("created user {} ({})", user.login, user.display_name);
        }
        UserCommand::Grant { login, role, org } => {
            let user = user_arg(db, login).await?;
            let role = role_arg(role)?;
            let code = org_arg(org)?;
            let date = today();
            let node = db
                .org_by_code(&code, date)
                .await?
                .ok_or_else(|| BadInput::new(format!("no organization {code} on {}", daihoi_core::date::vi(date))))?;
            db.operator().accounts().grant(&user, role, &code, ADDRESS).await.map_err(refused)?;
            println!("{}: {role}@{code} ({})", user.login, node.name);
        }
        UserCommand::Revoke { login, role, org } => {
            let user = user_arg(db, login).await?;
            let role = role_arg(role)?;
            let code = org_arg(org)?;
            if !db.operator().accounts().revoke(&user, role, &code, ADDRESS).await.map_err(refused)? {
                return Err(BadInput::new(format!("{} does not hold {role}@{code}", user.login)).into());
            }
            println!("{}: {role}@{code} revoked", user.login);
        }
        UserCommand::List => {
            let users = db.users().await?;
            let mut rows = vec![("LOGIN".to_owned(), "NAME".to_owned(), "ROLES".to_owned())];
            for u in &users {
                let roles: Vec<String> =
                    db.grants(u.id).await?.iter().map(|g| format!("{}@{}", g.role, g.org_code)).collect();
                let mut name = u.display_name.clone();
                if let Some(p) = u.person_id {
                    name.push_str(&format!(" [person {p}]"));
                }
                rows.push((u.login.clone(), name, roles.join(", ")));
            }
            let w1 = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
            let w2 = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
            let mut text = String::new();
            for (login, name, roles) in &rows {
                text.push_str(format!("{login:<w1$}  {name:<w2$}  {roles}").trim_end());
                text.push('\n');
            }
            text.push_str(&format!("{} users\n", users.len()));
            print_out(&text)?;
        }
        UserCommand::Clear { login, level } => {
            let user = user_arg(db, login).await?;
            let clearance = daihoi_store::documents::Classification::from_code(level.trim()).ok_or_else(|| {
                BadInput::new(format!("{level:?} is not a classification (normal, confidential or secret)"))
            })?;
            db.operator().accounts().set_clearance(&user, clearance, ADDRESS).await.map_err(refused)?;
            println!("{} is cleared for {} documents and tasks", user.login, clearance.code());
        }
        UserCommand::Token { login, name } => {
            let user = user_arg(db, login).await?;
            let (id, secret) =
                db.operator().accounts().create_api_token(&user, name, ADDRESS).await.map_err(refused)?;
            let name = name.trim();
            eprintln!("API token {id} ({name}) of {}; the secret is shown once:", user.login);
            println!("{secret}");
        }
        UserCommand::Password { login } => {
            let user = user_arg(db, login).await?;
            let password = read_password()?;
            db.operator().accounts().reset_password(&user, &password, ADDRESS).await.map_err(refused)?;
            println!("password of {} changed; its sessions are signed out and its API tokens revoked", user.login);
        }
    }
    Ok(())
}

pub async fn run_audit(db: &Db, command: &AuditCommand) -> anyhow::Result<()> {
    match command {
        AuditCommand::Verify { checkpoint } => {
            let checkpoint = match checkpoint {
                Some(text) => Some(
                    text.parse::<daihoi_store::audit::AuditCheckpoint>()
                        .map_err(|why| BadInput::new(format!("--checkpoint {text:?}: {why}")))?,
                ),
                None => None,
            };
            match db.verify_audit_against(checkpoint.as_ref()).await? {
                AuditCheck::Intact { entries } => match &checkpoint {
                    Some(cp) => {
                        println!("audit log intact: {entries} entries, entry {} as the checkpoint kept it", cp.last_id)
                    }
                    None => println!("audit log intact: {entries} entries"),
                },
                AuditCheck::Broken { entry, why } => {
                    println!("audit log broken at entry {entry}: {why}");
                    return Err(Exit(1).into());
                }
            }
        }
        AuditCommand::Checkpoint => {
            if let AuditCheck::Broken { entry, why } = db.verify_audit().await? {
                println!("audit log broken at entry {entry}: {why}; no checkpoint of a broken log");
                return Err(Exit(1).into());
            }
            match db.audit_checkpoint().await? {
                Some(cp) => {
                    println!("{cp}");
                    eprintln!("keep this line outside the database; check with: daihoi audit verify --checkpoint {cp}");
                }
                None => println!("the audit log is empty: nothing to keep"),
            }
        }
        AuditCommand::List { limit } => {
            let operator = Viewer::operator();
            let filter = AuditFilter { limit: (*limit).clamp(1, 500), ..AuditFilter::default() };
            let (entries, total) = db.scoped(&operator).audit().audit_entries(&filter).await?;
            let mut text = String::new();
            for e in &entries {
                let line = format!(
                    "{:>6}  {}  {}  {}  {}  {}  {}  {}",
                    e.id,
                    e.at,
                    e.actor,
                    e.address,
                    e.action,
                    e.org_path.as_deref().unwrap_or("-"),
                    e.subject,
                    e.detail
                );
                text.push_str(line.trim_end());
                text.push('\n');
            }
            text.push_str(&format!("{} of {total} entries\n", entries.len()));
            print_out(&text)?;
        }
    }
    Ok(())
}

/// Creates [`DEMO_ACCOUNTS`] after the demo data are loaded; `scenario`
/// gives the card number of each account's member. A login that exists
/// already is left as it is.
pub async fn create_demo_accounts(db: &Db, scenario: &daihoi_demo::Scenario) -> anyhow::Result<()> {
    let mut created = Vec::new();
    for account in DEMO_ACCOUNTS {
        let login = Login::parse(account.login)?;
        if db.user_by_login(login.as_str()).await?.is_some() {
            eprintln!("demo: the account {} exists already; left as it is", account.login);
            continue;
        }
        let card = account.person.and_then(|name| {
            scenario.members.iter().find(|m| m.member.name.full() == name).map(|m| m.member.card_number.clone())
        });
        let person_id = match &card {
            Some(card) => db.person_id_by_card(card).await?,
            None => None,
        };
        let member = match (&card, person_id) {
            (Some(card), Some(id)) => Some((id, card.as_str())),
            _ => None,
        };
        let accounts = db.operator().accounts();
        let user = accounts.create_user(&login, account.name, DEMO_PASSWORD, member, ADDRESS).await?;
        let code = OrgCode::parse(account.org).map_err(|e| anyhow::anyhow!("demo account {}: {e}", account.login))?;
        // The organization must exist today (the demo's tree is loaded first).
        db.org_by_code(&code, today())
            .await?
            .with_context(|| format!("demo account {}: no organization {code} today", account.login))?;
        accounts.grant(&user, account.role, &code, ADDRESS).await?;
        created.push(account.login);
    }
    if !created.is_empty() {
        eprintln!("demo: accounts {} (password {DEMO_PASSWORD})", created.join(", "));
    }
    Ok(())
}
