//! Every SQL statement of the store, prepared (not run) on a freshly
//! migrated SQLite database and, when `DAIHOI_TEST_POSTGRES_URL` is set, a
//! freshly migrated PostgreSQL schema: a misspelt table, column, function
//! or keyword fails `cargo test` on SQLite alone, wherever the statement
//! is, tested or not.
//!
//! The statements are read from the store's sources (`src/**/*.rs`):
//!
//! - every string literal that starts with an SQL verb (`SELECT`,
//!   `INSERT`, `UPDATE`, `DELETE`, `WITH`, …);
//! - every `format!` whose text does once its holes are filled: a hole
//!   naming a `const … : &str`, a `let` of the same file bound to a literal
//!   or a `format!` (the nearest one before), or a function without
//!   arguments that returns a `format!` (`members_named()`), is replaced by
//!   its text, recursively; `placeholders::list(n, …)` and
//!   `placeholders::rows(…, c)` by what they give for one value or row; the
//!   few other holes computed at run time by the values of [`SAMPLES`]
//!   (numbers, classification lists, one of two fragments);
//! - named placeholders (`$date`) are numbered as `placeholders::named`
//!   does; when the statement is given to `named` with a literal list, the
//!   test also checks that the names used and the names bound agree.
//!
//! A text that is itself a hole of another (`REPORT_SQL`, `ATTENDED`) is a
//! fragment, prepared as part of the statements that use it. A statement
//! with a hole that none of this fills must be listed in [`NOT_COVERED`]
//! with a reason, and an entry there that no longer matches fails too.
//! Every failing statement is reported with its file and line.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use sqlx::{AssertSqlSafe, Connection, Executor, SqlSafeStr};

use crate::by_name::rust_files;

/// Values for holes computed at run time that are not SQL written
/// elsewhere: (the hole's expression, without spaces; its values; why
/// these values stand for all).
const SAMPLES: &[(&str, &[&str], &str)] = &[
    ("clearance.sql_up_to()", &["('normal', 'confidential')"], "Classification::sql_up_to: a list of literals"),
    ("filter.clearance.sql_up_to()", &["('normal', 'confidential')"], "Classification::sql_up_to"),
    ("cut.sql()", &[" AND t.classification IN ('normal') AND t.document_id = 1"], "TaskCut::sql, all of it"),
    ("cut", &[" AND t.classification IN ('normal') AND t.document_id = 1"], "let cut = cut.sql()"),
    ("list", &["1, 2"], "integers joined by commas"),
    ("of_document", &[" AND t.document_id = 1"], "an integer in the text"),
    ("prefix", &["3"], "an integer: the length of a path"),
    ("from", &["{members_named()}", "{members_by_card()}"], "one of the two member searches, both prepared"),
    ("filter.limit.clamp(1,500)", &["10"], "an integer"),
    ("filter.offset", &["0"], "an integer"),
    ("most.clamp(1,1000)", &["10"], "an integer"),
    ("column", &["person_id", "org_id"], "the two columns of the loop around it (insert_attendance)"),
    ("schema.replace('\"',\"\\\"\\\"\")", &["daihoi_prepare_sample"], "a schema's name, quoted"),
    (
        "cond",
        &["1 = 1"],
        "the frame only: the audit filter's conditions are pieces (\"actor = ?\", …) put together at run time",
    ),
    (
        "conds.join(\" AND \")",
        &["1 = 1"],
        "the frame only: the document search's conditions are pieces put together at run time",
    ),
];

/// Statements left out, by (file, hole): what fills the hole is SQL built
/// at run time from pieces this test does not read.
const NOT_COVERED: &[(&str, &str, &str)] =
    &[("db.rs", "table", "Db::rows_for_test: a table named by a test, for tests only")];

/// Refusals known and left for now: (file, engine, what the error says,
/// why). An entry that no longer matches fails the test.
const KNOWN: &[(&str, &str, &str, &str)] = &[];

/// Statements for one engine only, recognized by what they contain.
const SQLITE_ONLY: &[(&str, &str)] = &[
    ("PRAGMA", "SQLite's settings and checks (db.rs)"),
    ("sqlite_master", "SQLite's catalogue (Db::schema_columns on SQLite)"),
    ("VACUUM INTO", "SQLite's backup (Db::backup_to refuses PostgreSQL)"),
];
const POSTGRES_ONLY: &[(&str, &str)] = &[
    ("information_schema", "PostgreSQL's catalogue (Db::schema_columns on PostgreSQL)"),
    ("plan_cache_mode", "PostgreSQL's planner setting (Db::connect_in_schema)"),
    ("CREATE SCHEMA", "a schema per test, on PostgreSQL only (Db::connect_in_schema)"),
    ("DROP SCHEMA", "the test schemas' clean-up (Db::drop_schema does nothing on SQLite)"),
    ("FOR SHARE", "a row held shared (a floor ballot against its vote's close); SQLite's write lock does it"),
];

/// `CASE WHEN $flag = 1 THEN $value END` binds a real number with a flag
/// that says whether it is NULL (see the comment above `TASK_COLUMNS`):
/// sqlx's Any driver gives PostgreSQL the value's type with the value, but
/// a statement prepared alone leaves PostgreSQL to guess, and it guesses
/// text. For PostgreSQL the test writes the type: `CAST($value AS DOUBLE
/// PRECISION)`.
fn typed_for_postgres(sql: &str) -> String {
    let mut out = String::new();
    let mut rest = sql;
    while let Some(at) = rest.find("CASE WHEN $") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let parts: Vec<&str> = tail.splitn(8, ' ').collect();
        match parts.as_slice() {
            ["CASE", "WHEN", flag, "=", "1", "THEN", value, end @ ..]
                if flag.starts_with('$')
                    && value.starts_with('$')
                    && end.first().is_some_and(|e| e.starts_with("END")) =>
            {
                out.push_str(&format!("CASE WHEN {flag} = 1 THEN CAST({value} AS DOUBLE PRECISION) "));
                rest = end[0];
            }
            _ => {
                out.push_str("CASE WHEN $");
                rest = &tail["CASE WHEN $".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

const VERBS: &[&str] =
    &["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "PRAGMA", "VACUUM", "CREATE", "DROP", "ALTER", "ANALYZE", "SET"];

// ---------------------------------------------------------------------------
// Reading Rust

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Str(String),
    Ident(String),
    Punct(char),
    Other(String),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
}

impl Token {
    fn ident(&self) -> Option<&str> {
        match &self.tok {
            Tok::Ident(s) => Some(s),
            _ => None,
        }
    }
    fn is(&self, c: char) -> bool {
        self.tok == Tok::Punct(c)
    }
    fn text(&self) -> String {
        match &self.tok {
            Tok::Str(s) => format!("{s:?}"),
            Tok::Ident(s) | Tok::Other(s) => s.clone(),
            Tok::Punct(c) => c.to_string(),
        }
    }
}

/// Rust source as tokens: comments dropped, string literals unescaped.
fn lex(src: &str) -> Vec<Token> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if at(i) == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if ch == '"' {
            let start = line;
            let mut s = String::new();
            i += 1;
            while c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                    match c[i] {
                        'n' => s.push('\n'),
                        't' => s.push('\t'),
                        'r' => s.push('\r'),
                        '0' => s.push('\0'),
                        'u' => {
                            let close = (i..).find(|&j| c[j] == '}').unwrap();
                            let hex: String = c[i + 2..close].iter().collect();
                            s.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                            i = close;
                        }
                        'x' => {
                            let hex: String = c[i + 1..i + 3].iter().collect();
                            s.push(char::from(u8::from_str_radix(&hex, 16).unwrap()));
                            i += 2;
                        }
                        '\n' => {
                            line += 1;
                            while c[i + 1].is_whitespace() {
                                if c[i + 1] == '\n' {
                                    line += 1;
                                }
                                i += 1;
                            }
                        }
                        other => s.push(other),
                    }
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    s.push(c[i]);
                }
                i += 1;
            }
            i += 1;
            out.push(Token { tok: Tok::Str(s), line: start });
        } else if ch == '\'' {
            // A character literal ('x', '\'', '"') or a lifetime ('a).
            let start = i;
            if at(i + 1) == '\\' {
                i += 2;
                while c[i + 1] != '\'' {
                    i += 1;
                }
                i += 2;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
                while at(i).is_alphanumeric() || at(i) == '_' {
                    i += 1;
                }
            }
            out.push(Token { tok: Tok::Other(c[start..i].iter().collect()), line });
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            if (word == "r" || word == "br") && (at(i) == '"' || at(i) == '#') {
                let hashes = (i..).take_while(|&j| c[j] == '#').count();
                i += hashes + 1;
                let start_line = line;
                let mut s = String::new();
                loop {
                    if c[i] == '"' && (1..=hashes).all(|k| at(i + k) == '#') {
                        i += hashes + 1;
                        break;
                    }
                    if c[i] == '\n' {
                        line += 1;
                    }
                    s.push(c[i]);
                    i += 1;
                }
                out.push(Token { tok: Tok::Str(s), line: start_line });
            } else if word == "b" && (at(i) == '"' || at(i) == '\'') {
                // A byte string or byte: lexed as the string or character.
            } else {
                out.push(Token { tok: Tok::Ident(word), line });
            }
        } else if ch.is_ascii_digit() {
            let start = i;
            while at(i).is_alphanumeric() || at(i) == '_' || (at(i) == '.' && at(i + 1).is_ascii_digit()) {
                i += 1;
            }
            out.push(Token { tok: Tok::Other(c[start..i].iter().collect()), line });
        } else {
            out.push(Token { tok: Tok::Punct(ch), line });
            i += 1;
        }
    }
    out
}

/// A `format!` call: its text, its arguments (as written, without spaces).
#[derive(Debug, Clone)]
struct FormatCall {
    template: String,
    /// Token index of the template.
    at: usize,
    positional: Vec<String>,
    named: HashMap<String, String>,
    /// The names of `named(&format!(…), &["a", …])`, when given as a literal.
    bound: Option<Vec<String>>,
}

/// What a `let`, `const` or `fn` holds.
#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Format(usize),
    /// A `const … : usize`.
    Number(String),
}

#[derive(Debug, Default)]
struct File {
    name: String,
    tokens: Vec<Token>,
    /// By token index of their template.
    formats: BTreeMap<usize, FormatCall>,
    /// `let name = …`: (token index, name, value).
    lets: Vec<(usize, String, Value)>,
    /// Token indices of literals that are the value of a `let`, `const` or
    /// `fn` (fragments when their name is used as a hole).
    defined: HashMap<usize, (DefKind, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum DefKind {
    Let,
    Global,
}

/// The index after the `)` that closes the `(` at `open`, and the
/// arguments between, split at top-level commas.
fn arguments(t: &[Token], open: usize) -> (usize, Vec<Vec<Token>>) {
    let mut depth = 0;
    let mut args = vec![Vec::new()];
    let mut i = open;
    loop {
        let tok = &t[i];
        if tok.is('(') || tok.is('[') || tok.is('{') {
            depth += 1;
            if depth == 1 {
                i += 1;
                continue;
            }
        } else if tok.is(')') || tok.is(']') || tok.is('}') {
            depth -= 1;
            if depth == 0 {
                if args.last().is_some_and(Vec::is_empty) {
                    args.pop();
                }
                return (i + 1, args);
            }
        } else if depth == 1 && tok.is(',') {
            args.push(Vec::new());
            i += 1;
            continue;
        }
        args.last_mut().unwrap().push(tok.clone());
        i += 1;
    }
}

fn joined(tokens: &[Token]) -> String {
    tokens.iter().map(Token::text).collect()
}

/// A file's tokens, `format!`s and `let`s, and its `const`s and
/// argument-less `fn`s.
fn read_file(name: String, src: &str) -> (File, Vec<(String, Value)>) {
    let t = lex(src);
    let mut file = File { name, ..File::default() };
    let mut globals = Vec::new();
    for i in 0..t.len() {
        // format!("…", args)
        if t[i].ident() == Some("format")
            && t.get(i + 1).is_some_and(|x| x.is('!'))
            && t.get(i + 2).is_some_and(|x| x.is('('))
            && let Some(Tok::Str(template)) = t.get(i + 3).map(|x| &x.tok)
        {
            let (_, args) = arguments(&t, i + 2);
            let mut call = FormatCall {
                template: template.clone(),
                at: i + 3,
                positional: Vec::new(),
                named: HashMap::new(),
                bound: None,
            };
            for arg in args.iter().skip(1) {
                match arg.as_slice() {
                    [name, eq, rest @ ..] if eq.is('=') && name.ident().is_some() && !rest.is_empty() => {
                        call.named.insert(name.text(), joined(rest));
                    }
                    _ => call.positional.push(joined(arg)),
                }
            }
            // named(&format!(…), &["a", "b"])
            if i >= 3 && t[i - 3].ident() == Some("named") && t[i - 2].is('(') && t[i - 1].is('&') {
                let (_, outer) = arguments(&t, i - 2);
                if let Some([amp, list @ ..]) = outer.get(1).map(Vec::as_slice)
                    && amp.is('&')
                    && list.first().is_some_and(|x| x.is('['))
                {
                    let names: Vec<String> = list
                        .iter()
                        .filter_map(|x| match &x.tok {
                            Tok::Str(s) => Some(s.clone()),
                            _ => None,
                        })
                        .collect();
                    let literal =
                        list.iter().all(|x| x.is('[') || x.is(']') || x.is(',') || matches!(x.tok, Tok::Str(_)));
                    if literal {
                        call.bound = Some(names);
                    }
                }
            }
            file.formats.insert(i + 3, call);
        }
        // const NAME: &str = "…";
        if t[i].ident() == Some("const")
            && let (Some(name), Some(Tok::Str(text))) =
                (t.get(i + 1).and_then(Token::ident), t.get(i + 6).map(|x| &x.tok))
            && t[i + 2].is(':')
            && t[i + 3].is('&')
            && t[i + 4].ident() == Some("str")
            && t[i + 5].is('=')
        {
            globals.push((name.to_owned(), Value::Text(text.clone())));
            file.defined.insert(i + 6, (DefKind::Global, name.to_owned()));
        }
        // fn name(…) -> String { format!(…) }: its holes are filled in the
        // function, whatever the arguments of a call.
        if t[i].ident() == Some("fn")
            && let Some(name) = t.get(i + 1).and_then(Token::ident)
            && t.get(i + 2).is_some_and(|x| x.is('('))
            && let (end, _) = arguments(&t, i + 2)
            && t.get(end + 2).and_then(Token::ident) == Some("String")
            && t.get(end + 3).is_some_and(|x| x.is('{'))
            && t.get(end + 4).and_then(Token::ident) == Some("format")
        {
            globals.push((format!("{name}()"), Value::Format(end + 7)));
            file.defined.insert(end + 7, (DefKind::Global, format!("{name}()")));
        }
        // const NAME: usize = 13;
        if t[i].ident() == Some("const")
            && let (Some(name), Some(Tok::Other(n))) =
                (t.get(i + 1).and_then(Token::ident), t.get(i + 5).map(|x| &x.tok))
            && t[i + 3].ident() == Some("usize")
            && t[i + 4].is('=')
        {
            globals.push((name.to_owned(), Value::Number(n.replace('_', ""))));
        }
        // let [mut] name [: T] = "…"; / format!(…) / named(&format!(…), …)
        if t[i].ident() == Some("let") {
            let mut j = i + 1;
            if t[j].ident() == Some("mut") {
                j += 1;
            }
            let Some(name) = t[j].ident() else { continue };
            let eq = (j + 1..t.len()).take_while(|&k| !t[k].is(';')).find(|&k| t[k].is('='));
            let Some(eq) = eq else { continue };
            let value = match (&t[eq + 1].tok, t.get(eq + 2)) {
                (Tok::Str(s), Some(semi)) if semi.is(';') => Some((eq + 1, Value::Text(s.clone()))),
                (Tok::Ident(f), _) if f == "format" => Some((eq + 4, Value::Format(eq + 4))),
                (Tok::Ident(f), _) if f == "named" && t[eq + 4].ident() == Some("format") => {
                    Some((eq + 7, Value::Format(eq + 7)))
                }
                _ => None,
            };
            if let Some((at, value)) = value {
                file.lets.push((at, name.to_owned(), value));
                file.defined.insert(at, (DefKind::Let, name.to_owned()));
            }
        }
    }
    file.tokens = t;
    (file, globals)
}

// ---------------------------------------------------------------------------
// Filling the holes

/// One way a text reads with its holes filled.
#[derive(Debug, Clone)]
struct Filled {
    text: String,
    /// Holes left unfilled (their expressions).
    open: Vec<String>,
    /// Holes filled by [`SAMPLES`].
    sampled: bool,
}

struct Sources {
    files: Vec<File>,
    /// `const`s and argument-less `fn`s of every file: name → (file, value).
    globals: HashMap<String, (String, Value)>,
}

impl Sources {
    fn file(&self, name: &str) -> &File {
        self.files.iter().find(|f| f.name == name).unwrap()
    }

    /// The ways a `format!` reads.
    fn fill_format(&self, file: &File, call: &FormatCall, depth: usize) -> Vec<Filled> {
        let mut out = vec![Filled { text: String::new(), open: Vec::new(), sampled: false }];
        let mut next_positional = 0;
        let c: Vec<char> = call.template.chars().collect();
        let mut i = 0;
        let push_all = |out: &mut Vec<Filled>, parts: Vec<Filled>| {
            let mut grown = Vec::new();
            for o in out.iter() {
                for p in &parts {
                    let mut open = o.open.clone();
                    open.extend(p.open.iter().cloned());
                    grown.push(Filled { text: format!("{}{}", o.text, p.text), open, sampled: o.sampled || p.sampled });
                }
            }
            *out = grown;
        };
        while i < c.len() {
            if (c[i] == '{' && c.get(i + 1) == Some(&'{')) || (c[i] == '}' && c.get(i + 1) == Some(&'}')) {
                push_all(&mut out, vec![Filled { text: c[i].to_string(), open: Vec::new(), sampled: false }]);
                i += 2;
            } else if c[i] == '{' {
                let close = (i..c.len()).find(|&j| c[j] == '}').unwrap();
                let inner: String = c[i + 1..close].iter().collect();
                let spec = inner.split(':').next().unwrap_or("").to_owned();
                let expr = if spec.is_empty() {
                    next_positional += 1;
                    call.positional.get(next_positional - 1).cloned().unwrap_or_default()
                } else if let Ok(n) = spec.parse::<usize>() {
                    call.positional.get(n).cloned().unwrap_or_default()
                } else {
                    call.named.get(&spec).cloned().unwrap_or(spec)
                };
                push_all(&mut out, self.fill_expr(file, &expr, call.at, depth + 1));
                i = close + 1;
            } else {
                push_all(&mut out, vec![Filled { text: c[i].to_string(), open: Vec::new(), sampled: false }]);
                i += 1;
            }
        }
        out
    }

    /// The ways the expression `expr` of a hole at token `at` reads.
    fn fill_expr(&self, file: &File, expr: &str, at: usize, depth: usize) -> Vec<Filled> {
        assert!(depth < 20, "holes nested too deep at {expr}");
        let is_ident = !expr.is_empty() && expr.chars().all(|c| c.is_alphanumeric() || c == '_');
        if is_ident && let Some((_, _, value)) = file.lets.iter().rev().find(|(i, name, _)| *i < at && name == expr) {
            return self.fill_value(file, value, depth);
        }
        if let Some((home, value)) = self.globals.get(&key(expr)) {
            return self.fill_value(self.file(home), value, depth);
        }
        if let Some(rest) = expr.split("placeholders::list(").nth(1) {
            let first = rest.split(',').next().unwrap();
            return vec![Filled { text: format!("${first}"), open: Vec::new(), sampled: false }];
        }
        if let Some(rest) = expr.split("placeholders::rows(").nth(1) {
            let cols = rest.rsplit(',').next().unwrap().trim_end_matches(')');
            let cols: usize = match self.globals.get(cols) {
                Some((_, Value::Number(n))) => n.parse().unwrap(),
                _ => cols.parse().unwrap(),
            };
            let list = (1..=cols).map(|k| format!("${k}")).collect::<Vec<_>>().join(", ");
            return vec![Filled { text: format!("({list})"), open: Vec::new(), sampled: false }];
        }
        if let Some((_, values, _)) = SAMPLES.iter().find(|(e, _, _)| *e == expr) {
            let mut out = Vec::new();
            for v in *values {
                let call = FormatCall {
                    template: (*v).to_owned(),
                    at,
                    positional: Vec::new(),
                    named: HashMap::new(),
                    bound: None,
                };
                for mut f in self.fill_format(file, &call, depth) {
                    f.sampled = true;
                    out.push(f);
                }
            }
            return out;
        }
        vec![Filled { text: "\u{1}".into(), open: vec![expr.to_owned()], sampled: false }]
    }

    fn fill_value(&self, file: &File, value: &Value, depth: usize) -> Vec<Filled> {
        match value {
            Value::Text(s) | Value::Number(s) => vec![Filled { text: s.clone(), open: Vec::new(), sampled: false }],
            Value::Format(at) => self.fill_format(file, &file.formats[at], depth),
        }
    }
}

/// How a hole's expression names a definition: `f(x, y)` is the function
/// `f()`; anything else is itself.
fn key(expr: &str) -> String {
    match expr.split_once('(') {
        Some((name, _)) if expr.ends_with(')') && name.chars().all(|c| c.is_alphanumeric() || c == '_') => {
            format!("{name}()")
        }
        _ => expr.to_owned(),
    }
}

/// `sql` with its named placeholders numbered: by `bound` when given (and
/// checked against it), else in the order they first occur.
fn number(sql: &str, bound: Option<&[String]>) -> Result<String, String> {
    let mut names: Vec<String> = bound.map(<[String]>::to_vec).unwrap_or_default();
    let mut used = BTreeSet::new();
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = sql.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        let rest = &sql[i + 1..];
        if c != '$' || quoted || !rest.starts_with(|c: char| c.is_ascii_lowercase()) {
            out.push(c);
            continue;
        }
        let len =
            rest.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')).unwrap_or(rest.len());
        let name = &rest[..len];
        let k = match names.iter().position(|n| n == name) {
            Some(k) => k,
            None if bound.is_some() => return Err(format!("${name} is used but not bound")),
            None => {
                names.push(name.to_owned());
                names.len() - 1
            }
        };
        used.insert(name.to_owned());
        out.push_str(&format!("${}", k + 1));
        for _ in 0..len {
            chars.next();
        }
    }
    if let Some(unused) = names.iter().find(|n| !used.contains(*n)) {
        return Err(format!("${unused} is bound but not used"));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// The statements

#[derive(Debug)]
struct Statement {
    place: String,
    sql: String,
    sampled: bool,
}

struct Collected {
    statements: Vec<Statement>,
    /// (place, hole) of statements left out.
    uncovered: Vec<(String, String, String)>,
    /// Problems found while reading (placeholders that disagree).
    problems: Vec<String>,
}

fn is_statement(text: &str) -> bool {
    let t = text.trim_start();
    VERBS.iter().any(|v| t.strip_prefix(v).is_some_and(|r| r.is_empty() || r.starts_with(char::is_whitespace)))
}

fn collect() -> Collected {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = Sources { files: Vec::new(), globals: HashMap::new() };
    for path in rust_files(&src) {
        let name = path.strip_prefix(&src).unwrap().display().to_string();
        let (file, globals) = read_file(name, &std::fs::read_to_string(&path).unwrap());
        for (global, value) in globals {
            sources.globals.insert(global, (file.name.clone(), value));
        }
        sources.files.push(file);
    }
    // Names used as holes: their texts are fragments.
    let mut holes_global = BTreeSet::new();
    let mut holes_local: BTreeSet<(String, String)> = BTreeSet::new();
    for file in &sources.files {
        for call in file.formats.values() {
            let mut exprs: Vec<String> = call.positional.clone();
            exprs.extend(call.named.values().cloned());
            let mut rest = call.template.as_str();
            while let Some(open) = rest.find('{') {
                let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
                exprs.push(rest[open + 1..close].split(':').next().unwrap_or("").to_owned());
                rest = &rest[(close + 1).min(rest.len())..];
            }
            for (_, values, _) in SAMPLES {
                for v in *values {
                    exprs.extend(v.split('{').skip(1).map(|s| s.split('}').next().unwrap().to_owned()));
                }
            }
            for e in exprs {
                holes_global.insert(key(&e));
                holes_local.insert((file.name.clone(), e));
            }
        }
    }
    let mut c = Collected { statements: Vec::new(), uncovered: Vec::new(), problems: Vec::new() };
    for file in &sources.files {
        for (i, token) in file.tokens.iter().enumerate() {
            let Tok::Str(text) = &token.tok else { continue };
            if let Some((kind, name)) = file.defined.get(&i) {
                let fragment = match kind {
                    DefKind::Global => holes_global.contains(name),
                    DefKind::Let => holes_local.contains(&(file.name.clone(), name.clone())),
                };
                if fragment {
                    continue;
                }
            }
            let place = format!("{}:{}", file.name, token.line);
            let (ways, bound) = match file.formats.get(&i) {
                Some(call) => (sources.fill_format(file, call, 0), call.bound.clone()),
                None => (vec![Filled { text: text.clone(), open: Vec::new(), sampled: false }], None),
            };
            for way in ways {
                if !is_statement(&way.text) {
                    continue;
                }
                if let Some(hole) = way.open.first() {
                    c.uncovered.push((file.name.clone(), place.clone(), hole.clone()));
                    continue;
                }
                match number(&way.text, bound.as_deref()) {
                    Ok(sql) => c.statements.push(Statement { place: place.clone(), sql, sampled: way.sampled }),
                    Err(e) => c.problems.push(format!("{place}: {e} in {}", way.text)),
                }
            }
        }
    }
    c.uncovered.dedup();
    c
}

// ---------------------------------------------------------------------------
// Preparing them

/// What preparing each statement on one engine refused: (place, error, SQL).
async fn prepare_all<C>(conn: &mut C, statements: &[&Statement]) -> Vec<(String, String, String)>
where
    for<'c> &'c mut C: Executor<'c>,
{
    let mut failed = Vec::new();
    for s in statements {
        if let Err(e) = (&mut *conn).prepare(AssertSqlSafe(s.sql.clone()).into_sql_str()).await {
            failed.push((s.place.clone(), e.to_string(), s.sql.clone()));
        }
    }
    failed
}

fn only(sql: &str, list: &[(&str, &str)]) -> bool {
    list.iter().any(|(mark, _)| sql.contains(mark))
}

#[test]
fn the_reader_fills_holes_and_numbers_names() {
    let t = lex("let s = \"a \\\n   b\"; // \"not this\"\nconst X: &str = r#\"q \"x\"\"#; let c = '\"';");
    let strings: Vec<_> =
        t.iter().filter_map(|x| if let Tok::Str(s) = &x.tok { Some(s.clone()) } else { None }).collect();
    assert_eq!(strings, ["a b", "q \"x\""]);
    assert_eq!(
        number("a = $x AND b = $y AND c = $x AND d = '$z'", None).unwrap(),
        "a = $1 AND b = $2 AND c = $1 AND d = '$z'"
    );
    let bound = ["y".to_owned(), "x".to_owned()];
    assert_eq!(number("a = $x AND b = $y", Some(&bound)).unwrap(), "a = $2 AND b = $1");
    assert!(number("a = $x", Some(&bound)).is_err());
    assert!(number("a = $x AND b = $z", Some(&bound)).is_err());
    assert_eq!(
        typed_for_postgres("VALUES ($1, CASE WHEN $12 = 1 THEN $7 END, $8), CASE WHEN $2 = 0 THEN 1 END"),
        "VALUES ($1, CASE WHEN $12 = 1 THEN CAST($7 AS DOUBLE PRECISION) END, $8), CASE WHEN $2 = 0 THEN 1 END"
    );
    assert!(
        is_statement("  SELECT 1")
            && is_statement("WITH RECURSIVE")
            && !is_statement("SELECTED")
            && !is_statement("FROM t")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_statement_prepares_on_both_engines() {
    let collected = collect();
    let mut failures = collected.problems.clone();

    // Statements left out must be listed, and every listing must still match.
    for (file, place, hole) in &collected.uncovered {
        if !NOT_COVERED.iter().any(|(f, h, _)| f == file && h == hole) {
            failures.push(format!(
                "{place}: a statement with the hole `{hole}`, computed at run time: add a sample to SAMPLES \
                 or list it in NOT_COVERED with a reason"
            ));
        }
    }
    for (f, h, _) in NOT_COVERED {
        if !collected.uncovered.iter().any(|(file, _, hole)| file == f && hole == h) {
            failures.push(format!("NOT_COVERED lists ({f}, {h}), which no statement has any longer"));
        }
    }

    let statements = &collected.statements;
    let for_sqlite: Vec<&Statement> = statements.iter().filter(|s| !only(&s.sql, POSTGRES_ONLY)).collect();
    let for_postgres: Vec<Statement> = statements
        .iter()
        .filter(|s| !only(&s.sql, SQLITE_ONLY))
        .map(|s| Statement { place: s.place.clone(), sql: typed_for_postgres(&s.sql), sampled: s.sampled })
        .collect();
    let typed = for_postgres.iter().filter(|s| !statements.iter().any(|t| t.sql == s.sql)).count();
    let places: BTreeSet<&str> = statements.iter().map(|s| s.place.as_str()).collect();
    println!(
        "{} statements from {} places ({} with sampled holes; {} SQLite only, {} PostgreSQL only, \
         {} typed for PostgreSQL); {} left out",
        statements.len(),
        places.len(),
        statements.iter().filter(|s| s.sampled).count(),
        statements.len() - for_postgres.len(),
        statements.len() - for_sqlite.len(),
        typed,
        collected.uncovered.len(),
    );
    for (_, place, hole) in &collected.uncovered {
        println!("left out: {place} (`{hole}`)");
    }
    if std::env::var_os("DAIHOI_LIST_STATEMENTS").is_some() {
        for s in statements {
            println!("{}{}: {}", s.place, if s.sampled { " (sampled)" } else { "" }, s.sql);
        }
    }
    assert!(statements.len() > 100, "too few statements found: {}", statements.len());

    // SQLite: a migrated file, then a connection of sqlx's own driver.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("prepare.sqlite").display());
    let db = daihoi_store::Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    let mut lite = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let mut refusals = Vec::new();
    for (place, error, sql) in prepare_all(&mut lite, &for_sqlite).await {
        refusals.push((place, "SQLite", error, sql));
    }
    lite.close().await.unwrap();
    db.close().await;

    // PostgreSQL: a migrated schema of its own.
    if let Some(url) = daihoi_test_support::postgres_url() {
        let schema = format!("daihoi_prepare_{}", std::process::id());
        let db = daihoi_store::Db::connect_in_schema(&url, Some(&schema)).await.unwrap();
        db.migrate().await.unwrap();
        let mut pg = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::raw_sql(AssertSqlSafe(format!("SET search_path TO \"{schema}\""))).execute(&mut pg).await.unwrap();
        let refused = prepare_all(&mut pg, &for_postgres.iter().collect::<Vec<_>>()).await;
        pg.close().await.unwrap();
        db.drop_schema(&schema).await.unwrap();
        db.close().await;
        for (place, error, sql) in refused {
            refusals.push((place, "PostgreSQL", error, sql));
        }
    } else {
        eprintln!("note: statements not prepared on PostgreSQL (DAIHOI_TEST_POSTGRES_URL is not set)");
    }

    for (place, engine, error, sql) in &refusals {
        match KNOWN
            .iter()
            .find(|(f, e, says, _)| place.starts_with(&format!("{f}:")) && e == engine && error.contains(says))
        {
            Some((_, _, _, why)) => println!("known: {place} [{engine}]: {error} ({why})"),
            None => failures.push(format!("{place} [{engine}]: {error}\n    {sql}")),
        }
    }
    for (f, e, says, _) in KNOWN {
        let prepared_there = *e == "SQLite" || daihoi_test_support::postgres_url().is_some();
        let matched = refusals.iter().any(|(place, engine, error, _)| {
            place.starts_with(&format!("{f}:")) && engine == e && error.contains(says)
        });
        if prepared_there && !matched {
            failures.push(format!("KNOWN lists ({f}, {e}, {says}), which no statement gives any longer"));
        }
    }
    assert!(failures.is_empty(), "{} statements fail:\n{}", failures.len(), failures.join("\n"));
}
