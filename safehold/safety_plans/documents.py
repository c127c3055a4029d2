"""The safety plan on paper: the family's plain-language plan ("our plan", with the safety network as the worker
chose to show it), a one-page contact card, and the authority's version: its own title and a first page with
the case, the approval and the sign-offs, then the plan with the ecomap, the genogram and the monitoring
history. Always in the case's language (the family's), through core/pdf.py.

An agreement with a professional may point to a referral of the case: what a document then says of the help and
its provider follows one rule, `agreed_help` (the provider is named to the family only with its consent)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from safehold.cases.models import Case, PersonRole
from safehold.cases.selectors import case_assignments, case_people
from safehold.core.downloads import PDF, Document, safe_filename
from safehold.core.pdf import render_pdf
from safehold.resources.models import Referral
from safehold.safety_plans.models import ProfessionalAgreement, SafetyPlan
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


@dataclass(frozen=True)
class AgreedHelp:
    """What a printed plan says about the help behind an agreement with a professional (its referral). The
    provider's fields are empty where the document may not name it; `withheld` says that the family's plan
    leaves the provider out for want of consent."""

    kind: str
    status: str
    offer: str = ""
    provider: str = ""
    contact_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    withheld: bool = False


@dataclass(frozen=True)
class PrintedAgreement:
    agency: str
    agreement: str
    help: AgreedHelp | None


def agreed_help(referral: Referral | None, *, family: bool) -> AgreedHelp | None:
    """The rule for every document that prints the plan's agreements (issue 16): the family knows which help was
    agreed, so the kind of help always shows; the provider's name and contact (contact person, phone, e-mail,
    address) show in a family document only once the family consented to share their data with the provider
    (`Referral.may_name_provider`). The authority's version names the provider and says when consent is missing."""
    if referral is None:
        return None
    kind, status = referral.get_need_kind_display(), referral.get_status_display()
    offer = referral.offer
    if offer is None:
        return AgreedHelp(kind, status)
    withheld = not referral.may_name_provider
    if family and withheld:
        return AgreedHelp(kind, status, withheld=True)
    return AgreedHelp(kind, status, offer=offer.name, provider=offer.provider, contact_name=offer.contact_name,
                      phone=offer.phone, email=offer.email, address=offer.address, withheld=withheld)


def printed_agreements(agreements: list[ProfessionalAgreement], *, family: bool) -> list[PrintedAgreement]:
    """The plan's agreements as a document prints them, each with the help it points to (`agreed_help`). Two
    queries when any points to a referral, none otherwise."""
    prefetch_related_objects(agreements, "referral__offer")
    return [PrintedAgreement(a.agency, a.agreement, agreed_help(a.referral, family=family)) for a in agreements]


def _context(case: Case, plan: SafetyPlan, *, with_monitoring: bool, family: bool = True) -> dict[str, Any]:
    # The context spells out some labels (the week's days and times, the periods nobody covers, the kinds of
    # help): in the family's language, like the rest of the document, not in the language of whoever downloads.
    with translation.override(case.language):
        context = plan_context(plan, with_monitoring=with_monitoring)
        context["printed_agreements"] = printed_agreements(context["agreements"], family=family)
        return context


def plan_pdf_context(case: Case, plan: SafetyPlan, *, audience: str = "family") -> dict[str, Any]:
    """What the plan's PDF for `audience` renders (safety_plans/pdf/plan.html)."""
    if audience not in AUDIENCES:
        raise ValueError(audience)
    authority = audience == "authority"
    extra: dict[str, Any] = {}
    if authority:  # the first page: who the case is about and who works on it
        people = case_people(case=case)
        extra = {"children": [p for p in people if p.role == PersonRole.CHILD],
                 "carers": [p for p in people if p.role in (PersonRole.PARENT, PersonRole.CAREGIVER)],
                 "assignments": case_assignments(case=case)}
    return {**_context(case, plan, with_monitoring=authority, family=not authority), **extra, "case": case,
            "audience": audience, "authority": authority, "printed_on": timezone.localdate()}


def plan_pdf(case: Case, plan: SafetyPlan, *, audience: str = "family") -> bytes:
    """The plan for the family and network, or (audience="authority") with sign-offs and check-ins."""
    return render_pdf("safety_plans/pdf/plan.html", plan_pdf_context(case, plan, audience=audience),
                      language=case.language)


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
