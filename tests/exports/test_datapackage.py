"""datapackage.json and the data dictionary agree with the files and with OPEN_DATA_COLUMNS."""
from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from site_builder.exports import OFFICE_TABLES, write_open_data
from site_builder.exports.fields import DATA_DICTIONARY, TABLE_DOCS, data_dictionary
from site_builder.marts import OPEN_DATA_COLUMNS, Marts

RULE_VERSIONS = {"capaian": "c-1", "ikm": "i-2", "predikat": "p-3", "kurva": "k-4",
                 "pengaduan": "g-5"}
TYPES = {"string", "integer", "number", "date", "boolean"}


@pytest.fixture
def package(marts: Marts, tmp_path: Path) -> tuple[Path, dict]:
    write_open_data(marts, tmp_path, title="Portal Kinerja Kabupaten Sémarang Contoh",
                    rule_versions=RULE_VERSIONS, generated_at=datetime(2026, 11, 24, 6, 30))
    return tmp_path, json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))


def test_package_metadata(package: tuple[Path, dict]) -> None:
    _, dp = package
    assert dp["profile"] == "tabular-data-package"
    assert dp["name"] == "portal-kinerja-kabupaten-semarang-contoh"
    assert dp["title"] == "Portal Kinerja Kabupaten Sémarang Contoh"
    assert dp["created"] == "2026-11-24T06:30:00Z"
    assert [lic["name"] for lic in dp["licenses"]] == ["CC-BY-4.0"]
    assert dp["unduhan_lain"][0]["path"] == "data-terbuka.xlsx"


def test_csv_resources_match_csv_headers(package: tuple[Path, dict]) -> None:
    out, dp = package
    csv_resources = [r for r in dp["resources"]
                     if r["format"] == "csv" and "kantor_kode" not in r]  # issue 15: not own rows
    assert [r["path"] for r in csv_resources] == [f"{t}.csv" for t in OPEN_DATA_COLUMNS]
    for r in csv_resources:
        header = (out / r["path"]).read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        assert [f["name"] for f in r["schema"]["fields"]] == header
        assert r["mediatype"] == "text/csv" and r["encoding"] == "utf-8"


def test_every_resource_is_complete(package: tuple[Path, dict]) -> None:
    out, dp = package
    names = [r["name"] for r in dp["resources"]]
    whole = [r for r in dp["resources"] if "kantor_kode" not in r]
    assert len(names) == len(set(names))
    assert len(whole) == 16  # CSV and JSON of eight tables; then each office's own files
    assert all(re.fullmatch(r"[a-z0-9._/-]+", n) for n in names)
    for r in whole:
        table = r["path"].rsplit(".", 1)[0]
        assert r["profile"] == "tabular-data-resource"
        assert r["format"] in ("csv", "json")
        assert [f["name"] for f in r["schema"]["fields"]] == OPEN_DATA_COLUMNS[table]
        for field in r["schema"]["fields"]:
            assert field["type"] in TYPES
            assert field["title"] and field["description"] and field["description_en"]
        data = (out / r["path"]).read_bytes()
        # issue 15: no byte count on a JSON resource (frictionless-py cannot measure one)
        assert r.get("bytes") == (len(data) if r["format"] == "csv" else None)
        assert r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        json_rows = r["format"] == "json" and json.loads(data)
        if json_rows:
            assert list(json_rows[0]) == OPEN_DATA_COLUMNS[table]


def test_each_office_has_its_own_rows_of_each_office_table(
        package: tuple[Path, dict]) -> None:
    """Issue 15: `kantor/<kode>/<table>.csv` holds exactly the office's rows of the table (in
    the table's order, same header), each a resource with its bytes, hash and the path of its
    table's schema file."""
    import csv

    out, dp = package
    own = [r for r in dp["resources"] if "kantor_kode" in r]
    offices = sorted({r["kantor_kode"] for r in own})
    assert offices == ["DINKES", "DISPAR"]
    assert len(own) == len(offices) * len(OFFICE_TABLES)
    for r in own:
        table = r["path"].rsplit("/", 1)[1].removesuffix(".csv")
        assert r["path"] == f"kantor/{r['kantor_kode'].lower()}/{table}.csv"
        # one schema file per table, shared by every office (not repeated inline)
        assert r["schema"] == f"schema/{table}.json"
        schema = json.loads((out / r["schema"]).read_text(encoding="utf-8"))
        assert [f["name"] for f in schema["fields"]] == OPEN_DATA_COLUMNS[table]
        data = (out / r["path"]).read_bytes()
        assert r["bytes"] == len(data)
        assert r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        whole = list(csv.reader((out / f"{table}.csv").open(encoding="utf-8", newline="")))
        mine = list(csv.reader((out / r["path"]).open(encoding="utf-8", newline="")))
        assert mine[0] == whole[0]
        assert mine[1:] == [row for row in whole[1:] if row[0] == r["kantor_kode"]]
    rows = sum(1 for _ in (out / "kantor" / "dinkes" / "kantor.csv").open(encoding="utf-8"))
    assert rows > 1  # not only headers


def test_rule_versions_per_resource(package: tuple[Path, dict]) -> None:
    _, dp = package
    by_name = {r["name"]: r["versi_aturan"] for r in dp["resources"]}
    assert by_name["kantor"] == {"capaian": "c-1"}
    assert by_name["indikator"] == {"capaian": "c-1"}
    assert by_name["skm-json"] == {"ikm": "i-2"}
    assert by_name["pengaduan"] == {"pengaduan": "g-5"}
    assert by_name["pegawai_distribusi"] == {"predikat": "p-3", "kurva": "k-4"}
    assert by_name["ringkasan"] == {"capaian": "c-1", "ikm": "i-2", "pengaduan": "g-5"}


def test_dictionary_covers_exactly_the_open_data_columns() -> None:
    assert list(DATA_DICTIONARY) == list(OPEN_DATA_COLUMNS) == list(TABLE_DOCS)
    for table, fields in DATA_DICTIONARY.items():
        assert [f.name for f in fields] == OPEN_DATA_COLUMNS[table]
        assert all(f.type in TYPES for f in fields)


def test_data_dictionary_is_plain_json_data() -> None:
    dd = data_dictionary()
    json.dumps(dd)
    assert dd["skm"]["fields"][4]["name"] == "nrr_u1"
    assert "Persyaratan" in dd["skm"]["fields"][4]["title"]
    assert dd["pegawai_distribusi"]["rules"] == ["predikat", "kurva"]
    assert all(set(f) >= {"name", "type", "description", "description_en", "unit"}
               for t in dd.values() for f in t["fields"])
