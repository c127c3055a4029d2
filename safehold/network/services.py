"""Every change to the register of relationships, the safety circles and the network's coordinator. Pages,
the API and the demo data call these; each runs in one transaction with its audit record.

People are named by their ids, as a form or an API body sends them, and looked up among the case's people here:
someone of another case is refused on that field.

What the register refuses: a relationship of a person with themself, a tie to someone of another case, the
same tie twice, a cycle of parenthood (someone their own ancestor), and a parent or grandparent younger than
the child.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases import services as cases
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.selectors import chosen_person
from safehold.core.text import isolate
from safehold.core.validation import SHORT, Errors, clean_date, clean_text
from safehold.core.versioning import ConflictError, apply_changes, save_versioned
from safehold.network.models import (
    DIRECTED,
    LEGAL_BASIS_LENGTH,
    CaseNetwork,
    Circle,
    CirclePlacement,
    Kind,
    Quality,
    Relationship,
)
from safehold.network.placements import placements_date
from safehold.network.selectors import case_relationship

RELATIONSHIP_FIELDS = ("kind", "quality", "legal_basis", "note")
# Kinds where the first person is of an older generation than the second.
OLDER_FIRST = (Kind.PARENT, Kind.GRANDPARENT)
# Where a refused tie's messages go when the tie is added with a new person, who is always the first person.
NEW_PERSON_FIELDS = {"person_a": "first_name", "person_b": "related_to"}


@dataclass(frozen=True)
class _Tie:
    """A relationship as the register may hold it: people of the case, a tie both ways with the lower id first."""

    person_a: Person
    person_b: Person
    kind: str
    quality: str
    legal_basis: str
    note: str


def _ancestors(case: Case, person_id: int, *, ignore: int | None = None) -> set[int]:
    """Everyone above a person through "is a parent of" and "is a grandparent of" ties. One query."""
    parents: dict[int, set[int]] = defaultdict(set)
    rows = Relationship.objects.filter(case=case, kind__in=OLDER_FIRST)
    if ignore is not None:
        rows = rows.exclude(pk=ignore)
    for older, younger in rows.values_list("person_a_id", "person_b_id"):
        parents[younger].add(older)
    seen: set[int] = set()
    todo = [person_id]
    while todo:
        for parent in parents[todo.pop()]:
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def _clean(case: Case, *, person_a: int | None, person_b: int | None, kind: str, quality: str, legal_basis: str,
           note: str, ignore: int | None = None) -> _Tie:
    errors = Errors()
    people: dict[str, Person | None] = {}
    for field, person_id in (("person_a", person_a), ("person_b", person_b)):
        try:
            people[field] = chosen_person(case, person_id, field=field)
        except ValidationError:
            errors.add(field, _("Choose a person on this case."))
            people[field] = None
    if kind not in Kind.values:
        errors.add("kind", _("Choose the kind of relationship."))
    quality = quality or Quality.NORMAL
    if quality not in Quality.values:
        errors.add("quality", _("Choose how the relationship is."))
    basis_required = (_("Name the decision or provision the contact restriction rests on.")
                      if kind == Kind.CONTACT_RESTRICTED else "")
    legal_basis = clean_text(legal_basis, "legal_basis", errors, limit=LEGAL_BASIS_LENGTH, required=basis_required)
    note = clean_text(note, "note", errors, limit=SHORT)
    a, b = people["person_a"], people["person_b"]
    if a is not None and b is not None and "kind" not in errors:
        if a.pk == b.pk:
            errors.add("person_b", _("A person cannot be in a relationship with themself."))
        elif kind in OLDER_FIRST:
            if a.birth_date and b.birth_date and a.birth_date >= b.birth_date:
                errors.add("person_b", _("%(older)s is not older than %(younger)s: check who is the parent, or "
                                         "the dates of birth.") % {"older": isolate(a.full_name),
                                                                   "younger": isolate(b.full_name)})
            elif b.pk in _ancestors(case, a.pk, ignore=ignore):
                errors.add("person_b", _("%(younger)s is already above %(older)s in the family: a person cannot "
                                         "be their own ancestor.") % {"older": isolate(a.full_name),
                                                                      "younger": isolate(b.full_name)})
        if kind not in DIRECTED and a.pk > b.pk:
            a, b = b, a  # a tie both ways is kept once, the lower id first
    errors.raise_if_any()
    assert a is not None and b is not None  # every refusal was raised above
    return _Tie(person_a=a, person_b=b, kind=kind, quality=quality, legal_basis=legal_basis, note=note)


def _recorded(tie: _Tie) -> bool:
    return Relationship.objects.filter(person_a=tie.person_a, person_b=tie.person_b, kind=tie.kind).exists()


@transaction.atomic
def relationship_create(*, actor: User, case: Case, person_a: int | None, person_b: int | None, kind: str,
                        quality: str = Quality.NORMAL, legal_basis: str = "", note: str = "") -> Relationship:
    """Record how two people of the case are related ("person_a <kind> person_b" for the directed kinds)."""
    require_case_perm(actor, case, Perm.CHANGE)
    tie = _clean(case, person_a=person_a, person_b=person_b, kind=kind, quality=quality, legal_basis=legal_basis,
                 note=note)
    if _recorded(tie):
        raise ValidationError({"kind": _("This relationship is already recorded.")})
    relationship = Relationship.objects.create(
        case=case, created_by=actor, person_a=tie.person_a, person_b=tie.person_b, kind=tie.kind,
        quality=tie.quality, legal_basis=tie.legal_basis, note=tie.note)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=relationship,
                 changed_fields=["person_a", "person_b", *RELATIONSHIP_FIELDS])
    return relationship


@transaction.atomic
def relationship_update(*, actor: User, case: Case, relationship: Relationship, expected_version: int,
                        kind: str | None = None, quality: str | None = None, legal_basis: str | None = None,
                        note: str | None = None) -> list[str]:
    """Change how a relationship is (its kind, quality, legal basis, note; None leaves one as it is); who it
    joins stays."""
    require_case_perm(actor, case, Perm.CHANGE)
    if relationship.case_id != case.pk:
        raise ValueError("relationship of another case")
    tie = _clean(case, person_a=relationship.person_a_id, person_b=relationship.person_b_id,
                 kind=relationship.kind if kind is None else kind,
                 quality=relationship.quality if quality is None else quality,
                 legal_basis=relationship.legal_basis if legal_basis is None else legal_basis,
                 note=relationship.note if note is None else note, ignore=relationship.pk)
    if relationship.version != expected_version:
        raise ConflictError(current=case_relationship(case, relationship.pk))
    if tie.kind != relationship.kind and _recorded(tie):
        raise ValidationError({"kind": _("This relationship is already recorded.")})
    relationship.person_a, relationship.person_b = tie.person_a, tie.person_b
    changed = apply_changes(relationship, {"kind": tie.kind, "quality": tie.quality, "legal_basis": tie.legal_basis,
                                           "note": tie.note}, RELATIONSHIP_FIELDS)
    if changed:
        save_versioned(relationship, expected_version=expected_version, fields=[*changed, "person_a", "person_b"])
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=relationship, changed_fields=changed)
    return changed


@transaction.atomic
def relationship_delete(*, actor: User, case: Case, relationship: Relationship) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    if relationship.case_id != case.pk:
        raise ValueError("relationship of another case")
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=relationship)
    relationship.delete()


@transaction.atomic
def network_person_add(*, actor: User, case: Case, kind: str = "", related_to: int | Sequence[int] | None = None,
                       quality: str = Quality.NORMAL, legal_basis: str = "",
                       **person: Unpack[cases.PersonFields]) -> Person:
    """Someone new on the case (any of the person's fields; a network member unless `role` says otherwise) and,
    with a `kind`, how they are related to `related_to`: one person, or several (a grandmother of two children
    is two ties). The new person is the first person of each tie. If a tie is refused, nobody is added; its
    messages name this use case's fields (`related_to` for the other person)."""
    require_case_perm(actor, case, Perm.CHANGE)
    person.setdefault("role", PersonRole.NETWORK)
    new = cases.person_create(actor=actor, case=case, **person)
    if not kind:
        return new
    others = [related_to] if related_to is None or isinstance(related_to, int) else list(related_to)
    errors: dict[str, list[str]] = {}
    for other in others or [None]:
        try:
            relationship_create(actor=actor, case=case, person_a=new.pk, person_b=other, kind=kind,
                                quality=quality, legal_basis=legal_basis)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                found = errors.setdefault(NEW_PERSON_FIELDS.get(field, field), [])
                found += [message for message in messages if message not in found]
    if errors:
        raise ValidationError(errors)
    return new


# --- the safety circles and the coordinator ------------------------------------------------------------

@transaction.atomic
def circle_place(*, actor: User, case: Case, person: int | None, circle: str, placed_on: date | None = None
                 ) -> CirclePlacement:
    """Put a person in a circle (or take them out, with Circle.NONE) from a date on (today if None). The earlier
    places stay: they are the network's history."""
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    who: Person | None = None
    try:
        who = chosen_person(case, person, field="person")
    except ValidationError:
        errors.add("person", _("Choose a person on this case."))
    if who is not None and who.is_child:
        errors.add("person", _("The child is at the centre of the circles, not in them."))
    if circle not in Circle.values:
        errors.add("circle", _("Choose a circle."))
    on = clean_date(placed_on or timezone.localdate(), "placed_on", errors, not_after_today=True)
    errors.raise_if_any()
    assert who is not None and on is not None  # every refusal was raised above
    placement = CirclePlacement.objects.create(case=case, person=who, circle=circle, placed_on=on, placed_by=actor)
    placements_date(case, who)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=placement, changed_fields=["person", "circle"])
    return placement


@transaction.atomic
def coordinator_set(*, actor: User, case: Case, person: int | None) -> CaseNetwork:
    """Name the network coordinator (netværkstovholder), a grown-up of the case, or nobody (None)."""
    require_case_perm(actor, case, Perm.CHANGE)
    who = None
    if person is not None:
        who = chosen_person(case, person, field="person")
        if who.is_child:
            raise ValidationError({"person": _("A child cannot coordinate the network.")})
    network, _created = CaseNetwork.objects.select_for_update().get_or_create(case=case)
    if network.coordinator_id != (who.pk if who else None):
        network.coordinator = who
        network.version += 1
        network.save(update_fields=["coordinator", "version", "updated_at"])
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=network, changed_fields=["coordinator"])
    return network
