"""Four eyes on the roles that see case content (and the admin's own): an organisation admin grants, a second
person confirms, and until then the grant opens nothing (organisation/grants.py, organisation/access.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from safehold.accounts import services as accounts
from safehold.accounts.models import Membership, Role
from safehold.audit.models import AuditEvent
from safehold.organisation import grants
from safehold.organisation.models import RoleGrant
from safehold.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_admin(organisation):
    return UserFactory(username="otto", organisation=organisation, roles=[Role.ORG_ADMIN])


@pytest.fixture
def newcomer(organisation):
    return UserFactory(username="nina", organisation=organisation)


def _lead_grant(org_admin, newcomer, team) -> RoleGrant:
    grant = grants.grant_request(actor=org_admin, user=newcomer, role=Role.TEAM_LEAD, team=team)
    assert grant is not None
    return grant


def _roles(user) -> set[tuple[str, int | None]]:
    return set(Membership.objects.filter(user=user).values_list("role", "team_id"))


def test_an_admin_creating_a_team_lead_gives_them_nothing_until_a_second_person_confirms(
        org_admin, team, case, client_for):
    response = client_for(org_admin).post("/organisation/users/", {
        "username": "sock", "email": "admin-private@example.org", "roles": ["team_lead"], "leads": [team.pk]})
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user__username="sock")
    sock = grant.user
    assert _roles(sock) == set() and grant.status == RoleGrant.Status.PENDING
    assert client_for(sock).get(f"/cases/{case.pk}/").status_code == 404
    assert client_for(sock).get("/cases/").status_code == 403


def test_a_pending_team_lead_gets_404_on_the_team_s_case_and_200_after_confirmation(
        org_admin, team_lead, newcomer, team, case, client_for):
    grant = _lead_grant(org_admin, newcomer, team)
    assert client_for(newcomer).get(f"/cases/{case.pk}/").status_code == 404
    grants.grant_confirm(actor=team_lead, grant=grant, reason="Nina takes over the team in May.")
    assert _roles(newcomer) == {(Role.TEAM_LEAD, team.pk)}
    assert client_for(newcomer).get(f"/cases/{case.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["granter", "grantee"])
def test_neither_the_granter_nor_the_grantee_confirms(who, org_admin, newcomer, team):
    grant = _lead_grant(org_admin, newcomer, team)
    if who == "grantee":  # even when the grantee is an admin too
        Membership.objects.create(user=newcomer, role=Role.ORG_ADMIN)
    with pytest.raises(PermissionDenied):
        grants.grant_confirm(actor=org_admin if who == "granter" else newcomer, grant=grant)
    assert _roles(newcomer) <= {(Role.ORG_ADMIN, None)}


def test_only_a_lead_of_that_team_or_another_admin_confirms(org_admin, organisation, newcomer, team, caseworker,
                                                           auditor, second_admin):
    other_lead = UserFactory(organisation=organisation,
                             roles=[(Role.TEAM_LEAD, TeamFactory(organisation=organisation, name="ASD Süd"))])
    grant = _lead_grant(org_admin, newcomer, team)
    for outsider in (other_lead, caseworker, auditor):
        with pytest.raises(PermissionDenied):
            grants.grant_confirm(actor=outsider, grant=grant)
    grants.grant_confirm(actor=second_admin, grant=grant)
    assert _roles(newcomer) == {(Role.TEAM_LEAD, team.pk)}


def test_a_role_without_a_team_is_confirmed_by_another_admin_only(org_admin, team_lead, newcomer, second_admin):
    grant = grants.grant_request(actor=org_admin, user=newcomer, role=Role.CASEWORKER, team=None)
    with pytest.raises(PermissionDenied):
        grants.grant_confirm(actor=team_lead, grant=grant)
    grants.grant_confirm(actor=second_admin, grant=grant)
    assert _roles(newcomer) == {(Role.CASEWORKER, None)}


def test_a_grant_is_confirmed_once(org_admin, team_lead, second_admin, newcomer, team):
    grant = _lead_grant(org_admin, newcomer, team)
    grants.grant_confirm(actor=team_lead, grant=grant)
    with pytest.raises(PermissionDenied):
        grants.grant_confirm(actor=second_admin, grant=grant)


def test_a_second_admin_account_waits_too_so_an_admin_cannot_confirm_with_a_sock(org_admin, team, newcomer,
                                                                                 team_lead, client_for):
    admin_grant = grants.grant_request(actor=org_admin, user=newcomer, role=Role.ORG_ADMIN, team=None)
    assert client_for(newcomer).get("/organisation/users/").status_code == 403
    sock = UserFactory(organisation=newcomer.organisation)
    lead_grant = _lead_grant(org_admin, sock, team)
    with pytest.raises(PermissionDenied):  # not an admin yet
        grants.grant_confirm(actor=newcomer, grant=lead_grant)
    grants.grant_confirm(actor=team_lead, grant=admin_grant)  # a team lead may confirm a second admin
    assert _roles(newcomer) == {(Role.ORG_ADMIN, None)}


def test_the_auditor_is_never_given_a_role_that_sees_content(org_admin, auditor, team, second_admin, client_for):
    response = client_for(org_admin).post(f"/organisation/users/{auditor.pk}/", {
        "first_name": "", "last_name": "", "email": auditor.email, "roles": ["auditor", "team_lead"],
        "leads": [team.pk], "is_active": "on"})
    assert response.status_code == 400
    assert "auditor" in str(response.context["form"].errors["roles"])
    with pytest.raises(ValidationError):
        grants.grant_request(actor=org_admin, user=auditor, role=Role.TEAM_LEAD, team=team)
    assert not RoleGrant.objects.filter(user=auditor).exists()
    assert _roles(auditor) == {(Role.AUDITOR, None)}


def test_a_user_made_auditor_while_a_grant_waits_is_not_given_it(org_admin, newcomer, team, second_admin):
    grant = _lead_grant(org_admin, newcomer, team)
    Membership.objects.create(user=newcomer, role=Role.AUDITOR)  # as the Django admin could
    with pytest.raises(ValidationError):
        grants.grant_confirm(actor=second_admin, grant=grant)
    assert _roles(newcomer) == {(Role.AUDITOR, None)}


def test_the_auditor_and_a_content_role_are_refused_together_when_creating(org_admin, team, client_for):
    response = client_for(org_admin).post("/organisation/users/", {
        "username": "both", "roles": ["auditor", "caseworker"], "member_of": [team.pk]})
    assert response.status_code == 400
    assert "roles" in response.context["form"].errors


def test_a_caseworker_is_not_made_auditor_too(org_admin, caseworker, team):
    with pytest.raises(ValidationError) as refused:
        grants.user_update(actor=org_admin, user=caseworker, first_name="", last_name="", email=caseworker.email,
                           is_active=True, roles=[(Role.CASEWORKER, team), (Role.AUDITOR, None)])
    assert "auditor" in str(refused.value.message_dict["roles"])
    assert _roles(caseworker) == {(Role.CASEWORKER, team.pk)}


def test_a_set_up_command_does_not_make_an_auditor_who_sees_content_either(organisation, team):
    with pytest.raises(ValidationError):
        accounts.user_create(actor=None, organisation=organisation, username="both",
                             roles=[(Role.AUDITOR, None), (Role.CASEWORKER, team)])
    assert not Membership.objects.exists()


def test_another_admin_gives_an_admin_a_case_role_and_a_third_person_confirms(org_admin, second_admin, team,
                                                                             team_lead):
    grant = grants.grant_request(actor=second_admin, user=org_admin, role=Role.TEAM_LEAD, team=team)
    assert grant is not None
    with pytest.raises(PermissionDenied):
        grants.grant_confirm(actor=org_admin, grant=grant)
    with pytest.raises(PermissionDenied):
        grants.grant_confirm(actor=second_admin, grant=grant)
    grants.grant_confirm(actor=team_lead, grant=grant)
    assert (Role.TEAM_LEAD, team.pk) in _roles(org_admin)


def test_an_admin_cannot_grant_themselves_a_role(org_admin, team):
    with pytest.raises(ValidationError):
        grants.grant_request(actor=org_admin, user=org_admin, role=Role.TEAM_LEAD, team=team)


def test_accounts_services_never_give_a_four_eyes_role_on_an_admin_s_word(org_admin, organisation, team, colleague):
    user = accounts.user_create(actor=org_admin, organisation=organisation, username="direct",
                                roles=[(Role.TEAM_LEAD, team), (Role.AUDITOR, None)][:1])
    assert _roles(user) == set()
    accounts.user_update(actor=org_admin, user=colleague, first_name="", last_name="", email="", is_active=True,
                         roles=[(Role.CASEWORKER, team), (Role.TEAM_LEAD, team)])
    assert _roles(colleague) == {(Role.CASEWORKER, team.pk)}


def test_roles_taken_off_go_at_once(org_admin, team_lead, team, case, client_for):
    grants.user_update(actor=org_admin, user=team_lead, first_name="", last_name="", email=team_lead.email,
                       is_active=True, roles=[])
    assert _roles(team_lead) == set()
    assert client_for(team_lead).get(f"/cases/{case.pk}/").status_code == 404


def test_a_set_up_command_s_roles_take_effect_and_say_the_system_confirmed_them(organisation, team):
    user = accounts.user_create(actor=None, organisation=organisation, username="demo-lead",
                                roles=[(Role.TEAM_LEAD, team)])
    assert _roles(user) == {(Role.TEAM_LEAD, team.pk)}
    records = AuditEvent.objects.filter(object_type="accounts.user", object_id=str(user.pk))
    assert sorted(records.values_list("action", flat=True)) == ["confirm", "grant"]
    for record in records:
        assert record.actor_id is None
        assert record.detail["confirmed_by"] == "system" and record.detail["granted_by"] == "system"
        assert record.detail["role"] == "team_lead" and record.detail["team_id"] == team.pk


def test_the_grant_and_its_confirmation_name_role_team_and_both_people(org_admin, team_lead, newcomer, team):
    grant = _lead_grant(org_admin, newcomer, team)
    grants.grant_confirm(actor=team_lead, grant=grant)
    granted = AuditEvent.objects.get(action=AuditEvent.Action.GRANT, object_id=str(grant.pk))
    confirmed = AuditEvent.objects.get(action=AuditEvent.Action.CONFIRM, object_id=str(grant.pk))
    assert granted.actor == org_admin and confirmed.actor == team_lead
    assert granted.object_type == confirmed.object_type == "organisation.rolegrant"
    for record in (granted, confirmed):
        assert record.organisation_id == org_admin.organisation_id
        assert {"role": "team_lead", "team_id": team.pk, "team": "ASD Nord", "user_id": newcomer.pk,
                "user": "nina", "granted_by_id": org_admin.pk, "granted_by": "olga"}.items() <= record.detail.items()
    assert confirmed.detail["confirmed_by_id"] == team_lead.pk and confirmed.detail["confirmed_by"] == "tom"


def test_declining_needs_a_reason_and_is_recorded(org_admin, team_lead, newcomer, team):
    grant = _lead_grant(org_admin, newcomer, team)
    with pytest.raises(ValidationError) as refused:
        grants.grant_decline(actor=team_lead, grant=grant, reason="  ")
    assert "reason" in refused.value.message_dict
    grants.grant_decline(actor=team_lead, grant=grant, reason="Nina starts in the other team.")
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.DECLINED and grant.decided_by == team_lead
    assert _roles(newcomer) == set()
    record = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(grant.pk))
    assert record.detail["decision"] == "declined" and record.detail["declined_by"] == "tom"
    assert record.detail["role"] == "team_lead" and record.detail["user"] == "nina"


def test_taking_a_waiting_role_off_withdraws_it(org_admin, newcomer, team):
    grant = _lead_grant(org_admin, newcomer, team)
    grants.user_update(actor=org_admin, user=newcomer, first_name="", last_name="", email=newcomer.email,
                       is_active=True, roles=[(Role.AUDITOR, None)])
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.WITHDRAWN
    record = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(grant.pk))
    assert record.detail["decision"] == "withdrawn" and record.detail["withdrawn_by"] == "olga"


def test_saving_a_user_unchanged_keeps_a_waiting_grant_waiting(org_admin, newcomer, team):
    grant = _lead_grant(org_admin, newcomer, team)
    saved = grants.user_update(actor=org_admin, user=newcomer, first_name="", last_name="", email=newcomer.email,
                               is_active=True, roles=[(Role.TEAM_LEAD, team)])
    assert saved.waiting == []
    assert list(RoleGrant.objects.filter(user=newcomer).values_list("pk", "status")) == [(grant.pk, "pending")]


def test_a_changed_e_mail_address_sends_content_roles_back_to_waiting(org_admin, team_lead, team, case, second_admin,
                                                                      client_for):
    saved = grants.user_update(actor=org_admin, user=team_lead, first_name="", last_name="",
                               email="admin-private@example.org", is_active=True, roles=[(Role.TEAM_LEAD, team)])
    assert [(g.role, g.team_id) for g in saved.waiting] == [(Role.TEAM_LEAD, team.pk)]
    assert client_for(team_lead).get(f"/cases/{case.pk}/").status_code == 404
    assert AuditEvent.objects.get(action=AuditEvent.Action.GRANT).detail["because"] == "email_changed"
    grants.grant_confirm(actor=second_admin, grant=saved.waiting[0])
    assert client_for(team_lead).get(f"/cases/{case.pk}/").status_code == 200


def test_another_organisation_s_admin_neither_grants_nor_confirms(org_admin, stranger, newcomer, team,
                                                                  other_organisation):
    other_admin = UserFactory(organisation=other_organisation, roles=[Role.ORG_ADMIN])
    with pytest.raises(PermissionDenied):
        grants.grant_request(actor=other_admin, user=newcomer, role=Role.TEAM_LEAD, team=team)
    grant = _lead_grant(org_admin, newcomer, team)
    with pytest.raises(PermissionDenied):
        grants.grant_confirm(actor=other_admin, grant=grant)


def test_disabling_a_user_withdraws_the_grants_waiting_for_them(org_admin, newcomer, team, team_lead):
    grant = _lead_grant(org_admin, newcomer, team)
    saved = grants.user_update(actor=org_admin, user=newcomer, first_name="", last_name="", email=newcomer.email,
                               is_active=False, roles=[(Role.TEAM_LEAD, team)])
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.WITHDRAWN and grant.decided_by == org_admin
    assert saved.waiting == []
    record = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(grant.pk))
    assert record.detail["decision"] == "withdrawn" and record.detail["withdrawn_by"] == "olga"
    assert record.detail["because"] == "disabled"
    with pytest.raises(PermissionDenied):
        grants.grant_confirm(actor=team_lead, grant=grant)
    grants.user_update(actor=org_admin, user=newcomer, first_name="", last_name="", email=newcomer.email,
                       is_active=True, roles=[])
    with pytest.raises(PermissionDenied):  # nor once the account is enabled again
        grants.grant_confirm(actor=team_lead, grant=grant)
    assert _roles(newcomer) == set()


def test_a_grant_waiting_for_a_disabled_user_is_not_confirmed(org_admin, newcomer, team, team_lead):
    grant = _lead_grant(org_admin, newcomer, team)
    newcomer.is_active = False
    newcomer.save(update_fields=["is_active"])  # as the Django admin does, which leaves the grant waiting
    with pytest.raises(PermissionDenied):
        grants.grant_confirm(actor=team_lead, grant=grant)
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.PENDING
    assert _roles(newcomer) == set()
