"""Every change to the register of relationships, the safety circles and the network's coordinator. Pages,
the API and the demo data call these; each runs in one transaction with its audit record.

What the register refuses: a relationship of a person with themself, a tie to someone of another case, the
same tie twice, a cycle of parenthood (someone their own ancestor), and a parent or grandparent younger than
the child.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, Person
from safehold.cases.selectors import chosen_person
from safehold.core.text import clean_text
from safehold.core.versioning import ConflictError, apply_changes, save_versioned
from safehold.network.models import (
    DIRECTED,
    CaseNetwork,
    Circle,
    CirclePlacement,
    Kind,
    Quality,
    Relationship,
)

RELATIONSHIP_FIELDS = ("kind", "quality", "legal_basis", "note")
# Kinds where the first person is of an older generation than the second.
OLDER_FIRST = (Kind.PARENT, Kind.GRANDPARENT)




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


def _clean(case: Case, data: dict[str, Any], *, ignore: int | None = None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    people: dict[str, Person | None] = {}
    for field in ("person_a", "person_b"):
        try:
            people[field] = chosen_person(case, data.get(field), field=field)
        except ValidationError:
            errors[field] = _("Choose a person on this case.")
            people[field] = None
    kind = data.get("kind")
    if kind not in Kind.values:
        errors["kind"] = _("Choose the kind of relationship.")
    quality = data.get("quality") or Quality.NORMAL
    if quality not in Quality.values:
        errors["quality"] = _("Choose how the relationship is.")
    legal_basis = clean_text(data.get("legal_basis") or "")
    note = clean_text(data.get("note") or "")
    if len(legal_basis) > 200:
        errors["legal_basis"] = _("Keep this to %(limit)d characters.") % {"limit": 200}
    if len(note) > 300:
        errors["note"] = _("Keep this to %(limit)d characters.") % {"limit": 300}
    if kind == Kind.CONTACT_RESTRICTED and not legal_basis:
        errors["legal_basis"] = _("Name the decision or provision the contact restriction rests on.")
    a, b = people["person_a"], people["person_b"]
    if a is not None and b is not None and "kind" not in errors:
        if a.pk == b.pk:
            errors["person_b"] = _("A person cannot be in a relationship with themself.")
        elif kind in OLDER_FIRST:
            if a.birth_date and b.birth_date and a.birth_date >= b.birth_date:
                errors["person_b"] = _("%(older)s is not older than %(younger)s: check who is the parent, or "
                                       "the dates of birth.") % {"older": a.full_name, "younger": b.full_name}
            elif b.pk in _ancestors(case, a.pk, ignore=ignore):
                errors["person_b"] = _("%(younger)s is already above %(older)s in the family: a person cannot be "
                                       "their own ancestor.") % {"older": a.full_name, "younger": b.full_name}
        if kind not in DIRECTED and a.pk > b.pk:
            a, b = b, a  # a tie both ways is kept once, the lower id first
    if errors:
        raise ValidationError(errors)
    return {"person_a": a, "person_b": b, "kind": kind, "quality": quality, "legal_basis": legal_basis,
            "note": note}


@transaction.atomic
def relationship_create(*, actor, case: Case, person_a: Any, person_b: Any, kind: str,
                        quality: str = Quality.NORMAL, legal_basis: str = "", note: str = "") -> Relationship:
    require_case_perm(actor, case, Perm.CHANGE)
    fields = _clean(case, {"person_a": person_a, "person_b": person_b, "kind": kind, "quality": quality,
                           "legal_basis": legal_basis, "note": note})
    if Relationship.objects.filter(person_a=fields["person_a"], person_b=fields["person_b"],
                                   kind=fields["kind"]).exists():
        raise ValidationError({"kind": _("This relationship is already recorded.")})
    relationship = Relationship.objects.create(case=case, created_by=actor, **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=relationship,
                 changed_fields=["person_a", "person_b", *RELATIONSHIP_FIELDS])
    return relationship


@transaction.atomic
def relationship_update(*, actor, case: Case, relationship: Relationship, expected_version: int,
                        **changes: Any) -> list[str]:
    """Change how a relationship is (its kind, quality, legal basis, note); who it joins stays."""
    require_case_perm(actor, case, Perm.CHANGE)
    if relationship.case_id != case.pk:
        raise ValueError("relationship of another case")
    unknown = set(changes) - set(RELATIONSHIP_FIELDS)
    if unknown:
        raise ValueError(f"unknown relationship fields {sorted(unknown)}")
    data = {"person_a": relationship.person_a_id, "person_b": relationship.person_b_id,
            **{name: getattr(relationship, name) for name in RELATIONSHIP_FIELDS}, **changes}
    fields = _clean(case, data, ignore=relationship.pk)
    if relationship.version != expected_version:
        raise ConflictError(current=Relationship.objects.get(pk=relationship.pk))
    if (fields["kind"] != relationship.kind and Relationship.objects.filter(
            person_a=fields["person_a"], person_b=fields["person_b"], kind=fields["kind"]).exists()):
        raise ValidationError({"kind": _("This relationship is already recorded.")})
    relationship.person_a, relationship.person_b = fields.pop("person_a"), fields.pop("person_b")
    changed = apply_changes(relationship, fields, RELATIONSHIP_FIELDS)
    if changed:
        save_versioned(relationship, expected_version=expected_version, fields=[*changed, "person_a", "person_b"])
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=relationship, changed_fields=changed)
    return changed


@transaction.atomic
def relationship_delete(*, actor, case: Case, relationship: Relationship) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    if relationship.case_id != case.pk:
        raise ValueError("relationship of another case")
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=relationship)
    relationship.delete()


# --- the safety circles and the coordinator ------------------------------------------------------------

@transaction.atomic
def circle_place(*, actor, case: Case, person: Any, circle: str, placed_on: date | None = None
                 ) -> CirclePlacement:
    """Put a person in a circle (or take them out, with Circle.NONE) from a date on. The earlier places stay:
    they are the network's history."""
    require_case_perm(actor, case, Perm.CHANGE)
    errors: dict[str, str] = {}
    who = None
    try:
        who = chosen_person(case, person, field="person")
    except ValidationError:
        errors["person"] = _("Choose a person on this case.")
    if circle not in Circle.values:
        errors["circle"] = _("Choose a circle.")
    placed_on = placed_on or timezone.localdate()
    if not isinstance(placed_on, date) or isinstance(placed_on, datetime):
        errors["placed_on"] = _("Enter a date.")
    elif placed_on > timezone.localdate():
        errors["placed_on"] = _("The date cannot be in the future.")
    if who is not None and who.is_child:
        errors["person"] = _("The child is at the centre of the circles, not in them.")
    if errors:
        raise ValidationError(errors)
    assert who is not None
    placement = CirclePlacement.objects.create(case=case, person=who, circle=circle, placed_on=placed_on,
                                               placed_by=actor)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=placement, changed_fields=["person", "circle"])
    return placement


@transaction.atomic
def coordinator_set(*, actor, case: Case, person: Any) -> CaseNetwork:
    """Name the network coordinator (netværkstovholder), or nobody (None)."""
    require_case_perm(actor, case, Perm.CHANGE)
    who = None
    if person not in (None, ""):
        who = chosen_person(case, person, field="coordinator")
        if who.is_child:
            raise ValidationError({"coordinator": _("A child cannot coordinate the network.")})
    network, _created = CaseNetwork.objects.select_for_update().get_or_create(case=case)
    if network.coordinator_id != (who.pk if who else None):
        network.coordinator = who
        network.version += 1
        network.save(update_fields=["coordinator", "version", "updated_at"])
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=network, changed_fields=["coordinator"])
    return network
