"""The figures of the home and sector pages (the open-data table `ringkasan`): per scope — the
whole portal (`kabupaten`) or one sector — and period, counts of offices, the mean office index,
the mean IKM of the service units, complaints received and handled on time, and the offices with
the highest and lowest index. The headline period and the movers ranking are decided here too.

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

KABUPATEN, SEKTOR = "kabupaten", "sektor"
RINGKASAN_COLUMNS = [
    "cakupan", "sektor", "periode", "kantor_total", "kantor_berindeks", "indeks_rata_rata",
    "unit_ikm", "ikm_rata_rata", "pengaduan_masuk", "pengaduan_ditanggapi_tepat_waktu",
    "pengaduan_selesai_tepat_waktu", "kantor_tertinggi", "kantor_terendah", "periode_utama",
    "versi_aturan", "_urutan",
]


def _indices(kantor: pd.DataFrame) -> dict[tuple[str, str], Decimal]:
    """Published office index by (office, period), offices with an index only."""
    return {(str(k), str(p)): v for k, p, v in zip(
        kantor["kantor_kode"].tolist(), kantor["periode"].tolist(),
        kantor["indeks_kinerja"].tolist(), strict=True)
        if p is not None and isinstance(v, Decimal)}


def headline_period(kantor: pd.DataFrame) -> str | None:
    """The period the home page's headline shows: the one in which the most offices have their
    latest office index (each office counts once, for its latest period with an index); on a
    tie the later period. None when no office has an index."""
    indices = _indices(kantor)
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
    for other periods and for rows without a change."""
    tren = kantor["tren"].tolist()
    rows = [(i, t) for i, (p, t) in enumerate(zip(kantor["periode"].tolist(), tren, strict=True))
            if period is not None and p == period and isinstance(t, Decimal) and t != 0]
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
    index = _indices(kantor)
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
    periods = sorted({p for _, p in [*index, *ikm, *complaints]}, key=period_sort_key)
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
                "kantor_total": len(codes), "kantor_berindeks": len(scored),
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
    ints = ["kantor_total", "kantor_berindeks", "unit_ikm", "pengaduan_masuk",
            "pengaduan_ditanggapi_tepat_waktu", "pengaduan_selesai_tepat_waktu", "_urutan"]
    return frame.astype({**dict.fromkeys(ints, "int64"), "periode_utama": "bool"})
