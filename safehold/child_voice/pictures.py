"""The child's words as pictures: the Three Houses, the Fairies & Wizards wand, the Safety House.

Drawn as SVG on the server (like `mapping.chart`), so that the same picture shows on the page, downloads and
prints in WeasyPrint. The geometry is computed here; the templates only place it, and escape every word.
Text is wrapped by counting characters (DejaVu Sans averages about 0.55 em a character, we reserve 0.6),
and each part of a picture grows with what it holds, so nothing the child said is cut off.

Only what the view's audience may see is in a picture: it is drawn from a `ConversationView` or a
`SafetyHouseView` (see `selectors`), never from the records themselves. The worker's picture marks what the
child kept from the parents (a padlock and dark red words, explained under the picture); in the others, a part
left empty only because the child kept what it holds says so.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.child_voice.models import Area, HouseArea, Tool, WrittenBy
from safehold.child_voice.selectors import ConversationView, SafetyHouseView

WIDTH = 720
MARGIN = 16
FONT = 15  # the child's words
LINE = 19
LABEL_FONT = 16
LABEL_LINE = 20
LEGEND_LINE = 26
KEPT_COLOUR = "#7a1b14"  # what the child kept from the parents (contrast > 7:1 on every fill)
CHAR = 0.6  # the width of a character, in em, with room to spare
ITEM_GAP = 8  # between two statements

# Soft, distinct colours for the three areas; text stays near-black on the light fills (contrast > 12:1).
COLOURS = {
    Area.WORRIES: {"fill": "#dde6f0", "roof": "#8ea6c0", "stroke": "#41607f"},  # grey-blue
    Area.GOOD: {"fill": "#e0f1dc", "roof": "#8fc485", "stroke": "#2f6b2f"},  # green
    Area.DREAMS: {"fill": "#fff3c4", "roof": "#c9a6de", "stroke": "#6a3d8f"},  # yellow walls, purple roof
}
WAND_COLOURS = {
    Area.WORRIES: {"fill": "#dde6f0", "stroke": "#41607f"},
    Area.GOOD: {"fill": "#e0f1dc", "stroke": "#2f6b2f"},
    Area.DREAMS: {"fill": "#efe3f7", "stroke": "#6a3d8f"},
}


def wrap(text: str, width_chars: int) -> list[str]:
    """`text` as lines of at most `width_chars` characters, broken between words (a word longer than a line
    is broken inside). The child's own line breaks are kept; blank lines are dropped."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        lines += textwrap.wrap(paragraph, max(width_chars, 1), break_on_hyphens=False)
    return lines


def chars_for(width: float, font_size: float = FONT) -> int:
    return max(int(width / (font_size * CHAR)), 1)


@dataclass
class TextLine:
    x: float
    y: float  # the baseline
    text: str

    @property
    def px(self) -> str:
        return _f(self.x)

    @property
    def py(self) -> str:
        return _f(self.y)


@dataclass
class TextBlock:
    """One statement or entry: its lines, whether the child wrote it (shown in italics) and whether the child
    kept it from the parents (a padlock for a bullet, dark red words); or the note that a part is kept
    private."""

    lines: list[TextLine]
    by_child: bool
    kept: bool = False
    note: bool = False
    bullet_x: float = 0
    bullet_y: float = 0
    number: int | None = None

    @property
    def height(self) -> int:
        return len(self.lines) * LINE

    @property
    def bullet(self) -> tuple[str, str]:
        return _f(self.bullet_x), _f(self.bullet_y)

    @property
    def lock_x(self) -> str:
        """Where a padlock goes beside a bullet of its own (the red cross of who must stay outside)."""
        return _f(self.bullet_x - 16)


def _block(text: str, by_child: bool, *, x: float, top: float, width: float, kept: bool = False,
           note: bool = False) -> TextBlock:
    lines = [TextLine(x, top + LINE * n + FONT, line) for n, line in enumerate(wrap(text, chars_for(width)))]
    return TextBlock(lines, by_child, kept=kept, note=note, bullet_x=x - 9, bullet_y=top + FONT - 5)


def kept_private_note() -> str:
    """What a part left empty for the reader says when the child kept what it holds (the same words as the
    booklet's lists)."""
    return _("Some things here I keep to myself.")


def _stack(items: list, *, x: float, top: float, width: float,
           kept_private: bool = False) -> tuple[list[TextBlock], float]:
    """Statements or entries written one below the other from `top`; returns them and where they end. With
    none to show because the child kept them, the note that says so."""
    blocks = []
    y = top
    for item in items:
        block = _block(item.text, item.written_by == WrittenBy.CHILD, x=x, top=y, width=width,
                       kept=item.kept_from_parents)
        blocks.append(block)
        y += block.height + ITEM_GAP
    if not items and kept_private:
        block = _block(kept_private_note(), False, x=x, top=y, width=width, note=True)
        blocks.append(block)
        y += block.height + ITEM_GAP
    return blocks, y - ITEM_GAP if blocks else y


def _label(text: str, *, centre: float, top: float, width: float) -> list[TextLine]:
    return [TextLine(centre, top + LABEL_LINE * n + LABEL_FONT, line)
            for n, line in enumerate(wrap(text, chars_for(width, LABEL_FONT * 1.1)))]


def _f(value: float) -> str:
    return f"{value:.1f}"


# --- Three Houses and Fairies & Wizards ----------------------------------------------------------------

COLUMN_GAP = 16
COLUMN_WIDTH = (WIDTH - 2 * MARGIN - 2 * COLUMN_GAP) / 3
PAD = 14
ROOF = 64
DOOR_W, DOOR_H = 40, 58
MIN_BODY = 150
WAND_TOP = 150  # room for the wand above the bubbles
STAR_Y = 44  # the centre of the wand's star


@dataclass
class Column:
    """One house (or one bubble): where it stands, its name and the child's words inside."""

    area: str
    label: str
    colours: dict[str, str]
    x: float
    width: float
    label_lines: list[TextLine] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)
    top: float = 0  # of the walls (or the bubble)
    height: float = 0
    roof_top: float = 0

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def centre(self) -> float:
        return self.x + self.width / 2

    @property
    def body(self) -> dict[str, str]:
        return {"x": _f(self.x), "y": _f(self.top), "w": _f(self.width), "h": _f(self.height)}

    @property
    def trail(self) -> list[tuple[str, str, str]]:
        """Three bubbles of growing size from the wand's star down to this bubble, like a thought."""
        star_x, star_y = WIDTH / 2, STAR_Y + 30
        end_x, end_y = self.centre, self.top - 8
        return [(_f(star_x + (end_x - star_x) * t), _f(star_y + (end_y - star_y) * t), str(r))
                for t, r in ((0.3, 3), (0.55, 5), (0.8, 7))]

    @property
    def roof(self) -> str:
        overhang = 8
        return (f"{_f(self.x - overhang)},{_f(self.top)} {_f(self.centre)},{_f(self.roof_top)} "
                f"{_f(self.right + overhang)},{_f(self.top)}")

    @property
    def door(self) -> dict[str, str]:
        bottom = self.top + self.height
        return {"x": _f(self.centre - DOOR_W / 2), "y": _f(bottom - DOOR_H), "w": str(DOOR_W), "h": str(DOOR_H),
                "knob_x": _f(self.centre + DOOR_W / 2 - 9), "knob_y": _f(bottom - DOOR_H / 2)}


@dataclass
class Picture:
    kind: str  # three_houses, fairies_wizards, safety_house
    width: int
    height: float
    ident: str  # unique in a page, for aria-labelledby
    title: str
    description: str
    columns: list[Column] = field(default_factory=list)
    ground: float = 0
    any_by_child: bool = False
    legend_y: float = 0
    any_kept: bool = False
    kept_legend_y: float = 0

    @property
    def kept_lock(self) -> tuple[str, str]:
        """Where the padlock of the line that explains it goes."""
        return _f(20), _f(self.kept_legend_y - 5)

    @property
    def height_text(self) -> str:
        return str(math.ceil(self.height))

    @property
    def star(self) -> str:
        """A five-pointed star, the tip of the wand."""
        cx, cy, outer, inner = WIDTH / 2, STAR_Y, 30, 13
        points = []
        for n in range(10):
            radius = outer if n % 2 == 0 else inner
            angle = math.pi / 2 + n * math.pi / 5
            points.append(f"{_f(cx + radius * math.cos(angle))},{_f(cy - radius * math.sin(angle))}")
        return " ".join(points)

    @property
    def wand(self) -> dict[str, str]:
        return {"x1": _f(WIDTH / 2 + 24), "y1": _f(STAR_Y + 6), "x2": _f(WIDTH / 2 + 140), "y2": _f(STAR_Y + 36)}


def _columns(view: ConversationView, *, label_top: float) -> list[Column]:
    tool = Tool(view.conversation.tool)
    columns = []
    for n, (area, label, statements) in enumerate(view.area_items()):
        x = MARGIN + n * (COLUMN_WIDTH + COLUMN_GAP)
        colours = (COLOURS if tool == Tool.THREE_HOUSES else WAND_COLOURS)[Area(area)]
        column = Column(area, label, colours, x, COLUMN_WIDTH)
        column.label_lines = _label(label, centre=column.centre, top=label_top, width=COLUMN_WIDTH - 8)
        # Laid out from 0; moved to the column's place once all heights are known.
        column.blocks, _end = _stack(statements, x=x + PAD + 8, top=0, width=COLUMN_WIDTH - 2 * PAD - 8,
                                     kept_private=view.kept_private(area))
        columns.append(column)
    return columns


def _shift(blocks: list[TextBlock], dy: float) -> None:
    for block in blocks:
        block.bullet_y += dy
        for line in block.lines:
            line.y += dy


def _text_height(column: Column) -> float:
    return sum(b.height for b in column.blocks) + ITEM_GAP * max(len(column.blocks) - 1, 0)


def _three_houses(view: ConversationView, picture: Picture) -> None:
    columns = _columns(view, label_top=MARGIN)
    label_height = max(len(c.label_lines) for c in columns) * LABEL_LINE + 10
    # The houses stand on one ground; a house is as tall as its words need, above its door.
    bodies = [max(MIN_BODY, PAD + _text_height(c) + PAD + DOOR_H + 6) for c in columns]
    picture.ground = MARGIN + label_height + ROOF + max(bodies)
    for column, body in zip(columns, bodies, strict=True):
        column.top = picture.ground - body
        column.height = body
        column.roof_top = column.top - ROOF
        # Each name sits just above its own roof.
        _move_label(column, column.roof_top - 8 - len(column.label_lines) * LABEL_LINE)
        _shift(column.blocks, column.top + PAD)
    picture.columns = columns
    picture.height = picture.ground + 14


def _move_label(column: Column, top: float) -> None:
    dy = top - (column.label_lines[0].y - LABEL_FONT) if column.label_lines else 0
    for line in column.label_lines:
        line.y += dy


def _fairies_wizards(view: ConversationView, picture: Picture) -> None:
    columns = _columns(view, label_top=0)
    label_height = max(len(c.label_lines) for c in columns) * LABEL_LINE
    for column in columns:
        column.top = WAND_TOP
        column.height = max(MIN_BODY, PAD + label_height + 10 + _text_height(column) + PAD)
        _move_label(column, column.top + PAD)
        _shift(column.blocks, column.top + PAD + label_height + 10)
    picture.columns = columns
    picture.ground = WAND_TOP + max(c.height for c in columns)
    picture.height = picture.ground + MARGIN


def conversation_picture(view: ConversationView) -> Picture:
    conversation = view.conversation
    tool = Tool(conversation.tool)
    counts = "; ".join(f"{label}: {len(statements)}" for _area, label, statements in view.area_items())
    picture = Picture(
        kind=tool.value, width=WIDTH, height=0, ident=f"cv-{conversation.pk}-{view.audience}",
        title=_("%(tool)s of %(child)s, %(date)s") % {
            "tool": tool.label, "child": conversation.child.first_name,
            "date": date_format(conversation.held_on, "SHORT_DATE_FORMAT")},
        description=str(counts),
    )
    if tool == Tool.THREE_HOUSES:
        _three_houses(view, picture)
    else:
        _fairies_wizards(view, picture)
    picture.height = _legends(picture, [b for c in picture.columns for b in c.blocks], picture.height)
    return picture


def _legends(picture: Picture | SafetyHousePicture, blocks: list[TextBlock], bottom: float) -> float:
    """Place the lines that explain the picture's marks (italics, the padlock) below `bottom`, one line each
    if the picture has such a mark; returns where they end."""
    picture.any_by_child = any(b.by_child for b in blocks)
    picture.any_kept = any(b.kept for b in blocks)
    if picture.any_by_child:
        bottom += LEGEND_LINE
        picture.legend_y = bottom - 20
    if picture.any_kept:
        bottom += LEGEND_LINE
        picture.kept_legend_y = bottom - 20
    return bottom


def conversation_svg(view: ConversationView) -> SafeString:
    """The conversation as `view.audience` may see it, as SVG markup to put in a page or a PDF."""
    picture = conversation_picture(view)
    return render_to_string(f"child_voice/svg/{picture.kind}.svg", {"picture": picture})


# --- the Safety House -----------------------------------------------------------------------------------

HOUSE_LABELS = {
    HouseArea.INSIDE: gettext_lazy("Who lives here with me"),
    HouseArea.ROOF: gettext_lazy("The rules"),
    HouseArea.PATH: gettext_lazy("The path to the door"),
    HouseArea.VISITORS: gettext_lazy("Who may visit"),
    HouseArea.OUTSIDE: gettext_lazy("Who must stay outside the red circle"),
}
BOX_W = 460  # what the red circle goes round: the house, the path and the visitors
BOX_X = (WIDTH - BOX_W) / 2
BODY_W = 300
ROOF_BASE = BODY_W + 40
ROOF_TOP_SHARE = 0.6  # the roof is a trapezoid; its top edge is this share of its base
PATH_W = 40
CIRCLE_PAD = 16  # between what is drawn inside the red circle and the circle
SCALE_TOP_PAD = 24


@dataclass
class Stone:
    x: float
    y: float
    number: int
    kept: bool = False

    @property
    def px(self) -> str:
        return _f(self.x)

    @property
    def py(self) -> str:
        return _f(self.y)

    @property
    def number_y(self) -> str:
        return _f(self.y + 5)


@dataclass
class SafetyHousePicture:
    width: int
    height: float
    ident: str
    title: str
    description: str
    labels: dict[str, str]
    roof: str = ""
    roof_label: TextLine | None = None
    rules: list[TextBlock] = field(default_factory=list)
    body: dict[str, str] = field(default_factory=dict)
    inside_label: TextLine | None = None
    inside: list[TextBlock] = field(default_factory=list)
    door: dict[str, str] = field(default_factory=dict)
    path: str = ""
    path_label: TextLine | None = None
    steps: list[TextBlock] = field(default_factory=list)
    stones: list[Stone] = field(default_factory=list)
    visitors_label: TextLine | None = None
    visitors: list[TextBlock] = field(default_factory=list)
    circle: dict[str, str] = field(default_factory=dict)
    outside_label: TextLine | None = None
    outside: list[TextBlock] = field(default_factory=list)
    score: int | None = None
    scale: dict = field(default_factory=dict)
    any_by_child: bool = False
    legend_y: float = 0
    any_kept: bool = False
    kept_legend_y: float = 0

    @property
    def kept_lock(self) -> tuple[str, str]:
        """Where the padlock of the line that explains it goes."""
        return _f(20), _f(self.kept_legend_y - 5)

    @property
    def height_text(self) -> str:
        return str(math.ceil(self.height))


def _heading(text: str, *, x: float, top: float, anchor_width: float) -> tuple[TextLine, float]:
    """A short heading of one line (cut only if a translation is very long: the lists under the picture
    carry the full wording)."""
    line = wrap(text, chars_for(anchor_width, 13 * 1.1))[0] if text else ""
    return TextLine(x, top + 13, line), top + 20


def safety_house_picture(view: SafetyHouseView) -> SafetyHousePicture:
    house = view.house
    areas = view.areas
    labels = {str(k): str(v) for k, v in HOUSE_LABELS.items()}
    counts = "; ".join(f"{labels[area]}: {len(items)}" for area, items in areas.items())
    picture = SafetyHousePicture(
        width=WIDTH, height=0, ident=f"sh-{house.pk}-{view.audience}",
        title=(_("Safety House of %(child)s, %(date)s") % {
            "child": house.child.first_name, "date": date_format(house.drawn_on, "SHORT_DATE_FORMAT")}),
        description=counts, labels=labels)
    centre = WIDTH / 2

    # Where the red circle goes is only known once the house is laid out: everything is laid out from y=0
    # (the roof's ridge) and moved down afterwards.
    roof_top_w = ROOF_BASE * ROOF_TOP_SHARE
    text_w = roof_top_w - 2 * PAD
    y: float = PAD
    picture.roof_label, y = _heading(labels[HouseArea.ROOF], x=centre, top=y, anchor_width=text_w)
    picture.rules, y = _stack(areas[HouseArea.ROOF], x=centre - text_w / 2 + 8, top=y, width=text_w - 8,
                              kept_private=view.kept_private(HouseArea.ROOF))
    roof_bottom = max(y + PAD, 70)
    left, right = centre - ROOF_BASE / 2, centre + ROOF_BASE / 2
    inset = (ROOF_BASE - roof_top_w) / 2
    picture.roof = (f"{_f(left)},{_f(roof_bottom)} {_f(left + inset)},0.0 {_f(right - inset)},0.0 "
                    f"{_f(right)},{_f(roof_bottom)}")

    body_left = centre - BODY_W / 2
    y = roof_bottom + PAD
    picture.inside_label, y = _heading(labels[HouseArea.INSIDE], x=centre, top=y, anchor_width=BODY_W - 2 * PAD)
    picture.inside, y = _stack(areas[HouseArea.INSIDE], x=body_left + PAD + 8, top=y, width=BODY_W - 2 * PAD - 8,
                               kept_private=view.kept_private(HouseArea.INSIDE))
    body_bottom = max(y + PAD + DOOR_H + 6, roof_bottom + 150)
    picture.body = {"x": _f(body_left), "y": _f(roof_bottom), "w": _f(BODY_W), "h": _f(body_bottom - roof_bottom)}
    picture.door = {"x": _f(centre - DOOR_W / 2), "y": _f(body_bottom - DOOR_H), "w": str(DOOR_W),
                    "h": str(DOOR_H), "knob_x": _f(centre + DOOR_W / 2 - 9), "knob_y": _f(body_bottom - DOOR_H / 2)}

    # Below the door: the path with numbered stepping stones and its steps on the right, the visitors on
    # the left.
    top = body_bottom + 12
    side_w = (BOX_W - PATH_W) / 2 - 14
    steps_x = centre + PATH_W / 2 + 14
    picture.path_label, y = _heading(labels[HouseArea.PATH], x=steps_x, top=top, anchor_width=side_w)
    for number, item in enumerate(areas[HouseArea.PATH], start=1):
        block = _block(item.text, item.written_by == WrittenBy.CHILD, x=steps_x, top=y, width=side_w,
                       kept=item.kept_from_parents)
        block.number = number
        picture.steps.append(block)
        picture.stones.append(Stone(centre, y + FONT - 5, number, kept=block.kept))
        y += max(block.height, 30) + ITEM_GAP
    if view.kept_private(HouseArea.PATH):
        block = _block(kept_private_note(), False, x=steps_x, top=y, width=side_w, note=True)
        picture.steps.append(block)
        y += block.height + ITEM_GAP
    steps_end = y
    visitors_x = BOX_X
    picture.visitors_label, y = _heading(labels[HouseArea.VISITORS], x=visitors_x, top=top, anchor_width=side_w)
    picture.visitors, visitors_end = _stack(areas[HouseArea.VISITORS], x=visitors_x + 8, top=y, width=side_w - 8,
                                            kept_private=view.kept_private(HouseArea.VISITORS))
    box_bottom = max(steps_end, visitors_end, top + 90) + PAD
    picture.path = (f"M{_f(centre - DOOR_W / 2 + 4)},{_f(body_bottom)} L{_f(centre + DOOR_W / 2 - 4)},"
                    f"{_f(body_bottom)} L{_f(centre + PATH_W / 2 + 10)},{_f(box_bottom)} "
                    f"L{_f(centre - PATH_W / 2 - 10)},{_f(box_bottom)} Z")

    # The red circle: the smallest ellipse of full width round the roof, the walls and the ground below.
    rx = WIDTH / 2 - MARGIN
    corners = [(roof_top_w / 2, 0), (ROOF_BASE / 2, roof_bottom), (BODY_W / 2, body_bottom),
               (BOX_W / 2, top), (BOX_W / 2, box_bottom)]
    cy, ry = _fit_ellipse(corners, rx)
    offset = MARGIN + 4 + ry - cy  # moves everything down so that the ellipse clears the margin
    cy += offset
    picture.circle = {"cx": _f(centre), "cy": _f(cy), "rx": _f(rx), "ry": _f(ry)}
    _move_safety_house(picture, offset)

    y = cy + ry + 18
    picture.outside_label, y = _heading(labels[HouseArea.OUTSIDE], x=MARGIN, top=y,
                                        anchor_width=WIDTH - 2 * MARGIN)
    outside = bool(areas[HouseArea.OUTSIDE]) or view.kept_private(HouseArea.OUTSIDE)
    picture.outside_label.text = picture.outside_label.text if outside else ""
    if outside:
        picture.outside, y = _stack(areas[HouseArea.OUTSIDE], x=MARGIN + 22, top=y, width=WIDTH - 2 * MARGIN - 22,
                                    kept_private=view.kept_private(HouseArea.OUTSIDE))
        y += 10
    if view.show_score and house.safety_score is not None:
        picture.score = house.safety_score
        picture.scale = _scale(house.safety_score, top=y + SCALE_TOP_PAD)
        y = picture.scale["bottom"]
    blocks = [*picture.rules, *picture.inside, *picture.steps, *picture.visitors, *picture.outside]
    if any(b.by_child or b.kept for b in blocks):
        y = _legends(picture, blocks, y + 14)
    picture.height = y + MARGIN
    return picture


def _fit_ellipse(corners: list[tuple[float, float]], rx: float) -> tuple[float, float]:
    """The centre height and vertical half-axis of the lowest ellipse with half-width `rx` that holds every
    point (±dx, y), with CIRCLE_PAD to spare. The house is narrow at the top and wide at the bottom, so
    the centre sits lower than the middle: a circle round the bounding box would waste a third of a page."""
    points = [(dx + CIRCLE_PAD, y + sign * CIRCLE_PAD) for dx, y in corners for sign in (-1, 1)]
    shares = [(y, math.sqrt(1 - min(dx / rx, 0.95) ** 2)) for dx, y in points]

    def centre(ry: float) -> float | None:
        # A point fits when |y - cy| <= ry * share: each gives a range for cy; they must overlap.
        low = max(y - ry * share for y, share in shares)
        high = min(y + ry * share for y, share in shares)
        return (low + high) / 2 if low <= high else None

    small, large = 1.0, 10_000.0
    for _step in range(40):  # bisection to well under a pixel
        middle = (small + large) / 2
        if centre(middle) is None:
            small = middle
        else:
            large = middle
    return centre(large) or 0.0, large


def _move_safety_house(picture: SafetyHousePicture, dy: float) -> None:
    def points(text: str) -> str:
        pairs = (pair.split(",") for pair in text.split())
        return " ".join(f"{x},{_f(float(y) + dy)}" for x, y in pairs)

    picture.roof = points(picture.roof)
    for line in (picture.roof_label, picture.inside_label, picture.path_label, picture.visitors_label):
        if line is not None:
            line.y += dy
    _shift([*picture.rules, *picture.inside, *picture.steps, *picture.visitors], dy)
    for stone in picture.stones:
        stone.y += dy
    for shape in (picture.body, picture.door):
        for key in ("y", "knob_y"):
            if key in shape:
                shape[key] = _f(float(shape[key]) + dy)
    picture.path = " ".join(
        f"{part.split(',')[0]},{_f(float(part.split(',')[1]) + dy)}" if "," in part else part
        for part in picture.path.split())


SCALE_W = 440


def _scale(score: int, *, top: float) -> dict:
    """The child's safety scale, 0 to 10, as a bar filled up to the score with the number above it."""
    left = (WIDTH - SCALE_W) / 2
    bar_top = top + 26
    marker = left + SCALE_W * score / 10
    return {
        "label": str(_("How safe I feel")), "label_x": _f(WIDTH / 2), "label_y": _f(top + 14),
        "x": _f(left), "y": _f(bar_top), "w": _f(SCALE_W), "h": "18",
        "fill_w": _f(SCALE_W * score / 10), "marker_x": _f(marker), "marker_y": _f(bar_top + 9),
        "score_y": _f(bar_top + 14),
        "ticks": [(_f(left + SCALE_W * n / 10), n) for n in range(11)], "tick_top": _f(bar_top + 18),
        "tick_bottom": _f(bar_top + 24), "number_y": _f(bar_top + 40),
        "low": str(_("not safe at all")), "high": str(_("completely safe")), "end_y": _f(bar_top + 58),
        "low_x": _f(left), "high_x": _f(left + SCALE_W), "bottom": bar_top + 64,
    }


def safety_house_svg(view: SafetyHouseView) -> SafeString:
    """The Safety House as `view.audience` may see it, as SVG markup to put in a page or a PDF."""
    picture = safety_house_picture(view)
    return render_to_string("child_voice/svg/safety_house.svg", {"picture": picture})
