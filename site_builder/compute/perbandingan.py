"""Fair comparison of an office (issue 15): beside each office index, its sector's and the
portal's mean index of the same period (the `ringkasan` means, which count only office-periods
with enough coverage) and its rank within the sector among the offices that count.

An office-period whose coverage is not enough (`cakupan_memadai` false) gets the means (a reader
may still compare) but no rank; an office without a sector gets no sector mean and no rank."""
from __future__ import annotations

import pandas as pd

from site_builder.compute.ringkasan import KABUPATEN, SEKTOR

COMPARISON_COLUMNS = ["indeks_sektor", "indeks_kabupaten", "peringkat_sektor",
                      "peringkat_sektor_dari"]


def add_comparison(kantor: pd.DataFrame, ringkasan: pd.DataFrame) -> pd.DataFrame:
    """`kantor` (the kantor mart) with `indeks_sektor`, `indeks_kabupaten` (the `ringkasan`
    means of the office's sector and of the portal in the row's period), `peringkat_sektor`
    (1 = the highest index of the sector in that period; equal indices share a rank) and
    `peringkat_sektor_dari` (how many offices of the sector are ranked in that period)."""
    out = kantor.copy()
    n = len(out)
    if n == 0:
        for col in COMPARISON_COLUMNS:
            out[col] = pd.Series(dtype="object")
        return out
    means: dict[tuple[str, str, str], object] = {
        (str(c), str(s or ""), str(p)): m for c, s, p, m in zip(
            ringkasan["cakupan"].tolist(), ringkasan["sektor"].tolist(),
            ringkasan["periode"].tolist(), ringkasan["indeks_rata_rata"].tolist(), strict=True)}
    periods = out["periode"].tolist()
    sectors = [str(s) if isinstance(s, str) and s else "" for s in out["sektor"].tolist()]
    out["indeks_kabupaten"] = pd.Series(
        [means.get((KABUPATEN, "", str(p))) if p is not None else None for p in periods],
        index=out.index, dtype="object")
    out["indeks_sektor"] = pd.Series(
        [means.get((SEKTOR, s, str(p))) if p is not None and s else None
         for s, p in zip(sectors, periods, strict=True)], index=out.index, dtype="object")

    index = out["indeks_kinerja"].tolist()
    enough = (out["cakupan_memadai"].tolist() if "cakupan_memadai" in out.columns
              else [True] * n)
    ranked = [i for i in range(n) if sectors[i] and periods[i] is not None
              and index[i] is not None and enough[i] is True]
    rank: list[object] = [None] * n
    of: list[object] = [None] * n
    if ranked:
        frame = pd.DataFrame({"s": [sectors[i] for i in ranked],
                              "p": [str(periods[i]) for i in ranked],
                              "v": [float(index[i]) for i in ranked]})
        groups = frame.groupby(["s", "p"], sort=False)["v"]
        ranks = groups.rank(method="min", ascending=False).astype("int64").tolist()
        sizes = groups.transform("size").astype("int64").tolist()
        for i, r, size in zip(ranked, ranks, sizes, strict=True):
            rank[i], of[i] = int(r), int(size)
    out["peringkat_sektor"] = pd.Series(rank, index=out.index, dtype="object")
    out["peringkat_sektor_dari"] = pd.Series(of, index=out.index, dtype="object")
    return out
