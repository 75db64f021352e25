"""The data-entry form and a dashboard in English on a 390 px phone: the switch in the header
is reached and used from the keyboard, the page fits the screen, the form's preview reads and
writes numbers the English way (1,234.5), axe-core finds no serious or critical violation,
and a screenshot of each is kept (CHILDPLAN_SCREENSHOTS)."""

from __future__ import annotations

from decimal import Decimal

from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_accessibility import AXE_OPTIONS, PHONE, SHOTS, blocking, settle, signed_in
from tests.e2e.test_form_numbers import CASES
from tests.indicators.test_numbers_english import SWAP

WIDTH = PHONE["width"]


def switch_to_english(page) -> None:
    """From the keyboard: Tab to the switch (after the menu), Enter."""
    switch = page.get_by_role("button", name="English")
    for _ in range(20):
        page.keyboard.press("Tab")
        if switch.evaluate("button => button === document.activeElement"):
            break
    else:
        raise AssertionError("the language switch cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"


def fits_and_passes_axe(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    header = page.locator("header.topbar").bounding_box()
    assert header["height"] <= 100
    for name in ("Sign out", "Tiếng Việt"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, name
    assert not blocking(Axe().run(page, options=AXE_OPTIONS))


def test_the_form_in_english_on_a_phone(portal, browser, live_server):
    page = signed_in(browser, live_server, "alice", PHONE)
    page.goto(f"{live_server.url}/bao-cao/{portal['report'].pk}/nhap/")
    switch_to_english(page)
    assert page.url.endswith(f"/bao-cao/{portal['report'].pk}/nhap/")  # back where it was

    card = page.locator("tr[data-measure='5a']")
    card.locator("[name$='_numerator']").fill("9,612")
    card.locator("[name$='_denominator']").fill("10,000")
    assert card.locator("output.computed").text_content() == "96.12"
    card.locator("[name$='_denominator']").fill("10.000,5")  # the Vietnamese way: refused
    assert card.locator("output.computed").text_content() == (
        "cannot be computed (check the numerator and denominator)")
    card.locator("[name$='_denominator']").fill("10,000")
    settle(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "phone-form-en.png", full_page=True)
    fits_and_passes_axe(page)
    assert page.get_by_role("button", name="Submit the report").is_visible()
    assert page.get_by_text("Nguyễn Thị Lan").get_attribute("lang") == "vi"


def test_the_dashboard_in_english_on_a_phone(portal, browser, live_server):
    page = signed_in(browser, live_server, "bob", PHONE)
    page.goto(f"{live_server.url}/tien-do/{portal['national'].pk}/")
    switch_to_english(page)
    settle(page)
    page.screenshot(path=SHOTS / "phone-dashboard-en.png", full_page=True)
    fits_and_passes_axe(page)
    assert page.get_by_role("heading", name="Progress of the measures").is_visible()
    page.goto(f"{live_server.url}/tien-do/{portal['national'].pk}/chi-tieu/"
              f"{portal['vaccination'].pk}/?unit={portal['vinh_long'].pk}")
    settle(page)
    page.screenshot(path=SHOTS / "phone-measure-en.png", full_page=True)
    fits_and_passes_axe(page)
    assert page.locator("#series-table caption").text_content().startswith(
        "Figures of the chart")


def test_in_english_the_page_reads_every_shared_case_swapped_as_the_server_does(
        portal, browser, live_server):
    """The shared table of cases with its two signs swapped, read by the page in English: the
    same values and refusals as the server's English (tests/indicators/test_numbers_english)."""
    page = signed_in(browser, live_server, "alice", PHONE)
    page.goto(f"{live_server.url}/bao-cao/{portal['report'].pk}/nhap/")
    switch_to_english(page)
    swapped = [{**case, "text": case["text"].translate(SWAP)} for case in CASES]
    read = page.evaluate("cases => cases.map(c => window.ChildPlanNumbers.parse(c.text, c.kind))",
                         swapped)
    wrong = [(case["text"], case["kind"], case["value"], got)
             for case, got in zip(swapped, read, strict=True)
             if (got is None) != (case["value"] is None)
             or (got is not None and Decimal(got) != Decimal(case["value"]))]
    assert wrong == []
