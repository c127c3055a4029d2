"""The ecomap: the child at the centre, everyone else of the case around them, and a line to each that shows
how their tie to the child is. Who is in the safety network, who coordinates it, who holds rules of the
active safety plan and who may not have contact is marked on each person.

Drawn as SVG on the server like `mapping.chart` and `child_voice.pictures`: the geometry is computed here, the
template only places it and escapes every word, and the same picture shows on the page and in WeasyPrint.

The layout is three rings: family and caregivers (and the other children) nearest, network members next,
professionals outermost. A ring holds only as many people as fit without their names touching; the rest
spill onto the next ring (outwards first, then inwards), so up to 38 people are drawn without overlap. Past
that the rings get crowded but nobody is left out.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safehold.cases.models import Person, PersonRole
from safehold.network.models import Circle, Kind, Quality
from safehold.network.selectors import Network

WIDTH = 1150
CX, CY = 575.0, 540.0
RINGS = (175.0, 335.0, 495.0)
NODE_R = 18
CHILD_R = 30
NETWORK_RING = NODE_R + 5  # the green ring of the safety network
# What a person's drawing covers around the centre of their circle: the rules badge above, name,
# relationship and "Coordinator" below.
BOX_W = 130
BOX_TOP, BOX_BOTTOM = 24, 66
# Two boxes whose centres are this far apart cannot meet, whatever the direction (√(130² + 90²) ≈ 158).
MIN_GAP = 160
NAME_FONT, SMALL_FONT, BADGE_FONT = 13, 11, 10
CHAR = 0.58  # DejaVu Sans averages about 0.55 em a character; a little room to spare
LEGEND_ROW = 24
LEGEND_TOP = CY + RINGS[-1] + BOX_BOTTOM + 30
LEGEND_ROWS = 7  # a heading and six lines
HEIGHT = int(LEGEND_TOP + LEGEND_ROWS * LEGEND_ROW + 12)

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
    style: str  # a quality, "none" or "restricted"
    path: str
    stroke: str
    width: str
    dash: str


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
    line: EcomapLine | None = None

    @property
    def px(self) -> str:
        return _f(self.x)

    @property
    def py(self) -> str:
        return _f(self.y)

    @property
    def initials_y(self) -> str:
        return _f(self.y + 4.5)

    @property
    def name_y(self) -> str:
        return _f(self.y + NODE_R + 15)

    @property
    def relationship_y(self) -> str:
        return _f(self.y + NODE_R + 29)

    @property
    def coordinator_y(self) -> str:
        return _f(self.y + NODE_R + 29 + (14 if self.relationship_drawn else 0))

    @property
    def label_bg(self) -> dict[str, str]:
        """A white ground under the name and relationship, so that lines to people further out do not run
        through the words."""
        width = max(len(self.name) * NAME_FONT, len(self.relationship_drawn) * SMALL_FONT) * CHAR + 8
        height = 17 + (14 if self.relationship_drawn else 0) + (14 if self.coordinator else 0)
        return {"x": _f(self.x - width / 2), "y": _f(self.y + NODE_R + 2), "w": _f(width), "h": str(height)}

    @property
    def star(self) -> str:
        return star_points(self.x - NODE_R + 1, self.y - NODE_R + 1, 10, 4.2)

    @property
    def rules_text(self) -> str:
        return ngettext("%(count)d rule", "%(count)d rules", self.rules) % {"count": self.rules}

    @property
    def badge(self) -> dict[str, str]:
        """The rules badge, a pill above right of the person's circle."""
        width = len(self.rules_text) * BADGE_FONT * CHAR + 10
        left = self.x + 6
        return {"x": _f(left), "y": _f(self.y - BOX_TOP), "w": _f(width), "h": "16",
                "text_x": _f(left + width / 2), "text_y": _f(self.y - BOX_TOP + 11.5)}

    @property
    def restricted_sign(self) -> dict[str, str]:
        """⊘ drawn as a circle and a stroke (no font needed), below right of the person's circle."""
        cx, cy, r = self.x + NODE_R - 1, self.y + NODE_R - 7, 7.0
        d = r * math.cos(math.pi / 4)
        return {"cx": _f(cx), "cy": _f(cy), "r": _f(r), "x1": _f(cx - d), "y1": _f(cy + d), "x2": _f(cx + d),
                "y2": _f(cy - d)}

    @property
    def box(self) -> tuple[float, float, float, float]:
        """What this person's drawing covers (left, top, right, bottom)."""
        return (self.x - BOX_W / 2, self.y - BOX_TOP, self.x + BOX_W / 2, self.y + BOX_BOTTOM)

    @property
    def css_class(self) -> str:
        classes = ["person", f"tie-{self.tie}"]
        classes += [name for name, on in (("in-network", self.in_network), ("coordinator", self.coordinator),
                                          ("restricted", self.restricted), ("deceased", self.deceased)) if on]
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
        return _f(self.y + 4.5)

    @property
    def sign_x(self) -> str:
        return _f(self.x + 25)

    @property
    def star(self) -> str:
        return star_points(self.x + 25, self.y, 10, 4.2)

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
        return _f(self.y - 8)

    @property
    def badge_text_y(self) -> str:
        return _f(self.y + 3.5)


@dataclass
class EcomapLayout:
    width: int
    height: int
    ident: str
    title: str
    description: str
    centre_id: int | None
    centre_name: str
    centre_initials: str
    coordinator_label: str
    people: list[EcomapNode] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    legend_headings: list[tuple[str, str, str]] = field(default_factory=list)  # (x, y, text)

    @property
    def nodes(self) -> dict[int, tuple[float, float]]:
        """Where each person is drawn, the centre child included."""
        placed = {node.person_id: (node.x, node.y) for node in self.people}
        if self.centre_id is not None:
            placed[self.centre_id] = (CX, CY)
        return placed

    @property
    def legend_rule_y(self) -> str:
        return _f(LEGEND_TOP - 16)

    @property
    def centre(self) -> dict[str, str]:
        return {"x": _f(CX), "y": _f(CY), "r": str(CHILD_R), "initials_y": _f(CY + 7),
                "name_y": _f(CY + CHILD_R + 19)}


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


def _line(style: str, x: float, y: float, *, end_gap: float, deceased: bool) -> EcomapLine:
    """A line from the child at the centre to (x, y), stopping short of both circles."""
    length = math.hypot(x - CX, y - CY)
    ux, uy = (x - CX) / length, (y - CY) / length
    start = (CX + ux * (CHILD_R + 2), CY + uy * (CHILD_R + 2))
    end = (x - ux * end_gap, y - uy * end_gap)
    look = LINE_STYLES[style]
    return EcomapLine(style=style, path=_line_path(*start, *end, zigzag=style == Quality.STRESSFUL),
                      stroke=GREY if deceased else look["stroke"], width=look["width"], dash=look["dash"])


def _ties(network: Network, child: Person | None) -> tuple[dict[int, str], set[int], set[int]]:
    """How each person's tie to the centre child is (by quality), who may not have contact with the centre
    child, and who may not have contact with any child of the case."""
    qualities: dict[int, list[str]] = {}
    restricted_centre: set[int] = set()
    restricted_any: set[int] = set()
    children = {p.pk for p in network.children}
    for rel in network.relationships:
        for me, other in ((rel.person_a_id, rel.person_b_id), (rel.person_b_id, rel.person_a_id)):
            if rel.kind == Kind.CONTACT_RESTRICTED:
                if other in children and me not in children:
                    restricted_any.add(me)
                if child is not None and other == child.pk:
                    restricted_centre.add(me)
            elif child is not None and other == child.pk:
                qualities.setdefault(me, []).append(rel.quality)
    ties: dict[int, str] = {pid: next(q for q in QUALITY_ORDER if q in found) for pid, found in qualities.items()}
    return ties, restricted_centre, restricted_any | restricted_centre


CIRCLE_NAMES: dict[str, Callable[[], str]] = {
    Circle.INNER: lambda: _("inner circle"),
    Circle.MIDDLE: lambda: _("middle circle"),
    Circle.OUTER: lambda: _("outer circle"),
}


def _person_text(node: EcomapNode, tie_label: str) -> str:
    """One person as a sentence, for the person's <title> and the picture's description."""
    parts = [_("%(name)s, %(relationship)s") % {"name": node.full_name, "relationship": node.relationship}
             if node.relationship else node.full_name, tie_label]
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


def _legend(tie_labels: dict[str, str]) -> tuple[list[LegendItem], list[tuple[str, str, str]]]:
    left, right = 40.0, WIDTH / 2 + 20
    top = LEGEND_TOP + LEGEND_ROW
    items = []
    for row, style in enumerate((Quality.STRONG, Quality.NORMAL, Quality.WEAK, Quality.STRESSFUL, "none",
                                 "restricted")):
        y = top + row * LEGEND_ROW
        zig = style == Quality.STRESSFUL
        look = LINE_STYLES[style]
        line = EcomapLine(style, _line_path(left, y, left + 50, y, zigzag=zig), look["stroke"], look["width"],
                          look["dash"])
        items.append(LegendItem(kind=style, label=tie_labels[style], x=left, y=y, line=line))
    signs = [
        ("network", _("in the safety network (inner or middle circle)")),
        ("coordinator", _("network coordinator")),
        ("rules", _("rules of the active safety plan this person holds")),
        ("restricted", _("contact with the child restricted")),
        ("deceased", _("deceased (greyed)")),
    ]
    for row, (kind, label) in enumerate(signs):
        items.append(LegendItem(kind=f"sign-{kind}", label=label, x=right, y=top + row * LEGEND_ROW))
    headings = [(_f(left), _f(LEGEND_TOP + 4), _("The lines: how each tie to the child is")),
                (_f(right), _f(LEGEND_TOP + 4), _("The signs"))]
    return items, headings


def ecomap_layout(network: Network, *, child: Person | None = None) -> EcomapLayout:
    """Where everyone goes. `child` is the one at the centre, by default the case's first child."""
    children = network.children
    if child is None:
        child = children[0] if children else None
    elif child.pk not in {c.pk for c in children}:
        raise ValueError("the centre of an ecomap is a child of the case")
    ties, restricted_centre, restricted = _ties(network, child)
    tie_labels = _tie_labels()

    around = [p for p in network.people if child is None or p.pk != child.pk]
    groups: list[list[Person]] = [[], [], []]
    for person in around:
        groups[RING_OF_ROLE.get(PersonRole(person.role), 1)].append(person)
    capacities = [ring_capacity(r, MIN_GAP) for r in RINGS]
    counts = spread([len(g) for g in groups], capacities)
    ordered = [p for g in groups for p in g]

    name_chars = chars_for(BOX_W, NAME_FONT)
    small_chars = chars_for(BOX_W, SMALL_FONT)
    people: list[EcomapNode] = []
    placed_angles: list[float] = []
    start = 0
    for radius, count in zip(RINGS, counts, strict=True):
        angles = ring_angles(count, placed_angles)
        for person, angle in zip(ordered[start:start + count], angles, strict=True):
            x, y = CX + radius * math.cos(angle), CY + radius * math.sin(angle)
            circle = network.circles.get(person.pk)
            tie = "restricted" if person.pk in restricted_centre else ties.get(person.pk, "none")
            node = EcomapNode(
                person_id=person.pk, x=x, y=y, name=short_name(person, name_chars), full_name=person.full_name,
                relationship=person.relationship, relationship_drawn=truncate(person.relationship, small_chars),
                initials=initials(person), tie=tie,
                circle=circle, in_network=network.in_safety_network(person.pk),
                coordinator=person.pk == network.coordinator_id, rules=network.rules_held.get(person.pk, 0),
                restricted=person.pk in restricted, deceased=person.deceased, title="")
            node.title = _person_text(node, tie_labels[tie])
            end_gap = NETWORK_RING + 3 if node.in_network else NODE_R + 2
            node.line = _line(tie, x, y, end_gap=end_gap, deceased=person.deceased)
            people.append(node)
        placed_angles += angles
        start += count

    legend, headings = _legend(tie_labels)
    centre_name = child.full_name if child else _("The child (not recorded yet)")
    if child is not None:
        title = _("Ecomap of %(child)s") % {"child": child.first_name}
        summary = _("%(child)s is at the centre.") % {"child": child.full_name}
    else:
        title = _("Ecomap")
        summary = _("No child is recorded on this case yet.")
    description = " ".join([str(summary), *(f"{node.title}." for node in people)])
    return EcomapLayout(
        width=WIDTH, height=HEIGHT, ident=f"ecomap-{network.case.pk}-{child.pk if child else 0}", title=str(title),
        description=description, centre_id=child.pk if child else None,
        centre_name=truncate(str(centre_name), chars_for(BOX_W * 1.4, 15)),
        centre_initials=initials(child) if child else "", coordinator_label=_("Coordinator"), people=people,
        legend=legend, legend_headings=headings)


def ecomap_svg(network: Network, *, child: Person | None = None) -> SafeString:
    """The ecomap as SVG markup, for a page or a PDF."""
    layout = ecomap_layout(network, child=child)
    return mark_safe(render_to_string("network/svg/ecomap.svg", {"map": layout}))
