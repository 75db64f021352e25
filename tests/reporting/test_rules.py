"""Validation rules across measures: a table of hand-made cases."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from reporting.rules import BLOCK, CONFIRM, Rule, RuleSyntaxError, parse_side, violations

MORTALITY = [
    Rule("3a", "le", "3b", BLOCK, "Tử vong sơ sinh không thể cao hơn tử vong dưới 1 tuổi."),
    Rule("3b", "le", "3c", BLOCK, "Tử vong dưới 1 tuổi không thể cao hơn dưới 5 tuổi."),
]
SHARES = [Rule("17a + 17b", "le", "100,0", CONFIRM, "Hoàn thành và bỏ học vượt 100%.")]


@pytest.mark.parametrize(("rules", "values", "broken"), [
    (MORTALITY, {"3a": D("4"), "3b": D("2.6"), "3c": D("3")}, ["3a"]),  # the case
    (MORTALITY, {"3a": D("1.9"), "3b": D("10.1"), "3c": D("15.2")}, []),
    (MORTALITY, {"3a": D("2"), "3b": D("2"), "3c": D("2")}, []),  # ≤ allows equal
    (MORTALITY, {"3a": D("5"), "3b": D("4"), "3c": D("3")}, ["3a", "3b"]),
    (MORTALITY, {"3a": D("4"), "3b": None, "3c": D("3")}, []),  # a side missing: skipped
    (MORTALITY, {"3a": D("4")}, []),
    (SHARES, {"17a": D("97.5"), "17b": D("2.4")}, []),
    (SHARES, {"17a": D("97.5"), "17b": D("2.6")}, ["17a + 17b"]),
    (SHARES, {"17a": D("97.5")}, []),
    ([Rule("1", "eq", "2", BLOCK, "")], {"1": D("3"), "2": D("3")}, []),
    ([Rule("1", "ne", "2", BLOCK, "")], {"1": D("3"), "2": D("3")}, ["1"]),
    ([Rule("1", "lt", "2", BLOCK, "")], {"1": D("3"), "2": D("3")}, ["1"]),
    ([Rule("1", "gt", "2", BLOCK, "")], {"1": D("4"), "2": D("3")}, []),
    ([Rule("1", "ge", "2", BLOCK, "")], {"1": D("2"), "2": D("3")}, ["1"]),
])
def test_it_finds_the_broken_rules(rules, values, broken):
    assert [v.rule.left for v in violations(rules, values)] == broken


def test_the_message_names_the_figures_compared():
    (found,) = violations(MORTALITY, {"3a": D("4"), "3b": D("2.6"), "3c": D("3")})
    assert found.text == ("Tử vong sơ sinh không thể cao hơn tử vong dưới 1 tuổi. "
                          "(3a = 4, 3b = 2,6; cần 3a ≤ 3b.)")
    assert found.blocks


@pytest.mark.parametrize(("text", "codes", "constant"), [
    ("3a", ("3a",), D(0)), ("17a + 17b", ("17a", "17b"), D(0)), ("100,0", (), D(100)),
    ("6 + 0,5", ("6",), D("0.5")), (" 11B ", ("11b",), D(0)), ("100", ("100",), D(0)),
])
def test_it_reads_a_side(text, codes, constant):
    side = parse_side(text)
    assert (side.codes, side.constant) == (codes, constant)


@pytest.mark.parametrize("text", ["", "3a - 3b", "3a * 2", "abc", "3aa", "+"])
def test_it_refuses_what_is_not_a_sum(text):
    with pytest.raises(RuleSyntaxError):
        parse_side(text)


def test_a_number_side_is_not_repeated_in_the_message():
    (found,) = violations(SHARES, {"17a": D("97.5"), "17b": D("2.6")})
    assert found.text == ("Hoàn thành và bỏ học vượt 100%. (17a + 17b = 100,1; "
                          "cần 17a + 17b ≤ 100,0.)")
    assert not found.blocks
