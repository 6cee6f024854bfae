"""Disclosure control for the employee predikat distribution (PRODUCT.md §8, domain-rules §5.4).

`protect_distribution` is the ONE gate: every page, chart and file reads the distribution it
returns. Per row (one office and period), with thresholds from `config.privacy`:

1. Small group: fewer than `min_group` rated employees -> nothing is published: `jumlah_pegawai`
   and the five cells are blank (a count next to a predikat organisasi already says something
   about a handful of people).
2. One category holds everybody (a 100 % share) -> the five cells are blank (`jumlah_pegawai`
   shown): a 100 %/0 % split reveals every member's predikat, whatever the group size.
3. No non-zero cell below `min_cell` -> everything is published.
4. Primary suppression: the non-zero cells below `min_cell` are blank and the rest published,
   provided that hides at least two cells and leaves each of them at least two possible values
   given only what is public (each blank cell is 1 … min_cell−1 and together they make up the
   total minus the published cells).
5. Otherwise only the largest cell (and the zeros) is published, if it is the unique largest, at
   least `min_cell`, and each blank cell keeps at least two possible values over every
   distribution that would lead to the same published row (checked by enumeration);
6. otherwise every non-zero cell is blank (zeros stay published; if every non-zero cell is 1, all
   five cells are blank).

The kurva check states inequalities about the cells ("at most 70 % Baik"). In a row with blank
cells it is published only when it is the same for every value the blank cells could take
(each blank cell 1 … the smallest published non-zero cell − 1, or 1 … total without one; their
sum known): then it tells nothing new. Otherwise it is blank.

Why not simply "also suppress the next smallest cell": someone who knows that rule can often
work the suppressed values back (e.g. a blank 2 and a blank 4 next to a published 4). Every
decision above depends only on what the published row shows, so the set of distributions an
observer has to consider is exactly the set the rule checked.

Guarantees (tested with hypothesis, and exhaustively for every distribution of small groups
against an observer who knows this algorithm, the thresholds and `jumlah_pegawai`): no published
cell is a non-zero count below `min_cell`; a row with a blank cell has at least two; when a cell
is blank the published cells never add up to `jumlah_pegawai`; no published cell holds 100 %;
groups under `min_group` publish nothing; no blank cell has only one possible value."""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

import pandas as pd

from site_builder.compute.kurva import limit_bound
from site_builder.rules import PREDIKAT_KEYS, KurvaLimit

SMALL_GROUP = "kelompok_kecil"
ONE_CATEGORY = "satu_kategori"
SMALL_CELLS = "sel_kecil"
KURVA_COLUMNS = ("kurva_sesuai", "kurva_pelanggaran", "kurva_pelanggaran_en")

_BUDGET = 50_000  # compositions examined by the rule-5 check before giving up (-> rule 6)


class Policy(Protocol):
    min_group: int
    min_cell: int


def protect_counts(
    counts: Sequence[int], min_group: int, min_cell: int
) -> tuple[int | None, list[int | None], str | None]:
    """Protect one row of counts: returns (jumlah or None, cells with None = blank, reason)."""
    values = [int(c) for c in counts]
    n = sum(values)
    width = len(values)
    if n < min_group:
        return None, [None] * width, SMALL_GROUP
    if n > 0 and any(c == n for c in values):
        return n, [None] * width, ONE_CATEGORY
    if not any(0 < c < min_cell for c in values):
        return n, list(values), None
    if _primary_safe(values, min_cell):
        return n, [None if 0 < c < min_cell else c for c in values], SMALL_CELLS
    nonzero = [i for i, c in enumerate(values) if c > 0]
    largest = max(values)
    tops = [i for i in nonzero if values[i] == largest]
    if len(tops) == 1 and largest >= min_cell and _largest_safe(values, tops[0], min_cell):
        return n, [c if i == tops[0] or c == 0 else None for i, c in enumerate(values)], SMALL_CELLS
    if all(values[i] == 1 for i in nonzero):
        return n, [None] * width, SMALL_CELLS
    return n, [0 if c == 0 else None for c in values], SMALL_CELLS


def _box_ambiguous(total: int, k: int, upper: int) -> bool:
    """k blank cells, each 1…upper, adding up to total: does each have ≥ 2 possible values?"""
    if k < 2:
        return False
    lo = max(1, total - (k - 1) * upper)
    hi = min(upper, total - (k - 1))
    return hi - lo >= 1


def _primary_safe(values: Sequence[int], min_cell: int) -> bool:
    hidden = [c for c in values if 0 < c < min_cell]
    return bool(hidden) and _box_ambiguous(sum(hidden), len(hidden), min_cell - 1)


def _largest_safe(values: Sequence[int], top: int, min_cell: int) -> bool:
    """Publishing only values[top]: the distributions leading to the same row are those with the
    same zero cells and the same unique largest cell, some cell below min_cell, and rule 4 not
    applying. Check each blank cell takes at least two values over them (bounded search; running
    out of budget counts as unsafe, and that outcome too depends only on the published row)."""
    k = sum(1 for i, c in enumerate(values) if c > 0 and i != top)
    if k < 2:
        return False
    upper = values[top] - 1
    total = sum(c for i, c in enumerate(values) if c > 0 and i != top)
    budget = [_BUDGET]

    def consistent(parts: tuple[int, ...]) -> bool:
        return min(parts) < min_cell and not _primary_safe(parts, min_cell)

    def completion_exists(pos: int, x: int) -> bool:
        for rest in _compositions(total - x, k - 1, upper):
            budget[0] -= 1
            if budget[0] < 0:
                raise _OutOfBudget
            if consistent((*rest[:pos], x, *rest[pos:])):
                return True
        return False

    lo, hi = max(1, total - (k - 1) * upper), min(upper, total - (k - 1))
    try:
        for pos in range(k):
            found = 0
            for x in _both_ends(lo, hi):
                if completion_exists(pos, x):
                    found += 1
                    if found == 2:
                        break
            if found < 2:
                return False
    except _OutOfBudget:
        return False
    return True


class _OutOfBudget(Exception):
    """The rule-5 search examined `_BUDGET` compositions without an answer."""


def _both_ends(lo: int, hi: int) -> Iterator[int]:
    a, b = lo, hi
    while a <= b:
        yield a
        if b != a:
            yield b
        a, b = a + 1, b - 1


def _compositions(total: int, k: int, upper: int) -> Iterator[tuple[int, ...]]:
    """Every way to write total as k parts of 1…upper; values tried from both ends inwards."""
    lo = max(1, total - (k - 1) * upper)
    hi = min(upper, total - (k - 1))
    if lo > hi or k < 1:
        return
    if k == 1:
        yield (total,)
        return
    for v in _both_ends(lo, hi):
        for rest in _compositions(total - v, k - 1, upper):
            yield (v, *rest)


def kurva_determined(cells: Sequence[int | None], n: int, limits: Sequence[KurvaLimit],
                     keys: Sequence[str] = PREDIKAT_KEYS) -> bool:
    """True when every limit is met (or broken) whatever values the blank cells hold, over a
    superset of the distributions consistent with the published row: blank cells are each at
    least 1 and at most (smallest published non-zero cell − 1), or at most n when none is
    published, and add up to n minus the published cells."""
    hidden = [i for i, c in enumerate(cells) if c is None]
    if not hidden:
        return True
    if len(hidden) == len(cells):
        return False  # zero cells are hidden too: the bounds below do not hold
    published_nonzero = [c for c in cells if c]
    upper = min(published_nonzero) - 1 if published_nonzero else n
    k = len(hidden)
    rest = n - sum(c for c in cells if c is not None)
    index = {key: i for i, key in enumerate(keys)}
    for limit in limits:
        members = [index[p] for p in limit.predikat]
        fixed = sum(cells[i] or 0 for i in members if cells[i] is not None)
        a = sum(1 for i in members if cells[i] is None)
        low = fixed + max(a, rest - (k - a) * upper) if a else fixed
        high = fixed + min(a * upper, rest - (k - a)) if a else fixed
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
    """Protected copy of a distribution frame (`jumlah_pegawai` + the five predikat cells).

    Cells and `jumlah_pegawai` become object columns holding int or None (None = blank);
    `penekanan` records why a row was suppressed (`kelompok_kecil`, `satu_kategori`,
    `sel_kecil`, or None). The columns in `hide_when_suppressed` (the kurva check) are blanked in
    rows with blank cells, unless `kurva_limits` (limits per `predikat_organisasi`) show the
    check result cannot depend on the blank values (see `kurva_determined`)."""
    out = frame.copy()
    cells = list(cells)
    totals: list[int | None] = []
    rows: list[list[int | None]] = []
    reasons: list[str | None] = []
    for counts in out[cells].itertuples(index=False, name=None):
        n, protected, reason = protect_counts(counts, policy.min_group, policy.min_cell)
        totals.append(n)
        rows.append(protected)
        reasons.append(reason)
    orgs = (out["predikat_organisasi"].tolist() if "predikat_organisasi" in out.columns
            else [None] * len(out))
    hide = []
    for n, protected, reason, org in zip(totals, rows, reasons, orgs, strict=True):
        if reason is None:
            hide.append(False)
        elif reason != SMALL_CELLS or n is None or kurva_limits is None:
            hide.append(True)
        elif isinstance(org, str) and org in kurva_limits:
            hide.append(not kurva_determined(protected, n, kurva_limits[org], cells))
        else:
            hide.append(False)  # no predikat organisasi: there is no kurva result to hide
    out["jumlah_pegawai"] = pd.Series(totals, index=out.index, dtype="object")
    for j, col in enumerate(cells):
        out[col] = pd.Series([r[j] for r in rows], index=out.index, dtype="object")
    for col in hide_when_suppressed:
        if col in out.columns:
            blank: object = [] if col.startswith("kurva_pelanggaran") else None
            out[col] = pd.Series(
                [blank if h else v for h, v in zip(hide, out[col].tolist(), strict=True)],
                index=out.index, dtype="object")
    out["penekanan"] = pd.Series(reasons, index=out.index, dtype="object")
    return out
