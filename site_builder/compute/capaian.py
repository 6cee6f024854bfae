"""Capaian per indicator and period (PermenPANRB 8/2021) and its category from a scale."""
from __future__ import annotations

from decimal import Context, Decimal

import pandas as pd

from sheets_sync.findings import Finding
from site_builder.compute.decimals import exact_decimal, exact_decimals, round2
from site_builder.compute.frames import map_values
from site_builder.rules import Scale

_CTX = Context(prec=34)
_HUNDRED = Decimal(100)
_TWO = Decimal(2)
_ZERO = Decimal(0)

INDIKATOR_COLUMNS = [
    "kantor_kode", "indikator_kode", "indikator_nama", "jenis", "satuan", "arah", "periode",
    "target", "realisasi", "capaian", "capaian_dibatasi", "kategori", "penjelasan",
    "kategori_en", "bobot", "sasaran", "versi_aturan",
]


def capaian_value(arah: str, target: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """Exact (unrounded) capaian in %: `naik` R/T×100, `turun` (2 − R/T)×100 floored at 0.
    None when realisasi is blank (not reported) or target is blank or 0 (cannot be computed)."""
    if realisasi is None or target is None or target == 0:
        return None
    ratio = _CTX.divide(realisasi, target)
    if arah == "turun":
        value = _CTX.multiply(_CTX.subtract(_TWO, ratio), _HUNDRED)
        return value if value > 0 else _ZERO
    return _CTX.multiply(ratio, _HUNDRED)


def capped(value: Decimal | None, cap: Decimal | None) -> Decimal | None:
    """The capped capaian used in indices (raw value when there is no cap)."""
    if value is None or cap is None:
        return value
    return min(value, cap)


def compute_capaian(
    indikator: pd.DataFrame,
    capaian: pd.DataFrame,
    scale: Scale,
    cap: Decimal | None,
    versi_aturan: str,
) -> tuple[pd.DataFrame, list[Finding]]:
    """One row per Capaian row whose indicator is declared in the office's Indikator tab.

    Columns: `INDIKATOR_COLUMNS` plus `_capaian_exact` and `_dibatasi_exact` (the unrounded raw
    and capped values, for the office's mean capaian and index; dropped by `portal`). Published
    numbers are Decimals rounded to 2 places, None = blank.
    Findings: `target_nol` for every row whose target is 0."""
    ind = indikator[["kantor_kode", "kode", "nama_indikator", "jenis", "satuan", "arah", "bobot",
                     "sasaran"]].drop_duplicates(["kantor_kode", "kode"])
    rows = capaian.merge(ind, on=["kantor_kode", "kode"], how="inner", sort=False)
    rows = rows.reset_index(drop=True)
    targets = exact_decimals(rows["target"])
    reals = exact_decimals(rows["realisasi"])
    raw = [capaian_value(a, t, r)
           for a, t, r in zip(rows["arah"].tolist(), targets, reals, strict=True)]
    dib = raw if cap is None else [capped(v, cap) for v in raw]
    raw2 = [round2(v) for v in raw]
    # a value under the cap is its own capped value: round it once
    dib2 = [r2 if d is v else round2(d) for v, d, r2 in zip(raw, dib, raw2, strict=True)]
    bands = [scale.classify(v) for v in raw2]
    out = pd.DataFrame(
        {
            "kantor_kode": rows["kantor_kode"],
            "indikator_kode": rows["kode"],
            "indikator_nama": rows["nama_indikator"],
            "jenis": rows["jenis"],
            "satuan": rows["satuan"],
            "arah": rows["arah"],
            "periode": rows["periode"],
            "target": pd.Series(targets, dtype="object"),
            "realisasi": pd.Series(reals, dtype="object"),
            "capaian": pd.Series(raw2, dtype="object"),
            "capaian_dibatasi": pd.Series(dib2, dtype="object"),
            "kategori": pd.Series([b.label_id if b else None for b in bands], dtype="object"),
            "penjelasan": _text_or_none(rows["penjelasan"]),
            "kategori_en": pd.Series([b.label_en if b else None for b in bands], dtype="object"),
            "bobot": map_values(rows["bobot"].fillna(1.0), exact_decimal).reset_index(drop=True),
            "sasaran": _text_or_none(rows["sasaran"]),
            "versi_aturan": versi_aturan,
            "_capaian_exact": pd.Series(raw, dtype="object"),
            "_dibatasi_exact": pd.Series(dib, dtype="object"),
        }
    )
    zero = rows.loc[rows["target"].to_numpy() == 0, ["kantor_kode", "kode", "periode", "baris"]]
    findings = [
        Finding.of("target_nol", office=str(k), tab="Capaian",
                   row=int(baris) if pd.notna(baris) else None, header="target", value="0",
                   indikator=kode, periode=periode)
        for k, kode, periode, baris in zip(
            zero["kantor_kode"].tolist(), zero["kode"].tolist(), zero["periode"].tolist(),
            zero["baris"].tolist(), strict=True
        )
    ]
    return out, findings


def _text_or_none(series: pd.Series) -> pd.Series:
    col = series.astype("object")
    return col.where(col.notna(), None)
