"""The site-engine seam: raw HTML in Markdown means the same under both engines, a page's URL,
Zensical's failure report read down to one line, and a clear error when the extra is missing."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from lxml import html

from sheets_sync.errors import BuildError
from site_builder.engines import LanguageBuild, page_url, site_engine, zensical_engine
from site_builder.engines.zensical_links import source_relative
from site_builder.render.site_check import check_site
from tests.fixtures.engines import ZENSICAL_INSTALLED, ZENSICAL_MISSING


@pytest.mark.parametrize(("url", "page", "expected"), [
    ("../grafik/a.svg", "kantor/dinkes.md", "grafik/a.svg"),  # page URL kantor/dinkes/
    ("../../", "kantor/dinkes.md", "../"),
    ("../../data/", "kantor/dinkes.md", "../data/"),
    ("../", "sektor.md", "./"),
    ("./", "sektor.md", "sektor/"),
    ("x/", "sektor.md", "sektor/x/"),
    ("../data/kantor.csv?v=1#kolom", "data.md", "data/kantor.csv?v=1#kolom"),
    ("https://dinkes.contohkab.go.id", "kantor/dinkes.md", "https://dinkes.contohkab.go.id"),
    ("/kantor/", "sektor.md", "/kantor/"),
    ("#angka-utama", "sektor.md", "#angka-utama"),
    ("mailto:humas@contohkab.go.id", "sektor.md", "mailto:humas@contohkab.go.id"),
])
def test_raw_html_urls_written_relative_to_the_markdown_file(url: str, page: str,
                                                             expected: str) -> None:
    assert source_relative(url, page) == expected


@pytest.mark.parametrize(("src", "directory_urls", "expected"), [
    ("index.md", True, ""), ("khusus.md", True, "khusus/"), ("a/index.md", True, "a/"),
    ("a/b.md", True, "a/b/"), ("a/README.md", True, "a/"), ("khusus.md", False, "khusus.html"),
    ("index.md", False, "index.html"),
])
def test_page_url(src: str, directory_urls: bool, expected: str) -> None:
    assert page_url(src, directory_urls) == expected


DOCS = {
    "index.md": '# Beranda\n\n<p><a href="sektor/">s</a> <a href="kantor/a/">a</a></p>\n',
    "sektor.md": ('# Sektor\n\n<div class="x"><a href="../">home</a> '
                  '<img src="../grafik/s.svg" alt="s"></div>\n\n'
                  'Teks <a href="../kantor/a/#kinerja">inline</a>.\n\n'
                  '| a | b |\n|---|---|\n| <a href="../data/t.csv" download>t</a> | 1 |\n\n'
                  '[Markdown](kantor/a.md)\n'),
    "kantor/a.md": ('# A\n\n<figure><img src="../grafik/a.svg" alt="a"></figure>\n\n'
                    '<a href="../../">home</a> <a href="../../sektor/">sektor</a>\n\n'
                    '<a href="#kinerja" id="kinerja">x</a>\n'),
    "grafik/s.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
    "kantor/grafik/a.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
    "data/t.csv": "a\n1\n",
}


def _build(tmp_path: Path, engine: str) -> Path:
    base = {"site_name": "T", "theme": {"name": "material", "font": False},
            "markdown_extensions": ["tables", "attr_list"]}
    base_file = tmp_path / "mkdocs.yml"
    base_file.write_text(yaml.safe_dump(base), encoding="utf-8")
    docs = tmp_path / "docs"
    for name, text in DOCS.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    site_engine(engine).build([LanguageBuild(base_file=base_file, base=base, docs=docs,
                                             site=site, lang="id")])
    return site


def _content_urls(site: Path, page: str) -> list[str]:
    """The article's link and image URLs, resolved against the page as a browser does."""
    article = html.fromstring((site / page).read_bytes()).xpath("//article")[0]
    return [urljoin(f"http://site/{page}", e.get("href") or e.get("src") or "")
            for e in article.iter("a", "img")
            if (e.get("href") or e.get("src")) and "headerlink" not in (e.get("class") or "")]


@pytest.fixture(scope="module")
def small_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small docs folder above, built by each installed engine."""
    engines = ["mkdocs", "zensical"] if ZENSICAL_INSTALLED else ["mkdocs"]
    return {engine: _build(tmp_path_factory.mktemp(engine), engine) for engine in engines}


@pytest.mark.parametrize("page", ["index.html", "sektor/index.html", "kantor/a/index.html"])
def test_raw_html_links_resolve_the_same_under_both_engines(small_sites: dict[str, Path],
                                                            page: str) -> None:
    """Written for MkDocs (relative to the page's URL), raw-HTML links land on the same files
    under Zensical, which reads them relative to the Markdown file."""
    for site in small_sites.values():
        assert check_site(site) == []
    if not ZENSICAL_INSTALLED:
        pytest.skip(ZENSICAL_MISSING)
    urls = {engine: _content_urls(site, page) for engine, site in small_sites.items()}
    assert urls["mkdocs"] == urls["zensical"], urls
    assert urls["mkdocs"]


# Recorded from `python -m zensical build --strict` (Zensical 0.0.73) on a page with a link to
# a missing page: the report goes to stderr, coloured.
RECORDED = (
    "\x1b[33mWarning:\x1b[0m page does not exist\n"
    "   \x1b[38;5;246m╭\x1b[0m\x1b[38;5;246m─\x1b[0m\x1b[38;5;246m[\x1b[0m tentang.md:3:17 "
    "\x1b[38;5;246m]\x1b[0m\n"
    "   \x1b[38;5;246m│\x1b[0m\n"
    " \x1b[38;5;246m3 │\x1b[0m \x1b[38;5;249mL\x1b[0m\x1b[38;5;249mi\x1b[0m\n"
    "\x1b[38;5;246m───╯\x1b[0m\n"
    "1 issues found\n"
    "Traceback (most recent call last):\n"
    "RuntimeError: Aborted because --strict flag is set\n"
)


def test_zensical_failure_reported_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "tentang.md").write_text("# T\n\nLihat [halaman](hilang.md).\n",
                                         encoding="utf-8")
    first = zensical_engine._first_problem(RECORDED, tmp_path)
    assert first == "tentang.md:3:17: page does not exist (hilang.md)"
    assert zensical_engine._first_problem("Error: Docs directory does not exist: /x\n",
                                          tmp_path) == "Docs directory does not exist: /x"


def test_zensical_engine_without_the_extra_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zensical_engine, "zensical_version", lambda: None)
    with pytest.raises(BuildError, match=r"pip install 'portal-kinerja\[zensical\]'"):
        site_engine("zensical")
    with pytest.raises(BuildError, match="unknown site engine"):
        site_engine("hugo")
