"""`kinerja`: the operator's command line (PRODUCT.md §3)."""
from __future__ import annotations

import argparse
import errno
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
from sheets_sync.findings import ERROR, WARNING, Report, office_state
from sheets_sync.portal_data import PortalData
from site_builder.argparse_id import Parser

COMMANDS = {
    "build": "ambil, periksa, hitung, lalu bangun situs portal; exit 0 walau ada kantor yang "
             "datanya salah (build: sync → validate → compute → render → site)",
    "check": "ambil dan periksa data saja, lalu cetak temuannya; exit 1 bila ada kesalahan "
             "(check: sync + validate, print the findings)",
    "sync": "ambil data sumber ke penyimpanan snapshot saja (sync: pull sources into the "
            "snapshot store)",
    "serve": "bangun portal lalu tampilkan pratinjaunya di komputer ini (serve: build and "
             "preview locally)",
    "template": "tulis lembar kerja kosong kantor (atau daftar kantor) dengan semua tab, judul, "
                "daftar pilihan dan petunjuk (template: blank workbook)",
    "demo-data": "buat folder portal contoh dengan data sintetis sebesar apa pun (demo-data: "
                 "synthetic portal folder)",
    "alert": "buka, perbarui atau tutup satu isu GitHub per kantor dari temuan terakhir (alert: "
             "one GitHub issue per office)",
    "tindak-lanjut": "tindak lanjut RAHASIA untuk kepala kantor: satu lembar kerja per kantor "
                     "(hasil pegawai, daftar pengembangan dan penghargaan), tidak pernah "
                     "diterbitkan (tindak-lanjut: the office head's private follow-up)",
}


def _parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="kinerja",
        description="Portal Kinerja: periksa lembar kerja kinerja kantor dan terbitkan portalnya "
                    "(validate office performance sheets and publish the portal).")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="baris log terstruktur di stderr (structured log lines)")
    sub = p.add_subparsers(dest="command", required=True, metavar="PERINTAH", title="perintah")

    def cmd(name: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=COMMANDS[name], description=COMMANDS[name])

    def config_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--config", default="portal.yml",
                        help="berkas konfigurasi (bawaan: ./portal.yml)")

    def out_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--out", default="site", help="folder situs yang dibangun (bawaan: site)")

    b = cmd("build")
    config_arg(b)
    out_arg(b)

    c = cmd("check")
    config_arg(c)
    c.add_argument("--format", choices=["text", "json"], default="text",
                   help="bentuk laporan: text atau json (bawaan: text)")
    c.add_argument("--write-back", action="store_true",
                   help="google: tulis temuan setiap kantor ke tab `Validasi` di sheet-nya "
                        "sekarang juga (perlu source.write_back: true)")

    s = cmd("sync")
    config_arg(s)
    s.add_argument("--force", action="store_true",
                   help="baca setiap kantor walau tidak berubah")
    s.add_argument("--changed-output", metavar="FILE",
                   help="tulis 'true' atau 'false' ke FILE: adakah data kantor yang berubah?")

    v = cmd("serve")
    config_arg(v)
    out_arg(v)
    v.add_argument("--port", type=int, default=8000,
                   help="port di 127.0.0.1 (bawaan: 8000)")

    t = cmd("template")
    t.add_argument("out", metavar="OUT.xlsx", help="berkas .xlsx yang ditulis")
    t.add_argument("--registry", action="store_true",
                   help="templat daftar kantor (tab Kantor), bukan templat kantor")

    d = cmd("demo-data")
    d.add_argument("out", metavar="OUT_DIR",
                   help="folder untuk portal.yml dan lembar kerja (harus kosong, kecuali --force)")
    d.add_argument("--force", action="store_true",
                   help="tulis juga ke folder yang sudah berisi berkas (berkas bernama sama "
                        "ditimpa)")
    d.add_argument("--offices", type=int, default=10, help="jumlah kantor (bawaan: 10)")
    d.add_argument("--employees", type=int, default=500,
                   help="jumlah pegawai seluruhnya (bawaan: 500)")
    d.add_argument("--seed", type=int, default=1, help="benih acak (bawaan: 1)")
    d.add_argument("--indicators", type=int, default=None, help="indikator per kantor")
    d.add_argument("--monthly", action="store_true",
                   help="12 periode bulanan, bukan triwulanan")
    d.add_argument("--survey-answers", type=int, default=None,
                   help="jumlah responden SKM seluruhnya")
    d.add_argument("--complaints", type=int, default=None, help="jumlah pengaduan seluruhnya")
    d.add_argument("--mistakes", action="store_true",
                   help="tanam beberapa kesalahan yang realistis")

    f = cmd("tindak-lanjut")
    config_arg(f)
    f.add_argument("--out", required=True, metavar="DIR",
                   help="folder pribadi untuk lembar kerja tindak lanjut (jangan folder situs "
                        "atau content/)")

    a = cmd("alert")
    a.add_argument("args", nargs=argparse.REMAINDER,
                   help="lihat `python -m site_builder.ops.alerts -h`")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.verbose or os.environ.get("CI"):
        logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                            format="kinerja %(levelname)s %(name)s %(message)s", stream=sys.stderr)
    try:
        return _run(args)
    except PortalError as exc:
        print(f"kinerja: {exc.line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a program error: one line and exit 2 (never 1, "errors found")
        if args.verbose:
            traceback.print_exc()
        print(f"kinerja: kesalahan program: {_one_line(exc)}; jalankan lagi dengan --verbose "
              "dan laporkan [program error: run with --verbose for the traceback, and please "
              "report it]", file=sys.stderr)
        return 2


def _one_line(exc: BaseException) -> str:
    text = " ".join((str(exc).splitlines() or [""])[0].split())[:200]
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def _run(args: argparse.Namespace) -> int:
    if args.command == "template":
        return _template(Path(args.out), registry=args.registry)
    if args.command == "demo-data":
        from workbooks.demo import write_demo_portal

        _refuse_a_folder_with_files(Path(args.out), force=args.force)
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

    # the preview's port is taken before the build, so a busy port fails at once
    server = _bind(Path(args.out), args.port) if args.command == "serve" else None
    try:
        config = load_config(args.config)
        with state_lock(Path(config.state_dir), wait_seconds=config.lock_wait_seconds,
                        shared=args.command in ("check", "tindak-lanjut")):
            code = _run_with_state(args, config)
        if server is not None and code == 0:  # the preview does not hold the state folder
            print(f"Melayani http://127.0.0.1:{args.port}/ (Ctrl+C untuk berhenti)")
            server.serve_forever()
        return code
    finally:
        if server is not None:
            server.server_close()


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
        raise ConfigError("--write-back needs source.kind: google",
                          pesan="--write-back hanya untuk source.kind: google")
    if not config.source.write_back:
        raise ConfigError("--write-back needs source.write_back: true in portal.yml",
                          pesan="--write-back perlu source.write_back: true di portal.yml")
    source = GoogleSource(config, progress=False)
    for r in data.offices.itertuples():
        kode, nama, sumber = str(r.kode), str(r.nama), str(r.sumber)
        mine = report.for_office(kode)
        state = report.states.get(kode) or office_state(kode, mine, data_per=None)
        try:
            source.write_back(OfficeRef(kode, nama, sumber), mine, now, state=state)
        except SourceError as exc:  # one office's failure never stops the others
            print(f"kinerja: tab Validasi {kode} gagal ditulis: {exc.message_id} "
                  f"[write-back failed: {exc}]", file=sys.stderr)


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


def _template(out: Path, *, registry: bool) -> int:
    """`kinerja template [--registry] OUT.xlsx`; refuses any other file type."""
    from workbooks.template import write_registry_template, write_template

    if out.suffix.lower() != ".xlsx":
        raise PortalError(f"the template is an .xlsx workbook: {out} does not end in .xlsx",
                          pesan=f"templat adalah lembar kerja .xlsx: nama {out} harus berakhiran "
                          ".xlsx")
    (write_registry_template if registry else write_template)(out)
    print(f"Templat {'daftar kantor' if registry else 'kantor'} ditulis: {out}")
    return 0


def _refuse_a_folder_with_files(folder: Path, *, force: bool) -> None:
    """demo-data writes only into a new or empty folder, unless `--force`: pointed at a real
    data folder it would overwrite its workbooks."""
    if folder.exists() and not folder.is_dir():
        raise PortalError(f"{folder} is a file, not a folder",
                          pesan=f"{folder} adalah berkas, bukan folder")
    if not force and folder.is_dir() and any(folder.iterdir()):
        raise PortalError(
            f"{folder} already holds files; demo-data writes only into an empty folder "
            "(--force to write there anyway)",
            pesan=f"folder {folder} sudah berisi berkas; demo-data hanya menulis ke folder "
            "kosong agar tidak menimpa data. Pilih folder lain, atau tambahkan --force")


def _bind(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    """The preview server on 127.0.0.1:`port`, serving `folder`; one line when the port is
    taken."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            raise PortalError(
                f"port {port} on 127.0.0.1 cannot be used ({exc.strerror})",
                pesan=f"port {port} sudah dipakai program lain atau tidak diizinkan; pilih port "
                f"lain, mis. --port {port + 1 if port < 65535 else 8000}") from None
        raise


if __name__ == "__main__":
    raise SystemExit(main())
