"""`kinerja tindak-lanjut` on the bundled example (issue 17): one private workbook per office
with valid Pegawai data (not KEC-SUKAMAJU, whose renamed Pegawai header, planted for issue 16,
makes the tab unreadable); DINKES's Pengembangan and Penghargaan lists are the ones worked out by
hand from DINKES.xlsx (2024 and 2025 rows, the matrix of domain-rules.md §1.4, the defaults of
rules/tindak_lanjut.yml: development = Butuh Perbaikan, Kurang/Misconduct or Sangat Kurang in
2025; recognition = Sangat Baik in 2025, longest run first; then unit, position, name)."""
from __future__ import annotations

import stat
from pathlib import Path

import openpyxl
import pytest

from site_builder.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kabupaten-contoh"
OFFICES = ["DINKES", "DISDIKBUD", "DISDUKCAPIL", "DPMPTSP", "DINSOS", "DPUPR", "DLH"]
"""The offices given a follow-up: every office but KEC-SUKAMAJU (its Pegawai tab is unreadable)."""

# (NIP, name, predikat 2025, periods running below expectation), derived by hand
DINKES_PENGEMBANGAN = [
    ("198401212018012001", "Wati Anggraini, S.H.", "Sangat Kurang", 2),
    ("198907192013061001", "Wahyu Harahap, A.Md.", "Butuh Perbaikan", 2),
    ("198908312011121001", "Ujang Hidayat", "Kurang/Misconduct", 2),
    ("198802252016042001", "Indah Hakim", "Butuh Perbaikan", 1),
    ("198809012008072001", "Retno Kusuma, S.AP.", "Butuh Perbaikan", 1),
    ("196902012000122001", "Ratna Hidayat, S.Sos.", "Butuh Perbaikan", 1),
    ("198807272009012001", "Dewi Kusuma", "Butuh Perbaikan", 2),
    ("199811172025121001", "Ujang Sulistyo, S.H.", "Butuh Perbaikan", 1),
    ("200102222024062001", "Kartika Wahyuni, S.T.", "Butuh Perbaikan", 1),
    ("200702032025071001", "Muhammad Siregar", "Kurang/Misconduct", 1),
    ("198206032015091001", "Heri Nasution", "Kurang/Misconduct", 2),
    ("198203222017032001", "Rahmawati Wijaya, S.Kep., Ns.", "Butuh Perbaikan", 1),
    ("198107212009101001", "Ujang, S.H.", "Butuh Perbaikan", 1),
]
# (rank, NIP, name, periods running with Sangat Baik)
DINKES_PENGHARGAAN = [
    (1, "199702262016032001", "Yuni Hakim, S.Kom.", 2),
    (2, "199901102022092001", "Mega Purnomo, S.E.", 2),
    (3, "199809192020091001", "Hasan Pratama", 2),
    (4, "199305282022072001", "Siti Hidayat", 1),
    (5, "198710252009081001", "Eko Gunawan, S.H.", 1),
    (6, "199608172020122001", "Retno Firmansyah, S.T.", 1),
    (7, "196602282001011001", "Ahmad Lestari, S.H.", 1),
]


def rows(path: Path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def table(sheet_rows: list[tuple], first_header: tuple) -> list[tuple]:
    """The data rows under the header row that starts with `first_header`, up to a blank row."""
    start = next(i for i, r in enumerate(sheet_rows) if r[:len(first_header)] == first_header)
    out = []
    for r in sheet_rows[start + 1:]:
        if all(v is None for v in r):
            break
        out.append(r)
    return out


def run(capsys: pytest.CaptureFixture[str], example: Path, out: Path) -> str:
    assert main(["tindak-lanjut", "--config", str(example / "portal.yml"), "--out",
                 str(out)]) == 0
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_a_private_workbook_per_office_and_only_paths_and_counts_printed(
        example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tindak-lanjut"
    printed = run(capsys, example, out)
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(f"tindak-lanjut-{k}.xlsx" for k in OFFICES)
    for path in out.iterdir():  # readable by the owner alone
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert str(out.resolve()) in printed and "7 dari 8 kantor" in printed
    assert "KEC-SUKAMAJU: tidak ditulis (tidak ada data Pegawai yang valid)" in printed
    assert ("DINKES: tindak-lanjut-DINKES.xlsx (periode 2025; 57 pegawai, 13 pengembangan, "
            "7 penghargaan, 2 temuan)") in printed
    book = openpyxl.load_workbook(out / "tindak-lanjut-DINKES.xlsx")
    assert book.sheetnames == ["Ringkasan", "Pegawai", "Pengembangan", "Penghargaan", "Temuan"]


def test_dinkes_lists_match_the_hand_derived_lists(example: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tl"
    run(capsys, example, out)
    path = out / "tindak-lanjut-DINKES.xlsx"
    dev = table(rows(path, "Pengembangan"), ("Unit kerja", "Jabatan", "NIP"))
    assert [(r[2], r[3], r[4], r[8]) for r in dev] == DINKES_PENGEMBANGAN
    assert [r[9] for r in dev] == ["2024" if r[3] == 2 else "2025" for r in DINKES_PENGEMBANGAN]
    rec = table(rows(path, "Penghargaan"), ("Urutan", "NIP"))
    assert [(r[0], r[1], r[2], r[6]) for r in rec] == DINKES_PENGHARGAAN
    assert {r[5] for r in rec} == {"Sangat Baik"}


def test_dinkes_pegawai_lists_every_employee_of_2025_with_predikat_and_follow_up(
        example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tl"
    run(capsys, example, out)
    source = rows(EXAMPLE / "DINKES.xlsx", "Pegawai")
    ratings = {"Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"}
    expected = {r[0] for r in source[1:] if r[4] == "2025" and {r[5], r[6]} <= ratings}
    assert len(expected) == 57  # 58 rows of 2025; F12 holds a misspelt rating
    listed = table(rows(out / "tindak-lanjut-DINKES.xlsx", "Pegawai"), ("NIP", "Nama"))
    assert {r[0] for r in listed} == expected and len(listed) == 57
    for r in listed:
        assert r[6] in {"Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct",
                        "Sangat Kurang"}
        assert r[10] and r[11]  # the follow-up and its basis
    summary = rows(out / "tindak-lanjut-DINKES.xlsx", "Ringkasan")
    assert ("Periode sebelumnya", "2024") in [r[:2] for r in summary]
    findings = table(rows(out / "tindak-lanjut-DINKES.xlsx", "Temuan"), ("Kode temuan",))
    assert [(r[0], r[2], r[3]) for r in findings] == [
        ("pilihan_tidak_valid", "Pegawai", "F12"), ("di_luar_rentang", "UmpanBalik", "D6")]


def test_no_workbook_for_an_office_without_valid_pegawai_data(
        example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tl"
    run(capsys, example, out)
    assert (out / "tindak-lanjut-DLH.xlsx").is_file()
    wb = openpyxl.load_workbook(example / "DLH.xlsx")
    wb["Pegawai"]["F1"] = "hasil"  # a renamed header: the tab cannot be read
    wb.save(example / "DLH.xlsx")
    printed = run(capsys, example, out)
    assert not (out / "tindak-lanjut-DLH.xlsx").exists()  # the earlier one is gone too
    assert "DLH: tidak ditulis (tidak ada data Pegawai yang valid)" in printed
    assert "6 dari 8 kantor" in printed  # DLH and KEC-SUKAMAJU


@pytest.mark.parametrize("where", ["content", "site"])
def test_out_folder_must_be_private(example: Path, tmp_path: Path, where: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    if where == "content":
        out = ROOT / "content" / "tindak-lanjut"
    else:
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text("<html></html>")
        (site / "freshness.json").write_text("{}")
        out = site / "data" / "tl"
    assert main(["tindak-lanjut", "--config", str(example / "portal.yml"), "--out",
                 str(out)]) == 3
    assert "choose a private folder" in capsys.readouterr().err
    assert not out.exists()
