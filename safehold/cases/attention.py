"""What the case tool itself reports as needing attention on the start page."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from safehold.cases.models import CaseStatus
from safehold.cases.sections import AttentionItem
from safehold.cases.selectors import my_cases

# A referral should be assessed promptly; after this many days without a first assessment it is flagged.
REFERRAL_DAYS = 14


def stale_referrals(user) -> list[AttentionItem]:
    """The user's referrals still not in assessment after REFERRAL_DAYS days. One query."""
    limit = timezone.localdate() - timedelta(days=REFERRAL_DAYS)
    cases = my_cases(user=user).filter(status=CaseStatus.REFERRAL, opened_on__lte=limit).prefetch_related(None)
    return [
        AttentionItem(
            case=case, kind="referral_unassessed",
            message=_age_message((timezone.localdate() - case.opened_on).days),
            url=reverse("cases:detail", kwargs={"case_id": case.pk}),
            due=case.opened_on + timedelta(days=REFERRAL_DAYS),
            severity="warning",
        )
        for case in cases[:20]
    ]


def _age_message(days: int) -> str:
    return ngettext(
        "Referral received %(days)d day ago and not yet assessed",
        "Referral received %(days)d days ago and not yet assessed",
        days,
    ) % {"days": days}
