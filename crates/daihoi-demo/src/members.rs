//! The members of the scenario: one row per member, as the member list file
//! would give it (`daihoi_core::members::import::MemberRow`).

use std::collections::HashMap;

use daihoi_core::members::CardNumber;
use daihoi_core::members::import::MemberRow;
use daihoi_core::{ConditionKind, Gender, Member, OrgCode, PersonName};
use time::macros::date;
use time::{Date, Duration};

use crate::AS_OF;
use crate::catalog::{Ethnicity, Profile};
use crate::names::{NameParts, NameTables};
use crate::rng::{SplitMix64, Weighted};
use crate::tree::{Tree, apportion};

/// The last admission date that still gives an official member by
/// [`AS_OF`]: later admissions are probationary.
const LAST_OFFICIAL_ADMISSION: Date = date!(2025 - 11 - 28);
/// No admission after this day (the data were collected in November 2026).
const LAST_ADMISSION: Date = date!(2026 - 11 - 01);
/// Conditions start from this day or later.
const CONDITIONS_FROM: Date = date!(2024 - 01 - 01);

/// The people every scenario contains (when it has at least 3 members), so
/// that demos and tests can find them.
struct Fixed {
    name: &'static str,
    gender: Gender,
    birth: Date,
    admission: Date,
    member_since: Date,
}

const NGUYEN_VAN_AN: Fixed = Fixed {
    name: "Nguyễn Văn An",
    gender: Gender::Male,
    birth: date!(1980 - 05 - 12),
    admission: date!(2005 - 05 - 19),
    member_since: date!(2005 - 05 - 19),
};
const TRAN_THI_BINH: Fixed = Fixed {
    name: "Trần Thị Bình",
    gender: Gender::Female,
    birth: date!(1988 - 03 - 08),
    admission: date!(2012 - 09 - 02),
    member_since: date!(2012 - 09 - 02),
};
const VU_DAI_THANG: Fixed = Fixed {
    name: "Vũ Đại Thắng",
    gender: Gender::Male,
    birth: date!(1975 - 08 - 23),
    admission: date!(2000 - 05 - 19),
    member_since: date!(2023 - 10 - 01),
};

/// Generated names never repeat the fixed ones, so each is found once.
const FIXED_NAMES: [&str; 3] = [NGUYEN_VAN_AN.name, TRAN_THI_BINH.name, VU_DAI_THANG.name];

/// The first day plus `days` days.
fn plus_days(date: Date, days: u64) -> Date {
    date.saturating_add(Duration::days(days as i64))
}

/// A day in `low..=high`, uniformly.
fn day_between(rng: &mut SplitMix64, low: Date, high: Date) -> Date {
    let span = (high - low).whole_days().max(0) as u64;
    plus_days(low, rng.below(span + 1))
}

/// The same day `years` later; 29 February becomes 1 March, as in
/// `daihoi_core::members::import::parse_row`.
fn years_later(date: Date, years: i32) -> Date {
    date.replace_year(date.year() + years)
        .unwrap_or_else(|_| date.next_day().and_then(|d| d.replace_year(date.year() + years).ok()).unwrap_or(date))
}

/// Birth years, share of women (per mille), and years from the 18th birthday
/// to admission, by kind of cell.
fn profile_traits(profile: Profile) -> ((u64, u64), u64, (u64, u64)) {
    match profile {
        Profile::Residential => ((1950, 1998), 420, (2, 24)),
        Profile::Agency => ((1964, 2000), 480, (2, 16)),
        Profile::Police => ((1970, 2003), 100, (1, 8)),
        Profile::Military => ((1968, 2003), 60, (1, 8)),
        Profile::School => ((1966, 2001), 720, (3, 16)),
        Profile::Health => ((1966, 2001), 650, (3, 16)),
        Profile::Industry => ((1966, 2002), 150, (3, 20)),
    }
}

/// The usual size of a cell of this kind (members).
fn cell_size(profile: Profile) -> (u64, u64) {
    match profile {
        Profile::Residential | Profile::Industry => (20, 60),
        Profile::Agency | Profile::School => (15, 40),
        Profile::Police | Profile::Health => (15, 35),
        Profile::Military => (12, 30),
    }
}

/// Card numbers: "22" (Quảng Ninh's province code) and `digits` digits. The
/// row index goes through a keyed permutation of `0..10^digits` (a 4-round
/// Feistel network on `bits` bits, cycle-walked back into range), so numbers
/// are unique, deterministic and in no visible order.
struct Cards {
    keys: [u64; 4],
    bits: u32,
    modulus: u64,
    digits: usize,
}

impl Cards {
    fn new(rng: &mut SplitMix64, total: usize) -> Cards {
        let mut digits = 6;
        let mut modulus: u64 = 1_000_000;
        while modulus < total as u64 {
            digits += 1;
            modulus *= 10;
        }
        let mut bits = 64 - (modulus - 1).leading_zeros();
        bits += bits % 2;
        let keys = [rng.next_u64(), rng.next_u64(), rng.next_u64(), rng.next_u64()];
        Cards { keys, bits, modulus, digits }
    }

    /// A bijection of `0..2^bits`.
    fn feistel(&self, x: u64) -> u64 {
        let half = self.bits / 2;
        let mask = (1u64 << half) - 1;
        let (mut left, mut right) = (x >> half, x & mask);
        for key in self.keys {
            let f = SplitMix64::new(right ^ key).next_u64() & mask;
            (left, right) = (right, left ^ f);
        }
        (left << half) | right
    }

    /// The card of the `index`-th row (`index` < 10^digits).
    fn card(&self, index: usize) -> CardNumber {
        let mut n = self.feistel(index as u64);
        while n >= self.modulus {
            n = self.feistel(n);
        }
        let text = format!("22{n:0width$}", width = self.digits);
        match CardNumber::parse(&text) {
            Ok(c) => c,
            Err(e) => panic!("generated card number is invalid: {e}"),
        }
    }
}

/// The rows for `total` members spread over the cells of `tree`.
pub(crate) fn generate(tree: &Tree, total: usize, rng: &mut SplitMix64) -> Vec<MemberRow> {
    let targets: Vec<u64> = tree
        .cells
        .iter()
        .map(|c| {
            let (low, high) = cell_size(c.profile);
            rng.triangular(low, high)
        })
        .collect();
    let mut sizes = apportion(total as u64, &targets, 0);
    // Room for the fixed people, even in a tiny scenario.
    let reserved = [(tree.quang_tan_cell, 2), (tree.province_agencies_cell, 1)];
    if total >= 3 {
        for (cell, need) in reserved {
            while sizes[cell] < need {
                // The largest other cell gives one member (there is one: 3 ≤ total).
                let donor = (0..sizes.len())
                    .filter(|i| reserved.iter().all(|&(r, _)| r != *i) && sizes[*i] > 0)
                    .max_by_key(|&i| (sizes[i], usize::MAX - i));
                let Some(donor) = donor else { break };
                sizes[donor] -= 1;
                sizes[cell] += 1;
            }
        }
    }
    let cards = Cards::new(rng, total);
    let names = NameTables::new();
    let mut cache = HashMap::new();
    let mut rows = Vec::with_capacity(total);
    for (i, cell) in tree.cells.iter().enumerate() {
        let org = &tree.orgs[cell.org];
        let place =
            Place { profile: cell.profile, mix: Weighted::new(cell.mix), code: &org.code, from: org.valid_from };
        for j in 0..sizes[i] {
            let fixed = match (i, j) {
                (c, 0) if c == tree.quang_tan_cell => Some(&NGUYEN_VAN_AN),
                (c, 1) if c == tree.quang_tan_cell => Some(&TRAN_THI_BINH),
                (c, 0) if c == tree.province_agencies_cell => Some(&VU_DAI_THANG),
                _ => None,
            };
            let card_number = cards.card(rows.len());
            let row = match fixed {
                Some(f) => fixed_row(f, card_number, org.code.clone()),
                None => random_row(rng, &names, &mut cache, &place, card_number),
            };
            rows.push(row);
        }
    }
    rows
}

fn parsed_name(text: &str) -> Option<PersonName> {
    PersonName::parse(text).ok()
}

fn fixed_row(f: &Fixed, card_number: CardNumber, organization: OrgCode) -> MemberRow {
    MemberRow {
        member: Member {
            card_number,
            // The fixed names are valid names: a test reads every row back.
            name: parsed_name(f.name).unwrap_or_else(|| panic!("{} is a valid name", f.name)),
            gender: f.gender,
            birth_date: f.birth,
            ethnicity: Ethnicity::Kinh.vi().to_owned(),
            admission_date: f.admission,
            official_date: Some(years_later(f.admission, 1)),
        },
        organization,
        member_since: Some(f.member_since),
        condition: None,
    }
}

/// The cell a member is generated for.
struct Place<'a> {
    profile: Profile,
    mix: Weighted<Ethnicity>,
    code: &'a OrgCode,
    /// Since when the cell exists.
    from: Date,
}

/// One random member of a cell.
/// `cache` keeps the parsed names already seen (parsing normalises Unicode,
/// the costliest step).
fn random_row(
    rng: &mut SplitMix64,
    names: &NameTables,
    cache: &mut HashMap<NameParts, PersonName>,
    place: &Place<'_>,
    card_number: CardNumber,
) -> MemberRow {
    let ethnicity = place.mix.pick(rng);
    let ((born_low, born_high), women, (wait_low, wait_high)) = profile_traits(place.profile);
    let gender = if rng.chance(women) { Gender::Female } else { Gender::Male };
    let year = rng.triangular(born_low, born_high) as i32;
    let jan1 = Date::from_ordinal_date(year, 1).unwrap_or(Date::MIN);
    let birth = day_between(rng, jan1, years_later(jan1, 1).previous_day().unwrap_or(jan1));
    let name = loop {
        let parts = names.name_parts(rng, ethnicity, gender, year);
        if let Some(name) = cache.get(&parts) {
            break name.clone();
        }
        let text = format!("{} {} {}", parts.0, parts.1, parts.2);
        if FIXED_NAMES.contains(&text.as_str()) {
            continue;
        }
        if let Some(name) = parsed_name(&text) {
            cache.insert(parts, name.clone());
            break name;
        }
    };

    let eighteenth = years_later(birth, 18);
    let admission = if rng.chance(30) {
        // Admitted during the last year: still probationary.
        day_between(rng, plus_days(LAST_OFFICIAL_ADMISSION, 1).max(eighteenth), LAST_ADMISSION)
    } else {
        let wait = rng.triangular(wait_low * 365, wait_high * 365 + 364);
        let candidate = plus_days(eighteenth, wait);
        if candidate <= LAST_OFFICIAL_ADMISSION {
            candidate
        } else {
            day_between(rng, eighteenth, LAST_OFFICIAL_ADMISSION)
        }
    };
    let official_date = (admission <= LAST_OFFICIAL_ADMISSION).then(|| years_later(admission, 1));
    let mut member_since = admission.max(place.from);
    if rng.chance(250) {
        // Came from another cell later.
        member_since = day_between(rng, member_since, AS_OF);
    }
    let condition = rng.chance(15).then(|| {
        let kind = if year < 1958 && rng.chance(700) {
            ConditionKind::Exempted
        } else {
            match rng.below(100) {
                0..75 => ConditionKind::TemporarilyTransferred,
                75..92 => ConditionKind::Suspended,
                _ => ConditionKind::ProsecutedOrDetained,
            }
        };
        (kind, day_between(rng, CONDITIONS_FROM.max(admission), AS_OF))
    });
    MemberRow {
        member: Member {
            card_number,
            name,
            gender,
            birth_date: birth,
            ethnicity: ethnicity.vi().to_owned(),
            admission_date: admission,
            official_date,
        },
        organization: place.code.clone(),
        member_since: Some(member_since),
        condition,
    }
}
