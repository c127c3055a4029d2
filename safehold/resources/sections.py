"""The referrals' section on the case page: each referral of the case with the person, the need, the offer (or
that none exists), its status since when and the follow-up date. One query, however many referrals there are."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.resources.selectors_referrals import case_referrals_brief


def referral_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    referrals = case_referrals_brief(case)
    return {"referrals": referrals, "today": timezone.localdate(),
            "open": sum(1 for r in referrals if r.is_open)}


SECTION = CaseSection(key="referrals", title=_("Referrals to offers"),
                      template="resources/referrals/partials/_case_section.html", context=referral_section_context)
