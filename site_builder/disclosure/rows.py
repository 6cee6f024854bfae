"""Disclosure control of one distribution row (one group and period): the first stage of the
protection (PRODUCT.md §8, domain-rules §5.4); `site_builder.disclosure.audit` then checks every
table over the same people together and hides more where needed.

The cells of a row are ranked from the smallest count to the largest (ties: the earlier
predikat first), and a row always hides a *prefix* of that ranking: every blank cell is at most
every published cell, so a blank never stands for a large count next to small published ones,
and zeros are hidden with the small counts — a blank never means "at least one". With the
thresholds of `privacy:` (`min_group` g, `min_cell` m, `min_group_zero` z):

1. Small group: fewer than g rated employees -> nothing is published (not even the total).
2. One category holds everybody (a 100 % share) -> the five cells are blank (total shown).
3. No sensitive cell -> everything is published. A cell is sensitive when it is a non-zero count
   below m, or a zero in a group smaller than z (no 0 % share for small groups).
4. Otherwise every cell below m is blank (the zeros included), provided each blank cell keeps at
   least two possible values given what the row shows (each blank is 0 … m−1 and together they
   make up the total minus the published cells).
5. Otherwise only the largest cell is published, provided it is the unique largest, at least m,
   and every blank keeps two possible values over every distribution that would lead to the
   same published row under these rules (checked by enumeration within a budget);
6. otherwise the five cells are blank (the total stays).

The kurva check states inequalities about the cells ("at most 70 % Baik"). It is published when
it is the same for every value the blank cells could take (`kurva_determined`), so it says
nothing about them; otherwise it is blank.

Why not simply "also suppress the next smallest cell": someone who knows that rule can often
work the suppressed values back (e.g. a blank 2 and a blank 4 next to a published 4). Every
decision above depends only on what the published row shows, so the set of distributions an
observer who knows the rules has to consider is exactly the set the rules checked (tested
exhaustively for every distribution of small groups)."""
from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

import pandas as pd

from site_builder.compute.kurva import limit_bound
from site_builder.rules import PREDIKAT_KEYS, KurvaLimit

SMALL_GROUP = "kelompok_kecil"
ONE_CATEGORY = "satu_kategori"
SMALL_CELLS = "sel_kecil"
AUDIT = "audit"
"""`penekanan` of a row that the cross-table audit hid more of (`site_builder.disclosure.audit`)."""
KURVA_COLUMNS = ("kurva_sesuai", "kurva_pelanggaran", "kurva_pelanggaran_en")
ALL_HIDDEN = 5  # the level of a row whose five cells are blank
TOP_ONLY = 4  # the level of a row that shows only its largest cell

_BUDGET = 50_000  # distributions examined by the rule-5 check before giving up (-> rule 6)

Cells = list[int | None]


class Policy(Protocol):
    min_group: int
    min_cell: int


def rank(values: Sequence[int]) -> list[int]:
    """Positions from the smallest count to the largest (ties: the earlier position first)."""
    return sorted(range(len(values)), key=lambda i: (values[i], i))


def cells_at(values: Sequence[int], level: int) -> Cells:
    """The row that hides the `level` smallest cells of `values` (see `rank`)."""
    hidden = set(rank(values)[:level])
    return [None if i in hidden else int(v) for i, v in enumerate(values)]


def first_level(values: Sequence[int], min_group: int, min_cell: int,
                min_group_zero: int = 0) -> tuple[int | None, str | None]:
    """(level, reason) of the first-stage rules: level = number of blank cells (None: nothing at
    all is published, a small group)."""
    v = [int(c) for c in values]
    n = sum(v)
    if n < min_group:
        return None, SMALL_GROUP
    if n > 0 and any(c == n for c in v):
        return ALL_HIDDEN, ONE_CATEGORY
    if not any(_sensitive(c, n, min_cell, min_group_zero) for c in v):
        return 0, None
    level = sum(1 for c in v if c < min_cell)
    if level < ALL_HIDDEN and _box_safe(v, level, min_cell):
        return level, SMALL_CELLS
    if level < TOP_ONLY and _top_safe(v, min_group, min_cell, min_group_zero):
        return TOP_ONLY, SMALL_CELLS
    return ALL_HIDDEN, SMALL_CELLS


def protect_counts(counts: Sequence[int], min_group: int, min_cell: int,
                   min_group_zero: int = 0) -> tuple[int | None, Cells, str | None]:
    """Protect one row of counts: returns (jumlah or None, cells with None = blank, reason)."""
    values = [int(c) for c in counts]
    level, reason = first_level(values, min_group, min_cell, min_group_zero)
    if level is None:
        return None, [None] * len(values), reason
    return sum(values), cells_at(values, level), reason


def _sensitive(c: int, n: int, min_cell: int, min_group_zero: int) -> bool:
    return 0 < c < min_cell or (c == 0 and n < min_group_zero)


def _box_safe(values: Sequence[int], level: int, min_cell: int) -> bool:
    """Rule 4: the `level` smallest cells are blank, each 0 … min_cell−1, adding up to what the
    published cells leave: does each have at least two possible values?"""
    if level < 2:
        return False
    hidden = rank(values)[:level]
    total = sum(values[i] for i in hidden)
    upper = min_cell - 1
    lo, hi = max(0, total - (level - 1) * upper), min(upper, total)
    return hi - lo >= 1


def _top_safe(values: Sequence[int], min_group: int, min_cell: int, min_group_zero: int) -> bool:
    """Rule 5: publishing only the largest cell. The distributions that lead to the same row:
    the same largest cell (unique, by `rank`), the others below it, rules 1–3 not applying, and
    rule 4 hiding four cells safely or not being safe at all. Each blank cell must take two
    values over them (bounded search; running out of budget counts as unsafe, an outcome that
    too depends only on the published row)."""
    n = sum(values)
    top = rank(values)[-1]
    v = values[top]
    if v < min_cell or sum(1 for c in values if c == v) > 1:
        return False
    others = [i for i in range(len(values)) if i != top]
    bounds = [v if i < top else v - 1 for i in others]
    total = n - v
    budget = [_BUDGET]

    def consistent(parts: tuple[int, ...]) -> bool:
        x = [0] * len(values)
        x[top] = v
        for i, p in zip(others, parts, strict=True):
            x[i] = p
        if not any(_sensitive(c, n, min_cell, min_group_zero) for c in x):
            return False
        level = sum(1 for c in x if c < min_cell)
        return _box_safe(x, level, min_cell) if level == TOP_ONLY else not (
            level < ALL_HIDDEN and _box_safe(x, level, min_cell))

    def build(pos: int, a: int, small: int | None) -> tuple[int, ...] | None:
        """A composition with part `pos` = a, one other part `small` (if given) and the rest
        at least min_cell: the shapes that reach rule 5 (found without a search)."""
        lows = [min_cell] * len(bounds)
        highs = list(bounds)
        lows[pos] = highs[pos] = a
        if small is not None:
            q = next(i for i in range(len(bounds)) if i != pos)
            lows[q] = highs[q] = small
        left = total - sum(lows)
        if left < 0 or any(lo > hi for lo, hi in zip(lows, highs, strict=True)):
            return None
        parts = list(lows)
        for i in range(len(parts)):
            add = min(left, highs[i] - parts[i])
            parts[i] += add
            left -= add
        return tuple(parts) if left == 0 else None

    def quick(pos: int) -> bool:
        seen: set[int] = set()
        for a in itertools.islice(_both_ends(0, bounds[pos]), 2 * min_cell + 4):
            for small in (None, 1, min_cell - 1):
                parts = build(pos, a, small)
                if parts is not None and consistent(parts):
                    seen.add(a)
                    break
            if len(seen) == 2:
                return True
        return False

    for pos in range(len(others)):
        if quick(pos):
            continue
        seen: set[int] = set()
        for parts in _compositions(total, bounds):
            budget[0] -= 1
            if budget[0] < 0:
                return False
            if parts[pos] not in seen and consistent(parts):
                seen.add(parts[pos])
                if len(seen) == 2:
                    break
        if len(seen) < 2:
            return False
    return True


def _both_ends(lo: int, hi: int) -> Iterator[int]:
    a, b = lo, hi
    while a <= b:
        yield a
        if b != a:
            yield b
        a, b = a + 1, b - 1


def _compositions(total: int, bounds: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Every way to write total as parts 0 … bounds[i]; values tried from both ends inwards."""
    if not bounds:
        if total == 0:
            yield ()
        return
    rest = sum(bounds[1:])
    lo, hi = max(0, total - rest), min(bounds[0], total)
    for x in _both_ends(lo, hi):
        for tail in _compositions(total - x, bounds[1:]):
            yield (x, *tail)


def blank_bounds(cells: Sequence[int | None], n: int, min_cell: int) -> list[tuple[int, int]]:
    """(lowest, highest) value of each cell for an observer who knows these rules: a published
    cell is itself; a blank is at least 0 and at most every published cell (at most one less
    than a published cell ranked after it), and below `min_cell` when two or more cells are
    published (such a row comes from rule 4 only)."""
    shown = [(i, c) for i, c in enumerate(cells) if c is not None]
    out = []
    for j, c in enumerate(cells):
        if c is not None:
            out.append((c, c))
            continue
        hi = n
        for i, v in shown:
            hi = min(hi, v if j < i else v - 1)
        if len(shown) >= 2:
            hi = min(hi, min_cell - 1)
        out.append((0, max(0, hi)))
    return out


def kurva_determined(cells: Sequence[int | None], n: int, limits: Sequence[KurvaLimit],
                     keys: Sequence[str] = PREDIKAT_KEYS,
                     bounds: Sequence[tuple[int, int]] | None = None) -> bool:
    """True when every limit is met (or broken) whatever values the blank cells hold within
    `bounds` (default: `blank_bounds` with min_cell = n + 1, i.e. 0 … n) adding up to n minus
    the published cells."""
    hidden = [i for i, c in enumerate(cells) if c is None]
    if not hidden:
        return True
    if bounds is None:
        bounds = blank_bounds(cells, n, n + 1)
    rest = n - sum(c for c in cells if c is not None)
    index = {key: i for i, key in enumerate(keys)}
    for limit in limits:
        members = {index[p] for p in limit.predikat}
        fixed = sum(cells[i] or 0 for i in members if cells[i] is not None)
        inside = [i for i in hidden if i in members]
        outside = [i for i in hidden if i not in members]
        low = fixed + max(sum(bounds[i][0] for i in inside),
                          rest - sum(bounds[i][1] for i in outside))
        high = fixed + min(sum(bounds[i][1] for i in inside),
                           rest - sum(bounds[i][0] for i in outside))
        bound = limit_bound(limit, n)
        if limit.jenis == "maks" and (low > bound) != (high > bound):
            return False
        if limit.jenis == "min" and (low < bound) != (high < bound):
            return False
    return True


def protect_distribution(
    frame: pd.DataFrame,
    policy: Policy,
    cells: Sequence[str] = PREDIKAT_KEYS,
    kurva_limits: Mapping[str, Sequence[KurvaLimit]] | None = None,
    hide_when_suppressed: Sequence[str] = KURVA_COLUMNS,
) -> pd.DataFrame:
    """Protected copy of a distribution frame (`jumlah_pegawai` + the five predikat cells), each
    row on its own (the portal also audits rows against each other: `audit.protect_tables`).

    Cells and `jumlah_pegawai` become object columns holding int or None (None = blank);
    `penekanan` records why a row was suppressed (`kelompok_kecil`, `satu_kategori`,
    `sel_kecil`, or None)."""
    zero = int(getattr(policy, "min_group_zero", 0))
    rows = [protect_counts(c, policy.min_group, policy.min_cell, zero)
            for c in frame[list(cells)].itertuples(index=False, name=None)]
    return apply_rows(frame, rows, policy.min_cell, cells, kurva_limits, hide_when_suppressed)


def apply_rows(frame: pd.DataFrame, rows: Sequence[tuple[int | None, Cells, str | None]],
               min_cell: int, cells: Sequence[str] = PREDIKAT_KEYS,
               kurva_limits: Mapping[str, Sequence[KurvaLimit]] | None = None,
               hide_when_suppressed: Sequence[str] = KURVA_COLUMNS) -> pd.DataFrame:
    """`frame` with the protected `rows` (jumlah, cells, reason) written in, and the kurva
    columns blanked where the result could depend on a blank cell."""
    out = frame.copy()
    cells = list(cells)
    orgs = (out["predikat_organisasi"].tolist() if "predikat_organisasi" in out.columns
            else [None] * len(out))
    hide = []
    for (n, protected, reason), org in zip(rows, orgs, strict=True):
        if reason is None:
            hide.append(False)
        elif reason not in (SMALL_CELLS, AUDIT) or n is None or kurva_limits is None:
            hide.append(True)
        elif isinstance(org, str) and org in kurva_limits:
            bounds = blank_bounds(protected, n, min_cell)
            hide.append(not kurva_determined(protected, n, kurva_limits[org], cells, bounds))
        else:
            hide.append(False)  # no predikat organisasi: there is no kurva result to hide
    out["jumlah_pegawai"] = pd.Series([r[0] for r in rows], index=out.index, dtype="object")
    for j, col in enumerate(cells):
        out[col] = pd.Series([r[1][j] for r in rows], index=out.index, dtype="object")
    for col in hide_when_suppressed:
        if col in out.columns:
            blank: object = [] if col.startswith("kurva_pelanggaran") else None
            out[col] = pd.Series(
                [blank if h else v for h, v in zip(hide, out[col].tolist(), strict=True)],
                index=out.index, dtype="object")
    out["penekanan"] = pd.Series([r[2] for r in rows], index=out.index, dtype="object")
    return out
