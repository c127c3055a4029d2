"""Where each person of a genogram stands: a pure-Python layout, no Graphviz.

1. Generations. "Is a parent of" puts the child one row below, "is a grandparent of" two rows; partners,
   former partners and siblings share a row. A tie that contradicts the others (a partner who is also an
   ancestor, a cycle) is left out of the placing rather than refused: the register checks what it can, the
   picture must draw whatever it holds. Everyone sits as low as their children allow, so one side of the
   family with fewer recorded generations is not pushed up to the top row.
2. Blocks. In a row, partners and the two parents of a child form a block that is kept together, in the
   order of a walk along their ties (a person with a former and a current partner sits between them).
3. Places. Sweeps down and up the rows: each block wants its members under their parents (a sibship spread
   under its couple, older siblings on the left) or over their children; the blocks of a row are sorted by
   what they want and then placed as close to it as the minimum gap allows (isotonic regression, exact in
   one pass). Neighbours are therefore never closer than SLOT, and two rows are ROW apart.

The lines are computed here too, so that tests and other pictures read one geometry (`GenogramLayout`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from safehold.network.models import Kind

SLOT = 130.0  # centre to centre of two neighbours in a row: room for a name of NAME_CHARS under each
ROW = 170.0  # centre to centre of two generations
R = 18.0  # half the width of a symbol
MARGIN = 24.0
TOP = MARGIN + R + 34  # room above the first row for sibling brackets and contact lines
TEXT_BELOW = 3 * 15 + 6  # two lines of name and one of dates under a symbol
SIB = 16  # how far above the children's symbols their sibship line runs
SWEEPS = 4

COUPLES = (Kind.PARTNER, Kind.EX_PARTNER)
SAME_ROW = (Kind.PARTNER, Kind.EX_PARTNER, Kind.SIBLING, Kind.HALF_SIBLING)
COPARENTS = "coparents"  # the two parents of a child with no partner tie recorded between them
DESCENT = "descent"  # from the parents down to their children


Segment = tuple[float, float, float, float]


@dataclass
class Line:
    """One tie as drawn: straight segments, optional marks across it (a separation's slashes) and a point for
    a marker (the contact restriction's ⊘)."""

    kind: str
    a: int
    b: int
    segments: list[Segment]
    marks: list[Segment] = field(default_factory=list)
    marker: tuple[float, float] | None = None

    @property
    def d(self) -> str:
        return " ".join(f"M{_f(x1)} {_f(y1)}L{_f(x2)} {_f(y2)}" for x1, y1, x2, y2 in self.segments)

    @property
    def marks_d(self) -> str:
        return " ".join(f"M{_f(x1)} {_f(y1)}L{_f(x2)} {_f(y2)}" for x1, y1, x2, y2 in self.marks)


@dataclass
class GenogramLayout:
    nodes: dict[int, tuple[float, float]]  # person id → centre of the symbol
    generations: dict[int, int]  # person id → row, 0 at the top
    lines: list[Line]
    width: float
    height: float  # of the drawing, to the bottom of the last row's text
    household: str = ""  # the outline round the child's household, an SVG path; "" if there is none


def _f(value: float) -> str:
    return f"{value:.1f}"


# --- 1. generations -----------------------------------------------------------------------------------

class _Groups:
    """Union-find over people who share a row."""

    def __init__(self, people: Iterable[int]) -> None:
        self.up = {p: p for p in people}

    def find(self, p: int) -> int:
        while self.up[p] != p:
            self.up[p] = self.up[self.up[p]]
            p = self.up[p]
        return p


def _reaches(edges: dict[int, set[int]], start: int, goal: int) -> bool:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges[todo.pop()]:
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def generations(people: Sequence[int], ties: Sequence[tuple[int, int, str]]) -> dict[int, int]:
    steps: dict[str, int] = {Kind.PARENT: 1, Kind.GRANDPARENT: 2}
    below: dict[int, set[int]] = defaultdict(set)
    directed: list[tuple[int, int, int]] = []
    for a, b, kind in sorted(ties, key=lambda t: t[2] != Kind.PARENT):  # parent ties win over grandparent ones
        if kind in steps and not _reaches(below, b, a):
            below[a].add(b)
            directed.append((a, b, steps[kind]))
    groups = _Groups(people)
    for a, b, kind in sorted(ties, key=lambda t: SAME_ROW.index(t[2]) if t[2] in SAME_ROW else 9):
        if kind not in SAME_ROW:
            continue
        ga, gb = groups.find(a), groups.find(b)
        if ga == gb:
            continue
        grouped: dict[int, set[int]] = defaultdict(set)
        for x, y, _step in directed:
            grouped[groups.find(x)].add(groups.find(y))
        if not _reaches(grouped, ga, gb) and not _reaches(grouped, gb, ga):
            groups.up[ga] = gb

    out: dict[int, list[tuple[int, int]]] = defaultdict(list)
    indegree: dict[int, int] = {groups.find(p): 0 for p in people}
    for a, b, step in directed:
        out[groups.find(a)].append((groups.find(b), step))
        indegree[groups.find(b)] += 1
    order = [g for g, n in indegree.items() if n == 0]
    for g in order:  # Kahn: `order` grows while it is read
        for h, _step in out[g]:
            indegree[h] -= 1
            if indegree[h] == 0:
                order.append(h)
    level = dict.fromkeys(order, 0)
    for g in order:
        for h, step in out[g]:
            level[h] = max(level[h], level[g] + step)
    for g in reversed(order):  # as low as the children allow
        if out[g]:
            level[g] = min(level[h] - step for h, step in out[g])
    top = min(level.values(), default=0)
    return {p: level[groups.find(p)] - top for p in people}


# --- 2. blocks ----------------------------------------------------------------------------------------

def _blocks(row: list[int], links: dict[int, dict[int, str]], rank: dict[int, int]) -> list[list[int]]:
    """The people of a row in blocks: each a walk along partner and co-parent ties."""
    members = set(row)
    seen: set[int] = set()
    blocks = []
    for person in sorted(row, key=rank.__getitem__):
        if person in seen:
            continue
        component, todo = {person}, [person]
        while todo:
            for nxt in links[todo.pop()]:
                if nxt in members and nxt not in component:
                    component.add(nxt)
                    todo.append(nxt)

        def degree(p: int, component: set[int] = component) -> int:
            return sum(1 for q in links[p] if q in component)

        # Start at an end of the walk, a former partner before a current one.
        start = min(component, key=lambda p: (degree(p), Kind.EX_PARTNER not in links[p].values(), rank[p]))
        walk: list[int] = []
        stack = [start]
        while stack:
            p = stack.pop()
            if p in seen:
                continue
            seen.add(p)
            walk.append(p)
            ties_of = links[p]
            stack.extend(sorted((q for q in ties_of if q in component and q not in seen),
                                key=lambda q: (ties_of[q] != Kind.EX_PARTNER, rank[q]), reverse=True))
        blocks.append(walk)
    return blocks


# --- 3. places ----------------------------------------------------------------------------------------

def _pava(wanted: list[float], sizes: list[int]) -> list[float]:
    """The left ends of blocks kept in this order, `sizes[i] * SLOT` apart at least, as close as possible (least
    squares, weighted by size) to `wanted`."""
    offsets, total = [], 0.0
    for size in sizes:
        offsets.append(total)
        total += size * SLOT
    pools: list[list[float]] = []  # [mean, weight, count]
    for want, offset, size in zip(wanted, offsets, sizes, strict=True):
        pools.append([want - offset, float(size), 1])
        while len(pools) > 1 and pools[-2][0] > pools[-1][0]:
            mean2, weight2, count2 = pools.pop()
            mean1, weight1, count1 = pools.pop()
            weight = weight1 + weight2
            pools.append([(mean1 * weight1 + mean2 * weight2) / weight, weight, count1 + count2])
    lefts = []
    for mean, _weight, count in pools:
        lefts += [mean] * int(count)
    return [left + offset for left, offset in zip(lefts, offsets, strict=True)]


class _Placer:
    def __init__(self, rows: list[list[list[int]]], parents: dict[int, list[int]], children: dict[int, list[int]],
                 siblings: dict[int, set[int]], rank: dict[int, int]) -> None:
        self.rows = rows
        self.parents = parents
        self.children = children
        self.siblings = siblings
        self.rank = rank
        self.x: dict[int, float] = {}
        for blocks in rows:
            left = 0.0
            for block in blocks:
                for n, p in enumerate(block):
                    self.x[p] = left + n * SLOT
                left += len(block) * SLOT

    def _targets_from_parents(self, blocks: list[list[int]]) -> dict[int, float]:
        in_row = {p for block in blocks for p in block}
        sets: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for p in in_row:
            if self.parents[p]:
                sets[tuple(sorted(self.parents[p]))].append(p)
        targets = {}
        for parent_set, kids in sets.items():
            anchor = sum(self.x[q] for q in parent_set) / len(parent_set)
            kids.sort(key=self.rank.__getitem__)
            for n, kid in enumerate(kids):
                targets[kid] = anchor + (n - (len(kids) - 1) / 2) * SLOT
        for p in in_row - targets.keys():
            near = [self.x[q] for q in self.siblings[p] if q in in_row]
            if near:
                targets[p] = (sum(near) + self.x[p]) / (len(near) + 1)
        return targets

    def _targets_from_children(self, blocks: list[list[int]]) -> dict[int, float]:
        targets = {}
        for block in blocks:
            for p in block:
                kids = self.children[p]
                if kids:
                    mean = sum(self.x[k] for k in kids) / len(kids)
                    # The couple's midpoint over the children: a co-parent beside p pulls p half a slot aside.
                    partners = [q for k in kids for q in self.parents[k] if q != p and q in block]
                    shift = 0.0
                    if partners:
                        other = sum(self.x[q] for q in partners) / len(partners)
                        shift = -SLOT / 2 if other > self.x[p] else SLOT / 2
                    targets[p] = mean + shift
        return targets

    def _sibship_key(self, block: list[int], centre: float) -> tuple[float, float]:
        """Sort key of a block going down: under its parents' place, so that two sibships never interleave;
        within a sibship, where each block wants to be (by age, unless a partner's family pulls it aside)."""
        for p in sorted(block, key=self.rank.__getitem__):
            if self.parents[p]:
                return sum(self.x[q] for q in self.parents[p]) / len(self.parents[p]), centre
        return centre, centre

    def _place(self, blocks: list[list[int]], targets: dict[int, float], *, down: bool) -> list[list[int]]:
        wanted: list[tuple[tuple[float, float], float, list[int]]] = []
        for block in blocks:
            best: tuple[float, float, list[int]] | None = None
            for option in (block, block[::-1]) if len(block) > 1 else (block,):
                known = [(n, targets[p]) for n, p in enumerate(option) if p in targets]
                if not known:  # nothing pulls it: it stays where it is
                    left, cost = min(self.x[p] for p in block), 0.0
                else:
                    left = sum(t - n * SLOT for n, t in known) / len(known)
                    cost = sum((left + n * SLOT - t) ** 2 for n, t in known)
                if best is None or cost < best[0] - 1e-6:
                    best = (cost, left, option)
            assert best is not None
            centre = best[1] + (len(best[2]) - 1) * SLOT / 2
            wanted.append((self._sibship_key(block, centre) if down else (centre, 0), best[1], best[2]))
        wanted.sort(key=lambda w: w[0])  # stable: blocks wanting the same place keep their order
        lefts = _pava([w[1] for w in wanted], [len(w[2]) for w in wanted])
        placed = []
        for left, (_centre, _want, block) in zip(lefts, wanted, strict=True):
            for n, p in enumerate(block):
                self.x[p] = left + n * SLOT
            placed.append(block)
        return placed

    def run(self) -> dict[int, float]:
        for sweep in range(SWEEPS):
            for r in range(1, len(self.rows)):
                self.rows[r] = self._place(self.rows[r], self._targets_from_parents(self.rows[r]), down=True)
            if sweep < SWEEPS - 1:
                for r in range(len(self.rows) - 2, -1, -1):
                    self.rows[r] = self._place(self.rows[r], self._targets_from_children(self.rows[r]), down=False)
        return self.x


# --- the lines ----------------------------------------------------------------------------------------

def _slashes(x: float, y: float) -> list[Segment]:
    return [(x - 7 + dx, y + 7, x + 1 + dx, y - 7) for dx in (-3.0, 3.0)]


class _Drawer:
    def __init__(self, nodes: dict[int, tuple[float, float]], row_of: dict[int, int],
                 order: dict[int, int]) -> None:
        self.nodes = nodes
        self.row_of = row_of
        self.order = order  # position in its row
        self.over_top = 0  # to stagger lines routed over a row

    def adjacent(self, a: int, b: int) -> bool:
        return self.row_of[a] == self.row_of[b] and abs(self.order[a] - self.order[b]) == 1

    def between(self, kind: str, a: int, b: int) -> Line:
        """Two people of one row side by side: a line between the symbols at their centre height; further apart
        in a row: over the top of the row; in different rows: straight from symbol to symbol."""
        (xa, ya), (xb, yb) = self.nodes[a], self.nodes[b]
        if ya == yb and xa > xb:
            (xa, ya), (xb, yb) = (xb, yb), (xa, ya)
        if ya == yb and self.adjacent(a, b):
            line = Line(kind, a, b, [(xa + R, ya, xb - R, yb)])
            line.marker = ((xa + xb) / 2, ya)
            return line
        if ya == yb:
            self.over_top += 1
            h = ya - R - 6 - 5 * (self.over_top % 4)
            line = Line(kind, a, b, [(xa, ya - R, xa, h), (xa, h, xb, h), (xb, h, xb, yb - R)])
            line.marker = ((xa + xb) / 2, h)
            return line
        dx, dy = xb - xa, yb - ya
        length = max((dx * dx + dy * dy) ** 0.5, 1.0)
        ux, uy = dx / length * R * 1.2, dy / length * R * 1.2
        line = Line(kind, a, b, [(xa + ux, ya + uy, xb - ux, yb - uy)])
        line.marker = ((xa + xb) / 2, (ya + yb) / 2)
        return line

    def couple(self, kind: str, a: int, b: int) -> Line:
        line = self.between(kind, a, b)
        if kind == Kind.EX_PARTNER and line.marker is not None:
            x1, y1, x2, _y2 = line.segments[len(line.segments) // 2]
            # The slashes sit left of the middle, where the children's line starts.
            line.marks = _slashes(x1 + (x2 - x1) * 0.3, y1)
        return line

    def anchor(self, parent_set: tuple[int, ...], kids: list[int], couple_lines: dict[frozenset[int], Line]
               ) -> tuple[tuple[float, float], list[Segment]]:
        """Where the line down to the children starts, and any line leading there from the parents."""
        if len(parent_set) == 2:
            line = couple_lines.get(frozenset(parent_set))
            if line is not None and line.marker is not None:
                return line.marker, []
        if len(parent_set) == 1:
            (p,) = parent_set
            x, y = self.nodes[p]
            mean = sum(self.nodes[k][0] for k in kids) / len(kids)
            # A short line out to the side towards the children, where no couple line runs; failing that, down.
            taken = set()
            for pair in couple_lines:
                if p in pair:
                    (other,) = pair - {p}
                    if self.adjacent(p, other):
                        taken.add(1 if self.nodes[other][0] > x else -1)
            for side in (1, -1) if mean >= x else (-1, 1):
                if side not in taken:
                    return (x + side * SLOT / 2, y), [(x + side * R, y, x + side * SLOT / 2, y)]
            return (x, y + R), []
        # More than two parents, or two in different rows: a line from each to a point under them.
        xs = [self.nodes[p][0] for p in parent_set]
        point = (sum(xs) / len(xs), max(self.nodes[p][1] for p in parent_set) + R + 8)
        return point, [(self.nodes[p][0], self.nodes[p][1] + R, point[0], point[1]) for p in parent_set]

    def descent(self, parent_set: tuple[int, ...], kids: list[int], couple_lines: dict[frozenset[int], Line],
                stagger: int) -> Line:
        (ax, ay), segments = self.anchor(parent_set, kids, couple_lines)
        lowest = ay
        by_row: dict[float, list[float]] = defaultdict(list)
        for kid in kids:
            x, y = self.nodes[kid]
            by_row[y].append(x)
        for y, xs in sorted(by_row.items()):
            sib = y - R - SIB - 6 * (stagger % 3)
            if sib > lowest:
                segments.append((ax, lowest, ax, sib))
                lowest = sib
            left, right = min([*xs, ax]), max([*xs, ax])
            if right > left:
                segments.append((left, sib, right, sib))
            segments += [(x, sib, x, y - R) for x in xs]
        return Line(DESCENT, parent_set[0], kids[0], segments)

    def bracket(self, kind: str, a: int, b: int) -> Line:
        """Siblings with no parent recorded: a bracket over them."""
        (xa, ya), (xb, yb) = self.nodes[a], self.nodes[b]
        if ya != yb:
            return self.between(kind, a, b)
        h = ya - R - 10
        return Line(kind, a, b, [(xa, ya - R, xa, h), (xa, h, xb, h), (xb, h, xb, yb - R)])

    def restriction(self, a: int, b: int) -> Line:
        """Contact restricted: over the top of the row when in one row, so that it never hides a couple line."""
        (xa, ya), (xb, yb) = self.nodes[a], self.nodes[b]
        if ya == yb:
            h = ya - R - 8
            return Line(Kind.CONTACT_RESTRICTED, a, b, [(xa, ya - R, xa, h), (xa, h, xb, h), (xb, h, xb, yb - R)],
                        marker=((xa + xb) / 2, h))
        return self.between(Kind.CONTACT_RESTRICTED, a, b)


# --- the household ------------------------------------------------------------------------------------

def _outline(nodes: dict[int, tuple[float, float]], members: Collection[int]) -> str:
    """A dashed outline round the members: per row from the leftmost to the rightmost member, the rows joined
    into one shape with steps between them, corners rounded."""
    spans: dict[float, tuple[float, float]] = {}
    for p in members:
        x, y = nodes[p]
        left, right = spans.get(y, (x, x))
        spans[y] = (min(left, x), max(right, x))
    if not spans:
        return ""
    pad = SLOT / 2 - 8
    ys = sorted(spans)
    bands = []  # (top, bottom, left, right)
    for n, y in enumerate(ys):
        top = y - R - 10 if n == 0 else (ys[n - 1] + R + TEXT_BELOW + y - R - SIB) / 2
        bottom = y + R + TEXT_BELOW if n == len(ys) - 1 else (y + R + TEXT_BELOW + ys[n + 1] - R - SIB) / 2
        left, right = spans[y]
        bands.append((top, bottom, left - pad, right + pad))
    points = []
    for top, bottom, _left, right in bands:
        points += [(right, top), (right, bottom)]
    for top, bottom, left, _right in reversed(bands):
        points += [(left, bottom), (left, top)]
    clean = []  # drop points on a straight run
    for n, point in enumerate(points):
        before, after = points[n - 1], points[(n + 1) % len(points)]
        if not ((before[0] == point[0] == after[0]) or (before[1] == point[1] == after[1])):
            clean.append(point)
    return _rounded(clean, 12.0)


def _rounded(points: list[tuple[float, float]], radius: float) -> str:
    parts = []
    count = len(points)
    for n, (x, y) in enumerate(points):
        (bx, by), (ax, ay) = points[n - 1], points[(n + 1) % count]
        r_in = min(radius, (abs(x - bx) + abs(y - by)) / 2)
        r_out = min(radius, (abs(ax - x) + abs(ay - y)) / 2)
        start = (x + _sign(bx - x) * r_in, y + _sign(by - y) * r_in)
        end = (x + _sign(ax - x) * r_out, y + _sign(ay - y) * r_out)
        parts.append(f"{'M' if n == 0 else 'L'}{_f(start[0])} {_f(start[1])}"
                     f"Q{_f(x)} {_f(y)} {_f(end[0])} {_f(end[1])}")
    return "".join(parts) + "Z"


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


# --- all together -------------------------------------------------------------------------------------

def genogram_layout(people: Sequence[int], ties: Iterable[tuple[int, int, str]], *,
                    household: Collection[int] = ()) -> GenogramLayout:
    """Lay out `people` (ids, older siblings first) joined by `ties` (a, b, kind) of the register's kinds;
    ties to someone not in `people` are ignored. `household` are the people to draw the household round."""
    rank = {p: n for n, p in enumerate(people)}
    ties = [(a, b, str(kind)) for a, b, kind in ties if a in rank and b in rank and a != b]
    level = generations(people, ties)

    parents: dict[int, list[int]] = defaultdict(list)
    children: dict[int, list[int]] = defaultdict(list)
    couples: dict[frozenset[int], str] = {}
    siblings: dict[int, set[int]] = defaultdict(set)
    for a, b, kind in ties:
        if kind == Kind.PARENT and level[a] < level[b] and a not in parents[b]:
            parents[b].append(a)
            children[a].append(b)
        elif kind in COUPLES:
            # A couple recorded as both partners and former partners is drawn as partners.
            if couples.get(frozenset((a, b))) != Kind.PARTNER:
                couples[frozenset((a, b))] = kind
        elif kind in (Kind.SIBLING, Kind.HALF_SIBLING):
            siblings[a].add(b)
            siblings[b].add(a)

    links: dict[int, dict[int, str]] = defaultdict(dict)
    for pair, kind in couples.items():
        a, b = sorted(pair)
        if level[a] == level[b]:
            links[a][b] = links[b][a] = kind
    for ps in parents.values():
        if len(ps) == 2 and level[ps[0]] == level[ps[1]] and frozenset(ps) not in couples:
            a, b = ps
            links[a].setdefault(b, COPARENTS)
            links[b].setdefault(a, COPARENTS)

    depth = max(level.values(), default=-1) + 1
    rows = [_blocks([p for p in people if level[p] == r], links, rank) for r in range(depth)]
    xs = _Placer(rows, parents, children, siblings, rank).run()

    left = min(xs.values(), default=0.0)
    nodes = {p: (xs[p] - left + MARGIN + SLOT / 2, TOP + level[p] * ROW) for p in people}
    order = {p: n for blocks in rows for n, p in enumerate(q for block in blocks for q in block)}
    drawer = _Drawer(nodes, level, order)

    lines: list[Line] = []
    couple_lines: dict[frozenset[int], Line] = {}
    for pair, kind in couples.items():
        a, b = sorted(pair)
        couple_lines[pair] = drawer.couple(kind, a, b)
    sets: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for kid in people:
        if parents[kid]:
            sets[tuple(sorted(parents[kid]))].append(kid)
    for parent_set in sets:
        if len(parent_set) == 2 and frozenset(parent_set) not in couple_lines:
            couple_lines[frozenset(parent_set)] = drawer.between(COPARENTS, *parent_set)
    lines += couple_lines.values()
    stagger: dict[int, int] = defaultdict(int)
    for parent_set, kids in sorted(sets.items()):
        row = level[kids[0]]
        lines.append(drawer.descent(parent_set, kids, couple_lines, stagger[row]))
        stagger[row] += 1

    ancestors: dict[int, set[int]] = {}

    def above(p: int) -> set[int]:
        if p not in ancestors:
            ancestors[p] = set()
            for q in parents[p]:
                ancestors[p] |= {q} | above(q)
        return ancestors[p]

    drawn_siblings: set[frozenset[int]] = set()
    for a, b, kind in ties:
        if kind == Kind.GRANDPARENT and a not in above(b) and level[a] < level[b]:
            lines.append(drawer.between(Kind.GRANDPARENT, a, b))
        elif kind in (Kind.SIBLING, Kind.HALF_SIBLING) and frozenset((a, b)) not in drawn_siblings:
            drawn_siblings.add(frozenset((a, b)))
            if kind == Kind.SIBLING and set(parents[a]) & set(parents[b]):
                continue  # the sibship line already says it
            if kind == Kind.HALF_SIBLING and set(parents[a]) & set(parents[b]) \
                    and set(parents[a]) != set(parents[b]):
                continue  # one shared parent, drawn as such
            lines.append(drawer.bracket(kind, a, b))
        elif kind == Kind.CONTACT_RESTRICTED:
            lines.append(drawer.restriction(a, b))

    width = max((x for x, _y in nodes.values()), default=0.0) + SLOT / 2 + MARGIN
    height = TOP + (depth - 1) * ROW + R + TEXT_BELOW + MARGIN if depth else TOP
    return GenogramLayout(nodes=nodes, generations=level, lines=lines, width=width, height=height,
                          household=_outline(nodes, [p for p in household if p in nodes]))
