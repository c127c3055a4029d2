"""Forms render with the KERN design system's markup; errors sit next to their field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.functional import Promise

from safehold.core.text import balance_bidi
from safehold.core.validation import date_in_range
from safehold.core.versioning import ConflictError

T = TypeVar("T")
StrOrPromise = str | Promise  # a message, or one translated when it is shown (gettext_lazy)


class KernFormMixin(forms.BaseForm):
    """Adds KERN classes and the ARIA links between a field, its hint and its error."""

    template_name = "core/forms/div.html"
    template_name_div = "core/forms/div.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs["class"] = f"{self._kern_class(widget)} {widget.attrs.get('class', '')}".strip()
            if isinstance(widget, forms.TextInput | forms.Textarea):
                # Typed in the direction of its first letter: an Arabic name reads right to left as it is typed.
                widget.attrs.setdefault("dir", "auto")
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"

    @staticmethod
    def _kern_class(widget: forms.Widget) -> str:
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
        super().full_clean()
        self._balance_bidi()
        self._mark_errors()

    def _balance_bidi(self) -> None:
        """No text leaves a form with a bidirectional control that could reorder what is shown beside it
        (core.text.balance_bidi); the services clean it again. A password is taken exactly as typed."""
        for name, value in getattr(self, "cleaned_data", {}).items():
            field = self.fields.get(name)
            if isinstance(value, str) and field is not None and not isinstance(field.widget, forms.PasswordInput):
                self.cleaned_data[name] = balance_bidi(value)

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError next to the fields it names, the rest above the form."""
        add_service_errors(self, error)

    def _mark_errors(self) -> None:
        for name in self.errors if self.is_bound else {}:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            base = self._kern_class(widget)
            widget.attrs["aria-invalid"] = "true"
            if f"{base}--error" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {base}--error".strip()
            error_id = f"{self[name].auto_id}_error"
            ids = widget.attrs.get("aria-describedby", "").split()
            if error_id not in ids:
                widget.attrs["aria-describedby"] = " ".join([*ids, error_id])


def required_when(field: forms.Field, condition: StrOrPromise) -> None:
    """A field the form leaves optional that one choice elsewhere makes necessary (the outcome, when closing):
    its label says when it is needed instead of "optional". The service refuses it missing in that case."""
    field.required_when = condition  # type: ignore[attr-defined]


def shown_if(field: forms.Field, control_id: str, value: str) -> None:
    """With script, the field shows (and is sent) only while the control `control_id` has `value`
    (safehold.js); without script it always shows and the service decides."""
    field.widget.attrs["data-shown-if"] = f"{control_id}={value}"


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as ISO date whatever the interface language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def form_ids(prefix: str) -> str:
    """The `auto_id` of one of several forms open on a page at once (a map's parts, a plan's rules): with
    Django's default `id_<field>` their labels and hints would point at each other's fields."""
    return f"{prefix}-%s"


def keep_typed_against(form: forms.BaseForm, current_version: int) -> None:
    """After a conflict: keep what the user typed, but let the next save apply to the version now saved."""
    data = dict(form.data.lists()) if hasattr(form.data, "lists") else {k: [v] for k, v in form.data.items()}
    data["version"] = [str(current_version)]
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    form.data = query


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names, the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
    if isinstance(form, KernFormMixin):
        form._mark_errors()


@dataclass
class Submitted(Generic[T]):
    """What became of a form handed to a service: saved (with the service's result), refused, or in conflict."""

    sent: bool = False
    result: T | None = None
    conflict: ConflictError | None = None

    @property
    def saved(self) -> bool:
        return self.sent and self.conflict is None and self.result is not _REFUSED

    @property
    def status(self) -> int:
        """200 for a form not sent or saved, 409 for a conflict, 400 for a form the user must correct."""
        if not self.sent or self.saved:
            return 200
        return 409 if self.conflict is not None else 400


_REFUSED: Any = object()


def submit(form: forms.BaseForm, save: Callable[[dict[str, Any]], T]) -> Submitted[T]:
    """Hand a form sent by the user to the service that saves it: `save(cleaned_data)`.

    The form's own checks run first; a service's refusal (ValidationError) lands next to the fields it names;
    a conflict (someone saved since) keeps what the user typed against the version now saved. Every case
    view's form goes through here, whether it is answered in place (htmx), as a page, or without script."""
    if not form.is_bound:
        return Submitted()
    if not form.is_valid():
        return Submitted(sent=True, result=_REFUSED)
    try:
        result = save(form.cleaned_data)
    except ConflictError as error:
        keep_typed_against(form, error.current.version)
        return Submitted(sent=True, result=_REFUSED, conflict=error)
    except ValidationError as error:
        add_service_errors(form, error)
        return Submitted(sent=True, result=_REFUSED)
    return Submitted(sent=True, result=result)


class DateField(forms.DateField):
    """A date with the browser's picker, in the range the services accept (validation.EARLIEST–LATEST)."""

    widget = DateInput
    default_validators = [date_in_range]
