"""The case list's search: names found however they are spelt with accents, only among the cases one may see,
in a fixed number of queries, and on PostgreSQL through the trigram indexes (migration 0006)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safehold.cases.models import CaseAssignment
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")


def _found(client, query) -> list[str]:
    return [c.reference for c in client.get("/cases/", {"q": query}).context["page"].object_list]


def _assigned_case(organisation, team, worker, **fields):
    case = CaseFactory(organisation=organisation, team=team, **fields)
    AssignmentFactory(case=case, user=worker, role=CaseAssignment.Role.CASEWORKER)
    return case


@pytest.fixture
def mueller(organisation, team, caseworker):
    case = _assigned_case(organisation, team, caseworker, reference="JA-2026-0101", family_name="Becker")
    PersonFactory(case=case, role="parent", first_name="Jürgen", last_name="Müller")
    return case


@pytest.fixture
def joergensen(organisation, team, caseworker):
    return _assigned_case(organisation, team, caseworker, reference="JA-2026-0102", family_name="Jørgensen")


@pytest.mark.parametrize("query", ["muller", "Müller", "MÜLLER", "mül", "jurgen muller", "mu"])
def test_a_person_s_name_is_found_without_its_umlaut_and_in_any_case(query, mueller, joergensen, caseworker,
                                                                     client_for):
    assert _found(client_for(caseworker), query) == [mueller.reference]


@pytest.mark.parametrize("query", ["jorgensen", "Jørgensen", "JØRGENSEN", "Jörgensen", "jør"])
def test_a_family_name_with_a_danish_letter_is_found_by_its_plain_spelling(query, mueller, joergensen, caseworker,
                                                                             client_for):
    # fold() spells ø as o, as on a keyboard without it; "oe" is another word ("joergensen" finds nothing).
    assert _found(client_for(caseworker), query) == [joergensen.reference]


def test_a_reference_is_found_by_a_piece_of_it(mueller, joergensen, caseworker, client_for):
    assert _found(client_for(caseworker), "0102") == [joergensen.reference]


def test_another_organisation_s_people_never_appear(mueller, stranger, client_for, caseworker):
    theirs = _assigned_case(stranger.organisation, None, stranger, reference="RK-2026-0001", family_name="Müller")
    PersonFactory(case=theirs, first_name="Jürgen", last_name="Müller")

    assert _found(client_for(caseworker), "muller") == [mueller.reference]
    assert _found(client_for(stranger), "muller") == [theirs.reference]
    assert _found(client_for(stranger), "mu") == [theirs.reference]


def test_a_case_of_one_s_own_organisation_one_may_not_see_is_not_found(mueller, organisation, team, colleague,
                                                                       caseworker, client_for):
    assert _found(client_for(colleague), "muller") == []
    assert _found(client_for(caseworker), "muller") == [mueller.reference]


@pytest.mark.parametrize("query", ["muller", "Müller", "mü", "becker", "0101", "jør", "nobody"])
def test_a_team_lead_through_the_index_finds_what_a_worker_finds_by_walking_their_cases(
        query, mueller, joergensen, caseworker, team_lead, client_for):
    # The worker leads no team: their few cases are walked (selectors.case_list); the lead's through the index.
    assert _found(client_for(team_lead), query) == _found(client_for(caseworker), query)


def test_a_case_with_several_people_of_that_name_appears_once(mueller, caseworker, client_for):
    PersonFactory(case=mueller, role="child", first_name="Lena", last_name="Müller")
    assert _found(client_for(caseworker), "muller") == [mueller.reference]


def test_the_search_page_runs_as_many_queries_for_twenty_hits_as_for_one(organisation, team, caseworker, client_for,
                                                                      django_assert_max_num_queries):
    client = client_for(caseworker)
    for _ in range(3):
        PersonFactory(case=_assigned_case(organisation, team, caseworker, family_name="Schmidt"))
    first = _assigned_case(organisation, team, caseworker, family_name="Becker")
    PersonFactory(case=first, role="child", last_name="Jensen")
    with CaptureQueriesContext(connection) as one_hit:
        assert len(_found(client, "jensen")) == 1
    for _ in range(19):
        case = _assigned_case(organisation, team, caseworker, family_name="Jensen")
        PersonFactory(case=case, role="child", last_name="Jensen")
        PersonFactory(case=case, role="parent", last_name="Jensen")
    # The list's 13 (docs/PERFORMANCE.md) and the audit chain's head (audit/chain.py).
    with django_assert_max_num_queries(len(one_hit)):
        assert len(_found(client, "jensen")) == 20
    assert len(one_hit) <= 14


@on_postgresql
def test_the_trigram_extension_and_both_indexes_are_installed(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() is not None
        cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
                       [["case_search_trgm", "person_search_trgm"]])
        indexes = {(table, name): definition for table, name, definition in cursor.fetchall()}
    assert set(indexes) == {("cases_case", "case_search_trgm"), ("cases_person", "person_search_trgm")}
    for definition in indexes.values():
        assert "USING gin (search_key gin_trgm_ops)" in definition
