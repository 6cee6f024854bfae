"""Source adapters: each turns one kind of storage into raw grids (see docs/architecture.md)."""
from __future__ import annotations

from sheets_sync.config import PortalConfig
from sheets_sync.sources.base import OfficeRef, RawTab, RawWorkbook, Source


def make_source(config: PortalConfig) -> Source:
    """The source named by `config.source.kind`."""
    if config.source.kind == "google":
        from sheets_sync.sources.google import GoogleSource

        return GoogleSource(config, progress=False)  # the pipeline reports progress
    from sheets_sync.sources.workbook import WorkbookSource

    return WorkbookSource(config)


__all__ = ["OfficeRef", "RawTab", "RawWorkbook", "Source", "make_source"]
