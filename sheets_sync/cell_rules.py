"""The validator's rule for one cell: a raw value of a column -> (parsed value, finding code or
None, extra message fields), by the column's kind in `contracts`. `validate.py` applies it once
per distinct value of a column; the template's instructions are checked against it."""
from __future__ import annotations

import difflib
import functools
import re
from datetime import date
from typing import Any

import numpy as np

from sheets_sync.contracts import Column
from sheets_sync.periods import parse_period
from sheets_sync.sources.base import FORMULA_WITHOUT_VALUE
from sheets_sync.values import (
    NUMBER_BOUNDS,
    SHEET_ERRORS,
    clean_text,
    is_blank,
    number_bound,
    parse_date,
    parse_number,
    strip_invisible,
)

Parsed = tuple[object, str | None, dict[str, Any]]
"""(parsed value or None, finding code or None, extra fields of the finding's message)"""


def parse_cell(col: Column, raw: object) -> Parsed:
    """One raw cell of `col`: its parsed value, the finding code when it breaks a rule, and the
    fields of that finding's message."""
    if is_blank(raw):
        return parse_blank(col)
    return parse_present(col, raw)


def parse_blank(col: Column) -> Parsed:
    """A blank cell of `col`: `wajib_diisi` when required, else the column's default."""
    if col.required:
        return None, "wajib_diisi", {}
    return col.default, None, {}


def parse_present(col: Column, raw: object) -> Parsed:
    """`_parse_cell` for a value already known not to be blank: a formula without a saved
    result or an error value is a finding; invisible characters are removed (a warning)."""
    if raw is FORMULA_WITHOUT_VALUE:
        return None, "rumus_tanpa_nilai", {}
    if isinstance(raw, str):
        if raw.strip() in SHEET_ERRORS:
            return None, "nilai_galat", {}
        text = strip_invisible(raw)
        if text != raw:  # a warning, unless the text without them has a problem of its own
            value, problem, extra = parse_cell(col, text)
            return value, problem or "karakter_tersembunyi", extra
    return _parse_kind(col, raw)


def _parse_kind(col: Column, raw: object) -> Parsed:
    """A present value parsed by its column's kind."""
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
            return None, "di_luar_rentang", {"rentang": range_text(col)}
        if col.maximum is not None and number > col.maximum:
            return None, "di_luar_rentang", {"rentang": range_text(col)}
        bound = number_bound(number)  # compute holds no such number
        if bound:
            return None, bound, {"batas": NUMBER_BOUNDS[bound]}
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


def range_text(col: Column) -> str:
    """The allowed range of a number column as HR staff read it (`1–4`, `> 0`, `≥ 0`)."""
    lo = ("" if col.minimum is None
          else ("> " if col.exclusive_minimum else "≥ ") + f"{col.minimum:g}")
    hi = "" if col.maximum is None else f"≤ {col.maximum:g}"
    if col.minimum is not None and col.maximum is not None and not col.exclusive_minimum:
        return f"{col.minimum:g}–{col.maximum:g}"
    return " dan ".join(x for x in (lo, hi) if x)


def _enum_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


@functools.cache
def _enum_table(choices: tuple[str, ...], aliases: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Normalised spelling -> canonical choice (built once per column, not once per cell)."""
    table = {_enum_key(c): c for c in choices}
    table.update({_enum_key(a): c for a, c in aliases})
    return table


def _parse_enum(col: Column, raw: object) -> Parsed:
    text = clean_text(raw) or ""
    key = _enum_key(text)
    table = _enum_table(col.choices, tuple(col.aliases.items()))
    if key in table:
        return table[key], None, {}
    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
    return None, "pilihan_tidak_valid", {
        "pilihan": ", ".join(col.choices),
        "terdekat": table[close[0]] if close else None,
    }


_NIP_STRIP = re.compile(r"[\s.\-']")
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def valid_nips(texts: np.ndarray) -> np.ndarray:
    """Which of `texts` (distinct `str` cells of a NIP column) `_parse_nip` accepts as written,
    without a finding, decided for all of them at once: 18 ASCII digits, a real birth date,
    TMT month not 00, sex digit 1 or 2, sequence not 000, age at TMT 17–60. The others (False)
    are for the cell-by-cell parser, which also explains what is wrong."""
    ok = np.zeros(len(texts), dtype=bool)
    at = np.flatnonzero(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) == 18)
    if not len(at):
        return ok
    d = np.array(texts[at], dtype="U18").view(np.uint32).reshape(-1, 18).astype(np.int64) - 48
    ascii_digits = ((d >= 0) & (d <= 9)).all(axis=1)

    def number(first: int, last: int) -> np.ndarray:
        return (d[:, first:last] * 10 ** np.arange(last - first - 1, -1, -1)).sum(axis=1)

    year, month, day = number(0, 4), number(4, 6), number(6, 8)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days = _MONTH_DAYS[np.clip(month, 0, 12)] + (leap & (month == 2))
    age = number(8, 12) - year
    ok[at] = (ascii_digits & (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
              & (day <= days) & (number(12, 14) != 0) & ((d[:, 14] == 1) | (d[:, 14] == 2))
              & (number(15, 18) != 0) & (age >= 17) & (age <= 60))
    return ok


def _parse_nip(raw: object) -> Parsed:
    if isinstance(raw, float):
        # an 18-digit NIP stored as a number has lost its last digits
        return None, "nip_tidak_valid", {
            "alasan": "disimpan sebagai angka; format kolom sebagai teks"}
    text = _NIP_STRIP.sub("", str(raw))
    if not text.isdigit():
        return None, "nip_tidak_valid", {"alasan": "harus berisi 18 angka"}
    if len(text) == 16:
        return None, "nip_tidak_valid", {"alasan": "16 digit: ini NIK, bukan NIP. Jangan isi NIK"}
    if len(text) == 9:
        return None, "nip_tidak_valid", {
            "alasan": "NIP lama 9 digit; ganti dengan NIP baru 18 digit"}
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
        # the age itself is read from the birth date: the message does not repeat it
        return text, "nip_meragukan", {"alasan": "usia saat TMT di luar 17–60 tahun"}
    return text, None, {}
