"""`kinerja tindak-lanjut`: for every office of the registry, read its follow-up tabs from its
own source, compute its follow-up, write `tindak-lanjut-<KODE>.xlsx` into the output folder and,
with the Google source and write-back on, replace the `Tindak Lanjut` tab of its spreadsheet.

One office at a time: its personal data is in memory only while its workbook is written. What
this module prints or logs is office codes, paths and counts — never a cell of these tabs."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sheets_sync.config import PortalConfig
from sheets_sync.errors import BuildError, ConfigError, SourceError
from sheets_sync.private_tabs import read_follow_up_tabs, validate_follow_up
from sheets_sync.sources import OfficeRef, Source, make_source
from sheets_sync.validate import validate_registry
from site_builder.rules import rule_set
from site_builder.rules.tindak_lanjut import configured_rule
from site_builder.tindak_lanjut.compute import compute_follow_up
from site_builder.tindak_lanjut.tables import Cell, follow_up_sheets, tab_rows
from site_builder.tindak_lanjut.workbook import file_name, write_follow_up_workbook

log = logging.getLogger("kinerja.tindak_lanjut")

TAB_TITLE = "Tindak Lanjut"
"""The tab of the office's own spreadsheet the follow-up is written into (Google)."""


@dataclass
class OfficeFollowUp:
    """What the run did for one office (codes and counts only: this is printed)."""

    kode: str
    path: Path | None = None  # the workbook written; None when nothing was written
    periode: str | None = None
    pegawai: int = 0
    pengembangan: int = 0
    penghargaan: int = 0
    temuan: int = 0
    alasan: str = ""  # why nothing was written (Bahasa Indonesia)
    tab: str = ""  # Google: "ditulis", or why the tab was not written


@dataclass
class FollowUpRun:
    out_dir: Path
    offices: list[OfficeFollowUp] = field(default_factory=list)

    @property
    def written(self) -> list[OfficeFollowUp]:
        return [o for o in self.offices if o.path is not None]


def check_out_dir(config: PortalConfig, out_dir: Path) -> Path:
    """`out_dir`, resolved; `ConfigError` when it is (inside) a folder whose files get
    published: the hand-written pages (`site.content_dir`) or a built site."""
    out = Path(out_dir).resolve()
    content = Path(config.site.content_dir).resolve()
    if out == content or content in out.parents:
        raise ConfigError(f"--out {out_dir} is inside site.content_dir ({content}), whose files "
                          "are published: choose a private folder",
                          pesan=f"--out {out_dir} ada di dalam site.content_dir ({content}), yang "
                          "isinya diterbitkan: pilih folder pribadi")
    for folder in (out, *out.parents):
        if (folder / "freshness.json").is_file() and (folder / "index.html").is_file():
            raise ConfigError(f"--out {out_dir} is inside a built site ({folder}): choose a "
                              "private folder",
                              pesan=f"--out {out_dir} ada di dalam situs yang sudah dibangun "
                              f"({folder}): pilih folder pribadi")
    return out


def _stamp(now: datetime, timezone: str) -> str:
    local = now.astimezone(ZoneInfo(timezone))
    return local.strftime("%Y-%m-%d %H:%M") + (f" {local.tzname()}" if local.tzname() else "")


def write_follow_ups(config: PortalConfig, out_dir: Path, *, now: datetime,
                     source: Source | None = None) -> FollowUpRun:
    """Write every office's follow-up (see the module docstring). An office without valid
    Pegawai data gets nothing, and an earlier workbook of it in `out_dir` is removed."""
    out = check_out_dir(config, out_dir)
    rule = configured_rule(config)
    rules = rule_set(config)
    source = source or make_source(config)
    registry, _ = validate_registry(source.read_registry())  # `kinerja check` reports its findings
    if registry.empty:
        raise BuildError("the registry (Kantor) lists no valid office")
    to_google = (config.source.kind == "google" and config.source.write_back
                 and config.tindak_lanjut.write_back and hasattr(source, "replace_tab"))
    today = config.local_date(now)
    generated = _stamp(now, config.timezone)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)  # a new folder: its owner's alone
    run = FollowUpRun(out)
    for kode, nama, sumber in registry[["kode", "nama", "sumber"]].itertuples(index=False):
        ref = OfficeRef(str(kode), str(nama), str(sumber))
        done = OfficeFollowUp(ref.kode)
        run.offices.append(done)
        target = out / file_name(ref.kode)
        try:
            raw = read_follow_up_tabs(source, ref)
        except SourceError as exc:
            if exc.reach != SourceError.OFFICE:
                raise
            done.alasan = f"sumber tidak dapat dibaca ({exc.code})"
        else:
            tabs = validate_follow_up(raw, ref, today=today)
            del raw
            done.temuan = len(tabs.findings)
            follow = None
            if tabs.usable:
                assert tabs.pegawai is not None
                follow = compute_follow_up(ref.kode, tabs.pegawai, tabs.organisasi,
                                           tabs.umpan_balik, rule=rule, predikat=rules.predikat,
                                           kurva_limits=rules.kurva_limits)
            if follow is None:
                done.alasan = "tidak ada data Pegawai yang valid"
            else:
                sheets = follow_up_sheets(follow, office_name=ref.nama, rule=rule,
                                          findings=tabs.findings, generated=generated)
                done.path = write_follow_up_workbook(
                    target, sheets, title=f"Tindak lanjut kinerja pegawai {ref.kode} "
                    f"{follow.periode}", created=now)
                done.periode, done.pegawai = follow.periode, len(follow.pegawai)
                done.pengembangan, done.penghargaan = (len(follow.pengembangan),
                                                       len(follow.penghargaan))
                if to_google:
                    done.tab = _write_tab(source, ref, tab_rows(sheets))
        if done.path is None and target.exists():
            target.unlink()  # no outdated personal data left behind
        log.info("kinerja action=tindak_lanjut office=%s written=%s pegawai=%d pengembangan=%d "
                 "penghargaan=%d temuan=%d tab=%s", ref.kode, done.path is not None,
                 done.pegawai, done.pengembangan, done.penghargaan, done.temuan, done.tab or "-")
    return run


def _write_tab(source: Source, ref: OfficeRef, rows: list[list[Cell]]) -> str:
    """Replace the office's `Tindak Lanjut` tab: "ditulis", or why not (the source's code)."""
    try:
        source.replace_tab(ref, TAB_TITLE, rows)  # type: ignore[attr-defined]
    except SourceError as exc:
        if exc.reach == SourceError.FATAL:
            raise
        return f"gagal ({exc.code})"
    return "ditulis"
