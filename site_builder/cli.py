"""`kinerja`: the operator's command line (PRODUCT.md §3)."""
from __future__ import annotations

import argparse
import functools
import http.server
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sheets_sync.config import PortalConfig, load_config
from sheets_sync.errors import CHECK_FOUND_ERRORS, PortalError
from sheets_sync.findings import ERROR, WARNING, Report
from sheets_sync.portal_data import PortalData

COMMANDS = {
    "build": "sync → validate → compute → render → site "
             "(exit 0 even when some offices are invalid)",
    "check": "sync + validate only; print the findings; exit 1 when there is any error",
    "sync": "pull sources into the snapshot store only",
    "serve": "build and preview the portal locally",
    "template": "write a blank office workbook with every tab, header, dropdown and instructions",
    "demo-data": "generate a realistic synthetic portal folder of any size",
    "alert": "open/update/close one GitHub issue per office from the latest findings",
    "tindak-lanjut": "the office head's PRIVATE follow-up: one workbook per office (staff "
                     "results, development and recognition lists), never published",
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kinerja",
        description="Portal Kinerja: validate office performance sheets and publish the portal.")
    p.add_argument("-v", "--verbose", action="store_true", help="structured log lines on stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def cmd(name: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=COMMANDS[name], description=COMMANDS[name])

    def config_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--config", default="portal.yml", help="portal.yml (default: ./portal.yml)")

    b = cmd("build")
    config_arg(b)
    b.add_argument("--out", default="site", help="output folder of the site (default: site)")

    c = cmd("check")
    config_arg(c)
    c.add_argument("--format", choices=["text", "json"], default="text", help="report format")
    c.add_argument("--write-back", action="store_true",
                   help="google: write each office's findings into its `Validasi` tab")

    s = cmd("sync")
    config_arg(s)
    s.add_argument("--force", action="store_true", help="read every office even if unchanged")
    s.add_argument("--changed-output", metavar="FILE",
                   help="write 'true' or 'false' to FILE: did any office's data change?")

    v = cmd("serve")
    config_arg(v)
    v.add_argument("--out", default="site", help="output folder of the site (default: site)")
    v.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")

    t = cmd("template")
    t.add_argument("out", metavar="OUT.xlsx", help="where to write the blank workbook")

    d = cmd("demo-data")
    d.add_argument("out", metavar="OUT_DIR", help="folder to write portal.yml and workbooks into")
    d.add_argument("--offices", type=int, default=10, help="number of offices (default 10)")
    d.add_argument("--employees", type=int, default=500, help="employees in total (default 500)")
    d.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    d.add_argument("--indicators", type=int, default=None, help="indicators per office")
    d.add_argument("--monthly", action="store_true", help="12 monthly periods instead of quarters")
    d.add_argument("--survey-answers", type=int, default=None, help="SKM respondents in total")
    d.add_argument("--complaints", type=int, default=None, help="complaints in total")
    d.add_argument("--mistakes", action="store_true", help="sprinkle a few realistic mistakes")

    f = cmd("tindak-lanjut")
    config_arg(f)
    f.add_argument("--out", required=True, metavar="DIR",
                   help="private folder for the workbooks (never the site or content/)")

    a = cmd("alert")
    a.add_argument("args", nargs=argparse.REMAINDER,
                   help="see `python -m site_builder.ops.alerts -h`")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.verbose or os.environ.get("CI"):
        logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                            format="kinerja %(levelname)s %(name)s %(message)s", stream=sys.stderr)
    try:
        return _run(args)
    except PortalError as exc:
        print(f"kinerja: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a program error: one line and exit 2 (never 1, "errors found")
        if args.verbose:
            traceback.print_exc()
        print(f"kinerja: program error: {_one_line(exc)} (run with --verbose for the "
              "traceback, and please report it)", file=sys.stderr)
        return 2


def _one_line(exc: BaseException) -> str:
    text = " ".join((str(exc).splitlines() or [""])[0].split())[:200]
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def _run(args: argparse.Namespace) -> int:
    if args.command == "template":
        from workbooks.template import write_template

        write_template(Path(args.out))
        print(f"Templat ditulis: {args.out}")
        return 0
    if args.command == "demo-data":
        from workbooks.demo import write_demo_portal

        kwargs = {}
        if args.indicators is not None:
            kwargs["indicators_per_office"] = args.indicators
        if args.survey_answers is not None:
            kwargs["survey_answers"] = args.survey_answers
        if args.complaints is not None:
            kwargs["complaints"] = args.complaints
        if args.monthly:
            kwargs["periods"] = [f"2025-{m:02d}" for m in range(1, 13)]
        path = write_demo_portal(Path(args.out), offices=args.offices, employees=args.employees,
                                 seed=args.seed, mistakes=args.mistakes, **kwargs)
        print(f"Data contoh ditulis: {path}")
        return 0
    if args.command == "alert":
        from site_builder.ops import alerts

        return int(alerts.main(args.args) or 0)

    from sheets_sync.state_lock import state_lock

    config = load_config(args.config)
    with state_lock(Path(config.state_dir), wait_seconds=config.lock_wait_seconds,
                    shared=args.command in ("check", "tindak-lanjut")):
        code = _run_with_state(args, config)
    if args.command == "serve" and code == 0:  # the preview does not hold the state folder
        return _serve(Path(args.out), args.port)
    return code


def _run_with_state(args: argparse.Namespace, config: PortalConfig) -> int:
    """The commands that read or write the state folder (its lock held)."""
    from site_builder import pipeline

    now = datetime.now(UTC)
    if args.command == "sync":
        from sheets_sync.sync import sync

        synced = sync(config, now=now, force=args.force)
        c = synced.report.counts()
        print(f"Sinkronisasi selesai: {len(synced.fetched)} kantor dibaca, "
              f"{len(synced.data.status) - len(synced.fetched)} tidak berubah; "
              f"{c[ERROR]} kesalahan, {c[WARNING]} peringatan.")
        if args.changed_output:
            Path(args.changed_output).write_text("true\n" if synced.changed else "false\n")
        return 0
    if args.command == "check":
        report, data = pipeline.check(config, now=now)
        names = dict(zip(data.offices["kode"], data.offices["nama"], strict=True))
        if args.write_back:
            _write_back(config, report, data, now)
        print(report.to_json() if args.format == "json" else report.to_text(names))
        return CHECK_FOUND_ERRORS if report.has_errors else 0
    if args.command == "tindak-lanjut":
        return _tindak_lanjut(config, Path(args.out), now)
    if args.command in ("build", "serve"):
        result = pipeline.build(config, Path(args.out), now=now)
        c = result.report.counts()
        status = result.data.status.values()
        held = [s.kode for s in status if s.status != "ok"]
        print(f"Portal dibangun di {Path(args.out).resolve()}")
        print(f"  {len(result.data.data)} kantor diterbitkan"
              + (f"; data lama/tertahan: {', '.join(held)}" if held else "")
              + f"; temuan: {c[ERROR]} kesalahan, {c[WARNING]} peringatan "
              f"(laporan: {result.report_dir / 'temuan.txt'})")
        if args.command == "build":
            print(f"  Pratinjau: kinerja serve --config {args.config}  (atau buka "
                  f"{Path(args.out) / 'index.html'})")
        return 0
    raise AssertionError(args.command)


def _write_back(config: PortalConfig, report: Report, data: PortalData, now: datetime) -> None:
    from sheets_sync.errors import ConfigError, SourceError
    from sheets_sync.sources import OfficeRef
    from sheets_sync.sources.google import GoogleSource

    if config.source.kind != "google":
        raise ConfigError("--write-back needs source.kind: google")
    if not config.source.write_back:
        raise ConfigError("--write-back needs source.write_back: true in portal.yml")
    source = GoogleSource(config, progress=False)
    for r in data.offices.itertuples():
        kode, nama, sumber = str(r.kode), str(r.nama), str(r.sumber)
        try:
            source.write_back(OfficeRef(kode, nama, sumber), report.for_office(kode), now)
        except SourceError as exc:  # one office's failure never stops the others
            print(f"kinerja: write-back {kode} gagal: {exc}", file=sys.stderr)


def _tindak_lanjut(config: PortalConfig, out: Path, now: datetime) -> int:
    """The private follow-up: prints paths and counts only (never a name or a NIP)."""
    from site_builder.tindak_lanjut import write_follow_ups

    run = write_follow_ups(config, out, now=now)
    print(f"Tindak lanjut (RAHASIA) ditulis ke {run.out_dir}: {len(run.written)} dari "
          f"{len(run.offices)} kantor.")
    for o in run.offices:
        if o.path is None:
            print(f"  {o.kode}: tidak ditulis ({o.alasan})")
            continue
        print(f"  {o.kode}: {o.path.name} (periode {o.periode}; {o.pegawai} pegawai, "
              f"{o.pengembangan} pengembangan, {o.penghargaan} penghargaan, {o.temuan} temuan)"
              + (f"; tab Tindak Lanjut {o.tab}" if o.tab else ""))
    return 0


def _serve(folder: Path, port: int) -> int:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"Melayani http://127.0.0.1:{port}/ (Ctrl+C untuk berhenti)")
        httpd.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
