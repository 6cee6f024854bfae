"""The attacker test of issue 13: for pairs of published tables over the same people, an
observer enumerates every distribution each published row allows (blank cells within what the
rules let them be, `rows.blank_bounds`) and every way the relation between the tables can hold;
no individual's predikat may be forced and no small count pinned. Written by brute force,
independently of the audit's own reasoning."""
from __future__ import annotations

import itertools
import random

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from sheets_sync.config import PrivacyConfig
from site_builder.disclosure.record import PublishedRecord
from site_builder.disclosure.rows import blank_bounds
from site_builder.disclosure.tables import protect_tables
from site_builder.rules import PREDIKAT_KEYS

K = len(PREDIKAT_KEYS)
POLICY = PrivacyConfig()


def completions(cells: list[int | None], n: int) -> list[tuple[int, ...]]:
    bounds = blank_bounds(cells, n, POLICY.min_cell)
    ranges = [range(lo, hi + 1) for lo, hi in bounds]
    return [x for x in itertools.product(*ranges) if sum(x) == n]


def newcomer_categories(first: list[tuple[int, ...]], later: list[tuple[int, ...]],
                        stayers: int) -> set[int]:
    """Categories a newcomer can have, over every pair of completions and every way `stayers`
    people keep their predikat (stayers_j ≤ min of the two rows)."""
    out: set[int] = set()
    for a in first:
        for b in later:
            caps = [min(a[j], b[j]) for j in range(K)]
            if sum(caps) < stayers:
                continue
            for j in range(K):
                if j in out or b[j] == 0:
                    continue
                # a newcomer in j: fewer stayers in j than b_j, the rest placed elsewhere
                room = sum(caps) - caps[j] + min(caps[j], b[j] - 1)
                if room >= stayers:
                    out.add(j)
            if len(out) >= 2:  # enough to show nobody is forced
                return out
    return out


def _frame(rows: list[tuple[str, str, tuple[int, ...]]], unit: bool = False) -> pd.DataFrame:
    out = []
    for kode, periode, counts in rows:
        key = {"kantor_kode": kode, "periode": periode}
        if unit:
            kode, u = kode.split("/")
            key = {"kantor_kode": kode, "unit_kerja": u, "periode": periode}
        out.append({**key, "jumlah_pegawai": sum(counts), **dict(zip(PREDIKAT_KEYS, counts,
                                                                     strict=True))})
    cols = ["kantor_kode", *(["unit_kerja"] if unit else []), "periode", "jumlah_pegawai",
            *PREDIKAT_KEYS]
    return pd.DataFrame(out, columns=cols)


def _published(frame: pd.DataFrame) -> list[tuple[int | None, list[int | None]]]:
    cols = [frame[k].tolist() for k in PREDIKAT_KEYS]
    return [(n, [c[i] for c in cols]) for i, n in enumerate(frame["jumlah_pegawai"].tolist())]


def _no_units() -> pd.DataFrame:
    return _frame([], unit=True)


def _history(kode: str, periode: str, n: int, cells: list[int | None]) -> PublishedRecord:
    record = PublishedRecord()
    record.add(("kantor", kode, "", periode), (n, tuple(cells)))
    return record


def test_setup_1_the_newcomer_of_a_published_office_is_not_forced() -> None:
    # 2025 published 5, 5, 0, 0, 0 (an earlier build, under the old rules); 2026: the same 10
    # plus one Baik newcomer. Published as such, the newcomer would be Baik.
    history = _history("A", "2025", 10, [5, 5, 0, 0, 0])
    assert newcomer_categories([(5, 5, 0, 0, 0)], [(5, 6, 0, 0, 0)], 10) == {1}  # the attack
    office, _, summary = protect_tables(_frame([("A", "2026", (5, 6, 0, 0, 0))]), _no_units(),
                                        POLICY, history=history)
    (n, cells), = _published(office)
    assert n == 11
    later = completions(cells, 11)
    assert len(newcomer_categories([(5, 5, 0, 0, 0)], later, 10)) >= 2
    assert summary.period_pairs == 1 and summary.unmet_after == 0


def test_setup_2_and_3_a_blank_no_longer_means_at_least_one() -> None:
    # the old rules showed zeros, so "(blank), (blank), 0, 0, (blank)" put the newcomer in
    # Sangat Kurang; a Butuh Perbaikan newcomer was given away the same way
    for newcomer in (4, 2):
        counts = [5, 5, 0, 0, 0]
        counts[newcomer] += 1
        history = _history("A", "2025", 10, [5, 5, 0, 0, 0])
        office, _, _ = protect_tables(_frame([("A", "2026", tuple(counts))]), _no_units(),
                                      POLICY, history=history)
        (n, cells), = _published(office)
        assert all(c is None for i, c in enumerate(cells) if counts[i] == 0)  # zeros hidden too
        assert len(newcomer_categories([(5, 5, 0, 0, 0)], completions(cells, n), 10)) >= 2


def _rest_values(office: list[int | None], n: int, units: list[tuple[list[int | None], int]],
                 ) -> dict[int, set[int]]:
    """Every value each category of the office minus its published units can take."""
    seen: dict[int, set[int]] = {j: set() for j in range(K)}
    unit_sets = [completions(c, m) for c, m in units]
    for x in completions(office, n):
        for parts in itertools.product(*unit_sets):
            rest = [x[j] - sum(p[j] for p in parts) for j in range(K)]
            if min(rest) >= 0:
                for j in range(K):
                    seen[j].add(rest[j])
    return seen


def test_office_vs_units_does_not_give_the_small_unit_away() -> None:
    # an office of 30: two units of 12 and 14 published, a unit of 4 too small to publish
    office = _frame([("A", "2025", (6, 15, 5, 2, 2))])
    units = _frame([("A/x", "2025", (3, 6, 2, 1, 0)), ("A/y", "2025", (2, 7, 3, 1, 1))],
                   unit=True)
    o, u, summary = protect_tables(office, units, POLICY)
    assert summary.hierarchies == 1 and summary.unmet_before > 0 and summary.unmet_after == 0
    (n, cells), = _published(o)
    rest = _rest_values(cells, n, [(c, int(m)) for m, c in _published(u)])
    true_rest = [1, 2, 0, 0, 1]
    for j, v in enumerate(true_rest):
        if 0 < v < POLICY.min_cell:
            assert len(rest[j]) >= 2, (j, rest[j])


def test_sector_vs_office_is_the_same_relation() -> None:
    # a sector row is the sum of its offices like an office of its units: the same audit holds
    sector = _frame([("S", "2025", (4, 20, 9, 1, 0))])
    offices = _frame([("S/A", "2025", (2, 10, 5, 0, 0)), ("S/B", "2025", (1, 8, 3, 0, 0))],
                     unit=True)
    s, o, summary = protect_tables(sector, offices, POLICY)
    assert summary.unmet_after == 0
    (n, cells), = _published(s)
    rest = _rest_values(cells, n, [(c, int(m)) for m, c in _published(o)])
    assert len(rest[0]) >= 2 and len(rest[2]) >= 2 and len(rest[3]) >= 2


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[int], list[int], int]:
    """Predikat of each employee in 2025 and 2026 (-1: not there that year) and the seed."""
    n = draw(st.integers(10, 13))
    weights = st.sampled_from([0, 1, 1, 1, 1, 2, 3])
    first = [draw(weights) for _ in range(n)]
    later = [p if draw(st.booleans()) or p < 0 else draw(weights) for p in first]
    later = [(-1 if draw(st.integers(0, 9)) == 0 else p) for p in later]
    later += [draw(weights) for _ in range(draw(st.integers(0, 2)))]
    return first, later, draw(st.integers(0, 10**6))


def _counts(people: list[int]) -> tuple[int, ...]:
    return tuple(sum(1 for p in people if p == j) for j in range(K))


@given(histories())
def test_random_staff_histories_force_no_newcomer(history: tuple[list[int], list[int], int],
                                                  ) -> None:
    first, later, seed = history
    rng = random.Random(seed)
    a, b = _counts(first), _counts([p for p in later if p >= 0])
    frame = _frame([("A", "2025", a), ("A", "2026", b)])
    office, _, summary = protect_tables(frame, _no_units(), POLICY)
    assert summary.unmet_after == 0
    rows = _published(office)
    if rows[0][0] is None or rows[1][0] is None:
        return
    stayers = sum(1 for i, p in enumerate(first) if i < len(later) and later[i] >= 0
                  and later[i] == p)
    x1, x2 = completions(rows[0][1], rows[0][0]), completions(rows[1][1], rows[1][0])
    rng.shuffle(x1)
    if sum(b) - stayers >= 1:
        cats = newcomer_categories(x1, x2, stayers)
        assert not cats or len(cats) >= 2, (a, b, rows, stayers)
