from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import yaml

from sheets_sync import contracts as C
from sheets_sync.config import load_config
from sheets_sync.periods import parse_period
from workbooks.demo import (
    ANNUAL_PERIOD,
    DEFAULT_PERIODS,
    SKM_EXTRA_HEADERS,
    generate_nips,
    office_catalogue,
    predikat_counts,
    write_demo_portal,
)

from ._read import read_book, read_portal

SMALL = dict(offices=4, employees=90, indicators_per_office=5, survey_answers=130, complaints=70)
MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    return write_demo_portal(tmp_path_factory.mktemp("demo"), seed=7, **SMALL)


@pytest.fixture(scope="module")
def data(portal) -> dict:
    return read_portal(portal)


def office_files(data: dict) -> list[str]:
    return [name for name in data if name != "kantor.xlsx"]


def rows(data: dict, tab: str) -> list[list[object]]:
    out = []
    for name in office_files(data):
        out.extend(data[name][tab][1:])
    return out


def test_same_seed_same_cells_other_seed_differs(tmp_path, data):
    again = read_portal(write_demo_portal(tmp_path / "again", seed=7, **SMALL))
    assert again == data
    other = read_portal(write_demo_portal(tmp_path / "other", seed=8, **SMALL))
    assert other != data


def test_portal_yml_and_registry(portal, data):
    raw = yaml.safe_load((portal / "portal.yml").read_text(encoding="utf-8"))
    assert raw["source"] == {"kind": "workbook", "path": "."}
    cfg = load_config(portal / "portal.yml")
    assert cfg.source.path == portal.resolve()
    kantor = data["kantor.xlsx"]
    assert list(kantor) == [C.REGISTRY.name]
    grid = kantor[C.REGISTRY.name]
    assert grid[0] == C.REGISTRY.headers
    assert len(grid) - 1 == SMALL["offices"]
    sumber = [r[3] for r in grid[1:]]
    assert sorted(sumber) == sorted(office_files(data))
    for r in grid[1:]:
        assert C.REGISTRY.column("kode").pattern
        assert r[4] in C.FREKUENSI
        assert r[5] == "" or str(r[5]).startswith("https://")


def test_every_tab_has_exactly_the_contract_headers(data):
    for name in office_files(data):
        book = data[name]
        assert list(book) == [t.name for t in C.OFFICE_TABS], name
        for tab in C.OFFICE_TABS:
            header = book[tab.name][0]
            if tab is C.SKM:
                assert [h for h in header if h not in SKM_EXTRA_HEADERS] == tab.headers
                assert set(header) - set(tab.headers) == set(SKM_EXTRA_HEADERS)
            else:
                assert header == tab.headers, (name, tab.name)


def test_sizes_honour_the_parameters(data):
    assert len(office_files(data)) == SMALL["offices"]
    assert len(rows(data, "Pegawai")) == SMALL["employees"]
    assert len(rows(data, "SKM")) == SMALL["survey_answers"]
    assert len(rows(data, "Pengaduan")) == SMALL["complaints"]
    for name in office_files(data):
        book = data[name]
        assert len(book["Indikator"]) - 1 == SMALL["indicators_per_office"]
        assert len(book["Capaian"]) - 1 == SMALL["indicators_per_office"] * len(DEFAULT_PERIODS)
        assert book["Organisasi"][1:] and all(r[0] == ANNUAL_PERIOD for r in book["Organisasi"][1:])
        codes = {r[0] for r in book["Indikator"][1:]}
        assert len(codes) == len(book["Indikator"]) - 1
        assert {r[0] for r in book["Capaian"][1:]} == codes
        assert {r[1] for r in book["Capaian"][1:]} == set(DEFAULT_PERIODS)


def test_monthly_benchmark_shape(tmp_path):
    out = write_demo_portal(
        tmp_path,
        offices=2,
        employees=30,
        periods=MONTHS,
        indicators_per_office=3,
        survey_answers=40,
        complaints=25,
    )
    data = read_portal(out)
    cap = rows(data, "Capaian")
    assert len(cap) == 2 * 3 * 12
    assert {r[1] for r in cap} == set(MONTHS)
    assert {r[2] for r in rows(data, "SKM")} <= set(MONTHS)
    assert {r[4] for r in data["kantor.xlsx"]["Kantor"][1:]} == {"bulanan"}
    for r in rows(data, "Pengaduan"):
        d = r[2] if isinstance(r[2], dt.date) else dt.datetime.strptime(r[2], "%d/%m/%Y").date()
        assert dt.date(2025, 1, 1) <= d <= dt.date(2025, 12, 31)


def _check_nip(nip: str) -> tuple[dt.date, int]:
    assert isinstance(nip, str) and len(nip) == 18 and nip.isdigit(), nip
    birth = dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    tmt_y, tmt_m = int(nip[8:12]), int(nip[12:14])
    assert 1 <= tmt_m <= 12 and 2000 <= tmt_y <= 2025
    tmt = dt.date(tmt_y, tmt_m, 1)
    age = (tmt - birth).days / 365.25
    assert 18 <= age <= 35, nip
    assert nip[14] in "12"
    assert nip[15:] != "000"
    return birth, int(nip[14])


def test_nips_valid_and_unique(data):
    all_nips = []
    for name in office_files(data):
        nips = [r[0] for r in data[name]["Pegawai"][1:]]
        assert len(set(nips)) == len(nips), name
        for n in nips:
            _check_nip(n)
        all_nips += nips
    assert len(set(all_nips)) == len(all_nips)


def test_nip_generator_large_and_sequence_rule():
    nips, sex = generate_nips(np.random.default_rng(3), 200_000)
    assert len(set(nips.tolist())) == len(nips)
    assert all(len(n) == 18 for n in nips[:1000])
    assert set(np.char.str_len(nips).tolist()) == {18}
    assert set(sex.tolist()) == {1, 2}
    # The sequence counts up from 001 within equal first 15 digits.
    by_prefix: dict[str, list[int]] = {}
    for n in nips[:50_000].tolist():
        by_prefix.setdefault(n[:15], []).append(int(n[15:]))
    prefixes = set(nips.tolist())
    for n in list(prefixes)[:2000]:
        seq = int(n[15:])
        for k in range(1, seq):
            assert f"{n[:15]}{k:03d}" in prefixes


def test_values_are_within_the_contract(data):
    for r in rows(data, "Pegawai"):
        assert r[4] == ANNUAL_PERIOD
        assert r[5] in C.RATINGS and r[6] in C.RATINGS
        assert r[1] and r[3]
    counts = Counter(r[5] for r in rows(data, "Pegawai"))
    assert (
        counts["Sesuai Ekspektasi"] > counts["Di Atas Ekspektasi"] + counts["Di Bawah Ekspektasi"]
    )
    for r in rows(data, "Indikator"):
        assert r[2] in C.JENIS_INDIKATOR and r[4] in C.ARAH
        assert r[5] == "" or r[5] > 0
    for name in office_files(data):
        grid = data[name]["SKM"]
        idx = [grid[0].index(u) for u in C.UNSUR]
        for r in grid[1:]:
            assert parse_period(r[grid[0].index("periode")]) is not None
            for i in idx:
                assert r[i] == "" or r[i] in (1, 2, 3, 4)
        for r in data[name]["Capaian"][1:]:
            assert parse_period(r[1]) is not None
            assert isinstance(r[2], (int, float)) and r[2] > 0
    for r in rows(data, "Pengaduan"):
        assert r[1] in C.KATEGORI_PENGADUAN
        dates = [
            d if isinstance(d, dt.date) or d == "" else dt.datetime.strptime(d, "%d/%m/%Y").date()
            for d in r[2:5]
        ]
        masuk, tanggapan, selesai = dates
        assert masuk.weekday() < 5
        if tanggapan != "":
            assert masuk <= tanggapan
        if selesai != "":
            assert masuk <= selesai and tanggapan != "" and tanggapan <= selesai
    assert any(r[4] == "" for r in rows(data, "Pengaduan")), "some complaints are open"
    assert len({r[0] for r in rows(data, "Pengaduan")}) > 0


def test_predikat_counts_respect_the_kurva():
    for n in range(1, 300):
        sb, b, bp, k, sk = c = predikat_counts(n, "Baik")
        assert sum(c) == n and min(c) >= 0
        assert b <= int(0.7 * n)
        if n >= 2:
            assert bp + k >= 1
        sb, b, bp, k, sk = c = predikat_counts(n, "Butuh Perbaikan")
        assert sum(c) == n and min(c) >= 0 and bp >= 0.6 * n and sb <= 0.1 * n
        c = predikat_counts(n, "Istimewa")
        assert sum(c) == n and min(c) >= 0 and c[0] <= 0.7 * n


def test_office_catalogue_is_unique_and_valid():
    import re

    specs = office_catalogue(900)
    assert len({s.kode for s in specs}) == 900
    assert len({s.nama for s in specs}) == 900
    pattern = re.compile(C.REGISTRY.column("kode").pattern)
    assert all(pattern.fullmatch(s.kode) for s in specs)
    assert [s.kode for s in specs[:6]] == [
        "DINKES",
        "DISDIKBUD",
        "DISDUKCAPIL",
        "DPMPTSP",
        "DINSOS",
        "DPUPR",
    ]


def test_mistakes_are_planted(tmp_path):
    out = write_demo_portal(
        tmp_path,
        offices=3,
        employees=60,
        indicators_per_office=4,
        survey_answers=60,
        complaints=30,
        mistakes=True,
        seed=5,
    )
    data = read_portal(out)
    flat = [
        v for name in office_files(data) for grid in data[name].values() for r in grid for v in r
    ]
    bad = {"abc", "Sesuai Ekspetasi", 5}
    found = [v for v in flat if isinstance(v, str) and (v in bad or v.endswith("-TW5"))]
    found += [
        v for name in office_files(data) for r in data[name]["SKM"][1:] for v in r[5:14] if v == 5
    ]
    nips = [r[0] for r in rows(data, "Pegawai")]
    dup = len(nips) - len(set(nips))
    order = 0
    for r in rows(data, "Pengaduan"):
        if isinstance(r[2], dt.date) and isinstance(r[4], dt.date) and r[4] < r[2]:
            order += 1
    assert len(found) + dup + order >= 1
    clean = read_portal(
        write_demo_portal(
            tmp_path / "clean",
            offices=3,
            employees=60,
            indicators_per_office=4,
            survey_answers=60,
            complaints=30,
            seed=5,
        )
    )
    assert clean != data


def _xlsxwriter_oracle(path, sheets) -> None:
    """The same sheets written by xlsxwriter (the oracle): bold header, dates dd/mm/yyyy,
    date-times with the time, text never turned into formulas, numbers or links."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "default_date_format": "dd/mm/yyyy"})
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    stamp = wb.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        ws.freeze_panes(1, 0)
        ws.write_row(0, 0, sheet.headers, bold)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime):
                    ws.write_datetime(r, c, value, stamp)
                elif value is not None:
                    ws.write(r, c, value)
    wb.close()


def test_demo_workbooks_hold_the_cells_xlsxwriter_writes(tmp_path):
    import openpyxl

    from workbooks.demo import Sheet, write_workbook

    tricky = [
        "  leading",
        "trailing ",
        'a & b <c> "d"',
        "ctl\x01char",
        "_x0041_ literal",
        "=1+1",
        "ünïcødé — ✓",
        "line\nbreak",
        "",
        "87,5",
        "12.500",
    ]
    sheet = Sheet(
        "Uji",
        ["teks", "angka", "tanggal", "waktu"],
        [
            [
                t,
                i * 1.25 if i % 2 else i,
                dt.date(2025, 1, 1 + i),
                dt.datetime(2025, 2, 3, 10, i, 5),
            ]
            for i, t in enumerate(tricky)
        ],
    )
    sheet.rows.append([None, None, None, None])
    sheet.rows.append(["after blank", 10**15, None, None])
    # Excel's 1900 date system counts a 29 February 1900 that never was: dates before March
    # 1900 have serials one lower, and readers undo it
    sheet.rows.append(["1900", None, dt.date(1900, 1, 1), dt.datetime(1900, 2, 28, 12, 0)])
    sheet.rows.append(["1900b", None, dt.date(1900, 3, 1), dt.datetime(1900, 3, 1, 6, 0)])
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_workbook(a, [sheet, Sheet("Dua", ["x"], [["y"]])])
    _xlsxwriter_oracle(b, [sheet, Sheet("Dua", ["x"], [["y"]])])
    assert read_book(a) == read_book(b)
    wa, wb = openpyxl.load_workbook(a), openpyxl.load_workbook(b)
    assert wa.sheetnames == wb.sheetnames == ["Uji", "Dua"]
    for name in wa.sheetnames:
        assert list(wa[name].iter_rows(values_only=True)) == list(
            wb[name].iter_rows(values_only=True)
        )
    assert wa["Uji"]["A2"].value == "  leading" and wa["Uji"]["A7"].value == "=1+1"
    assert wa["Uji"]["A7"].data_type == "s"
    assert wa["Uji"]["C15"].value == dt.datetime(1900, 1, 1)
    assert read_book(a)["Uji"][1][0] == "  leading"
