"""Referrals on the demo cases (issue 16), in the case's language, through the services like work done in the
interface, once: a case that has referrals is left as it is.

Every demo case gets its own: the Becker mother to addiction help, started with her consent, and Leon's school
social work, contacted, due for a follow-up today (the start page shows it); the Sørensen mother's counselling,
completed, and the stepfather declining debt counselling; the Hughes mother waiting for the parental mental-health
clinic for two months (a long wait in the unmet-needs report); the Schulz parents finding no parents' group in
Arabic in the Nordstadt. The closed history (demo/history.py) adds the Nordstadt mothers who asked for a mothers'
group that does not exist: the cluster a team lead can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.demo.offers import DISTRICT_OF_CASE
from safehold.resources import referrals
from safehold.resources.models import District, Offer, ReferralStatus


@dataclass(frozen=True)
class DemoReferral:
    person: str  # a first name of the case
    need_kind: str
    need_words: str
    language: str
    offer_key: str = ""  # none: no suitable offer exists
    days_ago: int = 20
    consent: bool = False
    steps: tuple[tuple[str, int], ...] = ()  # (status, days ago)
    follow_up_in_days: int | None = None


REFERRALS: dict[str, tuple[DemoReferral, ...]] = {
    "JA-2026-0147": (
        DemoReferral("Sandra", "addiction", "Ich will nicht mehr trinken, wenn die Kinder da sind.", "de",
                     "de-suchtberatung-eltern", days_ago=21, consent=True,
                     steps=((ReferralStatus.CONTACTED, 18), (ReferralStatus.STARTED, 10))),
        DemoReferral("Leon", "school_social_work", "Leon möchte mit jemandem in der Schule reden können.", "de",
                     "de-schulsozialarbeit-eving", days_ago=9, consent=True,
                     steps=((ReferralStatus.CONTACTED, 7),), follow_up_in_days=0),
    ),
    "JA-2026-0212": (
        DemoReferral("Jana", "parent_group", "Eine Gruppe mit anderen Müttern, gern auf Arabisch.", "ar", days_ago=12),
    ),
    "BU-2026-0311": (
        DemoReferral("Camilla", "counselling", "Jeg vil gerne tale med nogen om, hvordan jeg passer på børnene.",
                     "da", "da-aaben-raadgivning", days_ago=60, consent=True,
                     steps=((ReferralStatus.STARTED, 50), (ReferralStatus.COMPLETED, 8))),
        DemoReferral("Jonas", "debt", "Regningerne hober sig op.", "da", "da-gaeldsraadgivning", days_ago=30,
                     steps=((ReferralStatus.DECLINED, 25),)),
    ),
    "CP-2026-0058": (
        DemoReferral("Rachel", "parent_psychiatry", "I need help with my anxiety so I can be there for Jack.", "en",
                     "en-parent-mental-health", days_ago=70, consent=True,
                     steps=((ReferralStatus.CONTACTED, 66), (ReferralStatus.WAITING, 60)), follow_up_in_days=5),
    ),
}


def ensure_demo_referrals(case: Case, worker: User) -> None:
    specs = REFERRALS.get(case.reference)
    if not specs or case.referrals.exists():
        return
    today = timezone.localdate()
    people = {p.first_name: p for p in case.people.all()}
    district = District.objects.filter(organisation_id=case.organisation_id,
                                       name=DISTRICT_OF_CASE.get(case.reference, "")).first()
    offers = dict(Offer.objects.filter(organisation_id=case.organisation_id,
                                       key__in=[s.offer_key for s in specs if s.offer_key]).values_list("key", "pk"))
    for spec in specs:
        referred_on = today - timedelta(days=spec.days_ago)
        referral = referrals.referral_create(
            actor=worker, case=case, person=people[spec.person].pk, need_kind=spec.need_kind,
            need_words=spec.need_words, offer=offers.get(spec.offer_key), district=district.pk if district else None,
            language=spec.language, referred_on=referred_on, no_offer=not spec.offer_key,
            consent_on=referred_on if spec.consent else None, full_confirmed=True,
            follow_up_on=(today + timedelta(days=spec.follow_up_in_days)
                          if spec.follow_up_in_days is not None else None))
        for status, days_ago in spec.steps:
            referral = referrals.referral_move(actor=worker, case=case, referral=referral,
                                               expected_version=referral.version, status=status,
                                               on=today - timedelta(days=days_ago))
