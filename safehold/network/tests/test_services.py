"""The register of relationships, the circles and the coordinator as the services keep them."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.models import Person
from safehold.core.versioning import ConflictError
from safehold.network import services
from safehold.network.models import Circle, CirclePlacement, Kind, Quality, Relationship
from safehold.network.selectors import case_network
from safehold.testing.factories import CaseFactory, PersonFactory


@pytest.fixture
def family(case):
    return {
        "granny": PersonFactory(case=case, role="network", first_name="Inge", birth_date=date(1958, 3, 1)),
        "mum": PersonFactory(case=case, role="parent", first_name="Camilla", birth_date=date(1990, 5, 2)),
        "child": PersonFactory(case=case, role="child", first_name="Freja", birth_date=date(2016, 1, 9)),
    }


def tie(actor, case, a, b, kind, **extra):
    return services.relationship_create(actor=actor, case=case, person_a=a.pk, person_b=b.pk, kind=kind, **extra)


def test_a_family_is_registered_and_audited(case, caseworker, family):
    tie(caseworker, case, family["granny"], family["mum"], Kind.PARENT)
    tie(caseworker, case, family["mum"], family["child"], Kind.PARENT, quality=Quality.STRONG)
    assert Relationship.objects.count() == 2
    assert AuditEvent.objects.filter(object_type="network.relationship", action="create").count() == 2


def test_a_person_cannot_be_related_to_themself(case, caseworker, family):
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, case, family["mum"], family["mum"], Kind.SIBLING)
    assert refused.value.message_dict["person_b"] == ["A person cannot be in a relationship with themself."]


def test_a_child_older_than_its_parent_is_refused(case, caseworker, family):
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, case, family["child"], family["mum"], Kind.PARENT)
    assert "is not older than" in refused.value.message_dict["person_b"][0]
    assert not Relationship.objects.exists()


def test_a_cycle_of_parenthood_is_refused_even_without_dates(case, caseworker):
    a, b, c = (PersonFactory(case=case, role="network", birth_date=None) for _ in range(3))
    tie(caseworker, case, a, b, Kind.PARENT)
    tie(caseworker, case, b, c, Kind.PARENT)
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, case, c, a, Kind.PARENT)
    assert "their own ancestor" in refused.value.message_dict["person_b"][0]
    with pytest.raises(ValidationError):
        tie(caseworker, case, c, a, Kind.GRANDPARENT)


def test_a_tie_both_ways_is_kept_once(case, caseworker, family):
    first = tie(caseworker, case, family["mum"], family["granny"], Kind.LIVES_WITH)
    assert (first.person_a_id, first.person_b_id) == tuple(sorted((family["mum"].pk, family["granny"].pk)))
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, case, family["granny"], family["mum"], Kind.LIVES_WITH)
    assert "already recorded" in refused.value.message_dict["kind"][0]


def test_a_contact_restriction_names_its_legal_basis_and_people_must_be_on_the_case(case, caseworker, family):
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, case, family["mum"], family["child"], Kind.CONTACT_RESTRICTED)
    assert "legal_basis" in refused.value.message_dict
    tie(caseworker, case, family["mum"], family["child"], Kind.CONTACT_RESTRICTED,
        legal_basis="Familiengericht, Beschluss vom 3.9.")
    stranger = PersonFactory(case=CaseFactory(organisation=case.organisation), role="parent")
    with pytest.raises(ValidationError) as refused:
        tie(caseworker, case, stranger, family["child"], Kind.PARENT)
    assert "person_a" in refused.value.message_dict


def test_a_relationship_changed_from_an_old_version_is_refused(case, caseworker, family):
    relationship = tie(caseworker, case, family["mum"], family["child"], Kind.PARENT)
    stale = Relationship.objects.get(pk=relationship.pk)
    services.relationship_update(actor=caseworker, case=case, relationship=relationship, expected_version=1,
                                 quality=Quality.STRESSFUL)
    with pytest.raises(ConflictError):
        services.relationship_update(actor=caseworker, case=case, relationship=stale, expected_version=1,
                                     note="x")


def test_the_circles_keep_their_history_and_the_network_its_size_over_time(case, caseworker, family):
    today = timezone.localdate()
    services.circle_place(actor=caseworker, case=case, person=family["granny"].pk, circle=Circle.INNER,
                          placed_on=today - timedelta(days=20))
    services.circle_place(actor=caseworker, case=case, person=family["mum"].pk, circle=Circle.MIDDLE,
                          placed_on=today - timedelta(days=10))
    services.circle_place(actor=caseworker, case=case, person=family["mum"].pk, circle=Circle.OUTER,
                          placed_on=today)
    network = case_network(case)
    assert network.circles == {family["granny"].pk: Circle.INNER, family["mum"].pk: Circle.OUTER}
    assert [size for _day, size in network.size_over_time()] == [1, 2, 1]
    with pytest.raises(ValidationError) as refused:
        services.circle_place(actor=caseworker, case=case, person=family["child"].pk, circle=Circle.INNER)
    assert "centre" in refused.value.message_dict["person"][0]
    with pytest.raises(ValidationError) as refused:
        services.circle_place(actor=caseworker, case=case, person=family["mum"].pk, circle=Circle.INNER,
                              placed_on=today + timedelta(days=1))
    assert refused.value.message_dict == {"placed_on": ["The date cannot be in the future."]}


def test_a_place_in_the_circles_from_the_year_one_is_refused_with_a_message(case, caseworker, family):
    with pytest.raises(ValidationError) as refused:
        services.circle_place(actor=caseworker, case=case, person=family["mum"].pk, circle=Circle.INNER,
                              placed_on=date(1, 1, 1))
    assert refused.value.message_dict == {"placed_on": ["Enter a date between 1900 and 2199."]}
    assert not CirclePlacement.objects.exists()


def test_the_coordinator_is_a_grown_up_of_the_case(case, caseworker, family):
    services.coordinator_set(actor=caseworker, case=case, person=family["granny"].pk)
    assert case_network(case).coordinator_id == family["granny"].pk
    with pytest.raises(ValidationError) as refused:
        services.coordinator_set(actor=caseworker, case=case, person=family["child"].pk)
    assert refused.value.message_dict == {"person": ["A child cannot coordinate the network."]}
    services.coordinator_set(actor=caseworker, case=case, person=None)
    assert case_network(case).coordinator_id is None


def test_the_network_loads_in_a_fixed_number_of_queries(case, caseworker, django_assert_max_num_queries):
    people = [PersonFactory(case=case, role="network") for _ in range(20)]
    for a, b in pairwise(people):
        tie(caseworker, case, a, b, Kind.CONNECTION)
        services.circle_place(actor=caseworker, case=case, person=a.pk, circle=Circle.MIDDLE)
    # People, ties, the circles' history, the coordinator, the rules held and where a placed child lives.
    with django_assert_max_num_queries(6):
        network = case_network(case)
    assert len(network.relationships) == 19 and len(network.circles) == 19


def test_a_person_is_added_with_their_tie_to_the_child_in_one_step(case, caseworker, family):
    inge = services.network_person_add(actor=caseworker, case=case, first_name="Inge", role="network",
                                       birth_date=date(1950, 7, 1), kind=Kind.GRANDPARENT,
                                       related_to=family["child"].pk, quality=Quality.STRONG)
    assert Relationship.objects.filter(person_a=inge, person_b=family["child"], kind=Kind.GRANDPARENT,
                                       quality=Quality.STRONG).exists()
    assert set(AuditEvent.objects.filter(action="create").values_list("object_type", flat=True)) == {
        "cases.person", "network.relationship"}


def test_a_person_whose_tie_is_refused_is_not_added_and_the_message_names_the_field(case, caseworker, family):
    with pytest.raises(ValidationError) as refused:
        services.network_person_add(actor=caseworker, case=case, first_name="Oma", birth_date=date(2020, 1, 1),
                                    kind=Kind.GRANDPARENT, related_to=family["child"].pk)
    assert list(refused.value.message_dict) == ["related_to"]
    assert "is not older than" in refused.value.message_dict["related_to"][0]
    with pytest.raises(ValidationError) as refused:
        services.network_person_add(actor=caseworker, case=case, first_name="Oma", kind=Kind.CONTACT_RESTRICTED,
                                    related_to=family["child"].pk)
    assert list(refused.value.message_dict) == ["legal_basis"]
    assert not Person.objects.filter(case=case, first_name="Oma").exists()
    assert not Relationship.objects.exists()
    assert not AuditEvent.objects.filter(action="create").exists()


def test_a_person_added_without_a_kind_has_no_tie(case, caseworker, family):
    services.network_person_add(actor=caseworker, case=case, first_name="Lena", role="professional",
                                related_to=family["child"].pk)
    assert Person.objects.filter(case=case, first_name="Lena").exists()
    assert not Relationship.objects.exists()


def test_the_rules_held_come_from_the_setting(case, family, settings):
    settings.SAFEHOLD_RULES_HELD = "safehold.network.tests.test_services.two_rules_for_everyone"
    assert case_network(case).rules_held == dict.fromkeys((p.pk for p in family.values()), 2)


def two_rules_for_everyone(case):
    return dict.fromkeys(case.people.values_list("pk", flat=True), 2)
