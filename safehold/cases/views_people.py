"""The pages of the people on a case: adding, reading, editing and removing someone."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from safehold.cases import services
from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.forms_people import PersonForm
from safehold.cases.models import Case, Person
from safehold.cases.selectors import case_person, child_outcome_history
from safehold.cases.views import conflict_rows
from safehold.core.contributions import listed
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest


def person_panels(case: Case, person: Person, may: CasePerms) -> list[SafeString]:
    """What the tools above the case show on a person's pages (the network: their ties in the register), each
    named in the setting `SAFEHOLD_PERSON_PANELS` as a callable `(case, person, may) -> SafeString`."""
    return [panel(case, person, may) for panel in listed("SAFEHOLD_PERSON_PANELS")]


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def person_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    """Adding someone happens on the network's page, which puts how they are related to the children into the
    register in the same step (the network sits above the case, so it is named here, not imported)."""
    url = reverse("network:person_create", kwargs={"case_id": case.pk})
    role = request.GET.get("role")
    return redirect(f"{url}?{urlencode({'role': role})}" if role else url)


@case_view(Perm.VIEW)
def person_detail_view(request: AuthedRequest, case: Case, may: CasePerms, person_id: int) -> HttpResponse:
    person = case_person(case=case, person_id=person_id)
    shows(request, person)
    outcomes = child_outcome_history(case=case, child=person) if person.is_child else []
    return render(request, "cases/person_detail.html", {
        "case": case, "may": may, "person": person, "panels": person_panels(case, person, may),
        "current_outcome": next((row for row in outcomes if row.current), None),
        "earlier_outcomes": [row for row in outcomes if not row.current],
    })


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def person_edit_view(request: AuthedRequest, case: Case, may: CasePerms, person_id: int) -> HttpResponse:
    person = case_person(case=case, person_id=person_id)
    shows(request, person)
    form = PersonForm(request.POST or None, editing=True,
                      initial={**model_to_dict(person, fields=PersonForm.Meta.fields), "version": person.version})
    sent = submit(form, lambda data: services.person_update(
        actor=request.user, case=case, person=person, expected_version=data["version"],
        correction=data.get("correction", False), **form.person_fields()))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect("cases:person_detail", case_id=case.pk, person_id=person.pk)
    if sent.conflict:
        person.refresh_from_db()
    return render(request, "cases/person_form.html", {
        "case": case, "person": person, "form": form, "conflict": sent.conflict,
        "panels": person_panels(case, person, may),
        "conflict_current": conflict_rows(sent.conflict.current, services.PERSON_EDITABLE) if sent.conflict else [],
    }, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def person_delete_view(request: AuthedRequest, case: Case, may: CasePerms, person_id: int) -> HttpResponse:
    person = case_person(case=case, person_id=person_id)
    shows(request, person)
    if request.method == "POST":
        try:
            services.person_delete(actor=request.user, case=case, person=person)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("cases:person_detail", case_id=case.pk, person_id=person.pk)
        messages.success(request, _("%(name)s removed from the case.") % {"name": person.full_name})
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/person_delete.html", {"case": case, "person": person})
