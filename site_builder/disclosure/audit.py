"""Suppression with an audit across tables (issue 13; domain-rules §5.4; the Handbook on
Statistical Disclosure Control, ch. 5): every published row passed `rows` on its own; here the
tables that cover the same people are checked together, and more is hidden where two of them
would give someone away.

The observer: holds every published row (this build's, and every earlier build's from the
private record), each group's size, the rules of `rows` (so a blank is 0 … the smallest
published cell, below `min_cell` in a row showing two or more cells: `rows.blank_bounds`), and
the relations between groups:

- an office and its units in one period: office = Σ published units + the rest (the units too
  small to publish, ≥ 0 in every category);
- one group in two periods, or one group and period in an earlier build (a corrected sheet):
  later = earlier − leavers + newcomers, everyone else keeping their predikat, with *any*
  number of stayers s the observer may know (we keep no identities across periods, so every
  s is checked; the tightest is the largest s the rows allow).

Requirements: a hidden cell whose true count is sensitive (`rows` rule 3) keeps two possible
values; the rest of an office (its small units) is protected like a group: none of its non-zero
counts under `min_cell` is exact and it is not all in one category; no newcomer, leaver or
stayer has only one possible predikat. The checks are exact integer reasoning: for two rows
the largest number of stayers is a small concave optimisation solved greedily
(`_max_stayers`); for an office and its units a second distribution is searched from the true
one by moving single people between blank cells (a found distribution proves the requirement;
none found counts as a violation, so the search can only hide more, never too little).

A violation is fixed by hiding more of THIS build's rows (earlier builds are never
unpublished): one row moves up the ladder of `rows` — to showing only its largest cell, then to
showing no cell —, chosen by a fixed order (the later period; a unit before its office; the
row showing the smallest count in the category at stake). Hiding more never makes a checked
pair unsafe again, so the checks repeat until nothing changes."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from site_builder.disclosure.rows import ALL_HIDDEN, TOP_ONLY, Cells, blank_bounds, cells_at

Bounds = list[tuple[int, int]]


@dataclass
class AuditRow:
    """One published row under audit. `values` are the true counts (None for a row of an
    earlier build, whose `fixed` cells are what it published)."""

    key: tuple[str, ...]
    n: int
    values: tuple[int, ...] | None = None
    level: int = 0
    fixed: Cells | None = None
    known: dict[int, int] = field(default_factory=dict)  # cells an earlier build published
    escalated: bool = False

    @property
    def cells(self) -> Cells:
        if self.fixed is not None:
            return list(self.fixed)
        assert self.values is not None
        return cells_at(self.values, self.level)

    def bounds(self, min_cell: int) -> Bounds:
        out = blank_bounds(self.cells, self.n, min_cell)
        for j, v in self.known.items():
            out[j] = (v, v)
        return out

    def protected(self, min_cell: int, min_group_zero: int) -> list[int]:
        """Blank cells whose true count must keep two possible values."""
        if self.values is None:
            return []
        return [j for j, c in enumerate(self.cells) if c is None and j not in self.known and (
            0 < self.values[j] < min_cell or (self.values[j] == 0 and self.n < min_group_zero))]

    def can_escalate(self) -> bool:
        return self.fixed is None and self.level < ALL_HIDDEN

    def escalate(self) -> None:
        self.level = TOP_ONLY if self.level < TOP_ONLY else ALL_HIDDEN
        self.escalated = True


# --- two rows over the same people ------------------------------------------------------------

def _max_stayers(a: Bounds, na: int, b: Bounds, nb: int, da: int = -1,
                 db: int = -1) -> int | None:
    """The largest Σ min(x_j, y_j) over x within `a` adding up to na and y within `b` adding up
    to nb (None: no such x, y), i.e. the most people who could be in both rows with the same
    predikat. `da`/`db`: a category where x_j > y_j (a leaver) / y_j > x_j (a newcomer) is
    required. Greedy on the cost of each extra stayer: free while both rows' lower bounds
    cover it, then one unit of one row's slack, then one of each (exact for these separable
    piecewise-linear costs)."""
    base = single_a = single_b = double = 0
    need_a = need_b = up_a = up_b = 0
    for j, ((la, ua), (lb, ub)) in enumerate(zip(a, b, strict=True)):
        ea, eb = int(j == da), int(j == db)
        if max(la, ea) > ua or max(lb, eb) > ub:
            return None
        need_a += max(la, ea)
        need_b += max(lb, eb)
        up_a += ua
        up_b += ub
        cap = min(ua - ea, ub - eb)
        ta, tb = max(0, la - ea), max(0, lb - eb)
        base += min(ta, tb, cap)
        if ta < tb:
            single_a += max(0, min(tb, cap) - ta)
        elif tb < ta:
            single_b += max(0, min(ta, cap) - tb)
        double += max(0, cap - max(ta, tb))
    if need_a > na or need_b > nb or up_a < na or up_b < nb:
        return None
    slack_a, slack_b = na - need_a, nb - need_b
    t1, t2 = min(slack_a, single_a), min(slack_b, single_b)
    return base + t1 + t2 + min(slack_a - t1, slack_b - t2, double)


def _at_least(bounds: Bounds, j: int, lo: int) -> Bounds:
    out = list(bounds)
    out[j] = (max(out[j][0], lo), out[j][1])
    return out


def _exactly(bounds: Bounds, j: int, v: int) -> Bounds:
    out = list(bounds)
    out[j] = (v, v)
    return out


def pair_violations(first: AuditRow, later: AuditRow, min_cell: int,
                    min_group_zero: int) -> list[str]:
    """What two rows over the same people (two periods, or two builds of one period) give
    away, for every number of stayers the observer may assume (see the module docstring)."""
    a, b, na, nb = first.bounds(min_cell), later.bounds(min_cell), first.n, later.n
    s = _max_stayers(a, na, b, nb)
    if s is None:
        return []
    out: list[str] = []
    k = len(a)

    def top(da: int = -1, db: int = -1, aa: Bounds = a, bb: Bounds = b) -> int:
        value = _max_stayers(aa, na, bb, nb, da=da, db=db)
        return -1 if value is None else value

    # newcomers (in the later row) and leavers (in the first): with s stayers, category j can
    # hold one when some distribution has s stayers and more in j than the other row; with
    # fewer stayers, whenever some distribution has one in j and s stayers or more
    for who, size in (("pendatang", nb), ("keluar", na)):
        def extra(j: int, who: str = who) -> int:
            return top(db=j) if who == "pendatang" else top(da=j)

        def holds(j: int, who: str = who) -> int:
            return (top(bb=_at_least(b, j, 1)) if who == "pendatang"
                    else top(aa=_at_least(a, j, 1)))
        if size - s >= 1 and sum(1 for j in range(k) if extra(j) >= s) < 2:
            out.append(f"{who}@{s}")
        if s >= 1 and size - (s - 1) >= 1:
            some = {j for j in range(k) if extra(j) >= s - 1 or holds(j) >= s}
            if len(some) < 2:
                out.append(f"{who}@{s - 1}")
    if s >= 1:
        stay = [j for j in range(k) if top(aa=_at_least(a, j, 1), bb=_at_least(b, j, 1)) >= s]
        if len(stay) < 2:
            out.append(f"tetap@{s}")
    for j in later.protected(min_cell, min_group_zero):
        start = later.values[j] if later.values else 0
        if _values_at(b, j, start, lambda bj: top(bb=bj) >= s) < 2:
            out.append(f"sel@{later.key}:{j}")
    for j in first.protected(min_cell, min_group_zero):
        start = first.values[j] if first.values else 0
        if _values_at(a, j, start, lambda aj: top(aa=aj) >= s) < 2:
            out.append(f"sel@{first.key}:{j}")
    return out


def _values_at(bounds: Bounds, j: int, start: int, feasible: Callable[[Bounds], bool]) -> int:
    """How many values (0, 1 or 2: the search stops at two) cell j can take in a distribution
    `feasible` accepts, trying the true value first and then outwards."""
    lo, hi = bounds[j]
    found = 0
    for v in _outwards(start, lo, hi):
        if feasible(_exactly(bounds, j, v)):
            found += 1
            if found == 2:
                break
    return found


def _outwards(start: int, lo: int, hi: int) -> Iterator[int]:
    start = min(max(start, lo), hi)
    yield start
    for d in range(1, hi - lo + 1):
        if start - d >= lo:
            yield start - d
        if start + d <= hi:
            yield start + d
        if start - d < lo and start + d > hi:
            return


# --- an office and its units -----------------------------------------------------------------

@dataclass(frozen=True)
class _Move:
    row: int  # 0 = the parent
    src: int
    dst: int


def hierarchy_violations(parent: AuditRow, children: Sequence[AuditRow], min_cell: int,
                         min_group_zero: int) -> list[tuple[str, int]]:
    """What an office and its published units give away about the rest of the office (its
    small units) and about their own blank cells: (requirement, category) pairs left without
    a witness (see the module docstring)."""
    rows = [parent, *children]
    if any(r.values is None for r in rows):
        return []
    x = [list(r.values or ()) for r in rows]
    k = len(x[0])
    bounds = [r.bounds(min_cell) for r in rows]
    rest = [x[0][j] - sum(x[i][j] for i in range(1, len(rows))) for j in range(k)]
    n_rest = parent.n - sum(c.n for c in children)
    needs: set[tuple[str, int]] = set()
    for j in range(k):
        if 0 < rest[j] < min_cell:
            needs.add(("sisa", j))
    support = [j for j in range(k) if rest[j] > 0]
    if n_rest > 0 and len(support) == 1:
        needs.add(("sisa_satu", support[0]))
    for i, r in enumerate(rows):
        for j in r.protected(min_cell, min_group_zero):
            needs.add((f"sel{i}", j))
    if not needs:
        return []
    moves = [_Move(i, s, d) for i in range(len(rows)) for s in range(k) for d in range(k)
             if s != d and bounds[i][s][0] < x[i][s] and x[i][d] < bounds[i][d][1]]

    def effect(ms: tuple[_Move, ...]) -> tuple[list[int], dict[tuple[int, int], int]] | None:
        delta = [0] * k
        cells: dict[tuple[int, int], int] = {}
        for m in ms:
            sign = -1 if m.row == 0 else 1
            delta[m.src] += sign
            delta[m.dst] -= sign
            cells[(m.row, m.src)] = cells.get((m.row, m.src), 0) - 1
            cells[(m.row, m.dst)] = cells.get((m.row, m.dst), 0) + 1
        for (i, j), dv in cells.items():
            if not bounds[i][j][0] <= x[i][j] + dv <= bounds[i][j][1]:
                return None
        if any(rest[j] + delta[j] < 0 for j in range(k)):
            return None
        return delta, cells

    def settle(ms: tuple[_Move, ...]) -> None:
        got = effect(ms)
        if got is None:
            return
        delta, cells = got
        for need in list(needs):
            kind, j = need
            if kind == "sisa" and delta[j] != 0:
                needs.discard(need)
            elif kind == "sisa_satu" and any(rest[o] + delta[o] > 0 for o in range(k) if o != j):
                needs.discard(need)
            elif kind.startswith("sel") and cells.get((int(kind[3:]), j), 0) != 0:
                needs.discard(need)

    for m in moves:
        settle((m,))
        if not needs:
            return []
    # two moves that leave the rest unchanged: the office and a unit, or two units, shifting
    # people between the same two categories
    for m1, m2 in combinations(moves, 2):
        if m1.row == m2.row:
            continue
        same = (m1.src, m1.dst) == (m2.src, m2.dst)
        opposite = (m1.src, m1.dst) == (m2.dst, m2.src)
        if (0 in (m1.row, m2.row) and same) or (0 not in (m1.row, m2.row) and opposite):
            settle((m1, m2))
            if not needs:
                return []
    return sorted(needs)


def pick_in_hierarchy(parent: AuditRow, children: Sequence[AuditRow],
                      needs: Sequence[tuple[str, int]]) -> AuditRow | None:
    """The row to hide more of for the first unmet requirement: of the rows (units before the
    office) still able to, the one showing the smallest count in the category at stake; when
    none shows it, the first unit able to, then the office."""
    _, j = needs[0]
    order = [*children, parent]
    showing = [r for r in order if r.can_escalate() and r.cells[j] is not None]
    if showing:
        return min(showing, key=lambda r: (r.cells[j], order.index(r)))
    return next((r for r in order if r.can_escalate()), None)


def pick_in_pair(first: AuditRow, later: AuditRow) -> AuditRow | None:
    """The later row first (an earlier build's row is never changed)."""
    return next((r for r in (later, first) if r.can_escalate()), None)
