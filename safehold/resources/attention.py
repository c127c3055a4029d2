"""What the referrals report on the start page: open referrals of the user's cases (assigned, or of the teams
they lead) whose follow-up date has come. A fixed number of queries, whatever the number of cases."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.cases.sections import AttentionItem
from safehold.resources.selectors_referrals import follow_ups_due


def referral_follow_ups(user: User) -> list[AttentionItem]:
    today = timezone.localdate()
    items = []
    for referral in follow_ups_due(user, today=today):
        due = referral.follow_up_on
        assert due is not None  # filtered on it
        message = (_("Follow up the referral of %(person)s (%(need)s), due since %(date)s") if due < today
                   else _("Follow up the referral of %(person)s (%(need)s) today"))
        items.append(AttentionItem(
            case=referral.case, kind="referral_follow_up", due=due, severity="warning" if due < today else "info",
            message=message % {"person": referral.person.first_name, "need": referral.get_need_kind_display(),
                               "date": date_format(due, "SHORT_DATE_FORMAT")},
            url=reverse("referrals:detail", kwargs={"case_id": referral.case_id, "referral_id": referral.pk})))
    return items
