"""Kurva distribusi check (SE MenPANRB 3/2023): employee predikat counts against the limits set by
the office's predikat organisasi. Maxima are floored, minima ceiled; a violation is a warning."""
from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd

from sheets_sync.findings import Finding
from site_builder.rules import KurvaLimit, predikat_labels


def limit_bound(limit: KurvaLimit, n: int) -> int:
    """Count a limit allows for n employees: floor(fraksi·n) for a maximum, ceil for a minimum."""
    if limit.jumlah is not None:
        return limit.jumlah
    assert limit.fraksi is not None
    exact = limit.fraksi * Decimal(n)
    return math.floor(exact) if limit.jenis == "maks" else math.ceil(exact)


def _names(limit: KurvaLimit, lang: str) -> str:
    labels = predikat_labels()
    joiner = " dan/atau " if lang == "id" else " and/or "
    return joiner.join(labels[k][lang] for k in limit.predikat)


def describe_limit(limit: KurvaLimit, n: int | None, lang: str = "id") -> str:
    """Human text of one limit, e.g. "Baik paling banyak 14 dari 20 pegawai (70%)"."""
    names = _names(limit, lang)
    if lang == "id":
        word = "paling banyak" if limit.jenis == "maks" else "paling sedikit"
    else:
        word = "at most" if limit.jenis == "maks" else "at least"
    if limit.jumlah is not None:
        unit = "pegawai" if lang == "id" else "employee(s)"
        return f"{names} {word} {limit.jumlah} {unit}"
    pct = (limit.fraksi * 100).normalize() if limit.fraksi is not None else Decimal(0)
    pct_text = f"{pct:f}%"
    if n is None:
        return f"{names} {word} {pct_text}"
    of = "dari" if lang == "id" else "of"
    unit = "pegawai" if lang == "id" else "employees"
    return f"{names} {word} {limit_bound(limit, n)} {of} {n} {unit} ({pct_text})"


def violations(counts: dict[str, int], limits: tuple[KurvaLimit, ...]) -> list[KurvaLimit]:
    """The limits a distribution (predikat key -> count) breaks."""
    n = sum(counts.values())
    broken = []
    for limit in limits:
        value = sum(counts.get(k, 0) for k in limit.predikat)
        bound = limit_bound(limit, n)
        if (limit.jenis == "maks" and value > bound) or (limit.jenis == "min" and value < bound):
            broken.append(limit)
    return broken


def check_kurva(
    dist: pd.DataFrame, limits: dict[str, tuple[KurvaLimit, ...]]
) -> tuple[pd.DataFrame, list[Finding]]:
    """Adds `kurva_sesuai` (True/False, None without predikat_organisasi or employees),
    `kurva_pelanggaran` and `kurva_pelanggaran_en` (lists of broken limits) to an unprotected
    distribution frame holding `predikat_organisasi`; one `kurva_distribusi` warning per
    office and period with a violation."""
    keys = list(predikat_labels())
    sesuai: list[bool | None] = []
    pel_id: list[list[str]] = []
    pel_en: list[list[str]] = []
    findings: list[Finding] = []
    for row in dist.itertuples(index=False):
        org = row.predikat_organisasi
        n = int(row.jumlah_pegawai)  # type: ignore[arg-type]
        if not isinstance(org, str) or org not in limits or n == 0:
            sesuai.append(None)
            pel_id.append([])
            pel_en.append([])
            continue
        counts = {k: int(getattr(row, k)) for k in keys}
        broken = violations(counts, limits[org])
        sesuai.append(not broken)
        pel_id.append([describe_limit(lim, n, "id") for lim in broken])
        pel_en.append([describe_limit(lim, n, "en") for lim in broken])
        if broken:
            findings.append(Finding.of(
                "kurva_distribusi", office=str(row.kantor_kode), tab="Pegawai",
                periode=row.periode, predikat=org, pelanggaran="; ".join(pel_id[-1])))
    out = dist.copy()
    out["kurva_sesuai"] = pd.Series(sesuai, index=out.index, dtype="object")
    out["kurva_pelanggaran"] = pd.Series(pel_id, index=out.index, dtype="object")
    out["kurva_pelanggaran_en"] = pd.Series(pel_en, index=out.index, dtype="object")
    return out, findings
