"""Python-Markdown extension for the Zensical engine: relative URLs in raw HTML keep MkDocs'
meaning.

MkDocs leaves `href`/`src` in raw HTML as written, so they are relative to the page's URL
(`kantor/dinkes.md` is served at `kantor/dinkes/`; `../grafik/x.svg` there is
`kantor/grafik/x.svg`). Zensical (0.0.56 and later, zensical/zensical#258) reads them relative
to the Markdown file, as Markdown links are, and prefixes `../` on every page that is not an
`index.md` when directory URLs are on. The generated pages and the hand-written ones are written
for MkDocs, so before Zensical rewrites them this extension turns each relative raw-HTML URL of
such a page into the URL relative to the Markdown file that Zensical maps back to the original.
Markdown links are not raw HTML and are left to the engine.

Configured only in the configuration the Zensical engine writes
(`site_builder.engines.zensical_engine`); MkDocs never loads it."""
from __future__ import annotations

import posixpath
import re
from typing import Any
from urllib.parse import urlsplit

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.util import AMP_SUBSTITUTE

_ATTR = re.compile(r"""(?<![\w-])(?P<attr>href|src|srcset)=(?P<q>["'])(?P<url>[^"']+)(?P=q)""",
                   re.IGNORECASE)
"""An `href`, `src` or `srcset` attribute in raw HTML (the attributes Zensical rewrites)."""


def _attribute(m: re.Match[str], page_path: str) -> str:
    """The matched attribute with its value rewritten (`_rewritten`), quoted as it was."""
    return f"{m['attr']}={m['q']}{_rewritten(m['attr'], m['url'], page_path)}{m['q']}"


def _rewritten(attr: str, value: str, page_path: str) -> str:
    """The attribute's value with its URL(s) rewritten by `source_relative`; a `srcset` is a
    comma-separated list of candidates, each a URL and an optional descriptor."""
    if attr.lower() != "srcset":
        return source_relative(value, page_path)
    candidates = []
    for candidate in value.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        candidates.append(" ".join(x for x in (source_relative(url, page_path), descriptor) if x))
    return ", ".join(candidates)


def source_relative(url: str, page_path: str) -> str:
    """`url`, relative to the URL of the page built from `page_path` (a non-index Markdown file,
    "/"-separated), written relative to that Markdown file instead. Absolute URLs, absolute
    paths, fragments and mailto links come back unchanged."""
    if AMP_SUBSTITUTE in url:
        return url
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("/") or not parts.path:
        return url
    name = posixpath.basename(page_path)
    name = name[:-3] if name.endswith(".md") else name
    path = posixpath.normpath(posixpath.join(name, parts.path))
    if parts.path.endswith("/") or parts.path in (".", ".."):
        path = path.rstrip("/") + "/"
    tail = url[len(parts.path):]  # query and fragment, as written
    return path + tail


class _RawHtmlUrls(Postprocessor):
    """Rewrites the stashed raw HTML of one page before it is put back into the text. Each
    stashed block once: postprocessors may run more than once on the same stash."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.done: set[int] = set()

    def run(self, text: str) -> str:
        page_path, directory_urls = _page(self.md)
        name = posixpath.basename(page_path)
        if not page_path or not directory_urls or name in ("index.md", "README.md"):
            return text  # Zensical does not move these pages' relative URLs
        stash = self.md.htmlStash.rawHtmlBlocks
        for i, raw in enumerate(stash):
            if i in self.done:
                continue
            self.done.add(i)
            if not isinstance(raw, str):  # an element stashed by an extension: no raw links
                continue
            stash[i] = _ATTR.sub(lambda m: _attribute(m, page_path), raw)
        return text


def _page(md: Markdown) -> tuple[str, bool]:
    """(source path of the page being rendered, directory URLs on?) from Zensical's rendering
    context; ("", True) outside Zensical."""
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        return "", True
    context = ContextPreprocessor.from_markdown(md)
    if context is None:
        return "", True
    config: dict[str, Any] = context.config or {}
    return str(context.page.path or "").replace("\\", "/"), bool(
        config.get("use_directory_urls", True))


class PageRelativeRawHtml(Extension):
    """Keeps relative URLs in raw HTML relative to the page's URL under Zensical."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.processors: list[_RawHtmlUrls] = []

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        processor = _RawHtmlUrls(md)
        self.processors.append(processor)
        md.postprocessors.register(processor, "pk_raw_html_urls", 36)  # before raw_html (30)
        md.registerExtension(self)

    def reset(self) -> None:
        """A new document: its stash is numbered from 0 again."""
        for processor in self.processors:
            processor.done.clear()


def makeExtension(**kwargs: Any) -> PageRelativeRawHtml:  # noqa: N802 (Python-Markdown's name)
    """Entry point for `markdown_extensions: [site_builder.engines.zensical_links]`."""
    return PageRelativeRawHtml(**kwargs)
