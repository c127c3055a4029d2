"""Every change to maps, their entries, views on entries and scales. HTML views, the API and the demo data
all call these. Each runs in one transaction with its audit record; the access policy refuses changes to a
closed case.

The map, entry, view or score a change acts on is passed as the instance the caller loaded through a selector
of its case; whatever else the input names (the danger statement a goal answers, the person a score is about)
is passed as its id and resolved here, refused on its field when it is not of this case and map."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypedDict, TypeVar, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, PersonRole
from safehold.cases.selectors import chosen_person
from safehold.cases.voices import Voice, case_voices, resolve_voice
from safehold.core.validation import SHORT, Errors, clean_date, clean_score, clean_text, long_before
from safehold.core.versioning import ConflictError, apply_changes, save_versioned
from safehold.mapping.models import (
    LABEL_LENGTH,
    Entry,
    GoalKind,
    Map,
    Part,
    Scale,
    ScaleKind,
    Stance,
    WorriedNumber,
    default_goal_kind,
)
from safehold.mapping.selectors import chosen_entry, latest_map, map_participants
from safehold.mapping.tallies import maps_tally
from safehold.meetings.models import MeetingKind
from safehold.meetings.services import meeting_create, meeting_update

T = TypeVar("T")

# What an edit of an entry may change, as model attributes.
ENTRY_EDITABLE = ("part", "text", "worried", "worried_number", "behaviour", "impact", "goal_kind", "answers_id",
                  "responsible", "due_on", "voice_kind", "voice_person_id", "voice_user_id", "voice_name",
                  "voice_key")
# The parts a danger statement's sentence is written from.
DANGER_PARTS = ("worried", "worried_number", "behaviour", "impact")

class EntryFields(TypedDict, total=False):
    """An entry's fields as a form or an API client sends them; an edit sends only what it changes."""

    part: str
    text: str
    voice: str  # a voice key: "person:12", "user:5"
    worried: str
    worried_number: str  # WorriedNumber: "one" or "several"
    behaviour: str
    impact: str
    goal_kind: str
    answers: int | None  # the id of the danger statement (of the same map) a goal answers
    responsible: str
    due_on: date | None


def _lock_map(map_: Map) -> None:
    """Serialise changes to one map's order and scales (PostgreSQL; SQLite's write lock does it anyway)."""
    Map.objects.select_for_update().filter(pk=map_.pk).first()


def _check_map(case: Case, map_: Map) -> None:
    if map_.case_id != case.pk:  # a programming error, never user input: callers load maps through the case
        raise ValueError("map of another case")


def _require_live(entry: Entry) -> None:
    if entry.deleted_at is not None:
        raise ValidationError(_("This entry has been deleted. Restore it to change it."))


def _resolved(errors: Errors, resolve: Callable[[], T]) -> T | None:
    """What `resolve` finds, or None with its field errors added to `errors` (so that all fields are named)."""
    try:
        return resolve()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.add(field, messages[0])
        return None


# --- maps --------------------------------------------------------------------------------------------

def _clean_map_fields(case: Case, *, drawn_on: date | None, title: str, meeting_kind: str,
                      participants: Iterable[str], earlier: Iterable[Voice] = ()) -> tuple[date, str, list[Voice]]:
    """Check a map's fields. `earlier` are voices already recorded as participants: they stay acceptable
    after that person has left the case (the meeting still took place with them)."""
    errors = Errors()
    title = clean_text(title, "title", errors, limit=LABEL_LENGTH)
    day = clean_date(drawn_on, "drawn_on", errors, required=_("Enter the date of the map."),
                     not_before=long_before(case.opened_on),
                     not_before_message=_("The date is long before the case was opened. Check the year."))
    if day is not None and day > timezone.localdate():
        errors.add("drawn_on", _("A map cannot be dated in the future."))
    if meeting_kind and meeting_kind not in MeetingKind.values:
        errors.add("meeting_kind", _("Choose the kind of meeting."))
    voices = case_voices(case)
    voices += [v for v in earlier if v.key not in {known.key for known in voices}]
    chosen: list[Voice] = []
    for key in participants:
        try:
            chosen.append(resolve_voice(case, key, field="participants", voices=voices))
        except ValidationError:
            errors.add("participants", _("Choose who took part from the people and workers on this case."))
    if chosen and not meeting_kind:
        errors.add("meeting_kind", _("Say which meeting the participants took part in."))
    errors.raise_if_any()
    assert day is not None
    return day, title, chosen


@transaction.atomic
def map_create(*, actor: User, case: Case, drawn_on: date | None = None, title: str = "", meeting_kind: str = "",
               participants: Iterable[str] = (), copy_latest: bool = True) -> Map:
    """Start a map (today's, unless dated). Unless asked not to, it starts as a copy of the latest map
    (entries, views and scales), so that the team works on what has changed rather than from scratch."""
    require_case_perm(actor, case, Perm.CHANGE)
    drawn_on, title, voices = _clean_map_fields(case, drawn_on=drawn_on or timezone.localdate(), title=title,
                                                meeting_kind=meeting_kind, participants=participants)
    meeting = meeting_create(actor=actor, case=case, kind=meeting_kind, held_on=drawn_on, participants=voices) \
        if meeting_kind else None
    latest = latest_map(case) if copy_latest else None
    new = Map.objects.create(case=case, drawn_on=drawn_on, title=title, meeting=meeting, copied_from=latest,
                             created_by=actor)
    if latest is not None:
        _copy_content(latest, new, actor)
        maps_tally([new.pk])
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=new,
                 changed_fields=["drawn_on", "title", "meeting", *(["copied_from"] if latest else [])])
    return new


def _copy_content(source: Map, target: Map, actor: User) -> None:
    entries = list(source.entries.live().prefetch_related("stances"))
    copies = []
    for entry in entries:
        copy = Entry(map=target, created_by=actor, lineage=entry.lineage, version=1)
        for name in ("part", "position", "text", "worried", "worried_number", "behaviour", "impact", "goal_kind",
                     "responsible", "due_on", "voice_kind", "voice_person_id", "voice_user_id", "voice_name",
                     "voice_key"):
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
def map_update(*, actor: User, case: Case, map_: Map, expected_version: int, drawn_on: date | None,
               title: str = "", meeting_kind: str = "", participants: Iterable[str] = ()) -> list[str]:
    """Change a map's date, title and meeting (with who took part). Returns what changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, map_)
    earlier = [p.voice for p in map_participants(map_)]
    drawn_on, title, voices = _clean_map_fields(case, drawn_on=drawn_on, title=title, meeting_kind=meeting_kind,
                                                earlier=earlier, participants=participants)
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

def compose_danger_statement(worried: str, behaviour: str, impact: str, *, worried_number: str,
                             language: str) -> str:
    """The danger statement as one sentence in the case's language, from its parts. The verb agrees with
    whether one or several are worried. The behaviour and the impact are each written as they follow "that"
    ("dass", "at"), as the form asks, so that German puts their verb last; the sentence starts with a capital
    whatever who is worried was written with."""
    worried = worried.rstrip(" .")
    parts = {"worried": worried[:1].upper() + worried[1:], "behaviour": behaviour.rstrip(" ."),
             "impact": impact.rstrip(" .")}
    several = worried_number == WorriedNumber.SEVERAL
    with translation.override(language):
        # Translators: the danger statement of the map, composed from what the form asks. The behaviour and
        # the impact are written as they go on from "that" (without it; in German with the verb last), as the
        # hints of "What are they worried someone will do?" and "What could that mean for the child?" say:
        # keep the three in step. The singular is for one person or service, the plural for several.
        return ngettext("%(worried)s is worried that %(behaviour)s. "
                        "If nothing changes, there is a danger that %(impact)s.",
                        "%(worried)s are worried that %(behaviour)s. "
                        "If nothing changes, there is a danger that %(impact)s.",
                        2 if several else 1) % parts


def _answered(map_: Map, answers: int | None, current: Entry | None, errors: Errors) -> int | None:
    """The danger statement (of this map) a goal answers, by id. Only a new link is checked: a goal whose
    statement was deleted (undoably) or reworded stays editable."""
    if answers is None or (current is not None and answers == current.answers_id):
        return answers
    message = _("Choose a danger statement of this map.")
    statement = _resolved(errors, lambda: chosen_entry(map_, answers, field="answers", message=message))
    if statement is not None and (not statement.is_danger_statement
                                  or (current is not None and statement.pk == current.pk)):
        errors.add("answers", message)
        return None
    return statement.pk if statement is not None else None


def _voice_values(case: Case, key: str, current: Entry | None, errors: Errors) -> dict[str, object]:
    if current is not None and key == current.voice_key:
        voice: Voice | None = current.voice  # unchanged: the words stay theirs even after they left the case
    else:
        voice = _resolved(errors, lambda: resolve_voice(case, key))
    if voice is None:
        return {}
    return {"voice_kind": voice.kind, "voice_person_id": voice.person_id, "voice_user_id": voice.user_id,
            "voice_name": voice.name, "voice_key": voice.key}


def _entry_values(case: Case, map_: Map, sent: EntryFields, current: Entry | None = None) -> dict[str, object]:
    """Check an entry as it will be saved (all its fields) and return its model values. Refuses with the
    errors of all fields at once."""
    errors = Errors()
    part = sent.get("part", "")
    if part not in Part.values:
        errors.add("part", _("Choose the part of the map this belongs in."))
    worried = clean_text(sent.get("worried", ""), "worried", errors, limit=SHORT)
    worried_number = sent.get("worried_number") or WorriedNumber.ONE
    behaviour = clean_text(sent.get("behaviour", ""), "behaviour", errors)
    impact = clean_text(sent.get("impact", ""), "impact", errors)
    text = sent.get("text", "")
    if part == Part.FUTURE_DANGER and (worried or behaviour or impact):
        # A danger statement: all its parts, then the sentence is written from them.
        for name, value, message in (("worried", worried, _("Say who is worried.")),
                                     ("behaviour", behaviour, _("Describe the behaviour the worry is about.")),
                                     ("impact", impact, _("Say what it could mean for the child."))):
            if not value:
                errors.add(name, message)
        if worried_number not in WorriedNumber.values:
            errors.add("worried_number", _("Say whether one or several are worried."))
        parts = (worried, worried_number, behaviour, impact)
        if current is not None and current.is_danger_statement and parts == tuple(
                getattr(current, name) for name in DANGER_PARTS):
            # Its parts as saved: the sentence stays as it was written (and perhaps agreed with the family),
            # even if the wording the sentences are composed with has changed since.
            text = current.text
        elif worried and behaviour and impact and worried_number in WorriedNumber.values:
            text = compose_danger_statement(worried, behaviour, impact, worried_number=worried_number,
                                            language=case.language)
    else:
        worried = behaviour = impact = ""
        worried_number = WorriedNumber.ONE
    text = clean_text(text, "text", errors, required=_("Write the statement: an entry cannot be empty."))
    voice = _voice_values(case, sent.get("voice", ""), current, errors)
    goal_kind, answers = "", None
    if part == Part.GOALS:
        # Not said: the kind the speaker would mean (a parent's goal is a family goal).
        goal_kind = sent.get("goal_kind") or default_goal_kind(str(voice.get("voice_kind", "")))
        if goal_kind not in GoalKind.values:
            errors.add("goal_kind", _("Choose whether this is a safety goal or a family goal."))
        answers = _answered(map_, sent.get("answers"), current, errors)
    responsible, due_on = "", None
    if part == Part.NEXT_STEPS:
        responsible = clean_text(sent.get("responsible", ""), "responsible", errors, limit=LABEL_LENGTH)
        due_on = clean_date(sent.get("due_on"), "due_on", errors)
    errors.raise_if_any()
    return {"part": part, "text": text, "worried": worried, "worried_number": worried_number,
            "behaviour": behaviour, "impact": impact, "goal_kind": goal_kind, "answers_id": answers,
            "responsible": responsible, "due_on": due_on, **voice}


@transaction.atomic
def entry_create(*, actor: User, case: Case, map_: Map, voice: str, part: str, text: str = "", worried: str = "",
                 worried_number: str = WorriedNumber.ONE, behaviour: str = "", impact: str = "",
                 goal_kind: str = "", answers: int | None = None, responsible: str = "",
                 due_on: date | None = None) -> Entry:
    """Add a statement to a part of the map, at the end of it. Fields that do not belong to the part are
    dropped (a goal's kind outside the goals, who does it outside the next steps)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, map_)
    values = _entry_values(case, map_, {
        "voice": voice, "part": part, "text": text, "worried": worried, "worried_number": worried_number,
        "behaviour": behaviour, "impact": impact, "goal_kind": goal_kind, "answers": answers,
        "responsible": responsible, "due_on": due_on})
    _lock_map(map_)
    last = map_.entries.filter(part=values["part"]).aggregate(last=Max("position"))["last"]
    entry = Entry(map=map_, created_by=actor, position=(last or 0) + 1)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.save()
    maps_tally([map_.pk])
    named = [name.removesuffix("_id") for name, value in values.items() if value and not name.startswith("voice_")]
    if not entry.is_danger_statement:
        named.remove("worried_number")  # always set, it means something only in a danger statement
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=entry, changed_fields=[*named, "voice"])
    return entry


@transaction.atomic
def entry_update(*, actor: User, case: Case, entry: Entry, expected_version: int,
                 **changes: Unpack[EntryFields]) -> list[str]:
    """Change an entry (its words, whose words, its part). Refused with ConflictError if someone saved it since
    `expected_version`. Moving it to another part puts it at the end of that part."""
    require_case_perm(actor, case, Perm.CHANGE)
    map_ = entry.map
    _check_map(case, map_)
    _require_live(entry)
    sent: EntryFields = {
        "part": entry.part, "text": entry.text, "voice": entry.voice_key, "worried": entry.worried,
        "worried_number": entry.worried_number, "behaviour": entry.behaviour, "impact": entry.impact,
        "goal_kind": entry.goal_kind, "answers": entry.answers_id, "responsible": entry.responsible,
        "due_on": entry.due_on}
    sent.update(changes)
    if sent["part"] == Part.FUTURE_DANGER and "text" in changes and not set(DANGER_PARTS) & set(changes):
        sent["worried"] = sent["behaviour"] = sent["impact"] = ""  # the text was rewritten freely
    values = _entry_values(case, map_, sent, current=entry)
    if entry.version != expected_version:
        raise ConflictError(current=Entry.objects.get(pk=entry.pk))
    moved = values["part"] != entry.part
    changed = apply_changes(entry, values, ENTRY_EDITABLE)
    if not changed:
        return []
    if moved:
        _lock_map(map_)
        last = map_.entries.filter(part=entry.part).exclude(pk=entry.pk).aggregate(last=Max("position"))["last"]
        entry.position = (last or 0) + 1
        changed.append("position")
    save_versioned(entry, expected_version=expected_version, fields=changed)
    maps_tally([map_.pk])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=entry,
                 changed_fields=sorted({name.removesuffix("_id") for name in changed}))
    return changed


@transaction.atomic
def entry_move(*, actor: User, case: Case, entry: Entry, offset: int) -> bool:
    """Move an entry up (-1) or down (+1) within its part. Returns False if it is already at that end."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, entry.map)
    _lock_map(entry.map)
    # The part and deletion as stored now: someone may have moved or deleted the entry since it was loaded.
    entry.refresh_from_db(fields=["part", "deleted_at"])
    _require_live(entry)
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
def entry_delete(*, actor: User, case: Case, entry: Entry) -> None:
    """Hide the entry; entry_restore brings it back. Deleting it again changes nothing."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, entry.map)
    if entry.deleted_at is not None:
        return
    entry.deleted_at, entry.deleted_by = timezone.now(), actor
    entry.save(update_fields=["deleted_at", "deleted_by"])
    maps_tally([entry.map_id])
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=entry)


@transaction.atomic
def entry_restore(*, actor: User, case: Case, entry: Entry) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, entry.map)
    if entry.deleted_at is None:
        return
    entry.deleted_at, entry.deleted_by = None, None
    entry.save(update_fields=["deleted_at", "deleted_by"])
    maps_tally([entry.map_id])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=entry, changed_fields=["deleted_at"])


# --- views on an entry (agreement and dispute) ------------------------------------------------------------

@transaction.atomic
def stance_set(*, actor: User, case: Case, entry: Entry, voice: str, agrees: bool, words: str = "") -> Stance:
    """Record whether someone agrees with an entry, in their words. A second view from the same voice replaces
    the first."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, entry.map)
    _require_live(entry)
    errors = Errors()
    resolved = _resolved(errors, lambda: resolve_voice(case, voice))
    words = clean_text(words, "words", errors)
    if not agrees and not words:
        errors.add("words", _("Write down, in their words, what they see differently."))
    errors.raise_if_any()
    assert resolved is not None
    _lock_map(entry.map)  # two views from one voice at once would otherwise collide on stance_once_per_voice
    stance = Stance.objects.filter(entry=entry, voice_key=resolved.key).first() or Stance(entry=entry)
    stance.set_voice(resolved)
    stance.agrees, stance.words = agrees, words
    stance.save()
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=entry, changed_fields=["stances"])
    return stance


@transaction.atomic
def stance_remove(*, actor: User, case: Case, stance: Stance) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, stance.entry.map)
    stance.delete()
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=stance.entry, changed_fields=["stances"])


# --- scales --------------------------------------------------------------------------------------------

@transaction.atomic
def scale_set(*, actor: User, case: Case, map_: Map, voice: str, score: int, kind: str = ScaleKind.SAFETY,
              reason: str = "", about: int | None = None, expected_version: int | None = None) -> Scale:
    """Record one voice's score on one scale of the map; a second score from the same voice on the same scale
    (and, for willingness, capacity and confidence, about the same person) replaces the first. `about` is the
    id of the parent, caregiver or network member of the case scored."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, map_)
    errors = Errors()
    if kind not in ScaleKind.values:
        errors.add("kind", _("Choose a scale."))
    resolved = _resolved(errors, lambda: resolve_voice(case, voice))
    value = clean_score(score, "score", errors)
    reason = clean_text(reason, "reason", errors)
    subject = None
    if kind != ScaleKind.SAFETY:
        if about is None:
            errors.add("about", _("Say whose willingness, capacity or confidence this is."))
        else:
            subject = _resolved(errors, lambda: chosen_person(
                case, about, field="about", roles=(PersonRole.PARENT, PersonRole.CAREGIVER, PersonRole.NETWORK),
                message=_("Choose a parent, caregiver or network member of this case.")))
    errors.raise_if_any()
    assert resolved is not None and value is not None
    _lock_map(map_)
    scale = Scale.objects.filter(map=map_, kind=kind, voice_key=resolved.key,
                                 about_id=subject.pk if subject else None).first()
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
def scale_delete(*, actor: User, case: Case, scale: Scale) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_map(case, scale.map)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=scale)
    scale.delete()
