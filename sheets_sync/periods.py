"""Reporting periods: `2025` (year), `2025-S1`/`S2`, `2025-TW1`…`TW4`, `2025-01`…`2025-12`."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

KINDS = ("tahun", "semester", "triwulan", "bulan")
_PER_YEAR = {"tahun": 1, "semester": 2, "triwulan": 4, "bulan": 12}
_MONTHS = {"tahun": 12, "semester": 6, "triwulan": 3, "bulan": 1}

_PATTERNS = [
    (re.compile(r"^(\d{4})$"), "tahun"),
    (re.compile(r"^(\d{4})[-/ ]?S(?:EM(?:ESTER)?)?[-/ ]?([12])$"), "semester"),
    (re.compile(r"^(\d{4})[-/ ]?(?:TW|Q|TRIWULAN)[-/ ]?([1-4])$"), "triwulan"),
    (re.compile(r"^(\d{4})[-/ ](0?[1-9]|1[0-2])$"), "bulan"),
]


@dataclass(frozen=True, order=True)
class Period:
    """A parsed period; orders chronologically by (year, start month, kind)."""

    year: int
    start_month: int
    kind: str
    index: int

    @property
    def code(self) -> str:
        if self.kind == "tahun":
            return f"{self.year}"
        if self.kind == "semester":
            return f"{self.year}-S{self.index}"
        if self.kind == "triwulan":
            return f"{self.year}-TW{self.index}"
        return f"{self.year}-{self.index:02d}"

    @property
    def end(self) -> date:
        """Last day of the period."""
        last_month = self.start_month + _MONTHS[self.kind] - 1
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def start(self) -> date:
        return date(self.year, self.start_month, 1)

    def previous(self) -> Period:
        """The previous period of the same kind (TW1 2025 -> TW4 2024)."""
        if self.index > 1:
            return make_period(self.year, self.kind, self.index - 1)
        return make_period(self.year - 1, self.kind, _PER_YEAR[self.kind])

    def __str__(self) -> str:
        return self.code


def make_period(year: int, kind: str, index: int) -> Period:
    return Period(year, (index - 1) * _MONTHS[kind] + 1, kind, index)


def periods_of_year(year: int) -> list[str]:
    """Every period code of one year, longest first: the year, S1–S2, TW1–TW4, 01–12."""
    return [make_period(year, kind, i).code for kind in KINDS
            for i in range(1, _PER_YEAR[kind] + 1)]


def parse_period(value: object) -> Period | None:
    """Parse a period cell; None when it is not one of the accepted forms."""
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (datetime, date)):
        return make_period(value.year, "bulan", value.month)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"\s+", " ", str(value).strip().upper())
    for pattern, kind in _PATTERNS:
        m = pattern.match(text)
        if m:
            year = int(m.group(1))
            if not 2000 <= year <= 2100:
                return None
            index = 1 if kind == "tahun" else int(m.group(2))
            return make_period(year, kind, index)
    return None


def period_sort_key(code: object) -> int:
    """The one chronological order of periods (rows of the marts and open data, histories,
    "latest period"): by the period's last day; at the same last day a longer period before a
    shorter one (2025-01 < 2025-TW1 < 2025-03 < … < 2025 < 2025-S2 < 2025-TW4 < 2025-12), so
    the latest period is the one whose data reaches furthest, and the shortest of those.
    Anything that is not a period sorts first (0)."""
    p = parse_period(code)
    if p is None:
        return 0
    return p.end.toordinal() * len(KINDS) + KINDS.index(p.kind)


def period_kind(code: str) -> str | None:
    p = parse_period(code)
    return p.kind if p else None
