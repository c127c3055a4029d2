"""The safety plan on paper: the family's plain-language plan ("our plan", with the safety network as the worker
chose to show it), a one-page contact card, and the authority's version: its own title and a first page with
the case, the approval and the sign-offs, then the plan with the ecomap, the genogram and the monitoring
history. Always in the case's language (the family's), through core/pdf.py."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from safehold.cases.models import Case, PersonRole
from safehold.cases.selectors import case_assignments, case_people
from safehold.core.downloads import PDF, Document, safe_filename
from safehold.core.pdf import render_pdf
from safehold.safety_plans.models import SafetyPlan
from safehold.safety_plans.pdf_context import plan_context

AUDIENCES = ("family", "authority")
# What can be downloaded, by the name in its URL.
DOCUMENTS = ("family", "authority", "contact-card")
# The downloaded files' names, in the case's language (letters only, words joined by "-").
FILE_NAMES = {
    "family": pgettext_lazy("file name", "safety-plan"),
    "authority": pgettext_lazy("file name", "safety-plan-authority"),
    "contact-card": pgettext_lazy("file name", "contacts"),
}


def _context(case: Case, plan: SafetyPlan, *, with_monitoring: bool) -> dict[str, Any]:
    # The context spells out some labels (the week's days and times, the periods nobody covers): in the
    # family's language, like the rest of the document, not in the language of whoever downloads it.
    with translation.override(case.language):
        return plan_context(plan, with_monitoring=with_monitoring)


def plan_pdf(case: Case, plan: SafetyPlan, *, audience: str = "family") -> bytes:
    """The plan for the family and network, or (audience="authority") with sign-offs and check-ins."""
    if audience not in AUDIENCES:
        raise ValueError(audience)
    authority = audience == "authority"
    extra: dict[str, Any] = {}
    if authority:  # the first page: who the case is about and who works on it
        people = case_people(case=case)
        extra = {"children": [p for p in people if p.role == PersonRole.CHILD],
                 "carers": [p for p in people if p.role in (PersonRole.PARENT, PersonRole.CAREGIVER)],
                 "assignments": case_assignments(case=case)}
    return render_pdf("safety_plans/pdf/plan.html", {
        **_context(case, plan, with_monitoring=authority), **extra, "case": case, "audience": audience,
        "authority": authority, "printed_on": timezone.localdate(),
    }, language=case.language)


def contact_card_pdf(case: Case, plan: SafetyPlan) -> bytes:
    """One page: who to call, the coordinator first."""
    return render_pdf("safety_plans/pdf/contact_card.html", {
        **_context(case, plan, with_monitoring=False), "case": case, "printed_on": timezone.localdate(),
    }, language=case.language)


def plan_document(case: Case, plan: SafetyPlan, kind: str) -> Document:
    """One of DOCUMENTS, named after the case's reference and the version (never the family's name)."""
    if kind == "contact-card":
        content, name = contact_card_pdf(case, plan), FILE_NAMES["contact-card"]
    elif kind in AUDIENCES:
        content, name = plan_pdf(case, plan, audience=kind), FILE_NAMES[kind]
    else:
        raise ValueError(kind)
    return Document(content, PDF, safe_filename(name, case.reference, f"v{plan.version_no}", extension="pdf",
                                                language=case.language))
