"""The five seed documents, read and compared with their hand transcriptions."""

import datetime
from decimal import Decimal

import pytest

from tests.childplan.plan_reader_support import (
    expected_targets,
    national_catalogue,
    read_seed,
    read_targets,
    seed_spec,
)


@pytest.fixture(scope="module")
def tra_vinh():
    return read_seed("tra-vinh-2021")


@pytest.fixture(scope="module")
def trieu_son():
    return read_seed("trieu-son-2021")


@pytest.mark.parametrize("key", ["tra-vinh-2021", "trieu-son-2021"])
def test_it_reads_every_target_as_the_document_sets_it(key):
    assert read_targets(read_seed(key)) == expected_targets(key)


@pytest.mark.parametrize("key", ["tra-vinh-2021", "trieu-son-2021"])
def test_it_reads_every_assignment_as_the_document_gives_it(key):
    read = [(a.agency, a.indicators, a.role) for a in read_seed(key).assignments]
    expected = [(a["agency"], a["indicators"], a["role"]) for a in seed_spec(key)["assignments"]]
    assert read == expected


@pytest.mark.parametrize("key", ["tra-vinh-2021", "trieu-son-2021"])
def test_it_maps_every_target_of_the_national_programme(key):
    assert read_seed(key).unmapped == []


def test_it_reads_the_tra_vinh_header(tra_vinh):
    assert tra_vinh.number == "2221/QĐ-UBND"
    assert tra_vinh.date == datetime.date(2021, 10, 7)
    assert tra_vinh.issuer == "UBND tỉnh Trà Vinh"
    assert tra_vinh.period == (2021, 2030)
    assert tra_vinh.kind == "Quyết định"
    assert tra_vinh.consolidating_office == "Sở Lao động - Thương binh và Xã hội"
    assert tra_vinh.deadline is None


def test_it_leaves_blank_what_the_trieu_son_header_leaves_blank(trieu_son):
    assert trieu_son.number == ""
    assert trieu_son.date is None
    assert trieu_son.issuer == "UBND huyện Triệu Sơn"
    assert trieu_son.period == (2021, 2030)
    assert trieu_son.consolidating_office == "Phòng Lao động - Thương binh và Xã hội"
    assert trieu_son.deadline == "20/11"


def test_it_joins_sentences_the_tra_vinh_copy_breaks_across_lines(tra_vinh):
    neonatal = [t for t in tra_vinh.targets if t.measure == "3a"]
    assert neonatal[0].text == ("Giảm tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống dưới "
                                "1,9 vào năm 2025 và duy trì đến năm 2030")
    assert [t.wording for t in neonatal] == ["dưới", "duy trì"]
    assert {t.unit for t in neonatal} == {"‰"}


def test_it_reads_percent_written_for_per_thousand_as_per_thousand(trieu_son):
    neonatal = next(t for t in trieu_son.targets if t.measure == "3a" and t.year == 2025)
    assert (neonatal.value, neonatal.unit, neonatal.sure) == (Decimal("2.5"), "‰", True)
    assert "‰" in neonatal.notes[0]


def test_it_marks_a_target_without_a_year_as_unsure(tra_vinh):
    disasters = [t for t in tra_vinh.targets if t.measure == "12"]
    assert [(t.year, t.sure) for t in disasters] == [(2025, False), (2030, False)]
    assert all(t.sure for t in tra_vinh.targets if t.measure != "12")


def test_it_reads_the_annual_fall_of_child_marriage_as_negative(trieu_son):
    marriage = [t for t in trieu_son.targets if t.measure == "13"]
    assert {(t.comparator, t.value, t.value_high) for t in marriage} == {
        ("annual_change", Decimal(-1), Decimal(-2))}


def test_it_reads_dien_bien_phu_targets_written_without_chi_tieu():
    plan = read_seed("dien-bien-phu-2021")
    read = read_targets(plan)
    assert read == {key: value for key, value in expected_targets("dien-bien-phu-2021").items()
                    if key in read}
    assert set(read) == {("8a", 2025, "all"), ("8b", 2025, "all"), ("12", 2025, "all"),
                         ("22", 2025, "all"), ("23", 2025, "all"), ("24", 2025, "all")}
    assert plan.period == (2021, 2025)
    assert plan.deadline == "20/11"
    assert any(u.startswith("Có từ 0,4 - 0,7% trẻ em có nguy cơ cao") for u in plan.unmapped)
    assert len(plan.unmapped) == 9


def test_it_lists_dong_thap_local_targets_as_unmapped_and_maps_the_rest():
    plan = read_seed("dong-thap-2013")
    assert read_targets(plan) == {("1", 2015, "all"): (">", Decimal(90), None)}
    assert plan.unmapped[0] == "Phấn đấu mỗi năm giảm 5% số vụ trẻ em bị xâm hại tình dục"
    assert plan.deadline == "15/11"
    assert plan.issuer == "UBND tỉnh Đồng Tháp"
    # The document states no period; the reader does not make one up.
    assert plan.period == (None, None)


def test_it_reads_no_numeric_target_from_the_khanh_hoa_plan():
    plan = read_seed("khanh-hoa")
    assert plan.targets == []
    assert plan.unmapped == []
    assert plan.issuer == "UBND tỉnh Khánh Hòa"
    assert plan.consolidating_office == "Sở Lao động - Thương binh và Xã hội"


@pytest.mark.parametrize("key", ["dien-bien-phu-2021", "dong-thap-2013", "khanh-hoa"])
def test_it_names_only_agencies_the_document_names(key):
    named = {a["agency"] for a in seed_spec(key)["assignments"]}
    read = [a.agency for a in read_seed(key).assignments]
    assert read and set(read) <= named


@pytest.mark.parametrize("key", ["dien-bien-phu-2021", "dong-thap-2013", "khanh-hoa"])
def test_it_invents_no_header_fact(key):
    spec, plan = seed_spec(key), read_seed(key)
    assert plan.number == spec["number"]
    assert plan.date is None and spec["issued_on"] is None
    assert plan.issuer == spec["issuer"]
    assert plan.period in ((None, None), tuple(spec["period"] or (None, None)))
    assert plan.consolidating_office == spec["consolidating_agency"]["name"]
    assert plan.deadline == spec["deadline"]


@pytest.mark.parametrize("key", ["dien-bien-phu-2021", "dong-thap-2013"])
def test_it_proposes_the_plans_own_measures_with_their_targets(key):
    """Once the officer accepts the measures proposed, at least 90 % of the plan's targets
    on its own measures are read (the proposals' codes are the reader's, L1, L2 …)."""
    plan = read_seed(key)
    typed = [(t["year"], t.get("area", "all"), t["comparator"], Decimal(str(t["value"])))
             for t in seed_spec(key)["targets"] if t["measure"] not in
             {m.code for m in national_catalogue()}]
    read = [(t.year, t.area, t.comparator, t.value) for t in plan.local_targets]
    matched = sum(min(typed.count(row), read.count(row)) for row in set(typed))
    assert matched >= 0.9 * len(typed)
    assert matched >= 0.9 * len(read)
    assert all(not t.sure and t.measure.startswith("L") for t in plan.local_targets)
    codes = {m["code"] for m in plan.local_measures}
    assert {t.measure for t in plan.local_targets} <= codes


def test_a_proposed_measure_says_what_it_measures_in_its_unit():
    plan = read_seed("dong-thap-2013")
    by_text = {m["text"]: m for m in plan.local_measures}
    abuse = by_text["Phấn đấu mỗi năm giảm 5% số vụ trẻ em bị xâm hại tình dục"]
    assert (abuse["name"], abuse["unit_kind"], abuse["direction"]) == (
        "Số vụ trẻ em bị xâm hại tình dục", "annual_change", "decrease")
