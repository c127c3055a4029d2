"""Changes to meetings. Called by the tools that hold their work in a meeting (a map, later a care-plan
meeting), usually inside their own transaction; each still checks the policy and writes its audit itself, so
that a page of its own for meetings can call them as they are."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, PersonRole
from safehold.cases.voices import Voice, case_voices
from safehold.core.validation import LONG, SHORT, Errors, clean_date, clean_text
from safehold.core.versioning import ConflictError, apply_changes, save_versioned, update_versioned
from safehold.meetings.models import Agreement, Expectation, Meeting, MeetingKind, Participant, Presence, Professional


@transaction.atomic
def meeting_create(*, actor: User, case: Case, kind: str, held_on: date, participants: Iterable[Voice] = (),
                   title: str = "") -> Meeting:
    require_case_perm(actor, case, Perm.CHANGE)
    if kind not in MeetingKind.values:
        raise ValidationError({"meeting_kind": _("Choose the kind of meeting.")})
    meeting = Meeting.objects.create(case=case, kind=kind, held_on=held_on, title=title, created_by=actor)
    _set_participants(meeting, participants)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=meeting,
                 changed_fields=["kind", "held_on", "participants"])
    return meeting


@transaction.atomic
def meeting_update(*, actor: User, case: Case, meeting: Meeting, kind: str, held_on: date,
                   participants: Iterable[Voice], expected_version: int | None = None) -> list[str]:
    """Change a meeting's kind, date or who took part. Returns what changed. A change based on an older version
    than the saved one is refused (ConflictError); a tool that holds the meeting in its own versioned record
    (a map) passes nothing and is protected by that record's version."""
    require_case_perm(actor, case, Perm.CHANGE)
    if meeting.case_id != case.pk:  # a programming error: meetings are loaded through their case
        raise ValueError("meeting of another case")
    if kind not in MeetingKind.values:
        raise ValidationError({"meeting_kind": _("Choose the kind of meeting.")})
    changed: list[str] = []
    if meeting.kind != kind:
        meeting.kind, changed = kind, [*changed, "kind"]
    if meeting.held_on != held_on:
        meeting.held_on, changed = held_on, [*changed, "held_on"]
    if changed:
        save_versioned(meeting, expected_version=meeting.version if expected_version is None else expected_version,
                       fields=changed)
    wanted = {v.key: v for v in participants}
    present = set(meeting.participants.values_list("voice_key", flat=True))
    if set(wanted) != present:
        meeting.participants.exclude(voice_key__in=list(wanted)).delete()
        _set_participants(meeting, [v for k, v in wanted.items() if k not in present])
        changed.append("participants")
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=meeting, changed_fields=changed)
    return changed


def _set_participants(meeting: Meeting, voices: Iterable[Voice]) -> None:
    rows = []
    for voice in {v.key: v for v in voices}.values():
        row = Participant(meeting=meeting)
        row.set_voice(voice)
        rows.append(row)
    Participant.objects.bulk_create(rows)


# --- a meeting of its own: its pages and the API ---------------------------------------------------------------

EXPECTING_ROLES = frozenset({PersonRole.CHILD, PersonRole.PARENT, PersonRole.CAREGIVER})
MEETING_FIELDS = ("kind", "held_on", "title", "place", "agenda", "minutes", "next_on")


@dataclass(frozen=True)
class ParticipantInput:
    voice: str  # "person:12" / "user:5"
    presence: str | None = None  # None: as it was (present for someone new)


@dataclass(frozen=True)
class ProfessionalInput:
    name: str
    organisation: str = ""
    presence: str = Presence.PRESENT


@dataclass(frozen=True)
class ExpectationInput:
    voice: str
    text: str


@dataclass(frozen=True)
class AgreementInput:
    what: str
    who: str
    due_on: date | None = None


@dataclass
class _Cleaned:
    fields: dict[str, Any]
    participants: list[tuple[Voice, str | None]] | None = None
    professionals: list[ProfessionalInput] | None = None
    expectations: list[tuple[Voice, str]] | None = None
    agreements: list[AgreementInput] | None = None


def _clean_fields(values: Mapping[str, Any], errors: Errors) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    if "kind" in values:
        cleaned["kind"] = values["kind"]
        if values["kind"] not in MeetingKind.values:
            errors.add("kind", _("Choose the kind of meeting."))
    if "held_on" in values:
        cleaned["held_on"] = clean_date(values["held_on"], "held_on", errors,
                                        required=_("Enter the date of the meeting."))
    for name, limit in (("title", 200), ("place", SHORT), ("agenda", LONG), ("minutes", LONG)):
        if name in values:
            cleaned[name] = clean_text(values[name], name, errors, limit=limit)
    if "next_on" in values:
        cleaned["next_on"] = clean_date(values["next_on"], "next_on", errors)
    return cleaned


def _clean_presence(value: object, field: str, errors: Errors) -> str:
    if value not in Presence.values:
        errors.add(field, _("Choose present or excused."))
    return str(value)


def _clean_agreement(item: AgreementInput, held_on: date | None, errors: Errors, prefix: str = "") -> AgreementInput:
    at = f"{prefix}." if prefix else ""
    what = clean_text(item.what, f"{at}what", errors, required=_("Write down what was agreed."))
    who = clean_text(item.who, f"{at}who", errors, limit=SHORT, required=_("Say who does it."))
    due_on = clean_date(item.due_on, f"{at}due_on", errors)
    if due_on is not None and held_on is not None and due_on < held_on and f"{at}due_on" not in errors:
        errors.add(f"{at}due_on", _("An agreement cannot be due before the meeting that agreed it: choose a date "
                                    "on or after %(date)s.") % {"date": date_format(held_on, "SHORT_DATE_FORMAT")})
    return AgreementInput(what=what, who=who, due_on=due_on)


def _clean_professional(item: ProfessionalInput, errors: Errors, prefix: str = "") -> ProfessionalInput:
    at = f"{prefix}." if prefix else ""
    return ProfessionalInput(
        name=clean_text(item.name, f"{at}name", errors, limit=SHORT, required=_("Enter the professional's name.")),
        organisation=clean_text(item.organisation, f"{at}organisation", errors, limit=SHORT),
        presence=_clean_presence(item.presence, f"{at}presence", errors))


def _clean_expectation(item: ExpectationInput, voices: list[Voice], errors: Errors,
                       prefix: str = "") -> tuple[Voice, str] | None:
    at = f"{prefix}." if prefix else ""
    text = clean_text(item.text, f"{at}text", errors, required=_("Write down what they expect, in their words."))
    voice = next((v for v in voices if v.key == item.voice and v.kind in EXPECTING_ROLES), None)
    if voice is None:
        errors.add(f"{at}voice", _("Choose a parent or a child of this case."))
        return None
    return voice, text


def _clean(case: Case, values: Mapping[str, Any], *, held_on: date | None, next_on: date | None,
           errors: Errors) -> _Cleaned:
    """Check a meeting's fields and the lists sent with them (each list, when sent, replaces the saved one)."""
    fields = _clean_fields(values, errors)
    held_on = fields.get("held_on", held_on)
    next_on = fields.get("next_on", next_on)
    if next_on is not None and held_on is not None and next_on < held_on and "next_on" not in errors:
        errors.add("next_on", _("The next meeting cannot be before this one: choose a date on or after "
                                "%(date)s.") % {"date": date_format(held_on, "SHORT_DATE_FORMAT")})
    cleaned = _Cleaned(fields=fields)
    voices = case_voices(case)
    if values.get("participants") is not None:
        cleaned.participants = []
        for i, item in enumerate(values["participants"]):
            voice = next((v for v in voices if v.key == item.voice), None)
            if voice is None:
                errors.add("participants", _("Choose someone on this case."))
                continue
            if item.presence is not None:
                _clean_presence(item.presence, f"participants.{i}.presence", errors)
            cleaned.participants.append((voice, item.presence))
    if values.get("professionals") is not None:
        cleaned.professionals = [_clean_professional(item, errors, f"professionals.{i}")
                                 for i, item in enumerate(values["professionals"])]
    if values.get("expectations") is not None:
        found = [_clean_expectation(item, voices, errors, f"expectations.{i}")
                 for i, item in enumerate(values["expectations"])]
        cleaned.expectations = [item for item in found if item is not None]
    if values.get("agreements") is not None:
        cleaned.agreements = [_clean_agreement(item, held_on, errors, f"agreements.{i}")
                              for i, item in enumerate(values["agreements"])]
    return cleaned


def _refuse_without_participants(errors: Errors, participants: int, professionals: int) -> None:
    if participants + professionals == 0:
        errors.add("participants", _("Name at least one participant: someone of the case or a professional."))


@transaction.atomic
def meeting_record(*, actor: User, case: Case, kind: str, held_on: date | None, place: str = "", title: str = "",
                   agenda: str = "", minutes: str = "", next_on: date | None = None,
                   participants: Sequence[ParticipantInput] = (), professionals: Sequence[ProfessionalInput] = (),
                   expectations: Sequence[ExpectationInput] = (),
                   agreements: Sequence[AgreementInput] = ()) -> Meeting:
    """A meeting recorded on its own (its pages, the API): everything it holds in one go, all or nothing. It
    needs at least one participant, from the case or from outside."""
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    values = {"kind": kind, "held_on": held_on, "place": place, "title": title, "agenda": agenda,
              "minutes": minutes, "next_on": next_on, "participants": participants,
              "professionals": professionals, "expectations": expectations, "agreements": agreements}
    cleaned = _clean(case, values, held_on=None, next_on=None, errors=errors)
    _refuse_without_participants(errors, len(cleaned.participants or []), len(cleaned.professionals or []))
    errors.raise_if_any()
    meeting = Meeting.objects.create(case=case, created_by=actor, **cleaned.fields)
    _replace_lists(meeting, cleaned)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=meeting,
                 changed_fields=[*cleaned.fields, *_lists_named(cleaned)])
    return meeting


@transaction.atomic
def meeting_change(*, actor: User, case: Case, meeting: Meeting, expected_version: int,
                   changes: Mapping[str, Any]) -> list[str]:
    """Change a meeting's fields and, for each list sent (participants, professionals, expectations,
    agreements), replace it. Refused as a whole if the meeting changed since `expected_version` (ConflictError)
    or if anything is wrong (every field named). Returns the names of what changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    if meeting.case_id != case.pk:  # a programming error: meetings are loaded through their case
        raise ValueError("meeting of another case")
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.version != expected_version:
        raise ConflictError(current=locked)
    errors = Errors()
    cleaned = _clean(case, changes, held_on=locked.held_on, next_on=locked.next_on, errors=errors)
    participants = (len(cleaned.participants) if cleaned.participants is not None
                    else locked.participants.count())
    professionals = (len(cleaned.professionals) if cleaned.professionals is not None
                     else locked.professionals.count())
    _refuse_without_participants(errors, participants, professionals)
    held_on = cleaned.fields.get("held_on")
    if held_on is not None and cleaned.agreements is None and "held_on" not in errors:
        early = locked.agreements.filter(due_on__lt=held_on).order_by("due_on").first()
        if early is not None and early.due_on is not None:
            errors.add("held_on", _("An agreement of this meeting is due on %(date)s: the meeting cannot be after "
                                    "it.") % {"date": date_format(early.due_on, "SHORT_DATE_FORMAT")})
    errors.raise_if_any()
    changed = apply_changes(meeting, cleaned.fields, MEETING_FIELDS)
    changed_lists = _replace_lists(meeting, cleaned)
    if changed or changed_lists:
        save_versioned(meeting, expected_version=expected_version, fields=changed)
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=meeting,
                     changed_fields=[*changed, *changed_lists])
    return [*changed, *changed_lists]


def _lists_named(cleaned: _Cleaned) -> list[str]:
    return [name for name in ("participants", "professionals", "expectations", "agreements")
            if getattr(cleaned, name)]


def _replace_lists(meeting: Meeting, cleaned: _Cleaned) -> list[str]:
    """Put the lists sent in place of the saved ones; returns the names of those that changed."""
    changed: list[str] = []
    if cleaned.participants is not None:
        saved = {p.voice_key: p.presence for p in meeting.participants.all()}
        wanted = {voice.key: (voice, presence or saved.get(voice.key, Presence.PRESENT))
                  for voice, presence in cleaned.participants}
        if {key: presence for key, (_voice, presence) in wanted.items()} != saved:
            meeting.participants.all().delete()
            rows = []
            for voice, presence in wanted.values():
                row = Participant(meeting=meeting, presence=presence)
                row.set_voice(voice)
                rows.append(row)
            Participant.objects.bulk_create(rows)
            changed.append("participants")
    if cleaned.professionals is not None:
        saved_professionals = [(p.name, p.organisation, p.presence) for p in meeting.professionals.all()]
        if [(p.name, p.organisation, p.presence) for p in cleaned.professionals] != saved_professionals:
            meeting.professionals.all().delete()
            Professional.objects.bulk_create([Professional(meeting=meeting, name=p.name, organisation=p.organisation,
                                                           presence=p.presence) for p in cleaned.professionals])
            changed.append("professionals")
    if cleaned.expectations is not None:
        saved_expectations = [(e.voice_key, e.text) for e in meeting.expectations.all()]
        if [(voice.key, text) for voice, text in cleaned.expectations] != saved_expectations:
            meeting.expectations.all().delete()
            expectations = []
            for voice, text in cleaned.expectations:
                expectation = Expectation(meeting=meeting, text=text)
                expectation.set_voice(voice)
                expectations.append(expectation)
            Expectation.objects.bulk_create(expectations)
            changed.append("expectations")
    if cleaned.agreements is not None:
        saved_agreements = [(a.what, a.who, a.due_on) for a in meeting.agreements.all()]
        if [(a.what, a.who, a.due_on) for a in cleaned.agreements] != saved_agreements:
            meeting.agreements.all().delete()
            Agreement.objects.bulk_create([Agreement(meeting=meeting, position=i, what=a.what, who=a.who,
                                                     due_on=a.due_on) for i, a in enumerate(cleaned.agreements)])
            changed.append("agreements")
    return changed


@transaction.atomic
def presence_set(*, actor: User, case: Case, meeting: Meeting, expected_version: int,
                 participants: Mapping[int, str], professionals: Mapping[int, str]) -> list[str]:
    """Who was present and who excused (participant and professional ids → present / excused)."""
    require_case_perm(actor, case, Perm.CHANGE)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk, case=case)
    if locked.version != expected_version:
        raise ConflictError(current=locked)
    errors = Errors()
    for field, presence in [*participants.items(), *professionals.items()]:
        _clean_presence(presence, f"presence_{field}", errors)
    errors.raise_if_any()
    changed: list[str] = []
    people = [row for row in Participant.objects.filter(meeting=meeting, pk__in=list(participants))
              if row.presence != participants[row.pk]]
    for person in people:
        person.presence = participants[person.pk]
    if people:
        Participant.objects.bulk_update(people, ["presence"])
        changed.append("participants")
    outside = [row for row in Professional.objects.filter(meeting=meeting, pk__in=list(professionals))
               if row.presence != professionals[row.pk]]
    for professional in outside:
        professional.presence = professionals[professional.pk]
    if outside:
        Professional.objects.bulk_update(outside, ["presence"])
        changed.append("professionals")
    if changed:
        save_versioned(meeting, expected_version=expected_version, fields=[])
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=meeting, changed_fields=changed)
    return changed


@transaction.atomic
def professional_add(*, actor: User, case: Case, meeting: Meeting, name: str, organisation: str = "",
                     presence: str = Presence.PRESENT) -> Professional:
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    item = _clean_professional(ProfessionalInput(name=name, organisation=organisation, presence=presence), errors)
    errors.raise_if_any()
    professional = Professional.objects.create(meeting=meeting, name=item.name, organisation=item.organisation,
                                               presence=item.presence)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=professional,
                 changed_fields=["name", "organisation", "presence"])
    return professional


@transaction.atomic
def professional_remove(*, actor: User, case: Case, meeting: Meeting, professional: Professional) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    if meeting.participants.count() + meeting.professionals.exclude(pk=professional.pk).count() == 0:
        raise ValidationError(_("A meeting keeps at least one participant: add someone else first."))
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=professional)
    professional.delete()


@transaction.atomic
def expectation_add(*, actor: User, case: Case, meeting: Meeting, voice: str, text: str) -> Expectation:
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    found = _clean_expectation(ExpectationInput(voice=voice, text=text), case_voices(case), errors)
    errors.raise_if_any()
    assert found is not None
    expectation = Expectation(meeting=meeting, text=found[1])
    expectation.set_voice(found[0])
    expectation.save()
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=expectation, changed_fields=["voice", "text"])
    return expectation


@transaction.atomic
def expectation_remove(*, actor: User, case: Case, expectation: Expectation) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=expectation)
    expectation.delete()


@transaction.atomic
def agreement_add(*, actor: User, case: Case, meeting: Meeting, what: str, who: str,
                  due_on: date | None = None) -> Agreement:
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    item = _clean_agreement(AgreementInput(what=what, who=who, due_on=due_on), meeting.held_on, errors)
    errors.raise_if_any()
    last = meeting.agreements.order_by("-position").values_list("position", flat=True).first()
    agreement = Agreement.objects.create(meeting=meeting, position=0 if last is None else last + 1,
                                         what=item.what, who=item.who, due_on=item.due_on)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=agreement, changed_fields=["what", "who", "due_on"])
    return agreement


@transaction.atomic
def agreement_update(*, actor: User, case: Case, meeting: Meeting, agreement: Agreement, expected_version: int,
                     what: str, who: str, due_on: date | None = None) -> list[str]:
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    item = _clean_agreement(AgreementInput(what=what, who=who, due_on=due_on), meeting.held_on, errors)
    errors.raise_if_any()
    changed = update_versioned(agreement, {"what": item.what, "who": item.who, "due_on": item.due_on},
                               ("what", "who", "due_on"), expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=agreement, changed_fields=changed)
    return changed


@transaction.atomic
def agreement_delete(*, actor: User, case: Case, agreement: Agreement) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=agreement)
    agreement.delete()


# --- deleting a meeting ------------------------------------------------------------------------------------

def _audit_records_naming(actor: User, case: Case, meeting: Meeting) -> None:
    """The records of the tools above the meetings that name this meeting (a clarification assignment agreed in
    it, a map drawn in it, a Hilfeplan written from it), found through the relations they declare, since the
    meetings do not import them: one that only names the meeting keeps everything else and counts as changed
    (its version moves on, its audit record names the field); one that belongs to the meeting is deleted with it
    and gets its own audit record."""
    for relation in Meeting._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label == Meeting._meta.app_label or relation.many_to_many:
            continue
        named = list(model._base_manager.filter(**{relation.field.name: meeting}))
        if relation.on_delete is models.SET_NULL:
            if named and any(f.name == "version" for f in model._meta.concrete_fields):
                model._base_manager.filter(pk__in=[item.pk for item in named]).update(version=F("version") + 1)
            for item in named:
                audit_record(actor=actor, action=Action.UPDATE, case=case, obj=item,
                             changed_fields=[relation.field.name])
        elif relation.on_delete is models.CASCADE:
            for item in named:
                audit_record(actor=actor, action=Action.DELETE, case=case, obj=item)


@transaction.atomic
def meeting_delete(*, actor: User, case: Case, meeting: Meeting) -> None:
    """Delete a meeting recorded by mistake, with who took part, the expectations and the agreements. What the
    tools above recorded in it stays where it only names the meeting (an assignment agreed in it no longer names
    a meeting) and goes where it belongs to the meeting; each is in the audit trail."""
    require_case_perm(actor, case, Perm.CHANGE)
    if meeting.case_id != case.pk:  # a programming error: meetings are loaded through their case
        raise ValueError("meeting of another case")
    lists = [name for name in ("participants", "professionals", "expectations", "agreements")
             if getattr(meeting, name).all()]  # prefetched by case_meeting
    _audit_records_naming(actor, case, meeting)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=meeting, changed_fields=lists)
    meeting.delete()
