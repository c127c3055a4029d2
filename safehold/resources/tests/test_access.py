"""Who reads and who edits the directory: every member of the organisation reads, the admins and the roles the
organisation names edit, only the admin changes the settings. Every page of the directory is checked here for
each role; another organisation's offer answers 404, a shared one is read but never edited."""

from __future__ import annotations

from typing import cast

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from safehold.accounts.models import Organisation, Role, User
from safehold.resources import services, sharing
from safehold.resources.access import may_edit_directory, may_read_directory
from safehold.resources.urls import urlpatterns
from safehold.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

READ = ["resources:directory", "resources:offer"]
EDIT = ["resources:offer_create", "resources:offer_edit", "resources:districts"]
EDIT_ACTIONS = ["resources:offer_verify", "resources:offer_active", "resources:district_delete"]
ADMIN = ["resources:settings"]
ADMIN_ACTIONS = ["resources:settings_editors", "resources:share_offer", "resources:share_accept",
                 "resources:share_end"]
PAGES = READ + EDIT + ADMIN
ACTIONS = EDIT_ACTIONS + ADMIN_ACTIONS

# Which pages each role opens (200) with the organisation's default editors (team leads).
OPENS = {
    "caseworker": set(READ),
    "consultant": set(READ),
    "auditor": set(READ),
    "team_lead": set(READ + EDIT),
    "org_admin": set(PAGES),
}


def _offer(actor, name="Elternkurs"):
    return services.offer_create(actor=actor, data={"name": name, "provider": "Träger", "kind": "parenting_course",
                                                    "legal_domain": "sgb_viii"})


@pytest.fixture
def their_admin(other_organisation):
    return UserFactory(username="tilde", organisation=other_organisation, roles=[Role.ORG_ADMIN])


@pytest.fixture
def urls(org_admin, their_admin, other_organisation):
    offer = _offer(org_admin)
    district = services.district_create(actor=org_admin, name="Nord")
    received = sharing.directory_share_offer(actor=their_admin, partner_id=org_admin.organisation_id)
    arguments = {"resources:offer": {"offer_id": offer.pk}, "resources:offer_edit": {"offer_id": offer.pk},
                 "resources:offer_verify": {"offer_id": offer.pk}, "resources:offer_active": {"offer_id": offer.pk},
                 "resources:district_delete": {"district_id": district.pk},
                 "resources:share_accept": {"share_id": received.pk},
                 "resources:share_end": {"share_id": received.pk}}
    return {name: reverse(name, kwargs=arguments.get(name)) for name in PAGES + ACTIONS}


def test_every_member_reads_the_directory_a_user_without_a_role_does_not(caseworker, consultant, team_lead, auditor,
                                                                         org_admin, organisation):
    assert all(may_read_directory(u) for u in (caseworker, consultant, team_lead, auditor, org_admin))
    assert not may_read_directory(cast(User, UserFactory(organisation=organisation)))
    assert not may_read_directory(AnonymousUser())  # type: ignore[arg-type]


def test_admins_and_team_leads_edit_by_default_the_others_do_not(caseworker, consultant, team_lead, auditor,
                                                                 org_admin):
    assert may_edit_directory(org_admin) and may_edit_directory(team_lead)
    assert not any(may_edit_directory(u) for u in (caseworker, consultant, auditor))


@pytest.mark.parametrize("name", PAGES + ACTIONS)
def test_someone_not_logged_in_is_sent_to_the_login(name, urls, client):
    response = client.get(urls[name]) if name in PAGES else client.post(urls[name])
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", PAGES + ACTIONS)
def test_a_user_without_a_role_is_refused_everything(name, urls, organisation, client_for):
    client = client_for(UserFactory(organisation=organisation))
    response = client.get(urls[name]) if name in PAGES else client.post(urls[name])
    assert response.status_code == 403


@pytest.mark.parametrize("role", sorted(OPENS))
def test_each_role_opens_the_pages_it_may_and_is_refused_the_others(role, request, urls, client_for):
    client = client_for(request.getfixturevalue(role))
    got = {name: client.get(urls[name]).status_code for name in PAGES}
    assert got == {name: 200 if name in OPENS[role] else 403 for name in PAGES}


@pytest.mark.parametrize("role", ["caseworker", "consultant", "auditor"])
def test_a_reader_is_refused_every_change(role, request, urls, client_for):
    client = client_for(request.getfixturevalue(role))
    assert {client.post(urls[name]).status_code for name in ACTIONS} == {403}


def test_a_team_lead_edits_but_does_not_change_the_settings(team_lead, urls, client_for):
    client = client_for(team_lead)
    assert {client.post(urls[name]).status_code for name in ADMIN_ACTIONS} == {403}
    assert client.post(urls["resources:offer_verify"]).status_code == 302


def test_a_caseworker_edits_once_the_organisation_says_so(org_admin, caseworker, urls, client_for):
    sharing.directory_editors_set(actor=org_admin, roles=["caseworker"])
    assert client_for(caseworker).get(urls["resources:offer_edit"]).status_code == 200


def test_another_organisation_s_offer_answers_404_to_reading_and_editing(org_admin, their_admin, client_for):
    theirs = _offer(their_admin, "Fremd")
    client = client_for(org_admin)
    for name in ("resources:offer", "resources:offer_edit"):
        assert client.get(reverse(name, kwargs={"offer_id": theirs.pk})).status_code == 404
    for name in ("resources:offer_verify", "resources:offer_active"):
        assert client.post(reverse(name, kwargs={"offer_id": theirs.pk})).status_code == 404


def test_a_shared_offer_is_read_but_its_edit_urls_answer_404(org_admin, their_admin, team_lead, client_for):
    theirs = _offer(their_admin, "Geteilt")
    share = sharing.directory_share_offer(actor=their_admin, partner_id=org_admin.organisation_id)
    sharing.directory_share_accept(actor=org_admin, share=share)
    client = client_for(team_lead)
    page = client.get(reverse("resources:offer", kwargs={"offer_id": theirs.pk}))
    assert page.status_code == 200 and "Geteilt" in page.content.decode()
    assert reverse("resources:offer_edit", kwargs={"offer_id": theirs.pk}) not in page.content.decode()
    assert client.get(reverse("resources:offer_edit", kwargs={"offer_id": theirs.pk})).status_code == 404
    assert client.post(reverse("resources:offer_verify", kwargs={"offer_id": theirs.pk})).status_code == 404


def test_another_organisation_s_district_and_share_answer_404(org_admin, their_admin, other_organisation,
                                                             client_for):
    theirs = services.district_create(actor=their_admin, name="Syd")
    stranger_share = sharing.directory_share_offer(
        actor=their_admin, partner_id=Organisation.objects.create(name="Dritte").pk)
    client = client_for(org_admin)
    assert client.post(reverse("resources:district_delete", kwargs={"district_id": theirs.pk})).status_code == 404
    assert client.post(reverse("resources:share_end", kwargs={"share_id": stranger_share.pk})).status_code == 404


def test_an_id_no_row_can_have_answers_404(org_admin, client_for):
    assert client_for(org_admin).get(f"/resources/offers/{2**64}/").status_code == 404


def test_every_page_and_action_of_the_directory_is_checked_here():
    mine = {f"resources:{p.name}" for p in urlpatterns if getattr(p, "name", None)}
    assert mine == set(PAGES + ACTIONS)


def test_the_menu_offers_the_directory_to_members(caseworker, organisation, client_for):
    assert 'href="/resources/"' in client_for(caseworker).get("/resources/").content.decode()
    assert 'aria-current="page">Offers' in client_for(caseworker).get("/resources/").content.decode()
