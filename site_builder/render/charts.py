"""Charts drawn at build time: Altair spec -> SVG through vl-convert (no chart JavaScript in the
browser). Charts carry no translated words (axis titles are left out; headings and captions on
the page say what is shown), so one SVG serves both languages. SVGs are cached by the hash of
their spec: an unchanged office costs no rendering on the next build.

The chart templates are authored with Altair (`altair_templates`) and kept, built, in
`chart_templates.json` beside this module, so a build does not import Altair (a quarter second);
`python -m site_builder.render.charts` rewrites the file and a test keeps the two equal."""
from __future__ import annotations

import hashlib
import json
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

PRIMARY = "#1d5b79"
ACCENT = "#b45309"
GRID = "#d9dee3"
# vl-convert has no id-ID d3 locale; the pages are Indonesian first.
ID_FORMAT_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]}
_CONFIG: dict[str, Any] = {
    "font": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": GRID, "labelColor": "#333",
             "domainColor": "#888", "tickColor": "#888", "labelLimit": 160},
    "view": {"stroke": None},
    "background": "white",
}


_ROWS = "pk_rows"
_MAX = 987654.5  # placeholders in the cached Altair templates
_REF = 123456.5


TEMPLATES_FILE = Path(__file__).with_name("chart_templates.json")


def _spec(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict(validate=False)  # validation costs ~20 ms a chart
    spec["config"] = _CONFIG
    return spec


def _fill(node: Any, values: dict[float, float | None]) -> Any:
    """Replace placeholder numbers in a template spec."""
    if isinstance(node, dict):
        return {k: _fill(v, values) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, values) for v in node]
    if isinstance(node, float) and node in values:
        return values[node]
    return node


def _altair_line(y_max: bool, reference: bool, slanted: bool) -> str:
    """Charts differ only in data, domain and reference line; the rest is this template."""
    import altair as alt

    y_scale = alt.Scale(domain=[0, _MAX]) if y_max else alt.Scale(zero=True)
    base = alt.Chart(alt.NamedData(_ROWS)).encode(
        x=alt.X("p:O", sort=None, title=None, axis=alt.Axis(labelAngle=-40 if slanted else 0)),
        y=alt.Y("v:Q", title=None, scale=y_scale, axis=alt.Axis(format=",.0f", tickCount=5)),
    )
    layers: list[Any] = [base.mark_line(color=PRIMARY, strokeWidth=2.5),
                         base.mark_point(color=PRIMARY, filled=True, size=60)]
    if reference:
        layers.append(alt.Chart(alt.Data(values=[{"r": _REF}])).mark_rule(
            color=ACCENT, strokeDash=[4, 3]).encode(y="r:Q"))
    return json.dumps(_spec(alt.layer(*layers).properties(width=420, height=180)))


def _altair_bar(x_max: bool, reference: bool) -> str:
    import altair as alt

    x_scale = alt.Scale(domain=[0, _MAX], clamp=True) if x_max else alt.Scale(zero=True)
    layers: list[Any] = [alt.Chart(alt.NamedData(_ROWS)).mark_bar(
        color=PRIMARY, height={"band": 0.7}).encode(
        y=alt.Y("k:N", sort=None, title=None),
        x=alt.X("v:Q", title=None, scale=x_scale, axis=alt.Axis(format=",.0f", tickCount=6)),
    )]
    if reference:
        layers.append(alt.Chart(alt.Data(values=[{"r": _REF}])).mark_rule(
            color=ACCENT, strokeDash=[4, 3], strokeWidth=2).encode(x="r:Q"))
    spec = _spec(alt.layer(*layers).properties(width=360, height=60))
    # Labels are measured with the renderer's fonts, drawn with the reader's: leave room.
    spec["padding"] = {"left": 36, "right": 8, "top": 4, "bottom": 4}
    return json.dumps(spec)


def altair_templates() -> dict[str, str]:
    """Every chart template, built with Altair now (what chart_templates.json must hold)."""
    out: dict[str, str] = {}
    for a in (0, 1):
        for b in (0, 1):
            out[f"bar/{a}{b}"] = _altair_bar(bool(a), bool(b))
            for c in (0, 1):
                out[f"line/{a}{b}{c}"] = _altair_line(bool(a), bool(b), bool(c))
    return out


@lru_cache(maxsize=1)
def _templates() -> dict[str, str]:
    return json.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _line_template(y_max: bool, reference: bool, slanted: bool) -> str:
    return _templates()[f"line/{int(y_max)}{int(reference)}{int(slanted)}"]


def _bar_template(x_max: bool, reference: bool) -> str:
    return _templates()[f"bar/{int(x_max)}{int(reference)}"]


class ChartSpec(dict[str, Any]):
    """A Vega-Lite spec (the dict itself, what is hashed and what vl-convert would take) that
    remembers the Altair template it was filled from, so `to_vega` compiles each template once."""

    template: str = ""
    fills: dict[float, float | None] = {}


def _from_template(template: str, fills: dict[float, float | None],
                   rows: list[dict[str, Any]]) -> ChartSpec:
    spec = ChartSpec(_fill(json.loads(template), fills))
    spec.template, spec.fills = template, fills
    spec["datasets"] = {_ROWS: rows}
    return spec


def line_chart(rows: list[dict[str, Any]], *, y_max: float | None = None,
               reference: float | None = None) -> ChartSpec:
    """One series over ordered periods: rows of {"p": label, "v": number}, in order."""
    # more than 4 labels do not fit side by side once the chart is shrunk to a phone's width
    template = _line_template(y_max is not None, reference is not None, len(rows) > 4)
    return _from_template(template, {_MAX: y_max, _REF: reference}, rows)


def bar_chart(rows: list[dict[str, Any]], *, x_max: float | None = None,
              reference: float | None = None) -> ChartSpec:
    """Horizontal bars: rows of {"k": label, "v": number}, drawn in the given order."""
    template = _bar_template(x_max is not None, reference is not None)
    spec = _from_template(template, {_MAX: x_max, _REF: reference}, rows)
    spec["height"] = max(60, 24 * len(rows))
    return spec


@lru_cache(maxsize=16)
def _vega_skeleton(template: str) -> str:
    """Vega-Lite -> Vega once per template. The compilation is about a third of a chart's cost
    in vl-convert, and it does not depend on the rows, the placeholder numbers or the height:
    vega-lite copies inline datasets, constant domains, rule values and an explicit top-level
    height into the Vega spec as they are (tests/site/test_charts.py draws both ways)."""
    import vl_convert as vlc

    spec = json.loads(template)
    spec["datasets"] = {_ROWS: []}
    return json.dumps(vlc.vegalite_to_vega(spec))


def to_vega(spec: dict[str, Any]) -> dict[str, Any]:
    """The Vega spec of `spec`: for a `ChartSpec`, its template's compiled skeleton with the
    placeholders, rows and height filled in; any other Vega-Lite spec is compiled whole."""
    if not (isinstance(spec, ChartSpec) and spec.template):
        import vl_convert as vlc

        return vlc.vegalite_to_vega(spec)  # type: ignore[no-any-return]
    vega: dict[str, Any] = _fill(json.loads(_vega_skeleton(spec.template)), spec.fills)
    datasets = spec.get("datasets") or {}
    for item in vega.get("data", []):
        if item.get("name") in datasets:
            item["values"] = datasets[item["name"]]
    if "height" in spec:
        vega["height"] = spec["height"]
    return vega


def _draw(spec: dict[str, Any]) -> str:
    import vl_convert as vlc

    return vlc.vega_to_svg(to_vega(spec), format_locale=ID_FORMAT_LOCALE)  # type: ignore[no-any-return]


class ChartRenderer:
    """Renders specs to SVG text, with an optional on-disk cache keyed by the spec's hash.

    `submit` hands a chart to background threads: vl-convert draws outside the GIL, so charts
    are drawn on the second core while the build goes on (open data, pages); `svg` waits."""

    def __init__(self, cache_dir: Path | None = None, workers: int = 2) -> None:
        self.cache_dir = cache_dir
        self.workers = workers
        self.rendered = 0
        self.cached = 0
        self.used: set[str] = set()
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pending: dict[str, Future[str]] = {}

    def _key(self, spec: dict[str, Any]) -> str:
        blob = json.dumps(spec, sort_keys=True, default=str).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:32]

    def _render(self, spec: dict[str, Any], path: Path | None) -> str:
        text = _draw(spec)
        with self._lock:
            self.rendered += 1
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
        return text

    def submit(self, spec: dict[str, Any]) -> Future[str]:
        """Start drawing `spec` (or read it from the cache); the future holds the SVG text."""
        key = self._key(spec)
        with self._lock:
            self.used.add(f"{key}.svg")
            if key in self._pending:
                return self._pending[key]
        path = self.cache_dir / f"{key}.svg" if self.cache_dir else None
        if path is not None and path.is_file():
            done: Future[str] = Future()
            done.set_result(path.read_text(encoding="utf-8"))
            with self._lock:
                self.cached += 1
                self._pending[key] = done
            return done
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.workers,
                                                thread_name_prefix="grafik")
            future = self._pool.submit(self._render, spec, path)
            self._pending[key] = future
        return future

    def svg(self, spec: dict[str, Any]) -> str:
        return self.submit(spec).result()

    def close(self) -> None:
        """Stop the drawing threads (waits for charts already started)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def prune(self) -> int:
        """Delete cached charts this build did not use (call after a successful build)."""
        if self.cache_dir is None or not self.cache_dir.is_dir():
            return 0
        removed = 0
        for path in self.cache_dir.glob("*.svg"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


if __name__ == "__main__":  # python -m site_builder.render.charts: rebuild the templates file
    TEMPLATES_FILE.write_text(json.dumps(altair_templates(), indent=1, sort_keys=True) + "\n",
                              encoding="utf-8")
    print(f"wrote {TEMPLATES_FILE}")
