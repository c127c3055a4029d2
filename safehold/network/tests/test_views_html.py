"""The network page as a caseworker uses it: people and relationships added in place with htmx, the coordinator
marked, people moved between the safety circles, the pictures downloaded."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from safehold.audit.models import AuditEvent
from safehold.cases.models import Person
from safehold.core.text import isolate
from safehold.network import services
from safehold.network.models import CaseNetwork, Circle, CirclePlacement, Kind, Relationship
from safehold.testing.factories import PersonFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def freja(case):
    return PersonFactory(case=case, role="child", first_name="Freja", last_name="Sørensen", sex="female",
                         birth_date=date(2016, 5, 1))


@pytest.fixture
def mum(case):
    return PersonFactory(case=case, role="parent", first_name="Camilla", last_name="Sørensen", sex="female",
                         birth_date=date(1988, 2, 3))


def url(name, case, **kwargs):
    return reverse(f"network:{name}", kwargs={"case_id": case.pk, **kwargs})


def test_the_network_page_shows_the_pictures_the_register_and_the_untied_and_is_audited(
        client_for, caseworker, case, freja, mum):
    PersonFactory(case=case, role="professional", first_name="Lena", last_name="Teacher")
    services.relationship_create(actor=caseworker, case=case, person_a=mum.pk, person_b=freja.pk,
                                 kind=Kind.PARENT, note="Sees her every day")
    response = client_for(caseworker).get(url("overview", case))
    page = response.content.decode()
    assert response.status_code == 200
    for heading in ("Genogram", "Ecomap", "Safety circles", "Register of relationships", "Not tied to anyone yet"):
        assert heading in page, heading
    assert "is a parent of" in page and "Sees her every day" in page
    untied = page.split('id="untied"')[1]
    assert "Lena Teacher" in untied and "Camilla Sørensen" not in untied
    for name in ("genogram_svg", "genogram_png", "ecomap_svg", "ecomap_png", "circles_svg", "circles_png"):
        assert url(name, case) in page
    assert AuditEvent.objects.filter(actor=caseworker, case=case, action="view", object_type="cases.case").count() == 1


def test_a_grandmother_added_in_place_is_in_the_picture_section_and_the_register(client_for, caseworker, case,
                                                                                  freja):
    response = client_for(caseworker).post(url("person_add", case), {
        "first_name": "Inge", "last_name": "Sørensen", "role": "network", "relationship": "grandmother",
        "sex": "female", "birth_date": "1950-07-01", "phone": "+45 12 34 56 78",
        "kind": Kind.GRANDPARENT, "related_to": freja.pk, "quality": "strong",
    }, **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div class="nw-board" id="network-board">')
    inge = Person.objects.get(case=case, first_name="Inge")
    pictures = page.split('id="pictures"')[1].split('id="register"')[0]
    assert "Inge Sørensen" in pictures
    assert Relationship.objects.filter(person_a=inge, person_b=freja, kind=Kind.GRANDPARENT,
                                       quality="strong").exists()
    register = page.split('id="register"')[1]
    assert "Inge Sørensen" in register and "is a grandparent of" in register


def test_a_person_can_be_added_without_a_relationship_and_is_then_untied(client_for, caseworker, case, freja):
    response = client_for(caseworker).post(url("person_add", case), {
        "first_name": "Lena", "role": "professional", "related_to": freja.pk, "quality": "normal"}, **HTMX)
    assert response.status_code == 200
    assert "Lena" in response.content.decode().split('id="untied"')[1]
    assert not Relationship.objects.filter(case=case).exists()


def test_without_script_adding_a_person_goes_back_to_the_page(client_for, caseworker, case, freja):
    client = client_for(caseworker)
    assert client.get(url("person_add", case)).status_code == 200
    response = client.post(url("person_add", case), {
        "first_name": "Inge", "role": "network", "kind": Kind.GRANDPARENT, "related_to": freja.pk,
        "quality": "normal"})
    assert response.status_code == 302 and response["Location"] == url("overview", case) + "#pictures"


def test_a_grandmother_younger_than_the_child_is_refused_and_not_added(client_for, caseworker, case, freja):
    response = client_for(caseworker).post(url("person_add", case), {
        "first_name": "Inge", "role": "network", "birth_date": "2020-01-01",
        "kind": Kind.GRANDPARENT, "related_to": freja.pk, "quality": "normal"}, **HTMX)
    page = response.content.decode()
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#add-person" and response["HX-Reswap"] == "outerHTML"
    error = page.split('id="add-person-related_to_error"')[1]
    assert "is not older than" in error.split("</p>")[0]
    # The names isolated (FSI … PDI): neither may reorder the words of the sentence.
    assert f"{isolate('Inge')} is not older than {isolate('Freja Sørensen')}" in error.split("</p>")[0]
    assert not Person.objects.filter(case=case, first_name="Inge").exists()


def test_the_message_puts_the_name_added_in_a_bdi(client_for, caseworker, case, freja):
    """An Arabic name in the sentence "… added to the case.": in a <bdi>, escaped, the sentence around it as it
    was."""
    client = client_for(caseworker)
    client.post(url("person_add", case), {"first_name": "مريم", "last_name": "<b>Haddad</b>", "role": "network",
                                            "quality": "normal"})
    page = client.get(url("overview", case)).content.decode()
    assert "<bdi>مريم &lt;b&gt;Haddad&lt;/b&gt;</bdi> added to the case." in page
    assert not Relationship.objects.filter(case=case).exists()


def test_a_relationship_added_in_place_answers_with_the_pictures_and_the_register(client_for, caseworker, case,
                                                                                   freja, mum):
    response = client_for(caseworker).post(url("relationship_add", case), {
        "person_a": mum.pk, "kind": Kind.CONTACT_RESTRICTED, "person_b": freja.pk, "quality": "stressful",
        "legal_basis": "Court order 12 F 34/26", "note": "Supervised only"}, **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="pictures"' in page and "Court order 12 F 34/26" in page.split('id="register"')[1]
    assert Relationship.objects.filter(case=case, kind=Kind.CONTACT_RESTRICTED).count() == 1


def test_a_relationship_with_oneself_is_refused_next_to_the_field(client_for, caseworker, case, mum):
    response = client_for(caseworker).post(url("relationship_add", case), {
        "person_a": mum.pk, "kind": Kind.LIVES_WITH, "person_b": mum.pk, "quality": "normal"}, **HTMX)
    assert response.status_code == 400 and response["HX-Retarget"] == "#add-relationship"
    error = response.content.decode().split('id="add-relationship-person_b_error"')[1].split("</p>")[0]
    assert "cannot be in a relationship with themself" in error
    assert not Relationship.objects.exists()


def test_a_cycle_of_parenthood_is_refused_next_to_the_field(client_for, caseworker, case, freja):
    dad = PersonFactory(case=case, role="parent", first_name="Jens")
    grandpa = PersonFactory(case=case, role="network", first_name="Erik")
    services.relationship_create(actor=caseworker, case=case, person_a=grandpa.pk, person_b=dad.pk,
                                 kind=Kind.PARENT)
    response = client_for(caseworker).post(url("relationship_add", case), {
        "person_a": dad.pk, "kind": Kind.PARENT, "person_b": grandpa.pk, "quality": "normal"}, **HTMX)
    assert response.status_code == 400
    error = response.content.decode().split('id="add-relationship-person_b_error"')[1].split("</p>")[0]
    assert "cannot be their own ancestor" in error
    assert f"{isolate(grandpa.full_name)} is already above {isolate(dad.full_name)}" in error  # names isolated
    assert Relationship.objects.filter(case=case).count() == 1


def test_a_child_older_than_its_parent_is_refused_next_to_the_field(client_for, caseworker, case, freja, mum):
    response = client_for(caseworker).post(url("relationship_add", case), {
        "person_a": freja.pk, "kind": Kind.PARENT, "person_b": mum.pk, "quality": "normal"})
    assert response.status_code == 400  # without script: the form on its own page, with the message
    page = response.content.decode()
    assert "is not older than" in page.split('id="add-relationship-person_b_error"')[1].split("</p>")[0]
    assert not Relationship.objects.exists()


def test_a_relationship_is_edited_in_place_and_a_stale_save_shows_both_versions(client_for, caseworker, case,
                                                                                 freja, mum):
    tie = services.relationship_create(actor=caseworker, case=case, person_a=mum.pk, person_b=freja.pk,
                                       kind=Kind.PARENT)
    client = client_for(caseworker)
    form = client.get(url("relationship_edit", case, relationship_id=tie.pk), **HTMX).content.decode()
    assert form.startswith(f'<tr class="kern-table__row nw-editing" id="relationship-{tie.pk}">')
    services.relationship_update(actor=caseworker, case=case, relationship=tie, expected_version=1,
                                 note="Changed by a colleague")
    response = client.post(url("relationship_edit", case, relationship_id=tie.pk), {
        "kind": Kind.PARENT, "quality": "strong", "legal_basis": "", "note": "Mine", "version": 1}, **HTMX)
    page = response.content.decode()
    assert response.status_code == 409 and response["HX-Retarget"] == f"#relationship-{tie.pk}"
    assert "Changed by a colleague" in page and 'value="Mine"' in page
    response = client.post(url("relationship_edit", case, relationship_id=tie.pk), {
        "kind": Kind.PARENT, "quality": "strong", "legal_basis": "", "note": "Mine", "version": 2}, **HTMX)
    assert response.status_code == 200
    tie.refresh_from_db()
    assert (tie.quality, tie.note) == ("strong", "Mine")


def test_a_relationship_is_deleted_from_the_register(client_for, caseworker, case, freja, mum):
    tie = services.relationship_create(actor=caseworker, case=case, person_a=mum.pk, person_b=freja.pk,
                                       kind=Kind.PARENT)
    response = client_for(caseworker).post(url("relationship_delete", case, relationship_id=tie.pk), **HTMX)
    assert response.status_code == 200 and "No relationships recorded yet." in response.content.decode()
    assert not Relationship.objects.exists()


def test_marking_the_coordinator_shows_the_star_and_none_takes_it_away(client_for, caseworker, case, freja, mum):
    client = client_for(caseworker)
    response = client.post(url("coordinator_set", case), {"person": mum.pk}, **HTMX)
    ecomap = response.content.decode().split('id="ecomap"')[1].split('id="circles"')[0]
    assert response.status_code == 200
    assert '<span class="nw-star" aria-hidden="true">★</span> <strong><bdi>Camilla Sørensen</bdi></strong>' in ecomap
    assert CaseNetwork.objects.get(case=case).coordinator == mum
    response = client.post(url("coordinator_set", case), {"person": ""}, **HTMX)
    assert "★" not in response.content.decode().split('id="ecomap"')[1].split('id="circles"')[0]
    assert CaseNetwork.objects.get(case=case).coordinator is None


def test_a_child_cannot_be_marked_coordinator(client_for, caseworker, case, freja):
    response = client_for(caseworker).post(url("coordinator_set", case), {"person": freja.pk}, **HTMX)
    assert response.status_code == 400 and "A child cannot coordinate the network." in response.content.decode()
    assert not CaseNetwork.objects.filter(case=case, coordinator=freja).exists()


def test_moving_someone_between_circles_updates_the_picture_and_the_history(client_for, caseworker, case, freja,
                                                                            mum):
    client = client_for(caseworker)
    assert "Nobody has been placed in the circles yet." in client.get(url("overview", case)).content.decode()
    response = client.post(url("circle_place", case), {"person": mum.pk, "circle": Circle.INNER}, **HTMX)
    circles = response.content.decode().split('id="circles"')[1]
    assert response.status_code == 200
    assert '<option value="inner" selected>' in circles
    assert "<bdi>Camilla Sørensen</bdi> → Inner circle" in circles
    assert CirclePlacement.objects.filter(case=case, person=mum, circle=Circle.INNER).count() == 1
    response = client.post(url("circle_place", case), {"person": mum.pk, "circle": Circle.OUTER})
    assert response.status_code == 302 and response["Location"].endswith("#circles")
    assert CirclePlacement.objects.filter(case=case, person=mum).count() == 2


@pytest.mark.parametrize("picture", ["genogram", "ecomap", "circles"])
def test_the_pictures_download_as_svg_and_png_and_are_audited(client_for, caseworker, case, freja, mum,
                                                              picture):
    services.relationship_create(actor=caseworker, case=case, person_a=mum.pk, person_b=freja.pk,
                                 kind=Kind.PARENT)
    client = client_for(caseworker)
    svg = client.get(url(f"{picture}_svg", case))
    assert svg.status_code == 200
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert svg["X-Content-Type-Options"] == "nosniff"
    name = {"genogram": "Genogramm", "ecomap": "Oekogramm", "circles": "Sicherheitskreise"}[picture]
    assert svg["Content-Disposition"] == f'attachment; filename="{name}-JA-2026-0001.svg"'  # the case's language
    assert b"<svg" in svg.content
    png = client.get(url(f"{picture}_png", case))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content.startswith(PNG_SIGNATURE)
    exports = AuditEvent.objects.filter(actor=caseworker, case=case, action="export")
    assert set(exports.values_list("object_type", flat=True)) == {f"network.{picture}", f"network.{picture}.png"}


def test_another_organisation_gets_404(client_for, stranger, case, freja):
    client = client_for(stranger)
    assert client.get(url("overview", case)).status_code == 404
    assert client.post(url("coordinator_set", case), {"person": freja.pk}).status_code == 404
    assert client.get(url("ecomap_svg", case)).status_code == 404


def test_the_auditor_may_not_see_or_change_the_network(client_for, auditor, case, freja, mum):
    client = client_for(auditor)
    assert client.get(url("overview", case)).status_code == 403
    assert client.post(url("circle_place", case), {"person": mum.pk, "circle": "inner"}).status_code == 403
    assert not CirclePlacement.objects.exists()


@pytest.fixture
def parenthood(caseworker, case, freja, mum):
    return services.relationship_create(actor=caseworker, case=case, person_a=mum.pk, person_b=freja.pk,
                                        kind=Kind.PARENT)


def test_a_closed_case_shows_the_network_without_editing(client_for, caseworker, case, parenthood, closed_case):
    page = client_for(caseworker).get(url("overview", case)).content.decode()
    assert "Camilla Sørensen" in page and "is a parent of" in page
    for name in ("person_add", "relationship_add", "coordinator_set", "circle_place"):
        assert url(name, case) not in page, name


@pytest.mark.parametrize("htmx", [False, True])
def test_every_change_to_the_network_of_a_closed_case_is_refused_with_the_message(
        client_for, caseworker, case, freja, mum, parenthood, closed_case, htmx):
    client = client_for(caseworker)
    posts = {
        "person_add": ({}, {"first_name": "Inge", "role": "network", "kind": Kind.GRANDPARENT,
                            "related_to": freja.pk, "quality": "normal"}),
        "relationship_add": ({}, {"person_a": mum.pk, "kind": Kind.LIVES_WITH, "person_b": freja.pk,
                                  "quality": "normal"}),
        "relationship_edit": ({"relationship_id": parenthood.pk}, {"kind": Kind.PARENT, "quality": "weak",
                                                                   "legal_basis": "", "note": "x", "version": 1}),
        "relationship_delete": ({"relationship_id": parenthood.pk}, {}),
        "coordinator_set": ({}, {"person": mum.pk}),
        "circle_place": ({}, {"person": mum.pk, "circle": Circle.INNER}),
    }
    for name, (kwargs, data) in posts.items():
        response = client.post(url(name, case, **kwargs), data, **(HTMX if htmx else {}))
        assert response.status_code == 403, name
        assert "This case is closed. Reopen it to change it." in response.content.decode(), name
    assert Relationship.objects.get(pk=parenthood.pk).note == ""
    assert not Person.objects.filter(first_name="Inge").exists()
    assert not CaseNetwork.objects.exists() and not CirclePlacement.objects.exists()


def test_the_case_page_shows_the_network_panel(client_for, caseworker, case, freja, mum):
    services.coordinator_set(actor=caseworker, case=case, person=mum.pk)
    services.circle_place(actor=caseworker, case=case, person=mum.pk, circle=Circle.INNER)
    page = client_for(caseworker).get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    panel = page.split('id="network-heading"')[1]
    assert "Camilla Sørensen" in panel and "1 person in the inner and middle circles" in panel
    assert url("overview", case) in panel


@pytest.mark.parametrize("people", [5, 30])
def test_the_network_page_runs_a_constant_number_of_queries(client_for, caseworker, case, freja, people,
                                                            django_assert_max_num_queries):
    for n in range(people - 1):
        person = PersonFactory(case=case, role="network", first_name=f"Helper{n}")
        services.relationship_create(actor=caseworker, case=case, person_a=person.pk, person_b=freja.pk,
                                     kind=Kind.CONNECTION, quality="strong" if n % 2 else "weak")
        services.circle_place(actor=caseworker, case=case, person=person.pk,
                              circle=Circle.INNER if n % 3 else Circle.MIDDLE)
    services.coordinator_set(actor=caseworker, case=case, person=Person.objects.filter(role="network").first().pk)
    client = client_for(caseworker)
    with django_assert_max_num_queries(16):  # 14, one for where a placed child lives, one for the audit chain's head
        response = client.get(url("overview", case))
    assert response.status_code == 200
    assert response.content.decode().count("Helper") >= people - 1


def test_a_case_without_people_shows_an_empty_network(client_for, caseworker, case):
    page = client_for(caseworker).get(url("overview", case)).content.decode()
    assert "No relationships recorded yet." in page and "Nobody has been placed in the circles yet." in page


def test_the_family_plan_shows_the_ecomap_and_the_authority_s_the_genogram_too(caseworker, case, freja,
                                                                              mum):
    from safehold.safety_plans import services as safety_plans
    from safehold.safety_plans.pdf_context import plan_context

    plan = safety_plans.plan_create(actor=caseworker, case=case)
    context = plan_context(plan, with_monitoring=False)
    assert "<svg" in context["network"].ecomap and "Camilla" in context["network"].ecomap
    assert "<svg" in context["network"].genogram
