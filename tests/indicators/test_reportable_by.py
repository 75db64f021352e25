"""Which measures each level of reporting unit can be asked for (Measure.objects.reportable_by)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from indicators.models import Measure, ReportingLevel, SourceKind

pytestmark = pytest.mark.django_db

SURVEY_ONLY = {"3b", "3c", "4a", "4b", "4c", "10", "15"}
NATIONAL_ONLY = {"10", "15"}
COMMUNE = {"1", "5a", "5b", "8a", "8b", "9", "11b", "12", "14", "16", "21", "22", "23", "24"}


def _codes(queryset) -> set[str]:
    return set(queryset.national().values_list("code", flat=True))


def test_the_survey_only_measures_are_those_of_the_surveys():
    assert _codes(Measure.objects.filter(source_kind=SourceKind.SURVEY)) == SURVEY_ONLY


def test_a_commune_is_asked_only_what_communes_record_and_never_a_survey_figure():
    codes = _codes(Measure.objects.reportable_by("commune"))
    assert codes == COMMUNE
    assert not codes & SURVEY_ONLY


@pytest.mark.parametrize("level", ["province", "district"])
def test_a_province_agency_reports_all_but_the_national_only_surveys(level):
    everything = _codes(Measure.objects.all())
    assert _codes(Measure.objects.reportable_by(level)) == everything - NATIONAL_ONLY
    # Surveys with provincial estimates are entered by the province.
    assert {"3b", "4a"} <= _codes(Measure.objects.reportable_by(level))


@pytest.mark.parametrize("level", ["national", "nation"])
def test_the_nation_reports_every_measure(level):
    assert len(_codes(Measure.objects.reportable_by(level))) == 34


def test_an_unknown_level_is_an_error_naming_it():
    with pytest.raises(ValueError, match="«huyện»"):
        Measure.objects.reportable_by("huyện")


def test_a_local_measure_nobody_described_is_not_asked_of_communes():
    local = Measure.objects.filter(plan__key="dien-bien-phu-2021").first()
    assert local.lowest_level == ReportingLevel.PROVINCE
    assert not Measure.objects.reportable_by("commune").filter(pk=local.pk).exists()
    assert Measure.objects.reportable_by("province").filter(pk=local.pk).exists()


def test_a_survey_figure_cannot_be_marked_as_reported_by_communes():
    measure = Measure.objects.get(code="4a", plan=None)
    measure.lowest_level = ReportingLevel.COMMUNE
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "Số liệu điều tra không có ở cấp xã" in str(error.value)
