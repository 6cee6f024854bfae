"""The rules a built site must pass, defined once; run by the build before the new site replaces
the published one (`site_builder.publish`) and again before deployment, where
`site_builder.ops.publish_ops.check_site` adds what only a deployment needs:

- every internal link and asset reference (href/src) resolves to a file of the site (a link
  out of the site's folder, also through a symbolic link, does not);
- nothing is loaded from another host: in HTML, only plain outbound `<a href="https://…">`
  links may point elsewhere (no `src`, stylesheet, script, iframe … to another host); in CSS,
  whether a stylesheet file, a `<style>` element or a `style` attribute, no `url()`/`@import`
  of another host; hosts named in `allowed_hosts` (the site's own) count as the site;
- `javascript:` URLs nowhere.

Material's own JavaScript bundle mentions CDN URLs for features this portal does not enable
(mermaid, a ResizeObserver polyfill); the browser test asserts that no request leaves the site."""
from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Collection
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

_URL_ATTRS = {"href", "src", "poster", "data", "action", "formaction", "srcset"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
"""A URL a stylesheet fetches: `url(…)` (also `@import url(…)`) or `@import "…"`."""
_META_REL = {"canonical", "alternate"}  # not fetched by the browser
_REF_ATTRS = frozenset(_URL_ATTRS | {"style"})  # an element without these refers to nothing


def css_urls(css: str) -> list[str]:
    """The URLs a piece of CSS fetches, in order."""
    return [m.group(1) or m.group(2) for m in _CSS_URL.finditer(css)]


def _refs(text: str) -> list[tuple[str, str, str, str]]:
    """(tag, attr, url, rel) of every reference in an HTML page, in document order; a URL in
    a `<style>` element has attr "css". libxml2 (lxml, C) tokenises the page as browsers do
    (HTML5): the text of comments, scripts, titles and textareas holds no references, and of
    a repeated attribute the first one counts."""
    parser = etree.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True)
    root = etree.fromstring(text.encode("utf-8"), parser)
    refs: list[tuple[str, str, str, str]] = []
    if root is None:  # an empty page
        return refs
    for el in root.iter(etree.Element):
        if el.tag == "style" and el.text:
            refs += [("style", "css", url, "") for url in css_urls(str(el.text))]
        if _REF_ATTRS.isdisjoint(el.keys()):
            continue
        attrs = {str(k): str(v) for k, v in el.attrib.items()}
        tag = str(el.tag)
        rel = (attrs.get("rel") or "").lower()
        for attr, value in attrs.items():
            if attr in _URL_ATTRS and value:
                if attr == "srcset":
                    for part in value.split(","):
                        url = part.strip().split(" ")[0]
                        if url:
                            refs.append((tag, attr, url, rel))
                else:
                    refs.append((tag, attr, value.strip(), rel))
            if attr == "style" and value:
                refs += [(tag, "style", url, rel) for url in css_urls(value)]
    return refs


def _elsewhere(url: str) -> bool:
    """Does `url` lead off the site: any URL with a scheme or a host (`//host/…`)?"""
    return bool(urlsplit(url).scheme) or url.startswith("//")


def _on_allowed_host(url: str, allowed_hosts: Collection[str]) -> bool:
    """Is `url` an http(s) or scheme-relative URL on one of `allowed_hosts` (the site's own)?"""
    if not allowed_hosts:
        return False
    parts = urlsplit(url)
    return (parts.scheme.lower() in ("", "http", "https") and bool(parts.netloc)
            and (parts.hostname or "") in allowed_hosts)


def _loads_elsewhere(where: str, url: str, what: str) -> str:
    return f"{where}: loads {url[:80]} from another host ({what})"


def _site_path(path: str, base_path: str) -> str:
    """The URL path as a path in the site: relative stays relative; an absolute path (404
    pages) is taken relative to `base_path`, the site's public path, and normalised the way
    browsers do ("/../" is "/")."""
    if path.startswith("/") and base_path != "/" and path.startswith(base_path):
        path = "/" + path[len(base_path):]
    if path.startswith("/"):
        trail = "/" if path.endswith("/") else ""
        path = posixpath.normpath(path).rstrip("/") + trail or "/"
    return path


def _target(site: Path, page: Path, url: str, base_path: str = "/") -> Path | None:
    """The file a relative/absolute-path URL points at, or None when it cannot exist.
    Absolute paths (404 pages) are read relative to `base_path`, the site's public path."""
    path = unquote(urlsplit(url).path)
    if not path:
        return page
    path = _site_path(path, base_path)
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


class SiteFiles:
    """The files of a built site, listed once, so that links are resolved with path strings
    instead of a file-system call per link (a site has tens of thousands of links).
    A site with a symbolic link is resolved through the file system (`_target`), because
    a link may lead out of the site."""

    def __init__(self, site: Path) -> None:
        self.site = Path(site)
        self.root = os.path.realpath(self.site)
        self.files: set[str] = set()  # paths relative to the site, "/"-separated
        self.has_links = False
        self._known: dict[tuple[str, str, str], bool] = {}
        folders = [""]
        while folders:
            folder = folders.pop()
            with os.scandir(os.path.join(self.root, folder)) as entries:
                for e in entries:
                    rel = f"{folder}/{e.name}" if folder else e.name
                    if e.is_symlink():
                        self.has_links = True
                        if e.is_file():
                            self.files.add(rel)
                    elif e.is_dir():
                        folders.append(rel)
                    elif e.is_file():
                        self.files.add(rel)

    def pages(self, suffix: str) -> list[Path]:
        """Files ending in `suffix`, in `sorted(site.rglob(...))` order (by path parts)."""
        names = sorted(f.split("/") for f in self.files if f.endswith(suffix))
        return [self.site.joinpath(*parts) for parts in names]

    def resolves(self, page: str, url: str, base_path: str = "/") -> bool:
        """Does `url`, found on `page` ("/"-separated path in the site), lead to a file of the
        site? (Each distinct link of a folder is worked out once.)"""
        folder = posixpath.dirname(page) or "."
        key = (folder, url, base_path)
        if key not in self._known:
            if self.has_links:
                target = _target(self.site, self.site / page, url, base_path)
                self._known[key] = target is not None and _exists(target)
            else:
                self._known[key] = self._resolves_in(folder, url, base_path)
        return self._known[key]

    def _resolves_in(self, folder: str, url: str, base_path: str) -> bool:
        """`_target` + `_exists` on path strings: without symbolic links, `resolve()` is
        `normpath`, and a file exists when it is in the listing."""
        path = unquote(urlsplit(url).path)
        if not path:
            return True  # the page itself
        path = _site_path(path, base_path)
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
        rel = posixpath.normpath(joined or ".")
        if rel == ".." or rel.startswith("../"):
            return False  # outside the site
        if path.endswith("/"):
            rel = "index.html" if rel == "." else rel + "/index.html"
        if rel == ".":
            return "index.html" in self.files
        return rel in self.files or rel + "/index.html" in self.files


def check_html(site: Path, page: Path, text: str, base_path: str = "/",
               files: SiteFiles | None = None, *,
               allowed_hosts: Collection[str] = frozenset()) -> list[str]:
    """Problems of one HTML page of the site: script URLs, loads from another host, links
    that lead to no file of the site."""
    files = files or SiteFiles(site)
    problems: list[str] = []
    rel_page = page.relative_to(site)
    page_path = rel_page.as_posix()
    for tag, attr, url, rel in _refs(text):
        low = url.lower()
        if low.startswith(("javascript:", "vbscript:")):
            problems.append(f"{rel_page}: {tag}[{attr}] uses a script URL")
            continue
        if low.startswith(("#", "mailto:", "tel:", "data:", "about:")):
            continue
        if _on_allowed_host(url, allowed_hosts):
            continue  # the site's own host
        if _elsewhere(url):
            scheme = urlsplit(url).scheme.lower()
            if tag == "a" and attr == "href" and scheme == "https":
                continue  # plain outbound link (an office's website)
            if tag == "link" and attr == "href" and set(rel.split()) & _META_REL:
                continue  # canonical / alternate: a name, never requested
            problems.append(_loads_elsewhere(str(rel_page), url, f"{tag}[{attr}]"))
            continue
        if not files.resolves(page_path, url, base_path):
            problems.append(f"{rel_page}: broken link {tag}[{attr}]={url[:80]}")
    return problems


def check_css(site: Path, sheet: Path, text: str, *,
              allowed_hosts: Collection[str] = frozenset()) -> list[str]:
    """Problems of one stylesheet of the site: loads from another host."""
    problems = []
    for url in css_urls(text):
        if url.lower().startswith("data:") or _on_allowed_host(url, allowed_hosts):
            continue
        if _elsewhere(url):
            problems.append(_loads_elsewhere(sheet.relative_to(site).as_posix(), url, "CSS"))
    return problems


def check_site(site: Path, base_path: str = "/", *,
               allowed_hosts: Collection[str] = frozenset()) -> list[str]:
    """All problems found in the built site at `site` (empty list: fine). `base_path` is the
    path the site is served under (from the configured site URL), "/" by default; URLs on
    `allowed_hosts` are the site's own."""
    site = Path(site)
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    files = SiteFiles(site)
    problems: list[str] = []
    for page in files.pages(".html") + files.pages(".htm"):
        problems += check_html(site, page, page.read_text(encoding="utf-8", errors="replace"),
                               base_path, files, allowed_hosts=allowed_hosts)
    for sheet in files.pages(".css"):
        problems += check_css(site, sheet, sheet.read_text(encoding="utf-8", errors="replace"),
                              allowed_hosts=allowed_hosts)
    return problems


def site_base_path(site: Path) -> str:
    """The path the site at `site` is served under, from its home page's canonical link
    (mkdocs writes it from `site_url`); "/" when there is none."""
    home = Path(site) / "index.html"
    if not home.is_file():
        return "/"
    for tag, attr, url, rel in _refs(home.read_text(encoding="utf-8", errors="replace")):
        if tag == "link" and attr == "href" and "canonical" in rel.split():
            return urlsplit(url).path or "/"
    return "/"
