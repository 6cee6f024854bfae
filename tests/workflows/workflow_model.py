"""Read the workflow files the way the tests need them: jobs, steps, and the project commands
(`kinerja …`, `python -m site_builder.… …`, `make …`) their `run:` scripts call."""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
TEST = WORKFLOWS / "test.yml"

_COMMAND_START = re.compile(r"^(kinerja|python -m site_builder\.[a-z_]+|make)\b")


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data and "on" not in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


@dataclass
class Command:
    """One project command found in a `run:` script."""

    job: str
    step: str
    program: str  # "kinerja", "site_builder.ops.publish_ops", "site_builder.ops.alerts", "make"
    args: list[str]       # shell words after the program (variables not expanded)
    stdout: str | None    # target of a `> FILE` redirection
    condition: str | None  # the step's `if:`
    step_id: str | None


def _logical_lines(script: str) -> list[str]:
    joined = re.sub(r"\\\n\s*", " ", script)
    return [line.strip() for line in joined.splitlines() if line.strip()]


def commands(path: Path = PUBLISH) -> list[Command]:
    wf = load(path)
    out: list[Command] = []
    for job_id, job in wf["jobs"].items():
        for step in job.get("steps", []):
            script = step.get("run")
            if not script:
                continue
            for line in _logical_lines(script):
                m = _COMMAND_START.match(line)
                if not m:
                    continue
                # keep the command itself: stop at shell operators that start another command
                words = shlex.split(line, posix=True)
                cut = [i for i, w in enumerate(words) if w in ("||", "&&", ";", "|")]
                words = words[: cut[0]] if cut else words
                stdout = None
                if ">" in words:
                    i = words.index(">")
                    stdout = words[i + 1]
                    words = words[:i] + words[i + 2:]
                if words[0] == "python":
                    program, args = words[2], words[3:]
                else:
                    program, args = words[0], words[1:]
                out.append(Command(job_id, step.get("name", ""), program, args, stdout,
                                   step.get("if"), step.get("id")))
    return out


def uses_lines() -> list[tuple[Path, int, str]]:
    """(file, line number, text) of every `uses:` line."""
    found = []
    for path in workflow_files():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\s*(-\s*)?uses:", line):
                found.append((path, n, line))
    return found
