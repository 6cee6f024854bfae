"""The typed documents between stages: each is written and read with one model, and files written
by earlier versions (literal copies below) are still read."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sheets_sync.findings import (
    Finding,
    Report,
    ReportDocument,
    Severity,
    findings_from_json,
    findings_to_json,
)
from sheets_sync.manifest import Manifest, ManifestEntry
from sheets_sync.portal_data import DataStatus, OfficeStatus
from site_builder.render.freshness import OfficeFreshness, freshness_document
from site_builder.render.freshness_file import FreshnessDocument
from site_builder.rules import Cadence

# manifest.json as the store wrote it before the model (version 2): an office with data and one
# that never had valid data (attempt fields only).
MANIFEST_V2 = {"version": 2, "offices": {
    "DINKES": {
        "source": "workbook", "source_id": "DINKES.xlsx",
        "source_modified": "2026-12-06T05:21:34.680129+00:00",
        "source_stamp": "22520:1796534494680129170", "fetched_at": "2026-12-06T05:21:46+00:00",
        "rows": {"indikator": 10, "capaian": 70, "pegawai": 57, "organisasi": 1, "skm": 109,
                 "pengaduan": 45},
        "content_hash": "ba22fe0d138ae9cd8c78a6cc12ee59c70bedd101315bbd3e176354b972f21015",
        "valid": True, "seen_modified": "2026-12-06T05:21:34.680129+00:00",
        "seen_stamp": "22520:1796534494680129170", "last_attempt_at": "2026-12-06T05:21:46+00:00",
        "last_attempt_ok": True, "contract": "ca3c57f92ac0d48a"},
    "DINSOS": {
        "valid": False, "seen_modified": "2026-12-06T05:21:34.680717+00:00",
        "seen_stamp": "13950:1796534494680717257", "last_attempt_at": "2026-12-06T05:21:46+00:00",
        "last_attempt_ok": False, "contract": "ca3c57f92ac0d48a"},
}}

# one finding record as `laporan/temuan.json` and `temuan/<KODE>.json` held it before
RECORD = {"code": "angka_tidak_valid", "office": "DINKES", "tab": "Capaian",
          "message": "'abc' bukan angka.", "hint": "Tulis angka saja.", "row": 7, "column": "D",
          "header": "realisasi", "value": "abc", "link": None, "severity": "error", "cell": "D7",
          "title": "Bukan angka"}


def test_a_manifest_of_the_previous_code_reads_typed_and_writes_back_the_same(tmp_path: Path):
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(MANIFEST_V2), encoding="utf-8")
    manifest = Manifest.read(path)
    dinkes, dinsos = manifest.offices["DINKES"], manifest.offices["DINSOS"]
    assert dinkes.fetched_at == datetime(2026, 12, 6, 5, 21, 46, tzinfo=UTC)
    assert dinkes.has_data and dinkes.rows == MANIFEST_V2["offices"]["DINKES"]["rows"]
    assert dinkes.contract == "ca3c57f92ac0d48a" and dinkes.records_stamp
    assert not dinsos.has_data and dinsos.fetched_at is None and not dinsos.last_attempt_ok
    assert json.loads(manifest.to_json()) == MANIFEST_V2


def test_entries_of_another_manifest_version_are_checked_again(tmp_path: Path):
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({**MANIFEST_V2, "version": 1}), encoding="utf-8")
    offices = Manifest.read(path).offices
    assert offices["DINKES"].has_data and offices["DINKES"].contract is None


def test_an_unreadable_manifest_or_entry_is_left_out(tmp_path: Path):
    path = tmp_path / "manifest.json"
    path.write_text("{nope", encoding="utf-8")
    assert Manifest.read(path).offices == {}
    broken = {"version": 2, "offices": {"A": {"rows": "many"}, "B": {"valid": True}}}
    path.write_text(json.dumps(broken), encoding="utf-8")
    assert list(Manifest.read(path).offices) == ["B"]


def test_change_detection_compares_the_stamp_last_seen():
    entry = ManifestEntry(seen_stamp="10:20")
    assert entry.unchanged_since("10:20")
    assert not entry.unchanged_since("10:21") and not entry.unchanged_since(None)
    assert not ManifestEntry().unchanged_since("10:20")


def test_the_report_document_round_trips_and_reads_reports_of_earlier_versions(tmp_path: Path):
    report = Report([Finding.of("wajib_diisi", office="DINKES", tab="Capaian", row=3, column="C",
                                header="target"),
                     Finding.of("url_tidak_aman", office="", tab="Kantor", row=2, column="F",
                                value="http://x.example")])
    path = tmp_path / "temuan.json"
    path.write_text(report.to_json(), encoding="utf-8")
    doc = ReportDocument.read(path)
    assert (doc.errors, doc.warnings) == (1, 1)
    assert doc.findings == report.findings
    assert json.loads(path.read_text(encoding="utf-8"))["findings"][0]["cell"] == "C3"

    path.write_text(json.dumps({"errors": 1, "warnings": 0, "findings": [RECORD]}), "utf-8")
    (old,) = ReportDocument.read(path).findings
    assert (old.code, old.cell, old.severity, old.title) == (
        "angka_tidak_valid", "D7", Severity.ERROR, "Bukan angka")
    assert old.message == "'abc' bukan angka."  # as written then, not rendered again


def test_an_office_findings_file_round_trips():
    findings = [Finding(**{k: v for k, v in RECORD.items() if k not in ("cell", "title")})]
    assert findings_from_json(findings_to_json(findings)) == findings
    assert findings_from_json(json.dumps([RECORD])) == findings
    with pytest.raises(ValueError):
        findings_from_json('[{"office": "DINKES"}]')


def test_an_empty_object_is_not_a_report(tmp_path: Path):
    path = tmp_path / "temuan.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError):
        ReportDocument.read(path)


def test_findings_name_catalogue_codes_only():
    with pytest.raises(ValueError, match="not in the catalogue"):
        Finding.of("kantor_tanpa_data", office="DINKES")


def test_office_status_is_an_enum_with_the_published_values():
    assert [s.value for s in DataStatus] == ["ok", "stale", "missing"]
    st = OfficeStatus("DINKES", "stale")
    assert st.status is DataStatus.STALE and st.status == "stale"
    assert json.dumps({"status": st.status}) == '{"status": "stale"}'
    with pytest.raises(ValueError):
        OfficeStatus("DINKES", "old")


def test_freshness_json_is_written_and_read_with_one_model():
    written = freshness_document(
        [OfficeFreshness("DINKES", "bulanan", DataStatus.OK, date(2026, 9, 30), date(2026, 11, 10),
                         nama="Dinas Kesehatan"),
         OfficeFreshness("BARU", "triwulanan", DataStatus.MISSING, None, None)],
        datetime(2026, 11, 24, 0, 23, tzinfo=UTC), {"bulanan": Cadence(31, 10)})
    assert written["offices"][0] == {"kode": "DINKES", "nama": "Dinas Kesehatan",
                                     "frekuensi": "bulanan", "status": "ok",
                                     "data_per": "2026-09-30", "expected_by": "2026-11-10"}
    assert written["generated_at"] == "2026-11-24T00:23:00+00:00"
    doc = FreshnessDocument.model_validate_json(json.dumps(written))
    dinkes, baru = doc.offices
    assert dinkes.overdue(date(2026, 11, 11)) and not dinkes.overdue(date(2026, 11, 10))
    assert baru.status is DataStatus.MISSING and not baru.overdue(date(2030, 1, 1))
    assert doc.model_dump(mode="json") == written
    older = {k: v for k, v in written["offices"][0].items() if k != "nama"}  # before names
    assert FreshnessDocument.model_validate({**written, "offices": [older]}).offices[0].nama == ""
