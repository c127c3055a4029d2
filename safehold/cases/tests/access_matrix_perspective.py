"""The access matrix's rows for the perspective tool (see access_matrix.py, TOOL_MATRICES): what the assigned
caseworker, the consultant, the team lead and the auditor get on GET for each of its case-scoped URLs, the
bodies its API writes take, and one of each thing it keeps on a case (`fill`)."""

from __future__ import annotations

from datetime import date

from safehold.accounts.models import User
from safehold.cases.models import Case, Person
from safehold.perspective import services

#                           caseworker consultant team_lead auditor
EXPECTED: dict[str, tuple[int, int, int, int]] = {
    "perspective:placements":                 (200, 200, 200, 403),
    "perspective:placement_create":           (200, 200, 200, 403),
    "perspective:placement_detail":           (200, 200, 200, 403),
    "perspective:placement_edit":             (200, 200, 200, 403),
    "perspective:contact_create":             (200, 200, 200, 403),
    "perspective:contact_detail":             (200, 200, 200, 403),
    "perspective:contact_edit":               (200, 200, 200, 403),
    "perspective:placement_delete":           (200, 200, 200, 403),  # GET asks for confirmation
    "perspective:contact_delete":             (200, 200, 200, 403),  # GET asks for confirmation
    "perspective:placement_timeline_svg":     (200, 200, 200, 403),
    "api-v1:list_placements":                 (200, 200, 200, 403),
    "api-v1:create_placement":                (200, 200, 200, 403),  # GET on the same path lists
    "api-v1:get_placement":                   (200, 200, 200, 403),
    "api-v1:patch_placement":                 (200, 200, 200, 403),
    "api-v1:list_placement_contacts":         (200, 200, 200, 403),
    "api-v1:create_placement_contact":        (200, 200, 200, 403),
    "api-v1:get_placement_contact":           (200, 200, 200, 403),
    "api-v1:patch_placement_contact":         (200, 200, 200, 403),
    "api-v1:delete_placement":                (200, 200, 200, 403),  # GET on the same path reads
    "api-v1:delete_placement_contact":        (200, 200, 200, 403),  # GET on the same path reads
    "api-v1:placement_timeline_svg":          (200, 200, 200, 403),
    "perspective:assignments":                (200, 200, 200, 403),
    "perspective:assignment_create":          (200, 200, 200, 403),
    "perspective:assignment_detail":          (200, 200, 200, 403),
    "perspective:assignment_edit":            (200, 200, 200, 403),
    "perspective:assignment_delete":          (200, 200, 200, 403),  # GET asks for confirmation
    "api-v1:list_clarification_assignments":  (200, 200, 200, 403),
    "api-v1:create_clarification_assignment": (200, 200, 200, 403),  # GET on the same path lists
    "api-v1:get_clarification_assignment":    (200, 200, 200, 403),
    "api-v1:patch_clarification_assignment":  (200, 200, 200, 403),
    "api-v1:delete_clarification_assignment": (200, 200, 200, 403),  # GET on the same path reads
    "perspective:recommendation":             (200, 200, 200, 403),
    "perspective:recommendation_edit":        (200, 200, 200, 403),
    "perspective:recommendation_delete":      (200, 200, 200, 403),  # GET asks for confirmation
    "api-v1:get_placement_recommendation":    (200, 200, 200, 403),
    "api-v1:put_placement_recommendation":    (200, 200, 200, 403),  # GET on the same path reads
    "api-v1:delete_placement_recommendation": (200, 200, 200, 403),  # GET on the same path reads
}
VALID_BODIES: dict[tuple[str, str], dict] = {}
VALID_BODIES_BY_ROUTE: dict[tuple[str, str], dict] = {
    ("post", "api-v1:list_placements"): {"child": "<person_id>", "setting": "kinship", "starts_on": "2030-01-01"},
    ("post", "api-v1:create_placement"): {"child": "<person_id>", "setting": "kinship", "starts_on": "2030-01-01"},
    ("patch", "api-v1:get_placement"): {"version": 1, "note": "Intruder"},
    ("patch", "api-v1:patch_placement"): {"version": 1, "note": "Intruder"},
    ("patch", "api-v1:delete_placement"): {"version": 1, "note": "Intruder"},
    ("post", "api-v1:list_placement_contacts"): {"on": "2025-01-10"},
    ("post", "api-v1:create_placement_contact"): {"on": "2025-01-10"},
    ("patch", "api-v1:get_placement_contact"): {"version": 1, "place": "Intruder"},
    ("patch", "api-v1:patch_placement_contact"): {"version": 1, "place": "Intruder"},
    ("patch", "api-v1:delete_placement_contact"): {"version": 1, "place": "Intruder"},
    ("post", "api-v1:list_clarification_assignments"): {"question": "Intruder"},
    ("post", "api-v1:create_clarification_assignment"): {"question": "Intruder"},
    ("patch", "api-v1:get_clarification_assignment"): {"version": 1, "question": "Intruder"},
    ("patch", "api-v1:patch_clarification_assignment"): {"version": 1, "question": "Intruder"},
    ("patch", "api-v1:delete_clarification_assignment"): {"version": 1, "question": "Intruder"},
    ("put", "api-v1:get_placement_recommendation"): {"version": 1, "option": "other", "reasons": "Intruder"},
    ("put", "api-v1:put_placement_recommendation"): {"version": 1, "option": "other", "reasons": "Intruder"},
    ("put", "api-v1:delete_placement_recommendation"): {"version": 1, "option": "other", "reasons": "Intruder"},
}


def fill(case: Case, caseworker: User, *, child: Person, parent: Person, word: str) -> dict[str, int | str]:
    """Put one of each thing of the tool on the case, as `caseworker`; `word` goes into every text (the matrix
    checks that another case's words never show). Returns the URL parameters naming them."""
    placement = services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                          starts_on=date(2025, 1, 6), time_frame_months=6,
                                          youth_office_contact=f"Jugendamt {word}")
    contact = services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2025, 1, 13),
                                      status="held", present=[parent.pk], place=f"Familienzentrum {word}",
                                      strengths=f"They played {word} together")
    assignment = services.assignment_create(actor=caseworker, case=case, question=f"Can {word} read the signals?",
                                            commissioned_by=f"Jugendamt {word}", status="answered",
                                            findings=f"Yes, {word}", contacts=[contact.pk])
    services.recommendation_save(actor=caseworker, case=case, placement=placement, expected_version=None,
                                 option="return_home", help_needed=f"Family help {word}",
                                 reasons=f"Because {word}", parents_view=f"We agree {word}",
                                 assignments=[assignment.pk], contacts=[contact.pk])
    return {"placement_id": placement.pk, "contact_visit_id": contact.pk, "clarification_id": assignment.pk}
