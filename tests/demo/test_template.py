from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from sheets_sync import contracts as C
from workbooks.template import LAST_ROW, LISTS_TAB, write_registry_template, write_template

YEAR = 2026


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    path = tmp_path_factory.mktemp("tpl") / "sub" / "template.xlsx"
    write_template(path, year=YEAR)
    return path


@pytest.fixture(scope="module")
def book(path):
    return openpyxl.load_workbook(path)


def _validations(ws) -> dict[str, object]:
    """Column letter -> the data validation covering rows 2..LAST_ROW of it."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            start, end = rng.split(":")
            assert start[1:] == "2" and end[1:] == str(LAST_ROW)
            assert start[0] == end[0] or start.rstrip("0123456789") == end.rstrip("0123456789")
            out[start.rstrip("0123456789")] = dv
    return out


def test_tabs_and_headers(book):
    assert book.sheetnames == ["Petunjuk"] + [t.name for t in C.TEMPLATE_TABS] + [LISTS_TAB]
    assert book.sheetnames[-2] == "UmpanBalik"  # issue 17: the optional feedback tab, last shown
    assert book[LISTS_TAB].sheet_state == "hidden"
    for tab in C.TEMPLATE_TABS:
        ws = book[tab.name]
        assert [c.value for c in ws[1]] == tab.headers
        assert all(c.font.b for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.max_row == 2  # the header row and the example row (issue 16)
        for i in range(len(tab.headers)):
            assert ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width >= 10


def test_validations_follow_the_contract(book):
    for tab in C.TEMPLATE_TABS:
        ws = book[tab.name]
        dvs = _validations(ws)
        for i, col in enumerate(tab.columns):
            letter = openpyxl.utils.get_column_letter(i + 1)
            if col.kind == "enum":
                dv = dvs[letter]
                assert dv.type == "list"
                assert dv.formula1 == '"' + ",".join(col.choices) + '"'
            elif col.kind == "integer":  # the answers 1–4; jumlah_pengguna (issue 15)
                dv = dvs[letter]
                assert (dv.type, dv.operator, dv.formula1, dv.formula2) == (
                    "whole",
                    "between",
                    str(int(col.minimum or 0)),
                    str(int(col.maximum or 0)),
                )
                assert (col.minimum, col.maximum) in ((1, 4), (0, 10_000_000))
            elif col.kind == "number":
                dv = dvs[letter]
                assert dv.type == "decimal" and dv.formula1 == "0"
                assert dv.operator in ("greaterThanOrEqual", "greaterThan")
            elif col.kind == "date":
                assert dvs[letter].type == "date"
            elif col.kind == "period" or (tab.key, col.name) == ("capaian", "kode"):
                assert dvs[letter].type == "list"  # issue 16: see the tests below
            else:
                assert letter not in dvs
    # the enum columns the brief names, explicitly
    expected = {
        ("Indikator", "jenis"): C.JENIS_INDIKATOR,
        ("Indikator", "arah"): C.ARAH,
        ("Pegawai", "hasil_kerja"): C.RATINGS,
        ("Pegawai", "perilaku_kerja"): C.RATINGS,
        ("Organisasi", "predikat_organisasi"): C.PREDIKAT_ORGANISASI,
        ("Pengaduan", "kategori"): C.KATEGORI_PENGADUAN,
        ("UmpanBalik", "sumber"): C.SUMBER_UMPAN_BALIK,
    }
    for (tab_name, header), choices in expected.items():
        tab = next(t for t in C.TEMPLATE_TABS if t.name == tab_name)
        letter = openpyxl.utils.get_column_letter(tab.headers.index(header) + 1)
        assert _validations(book[tab_name])[letter].formula1.strip('"').split(",") == list(choices)
    for u in C.UNSUR:
        letter = openpyxl.utils.get_column_letter(C.SKM.headers.index(u) + 1)
        assert _validations(book["SKM"])[letter].type == "whole"


def test_text_columns_stay_text(book):
    assert book["Pegawai"].column_dimensions["A"].number_format == "@"  # 18-digit NIP
    assert book["Capaian"].column_dimensions["B"].number_format == "@"  # 2025-01 is not a date
    assert book["UmpanBalik"].column_dimensions["A"].number_format == "@"  # 18-digit NIP


def test_petunjuk_explains_every_column(book):
    text = "\n".join(
        str(v) for row in book["Petunjuk"].iter_rows(values_only=True) for v in row if v
    )
    for tab in C.TEMPLATE_TABS:
        assert tab.name in text and tab.help in text
        for col in tab.columns:
            assert col.help in text
    for fragment in ("2025-TW1", "2025-S1", "2025-01", "RAHASIA", "tidak pernah", "kinerja check"):
        assert fragment.lower() in text.lower()


def test_registry_template(tmp_path):
    path = tmp_path / "kantor.xlsx"
    write_registry_template(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Petunjuk", C.REGISTRY.name]
    ws = wb[C.REGISTRY.name]
    assert [c.value for c in ws[1]] == C.REGISTRY.headers
    letter = openpyxl.utils.get_column_letter(C.REGISTRY.headers.index("frekuensi") + 1)
    assert _validations(ws)[letter].formula1 == '"' + ",".join(C.FREKUENSI) + '"'


# --- issue 16: a template that prevents mistakes -----------------------------------------------

def _list_values(book, formula: str) -> list[str]:
    """The cells a list validation's range formula (`'Tab'!$A$2:$A$39`) points at."""
    sheet, cells = formula.split("!")
    start, end = cells.replace("$", "").split(":")
    return [c.value for row in book[sheet.strip("'")][f"{start}:{end}"] for c in row]


def test_periode_dropdown_offers_this_and_next_years_codes_and_accepts_typed_ones(book):
    from sheets_sync.periods import parse_period

    expected = [f"{y}" for y in (YEAR,)] + [f"{YEAR}-S{i}" for i in (1, 2)] + [
        f"{YEAR}-TW{i}" for i in range(1, 5)] + [f"{YEAR}-{m:02d}" for m in range(1, 13)]
    expected += [code.replace(str(YEAR), str(YEAR + 1)) for code in expected]
    for tab in C.TEMPLATE_TABS:
        for i, col in enumerate(tab.columns):
            if col.kind != "period":
                continue
            dv = _validations(book[tab.name])[openpyxl.utils.get_column_letter(i + 1)]
            assert dv.type == "list" and dv.showErrorMessage
            assert dv.errorStyle == "warning"  # a typed 2024-TW3 is still accepted
            values = _list_values(book, dv.formula1)
            assert values == expected
            assert all(parse_period(v).code == v for v in values)


def test_capaian_kode_lists_the_indikator_codes(book):
    dv = _validations(book["Capaian"])["A"]
    assert dv.type == "list" and dv.errorStyle == "warning"
    assert dv.formula1 == f"'Indikator'!$A$2:$A${LAST_ROW}"  # Indikator's kode column


def test_validations_reach_row_5000_at_least(book):
    assert LAST_ROW >= 5000
    for tab in C.TEMPLATE_TABS:
        for dv in book[tab.name].data_validations.dataValidation:
            assert str(dv.sqref).endswith(str(LAST_ROW))


def test_the_example_rows_are_skipped_and_teach_valid_values(path):
    """Row 2 of every tab is the example row: the blank template validates with no finding
    and no data; the same rows with real keys validate with no finding either."""
    import copy

    from sheets_sync.sources.base import OfficeRef, RawWorkbook
    from sheets_sync.sources.workbook import read_workbook
    from sheets_sync.validate import validate_office

    grids = read_workbook(path)
    for tab in C.TEMPLATE_TABS:
        assert grids[tab.name][1][0] == C.EXAMPLE_MARKER
    ref = OfficeRef("UJI", "Kantor Uji", path.name)
    data, findings = validate_office(RawWorkbook(grids, path.name), ref, today=dt.date(2026, 1, 5))
    assert findings == [] and data is not None
    assert all(frame.empty for frame in data.frames.values())
    real = copy.deepcopy(grids)
    for tab in C.OFFICE_TABS:
        real[tab.name][1][0] = tab.columns[0].example
    data, findings = validate_office(RawWorkbook(real, path.name), ref, today=dt.date(2026, 1, 5))
    assert findings == [] and data is not None
    assert all(len(data[tab.key]) == 1 for tab in C.OFFICE_TABS)


def test_the_follow_up_skips_the_example_rows_too(path):
    """Merge of issues 16 and 17: `kinerja tindak-lanjut` validates Pegawai, Organisasi and
    UmpanBalik with the same validator, so their CONTOH rows are skipped there as well; with
    real keys the UmpanBalik example row is one valid row."""
    import copy

    from sheets_sync.private_tabs import validate_follow_up
    from sheets_sync.sources.base import OfficeRef, RawWorkbook
    from sheets_sync.sources.workbook import read_workbook

    grids = read_workbook(path)
    ref = OfficeRef("UJI", "Kantor Uji", path.name)
    tabs = validate_follow_up(RawWorkbook(grids, path.name), ref, today=dt.date(2026, 1, 5))
    assert tabs.findings == [] and not tabs.usable and tabs.umpan_balik.empty
    real = copy.deepcopy(grids)
    for tab in C.FOLLOW_UP_TABS:
        real[tab.name][1][0] = tab.columns[0].example
    tabs = validate_follow_up(RawWorkbook(real, path.name), ref, today=dt.date(2026, 1, 5))
    assert tabs.findings == [] and tabs.usable
    assert tabs.umpan_balik[["nip", "periode", "sumber", "skor"]].values.tolist() == [
        ["198503122010011002", "2025", "atasan", 3]]

def test_registry_template_has_an_example_row_the_registry_skips(tmp_path):
    from sheets_sync.sources.workbook import read_workbook
    from sheets_sync.validate import validate_registry

    path = tmp_path / "kantor.xlsx"
    write_registry_template(path)
    grid = read_workbook(path)[C.REGISTRY.name]
    assert grid[1][0] == C.EXAMPLE_MARKER
    frame, findings = validate_registry(grid)
    assert findings == [] and frame.empty
    grid[1][0] = C.REGISTRY.columns[0].example
    frame, findings = validate_registry(grid)
    assert findings == [] and frame["kode"].tolist() == ["DINKES"]


def _rule_rows(book) -> dict[tuple[str, str], tuple[str, str]]:
    """(tab, column) -> (content, rule) as the Petunjuk tab states them."""
    rows = list(book["Petunjuk"].iter_rows(values_only=True))
    start = rows.index(("Tab", "Kolom", "Isi", "Aturan")) + 1
    out, tab = {}, None
    for first, column, content, rule in (tuple(r[:4]) for r in rows[start:]):
        if first:
            tab = first
        elif column and column != "(lainnya)":
            out[(tab, column)] = (content or "", rule or "")
    return out


@pytest.fixture(scope="module")
def registry_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("reg") / "kantor.xlsx"
    write_registry_template(path)
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("tab", (*C.TEMPLATE_TABS, C.REGISTRY), ids=lambda t: t.name)
def test_petunjuk_states_exactly_what_the_validator_checks(book, registry_book, tab):
    """Each rule the instructions state holds in the validator (`cell_rules.parse_cell`):
    the listed choices are accepted and nothing else, the stated range is the one enforced at
    its bounds, "(boleh kosong)" exactly when a blank is no error, the stated default is the
    one a blank gets, and each column's example is valid."""
    import re

    from sheets_sync.cell_rules import parse_cell

    stated = _rule_rows(registry_book if tab is C.REGISTRY else book)
    for col in tab.columns:
        content, rule = stated[(tab.name, col.name)]
        ok = lambda v, col=col: parse_cell(col, v)[1] in (None, "nip_meragukan")  # noqa: E731
        assert ok(col.example), (col.name, col.example)
        blank_ok = parse_cell(col, None)[1] is None
        assert content.endswith("(boleh kosong)") == blank_ok, col.name
        m = re.search(r"pilihan: ([^;]+)", rule)
        if m:
            listed = m.group(1).split(" / ")
            assert all(ok(choice) for choice in listed)
            assert not ok("bukan pilihan")
        else:
            assert col.kind != "enum"
        m = re.search(r"(?:^|; )(\d+)–(\d+)(?:;|$)", rule)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            assert ok(lo) and ok(hi) and not ok(lo - 1) and not ok(hi + 1)
        m = re.search(r"(?:^|; )([>≥]) (\d+)(?:;|$)", rule)
        if m:
            bound = float(m.group(2))
            assert ok(bound) == (m.group(1) == "≥") and ok(bound + 0.5) and not ok(bound - 1)
        if col.kind in ("number", "integer"):
            assert re.search(r"\d+–\d+|[>≥] \d+", rule), (col.name, rule)
        m = re.search(r"kosong = ([^;]+)", rule)
        if m:
            value, problem, _ = parse_cell(col, None)
            assert problem is None and str(value if not isinstance(value, float)
                                           else f"{value:g}") == m.group(1)
        if col.pattern:
            assert f"pola {col.pattern}" in rule
        if col.kind == "period":
            assert all(ok(p) for p in ("2025", "2025-S1", "2025-TW4", "2025-01", "2025-12"))
            assert not ok("2025-TW5")
