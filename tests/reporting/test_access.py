"""Every reporting URL against every persona who must be refused, and what they get.

The report under test is alice's (Sở Y tế Trà Vinh), put in the state in which
the URL's action would succeed, so a refusal is the only thing that can stop it.
Anonymous users are sent to sign in; members with the wrong role get 403; ids
outside what a user may read are 404, as if they did not exist.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from reporting.models import Report, ReportStatus
from tests.conftest import make_user
from tests.reporting.conftest import HEALTH_FIGURES, entry_for, form_data

pytestmark = pytest.mark.django_db

# name, method, what it acts on, the report status in which the action would succeed
URLS = {
    "my_reports": ("get", None, ReportStatus.DRAFT),
    "review_queue": ("get", None, ReportStatus.SUBMITTED),
    "report_detail": ("get", "report", ReportStatus.DRAFT),
    "report_edit": ("get", "report", ReportStatus.DRAFT),
    "report_edit:post": ("post", "report", ReportStatus.DRAFT),
    "report_submit": ("post", "report", ReportStatus.DRAFT),
    "report_approve": ("post", "report", ReportStatus.SUBMITTED),
    "report_return": ("post", "report", ReportStatus.SUBMITTED),
    "report_unapprove": ("post", "report", ReportStatus.APPROVED),
    "cycle_completeness": ("get", "cycle", ReportStatus.DRAFT),
    "cycle_lock": ("post", "cycle", ReportStatus.DRAFT),
}
ALL = set(URLS)
REPORT_URLS = {name for name, (_, target, _) in URLS.items() if target == "report"}

# persona → {url: expected status}; a URL absent from the map is allowed for that persona.
REFUSED = {
    "anonymous": {name: 302 for name in ALL},
    "charlie": {name: 403 for name in ALL},
    "vy": {name: 403 for name in ALL - {"report_detail", "cycle_completeness"}},
    "dung": {**{name: 404 for name in REPORT_URLS}, "review_queue": 403,
             "cycle_completeness": 403, "cycle_lock": 403},
    "son": {**{name: 404 for name in REPORT_URLS | {"cycle_completeness", "cycle_lock"}},
            "my_reports": 403},
    "alice": {name: 403 for name in ("review_queue", "report_approve", "report_return",
                                     "report_unapprove", "cycle_completeness", "cycle_lock")},
    "bob": {name: 403 for name in ("my_reports", "report_edit", "report_edit:post",
                                   "report_submit")},
}
CASES = [pytest.param(persona, name, status, id=f"{persona}-{name}")
         for persona, refused in REFUSED.items() for name, status in sorted(refused.items())]
# Ids guessed in URLs: another agency's report, and ids that do not exist.
GUESSED = ([pytest.param("alice", name, "other", 404, id=f"alice-{name}-other-agency")
            for name in sorted(REPORT_URLS)]
           + [pytest.param(persona, name, "missing", 404, id=f"{persona}-{name}-missing")
              for persona in ("alice", "bob", "vy") for name in sorted(URLS) if URLS[name][1]])


def _put_in_state(report: Report, status: str, alice, bob) -> Report:
    from reporting.services import report_approve, report_submit

    if status == ReportStatus.DRAFT:
        return report
    report = report_submit(report=report, by=alice, version=report.version,
                           entry=entry_for(report, {"6": "1.9"}))
    if status == ReportStatus.APPROVED:
        report = report_approve(report=report, by=bob)
    return report


def _request(client, name: str, report: Report, *, target_id=None):
    method, target, _ = URLS[name]
    url_name = name.split(":")[0]
    if target == "report":
        url = reverse(url_name, args=[target_id or report.pk])
    elif target == "cycle":
        url = reverse(url_name, args=[target_id or report.cycle_id])
    else:
        url = reverse(url_name)
    if method == "get":
        return client.get(url)
    data = {"comment": "Sai số liệu"}
    if name in ("report_edit:post", "report_submit"):
        data = form_data(report, HEALTH_FIGURES)
    return client.post(url, data)


@pytest.fixture
def personas(alice, bob, vy, dung, son, charlie):
    return {"alice": alice, "bob": bob, "vy": vy, "dung": dung, "son": son,
            "charlie": charlie, "anonymous": None}


@pytest.mark.parametrize(("persona", "name", "status"), CASES)
def test_it_refuses(client, personas, report, persona, name, status):
    report = _put_in_state(report, URLS[name][2], personas["alice"], personas["bob"])
    if personas[persona] is not None:
        client.force_login(personas[persona])
    response = _request(client, name, report)
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith(reverse("login"))
    after = Report.objects.select_related("cycle").get(pk=report.pk)
    assert (after.version, after.status, after.cycle.locked) == (report.version,
                                                                 report.status, False)


@pytest.mark.parametrize(("persona", "name", "which", "status"), GUESSED)
def test_it_answers_guessed_ids_as_missing(client, personas, report, other_report, persona,
                                           name, which, status):
    client.force_login(personas[persona])
    target = other_report.pk if which == "other" else 987654
    response = _request(client, name, report, target_id=target)
    assert response.status_code == status
    assert Report.objects.get(pk=other_report.pk).version == other_report.version


def test_the_refusal_matrix_is_complete():
    """The number of persona × URL refusals checked, for the record."""
    assert len(CASES) == 61 and len(GUESSED) == 34


@pytest.mark.parametrize("name", ["report_detail", "cycle_completeness"])
def test_a_viewer_reads_but_sees_no_buttons(client_for, vy, report, name):
    page = _request(client_for(vy), name, report).content.decode()
    assert "Duyệt báo cáo</button>" not in page and "Khóa kỳ báo cáo" not in page
    assert "Nhập, sửa số liệu" not in page


def test_a_reviewer_of_another_plan_sees_none_of_its_reports(client_for, son, report, alice):
    _put_in_state(report, ReportStatus.SUBMITTED, alice, None)
    page = client_for(son).get(reverse("review_queue")).content.decode()
    assert f'data-report="{report.pk}"' not in page


def test_a_reporter_lists_only_their_agency(client_for, dung, report, other_report):
    page = client_for(dung).get(reverse("my_reports")).content.decode()
    assert f'data-report="{other_report.pk}"' in page
    assert f'data-report="{report.pk}"' not in page


def test_a_second_role_elsewhere_does_not_open_this_report(client_for, report, tra_vinh_plan,
                                                          trieu_son_plan):
    from agencies.models import Agency, Membership

    user = make_user("hoa", agency=trieu_son_plan.consolidating_agency, role="reviewer")
    Membership.objects.create(user=user, role="reporter", agency=Agency.objects.get(
        unit=trieu_son_plan.unit, name="Phòng Y tế"))
    assert client_for(user).get(reverse("report_detail", args=[report.pk])).status_code == 404


# Separation of duties: hoa reports for Sở Y tế and reviews for the office consolidating the
# cycle (in 2026 Sở Y tế itself, which took over Sở LĐTBXH's child affairs).

@pytest.fixture
def hoa(report, tra_vinh_plan):
    from agencies.models import Membership

    user = make_user("hoa", agency=report.agency, role="reporter", first_name="Hoa")
    Membership.objects.create(user=user, agency=report.cycle.consolidating_agency,
                              role="reviewer")
    return user


def _decide(client, name: str, report: Report):
    return client.post(reverse(name, args=[report.pk]), {"comment": "Sai số liệu"}, follow=True)


@pytest.mark.parametrize("name", ["report_approve", "report_return"])
def test_whoever_submitted_a_report_cannot_approve_or_return_it(client_for, hoa, report, name):
    client = client_for(hoa)
    client.post(reverse("report_submit", args=[report.pk]), form_data(report, HEALTH_FIGURES))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == hoa

    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert "Duyệt báo cáo</button>" not in page and ">Trả lại</button>" not in page
    assert "Bạn đã nộp hoặc sửa báo cáo này" in page
    refused = _decide(client, name, report).content.decode()
    assert "Bạn đã nộp hoặc sửa báo cáo này nên không được duyệt hay trả lại nó" in refused
    after = Report.objects.get(pk=report.pk)
    assert (after.status, after.version, after.reviewed_by) == (ReportStatus.SUBMITTED,
                                                                report.version, None)
    assert not after.events.filter(action__in=["approve", "return"]).exists()


@pytest.mark.parametrize(("name", "status"), [("report_approve", ReportStatus.APPROVED),
                                              ("report_return", ReportStatus.RETURNED)])
def test_another_reviewer_decides_on_it(client_for, hoa, bob, report, name, status):
    client_for(hoa).post(reverse("report_submit", args=[report.pk]),
                         form_data(report, HEALTH_FIGURES))
    page = client_for(bob).get(reverse("report_detail", args=[report.pk])).content.decode()
    assert "Duyệt báo cáo</button>" in page and "Bạn đã nộp hoặc sửa" not in page
    _decide(client_for(bob), name, report)
    after = Report.objects.get(pk=report.pk)
    assert (after.status, after.reviewed_by) == (status, bob)


def test_whoever_last_edited_a_report_cannot_approve_it(client_for, hoa, alice, report):
    from reporting.services import report_submit

    client_for(hoa).post(reverse("report_edit", args=[report.pk]),
                         form_data(report, HEALTH_FIGURES))
    report.refresh_from_db()
    report = report_submit(report=report, by=alice, version=report.version)  # as hoa left it
    assert (report.updated_by, report.submitted_by) == (hoa, alice)

    assert "Bạn đã nộp hoặc sửa" in _decide(client_for(hoa), "report_approve",
                                            report).content.decode()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_the_service_refuses_a_self_review_without_the_page(hoa, bob, report):
    from reporting.services import ReportConflict, report_approve, report_return, report_submit

    report = report_submit(report=report, by=hoa, version=report.version,
                           entry=entry_for(report, {"6": "1.9"}))
    for decide in (lambda: report_approve(report=report, by=hoa),
                   lambda: report_return(report=report, by=hoa, comment="Sai")):
        with pytest.raises(ReportConflict, match="Bạn đã nộp hoặc sửa báo cáo này"):
            decide()
    assert report_approve(report=report, by=bob).status == ReportStatus.APPROVED
