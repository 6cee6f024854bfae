"""A1 ranges and value grids as the Sheets v4 API reads and writes them, for the loopback fake:
[sheets] `ValueRange.values` "For output, empty trailing rows and columns will not be included"
(googleapis/google-api-python-client, discovery_cache/documents/sheets.v4.json)."""
from __future__ import annotations

import re
from typing import Any


def column_letter(n: int) -> str:  # 1-based
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def a1_quote(title: str) -> str:
    return title if re.fullmatch(r"[A-Za-z0-9_]+", title) else "'" + title.replace("'", "''") + "'"


def split_range(a1: str) -> tuple[str, str | None]:
    """('Title', 'A1:B2' or None) from "'Ti''tle'!A1:B2" / "Title" / "'Title'"."""
    if a1.startswith("'"):
        i, out = 1, []
        while i < len(a1):
            if a1[i] == "'":
                if a1[i + 1: i + 2] == "'":
                    out.append("'")
                    i += 2
                    continue
                break
            out.append(a1[i])
            i += 1
        rest = a1[i + 1:]
        return "".join(out), (rest[1:] if rest.startswith("!") else None)
    title, _, cells = a1.partition("!")
    return title, cells or None


def _blank(v: Any) -> bool:
    return v is None or v == ""


def trimmed(rows: list[list[Any]]) -> list[list[Any]]:
    """What the API sends: trailing empty cells and rows dropped, inner blanks as ""."""
    out = []
    for row in rows:
        r = list(row)
        while r and _blank(r[-1]):
            r.pop()
        out.append(["" if v is None else v for v in r])
    while out and not out[-1]:
        out.pop()
    return out


def cell_from_data(cell: dict[str, Any]) -> Any:
    v = cell.get("userEnteredValue") or {}
    for k in ("stringValue", "numberValue", "boolValue", "formulaValue"):
        if k in v:
            return v[k]
    return None
