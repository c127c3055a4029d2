"""Two assessment and planning maps for each demo case, a few weeks apart, in the case's language.

The first map is drawn from scratch at an assessment (or review) meeting; the second starts as a copy of it,
the way a team works, and then records what changed: new safety, a resolved worry, a next step done, scores
that moved, a new grey area. Everything goes through the mapping services, so the demo maps have an audit
trail and obey the same rules as maps drawn in the interface.

The words of each case are in `maps_de`, `maps_da` and `maps_en`. Voices there are people's first names on
the case, or "worker" / "consultant" for the workers assigned to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from safehold.accounts.models import User
from safehold.cases.models import Case, CaseAssignment
from safehold.mapping import services as mapping
from safehold.mapping.models import Entry, Map, ScaleKind, WorriedNumber


@dataclass(frozen=True)
class Say:
    """One entry. `key` names it for the goals, views and changes that refer to it. A danger statement has
    `worried` (one or several: `worried_number`), `behaviour` and `impact`, the last two written as they go
    on from "that" (the service writes the sentence); a next step has `who` and is due `due_in` days after
    the map's date."""

    part: str
    voice: str
    text: str = ""
    key: str = ""
    worried: str = ""
    worried_number: str = WorriedNumber.ONE
    behaviour: str = ""
    impact: str = ""
    goal_kind: str = ""
    answers: str = ""
    who: str = ""
    due_in: int | None = None


@dataclass(frozen=True)
class Change:
    """A copied entry rewritten on the later map (a next step done and replaced, a due date moved)."""

    key: str
    text: str
    who: str = ""
    due_in: int | None = None


@dataclass(frozen=True)
class View:
    """Whether someone agrees with an entry, in their words."""

    entry: str
    voice: str
    agrees: bool
    words: str


@dataclass(frozen=True)
class Score:
    voice: str
    score: int
    reason: str
    kind: str = ScaleKind.SAFETY
    about: str = ""  # whose willingness, capacity or confidence: a first name


@dataclass(frozen=True)
class Meeting:
    """One map: the meeting it was drawn at and what was written on it. On a later map, `add`, `change`
    and `remove` work on the copy of the map before it; scores given again replace the copied ones."""

    days_ago: int
    title: str
    meeting_kind: str
    participants: tuple[str, ...]
    add: tuple[Say, ...] = ()
    change: tuple[Change, ...] = ()
    remove: tuple[str, ...] = ()
    views: tuple[View, ...] = ()
    scores: tuple[Score, ...] = ()


def _content() -> dict[str, tuple[Meeting, Meeting]]:
    # The content modules import the types above, so they are loaded here rather than at the top.
    from safehold.demo import maps_da, maps_de, maps_en

    return {**maps_de.MAPS, **maps_da.MAPS, **maps_en.MAPS}


def ensure_demo_maps(case: Case, actor: User) -> list[Map]:
    """Draw the demo case's maps, once: a case that already has a map is left as it is (so running the seed
    again duplicates nothing and keeps what a demo user changed)."""
    meetings = _content().get(case.reference)
    if meetings is None or case.maps.exists():
        return []
    writer = _Writer(actor, case)
    return [writer.draw(meeting, copy_latest=index > 0) for index, meeting in enumerate(meetings)]


class _Writer:
    def __init__(self, actor: User, case: Case) -> None:
        self.actor, self.case = actor, case
        self.people = {p.first_name: p.pk for p in case.people.all()}
        self.voices = {name: f"person:{pk}" for name, pk in self.people.items()}
        for assignment in case.assignments.all():
            role = "worker" if assignment.role == CaseAssignment.Role.CASEWORKER else "consultant"
            self.voices.setdefault(role, f"user:{assignment.user_id}")
        self.entries: dict[str, Entry] = {}  # by key, on the map being drawn

    def draw(self, meeting: Meeting, *, copy_latest: bool) -> Map:
        drawn_on = timezone.localdate() - timedelta(days=meeting.days_ago)
        map_ = mapping.map_create(
            actor=self.actor, case=self.case, drawn_on=drawn_on, title=meeting.title,
            meeting_kind=meeting.meeting_kind, participants=[self.voices[name] for name in meeting.participants],
            copy_latest=copy_latest,
        )
        copies = {entry.lineage: entry for entry in map_.entries.all()}
        self.entries = {key: copies[entry.lineage] for key, entry in self.entries.items() if entry.lineage in copies}
        for key in meeting.remove:
            mapping.entry_delete(actor=self.actor, case=self.case, entry=self.entries.pop(key))
        for change in meeting.change:
            entry = self.entries[change.key]
            fields: dict[str, Any] = {"text": change.text}
            if change.who:
                fields["responsible"] = change.who
            if change.due_in is not None:
                fields["due_on"] = drawn_on + timedelta(days=change.due_in)
            mapping.entry_update(actor=self.actor, case=self.case, entry=entry, expected_version=entry.version,
                                 **fields)
        for say in meeting.add:
            entry = mapping.entry_create(actor=self.actor, case=self.case, map_=map_, voice=self.voices[say.voice],
                                         part=say.part, text=say.text, **self._extra(say, drawn_on))
            if say.key:
                self.entries[say.key] = entry
        for view in meeting.views:
            mapping.stance_set(actor=self.actor, case=self.case, entry=self.entries[view.entry],
                               voice=self.voices[view.voice], agrees=view.agrees, words=view.words)
        for score in meeting.scores:
            mapping.scale_set(actor=self.actor, case=self.case, map_=map_, voice=self.voices[score.voice],
                              score=score.score, kind=score.kind, reason=score.reason,
                              about=self.people[score.about] if score.about else None)
        return map_

    def _extra(self, say: Say, drawn_on: date) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if say.worried:
            extra.update(worried=say.worried, worried_number=say.worried_number, behaviour=say.behaviour,
                         impact=say.impact)
        if say.goal_kind:
            extra["goal_kind"] = say.goal_kind
        if say.answers:
            extra["answers"] = self.entries[say.answers].pk
        if say.who:
            extra["responsible"] = say.who
        if say.due_in is not None:
            extra["due_on"] = drawn_on + timedelta(days=say.due_in)
        return extra
