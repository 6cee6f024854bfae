"""Regulation rules as versioned data: the YAML files in this folder, read once and typed here.

Every rule has an `id`, a `version`, a `sumber` (regulation reference) and a description in
Bahasa Indonesia and English; `Rule.tag` (``id@version``) is what result rows carry in
`versi_aturan`. Thresholds are kept as exact `Decimal`s."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sheets_sync.errors import ConfigError

RULES_DIR = Path(__file__).resolve().parent
# libyaml's safe loader when PyYAML was built with it (10x faster), else the pure one
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PREDIKAT_KEYS = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")


@dataclass(frozen=True)
class Rule:
    """One versioned rule: identity, source and its data (the rest of the YAML entry)."""

    id: str
    version: str
    sumber: str
    deskripsi: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def tag(self) -> str:
        return f"{self.id}@{self.version}"

    def description(self, lang: str) -> str:
        return self.deskripsi.get(lang) or self.deskripsi.get("id", "")


@dataclass(frozen=True)
class Band:
    """A band of a scale: every value >= `min` (None = no lower bound) and below the band above."""

    min: Decimal | None
    label_id: str
    label_en: str
    code: str = ""  # e.g. the IKM mutu letter


@dataclass(frozen=True)
class Scale:
    rule: Rule
    bands: tuple[Band, ...]  # from the top band down

    def classify(self, value: Decimal | None) -> Band | None:
        """The band holding `value` (compared as Decimal); None for a blank value."""
        if value is None:
            return None
        for band in self.bands:
            if band.min is None or value >= band.min:
                return band
        return self.bands[-1]


@dataclass(frozen=True)
class KurvaLimit:
    jenis: str  # "maks" or "min"
    predikat: tuple[str, ...]
    fraksi: Decimal | None = None
    jumlah: int | None = None


@dataclass(frozen=True)
class PengaduanRule:
    rule: Rule
    tanggapan_hari_kerja: int
    selesai_hari_kerja: dict[str, int]
    kategori_label: dict[str, dict[str, str]]
    holidays: tuple[date, ...]
    holidays_version: str
    holidays_sumber: str
    holiday_names: dict[date, str]


def _load(name: str) -> dict[str, Any]:
    return _load_cached(name)


@cache
def _load_cached(name: str) -> dict[str, Any]:
    with open(RULES_DIR / name, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    if not isinstance(data, dict):
        raise ConfigError(f"rules file {name}: expected a mapping")
    return data


def _rule(entry: dict[str, Any]) -> Rule:
    meta = {"id", "version", "sumber", "deskripsi"}
    return Rule(
        id=str(entry["id"]),
        version=str(entry["version"]),
        sumber=str(entry["sumber"]),
        deskripsi={str(k): str(v) for k, v in entry["deskripsi"].items()},
        data={k: v for k, v in entry.items() if k not in meta},
    )


def _find(entries: list[dict[str, Any]], rule_id: str, what: str) -> Rule:
    for entry in entries:
        if str(entry["id"]) == rule_id:
            return _rule(entry)
    known = ", ".join(str(e["id"]) for e in entries)
    raise ConfigError(f"unknown {what} rule '{rule_id}' (known: {known})")


def _bands(raw: list[dict[str, Any]]) -> tuple[Band, ...]:
    return tuple(
        Band(
            min=None if b.get("min") is None else Decimal(str(b["min"])),
            label_id=str(b["id"]),
            label_en=str(b["en"]),
            code=str(b.get("mutu", "")),
        )
        for b in raw
    )


def capaian_formula(rule_id: str = "permenpanrb-8-2021") -> Rule:
    return _find(_load("capaian_scales.yml")["formulas"], rule_id, "capaian formula")


def capaian_scale(scale_id: str = "lkjip-5") -> Scale:
    rule = _find(_load("capaian_scales.yml")["scales"], scale_id, "capaian scale")
    return Scale(rule, _bands(rule.data["bands"]))


def ikm_rule(rule_id: str = "permenpanrb-14-2017") -> Scale:
    rule = _find(_load("ikm.yml")["rules"], rule_id, "IKM")
    return Scale(rule, _bands(rule.data["bands"]))


def predikat_rule(rule_id: str = "permenpanrb-6-2022") -> Rule:
    return _find(_load("predikat.yml")["rules"], rule_id, "predikat")


def predikat_labels() -> dict[str, dict[str, str]]:
    """Predikat key -> {"id": label, "en": label}; keys in PREDIKAT_KEYS order."""
    labels = _load("predikat.yml")["labels"]
    return {k: dict(labels[k]) for k in PREDIKAT_KEYS}


def predikat_key(label: str) -> str | None:
    """Key of an input predikat label (`Kurang` and `Kurang/Misconduct` both give `kurang`)."""
    text = " ".join(str(label).split()).lower()
    data = _load("predikat.yml")
    for key, names in data["labels"].items():
        if text in (key, names["id"].lower(), names["en"].lower()):
            return str(key)
    alias = data.get("aliases", {}).get(text)
    return None if alias is None else str(alias)


def kurva_rule(
    rule_id: str = "se-menpanrb-3-2023",
) -> tuple[Rule, dict[str, tuple[KurvaLimit, ...]]]:
    rule = _find(_load("kurva.yml")["rules"], rule_id, "kurva")
    limits = {
        str(org): tuple(
            KurvaLimit(
                jenis=str(x["jenis"]),
                predikat=tuple(str(p) for p in x["predikat"]),
                fraksi=None if x.get("fraksi") is None else Decimal(str(x["fraksi"])),
                jumlah=None if x.get("jumlah") is None else int(x["jumlah"]),
            )
            for x in items
        )
        for org, items in rule.data["limits"].items()
    }
    return rule, limits


def pengaduan_rule(rule_id: str = "sp4n-lapor") -> PengaduanRule:
    data = _load("pengaduan.yml")
    rule = _find(data["rules"], rule_id, "pengaduan")
    hol = data["holidays"]
    names = {_as_date(h["tanggal"]): str(h["nama"]) for h in hol["dates"]}
    return PengaduanRule(
        rule=rule,
        tanggapan_hari_kerja=int(rule.data["tanggapan_hari_kerja"]),
        selesai_hari_kerja={str(k): int(v) for k, v in rule.data["selesai_hari_kerja"].items()},
        kategori_label={str(k): dict(v) for k, v in rule.data["kategori_label"].items()},
        holidays=tuple(sorted(names)),
        holidays_version=str(hol["version"]),
        holidays_sumber=str(hol["sumber"]),
        holiday_names=names,
    )


def _as_date(value: object) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
