"""Charts drawn at build time: Altair spec -> SVG through vl-convert (no chart JavaScript in the
browser). Charts carry no translated words (axis titles are left out; headings and captions on
the page say what is shown), so one SVG serves both languages. SVGs are cached by the hash of
their spec: an unchanged office costs no rendering on the next build."""
from __future__ import annotations

import hashlib
import json
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
             "domainColor": "#888", "tickColor": "#888", "labelLimit": 180},
    "view": {"stroke": None},
    "background": "white",
}


def _spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    spec = chart.to_dict()
    spec["config"] = _CONFIG
    return spec


def line_chart(rows: list[dict[str, Any]], *, x: str, y: str, y_max: float | None = None,
               reference: float | None = None) -> dict[str, Any]:
    """One series over ordered periods (x: label, y: number), with an optional reference line."""
    order = [r[x] for r in rows]
    y_scale = alt.Scale(domain=[0, y_max]) if y_max else alt.Scale(zero=True)
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X(f"{x}:O", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{y}:Q", title=None, scale=y_scale, axis=alt.Axis(format=",.0f", tickCount=5)),
    )
    layers: list[Any] = [base.mark_line(color=PRIMARY, strokeWidth=2.5),
                         base.mark_point(color=PRIMARY, filled=True, size=60)]
    if reference is not None:
        layers.append(alt.Chart(alt.Data(values=[{"r": reference}])).mark_rule(
            color=ACCENT, strokeDash=[4, 3]).encode(y="r:Q"))
    return _spec(alt.layer(*layers).properties(width=520, height=200))


def bar_chart(rows: list[dict[str, Any]], *, label: str, value: str, x_max: float | None = None,
              reference: float | None = None) -> dict[str, Any]:
    """Horizontal bars, one per row in the given order, with an optional reference line."""
    order = [r[label] for r in rows]
    x_scale = alt.Scale(domain=[0, x_max], clamp=True) if x_max else alt.Scale(zero=True)
    base = alt.Chart(alt.Data(values=rows))
    layers: list[Any] = [base.mark_bar(color=PRIMARY, height={"band": 0.7}).encode(
        y=alt.Y(f"{label}:N", sort=order, title=None),
        x=alt.X(f"{value}:Q", title=None, scale=x_scale, axis=alt.Axis(format=",.0f", tickCount=6)),
    )]
    if reference is not None:
        layers.append(alt.Chart(alt.Data(values=[{"r": reference}])).mark_rule(
            color=ACCENT, strokeDash=[4, 3], strokeWidth=2).encode(x="r:Q"))
    height = max(60, 24 * len(rows))
    return _spec(alt.layer(*layers).properties(width=460, height=height))


class ChartRenderer:
    """Renders specs to SVG text, with an optional on-disk cache keyed by the spec's hash."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self.rendered = 0
        self.cached = 0

    def svg(self, spec: dict[str, Any]) -> str:
        blob = json.dumps(spec, sort_keys=True, default=str).encode("utf-8")
        key = hashlib.sha256(blob).hexdigest()[:32]
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
