"""Phone first (issue 14), in real headless Chromium over http://127.0.0.1, on the bundled
example and on a 50-office demo portal: at 360 px, with and without JavaScript, no page is
wider than the screen, the office lists need no sideways scroll and no request answers 404;
chart text shows at 11 px or more; axe-core finds no violation of any impact at 360 and
1366 px; the site search finds an office, an indicator and a service unit with the right page
first; the office filter and the jump lists work; the 404 page works under a project path."""
from __future__ import annotations

import http.server
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,  # builds the example and a 50-office demo portal once per session
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"
PHONE = 360
DESKTOP = 1366
PAGES = ["", "sektor/", "peringkat/", "status/", "data/", "metodologi/", "kantor/dinkes/",
         "en/kantor/dinkes/"]

# Elements that reach past the right edge of the screen and are not inside a box that
# scrolls sideways within the screen (a table in its own scroll region is fine).
_STICKING_OUT = """(w) => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= w + 0.5) continue;
    let p = el.parentElement, held = false;
    while (p && p !== document.body) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' && p.getBoundingClientRect().right <= w + 0.5) {
        held = true; break;
      }
      p = p.parentElement;
    }
    if (!held) out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.right));
  }
  return out.slice(0, 5);
}"""
_LISTS_SCROLL = """() => [...document.querySelectorAll('table.pk-cards')]
  .filter(t => t.offsetParent !== null)
  .map(t => t.closest('.pk-table-wrap'))
  .filter(w => w && w.scrollWidth > w.clientWidth + 1)
  .map(w => w.getAttribute('aria-label'))"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def portals(example_site: Path, demo_site: Path) -> Iterator[dict[str, str]]:
    with serve(example_site) as example, serve(demo_site) as demo:
        yield {"example": example, "demo": demo}


class Tab:
    """A page in a fresh browser context; every response is recorded, other hosts blocked."""

    def __init__(self, browser: object, width: int, js: bool = True) -> None:
        self.context = browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": width, "height": 800}, java_script_enabled=js)
        self.failed: list[str] = []
        self.context.route("**/*", lambda route, request: route.continue_() if urlsplit(
            request.url).hostname == "127.0.0.1" else route.abort())
        self.page = self.context.new_page()
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}")
                     if r.status >= 400 else None)
        self.page.on("requestfailed", lambda r: self.failed.append(f"failed {r.url}"))

    def __enter__(self) -> Tab:
        return self

    def __exit__(self, *exc: object) -> None:
        self.context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("portal", ["example", "demo"])
def test_no_page_is_wider_than_a_phone(browser: object, portals: dict[str, str], portal: str,
                                       js: bool) -> None:
    problems: list[str] = []
    with Tab(browser, PHONE, js) as tab:
        for path in PAGES:
            tab.page.goto(portals[portal] + path, wait_until="networkidle")
            width = tab.page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE:
                problems.append(f"{path or 'home'}: {width} px wide")
            out = tab.page.evaluate(_STICKING_OUT, PHONE)
            if out:
                problems.append(f"{path or 'home'}: past the edge: {out}")
            scrolling = tab.page.evaluate(_LISTS_SCROLL)
            if scrolling:
                problems.append(f"{path or 'home'}: lists scroll sideways: {scrolling}")
        assert tab.failed == []  # every request answered (no sitemap.xml 404 any more)
    assert problems == []


def test_office_list_is_one_card_per_office_on_a_phone_and_a_table_on_a_desktop(
        browser: object, portals: dict[str, str]) -> None:
    for width, display in ((PHONE, "flex"), (DESKTOP, "table-row")):
        with Tab(browser, width) as tab:
            tab.page.goto(portals["demo"], wait_until="networkidle")
            rows = tab.page.locator("table.pk-offices tbody tr")
            assert rows.count() == 50
            assert rows.first.evaluate("r => getComputedStyle(r).display") == display
            head = tab.page.locator("table.pk-offices thead").first  # there for readers,
            height = head.evaluate("h => h.getBoundingClientRect().height")  # seen on desktop
            assert (height > 10) if width == DESKTOP else (height <= 1)
            assert head.get_attribute("role") == "rowgroup"
            labels = rows.first.locator("td").evaluate_all(
                "tds => tds.map(td => getComputedStyle(td, '::before').content)")
            if width == PHONE:  # the card says what each number is, in the page's words
                assert {'"Indeks "', '"IKM "', '"Indikator "'} <= set(labels), labels
            else:  # the table's header says it
                assert set(labels) <= {"none", "normal"}, labels


def _svg_font_sizes(svg: str) -> set[str]:
    import re

    return set(re.findall(r'font-size="([^"]+)"', svg))


@pytest.mark.parametrize("portal", ["example", "demo"])
def test_chart_text_reads_at_11px_or_more_on_a_phone(browser: object, portals: dict[str, str],
                                                     portal: str) -> None:
    with Tab(browser, PHONE) as tab:
        seen = 0
        for path in ("kantor/dinkes/", "sektor/", "en/kantor/dinkes/"):
            tab.page.goto(portals[portal] + path, wait_until="networkidle")
            for img in tab.page.locator("figure.pk-chart img").all():
                shown = img.evaluate("i => i.getBoundingClientRect().width")
                natural = float(img.get_attribute("width"))  # the SVG's own width
                svg = tab.page.request.get(img.evaluate("i => i.src")).text()
                assert _svg_font_sizes(svg) == {"12px"}  # one size for all its text
                if shown:  # the chart tab is shown: 12 px drawn, scaled by shown / natural
                    assert 12 * shown / natural >= 11, (path, shown, natural)
                    seen += 1
        assert seen >= 2
        tab.page.goto(portals[portal] + "en/kantor/dinkes/", wait_until="networkidle")
        assert tab.page.locator("figure.pk-chart img").first.evaluate(
            "i => i.currentSrc").endswith("-indeks.svg")  # the phone's drawing
        svg = tab.page.request.get(tab.page.locator("figure.pk-chart img").first.evaluate(
            "i => i.src")).text()
        assert "TW" not in svg and ("Q1" in svg or "Q2" in svg or "Q3" in svg or "Q4" in svg)
    with Tab(browser, DESKTOP) as tab:  # a wide screen gets the chart drawn wide, not stretched
        tab.page.goto(portals[portal] + "kantor/dinkes/", wait_until="networkidle")
        img = tab.page.locator("figure.pk-chart img").first
        assert img.evaluate("i => i.currentSrc").endswith("-indeks-lebar.svg")
        assert img.evaluate("i => i.getBoundingClientRect().width") == 640


def _axe(page: object) -> list[str]:
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    found = page.evaluate(  # type: ignore[attr-defined]
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))"
        ".slice(0, 3)}))")
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in found]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("portal", ["example", "demo"])
def test_axe_finds_no_violation(browser: object, portals: dict[str, str], portal: str,
                                width: int) -> None:
    problems = []
    with Tab(browser, width) as tab:
        for path in PAGES:
            tab.page.goto(portals[portal] + path, wait_until="networkidle")
            problems += [f"{path or 'home'}: {v}" for v in _axe(tab.page)]
    assert problems == []


def _search(page: object, query: str) -> list[list[str]]:
    """What Material's own search (lunr in its web worker, on the built index) lists for
    `query`, typed into the header's search box: per result group, its links (site paths
    with their anchors, the highlight parameter left out)."""
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on a key going up
    page.wait_for_function(  # type: ignore[attr-defined]
        "q => document.querySelector('.md-search-result__item') && "
        "document.querySelector('input.md-search__input').value === q", arg=query)
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    return page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('.md-search-result__item')].map(li =>
             [...li.querySelectorAll('a.md-search-result__link')].map(a => {
               const u = new URL(a.href); return u.pathname.slice(1) + u.hash; }))""")


def _unique(docs: list[dict], kind: str) -> dict:
    """An office page's section of `kind` ("#ik-", "#unit-") whose title no other document
    has, with the longest title (a name a person would type)."""
    titles: dict[str, int] = {}
    for d in docs:
        titles[d["title"]] = titles.get(d["title"], 0) + 1
    candidates = [d for d in docs if kind in d["location"] and titles[d["title"]] == 1
                  and "&" not in d["title"]]
    return max(candidates, key=lambda d: (len(d["title"]), d["location"]))


@pytest.mark.parametrize("portal", ["example", "demo"])
def test_search_finds_office_indicator_and_service_unit_first(
        browser: object, portals: dict[str, str], portal: str,
        example_site: Path, demo_site: Path) -> None:
    site = example_site if portal == "example" else demo_site
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    indicator, unit = _unique(docs, "#ik-"), _unique(docs, "#unit-")
    with Tab(browser, DESKTOP) as tab:
        tab.page.goto(portals[portal], wait_until="networkidle")
        # an office by its name and by its code: its page is the first result
        assert _search(tab.page, "Dinas Kesehatan")[0][0] == "kantor/dinkes/"
        assert _search(tab.page, "dinkes")[0][0] == "kantor/dinkes/"
        # an indicator or a service unit by its name: its office first, the link to its own
        # row on that page first among the office's sections
        for doc in (indicator, unit):
            page, _ = doc["location"].split("#")
            first = _search(tab.page, doc["title"])[0]
            assert first[0] == page and first[1] == doc["location"], (doc, first)
        # a sector by its name: its section of the sector page
        assert "sektor/#sektor-kewilayahan" in _search(tab.page, "Kewilayahan")[0]
        # a word of an indicator: the offices that have one
        groups = _search(tab.page, "stunting")
        assert groups and all(g[0].startswith("kantor/") and "#ik-" in g[1] for g in groups)
        tab.page.goto(portals[portal] + "en/", wait_until="networkidle")
        assert _search(tab.page, "Dinas Kesehatan")[0][0] == "en/kantor/dinkes/"


def test_filter_box_narrows_the_office_list_and_jump_links_land(
        browser: object, portals: dict[str, str]) -> None:
    with Tab(browser, PHONE) as tab:
        tab.page.goto(portals["demo"], wait_until="networkidle")
        box = tab.page.get_by_label("Saring daftar kantor")
        box.fill("sukamaju")
        shown = tab.page.locator("table.pk-offices tbody tr:visible")
        assert shown.count() == 1 and "Kecamatan Sukamaju" in shown.first.inner_text()
        assert tab.page.locator("[data-pk-group]:visible").count() == 1
        assert "1 kantor ditampilkan" in tab.page.locator(".pk-finder__count").inner_text()
        box.fill("DINKES")  # a code, not shown in the card
        assert tab.page.locator("table.pk-offices tbody tr:visible").count() == 1
        box.fill("")
        assert tab.page.locator("table.pk-offices tbody tr:visible").count() == 50
    with Tab(browser, PHONE, js=False) as tab:
        tab.page.goto(portals["demo"])
        assert tab.page.locator("[data-pk-filter]").is_hidden()  # nothing to type into
        for path in ("", "sektor/", "kantor/dinkes/"):
            tab.page.goto(portals["demo"] + path)
            targets = tab.page.locator("nav.pk-jump a").evaluate_all(
                "as => as.map(a => a.getAttribute('href'))")
            assert targets
            for href in targets:
                assert tab.page.locator(f"[id='{href[1:]}']").count() == 1, (path, href)


class _GitHubPages(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /repo/ and, like GitHub Pages, answers a missing address with
    the site's 404.html (status 404)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?")[0]
        if not path.startswith("/repo/"):
            return "/nonexistent"
        return super().translate_path("/" + path[len("/repo/"):])

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = Path(self.directory, "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def test_not_found_page_works_under_a_project_path(browser: object, example_site: Path) -> None:
    """A project site (https://owner.github.io/repo/) without `site.url`: the 404 page loads
    nothing from the host's root, and with JavaScript its links lead to the portal's home."""
    assert "/assets/" not in (example_site / "404.html").read_text(encoding="utf-8")
    with serve(example_site, _GitHubPages) as url:
        for js in (True, False):
            with Tab(browser, PHONE, js) as tab:
                tab.page.goto(url + "repo/kantor/tidak-ada/", wait_until="networkidle")
                assert tab.page.locator("h1").inner_text() == "Halaman tidak ditemukan"
                loaded = [f for f in tab.failed if "freshness.json" not in f]
                assert loaded == [f"404 {url}repo/kantor/tidak-ada/"]  # only the page itself
                home = tab.page.locator("a[data-pk-home=id]").first.get_attribute("href")
                assert home == ("/repo/" if js else "/")
                assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE
