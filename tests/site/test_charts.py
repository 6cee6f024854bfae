"""Charts: static SVG drawn at build time. Expectations are worked out by hand from the
geometry (d3's nice ticks, a 360 px bar plot, a 420 x 180 line plot), not copied from output."""
from __future__ import annotations

import re

import pytest
from lxml import etree

from site_builder.render import charts as ch

HOSTILE = '<script>alert("x")</script> & "quoted" \'single\''


def _tree(svg: str) -> etree._Element:
    root = etree.fromstring(svg.encode("utf-8"))  # well-formed XML, or this raises
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def _all(root: etree._Element, tag: str) -> list[etree._Element]:
    return root.findall(f".//{{http://www.w3.org/2000/svg}}{tag}")


def _texts(root: etree._Element) -> list[str]:
    return [t.text or "" for t in _all(root, "text")]


@pytest.mark.parametrize("lo,hi,count,expected", [
    (0, 120, 6, [0, 20, 40, 60, 80, 100, 120]),  # step 20: 120/6 = 20 -> 2 x 10
    (0, 100, 6, [0, 20, 40, 60, 80, 100]),  # 100/6 = 16.7 -> error 1.67 >= sqrt 2 -> 20
    (0, 120, 5, [0, 20, 40, 60, 80, 100, 120]),  # 24 -> error 2.4 < sqrt 10 -> 20
    (0, 5, 6, [0, 1, 2, 3, 4, 5]),
    (0, 2, 5, [0, 0.5, 1, 1.5, 2]),  # 0.4 -> error 4 >= sqrt 10 -> 0.5
    (0, 1000, 5, [0, 200, 400, 600, 800, 1000]),
])
def test_ticks_are_d3s_round_values(lo: float, hi: float, count: int,
                                    expected: list[float]) -> None:
    assert ch.ticks(lo, hi, count) == expected


@pytest.mark.parametrize("hi,count,expected", [
    (120, 5, 120),  # already a multiple of its step 20
    (123.4, 5, 140),  # step 20 (24.7 -> 2 x 10): up to the next 20
    (97, 6, 100),  # step 20 (16.2 -> 2 x 10): 97 -> 100
    (200, 6, 200),
    (7.3, 6, 8),  # step 1 (1.2 < sqrt 2): 7.3 -> 8
])
def test_nice_domain_widens_to_a_whole_step(hi: float, count: int, expected: float) -> None:
    assert ch.nice_domain(0, hi, count) == (0, expected)


@pytest.mark.parametrize("value,step,text", [
    (0, 20, "0"), (1000, 200, "1.000"), (1250000, 250000, "1.250.000"), (2.5, 0.5, "2,5"),
    (0.25, 0.05, "0,25"),
])
def test_tick_labels_are_written_the_indonesian_way(value: float, step: float,
                                                    text: str) -> None:
    assert ch.tick_label(value, step) == text


@pytest.mark.parametrize("value,step,text", [
    (1000, 200, "1,000"), (1250000, 250000, "1,250,000"), (2.5, 0.5, "2.5"), (0.25, 0.05, "0.25"),
])
def test_tick_labels_on_english_pages(value: float, step: float, text: str) -> None:
    assert ch.tick_label(value, step, "en") == text


def test_a_chart_writes_its_axis_in_the_page_language() -> None:
    chart = ch.bar_chart([{"k": "A", "v": 1.5}, {"k": "B", "v": 2.5}], x_max=3)
    assert "0,5" in _texts(_tree(ch.draw(chart, "id")))
    assert "0.5" in _texts(_tree(ch.draw(chart, "en")))


def test_bar_lengths_are_proportional_and_clamped_at_the_axis_end() -> None:
    svg = ch.draw(ch.bar_chart([{"k": "IKU-01", "v": 60}, {"k": "IKU-02", "v": 150},
                                {"k": "SP-01", "v": 0}], x_max=120, reference=100))
    root = _tree(svg)
    bars = [r for r in _all(root, "rect") if r.get("fill") == ch.PRIMARY]
    # domain [0, 120] on 360 px: 60 -> 180 px; 150 is cut at 120 -> 360 px; 0 -> no width
    assert [float(b.get("width")) for b in bars] == [180, 360, 0]
    # 3 rows: height max(60, 72) = 72, band 24, bars 70 % of it, centred in their band
    assert [float(b.get("height")) for b in bars] == [16.8] * 3
    assert [float(b.get("y")) for b in bars] == [3.6, 27.6, 51.6]
    ref = [ln for ln in _all(root, "line") if ln.get("stroke") == ch.ACCENT]
    assert len(ref) == 1 and float(ref[0].get("x1")) == 300  # 100 of 120 on 360 px
    assert ref[0].get("stroke-dasharray") == "4 3"
    texts = _texts(root)
    assert texts[:7] == ["0", "20", "40", "60", "80", "100", "120"]
    assert texts[7:] == ["IKU-01", "IKU-02", "SP-01"]


def test_bar_chart_height_grows_with_rows_and_the_size_is_on_the_svg_element() -> None:
    one = _tree(ch.draw(ch.bar_chart([{"k": "a", "v": 1}], x_max=100)))
    nine = _tree(ch.draw(ch.bar_chart([{"k": f"u{i}", "v": i} for i in range(9)], x_max=100)))
    # plot 60 and 216 px, plus 4 above and 5 + 3 + 12 + 4 = 24 below
    assert one.get("height") == "88" and nine.get("height") == "244"
    for root in (one, nine):
        w = int(root.get("width"))
        assert root.get("viewBox") == f"0 0 {w} {root.get('height')}" and w > 360
    svg = ch.draw(ch.bar_chart([{"k": "a", "v": 1}]))
    assert re.search(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"', svg)


def test_long_labels_are_cut_and_the_plot_moves_right_to_fit_them() -> None:
    short = _tree(ch.draw(ch.bar_chart([{"k": "Loket A", "v": 80}], x_max=100)))
    long_label = "Unit Layanan Administrasi Kependudukan Kecamatan Sukamaju Timur"
    long = _tree(ch.draw(ch.bar_chart([{"k": long_label, "v": 80}], x_max=100)))
    label = [t for t in _texts(long) if t.startswith("Unit")][0]
    assert label.endswith("…") and len(label) * ch.CHAR_WIDTH <= ch.LABEL_LIMIT + ch.CHAR_WIDTH
    assert int(long.get("width")) > int(short.get("width"))


def test_line_points_sit_in_the_middle_of_their_steps_on_a_nice_axis() -> None:
    rows = [{"p": "2025-TW1", "v": 90}, {"p": "2025-TW2", "v": 120}, {"p": "2025-TW3", "v": 0}]
    root = _tree(ch.draw(ch.line_chart(rows, y_max=120, reference=100)))
    dots = _all(root, "circle")
    # 3 periods on 420 px: steps of 140, points at 70, 210, 350; y: 180 px for 0..120
    assert [float(d.get("cx")) for d in dots] == [70, 210, 350]
    assert [float(d.get("cy")) for d in dots] == [45, 0, 180]
    line = _all(root, "polyline")[0]
    assert line.get("points") == "70,45 210,0 350,180"
    ref = [ln for ln in _all(root, "line") if ln.get("stroke") == ch.ACCENT][0]
    assert float(ref.get("y1")) == 30  # 100 of 120 on 180 px, from the top
    assert _texts(root)[:7] == ["0", "20", "40", "60", "80", "100", "120"]
    assert not [t for t in _all(root, "text") if t.get("transform")]  # 3 labels: level


def test_more_than_four_periods_slant_their_labels_and_make_room_below() -> None:
    rows = [{"p": f"2025-{m:02d}", "v": 80 + m} for m in range(1, 13)]
    level = _tree(ch.draw(ch.line_chart(rows[:4], y_max=120)))
    slanted = _tree(ch.draw(ch.line_chart(rows, y_max=120)))
    turned = [t for t in _all(slanted, "text") if "rotate(-40" in (t.get("transform") or "")]
    assert len(turned) == 12
    assert int(slanted.get("height")) > int(level.get("height"))
    assert not _all(slanted, "line") or all(
        ln.get("stroke") != ch.ACCENT for ln in _all(slanted, "line"))  # no reference asked


def test_an_axis_end_above_the_fixed_top_is_made_nice() -> None:
    root = _tree(ch.draw(ch.line_chart([{"p": "a", "v": 123.4}], y_max=123.4)))
    assert "140" in _texts(root) and "120" in _texts(root)
    assert float(_all(root, "circle")[0].get("cy")) == pytest.approx(180 - 123.4 / 140 * 180,
                                                                     abs=0.01)


def test_sheet_text_in_labels_is_escaped() -> None:
    svg = ch.draw(ch.bar_chart([{"k": HOSTILE, "v": 5}], x_max=10))
    assert "<script" not in svg and "&lt;script&gt;" in svg
    root = _tree(svg)
    assert not _all(root, "script")
    assert any(t.startswith('<script>alert("x")') for t in _texts(root))
    line = ch.draw(ch.line_chart([{"p": HOSTILE, "v": 1}]))
    assert "<script" not in line and not _all(_tree(line), "script")


def test_no_data_and_single_values_still_draw() -> None:
    for chart in (ch.bar_chart([{"k": "a", "v": 0}]), ch.line_chart([{"p": "x", "v": 0}]),
                  ch.bar_chart([{"k": "a", "v": 0.3}]), ch.line_chart([{"p": "x", "v": 5}])):
        root = _tree(ch.draw(chart))
        assert int(root.get("width")) > 0 and int(root.get("height")) > 0
    # the "free" axis (no fixed end) starts at zero and reaches past the largest value
    texts = _texts(_tree(ch.draw(ch.bar_chart([{"k": "a", "v": 12.25}, {"k": "b", "v": 130}]))))
    assert texts[0] == "0" and "140" in texts


def test_a_chart_has_no_links_scripts_or_outside_references() -> None:
    svg = ch.draw(ch.line_chart([{"p": f"p{i}", "v": i} for i in range(8)], y_max=120,
                                reference=100))
    assert "href" not in svg and "http://" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in svg
    assert "<script" not in svg and "url(" not in svg
