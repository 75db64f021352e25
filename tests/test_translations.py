"""Every translation catalogue of the project (locale/ for the templates and page scripts, and
each app's <app>/locale for its Python strings) is complete and compiled: each entry has its
translation, keeps the placeholders of its source, and the committed .mo file says exactly
what its .po says, so a fresh clone needs no gettext to show English."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = {".venv", "node_modules", "staticfiles", ".git"}
CATALOGUES = sorted(path for path in ROOT.rglob("locale/*/LC_MESSAGES/*.po")
                    if not SKIPPED & set(path.relative_to(ROOT).parts))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd%]|\{\w*\}")


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_project_has_its_english_catalogues():
    names = {_name(path) for path in CATALOGUES}
    assert {"locale/en/LC_MESSAGES/django.po", "locale/en/LC_MESSAGES/djangojs.po"} <= names


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_every_entry_is_translated_with_its_placeholders(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{_name(path)}: not translated: {untranslated}"
    assert not fuzzy, f"{_name(path)}: marked fuzzy (to be checked): {fuzzy}"
    wrong = []
    for entry in catalogue.translated_entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        shown = ([entry.msgstr] if not entry.msgid_plural
                 else list(entry.msgstr_plural.values()))
        wrong += [f"{entry.msgid!r} → {text!r}" for text in shown
                  if set(PLACEHOLDER.findall(text)) != set(wanted)]
    assert not wrong, f"{_name(path)}: placeholders differ:\n" + "\n".join(wrong)


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_the_compiled_catalogue_is_current(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{_name(compiled)} is missing: run `make messages`"

    def entries(catalogue):
        found = {}
        for entry in catalogue:
            if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
                continue
            key = (entry.msgctxt, entry.msgid)
            found[key] = (tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
                          if entry.msgid_plural else entry.msgstr)
        return found

    assert entries(polib.mofile(str(compiled))) == entries(polib.pofile(str(path))), (
        f"{_name(compiled)} is older than its .po: run `make messages`")


def test_one_source_text_has_one_translation_across_the_catalogues():
    """Django merges the catalogues into one, the project's winning over the apps': a source
    text translated two ways would show the other app's words (a report's status "Returned"
    read "Return", the button's word). A word that means two things takes a context."""
    seen: dict[tuple[str | None, str], tuple[str, str]] = {}
    differ = []
    for path in CATALOGUES:
        if path.name != "django.po":
            continue
        for entry in polib.pofile(str(path)).translated_entries():
            key = (entry.msgctxt, entry.msgid)
            shown = entry.msgstr or str(sorted(entry.msgstr_plural.items()))
            if key in seen and seen[key][1] != shown:
                differ.append(f"{key}: {seen[key][0]} «{seen[key][1]}», {_name(path)} «{shown}»")
            seen.setdefault(key, (_name(path), shown))
    assert not differ, "\n".join(differ)
