"""The default site engine: `mkdocs build` (MkDocs 1.6 + Material for MkDocs), one build per
language, the other languages in forked processes beside the first."""
from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool

from sheets_sync.errors import BuildError
from site_builder.engines import LanguageBuild
from site_builder.engines.workers import worker_pool


class _Collect(logging.Handler):
    """Keeps mkdocs' warnings so a strict failure can name the first one."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().splitlines()[0] if record.getMessage() else "")


def build_language(job: LanguageBuild) -> None:
    """`mkdocs build` of one language: the base mkdocs.yml with the language's settings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    overrides = {**job.settings, "docs_dir": str(job.docs), "site_dir": str(job.site),
                 "strict": job.strict}
    collect = _Collect()
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(collect)
    try:
        cfg = load_config(config_file=str(job.base_file), **overrides)
        build(cfg)
    except (MkDocsException, SystemExit, OSError) as exc:
        first = next((m for m in collect.messages if m), "") or str(exc)
        raise BuildError(f"mkdocs build ({job.lang}) failed: {first}") from None
    finally:
        mk_log.removeHandler(collect)


class MkDocsEngine:
    """MkDocs + Material. mkdocs is pure Python and the builds share nothing, so on a machine
    with more than one core the other languages build in forked processes beside the first:
    two languages take about the time of one."""

    name = "mkdocs"

    def build(self, builds: Sequence[LanguageBuild]) -> None:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
        jobs = list(builds)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        if len(jobs) == 1 or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
            for job in jobs:
                build_language(job)
            return
        with worker_pool(min(len(jobs) - 1, cores - 1)) as pool:
            others = [pool.submit(build_language, job) for job in jobs[1:]]
            try:
                build_language(jobs[0])
            finally:
                errors = []
                for future in others:
                    try:
                        future.result()
                    except BuildError as exc:
                        errors.append(exc)
                    except BrokenProcessPool as exc:
                        errors.append(BuildError(f"mkdocs build failed: worker stopped ({exc})"))
        if errors:
            raise errors[0]
