//! Both migration folders give the same tables and columns.

use daihoi_test_support::{TestDb, TestEngine};

#[tokio::test]
async fn sqlite_and_postgres_migrations_agree() {
    let Some(pg) = TestDb::new(TestEngine::Postgres).await else { return };
    let lite = TestDb::new(TestEngine::Sqlite).await.unwrap();
    let a = lite.db.schema_columns().await.unwrap();
    let b = pg.db.schema_columns().await.unwrap();
    assert!(a.len() > 30, "{a:?}");
    assert_eq!(a, b);
}

async fn migrating_twice_is_harmless(db: daihoi_store::Db) {
    db.migrate().await.unwrap();
    db.migrate().await.unwrap();
}
daihoi_test_support::engines!(migrating_twice_is_harmless);
