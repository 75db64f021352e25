"""The Content-Security-Policy in Chromium: the main pages of every persona load without one
violation and still work (charts drawn, the report form computes its values, the plan import
page styled), and the chart toolbar speaks Vietnamese and offers no cloud or share button."""

from __future__ import annotations

from tests.childplan.plan_reader_support import FIXTURES
from tests.conftest import PASSWORD

# Chromium reports each refusal as a securitypolicyviolation event; the listener is installed
# by the browser before any page script runs, so the policy does not apply to it.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " "
                           + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


class Visitor:
    """A browser page that signs in and records every policy violation and console error."""

    def __init__(self, browser, live_server, username: str | None):
        self.base = live_server.url
        self.page = browser.new_context(locale="vi-VN").new_page()
        self.page.add_init_script(LISTEN)
        self.problems: dict[str, list[str]] = {}
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self._note(f"pageerror {error}"))
        if username:
            self.open("/dang-nhap/")
            self.page.get_by_label("Tên đăng nhập").fill(username)
            self.page.get_by_label("Mật khẩu").fill(PASSWORD)
            self.page.get_by_role("button", name="Đăng nhập").click()
            self.page.wait_for_url(f"{self.base}/ke-hoach/")

    def _note(self, text: str) -> None:
        self.problems.setdefault(self.page.url, []).append(text)

    def _console(self, message) -> None:
        # Errors (a refused script or style is one) and plotly's "strict CSP" warning.
        if message.type == "error" or "CSP" in message.text:
            self._note(f"console {message.type}: {message.text}")

    def open(self, path: str):
        self.page.goto(f"{self.base}{path}")
        self.page.wait_for_load_state("load")
        return self.page

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations")

    def check(self) -> None:
        found = self.violations()
        if found:
            self._note(f"violations {found}")


def visit_all(visitor: Visitor, paths: list[str]) -> None:
    for path in paths:
        visitor.open(path)
        visitor.check()


def test_the_main_pages_load_without_a_policy_violation(portal, browser, live_server):
    national, tra_vinh, cycle = portal["national"], portal["tra_vinh"], portal["cycle"]
    report, vaccination = portal["report"], portal["vaccination"]
    progress = f"/tien-do/{national.pk}/"
    measure = f"{progress}chi-tieu/{vaccination.pk}/?unit={portal['vinh_long'].pk}"

    anonymous = Visitor(browser, live_server, None)
    visit_all(anonymous, ["/dang-nhap/", "/khong-co-trang-nay/"])

    alice = Visitor(browser, live_server, "alice")
    visit_all(alice, ["/ke-hoach/", f"/ke-hoach/{tra_vinh.pk}/", "/bao-cao/",
                      f"/bao-cao/{report.pk}/", f"/bao-cao/{report.pk}/excel/tai-len/",
                      "/api/v1/docs/", "/tai-khoan/ma-api/"])
    form = alice.open(f"/bao-cao/{report.pk}/nhap/")
    row = form.locator("tr[data-measure='3a']")
    row.locator("input[name$='_numerator']").fill("19")
    row.locator("input[name$='_denominator']").fill("10.000")
    # report_form.js, now a static file, still computes the value as the reporter types.
    assert row.locator("output.computed").inner_text() == "1,9"
    alice.check()

    bob = Visitor(browser, live_server, "bob")
    visit_all(bob, ["/bao-cao/duyet/", f"/bao-cao/ky/{cycle.pk}/", progress,
                    f"/tien-do/{tra_vinh.pk}/"])
    chart_page = bob.open(measure)
    chart_page.locator("#series-chart .main-svg").first.wait_for()
    chart_page.locator("#units-chart .main-svg").first.wait_for()
    assert chart_page.locator("#series-chart .scatterlayer .trace").count() >= 2
    assert "Xã An Bình" in chart_page.locator("#units-chart").inner_text()
    bob.check()

    an = Visitor(browser, live_server, "an")
    upload = an.open("/ke-hoach/nhap/")
    upload.get_by_label("Hoặc dán nội dung văn bản").fill(
        (FIXTURES / "documents" / "trieu-son-2021.txt").read_text(encoding="utf-8"))
    upload.get_by_role("button", name="Đọc văn bản").click()
    upload.wait_for_url(f"{live_server.url}/ke-hoach/nhap/xem-lai/")
    # The review page's own stylesheet, no longer a <style> block, still marks unsure rows.
    unsure = upload.locator("tr.unsure").first
    assert unsure.evaluate("row => getComputedStyle(row).backgroundColor") == "rgb(255, 244, 224)"
    an.check()
    visit_all(an, [f"/ke-hoach/{tra_vinh.pk}/ke-nhiem/", "/quan-tri/", "/quan-tri/childplan/plan/",
                   f"/quan-tri/childplan/plan/{tra_vinh.pk}/change/",
                   "/quan-tri/childplan/plan/import/", "/quan-tri/auth/user/add/",
                   "/quan-tri/agencies/accesslog/", "/quan-tri/exchange/measurecode/add/"])
    # Not listed: django-import-export's export page, whose template sets two style=""
    # attributes (a bold label, a padding); the policy drops them, the page works.

    problems = {**anonymous.problems, **alice.problems, **bob.problems, **an.problems}
    # The 404 page is reported as a failed resource load: that is the page, not the policy.
    problems = {url: [p for p in found if "404" not in p] for url, found in problems.items()}
    assert {url: found for url, found in problems.items() if found} == {}


def test_the_chart_toolbar_is_vietnamese_without_logo_or_cloud(portal, browser, live_server):
    national, vaccination = portal["national"], portal["vaccination"]
    bob = Visitor(browser, live_server, "bob")
    page = bob.open(f"/tien-do/{national.pk}/chi-tieu/{vaccination.pk}/")
    chart = page.locator("#series-chart")
    chart.locator(".main-svg").first.wait_for()
    chart.hover()

    titles = chart.locator(".modebar-btn").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('data-title'))")
    assert "Tải biểu đồ về dạng ảnh PNG" in titles
    assert "Đặt lại các trục" in titles and "Phóng to" in titles
    assert not [t for t in titles if t and ("Download" in t or "Zoom" in t or "Share" in t)]
    assert chart.locator("[data-val='sendChartToCloud'], .modebar-btn[data-title*='Cloud']") \
        .count() == 0
    assert chart.locator(".modebar-btn.plotlyjsicon, a[href*='plotly.com']").count() == 0
    # plotly.js's own toolbar stylesheet applied (filled through the CSSOM, allowed).
    assert chart.locator(".modebar").evaluate("bar => getComputedStyle(bar).position") == \
        "absolute"
    bob.check()
    assert bob.problems == {}
