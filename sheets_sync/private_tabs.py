"""Staging for the office head's private follow-up (`kinerja tindak-lanjut`): an office's
Pegawai, Organisasi and UmpanBalik tabs (`contracts.FOLLOW_UP_TABS`), read from its own source
and validated by the same contracts and validator as the sync, but with NIP and name kept
(`contracts.keeping_private`).

Nothing here is written anywhere: the frames live in memory for one office at a time and go to
that office's own follow-up only. The snapshot store, the site and the logs never see them.
Findings are the validator's, so they never echo a value of these tabs; columns outside the
contract (a comment column of UmpanBalik) are never parsed."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from sheets_sync.contracts import FOLLOW_UP_TABS, TABS, Tab, keeping_private, tab_frame_columns
from sheets_sync.findings import Finding
from sheets_sync.sources.base import OfficeRef, RawTab, RawWorkbook, Source
from sheets_sync.validate import LinkFn, validate_tab
from sheets_sync.values import header_key

FOLLOW_UP_TITLES = tuple(t.name for t in FOLLOW_UP_TABS)


@dataclass
class PrivateTabs:
    """One office's follow-up tabs as typed frames. `pegawai` (with `nip` and `nama`) is None
    when the tab is missing or structurally broken; `organisasi` and `umpan_balik` are then
    empty frames too when they are missing or broken (both tabs are optional)."""

    kode: str
    pegawai: pd.DataFrame | None
    organisasi: pd.DataFrame
    umpan_balik: pd.DataFrame
    findings: list[Finding] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """Valid Pegawai data: the tab could be read and at least one row passed validation."""
        return self.pegawai is not None and len(self.pegawai) > 0


def read_follow_up_tabs(source: Source, office: OfficeRef) -> RawWorkbook:
    """The office's follow-up tabs from its source: only those tabs when the source can read
    single tabs (`read_tabs`: the Google and workbook sources), else the whole workbook.
    Raises the source's `SourceError` as `read_office` does."""
    read_tabs = getattr(source, "read_tabs", None)
    if callable(read_tabs):
        raw: RawWorkbook = read_tabs(office, list(FOLLOW_UP_TITLES))
        return raw
    return source.read_office(office)


def _find(tabs: dict[str, RawTab], tab: Tab) -> tuple[str | None, RawTab | None]:
    wanted = header_key(tab.name)
    for title, grid in tabs.items():
        if header_key(title) == wanted:
            return title, grid
    return None, None


def validate_follow_up(raw: RawWorkbook, office: OfficeRef, *, today: date | None = None,
                       link: LinkFn | None = None) -> PrivateTabs:
    """Validate the follow-up tabs of one office, keeping NIP and name."""
    frames: dict[str, pd.DataFrame | None] = {}
    findings: list[Finding] = []
    for tab in FOLLOW_UP_TABS:
        title, grid = _find(raw.tabs, tab)
        if grid is None:
            if tab.required_tab:
                findings.append(Finding.of(
                    "tab_hilang", office=office.kode, tab=tab.name, tab_dicari=tab.name,
                    terdekat=None, diharapkan=", ".join(tab.headers)))
            frames[tab.key] = None
            continue
        frame, found = validate_tab(keeping_private(tab), grid, office=office.kode, title=title,
                                    today=today, link=link)
        findings.extend(found)
        frames[tab.key] = frame
    return PrivateTabs(
        kode=office.kode,
        pegawai=frames["pegawai"],
        organisasi=_or_empty(frames["organisasi"], "organisasi"),
        umpan_balik=_or_empty(frames["umpan_balik"], "umpan_balik"),
        findings=findings,
    )


def _or_empty(frame: pd.DataFrame | None, key: str) -> pd.DataFrame:
    """`frame`, or the empty frame of the tab `key` with its private columns."""
    if frame is not None:
        return frame
    columns = tab_frame_columns(keeping_private(TABS[key]))
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
