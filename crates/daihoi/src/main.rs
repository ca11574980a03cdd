//! `daihoi`: the command line. Thin: parses arguments, opens the database,
//! calls the library crates, prints. With no subcommand it serves.

mod accounts;
mod congresses;
mod documents;
mod export;
mod import;
mod orgs;
mod output;
mod petitions;
mod tally;
mod tasks;

/// The address the audit log records for the command line.
pub(crate) const ADDRESS: &str = "cli";

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use daihoi_core::{OrgCode, date::parse_date};
use daihoi_store::Db;
use time::Date;

use crate::output::{BadInput, Exit};

/// The database used when neither --database nor DAIHOI_DATABASE_URL says otherwise.
const DEFAULT_DATABASE: &str = "sqlite:data/daihoi.sqlite";

#[derive(Parser)]
#[command(
    name = "daihoi",
    version,
    about = "daihoi: công tác đảng — documents, tracking, congresses, elections, petitions"
)]
struct Cli {
    /// Database URL: sqlite:PATH or postgres://user@host/db.
    #[arg(long, global = true, env = "DAIHOI_DATABASE_URL", default_value = DEFAULT_DATABASE)]
    database: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default). Loads the demo data into an empty database.
    Serve(ServeArgs),
    /// Create or update the database schema.
    Migrate,
    /// Write a consistent copy of the SQLite database to a new file, while
    /// the server runs (for PostgreSQL it names pg_dump).
    Backup {
        /// The new file.
        file: std::path::PathBuf,
    },
    /// Put a backup in place of the SQLite database (the server stopped):
    /// it is checked first (integrity, audit chain) and migrated.
    Restore {
        /// The file daihoi backup wrote.
        backup: std::path::PathBuf,
        /// Replace an existing database.
        #[arg(long)]
        force: bool,
    },
    /// Load the demo scenario (the Quảng Ninh Provincial Party Committee) into an empty database.
    Demo(DemoArgs),
    /// Import data from a file.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export data to a file.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Create, move, merge, rename or dissolve an organization.
    #[command(subcommand)]
    Org(orgs::OrgCommand),
    /// Print the organization tree on a date.
    Tree {
        /// Organization code of the subtree's root (default: every root).
        #[arg(long)]
        org: Option<String>,
        /// Date (dd/mm/yyyy or yyyy-mm-dd; default: today).
        #[arg(long)]
        date: Option<String>,
        /// How many levels below the root to print.
        #[arg(long, default_value_t = 2)]
        depth: usize,
    },
    /// Create accounts, give and take roles over organizations, reset passwords.
    #[command(subcommand)]
    User(accounts::UserCommand),
    /// Check or read the audit log.
    #[command(subcommand)]
    Audit(accounts::AuditCommand),
    /// Read Party document numbers; search the document register.
    #[command(subcommand)]
    Document(documents::DocumentCommand),
    /// Import or export implementation tasks (nhiệm vụ) as .xlsx or .csv (T-7).
    #[command(subcommand)]
    Task(tasks::TaskCommand),
    /// The calendar of working days legal deadlines count on (holidays, substitute and make-up days, confirmed years).
    #[command(subcommand)]
    Calendar(petitions::CalendarCommand),
    /// Count one election from files (see docs/tally-format.md). Needs no database.
    Tally(tally::TallyArgs),
    /// Print the ballots of an election's next round as a PDF (R-BALLOT-1..3). Needs no database.
    Ballots(tally::BallotsArgs),
    /// Count the members convened and each subtraction of an election's base (R-BASE-1).
    Base {
        /// Organization code.
        org: String,
        /// Date (default: today).
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "DAIHOI_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Do not load the demo data into an empty database.
    #[arg(long)]
    no_demo: bool,
    /// Mark the session cookie Secure: for a server reached over HTTPS
    /// (behind a reverse proxy that terminates TLS).
    #[arg(long, env = "DAIHOI_SECURE_COOKIES")]
    secure_cookies: bool,
    /// A reverse proxy on this machine forwards the requests: take each
    /// client's address from X-Forwarded-For (for throttling and the audit log).
    #[arg(long, env = "DAIHOI_BEHIND_PROXY")]
    behind_proxy: bool,
    /// How many uploaded spreadsheets are read at once (the others wait):
    /// reading runs on threads of its own, never delaying other pages. The
    /// limits each file is read within are the DAIHOI_SHEET_* settings.
    #[arg(long, env = "DAIHOI_UPLOAD_SLOTS", default_value_t = 2)]
    upload_slots: usize,
}

#[derive(clap::Args)]
struct DemoArgs {
    /// Number of members to generate.
    #[arg(long, default_value_t = daihoi_demo::DEMO_MEMBERS)]
    members: usize,
    /// Seed of the generator (the same seed gives the same data).
    #[arg(long, default_value_t = daihoi_demo::DEMO_SEED)]
    seed: u64,
    /// Load only the organization tree; with --members-file, write the members to that file.
    #[arg(long)]
    tree_only: bool,
    /// Write the generated members as a member file (.xlsx or .csv) instead of loading them.
    #[arg(long)]
    members_file: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import members from .xlsx, .xls, .ods or .csv (see docs/member-import.md).
    Members(import::ImportArgs),
    /// Create the organizations of a file (columns Mã, Tên, Loại, Mã cấp trên, Từ ngày).
    Orgs(orgs::ImportOrgsArgs),
    /// Enter the congress plans of a file, one row per organization (docs/congresses.md).
    CongressPlans(congresses::ImportPlansArgs),
    /// Enter the delegates of a roll file on a congress's roll, one row per delegate.
    CongressRoll(congresses::ImportRollArgs),
    /// Record a session's attendance from a file, one row per person convened.
    CongressAttendance(congresses::ImportAttendanceArgs),
    /// Record a congress's delegate allocation from a file, one row per organization.
    CongressAllocation(congresses::ImportAllocationArgs),
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Export the members of a subtree to .xlsx or .csv, or write an empty template.
    Members(export::ExportArgs),
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DAIHOI_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is::<Exit>() => ExitCode::from(e.downcast_ref::<Exit>().map_or(1, |x| x.0)),
        Err(e) if e.is::<BadInput>() => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Today in Vietnam: the default date of every command.
pub fn today() -> Date {
    daihoi_core::date::date_in_vietnam(time::OffsetDateTime::now_utc())
}

/// Reads a `--date` option.
pub fn date_arg(text: Option<&str>) -> anyhow::Result<Date> {
    match text {
        None => Ok(today()),
        Some(t) => parse_date(t).ok_or_else(|| BadInput::new(format!("--date {t:?}: not a date (dd/mm/yyyy)")).into()),
    }
}

pub fn org_arg(text: &str) -> anyhow::Result<OrgCode> {
    OrgCode::parse(text).map_err(|e| BadInput::new(format!("{text:?}: {e}")).into())
}

/// The root of the subtree named by `--org`, or every root, on `date`.
pub async fn roots_arg(db: &Db, org: Option<&str>, date: Date) -> anyhow::Result<Vec<daihoi_store::orgs::OrgNode>> {
    match org {
        Some(code) => {
            let code = org_arg(code)?;
            let node = db
                .org_by_code(&code, date)
                .await?
                .ok_or_else(|| BadInput::new(format!("no organization {code} on {}", daihoi_core::date::vi(date))))?;
            Ok(vec![node])
        }
        None => Ok(db.roots(date).await?),
    }
}

async fn open(url: &str) -> anyhow::Result<Db> {
    let db = Db::connect(url).await.with_context(|| format!("opening the database {url}"))?;
    db.migrate().await.context("migrating the database")?;
    Ok(db)
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = cli.command.unwrap_or(Command::Serve(ServeArgs {
        addr: std::env::var("DAIHOI_ADDR")
            .ok()
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
        no_demo: false,
        secure_cookies: std::env::var_os("DAIHOI_SECURE_COOKIES").is_some(),
        behind_proxy: std::env::var_os("DAIHOI_BEHIND_PROXY").is_some(),
        upload_slots: std::env::var("DAIHOI_UPLOAD_SLOTS").ok().and_then(|n| n.parse().ok()).unwrap_or(2),
    }));
    match &command {
        Command::Tally(args) => return tally::run(args),
        Command::Ballots(args) => return tally::run_ballots(args),
        Command::Document(documents::DocumentCommand::Parse { numbers, date }) => {
            return documents::parse(numbers, date.as_deref());
        }
        _ => {}
    }
    if let Command::Restore { backup, force } = &command {
        return restore(&cli.database, backup, *force).await;
    }
    let db = open(&cli.database).await?;
    let done = run_command(&cli.database, &db, command).await;
    // The write-ahead log goes back into the file whatever happened, so that
    // a copy of daihoi.sqlite made now misses nothing.
    let finished = db.finish().await.context("closing the database");
    done.and(finished)
}

async fn run_command(database: &str, db: &Db, command: Command) -> anyhow::Result<()> {
    let db = db.clone();
    match command {
        // Done before (and without) opening the database.
        Command::Tally(_)
        | Command::Ballots(_)
        | Command::Document(documents::DocumentCommand::Parse { .. })
        | Command::Restore { .. } => Ok(()),
        Command::Backup { file } => {
            db.backup_to(&file).await.map_err(|e| match e {
                daihoi_store::StoreError::BackupExists(_) | daihoi_store::StoreError::BackupOnPostgres => {
                    anyhow::Error::from(BadInput::new(e.to_string()))
                }
                e => anyhow::Error::from(e).context("writing the backup"),
            })?;
            let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
            println!("{}: a copy of {} ({size} bytes); restore it with daihoi restore", file.display(), database);
            Ok(())
        }
        Command::Document(documents::DocumentCommand::Search { words, limit }) => {
            documents::search(&db, &words, limit).await
        }
        Command::Migrate => {
            println!("database {} is up to date", database);
            Ok(())
        }
        Command::Serve(args) => {
            if !args.no_demo && db.is_empty().await? {
                load_demo(
                    &db,
                    &DemoArgs {
                        members: daihoi_demo::DEMO_MEMBERS,
                        seed: daihoi_demo::DEMO_SEED,
                        tree_only: false,
                        members_file: None,
                    },
                )
                .await?;
            }
            println!("daihoi: http://{}/", args.addr);
            daihoi_web::serve(
                daihoi_web::AppState::new(db)
                    .with_secure_cookies(args.secure_cookies)
                    .behind_proxy(args.behind_proxy)
                    .with_upload_limits(output::sheet_limits()?, args.upload_slots),
                args.addr,
            )
            .await
            .context("serving")
        }
        Command::Demo(args) => {
            if !db.is_empty().await? {
                return Err(BadInput::new(format!(
                    "the database {} already holds organizations; the demo loads into an empty database only",
                    database
                ))
                .into());
            }
            load_demo(&db, &args).await
        }
        Command::Import(ImportCommand::Members(args)) => import::members(&db, &args).await,
        Command::Import(ImportCommand::Orgs(args)) => orgs::import(&db, &args).await,
        Command::Import(ImportCommand::CongressPlans(args)) => congresses::import_plans(&db, &args).await,
        Command::Import(ImportCommand::CongressRoll(args)) => congresses::import_roll(&db, &args).await,
        Command::Import(ImportCommand::CongressAttendance(args)) => congresses::import_attendance(&db, &args).await,
        Command::Import(ImportCommand::CongressAllocation(args)) => congresses::import_allocation(&db, &args).await,
        Command::Org(command) => orgs::run(&db, &command).await,
        Command::User(command) => accounts::run_user(&db, &command).await,
        Command::Audit(command) => accounts::run_audit(&db, &command).await,
        Command::Export(ExportCommand::Members(args)) => export::members(&db, &args).await,
        Command::Task(command) => tasks::run(&db, &command).await,
        Command::Calendar(command) => petitions::run(&db, &command).await,
        Command::Tree { org, date, depth } => {
            output::tree(&db, org.as_deref(), date_arg(date.as_deref())?, depth).await
        }
        Command::Base { org, date } => output::base(&db, &org_arg(&org)?, date_arg(date.as_deref())?).await,
    }
}

/// The file of a `sqlite:` database URL.
fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite:")?.trim_start_matches("//");
    let path = rest.split_once('?').map_or(rest, |(path, _)| path);
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

/// `daihoi restore BACKUP`: checks a backup (SQLite's integrity check, the
/// audit chain, the schema brought up to date) on a copy beside the
/// database, then puts that copy in the database's place. The server must
/// be stopped.
async fn restore(url: &str, backup: &std::path::Path, force: bool) -> anyhow::Result<()> {
    let Some(target) = sqlite_path(url) else {
        return Err(BadInput::new(format!(
            "daihoi restore puts back a SQLite database; for {url} use PostgreSQL's pg_restore (see daihoi backup)"
        ))
        .into());
    };
    if !backup.is_file() {
        return Err(BadInput::new(format!("{}: no such backup file", backup.display())).into());
    }
    if target.exists() && !force {
        return Err(BadInput::new(format!(
            "{} exists: stop the server, then run daihoi restore {} --force to replace it",
            target.display(),
            backup.display()
        ))
        .into());
    }
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let staged = dir.join(format!(".{}.restoring", target.file_name().and_then(|n| n.to_str()).unwrap_or("daihoi")));
    let _ = std::fs::remove_file(&staged);
    std::fs::copy(backup, &staged).with_context(|| format!("copying {}", backup.display()))?;
    let checked = async {
        let db = open(&format!("sqlite:{}", staged.display())).await?;
        let problem = db.integrity_problem().await?;
        let audit = db.verify_audit().await?;
        db.finish().await?;
        if let Some(problem) = problem {
            return Err(
                BadInput::new(format!("{}: damaged ({problem}); nothing was restored", backup.display())).into()
            );
        }
        match audit {
            daihoi_store::audit::AuditCheck::Intact { entries } => Ok(entries),
            daihoi_store::audit::AuditCheck::Broken { entry, why } => Err(anyhow::Error::from(BadInput::new(format!(
                "{}: the audit log is broken at entry {entry} ({why}); nothing was restored",
                backup.display()
            )))),
        }
    }
    .await;
    let entries = match checked {
        Ok(entries) => entries,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            return Err(e);
        }
    };
    for stale in ["-wal", "-shm"] {
        let mut name = target.clone().into_os_string();
        name.push(stale);
        let _ = std::fs::remove_file(name);
    }
    std::fs::rename(&staged, &target)
        .with_context(|| format!("putting the backup in place of {}", target.display()))?;
    println!("{}: restored from {} (audit log intact: {entries} entries)", target.display(), backup.display());
    Ok(())
}

async fn load_demo(db: &Db, args: &DemoArgs) -> anyhow::Result<()> {
    let documents = db.load_demo_documents().await?;
    eprintln!("demo: {documents} documents of the 18 November 2024 conference registered, with their links");
    let started = std::time::Instant::now();
    let scenario = daihoi_demo::quang_ninh(args.members, args.seed);
    eprintln!(
        "demo: {} organizations, {} changes of the tree, {} members (seed {})",
        scenario.orgs.len(),
        scenario.events.len(),
        scenario.members.len(),
        args.seed
    );
    if let Some(path) = &args.members_file {
        db.load_tree(&scenario).await?;
        db.load_demo_circulation().await?;
        let n = export::write_rows(path, scenario.members.iter())?;
        eprintln!("demo: tree loaded; {n} members written to {} in {:.1?}", path.display(), started.elapsed());
        return accounts::create_demo_accounts(db, &scenario).await;
    }
    if args.tree_only {
        db.load_tree(&scenario).await?;
        eprintln!("demo: tree loaded in {:.1?}", started.elapsed());
        db.load_demo_circulation().await?;
        return accounts::create_demo_accounts(db, &scenario).await;
    }
    let bar = output::progress_bar(scenario.members.len() as u64, "members");
    let report = db
        .load_scenario(&scenario, today(), &mut |n| bar.set_position(n as u64))
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    eprintln!("demo: {} members loaded in {:.1?}", report.created, started.elapsed());
    let forwarded = db.load_demo_circulation().await?;
    eprintln!("demo: the documents entered in the province's registers, {forwarded} copies forwarded below");
    let conference = db.load_demo_dissemination().await?;
    eprintln!("demo: the conference of {} recorded with its attendance", daihoi_core::date::vi(conference.held_on));
    let tasks = db.load_demo_tasks().await?;
    eprintln!("demo: {tasks} tasks recorded with their logs");
    let targets = db.load_demo_tracking().await?;
    eprintln!("demo: {targets} targets recorded with their readings; the province's tracking rules chosen by admin");
    let congresses = db.load_demo_congresses(today()).await?;
    eprintln!("demo: the 2025–2030 round of congresses with {congresses} congresses planned and their gates");
    let seats = db.load_demo_committees(today()).await?;
    eprintln!("demo: the committees of the province and of Quảng Tân over two terms, {seats} seats");
    let province = db.load_demo_province_allocation(today()).await?;
    eprintln!("demo: the 16th provincial congress: {province} seats allocated");
    let roll = db.load_demo_roll(today()).await?;
    eprintln!(
        "demo: Quảng Tân's congress: {} seats allocated, {} on its roll, {} check-ins",
        roll.seats, roll.delegates, roll.check_ins
    );
    let election = db.load_demo_election(accounts::DEMO_PASSWORD).await?;
    eprintln!(
        "demo: Quảng Tân's committee election: {} ballot entries by two clerks, {} elected",
        election.entries, election.elected
    );
    accounts::create_demo_accounts(db, &scenario).await?;
    // Issue 17: the previous term's resolution adopted into tracking, then
    // the province's drafts, its office (vanphong) on their team.
    let adopted = db.load_demo_previous_resolution(today()).await?;
    eprintln!(
        "demo: the 15th provincial congress (2020): its resolution adopted with {adopted} items, reported on since"
    );
    let drafts = db.load_demo_drafts(&["vanphong"]).await?;
    eprintln!(
        "demo: the province's {} draft documents sent down ({} copies), {} comments from Quảng Tân and its synthesis",
        drafts.documents, drafts.sent, drafts.comments
    );
    let petitions = db.load_demo_petitions(today()).await?;
    eprintln!(
        "demo: {} petition cases around the 2025 congresses ({} only logged: anonymous without evidence; {} still open)",
        petitions.cases, petitions.logged, petitions.open
    );
    Ok(())
}
