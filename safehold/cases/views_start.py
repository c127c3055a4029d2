"""The start page ("my work"): the user's open cases, their team's cases, and what needs attention; and the
whole of what needs attention on a page of its own."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safehold.accounts.selectors import user_context
from safehold.audit.services import audit_list
from safehold.cases.sections import attention_for, most_urgent
from safehold.cases.selectors import my_cases, team_cases
from safehold.core.http import AuthedRequest

# What the start page shows; the rest is a link away. Every case shown is rendered and recorded (audit), and a
# team lead's team has hundreds of open cases and reports well over a hundred items that need attention. A
# worker's own open cases (15 to 40) all fit; their team's other cases are a page of the case list; of what needs
# attention the most urgent of each kind and then of all (sections.most_urgent).
MY_CASES_ON_START = 50
TEAM_CASES_ON_START = 25
ATTENTION_ON_START = 20


@login_required
@require_GET
def my_work(request: AuthedRequest) -> HttpResponse:
    ctx = user_context(request.user)
    cases = list(my_cases(user=request.user)[:MY_CASES_ON_START])
    other_team_cases = list(team_cases(user=request.user)[:TEAM_CASES_ON_START + 1])  # one more: is there more?
    more_team_cases = len(other_team_cases) > TEAM_CASES_ON_START
    other_team_cases = other_team_cases[:TEAM_CASES_ON_START]
    attention = attention_for(request.user)
    shown_attention = most_urgent(attention, ATTENTION_ON_START)
    if ctx.does_case_work:
        shown = {case.pk: case for case in [*cases, *other_team_cases, *(item.case for item in shown_attention)]}
        audit_list(actor=request.user, cases=shown.values())
    # The rest of the team's cases: the case list of the team they lead (of all they may see if several).
    led = sorted(ctx.led_team_ids)
    team_filter = f"?team={led[0]}" if len(led) == 1 else ""
    return render(request, "cases/my_work.html", {
        "does_case_work": ctx.does_case_work, "cases": cases, "team_cases": other_team_cases,
        "more_team_cases": more_team_cases, "team_filter": team_filter,
        "attention": shown_attention, "attention_total": len(attention),
    })


@login_required
@require_GET
def attention_page(request: AuthedRequest) -> HttpResponse:
    """Everything that needs the user's attention, most urgent first."""
    attention = attention_for(request.user)
    if user_context(request.user).does_case_work:
        shown = {item.case.pk: item.case for item in attention}
        audit_list(actor=request.user, cases=shown.values(), object_type="cases.attention")
    return render(request, "cases/attention.html", {"attention": attention})
