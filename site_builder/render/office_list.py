"""The lists of offices a reader finds an office in, without JavaScript: on the home page grouped
by sector (each group with a stable anchor, long groups with an A–Z jump list), on the sector
page ranked by index within each sector, and on the ranking page all offices by index in the
headline period. Picks and orders rows of the site model; computes no figure."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from site_builder.render.anchors import sector_anchors
from site_builder.render.formatting import to_decimal
from site_builder.render.view import OfficeView, Row, SectorView, SiteModel

LETTERS_FROM = 25  # a sector group with more offices than this gets an A-Z jump list


@dataclass
class OfficeGroup:
    """One sector's offices by name. `anchor`: the group's id on the home and sector pages;
    `letters`: (letter, anchor) of a long group's A–Z list;
    `starts`: office code -> the anchor its row carries (the first office of each letter)."""

    sector: SectorView
    anchor: str
    offices: list[OfficeView]
    letters: list[tuple[str, str]] = field(default_factory=list)
    starts: dict[str, str] = field(default_factory=dict)
    # (office, kantor row) by index in the headline period, then the others (latest row)
    ranked_rows: list[tuple[OfficeView, Row]] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[OfficeView, Row]]:
        """(office, its latest kantor row) pairs by name, as the office table takes them."""
        return [(o, o.row) for o in self.offices]


@dataclass
class Ranked:
    """An office with its kantor row of the ranking's period."""

    office: OfficeView
    row: Row


def _fold(text: str) -> str:
    """Upper-case ASCII for sorting letters ("é" -> "E")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").upper()


def _common_words(names: list[str]) -> int:
    """How many leading words every name shares, leaving every name at least one word
    ("Kecamatan Sukamaju", "Kecamatan Utara" -> 1)."""
    split = [n.split() for n in names]
    if not split or any(not words for words in split):
        return 0
    shortest = min(len(words) for words in split)
    count = 0
    while count < shortest - 1 and len({w[count].lower() for w in split}) == 1:
        count += 1
    return count


def _letters(anchor: str, offices: list[OfficeView]) -> tuple[list[tuple[str, str]],
                                                               dict[str, str]]:
    """The A–Z list of a long group, by the first letter after the words all names share
    ("Kecamatan Sukamaju" files under S); digits and other signs under "#"."""
    if len(offices) <= LETTERS_FROM:
        return [], {}
    skip = _common_words([o.nama for o in offices])
    letters: list[tuple[str, str]] = []
    starts: dict[str, str] = {}
    for o in offices:
        rest = " ".join(o.nama.split()[skip:])
        first = _fold(rest[:1])
        letter = first if first.isalpha() else "#"
        if not letters or letters[-1][0] != letter:
            target = f"{anchor}-{letter.lower() if letter != '#' else 'lain'}"
            if any(a == target for _, a in letters):
                continue  # names out of letter order (folding): the first row keeps the anchor
            letters.append((letter, target))
            starts[o.kode] = target
    return letters, starts


def _sort_key(office: OfficeView, skip: int) -> tuple[str, str]:
    return (_fold(" ".join(office.nama.split()[skip:])).lower(), office.kode)


def by_name(offices: list[OfficeView]) -> list[OfficeView]:
    """Offices by name, the words all of them share left out of the order."""
    skip = _common_words([o.nama for o in offices])
    return sorted(offices, key=lambda o: _sort_key(o, skip))


def office_groups(model: SiteModel) -> list[OfficeGroup]:
    """Every sector's offices, by name (the words all of them share left out of the order)
    and ranked by index in the headline period; sectors in the model's order."""
    anchors = sector_anchors(s.sektor for s in model.sectors)
    groups = []
    for s in model.sectors:
        if not s.offices:
            continue
        offices = by_name(s.offices)
        letters, starts = _letters(anchors[s.sektor], offices)
        top, others = ranked(s.offices, model.headline.get("periode"))
        groups.append(OfficeGroup(
            sector=s, anchor=anchors[s.sektor], offices=offices, letters=letters,
            starts=starts, ranked_rows=[(r.office, r.row) for r in top]
            + [(o, o.row) for o in others]))
    return groups


def _index(row: Row | None) -> Decimal | None:
    return None if row is None else to_decimal(row.get("indeks_kinerja"))


def ranked(offices: list[OfficeView], period: object) -> tuple[list[Ranked], list[OfficeView]]:
    """Offices with an index in `period`, highest first (ties by name), and the others by
    name: an index of another period is not ranked beside them."""
    rows: list[tuple[Decimal, Ranked]] = []
    others: list[OfficeView] = []
    for o in offices:
        row = next((x for x in o.kantor if x.get("periode") == period), None)
        value = _index(row)
        if row is None or value is None:
            others.append(o)
        else:
            rows.append((value, Ranked(o, row)))
    rows.sort(key=lambda t: (-t[0], t[1].office.nama.lower(), t[1].office.kode))
    return [r for _, r in rows], sorted(others, key=lambda o: (o.nama.lower(), o.kode))
