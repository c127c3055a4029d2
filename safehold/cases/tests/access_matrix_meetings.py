"""The access matrix's rows for the meetings tool (see access_matrix.py, TOOL_MATRICES): what the assigned
caseworker, the consultant, the team lead and the auditor get on GET for each of its case-scoped URLs, the
bodies its API writes take, and one of each thing it keeps on a case (`fill`)."""

from __future__ import annotations

from safehold.accounts.models import User
from safehold.cases.models import Case, Person

#                           caseworker consultant team_lead auditor
EXPECTED: dict[str, tuple[int, int, int, int]] = {}
VALID_BODIES: dict[tuple[str, str], dict] = {}
VALID_BODIES_BY_ROUTE: dict[tuple[str, str], dict] = {}


def fill(case: Case, caseworker: User, *, child: Person, parent: Person, word: str) -> dict[str, int | str]:
    """Put one of each thing of the tool on the case, as `caseworker`; `word` goes into every text (the matrix
    checks that another case's words never show). Returns the URL parameters naming them."""
    return {}
