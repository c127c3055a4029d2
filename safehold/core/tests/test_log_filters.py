"""Refused requests are logged as one line; server errors keep their traceback (settings.LOGGING)."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils.log import log_response


def test_a_refused_page_is_one_line_in_the_log_without_a_traceback(caseworker, client_for, caplog):
    # The organisation's pages raise PermissionDenied for a caseworker: Django logged its whole traceback.
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_for(caseworker).get("/organisation/users/")

    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /organisation/users/"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_a_page_not_found_is_one_line_in_the_log(caseworker, client_for, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client_for(caseworker).get("/cases/999999999/").status_code == 404

    assert [(r.getMessage(), r.exc_info) for r in caplog.records if r.name == "django.request"] == [
        ("Not Found: /cases/999999999/", None)]


def test_a_server_error_keeps_its_traceback(caplog):
    request = RequestFactory().get("/somewhere/")
    try:
        raise RuntimeError("broken")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="django.request"):
            log_response("%s: %s", "Internal Server Error", request.path, request=request,
                         response=HttpResponse(status=500), exception=exc)

    [record] = caplog.records
    assert record.exc_info is not None
    assert "RuntimeError: broken" in caplog.text


def test_the_console_handler_drops_the_traceback_of_a_suspicious_request_too():
    # django.security.<kind> loggers are many; the handler's filter catches them all.
    from safehold.core.log_filters import RefusalsWithoutTraceback

    try:
        raise ValueError("bad host")
    except ValueError:
        record = logging.LogRecord("django.security.DisallowedHost", logging.ERROR, __file__, 1, "Invalid host",
                                   None, sys.exc_info())
    record.status_code = 400
    [console] = [h for h in logging.getLogger().handlers
                 if any(isinstance(f, RefusalsWithoutTraceback) for f in h.filters)]

    assert console.filter(record)
    assert record.exc_info is None


@pytest.fixture
def console_output() -> Iterator[io.StringIO]:
    """What the console handler LOGGING sets up at the root writes: its own stream, for the test."""
    [console] = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    assert isinstance(console, logging.StreamHandler)
    output = io.StringIO()
    previous = console.setStream(output)
    yield output
    console.setStream(previous)


def test_a_refusal_logged_by_django_request_reaches_every_handler_without_its_traceback() -> None:
    # The filter sits on the django.request logger itself: the handlers Django puts on the `django` logger (the
    # admins' mail) handle the record on its way up, before the console handler at the root and its filter.
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logging.getLogger("django").addHandler(handler)
    request = RequestFactory().get("/cases/7/")
    try:
        try:
            raise PermissionDenied("Freja Sørensen is not on your cases")
        except PermissionDenied as exc:
            log_response("Forbidden (Permission denied): %s", request.path, request=request,
                         response=HttpResponse(status=403), exception=exc, logger=logging.getLogger("django.request"))
    finally:
        logging.getLogger("django").removeHandler(handler)

    assert output.getvalue() == "django.request WARNING Forbidden (Permission denied): /cases/7/\n"


def test_a_suspicious_request_is_one_line_on_the_console(client: Client, console_output: io.StringIO) -> None:
    # Django logs a request for a host it does not serve to django.security.DisallowedHost, with the traceback;
    # no logger filter covers those loggers, the console handler's filter does.
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert console_output.getvalue() == (
        "Invalid HTTP_HOST header: 'attacker.example'. You may need to add 'attacker.example' to ALLOWED_HOSTS.\n")
