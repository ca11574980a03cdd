//! Both migration folders give the same schema: the same tables and
//! columns, with the same types (mapped between the engines by
//! [`column_type`]), nullability and primary keys, and the same indexes
//! (name, table, columns, uniqueness, partial or not). Differences that are
//! meant are listed in [`DELIBERATE`] with their reason.

use std::collections::{BTreeMap, BTreeSet};

use daihoi_test_support::{TestDb, TestEngine};
use sqlx::{AssertSqlSafe, Connection, Row};

#[tokio::test]
async fn sqlite_and_postgres_migrations_agree() {
    let Some(pg) = TestDb::new(TestEngine::Postgres).await else { return };
    let lite = TestDb::new(TestEngine::Sqlite).await.unwrap();
    let a = lite.db.schema_columns().await.unwrap();
    let b = pg.db.schema_columns().await.unwrap();
    assert!(a.len() > 30, "{a:?}");
    assert_eq!(a, b);
}

/// The engine-neutral type of a column declared `declared` (SQLite's
/// declared type or PostgreSQL's `information_schema.columns.data_type`):
///
/// | SQLite                       | PostgreSQL                    | neutral   |
/// |------------------------------|-------------------------------|-----------|
/// | INTEGER, INT, BIGINT         | bigint, integer, smallint     | `integer` |
/// | TEXT                         | text                          | `text`    |
/// | REAL, DOUBLE PRECISION, FLOAT| double precision, real        | `real`    |
/// | BLOB                         | bytea                         | `blob`    |
///
/// Anything else is kept as `other:<declared>`, so that it shows up as a
/// difference.
fn column_type(declared: &str) -> String {
    match declared.trim().to_ascii_lowercase().as_str() {
        "integer" | "int" | "bigint" | "smallint" => "integer".into(),
        "text" => "text".into(),
        "real" | "double precision" | "double" | "float" => "real".into(),
        "blob" | "bytea" => "blob".into(),
        other => format!("other:{other}"),
    }
}

/// Differences between the engines that are meant: (what differs, as the
/// test prints it; why).
const DELIBERATE: &[(&str, &str)] = &[];

/// A column: neutral type, NOT NULL, place in the primary key (0: none).
type Column = (String, bool, i64);
/// An index by name: table, columns in order (`(expr)` for an
/// expression), unique, partial.
type Index = (String, Vec<String>, bool, bool);

#[derive(Debug, Default)]
struct Schema {
    /// (table, column) → column.
    columns: BTreeMap<(String, String), Column>,
    /// Indexes made by `CREATE INDEX`, by name.
    indexes: BTreeMap<String, Index>,
    /// The unique constraints (not the primary keys): (table, columns).
    unique: BTreeSet<(String, Vec<String>)>,
}

async fn sqlite_schema(url: &str) -> Schema {
    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
    let mut s = Schema::default();
    let tables = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
                  AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\'";
    let sql = format!(
        "SELECT m.name AS tbl, p.name AS col, p.type AS type, p.\"notnull\" AS not_null, p.pk AS pk \
         FROM sqlite_master m, pragma_table_info(m.name) p WHERE {tables}"
    );
    for r in sqlx::query(AssertSqlSafe(sql)).fetch_all(&mut conn).await.unwrap() {
        let pk: i64 = r.get("pk");
        // A primary key's columns are never NULL (SQLite's `INTEGER
        // PRIMARY KEY` is the row id and says `notnull` 0).
        let not_null = r.get::<i64, _>("not_null") != 0 || pk > 0;
        s.columns.insert(
            (r.get::<String, _>("tbl").to_lowercase(), r.get::<String, _>("col").to_lowercase()),
            (column_type(r.get("type")), not_null, pk),
        );
    }
    let sql = format!(
        "SELECT m.name AS tbl, il.name AS idx, il.\"unique\" AS uniq, il.origin AS origin, il.partial AS partial \
         FROM sqlite_master m, pragma_index_list(m.name) il WHERE {tables}"
    );
    for r in sqlx::query(AssertSqlSafe(sql)).fetch_all(&mut conn).await.unwrap() {
        let name: String = r.get("idx");
        let cols: Vec<String> = sqlx::query("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
            .bind(&name)
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .iter()
            .map(|c| c.get::<Option<String>, _>("name").map_or("(expr)".into(), |n| n.to_lowercase()))
            .collect();
        let table: String = r.get::<String, _>("tbl").to_lowercase();
        match r.get::<String, _>("origin").as_str() {
            "c" => {
                let unique = r.get::<i64, _>("uniq") != 0;
                s.indexes.insert(name.to_lowercase(), (table, cols, unique, r.get::<i64, _>("partial") != 0));
            }
            "u" => {
                s.unique.insert((table, cols));
            }
            _ => {} // the primary key's
        }
    }
    conn.close().await.unwrap();
    s
}

async fn postgres_schema(url: &str, schema: &str) -> Schema {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    sqlx::raw_sql(AssertSqlSafe(format!("SET search_path TO \"{schema}\""))).execute(&mut conn).await.unwrap();
    let mut s = Schema::default();
    let rows = sqlx::query(
        "SELECT CAST(c.table_name AS TEXT) AS tbl, CAST(c.column_name AS TEXT) AS col, \
           CAST(c.data_type AS TEXT) AS type, c.is_nullable = 'NO' AS not_null, \
           COALESCE((SELECT CAST(k.ordinal_position AS BIGINT) FROM information_schema.table_constraints tc \
             JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name \
               AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name \
             WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema \
               AND tc.table_name = c.table_name AND k.column_name = c.column_name), 0) AS pk \
         FROM information_schema.columns c \
         WHERE c.table_schema = current_schema() AND c.table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    for r in rows {
        s.columns.insert(
            (r.get("tbl"), r.get("col")),
            (column_type(r.get("type")), r.get::<bool, _>("not_null"), r.get::<i64, _>("pk")),
        );
    }
    let rows = sqlx::query(
        "SELECT CAST(t.relname AS TEXT) AS tbl, CAST(i.relname AS TEXT) AS idx, ix.indisunique AS uniq, \
           ix.indisprimary AS primary_key, ix.indpred IS NOT NULL AS partial, \
           EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid) AS constraint_index, \
           (SELECT string_agg(COALESCE(CAST(a.attname AS TEXT), '(expr)'), ',' ORDER BY k.n) \
              FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n) \
              LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols \
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = current_schema() AND t.relname NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    for r in rows {
        let cols: Vec<String> = r.get::<String, _>("cols").split(',').map(str::to_owned).collect();
        let table: String = r.get("tbl");
        if r.get::<bool, _>("primary_key") {
            continue;
        }
        if r.get::<bool, _>("constraint_index") {
            s.unique.insert((table, cols));
        } else {
            s.indexes.insert(r.get("idx"), (table, cols, r.get("uniq"), r.get("partial")));
        }
    }
    conn.close().await.unwrap();
    s
}

/// What differs, one line each.
fn differences(lite: &Schema, pg: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let show =
        |c: &Column| format!("{}{}{}", c.0, if c.1 { " NOT NULL" } else { "" }, if c.2 > 0 { " PK" } else { "" });
    for (key, c) in &lite.columns {
        match pg.columns.get(key) {
            None => out.push(format!("column {}.{}: only on SQLite", key.0, key.1)),
            Some(p) if p != c => {
                out.push(format!("column {}.{}: SQLite {}, PostgreSQL {}", key.0, key.1, show(c), show(p)))
            }
            Some(_) => {}
        }
    }
    for key in pg.columns.keys().filter(|k| !lite.columns.contains_key(*k)) {
        out.push(format!("column {}.{}: only on PostgreSQL", key.0, key.1));
    }
    let show = |i: &Index| {
        format!("{}({}){}{}", i.0, i.1.join(", "), if i.2 { " unique" } else { "" }, if i.3 { " partial" } else { "" })
    };
    for (name, i) in &lite.indexes {
        match pg.indexes.get(name) {
            None => out.push(format!("index {name}: only on SQLite, {}", show(i))),
            Some(p) if p != i => out.push(format!("index {name}: SQLite {}, PostgreSQL {}", show(i), show(p))),
            Some(_) => {}
        }
    }
    for (name, p) in pg.indexes.iter().filter(|(n, _)| !lite.indexes.contains_key(*n)) {
        out.push(format!("index {name}: only on PostgreSQL, {}", show(p)));
    }
    for (t, cols) in lite.unique.difference(&pg.unique) {
        out.push(format!("unique {t}({}): only on SQLite", cols.join(", ")));
    }
    for (t, cols) in pg.unique.difference(&lite.unique) {
        out.push(format!("unique {t}({}): only on PostgreSQL", cols.join(", ")));
    }
    out
}

#[test]
fn types_map_between_the_engines() {
    for (lite, pg) in [("INTEGER", "bigint"), ("INTEGER", "integer"), ("TEXT", "text"), ("REAL", "double precision")] {
        assert_eq!(column_type(lite), column_type(pg));
    }
    assert_eq!(column_type("BLOB"), column_type("bytea"));
    assert_ne!(column_type("TEXT"), column_type("bytea"));
    assert!(column_type("NUMERIC").starts_with("other:"));
}

#[tokio::test]
async fn types_nullability_keys_and_indexes_agree() {
    let Some(url) = daihoi_test_support::postgres_url() else {
        eprintln!("note: PostgreSQL test skipped (DAIHOI_TEST_POSTGRES_URL is not set)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let lite_url = format!("sqlite:{}", dir.path().join("schema.sqlite").display());
    let db = daihoi_store::Db::connect(&lite_url).await.unwrap();
    db.migrate().await.unwrap();
    db.close().await;
    let lite = sqlite_schema(&lite_url).await;

    let schema = format!("daihoi_parity_{}", std::process::id());
    let db = daihoi_store::Db::connect_in_schema(&url, Some(&schema)).await.unwrap();
    db.migrate().await.unwrap();
    let pg = postgres_schema(&url, &schema).await;
    db.drop_schema(&schema).await.unwrap();
    db.close().await;

    assert!(lite.columns.len() > 30 && lite.indexes.len() > 10, "{lite:?}");
    let found = differences(&lite, &pg);
    println!(
        "compared {} columns ({} in primary keys, {} NOT NULL), {} indexes, {} unique constraints",
        lite.columns.len(),
        lite.columns.values().filter(|c| c.2 > 0).count(),
        lite.columns.values().filter(|c| c.1).count(),
        lite.indexes.len(),
        lite.unique.len()
    );
    if std::env::var_os("DAIHOI_LIST_SCHEMA").is_some() {
        println!("{lite:#?}\n{pg:#?}");
    }
    let unexpected: Vec<&String> =
        found.iter().filter(|d| !DELIBERATE.iter().any(|(what, _)| what == &d.as_str())).collect();
    let stale: Vec<&str> =
        DELIBERATE.iter().map(|(what, _)| *what).filter(|what| !found.iter().any(|d| d == what)).collect();
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "the migrations differ:\n{}\nlisted as deliberate but not found:\n{}",
        unexpected.iter().map(|d| d.as_str()).collect::<Vec<_>>().join("\n"),
        stale.join("\n")
    );
}

async fn migrating_twice_is_harmless(db: daihoi_store::Db) {
    db.migrate().await.unwrap();
    db.migrate().await.unwrap();
}
daihoi_test_support::engines!(migrating_twice_is_harmless);
