"""Office index per period: weighted mean (bobot) of the capped capaian of reported indicators;
beside it the plain mean of their (uncapped) capaian, how many are below target, and its
coverage (the share of the office's indicators reported) with whether that share reaches the
portal's `headline.min_coverage` (only such indices count in headlines and rankings)."""
from __future__ import annotations

from decimal import Context, Decimal
from fractions import Fraction

import pandas as pd

from site_builder.compute.decimals import round2
from site_builder.rules import Scale

_CTX = Context(prec=34)

OFFICE_INDEX_COLUMNS = ["kantor_kode", "periode", "indeks_kinerja", "kategori", "kategori_en",
                        "indikator_dilaporkan", "indikator_total", "capaian_rata_rata",
                        "indikator_di_bawah_target", "cakupan_indikator", "cakupan_memadai"]
_HUNDRED = Decimal(100)


def weighted_mean(values: list[Decimal], weights: list[Decimal]) -> Decimal | None:
    """Σ w·v / Σ w (exact to 34 digits); None when there is nothing to average."""
    total_w = sum(weights, Decimal(0))
    if not values or total_w == 0:
        return None
    total = sum((_CTX.multiply(v, w) for v, w in zip(values, weights, strict=True)), Decimal(0))
    return _CTX.divide(total, total_w)


def mean(values: list[Decimal]) -> Decimal | None:
    """Σ v / n (exact to 34 digits); None when there is nothing to average."""
    if not values:
        return None
    return _CTX.divide(sum(values, Decimal(0)), Decimal(len(values)))


def coverage(reported: int, total: int) -> Decimal | None:
    """Reported indicators as a percentage of the total, rounded to 2 places (None for none)."""
    if total <= 0:
        return None
    return round2(_CTX.divide(Decimal(reported) * _HUNDRED, Decimal(total)))


def coverage_enough(reported: int, total: int, min_coverage: float) -> bool:
    """Whether `reported` of `total` indicators reach the share `min_coverage` (exact: the
    configured share is read as the decimal it is written as, 0.75 = 3/4)."""
    if total <= 0 or reported <= 0:
        return False
    return Fraction(reported, total) >= Fraction(Decimal(repr(float(min_coverage))))


def compute_office_index(indikator: pd.DataFrame, scale: Scale,
                         min_coverage: float = 0.75) -> pd.DataFrame:
    """One row per office and period present in `indikator` (the capaian rows of
    `compute_capaian`, with `bobot`, `_capaian_exact` and `_dibatasi_exact`).

    indikator_total = indicators with a Capaian row for that period; indikator_dilaporkan = those
    with a computed capaian (realisasi filled and target > 0); the index and its category are blank
    when none is reported. capaian_rata_rata = the plain mean of the exact (uncapped) capaian of
    the reported indicators, rounded once; indikator_di_bawah_target = reported indicators whose
    published capaian is below 100; cakupan_indikator = indikator_dilaporkan as a percentage of
    indikator_total, cakupan_memadai = whether that share reaches `min_coverage`."""
    if indikator.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in OFFICE_INDEX_COLUMNS})
    keys = ["kantor_kode", "periode"]
    acc: dict[tuple[str, str], tuple[list[Decimal], list[Decimal], list[Decimal]]] = {}
    below: dict[tuple[str, str], int] = {}
    totals = indikator.groupby(keys, sort=False).size()
    for k, p, v, w, raw, shown in zip(
            indikator["kantor_kode"].tolist(), indikator["periode"].tolist(),
            indikator["_dibatasi_exact"].tolist(), indikator["bobot"].tolist(),
            indikator["_capaian_exact"].tolist(), indikator["capaian"].tolist(), strict=True):
        if v is not None:
            entry = acc.setdefault((k, p), ([], [], []))
            entry[0].append(v)
            entry[1].append(w)
            entry[2].append(raw)
            if shown < _HUNDRED:
                below[(k, p)] = below.get((k, p), 0) + 1
    rows = []
    for key, n_total in totals.items():
        k, p = key  # type: ignore[misc]  # a (kantor_kode, periode) pair of the group keys
        values, weights, raws = acc.get((k, p), ([], [], []))
        idx = round2(weighted_mean(values, weights))
        band = scale.classify(idx)
        rows.append({
            "kantor_kode": k, "periode": p, "indeks_kinerja": idx,
            "kategori": band.label_id if band else None,
            "kategori_en": band.label_en if band else None,
            "indikator_dilaporkan": len(values), "indikator_total": int(n_total),
            "capaian_rata_rata": round2(mean(raws)),
            "indikator_di_bawah_target": below.get((k, p), 0),
            "cakupan_indikator": coverage(len(values), int(n_total)),
            "cakupan_memadai": coverage_enough(len(values), int(n_total), min_coverage),
        })
    out = pd.DataFrame(rows, columns=OFFICE_INDEX_COLUMNS, dtype="object")
    return out.astype({"indikator_dilaporkan": "int64", "indikator_total": "int64",
                       "indikator_di_bawah_target": "int64", "cakupan_memadai": "bool"})
