"""`manage.py apply_retention [--dry-run] [--organisation ID]`."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from safehold.cases.models import Case
from safehold.retention.models import RetentionRules
from safehold.retention.selectors import years_before
from safehold.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_cases(organisation, other_organisation):
    RetentionRules.objects.create(organisation=organisation, closed_case_years=5, audit_years=20)
    RetentionRules.objects.create(organisation=other_organisation, closed_case_years=5)
    closed_on = years_before(timezone.localdate(), 5) - timedelta(days=3)
    ours = CaseFactory(organisation=organisation, status="closed", closed_on=closed_on, reference="JA-2019-0042",
                       family_name="Sørensen")
    theirs = CaseFactory(organisation=other_organisation, status="closed", closed_on=closed_on,
                         reference="RK-2019-0001")
    return ours, theirs


def test_the_dry_run_lists_references_and_closing_dates_and_deletes_nothing(old_cases):
    ours, theirs = old_cases

    out = _run("--dry-run")

    assert f"JA-2019-0042 (closed {ours.closed_on:%Y-%m-%d})" in out and "RK-2019-0001" in out
    assert "would delete 1" in out and "audit records written before" in out
    assert "Sørensen" not in out
    assert Case.objects.filter(pk__in=[ours.pk, theirs.pk]).count() == 2


def test_the_run_for_one_organisation_deletes_its_cases_alone(old_cases, organisation):
    ours, theirs = old_cases

    out = _run("--organisation", str(organisation.pk))

    assert "deleted 1" in out and "JA-2019-0042" in out and "RK-2019-0001" not in out
    assert not Case.objects.filter(pk=ours.pk).exists()
    assert Case.objects.filter(pk=theirs.pk).exists()


def test_without_any_rules_the_command_says_so(db):
    assert "nothing to do" in _run()
