"""Static checks of .github/workflows: pinned actions, least privilege, the publish contract,
and that every project command a workflow calls exists."""
from __future__ import annotations

import functools
import re
import subprocess
import sys

import pytest

from .workflow_model import PUBLISH, ROOT, TEST, commands, load, uses_lines, workflow_files

SHA_PIN = re.compile(
    r"^\s*(?:-\s*)?uses:\s*(?P<action>[A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-/]+)@(?P<sha>[0-9a-f]{40})"
    r"\s+#\s*(?P<version>v\d+(?:\.\d+){0,2})\s*$")
OPERATING = ROOT / "docs" / "operating.md"


def test_there_are_workflows():
    names = {p.name for p in workflow_files()}
    assert {"publish.yml", "test.yml"} <= names


def test_every_action_is_pinned_to_a_full_commit_sha_with_a_version_comment():
    lines = uses_lines()
    assert lines
    for path, n, line in lines:
        assert SHA_PIN.match(line), (
            f"{path.name}:{n}: not pinned to a 40-hex SHA + '# vX.Y.Z': {line.strip()}")


def test_one_sha_per_action_and_documented():
    pins: dict[str, set[tuple[str, str]]] = {}
    for _, _, line in uses_lines():
        m = SHA_PIN.match(line)
        assert m
        pins.setdefault(m["action"], set()).add((m["sha"], m["version"]))
    doc = OPERATING.read_text(encoding="utf-8")
    for action, versions in pins.items():
        assert len(versions) == 1, f"{action} pinned to several commits: {versions}"
        sha, version = next(iter(versions))
        assert sha in doc and action in doc, (
            f"{action}@{sha} ({version}) missing from docs/operating.md")


@pytest.mark.parametrize("path", [PUBLISH, TEST], ids=lambda p: p.name)
def test_least_privilege_permissions(path):
    wf = load(path)
    assert wf.get("permissions") == {}, "top level must grant nothing; jobs ask for what they need"
    for job_id, job in wf["jobs"].items():
        perms = job.get("permissions")
        assert isinstance(perms, dict), f"{path.name}: job {job_id} has no permissions block"
        assert "write-all" not in str(perms)


def test_exact_permissions_of_each_job():
    expected = {
        (PUBLISH, "publish"): {"contents": "write", "id-token": "write", "issues": "write"},
        (PUBLISH, "deploy"): {"pages": "write", "id-token": "write"},
        (PUBLISH, "keepalive"): {"actions": "write"},
        (TEST, "test"): {"contents": "read"},
    }
    seen = {(path, job_id): job["permissions"] for path in (PUBLISH, TEST)
            for job_id, job in load(path)["jobs"].items()}
    assert seen == expected


def test_checkouts_do_not_keep_credentials_except_the_data_checkout():
    for path in workflow_files():
        for job_id, job in load(path)["jobs"].items():
            for step in job.get("steps", []):
                if not str(step.get("uses", "")).startswith("actions/checkout@"):
                    continue
                w = step.get("with", {})
                if w.get("path") == "${{ env.KINERJA_STATE_PATH }}":
                    assert w.get("persist-credentials") is True  # pushes the snapshot store
                    assert path == PUBLISH and job_id == "publish"
                else:
                    assert w.get("persist-credentials") is False, f"{path.name}:{job_id}"


def test_publish_triggers_and_concurrency():
    wf = load(PUBLISH)
    assert "workflow_dispatch" in wf["on"]
    crons = [s["cron"] for s in wf["on"]["schedule"]]
    assert crons
    for cron in crons:
        minute = cron.split()[0]
        assert minute.isdigit() and int(minute) not in (0, 30), f"{cron}: run off the hour"
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = wf["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "publish"
    assert "changed == 'true'" in deploy["if"]
    uses = [s.get("uses", "") for s in deploy["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    publish_uses = [s.get("uses", "") for s in wf["jobs"]["publish"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in publish_uses)
    assert any(u.startswith("google-github-actions/auth@") for u in publish_uses)


def test_google_auth_is_keyless_with_a_key_only_as_fallback():
    steps = load(PUBLISH)["jobs"]["publish"]["steps"]
    auth = [s for s in steps if str(s.get("uses", "")).startswith("google-github-actions/auth@")]
    wif = [s for s in auth if "workload_identity_provider" in s.get("with", {})]
    key = [s for s in auth if "credentials_json" in s.get("with", {})]
    assert len(wif) == 1 and len(key) == 1
    assert wif[0]["with"] == {"workload_identity_provider": "${{ vars.GCP_WIF_PROVIDER }}",
                              "service_account": "${{ vars.GCP_SERVICE_ACCOUNT }}"}
    assert wif[0]["if"] == "vars.GCP_WIF_PROVIDER != ''"
    assert key[0]["if"] == "vars.GCP_WIF_PROVIDER == '' && env.GSHEETS_SA_KEY_SET == 'true'"
    assert key[0]["with"] == {"credentials_json": "${{ secrets.GSHEETS_SA_JSON }}"}


def test_run_scripts_never_expose_credentials_or_expand_expressions():
    for path in workflow_files():
        for job_id, job in load(path)["jobs"].items():
            for step in job.get("steps", []):
                script = step.get("run") or ""
                where = f"{path.name}:{job_id}:{step.get('name')}"
                assert "${{" not in script, f"{where}: pass expressions through env:"
                assert not re.search(r"set\s+-[a-z]*x", script), f"{where}: no tracing"
                assert "GOOGLE_APPLICATION_CREDENTIALS" not in script, where
                assert "secrets." not in script, where
                assert not re.search(r"\bcat\b", script), where


def test_publish_steps_run_in_a_sensible_order():
    programs = [(c.program, c.args[0] if c.args else "") for c in commands(PUBLISH)]
    ops = "site_builder.ops.publish_ops"
    order = [(ops, "assert-private"), ("kinerja", "sync"), ("kinerja", "check"), (ops, "plan"),
             ("kinerja", "build"), (ops, "check-site"), (ops, "mark")]
    positions = [programs.index(p) for p in order]
    assert positions == sorted(positions)
    steps = load(PUBLISH)["jobs"]["publish"]["steps"]
    names = [s.get("name", "") for s in steps]
    upload = next(i for i, s in enumerate(steps)
                  if str(s.get("uses", "")).startswith("actions/upload-pages-artifact@"))
    check_site = next(i for i, s in enumerate(steps) if "check-site" in (s.get("run") or ""))
    assert check_site < upload, names
    # a fresh folder, never the workspace (which holds the data checkout)
    assert steps[upload]["with"]["path"] == "${{ runner.temp }}/site"


# --- the commands exist -----------------------------------------------------------------------

@functools.cache
def _help(*argv: str) -> str | None:
    proc = subprocess.run([sys.executable, *argv, "--help"], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    return proc.stdout if proc.returncode == 0 else None


def _kinerja_help(*sub: str) -> str | None:
    return _help("-c", "import sys; from site_builder.cli import main; sys.exit(main())", *sub)


@pytest.mark.parametrize("path", [PUBLISH, TEST], ids=lambda p: p.name)
def test_project_commands_called_by_workflows_exist(path):
    found = commands(path)
    if path == PUBLISH:
        assert found
    for c in found:
        if c.program == "make":
            text = (ROOT / "Makefile").read_text(encoding="utf-8")
            for target in (a for a in c.args if "=" not in a and not a.startswith("-")):
                assert re.search(rf"^{re.escape(target)}\s*:", text, re.M), f"make {target}"
        elif c.program == "kinerja":
            top = _kinerja_help()
            assert top is not None, "kinerja --help failed"
            sub = c.args[0]
            assert re.search(rf"^\s+{sub}\b", top, re.M), f"kinerja {sub} is not a command"
            sub_help = _kinerja_help(sub)
            assert sub_help is not None
            for flag in (a for a in c.args if a.startswith("--")):
                assert flag in sub_help, f"kinerja {sub} has no {flag}"
        else:
            module = c.program
            assert module in ("site_builder.ops.publish_ops", "site_builder.ops.alerts"), module
            argv = ["-m", module] + ([c.args[0]] if module.endswith("publish_ops") else [])
            text = _help(*argv)
            assert text is not None, f"python -m {' '.join(argv[1:])} --help failed"
            rest = c.args[1:] if module.endswith("publish_ops") else c.args
            for flag in (a for a in rest if a.startswith("--")):
                assert flag in text, f"{module} {argv[2:]} has no {flag}"


def test_test_workflow_runs_make_test_with_chromium():
    wf = load(TEST)
    assert {"push", "pull_request"} <= set(wf["on"])
    scripts = "\n".join(s.get("run", "") for s in wf["jobs"]["test"]["steps"])
    assert "make test" in scripts
    assert "chromium" in scripts and "chromium-driver" in scripts


def test_lint_script_is_executable():
    script = ROOT / "scripts" / "lint-workflows"
    assert script.is_file() and (script.stat().st_mode & 0o111)


def test_operating_doc_has_the_publish_local_snippet():
    text = OPERATING.read_text(encoding="utf-8")
    assert "publish-local:" in text
    # every project command of the workflow appears in the local sequence
    for c in commands(PUBLISH):
        head = c.program if c.program == "kinerja" else f"python -m {c.program}"
        first = c.args[0] if c.args and not c.args[0].startswith("--") else ""
        assert re.search(rf"{re.escape(head)}\s+{re.escape(first)}", text), f"{head} {first}"
