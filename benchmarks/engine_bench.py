"""The site-engine part of the benchmark runner (`run.py`): the Zensical builds measured beside
the default engine's, and CPU time with child processes (the engines build in forked
children)."""
from __future__ import annotations

import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path


def zensical_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("zensical") is not None


def zensical_builds(folder: Path, now: datetime,
                    stats: Callable[[Path], dict]) -> dict:
    """The first build (empty state folder) and the scheduled rebuild, as `child` measures
    them with the default engine, with `site.engine: zensical`; `stats` measures the site."""
    from sheets_sync.config import load_config
    from sheets_sync.sync import Progress
    from site_builder import pipeline

    config = load_config(folder / "portal.yml")
    config.site.engine = "zensical"
    config.state_dir = Path(tempfile.mkdtemp(prefix="bench-state-"))
    out = Path(tempfile.mkdtemp(prefix="bench-site-zensical-")) / "site"
    res: dict = {}
    try:
        for label in ("", "warm_"):
            t0, c0 = time.perf_counter(), cpu_with_children()
            built = pipeline.build(config, out, now=now, progress=Progress(enabled=False))
            res[f"zensical_{label}total"] = time.perf_counter() - t0
            res[f"zensical_{label}cpu_all"] = cpu_with_children() - c0
            res[f"zensical_{label}engine"] = built.publish.seconds.get("engine", 0.0)
        built_stats = stats(out)
        res["zensical_pages"] = built_stats["pages"]
        res["zensical_heaviest_kb"] = built_stats["heaviest_kb"]
    finally:
        shutil.rmtree(config.state_dir, ignore_errors=True)
        shutil.rmtree(out.parent, ignore_errors=True)
    return res


def zensical_alone(docs_root: Path, config: object) -> tuple[float, float]:
    """Zensical building the generated Markdown (both languages, one after the other, each in
    a forked process as the engine runs it) with the project's mkdocs.yml: cold, then again in
    the same folder with Zensical's cache kept (which `kinerja build` does not keep)."""
    import zensical.config  # noqa: F401 (imported once before forking, as the engine does)
    import zensical.markdown.render  # noqa: F401

    from site_builder.engines import LanguageBuild
    from site_builder.engines.zensical_engine import ZensicalEngine, _Forked
    from site_builder.publish import _load_base

    base_file = Path(config.site.mkdocs_config)  # type: ignore[attr-defined]
    base = _load_base(base_file)
    cold = cached = 0.0
    for docs in sorted(docs_root.glob("docs-*")):
        lang = docs.name.split("-", 1)[1]
        work = Path(tempfile.mkdtemp(prefix="bench-zensical-"))
        shutil.copytree(docs, work / "docs")
        job = LanguageBuild(base_file=base_file, base=base, docs=work / "docs",
                            site=work / "out", lang=lang, strict=False,
                            settings={"theme": {**(base.get("theme") or {}), "language": lang}})
        root = ZensicalEngine._prepare(job)
        for label in ("cold", "cached"):
            t0 = time.perf_counter()
            ok, report = _Forked(root / "mkdocs.yml", strict=False).wait()
            took = time.perf_counter() - t0
            if not ok:
                raise SystemExit(f"zensical build failed: {report[-2000:]}")
            if label == "cold":
                cold += took
            else:
                cached += took
        shutil.rmtree(work, ignore_errors=True)
    return cold, cached


def cpu_with_children() -> float:
    """CPU seconds of this process and of its ended child processes (forked builds)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
