"""The case's person pages: adding someone goes to the network's page (which fills the register in the same
step), and a person's page and edit form show their ties in the register."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safehold.cases.models import Person
from safehold.network import services as network
from safehold.network.models import Kind


def test_adding_a_person_from_the_case_page_goes_to_the_network_s_page(client_for, caseworker, case):
    response = client_for(caseworker).get(reverse("cases:person_create", kwargs={"case_id": case.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("network:person_create", kwargs={"case_id": case.pk})


def test_the_role_asked_for_goes_along(client_for, caseworker, case):
    response = client_for(caseworker).get(reverse("cases:person_create", kwargs={"case_id": case.pk}) +
                                          "?role=parent")
    assert response["Location"] == reverse("network:person_create", kwargs={"case_id": case.pk}) + "?role=parent"


def test_a_post_to_the_old_address_adds_nobody_and_goes_to_the_new_page(client_for, caseworker, case):
    response = client_for(caseworker).post(reverse("cases:person_create", kwargs={"case_id": case.pk}),
                                           {"role": "network", "first_name": "Inge"})
    assert response.status_code == 302
    assert not Person.objects.filter(first_name="Inge").exists()


def test_the_old_address_keeps_the_policy(client_for, auditor, stranger, case):
    address = reverse("cases:person_create", kwargs={"case_id": case.pk})
    assert client_for(auditor).get(address).status_code == 403
    assert client_for(stranger).get(address).status_code == 404


@pytest.fixture
def ties_panel(settings):
    settings.SAFEHOLD_PERSON_PANELS = ["safehold.network.person_panel.person_ties"]


@pytest.mark.parametrize("page", ["cases:person_detail", "cases:person_edit"])
def test_a_person_s_pages_show_their_ties_read_from_them_with_a_link_to_change_each(
        client_for, caseworker, case, child, parent, ties_panel, page):
    tie = network.relationship_create(actor=caseworker, case=case, person_a=parent.pk, person_b=child.pk,
                                      kind=Kind.PARENT)
    response = client_for(caseworker).get(reverse(page, kwargs={"case_id": case.pk, "person_id": child.pk}))
    body = response.content.decode()
    assert "<bdi>Camilla Sørensen</bdi> is a parent of <bdi>Freja Sørensen</bdi>" in body
    assert reverse("network:relationship_edit", kwargs={"case_id": case.pk, "relationship_id": tie.pk}) in body
    assert reverse("network:relationship_add", kwargs={"case_id": case.pk}) + f"?person_a={child.pk}" in body


def test_a_tie_both_ways_reads_from_the_person_whose_page_it_is(client_for, caseworker, case, child, parent,
                                                                 ties_panel):
    network.relationship_create(actor=caseworker, case=case, person_a=parent.pk, person_b=child.pk,
                                kind=Kind.CONNECTION)
    for person, reads in ((child, "<bdi>Freja Sørensen</bdi> knows, is close to <bdi>Camilla Sørensen</bdi>"),
                          (parent, "<bdi>Camilla Sørensen</bdi> knows, is close to <bdi>Freja Sørensen</bdi>")):
        response = client_for(caseworker).get(reverse("cases:person_detail",
                                                      kwargs={"case_id": case.pk, "person_id": person.pk}))
        assert reads in response.content.decode()


def test_someone_who_may_only_read_sees_the_ties_without_links_to_change_them(client_for, auditor, caseworker,
                                                                              case, child, parent, ties_panel):
    network.relationship_create(actor=caseworker, case=case, person_a=parent.pk, person_b=child.pk,
                                kind=Kind.PARENT)
    response = client_for(auditor).get(reverse("cases:person_detail",
                                               kwargs={"case_id": case.pk, "person_id": child.pk}))
    if response.status_code == 200:
        body = response.content.decode()
        assert "is a parent of" in body and "relationships/new" not in body
