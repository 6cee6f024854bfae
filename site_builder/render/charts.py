"""Charts drawn at build time: Altair spec -> SVG through vl-convert (no chart JavaScript in the
browser). Charts carry no translated words (axis titles are left out; headings and captions on
the page say what is shown), so one SVG serves both languages. SVGs are cached by the hash of
their spec: an unchanged office costs no rendering on the next build."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import altair as alt

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


def _spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    spec = chart.to_dict(validate=False)  # schema validation costs ~20 ms a chart
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


@lru_cache(maxsize=8)
def _line_template(y_max: bool, reference: bool, slanted: bool) -> str:
    """Built with Altair once; charts differ only in data, domain and reference line."""
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


@lru_cache(maxsize=8)
def _bar_template(x_max: bool, reference: bool) -> str:
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


def line_chart(rows: list[dict[str, Any]], *, y_max: float | None = None,
               reference: float | None = None) -> dict[str, Any]:
    """One series over ordered periods: rows of {"p": label, "v": number}, in order."""
    # more than 4 labels do not fit side by side once the chart is shrunk to a phone's width
    spec = json.loads(_line_template(y_max is not None, reference is not None, len(rows) > 4))
    spec = _fill(spec, {_MAX: y_max, _REF: reference})
    spec["datasets"] = {_ROWS: rows}
    return spec  # type: ignore[no-any-return]


def bar_chart(rows: list[dict[str, Any]], *, x_max: float | None = None,
              reference: float | None = None) -> dict[str, Any]:
    """Horizontal bars: rows of {"k": label, "v": number}, drawn in the given order."""
    spec = json.loads(_bar_template(x_max is not None, reference is not None))
    spec = _fill(spec, {_MAX: x_max, _REF: reference})
    spec["datasets"] = {_ROWS: rows}
    spec["height"] = max(60, 24 * len(rows))
    return spec  # type: ignore[no-any-return]


class ChartRenderer:
    """Renders specs to SVG text, with an optional on-disk cache keyed by the spec's hash."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self.rendered = 0
        self.cached = 0
        self.used: set[str] = set()

    def svg(self, spec: dict[str, Any]) -> str:
        blob = json.dumps(spec, sort_keys=True, default=str).encode("utf-8")
        key = hashlib.sha256(blob).hexdigest()[:32]
        self.used.add(f"{key}.svg")
        path = self.cache_dir / f"{key}.svg" if self.cache_dir else None
        if path is not None and path.is_file():
            self.cached += 1
            return path.read_text(encoding="utf-8")
        import vl_convert as vlc

        text = vlc.vegalite_to_svg(spec, format_locale=ID_FORMAT_LOCALE)
        self.rendered += 1
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
        return text

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
