"""Charts drawn at build time as static SVG files (no chart JavaScript in the browser, nothing
from a CDN). The pages show them with `<img alt="...">` beside an HTML table that carries the
same numbers, so the SVG is a picture: its text alternative is on the page.

Two shapes only: one series over ordered periods (`line_chart`) and horizontal bars
(`bar_chart`), each with an optional dashed reference line. They were drawn with Altair +
vl-convert until issue 7 measured it: ~25 ms a chart inside vl-convert's V8, holding the GIL,
so the 150 charts of a kabupaten cost ~3.5 s, more than PRODUCT.md §10 allows for everything
outside `mkdocs build`. Drawn here, a chart costs well under a millisecond. The geometry follows
Vega's defaults (d3's "nice" ticks, a point scale with half-step padding, bands of 70 %), so
the pictures look as before. Charts carry no translated words (the page's heading and caption
say what is shown); their axis numbers are written in the page's language by the pages' one
number formatter (`formatting.format_number`), so each language has its own SVG."""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any

from site_builder.render.formatting import format_number

PRIMARY = "#1d5b79"
ACCENT = "#b45309"
GRID = "#d9dee3"
AXIS = "#888"
LABEL = "#333"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
FONT_SIZE = 12
CHAR_WIDTH = 7.6  # a generous average advance of a 12 px sans glyph (DejaVu is the widest)
LABEL_LIMIT = 160  # px; longer category labels are cut with an ellipsis
TICK = 5
SLANT = 40  # degrees; period labels slant when more than 4 would not fit a phone's width


@dataclass(frozen=True)
class LineChart:
    """One series over ordered periods."""

    rows: tuple[tuple[str, float], ...]
    y_max: float | None
    reference: float | None


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, drawn in the given order."""

    rows: tuple[tuple[str, float], ...]
    x_max: float | None
    reference: float | None


def line_chart(rows: list[dict[str, Any]], *, y_max: float | None = None,
               reference: float | None = None) -> LineChart:
    """Rows of {"p": period label, "v": number}, in order. `y_max` fixes the top of the axis
    (made "nice" like Vega's); `reference` draws a dashed horizontal line."""
    return LineChart(tuple((str(r["p"]), float(r["v"])) for r in rows), y_max, reference)


def bar_chart(rows: list[dict[str, Any]], *, x_max: float | None = None,
              reference: float | None = None) -> BarChart:
    """Rows of {"k": label, "v": number}. `x_max` fixes the end of the axis, and longer bars
    are cut at it (clamped); `reference` draws a dashed vertical line."""
    return BarChart(tuple((str(r["k"]), float(r["v"])) for r in rows), x_max, reference)


# --- scales ---------------------------------------------------------------------------------

def _tick_step(start: float, stop: float, count: int) -> float:
    """d3-array's tickIncrement: a step of 1, 2 or 5 times a power of ten."""
    raw = abs(stop - start) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    error = raw / power
    if error >= math.sqrt(50):
        power *= 10
    elif error >= math.sqrt(10):
        power *= 5
    elif error >= math.sqrt(2):
        power *= 2
    return float(power)


def nice_domain(lo: float, hi: float, count: int) -> tuple[float, float]:
    """d3's linear `nice()`: widen [lo, hi] to whole tick steps (as Vega's `nice: true`)."""
    if hi <= lo:
        hi = lo + 1
    step = 0.0
    for _ in range(10):
        new = _tick_step(lo, hi, count)
        if new == step:
            break
        step = new
        lo, hi = math.floor(lo / step) * step, math.ceil(hi / step) * step
    return lo, hi


def ticks(lo: float, hi: float, count: int) -> list[float]:
    """d3's `ticks()`: the round values between lo and hi, about `count` of them."""
    step = _tick_step(lo, hi, count)
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def _domain(values: list[float], top: float | None, count: int) -> tuple[float, float]:
    lo = min(0.0, *values) if values else 0.0
    hi = top if top is not None else max([0.0, *values])
    return nice_domain(lo, hi, count)


def tick_label(value: float, step: float, lang: str = "id") -> str:
    """An axis number in the page's language: "1.000", "2,5" (id); "1,000", "2.5" (en)."""
    places = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    return format_number(value, lang, places)


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _fit(text: str, limit: float) -> str:
    if _text_width(text) <= limit:
        return text
    keep = max(1, int(limit / CHAR_WIDTH) - 1)
    return text[:keep] + "…"


def _n(x: float) -> str:
    """Coordinates with at most two decimals, no trailing zeros."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --- drawing --------------------------------------------------------------------------------

def _svg(width: float, height: float, body: list[str], left: float, top: float) -> str:
    w, h = math.ceil(width), math.ceil(height)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}" font-family="{FONT}" font-size="{FONT_SIZE}px">'
            f'<rect width="{w}" height="{h}" fill="white"/>'
            f'<g transform="translate({_n(left)},{_n(top)})">{"".join(body)}</g></svg>')


def _text(x: float, y: float, text: str, anchor: str, extra: str = "") -> str:
    return (f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{LABEL}"{extra}>'
            f'{escape(text)}</text>')


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> str:
    return (f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
            f'stroke="{stroke}"{extra}/>')


def draw_line(chart: LineChart, width: float = 420, height: float = 180,
              lang: str = "id") -> str:
    values = [v for _, v in chart.rows]
    lo, hi = _domain(values, chart.y_max, 5)
    steps = ticks(lo, hi, 5)
    step = steps[1] - steps[0] if len(steps) > 1 else 1.0

    def y(v: float) -> float:
        return height - (v - lo) / (hi - lo) * height

    n = len(chart.rows)
    band = width / n if n else width  # point scale, padding 0.5: points in the middle of steps

    def x(i: int) -> float:
        return band * (i + 0.5)

    slanted = n > 4
    y_labels = [tick_label(t, step, lang) for t in steps]
    left = TICK + 3 + max(_text_width(t) for t in y_labels) + 4
    longest = max((_text_width(p) for p, _ in chart.rows), default=0.0)
    if slanted:
        rad = math.radians(SLANT)
        bottom = TICK + 3 + longest * math.sin(rad) + FONT_SIZE * math.cos(rad) + 4
        left = max(left, longest * math.cos(rad) - x(0) + 4)
    else:
        bottom = TICK + 3 + FONT_SIZE + 4
    top = FONT_SIZE / 2 + 2
    right = 8.0  # a centred last label may reach past the plot: leave it room
    if chart.rows and not slanted:
        right = max(right, _text_width(chart.rows[-1][0]) / 2 - band / 2 + 4)

    body = [_line(0, y(t), width, y(t), GRID) for t in steps]
    body.append(_line(0, 0, 0, height, AXIS))
    body.append(_line(0, height, width, height, AXIS))
    for t, label in zip(steps, y_labels, strict=True):
        body.append(_line(-TICK, y(t), 0, y(t), AXIS))
        body.append(_text(-TICK - 3, y(t) + FONT_SIZE / 3, label, "end"))
    for i, (p, _) in enumerate(chart.rows):
        body.append(_line(x(i), height, x(i), height + TICK, AXIS))
        if slanted:
            ty = height + TICK + 3 + FONT_SIZE * 0.7
            body.append(_text(x(i), ty, p, "end", f' transform="rotate(-{SLANT} {_n(x(i))} '
                                                   f'{_n(ty)})"'))
        else:
            body.append(_text(x(i), height + TICK + 3 + FONT_SIZE * 0.8, p, "middle"))
    if chart.reference is not None and lo <= chart.reference <= hi:
        body.append(_line(0, y(chart.reference), width, y(chart.reference), ACCENT,
                          ' stroke-width="1.5" stroke-dasharray="4 3"'))
    points = " ".join(f"{_n(x(i))},{_n(y(v))}" for i, (_, v) in enumerate(chart.rows))
    if n > 1:
        body.append(f'<polyline points="{points}" fill="none" stroke="{PRIMARY}" '
                    f'stroke-width="2.5" stroke-linejoin="round"/>')
    body += [f'<circle cx="{_n(x(i))}" cy="{_n(y(v))}" r="4.4" fill="{PRIMARY}"/>'
             for i, (_, v) in enumerate(chart.rows)]
    return _svg(left + width + right, top + height + bottom, body, left, top)


def draw_bar(chart: BarChart, width: float = 360, lang: str = "id") -> str:
    n = len(chart.rows)
    height = max(60, 24 * n)
    values = [v for _, v in chart.rows]
    lo, hi = _domain(values, chart.x_max, 6)
    steps = ticks(lo, hi, 6)
    step = steps[1] - steps[0] if len(steps) > 1 else 1.0

    def x(v: float) -> float:
        return (min(max(v, lo), hi) - lo) / (hi - lo) * width  # clamped, as the old chart

    band = height / n if n else height
    thick = band * 0.7
    labels = [_fit(k, LABEL_LIMIT) for k, _ in chart.rows]
    left = TICK + 3 + max((_text_width(k) for k in labels), default=0.0) + 4
    x_labels = [tick_label(t, step, lang) for t in steps]
    right = max(8.0, _text_width(x_labels[-1]) / 2 + 2)
    top, bottom = 4.0, TICK + 3 + FONT_SIZE + 4

    body = [_line(x(t), 0, x(t), height, GRID) for t in steps]
    body.append(_line(0, height, width, height, AXIS))
    body.append(_line(0, 0, 0, height, AXIS))
    for t, label in zip(steps, x_labels, strict=True):
        body.append(_line(x(t), height, x(t), height + TICK, AXIS))
        body.append(_text(x(t), height + TICK + 3 + FONT_SIZE * 0.8, label, "middle"))
    for i, ((_, v), label) in enumerate(zip(chart.rows, labels, strict=True)):
        mid = band * (i + 0.5)
        x0, x1 = x(min(0.0, v)), x(max(0.0, v))
        body.append(f'<rect x="{_n(x0)}" y="{_n(mid - thick / 2)}" width="{_n(x1 - x0)}" '
                    f'height="{_n(thick)}" fill="{PRIMARY}"/>')
        body.append(_line(-TICK, mid, 0, mid, AXIS))
        body.append(_text(-TICK - 3, mid + FONT_SIZE / 3, label, "end"))
    if chart.reference is not None and lo <= chart.reference <= hi:
        body.append(_line(x(chart.reference), 0, x(chart.reference), height, ACCENT,
                          ' stroke-width="2" stroke-dasharray="4 3"'))
    return _svg(left + width + right, top + height + bottom, body, left, top)


def draw(chart: LineChart | BarChart, lang: str = "id") -> str:
    """The SVG text of a chart, its axis numbers in `lang`."""
    if isinstance(chart, LineChart):
        return draw_line(chart, lang=lang)
    return draw_bar(chart, lang=lang)
