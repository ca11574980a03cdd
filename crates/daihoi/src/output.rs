//! Printing for people: the tree, the base count, progress, bad input.

use std::fmt;

use daihoi_core::OrgCode;
use daihoi_store::Db;
use daihoi_store::orgs::OrgNode;
use indicatif::{ProgressBar, ProgressStyle};
use time::Date;

/// Input the user must fix: printed as is, exit status 2.
#[derive(Debug)]
pub struct BadInput(String);

impl BadInput {
    pub fn new(message: impl Into<String>) -> BadInput {
        BadInput(message.into())
    }
}

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// The limits spreadsheets are read within: [`daihoi_sheets::Limits`]'s
/// defaults with the `DAIHOI_SHEET_*` settings of the environment.
pub fn sheet_limits() -> Result<daihoi_sheets::Limits, BadInput> {
    daihoi_sheets::Limits::default().with_settings(|name| std::env::var(name).ok()).map_err(BadInput::new)
}

/// Reads a spreadsheet within [`sheet_limits`]: a file over a limit,
/// damaged or of another kind is bad input, named with the file.
pub fn read_spreadsheet(path: &std::path::Path) -> Result<daihoi_sheets::Workbook, BadInput> {
    daihoi_sheets::read_path_within(path, &sheet_limits()?).map_err(|e| BadInput::new(e.to_string()))
}

/// The most problems a command lists; the rest are counted.
pub const MAX_LISTED_PROBLEMS: usize = 200;

/// Prints the first [`MAX_LISTED_PROBLEMS`] problems on stderr, then how
/// many more there are.
pub fn list_problems(problems: impl IntoIterator<Item = String>) {
    let mut total = 0usize;
    for line in problems {
        total += 1;
        if total <= MAX_LISTED_PROBLEMS {
            eprintln!("{line}");
        }
    }
    if total > MAX_LISTED_PROBLEMS {
        eprintln!("… and {} more problems (the first {MAX_LISTED_PROBLEMS} are listed)", total - MAX_LISTED_PROBLEMS);
    }
}

/// A failure already reported on stdout: exit with this status, print nothing more.
#[derive(Debug)]
pub struct Exit(pub u8);

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "exit status {}", self.0)
    }
}

impl std::error::Error for Exit {}

/// A progress bar on the terminal; draws nothing when stderr is not one.
pub fn progress_bar(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    let style = ProgressStyle::with_template(&format!("{{bar:40}} {{pos}}/{{len}} {what} ({{per_sec}}, {{eta}})"))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// Writes to stdout; a closed pipe (`daihoi tree | head`) is not an error.
pub fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

pub async fn tree(db: &Db, org: Option<&str>, date: Date, depth: usize) -> anyhow::Result<()> {
    let roots = crate::roots_arg(db, org, date).await?;
    let collator = daihoi_core::NameCollator::vietnamese();
    let mut text = String::new();
    for root in roots {
        let nodes = db.subtree(&root, date).await?;
        let mut children: std::collections::HashMap<i64, Vec<&OrgNode>> = std::collections::HashMap::new();
        for n in &nodes {
            if let Some(p) = n.parent_id {
                children.entry(p).or_default().push(n);
            }
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| collator.compare_text(&a.name, &b.name));
        }
        let mut stack = vec![(&root, 0usize)];
        while let Some((node, level)) = stack.pop() {
            text.push_str(&format!("{}{} [{}] {}\n", "  ".repeat(level), node.name, node.code, node.kind.vi()));
            if level < depth {
                for child in children.get(&node.id).into_iter().flatten().rev() {
                    stack.push((child, level + 1));
                }
            }
        }
    }
    print_out(&text)
}

pub async fn base(db: &Db, code: &OrgCode, date: Date) -> anyhow::Result<()> {
    let node = db
        .org_by_code(code, date)
        .await?
        .ok_or_else(|| BadInput::new(format!("no organization {code} on {}", daihoi_core::date::vi(date))))?;
    let c = db.base_count(&node, date).await?;
    let mut lines = Vec::new();
    lines.push(format!("{} ({}) — {}", node.name, node.code, daihoi_core::date::vi(date)));
    lines.push(format!("  Đảng viên chính thức (triệu tập)        {:>8}", c.convened));
    lines.push(format!("  Đảng viên dự bị (không tính)            {:>8}", c.probationary));
    lines.push(format!("  − Bị truy tố, tạm giam                  {:>8}", c.prosecuted_or_detained));
    lines.push(format!("  − Đình chỉ sinh hoạt                    {:>8}", c.suspended));
    lines.push(format!("  − Sinh hoạt tạm thời nơi khác           {:>8}", c.temporarily_transferred));
    lines.push(format!("  Miễn công tác và sinh hoạt (trừ nếu vắng) {:>6}", c.exempted));
    lines.push(format!(
        "R-BASE-1: base = {} − {} − (exempted absent) − (absent with reason)",
        c.convened,
        c.prosecuted_or_detained + c.suspended + c.temporarily_transferred
    ));
    lines.push(String::new());
    print_out(&lines.join("\n"))
}
