"""Sharing the directory (the owner's admin offers, the partner's admin accepts, either side ends) and who edits
it: only organisation admins decide, every change audited in the organisations it concerns."""

from __future__ import annotations

from typing import cast

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from safehold.accounts.models import Organisation, Role, User
from safehold.audit.models import AuditEvent
from safehold.resources import sharing
from safehold.resources.access import may_edit_directory
from safehold.resources.models import DirectoryShare
from safehold.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def their_admin(other_organisation):
    return UserFactory(username="tilde", organisation=other_organisation, roles=[Role.ORG_ADMIN])


def _refusal(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_an_admin_offers_the_directory_and_the_offer_is_audited_in_their_organisation(org_admin, organisation,
                                                                                       other_organisation):
    share = sharing.directory_share_offer(actor=org_admin, partner_id=other_organisation.pk)
    assert (share.owner, share.partner, share.offered_by, share.agreed) == (organisation, other_organisation,
                                                                            org_admin, False)
    event = AuditEvent.objects.get(object_type="resources.directoryshare")
    assert (event.action, event.organisation_id) == ("create", organisation.pk)


def test_an_offer_to_oneself_nobody_or_twice_is_refused_on_the_partner_field(org_admin, organisation,
                                                                             other_organisation):
    assert "partner" in _refusal(lambda: sharing.directory_share_offer(actor=org_admin, partner_id=organisation.pk))
    assert "partner" in _refusal(lambda: sharing.directory_share_offer(actor=org_admin, partner_id=999999))
    assert "partner" in _refusal(lambda: sharing.directory_share_offer(actor=org_admin, partner_id="x"))
    sharing.directory_share_offer(actor=org_admin, partner_id=other_organisation.pk)
    assert "partner" in _refusal(lambda: sharing.directory_share_offer(actor=org_admin,
                                                                       partner_id=other_organisation.pk))


@pytest.mark.parametrize("who", ["caseworker", "team_lead", "auditor"])
def test_only_an_organisation_admin_offers_the_directory(who, request, other_organisation):
    with pytest.raises(PermissionDenied):
        sharing.directory_share_offer(actor=request.getfixturevalue(who), partner_id=other_organisation.pk)


def test_the_partner_s_admin_accepts_and_both_organisations_record_it(org_admin, organisation, other_organisation,
                                                                      their_admin):
    share = sharing.directory_share_offer(actor=org_admin, partner_id=other_organisation.pk)
    sharing.directory_share_accept(actor=their_admin, share=share)
    share.refresh_from_db()
    assert share.agreed and share.accepted_by == their_admin
    accepted = AuditEvent.objects.filter(action="update", object_type="resources.directoryshare")
    assert sorted(accepted.values_list("organisation_id", flat=True)) == sorted([organisation.pk,
                                                                               other_organisation.pk])


def test_the_owner_does_not_accept_its_own_offer(org_admin, other_organisation):
    share = sharing.directory_share_offer(actor=org_admin, partner_id=other_organisation.pk)
    with pytest.raises(PermissionDenied):
        sharing.directory_share_accept(actor=org_admin, share=share)


@pytest.mark.parametrize("ender", ["org_admin", "their_admin"])
def test_either_side_ends_a_share_and_both_organisations_record_it(ender, request, org_admin, organisation,
                                                                   other_organisation, their_admin):
    share = sharing.directory_share_offer(actor=org_admin, partner_id=other_organisation.pk)
    sharing.directory_share_accept(actor=their_admin, share=share)
    sharing.directory_share_end(actor=request.getfixturevalue(ender), share=share)
    assert not DirectoryShare.objects.exists()
    ended = AuditEvent.objects.filter(action="delete", object_type="resources.directoryshare")
    assert sorted(ended.values_list("organisation_id", flat=True)) == sorted([organisation.pk,
                                                                            other_organisation.pk])


def test_a_third_organisation_neither_ends_nor_sees_a_share(org_admin, other_organisation):
    third_admin = cast(User, UserFactory(organisation=Organisation.objects.create(name="Dritte"),
                                         roles=[Role.ORG_ADMIN]))
    share = sharing.directory_share_offer(actor=org_admin, partner_id=other_organisation.pk)
    with pytest.raises(PermissionDenied):
        sharing.directory_share_end(actor=third_admin, share=share)
    with pytest.raises(Http404):
        sharing.admin_share(third_admin, share.pk)


def test_the_settings_lists_show_each_side_its_shares(org_admin, other_organisation, their_admin):
    share = sharing.directory_share_offer(actor=org_admin, partner_id=other_organisation.pk)
    assert list(sharing.shares_given(org_admin)) == [share] and list(sharing.shares_received(org_admin)) == []
    assert list(sharing.shares_received(their_admin)) == [share] and list(sharing.shares_given(their_admin)) == []
    assert other_organisation in sharing.share_partners(org_admin)
    assert org_admin.organisation not in sharing.share_partners(org_admin)


def test_the_admin_lets_caseworkers_edit_the_directory(org_admin, organisation, caseworker):
    assert not may_edit_directory(caseworker)
    assert sharing.directory_editors_set(actor=org_admin, roles=["caseworker", "team_lead"]) == \
        ["directory_editor_roles"]
    organisation.refresh_from_db()
    assert organisation.directory_editor_roles == "team_lead,caseworker"
    caseworker.refresh_from_db()
    assert may_edit_directory(caseworker)
    event = AuditEvent.objects.get(object_type="accounts.organisation")
    assert event.changed_fields == ["directory_editor_roles"] and event.organisation_id == organisation.pk


def test_the_same_editors_again_change_nothing_and_write_no_audit(org_admin):
    assert sharing.directory_editors_set(actor=org_admin, roles=["team_lead"]) == []
    assert not AuditEvent.objects.exists()


def test_no_role_ticked_leaves_the_directory_to_the_admins(org_admin, organisation, team_lead):
    sharing.directory_editors_set(actor=org_admin, roles=[])
    organisation.refresh_from_db()
    team_lead.refresh_from_db()
    assert organisation.directory_editor_roles == "" and not may_edit_directory(team_lead)
    assert may_edit_directory(org_admin)


def test_a_role_not_offered_is_refused(org_admin):
    assert "roles" in _refusal(lambda: sharing.directory_editors_set(actor=org_admin, roles=["auditor"]))
    assert "roles" in _refusal(lambda: sharing.directory_editors_set(actor=org_admin, roles=["org_admin"]))


def test_a_team_lead_does_not_decide_who_edits(team_lead):
    with pytest.raises(PermissionDenied):
        sharing.directory_editors_set(actor=team_lead, roles=["caseworker"])
