"""Stable anchors (`id`s) of the generated pages: what links, search results and later pages
point at. They never contain a period or a number that changes with the data, so a link to an
indicator or a section keeps working after the next update.

Office page (`kantor/<slug>/`): one id per section (`SECTIONS`), `ik-<code>` per indicator
row (e.g. `#ik-iku-01`) and `unit-<name>` per service-unit row. Home and sector pages:
`sektor-<name>` per sector group and `<sector anchor>-<letter>` for the letters of a long
group."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Office page sections, in page order: anchor -> what it holds.
SECTIONS = {
    "ringkasan": "key figures at a glance",
    "indeks": "performance index over time",
    "indikator": "indicators of the latest period",
    "ikm": "citizen satisfaction (IKM) per service unit",
    "pengaduan": "complaint handling",
    "predikat": "employee rating distribution",
    "bertindak": "what a reader can do: complain, fill in the survey, report a data error",
    "unduh": "downloads and links",
}


def slugify(value: object) -> str:
    """Lower-case ASCII letters, digits and single hyphens ("Kependudukan & Capil" ->
    "kependudukan-capil"); "x" when nothing is left."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text or "x"


def unique(prefix: str, names: Iterable[object], blank: str = "x") -> dict[str, str]:
    """`prefix-<slug>` for each distinct name (by its text), in order; a slug already given
    gets "-2", "-3", … (two names that differ only in case or punctuation); an empty name is
    slugged as `blank`."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        key = "" if name is None else str(name)
        if key in out:
            continue
        base = f"{prefix}-{slugify(key or blank)}"
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        out[key] = anchor
    return out


def indicator_anchors(codes: Iterable[object]) -> dict[str, str]:
    """The anchor of each indicator code on its office page: "IKU-01" -> "ik-iku-01"."""
    return unique("ik", codes)


def unit_anchors(names: Iterable[object]) -> dict[str, str]:
    """The anchor of each service unit on its office page: "Loket Terpadu" ->
    "unit-loket-terpadu"."""
    return unique("unit", names)


def sector_anchors(names: Iterable[object]) -> dict[str, str]:
    """The anchor of each sector group on the home page ("" = offices without a sector)."""
    return unique("sektor", names, blank="tanpa-sektor")
