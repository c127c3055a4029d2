"""Pages run a fixed number of queries, however many cases and people there are."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safehold.cases.models import CaseAssignment
from safehold.cases.services import case_reopen, case_transition
from safehold.core.fragment_cache import CACHE_ALIAS
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory


def _cases(organisation, team, worker, count, people_each=3):
    for _ in range(count):
        case = CaseFactory(organisation=organisation, team=team)
        AssignmentFactory(case=case, user=worker, role=CaseAssignment.Role.CASEWORKER)
        for index in range(people_each):
            PersonFactory(case=case, role="child" if index % 2 == 0 else "parent")


def _count(client, url) -> int:
    """The queries of a page rendered afresh: the factories write without the services' change records, so a
    case page kept from the first count (core/fragment_cache.py) would otherwise answer the second."""
    caches[CACHE_ALIAS].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/cases/", "/cases/?q=a", "/", "/attention/"])
def test_the_case_list_and_start_page_query_count_does_not_grow_with_cases(url, organisation, team, caseworker,
                                                                        client_for):
    client = client_for(caseworker)
    _cases(organisation, team, caseworker, 2)
    few = _count(client, url)
    _cases(organisation, team, caseworker, 40, people_each=6)
    many = _count(client, url)
    assert many == few
    # The Perspektivklärung's deadlines (perspective.attention) take five on the start page, the referrals due
    # for a follow-up (resources.attention) one.
    assert many <= 19  # and one for the audit chain's head (audit/chain.py)


def test_the_start_page_s_reports_read_the_open_cases_once_and_only_while_they_report(
        organisation, team, caseworker, monkeypatch):
    from safehold.cases import selectors
    from safehold.cases.sections import attention_for

    _cases(organisation, team, caseworker, 2)
    reads = []
    my_cases = selectors.my_cases
    monkeypatch.setattr(selectors, "my_cases", lambda **kwargs: reads.append(1) or my_cases(**kwargs))
    attention_for(caseworker)
    assert len(reads) == 1  # the safety plan's and the Perspektivklärung's reports both ask
    _cases(organisation, team, caseworker, 1)
    assert len(selectors.open_case_ids(user=caseworker)) == 3  # outside, the cases as they are now


def test_the_case_page_query_count_does_not_grow_with_people(case, caseworker, client_for,
                                                             django_assert_max_num_queries):
    client = client_for(caseworker)
    PersonFactory(case=case)
    few = _count(client, f"/cases/{case.pk}/")
    for _ in range(60):
        PersonFactory(case=case, role="network")
    many = _count(client, f"/cases/{case.pk}/")
    assert many == few
    # The case's own data takes 10; each tool's section adds one to three (maps, safety plan, the child's
    # voice, Words & Pictures, the network: its people, ties and the rules each holds), however much each holds;
    # the closing form asks once what closing would end (cases.closing); the meetings take one. The
    # Perspektivklärung takes two on a case without placements (the placements, the assignments still open) and
    # four with one (their carers, the next care-plan meeting: perspective/tests/test_case_section.py), and one
    # for where each placed child lives, for the network's pictures (perspective.carers). The screening takes
    # one; the children's outcomes one (the closing form and the status panel share it); the referrals one.
    # The read audit locks its chain's head (audit/chain.py): one. The case's last change, for the key of the
    # kept page (cases/views.py): one.
    caches[CACHE_ALIAS].clear()
    with django_assert_max_num_queries(29):
        client.get(f"/cases/{case.pk}/")


def test_the_case_page_kept_from_the_last_view_runs_only_the_access_the_key_and_the_audit(
        case, caseworker, client_for, django_assert_max_num_queries):
    client = client_for(caseworker)
    PersonFactory(case=case)
    client.get(f"/cases/{case.pk}/")
    # The session and the user; the case and the reader's roles on it (cases/access.py); the case's last change;
    # the read audit's chain head and its record. Nothing of the sections.
    with django_assert_max_num_queries(8):
        response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200


def test_the_team_lead_s_list_does_not_grow_either(organisation, team, caseworker, team_lead, client_for):
    client = client_for(team_lead)
    _cases(organisation, team, caseworker, 2)
    few = _count(client, "/cases/")
    _cases(organisation, team, caseworker, 30)
    assert _count(client, "/cases/") == few


def test_the_case_page_query_count_does_not_grow_with_children_s_outcomes(case, caseworker, client_for):
    client = client_for(caseworker)
    PersonFactory(case=case, role="child")
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    few = _count(client, f"/cases/{case.pk}/")
    case.refresh_from_db()
    case_reopen(actor=caseworker, case=case, to_status="assessment", reason="New worries")
    for _ in range(8):
        PersonFactory(case=case, role="child")
    case.refresh_from_db()
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="placed")
    many = _count(client, f"/cases/{case.pk}/")
    assert many == few
