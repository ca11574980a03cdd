//! Hostile spreadsheets at every entry point (issue 12, part 1): the
//! commands that read a spreadsheet (`import members`, `import orgs`,
//! `task import`, `tally`) and a running server's uploads (the member
//! import, the task file, a conference's attendance from a document's page
//! and from the conference's page) refuse each file of the corpus
//! (`daihoi_test_support::hostile`) with a clear error naming it, write
//! nothing, and the server's peak resident memory stays under 300 MB.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use daihoi_test_support::hostile::{HostileFile, corpus};

/// The most a server may hold in memory while it refuses the corpus.
const MAX_SERVER_RSS_KB: u64 = 300 * 1024;

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    /// A folder with a database holding a small demo province (its accounts,
    /// documents and conference included).
    fn with_demo() -> Workspace {
        let w = Workspace { dir: tempfile::tempdir().unwrap() };
        let out = w.run(&["demo", "--members", "200"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        w
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn database(&self) -> String {
        format!("sqlite:{}", self.path("daihoi.sqlite").display())
    }

    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_daihoi"));
        command.args(["--database", &self.database()]).env("DAIHOI_LOG", "warn");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    fn write(&self, file: &HostileFile) -> PathBuf {
        let path = self.path(file.name);
        std::fs::write(&path, &file.bytes).unwrap();
        path
    }

    /// The audit log's entry count, from `daihoi audit verify`.
    fn audit_entries(&self) -> String {
        let out = self.run(&["audit", "verify"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }
}

/// Each command refuses each file with exit status 2 and a message naming
/// it; nothing is written.
#[test]
fn every_command_refuses_every_hostile_file() {
    let w = Workspace::with_demo();
    let election = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tally/w8.toml");
    let before = w.audit_entries();
    for file in corpus() {
        let path = w.write(file);
        let path = path.to_str().unwrap();
        let commands: [&[&str]; 4] = [
            &["import", "members", path],
            &["import", "orgs", path],
            &["task", "import", path],
            &["tally", election.to_str().unwrap(), path],
        ];
        for args in commands {
            let started = Instant::now();
            let out = w.run(args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "daihoi {args:?} ({}): {stderr}", file.what);
            assert!(stderr.contains(file.name), "daihoi {args:?} names the file: {stderr}");
            eprintln!("daihoi {} {}: refused in {:.1?}", args[0], file.name, started.elapsed());
        }
    }
    assert_eq!(w.audit_entries(), before, "nothing was written");
}

/// A server on a free port of this machine, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(w: &Workspace) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr = format!("127.0.0.1:{port}");
        let child = w
            .command()
            .args(["serve", "--no-demo", "--addr", &addr])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while TcpStream::connect(&addr).is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, addr }
    }

    /// The server's peak resident memory so far, in kB (`VmHWM`).
    fn peak_rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM");
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser's part, by hand: one HTTP/1.1 request a connection, the
/// session's cookies kept.
struct Client<'a> {
    server: &'a Server,
    cookies: Vec<String>,
}

struct Reply {
    status: u16,
    body: String,
}

impl Client<'_> {
    fn request(&mut self, method: &str, path: &str, content_type: Option<&str>, body: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(&self.server.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.server.addr);
        if !self.cookies.is_empty() {
            head.push_str(&format!("Cookie: {}\r\n", self.cookies.join("; ")));
        }
        if let Some(content_type) = content_type {
            head.push_str(&format!("Content-Type: {content_type}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes()).unwrap();
        // The server may answer before it has read a body over its limit.
        let _ = stream.write_all(body);
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let status = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            if let Some(cookie) = line.strip_prefix("set-cookie: ").or_else(|| line.strip_prefix("Set-Cookie: ")) {
                let pair = cookie.split(';').next().unwrap().trim().to_owned();
                let name = pair.split('=').next().unwrap().to_owned();
                self.cookies.retain(|c| !c.starts_with(&format!("{name}=")));
                self.cookies.push(pair);
            }
        }
        let mut body = Vec::new();
        let _ = reader.read_to_end(&mut body);
        Reply { status, body: String::from_utf8_lossy(&body).into_owned() }
    }

    /// The CSRF token a page's forms carry.
    fn csrf(&mut self, page: &str) -> String {
        let reply = self.request("GET", page, None, b"");
        assert_eq!(reply.status, 200, "{page}: {}", reply.body);
        let at = reply.body.find("csrf=").or_else(|| reply.body.find("name=\"csrf\" value=\"").map(|i| i + 14));
        let rest = &reply.body[at.expect("a CSRF token") + 5..];
        let rest = rest.trim_start_matches('"').trim_start_matches("value=\"");
        rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
    }

    fn sign_in(&mut self, login: &str) {
        let csrf = self.csrf("/login");
        let form = format!("csrf={csrf}&next=%2F&login={login}&password=daihoi-demo");
        let reply = self.request("POST", "/login", Some("application/x-www-form-urlencoded"), form.as_bytes());
        assert!(reply.status == 303 || reply.status == 302, "sign-in: {} {}", reply.status, reply.body);
    }

    /// The file as the upload forms send it: the session's token first.
    fn upload(&mut self, path: &str, csrf: &str, file: &HostileFile) -> Reply {
        let boundary = "daihoi-hostile-boundary";
        let mut body = Vec::new();
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n").bytes());
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"held_on\"\r\n\r\n2024-11-18\r\n").bytes(),
        );
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                file.name
            )
            .bytes(),
        );
        body.extend(&file.bytes);
        body.extend(format!("\r\n--{boundary}--\r\n").bytes());
        self.request("POST", path, Some(&format!("multipart/form-data; boundary={boundary}")), &body)
    }
}

/// Each upload route refuses each file, saying why in the page, and the
/// server stays under [`MAX_SERVER_RSS_KB`] through the whole corpus.
#[test]
fn the_server_refuses_every_hostile_upload_and_stays_small() {
    let w = Workspace::with_demo();
    let server = Server::start(&w);
    let mut client = Client { server: &server, cookies: Vec::new() };
    client.sign_in("vanphong");
    let at_start = server.peak_rss_kb();
    // A document and a conference of the demo.
    let routes = [
        ("/orgs/QN/import", "/orgs/QN/import"),
        ("/orgs/QN/tracking/tasks-file", "/orgs/QN/tracking/tasks-file"),
        ("/documents/1", "/documents/1/disseminations"),
        ("/disseminations/1", "/disseminations/1/attendance"),
    ];
    for (page, action) in routes {
        let csrf = client.csrf(page);
        for file in corpus() {
            let started = Instant::now();
            let reply = client.upload(action, &csrf, file);
            assert!(
                (400..500).contains(&reply.status) || reply.body.contains("role=\"alert\""),
                "{action} with {} ({}): {} {}",
                file.name,
                file.what,
                reply.status,
                reply.body
            );
            assert!(reply.body.contains(file.name), "{action} names {}: {}", file.name, reply.body);
            eprintln!("{action} {}: {} in {:.1?}", file.name, reply.status, started.elapsed());
        }
    }
    let peak = server.peak_rss_kb();
    eprintln!("server peak RSS: {} MB at start, {} MB after the hostile corpus", at_start / 1024, peak / 1024);
    assert!(peak < MAX_SERVER_RSS_KB, "the server's peak RSS was {} MB", peak / 1024);
}
