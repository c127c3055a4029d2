"""The access matrix's rows for the screening tool (see access_matrix.py, TOOL_MATRICES): what the assigned
caseworker, the consultant, the team lead and the auditor get on GET for each of its case-scoped URLs, the
bodies its API writes take, and one screening on a case (`fill`)."""

from __future__ import annotations

from datetime import date

from safehold.accounts.models import User
from safehold.cases.models import Case, Person
from safehold.screening import rules, services

#                           caseworker consultant team_lead auditor
EXPECTED: dict[str, tuple[int, int, int, int]] = {
    "screening:list":              (200, 200, 200, 403),
    "screening:create":            (200, 200, 200, 403),
    "screening:detail":            (200, 200, 200, 403),
    "screening:edit":              (200, 200, 200, 403),
    "screening:decide":            (200, 200, 200, 403),
    "screening:lead_decide":       (403, 403, 200, 403),  # the team lead's (Perm.APPROVE)
    "api-v1:list_screenings":      (200, 200, 200, 403),
    "api-v1:create_screening":     (200, 200, 200, 403),  # GET on the same path lists
    "api-v1:get_screening":        (200, 200, 200, 403),
    "api-v1:patch_screening":      (200, 200, 200, 403),  # GET on the same path reads
}
VALID_BODIES: dict[tuple[str, str], dict] = {}
VALID_BODIES_BY_ROUTE: dict[tuple[str, str], dict] = {
    ("post", "api-v1:list_screenings"): {"screened_on": "2026-01-12"},
    ("post", "api-v1:create_screening"): {"screened_on": "2026-01-12"},
    ("patch", "api-v1:get_screening"): {"version": 1, "note": "Intruder"},
    ("patch", "api-v1:patch_screening"): {"version": 1, "note": "Intruder"},
}


def fill(case: Case, caseworker: User, *, child: Person, parent: Person, word: str) -> dict[str, int | str]:
    """One complete screening of the child, as `caseworker`; `word` is in its note and every evidence."""
    answers = {item: {"answer": rules.YES if item in rules.CRITERIA else rules.NO, "voice": f"person:{parent.pk}",
                      "evidence": f"Said about {word}"} for item in rules.ITEMS}
    screening = services.screening_create(actor=caseworker, case=case, screened_on=date(2025, 1, 6),
                                          child=child.pk, note=f"Screened because of {word}", answers=answers)
    return {"screening_id": screening.pk}
