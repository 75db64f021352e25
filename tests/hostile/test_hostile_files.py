"""Every hostile file of the corpus, posted as its allowed user would post it.

Each is answered with a page in Vietnamese (never a server error), writes nothing, and
costs bounded memory: under 50 MB at its peak, for files that unpack to a gibibyte. The
corpus and what each file is: tests/hostile/make_corpus.py.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from childplan.models import Assignment, Plan, Target
from reporting.models import Value
from tests.conftest import make_user
from tests.hostile.make_corpus import CASES, FILES
from tests.hostile.memory import MB, peak_memory

pytestmark = pytest.mark.django_db

LIMIT = 50 * MB
EXCEL = [c for c in CASES if c.page == "excel"]
PLAN = [c for c in CASES if c.page == "plan"]


def content_of(case, template: bytes | None = None) -> bytes:
    if case.stored:
        return (FILES / case.name).read_bytes()
    return case.build(template) if case.from_template else case.build()


def messages(response) -> list[str]:
    """What the page said about the file, for a failing assertion."""
    form, preview = response.context.get("form"), response.context.get("preview")
    said = [str(e) for errors in (form.errors.values() if form else []) for e in errors]
    return said + [str(p) for p in (preview.problems if preview else [])]


def written() -> tuple[int, ...]:
    return (Value.objects.count(), Value.history.count(), Plan.objects.count(),
            Target.objects.count(), Assignment.objects.count())


@pytest.fixture
def template(client, alice, report) -> bytes:
    client.force_login(alice)
    response = client.get(reverse("report_excel_template", args=[report.pk]))
    assert response.status_code == 200
    return response.content


@pytest.fixture
def administrator(client):
    client.force_login(make_user("an", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("case", EXCEL, ids=[c.name for c in EXCEL])
def test_a_hostile_workbook_is_refused_in_vietnamese_in_bounded_memory(
        case, client, report, template):
    content = content_of(case, template)
    before = written()
    with peak_memory() as peak:
        response = client.post(reverse("report_excel_upload", args=[report.pk]),
                               {"file": SimpleUploadedFile(case.name, content)})
    assert response.status_code == 200
    assert case.expect in response.content.decode(), messages(response)
    if not case.read:
        assert response.context["confirm"] is None  # nothing that could be confirmed
    assert written() == before
    assert peak.largest < LIMIT, peak


@pytest.mark.parametrize("case", PLAN, ids=[c.name for c in PLAN])
def test_a_hostile_plan_document_is_refused_or_read_in_bounded_memory(case, administrator):
    content = content_of(case)
    before = written()
    with peak_memory() as peak:
        response = administrator.post(reverse("plan_import_upload"),
                                      {"document": SimpleUploadedFile(case.name, content)})
    if case.read:
        assert response.status_code == 302
        response = administrator.get(response["Location"])
    assert response.status_code == 200
    assert case.expect in response.content.decode(), messages(response)
    assert written() == before
    assert peak.largest < LIMIT, peak
