"""Disclosure control for the employee predikat distribution (PRODUCT.md §8, domain-rules §5.4).

`protect_distribution` is the ONE gate: every page, chart and file reads the distribution it
returns. Rules, per row (one office and period), with thresholds from `config.privacy`:

1. Small group: fewer than `min_group` rated employees -> nothing is published: `jumlah_pegawai`,
   all five cells and the kurva result are blank (a count alone, next to a predikat organisasi,
   already says something about a handful of people).
2. One category holds everybody (a 100 % share) -> all five cells blank (`jumlah_pegawai` shown):
   a 100 %/0 % split reveals every member's predikat, whatever the group size.
3. Primary suppression: every non-zero cell below `min_cell` is blank.
4. Secondary suppression: while fewer than two cells are blank, or the blank cells could only hold
   1 each (their total equals their number), the smallest published non-zero cell is blanked too
   (ties: the first in predikat order). If no such cell is left, all five cells are blanked.

Guarantees (tested with hypothesis and exhaustively for small groups): no published cell is a
non-zero count below `min_cell`; a row with a blank cell has at least two; published cells never
show a 100 % share; zero cells are published (a zero is never derivable into a person); and an
observer who knows `jumlah_pegawai`, the published cells and that blank cells are non-zero (unless
all five are blank) cannot pin down any blank cell: each has at least two possible values."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pandas as pd

from site_builder.rules import PREDIKAT_KEYS

SMALL_GROUP = "kelompok_kecil"
ONE_CATEGORY = "satu_kategori"
SMALL_CELLS = "sel_kecil"


class Policy(Protocol):
    min_group: int
    min_cell: int


def protect_counts(
    counts: Sequence[int], min_group: int, min_cell: int
) -> tuple[int | None, list[int | None], str | None]:
    """Protect one row of counts: returns (jumlah or None, cells with None = suppressed, reason)."""
    cells: list[int | None] = [int(c) for c in counts]
    n = sum(int(c) for c in counts)
    if n < min_group:
        return None, [None] * len(cells), SMALL_GROUP
    if n > 0 and any(c == n for c in counts):
        return n, [None] * len(cells), ONE_CATEGORY
    hidden = {i for i, c in enumerate(counts) if 0 < c < min_cell}
    if not hidden:
        return n, cells, None
    while len(hidden) < 2 or sum(counts[i] for i in hidden) == len(hidden):
        candidates = [i for i, c in enumerate(counts) if c > 0 and i not in hidden]
        if not candidates:
            return n, [None] * len(cells), SMALL_CELLS
        hidden.add(min(candidates, key=lambda i: (counts[i], i)))
    return n, [None if i in hidden else c for i, c in enumerate(cells)], SMALL_CELLS


def protect_distribution(
    frame: pd.DataFrame,
    policy: Policy,
    cells: Sequence[str] = PREDIKAT_KEYS,
    hide_with_group: Sequence[str] = ("kurva_sesuai", "kurva_pelanggaran", "kurva_pelanggaran_en"),
) -> pd.DataFrame:
    """Protected copy of a distribution frame (`jumlah_pegawai` + the five predikat cells).

    Cells and `jumlah_pegawai` become object columns holding int or None (None = suppressed);
    columns in `hide_with_group` are blanked for groups under `min_group`; `penekanan` records
    why a row was suppressed (`kelompok_kecil`, `satu_kategori`, `sel_kecil`, or None)."""
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
    out["jumlah_pegawai"] = pd.Series(totals, index=out.index, dtype="object")
    for j, col in enumerate(cells):
        out[col] = pd.Series([r[j] for r in rows], index=out.index, dtype="object")
    small = [r == SMALL_GROUP for r in reasons]
    for col in hide_with_group:
        if col in out.columns:
            blank: object = [] if col.startswith("kurva_pelanggaran") else None
            out[col] = pd.Series(
                [blank if s else v for s, v in zip(small, out[col].tolist(), strict=True)],
                index=out.index, dtype="object")
    out["penekanan"] = pd.Series(reasons, index=out.index, dtype="object")
    return out
