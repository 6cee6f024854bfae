"""Validation findings: data problems are data. `catalogue` declares every kind once (code,
severity, title, message and hint templates); `finding` is one located problem; `report` holds
a run's findings, their JSON documents and the text report for HR staff; `state` the sentence
that says whether an office is held back and why."""
from __future__ import annotations

from sheets_sync.findings.catalogue import ERROR, KINDS, WARNING, FindingKind, Severity, kind
from sheets_sync.findings.finding import Finding, display_value
from sheets_sync.findings.report import (
    Report,
    ReportDocument,
    findings_from_json,
    findings_to_json,
)
from sheets_sync.findings.state import OfficeState, office_state

__all__ = [
    "ERROR", "KINDS", "WARNING", "Finding", "FindingKind", "OfficeState", "Report",
    "ReportDocument", "Severity", "display_value", "findings_from_json", "findings_to_json",
    "kind", "office_state",
]
