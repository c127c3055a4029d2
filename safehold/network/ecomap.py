"""The ecomap: the case's children in the middle, everyone else of the case around them, and a line from each
child to each person tied to them that shows how the tie is (a person tied to no child gets a dotted line to the
nearest). Who is in the safety network, who coordinates it, who holds rules of the active safety plan and who
may not have contact is marked on each person.

A child living in a placement (`Network.homes`) lives with its carers, not its parents: the carers stand on the
nearest ring, tied to the child even where the register records no tie, marked with a house, and a line under
the drawing says where the child lives, with whom and for how long.

The family's version (`family=True`, the family's own plan) shows only the safety network and the household,
with every tie drawn alike: the worker's view of strained or conflictual ties is not the family's document.

Drawn as SVG on the server like `mapping.chart` and `child_voice.pictures`: the geometry is computed here, the
template only places it and escapes every word, and the same picture shows on the page and in WeasyPrint.

The layout is up to three rings: family and caregivers nearest, network members next, professionals outermost.
A ring holds only as many people as fit without their names touching; the rest spill onto the next ring
(outwards first, then inwards), so up to 32 people are drawn without overlap. Past that the rings get crowded
but nobody is left out. Only as many rings are drawn as the people need: a family of up to 16 around the
children fits on two, and the picture stays small for its text. Several children stand in the middle; the
rings move out as far as they need.

The text is large for the picture's width: with two rings at least 1/64 of it, so that shown across a tablet
(about 900 px of a 1024 px screen) it reads at 14 px; with three rings, at about 11 px.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safehold.cases.models import Person, PersonRole
from safehold.core.text import isolate
from safehold.network.homes import CareHome, wrap_isolated
from safehold.network.models import Circle, Kind, Quality
from safehold.network.selectors import Network

CX = 575.0
FIRST_RING = 175.0
# Between two rings: two people's drawings on neighbouring rings cannot meet at any angle (√(160² + 113²)).
RING_SPACING = 200.0
MAX_RINGS = 3
NODE_R = 21
CHILD_R = 30
NETWORK_RING = NODE_R + 5  # the green ring of the safety network
NAME_FONT, SMALL_FONT, BADGE_FONT, LEGEND_FONT, HEADING_FONT, CHILD_FONT = 16, 16, 15, 16, 17, 17
LINE = 19  # from one line of text under a person to the next
# What a person's drawing covers around the centre of their circle: the rules badge above, name,
# relationship and "Coordinator" below.
BOX_W = 160
BOX_TOP, BOX_BOTTOM = 26, NODE_R + 6 + 3 * LINE + 4
# Two boxes whose centres are this far apart cannot meet, whatever the direction (√(160² + 113²) ≈ 196).
MIN_GAP = 198
CHAR = 0.58  # DejaVu Sans averages about 0.55 em a character; a little room to spare
LEGEND_ROW = 30
LEGEND_ROWS = (7, 6)  # the lines' heading and six lines, the signs' heading and five (the family's: signs only)
# Children in the middle: centre to centre of three or more round a circle (their names must not touch); two
# stand one above the other, and the first ring then keeps this far from the centre.
CHILD_GAP = BOX_W + 20
TWO_CHILDREN_APART, TWO_CHILDREN_RING = 96.0, 195.0
# Which ring a role prefers.
RING_OF_ROLE = {
    PersonRole.CHILD: 0, PersonRole.PARENT: 0, PersonRole.CAREGIVER: 0,
    PersonRole.NETWORK: 1, PersonRole.PROFESSIONAL: 2,
}

# The lines. Each differs by more than colour: thickness, dashes or the zig-zag.
RED = "#c0281f"
GREY = "#8a8a8a"
LINE_STYLES: dict[str, dict[str, str]] = {
    Quality.STRONG: {"stroke": "#1f1f1f", "width": "5", "dash": ""},
    Quality.NORMAL: {"stroke": "#3a3a3a", "width": "2.5", "dash": ""},
    Quality.WEAK: {"stroke": "#3a3a3a", "width": "2", "dash": "9 6"},
    Quality.STRESSFUL: {"stroke": RED, "width": "2.5", "dash": ""},
    "none": {"stroke": GREY, "width": "1.5", "dash": "2 5"},
    "restricted": {"stroke": RED, "width": "3", "dash": "12 6"},
    "family": {"stroke": "#3a3a3a", "width": "2.5", "dash": ""},  # the family's version: every tie alike
}
# When someone has several ties to the child, the line shows a stressful one first, else the closest.
QUALITY_ORDER = (Quality.STRESSFUL, Quality.STRONG, Quality.NORMAL, Quality.WEAK)
ZIGZAG_STEP, ZIGZAG_AMPLITUDE = 8.0, 4.5


def _f(value: float) -> str:
    return f"{value:.1f}"


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def chars_for(width: float, font_size: float) -> int:
    return max(int(width / (font_size * CHAR)), 1)


def short_name(person: Person, limit: int) -> str:
    """The name as it fits under a person: in full, else "Camilla S.", else cut (the full name is in the
    person's <title> and in the picture's description)."""
    full = person.full_name
    if len(full) <= limit:
        return full
    if person.last_name and len(person.first_name) + 3 <= limit:
        return f"{person.first_name} {person.last_name[0]}."
    return truncate(full, limit)


def initials(person: Person) -> str:
    return "".join(part[0] for part in (person.first_name, person.last_name) if part).upper()


def star_points(cx: float, cy: float, outer: float, inner: float) -> str:
    """A five-pointed star, one point up."""
    points = []
    for n in range(10):
        radius = outer if n % 2 == 0 else inner
        angle = math.pi / 2 + n * math.pi / 5
        points.append(f"{_f(cx + radius * math.cos(angle))},{_f(cy - radius * math.sin(angle))}")
    return " ".join(points)


def house_points(cx: float, cy: float, half: float = 9.0) -> str:
    """A small house (a roof on a square), centred on (cx, cy), `half` its half width."""
    points = [(cx, cy - half), (cx + half, cy - half * 0.1), (cx + half * 0.7, cy - half * 0.1),
              (cx + half * 0.7, cy + half), (cx - half * 0.7, cy + half), (cx - half * 0.7, cy - half * 0.1),
              (cx - half, cy - half * 0.1)]
    return " ".join(f"{_f(x)},{_f(y)}" for x, y in points)


def ring_capacity(radius: float, gap: float) -> int:
    """How many people fit on a ring with at least `gap` between neighbours."""
    if gap >= 2 * radius:
        return 1
    return max(int(math.pi / math.asin(gap / (2 * radius))), 1)


def spread(counts: list[int], capacities: list[int]) -> list[int]:
    """How many people each ring gets: as many as prefer it, the overflow moved outwards, then what the outer
    ring cannot hold moved inwards. Past the rings' total everyone is shared out by capacity."""
    total, room = sum(counts), sum(capacities)
    if total > room:
        shares = [total * c // room for c in capacities]
        shares[-1] += total - sum(shares)
        return shares
    counts = list(counts)
    for i in range(len(counts) - 1):
        excess = max(counts[i] - capacities[i], 0)
        counts[i] -= excess
        counts[i + 1] += excess
    for i in range(len(counts) - 1, 0, -1):
        excess = max(counts[i] - capacities[i], 0)
        counts[i] -= excess
        counts[i - 1] += excess
    return counts


def _angle_gap(a: float, b: float) -> float:
    d = (a - b) % (2 * math.pi)
    return min(d, 2 * math.pi - d)


def ring_angles(n: int, inner_angles: list[float]) -> list[float]:
    """`n` angles evenly round a ring, turned so that they sit between the people on the rings inside:
    a line from the child to someone further out should not run through someone nearer."""
    if n == 0:
        return []
    step = 2 * math.pi / n
    best: list[float] = []
    best_gap = -1.0
    for j in range(12):
        angles = [-math.pi / 2 + step * j / 12 + i * step for i in range(n)]
        gap = min((_angle_gap(a, b) for a in angles for b in inner_angles), default=math.pi)
        if gap > best_gap + 1e-9:
            best, best_gap = angles, gap
    return best


@dataclass
class EcomapLine:
    style: str  # a quality, "none", "restricted" or "family"
    path: str
    stroke: str
    width: str
    dash: str
    child_id: int | None = None  # the child it starts from


@dataclass
class EcomapNode:
    person_id: int
    x: float
    y: float
    name: str  # as drawn
    full_name: str
    relationship: str
    relationship_drawn: str
    initials: str
    tie: str  # a quality, "none" or "restricted"
    circle: str | None
    in_network: bool
    coordinator: bool
    rules: int
    restricted: bool
    deceased: bool
    title: str
    lines: list[EcomapLine] = field(default_factory=list)
    home: bool = False  # a placed child of the case lives with this person now

    @property
    def px(self) -> str:
        return _f(self.x)

    @property
    def py(self) -> str:
        return _f(self.y)

    @property
    def initials_y(self) -> str:
        return _f(self.y + 6)

    @property
    def name_y(self) -> str:
        return _f(self.y + NODE_R + LINE)

    @property
    def relationship_y(self) -> str:
        return _f(self.y + NODE_R + 2 * LINE)

    @property
    def coordinator_y(self) -> str:
        return _f(self.y + NODE_R + (3 if self.relationship_drawn else 2) * LINE)

    @property
    def label_bg(self) -> dict[str, str]:
        """A white ground under the name and relationship, so that lines to people further out do not run
        through the words."""
        width = max(len(self.name) * NAME_FONT, len(self.relationship_drawn) * SMALL_FONT) * CHAR + 8
        lines = 1 + bool(self.relationship_drawn) + self.coordinator
        return {"x": _f(self.x - width / 2), "y": _f(self.y + NODE_R + 3), "w": _f(width),
                "h": str(lines * LINE + 4)}

    @property
    def star(self) -> str:
        return star_points(self.x - NODE_R + 1, self.y - NODE_R + 1, 10, 4.2)

    @property
    def rules_text(self) -> str:
        return ngettext("%(count)d rule", "%(count)d rules", self.rules) % {"count": self.rules}

    @property
    def badge(self) -> dict[str, str]:
        """The rules badge, a pill above right of the person's circle."""
        width = len(self.rules_text) * BADGE_FONT * CHAR + 12
        left = self.x + 6
        return {"x": _f(left), "y": _f(self.y - BOX_TOP), "w": _f(width), "h": "20",
                "text_x": _f(left + width / 2), "text_y": _f(self.y - BOX_TOP + 15)}

    @property
    def restricted_sign(self) -> dict[str, str]:
        """⊘ drawn as a circle and a stroke (no font needed), below right of the person's circle."""
        cx, cy, r = self.x + NODE_R - 1, self.y + NODE_R - 7, 7.0
        d = r * math.cos(math.pi / 4)
        return {"cx": _f(cx), "cy": _f(cy), "r": _f(r), "x1": _f(cx - d), "y1": _f(cy + d), "x2": _f(cx + d),
                "y2": _f(cy - d)}

    @property
    def house(self) -> str:
        """The house sign of a carer, below left of the person's circle."""
        return house_points(self.x - NODE_R + 1, self.y + NODE_R - 8)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """What this person's drawing covers (left, top, right, bottom)."""
        return (self.x - BOX_W / 2, self.y - BOX_TOP, self.x + BOX_W / 2, self.y + BOX_BOTTOM)

    @property
    def css_class(self) -> str:
        classes = ["person", f"tie-{self.tie}"]
        classes += [name for name, on in (("in-network", self.in_network), ("coordinator", self.coordinator),
                                          ("restricted", self.restricted), ("deceased", self.deceased),
                                          ("home", self.home)) if on]
        return " ".join(classes)


@dataclass
class LegendItem:
    kind: str  # a line style, or a sign: network, coordinator, rules, restricted, deceased
    label: str
    x: float
    y: float
    line: EcomapLine | None = None

    @property
    def px(self) -> str:
        return _f(self.x)

    @property
    def py(self) -> str:
        return _f(self.y)

    @property
    def text_x(self) -> str:
        return _f(self.x + 64)

    @property
    def text_y(self) -> str:
        return _f(self.y + 5.5)

    @property
    def sign_x(self) -> str:
        return _f(self.x + 25)

    @property
    def star(self) -> str:
        return star_points(self.x + 25, self.y, 10, 4.2)

    @property
    def house(self) -> str:
        return house_points(self.x + 25, self.y)

    @property
    def restricted_sign(self) -> dict[str, str]:
        cx, cy, r = self.x + 25, self.y, 7.0
        d = r * math.cos(math.pi / 4)
        return {"r": _f(r), "x1": _f(cx - d), "y1": _f(cy + d), "x2": _f(cx + d), "y2": _f(cy - d)}

    @property
    def badge_x(self) -> str:
        return _f(self.x + 10)

    @property
    def badge_y(self) -> str:
        return _f(self.y - 10)

    @property
    def badge_text_y(self) -> str:
        return _f(self.y + 5)


@dataclass
class EcomapChild:
    """A child in the middle."""

    person_id: int
    x: float
    y: float
    name: str
    full_name: str
    initials: str
    title: str = ""  # the full name; for a child in a placement, where and with whom the child lives

    @property
    def px(self) -> str:
        return _f(self.x)

    @property
    def py(self) -> str:
        return _f(self.y)

    @property
    def initials_y(self) -> str:
        return _f(self.y + 7)

    @property
    def name_y(self) -> str:
        return _f(self.y + CHILD_R + LINE + 2)


@dataclass
class HomeLine:
    """A line under the drawing saying where a placed child lives now, with the house sign before the first."""

    x: float
    y: float
    text: str
    sign: bool

    @property
    def px(self) -> str:
        return _f(self.x + 36)

    @property
    def py(self) -> str:
        return _f(self.y + 5.5)

    @property
    def house(self) -> str:
        return house_points(self.x + 12, self.y)


@dataclass
class EcomapLayout:
    width: int
    height: int
    ident: str
    title: str
    description: str
    coordinator_label: str
    legend_top: float
    children: list[EcomapChild] = field(default_factory=list)
    between: list[EcomapLine] = field(default_factory=list)  # ties between the children in the middle
    people: list[EcomapNode] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    legend_headings: list[tuple[str, str, str]] = field(default_factory=list)  # (x, y, text)
    fonts: dict[str, int] = field(default_factory=dict)
    family: bool = False  # the family's version
    homes: list[HomeLine] = field(default_factory=list)  # where the placed children live, under the drawing

    @property
    def nodes(self) -> dict[int, tuple[float, float]]:
        """Where each person is drawn, the children in the middle included."""
        placed = {node.person_id: (node.x, node.y) for node in self.people}
        placed.update({child.person_id: (child.x, child.y) for child in self.children})
        return placed

    @property
    def centre_id(self) -> int | None:
        return self.children[0].person_id if self.children else None

    @property
    def legend_rule_y(self) -> str:
        return _f(self.legend_top - 20)

    @property
    def empty(self) -> dict[str, str]:
        """Where "no child recorded yet" stands when there is no child."""
        return {"x": _f(CX), "y": _f(self.height / 2 if not self.legend else self.legend_top / 2)}


def _line_path(x1: float, y1: float, x2: float, y2: float, *, zigzag: bool) -> str:
    if not zigzag:
        return f"M{_f(x1)},{_f(y1)} L{_f(x2)},{_f(y2)}"
    length = math.hypot(x2 - x1, y2 - y1)
    steps = max(int(length / ZIGZAG_STEP), 2)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx, ny = -uy, ux
    points = [f"M{_f(x1)},{_f(y1)}"]
    for i in range(1, steps):
        t = length * i / steps
        side = ZIGZAG_AMPLITUDE if i % 2 else -ZIGZAG_AMPLITUDE
        points.append(f"L{_f(x1 + ux * t + nx * side)},{_f(y1 + uy * t + ny * side)}")
    points.append(f"L{_f(x2)},{_f(y2)}")
    return " ".join(points)


def _line(style: str, start: tuple[float, float], x: float, y: float, *, end_gap: float, deceased: bool,
          child_id: int | None) -> EcomapLine:
    """A line from a child in the middle to (x, y), stopping short of both circles."""
    sx, sy = start
    length = math.hypot(x - sx, y - sy) or 1.0
    ux, uy = (x - sx) / length, (y - sy) / length
    begin = (sx + ux * (CHILD_R + 2), sy + uy * (CHILD_R + 2))
    end = (x - ux * end_gap, y - uy * end_gap)
    look = LINE_STYLES[style]
    return EcomapLine(style=style, path=_line_path(*begin, *end, zigzag=style == Quality.STRESSFUL),
                      stroke=GREY if deceased else look["stroke"], width=look["width"], dash=look["dash"],
                      child_id=child_id)


@dataclass
class _Ties:
    """How the people are tied to each child in the middle."""

    quality: dict[tuple[int, int], str]  # (person, child) → the quality drawn
    restricted: set[tuple[int, int]]  # (person, child) whose contact is restricted
    restricted_any: set[int]  # people whose contact with any child of the case is restricted

    def style(self, person_id: int, child_id: int) -> str | None:
        if (person_id, child_id) in self.restricted:
            return "restricted"
        return self.quality.get((person_id, child_id))


def _ties(network: Network, children: list[Person]) -> _Ties:
    """How each person is tied to each child in the middle. A carer of a placed child is tied to it by the
    placement, if the register records no tie between them: the child's home is no stranger."""
    found: dict[tuple[int, int], list[str]] = {}
    restricted: set[tuple[int, int]] = set()
    restricted_any: set[int] = set()
    all_children = {p.pk for p in network.children}
    middle = {c.pk for c in children}
    for rel in network.relationships:
        for me, other in ((rel.person_a_id, rel.person_b_id), (rel.person_b_id, rel.person_a_id)):
            if rel.kind == Kind.CONTACT_RESTRICTED:
                if other in all_children and me not in all_children:
                    restricted_any.add(me)
                if other in middle:
                    restricted.add((me, other))
                    restricted_any.add(me)
            elif other in middle:
                found.setdefault((me, other), []).append(rel.quality)
    for child_id, home in network.homes.items():
        if child_id in middle:
            for carer in home.carer_ids:
                found.setdefault((carer, child_id), [Quality.NORMAL])
    quality = {pair: str(next(q for q in QUALITY_ORDER if q in qualities)) for pair, qualities in found.items()}
    return _Ties(quality=quality, restricted=restricted, restricted_any=restricted_any)


CIRCLE_NAMES: dict[str, Callable[[], str]] = {
    Circle.INNER: lambda: _("inner circle"),
    Circle.MIDDLE: lambda: _("middle circle"),
    Circle.OUTER: lambda: _("outer circle"),
}


def _person_text(node: EcomapNode, tie_label: str, homes: list[tuple[Person, CareHome]] | None = None) -> str:
    """One person as a sentence, for the person's <title> and the picture's description."""
    # The name isolated: a right-to-left override in it must not reorder the words after it.
    name = isolate(node.full_name)
    parts = [_("%(name)s, %(relationship)s") % {"name": name, "relationship": node.relationship}
             if node.relationship else name]
    if tie_label:
        parts.append(tie_label)
    for child, home in homes or []:
        parts.append(_("%(child)s lives with this person now (%(setting)s, %(time_frame)s)") % {
            "child": isolate(child.full_name), "setting": home.label, "time_frame": home.time_frame})
    if node.circle in CIRCLE_NAMES:
        circle = CIRCLE_NAMES[node.circle]()
        parts.append(_("in the safety network (%(circle)s)") % {"circle": circle} if node.in_network
                     else circle)
    if node.coordinator:
        parts.append(_("network coordinator"))
    if node.rules:
        parts.append(ngettext("holds %(count)d rule of the safety plan", "holds %(count)d rules of the safety plan",
                              node.rules) % {"count": node.rules})
    if node.deceased:
        parts.append(_("deceased"))
    return "; ".join(str(p) for p in parts)


def _tie_labels() -> dict[str, str]:
    labels = {str(q): str(q.label) for q in Quality}
    labels["none"] = _("no relationship recorded")
    labels["restricted"] = _("contact restricted")
    return labels


def _legend(tie_labels: dict[str, str], *, top: float, family: bool, homes: bool = False
            ) -> tuple[list[LegendItem], list[tuple[str, str, str]]]:
    """The worker's legend: the lines, then the signs, in one column (the picture may be narrow). The family's:
    the signs only."""
    left = 40.0
    row = 0
    items = []
    headings = []
    if not family:
        headings.append((_f(left), _f(top + 4), _("The lines: how each tie to the child is")))
        for row, style in enumerate((Quality.STRONG, Quality.NORMAL, Quality.WEAK, Quality.STRESSFUL, "none",
                                     "restricted"), start=1):
            y = top + row * LEGEND_ROW
            zig = style == Quality.STRESSFUL
            look = LINE_STYLES[style]
            line = EcomapLine(style, _line_path(left, y, left + 50, y, zigzag=zig), look["stroke"], look["width"],
                              look["dash"])
            items.append(LegendItem(kind=style, label=tie_labels[style], x=left, y=y, line=line))
        row += 1
    signs = [
        ("network", _("in the safety network (inner or middle circle)")),
        ("coordinator", _("network coordinator")),
        ("rules", _("rules of the active safety plan this person holds")),
    ]
    if homes:
        signs.append(("home", _("a placed child lives with this person now")))
    if not family:
        signs += [("restricted", _("contact with the child restricted")), ("deceased", _("deceased (greyed)"))]
    headings.append((_f(left), _f(top + row * LEGEND_ROW + 4), _("The signs")))
    for n, (kind, label) in enumerate(signs, start=row + 1):
        items.append(LegendItem(kind=f"sign-{kind}", label=label, x=left, y=top + n * LEGEND_ROW))
    return items, headings


def household(network: Network) -> set[int]:
    """Everyone who lives with a child of the case, directly or through others ("lives with" ties; a placed
    child's carers)."""
    together = network.lives_together()
    seen = {c.pk for c in network.children}
    todo = list(seen)
    while todo:
        for other in together.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _middle(count: int) -> tuple[float, list[tuple[float, float]]]:
    """How far round the centre the children's drawings reach, and where each child stands (relative to the
    centre): one in the centre, two one above the other (the name of the upper one between them), more on a
    small circle."""
    if count <= 1:
        return 0.0, [(0.0, 0.0)] * count
    if count == 2:
        return TWO_CHILDREN_RING - BOX_W - 10, [(0.0, -TWO_CHILDREN_APART / 2), (0.0, TWO_CHILDREN_APART / 2)]
    radius = CHILD_GAP / (2 * math.sin(math.pi / count))
    return radius, [(radius * math.cos(-math.pi / 2 + i * 2 * math.pi / count),
                     radius * math.sin(-math.pi / 2 + i * 2 * math.pi / count)) for i in range(count)]


def _rings(reach: float, people: int) -> tuple[float, ...]:
    """As many rings as the people need (at least one), the first as far out as the children in the middle
    need (their names below them included)."""
    rings = [max(FIRST_RING, reach + BOX_W + 10)]
    while len(rings) < MAX_RINGS and sum(ring_capacity(r, MIN_GAP) for r in rings) < people:
        rings.append(rings[-1] + RING_SPACING)
    return tuple(rings)


def ecomap_layout(network: Network, *, child: Person | None = None, family: bool = False) -> EcomapLayout:
    """Where everyone goes: every child of the case in the middle, or only `child`. With `family`, the family's
    version: only the safety network and the household, every tie drawn alike."""
    children = network.children
    if child is not None:
        if child.pk not in {c.pk for c in children}:
            raise ValueError("the middle of an ecomap is a child of the case")
        children = [child]
    ties = _ties(network, children)
    tie_labels = _tie_labels()
    middle_ids = {c.pk for c in children}
    around = [p for p in network.people if p.pk not in middle_ids and not (p.is_child and child is None)]
    if family:
        # A placed child's carers are its household now; the home it comes from stays in the family's picture.
        at_home = household(network) | household(replace(network, homes={}))
        around = [p for p in around if network.in_safety_network(p.pk) or p.pk in at_home]

    homes = {c.pk: network.homes[c.pk] for c in children if c.pk in network.homes}
    home_of = {carer: [(c, homes[c.pk]) for c in children if c.pk in homes and carer in homes[c.pk].carer_ids]
               for home in homes.values() for carer in home.carer_ids}
    home_sentences = [homes[c.pk].sentence(c, network.people) for c in children if c.pk in homes]

    spread_radius, offsets = _middle(len(children))
    rings = _rings(spread_radius, len(around))
    half = rings[-1] + BOX_W / 2 + 15
    width = int(2 * half)
    cx = cy = half
    legend_top = cy + rings[-1] + BOX_BOTTOM + 40
    home_lines = []
    y = legend_top - 10  # the home lines first, where the legend would start
    for sentence in home_sentences:
        for n, text in enumerate(wrap_isolated(sentence, chars_for(width - 100, LEGEND_FONT))):
            home_lines.append(HomeLine(x=40.0, y=y, text=text, sign=n == 0))
            y += LINE + 2
        y += LINE / 2
    if home_lines:
        legend_top = y + 30
    legend_rows = (LEGEND_ROWS[1] if family else sum(LEGEND_ROWS)) + bool(homes)
    height = int(legend_top + legend_rows * LEGEND_ROW + 16)

    placed_children = [EcomapChild(person_id=c.pk, x=cx + dx, y=cy + dy,
                                   name=truncate(c.full_name, chars_for(CHILD_GAP - 10, CHILD_FONT)),
                                   full_name=c.full_name, initials=initials(c),
                                   title=homes[c.pk].sentence(c, network.people) if c.pk in homes else c.full_name)
                       for c, (dx, dy) in zip(children, offsets, strict=True)]

    groups: list[list[Person]] = [[] for _ring in rings]
    for person in sorted(around, key=lambda p: p.pk not in home_of):  # the carers first, nearest the child
        ring = 0 if person.pk in home_of else RING_OF_ROLE.get(PersonRole(person.role), 1)
        groups[min(ring, len(rings) - 1)].append(person)
    capacities = [ring_capacity(r, MIN_GAP) for r in rings]
    counts = spread([len(g) for g in groups], capacities)
    ordered = [p for g in groups for p in g]

    name_chars = chars_for(BOX_W, NAME_FONT)
    small_chars = chars_for(BOX_W, SMALL_FONT)
    people: list[EcomapNode] = []
    placed_angles: list[float] = []
    start = 0
    several = len(placed_children) > 1
    for radius, count in zip(rings, counts, strict=True):
        angles = ring_angles(count, placed_angles)
        for person, angle in zip(ordered[start:start + count], angles, strict=True):
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            styles = {c.person_id: ties.style(person.pk, c.person_id) for c in placed_children}
            drawn = [s for s in styles.values() if s]
            tie = ("restricted" if "restricted" in drawn
                   else next((q for q in QUALITY_ORDER if q in drawn), "none"))
            node = EcomapNode(
                person_id=person.pk, x=x, y=y, name=short_name(person, name_chars), full_name=person.full_name,
                relationship=person.relationship, relationship_drawn=truncate(person.relationship, small_chars),
                initials=initials(person), tie="family" if family else tie,
                circle=network.circles.get(person.pk), in_network=network.in_safety_network(person.pk),
                coordinator=person.pk == network.coordinator_id, rules=network.rules_held.get(person.pk, 0),
                restricted=not family and person.pk in ties.restricted_any, deceased=person.deceased, title="",
                home=person.pk in home_of)
            if family:
                label = ""
            elif several:
                label = "; ".join(_("%(child)s: %(tie)s") % {"child": isolate(c.full_name),
                                                              "tie": tie_labels[styles[c.person_id] or "none"]}
                                  for c in placed_children)
            else:
                label = tie_labels[tie]
            node.title = _person_text(node, label, home_of.get(person.pk))
            end_gap = NETWORK_RING + 3 if node.in_network else NODE_R + 2
            tied = [c for c in placed_children if styles[c.person_id]]
            if not tied and placed_children:  # a dotted line to the nearest child
                tied = [min(placed_children, key=lambda c: math.hypot(c.x - x, c.y - y))]
            for c in tied:
                style = styles[c.person_id] or "none"
                if family:
                    style = "family" if styles[c.person_id] else "none"
                node.lines.append(_line(style, (c.x, c.y), x, y, end_gap=end_gap, deceased=person.deceased,
                                        child_id=c.person_id))
            people.append(node)
        placed_angles += angles
        start += count

    between = []
    for a, b in itertools.combinations(placed_children, 2):
        found = ties.style(a.person_id, b.person_id)
        if found and found != "restricted":
            between.append(_line("family" if family else found, (a.x, a.y), b.x, b.y, end_gap=CHILD_R + 2,
                                 deceased=False, child_id=a.person_id))

    legend, headings = _legend(tie_labels, top=legend_top, family=family, homes=bool(homes))
    # The children's names isolated, as in every sentence of the picture.
    names = get_text_list([isolate(c.first_name) for c in children], _("and"))
    full_names = get_text_list([isolate(c.full_name) for c in children], _("and"))
    if family:
        title = _("Our safety network")
        summary = (_("In the middle: %(children)s.") % {"children": full_names}
                   if children else _("No child is recorded on this case yet."))
    elif children:
        title = _("Ecomap of %(child)s") % {"child": names}
        summary = ngettext("%(children)s is at the centre.", "%(children)s are in the middle.", len(children)) % {
            "children": full_names}
    else:
        title = _("Ecomap")
        summary = _("No child is recorded on this case yet.")
    description = " ".join([str(summary), *home_sentences, *(f"{node.title}." for node in people)])
    ident = "-".join(["ecomap", "family" if family else "", str(network.case.pk),
                      *(str(c.pk) for c in children)]).replace("--", "-")
    return EcomapLayout(
        width=width, height=height, ident=ident, title=str(title), description=description,
        coordinator_label=_("Coordinator"), legend_top=legend_top, children=placed_children, between=between,
        people=people, legend=legend, legend_headings=headings,
        fonts={"name": NAME_FONT, "small": SMALL_FONT, "badge": BADGE_FONT, "legend": LEGEND_FONT,
               "heading": HEADING_FONT, "child": CHILD_FONT}, family=family, homes=home_lines)


def ecomap_svg(network: Network, *, child: Person | None = None, family: bool = False) -> SafeString:
    """The ecomap as SVG markup, for a page or a PDF."""
    layout = ecomap_layout(network, child=child, family=family)
    return render_to_string("network/svg/ecomap.svg", {"map": layout})


def family_ecomap_svg(network: Network) -> SafeString:
    """The family's version of the ecomap (the family's own plan)."""
    return ecomap_svg(network, family=True)
