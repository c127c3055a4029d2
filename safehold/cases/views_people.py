"""The pages of the people on a case: adding, reading, editing and removing someone."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from safehold.cases import services
from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.forms_people import PersonForm
from safehold.cases.models import Case
from safehold.cases.selectors import case_person
from safehold.cases.views import conflict_rows
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def person_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    form = PersonForm(request.POST or None, initial={"role": request.GET.get("role", "child")})
    sent = submit(form, lambda data: services.person_create(actor=request.user, case=case, **form.person_fields()))
    if sent.saved and sent.result is not None:
        person = sent.result
        messages.success(request, _("%(name)s added to the case.") % {"name": person.full_name})
        if "add_another" in request.POST:
            return redirect(reverse("cases:person_create", kwargs={"case_id": case.pk}) + f"?role={person.role}")
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/person_form.html", {"case": case, "form": form, "creating": True},
                  status=sent.status)


@case_view(Perm.VIEW)
def person_detail_view(request: AuthedRequest, case: Case, may: CasePerms, person_id: int) -> HttpResponse:
    person = case_person(case=case, person_id=person_id)
    shows(request, person)
    return render(request, "cases/person_detail.html", {"case": case, "may": may, "person": person})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def person_edit_view(request: AuthedRequest, case: Case, may: CasePerms, person_id: int) -> HttpResponse:
    person = case_person(case=case, person_id=person_id)
    shows(request, person)
    form = PersonForm(request.POST or None, editing=True,
                      initial={**model_to_dict(person, fields=PersonForm.Meta.fields), "version": person.version})
    sent = submit(form, lambda data: services.person_update(
        actor=request.user, case=case, person=person, expected_version=data["version"], **form.person_fields()))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect("cases:person_detail", case_id=case.pk, person_id=person.pk)
    if sent.conflict:
        person.refresh_from_db()
    return render(request, "cases/person_form.html", {
        "case": case, "person": person, "form": form, "conflict": sent.conflict,
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
