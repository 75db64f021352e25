"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium), no download."""

import datetime
import os
import shutil

import pytest

from tests.conftest import PASSWORD, load_seed, make_user

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    # A test outside tests/e2e that takes the browser (a parameter named "page" does) is run
    # among the browser tests, after whose database flush the seed is gone for those after it.
    strays = [item.nodeid for item in items if "e2e" not in str(item.fspath)
              and "browser_name" in getattr(getattr(item, "callspec", None), "params", {})]
    if strays:
        raise pytest.UsageError(f"Browser fixtures outside tests/e2e: {strays[:5]}")
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        return
    if os.environ.get("CHILDPLAN_REQUIRE_BROWSER"):
        raise pytest.UsageError(
            f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium).")
    skip = pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM}")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ]}


@pytest.fixture
def seeded(transactional_db):
    """live_server tests run in a flushed database: load the seed again for each."""
    load_seed()


def signed_in(browser, live_server, username: str, width: int = 1280):
    """A page of a new browser context (its own cookies) signed in as `username`."""
    page = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900}).new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/ke-hoach/")
    return page


@pytest.fixture
def sign_in(page, live_server):
    def do(username: str, password: str):
        page.goto(f"{live_server.url}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/ke-hoach/")
    return do


@pytest.fixture
def portal(seeded, live_server):
    """A 2026 cycle of the Trà Vinh plan, approved national figures, and the personas: alice
    (reporter of Sở Y tế Trà Vinh), bob (reviewer of the office the plan names), an
    (administrator). The page walks of test_accessibility and test_csp read it."""
    from django.utils import timezone

    from agencies.models import AdminUnit, Agency
    from childplan.models import Plan
    from indicators.models import Measure
    from progress.rollup import rollup_rebuild
    from progress.services import snapshots_recompute
    from reporting.services import cycle_open
    from tests.progress.factories import commune, figure

    national = Plan.objects.get(key="national-2021")
    vinh_long = AdminUnit.objects.get(level="province", code="86", valid_to=None)
    vaccination = Measure.objects.get(code="5a")
    for name, numerators in (("Xã An Bình", (88, 92, 98)), ("Xã Hòa Ninh", (80, 78, 75))):
        unit = commune(vinh_long, name)
        for year, numerator in zip((2021, 2022, 2023), numerators, strict=True):
            figure(national, year, unit, vaccination, numerator, 100)
    rollup_rebuild()
    snapshots_recompute(plan=national)

    tra_vinh = Plan.objects.get(key="tra-vinh-2021")
    today = timezone.localdate()
    cycle = cycle_open(plan=tra_vinh, year=2026, opens_on=today - datetime.timedelta(days=30),
                       deadline=today + datetime.timedelta(days=10))
    health = Agency.objects.get(unit=tra_vinh.unit, name="Sở Y tế")
    make_user("alice", agency=health, role="reporter", first_name="Lan",
              last_name="Nguyễn Thị")
    make_user("bob", agency=tra_vinh.consolidating_agency, role="reviewer")
    make_user("an", is_staff=True, is_superuser=True)
    return {"national": national, "vinh_long": vinh_long, "vaccination": vaccination,
            "tra_vinh": tra_vinh, "cycle": cycle, "report": cycle.reports.get(agency=health)}
