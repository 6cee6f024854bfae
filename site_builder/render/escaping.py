"""The one place where untrusted sheet text is made safe for pages.

- `md_text`: for sheet text placed in Markdown (.md templates). Drops invisible characters
  (bidirectional overrides, zero-width: `sheets_sync.values.INVISIBLE`), collapses every line
  break and run of whitespace to one space (so text cannot start a block or end a table row),
  backslash-escapes Markdown syntax, then HTML-escapes `& < > " '`. The result is a
  `markupsafe` string, so the autoescaping environment does not escape it twice.
- `https_url`: the URL when it is an absolute `https://` URL with a host, else None (the
  template then prints the value as plain text).
- `plain_title`: a restricted character set for places Material prints without escaping
  (the `<title>` element from front matter `title:`)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import escape

from sheets_sync.values import strip_invisible

# Python-Markdown's escapable characters (with the tables extension) — a backslash before any
# other character would be shown literally. `<`, `>`, `&` are HTML-escaped instead.
MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|"
_MD_ESCAPE = str.maketrans({c: "\\" + c for c in MARKDOWN_SPECIAL})
_SPACE_RUN = re.compile(r"\s+")
# Unicode categories Cc (C0, DEL, C1), Zl (U+2028) and Zp (U+2029), as one character class.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_URL_OK = re.compile(r"^https://[^\s\"'<>\\`]+$")
_TITLE_DROP = re.compile(r"[^\w .,()/-]+")


def collapse(value: object) -> str:
    """Sheet text on one line: control characters dropped, whitespace runs -> one space,
    bidirectional overrides and zero-width characters removed (visual spoofing)."""
    text = "" if value is None else strip_invisible(str(value))
    text = _CONTROL.sub(" ", text)
    return _SPACE_RUN.sub(" ", text).strip()


def md_text(value: object) -> str:
    """Sheet text made inert for Markdown and HTML (see module docstring)."""
    if value is None:
        return escape("")
    try:
        import pandas as pd

        if pd.isna(value):  # type: ignore[call-overload]
            return escape("")
    except (TypeError, ValueError):
        pass
    return escape(collapse(value).translate(_MD_ESCAPE))


def https_url(value: object) -> str | None:
    """`value` if it is an https:// URL with a host (no spaces, quotes or angle brackets)."""
    text = "" if value is None else str(value).strip()
    if not _URL_OK.match(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme != "https" or not parts.hostname or "@" in parts.netloc:
        return None
    return text


def plain_title(value: object, limit: int = 120) -> str:
    """Letters, digits, spaces and `. , ( ) / -` only: safe unescaped in HTML and in YAML."""
    text = _TITLE_DROP.sub(" ", collapse(value))
    text = _SPACE_RUN.sub(" ", text).strip()
    return text[:limit].strip() or "-"


def slug(value: object) -> str:
    """File-name slug of an office code (codes are `[A-Z0-9-]`, validated upstream)."""
    text = re.sub(r"[^a-z0-9-]+", "-", str(value).lower()).strip("-")
    return text or "kantor"
