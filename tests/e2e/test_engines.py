"""The bundled example built by `kinerja build` with each site engine publishes the same site:
the same pages in both languages, the same content, links, navigation, language switch and
page titles on each, the same pages in the search index, the same charts and open data. What
may differ is the engine's own (theme assets, where the search index lives)."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import html

from tests.e2e.conftest import ExampleBuild
from tests.fixtures.engines import ZENSICAL_INSTALLED, ZENSICAL_MISSING, search_index

pytestmark = pytest.mark.slow
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")  # the build time shown on pages (two builds)


def _page(site: Path, page: str) -> dict[str, object]:
    """What a reader gets from one page, engine-independent: language, title, the article's
    text and link targets, the navigation tabs and the language switch (URLs resolved, as a
    browser does: `./..` and `..` are the same link, and so are `` and `./` on a home page)."""
    tree = html.fromstring((site / page).read_bytes())

    def url(href: str | None) -> str:
        resolved = urljoin(f"http://site/{page}", href or "")
        return resolved.removesuffix("index.html") if "#" not in resolved else resolved

    article = (tree.xpath("//article") or [tree])[0]
    return {
        "lang": tree.get("lang"),
        "title": tree.findtext(".//title"),
        "text": _CLOCK.sub("HH:MM", " ".join(article.text_content().split())),
        "links": sorted((str(e.tag), k, url(v)) for e in article.iter()
                        if isinstance(e.tag, str) for k, v in e.attrib.items()
                        if k in ("href", "src")),
        "tabs": [(" ".join(a.text_content().split()), url(a.get("href")))
                 for a in tree.xpath('//nav[contains(@class, "md-tabs")]//a')],
        "switch": sorted((a.get("hreflang"), url(a.get("href")))
                         for a in tree.xpath('//a[contains(@class, "md-select__link")]')),
        "alternates": sorted((x.get("hreflang"), url(x.get("href")))
                             for x in tree.xpath('//link[@rel="alternate"]')),
    }


def _files(site: Path, pattern: str) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob(pattern)}


@pytest.fixture(scope="module")
def both(build_example: Callable[[str], ExampleBuild]) -> tuple[ExampleBuild, ExampleBuild]:
    if not ZENSICAL_INSTALLED:
        pytest.skip(ZENSICAL_MISSING)
    return build_example("mkdocs"), build_example("zensical")


def test_the_same_pages_with_the_same_content(both: tuple[ExampleBuild, ExampleBuild]) -> None:
    mk, zs = (b.out for b in both)
    pages = _files(mk, "*.html")
    assert pages == _files(zs, "*.html")
    assert {"index.html", "en/index.html", "kantor/dinkes/index.html",
            "en/kantor/dinkes/index.html", "404.html"} <= pages
    for page in sorted(pages - {"404.html", "en/404.html"}):
        assert _page(mk, page) == _page(zs, page), page


def test_the_same_charts_open_data_and_search_entries(
        both: tuple[ExampleBuild, ExampleBuild]) -> None:
    mk, zs = (b.out for b in both)
    assert _files(mk, "data/*") == _files(zs, "data/*") != set()
    svgs = _files(mk, "*.svg") - _files(mk, "assets/**/*.svg")
    assert svgs and svgs == _files(zs, "*.svg") - _files(zs, "assets/**/*.svg")
    for svg in svgs:
        assert (mk / svg).read_bytes() == (zs / svg).read_bytes(), svg
    for lang in ("", "en"):
        pages = [{e["location"].split("#")[0] for e in search_index(site / lang, engine)[1]}
                 for site, engine in ((mk, "mkdocs"), (zs, "zensical"))]
        assert pages[0] == pages[1] and "" in pages[0]
        # office pages are found by their compact search documents (issue 14), in both indexes
        assert {p for p in pages[0] if p.startswith("kantor/")} == {
            f"kantor/{kode.lower()}/" for kode in ("DINKES", "DINSOS", "DISDIKBUD", "DISDUKCAPIL",
                                                   "DLH", "DPMPTSP", "DPUPR", "KEC-SUKAMAJU")}
