"""The register of relationships, the circles and the coordinator as the services keep them."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.access import Perm, legacy_access_case
from safehold.core.versioning import ConflictError
from safehold.network import services
from safehold.network.models import Circle, Kind, Quality, Relationship
from safehold.network.selectors import case_network
from safehold.testing.factories import CaseFactory, PersonFactory


@pytest.fixture
def loaded(case, caseworker):
    return legacy_access_case(caseworker, case.pk, Perm.CHANGE)


@pytest.fixture
def family(case):
    return {
        "granny": PersonFactory(case=case, role="network", first_name="Inge", birth_date=date(1958, 3, 1)),
        "mum": PersonFactory(case=case, role="parent", first_name="Camilla", birth_date=date(1990, 5, 2)),
        "child": PersonFactory(case=case, role="child", first_name="Freja", birth_date=date(2016, 1, 9)),
    }


def tie(actor, case, a, b, kind, **extra):
    return services.relationship_create(actor=actor, case=case, person_a=a.pk, person_b=b.pk, kind=kind, **extra)


def test_a_family_is_registered_and_audited(loaded, caseworker, family):
    tie(caseworker, loaded, family["granny"], family["mum"], Kind.PARENT)
    tie(caseworker, loaded, family["mum"], family["child"], Kind.PARENT, quality=Quality.STRONG)
    assert Relationship.objects.count() == 2
    assert AuditEvent.objects.filter(object_type="network.relationship", action="create").count() == 2


def test_a_person_cannot_be_related_to_themself(loaded, caseworker, family):
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, loaded, family["mum"], family["mum"], Kind.SIBLING)
    assert refused.value.message_dict["person_b"] == ["A person cannot be in a relationship with themself."]


def test_a_child_older_than_its_parent_is_refused(loaded, caseworker, family):
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, loaded, family["child"], family["mum"], Kind.PARENT)
    assert "is not older than" in refused.value.message_dict["person_b"][0]
    assert not Relationship.objects.exists()


def test_a_cycle_of_parenthood_is_refused_even_without_dates(loaded, caseworker, case):
    a, b, c = (PersonFactory(case=case, role="network", birth_date=None) for _ in range(3))
    tie(caseworker, loaded, a, b, Kind.PARENT)
    tie(caseworker, loaded, b, c, Kind.PARENT)
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, loaded, c, a, Kind.PARENT)
    assert "their own ancestor" in refused.value.message_dict["person_b"][0]
    with pytest.raises(ValidationError):
        tie(caseworker, loaded, c, a, Kind.GRANDPARENT)


def test_a_tie_both_ways_is_kept_once(loaded, caseworker, family):
    first = tie(caseworker, loaded, family["mum"], family["granny"], Kind.LIVES_WITH)
    assert (first.person_a_id, first.person_b_id) == tuple(sorted((family["mum"].pk, family["granny"].pk)))
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, loaded, family["granny"], family["mum"], Kind.LIVES_WITH)
    assert "already recorded" in refused.value.message_dict["kind"][0]


def test_a_contact_restriction_names_its_legal_basis_and_people_must_be_on_the_case(loaded, caseworker, family,
                                                                                     case):
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, loaded, family["mum"], family["child"], Kind.CONTACT_RESTRICTED)
    assert "legal_basis" in refused.value.message_dict
    tie(caseworker, loaded, family["mum"], family["child"], Kind.CONTACT_RESTRICTED,
        legal_basis="Familiengericht, Beschluss vom 3.9.")
    stranger = PersonFactory(case=CaseFactory(organisation=case.organisation), role="parent")
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, loaded, stranger, family["child"], Kind.PARENT)
    assert "person_a" in refused.value.message_dict


def test_a_relationship_changed_from_an_old_version_is_refused(loaded, caseworker, family):
    relationship = tie(caseworker, loaded, family["mum"], family["child"], Kind.PARENT)
    stale = Relationship.objects.get(pk=relationship.pk)
    services.relationship_update(actor=caseworker, case=loaded, relationship=relationship, expected_version=1,
                                 quality=Quality.STRESSFUL)
    with pytest.raises(ConflictError):
        services.relationship_update(actor=caseworker, case=loaded, relationship=stale, expected_version=1,
                                     note="x")


def test_the_circles_keep_their_history_and_the_network_its_size_over_time(loaded, caseworker, family, case):
    today = timezone.localdate()
    services.circle_place(actor=caseworker, case=loaded, person=family["granny"].pk, circle=Circle.INNER,
                          placed_on=today - timedelta(days=20))
    services.circle_place(actor=caseworker, case=loaded, person=family["mum"].pk, circle=Circle.MIDDLE,
                          placed_on=today - timedelta(days=10))
    services.circle_place(actor=caseworker, case=loaded, person=family["mum"].pk, circle=Circle.OUTER,
                          placed_on=today)
    network = case_network(case)
    assert network.circles == {family["granny"].pk: Circle.INNER, family["mum"].pk: Circle.OUTER}
    assert [size for _day, size in network.size_over_time()] == [1, 2, 1]
    with pytest.raises(ValidationError) as refused:
        services.circle_place(actor=caseworker, case=loaded, person=family["child"].pk, circle=Circle.INNER)
    assert "centre" in refused.value.message_dict["person"][0]
    with pytest.raises(ValidationError):
        services.circle_place(actor=caseworker, case=loaded, person=family["mum"].pk, circle=Circle.INNER,
                              placed_on=today + timedelta(days=1))


def test_the_coordinator_is_a_grown_up_of_the_case(loaded, caseworker, family, case):
    services.coordinator_set(actor=caseworker, case=loaded, person=family["granny"].pk)
    assert case_network(case).coordinator_id == family["granny"].pk
    with pytest.raises(ValidationError):
        services.coordinator_set(actor=caseworker, case=loaded, person=family["child"].pk)
    services.coordinator_set(actor=caseworker, case=loaded, person=None)
    assert case_network(case).coordinator_id is None


def test_the_network_loads_in_a_fixed_number_of_queries(loaded, caseworker, case, django_assert_max_num_queries):
    people = [PersonFactory(case=case, role="network") for _ in range(20)]
    for a, b in pairwise(people):
        tie(caseworker, loaded, a, b, Kind.CONNECTION)
        services.circle_place(actor=caseworker, case=loaded, person=a.pk, circle=Circle.MIDDLE)
    with django_assert_max_num_queries(5):
        network = case_network(case)
    assert len(network.relationships) == 19 and len(network.circles) == 19
