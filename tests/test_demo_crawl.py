"""Every page of the demo answers, for every demo account and for a visitor not signed in.

The demo is loaded as `make run` loads it (the 3,321 communes too) and its dashboards are
computed as the load's tasks compute them. Then each persona starts at the home page and
follows every link of the site breadth-first, GET only, as a user clicking through would.
Pages of one kind that differ only in their numbers (a measure's page for each of a
province's 124 communes: /tien-do/8/chi-tieu/32/?unit=…) are read up to SAME_KIND of
them, the first reached breadth-first; every other link is followed. The test fails
listing every page that answered a server error, and every link that leads nowhere (404)
or to a page the same persona is refused (403, 405), each with the page that linked it.

The admin site (/quan-tri/) holds thousands of rows: the crawl reads its index, the app
pages, each model's list, add, import and export pages, and the first object of each
list with its history and delete pages; not lists filtered or sorted, nor every object.
"""

from __future__ import annotations

import os
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOME = "/"
ADMIN = "/quan-tri/"
# A link that makes links (a calendar, a filter of a filter) must not run forever; reaching
# the bound fails the test, as the pages past it would go unchecked. The demo has ~420.
MAX_PAGES = 1000
SAME_KIND = 25  # pages read of one kind (the same path and query names, other numbers)
SKIPPED_PREFIXES = ("/static/", "/media/", "/dang-xuat/", f"{ADMIN}logout/")
REDIRECTS = (301, 302, 303, 307, 308)
REFUSED = (403, 404, 405)


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.strip():
            self.hrefs.append(href.strip())


def site_path(href: str, page: str) -> str | None:
    """The path and query that `href` on `page` leads to on this site; None if elsewhere."""
    url = urlsplit(urldefrag(urljoin(page, href)).url)
    if url.scheme not in ("", "http", "https") or url.netloc not in ("", "testserver"):
        return None
    path = url.path + (f"?{url.query}" if url.query else "")
    return None if path.startswith(SKIPPED_PREFIXES) else path


def links_of(html: str, page: str) -> list[str]:
    parser = _Anchors()
    parser.feed(html)
    paths = (site_path(href, page) for href in parser.hrefs)
    return [path for path in paths if path is not None]


def _admin_parts(path: str) -> list[str]:
    return path.removeprefix(ADMIN).strip("/").split("/") if path != ADMIN else []


def admin_links(page: str, links: list[str]) -> list[str]:
    """The admin links of `page` that the crawl follows (see the module's docstring)."""
    here = _admin_parts(page) if page.startswith(ADMIN) and "?" not in page else None
    followed, first_object = [], True
    for link in links:
        parts = _admin_parts(link)
        if "?" in link or parts == here:
            continue
        if len(parts) <= 1:  # the index, an app's page
            followed.append(link)
        elif here is None:
            continue
        elif len(parts) == 2 and len(here) <= 1:  # a model's list, from the index or app
            followed.append(link)
        elif len(parts) == 3 and here == parts[:2] and not parts[2].isdigit():  # add, import
            followed.append(link)
        elif here == parts[:2] and first_object:  # the first object of a list
            followed.append(link)
            first_object = False
        elif len(here) >= 3 and here[2].isdigit() and parts[:3] == here[:3]:  # its history
            followed.append(link)
    return followed


@dataclass
class Crawl:
    status: dict[str, int] = field(default_factory=dict)  # each page visited → its status
    problems: list[str] = field(default_factory=list)


def kind_of(path: str) -> str:
    """A page's kind: its path with every number as N, and the names of its query."""
    url = urlsplit(path)
    names = sorted(part.split("=", 1)[0] for part in url.query.split("&") if part)
    return re.sub(r"\d+", "N", url.path) + "?" + "&".join(names)


def crawl(client: Client, starts: list[str], *, same_kind: int = SAME_KIND,
          skipped: tuple[str, ...] = (), read=None) -> Crawl:
    """`read(path, html)`, if given, is called with each HTML page that answered 200; links
    starting with one of `skipped` are not followed."""
    result = Crawl()
    queue = deque((start, "(trang bắt đầu)") for start in starts)
    queued = set(starts)
    kinds: Counter[str] = Counter()
    while queue:
        path, linked_from = queue.popleft()
        if len(result.status) == MAX_PAGES:
            result.problems.append(f"over {MAX_PAGES} pages, {path} and others not visited")
            break
        try:
            response = client.get(path)
        except Exception as error:  # the test client raises what the view raised
            result.status[path] = 500
            result.problems.append(f"{path} ← {linked_from}: {type(error).__name__}: {error}")
            continue
        result.status[path] = response.status_code
        if response.status_code >= 500 or response.status_code in REFUSED:
            result.problems.append(f"{path} ← {linked_from}: {response.status_code}")
        if response.status_code in REDIRECTS:
            targets = [site_path(response["Location"], path)]
            linked_from = f"{path} (chuyển tiếp) ← {linked_from}"
        elif response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            if read is not None:
                read(path, html)
            links = links_of(html, path)
            targets = [link for link in links if not link.startswith(ADMIN)]
            targets += admin_links(path, links)
            linked_from = path
        else:
            continue
        for target in targets:
            if (target is None or target in queued or kinds[kind_of(target)] >= same_kind
                    or (skipped and target.startswith(skipped))):
                continue
            kinds[kind_of(target)] += 1
            queued.add(target)
            queue.append((target, linked_from))
    return result


@pytest.fixture
def demo_accounts(db):
    """The demo as `make run` leaves it: loaded with the communes, dashboards computed."""
    from childplan.seeding.demo import DEMO_USERS

    with open(os.devnull, "w") as quiet:
        call_command("load_seed_data", stdout=quiet)
        call_command("recompute_progress", stdout=quiet)
    cache.clear()
    # The assessments demo adds a commune's reporter and the province's reviewer.
    usernames = [demo.username for demo in DEMO_USERS] + ["xa.travinh", "thamdinh.vinhlong"]
    yield {name: get_user_model().objects.get(username=name) for name in usernames}
    cache.clear()  # the pages cached here show figures that the test's rollback removes


def test_every_linked_page_answers_for_every_demo_persona(demo_accounts):
    personas = {"khách (chưa đăng nhập)": None, **demo_accounts}
    crawls = {}
    for name, user in personas.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        crawls[name] = crawl(client, [HOME, ADMIN] if name == "quantri" else [HOME])
    print("pages per persona:", {name: len(c.status) for name, c in crawls.items()})

    problems = [f"{name}: {line}" for name, c in crawls.items() for line in c.problems]
    assert not problems, "\n".join(problems)

    # The crawl went where each persona works, so passing means those pages were read.
    reached = {name: {path for path, status in c.status.items() if status == 200}
               for name, c in crawls.items()}
    assert reached["khách (chưa đăng nhập)"] == {  # a visitor is only asked to sign in
        reverse("login"), f"{reverse('login')}?next={reverse('plan_list')}",
        reverse("password_reset")}
    assert {reverse("my_reports"), reverse("plan_list")} <= reached["yte.travinh"]
    assert any("/nhap/" in path for path in reached["yte.travinh"])  # the data-entry form
    assert reverse("review_queue") in reached["tonghop.travinh"]
    assert any(path.endswith("tong-hop.xlsx") for path in reached["tonghop.travinh"])
    assert any(path.startswith("/tien-do/") for path in reached["lanhdao.travinh"])
    assert reverse("account_new") in reached["quanly.travinh"]
    assert reverse("accounts_import") in reached["quanly.travinh"]
    assert reverse("admin:reporting_report_changelist") in reached["quantri"]
    assert reverse("plan_import_upload") in reached["quantri"]


@pytest.mark.parametrize(("path", "kind"), [
    ("/tien-do/8/chi-tieu/32/?unit=57247", "/tien-do/N/chi-tieu/N/?unit"),
    ("/tien-do/8/chi-tieu/19/?year=2026&unit=5", "/tien-do/N/chi-tieu/N/?unit&year"),
    ("/bao-cao/ky/3/", "/bao-cao/ky/N/?"),
])
def test_pages_of_one_kind_differ_only_in_their_numbers(path, kind):
    assert kind_of(path) == kind
