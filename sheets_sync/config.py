"""`portal.yml`: every key declared once, with its default and help text, validated on load."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from sheets_sync.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TIMEZONE = "Asia/Jakarta"


def local_date(moment: datetime, timezone: str = DEFAULT_TIMEZONE) -> date:
    """The calendar date of `moment` in `timezone` (a naive `moment` is taken to be UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(timezone)).date()


def _known_rule(kind: str, rule_id: str) -> str:
    """`rule_id` when the rule files have it; else a ValueError listing the known ids."""
    from site_builder.rules import known_ids  # the rule files live with compute

    known = known_ids(kind)
    if rule_id not in known:
        raise ValueError(f"unknown rule '{rule_id}' (known: {', '.join(known)})")
    return rule_id


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceConfig(_Strict):
    """Where office data comes from."""

    kind: Literal["workbook", "google"] = Field(
        "workbook", description="`workbook`: local .xlsx files; `google`: Google Sheets.")
    path: Path | None = Field(
        None, description="workbook: folder holding kantor.xlsx and one workbook per office.")
    registry: str | None = Field(
        None, description="google: key or URL of the registry spreadsheet (tab `Kantor`).")
    folder_id: str | None = Field(
        None,
        description="google: Drive folder holding the office sheets (narrows the change listing).")
    credentials_env: str = Field(
        "GOOGLE_APPLICATION_CREDENTIALS",
        description="google: environment variable naming the credentials file (key file or "
        "Workload Identity config); unset means Application Default Credentials.")
    write_back: bool = Field(
        False, description="google: each sync writes every office's state and findings into a "
        "`Validasi` tab of its own sheet (share the sheets as Editor); also allows "
        "`kinerja check --write-back`.")
    max_reads_per_minute: int = Field(
        50, ge=1, le=60, description="google: client-side limit under the 60 reads/min/user quota.")
    timeout_seconds: float = Field(
        60.0, gt=0, description="google: time limit of one request, for its whole answer (not "
        "only between two packets); then it is retried.")
    max_attempts: int = Field(5, ge=1, le=10, description="google: tries per request (429/5xx).")
    run_deadline_seconds: float = Field(
        1800.0, gt=0, description="google: time limit of a whole sync; offices not read by then "
        "keep their last good data and are read next run.")
    max_retry_seconds: float = Field(
        120.0, gt=0, description="google: total time one request may spend retrying.")

    @model_validator(mode="after")
    def _check_kind(self) -> SourceConfig:
        if self.kind == "workbook" and self.path is None:
            raise ValueError("source.path is required when source.kind is workbook")
        if self.kind == "google" and not self.registry:
            raise ValueError("source.registry is required when source.kind is google")
        return self


class CapaianConfig(_Strict):
    """How capaian is capped and categorised."""

    cap: float | None = Field(
        120, gt=0, description="Cap (%) on the capped capaian used in indices; null = no cap.")
    scale: str = Field(
        "lkjip-5", description="Category scale id from site_builder/rules/capaian_scales.yml.")

    @field_validator("scale")
    @classmethod
    def _known_scale(cls, v: str) -> str:
        return _known_rule("capaian_scale", v)


class PrivacyConfig(_Strict):
    """Disclosure control for employee predikat distributions and survey results (PRODUCT.md §8;
    the method is explained on the Metodologi page)."""

    min_group: int = Field(10, ge=1, description="No distribution for a group smaller than this.")
    min_cell: int = Field(5, ge=1, description="Non-zero counts below this are suppressed.")
    min_group_zero: int = Field(
        20, ge=1, description="A group smaller than this shows no 0 % share: its zero counts are "
        "hidden like small counts.")
    min_respondents: int = Field(
        5, ge=1, description="Per-unsur NRR and unit IKM only for a service unit and period with "
        "at least this many respondents (smaller units still count in the office IKM).")
    audit_budget: int = Field(
        200_000, ge=1_000, description="Distributions the cross-table audit may examine for one "
        "group of related tables before it hides more instead of searching further.")


class RulesConfig(_Strict):
    """Rule versions (see Metodologi)."""

    ikm: str = Field("permenpanrb-14-2017", description="SKM/IKM interval table and weights.")
    predikat: str = Field("permenpanrb-6-2022", description="Employee predikat matrix.")
    kurva: str = Field("se-menpanrb-3-2023", description="Kurva distribusi limits.")
    pengaduan: str = Field("sp4n-lapor", description="Complaint response/resolution deadlines.")
    jadwal: str = Field(
        "jadwal-portal", description="Update cadence and grace days per registry frekuensi.")
    sampel: str = Field(
        "krejcie-morgan-1970", description="Minimum SKM sample per service unit and period from "
        "its number of service users (site_builder/rules/sampel_skm.yml).")
    tindak_lanjut: str = Field(
        "permenpanrb-6-2022", description="Follow-up of each predikat and change of predikat in "
        "the private `kinerja tindak-lanjut` workbooks (site_builder/rules/tindak_lanjut.yml).")

    @field_validator("ikm", "predikat", "kurva", "pengaduan", "jadwal", "sampel",
                     "tindak_lanjut")
    @classmethod
    def _known(cls, v: str, info: ValidationInfo) -> str:
        return _known_rule(str(info.field_name), v)


class TindakLanjutConfig(_Strict):
    """The office head's private follow-up (`kinerja tindak-lanjut`): where the regulation leaves
    the follow-up to the instansi, the office's own choices (null = the rule's default)."""

    pengembangan: list[str] | None = Field(
        None, description="Predikat that put an employee on the Pengembangan (development) list, "
        "e.g. [Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang]; null = the rule's default.")
    penghargaan: list[str] | None = Field(
        None, description="Predikat that make an employee a candidate for recognition "
        "(Penghargaan), e.g. [Sangat Baik]; null = the rule's default.")
    penghargaan_berturut: int | None = Field(
        None, ge=1, description="Periods running (up to the latest) such a predikat must hold "
        "for recognition: 1 = the latest period alone, 2 = two periods running; null = the "
        "rule's default.")
    write_back: bool = Field(
        True, description="google with source.write_back: also write the follow-up into a "
        "`Tindak Lanjut` tab of each office's own spreadsheet (replaced each run); false = the "
        "workbooks in --out only.")

    @field_validator("pengembangan", "penghargaan")
    @classmethod
    def _known_predikat(cls, v: list[str] | None) -> list[str] | None:
        from site_builder.rules import predikat_key, predikat_labels

        for name in v or []:
            if predikat_key(name) is None:
                labels = ", ".join(x["id"] for x in predikat_labels().values())
                raise ValueError(f"unknown predikat '{name}' (known: {labels})")
        return v


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def contact_kind(value: str) -> Literal["https", "email"] | None:
    """`https` for an https:// address, `email` for an e-mail address, None for anything else
    (a contact is linked only when it is https://; an e-mail address is shown as text)."""
    text = value.strip()
    if re.fullmatch(r"https://[^\s<>\"']+", text, flags=re.IGNORECASE):
        return "https"
    if _EMAIL.fullmatch(text):
        return "email"
    return None


class HeadlineConfig(_Strict):
    """Which office-periods count in headlines, means, rankings and comparisons (issue 15)."""

    min_coverage: float = Field(
        0.75, ge=0, le=1, description="Share of an office's indicators that must be reported in a "
        "period (0–1) for its index to count in the headline figures, sector and portal means, "
        "highest/lowest, rankings and 'perubahan terbesar'; other indices are shown, marked "
        "'cakupan rendah'.")


class ContactConfig(_Strict):
    """Where a reader reports an error in the portal's data (shown on every office page)."""

    data_errors: str | None = Field(
        None, description="Contact for reports of errors in the data: an https:// page (e.g. a "
        "form) or an e-mail address (shown as text); none = the page names the instansi only.")

    @field_validator("data_errors")
    @classmethod
    def _https_or_email(cls, v: str | None) -> str | None:
        if v is not None and contact_kind(v) is None:
            raise ValueError("contact must be an https:// address or an e-mail address")
        return v.strip() if v is not None else None


class SiteConfig(_Strict):
    """The site's look; defaults to the project's own."""

    mkdocs_config: Path = Field(PROJECT_ROOT / "mkdocs.yml", description="Base mkdocs.yml.")
    content_dir: Path = Field(PROJECT_ROOT / "content", description="Hand-written pages.")
    url: str | None = Field(None, description="Public URL of the portal (https://…), optional.")
    engine: Literal["mkdocs", "zensical"] = Field(
        "mkdocs", description="Site engine: `mkdocs` (MkDocs + Material) or `zensical` (needs "
        "the extra `portal-kinerja[zensical]`).")


class PortalConfig(_Strict):
    """The whole `portal.yml`."""

    title: str = Field(..., min_length=1, description="Portal title.")
    instansi: str = Field("", description="Name of the instansi (defaults to the title).",
                          json_schema_extra={"shown_default": "the title"})
    languages: list[Literal["id", "en"]] = Field(
        ["id", "en"], description="Languages, Bahasa Indonesia first.")
    source: SourceConfig = Field(..., description="Where the data comes from.")
    timezone: str = Field(
        DEFAULT_TIMEZONE, description="Time zone of the portal's calendar dates (today, "
        "due dates, data dates): Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT).")
    state_dir: Path = Field(
        Path(".kinerja"), description="Private folder: snapshots, manifest, validation report.")
    lock_wait_seconds: float = Field(
        120.0, ge=0, description="How long a run waits for another run on the same state_dir "
        "to finish before it gives up (exit code 7).")
    capaian: CapaianConfig = Field(default_factory=CapaianConfig, description=CapaianConfig.__doc__)
    privacy: PrivacyConfig = Field(default_factory=PrivacyConfig, description=PrivacyConfig.__doc__)
    headline: HeadlineConfig = Field(default_factory=HeadlineConfig,
                                     description=HeadlineConfig.__doc__)
    contact: ContactConfig = Field(default_factory=ContactConfig,
                                   description=ContactConfig.__doc__)
    rules: RulesConfig = Field(default_factory=RulesConfig, description=RulesConfig.__doc__)
    tindak_lanjut: TindakLanjutConfig = Field(default_factory=TindakLanjutConfig,
                                              description=TindakLanjutConfig.__doc__)
    site: SiteConfig = Field(default_factory=SiteConfig, description=SiteConfig.__doc__)
    config_path: Path | None = Field(None, exclude=True, description="(set by the loader)")

    @field_validator("languages")
    @classmethod
    def _id_first(cls, v: list[str]) -> list[str]:
        if not v or v[0] != "id":
            raise ValueError("languages must start with id")
        return v

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{v}' (e.g. Asia/Jakarta, Asia/Makassar, "
                             "Asia/Jayapura)") from None
        return v

    @property
    def instansi_name(self) -> str:
        return self.instansi or self.title

    def local_date(self, moment: datetime) -> date:
        """The portal's calendar date at `moment` (in `timezone`)."""
        return local_date(moment, self.timezone)


_MESSAGES = {
    "missing": "wajib diisi",
    "extra_forbidden": "kunci tidak dikenal (periksa ejaannya; daftar kunci ada di README)",
    "bool_type": "harus true atau false", "bool_parsing": "harus true atau false",
    "int_type": "harus bilangan bulat", "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat", "float_type": "harus angka",
    "float_parsing": "harus angka", "string_type": "harus teks",
    "string_too_short": "tidak boleh kosong", "list_type": "harus daftar",
    "dict_type": "harus berisi kunci di bawahnya", "model_type": "harus berisi kunci di bawahnya",
    "greater_than": "harus lebih dari {gt}", "greater_than_equal": "paling kecil {ge}",
    "less_than": "harus kurang dari {lt}", "less_than_equal": "paling besar {le}",
    "literal_error": "harus salah satu dari: {expected}",
}
_VALUE_ERRORS = (  # our validators' messages (English, for the log) -> Bahasa Indonesia
    ("source.path is required", "source.path wajib diisi bila source.kind adalah workbook"),
    ("source.registry is required",
     "source.registry wajib diisi bila source.kind adalah google"),
    ("languages must start with id", "bahasa pertama harus id"),
    ("unknown time zone", "zona waktu tidak dikenal (mis. Asia/Jakarta, Asia/Makassar, "
     "Asia/Jayapura)"),
    ("unknown rule", "aturan tidak dikenal"),
    ("contact must be", "harus alamat https:// atau alamat surel (e-mail)"),
)


def _pesan(err: Any) -> str:
    """A pydantic error of `portal.yml` in Bahasa Indonesia (its English message when the kind
    of error has no translation here)."""
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "value_error":
        for english, indonesian in _VALUE_ERRORS:
            if msg.startswith(english):
                known = re.search(r"\(known: ([^)]*)\)", msg)
                return indonesian + (f" (yang dikenal: {known.group(1)})" if known else "")
        return msg
    template = _MESSAGES.get(str(err["type"]))
    if template is None:
        return msg
    ctx = {k: str(v).replace("' or '", "', '") for k, v in (err.get("ctx") or {}).items()}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return msg


def _resolve(base: Path, p: Path | None) -> Path | None:
    if p is None:
        return None
    p = Path(p).expanduser()
    return p if p.is_absolute() else (base / p).resolve()


def load_config(path: str | Path | None = None) -> PortalConfig:
    """Load and validate `portal.yml`; relative paths are relative to the file's folder."""
    cfg_path = Path(path or "portal.yml")
    if not cfg_path.is_file():
        raise ConfigError(f"config file not found: {cfg_path}",
                          pesan=f"berkas konfigurasi tidak ditemukan: {cfg_path}")
    try:
        raw = yaml.safe_load(cfg_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{cfg_path}: not valid YAML ({exc.__class__.__name__})",
                          pesan=f"{cfg_path}: bukan YAML yang sah (periksa indentasi dan tanda "
                          "titik dua)") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{cfg_path}: expected a mapping of keys",
                          pesan=f"{cfg_path}: isinya harus daftar kunci (kunci: nilai)")
    try:
        config = PortalConfig.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = str(err["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{cfg_path}: invalid key '{key}': {msg}",
                          pesan=f"{cfg_path}: kunci '{key}' tidak valid: {_pesan(err)}") from None
    base = cfg_path.resolve().parent
    config.config_path = cfg_path.resolve()
    config.source.path = _resolve(base, config.source.path)
    config.state_dir = _resolve(base, config.state_dir)  # type: ignore[assignment]
    if "mkdocs_config" in (raw.get("site") or {}):
        config.site.mkdocs_config = _resolve(base, config.site.mkdocs_config)  # type: ignore[assignment]
    if "content_dir" in (raw.get("site") or {}):
        config.site.content_dir = _resolve(base, config.site.content_dir)  # type: ignore[assignment]
    return config
