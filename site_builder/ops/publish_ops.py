"""Small operations of the publish workflow (.github/workflows/publish.yml), runnable locally.

    python -m site_builder.ops.publish_ops plan --config portal.yml --code-version SHA \
        [--force true]
    python -m site_builder.ops.publish_ops mark --config portal.yml --code-version SHA
    python -m site_builder.ops.publish_ops summary --report check.json
    python -m site_builder.ops.publish_ops check-site SITE_DIR [--allow-host HOST]...
    python -m site_builder.ops.publish_ops state-dir --config portal.yml [--expect PATH]
    python -m site_builder.ops.publish_ops assert-private --repo OWNER/NAME

`plan` decides whether a run must build and deploy: yes when the published data changed since
the last publication (recorded by `mark` in `<state_dir>/publish.json`), when the code changed,
when the calendar day in the portal's time zone (`timezone` in portal.yml, default Asia/Jakarta)
changed (freshness flags move with the date), or when forced.
Otherwise the run ends early and the live site stays as it is.

Nothing here prints cell values or findings details: CI logs of a public repository are public.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import requests

from sheets_sync.errors import ConfigError, OpsError, PortalError
from sheets_sync.findings import ERROR, WARNING, ReportDocument
from sheets_sync.manifest import Manifest
from site_builder.render.site_check import check_site as site_rules
from site_builder.render.site_check import site_base_path

PUBLISH_RECORD = "publish.json"
REPORT_DIR = "laporan"
# Manifest fields that change what the site shows; attempt timestamps are left out on purpose
# (they change on every run even when nothing else does).
# `fetched_at` too: re-reading an unchanged sheet must not count as a change.
MANIFEST_FIELDS = ("content_hash", "valid", "last_attempt_ok", "source_modified", "source_stamp",
                   "rows")
MAX_SITE_BYTES = 1_000_000_000  # GitHub Pages: published site at most 1 GB


# --- change detection ------------------------------------------------------------------------

def state_digest(state_dir: Path) -> str:
    """Digest of everything in the snapshot store that the published site depends on."""
    state_dir = Path(state_dir)
    h = hashlib.sha256()
    manifest_path = state_dir / "manifest.json"
    relevant: dict[str, Any] = {}
    if manifest_path.is_file():
        offices = Manifest.read(manifest_path).offices
        relevant = {k: e.model_dump(mode="json", include=set(MANIFEST_FIELDS))
                    for k, e in offices.items()}
        if not offices:  # unreadable, or no entry parses: any change of its bytes counts
            relevant = {"<manifest bytes>": hashlib.sha256(manifest_path.read_bytes()).hexdigest()}
    h.update(json.dumps(relevant, sort_keys=True, default=str).encode())
    # Snapshot files are covered by the manifest's content_hash (their bytes may differ when an
    # unchanged sheet is written again); any other file in the store counts byte for byte.
    # Files the build itself writes into the store (chart cache, build history) are left out too.
    skip_top = {"manifest.json", PUBLISH_RECORD, REPORT_DIR, "snapshots", ".git",
                "grafik-cache", "last_build.json"}
    for path in sorted(p for p in state_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(state_dir)
        if rel.parts[0] in skip_top or any(part.startswith(".") for part in rel.parts):
            continue
        h.update(str(rel.as_posix()).encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def local_today(timezone: str, now: datetime | None = None) -> date:
    """Today's date in the portal's time zone (`now`: the clock, for tests)."""
    from sheets_sync.config import local_date

    return local_date(now or datetime.now(UTC), timezone)


def read_record(state_dir: Path) -> dict[str, Any]:
    path = Path(state_dir) / PUBLISH_RECORD
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def plan(state_dir: Path, *, code_version: str, today: date,
         force: bool = False) -> tuple[bool, str]:
    """(changed, reason): must this run build and deploy?"""
    if force:
        return True, "forced by the operator"
    record = read_record(state_dir)
    if not record:
        return True, "no earlier publication recorded"
    if record.get("digest") != state_digest(state_dir):
        return True, "data changed"
    if code_version and record.get("code_version") != code_version:
        return True, "code changed"
    if record.get("day") != today.isoformat():
        return True, "new day (freshness flags depend on the date)"
    return False, "nothing changed since the last publication"


def mark(state_dir: Path, *, code_version: str, today: date,
         now: datetime | None = None) -> dict[str, Any]:
    """Record what is being published (after the build and its checks succeeded)."""
    record = {
        "digest": state_digest(state_dir),
        "code_version": code_version,
        "day": today.isoformat(),
        "built_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
    }
    path = Path(state_dir) / PUBLISH_RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return record


def write_github_output(values: dict[str, str]) -> None:
    """Append step outputs for GitHub Actions (no-op outside Actions)."""
    target = os.environ.get("GITHUB_OUTPUT")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as fh:
        for key, value in values.items():
            fh.write(f"{key}={' '.join(str(value).split())}\n")


def _step_summary(markdown: str) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(markdown + "\n")


# --- validation summary (counts only) ----------------------------------------------------------

def summarise_report(report: ReportDocument) -> str:
    """Counts per office and per code; never locations, values or messages."""
    per_office: dict[str, Counter[str]] = {}
    per_code: Counter[str] = Counter()
    for f in report.findings:
        per_office.setdefault(f.office or "(daftar kantor)", Counter())[f.severity] += 1
        per_code[f.code] += 1
    lines = [f"Validasi: {report.errors} {ERROR.label}, {report.warnings} {WARNING.label}, "
             f"{len(per_office)} kantor dengan temuan."]
    held = {k: ("data lama tetap tampil" if state.data_per else "belum ada data yang tampil")
            for k, state in report.offices.items() if state.tertahan}
    for office in sorted(per_office):
        c = per_office[office]
        lines.append(f"  {office}: {c[ERROR]} {ERROR.label}, {c[WARNING]} {WARNING.label}"
                     + (f" (tertahan: {held[office]})" if office in held else ""))
    if per_code:
        lines.append("  per kode: " + ", ".join(f"{k}={v}" for k, v in sorted(per_code.items())))
    return "\n".join(lines)


# --- site checks -------------------------------------------------------------------------------

def check_site(site: Path, *, allowed_hosts: set[str] | None = None) -> list[str]:
    """Problems that must stop a deployment; empty list = fine. The site's own rules
    (`site_builder.render.site_check`: links resolve, nothing from another host, no script
    URLs; served under the path of its canonical link), plus what a GitHub Pages deployment
    needs: index.html and a valid freshness.json, no symbolic links, at most 1 GB."""
    site = Path(site)
    if not site.is_dir():
        return [f"{site}: not a folder"]
    problems: list[str] = []
    if not (site / "index.html").is_file():
        problems.append("index.html missing")
    freshness = site / "freshness.json"
    if not freshness.is_file():
        problems.append("freshness.json missing")
    else:
        try:
            json.loads(freshness.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            problems.append(f"freshness.json is not valid JSON ({exc.__class__.__name__})")
    root = site.resolve()
    total = 0
    for folder, dirs, files in os.walk(site):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                out = "" if path.resolve().is_relative_to(root) else ", leading out of the site"
                problems.append(f"{path.relative_to(site).as_posix()}: symbolic link (GitHub "
                                f"Pages artifacts may not contain links{out})")
            elif name in files:
                total += path.stat().st_size
    if total > MAX_SITE_BYTES:
        problems.append(f"site is {total} bytes; GitHub Pages allows at most {MAX_SITE_BYTES}")
    return problems + site_rules(site, site_base_path(site), allowed_hosts=allowed_hosts or set())


# --- repository privacy ------------------------------------------------------------------------

def repository_is_private(repo: str, *, token: str | None, api_url: str, timeout: float = 20.0,
                          attempts: int = 3) -> bool:
    """True when the repository cannot be read publicly.

    With the job's token: 200 + `private: false` means public; 404 means the token cannot see
    it, which for another owner's or another repository means it is not public either."""
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    url = f"{api_url.rstrip('/')}/repos/{repo}"
    last = ""
    for attempt in range(attempts):
        try:
            resp = requests.get(url, headers=headers, timeout=timeout)
        except requests.RequestException as exc:
            last = exc.__class__.__name__
        else:
            if resp.status_code == 200:
                body = resp.json()
                return bool(body.get("private")) or body.get("visibility") in (
                    "private", "internal")
            if resp.status_code == 404:
                return True
            last = f"HTTP {resp.status_code}"
            if resp.status_code < 500 and resp.status_code != 429:
                break
        time.sleep(min(2 ** attempt, 10))
    raise OpsError(f"cannot tell whether {repo} is private ({last})")


# --- CLI ---------------------------------------------------------------------------------------

def _load_config(config_path: str) -> tuple[Path, str]:
    """The state folder and time zone of the portal."""
    from sheets_sync.config import load_config

    config = load_config(config_path)
    return Path(config.state_dir), config.timezone


def _bool(text: str) -> bool:
    return str(text).strip().lower() in ("1", "true", "yes", "on")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_builder.ops.publish_ops",
                                     description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("plan", help="decide whether to build and deploy "
                       "(output: changed=true|false)")
    p.add_argument("--config", default="portal.yml")
    p.add_argument("--code-version", default="")
    p.add_argument("--force", default="false", help="true: always build and deploy")
    p.add_argument("--today", default=None,
                   help="YYYY-MM-DD (default: today in the portal's time zone)")

    p = sub.add_parser("mark", help="record the publication in <state_dir>/publish.json")
    p.add_argument("--config", default="portal.yml")
    p.add_argument("--code-version", default="")
    p.add_argument("--today", default=None)

    p = sub.add_parser("summary", help="print validation counts (no details) from "
                       "`kinerja check --format json`")
    p.add_argument("--report", required=True)

    p = sub.add_parser("check-site", help="checks a built site must pass before it is deployed")
    p.add_argument("site")
    p.add_argument("--allow-host", action="append", default=[])

    p = sub.add_parser("state-dir", help="print the configured state folder")
    p.add_argument("--config", default="portal.yml")
    p.add_argument("--expect", default=None, help="fail unless the state folder is this path")

    p = sub.add_parser("assert-private", help="fail if the repository can be read publicly")
    p.add_argument("--repo", required=True)

    args = parser.parse_args(argv)
    try:
        return _run(args)
    except PortalError as exc:
        print(f"::error::{exc}" if os.environ.get("GITHUB_ACTIONS") else f"error: {exc}",
              file=sys.stderr)
        return exc.exit_code


def _run(args: argparse.Namespace) -> int:
    if args.command in ("plan", "mark", "state-dir"):
        state_dir, timezone = _load_config(args.config)  # ConfigError: exit code 3
    if args.command == "plan":
        today = date.fromisoformat(args.today) if args.today else local_today(timezone)
        changed, reason = plan(state_dir, code_version=args.code_version, today=today,
                               force=_bool(args.force))
        print(f"changed={'true' if changed else 'false'} ({reason})")
        write_github_output({"changed": "true" if changed else "false", "reason": reason})
        if not changed:
            _step_summary(f"Tidak ada perubahan: {reason}. Situs tidak di-deploy ulang.")
        return 0
    if args.command == "mark":
        today = date.fromisoformat(args.today) if args.today else local_today(timezone)
        record = mark(state_dir, code_version=args.code_version, today=today)
        print(f"published digest {record['digest'][:12]} for {record['day']}")
        return 0
    if args.command == "state-dir":
        if args.expect is not None and state_dir.resolve() != Path(args.expect).resolve():
            raise ConfigError(f"state_dir of {args.config} is {state_dir}, but the data "
                              "checkout is "
                           f"{Path(args.expect).resolve()}; set the repository variable "
                           "KINERJA_STATE_PATH or state_dir in the config")
        print(state_dir)
        return 0
    if args.command == "summary":
        try:
            report = ReportDocument.read(Path(args.report))
        except (OSError, ValueError) as exc:
            raise OpsError(f"cannot read the validation report {args.report} "
                           f"({exc.__class__.__name__})") from None
        text = summarise_report(report)
        print(text)
        _step_summary("```\n" + text + "\n```")
        return 0
    if args.command == "check-site":
        problems = check_site(Path(args.site), allowed_hosts=set(args.allow_host))
        for problem in problems:
            print(f"::error::site check: {problem}" if os.environ.get("GITHUB_ACTIONS")
                  else f"site check: {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"site checks passed: {args.site}")
        return 0
    if args.command == "assert-private":
        api = os.environ.get("GITHUB_API_URL", "https://api.github.com")
        if not repository_is_private(args.repo, token=os.environ.get("GITHUB_TOKEN"), api_url=api):
            raise OpsError(
                f"{args.repo} is public: the snapshot store holds per-employee predikat by "
                "unit and must live in a private repository (docs/operating.md, 'Where the "
                "last good data lives'). Nothing was synced or published.")
        print(f"{args.repo}: not publicly readable, ok")
        return 0
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
