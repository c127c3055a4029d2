"""What changed between two maps: entries added, removed and changed (including moved between parts, and
views on them), and scales that moved. Entries are matched by their lineage, which copies keep."""

from __future__ import annotations

from dataclasses import dataclass, field

from safehold.mapping.models import Entry, Map, Part, Scale, scale_position

_COMPARED = ("part", "text", "voice_key", "goal_kind", "responsible", "due_on")


@dataclass
class EntryChange:
    change: str  # "added", "removed" or "changed"
    before: Entry | None
    after: Entry | None
    fields: list[str] = field(default_factory=list)

    @property
    def entry(self) -> Entry:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def moved(self) -> bool:
        return "part" in self.fields


@dataclass
class ScaleChange:
    change: str  # "added", "removed" or "changed"
    before: Scale | None
    after: Scale | None

    @property
    def scale(self) -> Scale:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after.score - self.before.score


@dataclass
class Comparison:
    before: Map
    after: Map
    entries: list[EntryChange]
    scales: list[ScaleChange]
    unchanged: int

    @property
    def is_empty(self) -> bool:
        return not self.entries and not self.scales


def _stances(entry: Entry) -> set[tuple[str, bool, str]]:
    return {(s.voice_key, s.agrees, s.words) for s in entry.stances.all()}


def _entries(map_: Map) -> dict:
    return {e.lineage: e for e in map_.entries.live().prefetch_related("stances").order_by("position", "id")}


def compare_maps(before: Map, after: Map) -> Comparison:
    """Six queries whatever the size of the maps."""
    old, new = _entries(before), _entries(after)
    order = {p: i for i, p in enumerate(Part.values)}
    changes: list[EntryChange] = []
    unchanged = 0
    for lineage, entry in new.items():
        if lineage not in old:
            changes.append(EntryChange("added", None, entry))
            continue
        previous = old[lineage]
        fields = [name for name in _COMPARED if getattr(previous, name) != getattr(entry, name)]
        if _stances(previous) != _stances(entry):
            fields.append("stances")
        if fields:
            changes.append(EntryChange("changed", previous, entry, fields))
        else:
            unchanged += 1
    changes += [EntryChange("removed", entry, None) for lineage, entry in old.items() if lineage not in new]
    rank = {"changed": 0, "added": 1, "removed": 2}
    changes.sort(key=lambda c: (order[c.entry.part], rank[c.change], c.entry.position))

    def key(s: Scale) -> tuple:
        return (s.kind, s.voice_key, s.about_id)

    old_scales = {key(s): s for s in before.scales.all()}
    new_scales = {key(s): s for s in after.scales.all()}
    scale_changes = [
        ScaleChange("added" if k not in old_scales else "changed", old_scales.get(k), s)
        for k, s in new_scales.items()
        if k not in old_scales or old_scales[k].score != s.score or old_scales[k].reason != s.reason
    ] + [ScaleChange("removed", s, None) for k, s in old_scales.items() if k not in new_scales]
    scale_changes.sort(key=lambda c: (scale_position(c.scale.kind), c.scale.about_name, c.scale.voice_name))
    return Comparison(before, after, changes, scale_changes, unchanged)
