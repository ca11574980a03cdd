# Biên bản và tệp của một cuộc bầu cử (elections/files.rs).
election-files-title = Biên bản và tệp
election-files-minutes-pdf = Biên bản kiểm phiếu (PDF)
election-files-minutes-docx = Biên bản kiểm phiếu (Word)
election-files-hint = Biên bản ghi mọi lần bầu đã kiểm, mọi quyết định và mọi quyết định của Ban kiểm phiếu về phiếu, theo thể thức văn bản của Đảng. Lệnh daihoi tally kiểm lại ELECTION.toml và tệp phiếu của từng lần bầu cho cùng kết quả.
election-files-ballots-csv = Tệp phiếu (CSV)
election-files-not-counted = Chưa kết thúc kiểm phiếu lần bầu nào của cuộc bầu cử này (hoặc của lần bầu này).
election-ballots-print = In phiếu bầu
election-ballots-per-page-label = Số phiếu trên một trang A4
election-ballots-copies-label = Số phiếu
election-ballots-per-page = Số phiếu trên một trang: 1, 2 hoặc 4.
election-ballots-copies = Số phiếu cần in: từ 1 đến 5.000.
election-ballots-too-many-names = Danh sách không vừa một phiếu ở khổ này: in ít phiếu hơn trên một trang.
election-ballots-file = Phiếu đã kiểm ở nơi khác (tệp)
election-ballots-file-record = Ghi nhận tệp
election-ballots-file-hint = Tệp .csv hoặc bảng tính theo định dạng của daihoi tally: số phiếu, mỗi người trong danh sách một cột theo thứ tự trên phiếu, các dấu hiệu. Mọi phiếu đều được kiểm tra; một phiếu bị từ chối thì không ghi gì. Chỉ ghi vào lần bầu chưa nhập phiếu nào.
election-ballots-file-none = Hãy chọn tệp phiếu.
election-ballots-file-broken = Không đọc được tệp tải lên; hãy gửi lại biểu mẫu.
election-ballots-file-refused = Tệp bị từ chối, không ghi gì: { $problem }
audit-action-election_ballots_recorded = Ghi nhận phiếu từ tệp

# R-LIST-6: phiếu thăm dò ý kiến về những người được giới thiệu thêm tại đại hội.
election-opinion = Phiếu thăm dò (R-LIST-6): số phiếu
election-opinion-record = Ghi
election-opinion-votes = Phiếu thăm dò: { $votes } phiếu
election-opinion-dropped = Phiếu thăm dò: { $votes } phiếu, không đưa vào danh sách (R-LIST-6)
election-problem-opinion = Số phiếu thăm dò phải là số nguyên.
audit-action-election_opinion = Thăm dò ý kiến về người được giới thiệu thêm
