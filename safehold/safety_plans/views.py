"""HTML views of the 24/7 safety plan. Thin: every case through the case-view skeleton (the access policy and
the read audit), every nested record through a selector scoped by the case, every change through a service.

On the plan page the rules are edited in place with htmx: a change answers with the rules section, which
holds the coverage grid too (a rule's periods change it). The same URLs work without script (a page with the
form, and a redirect back to the plan after saving)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Field, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case, Person
from safehold.cases.selectors import case_people
from safehold.core.forms import Submitted, form_ids, submit
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.mapping.selectors import case_maps
from safehold.resources.selectors_referrals import case_referrals_brief
from safehold.safety_plans import services
from safehold.safety_plans.attention import broken_twice, review_overdue
from safehold.safety_plans.coverage import coverage
from safehold.safety_plans.forms import (
    AgreementForm,
    ApproveForm,
    CheckInForm,
    ContactForm,
    PlanForm,
    RuleForm,
    SendBackForm,
    SignOffForm,
    StoryLinkForm,
)
from safehold.safety_plans.grid import coverage_grid
from safehold.safety_plans.models import PLAN_TEXT_FIELDS, PLAN_TRANSITIONS, RUNNING, PlanStatus, Rule, SafetyPlan
from safehold.safety_plans.selectors import (
    case_danger_statements,
    case_plan,
    case_plans,
    case_stories,
    plan_agreement,
    plan_check_ins_page,
    plan_contact,
    plan_content,
    plan_rule,
    plan_rules,
    plan_worry_about,
    unanswered_statements,
)
from safehold.safety_plans.services import BEFORE_MONITORING

# The buttons that move a version on, by the status they move it to (from proposed, "draft" sends it back).
TRANSITION_LABELS: dict[str, Promise] = {
    PlanStatus.PROPOSED: gettext_lazy("Propose the plan"),
    PlanStatus.DRAFT: gettext_lazy("Send back to draft"),
    PlanStatus.APPROVED: gettext_lazy("Approve"),
    PlanStatus.ACTIVE: gettext_lazy("Put into force"),
    PlanStatus.ENDED: gettext_lazy("End the plan"),
}


def _plan_url(case: Case, plan: SafetyPlan, anchor: str = "") -> str:
    url = reverse("safety_plans:plan_detail", kwargs={"case_id": case.pk, "plan_id": plan.pk})
    return f"{url}#{anchor}" if anchor else url


def _editable(may: CasePerms, plan: SafetyPlan) -> bool:
    return may.change and plan.status == PlanStatus.DRAFT


def _label(name: str) -> str:
    return str(cast(Field, SafetyPlan._meta.get_field(name)).verbose_name)


def _messages(request: AuthedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _without_version(data: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name != "version"}


# --- the plans of a case -------------------------------------------------------------------------------

@case_view(Perm.VIEW)
def plans_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    plans = case_plans(case)[::-1]
    return render(request, "safety_plans/plans.html", {
        "case": case, "plans": plans, "editable": may.change,
        "open_plan": next((p for p in plans if p.status in (PlanStatus.DRAFT, PlanStatus.PROPOSED)), None),
    })


@case_view(Perm.CHANGE, methods=("POST",))
def plan_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    try:
        plan = services.plan_create(actor=request.user, case=case)
    except ValidationError as error:
        _messages(request, error)
        return redirect("safety_plans:plans", case_id=case.pk)
    messages.success(request, _("Plan started.") if plan.version_no == 1 else
                     _("New version started as a copy of the one before."))
    return redirect(_plan_url(case, plan))


def _rules_context(case: Case, may: CasePerms, plan: SafetyPlan, rules: list[Rule] | None = None,
                   worry_about: list[Person] | None = None) -> dict[str, Any]:
    rules = rules if rules is not None else plan_rules(plan)
    worry_about = worry_about if worry_about is not None else plan_worry_about(plan)
    grid = coverage_grid(rules, {person.pk for person in worry_about})
    return {"case": case, "plan": plan, "rules": rules, "grid": grid, "worry_about": worry_about,
            "not_counted": {rule.pk for rule in grid.not_counted},
            "editable": _editable(may, plan), "unanswered": unanswered_statements(plan, rules)}


def _transitions(may: CasePerms, plan: SafetyPlan) -> list[tuple[str, Promise]]:
    """The buttons that move the version on. Approving and sending back have forms of their own (with the
    comment and the reason), and only the team lead sees the approval: a button that can only fail is none."""
    if not may.change:
        return []
    return [(status, TRANSITION_LABELS[status]) for status in PLAN_TRANSITIONS[plan.status]
            if status not in (PlanStatus.APPROVED, PlanStatus.DRAFT)]


def _detail(request: AuthedRequest, case: Case, may: CasePerms, plan: SafetyPlan, *,
            approve_form: ApproveForm | None = None, send_back_form: SendBackForm | None = None,
            status: int = 200) -> HttpResponse:
    content = plan_content(plan)
    people = case_people(case=case)
    editable = _editable(may, plan)
    proposed = plan.status == PlanStatus.PROPOSED
    active = plan.status == PlanStatus.ACTIVE
    rules = _rules_context(case, may, plan, content.rules, content.worry_about)
    # The referrals the agreements point to, with their offers, for the links to them (no query when none does).
    prefetch_related_objects(content.agreements, "referral__offer")
    return render(request, "safety_plans/plan_detail.html", {
        **rules,
        "sections": [(_label(name), getattr(plan, name)) for name in PLAN_TEXT_FIELDS],
        "contacts": content.contacts, "agreements": content.agreements, "sign_offs": content.sign_offs,
        "check_ins": plan_check_ins_page(plan, request.GET.get("page")),
        "transitions": _transitions(may, plan),
        "may_change": may.change,
        # The warnings the start page and the case page show, here too (only a version in force has them).
        "overdue": review_overdue(plan),
        "broken": broken_twice([plan]).get(plan.pk, []) if active else [],
        "approve_form": (approve_form or ApproveForm(auto_id=form_ids("approve"), gaps=bool(rules["grid"].gaps)))
        if proposed and may.approve else None,
        "send_back_form": (send_back_form or SendBackForm(auto_id=form_ids("send-back")))
        if proposed and may.change else None,
        "offer_monitoring": plan.status == PlanStatus.APPROVED and may.change and case.status in BEFORE_MONITORING,
        "story_form": StoryLinkForm(stories=case_stories(case), auto_id=form_ids("story"),
                                    initial={"story": plan.story_id, "version": plan.version})
        if may.change and plan.status in RUNNING and plan.status != PlanStatus.DRAFT else None,
        "contact_form": ContactForm(people=people, auto_id=form_ids("contact")) if editable else None,
        "agreement_form": AgreementForm(referrals=case_referrals_brief(case), auto_id=form_ids("agreement"))
        if editable else None,
        "sign_off_form": SignOffForm(people=people, auto_id=form_ids("sign-off"),
                                     initial={"signed_on": timezone.localdate()})
        if may.change and plan.status not in (PlanStatus.SUPERSEDED, PlanStatus.ENDED) else None,
    }, status=status)


@case_view(Perm.VIEW)
def plan_detail_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int) -> HttpResponse:
    plan = case_plan(case, plan_id)
    shows(request, plan)
    return _detail(request, case, may, plan)


def _plan_initial(plan: SafetyPlan) -> dict[str, Any]:
    return {"map": plan.map_id, "story": plan.story_id, "coordinator": plan.coordinator_id,
            "review_every_days": plan.review_every_days, "family_network_picture": plan.family_network_picture,
            "worry_about": [person.pk for person in plan_worry_about(plan)],
            "version": plan.version, **{name: getattr(plan, name) for name in PLAN_TEXT_FIELDS}}


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def plan_edit_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int) -> HttpResponse:
    plan = case_plan(case, plan_id)
    shows(request, plan)
    if plan.status != PlanStatus.DRAFT:
        return _story_link(request, case, plan)
    form = PlanForm(request.POST or None, people=case_people(case=case), maps=case_maps(case),
                    stories=case_stories(case), initial=_plan_initial(plan))
    sent = submit(form, lambda data: services.plan_update(
        actor=request.user, case=case, plan=plan, expected_version=data["version"] or 0,
        **_without_version(data)))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(_plan_url(case, plan))
    if sent.conflict:
        plan.refresh_from_db()  # the page shows what is saved, the form what the user typed
    return render(request, "safety_plans/plan_form.html", {
        "case": case, "plan": plan, "form": form, "conflict": sent.conflict,
        "conflict_current": [
            (_("Network coordinator"), plan.coordinator.full_name if plan.coordinator else ""),
            (_("Review every (days)"), plan.review_every_days),
            *((_label(name), getattr(plan, name)) for name in PLAN_TEXT_FIELDS),
        ] if sent.conflict else [],
    }, status=sent.status)


def _story_link(request: AuthedRequest, case: Case, plan: SafetyPlan) -> HttpResponse:
    """A proposed, approved or active version: only its Words & Pictures story can still be linked (the
    story changes nothing the family agreed to)."""
    form = StoryLinkForm(request.POST or None, stories=case_stories(case),
                         initial={"story": plan.story_id, "version": plan.version})
    sent = submit(form, lambda data: services.plan_story_link(
        actor=request.user, case=case, plan=plan, story=data["story"], expected_version=data["version"] or 0))
    return _form_page(request, case, plan, form, sent, title=_("Link a Words & Pictures story"), anchor="",
                      conflict_fields=("story",))


def _has_gaps(plan: SafetyPlan) -> bool:
    return bool(coverage(plan_rules(plan), {person.pk for person in plan_worry_about(plan)}).gaps)


@case_view(Perm.CHANGE, methods=("POST",))
def plan_transition_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int) -> HttpResponse:
    """The buttons of the plan page. Approving carries the team lead's comment, sending back the reason; a
    refusal of either shows the plan page again with the message next to the field."""
    plan = case_plan(case, plan_id)
    to_status = request.POST.get("to_status", "")
    approve_form = ApproveForm(request.POST, auto_id=form_ids("approve"), gaps=_has_gaps(plan)) \
        if to_status == PlanStatus.APPROVED else None
    send_back_form = SendBackForm(request.POST, auto_id=form_ids("send-back")) if to_status == PlanStatus.DRAFT \
        else None
    form = approve_form or send_back_form
    status_before = case.status
    if form is not None and not form.is_valid():
        return _detail(request, case, may, plan, approve_form=approve_form, send_back_form=send_back_form,
                       status=400)
    data = form.cleaned_data if form is not None else {}
    try:
        services.plan_transition(actor=request.user, case=case, plan=plan, to_status=to_status,
                                 comment=data.get("comment", ""), reason=data.get("reason", ""),
                                 move_case=request.POST.get("move_case") == "on")
    except ValidationError as error:
        if form is not None and hasattr(error, "error_dict") and set(error.message_dict) & set(form.fields):
            form.add_service_errors(error)
            return _detail(request, case, may, plan, approve_form=approve_form, send_back_form=send_back_form,
                           status=400)
        _messages(request, error)
    except PermissionDenied:
        messages.error(request, _("Only the team lead of the case's team can approve a plan."))
    else:
        if case.status != status_before:
            messages.success(request, _("The plan is now “%(status)s”, and the case has moved to “%(case_status)s”.")
                             % {"status": plan.get_status_display(), "case_status": case.get_status_display()})
        else:
            messages.success(request, _("The plan is now “%(status)s”.") % {"status": plan.get_status_display()})
    return redirect(_plan_url(case, plan))


# --- rules ---------------------------------------------------------------------------------------------

def _rules_response(request: AuthedRequest, case: Case, may: CasePerms, plan: SafetyPlan) -> HttpResponse:
    if not request.htmx:
        return redirect(_plan_url(case, plan, "rules"))
    return render(request, "safety_plans/partials/_rules.html", _rules_context(case, may, plan))


def _rule_form_response(request: AuthedRequest, case: Case, plan: SafetyPlan, form: RuleForm, sent: Submitted,
                        rule: Rule | None = None) -> HttpResponse:
    context = {"case": case, "plan": plan, "form": form, "rule": rule, "conflict": sent.conflict}
    if request.htmx:
        return form_in_place(request, "safety_plans/partials/_rule_form.html", context, status=sent.status,
                             target=f"#rule-{rule.pk}" if rule else "#new-rule")
    return render(request, "safety_plans/form_page.html", {
        **context, "form_template": "safety_plans/partials/_rule_form.html",
        "title": _("Edit the rule") if rule else _("Add a rule")}, status=sent.status)


@case_view(Perm.VIEW)
def rules_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int) -> HttpResponse:
    """The rules section as shown on the plan (what "cancel" on a rule form brings back)."""
    plan = case_plan(case, plan_id)
    shows(request, plan)
    return _rules_response(request, case, may, plan)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def rule_create_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int) -> HttpResponse:
    plan = case_plan(case, plan_id)
    shows(request, plan)
    form = RuleForm(request.POST or None, people=case_people(case=case),
                    danger_statements=case_danger_statements(case), auto_id=form_ids("new-rule"))
    sent = submit(form, lambda data: services.rule_create(actor=request.user, case=case, plan=plan, **data))
    if sent.saved:
        return _rules_response(request, case, may, plan)
    return _rule_form_response(request, case, plan, form, sent)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def rule_edit_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int, rule_id: int) -> HttpResponse:
    plan = case_plan(case, plan_id)
    rule = plan_rule(plan, rule_id)
    shows(request, rule)
    form = RuleForm(request.POST or None, people=case_people(case=case),
                    danger_statements=case_danger_statements(case), editing=True,
                    auto_id=form_ids(f"rule-{rule.pk}"),
                    initial={"text": rule.text, "responsible": rule.responsible_id, "periods": rule.periods,
                             "holidays": rule.holidays, "situation": rule.situation, "answers": rule.answers_id,
                             "version": rule.version})
    sent = submit(form, lambda data: services.rule_update(
        actor=request.user, case=case, rule=rule, expected_version=data["version"] or 0, **_without_version(data)))
    if sent.saved:
        return _rules_response(request, case, may, plan)
    return _rule_form_response(request, case, plan, form, sent, rule=rule)


@case_view(Perm.CHANGE, methods=("POST",))
def rule_delete_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int, rule_id: int
                     ) -> HttpResponse:
    plan = case_plan(case, plan_id)
    rule = plan_rule(plan, rule_id)
    try:
        services.rule_delete(actor=request.user, case=case, rule=rule)
    except ValidationError as error:
        _messages(request, error)
    return _rules_response(request, case, may, plan)


# --- contacts, agreements, sign-off ------------------------------------------------------------------------

def _form_page(request: AuthedRequest, case: Case, plan: SafetyPlan, form: forms.BaseForm, sent: Submitted, *,
               title: str, anchor: str, conflict_fields: tuple[str, ...] = ()) -> HttpResponse:
    """A small form of the plan page: saved, back to the plan's section; refused or opened alone, a page with
    it, the messages next to the fields, and after a conflict what someone else saved in the meantime."""
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(_plan_url(case, plan, anchor))
    conflict = sent.conflict
    return render(request, "safety_plans/simple_form_page.html", {
        "case": case, "plan": plan, "form": form, "title": title, "action": request.path, "conflict": conflict,
        "conflict_current": [(form.fields[name].label, getattr(conflict.current, name)) for name in conflict_fields]
        if conflict else [],
    }, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def contact_add_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int) -> HttpResponse:
    plan = case_plan(case, plan_id)
    shows(request, plan)
    form = ContactForm(request.POST or None, people=case_people(case=case))
    sent = submit(form, lambda data: services.contact_add(actor=request.user, case=case, plan=plan, **data))
    return _form_page(request, case, plan, form, sent, title=_("Add a contact"), anchor="contacts")


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def agreement_add_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int) -> HttpResponse:
    plan = case_plan(case, plan_id)
    shows(request, plan)
    form = AgreementForm(request.POST or None, referrals=case_referrals_brief(case))
    sent = submit(form, lambda data: services.agreement_add(actor=request.user, case=case, plan=plan, **data))
    return _form_page(request, case, plan, form, sent, title=_("Add an agreement with a professional"),
                      anchor="agreements")


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def sign_off_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int) -> HttpResponse:
    plan = case_plan(case, plan_id)
    shows(request, plan)
    form = SignOffForm(request.POST or None, people=case_people(case=case), initial={"signed_on": timezone.localdate()})
    sent = submit(form, lambda data: services.sign_off(actor=request.user, case=case, plan=plan, **data))
    return _form_page(request, case, plan, form, sent, title=_("Record a sign-off"), anchor="sign-offs")


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def contact_edit_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int, contact_id: int
                      ) -> HttpResponse:
    plan = case_plan(case, plan_id)
    contact = plan_contact(plan, contact_id)
    shows(request, contact)
    form = ContactForm(request.POST or None, people=case_people(case=case), editing=True,
                       initial={"person": contact.person_id, "name": contact.name, "role": contact.role,
                                "phone": contact.phone, "version": contact.version})
    sent = submit(form, lambda data: services.contact_update(
        actor=request.user, case=case, contact=contact, expected_version=data["version"] or 0,
        **_without_version(data)))
    return _form_page(request, case, plan, form, sent, title=_("Edit the contact"), anchor="contacts",
                      conflict_fields=("name", "role", "phone"))


@case_view(Perm.CHANGE, methods=("POST",))
def contact_delete_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int, contact_id: int
                        ) -> HttpResponse:
    plan = case_plan(case, plan_id)
    contact = plan_contact(plan, contact_id)
    try:
        services.contact_delete(actor=request.user, case=case, contact=contact)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(request, _("%(name)s was removed from the contacts.") % {"name": contact.name})
    return redirect(_plan_url(case, plan, "contacts"))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def agreement_edit_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int, agreement_id: int
                        ) -> HttpResponse:
    plan = case_plan(case, plan_id)
    agreement = plan_agreement(plan, agreement_id)
    shows(request, agreement)
    form = AgreementForm(request.POST or None, referrals=case_referrals_brief(case), editing=True,
                         initial={"agency": agreement.agency, "agreement": agreement.agreement,
                                  "referral": agreement.referral_id, "version": agreement.version})
    sent = submit(form, lambda data: services.agreement_update(
        actor=request.user, case=case, professional_agreement=agreement, expected_version=data["version"] or 0,
        **_without_version(data)))
    return _form_page(request, case, plan, form, sent, title=_("Edit the agreement with a professional"),
                      anchor="agreements", conflict_fields=("agency", "agreement"))


@case_view(Perm.CHANGE, methods=("POST",))
def agreement_delete_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int, agreement_id: int
                          ) -> HttpResponse:
    plan = case_plan(case, plan_id)
    agreement = plan_agreement(plan, agreement_id)
    try:
        services.agreement_delete(actor=request.user, case=case, professional_agreement=agreement)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(request, _("The agreement with %(agency)s was removed.") % {"agency": agreement.agency})
    return redirect(_plan_url(case, plan, "agreements"))


# --- check-ins -----------------------------------------------------------------------------------------

@case_view(Perm.CHANGE, methods=("GET", "POST"))
def check_in_create_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int) -> HttpResponse:
    plan = case_plan(case, plan_id)
    shows(request, plan)
    form = CheckInForm(request.POST or None, rules=plan_rules(plan), initial={"checked_on": timezone.localdate()},
                       auto_id=form_ids("check-in"))
    sent = submit(form, lambda data: services.check_in_create(
        actor=request.user, case=case, plan=plan, source=data["source"], checked_on=data["checked_on"],
        safety_score=data["safety_score"], note=data["note"], results=form.results()))
    if sent.saved:
        messages.success(request, _("Check-in recorded."))
        return redirect(_plan_url(case, plan, "check-ins"))
    return render(request, "safety_plans/check_in_form.html", {"case": case, "plan": plan, "form": form},
                  status=sent.status)
