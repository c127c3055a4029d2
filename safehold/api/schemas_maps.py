"""What the map endpoints accept and return: the assessment and planning map, its entries, views on entries,
scales and the scaling history. Voices are sent as keys ("person:12", "user:5"), people as ids."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal, cast
from uuid import UUID

from ninja import Field, Schema
from pydantic import StrictInt

from safehold.api.schemas import DbInt, Input, Patch
from safehold.core.validation import SHORT, TEXT
from safehold.mapping.changes import EntryChange, MapHeader, ScaleChange, StanceChange
from safehold.mapping.history import History
from safehold.mapping.models import LABEL_LENGTH, Entry, GoalKind, Map, Part, Scale, ScaleKind, WorriedNumber
from safehold.mapping.selectors import MapContent
from safehold.mapping.services import EntryFields
from safehold.meetings.models import MeetingKind, Participant

PartName = Literal["past_harm", "future_danger", "complicating", "strengths", "existing_safety", "goals",
                   "next_steps", "grey_areas"]
GoalKindName = Literal["safety", "family"]
WorriedNumberName = Literal["one", "several"]
ScaleKindName = Literal["safety", "willingness", "capacity", "confidence"]
# "" is no meeting: the map is not tied to one.
MeetingKindName = Literal["", "assessment", "network", "safety_plan", "care_plan", "review"]

assert set(PartName.__args__) == set(Part.values)  # type: ignore[attr-defined]
assert set(GoalKindName.__args__) == set(GoalKind.values)  # type: ignore[attr-defined]
assert set(WorriedNumberName.__args__) == set(WorriedNumber.values)  # type: ignore[attr-defined]
assert set(ScaleKindName.__args__) == set(ScaleKind.values)  # type: ignore[attr-defined]
assert set(MeetingKindName.__args__) == {"", *MeetingKind.values}  # type: ignore[attr-defined]

VoiceKey = Annotated[str, Field(max_length=40, description='Someone on the case: "person:<id>" or "user:<id>".')]


# --- answers ------------------------------------------------------------------------------------------

class VoiceOut(Schema):
    key: str
    kind: str
    name: str


class StanceOut(Schema):
    id: int
    voice: VoiceOut
    agrees: bool
    words: str


class EntryOut(Schema):
    id: int
    part: str
    position: int
    text: str
    voice: VoiceOut
    worried: str
    worried_number: str = Field(..., description='"one" or "several": whether the danger statement says '
                                                 '"… is worried" or "… are worried".')
    behaviour: str
    impact: str
    is_danger_statement: bool
    goal_kind: str
    answers: int | None = Field(..., description="The danger statement this goal answers.")
    responsible: str
    due_on: date | None
    contested: bool = Field(..., description="Someone disagrees with it (see `stances`).")
    stances: list[StanceOut]
    version: int
    lineage: UUID = Field(..., description="The same on the copies of this entry in earlier and later maps.")

    @staticmethod
    def resolve_answers(entry: Entry) -> int | None:
        return entry.answers_id

    @staticmethod
    def resolve_contested(entry: Entry) -> bool:
        return entry.is_contested

    @staticmethod
    def resolve_stances(entry: Entry) -> list:
        return list(entry.stances.all())


class ScaleOut(Schema):
    id: int
    kind: str
    voice: VoiceOut
    about: int | None = Field(..., description="The person whose willingness, capacity or confidence is scored.")
    about_name: str
    score: int
    reason: str
    version: int

    @staticmethod
    def resolve_about(scale: Scale) -> int | None:
        return scale.about_id


class MapSummary(Schema):
    id: int
    drawn_on: date
    title: str
    meeting_kind: str = Field(..., description='"" when the map is not tied to a meeting.')
    participants: list[VoiceOut]
    entry_count: int
    version: int
    copied_from: int | None = Field(..., description="The map this one started as a copy of.")
    created_at: datetime
    updated_at: datetime


class MapList(Schema):
    items: list[MapSummary]
    count: int


class MapOut(MapSummary):
    entries: list[EntryOut] = Field(..., description="In the order of the map: part by part, then by position.")
    scales: list[ScaleOut]


def map_summary(map_: Map, participants: list[Participant], entry_count: int) -> dict[str, Any]:
    return {
        "id": map_.pk, "drawn_on": map_.drawn_on, "title": map_.title,
        "meeting_kind": map_.meeting.kind if map_.meeting is not None else "",
        "participants": [p.voice for p in participants], "entry_count": entry_count, "version": map_.version,
        "copied_from": map_.copied_from_id, "created_at": map_.created_at, "updated_at": map_.updated_at,
    }


def map_out(content: MapContent) -> dict[str, Any]:
    entries = [entry for part in content.parts for entry in part.entries]
    return {**map_summary(content.map, content.participants, len(entries)), "entries": entries,
            "scales": content.scales}


class ScalePointOut(Schema):
    map_id: int
    drawn_on: date
    score: int
    reason: str


class ScaleSeriesOut(Schema):
    key: str = Field(..., description="Stable across calls: the scale, the voice and the person scored.")
    kind: str
    voice: VoiceOut
    about_name: str
    points: list[ScalePointOut]


class MapDate(Schema):
    id: int
    drawn_on: date


class ScalingOut(Schema):
    maps: list[MapDate] = Field(..., description="Every map of the case, oldest first: the time axis.")
    series: list[ScaleSeriesOut]


def scaling_out(history: History) -> dict[str, Any]:
    return {
        "maps": [{"id": m.pk, "drawn_on": m.drawn_on} for m in history.maps],
        "series": [
            {
                "key": s.key, "kind": s.kind, "about_name": s.about_name,
                # The series key is "<kind>:<voice key>:<person id>", and a voice key is "person:12" or "user:5".
                "voice": {"key": ":".join(s.key.split(":")[1:3]), "kind": s.voice_kind, "name": s.voice_name},
                "points": [{"map_id": p.map.pk, "drawn_on": p.map.drawn_on, "score": p.score, "reason": p.reason}
                           for p in s.points],
            }
            for s in history.series
        ],
    }



# --- what a client sends -----------------------------------------------------------------------------

class MapCreate(Input):
    drawn_on: date | None = Field(None, description="Today if left out.")
    title: str = Field("", max_length=LABEL_LENGTH)
    meeting_kind: MeetingKindName = ""
    participants: list[VoiceKey] = Field([], description="Who took part; needs `meeting_kind`.")
    copy_latest: bool = Field(True, description="Start as a copy of the latest map (entries, views, scales).")


class StanceIn(Input):
    voice: VoiceKey = ""
    agrees: bool
    words: str = Field("", max_length=TEXT, description="Needed when they disagree.")

    def as_change(self) -> StanceChange:
        return StanceChange(voice=self.voice, agrees=self.agrees, words=self.words)


class EntryIn(Patch):
    nullable: ClassVar[frozenset[str]] = frozenset({"id", "version", "answers", "due_on"})

    id: DbInt | None = Field(None, description="Leave out to add an entry; give it, with `version`, to change one.")
    version: int | None = Field(None, description="The entry's version you read; a newer one answers 409.")
    part: PartName | None = None
    text: str | None = Field(None, max_length=TEXT,
                             description="Written from worried/worried_number/behaviour/impact for a danger "
                                         "statement, in the case's language.")
    voice: VoiceKey | None = None
    worried: str | None = Field(None, max_length=SHORT)
    worried_number: WorriedNumberName | None = Field(
        None, description='Whether one person or service is worried ("one", the sentence says "… is worried '
                          'that") or several ("several": "… are worried that"). A new danger statement without '
                          'it: "one"; a change without it keeps what the entry has.')
    behaviour: str | None = Field(None, max_length=TEXT,
                                  description='Written as it goes on from "… is worried that", without "that" '
                                              '(in German without "dass", the verb last).')
    impact: str | None = Field(None, max_length=TEXT,
                               description='Written as it goes on from "there is a danger that", without "that".')
    goal_kind: GoalKindName | None = Field(
        None, description='A goal: "safety" (what the authority needs to see) or "family" (what the family wants). '
                          'A new goal without it is of the kind its speaker would mean: "family" in the words of '
                          'the child, a parent, a caregiver or the network; "safety" in a worker\'s or another '
                          "professional's.")
    answers: DbInt | None = Field(None, description="The id of the danger statement (of this map) a goal answers.")
    responsible: str | None = Field(None, max_length=LABEL_LENGTH)
    due_on: date | None = None
    stances: list[StanceIn] = Field([], description="Views on the entry; one per voice, a new one replaces it.")

    def as_change(self) -> EntryChange:
        # Only what the client sent: an entry changed keeps every field left out.
        fields = self.model_dump(exclude_unset=True, exclude={"id", "version", "stances"})
        return EntryChange(fields=cast(EntryFields, fields), id=self.id, version=self.version,
                           stances=[stance.as_change() for stance in self.stances])


class ScaleIn(Input):
    kind: ScaleKindName = "safety"
    voice: VoiceKey = ""
    about: DbInt | None = Field(None, description="The person scored, for willingness, capacity and confidence.")
    # Strict: neither true nor "7" is a score. The range is checked by the service, which names the field.
    score: StrictInt = Field(..., json_schema_extra={"minimum": 0, "maximum": 10})
    reason: str = Field("", max_length=TEXT)
    version: int | None = Field(None, description="The scale's version you read, if you read it; a newer one "
                                                  "answers 409.")

    def as_change(self) -> ScaleChange:
        return ScaleChange(voice=self.voice, score=self.score, kind=self.kind, reason=self.reason, about=self.about,
                           version=self.version)


class MapPatch(Patch):
    nullable: ClassVar[frozenset[str]] = frozenset({"version"})

    version: int | None = Field(None, description="The map's version you read: needed to change its date, title, "
                                                  "meeting or participants; a newer one answers 409.")
    drawn_on: date | None = None
    title: str | None = Field(None, max_length=LABEL_LENGTH)
    meeting_kind: MeetingKindName | None = Field(None, description='"" unties the map from its meeting.')
    participants: list[VoiceKey] | None = None
    entries: list[EntryIn] = Field([], description="Entries to add (no id) or change (id and version).")
    removed_entries: list[DbInt] = Field([], description="Ids of entries to delete (they can be restored).")
    scales: list[ScaleIn] = Field([], description="Scores to set; one per scale, voice and person scored.")
    removed_scales: list[DbInt] = []

    def header(self) -> MapHeader:
        """The map's own fields the client sent."""
        return cast(MapHeader, self.model_dump(include={"drawn_on", "title", "meeting_kind", "participants"},
                                               exclude_unset=True))
