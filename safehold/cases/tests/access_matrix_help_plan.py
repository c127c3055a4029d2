"""The access matrix's rows for the Hilfeplan of a care-plan meeting (see access_matrix.py, TOOL_MATRICES): what
the assigned caseworker, the consultant, the team lead and the auditor get on GET for each of its case-scoped
URLs, the bodies its API writes take, and one of each thing it keeps on a case (`fill`).

It writes the plan on the care-plan meeting the meetings' rows put on the case (access_matrix_meetings runs
first in TOOL_MATRICES), so that the meeting's id is the same for every URL under it."""

from __future__ import annotations

from safehold.accounts.models import User
from safehold.cases.models import Case, LegalBasis, Person
from safehold.meetings import services as meetings
from safehold.meetings.models import Meeting
from safehold.perspective import help_plans

#                           caseworker consultant team_lead auditor
EXPECTED: dict[str, tuple[int, int, int, int]] = {
    "help_plan:detail":                    (200, 200, 200, 403),
    "help_plan:edit":                      (200, 200, 200, 403),
    "help_plan:sign_off":                  (200, 200, 200, 403),
    "help_plan:sign_off_withdraw":         (405, 405, 405, 405),
    "help_plan:pdf":                       (200, 200, 200, 403),
    "api-v1:get_help_plan":                (200, 200, 200, 403),
    "api-v1:put_help_plan":                (200, 200, 200, 403),  # GET on the same path reads
    "api-v1:create_help_plan_sign_off":    (405, 405, 405, 405),
    "api-v1:delete_help_plan_sign_off":    (405, 405, 405, 405),
    "api-v1:help_plan_pdf":                (200, 200, 200, 403),
}
VALID_BODIES: dict[tuple[str, str], dict] = {}
VALID_BODIES_BY_ROUTE: dict[tuple[str, str], dict] = {
    ("put", "api-v1:get_help_plan"): {"version": 1, "child": "<person_id>", "help": "Intruder"},
    ("put", "api-v1:put_help_plan"): {"version": 1, "child": "<person_id>", "help": "Intruder"},
    ("post", "api-v1:create_help_plan_sign_off"): {"signer": "person:<parent_id>", "how": "phone"},
}


def fill(case: Case, caseworker: User, *, child: Person, parent: Person, word: str) -> dict[str, int | str]:
    """Put one of each thing of the tool on the case, as `caseworker`; `word` goes into every text (the matrix
    checks that another case's words never show). Returns the URL parameters naming them."""
    meeting = Meeting.objects.filter(case=case, kind="care_plan").order_by("pk").first()
    if meeting is None:
        meeting = meetings.meeting_record(actor=caseworker, case=case, kind="care_plan", held_on=case.opened_on,
                                          participants=[meetings.ParticipantInput(voice=f"person:{parent.pk}")])
    basis = LegalBasis.objects.filter(organisation=case.organisation, code="SGB VIII § 27").first() or \
        LegalBasis.objects.create(organisation=case.organisation, code="SGB VIII § 27", label="Hilfe zur Erziehung",
                                  country="DE")
    plan = help_plans.help_plan_save(
        actor=caseworker, case=case, meeting=meeting, expected_version=None, child=child.pk,
        situation=f"Situation {word}", goals=f"Goal {word}", help=f"Help {word}", provider=f"Provider {word}",
        legal_bases=[basis.pk]).plan
    sign_off = help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan,
                                             signer=f"person:{parent.pk}", how="in_person")
    return {"meeting_id": meeting.pk, "sign_off_id": sign_off.pk}
