"""Site fixtures: one build per session and site engine (`mkdocs`, and `zensical` when its extra
is installed) of the hand-made fixture portal, one build per session of the bundled example and
of a 50-office demo portal, and a local HTTP server on 127.0.0.1 for the browser tests."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.publish import PublishResult, publish_site
from tests.fixtures.engines import ENGINES
from tests.fixtures.marts import make_marts
from tests.site.fixtures import NOW, make_config

CHROMIUM = Path("/usr/bin/chromium")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kabupaten-contoh"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
HOSTILE_SECTOR = "<img src=x onerror=alert(2)> *x* `y` # z"
HOSTILE_NAME = ('<script>alert("x")</script> | [klik](javascript:alert(1)) '
                '<img src=x onerror=alert(1)>')


@dataclass
class BuiltSite:
    root: Path
    result: PublishResult
    state_dir: Path
    engine: str = "mkdocs"


@pytest.fixture(scope="session", params=ENGINES)
def built_site(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fixture portal, built once per engine with strict=True. One office's name and
    sector are hostile text, and its website is a javascript: URL."""
    tmp = tmp_path_factory.mktemp(f"portal-{request.param}")
    config = make_config(tmp)
    config.site.engine = request.param
    marts = make_marts(names={"DISDIK": HOSTILE_NAME}, sectors={"DISDIK": HOSTILE_SECTOR},
                       situs={"DISDIK": "javascript:alert(1)"})
    result = publish_site(marts, config, tmp / "site", now=NOW, strict=True)
    return BuiltSite(tmp / "site", result, Path(config.state_dir), request.param)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(root: Path, handler: type[http.server.BaseHTTPRequestHandler] = _Quiet
          ) -> Iterator[str]:
    """A local HTTP server of the folder `root` on 127.0.0.1; yields its URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.root) as url:
        yield url


def _build(config_file: Path, out: Path) -> Path:
    from site_builder.cli import main

    assert main(["build", "--config", str(config_file), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example (two offices with broken sheets) built with `kinerja build`."""
    copy = tmp_path_factory.mktemp("example") / "contoh"
    shutil.copytree(EXAMPLE, copy)
    config = copy / "portal.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nstate_dir: state\n",
                      encoding="utf-8")
    return _build(config, copy.parent / "site")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50-office kabupaten (`kinerja demo-data --offices 50 --employees 8000`), built once."""
    from workbooks.demo import write_demo_portal

    tmp = tmp_path_factory.mktemp("demo50")
    folder = write_demo_portal(tmp / "data", offices=50, employees=8000)
    return _build(folder / "portal.yml", tmp / "site")
