//! Properties of the generated Quảng Ninh scenario.

use std::collections::{HashMap, HashSet};

use daihoi_core::date::vi;
use daihoi_core::members::import::{Column, HeaderMap, MemberRow, parse_row};
use daihoi_core::{Gender, OrgCode, OrgKind};
use daihoi_demo::{AS_OF, DEMO_MEMBERS, DEMO_SEED, Scenario, TreeEvent, quang_ninh};
use time::Date;
use time::macros::date;

fn demo() -> Scenario {
    quang_ninh(DEMO_MEMBERS, DEMO_SEED)
}

#[test]
fn same_seed_same_scenario_other_seed_other_names() {
    let a = demo();
    assert_eq!(a, demo());
    let b = quang_ninh(DEMO_MEMBERS, DEMO_SEED + 1);
    let names = |s: &Scenario| s.members.iter().map(|m| m.member.name.full().to_owned()).collect::<Vec<_>>();
    let (na, nb) = (names(&a), names(&b));
    let same = na.iter().zip(&nb).filter(|(x, y)| x == y).count();
    assert!(same < na.len() / 10, "{same} of {} names identical", na.len());
    // The codes of the tree do not depend on the seed.
    let codes = |s: &Scenario| s.orgs.iter().map(|o| o.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&a), codes(&b));
}

/// Values pinned forever: if this fails, the generator changed and every
/// demo database, screenshot and document that shows demo data changes too.
#[test]
fn snapshot() {
    let s = demo();
    assert_eq!((s.orgs.len(), s.events.len()), (123, 77));
    let rows: Vec<String> = [1, 1500, 2999].iter().map(|&i| render(&s.members[i]).join("|")).collect();
    assert_eq!(
        rows,
        [
            "22247857|Nguyễn Thị Thanh Huyền|Nữ|16/05/1993|Kinh|QN.CQTU.CB01|25/02/2014|25/02/2015|09/01/2017||",
            "22222959|Nguyễn Quang Thọ|Nam|14/09/1976|Kinh|QN.DT.DT.CB01|01/11/2008|01/11/2009|01/11/2008||",
            "22045344|Dương Thành Đạt|Nam|02/04/1999|Sán Dìu|QN.HB.LL.CB03|10/06/2022|10/06/2023|06/01/2026||",
        ]
    );
    let quang_tan = s.orgs.iter().find(|o| o.code.as_str() == "QN.DH.QT.CB01").unwrap();
    assert_eq!(quang_tan.name, "Chi bộ thôn Tân Thành");
}

#[test]
fn exact_member_count() {
    for n in [0, 1, 2, 3, 10, 100, 999, DEMO_MEMBERS, 20_000] {
        assert_eq!(quang_ninh(n, 7).members.len(), n, "{n}");
    }
}

/// Parents come first, kinds fit, codes are unique and hierarchical, dates
/// follow the parents.
fn check_orgs(s: &Scenario) {
    let mut seen: HashMap<&OrgCode, (OrgKind, Date)> = HashMap::new();
    for (i, o) in s.orgs.iter().enumerate() {
        match &o.parent {
            None => {
                assert_eq!(i, 0, "only the root has no parent: {}", o.code);
                assert_eq!((o.code.as_str(), o.kind), ("QN", OrgKind::Province));
                assert_eq!(o.name, "Đảng bộ tỉnh Quảng Ninh");
            }
            Some(p) => {
                let &(pk, pfrom) = seen.get(p).unwrap_or_else(|| panic!("{}: parent {p} not earlier", o.code));
                assert!(o.kind.may_sit_under(pk), "{} ({:?}) under {p} ({pk:?})", o.code, o.kind);
                assert!(o.valid_from >= pfrom, "{} starts before its parent", o.code);
                let rest = o.code.as_str().strip_prefix(p.as_str()).and_then(|r| r.strip_prefix('.'));
                assert!(rest.is_some_and(|r| !r.is_empty() && !r.contains('.')), "{} not under {p}", o.code);
            }
        }
        // Everything exists before the first event (2020), so no organization
        // is created under one that has already ended.
        assert!(o.valid_from < date!(2020 - 01 - 01), "{}", o.code);
        assert!(o.name.starts_with("Đảng bộ ") || o.name.starts_with("Chi bộ "), "{}", o.name);
        assert_eq!(o.name.starts_with("Chi bộ "), o.kind.holds_members(), "{}", o.name);
        assert!(seen.insert(&o.code, (o.kind, o.valid_from)).is_none(), "duplicate code {}", o.code);
    }
}

#[derive(Debug, Clone)]
struct State {
    parent: Option<OrgCode>,
    kind: OrgKind,
    name: String,
    alive: bool,
}

/// Applies the events strictly, checking each against the tree of its day.
/// Returns the tree after every event up to and including `until`.
fn simulate(s: &Scenario, until: Date) -> HashMap<OrgCode, State> {
    let mut members: HashMap<&OrgCode, usize> = HashMap::new();
    for m in &s.members {
        *members.entry(&m.organization).or_default() += 1;
    }
    let mut tree: HashMap<OrgCode, State> = s
        .orgs
        .iter()
        .filter(|o| o.valid_from <= until)
        .map(|o| (o.code.clone(), State { parent: o.parent.clone(), kind: o.kind, name: o.name.clone(), alive: true }))
        .collect();
    let from: HashMap<&OrgCode, Date> = s.orgs.iter().map(|o| (&o.code, o.valid_from)).collect();
    let mut last = Date::MIN;
    for e in s.events.iter().take_while(|e| e.date() <= until) {
        assert!(e.date() >= last, "events out of order at {e:?}");
        last = e.date();
        let alive = |tree: &HashMap<OrgCode, State>, c: &OrgCode| {
            assert!(from[c] <= e.date(), "{e:?}: {c} does not exist yet");
            let st = tree.get(c).unwrap_or_else(|| panic!("{e:?}: unknown {c}"));
            assert!(st.alive, "{e:?}: {c} has already ended");
            st.kind
        };
        let children = |tree: &HashMap<OrgCode, State>, c: &OrgCode| -> Vec<OrgCode> {
            tree.iter().filter(|(_, st)| st.alive && st.parent.as_ref() == Some(c)).map(|(k, _)| k.clone()).collect()
        };
        match e {
            TreeEvent::Move { org, new_parent, .. } => {
                let (k, pk) = (alive(&tree, org), alive(&tree, new_parent));
                assert!(k.may_sit_under(pk), "{e:?}");
                let mut up = Some(new_parent.clone());
                while let Some(p) = up {
                    assert_ne!(&p, org, "{e:?} makes a cycle");
                    up = tree[&p].parent.clone();
                }
                tree.get_mut(org).unwrap().parent = Some(new_parent.clone());
            }
            TreeEvent::Merge { source, into, .. } => {
                assert_ne!(source, into);
                let (sk, ik) = (alive(&tree, source), alive(&tree, into));
                assert_eq!(sk, ik, "{e:?}: merge of different kinds");
                for c in children(&tree, source) {
                    assert!(tree[&c].kind.may_sit_under(ik), "{e:?}: {c}");
                    tree.get_mut(&c).unwrap().parent = Some(into.clone());
                }
                assert!(!sk.holds_members() && !members.contains_key(source), "{e:?}: merging cells is not generated");
                tree.get_mut(source).unwrap().alive = false;
            }
            TreeEvent::Rename { org, name, .. } => {
                alive(&tree, org);
                let st = tree.get_mut(org).unwrap();
                assert!(!name.is_empty() && *name != st.name, "{e:?}");
                st.name.clone_from(name);
            }
            TreeEvent::Dissolve { org, .. } => {
                alive(&tree, org);
                assert!(children(&tree, org).is_empty(), "{e:?}: still has children");
                assert!(!members.contains_key(org), "{e:?}: still has members");
                tree.get_mut(org).unwrap().alive = false;
            }
        }
    }
    tree.retain(|_, st| st.alive);
    tree
}

fn count(tree: &HashMap<OrgCode, State>, kind: OrgKind) -> usize {
    tree.values().filter(|st| st.kind == kind).count()
}

fn check_history(s: &Scenario) {
    let before = simulate(s, date!(2025 - 03 - 01));
    assert_eq!(count(&before, OrgKind::District), 13, "13 districts before the reform");
    assert!(!before.contains_key(&OrgCode::parse("QN.HB").unwrap()), "Hoành Bồ merged in 2020");
    let in_2019 = simulate(s, date!(2019 - 06 - 01));
    assert_eq!(count(&in_2019, OrgKind::District), 14);
    let now = simulate(s, AS_OF);
    assert_eq!(count(&now, OrgKind::District), 0, "no district after the reform");
    for (code, st) in &now {
        if matches!(st.kind, OrgKind::Commune | OrgKind::Grassroots) && code.as_str().matches('.').count() == 2 {
            // Everything that was under a district is under the province.
            assert_eq!(st.parent.as_ref().map(OrgCode::as_str), Some("QN"), "{code}");
        }
        assert!(!st.name.contains("thị trấn"), "townships became communes or wards: {}", st.name);
    }
    // After mergers, no two cells of one committee share a name.
    for day in [date!(2025 - 03 - 01), AS_OF] {
        let mut names = HashSet::new();
        for st in simulate(s, day).values().filter(|st| st.kind.holds_members()) {
            assert!(names.insert((st.parent.clone(), st.name.clone())), "{day}: two {} under {:?}", st.name, st.parent);
        }
    }
    if s.members.len() >= DEMO_MEMBERS {
        assert!(count(&now, OrgKind::Commune) < count(&before, OrgKind::Commune), "communes were merged");
    }
    // The library's own view of a day agrees with the strict simulation.
    for day in [date!(2019 - 06 - 01), date!(2025 - 03 - 01), AS_OF] {
        let view = s.tree_on(day);
        let sim = simulate(s, day);
        assert_eq!(view.len(), sim.len(), "{day}");
        let mut seen = HashSet::new();
        for o in &view {
            let st = &sim[&o.code];
            assert_eq!((&o.parent, &o.name, o.kind), (&st.parent, &st.name, st.kind), "{day} {}", o.code);
            assert!(o.parent.as_ref().is_none_or(|p| seen.contains(p)), "{day}: {} before its parent", o.code);
            seen.insert(o.code.clone());
        }
    }
    // Every member is in a living cell they joined after it existed.
    let from: HashMap<&OrgCode, Date> = s.orgs.iter().map(|o| (&o.code, o.valid_from)).collect();
    for m in &s.members {
        let st = now.get(&m.organization).unwrap_or_else(|| panic!("{} is in a dead org", m.member.name));
        assert!(st.kind.holds_members());
        assert!(m.member_since.is_some_and(|d| d >= from[&m.organization]), "{:?}", m);
    }
}

#[test]
fn tree_and_history_are_consistent_at_every_scale() {
    for n in [0, 3, 500, DEMO_MEMBERS, 20_000] {
        let s = quang_ninh(n, DEMO_SEED);
        check_orgs(&s);
        check_history(&s);
    }
}

#[test]
fn tree_scales_with_members() {
    let kinds = |s: &Scenario, k: OrgKind| s.orgs.iter().filter(|o| o.kind == k).count();
    let small = demo();
    let communes = kinds(&small, OrgKind::Commune);
    assert!((15..=40).contains(&communes), "{communes} communes for 3,000 members");
    let cells = kinds(&small, OrgKind::Cell) + kinds(&small, OrgKind::GrassrootsCell);
    assert!((60..=120).contains(&cells), "{cells} cells for 3,000 members");
    let big = quang_ninh(20_000, 1);
    assert!(kinds(&big, OrgKind::Commune) > communes);
    assert!(kinds(&big, OrgKind::Grassroots) > kinds(&small, OrgKind::Grassroots));
    // Cells hold about 15 to 60 members.
    let mut sizes: HashMap<&OrgCode, usize> = HashMap::new();
    for m in &big.members {
        *sizes.entry(&m.organization).or_default() += 1;
    }
    let cells = big.orgs.iter().filter(|o| o.kind.holds_members()).count();
    assert_eq!(sizes.len(), cells, "no empty cell");
    let typical = sizes.values().filter(|&&n| (13..=65).contains(&n)).count();
    assert!(typical * 100 >= cells * 95, "{typical} of {cells} cells of a usual size");
}

#[test]
fn two_hundred_thousand_members_make_the_whole_province() {
    let s = quang_ninh(200_000, DEMO_SEED);
    assert_eq!(s.members.len(), 200_000);
    let kinds = |v: &[daihoi_demo::DemoOrg], k: OrgKind| v.iter().filter(|o| o.kind == k).count();
    let before = s.tree_on(date!(2025 - 03 - 01));
    let now = s.tree_on(AS_OF);
    assert_eq!(kinds(&before, OrgKind::District), 13);
    assert!(kinds(&before, OrgKind::Commune) >= 150, "{}", kinds(&before, OrgKind::Commune));
    assert!((40..=70).contains(&kinds(&now, OrgKind::Commune)), "{}", kinds(&now, OrgKind::Commune));
    let cells = kinds(&now, OrgKind::Cell) + kinds(&now, OrgKind::GrassrootsCell);
    assert!((4_000..=8_000).contains(&cells), "{cells}");
    assert!(kinds(&now, OrgKind::Grassroots) >= 30);
    let cards: HashSet<&str> = s.members.iter().map(|m| m.member.card_number.as_str()).collect();
    assert_eq!(cards.len(), 200_000);
}

fn render(m: &MemberRow) -> Vec<String> {
    let date = |d: Option<Date>| d.map(vi).unwrap_or_default();
    vec![
        m.member.card_number.as_str().to_owned(),
        m.member.name.full().to_owned(),
        m.member.gender.vi().to_owned(),
        vi(m.member.birth_date),
        m.member.ethnicity.clone(),
        m.organization.as_str().to_owned(),
        vi(m.member.admission_date),
        date(m.member.official_date),
        date(m.member_since),
        m.condition.map(|(k, _)| k.vi().to_owned()).unwrap_or_default(),
        date(m.condition.map(|(_, d)| d)),
    ]
}

#[test]
fn every_row_passes_the_import_checks() {
    let header = HeaderMap::find(&[Column::ALL.iter().map(|c| c.header().to_owned()).collect()]).unwrap();
    for n in [DEMO_MEMBERS, 20_000] {
        let s = quang_ninh(n, DEMO_SEED);
        for m in &s.members {
            let parsed = parse_row(&header, &render(m), AS_OF).unwrap_or_else(|e| panic!("{m:?}: {e:?}"));
            assert_eq!(&parsed, m);
            assert!((1950..=2004).contains(&m.member.birth_date.year()));
            assert!(m.member.admission_date <= date!(2026 - 11 - 01));
            let probationary = m.member.admission_date > date!(2025 - 11 - 28);
            assert_eq!(m.member.official_date.is_none(), probationary, "{m:?}");
            if let Some(d) = m.member.official_date {
                assert_eq!(d.year(), m.member.admission_date.year() + 1);
            }
            if let Some((_, from)) = m.condition {
                assert!((2024..=2026).contains(&from.year()) && from >= m.member.admission_date);
            }
        }
    }
}

#[test]
fn card_numbers_are_unique_eight_digits() {
    let s = quang_ninh(20_000, DEMO_SEED);
    let mut seen = HashSet::new();
    for m in &s.members {
        let c = m.member.card_number.as_str();
        assert!(c.len() == 8 && c.starts_with("22"), "{c}");
        assert!(seen.insert(c.to_owned()), "duplicate card {c}");
    }
}

#[test]
fn the_fixed_people_are_there_once() {
    for n in [3, DEMO_MEMBERS, 20_000] {
        let s = quang_ninh(n, 99);
        let find = |name: &str| {
            let found: Vec<&MemberRow> = s.members.iter().filter(|m| m.member.name.full() == name).collect();
            assert_eq!(found.len(), 1, "{name} in {n}");
            found[0].organization.as_str().to_owned()
        };
        assert_eq!(find("Nguyễn Văn An"), "QN.DH.QT.CB01");
        assert_eq!(find("Trần Thị Bình"), "QN.DH.QT.CB01");
        assert_eq!(find("Vũ Đại Thắng"), "QN.CQTU.CB01");
        let org = |c: &str| s.orgs.iter().find(|o| o.code.as_str() == c).unwrap().name.clone();
        assert_eq!(org("QN.DH.QT"), "Đảng bộ xã Quảng Tân");
        assert_eq!(org("QN.CQTU"), "Đảng bộ Cơ quan Tỉnh ủy");
    }
}

#[test]
fn population_looks_like_quang_ninh() {
    let s = quang_ninh(20_000, DEMO_SEED);
    let n = s.members.len();
    let share = |f: &dyn Fn(&MemberRow) -> bool| s.members.iter().filter(|m| f(m)).count() * 1000 / n;
    let nguyen = share(&|m| m.member.name.family() == "Nguyễn");
    assert!((300..=450).contains(&nguyen), "Nguyễn {nguyen}‰");
    let women = share(&|m| m.member.gender == Gender::Female);
    assert!((300..=500).contains(&women), "women {women}‰");
    let kinh = share(&|m| m.member.ethnicity == "Kinh");
    assert!((750..=950).contains(&kinh), "Kinh {kinh}‰");
    for e in ["Tày", "Dao", "Sán Dìu", "Sán Chỉ", "Hoa"] {
        assert!(s.members.iter().any(|m| m.member.ethnicity == e), "{e}");
    }
    let probationary = share(&|m| m.member.official_date.is_none());
    assert!((10..=60).contains(&probationary), "probationary {probationary}‰");
    let conditions = share(&|m| m.condition.is_some());
    assert!((8..=25).contains(&conditions), "conditions {conditions}‰");
    let families: HashSet<&str> = s.members.iter().map(|m| m.member.name.family()).collect();
    for f in ["Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
    {
        assert!(families.contains(f), "{f}");
    }
}

/// Issue 14: nobody is enrolled in a cell before the cell exists. Every
/// member's enrolment (from `member_since`, or admission) starts on a day
/// its cell exists in the tree of that day, the 2025 reorganization
/// included.
#[test]
fn members_are_enrolled_where_their_cell_exists() {
    let s = demo();
    let mut trees: HashMap<Date, HashSet<OrgCode>> = HashMap::new();
    let mut late = Vec::new();
    for m in &s.members {
        let start = m.member_since.unwrap_or(m.member.admission_date);
        let tree = trees.entry(start).or_insert_with(|| s.tree_on(start).into_iter().map(|o| o.code).collect());
        if !tree.contains(&m.organization) {
            late.push(format!("{} in {} from {}", m.member.name.full(), m.organization, vi(start)));
        }
    }
    assert!(late.is_empty(), "{} enrolments before their cell exists: {:?}", late.len(), &late[..late.len().min(10)]);
}
