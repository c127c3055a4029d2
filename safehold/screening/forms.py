"""Forms of the screening pages. The answers are one form that works without script: per item the answer, who
gave it, the evidence, the map entries it rests on and, for a condition of neglect, whether it happened
repeatedly. The services decide what is acceptable; their errors land next to these fields (their names are the
services' own, "answers.<item>.<field>")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safehold.cases.models import Person
from safehold.cases.voices import Voice
from safehold.core.forms import DateField, KernFormMixin
from safehold.core.validation import LONG, TEXT
from safehold.mapping.models import Entry
from safehold.screening import rules
from safehold.screening.models import AnswerChoice, Decision, Item, Screening

YES_NO = [("", "–"), ("yes", pgettext_lazy("screening answer", "Yes")),
          ("no", pgettext_lazy("screening answer", "No"))]
GROUPS = (
    ("criteria", _("The target group"), rules.CRITERIA),
    ("risks", _("Forms of risk"), rules.RISK_FORMS),
    ("conditions", _("Gross and repeated neglect: the conditions"), rules.CONDITIONS),
)


def _field(item: str, name: str) -> str:
    return f"answers.{item}.{name}"


def _repeated(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


@dataclass
class ItemFields:
    item: str
    label: str
    answer: forms.BoundField
    repeated: forms.BoundField | None
    voice: forms.BoundField
    evidence: forms.BoundField
    map_entries: forms.BoundField


class ScreeningForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    screened_on = DateField(label=capfirst(Screening._meta.get_field("screened_on").verbose_name))
    child = forms.TypedChoiceField(label=_("Whom it is about"), coerce=int, empty_value=None, required=False,
                                   help_text=_("Screen one child where the children's situations differ."))
    note = forms.CharField(label=_("Note"), required=False, max_length=LONG, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, people: list[Person], voices: list[Voice], entries: list[Entry],
                 editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [("", _("The whole family")),  # type: ignore[attr-defined]
                                        *[(p.pk, p.full_name) for p in people if p.is_child]]
        self.fields["version"].required = editing
        voice_choices = [("", "–"), *[(v.key, v.label) for v in voices]]
        entry_choices = [(e.pk, f"{e.map} · {e.get_part_display()}: {e.text[:80]}") for e in entries]
        for item in rules.ITEMS:
            condition = item in rules.CONDITIONS
            self.fields[_field(item, "answer")] = forms.ChoiceField(
                label=(_("Met") if condition else _("Answer")), required=False,
                choices=YES_NO if condition else [("", "–"), *AnswerChoice.choices])
            if condition:
                self.fields[_field(item, "repeated")] = forms.TypedChoiceField(
                    label=_("Repeatedly"), required=False, choices=YES_NO, coerce=_repeated, empty_value=None)
            self.fields[_field(item, "voice")] = forms.ChoiceField(label=_("Who says so"), required=False,
                                                                    choices=voice_choices)
            self.fields[_field(item, "evidence")] = forms.CharField(
                label=_("Evidence, in their words"), required=False, max_length=TEXT,
                widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[_field(item, "map_entries")] = forms.TypedMultipleChoiceField(
                label=_("Map entries it rests on"), required=False, coerce=int, choices=entry_choices,
                widget=forms.SelectMultiple(attrs={"size": min(4, max(len(entry_choices), 1))}))

    def groups(self) -> list[tuple[str, Any, list[ItemFields]]]:
        def fields(item: str) -> ItemFields:
            repeated = _field(item, "repeated")
            return ItemFields(item=item, label=str(Item(item).label), answer=self[_field(item, "answer")],
                              repeated=self[repeated] if repeated in self.fields else None,
                              voice=self[_field(item, "voice")], evidence=self[_field(item, "evidence")],
                              map_entries=self[_field(item, "map_entries")])

        return [(key, title, [fields(item) for item in items]) for key, title, items in GROUPS]

    @staticmethod
    def initial_for(screening: Screening, answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": screening.version, "screened_on": screening.screened_on,
                                   "child": screening.child_id, "note": screening.note}
        for item, sent in answers.items():
            for name, value in sent.items():
                if name == "repeated":
                    value = {True: "yes", False: "no"}.get(value, "")
                initial[_field(item, name)] = value
        return initial

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        answers = {item: {name: data.get(_field(item, name)) for name in ("answer", "voice", "evidence",
                                                                            "map_entries", "repeated")}
                   for item in rules.ITEMS}
        return {"screened_on": data["screened_on"], "child": data["child"], "note": data["note"],
                "answers": answers}


class DecisionForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Your decision"), choices=Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 3}))
