"""Each page on its own under wrk, as issue 18 measured them before any change (its table: wrk with 16 connections,
one URL at a time, a caseworker logged in), and once with one connection: the time of that page on an idle server.
The case page's rate against L2 logged in is the issue's budget for saturation (at least a quarter)."""

from __future__ import annotations

import time
import urllib.request
from dataclasses import dataclass

from bench.load.loadgen import Row, wrk

SEARCH = "jensen"  # the search; the load data draws Danish names, and the search folds accents


@dataclass
class Measured:
    many: Row  # 16 connections
    alone: Row  # one connection


def urls(journey: dict) -> list[tuple[str, str, bool]]:
    """(name, path, through the API) of the pages in the issue's table, for this caseworker's case."""
    case = journey["case"]
    return [("start page (\"my work\")", "/", False), ("case list", "/cases/", False),
            (f"search \"{SEARCH}\"", f"/cases/?q={SEARCH}", False), ("case page", f"/cases/{case}/", False),
            ("API case list", "/api/v1/cases", True), ("API one case", f"/api/v1/cases/{case}", True)]


def measure(base: str, journey: dict, *, session: str, token: str, seconds: int, alone_seconds: int) -> list[Measured]:
    measured = []
    for name, path, api in urls(journey):
        credentials = {"token": token} if api else {"cookie": f"sessionid={session}"}
        _answers(base + path, credentials)
        many = wrk(name, base + path, seconds=seconds, connections=16, **credentials)
        # wrk stops with 16 requests still queued at gunicorn, which serves them to nobody: about one p50 of
        # work. Measured from the first second, they made the next run's first requests wait (a p95 of 700 ms
        # for a page that takes 150 ms alone).
        time.sleep(many.p50 / 1000 + 0.5)
        alone = wrk(name, base + path, seconds=alone_seconds, connections=1, **credentials)
        measured.append(Measured(many, alone))
    return measured


def _answers(url: str, credentials: dict[str, str]) -> None:
    """The page answers 200 to these credentials: wrk counts a redirect to the login form as a success."""
    headers = {"Cookie": credentials["cookie"]} if "cookie" in credentials else {
        "Authorization": f"Bearer {credentials['token']}"}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as answer:  # noqa: S310
        if answer.status != 200 or "/accounts/login/" in answer.url:
            raise SystemExit(f"{url} answered {answer.status} at {answer.url}, not the page")
