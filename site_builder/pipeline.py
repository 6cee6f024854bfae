"""The pipeline: sync (sheets_sync.sync) -> compute -> publish. `build` and `check` are the two
whole runs; I/O lives here, in the sync and in the sources; compute stays pure."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sheets_sync.config import PortalConfig
from sheets_sync.errors import BuildError
from sheets_sync.findings import Finding, Report, office_state
from sheets_sync.portal_data import PortalData
from sheets_sync.snapshots import atomic_write_text
from sheets_sync.sources import Source
from sheets_sync.sync import Progress, _tick, sync
from site_builder.compute.isolation import compute_guarded


def write_private_report(config: PortalConfig, report: Report, names: dict[str, str]) -> Path:
    """The validation report for HR staff, in the private state folder (never in the site)."""
    folder = Path(config.state_dir) / "laporan"
    atomic_write_text(folder / "temuan.json", report.to_json() + "\n")
    atomic_write_text(folder / "temuan.txt", report.to_text(names))
    return folder


@dataclass
class BuildResult:
    out_dir: Path
    report: Report
    data: PortalData
    report_dir: Path
    publish: Any = None
    timings: dict[str, float] = field(default_factory=dict)


def build(config: PortalConfig, out_dir: Path, *, now: datetime | None = None,
          progress: Progress | None = None, source: Source | None = None,
          publish: Callable[..., Any] | None = None) -> BuildResult:
    """sync -> compute -> publish. Offices with invalid data keep their last good snapshot."""
    from site_builder.compute.portal import compute_portal
    from site_builder.rules import rule_set

    now = now or datetime.now(UTC)
    rules = rule_set(config)  # every rule file checked before anything is read
    result = sync(config, now=now, progress=progress, source=source)
    data = result.data
    if not data.data:
        write_private_report(config, result.report, _names(data))
        raise BuildError("no office has valid data; see the report in "
                         f"{Path(config.state_dir) / 'laporan' / 'temuan.txt'}")
    from site_builder.disclosure.record import PublishedRecord

    record = PublishedRecord.read(Path(config.state_dir))
    t0 = time.perf_counter()
    today = config.local_date(now)
    marts = compute_guarded(data, lambda d: compute_portal(d, config, rules, today, record))
    _tick(result.timings, "compute", t0)
    _extend(result.report, marts.findings)
    report_dir = write_private_report(config, result.report, _names(data))
    if publish is None:
        from site_builder.publish import publish_site

        publish = publish_site
    t0 = time.perf_counter()
    published = publish(marts, config, Path(out_dir), now=now)
    _tick(result.timings, "publish", t0)
    # the site is out: from now on its cells are public, and later builds are audited against
    # them (written only after the publish succeeded)
    record.with_published(marts.pegawai_distribusi, marts.pegawai_distribusi_unit).write(
        Path(config.state_dir))
    return BuildResult(Path(out_dir), result.report, data, report_dir, published, result.timings)


def check(config: PortalConfig, *, now: datetime | None = None, source: Source | None = None,
          progress: Progress | None = None) -> tuple[Report, PortalData]:
    """Read and validate every office (and run the compute-time checks); write nothing."""
    from site_builder.compute.portal import compute_portal
    from site_builder.rules import rule_set

    now = now or datetime.now(UTC)
    rules = rule_set(config)
    result = sync(config, now=now, persist=False, source=source, progress=progress)
    if result.data.data:
        fresh = PortalData(result.data.offices,
                           {k: v for k, v in result.data.data.items()
                            if result.data.status[k].status == "ok"},
                           result.data.status)
        today = config.local_date(now)
        _extend(result.report,
                compute_guarded(fresh, lambda d: compute_portal(d, config, rules, today)).findings)
    return result.report, result.data


def _extend(report: Report, computed: list[Finding]) -> None:
    """Add compute's findings; an office compute could not hold (`perhitungan_gagal`, shown
    without figures) gets its state sentence again."""
    report.extend(computed)
    for kode in sorted({f.office for f in computed if f.office and f.structural}):
        report.states[kode] = office_state(kode, report.for_office(kode), data_per=None)


def _names(data: PortalData) -> dict[str, str]:
    return dict(zip(data.offices["kode"], data.offices["nama"], strict=True))
