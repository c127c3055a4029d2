"""Forms gather and type the input; the services decide whether it is acceptable."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Person
from safehold.core.forms import DateField, KernFormMixin
from safehold.core.validation import SHORT
from safehold.uploads.forms import UploadForm
from safehold.words_pictures.figures import FIGURES, MAX_FIGURES
from safehold.words_pictures.models import PANEL_TEXT, Section


class StoryForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=SHORT, required=False,
                            help_text=_("Leave empty for “The story of the … family”."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PanelForm(KernFormMixin, forms.Form):
    section = forms.ChoiceField(label=_("Part of the story"), choices=Section.choices,
                                error_messages={"required": _("Choose the part of the story this panel tells.")})
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), max_length=PANEL_TEXT,
                           help_text=_("In words a child understands, as the parents would say it."),
                           error_messages={"required": _("Write what this panel tells, in words a child "
                                                         "understands.")})
    figures = forms.MultipleChoiceField(
        label=_("Figures"), required=False, choices=[(key, figure.label) for key, figure in FIGURES.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose the figures from the library.")})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["figures"].help_text = _("Up to %(limit)d, shown side by side.") % {"limit": MAX_FIGURES}
        if not editing:
            del self.fields["version"]
        if not self.is_bound:
            self.fields["text"].widget.attrs["autofocus"] = True

    def figure_choices(self) -> list[dict[str, Any]]:
        """The library as checkboxes with a thumbnail each (rendered by the template)."""
        chosen = set(self["figures"].value() or [])
        base = self["figures"].auto_id
        return [{"figure": figure, "checked": key in chosen, "id": f"{base}-{key}"}
                for key, figure in FIGURES.items()]


class PictureForm(UploadForm):
    """An uploaded picture for a panel."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, label=str(_("Picture")), **kwargs)
        self.fields["file"].widget.attrs["accept"] = "image/png,image/jpeg,image/webp,image/heic,image/heif,.heic,.heif"
        self.fields["file"].help_text = _("A photo or a drawing (PNG, JPEG, WebP, HEIC). It is stored without "
                                          "its metadata (place, camera, time).")


class AgreeForm(KernFormMixin, forms.Form):
    agreed_with = forms.TypedMultipleChoiceField(
        label=_("Who agreed"), coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the parents or caregivers of this case who agreed to the story.")})
    agreed_on = DateField(label=_("Date"), required=False)

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        """`people`: those who may agree (selectors.agreeing_people)."""
        super().__init__(*args, **kwargs)
        self.fields["agreed_with"].choices = [  # type: ignore[attr-defined]
            (p.pk, f"{p.full_name} ({p.relationship or p.get_role_display()})") for p in people]


class ReadForm(KernFormMixin, forms.Form):
    read_on = DateField(label=_("Read with the children on"), required=False)
