"""The follow-up of one office, computed from its private frames (pure: frames in, frames out).

Which periods: the follow-up works on one kind of period — the annual SKP (`tahun`) when the
Pegawai tab has any annual row, else the kind of its latest period — and on the chain of
consecutive periods of that kind ending at the latest one (2025, 2024, 2023, … while each is in
the tab). "The previous period" is the one just before the latest (2024 for 2025, 2025-TW3 for
2025-TW4); with a gap there is none. "Periods running" count along that chain.

Every list is deterministic: employees ordered by unit, position, name and NIP (compared
without regard to case); recognition candidates first by periods running (most first)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from sheets_sync.contracts import RATINGS, SUMBER_UMPAN_BALIK
from sheets_sync.periods import parse_period, period_sort_key
from site_builder.compute.kurva import describe_limit, violations
from site_builder.compute.predikat import distribution, predikat_codes
from site_builder.rules import PREDIKAT_KEYS, KurvaLimit, Rule
from site_builder.rules.files import RATING_FIELDS
from site_builder.rules.tindak_lanjut import TindakLanjutRule

BELOW = RATINGS[2]  # "Di Bawah Ekspektasi"
ORDER = ("unit_kerja", "jabatan", "nama", "nip")
"""The order of every list of employees."""


@dataclass(frozen=True)
class FollowUp:
    """One office's follow-up. Frames (all ordered as documented above):

    - `pegawai`: every employee of the latest period — nip, nama, jabatan, unit_kerja,
      hasil_kerja, perilaku_kerja, predikat, predikat_sebelumnya (key or None), perubahan
      (naik/tetap/turun/baru), daftar ("pengembangan", "penghargaan" or ""),
      di_bawah_berturut / di_bawah_sejak (periods running on the Pengembangan predikat, and
      the first of them), penghargaan_berturut / penghargaan_sejak (the same for the
      Penghargaan predikat), fokus (what to develop), tindak_lanjut and dasar (the rule's texts),
      and per feedback source `ub_<sumber>_jumlah` (int) and `ub_<sumber>_rerata` (Decimal
      rounded half up to 2 decimals, None without feedback);
    - `keluar`: employees of the previous period not in the latest (nip, nama, jabatan,
      unit_kerja, predikat_sebelumnya);
    - `distribusi`: per period (latest first) each unit and then the whole office (unit_kerja
      None): jumlah_pegawai and the count of every predikat key;
    - `kurva`: per period: predikat_organisasi (None without an Organisasi row), sesuai
      (True/False, None when not checked), pelanggaran (each violated limit, in words);
    - `pengembangan`, `kebutuhan` (per unit and position: pegawai, hasil_kerja and
      perilaku_kerja counts of ratings below expectation), `penghargaan` (with `urutan`)."""

    kode: str
    periode: str
    periode_sebelumnya: str | None
    pegawai: pd.DataFrame
    keluar: pd.DataFrame
    distribusi: pd.DataFrame
    kurva: pd.DataFrame
    perubahan: dict[str, int]
    pengembangan: pd.DataFrame
    kebutuhan: pd.DataFrame
    penghargaan: pd.DataFrame
    umpan_balik_dipakai: int  # rows of the latest period joined to an employee
    umpan_balik_tanpa_pegawai: int  # rows of the latest period whose NIP is not in it


def follow_up_periods(codes: Iterable[str]) -> list[str]:
    """The chain of periods the follow-up compares, latest first (see the module docstring)."""
    parsed = [p for p in (parse_period(c) for c in set(codes)) if p is not None]
    if not parsed:
        return []
    if any(p.kind == "tahun" for p in parsed):
        kind = "tahun"
    else:
        kind = max(parsed, key=lambda p: period_sort_key(p.code)).kind
    present = {p.code for p in parsed if p.kind == kind}
    latest = max((p for p in parsed if p.kind == kind), key=lambda p: p.end)
    chain = [latest]
    while chain[-1].previous().code in present:
        chain.append(chain[-1].previous())
    return [p.code for p in chain]


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` in list order: `ORDER`, compared without regard to case, blanks first."""
    keys = pd.DataFrame({c: frame[c].fillna("").astype(str).str.casefold() for c in ORDER},
                        index=frame.index)
    order = keys.sort_values(list(ORDER), kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def _runs(matrix: np.ndarray, keys: tuple[str, ...]) -> np.ndarray:
    """Per row, how many leading columns (latest first) hold a predikat of `keys`."""
    wanted = [PREDIKAT_KEYS.index(k) for k in keys]
    inside = np.isin(matrix, wanted)
    return np.cumprod(inside, axis=1).sum(axis=1).astype(np.int64)


def _since(runs: np.ndarray, chain: list[str]) -> np.ndarray:
    out = np.full(len(runs), None, dtype=object)
    has = runs > 0
    out[has] = np.array(chain, dtype=object)[runs[has] - 1]
    return out


def _texts(rule: TindakLanjutRule, now: np.ndarray,
           change: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per employee: the follow-up of the predikat (index into PREDIKAT_KEYS) with what the
    change adds, and the basis of both."""
    follow = np.array([rule.tindakan[k].id for k in PREDIKAT_KEYS], dtype=object)[now]
    basis = np.array([rule.tindakan[k].dasar for k in PREDIKAT_KEYS], dtype=object)[now]
    for name, action in rule.perubahan.items():
        if action.id:
            hit = change == name
            follow[hit] = follow[hit] + " " + action.id
            basis[hit] = basis[hit] + "; " + action.dasar
    return follow, basis


def _fokus(rule: TindakLanjutRule, latest: pd.DataFrame) -> np.ndarray:
    """Per employee: what to develop — each rating below expectation, in the rule's words."""
    hasil_below = latest["hasil_kerja"].to_numpy() == BELOW
    perilaku_below = latest["perilaku_kerja"].to_numpy() == BELOW
    hasil, perilaku = (rule.fokus[f]["id"] for f in RATING_FIELDS)
    return np.where(hasil_below & perilaku_below, f"{hasil}; {perilaku}",
                    np.where(hasil_below, hasil, np.where(perilaku_below, perilaku, "")))


def _feedback(latest: pd.DataFrame, umpan_balik: pd.DataFrame,
              periode: str) -> tuple[pd.DataFrame, int, int]:
    """Per employee and source: count and mean score (half up to 2 decimals, exact)."""
    ub = umpan_balik[umpan_balik["periode"] == periode]
    known = ub["nip"].isin(latest["nip"])
    ub = ub[known]
    out = pd.DataFrame({"nip": latest["nip"].to_numpy()})
    for sumber in SUMBER_UMPAN_BALIK:
        rows = ub[ub["sumber"] == sumber]
        skor = rows["skor"].astype("int64")
        grouped = skor.groupby(rows["nip"].to_numpy()).agg(["count", "sum"])
        n = grouped["count"].reindex(out["nip"]).fillna(0).astype("int64").to_numpy()
        total = grouped["sum"].reindex(out["nip"]).fillna(0).astype("int64").to_numpy()
        hundredths = (200 * total + n) // np.maximum(2 * n, 1)  # round half up of total/n, ×100
        mean = np.full(len(out), None, dtype=object)
        has = n > 0
        mean[has] = [Decimal(int(h)).scaleb(-2) for h in hundredths[has]]
        key = sumber.replace(" ", "_")
        out[f"ub_{key}_jumlah"] = n
        out[f"ub_{key}_rerata"] = pd.Series(mean, dtype=object)
    return out, int(known.sum()), int((~known).sum())


def _distribution(frames: list[pd.DataFrame], rule: Rule) -> pd.DataFrame:
    """Per period (in the order given) each unit, then the whole office (unit_kerja None)."""
    parts = []
    for frame in frames:
        units = distribution(frame, rule, by=("periode", "unit_kerja"))
        total = distribution(frame, rule, by=("periode",))
        total.insert(1, "unit_kerja", None)
        units = units.assign(_key=units["unit_kerja"].astype(str).str.casefold())
        units = units.sort_values("_key", kind="stable").drop(columns="_key")
        parts += [units, total]
    return pd.concat(parts, ignore_index=True)


def _kurva(distribusi: pd.DataFrame, organisasi: pd.DataFrame,
           limits: dict[str, tuple[KurvaLimit, ...]]) -> pd.DataFrame:
    org = dict(zip(organisasi["periode"], organisasi["predikat_organisasi"], strict=True))
    rows: list[tuple[object, object, bool | None, list[str]]] = []
    for row in distribusi[distribusi["unit_kerja"].isna()].itertuples(index=False):
        predikat_org = org.get(row.periode)
        counts = {k: int(getattr(row, k)) for k in PREDIKAT_KEYS}
        n = int(row.jumlah_pegawai)  # type: ignore[arg-type]
        if predikat_org not in limits or n == 0:
            rows.append((row.periode, predikat_org, None, []))
            continue
        broken = violations(counts, limits[predikat_org])
        rows.append((row.periode, predikat_org, not broken,
                     [describe_limit(lim, n, "id") for lim in broken]))
    return pd.DataFrame(rows, columns=["periode", "predikat_organisasi", "sesuai",
                                       "pelanggaran"])


def compute_follow_up(kode: str, pegawai: pd.DataFrame, organisasi: pd.DataFrame,
                      umpan_balik: pd.DataFrame, *, rule: TindakLanjutRule, predikat: Rule,
                      kurva_limits: dict[str, tuple[KurvaLimit, ...]]) -> FollowUp | None:
    """The follow-up of one office from its validated frames (`pegawai` with nip and nama);
    None without any employee row."""
    chain = follow_up_periods(pegawai["periode"])
    if not chain:
        return None
    in_chain = pegawai[pegawai["periode"].isin(chain)].reset_index(drop=True)
    codes = predikat_codes(in_chain, predikat)
    latest = in_chain[in_chain["periode"] == chain[0]].reset_index(drop=True)
    nips = pd.Index(latest["nip"])
    matrix = np.full((len(latest), len(chain)), -1, dtype=np.int64)
    row_of = nips.get_indexer(pd.Index(in_chain["nip"]))
    col_of = pd.Index(chain).get_indexer(pd.Index(in_chain["periode"]))
    known = row_of >= 0
    matrix[row_of[known], col_of[known]] = codes[known]

    keys = np.array(PREDIKAT_KEYS, dtype=object)
    now = matrix[:, 0]
    before = matrix[:, 1] if len(chain) > 1 else np.full(len(latest), -1, dtype=np.int64)
    change = np.where(before < 0, "baru",
                      np.where(now < before, "naik", np.where(now > before, "turun", "tetap")))
    dev_run = _runs(matrix, rule.pengembangan)
    rec_run = _runs(matrix, rule.penghargaan)
    on_dev = dev_run > 0
    on_rec = rec_run >= rule.penghargaan_berturut
    follow, basis = _texts(rule, now, change)

    previous_key = keys[np.maximum(before, 0)]
    previous_key[before < 0] = None
    table = latest[["nip", "nama", "jabatan", "unit_kerja", "hasil_kerja",
                    "perilaku_kerja"]].copy()
    added = {
        "predikat": keys[now], "predikat_sebelumnya": previous_key, "perubahan": change,
        "daftar": np.where(on_dev, "pengembangan", np.where(on_rec, "penghargaan", "")),
        "di_bawah_berturut": dev_run, "di_bawah_sejak": _since(dev_run, chain),
        "penghargaan_berturut": rec_run, "penghargaan_sejak": _since(rec_run, chain),
        "fokus": np.where(on_dev, _fokus(rule, latest), ""), "tindak_lanjut": follow,
        "dasar": basis,
    }
    for name, values in added.items():  # str or None objects, as staging frames hold text
        table[name] = pd.Series(values, index=table.index,
                                dtype="int64" if values.dtype.kind == "i" else object)
    feedback, used, unknown = _feedback(latest, umpan_balik, chain[0])
    table = pd.concat([table, feedback.drop(columns="nip")], axis=1)
    table = _ordered(table)

    previous = chain[1] if len(chain) > 1 else None
    keluar = in_chain.iloc[0:0]
    if previous is not None:
        gone = (in_chain["periode"] == previous).to_numpy() & ~known
        keluar = in_chain[gone].assign(predikat_sebelumnya=pd.Series(
            keys[codes[gone]], index=in_chain.index[gone], dtype=object))
    keluar = _ordered(keluar.reindex(columns=["nip", "nama", "jabatan", "unit_kerja",
                                              "predikat_sebelumnya"]))
    distribusi = _distribution([in_chain[in_chain["periode"] == p] for p in chain[:2]],
                               predikat)

    dev = table[table["daftar"] == "pengembangan"].reset_index(drop=True)
    kebutuhan = (dev.assign(hasil=dev["hasil_kerja"] == BELOW,
                            perilaku=dev["perilaku_kerja"] == BELOW,
                            jabatan=dev["jabatan"].fillna(""))
                 .groupby(["unit_kerja", "jabatan"], sort=False)
                 .agg(pegawai=("nip", "size"), hasil_kerja=("hasil", "sum"),
                      perilaku_kerja=("perilaku", "sum"))
                 .reset_index())
    rec = (table[table["daftar"] == "penghargaan"]  # table order within the same run
           .sort_values("penghargaan_berturut", ascending=False, kind="stable")
           .reset_index(drop=True))
    rec.insert(0, "urutan", np.arange(1, len(rec) + 1))
    counts = pd.Series(change).value_counts()
    perubahan = {k: int(counts.get(k, 0)) for k in ("naik", "tetap", "turun", "baru")}
    perubahan["keluar"] = len(keluar)
    return FollowUp(
        kode=kode, periode=chain[0], periode_sebelumnya=previous, pegawai=table, keluar=keluar,
        distribusi=distribusi, kurva=_kurva(distribusi, organisasi, kurva_limits),
        perubahan=perubahan, pengembangan=dev, kebutuhan=kebutuhan, penghargaan=rec,
        umpan_balik_dipakai=used, umpan_balik_tanpa_pegawai=unknown,
    )
