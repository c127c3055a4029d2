"""The safety plan on paper: the family's plain-language plan, a one-page contact card, and the authority's
version with the monitoring history. Always in the case's language (the family's), through core/pdf.py."""

from __future__ import annotations

from django.utils import timezone

from safehold.cases.models import Case
from safehold.core.pdf import render_pdf
from safehold.safety_plans.models import SafetyPlan
from safehold.safety_plans.pdf_context import plan_context

AUDIENCES = ("family", "authority")
# What can be downloaded, by the name in its URL.
DOCUMENTS = ("family", "authority", "contact-card")


def plan_pdf(case: Case, plan: SafetyPlan, *, audience: str = "family") -> bytes:
    """The plan for the family and network, or (audience="authority") with sign-offs and check-ins."""
    if audience not in AUDIENCES:
        raise ValueError(audience)
    return render_pdf("safety_plans/pdf/plan.html", {
        **plan_context(plan, with_monitoring=audience == "authority"), "case": case, "audience": audience,
        "printed_on": timezone.localdate(),
    }, language=case.language)


def contact_card_pdf(case: Case, plan: SafetyPlan) -> bytes:
    """One page: who to call, the coordinator first."""
    return render_pdf("safety_plans/pdf/contact_card.html", {
        **plan_context(plan, with_monitoring=False), "case": case, "printed_on": timezone.localdate(),
    }, language=case.language)


def plan_pdf_filename(case: Case, plan: SafetyPlan, kind: str = "plan") -> str:
    safe_reference = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in case.reference)
    return f"{kind}-{safe_reference}-v{plan.version_no}.pdf"



def plan_document(case: Case, plan: SafetyPlan, kind: str) -> tuple[bytes, str]:
    """One of DOCUMENTS as (content, file name)."""
    if kind == "contact-card":
        return contact_card_pdf(case, plan), plan_pdf_filename(case, plan, "contacts")
    if kind not in AUDIENCES:
        raise ValueError(kind)
    return plan_pdf(case, plan, audience=kind), plan_pdf_filename(
        case, plan, "safety-plan" if kind == "family" else "safety-plan-authority")
