"""The report filter takes any query and answers with a period, or with a message on a field."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from safehold.accounts.models import Team
from safehold.reports.forms import ReportFilterForm, default_period

QUERY = st.fixed_dictionaries({}, optional={
    "from": st.one_of(st.text(max_size=12), st.dates().map(str)),
    "to": st.one_of(st.text(max_size=12), st.dates().map(str)),
    "team": st.text(max_size=6),
    "publication": st.sampled_from(["", "on", "true", "0", "x"]),
})


@given(QUERY)
def test_any_query_gives_a_period_in_order_or_a_field_error(query):
    form = ReportFilterForm(query, teams=Team.objects.none())
    if form.is_valid():
        assert form.period.start <= form.period.end
    else:
        assert set(form.errors) <= {"from", "to", "team"}


def test_without_dates_the_period_is_the_last_twelve_months():
    form = ReportFilterForm({}, teams=Team.objects.none())
    assert form.is_valid()
    assert form.period == default_period()
    assert form.period.end - form.period.start == timedelta(days=364)
    assert form.period.end == timezone.localdate()


def test_one_date_alone_sets_the_other_twelve_months_away_or_to_today():
    form = ReportFilterForm({"to": "2026-06-30"}, teams=Team.objects.none())
    assert form.is_valid() and form.period.start == date(2025, 7, 1)
    form = ReportFilterForm({"from": "2026-01-01"}, teams=Team.objects.none())
    assert form.is_valid() and form.period.start == date(2026, 1, 1)


def test_a_period_of_one_day_is_allowed_and_one_ending_the_day_before_is_not():
    assert ReportFilterForm({"from": "2026-03-01", "to": "2026-03-01"}, teams=Team.objects.none()).is_valid()
    form = ReportFilterForm({"from": "2026-03-01", "to": "2026-02-28"}, teams=Team.objects.none())
    assert form.errors == {"to": ["The period must not end before it starts."]}
