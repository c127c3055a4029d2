"""Every change to maps, their entries, views on entries and scales. HTML views, the API and the demo data
all call these. Each runs in one transaction with its audit record; a closed case is read-only."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, PersonRole
from safehold.cases.voices import Voice, case_voices, resolve_voice
from safehold.core.text import clean_text
from safehold.core.versioning import ConflictError, apply_changes, save_versioned
from safehold.mapping.models import Entry, GoalKind, Map, Part, Scale, ScaleKind, Stance
from safehold.meetings.models import MeetingKind
from safehold.meetings.services import meeting_create, meeting_update

MAX_STATEMENT = 2000
MAX_SHORT = 300
ENTRY_EDITABLE = ("part", "text", "worried", "behaviour", "impact", "goal_kind", "answers", "responsible", "due_on",
                  "voice_kind", "voice_person", "voice_user", "voice_name", "voice_key")




def _lock_map(map_: Map) -> None:
    """Serialise changes to one map's order and scales (PostgreSQL; SQLite's write lock does it anyway)."""
    Map.objects.select_for_update().filter(pk=map_.pk).first()


def _check_map(case: Case, map_: Map) -> None:
    if map_.case_id != case.pk:  # a programming error, never user input: views load maps through the case
        raise ValueError("map of another case")


# --- maps --------------------------------------------------------------------------------------------

def _clean_map_fields(case: Case, *, drawn_on: date | None, title: str, meeting_kind: str,
                      participants: Iterable[str], earlier: Iterable[Voice] = ()) -> tuple[date, str, list[Voice]]:
    """Check a map's fields. `earlier` are voices already recorded as participants: they stay acceptable
    after that person has left the case (the meeting still took place with them)."""
    errors: dict[str, str] = {}
    title = clean_text(title or "")
    if len(title) > 200:
        errors["title"] = _("Keep the title to 200 characters.")
    if drawn_on is None:
        errors["drawn_on"] = _("Enter the date of the map.")
    elif drawn_on > timezone.localdate():
        errors["drawn_on"] = _("A map cannot be dated in the future.")
    elif drawn_on < case.opened_on - timedelta(days=366):  # a year back, also from a 29 February
        errors["drawn_on"] = _("The date is long before the case was opened. Check the year.")
    if meeting_kind and meeting_kind not in MeetingKind.values:
        errors["meeting_kind"] = _("Choose the kind of meeting.")
    voices = case_voices(case)
    voices += [v for v in earlier if v.key not in {known.key for known in voices}]
    chosen: list[Voice] = []
    for key in participants:
        try:
            chosen.append(resolve_voice(case, key, field="participants", voices=voices))
        except ValidationError:
            errors["participants"] = _("Choose who took part from the people and workers on this case.")
    if chosen and not meeting_kind:
        errors.setdefault("meeting_kind", _("Say which meeting the participants took part in."))
    if errors:
        raise ValidationError(errors)
    assert drawn_on is not None
    return drawn_on, title, chosen


@transaction.atomic
def map_create(*, actor, case: Case, drawn_on: date | None = None, title: str = "", meeting_kind: str = "",
               participants: Iterable[str] = (), copy_latest: bool = True) -> Map:
    """Start a map. Unless asked not to, it starts as a copy of the latest map (entries, views and scales),
    so that the team works on what has changed rather than from scratch."""
    require_case_perm(actor, case, Perm.CHANGE)
    drawn_on, title, voices = _clean_map_fields(case, drawn_on=drawn_on or timezone.localdate(), title=title,
                                                meeting_kind=meeting_kind, participants=participants)
    meeting = meeting_create(actor=actor, case=case, kind=meeting_kind, held_on=drawn_on, participants=voices) \
        if meeting_kind else None
    latest = case.maps.order_by("-drawn_on", "-id").first() if copy_latest else None
    new = Map.objects.create(case=case, drawn_on=drawn_on, title=title, meeting=meeting, copied_from=latest,
                             created_by=actor)
    if latest is not None:
        _copy_content(latest, new, actor)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=new,
                 changed_fields=["drawn_on", "title", "meeting", *(["copied_from"] if latest else [])])
    return new


def _copy_content(source: Map, target: Map, actor) -> None:
    entries = list(source.entries.live().prefetch_related("stances"))
    copies = []
    for entry in entries:
        copy = Entry(map=target, created_by=actor, lineage=entry.lineage, version=1)
        for name in ("part", "position", "text", "worried", "behaviour", "impact", "goal_kind", "responsible",
                     "due_on", "voice_kind", "voice_person_id", "voice_user_id", "voice_name", "voice_key"):
            setattr(copy, name, getattr(entry, name))
        copies.append(copy)
    Entry.objects.bulk_create(copies)
    new_id = {old.pk: new.pk for old, new in zip(entries, copies, strict=True)}
    answering = []
    for old, new in zip(entries, copies, strict=True):
        if old.answers_id in new_id:
            new.answers_id = new_id[old.answers_id]
            answering.append(new)
    Entry.objects.bulk_update(answering, ["answers"])
    Stance.objects.bulk_create([
        Stance(entry_id=new_id[old.pk], agrees=s.agrees, words=s.words, voice_kind=s.voice_kind,
               voice_person_id=s.voice_person_id, voice_user_id=s.voice_user_id, voice_name=s.voice_name,
               voice_key=s.voice_key)
        for old in entries for s in old.stances.all()
    ])
    Scale.objects.bulk_create([
        Scale(map=target, kind=s.kind, about_id=s.about_id, about_name=s.about_name, score=s.score,
              reason=s.reason, voice_kind=s.voice_kind, voice_person_id=s.voice_person_id,
              voice_user_id=s.voice_user_id, voice_name=s.voice_name, voice_key=s.voice_key)
        for s in source.scales.all()
    ])


@transaction.atomic
def map_update(*, actor, case: Case, map_: Map, expected_version: int, drawn_on: date | None, title: str = "",
               meeting_kind: str = "", participants: Iterable[str] = ()) -> list[str]:
    """Change a map's date, title and meeting (with who took part). Returns what changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, map_)
    earlier = [p.voice for p in map_.meeting.participants.all()] if map_.meeting is not None else []
    drawn_on, title, voices = _clean_map_fields(case, drawn_on=drawn_on, title=title, meeting_kind=meeting_kind,
                                                earlier=earlier,
                                                participants=participants)
    if map_.version != expected_version:
        raise ConflictError(current=Map.objects.get(pk=map_.pk))
    changed = apply_changes(map_, {"drawn_on": drawn_on, "title": title}, ("drawn_on", "title"))
    if meeting_kind and map_.meeting is not None:
        if meeting_update(actor=actor, case=case, meeting=map_.meeting, kind=meeting_kind, held_on=drawn_on,
                          participants=voices):
            changed.append("meeting")
    elif meeting_kind:
        map_.meeting = meeting_create(actor=actor, case=case, kind=meeting_kind, held_on=drawn_on,
                                      participants=voices)
        changed.append("meeting")
    elif map_.meeting is not None:
        map_.meeting = None  # the meeting stays on the case; this map is no longer tied to it
        changed.append("meeting")
    if changed:
        save_versioned(map_, expected_version=expected_version,
                       fields=[name for name in ("drawn_on", "title", "meeting") if name in changed])
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=map_, changed_fields=changed)
    return changed


# --- entries -----------------------------------------------------------------------------------------

def compose_danger_statement(worried: str, behaviour: str, impact: str, language: str) -> str:
    """The danger statement as one sentence in the case's language, from its three parts."""
    with translation.override(language):
        return _("%(worried)s are worried that %(behaviour)s. If nothing changes, %(impact)s.") % {
            "worried": worried.rstrip(" ."), "behaviour": behaviour.rstrip(" ."), "impact": impact.rstrip(" ."),
        }


def _clean_entry(case: Case, map_: Map, fields: dict[str, Any], current: Entry | None = None) -> dict[str, Any]:
    """Check and normalise an entry's fields (all of them, as they will be saved). Raises field errors."""
    errors: dict[str, str] = {}
    part = fields.get("part")
    if part not in Part.values:
        errors["part"] = _("Choose the part of the map this belongs in.")
    for name in ("text", "worried", "behaviour", "impact", "responsible"):
        fields[name] = clean_text(fields.get(name) or "")
    for name in ("worried", "responsible"):
        if len(fields[name]) > (MAX_SHORT if name == "worried" else 200):
            errors[name] = _("Keep this short: at most %(limit)d characters.") % {
                "limit": MAX_SHORT if name == "worried" else 200}
    danger = [fields["worried"], fields["behaviour"], fields["impact"]]
    if part == Part.FUTURE_DANGER and any(danger):
        # A danger statement: all three parts, then the sentence is written from them.
        for name, message in (("worried", _("Say who is worried.")),
                              ("behaviour", _("Describe the behaviour the worry is about.")),
                              ("impact", _("Say what it could mean for the child."))):
            if not fields[name]:
                errors[name] = message
        if all(danger):
            fields["text"] = compose_danger_statement(fields["worried"], fields["behaviour"], fields["impact"],
                                                      language=case.language)
    else:
        fields["worried"] = fields["behaviour"] = fields["impact"] = ""
    if not fields["text"]:
        errors.setdefault("text", _("Write the statement: an entry cannot be empty."))
    elif len(fields["text"]) > MAX_STATEMENT:
        errors["text"] = _("Keep a statement to %(limit)d characters: short, concrete sentences.") % {
            "limit": MAX_STATEMENT}
    if part == Part.GOALS:
        fields["goal_kind"] = fields.get("goal_kind") or GoalKind.SAFETY
        if fields["goal_kind"] not in GoalKind.values:
            errors["goal_kind"] = _("Choose whether this is a safety goal or a family goal.")
        answers = fields.get("answers")
        # Only a new link is checked: a goal whose statement was deleted (undoably) or reworded stays editable.
        kept = current is not None and answers is not None and answers.pk == current.answers_id
        if answers is not None and not kept and (
                answers.map_id != map_.pk or not answers.is_danger_statement or answers.deleted_at is not None
                or (current is not None and answers.pk == current.pk)):
            errors["answers"] = _("Choose a danger statement of this map.")
    else:
        fields["goal_kind"], fields["answers"] = "", None
    if part != Part.NEXT_STEPS:
        fields["responsible"], fields["due_on"] = "", None
    if errors:
        raise ValidationError(errors)
    return fields


def _voice_fields(case: Case, key: str) -> dict[str, Any]:
    voice = resolve_voice(case, key)
    return {"voice_kind": voice.kind, "voice_person": voice.person_id, "voice_user": voice.user_id,
            "voice_name": voice.name, "voice_key": voice.key}


def _entry_fields(case: Case, map_: Map, data: dict[str, Any], current: Entry | None = None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    voice: dict[str, Any] = {}
    key = data.pop("voice", "") or ""
    if current is not None and key == current.voice_key:
        # Unchanged: the words stay theirs even if that person has since left the case.
        voice = {"voice_kind": current.voice_kind, "voice_person": current.voice_person_id,
                 "voice_user": current.voice_user_id, "voice_name": current.voice_name, "voice_key": key}
    else:
        try:
            voice = _voice_fields(case, key)
        except ValidationError as error:
            errors.update(error.message_dict)
    try:
        fields = _clean_entry(case, map_, data, current)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    fields.update(voice)
    return fields


@transaction.atomic
def entry_create(*, actor, case: Case, map_: Map, voice: str, part: str, text: str = "", **extra: Any) -> Entry:
    """Add a statement to a part of the map, at the end of it."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, map_)
    data = {"part": part, "text": text, "voice": voice, **extra}
    unknown = set(data) - {"part", "text", "voice", "worried", "behaviour", "impact", "goal_kind", "answers",
                           "responsible", "due_on"}
    if unknown:
        raise ValueError(f"unknown entry fields {sorted(unknown)}")
    fields = _entry_fields(case, map_, data)
    _lock_map(map_)
    last = map_.entries.filter(part=fields["part"]).aggregate(last=Max("position"))["last"]
    entry = Entry(map=map_, created_by=actor, position=(last or 0) + 1)
    for name, value in fields.items():
        setattr(entry, f"{name}_id" if name in ("voice_person", "voice_user") else name, value)
    entry.save()
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=entry,
                 changed_fields=[k for k, v in fields.items() if v and not k.startswith("voice_")] + ["voice"])
    return entry


@transaction.atomic
def entry_update(*, actor, case: Case, entry: Entry, expected_version: int, **changes: Any) -> list[str]:
    """Change an entry (its words, whose words, its part). Refused with ConflictError if someone saved it since
    `expected_version`. Moving it to another part puts it at the end of that part."""
    require_case_perm(actor, case, Perm.CHANGE)
    map_ = entry.map
    _check_map(case, map_)
    if entry.deleted_at is not None:
        raise ValidationError(_("This entry has been deleted. Restore it to change it."))
    data: dict[str, Any] = {name: getattr(entry, name) for name in (
        "part", "text", "worried", "behaviour", "impact", "goal_kind", "answers", "responsible", "due_on")}
    data["voice"] = entry.voice_key
    data.update(changes)
    if data["part"] == Part.FUTURE_DANGER and "text" in changes and not {"worried", "behaviour", "impact"} & set(
            changes):
        data["worried"] = data["behaviour"] = data["impact"] = ""  # the text was rewritten freely
    fields = _entry_fields(case, map_, data, current=entry)
    values = {("voice_person_id" if k == "voice_person" else "voice_user_id" if k == "voice_user" else k): v
              for k, v in fields.items()}
    if entry.version != expected_version:
        raise ConflictError(current=Entry.objects.get(pk=entry.pk))
    moved = values["part"] != entry.part
    editable = [("voice_person_id" if k == "voice_person" else "voice_user_id" if k == "voice_user" else k)
                for k in ENTRY_EDITABLE]
    changed = apply_changes(entry, values, editable)
    if not changed:
        return []
    if moved:
        _lock_map(map_)
        last = map_.entries.filter(part=entry.part).exclude(pk=entry.pk).aggregate(last=Max("position"))["last"]
        entry.position = (last or 0) + 1
        changed.append("position")
    save_versioned(entry, expected_version=expected_version, fields=changed)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=entry,
                 changed_fields=sorted({name.removesuffix("_id") for name in changed}))
    return changed


@transaction.atomic
def entry_move(*, actor, case: Case, entry: Entry, offset: int) -> bool:
    """Move an entry up (-1) or down (+1) within its part. Returns False if it is already at that end."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, entry.map)
    _lock_map(entry.map)
    # The part and deletion as stored now: someone may have moved or deleted the entry since it was loaded.
    entry.refresh_from_db(fields=["part", "deleted_at"])
    if entry.deleted_at is not None:
        raise ValidationError(_("This entry has been deleted. Restore it to change it."))
    siblings = list(entry.map.entries.live().filter(part=entry.part).order_by("position", "id"))
    index = next(i for i, e in enumerate(siblings) if e.pk == entry.pk)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(siblings):
        return False
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    Entry.objects.bulk_update(siblings, ["position"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=entry, changed_fields=["position"])
    return True


@transaction.atomic
def entry_delete(*, actor, case: Case, entry: Entry) -> None:
    """Hide the entry; entry_restore brings it back."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, entry.map)
    if entry.deleted_at is not None:
        return
    entry.deleted_at, entry.deleted_by = timezone.now(), actor
    entry.save(update_fields=["deleted_at", "deleted_by"])
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=entry)


@transaction.atomic
def entry_restore(*, actor, case: Case, entry: Entry) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, entry.map)
    if entry.deleted_at is None:
        return
    entry.deleted_at, entry.deleted_by = None, None
    entry.save(update_fields=["deleted_at", "deleted_by"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=entry, changed_fields=["deleted_at"])


# --- views on an entry (agreement and dispute) ------------------------------------------------------------

@transaction.atomic
def stance_set(*, actor, case: Case, entry: Entry, voice: str, agrees: bool, words: str = "") -> Stance:
    """Record whether someone agrees with an entry, in their words. A second view from the same voice replaces
    the first."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, entry.map)
    if entry.deleted_at is not None:
        raise ValidationError(_("This entry has been deleted. Restore it to change it."))
    errors: dict[str, list[str]] = {}
    resolved = None
    try:
        resolved = resolve_voice(case, voice)
    except ValidationError as error:
        errors.update(error.message_dict)
    words = clean_text(words or "")
    if len(words) > MAX_STATEMENT:
        errors["words"] = [_("Keep this to %(limit)d characters.") % {"limit": MAX_STATEMENT}]
    if not agrees and not words:
        errors["words"] = [_("Write down, in their words, what they see differently.")]
    if errors:
        raise ValidationError(errors)
    assert resolved is not None
    _lock_map(entry.map)  # two views from one voice at once would otherwise collide on stance_once_per_voice
    stance = Stance.objects.filter(entry=entry, voice_key=resolved.key).first() or Stance(entry=entry)
    stance.set_voice(resolved)
    stance.agrees, stance.words = agrees, words
    stance.save()
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=entry, changed_fields=["stances"])
    return stance


@transaction.atomic
def stance_remove(*, actor, case: Case, stance: Stance) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, stance.entry.map)
    stance.delete()
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=stance.entry, changed_fields=["stances"])


# --- scales --------------------------------------------------------------------------------------------

_WHOLE_NUMBER = re.compile(r"\s*[+-]?[0-9]{1,18}\s*")


def _whole_number(value: Any) -> int | None:
    """An int or a string of plain digits, else None: int() alone would also take True, 5.0, "1_0" and other
    scripts' digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value):
        return int(value)
    return None


def _clean_score(score: Any) -> int:
    value = _whole_number(score)
    if value is None:
        raise ValidationError({"score": _("Give a whole number from 0 to 10.")})
    if not 0 <= value <= 10:
        raise ValidationError({"score": _("A scale runs from 0 to 10.")})
    return value


@transaction.atomic
def scale_set(*, actor, case: Case, map_: Map, voice: str, score: Any, kind: str = ScaleKind.SAFETY,
              reason: str = "", about: int | None = None, expected_version: int | None = None) -> Scale:
    """Record one voice's score on one scale of the map; a second score from the same voice on the same scale
    (and, for willingness, capacity and confidence, about the same person) replaces the first."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, map_)
    errors: dict[str, list[str]] = {}
    if kind not in ScaleKind.values:
        errors["kind"] = [_("Choose a scale.")]
    resolved = None
    try:
        resolved = resolve_voice(case, voice)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        value = _clean_score(score)
    except ValidationError as error:
        errors.update(error.message_dict)
    reason = clean_text(reason or "")
    if len(reason) > MAX_STATEMENT:
        errors["reason"] = [_("Keep the reason to %(limit)d characters.") % {"limit": MAX_STATEMENT}]
    subject = None
    if kind == ScaleKind.SAFETY:
        about = None
    elif about is None:
        errors["about"] = [_("Say whose willingness, capacity or confidence this is.")]
    else:
        # A malformed id names nobody on the case (0 is nobody's id) rather than failing in the query.
        subject = case.people.filter(pk=_whole_number(about) or 0,
                                     role__in=[PersonRole.PARENT, PersonRole.CAREGIVER, PersonRole.NETWORK]).first()
        about = subject.pk if subject else None
        if subject is None:
            errors["about"] = [_("Choose a parent, caregiver or network member of this case.")]
    if errors:
        raise ValidationError(errors)
    assert resolved is not None
    _lock_map(map_)
    scale = Scale.objects.filter(map=map_, kind=kind, voice_key=resolved.key, about_id=about).first()
    if scale is None:
        scale = Scale(map=map_, kind=kind, about=subject, about_name=subject.full_name if subject else "",
                      score=value, reason=reason)
        scale.set_voice(resolved)
        scale.save()
        audit_record(actor=actor, action=Action.CREATE, case=case, obj=scale, changed_fields=["score", "reason"])
        return scale
    if expected_version is not None and scale.version != expected_version:
        raise ConflictError(current=scale)
    # A score given again (often on a copied map) is named as its voice is called now.
    changed = apply_changes(scale, {"score": value, "reason": reason, "voice_name": resolved.name},
                            ("score", "reason", "voice_name"))
    if changed:
        save_versioned(scale, expected_version=scale.version, fields=changed)
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=scale, changed_fields=changed)
    return scale


@transaction.atomic
def scale_delete(*, actor, case: Case, scale: Scale) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, scale.map)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=scale)
    scale.delete()
