"""The case page's body is kept rendered until the case changes (cases/views.py, core/fragment_cache.py): every
change through a service shows on the next view, whichever tool made it, and the kept page is still audited and
still posts."""

import re
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.services import person_create
from safehold.safety_plans.services import plan_create

KEPT_PAGE_QUERIES = 8  # cases/tests/test_query_counts.py: the access, the key and the audit, nothing of the sections


def _view(client, case) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_second_view_is_served_from_the_kept_page(case, caseworker, client_for):
    client = client_for(caseworker)
    first, rendered = _view(client, case)
    second, kept = _view(client, case)
    assert kept <= KEPT_PAGE_QUERIES < rendered
    assert _without_tokens(first) == _without_tokens(second)


def test_a_person_added_shows_on_the_next_view(case, caseworker, client_for):
    client = client_for(caseworker)
    _view(client, case)
    person_create(actor=caseworker, case=case, role="network", first_name="Grete", last_name="Holm")
    page, _queries = _view(client, case)
    assert "Grete Holm" in page


def test_a_change_in_another_tool_shows_on_the_next_view(case, caseworker, client_for):
    client = client_for(caseworker)
    before, _queries = _view(client, case)
    assert "Start the plan" in before
    plan_create(actor=caseworker, case=case)
    after, _queries = _view(client, case)
    assert "is being worked on" in after and "Start the plan" not in after


def test_another_reader_gets_a_page_rendered_for_what_they_may_do(case, caseworker, team_lead, client_for):
    workers_page, _queries = _view(client_for(caseworker), case)
    assert f"/cases/{case.pk}/access-log/" not in workers_page
    leads_page, queries = _view(client_for(team_lead), case)
    assert queries > KEPT_PAGE_QUERIES
    assert f"/cases/{case.pk}/access-log/" in leads_page


def test_the_next_day_renders_again(case, caseworker, client_for, monkeypatch):
    client = client_for(caseworker)
    _view(client, case)
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    _page, queries = _view(client, case)
    assert queries > KEPT_PAGE_QUERIES


def test_every_view_of_the_kept_page_is_audited(case, caseworker, client_for):
    client = client_for(caseworker)
    for _ in range(3):
        _view(client, case)
    assert AuditEvent.objects.filter(case_id=case.pk, action="view", actor=caseworker).count() == 3


def test_the_kept_page_s_form_posts_with_the_token_of_the_session_that_got_it(case, caseworker, client_for):
    client_for(caseworker).get(f"/cases/{case.pk}/")  # kept by another session of the same person
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    form = re.search(rf'<form[^>]*action="/cases/{case.pk}/status/".*?</form>', page, re.DOTALL).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(f"/cases/{case.pk}/status/", {"csrfmiddlewaretoken": token, "version": case.version})
    assert response.status_code != 403  # refused for the missing status, not for the token
    forged = client.post(f"/cases/{case.pk}/status/", {"csrfmiddlewaretoken": "x" * 64, "version": case.version})
    assert forged.status_code == 403


def _without_tokens(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", html)
