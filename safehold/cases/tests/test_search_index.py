"""The name search's index on SQLite (cases/search_index.py, migration 0007): the FTS5 trigram tables answer the
search, follow every insert, rename and delete through their triggers on the final schema, and find what
scanning the keys would find, whatever is typed."""

import pytest
from django.db import connection
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.cases.models import Case
from safehold.cases.selectors import _named
from safehold.core.text import fold
from safehold.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's (PostgreSQL: pg_trgm)")

NAMES = ["Sørensen", "Müller", "Jürgen", "Ødegård", "O'Brien", 'Anna "Ani" Holm', "Nowak-Łukasik", "Ahmed"]


def _ids(needle: str) -> set[int]:
    return set(Case.objects.filter(_named(fold(needle))).values_list("pk", flat=True))


def _scanned(needle: str) -> set[int]:
    folded = fold(needle)
    return set(Case.objects.filter(Q(search_key__contains=folded) | Q(people__search_key__contains=folded))
               .values_list("pk", flat=True))


def test_the_search_is_answered_by_the_fts5_tables(db):
    sql, params = Case.objects.filter(_named("muller")).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
    assert "VIRTUAL TABLE INDEX" in plan and "cases_person_search" in plan and "cases_case_search" in plan


def test_a_person_is_found_after_being_added_renamed_and_not_after_being_deleted(db):
    case = CaseFactory(family_name="Becker")
    person = PersonFactory(case=case, first_name="Jürgen", last_name="Müller")
    assert _ids("müller") == {case.pk}
    person.last_name = "Schmidt"
    person.refresh_search_key()
    person.save()
    assert _ids("müller") == set()
    assert _ids("schmidt") == {case.pk}
    person.delete()
    assert _ids("schmidt") == set()


def test_a_case_is_found_by_its_family_name_and_reference_after_a_change(db):
    case = CaseFactory(family_name="Jørgensen", reference="JA-2026-0777")
    assert _ids("jorgensen") == _ids("0777") == {case.pk}
    case.family_name = "Lund"
    case.refresh_search_key()
    case.save()
    assert _ids("jorgensen") == set()
    assert _ids("lund") == {case.pk}


@pytest.fixture
def families(db):
    for index, name in enumerate(NAMES):
        case = CaseFactory(family_name=name, reference=f"JA-2026-{index:04d}")
        PersonFactory(case=case, first_name=NAMES[-1 - index], last_name=name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(needle=st.one_of(st.sampled_from(NAMES).flatmap(
    lambda name: st.tuples(st.integers(0, len(name)), st.integers(0, len(name))).map(
        lambda ends: name[min(ends):max(ends)])), st.text(max_size=12)))
def test_the_index_finds_what_scanning_would_find_whatever_is_typed(families, needle):
    assert _ids(needle) == _scanned(needle)
