"""Publish the portal: generated pages + open data -> the site engine (`site.engine`: `mkdocs
build` or Zensical; one build per language: Bahasa Indonesia at `/`, English at `/en/`) -> site
checks -> replace `out_dir` on success.

Entry point: `publish_site(marts, config, out_dir, now=..., strict=True)`: the pages read the
marts alone."""
from __future__ import annotations

import functools
import json
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sheets_sync.config import PortalConfig
from sheets_sync.errors import BuildError
from site_builder.engines import LanguageBuild, page_url, site_engine
from site_builder.engines.passthrough import Passthrough, search_enabled
from site_builder.exports import data_dictionary, write_open_data
from site_builder.marts import Marts
from site_builder.render import history
from site_builder.render.freshness import freshness_document
from site_builder.render.metodologi import metodologi_markdown
from site_builder.render.pages import PageWriter
from site_builder.render.search_docs import add_office_documents
from site_builder.render.site_check import check_site
from site_builder.render.strings import message
from site_builder.render.view import SiteModel, build_model

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
SECTION_PAGES = ["index.md", "sektor.md", "peringkat.md", "status.md", "data.md", "metodologi.md",
                 "tentang.md"]
FORMATS = {".csv": "CSV", ".json": "JSON", ".xlsx": "XLSX"}


@dataclass
class PublishResult:
    """What one publish produced (for the CLI's log and for tests)."""

    out_dir: Path
    languages: list[str]
    offices: int
    pages: int
    open_data_files: list[str]
    charts_drawn: int
    seconds: dict[str, float] = field(default_factory=dict)


def _load_base(path: Path) -> dict[str, Any]:
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(path, encoding="utf-8") as fh:
            raw = yaml_load(fh)
    except OSError as exc:
        raise BuildError(f"cannot read {path}: {exc.strerror}") from None
    if not isinstance(raw, dict):
        raise BuildError(f"{path}: not a mkdocs configuration")
    return raw


def _copy_content(content_dir: Path, docs: Path, lang: str, languages: list[str]) -> None:
    """Indonesian pages are `content/*.md`; other languages are `content/<lang>/*.md`. Other
    files (images, ...) outside language folders are shared by every language."""
    if not content_dir.is_dir():
        return
    others = {x for x in LANGUAGE_NAMES if x != "id"}  # language folders, built or not
    for item in content_dir.iterdir():
        if item.name.startswith("."):
            continue
        if item.is_dir() and item.name in others:
            if item.name == lang:
                shutil.copytree(item, docs, dirs_exist_ok=True)
            continue
        if lang != "id" and item.suffix == ".md":
            continue
        if item.is_dir():
            if lang != "id" and any(p.suffix == ".md" for p in item.rglob("*")):
                continue
            shutil.copytree(item, docs / item.name, dirs_exist_ok=True)
        else:
            shutil.copy2(item, docs / item.name)


def _alternate(lang: str, languages: list[str]) -> list[dict[str, str]]:
    """Language switcher entries. `root` leads from this language's root to the other's
    (relative, so the site works under any base path); overrides/partials/alternate.html
    appends the current page. `link` (the other language's home) is Material's own key."""
    out = []
    for x in languages:
        if x == lang:
            root = ""
        elif lang == "id":
            root = f"{x}/"
        else:
            root = "../" if x == "id" else f"../{x}/"
        out.append({"name": LANGUAGE_NAMES[x], "lang": x, "root": root, "link": root or "./"})
    return out


def _only_here(docs: dict[str, Path], lang: str) -> list[str]:
    """Pages of `lang` that some other language lacks (the switcher links to its home)."""
    mine = {p.relative_to(docs[lang]).as_posix() for p in docs[lang].rglob("*.md")}
    missing: set[str] = set()
    for other, folder in docs.items():
        if other != lang:
            missing |= mine - {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
    return sorted(missing)


def _language_settings(base: dict[str, Any], docs: Path, lang: str, config: PortalConfig,
                       only_here: list[str]) -> dict[str, Any]:
    """The mkdocs.yml settings of one language's build that replace the base file's (the same
    for every site engine)."""
    theme = dict(base.get("theme") or {"name": "material"})
    theme["language"] = lang
    extra = dict(base.get("extra") or {})
    languages = [str(x) for x in config.languages if x in LANGUAGE_NAMES]
    if len(languages) > 1:
        extra["alternate"] = _alternate(lang, languages)
        if config.site.url:  # each language's root URL, for the sitemap's alternates
            home = config.site.url.rstrip("/") + "/"
            for alt in extra["alternate"]:
                alt["url"] = home if alt["lang"] == "id" else f"{home}{alt['lang']}/"
    else:
        extra.pop("alternate", None)
    extra["pk_lang"] = lang
    extra["pk_site_root"] = "" if lang == "id" else "../"
    directory_urls = bool(base.get("use_directory_urls", True))
    extra["pk_only_here"] = [page_url(src, directory_urls) for src in only_here]
    nav = [p for p in (base.get("nav") or SECTION_PAGES)
           if not isinstance(p, str) or (docs / p).is_file()]
    settings: dict[str, Any] = {"site_name": config.title, "theme": theme, "extra": extra,
                                "nav": nav,
                                "copyright": message("licence.text", lang,
                                                     instansi=config.instansi_name)}
    if config.site.url:
        root = config.site.url.rstrip("/") + "/"
        settings["site_url"] = root if lang == "id" else f"{root}{lang}/"
    return settings


def recover_out_dir(out_dir: Path) -> list[str]:
    """Clear what a killed publish left beside `out_dir`: put `.NAME.old-PID` back when
    `out_dir` is missing (the swap was interrupted), remove the other `.NAME.old-*`, `.NAME.new-*`
    and `.NAME.docs-*` folders of runs no longer alive. Returns what was done, for the log.

    Crash safety of a publish: the new site and the generated Markdown are built beside
    `out_dir` (`.NAME.new-PID-*`, `.NAME.docs-PID-*`) and the swap renames `out_dir` to
    `.NAME.old-PID` first, so a publish killed at any instant leaves at worst those folders."""
    parent, name = out_dir.parent, out_dir.name
    if not parent.is_dir():
        return []
    done: list[str] = []
    olds = sorted(parent.glob(f".{name}.old-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    if olds and not out_dir.exists() and not _alive(_pid_of(olds[0].name)):
        os.replace(olds[0], out_dir)
        done.append(f"restored {out_dir.name} from {olds[0].name}")
        olds = olds[1:]
    for left in [*olds, *parent.glob(f".{name}.new-*"), *parent.glob(f".{name}.docs-*")]:
        if left.is_dir() and not _alive(_pid_of(left.name)):
            shutil.rmtree(left, ignore_errors=True)
            done.append(f"removed {left.name}")
    return done


def _pid_of(name: str) -> int | None:
    found = re.search(r"\.(?:old|new|docs)-(\d+)", name)
    return int(found.group(1)) if found else None


def _alive(pid: int | None) -> bool:
    """Whether another live process has this pid (not this one: its leftovers are stale)."""
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (killed, not yet reaped) is not alive
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _open_data(marts: Marts, config: PortalConfig, data_dir: Path,
               now: datetime) -> list[dict[str, Any]]:
    """Write the open-data files (site_builder.exports) and describe them for the page."""
    paths = write_open_data(marts, data_dir, title=config.title,
                            rule_versions=dict(marts.rule_versions), generated_at=now)
    titles = _dictionary()
    out = []
    for p in paths:
        table = titles.get(p.stem, {})
        fmt = "Frictionless" if p.name == "datapackage.json" else FORMATS.get(p.suffix, p.suffix)
        out.append({
            "name": p.name, "format": fmt, "size": p.stat().st_size,
            "title": table.get("title") or ("Semua tabel" if p.suffix == ".xlsx" else
                                            "Deskripsi paket data"),
            "title_en": table.get("title_en") or ("All tables" if p.suffix == ".xlsx" else
                                                  "Data package descriptor"),
        })
    return out


def _lift(docs: dict[str, Path], lifted: dict[str, Passthrough], path: Path, text: str) -> str:
    """A generated page's text with the raw HTML that goes around the engine lifted out."""
    for lang, folder in docs.items():
        if path.is_relative_to(folder):
            return lifted[lang].lift(path.relative_to(folder).as_posix(), text)
    return text


def _dictionary() -> dict[str, Any]:
    return data_dictionary()


def _metodologi(config: PortalConfig, model: SiteModel) -> dict[str, str | None]:
    return {lang: metodologi_markdown(config, lang, model.rules) for lang in config.languages}


def _swap_in(new: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `new`: rename the old one away, rename the new one in, delete old."""
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    if old.exists():
        shutil.rmtree(old)
    if out_dir.exists():
        os.replace(out_dir, old)
    try:
        os.replace(new, out_dir)
    except OSError:
        if old.exists() and not out_dir.exists():
            os.replace(old, out_dir)
        raise
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def publish_site(marts: Marts, config: PortalConfig, out_dir: Path, *,
                 now: datetime, strict: bool = True,
                 keep_docs: Path | None = None, lift_raw_html: bool = True) -> PublishResult:
    """Render, build, check and publish the portal into `out_dir` (replaced only on success).
    Raises `BuildError` with a one-line message on failure. `keep_docs` (benchmarks,
    debugging): copy the generated Markdown folders there before they are removed.
    `lift_raw_html=False` (tests, benchmarks): the engine reads the generated pages' raw HTML
    too (`site_builder.engines.passthrough`), with the same result, slower."""
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    base_file = Path(config.site.mkdocs_config)
    base = _load_base(base_file)
    engine = site_engine(config.site.engine)
    languages: list[str] = [str(x) for x in config.languages if x in LANGUAGE_NAMES]
    timings: dict[str, float] = {}
    t0 = time.perf_counter()

    state_dir = Path(config.state_dir)
    for done in recover_out_dir(out_dir):
        log.warning("kinerja action=publish %s (left by an earlier run)", done)
    pid = os.getpid()
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.docs-{pid}-", dir=out_dir.parent))
    site_new = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-{pid}-", dir=out_dir.parent))
    try:
        model = build_model(marts, config, now)
        changes = history.compare(history.load_previous(state_dir), model)
        docs = {lang: work / f"docs-{lang}" for lang in languages}
        for lang, folder in docs.items():
            folder.mkdir()
            _copy_content(Path(config.site.content_dir), folder, lang, languages)
        timings["model"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        files = _open_data(marts, config, docs["id"] / "data", now)
        timings["open_data"] = time.perf_counter() - t1
        t1 = time.perf_counter()
        writer = PageWriter(model, changes, files, _dictionary(), _metodologi(config, model))
        lifted = {lang: Passthrough(search_enabled(base)) for lang in docs}
        if lift_raw_html:
            writer.transform = functools.partial(_lift, docs, lifted)
        for lang, folder in docs.items():
            writer.write_language(folder, lang, site_prefix="" if lang == "id" else "../")
        timings["render"] = time.perf_counter() - t1

        t1 = time.perf_counter()
        builds = [LanguageBuild(
            base_file=base_file, base=base, docs=folder, lang=lang, strict=strict,
            site=site_new if lang == "id" else work / f"site-{lang}",
            settings=_language_settings(base, folder, lang, config, _only_here(docs, lang)))
            for lang, folder in docs.items()]
        engine.build(builds)
        directory_urls = bool(base.get("use_directory_urls", True))
        for job in builds:
            lifted[job.lang].splice(job.site, directory_urls)
        for lang in docs:
            if lang != "id":
                shutil.move(str(work / f"site-{lang}"), str(site_new / lang))
        add_office_documents(site_new, model, languages, engine.name)
        timings["engine"] = time.perf_counter() - t1
        fresh = freshness_document([o.freshness for o in model.offices], now,
                                   model.rules.jadwal.cadences)
        (site_new / "freshness.json").write_text(
            json.dumps(fresh, ensure_ascii=False, indent=1), encoding="utf-8")

        t2 = time.perf_counter()
        base_path = urlsplit(config.site.url).path if config.site.url else "/"
        problems = check_site(site_new, base_path or "/")
        timings["check"] = time.perf_counter() - t2
        if problems:
            raise BuildError(f"site check failed ({len(problems)} problems), first: {problems[0]}")
        pages = sum(1 for _ in site_new.rglob("*.html"))
        _swap_in(site_new, out_dir)
    except BuildError:
        shutil.rmtree(site_new, ignore_errors=True)
        raise
    except Exception as exc:  # a bug or I/O failure: one line for the operator, details in log
        shutil.rmtree(site_new, ignore_errors=True)
        log.exception("publish failed")
        first = (str(exc).splitlines() or [""])[0]
        raise BuildError(f"publish failed: {exc.__class__.__name__}: {first}") from exc
    finally:
        if keep_docs is not None and work.is_dir():
            shutil.copytree(work, keep_docs, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)

    history.save(state_dir, history.snapshot(model))
    shutil.rmtree(state_dir / "grafik-cache", ignore_errors=True)  # earlier versions cached SVGs
    timings["total"] = time.perf_counter() - t0
    return PublishResult(out_dir=out_dir, languages=languages, offices=len(model.offices),
                         pages=pages, open_data_files=[f["name"] for f in files],
                         charts_drawn=writer.charts_drawn,
                         seconds=timings)
