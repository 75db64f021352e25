"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium), no download."""

import os
import shutil

import pytest

from tests.conftest import load_seed

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
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


@pytest.fixture
def sign_in(page, live_server):
    def do(username: str, password: str):
        page.goto(f"{live_server.url}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/ke-hoach/")
    return do
