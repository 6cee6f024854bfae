"""Issue 15: the registry's optional `survei` and `kontak` columns take https:// addresses only
(anything else is a located warning and is not published)."""
from __future__ import annotations

from sheets_sync import contracts as C
from sheets_sync.validate import validate_registry


def test_survey_and_contact_are_https_only():
    grid = [list(C.REGISTRY.headers),
            ["DINKES", "Dinas Kesehatan", "Kesehatan", "dinkes.xlsx", "triwulanan",
             "https://dinkes.contoh.go.id", "https://forms.gle/abc", "https://dinkes.contoh.go.id/k"],
            ["DINSOS", "Dinas Sosial", "Sosial", "dinsos.xlsx", "triwulanan", None,
             "http://survei.contoh.go.id", "javascript:alert(1)"]]
    frame, findings = validate_registry(grid)
    rows = frame.set_index("kode")[["survei", "kontak"]].to_dict("index")
    assert rows["DINKES"] == {"survei": "https://forms.gle/abc",
                              "kontak": "https://dinkes.contoh.go.id/k"}
    assert all(v is None for v in rows["DINSOS"].values())
    flagged = sorted((f.column, f.code) for f in findings)
    assert flagged == [("G", "url_tidak_aman"), ("H", "url_tidak_aman")]  # survei, kontak


def test_the_columns_are_optional_headers():
    grid = [["kode", "nama", "sumber"], ["DINKES", "Dinas Kesehatan", "dinkes.xlsx"]]
    frame, findings = validate_registry(grid)
    assert findings == [] and frame["survei"].isna().all() and frame["kontak"].isna().all()
