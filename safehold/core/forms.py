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
            if isinstance(widget, forms.CheckboxInput):
                css = "kern-form-check__checkbox"
            elif isinstance(widget, forms.RadioSelect):
                css = "kern-form-check__radio"
            elif isinstance(widget, forms.Select):
                css = "kern-form-input__select"
            else:
                css = "kern-form-input__input"
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
            auto_id = self[name].auto_id  # type: ignore[index]
            described = []
            if field.help_text:
                described.append(f"{auto_id}_helptext")
            if self.is_bound and name in self.errors:  # type: ignore[attr-defined]
                described.append(f"{auto_id}_error")
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] += f" {css}--error"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

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
        self._refresh_error_attrs()

    def _refresh_error_attrs(self) -> None:
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                attrs = self.fields[name].widget.attrs  # type: ignore[attr-defined]
                attrs["aria-invalid"] = "true"
                error_id = f"{self[name].auto_id}_error"  # type: ignore[index]
                ids = attrs.get("aria-describedby", "").split()
                if error_id not in ids:
                    attrs["aria-describedby"] = " ".join([*ids, error_id])


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as ISO date whatever the interface language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
