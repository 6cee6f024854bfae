"""Raw grids -> typed staging frames + located findings, driven by `contracts.TABS`.

Parsing is column-wise and done once per distinct raw value (`pd.factorize`): every per-row step
after that is a numpy index into the per-value results, and each frame column is built directly
in its final dtype, so a tab costs a few array operations and one DataFrame whatever its size.
Only problem cells become `Finding`s. Rows with an error are excluded; structural problems
(missing tab or header) exclude the whole office, but never stop the checking: every tab that
can be read is checked row by row (the columns whose header was found), and the checks across
tabs run on what is readable, so HR staff see every mistake in one pass. Rows whose key cell is
the template's marker `contracts.EXAMPLE_MARKER` (the example row) are skipped."""
from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from sheets_sync.cell_rules import parse_blank as _parse_blank
from sheets_sync.cell_rules import parse_cell as _parse_cell  # noqa: F401  (tests use it here)
from sheets_sync.cell_rules import parse_present as _parse_present
from sheets_sync.cell_rules import range_text as _range_text
from sheets_sync.cell_rules import valid_nips
from sheets_sync.contracts import (
    EXAMPLE_MARKER,
    OFFICE_TABS,
    REGISTRY,
    TABS,
    Column,
    Tab,
    empty_frame,
    tab_frame_columns,
)
from sheets_sync.findings import ERROR, KINDS, Finding, display_value
from sheets_sync.portal_data import OfficeData
from sheets_sync.sources.base import OfficeRef, RawTab, RawWorkbook
from sheets_sync.values import (
    NEEDS_CARE,
    NUMBER_BOUNDS,
    NUMBER_MAX,
    NUMBER_MIN,
    clean_text,
    column_letter,
    header_key,
    is_blank,
    plausible_date,
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
            masked = self.tab.private or (col is not None and col.private)
            shown = MASKED if masked else display_value(value)
        if self.tab.private and code == "kolom_hilang":
            fmt["terdekat"] = None  # a header typed in a private tab may be a name or a NIP
        cell = f"{letter}{row}" if letter and row else None
        self.findings.append(Finding.of(
            code, office=self.office, tab=self.title, row=row, column=letter,
            header=col.name if col else None, value=shown,
            link=self.link(self.title, cell) if (self.link and cell) else None, **fmt,
        ))


@dataclass
class _Parsed:
    """One parsed column, held per distinct raw value ("slot") plus each row's slot, so that
    per-row arrays are one numpy index away: `values[slot]`, `problems[slot]`, ..."""

    slot: np.ndarray  # int per row
    values: np.ndarray  # object per slot: parsed value
    problems: np.ndarray  # object per slot: str code or None
    extras: list[dict[str, Any] | None]  # per slot: extra message fields
    blank: np.ndarray  # bool per slot
    raw: Any = ()  # per slot but the last: the raw value (the last slot is None/NaN)


def _parse_column(col: Column, raw: np.ndarray) -> _Parsed:
    """Parse one column (an object array), once per distinct raw value (pd.factorize).

    The common cells (a float in a number column, a text in a text column) take a vectorised
    or inline path with the same result as `_parse_cell`; everything else goes through it."""
    uniques: Any
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    types = set(map(type, uniques))
    if bool in types:  # True == 1 would share a slot: parse one by one
        codes, uniques = np.arange(len(raw)), raw
    k = len(uniques)
    u_val = np.empty(k + 1, dtype=object)
    u_prob = np.empty(k + 1, dtype=object)
    u_extra: list[dict[str, Any] | None] = [None] * (k + 1)
    u_blank = np.zeros(k + 1, dtype=bool)
    done = np.zeros(k, dtype=bool)
    if col.kind in ("number", "integer") and float in types:
        done = _parse_floats(col, uniques, u_val, u_prob, u_extra)
    elif col.kind == "text" and types == {str}:
        u_val[:k] = [" ".join(u.split()) for u in uniques]  # clean_text, "" when blank
        done = u_val[:k].astype(bool)
        if NEEDS_CARE.search("\n".join(uniques)):  # rare: find which, parse those one by one
            done &= np.fromiter((NEEDS_CARE.search(u) is None for u in uniques), dtype=bool,
                                count=k)
    elif col.kind == "nip" and types == {str}:  # a million employees: one NIP each
        done = valid_nips(uniques)
        u_val[np.flatnonzero(done)] = uniques[done]
    elif col.kind == "date" and date in types:  # a date cell is its own value (parse_date)
        done = np.fromiter((type(u) is date and plausible_date(u) for u in uniques), dtype=bool,
                           count=k)
        u_val[np.flatnonzero(done)] = uniques[done]
    blank_result = _parse_blank(col)
    for i in np.flatnonzero(~done).tolist():
        u = uniques[i]
        if is_blank(u):
            u_blank[i] = True
            u_val[i], u_prob[i], extra = blank_result
        else:
            u_val[i], u_prob[i], extra = _parse_present(col, u)
        u_extra[i] = extra or None
    # slot k: None/NaN (factorize's sentinel -1 maps to the last slot)
    u_val[k], u_prob[k], extra = blank_result
    u_extra[k] = extra or None
    u_blank[k] = True
    slot = np.where(codes < 0, k, codes)
    return _Parsed(slot, u_val, u_prob, u_extra, u_blank, uniques)


def _parse_floats(col: Column, uniques: np.ndarray, u_val: np.ndarray, u_prob: np.ndarray,
                  u_extra: list[dict[str, Any] | None]) -> np.ndarray:
    """`_parse_present` for the float cells of a number/integer column, vectorised; fills their
    slots and returns which uniques it handled (NaN never gets here: it is factorize's NA)."""
    is_float = np.fromiter((type(u) is float for u in uniques), dtype=bool, count=len(uniques))
    where = np.flatnonzero(is_float)
    x = uniques[where].astype(np.float64)
    fine = np.isfinite(x)
    u_prob[where[~fine]] = "angka_tidak_valid"
    if col.kind == "integer":
        fraction = fine & (np.floor(x) != x)
        u_prob[where[fraction]] = "bilangan_bulat"
        fine &= ~fraction
    out = np.zeros(len(x), dtype=bool)
    if col.minimum is not None:
        out |= (x < col.minimum) | ((x == col.minimum) if col.exclusive_minimum else False)
    if col.maximum is not None:
        out |= x > col.maximum
    out &= fine
    if out.any():
        u_prob[where[out]] = "di_luar_rentang"
        rentang = {"rentang": _range_text(col)}
        for i in where[out].tolist():
            u_extra[i] = rentang
    fine &= ~out
    size = np.abs(x)
    for code, bad in (("angka_terlalu_besar", size >= NUMBER_MAX),  # `number_bound`, vectorised
                      ("angka_terlalu_kecil", (size > 0) & (size < NUMBER_MIN))):
        bad &= fine
        u_prob[where[bad]] = code
        for i in where[bad].tolist():
            u_extra[i] = {"batas": NUMBER_BOUNDS[code]}
        fine &= ~bad
    if col.kind == "integer":
        u_val[where[fine]] = [int(v) for v in x[fine].tolist()]
    else:
        u_val[where[fine]] = x[fine]
    return is_float


def _constant_column(col: Column, n: int) -> _Parsed:
    """A column whose optional header is absent: every row holds the default."""
    values = np.empty(1, dtype=object)
    values[0] = col.default
    problems = np.empty(1, dtype=object)
    return _Parsed(np.zeros(n, dtype=np.intp), values, problems, [None], np.ones(1, dtype=bool))


# --- typed frame columns ----------------------------------------------------------------------

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _typed(p: _Parsed, rows: np.ndarray, dtype: str) -> Any:
    """The parsed values of `rows` in the staging dtype (see `contracts.tab_frame_columns`)."""
    slot = p.slot[rows]
    if dtype == "object":  # str or None
        return p.values[slot]
    if dtype == "float64":  # float; None -> NaN
        return np.array(p.values.tolist(), dtype=np.float64)[slot]
    if dtype == "Int64":  # int; None -> <NA>
        missing = np.array([v is None for v in p.values], dtype=bool)
        data = np.array([0 if v is None else v for v in p.values], dtype=np.int64)
        return pd.arrays.IntegerArray(data[slot], missing[slot])
    if dtype.startswith("datetime64"):  # date -> midnight; None -> NaT
        # via day ordinals: numpy converts date objects one by one, ~20x slower. Parsed dates
        # are within values.DATE_MIN..DATE_MAX, well inside what datetime64[ns] holds.
        missing = np.array([v is None for v in p.values], dtype=bool)
        ordinals = np.array([0 if v is None else v.toordinal() for v in p.values], dtype=np.int64)
        days = (ordinals - _EPOCH_ORDINAL).astype("datetime64[D]")
        days[missing] = np.datetime64("NaT")
        return days[slot].astype("datetime64[ns]")
    raise AssertionError(f"unknown staging dtype {dtype}")


@functools.cache
def _contract_key(name: str) -> str:
    return header_key(name)


# --- tabs -------------------------------------------------------------------------------------

def _find_tab(tabs: dict[str, RawTab], tab: Tab) -> tuple[str | None, RawTab | None]:
    wanted = _contract_key(tab.name)
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


def _matrix(rows: list[list[Any]], width: int) -> np.ndarray:
    """The data rows as an (n, >= width) object matrix; short rows padded with None."""
    n = len(rows)
    lengths = set(map(len, rows))
    if len(lengths) == 1 and min(lengths) >= width:
        return np.array(rows, dtype=object)
    out = np.full((n, max(lengths | {width})), None, dtype=object)
    for j, r in enumerate(rows):
        out[j, :len(r)] = r
    return out


@dataclass
class TabCheck:
    """One tab checked: the rows that passed (`frame`; a column whose header is missing holds
    its default), every finding, whether the tab is structurally broken, and which contract
    columns could be read (their header found)."""

    frame: pd.DataFrame
    findings: list[Finding]
    structural: bool
    readable: frozenset[str]


def validate_tab(
    tab: Tab, grid: RawTab, *, office: str, title: str | None = None,
    today: date | None = None, link: LinkFn | None = None,
) -> tuple[pd.DataFrame | None, list[Finding]]:
    """Validate one tab. Returns (frame or None when structurally broken, findings)."""
    checked = check_tab(tab, grid, office=office, title=title, today=today, link=link)
    return (None if checked.structural else checked.frame), checked.findings


def check_tab(
    tab: Tab, grid: RawTab, *, office: str, title: str | None = None,
    today: date | None = None, link: LinkFn | None = None,
) -> TabCheck:
    """Check one tab: its header row, then every row in the columns whose header was found
    (also when another header is missing or doubled: then the tab is structurally broken)."""
    ctx = _Ctx(office, tab, title or tab.name, link)
    header = [clean_text(h) for h in (grid[0] if grid else [])]
    keys = [header_key(h) if h else "" for h in header]
    index: dict[str, int] = {}
    structural = False
    for col in tab.columns:
        positions = [i for i, k in enumerate(keys) if k == _contract_key(col.name)]
        if len(positions) > 1:
            ctx.add("kolom_ganda", row=1, col=col, letter=column_letter(positions[1]),
                    kolom_lain=column_letter(positions[0]))
            structural = True
        if positions:
            index[col.name] = positions[0]  # the first of doubled headers is read
        elif not col.optional_header:
            unmatched = [h for h, k in zip(header, keys, strict=True) if h and k not in
                         {_contract_key(c.name) for c in tab.columns}]
            closest = _closest(col.name, unmatched)
            where = column_letter(header.index(closest)) if closest else None
            ctx.add("kolom_hilang", row=1, col=col, letter=where, value=closest,
                    terdekat=closest, diharapkan=", ".join(tab.headers))
            structural = True

    rows = grid[1:]
    n = len(rows)
    sheet_rows = np.arange(2, n + 2)
    cells = _matrix(rows, max(index.values(), default=-1) + 1)
    parsed: dict[str, _Parsed] = {}
    keep = np.zeros(n, dtype=bool)  # rows not blank in every contract column are skipped
    for col in tab.columns:
        i = index.get(col.name)
        if i is None:
            parsed[col.name] = _constant_column(col, n)
        else:
            parsed[col.name] = p = _parse_column(col, cells[:, i])
            keep |= ~p.blank[p.slot]
    if tab.columns[0].name in index and n:
        keep &= ~_example_rows(parsed[tab.columns[0].name])
    ok = keep.copy()
    for col in tab.columns:
        if col.name not in index:
            continue
        p = parsed[col.name]
        letter = column_letter(index[col.name])
        has_problem = p.problems.astype(bool)  # a code or None
        for j in np.flatnonzero(keep & has_problem[p.slot]):
            s = p.slot[j]
            code = p.problems[s]
            ctx.add(code, row=int(sheet_rows[j]), col=col, letter=letter,
                    value=cells[j, index[col.name]], **(p.extras[s] or {}))
            if KINDS[code].severity == ERROR:
                ok[j] = False
        if col.kind == "date" and today is not None:
            future = np.array([isinstance(v, date) and v > today for v in p.values], dtype=bool)
            for j in np.flatnonzero(future[p.slot] & ok):
                ctx.add("tanggal_masa_depan", row=int(sheet_rows[j]), col=col, letter=letter,
                        value=p.values[p.slot[j]].isoformat())
    if tab.unique and n and all(c in index for c in tab.unique):
        _check_unique(ctx, tab, parsed, index, keep, ok, sheet_rows)
    frame = _frame(tab, parsed, np.flatnonzero(ok), sheet_rows)
    return TabCheck(frame, ctx.findings, structural, frozenset(index))


def _example_rows(key: _Parsed) -> np.ndarray:
    """Which rows' key cell holds the example row's marker (any case, spaces around allowed):
    one comparison per distinct raw value."""
    marked = np.fromiter((isinstance(u, str) and u.strip().upper() == EXAMPLE_MARKER
                          for u in key.raw), dtype=bool, count=len(key.raw))
    return np.append(marked, False)[key.slot]


def _check_unique(ctx: _Ctx, tab: Tab, parsed: dict[str, _Parsed], index: dict[str, int],
                  keep: np.ndarray, ok: np.ndarray, sheet_rows: np.ndarray) -> None:
    """Uniqueness of `tab.unique`: the first occurrence is kept, later ones are errors."""
    key_col = tab.column(tab.unique[0])
    letter = column_letter(index[key_col.name])
    key_ok = keep.copy()
    for c in tab.unique:
        p = parsed[c]
        key_ok &= np.array([v is not None for v in p.values], dtype=bool)[p.slot]
    cand = np.flatnonzero(key_ok)
    # one dense code per distinct key tuple (parsed values: " IKU-01" and "IKU-01" are equal)
    combined = np.zeros(len(cand), dtype=np.int64)
    for c in tab.unique:
        p = parsed[c]
        value_code, distinct = pd.factorize(p.values, use_na_sentinel=True)
        combined, _ = pd.factorize(combined * (len(distinct) + 1) + value_code[p.slot[cand]])
    _, first_pos, inverse = np.unique(combined, return_index=True, return_inverse=True)
    first = first_pos[inverse.reshape(-1)]
    for pos in np.flatnonzero(first != np.arange(len(cand))):
        j = cand[pos]
        key = tuple(parsed[c].values[parsed[c].slot[j]] for c in tab.unique)
        shown = (" + ".join(str(k) for k in key)
                 if not (key_col.private or tab.private) else None)
        ctx.add("duplikat", row=int(sheet_rows[j]), col=key_col, letter=letter,
                value=shown, baris_pertama=int(sheet_rows[cand[first[pos]]]),
                kunci=" + ".join(tab.unique))
        ok[j] = False


def _frame(tab: Tab, parsed: dict[str, _Parsed], rows: np.ndarray,
           sheet_rows: np.ndarray) -> pd.DataFrame:
    """The staging frame of the kept `rows`, each column built in its final dtype."""
    index = pd.RangeIndex(len(rows))  # one index object: pandas need not align the columns
    data: dict[str, Any] = {}
    for c, dtype in tab_frame_columns(tab).items():
        if c == "baris":
            data[c] = sheet_rows[rows].astype("int64")
        else:
            values = _typed(parsed[c], rows, dtype)
            # an object ndarray would be inferred as pandas' "str" dtype: keep str/None objects
            data[c] = (pd.Series(values, index=index, dtype=object, copy=False)
                       if dtype == "object" else values)
    return pd.DataFrame(data, index=index, copy=False)


# --- offices and the registry -------------------------------------------------------------------

def validate_registry(grid: RawTab, *,
                      link: LinkFn | None = None) -> tuple[pd.DataFrame, list[Finding]]:
    """The `Kantor` registry -> frame (kode, nama, sektor, sumber, frekuensi, situs, baris)."""
    frame, findings = validate_tab(REGISTRY, grid, office="", title="Kantor", link=link)
    if frame is None:
        return empty_frame("kantor"), findings
    return frame, findings


def validate_office(
    raw: RawWorkbook, office: OfficeRef, today: date | None = None, link: LinkFn | None = None,
) -> tuple[OfficeData | None, list[Finding]]:
    """Validate every tab of one office. None when the office has a structural error; its
    findings are still every problem that can be found (see the module docstring)."""
    findings: list[Finding] = []
    frames: dict[str, pd.DataFrame] = {}
    readable: dict[str, frozenset[str]] = {}
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
            readable[tab.key] = frozenset()
            continue
        checked = check_tab(tab, grid, office=office.kode, title=title, today=today, link=link)
        findings.extend(checked.findings)
        broken |= checked.structural
        frames[tab.key], readable[tab.key] = checked.frame, checked.readable
    findings.extend(_cross_checks(frames, readable, office.kode, raw, link))
    if broken:
        return None, findings
    return OfficeData(office.kode, frames), findings


def _cross_checks(frames: dict[str, pd.DataFrame], readable: dict[str, frozenset[str]],
                  office: str, raw: RawWorkbook, link: LinkFn | None) -> list[Finding]:
    """Rules that span columns or tabs, each run when the columns it needs could be read;
    offending rows are dropped from `frames`."""
    out: list[Finding] = []

    def can_read(key: str, *names: str) -> bool:
        return all(n in readable[key] for n in names)

    def letter_of(tab: Tab, name: str) -> str | None:
        title, grid = _find_tab(raw.tabs, tab)
        if not grid:
            return None
        keys = [header_key(h) for h in grid[0]]
        k = header_key(name)
        return column_letter(keys.index(k)) if k in keys else None

    def context(key: str) -> tuple[Tab, _Ctx]:
        tab = TABS[key]
        return tab, _Ctx(office, tab, _find_tab(raw.tabs, tab)[0] or tab.name, link)

    cap = frames["capaian"]
    baris = cap["baris"].to_numpy()
    if can_read("capaian", "kode") and can_read("indikator", "kode"):
        known = set(frames["indikator"]["kode"])
        kode = cap["kode"].to_numpy()
        bad = np.array([k not in known for k in kode], dtype=bool)
        if bad.any():
            tab, ctx = context("capaian")
            letter = letter_of(tab, "kode")
            for j in np.flatnonzero(bad):
                ctx.add("indikator_tidak_dikenal", row=int(baris[j]), col=tab.column("kode"),
                        letter=letter, value=kode[j])
            out.extend(ctx.findings)
            frames["capaian"] = cap = cap[~bad].reset_index(drop=True)
            baris = cap["baris"].to_numpy()
    zero = cap["target"].to_numpy() == 0  # a target that could not be read is NaN
    if zero.any():
        tab, ctx = context("capaian")
        letter = letter_of(tab, "target")
        kode, periode = cap["kode"].to_numpy(), cap["periode"].to_numpy()
        for j in np.flatnonzero(zero):
            ctx.add("target_nol", row=int(baris[j]), col=tab.column("target"), letter=letter,
                    value=0, indikator=kode[j], periode=periode[j])
        out.extend(ctx.findings)

    pg = frames["pengaduan"]
    if len(pg):
        tab, ctx = context("pengaduan")
        masuk = pg["tanggal_masuk"].to_numpy()
        baris = pg["baris"].to_numpy()
        drop = np.zeros(len(pg), dtype=bool)
        for name in ("tanggal_tanggapan", "tanggal_selesai"):
            when = pg[name].to_numpy()
            wrong = when < masuk  # NaT (blank, or a column that could not be read) is False
            if wrong.any():
                letter = letter_of(tab, name)
                for j in np.flatnonzero(wrong):
                    ctx.add("urutan_tanggal", row=int(baris[j]), col=tab.column(name),
                            letter=letter, value=pd.Timestamp(when[j]).date().isoformat())
            drop |= wrong
        out.extend(ctx.findings)
        if drop.any():
            frames["pengaduan"] = pg[~drop].reset_index(drop=True)
    return out
