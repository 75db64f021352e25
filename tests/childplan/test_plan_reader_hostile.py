"""The plan reader on the texts that made it slow or large: it reads them as before, or refuses.

How long each takes is measured by scripts/bench_hostile.py, not here; these tests hold
what the reader reads from them, so that making a pattern linear changed nothing else.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from childplan.plan_reader import (
    MAX_TARGETS,
    ReadRefused,
    check_size,
    read_plan,
    sections,
)
from childplan.plan_reader.phrases import MAX_PHRASES, TOO_MANY, read_clause
from childplan.plan_reader.text import normalise
from tests.childplan.plan_reader_support import national_catalogue

CATALOGUE = national_catalogue()
DIGITS = "1" * 40_000
HEAD = "KẾ HOẠCH thực hiện giai đoạn 2021 - 2030\nII. MỤC TIÊU\n2. Mục tiêu cụ thể:\n"


def read(clause):
    return [(p.years, p.comparator, p.value, p.area) for p in read_clause(clause)]


def test_a_line_of_forty_thousand_digits_is_no_target_and_no_fact():
    plan = read_plan(f"KẾ HOẠCH\n{DIGITS}\nSố: {DIGITS}\nTrà Vinh, ngày {DIGITS}", CATALOGUE)
    assert (plan.targets, plan.number, plan.date) == ([], "", None)


@pytest.mark.parametrize("noise", [DIGITS, DIGITS + "a", "1." * 20_000, "1," * 20_000 + "x",
                                   "a1" * 20_000, DIGITS + " tuổi", DIGITS + "/"])
def test_a_long_run_of_digits_leaves_the_targets_around_it_as_they_were(noise):
    clause = f"giảm xuống dưới 5% vào năm 2025 {noise} và dưới 4% vào năm 2030"
    found = read(clause)
    assert found[0] == ([2025], "<", Decimal(5), "all")
    assert found[-1] == ([2030], "<", Decimal(4), "all")


def test_digits_followed_by_a_word_are_masked_as_before():
    assert read_clause(f"trẻ em dưới {DIGITS} tuổi đạt 5% năm 2025")[0].value == Decimal(5)
    assert read_clause(f"{DIGITS} loại vắc xin") == []
    assert read_clause(f"theo văn bản {DIGITS}/kh-ubnd") == []


@pytest.mark.parametrize("text, normalised", [
    ("\n\n## Mục tiêu\nđạt", "Mục tiêu\nđạt"),
    ("a\n\n  # b", "a\nb"),
    ("a\n" + "\n" * 40_000 + "b", "a\n" + "\n" * 40_000 + "b"),
    ("# \n# b", "b"),
    ("**Mục tiêu** __cụ thể__", "Mục tiêu cụ thể"),
])
def test_markdown_headings_are_dropped_with_the_blank_lines_before_them(text, normalised):
    assert normalise(text) == normalised


def test_a_document_number_or_an_office_name_has_a_length_bound():
    assert sections.plan_number(["Số: 2221/QĐ-UBND"]) == "2221/QĐ-UBND"
    assert sections.plan_number([f"Số: {DIGITS}/QĐ-UBND"]) == ""
    office = "(qua Sở Lao động - Thương binh và Xã hội để tổng hợp)"
    assert sections.consolidating_office([office]) == "Sở Lao động - Thương binh và Xã hội"
    assert sections.consolidating_office(["về Sở " + "Y tế " * 100 + "để tổng hợp"]) == ""


def test_a_clause_of_too_many_values_is_read_in_part_and_flagged():
    clause = "tử vong sơ sinh " + "dưới 9‰, " * (MAX_PHRASES + 50) + "năm 2025"
    phrases = read_clause(clause)
    assert MAX_PHRASES < len(phrases) <= 2 * MAX_PHRASES
    assert all(not p.sure and TOO_MANY in p.notes for p in phrases)


def test_a_value_named_for_year_after_year_is_flagged_after_twenty():
    years = " ".join(f"năm {2000 + n}" for n in range(30))
    phrases = read_clause(f"tử vong sơ sinh dưới 9‰ {years}")
    assert len(phrases) == 1 and len(phrases[0].years) == 20
    assert TOO_MANY in phrases[0].notes


def test_a_text_too_long_for_a_plan_is_refused_before_it_is_read():
    with pytest.raises(ReadRefused, match="Văn bản dài 11 ký tự, vượt giới hạn 10 ký tự"):
        check_size("x" * 11, max_characters=10)
    with pytest.raises(ReadRefused, match="Văn bản có 3 dòng, vượt giới hạn 2 dòng"):
        read_plan("a\nb\nc", CATALOGUE, max_lines=2)


def test_a_document_that_reads_as_more_targets_than_a_page_can_review_is_refused():
    item = "- Chỉ tiêu 3: Giảm tỷ suất tử vong trẻ sơ sinh xuống dưới {}‰ vào năm 2025.\n"
    text = HEAD + "".join(item.format(n) for n in range(MAX_TARGETS + 1))
    with pytest.raises(ReadRefused, match="Văn bản đọc ra hơn 500 mục tiêu"):
        read_plan(text, CATALOGUE)
    assert len(read_plan(HEAD + item.format(9) * 3, CATALOGUE).targets) == 3


def test_unmapped_sentences_are_listed_once_in_the_order_they_come():
    text = HEAD + "- Có 5% xã đạt chuẩn.\n- Có 6% hộ đạt.\n- Có 5% xã đạt chuẩn.\n"
    assert read_plan(text, CATALOGUE).unmapped == ["Có 5% xã đạt chuẩn", "Có 6% hộ đạt"]
