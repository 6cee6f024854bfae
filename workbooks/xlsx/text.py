"""Text in SpreadsheetML: the XML namespaces and declaration, escaping with Excel's `_xHHHH_`
escape, the length limit of a cell, column widths in Excel's units, the shared string table."""
from __future__ import annotations

import re

__all__ = ["MAX_CELL_TEXT", "NS_MAIN", "NS_REL", "XML_HEAD", "SharedStrings", "cell_text",
           "col_width", "t_element", "xml_attr", "xml_text"]

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

MAX_CELL_TEXT = 32_767
"""UTF-16 code units Excel keeps in one cell (xlsxwriter cuts text there too)."""

# Characters XML 1.0 cannot hold (and CR, which an XML parser would turn into LF), plus literal
# `_xHHHH_` text that a reader would otherwise take for Excel's escape.
_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def xml_text(text: str) -> str:
    """`text` ready for an XML element: `& < >` escaped, and characters XML cannot hold as
    Excel's `_xHHHH_` escape (a literal `_xHHHH_` gets `_x005F` in front, as Excel does)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if _CTRL.search(text):
        text = _CTRL.sub(
            lambda m: (
                f"_x{ord(m.group(0)[0]):04X}_" if len(m.group(0)) == 1 else f"_x005F{m.group(0)}"
            ),
            text,
        )
    return text


def xml_attr(text: str) -> str:
    """`text` ready for a double-quoted XML attribute."""
    return xml_text(text).replace('"', "&quot;")


def t_element(text: str) -> str:
    """`<t>` element of a non-empty string (keeps leading/trailing whitespace, which readers
    would otherwise trim)."""
    sp = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f"<t{sp}>{xml_text(text)}</t>"


def cell_text(text: str) -> str:
    """`text` cut to the `MAX_CELL_TEXT` UTF-16 units one cell holds (where xlsxwriter cuts)."""
    if len(text) <= MAX_CELL_TEXT // 2:  # too short to reach the limit
        return text
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > MAX_CELL_TEXT:
            return text[:i]
    return text


def col_width(chars: float) -> str:
    """The `<col width>` Excel (and xlsxwriter) stores for a width of `chars` characters of
    Calibri 11 (7-pixel digits, 5 pixels padding), as text."""
    pixels = int(chars * 7 + 0.5) + 5 if chars >= 1 else int(chars * 12 + 0.5)
    return f"{(pixels * 256 // 7) / 256:.16g}"


class SharedStrings:
    """The workbook's shared string table: each distinct text is stored once, cells refer to
    it by index (the layout Excel itself writes; smaller files for repetitive text)."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.count = 0  # string cells referring to the table

    def index(self, text: str) -> int:
        """Index of non-empty `text` (added on first use)."""
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self._index)
        return i

    def xml(self) -> str:
        """The `xl/sharedStrings.xml` part."""
        items = "".join(f"<si>{t_element(t)}</si>" for t in self._index)
        return (XML_HEAD + f'<sst xmlns="{NS_MAIN}" count="{self.count}" '
                f'uniqueCount="{len(self._index)}">{items}</sst>')
