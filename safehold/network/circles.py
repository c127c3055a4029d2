"""The safety circles and the network's size over time, drawn as SVG on the server (like `ecomap`).

The circles: the child at the centre, the inner circle (knows everything about the worries), the middle
(knows enough to help) and the outer (to be asked); everyone placed in a circle stands evenly round its band,
the coordinator with a star. Who is not placed yet is listed beside.

The size chart is a step chart of how many people were in the safety network (inner and middle circles)
after each change, in the style of the mapping scaling chart; its figures are also in the <desc>.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safehold.network.ecomap import _f, chars_for, initials, ring_capacity, short_name, star_points, truncate
from safehold.network.models import Circle
from safehold.network.selectors import Network

# --- the circles ----------------------------------------------------------------------------------------

CX, CY = 560.0, 560.0
CIRCLES_W, HEIGHT = 1120, 1120
SIDE_X, SIDE_W = 1140, 260  # the list of who is not in the circles yet
WIDTH = SIDE_X + SIDE_W + 20
# The circles' edges and the ring inside each band on which its people stand.
EDGE: dict[str, float] = {Circle.INNER: 200.0, Circle.MIDDLE: 380.0, Circle.OUTER: 540.0}
RING: dict[str, float] = {Circle.INNER: 120.0, Circle.MIDDLE: 295.0, Circle.OUTER: 460.0}
CIRCLE_COLOURS = {
    Circle.INNER: {"fill": "#d5ecd0", "stroke": "#1b7a3a"},
    Circle.MIDDLE: {"fill": "#e9f5e6", "stroke": "#4f8a55"},
    Circle.OUTER: {"fill": "#f5f5f2", "stroke": "#7a7a7a"},
}
NODE_R, CHILD_R = 16, 32
BOX_W = 124  # a person's name and relationship fit in this width
MIN_GAP = 140  # between neighbours on a ring, so that names do not touch
STAGGER = 32  # a crowded ring puts every other person this much further in and out
NAME_FONT, SMALL_FONT = 13, 11
LIST_LINE = 20


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
        return _f(self.y + 4)

    @property
    def name_y(self) -> str:
        return _f(self.y + NODE_R + 15)

    @property
    def relationship_y(self) -> str:
        return _f(self.y + NODE_R + 28)

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
        return _f(CY - self.radius + 5)

    @property
    def label_bg(self) -> dict[str, str]:
        width = len(self.label) * 14 * 0.6 + 16
        return {"x": _f(CX - width / 2), "y": _f(CY - self.radius - 11), "w": _f(width)}


@dataclass
class CirclesPicture:
    width: int
    height: int
    ident: str
    title: str
    description: str
    centre_name: str
    centre_initials: str
    bands: list[CircleBand]
    people: list[CirclePerson]
    outside_heading: list[tuple[str, str]]  # (y, line)
    outside: list[tuple[str, str]]  # (y, name)
    centre_id: int | None = None

    @property
    def nodes(self) -> dict[int, tuple[float, float]]:
        placed = {p.person_id: (p.x, p.y) for p in self.people}
        if self.centre_id is not None:
            placed[self.centre_id] = (CX, CY)
        return placed

    @property
    def centre(self) -> dict[str, str]:
        return {"x": _f(CX), "y": _f(CY), "r": str(CHILD_R), "initials_y": _f(CY + 7),
                "name_y": _f(CY + CHILD_R + 18)}

    @property
    def side_x(self) -> str:
        return str(SIDE_X)


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


def circles_picture(network: Network) -> CirclesPicture:
    children = network.children
    child = children[0] if children else None
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
            title = (_("%(name)s, %(relationship)s") % {"name": person.full_name,
                                                        "relationship": person.relationship}
                     if person.relationship else person.full_name)
            if person.pk == network.coordinator_id:
                title = _("%(person)s; network coordinator") % {"person": title}
            people.append(CirclePerson(
                person_id=person.pk, circle=circle, x=x, y=y, name=short_name(person, name_chars),
                relationship=truncate(person.relationship, small_chars), initials=initials(person),
                coordinator=person.pk == network.coordinator_id, title=str(title)))
        names = ", ".join(p.full_name for p in members) or _("nobody yet")
        sentences.append(_("%(circle)s: %(names)s.") % {"circle": Circle(circle).label, "names": names})
    if outside:
        sentences.append(_("Not in the circles yet: %(names)s.") % {
            "names": ", ".join(p.full_name for p in outside)})

    bands = [CircleBand(circle=c, label=SHORT_LABELS[c](), radius=EDGE[c], **CIRCLE_COLOURS[c])
             for c in (Circle.OUTER, Circle.MIDDLE, Circle.INNER)]
    heading = _wrap(_("Not in the circles yet"), chars_for(SIDE_W, 15 * 1.1))
    heading_lines = [(_f(40 + 20 * n), line) for n, line in enumerate(heading)]
    top = 40 + 20 * len(heading) + 10
    room = int((HEIGHT - top - 20) / LIST_LINE)
    not_placed = [truncate(p.full_name, chars_for(SIDE_W - 14, NAME_FONT)) for p in outside]
    if len(not_placed) > room:
        rest = len(not_placed) - (room - 1)
        not_placed = [*not_placed[:room - 1],
                      ngettext("and %(count)d more", "and %(count)d more", rest) % {"count": rest}]
    if not not_placed:
        not_placed = [_("Everyone is placed.")]
    listed = [(_f(top + LIST_LINE * n), name) for n, name in enumerate(not_placed)]
    title = (_("Safety circles of %(child)s") % {"child": child.first_name} if child is not None
             else _("Safety circles"))
    return CirclesPicture(
        width=WIDTH, height=HEIGHT, ident=f"circles-{network.case.pk}", title=str(title),
        description=" ".join(str(s) for s in sentences), centre_name=child.full_name if child else "",
        centre_initials=initials(child) if child else "", bands=bands, people=people,
        outside_heading=heading_lines, outside=listed, centre_id=child.pk if child else None)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(str(text), width) or [""]


def circles_svg(network: Network) -> SafeString:
    """The safety circles as SVG markup, for a page or a PDF."""
    picture = circles_picture(network)
    return mark_safe(render_to_string("network/svg/circles.svg", {"picture": picture}))


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
    return mark_safe(render_to_string("network/svg/network_size.svg", {"chart": chart}))
