"""Site fixtures: one build of the hand-made fixture portal per session and site engine
(`mkdocs`, and `zensical` when its extra is installed), and a local HTTP server on 127.0.0.1
serving it for the browser tests."""
from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.publish import PublishResult, publish_site
from tests.fixtures.engines import ENGINES
from tests.fixtures.marts import make_marts
from tests.site.fixtures import NOW, make_config

CHROMIUM = Path("/usr/bin/chromium")
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


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built_site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
