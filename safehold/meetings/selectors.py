"""Reads of meetings, scoped by their case (an id of another case is a page that does not exist: 404)."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.http import Http404

from safehold.cases.models import Case
from safehold.core.ids import pk_or_404
from safehold.meetings.models import Agreement, Expectation, Meeting, Professional


def case_meetings(case: Case) -> list[Meeting]:
    """The case's meetings, newest first, each with how many took part and how many agreements. One query."""
    return list(
        Meeting.objects.filter(case=case)
        .annotate(participant_count=Count("participants", distinct=True),
                  professional_count=Count("professionals", distinct=True),
                  agreement_count=Count("agreements", distinct=True))
        .order_by("-held_on", "-id")
    )


def case_meeting(case: Case, meeting_id: object) -> Meeting:
    """One meeting of the case with who took part, the expectations and the agreements. Five queries."""
    found = (Meeting.objects.filter(case=case, pk=pk_or_404(meeting_id))
             .prefetch_related("participants", "professionals", "expectations",
                               Prefetch("agreements", queryset=Agreement.objects.order_by("position", "id")))
             .first())
    if found is None:
        raise Http404
    return found


def meeting_agreement(meeting: Meeting, agreement_id: object) -> Agreement:
    found = Agreement.objects.filter(meeting=meeting, pk=pk_or_404(agreement_id)).first()
    if found is None:
        raise Http404
    return found


def meeting_professional(meeting: Meeting, professional_id: object) -> Professional:
    found = Professional.objects.filter(meeting=meeting, pk=pk_or_404(professional_id)).first()
    if found is None:
        raise Http404
    return found


def meeting_expectation(meeting: Meeting, expectation_id: object) -> Expectation:
    found = Expectation.objects.filter(meeting=meeting, pk=pk_or_404(expectation_id)).first()
    if found is None:
        raise Http404
    return found
