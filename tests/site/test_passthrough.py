"""The raw HTML lifted around the site engine (`site_builder.engines.passthrough`): with each
engine, the bundled example and the hostile fixture portal build to the same site byte for
byte (search index included) with and without lifting; and what is lifted and what is not."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from sheets_sync.config import PortalConfig, load_config
from sheets_sync.errors import BuildError
from sheets_sync.sync import Progress, sync
from site_builder.compute.portal import compute_portal
from site_builder.engines.passthrough import Passthrough, search_enabled
from site_builder.marts import Marts
from site_builder.publish import publish_site
from site_builder.rules import rule_set
from tests.fixtures.engines import ENGINES
from tests.fixtures.marts import make_marts
from tests.site.conftest import EXAMPLE, HOSTILE_NAME, HOSTILE_SECTOR
from tests.site.fixtures import NOW, make_config

TABLE = ('<div class="pk-table-wrap" data-search-exclude="1">\n<table>\n<tr id="sektor-a"><td>'
         'Dinas &lt;b&gt;</td></tr>\n</table>\n</div>')
PLAIN = TABLE.replace(' data-search-exclude="1"', "")
"""The same table, indexed for search."""
EXCLUDED_PAGE = "---\nsearch:\n  exclude: true\n---\n"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _same_site_both_ways(marts: Marts, config: PortalConfig, tmp: Path,
                         now: datetime) -> None:
    """Publish `marts` without and with lifting (each from an empty state folder) and compare
    every file of the two sites; the lifted build must really have lifted tables."""
    sites = {}
    for lift in (False, True):
        config.state_dir = tmp / f"state-{lift}"
        shutil.rmtree(config.state_dir, ignore_errors=True)
        publish_site(marts, config, tmp / f"site-{lift}", now=now, strict=True,
                     keep_docs=tmp / f"docs-{lift}", lift_raw_html=lift)
        sites[lift] = _files(tmp / f"site-{lift}")
    markers = [p for p in (tmp / "docs-True").rglob("*.md")
               if "data-pk-raw=" in p.read_text(encoding="utf-8")]
    assert len(markers) >= 4, "nothing (or almost nothing) was lifted"
    assert not any("data-pk-raw=" in p.read_text(encoding="utf-8")
                   for p in (tmp / "docs-False").rglob("*.md"))
    assert sorted(sites[True]) == sorted(sites[False])
    differing = [name for name in sites[False] if sites[False][name] != sites[True][name]]
    assert differing == []
    assert not any(b"data-pk-raw=" in content for content in sites[True].values())


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Marts, Path]:
    """The bundled example's marts (two offices with broken sheets) and its portal.yml."""
    copy = tmp_path_factory.mktemp("passthrough-example") / "contoh"
    shutil.copytree(EXAMPLE, copy)
    config = load_config(copy / "portal.yml")
    config.state_dir = copy / "state-sync"
    data = sync(config, now=NOW, progress=Progress(enabled=False)).data
    return compute_portal(data, config, rule_set(config), config.local_date(NOW)), copy


@pytest.mark.parametrize("engine", ENGINES)
def test_the_example_portal_is_the_same_site_with_and_without_lifting(
        engine: str, example: tuple[Marts, Path], tmp_path: Path) -> None:
    marts, folder = example
    config = load_config(folder / "portal.yml")
    config.site.engine = engine
    _same_site_both_ways(marts, config, tmp_path, NOW)


@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_sheet_text_builds_the_same_site_with_and_without_lifting(
        engine: str, tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config.site.engine = engine
    marts = make_marts(names={"DISDIK": HOSTILE_NAME}, sectors={"DISDIK": HOSTILE_SECTOR},
                       situs={"DISDIK": "javascript:alert(1)"})
    _same_site_both_ways(marts, config, tmp_path, NOW)


def _built(site: Path, url: str, markdown: str) -> None:
    """What an engine copies of a page: its raw marker blocks as they are."""
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<article>{markdown}</article>", encoding="utf-8")


def test_a_table_kept_out_of_search_is_lifted_and_put_back(tmp_path: Path) -> None:
    lifted = Passthrough()
    text = f"# Judul\n\nTeks.\n\n{TABLE}\n\nLagi.\n"
    out = lifted.lift("kantor/dinkes.md", text)
    assert TABLE not in out and out.startswith("# Judul\n\nTeks.\n\n<div data-pk-raw=")
    assert out.endswith('><a id="sektor-a"></a></div>\n\nLagi.\n')  # anchors stay checkable
    _built(tmp_path, "kantor/dinkes", out)
    lifted.splice(tmp_path)
    html = (tmp_path / "kantor/dinkes/index.html").read_text(encoding="utf-8")
    # as the search plugin removes `data-search-*` from a page's content once it is indexed
    assert html == f"<article># Judul\n\nTeks.\n\n{PLAIN}\n\nLagi.\n</article>"


def test_search_attributes_stay_when_search_is_off(tmp_path: Path) -> None:
    lifted = Passthrough(strip_search_attributes=False)
    out = lifted.lift("status.md", f"{TABLE}\n")
    _built(tmp_path, "status", out)
    lifted.splice(tmp_path)
    assert TABLE in (tmp_path / "status/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [
    f"# Judul\n\n{PLAIN}\n",  # indexed for search
    f"{TABLE}\nteks langsung sesudahnya\n",  # no blank line after the block
    f"{TABLE} ekor\n\n",  # text after the end tag on its line
    f"teks\n{TABLE}\n\n",  # not after a blank line
    TABLE.replace("<table>", '<table markdown="1">') + "\n",  # Markdown inside
    TABLE.replace("<table>", "<!-- x --><table>") + "\n",  # a comment
    TABLE.replace("<td>", "<td><pre>x</pre>") + "\n",  # preformatted text
    f"{TABLE[:-6]}\n",  # never closed
    "<span data-search-exclude=\"1\">x</span>\n",  # not a block-level tag
])
def test_what_the_engine_could_read_differently_is_not_lifted(text: str) -> None:
    lifted = Passthrough()
    assert lifted.lift("sektor.md", text) == text
    assert lifted.blocks == {}


def test_a_page_kept_out_of_search_has_all_its_blocks_lifted() -> None:
    lifted = Passthrough()
    out = lifted.lift("kantor/dlh.md", f"{EXCLUDED_PAGE}# DLH\n\n{PLAIN}\n\n{PLAIN}\n")
    assert out.startswith(EXCLUDED_PAGE) and lifted.blocks["kantor/dlh.md"] == [PLAIN, PLAIN]


def test_a_marker_the_engine_lost_fails_the_build(tmp_path: Path) -> None:
    lifted = Passthrough()
    lifted.lift("status.md", f"{TABLE}\n")
    _built(tmp_path, "status", "<p>kosong</p>")
    with pytest.raises(BuildError, match="status.md"):
        lifted.splice(tmp_path)
    with pytest.raises(BuildError, match="sektor.md"):
        Passthrough(blocks={"sektor.md": ["<div></div>"]}).splice(tmp_path)


def test_a_marker_of_another_build_is_left_as_it_is(tmp_path: Path) -> None:
    lifted = Passthrough()
    out = lifted.lift("status.md", f"{TABLE}\n")
    forged = '<div data-pk-raw="0123456789ab:0"></div>'
    _built(tmp_path, "status", out + forged)
    lifted.splice(tmp_path)
    html = (tmp_path / "status/index.html").read_text(encoding="utf-8")
    assert forged in html and "Dinas &lt;b&gt;" in html


@pytest.mark.parametrize(("base", "on"), [
    ({}, True), ({"plugins": ["search"]}, True), ({"plugins": [{"search": {"lang": "id"}}]}, True),
    ({"plugins": {"material/search": {}}}, True), ({"plugins": []}, False),
    ({"plugins": ["tags"]}, False)])
def test_search_plugin_detected(base: dict, on: bool) -> None:
    assert search_enabled(base) is on
