"""Changes to meetings. Called by the tools that hold their work in a meeting, inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from safehold.audit.services import Action, audit_record
from safehold.cases.models import Case
from safehold.cases.voices import Voice
from safehold.meetings.models import Meeting, MeetingKind, Participant


def meeting_create(*, actor, case: Case, kind: str, held_on: date, participants: Iterable[Voice] = (),
                   title: str = "") -> Meeting:
    if kind not in MeetingKind.values:
        raise ValidationError({"meeting_kind": _("Choose the kind of meeting.")})
    meeting = Meeting.objects.create(case=case, kind=kind, held_on=held_on, title=title, created_by=actor)
    _set_participants(meeting, participants)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=meeting,
                 changed_fields=["kind", "held_on", "participants"])
    return meeting


def meeting_update(*, actor, case: Case, meeting: Meeting, kind: str, held_on: date,
                   participants: Iterable[Voice]) -> list[str]:
    """Change a meeting's kind, date or who took part. Returns what changed."""
    if kind not in MeetingKind.values:
        raise ValidationError({"meeting_kind": _("Choose the kind of meeting.")})
    changed: list[str] = []
    if meeting.kind != kind:
        meeting.kind, changed = kind, [*changed, "kind"]
    if meeting.held_on != held_on:
        meeting.held_on, changed = held_on, [*changed, "held_on"]
    if changed:
        meeting.version += 1
        meeting.save(update_fields=[*changed, "version"])
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
