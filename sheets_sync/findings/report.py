"""All findings of one run (`Report`), the JSON documents that carry them between stages, and the
text report for HR staff.

Documents (one record per finding, `Finding.to_dict`; read back with the same model):

    <state_dir>/laporan/temuan.json,      `ReportDocument`: {"errors": n, "warnings": n,
    `kinerja check --format json`          "findings": [record, ...],
                                           "offices": {KODE: `OfficeState`, ...}}
    <state_dir>/temuan/<KODE>.json        one office's last findings: [record, ...]
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, TypeAdapter

from sheets_sync.findings.catalogue import ERROR, WARNING, Severity
from sheets_sync.findings.finding import Finding
from sheets_sync.findings.state import OfficeState

_RECORDS = TypeAdapter(list[Finding])


class ReportDocument(BaseModel):
    """The build report as a file: counts by severity and every finding. Written by the build
    (`laporan/temuan.json`) and `kinerja check --format json`; read by the alerts and the
    publish summary. Unknown keys are ignored, so reports of earlier versions still read."""

    model_config = ConfigDict(extra="ignore")

    errors: int
    warnings: int
    findings: list[Finding]  # required: an empty object is no report (it would close issues)
    offices: dict[str, OfficeState] = {}  # each office's state sentence (older reports: none)

    @classmethod
    def read(cls, path: Path) -> ReportDocument:
        """The document in `path`; OSError when unreadable, ValueError when not a report."""
        return cls.model_validate_json(Path(path).read_bytes())

    def to_json(self) -> str:
        return json.dumps({"errors": self.errors, "warnings": self.warnings,
                           "findings": [f.to_dict() for f in self.findings],
                           "offices": {k: s.model_dump(mode="json")
                                       for k, s in self.offices.items()}},
                          ensure_ascii=False, indent=2)


def findings_to_json(findings: list[Finding]) -> str:
    """One office's findings as the `temuan/<KODE>.json` document."""
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False)


def findings_from_json(text: str | bytes) -> list[Finding]:
    """The findings `findings_to_json` wrote; ValueError when `text` is not such a document."""
    return _RECORDS.validate_json(text)


class Report:
    """All findings of one run, grouped by office and tab for people, flat for machines, and
    each office's state (`states`, set by the sync)."""

    def __init__(self, findings: list[Finding] | None = None) -> None:
        self.findings: list[Finding] = list(findings or [])
        self.states: dict[str, OfficeState] = {}

    def extend(self, findings: list[Finding]) -> None:
        self.findings.extend(findings)

    def for_office(self, office: str) -> list[Finding]:
        return [f for f in self.findings if f.office == office]

    def counts(self, office: str | None = None) -> Counter[Severity]:
        items = self.findings if office is None else self.for_office(office)
        return Counter(f.severity for f in items)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def flat(self) -> list[tuple[str, str, int | None, str | None, str]]:
        """[(office, tab, row, column, code), ...] — what tests assert on."""
        return [(f.office, f.tab, f.row, f.column, f.code) for f in self.findings]

    def document(self) -> ReportDocument:
        c = self.counts()
        return ReportDocument(errors=c[ERROR], warnings=c[WARNING], findings=list(self.findings),
                              offices=dict(self.states))

    def to_json(self) -> str:
        return self.document().to_json()

    def to_text(self, office_names: dict[str, str] | None = None) -> str:
        """Readable report for HR staff, grouped by office then tab; each office's part opens
        with its state sentence."""
        names = office_names or {}
        if not self.findings:
            return "Tidak ada temuan: semua data valid.\n"
        held = [k for k, s in self.states.items() if s.tertahan]
        held_text = f"; {len(held)} kantor tertahan ({', '.join(held)})" if held else ""
        lines = [f"Ringkasan: {_counts_text(self.counts())}{held_text}.\n"]
        offices: dict[str, list[Finding]] = {}
        for f in self.findings:
            offices.setdefault(f.office, []).append(f)
        for office, items in offices.items():
            label = (f"{office} — {names[office]}" if office in names
                     else (office or "Daftar kantor"))
            lines.append(f"== {label}: {_counts_text(Counter(f.severity for f in items))} ==")
            if office in self.states:
                lines.append(f"  {self.states[office].kalimat}")
            tabs: dict[str, list[Finding]] = {}
            for f in items:
                tabs.setdefault(f.tab or "-", []).append(f)
            for tab, tab_items in tabs.items():
                lines.append(f"  Tab {tab}:")
                for f in sorted(tab_items, key=lambda x: (x.row or 0, x.column or "")):
                    where = []
                    if f.row:
                        where.append(f"baris {f.row}")
                    if f.column:
                        where.append(f"kolom {f.column}" + (f" ({f.header})" if f.header else ""))
                    loc = (", ".join(where) + ": ") if where else ""
                    lines.append(f"    [{f.severity.label.upper()}] {loc}{f.message} [{f.code}]")
                    if f.hint:
                        lines.append(f"        Cara memperbaiki: {f.hint}")
                    if f.link:
                        lines.append(f"        Buka sel: {f.link}")
            lines.append("")
        return "\n".join(lines)


def _counts_text(counts: Counter[Severity]) -> str:
    return ", ".join(f"{counts[s]} {s.label}" for s in Severity)
