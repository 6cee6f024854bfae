"""Charts: the fast path (Vega compiled once per chart shape, rows filled in) draws exactly
what vl-convert draws from the whole Vega-Lite spec, and the renderer's cache and background
threads give each chart once."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import vl_convert as vlc

from site_builder.render import charts as ch

HOSTILE = '<script>alert("x")</script> & "quoted" \'single\''


def _cases() -> list[tuple[str, dict[str, Any]]]:
    months = [{"p": f"2025-{m:02d}", "v": 70 + 3 * m} for m in range(1, 13)]
    return [
        ("line, 3 periods, capped axis, reference", ch.line_chart(
            months[:3], y_max=120, reference=100)),
        ("line, 12 periods, slanted labels, no reference", ch.line_chart(months, y_max=150.5)),
        ("line, free axis", ch.line_chart(months[:6])),
        ("line, one point", ch.line_chart(months[:1], y_max=120, reference=100)),
        ("bar, one row", ch.bar_chart([{"k": "IKU-1", "v": 97.5}], x_max=120, reference=100)),
        ("bar, 9 rows, IKM line", ch.bar_chart(
            [{"k": f"Unit {i}", "v": 60 + 4 * i} for i in range(9)], x_max=100,
            reference=76.61)),
        ("bar, hostile label, no reference", ch.bar_chart(
            [{"k": HOSTILE, "v": 50}, {"k": "b", "v": 75}], x_max=100)),
        ("bar, free axis", ch.bar_chart([{"k": "a", "v": 12.25}, {"k": "b", "v": 130}])),
    ]


@pytest.mark.parametrize("name,spec", _cases(), ids=[c[0] for c in _cases()])
def test_compiled_once_draws_the_same_svg_as_the_whole_spec(name: str,
                                                            spec: dict[str, Any]) -> None:
    whole = vlc.vegalite_to_svg(spec, format_locale=ch.ID_FORMAT_LOCALE)
    assert ch._draw(spec) == whole


def test_same_shape_different_rows_share_one_compilation() -> None:
    ch._vega_skeleton.cache_clear()
    a = ch.bar_chart([{"k": "a", "v": 1}], x_max=100, reference=50)
    b = ch.bar_chart([{"k": f"k{i}", "v": i} for i in range(7)], x_max=120, reference=70)
    va, vb = ch.to_vega(a), ch.to_vega(b)
    assert ch._vega_skeleton.cache_info().currsize == 1
    assert va["height"] == 60 and vb["height"] == 24 * 7
    rows_b = next(d for d in vb["data"] if d["name"] == "pk_rows")["values"]
    assert [r["k"] for r in rows_b] == [f"k{i}" for i in range(7)]
    # the skeleton itself is never changed by filling it in
    rows_a = next(d for d in ch.to_vega(a)["data"] if d["name"] == "pk_rows")["values"]
    assert rows_a == [{"k": "a", "v": 1}]


def test_renderer_draws_each_chart_once_and_reuses_the_cache(tmp_path: Path) -> None:
    specs = [spec for _, spec in _cases()]
    first = ch.ChartRenderer(tmp_path / "cache")
    futures = [first.submit(s) for s in specs + specs]  # the same chart twice: drawn once
    svgs = [f.result() for f in futures]
    first.close()
    assert first.rendered == len(specs) and first.cached == 0
    assert svgs[: len(specs)] == svgs[len(specs):]
    assert len(list((tmp_path / "cache").glob("*.svg"))) == len(specs)
    assert not list((tmp_path / "cache").glob("*.tmp"))

    second = ch.ChartRenderer(tmp_path / "cache")
    assert second.svg(specs[0]) == svgs[0]
    assert second.rendered == 0 and second.cached == 1
    assert second.prune() == len(specs) - 1  # charts this build did not use are removed
    second.close()


def test_a_failing_chart_raises_where_the_page_waits_for_it() -> None:
    renderer = ch.ChartRenderer(None)
    bad = dict(ch.bar_chart([{"k": "a", "v": 1}]))  # a plain spec: compiled whole
    bad["mark"] = {"type": "no-such-mark"}
    bad.pop("layer", None)
    future = renderer.submit(bad)
    with pytest.raises(Exception):  # noqa: B017 - vl-convert's own error type
        future.result()
    renderer.close()


def test_the_templates_file_is_what_altair_builds_today() -> None:
    """chart_templates.json is generated (`python -m site_builder.render.charts`); a change of
    the Altair code, the config or the Altair version must regenerate it."""
    import json

    assert json.loads(ch.TEMPLATES_FILE.read_text(encoding="utf-8")) == ch.altair_templates()


def test_a_build_does_not_import_altair() -> None:
    import subprocess
    import sys

    code = ("import sys; from site_builder.render import charts as ch; "
            "s = ch.bar_chart([{'k': 'a', 'v': 1}], x_max=100, reference=50); ch._draw(s); "
            "print('altair' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
