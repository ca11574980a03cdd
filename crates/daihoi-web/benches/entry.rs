//! The ballot entry's load generator (issue 16), bounded and loopback only.
//!
//! `cargo bench -p daihoi-web --bench entry -- [--postgres URL] [--ballots 1500] [--names 20]`:
//! prepares a member congress of `ballots` members checked in, an election
//! with `names` names on its list and `ballots` ballots issued, two clerks
//! (entry 1 and entry 2) and the board, with API tokens (through the
//! store, as the operator); starts the server (this binary again, as a
//! child process serving the real router on 127.0.0.1 with its own
//! database pool); then both clerks enter every ballot at the same time,
//! each on one kept-alive connection, one request after the other as a
//! clerk types. It prints the latency of each request (p50, p99, max) per
//! clerk and for both, the total time, the server's CPU time, and checks
//! through the board's ledger that every ballot is entered by both, those
//! typed differently (one in a hundred) are the ones that differ, and a
//! retry of every ballot writes nothing.

use std::io::Write as _;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::members::CardNumber;
use daihoi_election::Body;
use daihoi_store::Db;
use daihoi_store::accounts::Login;
use daihoi_store::congresses::{NewPlan, RoundTemplate};
use daihoi_store::elections::Duty;
use daihoi_test_support::fixtures::{code, import, member, small_tree};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const ROUND: &str = "2025-2030";
const TODAY: time::Date = time::macros::date!(2026 - 12 - 31);
const ENTRIES: &str = "/api/v1/orgs/QN.DH.QT/congress/elections/1/rounds/1/entries";

fn card(i: usize) -> String {
    format!("{}", 40_000_001 + i)
}

/// A database and the schema the server must use too (PostgreSQL).
#[derive(Clone)]
struct Target {
    url: String,
    schema: Option<String>,
}

impl Target {
    async fn connect(&self) -> Db {
        Db::connect_in_schema(&self.url, self.schema.as_deref()).await.expect("the database")
    }
}

/// The congress, the election and its staff: the tokens of entry 1,
/// entry 2 and the board.
async fn prepare(db: &Db, ballots: usize, names: usize) -> [String; 3] {
    db.migrate().await.unwrap();
    small_tree(db).await;
    const A: [&str; 8] = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khoa", "Lâm"];
    let name = |i: usize| format!("Trần {} {} {}", A[i % 8], A[(i / 8) % 8], A[(i / 64) % 8]);
    import(db, (0..ballots).map(|i| member(&card(i), &name(i), "QN.DH.QT.CB01")).collect()).await;
    let c = db.operator();
    let round = c
        .congresses()
        .create_round(ROUND, "Nhiệm kỳ 2025–2030", RoundTemplate::Term2025To2030, TODAY, "bench")
        .await
        .unwrap();
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let plan = NewPlan {
        level: LevelClass::Commune,
        kind: CongressKind::MemberCongress,
        contents: Contents::Full,
        model: false,
        planned: Schedule { opening: time::macros::date!(2026 - 12 - 10), length: Length::days(2) },
        actual: None,
    };
    let congress = c.congresses().plan(&round, &qt, &plan, TODAY, "bench").await.unwrap();
    let s = c
        .congresses()
        .open_session(&congress, "Phiên chính thức", time::macros::date!(2026 - 12 - 10), "bench")
        .await
        .unwrap();
    for i in 0..ballots {
        c.congresses().check_in(&round, &congress, s, &CardNumber::parse(&card(i)).unwrap(), "bench").await.unwrap();
    }
    let e = c.elections();
    let n =
        e.create(&congress, Body::Committee, u32::try_from(seats(names)).unwrap(), "Bầu thử", "bench").await.unwrap();
    for i in 0..names {
        e.add_candidate(&congress, n, &name(i), Some(&CardNumber::parse(&card(i)).unwrap()), None, "bench")
            .await
            .unwrap();
    }
    e.adopt_list(&congress, n, "bench").await.unwrap();
    let mut tokens = Vec::new();
    for (login, duty) in [("nhap.1", Duty::Entry1), ("nhap.2", Duty::Entry2), ("ban.kp", Duty::Board)] {
        let user = c
            .accounts()
            .create_user(&Login::parse(login).unwrap(), login, "mật khẩu thử nghiệm", None, "bench")
            .await
            .unwrap();
        e.assign(&congress, n, login, duty, "bench").await.unwrap();
        tokens.push(c.accounts().create_api_token(&user, "bench", "bench").await.unwrap().1);
    }
    e.issue_ballots(&round, &congress, n, u32::try_from(ballots).unwrap(), s, "bench").await.unwrap();
    [tokens[0].clone(), tokens[1].clone(), tokens[2].clone()]
}

/// One HTTP/1.1 request on a kept-alive connection: the status and body.
async fn request(
    conn: &mut TcpStream,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    conn.write_all(head.as_bytes()).await?;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 16384];
    loop {
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed"));
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            let status: u16 = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0))
                })
                .unwrap_or(0);
            while buf.len() < end + 4 + length {
                let n = conn.read(&mut chunk).await?;
                if n == 0 {
                    return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed"));
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Ok((status, String::from_utf8_lossy(&buf[end + 4..end + 4 + length]).to_string()));
        }
    }
}

fn json_field<'a>(body: &'a str, field: &str) -> Option<&'a str> {
    let at = body.find(&format!("\"{field}\":"))? + field.len() + 3;
    let rest = body[at..].trim_start();
    let rest = rest.strip_prefix('"').unwrap_or(rest);
    let end = rest.find(['"', ',', '}']).unwrap_or(rest.len());
    Some(&rest[..end])
}

fn proc_cpu_s(pid: u32) -> f64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = s.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = f.get(11).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    ticks / 100.0
}

/// Starts this binary as the server on `target`: the child and its address.
fn spawn_server(target: &Target) -> (std::process::Child, SocketAddr) {
    use std::io::BufRead;
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.arg("--serve").arg(&target.url).arg(target.schema.as_deref().unwrap_or("-"));
    cmd.stdout(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("the server");
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let addr = line.trim().strip_prefix("LISTENING ").expect("the server's address").parse().unwrap();
    (child, addr)
}

/// The server mode: the real router on 127.0.0.1 (a free port), printed.
async fn serve(url: &str, schema: &str) {
    let schema = (schema != "-").then_some(schema);
    let db = Db::connect_in_schema(url, schema).await.expect("the database");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("LISTENING {}", listener.local_addr().unwrap());
    std::io::stdout().flush().unwrap();
    let router = daihoi_web::router(daihoi_web::access::AppState::new(db));
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
}

/// The number to elect for `names` names: R-LIST-1, at least one name
/// more than the seats and at most 30% more.
fn seats(names: usize) -> usize {
    (names * 10).div_ceil(13).min(names - 1)
}

/// The names struck on ballot `b` by clerk `entry`: a run of as many as
/// the surplus (or one more), so that the ballot is valid (R-VALID-1);
/// entry 2 misreads one ballot in a hundred (one more name struck).
fn struck(b: usize, entry: u8, names: usize) -> String {
    let start = (b * 7) % names;
    let mut count = names - seats(names) + b % 2;
    if entry == 2 && b.is_multiple_of(100) {
        count += 1;
    }
    let mut s: Vec<usize> = (0..count.min(names)).map(|k| (start + k) % names + 1).collect();
    s.sort_unstable();
    s.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// A clerk enters ballots 1 to `ballots` one after the other: the
/// latency of each; `expect` is the outcome every answer must give.
async fn clerk(
    addr: SocketAddr,
    token: String,
    entry: u8,
    ballots: usize,
    names: usize,
    expect: &str,
) -> Vec<Duration> {
    let mut conn = TcpStream::connect(addr).await.unwrap();
    conn.set_nodelay(true).unwrap();
    let mut lat = Vec::with_capacity(ballots);
    for b in 1..=ballots {
        let body = format!("{{\"round\": \"{ROUND}\", \"ballot\": {b}, \"struck\": [{}]}}", struck(b, entry, names));
        let t = Instant::now();
        let (status, answer) = request(&mut conn, "POST", ENTRIES, &token, &body).await.unwrap();
        lat.push(t.elapsed());
        assert_eq!(status, 200, "ballot {b}, entry {entry}: {answer}");
        assert_eq!(json_field(&answer, "outcome"), Some(expect), "ballot {b}, entry {entry}: {answer}");
    }
    lat
}

fn summary(mut lat: Vec<Duration>) -> String {
    lat.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "{} requests, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        lat.len(),
        ms(lat[lat.len() / 2]),
        ms(lat[(lat.len() * 99).div_ceil(100) - 1]),
        ms(*lat.last().unwrap())
    )
}

async fn load(target: Target, ballots: usize, names: usize) {
    let setup = Instant::now();
    let db = target.connect().await;
    let [t1, t2, board] = prepare(&db, ballots, names).await;
    db.close().await;
    eprintln!("prepared {ballots} ballots issued, {names} names, in {:.1}s", setup.elapsed().as_secs_f64());
    let (mut child, addr) = spawn_server(&target);
    let pid = child.id();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let engine = if target.url.starts_with("sqlite") { "sqlite" } else { "postgres" };

    for (what, expect) in [("first entry", "new"), ("retry of every ballot", "unchanged")] {
        let cpu = proc_cpu_s(pid);
        let start = Instant::now();
        let one = tokio::spawn(clerk(addr, t1.clone(), 1, ballots, names, expect));
        let two = tokio::spawn(clerk(addr, t2.clone(), 2, ballots, names, expect));
        let (one, two) = (one.await.unwrap(), two.await.unwrap());
        let total = start.elapsed();
        let cpu = proc_cpu_s(pid) - cpu;
        let both: Vec<Duration> = one.iter().chain(&two).copied().collect();
        println!(
            "{engine} {what}: 2 clerks x {ballots} ballots in {:.2} s ({:.0} entries/s); server CPU {:.2} s ({:.2} ms per entry)",
            total.as_secs_f64(),
            (2 * ballots) as f64 / total.as_secs_f64(),
            cpu,
            cpu * 1000.0 / (2 * ballots) as f64
        );
        println!("{engine}   entry 1: {}", summary(one));
        println!("{engine}   entry 2: {}", summary(two));
        println!("{engine}   both:    {}", summary(both));
    }

    // The board's ledger: every ballot entered by both, the misread differ.
    let mut conn = TcpStream::connect(addr).await.unwrap();
    let t = Instant::now();
    let (status, ledger) = request(
        &mut conn,
        "GET",
        "/api/v1/orgs/QN.DH.QT/congress/elections/1/rounds/1/ledger?round=2025-2030",
        &board,
        "",
    )
    .await
    .unwrap();
    let took = t.elapsed();
    assert_eq!(status, 200, "{ledger}");
    let entered: usize = json_field(&ledger, "entered").unwrap().parse().unwrap();
    let differing: usize = json_field(&ledger, "differing").unwrap().parse().unwrap();
    let single: usize = json_field(&ledger, "single").unwrap().parse().unwrap();
    let misread =
        (1..=ballots).filter(|b| b.is_multiple_of(100) && struck(*b, 1, names) != struck(*b, 2, names)).count();
    println!(
        "{engine} ledger read by the board in {:.1} ms: {entered} ballots entered, {differing} differ, {single} entered once",
        took.as_secs_f64() * 1000.0
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!((entered, differing, single), (ballots, misread, 0), "every ballot entered once by each clerk");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    match args.first().map(String::as_str) {
        Some("--serve") => rt.block_on(serve(&arg(1), &arg(2))),
        Some("--help") => println!("entry [--postgres URL] [--ballots N] [--names K]"),
        _ => {
            let mut ballots = 1500;
            let mut names = 20;
            let mut postgres = None;
            let mut i = 0;
            while i < args.len() {
                match args[i].as_str() {
                    "--ballots" => ballots = arg(i + 1).parse().unwrap(),
                    "--names" => names = arg(i + 1).parse().unwrap(),
                    "--postgres" => postgres = Some(arg(i + 1)),
                    _ => {}
                }
                i += 2;
            }
            assert!((10..=5000).contains(&ballots), "bounded: 10 to 5,000 ballots");
            assert!((4..=60).contains(&names) && names <= ballots, "bounded: 4 to 60 names");
            let dir = tempfile::tempdir().unwrap();
            let target = match postgres {
                Some(url) => {
                    assert!(url.contains("127.0.0.1") || url.contains("localhost"), "loopback only");
                    Target { url, schema: Some(format!("entry_bench_{}", std::process::id())) }
                }
                None => Target { url: format!("sqlite://{}", dir.path().join("entry.sqlite").display()), schema: None },
            };
            rt.block_on(load(target, ballots, names));
        }
    }
}
