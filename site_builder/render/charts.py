"""Charts drawn at build time as static SVG files (no chart JavaScript in the browser, nothing
from a CDN). The pages show them with `<img alt="...">` beside an HTML table that carries the
same numbers, so the SVG is a picture: its text alternative is on the page.

Two shapes only: one series over ordered periods (`line_chart`) and horizontal bars
(`bar_chart`), each with an optional dashed reference line. They were drawn with Altair +
vl-convert until issue 7 measured ~25 ms a chart; drawn here, a chart costs well under a
millisecond. Scales follow Vega's defaults (d3's "nice" ticks, a point scale with half-step
padding).

Drawn for a phone (issue 14): every chart is `WIDTH` px wide, the content width of a 360 px
screen, so its 12 px text is shown at 12 px there; wider screens get the same chart drawn
`WIDE` px wide (pages never stretch a chart, so text stays 12 px everywhere). Bars carry their
full label *above* the bar, wrapped onto at most two lines (shortened with "…" only past that;
every bar's `<title>` and the page's table hold the whole name), and their value at the end of
the label's first line. Line charts label periods in two short lines (TW1 / 2025) in the
page's language. Text widths are estimated with the advance widths of DejaVu Sans, the widest
of the usual fallback fonts, so labels never run out of the picture. Charts carry no
translated words of their own (the page's heading and caption say what is shown); numbers and
periods are written in the page's language by the pages' one formatter (`formatting`), so each
language has its own SVG."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from site_builder.render.formatting import format_number, period_tick

PRIMARY = "#1d5b79"
ACCENT = "#b45309"
TRACK = "#e8edf1"
GRID = "#d9dee3"
AXIS = "#888"
LABEL = "#333"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
FONT_SIZE = 12
WIDTH = 328  # px: a 360 px screen less Material's 0.8 rem margins (16 px) on both sides
WIDE = 640  # px: the same chart for screens of 45 em and more (pages pick it with <picture>)
LINE = 15  # px between two lines of text
BAR = 12  # bar thickness
GAP = 10  # below a bar, before the next row's label
PAD = 4  # left and right of the picture
TICK = 5
MAX_LINES = 2  # a bar's label wraps onto at most this many lines
LINE_PLOT_HEIGHT = 150

# Advance widths of DejaVu Sans in 1/1000 em, printable ASCII (measured in Chromium); other
# characters count as wide letters (CJK and the like as a full em).
_EM = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~",
    (318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
     *([636] * 10), 337, 337, 838, 838, 838, 531, 1000,
     684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695,
     635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500,
     613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411,
     521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838), strict=True))
_EM.update({"·": 318, "–": 500, "—": 1000, "…": 1000, "−": 838})
_BOLD = 1.1  # bold DejaVu Sans is about a tenth wider


@dataclass(frozen=True)
class LineChart:
    """One series over ordered periods (period codes, labelled per language when drawn)."""

    rows: tuple[tuple[str, float], ...]
    y_max: float | None
    reference: float | None


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, drawn in the given order; values shown with `places` decimals."""

    rows: tuple[tuple[str, float], ...]
    x_max: float | None
    reference: float | None
    places: int = 2


def line_chart(rows: list[dict[str, Any]], *, y_max: float | None = None,
               reference: float | None = None) -> LineChart:
    """Rows of {"p": period code, "v": number}, in order. `y_max` fixes the top of the axis
    (made "nice" like Vega's); `reference` draws a dashed horizontal line."""
    return LineChart(tuple((str(r["p"]), float(r["v"])) for r in rows), y_max, reference)


def bar_chart(rows: list[dict[str, Any]], *, x_max: float | None = None,
              reference: float | None = None, places: int = 2) -> BarChart:
    """Rows of {"k": label, "v": number}. `x_max` fixes the end of the axis, and longer bars
    are cut at it (clamped; their value is still written in full); `reference` draws a dashed
    vertical line through every bar."""
    return BarChart(tuple((str(r["k"]), float(r["v"])) for r in rows), x_max, reference, places)


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


# --- text -----------------------------------------------------------------------------------

def _advance(c: str) -> int:
    return _EM.get(c, 1000 if ord(c) >= 0x2E80 else 700)


@lru_cache(maxsize=16384)
def _units(text: str) -> int:
    """Advance of `text` in 1/1000 em (remembered: labels repeat the same words)."""
    return sum([_advance(c) for c in text])


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Estimated width in px of `text` at `size` px (DejaVu Sans; see `_EM`)."""
    return _units(text) * size / 1000 * (_BOLD if bold else 1.0)


def _cut(text: str, limit: float) -> str:
    """`text` shortened with "…" to fit `limit` px."""
    if text_width(text) <= limit:
        return text
    room = limit * 1000 / FONT_SIZE - _units("…")
    used, keep = 0, 0
    for c in text:
        used += _advance(c)
        if used > room:
            break
        keep += 1
    return text[:keep].rstrip() + "…"


def wrap(text: str, width: float, *, first: float | None = None,
         lines: int = MAX_LINES) -> list[str]:
    """`text` on at most `lines` lines of `width` px (the first line `first` px), broken
    between words (a word longer than a line is broken inside); the last line ends with "…"
    when the text does not fit."""
    limits = [first if first is not None else width] + [width] * (lines - 1)
    space = text_width(" ")
    out: list[str] = []
    words = text.split()
    current: list[str] = []
    used = 0.0
    i = 0
    while i < len(words):
        word = words[i]
        w = text_width(word)
        limit = limits[len(out)]
        if used + (space if current else 0.0) + w <= limit:
            used += (space if current else 0.0) + w
            current.append(word)
            i += 1
            continue
        if not current:  # one word wider than the line: break it inside
            keep = len(_cut(word, limit + text_width("…")).rstrip("…")) or 1
            current, words[i] = [word[:keep]], word[keep:]
        if len(out) == lines - 1:
            out.append(_cut(" ".join(current + words[i:]), limit))
            return out
        out.append(" ".join(current))
        current, used = [], 0.0
    if current or not out:
        out.append(" ".join(current))
    return out


def _n(x: float) -> str:
    """Coordinates with at most two decimals, no trailing zeros."""
    r = round(x, 2)
    i = int(r)
    return str(i) if r == i else repr(r)


# --- drawing --------------------------------------------------------------------------------

def _svg(width: float, height: float, body: list[str]) -> str:
    w, h = math.ceil(width), math.ceil(height)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}" font-family="{FONT}" font-size="{FONT_SIZE}px">'
            f'<rect width="{w}" height="{h}" fill="white"/>{"".join(body)}</svg>')


def _text(x: float, y: float, text: str, anchor: str, extra: str = "") -> str:
    return (f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{LABEL}"{extra}>'
            f'{escape(text)}</text>')


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> str:
    return (f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
            f'stroke="{stroke}"{extra}/>')


def draw_line(chart: LineChart, lang: str = "id", width: float = WIDTH,
              height: float = LINE_PLOT_HEIGHT) -> str:
    """The line chart `width` px wide: y axis on the left, periods below in two lines (the
    part of the year, then the year where it changes); labels that would touch are thinned
    to every second, third, … period."""
    values = [v for _, v in chart.rows]
    lo, hi = _domain(values, chart.y_max, 5)
    steps = ticks(lo, hi, 5)
    step = steps[1] - steps[0] if len(steps) > 1 else 1.0
    y_labels = [tick_label(t, step, lang) for t in steps]
    left = math.ceil(PAD + max(text_width(t) for t in y_labels) + 3 + TICK)
    top = FONT_SIZE / 2 + 2
    plot = width - left - PAD
    n = len(chart.rows)
    band = plot / n if n else plot

    def x(i: int) -> float:
        return left + band * (i + 0.5)

    def y(v: float) -> float:
        return top + height - (v - lo) / (hi - lo) * height

    labels = [period_tick(p, lang) for p, _ in chart.rows]
    widest = max((text_width(a) for a, _ in labels), default=0.0)
    every = max(1, math.ceil((widest + 6) / band)) if n else 1
    base = top + height
    body = [_line(left, y(t), left + plot, y(t), GRID) for t in steps]
    body.append(_line(left, top, left, base, AXIS))
    body.append(_line(left, base, left + plot, base, AXIS))
    for t, label in zip(steps, y_labels, strict=True):
        body.append(_line(left - TICK, y(t), left, y(t), AXIS))
        body.append(_text(left - TICK - 3, y(t) + FONT_SIZE / 3, label, "end"))
    shown_year = ""
    for i, (part, year) in enumerate(labels):
        body.append(_line(x(i), base, x(i), base + TICK, AXIS))
        if (n - 1 - i) % every:  # thinned from the right: the latest period keeps its label
            continue
        body.append(_text(x(i), base + TICK + 3 + FONT_SIZE * 0.8, part, "middle"))
        if year and year != shown_year:
            body.append(_text(x(i), base + TICK + 3 + FONT_SIZE * 0.8 + LINE, year, "middle"))
            shown_year = year
    if chart.reference is not None and lo <= chart.reference <= hi:
        body.append(_line(left, y(chart.reference), left + plot, y(chart.reference), ACCENT,
                          ' stroke-width="1.5" stroke-dasharray="4 3"'))
    points = " ".join(f"{_n(x(i))},{_n(y(v))}" for i, (_, v) in enumerate(chart.rows))
    if n > 1:
        body.append(f'<polyline points="{points}" fill="none" stroke="{PRIMARY}" '
                    f'stroke-width="2.5" stroke-linejoin="round"/>')
    for i, (_, v) in enumerate(chart.rows):
        when = " ".join(s for s in labels[i] if s)
        body.append(f'<circle cx="{_n(x(i))}" cy="{_n(y(v))}" r="4.4" fill="{PRIMARY}">'
                    f'<title>{escape(when)}: {escape(format_number(v, lang))}</title></circle>')
    two_lines = any(year for _, year in labels)
    bottom = TICK + 3 + FONT_SIZE + (LINE if two_lines else 0) + 4
    return _svg(width, base + bottom, body)


def draw_bar(chart: BarChart, lang: str = "id", width: float = WIDTH) -> str:
    """The bar chart `width` px wide: per row, the label (up to two lines) with the value at
    the end of its first line, then the bar on a light track of the axis' whole length; the
    axis with its numbers below the last bar."""
    values = [v for _, v in chart.rows]
    lo, hi = _domain(values, chart.x_max, 5)
    steps = ticks(lo, hi, 5)
    step = steps[1] - steps[0] if len(steps) > 1 else 1.0
    x_labels = [tick_label(t, step, lang) for t in steps]
    x0 = PAD + max(4, math.ceil(text_width(x_labels[0]) / 2))  # room for the centred
    x1 = width - PAD - max(12, math.ceil(text_width(x_labels[-1]) / 2))  # first and last tick

    def x(v: float) -> float:
        return x0 + (min(max(v, lo), hi) - lo) / (hi - lo) * (x1 - x0)  # clamped

    body: list[str] = []
    row_top = 4.0
    for label, v in chart.rows:
        value = format_number(v, lang, chart.places)
        room = x1 - x0 - text_width(value, bold=True) - 8
        lines = wrap(label, x1 - x0, first=room)
        parts = [f"<g><title>{escape(label)}: {escape(value)}</title>"]
        for i, line in enumerate(lines):
            parts.append(_text(x0, row_top + FONT_SIZE * 0.9 + i * LINE, line, "start"))
        parts.append(_text(x1, row_top + FONT_SIZE * 0.9, value, "end", ' font-weight="700"'))
        bar_top = row_top + len(lines) * LINE + 2
        parts.append(f'<rect x="{_n(x0)}" y="{_n(bar_top)}" width="{_n(x1 - x0)}" '
                     f'height="{BAR}" fill="{TRACK}"/>')
        a, b = x(min(0.0, v)), x(max(0.0, v))
        parts.append(f'<rect x="{_n(a)}" y="{_n(bar_top)}" width="{_n(b - a)}" '
                     f'height="{BAR}" fill="{PRIMARY}"/>')
        if chart.reference is not None and lo <= chart.reference <= hi:
            parts.append(_line(x(chart.reference), bar_top - 3, x(chart.reference),
                               bar_top + BAR + 3, ACCENT,
                               ' stroke-width="2" stroke-dasharray="3 2"'))
        parts.append("</g>")
        body.append("".join(parts))
        row_top = bar_top + BAR + GAP
    axis = row_top - GAP + 6
    body.append(_line(x0, axis, x1, axis, AXIS))
    for t, label in zip(steps, x_labels, strict=True):
        body.append(_line(x(t), axis, x(t), axis + TICK, AXIS))
        body.append(_text(x(t), axis + TICK + 3 + FONT_SIZE * 0.8, label, "middle"))
    return _svg(width, axis + TICK + 3 + FONT_SIZE + 4, body)


def draw(chart: LineChart | BarChart, lang: str = "id", width: float = WIDTH) -> str:
    """The SVG text of a chart `width` px wide, its numbers and periods in `lang`."""
    if isinstance(chart, LineChart):
        return draw_line(chart, lang, width)
    return draw_bar(chart, lang, width)
