//! The `daihoi` binary as a clerk uses it: demo data, export, edit, import,
//! bad files. SQLite only here; the store's own tests cover both engines.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use daihoi_sheets::{Cell, SheetOut};

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    /// A fresh folder with a database holding a small generated province.
    fn with_demo(members: usize) -> Workspace {
        let w = Workspace { dir: tempfile::tempdir().unwrap() };
        let out = w.run(&["demo", "--members", &members.to_string()]);
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

    /// Every member, as the rows of an exported .xlsx.
    fn exported(&self) -> Vec<Vec<String>> {
        let file = self.path("export.xlsx");
        self.run_ok(&["export", "members", "-o", file.to_str().unwrap()]);
        let wb = daihoi_sheets::read_path(&file).unwrap();
        wb.sheets.into_iter().next().unwrap().rows
    }
}

fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    let header: Vec<&str> = rows[0].iter().map(String::as_str).collect();
    let body = rows[1..].iter().map(|r| r.iter().map(|c| Cell::Text(c.clone())).collect::<Vec<_>>());
    daihoi_sheets::write_xlsx(path, &SheetOut { name: "Đảng viên", header: &header, column_widths: &[] }, body)
        .unwrap();
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn export_then_import_changes_nothing() {
    let w = Workspace::with_demo(300);
    let rows = w.exported();
    assert_eq!(rows.len(), 301, "header and 300 members");
    let file = w.path("export.xlsx");
    let out = w.run_ok(&["import", "members", file.to_str().unwrap()]);
    assert!(
        out.contains("0 new, 0 updated, 0 moved to another cell, 0 with changed conditions, 300 unchanged"),
        "{out}"
    );
    // The CSV export opens in Excel with its diacritics: UTF-8 with a BOM.
    let csv = w.path("export.csv");
    w.run_ok(&["export", "members", "-o", csv.to_str().unwrap()]);
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFS\xE1\xBB\x91 th\xE1\xBA\xBB"), "starts with BOM + \"Số thẻ\"");
    let out = w.run_ok(&["import", "members", csv.to_str().unwrap()]);
    assert!(out.contains("300 unchanged"), "{out}");
}

#[test]
fn a_bad_row_is_located_and_nothing_is_written() {
    let w = Workspace::with_demo(200);
    let mut rows = w.exported();
    let before = rows.clone();
    // Row 3 of the sheet: a corrected name (valid). Row 5: a bad gender.
    // Row 8: an unknown cell. The whole file must be refused.
    rows[2][1] = "Nguyễn Văn Sửa".into();
    rows[4][2] = "Khác".into();
    rows[7][5] = "QN.KHONG.CO".into();
    let file = w.path("sua.xlsx");
    write_xlsx(&file, &rows);
    let out = w.run(&["import", "members", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            r#"sua.xlsx, sheet "Đảng viên", row 5, column C (Giới tính (gender)): "Khác": expected Nam or Nữ"#
        ),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    // The gender fixed, the unknown cell is refused by the store, by row and column.
    rows[4][2] = before[4][2].clone();
    write_xlsx(&file, &rows);
    let out = w.run(&["import", "members", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(r#"sua.xlsx, sheet "Đảng viên", row 8, column F (Mã chi bộ (organization)): "QN.KHONG.CO": no organization has the code QN.KHONG.CO"#),
        "{err}"
    );
    assert_eq!(w.exported(), before, "nothing changed");
    // All fixed: one update.
    rows[7][5] = before[7][5].clone();
    write_xlsx(&file, &rows);
    let out = w.run_ok(&["import", "members", file.to_str().unwrap()]);
    assert!(out.contains("0 new, 1 updated"), "{out}");
}

#[test]
fn duplicate_cards_and_future_dates_are_refused() {
    let w = Workspace::with_demo(100);
    let mut rows = w.exported();
    let dup = rows[3].clone();
    rows.push(dup);
    let file = w.path("dup.xlsx");
    write_xlsx(&file, &rows);
    let out = w.run(&["import", "members", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("row 102, column A") && err.contains("is also on row 4"), "{err}");

    let mut rows = w.exported();
    rows[2][3] = "01/01/2099".into();
    write_xlsx(&file, &rows);
    let err = stderr(&w.run(&["import", "members", file.to_str().unwrap()]));
    assert!(
        err.contains("row 3, column D (Ngày sinh (birth_date)): \"01/01/2099\": the date is in the future"),
        "{err}"
    );
}

#[test]
fn a_tcvn3_file_is_detected_and_converted() {
    let w = Workspace::with_demo(50);
    let mut rows = w.exported();
    let card = rows[1][0].clone();
    rows[1][1] = daihoi_sheets::from_unicode("Đặng Thị Hương", daihoi_sheets::LegacyEncoding::Tcvn3);
    for r in rows.iter_mut().skip(2) {
        r[1] = daihoi_sheets::from_unicode(&r[1], daihoi_sheets::LegacyEncoding::Tcvn3);
    }
    let file = w.path("tcvn3.xlsx");
    write_xlsx(&file, &rows);
    let out = w.run(&["import", "members", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("TCVN3") && err.contains("--convert-legacy") && err.contains("row 2, column B"), "{err}");
    let out = w.run_ok(&["import", "members", "--convert-legacy", file.to_str().unwrap()]);
    assert!(out.contains("1 updated"), "{out}");
    let after = w.exported();
    assert!(after.iter().any(|r| r[0] == card && r[1] == "Đặng Thị Hương"), "converted name stored");
}

#[test]
fn template_has_the_documented_columns() {
    let w = Workspace { dir: tempfile::tempdir().unwrap() };
    let file = w.path("mau.xlsx");
    w.run_ok(&["export", "members", "--template", "-o", file.to_str().unwrap()]);
    let wb = daihoi_sheets::read_path(&file).unwrap();
    let header = &wb.sheets[0].rows[0];
    assert_eq!(header[0], "Số thẻ đảng viên");
    assert_eq!(header.len(), 11);
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/member-import.md")).unwrap();
    for h in header {
        assert!(doc.contains(&format!("| {h} |")), "docs/member-import.md documents {h}");
    }
    // Importing the empty template into an empty database is fine.
    let out = w.run_ok(&["import", "members", file.to_str().unwrap()]);
    assert!(out.contains("0 rows"), "{out}");
}

#[test]
fn base_count_and_tree() {
    let w = Workspace::with_demo(300);
    let out = w.run_ok(&["base", "QN", "--date", "28/11/2026"]);
    assert!(out.contains("Đảng bộ tỉnh Quảng Ninh") && out.contains("R-BASE-1"), "{out}");
    let now = w.run_ok(&["tree", "--depth", "1", "--date", "28/11/2026"]);
    let then = w.run_ok(&["tree", "--depth", "1", "--date", "01/03/2025"]);
    assert!(
        then.contains("Đảng bộ huyện") && !now.contains("Đảng bộ huyện"),
        "districts until 2025 only:\n{then}\n{now}"
    );
    let out = w.run(&["base", "QN.NOPE"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_clerk_builds_and_changes_the_tree() {
    let w = Workspace { dir: tempfile::tempdir().unwrap() };
    // The tree from a file, children before parents on purpose.
    let file = w.path("to-chuc.xlsx");
    let rows: Vec<Vec<String>> = [
        ["Mã", "Tên", "Loại", "Mã cấp trên", "Từ ngày"],
        ["QN.DH.QT.CB01", "Chi bộ thôn Đồng Tâm", "cell", "QN.DH.QT", "01/01/2020"],
        ["QN.DH.QT", "Đảng bộ xã Quảng Tân", "commune", "QN.DH", "01/01/2020"],
        ["QN.DH", "Đảng bộ huyện Đầm Hà", "district", "QN", "01/01/2020"],
        ["QN", "Đảng bộ tỉnh Quảng Ninh", "province", "", "01/01/2020"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| (*s).to_owned()).collect())
    .collect();
    write_xlsx(&file, &rows);
    let out = w.run_ok(&["import", "orgs", file.to_str().unwrap()]);
    assert!(out.contains("4 organizations created, 0 already there"), "{out}");
    let out = w.run_ok(&["import", "orgs", file.to_str().unwrap()]);
    assert!(out.contains("0 organizations created, 4 already there"), "{out}");

    // A file that renames silently is refused: renames keep history.
    let mut renamed = rows.clone();
    renamed[2][1] = "Đảng bộ xã Quảng Tân mới".into();
    write_xlsx(&file, &renamed);
    let out = w.run(&["import", "orgs", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("row 3: organization QN.DH.QT already exists with another name"), "{}", stderr(&out));

    // The 2025 reform by hand.
    w.run_ok(&[
        "org",
        "create",
        "QN.DH.QT.CB02",
        "--name",
        "Chi bộ thôn Tân Hợp",
        "--kind",
        "cell",
        "--parent",
        "QN.DH.QT",
        "--from",
        "01/01/2020",
    ]);
    w.run_ok(&["org", "move", "QN.DH.QT", "--to", "QN", "--date", "01/07/2025"]);
    w.run_ok(&["org", "merge", "QN.DH.QT.CB02", "--into", "QN.DH.QT.CB01", "--date", "01/07/2025"]);
    w.run_ok(&["org", "dissolve", "QN.DH", "--date", "01/07/2025"]);
    w.run_ok(&["org", "rename", "QN.DH.QT", "--name", "Đảng bộ xã Quảng Tân (mới)", "--date", "01/07/2025"]);
    let then = w.run_ok(&["tree", "--depth", "9", "--date", "01/03/2025"]);
    let now = w.run_ok(&["tree", "--depth", "9", "--date", "28/11/2026"]);
    assert_eq!(
        then,
        "Đảng bộ tỉnh Quảng Ninh [QN] Đảng bộ tỉnh\n  Đảng bộ huyện Đầm Hà [QN.DH] Đảng bộ huyện\n    Đảng bộ xã Quảng Tân [QN.DH.QT] Đảng bộ xã, phường\n      Chi bộ thôn Đồng Tâm [QN.DH.QT.CB01] Chi bộ\n      Chi bộ thôn Tân Hợp [QN.DH.QT.CB02] Chi bộ\n"
    );
    assert_eq!(
        now,
        "Đảng bộ tỉnh Quảng Ninh [QN] Đảng bộ tỉnh\n  Đảng bộ xã Quảng Tân (mới) [QN.DH.QT] Đảng bộ xã, phường\n    Chi bộ thôn Đồng Tâm [QN.DH.QT.CB01] Chi bộ\n"
    );
    // Refusals are input errors, status 2, with the reason.
    let out = w.run(&["org", "move", "QN", "--to", "QN.DH.QT.CB01", "--date", "01/08/2025"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot sit under"), "{}", stderr(&out));
}

/// The command line applies the store's rules like the web (issue 12):
/// O-CODE-1, TEXT-1 and O-DATE-1 for `org create|rename|move|merge|dissolve`
/// and `import orgs`, whose problems are all listed, by row and column.
#[test]
fn the_tree_rules_hold_on_the_command_line() {
    let w = Workspace::with_demo(50);
    let create = |code: &str, name: &str, parent: &str, from: &str| {
        w.run(&["org", "create", code, "--name", name, "--kind", "cell", "--parent", parent, "--from", from])
    };
    for (code, name, from, rule) in [
        ("QN.BL.BL.CB99", "Chi bộ", "01/01/2026", "O-CODE-1"),
        ("ZZ9", "Chi bộ", "01/01/2026", "O-CODE-1"),
        ("QN.DH.QT.CB99", "Chi bộ\u{7}", "01/01/2026", "TEXT-1"),
        ("QN.DH.QT.CB99", &"x".repeat(201), "01/01/2026", "TEXT-1"),
        ("QN.DH.QT.CB99", "Chi bộ", "31/12/9999", "O-DATE-1"),
        ("QN.DH.QT.CB99", "Chi bộ", "01/01/1900", "O-DATE-1"),
    ] {
        let out = create(code, name, "QN.DH.QT", from);
        assert_eq!(out.status.code(), Some(2), "{code} {from}");
        assert!(stderr(&out).contains(rule), "{code} {from}: {}", stderr(&out));
    }
    for args in [
        ["org", "rename", "QN.DH.QT", "--name", "Xã", "--date", "31/12/9999"],
        ["org", "move", "QN.DH.QT", "--to", "QN", "--date", "31/12/9999"],
        ["org", "merge", "QN.DH.QT", "--into", "QN", "--date", "31/12/9999"],
        ["org", "dissolve", "QN.DH.QT", "--date", "31/12/9999", "", ""],
    ] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let out = w.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("O-DATE-1"), "{args:?}: {}", stderr(&out));
    }
    // The operator creates a top-level organization; its code is one segment.
    w.run_ok(&[
        "org",
        "create",
        "HN",
        "--name",
        "Đảng bộ thành phố Hà Nội",
        "--kind",
        "province",
        "--from",
        "01/01/2026",
    ]);
    let out = w.run(&["org", "create", "HN.X", "--name", "Tỉnh", "--kind", "province", "--from", "01/01/2026"]);
    assert!(stderr(&out).contains("O-CODE-1"), "{}", stderr(&out));
    assert!(create("QN.DH.QT.CB99", " Chi bộ thôn mới ", "QN.DH.QT", "01/01/2026").status.success());

    // A file: every problem is listed, and nothing is imported.
    let file = w.path("to-chuc.xlsx");
    let rows: Vec<Vec<String>> = [
        ["Mã", "Tên", "Loại", "Mã cấp trên", "Từ ngày"],
        ["QN.DH.QT.CB98", "Chi bộ thôn Đông", "cell", "QN.DH.QT", "01/01/2026"],
        ["HN.CB01", "Chi bộ\0lạ", "cell", "QN.DH.QT", "01/01/2026"],
        ["QN.DH.QT.CB97", "Chi bộ thôn Tây", "cell", "QN.DH.QT", "31/12/9999"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| (*s).to_owned()).collect())
    .collect();
    write_xlsx(&file, &rows);
    let out = w.run(&["import", "orgs", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for expected in [
        "row 3, column A (code): O-CODE-1",
        "row 3, column B (name): TEXT-1",
        "row 4, column E (from): O-DATE-1",
        "3 problems; nothing was imported",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    let tree = w.run_ok(&["tree", "--org", "QN.DH.QT"]);
    assert!(!tree.contains("CB98") && tree.contains("Chi bộ thôn mới [QN.DH.QT.CB99]"), "{tree}");
}

/// `daihoi user token LOGIN NAME` prints a new token (only the secret on
/// standard output) and writes the audit log.
#[test]
fn an_operator_makes_an_api_token() {
    let w = Workspace::with_demo(50);
    let out = w.run_with_password("một mật khẩu dài", &["user", "create", "may.doc", "--name", "Máy đọc"]);
    assert!(out.status.success(), "{}", stderr(&out));
    w.run_ok(&["user", "grant", "may.doc", "office", "QN.DH.QT"]);
    let out = w.run(&["user", "token", "may.doc", "báo cáo tuần"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let secret = String::from_utf8(out.stdout).unwrap();
    let secret = secret.trim_end();
    assert!(secret.starts_with("dh_") && !secret.contains(' '), "{secret}");
    let login = w.with_db(async |db| db.user_by_api_token(secret).await.unwrap().map(|u| u.login));
    assert_eq!(login.as_deref(), Some("may.doc"));
    let log = w.run_ok(&["audit", "list", "--limit", "1"]);
    assert!(log.contains("api_token_create") && log.contains("báo cáo tuần"), "{log}");
    assert!(!log.contains(secret), "the secret is not in the log");
    for (args, message) in [
        (["user", "token", "nobody", "x"], "no user nobody"),
        (["user", "token", "may.doc", "bad\u{1b}name"], "token needs a name"),
    ] {
        let out = w.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
}

fn tally(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_daihoi")).arg("tally").args(args).output().unwrap()
}

fn fixture(name: &str) -> String {
    format!("{}/tests/tally/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// W8 through the command: A–G elected, {H, I} tied for 1 seat (R-RANK-2).
#[test]
fn tally_w8_json_and_text() {
    let out = tally(&[&fixture("w8.toml"), &fixture("w8.csv"), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["form"], "crossing_out");
    assert_eq!((v["base"].as_u64(), v["needed"].as_u64()), (Some(20), Some(11)));
    // The last two ballots of the fixture strike every name (R-VALID-4).
    assert_eq!((v["ballots"]["valid"].as_u64(), v["ballots"]["invalid"].as_u64()), (Some(18), Some(2)));
    assert_eq!(v["ballots"]["invalid_by_reason"]["all_struck"], 2);
    assert_eq!(v["ballots"]["invalid_by_reason"]["over_seats"], 0);
    assert_eq!(v["elected"], serde_json::json!(["A", "B", "C", "D", "E", "F", "G"]));
    assert_eq!(
        v["decisions_needed"],
        serde_json::json!([{ "kind": "tie_at_cutoff", "seats": 1, "candidates": ["H", "I"] }])
    );
    assert_eq!(v["candidates"][0]["percent_of_base"], "90.00");
    let out = tally(&[&fixture("w8.toml"), &fixture("w8.csv")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Trúng cử: A, B, C, D, E, F, G"), "{text}");
    assert!(text.contains("bằng phiếu ở vị trí cuối (1 chỗ) giữa H, I"), "{text}");
}

#[test]
fn tally_bad_input_names_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("b.csv");
    let good = std::fs::read_to_string(fixture("w8.csv")).unwrap();
    std::fs::write(&csv, good.replacen("\n1,,", "\n1,y,", 1)).unwrap();
    let out = tally(&[&fixture("w8.toml"), csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("b.csv, line 2, column 2 (B): \"y\""), "{}", stderr(&out));
    // R-BASE-4: a delegate-congress subtraction at a member congress.
    let toml = dir.path().join("e.toml");
    let text = std::fs::read_to_string(fixture("w8.toml")).unwrap() + "absent_not_replaced = 1\n";
    std::fs::write(&toml, text).unwrap();
    let out = tally(&[toml.to_str().unwrap(), &fixture("w8.csv")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("R-BASE-4"), "{}", stderr(&out));
    // More ballots returned than issued.
    let toml2 = dir.path().join("f.toml");
    std::fs::write(
        &toml2,
        std::fs::read_to_string(fixture("w8.toml")).unwrap().replace("ballots_issued = 20", "ballots_issued = 19"),
    )
    .unwrap();
    let out = tally(&[toml2.to_str().unwrap(), &fixture("w8.csv")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("20 ballots returned but only 19 issued"), "{}", stderr(&out));
}

/// Issue 14, item 6: `--lang vi` gives the refusals in Vietnamese, with the
/// same file, line and column; without it they stay in English.
#[test]
fn tally_lang_vi_refuses_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("b.csv");
    let good = std::fs::read_to_string(fixture("w8.csv")).unwrap();
    std::fs::write(&csv, good.replacen("\n1,,", "\n1,y,", 1)).unwrap();
    let err = tally_refused(&[&fixture("w8.toml"), csv.to_str().unwrap(), "--lang", "vi"]);
    assert!(
        err.contains("b.csv, dòng 2, cột 2 (B): \"y\": trên phiếu gạch tên, mỗi tên để trống (giữ) hoặc ghi x (gạch)"),
        "{err}"
    );
    let empty = write_in(&dir, "empty.csv", "");
    let err = tally_refused(&[&fixture("w8.toml"), &empty, "--lang", "vi"]);
    assert!(err.contains("empty.csv: tệp trống") || err.contains("empty.csv, dòng 1"), "{err}");
    let err = tally_refused(&[&fixture("w8.toml"), csv.to_str().unwrap(), "--lang", "en"]);
    assert!(err.contains("b.csv, line 2, column 2 (B): \"y\": on a crossing-out ballot"), "{err}");
}

/// A CSV with quotes (read by the csv crate) and one without (split
/// directly), with CRLF line ends, a BOM and blank lines, give the same count.
#[test]
fn tally_quoted_and_plain_csv_agree() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read_to_string(fixture("w8.csv")).unwrap();
    let quoted: String = plain
        .lines()
        .map(|l| l.split(',').map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(","))
        .collect::<Vec<_>>()
        .join("\n");
    let crlf = format!("\u{feff}{}\r\n\r\n", plain.replace('\n', "\r\n"));
    let mut outputs = Vec::new();
    for (name, text) in [("plain.csv", plain.clone()), ("quoted.csv", quoted), ("crlf.csv", crlf)] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = tally(&[&fixture("w8.toml"), path.to_str().unwrap(), "--json"]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        outputs.push(out.stdout);
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
    // The same error is located the same way on both paths.
    for (name, text) in
        [("bad.csv", plain.replacen("\n3,,", "\n3,?,", 1)), ("badq.csv", plain.replacen("\n3,,", "\n\"3\",\"?\",", 1))]
    {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = tally(&[&fixture("w8.toml"), path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(&format!("{name}, line 4, column 2 (B): \"?\"")), "{}", stderr(&out));
    }
}

/// The text a person reads, in the three languages, locked by snapshots.
#[test]
fn tally_text_snapshots() {
    for lang in ["vi", "en", "fr"] {
        let out = tally(&[&fixture("w8.toml"), &fixture("w8.csv"), "--lang", lang]);
        assert!(out.status.success(), "{}", stderr(&out));
        insta::assert_snapshot!(format!("tally_w8_{lang}"), String::from_utf8(out.stdout).unwrap());
    }
}

/// W8 continued: a withdrawal decided by the congress (R-LIST-7), the tie
/// answered by a recorded decision that opens round 2 (R-RANK-2), a board
/// ruling in round 2 (R-VALID-8); the minutes' data is locked by a snapshot.
#[test]
fn tally_rounds_decisions_rulings_and_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let rounds = fixture("w8_rounds.toml");
    let minutes = dir.path().join("minutes.json");
    let out = tally(&[
        &rounds,
        &fixture("w8.csv"),
        &fixture("w8_round2.csv"),
        "--json",
        "--minutes-json",
        minutes.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["elected"], serde_json::json!(["A", "B", "C", "D", "E", "F", "G", "H"]));
    assert_eq!(v["decisions_needed"], serde_json::json!([]));
    assert_eq!(v["withdrawn"], serde_json::json!(["K"]));
    assert_eq!(v["rounds"].as_array().unwrap().len(), 2);
    let r2 = &v["rounds"][1];
    assert_eq!(r2["opened_by"]["action"], "further_round");
    // Ballot 20 is marked but the board ruled it valid: 13 for H, 7 for I.
    assert_eq!((r2["ballots"]["valid"].as_u64(), r2["ballots"]["invalid"].as_u64()), (Some(20), Some(0)));
    assert_eq!((r2["candidates"][0]["votes"].as_u64(), r2["candidates"][1]["votes"].as_u64()), (Some(13), Some(7)));
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&minutes).unwrap()).unwrap();
    insta::assert_json_snapshot!("minutes_w8_two_rounds", data);
    let out = tally(&[&rounds, &fixture("w8.csv"), &fixture("w8_round2.csv")]);
    insta::assert_snapshot!("tally_w8_two_rounds_vi", String::from_utf8(out.stdout).unwrap());

    // Only round 1 counted: round 2 waits for its ballots, and `daihoi ballots`
    // prints that round's list. (The board's ruling on round 2 is recorded
    // once round 2 is counted: before, it would be refused, never dropped.)
    let text = std::fs::read_to_string(&rounds).unwrap();
    let (before, after) = text.split_once("[[rulings]]").unwrap();
    let before_round_2 = dir.path().join("before_round_2.toml");
    std::fs::write(&before_round_2, format!("{before}[[decisions]]{}", after.split_once("[[decisions]]").unwrap().1))
        .unwrap();
    let before_round_2 = before_round_2.to_str().unwrap();
    let out = tally(&[before_round_2, &fixture("w8.csv"), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["awaiting_round"]["candidates"], serde_json::json!(["H", "I"]));
    assert_eq!(v["elected"], serde_json::json!(["A", "B", "C", "D", "E", "F", "G"]));
    let sheet = dir.path().join("ballots.json");
    let pdf = dir.path().join("r2.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .args(["ballots", before_round_2, &fixture("w8.csv"), "--per-page", "4"])
        .args(["--pdf", pdf.to_str().unwrap(), "--data-json", sheet.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sheet).unwrap()).unwrap();
    insta::assert_json_snapshot!("ballots_w8_round2", data);

    // Refusals name the place: ballots for a round nobody opened, a decision
    // that does not fit the decision point, a withdrawal nobody decided.
    let out = tally(&[&rounds, &fixture("w8.csv"), &fixture("w8_round2.csv"), &fixture("w8_round2.csv")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no round waits for these ballots"), "{}", stderr(&out));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, text.replace("candidates = [\"H\", \"I\"]", "candidates = [\"H\", \"J\"]")).unwrap();
    let out = tally(&[bad.to_str().unwrap(), &fixture("w8.csv"), &fixture("w8_round2.csv")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[[decisions]] number 1: the decision on round 1 is refused: J is not among the tied"),
        "{}",
        stderr(&out)
    );
    std::fs::write(&bad, text.replace("decided_by = \"Đại hội (biểu quyết giơ tay)\"", "decided_by = \"\"")).unwrap();
    let out = tally(&[bad.to_str().unwrap(), &fixture("w8.csv")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("R-LIST-7"), "{}", stderr(&out));
}

/// The minutes as a PDF through the command; rendered to PNG when poppler's
/// pdftoppm is installed (CI installs it).
#[test]
fn tally_writes_the_minutes_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("minutes.pdf");
    let docx = dir.path().join("minutes.docx");
    let out = tally(&[
        &fixture("w8_rounds.toml"),
        &fixture("w8.csv"),
        &fixture("w8_round2.csv"),
        "--pdf",
        pdf.to_str().unwrap(),
        "--docx",
        docx.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // The Word twin (its text is compared with the PDF's in daihoi-print's tests).
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"), "a .docx is a zip");
    let png = dir.path().join("page");
    match Command::new("pdftoppm")
        .args(["-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&png)
        .status()
    {
        Ok(status) => {
            assert!(status.success());
            let size = std::fs::metadata(dir.path().join("page.png")).unwrap().len();
            assert!(size > 2_000, "page 1 rendered to only {size} bytes");
        }
        Err(_) if std::env::var("DAIHOI_TEST_REQUIRE_TOOLS").is_err() => eprintln!("skipped: pdftoppm not installed"),
        Err(e) => panic!("pdftoppm: {e}"),
    }
}

/// Runs `daihoi tally` and returns its message, which must be a refusal (status 2).
fn tally_refused(args: &[&str]) -> String {
    let out = tally(args);
    assert_eq!(out.status.code(), Some(2), "daihoi tally {args:?}: {}", String::from_utf8_lossy(&out.stdout));
    stderr(&out)
}

/// Writes `text` as `name` in `dir`; its path.
fn write_in(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn w8_lines() -> Vec<String> {
    std::fs::read_to_string(fixture("w8.csv")).unwrap().lines().map(String::from).collect()
}

/// Issue 12: a ballot line starting with a stray quote swallowed the next
/// ballots into one cell (exit 0, 18 ballots returned instead of 20). A quote
/// closes on its own line (a ballot's cell never holds a line break): the
/// file is refused at the line and column where the quote opens, also when
/// it is never closed.
#[test]
fn tally_refuses_a_stray_quote_that_swallows_ballots() {
    let dir = tempfile::tempdir().unwrap();
    // Ballot 17 (line 18) opens a quote that the end of ballot 19 (line 20) closes.
    let mut lines = w8_lines();
    lines[17].insert(0, '"');
    lines[19].push('"');
    let swallowing = write_in(&dir, "swallow.csv", &(lines.join("\n") + "\n"));
    let err = tally_refused(&[&fixture("w8.toml"), &swallowing]);
    assert!(
        err.contains("swallow.csv, line 18, column 1 (A): the quote that opens this cell is not closed on its line"),
        "{err}"
    );
    // Never closed: it would swallow every line to the end of the file.
    let mut lines = w8_lines();
    lines[18].insert(0, '"');
    let unclosed = write_in(&dir, "unclosed.csv", &lines.join("\n"));
    let err = tally_refused(&[&fixture("w8.toml"), &unclosed]);
    assert!(err.contains("unclosed.csv, line 19, column 1 (A): the quote that opens this cell is not closed"), "{err}");
}

/// Issue 12: a row with fewer columns than the header (`3,,,,`) was counted
/// as an invalid ballot, and cells beyond the header's were ignored. Every
/// line has exactly the header's columns, plain or quoted; a blank header
/// column at the end is allowed, with nothing under it.
#[test]
fn tally_refuses_a_line_without_the_headers_columns() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read_to_string(fixture("w8.csv")).unwrap();
    assert!(plain.contains("\n3,,,,,,,,,x,x,\n"));
    let fewer = write_in(&dir, "fewer.csv", &plain.replacen("\n3,,,,,,,,,x,x,\n", "\n3,,,,\n", 1));
    let err = tally_refused(&[&fixture("w8.toml"), &fewer]);
    assert!(
        err.contains("fewer.csv, line 4, column 6 (F): this line has 5 columns, fewer than the header's 12"),
        "{err}"
    );
    let more = write_in(&dir, "more.csv", &plain.replacen("\n3,,,,,,,,,x,x,\n", "\n3,,,,,,,,,x,x,,\n", 1));
    let err = tally_refused(&[&fixture("w8.toml"), &more]);
    assert!(
        err.contains("more.csv, line 4, column 13 (M): this line has 13 columns, more than the header's 12"),
        "{err}"
    );
    // The same on a quoted file (every cell quoted, one dropped from line 4).
    let quoted: Vec<String> = plain
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let cells: Vec<String> = l.split(',').map(|c| format!("\"{c}\"")).collect();
            cells[..if i == 3 { cells.len() - 1 } else { cells.len() }].join(",")
        })
        .collect();
    let quoted = write_in(&dir, "quoted.csv", &quoted.join("\n"));
    let err = tally_refused(&[&fixture("w8.toml"), &quoted]);
    assert!(err.contains("quoted.csv, line 4, column 12 (L): this line has 11 columns, fewer"), "{err}");
    // A blank last header column: every line has it, empty.
    let padded: String = plain.lines().map(|l| format!("{l},\n")).collect();
    let ok = tally(&[&fixture("w8.toml"), &write_in(&dir, "padded.csv", &padded), "--json"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let filled = write_in(&dir, "filled.csv", &padded.replacen("\n3,,,,,,,,,x,x,,\n", "\n3,,,,,,,,,x,x,,zz\n", 1));
    let err = tally_refused(&[&fixture("w8.toml"), &filled]);
    assert!(err.contains("filled.csv, line 4, column 13 (M): \"zz\": a value outside the header's columns"), "{err}");
}

/// A quoted cell may hold commas (and `""` for a quote); a quote inside an
/// unquoted cell, text after a closing quote, and a carriage return inside
/// a line (which the old reader trimmed away) are refused where they are.
#[test]
fn tally_quotes_close_their_cell_and_lines_end_with_lf_or_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read_to_string(fixture("w8.csv")).unwrap();
    let with_commas = plain.replacen("\n1,", "\n\"A,1\",", 1).replacen("\n2,", "\n\"B\"\"2\",", 1);
    let out = tally(&[&fixture("w8.toml"), &write_in(&dir, "commas.csv", &with_commas), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ballots"]["returned"], 20);
    for (name, text, place, why) in [
        ("after.csv", plain.replacen("\n1,", "\n\"1\"01,", 1), "line 2, column 1 (A)", "after the closing quote"),
        ("inside.csv", plain.replacen("\n1,", "\n1\"0,", 1), "line 2, column 1 (A)", "a quote inside a cell"),
        ("cr.csv", plain.replacen("\n1,,", "\n1,\r,", 1), "line 2, column 2 (B)", "a carriage return (CR)"),
        (
            "crlf_cr.csv",
            plain.replace('\n', "\r\n").replacen("\r\n1,,", "\r\n1,\r,", 1),
            "line 2, column 2 (B)",
            "a carriage return (CR)",
        ),
    ] {
        let err = tally_refused(&[&fixture("w8.toml"), &write_in(&dir, name, &text)]);
        assert!(err.contains(&format!("{name}, {place}: ")) && err.contains(why), "{name}: {err}");
    }
}

/// The same strictness for .xlsx: a value beyond the header's columns, a
/// cell holding a line break, or ballots on another sheet (which were not
/// counted) are refused by sheet, row and column; a .txt is not read at all.
#[test]
fn tally_xlsx_is_read_as_strictly() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<Vec<String>> = w8_lines().iter().map(|l| l.split(',').map(String::from).collect()).collect();
    let xlsx = dir.path().join("w8.xlsx");
    write_xlsx(&xlsx, &rows);
    let out = tally(&[&fixture("w8.toml"), xlsx.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = tally(&[&fixture("w8.toml"), &fixture("w8.csv"), "--json"]);
    assert_eq!(out.stdout, csv.stdout, "the xlsx counts as the CSV");

    let mut beyond = rows.clone();
    beyond[4].push("zz".into());
    write_xlsx(&xlsx, &beyond);
    let err = tally_refused(&[&fixture("w8.toml"), xlsx.to_str().unwrap()]);
    assert!(
        err.contains("w8.xlsx, sheet \"Đảng viên\", row 5, column M: \"zz\": a value outside the header's columns"),
        "{err}"
    );
    let mut broken = rows.clone();
    broken[3][0] = "3\n33".into();
    write_xlsx(&xlsx, &broken);
    let err = tally_refused(&[&fixture("w8.toml"), xlsx.to_str().unwrap()]);
    assert!(err.contains("row 4, column A: \"3\\n33\": a cell holds a line break"), "{err}");

    // Ballots on a second sheet.
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, part) in [("Tổ 1", &rows[..15]), ("Tổ 2", &[rows[0].clone(), rows[15].clone()][..])] {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (r, row) in part.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    let two = dir.path().join("two.xlsx");
    book.save(&two).unwrap();
    let err = tally_refused(&[&fixture("w8.toml"), two.to_str().unwrap()]);
    assert!(
        err.contains("two.xlsx: sheet \"Tổ 2\" is not empty: the ballots are read from the first sheet only"),
        "{err}"
    );

    // A .txt was read by the spreadsheet reader's lenient CSV.
    let txt = write_in(&dir, "w8.txt", &std::fs::read_to_string(fixture("w8.csv")).unwrap());
    let err = tally_refused(&[&fixture("w8.toml"), &txt]);
    assert!(err.contains("w8.txt: a ballots file is a .csv or an .xlsx (or .xls, .ods)"), "{err}");
}

/// Issue 12: impossible electorates exit 2 naming the rule (convened = 0
/// with 20 ballots elected everyone at 0.00 %): more present than convened
/// (R-BASE-1 at a member congress), ballots returned with a base of 0, more
/// ballots than voters present; an empty or repeated name (R-BALLOT-1).
#[test]
fn tally_refuses_impossible_electorates_and_empty_names() {
    let dir = tempfile::tempdir().unwrap();
    let toml = std::fs::read_to_string(fixture("w8.toml")).unwrap();
    assert!(toml.contains("convened = 20\npresent = 20\n"));
    let w8 = fixture("w8.csv");
    let electorate = |name: &str, convened: u32, present: u32| {
        let text =
            toml.replace("convened = 20\npresent = 20\n", &format!("convened = {convened}\npresent = {present}\n"));
        write_in(&dir, name, &text)
    };
    let err = tally_refused(&[&electorate("zero.toml", 0, 20), &w8]);
    assert!(err.contains("zero.toml: R-BASE-1: 20 present but only 0 convened"), "{err}");
    let err = tally_refused(&[&electorate("nobody.toml", 0, 0), &w8]);
    assert!(
        err.contains("w8.csv: R-BASE-1: the base is 0 (0 convened, less the subtractions) but 20 ballots"),
        "{err}"
    );
    let err = tally_refused(&[&electorate("crowd.toml", 25, 26), &w8]);
    assert!(err.contains("crowd.toml: R-BASE-1: 26 present but only 25 convened"), "{err}");
    let err = tally_refused(&[&electorate("few.toml", 25, 19), &w8]);
    assert!(err.contains("w8.csv: 20 ballots returned but only 19 present to vote"), "{err}");

    // An empty name, with a blank header column to match it (which the old
    // reader took for the candidate), and a name twice.
    let names = "candidates = [\"A\", \"B\", \"C\", \"D\", \"E\", \"F\", \"G\", \"H\", \"I\", \"J\"]";
    assert!(toml.contains(names));
    let empty = write_in(&dir, "empty.toml", &toml.replace(names, &names.replace("\"B\"", "\"\"")));
    let blank_header = std::fs::read_to_string(&w8).unwrap().replacen("ballot,A,B,", "ballot,A,,", 1);
    let err = tally_refused(&[&empty, &write_in(&dir, "blank.csv", &blank_header)]);
    assert!(err.contains("empty.toml: R-BALLOT-1: the name of candidate number 2 is empty"), "{err}");
    let twice = write_in(&dir, "twice.toml", &toml.replace(names, &names.replace("\"B\"", "\"A\"")));
    let err = tally_refused(&[&twice, &w8]);
    assert!(err.contains("twice.toml: R-BALLOT-1: the candidate \"A\" is on the list twice"), "{err}");
}

/// Issue 12: a recorded decision or ruling is never dropped. One on a round
/// that is opened but whose ballots file is not given, or on a round nobody
/// opened, exits 2 naming it, for `daihoi tally` and `daihoi ballots` alike.
#[test]
fn tally_never_drops_a_decision_or_ruling() {
    let dir = tempfile::tempdir().unwrap();
    let rounds = fixture("w8_rounds.toml");
    // The ruling on round 2's ballot 20, without round 2's ballots.
    let err = tally_refused(&[&rounds, &fixture("w8.csv")]);
    assert!(
        err.contains(
            "w8_rounds.toml: [[rulings]] on ballot 20 of round 2: round 2 is not counted, so this cannot be applied"
        ),
        "{err}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .args(["ballots", &rounds, &fixture("w8.csv")])
        .args(["--pdf", dir.path().join("r2.pdf").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("[[rulings]] on ballot 20 of round 2"), "{}", stderr(&out));
    // A decision on round 2, opened but not counted; one on round 0.
    let text = std::fs::read_to_string(&rounds).unwrap();
    let on_round = |round: u32| {
        format!(
            "{text}\n[[decisions]]\nround = {round}\npoint = \"seats_unfilled\"\ndecided_by = \"Đoàn Chủ tịch\"\n\
             at = \"20/6/2025 17:00\"\naction = \"no_further_round\"\n"
        )
    };
    let two = write_in(&dir, "on2.toml", &on_round(2));
    let err = tally_refused(&[&two, &fixture("w8.csv")]);
    assert!(
        err.contains("on2.toml: [[decisions]] number 2: round 2 is not counted, so this cannot be applied"),
        "{err}"
    );
    let zero = write_in(&dir, "on0.toml", &on_round(0));
    let err = tally_refused(&[&zero, &fixture("w8.csv"), &fixture("w8_round2.csv")]);
    assert!(err.contains("on0.toml: [[decisions]] number 2: there is no round 0"), "{err}");
}

/// `at` is required in [[decisions]] and [[withdrawals]]: missing or empty,
/// the message names the decision and says what to write.
#[test]
fn tally_at_is_required_in_decisions_and_withdrawals() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("w8_rounds.toml")).unwrap();
    let decided_at = "at = \"20/6/2025 16:00\"\n";
    assert!(text.contains(decided_at));
    let missing = write_in(&dir, "missing.toml", &text.replace(decided_at, ""));
    let err = tally_refused(&[&missing, &fixture("w8.csv"), &fixture("w8_round2.csv")]);
    assert!(
        err.contains("missing.toml: [[decisions]] number 1: at is missing: it is required, when it was decided"),
        "{err}"
    );
    let empty = write_in(&dir, "empty.toml", &text.replace(decided_at, "at = \" \"\n"));
    let err = tally_refused(&[&empty, &fixture("w8.csv"), &fixture("w8_round2.csv")]);
    assert!(err.contains("empty.toml: [[decisions]] number 1: at is empty: it is required"), "{err}");
    let withdrawn_at = "at = \"20/6/2025 09:30\"\n";
    assert!(text.contains(withdrawn_at));
    let missing = write_in(&dir, "withdrawal.toml", &text.replace(withdrawn_at, ""));
    let err = tally_refused(&[&missing, &fixture("w8.csv"), &fixture("w8_round2.csv")]);
    assert!(err.contains("withdrawal.toml: [[withdrawals]] number 1 (K): at is missing: it is required"), "{err}");
}

// Accounts and the audit log.

impl Workspace {
    /// An empty folder (the database is created by the first command).
    fn empty() -> Workspace {
        Workspace { dir: tempfile::tempdir().unwrap() }
    }

    /// Runs with the password in DAIHOI_PASSWORD.
    fn run_with_password(&self, password: &str, args: &[&str]) -> Output {
        let db = format!("sqlite:{}", self.path("daihoi.sqlite").display());
        Command::new(env!("CARGO_BIN_EXE_daihoi"))
            .args(["--database", &db])
            .args(args)
            .env("DAIHOI_LOG", "warn")
            .env("DAIHOI_PASSWORD", password)
            .output()
            .unwrap()
    }

    /// Opens the database directly and runs `f` on it.
    fn with_db<T>(&self, f: impl AsyncFnOnce(&daihoi_store::Db) -> T) -> T {
        let url = format!("sqlite:{}", self.path("daihoi.sqlite").display());
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
            let db = daihoi_store::Db::connect(&url).await.unwrap();
            let out = f(&db).await;
            db.close().await;
            out
        })
    }
}

#[test]
fn users_are_created_granted_listed_and_audited() {
    let w = Workspace::empty();
    w.run_ok(&[
        "org",
        "create",
        "QN",
        "--name",
        "Đảng bộ tỉnh Quảng Ninh",
        "--kind",
        "province",
        "--from",
        "01/01/2000",
    ]);
    w.run_ok(&[
        "org",
        "create",
        "QN.HL",
        "--name",
        "Đảng bộ phường Hồng Gai",
        "--kind",
        "commune",
        "--parent",
        "QN",
        "--from",
        "01/01/2000",
    ]);
    let out = w.run_with_password("một mật khẩu dài", &["user", "create", "Thu.Ky", "--name", "Thư ký Văn phòng"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("created user thu.ky (Thư ký Văn phòng)"));
    w.run_ok(&["user", "grant", "thu.ky", "office", "QN.HL"]);
    w.run_ok(&["user", "grant", "thu.ky", "inspection", "QN"]);
    let list = w.run_ok(&["user", "list"]);
    let line = list.lines().find(|l| l.starts_with("thu.ky ")).unwrap_or_else(|| panic!("{list}"));
    assert!(line.contains("Thư ký Văn phòng") && line.ends_with("office@QN.HL, inspection@QN"), "{line}");
    w.run_ok(&["user", "revoke", "thu.ky", "inspection", "QN"]);
    assert!(w.run_ok(&["user", "list"]).contains("Thư ký Văn phòng  office@QN.HL\n"));
    let out = w.run_with_password("mật khẩu mới đủ dài", &["user", "password", "thu.ky"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // T-6: a clearance for classified documents and tasks.
    assert!(w.run_ok(&["user", "clear", "thu.ky", "confidential"]).contains("cleared for confidential"));
    let out = w.run(&["user", "clear", "thu.ky", "tuyệt mật"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a classification"), "{}", stderr(&out));
    // Too short, the same login twice: refused with status 2, nothing written.
    let out = w.run_with_password("ngắn", &["user", "password", "thu.ky"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("at least 10 characters"), "{}", stderr(&out));
    let out = w.run_with_password("một mật khẩu dài", &["user", "create", "thu.ky", "--name", "X"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the login thu.ky is taken"), "{}", stderr(&out));

    let (signed_in, entries) = w.with_db(async |db| {
        let signed_in = db.sign_in("thu.ky", "mật khẩu mới đủ dài", "test").await.unwrap();
        let viewer = daihoi_store::Viewer::operator();
        let filter = daihoi_store::audit::AuditFilter { limit: 100, ..Default::default() };
        let (entries, _) = db.scoped(&viewer).audit().audit_entries(&filter).await.unwrap();
        (signed_in, entries)
    });
    assert!(matches!(signed_in, daihoi_store::accounts::SignIn::Accepted(_)), "{signed_in:?}");
    let actions: Vec<(&str, &str, &str)> =
        entries.iter().rev().map(|e| (e.action.as_str(), e.subject.as_str(), e.detail.as_str())).collect();
    assert_eq!(
        actions,
        [
            // `daihoi org create` writes as the operator, audited like any write.
            ("create_org", "QN", "Đảng bộ tỉnh Quảng Ninh"),
            ("create_org", "QN.HL", "Đảng bộ phường Hồng Gai"),
            ("user_create", "thu.ky", "Thư ký Văn phòng"),
            ("grant", "thu.ky", "office@QN.HL"),
            ("grant", "thu.ky", "inspection@QN"),
            ("revoke", "thu.ky", "inspection@QN"),
            ("password_reset", "thu.ky", ""),
            ("clearance", "thu.ky", "confidential"),
        ]
    );
    assert!(entries.iter().all(|e| e.actor.starts_with("cli:") && e.address == "cli"), "{entries:?}");
    let grant = entries.iter().find(|e| e.action == "grant" && e.detail == "office@QN.HL").unwrap();
    assert!(grant.org_path.is_some(), "a grant names the organization's path: {grant:?}");
    assert_eq!(w.run_ok(&["audit", "verify"]), "audit log intact: 8 entries\n");
}

#[test]
fn a_wrong_role_login_or_organization_is_named() {
    let w = Workspace::empty();
    w.run_ok(&[
        "org",
        "create",
        "QN",
        "--name",
        "Đảng bộ tỉnh Quảng Ninh",
        "--kind",
        "province",
        "--from",
        "01/01/2000",
    ]);
    let out = w.run_with_password("một mật khẩu dài", &["user", "create", "an", "--name", "An"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(r#""an" is not a valid login"#), "{}", stderr(&out));
    let out = w.run_with_password("một mật khẩu dài", &["user", "create", "nva", "--name", "An", "--person", "123456"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no member has the card number 123456"), "{}", stderr(&out));
    let out = w.run_with_password("một mật khẩu dài", &["user", "create", "nva", "--name", "Nguyễn Văn An"]);
    assert!(out.status.success(), "{}", stderr(&out));

    for (args, message) in [
        (["user", "grant", "nva", "chairman", "QN"], r#"unknown role "chairman""#),
        (["user", "grant", "nva", "office", "QN.KHONG"], "no organization QN.KHONG on"),
        (["user", "grant", "nobody", "office", "QN"], "no user nobody"),
        (["user", "revoke", "nva", "admin", "QN"], "nva does not hold admin@QN"),
    ] {
        let out = w.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
    assert!(w.run_ok(&["user", "list"]).contains("nva    Nguyễn Văn An\n"));
}

#[test]
fn a_tampered_audit_log_is_reported_at_its_entry() {
    let w = Workspace::empty();
    w.run_ok(&[
        "org",
        "create",
        "QN",
        "--name",
        "Đảng bộ tỉnh Quảng Ninh",
        "--kind",
        "province",
        "--from",
        "01/01/2000",
    ]);
    for login in ["mot.nguoi", "hai.nguoi", "ba.nguoi"] {
        let out = w.run_with_password("một mật khẩu dài", &["user", "create", login, "--name", login]);
        assert!(out.status.success(), "{}", stderr(&out));
        w.run_ok(&["user", "grant", login, "office", "QN"]);
    }
    // The organization's creation is audited too (entry 1).
    assert_eq!(w.run_ok(&["audit", "verify"]), "audit log intact: 7 entries\n");
    assert!(w.run_ok(&["audit", "list", "--limit", "2"]).contains("grant  /"), "entries are listed");
    // Someone with the database file turns a grant into an admin grant.
    w.with_db(async |db| db.tamper_for_test("UPDATE audit_entry SET detail = 'admin@QN' WHERE id = 5").await);
    let out = w.run(&["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "audit log broken at entry 5: its content does not match its hash: it was changed\n"
    );
}

#[test]
fn the_demo_creates_its_accounts() {
    let w = Workspace::with_demo(200);
    let list = w.run_ok(&["user", "list"]);
    for (login, role_at) in [
        ("admin", "admin@QN"),
        ("vanphong", "office@QN"),
        ("vanphong.quangtan", "office@QN.DH.QT"),
        ("kiemtra", "inspection@QN"),
        ("dangvien.an", "member@QN.DH.QT.CB01"),
    ] {
        let line = list.lines().find(|l| l.starts_with(&format!("{login} "))).unwrap_or_else(|| panic!("{list}"));
        assert!(line.ends_with(role_at), "{line}");
    }
    // README.md lists the same accounts.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    for login in ["admin", "vanphong", "vanphong.quangtan", "kiemtra", "dangvien.an"] {
        assert!(readme.contains(&format!("| `{login}` |")), "README.md lists {login}");
    }
    let scenario = daihoi_demo::quang_ninh(200, daihoi_demo::DEMO_SEED);
    let an = scenario.members.iter().find(|m| m.member.name.full() == "Nguyễn Văn An").unwrap();
    assert_eq!(an.organization.as_str(), "QN.DH.QT.CB01");
    let (user, an_id, signed_in) = w.with_db(async |db| {
        let user = db.user_by_login("dangvien.an").await.unwrap().unwrap();
        let an_id = db.person_id_by_card(&an.member.card_number).await.unwrap();
        let signed_in = db.sign_in("vanphong.quangtan", "daihoi-demo", "test").await.unwrap();
        (user, an_id, signed_in)
    });
    assert!(an_id.is_some());
    assert_eq!(user.person_id, an_id, "dangvien.an is Nguyễn Văn An");
    assert!(matches!(signed_in, daihoi_store::accounts::SignIn::Accepted(_)), "{signed_in:?}");
    // Five accounts created, five roles granted, the province's tracking
    // rules chosen by its administrator in the scenario; then the round of
    // congresses opened, each congress planned, and each committee seat
    // recorded (and ended, for those of the first term): one entry each.
    let congress_entries = w.with_db(async |db| {
        let s = db.operator();
        let day = daihoi_demo::AS_OF;
        let round = s.congresses().round("2025-2030").await.unwrap().expect("the demo's round");
        let qn = db.org_by_code(&daihoi_core::OrgCode::parse("QN").unwrap(), day).await.unwrap().unwrap();
        let campaign = s.congresses().campaign(&round, &qn, day).await.unwrap();
        let congresses = campaign.len();
        // C-DEL-5: the higher committee's decisions on a kind; the
        // provincial congress's allocation.
        let kinds = campaign.iter().filter(|l| l.congress.kind_decision.is_some()).count();
        let provincial = campaign.iter().find(|l| l.congress.org.id == qn.id).expect("the 16th congress");
        let allocated = s.congresses().allocation(&round, &provincial.congress).await.unwrap().is_some();
        assert!(allocated, "the 16th congress's allocation");
        let mut seats = 0;
        for code in ["QN", "QN.DH.QT"] {
            let org = db.org_by_code(&daihoi_core::OrgCode::parse(code).unwrap(), day).await.unwrap().unwrap();
            for seat in s.congresses().committee_history(&org).await.unwrap() {
                seats += 1 + usize::from(seat.seat.to.is_some());
            }
        }
        assert!(congresses > 10 && seats > 10, "{congresses} congresses, {seats} seat entries");
        // Quảng Tân's congress: its allocation, each delegate and alternate
        // added (the committee is on the roll ex officio), two sessions,
        // every convened delegate checked in to both but one absent from
        // both (two absences recorded) and one who came to the second only.
        let qt = db.org_by_code(&daihoi_core::OrgCode::parse("QN.DH.QT").unwrap(), day).await.unwrap().unwrap();
        let congress = s.congresses().congress(&round, &qt, day).await.unwrap().unwrap();
        let roll = s.congresses().roll(&round, &congress).await.unwrap().roll;
        let added = roll.lines.iter().filter(|l| !matches!(l.entry.seat, daihoi_congress::Seat::ExOfficio)).count();
        let convened =
            roll.lines.iter().filter(|l| !matches!(l.entry.seat, daihoi_congress::Seat::Alternate { .. })).count();
        assert!(added > 3 && convened > added, "{added} added, {convened} convened");
        let roll_entries = 1 + added + 2 + (2 * convened - 3) + 2;
        // Issue 16: Quảng Tân's committee election: created, ten names,
        // the list adopted, three staff accounts created and assigned, the
        // ballots issued, 35 ballots entered twice, two settled, the count
        // closed; the presidium's decision, the second round's ballots
        // issued, entered twice and closed.
        let election = s.elections().view(&congress, 1).await.unwrap().expect("the demo's election");
        let names = election.candidates.len();
        let elected = election.proceedings.as_ref().map(|p| p.elected().len());
        assert_eq!(elected, Some(names - 1), "every seat filled");
        assert_eq!(election.rounds.len(), 2, "a tie at the cut-off, decided into a second round");
        let ballots = election.rounds[0].issued.as_ref().expect("issued").ballots as usize;
        let round = 1 + 2 * ballots + 1;
        let election_entries = 1 + names + 1 + 3 + 3 + round + 2 + 1 + round;
        // Issue 17: the province's drafts and the Central one: each made, its
        // drafting team, its first version, sent to each commune; Quảng
        // Tân's comments and its synthesis.
        let docs = s.congress_documents();
        let demo_round = s.congresses().round("2025-2030").await.unwrap().expect("the demo's round");
        let drafts = docs.documents(&provincial.congress).await.unwrap();
        assert_eq!(drafts.len(), 4, "the draft political report, resolution and review report, the Central draft");
        assert_eq!(drafts.iter().filter(|d| d.issued_by.is_some()).count(), 1, "the Central draft");
        let mut draft_entries = 1;
        for d in &drafts {
            let sent = docs.coverage(&demo_round, &provincial.congress, d).await.unwrap().recipients.len();
            let comments = docs.comments(&provincial.congress, d).await.unwrap().len();
            assert!(sent > 3, "sent down to the communes");
            draft_entries += 3 + sent + comments;
        }
        // The previous term (C-PLAN-7): its round, the issuer code
        // answered (D-NUM-4), the 15th congress planned, its draft
        // resolution made with a version; the adoption (registered,
        // adopted, a task per item and a target per target); each reading
        // and each task reported done. The 16th congress's review report
        // computes its section from it.
        let previous = &daihoi_demo::drafts::PREVIOUS;
        let old_round = s.congresses().round(previous.round).await.unwrap().expect("the previous round");
        let old = s.congresses().congress(&old_round, &qn, previous.opening).await.unwrap().expect("the 15th congress");
        let resolution = docs.resolution(&old).await.unwrap().expect("its resolution adopted");
        assert_eq!(resolution.document.number_label(), "01-NQ/ĐH");
        assert_eq!(resolution.items.len(), previous.items.len());
        let targets = resolution.items.iter().filter(|i| i.target_id.is_some()).count();
        let readings: usize = previous.items.iter().map(|i| i.readings.len()).sum();
        let done = previous.items.iter().filter(|i| i.done_on.is_some()).count();
        let previous_entries = 5 + 2 + previous.items.len() + targets + readings + done;
        let section = docs.review_section(&provincial.congress, day, day).await.unwrap().expect("the section");
        assert_eq!((section.targets.len(), section.tasks.len()), (targets, previous.items.len() - targets));
        assert!(section.targets.iter().all(|t| t.attainment.is_some()), "every target has a reading");
        1 + congresses + kinds + 1 + seats + roll_entries + election_entries + draft_entries + previous_entries
    });
    // Issue 18: the calendars of 2025 and 2026 confirmed, each case
    // received and each of its steps recorded: one entry each (a case's
    // history holds its receipt and its steps); the reception calendars.
    let petition_entries = w.with_db(async |db| {
        let s = db.operator();
        let today = time::OffsetDateTime::now_utc().date();
        let qn = db.org_by_code(&daihoi_core::OrgCode::parse("QN").unwrap(), today).await.unwrap().unwrap();
        let (cases, total) = s.petitions().cases_in(&qn, false, today, 100, 0).await.unwrap();
        assert!(total > 5, "the demo's cases");
        let mut events = 0;
        for (c, _) in &cases {
            events += s.petitions().case(c.id, today).await.unwrap().events.len();
        }
        // P-9: a calendar written at once for the province and for each
        // commune, and three visits recorded at the province's sessions
        // (the reception cases' visits come with their receipt).
        let communes =
            db.subtree(&qn, today).await.unwrap().iter().filter(|o| o.kind == daihoi_core::OrgKind::Commune).count();
        2 + events + 1 + communes + 3
    });
    assert_eq!(
        w.run_ok(&["audit", "verify"]),
        format!("audit log intact: {} entries\n", 11 + congress_entries + petition_entries)
    );
}

/// D-NUM-1/2: numbers as clerks type them come out canonical; a State
/// number is refused as one (exit 2), and a wrong D/Đ is read with a warning.
#[test]
fn document_numbers_are_read_and_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .args(["document", "parse", "Số: 190-QĐ/TW", "27 - hd/btctw", "06-HD/TU", "5-QD/TU"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(text.contains("\"Số: 190-QĐ/TW\": 190-QĐ/TW"), "{text}");
    assert!(text.contains("27-HD/BTCTW (hướng dẫn; Ban Tổ chức Trung ương)"), "{text}");
    assert!(text.contains("\"5-QD/TU\": 5-QĐ/TU") && text.contains("warning: D-NUM-2"), "{text}");
    let out = Command::new(env!("CARGO_BIN_EXE_daihoi")).args(["document", "parse", "30/2020/NĐ-CP"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a State document number"), "{}", stderr(&out));
}

/// The demo registers the seed's documents; a search without diacritics
/// finds them with their links both ways (D-LINK-1).
#[test]
fn the_demo_register_is_searchable() {
    let w = Workspace::with_demo(50);
    let text = w.run_ok(&["document", "search", "chi thi", "35"]);
    assert!(text.contains("35-CT/TW  14/06/2024"), "{text}");
    assert!(text.contains("guided_by 27-HD/BTCTW (26/08/2024)"), "{text}");
    assert!(text.contains("implemented_by 439-KH/TU"), "{text}");
    assert!(text.contains("replaced_by 45-CT/TW"), "{text}");
}

/// A command leaves the SQLite file whole (its write-ahead log written back),
/// `daihoi backup` copies the database, and `daihoi restore` puts a backup
/// back after checking it: what was written after the backup is gone, the
/// audit log is intact, and a damaged backup is refused with nothing changed.
#[test]
fn backup_then_restore() {
    let w = Workspace::with_demo(100);
    let wal = w.path("daihoi.sqlite-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "the write-ahead log was written back");
    let backup = w.path("backup.sqlite");
    let backup_arg = backup.to_str().unwrap();
    let out = w.run_ok(&["backup", backup_arg]);
    assert!(out.contains("a copy of"), "{out}");
    let again = w.run(&["backup", backup_arg]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));

    let out = w.run_with_password("một mật khẩu dài", &["user", "create", "sau.sao.luu", "--name", "Sau"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(w.run_ok(&["user", "list"]).contains("sau.sao.luu"));

    let refused = w.run(&["restore", backup_arg]);
    assert_eq!(refused.status.code(), Some(2), "the database exists: --force is needed");
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));

    let damaged = w.path("damaged.sqlite");
    let mut bytes = std::fs::read(&backup).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 4096].fill(0xA5);
    std::fs::write(&damaged, bytes).unwrap();
    let out = w.run(&["restore", damaged.to_str().unwrap(), "--force"]);
    assert_ne!(out.status.code(), Some(0), "a damaged backup is refused");
    assert!(w.run_ok(&["user", "list"]).contains("sau.sao.luu"), "nothing was changed");

    let out = w.run_ok(&["restore", backup_arg, "--force"]);
    assert!(out.contains("restored from"), "{out}");
    assert!(!w.run_ok(&["user", "list"]).contains("sau.sao.luu"), "the account made after the backup is gone");
    assert!(w.run_ok(&["audit", "verify"]).starts_with("audit log intact"));
    assert!(w.run_ok(&["tree", "--depth", "1"]).contains("QN"));
}

/// `daihoi audit checkpoint` prints a line to keep outside the database, and
/// `daihoi audit verify --checkpoint` checks the log against it.
#[test]
fn an_audit_checkpoint_is_kept_and_checked() {
    let w = Workspace::with_demo(50);
    let line = w.run_ok(&["audit", "checkpoint"]);
    let checkpoint = line.trim();
    assert!(checkpoint.split_once(':').is_some_and(|(n, h)| n.parse::<u64>().is_ok() && h.len() == 64), "{line}");
    let out = w.run_ok(&["audit", "verify", "--checkpoint", checkpoint]);
    assert!(out.contains("as the checkpoint kept it"), "{out}");
    let (n, _) = checkpoint.split_once(':').unwrap();
    let forged = format!("{n}:{}", "0".repeat(64));
    let out = w.run(&["audit", "verify", "--checkpoint", &forged]);
    assert_eq!(out.status.code(), Some(1), "a rewritten log is broken");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("broken at entry {n}")));
    let out = w.run(&["audit", "verify", "--checkpoint", "nonsense"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// `daihoi import congress-plans`: the web's plan file on the command line
/// (C-PLAN-1, C-DEL-5): every bad cell named by file, sheet, row and
/// column with nothing written, rows outside the subtree refused, a dry
/// run, then the plan written once and unchanged the second time.
#[test]
fn a_clerk_imports_the_congress_plans() {
    let w = Workspace::with_demo(200);
    let file = w.path("ke-hoach.xlsx");
    let header = ["Mã tổ chức đảng", "Hình thức đại hội", "Ngày khai mạc dự kiến", "Số ngày dự kiến"];
    let rows = |body: &[[&str; 4]]| -> Vec<Vec<String>> {
        std::iter::once(&header).chain(body).map(|r| r.iter().map(|s| (*s).to_owned()).collect()).collect()
    };
    write_xlsx(&file, &rows(&[["QN.DH.QT.CB01", "hội nghị", "31/02/2025", "0,5"]]));
    let out = w.run(&["import", "congress-plans", "--org", "QN", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("row 2, column B (Hình thức đại hội (kind))") && err.contains("C-DEL-5"), "{err}");
    assert!(err.contains("column C (Ngày khai mạc dự kiến (planned_on))"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");

    write_xlsx(&file, &rows(&[["QN.DH.QT.CB01", "Đại hội đảng viên", "12/03/2025", "0,5"]]));
    let out = w.run(&["import", "congress-plans", "--org", "QN.CT.CT", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not an organization of QN.CT.CT today"), "{}", stderr(&out));

    let args = ["import", "congress-plans", "--org", "QN", "--round", "2025-2030", file.to_str().unwrap()];
    let dry = w.run_ok(&[&args[..], &["--dry-run"]].concat());
    assert!(dry.contains("would be entered, 1 changed, 0 unchanged"), "{dry}");
    let done = w.run_ok(&args);
    assert!(done.contains("0 congresses were entered, 1 changed, 0 unchanged"), "{done}");
    let again = w.run_ok(&args);
    assert!(again.contains("0 changed, 1 unchanged"), "{again}");
}

/// `daihoi import congress-roll` and `congress-attendance`: the web's roll
/// and attendance files on the command line, on the demo's Quảng Tân
/// congress: every bad row named by file, sheet, row and column with its
/// rule (C-DEL-2, C-DEL-9, C-DEL-10, C-DEL-7) and nothing written; a dry
/// run; the new delegate written once, unchanged the second time.
#[test]
fn a_clerk_imports_a_congress_roll_and_attendance() {
    use daihoi_congress::Seat;
    let w = Workspace::with_demo(1000);
    let entries = w.with_db(async |db| {
        let c = db.operator().congresses();
        let round = c.round("2025-2030").await.unwrap().unwrap();
        let today = time::OffsetDateTime::now_utc().date();
        let org = db.org_by_code(&daihoi_core::OrgCode::parse("QN.DH.QT").unwrap(), today).await.unwrap().unwrap();
        let congress = c.congress(&round, &org, today).await.unwrap().unwrap();
        c.roll(&round, &congress).await.unwrap().roll.lines.into_iter().map(|l| l.entry).collect::<Vec<_>>()
    });
    let (elected, by) = entries
        .iter()
        .find_map(|e| match &e.seat {
            Seat::Elected { by } => Some((e.person.clone(), by.clone())),
            _ => None,
        })
        .expect("an elected delegate");
    // A member of the commune on no roll, and one of another cell.
    let members = w.exported();
    let card = members[0].iter().position(|h| h.starts_with("Số thẻ đảng viên")).unwrap();
    let cell = members[0].iter().position(|h| h.starts_with("Mã chi bộ")).unwrap();
    let free = |inside: bool| {
        members[1..]
            .iter()
            .find(|r| r[cell].starts_with("QN.DH.QT.") == inside && !entries.iter().any(|e| e.person == r[card]))
            .map(|r| r[card].clone())
            .unwrap_or_else(|| panic!("no member {inside}: {:?} {:?} {entries:?}", members[0], &members[1..4]))
    };
    let (newcomer, stranger) = (free(true), free(false));

    let file = w.path("danh-sach.xlsx");
    let header = ["Số thẻ đảng viên", "Loại đại biểu", "Mã tổ chức bầu", "Quyết định chỉ định", "Thứ tự dự khuyết"];
    let rows = |body: &[[&str; 5]]| -> Vec<Vec<String>> {
        std::iter::once(&header).chain(body).map(|r| r.iter().map(|s| (*s).to_owned()).collect()).collect()
    };
    // Cells: a seat that is none (C-DEL-8), a person twice (C-DEL-9).
    write_xlsx(
        &file,
        &rows(&[
            ["abc", "khách mời", "", "", ""],
            [&elected, "Dự khuyết", "", "", "9"],
            [&elected, "Dự khuyết", "", "", "8"],
        ]),
    );
    let out = w.run(&["import", "congress-roll", "--org", "QN.DH.QT", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("row 2, column B (Loại đại biểu (seat))") && err.contains("C-DEL-8"), "{err}");
    assert!(err.contains("row 4, column A (Số thẻ đảng viên (card))") && err.contains("C-DEL-9"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    // Rows: on the roll in another seat (C-DEL-9), not a member of the
    // electing cell (C-DEL-2), an alternate's rank taken (C-DEL-10).
    write_xlsx(
        &file,
        &rows(&[
            [&elected, "Dự khuyết", "", "", "9"],
            [&stranger, "Được bầu", &by, "", ""],
            [&newcomer, "Dự khuyết", "", "", "1"],
        ]),
    );
    let out = w.run(&["import", "congress-roll", "--org", "QN.DH.QT", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("danh-sach.xlsx, sheet \"Đảng viên\", row 2, column B") && err.contains("C-DEL-9"), "{err}");
    assert!(err.contains("row 3, column C (Mã tổ chức bầu (elected_by))") && err.contains("C-DEL-2"), "{err}");
    assert!(err.contains("row 4, column E (Thứ tự dự khuyết (rank))") && err.contains("C-DEL-10"), "{err}");
    assert!(err.contains("3 rows refused; nothing was imported"), "{err}");

    write_xlsx(&file, &rows(&[[&elected, "Được bầu", &by, "", ""], [&newcomer, "Chỉ định", "", "7-QĐ/HU", ""]]));
    let args = ["import", "congress-roll", "--org", "QN.DH.QT", "--round", "2025-2030", file.to_str().unwrap()];
    let dry = w.run_ok(&[&args[..], &["--dry-run"]].concat());
    assert!(dry.contains("1 delegates would be entered, 1 unchanged"), "{dry}");
    let done = w.run_ok(&args);
    assert!(done.contains("1 delegates were entered, 1 unchanged"), "{done}");
    let again = w.run_ok(&args);
    assert!(again.contains("0 delegates were entered, 2 unchanged"), "{again}");

    // A session's attendance: someone on no roll (C-DEL-7), then a mark
    // already recorded by the demo, unchanged.
    let file = w.path("diem-danh.xlsx");
    let header = ["Số thẻ đảng viên", "Có mặt"];
    write_xlsx(&file, &[header.map(str::to_owned).to_vec(), vec![stranger.clone(), "x".into()]]);
    let args = ["import", "congress-attendance", "--org", "QN.DH.QT", "--session", "1", file.to_str().unwrap()];
    let out = w.run(&args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("row 2, column A (Số thẻ đảng viên (card))") && err.contains("C-DEL-7"), "{err}");
    write_xlsx(&file, &[header.map(str::to_owned).to_vec(), vec![elected.clone(), "x".into()]]);
    let done = w.run_ok(&args);
    assert!(done.contains("0 marks were recorded, 1 unchanged"), "{done}");
    let out = w.run(&["import", "congress-attendance", "--org", "QN.DH.QT", "--session", "9", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no session 9"), "{}", stderr(&out));
}

/// `daihoi import congress-allocation`: the web's allocation file on the
/// command line, with the decision's total, reference and day as flags
/// (C-DEL-1), on the demo's Quảng Tân congress: a row not below (C-DEL-2)
/// or an ex-officio row not its own (C-DEL-7) named and nothing written;
/// seats not adding up to the total refused (C-DEL-1); a dry run; the
/// decision written once, unchanged the second time.
#[test]
fn a_clerk_imports_a_congress_allocation() {
    use daihoi_congress::Seat;
    let w = Workspace::with_demo(1000);
    let by = w.with_db(async |db| {
        let c = db.operator().congresses();
        let round = c.round("2025-2030").await.unwrap().unwrap();
        let today = time::OffsetDateTime::now_utc().date();
        let org = db.org_by_code(&daihoi_core::OrgCode::parse("QN.DH.QT").unwrap(), today).await.unwrap().unwrap();
        let congress = c.congress(&round, &org, today).await.unwrap().unwrap();
        c.roll(&round, &congress)
            .await
            .unwrap()
            .roll
            .lines
            .into_iter()
            .find_map(|l| match l.entry.seat {
                Seat::Elected { by } => Some(by),
                _ => None,
            })
            .expect("an elected delegate")
    });
    // A cell of another commune: not below Quảng Tân.
    let members = w.exported();
    let cell = members[0].iter().position(|h| h.starts_with("Mã chi bộ")).unwrap();
    let other =
        members[1..].iter().map(|r| r[cell].clone()).find(|c| !c.starts_with("QN.DH.QT.")).expect("another cell");
    let day = daihoi_core::date::iso(time::OffsetDateTime::now_utc().date());
    let file = w.path("phan-bo.xlsx");
    let header = ["Mã tổ chức", "Hình thức", "Số đại biểu", "Quyết định chỉ định"];
    let rows = |body: &[[&str; 4]]| -> Vec<Vec<String>> {
        std::iter::once(&header).chain(body).map(|r| r.iter().map(|s| (*s).to_owned()).collect()).collect()
    };
    let run_on = |total: &str, day: &str, extra: &[&str]| {
        let args = ["import", "congress-allocation", "--org", "QN.DH.QT", "--total", total, "--decision", "12-QĐ/ĐU"];
        w.run(&[&args[..], &["--decided-on", day], extra, &[file.to_str().unwrap()]].concat())
    };
    let run = |total: &str, extra: &[&str]| run_on(total, &day, extra);
    let stdout = |out: &Output| String::from_utf8_lossy(&out.stdout).into_owned();
    // Rows: the parent is not below (C-DEL-2); a cell's ex-officio row (C-DEL-7).
    write_xlsx(
        &file,
        &rows(&[["QN.DH.QT", "Đương nhiên", "5", ""], [&other, "Được bầu", "1", ""], [&by, "Đương nhiên", "2", ""]]),
    );
    let out = run("8", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("row 3, column A (Mã tổ chức (org))") && err.contains("C-DEL-2"), "{err}");
    assert!(err.contains("row 4, column B (Hình thức (mode))") && err.contains("C-DEL-7"), "{err}");
    assert!(err.contains("2 rows refused; nothing was imported"), "{err}");
    // A designated row without its decision (C-DEL-8) and a row not below
    // (C-DEL-2), named together.
    write_xlsx(
        &file,
        &rows(&[["QN.DH.QT", "Đương nhiên", "5", ""], [&by, "Chỉ định", "2", ""], [&other, "Được bầu", "1", ""]]),
    );
    let out = run("8", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("row 3, column D") && err.contains("C-DEL-8"), "{err}");
    assert!(err.contains("row 4, column A") && err.contains("C-DEL-2"), "{err}");
    assert!(err.contains("2 problems; nothing was imported"), "{err}");
    // C-DEL-1: the seats add up to the total.
    write_xlsx(&file, &rows(&[["QN.DH.QT", "Đương nhiên", "5", ""], [&by, "Chỉ định", "2", "3-QĐ/ĐU"]]));
    let out = run("8", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("C-DEL-1"), "{}", stderr(&out));
    let out = run_on("7", "not-a-day", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--decided-on"), "{}", stderr(&out));
    let dry = run("7", &["--dry-run"]);
    assert!(stdout(&dry).contains("2 rows would be written, 0 unchanged"), "{}{}", stdout(&dry), stderr(&dry));
    let done = run("7", &[]);
    assert!(stdout(&done).contains("2 rows were written, 0 unchanged"), "{}{}", stdout(&done), stderr(&done));
    let again = run("7", &[]);
    assert!(stdout(&again).contains("0 rows were written, 2 unchanged"), "{}{}", stdout(&again), stderr(&again));
}

/// P-3 (and R-AFTER-2's window): the operator keeps the calendar of working
/// days on the command line: the shipped days listed, a day added, one
/// listed twice refused (exit 2, nothing written), a year confirmed; each
/// change audited.
#[test]
fn the_calendar_is_kept_on_the_command_line() {
    let w = Workspace::empty();
    let listed = w.run_ok(&["calendar", "list", "--year", "2026"]);
    assert!(listed.contains("2026-02-16  holiday     Tết Nguyên đán Bính Ngọ"), "{listed}");
    assert!(!listed.contains("confirmed"), "no year is confirmed: {listed}");
    let added =
        w.run_ok(&["calendar", "add", "02/01/2026", "--kind", "substitute", "--name", "Nghỉ bù Tết Dương lịch"]);
    assert!(added.contains("listed 2026-01-02 (substitute)"), "{added}");
    let twice = w.run(&["calendar", "add", "2026-01-02", "--kind", "holiday", "--name", "Lần nữa"]);
    assert_eq!(twice.status.code(), Some(2), "{}", stderr(&twice));
    assert!(stderr(&twice).contains("P-3"), "{}", stderr(&twice));
    let weekday = w.run(&["calendar", "add", "2026-01-05", "--kind", "make_up", "--name", "Làm bù"]);
    assert_eq!(weekday.status.code(), Some(2), "a make-up day on a Monday: {}", stderr(&weekday));
    w.run_ok(&["calendar", "confirm", "2026", "--why", "Thông báo lịch nghỉ lễ, Tết năm 2026"]);
    let listed = w.run_ok(&["calendar", "list", "--year", "2026"]);
    assert!(listed.contains("2026 confirmed by cli:operator"), "{listed}");
    w.run_ok(&["calendar", "remove", "2026-01-02"]);
    assert_eq!(w.run_ok(&["audit", "verify"]), "audit log intact: 3 entries\n");
}
