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

## Errors

error-title = Lỗi { $status }
error-home-link = Về trang đầu
error-not-found = Không tìm thấy trang
error-bad-date = Tham số không hợp lệ: ngày "{ $value }"
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
