"""Rules for single values that every tool shares, each with one message: how long a text may be, the 0–10
scale, a date in a range a calendar can hold. Forms and API schemas shape the input (a date is a date, a number
a number); the services call these so that every channel (page, API, command) is held to the same rule.

Each `clean_*` takes the field's name and an `Errors` that collects one message per field, so a service can
check every field and refuse once, naming them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.core.text import clean_text as _clean

# How much text a field holds (characters, after cleaning).
SHORT = 300  # a name, a title, who is worried, an agency
TEXT = 2000  # a statement, an entry, a rule, a note on a check-in
LONG = 20000  # a case's summary, the notes on a person

# Dates a calendar can hold and a case can mean: the grandparents' births to plans long ahead. Outside it,
# date arithmetic overflows (year 1 minus a day), and no case work means such a date.
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)

SCALE_MIN, SCALE_MAX = 0, 10


class Errors(dict[str, str]):
    """The first message for each field of one use case; `raise_if_any` refuses with all of them."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, message)

    @contextmanager
    def under(self, prefix: str) -> Iterator[None]:
        """For a change of several items in one go (a map with its entries, a plan with its rules): collect
        what refuses one item, its fields named after it ("entries.2.text") and what refuses the item as a
        whole under "entries.2", so that every refused item is reported at once. With no prefix (the record's
        own fields) the names stay as they are."""
        try:
            yield
        except ValidationError as refused:
            found = refused.message_dict if hasattr(refused, "error_dict") else {NON_FIELD_ERRORS: refused.messages}
            for field, messages in found.items():
                if field == NON_FIELD_ERRORS:
                    self.add(prefix or NON_FIELD_ERRORS, messages[0])
                else:
                    self.add(f"{prefix}.{field}" if prefix else field, messages[0])

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def clean_text(value: object, field: str, errors: Errors, *, limit: int = TEXT, required: str = "") -> str:
    """Text as people meant it (control characters out, trimmed), at most `limit` characters. `required` is
    the message for an empty one; without it the text may be empty. Anything but text is refused."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(field, _("Enter text."))
        return ""
    text = _clean(value)
    if required and not text:
        errors.add(field, required)
    elif len(text) > limit:
        errors.add(field, _("Keep this to %(limit)d characters.") % {"limit": limit})
    return text


def clean_score(value: object, field: str, errors: Errors, *, required: bool = True) -> int | None:
    """A score on a 0–10 scale: a whole number (not True, not 5.0, not "5"); None only where not required."""
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        errors.add(field, _("Choose a whole number from 0 to 10."))
        return None
    return value


def clean_date(value: object, field: str, errors: Errors, *, required: str = "", not_after_today: bool = False,
               not_before: date | None = None, not_before_message: str = "") -> date | None:
    """A date in the range a case can mean; `required` is the message for a missing one. `not_after_today`
    refuses the future (what happened cannot have happened tomorrow); `not_before` an earlier date, with its
    message (a date of death before the birth, a date long before the case)."""
    if value is None or value == "":
        if required:
            errors.add(field, required)
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        errors.add(field, _("Enter a date."))
        return None
    if not EARLIEST <= value <= LATEST:
        errors.add(field, date_range_message())
    elif not_after_today and value > timezone.localdate():
        errors.add(field, _("The date cannot be in the future."))
    elif not_before is not None and value < not_before:
        errors.add(field, not_before_message or date_range_message())
    return value


def date_range_message() -> str:
    return _("Enter a date between %(first)d and %(last)d.") % {"first": EARLIEST.year, "last": LATEST.year}


def date_in_range(value: date) -> None:
    """A validator for form fields and filters: the same range as clean_date, with the same message."""
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(date_range_message(), code="date_range")


def long_before(opened_on: date) -> date:
    """A record about a case dated this long before the case was opened is most likely a mistyped year."""
    return opened_on - timedelta(days=366)
