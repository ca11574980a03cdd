//! Vietnamese personal names: family names with their frequencies, middle
//! names by gender, given names by gender, and the family names of the ethnic
//! minorities of Quảng Ninh.

use daihoi_core::Gender;

use crate::catalog::Ethnicity;
use crate::rng::{SplitMix64, Weighted};

/// Family names (họ) of the Kinh, in per-mille of the population (national
/// survey figures, rounded; Huỳnh and Võ, southern forms of Hoàng and Vũ, are
/// rare in the North).
#[rustfmt::skip]
const KINH_FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 45), ("Huỳnh", 4), ("Phan", 40),
    ("Vũ", 42), ("Võ", 4), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 10), ("Ngô", 13), ("Dương", 10),
    ("Lý", 5), ("Đinh", 8), ("Đào", 8), ("Đoàn", 6), ("Trịnh", 6), ("Mai", 5), ("Lương", 5), ("Trương", 5),
    ("Cao", 4), ("Lưu", 3), ("Tạ", 3), ("Hà", 4), ("Phùng", 3), ("Vương", 2), ("Chu", 3), ("Lâm", 2),
    ("Tô", 2), ("Đồng", 2), ("Kiều", 1), ("Triệu", 2), ("Quách", 1),
];
#[rustfmt::skip]
const TAY_FAMILY: &[(&str, u32)] = &[
    ("Hoàng", 25), ("Nông", 15), ("Lương", 10), ("Vi", 10), ("Lục", 8), ("Hà", 8), ("Nguyễn", 10), ("Lộc", 5),
    ("Mạc", 4), ("Đàm", 5), ("Lăng", 3),
];
#[rustfmt::skip]
const DAO_FAMILY: &[(&str, u32)] = &[
    ("Triệu", 25), ("Bàn", 20), ("Đặng", 15), ("Lý", 15), ("Chíu", 8), ("Phùng", 8), ("Dương", 4), ("Nịnh", 5),
    ("Lăng", 3),
];
#[rustfmt::skip]
const SAN_DIU_FAMILY: &[(&str, u32)] = &[
    ("La", 15), ("Tằng", 10), ("Lý", 10), ("Trương", 10), ("Diệp", 8), ("Dương", 8), ("Nguyễn", 8), ("Trần", 5),
    ("Hoàng", 5), ("Đặng", 4),
];
#[rustfmt::skip]
const SAN_CHI_FAMILY: &[(&str, u32)] = &[
    ("Hoàng", 15), ("Chíu", 12), ("Voòng", 8), ("Nịnh", 8), ("Lỷ", 6), ("Sằn", 6), ("Lương", 6), ("Nông", 5),
    ("Tằng", 4),
];
#[rustfmt::skip]
const HOA_FAMILY: &[(&str, u32)] = &[
    ("Lý", 15), ("Trương", 12), ("Lâm", 12), ("Hoàng", 10), ("Diệp", 8), ("Quách", 6), ("Lưu", 6), ("Hà", 5),
    ("Vương", 5), ("Mã", 5),
];

#[rustfmt::skip]
const KINH_MALE_MIDDLE: &[(&str, u32)] = &[
    ("Văn", 330), ("Đức", 100), ("Minh", 90), ("Quang", 80), ("Hữu", 60), ("Đình", 50), ("Xuân", 50),
    ("Công", 50), ("Thanh", 50), ("Mạnh", 40), ("Thế", 40), ("Tiến", 30), ("Ngọc", 30), ("Trung", 30),
    ("Duy", 30), ("Hồng", 20), ("Anh", 20), ("Trọng", 20), ("Việt", 15), ("Hải", 15), ("Bá", 15), ("Khắc", 10),
];
#[rustfmt::skip]
const KINH_FEMALE_MIDDLE: &[(&str, u32)] = &[
    ("Thị", 480), ("Thu", 60), ("Ngọc", 60), ("Thanh", 50), ("Hồng", 50), ("Minh", 30), ("Phương", 30),
    ("Kim", 30), ("Thúy", 25), ("Bích", 20), ("Hải", 20), ("Mai", 20), ("Lan", 15), ("Thị Thu", 40),
    ("Thị Ngọc", 25), ("Thị Thanh", 25), ("Thị Hồng", 20), ("Thị Kim", 15), ("Diệu", 10), ("Khánh", 10),
];
#[rustfmt::skip]
const MINORITY_MALE_MIDDLE: &[(&str, u32)] = &[
    ("Văn", 700), ("Đức", 60), ("Minh", 60), ("Tài", 50), ("Quang", 40), ("Thành", 40), ("Hữu", 30), ("Mạnh", 20),
];
#[rustfmt::skip]
const MINORITY_FEMALE_MIDDLE: &[(&str, u32)] = &[("Thị", 850), ("Thu", 40), ("Ngọc", 40), ("Hồng", 40), ("Kim", 30)];

#[rustfmt::skip]
const MALE_GIVEN: &[(&str, u32)] = &[
    ("An", 8), ("Anh", 20), ("Bảo", 6), ("Bình", 12), ("Chiến", 10), ("Chính", 8), ("Cường", 14), ("Dũng", 24),
    ("Duy", 8), ("Dương", 8), ("Đạt", 12), ("Điệp", 4), ("Định", 6), ("Đông", 8), ("Đức", 16), ("Giang", 6),
    ("Hà", 6), ("Hải", 22), ("Hiếu", 12), ("Hiệp", 8), ("Hòa", 10), ("Hoàng", 10), ("Huy", 14), ("Hùng", 24),
    ("Hưng", 14), ("Khánh", 10), ("Khoa", 6), ("Kiên", 8), ("Lâm", 6), ("Long", 16), ("Lộc", 6), ("Lợi", 6),
    ("Luân", 4), ("Mạnh", 10), ("Minh", 22), ("Nam", 18), ("Nghĩa", 10), ("Ngọc", 6), ("Nguyên", 6), ("Nhật", 4),
    ("Phong", 10), ("Phúc", 8), ("Phương", 8), ("Quân", 12), ("Quang", 12), ("Quý", 6), ("Sơn", 22), ("Tài", 8),
    ("Tâm", 8), ("Tân", 6), ("Thái", 8), ("Thành", 18), ("Thanh", 10), ("Thắng", 18), ("Thịnh", 8), ("Thọ", 6),
    ("Thuận", 6), ("Tiến", 12), ("Toàn", 12), ("Trọng", 6), ("Trung", 16), ("Trường", 10), ("Tú", 8), ("Tuấn", 24),
    ("Tùng", 12), ("Vinh", 10), ("Việt", 10), ("Vũ", 6), ("Khải", 4), ("Hậu", 6), ("Hào", 4), ("Hoan", 4),
];
#[rustfmt::skip]
const FEMALE_GIVEN: &[(&str, u32)] = &[
    ("An", 6), ("Anh", 16), ("Ánh", 8), ("Bích", 6), ("Bình", 8), ("Châm", 4), ("Chi", 8), ("Dung", 14),
    ("Duyên", 10), ("Giang", 10), ("Hà", 18), ("Hạnh", 14), ("Hằng", 16), ("Hiền", 16), ("Hoa", 16), ("Hòa", 6),
    ("Hồng", 12), ("Huế", 6), ("Huệ", 8), ("Hương", 24), ("Hường", 10), ("Huyền", 18), ("Lan", 16), ("Liên", 10),
    ("Liễu", 4), ("Linh", 20), ("Loan", 10), ("Lụa", 4), ("Lý", 6), ("Mai", 16), ("Mến", 4), ("Minh", 6),
    ("My", 6), ("Nga", 14), ("Ngân", 8), ("Ngọc", 10), ("Nguyệt", 6), ("Nhàn", 6), ("Nhung", 12), ("Oanh", 8),
    ("Phương", 16), ("Quyên", 6), ("Quỳnh", 10), ("Sen", 4), ("Tâm", 8), ("Thảo", 18), ("Thắm", 4), ("Thanh", 10),
    ("Thơm", 4), ("Thu", 12), ("Thúy", 14), ("Thủy", 16), ("Trang", 20), ("Trinh", 6), ("Tuyết", 8), ("Uyên", 6),
    ("Vân", 12), ("Xuân", 8), ("Yến", 14),
];

/// Family name, middle name(s), given name.
pub(crate) type NameParts = (&'static str, &'static str, &'static str);

/// The name tables, built once per scenario.
#[derive(Debug, Clone)]
pub(crate) struct NameTables {
    kinh: Weighted<&'static str>,
    tay: Weighted<&'static str>,
    dao: Weighted<&'static str>,
    san_diu: Weighted<&'static str>,
    san_chi: Weighted<&'static str>,
    hoa: Weighted<&'static str>,
    kinh_male_middle: Weighted<&'static str>,
    kinh_female_middle: Weighted<&'static str>,
    minority_male_middle: Weighted<&'static str>,
    minority_female_middle: Weighted<&'static str>,
    male_given: Weighted<&'static str>,
    female_given: Weighted<&'static str>,
}

impl NameTables {
    pub(crate) fn new() -> NameTables {
        NameTables {
            kinh: Weighted::new(KINH_FAMILY),
            tay: Weighted::new(TAY_FAMILY),
            dao: Weighted::new(DAO_FAMILY),
            san_diu: Weighted::new(SAN_DIU_FAMILY),
            san_chi: Weighted::new(SAN_CHI_FAMILY),
            hoa: Weighted::new(HOA_FAMILY),
            kinh_male_middle: Weighted::new(KINH_MALE_MIDDLE),
            kinh_female_middle: Weighted::new(KINH_FEMALE_MIDDLE),
            minority_male_middle: Weighted::new(MINORITY_MALE_MIDDLE),
            minority_female_middle: Weighted::new(MINORITY_FEMALE_MIDDLE),
            male_given: Weighted::new(MALE_GIVEN),
            female_given: Weighted::new(FEMALE_GIVEN),
        }
    }

    /// The parts (họ, tên đệm, tên) of a name for a person of this ethnicity,
    /// gender and birth year: people born before 1975 more often carry the
    /// plain Văn/Thị.
    pub(crate) fn name_parts(
        &self,
        rng: &mut SplitMix64,
        ethnicity: Ethnicity,
        gender: Gender,
        birth_year: i32,
    ) -> NameParts {
        let family = match ethnicity {
            Ethnicity::Kinh => &self.kinh,
            Ethnicity::Tay => &self.tay,
            Ethnicity::Dao => &self.dao,
            Ethnicity::SanDiu => &self.san_diu,
            Ethnicity::SanChi => &self.san_chi,
            Ethnicity::Hoa => &self.hoa,
        }
        .pick(rng);
        let plain = birth_year < 1975 && rng.chance(400);
        let minority = ethnicity != Ethnicity::Kinh;
        let middle = match (gender, plain, minority) {
            (Gender::Male, true, _) => "Văn",
            (Gender::Female, true, _) => "Thị",
            (Gender::Male, false, false) => self.kinh_male_middle.pick(rng),
            (Gender::Female, false, false) => self.kinh_female_middle.pick(rng),
            (Gender::Male, false, true) => self.minority_male_middle.pick(rng),
            (Gender::Female, false, true) => self.minority_female_middle.pick(rng),
        };
        let given_table = match gender {
            Gender::Male => &self.male_given,
            Gender::Female => &self.female_given,
        };
        // "Minh Minh", "Thanh Thanh": not a name anyone is given.
        let last_middle = middle.rsplit(' ').next().unwrap_or(middle);
        let given = loop {
            let g = given_table.pick(rng);
            if g != last_middle {
                break g;
            }
        };
        (family, middle, given)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use daihoi_core::PersonName;

    #[test]
    fn every_table_entry_is_a_valid_name_part() {
        let tables = [
            KINH_FAMILY,
            TAY_FAMILY,
            DAO_FAMILY,
            SAN_DIU_FAMILY,
            SAN_CHI_FAMILY,
            HOA_FAMILY,
            KINH_MALE_MIDDLE,
            KINH_FEMALE_MIDDLE,
            MINORITY_MALE_MIDDLE,
            MINORITY_FEMALE_MIDDLE,
            MALE_GIVEN,
            FEMALE_GIVEN,
        ];
        for table in tables {
            for &(word, weight) in table {
                assert!(weight > 0, "{word}");
                // Already normalised: parsing (NFC, single spaces) changes nothing.
                assert_eq!(PersonName::parse(word).unwrap().full(), word);
            }
        }
    }

    #[test]
    fn names_have_three_or_four_words() {
        let t = NameTables::new();
        let mut rng = SplitMix64::new(3);
        for i in 0..1000 {
            let g = if i % 2 == 0 { Gender::Male } else { Gender::Female };
            let (f, m, g) = t.name_parts(&mut rng, Ethnicity::Kinh, g, 1960 + i % 40);
            let n = format!("{f} {m} {g}");
            let words: Vec<&str> = n.split(' ').collect();
            assert!((3..=4).contains(&words.len()), "{n}");
            assert_ne!(words[words.len() - 2], words[words.len() - 1], "{n}");
        }
    }
}
