"""Checks on a built site before it replaces the published one:

- every internal link and asset reference (href/src) resolves to a file of the site;
- nothing is loaded from another host: in HTML, only plain outbound `<a href="https://…">`
  links may point elsewhere (no `src`, stylesheet, script, iframe … to another host); in CSS,
  no `url()`/`@import` of another host; `javascript:` URLs nowhere.

Material's own JavaScript bundle mentions CDN URLs for features this portal does not enable
(mermaid, a ResizeObserver polyfill); the browser test asserts that no request leaves the site."""
from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_URL_ATTRS = {"href", "src", "poster", "data", "action", "formaction", "srcset"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
_META_REL = {"canonical", "alternate"}  # not fetched by the browser


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str, str]] = []  # (tag, attr, value, rel)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = {k: v or "" for k, v in attrs}
        rel = d.get("rel", "").lower()
        for attr, value in d.items():
            if attr in _URL_ATTRS and value:
                if attr == "srcset":
                    for part in value.split(","):
                        url = part.strip().split(" ")[0]
                        if url:
                            self.refs.append((tag, attr, url, rel))
                else:
                    self.refs.append((tag, attr, value.strip(), rel))
            if attr == "style" and value:
                for m in _CSS_URL.finditer(value):
                    self.refs.append((tag, "style", m.group(1) or m.group(2), rel))


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


def _target(site: Path, page: Path, url: str, base_path: str = "/") -> Path | None:
    """The file a relative/absolute-path URL points at, or None when it cannot exist.
    Absolute paths (404 pages) are read relative to `base_path`, the site's public path."""
    path = unquote(urlsplit(url).path)
    if not path:
        return page
    if path.startswith("/") and base_path != "/" and path.startswith(base_path):
        path = "/" + path[len(base_path):]
    if path.startswith("/"):  # browsers drop ".." above the root: "/../" is "/"
        trail = "/" if path.endswith("/") else ""
        path = posixpath.normpath(path).rstrip("/") + trail or "/"
    base = site if path.startswith("/") else page.parent
    candidate = (base / path.lstrip("/")).resolve()
    if path.endswith("/"):
        candidate = candidate / "index.html"
    try:
        candidate.relative_to(site.resolve())
    except ValueError:
        return None
    return candidate


def _exists(p: Path) -> bool:
    return p.is_file() or (p / "index.html").is_file()


def check_html(site: Path, page: Path, text: str, base_path: str = "/") -> list[str]:
    parser = _Refs()
    parser.feed(text)
    problems: list[str] = []
    rel_page = page.relative_to(site)
    for tag, attr, url, rel in parser.refs:
        low = url.lower()
        if low.startswith(("javascript:", "vbscript:")):
            problems.append(f"{rel_page}: {tag}[{attr}] uses a script URL")
            continue
        if low.startswith(("#", "mailto:", "tel:", "data:", "about:")):
            continue
        if _is_external(url):
            scheme = urlsplit(url).scheme.lower()
            if tag == "a" and attr == "href" and scheme == "https":
                continue  # plain outbound link (an office's website)
            if tag == "link" and attr == "href" and set(rel.split()) & _META_REL:
                continue  # canonical / alternate: a name, never requested
            problems.append(f"{rel_page}: {tag}[{attr}] loads from another host: {url[:80]}")
            continue
        target = _target(site, page, url, base_path)
        if target is None or not _exists(target):
            problems.append(f"{rel_page}: broken link {tag}[{attr}]={url[:80]}")
    return problems


def check_css(site: Path, sheet: Path, text: str) -> list[str]:
    problems = []
    for m in _CSS_URL.finditer(text):
        url = m.group(1) or m.group(2)
        if url.lower().startswith("data:"):
            continue
        if _is_external(url):
            problems.append(f"{sheet.relative_to(site)}: CSS loads from another host: {url[:80]}")
    return problems


def check_site(site: Path, base_path: str = "/") -> list[str]:
    """All problems found in the built site at `site` (empty list: fine). `base_path` is the
    path the site is served under (from the configured site URL), "/" by default."""
    site = Path(site)
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    problems: list[str] = []
    for page in sorted(site.rglob("*.html")):
        problems += check_html(site, page, page.read_text(encoding="utf-8", errors="replace"),
                               base_path)
    for sheet in sorted(site.rglob("*.css")):
        problems += check_css(site, sheet, sheet.read_text(encoding="utf-8", errors="replace"))
    return problems
