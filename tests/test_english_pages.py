"""Every kind of page in English, as each demo persona reads it: no Vietnamese left outside the
plan's own content.

Each persona of the demo (tests/test_demo_crawl.py) chooses English with the switch in the
header and follows the site's links as that crawl does, but reads only SAMPLE pages of each
kind (the admin site, Django's own, is left out). Every text a reader sees or hears (text,
title, alt and placeholder) that holds a letter with a Vietnamese diacritic must be inside an
element marked lang="vi": the plan's own content (names of plans, measures, agencies, units
and people, targets as worded, what users typed) stays as written and is marked so.

A Vietnamese phrase found outside is reported with where it comes from:
- "template": written in a template outside the translation tags (a template bug);
- "Python": a string of the apps' code (a model's label, a choice, a message, a form's label)
  not yet through the translation machinery, or a name among a form's choices (the <option>s
  a Python form's widget writes, which no template can mark);
- "content": none of these, so plan content that a template does not mark lang="vi".
Each kind of leak fails the test, with its list.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_demo_crawl import ADMIN, HOME, crawl, demo_accounts  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

SAMPLE = 2  # pages read of each kind
ROOT = Path(__file__).resolve().parents[1]
APPS = ("agencies", "indicators", "childplan", "reporting", "assessments", "progress",
        "exchange", "safe_files")
# Letters only Vietnamese uses among the site's languages (and đ).
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữự"
                        "ỳýỷỹỵđ]", re.IGNORECASE)
PHRASE = re.compile(r"[^\W\d_]+(?:[ \u00a0][^\W\d_]+)*")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
UNREAD = {"script", "style", "template"}
# Text a user typed into a form box is theirs, as written.
TYPED = {"textarea"}
SEEN_ATTRIBUTES = ("title", "alt", "placeholder")


class _Leaks(HTMLParser):
    """The Vietnamese phrases of a page outside elements marked lang="vi", each with the tag
    it is in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, language)
        self.found: list[tuple[str, str]] = []

    def _language(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = attrs.get("lang") or self._language()
        if language != "vi" and not any(t in UNREAD for t, _ in self.stack):
            for name in SEEN_ATTRIBUTES:
                self._check(attrs.get(name) or "", f"{tag}[{name}]")
        if tag not in VOID:
            self.stack.append((tag, language))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        tags = {t for t, _ in self.stack}
        if self._language() == "vi" or tags & (UNREAD | TYPED):
            return
        self._check(data, self.stack[-1][0] if self.stack else "")

    def _check(self, text: str, where: str) -> None:
        for phrase in PHRASE.findall(text):
            if VIETNAMESE.search(phrase):
                self.found.append((phrase, where))


def leaks_of(html: str) -> list[tuple[str, str]]:
    parser = _Leaks()
    parser.feed(html)
    return parser.found


def _sources(paths) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)


def _template_text() -> str:
    """The templates' text outside the translation tags (and outside every tag)."""
    text = _sources(sorted((ROOT / "templates").rglob("*.*")))
    text = re.sub(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", "", text, flags=re.S)
    return re.sub(r"{%.*?%}|{#.*?#}", "", text, flags=re.S)


def _python_text() -> str:
    """The apps' code, without the demo's and the seed's data."""
    paths = [path for app in APPS for path in sorted((ROOT / app).rglob("*.py"))
             if not {"seeding", "migrations"} & set(path.parts) and path.name != "demo.py"]
    return _sources(paths)


def origin(phrase: str, templates: str, python: str) -> str:
    if phrase in templates:
        return "template"
    words = phrase.split()
    # A message built in Python around a name: its words are in the code, two at a time.
    pairs = [" ".join(words[i:i + 2]) for i in range(max(1, len(words) - 1))]
    if phrase in python or any(VIETNAMESE.search(p) and p in python for p in pairs):
        return "Python"
    # One Vietnamese word inside English: a choice's label or a joining word ("hoặc") of the
    # code, quoted or spaced there as a word of its own.
    marked = [word for word in words if VIETNAMESE.search(word)]
    if len(marked) == 1 and re.search(rf"[\"' ]{re.escape(marked[0])}[\"' ]", python):
        return "Python"
    return "content"


def test_the_leak_finder_reads_what_a_user_reads():
    html = ('<html lang="en"><head><title>Plan — Kế hoạch</title></head><body>'
            '<p>Agency: <span lang="vi">Sở Y tế</span></p><br><p title="Đổi">Status: Đã duyệt</p>'
            '<script>var x = "Tiếng Việt";</script><textarea>Ghi chú của tôi</textarea>'
            '<input placeholder="số, tên"></body></html>')
    assert leaks_of(html) == [("Kế hoạch", "title"), ("Đổi", "p[title]"),
                              ("Đã duyệt", "p"), ("số", "input[placeholder]"),
                              ("tên", "input[placeholder]")]


def test_every_page_reads_in_english_but_the_plan_s_own_content(demo_accounts):  # noqa: F811
    templates, python = _template_text(), _python_text()
    found: dict[str, dict[str, str]] = defaultdict(dict)  # origin → phrase → where first seen
    pages = {}
    personas = {"visitor": None, **demo_accounts}
    for name, user in personas.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        client.post(reverse("language_switch"), {"language": "en", "next": HOME})

        def read(path, html, name=name):
            assert '<html lang="en">' in html, f"{name}: {path} is not in English"
            for phrase, where in leaks_of(html):
                kind = origin(phrase, templates, python)
                if kind == "content" and where == "option":
                    kind = "Python"  # a form's choices, written by its widget
                if kind != "template" and where == "title":
                    continue  # a title cannot mark a name in it; the same text is on the page
                found[kind].setdefault(phrase, f"{name} {path} <{where}>")

        pages[name] = len(crawl(client, [HOME], same_kind=SAMPLE, skipped=(ADMIN,),
                                read=read).status)
    print("English pages read per persona:", pages)

    def listing(kind: str) -> str:
        return "\n".join(f"  «{phrase}» at {where}" for phrase, where in
                         sorted(found[kind].items(), key=lambda item: item[1]))

    assert not found["template"], ("Vietnamese written in templates outside the translation "
                                   "tags:\n" + listing("template"))
    assert not found["content"], ("Vietnamese content not marked lang=\"vi\" (or a string "
                                  "whose origin is unknown):\n" + listing("content"))
    assert not found["Python"], ("Strings of the apps' Python code not translated (their "
                                 "<app>/locale catalogues), or names among a form's choices "
                                 "not marked lang=\"vi\":\n" + listing("Python"))
