"""The Excel upload's file box speaks Vietnamese and names the chosen file."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_accessibility import AXE_OPTIONS, PHONE, SHOTS, blocking, signed_in


def test_the_file_box_is_vietnamese_and_names_the_file(portal, browser, live_server, tmp_path):
    page = signed_in(browser, live_server, "alice", PHONE)
    page.goto(f"{live_server.url}/bao-cao/{portal['report'].pk}/excel/tai-len/")
    assert page.get_by_text("Chọn tệp…").is_visible()
    assert page.locator("#file-name").inner_text() == "Chưa chọn tệp"
    assert not page.locator("input[type=file]").evaluate(
        "box => box.getBoundingClientRect().width > 1")  # the browser's English button hidden
    chosen = tmp_path / "bao-cao-2026.xlsx"
    chosen.write_bytes(b"PK")
    page.get_by_label("Tệp Excel đã nhập số liệu (.xlsx)").set_input_files(chosen)
    assert page.locator("#file-name").inner_text() == "bao-cao-2026.xlsx"
    page.screenshot(path=SHOTS / "phone-upload.png")
    assert blocking(Axe().run(page, options=AXE_OPTIONS)) == []
