"""The data-entry form and the dashboard on a 390 px phone, and the form from the keyboard."""

from __future__ import annotations

import pytest

from tests.e2e.test_accessibility import PHONE, SHOTS, signed_in

WIDTH = PHONE["width"]


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def box_of(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None, "not displayed"
    return box


def test_the_form_is_one_card_per_measure_on_a_phone(portal, browser, live_server):
    page = signed_in(browser, live_server, "alice", PHONE)
    page.goto(f"{live_server.url}/bao-cao/{portal['report'].pk}/nhap/")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "phone-form.png")

    assert page_width(page) <= WIDTH
    header = box_of(page.locator("header.topbar"))
    assert header["height"] <= 100
    sign_out = box_of(page.get_by_role("button", name="Đăng xuất"))
    assert sign_out["x"] >= 0 and sign_out["x"] + sign_out["width"] <= WIDTH
    assert page.get_by_text("Nguyễn Thị Lan").is_visible()  # family name first

    cards = page.locator("tr[data-measure]")
    assert cards.count() >= 5
    for index in range(cards.count()):
        card = box_of(cards.nth(index))
        assert card["x"] >= 0 and card["x"] + card["width"] <= WIDTH
    # Everything a measure holds lies in its card: the boxes, last year, the target, the note.
    card = page.locator("tr[data-measure='3a']")
    outer = box_of(card)
    for part in ("[name$='_numerator']", "[name$='_denominator']", "td.target",
                 "td.last-year", "[name$='_note']", "[name$='_source']"):
        inner = box_of(card.locator(part))
        assert outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + \
            outer["width"], part
    assert "Mục tiêu" in card.locator("td.target").evaluate(
        "cell => getComputedStyle(cell, '::before').content")


def test_the_dashboard_scrolls_its_table_not_the_page(portal, browser, live_server):
    page = signed_in(browser, live_server, "bob", PHONE)
    page.goto(f"{live_server.url}/tien-do/{portal['national'].pk}/")
    page.wait_for_load_state("load")
    page.screenshot(path=SHOTS / "phone-dashboard.png")

    assert page_width(page) <= WIDTH
    scroller = page.locator(".table-scroll", has=page.locator("table.progress"))
    assert scroller.evaluate("box => box.scrollWidth > box.clientWidth")
    # A keyboard can scroll it: the box takes the focus, named for what it holds.
    assert scroller.get_attribute("tabindex") == "0"
    assert scroller.get_attribute("role") == "region"
    code = page.locator("table.progress tr[data-measure='5a'] td").first
    before = box_of(code)["x"]
    scroller.evaluate("box => { box.scrollLeft = 300; }")
    page.wait_for_timeout(50)
    assert box_of(code)["x"] == pytest.approx(before, abs=1)  # the first column stays
    name = page.locator("table.progress tr[data-measure='5a'] td").nth(1)
    assert box_of(name)["x"] < before  # while the others move


def test_a_keyboard_skips_to_the_form_and_sees_where_it_is(portal, browser, live_server):
    page = signed_in(browser, live_server, "alice", {"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/bao-cao/{portal['report'].pk}/nhap/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Bỏ qua, đến nội dung chính"
    assert box_of(skip)["y"] >= 0  # shown once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # From the main content: back to the list, the Excel upload, then the first figure.
    names = []
    for _ in range(3):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.name || "
                                   "document.activeElement.textContent.trim()"))
    assert names[:2] == ["← Báo cáo của tôi", "Nhập từ tệp Excel"]
    assert names[2].endswith("_numerator")
    focused = page.locator(":focus")
    assert focused.evaluate("box => getComputedStyle(box).outlineStyle") != "none"
    assert focused.evaluate("box => parseFloat(getComputedStyle(box).outlineWidth)") >= 2

    # Within a measure the boxes come in reading order: figure, then its note and source.
    order = []
    for _ in range(6):
        order.append(page.evaluate("document.activeElement.name || "
                                   "document.activeElement.tagName"))
        page.keyboard.press("Tab")
    first = order[0].removesuffix("_numerator")
    assert order[:2] == [f"{first}_numerator", f"{first}_denominator"]
    assert order.index(f"{first}_note") < order.index(f"{first}_source")
