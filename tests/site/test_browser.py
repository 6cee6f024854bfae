"""The built fixture portal (each site engine's build) in real headless Chromium over
http://127.0.0.1: pages render, nothing is requested from another host, the language switch
works, search finds pages, the stale banner follows the clock, tables sort, axe-core finds no
serious or critical violation; screenshots at phone and desktop width go to tests/artifacts/."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS, BuiltSite
from tests.site.fixtures import NOW

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """A page whose every request is recorded; requests to other hosts are blocked."""

    def __init__(self, browser: object, viewport: str = "desktop", js: bool = True) -> None:
        self.context = browser.new_context(viewport=VIEWPORTS[viewport],  # type: ignore[attr-defined]
                                           java_script_enabled=js)
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))

    def _route(self, route: object, request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        if urlsplit(url).hostname != "127.0.0.1" and not url.startswith(("data:", "blob:")):
            self.foreign.append(url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    def close(self) -> None:
        self.context.close()


def _axe_serious(page: object) -> list[str]:
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))"
        ".slice(0, 3)}))")
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in result
            if v["impact"] in ("serious", "critical")]


def test_home_and_office_render_locally_with_screenshots(browser: object, site_url: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for name in VIEWPORTS:
        v = Visit(browser, name)
        try:
            v.page.clock.set_fixed_time(NOW + timedelta(hours=1))
            v.page.goto(site_url, wait_until="networkidle")
            assert v.page.locator("h1").first.inner_text() == "Portal Kinerja Kabupaten Contoh"
            assert v.page.locator("table.pk-sortable tbody tr").count() == 4
            v.page.screenshot(path=str(ARTIFACTS / f"beranda-{name}.png"), full_page=True)
            v.page.goto(site_url + "kantor/dinkes/", wait_until="networkidle")
            assert v.page.locator("h1").first.inner_text() == "Dinas Kesehatan"
            img = v.page.locator("figure.pk-chart img").first
            assert v.page.evaluate("i => i.naturalWidth", img.element_handle()) > 0
            v.page.screenshot(path=str(ARTIFACTS / f"kantor-{name}.png"), full_page=True)
            assert v.foreign == [], v.foreign
            assert all(urlsplit(u).hostname == "127.0.0.1" for u in v.requests)
            assert any(u.endswith("freshness.json") for u in v.requests)
        finally:
            v.close()


def test_language_switch_leads_to_english_page(browser: object, site_url: str) -> None:
    v = Visit(browser)
    try:
        v.page.goto(site_url + "kantor/dinkes/", wait_until="networkidle")
        assert v.page.evaluate("document.documentElement.lang") == "id"
        v.page.locator(".md-header__option .md-select").hover()
        with v.page.expect_navigation():
            v.page.locator("a.md-select__link[hreflang=en]").click()
        v.page.wait_for_load_state("networkidle")
        assert v.page.evaluate("document.documentElement.lang") == "en"
        assert v.page.url.endswith("/en/kantor/dinkes/")  # the same page, in English
        assert v.page.locator("h2", has_text="Performance index").count() == 1
        v.page.locator(".md-header__option .md-select").hover()
        with v.page.expect_navigation():
            v.page.locator("a.md-select__link[hreflang=id]").click()
        assert v.page.url.endswith("/kantor/dinkes/") and "/en/" not in v.page.url
        assert v.page.evaluate("document.documentElement.lang") == "id"
        assert v.foreign == []
    finally:
        v.close()


def test_search_finds_a_section_page(browser: object, site_url: str,
                                     built_site: BuiltSite) -> None:
    """Each engine's own search: Material's box in the header; Zensical's dialog (its results
    are in an open shadow root, which Playwright's locators enter)."""
    v = Visit(browser)
    try:
        v.page.goto(site_url, wait_until="networkidle")
        if built_site.engine == "zensical":
            v.page.locator(".md-search__button").click()
            v.page.locator("input[role=combobox]").click()
            results = "a[role=option]"
        else:
            v.page.locator(".md-search__input").click()
            results = "a.md-search-result__link"
        v.page.keyboard.type("pengaduan")
        v.page.locator(f"{results}[href*='metodologi/']").first.wait_for(state="attached")
        # Each keystroke runs a search: the results of a partial query ("penga…") may still be
        # on screen when the section page appears, so wait for the whole word's results.
        from playwright.sync_api import expect
        expect(v.page.locator(f"{results}[href*='kantor/']")).to_have_count(0, timeout=10_000)
        assert v.foreign == []
    finally:
        v.close()


def test_stale_banner_follows_the_clock(browser: object, site_url: str) -> None:
    """At build time RSUD is overdue and KEC-UTARA never sent data; 75 days later (no
    rebuild) the site and the quarterly offices are overdue too — the banner says so, telling
    late offices and offices without valid data apart (issue 15)."""
    v = Visit(browser)
    try:
        v.page.clock.set_fixed_time(NOW + timedelta(hours=2))
        v.page.goto(site_url, wait_until="networkidle")
        banner = v.page.locator("#pk-stale")
        banner.wait_for(state="visible")
        text = banner.inner_text()  # the offices by name (freshness.json carries them)
        assert "1 kantor terlambat" in text and "RSUD Kabupaten" in text
        assert "1 kantor belum mempunyai data valid" in text and "Kecamatan Utara" in text
        assert "Dinas Kesehatan" not in text and "situs" not in text
        assert banner.locator("a", has_text="Lihat Status Data").get_attribute("href") == (
            "./status/")
        v.page.clock.set_fixed_time(NOW + timedelta(days=75))
        v.page.goto(site_url + "en/", wait_until="networkidle")
        banner.wait_for(state="visible")
        text = banner.inner_text()
        assert "scheduled updates seem to have stopped" in text
        # three offices late, by name, and one without valid data; the hostile name of DISDIK
        # is text, never markup
        assert "3 office(s) is late" in text and "Dinas Kesehatan" in text
        assert "1 office(s) have no valid data" in text
        assert '<script>alert("x")</script>' in text and banner.locator("script").count() == 0
    finally:
        v.close()


def test_tables_sort_with_javascript_and_read_without(browser: object, site_url: str) -> None:
    v = Visit(browser)
    try:
        v.page.goto(site_url + "peringkat/", wait_until="networkidle")  # one list of all
        first = "table.pk-sortable >> nth=0 >> tbody tr:first-child th"
        header = v.page.locator("table.pk-sortable").first.locator("thead th",
                                                                   has_text="Indeks kinerja")
        header.click()
        header.click() if header.get_attribute("aria-sort") != "descending" else None
        assert header.get_attribute("aria-sort") == "descending"
        assert v.page.locator(first).inner_text() == "Dinas Kesehatan"  # 89,25 is the highest
    finally:
        v.close()
    nojs = Visit(browser, js=False)
    try:
        nojs.page.goto(site_url + "kantor/dinkes/")
        assert nojs.page.locator("table.pk-table").count() >= 4
        assert nojs.page.locator("figure.pk-chart img").count() == 3
        assert "89,25" in nojs.page.content()
    finally:
        nojs.close()


@pytest.mark.parametrize("path", ["", "kantor/dinkes/", "kantor/rsud/", "status/", "sektor/",
                                  "data/", "en/kantor/dinkes/"])
def test_axe_no_serious_violations(browser: object, site_url: str, path: str) -> None:
    v = Visit(browser)
    try:
        v.page.goto(site_url + path, wait_until="networkidle")
        assert _axe_serious(v.page) == []
    finally:
        v.close()
