//! `word/document.xml` streamed into blocks, and the XML walk both parts
//! share.

use std::borrow::Cow;
use std::io::BufRead;

use daihoi_drafts::Block;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::{NsReader, XmlVersion};

use crate::limits::{DocxLimits, Exceeded};
use crate::read::{DOCUMENT, Stop};
use crate::styles::{Outline, Styles};

/// WordprocessingML, as Word writes it and as strict OOXML names it.
const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Markup compatibility (`mc:AlternateContent`).
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The elements this crate acts on; all others are walked through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Name {
    /// `w:p`.
    P,
    /// `w:pPr`.
    PPr,
    /// `w:pStyle`.
    PStyle,
    /// `w:outlineLvl`.
    OutlineLvl,
    /// `w:r`.
    R,
    /// `w:t`.
    T,
    /// `w:tab`, `w:ptab`, `w:br`, `w:cr`: a space inside a run.
    Space,
    /// `w:noBreakHyphen`.
    Hyphen,
    /// `w:style`.
    Style,
    /// `w:name`, a style's name.
    Label,
    /// `w:basedOn`.
    BasedOn,
    /// Any other.
    Other,
}

/// Whether an element's whole content is left out (see the crate docs).
fn skipped(w: bool, mc: bool, local: &str) -> bool {
    (mc && local == "Fallback")
        || (w
            && (matches!(
                local,
                "del" | "delText" | "moveFrom" | "instrText" | "delInstrText" | "txbxContent" | "rPr" | "sym"
            ) || local.ends_with("Change")))
}

fn classify(local: &str) -> Name {
    match local {
        "p" => Name::P,
        "pPr" => Name::PPr,
        "pStyle" => Name::PStyle,
        "outlineLvl" => Name::OutlineLvl,
        "r" => Name::R,
        "t" => Name::T,
        "tab" | "ptab" | "br" | "cr" => Name::Space,
        "noBreakHyphen" => Name::Hyphen,
        "style" => Name::Style,
        "name" => Name::Label,
        "basedOn" => Name::BasedOn,
        _ => Name::Other,
    }
}

/// The attributes this crate reads, by their local names.
#[derive(Debug, Default)]
pub(crate) struct Attrs {
    /// `w:val`.
    pub(crate) val: Option<String>,
    /// `w:type`.
    pub(crate) kind: Option<String>,
    /// `w:styleId`.
    pub(crate) style_id: Option<String>,
    /// `w:default`.
    pub(crate) default: Option<String>,
}

impl Attrs {
    fn of(start: &BytesStart<'_>) -> Attrs {
        let mut attrs = Attrs::default();
        for attr in start.attributes().with_checks(false).filter_map(Result::ok) {
            let slot = match attr.key.local_name().as_ref() {
                "val" => &mut attrs.val,
                "type" => &mut attrs.kind,
                "styleId" => &mut attrs.style_id,
                "default" => &mut attrs.default,
                _ => continue,
            };
            *slot = attr.normalized_value(XmlVersion::Implicit1_0).ok().map(Cow::into_owned);
        }
        attrs
    }
}

/// One step of the walk.
pub(crate) enum Step {
    /// An element opened (`empty`: and closed at once) at `depth` (the
    /// root is 1); `document` whether it is `w:document`.
    Open { name: Name, depth: usize, empty: bool, document: bool, attrs: Attrs },
    /// An element closed at `depth`.
    Close { name: Name, depth: usize },
    /// Text (entities resolved).
    Text(String),
}

/// A part's XML walked as a stream: nesting bounded, the contents of
/// skipped elements passed over, well-formedness checked (end tags match).
pub(crate) struct Part<R> {
    xml: NsReader<R>,
    buf: Vec<u8>,
    name: &'static str,
    max_depth: u64,
    /// The most characters of one text kept: two past a paragraph's limit
    /// (a paragraph drops one leading space).
    max_text: u64,
    /// The names of the elements open, as this crate knows them.
    open: Vec<Name>,
    /// The depth of the skipped element being passed over.
    skipping: Option<usize>,
}

impl<R: BufRead> Part<R> {
    pub(crate) fn new(input: R, name: &'static str, limits: &DocxLimits) -> Self {
        let mut xml = NsReader::from_reader(input);
        let config = xml.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        let max_text = limits.max_paragraph_chars.saturating_add(2);
        Part { xml, buf: Vec::new(), name, max_depth: limits.max_depth, max_text, open: Vec::new(), skipping: None }
    }

    /// The next step, or `None` at the end of a complete part.
    /// `after_paragraph` is for messages.
    pub(crate) fn next(&mut self, after_paragraph: u64) -> Result<Option<Step>, Stop> {
        let part = self.name;
        let damaged =
            |what: String| Stop::Damaged(format!("its part {part} {what} (after paragraph {after_paragraph})"));
        loop {
            self.buf.clear();
            let (ns, event) = match self.xml.read_resolved_event_into(&mut self.buf) {
                Ok(read) => read,
                Err(error) => return Err(damaged(format!("is not well-formed XML: {error}"))),
            };
            let (w, mc) = match ns {
                ResolveResult::Bound(Namespace(ns)) => (W.contains(&ns), ns == MC),
                _ => (false, false),
            };
            match event {
                Event::Start(ref start) | Event::Empty(ref start) if self.skipping.is_none() => {
                    let empty = matches!(event, Event::Empty(_));
                    let local = start.local_name();
                    let name = if w { classify(local.as_ref()) } else { Name::Other };
                    let depth = self.open.len() + 1;
                    if (depth as u64) > self.max_depth {
                        let exceeded = Exceeded::Depth { part, after_paragraph, limit: self.max_depth };
                        return Err(Stop::Over(exceeded));
                    }
                    if skipped(w, mc, local.as_ref()) {
                        if !empty {
                            self.open.push(Name::Other);
                            self.skipping = Some(depth);
                        }
                        continue;
                    }
                    if !empty {
                        self.open.push(name);
                    }
                    let document = w && local.as_ref() == "document";
                    let attrs = if name == Name::Other { Attrs::default() } else { Attrs::of(start) };
                    return Ok(Some(Step::Open { name, depth, empty, document, attrs }));
                }
                Event::Start(_) => {
                    self.open.push(Name::Other);
                    if self.open.len() as u64 > self.max_depth {
                        let exceeded = Exceeded::Depth { part, after_paragraph, limit: self.max_depth };
                        return Err(Stop::Over(exceeded));
                    }
                }
                Event::End(_) => {
                    let depth = self.open.len();
                    let name = self.open.pop().unwrap_or(Name::Other);
                    if self.skipping == Some(depth) {
                        self.skipping = None;
                    } else if self.skipping.is_none() {
                        return Ok(Some(Step::Close { name, depth }));
                    }
                }
                Event::Text(text) if self.skipping.is_none() => {
                    return Ok(Some(Step::Text(collapsed(&text.into_inner(), self.max_text))));
                }
                Event::CData(text) if self.skipping.is_none() => {
                    return Ok(Some(Step::Text(collapsed(&text.into_inner(), self.max_text))));
                }
                Event::GeneralRef(reference) if self.skipping.is_none() => {
                    let c = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        Ok(None) => match &*reference {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "apos" => '\'',
                            "quot" => '"',
                            // Not expanded: Word writes no other entities.
                            _ => continue,
                        },
                        Err(_) => return Err(damaged("holds an invalid character reference".to_owned())),
                    };
                    return Ok(Some(Step::Text(c.to_string())));
                }
                Event::Eof => {
                    if !self.open.is_empty() {
                        return Err(damaged("is cut off (it ends inside its elements)".to_owned()));
                    }
                    return Ok(None);
                }
                _ => {}
            }
        }
    }
}

/// `text` with its whitespace runs made one space, at most `max` characters
/// of it: what a paragraph keeps of it (a paragraph over its limit is
/// refused, so nothing more is needed to refuse it), without copying a
/// hostile text whole.
fn collapsed(text: &str, max: u64) -> String {
    let mut out = String::new();
    let mut count = 0u64;
    for c in text.chars() {
        if c.is_whitespace() {
            if out.ends_with(' ') {
                continue;
            }
            out.push(' ');
        } else {
            out.push(c);
        }
        count += 1;
        if count >= max {
            break;
        }
    }
    out
}

/// The paragraph being read.
#[derive(Default)]
struct Paragraph {
    /// Its depth (the outermost `w:p`; a `w:p` inside it adds to it).
    depth: usize,
    text: String,
    chars: u64,
    style: Option<String>,
    outline: Option<Outline>,
    /// The depth of its `w:pPr`, while it is open.
    ppr: Option<usize>,
    /// The runs open.
    runs: usize,
    /// The `w:t` open.
    texts: usize,
}

/// The blocks read so far, within the limits.
struct Blocks<'l> {
    blocks: Vec<Block>,
    chars: u64,
    limits: &'l DocxLimits,
}

impl Blocks<'_> {
    fn count(&self) -> u64 {
        self.blocks.len() as u64
    }

    /// Adds `s` to `p`, whitespace runs as one space, within the limits.
    fn push(&mut self, p: &mut Paragraph, s: &str) -> Result<(), Stop> {
        for c in s.chars() {
            let c = if c.is_whitespace() { ' ' } else { c };
            if c == ' ' && (p.text.is_empty() || p.text.ends_with(' ')) {
                continue;
            }
            p.text.push(c);
            p.chars += 1;
            if p.chars > self.limits.max_paragraph_chars {
                let beginning: String = p.text.chars().take(40).collect();
                let (paragraph, limit) = (self.count() + 1, self.limits.max_paragraph_chars);
                return Err(Stop::Over(Exceeded::ParagraphChars { paragraph, beginning, limit }));
            }
            if self.chars + p.chars > self.limits.max_chars {
                return Err(Stop::Over(Exceeded::Chars { limit: self.limits.max_chars }));
            }
        }
        Ok(())
    }

    /// The paragraph ended: kept unless empty.
    fn finish(&mut self, p: Paragraph, styles: &Styles) -> Result<(), Stop> {
        let mut text = p.text;
        if text.ends_with(' ') {
            text.pop();
        }
        if text.is_empty() {
            return Ok(());
        }
        if self.count() >= self.limits.max_paragraphs {
            return Err(Stop::Over(Exceeded::Paragraphs { limit: self.limits.max_paragraphs }));
        }
        self.chars += text.chars().count() as u64;
        let outline = p.outline.or_else(|| styles.outline(p.style.as_deref()));
        self.blocks.push(match outline {
            Some(Outline::Heading(level)) => Block::Heading { level, text },
            Some(Outline::Body) | None => Block::Paragraph { text },
        });
        Ok(())
    }
}

/// Reads the body's paragraphs (see the crate docs).
pub(crate) fn read_document(input: impl BufRead, styles: &Styles, limits: &DocxLimits) -> Result<Vec<Block>, Stop> {
    let mut part = Part::new(input, DOCUMENT, limits);
    let mut out = Blocks { blocks: Vec::new(), chars: 0, limits };
    let mut paragraph: Option<Paragraph> = None;
    let mut root_seen = false;
    while let Some(step) = part.next(out.count())? {
        match step {
            Step::Open { name, depth, empty, document, attrs } => {
                if depth == 1 {
                    if !document {
                        return Err(Stop::Damaged(format!("its part {DOCUMENT} is not a Word document's body")));
                    }
                    root_seen = true;
                }
                let Some(p) = paragraph.as_mut() else {
                    if name == Name::P && !empty {
                        paragraph = Some(Paragraph { depth, ..Paragraph::default() });
                    }
                    continue;
                };
                match name {
                    Name::PPr if !empty && depth == p.depth + 1 => p.ppr = Some(depth),
                    Name::PStyle if p.ppr.is_some_and(|d| depth == d + 1) => {
                        p.style = attrs.val;
                    }
                    Name::OutlineLvl if p.ppr.is_some_and(|d| depth == d + 1) => {
                        p.outline = attrs.val.as_deref().and_then(Outline::from_level);
                    }
                    Name::R if !empty => p.runs += 1,
                    Name::T if !empty => p.texts += 1,
                    Name::Space if p.runs > 0 && p.ppr.is_none() => out.push(p, " ")?,
                    Name::Hyphen if p.runs > 0 && p.ppr.is_none() => out.push(p, "-")?,
                    _ => {}
                }
            }
            Step::Close { name, depth } => {
                let Some(p) = paragraph.as_mut() else { continue };
                match name {
                    Name::P if depth == p.depth => {
                        if let Some(p) = paragraph.take() {
                            out.finish(p, styles)?;
                        }
                    }
                    Name::PPr if p.ppr == Some(depth) => p.ppr = None,
                    Name::R => p.runs = p.runs.saturating_sub(1),
                    Name::T => p.texts = p.texts.saturating_sub(1),
                    _ => {}
                }
            }
            Step::Text(text) => {
                if let Some(p) = paragraph.as_mut()
                    && p.texts > 0
                {
                    out.push(p, &text)?;
                }
            }
        }
    }
    if !root_seen {
        return Err(Stop::Damaged(format!("its part {DOCUMENT} is empty")));
    }
    Ok(out.blocks)
}
