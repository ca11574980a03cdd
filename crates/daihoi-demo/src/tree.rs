//! Building the organization tree of the scenario, scaled to the number of
//! members, and the dated events that reshape it (2020: Hoành Bồ joins Hạ
//! Long; 2025: communes regroup, the district level goes).

use std::collections::{HashMap, HashSet};

use daihoi_core::{OrgCode, OrgKind, search_key};
use time::Date;

use crate::catalog::{
    self, BAN, COMMUNE_INSTITUTIONS, DISTRICT_CELLS, DISTRICT_UNITS, DISTRICTS, Ethnicity, MIX_CITY, PROVINCE,
    PROVINCE_AGENCIES, PROVINCE_UNITS, Profile, QUANG_TAN, REFORM, THON, Unit,
};
use crate::rng::SplitMix64;
use crate::{DemoOrg, TreeEvent};

/// The average number of members of a cell the tree is sized for.
const MEMBERS_PER_CELL: u64 = 35;

/// A cell that holds members, and what its members look like.
#[derive(Debug, Clone)]
pub(crate) struct CellSlot {
    /// Index in [`Tree::orgs`].
    pub(crate) org: usize,
    pub(crate) profile: Profile,
    pub(crate) mix: &'static [(Ethnicity, u32)],
}

/// The generated tree.
#[derive(Debug)]
pub(crate) struct Tree {
    pub(crate) orgs: Vec<DemoOrg>,
    pub(crate) events: Vec<TreeEvent>,
    pub(crate) cells: Vec<CellSlot>,
    /// Index in `cells` of the first cell of xã Quảng Tân.
    pub(crate) quang_tan_cell: usize,
    /// Index in `cells` of the first cell of the provincial Party agencies.
    pub(crate) province_agencies_cell: usize,
}

/// Splits `total` into parts proportional to `weights` (largest remainders,
/// ties to the earlier part), each part at least `min_each` when the total
/// allows it. Integer arithmetic only, so the result never depends on the
/// platform.
pub(crate) fn apportion(total: u64, weights: &[u64], min_each: u64) -> Vec<u64> {
    let n = weights.len() as u64;
    if n == 0 {
        return Vec::new();
    }
    let min_each = min_each.min(total / n);
    let rest = total - min_each * n;
    let sum: u64 = weights.iter().sum();
    let (weights, sum): (Vec<u64>, u64) = if sum == 0 { (vec![1; weights.len()], n) } else { (weights.to_vec(), sum) };
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    let mut given = 0;
    for (i, &w) in weights.iter().enumerate() {
        let exact = u128::from(rest) * u128::from(w);
        let share = (exact / u128::from(sum)) as u64;
        parts.push(min_each + share);
        remainders.push((exact % u128::from(sum), i));
        given += share;
    }
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take((rest - given) as usize) {
        parts[i] += 1;
    }
    parts
}

fn weights(units: &[Unit]) -> Vec<u64> {
    units.iter().map(|u| u64::from(u.weight)).collect()
}

/// A unit has at most half again as many cells as it has named ones; the
/// rest of the budget goes to the communes.
fn capped(cells: Vec<u64>, units: &[Unit]) -> Vec<u64> {
    cells.into_iter().zip(units).map(|(n, u)| n.min(u.cells.named.len() as u64 * 3 / 2)).collect()
}

/// "xã Quảng Tân" → ("xã", "Quảng Tân").
pub(crate) fn split_kind(name: &str) -> (&str, &str) {
    for kind in ["thị trấn", "phường", "xã", "đặc khu"] {
        if let Some(rest) = name.strip_prefix(kind).and_then(|r| r.strip_prefix(' ')) {
            return (kind, rest);
        }
    }
    ("", name)
}

/// A short ASCII code for a commune, unique among `used`: the initials of its
/// proper name ("Quảng Tân" → `QT`), the whole word for a one-word name
/// ("Trới" → `TROI`), more letters of the last word on a clash ("Hồng Hà"
/// after "Hồng Hải" → `HHA`), a number as a last resort.
fn commune_code(name: &str, used: &mut HashSet<String>) -> String {
    let folded: String = search_key(split_kind(name).1)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
        .collect::<String>()
        .to_ascii_uppercase();
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut candidates = Vec::new();
    if let [only] = words.as_slice() {
        candidates.push((*only).to_owned());
    } else if let Some((last, init)) = words.split_last() {
        let head: String = init.iter().filter_map(|w| w.chars().next()).collect();
        for k in 1..=last.len() {
            candidates.push(format!("{head}{}", &last[..k]));
        }
    }
    let base = candidates.first().cloned().unwrap_or_else(|| "X".to_owned());
    let code = candidates
        .into_iter()
        .find(|c| !used.contains(c))
        .unwrap_or_else(|| (2..).map(|n| format!("{base}{n}")).find(|c| !used.contains(c)).unwrap_or(base));
    used.insert(code.clone());
    code
}

/// Wraps a generated code; every code here is built from ASCII letters,
/// digits and dots, so this cannot fail unless the catalogue is broken (the
/// tests build every scale).
fn code(text: &str) -> OrgCode {
    match OrgCode::parse(text) {
        Ok(c) => c,
        Err(e) => panic!("generated organization code {text:?} is invalid: {e}"),
    }
}

/// An organization about to be created.
struct New {
    code: OrgCode,
    name: String,
    kind: OrgKind,
    valid_from: Date,
}

/// The organizations in creation order, with their cells for members.
struct Builder {
    orgs: Vec<DemoOrg>,
    cells: Vec<CellSlot>,
}

impl Builder {
    /// Adds an organization; returns its index in `orgs`.
    fn push(&mut self, new: New, parent: Option<&OrgCode>) -> usize {
        let New { code, name, kind, valid_from } = new;
        self.orgs.push(DemoOrg { code, parent: parent.cloned(), name, kind, valid_from });
        self.orgs.len() - 1
    }

    /// Adds a cell that holds members; returns its index in `cells`.
    fn cell(&mut self, new: New, parent: &OrgCode, profile: Profile, mix: &'static [(Ethnicity, u32)]) -> usize {
        let org = self.push(new, Some(parent));
        self.cells.push(CellSlot { org, profile, mix });
        self.cells.len() - 1
    }

    /// A grassroots committee and its `cells` cells; returns its index in
    /// `orgs` and the index in `cells` of its first cell.
    fn unit(
        &mut self,
        unit: &Unit,
        parent: &OrgCode,
        parent_from: Date,
        cells: u64,
        mix: &'static [(Ethnicity, u32)],
    ) -> (usize, usize) {
        let unit_code = code(&format!("{parent}.{}", unit.code));
        let valid_from = parent_from.max(unit.founded);
        let org = self.push(
            New { code: unit_code.clone(), name: unit.name.to_owned(), kind: OrgKind::Grassroots, valid_from },
            Some(parent),
        );
        let first = self.cells.len();
        for i in 0..cells as usize {
            let new = New {
                code: code(&format!("{unit_code}.CB{:02}", i + 1)),
                name: unit.cells.name(i),
                kind: OrgKind::Cell,
                valid_from,
            };
            self.cell(new, &unit_code, unit.profile, mix);
        }
        (org, first)
    }
}

/// A commune of the catalogue that the scenario includes.
struct Commune {
    district: usize,
    /// Its index in [`catalog::District::communes`].
    catalog_index: usize,
    org: usize,
    cells: u64,
}

/// Builds the tree for about `members` members.
pub(crate) fn build(members: usize, rng: &mut SplitMix64) -> Tree {
    let cells_total = (members as u64 + MEMBERS_PER_CELL / 2) / MEMBERS_PER_CELL;

    // Budgets of cells: provincial units, district units and agencies, communes.
    let province_budget = (cells_total * 6 / 100).max(1);
    let n_province_units = (province_budget / 5).clamp(1, PROVINCE_UNITS.len() as u64) as usize;
    let province_units = &PROVINCE_UNITS[..n_province_units];
    let province_cells = capped(apportion(province_budget, &weights(province_units), 1), province_units);

    let district_budget = cells_total * 16 / 100;
    let live_districts: Vec<usize> = (0..DISTRICTS.len()).filter(|&d| DISTRICTS[d].merged_into.is_none()).collect();
    let n_agency_cells = (district_budget * 2 / 5).min((live_districts.len() * DISTRICT_CELLS.len()) as u64) as usize;
    let unit_budget = district_budget - n_agency_cells as u64;
    let n_units = ((unit_budget / 5) as usize).min(DISTRICT_UNITS.len());
    let district_units = &DISTRICT_UNITS[..n_units];
    let unit_cells = capped(apportion(unit_budget, &weights(district_units), 3), district_units);
    // Agency cells, template by template over the districts.
    let mut agency_cells: Vec<Vec<usize>> = vec![Vec::new(); DISTRICTS.len()];
    for i in 0..n_agency_cells {
        agency_cells[live_districts[i % live_districts.len()]].push(i / live_districts.len());
    }

    let used = province_cells.iter().sum::<u64>() + n_agency_cells as u64 + unit_cells.iter().sum::<u64>();
    let catalog_total: u64 = DISTRICTS.iter().map(|d| d.communes.len() as u64).sum();
    let n_districts = DISTRICTS.len() as u64;
    let n_communes = (cells_total.saturating_sub(used) * 6).isqrt().clamp(n_districts, catalog_total);
    let commune_budget = cells_total.saturating_sub(used).max(n_communes);
    let per_district: Vec<u64> = apportion(
        n_communes - n_districts,
        &DISTRICTS.iter().map(|d| d.communes.len() as u64 - 1).collect::<Vec<_>>(),
        0,
    )
    .into_iter()
    .map(|n| n + 1)
    .collect();

    let mut communes: Vec<Commune> = Vec::new();
    for (d, &n) in per_district.iter().enumerate() {
        for catalog_index in 0..n as usize {
            communes.push(Commune { district: d, catalog_index, org: 0, cells: 0 });
        }
    }
    let commune_weights: Vec<u64> = communes
        .iter()
        .map(|c| {
            let urban = if split_kind(DISTRICTS[c.district].communes[c.catalog_index]).0 == "xã" { 10 } else { 13 };
            urban * rng.between(70, 130)
        })
        .collect();
    let commune_cells = apportion(commune_budget, &commune_weights, 3);
    for (c, n) in communes.iter_mut().zip(commune_cells) {
        c.cells = n;
    }

    // The organizations, parents before children.
    let mut b = Builder { orgs: Vec::new(), cells: Vec::new() };
    let (qn_code, qn_name, qn_from) = PROVINCE;
    let qn = code(qn_code);
    b.push(New { code: qn.clone(), name: qn_name.to_owned(), kind: OrgKind::Province, valid_from: qn_from }, None);
    let mut province_agencies_cell = 0;
    for (unit, &n) in province_units.iter().zip(&province_cells) {
        let (_, first) = b.unit(unit, &qn, qn_from, n, MIX_CITY);
        if unit.code == PROVINCE_AGENCIES {
            province_agencies_cell = first;
        }
    }
    let mut quang_tan_cell = 0;
    let mut district_orgs = Vec::with_capacity(DISTRICTS.len());
    let mut moved_units = Vec::new();
    let mut next_commune = 0;
    for (d, district) in DISTRICTS.iter().enumerate() {
        let dcode = code(&format!("{qn}.{}", district.code));
        let from = district.founded;
        let new = New {
            code: dcode.clone(),
            name: format!("Đảng bộ {}", district.name),
            kind: OrgKind::District,
            valid_from: from,
        };
        district_orgs.push(b.push(new, Some(&qn)));
        // Commune codes come from the whole catalogue, so they do not depend on the scale.
        let mut used: HashSet<String> = DISTRICT_UNITS
            .iter()
            .filter(|u| u.district == district.code)
            .map(|u| u.code.to_owned())
            .chain(DISTRICT_CELLS.iter().map(|c| c.0.to_owned()))
            .collect();
        let codes: Vec<String> = district.communes.iter().map(|n| commune_code(n, &mut used)).collect();
        while let Some(c) = communes.get_mut(next_commune).filter(|c| c.district == d) {
            next_commune += 1;
            let ccode = code(&format!("{dcode}.{}", codes[c.catalog_index]));
            let name = format!("Đảng bộ {}", district.communes[c.catalog_index]);
            c.org = b.push(New { code: ccode.clone(), name, kind: OrgKind::Commune, valid_from: from }, Some(&dcode));
            let first = commune_cells_of(&mut b, rng, &ccode, from, district, c);
            if (district.code, district.communes[c.catalog_index]) == QUANG_TAN {
                quang_tan_cell = first;
            }
        }
        for &t in &agency_cells[d] {
            let (suffix, template, profile) = DISTRICT_CELLS[t];
            let name = template.replace("{d}", district.name).replace("{p}", district.place);
            let new =
                New { code: code(&format!("{dcode}.{suffix}")), name, kind: OrgKind::GrassrootsCell, valid_from: from };
            let slot = b.cell(new, &dcode, profile, district.mix);
            moved_units.push(b.cells[slot].org);
        }
        for (unit, &n) in district_units.iter().zip(&unit_cells).filter(|(u, _)| u.district == district.code) {
            moved_units.push(b.unit(unit, &dcode, from, n, district.mix).0);
        }
    }

    let events = events(&b.orgs, &communes, &district_orgs, &moved_units, &qn);
    Tree { orgs: b.orgs, events, cells: b.cells, quang_tan_cell, province_agencies_cell }
}

/// The cells of one commune: villages or neighbourhoods first, then its
/// institutions (police, militia, schools, health station, offices). Returns
/// the index in `cells` of the first.
fn commune_cells_of(
    b: &mut Builder,
    rng: &mut SplitMix64,
    commune: &OrgCode,
    commune_from: Date,
    district: &catalog::District,
    c: &Commune,
) -> usize {
    let k = c.cells as usize;
    let (kind, place) = split_kind(district.communes[c.catalog_index]);
    let institutions = if k >= 3 { k.div_ceil(4).clamp(1, COMMUNE_INSTITUTIONS.len()) } else { 0 };
    let residential = k - institutions;
    let (word, pool): (&str, &[&str]) = match kind {
        "xã" if district.highland && rng.chance(600) => ("bản", BAN),
        "xã" => ("thôn", THON),
        _ => ("khu", &[]),
    };
    let mut order: Vec<usize> = (0..pool.len()).collect();
    rng.shuffle(&mut order);
    let first = b.cells.len();
    for i in 0..k {
        let (name, profile, valid_from) = if i < residential {
            let name = match order.get(i) {
                Some(&p) => format!("Chi bộ {word} {}", pool[p]),
                None => format!("Chi bộ {word} {}", i + 1),
            };
            (name, Profile::Residential, commune_from)
        } else {
            // Communes with few institutions show different ones.
            let j = (i - residential + c.catalog_index) % COMMUNE_INSTITUTIONS.len();
            let (template, profile, since) = COMMUNE_INSTITUTIONS[j];
            (template.replace("{k}", kind).replace("{n}", place), profile, commune_from.max(since))
        };
        let new = New { code: code(&format!("{commune}.CB{:02}", i + 1)), name, kind: OrgKind::Cell, valid_from };
        b.cell(new, commune, profile, district.mix);
    }
    first
}

/// The events: the Hoành Bồ merger (2020), the regroupings of communes, and
/// the 2025 reform (everything under a district moves under the province,
/// the districts are dissolved).
fn events(
    orgs: &[DemoOrg],
    communes: &[Commune],
    district_orgs: &[usize],
    moved_units: &[usize],
    qn: &OrgCode,
) -> Vec<TreeEvent> {
    // (date, phase, event): merges of districts, merges of communes, renames, moves, dissolutions.
    let mut out: Vec<(Date, u8, TreeEvent)> = Vec::new();
    let org_code = |i: usize| orgs[i].code.clone();
    for (d, district) in DISTRICTS.iter().enumerate() {
        if let Some((into, date)) = district.merged_into {
            let into = DISTRICTS.iter().position(|x| x.code == into).map_or(d, |x| district_orgs[x]);
            out.push((date, 0, TreeEvent::Merge { source: org_code(district_orgs[d]), into: org_code(into), date }));
        }
    }
    let index: HashMap<(usize, &str), usize> = communes
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.district, DISTRICTS[c.district].communes[c.catalog_index]), i))
        .collect();
    let mut alive = vec![true; communes.len()];
    let mut merges = Vec::new();
    // Current names of every organization, and the cells of each commune.
    let mut names: Vec<String> = orgs.iter().map(|o| o.name.clone()).collect();
    let position: HashMap<&OrgCode, usize> = communes.iter().enumerate().map(|(i, c)| (&orgs[c.org].code, i)).collect();
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); communes.len()];
    for (i, o) in orgs.iter().enumerate() {
        if let Some(&c) = o.parent.as_ref().and_then(|p| position.get(p)) {
            cells[c].push(i);
        }
    }
    let mut regroups: Vec<(usize, &catalog::Regroup)> =
        DISTRICTS.iter().enumerate().flat_map(|(d, x)| x.regroups.iter().map(move |r| (d, r))).collect();
    regroups.sort_by_key(|(_, r)| r.date);
    for (d, regroup) in regroups {
        let date = regroup.date;
        let present: Vec<usize> =
            regroup.members.iter().filter_map(|n| index.get(&(d, *n)).copied()).filter(|&i| alive[i]).collect();
        let Some((&survivor, others)) = present.split_first() else { continue };
        let into = org_code(communes[survivor].org);
        let mut rename = |names: &mut [String], org: usize, name: String| {
            if names[org] != name {
                out.push((date, 2, TreeEvent::Rename { org: org_code(org), name: name.clone(), date }));
                names[org] = name;
            }
        };
        // The survivor's own cells follow its new kind: "Chi bộ Công an thị trấn" → "… xã".
        let old_kind = split_kind(names[communes[survivor].org].trim_start_matches("Đảng bộ ")).0.to_owned();
        let (new_kind, _) = split_kind(regroup.name);
        if old_kind != new_kind {
            for &cell in &cells[survivor] {
                if let Some(stem) = names[cell].strip_suffix(old_kind.as_str()) {
                    let name = format!("{stem}{new_kind}");
                    rename(&mut names, cell, name);
                }
            }
        }
        rename(&mut names, communes[survivor].org, format!("Đảng bộ {}", regroup.name));
        for &o in others {
            alive[o] = false;
            merges.push((date, 1, TreeEvent::Merge { source: org_code(communes[o].org), into: into.clone(), date }));
            // Cells of the absorbed commune keep their former place in their
            // name, so that "Chi bộ khu 1" does not appear twice.
            let (_, place) = split_kind(names[communes[o].org].trim_start_matches("Đảng bộ "));
            let place = place.to_owned();
            for cell in std::mem::take(&mut cells[o]) {
                let name = format!("{} ({place})", names[cell]);
                rename(&mut names, cell, name);
                cells[survivor].push(cell);
            }
        }
    }
    out.append(&mut merges);
    for (i, c) in communes.iter().enumerate() {
        if alive[i] {
            out.push((REFORM, 3, TreeEvent::Move { org: org_code(c.org), new_parent: qn.clone(), date: REFORM }));
        }
    }
    for &u in moved_units {
        out.push((REFORM, 3, TreeEvent::Move { org: org_code(u), new_parent: qn.clone(), date: REFORM }));
    }
    for (d, district) in DISTRICTS.iter().enumerate() {
        if district.merged_into.is_none() {
            out.push((REFORM, 4, TreeEvent::Dissolve { org: org_code(district_orgs[d]), date: REFORM }));
        }
    }
    out.sort_by_key(|(date, phase, _)| (*date, *phase));
    out.into_iter().map(|(_, _, e)| e).collect()
}
