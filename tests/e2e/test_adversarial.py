"""The adversarial build of issue 12: the bundled example plus one office whose target has 30
digits and one whose workbook holds formulas without their saved result (written by a script).
`kinerja build` exits 0 with the other offices published; `kinerja check` exits 1 with the
findings located at their cells. Before issue 12 the 30-digit target crashed compute (every
build, and `check` with exit 1 and a traceback), and the formulas were read as "not reported"."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from site_builder.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kabupaten-contoh"
BASE = "DPUPR.xlsx"  # an office of the example without mistakes of its own
ANGKA, RUMUS = "ADV-ANGKA", "ADV-RUMUS"


def adversarial_example(folder: Path) -> Path:
    """The example with the two adversarial offices added to its registry."""
    shutil.copytree(EXAMPLE, folder)
    with open(folder / "portal.yml", "a", encoding="utf-8") as fh:
        fh.write("\nstate_dir: state\n")
    wb = openpyxl.load_workbook(folder / BASE)
    wb["Capaian"]["C2"] = 10 ** 30  # a 30-digit target (stored as the number 1E+30)
    wb.save(folder / f"{ANGKA}.xlsx")
    wb = openpyxl.load_workbook(folder / BASE)
    wb["Capaian"]["C3"] = "=C2"  # openpyxl saves formulas without their result
    wb["Capaian"]["D3"] = "=C3*0.9"
    wb.save(folder / f"{RUMUS}.xlsx")
    registry = openpyxl.load_workbook(folder / "kantor.xlsx")
    ws = registry["Kantor"]
    for kode in (ANGKA, RUMUS):
        ws.append([kode, f"Kantor Uji {kode}", "Kewilayahan", f"{kode}.xlsx", "triwulanan", None])
    registry.save(folder / "kantor.xlsx")
    return folder


@pytest.mark.slow
def test_adversarial_build_publishes_the_others_and_check_locates_the_findings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    portal = adversarial_example(tmp_path / "contoh")
    config = str(portal / "portal.yml")
    out = tmp_path / "situs"

    assert main(["build", "--config", config, "--out", str(out)]) == 0
    capsys.readouterr()
    with open(out / "data" / "kantor.csv", encoding="utf-8") as fh:
        published = {row["kantor_kode"]: row["status_data"] for row in csv.DictReader(fh)}
    for kode in ("DINKES", "DISDIKBUD", "DISDUKCAPIL", "DPMPTSP", "DPUPR", "DLH", ANGKA, RUMUS):
        assert published.get(kode) == "ok", (kode, published.get(kode))
    with open(out / "data" / "indikator.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kantor_kode"] in (ANGKA, RUMUS)]
    assert rows and all(len(r["target"].split(".")[0]) < 16 for r in rows if r["target"])

    assert main(["check", "--config", config, "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    located = {(f["office"], f["tab"], f["cell"], f["code"]) for f in findings
               if f["office"] in (ANGKA, RUMUS)}
    assert located == {(ANGKA, "Capaian", "C2", "angka_terlalu_besar"),
                       (RUMUS, "Capaian", "C3", "rumus_tanpa_nilai"),
                       (RUMUS, "Capaian", "D3", "rumus_tanpa_nilai")}
