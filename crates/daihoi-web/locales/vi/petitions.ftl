# Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh (issue 18).
audit-action-petition_rule_add = Thêm dòng thời hạn giải quyết đơn thư
audit-action-petition_rule_end = Kết thúc hiệu lực dòng thời hạn giải quyết đơn thư
audit-action-petition_day_add = Thêm ngày nghỉ lễ, nghỉ bù hoặc làm bù
audit-action-petition_day_remove = Bỏ một ngày khỏi lịch nghỉ
audit-action-petition_year_confirm = Xác nhận lịch nghỉ của năm
