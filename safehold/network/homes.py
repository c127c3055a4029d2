"""Where a child of the case lives while a placement runs: with its carers (a foster family, kinship carers, a
residential group), not with its parents. The network's pictures and the child's voice put the child there.

Placements belong to the Perspektivklärung, which sits above the network and the child's voice: they ask it
through the callable the setting `SAFEHOLD_CARE_HOMES` names, and import nothing of it."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from safehold.cases.models import Case, Person
from safehold.core.contributions import named
from safehold.core.forms import StrOrPromise
from safehold.core.text import FSI, ISOLATE_OPENERS, PDI, isolate


@dataclass(frozen=True)
class CareHome:
    """A child's home while its placement runs. `setting_label` is the setting's name, translated when it is
    shown (so a picture drawn in the case's language names it in that language); `until` is the day it ended
    or is planned to end, if known."""

    setting: str
    setting_label: StrOrPromise
    carer_ids: tuple[int, ...]
    starts_on: date
    until: date | None = None

    @property
    def label(self) -> str:
        return str(self.setting_label)

    @property
    def time_frame(self) -> str:
        """The time frame as "from 10/10/2026 to 10/04/2027", or "since 10/10/2026" while no end is planned; in
        the language active when it is shown."""
        start = date_format(self.starts_on, "SHORT_DATE_FORMAT")
        if self.until is None:
            return _("since %(start)s") % {"start": start}
        return _("from %(start)s to %(end)s") % {"start": start,
                                                  "end": date_format(self.until, "SHORT_DATE_FORMAT")}

    def carers(self, people: Sequence[Person]) -> list[Person]:
        """The carers among `people`, in their order."""
        return [p for p in people if p.pk in self.carer_ids]

    def sentence(self, child: Person, people: Sequence[Person]) -> str:
        """Where the child lives, as a sentence: "Emil Schulz lives with Heike Brandt and Jörg Brandt (Emergency
        foster family), from … to …". The names isolated (FSI … PDI): a right-to-left override in one must not
        reorder the words after it, in a picture, a page or a PDF."""
        carers = self.carers(people)
        if not carers:
            return _("%(child)s lives away from the parents (%(setting)s), %(time_frame)s.") % {
                "child": isolate(child.full_name), "setting": self.label, "time_frame": self.time_frame}
        return _("%(child)s lives with %(carers)s (%(setting)s), %(time_frame)s.") % {
            "child": isolate(child.full_name),
            "carers": get_text_list([isolate(p.full_name) for p in carers], _("and")),
            "setting": self.label, "time_frame": self.time_frame}


def wrap_isolated(text: str, width: int) -> list[str]:
    """`text` wrapped to lines of about `width` characters, each line's isolates whole: a name isolated (FSI …
    PDI) and broken between two lines is closed at the end of the first and opened again on the next, so that
    neither half can reorder the words beside it (each line is drawn as a text of its own)."""
    lines, carried = [], 0
    for wrapped in textwrap.wrap(text, width) or [text]:
        line, open_isolates = FSI * carried + wrapped, 0
        for ch in line:
            if ch in ISOLATE_OPENERS:
                open_isolates += 1
            elif ch == PDI and open_isolates:
                open_isolates -= 1
        lines.append(line + PDI * open_isolates)
        carried = open_isolates
    return lines


def care_homes(case: Case, *, on: date | None = None, people: Sequence[Person] | None = None
               ) -> dict[int, CareHome]:
    """Child id → where the child lives on `on` (today) while a placement runs; children living with their
    parents are absent. One query. With `people` (the case's, already loaded), only children and carers among
    them count: nothing of another case shows, whatever the callable answers."""
    homes: dict[int, CareHome] = named("SAFEHOLD_CARE_HOMES")(case, on=on or timezone.localdate())
    if people is None:
        return homes
    ids = {p.pk for p in people}
    return {child_id: CareHome(home.setting, home.setting_label, tuple(c for c in home.carer_ids if c in ids),
                               home.starts_on, home.until)
            for child_id, home in homes.items() if child_id in ids}
