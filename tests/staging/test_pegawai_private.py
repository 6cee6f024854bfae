"""The Pegawai tab is private as a whole (PRODUCT.md §8, issue 13): a finding on it names the
row, the column letter and the contract header, never a value typed in it — in any column, for
any kind of problem, in the findings, the text report and the JSON report."""
from __future__ import annotations

import copy
import json

import pytest

from sheets_sync.sources.base import OfficeRef, RawWorkbook
from sheets_sync.validate import validate_office
from tests.staging.test_validate import TODAY, VALID

OFFICE = OfficeRef("DINKES", "Dinas Kesehatan", "dinkes.xlsx")
NIP = "198609262015051001"
NAME = "Zulkarnaen Rahasiawati"
HEADER = VALID["Pegawai"][0]


def _findings(pegawai: list[list[object]]):
    tabs = copy.deepcopy(VALID)
    tabs["Pegawai"] = pegawai
    _, findings = validate_office(RawWorkbook(tabs=tabs, source_id="x.xlsx"), OFFICE, today=TODAY)
    return [f for f in findings if f.tab == "Pegawai"]


def _assert_hidden(findings, *secrets: str) -> None:
    assert findings, "the typed value must still be reported (by row and column)"
    for f in findings:
        blob = json.dumps(f.to_dict(), ensure_ascii=False)
        for s in secrets:
            assert s not in blob, (f.code, blob)
        assert f.row is not None and f.column is not None


@pytest.mark.parametrize("column", [c for c in HEADER if c != "jabatan"])
@pytest.mark.parametrize("secret", [NIP, NAME, f"{NIP[:8]} {NIP[8:14]} {NIP[14]} {NIP[15:]}"])
def test_a_nip_or_name_typed_in_any_column_is_located_not_echoed(column: str, secret: str):
    row = ["199001012019032002", "Budi", "Perawat", "Bidang P2P", "2025",
           "Di Atas Ekspektasi", "Sesuai Ekspektasi"]
    row[HEADER.index(column)] = secret
    findings = _findings([HEADER, row])
    if column in ("nama", "unit_kerja") or (column == "nip" and secret != NAME):
        # free text, or a valid NIP where it belongs: nothing to report
        assert findings == [] or all(secret not in json.dumps(f.to_dict()) for f in findings)
        return
    _assert_hidden(findings, secret, secret.split()[0])
    assert any(f.row == 2 and f.column == "ABCDEFG"[HEADER.index(column)] for f in findings)


def test_the_enum_hint_names_the_valid_choice_not_the_typed_value():
    row = ["199001012019032002", "Budi", "Perawat", "Bidang P2P", "2025",
           "Sesuai Ekspektasx Rahasiawati", "Sesuai Ekspektasi"]
    findings = _findings([HEADER, row])
    _assert_hidden(findings, "Rahasiawati", "Ekspektasx")


def test_duplicates_and_doubtful_nips_show_no_value_nor_what_it_encodes():
    dup = ["198609262015051001", NAME, "Staf", "Bidang P2P", "2025", "Di Atas Ekspektasi",
           "Sesuai Ekspektasi"]
    old = ["198609261990051001", "Tua", "Staf", "Bidang P2P", "2025", "Di Atas Ekspektasi",
           "Sesuai Ekspektasi"]  # appointed at 4 years old: nip_meragukan
    findings = _findings([HEADER, dup, list(dup), old])
    codes = {f.code for f in findings}
    assert {"duplikat", "nip_meragukan"} <= codes
    _assert_hidden(findings, NIP, NAME, "198609261990051001", "4 tahun", "1986")


def test_a_header_row_holding_data_is_not_echoed_as_the_closest_header():
    # the header row was deleted: row 1 now holds an employee
    row = [NIP, NAME, "Staf", "Bidang P2P", "2025", "Di Atas Ekspektasi", "Sesuai Ekspektasi"]
    findings = _findings([row, row])
    assert any(f.code == "kolom_hilang" for f in findings)
    for f in findings:
        blob = json.dumps(f.to_dict(), ensure_ascii=False)
        assert NIP not in blob and NAME not in blob and "Bidang P2P" not in blob


def test_other_tabs_still_show_the_value():
    tabs = copy.deepcopy(VALID)
    tabs["Capaian"][1][2] = "sembilan puluh"
    _, findings = validate_office(RawWorkbook(tabs=tabs, source_id="x.xlsx"), OFFICE, today=TODAY)
    assert any(f.value == "sembilan puluh" for f in findings)
