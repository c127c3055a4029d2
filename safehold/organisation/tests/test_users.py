"""The organisation admin manages the users of the organisation and their roles."""

from django.core import mail

from safehold.accounts.models import Membership, User
from safehold.accounts.services import token_create
from safehold.audit.models import AuditEvent


def test_only_organisation_admins_manage_users(caseworker, team_lead, auditor, org_admin, client_for):
    for user in (caseworker, team_lead, auditor):
        assert client_for(user).get("/organisation/users/").status_code == 403
    assert client_for(org_admin).get("/organisation/users/").status_code == 200


def test_an_admin_adds_a_caseworker_who_gets_a_link_to_set_a_password(org_admin, team, client_for):
    response = client_for(org_admin).post("/organisation/users/", {
        "username": "neu", "first_name": "Nina", "last_name": "Neu", "email": "nina@example.org",
        "roles": ["caseworker"], "member_of": [team.pk],
    })
    assert response.status_code == 302
    user = User.objects.get(username="neu")
    assert user.organisation_id == org_admin.organisation_id
    # The role waits for a second person (test_grants.py): the user exists, with no role yet.
    assert not Membership.objects.filter(user=user).exists()
    assert list(user.role_grants.values_list("role", "team_id", "status")) == [("caseworker", team.pk, "pending")]
    assert len(mail.outbox) == 1 and "nina@example.org" in mail.outbox[0].to
    assert AuditEvent.objects.filter(action="create", object_type="accounts.user", object_id=str(user.pk)).exists()


def test_a_team_lead_needs_a_team(org_admin, client_for):
    response = client_for(org_admin).post("/organisation/users/", {"username": "lead", "roles": ["team_lead"]})
    assert response.status_code == 400
    assert "leads" in response.context["form"].errors
    assert not User.objects.filter(username="lead").exists()


def test_a_taken_user_name_is_refused_next_to_the_field(org_admin, caseworker, client_for):
    response = client_for(org_admin).post("/organisation/users/", {"username": "ALICE", "roles": ["auditor"]})
    assert "username" in response.context["form"].errors


def test_an_admin_changes_roles_and_deactivates(org_admin, colleague, team, client_for):
    response = client_for(org_admin).post(f"/organisation/users/{colleague.pk}/", {
        "first_name": "Bob", "last_name": "B", "email": "", "roles": ["auditor"], "is_active": "",
    })
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_active
    assert list(colleague.memberships.values_list("role", "team_id")) == [("auditor", None)]
    event = AuditEvent.objects.get(action="update", object_type="accounts.user")
    assert set(event.changed_fields) == {"first_name", "last_name", "email", "is_active", "roles"}


def test_disabling_a_user_revokes_their_tokens_and_ends_their_sessions(org_admin, colleague, client_for):
    token, _key = token_create(user=colleague)
    client_for(org_admin).post(f"/organisation/users/{colleague.pk}/", {
        "first_name": "Bob", "last_name": "B", "email": "", "roles": ["auditor"], "is_active": "",
    })
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="sessions_ended", object_id=str(colleague.pk)).exists()


def test_admins_cannot_lock_themselves_out(org_admin, client_for):
    response = client_for(org_admin).post(f"/organisation/users/{org_admin.pk}/", {
        "first_name": "", "last_name": "", "email": "", "roles": ["auditor"], "is_active": "on"})
    assert response.status_code == 400
    assert org_admin.memberships.filter(role="org_admin").exists()


def test_users_of_another_organisation_are_not_found(org_admin, stranger, client_for):
    assert client_for(org_admin).get(f"/organisation/users/{stranger.pk}/").status_code == 404


def test_an_admin_cannot_give_themselves_access_to_cases(org_admin, team, client_for):
    response = client_for(org_admin).post(f"/organisation/users/{org_admin.pk}/", {
        "first_name": "", "last_name": "", "email": "", "roles": ["org_admin", "team_lead"], "leads": [team.pk],
        "is_active": "on"})
    assert response.status_code == 400
    assert "roles" in response.context["form"].errors
    assert list(org_admin.memberships.values_list("role", flat=True)) == ["org_admin"]


def test_a_team_lead_can_lead_several_teams_and_keeps_them_on_edit(org_admin, organisation, colleague, team,
                                                                   client_for):
    from safehold.testing.factories import TeamFactory

    second = TeamFactory(organisation=organisation, name="ASD Süd")
    client = client_for(org_admin)
    data = {"first_name": "Bob", "last_name": "", "email": "", "roles": ["team_lead", "team_lead"],
            "leads": [team.pk, second.pk], "is_active": "on"}
    assert client.post(f"/organisation/users/{colleague.pk}/", data).status_code == 302
    # Leading waits for a second person (test_grants.py); the form shows the roles waiting as the user's.
    assert set(colleague.role_grants.values_list("role", "team_id")) == {("team_lead", team.pk),
                                                                         ("team_lead", second.pk)}
    form = client.get(f"/organisation/users/{colleague.pk}/").context["form"]
    assert set(form.initial["leads"]) == {team.pk, second.pk}


def test_saving_a_user_unchanged_keeps_leading_and_working_in_different_teams(org_admin, organisation,
                                                                                 colleague, team, client_for):
    from safehold.accounts.models import Membership
    from safehold.testing.factories import TeamFactory

    second = TeamFactory(organisation=organisation, name="ASD Süd")
    colleague.memberships.all().delete()
    Membership.objects.create(user=colleague, role="team_lead", team=team)
    Membership.objects.create(user=colleague, role="caseworker", team=second)
    client = client_for(org_admin)
    initial = client.get(f"/organisation/users/{colleague.pk}/").context["form"].initial
    data = {"first_name": "Renamed", "last_name": "", "email": "", "roles": initial["roles"],
            "member_of": initial["member_of"], "leads": initial["leads"], "is_active": "on"}
    assert client.post(f"/organisation/users/{colleague.pk}/", data).status_code == 302
    assert set(colleague.memberships.values_list("role", "team_id")) == {("team_lead", team.pk),
                                                                         ("caseworker", second.pk)}


def test_changing_someone_s_e_mail_tells_the_old_address(org_admin, caseworker, client_for):
    client_for(org_admin).post(f"/organisation/users/{caseworker.pk}/", {
        "first_name": caseworker.first_name, "last_name": caseworker.last_name, "email": "new@example.org",
        "roles": ["caseworker"], "is_active": "on"})
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "olga" in mail.outbox[0].body or org_admin.get_full_name() in mail.outbox[0].body
