"""The case's "add a person" page (network:person_create): every field of a person and how they are related to
the children, saved in one step into the people and the register, so that nobody types a relationship twice."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from safehold.audit.models import AuditEvent
from safehold.cases.models import Person
from safehold.network.models import Kind, Quality, Relationship
from safehold.testing.factories import PersonFactory


@pytest.fixture
def children(case):
    return [PersonFactory(case=case, role="child", first_name="Freja", last_name="Sørensen",
                          birth_date=date(2016, 5, 1)),
            PersonFactory(case=case, role="child", first_name="Oscar", last_name="Sørensen",
                          birth_date=date(2019, 8, 2))]


def url(case) -> str:
    return reverse("network:person_create", kwargs={"case_id": case.pk})


def grandmother(**extra) -> dict:
    return {"role": "network", "first_name": "Inge", "last_name": "Holm", "relationship": "mormor til Oscar",
            "birth_date": "1955-03-04", "sex": "female", "phone": "+45 40 00 00 00", "email": "", "address": "",
            "preferred_language": "", "notes": "", "kind": Kind.GRANDPARENT, "quality": Quality.STRONG,
            "legal_basis": "", "save": "", **extra}


def test_the_page_lists_every_child_and_the_kinds_read_from_the_new_person(client_for, caseworker, case, children):
    response = client_for(caseworker).get(url(case))
    assert response.status_code == 200
    page = response.content.decode()
    for child in children:
        assert f'value="{child.pk}"' in page and child.full_name in page
    assert "is a grandparent of" in page and "is the partner of" in page
    # The family's own words are prefilled from nothing.
    assert 'name="relationship" value=' not in page


def test_a_grandmother_of_the_second_child_goes_into_the_people_and_the_register_at_once(
        client_for, caseworker, case, children):
    since = AuditEvent.objects.count()
    response = client_for(caseworker).post(url(case), grandmother(related_to=[children[1].pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", kwargs={"case_id": case.pk})
    inge = Person.objects.get(case=case, first_name="Inge")
    assert inge.relationship == "mormor til Oscar"  # the family's words, as typed
    assert inge.email == "" and inge.phone == "+45 40 00 00 00"
    [tie] = Relationship.objects.filter(case=case)
    assert (tie.person_a, tie.kind, tie.person_b, tie.quality) == (inge, Kind.GRANDPARENT, children[1],
                                                                    Quality.STRONG)
    created = AuditEvent.objects.order_by("id")[since:].values_list("action", "object_type")
    assert set(created) >= {("create", "cases.person"), ("create", "network.relationship")}


def test_a_person_related_to_several_children_gets_a_tie_to_each(client_for, caseworker, case, children):
    client_for(caseworker).post(url(case), grandmother(related_to=[c.pk for c in children]))
    inge = Person.objects.get(case=case, first_name="Inge")
    assert set(Relationship.objects.filter(person_a=inge, kind=Kind.GRANDPARENT)
               .values_list("person_b", flat=True)) == {c.pk for c in children}


def test_a_person_without_a_relationship_is_added_without_a_tie(client_for, caseworker, case, children):
    response = client_for(caseworker).post(url(case), grandmother(kind="", relationship="Nachbarin"))
    assert response.status_code == 302
    assert Person.objects.filter(case=case, first_name="Inge").exists()
    assert not Relationship.objects.exists()


def test_a_ticked_child_without_a_kind_is_refused_next_to_the_field(client_for, caseworker, case, children):
    response = client_for(caseworker).post(url(case), grandmother(kind="", related_to=[children[0].pk]))
    assert response.status_code == 400
    assert response.context["form"].errors["kind"] == ["Choose how they are related to the children you ticked."]
    assert not Person.objects.filter(case=case, first_name="Inge").exists()


def test_a_kind_without_a_child_is_refused_next_to_the_children(client_for, caseworker, case, children):
    response = client_for(caseworker).post(url(case), grandmother())
    assert response.status_code == 400
    assert response.context["form"].errors["related_to"] == ["Tick the child they are related to."]


def test_a_refused_tie_adds_nobody_and_says_why_next_to_the_children(client_for, caseworker, case, children):
    response = client_for(caseworker).post(url(case), grandmother(birth_date="2020-01-01",
                                                                  related_to=[c.pk for c in children]))
    assert response.status_code == 400
    messages = response.context["form"].errors["related_to"]
    assert [("is not older than" in m, child.full_name in m) for m, child in zip(messages, children, strict=True)
            ] == [(True, True), (True, True)]  # one message per child refused
    assert not Person.objects.filter(case=case, first_name="Inge").exists()
    assert not Relationship.objects.exists()


def test_save_and_add_another_comes_back_with_the_role(client_for, caseworker, case, children):
    response = client_for(caseworker).post(url(case), {**grandmother(related_to=[children[0].pk]),
                                                       "add_another": ""})
    assert response["Location"] == f"{url(case)}?role=network"


def test_the_page_is_for_those_who_may_change_the_case(client_for, case, children, auditor, stranger):
    assert client_for(auditor).get(url(case)).status_code == 403
    assert client_for(stranger).get(url(case)).status_code == 404
    assert client_for(stranger).post(url(case), grandmother(related_to=[children[0].pk])).status_code == 404
    assert not Person.objects.filter(first_name="Inge").exists()


def test_a_closed_case_takes_nobody_new(client_for, caseworker, closed_case, children):
    response = client_for(caseworker).post(url(closed_case), grandmother(related_to=[children[0].pk]))
    assert response.status_code in (403, 409)
    assert not Person.objects.filter(first_name="Inge").exists()


# What the case's old "add a person" page did, now on this page (cases/tests/test_views.py posted to the old one).

def test_people_are_added_and_children_show_their_age(caseworker, case, client_for):
    client = client_for(caseworker)
    response = client.post(url(case), {"role": "child", "first_name": "Oscar", "last_name": "Sørensen",
                                       "birth_date": "2019-11-08"})
    assert response.status_code == 302
    person = Person.objects.get(first_name="Oscar")
    page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Oscar Sørensen" in page
    assert f"{person.age()} years" in page


def test_a_person_form_error_keeps_the_other_entries(caseworker, case, client_for):
    response = client_for(caseworker).post(url(case), {
        "role": "parent", "first_name": "Camilla", "phone": "ring me", "notes": "kommt nur nachmittags",
        "quality": Quality.NORMAL})
    assert response.status_code == 400
    assert "phone" in response.context["form"].errors
    assert "kommt nur nachmittags" in response.content.decode()
    assert not Person.objects.exists()


def test_a_person_s_endless_notes_are_refused_next_to_the_field(caseworker, case, client_for):
    response = client_for(caseworker).post(url(case), {
        "role": "parent", "first_name": "Camilla", "notes": "x" * 2_000_000, "quality": Quality.NORMAL})
    assert response.status_code == 400
    assert "notes" in response.context["form"].errors
    assert not Person.objects.exists()


def test_the_page_runs_a_fixed_number_of_queries(client_for, caseworker, case, children,
                                                 django_assert_max_num_queries):
    client = client_for(caseworker)
    client.get(url(case))
    for n in range(10):
        PersonFactory(case=case, role="child", first_name=f"Kid{n}")
    with django_assert_max_num_queries(12):
        assert client.get(url(case)).status_code == 200
