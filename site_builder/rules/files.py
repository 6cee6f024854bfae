"""The rule files as typed documents: one pydantic model per YAML file of this folder, checked
when the file is read. A file that does not fit its model is a `ConfigError` naming the file and
the key (``rules file ikm.yml: invalid key 'rules.0.bands.1.min': …``), never a `KeyError` in
the middle of a computation."""
from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from sheets_sync.contracts import (
    FREKUENSI,
    KATEGORI_PENGADUAN,
    PREDIKAT_ORGANISASI,
    RATINGS,
)
from sheets_sync.errors import ConfigError

RULES_DIR = Path(__file__).resolve().parent
# libyaml's safe loader when PyYAML was built with it (10x faster), else the pure one
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PREDIKAT_KEYS = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
"""The five employee predikat of PermenPANRB 6/2022, best first (keys of `predikat.yml`)."""


def _one_of(choices: Collection[str]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"'{value}' is not one of: {', '.join(choices)}")
        return value
    return check


def _complete(choices: Collection[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def check(mapping: dict[str, Any]) -> dict[str, Any]:
        missing = [c for c in choices if c not in mapping]
        if missing:
            raise ValueError(f"missing: {', '.join(missing)}")
        return mapping
    return check


Text = Annotated[str, Field(min_length=1)]
Version = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v)]
PredikatKey = Annotated[str, AfterValidator(_one_of(PREDIKAT_KEYS))]
Rating = Annotated[str, AfterValidator(_one_of(RATINGS))]
OrgPredikat = Annotated[str, AfterValidator(_one_of(PREDIKAT_ORGANISASI))]
Kategori = Annotated[str, AfterValidator(_one_of(KATEGORI_PENGADUAN))]
Frekuensi = Annotated[str, AfterValidator(_one_of(FREKUENSI))]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(_Strict):
    """A name in Bahasa Indonesia and English."""

    id: Text
    en: Text


class RuleHead(_Strict):
    """What every rule has: identity, regulation reference, description in both languages."""

    id: Text
    version: Version
    sumber: Text
    sumber_en: Text | None = None  # the reference in English (English pages); else `sumber`
    deskripsi: Label


_M = TypeVar("_M", bound=RuleHead)


def _unique_ids(entries: list[_M]) -> list[_M]:
    ids = [e.id for e in entries]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"rule id listed twice: {', '.join(twice)}")
    return entries


Entries = Annotated[list[_M], Field(min_length=1), AfterValidator(_unique_ids)]


class BandEntry(_Strict):
    """A band holds every value >= `min`; only the last band of a scale may omit `min`."""

    min: Decimal | None = None
    id: Text
    en: Text
    mutu: str = ""


def _descending(bands: list[BandEntry]) -> list[BandEntry]:
    mins = [b.min for b in bands]
    if any(m is None for m in mins[:-1]):
        raise ValueError("every band but the last needs `min`")
    given = [m for m in mins if m is not None]
    if any(a <= b for a, b in zip(given, given[1:], strict=False)):
        raise ValueError("bands must be listed from the highest `min` down")
    return bands


def _ikm_bands(bands: list[BandEntry]) -> list[BandEntry]:
    if bands[-1].min is None or any(not b.mutu for b in bands):
        raise ValueError("every IKM band needs `min` and its `mutu` letter")
    return bands


Bands = Annotated[list[BandEntry], Field(min_length=1), AfterValidator(_descending)]


class ScaleEntry(RuleHead):
    bands: Bands


class IkmEntry(RuleHead):
    bands: Annotated[Bands, AfterValidator(_ikm_bands)]


class CapaianFile(_Strict):
    formulas: Entries[RuleHead]
    scales: Entries[ScaleEntry]


class IkmFile(_Strict):
    rules: Entries[IkmEntry]


MatrixRow = Annotated[dict[Rating, PredikatKey], AfterValidator(_complete(RATINGS))]


class PredikatEntry(RuleHead):
    matrix: Annotated[dict[Rating, MatrixRow], AfterValidator(_complete(RATINGS))]


class PredikatFile(_Strict):
    labels: Annotated[dict[PredikatKey, Label], AfterValidator(_complete(PREDIKAT_KEYS))]
    aliases: dict[str, PredikatKey] = Field(default_factory=dict)
    rules: Entries[PredikatEntry]


class LimitEntry(_Strict):
    """One limit: `fraksi` (a share of the rated employees) or `jumlah` (a count), not both."""

    jenis: Literal["maks", "min"]
    predikat: Annotated[list[PredikatKey], Field(min_length=1)]
    fraksi: Annotated[Decimal, Field(ge=0, le=1)] | None = None
    jumlah: Annotated[int, Field(ge=0)] | None = None

    @model_validator(mode="after")
    def _check(self) -> LimitEntry:
        if (self.fraksi is None) == (self.jumlah is None):
            raise ValueError("give exactly one of `fraksi` and `jumlah`")
        return self


class KurvaEntry(RuleHead):
    limits: dict[OrgPredikat, list[LimitEntry]]


class KurvaFile(_Strict):
    rules: Entries[KurvaEntry]


class PengaduanEntry(RuleHead):
    tanggapan_hari_kerja: Annotated[int, Field(ge=0)]
    selesai_hari_kerja: Annotated[dict[Kategori, Annotated[int, Field(ge=0)]],
                                  AfterValidator(_complete(KATEGORI_PENGADUAN))]
    kategori_label: Annotated[dict[Kategori, Label], AfterValidator(_complete(KATEGORI_PENGADUAN))]


class Holiday(_Strict):
    tanggal: date
    nama: Text


class Holidays(_Strict):
    version: Version
    sumber: Text
    sumber_en: Text | None = None
    dates: list[Holiday]


class PengaduanFile(_Strict):
    rules: Entries[PengaduanEntry]
    holidays: Holidays


class CadenceEntry(_Strict):
    hari: Annotated[int, Field(gt=0)]
    tenggang: Annotated[int, Field(ge=0)]


class JadwalEntry(RuleHead):
    jadwal: Annotated[dict[Frekuensi, CadenceEntry], AfterValidator(_complete(FREKUENSI))]


class JadwalFile(_Strict):
    rules: Entries[JadwalEntry]


def _ascending_rows(rows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if any(n < 1 or s < 1 or s > n for n, s in rows):
        raise ValueError("each row is [population, sample] with 1 <= sample <= population")
    if any(a[0] >= b[0] or a[1] > b[1] for a, b in zip(rows, rows[1:], strict=False)):
        raise ValueError("rows must be listed by growing population, samples never falling")
    return rows


class SampelEntry(RuleHead):
    """A minimum-sample table: [population, minimum sample] rows by growing population."""

    tabel: Annotated[list[tuple[int, int]], Field(min_length=1),
                     AfterValidator(_ascending_rows)]


class SampelFile(_Strict):
    rules: Entries[SampelEntry]


CHANGES = ("naik", "tetap", "turun", "baru")
"""How an employee's predikat compares with the previous period of the same kind (`baru`: no
predikat then)."""
RATING_FIELDS = ("hasil_kerja", "perilaku_kerja")


class ActionEntry(_Strict):
    """A follow-up in both languages (empty: none) and the clause or policy it rests on."""

    id: str
    en: str
    dasar: Text


class ListEntry(_Strict):
    """Which predikat put an employee on a follow-up list, and on what basis."""

    predikat: Annotated[list[PredikatKey], Field(min_length=1)]
    dasar: Text


class PenghargaanEntry(ListEntry):
    periode_berturut: Annotated[int, Field(ge=1)] = 1


class TindakLanjutEntry(RuleHead):
    pengembangan: ListEntry
    penghargaan: PenghargaanEntry
    tindakan: Annotated[dict[PredikatKey, ActionEntry], AfterValidator(_complete(PREDIKAT_KEYS))]
    perubahan: Annotated[dict[Annotated[str, AfterValidator(_one_of(CHANGES))], ActionEntry],
                         AfterValidator(_complete(CHANGES))]
    fokus: Annotated[dict[Annotated[str, AfterValidator(_one_of(RATING_FIELDS))], Label],
                     AfterValidator(_complete(RATING_FIELDS))]

    @model_validator(mode="after")
    def _apart(self) -> TindakLanjutEntry:
        both = set(self.pengembangan.predikat) & set(self.penghargaan.predikat)
        if both:
            raise ValueError(f"predikat on both lists: {', '.join(sorted(both))}")
        return self


class TindakLanjutFile(_Strict):
    rules: Entries[TindakLanjutEntry]


FILES: dict[str, type[_Strict]] = {
    "capaian_scales.yml": CapaianFile,
    "ikm.yml": IkmFile,
    "predikat.yml": PredikatFile,
    "kurva.yml": KurvaFile,
    "pengaduan.yml": PengaduanFile,
    "jadwal.yml": JadwalFile,
    "sampel_skm.yml": SampelFile,
    "tindak_lanjut.yml": TindakLanjutFile,
}
"""Every rule file of this folder and the model it must fit."""

_F = TypeVar("_F", bound=_Strict)


def read_rule_file(path: Path, model: type[_F]) -> _F:
    """One rule file, checked against its model; `ConfigError` naming the file and key."""
    try:
        with open(path, encoding="utf-8") as fh:
            raw = yaml.load(fh, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise ConfigError(f"rules file {path.name}: cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"rules file {path.name}: not valid YAML "
                          f"({exc.__class__.__name__})") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = str(err["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"rules file {path.name}: invalid key '{key}': {msg}") from None


@cache
def rule_file(name: str) -> Any:
    """The rule file `name` of this folder, read and checked once per process."""
    return read_rule_file(RULES_DIR / name, FILES[name])
