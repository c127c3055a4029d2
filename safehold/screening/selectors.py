"""Reads of the screening tool, scoped by the case: pages, the API and the demo share them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from safehold.cases.models import Case
from safehold.core.ids import as_pk
from safehold.mapping.models import Entry
from safehold.screening.models import Screening, ScreeningAnswer

_PEOPLE = ("child", "worker_decided_by", "lead_decided_by")


def _screenings(case: Case) -> QuerySet[Screening]:
    return Screening.objects.filter(case=case).select_related(*_PEOPLE)


def _with_answers(screenings: QuerySet[Screening]) -> QuerySet[Screening]:
    return screenings.prefetch_related(Prefetch(
        "answers", queryset=ScreeningAnswer.objects.prefetch_related(
            Prefetch("map_entries", queryset=Entry.objects.select_related("map").order_by("pk")))))


def case_screenings(case: Case) -> list[Screening]:
    """The case's screenings, latest first, without their answers (the outcome is kept on each). One query."""
    return list(_screenings(case))


def case_screenings_in_full(case: Case) -> list[Screening]:
    """The case's screenings, latest first, with their answers and their map entries. Three queries."""
    return list(_with_answers(_screenings(case)))


def current_screenings(screenings: Iterable[Screening]) -> list[Screening]:
    """The latest screening of each child and of the whole family, from a list latest first: the current ones,
    the whole family's first."""
    current: dict[int | None, Screening] = {}
    for screening in screenings:
        current.setdefault(screening.child_id, screening)
    return sorted(current.values(), key=lambda s: (s.child_id is not None, s.child.first_name if s.child else ""))


def case_screening(case: Case, screening_id: object) -> Screening:
    """A screening of this case named in a URL, with its answers and their map entries, or 404. Three queries."""
    pk = as_pk(screening_id)
    screening = _with_answers(_screenings(case)).filter(pk=pk).first() if pk else None
    if screening is None:
        raise Http404
    return screening


def answerable_entries(case: Case) -> list[Entry]:
    """The map entries of the case an answer may point to (not deleted), map by map. One query."""
    return list(Entry.objects.filter(map__case=case, deleted_at__isnull=True).select_related("map")
                .order_by("map__drawn_on", "map_id", "part", "position", "pk"))
