"""Every refusal the pages make, the API makes too, and nothing changes.

Personas (tests/conftest.py): a caller with no token, charlie (signed up, no role), dung
(reporter of another agency of the same plan), son (reviewer of another plan), a revoked
token of alice; and the wrong role on a readable report (bob cannot enter figures, alice
cannot review her own report, vy only reads).
"""

from __future__ import annotations

import pytest

from exchange.services import api_token_create, api_token_revoke
from reporting.models import Report, ReportEvent, Value
from tests.exchange.test_figures import FIGURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(api, alice, report):
    response = api(alice).post(f"/api/v1/reports/{report.pk}/figures",
                               {"version": report.version, "submit": True, "figures": FIGURES})
    assert response.status_code == 200
    report.refresh_from_db()
    return report


def state(report):
    report = Report.objects.get(pk=report.pk)
    return (report.status, report.version, report.review_comment,
            sorted(Value.objects.filter(report=report).values_list("measure__code", "value")),
            Value.history.count(), ReportEvent.objects.count())


def callers(api, alice, charlie, dung, son):
    token, secret = api_token_create(user=alice, name="cũ")
    api_token_revoke(token=token)
    return {"anonymous": api(None), "no role": api(charlie), "another agency": api(dung),
            "another plan's reviewer": api(son), "revoked token": api(None, secret=secret),
            "garbage token": api(None, secret="cp_not-a-token")}


EXPECTED = {"anonymous": 401, "no role": 403, "another agency": 404,
            "another plan's reviewer": 404, "revoked token": 401, "garbage token": 401}


def writes(report):
    base = f"/api/v1/reports/{report.pk}"
    return [
        (f"{base}/figures", {"version": report.version, "submit": False,
                             "figures": [{"measure": "6", "value": 0.5}]}, {}),
        (f"{base}/approve", {}, {}),
        (f"{base}/return", {"comment": "Sửa lại"}, {}),
        (f"{base}/import", {"dataValues": [{"dataElement": "6", "period": "2026",
                                            "orgUnit": report.unit.code, "value": "0.5"}]},
         {"preview": "false", "version": report.version}),
    ]


@pytest.mark.parametrize("who", list(EXPECTED))
def test_every_write_is_refused_and_nothing_changes(api, alice, charlie, dung, son, submitted,
                                                    who):
    caller = callers(api, alice, charlie, dung, son)[who]
    before = state(submitted)
    for path, document, params in writes(submitted):
        response = caller.post(path, document, **params)
        assert response.status_code == EXPECTED[who], (path, response.content)
        assert response.json()["detail"]
    assert state(submitted) == before


@pytest.mark.parametrize("who", list(EXPECTED))
def test_every_report_read_is_refused(api, alice, charlie, dung, son, submitted, who):
    caller = callers(api, alice, charlie, dung, son)[who]
    response = caller.get(f"/api/v1/reports/{submitted.pk}")
    assert response.status_code == EXPECTED[who]
    listed = caller.get("/api/v1/values", plan=submitted.cycle.plan_id)
    if EXPECTED[who] == 404:
        # Lists hold only what the caller may read: nothing of Sở Y tế's report.
        assert listed.status_code == 200
        assert submitted.pk not in {v["report"] for v in listed.json()["items"]}
        assert submitted.pk not in {r["id"] for r in caller.get("/api/v1/reports").json()["items"]}
    else:
        assert listed.status_code == EXPECTED[who]


@pytest.mark.parametrize("path", ["/api/v1/catalogue", "/api/v1/units", "/api/v1/plans",
                                  "/api/v1/cycles", "/api/v1/measures",
                                  "/api/v1/units/crosswalk?code=84"])
def test_shared_reads_need_a_role(api, charlie, alice, path):
    assert api(None).get(path).status_code == 401
    assert api(charlie).get(path).status_code == 403
    assert api(alice).get(path).status_code == 200


def test_plan_reads_and_exports_need_a_role(api, charlie, dung, tra_vinh_plan):
    plan = tra_vinh_plan.pk
    for path in [f"/api/v1/plans/{plan}", f"/api/v1/snapshots?plan={plan}",
                 f"/api/v1/plans/{plan}/sdmx/structure", f"/api/v1/plans/{plan}/sdmx/data",
                 f"/api/v1/plans/{plan}/adx"]:
        assert api(None).get(path).status_code == 401, path
        assert api(charlie).get(path).status_code == 403, path
        # Any member reads a plan and its dashboards, as on the pages (no figure yet: the ADX
        # export says there is nothing to export).
        assert api(dung).get(path).status_code == (404 if path.endswith("/adx") else 200), path


@pytest.mark.parametrize("who, action, status", [
    ("bob", "figures", 403),   # the reviewer does not enter figures
    ("vy", "figures", 403),    # the leader only reads
    ("alice", "approve", 403),  # the reporter does not review
    ("vy", "approve", 403),
    ("dung", "return", 404),
])
def test_the_wrong_role_on_a_readable_report_is_refused(api, alice, bob, vy, dung, submitted,
                                                        who, action, status):
    user = {"alice": alice, "bob": bob, "vy": vy, "dung": dung}[who]
    before = state(submitted)
    document = {"figures": {"version": submitted.version, "figures": []},
                "approve": {}, "return": {"comment": "x"}}[action]
    response = api(user).post(f"/api/v1/reports/{submitted.pk}/{action}", document)
    assert response.status_code == status
    assert state(submitted) == before


def test_a_session_write_needs_the_csrf_token(client, alice, submitted):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    response = browser.post(f"/api/v1/reports/{submitted.pk}/figures", "{}",
                            content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
