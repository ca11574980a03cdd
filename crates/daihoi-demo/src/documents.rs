//! The documents of the seed's conference of 18 November 2024, with their
//! links (D-LINK-1): what the Quảng Ninh Provincial Party Committee
//! disseminated, and what they guide, implement or replace.

use time::Date;
use time::macros::date;

/// A document of the demo register, its number already split into the
/// registry's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoDocument {
    /// The number as written: `06`.
    pub number: &'static str,
    pub doc_type: &'static str,
    pub issuer: &'static str,
    pub issued_on: Date,
    pub title: &'static str,
    /// Who signed it, in words.
    pub summary: &'static str,
}

impl DemoDocument {
    /// `06-HD/TU`
    pub fn label(&self) -> String {
        format!("{}-{}/{}", self.number, self.doc_type, self.issuer)
    }
}

/// A link between two demo documents, by label and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLink {
    pub from: (&'static str, Date),
    pub kind: &'static str,
    pub to: (&'static str, Date),
}

/// The documents named in the seed article, and the ones they point to.
pub fn documents() -> Vec<DemoDocument> {
    vec![
        DemoDocument {
            number: "23",
            doc_type: "NQ",
            issuer: "TU",
            issued_on: date!(2024 - 03 - 03),
            title: "Về tăng cường sự lãnh đạo của Đảng đối với nhiệm vụ xây dựng, quản lý, bảo vệ biên giới quốc gia \
                    trên địa bàn tỉnh Quảng Ninh và xây dựng lực lượng Bộ đội Biên phòng tỉnh toàn diện vững mạnh, \
                    đáp ứng yêu cầu, nhiệm vụ trong tình hình mới",
            summary: "Nghị quyết của Ban Thường vụ Tỉnh ủy",
        },
        DemoDocument {
            number: "28",
            doc_type: "NQ",
            issuer: "TU",
            issued_on: date!(2024 - 09 - 26),
            title: "Về tăng cường sự lãnh đạo của Đảng đối với xây dựng lực lượng Công an tỉnh Quảng Ninh \
                    đáp ứng yêu cầu, nhiệm vụ trong tình hình mới",
            summary: "Nghị quyết của Ban Thường vụ Tỉnh ủy",
        },
        DemoDocument {
            number: "190",
            doc_type: "QĐ",
            issuer: "TW",
            issued_on: date!(2024 - 10 - 10),
            title: "Ban hành Quy chế bầu cử trong Đảng",
            summary: "Quyết định của Ban Chấp hành Trung ương",
        },
        DemoDocument {
            number: "244",
            doc_type: "QĐ",
            issuer: "TW",
            issued_on: date!(2014 - 06 - 09),
            title: "Ban hành Quy chế bầu cử trong Đảng",
            summary: "Quyết định của Ban Chấp hành Trung ương (thay thế bởi 190-QĐ/TW)",
        },
        DemoDocument {
            number: "35",
            doc_type: "CT",
            issuer: "TW",
            issued_on: date!(2024 - 06 - 14),
            title: "Về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
            summary: "Chỉ thị của Bộ Chính trị",
        },
        DemoDocument {
            number: "45",
            doc_type: "CT",
            issuer: "TW",
            issued_on: date!(2025 - 04 - 14),
            title: "Về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
            summary: "Chỉ thị của Bộ Chính trị (thay thế Chỉ thị 35-CT/TW)",
        },
        DemoDocument {
            number: "27",
            doc_type: "HD",
            issuer: "BTCTW",
            issued_on: date!(2024 - 08 - 26),
            title: "Hướng dẫn một số nội dung về Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị \
                    về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
            summary: "Hướng dẫn của Ban Tổ chức Trung ương",
        },
        DemoDocument {
            number: "439",
            doc_type: "KH",
            issuer: "TU",
            issued_on: date!(2024 - 07 - 23),
            title: "Tổ chức đại hội đảng bộ các cấp tiến tới Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, \
                    nhiệm kỳ 2025-2030",
            summary: "Kế hoạch của Tỉnh ủy",
        },
        DemoDocument {
            number: "06",
            doc_type: "HD",
            issuer: "TU",
            issued_on: date!(2024 - 10 - 25),
            title: "Một số nội dung về đại hội đảng bộ các cấp nhiệm kỳ 2025-2030",
            summary: "Hướng dẫn của Ban Thường vụ Tỉnh ủy",
        },
    ]
}

/// The links of the seed's documents (D-LINK-1).
pub fn links() -> Vec<DemoLink> {
    vec![
        DemoLink {
            from: ("27-HD/BTCTW", date!(2024 - 08 - 26)),
            kind: "guides",
            to: ("35-CT/TW", date!(2024 - 06 - 14)),
        },
        DemoLink {
            from: ("439-KH/TU", date!(2024 - 07 - 23)),
            kind: "implements",
            to: ("35-CT/TW", date!(2024 - 06 - 14)),
        },
        DemoLink {
            from: ("06-HD/TU", date!(2024 - 10 - 25)),
            kind: "guides",
            to: ("439-KH/TU", date!(2024 - 07 - 23)),
        },
        DemoLink {
            from: ("190-QĐ/TW", date!(2024 - 10 - 10)),
            kind: "replaces",
            to: ("244-QĐ/TW", date!(2014 - 06 - 09)),
        },
        DemoLink {
            from: ("45-CT/TW", date!(2025 - 04 - 14)),
            kind: "replaces",
            to: ("35-CT/TW", date!(2024 - 06 - 14)),
        },
    ]
}

/// The province whose registers hold the demo documents: it issues the
/// `…/TU` ones and takes the others in from the Central Committee.
pub const PROVINCE: &str = "QN";

/// How a demo document reached the province and went down the tree (sổ
/// văn bản đến, chuyển văn bản).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCirculation {
    pub document: (&'static str, Date),
    /// For a document from outside the tree: the day it reached the
    /// province's office and who sent it.
    pub arrived: Option<(Date, &'static str)>,
    /// The day the province forwarded it to every organization directly
    /// under it; each received it two days later.
    pub forwarded_on: Option<Date>,
}

const VPTW: &str = "Văn phòng Trung ương Đảng";

/// The circulation of every demo document.
pub fn circulation() -> Vec<DemoCirculation> {
    let c = |label, issued, arrived: Option<(Date, &'static str)>, forwarded_on| DemoCirculation {
        document: (label, issued),
        arrived,
        forwarded_on,
    };
    vec![
        c("244-QĐ/TW", date!(2014 - 06 - 09), Some((date!(2014 - 06 - 16), VPTW)), None),
        c("23-NQ/TU", date!(2024 - 03 - 03), None, Some(date!(2024 - 03 - 06))),
        c("35-CT/TW", date!(2024 - 06 - 14), Some((date!(2024 - 06 - 18), VPTW)), Some(date!(2024 - 06 - 21))),
        c("439-KH/TU", date!(2024 - 07 - 23), None, Some(date!(2024 - 07 - 25))),
        c(
            "27-HD/BTCTW",
            date!(2024 - 08 - 26),
            Some((date!(2024 - 08 - 29), "Ban Tổ chức Trung ương")),
            Some(date!(2024 - 09 - 03)),
        ),
        c("28-NQ/TU", date!(2024 - 09 - 26), None, Some(date!(2024 - 09 - 30))),
        c("190-QĐ/TW", date!(2024 - 10 - 10), Some((date!(2024 - 10 - 14), VPTW)), Some(date!(2024 - 10 - 17))),
        c("06-HD/TU", date!(2024 - 10 - 25), None, Some(date!(2024 - 10 - 28))),
        c("45-CT/TW", date!(2025 - 04 - 14), Some((date!(2025 - 04 - 17), VPTW)), Some(date!(2025 - 04 - 22))),
    ]
}

/// After the reorganization of 1 July 2025, the province sent the
/// documents of the congresses again to the new organizations directly
/// under it, on this day.
pub const RESENT_ON: Date = date!(2025 - 07 - 02);

/// The documents sent again on [`RESENT_ON`].
pub const RESENT: [(&str, Date); 3] =
    [("45-CT/TW", date!(2025 - 04 - 14)), ("190-QĐ/TW", date!(2024 - 10 - 10)), ("06-HD/TU", date!(2024 - 10 - 25))];

/// The offices that have not yet received what was sent on [`RESENT_ON`]
/// (their document inbox shows it).
pub const NOT_YET_RECEIVED: [&str; 2] = ["QN.DH.QT", "QN.CT.CT"];

#[cfg(test)]
mod tests {
    #[test]
    fn every_circulation_names_a_demo_document() {
        let docs = super::documents();
        for c in super::circulation().iter().map(|c| c.document).chain(super::RESENT) {
            assert!(docs.iter().any(|d| d.label() == c.0 && d.issued_on == c.1), "{} of {}", c.0, c.1);
        }
        assert_eq!(super::circulation().len(), docs.len(), "every demo document circulates");
    }

    #[test]
    fn every_link_names_a_demo_document() {
        let docs = super::documents();
        for l in super::links() {
            for (label, date) in [l.from, l.to] {
                assert!(docs.iter().any(|d| d.label() == label && d.issued_on == date), "{label} of {date}");
            }
        }
    }
}
