"""HTML views of the 24/7 safety plan. Thin: every case through the access policy, every change through a
service.

On the plan page the rules are edited in place with htmx: a change answers with the rules section, which
holds the coverage grid too (a rule's periods change it). The same URLs work without script (a page with the
form, and a redirect back to the plan after saving)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehold.audit.services import audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case, Person
from safehold.core.forms import form_ids, keep_typed_against
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.core.versioning import ConflictError
from safehold.mapping.models import Entry, Map, Part
from safehold.safety_plans import services
from safehold.safety_plans.coverage import (
    CELLS,
    DAY_LABELS,
    DAYS,
    TIME_LABELS,
    TIMES,
    cell_label,
    coverage,
    period_labels,
)
from safehold.safety_plans.forms import AgreementForm, CheckInForm, ContactForm, PlanForm, RuleForm, SignOffForm
from safehold.safety_plans.models import (
    PLAN_TEXT_FIELDS,
    PLAN_TRANSITIONS,
    Contact,
    PlanStatus,
    ProfessionalAgreement,
    Rule,
    RuleCheck,
    SafetyPlan,
)
from safehold.safety_plans.selectors import case_plan
from safehold.words_pictures.models import Story

# The buttons that move a version on, by the status they move it to (from proposed, "draft" sends it back).
TRANSITION_LABELS: dict[str, Any] = {
    PlanStatus.PROPOSED: gettext_lazy("Propose the plan"),
    PlanStatus.DRAFT: gettext_lazy("Send back to draft"),
    PlanStatus.APPROVED: gettext_lazy("Approve"),
    PlanStatus.ACTIVE: gettext_lazy("Put into force"),
    PlanStatus.ENDED: gettext_lazy("End the plan"),
}


# --- the coverage grid ---------------------------------------------------------------------------------

CELL_W, CELL_H, LABEL_W, HEAD_H = 110, 56, 90, 30


@dataclass
class GridCell:
    cell: str
    label: str
    who: list[str]
    x: int
    y: int

    @property
    def is_gap(self) -> bool:
        return not self.who

    @property
    def text_x(self) -> int:
        return self.x + CELL_W // 2

    @property
    def lines(self) -> list[str]:
        """What fits in the cell: two names, then how many more."""
        first = [name[:16] for name in self.who[:2]]
        return first + ([f"+{len(self.who) - 2}"] if len(self.who) > 2 else [])


@dataclass
class CoverageGrid:
    cells: list[GridCell]
    gaps: list[str]
    width: int = LABEL_W + 7 * CELL_W
    height: int = HEAD_H + 4 * CELL_H
    columns: list[tuple[int, str]] = field(default_factory=list)  # (x of the middle, day)
    rows: list[tuple[int, str, list[GridCell]]] = field(default_factory=list)  # (y of the middle, time, cells)


def coverage_grid(rules: list[Rule]) -> CoverageGrid:
    """The week as an SVG grid: who covers each period, and the gaps. From rules already loaded."""
    result = coverage(rules)
    cells = []
    for cell in CELLS:
        day, time = cell.split(":")
        names = list(dict.fromkeys(r.responsible.full_name for r in result.covered[cell]))
        cells.append(GridCell(cell=cell, label=cell_label(cell), who=names,
                              x=LABEL_W + DAYS.index(day) * CELL_W, y=HEAD_H + TIMES.index(time) * CELL_H))
    by_cell = {c.cell: c for c in cells}
    return CoverageGrid(
        cells=cells, gaps=[cell_label(cell) for cell in result.gaps],
        columns=[(LABEL_W + i * CELL_W + CELL_W // 2, str(DAY_LABELS[day])) for i, day in enumerate(DAYS)],
        rows=[(HEAD_H + i * CELL_H + CELL_H // 2, str(TIME_LABELS[time]),
               [by_cell[f"{day}:{time}"] for day in DAYS]) for i, time in enumerate(TIMES)],
    )


# --- loading -------------------------------------------------------------------------------------------

def _plan_url(case: Case, plan: SafetyPlan, anchor: str = "") -> str:
    url = reverse("safety_plans:plan_detail", kwargs={"case_id": case.pk, "plan_id": plan.pk})
    return f"{url}#{anchor}" if anchor else url


def _load(request: AuthedRequest, case_id: int, plan_id: int, perm: Perm = Perm.VIEW) -> tuple[Case, SafetyPlan]:
    case = legacy_access_case(request.user, case_id, perm)
    return case, case_plan(case, plan_id)


def _rule(plan: SafetyPlan, rule_id: int) -> Rule:
    rule = Rule.objects.filter(plan=plan, pk=rule_id).first()
    if rule is None:
        raise Http404
    rule.plan = plan
    return rule


def _rules(plan: SafetyPlan) -> list[Rule]:
    rules = list(plan.rules.select_related("responsible", "answers"))
    for rule in rules:
        rule.period_labels = period_labels(rule.periods)  # type: ignore[attr-defined]
    return rules


def _people(case: Case) -> list[Person]:
    return list(case.people.all())


def _danger_statements(case: Case) -> list[Entry]:
    return list(Entry.objects.filter(map__case=case, part=Part.FUTURE_DANGER, deleted_at__isnull=True)
                .exclude(worried="").select_related("map").order_by("map__drawn_on", "position"))


def _editable(case: Case, plan: SafetyPlan) -> bool:
    return Perm.CHANGE in case.permissions and plan.status == PlanStatus.DRAFT



def _label(name: str) -> Any:
    return SafetyPlan._meta.get_field(name).verbose_name  # type: ignore[union-attr]



def _messages(request: AuthedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- the plans of a case -------------------------------------------------------------------------------

@login_required
@require_GET
def plans_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    plans = list(case.safety_plans.order_by("-version_no").select_related("approved_by"))
    audit_view(actor=request.user, case=case)
    return render(request, "safety_plans/plans.html", {
        "case": case, "plans": plans,
        "editable": Perm.CHANGE in case.permissions,
        "open_plan": next((p for p in plans if p.status in (PlanStatus.DRAFT, PlanStatus.PROPOSED)), None),
    })


@login_required
@require_POST
def plan_create_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    try:
        plan = services.plan_create(actor=request.user, case=case)
    except ValidationError as error:
        _messages(request, error)
        return redirect("safety_plans:plans", case_id=case.pk)
    messages.success(request, _("Plan started.") if plan.version_no == 1 else
                     _("New version started as a copy of the one before."))
    return redirect(_plan_url(case, plan))


def _unanswered(plan: SafetyPlan, rules: list[Rule]) -> list[Entry]:
    """The danger statements of the map the plan builds on that no rule answers yet. A rule may answer the
    statement on an earlier map: the copies share a lineage. One query."""
    if plan.map_id is None:
        return []
    answered = {rule.answers.lineage for rule in rules if rule.answers_id and rule.answers}
    statements = Entry.objects.filter(map_id=plan.map_id, part=Part.FUTURE_DANGER, deleted_at__isnull=True)
    return [entry for entry in statements.exclude(worried="").order_by("position", "id")
            if entry.lineage not in answered]


def _rules_context(case: Case, plan: SafetyPlan, rules: list[Rule] | None = None) -> dict:
    rules = rules if rules is not None else _rules(plan)
    return {"case": case, "plan": plan, "rules": rules, "grid": coverage_grid(rules),
            "editable": _editable(case, plan), "unanswered": _unanswered(plan, rules)}


@login_required
@require_GET
def plan_detail_view(request: AuthedRequest, case_id: int, plan_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id)
    audit_view(actor=request.user, case=case, obj=plan)
    rules = _rules(plan)
    check_ins = list(plan.check_ins.select_related("checked_by").prefetch_related(
        Prefetch("rule_checks", queryset=RuleCheck.objects.select_related("rule"))).order_by("-checked_on", "-id"))
    people = _people(case)
    editable = _editable(case, plan)
    may_change = Perm.CHANGE in case.permissions
    return render(request, "safety_plans/plan_detail.html", {
        **_rules_context(case, plan, rules),
        "sections": [(_label(name), getattr(plan, name)) for name in PLAN_TEXT_FIELDS],
        "contacts": list(plan.contacts.all()), "agreements": list(plan.agreements.all()),
        "sign_offs": list(plan.sign_offs.all()), "check_ins": check_ins,
        "transitions": [(status, TRANSITION_LABELS[status]) for status in PLAN_TRANSITIONS[plan.status]]
        if may_change else [],
        "may_change": may_change,
        "contact_form": ContactForm(people=people, auto_id=form_ids("contact")) if editable else None,
        "agreement_form": AgreementForm(auto_id=form_ids("agreement")) if editable else None,
        "sign_off_form": SignOffForm(people=people, auto_id=form_ids("sign-off"),
                                     initial={"signed_on": timezone.localdate()})
        if may_change and plan.status not in (PlanStatus.SUPERSEDED, PlanStatus.ENDED) else None,
    })


def _plan_initial(plan: SafetyPlan) -> dict:
    return {"map": plan.map_id, "story": plan.story_id, "coordinator": plan.coordinator_id,
            "review_every_days": plan.review_every_days,
            "version": plan.version, **{name: getattr(plan, name) for name in PLAN_TEXT_FIELDS}}


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit_view(request: AuthedRequest, case_id: int, plan_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    people = _people(case)
    maps = list(Map.objects.filter(case=case).order_by("drawn_on", "id"))
    stories = list(Story.objects.filter(case=case).order_by("version_no"))
    form = PlanForm(request.POST or None, people=people, maps=maps, stories=stories, initial=_plan_initial(plan))
    conflict = None
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=plan)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version") or 0
        data["coordinator"] = next((p for p in people if p.pk == data["coordinator"]), None)
        data["map"] = next((m for m in maps if m.pk == data["map"]), None)
        data["story"] = next((s for s in stories if s.pk == data["story"]), None)
        try:
            services.plan_update(actor=request.user, case=case, plan=plan, expected_version=expected, **data)
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
            plan = SafetyPlan.objects.select_related("coordinator", "map").get(pk=plan.pk)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_plan_url(case, plan))
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "safety_plans/plan_form.html", {
        "case": case, "plan": plan, "form": form, "conflict": conflict,
        "conflict_current": [
            (_("Network coordinator"), plan.coordinator.full_name if plan.coordinator else ""),
            (_("Review every (days)"), plan.review_every_days),
            *((_label(name), getattr(plan, name)) for name in PLAN_TEXT_FIELDS),
        ] if conflict else [],
    }, status=status)


@login_required
@require_POST
def plan_transition_view(request: AuthedRequest, case_id: int, plan_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    to_status = request.POST.get("to_status", "")
    try:
        services.plan_transition(actor=request.user, case=case, plan=plan, to_status=to_status)
    except ValidationError as error:
        _messages(request, error)
    except PermissionDenied:
        messages.error(request, _("Only the team lead of the case's team can approve a plan."))
    else:
        messages.success(request, _("The plan is now “%(status)s”.") % {"status": plan.get_status_display()})
    return redirect(_plan_url(case, plan))


# --- rules ---------------------------------------------------------------------------------------------

def _rules_response(request: AuthedRequest, case: Case, plan: SafetyPlan) -> HttpResponse:
    if not request.htmx:
        return redirect(_plan_url(case, plan, "rules"))
    return render(request, "safety_plans/partials/_rules.html", _rules_context(case, plan))


def _rule_form_response(request: AuthedRequest, case: Case, plan: SafetyPlan, form: RuleForm, *, status: int,
                        rule: Rule | None = None, conflict: ConflictError | None = None) -> HttpResponse:
    context = {"case": case, "plan": plan, "form": form, "rule": rule, "conflict": conflict}
    if request.htmx:
        return form_in_place(request, "safety_plans/partials/_rule_form.html", context, status=status,
                             target=f"#rule-{rule.pk}" if rule else "#new-rule")
    return render(request, "safety_plans/form_page.html", {
        **context, "form_template": "safety_plans/partials/_rule_form.html",
        "title": _("Edit the rule") if rule else _("Add a rule")}, status=status)


def _rule_data(form: RuleForm, danger_statements: list[Entry]) -> dict:
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    data["answers"] = next((e for e in danger_statements if e.pk == data["answers"]), None)
    return data


@login_required
@require_GET
def rules_view(request: AuthedRequest, case_id: int, plan_id: int) -> HttpResponse:
    """The rules section as shown on the plan (what "cancel" on a rule form brings back)."""
    case, plan = _load(request, case_id, plan_id)
    if not request.htmx:
        return redirect(_plan_url(case, plan, "rules"))
    audit_view(actor=request.user, case=case, obj=plan)
    return _rules_response(request, case, plan)


@login_required
@require_http_methods(["GET", "POST"])
def rule_create_view(request: AuthedRequest, case_id: int, plan_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    danger_statements = _danger_statements(case)
    form = RuleForm(request.POST or None, people=_people(case), danger_statements=danger_statements,
                    auto_id=form_ids("new-rule"))
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=plan)
        return _rule_form_response(request, case, plan, form, status=200)
    if form.is_valid():
        try:
            services.rule_create(actor=request.user, case=case, plan=plan, **_rule_data(form, danger_statements))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _rules_response(request, case, plan)
    return _rule_form_response(request, case, plan, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit_view(request: AuthedRequest, case_id: int, plan_id: int, rule_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    rule = _rule(plan, rule_id)
    danger_statements = _danger_statements(case)
    form = RuleForm(request.POST or None, people=_people(case), danger_statements=danger_statements, editing=True,
                    auto_id=form_ids(f"rule-{rule.pk}"),
                    initial={"text": rule.text, "responsible": rule.responsible_id, "periods": rule.periods,
                             "holidays": rule.holidays, "situation": rule.situation, "answers": rule.answers_id,
                             "version": rule.version})
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=rule)
        return _rule_form_response(request, case, plan, form, status=200, rule=rule)
    conflict = None
    if form.is_valid():
        try:
            services.rule_update(actor=request.user, case=case, rule=rule,
                                 expected_version=form.cleaned_data.get("version") or 0,
                                 **_rule_data(form, danger_statements))
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _rules_response(request, case, plan)
    return _rule_form_response(request, case, plan, form, status=409 if conflict else 400, rule=rule,
                               conflict=conflict)


@login_required
@require_POST
def rule_delete_view(request: AuthedRequest, case_id: int, plan_id: int, rule_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    rule = _rule(plan, rule_id)
    try:
        services.rule_delete(actor=request.user, case=case, rule=rule)
    except ValidationError as error:
        _messages(request, error)
    return _rules_response(request, case, plan)


# --- contacts, agreements, sign-off ------------------------------------------------------------------------

def _simple_form(request: AuthedRequest, case: Case, plan: SafetyPlan, form, *, title: str, anchor: str,
                 save: Callable[[dict], Any]) -> HttpResponse:
    """A small form of the plan page: saved, back to the plan; refused or opened alone, a page with it."""
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=plan)
    elif form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_plan_url(case, plan, anchor))
    return render(request, "safety_plans/simple_form_page.html", {
        "case": case, "plan": plan, "form": form, "title": title,
        "action": request.path,
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def contact_add_view(request: AuthedRequest, case_id: int, plan_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    form = ContactForm(request.POST or None, people=_people(case))
    return _simple_form(request, case, plan, form, title=_("Add a contact"), anchor="contacts",
                        save=lambda data: services.contact_add(actor=request.user, case=case, plan=plan, **data))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_add_view(request: AuthedRequest, case_id: int, plan_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    form = AgreementForm(request.POST or None)
    return _simple_form(request, case, plan, form, title=_("Add an agreement with a professional"),
                        anchor="agreements",
                        save=lambda data: services.agreement_add(actor=request.user, case=case, plan=plan, **data))


@login_required
@require_http_methods(["GET", "POST"])
def sign_off_view(request: AuthedRequest, case_id: int, plan_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    form = SignOffForm(request.POST or None, people=_people(case), initial={"signed_on": timezone.localdate()})
    return _simple_form(request, case, plan, form, title=_("Record a sign-off"), anchor="sign-offs",
                        save=lambda data: services.sign_off(actor=request.user, case=case, plan=plan, **data))


def _contact(plan: SafetyPlan, contact_id: int) -> Contact:
    contact = Contact.objects.filter(plan=plan, pk=contact_id).first()
    if contact is None:
        raise Http404
    contact.plan = plan
    return contact


def _agreement(plan: SafetyPlan, agreement_id: int) -> ProfessionalAgreement:
    agreement = ProfessionalAgreement.objects.filter(plan=plan, pk=agreement_id).first()
    if agreement is None:
        raise Http404
    agreement.plan = plan
    return agreement


def _edit_form(request: AuthedRequest, case: Case, plan: SafetyPlan, form, *, obj: Contact | ProfessionalAgreement,
               title: str, anchor: str, conflict_fields: tuple[str, ...],
               save: Callable[[int, dict], Any]) -> HttpResponse:
    """Editing a contact or an agreement: saved, back to the plan; refused, the page again with the messages
    next to the fields, or what someone else saved in the meantime (409)."""
    conflict = None
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=obj)
    elif form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version") or 0
        try:
            save(expected, data)
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_plan_url(case, plan, anchor))
    return render(request, "safety_plans/simple_form_page.html", {
        "case": case, "plan": plan, "form": form, "title": title, "action": request.path,
        "conflict": conflict,
        "conflict_current": [(form.fields[name].label, getattr(conflict.current, name)) for name in conflict_fields]
        if conflict else [],
    }, status=409 if conflict else 400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit_view(request: AuthedRequest, case_id: int, plan_id: int, contact_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    contact = _contact(plan, contact_id)
    form = ContactForm(request.POST or None, people=_people(case), editing=True,
                       initial={"person": contact.person_id, "name": contact.name, "role": contact.role,
                                "phone": contact.phone, "version": contact.version})
    return _edit_form(request, case, plan, form, obj=contact, title=_("Edit the contact"), anchor="contacts",
                      conflict_fields=("name", "role", "phone"),
                      save=lambda expected, data: services.contact_update(
                          actor=request.user, case=case, contact=contact, expected_version=expected, **data))


@login_required
@require_POST
def contact_delete_view(request: AuthedRequest, case_id: int, plan_id: int, contact_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    contact = _contact(plan, contact_id)
    try:
        services.contact_delete(actor=request.user, case=case, contact=contact)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(request, _("%(name)s was removed from the contacts.") % {"name": contact.name})
    return redirect(_plan_url(case, plan, "contacts"))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit_view(request: AuthedRequest, case_id: int, plan_id: int, agreement_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    agreement = _agreement(plan, agreement_id)
    form = AgreementForm(request.POST or None, editing=True,
                         initial={"agency": agreement.agency, "agreement": agreement.agreement,
                                  "version": agreement.version})
    return _edit_form(request, case, plan, form, obj=agreement, title=_("Edit the agreement with a professional"),
                      anchor="agreements", conflict_fields=("agency", "agreement"),
                      save=lambda expected, data: services.agreement_update(
                          actor=request.user, case=case, professional_agreement=agreement,
                          expected_version=expected, **data))


@login_required
@require_POST
def agreement_delete_view(request: AuthedRequest, case_id: int, plan_id: int, agreement_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    agreement = _agreement(plan, agreement_id)
    try:
        services.agreement_delete(actor=request.user, case=case, professional_agreement=agreement)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(request, _("The agreement with %(agency)s was removed.") % {"agency": agreement.agency})
    return redirect(_plan_url(case, plan, "agreements"))


# --- check-ins -----------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def check_in_create_view(request: AuthedRequest, case_id: int, plan_id: int) -> HttpResponse:
    case, plan = _load(request, case_id, plan_id, Perm.CHANGE)
    form = CheckInForm(request.POST or None, rules=_rules(plan), initial={"checked_on": timezone.localdate()},
                       auto_id=form_ids("check-in"))
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=plan)
    elif form.is_valid():
        data = form.cleaned_data
        try:
            services.check_in_create(actor=request.user, case=case, plan=plan, source=data["source"],
                                     checked_on=data["checked_on"], safety_score=data["safety_score"],
                                     note=data["note"], results=form.results())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Check-in recorded."))
            return redirect(_plan_url(case, plan, "check-ins"))
    return render(request, "safety_plans/check_in_form.html", {"case": case, "plan": plan, "form": form},
                  status=400 if form.errors else 200)

