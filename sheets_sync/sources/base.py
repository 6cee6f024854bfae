"""What every source returns: raw grids, header row first, sheet rows in order."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sheets_sync.manifest import ManifestEntry

RawTab = list[list[Any]]
"""Rows of cells; a cell is str, int, float, bool, date/datetime, None, or
`FORMULA_WITHOUT_VALUE`. Error values of either source are their text (`#REF!`)."""


@dataclass(frozen=True)
class OfficeRef:
    """One office as the registry names it."""

    kode: str
    nama: str
    sumber: str  # workbook file name, or Google spreadsheet key/URL
    row: int | None = None  # row of the registry that declared it


@dataclass
class RawWorkbook:
    """All tabs of one office's spreadsheet, as found (tab titles in any case)."""

    tabs: dict[str, RawTab]
    source_id: str
    modified: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Source(Protocol):
    name: str

    def read_registry(self) -> RawTab:
        """The `Kantor` tab; raises SourceError when it cannot be read (fatal)."""
        ...

    def changed_since(self, offices: list[OfficeRef],
                      manifest: Mapping[str, ManifestEntry]) -> set[str]:
        """Codes of offices whose source changed since the manifest entry (or have none)."""
        ...

    def read_office(self, office: OfficeRef) -> RawWorkbook:
        """All tabs of one office; raises SourceError for a whole-office failure."""
        ...

    def cell_link(self, office: OfficeRef, tab: str, cell: str) -> str | None:
        """A link to the cell for HR staff, when the backend has one."""
        ...


class _FormulaWithoutValue:
    """The cell value of a formula whose result is not saved in the file (see
    `FORMULA_WITHOUT_VALUE`)."""

    _instance: _FormulaWithoutValue | None = None

    def __new__(cls) -> _FormulaWithoutValue:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"

    def __str__(self) -> str:
        return "(rumus tanpa nilai tersimpan)"

    def __reduce__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"


FORMULA_WITHOUT_VALUE = _FormulaWithoutValue()
"""A raw cell holding a formula whose result was never saved (an .xlsx written by a script, or
never opened in a spreadsheet program): not blank, not a value. Validation reports it
(`rumus_tanpa_nilai`) instead of reading the cell as "not yet reported"."""
