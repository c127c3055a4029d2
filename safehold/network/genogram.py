"""The genogram: the family over the generations, drawn as SVG on the server with the standard symbols.

A square for a man, a circle for a woman, a diamond where it is neither or not known; a cross over someone who
has died; partners joined by a line, former partners by a line with two slashes; children hang from their
parents' line, older ones on the left; the children the case is about have a double outline; a dashed outline
goes round the child's household and a red dashed line with ⊘ joins two people whose contact is restricted.

Only family is drawn: people tied to the others by parent, grandparent, partner or sibling ties, and the case's
children. Friends and professionals are on the ecomap. A child living in a placement (`Network.homes`) is not in
its parents' household: below the family, a box drawn like a household holds its carers, named by the setting
("Emergency foster family") and the time frame, and a dashed line leads to it from the child; carers who are
family (kinship care) stay in the tree, inside the household's outline with the child.

Where everybody stands comes from `genogram_layout` (pure Python); this module turns people into labels and the
template escapes every word. The same SVG goes into pages and WeasyPrint documents, so it uses no CSS
variables, web fonts or foreignObject.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.models import Person, PersonRole, Sex
from safehold.core.text import isolate
from safehold.network.genogram_layout import (
    COPARENTS,
    DESCENT,
    MARGIN,
    SLOT,
    TEXT_BELOW,
    GenogramLayout,
    Line,
    R,
    genogram_layout,
)
from safehold.network.homes import CareHome, wrap_isolated
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
# Shown only when a placed child's home is drawn.
LEGEND_HOME = ("home", gettext_lazy("where a placed child lives now"))
HOME_PAD = 14
HOME_LABEL = 17  # from one line of the home's label to the next
HOME_CHARS = 30
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
class HomeBox:
    """A placed child's home below the family: the carers not in the tree, the setting and time frame above
    them, and the dashed line from the child (or children) placed there."""

    x: float
    y: float
    width: float
    height: float
    labels: list[tuple[str, str, str, bool]]  # (x, y, text, bold)
    symbols: list[Symbol]
    path: str  # the lines from the children to the box
    title: str

    @property
    def rect(self) -> dict[str, str]:
        return {"x": _f(self.x), "y": _f(self.y), "w": _f(self.width), "h": _f(self.height)}


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
    homes: list[HomeBox] = field(default_factory=list)

    @property
    def size(self) -> dict[str, str]:
        return {"w": _f(self.width), "h": _f(self.height), "dx": _f(self.offset_x), "my": _f(self.message_y)}


def _on_genogram(network: Network, highlight: set[int]) -> list[Person]:
    # Carers tied only to each other (a foster couple) are not the child's family: they are drawn in its home.
    carers = {carer for home in network.homes.values() for carer in home.carer_ids}
    family = {pid for r in network.relationships if r.kind in FAMILY
              and not (r.person_a_id in carers and r.person_b_id in carers) for pid in (r.person_a_id, r.person_b_id)}
    drawn = [p for p in network.people
             if p.role != PersonRole.PROFESSIONAL and (p.pk in family or p.is_child or p.pk in highlight)]
    return sorted(drawn, key=lambda p: (p.birth_date or date.max, p.pk))  # older siblings first, on the left


def _household(network: Network, index: list[Person], drawn: set[int]) -> set[int]:
    """The first index child and everyone tied to them by "lives with", directly or through others (a placed
    child: its carers, not its parents)."""
    if not index:
        return set()
    together = network.lives_together()
    seen, todo = {index[0].pk}, [index[0].pk]
    while todo:
        for other in together.get(todo.pop(), ()):
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
    # The name isolated: a right-to-left override in it must not reorder the details after it.
    return _("%(name)s (%(details)s)") % {"name": isolate(person.full_name),
                                          "details": ", ".join(d for d in details if d)}


def _tie_sentence(kind: str, a: Person, b: Person) -> str:
    # Every kind reads from the first person, the kinds both ways in either order (models.Kind).
    return _("%(a)s %(kind)s %(b)s") % {"a": isolate(a.full_name), "kind": Kind(kind).label,
                                         "b": isolate(b.full_name)}


def _legend(kinds_drawn: set[str], *, top: float, width: float) -> tuple[list[LegendItem], float]:
    entries = LEGEND + [(kind, label) for kind, label in LEGEND_WHEN_DRAWN if kind in kinds_drawn]
    if "home" in kinds_drawn:
        entries.append(LEGEND_HOME)
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


def _symbol(person: Person, family_name: str, x: float, y: float, index: bool) -> Symbol:
    return Symbol(person_id=person.pk, x=x, y=y, shape=SHAPES.get(person.sex, "diamond"), deceased=person.deceased,
                  index=index, name_lines=_name_lines(person, family_name), dates=_dates(person), age=_age(person),
                  title=_describe(person, index))


def _home_boxes(network: Network, index: list[Person], drawn: set[int], layout: GenogramLayout,
                family_name: str) -> list[HomeBox]:
    """A box for each home of the placed index children, in a row below the family, each under its children as
    far as the boxes before it leave room."""
    homes: dict[tuple[object, ...], tuple[CareHome, list[Person]]] = {}
    for child in index:
        home = network.homes.get(child.pk)
        if home is not None and child.pk in layout.nodes:
            key = (home.setting, home.carer_ids, home.starts_on, home.until)
            homes.setdefault(key, (home, []))[1].append(child)
    top = layout.height - MARGIN + 16
    boxes: list[HomeBox] = []
    right = 0.0
    for home, children in homes.values():
        carers = home.carers(network.people)
        away = [p for p in carers if p.pk not in drawn]
        texts = [(home.label, True), (home.time_frame, False)]
        if len(away) < len(carers):
            texts.append((_("with %(names)s") % {"names": get_text_list(
                [isolate(p.full_name) for p in carers if p.pk in drawn], _("and"))}, False))
        lines = [(line, bold) for text, bold in texts for line in wrap_isolated(text, HOME_CHARS)]
        width = max(len(away) * SLOT, HOME_CHARS * 7.2) + 2 * HOME_PAD
        centre = sum(layout.nodes[c.pk][0] for c in children) / len(children)
        x = max(centre - width / 2, right + 20 if boxes else MARGIN, MARGIN)
        labels = [(_f(x + HOME_PAD), _f(top + HOME_PAD + 12 + n * HOME_LABEL), text, bold)
                  for n, (text, bold) in enumerate(lines)]
        symbol_y = top + HOME_PAD + len(lines) * HOME_LABEL + 14 + R
        symbols = [_symbol(p, family_name, x + HOME_PAD + SLOT / 2 + n * SLOT, symbol_y, False)
                   for n, p in enumerate(away)]
        height = (symbol_y + R + TEXT_BELOW - top) if away else len(lines) * HOME_LABEL + 2 * HOME_PAD
        paths = []
        for child in children:
            cx, cy = layout.nodes[child.pk]
            bx = min(max(cx, x + 16), x + width - 16)
            paths.append(f"M{_f(cx)} {_f(cy + R + TEXT_BELOW - 2)}V{_f(top - 8)}H{_f(bx)}V{_f(top)}")
        boxes.append(HomeBox(x=x, y=top, width=width, height=height, labels=labels, symbols=symbols,
                             path="".join(paths), title=" ".join(home.sentence(c, network.people) for c in children)))
        right = x + width
    return boxes


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

    symbols = [_symbol(person, family_name, *layout.nodes[person.pk], person.pk in chosen) for person in people]
    lines = [DrawnLine(line, *STYLES[line.kind]) for line in layout.lines]
    homes = _home_boxes(network, index, drawn, layout, family_name)
    drawing_width = max([layout.width, *(box.x + box.width + MARGIN for box in homes)])
    drawing_height = max([layout.height, *(box.y + box.height + MARGIN for box in homes)])

    message = ""
    if not any(kind in FAMILY for _a, _b, kind in ties):
        message = _("No family relationships are recorded yet: the genogram shows only the children.") if people \
            else _("No family relationships are recorded yet.")
    width = max(drawing_width, LEGEND_MIN_WIDTH)
    top = drawing_height if people else MARGIN
    message_y = top + 18
    if message:
        top += MESSAGE_HEIGHT
    legend, height = _legend({line.kind for line in layout.lines} | ({"home"} if homes else set()), top=top,
                             width=width)

    by_id = {p.pk: p for p in people}
    sentences = [_describe(p, p.pk in chosen) for p in people]
    sentences += [_tie_sentence(kind, by_id[a], by_id[b]) for a, b, kind in ties
                  if kind in FAMILY or kind == Kind.CONTACT_RESTRICTED]
    if household:
        sentences.append(_("Live together: %(names)s") % {
            "names": ", ".join(isolate(p.full_name) for p in people if p.pk in household)})
    sentences += [network.homes[p.pk].sentence(p, network.people) for p in index if p.pk in network.homes]
    if message:
        sentences.append(message)
    return Genogram(
        ident=f"genogram-{network.case.pk or 0}",
        title=_("Genogram of the family %(name)s") % {"name": isolate(family_name)},
        description=". ".join(s.rstrip(".") for s in sentences) + ".",
        layout=layout, symbols=symbols, lines=lines, width=width, height=height,
        offset_x=(width - drawing_width) / 2, message=message, message_y=message_y, legend=legend, homes=homes,
    )


def genogram_svg(network: Network, *, highlight: Iterable[int] | None = None) -> SafeString:
    """The genogram as SVG markup to put in a page or a PDF. Every text is escaped by the template."""
    return render_to_string("network/svg/genogram.svg", {"g": genogram(network, highlight=highlight)})
