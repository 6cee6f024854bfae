"""The config that goes with the fixture portal's marts (`tests.fixtures.marts.make_marts`, a
small hand-made portal written from the column contracts in site_builder/marts.py —
independent of the compute code) in the site tests."""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sheets_sync.config import PortalConfig

NOW = datetime(2025, 11, 20, 6, 30, tzinfo=UTC)


def make_config(tmp_path: Path, title: str = "Portal Kinerja Kabupaten Contoh") -> PortalConfig:
    return PortalConfig.model_validate({
        "title": title,
        "instansi": "Pemerintah Kabupaten Contoh",
        "source": {"kind": "workbook", "path": str(tmp_path)},
        "state_dir": str(tmp_path / "state"),
    })
