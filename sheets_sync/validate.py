"""Raw grids -> typed staging frames + located findings, driven by `contracts.TABS`.

Parsing is column-wise and memoised per distinct raw value, so a million-row Pegawai tab costs a
few dictionary look-ups per cell; only problem cells become `Finding`s. Rows with an error are
excluded; structural problems (missing tab or header) exclude the whole office."""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from sheets_sync import messages
from sheets_sync.contracts import (
    OFFICE_TABS,
    REGISTRY,
    TABS,
    Column,
    Tab,
    empty_frame,
    frame_columns,
)
from sheets_sync.findings import ERROR, Finding, display_value
from sheets_sync.model import OfficeData
from sheets_sync.periods import parse_period
from sheets_sync.sources.base import OfficeRef, RawTab, RawWorkbook
from sheets_sync.values import (
    clean_text,
    column_letter,
    header_key,
    is_blank,
    parse_date,
    parse_number,
)

MASKED = "(disamarkan)"
LinkFn = Callable[[str, str], str | None]  # (tab, cell) -> link


class _Ctx:
    """Where findings of one tab go, and how to locate them."""

    def __init__(self, office: str, tab: Tab, title: str, link: LinkFn | None) -> None:
        self.office, self.tab, self.title, self.link = office, tab, title, link
        self.findings: list[Finding] = []

    def add(self, code: str, *, row: int | None = None, col: Column | None = None,
            letter: str | None = None, value: object = None, **fmt: Any) -> None:
        shown = None
        if value is not None:
            shown = MASKED if (col is not None and col.private) else display_value(value)
        msg, hint = messages.render(code, header=col.name if col else None, value=shown, **fmt)
        cell = f"{letter}{row}" if letter and row else None
        self.findings.append(Finding(
            code=code, office=self.office, tab=self.title, message=msg, hint=hint, row=row,
            column=letter, header=col.name if col else None, value=shown,
            link=self.link(self.title, cell) if (self.link and cell) else None,
        ))


# --- cell parsers: raw value -> (parsed, problem code or None, extra message fields) -------------

def _parse_cell(col: Column, raw: object) -> tuple[object, str | None, dict[str, Any]]:
    if is_blank(raw):
        if col.required:
            return None, "wajib_diisi", {}
        return col.default, None, {}
    kind = col.kind
    if kind in ("text", "code"):
        text = clean_text(raw)
        if kind == "code" and col.pattern and not re.fullmatch(col.pattern, text or ""):
            return None, "kode_tidak_valid", {"pola": col.pattern}
        return text, None, {}
    if kind == "enum":
        return _parse_enum(col, raw)
    if kind in ("number", "integer"):
        number, problem = parse_number(raw)
        if problem == "angka_tidak_valid":
            return None, problem, {}
        assert number is not None
        if kind == "integer" and not float(number).is_integer():
            return None, "bilangan_bulat", {}
        if col.minimum is not None and (
            number < col.minimum or (col.exclusive_minimum and number == col.minimum)
        ):
            return None, "di_luar_rentang", {"rentang": _range_text(col)}
        if col.maximum is not None and number > col.maximum:
            return None, "di_luar_rentang", {"rentang": _range_text(col)}
        return (int(number) if kind == "integer" else number), problem, {}
    if kind == "date":
        d, problem = parse_date(raw)
        return d, problem, {}
    if kind == "period":
        p = parse_period(raw)
        return (p.code, None, {}) if p else (None, "periode_tidak_valid", {})
    if kind == "url":
        text = clean_text(raw) or ""
        if not re.fullmatch(r"https://[^\s<>\"'`]+", text):
            return None, "url_tidak_aman", {}
        return text, None, {}
    if kind == "nip":
        return _parse_nip(raw)
    raise AssertionError(f"unknown column kind {kind}")


def _range_text(col: Column) -> str:
    lo = "" if col.minimum is None else ("> " if col.exclusive_minimum else "≥ ") + f"{col.minimum:g}"
    hi = "" if col.maximum is None else f"≤ {col.maximum:g}"
    if col.minimum is not None and col.maximum is not None and not col.exclusive_minimum:
        return f"{col.minimum:g}–{col.maximum:g}"
    return " dan ".join(x for x in (lo, hi) if x)


def _enum_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _parse_enum(col: Column, raw: object) -> tuple[object, str | None, dict[str, Any]]:
    text = clean_text(raw) or ""
    key = _enum_key(text)
    table = {_enum_key(c): c for c in col.choices}
    table.update({_enum_key(a): c for a, c in col.aliases.items()})
    if key in table:
        return table[key], None, {}
    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
    return None, "pilihan_tidak_valid", {
        "pilihan": ", ".join(col.choices),
        "terdekat": table[close[0]] if close else None,
    }


_NIP_STRIP = re.compile(r"[\s.\-']")


def _parse_nip(raw: object) -> tuple[object, str | None, dict[str, Any]]:
    if isinstance(raw, float):
        # an 18-digit NIP stored as a number has lost its last digits
        return None, "nip_tidak_valid", {"alasan": "disimpan sebagai angka; format kolom sebagai teks"}
    text = _NIP_STRIP.sub("", str(raw))
    if not text.isdigit():
        return None, "nip_tidak_valid", {"alasan": "harus berisi 18 angka"}
    if len(text) == 16:
        return None, "nip_tidak_valid", {"alasan": "16 digit: ini NIK, bukan NIP. Jangan isi NIK"}
    if len(text) == 9:
        return None, "nip_tidak_valid", {"alasan": "NIP lama 9 digit; ganti dengan NIP baru 18 digit"}
    if len(text) != 18:
        return None, "nip_tidak_valid", {"alasan": f"panjang {len(text)} digit, seharusnya 18"}
    try:
        birth = date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None, "nip_tidak_valid", {"alasan": "digit 1–8 bukan tanggal lahir yang valid"}
    tmt_year, month = int(text[8:12]), int(text[12:14])
    if month == 0:
        return None, "nip_tidak_valid", {"alasan": "digit 13–14 (bulan TMT) tidak boleh 00"}
    if text[14] not in "12":
        return None, "nip_tidak_valid", {"alasan": "digit 15 (jenis kelamin) harus 1 atau 2"}
    if text[15:18] == "000":
        return None, "nip_tidak_valid", {"alasan": "nomor urut (digit 16–18) tidak boleh 000"}
    age = tmt_year - birth.year
    if not 17 <= age <= 60:
        return text, "nip_meragukan", {"alasan": f"usia saat TMT {age} tahun (wajar 17–60)"}
    return text, None, {}


@dataclass
class _Parsed:
    """One parsed column: values, problem code per cell (None = fine), extra message fields."""

    values: np.ndarray  # object
    problems: np.ndarray  # object: str code or None
    extras: np.ndarray  # object: dict or None
    blank: np.ndarray  # bool


def _parse_column(col: Column, values: list[object]) -> _Parsed:
    """Parse one column, once per distinct raw value (pd.factorize), then map back."""
    raw = np.empty(len(values), dtype=object)
    raw[:] = values
    uniques: Any
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    if any(type(u) is bool for u in uniques):  # True == 1 would share a slot: parse one by one
        codes, uniques = np.arange(len(raw)), raw
    k = len(uniques)
    u_val = np.empty(k + 1, dtype=object)
    u_prob = np.empty(k + 1, dtype=object)
    u_extra = np.empty(k + 1, dtype=object)
    u_blank = np.zeros(k + 1, dtype=bool)
    for i, u in enumerate(uniques):
        u_val[i], u_prob[i], extra = _parse_cell(col, u)
        u_extra[i] = extra or None
        u_blank[i] = is_blank(u)
    # slot k: None/NaN (factorize's sentinel -1 maps to the last slot)
    u_val[k], u_prob[k], extra = _parse_cell(col, None)
    u_extra[k] = extra or None
    u_blank[k] = True
    idx = np.where(codes < 0, k, codes)
    return _Parsed(u_val[idx], u_prob[idx], u_extra[idx], u_blank[idx])


# --- tabs -------------------------------------------------------------------------------------

def _find_tab(tabs: dict[str, RawTab], tab: Tab) -> tuple[str | None, RawTab | None]:
    wanted = header_key(tab.name)
    for title, grid in tabs.items():
        if header_key(title) == wanted:
            return title, grid
    return None, None


def _closest(name: str, candidates: list[str], cutoff: float = 0.5) -> str | None:
    keys = {header_key(c): c for c in candidates if clean_text(c)}
    close = difflib.get_close_matches(header_key(name), list(keys), n=1, cutoff=cutoff)
    if close:
        return keys[close[0]]
    # "Realisasi Capaian" for "realisasi": a header containing the expected word
    contains = [c for k, c in keys.items() if header_key(name) in k]
    return contains[0] if contains else None


def validate_tab(
    tab: Tab, grid: RawTab, *, office: str, title: str | None = None,
    today: date | None = None, link: LinkFn | None = None,
) -> tuple[pd.DataFrame | None, list[Finding]]:
    """Validate one tab. Returns (frame or None when structurally broken, findings)."""
    ctx = _Ctx(office, tab, title or tab.name, link)
    header = [clean_text(h) for h in (grid[0] if grid else [])]
    keys = [header_key(h) if h else "" for h in header]
    index: dict[str, int] = {}
    structural = False
    for col in tab.columns:
        positions = [i for i, k in enumerate(keys) if k == header_key(col.name)]
        if len(positions) > 1:
            ctx.add("kolom_ganda", row=1, col=col, letter=column_letter(positions[1]),
                    kolom_lain=column_letter(positions[0]))
            structural = True
        if positions:
            index[col.name] = positions[0]
        elif not col.optional_header:
            unmatched = [h for h, k in zip(header, keys) if h and k not in
                         {header_key(c.name) for c in tab.columns}]
            closest = _closest(col.name, unmatched)
            where = column_letter(header.index(closest)) if closest else None
            ctx.add("kolom_hilang", row=1, col=col, letter=where, value=closest,
                    terdekat=closest, diharapkan=", ".join(tab.headers))
            structural = True
    if structural:
        return None, ctx.findings

    rows = grid[1:]
    n = len(rows)
    sheet_rows = np.arange(2, n + 2)
    parsed: dict[str, _Parsed] = {}
    for col in tab.columns:
        i = index.get(col.name)
        if i is None:
            continue
        parsed[col.name] = _parse_column(col, [r[i] if i < len(r) else None for r in rows])
    # skip rows blank in every contract column
    keep = np.zeros(n, dtype=bool)
    for p in parsed.values():
        keep |= ~p.blank
    ok = keep.copy()
    values: dict[str, np.ndarray] = {}
    for col in tab.columns:
        if col.name not in parsed:
            arr = np.empty(n, dtype=object)
            arr[:] = [col.default] * n
            values[col.name] = arr
            continue
        p = parsed[col.name]
        values[col.name] = p.values
        letter = column_letter(index[col.name])
        flagged = np.flatnonzero(keep & (p.problems != None))  # noqa: E711 (elementwise)
        raw_col = index[col.name]
        for j in flagged:
            code = p.problems[j]
            r = rows[j]
            ctx.add(code, row=int(sheet_rows[j]), col=col, letter=letter,
                    value=r[raw_col] if raw_col < len(r) else None, **(p.extras[j] or {}))
            if ctx.findings[-1].severity == ERROR:
                ok[j] = False
        if col.kind == "date" and today is not None:
            future = np.array([isinstance(v, date) and v > today for v in p.values], dtype=bool)
            for j in np.flatnonzero(future & ok):
                ctx.add("tanggal_masa_depan", row=int(sheet_rows[j]), col=col, letter=letter,
                        value=p.values[j].isoformat())
    # uniqueness: the first occurrence is kept, later ones are errors
    if tab.unique and n:
        key_col = tab.column(tab.unique[0])
        letter = column_letter(index[key_col.name])
        key_ok = keep.copy()
        for c in tab.unique:
            key_ok &= np.array([v is not None for v in values[c]], dtype=bool)
        cand = np.flatnonzero(key_ok)
        keys = pd.DataFrame({c: values[c][cand] for c in tab.unique})
        dup = keys.duplicated(keep="first").to_numpy()
        if dup.any():
            first = keys.assign(_row=sheet_rows[cand]).groupby(list(tab.unique), sort=False)["_row"].transform("first")
            for pos in np.flatnonzero(dup):
                j = cand[pos]
                key = tuple(values[c][j] for c in tab.unique)
                shown = " + ".join(str(k) for k in key) if not key_col.private else None
                ctx.add("duplikat", row=int(sheet_rows[j]), col=key_col, letter=letter,
                        value=shown, baris_pertama=int(first.iloc[pos]), kunci=" + ".join(tab.unique))
                ok[j] = False
    cols = frame_columns(tab.key)
    frame = pd.DataFrame({c: values[c][ok] for c in cols if c != "baris"},
                         columns=[c for c in cols if c != "baris"])
    frame["baris"] = sheet_rows[ok].astype("int64")
    frame = _coerce(frame, tab.key)
    return frame, ctx.findings


def _coerce(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    for c, dtype in frame_columns(key).items():
        if dtype == "float64":
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
        elif dtype == "Int64":
            frame[c] = pd.array(frame[c].tolist(), dtype="Int64") if len(frame) else frame[c].astype("Int64")
        elif dtype.startswith("datetime64"):
            frame[c] = pd.to_datetime(frame[c], errors="coerce").astype("datetime64[ns]")
        elif dtype == "object":
            col = frame[c].astype("object")
            frame[c] = col.where(col.notna(), None)
    return frame


# --- offices and the registry -------------------------------------------------------------------

def validate_registry(grid: RawTab, *, link: LinkFn | None = None) -> tuple[pd.DataFrame, list[Finding]]:
    """The `Kantor` registry -> frame (kode, nama, sektor, sumber, frekuensi, situs, baris)."""
    frame, findings = validate_tab(REGISTRY, grid, office="", title="Kantor", link=link)
    if frame is None:
        return empty_frame("kantor"), findings
    frame["frekuensi"] = frame["frekuensi"].fillna("triwulanan")
    return frame, findings


def validate_office(
    raw: RawWorkbook, office: OfficeRef, today: date | None = None, link: LinkFn | None = None,
) -> tuple[OfficeData | None, list[Finding]]:
    """Validate every tab of one office. None when the office has a structural error."""
    findings: list[Finding] = []
    frames: dict[str, pd.DataFrame] = {}
    broken = False
    for tab in OFFICE_TABS:
        title, grid = _find_tab(raw.tabs, tab)
        if grid is None:
            if tab.required_tab:
                ctx = _Ctx(office.kode, tab, tab.name, None)
                ctx.add("tab_hilang", tab_dicari=tab.name,
                        terdekat=_closest(tab.name, list(raw.tabs), cutoff=0.75),
                        diharapkan=", ".join(tab.headers))
                findings.extend(ctx.findings)
                broken = True
            frames[tab.key] = empty_frame(tab.key)
            continue
        frame, tab_findings = validate_tab(tab, grid, office=office.kode, title=title,
                                           today=today, link=link)
        findings.extend(tab_findings)
        if frame is None:
            broken = True
            frames[tab.key] = empty_frame(tab.key)
        else:
            frames[tab.key] = frame
    if broken:
        return None, findings
    findings.extend(_cross_checks(frames, office.kode, raw, link))
    return OfficeData(office.kode, frames), findings


def _cross_checks(frames: dict[str, pd.DataFrame], office: str, raw: RawWorkbook,
                  link: LinkFn | None) -> list[Finding]:
    """Rules that span columns or tabs; offending rows are dropped from `frames`."""
    out: list[Finding] = []

    def letter_of(tab: Tab, name: str) -> str | None:
        title, grid = _find_tab(raw.tabs, tab)
        if not grid:
            return None
        keys = [header_key(h) for h in grid[0]]
        k = header_key(name)
        return column_letter(keys.index(k)) if k in keys else None

    cap = frames["capaian"]
    known = set(frames["indikator"]["kode"])
    bad = ~cap["kode"].isin(known)
    if bad.any():
        tab = TABS["capaian"]
        ctx = _Ctx(office, tab, _find_tab(raw.tabs, tab)[0] or tab.name, link)
        letter = letter_of(tab, "kode")
        for r in cap[bad].itertuples():
            ctx.add("indikator_tidak_dikenal", row=r.baris, col=tab.column("kode"), letter=letter,
                    value=r.kode)
        out.extend(ctx.findings)
        frames["capaian"] = cap = cap[~bad].reset_index(drop=True)
    zero = cap["target"] == 0
    if zero.any():
        tab = TABS["capaian"]
        ctx = _Ctx(office, tab, _find_tab(raw.tabs, tab)[0] or tab.name, link)
        letter = letter_of(tab, "target")
        for r in cap[zero].itertuples():
            ctx.add("target_nol", row=r.baris, col=tab.column("target"), letter=letter, value=0)
        out.extend(ctx.findings)

    pg = frames["pengaduan"]
    if len(pg):
        tab = TABS["pengaduan"]
        ctx = _Ctx(office, tab, _find_tab(raw.tabs, tab)[0] or tab.name, link)
        drop = pd.Series(False, index=pg.index)
        for name in ("tanggal_tanggapan", "tanggal_selesai"):
            wrong = pg[name].notna() & (pg[name] < pg["tanggal_masuk"])
            letter = letter_of(tab, name)
            for r in pg[wrong].itertuples():
                ctx.add("urutan_tanggal", row=r.baris, col=tab.column(name), letter=letter,
                        value=getattr(r, name).date().isoformat())
            drop |= wrong
        out.extend(ctx.findings)
        frames["pengaduan"] = pg[~drop].reset_index(drop=True)
    return out
