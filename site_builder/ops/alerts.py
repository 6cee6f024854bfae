"""Tell each office about its data problems through one GitHub issue per office.

    python -m site_builder.ops.alerts --report <state_dir>/laporan/temuan.json \\
        --status <site>/freshness.json --repo OWNER/NAME

Token from `GITHUB_TOKEN`, API base from `GITHUB_API_URL` (default https://api.github.com).

An office with errors (or overdue data) gets one open issue labelled `data-kantor`, found again by
the hidden marker `<!-- kinerja-office:KODE -->` in its body; the issue is updated when its
findings change and closed with a comment when the office is clean again.

What an issue says: counts and cell locations (tab, row, column letter, header), the finding code,
message and hint. Never the `value` field, never personal data: values are also scrubbed from
messages and hints, NIP-like digit runs are masked, and sheet links are left out unless asked for
(a sheet key in a public issue is a risk if the sheet is shared "anyone with the link").
"""
from __future__ import annotations

import argparse
import json
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
from sheets_sync.errors import ConfigError

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


class AlertError(Exception):
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


def safe_finding(raw: dict[str, Any]) -> dict[str, Any]:
    """The publishable part of one finding (see module docstring)."""
    value = raw.get("value")
    secrets: list[str] = []
    if value is not None:
        v = " ".join(str(value).split())
        if len(v) >= 3:  # shorter values (a digit, "ya") are not personal and would garble text
            secrets.extend({str(value), v})
    out: dict[str, Any] = {}
    for key in SAFE_FIELDS:
        item = raw.get(key)
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
    findings: list[dict[str, Any]] = field(default_factory=list)
    overdue: bool = False
    freshness: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == "warning")

    def needs_issue(self, min_severity: str = "error") -> bool:
        if self.overdue or self.errors:
            return True
        return min_severity == "warning" and self.warnings > 0


def load_report(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AlertError(f"validation report not found: {path}; no issue changed") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise AlertError(
            f"validation report {path} unreadable ({exc.__class__.__name__})") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list):
        raise AlertError(f"validation report {path} has no 'findings' list; no issue changed")
    return [f for f in findings if isinstance(f, dict)]


_FRESHNESS_FIELDS = {  # public fields shown in the issue, first name found wins
    "nama": ("nama", "kantor_nama", "name"),
    "diperbarui": ("data_per", "diperbarui", "last_update", "updated", "updated_at"),
    "frekuensi": ("frekuensi", "cadence"),
    "jatuh_tempo": ("expected_by", "jatuh_tempo", "due", "due_date", "next_due"),
}
_DUE_KEYS = ("expected_by", "jatuh_tempo", "due", "due_date", "next_due")


def _is_overdue(item: dict[str, Any], today: date) -> bool:
    """`overdue` when the file says so; otherwise past the office's due date."""
    flag = item.get("overdue", item.get("terlambat"))
    if flag is not None:
        return flag is True or str(flag).strip().lower() == "true"
    for key in _DUE_KEYS:
        due = item.get(key)
        if due:
            try:
                return date.fromisoformat(str(due)[:10]) < today
            except ValueError:
                return False
    return False


def load_status(path: Path | None, today: date | None = None) -> dict[str, dict[str, Any]] | None:
    """{kode: {"overdue": bool, ...public fields}} from freshness.json; None if unavailable.

    Reads `offices[].kode` and `offices[].overdue`, or, without `overdue`, compares
    `offices[].expected_by` with `today` (default: today in the default time zone of
    portal.yml, Asia/Jakarta; `main` passes today in the portal's own time zone)."""
    today = today or local_date(datetime.now(UTC))
    if path is None or not Path(path).is_file():
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    offices = data.get("offices", data.get("kantor")) if isinstance(data, dict) else data
    if isinstance(offices, dict):  # {KODE: {...}}
        offices = [{"kode": k, **v} for k, v in offices.items() if isinstance(v, dict)]
    if not isinstance(offices, list):
        return None
    out: dict[str, dict[str, Any]] = {}
    for item in offices:
        if not isinstance(item, dict):
            continue
        kode = item.get("kode", item.get("kantor_kode"))
        if not kode:
            continue
        entry: dict[str, Any] = {"overdue": _is_overdue(item, today)}
        for name, keys in _FRESHNESS_FIELDS.items():
            for key in keys:
                if item.get(key) not in (None, ""):
                    entry[name] = " ".join(str(item[key]).split())[:80]
                    break
        out[str(kode)] = entry
    return out


def build_alerts(findings: list[dict[str, Any]],
                 status: dict[str, dict[str, Any]] | None) -> dict[str, OfficeAlert]:
    alerts: dict[str, OfficeAlert] = {}
    for raw in findings:
        kode = marker_kode(str(raw.get("office") or ""))
        alerts.setdefault(kode, OfficeAlert(kode)).findings.append(safe_finding(raw))
    for office, entry in (status or {}).items():
        kode = marker_kode(office)
        alert = alerts.setdefault(kode, OfficeAlert(kode))
        alert.overdue = bool(entry.get("overdue"))
        alert.freshness = {k: v for k, v in entry.items() if k != "overdue"}
    return alerts


def render_title(alert: OfficeAlert) -> str:
    who = "Daftar kantor" if alert.kode == REGISTRY_KODE else f"Data kantor {alert.kode}"
    parts = []
    if alert.errors:
        parts.append(f"{alert.errors} kesalahan")
    if alert.warnings:
        parts.append(f"{alert.warnings} peringatan")
    if alert.overdue:
        parts.append("terlambat diperbarui")
    return f"{who}: {', '.join(parts) or 'bersih'}"


_SEVERITY_ID = {"error": "kesalahan", "warning": "peringatan"}


def render_body(alert: OfficeAlert) -> str:
    """Issue body; deterministic (no timestamps) so an unchanged office is not edited."""
    lines = [MARKER.format(kode=alert.kode), ""]
    name = alert.freshness.get("nama")
    lines.append(f"**Kantor:** {md(alert.kode)}" + (f" — {md(name)}" if name else ""))
    lines.append(f"**Ringkasan:** {alert.errors} kesalahan, {alert.warnings} peringatan.")
    if alert.overdue:
        detail = []
        if alert.freshness.get("frekuensi"):
            detail.append(f"jadwal: {md(alert.freshness['frekuensi'])}")
        if alert.freshness.get("diperbarui"):
            detail.append(f"terakhir diperbarui: {md(alert.freshness['diperbarui'])}")
        if alert.freshness.get("jatuh_tempo"):
            detail.append(f"jatuh tempo: {md(alert.freshness['jatuh_tempo'])}")
        lines.append("**Data terlambat diperbarui**" + (f" ({'; '.join(detail)})" if detail else "")
                     + ". Mohon perbarui sheet kantor.")
    findings = sorted(alert.findings, key=lambda f: (
        0 if f.get("severity") == "error" else 1, f.get("tab") or "", f.get("row") or 0,
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
                _SEVERITY_ID.get(str(f.get("severity")), md(f.get("severity"))),
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
    parser.add_argument("--config", type=Path, default=None,
                        help="portal.yml: its time zone decides today's date (default "
                        "Asia/Jakarta)")
    args = parser.parse_args(argv)

    token = os.environ.get("GITHUB_TOKEN")
    if not token:
        print("alerts: GITHUB_TOKEN is not set", file=sys.stderr)
        return 2
    api = os.environ.get("GITHUB_API_URL") or "https://api.github.com"
    try:
        findings = load_report(args.report)
        today = None
        if args.config is not None:
            from sheets_sync.config import load_config

            try:
                today = local_date(datetime.now(UTC), load_config(args.config).timezone)
            except ConfigError as exc:
                raise AlertError(str(exc)) from None
        status = load_status(args.status, today)
        if status is None:
            print(f"alerts: no usable freshness file ({args.status}); overdue offices are not "
                  "reported and no issue is closed this run", file=sys.stderr)
        gh = GitHub(args.repo, token, api_url=api, max_attempts=args.max_attempts)
        done = sync_issues(gh, build_alerts(findings, status), can_close=status is not None,
                           min_severity=args.min_severity)
    except AlertError as exc:
        print(f"alerts: {exc}", file=sys.stderr)
        return 1
    print("alerts: " + ", ".join(f"{k} {len(v)}" for k, v in done.items())
          + "".join(f"\n  {k}: {' '.join(v)}" for k, v in done.items() if v))
    return 1 if done["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
