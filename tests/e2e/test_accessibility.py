"""Every page type in Chromium as a phone (390 px) and a desktop would show it: axe-core finds
no serious or critical WCAG 2.2 AA violation, and no page is wider than the screen (a wide
table scrolls inside its own box, keeping its first column in view)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path(os.environ.get("CHILDPLAN_SCREENSHOTS", "/tmp/childplan-screenshots"))
# What axe checks: WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
BLOCKING = ("serious", "critical")


def signed_in(browser, live_server, username: str | None, viewport: dict):
    page = browser.new_context(locale="vi-VN", viewport=viewport).new_page()
    if username:
        page.goto(f"{live_server.url}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/ke-hoach/")
    return page


def page_types(portal) -> dict[str, list[tuple[str, str]]]:
    """Who opens which page: one page of each type the site has."""
    national, tra_vinh, cycle = portal["national"], portal["tra_vinh"], portal["cycle"]
    report, vaccination = portal["report"], portal["vaccination"]
    progress = f"/tien-do/{national.pk}/"
    return {
        None: [("sign-in", "/dang-nhap/"), ("not found", "/khong-co-trang-nay/"),
               ("password reset", "/tai-khoan/quen-mat-khau/")],
        "alice": [("plans", "/ke-hoach/"), ("plan", f"/ke-hoach/{tra_vinh.pk}/"),
                  ("measure", f"/chi-tieu/{vaccination.pk}/"),
                  ("my reports", "/bao-cao/"), ("form", f"/bao-cao/{report.pk}/nhap/"),
                  ("report", f"/bao-cao/{report.pk}/"),
                  ("upload", f"/bao-cao/{report.pk}/excel/tai-len/"),
                  ("tokens", "/tai-khoan/ma-api/"), ("api docs", "/api/v1/docs/"),
                  ("password", "/tai-khoan/doi-mat-khau/"),
                  ("method not allowed", f"/bao-cao/{report.pk}/nop/")],
        "bob": [("review queue", "/bao-cao/duyet/"), ("cycle", f"/bao-cao/ky/{cycle.pk}/"),
                ("rule violations", f"/bao-cao/ky/{cycle.pk}/quy-tac/"),
                ("deadlines", f"/bao-cao/ky/{cycle.pk}/han-nop/"),
                ("dashboard", progress),
                ("measure chart",
                 f"{progress}chi-tieu/{vaccination.pk}/?unit={portal['vinh_long'].pk}"),
                ("agency progress",
                 f"/tien-do/{tra_vinh.pk}/co-quan/{report.agency_id}/")],
        "an": [("plan import", "/ke-hoach/nhap/"), ("accounts", "/quan-ly/nguoi-dung/"),
               ("successor plan", f"/ke-hoach/{tra_vinh.pk}/ke-nhiem/"),
               ("new account", "/quan-ly/nguoi-dung/them/")],
    }


def blocking(results) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in results.response["violations"] if v["impact"] in BLOCKING]


def settle(page) -> None:
    page.wait_for_load_state("load")
    if page.locator(".plotly-chart").count():
        page.locator(".plotly-chart .main-svg").first.wait_for()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_type_passes_axe_and_fits_the_screen(portal, browser, live_server, viewport):
    axe = Axe()
    found: dict[str, list[str]] = {}
    SHOTS.mkdir(parents=True, exist_ok=True)
    for username, pages in page_types(portal).items():
        page = signed_in(browser, live_server, username, viewport)
        for name, path in pages:
            page.goto(f"{live_server.url}{path}")
            settle(page)
            problems = blocking(axe.run(page, options=AXE_OPTIONS))
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                problems.append(f"page is {width} px wide on a {viewport['width']} px screen")
            if problems:
                found[f"{name} {path}"] = problems
            page.screenshot(path=SHOTS / f"{viewport['width']}-{name.replace(' ', '-')}.png",
                            full_page=True)
        page.context.close()
    assert not found, "\n".join(f"{page}: {problem}" for page, problems in found.items()
                                 for problem in problems)
