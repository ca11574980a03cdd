//! Tests of the charts: snapshots of each, well-formed XML with the
//! accessibility attributes and no forbidden content, and properties over
//! arbitrary inputs.

use proptest::prelude::*;
use time::Date;
use time::macros::date;

use super::*;

fn text(id: &str, title: &str) -> ChartText {
    ChartText {
        id: id.to_owned(),
        title: title.to_owned(),
        description: format!("{title}: mô tả cho trình đọc màn hình."),
        no_data: "Chưa có dữ liệu".to_owned(),
    }
}

fn progress() -> ProgressChart {
    ProgressChart {
        text: text("progress-23", "Tiến độ thực hiện Nghị quyết 23-NQ/TU"),
        not_reported: "Chưa báo cáo".to_owned(),
        style: NumberStyle::Vi,
        items: vec![
            ProgressItem { label: "Đảng bộ xã Quảng Tân".to_owned(), percent: Some(100.0) },
            ProgressItem { label: "Đảng bộ phường Hạ Long & <Bãi Cháy>".to_owned(), percent: Some(37.25) },
            ProgressItem { label: "Chi bộ Trường THCS Đông Ngũ".to_owned(), percent: None },
            ProgressItem { label: "Đảng bộ xã Cái Chiên".to_owned(), percent: Some(0.0) },
            ProgressItem { label: "Đảng bộ Khối các cơ quan tỉnh ".repeat(5), percent: Some(130.0) },
        ],
    }
}

fn overdue() -> StackedChart {
    let cat = |label: &str, slot| Category { label: label.to_owned(), slot };
    StackedChart {
        text: text("overdue", "Nhiệm vụ theo tình trạng, theo tổ chức"),
        total_label: "Tổng".to_owned(),
        style: NumberStyle::Vi,
        categories: vec![
            cat("Hoàn thành đúng hạn", 0),
            cat("Hoàn thành quá hạn", 1),
            cat("Quá hạn", 2),
            cat("Không hoàn thành trong hạn", 3),
            cat("Đang thực hiện", 4),
        ],
        rows: vec![
            StackedRow { label: "Đảng bộ xã Quảng Tân".to_owned(), counts: vec![12, 3, 2, 1, 7] },
            StackedRow { label: "Đảng bộ phường Hạ Long".to_owned(), counts: vec![4, 0, 9] },
            StackedRow { label: "Chi bộ Trường THCS Đông Ngũ".to_owned(), counts: vec![] },
            StackedRow { label: "Đảng bộ xã Cái Chiên".to_owned(), counts: vec![1, 1, 1, 1, 1, 99] },
        ],
    }
}

fn poor_households() -> TargetChart {
    let p = |date, value| TargetPoint { date, value };
    TargetChart {
        text: text("poor", "Tỷ lệ hộ nghèo"),
        axis_label: "Tỷ lệ hộ nghèo (%)".to_owned(),
        values_label: "Giá trị báo cáo".to_owned(),
        baseline_label: "Giá trị cơ sở".to_owned(),
        target_label: "Mục tiêu".to_owned(),
        style: NumberStyle::Vi,
        baseline: 4.2,
        target: 1.5,
        lower_is_better: true,
        // Out of order on purpose; the last value is beyond the target.
        points: vec![
            p(date!(2026 - 06 - 30), 2.1),
            p(date!(2025 - 12 - 31), 3.4),
            p(date!(2026 - 09 - 30), 1.2),
            p(date!(2025 - 06 - 30), 4.0),
        ],
    }
}

/// Parses the SVG and checks what every chart must hold: the accessible name,
/// the viewBox, no style or script, finite numbers in every attribute, ids
/// unique and every `url(#…)` defined.
fn check(svg: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("width"), Some("100%"));
    let view_box: Vec<f64> = root.attribute("viewBox").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
    assert!(view_box.len() == 4 && view_box[2] > 0.0 && view_box[3] > 0.0, "{view_box:?}");
    let labelled: Vec<&str> = root.attribute("aria-labelledby").unwrap().split(' ').collect();
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.attribute("id"), Some(labelled[0]));
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
    assert_eq!(desc.attribute("id"), Some(labelled[1]));
    let mut ids = std::collections::HashSet::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(!["style", "script", "foreignObject"].contains(&name), "<{name}> in\n{svg}");
        for a in node.attributes() {
            assert!(a.name() != "style" && !a.name().starts_with("on"), "attribute {} in\n{svg}", a.name());
            let v = a.value().to_ascii_lowercase();
            if !["aria-labelledby", "id", "class"].contains(&a.name()) && !v.starts_with("url(") {
                assert!(!v.contains("nan") && !v.contains("inf"), "{}={v} in\n{svg}", a.name());
            }
            if a.name() == "id" {
                assert!(ids.insert(a.value().to_owned()), "duplicate id {}", a.value());
            }
        }
    }
    for node in doc.descendants().filter(|n| n.is_element()) {
        for a in node.attributes() {
            if let Some(rest) = a.value().strip_prefix("url(#") {
                let target = rest.trim_end_matches(')');
                assert!(ids.contains(target), "url(#{target}) is not defined");
            }
        }
    }
    doc
}

fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<String>())
        .collect()
}

#[test]
fn progress_bars_snapshot() {
    let svg = progress_bars(&progress());
    let doc = check(&svg);
    let t = texts(&doc);
    assert!(t.contains(&"37,3%".to_owned()), "{t:?}");
    assert!(t.contains(&"Chưa báo cáo".to_owned()));
    assert!(t.contains(&"Đảng bộ phường Hạ Long & <Bãi Cháy>".to_owned()));
    // 130 is clamped to a full bar; a long label is cut with its tooltip kept.
    assert_eq!(t.iter().filter(|s| *s == "100%").count(), 2);
    assert!(t.iter().any(|s| s.ends_with('…')));
    let bars: Vec<f64> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("bar"))
        .map(|n| n.attribute("width").unwrap().parse().unwrap())
        .collect();
    assert_eq!(bars, [520.0, 193.7, 0.0, 520.0]);
    insta::assert_snapshot!(svg);
}

#[test]
fn stacked_counts_snapshot() {
    let svg = stacked_counts(&overdue());
    let doc = check(&svg);
    let t = texts(&doc);
    for total in ["Tổng 25", "Tổng 13", "Tổng 0", "Tổng 5"] {
        assert!(t.contains(&total.to_owned()), "{total} in {t:?}");
    }
    // The legend names each category once; the red segments are hatched.
    assert_eq!(doc.descendants().filter(|n| n.attribute("class") == Some("legend-item slot-2")).count(), 1);
    assert!(svg.contains(r#"fill="url(#overdue-slot2)""#));
    insta::assert_snapshot!(svg);
}

#[test]
fn target_series_snapshot() {
    let svg = target_series(&poor_households());
    let doc = check(&svg);
    let t = texts(&doc);
    for want in ["4,2", "1,5", "1,2", "30/06/2025", "30/09/2026", "Tỷ lệ hộ nghèo (%)", "Mục tiêu"] {
        assert!(t.contains(&want.to_owned()), "{want} in {t:?}");
    }
    // Lower is better: the met zone lies under the target line, down to the axis.
    let zone = doc.descendants().find(|n| n.attribute("class") == Some("target-zone")).unwrap();
    let target_y: f64 = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("target"))
        .and_then(|g| g.first_element_child())
        .and_then(|l| l.attribute("y1"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(zone.attribute("y").unwrap().parse::<f64>().unwrap(), target_y);
    insta::assert_snapshot!(svg);
}

#[test]
fn target_series_single_point_and_rising_target() {
    let mut c = poor_households();
    c.text.id = "members".to_owned();
    c.baseline = 120.0;
    c.target = 150.0;
    c.lower_is_better = false;
    c.points = vec![TargetPoint { date: date!(2026 - 03 - 31), value: 160.0 }];
    let svg = target_series(&c);
    let doc = check(&svg);
    let point = doc.descendants().find(|n| n.has_tag_name("circle")).unwrap();
    assert_eq!(point.attribute("cx"), Some("327"), "one date is drawn in the middle");
    // Higher is better: the zone starts at the top of the plot.
    let zone = doc.descendants().find(|n| n.attribute("class") == Some("target-zone")).unwrap();
    assert_eq!(zone.attribute("y"), Some("44"));
    assert!(texts(&doc).contains(&"160".to_owned()));
    insta::assert_snapshot!(svg);
}

#[test]
fn empty_charts_say_there_is_no_data() {
    let mut p = progress();
    p.items.clear();
    let mut s = overdue();
    s.rows.clear();
    let mut t = poor_households();
    t.points = vec![TargetPoint { date: date!(2026 - 01 - 01), value: f64::NAN }];
    for svg in [progress_bars(&p), stacked_counts(&s), target_series(&t)] {
        let doc = check(&svg);
        assert!(texts(&doc).contains(&"Chưa có dữ liệu".to_owned()), "{svg}");
        assert!(svg.contains(r#"class="no-data""#));
    }
    insta::assert_snapshot!(progress_bars(&p));
}

#[test]
fn ids_are_cleaned_and_control_characters_dropped() {
    let mut p = progress();
    p.text.id = "1 biểu đồ".to_owned();
    p.items[0].label = "A\u{0}B\u{1b}C\u{fffe}".to_owned();
    let svg = progress_bars(&p);
    let doc = check(&svg);
    assert_eq!(doc.root_element().attribute("aria-labelledby"), Some("c1_bi_u___-title c1_bi_u___-desc"));
    assert!(texts(&doc).contains(&"ABC".to_owned()));
}

#[test]
fn nice_ranges() {
    assert_eq!(nice_range(1.2, 4.2), (1.0, 5.0, 1.0));
    assert_eq!(nice_range(0.0, 100.0), (0.0, 100.0, 20.0));
    assert_eq!(nice_range(5.0, 5.0), (4.0, 6.0, 0.5));
    assert_eq!(round_to_step(0.1 + 0.2, 0.1), 0.3);
}

// --- properties ----------------------------------------------------------------

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e3..1e3f64,
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(0.0),
        Just(-0.0),
    ]
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zA-Zàáảãạăđêôơư &<>\"'#;]{0,120}"]
}

fn any_chart_text() -> impl Strategy<Value = ChartText> {
    (any_text(), any_text(), any_text(), any_text()).prop_map(|(id, title, description, no_data)| ChartText {
        id,
        title,
        description,
        no_data,
    })
}

fn any_date() -> impl Strategy<Value = Date> {
    (1900..2200i32, 1..=365u16).prop_map(|(y, d)| Date::from_ordinal_date(y, d).unwrap())
}

fn any_style() -> impl Strategy<Value = NumberStyle> {
    prop_oneof![Just(NumberStyle::Vi), Just(NumberStyle::En), Just(NumberStyle::Fr)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn progress_bars_never_break(
        text in any_chart_text(),
        not_reported in any_text(),
        style in any_style(),
        items in prop::collection::vec((any_text(), prop::option::of(any_f64())), 0..12),
    ) {
        let items = items.into_iter().map(|(label, percent)| ProgressItem { label, percent }).collect();
        check(&progress_bars(&ProgressChart { text, not_reported, style, items }));
    }

    #[test]
    fn stacked_counts_never_break(
        text in any_chart_text(),
        total_label in any_text(),
        style in any_style(),
        categories in prop::collection::vec((any_text(), any::<u8>()), 0..8),
        rows in prop::collection::vec((any_text(), prop::collection::vec(any::<u32>(), 0..9)), 0..8),
    ) {
        let categories = categories.into_iter().map(|(label, slot)| Category { label, slot }).collect();
        let rows = rows.into_iter().map(|(label, counts)| StackedRow { label, counts }).collect();
        check(&stacked_counts(&StackedChart { text, total_label, style, categories, rows }));
    }

    #[test]
    fn target_series_never_breaks(
        text in any_chart_text(),
        words in (any_text(), any_text(), any_text(), any_text()),
        style in any_style(),
        baseline in any_f64(),
        target in any_f64(),
        lower_is_better in any::<bool>(),
        points in prop::collection::vec((any_date(), any_f64()), 0..30),
    ) {
        let points = points.into_iter().map(|(date, value)| TargetPoint { date, value }).collect();
        let (axis_label, values_label, baseline_label, target_label) = words;
        check(&target_series(&TargetChart {
            text, axis_label, values_label, baseline_label, target_label, style,
            baseline, target, lower_is_better, points,
        }));
    }
}
