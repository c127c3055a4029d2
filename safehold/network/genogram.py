"""The genogram: the family over the generations, drawn as SVG on the server with the standard symbols.

A square for a man, a circle for a woman, a diamond where it is neither or not known; a cross over someone who
has died; partners joined by a line, former partners by a line with two slashes; children hang from their
parents' line, older ones on the left; the children the case is about have a double outline; a dashed outline
goes round the child's household and a red dashed line with ⊘ joins two people whose contact is restricted.

Only family is drawn: people tied to the others by parent, grandparent, partner or sibling ties, and the case's
children. Friends and professionals are on the ecomap. Where everybody stands comes from `genogram_layout`
(pure Python); this module turns people into labels and the template escapes every word. The same SVG goes
into pages and WeasyPrint documents, so it uses no CSS variables, web fonts or foreignObject.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.models import Person, PersonRole, Sex
from safehold.network.genogram_layout import COPARENTS, DESCENT, MARGIN, GenogramLayout, Line, R, genogram_layout
from safehold.network.models import FAMILY, Kind
from safehold.network.selectors import Network

NAME_CHARS = 15  # a name line; at 12 px in DejaVu Sans this stays inside SLOT with room between neighbours
LEGEND_MIN_WIDTH = 640
LEGEND_COLUMN = 210
LEGEND_CHARS = 24
LEGEND_ROW = 40
MESSAGE_HEIGHT = 30

INK = "#111111"
RED = "#b0122b"  # 6.7:1 on white
BLUE = "#0b5cab"

# How each kind of line is drawn: colour, width, dashes ("" for solid).
STYLES: dict[str, tuple[str, str, str]] = {
    Kind.PARTNER: (INK, "2", ""),
    Kind.EX_PARTNER: (INK, "2", ""),
    COPARENTS: (INK, "1.5", "5 4"),
    DESCENT: (INK, "1.5", ""),
    Kind.GRANDPARENT: ("#555555", "1.5", "2 4"),
    Kind.SIBLING: (INK, "1.5", ""),
    Kind.HALF_SIBLING: (INK, "1.5", "5 4"),
    Kind.CONTACT_RESTRICTED: (RED, "2", "6 4"),
}

LEGEND: list[tuple[str, Promise]] = [
    ("male", gettext_lazy("male")),
    ("female", gettext_lazy("female")),
    ("diverse", gettext_lazy("diverse or not known")),
    ("deceased", gettext_lazy("deceased")),
    ("index", gettext_lazy("the child the case is about")),
    (Kind.PARTNER, gettext_lazy("partners")),
    (Kind.EX_PARTNER, gettext_lazy("separated or divorced")),
    (DESCENT, gettext_lazy("parents and their children")),
    ("household", gettext_lazy("live together (the child's household)")),
    (Kind.CONTACT_RESTRICTED, gettext_lazy("contact restricted")),
]
# Shown only when the genogram has such a line.
LEGEND_WHEN_DRAWN: list[tuple[str, Promise]] = [
    (COPARENTS, gettext_lazy("parents not recorded as a couple")),
    (Kind.GRANDPARENT, gettext_lazy("grandparent, the parent in between not recorded")),
    (Kind.SIBLING, gettext_lazy("siblings, parents not recorded")),
    (Kind.HALF_SIBLING, gettext_lazy("half-siblings")),
]
SHAPES: dict[str, str] = {Sex.MALE: "square", Sex.FEMALE: "circle"}


def _f(value: float) -> str:
    return f"{value:.1f}"


@dataclass
class Symbol:
    person_id: int
    x: float
    y: float
    shape: str  # square, circle or diamond
    deceased: bool
    index: bool
    name_lines: list[str]
    dates: str
    age: str  # inside the symbol, for the living
    title: str

    @property
    def px(self) -> str:
        return _f(self.x)

    @property
    def py(self) -> str:
        return _f(self.y)

    @property
    def texts(self) -> list[tuple[str, str]]:
        """(baseline, text) under the symbol."""
        lines = [*self.name_lines, self.dates] if self.dates else self.name_lines
        return [(_f(R + 16 + 15 * n), text) for n, text in enumerate(lines)]


@dataclass
class DrawnLine:
    line: Line
    colour: str
    width: str
    dash: str

    @property
    def kind(self) -> str:
        return self.line.kind

    @property
    def marker(self) -> tuple[str, str] | None:
        if self.line.kind != Kind.CONTACT_RESTRICTED or self.line.marker is None:
            return None
        return _f(self.line.marker[0]), _f(self.line.marker[1])


@dataclass
class LegendItem:
    kind: str
    x: float
    y: float
    label_lines: list[str]
    symbol: Symbol | None = None
    style: tuple[str, str, str] = (INK, "2", "")

    @property
    def texts(self) -> list[tuple[str, str]]:
        return [(_f(self.y + 4 + 14 * n), text) for n, text in enumerate(self.label_lines)]

    @property
    def px(self) -> str:
        return _f(self.x)

    @property
    def py(self) -> str:
        return _f(self.y)

    @property
    def text_x(self) -> str:
        return _f(self.x + 44)


@dataclass
class Genogram:
    ident: str
    title: str
    description: str
    layout: GenogramLayout
    symbols: list[Symbol]
    lines: list[DrawnLine]
    width: float
    height: float
    offset_x: float  # the drawing is centred over a wider legend
    message: str = ""
    message_y: float = 0.0
    legend: list[LegendItem] = field(default_factory=list)

    @property
    def size(self) -> dict[str, str]:
        return {"w": _f(self.width), "h": _f(self.height), "dx": _f(self.offset_x), "my": _f(self.message_y)}


def _on_genogram(network: Network, highlight: set[int]) -> list[Person]:
    family = {pid for r in network.relationships if r.kind in FAMILY for pid in (r.person_a_id, r.person_b_id)}
    drawn = [p for p in network.people
             if p.role != PersonRole.PROFESSIONAL and (p.pk in family or p.is_child or p.pk in highlight)]
    return sorted(drawn, key=lambda p: (p.birth_date or date.max, p.pk))  # older siblings first, on the left


def _household(network: Network, index: list[Person], drawn: set[int]) -> set[int]:
    """The first index child and everyone tied to them by "lives with", directly or through others."""
    if not index:
        return set()
    together: dict[int, set[int]] = defaultdict(set)
    for r in network.relationships:
        if r.kind == Kind.LIVES_WITH:
            together[r.person_a_id].add(r.person_b_id)
            together[r.person_b_id].add(r.person_a_id)
    seen, todo = {index[0].pk}, [index[0].pk]
    while todo:
        for other in together[todo.pop()]:
            if other not in seen:
                seen.add(other)
                todo.append(other)
    members = seen & drawn
    return members if len(members) > 1 else set()


def _name_lines(person: Person, family_name: str) -> list[str]:
    name = person.first_name
    if person.last_name and person.last_name != family_name:
        name = f"{name} {person.last_name}"
    lines = textwrap.wrap(name, NAME_CHARS, break_on_hyphens=False) or [name[:NAME_CHARS]]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), NAME_CHARS, placeholder="…")]
    return [line if len(line) <= NAME_CHARS else line[:NAME_CHARS - 1] + "…" for line in lines]


def _dates(person: Person) -> str:
    born = _("b. %(year)s") % {"year": person.birth_date.year} if person.birth_date else ""
    if not person.deceased:
        return born
    died = f"† {person.deceased_on.year}" if person.deceased_on else "†"
    return f"{born}, {died}" if born else died


def _age(person: Person) -> str:
    if person.deceased:
        return ""
    age = person.age()
    return "" if age is None else str(age)


def _describe(person: Person, index: bool) -> str:
    details = [str(Sex(person.sex).label) if person.sex in Sex.values else ""]
    if person.birth_date:
        details.append(_("b. %(year)s") % {"year": person.birth_date.year})
    if person.deceased:
        details.append(_("died %(year)s") % {"year": person.deceased_on.year} if person.deceased_on
                       else _("deceased"))
    if index:
        details.append(_("the child the case is about"))
    return _("%(name)s (%(details)s)") % {"name": person.full_name, "details": ", ".join(d for d in details if d)}


def _tie_sentence(kind: str, a: Person, b: Person) -> str:
    # Every kind reads from the first person, the kinds both ways in either order (models.Kind).
    return _("%(a)s %(kind)s %(b)s") % {"a": a.full_name, "kind": Kind(kind).label, "b": b.full_name}


def _legend(kinds_drawn: set[str], *, top: float, width: float) -> tuple[list[LegendItem], float]:
    entries = LEGEND + [(kind, label) for kind, label in LEGEND_WHEN_DRAWN if kind in kinds_drawn]
    columns = max(1, int((width - 2 * MARGIN) // LEGEND_COLUMN))
    items = []
    for n, (kind, label) in enumerate(entries):
        x = round(MARGIN + (n % columns) * LEGEND_COLUMN)  # whole numbers: the template adds to them
        y = round(top + (n // columns) * LEGEND_ROW + 12)
        item = LegendItem(kind, x, y, textwrap.wrap(str(label), LEGEND_CHARS)[:2],
                          style=STYLES.get(kind, (INK, "2", "")))
        if kind in ("male", "female", "diverse", "deceased", "index"):
            shape = {"male": "square", "female": "circle"}.get(kind, "diamond" if kind == "diverse" else "square")
            item.symbol = Symbol(0, 0, 0, shape, kind == "deceased", kind == "index", [], "", "", "")
            if kind == "index":
                item.symbol.shape = "circle"
        items.append(item)
    rows = (len(entries) + columns - 1) // columns
    return items, top + rows * LEGEND_ROW + 8


def genogram(network: Network, *, highlight: Iterable[int] | None = None) -> Genogram:
    """The genogram of the case; `highlight` are the people drawn as the index persons (default: the case's
    children)."""
    chosen = {p.pk for p in network.children} if highlight is None else set(highlight)
    people = _on_genogram(network, chosen)
    drawn = {p.pk for p in people}
    index = [p for p in people if p.pk in chosen]
    ties = [(r.person_a_id, r.person_b_id, r.kind) for r in network.relationships
            if r.person_a_id in drawn and r.person_b_id in drawn]
    household = _household(network, index, drawn)
    layout = genogram_layout([p.pk for p in people], ties, household=household)
    family_name = network.case.family_name

    symbols = []
    for person in people:
        x, y = layout.nodes[person.pk]
        symbols.append(Symbol(
            person_id=person.pk, x=x, y=y, shape=SHAPES.get(person.sex, "diamond"), deceased=person.deceased,
            index=person.pk in chosen, name_lines=_name_lines(person, family_name), dates=_dates(person),
            age=_age(person), title=_describe(person, person.pk in chosen)))
    lines = [DrawnLine(line, *STYLES[line.kind]) for line in layout.lines]

    message = ""
    if not any(kind in FAMILY for _a, _b, kind in ties):
        message = _("No family relationships are recorded yet: the genogram shows only the children.") if people \
            else _("No family relationships are recorded yet.")
    width = max(layout.width, LEGEND_MIN_WIDTH)
    top = layout.height if people else MARGIN
    message_y = top + 18
    if message:
        top += MESSAGE_HEIGHT
    legend, height = _legend({line.kind for line in layout.lines}, top=top, width=width)

    by_id = {p.pk: p for p in people}
    sentences = [_describe(p, p.pk in chosen) for p in people]
    sentences += [_tie_sentence(kind, by_id[a], by_id[b]) for a, b, kind in ties
                  if kind in FAMILY or kind == Kind.CONTACT_RESTRICTED]
    if household:
        sentences.append(_("Live together: %(names)s") % {
            "names": ", ".join(p.full_name for p in people if p.pk in household)})
    if message:
        sentences.append(message)
    return Genogram(
        ident=f"genogram-{network.case.pk or 0}",
        title=_("Genogram of the family %(name)s") % {"name": family_name},
        description=". ".join(s.rstrip(".") for s in sentences) + ".",
        layout=layout, symbols=symbols, lines=lines, width=width, height=height,
        offset_x=(width - layout.width) / 2, message=message, message_y=message_y, legend=legend,
    )


def genogram_svg(network: Network, *, highlight: Iterable[int] | None = None) -> SafeString:
    """The genogram as SVG markup to put in a page or a PDF. Every text is escaped by the template."""
    return mark_safe(render_to_string("network/svg/genogram.svg", {"g": genogram(network, highlight=highlight)}))
