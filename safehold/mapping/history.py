"""How the scores moved over a case's maps: one series per voice (and, for the parents' scales, per person
scored), the basis of the scaling chart and of GET /api/v1/cases/{id}/scaling."""

from __future__ import annotations

from dataclasses import dataclass, field

from safehold.cases.models import Case
from safehold.mapping.models import Map, Scale, ScaleKind, scale_position


@dataclass
class Point:
    map: Map
    index: int  # position of the map on the time axis
    score: int
    reason: str


@dataclass
class Series:
    key: str
    kind: str
    voice_kind: str
    voice_name: str
    about_name: str
    points: list[Point] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.voice_name} → {self.about_name}" if self.about_name else self.voice_name


@dataclass
class History:
    maps: list[Map]
    series: list[Series]

    def of(self, kind: str) -> list[Series]:
        return [s for s in self.series if s.kind == kind]

    @property
    def safety(self) -> list[Series]:
        return self.of(ScaleKind.SAFETY)


def scaling_history(case: Case, *, maps: list[Map] | None = None, kinds: tuple[str, ...] | None = None) -> History:
    """Every score on every map of the case, by voice. One query (two if the maps are not given)."""
    if maps is None:
        maps = list(Map.objects.filter(case=case).order_by("drawn_on", "id"))
    index = {m.pk: i for i, m in enumerate(maps)}
    scales = Scale.objects.filter(map__case=case)
    if kinds:
        scales = scales.filter(kind__in=kinds)
    series: dict[tuple[str, str, int | None], Series] = {}
    for scale in scales.order_by("kind", "voice_name", "id"):
        if scale.map_id not in index:
            continue
        key = (scale.kind, scale.voice_key, scale.about_id)
        if key not in series:
            series[key] = Series(key=f"{scale.kind}:{scale.voice_key}:{scale.about_id or ''}", kind=scale.kind,
                                 voice_kind=scale.voice_kind, voice_name=scale.voice_name,
                                 about_name=scale.about_name)
        found = series[key]
        point = Point(maps[index[scale.map_id]], index[scale.map_id], scale.score, scale.reason)
        if not found.points or point.index >= max(p.index for p in found.points):
            # The names as written on the latest map: a corrected spelling replaces the old one.
            found.voice_name, found.about_name = scale.voice_name, scale.about_name
        found.points.append(point)
    for s in series.values():
        s.points.sort(key=lambda p: p.index)
    return History(maps=maps, series=sorted(series.values(), key=lambda s: (scale_position(s.kind), s.label)))
