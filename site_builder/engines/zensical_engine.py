"""The second site engine: Zensical (`site.engine: zensical`, extra `portal-kinerja[zensical]`).

Zensical reads `mkdocs.yml` itself. For each language this engine writes one configuration
file — the base mkdocs.yml with the language's settings, plus what Zensical needs (see
`zensical_config`) — into a folder of its own, because Zensical wants the docs and site
folders inside the configuration file's folder and keeps its cache (`.cache`) there, and builds
it in a process of its own (forked; `python -m zensical build` where fork is not available):
the languages build side by side, and Zensical's report on stderr names the first problem.
Tested with Zensical `TESTED_VERSION`; docs/operating.md §13 lists what differs from MkDocs +
Material."""
from __future__ import annotations

import logging
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import yaml

from sheets_sync.errors import BuildError
from site_builder.engines import LanguageBuild
from site_builder.engines.workers import die_with_parent

log = logging.getLogger(__name__)

TESTED_VERSION = "0.0.73"
LINKS_EXTENSION = "site_builder.engines.zensical_links"
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding site_builder/
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LOCATION = re.compile(r"\[\s*(?P<file>[^\s\]]+?):(?P<line>\d+):(?P<col>\d+)\s*\]")
_PROBLEM = re.compile(r"^\s*(?P<kind>Warning|Error):\s*(?P<text>.+)$")


def zensical_version() -> str | None:
    """The installed Zensical's version, or None when the extra is not installed."""
    try:
        return metadata.version("zensical")
    except metadata.PackageNotFoundError:
        return None


def zensical_config(job: LanguageBuild) -> dict[str, Any]:
    """The configuration Zensical builds `job` with: the base mkdocs.yml, the language's
    settings, `docs`/`site` inside the configuration's folder, and
    - `theme.custom_dir` made absolute (the file is written elsewhere than the base);
    - `theme.variant: classic` unless the base chooses one: Material's look, not Zensical's
      `modern` default;
    - `extra.pk_engine: zensical`, which overrides/partials/search.html reads (Zensical's own
      search box instead of Material's);
    - the `zensical_links` Markdown extension (relative URLs in raw HTML keep MkDocs' meaning)."""
    config = {**job.base, **job.settings, "docs_dir": "docs", "site_dir": "site",
              "strict": job.strict}
    theme = dict(config.get("theme") or {"name": "material"})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((job.base_file.parent / str(theme["custom_dir"])).resolve())
    theme.setdefault("variant", "classic")
    config["theme"] = theme
    config["extra"] = {**(config.get("extra") or {}), "pk_engine": "zensical"}
    extensions = config.get("markdown_extensions") or []
    if isinstance(extensions, dict):  # the mapping form: {name: options}
        config["markdown_extensions"] = {**extensions, LINKS_EXTENSION: {}}
    elif LINKS_EXTENSION not in extensions:
        config["markdown_extensions"] = [*extensions, LINKS_EXTENSION]
    config.pop("INHERIT", None)  # already merged into `base` when it was read
    return config


def _first_problem(stderr: str, docs: Path) -> str:
    """The first warning or error of Zensical's report, one line, with its location and (for a
    link) the target as written, e.g. `tentang.md:3:17: page does not exist (hilang.md)`."""
    lines = [_ANSI.sub("", x) for x in stderr.splitlines()]
    for i, line in enumerate(lines):
        found = _PROBLEM.match(line)
        if not found:
            continue
        text = found["text"].strip()
        where = next((m for m in map(_LOCATION.search, lines[i + 1:i + 3]) if m), None)
        if where is None:
            return text
        target = _token_at(docs / where["file"], int(where["line"]), int(where["col"]))
        place = f"{where['file']}:{where['line']}:{where['col']}"
        return f"{place}: {text}" + (f" ({target})" if target else "")
    rest = [x.strip() for x in lines if x.strip()]
    return rest[-1] if rest else "no message"


def _token_at(path: Path, line: int, col: int) -> str:
    """The link target (or word) starting at `line`:`col` (1-based) of `path`, if readable."""
    try:
        text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return ""
    found = re.match(r"[^\s)\"'<>\]]+", text[col - 1:]) if col >= 1 else None
    return found.group(0)[:80] if found else ""


class _Run(Protocol):
    """One language's Zensical build, under way."""

    def wait(self) -> tuple[bool, str]:
        """(succeeded, Zensical's report on stderr), once the build has ended."""

    def stop(self) -> None:
        """End the build if it still runs."""


def _build_here(config_file: str, strict: bool, report: Connection, parent: int) -> None:
    """In a forked child: Zensical's build of `config_file`, its stdout dropped and its stderr
    (written by Rust straight to file descriptor 2) sent back through `report`. The child is
    killed with its parent (`workers.die_with_parent`)."""
    die_with_parent(parent)
    os.chdir(os.path.dirname(config_file))
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    with tempfile.TemporaryFile() as err:
        os.dup2(err.fileno(), 2)
        ok, note = True, ""
        try:
            import zensical

            zensical.build(config_file, {"strict": strict, "clean": False})
        except BaseException as exc:  # noqa: BLE001 (reported to the parent, whatever it is)
            ok, note = False, f"\n{exc.__class__.__name__}: {exc}"
        err.seek(0)
        report.send((ok, err.read().decode("utf-8", "replace") + note))
        report.close()


class _Forked:
    """A forked child of this process runs the build: Zensical and the Markdown extensions are
    imported once, here, instead of in a new interpreter per language."""

    def __init__(self, config_file: Path, strict: bool) -> None:
        context = multiprocessing.get_context("fork")
        self._mine, theirs = context.Pipe(duplex=False)
        self._process = context.Process(target=_build_here, daemon=True,
                                        args=(str(config_file), strict, theirs, os.getpid()))
        self._process.start()
        theirs.close()

    def wait(self) -> tuple[bool, str]:
        try:
            ok, stderr = self._mine.recv()
        except EOFError:  # the child died before it could report
            ok, stderr = False, ""
        self._process.join()
        if self._process.exitcode != 0 and not stderr:
            stderr = f"Error: the build process stopped (exit code {self._process.exitcode})"
        return bool(ok), str(stderr)

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._mine.close()


class _Subprocess:
    """`python -m zensical build` in a new interpreter (where this process cannot fork)."""

    def __init__(self, config_file: Path, strict: bool) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            x for x in (str(PACKAGE_ROOT), env.get("PYTHONPATH", "")) if x)
        command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config_file)]
        if strict:
            command.append("--strict")
        self._proc = subprocess.Popen(command, cwd=config_file.parent, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      text=True, encoding="utf-8", errors="replace")

    def wait(self) -> tuple[bool, str]:
        _, stderr = self._proc.communicate()
        return self._proc.returncode == 0, stderr

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()


class ZensicalEngine:
    """Zensical, every language at once, each in a process of its own: forked from this one
    (which imports Zensical once but never builds, so no Zensical thread is ever forked), or
    a new interpreter where fork is not available."""

    name = "zensical"

    def __init__(self) -> None:
        version = zensical_version()
        if version is None:
            raise BuildError("site.engine is zensical but Zensical is not installed: "
                             "pip install 'portal-kinerja[zensical]'")
        if version != TESTED_VERSION:
            log.warning("Zensical %s is installed; the portal is tested with %s",
                        version, TESTED_VERSION)
        self.version = version

    def build(self, builds: Sequence[LanguageBuild]) -> None:
        fork = "fork" in multiprocessing.get_all_start_methods()
        if fork:  # imported once, here, before the children are forked
            import zensical.config  # noqa: F401
            import zensical.markdown.render  # noqa: F401

            import site_builder.engines.zensical_links  # noqa: F401
        started: list[tuple[LanguageBuild, Path, _Run]] = []
        try:
            for job in builds:
                root = self._prepare(job)
                config_file = root / "mkdocs.yml"
                run: _Run = (_Forked(config_file, job.strict) if fork
                             else _Subprocess(config_file, job.strict))
                started.append((job, root, run))
            problems = []
            for job, root, run in started:
                ok, stderr = run.wait()
                if not ok:
                    first = _first_problem(stderr, root / "docs")
                    problems.append(f"zensical build ({job.lang}) failed: {first}")
                else:
                    self._collect(root / "site", job.site)
            if problems:
                raise BuildError(problems[0])
        finally:
            for job, root, run in started:
                run.stop()
                if (root / "docs").is_dir():
                    os.replace(root / "docs", job.docs)  # the docs folder stays where it was
                shutil.rmtree(root, ignore_errors=True)

    @staticmethod
    def _prepare(job: LanguageBuild) -> Path:
        """A folder of its own for the language: its configuration file, the docs (moved in,
        same file system) and the site Zensical writes."""
        root = job.docs.parent / f"zensical-{job.lang}"
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir()
        os.replace(job.docs, root / "docs")
        with open(root / "mkdocs.yml", "w", encoding="utf-8") as fh:
            yaml.dump(zensical_config(job), fh, Dumper=yaml.Dumper, allow_unicode=True,
                      sort_keys=False)
        return root

    @staticmethod
    def _collect(built: Path, site: Path) -> None:
        """Move what Zensical wrote into the language's site folder."""
        site.mkdir(parents=True, exist_ok=True)
        for item in built.iterdir():
            shutil.move(str(item), str(site / item.name))
