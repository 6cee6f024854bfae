"""Disclosure control of the employee distribution (PRODUCT.md §8): hand examples, hypothesis
properties, and an exhaustive check against an observer who knows the algorithm."""
from __future__ import annotations

import itertools
from collections import defaultdict

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from sheets_sync.config import PrivacyConfig
from site_builder.disclosure import protect_counts, protect_distribution

KEYS = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]


def test_small_group_publishes_nothing() -> None:
    assert protect_counts([2, 3, 4, 0, 0], 10, 5) == (None, [None] * 5, "kelompok_kecil")


def test_nothing_small_publishes_everything() -> None:
    assert protect_counts([5, 20, 7, 0, 0], 10, 5) == (32, [5, 20, 7, 0, 0], None)


def test_one_category_holding_everyone_is_hidden() -> None:
    assert protect_counts([0, 40, 0, 0, 0], 10, 5) == (40, [None] * 5, "satu_kategori")


def test_small_cells_are_hidden_with_the_zeros() -> None:
    # issue 13: a blank never means "at least one": zeros are hidden with the small counts.
    # 1, 3 and 0 are each 0…4 and add up to 4 → each has several possible values → safe
    assert protect_counts([1, 20, 10, 3, 0], 10, 5) == (34, [None, 20, 10, None, None],
                                                        "sel_kecil")


def test_a_single_small_cell_hides_with_the_zeros_beside_it() -> None:
    # 2 + 0 + 0 = 2 over three blanks of 0…4: each 0, 1 or 2
    assert protect_counts([2, 20, 10, 0, 0], 10, 5) == (32, [None, 20, 10, None, None],
                                                        "sel_kecil")


def test_a_single_small_cell_without_zeros_leaves_only_the_largest() -> None:
    # one cell below 5 alone could be derived from the total → only the largest (20) stays
    assert protect_counts([2, 20, 10, 6, 5], 10, 5) == (43, [None, 20, None, None, None],
                                                        "sel_kecil")


def test_small_cells_that_must_all_be_four_are_not_enough() -> None:
    # hidden 4 + 4 + 4 = 12 with each at most 4 → all pinned → only the largest stays
    assert protect_counts([4, 20, 10, 4, 4], 10, 5) == (42, [None, 20, None, None, None],
                                                        "sel_kecil")


def test_no_zero_share_in_a_small_group() -> None:
    # 12 employees, 6 + 6: no cell below 5, but the zeros would say "nobody is BP/K/SK";
    # under min_group_zero (20) they are sensitive; hidden alone they add up to 0 → all blank
    assert protect_counts([6, 6, 0, 0, 0], 10, 5, 20) == (12, [None] * 5, "sel_kecil")
    assert protect_counts([6, 6, 0, 0, 0], 10, 5, 12) == (12, [6, 6, 0, 0, 0], None)


counts_st = st.lists(st.one_of(st.integers(0, 6), st.integers(0, 400)), min_size=5, max_size=5)
thresholds = st.tuples(st.integers(1, 15), st.integers(1, 8))


@given(counts_st, thresholds)
def test_invariants(counts: list[int], th: tuple[int, int]) -> None:
    min_group, min_cell = th
    n = sum(counts)
    jumlah, cells, reason = protect_counts(counts, min_group, min_cell)
    if n < min_group:
        assert jumlah is None and cells == [None] * 5
        return
    assert jumlah == n
    published = [c for c in cells if c is not None]
    hidden = [i for i, c in enumerate(cells) if c is None]
    # published values are the true values
    assert all(c == counts[i] for i, c in enumerate(cells) if c is not None)
    # no published non-zero cell below min_cell
    assert all(c == 0 or c >= min_cell for c in published)
    # no published 100 % share
    assert all(c != n for c in published) or n == 0
    if hidden:
        assert len(hidden) >= 2
        assert sum(published) != n
        assert reason is not None
    else:
        assert reason is None


def _compositions(n: int, k: int = 5):
    for cut in itertools.combinations(range(n + k - 1), k - 1):
        prev, out = -1, []
        for x in cut:
            out.append(x - prev - 1)
            prev = x
        out.append(n + k - 2 - prev)
        yield tuple(out)


def test_no_hidden_cell_is_derivable_by_an_observer_who_knows_the_rule() -> None:
    # For every distribution of 10…20 employees: group the distributions by the row they publish;
    # within each group, every hidden cell must take at least two different true values.
    for min_group, min_cell, zero, sizes in ((10, 5, 0, range(10, 21)), (10, 3, 0, range(10, 17)),
                                             (10, 5, 20, range(10, 21))):
        for n in sizes:
            groups: dict[tuple, list[tuple[int, ...]]] = defaultdict(list)
            for counts in _compositions(n):
                jumlah, cells, _ = protect_counts(counts, min_group, min_cell, zero)
                groups[(jumlah, tuple(cells))].append(counts)
            for (_, cells), members in groups.items():
                for i, c in enumerate(cells):
                    if c is None:
                        assert len({m[i] for m in members}) >= 2, (n, cells, members)


def test_frame_protection_and_kurva_blanking() -> None:
    frame = pd.DataFrame([
        dict(kantor_kode="A", periode="2025", jumlah_pegawai=32, sangat_baik=5, baik=20,
             butuh_perbaikan=7, kurang=0, sangat_kurang=0, kurva_sesuai=True,
             kurva_pelanggaran=[], kurva_pelanggaran_en=[]),
        dict(kantor_kode="B", periode="2025", jumlah_pegawai=6, sangat_baik=1, baik=5,
             butuh_perbaikan=0, kurang=0, sangat_kurang=0, kurva_sesuai=False,
             kurva_pelanggaran=["x"], kurva_pelanggaran_en=["x"]),
        dict(kantor_kode="C", periode="2025", jumlah_pegawai=32, sangat_baik=2, baik=20,
             butuh_perbaikan=10, kurang=0, sangat_kurang=0, kurva_sesuai=False,
             kurva_pelanggaran=["y"], kurva_pelanggaran_en=["y"]),
    ])
    out = protect_distribution(frame, PrivacyConfig())
    assert out.loc[0, KEYS].tolist() == [5, 20, 7, 0, 0]
    assert out.loc[0, "kurva_sesuai"] is True or out.loc[0, "kurva_sesuai"] == True  # noqa: E712
    assert out.loc[1, "jumlah_pegawai"] is None
    assert out.loc[1, KEYS].tolist() == [None] * 5
    assert out.loc[1, "kurva_sesuai"] is None
    assert out.loc[1, "kurva_pelanggaran"] == []
    assert out.loc[2, KEYS].tolist() == [None, 20, 10, None, None]
    assert out.loc[2, "kurva_sesuai"] is None
    assert out["penekanan"].tolist() == [None, "kelompok_kecil", "sel_kecil"]


def _kurva_frame(org: str, counts: list[int], sesuai: bool, pelanggaran: list[str]) -> pd.DataFrame:
    return pd.DataFrame([dict(kantor_kode="A", periode="2025", jumlah_pegawai=sum(counts),
                              **dict(zip(KEYS, counts, strict=True)), predikat_organisasi=org,
                              kurva_sesuai=sesuai, kurva_pelanggaran=pelanggaran,
                              kurva_pelanggaran_en=pelanggaran)])


def test_kurva_result_kept_when_blank_cells_cannot_change_it() -> None:
    from site_builder import rules
    limits = rules.kurva_rule()[1]
    # Baik unit of 57: 7 SB, 37 B, 9 BP, 1 K/M, 3 SK. K/M and SK (1 + 3 = 4) are blank.
    # Limits: Baik ≤ floor(39.9) = 39 (37, published) and BP + K/M ≥ 1 (BP 9 published) →
    # true whatever the blank values → the result is shown.
    out = protect_distribution(_kurva_frame("Baik", [7, 37, 9, 1, 3], True, []), PrivacyConfig(),
                               kurva_limits=limits)
    assert out.loc[0, KEYS].tolist() == [7, 37, 9, None, None]
    assert out.loc[0, "kurva_sesuai"] == True  # noqa: E712


def test_kurva_result_hidden_when_it_depends_on_a_blank_cell() -> None:
    from site_builder import rules
    limits = rules.kurva_rule()[1]
    # Sangat Kurang unit of 20: 6 B, 1 K/M, 13 SK. SB, BP and K/M (0 + 0 + 1) are blank, each
    # 0 or 1. "Sangat Baik at most 0" holds only if the blank SB is 0 → the result would reveal
    # it → blank.
    out = protect_distribution(_kurva_frame("Sangat Kurang", [0, 6, 0, 1, 13], False, ["x"]),
                               PrivacyConfig(), kurva_limits=limits)
    assert out.loc[0, KEYS].tolist() == [None, 6, None, None, 13]
    assert out.loc[0, "kurva_sesuai"] is None
    assert out.loc[0, "kurva_pelanggaran"] == []


def test_published_kurva_result_never_depends_on_blank_cells() -> None:
    # Exhaustive for 10…15 employees: among all distributions publishing the same row, a kurva
    # result that is published must be the same for all of them.
    from site_builder import rules
    from site_builder.compute.kurva import violations
    from site_builder.disclosure import kurva_determined
    from site_builder.disclosure.rows import blank_bounds
    limits = rules.kurva_rule()[1]
    for org, lims in limits.items():
        for n in range(10, 16):
            groups: dict[tuple, set] = defaultdict(set)
            for counts in _compositions(n):
                jumlah, cells, reason = protect_counts(counts, 10, 5, 20)
                # the bounds the portal uses: what an observer who knows the rules can tell
                bounds = blank_bounds(cells, n, 5)
                if reason != "sel_kecil" or not kurva_determined(cells, n, lims, bounds=bounds):
                    continue
                broken = tuple(id(x) for x in violations(dict(zip(KEYS, counts, strict=True)),
                                                         lims))
                groups[tuple(cells)].add(broken)
            assert all(len(v) == 1 for v in groups.values()), org
