"""What the meetings endpoints accept and return: a meeting with who took part from the case (as voices,
"person:<id>" / "user:<id>"), the professionals from outside, the expectations gathered beforehand, the agenda,
the agreements (who does what by when), the next date and the minutes."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from ninja import Field, Schema

from safehold.api.schemas import Input, Patch
from safehold.core.validation import LONG, SHORT, TEXT
from safehold.meetings.models import Meeting, MeetingKind, Presence
from safehold.meetings.services import AgreementInput, ExpectationInput, ParticipantInput, ProfessionalInput

KindName = Literal["assessment", "network", "safety_plan", "care_plan", "review"]
PresenceName = Literal["present", "excused"]

assert set(KindName.__args__) == set(MeetingKind.values)  # type: ignore[attr-defined]
assert set(PresenceName.__args__) == set(Presence.values)  # type: ignore[attr-defined]

VOICE = "Someone on the case: \"person:<id>\" for one of its people, \"user:<id>\" for an assigned worker."
LISTS = ("Each list sent replaces the saved one; a list left out stays as it is.")


# --- what a client sends -------------------------------------------------------------------------------------

class ParticipantIn(Input):
    voice: str = Field(..., max_length=40, description=VOICE)
    presence: PresenceName | None = Field(None, description="Left out: as it was (present for someone new).")

    def service(self) -> ParticipantInput:
        return ParticipantInput(voice=self.voice, presence=self.presence)


class ProfessionalIn(Input):
    name: str = Field(..., max_length=SHORT)
    organisation: str = Field("", max_length=SHORT)
    presence: PresenceName = "present"

    def service(self) -> ProfessionalInput:
        return ProfessionalInput(name=self.name, organisation=self.organisation, presence=self.presence)


class ExpectationIn(Input):
    voice: str = Field(..., max_length=40, description="A parent or a child of the case, as " + VOICE)
    text: str = Field(..., max_length=TEXT, description="What they expect from the meeting, in their words.")

    def service(self) -> ExpectationInput:
        return ExpectationInput(voice=self.voice, text=self.text)


class MeetingAgreementIn(Input):
    what: str = Field(..., max_length=TEXT)
    who: str = Field(..., max_length=SHORT)
    due_on: date | None = Field(None, description="By when: not before the meeting.")

    def service(self) -> AgreementInput:
        return AgreementInput(what=self.what, who=self.who, due_on=self.due_on)


class MeetingCreate(Input):
    kind: KindName
    held_on: date
    title: str = Field("", max_length=200)
    place: str = Field("", max_length=SHORT)
    agenda: str = Field("", max_length=LONG)
    minutes: str = Field("", max_length=LONG)
    next_on: date | None = Field(None, description="The next meeting: not before this one.")
    participants: list[ParticipantIn] = Field([], description="At least one participant or professional.")
    professionals: list[ProfessionalIn] = []
    expectations: list[ExpectationIn] = []
    agreements: list[MeetingAgreementIn] = Field([], description="In the order they were agreed.")

    def services(self) -> dict[str, Any]:
        return {"kind": self.kind, "held_on": self.held_on, "title": self.title, "place": self.place,
                "agenda": self.agenda, "minutes": self.minutes, "next_on": self.next_on,
                "participants": [p.service() for p in self.participants],
                "professionals": [p.service() for p in self.professionals],
                "expectations": [e.service() for e in self.expectations],
                "agreements": [a.service() for a in self.agreements]}


class MeetingPatch(Patch):
    nullable = frozenset({"next_on"})

    version: int = Field(..., description="The version of the meeting you read.")
    kind: KindName | None = None
    held_on: date | None = None
    title: str | None = Field(None, max_length=200)
    place: str | None = Field(None, max_length=SHORT)
    agenda: str | None = Field(None, max_length=LONG)
    minutes: str | None = Field(None, max_length=LONG)
    next_on: date | None = Field(None, description="null clears it.")
    participants: list[ParticipantIn] | None = Field(None, description=LISTS)
    professionals: list[ProfessionalIn] | None = Field(None, description=LISTS)
    expectations: list[ExpectationIn] | None = Field(None, description=LISTS)
    agreements: list[MeetingAgreementIn] | None = Field(None, description=LISTS + " Agreements get new ids.")

    def changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for name in self.model_fields_set - {"version"}:
            value = getattr(self, name)
            changes[name] = [item.service() for item in value] if isinstance(value, list) else value
        return changes


# --- answers -----------------------------------------------------------------------------------------------

class ParticipantOut(Schema):
    id: int
    voice: str
    voice_kind: str
    name: str
    presence: PresenceName


class ProfessionalOut(Schema):
    id: int
    name: str
    organisation: str
    presence: PresenceName


class ExpectationOut(Schema):
    id: int
    voice: str
    name: str
    text: str


class MeetingAgreementOut(Schema):
    id: int
    position: int
    what: str
    who: str
    due_on: date | None
    version: int


class MeetingOut(Schema):
    id: int
    kind: KindName
    kind_label: str
    held_on: date
    title: str
    place: str
    agenda: str
    minutes: str
    next_on: date | None
    version: int
    participants: list[ParticipantOut]
    professionals: list[ProfessionalOut]
    expectations: list[ExpectationOut]
    agreements: list[MeetingAgreementOut]


class MeetingList(Schema):
    items: list[MeetingOut]
    count: int


def meeting_out(meeting: Meeting) -> dict[str, Any]:
    """A meeting as the API answers it (its lists prefetched: `selectors.case_meeting`)."""
    return {
        "id": meeting.pk, "kind": meeting.kind, "kind_label": meeting.get_kind_display(), "held_on": meeting.held_on,
        "title": meeting.title, "place": meeting.place, "agenda": meeting.agenda, "minutes": meeting.minutes,
        "next_on": meeting.next_on, "version": meeting.version,
        "participants": [{"id": p.pk, "voice": p.voice_key, "voice_kind": p.voice_kind, "name": p.voice_name,
                          "presence": p.presence} for p in meeting.participants.all()],
        "professionals": [{"id": p.pk, "name": p.name, "organisation": p.organisation, "presence": p.presence}
                          for p in meeting.professionals.all()],
        "expectations": [{"id": e.pk, "voice": e.voice_key, "name": e.voice_name, "text": e.text}
                         for e in meeting.expectations.all()],
        "agreements": [{"id": a.pk, "position": a.position, "what": a.what, "who": a.who, "due_on": a.due_on,
                        "version": a.version} for a in meeting.agreements.all()],
    }
