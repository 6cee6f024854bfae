"""Privacy and injection through the whole `kinerja build`: personal data never reaches the site,
the open data or the logs; hostile sheet text is escaped on pages and neutralised in files."""
from __future__ import annotations

import csv
import json
import re
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from site_builder.cli import main
from tests.e2e.conftest import write_xlsx

pytestmark = pytest.mark.slow

RATINGS = ["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]
NAMES = [f"Zulkarnaen Rahasiawati{i:02d}" for i in range(14)]
NIPS = [f"19{80 + i % 10}0{1 + i % 9}1{i % 9 + 1}20{10 + i % 9}0{1 + i % 9}{1 + i % 2}{i + 1:03d}"
        for i in range(14)]
SARAN = "SARAN-RAHASIA-warga-08123456789"
HOSTILE_NAME = "<script>alert('x')</script> Cakupan | imunisasi"
HOSTILE_NOTE = ("=HYPERLINK(\"https://evil.example\",\"klik\") [tautan](javascript:alert(1)) "
                "<img src=x onerror=alert(1)>")
HOSTILE_UNIT = "Loket | <b>Utama</b> [x](javascript:alert(2))"


def office_tabs(small: bool) -> dict:
    n = 6 if small else 14
    pegawai = [["nip", "nama", "jabatan", "unit_kerja", "periode", "hasil_kerja", "perilaku_kerja"]]
    for i in range(n):
        pegawai.append([NIPS[i], NAMES[i], "Staf", "Bidang Rahasia", "2025",
                        RATINGS[0] if i == 0 else RATINGS[1], RATINGS[1] if i % 5 else RATINGS[0]])
    skm = [["Timestamp", "unit_layanan", "periode", *[f"u{i}" for i in range(1, 10)],
            "Usia", "Pendidikan", "Saran"]]
    for i in range(12):
        skm.append(["2025-03-01", HOSTILE_UNIT, "2025-TW1", *[3 + (i + k) % 2 for k in range(9)],
                    37, "S1", SARAN])
    pengaduan = [["nomor", "kategori", "tanggal_masuk", "tanggal_tanggapan", "tanggal_selesai",
                  "isi_laporan", "nama_pelapor"]]
    start = date(2025, 2, 3)
    for i in range(6):
        pengaduan.append([f"LPR-{i}", "pengaduan", start + timedelta(days=i),
                          start + timedelta(days=i + 1),
                          None if i == 5 else start + timedelta(days=i + 7),
                          "ISI-LAPORAN-RAHASIA", "Pelapor Rahasiawan"])
    return {
        "Indikator": [["kode", "nama_indikator", "jenis", "satuan", "arah", "bobot", "sasaran"],
                      ["IKU-01", HOSTILE_NAME, "IKU", "%", "naik", 1, "| kolom | palsu |"],
                      ["LAY-01", "Lama tunggu", "Layanan", "hari", "turun", 1, None]],
        "Capaian": [["kode", "periode", "target", "realisasi", "penjelasan"],
                    ["IKU-01", "2025-TW1", 90, "87,5", HOSTILE_NOTE],
                    ["LAY-01", "2025-TW1", 5, 4, "+cmd|' /C calc'!A0"]],
        "Pegawai": pegawai,
        "Organisasi": [["periode", "predikat_organisasi"], ["2025", "Baik"]],
        "SKM": skm,
        "Pengaduan": pengaduan,
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("privasi")
    data = root / "data"
    data.mkdir()
    write_xlsx(data / "kantor.xlsx", {"Kantor": [
        ["kode", "nama", "sektor", "sumber", "frekuensi", "situs"],
        ["BESAR", "Dinas <i>Besar</i>", "Kesehatan", "besar.xlsx", "triwulanan",
         "javascript:alert(3)"],
        ["KECIL", "Dinas Kecil", "Sosial", "kecil.xlsx", "triwulanan", "https://kecil.example.go.id"],
    ]})
    write_xlsx(data / "besar.xlsx", office_tabs(small=False))
    write_xlsx(data / "kecil.xlsx", office_tabs(small=True))
    (root / "portal.yml").write_text("title: Uji Privasi\nsource: {kind: workbook, path: data}\n")
    return root


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_build_never_publishes_personal_data(built: Path, capsys):
    code, log = _run(capsys, "build", "--config", str(built / "portal.yml"),
                     "--out", str(built / "site"))
    assert code == 0, log
    site = built / "site"
    assert (site / "index.html").is_file()
    secrets = [*NAMES, *NIPS, SARAN, "ISI-LAPORAN-RAHASIA", "Pelapor Rahasiawan", "08123456789"]
    # also the NIP with the spaces people type
    secrets += [f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" for n in NIPS]
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".csv", ".js", ".svg", ".md",
                                               ".txt", ".xml"}:
            text = path.read_text(encoding="utf-8", errors="ignore")
            for s in secrets:
                assert s not in text, f"{s!r} leaked into {path.relative_to(site)}"
        if path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path)
            for ws in wb:
                for row in ws.iter_rows(values_only=True):
                    for v in row:
                        assert str(v) not in secrets, f"{v!r} leaked into {path.name}"
    for s in secrets:
        assert s not in log
    # the individual ratings of a small group are not published: KECIL has 6 employees
    rows = list(csv.DictReader((site / "data" / "pegawai_distribusi.csv").open(encoding="utf-8")))
    kecil = [r for r in rows if r["kantor_kode"] == "KECIL"]
    for r in kecil:
        assert all(r[k] == "" for k in ("sangat_baik", "baik", "butuh_perbaikan", "kurang",
                                        "sangat_kurang"))
    besar = [r for r in rows if r["kantor_kode"] == "BESAR"]
    for r in besar:  # 14 employees: no published non-zero count below 5
        for k in ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"):
            assert r[k] == "" or r[k] == "0" or int(r[k]) >= 5


def test_check_output_never_shows_personal_data(built: Path, capsys):
    # put a bad NIP in: the finding must locate it without printing it
    wb = openpyxl.load_workbook(built / "data" / "besar.xlsx")
    wb["Pegawai"]["A3"] = "3201234567890001"
    wb.save(built / "data" / "besar-bad.xlsx")
    cfg = built / "portal-bad.yml"
    (built / "data-bad").mkdir(exist_ok=True)
    import shutil

    shutil.copy(built / "data" / "besar-bad.xlsx", built / "data-bad" / "besar.xlsx")
    shutil.copy(built / "data" / "kecil.xlsx", built / "data-bad" / "kecil.xlsx")
    shutil.copy(built / "data" / "kantor.xlsx", built / "data-bad" / "kantor.xlsx")
    cfg.write_text("title: Uji\nsource: {kind: workbook, path: data-bad}\nstate_dir: state-bad\n")
    for fmt in ("text", "json"):
        code, out = _run(capsys, "check", "--config", str(cfg), "--format", fmt)
        assert code == 1
        assert "3201234567890001" not in out
        for s in NAMES + NIPS:
            assert s not in out
    assert "Pegawai" in out and '"row": 3' in out and '"column": "A"' in out


def test_check_never_echoes_a_pegawai_cell_typed_in_the_wrong_column(built: Path, capsys):
    # issue 13: a NIP typed into `periode`, a name into `hasil_kerja`: the output and the
    # private report (a CI log) locate both cells and quote neither
    import shutil

    wb = openpyxl.load_workbook(built / "data" / "besar.xlsx")
    wb["Pegawai"]["E4"] = NIPS[3]
    wb["Pegawai"]["F5"] = NAMES[4]
    folder = built / "data-salah"
    folder.mkdir(exist_ok=True)
    wb.save(folder / "besar.xlsx")
    shutil.copy(built / "data" / "kecil.xlsx", folder / "kecil.xlsx")
    shutil.copy(built / "data" / "kantor.xlsx", folder / "kantor.xlsx")
    cfg = built / "portal-salah.yml"
    cfg.write_text("title: Uji\nsource: {kind: workbook, path: data-salah}\n"
                   "state_dir: state-salah\n")
    outputs = []
    for fmt in ("text", "json"):
        code, out = _run(capsys, "check", "--config", str(cfg), "--format", fmt)
        assert code == 1
        outputs.append(out)
    report = json.loads(outputs[1])
    cells = {(f["row"], f["column"]) for f in report["findings"] if f["tab"] == "Pegawai"}
    assert {(4, "E"), (5, "F")} <= cells
    laporan = [p.read_text(encoding="utf-8") for p in (built / "state-salah").rglob("*")
               if p.is_file() and p.suffix in {".txt", ".json"}]
    for text in [*outputs, *laporan]:
        for s in (NIPS[3], NAMES[4], NAMES[4].split()[1]):
            assert s not in text


def test_hostile_text_is_escaped_on_pages_and_neutralised_in_files(built: Path):
    site = built / "site"
    pages = [p for p in site.rglob("*.html")]
    assert pages
    for p in pages:
        html = p.read_text(encoding="utf-8")
        assert "<script>alert(" not in html, p
        assert not re.search(r"<img[^>]+onerror", html), p
        assert not re.search(r"href=[\"']?\s*javascript:", html, re.I), p
        assert "<i>Besar</i>" not in html and "<b>Utama</b>" not in html, p
    office_pages = [p for p in pages if "BESAR" in (text := p.read_text(encoding="utf-8"))
                    and "IKU-01" in text]
    assert office_pages, "the office page shows the hostile indicator as text"
    assert any("&lt;script&gt;" in p.read_text(encoding="utf-8") for p in office_pages)
    rows = list(csv.DictReader((site / "data" / "indikator.csv").open(encoding="utf-8")))
    notes = {r["indikator_kode"]: r["penjelasan"] for r in rows if r["kantor_kode"] == "BESAR"}
    assert notes["IKU-01"].startswith("'=HYPERLINK")
    assert notes["LAY-01"].startswith("'+cmd")
    wb = openpyxl.load_workbook(next((site / "data").glob("*.xlsx")))
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    data = json.loads((site / "data" / "kantor.json").read_text(encoding="utf-8"))
    assert {d["kantor_kode"] for d in data} >= {"BESAR", "KECIL"}
