"""Site engines: the program that turns each language's generated Markdown folder into HTML with
the project's `mkdocs.yml` and theme overrides (`portal.yml` `site.engine`).

- `mkdocs` (default): MkDocs 1.6 + Material for MkDocs, the project's design card.
- `zensical`: Zensical, Material's successor, which reads `mkdocs.yml` itself (optional extra
  `portal-kinerja[zensical]`).

`site_builder.publish` renders the pages, describes one `LanguageBuild` per language and calls
`site_engine(name).build(builds)`; the site checks then run on the result, whichever engine
built it."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from sheets_sync.errors import BuildError

EngineName = Literal["mkdocs", "zensical"]
ENGINE_NAMES: tuple[EngineName, ...] = ("mkdocs", "zensical")


@dataclass(frozen=True)
class LanguageBuild:
    """One language's build: the base configuration file (and its loaded content), the
    generated docs folder, the (empty) folder the site goes into, and the settings that replace
    the base file's for this language (`docs_dir`, `site_dir`, `site_name`, `theme`, `extra`,
    `nav`, `site_url` — mkdocs.yml keys, the same for every engine)."""

    base_file: Path
    base: dict[str, Any]
    docs: Path
    site: Path
    lang: str
    settings: dict[str, Any] = field(default_factory=dict)
    strict: bool = True


class SiteEngine(Protocol):
    """Builds the site of every language; raises `BuildError` with a one-line message (naming
    the language and the first problem) when any build fails."""

    name: str

    def build(self, builds: Sequence[LanguageBuild]) -> None:
        """Build each language's docs folder into its site folder."""


def site_engine(name: str) -> SiteEngine:
    """The engine called `name` (`site.engine` of portal.yml)."""
    if name == "mkdocs":
        from site_builder.engines.mkdocs_engine import MkDocsEngine

        return MkDocsEngine()
    if name == "zensical":
        from site_builder.engines.zensical_engine import ZensicalEngine

        return ZensicalEngine()
    raise BuildError(f"unknown site engine {name!r}: use one of {', '.join(ENGINE_NAMES)}")


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL (relative to the language's root) of the page built from the Markdown file
    `src` ("/"-separated, relative to the docs folder), as both engines write it."""
    stem = src[:-3] if src.endswith(".md") else src
    folder, _, name = stem.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return prefix if directory_urls else f"{prefix}index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"
