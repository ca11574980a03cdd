//! The floor votes' load generator (issue 16 §5), bounded and loopback only.
//!
//! `cargo bench -p daihoi-web --bench floor -- [--postgres URL] [--n 1000]`:
//! prepares a congress of `n` delegates checked in with their PINs (through
//! the store, as the operator), starts the server (this binary again, as a
//! child process serving the real router on 127.0.0.1 with its own
//! database pool), signs every delegate in through the API, opens one
//! server-sent-event stream per delegate and has every delegate vote once,
//! all at once. It prints the time until all ballots are acknowledged, the
//! latency of each (p50, p99, max), the server's RSS (VmRSS, VmHWM from
//! /proc) and its CPU time, and checks that the count is exactly `n` and
//! that every stream saw the vote.
//!
//! The kill -9 driver (`bench/floor/kill9.sh`) uses the modes `--prepare
//! DIR`, `--next DIR`, `--vote DIR PORT` and `--check DIR PORT`: a vote
//! opened, delegates voting until the server is killed (each
//! acknowledgement appended to a file as it arrives), then, after a
//! restart, every acknowledged ballot found with its acknowledgement and
//! no ballot twice.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use daihoi_congress::agenda::VoteOn;
use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::members::CardNumber;
use daihoi_store::Db;
use daihoi_store::congresses::{Congress, NewPlan, Round, RoundTemplate};
use daihoi_store::elections::floor::votes::NewFloorVote;
use daihoi_test_support::fixtures::{code, import, member, small_tree};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Barrier;

const ROUND: &str = "2025-2030";
const TODAY: time::Date = time::macros::date!(2026 - 12 - 31);

fn card(i: usize) -> String {
    format!("{}", 30_000_001 + i)
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

/// Prepares `n` delegates of Quảng Tân's member congress, checked in to
/// its session, floor votes on, vote 1 open on item 1; their PINs.
async fn prepare(db: &Db, n: usize) -> (Round, Congress, Vec<(String, String)>) {
    db.migrate().await.unwrap();
    small_tree(db).await;
    const A: [&str; 8] = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khoa", "Lâm"];
    let name = |i: usize| format!("Nguyễn {} {} {}", A[i % 8], A[(i / 8) % 8], A[(i / 64) % 8]);
    let rows = (0..n).map(|i| member(&card(i), &name(i), "QN.DH.QT.CB01")).collect();
    import(db, rows).await;
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
    for i in 0..n {
        c.congresses().check_in(&round, &congress, s, &CardNumber::parse(&card(i)).unwrap(), "bench").await.unwrap();
    }
    c.congresses().fill_programme(&congress, "bench").await.unwrap();
    c.floor_votes().enable(&congress, "bench").await.unwrap();
    let pins = c.floor_votes().issue_pins(&round, &congress, None, "bench").await.unwrap();
    c.floor_votes()
        .open(&congress, &NewFloorVote { on: VoteOn::Item(1), secret: false, question: None }, "bench")
        .await
        .unwrap();
    (round, congress, pins.into_iter().map(|p| (p.card, p.pin)).collect())
}

/// One HTTP/1.1 request on a kept-alive connection: the status and body.
async fn request(
    conn: &mut TcpStream,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let auth = if token.is_empty() { String::new() } else { format!("Authorization: Bearer {token}\r\n") };
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    conn.write_all(head.as_bytes()).await?;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
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

async fn sign_in(addr: SocketAddr, congress: i64, card: &str, pin: &str) -> (TcpStream, String) {
    let mut conn = TcpStream::connect(addr).await.unwrap();
    conn.set_nodelay(true).unwrap();
    let body = format!("{{\"card\": \"{card}\", \"pin\": \"{pin}\"}}");
    let (status, answer) =
        request(&mut conn, "POST", &format!("/api/v1/floor/{congress}/sign-in"), "", &body).await.unwrap();
    assert_eq!(status, 200, "{answer}");
    (conn, json_field(&answer, "token").unwrap().to_owned())
}

/// Opens a delegate's event stream: returns once the first event came;
/// then counts the events until the connection closes.
async fn stream(addr: SocketAddr, congress: i64, token: String, events: Arc<AtomicUsize>, first: Arc<Barrier>) {
    let mut conn = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "GET /floor/{congress}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n"
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    let mut chunk = [0u8; 4096];
    let mut seen = false;
    let mut text = String::new();
    loop {
        let n = match conn.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        text.push_str(&String::from_utf8_lossy(&chunk[..n]));
        while let Some(at) = text.find("event: state") {
            events.fetch_add(1, Ordering::Relaxed);
            text.drain(..at + 12);
            if !seen {
                seen = true;
                first.wait().await;
            }
        }
        if text.len() > 8192 {
            text.clear();
        }
    }
}

fn proc_status(pid: u32, key: &str) -> f64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix(key).map(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().unwrap_or(0.0)))
        .unwrap_or(0.0)
        / 1024.0
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

/// One ballot of delegate `i` on `vote`: its latency (checked: 200, a
/// first acknowledgement).
async fn cast(conn: &mut TcpStream, token: &str, congress: i64, vote: u32, i: usize) -> Duration {
    let choice = ["for", "against", "abstain"][i % 3];
    let body = format!("{{\"vote\": {vote}, \"choice\": \"{choice}\"}}");
    let t = Instant::now();
    let (status, answer) =
        request(conn, "POST", &format!("/api/v1/floor/{congress}/ballot"), token, &body).await.unwrap();
    let took = t.elapsed();
    assert_eq!(status, 200, "{answer}");
    assert_eq!(json_field(&answer, "again"), Some("false"), "{answer}");
    took
}

async fn load(target: Target, n: usize, concurrency: usize) {
    let setup = Instant::now();
    let db = target.connect().await;
    let (_, congress, pins) = prepare(&db, n).await;
    eprintln!("prepared {n} delegates in {:.1}s", setup.elapsed().as_secs_f64());
    let (mut child, addr) = spawn_server(&target);
    let pid = child.id();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let idle_rss = proc_status(pid, "VmRSS:");

    // Sign-in, 16 at a time.
    let t = Instant::now();
    let pins = Arc::new(pins);
    let next = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    for _ in 0..16 {
        let (pins, next) = (pins.clone(), next.clone());
        handles.push(tokio::spawn(async move {
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((card, pin)) = pins.get(i) else { break };
                out.push((i, sign_in(addr, congress.id, card, pin).await));
            }
            out
        }));
    }
    let mut delegates: Vec<Option<(TcpStream, String)>> = (0..n).map(|_| None).collect();
    for h in handles {
        for (i, d) in h.await.unwrap() {
            delegates[i] = Some(d);
        }
    }
    eprintln!("{n} sign-ins in {:.1}s", t.elapsed().as_secs_f64());

    // One event stream per delegate, each having received its first event.
    let events = Arc::new(AtomicUsize::new(0));
    let first = Arc::new(Barrier::new(n + 1));
    let mut streams = Vec::new();
    for d in delegates.iter().flatten() {
        streams.push(tokio::spawn(stream(addr, congress.id, d.1.clone(), events.clone(), first.clone())));
    }
    first.wait().await;
    let streams_rss = proc_status(pid, "VmRSS:");
    let cpu_before = proc_cpu_s(pid);
    eprintln!("{n} event streams open; server RSS {streams_rss:.1} MB");

    // Vote 1: every delegate votes once, all at once (a burst of n
    // requests on n connections).
    let go = Arc::new(Barrier::new(n + 1));
    let mut votes = Vec::new();
    for (i, d) in delegates.into_iter().enumerate() {
        let (mut conn, token) = d.unwrap();
        let go = go.clone();
        votes.push(tokio::spawn(async move {
            go.wait().await;
            let took = cast(&mut conn, &token, congress.id, 1, i).await;
            (took, Instant::now(), conn, token)
        }));
    }
    go.wait().await;
    let start = Instant::now();
    let mut burst = Vec::with_capacity(n);
    let mut last = start;
    let mut kept = Vec::with_capacity(n);
    for v in votes {
        let (took, at, conn, token) = v.await.unwrap();
        burst.push(took);
        last = last.max(at);
        kept.push(Some((conn, token)));
    }
    let burst_total = last - start;
    let burst_cpu = proc_cpu_s(pid) - cpu_before;
    let rss = proc_status(pid, "VmRSS:");
    let (_, tally) = db.operator().floor_votes().vote(&congress, 1).await.unwrap();
    let events_seen = events.load(Ordering::Relaxed);

    // Vote 2: the office closes vote 1 and opens vote 2; every delegate
    // votes once, `concurrency` at a time (as OpenSlides' benchmark sends
    // them), the streams still open.
    let f = db.operator().floor_votes();
    f.close(&congress, 1, "bench").await.unwrap();
    f.open(&congress, &NewFloorVote { on: VoteOn::Item(2), secret: false, question: None }, "bench").await.unwrap();
    let cpu_before = proc_cpu_s(pid);
    let kept = Arc::new(std::sync::Mutex::new(kept));
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (kept, next) = (kept.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((mut conn, token)) = kept.lock().unwrap().get_mut(i).and_then(Option::take) else { break };
                let at = start.elapsed();
                let took = cast(&mut conn, &token, congress.id, 2, i).await;
                lat.push((took, at));
            }
            lat
        }));
    }
    let mut timed = Vec::with_capacity(n);
    for w in workers {
        timed.extend(w.await.unwrap());
    }
    // Where the slowest ballots were sent, to tell a stall at one moment
    // (several ballots waiting together) from scattered slow ones.
    timed.sort_by_key(|t| std::cmp::Reverse(t.0));
    let slowest: Vec<String> = timed
        .iter()
        .take(8)
        .map(|(took, at)| format!("{:.1} ms sent at {:.0} ms", took.as_secs_f64() * 1000.0, at.as_secs_f64() * 1000.0))
        .collect();
    let paced: Vec<Duration> = timed.iter().map(|(took, _)| *took).collect();
    let paced_total = start.elapsed();
    let paced_cpu = proc_cpu_s(pid) - cpu_before;
    let hwm = proc_status(pid, "VmHWM:");
    let (_, tally2) = db.operator().floor_votes().vote(&congress, 2).await.unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    for s in streams {
        s.abort();
    }
    let engine = if target.url.starts_with("sqlite") { "sqlite" } else { "postgres" };
    for (what, mut lat, total, cpu, t) in [
        (format!("all {n} at once"), burst, burst_total, burst_cpu, tally),
        (format!("{concurrency} at a time"), paced, paced_total, paced_cpu, tally2),
    ] {
        lat.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{engine} n {n}, {what}: {} ballots acknowledged in {:.3} s ({:.0} votes/s); latency p50 {:.1} ms, \
             p99 {:.1} ms, max {:.1} ms; server CPU {:.2} s ({:.2} ms per vote); stored {} (for {}, against {}, \
             abstaining {}), base {}",
            lat.len(),
            total.as_secs_f64(),
            n as f64 / total.as_secs_f64(),
            ms(lat[lat.len() / 2]),
            ms(lat[(lat.len() * 99).div_ceil(100) - 1]),
            ms(*lat.last().unwrap()),
            cpu,
            cpu * 1000.0 / n as f64,
            t.voted,
            t.votes_for,
            t.against,
            t.abstaining,
            t.base,
        );
        assert_eq!(t.voted as usize, n, "every ballot counted once");
    }
    println!("{engine} n {n}, {concurrency} at a time, slowest: {}", slowest.join("; "));
    println!(
        "{engine} server RSS: idle {idle_rss:.1} MB, with {n} event streams {streams_rss:.1} MB, after the burst \
         {rss:.1} MB, peak (VmHWM) {hwm:.1} MB; first events received on the streams: {events_seen}"
    );
    assert!(events_seen >= n, "every stream got its first event");
}

// --- kill -9 modes (bench/floor/kill9.sh) ---

fn sqlite_of(dir: &Path) -> Target {
    Target { url: format!("sqlite://{}", dir.join("floor.sqlite").display()), schema: None }
}

async fn congress_of(db: &Db) -> (Round, Congress) {
    let round = db.operator().congresses().round(ROUND).await.unwrap().unwrap();
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let c = db.operator().congresses().congress(&round, &qt, TODAY).await.unwrap().unwrap();
    (round, c)
}

/// `--prepare DIR N`: the database and `pins.txt` (card pin per line).
async fn k_prepare(dir: PathBuf, n: usize) {
    let db = sqlite_of(&dir).connect().await;
    let (_, _, pins) = prepare(&db, n).await;
    let text: String = pins.iter().map(|(c, p)| format!("{c} {p}\n")).collect();
    std::fs::write(dir.join("pins.txt"), text).unwrap();
    db.finish().await.unwrap();
}

/// `--next DIR`: closes the vote open and opens the next (as the office
/// would, while the server is down or up); prints its number.
async fn k_next(dir: PathBuf) {
    let db = sqlite_of(&dir).connect().await;
    let (_, c) = congress_of(&db).await;
    let f = db.operator().floor_votes();
    for (v, _) in f.votes(&c).await.unwrap() {
        if v.is_open() {
            f.close(&c, v.number, "kill9").await.unwrap();
        }
    }
    let v = f.open(&c, &NewFloorVote { on: VoteOn::Item(1), secret: false, question: None }, "kill9").await.unwrap();
    println!("{}", v.number);
    db.finish().await.unwrap();
}

/// Signs every delegate in (once: `tokens.txt`, passes last 12 hours).
async fn tokens(dir: &Path, addr: SocketAddr, congress: i64) -> Vec<(String, String)> {
    let file = dir.join("tokens.txt");
    if let Ok(text) = std::fs::read_to_string(&file) {
        return text.lines().filter_map(|l| l.split_once(' ')).map(|(a, b)| (a.to_owned(), b.to_owned())).collect();
    }
    let pins = std::fs::read_to_string(dir.join("pins.txt")).unwrap();
    let mut out = Vec::new();
    for (card, pin) in pins.lines().filter_map(|l| l.split_once(' ')) {
        let (_, token) = sign_in(addr, congress, card, pin).await;
        out.push((card.to_owned(), token));
    }
    std::fs::write(&file, out.iter().map(|(c, t)| format!("{c} {t}\n")).collect::<String>()).unwrap();
    out
}

/// `--vote DIR ADDR VOTE`: every delegate votes on VOTE, 64 at a time;
/// each acknowledgement is appended to `acked-VOTE.txt` (and flushed)
/// as it arrives, until the server dies.
async fn k_vote(dir: PathBuf, addr: SocketAddr, vote: u32) {
    let db = sqlite_of(&dir).connect().await;
    let (_, c) = congress_of(&db).await;
    db.close().await;
    let tokens = Arc::new(tokens(&dir, addr, c.id).await);
    if vote == 0 {
        return;
    }
    let acked = Arc::new(std::sync::Mutex::new(
        std::fs::OpenOptions::new().create(true).append(true).open(dir.join(format!("acked-{vote}.txt"))).unwrap(),
    ));
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..64 {
        let (tokens, next, acked) = (tokens.clone(), next.clone(), acked.clone());
        tasks.push(tokio::spawn(async move {
            let Ok(mut conn) = TcpStream::connect(addr).await else { return };
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((card, token)) = tokens.get(i) else { return };
                let body = format!("{{\"vote\": {vote}, \"choice\": \"for\"}}");
                match request(&mut conn, "POST", &format!("/api/v1/floor/{}/ballot", c.id), token, &body).await {
                    Ok((200, answer)) => {
                        let ack = json_field(&answer, "ack").unwrap_or("").to_owned();
                        let mut f = acked.lock().unwrap();
                        writeln!(f, "{card} {ack}").unwrap();
                        f.flush().unwrap();
                    }
                    _ => return,
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
}

/// `--check DIR ADDR VOTE`: after the restart, every acknowledged ballot
/// of VOTE is stored with its acknowledgement; every delegate votes again
/// (a retry): the acknowledged get their acknowledgement back (`again`),
/// and the count is the number of delegates, none twice.
async fn k_check(dir: PathBuf, addr: SocketAddr, vote: u32) {
    let db = sqlite_of(&dir).connect().await;
    let (_, c) = congress_of(&db).await;
    let acked: std::collections::HashMap<String, String> =
        std::fs::read_to_string(dir.join(format!("acked-{vote}.txt")))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect();
    let stored: std::collections::HashMap<String, _> =
        db.operator().floor_votes().ballots(&c, vote).await.unwrap().into_iter().collect();
    let lost: Vec<&String> = acked.keys().filter(|card| !stored.contains_key(*card)).collect();
    assert!(lost.is_empty(), "acknowledged but not stored: {lost:?}");
    let tokens = tokens(&dir, addr, c.id).await;
    let mut conn = TcpStream::connect(addr).await.unwrap();
    let mut replayed = 0;
    for (card, token) in &tokens {
        let body = format!("{{\"vote\": {vote}, \"choice\": \"for\"}}");
        let (status, answer) =
            request(&mut conn, "POST", &format!("/api/v1/floor/{}/ballot", c.id), token, &body).await.unwrap();
        assert_eq!(status, 200, "{answer}");
        if let Some(ack) = acked.get(card) {
            assert_eq!(json_field(&answer, "ack"), Some(ack.as_str()), "{card}: another acknowledgement");
            assert_eq!(json_field(&answer, "again"), Some("true"), "{card}: stored twice");
            replayed += 1;
        }
    }
    let (_, tally) = db.operator().floor_votes().vote(&c, vote).await.unwrap();
    assert_eq!(tally.voted as usize, tokens.len(), "one ballot per delegate");
    println!(
        "vote {vote}: {} acknowledged before the kill, all stored, {replayed} retried and acknowledged again; {} ballots, one each",
        acked.len(),
        tally.voted
    );
    db.close().await;
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    match args.first().map(String::as_str) {
        Some("--serve") => rt.block_on(serve(&arg(1), &arg(2))),
        Some("--prepare") => rt.block_on(k_prepare(PathBuf::from(arg(1)), arg(2).parse().unwrap_or(200))),
        Some("--next") => rt.block_on(k_next(PathBuf::from(arg(1)))),
        Some("--vote") => rt.block_on(k_vote(PathBuf::from(arg(1)), arg(2).parse().unwrap(), arg(3).parse().unwrap())),
        Some("--check") => {
            rt.block_on(k_check(PathBuf::from(arg(1)), arg(2).parse().unwrap(), arg(3).parse().unwrap()))
        }
        Some("--help") => println!(
            "floor [--postgres URL] [--n N] [--concurrency C] | --prepare DIR N | --next DIR | --vote DIR ADDR VOTE | --check DIR ADDR VOTE"
        ),
        _ => {
            let mut n = 1000;
            let mut concurrency = 8;
            let mut postgres = None;
            let mut i = 0;
            while i < args.len() {
                match args[i].as_str() {
                    "--n" => n = arg(i + 1).parse().unwrap(),
                    "--concurrency" => concurrency = arg(i + 1).parse().unwrap(),
                    "--postgres" => postgres = Some(arg(i + 1)),
                    _ => {}
                }
                i += 2;
            }
            assert!(n <= 5000, "bounded: at most 5,000 delegates");
            let dir = tempfile::tempdir().unwrap();
            let target = match postgres {
                Some(url) => {
                    assert!(url.contains("127.0.0.1") || url.contains("localhost"), "loopback only");
                    Target { url, schema: Some(format!("floor_bench_{}", std::process::id())) }
                }
                None => sqlite_of(dir.path()),
            };
            rt.block_on(load(target, n, concurrency.clamp(1, 64)));
        }
    }
}
