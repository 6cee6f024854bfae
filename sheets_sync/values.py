"""Cell parsing shared by every source: numbers with Indonesian decimal commas, Google Sheets
serial dates, stray spaces. Each parser returns (value, problem) where problem is None or a
short code; the caller turns problems into located findings.

Spreadsheet serial dates are defined here once, for reading and for writing (`workbooks.xlsx`):
day 0 is `SERIAL_EPOCH`, 30 December 1899."""
from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

SERIAL_EPOCH = date(1899, 12, 30)
"""Day 0 of spreadsheet serial dates: Google Sheets, and Excel's 1900 date system from
1 March 1900 on (Excel counts a 29 February 1900 that never was, so its earlier serials are
one lower; `date_serial` writes them that way)."""
_PHANTOM_LEAP_DAY_END = date(1900, 3, 1)
_SERIAL_EPOCH_DT = datetime.combine(SERIAL_EPOCH, time())
_PHANTOM_LEAP_DAY_END_DT = datetime.combine(_PHANTOM_LEAP_DAY_END, time())
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
INVISIBLE = (
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, overrides
    "\u200b-\u200d\u2060-\u2064\ufeff\u180e\u034f"  # zero-width and invisible joiners/operators
    "\U000e0001\U000e0020-\U000e007f"  # Unicode tag characters (invisible "ASCII")
)
"""Characters that change how text looks without being seen (visual spoofing, e.g. U+202E
RIGHT-TO-LEFT OVERRIDE), as a regex character class. Never published: removed from sheet text
by validation (`karakter_tersembunyi`) and again by every writer of the site and open data."""
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
SHEET_ERRORS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#ERROR!", "#SPILL!",
    "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    "#EXTERNAL!", "#PYTHON!", "Loading...",
})
"""The error values spreadsheets show instead of a result (Excel; Google Sheets, whose values
API returns the error's text, and "Loading..." while an import is pending)."""
NUMBER_MAX = 1e15
"""Numbers must be smaller than this in size: a published figure is a Decimal of at most 28
digits with 2 decimals, and a capaian of realisasi < 1e15 over a target >= `NUMBER_MIN` stays
within that (also the size a float holds exactly to the unit, ~9e15)."""
NUMBER_MIN = 1e-6
"""A number other than 0 must be at least this in size (a tiny target makes a huge capaian)."""
NUMBER_BOUNDS = {"angka_terlalu_besar": "1.000.000.000.000.000", "angka_terlalu_kecil": "0,000001"}
"""The bound each finding names (its field `batas`), written as HR staff read numbers."""
NEEDS_CARE = re.compile(f"[{INVISIBLE}]|#|Loading\\.\\.\\.")
"""Text a fast path of validation must leave to the one-by-one parser: it may hold an invisible
character or be an error value."""
_MONTHS_ID = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "january": 1, "february": 2, "march": 3,
    "june": 6, "july": 7, "august": 8, "october": 10, "december": 12,
}


def is_blank(value: object) -> bool:
    """True for None, NaN and strings holding only whitespace."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()  # strip() removes exactly what `_SPACES` matches
    return False


def clean_text(value: object) -> str | None:
    """Trimmed text with inner runs of whitespace collapsed; None when blank."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # split() cuts at runs of exactly the characters `_SPACES` matches (NBSP and the narrow and
    # figure spaces are str.isspace() too), so this is `_SPACES.sub(" ", text).strip()`, faster
    return " ".join(str(value).split())


def number_bound(number: float) -> str | None:
    """The finding code when compute cannot hold `number` (inf included), else None."""
    size = abs(number)
    if size >= NUMBER_MAX:
        return "angka_terlalu_besar"
    return "angka_terlalu_kecil" if 0 < size < NUMBER_MIN else None


def strip_invisible(text: str) -> str:
    """`text` without the characters of `INVISIBLE`."""
    return _INVISIBLE.sub("", text)


def show_invisible(text: str) -> str:
    """`text` with each character of `INVISIBLE` written out, e.g. `[U+202E]` (for findings:
    they show where such a character was, and it cannot reorder the report's own text)."""
    return _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def header_key(value: object) -> str:
    """Normalised header for matching: lower case, no spaces, underscores or dashes."""
    text = strip_invisible(clean_text(value) or "")
    return re.sub(r"[\s_\-.]+", "", text.lower())


_NUM_CHARS = re.compile(r"^[+-]?[\d.,]+$")


def parse_number(value: object) -> tuple[float | None, str | None]:
    """Parse a number cell. Accepts numbers, `87,5`, `1.234,5`, `1,234.5`, `12.500` (Indonesian
    thousands, reported as `angka_ambigu`), a trailing `%` and an `Rp` prefix.
    Returns (value, problem): problem is `angka_tidak_valid` or `angka_ambigu`."""
    if isinstance(value, bool):
        return None, "angka_tidak_valid"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return None, "angka_tidak_valid"
        try:
            return float(value), None
        except OverflowError:  # an int past float's range (a JSON number of 400 digits)
            return math.inf, None
    text = clean_text(value)
    if text is None:
        return None, None
    text = text.replace(" ", "")
    if text.lower().startswith("rp"):
        text = text[2:].lstrip(".")
    if text.endswith("%"):
        text = text[:-1]
    if not text or not _NUM_CHARS.match(text):
        return None, "angka_tidak_valid"
    sign = ""
    if text[0] in "+-":
        sign, text = text[0], text[1:]
    problem = None
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):  # 1.234,5
            text = text.replace(".", "").replace(",", ".")
        else:  # 1,234.5
            text = text.replace(",", "")
    elif "," in text:
        if text.count(",") == 1:
            text = text.replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(,\d{3})+", text):
            text = text.replace(",", "")
        else:
            return None, "angka_tidak_valid"
    elif "." in text:
        if text.count(".") > 1:
            if not re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
                return None, "angka_tidak_valid"
            text = text.replace(".", "")
        elif re.fullmatch(r"\d{1,3}\.\d{3}", text):
            # "12.500": Indonesian thousands or a decimal? Read as thousands, warn.
            text = text.replace(".", "")
            problem = "angka_ambigu"
    try:
        number = float(sign + text)
    except ValueError:
        return None, "angka_tidak_valid"
    return number, problem


# Dates a performance sheet can hold. Anything outside is a typo (`01/01/2900`, `3/2/0205`)
# and is reported as such, rather than reaching pandas, which cannot hold years past 2262.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2099, 12, 31)


def plausible_date(d: date) -> bool:
    return DATE_MIN <= d <= DATE_MAX


def parse_date(value: object) -> tuple[date | None, str | None]:
    """Parse a date cell: datetime/date, a Sheets/Excel serial number, ISO `2025-02-03`,
    Indonesian `03/02/2025` or `3-2-2025` (day first), `3 Februari 2025`. A date outside
    `DATE_MIN`..`DATE_MAX` is `tanggal_tidak_valid`."""
    d, problem = _parse_date(value)
    if d is not None and not plausible_date(d):
        return None, "tanggal_tidak_valid"
    return d, problem


def _parse_date(value: object) -> tuple[date | None, str | None]:
    if isinstance(value, bool):
        return None, "tanggal_tidak_valid"
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None, None
        if 1 <= value < 2958466:  # up to 9999-12-31
            return serial_to_date(value), None
        return None, "tanggal_tidak_valid"
    text = clean_text(value)
    if text is None:
        return None, None
    try:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?", text)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), None
        m = re.fullmatch(
            r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?", text)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))), None
        m = re.fullmatch(r"(\d{1,2})[ \-]([A-Za-z]+)\.?[ \-](\d{4})", text)
        if m and m.group(2).lower() in _MONTHS_ID:
            return date(int(m.group(3)), _MONTHS_ID[m.group(2).lower()], int(m.group(1))), None
    except ValueError:
        return None, "tanggal_tidak_valid"
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        number, _ = parse_number(text)
        if number is not None:
            return _parse_date(number)
    return None, "tanggal_tidak_valid"


def serial_to_date(serial: float) -> date:
    """The day of a Google Sheets serial number (`SERIAL_NUMBER` render option: days since
    `SERIAL_EPOCH`, any time of day dropped)."""
    return SERIAL_EPOCH + timedelta(days=math.floor(serial))


def date_serial(day: date) -> int:
    """Excel's 1900-system serial number of `day`, as Excel, xlsxwriter, openpyxl and calamine
    count it (before March 1900 one lower, for Excel's phantom 29 February 1900)."""
    days = (day - SERIAL_EPOCH).days
    return days - 1 if day < _PHANTOM_LEAP_DAY_END else days


def datetime_serial(moment: datetime) -> float:
    """Excel's 1900-system serial number of a naive `moment`: days and the fraction of the day."""
    serial = (moment - _SERIAL_EPOCH_DT).total_seconds() / 86400
    return serial - 1 if moment < _PHANTOM_LEAP_DAY_END_DT else serial


def column_letter(index: int) -> str:
    """0-based column index -> sheet letter (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
