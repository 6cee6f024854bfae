"""Survey answers stay anonymous (issue 13): hand examples of `protect_survey`."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from site_builder.compute.ikm import NRR_COLUMNS, SKM_COLUMNS
from site_builder.disclosure import protect_survey


def _frame(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    out = []
    for kode, unit, n in rows:
        out.append({"kantor_kode": kode, "unit_layanan": unit, "periode": "2025-TW1",
                    "responden": n, **{c: Decimal("3.50") for c in NRR_COLUMNS},
                    "ikm": Decimal("87.50"), "mutu": "B", "kinerja_unit": "Baik",
                    "kinerja_unit_en": "Good", "versi_aturan": "ikm@1"})
    return pd.DataFrame(out, columns=SKM_COLUMNS)


def test_small_units_are_hidden_and_cannot_be_worked_back_from_the_office() -> None:
    units = _frame([("A", "Kecil", 3), ("A", "Sedang", 10), ("A", "Besar", 20),
                    ("B", "Satu", 2), ("B", "Dua", 2), ("C", "Tunggal", 7), ("D", "Pas", 5)])
    office = _frame([("A", "", 33), ("B", "", 4), ("C", "", 7), ("D", "", 5)])
    u, o = protect_survey(units, office, 5)
    reasons = dict(zip(u["kantor_kode"] + "/" + u["unit_layanan"], u["penekanan"], strict=True))
    # A: "Kecil" (3) alone would be office − the others: "Sedang" (the next fewest) is hidden too
    assert reasons == {"A/Kecil": "responden_sedikit", "A/Sedang": "pelindung", "A/Besar": None,
                       "B/Satu": "responden_sedikit", "B/Dua": "responden_sedikit",
                       "C/Tunggal": None, "D/Pas": None}
    hidden = u[u["penekanan"].notna()]
    assert hidden[[*NRR_COLUMNS, "ikm", "mutu", "kinerja_unit"]].isna().all().all()
    assert hidden["responden"].tolist() == [3, 10, 2, 2]  # the count stays visible
    assert u.loc[u["unit_layanan"] == "Besar", "ikm"].iloc[0] == Decimal("87.50")
    # the office IKM counts every respondent; B has 4 in all: not shown
    assert o.set_index("kantor_kode")["ikm"].to_dict() == {
        "A": Decimal("87.50"), "B": None, "C": Decimal("87.50"), "D": Decimal("87.50")}


def test_the_threshold_is_configurable() -> None:
    units = _frame([("A", "Kecil", 3), ("A", "Besar", 20)])
    u, _ = protect_survey(units, _frame([("A", "", 23)]), 3)
    assert u["penekanan"].tolist() == [None, None]
