"""The access matrix's rows for the export of everything a case holds about one person (safehold/subject_access;
see access_matrix.py, TOOL_MATRICES): whoever may see the case's content may export it, the auditor may not. The
export reads what the other tools put on the case, so `fill` adds nothing of its own."""

from __future__ import annotations

from safehold.accounts.models import User
from safehold.cases.models import Case, Person

#                                  caseworker consultant team_lead auditor
EXPECTED: dict[str, tuple[int, int, int, int]] = {
    "subject_access:export_json":   (200, 200, 200, 403),
    "subject_access:export_pdf":    (200, 200, 200, 403),
    "api-v1:subject_access_json":   (200, 200, 200, 403),
    "api-v1:subject_access_pdf":    (200, 200, 200, 403),
}
VALID_BODIES: dict[tuple[str, str], dict] = {}
VALID_BODIES_BY_ROUTE: dict[tuple[str, str], dict] = {}


def fill(case: Case, caseworker: User, *, child: Person, parent: Person, word: str) -> dict[str, int | str]:
    return {}
