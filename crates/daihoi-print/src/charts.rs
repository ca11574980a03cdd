//! SVG charts (biểu đồ) for the tracking dashboards and reports, as strings to
//! inline in HTML or to embed in a PDF.
//!
//! Made for pages served with a strict content security policy
//! (`style-src 'self'`): no `style` attribute, no `<style>` element, no script.
//! Colours, strokes and fonts are presentation attributes, which any page
//! style sheet overrides, and the parts carry `class` names for that
//! (`chart`, `chart-title`, `bar`, `track`, `value`, `not-reported`,
//! `segment slot-N`, `legend`, `total`, `axis`, `grid`, `baseline`, `target`,
//! `target-zone`, `series`, `point`, `no-data`).
//!
//! Every chart is an `<svg role="img">` labelled by its `<title>` and
//! `<desc>`, scales to the width of its container (`width="100%"` and a
//! `viewBox`), draws its title visibly (hide `.chart-title` in the page's CSS
//! if the page already has a heading), and reads in black and white: values
//! are written next to the bars and points, and the categories of a stacked
//! bar are told apart by hatching patterns as well as colours.
//!
//! Every piece of text is XML-escaped (characters XML cannot carry are
//! dropped), every coordinate is finite, and a chart with nothing to show
//! says so with the caller's "no data" words instead of failing.
//!
//! Ids: a page may inline several charts, and ids must be unique on a page,
//! so each chart takes an `id` from the caller; the `<title>`, `<desc>` and
//! patterns get ids derived from it. Characters other than ASCII letters,
//! digits, `-` and `_` are replaced by `_`.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::format::NumberStyle;

/// The width of every chart's `viewBox`, in user units.
const WIDTH: f64 = 640.0;
const MARGIN: f64 = 12.0;
/// Longer labels are cut with "…" (the full text stays in a tooltip).
const MAX_LABEL_CHARS: usize = 90;
/// Numbers beyond this magnitude are clamped, so that no range overflows.
const MAX_MAGNITUDE: f64 = 1e12;

/// The words every chart needs, already translated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartText {
    /// Unique on the page the chart is inlined in (see the module docs).
    pub id: String,
    /// Shown above the chart and read by screen readers.
    pub title: String,
    /// One or two sentences for screen readers: what the chart shows.
    pub description: String,
    /// Shown instead of the chart when there is nothing to draw.
    pub no_data: String,
}

// --- progress bars -----------------------------------------------------------

/// Progress (tiến độ) of tasks or organizations, one horizontal bar each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressChart {
    pub text: ChartText,
    /// Written in place of a value when an item has no report ("Chưa báo cáo").
    pub not_reported: String,
    pub style: NumberStyle,
    pub items: Vec<ProgressItem>,
}

/// One bar of a [`ProgressChart`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressItem {
    pub label: String,
    /// Percent done, 0..=100 (clamped); `None` (or not a number): not
    /// reported, drawn as a hatched, dashed empty bar.
    pub percent: Option<f64>,
}

/// Horizontal progress bars with their values written at the right.
pub fn progress_bars(chart: &ProgressChart) -> String {
    let t = &chart.text;
    if chart.items.is_empty() {
        return no_data(t);
    }
    let id = clean_id(&t.id);
    const ROW: f64 = 44.0;
    const TOP: f64 = 40.0;
    let track_w = 520.0;
    let height = TOP + ROW * chart.items.len() as f64 + 8.0;
    let mut svg = open(t, height);
    svg.push_str("<defs>");
    hatch_pattern(&mut svg, &format!("{id}-none"), 45.0, "#888888");
    svg.push_str("</defs>");
    title_text(&mut svg, t);
    for (i, item) in chart.items.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let bar_y = y + 20.0;
        svg.push_str(r#"<g class="item">"#);
        label_text(&mut svg, &item.label, y + 14.0);
        match item.percent.filter(|p| p.is_finite()).map(|p| p.clamp(0.0, 100.0)) {
            Some(p) => {
                let _ = write!(
                    svg,
                    r##"<rect class="track" x="{x}" y="{y}" width="{w}" height="16" fill="#edf2f7" stroke="#4a5568" stroke-width="0.75"/>"##,
                    x = n(MARGIN),
                    y = n(bar_y),
                    w = n(track_w)
                );
                let _ = write!(
                    svg,
                    r##"<rect class="bar" x="{x}" y="{y}" width="{w}" height="16" fill="#2b6cb0" stroke="#1a365d" stroke-width="0.75"/>"##,
                    x = n(MARGIN),
                    y = n(bar_y),
                    w = n(track_w * p / 100.0)
                );
                let _ = write!(
                    svg,
                    r#"<text class="value" x="{}" y="{}" font-size="13" font-weight="bold" text-anchor="end">{}</text>"#,
                    n(WIDTH - MARGIN),
                    n(bar_y + 13.0),
                    esc(&chart.style.percent(p))
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r##"<rect class="track not-reported" x="{x}" y="{y}" width="{w}" height="16" fill="url(#{id}-none)" stroke="#4a5568" stroke-width="0.75" stroke-dasharray="4 3"/>"##,
                    x = n(MARGIN),
                    y = n(bar_y),
                    w = n(track_w)
                );
                let _ = write!(
                    svg,
                    r#"<text class="value not-reported" x="{}" y="{}" font-size="12" font-style="italic" text-anchor="end">{}</text>"#,
                    n(WIDTH - MARGIN),
                    n(bar_y + 13.0),
                    esc(&chart.not_reported)
                );
            }
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

// --- stacked counts ----------------------------------------------------------

/// Counts per category for each organization (e.g. tasks overdue by
/// organization), one stacked horizontal bar each, with a legend and totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackedChart {
    pub text: ChartText,
    /// Written before each total ("Tổng").
    pub total_label: String,
    pub style: NumberStyle,
    /// The categories in the order the segments are stacked.
    pub categories: Vec<Category>,
    pub rows: Vec<StackedRow>,
}

/// A category of a [`StackedChart`] ("Quá hạn").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub label: String,
    /// The palette slot: a colour and a hatching of its own, so categories
    /// stay apart in black and white. Slots 0..=5, taken modulo 6:
    /// 0 green (solid), 1 light green (dots), 2 red (diagonal lines),
    /// 3 orange (crossed lines), 4 blue (horizontal lines), 5 grey (vertical
    /// lines). Class `slot-N`.
    pub slot: u8,
}

/// One organization's bar of a [`StackedChart`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackedRow {
    pub label: String,
    /// One count per category, in the categories' order; missing counts are
    /// zero and extra counts are ignored.
    pub counts: Vec<u32>,
}

/// The palette: fill colour and the pattern drawn over it, by slot.
const PALETTE: [(&str, Pattern); 6] = [
    ("#2f855a", Pattern::Solid),
    ("#9ae6b4", Pattern::Dots),
    ("#c53030", Pattern::Diagonal),
    ("#dd6b20", Pattern::Cross),
    ("#3182ce", Pattern::Horizontal),
    ("#a0aec0", Pattern::Vertical),
];

#[derive(Debug, Clone, Copy)]
enum Pattern {
    Solid,
    Dots,
    Diagonal,
    Cross,
    Horizontal,
    Vertical,
}

/// Stacked horizontal bars, scaled to the largest total, with each count
/// written in its segment when it fits and the total at the right.
pub fn stacked_counts(chart: &StackedChart) -> String {
    let t = &chart.text;
    if chart.rows.is_empty() || chart.categories.is_empty() {
        return no_data(t);
    }
    let id = clean_id(&t.id);
    let cats = chart.categories.len();
    let count = |row: &StackedRow, c: usize| u64::from(row.counts.get(c).copied().unwrap_or(0));
    let totals: Vec<u64> = chart.rows.iter().map(|r| (0..cats).map(|c| count(r, c)).sum()).collect();
    let max_total = totals.iter().copied().max().unwrap_or(0).max(1);

    // Legend: swatches flowing left to right, wrapped on an estimated width.
    let mut legend = String::new();
    let (mut lx, mut ly) = (MARGIN, 40.0);
    for (c, cat) in chart.categories.iter().enumerate() {
        let label = truncate(&cat.label);
        let w = 18.0 + 6.5 * label.chars().count() as f64 + 16.0;
        if lx > MARGIN && lx + w > WIDTH - MARGIN {
            lx = MARGIN;
            ly += 20.0;
        }
        let slot = usize::from(cat.slot) % PALETTE.len();
        let _ = write!(legend, r#"<g class="legend-item slot-{slot}">"#);
        swatch(&mut legend, &id, slot, lx, ly, 14.0, 14.0, &format!("legend-{c}"));
        let _ = write!(
            legend,
            r#"<text x="{}" y="{}" font-size="12">{}</text></g>"#,
            n(lx + 18.0),
            n(ly + 11.5),
            esc(&label)
        );
        lx += w;
    }
    const ROW: f64 = 46.0;
    let top = ly + 32.0;
    let height = top + ROW * chart.rows.len() as f64 + 8.0;
    let bar_w = 500.0;

    let mut svg = open(t, height);
    svg.push_str("<defs>");
    let mut used = [false; PALETTE.len()];
    for cat in &chart.categories {
        used[usize::from(cat.slot) % PALETTE.len()] = true;
    }
    for (slot, _) in used.iter().enumerate().filter(|(_, u)| **u) {
        slot_pattern(&mut svg, &id, slot);
    }
    svg.push_str("</defs>");
    title_text(&mut svg, t);
    svg.push_str(r#"<g class="legend">"#);
    svg.push_str(&legend);
    svg.push_str("</g>");
    for (r, row) in chart.rows.iter().enumerate() {
        let y = top + ROW * r as f64;
        let bar_y = y + 20.0;
        svg.push_str(r#"<g class="row">"#);
        label_text(&mut svg, &row.label, y + 14.0);
        let _ = write!(
            svg,
            r##"<rect class="track" x="{}" y="{}" width="{}" height="18" fill="none" stroke="#cbd5e0" stroke-width="0.75"/>"##,
            n(MARGIN),
            n(bar_y),
            n(bar_w)
        );
        let mut x = MARGIN;
        for (c, cat) in chart.categories.iter().enumerate() {
            let k = count(row, c);
            if k == 0 {
                continue;
            }
            let w = bar_w * k as f64 / max_total as f64;
            let slot = usize::from(cat.slot) % PALETTE.len();
            let _ = write!(svg, r#"<g class="segment slot-{slot}"><title>{}: {k}</title>"#, esc(&cat.label));
            swatch(&mut svg, &id, slot, x, bar_y, w, 18.0, "");
            let digits = k.to_string();
            if w >= 8.0 * digits.len() as f64 + 6.0 {
                let _ = write!(
                    svg,
                    r##"<text x="{}" y="{}" font-size="12" font-weight="bold" text-anchor="middle" fill="#000000" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
                    n(x + w / 2.0),
                    n(bar_y + 13.5),
                    esc(&chart.style.number(k as f64))
                );
            }
            svg.push_str("</g>");
            x += w;
        }
        let _ = write!(
            svg,
            r#"<text class="total" x="{}" y="{}" font-size="12" text-anchor="end">{} <tspan font-weight="bold">{}</tspan></text></g>"#,
            n(WIDTH - MARGIN),
            n(bar_y + 13.5),
            esc(&chart.total_label),
            esc(&chart.style.number(totals[r] as f64))
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A rectangle in a slot's colour with its pattern over it.
#[allow(clippy::too_many_arguments)]
fn swatch(svg: &mut String, id: &str, slot: usize, x: f64, y: f64, w: f64, h: f64, class: &str) {
    let (colour, pattern) = PALETTE[slot];
    let class_attr = if class.is_empty() { String::new() } else { format!(r#" class="{class}""#) };
    let _ = write!(
        svg,
        r##"<rect{class_attr} x="{}" y="{}" width="{}" height="{}" fill="{colour}" stroke="#1a202c" stroke-width="0.75"/>"##,
        n(x),
        n(y),
        n(w),
        n(h)
    );
    if !matches!(pattern, Pattern::Solid) {
        let _ = write!(
            svg,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{id}-slot{slot})"/>"#,
            n(x),
            n(y),
            n(w),
            n(h)
        );
    }
}

fn slot_pattern(svg: &mut String, id: &str, slot: usize) {
    let pid = format!("{id}-slot{slot}");
    let ink = "#1a202c";
    match PALETTE[slot].1 {
        Pattern::Solid => {}
        Pattern::Dots => {
            let _ = write!(
                svg,
                r#"<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.1" fill="{ink}"/></pattern>"#
            );
        }
        Pattern::Diagonal => hatch_pattern(svg, &pid, 45.0, ink),
        Pattern::Cross => {
            let _ = write!(
                svg,
                r#"<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><path d="M0 0V6M0 0H6" stroke="{ink}" stroke-width="1.2" fill="none"/></pattern>"#
            );
        }
        Pattern::Horizontal => hatch_pattern(svg, &pid, 90.0, ink),
        Pattern::Vertical => hatch_pattern(svg, &pid, 0.0, ink),
    }
}

/// Parallel lines, `angle` degrees from vertical.
fn hatch_pattern(svg: &mut String, pid: &str, angle: f64, ink: &str) {
    let _ = write!(
        svg,
        r#"<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate({})"><path d="M0 0V6" stroke="{ink}" stroke-width="1.2" fill="none"/></pattern>"#,
        n(angle)
    );
}

// --- targets against values --------------------------------------------------

/// Reported values of a target (chỉ tiêu) over time, against its baseline and
/// target value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetChart {
    pub text: ChartText,
    /// The vertical axis label, with the unit: "Tỷ lệ hộ nghèo (%)".
    pub axis_label: String,
    /// Legend words: "Giá trị báo cáo", "Giá trị cơ sở", "Mục tiêu".
    pub values_label: String,
    pub baseline_label: String,
    pub target_label: String,
    pub style: NumberStyle,
    /// Not drawn when not finite.
    pub baseline: f64,
    /// Not drawn when not finite.
    pub target: f64,
    /// True when less is better (poor households): the zone below the
    /// target is shaded as met instead of the zone above.
    pub lower_is_better: bool,
    /// In any order (sorted by date here); values that are not finite are left out.
    pub points: Vec<TargetPoint>,
}

/// One reported value of a [`TargetChart`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TargetPoint {
    pub date: Date,
    pub value: f64,
}

/// A line chart of reported values over dates, with the baseline and the
/// target as horizontal reference lines and the "met" side of the target shaded.
pub fn target_series(chart: &TargetChart) -> String {
    let t = &chart.text;
    let mut points: Vec<(Date, f64)> = chart
        .points
        .iter()
        .filter(|p| p.value.is_finite())
        .map(|p| (p.date, p.value.clamp(-MAX_MAGNITUDE, MAX_MAGNITUDE)))
        .collect();
    if points.is_empty() {
        return no_data(t);
    }
    points.sort_by_key(|p| p.0);
    let finite = |x: f64| x.is_finite().then(|| x.clamp(-MAX_MAGNITUDE, MAX_MAGNITUDE));
    let baseline = finite(chart.baseline);
    let target = finite(chart.target);

    let id = clean_id(&t.id);
    // The reference lines' values are written right of the plot.
    let (left, right, top, bottom) = (78.0, WIDTH - 64.0, 44.0, 290.0);
    let height = bottom + 62.0;

    // Vertical range: every value and both reference lines, on round ticks.
    let mut lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let mut hi = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    for r in [baseline, target].into_iter().flatten() {
        lo = lo.min(r);
        hi = hi.max(r);
    }
    // Headroom for the value written over the highest point; no negative
    // axis under values that are all positive.
    let pad = (hi - lo) * 0.08;
    let (lo, hi) = (if lo >= 0.0 { (lo - pad).max(0.0) } else { lo - pad }, hi + pad);
    let (lo, hi, step) = nice_range(lo, hi);
    let y_of = |v: f64| bottom - (v - lo) / (hi - lo) * (bottom - top);

    // Horizontal: days since the first point; one date is drawn in the middle.
    let first = points[0].0.to_julian_day();
    let span = f64::from(points[points.len() - 1].0.to_julian_day() - first);
    let x_of = |d: Date| {
        if span <= 0.0 {
            (left + right) / 2.0
        } else {
            left + 10.0 + f64::from(d.to_julian_day() - first) / span * (right - left - 20.0)
        }
    };

    let mut svg = open(t, height);
    svg.push_str("<defs>");
    hatch_pattern(&mut svg, &format!("{id}-met"), 45.0, "#38a169");
    svg.push_str("</defs>");
    title_text(&mut svg, t);

    // The met zone: beyond the target, on the side its direction says.
    if let Some(tv) = target {
        let ty = y_of(tv);
        let (zy, zh) = if chart.lower_is_better { (ty, bottom - ty) } else { (top, ty - top) };
        if zh > 0.0 {
            let _ = write!(
                svg,
                r##"<rect class="target-zone" x="{}" y="{}" width="{}" height="{}" fill="url(#{id}-met)" fill-opacity="0.35"/>"##,
                n(left),
                n(zy),
                n(right - left),
                n(zh)
            );
        }
    }

    // Grid and vertical axis.
    svg.push_str(r#"<g class="axis y-axis" font-size="11">"#);
    let ticks = ((hi - lo) / step).round().clamp(1.0, 20.0) as usize;
    for k in 0..=ticks {
        let v = lo + step * k as f64;
        let y = y_of(v);
        let _ = write!(
            svg,
            r##"<line class="grid" x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="#e2e8f0" stroke-width="0.75"/><text x="{tx}" y="{ty}" text-anchor="end">{label}</text>"##,
            l = n(left),
            r = n(right),
            y = n(y),
            tx = n(left - 6.0),
            ty = n(y + 4.0),
            label = esc(&chart.style.number(round_to_step(v, step)))
        );
    }
    let mid = (top + bottom) / 2.0;
    let _ = write!(
        svg,
        r#"<text class="axis-label" x="16" y="{y}" font-size="12" text-anchor="middle" transform="rotate(-90 16 {y})">{}</text>"#,
        esc(&truncate(&chart.axis_label)),
        y = n(mid)
    );
    let _ = write!(
        svg,
        r##"<path d="M{l} {t}V{b}H{r}" fill="none" stroke="#4a5568" stroke-width="1"/></g>"##,
        l = n(left),
        t = n(top),
        b = n(bottom),
        r = n(right)
    );

    // Dates under the axis: all of them when few, else about six.
    svg.push_str(r#"<g class="axis x-axis" font-size="11" text-anchor="middle">"#);
    let every = points.len().div_ceil(6).max(1);
    let mut last_x = f64::NEG_INFINITY;
    for (i, (d, _)) in points.iter().enumerate() {
        let is_last = i == points.len() - 1;
        let x = x_of(*d);
        if (i % every != 0 && !is_last) || x - last_x < 70.0 {
            continue;
        }
        last_x = x;
        let _ = write!(
            svg,
            r##"<line x1="{x}" y1="{b}" x2="{x}" y2="{b2}" stroke="#4a5568"/><text x="{x}" y="{ty}">{}</text>"##,
            esc(&chart.style.date(*d)),
            x = n(x),
            b = n(bottom),
            b2 = n(bottom + 4.0),
            ty = n(bottom + 17.0)
        );
    }
    svg.push_str("</g>");

    // Reference lines, their values written past the right end.
    let reference = |svg: &mut String, class: &str, value: f64, dash: &str, colour: &str, width: f64| {
        let y = y_of(value);
        let _ = write!(
            svg,
            r#"<g class="{class}"><line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="{colour}" stroke-width="{w}" stroke-dasharray="{dash}"/><text x="{tx}" y="{ty}" font-size="11" fill="{colour}">{}</text></g>"#,
            esc(&chart.style.number(value)),
            l = n(left),
            r = n(right),
            y = n(y),
            w = n(width),
            tx = n(right + 4.0),
            ty = n(y + 4.0)
        );
    };
    if let Some(b) = baseline {
        reference(&mut svg, "baseline", b, "3 3", "#4a5568", 1.25);
    }
    if let Some(tv) = target {
        reference(&mut svg, "target", tv, "9 4", "#22543d", 2.0);
    }

    // The series: a line through the points, each point with its value.
    let path: Vec<String> = points.iter().map(|(d, v)| format!("{} {}", n(x_of(*d)), n(y_of(*v)))).collect();
    let _ = write!(
        svg,
        r##"<g class="series"><path d="M{}" fill="none" stroke="#2b6cb0" stroke-width="2"/>"##,
        path.join("L")
    );
    let label_all = points.len() <= 12;
    for (i, (d, v)) in points.iter().enumerate() {
        let (x, y) = (x_of(*d), y_of(*v));
        let _ = write!(
            svg,
            r##"<circle class="point" cx="{}" cy="{}" r="4" fill="#ffffff" stroke="#2b6cb0" stroke-width="2"><title>{}: {}</title></circle>"##,
            n(x),
            n(y),
            esc(&chart.style.date(*d)),
            esc(&chart.style.number(*v))
        );
        if label_all || i == points.len() - 1 {
            let _ = write!(
                svg,
                r##"<text class="value" x="{}" y="{}" font-size="11" font-weight="bold" text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
                n(x),
                n(y - 9.0),
                esc(&chart.style.number(*v))
            );
        }
    }
    svg.push_str("</g>");

    // Legend under the dates.
    let ly = bottom + 44.0;
    let _ = write!(svg, r#"<g class="legend" font-size="12">"#);
    let mut entries = vec![(chart.values_label.as_str(), "#2b6cb0", "none", 2.0, true)];
    if baseline.is_some() {
        entries.push((chart.baseline_label.as_str(), "#4a5568", "3 3", 1.25, false));
    }
    if target.is_some() {
        entries.push((chart.target_label.as_str(), "#22543d", "9 4", 2.0, false));
    }
    let mut lx = left;
    for (words, colour, dash, width, dot) in entries {
        let words = truncate(words);
        let _ = write!(
            svg,
            r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="{}" stroke-dasharray="{dash}"/>"#,
            n(lx),
            n(lx + 24.0),
            n(width),
            y = n(ly)
        );
        if dot {
            let _ = write!(
                svg,
                r##"<circle cx="{}" cy="{}" r="4" fill="#ffffff" stroke="{colour}" stroke-width="2"/>"##,
                n(lx + 12.0),
                n(ly)
            );
        }
        let _ = write!(svg, r#"<text x="{}" y="{}">{}</text>"#, n(lx + 30.0), n(ly + 4.0), esc(&words));
        lx += 40.0 + 6.5 * words.chars().count() as f64;
    }
    svg.push_str("</g></svg>");
    svg
}

/// Round bounds and a 1-2-5 step covering `lo..=hi` in about five steps.
fn nice_range(lo: f64, hi: f64) -> (f64, f64, f64) {
    let (mut lo, mut hi) = (lo, hi);
    if hi - lo < 1e-9 * hi.abs().max(1.0) {
        let pad = (hi.abs() * 0.1).max(1.0);
        lo -= pad;
        hi += pad;
    }
    let raw = (hi - lo) / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let nlo = (lo / step).floor() * step;
    let nhi = (hi / step).ceil() * step;
    if nlo.is_finite() && nhi.is_finite() && step.is_finite() && step > 0.0 && nhi > nlo {
        (nlo, nhi, step)
    } else {
        (lo, hi, (hi - lo) / 5.0)
    }
}

/// `v` rounded to the precision of `step` (no 0.30000000000000004 on an axis).
fn round_to_step(v: f64, step: f64) -> f64 {
    let digits = (-step.log10().floor()).clamp(0.0, 6.0);
    let f = 10f64.powf(digits);
    let r = (v * f).round() / f;
    if r.is_finite() { r } else { v }
}

// --- shared pieces -----------------------------------------------------------

/// The chart with nothing to draw: a dashed box saying so.
fn no_data(t: &ChartText) -> String {
    let mut svg = open(t, 120.0);
    title_text(&mut svg, t);
    let _ = write!(
        svg,
        r##"<g class="no-data"><rect x="{m}" y="36" width="{w}" height="70" fill="none" stroke="#718096" stroke-dasharray="6 4"/><text x="{cx}" y="76" font-size="14" font-style="italic" text-anchor="middle" fill="#4a5568">{}</text></g></svg>"##,
        esc(&truncate(&t.no_data)),
        m = n(MARGIN),
        w = n(WIDTH - 2.0 * MARGIN),
        cx = n(WIDTH / 2.0)
    );
    svg
}

/// The root element with its accessible name and description.
fn open(t: &ChartText, height: f64) -> String {
    let id = clean_id(&t.id);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" font-family="Liberation Sans, Arial, Helvetica, sans-serif" fill="#1a202c"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"##,
        w = n(WIDTH),
        h = n(height),
        title = esc(&t.title),
        desc = esc(&t.description)
    )
}

fn title_text(svg: &mut String, t: &ChartText) {
    let _ = write!(
        svg,
        r#"<text class="chart-title" x="{}" y="22" font-size="15" font-weight="bold">{}</text>"#,
        n(MARGIN),
        esc(&truncate(&t.title))
    );
}

/// A row's label at the left, cut when long, with the full text as the
/// tooltip of the row's group (so this comes first in the group).
fn label_text(svg: &mut String, label: &str, y: f64) {
    let short = truncate(label);
    if short != label {
        let _ = write!(svg, "<title>{}</title>", esc(label));
    }
    let _ = write!(svg, r#"<text class="label" x="{}" y="{}" font-size="13">{}</text>"#, n(MARGIN), n(y), esc(&short));
}

fn truncate(s: &str) -> String {
    if s.chars().count() <= MAX_LABEL_CHARS {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(MAX_LABEL_CHARS - 1).collect();
        t.push('…');
        t
    }
}

/// A coordinate: one decimal at most, never NaN or infinite.
fn n(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 { format!("{r:.0}") } else { format!("{r:.1}") }
}

/// Text for XML content and attribute values; characters XML 1.0 cannot
/// carry (most control characters, lone surrogates cannot occur in `str`,
/// U+FFFE, U+FFFF) are dropped.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn clean_id(id: &str) -> String {
    let s: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    // An XML id starts with a letter or underscore.
    if s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') { s } else { format!("c{s}") }
}

#[cfg(test)]
#[path = "charts_tests.rs"]
mod tests;
