"""The generated organisation's directory of offers: districts and offers of every kind, for the referrals the
cases' work makes (demo/load/work.py). Made once per organisation, a few thousand rows: the ORM's bulk insert."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from safehold.accounts.models import Organisation
from safehold.core.text import fold
from safehold.demo.load.names import DISTRICTS, OFFER_WORDS, PROVIDERS
from safehold.resources.models import Capacity, District, LegalDomain, Offer, OfferKind

OFFERS_PER_CASES = 20  # one offer for every twenty cases: 5,000 for 100,000


@dataclass
class Directory:
    districts: list[int]
    # The offers of each kind: (offer id, its district id or None for the whole area).
    offers: dict[str, list[tuple[int, int | None]]] = field(default_factory=dict)

    def offer_for(self, kind: str, district_id: int, rng: random.Random) -> int | None:
        """An offer of `kind` in the district or for the whole area, or None: no suitable offer exists."""
        fitting = [pk for pk, where in self.offers.get(kind, []) if where in (district_id, None)]
        return rng.choice(fitting) if fitting else None


def directory_for(organisation: Organisation, total_cases: int, rng: random.Random, today: date) -> Directory:
    """The organisation's districts and offers, added to until there is one offer for every OFFERS_PER_CASES
    cases. Every kind is in most districts, but not all: some needs find no offer, as in a real directory."""
    existing = {d.name: d.pk for d in District.objects.filter(organisation=organisation)}
    District.objects.bulk_create([District(organisation=organisation, name=name, position=i)
                                  for i, name in enumerate(DISTRICTS) if name not in existing])
    districts = list(District.objects.filter(organisation=organisation).values_list("pk", flat=True))
    have = Offer.objects.filter(organisation=organisation).count()
    new = []
    for n in range(have, max(20, total_cases // OFFERS_PER_CASES)):
        kind = rng.choice(OfferKind.values)
        name = f"{rng.choice(OFFER_WORDS)} {OfferKind(kind).label}"
        offer = Offer(organisation=organisation, key=f"load-{n + 1:06d}", name=name, provider=rng.choice(PROVIDERS),
                      kind=kind, district_id=rng.choice(districts) if rng.random() < 0.85 else None,
                      legal_domain=rng.choice(LegalDomain.values), languages=rng.choice([",de,", ",da,", ",en,",
                                                                                        ",de,tr,", ",da,ar,"]),
                      capacity=rng.choice([Capacity.OPEN] * 6 + [Capacity.WAITING_LIST] * 3 + [Capacity.FULL]),
                      verified_on=today - timedelta(days=rng.randint(0, 600)))
        offer.search_key = fold(f"{offer.name} {offer.provider}")
        new.append(offer)
    Offer.objects.bulk_create(new, batch_size=1000)
    directory = Directory(districts)
    for pk, kind, district_id in Offer.objects.filter(organisation=organisation, is_active=True).values_list(
            "pk", "kind", "district_id"):
        directory.offers.setdefault(kind, []).append((pk, district_id))
    return directory
