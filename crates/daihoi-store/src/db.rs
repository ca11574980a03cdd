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
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, ConnectOptions, Executor};

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
        let pool = match (engine, schema) {
            (Engine::Sqlite, _) => {
                AnyPoolOptions::new()
                    .max_connections(4)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute(
                                "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
                                 PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; \
                                 PRAGMA cache_size = -65536;",
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
        })
    }

    /// Ends this process's use of the database. On SQLite the write-ahead
    /// log (`daihoi.sqlite-wal`) is written back into the database file and
    /// emptied first, so that the file alone holds everything: a copy of it
    /// made after a command has ended misses nothing. (Tests that only
    /// need the connections back call [`Db::close`].)
    pub async fn finish(&self) -> StoreResult<()> {
        if self.engine == Engine::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await?;
        }
        self.pool.close().await;
        Ok(())
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

    /// Both generations, in one query.
    pub async fn generations(&self) -> StoreResult<Generations> {
        let (data, writes): (i64, i64) = sqlx::query_as(
            "SELECT d.value AS data, w.value AS writes FROM data_generation d CROSS JOIN write_generation w",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(Generations { data, writes })
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
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.pool.begin().await,
        }
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> StoreResult<()> {
        let migrator = match self.engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
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
        self.pool.close().await;
    }
}

/// Makes sure a SQLite file URL creates the file, and its folder exists.
fn sqlite_url(url: &str) -> StoreResult<String> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" || query.contains("mode=memory") {
        return Ok(url.to_owned());
    }
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
