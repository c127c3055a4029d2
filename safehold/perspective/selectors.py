"""Reads of the perspective tool, scoped by the case: pages, the API and the demo share them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from safehold.cases.models import Case, Person
from safehold.core.ids import as_pk
from safehold.meetings.models import Meeting, MeetingKind
from safehold.perspective.models import PENDING_STATUSES, Assignment, Contact, HelpPlan, Placement, Recommendation

# The meetings of the care-plan process (the Hilfeplangespräch and its reviews): their dates are the process's.
CARE_PLAN_MEETINGS = (MeetingKind.CARE_PLAN, MeetingKind.REVIEW)


def case_placements(case: Case) -> list[Placement]:
    """The case's placements, latest start first, with the child, the recommendation (if any)
    and the carers. Two queries."""
    return list(Placement.objects.filter(case=case).select_related("child", "recommendation")
                .prefetch_related(Prefetch("carers", queryset=Person.objects.order_by("pk"))))


def case_placement(case: Case, placement_id: object) -> Placement:
    """A placement of this case named in a URL, or 404."""
    pk = as_pk(placement_id)
    placement = (Placement.objects.filter(case=case, pk=pk).select_related("child", "recommendation")
                 .prefetch_related(Prefetch("carers", queryset=Person.objects.order_by("pk"))).first()
                 if pk else None)
    if placement is None:
        raise Http404
    return placement


def _contacts(placement: Placement) -> QuerySet[Contact]:
    return (Contact.objects.filter(placement=placement)
            .prefetch_related(Prefetch("present", queryset=Person.objects.order_by("pk"))))


def placement_contacts(placement: Placement) -> list[Contact]:
    """The contacts of a placement in date order, with who was there. Two queries."""
    return list(_contacts(placement))


def placement_contact(placement: Placement, contact_id: object) -> Contact:
    """A contact of this placement named in a URL, or 404."""
    pk = as_pk(contact_id)
    contact = _contacts(placement).filter(pk=pk).first() if pk else None
    if contact is None:
        raise Http404
    contact.placement = placement
    return contact


def _assignments(case: Case) -> QuerySet[Assignment]:
    return (Assignment.objects.filter(case=case).select_related("meeting")
            .prefetch_related(Prefetch("contacts", queryset=Contact.objects.order_by("on", "pk"))))


def case_assignments(case: Case) -> list[Assignment]:
    """The case's clarification assignments, earliest due first, with their meeting and contacts. Two queries."""
    return list(_assignments(case))


def case_assignment(case: Case, assignment_id: object) -> Assignment:
    """An assignment of this case named in a URL, or 404."""
    pk = as_pk(assignment_id)
    assignment = _assignments(case).filter(pk=pk).first() if pk else None
    if assignment is None:
        raise Http404
    return assignment


def pending_assignments(case: Case) -> list[Assignment]:
    """The case's assignments still open or in progress, earliest due first (those without a date last). One
    query."""
    return list(Assignment.objects.filter(case=case, status__in=PENDING_STATUSES)
                .order_by(F("due_on").asc(nulls_last=True), "pk"))


@dataclass(frozen=True)
class NextMeeting:
    on: date
    meeting: Meeting  # the meeting itself, when it is ahead; else the one that agreed the date
    agreed: bool  # the date was agreed in `meeting` as its next one


def next_care_plan_meeting(case: Case, *, today: date) -> NextMeeting | None:
    """The next care-plan or review meeting from today: one recorded ahead, or the next date a past one agreed,
    whichever is earlier. One query."""
    found: list[NextMeeting] = []
    for meeting in Meeting.objects.filter(Q(held_on__gte=today) | Q(next_on__gte=today), case=case,
                                          kind__in=CARE_PLAN_MEETINGS):
        if meeting.held_on >= today:
            found.append(NextMeeting(on=meeting.held_on, meeting=meeting, agreed=False))
        elif meeting.next_on is not None:
            found.append(NextMeeting(on=meeting.next_on, meeting=meeting, agreed=True))
    return min(found, key=lambda n: (n.on, n.agreed, n.meeting.pk), default=None)


def case_contacts(case: Case) -> list[Contact]:
    """Every contact of the case's placements, in date order (to link them). One query."""
    return list(Contact.objects.filter(case=case).order_by("on", "pk"))


def placement_recommendation(placement: Placement) -> Recommendation | None:
    """The placement's recommendation with its linked assignments and contacts, or None. Three queries."""
    return (Recommendation.objects.filter(placement=placement)
            .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.order_by("due_on", "pk")),
                              Prefetch("contacts", queryset=Contact.objects.order_by("on", "pk")))
            .first())


# --- what a deletion takes with it ---------------------------------------------------------------------------

def linking_contacts(contacts: Iterable[Contact]) -> tuple[list[Assignment], list[Recommendation]]:
    """The assignments and the recommendations that link one of these contacts: they lose the link when the
    contacts are deleted. Two queries."""
    ids = [c.pk for c in contacts]
    if not ids:
        return [], []
    return (list(Assignment.objects.filter(contacts__in=ids).distinct().order_by("due_on", "pk")),
            list(Recommendation.objects.filter(contacts__in=ids).distinct().select_related("placement__child")
                 .order_by("pk")))


@dataclass(frozen=True)
class Losses:
    """What deleting a record takes with it, and the records elsewhere that only lose a link to it: for the
    page that asks before deleting."""

    contacts: int = 0
    recommendation: Recommendation | None = None
    unlinked_assignments: list[Assignment] = field(default_factory=list)
    unlinked_recommendations: list[Recommendation] = field(default_factory=list)
    unlinked_help_plans: list[HelpPlan] = field(default_factory=list)


def placement_losses(placement: Placement) -> Losses:
    contacts = list(Contact.objects.filter(placement=placement))
    recommendation = Recommendation.objects.filter(placement=placement).first()
    assignments, recommendations = linking_contacts(contacts)
    return Losses(contacts=len(contacts), recommendation=recommendation, unlinked_assignments=assignments,
                  unlinked_recommendations=[r for r in recommendations if r != recommendation],
                  unlinked_help_plans=list(HelpPlan.objects.filter(placement=placement).select_related("meeting")
                                           .order_by("pk")))


def contact_losses(contact: Contact) -> Losses:
    assignments, recommendations = linking_contacts([contact])
    return Losses(unlinked_assignments=assignments, unlinked_recommendations=recommendations)


def assignment_losses(assignment: Assignment) -> Losses:
    return Losses(unlinked_recommendations=list(assignment.recommendations.select_related("placement__child")
                                                .order_by("pk")))
