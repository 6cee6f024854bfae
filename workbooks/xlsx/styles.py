"""Cell formats of a workbook (`xl/styles.xml`): each distinct `CellFormat` becomes one `<xf>`,
numbered in the order of first use (0 is the default format); number formats with a given count
of decimal places come from `Styles.decimals`."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from workbooks.xlsx.text import NS_MAIN, XML_HEAD, xml_attr

__all__ = ["BOLD", "CellFormat", "ISO_DATE", "Styles", "WRAPPED", "decimal_places"]

_FIRST_CUSTOM_NUMFMT = 164  # ids below are Excel's built-in number formats
_FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'


@dataclass(frozen=True)
class CellFormat:
    """What a cell looks like: a number format code (None = General), bold text, a solid
    background colour (ARGB, e.g. `FFDDEBF7`), text wrapped and aligned to the top."""

    number_format: str | None = None
    bold: bool = False
    fill: str | None = None
    wrap: bool = False


BOLD = CellFormat(bold=True)
WRAPPED = CellFormat(wrap=True)
ISO_DATE = CellFormat(number_format="yyyy-mm-dd")


def decimal_places(value: Decimal) -> int:
    """Digits after the point of a finite Decimal written with its own digits (`5.00` -> 2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class Styles:
    """The workbook's cell formats; `Styles(A, B)` gives A index 1 and B index 2."""

    def __init__(self, *formats: CellFormat) -> None:
        self._xf: dict[CellFormat, int] = {CellFormat(): 0}
        self._places: dict[int, int] = {}
        for fmt in formats:
            self.add(fmt)

    def add(self, fmt: CellFormat) -> int:
        """Index (`s` attribute of a cell) of `fmt`, added on first use."""
        xf = self._xf.get(fmt)
        if xf is None:
            xf = self._xf[fmt] = len(self._xf)
        return xf

    def decimals(self, places: int) -> int:
        """Index of the number format that shows `places` decimals (`0`, `0.0`, `0.00`, …)."""
        xf = self._places.get(places)
        if xf is None:
            code = "0." + "0" * places if places else "0"
            xf = self._places[places] = self.add(CellFormat(number_format=code))
        return xf

    def xml(self) -> str:
        """The `xl/styles.xml` part."""
        formats = list(self._xf)
        codes = list(dict.fromkeys(f.number_format for f in formats if f.number_format))
        numfmt = {code: _FIRST_CUSTOM_NUMFMT + i for i, code in enumerate(codes)}
        fills = list(dict.fromkeys(f.fill for f in formats if f.fill))
        bold = any(f.bold for f in formats)
        xfs = []
        for f in formats:
            applied = ((' applyNumberFormat="1"' if f.number_format else "")
                       + (' applyFont="1"' if f.bold else "")
                       + (' applyFill="1"' if f.fill else "")
                       + (' applyAlignment="1"' if f.wrap else ""))
            xf = (f'<xf numFmtId="{numfmt.get(f.number_format or "", 0)}" '
                  f'fontId="{int(f.bold)}" fillId="{fills.index(f.fill) + 2 if f.fill else 0}" '
                  f'borderId="0" xfId="0"{applied}')
            xfs.append(xf + ('><alignment vertical="top" wrapText="1"/></xf>' if f.wrap else "/>"))
        numfmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{xml_attr(code)}"/>'
                          for code, i in numfmt.items())
        fonts = f"<font>{_FONT}</font>" + (f"<font><b/>{_FONT}</font>" if bold else "")
        solid = "".join(f'<fill><patternFill patternType="solid"><fgColor rgb="{rgb}"/>'
                        '<bgColor indexed="64"/></patternFill></fill>' for rgb in fills)
        return (
            XML_HEAD + f'<styleSheet xmlns="{NS_MAIN}">'
            + (f'<numFmts count="{len(numfmt)}">{numfmts}</numFmts>' if numfmt else "")
            + f'<fonts count="{1 + bold}">{fonts}</fonts>'
            f'<fills count="{2 + len(fills)}"><fill><patternFill patternType="none"/></fill>'
            f'<fill><patternFill patternType="gray125"/></fill>{solid}</fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            f'borderId="0"/></cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}'
            '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )
