"""With English active, the plan pages' messages come out in English; Vietnamese stays the
default; the plan's own words (its title, its targets as worded) stay as written. The settings
of this branch hold Vietnamese alone, so the tests add English to LANGUAGES themselves."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from childplan.import_forms import PlanFactsForm
from childplan.models import AssignmentRole, Plan, Target
from childplan.passwords import MinimumLengthValidator
from indicators.models import Measure

pytestmark = pytest.mark.django_db


def english():
    return (override_settings(LANGUAGES=[("vi", "Tiếng Việt"), ("en", "English")]),
            translation.override("en"))


def target(**fields) -> Target:
    plan = Plan.objects.get(key="tra-vinh-2021")
    return Target(**{"plan": plan, "measure": Measure.objects.get(code="1"), "year": 2035,
                     "comparator": ">=", "value": Decimal(70), **fields})


def test_a_target_outside_the_period_is_refused_in_english_then_vietnamese():
    settings, language = english()
    with settings, language, pytest.raises(ValidationError) as refused:
        target().full_clean()
    assert refused.value.message_dict["year"] == [
        "Year 2035 is outside the plan's period (2021–2030)."]
    with pytest.raises(ValidationError) as refused:
        target().full_clean()
    assert refused.value.message_dict["year"] == [
        "Năm 2035 nằm ngoài giai đoạn của kế hoạch (2021–2030)."]


def test_the_import_form_names_the_field_in_english():
    settings, language = english()
    with settings, language:
        form = PlanFactsForm({"kind": "Kế hoạch", "title": "Kế hoạch thử", "issuer": "UBND",
                              "key": "thu", "period_start": "2030", "period_end": "2025"})
        assert not form.is_valid()
        assert form.errors["period_end"] == ["The end year must not come before the start year."]
        assert str(form.fields["issuer"].label) == "Issuing body"


def test_names_labels_and_the_password_rule_in_english_while_the_plan_stays_as_written():
    plan = Plan.objects.get(key="tra-vinh-2021")
    settings, language = english()
    with settings, language:
        assert str(Plan._meta.verbose_name_plural) == "plans"
        assert str(AssignmentRole.LEAD.label) == "Lead"
        assert MinimumLengthValidator(min_length=12).get_help_text() == (
            "The password needs at least 12 characters.")
        worded_in_english = [t.display for t in plan.targets.order_by("pk")[:20]]
    # A target reads as the plan worded it ("dưới 9,5", "đạt 97"), whatever the language.
    assert worded_in_english == [t.display for t in plan.targets.order_by("pk")[:20]]
    assert any(w.startswith(("dưới", "đạt", "duy trì", "xuống")) for w in worded_in_english)
    assert str(AssignmentRole.LEAD.label) == "Chủ trì"
    assert MinimumLengthValidator(min_length=12).get_help_text() == (
        "Mật khẩu cần ít nhất 12 ký tự.")
