"""The access matrix's values for the role grants waiting for a second person (see access_matrix.py,
TOOL_MATRICES). Grants are organisation data, not a case's: no case-scoped URLs, so no rows here; `fill` gives the
pages of waiting grants one to name, so that the matrix's checks for every other page (a login needed, no case
content shown) reach them. What a newly granted role is answered before and after its confirmation:
test_access_matrix_grants.py; who sees and decides a grant: safehold/organisation/tests/test_grant*.py."""

from __future__ import annotations

from typing import cast

from safehold.accounts.models import Role, User
from safehold.cases.models import Case, Person
from safehold.organisation.models import RoleGrant
from safehold.testing.factories import UserFactory

EXPECTED: dict[str, tuple[int, int, int, int]] = {}
VALID_BODIES: dict[tuple[str, str], dict] = {}
VALID_BODIES_BY_ROUTE: dict[tuple[str, str], dict] = {}


def fill(case: Case, caseworker: User, *, child: Person, parent: Person, word: str) -> dict[str, int | str]:
    """A user of the case's organisation granted team lead of the case's team, still waiting for confirmation."""
    granter = cast(User, UserFactory(username=f"granter-{case.pk}", organisation=case.organisation,
                                     roles=[Role.ORG_ADMIN]))
    grantee = cast(User, UserFactory(username=f"grantee-{case.pk}", organisation=case.organisation))
    grant = RoleGrant.objects.create(organisation_id=case.organisation_id, user=grantee, role=Role.TEAM_LEAD,
                                     team_id=case.team_id, granted_by=granter)
    return {"grant_id": grant.pk}
