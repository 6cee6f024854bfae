"""Tell each office about its data problems through one GitHub issue per office.

    python -m site_builder.ops.alerts --report <state_dir>/laporan/temuan.json \\
        --status <site>/freshness.json --repo OWNER/NAME

Token from `GITHUB_TOKEN`, API base from `GITHUB_API_URL` (default https://api.github.com).

An office with errors (or overdue data) gets one open issue labelled `data-kantor`, found again by
the hidden marker `<!-- kinerja-office:KODE -->` in its body; the issue is updated when its
findings change and closed with a comment when the office is clean again.

What an issue says: the office's state sentence (held back or not, and why: tab and header
names only), counts and cell locations (tab, row, column letter, header), the finding code,
message and hint. Never the `value` field, never personal data: values are also scrubbed from
messages and hints, NIP-like digit runs are masked, and sheet links are left out unless asked for
(a sheet key in a public issue is a risk if the sheet is shared "anyone with the link").
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import requests

from sheets_sync.config import local_date
from sheets_sync.errors import ConfigError, OpsError, PortalError
from sheets_sync.findings import ERROR, WARNING, Finding, OfficeState, ReportDocument, Severity
from site_builder.render.freshness_file import FreshnessDocument, FreshnessEntry

LABEL = "data-kantor"
LABEL_COLOR = "d93f0b"
LABEL_DESCRIPTION = "Masalah data sheet kantor (dibuat otomatis oleh alur publish)"
MARKER = "<!-- kinerja-office:{kode} -->"
MARKER_RE = re.compile(r"<!-- kinerja-office:([A-Za-z0-9_.\-]+) -->")
REGISTRY_KODE = "_DAFTAR"  # findings of the registry (office "")
MAX_ROWS = 150  # finding rows listed in one issue body (GitHub caps bodies at 65,536 chars)
SAFE_FIELDS = (
    "code", "severity", "title", "tab", "row", "column", "header", "cell", "message", "hint")
RETRY_STATUSES = {429, 500, 502, 503, 504}
_NIP_RE = re.compile(r"(?<!\d)\d{18}(?!\d)")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


class AlertError(OpsError):
    """The alerts cannot be brought up to date; the message is one line for the log."""


# --- what to say ------------------------------------------------------------------------------

def marker_kode(office: str) -> str:
    kode = office.strip() or REGISTRY_KODE
    return re.sub(r"[^A-Za-z0-9_.\-]", "_", kode)


def scrub(text: Any, secrets: Iterable[str]) -> str:
    """Single-line text with the given values and NIP-like numbers removed."""
    out = " ".join(str(text or "").split())
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        out = out.replace(secret, "…")
    return _NIP_RE.sub("[NIP disembunyikan]", out)


def md(text: Any) -> str:
    """Escape sheet-derived text for a Markdown table cell; no @mentions, no HTML."""
    out = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))
    return out.replace("@", "@\u200b")


def safe_finding(finding: Finding) -> dict[str, Any]:
    """The publishable part of one finding (see module docstring)."""
    value = finding.value
    secrets: list[str] = []
    if value is not None:
        v = " ".join(str(value).split())
        if len(v) >= 3:  # shorter values (a digit, "ya") are not personal and would garble text
            secrets.extend({str(value), v})
    out: dict[str, Any] = {}
    for key in SAFE_FIELDS:
        item = getattr(finding, key)
        if key == "row":
            out[key] = item if isinstance(item, int) else None
        elif key in ("message", "hint", "header", "title"):
            out[key] = scrub(item, secrets)
        else:
            out[key] = scrub(item, secrets) if item is not None else None
    return out


@dataclass
class OfficeAlert:
    kode: str  # marker code (office code, or REGISTRY_KODE)
    findings: list[dict[str, Any]] = field(default_factory=list)  # `safe_finding`s
    overdue: bool = False
    freshness: FreshnessEntry | None = None
    state: str = ""  # the office's state sentence (`OfficeState.kalimat`), scrubbed

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == WARNING)

    def needs_issue(self, min_severity: str = "error") -> bool:
        if self.overdue or self.errors:
            return True
        return min_severity == "warning" and self.warnings > 0


def load_report(path: Path) -> list[Finding]:
    """The findings of the build report (`laporan/temuan.json`, `sheets_sync.findings`)."""
    return read_report(path).findings


def read_report(path: Path) -> ReportDocument:
    """The build report (`laporan/temuan.json`): findings and each office's state."""
    try:
        return ReportDocument.read(path)
    except FileNotFoundError:
        raise AlertError(f"validation report not found: {path}; no issue changed") from None
    except OSError as exc:
        raise AlertError(
            f"validation report {path} unreadable ({exc.__class__.__name__})") from None
    except ValueError as exc:
        raise AlertError(f"validation report {path} is not a findings report "
                         f"({exc.__class__.__name__}); no issue changed") from None


def load_status(path: Path | None) -> FreshnessDocument | None:
    """The site's `freshness.json` (`render.freshness_file`); None if missing or unreadable."""
    if path is None or not Path(path).is_file():
        return None
    try:
        return FreshnessDocument.read(path)
    except (OSError, ValueError):
        return None


def build_alerts(findings: list[Finding], status: FreshnessDocument | None, *,
                 today: date | None = None,
                 states: dict[str, OfficeState] | None = None) -> dict[str, OfficeAlert]:
    """One alert per office with findings or in the freshness file. An office is overdue when
    today (in the default time zone of portal.yml, Asia/Jakarta, unless given) is past its
    `expected_by`. `states`: the report's state sentence of each office."""
    today = today or local_date(datetime.now(UTC))
    alerts: dict[str, OfficeAlert] = {}
    for finding in findings:
        kode = marker_kode(finding.office)
        alerts.setdefault(kode, OfficeAlert(kode)).findings.append(safe_finding(finding))
    for office, state in (states or {}).items():
        if marker_kode(office) in alerts:
            alerts[marker_kode(office)].state = scrub(state.kalimat, ())
    for entry in status.offices if status is not None else []:
        kode = marker_kode(entry.kode)
        alert = alerts.setdefault(kode, OfficeAlert(kode))
        alert.overdue = entry.overdue(today)
        alert.freshness = entry
    return alerts


def render_title(alert: OfficeAlert) -> str:
    who = "Daftar kantor" if alert.kode == REGISTRY_KODE else f"Data kantor {alert.kode}"
    parts = []
    if alert.errors:
        parts.append(f"{alert.errors} {ERROR.label}")
    if alert.warnings:
        parts.append(f"{alert.warnings} {WARNING.label}")
    if alert.overdue:
        parts.append("terlambat diperbarui")
    return f"{who}: {', '.join(parts) or 'bersih'}"


def render_body(alert: OfficeAlert) -> str:
    """Issue body; deterministic (no timestamps) so an unchanged office is not edited."""
    lines = [MARKER.format(kode=alert.kode), ""]
    lines.append(f"**Kantor:** {md(alert.kode)}")
    if alert.state:
        lines.append(f"**Keadaan:** {md(alert.state)}")
    lines.append(f"**Ringkasan:** {alert.errors} {ERROR.label}, {alert.warnings} {WARNING.label}.")
    if alert.overdue:
        detail = []
        fresh = alert.freshness
        if fresh is not None and fresh.frekuensi:
            detail.append(f"jadwal: {md(fresh.frekuensi)}")
        if fresh is not None and fresh.data_per:
            detail.append(f"terakhir diperbarui: {fresh.data_per.isoformat()}")
        if fresh is not None and fresh.expected_by:
            detail.append(f"jatuh tempo: {fresh.expected_by.isoformat()}")
        lines.append("**Data terlambat diperbarui**" + (f" ({'; '.join(detail)})" if detail else "")
                     + ". Mohon perbarui sheet kantor.")
    findings = sorted(alert.findings, key=lambda f: (
        0 if f.get("severity") == ERROR else 1, f.get("tab") or "", f.get("row") or 0,
        f.get("column") or "", f.get("code") or ""))
    if findings:
        lines += ["", "### Temuan", "",
                  "| Tingkat | Tab | Sel | Kolom | Kode | Pesan | Cara memperbaiki |",
                  "|---|---|---|---|---|---|---|"]
        for f in findings[:MAX_ROWS]:
            column = f.get("column") or ""
            if f.get("header"):
                column = f"{column} ({f['header']})" if column else f["header"]
            cell = f.get("cell") or (str(f["row"]) if f.get("row") else "")
            lines.append("| " + " | ".join([
                Severity(f["severity"]).label,
                md(f.get("tab")), md(cell), md(column), _code(f.get("code")),
                md(f.get("message")), md(f.get("hint")),
            ]) + " |")
        if len(findings) > MAX_ROWS:
            lines += ["", f"… dan {len(findings) - MAX_ROWS} temuan lainnya "
                          "(laporan lengkap: laporan/temuan.txt di penyimpanan data)."]
    lines += ["", "---",
              "_Isu ini dibuat dan diperbarui otomatis oleh alur `publish` setelah setiap "
              "validasi, "
              "dan ditutup otomatis bila data kantor sudah bersih. Nilai sel tidak pernah "
              "ditampilkan di sini._"]
    return "\n".join(lines) + "\n"


def _code(code: Any) -> str:
    clean = re.sub(r"[^A-Za-z0-9_]", "", str(code or ""))
    return f"`{clean}`" if clean else ""


def render_close_comment(kode: str) -> str:
    who = "Daftar kantor" if kode == REGISTRY_KODE else f"Data kantor {kode}"
    return (f"{who} sudah bersih: validasi terakhir tidak menemukan kesalahan dan data tidak "
            "terlambat. Isu ditutup otomatis.")


# --- GitHub ------------------------------------------------------------------------------------

class GitHub:
    """Minimal GitHub REST client with bounded retries."""

    def __init__(self, repo: str, token: str, *, api_url: str = "https://api.github.com",
                 max_attempts: int = 4, backoff: float = 1.0, timeout: float = 30.0,
                 session: requests.Session | None = None) -> None:
        self.repo = repo
        self.api = api_url.rstrip("/")
        self.max_attempts = max(1, max_attempts)
        self.backoff = backoff
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers.update({
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "portal-kinerja-alerts",
        })

    def request(self, method: str, path: str, *, ok: tuple[int, ...] = (200, 201),
                **kwargs: Any) -> requests.Response:
        url = f"{self.api}/repos/{self.repo}{path}"
        last = ""
        for attempt in range(1, self.max_attempts + 1):
            try:
                resp = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.RequestException as exc:
                last = exc.__class__.__name__
                resp = None
            if resp is not None:
                if resp.status_code in ok:
                    return resp
                limited = resp.status_code == 403 and bool(
                    resp.headers.get("Retry-After")
                    or resp.headers.get("X-RateLimit-Remaining") == "0")
                last = f"HTTP {resp.status_code}"
                if resp.status_code not in RETRY_STATUSES and not limited:
                    break
            if attempt < self.max_attempts:
                time.sleep(self._delay(attempt, resp))
        raise AlertError(f"{method} {path} failed: {last}")

    def _delay(self, attempt: int, resp: requests.Response | None) -> float:
        retry_after = resp.headers.get("Retry-After") if resp is not None else None
        if retry_after and retry_after.isdigit():
            return min(float(retry_after), 60.0)
        return min(self.backoff * 2 ** (attempt - 1), 30.0)

    def ensure_label(self) -> None:
        self.request("POST", "/labels", ok=(201, 422),
                     json={"name": LABEL, "color": LABEL_COLOR, "description": LABEL_DESCRIPTION})

    def open_issues(self) -> list[dict[str, Any]]:
        issues: list[dict[str, Any]] = []
        page = 1
        while True:
            resp = self.request("GET", "/issues", params={
                "state": "open", "labels": LABEL, "per_page": 100, "page": page})
            batch = resp.json()
            issues.extend(i for i in batch if "pull_request" not in i)
            if len(batch) < 100 or page >= 50:
                return issues
            page += 1

    def create_issue(self, title: str, body: str) -> dict[str, Any]:
        return self.request("POST", "/issues",
                            json={"title": title, "body": body, "labels": [LABEL]}).json()

    def update_issue(self, number: int, **fields: Any) -> dict[str, Any]:
        return self.request("PATCH", f"/issues/{number}", json=fields).json()

    def comment(self, number: int, body: str) -> None:
        self.request("POST", f"/issues/{number}/comments", json={"body": body})


def sync_issues(gh: GitHub, alerts: dict[str, OfficeAlert], *, can_close: bool = True,
                min_severity: str = "error") -> dict[str, list[str]]:
    """Bring the issues in line with the alerts; returns what was done per office code."""
    done: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": [], "closed": [],
                                  "failed": []}
    existing: dict[str, dict[str, Any]] = {}
    for issue in sorted(gh.open_issues(), key=lambda i: i.get("number", 0)):
        m = MARKER_RE.search(issue.get("body") or "")
        if m and m.group(1) not in existing:
            existing[m.group(1)] = issue
    wanted = {k: a for k, a in alerts.items() if a.needs_issue(min_severity)}
    if wanted:
        gh.ensure_label()
    for kode in sorted(set(wanted) | set(existing)):
        try:
            if kode in wanted:
                title, body = render_title(wanted[kode]), render_body(wanted[kode])
                found = existing.get(kode)
                if found is None:
                    gh.create_issue(title, body)
                    done["created"].append(kode)
                elif found.get("title") != title or (found.get("body") or "") != body:
                    gh.update_issue(found["number"], title=title, body=body)
                    done["updated"].append(kode)
                else:
                    done["unchanged"].append(kode)
            elif can_close:
                number = existing[kode]["number"]
                gh.comment(number, render_close_comment(kode))
                gh.update_issue(number, state="closed", state_reason="completed")
                done["closed"].append(kode)
        except AlertError as exc:
            print(f"alerts: {kode}: {exc}", file=sys.stderr)
            done["failed"].append(kode)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_builder.ops.alerts",
        description="Open, update or close one GitHub issue per office.")
    parser.add_argument("--report", required=True, type=Path,
                        help="the private validation report (<state_dir>/laporan/temuan.json)")
    parser.add_argument("--status", type=Path, default=None,
                        help="the site's freshness.json (overdue offices); optional")
    parser.add_argument("--repo", required=True, help="OWNER/NAME of the repository for the issues")
    parser.add_argument("--min-severity", choices=("error", "warning"), default="error",
                        help="open an issue for warnings too (default: errors and overdue only)")
    parser.add_argument("--max-attempts", type=int, default=4, help="tries per API request")
    parser.add_argument("--today", default=None,
                        help="YYYY-MM-DD: the day overdue is judged by (default: today in the "
                        "time zone of --config, else Asia/Jakarta)")
    parser.add_argument("--config", type=Path, default=None,
                        help="portal.yml: its time zone decides today's date (default "
                        "Asia/Jakarta)")
    args = parser.parse_args(argv)

    token = os.environ.get("GITHUB_TOKEN")
    if not token:
        print("alerts: GITHUB_TOKEN is not set", file=sys.stderr)
        return ConfigError.exit_code
    api = os.environ.get("GITHUB_API_URL") or "https://api.github.com"
    try:
        report = read_report(args.report)
        today = None
        if args.config is not None:
            from sheets_sync.config import load_config

            today = local_date(datetime.now(UTC), load_config(args.config).timezone)
        if args.today:
            today = date.fromisoformat(args.today)
        status = load_status(args.status)
        if status is None:
            print(f"alerts: no usable freshness file ({args.status}); overdue offices are not "
                  "reported and no issue is closed this run", file=sys.stderr)
        gh = GitHub(args.repo, token, api_url=api, max_attempts=args.max_attempts)
        done = sync_issues(gh, build_alerts(report.findings, status, today=today,
                                            states=report.offices),
                           can_close=status is not None, min_severity=args.min_severity)
    except PortalError as exc:
        print(f"alerts: {exc}", file=sys.stderr)
        return exc.exit_code
    print("alerts: " + ", ".join(f"{k} {len(v)}" for k, v in done.items())
          + "".join(f"\n  {k}: {' '.join(v)}" for k, v in done.items() if v))
    return OpsError.exit_code if done["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
