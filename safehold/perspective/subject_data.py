"""The Perspektivklärung's part in a person's export (see cases/subject_records.py): the placements of a child
or in which they are a carer, with the recommendation; the contacts of a child's placement, or at which they were
there; clarification assignments that name them; the Hilfeplan about a child or that they signed, with their
sign-off. Seven queries."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from safehold.cases.subject_records import Item, Record, Subject, SubjectData, item, record
from safehold.perspective.models import Assignment, Contact, HelpPlan, HelpPlanSignOff, Placement, Recommendation

PLACEMENT_FIELDS = ("setting", "starts_on", "time_frame_months", "planned_end_on", "ended_on", "custody",
                    "custody_holder", "youth_office_contact", "note")
CONTACT_FIELDS = ("on", "duration_minutes", "place", "setting", "status", "present_others", "meeting_parting",
                  "child_signals", "parent_responsiveness", "strengths", "challenges", "what_helped", "reflection",
                  "cancelled_by", "cancel_reason")


def _of_placement(subject: Subject, placement: Placement) -> Item:
    return item("placement", _("placement"), placement.pk,
                f"{subject.name_of(placement.child_id)}: {placement}")


def collect(subject: Subject) -> list[Record]:
    person, case = subject.person, subject.case
    records: list[Record] = []
    placements = (Placement.objects.filter(Q(child=person) | Q(carers=person), case=case).distinct()
                  .select_related("recommendation").prefetch_related("carers").order_by("starts_on", "pk"))
    for placement in placements:
        carers = [subject.name_of(c.pk) for c in placement.carers.all()]
        records.append(record(placement, PLACEMENT_FIELDS, item("child", _("child"), placement.child_id,
                                                                subject.name_of(placement.child_id)),
                              item("carers", _("carers"), carers), title=_("Placement")))
        recommendation = getattr(placement, "recommendation", None)
        if recommendation is not None:
            records.append(record(recommendation, ["option", "help_needed", "reasons", "parents_view",
                                                   "guardian_view"], _of_placement(subject, placement),
                                  title=_("Recommendation")))
    contacts = (Contact.objects.filter(Q(placement__child=person) | Q(present=person), case=case).distinct()
                .select_related("placement").prefetch_related("present").order_by("on", "pk"))
    records += [record(c, CONTACT_FIELDS, _of_placement(subject, c.placement),
                       item("present", _("who was there"), [subject.name_of(p.pk) for p in c.present.all()]),
                       title=pgettext("contact visit", "Contact")) for c in contacts]
    records += [record(a, ["question", "commissioned_by", "answered_by", "due_on", "status", "findings",
                           "findings_by"], title=_("Clarification assignment"))
                for a in Assignment.objects.filter(case=case).order_by("pk")
                if subject.named_in(a.question, a.commissioned_by, a.answered_by, a.findings, a.findings_by)]
    for plan in (HelpPlan.objects.filter(case=case).select_related("meeting").prefetch_related("sign_offs")
                 .order_by("meeting__held_on", "pk")):
        signed = [s for s in plan.sign_offs.all() if s.signer_key == subject.voice_key]
        if plan.child_id != person.pk and not signed:
            continue
        records.append(record(plan, ["situation", "goals", "help", "provider"],
                              item("meeting", _("meeting"), plan.meeting_id, str(plan.meeting)),
                              item("child", _("child"), plan.child_id, subject.name_of(plan.child_id))))
        records += [record(s, ["name", "how", "signed_on"], item("help_plan", _("care plan"), plan.pk))
                    for s in signed]
    return records


SUBJECT_DATA = SubjectData(
    key="perspective", title=gettext_lazy("Perspective and care plan"), collect=collect,
    models=(Placement, Contact, Assignment, Recommendation, HelpPlan, HelpPlanSignOff),
)
