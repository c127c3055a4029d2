"""Changes to meetings. Called by the tools that hold their work in a meeting (a map, later a care-plan
meeting), usually inside their own transaction; each still checks the policy and writes its audit itself, so
that a page of its own for meetings can call them as they are."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case
from safehold.cases.voices import Voice
from safehold.core.versioning import save_versioned
from safehold.meetings.models import Meeting, MeetingKind, Participant


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
