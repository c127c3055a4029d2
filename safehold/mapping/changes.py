"""A change of a whole map in one go, as an API client sends it: the map's date, title and meeting, entries to
add, change or delete (with the views on them), and scores to set or remove.

One use case, one transaction: the items are applied in order (the map, deleted entries, entries, removed scores,
scores) by the same services the pages call; if any item is refused, nothing is saved and the errors name
every refused item, e.g. "entries.2.text" or "removed_scales.0".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case
from safehold.core.validation import Errors
from safehold.core.versioning import ConflictError, Versioned
from safehold.mapping import services
from safehold.mapping.models import Entry, Map, Scale, ScaleKind, WorriedNumber
from safehold.mapping.selectors import case_map, chosen_entry, chosen_scale, map_entry, map_participants, map_scale
from safehold.mapping.services import EntryFields


class MapHeader(TypedDict, total=False):
    """The map's own fields a change sends; those left out stay as they are."""

    drawn_on: date
    title: str
    meeting_kind: str
    participants: list[str]  # voice keys


@dataclass(frozen=True)
class StanceChange:
    voice: str
    agrees: bool
    words: str = ""


@dataclass(frozen=True)
class EntryChange:
    """An entry to add (no id) or to change (its id and the version read); `fields` holds what is sent."""

    fields: EntryFields
    id: int | None = None
    version: int | None = None
    stances: Sequence[StanceChange] = ()


@dataclass(frozen=True)
class ScaleChange:
    voice: str
    score: int
    kind: str = ScaleKind.SAFETY
    reason: str = ""
    about: int | None = None  # the person scored, for willingness, capacity and confidence
    version: int | None = None  # the version read, if the score was read


def map_change(*, actor: User, case: Case, map_: Map, version: int | None = None, header: MapHeader | None = None,
               entries: Sequence[EntryChange] = (), removed_entries: Sequence[int] = (),
               scales: Sequence[ScaleChange] = (), removed_scales: Sequence[int] = ()) -> None:
    """Apply every change at once, or none. `version` is the map's version read, needed to change its header.
    Refuses with a ValidationError naming every refused item, or a ConflictError (someone saved since) with
    the record as it is committed now."""
    try:
        _apply(actor=actor, case=case, map_=map_, version=version, header=header or {}, entries=entries,
               removed_entries=removed_entries, scales=scales, removed_scales=removed_scales)
    except ConflictError as conflict:
        # Read again after the rollback: an earlier item of this change may have changed that record in the
        # transaction just undone.
        raise ConflictError(current=_committed(case, map_, conflict.current)) from None


@transaction.atomic
def _apply(*, actor: User, case: Case, map_: Map, version: int | None, header: MapHeader,
           entries: Sequence[EntryChange], removed_entries: Sequence[int], scales: Sequence[ScaleChange],
           removed_scales: Sequence[int]) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    if header and version is None:
        errors.add("version", _("Send the version of the map you read to change its date, title or meeting."))
    elif header and version is not None:
        meeting = map_.meeting
        with errors.under(""):
            services.map_update(
                actor=actor, case=case, map_=map_, expected_version=version,
                drawn_on=header.get("drawn_on", map_.drawn_on), title=header.get("title", map_.title),
                meeting_kind=header.get("meeting_kind", meeting.kind if meeting is not None else ""),
                participants=header.get("participants", [p.voice_key for p in map_participants(map_)]))

    for index, entry_id in enumerate(removed_entries):
        with errors.under(f"removed_entries.{index}"):
            # One deleted already is no error: a client may send the same request again.
            entry = chosen_entry(map_, entry_id, field=None, message=_("There is no such entry on this map."),
                                 deleted=None)
            services.entry_delete(actor=actor, case=case, entry=entry)

    for index, change in enumerate(entries):
        with errors.under(f"entries.{index}"):
            _entry_change(actor, case, map_, change)

    for index, scale_id in enumerate(removed_scales):
        with errors.under(f"removed_scales.{index}"):
            scale = chosen_scale(map_, scale_id, message=_("There is no such scale on this map."))
            services.scale_delete(actor=actor, case=case, scale=scale)

    for index, given in enumerate(scales):
        with errors.under(f"scales.{index}"):
            services.scale_set(actor=actor, case=case, map_=map_, voice=given.voice, score=given.score,
                               kind=given.kind, reason=given.reason, about=given.about,
                               expected_version=given.version)
    errors.raise_if_any()


def _entry_change(actor: User, case: Case, map_: Map, change: EntryChange) -> None:
    """Add or change one entry, then set the views on it. Its errors are named relative to the entry."""
    problems = Errors()
    entry: Entry | None = None
    if change.id is not None:
        try:
            entry = chosen_entry(map_, change.id, field="id", message=_("There is no such entry on this map."))
        except ValidationError as error:
            problems.add("id", error.message_dict["id"][0])
        if change.version is None:
            problems.add("version", _("Send the version of the entry you read."))
    problems.raise_if_any()

    fields = change.fields
    if entry is None:
        entry = services.entry_create(
            actor=actor, case=case, map_=map_, voice=fields.get("voice", ""), part=fields.get("part", ""),
            text=fields.get("text", ""), worried=fields.get("worried", ""),
            worried_number=fields.get("worried_number", WorriedNumber.ONE), behaviour=fields.get("behaviour", ""),
            impact=fields.get("impact", ""), goal_kind=fields.get("goal_kind", ""), answers=fields.get("answers"),
            responsible=fields.get("responsible", ""), due_on=fields.get("due_on"))
    else:
        assert change.version is not None
        services.entry_update(actor=actor, case=case, entry=entry, expected_version=change.version, **fields)

    stance_errors = Errors()
    for index, stance in enumerate(change.stances):
        with stance_errors.under(f"stances.{index}"):
            services.stance_set(actor=actor, case=case, entry=entry, voice=stance.voice, agrees=stance.agrees,
                                words=stance.words)
    stance_errors.raise_if_any()


def _committed(case: Case, map_: Map, current: Versioned) -> Versioned:
    """The record of a conflict as it is committed now (as the change saw it, if it has gone since)."""
    try:
        if isinstance(current, Entry):
            return map_entry(map_, current.pk)
        if isinstance(current, Scale):
            return map_scale(map_, current.pk)
        return case_map(case, map_.pk)
    except Http404:
        return current
