//! The demo's congress documents (issue 17): the province's draft political
//! report and draft resolution for its 16th congress (2025–2030), and the
//! Central Committee's draft political report for the 14th National
//! Congress entered by the province, all sent down to the communes for
//! comment, and Quảng Tân's comments agreed at its committee's meeting with
//! the synthesis it sent up. The texts are
//! illustrative: written in the manner of such drafts, not quoted from any.

use time::Date;
use time::macros::date;

/// A draft: its kind (daihoi-drafts' code), title, and text as headings
/// (`level`, text) and paragraphs (level 0).
#[derive(Debug, Clone, Copy)]
pub struct DemoDraft {
    pub kind: &'static str,
    pub title: &'static str,
    pub blocks: &'static [(u8, &'static str)],
}

/// A comment agreed by an organization: on the paragraph at `paragraph`
/// (1-based, in the draft's first version; 0: the whole document), with
/// the replacement text an amendment proposes.
#[derive(Debug, Clone, Copy)]
pub struct DemoComment {
    pub draft: usize,
    pub paragraph: u32,
    pub text: &'static str,
    pub replacement: Option<&'static str>,
}

/// The organization holding the congress whose drafts these are.
pub const HOLDER: &str = "QN";
/// The day the drafts were sent down.
pub const SENT_ON: Date = date!(2025 - 06 - 02);
/// The commune that commented and the meeting where it agreed its comments.
pub const COMMENTER: &str = "QN.DH.QT";
pub const MEETING: &str = "Hội nghị Ban Chấp hành Đảng bộ xã Quảng Tân, ngày 16/6/2025";
/// The day Quảng Tân sent its synthesis up.
pub const SYNTHESIS_ON: Date = date!(2025 - 06 - 18);

/// The province's drafts.
pub const DRAFTS: [DemoDraft; 2] = [
    DemoDraft {
        kind: "political_report",
        title: "Dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2025–2030",
        blocks: &[
            (1, "PHẦN THỨ NHẤT. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2020–2025"),
            (2, "I. Kết quả đạt được"),
            (
                0,
                "Nhiệm kỳ qua, trong bối cảnh có nhiều khó khăn, thách thức, Đảng bộ tỉnh đã lãnh đạo toàn Đảng bộ, chính quyền và nhân dân các dân tộc trong tỉnh đoàn kết, chủ động, sáng tạo, hoàn thành cơ bản các mục tiêu, chỉ tiêu nghị quyết đại hội đề ra.",
            ),
            (
                0,
                "Kinh tế tiếp tục tăng trưởng khá, quy mô nền kinh tế được mở rộng; kết cấu hạ tầng giao thông, đô thị được đầu tư đồng bộ, hiện đại, tạo động lực phát triển cho các vùng trong tỉnh.",
            ),
            (
                0,
                "Công tác xây dựng Đảng và hệ thống chính trị được chú trọng; việc sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả được triển khai quyết liệt, đúng lộ trình.",
            ),
            (2, "II. Hạn chế, nguyên nhân và bài học kinh nghiệm"),
            (
                0,
                "Một số chỉ tiêu chưa đạt; chất lượng tăng trưởng ở một số lĩnh vực chưa bền vững; đời sống của một bộ phận nhân dân vùng đồng bào dân tộc thiểu số, miền núi, biên giới còn khó khăn.",
            ),
            (
                0,
                "Nguyên nhân chủ yếu là công tác cụ thể hóa, tổ chức thực hiện nghị quyết ở một số nơi chưa quyết liệt; năng lực của một bộ phận cán bộ chưa đáp ứng yêu cầu nhiệm vụ.",
            ),
            (1, "PHẦN THỨ HAI. PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ NHIỆM KỲ 2025–2030"),
            (
                0,
                "Xây dựng Đảng bộ tỉnh trong sạch, vững mạnh toàn diện; phát huy sức mạnh đại đoàn kết toàn dân tộc; phấn đấu đến năm 2030 Quảng Ninh là tỉnh dịch vụ, công nghiệp hiện đại, là một trong những trung tâm phát triển năng động của khu vực phía Bắc.",
            ),
            (
                0,
                "Tập trung thực hiện ba đột phá chiến lược về thể chế, hạ tầng và nguồn nhân lực; bảo đảm quốc phòng, an ninh, giữ vững chủ quyền biên giới quốc gia.",
            ),
        ],
    },
    DemoDraft {
        kind: "draft_resolution",
        title: "Dự thảo Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2025–2030",
        blocks: &[
            (1, "I. Mục tiêu tổng quát"),
            (
                0,
                "Xây dựng Đảng bộ và hệ thống chính trị trong sạch, vững mạnh; phát triển kinh tế nhanh, bền vững; nâng cao đời sống vật chất và tinh thần của nhân dân.",
            ),
            (1, "II. Các chỉ tiêu chủ yếu"),
            (0, "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn bình quân đạt trên 10% mỗi năm."),
            (0, "Hằng năm có trên 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên."),
        ],
    },
];

/// The higher level's draft the province entered and sent down (C-PLAN-6):
/// draft 2 for [`COMMENTS`].
pub const CENTRAL: DemoDraft = DemoDraft {
    kind: "political_report",
    title: "Dự thảo Báo cáo chính trị trình Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    blocks: &[
        (1, "I. Đánh giá kết quả thực hiện Nghị quyết Đại hội XIII"),
        (
            0,
            "Nhiệm kỳ Đại hội XIII, toàn Đảng, toàn dân, toàn quân ta đã đoàn kết, nỗ lực vượt qua khó khăn, thách thức, đạt được nhiều kết quả quan trọng trên các lĩnh vực.",
        ),
        (
            0,
            "Công tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị được đẩy mạnh; việc sắp xếp tổ chức bộ máy và đơn vị hành chính được thực hiện quyết liệt.",
        ),
        (1, "II. Mục tiêu, phương hướng giai đoạn 2026–2030"),
        (0, "Phát triển nhanh và bền vững đất nước; bảo vệ vững chắc Tổ quốc; nâng cao đời sống mọi mặt của nhân dân."),
    ],
};
/// The body that issued [`CENTRAL`].
pub const CENTRAL_ISSUER: &str = "Ban Chấp hành Trung ương Đảng khóa XIII";

/// Quảng Tân's comments on the political report (draft 0) and on the
/// Central draft (draft 2).
pub const COMMENTS: [DemoComment; 4] = [
    DemoComment {
        draft: 0,
        paragraph: 2,
        text: "Đề nghị nêu rõ kết quả đầu tư hạ tầng giao thông kết nối các xã biên giới.",
        replacement: Some(
            "Kinh tế tiếp tục tăng trưởng khá, quy mô nền kinh tế được mở rộng; kết cấu hạ tầng giao thông, đô thị được đầu tư đồng bộ, hiện đại, kết nối đến các xã biên giới, tạo động lực phát triển cho các vùng trong tỉnh.",
        ),
    },
    DemoComment {
        draft: 0,
        paragraph: 4,
        text: "Đề nghị bổ sung đánh giá về thu nhập của người dân vùng đồng bào dân tộc thiểu số sau khi sắp xếp đơn vị hành chính cấp xã.",
        replacement: None,
    },
    DemoComment {
        draft: 0,
        paragraph: 0,
        text: "Dự thảo bố cục hợp lý, ngắn gọn; đề nghị thống nhất cách viết các chỉ tiêu giữa Báo cáo chính trị và Dự thảo Nghị quyết.",
        replacement: None,
    },
    DemoComment {
        draft: 2,
        paragraph: 2,
        text: "Đề nghị bổ sung đánh giá về hoạt động của chính quyền địa phương hai cấp sau khi sắp xếp.",
        replacement: None,
    },
];

/// The outgoing committee's draft review report (báo cáo kiểm điểm) for the
/// 16th congress: draft 3. Its section on the previous resolution is
/// computed from tracking ([`PREVIOUS`]) on the draft's review page.
pub const REVIEW_REPORT: DemoDraft = DemoDraft {
    kind: "review_report",
    title: "Dự thảo Báo cáo kiểm điểm sự lãnh đạo, chỉ đạo của Ban Chấp hành Đảng bộ tỉnh nhiệm kỳ 2020–2025",
    blocks: &[
        (1, "I. Ưu điểm"),
        (
            0,
            "Ban Chấp hành Đảng bộ tỉnh đã đoàn kết, thống nhất, giữ vững nguyên tắc tập trung dân chủ, lãnh đạo hoàn thành cơ bản các mục tiêu, nhiệm vụ nghị quyết đại hội đề ra.",
        ),
        (1, "II. Hạn chế, khuyết điểm"),
        (
            0,
            "Việc cụ thể hóa một số chủ trương còn chậm; công tác kiểm tra, giám sát việc thực hiện nghị quyết ở một số lĩnh vực chưa thường xuyên.",
        ),
    ],
};

/// An item of the previous term's resolution as adopted and then tracked:
/// a task, or with `goal` (unit, baseline, goal) a target with its
/// readings; `done_on` the day a task was reported done.
#[derive(Debug, Clone, Copy)]
pub struct DemoItem {
    /// The paragraph of the resolution it comes from (from 1).
    pub paragraph: u32,
    pub title: &'static str,
    pub deadline: Option<Date>,
    pub goal: Option<(&'static str, f64, f64)>,
    pub readings: &'static [(Date, f64)],
    pub done_on: Option<Date>,
}

/// The previous term: the province's 15th congress and the resolution it
/// adopted, so that the 16th congress's review report has a section to
/// compute (C-PLAN-7).
#[derive(Debug, Clone, Copy)]
pub struct DemoPrevious {
    pub round: &'static str,
    pub round_title: &'static str,
    /// The congress's first day and its length in days.
    pub opening: Date,
    pub days: u8,
    /// The answer recorded on the round to the issuer code of a congress's
    /// resolution (D-NUM-4), who gave it and why.
    pub issuer_code: &'static str,
    pub issuer_decided_by: &'static str,
    pub issuer_why: &'static str,
    pub resolution: DemoDraft,
    pub items: &'static [DemoItem],
}

/// The province's 15th congress (14–16/10/2020) and its resolution. The
/// figures are illustrative.
pub const PREVIOUS: DemoPrevious = DemoPrevious {
    round: "2020-2025",
    round_title: "Nhiệm kỳ 2020–2025",
    opening: date!(2020 - 10 - 14),
    days: 3,
    issuer_code: "ĐH",
    issuer_decided_by: "Văn phòng Tỉnh ủy",
    issuer_why: "Nghị quyết của đại hội ghi số với ký hiệu cơ quan ban hành ĐH (Hướng dẫn 36-HD/VPTW)",
    resolution: DemoDraft {
        kind: "draft_resolution",
        title: "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XV, nhiệm kỳ 2020–2025",
        blocks: &[
            (1, "I. Mục tiêu tổng quát"),
            (
                0,
                "Xây dựng Đảng bộ và hệ thống chính trị trong sạch, vững mạnh; phát huy sức mạnh đại đoàn kết; phát triển kinh tế nhanh, bền vững.",
            ),
            (1, "II. Các chỉ tiêu chủ yếu"),
            (0, "Hằng năm có trên 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên."),
            (0, "Kết nạp từ 12.000 đảng viên mới trở lên trong nhiệm kỳ."),
            (1, "III. Nhiệm vụ, giải pháp"),
            (0, "Sắp xếp, kiện toàn tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả."),
            (0, "Cụ thể hóa Nghị quyết Đại hội bằng chương trình hành động của Ban Chấp hành Đảng bộ tỉnh."),
        ],
    },
    items: &[
        DemoItem {
            paragraph: 2,
            title: "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
            deadline: Some(date!(2025 - 06 - 30)),
            goal: Some(("%", 84.0, 90.0)),
            readings: &[(date!(2021 - 12 - 31), 86.5), (date!(2022 - 12 - 31), 88.2), (date!(2023 - 12 - 31), 91.0)],
            done_on: None,
        },
        DemoItem {
            paragraph: 3,
            title: "Số đảng viên mới kết nạp trong nhiệm kỳ",
            deadline: Some(date!(2025 - 06 - 30)),
            goal: Some(("đảng viên", 0.0, 12_000.0)),
            readings: &[(date!(2022 - 12 - 31), 4_850.0), (date!(2024 - 12 - 31), 10_420.0)],
            done_on: None,
        },
        DemoItem {
            paragraph: 4,
            title: "Sắp xếp, kiện toàn tổ chức bộ máy của hệ thống chính trị",
            deadline: Some(date!(2025 - 06 - 30)),
            goal: None,
            readings: &[],
            done_on: Some(date!(2025 - 06 - 27)),
        },
        DemoItem {
            paragraph: 5,
            title: "Ban hành chương trình hành động thực hiện Nghị quyết Đại hội",
            deadline: Some(date!(2021 - 01 - 31)),
            goal: None,
            readings: &[],
            done_on: Some(date!(2021 - 01 - 15)),
        },
    ],
};
