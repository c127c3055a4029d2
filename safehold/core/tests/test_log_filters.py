"""Refused requests are logged as one line; server errors keep their traceback (settings.LOGGING)."""

from __future__ import annotations

import logging
import sys

from django.http import HttpResponse
from django.test import RequestFactory
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
