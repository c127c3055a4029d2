"""The page of needs without an offer (/resources/needs/): who may open it, what each reader sees, the read
audit for the families' words, a bad date, and a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.audit.models import AuditEvent
from safehold.cases.models import Case, Person
from safehold.resources.models import District, OfferKind, Referral, ReferralStatus
from safehold.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = "/resources/needs/"
TODAY = timezone.localdate()
WORDS = "Ein Treffen mit anderen Müttern"


def families(organisation, team, district: District | None, n: int, *, kind: str = OfferKind.PARENT_GROUP,
             days_ago: int = 10) -> list[Case]:
    cases = []
    for _n in range(n):
        case = cast(Case, CaseFactory(organisation=organisation, team=team))
        mother = cast(Person, PersonFactory(case=case, role="parent"))
        on = TODAY - timedelta(days=days_ago)
        Referral.objects.create(case=case, person=mother, need_kind=kind, need_words=WORDS, district=district,
                                language="tr", status=ReferralStatus.NO_OFFER, status_on=on, referred_on=on)
        cases.append(case)
    return cases


@pytest.fixture
def north(organisation) -> District:
    return District.objects.create(organisation=organisation, name="Nordstadt")


def test_the_url_is_named_needs_in_the_resources_namespace():
    assert reverse("resources:needs") == URL


def test_a_team_lead_sees_the_cluster_with_the_families_words_and_each_case_read_is_audited(
        client_for, team_lead, organisation, team, north):
    cases = families(organisation, team, north, 3)
    response = client_for(team_lead).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mothers&#x27; or parents&#x27; group in Nordstadt" in page
    assert "Consider starting an offer, for example a mothers' group" in page
    assert WORDS in page and "Turkish (3 families)" in page
    assert f'href="/cases/{cases[0].pk}/"' in page
    assert f'/reports/unmet-needs/?from={TODAY - timedelta(days=365):%Y-%m-%d}' in page
    events = AuditEvent.objects.filter(actor=team_lead, object_type="resources.need_cluster")
    assert {e.case_id for e in events} == {c.pk for c in cases} and events.count() == 3
    assert {e.action for e in events} == {"view"}


def test_an_org_admin_sees_the_counts_but_not_the_words_and_no_case_is_recorded_as_read(client_for, org_admin,
                                                                                        organisation, team, north):
    cases = families(organisation, team, north, 3)
    page = client_for(org_admin).get(URL).content.decode()
    assert "Nordstadt" in page and WORDS not in page
    assert f"/cases/{cases[0].pk}/" not in page and cases[0].family_name not in page
    (event,) = AuditEvent.objects.filter(actor=org_admin, object_type="resources.need_cluster")
    assert event.case_id is None


def test_an_auditor_sees_the_counts_too(client_for, auditor, organisation, team, north):
    families(organisation, team, north, 3)
    page = client_for(auditor).get(URL).content.decode()
    assert "Nordstadt" in page and WORDS not in page


def test_two_families_are_no_cluster_and_the_page_says_so(client_for, team_lead, organisation, team, north):
    families(organisation, team, north, 2)
    page = client_for(team_lead).get(URL).content.decode()
    assert "no need without an offer is shared by 3 families or more" in page and WORDS not in page


@pytest.mark.parametrize("who", ["caseworker", "consultant", "colleague", "stranger"])
def test_those_without_a_team_to_lead_or_an_organisation_to_oversee_get_403(who, request, client_for):
    assert client_for(request.getfixturevalue(who)).get(URL).status_code == 403


def test_the_page_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_page_of_other_methods_is_refused(client_for, team_lead):
    assert client_for(team_lead).post(URL).status_code == 405


def test_another_organisations_families_never_show(client_for, stranger, other_organisation, org_admin, north):
    families(other_organisation, None, None, 3)
    page = client_for(org_admin).get(URL).content.decode()
    assert "Mothers&#x27; or parents&#x27; group in" not in page


def test_an_earlier_date_finds_older_needs(client_for, team_lead, organisation, team, north):
    families(organisation, team, north, 3, days_ago=400)
    client = client_for(team_lead)
    assert "Nordstadt" not in client.get(URL).content.decode()
    since = TODAY - timedelta(days=500)
    page = client.get(f"{URL}?since={since:%Y-%m-%d}").content.decode()
    assert "Nordstadt" in page and f"/reports/unmet-needs/?from={since:%Y-%m-%d}" in page


def test_a_bad_date_is_refused_next_to_its_field(client_for, team_lead, organisation, team, north):
    families(organisation, team, north, 3)
    response = client_for(team_lead).get(f"{URL}?since=yesterday")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_since_error"' in page and "Enter a valid date." in page
    assert WORDS not in page
    assert not AuditEvent.objects.filter(actor=team_lead).exists()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(since=st.one_of(st.text(max_size=12), st.dates().map(str)))
def test_any_date_typed_gives_the_page_or_a_refusal_never_an_error(since, team_lead):
    client = Client()
    client.force_login(team_lead)
    assert client.get(URL, {"since": since}).status_code in (200, 400)


def test_the_page_takes_the_same_queries_for_few_and_many_clusters(client_for, team_lead, organisation, team,
                                                                   north, django_assert_max_num_queries):
    client = client_for(team_lead)
    families(organisation, team, north, 3)
    client.get(URL)  # sessions and the like settle
    with django_assert_max_num_queries(11):  # with the list audit's chain head (audit/chain.py)
        assert client.get(URL).status_code == 200
    south = District.objects.create(organisation=organisation, name="Südstadt")
    families(organisation, team, south, 8)
    families(organisation, team, north, 4, kind=OfferKind.DEBT)
    families(organisation, team, None, 5)
    with django_assert_max_num_queries(11):  # with the list audit's chain head (audit/chain.py)
        page = client.get(URL).content.decode()
    assert page.count("<section") == 4
