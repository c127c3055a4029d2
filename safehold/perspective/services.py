"""Every change to placements and contacts. Pages, the API and the demo data call these; each runs in one
transaction under the access policy, with its audit record.

The child, the carers and who was at a contact are named by their ids, as a form or an API body sends them,
and looked up among the case's people here: someone of another case is refused on that field.

What is refused: a placement that overlaps another placement of the same child (a new one may start on the
day the one before ended), a planned end or an end before the start, a time frame and a planned end that do
not agree; a contact dated before its placement started or after it ended; an assignment due before the
meeting that agreed it, or answered without findings; a recommendation while an assignment of the case is
open or in progress (the message lists their questions).

Deleting a record entered by mistake is refused only by the access policy (a closed case, a reader): what belongs
to the record goes with it, a record that only links to it stays and loses the link (see "deleting" below).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.selectors import chosen_person
from safehold.core.text import isolate, quoted
from safehold.core.validation import LONG, SHORT, TEXT, Errors, clean_date, clean_text
from safehold.core.versioning import save_versioned, update_versioned
from safehold.meetings.models import Meeting
from safehold.perspective.models import (
    OBSERVATION_FIELDS,
    PENDING_STATUSES,
    Assignment,
    AssignmentStatus,
    Contact,
    ContactSetting,
    ContactStatus,
    Custody,
    HelpPlan,
    Placement,
    Recommendation,
    RecommendationOption,
    Setting,
)
from safehold.perspective.selectors import linking_contacts

PLACEMENT_FIELDS = ("child", "setting", "starts_on", "time_frame_months", "planned_end_on", "ended_on", "custody",
                    "custody_holder", "youth_office_contact", "note")
CONTACT_FIELDS = ("on", "duration_minutes", "place", "setting", "status", "present_others", *OBSERVATION_FIELDS,
                  "reflection", "cancelled_by", "cancel_reason")
MAX_TIME_FRAME = 120  # months
MAX_DURATION = 24 * 60  # minutes


def _day(day: date) -> str:
    """A date in a message, as the reader writes it."""
    return date_format(day, "SHORT_DATE_FORMAT")


def add_months(start: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter): a time frame's end."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _merged(instance: Any, fields: Iterable[str], changes: dict[str, Any], **ids: Any) -> dict[str, Any]:
    """What an update is checked against: the saved values, the related ones by id (`ids`, as a form or the
    API names them), with the changes over them; the fields left out stay. A name outside these is a mistake
    of the caller, not of the user."""
    data = {name: getattr(instance, name) for name in fields} | ids
    unknown = set(changes) - set(data)
    if unknown:
        raise ValueError(f"{sorted(unknown)} cannot be changed here")
    return data | changes


def _save_update(actor: User, case: Case, instance: Any, values: dict[str, Any], fields: Iterable[str], *,
                 expected_version: int, links: dict[str, tuple[list[Any], list[int]]]) -> list[str]:
    """Save a checked update under the version read: the fields that changed, then each list of links (name →
    (chosen, saved ids)) that changed, which counts as a change of the record too; one audit record names them
    all. Returns the names (empty: nothing changed, nothing written)."""
    changed = update_versioned(instance, values, fields, expected_version=expected_version)
    for name, (chosen, saved) in links.items():
        if sorted(item.pk for item in chosen) != sorted(saved):
            getattr(instance, name).set(chosen)
            if not changed:
                save_versioned(instance, expected_version=expected_version, fields=())
            changed.append(name)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=instance, changed_fields=changed)
    return changed


def _people(case: Case, ids: Iterable[object], field_name: str, *, exclude: int | None, errors: Errors,
            message: str) -> list[Person]:
    chosen: list[Person] = []
    for person_id in ids:
        try:
            person = chosen_person(case, person_id, field=field_name, message=message)
        except ValidationError:
            errors.add(field_name, message)
            continue
        if exclude is not None and person.pk == exclude:
            errors.add(field_name, _("The child cannot be their own carer."))
        elif person not in chosen:
            chosen.append(person)
    return chosen


@dataclass
class _PlacementInput:
    values: dict[str, Any] = field(default_factory=dict)
    carers: list[Person] = field(default_factory=list)


def _overlapping(case: Case, child: Person, starts_on: date, until: date | None,
                 ignore: int | None) -> Placement | None:
    """Another placement of the same child whose time meets this one's. A placement without an end runs on."""
    others = Placement.objects.filter(case=case, child=child)
    if ignore is not None:
        others = others.exclude(pk=ignore)
    for other in others:
        other_until = other.until or date.max
        if other.starts_on < (until or date.max) and starts_on < other_until:
            return other
    return None


def _clean_placement(case: Case, data: dict[str, Any], *, ignore: int | None = None) -> _PlacementInput:
    errors = Errors()
    try:
        child = chosen_person(case, data.get("child"), field="child", roles=[PersonRole.CHILD],
                              message=_("Choose a child of this case."))
    except ValidationError:
        errors.add("child", _("Choose a child of this case."))
        child = None
    setting = data.get("setting")
    if setting not in Setting.values:
        errors.add("setting", _("Choose where the child lives."))
    custody = data.get("custody") or Custody.PARENTS
    if custody not in Custody.values:
        errors.add("custody", _("Choose who holds custody or guardianship."))
    starts_on = clean_date(data.get("starts_on"), "starts_on", errors, required=_("Enter the day the placement "
                                                                                    "started."))
    months = data.get("time_frame_months")
    if months is not None and (not isinstance(months, int) or isinstance(months, bool)
                               or not 1 <= months <= MAX_TIME_FRAME):
        errors.add("time_frame_months", _("Enter a time frame of 1 to %(limit)d months.") % {"limit": MAX_TIME_FRAME})
        months = None
    before_start = _("This cannot be before the start: check both dates.")
    planned = clean_date(data.get("planned_end_on"), "planned_end_on", errors, not_before=starts_on,
                         not_before_message=before_start)
    ended = clean_date(data.get("ended_on"), "ended_on", errors, not_before=starts_on, not_before_message=before_start)
    if starts_on is not None and months and "starts_on" not in errors:
        by_frame = add_months(starts_on, months)
        if planned is None:
            planned = by_frame
        elif planned != by_frame and "planned_end_on" not in errors:
            errors.add("planned_end_on", _("The time frame ends on %(day)s: change the time frame or the planned "
                                           "end, or leave the planned end empty.") % {"day": _day(by_frame)})
    holder = clean_text(data.get("custody_holder"), "custody_holder", errors, limit=SHORT)
    contact = clean_text(data.get("youth_office_contact"), "youth_office_contact", errors, limit=SHORT)
    note = clean_text(data.get("note"), "note", errors, limit=LONG)
    carers = _people(case, data.get("carers") or [], "carers", exclude=child.pk if child else None, errors=errors,
                     message=_("Choose carers among the people of this case."))
    if child is not None and starts_on is not None and not errors:
        other = _overlapping(case, child, starts_on, ended or planned, ignore)
        if other is not None:
            if other.until:
                errors.add("starts_on", _("%(child)s is already placed from %(start)s to %(end)s: the time of "
                                          "two placements of the same child cannot overlap.") % {
                    "child": isolate(child.full_name), "start": _day(other.starts_on), "end": _day(other.until)})
            else:
                errors.add("starts_on", _("%(child)s is already placed since %(start)s, with no end set: end that "
                                          "placement first, or choose a later start.") % {
                    "child": isolate(child.full_name), "start": _day(other.starts_on)})
    if ignore is not None and starts_on is not None and not errors:
        outside = Contact.objects.filter(placement_id=ignore, on__lt=starts_on).order_by("on").first()
        if outside is not None:
            errors.add("starts_on", _("A contact on %(day)s is recorded before this start: change the start or "
                                      "that contact's date.") % {"day": _day(outside.on)})
        if ended is not None:
            outside = Contact.objects.filter(placement_id=ignore, on__gt=ended).order_by("-on").first()
            if outside is not None:
                errors.add("ended_on", _("A contact on %(day)s is recorded after this end: change the end or "
                                         "that contact's date.") % {"day": _day(outside.on)})
    errors.raise_if_any()
    return _PlacementInput(values={
        "child": child, "setting": setting, "starts_on": starts_on, "time_frame_months": months,
        "planned_end_on": planned, "ended_on": ended, "custody": custody, "custody_holder": holder,
        "youth_office_contact": contact, "note": note}, carers=carers)


@transaction.atomic
def placement_create(*, actor: User, case: Case, child: int | None, setting: str, starts_on: date | None,
                     carers: Iterable[int] = (), time_frame_months: int | None = None,
                     planned_end_on: date | None = None, ended_on: date | None = None,
                     custody: str = Custody.PARENTS, custody_holder: str = "", youth_office_contact: str = "",
                     note: str = "") -> Placement:
    """Record that a child of the case lives in a placement; a time frame in months gives the planned end."""
    require_case_perm(actor, case, Perm.CHANGE)
    cleaned = _clean_placement(case, {
        "child": child, "setting": setting, "starts_on": starts_on, "carers": list(carers),
        "time_frame_months": time_frame_months, "planned_end_on": planned_end_on, "ended_on": ended_on,
        "custody": custody, "custody_holder": custody_holder, "youth_office_contact": youth_office_contact,
        "note": note})
    placement = Placement.objects.create(case=case, created_by=actor, **cleaned.values)
    placement.carers.set(cleaned.carers)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=placement,
                 changed_fields=[*PLACEMENT_FIELDS, "carers"])
    return placement


@transaction.atomic
def placement_update(*, actor: User, case: Case, placement: Placement, expected_version: int,
                     **changes: Any) -> list[str]:
    """Change a placement; the fields left out stay as they are. Returns the names of the fields changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    current_carers = [p.pk for p in placement.carers.all()]
    data = _merged(placement, PLACEMENT_FIELDS, changes, child=placement.child_id, carers=current_carers)
    derived = (placement.time_frame_months is not None and placement.planned_end_on is not None
               and placement.planned_end_on == add_months(placement.starts_on, placement.time_frame_months))
    if derived and data["time_frame_months"] and data["planned_end_on"] == placement.planned_end_on:
        data["planned_end_on"] = None  # the end came from the time frame: a new start or frame moves it along
    cleaned = _clean_placement(case, data, ignore=placement.pk)
    return _save_update(actor, case, placement, cleaned.values, PLACEMENT_FIELDS, expected_version=expected_version,
                        links={"carers": (cleaned.carers, current_carers)})


# --- contacts ---------------------------------------------------------------------------------------------

def _clean_contact(case: Case, placement: Placement, data: dict[str, Any]) -> tuple[dict[str, Any], list[Person]]:
    errors = Errors()
    on = clean_date(data.get("on"), "on", errors, required=_("Enter the date of the contact."))
    if on is not None and "on" not in errors:
        if on < placement.starts_on:
            errors.add("on", _("The placement started on %(day)s: a contact during it cannot be earlier.")
                       % {"day": _day(placement.starts_on)})
        elif placement.ended_on and on > placement.ended_on:
            errors.add("on", _("The placement ended on %(day)s: a contact during it cannot be later.")
                       % {"day": _day(placement.ended_on)})
    duration = data.get("duration_minutes")
    if duration is not None and (not isinstance(duration, int) or isinstance(duration, bool)
                                 or not 1 <= duration <= MAX_DURATION):
        errors.add("duration_minutes", _("Enter a duration of 1 to %(limit)d minutes.") % {"limit": MAX_DURATION})
    setting = data.get("setting") or ContactSetting.SUPERVISED
    if setting not in ContactSetting.values:
        errors.add("setting", _("Choose how the contact is accompanied."))
    status = data.get("status") or ContactStatus.PLANNED
    if status not in ContactStatus.values:
        errors.add("status", _("Choose whether the contact is planned, held or cancelled."))
    values: dict[str, Any] = {"on": on, "duration_minutes": duration, "setting": setting, "status": status}
    values["place"] = clean_text(data.get("place"), "place", errors, limit=SHORT)
    values["present_others"] = clean_text(data.get("present_others"), "present_others", errors, limit=SHORT)
    for name in (*OBSERVATION_FIELDS, "reflection"):
        values[name] = clean_text(data.get(name), name, errors, limit=TEXT)
    cancelled = status == ContactStatus.CANCELLED
    values["cancelled_by"] = clean_text(data.get("cancelled_by"), "cancelled_by", errors, limit=SHORT,
                                        required=_("Say who cancelled the contact.") if cancelled else "")
    values["cancel_reason"] = clean_text(data.get("cancel_reason"), "cancel_reason", errors, limit=TEXT,
                                         required=_("Say why the contact was cancelled.") if cancelled else "")
    present = _people(case, data.get("present") or [], "present", exclude=None, errors=errors,
                      message=_("Choose people of this case."))
    errors.raise_if_any()
    return values, present


@transaction.atomic
def contact_create(*, actor: User, case: Case, placement: Placement, on: date | None, present: Iterable[int] = (),
                   **fields: Any) -> Contact:
    """Plan or record a contact of the placed child with a parent or another attachment figure."""
    require_case_perm(actor, case, Perm.CHANGE)
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"{sorted(unknown)} cannot be set here")
    values, people = _clean_contact(case, placement, {**fields, "on": on, "present": list(present)})
    contact = Contact.objects.create(case=case, placement=placement, created_by=actor, **values)
    contact.present.set(people)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=contact,
                 changed_fields=[name for name in CONTACT_FIELDS if values.get(name)] + (["present"] if people else []))
    return contact


@transaction.atomic
def contact_update(*, actor: User, case: Case, contact: Contact, expected_version: int, **changes: Any) -> list[str]:
    """Change a contact (record it as held with the observation, or cancel it); fields left out stay."""
    require_case_perm(actor, case, Perm.CHANGE)
    current_present = [p.pk for p in contact.present.all()]
    data = _merged(contact, CONTACT_FIELDS, changes, present=current_present)
    values, people = _clean_contact(case, contact.placement, data)
    return _save_update(actor, case, contact, values, CONTACT_FIELDS, expected_version=expected_version,
                        links={"present": (people, current_present)})


# --- clarification assignments -----------------------------------------------------------------------------

ASSIGNMENT_FIELDS = ("meeting", "question", "commissioned_by", "answered_by", "due_on", "status", "findings",
                     "findings_by")


def _clean_assignment(case: Case, data: dict[str, Any]) -> tuple[dict[str, Any], list[Contact]]:
    errors = Errors()
    meeting: Meeting | None = None
    meeting_id = data.get("meeting")
    if isinstance(meeting_id, Meeting):
        meeting_id = meeting_id.pk
    if meeting_id not in (None, ""):
        meeting = (Meeting.objects.filter(case=case, pk=meeting_id).first()
                   if isinstance(meeting_id, int) and not isinstance(meeting_id, bool) else None)
        if meeting is None:
            errors.add("meeting", _("Choose a meeting of this case."))
    question = clean_text(data.get("question"), "question", errors, limit=TEXT,
                          required=_("Enter the question to be clarified."))
    commissioned_by = clean_text(data.get("commissioned_by"), "commissioned_by", errors, limit=SHORT)
    answered_by = clean_text(data.get("answered_by"), "answered_by", errors, limit=SHORT)
    due_on = clean_date(data.get("due_on"), "due_on", errors)
    if meeting is not None and due_on is not None and due_on < meeting.held_on:
        errors.add("due_on", _("The meeting that agreed this assignment was on %(day)s: choose that day or a "
                               "later one.") % {"day": _day(meeting.held_on)})
    status = data.get("status") or AssignmentStatus.OPEN
    if status not in AssignmentStatus.values:
        errors.add("status", _("Choose open, in progress, answered or withdrawn."))
    findings = clean_text(data.get("findings"), "findings", errors, limit=TEXT,
                          required=_("Write down the findings before marking the assignment answered.")
                          if status == AssignmentStatus.ANSWERED else "")
    findings_by = clean_text(data.get("findings_by"), "findings_by", errors, limit=SHORT)
    contacts: list[Contact] = []
    for contact_id in data.get("contacts") or []:
        found = (Contact.objects.filter(case=case, pk=contact_id).first()
                 if isinstance(contact_id, int) and not isinstance(contact_id, bool) else None)
        if found is None:
            errors.add("contacts", _("Choose contacts of this case's placements."))
        elif found not in contacts:
            contacts.append(found)
    errors.raise_if_any()
    return {"meeting": meeting, "question": question, "commissioned_by": commissioned_by,
            "answered_by": answered_by, "due_on": due_on, "status": status, "findings": findings,
            "findings_by": findings_by}, contacts


@transaction.atomic
def assignment_create(*, actor: User, case: Case, question: str, meeting: int | None = None,
                      contacts: Iterable[int] = (), **fields: Any) -> Assignment:
    """Record a clarification or diagnostic assignment, usually agreed in a meeting of the case."""
    require_case_perm(actor, case, Perm.CHANGE)
    unknown = set(fields) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise ValueError(f"{sorted(unknown)} cannot be set here")
    values, linked = _clean_assignment(case, {**fields, "question": question, "meeting": meeting,
                                              "contacts": list(contacts)})
    assignment = Assignment.objects.create(case=case, created_by=actor, **values)
    assignment.contacts.set(linked)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=assignment,
                 changed_fields=[name for name in ASSIGNMENT_FIELDS if values.get(name)]
                 + (["contacts"] if linked else []))
    return assignment


@transaction.atomic
def assignment_update(*, actor: User, case: Case, assignment: Assignment, expected_version: int,
                      **changes: Any) -> list[str]:
    """Change an assignment (start it, answer it with the findings, withdraw it); fields left out stay."""
    require_case_perm(actor, case, Perm.CHANGE)
    current_contacts = [c.pk for c in assignment.contacts.all()]
    data = _merged(assignment, ASSIGNMENT_FIELDS, changes, meeting=assignment.meeting_id, contacts=current_contacts)
    values, linked = _clean_assignment(case, data)
    return _save_update(actor, case, assignment, values, ASSIGNMENT_FIELDS, expected_version=expected_version,
                        links={"contacts": (linked, current_contacts)})


# --- the recommendation ------------------------------------------------------------------------------------

RECOMMENDATION_FIELDS = ("option", "help_needed", "reasons", "parents_view", "guardian_view")


def _linked(model: type[Assignment] | type[Contact], case: Case, ids: Iterable[object], field_name: str,
            message: str, errors: Errors) -> list[Any]:
    found: list[Any] = []
    for pk in ids:
        item = (model.objects.filter(case=case, pk=pk).first()
                if isinstance(pk, int) and not isinstance(pk, bool) else None)
        if item is None:
            errors.add(field_name, message)
        elif item not in found:
            found.append(item)
    return found


def _clean_recommendation(case: Case, data: dict[str, Any]) -> tuple[dict[str, Any], list[Assignment],
                                                                     list[Contact]]:
    errors = Errors()
    option = data.get("option")
    if option not in RecommendationOption.values:
        errors.add("option", _("Choose what you recommend."))
    pending = list(Assignment.objects.filter(case=case, status__in=PENDING_STATUSES).order_by("due_on", "pk"))
    if pending:
        errors.add("option", _("Answer or withdraw every assignment first. Still open or in progress: "
                               "%(questions)s") % {
            "questions": "; ".join(quoted(a.question) for a in pending)})
    values = {"option": option}
    values["help_needed"] = clean_text(data.get("help_needed"), "help_needed", errors, limit=TEXT)
    values["reasons"] = clean_text(data.get("reasons"), "reasons", errors, limit=TEXT,
                                   required=_("Give the reasons for the recommendation."))
    values["parents_view"] = clean_text(data.get("parents_view"), "parents_view", errors, limit=TEXT)
    values["guardian_view"] = clean_text(data.get("guardian_view"), "guardian_view", errors, limit=TEXT)
    assignments = _linked(Assignment, case, data.get("assignments") or [], "assignments",
                          _("Choose assignments of this case."), errors)
    contacts = _linked(Contact, case, data.get("contacts") or [], "contacts",
                       _("Choose contacts of this case's placements."), errors)
    errors.raise_if_any()
    return values, assignments, contacts


@transaction.atomic
def recommendation_save(*, actor: User, case: Case, placement: Placement, expected_version: int | None,
                        **fields: Any) -> Recommendation:
    """Write the placement's recommendation, or change it (`expected_version` the version read; None for a
    new one). Refused while an assignment of the case is open or in progress."""
    require_case_perm(actor, case, Perm.CHANGE)
    unknown = set(fields) - {*RECOMMENDATION_FIELDS, "assignments", "contacts"}
    if unknown:
        raise ValueError(f"{sorted(unknown)} cannot be set here")
    existing = Recommendation.objects.filter(placement=placement).first()
    if existing is None:
        values, assignments, contacts = _clean_recommendation(case, fields)
        recommendation = Recommendation.objects.create(case=case, placement=placement, created_by=actor, **values)
        recommendation.assignments.set(assignments)
        recommendation.contacts.set(contacts)
        audit_record(actor=actor, action=Action.CREATE, case=case, obj=recommendation,
                     changed_fields=[name for name in RECOMMENDATION_FIELDS if values.get(name)]
                     + (["assignments"] if assignments else []) + (["contacts"] if contacts else []))
        return recommendation
    current_assignments = [a.pk for a in existing.assignments.all()]
    current_contacts = [c.pk for c in existing.contacts.all()]
    data = _merged(existing, RECOMMENDATION_FIELDS, fields, assignments=current_assignments,
                   contacts=current_contacts)
    values, assignments, contacts = _clean_recommendation(case, data)
    # None means "a new one": someone wrote it meanwhile, and version 0 never matches, so that is a conflict.
    _save_update(actor, case, existing, values, RECOMMENDATION_FIELDS, expected_version=expected_version or 0,
                 links={"assignments": (assignments, current_assignments), "contacts": (contacts, current_contacts)})
    return existing


# --- deleting ----------------------------------------------------------------------------------------------
# A record entered by mistake can be deleted, never on a closed case (the policy's CHANGE). What belongs to it
# goes with it (a placement's contacts and recommendation); a record elsewhere that only links to it (an
# assignment or a recommendation naming a contact) stays, loses the link and counts as changed: its version moves
# on, so that a form opened before the deletion is a conflict, and the audit trail names the link. Every record
# deleted has its own audit record.

def _unlink(actor: User, case: Case, related: list[Any], name: str) -> None:
    """The records that lose their links `name` to what is deleted: a change of each (version and audit)."""
    for item in related:
        type(item).objects.filter(pk=item.pk).update(version=F("version") + 1, updated_at=timezone.now())
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=item, changed_fields=[name])


def _check_case(case: Case, item: Placement | Contact | Assignment | Recommendation) -> None:
    if item.case_id != case.pk:  # a programming error: records are loaded through their case
        raise ValueError("a record of another case")


@transaction.atomic
def placement_delete(*, actor: User, case: Case, placement: Placement) -> None:
    """Delete a placement with its contacts and its recommendation. Assignments and recommendations of other
    placements that linked one of its contacts stay, without that link; so does a Hilfeplan naming it."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_case(case, placement)
    contacts = list(Contact.objects.filter(placement=placement))
    recommendation = Recommendation.objects.filter(placement=placement).first()
    assignments, recommendations = linking_contacts(contacts)
    _unlink(actor, case, assignments, "contacts")
    _unlink(actor, case, [r for r in recommendations if r != recommendation], "contacts")
    _unlink(actor, case, list(HelpPlan.objects.filter(placement=placement)), "placement")
    for item in [*contacts, *([recommendation] if recommendation else [])]:
        audit_record(actor=actor, action=Action.DELETE, case=case, obj=item)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=placement,
                 changed_fields=[name for name, gone in (("contacts", contacts), ("recommendation", recommendation))
                                 if gone])
    placement.delete()  # its contacts and its recommendation go with it (CASCADE), and every link to them


@transaction.atomic
def contact_delete(*, actor: User, case: Case, contact: Contact) -> None:
    """Delete a contact; the assignments and recommendations that linked it stay, without that link."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_case(case, contact)
    assignments, recommendations = linking_contacts([contact])
    _unlink(actor, case, assignments, "contacts")
    _unlink(actor, case, recommendations, "contacts")
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=contact)
    contact.delete()


@transaction.atomic
def assignment_delete(*, actor: User, case: Case, assignment: Assignment) -> None:
    """Delete a clarification assignment; a recommendation that linked it stays, without that link."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_case(case, assignment)
    _unlink(actor, case, list(assignment.recommendations.all()), "assignments")
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=assignment)
    assignment.delete()


@transaction.atomic
def recommendation_delete(*, actor: User, case: Case, recommendation: Recommendation) -> None:
    """Delete a placement's recommendation (it can be written again, once no assignment is open)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_case(case, recommendation)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=recommendation)
    recommendation.delete()
