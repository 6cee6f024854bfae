"""SKM / IKM (PermenPANRB 14/2017): NRR per unsur = mean of the answers given (a blank answer is
skipped, not 0); IKM = Σ NRR × 1/9 × 25 computed with exact fractions, rounded ROUND_HALF_UP to 2
decimals for display; mutu and kinerja unit from the interval table of the selected rule."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import pandas as pd

from sheets_sync.contracts import UNSUR
from site_builder.compute.decimals import round2_fraction
from site_builder.rules import Band, Scale

NRR_COLUMNS = [f"nrr_{u}" for u in UNSUR]
SKM_COLUMNS = ["kantor_kode", "unit_layanan", "periode", "responden", *NRR_COLUMNS, "ikm", "mutu",
               "kinerja_unit", "kinerja_unit_en", "versi_aturan"]


def nrr(total: int, answered: int) -> Fraction | None:
    """NRR of one unsur: sum of the answers / number of respondents who answered it."""
    return None if answered == 0 else Fraction(int(total), int(answered))


def ikm_exact(nrrs: Sequence[Fraction | None]) -> Fraction | None:
    """IKM on the 25–100 scale: Σ NRR × (1/n) × 25 with equal weights 1/n (n = 9).
    None when any unsur has no answer at all (the regulation weighs all unsur; see Metodologi)."""
    if not nrrs or any(v is None for v in nrrs):
        return None
    weight = Fraction(1, len(nrrs))
    return sum((v * weight for v in nrrs if v is not None), Fraction(0)) * 25


def classify_ikm(ikm: Decimal | None, scale: Scale) -> Band | None:
    """Mutu/kinerja band of an IKM already rounded to 2 decimals (e.g. ≥ 88.31 → A)."""
    return scale.classify(ikm)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in SKM_COLUMNS})


def compute_ikm(skm: pd.DataFrame, scale: Scale, by_unit: bool = True) -> pd.DataFrame:
    """One row per office, service unit and period (`by_unit`), or per office and period over
    all respondents of its units (`unit_layanan` = ""). `responden` counts rows with at least one
    answer; NRR per unsur and IKM are Decimals rounded to 2 places, None when blank."""
    if skm.empty:
        return _empty()
    answers = skm[list(UNSUR)].astype("Int64")
    has_answer = answers.notna().any(axis=1)
    frame = skm.loc[has_answer, ["kantor_kode", "unit_layanan", "periode"]].copy()
    if frame.empty:
        return _empty()
    if not by_unit:
        frame["unit_layanan"] = ""
    answers = answers.loc[has_answer]
    keys = ["kantor_kode", "unit_layanan", "periode"]
    joined = pd.concat([frame, answers], axis=1)
    grouped = joined.groupby(keys, sort=True, dropna=False)
    sums = grouped[list(UNSUR)].sum(min_count=0)
    counts = grouped[list(UNSUR)].count()
    size = grouped.size()
    rows = []
    tag = scale.rule.tag
    sums_arr = sums[list(UNSUR)].to_numpy(dtype="int64")
    counts_arr = counts.reindex(sums.index)[list(UNSUR)].to_numpy(dtype="int64")
    sizes = size.reindex(sums.index).to_numpy()
    for pos, key in enumerate(sums.index):
        nrrs = [nrr(int(s), int(c)) for s, c in zip(sums_arr[pos], counts_arr[pos], strict=True)]
        value = round2_fraction(ikm_exact(nrrs))
        band = classify_ikm(value, scale)
        row = dict(zip(keys, key, strict=True))
        row["responden"] = int(sizes[pos])
        for col, v in zip(NRR_COLUMNS, nrrs, strict=True):
            row[col] = round2_fraction(v)
        row.update({
            "ikm": value,
            "mutu": band.code if band else None,
            "kinerja_unit": band.label_id if band else None,
            "kinerja_unit_en": band.label_en if band else None,
            "versi_aturan": tag,
        })
        rows.append(row)
    return pd.DataFrame(rows, columns=SKM_COLUMNS, dtype="object").astype({"responden": "int64"})
