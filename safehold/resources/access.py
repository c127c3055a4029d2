"""Who reads and who edits the directory of offers: organisation data, decided here and nowhere else.

Every member of the organisation reads its directory and the directories partner organisations share with it
(once both agreed). Organisation admins edit it, and the roles the organisation names
(`Organisation.directory_editor_roles`, team leads unless it says otherwise). An offer of another organisation
answers 404 to an edit, as any object of another organisation does."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from safehold.accounts.models import Organisation, Role, User
from safehold.accounts.selectors import user_context
from safehold.resources.models import DirectoryShare, Offer

EDITOR_ROLE_CHOICES = (Role.TEAM_LEAD, Role.CASEWORKER, Role.CONSULTANT)


def editor_roles(organisation: Organisation) -> frozenset[str]:
    named = {role for role in organisation.directory_editor_roles.split(",") if role in EDITOR_ROLE_CHOICES}
    return frozenset({Role.ORG_ADMIN, *named})


def may_read_directory(user: User) -> bool:
    context = user_context(user)
    return context.organisation_id is not None and bool(context.roles)


def may_edit_directory(user: User) -> bool:
    context = user_context(user)
    if context.organisation_id is None or user.organisation is None:
        return False
    return context.has_role(*editor_roles(user.organisation))


def require_read(user: User) -> int:
    """The organisation whose directory `user` reads; PermissionDenied if they may not."""
    if not may_read_directory(user) or user.organisation_id is None:
        raise PermissionDenied
    return user.organisation_id


def require_edit(user: User) -> int:
    """The organisation whose directory `user` edits; PermissionDenied if they may not."""
    if not may_edit_directory(user) or user.organisation_id is None:
        raise PermissionDenied
    return user.organisation_id


def sharing_organisations(organisation_id: int) -> QuerySet[DirectoryShare]:
    """The agreed shares whose offers `organisation_id` reads."""
    return DirectoryShare.objects.filter(partner_id=organisation_id, accepted_at__isnull=False)


def readable_offers(user: User) -> QuerySet[Offer]:
    """The offers `user` may read: their organisation's and those of organisations sharing with it."""
    organisation_id = require_read(user)
    # The owners read first (one small query): `organisation = X` alone, or IN a short list, lets the index on
    # (organisation, is_active, name…) give the directory's order; an OR with a subquery made PostgreSQL sort
    # all 20,000 offers of a large directory for every page (bench/offers.py).
    owners = list(sharing_organisations(organisation_id).values_list("owner_id", flat=True))
    return Offer.objects.filter(organisation_id__in=[organisation_id, *owners])


def editable_offers(user: User) -> QuerySet[Offer]:
    """The offers `user` may edit: only their own organisation's."""
    return Offer.objects.filter(organisation_id=require_edit(user))


# Needs without an offer (resources/clusters.py): figures of the organisation's or the team's cases, and the
# families' own words only where the reader may see the case.
def cluster_reach(user: User) -> tuple[int, frozenset[int] | None]:
    """The organisation and the teams whose referrals `user` sees in clusters (None: the whole organisation);
    PermissionDenied for anyone else."""
    context = user_context(user)
    if context.organisation_id is None:
        raise PermissionDenied
    if context.has_role(Role.ORG_ADMIN, Role.AUDITOR):
        return context.organisation_id, None
    if context.has_role(Role.TEAM_LEAD) and context.led_team_ids:
        return context.organisation_id, context.led_team_ids
    raise PermissionDenied


def may_see_clusters(user: User) -> bool:
    try:
        cluster_reach(user)
    except PermissionDenied:
        return False
    return True
