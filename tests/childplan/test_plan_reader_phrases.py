"""Target phrases in the forms plans write them: examples, then generated sentences."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from childplan.plan_reader import read_plan
from childplan.plan_reader.phrases import read_clause
from childplan.plan_reader.text import paragraphs, parse_number
from tests.childplan.plan_reader_support import national_catalogue

CATALOGUE = national_catalogue()


def read(clause):
    return [(p.years, p.comparator, p.value, p.value_high, p.area, p.wording)
            for p in read_clause(clause)]


@pytest.mark.parametrize("text, value, doubtful", [
    ("9,5", Decimal("9.5"), False), ("18.5", Decimal("18.5"), False),
    ("1.234,5", Decimal("1234.5"), False), ("100.000", Decimal(100000), False),
    ("1.000", Decimal(1000), True), ("0,05", Decimal("0.05"), False),
])
def test_it_reads_numbers_written_the_vietnamese_way_and_a_stray_dot(text, value, doubtful):
    assert parse_number(text) == (value, doubtful)


@pytest.mark.parametrize("clause, expected", [
    ("giảm xuống còn 16/100.000 trẻ em vào năm 2025",
     [([2025], "<=", Decimal(16), None, "all", "xuống còn")]),
    ("xuống dưới 5% vào năm 2025", [([2025], "<", Decimal(5), None, "all", "dưới")]),
    ("đạt 99,1 % vào năm 2025", [([2025], ">=", Decimal("99.1"), None, "all", "đạt")]),
    ("ít nhất 98% trẻ em vào năm 2025", [([2025], ">=", Decimal(98), None, "all", "ít nhất")]),
    ("trên 45 xã vào năm 2015", [([2015], ">", Decimal(45), None, "all", "trên")]),
    ("duy trì 100% đến năm 2030", [([2030], "=", Decimal(100), None, "all", "duy trì")]),
    ("có từ 0,4 - 0,7% trẻ em", [(None, "band", Decimal("0.4"), Decimal("0.7"), "all", "từ")]),
    ("giảm từ 2 đến 3% hằng năm đến năm 2030",
     [([2030], "annual_change", Decimal(-2), Decimal(-3), "all", "từ")]),
    ("mỗi năm giảm 5% số vụ", [(None, "annual_change", Decimal(-5), None, "all", "giảm")]),
    ("nội thành dưới 10% và ngoại thành dưới 5% vào năm 2030",
     [([2030], "<", Decimal(10), None, "urban", "dưới"),
      ([2030], "<", Decimal(5), None, "rural", "dưới")]),
    ("Đến năm 2015, có trên 90% xã", [([2015], ">", Decimal(90), None, "all", "trên")]),
    ("đạt 30% trở lên vào năm 2025", [([2025], ">=", Decimal(30), None, "all", "đạt")]),
])
def test_it_reads_each_form_of_target(clause, expected):
    assert read(clause) == expected


@pytest.mark.parametrize("clause", [
    "trẻ em dưới 5 tuổi được tiêm chủng đầy đủ 8 loại vắc xin",
    "lao động trẻ em và người chưa thành niên từ 5 đến 17 tuổi",
    "theo Nghị định 56/2017/NĐ-CP ngày 09/5/2017",
    "thực hiện 15 mục tiêu của Chương trình giai đoạn 2012-2020",
])
def test_it_takes_no_value_from_numbers_that_describe_the_measure(clause):
    assert read_clause(clause) == []


def test_it_joins_lines_broken_mid_sentence_but_not_items():
    text = ("- Chỉ tiêu 9: Giảm tỷ lệ trẻ em bị\nxâm hại xuống dưới 4,5% vào năm\n2025.\n"
            "- Chỉ tiêu 10: Sở Lao động\n- Thương binh và Xã hội.")
    assert paragraphs(text) == [
        "- Chỉ tiêu 9: Giảm tỷ lệ trẻ em bị xâm hại xuống dưới 4,5% vào năm 2025.",
        "- Chỉ tiêu 10: Sở Lao động - Thương binh và Xã hội."]


def test_it_drops_markdown_bold_and_headings():
    assert paragraphs("## **2. Mục tiêu cụ thể**\n\n**- Chỉ tiêu 1:** đạt 5%") == [
        "2. Mục tiêu cụ thể", "- Chỉ tiêu 1: đạt 5%"]


# Generated sentences: a subject the catalogue knows, values in the forms plans use.
SUBJECTS = {
    "14": ("Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh", "%", "increase"),
    "16": ("Tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo", "%", "increase"),
    "9": ("Giảm tỷ lệ trẻ em bị xâm hại trên tổng số trẻ em", "%", "decrease"),
    "3a": ("Giảm tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống", "‰", "decrease"),
    "3c": ("Giảm tỷ suất tử vong trẻ em dưới 5 tuổi", "‰", "decrease"),
    "11a": ("Giảm tỷ suất trẻ em bị tai nạn thương tích", "/100.000", "decrease"),
}
WORDS = [("dưới", "<"), ("xuống", "<="), ("xuống còn", "<="), ("đạt", ">="),
         ("duy trì", "="), ("phấn đấu", ">="), ("ít nhất", ">="), ("trên", ">"),
         ("phấn đấu đạt", ">=")]
INDICATOR = {"14": 14, "16": 16, "9": 9, "3a": 3, "3c": 3, "11a": 11}

values = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1)


def written(value: Decimal, *, stray_dot: bool) -> str:
    text = f"{value.normalize():f}"
    return text if stray_dot else text.replace(".", ",")


def sign_for(unit: str, *, spaced: bool, percent_for_permille: bool) -> str:
    if unit == "‰" and percent_for_permille:
        unit = "%"
    if unit == "/100.000":
        return "/100.000 trẻ em"
    return (" " if spaced else "") + unit


@st.composite
def series(draw):
    code = draw(st.sampled_from(sorted(SUBJECTS)))
    subject, unit, _ = SUBJECTS[code]
    word, comparator = draw(st.sampled_from(WORDS))
    first, second = draw(values), draw(values)
    sign = sign_for(unit, spaced=draw(st.booleans()),
                    percent_for_permille=draw(st.booleans()))
    one = written(first, stray_dot=draw(st.booleans()))
    two = written(second, stray_dot=False)
    years = draw(st.sampled_from(["both", "2025", "2030"]))
    if years == "both":
        sentence = f"{subject} {word} {one}{sign} vào năm 2025 và {two}{sign} vào năm 2030"
        expected = {(code, 2025, "all"): (comparator, first, None),
                    (code, 2030, "all"): (comparator, second, None)}
    else:
        sentence = f"{subject} {word} {one}{sign} đến năm {years}"
        expected = {(code, int(years), "all"): (comparator, first, None)}
    return code, sentence, expected


@st.composite
def split_series(draw):
    subject = "Giảm tỷ lệ trẻ dưới 5 tuổi bị suy dinh dưỡng thể béo phì"
    rural, urban = draw(values), draw(values)
    words = draw(st.sampled_from([("nông thôn", "thành thị"), ("ngoại thành", "nội thành")]))
    before = draw(st.booleans())
    if before:
        body = f"{words[0]} dưới {written(rural, stray_dot=False)}%, {words[1]} dưới " \
               f"{written(urban, stray_dot=False)}%"
    else:
        body = f"xuống dưới {written(rural, stray_dot=False)}% đối với {words[0]} và dưới " \
               f"{written(urban, stray_dot=False)}% đối với {words[1]}"
    sentence = f"{subject} {body} vào năm 2030"
    return "4c", sentence, {("4c", 2030, "rural"): ("<", rural, None),
                            ("4c", 2030, "urban"): ("<", urban, None)}


@st.composite
def range_series(draw):
    low = draw(values)
    high = low + draw(values)
    low_text, high_text = written(low, stray_dot=False), written(high, stray_dot=False)
    form = draw(st.sampled_from(["từ {a} đến {b}%", "từ {a}% đến {b}%", "{a} - {b}%",
                                 "{a}–{b}%"]))
    span = form.format(a=low_text, b=high_text)
    sentence = (f"Duy trì mức giảm số cuộc tảo hôn {span} hằng năm giai đoạn từ năm 2025 "
                "đến năm 2030")
    expected = ("annual_change", -low, -high)
    return "13", sentence, {("13", 2025, "all"): expected, ("13", 2030, "all"): expected}


def document(items: list[tuple[str, str]], *, separator: str, bold: bool, width: int) -> str:
    lines = ["KẾ HOẠCH", "Thực hiện Chương trình hành động vì trẻ em giai đoạn 2021 - 2030",
             "I. MỤC TIÊU", "2. Mục tiêu cụ thể"]
    for number, sentence in items:
        item = f"- Chỉ tiêu {number}: {sentence}."
        if bold:
            item = f"**{item}**"
        # Break the item at spaces, as gazette copies do.
        words, line = item.split(" "), ""
        for word in words:
            if line and len(line) + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    lines.append("II. NHIỆM VỤ VÀ GIẢI PHÁP")
    text = "\n".join(lines)
    return text.replace("; ", separator)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(series(), split_series(), range_series()), min_size=1, max_size=4,
                unique_by=lambda s: s[0]),
       st.sampled_from(["; ", ": "]), st.booleans(), st.integers(min_value=25, max_value=90))
def test_generated_target_sentences_are_read_back_exactly(chosen, separator, bold, width):
    items = [(str(INDICATOR.get(code, code.rstrip("abc"))), sentence)
             for code, sentence, _ in chosen]
    expected = {key: value for _, _, targets in chosen for key, value in targets.items()}
    plan = read_plan(document(items, separator=separator, bold=bold, width=width), CATALOGUE)
    assert {(t.measure, t.year, t.area): (t.comparator, t.value, t.value_high)
            for t in plan.targets} == expected
    assert plan.unmapped == []


@settings(max_examples=60, deadline=None)
@given(series(), series())
def test_two_series_joined_by_a_colon_or_semicolon_read_as_two(first, second):
    if first[0] == second[0] or {first[0], second[0]} == {"3a", "3c"}:
        return
    for separator in ("; ", ": "):
        sentence = f"{first[1]}{separator}{second[1][0].lower()}{second[1][1:]}"
        plan = read_plan(document([("1", sentence)], separator="; ", bold=False, width=200),
                         CATALOGUE)
        assert {(t.measure, t.year, t.area): (t.comparator, t.value, t.value_high)
                for t in plan.targets} == {**first[2], **second[2]}
