"""`datapackage.json`: the Frictionless tabular data package describing the open-data files."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from site_builder.exports.fields import DATA_DICTIONARY, TABLE_DOCS, FieldDoc

XLSX_NAME = "data-terbuka.xlsx"
DATAPACKAGE_NAME = "datapackage.json"
XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LICENSE: dict[str, str] = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def utc_naive(moment: datetime) -> datetime:
    """`moment` in UTC without tzinfo (a naive `generated_at` is taken to be UTC already)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "data-terbuka"


OFFICE_TABLES: tuple[str, ...] = (
    "kantor", "indikator", "skm", "pengaduan", "pegawai_distribusi", "pegawai_distribusi_unit",
    "status_kantor")
"""The tables with a `kantor_kode` (their first column) written per office as well."""


def office_folder(kode: str) -> str:
    """The folder of one office's own rows under the open-data folder (`kantor/<kode>`, lower
    case: office codes are `[A-Z0-9-]`, so the folder is as unique as the code)."""
    return "kantor/" + str(kode).lower()


def _field_descriptor(field: FieldDoc) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": field.name,
        "type": field.type,
        "title": field.title,
        "description": field.description,
        "title_en": field.title_en,
        "description_en": field.description_en,
    }
    if field.unit:
        out["satuan"] = field.unit
        out["unit_en"] = field.unit_en
    if field.type == "boolean":
        out["trueValues"] = ["true"]
        out["falseValues"] = ["false"]
    return out


def table_versions(table: str, rule_versions: dict[str, str]) -> dict[str, str]:
    return {r: rule_versions[r] for r in TABLE_DOCS[table].rules if r in rule_versions}


def _file_facts(data: bytes) -> dict[str, Any]:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def office_schema_path(table: str) -> str:
    """The shared schema file of every office's own `table` file (relative to `data/`)."""
    return f"schema/{table}.json"


def office_schema(table: str) -> dict[str, Any]:
    """The Table Schema of an office's own file of `table`: the whole table's field names and
    types (their meaning is in the table's own resource)."""
    return {"fields": [_short_field(f) for f in DATA_DICTIONARY[table]], "missingValues": [""]}


def _office_resources(offices: Sequence[str], files: dict[str, bytes],
                      rule_versions: dict[str, str]) -> list[dict[str, Any]]:
    """One resource per office and table of `OFFICE_TABLES`: that office's rows only. The
    schema is a path to one file per table (`office_schema_path`), not repeated inline: at 600
    offices the inline schemas made `datapackage.json` 10 MB."""
    out: list[dict[str, Any]] = []
    versions = {table: table_versions(table, rule_versions) for table in OFFICE_TABLES}
    for kode in offices:
        folder = office_folder(kode)
        for table in OFFICE_TABLES:
            path = f"{folder}/{table}.csv"
            resource: dict[str, Any] = {
                "profile": "tabular-data-resource", "name": path.removesuffix(".csv"),
                "path": path, "title": f"{TABLE_DOCS[table].title} — {kode}",
                "kantor_kode": kode, "format": "csv", "mediatype": "text/csv",
                "encoding": "utf-8",
            }
            if path in files:
                resource.update(_file_facts(files[path]))
            resource["schema"] = office_schema_path(table)
            resource["versi_aturan"] = versions[table]
            out.append(resource)
    return out


def _short_field(field: FieldDoc) -> dict[str, Any]:
    out: dict[str, Any] = {"name": field.name, "type": field.type}
    if field.type == "boolean":
        out["trueValues"] = ["true"]
        out["falseValues"] = ["false"]
    return out


_CSV_DIALECT: dict[str, Any] = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"',
                                "doubleQuote": True, "header": True}


def datapackage_descriptor(*, title: str, rule_versions: dict[str, str],
                           generated_at: datetime,
                           files: dict[str, bytes] | None = None,
                           offices: Sequence[str] = ()) -> dict[str, Any]:
    """The Frictionless tabular data package describing the CSV and JSON files (one resource
    each, same schema) and each office's own CSV files (`offices`: their codes); the XLSX
    bundle is listed under the custom key `unduhan_lain`. `files` (file name → bytes), when
    given, adds `bytes` and `hash` (sha256) to each entry — `hash` only for a JSON file:
    frictionless-py (5.x) reads a JSON table through `read()`, which its byte counter does not
    see, so any declared byte count of a JSON resource fails its validator."""
    files = files or {}
    resources: list[dict[str, Any]] = []
    for fmt in ("csv", "json"):
        for table, fields in DATA_DICTIONARY.items():
            doc = TABLE_DOCS[table]
            path = f"{table}.{fmt}"
            resource: dict[str, Any] = {
                "profile": "tabular-data-resource",
                "name": table if fmt == "csv" else f"{table}-json",
                "path": path,
                "title": doc.title,
                "description": doc.description,
                "title_en": doc.title_en,
                "description_en": doc.description_en,
                "format": fmt,
                "mediatype": "text/csv" if fmt == "csv" else "application/json",
                "encoding": "utf-8",
            }
            if path in files:
                resource.update(_file_facts(files[path]))
                if fmt == "json":
                    del resource["bytes"]
            if fmt == "csv":
                resource["dialect"] = dict(_CSV_DIALECT)
            resource["schema"] = {"fields": [_field_descriptor(f) for f in fields],
                                  "missingValues": [""]}
            resource["versi_aturan"] = table_versions(table, rule_versions)
            resources.append(resource)
    resources.extend(_office_resources(offices, files, rule_versions))
    bundle: dict[str, Any] = {
        "path": XLSX_NAME, "format": "xlsx", "mediatype": XLSX_MEDIATYPE,
        "description": "Semua tabel dalam satu buku kerja, dengan lembar Keterangan (kamus data).",
        "description_en": "All tables in one workbook, with a Keterangan (data dictionary) sheet.",
    }
    if XLSX_NAME in files:
        bundle.update(_file_facts(files[XLSX_NAME]))
    return {
        "profile": "tabular-data-package",
        "name": _slug(title),
        "title": title,
        "description": (
            "Data terbuka kinerja kantor: indeks kinerja, capaian indikator, survei kepuasan "
            "masyarakat, penanganan pengaduan, distribusi predikat kinerja pegawai dan ringkasan "
            "per kabupaten dan sektor. Di CSV dan "
            "XLSX, teks yang diawali = + - @ (juga bentuk lebar penuhnya), tab atau baris baru "
            "diberi awalan ' agar tidak dijalankan sebagai rumus; JSON memuat teks aslinya."),
        "description_en": (
            "Open data on office performance: performance index, indicator achievement, public "
            "satisfaction survey, complaint handling, employee rating distribution and a summary "
            "for the portal and each sector. In CSV "
            "and XLSX, text starting with = + - @ (or their full-width forms), a tab or a line "
            "break is prefixed with ' so that it is not run as a formula; JSON holds the "
            "original text."),
        "created": utc_naive(generated_at).isoformat() + "Z",
        "licenses": [dict(LICENSE)],
        "resources": resources,
        "unduhan_lain": [bundle],
    }

