"""Only the organisation admin opens the organisation's pages; a caseworker is refused each of them."""

import pytest
from django.urls import reverse

from safehold.cases.models import LegalBasis
from safehold.organisation.urls import urlpatterns

PAGES = ["organisation:users", "organisation:user_edit", "organisation:teams", "organisation:legal_bases",
         "organisation:scales"]
ACTIONS = ["organisation:mfa_policy", "organisation:legal_basis_toggle", "organisation:screening_policy"]


@pytest.fixture
def urls(caseworker, organisation):
    basis = LegalBasis.objects.create(organisation=organisation, code="SGB VIII § 8a", label="Schutzauftrag")
    arguments = {"organisation:user_edit": {"user_id": caseworker.pk},
                 "organisation:legal_basis_toggle": {"basis_id": basis.pk}}
    return {name: reverse(name, kwargs=arguments.get(name)) for name in PAGES + ACTIONS}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_the_admin_s_alone(name, urls, caseworker, org_admin, client_for):
    assert client_for(caseworker).get(urls[name]).status_code == 403
    assert client_for(org_admin).get(urls[name]).status_code == 200


@pytest.mark.parametrize("name", ACTIONS)
def test_each_action_is_the_admin_s_alone(name, urls, caseworker, org_admin, client_for):
    assert client_for(caseworker).post(urls[name]).status_code == 403
    assert client_for(org_admin).post(urls[name]).status_code == 302


def test_every_page_and_action_of_the_organisation_is_checked_here():
    # The roles waiting for confirmation are the team leads' too: test_grant_pages.py.
    shared = {"organisation:grants", "organisation:grant"}
    assert {f"organisation:{pattern.name}" for pattern in urlpatterns} == set(PAGES + ACTIONS) | shared
