"""Regulation rules as versioned data: the YAML files in this folder, checked on reading
(`files.py`: one pydantic model per file) and typed here.

Every rule has an `id`, a `version`, a `sumber` (regulation reference) and a description in
Bahasa Indonesia and English; `Rule.tag` (``id@version``) is what result rows carry in
`versi_aturan`. Thresholds are exact `Decimal`s. A run uses one `RuleSet` (`ruleset.py`), built
once from the configuration; the functions below look single rules up by id."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sheets_sync.contracts import FREKUENSI
from sheets_sync.errors import ConfigError
from site_builder.rules.files import (
    PREDIKAT_KEYS,
    RULES_DIR,
    BandEntry,
    RuleHead,
    read_rule_file,
    rule_file,
)

__all__ = [
    "PREDIKAT_KEYS", "RULES_DIR", "Band", "Cadence", "JadwalRule", "KurvaLimit", "PengaduanRule",
    "Rule", "RuleSet", "SampleRule", "Scale", "capaian_formula", "capaian_scale", "ikm_rule",
    "jadwal_rule", "known_ids", "kurva_rule", "pengaduan_rule", "predikat_key", "predikat_labels",
    "predikat_rule", "read_rule_file", "rule_set", "sampel_rule",
]


@dataclass(frozen=True)
class Rule:
    """One versioned rule: identity, source and its data (the rest of the YAML entry)."""

    id: str
    version: str
    sumber: str
    deskripsi: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    sumber_en: str = ""

    @property
    def tag(self) -> str:
        return f"{self.id}@{self.version}"

    def source(self, lang: str) -> str:
        """The regulation reference in `lang` (Bahasa Indonesia when no English is given)."""
        return self.sumber_en if lang == "en" and self.sumber_en else self.sumber

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
    holidays_sumber_en: str = ""

    def holidays_source(self, lang: str) -> str:
        """The holiday list's source in `lang` (Bahasa Indonesia when no English is given)."""
        return self.holidays_sumber_en if lang == "en" and self.holidays_sumber_en \
            else self.holidays_sumber


@dataclass(frozen=True)
class Cadence:
    """Expected days between two updates of an office's data, and days of tolerance after."""

    days: int
    grace: int


@dataclass(frozen=True)
class SampleRule:
    """The minimum survey sample for a number of service users (`rules/sampel_skm.yml`)."""

    rule: Rule
    rows: tuple[tuple[int, int], ...]  # (population, minimum sample), growing population

    def minimum(self, population: int) -> int | None:
        """The minimum sample for `population` users: the sample of the first row whose
        population is at least `population` (between two rows: the larger one's), never more
        than `population`; above the last row its sample. None for no users (nothing to
        survey)."""
        if population < 1:
            return None
        for n, sample in self.rows:
            if n >= population:
                return min(sample, population)
        return min(self.rows[-1][1], population)


@dataclass(frozen=True)
class JadwalRule:
    """Update cadence per registry `frekuensi` (every frekuensi of the contract is listed)."""

    rule: Rule
    cadences: dict[str, Cadence]


_WHAT = {"capaian_formula": "capaian formula", "capaian_scale": "capaian scale", "ikm": "IKM",
         "predikat": "predikat", "kurva": "kurva", "pengaduan": "pengaduan", "jadwal": "jadwal",
         "tindak_lanjut": "tindak lanjut", "sampel": "SKM sample"}
_WHERE = {"capaian_formula": ("capaian_scales.yml", "formulas"),
          "capaian_scale": ("capaian_scales.yml", "scales"), "ikm": ("ikm.yml", "rules"),
          "predikat": ("predikat.yml", "rules"), "kurva": ("kurva.yml", "rules"),
          "pengaduan": ("pengaduan.yml", "rules"), "jadwal": ("jadwal.yml", "rules"),
          "tindak_lanjut": ("tindak_lanjut.yml", "rules"),
          "sampel": ("sampel_skm.yml", "rules")}


def _entries(kind: str) -> list[Any]:
    name, key = _WHERE[kind]
    return list(getattr(rule_file(name), key))


def known_ids(kind: str) -> list[str]:
    """The rule ids of one kind (`ikm`, `capaian_scale`, …), in file order."""
    return [e.id for e in _entries(kind)]


def _find(kind: str, rule_id: str) -> Any:
    for entry in _entries(kind):
        if entry.id == rule_id:
            return entry
    raise ConfigError(f"unknown {_WHAT[kind]} rule '{rule_id}' "
                      f"(known: {', '.join(known_ids(kind))})")


def _rule(entry: RuleHead) -> Rule:
    meta = set(RuleHead.model_fields)
    return Rule(
        id=entry.id, version=entry.version, sumber=entry.sumber, sumber_en=entry.sumber_en or "",
        deskripsi={"id": entry.deskripsi.id, "en": entry.deskripsi.en},
        data=entry.model_dump(exclude=meta, mode="python"),
    )


def _bands(raw: list[BandEntry]) -> tuple[Band, ...]:
    return tuple(Band(min=b.min, label_id=b.id, label_en=b.en, code=b.mutu) for b in raw)


def capaian_formula(rule_id: str = "permenpanrb-8-2021") -> Rule:
    return _rule(_find("capaian_formula", rule_id))


def capaian_scale(scale_id: str = "lkjip-5") -> Scale:
    entry = _find("capaian_scale", scale_id)
    return Scale(_rule(entry), _bands(entry.bands))


def ikm_rule(rule_id: str = "permenpanrb-14-2017") -> Scale:
    entry = _find("ikm", rule_id)
    return Scale(_rule(entry), _bands(entry.bands))


def predikat_rule(rule_id: str = "permenpanrb-6-2022") -> Rule:
    """The predikat matrix rule; `data["matrix"][hasil_kerja][perilaku_kerja]` is a predikat key
    (complete: the file is checked on reading)."""
    return _rule(_find("predikat", rule_id))


def predikat_labels() -> dict[str, dict[str, str]]:
    """Predikat key -> {"id": label, "en": label}; keys in PREDIKAT_KEYS order."""
    labels = rule_file("predikat.yml").labels
    return {k: {"id": labels[k].id, "en": labels[k].en} for k in PREDIKAT_KEYS}


def predikat_key(label: str) -> str | None:
    """Key of an input predikat label (`Kurang` and `Kurang/Misconduct` both give `kurang`)."""
    text = " ".join(str(label).split()).lower()
    data = rule_file("predikat.yml")
    for key, names in data.labels.items():
        if text in (key, names.id.lower(), names.en.lower()):
            return str(key)
    alias = data.aliases.get(text)
    return None if alias is None else str(alias)


def kurva_rule(
    rule_id: str = "se-menpanrb-3-2023",
) -> tuple[Rule, dict[str, tuple[KurvaLimit, ...]]]:
    entry = _find("kurva", rule_id)
    limits = {
        org: tuple(KurvaLimit(jenis=x.jenis, predikat=tuple(x.predikat), fraksi=x.fraksi,
                              jumlah=x.jumlah) for x in items)
        for org, items in entry.limits.items()
    }
    return _rule(entry), limits


def pengaduan_rule(rule_id: str = "sp4n-lapor") -> PengaduanRule:
    entry = _find("pengaduan", rule_id)
    hol = rule_file("pengaduan.yml").holidays
    names = {h.tanggal: h.nama for h in hol.dates}
    return PengaduanRule(
        rule=_rule(entry),
        tanggapan_hari_kerja=entry.tanggapan_hari_kerja,
        selesai_hari_kerja=dict(entry.selesai_hari_kerja),
        kategori_label={k: {"id": v.id, "en": v.en} for k, v in entry.kategori_label.items()},
        holidays=tuple(sorted(names)),
        holidays_version=hol.version,
        holidays_sumber=hol.sumber,
        holiday_names=names,
        holidays_sumber_en=hol.sumber_en or "",
    )


def jadwal_rule(rule_id: str = "jadwal-portal") -> JadwalRule:
    entry = _find("jadwal", rule_id)
    return JadwalRule(_rule(entry), {k: Cadence(entry.jadwal[k].hari, entry.jadwal[k].tenggang)
                                     for k in FREKUENSI})


def sampel_rule(rule_id: str = "krejcie-morgan-1970") -> SampleRule:
    """The minimum-sample table `rule_id` of `sampel_skm.yml`."""
    entry = _find("sampel", rule_id)
    return SampleRule(_rule(entry), tuple((int(n), int(s)) for n, s in entry.tabel))


from site_builder.rules.ruleset import RuleSet, rule_set  # noqa: E402  (uses the above)
