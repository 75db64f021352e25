"""The forms plans take, beyond the seed plans: each case is a text and the targets an officer
would record from it (measure, year, comparator, value), typed by hand."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from childplan.documents import document_text
from childplan.plan_reader import read_plan
from tests.childplan.plan_reader_support import national_catalogue

CATALOGUE = national_catalogue()
CORPUS = Path(__file__).resolve().parent / "reader_corpus"


def targets(text: str) -> set[tuple]:
    return {(t.measure, t.year, t.comparator, t.value.normalize())
            for t in read_plan(text, CATALOGUE).targets}


def expect(*rows: tuple) -> set[tuple]:
    return {(m, y, c, Decimal(str(v)).normalize()) for m, y, c, v in rows}


PLAN = "KẾ HOẠCH\nThực hiện Chương trình hành động vì trẻ em giai đoạn 2021 - 2030\n"

# Item 1: targets wherever they are.
WHERE = [
    pytest.param(PLAN + "1. Mục tiêu\n1.1. Mục tiêu chung\nBảo vệ trẻ em.\n"
                 "1.1.2. Mục tiêu cụ thể\n- Giảm tỷ suất tử vong trẻ sơ sinh xuống 9‰ vào "
                 "năm 2025.\n1.2. Nhiệm vụ\n- Đạt 100% cán bộ được tập huấn vào năm 2025.",
                 expect(("3a", 2025, "<=", 9)), id="heading 1.1.2."),
    pytest.param(PLAN + "II. MỤC TIÊU\na) Mục tiêu chung\nBảo vệ trẻ em.\nb) Mục tiêu cụ thể\n"
                 "- Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98% vào năm 2025.\n"
                 "c) Đối tượng\nTrẻ em dưới 16 tuổi, đạt 100% vào năm 2025.",
                 expect(("14", 2025, ">=", 98)), id="heading b)"),
    pytest.param(PLAN + "II. MỤC TIÊU\nMục tiêu 1: Giảm tử vong\n- Giảm tỷ suất tử vong trẻ em "
                 "dưới 5 tuổi xuống 16‰ vào năm 2025.\nMục tiêu 2: Phòng, chống tai nạn "
                 "thương tích\n- Giảm tỷ suất trẻ em bị tai nạn thương tích xuống 500/100.000 "
                 "trẻ em vào năm 2030.",
                 expect(("3c", 2025, "<=", 16), ("11a", 2030, "<=", 500)), id="Mục tiêu 1:"),
    pytest.param("- Chỉ tiêu 2: Tỷ lệ trẻ em đến 8 tuổi được tiếp cận dịch vụ hỗ trợ chăm sóc "
                 "phát triển toàn diện đạt 90% vào năm 2025.\n- Chỉ tiêu 6: Giảm tỷ lệ lây "
                 "truyền HIV từ mẹ sang con xuống dưới 2% vào năm 2030.",
                 expect(("2", 2025, ">=", 90), ("6", 2030, "<", 2)), id="excerpt, no header"),
    pytest.param("Tỉnh phấn đấu đến năm 2025 có 98,5% trẻ em dưới 1 tuổi được tiêm chủng đầy "
                 "đủ 8 loại vắc xin. Năm 2020, tỷ suất tử vong trẻ em dưới 1 tuổi là 12,3‰ "
                 "(giai đoạn 2021-2030 giảm mạnh).",
                 expect(("5a", 2025, ">=", 98.5)), id="news prose, a past figure"),
    pytest.param("Đến năm 2030, 100% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ 8 loại vắc xin, "
                 "tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi giảm xuống dưới 18%.",
                 expect(("5a", 2030, ">=", 100), ("4b", 2030, "<", 18)),
                 id="two measures in one sentence"),
    pytest.param(PLAN + "II. MỤC TIÊU\nChỉ tiêu Đơn vị Năm 2025 Năm 2030\n"
                 "1 Tỷ suất tử vong trẻ sơ sinh ‰ 10 9\n"
                 "2 Số xã có điểm vui chơi đạt chuẩn xã 8 12\n",
                 expect(("3a", 2025, "<=", 10), ("3a", 2030, "<=", 9)), id="PDF columns"),
    pytest.param("| Chỉ tiêu | Đơn vị | Thực hiện 2020 | Mục tiêu 2025 |\n"
                 "| Tỷ lệ lây truyền HIV từ mẹ sang con | % | 4 | dưới 3 |\n",
                 expect(("6", 2025, "<", 3)), id="table of bars, a past column"),
]

# Item 3: years as plans write them.
YEARS = [
    pytest.param(PLAN + "2. Mục tiêu cụ thể\nĐến năm 2030 đạt được các chỉ tiêu sau:\n"
                 "- Tỷ lệ trẻ em dưới 5 tuổi được tiêm chủng đầy đủ các loại vắc xin đạt 95%;\n"
                 "- Tỷ lệ trẻ em từ 7 tuổi trở lên được hỏi ý kiến về các vấn đề của trẻ em "
                 "đạt 70%;\n3. Phạm vi",
                 expect(("5b", 2030, ">=", 95), ("22", 2030, ">=", 70)), id="lead year"),
    pytest.param(PLAN + "2. Mục tiêu cụ thể\nĐến năm 2025:\n- Tỷ lệ suy dinh dưỡng thể nhẹ cân "
                 "ở trẻ em dưới 5 tuổi còn 11,8% (đến năm 2030 là 11,3%);",
                 expect(("4a", 2025, "<=", 11.8), ("4a", 2030, "<=", 11.3)),
                 id="later value in brackets"),
    pytest.param(PLAN + "2. Mục tiêu cụ thể\n- Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh "
                 "lên 80% và 85% vào các năm 2015, 2020.",
                 expect(("14", 2015, ">=", 80), ("14", 2020, ">=", 85)), id="paired lists"),
    pytest.param(PLAN + "2. Mục tiêu cụ thể\n- Tỷ suất trẻ em tử vong do tai nạn thương tích năm "
                 "2025 là 15/100.000, năm 2030 là 12/100.000.",
                 expect(("11b", 2025, "<=", 15), ("11b", 2030, "<=", 12)),
                 id="năm 2030 là …"),
    pytest.param(PLAN + "2. Mục tiêu cụ thể\n- Tỷ lệ trẻ em hoàn thành cấp tiểu học đạt 99% "
                 "vào năm\n2025.",
                 expect(("17a", 2025, ">=", 99)), id="year broken across a line"),
    pytest.param("KẾ HOẠCH\nThực hiện công tác trẻ em năm 2022\nII. CHỈ TIÊU\n"
                 "1. Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 99%.\n"
                 "2. Giảm số cuộc tảo hôn 15% so với năm 2021.\nIII. NHIỆM VỤ",
                 expect(("14", 2022, ">=", 99), ("13", 2022, "annual_change", -15)),
                 id="yearly plan"),
    pytest.param("QUYẾT ĐỊNH\nPhê duyệt Chương trình bảo vệ trẻ em giai đoạn 2012 - 2020\n"
                 "2. Mục tiêu cụ thể\na) Giảm tỷ lệ trẻ em có hoàn cảnh đặc biệt xuống dưới "
                 "5,5% tổng số trẻ em vào năm 2015 và dưới 5% vào năm 2020.",
                 expect(("8a", 2015, "<", 5.5), ("8a", 2020, "<", 5)), id="period 2012-2020"),
]

# Item 4: units and spellings; negatives of items 2 and 4.
UNITS = [
    pytest.param("- Giảm tỉ suất tử vong trẻ em dưới 1 tuổi xuống dưới 14 trên 1.000 trẻ đẻ "
                 "sống vào năm 2025.", expect(("3b", 2025, "<", 14)), id="tỉ suất, per 1.000"),
    pytest.param("- Tỷ suất tử vong trẻ em dưới 5 tuổi dưới18,5‰ vào năm 2025.",
                 expect(("3c", 2025, "<", 18.5)), id="dưới18,5‰"),
    pytest.param("- Tỷ suất trẻ em bị tai nạn thương tích giảm còn 600/100.000 trẻ vào năm 2025.",
                 expect(("11a", 2025, "<=", 600)), id="/100.000 trẻ"),
    pytest.param("- Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi: dưới 20 % vào năm "
                 "2025.", expect(("4b", 2025, "<", 20)), id="a colon before the value"),
    pytest.param("- Ngày 20.10 hoàn thành rà soát trẻ em có hoàn cảnh đặc biệt trên tổng số "
                 "trẻ em năm 2025.", set(), id="a date"),
    pytest.param("- Phấn đấu xây mới 70.000 ngôi nhà vệ sinh năm 2025; đạt 70.000 nhà vệ sinh "
                 "vào năm 2030.", set(), id="a count"),
    pytest.param("- Theo Quyết định số 1234/QĐ-UBND ngày 12/5/2023 về trẻ em có hoàn cảnh đặc "
                 "biệt trên tổng số trẻ em năm 2025.", set(), id="a document number"),
    pytest.param("- 80% xã đạt tiêu chuẩn Cộng đồng an toàn phòng chống tai nạn thương tích "
                 "trẻ em vào năm 2030.", set(), id="Cộng đồng an toàn"),
    pytest.param("- 100% trạm y tế xã có nữ hộ sinh vào năm 2025.", set(), id="nữ hộ sinh"),
    pytest.param("- Tỷ lệ trẻ em được đăng ký khai sinh ở vùng miền núi đạt 80% vào năm 2025.",
                 set(), id="miền núi is not rural"),
    pytest.param("- Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi dưới 20% vào năm "
                 "2025; vùng đặc biệt khó khăn dưới 30%.",
                 expect(("4b", 2025, "<", 20)), id="a sub-area after the target"),
    pytest.param("- 100% cán bộ y tế xã được tập huấn sơ cứu tai nạn thương tích vào năm 2025.",
                 set(), id="percent for a rate per 100.000"),
]


@pytest.mark.parametrize("text, expected", WHERE + YEARS + UNITS)
def test_it_reads_each_form_a_plan_takes(text, expected):
    assert targets(text) == expected


def test_a_label_that_disagrees_with_the_content_makes_the_target_unsure():
    plan = read_plan("- Chỉ tiêu 2: Giảm tỷ suất tử vong trẻ sơ sinh xuống 9‰ vào năm 2025.\n"
                     "- Chỉ tiêu 3: Giảm tỷ suất tử vong trẻ em dưới 1 tuổi xuống 12‰ vào "
                     "năm 2025.", CATALOGUE)
    assert [(t.measure, t.sure) for t in plan.targets] == [("3a", False), ("3b", True)]
    assert "chỉ tiêu 2" in plan.targets[0].notes[-1]


def test_a_look_alike_is_listed_as_unmapped_not_taken():
    plan = read_plan(PLAN + "2. Chỉ tiêu\n- 100% trạm y tế xã có nữ hộ sinh vào năm 2025.\n"
                     "- 80% xã đạt tiêu chuẩn Cộng đồng an toàn vào năm 2030.", CATALOGUE)
    assert plan.targets == []
    assert plan.unmapped == ["100% trạm y tế xã có nữ hộ sinh vào năm 2025",
                             "80% xã đạt tiêu chuẩn Cộng đồng an toàn vào năm 2030"]


def test_it_reads_the_targets_of_a_word_table():
    document = docx.Document()
    document.add_paragraph("Các chỉ tiêu chủ yếu")
    table = document.add_table(rows=3, cols=4)
    for row, cells in enumerate([("Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030"),
                                 ("Tỷ suất tử vong trẻ em dưới 1 tuổi", "‰", "12", "10"),
                                 ("Số trẻ em được cấp thẻ bảo hiểm y tế", "trẻ", "70.000", "-")]):
        for col, text in enumerate(cells):
            table.cell(row, col).text = text
    data = io.BytesIO()
    document.save(data)
    text = document_text("bang.docx", data.getvalue())
    assert targets(text) == expect(("3b", 2025, "<=", 12), ("3b", 2030, "<=", 10))


def test_the_tuned_corpus_is_read_as_typed_by_hand():
    """Every text of reader_corpus/ (not the held-out part) gives exactly its targets."""
    for spec_path in sorted(CORPUS.glob("*.json")):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        path = CORPUS / spec["document"]
        plan = read_plan(document_text(path.name, path.read_bytes()), CATALOGUE)
        read = {(t.measure, t.year, t.area, t.comparator, t.value.normalize())
                for t in plan.targets}
        typed = {(t["measure"], t["year"], t.get("area", "all"), t["comparator"],
                  Decimal(str(t["value"])).normalize()) for t in spec["targets"]}
        assert read == typed, spec_path.name
