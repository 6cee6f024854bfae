"""Survey sample adequacy (PermenPANRB 14/2017, Krejcie & Morgan table; `rules/sampel_skm.yml`):
each unit-period's respondents against the minimum sample for its number of service users."""
from __future__ import annotations

import numpy as np
import pandas as pd

from site_builder.rules import SampleRule

SAMPLE_COLUMNS = ["pengguna_layanan", "sampel_minimum", "sampel_memadai"]
_KEYS = ["kantor_kode", "unit_layanan", "periode"]


def minimum_samples(populations: np.ndarray, rule: SampleRule) -> np.ndarray:
    """`SampleRule.minimum` of each population (int64; -1 where the population is below 1)."""
    pops = np.array([n for n, _ in rule.rows], dtype="int64")
    samples = np.array([s for _, s in rule.rows], dtype="int64")
    populations = populations.astype("int64")
    at = np.minimum(np.searchsorted(pops, populations, side="left"), len(pops) - 1)
    out = np.minimum(samples[at], populations)
    return np.where(populations >= 1, out, -1)


def users_per_unit(answers: pd.DataFrame) -> pd.DataFrame:
    """The number of service users of each office, unit and period from the SKM tab's optional
    `jumlah_pengguna` column (the largest value given on the unit-period's rows)."""
    if "jumlah_pengguna" not in answers.columns:
        return pd.DataFrame(columns=[*_KEYS, "jumlah_pengguna"])
    given = answers[[*_KEYS, "jumlah_pengguna"]].dropna(subset=["jumlah_pengguna"])
    return given.groupby(_KEYS, sort=False)["jumlah_pengguna"].max().reset_index()


def add_sample_adequacy(skm: pd.DataFrame, answers: pd.DataFrame,
                        rule: SampleRule) -> pd.DataFrame:
    """`skm` (one row per office, unit and period) with `pengguna_layanan` (the unit's service
    users in that period, from the SKM tab's optional `jumlah_pengguna` column: `answers` is
    the SKM staging frame), `sampel_minimum` and `sampel_memadai` (responden ≥
    sampel_minimum); all three blank without a user count."""
    out = skm.copy()
    users = users_per_unit(answers)
    merged = out[_KEYS].merge(users, on=_KEYS, how="left")
    known = merged["jumlah_pengguna"].notna().to_numpy()
    population = merged["jumlah_pengguna"].fillna(0).to_numpy(dtype="int64")
    minimum = minimum_samples(population, rule)
    responden = out["responden"].to_numpy(dtype="int64")
    has_minimum = known & (minimum >= 0)
    out["pengguna_layanan"] = pd.Series(
        [int(p) if k else None for k, p in zip(known, population.tolist(), strict=True)],
        index=out.index, dtype="object")
    out["sampel_minimum"] = pd.Series(
        [int(m) if h else None for h, m in zip(has_minimum, minimum.tolist(), strict=True)],
        index=out.index, dtype="object")
    out["sampel_memadai"] = pd.Series(
        [bool(r >= m) if h else None
         for h, r, m in zip(has_minimum, responden.tolist(), minimum.tolist(), strict=True)],
        index=out.index, dtype="object")
    return out
