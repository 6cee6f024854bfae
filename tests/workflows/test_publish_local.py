"""Run the publish workflow's own commands (read from publish.yml, in order, with the step
conditions honoured) against the loopback Google fake and a loopback GitHub fake.

The Google side goes through the real `kinerja` CLI and an unmodified gspread whose session is
routed to tests/integration/fake_google.py; only `build_client` is replaced (no credentials)."""
from __future__ import annotations

import contextlib
import json
import os
import shlex
from pathlib import Path

import gspread
import pytest

from site_builder import cli
from site_builder.ops import alerts, publish_ops
from tests.integration.conftest import (
    DINKES_KEY,
    DISDIK_KEY,
    REGISTRY_KEY,
    office_tabs,
    registry_tabs,
)
from tests.integration.fake_google import FakeGoogle, loopback_session

from .fake_github import TOKEN, FakeGitHub, FakeGitHubState
from .workflow_model import PUBLISH, Command, commands

pytestmark = pytest.mark.slow

BAD_VALUE = "sembilan puluh"  # an invalid number in DISDIK's Capaian tab


def _disdik_tabs() -> dict:
    tabs = office_tabs()
    tabs["Capaian"][1][2] = BAD_VALUE
    return tabs


class Runner:
    """Executes the workflow's project commands in-process, like the runner would."""

    def __init__(self, workspace: Path, env: dict[str, str]) -> None:
        self.workspace = workspace
        self.env = env
        self.outputs: dict[str, str] = {}
        self.outcomes: dict[str, str] = {}
        self.ran: list[str] = []

    def _expand(self, word: str) -> str:
        for name in sorted(self.env, key=len, reverse=True):
            word = word.replace(f"${name}", self.env[name])
        assert "$" not in word, f"unexpanded variable in {word!r}"
        return word

    def _enabled(self, c: Command) -> bool:
        cond = c.condition or ""
        if "steps.plan.outputs.changed == 'true'" in cond:
            return self.outputs.get("changed") == "true"
        if "steps.build.outcome == 'success'" in cond:
            return self.outcomes.get("build") == "success"
        assert not cond, f"unknown condition {cond!r}: teach the test about it"
        return True

    def run(self, c: Command) -> int:
        args = [self._expand(a) for a in c.args]
        out_path = Path(self._expand(c.stdout)) if c.stdout else None
        gh_output = self.workspace / "github_output"
        gh_output.write_text("", encoding="utf-8")
        os.environ["GITHUB_OUTPUT"] = str(gh_output)
        with contextlib.ExitStack() as stack:
            if out_path is not None:
                out_path.parent.mkdir(parents=True, exist_ok=True)
                fh = stack.enter_context(out_path.open("w", encoding="utf-8"))
                stack.enter_context(contextlib.redirect_stdout(fh))
            if c.program == "kinerja":
                rc = cli.main(args)
            elif c.program == "site_builder.ops.publish_ops":
                rc = publish_ops.main(args)
            elif c.program == "site_builder.ops.alerts":
                rc = alerts.main(args)
            else:
                raise AssertionError(f"unexpected program {c.program}")
        for line in gh_output.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            self.outputs[key] = value
        if c.step_id:
            self.outcomes[c.step_id] = "success" if rc == 0 or (
                c.program == "kinerja" and args[0] == "check" and rc == 1) else "failure"
        self.ran.append(f"{c.program} {shlex.join(args[:1])}")
        return rc

    def run_all(self) -> None:
        self.outputs.clear()
        self.outcomes.clear()
        self.ran.clear()
        for c in commands(PUBLISH):
            if not self._enabled(c):
                continue
            rc = self.run(c)
            allowed = (0, 1) if (c.program == "kinerja" and c.args[0] == "check") else (0,)
            assert rc in allowed, f"{c.program} {c.args} exited {rc}"


@pytest.fixture()
def google() -> FakeGoogle:
    fake = FakeGoogle().start()
    fake.add_spreadsheet(REGISTRY_KEY, registry_tabs(), title="Daftar Kantor")
    fake.add_spreadsheet(DINKES_KEY, office_tabs(), title="Kinerja Dinkes")
    fake.add_spreadsheet(DISDIK_KEY, _disdik_tabs(), title="Kinerja Disdik")
    try:
        yield fake
    finally:
        fake.stop()


def test_publish_sequence_against_loopback_fakes(google, tmp_path, monkeypatch):
    session, blocker = loopback_session(google.base_url)
    monkeypatch.setattr("sheets_sync.sources.google.build_client",
                        lambda config: gspread.Client(None, session=session))
    workspace = tmp_path / "work"
    workspace.mkdir()
    (workspace / "portal.yml").write_text(
        "title: Portal Uji\nsource:\n  kind: google\n"
        f"  registry: {REGISTRY_KEY}\nstate_dir: .kinerja\n", encoding="utf-8")
    monkeypatch.chdir(workspace)
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()

    github = FakeGitHub(FakeGitHubState(repo="pemda/portal", private=True))
    with github:
        env = {"KINERJA_CONFIG": "portal.yml", "KINERJA_STATE_PATH": ".kinerja",
               "RUNNER_TEMP": str(runner_temp), "DATA_REPO": "pemda/portal",
               "REPO": "pemda/portal", "CODE_VERSION": "0123abcd", "FORCE": "false"}
        for key, value in {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": github.url,
                           "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}.items():
            monkeypatch.setenv(key, value)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        monkeypatch.setattr(alerts.time, "sleep", lambda s: None)
        runner = Runner(workspace, env)

        # 1. first run: everything is new -> build, check, record, alert
        runner.run_all()
        assert runner.outputs["changed"] == "true"
        site = runner_temp / "site"
        assert (site / "index.html").is_file() and (site / "freshness.json").is_file()
        assert (workspace / ".kinerja" / "publish.json").is_file()
        assert (workspace / ".kinerja" / "laporan" / "temuan.json").is_file()
        issues = list(github.state.issues.values())
        assert [i["title"].split(":")[0] for i in issues] == ["Data kantor DISDIK"]
        for r in github.state.requests:
            assert BAD_VALUE not in r.body
        summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
        assert BAD_VALUE not in summary

        # 2. nothing changed in the sheets -> the run ends early, nothing is built
        requests_before = len(google.requests)
        for p in site.rglob("*"):
            if p.is_file():
                p.unlink()
        runner.run_all()
        assert runner.outputs["changed"] == "false"
        assert not (site / "index.html").exists()
        assert "kinerja build" not in runner.ran and "kinerja sync" in runner.ran
        new_kinds = google.kinds()[requests_before:]
        assert new_kinds, "the sync still asked Google what changed"

        # 3. DISDIK fixes its sheet -> rebuilt, and its issue is closed
        google.spreadsheets[DISDIK_KEY].sheet("Capaian").rows[1][2] = 90
        google.touch(DISDIK_KEY)
        runner.run_all()
        assert runner.outputs["changed"] == "true"
        assert (site / "index.html").is_file()
        assert [i["state"] for i in github.state.issues.values()] == ["closed"]

    assert not blocker.blocked, f"requests left loopback: {blocker.blocked}"


def test_scheduled_publish_writes_then_clears_the_validasi_tab(google, tmp_path, monkeypatch):
    """Issue 16: with `source.write_back: true` the scheduled publish (the workflow's own
    commands) writes each office's Validasi tab — state sentence, counts per tab, one row per
    finding with a link to its cell — and, once the office fixed its sheet, clears it to
    "Tidak ada temuan" with the new state sentence. A tab that would say the same is not
    written again."""
    session, blocker = loopback_session(google.base_url)
    monkeypatch.setattr("sheets_sync.sources.google.build_client",
                        lambda config: gspread.Client(None, session=session))
    workspace = tmp_path / "work"
    workspace.mkdir()
    (workspace / "portal.yml").write_text(
        "title: Portal Uji\nsource:\n  kind: google\n"
        f"  registry: {REGISTRY_KEY}\n  write_back: true\nstate_dir: .kinerja\n",
        encoding="utf-8")
    monkeypatch.chdir(workspace)
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    github = FakeGitHub(FakeGitHubState(repo="pemda/portal", private=True))
    with github:
        env = {"KINERJA_CONFIG": "portal.yml", "KINERJA_STATE_PATH": ".kinerja",
               "RUNNER_TEMP": str(runner_temp), "DATA_REPO": "pemda/portal",
               "REPO": "pemda/portal", "CODE_VERSION": "0123abcd", "FORCE": "false"}
        for key, value in {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": github.url,
                           "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}.items():
            monkeypatch.setenv(key, value)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        monkeypatch.setattr(alerts.time, "sleep", lambda s: None)
        runner = Runner(workspace, env)

        # 1. DISDIK's Capaian C2 is not a number: its tab lists it, DINKES's says it is clean
        runner.run_all()
        disdik = google.spreadsheets[DISDIK_KEY]
        tab = disdik.sheet("Validasi")
        assert tab is not None
        assert tab.rows[0] == ["Keadaan", "Data kantor ini tampil (data per "
                               f"{_today_id()}), kecuali 1 baris berisi kesalahan: baris itu "
                               "belum tampil sampai diperbaiki."]
        assert tab.rows[1][0] == "Diperiksa pada" and tab.rows[2:4] == [["Kesalahan", 1],
                                                                         ["Peringatan", 0]]
        assert tab.rows[5:7] == [["Tab", "Kesalahan", "Peringatan"], ["Capaian", 1, 0]]
        (finding,) = tab.rows[9:]
        assert finding[:6] == ["angka_tidak_valid", "Kesalahan", "Capaian", "C2", "target",
                               BAD_VALUE]
        capaian = disdik.sheet("Capaian")
        assert capaian is not None
        assert finding[8] == (f'=HYPERLINK("https://docs.google.com/spreadsheets/d/{DISDIK_KEY}'
                              f'/edit#gid={capaian.sheet_id}&range=C2")')
        dinkes = google.spreadsheets[DINKES_KEY].sheet("Validasi")
        assert dinkes is not None and dinkes.rows[-1] == ["Tidak ada temuan"]
        assert json.loads((workspace / ".kinerja" / "validasi.json").read_text())["written"].keys(
            ) == {"DINKES", "DISDIK"}

        # 2. nothing new: the sheets our write touched are read once more, nothing is written
        before = len(google.requests)
        runner.run_all()
        assert "batchUpdate" not in google.kinds()[before:]

        # 3. DISDIK fixes its sheet: its tab is cleared and says so
        google.spreadsheets[DISDIK_KEY].sheet("Capaian").rows[1][2] = 90
        google.touch(DISDIK_KEY)
        before = len(google.requests)
        runner.run_all()
        written = [r.key for r in google.requests[before:] if r.kind == "batchUpdate"]
        assert written == [DISDIK_KEY]
        assert tab.rows == [
            ["Keadaan", f"Data kantor ini tampil seluruhnya (data per {_today_id()})."],
            ["Diperiksa pada", tab.rows[1][1]], ["Kesalahan", 0], ["Peringatan", 0], [],
            ["Tidak ada temuan"]]
    for r in github.state.requests:  # the cell's value reached the office's own sheet only
        assert BAD_VALUE not in r.body
    assert not blocker.blocked, f"requests left loopback: {blocker.blocked}"


def _today_id() -> str:
    from datetime import UTC, datetime

    from sheets_sync.config import local_date
    from sheets_sync.findings.state import tanggal

    return tanggal(local_date(datetime.now(UTC)))


def test_check_write_back_by_hand(google, tmp_path, monkeypatch, capsys):
    """`kinerja check --write-back` writes every office's tab at once, with its state; without
    `source.write_back: true` it refuses in one line, Bahasa Indonesia first (exit 3)."""
    session, blocker = loopback_session(google.base_url)
    monkeypatch.setattr("sheets_sync.sources.google.build_client",
                        lambda config: gspread.Client(None, session=session))
    config = tmp_path / "portal.yml"
    base = f"title: Uji\nstate_dir: state\nsource:\n  kind: google\n  registry: {REGISTRY_KEY}\n"
    config.write_text(base, encoding="utf-8")
    assert cli.main(["check", "--config", str(config), "--write-back"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("kinerja: konfigurasi tidak valid: --write-back perlu "
                          "source.write_back: true")
    assert google.spreadsheets[DISDIK_KEY].sheet("Validasi") is None
    config.write_text(base + "  write_back: true\n", encoding="utf-8")
    assert cli.main(["check", "--config", str(config), "--write-back"]) == 1
    tab = google.spreadsheets[DISDIK_KEY].sheet("Validasi")
    assert tab is not None and tab.rows[0][0] == "Keadaan"
    assert tab.rows[0][1].startswith("Data kantor ini tampil (data per ")
    assert tab.rows[2] == ["Kesalahan", 1]
    assert not (tmp_path / "state" / "validasi.json").exists()  # check writes no state
    assert not blocker.blocked
