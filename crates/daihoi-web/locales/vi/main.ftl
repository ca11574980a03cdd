# Tiếng Việt: the default language and the fallback.
# Keys: <area>-<thing>, kebab case; enums as <enum>-<code>.

## Site

site-tagline = Công tác đảng
site-language = Ngôn ngữ

## Shared words

common-gender = Giới tính
common-birth-date = Ngày sinh
common-cell = Chi bộ
common-condition = Tình trạng
common-from = Từ ngày
common-to = Đến ngày
document-issued-on = ngày { $date }
common-on-date = ngày { $date }

## Date form

date-form-label = Xem theo ngày
date-form-submit = Xem

## Home: the tree on a date

home-title = Hệ thống tổ chức
home-heading = Hệ thống tổ chức đảng ngày { $date }
home-empty = Chưa có tổ chức nào vào ngày này.

## An organization

org-code = mã { $code }
org-since = từ ngày { $date }
org-founded = thành lập ngày { $date }
org-current-since = tên và trực thuộc hiện nay từ ngày { $date }
org-figures-on = số liệu ngày { $date }
org-members-heading = Đảng viên ngày { $date }
org-count-official = Đảng viên chính thức
org-count-probationary = Đảng viên dự bị
org-base-note = Mỗi đảng viên chỉ được tính vào một khoản trừ. Đảng viên miễn sinh hoạt chỉ bị trừ khi vắng mặt tại đại hội (R-BASE-1).
org-children-heading = Tổ chức trực thuộc ({ $count })
org-col-name = Tên
org-col-kind = Loại
org-col-code = Mã
org-col-parent = Trực thuộc
org-history = Lịch sử

## Member list

members-title = Đảng viên
members-heading = Danh sách đảng viên
members-count = { $count } đảng viên
members-search = Tìm
members-search-placeholder = Họ tên hoặc số thẻ (không cần dấu)
members-col-number = STT
members-col-name = Họ và tên
members-col-card = Số thẻ
members-col-standing = Loại
members-empty = Không có đảng viên nào.
members-previous-page = Trang trước
members-next-page = Trang sau
members-page = Trang

## A member

member-card-number = Số thẻ đảng viên
member-ethnicity = Dân tộc
member-admission-date = Ngày vào Đảng
member-official-date = Ngày chính thức
member-enrolments = Nơi sinh hoạt
member-within = Thuộc
member-form-refused = Chưa ghi: hãy sửa các điểm sau rồi gửi lại.
member-form-missing = { $field }: chưa nhập
member-form-bad-date = { $field }: “{ $value }” không phải ngày (dd/mm/yyyy)
member-edit-heading = Sửa thông tin đảng viên
member-edit-submit = Lưu thông tin
member-transfer-heading = Chuyển sinh hoạt sang chi bộ khác
member-transfer-org = Mã chi bộ chuyển đến
member-transfer-date = Ngày chuyển
member-transfer-submit = Chuyển sinh hoạt
member-no-condition = Không có tình trạng nào.
member-condition-note = Ghi chú, quyết định
member-condition-note-placeholder = Số quyết định, lý do
member-condition-end = Chấm dứt
member-condition-heading = Ghi tình trạng
member-condition-submit = Ghi tình trạng
member-history = Lịch sử thay đổi
member-no-history = Chưa có thay đổi nào trên trang này.
member-history-at = Thời điểm (UTC)
member-history-by = Người thực hiện
member-history-what = Thay đổi
member-history-detail = Chi tiết
member-history-edit = Sửa thông tin
member-history-transfer = Chuyển sinh hoạt
member-history-condition-record = Ghi tình trạng
member-history-condition-end = Chấm dứt tình trạng
member-refused-card-taken = Số thẻ { $card } là của một đảng viên khác.
member-refused-admission-after = Ngày vào Đảng { $admission } sau ngày bắt đầu sinh hoạt hoặc tình trạng đã ghi ({ $earliest }).
member-refused-not-enrolled = Đảng viên hiện không sinh hoạt ở chi bộ nào.
member-refused-before-current = Ngày { $date } trước ngày bắt đầu sinh hoạt ({ $from }) tại { $org }.
member-refused-same-cell = Đảng viên đang sinh hoạt tại { $org }.
member-refused-target-not-on-date = Tổ chức { $org } không tồn tại vào ngày { $date }.
member-refused-target-ended = Tổ chức { $org } đã kết thúc ngày { $date }; hãy chuyển đến tổ chức hiện có.
member-refused-not-a-cell = { $org } không phải chi bộ: đảng viên chỉ sinh hoạt tại chi bộ.
member-refused-before-admission = Ngày { $date } trước ngày vào Đảng ({ $admission }).
member-refused-overlap = Đảng viên đã có tình trạng “{ $kind }” từ ngày { $from }.
member-refused-no-condition = Không có tình trạng này.
member-refused-condition-ended = Tình trạng này đã chấm dứt ngày { $date }.
member-refused-end-not-after = Ngày chấm dứt { $to } phải sau ngày bắt đầu { $from }.
member-refused-unknown-org = Không có tổ chức mang mã { $org }.
member-refused-date-range = Ngày ngoài khoảng cho phép: { $detail }
member-refused-note = Ghi chú không hợp lệ: { $detail }

## Errors

error-title = Lỗi { $status }
error-home-link = Về trang đầu
error-not-found = Không tìm thấy trang
error-bad-date = Tham số không hợp lệ: ngày "{ $value }"
error-bad-text = Văn bản không được chấp nhận: { $value }
form-text-too-long = { $field }: dài quá { $max } ký tự
form-text-forbidden = { $field }: chứa ký tự điều khiển hoặc ký tự ẩn (ký tự thứ { $position })
error-internal = Lỗi hệ thống

## Organization kinds (cấp tổ chức)

org-kind-central = Trung ương
org-kind-province = Đảng bộ tỉnh
org-kind-district = Đảng bộ huyện
org-kind-commune = Đảng bộ xã, phường
org-kind-grassroots = Đảng bộ cơ sở
org-kind-partial-committee = Đảng bộ bộ phận
org-kind-grassroots-cell = Chi bộ cơ sở
org-kind-cell = Chi bộ

## Genders

gender-male = Nam
gender-female = Nữ

## Member standing

standing-official = Chính thức
standing-probationary = Dự bị

## Conditions (tình trạng)

condition-prosecuted-or-detained = Bị truy tố, tạm giam
condition-suspended = Đình chỉ sinh hoạt
condition-temporarily-transferred = Sinh hoạt tạm thời nơi khác
condition-exempted = Miễn công tác và sinh hoạt

## Navigation, sign-in, account
nav-tree = Cây tổ chức
nav-audit = Nhật ký
nav-sign-out = Đăng xuất
login-title = Đăng nhập
login-login = Tên đăng nhập
login-password = Mật khẩu
login-submit = Đăng nhập
login-refused = Tên đăng nhập hoặc mật khẩu không đúng.
login-throttled = Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau { $minutes } phút.
role-admin = Quản trị
role-office = Văn phòng cấp ủy
role-inspection = Ủy ban kiểm tra
role-member = Đảng viên
account-title = Tài khoản
account-roles = Vai trò
account-no-roles = Tài khoản chưa được giao vai trò nào.
account-password = Đổi mật khẩu
account-password-current = Mật khẩu hiện tại
account-password-new = Mật khẩu mới (ít nhất { $min } ký tự)
account-password-repeat = Nhập lại mật khẩu mới
account-password-submit = Đổi mật khẩu
account-password-changed = Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đóng và các mã truy cập API đã bị thu hồi.
account-password-mismatch = Hai lần nhập mật khẩu mới không giống nhau.
account-password-wrong = Mật khẩu hiện tại không đúng.
account-password-weak = Mật khẩu mới cần ít nhất { $min } ký tự.
account-tokens = Mã truy cập API
account-tokens-note = Mã truy cập cho phép chương trình khác đọc dữ liệu qua /api/v1 với quyền của tài khoản này.
account-token-name = Tên mã
account-token-created-at = Ngày tạo
account-token-create = Tạo mã
account-token-created = Đã tạo mã truy cập.
account-token-once = Sao chép mã này ngay, mã chỉ hiện một lần:
account-token-revoke = Thu hồi
account-token-revoked = Đã thu hồi mã truy cập.
account-token-revoked-at = Đã thu hồi lúc
account-token-bad-name = Tên mã cần từ 1 đến 100 ký tự, không chứa ký tự điều khiển hay ký tự ẩn.
account-no-tokens = Chưa có mã truy cập nào.

## Home and tree
home-attention = Việc cần chú ý
home-attention-empty = Hiện không có việc nào cần chú ý.
home-count-inbox = { $count } nhiệm vụ được giao
home-count-unreceived = { $count } chưa tiếp nhận
home-count-due-soon = { $count } sắp đến hạn
home-count-overdue = { $count } quá hạn
home-inbox = Nhiệm vụ được giao
home-overdue = Nhiệm vụ quá hạn
home-official = { $count } đảng viên chính thức
home-probationary = { $count } đảng viên dự bị
home-own-data = Thông tin đảng viên của tôi
tree-title = Cây tổ chức
tree-heading = Cây tổ chức ngày { $date }

## Member import
import-title = Nhập danh sách đảng viên
import-help = Tệp Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV, tối đa { $mb } MB. Hệ thống kiểm tra toàn bộ tệp và cho xem trước; chưa ghi gì cho đến khi xác nhận.
import-template = Tải tệp mẫu (.xlsx)
import-template-help = Có dòng tiêu đề, một dòng ví dụ và danh sách chọn cho giới tính, tình trạng; xóa dòng ví dụ trước khi nhập.
import-file = Tệp
import-check = Kiểm tra tệp
import-no-file = Chưa chọn tệp.
import-no-sheet = Tệp { $file } không có trang tính nào.
import-no-header = Tệp { $file }, trang “{ $sheet }”: không thấy dòng tiêu đề trong { $rows } dòng đầu; thiếu các cột bắt buộc: { $missing }.
import-duplicate-column = Tệp { $file }, trang “{ $sheet }”, dòng tiêu đề { $row }: cột “{ $column }” xuất hiện hai lần (cột { $first } và { $second }).
import-bad-format = { $file }: chỉ nhận tệp .xlsx, .xls, .ods hoặc .csv.
import-bad-upload = Tải tệp lên không thành công.
import-problems = { $file }: có dòng bị lỗi
import-nothing-written = Chưa ghi dữ liệu nào. Sửa các dòng dưới đây rồi tải lại tệp.
import-col-sheet = Trang tính
import-col-row = Dòng
import-col-column = Cột
import-col-value = Giá trị
import-col-problem = Lỗi
import-preview = { $file }: xem trước
import-rows = Số dòng
import-created = Đảng viên mới
import-updated = Cập nhật thông tin
import-moved = Chuyển chi bộ
import-conditions-changed = Thay đổi tình trạng
import-unchanged = Không thay đổi
import-confirm = Xác nhận nhập
import-done = { $file }: đã nhập xong.
import-expired = Bản xem trước đã hết hạn hoặc không còn. Vui lòng tải tệp lên lại.

## Audit log
audit-title = Nhật ký hoạt động
audit-actor = Người thực hiện
audit-action = Thao tác
audit-at = Thời điểm (UTC)
audit-address = Địa chỉ
audit-subject = Đối tượng
audit-detail = Chi tiết
audit-filter = Lọc
audit-count = { $count } mục
audit-empty = Không có mục nào.

error-forbidden = Bạn không có quyền xem trang này.
error-csrf = Biểu mẫu đã hết hạn hoặc không gửi từ trang của hệ thống. Vui lòng tải lại trang rồi thử lại.
error-bad-language = Ngôn ngữ không hợp lệ.

## Problems of an imported row
import-problem-missing = bắt buộc nhưng để trống
import-problem-card-number = không phải số thẻ đảng viên (4 đến 16 chữ số)
import-problem-name = họ và tên không hợp lệ ({ $detail })
import-problem-gender = cần ghi Nam hoặc Nữ
import-problem-date = không phải ngày (cần dạng dd/mm/yyyy)
import-problem-future-date = ngày ở tương lai
import-problem-org-code = mã tổ chức không hợp lệ ({ $detail })
import-problem-text = văn bản không hợp lệ ({ $detail })
import-problem-under-age = ngày vào Đảng trước khi đủ 18 tuổi
import-problem-before-admission = ngày trước ngày vào Đảng
import-problem-condition = cần là một trong: { $list }
import-problem-condition-without-date = tình trạng cần có ngày bắt đầu
import-problem-date-without-condition = có ngày nhưng không ghi tình trạng
import-refusal-unknown-org = không có tổ chức nào mã { $code }
import-refusal-ended-org = tổ chức { $code } không còn tồn tại
import-refusal-not-a-cell = { $code } không phải chi bộ: đảng viên chỉ sinh hoạt ở chi bộ
import-refusal-outside = { $code } nằm ngoài tổ chức đang nhập
import-refusal-member-outside = đảng viên đang sinh hoạt ở { $org }, ngoài tổ chức đang nhập
import-refusal-duplicate-card = số thẻ { $card } đã có ở dòng { $line }
import-refusal-enrolment-not-after = ngày { $since } không sau ngày bắt đầu ({ $from }) sinh hoạt hiện tại ở { $org }
import-refusal-condition-before = tình trạng bắt đầu ngày { $since }, trước ngày bắt đầu ({ $from }) của cùng tình trạng đã ghi

## Document register
nav-documents = Văn bản
documents-title = Sổ văn bản
documents-search-placeholder = Số, ký hiệu hoặc trích yếu (không cần dấu)
documents-col-number = Số, ký hiệu
documents-col-date = Ngày ban hành
documents-col-title = Trích yếu
documents-empty = Không có văn bản nào.
documents-links = Liên quan
documents-no-links = Không có văn bản liên quan.
documents-files = Tệp đính kèm
documents-no-files = Không có tệp đính kèm.
link-guides = Hướng dẫn
link-guided_by = Được hướng dẫn bởi
link-implements = Thực hiện
link-implemented_by = Được thực hiện bởi
link-replaces = Thay thế
link-replaced_by = Được thay thế bởi
link-amends = Sửa đổi
link-amended_by = Được sửa đổi bởi
documents-coverage = Học tập, quán triệt
documents-coverage-members = Đảng viên đã học tập: { $reached }
documents-coverage-orgs = tổ chức đã học tập: { $reached }
documents-not-reached = Chưa học tập:
documents-not-reached-more = và { $count } tổ chức khác
home-task = Nhiệm vụ quá hạn
home-task-org = Đơn vị thực hiện
home-task-deadline = Thời hạn
home-task-late = Quá hạn
home-task-days = { $count } ngày

## The audit log's actions, by their stored code (audit-action-<code>).
audit-action-create_org = Tạo tổ chức
audit-action-rename_org = Đổi tên tổ chức
audit-action-move_org = Chuyển tổ chức
audit-action-merge_org = Hợp nhất tổ chức
audit-action-dissolve_org = Giải thể tổ chức
audit-action-import_orgs = Nhập tệp tổ chức
audit-action-import_members = Nhập tệp đảng viên
audit-action-member_edit = Sửa thông tin đảng viên
audit-action-member_transfer = Chuyển sinh hoạt đảng
audit-action-member_condition_record = Ghi tình trạng đảng viên
audit-action-member_condition_end = Kết thúc tình trạng đảng viên
audit-action-user_create = Tạo tài khoản
audit-action-grant = Cấp quyền
audit-action-revoke = Thu hồi quyền
audit-action-clearance = Cấp độ mật được đọc
audit-action-language = Đổi ngôn ngữ
audit-action-password_change = Đổi mật khẩu
audit-action-password_reset = Đặt lại mật khẩu
audit-action-api_token_create = Tạo mã truy cập API
audit-action-api_token_revoke = Thu hồi mã truy cập API
audit-action-document_register = Vào sổ văn bản
audit-action-document_file = Đính kèm tệp văn bản
audit-action-document_link = Liên kết văn bản
audit-action-document_arrival = Vào sổ văn bản đến
audit-action-document_forward = Chuyển văn bản
audit-action-document_receipt = Tiếp nhận văn bản
audit-action-dissemination = Ghi hội nghị quán triệt
audit-action-dissemination_attendance = Ghi danh sách dự hội nghị
audit-action-task_create = Giao nhiệm vụ
audit-action-task_cascade = Giao nhiệm vụ cho cấp dưới
audit-action-import_tasks = Nhập bảng nhiệm vụ
audit-action-task_report = Báo cáo định kỳ
audit-action-task_progress = Báo cáo tiến độ
audit-action-task_status = Chuyển trạng thái nhiệm vụ
audit-action-task_urging = Đôn đốc
audit-action-task_inspection = Kiểm tra
audit-action-task_supervision = Giám sát
audit-action-task_receipt = Tiếp nhận nhiệm vụ
audit-action-target_create = Thêm chỉ tiêu
audit-action-target_reading = Cập nhật kết quả chỉ tiêu
audit-action-tracking_rules = Chọn quy tắc theo dõi
audit-action-round_create = Mở đợt đại hội
audit-action-round_answer = Trả lời câu hỏi của đợt đại hội
audit-action-congress_plan = Lập kế hoạch đại hội
audit-action-congress_dates_approved = Đồng ý thời gian đại hội
audit-action-congress_kind_decided = Quyết định hình thức đại hội
audit-action-congress_gate = Ghi nhận bước của đại hội
audit-action-committee_seat = Ghi nhận chức vụ trong cấp ủy
audit-action-committee_seat_end = Kết thúc chức vụ trong cấp ủy
audit-action-seat_allocation = Quyết định phân bổ đại biểu
audit-action-roll_add = Ghi tên vào danh sách đại biểu
audit-action-roll_exclusion = Ghi trường hợp không triệu tập
audit-action-congress_session = Mở phiên đại hội
audit-action-congress_programme = Chương trình đại hội
audit-action-congress_body_member = Thành viên đoàn, ban bầu bằng giơ tay
audit-action-congress_hand_vote = Biểu quyết giơ tay
audit-action-congress_check_in = Điểm danh đại biểu
audit-action-congress_absence = Ghi lý do vắng mặt
audit-action-roll_replacement = Thay đại biểu bằng dự khuyết
audit-action-sign_in = Đăng nhập
audit-action-sign_in_refused = Đăng nhập bị từ chối
audit-action-sign_out = Đăng xuất
task-new-refused-already-cascaded = Nhiệm vụ đã được giao xuống { $org } (nhiệm vụ số { $task }): không giao lần thứ hai.
tracking-settings-missing = Chưa chọn: { $field }.
tracking-settings-bad-window = Số ngày “{ $value }” không hợp lệ: nhập số nguyên từ 0 đến 366.
document-forward-bad-date = Cần nhập ngày chuyển văn bản (ngày/tháng/năm).
