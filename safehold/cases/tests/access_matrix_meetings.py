"""The access matrix's rows for the meetings tool (see access_matrix.py, TOOL_MATRICES): what the assigned
caseworker, the consultant, the team lead and the auditor get on GET for each of its case-scoped URLs, the
bodies its API writes take, and one of each thing it keeps on a case (`fill`)."""

from __future__ import annotations

from safehold.accounts.models import User
from safehold.cases.models import Case, Person
from safehold.meetings import services as meetings

#                           caseworker consultant team_lead auditor
EXPECTED: dict[str, tuple[int, int, int, int]] = {
    "meetings:list":                 (200, 200, 200, 403),
    "meetings:create":               (200, 200, 200, 403),
    "meetings:detail":               (200, 200, 200, 403),
    "meetings:edit":                 (200, 200, 200, 403),
    "meetings:delete":               (200, 200, 200, 403),  # GET asks for confirmation
    "meetings:presence":             (200, 200, 200, 403),
    "meetings:professional_create":  (200, 200, 200, 403),
    "meetings:professional_delete":  (405, 405, 405, 405),
    "meetings:expectation_create":   (200, 200, 200, 403),
    "meetings:expectation_delete":   (405, 405, 405, 405),
    "meetings:agreement_create":     (200, 200, 200, 403),
    "meetings:agreement_edit":       (200, 200, 200, 403),
    "meetings:agreement_delete":     (405, 405, 405, 405),
    "api-v1:list_meetings":          (200, 200, 200, 403),
    "api-v1:create_meeting":         (200, 200, 200, 403),  # GET on the same path lists
    "api-v1:get_meeting":            (200, 200, 200, 403),
    "api-v1:patch_meeting":          (200, 200, 200, 403),
    "api-v1:delete_meeting":         (200, 200, 200, 403),  # GET on the same path reads
}
VALID_BODIES: dict[tuple[str, str], dict] = {
    ("post", "meetings"): {"kind": "network", "held_on": "2026-01-10", "professionals": [{"name": "Intruder"}]},
    ("patch", "meeting_id"): {"version": 1, "place": "Intruder"},
}
VALID_BODIES_BY_ROUTE: dict[tuple[str, str], dict] = {}


def fill(case: Case, caseworker: User, *, child: Person, parent: Person, word: str) -> dict[str, int | str]:
    """Put one of each thing of the tool on the case, as `caseworker`; `word` goes into every text (the matrix
    checks that another case's words never show). Returns the URL parameters naming them."""
    meeting = meetings.meeting_record(
        actor=caseworker, case=case, kind="care_plan", held_on=case.opened_on, place=f"Town hall ({word})",
        agenda=f"How {child.first_name} is doing at {word}",
        participants=[meetings.ParticipantInput(voice=f"person:{parent.pk}")])
    professional = meetings.professional_add(actor=caseworker, case=case, meeting=meeting,
                                             name=f"Ms {word}", organisation="Jugendamt")
    expectation = meetings.expectation_add(actor=caseworker, case=case, meeting=meeting,
                                           voice=f"person:{child.pk}", text=f"More {word} with mum")
    agreement = meetings.agreement_add(actor=caseworker, case=case, meeting=meeting,
                                       what=f"Takes {child.first_name} to {word}", who=parent.first_name)
    return {"meeting_id": meeting.pk, "professional_id": professional.pk, "expectation_id": expectation.pk,
            "meeting_agreement_id": agreement.pk}
