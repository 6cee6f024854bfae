"""Charts: static SVG drawn at build time. Expectations are worked out by hand from the
geometry (d3's nice ticks; a 328 px picture, the column of a 360 px phone: bars under their
labels, a line plot 150 px high), not copied from output."""
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
    # 328 px wide; the axis runs from 8 (4 + room for a centred "0") to 312 (328 - 4 - 12 for
    # "120"): 304 px for [0, 120]. 60 -> 152 px; 150 is cut at 120 -> 304 px; 0 -> no width
    assert [float(b.get("width")) for b in bars] == [152, 304, 0]
    assert {float(b.get("x")) for b in bars} == {8}
    # each row: a 15 px label line from y 4, 2 px, the 12 px bar, 10 px to the next row
    assert [float(b.get("y")) for b in bars] == [21, 60, 99]
    assert [float(b.get("height")) for b in bars] == [12] * 3
    tracks = [r for r in _all(root, "rect") if r.get("fill") == ch.TRACK]
    assert [float(t.get("width")) for t in tracks] == [304] * 3  # the axis' whole length
    ref = [ln for ln in _all(root, "line") if ln.get("stroke") == ch.ACCENT]
    # one dashed mark through each bar at 100 of 120: 8 + 304 * 100 / 120 = 261.33
    assert len(ref) == 3 and {float(r.get("x1")) for r in ref} == {261.33}
    assert [(float(r.get("y1")), float(r.get("y2"))) for r in ref] == [(18, 36), (57, 75),
                                                                       (96, 114)]
    texts = _texts(root)
    # label, then its value (written in full also when the bar is cut), then the axis
    assert texts[:6] == ["IKU-01", "60,00", "IKU-02", "150,00", "SP-01", "0,00"]
    assert texts[6:] == ["0", "20", "40", "60", "80", "100", "120"]
    assert root.get("width") == "328"


def test_bar_chart_height_grows_with_rows_and_the_size_is_on_the_svg_element() -> None:
    one = _tree(ch.draw(ch.bar_chart([{"k": "a", "v": 1}], x_max=100)))
    nine = _tree(ch.draw(ch.bar_chart([{"k": f"u{i}", "v": i} for i in range(9)], x_max=100)))
    # 4 above, 39 px a one-line row (15 + 2 + 12 + 10), the axis 4 px under the last bar
    # (39 n + 4 - 10 + 6 = 39 n), then 5 + 3 + 12 + 4 for its numbers: 39 n + 24
    assert one.get("height") == "63" and nine.get("height") == "375"
    for root in (one, nine):
        assert root.get("width") == "328"
        assert root.get("viewBox") == f"0 0 328 {root.get('height')}"
    svg = ch.draw(ch.bar_chart([{"k": "a", "v": 1}]))
    assert re.search(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"', svg)


def test_long_labels_wrap_onto_two_lines_above_the_bar_and_never_leave_the_picture() -> None:
    two = "IKU-02 · Persentase penduduk wajib KTP yang telah merekam KTP elektronik"
    long = ("Unit Layanan Administrasi Kependudukan dan Pencatatan Sipil Kecamatan Sukamaju "
            "Timur bagian pelayanan keliling desa terpencil dan kepulauan")
    root = _tree(ch.draw(ch.bar_chart([{"k": two, "v": 80.5}, {"k": long, "v": 95}],
                                      x_max=100)))
    texts = _texts(root)
    first, second, value = texts[:3]  # a label's lines, then its value
    assert value == "80,50"
    assert (first + " " + second) == two  # wrapped between words, nothing cut
    assert not first.endswith("…") and not second.endswith("…")
    cut = texts[4]  # the long label's second line
    assert cut.endswith("…") and long.startswith(texts[3] + " " + cut[:-1].rstrip())
    bars = [r for r in _all(root, "rect") if r.get("fill") == ch.PRIMARY]
    assert float(bars[0].get("y")) == 4 + 2 * 15 + 2  # below both lines of its label
    # every text stays inside the 328 px picture (widths of DejaVu Sans, the widest font)
    for t in _all(root, "text"):
        x, w = float(t.get("x")), ch.text_width(t.text or "", bold=t.get("font-weight") == "700")
        left = {"start": x, "middle": x - w / 2, "end": x - w}[t.get("text-anchor")]
        assert 0 <= left and left + w <= 328, t.text
    # the first line leaves room for the value at its end (the axis ends at 312)
    assert float(_all(root, "text")[0].get("x")) + ch.text_width(first) < (
        312 - ch.text_width(value, bold=True))
    titles = [t.text for t in _all(root, "title")]
    assert titles == [f"{two}: 80,50", f"{long}: 95,00"]  # the whole name, for the picture


def test_wrap_breaks_between_words_and_inside_a_word_longer_than_a_line() -> None:
    assert ch.wrap("aa bb cc", 1000) == ["aa bb cc"]
    width = ch.text_width("aa bb")
    assert ch.wrap("aa bb cc", width) == ["aa bb", "cc"]
    assert ch.wrap("aa bb cc dd ee", width, lines=2)[1].endswith("…")
    assert ch.wrap("", 100) == [""]
    word = "x" * 200
    lines = ch.wrap(word, 100)
    assert len(lines) == 2 and all(ch.text_width(x) <= 100 for x in lines)


def test_line_points_sit_in_the_middle_of_their_steps_on_a_nice_axis() -> None:
    rows = [{"p": "2025-TW1", "v": 90}, {"p": "2025-TW2", "v": 120}, {"p": "2025-TW3", "v": 0}]
    root = _tree(ch.draw(ch.line_chart(rows, y_max=120, reference=100)))
    dots = _all(root, "circle")
    # left: 4 + the widest axis number ("120", 22.9 px) + 3 + 5, up to 35; the plot runs to
    # 328 - 4 = 324: 289 px, three steps of 96.33 with the points in their middles
    xs = [float(d.get("cx")) for d in dots]
    assert xs == pytest.approx([35 + 289 / 6, 35 + 289 / 2, 35 + 289 * 5 / 6], abs=0.01)
    # y: the plot is 150 px high under a top margin of 8 (half a line + 2): 0 at 158
    assert [float(d.get("cy")) for d in dots] == [45.5, 8, 158]
    ref = [ln for ln in _all(root, "line") if ln.get("stroke") == ch.ACCENT][0]
    assert float(ref.get("y1")) == 33  # 100 of 120: 158 - 125
    texts = _texts(root)
    assert texts[:7] == ["0", "20", "40", "60", "80", "100", "120"]
    assert texts[7:] == ["TW1", "2025", "TW2", "TW3"]  # the year once, under its first period
    assert [t.text for t in _all(root, "title")] == ["TW1 2025: 90,00", "TW2 2025: 120,00",
                                                     "TW3 2025: 0,00"]


def test_period_labels_follow_the_page_language() -> None:
    rows = [{"p": "2025-TW4", "v": 90}, {"p": "2026-TW1", "v": 95}]
    assert _texts(_tree(ch.draw(ch.line_chart(rows), "en")))[-4:] == ["Q4", "2025", "Q1",
                                                                       "2026"]
    months = [{"p": "2025-05", "v": 1}, {"p": "2025-08", "v": 2}]
    assert _texts(_tree(ch.draw(ch.line_chart(months), "id")))[-3:] == ["Mei", "2025", "Agu"]
    assert _texts(_tree(ch.draw(ch.line_chart(months), "en")))[-3:] == ["May", "2025", "Aug"]


def test_crowded_period_labels_are_thinned_and_the_latest_keeps_its_label() -> None:
    rows = [{"p": f"2025-{m:02d}", "v": 80 + m} for m in range(1, 13)]
    root = _tree(ch.draw(ch.line_chart(rows, y_max=120)))
    below = [t for t in _all(root, "text") if float(t.get("y")) > 158]
    parts = [t for t in below if t.text != "2025"]
    assert parts[-1].text == "Des"  # the latest period
    assert 4 <= len(parts) < 12
    centres = [float(t.get("x")) for t in parts]
    for a, b, ta, tb in zip(centres, centres[1:], parts, parts[1:], strict=False):
        assert b - a >= (ch.text_width(ta.text) + ch.text_width(tb.text)) / 2 + 4  # no touch
    assert [t.text for t in below].count("2025") == 1
    assert not [t for t in _all(root, "text") if t.get("transform")]  # never slanted


def test_an_axis_end_above_the_fixed_top_is_made_nice() -> None:
    root = _tree(ch.draw(ch.line_chart([{"p": "a", "v": 123.4}], y_max=123.4)))
    assert "140" in _texts(root) and "120" in _texts(root)
    assert float(_all(root, "circle")[0].get("cy")) == pytest.approx(
        8 + 150 - 123.4 / 140 * 150, abs=0.01)


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
    assert texts[4] == "0" and texts[-1] == "140"


def test_a_chart_has_no_links_scripts_or_outside_references() -> None:
    svg = ch.draw(ch.line_chart([{"p": f"p{i}", "v": i} for i in range(8)], y_max=120,
                                reference=100))
    assert "href" not in svg and "http://" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in svg
    assert "<script" not in svg and "url(" not in svg
