# Văn kiện đại hội (issue 17): dự thảo, các lần dự thảo, ý kiến góp ý, báo cáo tổng hợp.
audit-action-draft_create = Tạo dự thảo văn kiện đại hội
audit-action-draft_team_add = Bổ sung thành viên tổ biên tập
audit-action-draft_version = Thêm bản dự thảo văn kiện
audit-action-draft_comment = Ghi nhận ý kiến góp ý dự thảo
audit-action-draft_decide = Tiếp thu, giải trình ý kiến góp ý
audit-action-draft_send = Gửi dự thảo xuống cấp dưới
audit-action-draft_synthesis = Gửi báo cáo tổng hợp ý kiến góp ý
