"""site_builder.ops.alerts against a loopback fake of the GitHub REST API."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sheets_sync.findings import Finding, ReportDocument
from site_builder.ops import alerts
from site_builder.ops.alerts import GitHub, build_alerts, main, sync_issues
from site_builder.render.freshness import OfficeFreshness, freshness_document
from site_builder.rules import Cadence

from .fake_github import TOKEN, FakeGitHub, FakeGitHubState

CADENCES = {"bulanan": Cadence(31, 10), "triwulanan": Cadence(92, 14)}

REPO = "pemda/portal"
DAY = date(2026, 11, 24)
# Values that must never leave the machine (a NIP, a name, a free-text cell, a bad number).
SECRET_VALUES = ["199001012020121001", "Budi Santoso", "rahasia-isi-sel", "12,5x%"]


def finding(office: str, code: str, severity: str = "error", **kw: object) -> dict:
    base = {"code": code, "severity": severity, "office": office, "tab": "Capaian", "row": 7,
            "column": "C", "header": "Target", "value": None, "message": "Bukan angka.",
            "hint": "Isi dengan angka, misalnya 87,5.", "link": None, "cell": "C7",
            "title": "Bukan angka"}
    base.update(kw)
    base["cell"] = f"{base['column']}{base['row']}" if base["row"] and base["column"] else None
    return base


def report(*findings: dict) -> dict:
    return {"errors": sum(f["severity"] == "error" for f in findings),
            "warnings": sum(f["severity"] == "warning" for f in findings),
            "findings": list(findings)}


def read(*findings: dict) -> list[Finding]:
    """The findings as the alerts read them from the report file."""
    return ReportDocument.model_validate(report(*findings)).findings


def freshness(*offices: OfficeFreshness) -> dict:
    """freshness.json as the portal writes it."""
    return freshness_document(list(offices), datetime(2026, 11, 24, 0, 23, tzinfo=UTC),
                              CADENCES)


def office(kode: str, data_per: date | None = None, due: date | None = None,
           frekuensi: str = "triwulanan", status: str = "ok") -> OfficeFreshness:
    return OfficeFreshness(kode, frekuensi, status, data_per, due)  # type: ignore[arg-type]


DIRTY = report(
    finding("DINKES", "angka_tidak_valid", value="12,5x%",
            message="Nilai '12,5x%' bukan angka.", link="https://docs.google.com/spreadsheets/d/KEY#gid=1&range=C7"),
    finding("DINKES", "nip_tidak_valid", tab="Pegawai", row=12, column="A", header="NIP",
            value="199001012020121001", message="NIP 199001012020121001 tidak valid.",
            hint="NIP terdiri dari 18 angka."),
    finding("DINKES", "wajib_diisi", tab="Pegawai", row=13, column="B", header="Nama",
            value="Budi Santoso", message="Nama Budi Santoso: kolom jabatan kosong."),
    finding("DINKES", "kurva_distribusi", severity="warning", tab="Pegawai", row=None,
            column=None, header=None, message="Distribusi tidak sesuai kurva."),
    finding("DISDIK", "angka_ambigu", severity="warning", value="rahasia-isi-sel",
            message="Angka 'rahasia-isi-sel' bisa dibaca dua cara."),
    finding("", "kode_tidak_valid", tab="Kantor", row=4, column="A", header="Kode",
            message="Format kode tidak valid."),
)
STATUS = freshness(
    office("DINKES", date(2026, 10, 31), date(2027, 2, 14)),
    office("DISDIK", date(2026, 10, 31), date(2027, 2, 14)),
    office("BAPPEDA", date(2026, 8, 1), date(2026, 9, 11), "bulanan"),  # overdue on DAY
)


def write(tmp_path: Path, name: str, data: object) -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


def run_cli(fake: FakeGitHub, tmp_path: Path, rep: dict, status: dict | None,
            monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_API_URL", fake.url)
    monkeypatch.setattr(alerts.time, "sleep", lambda s: None)
    args = ["--report", str(write(tmp_path, "temuan.json", rep)), "--repo", REPO,
            "--today", DAY.isoformat(), *extra]
    if status is not None:
        args += ["--status", str(write(tmp_path, "freshness.json", status))]
    return main(args)


def by_marker(state: FakeGitHubState) -> dict[str, dict]:
    out = {}
    for issue in state.issues.values():
        m = alerts.MARKER_RE.search(issue["body"])
        assert m, issue
        out[m.group(1)] = issue
    return out


def assert_no_values_sent(state: FakeGitHubState) -> None:
    assert state.requests
    for r in state.requests:
        for secret in SECRET_VALUES:
            assert secret not in r.body, (r.method, r.path)
        assert "docs.google.com" not in r.body  # no sheet keys in (possibly public) issues


def test_creates_one_issue_per_office_with_errors_or_overdue(tmp_path, monkeypatch):
    with FakeGitHub() as fake:
        assert run_cli(fake, tmp_path, DIRTY, STATUS, monkeypatch) == 0
        st = fake.state
    issues = by_marker(st)
    assert set(issues) == {"DINKES", "BAPPEDA", "_DAFTAR"}  # DISDIK only has a warning
    assert issues["DINKES"]["title"] == "Data kantor DINKES: 3 kesalahan, 1 peringatan"
    assert issues["BAPPEDA"]["title"] == "Data kantor BAPPEDA: terlambat diperbarui"
    assert issues["_DAFTAR"]["title"] == "Daftar kantor: 1 kesalahan"
    assert all(i["labels"] == [{"name": "data-kantor"}] for i in issues.values())
    assert st.labels == {"data-kantor"}
    body = issues["DINKES"]["body"]
    assert body.startswith("<!-- kinerja-office:DINKES -->")
    # locations, codes and hints are there
    assert "| kesalahan | Capaian | C7 | C (Target) | `angka_tidak_valid` |" in body
    assert "| kesalahan | Pegawai | A12 | A (NIP) | `nip_tidak_valid` |" in body
    assert "NIP terdiri dari 18 angka." in body
    assert "[NIP disembunyikan]" in body or "…" in body
    assert "bulanan" in issues["BAPPEDA"]["body"] and "2026-08-01" in issues["BAPPEDA"]["body"]
    assert_no_values_sent(st)


def test_second_identical_run_writes_nothing(tmp_path, monkeypatch):
    with FakeGitHub() as fake:
        assert run_cli(fake, tmp_path, DIRTY, STATUS, monkeypatch) == 0
        before = len(fake.state.writes())
        assert run_cli(fake, tmp_path, DIRTY, STATUS, monkeypatch) == 0
        new_writes = fake.state.writes()[before:]
    # only the idempotent label creation (422: exists) may be sent again
    assert [(r.method, r.path) for r in new_writes] == [("POST", f"/repos/{REPO}/labels")]


def test_updates_changed_issue_and_closes_clean_office(tmp_path, monkeypatch):
    state = FakeGitHubState()
    dinkes = state.add_issue("Data kantor DINKES: 9 kesalahan",
                             "<!-- kinerja-office:DINKES -->\nold", ["data-kantor"])
    disdik = state.add_issue("Data kantor DISDIK: 1 kesalahan",
                             "<!-- kinerja-office:DISDIK -->\nold", ["data-kantor"])
    other = state.add_issue("Unrelated bug", "no marker here", ["bug"])
    rep = report(finding("DINKES", "wajib_diisi", value="Budi Santoso",
                         message="Kolom wajib kosong (Budi Santoso)."))
    status = freshness(office("DINKES", date(2026, 10, 31), date(2027, 2, 14)),
                       office("DISDIK", date(2026, 10, 31), date(2027, 2, 14)))
    with FakeGitHub(state) as fake:
        assert run_cli(fake, tmp_path, rep, status, monkeypatch) == 0
    assert state.issues[dinkes]["title"] == "Data kantor DINKES: 1 kesalahan"
    assert state.issues[dinkes]["state"] == "open"
    assert "old" not in state.issues[dinkes]["body"]
    assert state.issues[disdik]["state"] == "closed"
    assert state.issues[disdik]["state_reason"] == "completed"
    assert "sudah bersih" in state.comments[disdik][0]
    assert state.issues[other]["state"] == "open" and other not in state.comments
    assert len(state.issues) == 3  # nothing new created
    assert_no_values_sent(state)


def test_without_freshness_file_nothing_is_closed(tmp_path, monkeypatch):
    state = FakeGitHubState()
    n = state.add_issue("Data kantor DISDIK: 1 kesalahan",
                        "<!-- kinerja-office:DISDIK -->\nold", ["data-kantor"])
    with FakeGitHub(state) as fake:
        assert run_cli(fake, tmp_path, report(), None, monkeypatch) == 0
    assert state.issues[n]["state"] == "open"
    assert state.writes() == []


def test_missing_report_changes_nothing(tmp_path, monkeypatch):
    state = FakeGitHubState()
    n = state.add_issue("x", "<!-- kinerja-office:DISDIK -->", ["data-kantor"])
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    with FakeGitHub(state) as fake:
        monkeypatch.setenv("GITHUB_API_URL", fake.url)
        rc = main(["--report", str(tmp_path / "missing.json"), "--repo", REPO,
                   "--status", str(write(tmp_path, "f.json", freshness()))])
    assert rc == 6  # a publish-workflow step failed (README "Exit codes")
    assert state.requests == [] and state.issues[n]["state"] == "open"


def test_a_file_that_is_not_a_report_changes_nothing(tmp_path, monkeypatch):
    state = FakeGitHubState()
    n = state.add_issue("x", "<!-- kinerja-office:DISDIK -->", ["data-kantor"])
    with FakeGitHub(state) as fake:
        assert run_cli(fake, tmp_path, {}, freshness(), monkeypatch) == 6
    assert state.requests == [] and state.issues[n]["state"] == "open"


def test_missing_token_is_an_error(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    assert main(["--report", str(write(tmp_path, "r.json", report())), "--repo", REPO]) == 3


def test_transient_errors_are_retried_a_bounded_number_of_times(tmp_path, monkeypatch):
    state = FakeGitHubState()
    state.failures[("POST", "/issues")] = [502, 503]
    with FakeGitHub(state) as fake:
        assert run_cli(fake, tmp_path, report(finding("DINKES", "wajib_diisi")),
                       freshness(), monkeypatch) == 0
    assert [i["title"] for i in state.issues.values()] == ["Data kantor DINKES: 1 kesalahan"]
    posts = [r for r in state.requests if r.method == "POST" and r.path.endswith("/issues")]
    assert len(posts) == 3

    state = FakeGitHubState()
    state.failures[("POST", "/issues")] = [500] * 50
    with FakeGitHub(state) as fake:
        rc = run_cli(fake, tmp_path, report(finding("DINKES", "wajib_diisi")), freshness(),
                     monkeypatch, "--max-attempts", "3")
    assert rc == 6 and state.issues == {}
    posts = [r for r in state.requests if r.method == "POST" and r.path.endswith("/issues")]
    assert len(posts) == 3


def test_client_errors_are_not_retried(monkeypatch):
    state = FakeGitHubState()
    state.failures[("GET", "/issues")] = [404, 404, 404]
    monkeypatch.setattr(alerts.time, "sleep", lambda s: None)
    with FakeGitHub(state) as fake:
        gh = GitHub(REPO, TOKEN, api_url=fake.url, max_attempts=3)
        with pytest.raises(alerts.AlertError, match="HTTP 404"):
            gh.open_issues()
    assert len(state.requests) == 1


def test_paginates_open_issues(tmp_path, monkeypatch):
    state = FakeGitHubState()
    for i in range(130):
        state.add_issue(f"Data kantor K{i:03d}: 1 kesalahan",
                        f"<!-- kinerja-office:K{i:03d} -->", ["data-kantor"])
    with FakeGitHub(state) as fake:
        assert run_cli(fake, tmp_path, report(), freshness(), monkeypatch) == 0
    assert all(i["state"] == "closed" for i in state.issues.values())


def test_sheet_text_cannot_mention_people_or_inject_markdown():
    raw = finding("DINKES", "pilihan_tidak_valid", header="@everyone <b>x</b> | y",
                  message="Pilihan [klik](https://evil.example) tidak valid")
    body = alerts.render_body(build_alerts(read(raw), None)["DINKES"])
    assert "@everyone" not in body and "@\u200beveryone" in body
    assert "<b>" not in body and "\\<b\\>" in body
    assert "[klik](" not in body
    table_row = [line for line in body.splitlines() if "pilihan" in line][0]
    assert table_row.count(" | ") == 6  # the '|' from the sheet did not add a column


def test_the_freshness_file_is_read_with_the_portal_model_only(tmp_path):
    """The alerts read the document the portal writes, and nothing else: a file in another
    shape (fields under other names) is no freshness file, so no issue is closed."""
    p = write(tmp_path, "f.json", freshness(office("A", date(2026, 9, 1), date(2026, 10, 15))))
    doc = alerts.load_status(p)
    assert doc is not None and [(o.kode, o.expected_by) for o in doc.offices] == [
        ("A", date(2026, 10, 15))]
    p = write(tmp_path, "g.json", {"offices": {"C": {"overdue": True, "diperbarui": "2026-01-01"}}})
    assert alerts.load_status(p) is None
    p = write(tmp_path, "h.json", {"offices": [{"kode": "A", "overdue": "true"}]})
    assert alerts.load_status(p) is None
    p = tmp_path / "bad.json"
    p.write_text("{nope", encoding="utf-8")
    assert alerts.load_status(p) is None


def test_overdue_from_expected_by_as_written_by_the_portal(tmp_path):
    p = write(tmp_path, "f.json", {"generated_at": "2026-11-24T00:23:00+00:00",
                                   "site_expected_by": "2026-12-02", "offices": [
        {"kode": "DINKES", "frekuensi": "bulanan", "status": "ok", "data_per": "2026-09-30",
         "expected_by": "2026-11-10"},
        {"kode": "DISDIK", "frekuensi": "triwulanan", "status": "ok", "data_per": "2026-10-31",
         "expected_by": "2027-02-14"},
        {"kode": "BARU", "frekuensi": "triwulanan", "status": "missing", "data_per": None,
         "expected_by": None},
    ]})
    found = build_alerts([], alerts.load_status(p), today=DAY)
    assert {k: a.overdue for k, a in found.items()} == {
        "DINKES": True, "DISDIK": False, "BARU": False}
    assert found["DINKES"].freshness.expected_by == date(2026, 11, 10)
    body = alerts.render_body(found["DINKES"])
    assert "terlambat" in body and "bulanan" in body and "2026-09-30" in body
    assert "jatuh tempo: 2026-11-10" in body


def test_long_reports_are_truncated(tmp_path):
    raws = [finding("DINKES", "wajib_diisi", row=i + 2) for i in range(alerts.MAX_ROWS + 25)]
    body = alerts.render_body(build_alerts(read(*raws), None)["DINKES"])
    assert "dan 25 temuan lainnya" in body
    assert len(body) < 65536


def test_warnings_open_issues_only_when_asked(tmp_path, monkeypatch):
    rep = report(finding("DISDIK", "angka_ambigu", severity="warning"))
    with FakeGitHub() as fake:
        assert run_cli(fake, tmp_path, rep, freshness(), monkeypatch) == 0
        assert fake.state.issues == {}
        assert run_cli(fake, tmp_path, rep, freshness(), monkeypatch,
                       "--min-severity", "warning") == 0
        assert [i["title"] for i in fake.state.issues.values()] == [
            "Data kantor DISDIK: 1 peringatan"]


def test_sync_issues_reports_failures_and_goes_on(monkeypatch):
    state = FakeGitHubState()
    state.failures[("POST", "/issues")] = [422]
    monkeypatch.setattr(alerts.time, "sleep", lambda s: None)
    raws = [finding("AAA", "wajib_diisi"), finding("BBB", "wajib_diisi")]
    with FakeGitHub(state) as fake:
        gh = GitHub(REPO, TOKEN, api_url=fake.url)
        done = sync_issues(gh, build_alerts(read(*raws), None))
    assert done["failed"] == ["AAA"] and done["created"] == ["BBB"]


def test_the_issue_opens_with_the_office_state(tmp_path, monkeypatch):
    """Issue 16: the office's state sentence from the report (held back, and why) is in its
    issue, after the counts' heading; an office without a state in the report has none."""
    kalimat = ("Kantor ini tertahan: data lama per 3 Juni 2026 tetap tampil karena tab Pegawai: "
               "kolom 'hasil_kerja' tidak ditemukan.")
    rep = report(finding("DINKES", "kolom_hilang", tab="Pegawai", row=1, column="F",
                         header="hasil_kerja"),
                 finding("DISDIK", "wajib_diisi"))
    rep["offices"] = {"DINKES": {"kode": "DINKES", "tertahan": True, "kalimat": kalimat,
                                 "data_per": "2026-06-03"}}
    state = FakeGitHubState(repo=REPO)
    with FakeGitHub(state) as fake:
        assert run_cli(fake, tmp_path, rep, STATUS, monkeypatch) == 0
    issues = by_marker(state)
    assert f"**Keadaan:** {alerts.md(kalimat)}" in issues["DINKES"]["body"]
    assert "**Keadaan:**" not in issues["DISDIK"]["body"]
