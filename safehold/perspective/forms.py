"""Forms of the perspective pages. They gather and type the input; the services decide whether it is acceptable."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Person
from safehold.core.forms import DateField, KernFormMixin, required_when, shown_if
from safehold.core.validation import LONG, SHORT, TEXT
from safehold.meetings.models import Meeting
from safehold.perspective.models import (
    Assignment,
    AssignmentStatus,
    Contact,
    ContactSetting,
    ContactStatus,
    Custody,
    Placement,
    Recommendation,
    RecommendationOption,
    Setting,
)
from safehold.perspective.services import MAX_DURATION, MAX_TIME_FRAME


def _label(model: type[models.Model], name: str) -> Any:
    return capfirst(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


def _choices(people: list[Person]) -> list[tuple[int, str]]:
    return [(p.pk, f"{p.full_name} ({p.relationship})" if p.relationship else p.full_name) for p in people]


class PlacementForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    child = forms.TypedChoiceField(label=_label(Placement, "child"), coerce=int)
    setting = forms.ChoiceField(label=_label(Placement, "setting"), choices=Setting.choices)
    carers = forms.TypedMultipleChoiceField(label=_label(Placement, "carers"), coerce=int, required=False,
                                            widget=forms.CheckboxSelectMultiple,
                                            help_text=_("The foster carers or relatives the child lives with. "
                                                        "Add them to the case first."))
    starts_on = DateField(label=_label(Placement, "starts_on"))
    time_frame_months = forms.IntegerField(label=_label(Placement, "time_frame_months"), required=False,
                                           min_value=1, max_value=MAX_TIME_FRAME,
                                           help_text=_("For example 6: the planned end is then worked out from "
                                                       "the start."))
    planned_end_on = DateField(label=_label(Placement, "planned_end_on"), required=False)
    ended_on = DateField(label=_label(Placement, "ended_on"), required=False)
    custody = forms.ChoiceField(label=_label(Placement, "custody"), choices=Custody.choices)
    custody_holder = forms.CharField(label=_label(Placement, "custody_holder"), required=False, max_length=SHORT,
                                     help_text=_("The name of the guardian, the curator or the office."))
    youth_office_contact = forms.CharField(label=_label(Placement, "youth_office_contact"), required=False,
                                           max_length=SHORT,
                                           help_text=_("Name and phone number of the responsible caseworker."))
    note = forms.CharField(label=_label(Placement, "note"), required=False, max_length=LONG, widget=forms.Textarea)

    def __init__(self, *args: Any, people: list[Person], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["child"]).choices = [
            ("", "–"), *_choices([p for p in people if p.is_child])]
        cast(forms.TypedMultipleChoiceField, self.fields["carers"]).choices = _choices(
            [p for p in people if not p.is_child])
        self.fields["version"].required = editing

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ContactForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    on = DateField(label=_label(Contact, "on"))
    status = forms.ChoiceField(label=_label(Contact, "status"), choices=ContactStatus.choices)
    duration_minutes = forms.IntegerField(label=_label(Contact, "duration_minutes"), required=False, min_value=1,
                                          max_value=MAX_DURATION)
    place = forms.CharField(label=_label(Contact, "place"), required=False, max_length=SHORT)
    setting = forms.ChoiceField(label=_label(Contact, "setting"), choices=ContactSetting.choices)
    present = forms.TypedMultipleChoiceField(label=_label(Contact, "present"), coerce=int, required=False,
                                             widget=forms.CheckboxSelectMultiple)
    present_others = forms.CharField(label=_label(Contact, "present_others"), required=False, max_length=SHORT,
                                     help_text=_("Professionals who accompanied the contact."))
    meeting_parting = forms.CharField(label=_label(Contact, "meeting_parting"), required=False, max_length=TEXT,
                                      widget=forms.Textarea(attrs={"rows": 3}),
                                      help_text=_("How the parent and the child greeted and said goodbye."))
    child_signals = forms.CharField(label=_label(Contact, "child_signals"), required=False, max_length=TEXT,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    parent_responsiveness = forms.CharField(label=_label(Contact, "parent_responsiveness"), required=False,
                                            max_length=TEXT, widget=forms.Textarea(attrs={"rows": 3}),
                                            help_text=_("How the parent noticed and answered the child's signals."))
    strengths = forms.CharField(label=_label(Contact, "strengths"), required=False, max_length=TEXT,
                                widget=forms.Textarea(attrs={"rows": 3}))
    challenges = forms.CharField(label=_label(Contact, "challenges"), required=False, max_length=TEXT,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    what_helped = forms.CharField(label=_label(Contact, "what_helped"), required=False, max_length=TEXT,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    reflection = forms.CharField(label=_label(Contact, "reflection"), required=False, max_length=TEXT,
                                 widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("What you talked through with the parent afterwards."))
    cancelled_by = forms.CharField(label=_label(Contact, "cancelled_by"), required=False, max_length=SHORT)
    cancel_reason = forms.CharField(label=_label(Contact, "cancel_reason"), required=False, max_length=TEXT,
                                    widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, people: list[Person], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["present"]).choices = _choices(people)
        self.fields["version"].required = editing
        for name in ("cancelled_by", "cancel_reason"):
            required_when(self.fields[name], _("required when cancelled"))
            shown_if(self.fields[name], self["status"].auto_id, ContactStatus.CANCELLED)

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}



class AssignmentForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    question = forms.CharField(label=_label(Assignment, "question"), max_length=TEXT,
                               widget=forms.Textarea(attrs={"rows": 3}))
    meeting = forms.TypedChoiceField(label=_label(Assignment, "meeting"), coerce=int, required=False,
                                     empty_value=None)
    commissioned_by = forms.CharField(label=_label(Assignment, "commissioned_by"), required=False,
                                      max_length=SHORT, help_text=_("For example the youth office or the guardian."))
    answered_by = forms.CharField(label=_label(Assignment, "answered_by"), required=False, max_length=SHORT)
    due_on = DateField(label=_label(Assignment, "due_on"), required=False)
    status = forms.ChoiceField(label=_label(Assignment, "status"), choices=AssignmentStatus.choices)
    findings = forms.CharField(label=_label(Assignment, "findings"), required=False, max_length=TEXT,
                               widget=forms.Textarea(attrs={"rows": 4}))
    findings_by = forms.CharField(label=_label(Assignment, "findings_by"), required=False, max_length=SHORT,
                                  help_text=_("Who the findings come from, as they put it."))
    contacts = forms.TypedMultipleChoiceField(label=_label(Assignment, "contacts"), coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, meetings: list[Meeting], contacts: list[Contact], editing: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["meeting"]).choices = [
            ("", "–"), *[(m.pk, f"{m.get_kind_display()} {m.held_on:%Y-%m-%d}") for m in meetings]]
        cast(forms.TypedMultipleChoiceField, self.fields["contacts"]).choices = [
            (c.pk, f"{c.on:%Y-%m-%d} {c.get_status_display()}") for c in contacts]
        self.fields["version"].required = editing
        required_when(self.fields["findings"], _("required when answered"))

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class RecommendationForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    option = forms.ChoiceField(label=_label(Recommendation, "option"), choices=RecommendationOption.choices)
    help_needed = forms.CharField(label=_label(Recommendation, "help_needed"), required=False, max_length=TEXT,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("For a return home: the help the family needs for it."))
    reasons = forms.CharField(label=_label(Recommendation, "reasons"), max_length=TEXT,
                              widget=forms.Textarea(attrs={"rows": 5}))
    parents_view = forms.CharField(label=_label(Recommendation, "parents_view"), required=False, max_length=TEXT,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    guardian_view = forms.CharField(label=_label(Recommendation, "guardian_view"), required=False,
                                    max_length=TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    assignments = forms.TypedMultipleChoiceField(label=_label(Recommendation, "assignments"), coerce=int,
                                                 required=False, widget=forms.CheckboxSelectMultiple)
    contacts = forms.TypedMultipleChoiceField(label=_label(Recommendation, "contacts"), coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, assignments: list[Assignment], contacts: list[Contact], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["assignments"]).choices = [
            (a.pk, a.question[:120]) for a in assignments]
        cast(forms.TypedMultipleChoiceField, self.fields["contacts"]).choices = [
            (c.pk, f"{c.on:%Y-%m-%d} {c.get_status_display()}") for c in contacts]

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}
