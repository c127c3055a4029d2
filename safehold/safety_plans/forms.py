"""Forms gather and type the input; the services decide whether it is acceptable."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safehold.cases.models import Person
from safehold.core.forms import DateField, KernFormMixin
from safehold.core.validation import SHORT, TEXT
from safehold.mapping.forms import SCORE_CHOICES, ScoreRadio
from safehold.mapping.models import Entry, Map
from safehold.resources.models import Referral
from safehold.safety_plans.coverage import CELLS, DAY_LABELS, DAYS, TIME_LABELS, TIMES
from safehold.safety_plans.models import CheckInSource, FamilyNetworkPicture, Rule, RuleKind, RuleResult, SignOff
from safehold.safety_plans.services import (
    AGENCY,
    CONTACT_NAME,
    CONTACT_PHONE,
    CONTACT_ROLE,
    SIGNING_ROLES,
    WORRY_ROLES,
)
from safehold.words_pictures.models import Story

Choices = list[tuple[Any, Any]]
# The scale's one message, as core.validation.clean_score words it for the services.
SCALE_MESSAGE = _("Choose a whole number from 0 to 10.")


def _people_choices(people: list[Person], empty: Promise) -> Choices:
    return [("", empty), *((p.pk, f"{p.full_name} ({p.get_role_display()})") for p in people)]


def _offer(form: forms.BaseForm, name: str, choices: Choices) -> None:
    """The choices of a field that depend on the case (its people, maps, danger statements)."""
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class PlanForm(KernFormMixin, forms.Form):
    """The plan's own sections; the rules, contacts and agreements have their own forms."""

    map = forms.TypedChoiceField(label=_("Map it builds on"), required=False, coerce=int, empty_value=None)
    minimum_requirements = forms.CharField(
        label=_("Minimum requirements"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=TEXT,
        help_text=_("What the authority needs to see, at the least, for the child to be safe enough."))
    coordinator = forms.TypedChoiceField(label=_("Network coordinator"), required=False, coerce=int,
                                         empty_value=None)
    story = forms.TypedChoiceField(label=_("Words & Pictures story"), required=False, coerce=int, empty_value=None,
                                   help_text=_("The story that explains the plan to the children, if there is one."))
    child_explanation = forms.CharField(label=_("How the plan is explained to the child"), required=False,
                                        max_length=TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    information_given = forms.CharField(label=_("Information given to the people around the child"),
                                        required=False, max_length=TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    if_worries_who_notices = forms.CharField(label=_("If new worries arise: who notices?"), required=False,
                                             max_length=TEXT, widget=forms.Textarea(attrs={"rows": 2}))
    if_worries_who_is_called = forms.CharField(label=_("Who is called?"), required=False, max_length=TEXT,
                                               widget=forms.Textarea(attrs={"rows": 2}))
    if_worries_authority = forms.CharField(label=_("What does the authority do?"), required=False,
                                           max_length=TEXT, widget=forms.Textarea(attrs={"rows": 2}))
    review_every_days = forms.IntegerField(label=_("Review every (days)"),
                                           error_messages={"invalid": _("Enter a number of days.")})
    uncovered_reason = forms.CharField(
        label=_("Why some periods are not covered"), required=False, max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to propose a plan with periods nobody covers."))
    worry_about = forms.TypedMultipleChoiceField(
        label=_("Whom the worry is about"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple,
        help_text=_("The people the danger statements name as the source of worry. A rule they keep never "
                    "counts as a safe adult being there."))
    family_network_picture = forms.ChoiceField(
        label=_("Network picture in the family's plan"), choices=FamilyNetworkPicture.choices,
        widget=forms.RadioSelect, required=False,
        help_text=_("The family's plan never shows your view of strained or conflictual ties. The authority's "
                    "version shows the whole ecomap and the genogram."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, people: list[Person], maps: list[Map], stories: list[Story], **kwargs: Any
                 ) -> None:
        super().__init__(*args, **kwargs)
        _offer(self, "coordinator", _people_choices(people, _("No coordinator yet")))
        _offer(self, "worry_about", [(p.pk, f"{p.full_name} ({p.get_role_display()})")
                                     for p in people if p.role in WORRY_ROLES])
        _offer(self, "map", [("", _("None")), *((m.pk, f"{m.drawn_on:%d/%m/%Y} {m.title}".strip()) for m in maps)])
        _offer(self, "story", _story_choices(stories))

    def clean_family_network_picture(self) -> str:
        # Not sent (a form of before the choice existed): what the plan has, else the safe default.
        return (self.cleaned_data.get("family_network_picture") or self.initial.get("family_network_picture")
                or FamilyNetworkPicture.SAFETY_NETWORK)


class RuleForm(KernFormMixin, forms.Form):
    # Left out (a client of before rules had kinds), the service infers it from the periods and the situation.
    kind = forms.ChoiceField(label=_("Kind of rule"), choices=RuleKind.choices, widget=forms.RadioSelect,
                             initial=RuleKind.PRESENCE, required=False,
                             help_text=_("Only someone safe being there covers periods of the week."),
                             error_messages={"required": _("Choose what kind of rule it is.")})
    text = forms.CharField(label=_("What exactly happens"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT,
                           help_text=_("In the family's words: what is done, by whom, so that the child is safe."),
                           error_messages={"required": _("Write down what exactly happens, in the family's words.")})
    responsible = forms.TypedChoiceField(label=_("Who is responsible"), coerce=int,
                                         error_messages={"required": _("Say who is responsible.")})
    periods = forms.MultipleChoiceField(label=_("When it applies"), required=False,
                                        choices=[(cell, cell) for cell in CELLS],
                                        widget=forms.CheckboxSelectMultiple,
                                        error_messages={
                                            "invalid_choice": _("Choose the periods from the week's grid.")})
    holidays = forms.BooleanField(label=_("Also on holidays"), required=False)
    situation = forms.CharField(label=_("In this situation"), max_length=SHORT, required=False,
                                help_text=_("For example: when father has been drinking."))
    answers = forms.TypedChoiceField(label=_("Answers the danger statement"), required=False, coerce=int,
                                     empty_value=None)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, people: list[Person], danger_statements: list[Entry], editing: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer(self, "responsible", _people_choices(people, _("Choose a person")))
        _offer(self, "answers", [("", _("None")),
                                 *((e.pk, e.behaviour[:90] or e.text[:90]) for e in danger_statements)])
        if not editing:
            del self.fields["version"]
        if not self.is_bound:
            self.fields["text"].widget.attrs["autofocus"] = True

    def period_rows(self) -> list[dict[str, Any]]:
        """The week as rows of times by columns of days, each cell a checkbox (rendered by the template)."""
        chosen = set(self["periods"].value() or [])
        return [{"label": TIME_LABELS[time], "cells": [
            {"value": f"{day}:{time}", "day": DAY_LABELS[day], "checked": f"{day}:{time}" in chosen,
             "id": f"{self['periods'].auto_id}-{day}-{time}"}
            for day in DAYS]} for time in TIMES]

    @staticmethod
    def day_labels() -> list[Any]:
        return [DAY_LABELS[day] for day in DAYS]


class ApproveForm(KernFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Your comment on the approval"), required=False, max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the plan and in the authority's version. Needed when periods are not covered: "
                    "say why you approve the plan as it is."),
        error_messages={"required": _("Some periods are not covered. Say why you approve the plan as it is.")})

    def __init__(self, *args: Any, gaps: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # With periods nobody covers the service refuses an approval without a comment: the label says so.
        self.fields["comment"].required = gaps


class SendBackForm(KernFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why does the plan go back to draft?"), max_length=TEXT,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The caseworker reads it on the plan."),
                             error_messages={"required": _(
                                 "Say why the plan goes back to draft: the caseworker reads it.")})


class StoryLinkForm(KernFormMixin, forms.Form):
    story = forms.TypedChoiceField(label=_("Words & Pictures story"), required=False, coerce=int, empty_value=None,
                                   help_text=_("Linking the story changes nothing the family agreed to: the "
                                               "version stays approved."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, stories: list[Story], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer(self, "story", _story_choices(stories))


def _story_choices(stories: list[Story]) -> Choices:
    return [("", _("None")), *(
        (s.pk, _("%(title)s (version %(number)s, %(status)s)") % {
            "title": s.title or _("Story"), "number": s.version_no, "status": s.get_status_display()})
        for s in stories)]


class ContactForm(KernFormMixin, forms.Form):
    person = forms.TypedChoiceField(label=_("Person on the case"), required=False, coerce=int, empty_value=None,
                                    help_text=_("Or write the name and phone number below."))
    name = forms.CharField(label=_("Name"), max_length=CONTACT_NAME, required=False)
    role = forms.CharField(label=_("Role in the plan"), max_length=CONTACT_ROLE, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=CONTACT_PHONE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, people: list[Person], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer(self, "person", _people_choices(people, _("Someone else")))
        if not editing:
            del self.fields["version"]


class AgreementForm(KernFormMixin, forms.Form):
    agency = forms.CharField(label=_("Who"), max_length=AGENCY, required=False,
                             help_text=_("The school, day care, GP, police…"))
    agreement = forms.CharField(label=_("What they agreed"), widget=forms.Textarea(attrs={"rows": 2}),
                                max_length=TEXT, required=False)
    referral = forms.TypedChoiceField(
        label=pgettext_lazy("a referral to an offer", "Referral"), required=False, coerce=int, empty_value=None,
        error_messages={"invalid_choice": _("Choose a referral of this case.")},
        help_text=_("The referral of this case the agreement is about. The family's plan names the provider only "
                    "once the family has agreed to share their data with it."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, referrals: list[Referral], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer(self, "referral", [("", _("None")), *((r.pk, referral_label(r)) for r in referrals)])
        if not editing:
            del self.fields["version"]


def referral_label(referral: Referral) -> str:
    """A referral in few words, as the agreement's choice and the plan page show it: the kind of need, the offer
    (or that none suits), the status."""
    offer = referral.offer.name if referral.offer else _("no suitable offer")
    return f"{referral.get_need_kind_display()} · {offer} · {referral.get_status_display()}"


class SignOffForm(KernFormMixin, forms.Form):
    person = forms.TypedChoiceField(label=_("Who agreed"), coerce=int,
                                    error_messages={"required": _("Choose a family or network member of this case.")})
    how = forms.ChoiceField(label=_("How"), choices=SignOff.How.choices, widget=forms.RadioSelect,
                            error_messages={"required": _("Say whether they agreed in person or by phone.")})
    signed_on = DateField(label=_("Date"), required=False)

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer(self, "person", _people_choices([p for p in people if p.role in SIGNING_ROLES], _("Choose a person")))


class CheckInForm(KernFormMixin, forms.Form):
    """A check-in: where the information comes from, and for every rule whether it held."""

    source = forms.ChoiceField(label=_("Source"), choices=[("", _("Choose the source")), *CheckInSource.choices],
                               error_messages={"required": _("Say where the information comes from.")})
    checked_on = DateField(label=_("Date"), required=False)
    safety_score = forms.TypedChoiceField(label=_("Safety scale"), choices=SCORE_CHOICES, widget=ScoreRadio,
                                          coerce=int, empty_value=None, required=False,
                                          error_messages={"invalid_choice": SCALE_MESSAGE})
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=TEXT,
                           required=False)

    def __init__(self, *args: Any, rules: list[Rule], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rules = rules
        for rule in rules:
            self.fields[f"result_{rule.pk}"] = forms.ChoiceField(
                label=rule.text[:120], choices=RuleResult.choices, initial=RuleResult.UNKNOWN,
                widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}), required=False)
            self.fields[f"note_{rule.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=TEXT,
                widget=forms.TextInput(attrs={"class": "kern-form-input__input"}))

    def rule_rows(self) -> list[tuple[Rule, forms.BoundField, forms.BoundField]]:
        return [(rule, self[f"result_{rule.pk}"], self[f"note_{rule.pk}"]) for rule in self.rules]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("source", "checked_on", "safety_score", "note")]

    def results(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {rule.pk: (data.get(f"result_{rule.pk}") or RuleResult.UNKNOWN, data.get(f"note_{rule.pk}") or "")
                for rule in self.rules}
