"""The server's WSGI application freezes the garbage collector's objects once, after a worker's warm-up."""

import gc

import pytest

from config.gc_freeze import WARM_UP_REQUESTS, FreezeAfterWarmUp


def _hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_objects_are_frozen_after_the_warm_up_and_not_before(unfrozen):
    application = FreezeAfterWarmUp(_hello, after=3)
    for _ in range(2):
        assert application({}, lambda *_: None) == [b"hello"]
    assert gc.get_freeze_count() == 0

    assert application({}, lambda *_: None) == [b"hello"]
    assert gc.get_freeze_count() > 1000  # the interpreter's, Django's and the test run's objects


def test_it_collects_and_freezes_once_only(unfrozen, monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    application = FreezeAfterWarmUp(_hello, after=2)
    for _ in range(10):
        application({}, lambda *_: None)
    assert calls == ["collect", "freeze"]


def test_the_server_runs_the_application_through_it():
    from config.wsgi import application

    assert isinstance(application, FreezeAfterWarmUp)
    assert application.after == WARM_UP_REQUESTS
