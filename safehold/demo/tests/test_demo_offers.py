"""The demo's directory of offers (safehold/demo/offers.py): offers in each case language, a parenting course each
demo family finds in its district and language, the flags the directory shows, and seeding twice adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.demo.offers import DIRECTORIES, DISTRICT_OF_CASE, PARENTING_COURSE_OF_CASE, ensure_demo_offers
from safehold.resources.models import Capacity, CooperationAgreement, District, Offer, OfferKind
from safehold.resources.selectors import OfferQuery, search_offers

pytestmark = pytest.mark.django_db

KINDS_EACH_LANGUAGE_HAS = {OfferKind.COUNSELLING, OfferKind.PARENTING_COURSE, OfferKind.PARENT_GROUP,
                           OfferKind.SCHOOL_SOCIAL_WORK, OfferKind.PARENT_PSYCHIATRY, OfferKind.ADDICTION,
                           OfferKind.DEBT, OfferKind.HEALTH_VISITOR, OfferKind.EARLY_HELP}


@pytest.fixture(scope="module")
def seeded(build_once):
    with build_once():
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def worker(seeded):
    return User.objects.get(username="demo-caseworker")


def _counts() -> tuple[int, int, int, int]:
    return (District.objects.count(), Offer.objects.count(), CooperationAgreement.objects.count(),
            CooperationAgreement.offers.through.objects.count())


def test_the_demo_directory_has_offers_in_each_language(worker):
    for language, directory in DIRECTORIES.items():
        found = search_offers(worker, OfferQuery(language=language))
        assert 15 <= found.count() <= 25, language
        assert {spec["kind"] for spec in directory} >= KINDS_EACH_LANGUAGE_HAS, language
        assert {offer.key for offer in found} >= {spec["key"] for spec in directory}, language


@pytest.mark.parametrize("reference", sorted(PARENTING_COURSE_OF_CASE))
def test_each_demo_family_finds_a_parenting_course_in_its_district_and_language(worker, reference):
    case = Case.objects.get(reference=reference)
    district = District.objects.get(organisation=case.organisation, name=DISTRICT_OF_CASE[reference])
    youngest = min(age for child in case.people.filter(role="child") if (age := child.age()) is not None)

    found = search_offers(worker, OfferQuery(kind=OfferKind.PARENTING_COURSE, district_id=district.pk,
                                             language=case.language, age=youngest))

    assert PARENTING_COURSE_OF_CASE[reference] in {offer.key for offer in found}
    course = found.get(key=PARENTING_COURSE_OF_CASE[reference])
    assert course.district == district and course.capacity == Capacity.OPEN and not course.needs_verifying()


def test_the_german_family_finds_an_elternkurs(worker):
    eving = District.objects.get(name=DISTRICT_OF_CASE["JA-2026-0147"])

    names = [o.name for o in search_offers(worker, OfferQuery(text="Elternkurs", district_id=eving.pk,
                                                               language="de"))]

    assert any("Elternkurs" in name for name in names)


def test_each_language_has_a_full_offer_a_waiting_list_and_a_stale_one(worker):
    for language, directory in DIRECTORIES.items():
        offers = list(search_offers(worker, OfferQuery()).filter(key__in=[spec["key"] for spec in directory]))
        assert len(offers) == len(directory)
        assert any(o.capacity == Capacity.FULL for o in offers), language
        assert any(o.capacity == Capacity.WAITING_LIST for o in offers), language
        assert any(o.needs_verifying() for o in offers), language
        assert sum(o.needs_verifying() for o in offers) == 1, language


def test_there_is_one_cooperation_agreement_per_language_covering_offers(seeded):
    agreements = list(CooperationAgreement.objects.prefetch_related("offers"))

    assert len(agreements) == 3
    kinds = {offer.kind for agreement in agreements for offer in agreement.offers.all()}
    assert OfferKind.PARENT_PSYCHIATRY in kinds
    assert all(agreement.offers.all() for agreement in agreements)
    prefixes = {agreement.offers.all()[0].key[:2] for agreement in agreements}
    assert prefixes == {"de", "da", "en"}


def test_only_the_demo_organisation_has_a_directory(seeded):
    other = User.objects.get(username="other-caseworker")

    assert not search_offers(other, OfferQuery()).exists()


def test_seeding_twice_adds_nothing_and_keeps_changes(seeded):
    admin = User.objects.get(username="demo-admin")
    Offer.objects.filter(key="de-elternkurs-eving").update(capacity=Capacity.FULL)
    before = _counts()

    ensure_demo_offers(admin)
    call_command("seed_demo", stdout=io.StringIO())

    assert _counts() == before
    assert Offer.objects.get(key="de-elternkurs-eving").capacity == Capacity.FULL
