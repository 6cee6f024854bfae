"""The fixture portal built end to end (strict build, both languages, with each site engine):
pages, links, privacy, freshness, page weight, what-changed memory and the atomic replace."""
from __future__ import annotations

import gzip
import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sheets_sync.errors import BuildError
from site_builder.publish import publish_site
from site_builder.render.site_check import check_site
from tests.fixtures.engines import ENGINES, search_index
from tests.fixtures.marts import make_marts
from tests.site.conftest import HOSTILE_NAME, BuiltSite
from tests.site.fixtures import NOW, make_config

BUDGET = 250 * 1024  # PRODUCT.md §10: any page's first view, gzip


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.lang: str | None = None
        self.scripts_inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and "stylesheet" in a.get("rel", "") and a.get("href"):
            self.urls.append(a["href"])
        if tag == "img" and a.get("src"):
            self.urls.append(a["src"])


def _parse(page: Path) -> _Assets:
    p = _Assets()
    p.feed(page.read_text(encoding="utf-8"))
    return p


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def page_weight(site: Path, page: Path, engine: str = "mkdocs") -> int:
    """gzip bytes of the page, everything it references (CSS, JS, images/charts), and what
    the theme fetches after load (search worker + index of that language, freshness.json)."""
    files = {page}
    for url in _parse(page).urls:
        target = (page.parent / url.split("?")[0].split("#")[0]).resolve()
        assert target.is_file(), f"{page}: missing {url}"
        files.add(target)
    lang_root = site / "en" if page.is_relative_to(site / "en") else site
    files |= set((lang_root / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    files |= {search_index(lang_root, engine)[0], site / "freshness.json"}
    return sum(_gz(f) for f in files)


def test_build_result(built_site: BuiltSite) -> None:
    r = built_site.result
    assert r.languages == ["id", "en"]
    assert r.offices == 4
    assert "kantor.csv" in r.open_data_files and "datapackage.json" in r.open_data_files
    site = built_site.root
    for path in ["index.html", "sektor/index.html", "status/index.html", "data/index.html",
                 "metodologi/index.html", "tentang/index.html", "kantor/dinkes/index.html",
                 "kantor/kec-utara/index.html", "data/kantor.csv", "freshness.json",
                 "en/index.html", "en/kantor/dinkes/index.html", "en/tentang/index.html"]:
        assert (site / path).is_file(), path


def test_internal_links_and_no_foreign_hosts(built_site: BuiltSite) -> None:
    assert check_site(built_site.root) == []


def test_site_check_catches_problems(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="nope/">x</a><script src="https://cdn.example/x.js"></script>'
        '<a href="https://dinkes.contoh.go.id">web</a><a href="javascript:alert(1)">j</a>'
        '<img src="//evil.example/p.png">', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "s.css").write_text("body{background:url(https://fonts.example/x.woff)}")
    problems = check_site(tmp_path)
    assert len(problems) == 5, problems
    assert any("broken link" in p and "nope/" in p for p in problems)


def test_lang_attributes(built_site: BuiltSite) -> None:
    site = built_site.root
    assert _parse(site / "index.html").lang == "id"
    assert _parse(site / "kantor/dinkes/index.html").lang == "id"
    assert _parse(site / "en/index.html").lang == "en"
    assert _parse(site / "en/kantor/dinkes/index.html").lang == "en"


def test_indonesian_and_english_formatting_on_pages(built_site: BuiltSite) -> None:
    id_page = (built_site.root / "kantor/dinkes/index.html").read_text(encoding="utf-8")
    en_page = (built_site.root / "en/kantor/dinkes/index.html").read_text(encoding="utf-8")
    assert "89,25" in id_page and "15 Oktober 2025" in id_page and "Triwulan III 2025" in id_page
    assert "89.25" in en_page and "October 15, 2025" in en_page and "Q3 2025" in en_page
    assert "Capaian rata-rata 95,00%; 2 dari 3 indikator di bawah target" in id_page
    assert "2 of 3 indicators below target" in en_page


def test_office_pages_stay_out_of_nav_and_are_searched_by_compact_documents(
        built_site: BuiltSite) -> None:
    """Office pages are not in the navigation, and not indexed whole: each has a short search
    document (name, code, sector, index) and one per indicator and service unit, pointing at
    their anchors on the page."""
    home = (built_site.root / "index.html").read_text(encoding="utf-8")
    nav = home.split('class="md-tabs', 1)[1].split("</nav>", 1)[0]
    assert "kantor/" not in nav
    for lang_root in (built_site.root, built_site.root / "en"):
        path, entries = search_index(lang_root, built_site.engine)
        location = "location"  # both engines' index entries name their page so
        docs = [d for d in entries if str(d.get(location, "")).startswith("kantor/")]
        pages = [d for d in docs if "#" not in d[location]]
        assert sorted(d[location] for d in pages) == [
            "kantor/dinkes/", "kantor/disdik/", "kantor/kec-utara/", "kantor/rsud/"]
        dinkes = {d[location]: d for d in docs if d[location].startswith("kantor/dinkes/")}
        assert dinkes["kantor/dinkes/"]["title"] == "Dinas Kesehatan"
        assert dinkes["kantor/dinkes/"]["tags"] == ["DINKES"]
        assert "kantor/dinkes/#ik-iku-1" in dinkes and "kantor/dinkes/#unit-loket-terpadu" in dinkes
        assert all(len(d["text"]) < 200 for d in docs)
        page = (lang_root / "kantor/dinkes/index.html").read_text(encoding="utf-8")
        for loc in dinkes:  # every anchor a result points at is on the page
            if "#" in loc:
                assert f'id="{loc.split("#")[1]}"' in page, loc


def test_hostile_office_name_is_text_everywhere(built_site: BuiltSite) -> None:
    site = built_site.root
    for page in [site / "index.html", site / "status/index.html", site / "kantor/disdik/index.html",
                 site / "en/index.html", site / "sektor/index.html"]:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page
        assert "<img src=x" not in text, page
        assert 'href="javascript:' not in text.lower(), page
        assert "&lt;script&gt;alert" in text, page
    disdik = (site / "kantor/disdik/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", disdik, re.S).group(1)  # type: ignore[union-attr]
    assert "<" not in title and "&" not in title and "script alert" in title
    assert "javascript:alert(1)" in disdik  # the rejected website is shown as plain text only
    sektor = (site / "sektor/index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(2)&gt; *x* `y` # z</h2>" in sektor  # heading, as text
    assert "&lt;img src=x onerror=alert(2)&gt;" in sektor.split('data-md-component="toc"')[1]
    search = search_index(site, built_site.engine)[0].read_text(encoding="utf-8")
    assert "<script>" not in search and "<img" not in search
    assert HOSTILE_NAME not in search


def test_status_and_stale_badges(built_site: BuiltSite) -> None:
    site = built_site.root
    rsud = (site / "kantor/rsud/index.html").read_text(encoding="utf-8")
    # issue 15: one status line, one date style; the reason is on the Status page
    line = ("Gagal validasi: pembaruan terakhir kantor ini tidak lolos validasi; yang "
            "ditampilkan data valid terakhir, per 2 Juli 2025.")
    assert line in rsud and rsud.count("2 Juli 2025") == 1
    # bulanan: 2 Jul + 31 + 10 days < 20 Nov
    assert "Pembaruan seharusnya masuk paling lambat" in rsud
    en_rsud = (site / "en/kantor/rsud/index.html").read_text(encoding="utf-8")
    assert "the last valid data is shown, as of July 2, 2025." in en_rsud
    status = (site / "status/index.html").read_text(encoding="utf-8")
    assert "Pembaruan terakhir gagal validasi; data 2 Juli 2025 dipakai." in status
    assert ">Gagal validasi, belum ada data valid<" in status  # KEC-UTARA: 1 error, no data
    assert ">Gagal validasi<" in status and "0 belum pernah melapor" in status


def test_predikat_suppression_is_explained(built_site: BuiltSite) -> None:
    page = (built_site.root / "kantor/dinkes/index.html").read_text(encoding="utf-8")
    assert page.count(">disamarkan<") == 2
    assert "Kelompok di bawah 10 pegawai tidak ditampilkan" in page
    small = (built_site.root / "kantor/disdik/index.html").read_text(encoding="utf-8")
    assert "tidak ditampilkan (kelompok kecil)" in small


def test_freshness_json(built_site: BuiltSite) -> None:
    doc = json.loads((built_site.root / "freshness.json").read_text(encoding="utf-8"))
    assert doc["generated_at"] == "2025-11-20T06:30:00+00:00"
    by = {o["kode"]: o for o in doc["offices"]}
    assert by["DINKES"] == {"kode": "DINKES", "nama": "Dinas Kesehatan",
                            "frekuensi": "triwulanan", "status": "ok",
                            "data_per": "2025-10-15", "expected_by": "2026-01-29"}
    assert by["RSUD"]["expected_by"] == "2025-08-12"
    assert by["KEC-UTARA"]["data_per"] is None
    assert set(doc["cadences"]) == {"bulanan", "triwulanan", "semesteran", "tahunan"}
    text = json.dumps(doc)  # names of offices (for the stale banner), nothing personal
    assert "nip" not in text.lower() and "pegawai" not in text.lower()


def test_no_private_data_in_site(built_site: BuiltSite) -> None:
    for f in built_site.root.rglob("*"):
        if f.suffix in {".html", ".json", ".csv"}:
            text = f.read_text(encoding="utf-8", errors="replace").lower()
            assert "\"nip\"" not in text and ",nip," not in text, f
            assert "dinkes.xlsx" not in text, f"registry `sumber` leaked into {f}"


def test_page_weight_budget(built_site: BuiltSite) -> None:
    site = built_site.root
    weights = {str(p.relative_to(site)): page_weight(site, p, built_site.engine)
               for p in site.rglob("index.html")}
    heaviest = max(weights, key=weights.__getitem__)
    assert weights[heaviest] <= BUDGET, (heaviest, weights[heaviest])
    # the report shows the figures
    print({k: round(v / 1024, 1) for k, v in sorted(weights.items())})


@pytest.mark.parametrize("engine", ENGINES)
def test_office_page_size_does_not_grow_with_office_count(tmp_path: Path, engine: str) -> None:
    """The navigation lists section pages only: adding offices leaves an office page's size."""
    from tests.fixtures.marts import OFFICES

    sizes = []
    for extra in (0, 30):
        out = tmp_path / f"n{extra}"
        config = make_config(out)
        config.site.engine = engine
        marts = make_marts()
        import pandas as pd

        more = pd.DataFrame([{"kantor_kode": f"K{i:03d}", "kantor_nama": f"Kantor {i}",
                              "sektor": "Lain", "frekuensi": "tahunan", "status_data": "missing",
                              "terlambat": True, "temuan_kesalahan": 0, "temuan_peringatan": 0}
                             for i in range(extra)], columns=marts.kantor_profil.columns)
        marts.kantor_profil = pd.concat([marts.kantor_profil, more], ignore_index=True)
        publish_site(marts, config, out / "site", now=NOW)
        sizes.append(len((out / "site/kantor/dinkes/index.html").read_bytes()))
    assert len(OFFICES) == 4
    assert abs(sizes[1] - sizes[0]) < 200, sizes


def test_changes_since_last_build_and_atomic_replace(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    out = tmp_path / "site"
    publish_site(make_marts(), config, out, now=NOW)
    assert "Ini pembangunan pertama" in (out / "index.html").read_text(encoding="utf-8")
    last = json.loads((Path(config.state_dir) / "last_build.json").read_text(encoding="utf-8"))
    assert last["offices"]["DINKES"]["indeks"] == "89.25"

    marts = make_marts()
    k = marts.kantor
    k.loc[(k["kantor_kode"] == "DINKES") & (k["periode"] == "2025-TW3"), "indeks_kinerja"] = \
        __import__("decimal").Decimal("91.00")
    publish_site(marts, config, out, now=NOW + timedelta(days=1))
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Dibandingkan dengan pembangunan 20 November 2025" in home
    assert "indeks 89,25 → 91,00" in home
    en_home = (out / "en/index.html").read_text(encoding="utf-8")
    assert "index 89.25 → 91.00" in en_home

    # a failing build leaves the published site as it was and raises one line
    assert not (Path(config.state_dir) / "grafik-cache").exists()  # charts are not cached
    before = (out / "index.html").read_text(encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "tentang.md").write_text("# Tentang\n\nLihat [halaman](hilang.md).\n",
                                        encoding="utf-8")
    config.site.content_dir = content  # strict: a broken link fails the build
    with pytest.raises(BuildError) as info:
        publish_site(make_marts(), config, out, now=NOW + timedelta(days=2))
    assert "\n" not in str(info.value) and "hilang.md" in str(info.value)
    assert (out / "index.html").read_text(encoding="utf-8") == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


@pytest.mark.parametrize("engine", ENGINES)
def test_page_in_one_language_only_switches_to_the_other_home(tmp_path: Path, engine: str) -> None:
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "tentang.md").write_text("# Tentang\n\nIsi.\n", encoding="utf-8")
    (content / "en" / "tentang.md").write_text("# About\n\nText.\n", encoding="utf-8")
    (content / "khusus.md").write_text("# Khusus\n\nHanya dalam Bahasa Indonesia.\n",
                                       encoding="utf-8")
    config = make_config(tmp_path)
    config.site.engine = engine
    config.site.content_dir = content
    publish_site(make_marts(), config, tmp_path / "site", now=NOW)
    site = tmp_path / "site"
    khusus = (site / "khusus/index.html").read_text(encoding="utf-8")
    assert 'href="../en/" hreflang="en"' in khusus
    tentang = (site / "tentang/index.html").read_text(encoding="utf-8")
    assert 'href="../en/tentang/" hreflang="en"' in tentang
    assert not (site / "en/khusus").exists()
    assert check_site(site) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_broken_link_in_the_english_build_alone_fails_the_build(tmp_path: Path,
                                                                   engine: str) -> None:
    """The English build runs in a second process beside the Indonesian one: its failure
    must still stop the publish, with the engine's reason, and leave no half-built site."""
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "tentang.md").write_text("# Tentang\n\nIsi.\n", encoding="utf-8")
    (content / "en" / "tentang.md").write_text("# About\n\nSee [the page](missing-en.md).\n",
                                               encoding="utf-8")
    config = make_config(tmp_path)
    config.site.engine = engine
    config.site.content_dir = content
    with pytest.raises(BuildError) as info:
        publish_site(make_marts(), config, tmp_path / "site", now=NOW)
    assert "(en)" in str(info.value) and "missing-en.md" in str(info.value)
    assert "\n" not in str(info.value)
    assert not (tmp_path / "site").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


@pytest.mark.parametrize("engine", ENGINES)
def test_indonesian_only_portal_has_no_language_switch(tmp_path: Path, engine: str) -> None:
    config = make_config(tmp_path)
    config.site.engine = engine
    config.languages = ["id"]
    result = publish_site(make_marts(), config, tmp_path / "site", now=NOW)
    assert result.languages == ["id"]
    site = tmp_path / "site"
    assert not (site / "en").exists()
    assert "md-select__link" not in (site / "index.html").read_text(encoding="utf-8")
    assert check_site(site) == []


def test_marts_without_internal_columns_still_render(tmp_path: Path) -> None:
    """Only the open-data columns (no tren, kategori_en, ...): pages show blanks, not errors."""
    from site_builder.marts import OPEN_DATA_COLUMNS

    marts = make_marts()
    for name in ("kantor", "indikator", "skm", "pengaduan", "pegawai_distribusi"):
        setattr(marts, name, getattr(marts, name)[OPEN_DATA_COLUMNS[name]])
    marts.skm_kantor = marts.skm_kantor[OPEN_DATA_COLUMNS["skm"]]
    publish_site(marts, make_config(tmp_path), tmp_path / "site", now=NOW)
    page = (tmp_path / "site/en/kantor/dinkes/index.html").read_text(encoding="utf-8")
    assert "89.25" in page


def test_build_time_and_key_figures_on_the_home_page(built_site: BuiltSite) -> None:
    home = (built_site.root / "index.html").read_text(encoding="utf-8")
    assert "pukul 13:30 WIB" in home  # 06:30 UTC in the portal's time zone, Asia/Jakarta
    # the key figures are the fixture's ringkasan row of the headline period, 2025-TW3
    assert "Triwulan III 2025" in home.split("pk-kpis")[0]
    kpis = home.split('class="pk-kpis"')[1].split("</div>\n</div>")[0]
    assert "87,83" in kpis and "86,30" in kpis and "60,0 %" in kpis
    sektor = (built_site.root / "en/sektor/index.html").read_text(encoding="utf-8")
    assert "89.25" in sektor and "Q3 2025" in sektor
