"""The locust journeys of `make bench` (bench/load/run.py starts locust with this file and the BENCH_* variables).

A caseworker logs in once (or comes with a session made beforehand), then goes round their day: start page, case
list, a search for a family's name, the case, its latest map, its safety plan, and records a check-in (the form, then
the POST with its CSRF token). A team lead goes the same way and reads a report instead. With BENCH_THINK=1 each
waits 1-3 s between pages (a fast reader); with 0 not at all (saturation).
"""

from __future__ import annotations

import itertools
import json
import os
import re
from pathlib import Path

from locust import HttpUser, SequentialTaskSet, between, constant, events

JOURNEYS = json.loads(Path(os.environ["BENCH_JOURNEYS"]).read_text())
MARKER = os.environ["BENCH_MARKER"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

_people = {kind: itertools.cycle([j for j in JOURNEYS["people"] if j["kind"] == kind]) for kind in ("worker", "lead")}
_check_ins = itertools.count(1)
acknowledged = 0  # check-ins answered with the redirect to the plan's check-ins


def page(s, url: str, name: str, **params):
    """GET a page; a redirect to the login form (a lost session) fails it as well as an error does."""
    with s.client.get(url, params=params or None, name=name, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"HTTP {response.status_code}")
        elif "/accounts/login/" in response.url:
            response.failure("sent to the login form")
    return response


def token(response) -> str:
    found = CSRF.search(response.text or "")
    return found.group(1) if found else ""


def start_page(s):
    page(s, "/", "2 start page")


def case_list(s):
    page(s, "/cases/", "3 case list")


def search(s):
    page(s, "/cases/", "4 search a name", q=s.user.journey["name"])


def case_page(s):
    page(s, f"/cases/{s.user.journey['case']}/", "5 case page")


def map_page(s):
    j = s.user.journey
    page(s, f"/cases/{j['case']}/maps/{j['map']}/", "6 map")


def safety_plan(s):
    j = s.user.journey
    page(s, f"/cases/{j['case']}/safety-plans/{j['plan']}/", "7 safety plan")


def check_in(s):
    global acknowledged
    j = s.user.journey
    url = f"/cases/{j['case']}/safety-plans/{j['plan']}/check-ins/new/"
    form = page(s, url, "8 check-in form")
    # The marker and a number: bench/load/run.py counts this run's check-ins in the database afterwards.
    data = {"csrfmiddlewaretoken": token(form), "source": "home_visit", "safety_score": "6",
            "note": f"{MARKER} {next(_check_ins)}"}
    with s.client.post(url, data=data, name="9 check-in (POST)", allow_redirects=False,
                       catch_response=True) as response:
        if response.status_code == 302 and "check-ins" in response.headers.get("Location", ""):
            acknowledged += 1
        else:
            response.failure(f"HTTP {response.status_code}")


def report(s):
    page(s, f"/reports/{JOURNEYS['report']}", "9 report (team lead)")


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3) if os.environ.get("BENCH_THINK") == "1" else constant(0)
    kind = ""

    def on_start(self):
        self.journey = next(_people[self.kind])
        if "session" in self.journey:
            # Logged in beforehand (bench/load/run.py, the saturation run): the pages, not 20 logins at once.
            self.client.cookies.set("sessionid", self.journey["session"])
            return
        form = self.client.get("/accounts/login/", name="1 login form")
        data = {"username": self.journey["username"], "password": JOURNEYS["password"],
                "csrfmiddlewaretoken": token(form)}
        with self.client.post("/accounts/login/", data=data, name="1 log in (POST)", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")


class CaseworkerDay(SequentialTaskSet):
    tasks = [start_page, case_list, search, case_page, map_page, safety_plan, check_in]


class TeamLeadDay(SequentialTaskSet):
    tasks = [start_page, case_list, search, case_page, map_page, safety_plan, report]


class Caseworker(Person):
    kind = "worker"
    weight = 4
    tasks = [CaseworkerDay]


class TeamLead(Person):
    kind = "lead"
    weight = 1
    tasks = [TeamLeadDay]


@events.quitting.add_listener
def _write_acknowledged(environment, **_kwargs):
    Path(os.environ["BENCH_ACKS"]).write_text(json.dumps({"check_ins": acknowledged}))
