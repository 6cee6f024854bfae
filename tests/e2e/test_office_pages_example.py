"""Issue 15 on the bundled example: the office page a citizen trusts — stable anchors of its
own, the office's own rows to download, a way to act, and a data package that the field's own
validator (frictionless-py) passes."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

pytestmark = pytest.mark.slow


def _page(out: Path, slug: str) -> html.HtmlElement:
    return html.fromstring((out / "kantor" / slug / "index.html").read_bytes())


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_frictionless_validates_every_resource_of_the_data_package(build_example):
    built = build_example("mkdocs")
    assert built.code == 0
    data = built.out / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    run = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json",
                          "datapackage.json"], cwd=data, capture_output=True, text=True,
                         timeout=600, check=False)
    report = json.loads(run.stdout)
    assert report["valid"], [(t["name"], [e["message"] for e in t["errors"]][:2])
                             for t in report["tasks"] if not t["valid"]]
    assert len(report["tasks"]) == len(package["resources"])
    assert {t["name"] for t in report["tasks"]} == {r["name"] for r in package["resources"]}
    assert any(r["format"] == "json" for r in package["resources"])


def test_each_office_page_has_stable_anchors_its_own_rows_and_a_way_to_act(build_example):
    built = build_example("mkdocs")
    out = built.out
    offices = _rows(out / "data" / "status_kantor.csv")
    indikator = _rows(out / "data" / "indikator.csv")
    header = (out / "data" / "kantor.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert {"ikm", "ikm_mutu", "ikm_responden"} <= set(header.split(","))
    period_like = re.compile(r"(19|20)\d\d|triwulan|semester|tw\d|quarter", re.IGNORECASE)
    for office in offices:
        kode = office["kantor_kode"]
        slug = kode.lower()
        page = _page(out, slug)
        ids = [str(i) for i in page.xpath("//article//@id")]
        assert not [i for i in ids if period_like.search(i)], (kode, ids)
        codes = {r["indikator_kode"] for r in indikator if r["kantor_kode"] == kode}
        anchors = {re.sub(r"[^a-z0-9]+", "-", c.lower()).strip("-") for c in codes}
        assert {f"ik-{a}" for a in anchors} <= set(ids), kode
        hrefs = [str(h) for h in page.xpath("//article//a/@href")]
        assert "https://www.lapor.go.id" in hrefs, kode
        own = [h for h in hrefs if f"data/kantor/{slug}/" in h]
        assert any(h.endswith(f"data/kantor/{slug}/indikator.csv") for h in own), kode
        for href in own:
            target = (out / "kantor" / slug / href).resolve()
            rows = _rows(target)
            assert all(r["kantor_kode"] == kode for r in rows), href
        mine = _rows(out / "data" / "kantor" / slug / "indikator.csv")
        assert mine == [r for r in indikator if r["kantor_kode"] == kode]


def test_every_published_capaian_and_period_of_an_office_is_on_its_page(build_example):
    """Each indicator's whole history (in a <details> that opens without JavaScript) and the
    office index of every period kind it has."""
    from decimal import Decimal

    from site_builder.render.formatting import format_number, format_period

    out = build_example("mkdocs").out
    indikator = _rows(out / "data" / "indikator.csv")
    kantor = _rows(out / "data" / "kantor.csv")
    kinds = set()
    for office in _rows(out / "data" / "status_kantor.csv"):
        kode = office["kantor_kode"]
        page = _page(out, kode.lower())
        article = page.xpath("//article")[0]
        text = " ".join(" ".join(article.itertext()).split())
        for r in indikator:
            if r["kantor_kode"] == kode and r["capaian"]:
                assert format_number(Decimal(r["capaian"]), "id") in text, (kode, r)
        histories = article.xpath(".//details[contains(@class,'pk-history')]")
        mine = {r["indikator_kode"] for r in indikator if r["kantor_kode"] == kode}
        assert len([d for d in histories if d.get("id", "").startswith("riwayat-")
                    and d.get("id") != "riwayat-ikm"]) == len(mine), kode
        assert all(d.get("open") is None for d in histories)  # collapsed by default
        for r in kantor:
            if r["kantor_kode"] == kode and r["indeks_kinerja"]:
                assert format_period(r["periode"], "id") in text, (kode, r["periode"])
                kinds.add(re.sub(r"\d", "", r["periode"]))
    assert kinds  # not vacuous: the example's offices have indices


def test_a_low_coverage_office_is_no_mover_and_is_marked(build_example):
    """Issue 15: DLH reported only its 4 better indicators of 7 in the headline quarter; its
    index rose, but "perubahan terbesar" leaves it out, and its page and its row in the office
    list say "cakupan rendah"."""
    out = build_example("mkdocs").out
    headline = next(r["periode"] for r in _rows(out / "data" / "ringkasan.csv")
                    if r["periode_utama"] == "true")
    rows = [r for r in _rows(out / "data" / "kantor.csv") if r["periode"] == headline]
    low = [r for r in rows if r["cakupan_memadai"] == "false" and r["tren"]]
    assert [r["kantor_kode"] for r in low] == ["DLH"]
    home = html.fromstring((out / "index.html").read_bytes())
    movers = home.xpath("//article//ul[contains(@class,'pk-movers')]//a/@href")
    assert movers and "kantor/dlh/" not in movers
    # it would have been a mover by its change: an office with a smaller change is listed
    shown = {r["kantor_kode"].lower(): abs(float(r["tren"])) for r in rows if r["tren"]}
    assert min(shown[h.split("/")[1]] for h in movers) < abs(float(low[0]["tren"]))
    page = _page(out, "dlh")
    kpi = " ".join(page.xpath("//div[@id='ringkasan']")[0].itertext())
    assert "cakupan rendah" in kpi
    dlh_row = home.xpath("//table[contains(@class,'pk-offices')]//tr[.//a[@href='kantor/dlh/']]")
    assert dlh_row and "cakupan rendah" in " ".join(dlh_row[0].itertext())
