# Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh (issue 18).
audit-action-petition_rule_add = Thêm dòng thời hạn giải quyết đơn thư
audit-action-petition_rule_end = Kết thúc hiệu lực dòng thời hạn giải quyết đơn thư
audit-action-petition_day_add = Thêm ngày nghỉ lễ, nghỉ bù hoặc làm bù
audit-action-petition_day_remove = Bỏ một ngày khỏi lịch nghỉ
audit-action-petition_year_confirm = Xác nhận lịch nghỉ của năm
audit-action-petition_received = Tiếp nhận đơn thư
audit-action-petition_filing_linked = Đơn trùng nội dung gộp vào hồ sơ
audit-action-petition_identity_read = Xem thông tin người gửi đơn
audit-action-petition_assigned = Giao hồ sơ cho cán bộ xác minh
audit-action-petition_routed = Chuyển hồ sơ đến tổ chức có thẩm quyền
audit-action-petition_event = Ghi nhận bước xử lý đơn thư
