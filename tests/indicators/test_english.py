"""With English active, a number typed wrong, a status and its reason, and the catalogue's
names come out in English; Vietnamese stays the default. The settings of this branch hold
Vietnamese alone, so the tests add English to LANGUAGES themselves."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from indicators.models import Measure, UnitKind
from indicators.numbers import NumberFormatError, parse_number
from indicators.progress import TargetSpec, assess


def english():
    return (override_settings(LANGUAGES=[("vi", "Tiếng Việt"), ("en", "English")]),
            translation.override("en"))


def test_a_number_typed_wrong_is_explained_in_english_then_vietnamese():
    settings, language = english()
    with settings, language, pytest.raises(NumberFormatError) as refused:
        parse_number("1,2,3", kind="percent", field="Indicator 5a")
    # In English the comma separates thousands: "1,2,3" has them in the wrong places.
    assert str(refused.value).startswith("Indicator 5a: «1,2,3» has a thousands separator in the "
                                         "wrong place: each separator must be followed by "
                                         "exactly three digits")
    with pytest.raises(NumberFormatError, match="có nhiều dấu phẩy"):
        parse_number("1,2,3", kind="percent", field="Chỉ tiêu 5a")


def test_a_status_and_its_reason_in_english_and_in_vietnamese():
    target = TargetSpec(2025, "<", Decimal("9.5"))
    series = [(2021, Decimal("12")), (2023, Decimal("11"))]
    settings, language = english()
    with settings, language:
        judged = assess(series, target, direction="decrease")
        english_label, english_reason = judged.label, judged.reason
    vietnamese = assess(series, target, direction="decrease")
    assert english_label == {"on_track": "On track", "acceleration_needed": "Needs acceleration",
                             "limited": "Limited progress"}[judged.status]
    assert english_reason.startswith("2023: 11, the target of below 9.5 for 2025 not yet")
    assert vietnamese.reason.startswith("Năm 2023: 11, chưa đạt mục tiêu dưới 9,5 năm 2025")


@pytest.mark.django_db
def test_catalogue_names_and_choice_labels_in_english():
    settings, language = english()
    with settings, language:
        assert str(Measure._meta.verbose_name_plural) == "measures"
        assert str(UnitKind.COUNT.label) == "count"
        assert str(Measure.objects.get(code="3a").indicator) == "Indicator 3"
    assert str(Measure.objects.get(code="3a").indicator) == "Chỉ tiêu 3"


@pytest.mark.parametrize(("text", "kind", "said"), [
    ("1,234", "percent", "if decimal, use a point (1.234); if thousands, drop the comma (1234)"),
    ("1.2.3", "decimal", "has several decimal points: the point is used once"),
    (".5", "decimal", "write 0.5 rather than .5"),
    ("1.5,3", "decimal", "has a comma after the decimal point"),
    ("9.5‰", "percent", "enter the percentage, e.g. 98.5."),
])
def test_a_refusal_in_english_shows_english_notation(text, kind, said):
    """The English messages speak of the signs an English reader types, and their examples and
    suggestions are written that way: a hint in Vietnamese notation would be refused."""
    settings, language = english()
    with settings, language, pytest.raises(NumberFormatError) as refused:
        parse_number(text, kind=kind)
    assert said in str(refused.value)
    examples = re.findall(r"\(([0-9][0-9.,]*)\)|e\.g\. ([0-9][0-9.,]*[0-9])",
                          str(refused.value))
    with settings, language:
        for example in examples:
            parse_number(next(part for part in example if part), kind="decimal")
