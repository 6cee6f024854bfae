"""SKM / IKM (PermenPANRB 14/2017): NRR per unsur = mean of the answers given (a blank answer is
skipped, not 0); IKM = Σ NRR × 1/9 × 25 computed exactly (fractions; in `compute_ikm` the same
ratios in integer arithmetic, a whole table at a time), rounded ROUND_HALF_UP to 2 decimals for
display; mutu and kinerja unit from the interval table of the selected rule."""
from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from sheets_sync.contracts import UNSUR
from site_builder.compute.decimals import round2_ratios
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


_KEYS = ["kantor_kode", "unit_layanan", "periode"]
_Totals = tuple[pd.DataFrame, pd.DataFrame, pd.Series]  # answer sums, answer counts, respondents


def compute_ikm(skm: pd.DataFrame, scale: Scale, by_unit: bool = True) -> pd.DataFrame:
    """One row per office, service unit and period (`by_unit`), or per office and period over
    all respondents of its units (`unit_layanan` = ""). `responden` counts rows with at least one
    answer; NRR per unsur and IKM are Decimals rounded to 2 places, None when blank."""
    totals = _unit_totals(skm)
    if totals is None:
        return _empty()
    return _ikm_frame(totals if by_unit else _office_totals(totals), scale)


def compute_ikm_levels(skm: pd.DataFrame, scale: Scale) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`compute_ikm` by unit and by office from one grouping of the answers (the office totals
    are the sums of its units' totals)."""
    totals = _unit_totals(skm)
    if totals is None:
        return _empty(), _empty()
    return _ikm_frame(totals, scale), _ikm_frame(_office_totals(totals), scale)


def _unit_totals(skm: pd.DataFrame) -> _Totals | None:
    """Per office, unit and period (sorted; blank keys kept): the sum and the number of the
    answers to each unsur, and the respondents (rows with at least one answer). None when no
    row has an answer."""
    if skm.empty:
        return None
    answers = skm[list(UNSUR)].astype("Int64")
    has_answer = answers.notna().any(axis=1)
    frame = skm.loc[has_answer, _KEYS].copy()
    if frame.empty:
        return None
    joined = pd.concat([frame, answers.loc[has_answer]], axis=1)
    grouped = joined.groupby(_KEYS, sort=True, dropna=False)
    sums = grouped[list(UNSUR)].sum(min_count=0)
    counts = grouped[list(UNSUR)].count().reindex(sums.index)
    return sums, counts, grouped.size().reindex(sums.index)


def _office_totals(totals: _Totals) -> _Totals:
    """Unit totals added up per office and period, with `unit_layanan` = ""."""
    def per_office(part: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
        out = part.groupby(level=["kantor_kode", "periode"], sort=True, dropna=False).sum()
        offices, periods = out.index.get_level_values(0), out.index.get_level_values(1)
        out.index = pd.MultiIndex.from_arrays([offices, [""] * len(out), periods], names=_KEYS)
        return out

    sums, counts, size = totals
    return per_office(sums), per_office(counts), per_office(size)  # type: ignore[return-value]


def _ikm_frame(totals: _Totals, scale: Scale) -> pd.DataFrame:
    """The SKM rows of `compute_ikm` from answer totals, with exact integer arithmetic."""
    sums, counts, size = totals
    sums_arr = sums[list(UNSUR)].to_numpy(dtype="int64")
    counts_arr = counts[list(UNSUR)].to_numpy(dtype="int64")
    nrr_2d = round2_ratios(sums_arr, counts_arr)  # NRR per group and unsur, rounded
    values = round2_ratios(*_ikm_ratios(sums_arr, counts_arr)).tolist()
    bands = [classify_ikm(v, scale) for v in values]
    index = list(sums.index)
    out = {key: [k[i] for k in index] for i, key in enumerate(_KEYS)}
    out["responden"] = size.to_numpy().tolist()
    out.update({col: nrr_2d[:, j].tolist() for j, col in enumerate(NRR_COLUMNS)})
    out.update({
        "ikm": values,
        "mutu": [b.code if b else None for b in bands],
        "kinerja_unit": [b.label_id if b else None for b in bands],
        "kinerja_unit_en": [b.label_en if b else None for b in bands],
        "versi_aturan": [scale.rule.tag] * len(index),
    })
    return pd.DataFrame({c: pd.Series(out[c], dtype="object") for c in SKM_COLUMNS},
                        columns=SKM_COLUMNS).astype({"responden": "int64"})


def _ikm_ratios(sums: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`ikm_exact` of each row of answer sums and counts (one column per unsur) as an exact
    ratio of Python ints: 25/n × Σ S/C = 25·Σ S·(L/C) / (n·L), L = lcm of the row's counts.
    The denominator is 0 (blank IKM) when an unsur has no answer."""
    n = sums.shape[1]
    num = np.zeros(len(sums), dtype=object)
    den = np.zeros(len(sums), dtype=object)
    for i, (s_row, c_row) in enumerate(zip(sums.tolist(), counts.tolist(), strict=True)):
        if n and all(c_row):
            lcm = math.lcm(*c_row)
            num[i] = 25 * sum(s * (lcm // c) for s, c in zip(s_row, c_row, strict=True))
            den[i] = n * lcm
    return num, den
