from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases import services
from safehold.cases.access import CaseClosed, Perm, access_case, case_permissions
from safehold.cases.models import Case, CaseAssignment, CaseStatus, Outcome, StatusChange
from safehold.core.versioning import ConflictError
from safehold.testing.factories import LegalBasisFactory, TeamFactory


def _load(user, case, perm=Perm.CHANGE):
    return access_case(user, case.pk, perm)[0]


def test_opening_a_case_assigns_the_worker_and_records_it(caseworker, team):
    case = services.case_create(actor=caseworker, reference=" JA-1 ", family_name="Becker", team=team.pk)
    assert case.reference == "JA-1"
    assert case.status == CaseStatus.REFERRAL
    assert list(case.assignments.values_list("user_id", "role")) == [(caseworker.pk, "caseworker")]
    assert case.status_changes.get().to_status == CaseStatus.REFERRAL
    event = AuditEvent.objects.get(action="create", case=case)
    assert event.actor == caseworker
    assert {"reference", "family_name", "team"} <= set(event.changed_fields)


def test_references_are_unique_within_an_organisation_only(caseworker, stranger, case):
    with pytest.raises(ValidationError) as error:
        services.case_create(actor=caseworker, reference=case.reference, family_name="X")
    assert "reference" in error.value.message_dict
    other = services.case_create(actor=stranger, reference=case.reference, family_name="X")
    assert other.organisation_id != case.organisation_id


def test_only_caseworkers_and_team_leads_open_cases(org_admin, auditor, consultant):
    for user in (org_admin, auditor, consultant):
        with pytest.raises(PermissionDenied):
            services.case_create(actor=user, reference="R", family_name="X")
    assert not Case.objects.exists()


def test_a_legal_basis_or_team_of_another_organisation_is_refused(caseworker, other_organisation):
    foreign_basis = LegalBasisFactory(organisation=other_organisation)
    foreign_team = TeamFactory(organisation=other_organisation)
    with pytest.raises(ValidationError) as error:
        services.case_create(actor=caseworker, reference="R", family_name="X", legal_basis=foreign_basis.pk,
                             team=foreign_team.pk)
    assert set(error.value.message_dict) == {"legal_basis", "team"}


def test_an_opening_date_in_the_future_is_refused(caseworker):
    with pytest.raises(ValidationError) as error:
        services.case_create(actor=caseworker, reference="R", family_name="X",
                             opened_on=timezone.localdate() + timedelta(days=1))
    assert "opened_on" in error.value.message_dict


def test_updating_records_exactly_the_changed_fields(caseworker, case):
    changed = services.case_update(actor=caseworker, case=_load(caseworker, case), expected_version=case.version,
                                   family_name="Sørensen-Holm", summary="Neue Meldung")
    assert changed == ["family_name", "summary"]
    case.refresh_from_db()
    assert case.version == 2
    assert case.search_key == "ja-2026-0001 sorensen-holm"
    assert AuditEvent.objects.get(action="update", case=case).changed_fields == ["family_name", "summary"]


def test_a_save_based_on_an_old_version_is_refused_and_keeps_the_newer_one(caseworker, consultant, case):
    first = _load(caseworker, case)
    second = _load(consultant, case)
    services.case_update(actor=caseworker, case=first, expected_version=1, family_name="Version A")
    with pytest.raises(ConflictError) as conflict:
        services.case_update(actor=consultant, case=second, expected_version=1, family_name="Version B")
    assert conflict.value.current.family_name == "Version A"
    case.refresh_from_db()
    assert case.family_name == "Version A"
    assert AuditEvent.objects.filter(action="update", case=case).count() == 1


def test_only_the_team_lead_moves_a_case_to_another_team(caseworker, team_lead, case, organisation):
    other_team = TeamFactory(organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.case_update(actor=caseworker, case=_load(caseworker, case), expected_version=1, team=other_team.pk)
    services.case_update(actor=team_lead, case=_load(team_lead, case), expected_version=1, team=other_team.pk)
    case.refresh_from_db()
    assert case.team == other_team


def test_a_case_moves_only_along_the_allowed_path(caseworker, case):
    with pytest.raises(ValidationError) as error:
        services.case_transition(actor=caseworker, case=_load(caseworker, case), to_status=CaseStatus.MONITORING)
    assert "status" in error.value.message_dict
    for status in (CaseStatus.ASSESSMENT, CaseStatus.SAFETY_PLANNING, CaseStatus.MONITORING,
                   CaseStatus.SAFETY_PLANNING):
        services.case_transition(actor=caseworker, case=_load(caseworker, case), to_status=status)
    case.refresh_from_db()
    assert case.status == CaseStatus.SAFETY_PLANNING
    assert [c.to_status for c in StatusChange.objects.filter(case=case)] == [
        "assessment", "safety_planning", "monitoring", "safety_planning"]


def test_closing_needs_an_outcome(caseworker, case):
    with pytest.raises(ValidationError) as error:
        services.case_transition(actor=caseworker, case=_load(caseworker, case), to_status=CaseStatus.CLOSED)
    assert "outcome" in error.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRAL


def test_closing_records_outcome_and_date(caseworker, case):
    services.case_transition(actor=caseworker, case=_load(caseworker, case), to_status=CaseStatus.CLOSED,
                             outcome=Outcome.STAYED_HOME, note="Plan hält seit drei Monaten.")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_on) == ("closed", "stayed_home", timezone.localdate())
    assert StatusChange.objects.filter(case=case).last().outcome == "stayed_home"


def test_an_outcome_on_an_open_case_is_refused(caseworker, case):
    with pytest.raises(ValidationError):
        services.case_transition(actor=caseworker, case=_load(caseworker, case), to_status=CaseStatus.ASSESSMENT,
                                 outcome=Outcome.PLACED)


def test_a_closed_case_is_read_only_until_reopened(caseworker, case):
    services.case_transition(actor=caseworker, case=_load(caseworker, case), to_status=CaseStatus.CLOSED,
                             outcome=Outcome.PLACED)
    closed = _load(caseworker, case, Perm.VIEW)
    with pytest.raises(CaseClosed):
        services.case_transition(actor=caseworker, case=closed, to_status=CaseStatus.ASSESSMENT)
    with pytest.raises(CaseClosed):
        services.case_update(actor=caseworker, case=closed, expected_version=closed.version, family_name="X")
    with pytest.raises(CaseClosed):
        services.person_create(actor=caseworker, case=closed, role="child", first_name="Neu")
    with pytest.raises(ValidationError) as error:
        services.case_reopen(actor=caseworker, case=closed, to_status=CaseStatus.ASSESSMENT, reason=" ")
    assert "reason" in error.value.message_dict

    services.case_reopen(actor=caseworker, case=closed, to_status=CaseStatus.ASSESSMENT, reason="Neue Meldung")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_on) == ("assessment", "", None)
    last = StatusChange.objects.filter(case=case).last()
    assert (last.from_status, last.to_status, last.note) == ("closed", "assessment", "Neue Meldung")


def test_an_open_case_cannot_be_reopened(caseworker, case):
    with pytest.raises(ValidationError, match="Only a closed case"):
        services.case_reopen(actor=caseworker, case=_load(caseworker, case), to_status="assessment", reason="x")


def test_the_policy_leaves_a_closed_case_nothing_to_change_but_reopening(caseworker, team_lead, auditor, case):
    services.case_transition(actor=caseworker, case=case, to_status=CaseStatus.CLOSED, outcome=Outcome.PLACED)
    case.refresh_from_db()
    assert case_permissions(caseworker, case) == {Perm.VIEW, Perm.REOPEN}
    assert case_permissions(team_lead, case) == {Perm.VIEW, Perm.REOPEN, Perm.ASSIGN, Perm.VIEW_ACCESS_LOG}
    assert case_permissions(auditor, case) == {Perm.VIEW_ACCESS_LOG}
    with pytest.raises(CaseClosed, match="closed"):
        access_case(caseworker, case.pk, Perm.CHANGE)
    with pytest.raises(PermissionDenied) as refused:
        access_case(auditor, case.pk, Perm.CHANGE)
    assert not isinstance(refused.value, CaseClosed)  # the auditor could not change it open either
    with pytest.raises(CaseClosed):  # nor is anything approved on it
        access_case(team_lead, case.pk, Perm.APPROVE)


def test_only_the_team_lead_of_the_case_s_team_may_approve(caseworker, consultant, team_lead, auditor, colleague,
                                                          case):
    assert [Perm.APPROVE in case_permissions(user, case)
            for user in (caseworker, consultant, team_lead, auditor, colleague)] == [False, False, True, False, False]


def test_the_team_lead_assigns_and_unassigns_workers(team_lead, caseworker, colleague, case):
    lead_case = _load(team_lead, case, Perm.ASSIGN)
    assignment = services.assignment_add(actor=team_lead, case=lead_case, user=colleague, role="consultant")
    assert _load(colleague, case, Perm.VIEW).pk == case.pk
    services.assignment_remove(actor=team_lead, case=lead_case, assignment=assignment)
    assert not CaseAssignment.objects.filter(case=case, user=colleague).exists()
    records = AuditEvent.objects.filter(case=case, changed_fields=["assignment"]).order_by("id")
    assert [(r.action, r.object_type, r.object_id) for r in records] == [
        ("create", "accounts.user", str(colleague.pk)), ("delete", "accounts.user", str(colleague.pk))]


def test_a_caseworker_cannot_assign(caseworker, colleague, case):
    with pytest.raises(PermissionDenied):
        services.assignment_add(actor=caseworker, case=_load(caseworker, case), user=colleague, role="caseworker")


def test_the_last_caseworker_of_an_open_case_cannot_be_removed(team_lead, caseworker, case):
    lead_case = _load(team_lead, case, Perm.ASSIGN)
    with pytest.raises(ValidationError):
        services.assignment_remove(actor=team_lead, case=lead_case,
                                   assignment=CaseAssignment.objects.get(case=case, user=caseworker))


def test_people_of_other_organisations_or_without_case_roles_cannot_be_assigned(team_lead, stranger, org_admin,
                                                                                case):
    lead_case = _load(team_lead, case, Perm.ASSIGN)
    for user in (stranger, org_admin):
        with pytest.raises(ValidationError):
            services.assignment_add(actor=team_lead, case=lead_case, user=user, role="caseworker")


def test_the_last_caseworker_cannot_be_demoted_to_consultant_either(team_lead, caseworker, case):
    lead_case = _load(team_lead, case, Perm.ASSIGN)
    with pytest.raises(ValidationError):
        services.assignment_add(actor=team_lead, case=lead_case, user=caseworker, role="consultant")
    assert CaseAssignment.objects.get(case=case, user=caseworker).role == "caseworker"
