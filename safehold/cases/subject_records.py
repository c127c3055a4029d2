"""What each tool gives to the export of everything a case holds about one person (a data subject's right of
access): the person asked about (`Subject`), the records a tool finds about them (`Record`), and how a tool takes
part (`SubjectData`, named in the setting `SAFEHOLD_SUBJECT_DATA`).

The export itself is built in `safehold.subject_access`, above every tool; the tools sit below it, so each names
its contribution in its own `subject_data.py` and the export reads them from the setting, without importing
them. Each `SubjectData` also names the models it reads (`models`) and those of its models that hold nobody's
data (`not_about_a_person`): a test fails for a model of a tool that neither names, so a new model, or a new
tool, cannot be forgotten.

A contributor runs a fixed number of queries, however much the case holds, and reads the child's voice only
through the child's-voice rules for the subject's audience (`Subject.audience`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Model
from django.utils import formats
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.voices import SpokenBy

# Who the export is for, in the child's-voice terms (child_voice.models.AUDIENCES): the family sees what the
# child agreed the parents may see; a network member or professional what the child agreed the network may see.
# A child's own export is the parents' audience too: a child's request is most often made through the parents,
# and what the child told only the worker stays with the worker (who can go through it with the child).
FAMILY_ROLES = (PersonRole.CHILD, PersonRole.PARENT, PersonRole.CAREGIVER)


def audience_of(person: Person) -> str:
    return "parents" if person.role in FAMILY_ROLES else "network"


@dataclass
class Subject:
    """The person whose data is exported, the case, and what the tools gather while they read."""

    case: Case
    person: Person
    people: dict[int, Person]  # everyone on the case, by id, to name others without a query
    audience: str = ""
    files: list[Any] = field(default_factory=list)  # uploads.StoredFile the records name, listed at the end

    def __post_init__(self) -> None:
        self.audience = self.audience or audience_of(self.person)
        names = {self.person.full_name, self.person.first_name}
        self._named = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n) + r")(?!\w)",
            re.IGNORECASE)

    @property
    def voice_key(self) -> str:
        return f"person:{self.person.pk}"

    def named_in(self, *texts: str) -> bool:
        """Whether one of `texts` names the person (their first or full name as a word): how a free text that is
        about them, not by them, is found."""
        return any(self._named.search(text) for text in texts if text)

    def name_of(self, person_id: int | None) -> str:
        person = self.people.get(person_id) if person_id is not None else None
        return person.full_name if person is not None else ""


@dataclass(frozen=True)
class Item:
    """One fact of a record: `value` for the JSON (codes, ISO dates), `shown` for the printout."""

    name: str
    label: str
    value: Any
    shown: str


@dataclass
class Record:
    type: str  # the model's label, "mapping.entry"
    id: int
    title: str  # what it is, in the case's language
    items: list[Item]

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.id, "fields": {item.name: item.value for item in self.items}}


@dataclass(frozen=True)
class SubjectData:
    """A tool's part in a person's export: `collect(subject)` returns the records about the person, in a fixed
    number of queries."""

    key: str
    title: str | Promise
    collect: Callable[[Subject], list[Record]]
    models: tuple[type[Model], ...]  # the models whose rows it exports
    not_about_a_person: tuple[type[Model], ...] = ()  # organisation lists, the case's own process…


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def _json(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    return value


# Labels for fields the models keep without a name of their own (Django would print "created at").
_LABELS = {
    "created_at": gettext_lazy("recorded on"), "updated_at": gettext_lazy("last changed"),
    "assigned_at": gettext_lazy("since"), "activated_on": gettext_lazy("in force since"),
    "ended_on": gettext_lazy("ended on"), "about_name": gettext_lazy("about"),
    "width": gettext_lazy("width in pixels"), "height": gettext_lazy("height in pixels"),
    "sha256": gettext_lazy("SHA-256 checksum"), "current": gettext_lazy("current"),
}


def item(name: str, label: str | Promise, value: Any, shown: str | None = None) -> Item:
    return Item(name=name, label=str(label), value=_json(value), shown=shown if shown is not None else _shown(value))


def record(obj: Model, names: Iterable[str], *extra: Item, title: str | Promise | None = None) -> Record:
    """A record of `obj` with its fields `names` (label from the model, choices shown by their label) and any
    `extra` items (a person's name for an id, a label the tool words itself)."""
    items: list[Item] = []
    for name in names:
        model_field = obj._meta.get_field(name)
        value = getattr(obj, name)
        shown = None
        if getattr(model_field, "choices", None) and value not in (None, ""):
            shown = str(getattr(obj, f"get_{name}_display")())
        label = getattr(model_field, "verbose_name", None) or name
        if str(label) == name.replace("_", " "):  # Django's default: the field's name
            label = _LABELS.get(name, label)
        items.append(item(name, label, value, shown))
    return Record(type=obj._meta.label_lower, id=int(obj.pk), title=capfirst(str(title or obj._meta.verbose_name)),
                  items=[*items, *extra])


def voice(obj: SpokenBy) -> Item:
    """Whose words or score a record holds, by the name kept with it."""
    return item("voice", _("in whose words"), obj.voice_name)
