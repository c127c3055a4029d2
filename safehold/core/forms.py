"""Forms render with the KERN design system's markup; errors sit next to their field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class KernFormMixin:
    """Adds KERN classes and the ARIA links between a field, its hint and its error."""

    template_name = "core/forms/div.html"
    template_name_div = "core/forms/div.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            widget.attrs["class"] = f"{self._kern_class(widget)} {widget.attrs.get('class', '')}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"  # type: ignore[index]

    @staticmethod
    def _kern_class(widget) -> str:
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            return "kern-form-check__checkbox"
        if isinstance(widget, forms.RadioSelect):
            return "kern-form-check__radio"
        if isinstance(widget, forms.Select):
            return "kern-form-input__select"
        return "kern-form-input__input"

    def full_clean(self) -> None:
        # Validation runs when someone first asks for errors, after subclasses have set up their fields
        # (querysets, choices, disabled); only then can the error state be put on the widgets.
        super().full_clean()  # type: ignore[misc]
        self._mark_errors()

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError next to the fields it names, the rest above the form."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                target = field if field in self.fields else None  # type: ignore[attr-defined]
                for message in messages:
                    self.add_error(target, message)  # type: ignore[attr-defined]
        else:
            for message in error.messages:
                self.add_error(None, message)  # type: ignore[attr-defined]
        self._mark_errors()

    def _mark_errors(self) -> None:
        for name in self._errors or {}:  # type: ignore[attr-defined]
            if name not in self.fields:  # type: ignore[attr-defined]
                continue
            widget = self.fields[name].widget  # type: ignore[attr-defined]
            base = self._kern_class(widget)
            widget.attrs["aria-invalid"] = "true"
            if f"{base}--error" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {base}--error".strip()
            error_id = f"{self[name].auto_id}_error"  # type: ignore[index]
            ids = widget.attrs.get("aria-describedby", "").split()
            if error_id not in ids:
                widget.attrs["aria-describedby"] = " ".join([*ids, error_id])


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as ISO date whatever the interface language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def form_ids(prefix: str) -> str:
    """The `auto_id` of one of several forms open on a page at once (a map's parts, a plan's rules): with
    Django's default `id_<field>` their labels and hints would point at each other's fields."""
    return f"{prefix}-%s"


def keep_typed_against(form, current_version: int) -> None:
    """After a conflict: keep what the user typed, but let the next save apply to the version now saved."""
    data = form.data.copy()
    data["version"] = str(current_version)
    form.data = data
