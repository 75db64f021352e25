"""Which figures count (Value.objects.counted): the one rule every output reads through."""

import datetime
from decimal import Decimal

import pytest

from agencies.models import Agency
from indicators.models import Measure
from reporting.models import Report, ReportingCycle, Value

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2024, 11, 25, 3, 0, tzinfo=datetime.UTC)


def cycle(plan, year, kind="annual"):
    found, _ = ReportingCycle.objects.get_or_create(
        plan=plan, year=year, kind=kind,
        defaults={"opens_on": datetime.date(year, 10, 1),
                  "deadline": datetime.date(year, 11, 20)})
    return found


def filed(plan, year, agency_name, figures, *, status="approved", kind="annual", reviewed=AT,
          unit=None):
    unit = unit or plan.unit
    agency, _ = Agency.objects.get_or_create(unit=unit, name=agency_name,
                                             defaults={"sector": "yte"})
    report = Report.objects.create(cycle=cycle(plan, year, kind), agency=agency, unit=unit,
                                   status=status, reviewed_at=reviewed)
    for code, value in figures.items():
        Value.objects.create(report=report, measure=Measure.objects.get(code=code),
                             value=None if value is None else Decimal(value))
    return report


def counted(plan, **kwargs):
    return sorted((v.report.cycle.year, v.measure.code, v.report.agency.name, v.value)
                  for v in Value.objects.counted(plan, **kwargs).select_related(
                      "report__cycle", "report__agency", "measure"))


def test_only_approved_figures_of_annual_and_review_cycles_count(tra_vinh_plan):
    filed(tra_vinh_plan, 2024, "Sở Y tế", {"6": "1.6"})
    filed(tra_vinh_plan, 2024, "Sở Tư pháp", {"14": "98"}, status="submitted")
    filed(tra_vinh_plan, 2023, "Sở Tư pháp", {"14": "97"}, status="returned")
    filed(tra_vinh_plan, 2022, "Sở Tư pháp", {"14": "96"}, status="draft")
    filed(tra_vinh_plan, 2024, "Sở Tư pháp", {"14": "95"}, kind="adhoc")
    filed(tra_vinh_plan, 2025, "Sở Y tế", {"6": "1.4"}, kind="midterm")
    filed(tra_vinh_plan, 2025, "Sở Tư pháp", {"14": "99"}, kind="midterm", status="submitted")
    assert counted(tra_vinh_plan) == [(2024, "6", "Sở Y tế", Decimal("1.6")),
                                      (2025, "6", "Sở Y tế", Decimal("1.4"))]


def test_a_review_s_figure_counts_only_where_the_year_s_annual_cycle_gives_none(
        tra_vinh_plan):
    # Reviewed after the annual report: the annual figure still wins over the review's.
    later = AT + datetime.timedelta(days=30)
    filed(tra_vinh_plan, 2025, "Sở Y tế", {"6": "1.5", "5a": "96"})
    filed(tra_vinh_plan, 2025, "Sở Y tế", {"6": "1.4", "5a": None, "3a": "8.1"},
          kind="midterm", reviewed=later)
    filed(tra_vinh_plan, 2025, "Sở Lao động", {"8a": "2.5"}, kind="midterm")
    filed(tra_vinh_plan, 2030, "Sở Y tế", {"6": "0.9"}, kind="final")
    assert counted(tra_vinh_plan) == [
        (2025, "3a", "Sở Y tế", Decimal("8.1")),  # the annual report does not give it
        (2025, "5a", "Sở Y tế", Decimal("96")),  # the review's box is empty
        (2025, "6", "Sở Y tế", Decimal("1.5")),  # the annual figure
        (2025, "8a", "Sở Lao động", Decimal("2.5")),
        (2030, "6", "Sở Y tế", Decimal("0.9")),  # the final review, no annual 2030 yet
    ]
    overtaken = Value.objects.overtaken_ids(tra_vinh_plan)
    assert set(overtaken) == set(Value.objects.overtaken(tra_vinh_plan))
    assert set(Value.objects.counted(tra_vinh_plan)) == set(
        Value.objects.counted(tra_vinh_plan, overtaken=overtaken))
    assert counted(tra_vinh_plan, units=[tra_vinh_plan.unit_id], years=[2025]) == counted(
        tra_vinh_plan, years=[2025])


def test_of_two_agencies_co_leading_a_measure_the_last_reviewed_counts(tra_vinh_plan):
    later = AT + datetime.timedelta(days=2)
    filed(tra_vinh_plan, 2024, "Sở Y tế", {"6": "1.6", "5a": "96"}, reviewed=later)
    filed(tra_vinh_plan, 2024, "Sở Lao động", {"6": "1.9", "8a": "2"})
    # Reviewed at the same moment: the last filed wins.
    filed(tra_vinh_plan, 2023, "Sở Y tế", {"6": "1.7"})
    filed(tra_vinh_plan, 2023, "Sở Lao động", {"6": "2.0"})
    assert counted(tra_vinh_plan) == [
        (2023, "6", "Sở Lao động", Decimal("2.0")),
        (2024, "5a", "Sở Y tế", Decimal("96")),
        (2024, "6", "Sở Y tế", Decimal("1.6")),
        (2024, "8a", "Sở Lao động", Decimal("2")),  # a measure only one of them gives
    ]


def test_an_empty_box_never_counts_nor_hides_another_figure(tra_vinh_plan):
    filed(tra_vinh_plan, 2024, "Sở Y tế", {"6": None}, reviewed=AT + datetime.timedelta(1))
    filed(tra_vinh_plan, 2024, "Sở Lao động", {"6": "1.9"})
    assert counted(tra_vinh_plan) == [(2024, "6", "Sở Lao động", Decimal("1.9"))]


def test_years_limit_the_cycles_read_and_other_plans_never_mix(tra_vinh_plan, trieu_son_plan):
    filed(tra_vinh_plan, 2023, "Sở Y tế", {"6": "1.7"})
    filed(tra_vinh_plan, 2024, "Sở Y tế", {"6": "1.6"})
    filed(trieu_son_plan, 2024, "Phòng Y tế", {"6": "0.5"})
    assert counted(tra_vinh_plan, years=[2024]) == [(2024, "6", "Sở Y tế", Decimal("1.6"))]
    assert counted(trieu_son_plan.pk) == [(2024, "6", "Phòng Y tế", Decimal("0.5"))]


def test_last_year_s_figure_beside_the_form_is_the_one_that_counted(tra_vinh_plan):
    filed(tra_vinh_plan, 2024, "Sở Y tế", {"6": "1.6"})
    filed(tra_vinh_plan, 2024, "Sở Lao động", {"6": "1.9"}, reviewed=AT + datetime.timedelta(1))
    filed(tra_vinh_plan, 2025, "Sở Y tế", {"6": "1.5"}, kind="midterm")
    filed(tra_vinh_plan, 2025, "Sở Y tế", {"6": "1.3"}, kind="adhoc")
    report = filed(tra_vinh_plan, 2026, "Sở Y tế", {}, status="draft")
    earlier = report.earlier_values([Measure.objects.get(code="6")])
    assert {year: v.value for year, v in earlier[Measure.objects.get(code="6").pk].items()} == {
        2024: Decimal("1.9"), 2025: Decimal("1.5")}


def test_it_reads_in_a_pinned_number_of_queries(tra_vinh_plan, django_assert_num_queries):
    filed(tra_vinh_plan, 2024, "Sở Y tế", {"6": "1.6"})
    filed(tra_vinh_plan, 2024, "Sở Lao động", {"6": "1.9"})
    with django_assert_num_queries(1):
        assert len(list(Value.objects.counted(tra_vinh_plan))) == 1


def test_the_overtaken_figures_read_first_give_the_same_figures(tra_vinh_plan):
    filed(tra_vinh_plan, 2024, "Sở Y tế", {"6": "1.6", "5a": "96"})
    filed(tra_vinh_plan, 2024, "Sở Lao động", {"6": "1.9"}, reviewed=AT + datetime.timedelta(1))
    filed(tra_vinh_plan, 2023, "Sở Y tế", {"6": "1.7"})
    overtaken = Value.objects.overtaken_ids(tra_vinh_plan)
    assert len(overtaken) == 1 and set(overtaken) == set(Value.objects.overtaken(tra_vinh_plan))
    assert set(Value.objects.counted(tra_vinh_plan)) == set(
        Value.objects.counted(tra_vinh_plan, overtaken=overtaken))
    assert set(Value.objects.counted(tra_vinh_plan, years=[2023])) == set(
        Value.objects.counted(tra_vinh_plan, years=[2023], overtaken=[]))


def test_units_limit_the_reports_read_and_keep_each_unit_s_choice(tra_vinh_plan):
    from agencies.models import AdminUnit

    commune = AdminUnit.objects.exclude(pk=tra_vinh_plan.unit_id).first()  # another unit
    filed(tra_vinh_plan, 2024, "Sở Y tế", {"6": "1.6"})
    filed(tra_vinh_plan, 2024, "Sở Lao động", {"6": "1.9"}, reviewed=AT + datetime.timedelta(1))
    filed(tra_vinh_plan, 2024, "UBND xã", {"6": "2.2"}, unit=commune)
    assert counted(tra_vinh_plan, units=[tra_vinh_plan.unit_id]) == [
        (2024, "6", "Sở Lao động", Decimal("1.9"))]
    assert counted(tra_vinh_plan, units=[commune.pk]) == [(2024, "6", "UBND xã", Decimal("2.2"))]
    assert set(Value.objects.counted(tra_vinh_plan, units=[commune.pk])) == set(
        Value.objects.counted(tra_vinh_plan).filter(report__unit=commune))
