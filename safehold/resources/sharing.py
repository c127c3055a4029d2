"""Sharing the directory with a partner organisation, and who edits it: the organisation admin's settings.

A share is offered by the owner's admin and holds once the partner's admin accepted it; either side ends it.
Each change is audited in the organisations it concerns: the one whose offers become visible (or stop being)
and the one whose workers read them. The reads the settings page needs live here beside the changes, scoped by
the admin's organisation (a share of other organisations answers 404).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.accounts.models import Organisation, User
from safehold.accounts.selectors import require_org_admin
from safehold.audit.services import Action, audit_record
from safehold.core.ids import as_pk, pk_or_404
from safehold.core.validation import Errors
from safehold.resources.access import EDITOR_ROLE_CHOICES
from safehold.resources.models import DirectoryShare

# --- reads ---------------------------------------------------------------------------------------------------


def share_partners(user: User) -> QuerySet[Organisation]:
    """The organisations an admin may offer the directory to: every other one, by name."""
    return Organisation.objects.exclude(pk=require_org_admin(user)).order_by("name", "id")


def shares_given(user: User) -> QuerySet[DirectoryShare]:
    return (DirectoryShare.objects.filter(owner_id=require_org_admin(user)).select_related("partner")
            .order_by("partner__name", "id"))


def shares_received(user: User) -> QuerySet[DirectoryShare]:
    return (DirectoryShare.objects.filter(partner_id=require_org_admin(user)).select_related("owner")
            .order_by("owner__name", "id"))


def admin_share(user: User, share_id: object) -> DirectoryShare:
    """A share the admin's organisation gives or receives; 404 for any other."""
    organisation_id = require_org_admin(user)
    return get_object_or_404(DirectoryShare.objects.filter(Q(owner_id=organisation_id)
                                                           | Q(partner_id=organisation_id)),
                             pk=pk_or_404(share_id))


# --- changes -------------------------------------------------------------------------------------------------


@transaction.atomic
def directory_share_offer(*, actor: User, partner_id: object) -> DirectoryShare:
    """Offer the admin's directory to another organisation; it holds once that one's admin accepts."""
    organisation_id = require_org_admin(actor)
    errors = Errors()
    pk = as_pk(partner_id)
    if pk is None:
        errors.add("partner", _("Choose the organisation to share the directory with."))
    elif pk == organisation_id:
        errors.add("partner", _("Choose another organisation than your own."))
    elif not Organisation.objects.filter(pk=pk).exists():
        errors.add("partner", _("Choose the organisation to share the directory with."))
    elif DirectoryShare.objects.filter(owner_id=organisation_id, partner_id=pk).exists():
        errors.add("partner", _("The directory is shared with this organisation already, or offered to it."))
    errors.raise_if_any()
    assert pk is not None  # refused above otherwise
    share = DirectoryShare.objects.create(owner_id=organisation_id, partner_id=pk, offered_by=actor)
    audit_record(actor=actor, action=Action.CREATE, obj=share, organisation_id=organisation_id)
    return share


@transaction.atomic
def directory_share_accept(*, actor: User, share: DirectoryShare) -> None:
    """The partner's admin agrees: from now on the partner's workers read the owner's offers."""
    organisation_id = require_org_admin(actor)
    share = DirectoryShare.objects.select_for_update().get(pk=share.pk)
    if share.partner_id != organisation_id:
        raise PermissionDenied
    if share.agreed:
        return
    share.accepted_at = timezone.now()
    share.accepted_by = actor
    share.save(update_fields=["accepted_at", "accepted_by"])
    for side in (share.partner_id, share.owner_id):
        audit_record(actor=actor, action=Action.UPDATE, obj=share, organisation_id=side,
                     changed_fields=["accepted_at"])


@transaction.atomic
def directory_share_end(*, actor: User, share: DirectoryShare) -> None:
    """Either side ends the share (or withdraws or declines an offer): the partner no longer reads the offers."""
    organisation_id = require_org_admin(actor)
    if organisation_id not in (share.owner_id, share.partner_id):
        raise PermissionDenied
    for side in (share.owner_id, share.partner_id):
        audit_record(actor=actor, action=Action.DELETE, obj=share, organisation_id=side)
    DirectoryShare.objects.filter(pk=share.pk).delete()


@transaction.atomic
def directory_editors_set(*, actor: User, roles: Iterable[str]) -> list[str]:
    """Which roles edit the directory beside the organisation admins; returns the changed field's name or []."""
    organisation_id = require_org_admin(actor)
    errors = Errors()
    chosen = list(roles) if not isinstance(roles, str) else [roles]
    if any(role not in EDITOR_ROLE_CHOICES for role in chosen):
        errors.add("roles", _("Choose among the listed roles."))
    errors.raise_if_any()
    value = ",".join(role for role in EDITOR_ROLE_CHOICES if role in chosen)
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    if organisation.directory_editor_roles == value:
        return []
    organisation.directory_editor_roles = value
    organisation.save(update_fields=["directory_editor_roles"])
    audit_record(actor=actor, action=Action.UPDATE, obj=organisation, organisation_id=organisation_id,
                 changed_fields=["directory_editor_roles"])
    return ["directory_editor_roles"]

