"""factory_boy factories shared by the test suites of every app."""

from __future__ import annotations

import hashlib
import io
from typing import cast

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from safehold.accounts.models import Membership, Organisation, Team, User
from safehold.cases.models import Case, CaseAssignment, LegalBasis, Person, PersonRole
from safehold.cases.voices import VoiceKind
from safehold.mapping.models import Entry, Map, Part, Scale, ScaleKind, Stance
from safehold.mapping.tallies import maps_tally


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Jugendamt {n}")
    kind = Organisation.Kind.YOUTH_OFFICE
    country = Organisation.Country.GERMANY


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """roles=[Role.CASEWORKER] or roles=[(Role.TEAM_LEAD, team)]."""
        if not create or not extracted:
            return
        user = cast(User, self)  # factory_boy calls post-generation hooks with the built object, not the factory
        for item in extracted:
            role, team = item if isinstance(item, tuple) else (item, None)
            Membership.objects.create(user=user, role=role, team=team)


class LegalBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalBasis

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"SGB VIII § {n}")
    label = "Hilfe zur Erziehung"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"REF-{n:05d}")
    family_name = factory.Faker("last_name")
    language = "de"
    opened_on = factory.LazyFunction(timezone.localdate)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        case = model_class(*args, **kwargs)
        case.refresh_search_key()
        case.save()
        return case


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseAssignment

    case = factory.SubFactory(CaseFactory)
    user = factory.SubFactory(UserFactory)
    role = CaseAssignment.Role.CASEWORKER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    case = factory.SubFactory(CaseFactory)
    role = PersonRole.CHILD
    first_name = factory.Faker("first_name")
    last_name = factory.LazyAttribute(lambda p: p.case.family_name)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        person = model_class(*args, **kwargs)
        person.refresh_search_key()
        person.save()
        return person


# --- the assessment and planning map -------------------------------------------------------------------
# These write rows directly, for tests that need many of them (query counts) or that bypass the services on
# purpose (database constraints). Tests of the rules go through mapping.services.


class MapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Map

    case = factory.SubFactory(CaseFactory)
    drawn_on = factory.LazyFunction(timezone.localdate)


class _SpokenByFactory(factory.django.DjangoModelFactory):
    """Spoken by a worker unless told otherwise: voice_kind, voice_name and voice_key can be overridden."""

    voice_kind = VoiceKind.WORKER
    voice_name = "Alice Worker"
    voice_key = "user:0"


class EntryFactory(_SpokenByFactory):
    class Meta:
        model = Entry
        skip_postgeneration_save = True

    map = factory.SubFactory(MapFactory)
    part = Part.STRENGTHS
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("sentence")

    @factory.post_generation
    def tally(entry: Entry, create: bool, extracted: object, **kwargs: object) -> None:
        # The counts the mapping services keep on the map (mapping.tallies), as they would have kept them.
        if create:
            maps_tally([entry.map_id])


class StanceFactory(_SpokenByFactory):
    class Meta:
        model = Stance

    entry = factory.SubFactory(EntryFactory)
    agrees = False
    words = "Das stimmt so nicht."


class ScaleFactory(_SpokenByFactory):
    class Meta:
        model = Scale

    map = factory.SubFactory(MapFactory)
    kind = ScaleKind.SAFETY
    score = 5


def voice_key(who: Person | User) -> str:
    """The key a form or API client sends to name whose voice something is."""
    return f"person:{who.pk}" if isinstance(who, Person) else f"user:{who.pk}"


# --- the safety plan -----------------------------------------------------------------------------------
# Rows written directly, for query counts and for the start page; tests of the rules go through
# safety_plans.services.


class SafetyPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "safety_plans.SafetyPlan"

    case = factory.SubFactory(CaseFactory)
    version_no = factory.Sequence(lambda n: n + 1)


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "safety_plans.Rule"

    plan = factory.SubFactory(SafetyPlanFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "Papa trinkt keinen Alkohol, wenn er Freja betreut."
    responsible = factory.SubFactory(PersonFactory, case=factory.SelfAttribute("..plan.case"), role=PersonRole.PARENT)
    periods = factory.LazyFunction(list)


# --- uploads ---------------------------------------------------------------------------------------------
# A stored file written directly (a small clean PNG), for pages that show files; tests of what is accepted
# go through uploads.services.


def png_bytes(size: tuple[int, int] = (4, 3), colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


class StoredFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "uploads.StoredFile"

    case = factory.SubFactory(CaseFactory)
    purpose = "drawing"
    content_type = "image/png"
    width = 4
    height = 3
    original_name = "drawing.png"
    file = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="upload"))
    size = factory.LazyAttribute(lambda f: f.file.size)
    sha256 = factory.LazyAttribute(lambda f: hashlib.sha256(f.file.read()).hexdigest())
