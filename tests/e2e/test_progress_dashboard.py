from tests.conftest import PASSWORD, make_user


def test_an_officer_reads_statuses_and_the_measure_chart_with_its_target(
        seeded, page, live_server, sign_in):
    from agencies.models import AdminUnit
    from childplan.models import Plan
    from indicators.models import Measure
    from progress.rollup import rollup_rebuild
    from progress.services import snapshots_recompute
    from tests.progress.factories import commune, figure

    plan = Plan.objects.get(key="national-2021")
    vinh_long = AdminUnit.objects.get(level="province", code="86", valid_to=None)
    vaccination = Measure.objects.get(code="5a")
    unit = commune(vinh_long, "Xã An Bình")
    for year, numerator in ((2021, 88), (2022, 92), (2023, 98)):
        figure(plan, year, unit, vaccination, numerator, 100)
    rollup_rebuild()
    snapshots_recompute(plan=plan)
    tra_vinh = Plan.objects.get(key="tra-vinh-2021")
    make_user("bob", agency=tra_vinh.consolidating_agency, role="reviewer")
    sign_in("bob", PASSWORD)

    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    page.get_by_role("link", name="Xem tiến độ thực hiện các chỉ tiêu →").click()
    row = page.locator("tr[data-measure='5a']")
    assert row.get_attribute("data-status") == "achieved"
    assert "Đã đạt" in row.inner_text()
    assert "98" in row.inner_text()
    assert "Chưa có số liệu" in page.locator("tr[data-measure='9']").inner_text()

    row.get_by_role("link").click()
    chart = page.locator("#series-chart")
    chart.locator(".main-svg").first.wait_for()
    # The plotted series and the target markers are drawn by plotly.js from static files.
    assert page.locator("#series-chart .scatterlayer .trace").count() >= 2
    assert "Mục tiêu 2025" in chart.inner_text()
    page.goto(f"{live_server.url}/tien-do/{plan.pk}/chi-tieu/{vaccination.pk}/?unit={vinh_long.pk}")
    bars = page.locator("#units-chart")
    bars.locator(".main-svg").first.wait_for()
    assert bars.locator(".shapelayer path").count() >= 1  # the target line
    assert "Xã An Bình" in bars.inner_text()
