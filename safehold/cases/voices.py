"""Voices: who said something or gave a score on a case (a worker, the child, a parent, a network member…).

Practice tools record whose words an entry is, so that the family's voice stays visible next to the
professionals'. A voice is one of the case's people or one of its assigned workers. The name is kept as it
was, so the record still reads right after someone is removed from the case.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case, CaseAssignment, Person, PersonRole


class VoiceKind(models.TextChoices):
    WORKER = "worker", _("Worker")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    CAREGIVER = "caregiver", _("Caregiver")
    NETWORK = "network", _("Network member")
    PROFESSIONAL = "professional", _("Professional")


@dataclass(frozen=True)
class Voice:
    key: str  # "person:12" or "user:5": what forms and the API send
    kind: str
    name: str
    person_id: int | None = None
    user_id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({VoiceKind(self.kind).label})"


def case_voices(case: Case, *, people: list[Person] | None = None,
                assignments: list[CaseAssignment] | None = None) -> list[Voice]:
    """Everyone who can speak on the case: its people (children first) and its assigned workers. Two queries,
    or none when the caller passes the people and assignments it already has."""
    if people is None:
        people = list(case.people.all())
    if assignments is None:
        assignments = list(case.assignments.select_related("user"))
    order: dict[str, int] = {PersonRole.CHILD: 0, PersonRole.PARENT: 1, PersonRole.CAREGIVER: 2, PersonRole.NETWORK: 3,
             PersonRole.PROFESSIONAL: 4}
    voices = [
        Voice(key=f"person:{p.pk}", kind=p.role, name=p.full_name, person_id=p.pk)
        for p in sorted(people, key=lambda p: (order.get(p.role, 9), p.first_name, p.pk))
    ]
    voices += [
        Voice(key=f"user:{a.user_id}", kind=VoiceKind.WORKER, name=a.user.get_full_name() or a.user.username,
              user_id=a.user_id)
        for a in assignments
    ]
    return voices


def resolve_voice(case: Case, key: str, *, field: str = "voice", voices: list[Voice] | None = None) -> Voice:
    """The voice a form or API client named, or a field error: it must be someone on this case."""
    for voice in voices if voices is not None else case_voices(case):
        if voice.key == key:
            return voice
    if not key:
        raise ValidationError({field: gettext("Say whose voice this is.")})
    raise ValidationError({field: gettext("Choose someone on this case.")})


class SpokenBy(models.Model):
    """Whose words or score a record holds. Abstract: each tool's records carry these fields."""

    voice_kind = models.CharField(_("voice"), max_length=20, choices=VoiceKind.choices)
    voice_person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    voice_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    voice_name = models.CharField(_("name"), max_length=201)
    # "person:12" / "user:5": stays the same when the name is corrected, so scores line up over time.
    voice_key = models.CharField(max_length=40)

    class Meta:
        abstract = True

    def set_voice(self, voice: Voice) -> None:
        self.voice_kind, self.voice_name, self.voice_key = voice.kind, voice.name, voice.key
        self.voice_person_id, self.voice_user_id = voice.person_id, voice.user_id

    @property
    def voice(self) -> Voice:
        return Voice(key=self.voice_key, kind=self.voice_kind, name=self.voice_name,
                     person_id=self.voice_person_id, user_id=self.voice_user_id)

    @property
    def voice_label(self) -> str:
        return self.voice.label
