"""Reads of maps. Each runs a fixed number of queries, however many entries a map holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from safehold.cases.models import Case
from safehold.mapping.models import COLUMNS, PART_HINTS, Column, Entry, Map, Part, Scale, ScaleKind, Stance


def case_maps(case: Case) -> list[Map]:
    """The case's maps, oldest first, with their meeting and number of entries. One query."""
    return list(
        Map.objects.filter(case=case).select_related("meeting")
        .annotate(entry_count=Count("entries", filter=Q(entries__deleted_at__isnull=True)))
        .order_by("drawn_on", "id")
    )


def case_map(case: Case, map_id: int | str) -> Map:
    """One map of the case, or 404 (whatever the reason: a map of another case does not exist here)."""
    try:
        pk = int(map_id)
    except (TypeError, ValueError):
        raise Http404 from None
    found = Map.objects.filter(case=case, pk=pk).select_related("meeting").first()
    if found is None:
        raise Http404
    return found


def map_entry(map_: Map, entry_id: int | str, *, deleted: bool = False) -> Entry:
    try:
        pk = int(entry_id)
    except (TypeError, ValueError):
        raise Http404 from None
    found = Entry.objects.filter(map=map_, pk=pk, deleted_at__isnull=not deleted).first()
    if found is None:
        raise Http404
    found.map = map_
    return found


def map_scale(map_: Map, scale_id: int | str) -> Scale:
    try:
        pk = int(scale_id)
    except (TypeError, ValueError):
        raise Http404 from None
    found = Scale.objects.filter(map=map_, pk=pk).first()
    if found is None:
        raise Http404
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
    participants: list

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
    scales = list(map_.scales.order_by("kind", "about_name", "voice_name", "id"))
    participants = list(map_.meeting.participants.all()) if map_.meeting_id and map_.meeting else []
    return MapContent(map=map_, columns=columns, grey_areas=by_part[Part.GREY_AREAS], entries=entries,
                      scales=scales, participants=participants)
