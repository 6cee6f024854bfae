"""Raw HTML that goes around the site engine: the big tables of the generated pages.

Both engines turn each page's Markdown into HTML with Python-Markdown, which leaves a raw HTML
block as written but parses it (twice with MkDocs, whose anchor check reads every id) to find
where it ends: HTML we generated ourselves. Measured on the 600-office demo portal, one
language's `mkdocs build` took 16.5 s of CPU reading it and 6.0 s with it lifted (lifting and
putting back included). So each generated page is written with its top-level raw HTML blocks
replaced by a marker (`<div data-pk-raw="TOKEN:N"></div>`, itself a raw block the engine
copies as it is), and after the engine the markers in the built page are replaced by the
blocks: the page the engine would have written, without the parsing. The marker holds an empty
`<a id>` for each `id` in its block, so that an engine checking links to anchors (Zensical
does, in raw HTML too: the home page's A–Z list points into its tables) still finds them.

A block is lifted only where the result cannot differ (otherwise it stays in the Markdown):

- it starts with a block-level tag at the start of a line after a blank line; its element
  (tags of the same name counted) ends at the end of a line that a blank line or the end of
  the page follows; nothing in it is Markdown or unparsed text (no `markdown=` attribute, no
  comment, no `<pre>`, `<script>`, `<style>` or `<textarea>`);
- the engine would not index it for search: the page says `search: exclude: true` in its front
  matter, or the block's opening tag carries `data-search-exclude`.

With the search plugin on, both engines remove every `data-search-*` attribute from a page's
content once it is indexed (Material: `material/plugins/search/plugin.py`, `on_page_context`;
Zensical does the same): the lifted blocks lose them as they are lifted.

`tests/site/test_passthrough.py` builds the example portal with and without lifting, with each
engine, and compares every page byte for byte."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown.util import BLOCK_LEVEL_ELEMENTS

from sheets_sync.errors import BuildError
from site_builder.engines import page_url

_UNSAFE = ("<!--", "<![", "<?", "markdown=", "<pre", "<script", "<style", "<textarea",
           "<h1")
_START = re.compile(r"(?:\A|(?<=\n\n))<([A-Za-z][A-Za-z0-9]*)(?=[\s>])")
"""An opening tag at the start of a line that follows a blank line (or starts the text)."""
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS) - {"pre", "script", "style", "textarea"}
_MARKER = re.compile(r'<div data-pk-raw="([0-9a-f]+):(\d+)">(?:<a id="[^"<>]*"></a>)*</div>')
_ID = re.compile(r'\sid="([^"<>]*)"')
"""An `id` attribute in a lifted block (our templates quote attributes with `"`)."""
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SEARCH_ATTRIBUTE = re.compile(r'\s?data-search-\w+="[^"]+"')
"""What Material's search plugin removes from each page's content (the same expression)."""


def search_enabled(base: dict[str, Any]) -> bool:
    """Whether the base mkdocs.yml turns the search plugin on (MkDocs' default when `plugins`
    is not set)."""
    plugins = base.get("plugins", ["search"])
    names = plugins.keys() if isinstance(plugins, dict) else [
        p if isinstance(p, str) else next(iter(p), "") for p in plugins or []
        if isinstance(p, (str, dict))]
    return any(str(n) in ("search", "material/search") for n in names)


def _excluded_from_search(front_matter: str) -> bool:
    """Whether the page's front matter says `search: exclude: true`."""
    if "search" not in front_matter:
        return False
    try:
        meta = yaml.load(front_matter, Loader=_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return False
    search = meta.get("search") if isinstance(meta, dict) else None
    return isinstance(search, dict) and search.get("exclude") is True


def _block_end(text: str, start: int, tag: str) -> int | None:
    """Where the element opened at `start` ends (after its end tag), or None when it does not
    end at the end of a line followed by a blank line or the end of the text."""
    tags = re.compile(rf"<(/?){tag}(?=[\s>])", re.IGNORECASE)
    depth = 0
    for m in tags.finditer(text, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            close = text.find(">", m.end())
            if close < 0:
                return None
            end = close + 1
            last = end == len(text) or (end + 1 == len(text) and text[end] == "\n")
            return end if last or text[end:end + 2] == "\n\n" else None
    return None


@dataclass
class Passthrough:
    """The lifted blocks of one language's pages, by page (its Markdown file's path relative
    to the docs folder, "/"-separated), and the token that makes their markers unique.
    `strip_search_attributes`: the search plugin is on (`search_enabled`)."""

    strip_search_attributes: bool = True
    token: str = field(default_factory=lambda: secrets.token_hex(6))
    blocks: dict[str, list[str]] = field(default_factory=dict)

    def lift(self, src: str, text: str) -> str:
        """The page's Markdown with its liftable blocks replaced by markers (kept here)."""
        fm = _FRONT_MATTER.match(text)
        body_start = fm.end() if fm else 0
        whole_page = fm is not None and _excluded_from_search(fm.group(1))
        pieces: list[str] = []
        lifted: list[str] = []
        done = 0
        for m in _START.finditer(text, body_start):
            start, tag = m.start(), m.group(1).lower()
            if start < done or tag not in _BLOCK_LEVEL:
                continue
            end = _block_end(text, start, tag)
            if end is None:
                continue
            block = text[start:end]
            if any(u in block for u in _UNSAFE):
                continue
            if not whole_page and "data-search-exclude" not in block[:block.find(">")]:
                continue
            ids = "".join(f'<a id="{i}"></a>' for i in _ID.findall(block))
            pieces += [text[done:start],
                       f'<div data-pk-raw="{self.token}:{len(lifted)}">{ids}</div>']
            if self.strip_search_attributes and "data-search-" in block:
                block = _SEARCH_ATTRIBUTE.sub("", block)
            lifted.append(block)
            done = end
        if not lifted:
            return text
        self.blocks[src] = lifted
        pieces.append(text[done:])
        return "".join(pieces)

    def splice(self, site: Path, directory_urls: bool = True) -> None:
        """Put the lifted blocks back into the built pages in `site`. Raises `BuildError` when a
        page or one of its markers is missing (the engine changed what it copies)."""
        for src, blocks in self.blocks.items():
            url = page_url(src, directory_urls)
            path = site / (url + "index.html" if url.endswith("/") or not url else url)
            try:
                html = path.read_text(encoding="utf-8")
            except OSError:
                raise BuildError(f"the built page of {src} is missing ({path.name})") from None
            html, found = self._put_back(html, blocks)
            if found != len(blocks):
                raise BuildError(f"the built page of {src} lost {len(blocks) - found} of its "
                                 "tables (raw HTML markers)")
            path.write_text(html, encoding="utf-8")

    def _put_back(self, html: str, blocks: list[str]) -> tuple[str, int]:
        """`html` with this build's markers replaced by `blocks`, and how many distinct markers
        it held (markers of another token are left as they are)."""
        seen: set[int] = set()

        def block(m: re.Match[str]) -> str:
            if m.group(1) != self.token:
                return m.group(0)
            seen.add(int(m.group(2)))
            return blocks[int(m.group(2))]

        return _MARKER.sub(block, html), len(seen)
