"""The page model picks each office's rows whatever the order of the marts; the site check
reads references the way a browser does and resolves links against the built files."""
from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from site_builder.render.escaping import collapse
from site_builder.render.formatting import format_number, format_period
from site_builder.render.site_check import check_site
from site_builder.render.view import build_model
from tests.fixtures.marts import make_marts
from tests.site.fixtures import NOW, make_config

D = Decimal


def _office(model, kode):  # type: ignore[no-untyped-def]
    return next(o for o in model.offices if o.kode == kode)


def test_model_rows_do_not_depend_on_the_order_of_the_marts(tmp_path: Path) -> None:
    marts = make_marts()
    # Reversed marts; DINKES also has a TW4 without any realisation yet (not shown) and ten
    # months of complaints (issue 15: every period is shown, oldest first).
    extra = marts.indikator[marts.indikator["kantor_kode"] == "DINKES"].copy()
    extra = extra[extra["periode"] == "2025-TW3"].assign(periode="2025-TW4", realisasi=None)
    marts.indikator = pd.concat([marts.indikator, extra]).iloc[::-1].reset_index(drop=True)
    marts.kantor = marts.kantor.iloc[::-1].reset_index(drop=True)
    months = pd.DataFrame([{"kantor_kode": "DINKES", "periode": f"2025-{m:02d}", "masuk": m,
                            "ditanggapi_tepat_waktu": m, "selesai": m, "selesai_tepat_waktu": m,
                            "masih_terbuka": 0, "median_hari_selesai": D("1.0"),
                            "versi_aturan": "lapor@1"} for m in range(10, 0, -1)], dtype=object)
    others = marts.pengaduan[marts.pengaduan["kantor_kode"] != "DINKES"]
    marts.pengaduan = pd.concat([months, others]).reset_index(drop=True)

    model = build_model(marts, make_config(tmp_path), NOW)
    dinkes = _office(model, "DINKES")
    assert dinkes.indikator_period == "2025-TW3"
    assert [r["indikator_kode"] for r in dinkes.indikator] == ["IKU-1", "IKU-2", "IKU-3", "IKU-4"]
    assert {r["periode"] for r in dinkes.indikator} == {"2025-TW3"}
    assert [r["periode"] for r in dinkes.index_history] == ["2025-TW1", "2025-TW2", "2025-TW3"]
    assert dinkes.latest is not None and dinkes.latest["indeks_kinerja"] == D("89.25")
    assert [r["periode"] for r in dinkes.pengaduan] == [f"2025-{m:02d}" for m in range(1, 11)]
    assert dinkes.skm_period == "2025-TW3" and dinkes.ikm_latest == D("86.30")
    assert [u["unit_layanan"] for u in dinkes.skm] == ["Loket Terpadu", "Puskesmas Kota"]
    assert _office(model, "DISDIK").indikator_period == "2025-TW3"
    kec = _office(model, "KEC-UTARA")
    assert kec.indikator == [] and kec.indikator_period is None and kec.skm_office is None


@pytest.mark.parametrize(("value", "lang", "places", "expected"), [
    (D("-1234.5"), "id", 2, "-1.234,50"),
    (D("-1234.5"), "en", 2, "-1,234.50"),
    (D("2.45"), "en", 1, "2.5"),
    (D("-2.45"), "en", 1, "-2.5"),  # half up: away from zero
    (D("999.995"), "id", 2, "1.000,00"),
    (D("1234567"), "en", 0, "1,234,567"),
    ("12.5", "id", 3, "12,500"),
])
def test_format_number_signs_and_places(value: object, lang: str, places: int,
                                         expected: str) -> None:
    assert format_number(value, lang, places) == expected


def test_format_period_per_language_and_cell_type() -> None:
    assert format_period("2025-03", "en") == "March 2025"
    assert format_period("2025-03", "id") == "Maret 2025"
    assert format_period(2025, "id") == "2025"
    assert format_period("2025", "en") == "2025"
    assert format_period("bukan periode", "id") == "bukan periode"


def test_collapse_turns_control_and_line_separators_into_spaces() -> None:
    assert collapse("a\x00b\u2028c\u2029d\x85e\x7ff\tg  h\u00a0i ") == "a b c d e f g h i"


def _page(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_site_check_reads_references_like_a_browser(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site / "a" / "index.html", "<p>a</p>")
    (site / "img").mkdir()
    (site / "img" / "x.png").write_bytes(b"png")
    _page(site / "index.html",
          '<!-- <a href="commented/">x</a> -->'
          "<script>var s = '<img src=\"in-script.png\">';</script>"
          '<a href="a/">ok</a><a href="./a/index.html#top">ok</a><a href="#here">ok</a>'
          '<img srcset="img/x.png 1x, img/missing.png 2x">'
          '<div style="background: url(\'img/gone.png\')"></div>'
          '<link rel="canonical" href="https://portal.contoh.go.id/">'
          '<a href="../outside.html">out</a><a href="/portal/a/">abs</a>')
    problems = check_site(site)
    assert problems == [
        "index.html: broken link img[srcset]=img/missing.png",
        "index.html: broken link div[style]=img/gone.png",
        "index.html: broken link a[href]=../outside.html",
        "index.html: broken link a[href]=/portal/a/",
    ]
    # Served under /portal/, the absolute link is the page a/.
    assert "index.html: broken link a[href]=/portal/a/" not in check_site(site, "/portal/")


def test_site_check_follows_symbolic_links_out_of_the_site(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text("<p>x</p>", encoding="utf-8")
    site = tmp_path / "site"
    _page(site / "a" / "index.html", "<p>a</p>")
    os.symlink(outside, site / "out")
    _page(site / "index.html", '<a href="out/secret.html">x</a><a href="a/">ok</a>')
    assert check_site(site) == ["index.html: broken link a[href]=out/secret.html"]


def test_site_check_reads_style_elements_and_allowed_hosts(tmp_path: Path) -> None:
    """CSS in a `<style>` element is CSS too: its @import and url() are checked like a
    stylesheet file's; URLs on an allowed host (the site's own) are the site."""
    site = tmp_path / "site"
    _page(site / "index.html",
          '<style>@import "https://fonts.example/x.css"; p{background:url(//cdn.example/b.png)}'
          "</style><img src=\"https://pemda.github.io/portal/logo.png\" alt=\"\">")
    assert check_site(site) == [
        "index.html: loads https://fonts.example/x.css from another host (style[css])",
        "index.html: loads //cdn.example/b.png from another host (style[css])",
        "index.html: loads https://pemda.github.io/portal/logo.png from another host (img[src])",
    ]
    assert len(check_site(site, allowed_hosts={"pemda.github.io"})) == 2
