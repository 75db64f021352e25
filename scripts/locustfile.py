"""Deadline-day users for the load benchmark (run by scripts/bench_deadline.py, not alone).

Locust rather than a hand-written loop: each user is a class with its own session and
cookies and think times, the users run as gevent greenlets in one process (220 of them
cost the load generator little on the 2 cores it shares with the server), the spawn and
stop are handled, and every request is reported to one hook with its name and failure.

- ReporterUser (200): signs in once the start delay its plan gives has passed, opens "my
  reports" and the form, saves a draft, then submits: the figures the plan file gives.
- LeaderUser (20): signs in, then reads the national, a province's and a measure's
  dashboards with a few seconds between pages, until every reporter has submitted.
- ReviewerUser: approves the submitted reports, each opened first, until none is left.

Environment: BENCH_DEADLINE_PLAN (the JSON the script writes) and BENCH_DEADLINE_SAMPLES
(where every request's name, time and failure go, one JSON line each).
"""

from __future__ import annotations

import json
import os
import random
import re
import time

import gevent
from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser

PLAN = json.loads(open(os.environ["BENCH_DEADLINE_PLAN"], encoding="utf-8").read())
PASSWORD = PLAN["password"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')

reporters = list(PLAN["reporters"])
leaders = list(PLAN["leaders"])
reviewers = list(PLAN["reviewers"])
to_approve = list(PLAN["approve"])
state = {"reporters_done": 0, "approvals_done": 0, "last_approval_at": None}
samples: list[dict] = []


@events.request.add_listener
def record(request_type, name, response_time, response_length, exception=None, **kwargs):
    samples.append({"name": name, "ms": round(response_time, 2), "failed": bool(exception),
                    "error": str(exception)[:200] if exception else "", "at": time.time()})


@events.quitting.add_listener
def write_samples(environment, **kwargs):
    with open(os.environ["BENCH_DEADLINE_SAMPLES"], "w", encoding="utf-8") as out:
        for sample in samples:
            out.write(json.dumps(sample, ensure_ascii=False) + "\n")
        out.write(json.dumps({"state": state}) + "\n")


def _token(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


class Portal(FastHttpUser):
    abstract = True
    wait_time = constant(0)

    def sign_in(self, username: str) -> bool:
        page = self.client.get("/dang-nhap/", name="sign_in_page")
        with self.client.post("/dang-nhap/", name="sign_in", allow_redirects=False,
                              catch_response=True,
                              data={"username": username, "password": PASSWORD,
                                    "csrfmiddlewaretoken": _token(page.text or "")}) as answer:
            if answer.status_code != 302:
                answer.failure(f"sign-in of {username}: HTTP {answer.status_code}")
                return False
        return True

    def expect(self, method: str, url: str, name: str, status: int, **kwargs):
        """The response if it has the status expected, else None (counted as an error)."""
        with getattr(self.client, method)(url, name=name, catch_response=True,
                                          allow_redirects=False, **kwargs) as answer:
            if answer.status_code != status:
                answer.failure(f"{name}: HTTP {answer.status_code}, expected {status}")
                return None
            return answer


class ReporterUser(Portal):
    """One reporter of a commune, on the deadline day."""

    fixed_count = 200

    def on_start(self):
        if not reporters:
            raise StopUser()
        self.me = reporters.pop()
        gevent.sleep(self.me["start_after"])

    @task
    def report(self):
        me = self.me
        try:
            if not self.sign_in(me["username"]):
                return
            self.expect("get", "/bao-cao/", "my_reports", 200)
            form = f"/bao-cao/{me['report']}/nhap/"
            page = self.expect("get", form, "form", 200)
            if page is None:
                return
            gevent.sleep(random.uniform(*PLAN["think_seconds"]))  # typing the figures
            fields = {**me["fields"], "csrfmiddlewaretoken": _token(page.text),
                      "version": VERSION.search(page.text).group(1)}
            if self.expect("post", form, "save_draft", 302,
                           data={**fields, "action": "save"}) is None:
                return
            page = self.expect("get", form, "form", 200)
            if page is None:
                return
            gevent.sleep(random.uniform(*PLAN["think_seconds"]))  # checking before submitting
            fields.update(csrfmiddlewaretoken=_token(page.text),
                          version=VERSION.search(page.text).group(1))
            if self.expect("post", f"/bao-cao/{me['report']}/nop/", "submit", 302,
                           data=fields) is not None:
                self.expect("get", f"/bao-cao/{me['report']}/", "report_page", 200)
        finally:
            state["reporters_done"] += 1
            if state["reporters_done"] == PLAN["reporter_count"]:
                gevent.spawn(self.environment.runner.quit)  # the rush is over: leaders too
            raise StopUser()


class LeaderUser(Portal):
    """A leader who keeps the dashboards open during the rush."""

    fixed_count = 20

    def on_start(self):
        if not leaders:
            raise StopUser()
        self.me = leaders.pop()
        gevent.sleep(random.uniform(0, 20))
        self.signed_in = self.sign_in(self.me)

    @task
    def read(self):
        if not self.signed_in:
            raise StopUser()
        plan = PLAN["plan"]
        province = random.choice(PLAN["provinces"])
        measure = random.choice(PLAN["measures"])
        self.expect("get", f"/tien-do/{plan}/", "dashboard_national", 200)
        gevent.sleep(random.uniform(*PLAN["leader_think_seconds"]))
        self.expect("get", f"/tien-do/{plan}/?unit={province}", "dashboard_province", 200)
        gevent.sleep(random.uniform(*PLAN["leader_think_seconds"]))
        self.expect("get", f"/tien-do/{plan}/chi-tieu/{measure}/?unit={province}",
                    "dashboard_measure", 200)
        gevent.sleep(random.uniform(*PLAN["leader_think_seconds"]))


class ReviewerUser(Portal):
    """The consolidating office approving the day's reports, one after another."""

    fixed_count = 4

    def on_start(self):
        self.me = reviewers.pop() if reviewers else None
        if self.me is None or not self.sign_in(self.me):
            raise StopUser()

    @task
    def approve(self):
        if not to_approve:
            if state["approvals_done"] == PLAN["approve_count"]:
                gevent.spawn(self.environment.runner.quit)
            raise StopUser()
        report = to_approve.pop()
        try:
            page = self.expect("get", f"/bao-cao/{report}/", "review_page", 200)
            if page is not None and self.expect(
                    "post", f"/bao-cao/{report}/duyet/", "approve", 302,
                    data={"csrfmiddlewaretoken": _token(page.text)}) is not None:
                state["last_approval_at"] = time.time()
        finally:
            state["approvals_done"] += 1
