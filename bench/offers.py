"""Time the directory search over 20,000 offers of one organisation (issue 16: under 100 ms).

    .venv/bin/python bench/offers.py                                   # SQLite file in a temp dir
    createdb -h 127.0.0.1 -U postgres bench_offers && \
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_offers .venv/bin/python bench/offers.py

Builds the offers in bulk (skipped when the database already holds them, so a second run measures only):
German, Danish and English names, providers and target groups, every kind, 14 districts (a tenth of the
offers serve the whole area), one to three languages, age ranges, a twentieth out of the directory. Runs
`ANALYZE`, then times typical searches REPEAT times, as a worker of the organisation: `selectors.search_offers`
evaluated as the directory page does (the count and the first page of 25), and the page `/resources/` itself
through Django's whole middleware stack (test client, no network). Prints median and 95th percentile in
milliseconds, the number of matches and the query count; ends with status 1 when a median reaches 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUDGET_MS = 100
PER_PAGE = 25

DISTRICTS = ("Innenstadt-Nord", "Innenstadt-West", "Hörde", "Eving", "Scharnhorst", "Brackel", "Aplerbeck",
             "Hombruch", "Nørrebro", "Østerbro", "Vesterbro", "Valby", "Amager Øst", "Bispebjerg")
FIRST = ("Eltern", "Familien", "Mütter", "Väter", "Jugend", "Kinder", "Forældre", "Familie", "Mødre", "Unge",
         "Børne", "Family", "Parent", "Youth", "Mothers'", "Baby")
SECOND = ("kurs", "beratung", "café", "treff", "gruppe", "rådgivning", "værksted", "netværk", "support",
          "counselling", "group", "club", "hilfe", "lotsen", "sprechstunde", "klub")
PROVIDERS = ("Caritas", "Diakonie", "AWO", "Kinderschutzbund", "Pro Familia", "Stadt Dortmund", "Jugendamt",
             "Københavns Kommune", "Red Barnet", "Børns Vilkår", "Mødrehjælpen", "KFUM", "Family Action",
             "Barnardo's", "Gesundheitsamt", "Sundhedsplejen")
TARGETS = ("Eltern mit Babys", "Alleinerziehende", "Familien mit Fluchterfahrung", "Jugendliche ab 12",
           "forældre til småbørn", "enlige mødre", "unge mellem 13 og 17", "parents of teenagers",
           "families new to the area", "Väter in Trennung", "gravide og nybagte forældre", "Kinder psychisch "
           "kranker Eltern")
LANGUAGES = ("de", "da", "en", "tr", "ar", "uk", "pl", "ru", "fa", "so", "ku")


def build(organisation_id: int, count: int, user_id: int) -> None:
    from safehold.core.text import fold
    from safehold.resources.models import Access, Capacity, District, LegalDomain, Offer, OfferKind

    rng = random.Random(16)
    districts = [District.objects.create(organisation_id=organisation_id, name=name, position=i)
                 for i, name in enumerate(DISTRICTS)]
    kinds, domains = list(OfferKind.values), list(LegalDomain.values)
    batch: list[Offer] = []
    for n in range(count):
        home = rng.choice(("de", "da", "en"))
        languages = [home, *rng.sample(LANGUAGES, rng.choice((0, 0, 1, 2)))]
        age_from = rng.choice((None, 0, 0, 3, 6, 12, 14, 18))
        age_to = None if age_from is None else rng.choice((age_from + 3, age_from + 6, 17, 27, 99))
        name = f"{rng.choice(FIRST)}{rng.choice(SECOND)} {rng.choice(DISTRICTS)} {n}"
        provider, target = rng.choice(PROVIDERS), rng.choice(TARGETS)
        batch.append(Offer(
            organisation_id=organisation_id, key=f"bench-{n:05d}", name=name, provider=provider,
            kind=rng.choice(kinds), district=None if rng.random() < 0.1 else rng.choice(districts),
            target_group=target, age_from=age_from, age_to=age_to,
            languages=f",{','.join(dict.fromkeys(languages))},", legal_domain=rng.choice(domains),
            access=rng.choice(Access.values), capacity=rng.choice(Capacity.values), is_active=rng.random() > 0.05,
            search_key=fold(" ".join((name, provider, target)))[:1000], created_by_id=user_id))
        if len(batch) == 2000:
            Offer.objects.bulk_create(batch)
            batch = []
    Offer.objects.bulk_create(batch)


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run()  # warm up: templates compiled, connection open, statements prepared
    timings = []
    result: object = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            result = run()
            timings.append((time.perf_counter() - begin) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, len(queries), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from safehold.accounts.models import Membership, Organisation, Role, Team, User
    from safehold.resources.models import District, Offer
    from safehold.resources.selectors import OfferQuery, search_offers

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    organisation, _new = Organisation.objects.get_or_create(name="Offers bench", defaults={"country": "DE"})
    team, _new = Team.objects.get_or_create(organisation=organisation, name="ASD Bench")
    worker, _new = User.objects.get_or_create(username="bench-offers-worker", organisation=organisation)
    Membership.objects.get_or_create(user=worker, role=Role.CASEWORKER, team=team)
    have = Offer.objects.filter(organisation=organisation).count()
    if have < args.offers:
        Offer.objects.filter(organisation=organisation).delete()
        District.objects.filter(organisation=organisation).delete()
        started = time.perf_counter()
        build(organisation.pk, args.offers, worker.pk)
        print(f"built {args.offers:,} offers in {time.perf_counter() - started:.1f} s ({connection.vendor})")
        # Fresh statistics, as autovacuum would have them on a live database after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    hoerde = District.objects.get(organisation=organisation, name="Hörde")
    print(f"{Offer.objects.filter(organisation=organisation).count():,} offers in the organisation "
          f"({connection.vendor})\n")

    searches = [
        ("need + district + language + age", OfferQuery(kind="parenting_course", district_id=hoerde.pk,
                                                        language="tr", age=4),
         f"kind=parenting_course&district={hoerde.pk}&language=tr&age=4"),
        ("need + language, rare language", OfferQuery(kind="counselling", language="so"),
         "kind=counselling&language=so"),
        ("words 'elternkurs'", OfferQuery(text="elternkurs"), "q=elternkurs"),
        ("words 'rådgivning østerbro'", OfferQuery(text="rådgivning østerbro"), "q=r%C3%A5dgivning+%C3%B8sterbro"),
        ("words matching nothing 'zzz'", OfferQuery(text="zzz"), "q=zzz"),
        ("words + need + district", OfferQuery(text="caritas", kind="counselling", district_id=hoerde.pk),
         f"q=caritas&kind=counselling&district={hoerde.pk}"),
        ("nothing (the whole directory)", OfferQuery(), ""),
    ]
    try:
        page_url: str | None = reverse("resources:directory")
    except NoReverseMatch:
        page_url = None
    web = Client()
    web.force_login(worker)

    def selector(query: OfferQuery) -> Callable[[], object]:
        def run() -> object:
            found = search_offers(worker, query)
            count = found.count()
            list(found[:PER_PAGE])
            return count
        return run

    def page(query: str) -> Callable[[], object]:
        def run() -> object:
            response = web.get(f"{page_url}?{query}" if query else str(page_url))
            assert response.status_code == 200, (query, response.status_code)
            return None
        return run

    over = []
    print(f"{'search':<46} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'found':>7}")
    for label, query, params in searches:
        median, p95, queries, found = timed(selector(query), args.repeat)
        print(f"{'selector: ' + label:<46} {median:>10.1f} {p95:>8.1f} {queries:>8} {found:>7}", flush=True)
        if median >= BUDGET_MS:
            over.append(f"selector: {label}")
        if page_url is not None:
            median, p95, queries, _found = timed(page(params), args.repeat)
            print(f"{'page: ' + label:<46} {median:>10.1f} {p95:>8.1f} {queries:>8}", flush=True)
            if median >= BUDGET_MS:
                over.append(f"page: {label}")
    if over:
        print(f"\nmedian at or over {BUDGET_MS} ms: {', '.join(over)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
