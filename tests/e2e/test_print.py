"""A leader prints a dashboard: A4 pages with the figures and charts, no navigation."""

import io

from tests.conftest import PASSWORD, make_user


def test_a_dashboard_prints_on_a4_without_the_navigation(seeded, page, live_server, sign_in):
    from pypdf import PdfReader

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
    make_user("vy", agency=vinh_long.agencies.first() or plan.consolidating_agency,
              role="viewer")
    sign_in("vy", PASSWORD)

    page.goto(f"{live_server.url}/tien-do/{plan.pk}/")
    page.emulate_media(media="print")
    assert not page.locator("header.topbar").is_visible()
    assert not page.locator("footer").is_visible()
    assert page.locator("tr[data-measure='5a']").is_visible()
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(
        '"Times New Roman"')
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in reader.pages}
    assert sizes == {(595, 842)}  # A4 portrait, as print.css asks
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Tiến độ thực hiện các chỉ tiêu" in text and "Đăng xuất" not in text

    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/tien-do/{plan.pk}/chi-tieu/{vaccination.pk}/")
    chart = page.locator("#series-chart")
    chart.locator(".main-svg").first.wait_for()
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(300)
    width = chart.bounding_box()["width"]
    assert 600 <= width <= 660  # 170 mm at 96 px an inch: the width of the text on A4
    page.screenshot(path="/tmp/papers-out/print-measure.png", full_page=True)
