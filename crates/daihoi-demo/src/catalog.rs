//! The fixed data of the Quảng Ninh scenario: districts and their communes as
//! they stood before the 2025 reform, how communes were regrouped (2020 and
//! 2025), the grassroots organizations, and the names of their cells.
//!
//! Names are those of real places and units of Quảng Ninh, or plausible ones;
//! dates and regroupings are illustrative, not an official record.

use time::Date;
use time::macros::date;

/// What kind of cell a member belongs to: decides age, gender and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Profile {
    /// A village or neighbourhood cell (thôn, bản, khu): many retirees.
    Residential,
    /// An office of the Party or the state.
    Agency,
    /// The police.
    Police,
    /// The army, the militia or the border guard.
    Military,
    /// A school or a college.
    School,
    /// A hospital, a health centre or a health station.
    Health,
    /// A coal mine, a power plant or another enterprise.
    Industry,
}

/// An ethnic group (dân tộc) of Quảng Ninh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ethnicity {
    Kinh,
    Tay,
    Dao,
    SanDiu,
    SanChi,
    Hoa,
}

impl Ethnicity {
    /// The name written in the member list.
    pub(crate) fn vi(self) -> &'static str {
        match self {
            Ethnicity::Kinh => "Kinh",
            Ethnicity::Tay => "Tày",
            Ethnicity::Dao => "Dao",
            Ethnicity::SanDiu => "Sán Dìu",
            Ethnicity::SanChi => "Sán Chỉ",
            Ethnicity::Hoa => "Hoa",
        }
    }
}

use Ethnicity::{Dao, Hoa, Kinh, SanChi, SanDiu, Tay};

/// Ethnic mixes of Party members, by area (weights).
pub(crate) const MIX_CITY: &[(Ethnicity, u32)] = &[(Kinh, 955), (Tay, 15), (Dao, 10), (SanDiu, 10), (Hoa, 10)];
const MIX_BORDER_CITY: &[(Ethnicity, u32)] = &[(Kinh, 900), (Tay, 30), (Dao, 35), (SanChi, 10), (Hoa, 25)];
const MIX_ISLAND: &[(Ethnicity, u32)] = &[(Kinh, 950), (Dao, 15), (SanDiu, 20), (Tay, 10), (Hoa, 5)];
const MIX_HOANH_BO: &[(Ethnicity, u32)] = &[(Kinh, 700), (Dao, 120), (SanDiu, 130), (Tay, 50)];
const MIX_TIEN_YEN: &[(Ethnicity, u32)] = &[(Kinh, 400), (Tay, 250), (Dao, 200), (SanChi, 120), (Hoa, 30)];
const MIX_BINH_LIEU: &[(Ethnicity, u32)] = &[(Kinh, 80), (Tay, 550), (Dao, 220), (SanChi, 130), (Hoa, 20)];
const MIX_BA_CHE: &[(Ethnicity, u32)] = &[(Kinh, 300), (Dao, 350), (Tay, 200), (SanChi, 130), (Hoa, 20)];
const MIX_DAM_HA: &[(Ethnicity, u32)] = &[(Kinh, 750), (Dao, 120), (Tay, 50), (SanChi, 60), (Hoa, 20)];
const MIX_HAI_HA: &[(Ethnicity, u32)] = &[(Kinh, 700), (Dao, 100), (Tay, 80), (SanChi, 100), (Hoa, 20)];

/// A regrouping of communes on a date: the first of `members` that exists
/// absorbs the others (Merge) and takes the name `name` (Rename).
#[derive(Debug)]
pub(crate) struct Regroup {
    pub(crate) date: Date,
    /// The name after the regrouping, with its kind: "phường Hồng Gai".
    pub(crate) name: &'static str,
    /// Communes by their name in [`District::communes`], survivor first.
    pub(crate) members: &'static [&'static str],
}

/// The day the district level was abolished and the new communes started.
pub(crate) const REFORM: Date = date!(2025 - 07 - 01);
/// The day Hoành Bồ joined Hạ Long.
pub(crate) const HOANH_BO_MERGE: Date = date!(2020 - 01 - 01);

const fn r(name: &'static str, members: &'static [&'static str]) -> Regroup {
    Regroup { date: REFORM, name, members }
}

/// A district-level committee (huyện, thị xã, thành phố thuộc tỉnh) as it was
/// before 2025.
#[derive(Debug)]
pub(crate) struct District {
    /// The code under `QN`.
    pub(crate) code: &'static str,
    /// "thành phố Hạ Long".
    pub(crate) name: &'static str,
    /// "Hạ Long".
    pub(crate) place: &'static str,
    pub(crate) founded: Date,
    /// Mountain district: villages are often "bản".
    pub(crate) highland: bool,
    pub(crate) mix: &'static [(Ethnicity, u32)],
    /// Communes, wards and townships, the most important first: a small
    /// scenario takes the first ones.
    pub(crate) communes: &'static [&'static str],
    pub(crate) regroups: &'static [Regroup],
    /// The district that absorbed this one, and when.
    pub(crate) merged_into: Option<(&'static str, Date)>,
}

const PROVINCE_FOUNDED: Date = date!(1963 - 10 - 30);

/// The province's record starts here.
pub(crate) const PROVINCE: (&str, &str, Date) = ("QN", "Đảng bộ tỉnh Quảng Ninh", PROVINCE_FOUNDED);

/// The commune of the election example: its first cell holds two of the
/// fixed people.
pub(crate) const QUANG_TAN: (&str, &str) = ("DH", "xã Quảng Tân");

/// Every district that existed between 2019 and 2025.
pub(crate) const DISTRICTS: &[District] = &[
    District {
        code: "HL",
        name: "thành phố Hạ Long",
        place: "Hạ Long",
        founded: PROVINCE_FOUNDED,
        highland: false,
        mix: MIX_CITY,
        communes: &[
            "phường Hồng Gai", "phường Trần Hưng Đạo", "phường Bãi Cháy", "phường Hồng Hải", "phường Hồng Hà",
            "phường Cao Xanh", "phường Hà Khánh", "phường Hà Lầm", "phường Hà Tu", "phường Hà Phong",
            "phường Hà Trung", "phường Hà Khẩu", "phường Giếng Đáy", "phường Hùng Thắng", "phường Tuần Châu",
            "phường Việt Hưng", "phường Đại Yên", "phường Cao Thắng", "phường Bạch Đằng", "phường Yết Kiêu",
        ],
        regroups: &[
            r("phường Hồng Gai", &["phường Hồng Gai", "phường Trần Hưng Đạo", "phường Yết Kiêu", "phường Bạch Đằng"]),
            r("phường Hạ Long", &["phường Hồng Hải", "phường Hồng Hà", "phường Cao Thắng"]),
            r("phường Bãi Cháy", &["phường Bãi Cháy", "phường Giếng Đáy", "phường Hùng Thắng"]),
            r("phường Cao Xanh", &["phường Cao Xanh", "phường Hà Khánh"]),
            r("phường Hà Lầm", &["phường Hà Lầm", "phường Hà Trung"]),
            r("phường Hà Tu", &["phường Hà Tu", "phường Hà Phong"]),
            r("phường Việt Hưng", &["phường Việt Hưng", "phường Đại Yên", "phường Hà Khẩu"]),
        ],
        merged_into: None,
    },
    District {
        code: "CP",
        name: "thành phố Cẩm Phả",
        place: "Cẩm Phả",
        founded: PROVINCE_FOUNDED,
        highland: false,
        mix: MIX_CITY,
        communes: &[
            "phường Cẩm Thành", "phường Cẩm Trung", "phường Cửa Ông", "phường Mông Dương", "phường Quang Hanh",
            "phường Cẩm Tây", "phường Cẩm Đông", "phường Cẩm Sơn", "phường Cẩm Phú", "phường Cẩm Thịnh",
            "phường Cẩm Thủy", "phường Cẩm Thạch", "phường Cẩm Bình", "xã Dương Huy", "xã Cộng Hòa", "xã Cẩm Hải",
        ],
        regroups: &[
            r("phường Cẩm Phả", &["phường Cẩm Thành", "phường Cẩm Trung", "phường Cẩm Tây", "phường Cẩm Đông", "phường Cẩm Bình"]),
            r("phường Quang Hanh", &["phường Quang Hanh", "phường Cẩm Thạch", "phường Cẩm Thủy"]),
            r("phường Cửa Ông", &["phường Cửa Ông", "phường Cẩm Phú", "phường Cẩm Thịnh", "phường Cẩm Sơn"]),
            r("phường Mông Dương", &["phường Mông Dương", "xã Dương Huy"]),
            r("xã Hải Hòa", &["xã Cộng Hòa", "xã Cẩm Hải"]),
        ],
        merged_into: None,
    },
    District {
        code: "UB",
        name: "thành phố Uông Bí",
        place: "Uông Bí",
        founded: PROVINCE_FOUNDED,
        highland: false,
        mix: MIX_CITY,
        communes: &[
            "phường Quang Trung", "phường Thanh Sơn", "phường Vàng Danh", "phường Trưng Vương", "phường Bắc Sơn",
            "phường Nam Khê", "phường Yên Thanh", "phường Phương Đông", "phường Phương Nam", "xã Thượng Yên Công",
        ],
        regroups: &[
            r("phường Uông Bí", &["phường Quang Trung", "phường Thanh Sơn", "phường Trưng Vương"]),
            r("phường Vàng Danh", &["phường Vàng Danh", "phường Bắc Sơn"]),
            r("phường Yên Tử", &["phường Phương Đông", "xã Thượng Yên Công"]),
            r("phường Nam Khê", &["phường Nam Khê", "phường Yên Thanh"]),
        ],
        merged_into: None,
    },
    District {
        code: "MC",
        name: "thành phố Móng Cái",
        place: "Móng Cái",
        founded: PROVINCE_FOUNDED,
        highland: false,
        mix: MIX_BORDER_CITY,
        communes: &[
            "phường Ka Long", "phường Trần Phú", "phường Hải Hòa", "phường Hải Yên", "phường Hòa Lạc",
            "phường Ninh Dương", "phường Trà Cổ", "phường Bình Ngọc", "xã Hải Xuân", "xã Hải Đông", "xã Hải Tiến",
            "xã Hải Sơn", "xã Quảng Nghĩa", "xã Vạn Ninh", "xã Bắc Sơn", "xã Vĩnh Thực", "xã Vĩnh Trung",
        ],
        regroups: &[
            r("phường Móng Cái 1", &["phường Ka Long", "phường Trần Phú", "phường Hòa Lạc", "phường Ninh Dương", "xã Hải Xuân"]),
            r("phường Móng Cái 2", &["phường Hải Hòa", "phường Trà Cổ", "phường Bình Ngọc", "xã Vạn Ninh"]),
            r("phường Móng Cái 3", &["phường Hải Yên", "xã Hải Đông", "xã Hải Tiến", "xã Quảng Nghĩa"]),
            r("xã Hải Sơn", &["xã Hải Sơn", "xã Bắc Sơn"]),
            r("xã Vĩnh Thực", &["xã Vĩnh Thực", "xã Vĩnh Trung"]),
        ],
        merged_into: None,
    },
    District {
        code: "DT",
        name: "thành phố Đông Triều",
        place: "Đông Triều",
        founded: PROVINCE_FOUNDED,
        highland: false,
        mix: MIX_CITY,
        communes: &[
            "phường Đông Triều", "phường Hưng Đạo", "phường Mạo Khê", "phường Hoàng Quế", "phường Kim Sơn",
            "phường Xuân Sơn", "phường Đức Chính", "phường Hồng Phong", "phường Yên Thọ", "phường Tràng An",
            "phường Yên Đức", "phường Hồng Thái Đông", "phường Hồng Thái Tây", "xã Bình Khê", "xã An Sinh",
            "xã Tràng Lương", "xã Việt Dân", "xã Thủy An", "xã Nguyễn Huệ", "xã Tân Việt", "xã Bình Dương",
        ],
        regroups: &[
            r("phường Đông Triều", &["phường Đông Triều", "phường Hưng Đạo", "phường Đức Chính", "phường Hồng Phong"]),
            r("phường Mạo Khê", &["phường Mạo Khê", "phường Kim Sơn", "phường Xuân Sơn", "phường Yên Thọ"]),
            r("phường Hoàng Quế", &["phường Hoàng Quế", "phường Yên Đức", "phường Hồng Thái Đông", "phường Hồng Thái Tây"]),
            r("phường Bình Khê", &["xã Bình Khê", "xã Tràng Lương", "phường Tràng An"]),
            r("phường An Sinh", &["xã An Sinh", "xã Việt Dân", "xã Thủy An", "xã Nguyễn Huệ", "xã Tân Việt", "xã Bình Dương"]),
        ],
        merged_into: None,
    },
    District {
        code: "QY",
        name: "thị xã Quảng Yên",
        place: "Quảng Yên",
        founded: PROVINCE_FOUNDED,
        highland: false,
        mix: MIX_CITY,
        communes: &[
            "phường Quảng Yên", "phường Yên Giang", "phường Đông Mai", "phường Minh Thành", "phường Cộng Hòa",
            "phường Nam Hòa", "phường Phong Hải", "phường Phong Cốc", "phường Tân An", "phường Yên Hải",
            "phường Hà An", "xã Hiệp Hòa", "xã Cẩm La", "xã Hoàng Tân", "xã Liên Hòa", "xã Liên Vị",
            "xã Sông Khoai", "xã Tiền An", "xã Tiền Phong",
        ],
        regroups: &[
            r("phường Quảng Yên", &["phường Quảng Yên", "phường Yên Giang", "phường Nam Hòa", "xã Tiền An"]),
            r("phường Đông Mai", &["phường Đông Mai", "phường Minh Thành"]),
            r("phường Hiệp Hòa", &["xã Hiệp Hòa", "xã Sông Khoai", "phường Cộng Hòa"]),
            r("phường Hà An", &["phường Hà An", "phường Tân An", "phường Yên Hải", "xã Hoàng Tân"]),
            r("phường Phong Cốc", &["phường Phong Cốc", "phường Phong Hải", "xã Cẩm La"]),
            r("phường Liên Hòa", &["xã Liên Hòa", "xã Liên Vị", "xã Tiền Phong"]),
        ],
        merged_into: None,
    },
    District {
        code: "TY",
        name: "huyện Tiên Yên",
        place: "Tiên Yên",
        founded: PROVINCE_FOUNDED,
        highland: true,
        mix: MIX_TIEN_YEN,
        communes: &[
            "thị trấn Tiên Yên", "xã Hải Lạng", "xã Đông Ngũ", "xã Điền Xá", "xã Yên Than", "xã Đông Hải",
            "xã Đại Dực", "xã Đại Thành", "xã Hà Lâu", "xã Phong Dụ",
        ],
        regroups: &[
            r("xã Tiên Yên", &["thị trấn Tiên Yên", "xã Phong Dụ"]),
            r("xã Hải Lạng", &["xã Hải Lạng", "xã Đông Hải"]),
            r("xã Đông Ngũ", &["xã Đông Ngũ", "xã Đại Dực"]),
            r("xã Điền Xá", &["xã Điền Xá", "xã Hà Lâu", "xã Đại Thành", "xã Yên Than"]),
        ],
        merged_into: None,
    },
    District {
        code: "BL",
        name: "huyện Bình Liêu",
        place: "Bình Liêu",
        founded: PROVINCE_FOUNDED,
        highland: true,
        mix: MIX_BINH_LIEU,
        communes: &[
            "thị trấn Bình Liêu", "xã Hoành Mô", "xã Lục Hồn", "xã Đồng Tâm", "xã Đồng Văn", "xã Tình Húc",
            "xã Vô Ngại", "xã Húc Động",
        ],
        regroups: &[
            r("xã Bình Liêu", &["thị trấn Bình Liêu", "xã Đồng Tâm", "xã Vô Ngại"]),
            r("xã Hoành Mô", &["xã Hoành Mô", "xã Đồng Văn"]),
            r("xã Lục Hồn", &["xã Lục Hồn", "xã Tình Húc", "xã Húc Động"]),
        ],
        merged_into: None,
    },
    District {
        code: "DH",
        name: "huyện Đầm Hà",
        place: "Đầm Hà",
        founded: date!(2001 - 10 - 01),
        highland: false,
        mix: MIX_DAM_HA,
        communes: &[
            "xã Quảng Tân", "thị trấn Đầm Hà", "xã Quảng Lâm", "xã Quảng An", "xã Dực Yên", "xã Đại Bình",
            "xã Tân Bình", "xã Tân Lập",
        ],
        regroups: &[
            r("xã Quảng Tân", &["xã Quảng Tân", "xã Quảng Lâm", "xã Quảng An", "xã Dực Yên"]),
            r("xã Đầm Hà", &["thị trấn Đầm Hà", "xã Tân Bình", "xã Đại Bình", "xã Tân Lập"]),
        ],
        merged_into: None,
    },
    District {
        code: "HH",
        name: "huyện Hải Hà",
        place: "Hải Hà",
        founded: date!(2001 - 10 - 01),
        highland: false,
        mix: MIX_HAI_HA,
        communes: &[
            "thị trấn Quảng Hà", "xã Quảng Đức", "xã Đường Hoa", "xã Cái Chiên", "xã Quảng Sơn", "xã Quảng Thành",
            "xã Quảng Thịnh", "xã Quảng Minh", "xã Quảng Chính", "xã Quảng Long", "xã Quảng Phong", "xã Tiến Tới",
        ],
        regroups: &[
            r("xã Quảng Hà", &["thị trấn Quảng Hà", "xã Quảng Minh", "xã Quảng Chính", "xã Quảng Long"]),
            r("xã Quảng Đức", &["xã Quảng Đức", "xã Quảng Sơn", "xã Quảng Thịnh"]),
            r("xã Đường Hoa", &["xã Đường Hoa", "xã Quảng Phong", "xã Quảng Thành"]),
            r("xã Cái Chiên", &["xã Cái Chiên", "xã Tiến Tới"]),
        ],
        merged_into: None,
    },
    District {
        code: "BC",
        name: "huyện Ba Chẽ",
        place: "Ba Chẽ",
        founded: PROVINCE_FOUNDED,
        highland: true,
        mix: MIX_BA_CHE,
        communes: &[
            "thị trấn Ba Chẽ", "xã Lương Mông", "xã Thanh Lâm", "xã Đạp Thanh", "xã Nam Sơn", "xã Minh Cầm",
            "xã Đồn Đạc", "xã Thanh Sơn",
        ],
        regroups: &[
            r("xã Ba Chẽ", &["thị trấn Ba Chẽ", "xã Nam Sơn", "xã Đồn Đạc"]),
            r("xã Lương Minh", &["xã Lương Mông", "xã Minh Cầm", "xã Đạp Thanh"]),
            r("xã Thanh Lâm", &["xã Thanh Lâm", "xã Thanh Sơn"]),
        ],
        merged_into: None,
    },
    District {
        code: "VD",
        name: "huyện Vân Đồn",
        place: "Vân Đồn",
        founded: date!(1994 - 03 - 23),
        highland: false,
        mix: MIX_ISLAND,
        communes: &[
            "thị trấn Cái Rồng", "xã Quan Lạn", "xã Đông Xá", "xã Hạ Long", "xã Đoàn Kết", "xã Đài Xuyên",
            "xã Bình Dân", "xã Vạn Yên", "xã Minh Châu", "xã Ngọc Vừng", "xã Bản Sen", "xã Thắng Lợi",
        ],
        regroups: &[r(
            "đặc khu Vân Đồn",
            &[
                "thị trấn Cái Rồng", "xã Quan Lạn", "xã Đông Xá", "xã Hạ Long", "xã Đoàn Kết", "xã Đài Xuyên",
                "xã Bình Dân", "xã Vạn Yên", "xã Minh Châu", "xã Ngọc Vừng", "xã Bản Sen", "xã Thắng Lợi",
            ],
        )],
        merged_into: None,
    },
    District {
        code: "CT",
        name: "huyện Cô Tô",
        place: "Cô Tô",
        founded: date!(1994 - 03 - 23),
        highland: false,
        mix: MIX_ISLAND,
        communes: &["thị trấn Cô Tô", "xã Đồng Tiến", "xã Thanh Lân"],
        regroups: &[r("đặc khu Cô Tô", &["thị trấn Cô Tô", "xã Đồng Tiến", "xã Thanh Lân"])],
        merged_into: None,
    },
    District {
        code: "HB",
        name: "huyện Hoành Bồ",
        place: "Hoành Bồ",
        founded: PROVINCE_FOUNDED,
        highland: false,
        mix: MIX_HOANH_BO,
        communes: &[
            "thị trấn Trới", "xã Lê Lợi", "xã Quảng La", "xã Thống Nhất", "xã Sơn Dương", "xã Dân Chủ",
            "xã Bằng Cả", "xã Tân Dân", "xã Đồng Lâm", "xã Đồng Sơn", "xã Hòa Bình", "xã Kỳ Thượng", "xã Vũ Oai",
        ],
        regroups: &[
            Regroup { date: HOANH_BO_MERGE, name: "phường Hoành Bồ", members: &["thị trấn Trới", "xã Lê Lợi"] },
            r("phường Hoành Bồ", &["thị trấn Trới", "xã Sơn Dương"]),
            r("xã Quảng La", &["xã Quảng La", "xã Dân Chủ", "xã Bằng Cả", "xã Tân Dân"]),
            r("xã Thống Nhất", &["xã Thống Nhất", "xã Vũ Oai", "xã Hòa Bình"]),
            r("xã Kỳ Thượng", &["xã Kỳ Thượng", "xã Đồng Sơn", "xã Đồng Lâm"]),
        ],
        merged_into: Some(("HL", HOANH_BO_MERGE)),
    },
];

/// How the cells of a unit are named: the listed names first, then
/// `"{numbered} {n}"` with n counting on.
#[derive(Debug)]
pub(crate) struct CellNames {
    pub(crate) named: &'static [&'static str],
    pub(crate) numbered: &'static str,
}

impl CellNames {
    /// The name of the `i`-th cell (0-based).
    pub(crate) fn name(&self, i: usize) -> String {
        match self.named.get(i) {
            Some(n) => (*n).to_owned(),
            None => format!("{} {}", self.numbered, i + 1),
        }
    }
}

const CQTU_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Văn phòng Tỉnh ủy",
        "Chi bộ Ban Tổ chức Tỉnh ủy",
        "Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Chi bộ Ủy ban Kiểm tra Tỉnh ủy",
        "Chi bộ Ban Nội chính Tỉnh ủy",
        "Chi bộ Trường Chính trị Nguyễn Văn Cừ",
        "Chi bộ Trung tâm Truyền thông tỉnh",
        "Chi bộ Ban Quản lý dự án các công trình Tỉnh ủy",
    ],
    numbered: "Chi bộ số",
};

const POLICE_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Phòng Tham mưu",
        "Chi bộ Phòng An ninh chính trị nội bộ",
        "Chi bộ Phòng An ninh đối ngoại",
        "Chi bộ Phòng An ninh kinh tế",
        "Chi bộ Phòng Cảnh sát hình sự",
        "Chi bộ Phòng Cảnh sát điều tra tội phạm về ma túy",
        "Chi bộ Phòng Cảnh sát kinh tế",
        "Chi bộ Phòng Cảnh sát giao thông",
        "Chi bộ Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        "Chi bộ Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        "Chi bộ Phòng Cảnh sát cơ động",
        "Chi bộ Phòng Xây dựng phong trào bảo vệ an ninh Tổ quốc",
        "Chi bộ Phòng Tổ chức cán bộ",
        "Chi bộ Phòng Hậu cần",
        "Chi bộ Trại tạm giam",
        "Chi bộ Công an thành phố Hạ Long",
        "Chi bộ Công an thành phố Cẩm Phả",
        "Chi bộ Công an thành phố Uông Bí",
        "Chi bộ Công an thành phố Móng Cái",
        "Chi bộ Công an thành phố Đông Triều",
        "Chi bộ Công an thị xã Quảng Yên",
        "Chi bộ Công an huyện Tiên Yên",
        "Chi bộ Công an huyện Bình Liêu",
        "Chi bộ Công an huyện Đầm Hà",
        "Chi bộ Công an huyện Hải Hà",
        "Chi bộ Công an huyện Ba Chẽ",
        "Chi bộ Công an huyện Vân Đồn",
        "Chi bộ Công an huyện Cô Tô",
    ],
    numbered: "Chi bộ số",
};

const BORDER_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Phòng Tham mưu",
        "Chi bộ Phòng Chính trị",
        "Chi bộ Phòng Hậu cần – Kỹ thuật",
        "Chi bộ Đồn Biên phòng cửa khẩu quốc tế Móng Cái",
        "Chi bộ Đồn Biên phòng Hoành Mô",
        "Chi bộ Đồn Biên phòng cửa khẩu Bắc Phong Sinh",
        "Chi bộ Đồn Biên phòng Quảng Đức",
        "Chi bộ Đồn Biên phòng Pò Hèn",
        "Chi bộ Đồn Biên phòng Vĩnh Thực",
        "Chi bộ Đồn Biên phòng Trà Cổ",
        "Chi bộ Đồn Biên phòng Cô Tô",
        "Chi bộ Đồn Biên phòng Quan Lạn",
        "Chi bộ Đồn Biên phòng Cái Rồng",
        "Chi bộ Đồn Biên phòng cửa khẩu cảng Hòn Gai",
        "Chi bộ Hải đội Biên phòng 2",
    ],
    numbered: "Chi bộ số",
};

const MILITARY_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Phòng Tham mưu",
        "Chi bộ Phòng Chính trị",
        "Chi bộ Phòng Hậu cần – Kỹ thuật",
        "Chi bộ Cơ quan Trung đoàn 244",
        "Chi bộ Tiểu đoàn 1",
        "Chi bộ Tiểu đoàn 2",
        "Chi bộ Đại đội Trinh sát",
        "Chi bộ Đại đội Công binh",
    ],
    numbered: "Chi bộ số",
};

const HOSPITAL_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Khoa Khám bệnh",
        "Chi bộ Khoa Nội",
        "Chi bộ Khoa Ngoại",
        "Chi bộ Khoa Phụ sản",
        "Chi bộ Khoa Nhi",
        "Chi bộ Khoa Hồi sức cấp cứu",
        "Chi bộ Khoa Xét nghiệm",
        "Chi bộ Khoa Dược",
        "Chi bộ Phòng Kế hoạch tổng hợp",
        "Chi bộ Phòng Tổ chức cán bộ",
        "Chi bộ Phòng Điều dưỡng",
        "Chi bộ Khoa Chẩn đoán hình ảnh",
        "Chi bộ Khoa Y học cổ truyền",
        "Chi bộ Khoa Truyền nhiễm",
    ],
    numbered: "Chi bộ số",
};

const HEALTH_CENTRE_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Khoa Khám bệnh",
        "Chi bộ Khoa Nội – Nhi",
        "Chi bộ Khoa Ngoại – Sản",
        "Chi bộ Khoa Hồi sức cấp cứu",
        "Chi bộ Khoa Kiểm soát bệnh tật",
        "Chi bộ Phòng Tổ chức – Hành chính",
        "Chi bộ Khoa Dược – Xét nghiệm",
    ],
    numbered: "Chi bộ số",
};

const UNIVERSITY_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Khối Văn phòng",
        "Chi bộ Phòng Đào tạo",
        "Chi bộ Khoa Du lịch",
        "Chi bộ Khoa Ngoại ngữ",
        "Chi bộ Khoa Công nghệ thông tin",
        "Chi bộ Khoa Văn hóa",
        "Chi bộ Khoa Nghệ thuật",
        "Chi bộ Khoa Thủy sản",
        "Chi bộ Khoa Môi trường",
        "Chi bộ Sinh viên",
    ],
    numbered: "Chi bộ số",
};

const COLLEGE_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Khối Văn phòng",
        "Chi bộ Khoa Mỏ",
        "Chi bộ Khoa Điện – Cơ điện",
        "Chi bộ Khoa Xây dựng mỏ",
        "Chi bộ Khoa Cơ bản",
        "Chi bộ Phòng Đào tạo",
    ],
    numbered: "Chi bộ số",
};

const PROVINCE_OFFICE_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Phòng Tổng hợp",
        "Chi bộ Phòng Kinh tế",
        "Chi bộ Phòng Nội chính",
        "Chi bộ Phòng Khoa giáo – Văn xã",
        "Chi bộ Phòng Hành chính – Tổ chức",
        "Chi bộ Ban Tiếp công dân tỉnh",
        "Chi bộ Trung tâm Phục vụ hành chính công",
    ],
    numbered: "Chi bộ số",
};

const MINE_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Khối Văn phòng",
        "Chi bộ Phân xưởng Khai thác 1",
        "Chi bộ Phân xưởng Đào lò 1",
        "Chi bộ Phân xưởng Cơ điện",
        "Chi bộ Phân xưởng Vận tải",
        "Chi bộ Phân xưởng Khai thác 2",
        "Chi bộ Phân xưởng Đào lò 2",
        "Chi bộ Phân xưởng Thông gió – Thoát nước",
        "Chi bộ Phân xưởng Sàng tuyển",
        "Chi bộ Phòng Kỹ thuật – An toàn",
        "Chi bộ Phân xưởng Khai thác 3",
        "Chi bộ Phân xưởng Đào lò 3",
        "Chi bộ Phân xưởng Xây dựng",
        "Chi bộ Phân xưởng Cơ khí",
    ],
    numbered: "Chi bộ Phân xưởng số",
};

const POWER_CELLS: CellNames = CellNames {
    named: &[
        "Chi bộ Khối Văn phòng",
        "Chi bộ Phân xưởng Vận hành 1",
        "Chi bộ Phân xưởng Vận hành 2",
        "Chi bộ Phân xưởng Sửa chữa",
        "Chi bộ Phân xưởng Nhiên liệu",
        "Chi bộ Phân xưởng Hóa",
        "Chi bộ Phòng Kỹ thuật – An toàn",
    ],
    numbered: "Chi bộ Phân xưởng số",
};

/// A grassroots committee (Đảng bộ cơ sở) with its own cells.
#[derive(Debug)]
pub(crate) struct Unit {
    /// The district it sits under, or "" for directly under the province.
    pub(crate) district: &'static str,
    /// The code under its parent.
    pub(crate) code: &'static str,
    pub(crate) name: &'static str,
    pub(crate) founded: Date,
    pub(crate) profile: Profile,
    /// Its relative size.
    pub(crate) weight: u32,
    pub(crate) cells: &'static CellNames,
}

const fn unit(
    district: &'static str,
    code: &'static str,
    name: &'static str,
    founded: Date,
    profile: Profile,
    weight: u32,
    cells: &'static CellNames,
) -> Unit {
    Unit { district, code, name, founded, profile, weight, cells }
}

/// The code of the grassroots committee of the provincial Party agencies,
/// whose first cell holds the provincial secretary.
pub(crate) const PROVINCE_AGENCIES: &str = "CQTU";

/// Grassroots committees directly under the province, the most important
/// first (the first is always present).
pub(crate) const PROVINCE_UNITS: &[Unit] = &[
    unit("", PROVINCE_AGENCIES, "Đảng bộ Cơ quan Tỉnh ủy", PROVINCE_FOUNDED, Profile::Agency, 6, &CQTU_CELLS),
    unit("", "CAT", "Đảng bộ Công an tỉnh", PROVINCE_FOUNDED, Profile::Police, 14, &POLICE_CELLS),
    unit("", "BDBP", "Đảng bộ Bộ đội Biên phòng tỉnh", PROVINCE_FOUNDED, Profile::Military, 10, &BORDER_CELLS),
    unit("", "BCHQS", "Đảng bộ Bộ Chỉ huy Quân sự tỉnh", PROVINCE_FOUNDED, Profile::Military, 6, &MILITARY_CELLS),
    unit("", "BVDK", "Đảng bộ Bệnh viện Đa khoa tỉnh Quảng Ninh", PROVINCE_FOUNDED, Profile::Health, 6, &HOSPITAL_CELLS),
    unit("", "DHHL", "Đảng bộ Trường Đại học Hạ Long", date!(2014 - 12 - 01), Profile::School, 5, &UNIVERSITY_CELLS),
    unit("", "VPUB", "Đảng bộ Văn phòng Ủy ban nhân dân tỉnh", PROVINCE_FOUNDED, Profile::Agency, 4, &PROVINCE_OFFICE_CELLS),
];

const MINE: Date = date!(1995 - 01 - 01);
const CENTRE: Date = date!(2005 - 01 - 01);

/// Grassroots committees under districts, the most important first.
pub(crate) const DISTRICT_UNITS: &[Unit] = &[
    unit("HL", "HALAM", "Đảng bộ Công ty Than Hà Lầm – TKV", MINE, Profile::Industry, 40, &MINE_CELLS),
    unit("CP", "MONGDUONG", "Đảng bộ Công ty Than Mông Dương – TKV", MINE, Profile::Industry, 40, &MINE_CELLS),
    unit("UB", "VANGDANH", "Đảng bộ Công ty Than Vàng Danh – TKV", MINE, Profile::Industry, 40, &MINE_CELLS),
    unit("DT", "MAOKHE", "Đảng bộ Công ty Than Mạo Khê – TKV", MINE, Profile::Industry, 40, &MINE_CELLS),
    unit("CP", "TTYT", "Đảng bộ Trung tâm Y tế thành phố Cẩm Phả", CENTRE, Profile::Health, 12, &HEALTH_CENTRE_CELLS),
    unit("HL", "HATU", "Đảng bộ Công ty Than Hà Tu – TKV", MINE, Profile::Industry, 25, &MINE_CELLS),
    unit("CP", "CAOSON", "Đảng bộ Công ty Than Cao Sơn – TKV", MINE, Profile::Industry, 35, &MINE_CELLS),
    unit("UB", "BVVNTD", "Đảng bộ Bệnh viện Việt Nam – Thụy Điển Uông Bí", date!(1981 - 01 - 01), Profile::Health, 20, &HOSPITAL_CELLS),
    unit("CP", "COCSAU", "Đảng bộ Công ty Than Cọc Sáu – TKV", MINE, Profile::Industry, 25, &MINE_CELLS),
    unit("MC", "TTYT", "Đảng bộ Trung tâm Y tế thành phố Móng Cái", CENTRE, Profile::Health, 10, &HEALTH_CENTRE_CELLS),
    unit("HL", "NUIBEO", "Đảng bộ Công ty Than Núi Béo – TKV", MINE, Profile::Industry, 25, &MINE_CELLS),
    unit("CP", "DEONAI", "Đảng bộ Công ty Than Đèo Nai – TKV", MINE, Profile::Industry, 25, &MINE_CELLS),
    unit("UB", "NAMMAU", "Đảng bộ Công ty Than Nam Mẫu – TKV", MINE, Profile::Industry, 30, &MINE_CELLS),
    unit("HL", "HONGAI", "Đảng bộ Công ty Than Hòn Gai – TKV", MINE, Profile::Industry, 25, &MINE_CELLS),
    unit("CP", "KHECHAM", "Đảng bộ Công ty Than Khe Chàm – TKV", MINE, Profile::Industry, 30, &MINE_CELLS),
    unit("CP", "DUONGHUY", "Đảng bộ Công ty Than Dương Huy – TKV", MINE, Profile::Industry, 30, &MINE_CELLS),
    unit("CP", "QUANGHANH", "Đảng bộ Công ty Than Quang Hanh – TKV", MINE, Profile::Industry, 30, &MINE_CELLS),
    unit("CP", "THONGNHAT", "Đảng bộ Công ty Than Thống Nhất – TKV", MINE, Profile::Industry, 25, &MINE_CELLS),
    unit("UB", "UONGBI", "Đảng bộ Công ty Than Uông Bí – TKV", MINE, Profile::Industry, 25, &MINE_CELLS),
    unit("CP", "TUYENCO", "Đảng bộ Công ty Tuyển than Cửa Ông – TKV", MINE, Profile::Industry, 20, &MINE_CELLS),
    unit("UB", "NDUB", "Đảng bộ Công ty Nhiệt điện Uông Bí", date!(2002 - 01 - 01), Profile::Industry, 12, &POWER_CELLS),
    unit("HL", "TTYT", "Đảng bộ Trung tâm Y tế thành phố Hạ Long", CENTRE, Profile::Health, 12, &HEALTH_CENTRE_CELLS),
    unit("HL", "CDTKS", "Đảng bộ Trường Cao đẳng Than – Khoáng sản Việt Nam", date!(1996 - 01 - 01), Profile::School, 8, &COLLEGE_CELLS),
    unit("UB", "TTYT", "Đảng bộ Trung tâm Y tế thành phố Uông Bí", CENTRE, Profile::Health, 8, &HEALTH_CENTRE_CELLS),
    unit("DT", "TTYT", "Đảng bộ Trung tâm Y tế thành phố Đông Triều", CENTRE, Profile::Health, 8, &HEALTH_CENTRE_CELLS),
    unit("QY", "TTYT", "Đảng bộ Trung tâm Y tế thị xã Quảng Yên", CENTRE, Profile::Health, 8, &HEALTH_CENTRE_CELLS),
    unit("DT", "NDMK", "Đảng bộ Công ty Nhiệt điện Mạo Khê", date!(2012 - 01 - 01), Profile::Industry, 8, &POWER_CELLS),
    unit("TY", "TTYT", "Đảng bộ Trung tâm Y tế huyện Tiên Yên", CENTRE, Profile::Health, 6, &HEALTH_CENTRE_CELLS),
    unit("HH", "TTYT", "Đảng bộ Trung tâm Y tế huyện Hải Hà", CENTRE, Profile::Health, 6, &HEALTH_CENTRE_CELLS),
    unit("VD", "TTYT", "Đảng bộ Trung tâm Y tế huyện Vân Đồn", CENTRE, Profile::Health, 6, &HEALTH_CENTRE_CELLS),
    unit("DH", "TTYT", "Đảng bộ Trung tâm Y tế huyện Đầm Hà", CENTRE, Profile::Health, 5, &HEALTH_CENTRE_CELLS),
    unit("BL", "TTYT", "Đảng bộ Trung tâm Y tế huyện Bình Liêu", CENTRE, Profile::Health, 5, &HEALTH_CENTRE_CELLS),
    unit("BC", "TTYT", "Đảng bộ Trung tâm Y tế huyện Ba Chẽ", CENTRE, Profile::Health, 5, &HEALTH_CENTRE_CELLS),
];

/// Grassroots cells (chi bộ cơ sở) of district agencies: code, name template
/// (`{d}` = "huyện Tiên Yên", `{p}` = "Tiên Yên"), profile. A district takes
/// the first ones.
pub(crate) const DISTRICT_CELLS: &[(&str, &str, Profile)] = &[
    ("THPT", "Chi bộ Trường THPT {p}", Profile::School),
    ("TAND", "Chi bộ Tòa án nhân dân {d}", Profile::Agency),
    ("VKS", "Chi bộ Viện Kiểm sát nhân dân {d}", Profile::Agency),
    ("KBNN", "Chi bộ Kho bạc Nhà nước {d}", Profile::Agency),
    ("THA", "Chi bộ Chi cục Thi hành án dân sự {d}", Profile::Agency),
    ("NHCS", "Chi bộ Ngân hàng Chính sách xã hội {d}", Profile::Agency),
    ("BHXH", "Chi bộ Bảo hiểm xã hội {d}", Profile::Agency),
    ("DIENLUC", "Chi bộ Điện lực {p}", Profile::Industry),
];

/// Village names (thôn) of the lowlands.
pub(crate) const THON: &[&str] = &[
    "Đồng Tâm", "Tân Tiến", "Tân Hợp", "Tân Lập", "Xuân Hòa", "Yên Hòa", "An Hải", "Bình Minh", "Đoàn Kết",
    "Thống Nhất", "Quyết Tiến", "Hòa Bình", "Trung Thành", "Đông Hải", "Tây Sơn", "Nam Hải", "Bắc Hải",
    "Trung Sơn", "Phúc Tiến", "Hợp Thành", "Làng Mới", "Đồng Cầu", "Khe Lạc", "Cống To", "Xóm Mới",
    "Tiền Phong", "Thắng Lợi", "Độc Lập", "Quang Trung", "Hải Tiến", "Đồng Tiến", "Tân Thành", "Tân Yên",
    "Đồng Long", "Thành Công", "Bến Cát", "Cái Tăn", "Voòng Tre", "Đồng Rui", "Khe Cát", "Đồng Mạnh",
    "Trại Mới", "Yên Trung", "Đầm Buôn", "Bãi Dài",
];

/// Village names (bản) of the mountains.
pub(crate) const BAN: &[&str] = &[
    "Khe Vằn", "Nà Làng", "Lục Nà", "Pắc Pộc", "Nà Nhái", "Khe Mằn", "Sông Moóc", "Khe Tâm", "Nà Pá",
    "Khe Liềng", "Đồng Thầm", "Khe Nà", "Cốc Lùng", "Nà Ếch", "Phai Lầu", "Nà Sàn", "Khe O", "Ngàn Mèo",
    "Nà Cáng", "Khe Lọng", "Bắc Cương", "Lục Ngù", "Ngàn Vàng", "Khe Pụt", "Nà Phạt", "Tầng Pẳng", "Nà Choòng",
    "Khe Và", "Pò Ngàu", "Khe Hẹ",
];

/// Cells of a commune's institutions, in the order a commune gets them:
/// name template (`{k}` = "xã", `{n}` = "Quảng Tân"), profile, the earliest
/// date such a cell exists (police cells came with the regular commune police;
/// every cell exists before the first event of 2020).
pub(crate) const COMMUNE_INSTITUTIONS: &[(&str, Profile, Date)] = &[
    ("Chi bộ Công an {k}", Profile::Police, date!(2019 - 07 - 01)),
    ("Chi bộ Quân sự {k}", Profile::Military, PROVINCE_FOUNDED),
    ("Chi bộ Trường THCS {n}", Profile::School, PROVINCE_FOUNDED),
    ("Chi bộ Trạm Y tế {k}", Profile::Health, PROVINCE_FOUNDED),
    ("Chi bộ Trường Tiểu học {n}", Profile::School, PROVINCE_FOUNDED),
    ("Chi bộ Trường Mầm non {n}", Profile::School, PROVINCE_FOUNDED),
    ("Chi bộ Cơ quan {k}", Profile::Agency, PROVINCE_FOUNDED),
];
