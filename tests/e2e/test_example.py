"""The bundled example: `kinerja check` finds exactly the documented deliberate mistakes, and
`kinerja build` builds the portal into a temporary folder although two offices are broken."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.ops import publish_ops
from site_builder.render.site_check import check_site
from tests.fixtures.engines import ENGINES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kabupaten-contoh"


def documented_mistakes() -> list[dict]:
    """Rows of the table 'Kesalahan yang disengaja' in the example's README."""
    rows = []
    for line in (EXAMPLE / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if len(cells) == 9 and cells[0].isdigit():
            no, office, _file, tab, cell, header, _value, code, _note = cells
            rows.append({"office": "" if office.startswith("(") else office, "tab": tab,
                         "cell": None if cell == "-" else cell, "header": header, "code": code})
    return rows


def test_check_lists_each_deliberate_mistake_located(example: Path, capsys):
    expected = documented_mistakes()
    assert len(expected) >= 12
    code = main(["check", "--config", str(example / "portal.yml"), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    found = {(f["office"], f["tab"], f["cell"], f["code"]) for f in out["findings"]}
    cells = {(f["office"], f["tab"], f["cell"]) for f in out["findings"]}
    for m in expected:
        if m["code"] == "-":  # a valid value written the awkward way: no finding there
            assert (m["office"], m["tab"], m["cell"]) not in cells, m
        else:
            assert (m["office"], m["tab"], m["cell"], m["code"]) in found, m
    listed = {(m["office"], m["tab"], m["cell"], m["code"]) for m in expected}
    unexpected = found - listed
    assert not unexpected, f"findings not documented in the example README: {unexpected}"


def test_one_check_reports_every_mistake_of_a_held_back_office(example: Path, capsys):
    """Issue 16: KEC-SUKAMAJU's renamed Pegawai header does not hide its complaint resolved
    before it was received (Pengaduan row 3) nor its Capaian rows of a removed indicator; the
    report says in one sentence that the office is held back, and why."""
    assert main(["check", "--config", str(example / "portal.yml"), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    found = sorted((f["tab"], f["cell"], f["code"]) for f in doc["findings"]
                   if f["office"] == "KEC-SUKAMAJU")
    assert found == [("Capaian", "A44", "indikator_tidak_dikenal"),
                     ("Capaian", "A45", "indikator_tidak_dikenal"),
                     ("Pegawai", "F1", "kolom_hilang"),
                     ("Pengaduan", "E3", "urutan_tanggal")]
    sentence = ("Kantor ini tertahan: belum ada data yang tampil karena tab Pegawai: kolom "
                "'hasil_kerja' tidak ditemukan.")
    assert doc["offices"]["KEC-SUKAMAJU"] == {"kode": "KEC-SUKAMAJU", "tertahan": True,
                                              "kalimat": sentence, "data_per": None}
    assert main(["check", "--config", str(example / "portal.yml")]) == 1
    lines = capsys.readouterr().out.splitlines()
    head = lines.index("== KEC-SUKAMAJU — Kecamatan Sukamaju: 4 kesalahan, 0 peringatan ==")
    assert lines[head + 1] == "  " + sentence


def test_check_text_report_is_grouped_for_hr_staff(example: Path, capsys):
    assert main(["check", "--config", str(example / "portal.yml")]) == 1
    text = capsys.readouterr().out
    assert "== DINKES — Dinas Kesehatan" in text
    assert "Tab Pegawai:" in text and "baris 12, kolom F (hasil_kerja)" in text
    assert "Cara memperbaiki:" in text


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_build_example_into_a_temporary_folder(build_example, engine: str):
    built = build_example(engine)
    out, example, printed = built.out, built.folder, built.printed
    assert built.code == 0
    assert str(out.resolve()) in printed
    assert (out / "index.html").is_file()
    for name in ("kantor", "indikator", "skm", "pengaduan", "pegawai_distribusi"):
        assert (out / "data" / f"{name}.csv").is_file()
    # the report is private: outside the site, inside the state folder
    assert (example / "state" / "laporan" / "temuan.txt").is_file()
    assert not list(out.rglob("temuan*"))
    # the two structurally broken offices (DINSOS, KEC-SUKAMAJU) have no data yet; the others
    # are published
    kantor = (out / "data" / "kantor.csv").read_text(encoding="utf-8")
    for office in ("DINKES", "DISDIKBUD", "DISDUKCAPIL", "DPMPTSP", "DPUPR", "DLH"):
        assert f"\n{office}," in kantor
    # both languages, a page for every office of the registry in each, and the site checks
    # (the build's own and the deployment's) pass
    offices = [o["kode"] for o in
               json.loads((out / "freshness.json").read_text(encoding="utf-8"))["offices"]]
    assert len(offices) == 8  # kantor.xlsx, the broken ones included
    for office in offices:
        slug = office.lower()
        assert (out / "kantor" / slug / "index.html").is_file(), office
        assert (out / "en" / "kantor" / slug / "index.html").is_file(), office
    assert check_site(out) == []
    assert publish_ops.check_site(out) == []


_NUMBER = re.compile(r"(?<![\w/.,\-])[−+\-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?(?![\w/]|,\d|\.\d)")


def _published_numbers(data: Path) -> set[str]:
    """Every number cell of the open-data CSVs, as machine text without sign ("87.50")."""
    import csv

    found: set[str] = set()
    for path in data.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                found.update(_same(c) for c in row if re.fullmatch(r"-?\d+(\.\d+)?", c))
    return found


def _same(number: str) -> str:
    """A number without sign and trailing zeros ("-4.50" and "4,5" on a page are the same)."""
    from decimal import Decimal

    return format(abs(Decimal(number)).normalize(), "f")


def _sheet_texts(data: Path) -> list[str]:
    """The free texts of the open data (names, units, explanations): numbers inside them are
    words of the sheet ("per 100.000 kelahiran hidup"), not figures."""
    import csv

    texts: set[str] = set()
    for path in data.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for key in ("kantor_nama", "indikator_nama", "satuan", "penjelasan",
                            "unit_layanan", "sektor"):
                    if row.get(key) and re.search(r"\d", row[key]):
                        texts.add(" ".join(row[key].split()))
    return sorted(texts, key=len, reverse=True)


def _page_numbers(page: Path, sheet_texts: list[str]) -> list[str]:
    """The numbers a reader sees in the page's article (Indonesian style, e.g. 1.234,50),
    except shares written "60,0 %" (a ratio of two published counts of the same row, as
    PRODUCT.md §7 allows), years, and numbers inside sheet text."""
    from lxml import html

    article = html.parse(str(page)).getroot().find(".//article")
    for el in article.xpath(".//td[contains(@class,'pk-text')]|.//figcaption|.//code"
                            "|.//*[contains(@class,'pk-asof')]|.//*[contains(@class,'pk-meta')]"):
        el.drop_tree()
    text = " ".join(" ".join(article.itertext()).split())
    for sheet_text in sheet_texts:
        text = text.replace(sheet_text, " ")
    text = re.sub(r"\d+(,\d+)?\s?%", " ", text)  # shares
    text = re.sub(r"\b\d{1,2}[:.]\d{2} (WIB|WITA|WIT|UTC)\b", " ", text)  # the build time
    numbers = []
    for m in _NUMBER.finditer(text):
        token = m.group(0).lstrip("−+-")
        machine = token.replace(".", "").replace(",", ".")
        if re.fullmatch(r"(19|20)\d\d", machine):
            continue  # a year (of a period or a date)
        numbers.append(_same(machine))
    return numbers


@pytest.mark.slow
def test_every_figure_on_the_main_pages_is_in_the_open_data(example: Path, tmp_path: Path):
    """Issue 11: render computes no published figure — every number on the home, sector and
    office pages is a cell of the downloads (or a count/rule figure listed here)."""
    out = tmp_path / "situs"
    assert main(["build", "--config", str(example / "portal.yml"), "--out", str(out)]) == 0
    published = _published_numbers(out / "data")
    sheet_texts = _sheet_texts(out / "data")
    pages = [out / "index.html", out / "sektor" / "index.html",
             *sorted((out / "kantor").glob("*/index.html"))]
    assert len(pages) == 10
    missing = {}
    for page in pages:
        unknown = [n for n in _page_numbers(page, sheet_texts) if n not in published]
        if unknown:
            missing[page.relative_to(out).as_posix()] = sorted(set(unknown))
    assert not missing, missing
