"""What the Hilfeplan's tests share: a care-plan meeting on the test case with a parent and a professional, a
placement of the child, and the organisation's legal bases of German law."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from safehold.accounts.models import User
from safehold.cases.models import Case, LegalBasis, Person
from safehold.meetings import services as meetings
from safehold.meetings.models import Meeting, Professional
from safehold.perspective import help_plans, services
from safehold.perspective.models import HelpPlan, Placement


@dataclass
class World:
    meeting: Meeting
    placement: Placement
    professional: Professional
    section_27: LegalBasis
    section_36: LegalBasis


def build(case: Case, caseworker: User, *, child: Person, parent: Person, kind: str = "care_plan") -> World:
    section_27 = LegalBasis.objects.create(organisation=case.organisation, code="SGB VIII § 27",
                                           label="Hilfe zur Erziehung", country="DE")
    section_36 = LegalBasis.objects.create(organisation=case.organisation, code="SGB VIII § 36",
                                           label="Mitwirkung, Hilfeplan", country="DE", position=1)
    placement = services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                          starts_on=case.opened_on - timedelta(days=30), time_frame_months=6)
    meeting = meetings.meeting_record(
        actor=caseworker, case=case, kind=kind, held_on=case.opened_on, place="Jugendamt, Raum 3",
        participants=[meetings.ParticipantInput(voice=f"person:{parent.pk}")],
        professionals=[meetings.ProfessionalInput(name="Frau Yilmaz", organisation="Jugendamt Dortmund")],
        expectations=[meetings.ExpectationInput(voice=f"person:{parent.pk}", text="Emil soll bald heimkommen")],
        agreements=[meetings.AgreementInput(what="Kontakte zweimal in der Woche", who="Familienzentrum")])
    professional = meeting.professionals.get()
    return World(meeting, placement, professional, section_27, section_36)


def write(case: Case, caseworker: User, world: World, child: Person, **changes: object) -> HelpPlan:
    fields: dict[str, object] = {
        "child": child.pk, "placement": world.placement.pk, "situation": "Emil lebt seit Januar in Pflege.",
        "goals": "Rückkehr prüfen\n\nKontakte stärken", "help": "Bereitschaftspflege mit Perspektivklärung",
        "provider": "SOS-Kinderdorf Dortmund", "legal_bases": [world.section_27.pk, world.section_36.pk]}
    fields.update(changes)
    return help_plans.help_plan_save(actor=caseworker, case=case, meeting=world.meeting, expected_version=None,
                                     **fields).plan
