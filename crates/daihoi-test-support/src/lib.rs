//! Fixtures shared by daihoi's tests.
//!
//! [`TestDb`] gives each test a fresh, migrated database: a SQLite file in a
//! temporary folder, or a PostgreSQL schema of its own when
//! `DAIHOI_TEST_POSTGRES_URL` is set. [`engines!`](crate::engines) runs one test
//! body on both engines. When the PostgreSQL URL is not set the PostgreSQL
//! variant prints that it was skipped, unless `DAIHOI_TEST_REQUIRE_POSTGRES`
//! is set (as `.ci/run` does), in which case it fails.

pub mod fixtures;
pub mod hostile;
pub mod writes;

use std::sync::atomic::{AtomicU64, Ordering};

use daihoi_store::Db;

/// Which engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestEngine {
    Sqlite,
    Postgres,
}

/// A fresh database for one test; removed when dropped.
pub struct TestDb {
    pub db: Db,
    /// Keeps the SQLite file alive.
    _dir: Option<tempfile::TempDir>,
    /// (URL, schema) of a PostgreSQL schema to drop.
    pg_schema: Option<(String, String)>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The PostgreSQL URL for tests, if any. Panics when PostgreSQL is required
/// but not configured.
pub fn postgres_url() -> Option<String> {
    match std::env::var("DAIHOI_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("DAIHOI_TEST_REQUIRE_POSTGRES").is_none(),
                "DAIHOI_TEST_REQUIRE_POSTGRES is set but DAIHOI_TEST_POSTGRES_URL is not"
            );
            None
        }
    }
}

impl TestDb {
    /// A migrated database on `engine`; `None` (with a printed note) when the
    /// engine is PostgreSQL and no URL is configured.
    pub async fn new(engine: TestEngine) -> Option<TestDb> {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let t = match engine {
            TestEngine::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let url = format!("sqlite:{}", dir.path().join("test.sqlite").display());
                let db = Db::connect(&url).await.expect("open SQLite");
                TestDb { db, _dir: Some(dir), pg_schema: None }
            }
            TestEngine::Postgres => {
                let Some(url) = postgres_url() else {
                    eprintln!("note: PostgreSQL test skipped (DAIHOI_TEST_POSTGRES_URL is not set)");
                    return None;
                };
                let schema = format!("daihoi_test_{}_{}", std::process::id(), n);
                let db = Db::connect_in_schema(&url, Some(&schema)).await.expect("connect to PostgreSQL");
                TestDb { db, _dir: None, pg_schema: Some((url, schema)) }
            }
        };
        t.db.migrate().await.expect("migrations");
        Some(t)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((url, schema)) = self.pg_schema.take() else { return };
        // Drop the schema from a thread of its own: Drop cannot await, and the
        // test's runtime may be shutting down.
        let handle = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                if let Ok(db) = Db::connect(&url).await {
                    let _ = db.drop_schema(&schema).await;
                    db.close().await;
                }
            });
        });
        let _ = handle.join();
    }
}

/// Defines a module with one `#[tokio::test]` per engine that awaits
/// `$body(db: Db)`.
///
/// ```ignore
/// async fn creates_a_tree(db: Db) { … }
/// daihoi_test_support::engines!(creates_a_tree);
/// ```
#[macro_export]
macro_rules! engines {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = $crate::TestDb::new($crate::TestEngine::Sqlite).await.expect("SQLite is always there");
                super::$name(t.db.clone()).await;
                t.db.close().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(t) = $crate::TestDb::new($crate::TestEngine::Postgres).await else { return };
                super::$name(t.db.clone()).await;
                t.db.close().await;
            }
        }
    )+};
}

/// ARCHITECTURE.md stays true: it names every crate and every feature
/// folder of the store and the web, and every folder it names exists.
#[cfg(test)]
mod architecture {
    use std::path::{Path, PathBuf};

    fn workspace() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn folders(dir: &Path) -> Vec<String> {
        let mut out: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_map_names_every_folder() {
        let root = workspace();
        let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
        let mut missing = Vec::new();
        for krate in folders(&root.join("crates")) {
            if !map.contains(&format!("`crates/{krate}`")) {
                missing.push(format!("crates/{krate}"));
            }
        }
        for layer in ["crates/daihoi-store/src", "crates/daihoi-web/src"] {
            for folder in folders(&root.join(layer)) {
                if !map.contains(&format!("`{folder}/`")) {
                    missing.push(format!("{layer}/{folder}/"));
                }
            }
        }
        assert!(missing.is_empty(), "ARCHITECTURE.md does not name: {missing:?}");
        // Every `crates/…` it names exists.
        let mut gone = Vec::new();
        for (i, _) in map.match_indices("`crates/") {
            let name = &map[i + 1..];
            let name = &name[..name.find('`').unwrap()];
            if !root.join(name).exists() {
                gone.push(name.to_owned());
            }
        }
        assert!(gone.is_empty(), "ARCHITECTURE.md names what is not there: {gone:?}");
    }
}
