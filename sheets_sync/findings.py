"""Validation findings: data problems are data. Each kind has a stable code, a severity, a title
and message/hint templates in Bahasa Indonesia for HR staff."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class FindingKind:
    code: str
    severity: str
    title: str  # short Indonesian title
    structural: bool = False  # True: the office is excluded from this run


KINDS: dict[str, FindingKind] = {
    k.code: k
    for k in [
        FindingKind("sumber_gagal", ERROR, "Sumber data tidak dapat dibaca", structural=True),
        FindingKind("tab_hilang", ERROR, "Tab tidak ditemukan", structural=True),
        FindingKind("kolom_hilang", ERROR, "Kolom wajib tidak ditemukan", structural=True),
        FindingKind("kolom_ganda", ERROR, "Judul kolom ganda", structural=True),
        FindingKind("wajib_diisi", ERROR, "Sel wajib diisi"),
        FindingKind("angka_tidak_valid", ERROR, "Bukan angka"),
        FindingKind("angka_ambigu", WARNING, "Angka bisa dibaca dua cara"),
        FindingKind("bilangan_bulat", ERROR, "Harus bilangan bulat"),
        FindingKind("di_luar_rentang", ERROR, "Nilai di luar rentang"),
        FindingKind("pilihan_tidak_valid", ERROR, "Bukan salah satu pilihan"),
        FindingKind("periode_tidak_valid", ERROR, "Periode tidak dikenal"),
        FindingKind("tanggal_tidak_valid", ERROR, "Tanggal tidak valid"),
        FindingKind("tanggal_masa_depan", WARNING, "Tanggal di masa depan"),
        FindingKind("urutan_tanggal", ERROR, "Urutan tanggal salah"),
        FindingKind("kode_tidak_valid", ERROR, "Format kode tidak valid"),
        FindingKind("url_tidak_aman", WARNING, "Alamat situs tidak aman"),
        FindingKind("nip_tidak_valid", ERROR, "NIP tidak valid"),
        FindingKind("nip_meragukan", WARNING, "NIP perlu diperiksa"),
        FindingKind("duplikat", ERROR, "Data ganda"),
        FindingKind("indikator_tidak_dikenal", ERROR, "Kode indikator tidak ada di tab Indikator"),
        FindingKind("target_nol", WARNING, "Target nol: capaian tidak dapat dihitung"),
        FindingKind("kurva_distribusi", WARNING, "Distribusi predikat tidak sesuai kurva"),
        FindingKind("kantor_tanpa_data", WARNING, "Kantor belum mengirim data"),
    ]
}


@dataclass
class Finding:
    """One located problem. `value` is never personal data: private columns are masked."""

    code: str
    office: str  # office code, or "" for the registry
    tab: str
    message: str
    hint: str = ""
    row: int | None = None  # the row number the sheet shows
    column: str | None = None  # column letter
    header: str | None = None
    value: str | None = None
    link: str | None = None
    severity: str = field(default="")

    def __post_init__(self) -> None:
        if not self.severity:
            self.severity = KINDS[self.code].severity

    @property
    def structural(self) -> bool:
        return KINDS[self.code].structural

    @property
    def cell(self) -> str | None:
        if self.column and self.row:
            return f"{self.column}{self.row}"
        return None

    def location(self) -> str:
        parts = [f"tab {self.tab}"] if self.tab else []
        if self.row:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}" + (f" ({self.header})" if self.header else ""))
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["cell"] = self.cell
        d["title"] = KINDS[self.code].title
        return d


def display_value(value: object, limit: int = 60) -> str:
    """Short, single-line rendering of a cell value for a message."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Report:
    """All findings of one run, grouped by office and tab for people, flat for machines."""

    def __init__(self, findings: list[Finding] | None = None) -> None:
        self.findings: list[Finding] = list(findings or [])

    def extend(self, findings: list[Finding]) -> None:
        self.findings.extend(findings)

    def for_office(self, office: str) -> list[Finding]:
        return [f for f in self.findings if f.office == office]

    def counts(self, office: str | None = None) -> Counter[str]:
        items = self.findings if office is None else self.for_office(office)
        return Counter(f.severity for f in items)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def flat(self) -> list[tuple[str, str, int | None, str | None, str]]:
        """[(office, tab, row, column, code), ...] — what tests assert on."""
        return [(f.office, f.tab, f.row, f.column, f.code) for f in self.findings]

    def to_json(self) -> str:
        return json.dumps(
            {
                "errors": self.counts()[ERROR],
                "warnings": self.counts()[WARNING],
                "findings": [f.to_dict() for f in self.findings],
            },
            ensure_ascii=False,
            indent=2,
        )

    def to_text(self, office_names: dict[str, str] | None = None) -> str:
        """Readable report for HR staff, grouped by office then tab."""
        names = office_names or {}
        if not self.findings:
            return "Tidak ada temuan: semua data valid.\n"
        lines: list[str] = []
        c = self.counts()
        lines.append(f"Ringkasan: {c[ERROR]} kesalahan, {c[WARNING]} peringatan.\n")
        offices: dict[str, list[Finding]] = {}
        for f in self.findings:
            offices.setdefault(f.office, []).append(f)
        for office, items in offices.items():
            label = f"{office} — {names[office]}" if office in names else (office or "Daftar kantor")
            oc = Counter(f.severity for f in items)
            lines.append(f"== {label}: {oc[ERROR]} kesalahan, {oc[WARNING]} peringatan ==")
            tabs: dict[str, list[Finding]] = {}
            for f in items:
                tabs.setdefault(f.tab or "-", []).append(f)
            for tab, tab_items in tabs.items():
                lines.append(f"  Tab {tab}:")
                for f in sorted(tab_items, key=lambda x: (x.row or 0, x.column or "")):
                    tag = "KESALAHAN" if f.severity == ERROR else "PERINGATAN"
                    where = []
                    if f.row:
                        where.append(f"baris {f.row}")
                    if f.column:
                        where.append(f"kolom {f.column}" + (f" ({f.header})" if f.header else ""))
                    loc = (", ".join(where) + ": ") if where else ""
                    lines.append(f"    [{tag}] {loc}{f.message} [{f.code}]")
                    if f.hint:
                        lines.append(f"        Cara memperbaiki: {f.hint}")
                    if f.link:
                        lines.append(f"        Buka sel: {f.link}")
            lines.append("")
        return "\n".join(lines)
