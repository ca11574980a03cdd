//! Translations of the web pages (Vietnamese by default, English, French).
//!
//! Messages live in Fluent files, `locales/{vi,en,fr}/*.ftl` (`main.ftl` and one
//! file per feature area), embedded at
//! build time by `fluent-templates`. Every page template has a [`Tr`] and
//! calls `{{ tr.t("key") }}`, `{{ tr.t1("key", "name", value) }}` or
//! `{{ tr.t_count("key", n) }}` (plural forms come from Fluent selectors on
//! `$count`; Vietnamese has a single form).
//!
//! Key naming: kebab case, `<area>-<thing>`: the page or part first
//! (`home-`, `org-`, `members-`, `member-`, `error-`, `date-form-`, `site-`),
//! shared words under `common-`, and the domain enums as `<enum>-<code>`
//! with the stable code of the value (`org-kind-province`, `gender-female`,
//! `standing-official`, `condition-suspended`); see [`org_kind_key`] and
//! its siblings.
//!
//! The language of a request is picked by [`negotiate`]: the `lang` query
//! parameter, then the `lang` cookie, then `Accept-Language`, then
//! Vietnamese. [`remember_language`] (a middleware) stores it in the request
//! for the [`Tr`] extractor, sets the cookie when `?lang=` chose it, and
//! translates error pages (see `error.rs`). A per-user language from the
//! session would replace [`negotiate`] only.

use std::borrow::{Borrow, Cow};
use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt::{self, Display};
use std::str::FromStr;

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use daihoi_core::OrgKind;
use daihoi_core::members::{ConditionKind, Gender, MemberStanding};
use fluent_templates::fluent_bundle::{FluentResource, FluentValue};
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use time::Date;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "vi",
        // Fluent wraps placeables in U+2068/U+2069 by default; they would end
        // up in titles, printouts and copied text.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            group_numbers(bundle);
        },
    };
}

/// Integers in a bundle's messages (`{ $count }`) grouped like [`Tr::number`].
fn group_numbers(bundle: &mut fluent_templates::FluentBundle<&'static FluentResource>) {
    let lang = bundle.locales.first().and_then(|l| Lang::parse(l.language.as_str()));
    let formatter: fn(&FluentValue<'_>, &_) -> Option<String> = match lang {
        Some(Lang::En) => |v, _| format_integer(v, Lang::En),
        Some(Lang::Fr) => |v, _| format_integer(v, Lang::Fr),
        Some(Lang::Vi) | None => |v, _| format_integer(v, Lang::Vi),
    };
    bundle.set_formatter(Some(formatter));
}

fn format_integer(value: &FluentValue<'_>, lang: Lang) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value >= 0.0 && n.value.fract() == 0.0 && n.value < u64::MAX as f64 => {
            Some(group_digits(n.value as u64, lang.thousands_separator()))
        }
        _ => None,
    }
}

fn group_digits(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len_utf8());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A language of the interface (ngôn ngữ giao diện).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Tiếng Việt: the default and the fallback.
    #[default]
    Vi,
    En,
    Fr,
}

/// A language code that is not one of [`Lang::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?} (expected one of: vi, en, fr)")]
pub struct UnknownLang(pub String);

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Vi, Lang::En, Lang::Fr];

    /// The BCP 47 code, as in `<html lang>` and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Reads `vi`, `en` or `fr`, in any case, with or without a region
    /// (`en-GB`, `fr_CA`).
    pub fn parse(text: &str) -> Option<Lang> {
        let primary = text.trim().split(['-', '_']).next().unwrap_or_default();
        Lang::ALL.into_iter().find(|l| primary.eq_ignore_ascii_case(l.code()))
    }

    /// The best of the three for an `Accept-Language` header: highest
    /// quality first, then the order of the header; Vietnamese when none
    /// is acceptable.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else { continue };
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::Vi => langid!("vi"),
            Lang::En => langid!("en"),
            Lang::Fr => langid!("fr"),
        }
    }

    fn thousands_separator(self) -> char {
        match self {
            Lang::Vi => '.',
            Lang::En => ',',
            // U+202F NARROW NO-BREAK SPACE, as CLDR writes French numbers.
            Lang::Fr => '\u{202F}',
        }
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        Lang::parse(s).ok_or_else(|| UnknownLang(s.to_owned()))
    }
}

impl Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The translator of one request (bộ dịch): messages, numbers and dates in
/// one language. Numbers and dates are taken by value or by reference
/// (`impl Borrow<…>`), since askama passes fields by reference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tr {
    lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The code for `<html lang="…">`.
    /// How numbers, percents and dates are written for this language on
    /// the charts, the reports and the tracking pages (one writer for all:
    /// `daihoi-print`'s).
    pub fn number_style(&self) -> daihoi_print::NumberStyle {
        match self.lang() {
            Lang::Vi => daihoi_print::NumberStyle::Vi,
            Lang::En => daihoi_print::NumberStyle::En,
            Lang::Fr => daihoi_print::NumberStyle::Fr,
        }
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.lookup(key, None)
    }

    /// An audit entry's action in words (`audit-action-<code>`); a code
    /// without a label (an entry written by a later version) as it is.
    pub fn audit_action(&self, code: &str) -> String {
        LOCALES.try_lookup(&self.lang.langid(), &format!("audit-action-{code}")).unwrap_or_else(|| code.to_owned())
    }

    /// The message `key` with one variable, `$name` = `value` (as text).
    pub fn t1(&self, key: &str, name: &str, value: impl Display) -> String {
        let args = HashMap::from([(Cow::Owned(name.to_owned()), FluentValue::from(value.to_string()))]);
        self.lookup(key, Some(&args))
    }

    /// The message `key` with several variables, all as text.
    pub fn t_args(&self, key: &str, vars: &[(&str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
            vars.iter().map(|(k, v)| (Cow::Owned((*k).to_owned()), FluentValue::from(v.clone()))).collect();
        self.lookup(key, Some(&args))
    }

    /// The message `key` with `$count` = `n`, a number: plural selectors
    /// choose on it, and it is shown grouped like [`Tr::number`].
    pub fn t_count(&self, key: &str, n: impl Borrow<u64>) -> String {
        let args = HashMap::from([(Cow::Borrowed("count"), FluentValue::from(*n.borrow()))]);
        self.lookup(key, Some(&args))
    }

    /// `n` with the language's thousands separator: `1.234.567` (vi),
    /// `1,234,567` (en), `1 234 567` with U+202F (fr).
    pub fn number(&self, n: impl Borrow<u64>) -> String {
        group_digits(*n.borrow(), self.lang.thousands_separator())
    }

    /// A date as people write it: `28/11/2026` (vi, fr), `28 Nov 2026` (en).
    pub fn date(&self, d: impl Borrow<Date>) -> String {
        let d = *d.borrow();
        match self.lang {
            Lang::Vi | Lang::Fr => daihoi_core::date::vi(d),
            Lang::En => {
                const MONTHS: [&str; 12] =
                    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
                format!("{} {} {:04}", d.day(), MONTHS[usize::from(u8::from(d.month())) - 1], d.year())
            }
        }
    }

    /// An optional date, empty when absent.
    pub fn date_opt(&self, d: Option<Date>) -> String {
        d.map(|d| self.date(d)).unwrap_or_default()
    }

    /// A stored instant (RFC 3339, UTC) as people read it, in Vietnam's
    /// time: `06/12/2026 11:33` (vi, fr), `6 Dec 2026 11:33` (en). A text
    /// that is not such an instant is shown as it is.
    pub fn moment(&self, at: &str) -> String {
        use time::format_description::well_known::Rfc3339;
        let Ok(instant) = time::OffsetDateTime::parse(at, &Rfc3339) else { return at.to_owned() };
        let offset = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
        let local = instant.to_offset(offset);
        format!("{} {:02}:{:02}", self.date(local.date()), local.hour(), local.minute())
    }

    /// A missing key is a bug: it panics in debug builds (so tests catch it)
    /// and shows as `⟦key⟧`, logged, in release builds; never as nothing.
    fn lookup(&self, key: &str, args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>) -> String {
        match LOCALES.try_lookup_complete(&self.lang.langid(), key, args) {
            Some(text) => text,
            None => {
                tracing::error!(key, lang = self.lang.code(), "missing translation");
                debug_assert!(false, "missing translation {key:?} for {}", self.lang);
                format!("⟦{key}⟧")
            }
        }
    }
}

/// The Fluent key of an organization kind (cấp tổ chức).
pub fn org_kind_key(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Central => "org-kind-central",
        OrgKind::Province => "org-kind-province",
        OrgKind::District => "org-kind-district",
        OrgKind::Commune => "org-kind-commune",
        OrgKind::Grassroots => "org-kind-grassroots",
        OrgKind::PartialCommittee => "org-kind-partial-committee",
        OrgKind::GrassrootsCell => "org-kind-grassroots-cell",
        OrgKind::Cell => "org-kind-cell",
    }
}

/// The Fluent key of a gender (giới tính).
pub fn gender_key(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => "gender-male",
        Gender::Female => "gender-female",
    }
}

/// The Fluent key of a member's standing (loại đảng viên).
pub fn standing_key(standing: MemberStanding) -> &'static str {
    match standing {
        MemberStanding::Official => "standing-official",
        MemberStanding::Probationary => "standing-probationary",
    }
}

/// The Fluent key of a member's condition (tình trạng).
pub fn condition_key(kind: ConditionKind) -> &'static str {
    match kind {
        ConditionKind::ProsecutedOrDetained => "condition-prosecuted-or-detained",
        ConditionKind::Suspended => "condition-suspended",
        ConditionKind::TemporarilyTransferred => "condition-temporarily-transferred",
        ConditionKind::Exempted => "condition-exempted",
    }
}

/// The language of a request: `?lang=`, then the `lang` cookie, then
/// `Accept-Language`, then Vietnamese. Unknown values are skipped.
pub fn negotiate(uri: &Uri, headers: &HeaderMap) -> Lang {
    query_lang(uri)
        .or_else(|| cookie_lang(headers))
        .or_else(|| headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(Lang::from_accept_language))
        .unwrap_or_default()
}

fn query_lang(uri: &Uri) -> Option<Lang> {
    uri.query()?.split('&').find_map(|pair| pair.strip_prefix("lang=")).and_then(Lang::parse)
}

fn cookie_lang(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang="))
        .and_then(Lang::parse)
}

/// The [`Tr`] of the request: the one [`remember_language`] stored, or
/// [`negotiate`]d here when the middleware is not installed.
impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Tr, Infallible> {
        Ok(match parts.extensions.get::<Tr>() {
            Some(tr) => *tr,
            None => Tr::new(negotiate(&parts.uri, &parts.headers)),
        })
    }
}

/// Middleware: picks the request's language once, keeps it for the [`Tr`]
/// extractor, remembers a `?lang=` choice in a cookie for a year, and
/// renders error pages in that language.
pub async fn remember_language(mut request: Request, next: Next) -> Response {
    let chosen = query_lang(request.uri());
    // A signed-in user's language, kept in the session since sign-in.
    let session_lang = match request.extensions().get::<tower_sessions::Session>() {
        Some(s) => s.get::<String>(crate::access::SESSION_LANG).await.ok().flatten().and_then(|l| Lang::parse(&l)),
        None => None,
    };
    let lang = match (chosen, session_lang) {
        (Some(l), _) | (None, Some(l)) => l,
        (None, None) => negotiate(request.uri(), request.headers()),
    };
    let tr = Tr::new(lang);
    request.extensions_mut().insert(tr);
    let mut response = crate::error::localise(crate::page::with_nav(next.run(request)).await, tr);
    if let Some(lang) = chosen
        && let Ok(cookie) = HeaderValue::from_str(&format!("lang={lang}; Path=/; Max-Age=31536000; SameSite=Lax"))
    {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use time::macros::date;

    use super::*;

    const LOCALES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");

    /// Issue 14 §8: French puts a narrow no-break space (U+202F) before
    /// `:` `;` `?` `!` `%` `»` and after `«`, never a plain space.
    #[test]
    fn french_spaces_before_high_punctuation_are_narrow() {
        let dir = Path::new(LOCALES_DIR).join("fr");
        for entry in std::fs::read_dir(&dir).expect("fr locales") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("ftl");
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                let value = line.split_once(" = ").map_or(line, |(_, v)| v);
                for bad in [" :", " ;", " ?", " !", " %", " »", "« "] {
                    assert!(!value.contains(bad), "{}:{}: {bad:?} in {line:?}", path.display(), n + 1);
                }
            }
        }
    }

    /// Issue 14 §8: every action the store writes in the audit log has a
    /// label in every language: the codes are read from the store's sources
    /// (`action: "…"`, `org_change("…"`, `account_change("…"`,
    /// `write_tasks(…, "…"`).
    #[test]
    fn every_audit_action_has_a_label() {
        fn walk(dir: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("store sources") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(std::fs::read_to_string(&path).expect("source"));
                }
            }
        }
        let mut sources = Vec::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../daihoi-store/src"), &mut sources);
        // The web's own entries: sign-in and sign-out.
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/access"), &mut sources);
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/accounts"), &mut sources);
        let pattern = regex::Regex::new(
            r#"(?:action: |org_change\(\s*|account_change\(\s*|write_tasks\([^,()]+,\s*|audit\(\)\.log\([^,()]+,\s*|SignIn::[A-Za-z]+(?:\(_\))? => )"([a-z_]+)""#,
        )
        .expect("pattern");
        let codes: BTreeSet<String> =
            sources.iter().flat_map(|s| pattern.captures_iter(s).map(|c| c[1].to_owned())).collect();
        for code in ["move_org", "task_cascade", "sign_in", "sign_in_refused", "sign_out"] {
            assert!(codes.contains(code), "{code} is not found: {codes:?}");
        }
        for lang in [Lang::Vi, Lang::En, Lang::Fr] {
            let tr = Tr::new(lang);
            let missing: Vec<&String> = codes.iter().filter(|c| tr.audit_action(c) == **c).collect();
            assert!(missing.is_empty(), "{lang}: no label for {missing:?}");
        }
    }

    /// The message identifiers of one locale's `.ftl` files (`main.ftl` and
    /// one per feature area), which must parse without errors and never
    /// define a key twice.
    fn keys(lang: Lang) -> BTreeSet<String> {
        let dir = Path::new(LOCALES_DIR).join(lang.code());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("directory entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort();
        assert!(files.iter().any(|f| f.ends_with("main.ftl")), "{}: no main.ftl", dir.display());
        let mut keys = BTreeSet::new();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let resource = fluent_syntax::parser::parse(text.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            for entry in &resource.body {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    assert!(keys.insert(m.id.name.to_owned()), "{}: {} is defined twice", path.display(), m.id.name);
                }
            }
        }
        keys
    }

    #[test]
    fn the_three_locales_have_the_same_keys() {
        let vi = keys(Lang::Vi);
        assert!(!vi.is_empty());
        let mut problems = Vec::new();
        for lang in [Lang::En, Lang::Fr] {
            let other = keys(lang);
            for missing in vi.difference(&other) {
                problems.push(format!("{missing} is missing in {lang}"));
            }
            for extra in other.difference(&vi) {
                problems.push(format!("{extra} is in {lang} but missing in vi"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Every `t("…")`, `t1("…"`, `t_count("…"` and every `"…-…"` key literal
    /// returned by the `*_key` functions, in the templates and the sources.
    fn used_keys() -> BTreeSet<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("templates"), root.join("src")];
        // This file's tests look up keys that must not exist.
        let this_file = root.join("src").join("i18n.rs");
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
                let path = entry.expect("directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path != this_file && path.extension().is_some_and(|e| e == "html" || e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut used = BTreeSet::new();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("readable source");
            for call in ["t(\"", "t1(\"", "t_count(\""] {
                for (at, _) in text.match_indices(call) {
                    // `t("` must not be the tail of another name (`print("`).
                    let before = text[..at].chars().next_back();
                    if call == "t(\"" && before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[at + call.len()..];
                    let key = &rest[..rest.find('"').expect("closed string")];
                    used.insert(key.to_owned());
                }
            }
        }
        // Keys chosen by code and passed on in a variable (`Some("login-refused")`,
        // `("import-problem-date", …)`): any string literal of a source file
        // that starts with a key area and looks like a key.
        const AREAS: [&str; 19] = [
            "congress-",
            "document-",
            "classification-",
            "dissemination-",
            "login-",
            "account-",
            "import-",
            "error-",
            "home-",
            "audit-",
            "nav-",
            "status-",
            "task-",
            "tracking-",
            "workflow-",
            "event-",
            "period-",
            "rollup-",
            "target-",
        ];
        for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "rs")) {
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            for piece in text.split('"').skip(1).step_by(2) {
                let looks_like_key = AREAS.iter().any(|a| piece.starts_with(a))
                    && piece.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !piece.ends_with('-');
                if looks_like_key {
                    used.insert(piece.to_owned());
                }
            }
        }
        for role in daihoi_core::Role::ALL {
            used.insert(format!("role-{}", role.code()));
        }
        for kind in daihoi_documents::LinkKind::ALL {
            used.insert(format!("link-{}", kind.code()));
            used.insert(format!("link-{}", kind.inverse_code()));
        }
        let enums = OrgKind::ALL
            .into_iter()
            .map(org_kind_key)
            .chain([Gender::Male, Gender::Female].map(gender_key))
            .chain([MemberStanding::Official, MemberStanding::Probationary].map(standing_key))
            .chain(ConditionKind::ALL.map(condition_key));
        used.extend(enums.map(str::to_owned));
        used.extend(crate::error::MESSAGE_KEYS.iter().map(|k| (*k).to_owned()));
        used
    }

    #[test]
    fn every_used_key_exists_in_every_locale() {
        let used = used_keys();
        assert!(used.contains("home-empty") && used.contains("members-count"), "{used:?}");
        let mut problems = Vec::new();
        for lang in Lang::ALL {
            let defined = keys(lang);
            problems.extend(used.difference(&defined).map(|k| format!("{k} is used but missing in {lang}")));
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(Tr::new(Lang::Vi).number(1_234_567), "1.234.567");
        assert_eq!(Tr::new(Lang::En).number(1_234_567), "1,234,567");
        assert_eq!(Tr::new(Lang::Fr).number(1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(Tr::new(Lang::En).number(0), "0");
        assert_eq!(Tr::new(Lang::En).number(999), "999");
        assert_eq!(Tr::new(Lang::En).number(1000), "1,000");
    }

    #[test]
    fn dates_per_language() {
        let d = date!(2026 - 11 - 28);
        assert_eq!(Tr::new(Lang::Vi).date(d), "28/11/2026");
        assert_eq!(Tr::new(Lang::Fr).date(d), "28/11/2026");
        assert_eq!(Tr::new(Lang::En).date(d), "28 Nov 2026");
        assert_eq!(Tr::new(Lang::Vi).date(date!(2005 - 05 - 09)), "09/05/2005");
        assert_eq!(Tr::new(Lang::En).date(date!(2005 - 05 - 09)), "9 May 2005");
    }

    #[test]
    fn plurals_and_grouping_without_isolation_marks() {
        let (vi, en, fr) = (Tr::new(Lang::Vi), Tr::new(Lang::En), Tr::new(Lang::Fr));
        assert_eq!(vi.t_count("members-count", 2), "2 đảng viên");
        assert_eq!(en.t_count("members-count", 1), "1 member");
        assert_eq!(en.t_count("members-count", 2), "2 members");
        assert_eq!(fr.t_count("members-count", 1), "1 membre");
        assert_eq!(fr.t_count("members-count", 2), "2 membres");
        assert_eq!(vi.t_count("members-count", 12_345), "12.345 đảng viên");
        assert_eq!(en.t_count("members-count", 12_345), "12,345 members");
        assert_eq!(fr.t_count("members-count", 12_345), "12\u{202F}345 membres");
        let heading = vi.t1("home-heading", "date", "28/11/2026");
        assert_eq!(heading, "Hệ thống tổ chức đảng ngày 28/11/2026");
        assert!(!heading.contains(['\u{2068}', '\u{2069}']));
    }

    #[test]
    fn enum_labels_match_the_domain_names_in_vietnamese() {
        let vi = Tr::new(Lang::Vi);
        for kind in OrgKind::ALL {
            assert_eq!(vi.t(org_kind_key(kind)), kind.vi());
        }
        for gender in [Gender::Male, Gender::Female] {
            assert_eq!(vi.t(gender_key(gender)), gender.vi());
        }
        for kind in ConditionKind::ALL {
            assert_eq!(vi.t(condition_key(kind)), kind.vi());
        }
        assert_eq!(Tr::new(Lang::En).t(org_kind_key(OrgKind::Cell)), "Party cell");
    }

    #[test]
    #[should_panic(expected = "missing translation")]
    #[cfg(debug_assertions)]
    fn a_missing_key_is_loud() {
        let _ = Tr::new(Lang::En).t("no-such-key");
    }

    #[test]
    fn languages_from_requests() {
        assert_eq!(Lang::parse("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!("fr".parse::<Lang>(), Ok(Lang::Fr));
        assert_eq!(Lang::from_accept_language(""), Lang::Vi);
        assert_eq!(Lang::from_accept_language("de-DE, de;q=0.9"), Lang::Vi);
        assert_eq!(Lang::from_accept_language("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5"), Lang::Fr);
        assert_eq!(Lang::from_accept_language("de, en;q=0.5, fr;q=0.7"), Lang::Fr);
        assert_eq!(Lang::from_accept_language("en;q=0, fr;q=0.1"), Lang::Fr);
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,vi;q=0.8"), Lang::En);

        let headers = |pairs: &[(header::HeaderName, &str)]| {
            let mut h = HeaderMap::new();
            for (name, value) in pairs {
                h.append(name.clone(), HeaderValue::from_str(value).expect("valid header"));
            }
            h
        };
        let uri = |s: &str| s.parse::<Uri>().expect("valid uri");
        let cookie_fr = headers(&[(header::COOKIE, "a=1; lang=fr"), (header::ACCEPT_LANGUAGE, "en")]);
        assert_eq!(negotiate(&uri("/?date=2026-11-28&lang=en"), &cookie_fr), Lang::En);
        assert_eq!(negotiate(&uri("/?lang=xx"), &cookie_fr), Lang::Fr);
        assert_eq!(negotiate(&uri("/"), &headers(&[(header::ACCEPT_LANGUAGE, "en")])), Lang::En);
        assert_eq!(negotiate(&uri("/"), &HeaderMap::new()), Lang::Vi);
    }
}
