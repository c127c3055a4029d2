"""Every report's audit records read in the trail as the report's title, in the reader's language, not as
"reports.<slug>" (the audit sits below the reports and names them in its own table)."""

from __future__ import annotations

from django.utils import translation

from safehold.audit.models import AuditEvent
from safehold.reports.registry import REPORTS


def test_each_report_is_named_in_the_audit_trail_by_its_title():
    for report in REPORTS:
        event = AuditEvent(object_type=f"reports.{report.SLUG}", action="view")
        with translation.override("de"):
            assert event.object_label == str(report.TITLE)
            assert not event.object_label.startswith("reports.")
