"""site_builder.ops.publish_ops: the "nothing changed → end early" decision and the site checks."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from site_builder.ops import publish_ops
from site_builder.ops.publish_ops import check_site, main, mark, plan, state_digest

from .fake_github import TOKEN, FakeGitHub, FakeGitHubState

DAY = date(2026, 11, 24)


@pytest.fixture()
def state(tmp_path: Path) -> Path:
    root = tmp_path / "state"
    (root / "snapshots" / "DINKES").mkdir(parents=True)
    (root / "snapshots" / "DINKES" / "capaian.parquet").write_bytes(b"PAR1-v1")
    manifest = {"version": 1, "offices": {"DINKES": {
        "content_hash": "aaa", "valid": True, "last_attempt_ok": True,
        "source_modified": "2026-11-20T01:00:00+00:00", "rows": {"capaian": 3},
        "fetched_at": "2026-11-24T00:00:00+00:00", "last_attempt_at": "2026-11-24T00:00:00+00:00"}}}
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


def edit_manifest(root: Path, **changes: object) -> None:
    data = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    data["offices"]["DINKES"].update(changes)
    (root / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def test_first_run_builds(state):
    assert plan(state, code_version="c1", today=DAY) == (True, "no earlier publication recorded")


def test_unchanged_run_ends_early(state):
    mark(state, code_version="c1", today=DAY)
    # a new attempt that found nothing new only moves the attempt timestamps
    edit_manifest(state, last_attempt_at="2026-11-24T05:00:00+00:00",
                  fetched_at="2026-11-24T05:00:00+00:00")
    (state / "laporan").mkdir()
    (state / "laporan" / "temuan.json").write_text("{}", encoding="utf-8")
    assert plan(state, code_version="c1", today=DAY) == (
        False, "nothing changed since the last publication")


@pytest.mark.parametrize("change", [
    {"content_hash": "bbb"},           # new data for an office
    {"valid": False, "last_attempt_ok": False},  # the office now shows as stale
])
def test_data_change_builds(state, change):
    mark(state, code_version="c1", today=DAY)
    edit_manifest(state, **change)
    assert plan(state, code_version="c1", today=DAY) == (True, "data changed")


def test_new_office_or_registry_file_builds(state):
    mark(state, code_version="c1", today=DAY)
    (state / "kantor.parquet").write_bytes(b"registry")
    assert plan(state, code_version="c1", today=DAY)[0] is True


def test_code_change_new_day_and_force_build(state):
    mark(state, code_version="c1", today=DAY)
    assert plan(state, code_version="c2", today=DAY) == (True, "code changed")
    assert plan(state, code_version="c1", today=date(2026, 11, 25))[0] is True
    assert plan(state, code_version="c1", today=DAY, force=True) == (True, "forced by the operator")


def test_digest_ignores_git_and_record(state):
    before = state_digest(state)
    (state / ".git").mkdir()
    (state / ".git" / "HEAD").write_text("ref: refs/heads/kinerja-data\n", encoding="utf-8")
    mark(state, code_version="c1", today=DAY)
    assert state_digest(state) == before


def write_config(tmp_path: Path, state_rel: str = "state") -> Path:
    cfg = tmp_path / "portal.yml"
    cfg.write_text(f"title: Uji\nsource:\n  kind: workbook\n  path: data\nstate_dir: {state_rel}\n",
                   encoding="utf-8")
    return cfg


C1 = ["--code-version", "c1", "--today", "2026-11-24"]


def test_cli_plan_writes_step_output(state, tmp_path, monkeypatch, capsys):
    cfg = write_config(tmp_path)
    out = tmp_path / "gh_output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(out))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    assert main(["plan", "--config", str(cfg), *C1]) == 0
    assert "changed=true\n" in out.read_text(encoding="utf-8")
    assert main(["mark", "--config", str(cfg), *C1]) == 0
    out.write_text("", encoding="utf-8")
    assert main(["plan", "--config", str(cfg), *C1]) == 0
    assert "changed=false\n" in out.read_text(encoding="utf-8")
    assert main(["plan", "--config", str(cfg), *C1,
                 "--force", "true"]) == 0
    assert out.read_text(encoding="utf-8").count("changed=true") == 1


def test_cli_state_dir(tmp_path, capsys):
    cfg = write_config(tmp_path, ".kinerja")
    assert main(["state-dir", "--config", str(cfg)]) == 0
    assert capsys.readouterr().out.strip() == str((tmp_path / ".kinerja").resolve())
    assert main(["state-dir", "--config", str(cfg), "--expect", str(tmp_path / ".kinerja")]) == 0
    # exit codes of README "Exit codes": 3 = bad configuration
    assert main(["state-dir", "--config", str(cfg), "--expect", str(tmp_path / "elsewhere")]) == 3
    assert main(["state-dir", "--config", str(tmp_path / "missing.yml")]) == 3


def test_summary_prints_counts_only(tmp_path, capsys):
    report = {"errors": 2, "warnings": 1, "findings": [
        {"code": "nip_tidak_valid", "severity": "error", "office": "DINKES", "tab": "Pegawai",
         "row": 5, "column": "A", "value": "199001012020121001",
         "message": "NIP 199001012020121001"},
        {"code": "wajib_diisi", "severity": "error", "office": "DINKES", "tab": "Capaian",
         "row": 9, "column": "D", "value": None, "message": "Kosong", "hint": "Isi."},
        {"code": "angka_ambigu", "severity": "warning", "office": "", "tab": "Kantor",
         "row": 2, "column": "B", "value": "Budi Santoso", "message": "Budi Santoso"},
    ]}
    p = tmp_path / "check.json"
    p.write_text(json.dumps(report), encoding="utf-8")
    assert main(["summary", "--report", str(p)]) == 0
    out = capsys.readouterr().out
    assert "2 kesalahan, 1 peringatan" in out and "DINKES: 2 kesalahan, 0 peringatan" in out
    assert "nip_tidak_valid=1" in out
    for leak in ("199001012020121001", "Budi Santoso", "Pegawai", "Kosong", "baris"):
        assert leak not in out
    assert main(["summary", "--report", str(tmp_path / "none.json")]) == 6


def test_summary_marks_held_back_offices_without_saying_why(tmp_path, capsys):
    """Issue 16: the log says which offices are held back; the reason (tab and header names)
    stays in the report, the Validasi tab and the office's issue."""
    report = {"errors": 1, "warnings": 0, "findings": [
        {"code": "kolom_hilang", "severity": "error", "office": "KEC", "tab": "Pegawai",
         "row": 1, "column": "F", "header": "hasil_kerja", "value": None, "message": "Kolom"}],
        "offices": {"KEC": {"kode": "KEC", "tertahan": True, "kalimat": "Kantor ini tertahan: "
                            "belum ada data yang tampil karena tab Pegawai: kolom 'hasil_kerja' "
                            "tidak ditemukan."}}}
    p = tmp_path / "check.json"
    p.write_text(json.dumps(report), encoding="utf-8")
    assert main(["summary", "--report", str(p)]) == 0
    out = capsys.readouterr().out
    assert "KEC: 1 kesalahan, 0 peringatan (tertahan: belum ada data yang tampil)" in out
    assert "Pegawai" not in out and "hasil_kerja" not in out


def make_site(root: Path) -> Path:
    root.mkdir()
    (root / "index.html").write_text(
        '<!doctype html><html><head><link rel="stylesheet" href="assets/site.css">'
        '<link rel="canonical" href="https://pemda.github.io/portal/">'
        '<script src="assets/app.js"></script></head><body>'
        '<a href="https://lapor.go.id">LAPOR!</a><img src="img/logo.svg" alt=""></body></html>',
        encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "site.css").write_text("body{background:url(../img/bg.png)}",
                                              encoding="utf-8")
    (root / "assets" / "app.js").write_text("", encoding="utf-8")
    (root / "img").mkdir()
    for name in ("img/logo.svg", "img/bg.png", "a.png"):  # a.png: the pages of the cases below
        (root / name).write_bytes(b"")
    (root / "freshness.json").write_text('{"offices": []}', encoding="utf-8")
    return root


def test_check_site_accepts_a_self_contained_site(tmp_path):
    assert check_site(make_site(tmp_path / "site")) == []


@pytest.mark.parametrize("html", [
    '<script src="https://cdn.jsdelivr.net/npm/vega@6"></script>',
    '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">',
    '<img srcset="a.png 1x, https://tracker.example/p.png 2x">',
    '<style>@import "https://fonts.example/x.css";</style>',
    '<div style="background:url(http://img.example/a.png)"></div>',
])
def test_check_site_rejects_requests_to_other_hosts(tmp_path, html):
    site = make_site(tmp_path / "site")
    (site / "kantor.html").write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    problems = check_site(site)
    assert len(problems) == 1 and "kantor.html: loads" in problems[0]


def test_check_site_structure(tmp_path):
    site = make_site(tmp_path / "site")
    (site / "freshness.json").write_text("{", encoding="utf-8")
    (site / "link").symlink_to(site / "index.html")
    (site / "assets" / "bad.css").write_text("@font-face{src:url(https://f.example/a.woff2)}",
                                             encoding="utf-8")
    problems = check_site(site)
    assert any("freshness.json is not valid JSON" in p for p in problems)
    assert any("link: symbolic link" in p for p in problems)
    assert any("assets/bad.css: loads https://f.example/a.woff2" in p for p in problems)
    assert check_site(tmp_path / "nothing") == [f"{tmp_path / 'nothing'}: not a folder"]
    assert main(["check-site", str(site)]) == 1
    ok = make_site(tmp_path / "ok")
    assert main(["check-site", str(ok), "--allow-host", "pemda.github.io"]) == 0


def test_check_site_applies_the_site_rules_under_the_published_path(tmp_path):
    """The deployment check runs the build's own rules (site_check): links must resolve,
    absolute paths under the path of the canonical link (a GitHub Pages project site)."""
    site = make_site(tmp_path / "site")
    (site / "404.html").write_text(
        '<link rel="stylesheet" href="/portal/assets/site.css"><a href="/portal/nope/">x</a>',
        encoding="utf-8")
    assert check_site(site) == ["404.html: broken link a[href]=/portal/nope/"]
    outside = tmp_path / "outside"
    outside.mkdir()
    (site / "keluar").symlink_to(outside)
    assert any("keluar: symbolic link" in p and "leading out of the site" in p
               for p in check_site(site))


@pytest.mark.parametrize("private,expected", [(True, 0), (False, 6)])
def test_assert_private(monkeypatch, private, expected):
    state = FakeGitHubState(repo="pemda/portal-data", private=private)
    with FakeGitHub(state) as fake:
        monkeypatch.setenv("GITHUB_API_URL", fake.url)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        assert main(["assert-private", "--repo", "pemda/portal-data"]) == expected
        # a repository the token cannot see (404) is not public
        assert main(["assert-private", "--repo", "pemda/invisible"]) == 0


def test_assert_private_fails_closed_when_unsure(monkeypatch):
    state = FakeGitHubState(repo="pemda/portal-data")
    state.failures[("GET", "")] = [503, 503, 503]
    monkeypatch.setattr(publish_ops.time, "sleep", lambda s: None)
    with FakeGitHub(state) as fake:
        monkeypatch.setenv("GITHUB_API_URL", fake.url)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        assert main(["assert-private", "--repo", "pemda/portal-data"]) == 6


def test_today_is_taken_in_the_portal_time_zone() -> None:
    from datetime import UTC, datetime

    moment = datetime(2025, 6, 30, 16, 30, tzinfo=UTC)  # 23:30 WIB, 01:30 WIT the next day
    assert publish_ops.local_today("Asia/Jakarta", moment) == date(2025, 6, 30)
    assert publish_ops.local_today("Asia/Jayapura", moment) == date(2025, 7, 1)
