"""Reads of a case's referrals, scoped by the case (case data: the case was loaded through the access policy
before any of these run), and the follow-ups due on a worker's start page. Pages, the API and the demo share
them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.sections import attention_case_fields
from safehold.cases.selectors import open_case_ids
from safehold.core.ids import as_pk
from safehold.resources.models import OPEN_REFERRAL, Referral, ReferralEvent

_RELATED = ("person", "offer", "offer__district", "district", "referred_by", "consent_recorded_by")


def _referrals(case: Case) -> QuerySet[Referral]:
    return Referral.objects.filter(case=case).select_related(*_RELATED)


def _with_events(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.prefetch_related(Prefetch("events", queryset=ReferralEvent.objects.select_related(
        "recorded_by").order_by("on", "id")))


def _with_children(case: Case, referrals: list[Referral]) -> list[Referral]:
    """Each referral with the birth dates of the case's children (`children_births`), which measure a parent's fit
    to an offer about children (referrals.referral_misfits). One query."""
    births = list(Person.objects.filter(case=case, role=PersonRole.CHILD).values_list("birth_date", flat=True))
    for referral in referrals:
        referral.children_births = births  # type: ignore[attr-defined]
    return referrals


def case_referrals(case: Case) -> list[Referral]:
    """The case's referrals, latest first, with their person, offer, district, steps and the children's birth
    dates. Three queries."""
    return _with_children(case, list(_with_events(_referrals(case))))


def case_referrals_brief(case: Case) -> list[Referral]:
    """The case's referrals, latest first, with their person and offer but not their steps. One query."""
    return list(_referrals(case))


def case_referral(case: Case, referral_id: object) -> Referral:
    """A referral of this case named in a URL, with its steps and the children's birth dates, or 404. Three
    queries."""
    pk = as_pk(referral_id)
    referral = _with_events(_referrals(case)).filter(pk=pk).first() if pk else None
    if referral is None:
        raise Http404
    return _with_children(case, [referral])[0]


def chosen_referral(case: Case, referral_id: object, *, field: str) -> Referral:
    """The referral of the case that input names (a plan's agreement pointing to it); refused on `field` when it
    names none of this case's. One query."""
    pk = as_pk(referral_id)
    referral = _referrals(case).filter(pk=pk).first() if pk else None
    if referral is None:
        raise ValidationError({field: _("Choose a referral of this case.")})
    return referral


def follow_ups_due(user: User, today: date | None = None) -> list[Referral]:
    """Open referrals of the user's open cases (assigned, or of the teams they lead) whose follow-up date has
    come, the longest due first, with what the start page shows of their case and person. One query, with the
    cases' ids the start page's other reports read too (open_case_ids), whatever the number of cases."""
    today = today or timezone.localdate()
    return list(Referral.objects.filter(case_id__in=open_case_ids(user=user), status__in=OPEN_REFERRAL,
                                        follow_up_on__lte=today)
                .select_related("case", "person")
                .only("case_id", "person_id", "need_kind", "follow_up_on", "person__first_name",
                      *attention_case_fields())
                .order_by("follow_up_on", "id"))
