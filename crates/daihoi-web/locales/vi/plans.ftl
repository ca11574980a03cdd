# The plan file of a campaign (kế hoạch đại hội, one row per organization).
plan-file-title = Tệp kế hoạch đại hội
plan-file-campaign = Đại hội các cấp
plan-file-link = Nhập, xuất kế hoạch bằng tệp
plan-file-download = Tải tệp kế hoạch
plan-file-download-help = Tệp gồm mọi tổ chức của { $org } và các tổ chức trực thuộc, với kế hoạch đại hội đã nhập; dòng chỉ có mã tổ chức được bỏ qua khi nhập. Nhập lại tệp này không thay đổi gì.
plan-file-download-xlsx = Tải Excel (.xlsx)
plan-file-download-csv = Tải CSV
plan-file-upload = Nhập tệp kế hoạch
plan-file-upload-help = Tệp .xlsx, .xls, .ods hoặc .csv có các cột như tệp tải về (tối đa { $mb } MB), mỗi dòng một tổ chức. Có một dòng sai thì không ghi gì và liệt kê mọi dòng sai.
plan-file-file = Tệp
plan-file-import = Nhập tệp
plan-file-done = Đã nhập tệp { $file }.
plan-file-created = Đại hội nhập mới
plan-file-changed = Đại hội thay đổi kế hoạch
plan-file-unchanged = Dòng không thay đổi
plan-file-skipped = Dòng chưa có kế hoạch (bỏ qua)
plan-file-problems = Tệp { $file } có dòng không nhập được
plan-file-nothing-written = Chưa ghi gì. Đề nghị sửa các dòng dưới đây rồi nhập lại cả tệp.
plan-file-no-file = Chưa chọn tệp.
plan-file-bad-format = Tệp { $file } không phải .xlsx, .xls, .ods hay .csv.
plan-file-no-sheet = Tệp { $file } không có trang tính nào.
plan-file-converted = Văn bản trong tệp gõ bằng bảng mã cũ { $encoding } đã được chuyển sang Unicode; đề nghị kiểm tra lại tên.
plan-file-problem-missing = Ô bắt buộc nhưng để trống.
plan-file-problem-org-code = Mã tổ chức không hợp lệ: { $detail }
plan-file-problem-level = Không phải cấp đại hội (chi bộ, cơ sở, cấp trên cơ sở, xã/phường, trực thuộc Trung ương).
plan-file-problem-kind = C-DEL-5: cần ghi “Đại hội đảng viên” hoặc “Đại hội đại biểu”.
plan-file-problem-contents = C-PLAN-3: cần ghi “Đầy đủ” hoặc “2 nội dung”.
plan-file-problem-model = Đại hội điểm ghi “x”, hoặc để trống.
plan-file-problem-date = Không phải ngày (cần dạng ngày/tháng/năm).
plan-file-problem-days = Số ngày không hợp lệ (theo nửa ngày: 0,5; 1; 1,5 … tối đa 10 ngày).
plan-file-problem-half = Ngày khai mạc và số ngày đi cùng nhau: có một mà thiếu một.
plan-file-problem-approval = C-PLAN-5: việc duyệt kế hoạch cần đủ cơ quan duyệt, ngày duyệt và văn bản.
plan-file-problem-text = Tối đa { $max } ký tự, không xuống dòng, không có ký tự điều khiển.
plan-file-problem-twice = Tổ chức đã có ở dòng { $first }.
plan-file-refusal-not-in-subtree = Không phải tổ chức trực thuộc { $root } (hoặc không còn hoạt động) ngày hôm nay.
plan-file-refusal-level-needed = Đảng bộ bộ phận: cần ghi cấp đại hội.
plan-file-refusal-forbidden = Đồng chí không có quyền ghi việc này cho tổ chức này (duyệt kế hoạch là việc của cấp trên).
plan-file-refusal-rule = Bị từ chối theo quy tắc { $rule }.

# The campaign's report (báo cáo tình hình tổ chức đại hội).
campaign-report-title = BÁO CÁO TÌNH HÌNH TỔ CHỨC ĐẠI HỘI ĐẢNG CÁC CẤP
campaign-report-round = { $round }
campaign-report-general = I. Tình hình chung
campaign-report-summary = Trong phạm vi báo cáo có { $total } đại hội đã lập kế hoạch; { $held } đại hội đã tổ chức, trong đó { $approved } đại hội đã được chuẩn y kết quả; { $late } đại hội chậm so với kế hoạch.
campaign-report-no = STT
campaign-report-code = Mã tổ chức
campaign-report-none = Không có.
campaign-report-more = … và { $count } đại hội khác (xem tệp Excel).
campaign-report-question = Nội dung chờ quyết định
campaign-report-rule = Quy tắc
campaign-report-waiting = Số đại hội chờ
campaign-report-sheet = Đại hội
campaign-report-links = Báo cáo:
campaign-report-pdf = PDF
campaign-report-docx = Word (.docx)
campaign-report-xlsx = Excel

# C-DEL-5: the kind of congress proposed from the members on the planned date.
congress-kind-proposed = Đề xuất theo C-DEL-5: { $kind } ({ $basis }).
congress-kind-basis-cell = chi bộ tiến hành đại hội đảng viên
congress-kind-basis-from-below = trên cơ sở: đại hội đại biểu do cấp dưới bầu
congress-kind-basis-agreed = cấp ủy cấp trên trực tiếp đồng ý
congress-kind-basis-at = { $counted } đảng viên ngày { $date }, từ { $threshold } trở lên
congress-kind-basis-under = { $counted } đảng viên ngày { $date }, dưới { $threshold }
congress-kind-awaiting = Đề xuất theo C-DEL-5 chờ quyết định về: { $question }
congress-kind-differs = C-DEL-5: kế hoạch ghi { $planned }, khác với đề xuất ({ $proposed }); hình thức đại hội chỉ thay đổi khi có quyết định của cấp ủy cấp trên trực tiếp.

# C-DEL-5: the higher committee's decision on the kind.
congress-kind-decided = Cấp ủy cấp trên quyết định: { $kind } ({ $by }, { $date }, { $reference }).
congress-kind-decision = Quyết định hình thức đại hội
congress-kind-decision-note = Cấp ủy cấp trên trực tiếp quyết định hình thức đại hội của tổ chức cơ sở đảng (C-DEL-5): dưới ngưỡng số đảng viên, tổ chức đại hội đại biểu khi được cấp trên đồng ý. Kế hoạch theo quyết định này; chỉ một quyết định khác mới thay đổi được.
congress-kind-decision-submit = Ghi quyết định

# C-DEL-10: alternates replacing absent delegates (check-in page).
congress-replacement-title = Đại biểu dự khuyết thay thế
congress-replacement-none = Chưa có đại biểu dự khuyết nào thay thế.
congress-replacement-line = { $alternate } thay { $absent } ({ $by }, { $reference })
congress-replacement-next = Theo thứ tự, người dự khuyết tiếp theo: { $alternate }.
congress-replacement-each-time = Đoàn Chủ tịch quyết định người dự khuyết thay thế từng lần (C-DEL-10).
congress-replacement-none-left = Không còn đại biểu dự khuyết nào.
congress-replacement-absent = Số thẻ đảng viên của đại biểu vắng mặt suốt đại hội
congress-replacement-alternate = Số thẻ đảng viên của đại biểu dự khuyết
congress-replacement-decided-by = Người quyết định
congress-replacement-submit = Ghi thay thế
congress-replacement-refused = Không ghi được thay thế ({ $rule }): { $detail }
