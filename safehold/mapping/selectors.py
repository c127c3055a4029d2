"""Reads of maps. Each runs a fixed number of queries, however many entries a map holds.

A map, entry, view or score named in a URL is loaded through its case (and map) and is a 404 otherwise
(`case_map`, `map_entry`, …); one named in input (an API body, a form's choice) is a field error instead
(`chosen_entry`, `chosen_scale`): a wrong choice is the user's mistake, not a missing page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404

from safehold.cases.models import Case
from safehold.core.ids import as_pk, pk_or_404
from safehold.mapping.models import (
    COLUMNS,
    PART_HINTS,
    Column,
    Entry,
    Map,
    Part,
    Scale,
    ScaleKind,
    Stance,
    scale_position,
)
from safehold.meetings.models import Participant


def case_maps(case: Case) -> list[Map]:
    """The case's maps, oldest first, with their meeting and number of entries. One query."""
    return list(
        Map.objects.filter(case=case).select_related("meeting")
        .annotate(entry_count=Count("entries", filter=Q(entries__deleted_at__isnull=True)))
        .order_by("drawn_on", "id")
    )


def case_maps_with_participants(case: Case) -> list[Map]:
    """`case_maps` with who took part in each map's meeting (`map.meeting.participants.all()`). Two queries."""
    maps = case_maps(case)
    prefetch_related_objects(maps, "meeting__participants")
    return maps


def case_has_maps(case: Case) -> bool:
    return Map.objects.filter(case=case).exists()


def latest_map(case: Case) -> Map | None:
    """The map a new one starts as a copy of: the latest by date."""
    return Map.objects.filter(case=case).order_by("-drawn_on", "-id").first()


def case_map(case: Case, map_id: int | str) -> Map:
    """One map of the case, or 404 (whatever the reason: a map of another case does not exist here)."""
    found = Map.objects.filter(case=case, pk=pk_or_404(map_id)).select_related("meeting").first()
    if found is None:
        raise Http404
    found.case = case
    return found


def map_participants(map_: Map) -> list[Participant]:
    """Who took part in the map's meeting (none when it is not tied to one)."""
    return list(map_.meeting.participants.all()) if map_.meeting is not None else []


def map_entry(map_: Map, entry_id: int | str, *, deleted: bool = False) -> Entry:
    """A live entry of the map (a deleted one with `deleted`), or 404."""
    found = Entry.objects.filter(map=map_, pk=pk_or_404(entry_id), deleted_at__isnull=not deleted).first()
    if found is None:
        raise Http404
    found.map = map_
    return found


def chosen_entry(map_: Map, entry_id: object, *, field: str | None, message: str,
                 deleted: bool | None = False) -> Entry:
    """The entry of the map that input names, or ValidationError({field: message}) (the message alone without
    a field). A live entry; a deleted one with `deleted=True`, either with `deleted=None`."""
    pk = as_pk(entry_id)
    found = None
    if pk is not None:
        entries = Entry.objects.filter(map=map_, pk=pk)
        if deleted is not None:
            entries = entries.filter(deleted_at__isnull=not deleted)
        found = entries.first()
    if found is None:
        raise ValidationError({field: message} if field else message)
    found.map = map_
    return found


def map_danger_statements(map_: Map, *, exclude: Entry | None = None) -> list[Entry]:
    """The map's live danger statements, in their order: what a goal may answer (not itself)."""
    statements = Entry.objects.live().filter(map=map_, part=Part.FUTURE_DANGER).exclude(worried="")
    if exclude is not None:
        statements = statements.exclude(pk=exclude.pk)
    return list(statements.order_by("position", "id"))


def deleted_entries(map_: Map, entry_ids: Iterable[int]) -> list[Entry]:
    """Which of these entries of the map are deleted (and may be restored), the latest deleted first."""
    ids = list(entry_ids)
    if not ids:
        return []
    return list(Entry.objects.filter(map=map_, pk__in=ids, deleted_at__isnull=False).order_by("-deleted_at"))


def map_stance(map_: Map, stance_id: int | str) -> Stance:
    """A view on an entry of the map, or 404."""
    found = Stance.objects.select_related("entry").filter(pk=pk_or_404(stance_id), entry__map=map_).first()
    if found is None:
        raise Http404
    found.entry.map = map_
    return found


def map_scale(map_: Map, scale_id: int | str) -> Scale:
    """A score on the map, or 404."""
    found = Scale.objects.filter(map=map_, pk=pk_or_404(scale_id)).first()
    if found is None:
        raise Http404
    found.map = map_
    return found


def chosen_scale(map_: Map, scale_id: object, *, message: str) -> Scale:
    """The score on the map that input names, or ValidationError(message)."""
    pk = as_pk(scale_id)
    found = Scale.objects.filter(map=map_, pk=pk).first() if pk is not None else None
    if found is None:
        raise ValidationError(message)
    found.map = map_
    return found


@dataclass
class PartView:
    part: str
    label: str
    hint: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class ColumnView:
    column: str
    label: str
    parts: list[PartView]


@dataclass
class MapContent:
    map: Map
    columns: list[ColumnView]
    grey_areas: PartView
    entries: list[Entry]
    scales: list[Scale]
    participants: list[Participant]

    @property
    def danger_statements(self) -> list[Entry]:
        return [e for e in self.entries if e.is_danger_statement]

    @property
    def parts(self) -> list[PartView]:
        return [p for c in self.columns for p in c.parts] + [self.grey_areas]

    def scales_of(self, kind: str) -> list[Scale]:
        return [s for s in self.scales if s.kind == kind]

    @property
    def safety_scales(self) -> list[Scale]:
        return self.scales_of(ScaleKind.SAFETY)

    @property
    def parent_scales(self) -> list[Scale]:
        return [s for s in self.scales if s.kind != ScaleKind.SAFETY]


def in_scale_order(scales: Iterable[Scale]) -> list[Scale]:
    """Scores in the practice's order of the scales (safety, willingness, capacity, confidence), then by the
    person scored and whose score it is."""
    return sorted(scales, key=lambda s: (scale_position(s.kind), s.about_name, s.voice_name, s.pk))


def map_content(map_: Map) -> MapContent:
    """Everything on a map, grouped by column and part. Three or four queries, whatever the size."""
    entries = list(
        map_.entries.live().select_related("answers")
        .prefetch_related(Prefetch("stances", queryset=Stance.objects.order_by("id")))
        .order_by("position", "id")
    )
    for entry in entries:
        entry.map = map_
        if entry.answers is not None and entry.answers.deleted_at is not None:
            entry.answers = None  # deleted entries vanish from the map, also as what a goal answers
    by_part: dict[str, PartView] = {
        part.value: PartView(part.value, str(part.label), str(PART_HINTS[part])) for part in Part
    }
    for entry in entries:
        by_part[entry.part].entries.append(entry)
    columns = [ColumnView(column.value, str(column.label), [by_part[p] for p in COLUMNS[column]])
               for column in Column]
    scales = in_scale_order(map_.scales.all())
    participants = map_participants(map_)
    return MapContent(map=map_, columns=columns, grey_areas=by_part[Part.GREY_AREAS], entries=entries,
                      scales=scales, participants=participants)
