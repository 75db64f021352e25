"""Shared fixtures: the seed data loaded once, and the personas every access test uses.

- alice: reporter of Sở Y tế Trà Vinh
- bob: reviewer of the Trà Vinh plan's consolidating office: Sở LĐTBXH, which the plan
  names, and Sở Y tế, which has done its child-affairs work since 01/03/2025
- vy: leader of UBND tỉnh Trà Vinh, reads only
- charlie: signed in, but no agency has given him a role: refused everywhere
"""

from __future__ import annotations

import datetime
import os

import pytest
from django.core.management import call_command

# Playwright runs an event loop in the test thread; Django's ORM refuses sync calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "mat-khau-kiem-thu"
FAR_FUTURE = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


def load_seed(*, communes: bool = False) -> None:
    args = ["--no-demo"] + ([] if communes else ["--no-communes"])
    call_command("load_seed_data", *args, stdout=open(os.devnull, "w"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The units (without the 3,321 communes), catalogue and seed plans, once per session."""
    with django_db_blocker.unblock():
        load_seed()


def make_user(username: str, *, agency=None, role: str = "", **extra):
    from django.contrib.auth import get_user_model

    from agencies.models import Membership

    user = get_user_model().objects.create_user(username, password=PASSWORD, **extra)
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def celery_eager():
    """Celery tasks run in-process for this test whatever the broker, so a test of what a
    task produces (a recompute, a paper) reads the same on SQLite and on PostgreSQL + Redis.
    The path through a real broker and worker is tested apart (test_refresh_on_approval,
    test_outage)."""
    from childplan.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "task_eager_propagates")}
    app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    app.conf.update(saved)


@pytest.fixture
def tra_vinh_plan():
    from childplan.models import Plan

    return Plan.objects.get(key="tra-vinh-2021")


@pytest.fixture
def alice(tra_vinh_plan):
    from agencies.models import Agency

    agency = Agency.objects.get(unit=tra_vinh_plan.unit, name="Sở Y tế")
    return make_user("alice", agency=agency, role="reporter", first_name="Alice")


@pytest.fixture
def bob(tra_vinh_plan):
    from agencies.models import Membership

    user = make_user("bob", agency=tra_vinh_plan.consolidating_agency, role="reviewer")
    Membership.objects.create(user=user, agency=current_office(tra_vinh_plan), role="reviewer")
    return user


def current_office(plan):
    """The office consolidating the plan's cycles opened since the 2025 transfers."""
    return plan.consolidating_agency_on(datetime.date(2026, 1, 1))


@pytest.fixture
def vy(tra_vinh_plan):
    from agencies.models import Agency

    agency, _ = Agency.objects.get_or_create(unit=tra_vinh_plan.unit, name="Ủy ban nhân dân tỉnh",
                                             defaults={"sector": "ubnd"})
    return make_user("vy", agency=agency, role="viewer")


@pytest.fixture
def charlie(db):
    return make_user("charlie")


@pytest.fixture
def client_for(client):
    def signed_in(user):
        client.force_login(user)
        # The persona stays signed in whatever instant a test moves the clock to: tests of
        # session expiry build their own sessions.
        session = client.session
        session.set_expiry(FAR_FUTURE)
        session.save()
        return client

    return signed_in


# Reporting personas, each someone the reporting pages must refuse somewhere:
# - dung: reporter of Sở Giáo dục và Đào tạo Trà Vinh (same plan, another agency)
# - son: reviewer of Phòng LĐTBXH Triệu Sơn (consolidates another plan)


@pytest.fixture
def trieu_son_plan():
    from childplan.models import Plan

    return Plan.objects.get(key="trieu-son-2021")


@pytest.fixture
def dung(tra_vinh_plan):
    from agencies.models import Agency

    agency = Agency.objects.get(unit=tra_vinh_plan.unit, name="Sở Giáo dục và Đào tạo")
    return make_user("dung", agency=agency, role="reporter", email="dung@example.vn")


@pytest.fixture
def son(trieu_son_plan):
    return make_user("son", agency=trieu_son_plan.consolidating_agency, role="reviewer",
                     email="son@example.vn")


@pytest.fixture(scope="session", autouse=True)
def _test_clock():
    """CHILDPLAN_TEST_CLOCK=2031-01-01T00:00+07:00 runs the whole suite with the clock moved there.

    CI runs the suite once so, to catch a test that compares a fixed date with the wall clock.
    The clock keeps ticking from that instant.
    """
    moment = os.environ.get("CHILDPLAN_TEST_CLOCK")
    if not moment:
        yield None
        return
    import time_machine

    with time_machine.travel(datetime.datetime.fromisoformat(moment), tick=True) as traveller:
        yield traveller


@pytest.fixture
def clock():
    """`with clock(moment):` stops every clock of the process at that instant;
    `clock(moment, tick=True)` starts them there and lets them run."""
    import time_machine

    return lambda moment, tick=False: time_machine.travel(moment, tick=tick)


@pytest.fixture(scope="session", autouse=True)
def _plain_http():
    """Production redirects plain HTTP to HTTPS (SECURE_SSL_REDIRECT, on whenever DEBUG is
    off); the test client and the live server speak plain HTTP. tests/childplan/
    test_deploy_settings.py checks the production settings themselves."""
    from django.test import override_settings

    with override_settings(SECURE_SSL_REDIRECT=False):
        yield
