"""One finding: a located data problem of a catalogued kind, and its JSON record."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sheets_sync.findings.catalogue import KINDS, Severity, kind
from sheets_sync.values import show_invisible


@dataclass
class Finding:
    """One located problem. `value` is never personal data: private columns are masked.

    New findings are made with `Finding.of`, which takes the texts from the catalogue; the
    constructor is for findings read back from a report (their texts as written then)."""

    code: str
    office: str  # office code, or "" for the registry
    tab: str
    message: str
    hint: str = ""
    row: int | None = None  # the row number the sheet shows
    column: str | None = None  # column letter
    header: str | None = None
    value: str | None = None
    link: str | None = None
    severity: Severity = field(default=None)  # type: ignore[assignment]  # None: the catalogue's

    def __post_init__(self) -> None:
        self.severity = kind(self.code).severity if self.severity is None else Severity(
            self.severity)

    @classmethod
    def of(cls, code: str, *, office: str, tab: str = "", row: int | None = None,
           column: str | None = None, header: str | None = None, value: str | None = None,
           link: str | None = None, **fields: Any) -> Finding:
        """A new finding of the catalogued kind `code`, its message and hint filled with the
        location, `value` and `fields`."""
        k = kind(code)
        message, hint = k.render(header=header, value=value, **fields)
        return cls(code=code, office=office, tab=tab, message=message, hint=hint, row=row,
                   column=column, header=header, value=value, link=link, severity=k.severity)

    @property
    def structural(self) -> bool:
        return kind(self.code).structural

    @property
    def reason(self) -> str:
        """Why a structural finding holds the office back, in a few words ("" for other kinds
        and retired codes)."""
        known = KINDS.get(self.code)
        if known is None or not known.reason:
            return ""
        return known.reason.format(tab=self.tab or "-", header=self.header or "-")

    @property
    def title(self) -> str:
        known = KINDS.get(self.code)  # a report of an older version may hold a retired code
        return known.title if known else ""

    @property
    def cell(self) -> str | None:
        if self.column and self.row:
            return f"{self.column}{self.row}"
        return None

    def location(self) -> str:
        parts = [f"tab {self.tab}"] if self.tab else []
        if self.row:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}" + (f" ({self.header})" if self.header else ""))
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: every field, plus `cell` and `title` for readers' convenience
        (ignored when read back)."""
        return {
            "code": self.code, "office": self.office, "tab": self.tab, "message": self.message,
            "hint": self.hint, "row": self.row, "column": self.column, "header": self.header,
            "value": self.value, "link": self.link, "severity": self.severity.value,
            "cell": self.cell, "title": self.title,
        }


def display_value(value: object, limit: int = 60) -> str:
    """Short, single-line rendering of a cell value for a message; invisible characters are
    written out (`[U+202E]`), so the finding shows where they are and they cannot reorder it."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        value = int(value)
    text = "" if value is None else str(value)
    text = show_invisible(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"
