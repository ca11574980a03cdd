//! `word/styles.xml`: which paragraph styles make headings, and of which
//! level.

use std::collections::HashMap;
use std::io::BufRead;

use crate::document::{Name, Part, Step};
use crate::limits::{DocxLimits, Exceeded};
use crate::read::{STYLES, Stop};

/// The longest style id or name kept; a longer one is no built-in style.
const MAX_NAME_BYTES: usize = 256;
/// The most styles followed through `w:basedOn` (Word refuses cycles; a
/// hostile file's are cut here).
const MAX_CHAIN: usize = 32;

/// What a style says of a paragraph's outline level, by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outline {
    /// A heading of this level (1–9).
    Heading(u8),
    /// Body text (`w:outlineLvl` 9).
    Body,
}

impl Outline {
    /// From a `w:outlineLvl` value: 0–8 a heading one level below, 9 body
    /// text, anything else nothing.
    pub(crate) fn from_level(value: &str) -> Option<Outline> {
        match value.trim().parse::<u8>() {
            Ok(n @ 0..=8) => Some(Outline::Heading(n + 1)),
            Ok(9) => Some(Outline::Body),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
struct Style {
    /// Its own `w:outlineLvl`, or what its name or id says.
    outline: Option<Outline>,
    based_on: Option<String>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    styles: HashMap<String, Style>,
    /// The style of a paragraph that names none.
    default: Option<String>,
}

impl Styles {
    /// The outline level a paragraph of style `id` (or of the default
    /// style) has, following `w:basedOn`.
    pub(crate) fn outline(&self, id: Option<&str>) -> Option<Outline> {
        let mut id = id.or(self.default.as_deref())?;
        for _ in 0..MAX_CHAIN {
            let Some(style) = self.styles.get(id) else {
                // A style missing from styles.xml: what its id says.
                return by_id(id);
            };
            if style.outline.is_some() {
                return style.outline;
            }
            id = style.based_on.as_deref()?;
        }
        None
    }
}

/// `heading 1` … `heading 9` and `Title`, Word's built-in names.
fn by_name(name: &str) -> Option<Outline> {
    let name = name.trim().to_lowercase();
    if name == "title" {
        return Some(Outline::Heading(1));
    }
    let level = name.strip_prefix("heading")?.trim().parse::<u8>().ok()?;
    (1..=9).contains(&level).then_some(Outline::Heading(level))
}

/// `Heading1` … `Heading9` and `Title`, the ids an English Word gives them.
fn by_id(id: &str) -> Option<Outline> {
    by_name(id).or_else(|| {
        let lower = id.to_ascii_lowercase();
        let level = lower.strip_prefix("heading")?.parse::<u8>().ok()?;
        (1..=9).contains(&level).then_some(Outline::Heading(level))
    })
}

/// The style being read.
struct Current {
    depth: usize,
    id: String,
    name: Option<String>,
    style: Style,
    /// The depth of its `w:pPr`, while it is open.
    ppr: Option<usize>,
}

/// Reads the paragraph styles, within [`DocxLimits::max_styles`] and
/// [`DocxLimits::max_depth`].
pub(crate) fn read_styles(input: impl BufRead, limits: &DocxLimits) -> Result<Styles, Stop> {
    let mut part = Part::new(input, STYLES, limits);
    let mut styles = Styles::default();
    let mut count = 0u64;
    let mut current: Option<Current> = None;
    while let Some(step) = part.next(0)? {
        match step {
            Step::Open { name: Name::Style, depth, empty, attrs, .. } => {
                count += 1;
                if count > limits.max_styles {
                    return Err(Stop::Over(Exceeded::Styles { limit: limits.max_styles }));
                }
                let paragraph = attrs.kind.as_deref().is_none_or(|t| t == "paragraph");
                let Some(id) = attrs.style_id.filter(|id| paragraph && id.len() <= MAX_NAME_BYTES) else {
                    continue;
                };
                if attrs.default.is_some_and(|d| matches!(d.as_str(), "1" | "true" | "on")) {
                    styles.default = Some(id.clone());
                }
                if empty {
                    let outline = by_id(&id);
                    styles.styles.insert(id, Style { outline, based_on: None });
                } else {
                    current = Some(Current { depth, id, name: None, style: Style::default(), ppr: None });
                }
            }
            Step::Open { name, depth, empty, attrs, .. } => {
                let Some(c) = current.as_mut() else { continue };
                match name {
                    Name::Label if depth == c.depth + 1 => {
                        c.name = attrs.val.filter(|n| n.len() <= MAX_NAME_BYTES);
                    }
                    Name::BasedOn if depth == c.depth + 1 => {
                        c.style.based_on = attrs.val.filter(|n| n.len() <= MAX_NAME_BYTES);
                    }
                    Name::PPr if !empty && depth == c.depth + 1 => c.ppr = Some(depth),
                    Name::OutlineLvl if c.ppr.is_some_and(|d| depth == d + 1) => {
                        c.style.outline = attrs.val.as_deref().and_then(Outline::from_level);
                    }
                    _ => {}
                }
            }
            Step::Close { depth, .. } => {
                let Some(c) = current.as_mut() else { continue };
                if c.ppr == Some(depth) {
                    c.ppr = None;
                }
                if c.depth == depth
                    && let Some(Current { id, name, mut style, .. }) = current.take()
                {
                    if style.outline.is_none() {
                        style.outline = name.as_deref().and_then(by_name).or_else(|| by_id(&id));
                    }
                    styles.styles.insert(id, style);
                }
            }
            Step::Text(_) => {}
        }
    }
    Ok(styles)
}
