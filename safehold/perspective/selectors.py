"""Reads of the perspective tool, scoped by the case: pages, the API and the demo share them."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from safehold.cases.models import Case, Person
from safehold.core.ids import as_pk
from safehold.perspective.models import Assignment, Contact, Placement, Recommendation


def case_placements(case: Case) -> list[Placement]:
    """The case's placements, latest start first, with the child and the carers. Two queries."""
    return list(Placement.objects.filter(case=case).select_related("child")
                .prefetch_related(Prefetch("carers", queryset=Person.objects.order_by("pk"))))


def case_placement(case: Case, placement_id: object) -> Placement:
    """A placement of this case named in a URL, or 404."""
    pk = as_pk(placement_id)
    placement = (Placement.objects.filter(case=case, pk=pk).select_related("child")
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


def case_contacts(case: Case) -> list[Contact]:
    """Every contact of the case's placements, in date order (to link them). One query."""
    return list(Contact.objects.filter(case=case).order_by("on", "pk"))


def placement_recommendation(placement: Placement) -> Recommendation | None:
    """The placement's recommendation with its linked assignments and contacts, or None. Three queries."""
    return (Recommendation.objects.filter(placement=placement)
            .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.order_by("due_on", "pk")),
                              Prefetch("contacts", queryset=Contact.objects.order_by("on", "pk")))
            .first())
