"""The safety circles and the network's size over time, drawn as SVG on the server (like `ecomap`).

The circles: the case's children in the middle, the inner circle (knows everything about the worries), the
middle (knows enough to help) and the outer (to be asked); everyone placed in a circle stands evenly round its
band, the coordinator with a star. Who is not placed yet is listed below, in columns. The text is at least 1/72
of the picture's width, so that it reads at 12 px or more across a tablet.

The size chart is a step chart of how many people were in the safety network (inner and middle circles)
after each change, in the style of the mapping scaling chart; its figures are also in the <desc>.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from safehold.core.text import isolate
from safehold.network.ecomap import _f, chars_for, initials, ring_capacity, short_name, star_points, truncate
from safehold.network.models import Circle
from safehold.network.selectors import Network

# --- the circles ----------------------------------------------------------------------------------------

CX, CY = 580.0, 580.0
WIDTH = 1160
# The circles' edges and the ring inside each band on which its people stand.
EDGE: dict[str, float] = {Circle.INNER: 240.0, Circle.MIDDLE: 400.0, Circle.OUTER: 560.0}
RING: dict[str, float] = {Circle.INNER: 170.0, Circle.MIDDLE: 320.0, Circle.OUTER: 480.0}
CIRCLE_COLOURS = {
    Circle.INNER: {"fill": "#d5ecd0", "stroke": "#1b7a3a"},
    Circle.MIDDLE: {"fill": "#e9f5e6", "stroke": "#4f8a55"},
    Circle.OUTER: {"fill": "#f5f5f2", "stroke": "#7a7a7a"},
}
NODE_R, CHILD_R = 21, 28
BOX_W = 150  # a person's name and relationship fit in this width
MIN_GAP = 165  # between neighbours on a ring, so that names do not touch
STAGGER = 30  # a crowded ring puts every other person this much further in and out
NAME_FONT, SMALL_FONT, LABEL_FONT, HEADING_FONT, CHILD_FONT = 16, 16, 17, 18, 17
LINE = 19
# Below the circles: who is not placed yet, in columns.
LIST_TOP = 2 * CY + 40
LIST_COLUMNS, LIST_LINE = 3, 26
# Two children stand one above the other; more stand round a small circle, named by their first names.
TWO_CHILDREN_APART, CHILDREN_RADIUS = 92.0, 70.0


@dataclass
class CirclePerson:
    person_id: int
    circle: str
    x: float
    y: float
    name: str
    relationship: str
    initials: str
    coordinator: bool
    title: str

    @property
    def px(self) -> str:
        return _f(self.x)

    @property
    def py(self) -> str:
        return _f(self.y)

    @property
    def initials_y(self) -> str:
        return _f(self.y + 5.5)

    @property
    def name_y(self) -> str:
        return _f(self.y + NODE_R + LINE)

    @property
    def relationship_y(self) -> str:
        return _f(self.y + NODE_R + 2 * LINE)

    @property
    def star(self) -> str:
        return star_points(self.x - NODE_R + 1, self.y - NODE_R + 1, 10, 4.2)


@dataclass
class CircleBand:
    circle: str
    label: str
    radius: float
    fill: str
    stroke: str

    @property
    def r(self) -> str:
        return _f(self.radius)

    @property
    def label_y(self) -> str:
        return _f(CY - self.radius + 6)

    @property
    def label_bg(self) -> dict[str, str]:
        width = len(self.label) * LABEL_FONT * 0.62 + 20
        return {"x": _f(CX - width / 2), "y": _f(CY - self.radius - 14), "w": _f(width)}


@dataclass
class CircleChild:
    """A child in the middle."""

    person_id: int
    x: float
    y: float
    name: str
    initials: str

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
        return _f(self.y + CHILD_R + LINE)


@dataclass
class CirclesPicture:
    width: int
    height: int
    ident: str
    title: str
    description: str
    children: list[CircleChild]
    bands: list[CircleBand]
    people: list[CirclePerson]
    outside_heading: list[tuple[str, str]]  # (y, line)
    outside: list[tuple[str, str, str]]  # (x, y, name)
    fonts: dict[str, int] = field(default_factory=dict)

    @property
    def nodes(self) -> dict[int, tuple[float, float]]:
        placed = {p.person_id: (p.x, p.y) for p in self.people}
        placed.update({c.person_id: (c.x, c.y) for c in self.children})
        return placed

    @property
    def centre(self) -> dict[str, str]:
        return {"x": _f(CX), "y": _f(CY)}

    @property
    def side_x(self) -> str:
        return "40"


SHORT_LABELS = {
    Circle.INNER: lambda: _("Inner circle"),
    Circle.MIDDLE: lambda: _("Middle circle"),
    Circle.OUTER: lambda: _("Outer circle"),
}


def _positions(n: int, radius: float) -> list[tuple[float, float]]:
    """`n` places evenly round a ring, starting half a step from the top (where the circle's name is); a
    ring too crowded for its names staggers them in and out."""
    if n == 0:
        return []
    step = 2 * math.pi / n
    crowded = n > ring_capacity(radius, MIN_GAP)
    places = []
    for i in range(n):
        angle = -math.pi / 2 + step * (i + 0.5)
        r = radius + (STAGGER if i % 2 else -STAGGER) if crowded else radius
        places.append((CX + r * math.cos(angle), CY + r * math.sin(angle)))
    return places


def _children(network: Network) -> list[CircleChild]:
    children = network.children
    if len(children) == 1:
        places = [(CX, CY)]
    elif len(children) == 2:
        places = [(CX, CY - TWO_CHILDREN_APART / 2), (CX, CY + TWO_CHILDREN_APART / 2)]
    else:
        places = [(CX + CHILDREN_RADIUS * math.cos(-math.pi / 2 + i * 2 * math.pi / len(children)),
                   CY + CHILDREN_RADIUS * math.sin(-math.pi / 2 + i * 2 * math.pi / len(children)))
                  for i in range(len(children))]
    several = len(children) > 2
    return [CircleChild(person_id=c.pk, x=x, y=y,
                        name=truncate(c.first_name if several else c.full_name, 10 if several else 18),
                        initials=initials(c)) for c, (x, y) in zip(children, places, strict=True)]


def circles_picture(network: Network) -> CirclesPicture:
    children = network.children
    name_chars, small_chars = chars_for(BOX_W, NAME_FONT), chars_for(BOX_W, SMALL_FONT)
    by_circle: dict[str, list] = {c: [] for c in RING}
    outside = []
    for person in network.people:
        if person.is_child:
            continue
        circle = network.circles.get(person.pk)
        if circle in by_circle:
            by_circle[circle].append(person)
        else:
            outside.append(person)

    people = []
    sentences = []
    for circle, members in by_circle.items():
        for person, (x, y) in zip(members, _positions(len(members), RING[circle]), strict=True):
            # The names isolated: a right-to-left override in one must not reorder the words after it.
            title = (_("%(name)s, %(relationship)s") % {"name": isolate(person.full_name),
                                                        "relationship": person.relationship}
                     if person.relationship else isolate(person.full_name))
            if person.pk == network.coordinator_id:
                title = _("%(person)s; network coordinator") % {"person": title}
            people.append(CirclePerson(
                person_id=person.pk, circle=circle, x=x, y=y, name=short_name(person, name_chars),
                relationship=truncate(person.relationship, small_chars), initials=initials(person),
                coordinator=person.pk == network.coordinator_id, title=str(title)))
        names = ", ".join(isolate(p.full_name) for p in members) or _("nobody yet")
        sentences.append(_("%(circle)s: %(names)s.") % {"circle": Circle(circle).label, "names": names})
    if outside:
        sentences.append(_("Not in the circles yet: %(names)s.") % {
            "names": ", ".join(isolate(p.full_name) for p in outside)})

    bands = [CircleBand(circle=c, label=SHORT_LABELS[c](), radius=EDGE[c], **CIRCLE_COLOURS[c])
             for c in (Circle.OUTER, Circle.MIDDLE, Circle.INNER)]
    heading_lines = [(_f(LIST_TOP), str(_("Not in the circles yet")))]
    column_w = (WIDTH - 80) / LIST_COLUMNS
    not_placed = [truncate(p.full_name, chars_for(column_w - 14, NAME_FONT)) for p in outside] or [
        str(_("Everyone is placed."))]
    rows = math.ceil(len(not_placed) / LIST_COLUMNS)
    listed = [(_f(40 + column_w * (n // rows)), _f(LIST_TOP + LIST_LINE * (1 + n % rows)), name)
              for n, name in enumerate(not_placed)]
    names = get_text_list([isolate(c.first_name) for c in children], _("and"))
    title = _("Safety circles of %(child)s") % {"child": names} if children else _("Safety circles")
    return CirclesPicture(
        width=WIDTH, height=int(LIST_TOP + LIST_LINE * (rows + 1) + 10), ident=f"circles-{network.case.pk}",
        title=str(title), description=" ".join(str(s) for s in sentences), children=_children(network),
        bands=bands, people=people, outside_heading=heading_lines, outside=listed,
        fonts={"name": NAME_FONT, "small": SMALL_FONT, "label": LABEL_FONT, "heading": HEADING_FONT,
               "child": CHILD_FONT})


def circles_svg(network: Network) -> SafeString:
    """The safety circles as SVG markup, for a page or a PDF."""
    picture = circles_picture(network)
    return render_to_string("network/svg/circles.svg", {"picture": picture})


# --- the network's size over time -----------------------------------------------------------------------

CHART_W, CHART_H = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 20, 14, 40


@dataclass
class SizeStep:
    on: date
    size: int
    x1: float  # from this change …
    x2: float  # … to the next one (or today)
    y: float

    @property
    def label(self) -> str:
        return _("%(date)s: %(count)d") % {"date": date_format(self.on, "SHORT_DATE_FORMAT"), "count": self.size}

    @property
    def coords(self) -> dict[str, str]:
        return {"x1": _f(self.x1), "x2": _f(self.x2), "y": _f(self.y)}


@dataclass
class SizeChart:
    width: int
    height: int
    ident: str
    title: str
    description: str
    steps: list[SizeStep] = field(default_factory=list)
    y_ticks: list[tuple[str, int]] = field(default_factory=list)
    x_ticks: list[tuple[str, str]] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = CHART_W - RIGHT
    plot_top: int = TOP
    plot_bottom: int = CHART_H - BOTTOM

    @property
    def path(self) -> str:
        """The steps as one line: along each period, then up or down to the next."""
        parts = []
        for n, step in enumerate(self.steps):
            parts.append(f"{'M' if n == 0 else 'L'}{_f(step.x1)},{_f(step.y)} L{_f(step.x2)},{_f(step.y)}")
        return " ".join(parts)

    @property
    def y_label_x(self) -> int:
        return self.plot_left - 8

    @property
    def x_label_y(self) -> int:
        return self.plot_bottom + 22

    @property
    def empty_y(self) -> str:
        return _f((self.plot_top + self.plot_bottom) / 2)


def network_size_chart(network: Network, *, today: date | None = None) -> SizeChart:
    sizes = network.size_over_time()
    today = today or timezone.localdate()
    chart = SizeChart(width=CHART_W, height=CHART_H, ident=f"network-size-{network.case.pk}",
                      title=_("Size of the safety network over time"), description="")
    if not sizes:
        chart.description = _("Nobody has been placed in the circles yet.")
        return chart
    first, last = sizes[0][0], max(sizes[-1][0], today)
    days = max((last - first).days, 1)
    span = chart.plot_right - chart.plot_left
    top_value = max(max(size for _on, size in sizes), 1)
    every = 1 if top_value <= 10 else math.ceil(top_value / 5)
    top_value = math.ceil(top_value / every) * every

    def x(on: date) -> float:
        return chart.plot_left + span * (on - first).days / days

    def y(size: int) -> float:
        return chart.plot_top + (chart.plot_bottom - chart.plot_top) * (top_value - size) / top_value

    ends = [on for on, _size in sizes[1:]] + [last]
    chart.steps = [SizeStep(on, size, x(on), x(end) if end > on else chart.plot_right, y(size))
                   for (on, size), end in zip(sizes, ends, strict=True)]
    chart.y_ticks = [(_f(y(v)), v) for v in range(0, top_value + 1, every)]
    shown: list[tuple[str, str]] = []
    previous = -1000.0
    for step in chart.steps:
        if step.x1 - previous >= 48:  # dates closer than this would write over each other
            shown.append((_f(step.x1), date_format(step.on, "d.m.")))
            previous = step.x1
    chart.x_ticks = shown
    chart.description = "; ".join(step.label for step in chart.steps)
    return chart


def network_size_svg(network: Network) -> SafeString:
    """The step chart as SVG markup, with its figures in the <desc>."""
    chart = network_size_chart(network)
    return render_to_string("network/svg/network_size.svg", {"chart": chart})
