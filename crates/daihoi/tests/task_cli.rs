//! `daihoi task import|export` as a clerk uses them (T-7): the demo's tasks
//! exported and imported back unchanged, a bad file located to its cell,
//! a dry run, a second import that changes nothing. SQLite only here; the
//! store's tests cover both engines.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use daihoi_sheets::{Cell, SheetOut};

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    /// A fresh folder with the demo database (its tasks included).
    fn with_demo() -> Workspace {
        let w = Workspace { dir: tempfile::tempdir().unwrap() };
        let out = w.run(&["demo", "--members", "300"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        w
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        let db = format!("sqlite:{}", self.path("daihoi.sqlite").display());
        Command::new(env!("CARGO_BIN_EXE_daihoi"))
            .args(["--database", &db])
            .args(args)
            .env("DAIHOI_LOG", "warn")
            .output()
            .unwrap()
    }

    fn run_ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "daihoi {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// The province's tasks, as the rows of an exported file.
    fn exported(&self, name: &str) -> Vec<Vec<String>> {
        let file = self.path(name);
        self.run_ok(&["task", "export", "--org", "QN", file.to_str().unwrap()]);
        daihoi_sheets::read_path(&file).unwrap().sheets.into_iter().next().unwrap().rows
    }
}

fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    let header: Vec<&str> = rows[0].iter().map(String::as_str).collect();
    let body = rows[1..].iter().map(|r| r.iter().map(|c| Cell::Text(c.clone())).collect::<Vec<_>>());
    daihoi_sheets::write_xlsx(path, &SheetOut { name: "Nhiệm vụ", header: &header, column_widths: &[] }, body).unwrap();
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// T-7: export then import changes nothing, from .xlsx and from .csv.
#[test]
fn t7_exported_tasks_import_back_unchanged() {
    let w = Workspace::with_demo();
    let rows = w.exported("tasks.xlsx");
    assert_eq!(rows[0][..3], ["Mã nhiệm vụ", "Số văn bản", "Ngày văn bản"]);
    let n = rows.len() - 1;
    assert!(n >= 5, "{rows:?}");
    assert!(rows.iter().any(|r| r[1] == "23-NQ/TU"), "{rows:?}");
    let file = w.path("tasks.xlsx");
    let out = w.run_ok(&["task", "import", file.to_str().unwrap()]);
    assert!(out.contains(&format!("{n} tasks: 0 new, 0 updated, {n} unchanged")), "{out}");
    let csv = w.path("tasks.csv");
    w.run_ok(&["task", "export", "--org", "QN", csv.to_str().unwrap()]);
    let out = w.run_ok(&["task", "import", csv.to_str().unwrap()]);
    assert!(out.contains(&format!("{n} unchanged")), "{out}");
    assert_eq!(w.exported("again.xlsx"), rows, "the second export is the first");
}

/// T-7: a bad cell, or a row the database refuses, is named by file, sheet,
/// row, column and value, and nothing is imported; a dry run writes
/// nothing; the same file twice creates once.
#[test]
fn t7_a_bad_task_file_is_located_and_nothing_is_written() {
    let w = Workspace::with_demo();
    let rows = w.exported("tasks.xlsx");
    let mut new = rows[1].clone();
    new[0] = "MOI-1".into();
    new[4] = "Tổ chức hội nghị sơ kết".into();
    new[6] = String::new();

    let mut bad = vec![rows[0].clone(), new.clone()];
    bad[1][8] = "31/02/2026".into();
    let file = w.path("bad.xlsx");
    write_xlsx(&file, &bad);
    let out = w.run(&["task", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "bad.xlsx, sheet \"Nhiệm vụ\", row 2, column I (Hạn hoàn thành (deadline)) \"31/02/2026\": not a date"
        ),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");

    let mut refused = vec![rows[0].clone(), new.clone(), new.clone()];
    refused[2][0] = "MOI-2".into();
    refused[2][5] = "QN.XX".into();
    write_xlsx(&file, &refused);
    let out = w.run(&["task", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "bad.xlsx, sheet \"Nhiệm vụ\", row 3, column F (Đơn vị thực hiện (assignee)) \"QN.XX\": no organization has the code QN.XX"
        ),
        "{err}"
    );
    assert!(err.contains("1 rows refused (1 problems); nothing was imported"), "{err}");

    let good = w.path("good.xlsx");
    write_xlsx(&good, &[rows[0].clone(), new]);
    let out = w.run_ok(&["task", "import", "--dry-run", good.to_str().unwrap()]);
    assert!(out.contains("1 tasks: 1 new, 0 updated, 0 unchanged (dry run: nothing written)"), "{out}");
    let out = w.run_ok(&["task", "import", good.to_str().unwrap()]);
    assert!(out.contains("1 new, 0 updated, 0 unchanged"), "{out}");
    let out = w.run_ok(&["task", "import", good.to_str().unwrap()]);
    assert!(out.contains("0 new, 0 updated, 1 unchanged"), "{out}");
    assert_eq!(w.exported("after.xlsx").len(), rows.len() + 1);
}
