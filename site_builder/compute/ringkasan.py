"""The figures of the home and sector pages (the open-data table `ringkasan`): per scope — the
whole portal (`kabupaten`) or one sector — and period, counts of offices, the mean office index,
the mean IKM of the service units, complaints received and handled on time, and the offices with
the highest and lowest index. The headline period and the movers ranking are decided here too.

Fair comparison (issue 15): means, highest/lowest, the headline period and the movers count only
office-periods whose coverage reaches `headline.min_coverage` (the kantor mart's
`cakupan_memadai`); `kantor_berindeks` still counts every office with an index, and
`kantor_cakupan_memadai` those that count. A frame without `cakupan_memadai` (hand-made marts)
counts every index.

Means are of the published figures (the office indices of `kantor.csv`, the unit IKM of
`skm.csv`), each mean rounded once, so every number can be worked out from the downloads. A
figure always belongs to one period: offices that last reported in another period are not mixed
in."""
from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import pandas as pd

from sheets_sync.periods import period_sort_key
from site_builder.compute.decimals import round2
from site_builder.compute.office_index import mean
from site_builder.compute.trends import previous_period_code

KABUPATEN, SEKTOR = "kabupaten", "sektor"
RINGKASAN_COLUMNS = [
    "cakupan", "sektor", "periode", "kantor_total", "kantor_berindeks", "kantor_cakupan_memadai",
    "indeks_rata_rata",
    "unit_ikm", "ikm_rata_rata", "pengaduan_masuk", "pengaduan_ditanggapi_tepat_waktu",
    "pengaduan_selesai_tepat_waktu", "kantor_tertinggi", "kantor_terendah", "periode_utama",
    "versi_aturan", "_urutan",
]


def _indices(kantor: pd.DataFrame, *, adequate_only: bool = False
             ) -> dict[tuple[str, str], Decimal]:
    """Published office index by (office, period), offices with an index only; with
    `adequate_only`, only office-periods whose coverage is enough (`cakupan_memadai`)."""
    enough = (kantor["cakupan_memadai"].tolist() if adequate_only
              and "cakupan_memadai" in kantor.columns else [True] * len(kantor))
    return {(str(k), str(p)): v for k, p, v, ok in zip(
        kantor["kantor_kode"].tolist(), kantor["periode"].tolist(),
        kantor["indeks_kinerja"].tolist(), enough, strict=True)
        if p is not None and isinstance(v, Decimal) and ok is True}


def headline_period(kantor: pd.DataFrame) -> str | None:
    """The period the home page's headline shows: the one in which the most offices have their
    latest office index with enough coverage (each office counts once, for its latest such
    period); on a tie the later period. When no index has enough coverage, every index counts.
    None when no office has an index."""
    indices = _indices(kantor, adequate_only=True) or _indices(kantor)
    order = {p: period_sort_key(p) for p in {p for _, p in indices}}
    latest: dict[str, str] = {}
    for kode, period in indices:
        if kode not in latest or order[period] > order[latest[kode]]:
            latest[kode] = period
    counts = Counter(latest.values())
    if not counts:
        return None
    return max(counts, key=lambda p: (counts[p], order[p]))


def rank_movers(kantor: pd.DataFrame, period: str | None) -> list[int | None]:
    """`peringkat_perubahan` of every kantor row: in the headline `period`, 1 for the office
    whose index changed most (largest |tren|, then by name and code), 2 for the next, …; None
    for other periods, for rows without a change and for a change where this period's or the
    previous period's coverage is not enough (a rise from reporting only the good indicators
    is no headline)."""
    tren = kantor["tren"].tolist()
    low = set(_indices(kantor)) - set(_indices(kantor, adequate_only=True))
    codes_ = [str(k) for k in kantor["kantor_kode"].tolist()]
    rows = [(i, t) for i, (p, t) in enumerate(zip(kantor["periode"].tolist(), tren, strict=True))
            if period is not None and p == period and isinstance(t, Decimal) and t != 0
            and (codes_[i], str(p)) not in low
            and (codes_[i], str(previous_period_code(p))) not in low]
    names = kantor["kantor_nama"].tolist()
    codes = kantor["kantor_kode"].tolist()
    rows.sort(key=lambda it: (-abs(it[1]), str(names[it[0]]), str(codes[it[0]])))
    out: list[int | None] = [None] * len(kantor)
    for rank, (i, _) in enumerate(rows, start=1):
        out[i] = rank
    return out


def compute_ringkasan(kantor: pd.DataFrame, profil: pd.DataFrame, skm: pd.DataFrame,
                      pengaduan: pd.DataFrame, versi_aturan: str,
                      headline: str | None) -> pd.DataFrame:
    """One row per scope and period (every period with an office index, a unit IKM or
    complaints, for every scope). `kantor` is the kantor mart (with names), `profil` the office
    table (sectors), `skm` the per-unit IKM mart, `pengaduan` the complaint mart. Rows come with
    `_urutan` (the portal first, then sectors by name, offices without a sector last) for
    ordering. `headline`: the headline period (`headline_period`), marked `periode_utama`."""
    sector_of = {str(k): (s or "") for k, s in zip(profil["kantor_kode"].tolist(),
                                                     profil["sektor"].tolist(), strict=True)}
    names = {str(k): str(n) for k, n in zip(profil["kantor_kode"].tolist(),
                                            profil["kantor_nama"].tolist(), strict=True)}
    all_index = _indices(kantor)
    index = _indices(kantor, adequate_only=True)
    ikm: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for k, p, v in zip(skm["kantor_kode"].tolist(), skm["periode"].tolist(),
                       skm["ikm"].tolist(), strict=True):
        if p is not None and isinstance(v, Decimal):
            ikm[(str(k), str(p))].append(v)
    complaints: dict[tuple[str, str], tuple[int, int, int]] = {
        (str(k), str(p)): (int(m), int(r), int(d)) for k, p, m, r, d in zip(
            pengaduan["kantor_kode"].tolist(), pengaduan["periode"].tolist(),
            pengaduan["masuk"].tolist(), pengaduan["ditanggapi_tepat_waktu"].tolist(),
            pengaduan["selesai_tepat_waktu"].tolist(), strict=True) if p is not None}
    periods = sorted({p for _, p in [*all_index, *ikm, *complaints]}, key=period_sort_key)
    sectors = sorted(set(sector_of.values()), key=lambda s: (s == "", s.lower(), s))
    scopes = [(KABUPATEN, None, list(sector_of))] + [
        (SEKTOR, s, [k for k, ks in sector_of.items() if ks == s]) for s in sectors]
    rows = []
    for order, (cakupan, sektor, codes) in enumerate(scopes):
        for period in periods:
            scored = sorted(((index[(k, period)], names.get(k, k), k) for k in codes
                             if (k, period) in index), key=lambda x: (-x[0], x[1], x[2]))
            lowest = min(scored, key=lambda x: (x[0], x[1], x[2])) if scored else None
            units = [v for k in codes for v in ikm.get((k, period), [])]
            handled = [complaints[(k, period)] for k in codes if (k, period) in complaints]
            rows.append({
                "cakupan": cakupan, "sektor": sektor or None, "periode": period,
                "kantor_total": len(codes),
                "kantor_berindeks": sum(1 for k in codes if (k, period) in all_index),
                "kantor_cakupan_memadai": len(scored),
                "indeks_rata_rata": round2(mean([v for v, _, _ in scored])),
                "unit_ikm": len(units), "ikm_rata_rata": round2(mean(units)),
                "pengaduan_masuk": sum(h[0] for h in handled),
                "pengaduan_ditanggapi_tepat_waktu": sum(h[1] for h in handled),
                "pengaduan_selesai_tepat_waktu": sum(h[2] for h in handled),
                "kantor_tertinggi": scored[0][2] if scored else None,
                "kantor_terendah": lowest[2] if lowest else None,
                "periode_utama": period == headline,
                "versi_aturan": versi_aturan, "_urutan": order,
            })
    frame = pd.DataFrame(rows, columns=RINGKASAN_COLUMNS, dtype="object")
    ints = ["kantor_total", "kantor_berindeks", "kantor_cakupan_memadai", "unit_ikm",
            "pengaduan_masuk", "pengaduan_ditanggapi_tepat_waktu",
            "pengaduan_selesai_tepat_waktu", "_urutan"]
    return frame.astype({**dict.fromkeys(ints, "int64"), "periode_utama": "bool"})
