//! The periodic report of a province with 100,000 tasks: the workbook with
//! every row, and the PDF with the 100 rows the web prints and its table by
//! organization. A measured run (not criterion): each file takes long
//! enough to time on its own.
//!
//! ```sh
//! cargo bench -p daihoi-print --bench report
//! DAIHOI_BENCH_TASKS=20000 cargo bench -p daihoi-print --bench report
//! ```
//!
//! It prints each file's time, size and the process's peak memory (VmHWM)
//! while it was written, with how far above the memory before it it went
//! (the report itself, 100,000 rows of text, is built first).

use std::time::{Duration, Instant};

use daihoi_print::charts::{ChartText, ProgressChart, ProgressItem};
use daihoi_print::tracking::{
    Count, CountRow, CountTable, PeriodKind, ReportPeriod, Summary, TargetColumns, TargetTable, TaskColumns, TaskRow,
    TaskTable,
};
use daihoi_print::{
    DocumentNumber, NumberStyle, PartyHeading, PeriodicReport, Recipients, Signature, periodic_report_pdf,
    periodic_report_xlsx,
};
use time::macros::date;

fn s(x: &str) -> String {
    x.to_owned()
}

/// A line of /proc/self/status (Linux), in kB.
fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// Resets the peak resident memory to the current one (Linux ≥ 4.0).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The peak resident memory since the reset, and how far above `base` it went.
fn peak_memory(base: Option<u64>) -> String {
    match (status_kb("VmHWM:"), base) {
        (Some(peak), Some(base)) => format!("{} MB (+{} MB)", peak / 1024, peak.saturating_sub(base) / 1024),
        (Some(peak), None) => format!("{} MB", peak / 1024),
        _ => "?".to_owned(),
    }
}

fn report(tasks: usize) -> PeriodicReport {
    let statuses = ["Hoàn thành đúng hạn", "Chưa hoàn thành trong thời hạn", "Đang thực hiện trong hạn", "Đã hủy"];
    let rows: Vec<TaskRow> = (0..tasks)
        .map(|i| TaskRow {
            document: s(["23-NQ/TU", "28-NQ/TU", "439-KH/TU"][i % 3]),
            clause: format!("Mục III.{}", i % 7 + 1),
            title: format!("Nhiệm vụ số {}: nâng cao chất lượng sinh hoạt chi bộ và phát triển đảng viên", i + 1),
            assignee: format!("QN.X{:03}.C{:02}", i % 171, i % 37),
            deadline: Some(date!(2026 - 06 - 30)),
            status: s(statuses[i % statuses.len()]),
            progress: (i % 6 != 5).then_some((i * 17 % 101) as f64),
            latest_report: format!("Đã triển khai đến {} chi bộ trực thuộc, đạt {}% kế hoạch.", i % 40 + 2, i % 96),
        })
        .collect();
    let printed: Vec<usize> = (0..100).map(|i| i * (tasks / 100).max(1)).filter(|i| *i < tasks).collect();
    PeriodicReport {
        style: NumberStyle::Vi,
        heading: PartyHeading {
            issuing_body_parent: None,
            issuing_body: s("Tỉnh ủy Quảng Ninh"),
            number: Some(DocumentNumber { label: s("Số"), number: None, suffix: s("-BC/TU") }),
            party: s("ĐẢNG CỘNG SẢN VIỆT NAM"),
            place_and_date: s("Quảng Ninh, ngày 05 tháng 10 năm 2026"),
        },
        title: s("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"),
        organization: s("Đảng bộ tỉnh Quảng Ninh"),
        period: ReportPeriod { kind: PeriodKind::Quarterly, label: s("Quý III/2026") },
        page_label: s("Trang"),
        not_reported: s("Chưa báo cáo"),
        summary: Summary {
            heading: s("I. TỔNG HỢP"),
            counts: statuses.iter().map(|l| Count { label: s(l), count: (tasks / 4) as u32 }).collect(),
            progress_label: s("Tiến độ chung"),
            progress: Some(47.5),
            unset: None,
            sheet_name: s("Tổng hợp"),
        },
        by_org: Some(CountTable {
            heading: s("Tổng hợp theo đơn vị"),
            sheet_name: s("Theo đơn vị"),
            org_column: s("Đơn vị"),
            columns: statuses.iter().map(|l| s(l)).collect(),
            total_column: s("Tổng số"),
            rows: (0..171)
                .map(|i| CountRow {
                    label: format!("Đảng bộ xã số {}", i + 1), counts: vec![(tasks / 684) as u32; 4]
                })
                .collect(),
            total_label: s("Tổng cộng"),
        }),
        chart: Some(ProgressChart {
            text: ChartText {
                id: s("chart-report"),
                title: s("Tiến độ các nhiệm vụ"),
                description: s("Tiến độ của từng nhiệm vụ."),
                no_data: s("Chưa có dữ liệu"),
            },
            not_reported: s("Chưa báo cáo"),
            style: NumberStyle::Vi,
            items: printed
                .iter()
                .take(12)
                .map(|i| ProgressItem { label: rows[*i].title.clone(), percent: rows[*i].progress })
                .collect(),
        }),
        tasks: TaskTable {
            heading: s("II. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"),
            sheet_name: s("Nhiệm vụ"),
            columns: TaskColumns {
                document: s("Văn bản"),
                clause: s("Điều, mục"),
                title: s("Nhiệm vụ"),
                assignee: s("Đơn vị thực hiện"),
                deadline: s("Thời hạn"),
                status: s("Tình trạng"),
                progress: s("Tiến độ"),
                latest_report: s("Báo cáo gần nhất"),
            },
            more: format!("Còn {} nhiệm vụ khác, xem trong tệp Excel của báo cáo này.", tasks - printed.len()),
            printed: Some(printed),
            rows,
        },
        targets: TargetTable {
            heading: s("III. CÁC CHỈ TIÊU"),
            sheet_name: s("Chỉ tiêu"),
            columns: TargetColumns {
                name: s("Chỉ tiêu"),
                unit: s("Đơn vị tính"),
                baseline: s("Giá trị cơ sở"),
                target: s("Mục tiêu"),
                latest: s("Giá trị mới nhất"),
                attainment: s("Mức độ đạt"),
            },
            rows: Vec::new(),
        },
        signature: Signature {
            on_behalf: s("T/M BAN THƯỜNG VỤ"), title: s("PHÓ BÍ THƯ"), name: s("Nguyễn Văn Bình")
        },
        recipients: Recipients {
            label: s("Nơi nhận:"),
            lines: vec![
                s("- Ban Thường vụ Tỉnh ủy (để b/c),"),
                s("- Các đảng bộ trực thuộc,"),
                s("- Lưu Văn phòng Tỉnh ủy."),
            ],
        },
    }
}

fn time(name: &str, n: usize, mut f: impl FnMut() -> Vec<u8>) {
    let mut times: Vec<Duration> = Vec::with_capacity(n);
    let mut size = 0;
    reset_peak();
    let base = status_kb("VmRSS:");
    for _ in 0..n {
        let started = Instant::now();
        size = f().len();
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "{name}: fastest {:.1?}, median {:.1?}, slowest {:.1?} ({n} runs); {:.1} MB; peak memory {}",
        times[0],
        times[n / 2],
        times[n - 1],
        size as f64 / 1e6,
        peak_memory(base)
    );
}

fn main() {
    let tasks = std::env::var("DAIHOI_BENCH_TASKS").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let started = Instant::now();
    let r = report(tasks);
    println!("report of {tasks} tasks built in {:.1?}; memory {}", started.elapsed(), peak_memory(None));
    time("pdf (100 rows printed, 171 organizations)", 3, || periodic_report_pdf(&r).expect("pdf"));
    time(&format!("xlsx ({tasks} rows, constant memory)"), 3, || periodic_report_xlsx(&r).expect("xlsx"));
}
