"""The cooperation agreements' pages: every member of the organisation reads them, the directory's editors
change them; another organisation's agreement answers 404; a stale edit is a conflict, never an overwrite."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safehold.accounts.models import Role
from safehold.audit.models import AuditEvent
from safehold.resources import services
from safehold.resources.models import CooperationAgreement, Offer
from safehold.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("resources:agreements")
NEW = reverse("resources:agreement_create")


def url(name: str, agreement: CooperationAgreement) -> str:
    return reverse(f"resources:{name}", kwargs={"cooperation_id": agreement.pk})


def offer(actor, name: str, **fields) -> Offer:
    return services.offer_create(actor=actor, data={"name": name, "provider": "LWL-Klinik Dortmund",
                                                    "kind": "parent_psychiatry", "legal_domain": "sgb_v", **fields})


def agreement(actor, **fields) -> CooperationAgreement:
    data = {"title": "Kooperation Jugendamt – Erwachsenenpsychiatrie", "partner": "LWL-Klinik Dortmund",
            "contingent": "20 Beratungsstunden im Jahr", "valid_from": date(2025, 1, 1), **fields}
    return services.agreement_create(actor=actor, data=data)


@pytest.fixture
def consultation(team_lead):
    return offer(team_lead, "Sprechstunde für Eltern mit psychischer Erkrankung")


@pytest.fixture
def ours(team_lead, consultation):
    return agreement(team_lead, offers=[consultation.pk], contacts="Dr. Lange, 0231 4503 0")


@pytest.fixture
def other_admin(other_organisation):
    return UserFactory(username="ole", organisation=other_organisation, roles=[Role.ORG_ADMIN])


@pytest.fixture
def theirs(other_admin):
    return agreement(other_admin, title="Samarbejdsaftale med psykiatrien", partner="Region Sjælland")


def form_data(**fields) -> dict:
    return {"title": "Kooperation Jugendamt – Gesundheitsamt", "partner": "Gesundheitsamt Dortmund",
            "legal_domains": "SGB VIII, SGB V", "contacts": "", "contingent": "", "terms": "",
            "valid_from": "2026-01-01", "valid_to": "", **fields}


# --- reading ------------------------------------------------------------------------------------------------

def test_a_caseworker_sees_the_agreements_with_the_offers_they_cover(client_for, caseworker, ours, consultation):
    response = client_for(caseworker).get(LIST)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Kooperation Jugendamt – Erwachsenenpsychiatrie" in page
    assert "LWL-Klinik Dortmund" in page
    assert consultation.name in page
    assert url("agreement", ours) in page
    assert NEW not in page  # caseworkers read; the team lead edits (the organisation's default)


def test_the_list_says_whether_each_agreement_holds_today(client_for, team_lead):
    today = timezone.localdate()
    agreement(team_lead, title="Abgelaufen", valid_from=date(2020, 1, 1), valid_to=today - timedelta(days=1))
    agreement(team_lead, title="Gilt", valid_from=today)

    response = client_for(team_lead).get(LIST)

    rows = {row.title: holds for row, holds in response.context["rows"]}
    assert rows == {"Abgelaufen": False, "Gilt": True}


def test_an_editor_sees_the_link_to_a_new_agreement(client_for, team_lead):
    assert NEW in client_for(team_lead).get(LIST).content.decode()


def test_another_organisations_agreements_are_neither_listed_nor_shown(client_for, caseworker, ours, theirs):
    client = client_for(caseworker)

    assert "Samarbejdsaftale" not in client.get(LIST).content.decode()
    for name in ("agreement", "agreement_edit"):
        assert client.get(url(name, theirs)).status_code in (403, 404)
    lead = client_for(UserFactory(username="tess", organisation=ours.organisation, roles=[Role.ORG_ADMIN]))
    assert lead.get(url("agreement", theirs)).status_code == 404
    assert lead.get(url("agreement_edit", theirs)).status_code == 404
    assert lead.post(url("agreement_delete", theirs)).status_code == 404
    assert CooperationAgreement.objects.filter(pk=theirs.pk).exists()


def test_one_agreement_shows_its_terms_and_offers(client_for, caseworker, ours, consultation):
    response = client_for(caseworker).get(url("agreement", ours))

    assert response.status_code == 200
    page = response.content.decode()
    assert "20 Beratungsstunden im Jahr" in page and "Dr. Lange" in page and consultation.name in page
    assert url("agreement_edit", ours) not in page


def test_the_pages_need_a_login(client, ours):
    for path in (LIST, NEW, url("agreement", ours), url("agreement_edit", ours)):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response["Location"], path


def test_a_user_without_a_role_may_not_read_the_agreements(client_for, organisation, ours):
    nobody = client_for(UserFactory(username="nina", organisation=organisation))

    assert nobody.get(LIST).status_code == 403
    assert nobody.get(url("agreement", ours)).status_code == 403


def test_the_list_takes_as_many_queries_for_many_agreements_as_for_one(client_for, team_lead, consultation,
                                                                       django_assert_max_num_queries):
    client = client_for(team_lead)
    agreement(team_lead, offers=[consultation.pk])
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for n in range(12):
        extra = offer(team_lead, f"Angebot {n}")
        agreement(team_lead, title=f"Vereinbarung {n}", offers=[consultation.pk, extra.pk])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


# --- adding -------------------------------------------------------------------------------------------------

def test_an_editor_adds_an_agreement_covering_offers(client_for, team_lead, consultation):
    response = client_for(team_lead).post(NEW, form_data(offers=[str(consultation.pk)],
                                                         contingent="20 Beratungsstunden im Jahr"))

    saved = CooperationAgreement.objects.get()
    assert response.status_code == 302 and response["Location"] == url("agreement", saved)
    assert list(saved.offers.all()) == [consultation]
    assert saved.valid_to is None and saved.legal_domains == "SGB VIII, SGB V"
    assert AuditEvent.objects.filter(action="create", object_type="resources.cooperationagreement").exists()


def test_the_form_offers_only_the_organisations_own_offers(client_for, team_lead, consultation, other_admin):
    their_offer = offer(other_admin, "Psykiatrisk rådgivning")
    client = client_for(team_lead)

    page = client.get(NEW).content.decode()
    refused = client.post(NEW, form_data(offers=[str(their_offer.pk)]))

    assert consultation.name in page and their_offer.name not in page
    assert refused.status_code == 400
    assert not CooperationAgreement.objects.exists()


def test_a_refused_agreement_names_each_field(client_for, team_lead):
    response = client_for(team_lead).post(NEW, form_data(title="", valid_from="2026-03-01", valid_to="2026-01-01"))

    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"title"}
    response = client_for(team_lead).post(NEW, form_data(valid_from="2026-03-01", valid_to="2026-01-01"))
    assert response.status_code == 400
    assert response.context["form"].errors["valid_to"] == ["The agreement ends before it starts."]
    assert "The agreement ends before it starts." in response.content.decode()
    assert not CooperationAgreement.objects.exists()


def test_a_caseworker_may_not_add_or_change_an_agreement(client_for, caseworker, ours):
    client = client_for(caseworker)

    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    assert client.post(url("agreement_edit", ours), form_data(version="1")).status_code == 403
    assert client.post(url("agreement_delete", ours)).status_code == 403
    assert CooperationAgreement.objects.get().title == ours.title


def test_the_organisation_may_let_caseworkers_edit_the_directory(client_for, caseworker, organisation):
    organisation.directory_editor_roles = "team_lead,caseworker"
    organisation.save(update_fields=["directory_editor_roles"])

    assert client_for(caseworker).post(NEW, form_data()).status_code == 302


# --- changing and deleting ----------------------------------------------------------------------------------

def test_an_editor_changes_an_agreement_and_the_offers_it_covers(client_for, team_lead, ours, consultation):
    other = offer(team_lead, "Suchtberatung für Eltern", kind="addiction")
    client = client_for(team_lead)
    assert client.get(url("agreement_edit", ours)).status_code == 200

    response = client.post(url("agreement_edit", ours), form_data(version="1", offers=[str(other.pk)]))

    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.version == 2 and ours.partner == "Gesundheitsamt Dortmund"
    assert list(ours.offers.all()) == [other]


def test_a_stale_edit_is_a_conflict_that_keeps_what_was_typed(client_for, team_lead, ours):
    services.agreement_update(actor=team_lead, agreement=ours, expected_version=1, data={"partner": "LWL Nord"})

    response = client_for(team_lead).post(url("agreement_edit", ours), form_data(version="1", title="Mein Titel"))

    assert response.status_code == 409
    page = response.content.decode()
    assert "LWL Nord" in page and "Mein Titel" in page
    assert response.context["form"].data["version"] == "2"
    ours.refresh_from_db()
    assert (ours.title, ours.partner) == ("Kooperation Jugendamt – Erwachsenenpsychiatrie", "LWL Nord")


def test_a_refused_edit_answers_400(client_for, team_lead, ours):
    response = client_for(team_lead).post(url("agreement_edit", ours), form_data(version="1", partner=""))

    assert response.status_code == 400
    assert "partner" in response.context["form"].errors


def test_an_editor_deletes_an_agreement_and_the_offers_stay(client_for, team_lead, ours, consultation):
    client = client_for(team_lead)

    assert client.get(url("agreement_delete", ours)).status_code == 405
    response = client.post(url("agreement_delete", ours))

    assert response.status_code == 302 and response["Location"] == LIST
    assert not CooperationAgreement.objects.exists()
    assert Offer.objects.filter(pk=consultation.pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_type="resources.cooperationagreement").exists()
