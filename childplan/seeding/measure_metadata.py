"""What each of the 34 national measures means and where its figure comes from.

The fields follow the national statistical indicator system on children (the
Thông tư 13/2021/TT-BLĐTBXH kind of sheet: definition, disaggregation,
periodicity, source, who collects it). Its annex was not at hand when this was
written: the values are our reading of how each figure is produced in Vietnam,
and the circular's annex wins wherever it says otherwise.

Where the figures come from (the facts behind `source_kind` and `lowest_level`):

- Infant and under-5 mortality (3b, 3c) are indicators of the national statistical
  indicator system estimated by the statistics office from the Population and
  Housing Census and the annual Population Change and Family Planning Survey
  (Điều tra biến động dân số và kế hoạch hóa gia đình), published per province.
  Commune health stations record deaths too, but those counts miss many and are
  not the official series: survey, lowest level the province.
- Neonatal mortality (3a) has no annual survey estimate per province; Sở Y tế
  compiles it from the health facilities' statistical reports. Most births and
  neonatal deaths happen in hospitals, which a commune does not see: province.
- Under-5 malnutrition and overweight (4a–4c) are published yearly per province by
  the National Institute of Nutrition's nutrition surveillance, a sample survey
  of clusters in each province. The routine weighing at commune level is not
  the official series: survey, province.
- Immunisation (5a, 5b): commune health stations vaccinate and record every child
  (Expanded Programme on Immunisation); since 2017 the records are kept in the
  national immunisation information system: commune.
- Mother-to-child HIV transmission (6): the HIV/AIDS programme's reports from the
  province's Centre for Disease Control; numbers are small and confidential.
- Child labour (10): only the National Child Labour Surveys (2012, 2018, with the
  ILO), national and regional estimates: survey, national only, about every 5 years.
- Early childhood development (15): the ECDI module of MICS (2020–2021 SDGCW),
  national and regional estimates: survey, national only.
- Education (7, 16–20): schools report through the education sector's database
  each school year; the commune keeps the universal-education (phổ cập) records
  of its children, which give the 5-year-olds' enrolment (16).
- Birth registration (14): communes register births in the electronic civil
  status database (hộ tịch điện tử): commune.
- Child protection and participation (1, 8, 9, 12, 21–24): administrative reports
  that start at the commune (its child-affairs officer keeps the lists) and were
  compiled by the labour sector until 02/2025, by the health sector since.
- Child marriage (13): communes count the marriages; the measure is the yearly
  change of that count, worked out for the province, so the province reports it.
"""

from __future__ import annotations

from indicators.models import Periodicity, ReportingLevel, SourceKind

A, S, DB = SourceKind.ADMINISTRATIVE, SourceKind.SURVEY, SourceKind.DATABASE
COMMUNE, PROVINCE, NATIONAL = (ReportingLevel.COMMUNE, ReportingLevel.PROVINCE,
                               ReportingLevel.NATIONAL)
YEARLY, FIVE = Periodicity.ANNUAL, Periodicity.FIVE_YEARLY

SEX_AGE = "Giới tính; nhóm tuổi; xã/phường"
SEX_AREA_PROVINCE = "Giới tính; thành thị/nông thôn; vùng; tỉnh/thành phố"
CHILD_AFFAIRS = "UBND cấp xã; Sở Y tế tổng hợp (trước 03/2025: Sở LĐTBXH)"
EDUCATION_DB = "Cơ sở dữ liệu ngành giáo dục (thống kê năm học)"
CHILD_PROTECTION = "Báo cáo công tác bảo vệ trẻ em từ cấp xã"

# code → (definition, disaggregation, periodicity, source kind, source, collected by, lowest)
MEASURE_METADATA: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "1": ("Số xã, phường, đặc khu được công nhận đạt tiêu chuẩn phù hợp với trẻ em trong năm "
          "chia cho tổng số xã, phường, đặc khu, nhân 100.", "Xã/phường/đặc khu",
          YEARLY, A, "Kết quả đánh giá, công nhận xã, phường phù hợp với trẻ em",
          CHILD_AFFAIRS, COMMUNE),
    "2": ("Số trẻ em từ 0 đến 8 tuổi được sử dụng ít nhất một dịch vụ hỗ trợ chăm sóc phát "
          "triển toàn diện (y tế, dinh dưỡng, giáo dục sớm, bảo vệ) trong năm chia cho tổng số "
          "trẻ em 0–8 tuổi, nhân 100. Chưa có điều tra thống kê riêng: tỉnh tổng hợp từ báo cáo "
          "dịch vụ của các ngành.", "Giới tính; nhóm tuổi (0–3, 4–5, 6–8)",
          YEARLY, A, "Báo cáo dịch vụ của ngành y tế, giáo dục và bảo vệ trẻ em",
          "Sở Y tế, Sở Giáo dục và Đào tạo", PROVINCE),
    "3a": ("Số trẻ tử vong trong 28 ngày đầu sau sinh trong năm tính trên 1.000 trẻ đẻ sống "
           "trong năm.", "Giới tính; thành thị/nông thôn",
           YEARLY, A, "Chế độ báo cáo thống kê ngành y tế (cơ sở khám, chữa bệnh, trạm y tế)",
           "Sở Y tế", PROVINCE),
    "3b": ("Số trẻ em dưới 1 tuổi tử vong trong năm tính trên 1.000 trẻ đẻ sống trong năm.",
           SEX_AREA_PROVINCE, YEARLY, S,
           "Tổng điều tra dân số và nhà ở; Điều tra biến động dân số và kế hoạch hóa gia đình",
           "Cơ quan thống kê", PROVINCE),
    "3c": ("Số trẻ em dưới 5 tuổi tử vong trong năm tính trên 1.000 trẻ đẻ sống trong năm.",
           SEX_AREA_PROVINCE, YEARLY, S,
           "Tổng điều tra dân số và nhà ở; Điều tra biến động dân số và kế hoạch hóa gia đình",
           "Cơ quan thống kê", PROVINCE),
    "4a": ("Số trẻ dưới 5 tuổi có cân nặng theo tuổi thấp hơn −2 độ lệch chuẩn của quần thể "
           "tham chiếu (chuẩn tăng trưởng WHO 2006) chia cho số trẻ dưới 5 tuổi được cân, nhân "
           "100.", "Giới tính; nhóm tuổi; thành thị/nông thôn; tỉnh/thành phố",
           YEARLY, S, "Giám sát dinh dưỡng (điều tra chọn mẫu theo cụm ở từng tỉnh)",
           "Viện Dinh dưỡng; Sở Y tế", PROVINCE),
    "4b": ("Số trẻ dưới 5 tuổi có chiều cao theo tuổi thấp hơn −2 độ lệch chuẩn của quần thể "
           "tham chiếu (chuẩn tăng trưởng WHO 2006) chia cho số trẻ dưới 5 tuổi được đo, nhân "
           "100.", "Giới tính; nhóm tuổi; thành thị/nông thôn; tỉnh/thành phố",
           YEARLY, S, "Giám sát dinh dưỡng (điều tra chọn mẫu theo cụm ở từng tỉnh)",
           "Viện Dinh dưỡng; Sở Y tế", PROVINCE),
    "4c": ("Số trẻ dưới 5 tuổi có cân nặng theo chiều cao cao hơn +2 độ lệch chuẩn của quần "
           "thể tham chiếu (chuẩn tăng trưởng WHO 2006) chia cho số trẻ dưới 5 tuổi được cân đo, "
           "nhân 100; mục tiêu riêng cho nông thôn và thành thị.",
           "Thành thị/nông thôn; giới tính; nhóm tuổi; tỉnh/thành phố",
           YEARLY, S, "Giám sát dinh dưỡng (điều tra chọn mẫu theo cụm ở từng tỉnh)",
           "Viện Dinh dưỡng; Sở Y tế", PROVINCE),
    "5a": ("Số trẻ dưới 1 tuổi được tiêm, uống đủ các liều vắc xin phòng 8 bệnh (lao, viêm gan "
           "B, bạch hầu, ho gà, uốn ván, Hib, bại liệt, sởi) theo lịch chia cho số trẻ dưới 1 "
           "tuổi trong năm, nhân 100.", "Giới tính; xã/phường",
           YEARLY, A, "Sổ tiêm chủng của trạm y tế xã (Chương trình Tiêm chủng mở rộng)",
           "Trạm y tế xã; Sở Y tế tổng hợp", COMMUNE),
    "5b": ("Số trẻ dưới 5 tuổi đã được tiêm đủ các loại vắc xin của Chương trình Tiêm chủng mở "
           "rộng theo độ tuổi chia cho số trẻ dưới 5 tuổi, nhân 100.", "Giới tính; xã/phường",
           YEARLY, DB, "Hệ thống thông tin quản lý tiêm chủng quốc gia",
           "Trạm y tế xã; Sở Y tế tổng hợp", COMMUNE),
    "6": ("Số trẻ sinh ra từ mẹ nhiễm HIV được xét nghiệm và khẳng định nhiễm HIV chia cho số "
          "trẻ sinh ra từ mẹ nhiễm HIV được xét nghiệm trong năm, nhân 100.",
          "Tỉnh/thành phố", YEARLY, A,
          "Báo cáo chương trình phòng, chống HIV/AIDS (dự phòng lây truyền mẹ con)",
          "Trung tâm Kiểm soát bệnh tật tỉnh; Sở Y tế", PROVINCE),
    "7": ("Số cơ sở giáo dục mầm non và phổ thông có công trình vệ sinh đạt chuẩn chia cho tổng "
          "số cơ sở giáo dục, nhân 100.", "Cấp học; công lập/ngoài công lập",
          YEARLY, DB, EDUCATION_DB, "Sở Giáo dục và Đào tạo", PROVINCE),
    "8a": ("Số trẻ em thuộc các nhóm có hoàn cảnh đặc biệt (Điều 10 Luật Trẻ em 2016) chia cho "
           "tổng số trẻ em, nhân 100.", "Nhóm hoàn cảnh đặc biệt; giới tính; nhóm tuổi",
           YEARLY, A, CHILD_PROTECTION, CHILD_AFFAIRS, COMMUNE),
    "8b": ("Số trẻ em có hoàn cảnh đặc biệt được chăm sóc, nuôi dưỡng hoặc trợ giúp trong năm "
           "chia cho số trẻ em có hoàn cảnh đặc biệt, nhân 100.",
           "Nhóm hoàn cảnh đặc biệt; hình thức trợ giúp", YEARLY, A, CHILD_PROTECTION,
           CHILD_AFFAIRS, COMMUNE),
    "9": ("Số trẻ em bị xâm hại được phát hiện, xử lý trong năm chia cho tổng số trẻ em, nhân "
          "100. Chỉ gồm các trường hợp được phát hiện.", "Hình thức xâm hại; giới tính; nhóm tuổi",
          YEARLY, A, f"{CHILD_PROTECTION}; số liệu của cơ quan công an",
          "UBND cấp xã, Công an; Sở Y tế tổng hợp", COMMUNE),
    "10": ("Số trẻ em và người chưa thành niên 5–17 tuổi là lao động trẻ em (theo ngưỡng độ "
           "tuổi, giờ làm và loại công việc) chia cho dân số 5–17 tuổi, nhân 100.",
           "Giới tính; nhóm tuổi; thành thị/nông thôn; vùng", FIVE, S,
           "Điều tra quốc gia về lao động trẻ em (2012, 2018)",
           "Cơ quan thống kê; Bộ LĐTBXH (các cuộc điều tra 2012, 2018)",
           NATIONAL),
    "11a": ("Số trẻ em bị tai nạn thương tích phải điều trị tại cơ sở y tế trong năm tính trên "
            "100.000 trẻ em.", "Nguyên nhân; giới tính; nhóm tuổi",
            YEARLY, A, "Ghi nhận tai nạn thương tích của các cơ sở y tế", "Sở Y tế", PROVINCE),
    "11b": ("Số trẻ em tử vong do tai nạn thương tích trong năm tính trên 100.000 trẻ em.",
            "Nguyên nhân; giới tính; nhóm tuổi", YEARLY, A,
            "Sổ tử vong của trạm y tế xã; đăng ký khai tử", "Trạm y tế xã; Sở Y tế tổng hợp",
            COMMUNE),
    "12": ("Số trẻ em gặp thiên tai, thảm họa được cứu trợ, hỗ trợ kịp thời chia cho số trẻ em "
           "gặp thiên tai, thảm họa trong năm, nhân 100.", "Loại thiên tai; hình thức hỗ trợ",
           YEARLY, A, "Báo cáo cứu trợ của UBND cấp xã", CHILD_AFFAIRS, COMMUNE),
    "13": ("Mức thay đổi số cuộc tảo hôn của năm so với năm trước, tính bằng phần trăm; số cuộc "
           "tảo hôn do các xã báo cáo, mức giảm tính cho cả tỉnh.", "Dân tộc; giới tính",
           YEARLY, A, "Báo cáo số cuộc tảo hôn của UBND cấp xã",
           "UBND cấp xã; cơ quan công tác dân tộc cấp tỉnh", PROVINCE),
    "14": ("Số trẻ dưới 5 tuổi đã được đăng ký khai sinh chia cho tổng số trẻ dưới 5 tuổi, nhân "
           "100.", "Giới tính; đăng ký đúng hạn/quá hạn; xã/phường",
           YEARLY, DB, "Cơ sở dữ liệu hộ tịch điện tử", "UBND cấp xã; Sở Tư pháp tổng hợp",
           COMMUNE),
    "15": ("Số trẻ 24–59 tháng tuổi phát triển đúng hướng ở ít nhất 3 trong 4 lĩnh vực (đọc, "
           "viết và tính toán; thể chất; tình cảm – xã hội; học tập) chia cho số trẻ cùng độ tuổi, "
           "nhân 100 (chỉ số ECDI).", "Giới tính; thành thị/nông thôn; vùng", FIVE, S,
           "Điều tra các mục tiêu phát triển bền vững về trẻ em và phụ nữ (MICS)",
           "Cơ quan thống kê", NATIONAL),
    "16": ("Số trẻ 5 tuổi đi học mẫu giáo chia cho tổng số trẻ 5 tuổi, nhân 100.",
           "Giới tính; dân tộc; xã/phường", YEARLY, A,
           "Hồ sơ phổ cập giáo dục mầm non cho trẻ 5 tuổi của xã",
           "UBND cấp xã; Sở Giáo dục và Đào tạo", COMMUNE),
    "17a": ("Số trẻ em hoàn thành chương trình tiểu học chia cho số trẻ em trong độ tuổi hoàn "
            "thành cấp tiểu học, nhân 100.", "Giới tính; dân tộc", YEARLY, DB, EDUCATION_DB,
            "Sở Giáo dục và Đào tạo", PROVINCE),
    "17b": ("Số học sinh tiểu học bỏ học trong năm học chia cho tổng số học sinh tiểu học đầu "
            "năm học, nhân 100.", "Giới tính; lớp; dân tộc", YEARLY, DB, EDUCATION_DB,
            "Sở Giáo dục và Đào tạo", PROVINCE),
    "18a": ("Số trẻ em hoàn thành chương trình trung học cơ sở chia cho số trẻ em trong độ tuổi "
            "hoàn thành cấp trung học cơ sở, nhân 100.", "Giới tính; dân tộc", YEARLY, DB,
            EDUCATION_DB, "Sở Giáo dục và Đào tạo", PROVINCE),
    "18b": ("Số học sinh trung học cơ sở bỏ học trong năm học chia cho tổng số học sinh trung "
            "học cơ sở đầu năm học, nhân 100.", "Giới tính; lớp; dân tộc", YEARLY, DB,
            EDUCATION_DB, "Sở Giáo dục và Đào tạo", PROVINCE),
    "19": ("Số trường học có tổ chức tư vấn, hỗ trợ tâm lý cho học sinh chia cho tổng số trường "
           "học, nhân 100.", "Cấp học", YEARLY, A, "Báo cáo của ngành giáo dục",
           "Sở Giáo dục và Đào tạo", PROVINCE),
    "20a": ("Số trường học có cơ sở hạ tầng, tài liệu phù hợp với học sinh khuyết tật chia cho "
            "tổng số trường học, nhân 100.", "Cấp học", YEARLY, A, "Báo cáo của ngành giáo dục",
            "Sở Giáo dục và Đào tạo", PROVINCE),
    "20b": ("Số trẻ em khuyết tật có nhu cầu học tập được tiếp cận giáo dục chuyên biệt, hòa "
            "nhập hoặc phục hồi chức năng chia cho số trẻ em khuyết tật có nhu cầu học tập, nhân "
            "100.", "Dạng khuyết tật; hình thức giáo dục; giới tính", YEARLY, A,
            "Báo cáo của ngành giáo dục và ngành y tế", "Sở Giáo dục và Đào tạo, Sở Y tế",
            PROVINCE),
    "21": ("Số xã, phường, đặc khu có điểm văn hóa, vui chơi dành cho trẻ em chia cho tổng số "
           "xã, phường, đặc khu, nhân 100.", "Xã/phường/đặc khu", YEARLY, A,
           "Báo cáo của UBND cấp xã", "UBND cấp xã; Sở Văn hóa, Thể thao và Du lịch", COMMUNE),
    "22": ("Số trẻ em từ 7 tuổi trở lên được hỏi ý kiến (diễn đàn, hội nghị, khảo sát) về các "
           "vấn đề của trẻ em trong năm chia cho số trẻ em từ 7 tuổi trở lên, nhân 100.",
           SEX_AGE, YEARLY, A, "Báo cáo hoạt động thúc đẩy quyền tham gia của trẻ em",
           CHILD_AFFAIRS, COMMUNE),
    "23": ("Số trẻ em được tham gia hoạt động nâng cao nhận thức, năng lực về quyền tham gia "
           "trong năm chia cho tổng số trẻ em, nhân 100.", SEX_AGE, YEARLY, A,
           "Báo cáo hoạt động thúc đẩy quyền tham gia của trẻ em", CHILD_AFFAIRS, COMMUNE),
    "24": ("Số trẻ em từ 11 tuổi trở lên tham gia các mô hình, hoạt động thúc đẩy quyền tham "
           "gia (câu lạc bộ, nhóm trẻ nòng cốt) chia cho số trẻ em từ 11 tuổi trở lên, nhân 100.",
           SEX_AGE, YEARLY, A, "Báo cáo hoạt động thúc đẩy quyền tham gia của trẻ em",
           CHILD_AFFAIRS, COMMUNE),
}

FIELDS = ("definition", "disaggregation", "periodicity", "source_kind", "source_detail",
          "collected_by", "lowest_level")


def metadata_for(code: str) -> dict[str, str]:
    """The metadata fields of a national measure, ready for update_or_create's defaults."""
    return dict(zip(FIELDS, MEASURE_METADATA[code], strict=True))
