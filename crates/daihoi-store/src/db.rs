//! The connection pool, the choice of engine, and migrations.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::AtomicI64;
use std::sync::{Arc, Mutex};

use daihoi_core::BaseCount;
use time::Date;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, ConnectOptions, Connection, Executor};

use crate::{StoreError, StoreResult};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The database engine behind a [`Db`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// The database: a pool of connections to one engine.
#[derive(Debug, Clone)]
pub struct Db {
    pub(crate) pool: AnyPool,
    engine: Engine,
    /// Base counts by (organization, date), with the data generation they
    /// were counted at (see [`changed`]).
    pub(crate) counts: Kept<BaseCount>,
    /// Name-ordered member ids by (organization, date), with their generation.
    pub(crate) ordered: Kept<Arc<Vec<i64>>>,
    /// Subtrees with at most this many members keep their ordered ids.
    pub(crate) ordered_ids_max: u64,
    /// A document's coverage by (document, organization, date), with its
    /// generation: the attendance of a province's conference is 100,000
    /// rows, not read again for every page while nothing has changed.
    pub(crate) coverages: KeptCoverages,
    /// Figures of tasks, documents and settings kept while nothing was
    /// written (see [`crate::kept`]).
    pub(crate) kept: Arc<crate::kept::Kept>,
    /// The write generation of this process's last committed write: a
    /// request that read the generation before it still sees the write.
    pub(crate) written: Arc<AtomicI64>,
    /// This process's queue of SQLite writers (see [`Db::begin_write`]).
    writer: Arc<tokio::sync::Mutex<()>>,
    /// SQLite's checkpoints, off the request path (see [`Checkpointer`]);
    /// it stops when the last clone of this `Db` is dropped or closed.
    checkpointer: Option<Arc<Checkpointer>>,
}

/// How long a writer waits for its turn (as SQLite's busy timeout).
const WRITE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// A writing transaction ([`Db::begin_write`]): the connection of a
/// transaction and, on SQLite, this process's turn to write, given back
/// when it ends.
pub(crate) struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }

    pub(crate) async fn rollback(self) -> Result<(), sqlx::Error> {
        self.tx.rollback().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

/// How often the [`Checkpointer`] writes SQLite's write-ahead log back
/// into the database file.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// Writes SQLite's write-ahead log back into the database file from a task
/// of its own, on a connection of its own, every [`CHECKPOINT_EVERY`].
///
/// SQLite's default does it inside the commit that makes the log pass
/// 1,000 pages: that commit, and every writer queued behind it, then waits
/// for the copy and the file's sync (measured on the floor-vote bench:
/// stalls of 110–335 ms among ballots acknowledged in 4 ms). Connections
/// of the pool therefore turn the automatic checkpoint off
/// (`wal_autocheckpoint = 0`) and this task runs a `PASSIVE` checkpoint
/// instead, which neither takes the write lock nor waits for readers or
/// writers: requests go on while it copies.
#[derive(Debug)]
struct Checkpointer {
    stop: tokio::sync::watch::Sender<bool>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Checkpointer {
    fn start(options: AnyConnectOptions) -> Checkpointer {
        let (stop, mut stopped) = tokio::sync::watch::channel(false);
        let task = tokio::spawn(async move {
            let mut conn: Option<AnyConnection> = None;
            let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + CHECKPOINT_EVERY, CHECKPOINT_EVERY);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = ticks.tick() => {}
                    // Asked to stop (or the `Db` is gone).
                    _ = stopped.changed() => break,
                }
                if conn.is_none() {
                    conn = AnyConnection::connect_with(&options).await.ok();
                }
                let Some(c) = conn.as_mut() else { continue };
                // A failure (the file busy past the timeout, a lost
                // connection) is tried again at the next tick, on a new
                // connection; the log only grows meanwhile.
                if sqlx::raw_sql("PRAGMA busy_timeout = 1000; PRAGMA wal_checkpoint(PASSIVE);")
                    .execute(&mut *c)
                    .await
                    .is_err()
                {
                    conn = None;
                }
            }
            if let Some(c) = conn {
                let _ = c.close().await;
            }
        });
        Checkpointer { stop, task: Mutex::new(Some(task)) }
    }

    /// Stops the task and waits until its connection is closed: after it,
    /// this process holds the file through the pool only.
    async fn stop(&self) {
        let _ = self.stop.send(true);
        let task = self.task.lock().ok().and_then(|mut t| t.take());
        if let Some(task) = task {
            let _ = task.await;
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        if let Some(task) = self.task.get_mut().ok().and_then(Option::take) {
            task.abort();
        }
    }
}

/// The two generations a request reads at once (one query).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Generations {
    /// Raised by changes of the tree, the members, attendance and accounts
    /// ([`Db::data_generation`]).
    pub data: i64,
    /// Raised by every audited write ([`Db::write_generation`]).
    pub writes: i64,
}

/// Figures kept between requests: by (organization id, date), the data
/// generation they were made at and the figure.
pub(crate) type Kept<T> = Arc<Mutex<HashMap<(i64, Date), (i64, T)>>>;

/// Coverages kept between requests: by (document, organization, date), the
/// data generation they were counted at and the figure.
pub(crate) type KeptCoverages = Arc<Mutex<HashMap<(i64, i64, Date), (i64, Arc<crate::dissemination::Coverage>)>>>;

/// Records, inside a writing transaction, that the tree, the members or the
/// attendance of a conference changed: cached figures counted before are
/// stale. Account writes that
/// change what a signed-in session needs (roles, passwords, clearance,
/// language, a session's row saved or deleted) record it too: the web keeps
/// sessions and viewers in memory under it (see [`Db::data_generation`]).
///
/// A change of data is a write: the write generation rises too.
pub(crate) async fn changed(conn: &mut AnyConnection) -> StoreResult<()> {
    sqlx::query("UPDATE data_generation SET value = value + 1 WHERE id = 1").execute(&mut *conn).await?;
    wrote(conn).await?;
    Ok(())
}

/// [`changed`] for a change of the organization tree: its own generation
/// rises too ([`Db::tree_generations`]).
pub(crate) async fn tree_changed(conn: &mut AnyConnection) -> StoreResult<()> {
    sqlx::query("UPDATE tree_generation SET tree = tree + 1 WHERE id = 1").execute(&mut *conn).await?;
    changed(conn).await
}

/// [`changed`] for a change of the members (a person, a membership, a
/// condition): their own generation rises too ([`Db::tree_generations`]).
pub(crate) async fn members_changed(conn: &mut AnyConnection) -> StoreResult<()> {
    sqlx::query("UPDATE tree_generation SET members = members + 1 WHERE id = 1").execute(&mut *conn).await?;
    changed(conn).await
}

/// The data generation with the tree's and the members' own, read at once
/// ([`Db::tree_generations`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TreeGenerations {
    pub data: i64,
    /// Raised by a change of the tree ([`tree_changed`]).
    pub tree: i64,
    /// Raised by a change of the members ([`members_changed`]).
    pub members: i64,
}

/// Records, inside a writing transaction, that something was written:
/// figures kept at the write generation before are stale. Returns the new
/// generation. [`crate::Scoped::write`] calls it for every audited write.
pub(crate) async fn wrote(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("UPDATE write_generation SET value = value + 1 WHERE id = 1 RETURNING value")
        .fetch_one(&mut *conn)
        .await?)
}

impl Db {
    /// Connects to `url`: `sqlite:PATH` (the file and its folder are created
    /// when missing) or `postgres://…`.
    pub async fn connect(url: &str) -> StoreResult<Db> {
        Db::connect_in_schema(url, None).await
    }

    /// Like [`Db::connect`]; on PostgreSQL every connection uses `schema`
    /// (created if missing) as its search path. Tests use one schema each.
    pub async fn connect_in_schema(url: &str, schema: Option<&str>) -> StoreResult<Db> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Engine::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_owned()));
        };
        let url = match engine {
            Engine::Sqlite => sqlite_url(url)?,
            Engine::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
        let checkpointer = (engine == Engine::Sqlite && !sqlite_in_memory(&url))
            .then(|| Arc::new(Checkpointer::start(options.clone())));
        let pool = match (engine, schema) {
            (Engine::Sqlite, _) => {
                AnyPoolOptions::new()
                    .max_connections(4)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute(
                                "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
                                 PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; \
                                 PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 0;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            (Engine::Postgres, schema) => {
                // Plans are made for each query's values: a search pattern or a
                // subtree's range changes the best plan completely, and a
                // generic plan of a prepared statement cannot know them
                // (measured: a province search went from 1 s to under 0.1 s).
                let mut setup = String::from("SET plan_cache_mode = force_custom_plan");
                if let Some(schema) = schema {
                    let quoted = format!("\"{}\"", schema.replace('"', "\"\""));
                    let pool = AnyPoolOptions::new().max_connections(1).connect_with(options.clone()).await?;
                    sqlx::raw_sql(AssertSqlSafe(format!("CREATE SCHEMA IF NOT EXISTS {quoted}")))
                        .execute(&pool)
                        .await?;
                    pool.close().await;
                    setup.push_str(&format!("; SET search_path TO {quoted}"));
                }
                AnyPoolOptions::new()
                    .max_connections(if schema.is_some() { 8 } else { 16 })
                    .after_connect(move |conn, _| {
                        let setup = setup.clone();
                        Box::pin(async move {
                            sqlx::raw_sql(AssertSqlSafe(setup)).execute(&mut *conn).await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
        };
        Ok(Db {
            pool,
            engine,
            counts: Arc::default(),
            ordered: Arc::default(),
            ordered_ids_max: 20_000,
            coverages: Arc::default(),
            kept: Arc::default(),
            written: Arc::default(),
            writer: Arc::default(),
            checkpointer,
        })
    }

    /// Ends this process's use of the database. On SQLite the write-ahead
    /// log (`daihoi.sqlite-wal`) is written back into the database file and
    /// emptied first, so that the file alone holds everything: a copy of it
    /// made after a command has ended misses nothing. (Tests that only
    /// need the connections back call [`Db::close`].)
    pub async fn finish(&self) -> StoreResult<()> {
        if self.engine == Engine::Sqlite {
            self.stop_checkpoints().await;
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await?;
        }
        self.pool.close().await;
        Ok(())
    }

    /// Stops the background checkpoints of SQLite's log (see
    /// [`Checkpointer`]) and waits until their connection is closed.
    async fn stop_checkpoints(&self) {
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.stop().await;
        }
    }

    /// Writes a consistent copy of the whole database to `path`, a new
    /// file, while the database stays in use: SQLite's `VACUUM INTO` reads
    /// one snapshot (the server goes on reading and writing meanwhile) into
    /// a compact file that is a database of its own.
    ///
    /// # Errors
    ///
    /// [`StoreError::BackupExists`] when `path` exists,
    /// [`StoreError::BackupOnPostgres`] on PostgreSQL (its own `pg_dump`
    /// does this).
    pub async fn backup_to(&self, path: &Path) -> StoreResult<()> {
        if self.engine == Engine::Postgres {
            return Err(StoreError::BackupOnPostgres);
        }
        if path.exists() {
            return Err(StoreError::BackupExists(path.display().to_string()));
        }
        sqlx::query("VACUUM INTO $1").bind(path.display().to_string()).execute(&self.pool).await?;
        Ok(())
    }

    /// SQLite's own check of the database file (`PRAGMA integrity_check`):
    /// `None` when it is sound, otherwise what it found. Always sound on
    /// PostgreSQL, which checks its own pages.
    pub async fn integrity_problem(&self) -> StoreResult<Option<String>> {
        if self.engine == Engine::Postgres {
            return Ok(None);
        }
        let found: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&self.pool).await?;
        Ok((found != ["ok"]).then(|| found.join("; ")))
    }

    /// The data generation now: it rises with every change of the tree or
    /// the members and with every account write that changes what a
    /// signed-in session needs, in the writing transaction, whichever
    /// process writes. What was read at one generation is still true while
    /// it has not moved (see [`changed`]).
    pub async fn data_generation(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT value FROM data_generation WHERE id = 1").fetch_one(&self.pool).await?)
    }

    /// The write generation now: it rises with every audited write, in
    /// the writing transaction, whichever process writes (see [`wrote`]).
    pub async fn write_generation(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT value FROM write_generation WHERE id = 1").fetch_one(&self.pool).await?)
    }

    /// The data generation with the tree's and the members' own, in one
    /// query: a figure that reads only the tree and the members is still
    /// true when only the data generation moved.
    pub(crate) async fn tree_generations(&self) -> StoreResult<TreeGenerations> {
        let (data, tree, members): (i64, i64, i64) = sqlx::query_as(
            "SELECT d.value AS data, t.tree AS tree, t.members AS members \
             FROM data_generation d CROSS JOIN tree_generation t",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(TreeGenerations { data, tree, members })
    }

    /// Both generations, in one query.
    pub async fn generations(&self) -> StoreResult<Generations> {
        let (data, writes): (i64, i64) = sqlx::query_as(
            "SELECT d.value AS data, w.value AS writes FROM data_generation d CROSS JOIN write_generation w",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(Generations { data, writes })
    }

    /// A handle on the same database that keeps none of this one's
    /// figures, as another process of the same deployment would: what it
    /// reads is read afresh. The tests compare a kept figure with it.
    #[doc(hidden)]
    pub fn another_process(&self) -> Db {
        Db {
            pool: self.pool.clone(),
            engine: self.engine,
            counts: Kept::default(),
            ordered: Kept::default(),
            ordered_ids_max: self.ordered_ids_max,
            coverages: KeptCoverages::default(),
            kept: Arc::default(),
            written: Arc::default(),
            writer: self.writer.clone(),
            checkpointer: self.checkpointer.clone(),
        }
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// A transaction that will write. On SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`): a deferred transaction that reads, then
    /// writes after another writer committed, fails with "database is
    /// locked" at once, whatever the busy timeout (four clerks checking
    /// people in at the same moment), while an immediate one waits its
    /// turn. PostgreSQL's writers wait on the rows they touch.
    ///
    /// On SQLite the writers of this process also take their turn in a
    /// first-come queue before they take a connection ([`Db::writer`]):
    /// SQLite's own wait for its write lock polls with sleeps that grow to
    /// 25, 50 and 100 ms, so a writer that just missed the lock slept on
    /// after it was free (measured on the floor-vote bench: acknowledgements
    /// of 36, 57, 82, 107, 131 and 331 ms among ballots of 2 ms, exactly
    /// the sums of those sleeps). Another process's writer (a command run
    /// beside the server) is still waited for by SQLite's busy timeout.
    pub(crate) async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        match self.engine {
            Engine::Sqlite => {
                let turn = tokio::time::timeout(WRITE_WAIT, self.writer.clone().lock_owned())
                    .await
                    .map_err(|_| sqlx::Error::PoolTimedOut)?;
                let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(WriteTx { tx, _turn: Some(turn) })
            }
            Engine::Postgres => Ok(WriteTx { tx: self.pool.begin().await?, _turn: None }),
        }
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> StoreResult<()> {
        let migrator = match self.engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        self.ship_petition_clocks().await?;
        self.fill_name_suffixes().await
    }

    /// Writes the name suffixes of members stored before
    /// `person_name_suffix` existed (once, in batches).
    async fn fill_name_suffixes(&self) -> StoreResult<()> {
        let mut after = 0i64;
        loop {
            let people: Vec<(i64, String)> = sqlx::query_as(
                "SELECT p.id, p.search_key FROM person p WHERE p.id > $1 \
                 AND NOT EXISTS (SELECT 1 FROM person_name_suffix s WHERE s.person_id = p.id) ORDER BY p.id LIMIT 5000",
            )
            .bind(after)
            .fetch_all(&self.pool)
            .await?;
            let Some(last) = people.last() else { return Ok(()) };
            after = last.0;
            let mut tx = self.begin_write().await?;
            crate::members::write_name_suffixes(&mut tx, &people).await?;
            tx.commit().await?;
        }
    }

    /// The tables and their columns (lower-case names, sorted), as the engine
    /// reports them: used to check that both migration folders agree.
    pub async fn schema_columns(&self) -> StoreResult<Vec<(String, String)>> {
        let sql = match self.engine {
            Engine::Sqlite => {
                "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\'"
            }
            Engine::Postgres => {
                "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx%'"
            }
        };
        let mut cols: Vec<(String, String)> = sqlx::query_as(sql).fetch_all(&self.pool).await?;
        for (t, c) in &mut cols {
            *t = t.to_lowercase();
            *c = c.to_lowercase();
        }
        cols.sort();
        Ok(cols)
    }

    /// Drops a PostgreSQL schema and everything in it (test clean-up).
    pub async fn drop_schema(&self, schema: &str) -> StoreResult<()> {
        if self.engine == Engine::Postgres {
            let quoted = format!("\"{}\"", schema.replace('"', "\"\""));
            sqlx::raw_sql(AssertSqlSafe(format!("DROP SCHEMA IF EXISTS {quoted} CASCADE"))).execute(&self.pool).await?;
        }
        Ok(())
    }

    /// Refreshes the planner's statistics after a large write (an import of
    /// thousands of members): with stale statistics PostgreSQL picked plans
    /// ten times slower until autovacuum caught up.
    pub(crate) async fn analyze_after(&self, rows_written: usize) -> StoreResult<()> {
        if rows_written >= 1000 {
            sqlx::raw_sql("ANALYZE").execute(&self.pool).await?;
        }
        Ok(())
    }

    /// Sets the largest subtree whose member list keeps its ordered ids
    /// (tests check that both ways of paging give the same pages).
    #[doc(hidden)]
    pub fn with_ordered_ids_max(mut self, n: u64) -> Db {
        self.ordered_ids_max = n;
        self
    }

    /// Runs a statement behind the software's back: tests use it to tamper
    /// with the audit log the way an intruder with the database file would.
    #[doc(hidden)]
    pub async fn tamper_for_test(&self, sql: &str) {
        sqlx::raw_sql(AssertSqlSafe(sql.to_owned())).execute(&self.pool).await.expect("tampering statement");
    }

    /// How many rows `table` holds (tests).
    #[doc(hidden)]
    pub async fn rows_for_test(&self, table: &str) -> i64 {
        assert!(table.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "a table name");
        sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) AS n FROM {table}")))
            .fetch_one(&self.pool)
            .await
            .expect("counting rows")
    }

    /// Closes every connection (waits for them to be returned).
    pub async fn close(&self) {
        self.stop_checkpoints().await;
        self.pool.close().await;
    }
}

/// Whether a SQLite URL names a database in memory (no file, no log).
fn sqlite_in_memory(url: &str) -> bool {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    path.is_empty() || path == ":memory:" || query.contains("mode=memory")
}

/// Makes sure a SQLite file URL creates the file, and its folder exists.
fn sqlite_url(url: &str) -> StoreResult<String> {
    if sqlite_in_memory(url) {
        return Ok(url.to_owned());
    }
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|source| StoreError::CreateDir { path: dir.display().to_string(), source })?;
    }
    Ok(if query.contains("mode=") {
        url.to_owned()
    } else if query.is_empty() {
        format!("{url}?mode=rwc")
    } else {
        format!("{url}&mode=rwc")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 16's SQLite tail: a commit never copies the log into the file
    /// (every connection of the pool has the automatic checkpoint off), and
    /// the log is copied all the same, beside the requests.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite_checkpoints_run_beside_commits_not_inside_them() {
        checkpoints_beside_commits("filler").await;
    }

    /// The body, on a table of the test's own named `table` (its statements
    /// are left out of the statements test by the hole's name).
    async fn checkpoints_beside_commits(table: &str) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let db = Db::connect(&format!("sqlite:{}", path.display())).await.unwrap();
        let mut held = Vec::new();
        for _ in 0..4 {
            let mut conn = db.pool.acquire().await.unwrap();
            let pages: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint").fetch_one(&mut *conn).await.unwrap();
            assert_eq!(pages, 0, "a connection of the pool checkpoints inside its commits");
            held.push(conn);
        }
        drop(held);
        sqlx::query(AssertSqlSafe(format!("CREATE TABLE {table} (x BLOB)"))).execute(&db.pool).await.unwrap();
        let before = std::fs::metadata(&path).unwrap().len();
        // 3,000 pages, past SQLite's automatic threshold of 1,000.
        sqlx::query(AssertSqlSafe(format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) \
             INSERT INTO {table} SELECT randomblob(4000) FROM n"
        )))
        .execute(&db.pool)
        .await
        .unwrap();
        let mut copied = false;
        for _ in 0..100 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            if std::fs::metadata(&path).unwrap().len() > before + 10_000_000 {
                copied = true;
                break;
            }
        }
        assert!(copied, "the log was not copied into the database file within 10 s");
        #[cfg(target_os = "linux")]
        assert!(open_on(&path) > 0);
        db.finish().await.unwrap();
        // After `finish` nothing of this process holds the file, the
        // checkpoints' own connection included: a copy of it (a restore's
        // staged file renamed) misses nothing and keeps no stray log.
        #[cfg(target_os = "linux")]
        assert_eq!(open_on(&path), 0, "a connection to the file is still open after finish");
    }

    /// How many of this process's file descriptors are open on `path`.
    #[cfg(target_os = "linux")]
    fn open_on(path: &Path) -> usize {
        let path = std::fs::canonicalize(path).unwrap();
        std::fs::read_dir("/proc/self/fd")
            .unwrap()
            .filter_map(Result::ok)
            .filter(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == path))
            .count()
    }

    /// Issue 16's SQLite tail: the writers of one process queue for their
    /// turn, not in SQLite's busy handler. With SQLite's wait turned off
    /// (busy timeout 0), writers that overlap would fail at once with
    /// "database is locked"; queued, every one of them writes.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writers_of_one_process_take_turns_before_sqlite_locks() {
        writers_take_turns("queued").await;
    }

    async fn writers_take_turns(table: &'static str) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite:{}", dir.path().join("db.sqlite").display())).await.unwrap();
        sqlx::query(AssertSqlSafe(format!("CREATE TABLE {table} (x INTEGER)"))).execute(&db.pool).await.unwrap();
        let mut held = Vec::new();
        for _ in 0..4 {
            let mut conn = db.pool.acquire().await.unwrap();
            sqlx::query("PRAGMA busy_timeout = 0").execute(&mut *conn).await.unwrap();
            held.push(conn);
        }
        drop(held);
        let writers: Vec<_> = (0..32)
            .map(|i| {
                let db = db.clone();
                tokio::spawn(async move {
                    let mut tx = db.begin_write().await?;
                    sqlx::query(AssertSqlSafe(format!("INSERT INTO {table} (x) VALUES ($1)")))
                        .bind(i)
                        .execute(&mut *tx)
                        .await?;
                    tokio::time::sleep(std::time::Duration::from_millis(2)).await;
                    tx.commit().await
                })
            })
            .collect();
        for w in writers {
            w.await.unwrap().expect("a queued writer is never refused as locked");
        }
        let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(n, 32);
        db.finish().await.unwrap();
    }

    #[test]
    fn a_database_in_memory_has_no_log_to_copy() {
        assert!(sqlite_in_memory("sqlite::memory:"));
        assert!(sqlite_in_memory("sqlite://x.db?mode=memory&cache=shared"));
        assert!(!sqlite_in_memory("sqlite:data/daihoi.sqlite"));
    }
}
