"""Finding an office without JavaScript: groups by sector with stable anchors, the A–Z list of a
long group, the ranking by index in the headline period; stable anchors; the office pages'
search documents. Expectations written by hand from the fixture portal's marts."""
from __future__ import annotations

from types import SimpleNamespace

from site_builder.render import office_list as ol
from site_builder.render.anchors import indicator_anchors, sector_anchors, slugify, unit_anchors
from site_builder.render.search_docs import office_documents
from site_builder.render.view import build_model
from tests.fixtures.marts import make_marts
from tests.site.fixtures import NOW, make_config


def _offices(*names: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(nama=n, kode=f"K{i:02d}") for i, n in enumerate(names)]


def test_anchors_are_stable_ascii_and_unique() -> None:
    assert slugify("Kependudukan & Capil") == "kependudukan-capil"
    assert slugify("Élan") == "elan" and slugify("!!!") == "x"
    assert indicator_anchors(["IKU-01", "iku 01", "SP.2"]) == {
        "IKU-01": "ik-iku-01", "iku 01": "ik-iku-01-2", "SP.2": "ik-sp-2"}
    assert unit_anchors(["Loket Terpadu"]) == {"Loket Terpadu": "unit-loket-terpadu"}
    assert sector_anchors(["Kesehatan", ""]) == {"Kesehatan": "sektor-kesehatan",
                                                 "": "sektor-tanpa-sektor"}


def test_a_short_group_has_no_letters() -> None:
    offices = _offices(*[f"Dinas {chr(65 + i)}" for i in range(ol.LETTERS_FROM)])
    assert ol._letters("sektor-x", offices) == ([], {})  # type: ignore[arg-type]


def test_a_long_group_files_offices_under_the_letter_after_the_shared_words() -> None:
    names = ([f"Kecamatan Banyu{i}" for i in range(10)] + [f"Kecamatan Jati{i}" for i in range(10)]
             + [f"Kecamatan Sumber{i}" for i in range(5)] + ["Kecamatan 9 Ilir"])
    offices = sorted(_offices(*names), key=lambda o: ol._sort_key(o, 1))  # type: ignore[arg-type]
    letters, starts = ol._letters("sektor-kewilayahan", offices)  # type: ignore[arg-type]
    assert letters == [("#", "sektor-kewilayahan-lain"), ("B", "sektor-kewilayahan-b"),
                       ("J", "sektor-kewilayahan-j"), ("S", "sektor-kewilayahan-s")]
    by_name = {o.kode: o.nama for o in offices}
    assert {by_name[k] for k in starts} == {"Kecamatan 9 Ilir", "Kecamatan Banyu0",
                                            "Kecamatan Jati0", "Kecamatan Sumber0"}
    assert ol._common_words(["UPTD Puskesmas A", "UPTD Puskesmas B"]) == 2
    assert ol._common_words(["Dinas A", "Badan B"]) == 0
    assert ol._common_words(["Kecamatan", "Kecamatan Utara"]) == 0  # never the whole name


def test_groups_and_ranking_of_the_fixture_portal(tmp_path) -> None:
    model = build_model(make_marts(), make_config(tmp_path), NOW)
    groups = ol.office_groups(model)
    assert [g.anchor for g in groups] == [f"sektor-{slugify(s.sektor)}" if s.sektor else
                                          "sektor-tanpa-sektor" for s in model.sectors
                                          if s.offices]
    assert sum(len(g.offices) for g in groups) == len(model.offices) == 4
    top, others = ol.ranked(model.offices, model.headline.get("periode"))
    # the headline period 2025-TW3: DINKES 89,25 first; KEC-UTARA never reported
    assert top[0].office.kode == "DINKES" and top[0].row["periode"] == "2025-TW3"
    values = [r.row["indeks_kinerja"] for r in top]
    assert values == sorted(values, reverse=True)
    assert "KEC-UTARA" in [o.kode for o in others]


def test_search_documents_are_short_and_point_at_anchors(tmp_path) -> None:
    model = build_model(make_marts(), make_config(tmp_path), NOW)
    docs = office_documents(model, "id")
    dinkes = [d for d in docs if d["location"].startswith("kantor/dinkes/")]
    assert dinkes[0] == {"location": "kantor/dinkes/", "title": "Dinas Kesehatan",
                         "text": "DINKES · Sektor Kesehatan · Indeks kinerja 89,25 (Baik), "
                                 "Triwulan III 2025", "tags": ["DINKES"]}
    assert [d["location"] for d in dinkes[1:]] == [
        "kantor/dinkes/#ik-iku-1", "kantor/dinkes/#ik-iku-2", "kantor/dinkes/#ik-iku-3",
        "kantor/dinkes/#ik-iku-4", "kantor/dinkes/#unit-loket-terpadu",
        "kantor/dinkes/#unit-puskesmas-kota"]
    en = office_documents(model, "en")[0]
    assert "Sector" in en["text"] and "Q3 2025" in en["text"]
