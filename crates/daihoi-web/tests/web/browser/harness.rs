//! The harness of the browser tests: Debian's headless Chromium driven by
//! chromedriver over WebDriver (fantoccini), against the app served on a
//! loopback port over a fresh SQLite database holding the demo scenario.
//!
//! - [`run`] is the whole life of one test: it skips (with a note) when
//!   Chromium or chromedriver is missing, unless `DAIHOI_TEST_REQUIRE_BROWSER`
//!   is set; starts the app; opens a browser session; runs the test body; on
//!   a panic saves a screenshot under `CARGO_TARGET_TMPDIR/browser/` and fails
//!   with the page's URL and an excerpt of its source; closes the session.
//! - One chromedriver per test binary, on a free port, shared by the tests
//!   that run at the same time and killed (by `Drop`) when the last of them
//!   ends. Each test has its own browser session and its own profile folder.
//! - [`Browser`] is what a test body sees: `goto`, `click_link`, `fill`,
//!   `set_value`, `submit`, `text`, `wait_text`, `path`, `screenshot`, and the
//!   database (`db`) to prepare data. Every method waits (at most
//!   [`WAIT`]) for what it needs and panics with a readable message.
//! - Pages need a signed-in user: [`Browser::user`] creates an account (with
//!   [`PASSWORD`]) holding a role, [`sign_in`] signs in through the form,
//!   [`sign_in_as_admin`] does both for an administrator of the province.
//!
//! `DAIHOI_CHROMEDRIVER` and `DAIHOI_CHROMIUM` override the paths of the two
//! programs (`/usr/bin/chromedriver`, `/usr/bin/chromium`).

use std::future::Future;
use std::io::Write as _;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use daihoi_core::{OrgCode, Role};
use daihoi_store::Db;
use daihoi_store::accounts::Login;
use daihoi_test_support::{TestDb, TestEngine};
use daihoi_web::{AppState, router};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// How long any step waits for the page before failing.
pub const WAIT: Duration = Duration::from_secs(5);

/// Members in the demo scenario: enough for a real tree, fast to load.
const MEMBERS: usize = 300;

/// The chromium options known to work on this machine (research notes §1.11):
/// without the background-networking flags Chromium keeps trying to reach
/// Google's hosts through a closed network.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--window-size=1024,768",
];

/// Where screenshots and the chromedriver log go.
fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).expect("create the browser tests' output folder");
    dir
}

/// The two programs, when installed.
struct Tools {
    chromedriver: PathBuf,
    chromium: PathBuf,
}

impl Tools {
    /// `None` (with a note) when either is missing; panics instead when
    /// `DAIHOI_TEST_REQUIRE_BROWSER` is set.
    fn find() -> Option<Tools> {
        let path = |var: &str, default: &str| PathBuf::from(std::env::var_os(var).unwrap_or_else(|| default.into()));
        let tools = Tools {
            chromedriver: path("DAIHOI_CHROMEDRIVER", "/usr/bin/chromedriver"),
            chromium: path("DAIHOI_CHROMIUM", "/usr/bin/chromium"),
        };
        if tools.chromedriver.is_file() && tools.chromium.is_file() {
            return Some(tools);
        }
        assert!(
            std::env::var_os("DAIHOI_TEST_REQUIRE_BROWSER").is_none(),
            "DAIHOI_TEST_REQUIRE_BROWSER is set but {} or {} is missing",
            tools.chromedriver.display(),
            tools.chromium.display()
        );
        eprintln!("note: browser tests skipped (chromium/chromedriver not installed)");
        None
    }
}

/// A running chromedriver; killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

/// The chromedriver of this test binary, while some test holds it.
static DRIVER: Mutex<Weak<Driver>> = Mutex::new(Weak::new());

impl Driver {
    /// The running chromedriver, or a new one.
    fn shared(tools: &Tools) -> Arc<Driver> {
        let mut slot = DRIVER.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(driver) = slot.upgrade() {
            return driver;
        }
        let driver = Arc::new(Driver::start(tools));
        *slot = Arc::downgrade(&driver);
        driver
    }

    fn start(tools: &Tools) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let log_path = out_dir().join(format!("chromedriver-{}.log", std::process::id()));
        let log = std::fs::File::create(&log_path).expect("create the chromedriver log");
        let child = Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", tools.chromedriver.display()));
        let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
        // Ready when it accepts connections (it starts in well under a second).
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(100)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen on {addr}; see {}", log_path.display());
            std::thread::sleep(Duration::from_millis(20));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The app on a loopback port over its own database.
struct App {
    db: TestDb,
    url: String,
    server: tokio::task::JoinHandle<()>,
}

impl App {
    async fn start() -> App {
        let db = TestDb::new(TestEngine::Sqlite).await.expect("SQLite is always there");
        let scenario = daihoi_demo::quang_ninh(MEMBERS, daihoi_demo::DEMO_SEED);
        db.db.load_scenario(&scenario, daihoi_demo::AS_OF, &mut |_| {}).await.expect("load the demo scenario");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the app");
        let url = format!("http://{}", listener.local_addr().expect("app address"));
        let app = router(AppState::new(db.db.clone()));
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("serve the app");
        });
        App { db, url, server }
    }

    async fn stop(self) {
        self.server.abort();
        let _ = self.server.await;
        self.db.db.close().await;
    }
}

/// A WebDriver session in a fresh Chromium profile.
async fn open_session(driver: &Driver, tools: &Tools, profile: &Path) -> Client {
    let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| (*a).to_owned()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    // A camera that films what [`Browser::hold_up_qr`] wrote, its use
    // allowed without asking.
    args.push("--use-fake-device-for-media-stream".into());
    args.push("--use-fake-ui-for-media-stream".into());
    args.push(format!("--use-file-for-fake-video-capture={}", camera_file(profile).display()));
    let mut caps = serde_json::Map::new();
    // `--lang` does not set the language on Linux; the preference does
    // (`Accept-Language` and `navigator.languages`).
    let prefs = json!({ "intl.accept_languages": "vi,en" });
    caps.insert("goog:chromeOptions".into(), json!({ "binary": tools.chromium, "args": args, "prefs": prefs }));
    ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .unwrap_or_else(|e| panic!("open a Chromium session through chromedriver at {}: {e}", driver.url))
}

/// Runs one browser test: `test` gets a [`Browser`] on the demo app. `name`
/// names the screenshot saved on failure.
pub async fn run<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(tools) = Tools::find() else { return };
    let driver = Driver::shared(&tools);
    let app = App::start().await;
    let profile = tempfile::tempdir().expect("a profile folder");
    let client = open_session(&driver, &tools, profile.path()).await;
    let browser = Browser {
        client: client.clone(),
        base: app.url.clone(),
        db: app.db.db.clone(),
        camera: camera_file(profile.path()),
    };
    // On its own task, so that a panic comes back here and the session is
    // still closed (a session left open keeps its Chromium running).
    let outcome = tokio::spawn(test(browser)).await;
    let failure = match outcome {
        Ok(()) => None,
        Err(e) => Some(describe_failure(&client, name, e).await),
    };
    let _ = client.close().await;
    app.stop().await;
    drop(driver);
    if let Some(message) = failure {
        panic!("{message}");
    }
}

/// The panic's message, a screenshot and where the browser was.
async fn describe_failure(client: &Client, name: &str, error: tokio::task::JoinError) -> String {
    let reason = match error.try_into_panic() {
        Ok(payload) => payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "panic".into()),
        Err(e) => e.to_string(),
    };
    let url = client.current_url().await.map(|u| u.to_string()).unwrap_or_else(|e| format!("(no URL: {e})"));
    let shot = match save_screenshot(client, name).await {
        Ok(path) => path.display().to_string(),
        Err(e) => format!("(no screenshot: {e})"),
    };
    let source = client.source().await.map(|s| excerpt(&s)).unwrap_or_else(|e| format!("(no source: {e})"));
    format!(
        "browser test {name} failed: {reason}\n  at {url}\n  screenshot: {shot}\n  page source (excerpt):\n{source}"
    )
}

async fn save_screenshot(client: &Client, name: &str) -> Result<PathBuf, String> {
    let png = client.screenshot().await.map_err(|e| e.to_string())?;
    let path = out_dir().join(format!("{name}.png"));
    std::fs::File::create(&path).and_then(|mut f| f.write_all(&png)).map_err(|e| e.to_string())?;
    Ok(path)
}

/// The page's `<main>` (or its start), at most 3000 characters.
fn excerpt(source: &str) -> String {
    let start = source.find("<main").unwrap_or(0);
    let end = source.find("</main>").map_or(source.len(), |i| i + "</main>".len()).max(start);
    let main = &source[start..end];
    match main.char_indices().nth(3000) {
        Some((cut, _)) => format!("{}\n…", &main[..cut]),
        None => main.to_owned(),
    }
}

/// The password of every account the browser tests create.
pub const PASSWORD: &str = "mật khẩu thử nghiệm";

/// Signs in through the sign-in form and waits for the home page.
pub async fn sign_in(b: &Browser, login: &str, password: &str) {
    b.goto("/login").await;
    b.fill("main form input[name=login]", login).await;
    b.fill("main form input[name=password]", password).await;
    b.submit("main form button[type=submit]").await;
    let path = b.path().await;
    assert!(!path.starts_with("/login"), "sign-in of {login} failed, still at {path}");
}

/// Creates an administrator of the province and signs in as them.
pub async fn sign_in_as_admin(b: &Browser) {
    b.user("qn.admin", Role::Admin, "QN").await;
    sign_in(b, "qn.admin", PASSWORD).await;
}

/// What a test body drives: one browser session on the app.
pub struct Browser {
    client: Client,
    base: String,
    /// The app's database, to prepare data before a step.
    pub db: Db,
    /// What the session's camera films (a YUV4MPEG2 file, played in a loop).
    camera: PathBuf,
}

/// The session's camera's film: in its profile folder.
fn camera_file(profile: &Path) -> PathBuf {
    profile.join("camera.y4m")
}

/// One 320×240 frame of a YUV4MPEG2 film (4:2:0, full range): the QR code
/// of `text` in black on white, 5 pixels a module with its quiet zone, in
/// the middle, as a card held up to a phone.
fn qr_film(text: &str) -> Vec<u8> {
    const WIDTH: usize = 320;
    const HEIGHT: usize = 240;
    const MODULE: usize = 5;
    let modules = daihoi_print::cards::qr_modules(text).unwrap_or_else(|e| panic!("the QR code of {text:?}: {e}"));
    let side = modules.len() * MODULE;
    assert!(side + 8 * MODULE <= HEIGHT, "the QR code of {text:?} fits in the frame");
    let (left, top) = ((WIDTH - side) / 2, (HEIGHT - side) / 2);
    let mut luma = vec![255u8; WIDTH * HEIGHT];
    for (y, row) in modules.iter().enumerate() {
        for (x, dark) in row.iter().enumerate() {
            if *dark {
                for dy in 0..MODULE {
                    let start = (top + y * MODULE + dy) * WIDTH + left + x * MODULE;
                    luma[start..start + MODULE].fill(0);
                }
            }
        }
    }
    let mut film = format!("YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\nFRAME\n").into_bytes();
    film.extend_from_slice(&luma);
    // The two chroma planes, a quarter each: grey.
    film.resize(film.len() + WIDTH * HEIGHT / 2, 128);
    film
}

impl Browser {
    /// Creates the account `login` (password [`PASSWORD`]) holding `role`
    /// over `org`; returns its id.
    pub async fn user(&self, login: &str, role: Role, org: &str) -> i64 {
        let accounts = self.db.operator().accounts();
        let user = accounts
            .create_user(&Login::parse(login).expect("a valid login"), login, PASSWORD, None, "test")
            .await
            .unwrap_or_else(|e| panic!("create the user {login}: {e}"));
        accounts
            .grant(&user, role, &OrgCode::parse(org).expect("a valid code"), "test")
            .await
            .unwrap_or_else(|e| panic!("grant {role} over {org} to {login}: {e}"));
        user.id
    }

    /// Puts the QR code of `text` in front of the session's camera, before
    /// a page opens it.
    pub fn hold_up_qr(&self, text: &str) {
        std::fs::write(&self.camera, qr_film(text))
            .unwrap_or_else(|e| panic!("write the camera's film {}: {e}", self.camera.display()));
    }

    /// Opens `path` (`/orgs/QN?date=…`) on the app.
    pub async fn goto(&self, path: &str) {
        let url = format!("{}{path}", self.base);
        self.client.goto(&url).await.unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    /// Waits for the element at `css` (panics after [`WAIT`]).
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(WAIT)
            .every(Duration::from_millis(50))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css:?} within {WAIT:?}: {e}"))
    }

    /// The text of the element at `css`, once it is there.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap_or_else(|e| panic!("text of {css:?}: {e}"))
    }

    /// Waits until an element of the page's `<main>` shows `needle` as its
    /// own text (panics after [`WAIT`]).
    pub async fn wait_text(&self, needle: &str) {
        assert!(!needle.contains('"'), "wait_text takes text without double quotes");
        let xpath = format!(r#"//main//*[contains(text(), "{needle}")]"#);
        self.client
            .wait()
            .at_most(WAIT)
            .every(Duration::from_millis(50))
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no {needle:?} on the page within {WAIT:?}: {e}"));
    }

    /// Types `text` into the field at `css`, replacing what it held (for a
    /// date field, see [`Browser::set_value`]).
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.unwrap_or_else(|e| panic!("clear {css:?}: {e}"));
        field.send_keys(text).await.unwrap_or_else(|e| panic!("type into {css:?}: {e}"));
    }

    /// Sets the value of the field at `css` as a picker does, firing `input`
    /// and `change`: for `<input type=date>`, whose typed form follows the
    /// browser's formatting locale (en-US here: mm/dd/yyyy, whatever the
    /// page's language).
    pub async fn set_value(&self, css: &str, value: &str) {
        let field = self.find(css).await;
        let element = serde_json::to_value(&field).expect("element reference");
        self.client
            .execute(
                "const [f, v] = arguments; f.value = v; \
                 f.dispatchEvent(new Event('input', {bubbles: true})); \
                 f.dispatchEvent(new Event('change', {bubbles: true}));",
                vec![element, json!(value)],
            )
            .await
            .unwrap_or_else(|e| panic!("set {css:?} to {value:?}: {e}"));
    }

    /// The app's address (`http://127.0.0.1:port`).
    #[allow(dead_code)]
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The same browser session and database, reaching the app at `base`
    /// (a proxy in front of it).
    #[allow(dead_code)]
    pub fn through(&self, base: String) -> Browser {
        Browser { client: self.client.clone(), base, db: self.db.clone(), camera: self.camera.clone() }
    }

    /// The WebDriver client, for what the methods here do not cover.
    #[allow(dead_code)]
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Clicks the button (or link) at `css` and waits for the next page.
    pub async fn submit(&self, css: &str) {
        let button = self.find(css).await;
        self.navigating(css, button.click()).await;
    }

    /// Follows the link whose text is exactly `text` and waits for the next page.
    pub async fn click_link(&self, text: &str) {
        let link = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::LinkText(text))
            .await
            .unwrap_or_else(|e| panic!("no link {text:?} within {WAIT:?}: {e}"));
        self.navigating(text, link.click()).await;
    }

    /// Marks the current document, does `action`, then waits for a document
    /// without the mark: the next page, not the one still showing.
    async fn navigating(&self, what: &str, action: impl Future<Output = Result<(), fantoccini::error::CmdError>>) {
        self.client
            .execute("document.documentElement.dataset.leaving = '1';", vec![])
            .await
            .unwrap_or_else(|e| panic!("mark the page: {e}"));
        action.await.unwrap_or_else(|e| panic!("click {what:?}: {e}"));
        self.find("html:not([data-leaving])").await;
    }

    /// The page as it is now, saved as `CARGO_TARGET_TMPDIR/browser/{name}.png`.
    #[allow(dead_code)] // for looking at a page while writing a test
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        save_screenshot(&self.client, name).await.unwrap_or_else(|e| panic!("screenshot: {e}"))
    }

    /// The path and query of the current page (`/orgs/QN?date=…`).
    /// Types `text` into the member search box and waits for htmx to swap
    /// the results in (it searches as one types and puts the search in the
    /// address): no page load.
    pub async fn live_search(&self, text: &str) {
        self.fill("form.search input[name=q]", text).await;
        let wanted = text.replace(' ', "%20");
        let started = std::time::Instant::now();
        loop {
            let path = self.path().await;
            if path.contains(&format!("q={wanted}")) || path.contains(&format!("q={}", text.replace(' ', "+"))) {
                break;
            }
            assert!(started.elapsed() < WAIT, "the search for {text:?} did not come back within {WAIT:?} (at {path})");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap_or_else(|e| panic!("current URL: {e}"));
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }
}
