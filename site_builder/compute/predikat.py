"""Employee predikat (PermenPANRB 6/2022 matrix) and its distribution per office and period.
Private: only the counts per group leave this module, and they go through disclosure control."""
from __future__ import annotations

import numpy as np
import pandas as pd

from sheets_sync.contracts import RATINGS
from site_builder.compute.frames import map_values
from site_builder.rules import PREDIKAT_KEYS, Rule, predikat_labels

DISTRIBUTION_COLUMNS = ["kantor_kode", "periode", "jumlah_pegawai", *PREDIKAT_KEYS]


def predikat(hasil_kerja: str, perilaku_kerja: str, rule: Rule) -> str:
    """Predikat key of one employee from the two ratings (see `predikat_label` for the label)."""
    return str(rule.data["matrix"][hasil_kerja][perilaku_kerja])


def predikat_label(key: str, lang: str = "id") -> str:
    """`kurang` -> "Kurang/Misconduct" (the regulation's label)."""
    return predikat_labels()[key][lang]


def _lookup(rule: Rule) -> np.ndarray:
    table = np.full(len(RATINGS) * len(RATINGS), -1, dtype=np.int64)
    for i, h in enumerate(RATINGS):
        for j, p in enumerate(RATINGS):
            table[i * len(RATINGS) + j] = PREDIKAT_KEYS.index(predikat(h, p, rule))
    return table


def predikat_codes(pegawai: pd.DataFrame, rule: Rule) -> np.ndarray:
    """Index into PREDIKAT_KEYS for every row (-1 where a rating is not one of RATINGS)."""
    codes = {r: i for i, r in enumerate(RATINGS)}
    h = map_values(pegawai["hasil_kerja"], codes).to_numpy(dtype="float64", na_value=np.nan)
    p = map_values(pegawai["perilaku_kerja"], codes).to_numpy(dtype="float64", na_value=np.nan)
    ok = ~(np.isnan(h) | np.isnan(p))
    out = np.full(len(pegawai), -1, dtype=np.int64)
    out[ok] = _lookup(rule)[(h[ok] * len(RATINGS) + p[ok]).astype(np.int64)]
    return out


def distribution(pegawai: pd.DataFrame, rule: Rule,
                 by: tuple[str, ...] = ("kantor_kode", "periode")) -> pd.DataFrame:
    """Counts of each predikat per office and period (or per the columns `by`, e.g. office,
    unit and period). Unprotected: feed it to `site_builder.disclosure` before anything reads
    it."""
    columns = [*by, "jumlah_pegawai", *PREDIKAT_KEYS]
    if pegawai.empty:
        return pd.DataFrame({c: pd.Series(dtype="object" if c in by else "int64")
                             for c in columns})
    codes = predikat_codes(pegawai, rule)
    keep = codes >= 0
    frame = pd.DataFrame({**{c: pegawai[c].to_numpy()[keep] for c in by}, "_p": codes[keep]})
    sizes = frame.groupby([*by, "_p"], sort=True).size()
    wide = sizes.unstack("_p", fill_value=0)
    wide = wide.reindex(columns=range(len(PREDIKAT_KEYS)), fill_value=0)
    wide.columns = pd.Index(PREDIKAT_KEYS)
    counts = wide.astype("int64").reset_index()
    counts.insert(len(by), "jumlah_pegawai",
                  counts[list(PREDIKAT_KEYS)].sum(axis=1).astype("int64"))
    return counts[columns]
