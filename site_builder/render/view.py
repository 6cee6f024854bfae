"""What the pages show, picked once per build from the marts alone (language independent): which
rows each page shows, never a number of its own — every figure is a mart cell, computed in
`site_builder.compute`. Rows stay dicts of mart cells; templates format them per language."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from sheets_sync.config import PortalConfig
from sheets_sync.periods import Period, parse_period, period_sort_key
from sheets_sync.portal_data import DataStatus
from site_builder.compute.profil import report_state
from site_builder.exports.datapackage import OFFICE_TABLES, office_folder
from site_builder.exports.fields import TABLE_DOCS
from site_builder.marts import Marts
from site_builder.render.escaping import slug
from site_builder.render.formatting import per_value, to_date, to_decimal
from site_builder.render.freshness import OfficeFreshness
from site_builder.rules import RuleSet, rule_set


class Row(dict[str, Any]):
    """A mart row; a column a mart does not have reads as blank (None) in templates."""

    def __missing__(self, key: str) -> None:
        return None


TREND_PERIODS = 8  # periods shown in trend charts and history tables
MOVERS = 5


@per_value
def _parse(code: object) -> Period | None:
    """`parse_period`, remembered per cell value (marts repeat a handful of period codes over
    thousands of rows)."""
    return parse_period(code)


period_key = per_value(period_sort_key)
"""`sheets_sync.periods.period_sort_key`, remembered per cell value."""


def _records(frame: pd.DataFrame | None) -> list[Row]:
    if frame is None or not len(frame):
        return []
    return [Row({str(k): v for k, v in r.items()}) for r in frame.to_dict("records")]


def _cells(frame: pd.DataFrame, column: str) -> list[Any]:
    """One column as a list (None for a column the mart does not have; pd.NA reads as None,
    as in `to_dict` records)."""
    if column not in frame.columns:
        return [None] * len(frame)
    return [None if v is pd.NA else v for v in frame[column].tolist()]


class _Mart:
    """One mart's row positions per office (by text of `kantor_kode`, offices in order of first
    appearance), each office's rows in chronological order (ties keep the mart's order).
    Rows become dicts only for the rows a page shows: the indicator mart has a row per
    indicator and month, the pages only its latest period."""

    def __init__(self, frame: pd.DataFrame | None) -> None:
        self.frame = frame if frame is not None else pd.DataFrame()
        self._columns: dict[str, list[Any]] = {}
        self.periods = _cells(self.frame, "periode")
        self.keys = [period_key(p) for p in self.periods]
        self.by_office: dict[str, list[int]] = {}
        for i, code in enumerate(_cells(self.frame, "kantor_kode")):
            self.by_office.setdefault(str(code), []).append(i)
        for positions in self.by_office.values():
            positions.sort(key=self.keys.__getitem__)

    def latest_period(self, kode: str, *, require: str | None = None) -> str | None:
        """The office's latest period with a value in `require` (else its latest period)."""
        positions = self.by_office.get(kode, [])
        candidates = positions
        if require is not None:
            values = self.column(require)
            candidates = [i for i in positions if to_decimal(values[i]) is not None] or positions
        if not candidates:
            return None
        return str(self.periods[max(candidates, key=self.keys.__getitem__)])

    def of_period(self, kode: str, period: str | None) -> list[int]:
        return [i for i in self.by_office.get(kode, []) if self.periods[i] == period]

    def column(self, name: str) -> list[Any]:
        if name not in self._columns:
            self._columns[name] = _cells(self.frame, name)
        return self._columns[name]

    def rows(self, wanted: dict[str, list[int]]) -> dict[str, list[Row]]:
        """Rows at the given positions per office, as `Row`s (one `to_dict` for all)."""
        flat = [i for positions in wanted.values() for i in positions]
        records: Iterator[dict[Any, Any]] = iter(
            self.frame.iloc[flat].to_dict("records") if flat else [])
        return {kode: [Row(next(records)) for _ in positions]
                for kode, positions in wanted.items()}


def _text(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):  # type: ignore[call-overload]
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def _latest_period(rows: list[Row], *, require: str | None = None) -> str | None:
    candidates = [r for r in rows if require is None or to_decimal(r.get(require)) is not None]
    if not candidates:
        candidates = rows
    if not candidates:
        return None
    return str(max(candidates, key=lambda r: period_key(r.get("periode")))["periode"])


def _same_kind(rows: list[Row], period: str | None) -> list[Row]:
    p = _parse(period)
    if p is None:
        return rows
    return [r for r in rows if (q := _parse(r.get("periode"))) and q.kind == p.kind]


@dataclass(frozen=True)
class IndicatorHistory:
    """One indicator of an office over every period it has (chronological, all kinds)."""

    kode: str
    nama: str
    satuan: str
    rows: list[Row]  # indikator_kode, periode, target, realisasi, capaian, kategori(_en)
    spark: str  # polyline points of the capaian trend ("" with fewer than two values)


_HISTORY_COLUMNS = ("indikator_kode", "indikator_nama", "satuan", "periode", "target",
                    "realisasi", "capaian", "kategori", "kategori_en")


def spark_points(values: list[Decimal | None], width: int = 100, height: int = 24) -> str:
    """SVG polyline points of a small trend line of `values` (blanks skipped); "" when fewer
    than two values."""
    known = [(i, float(v)) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(v for _, v in known), max(v for _, v in known)
    span = (high - low) or 1.0
    step = width / max(len(values) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}"
                    for i, v in known)


def _indicator_histories(mart: _Mart, positions: list[int]) -> list[IndicatorHistory]:
    """The office's indicators (by code) with all their periods, from the mart's columns."""
    cols = {c: mart.column(c) for c in _HISTORY_COLUMNS}
    groups: dict[str, list[int]] = {}
    for i in positions:  # chronological already
        groups.setdefault(str(cols["indikator_kode"][i]), []).append(i)
    out = []
    for kode in sorted(groups):
        rows = [Row({c: cols[c][i] for c in _HISTORY_COLUMNS}) for i in groups[kode]]
        last = rows[-1]
        out.append(IndicatorHistory(
            kode=kode, nama=_text(last.get("indikator_nama")), satuan=_text(last.get("satuan")),
            rows=rows, spark=spark_points([to_decimal(r.get("capaian")) for r in rows])))
    return out


@dataclass(frozen=True)
class StatusView:
    """An office's status in this run, as the office table (`kantor_profil`) has it."""

    status: str  # ok | stale | missing
    errors: int = 0
    warnings: int = 0
    alasan: str = ""
    alasan_en: str = ""
    laporan: str = "mutakhir"  # status_laporan (compute.profil.REPORT_STATES)


@dataclass
class OfficeView:
    """One office: registry facts, status, freshness and its rows of every mart."""

    kode: str
    slug: str
    nama: str
    sektor: str
    situs: str
    frekuensi: str
    status: StatusView
    freshness: OfficeFreshness
    kantor: list[Row]  # all periods, chronological
    latest: Row | None  # kantor row of the latest period with an index (or latest)
    index_history: list[Row]  # same kind as latest, last TREND_PERIODS
    indikator_period: str | None
    indikator: list[Row]  # rows of indikator_period
    indikator_summary: Row | None  # kantor row of indikator_period (mean capaian, below target)
    skm_period: str | None
    skm: list[Row]  # units, skm_period
    skm_office: Row | None
    pengaduan: list[Row]  # last TREND_PERIODS periods
    distribusi: list[Row]  # last TREND_PERIODS periods
    ikm_latest: Decimal | None = None
    overdue: bool = False
    indicator_history: list[IndicatorHistory] = field(default_factory=list)
    skm_history: list[Row] = field(default_factory=list)  # units and office ("") all periods
    survei: str = ""  # registry: the office's survey form (https://)
    kontak: str = ""  # registry: the office's contact page (https://)

    @property
    def downloads(self) -> list[tuple[str, str, str]]:
        """(path under the open-data folder, title, English title) of each file holding this
        office's own rows."""
        folder = office_folder(self.kode)
        return [(f"{folder}/{table}.csv", TABLE_DOCS[table].title, TABLE_DOCS[table].title_en)
                for table in OFFICE_TABLES]

    @property
    def row(self) -> Row:
        """The latest kantor row, or a row of blanks (templates read it without checks)."""
        return self.latest if self.latest is not None else Row()

    @property
    def alasan(self) -> str:
        return self.status.alasan

    @property
    def alasan_en(self) -> str:
        return self.status.alasan_en or self.status.alasan


@dataclass
class SectorView:
    """One sector on the sector page: its offices and its `ringkasan` row of the headline
    period (None when it has none)."""

    sektor: str
    offices: list[OfficeView]
    summary: Row | None
    best: OfficeView | None
    lowest: OfficeView | None
    best_index: object = None  # their office index in the headline period
    lowest_index: object = None

    @property
    def n(self) -> object:
        return self.summary.get("kantor_total") if self.summary else None

    @property
    def mean(self) -> object:
        return self.summary.get("indeks_rata_rata") if self.summary else None


@dataclass
class Mover:
    """An office among the biggest movers, with its kantor row of the headline period."""

    office: OfficeView
    row: Row


@dataclass
class SiteModel:
    config: PortalConfig
    now: datetime
    offices: list[OfficeView]
    rule_versions: dict[str, str]
    rules: RuleSet
    headline: Row = field(default_factory=Row)  # the `ringkasan` row of the portal, headline
    movers: list[Mover] = field(default_factory=list)
    sectors: list[SectorView] = field(default_factory=list)

    @property
    def local_now(self) -> datetime:
        """The build time in the portal's time zone (what pages show; a naive `now` is UTC)."""
        aware = self.now if self.now.tzinfo is not None else self.now.replace(tzinfo=UTC)
        return aware.astimezone(ZoneInfo(self.config.timezone))

    def overdue(self) -> list[OfficeView]:
        return [o for o in self.offices if o.overdue]


def build_model(marts: Marts, config: PortalConfig, now: datetime) -> SiteModel:
    """Everything the pages need, grouped per office in one pass over each mart."""
    kantor_mart = _Mart(marts.kantor)
    indikator_mart = _Mart(marts.indikator)
    skm_mart = _Mart(marts.skm)
    skm_kantor_mart = _Mart(marts.skm_kantor)
    pengaduan_mart = _Mart(marts.pengaduan)
    distribusi_mart = _Mart(marts.pegawai_distribusi)

    profil = {str(r["kantor_kode"]): r for r in _records(marts.kantor_profil)}
    codes = list(profil)
    codes += [k for k in kantor_mart.by_office if k not in profil]

    # The latest period of each office, then only the rows the pages show become dicts.
    ind_period = {k: indikator_mart.latest_period(k, require="realisasi") for k in codes}
    skm_period = {k: skm_mart.latest_period(k) for k in codes}
    kantor = kantor_mart.rows(kantor_mart.by_office)
    indikator = indikator_mart.rows({k: indikator_mart.of_period(k, ind_period[k]) for k in codes})
    skm = skm_mart.rows({k: skm_mart.of_period(k, skm_period[k]) for k in codes})
    skm_history = skm_mart.rows(dict(skm_mart.by_office))
    skm_kantor_history = skm_kantor_mart.rows(dict(skm_kantor_mart.by_office))
    skm_kantor = skm_kantor_mart.rows({k: skm_kantor_mart.of_period(k, skm_period[k])[:1]
                                       for k in codes})
    pengaduan = pengaduan_mart.rows(dict(pengaduan_mart.by_office))  # every period
    distribusi = distribusi_mart.rows({k: v[-TREND_PERIODS:]
                                       for k, v in distribusi_mart.by_office.items()})

    offices: list[OfficeView] = []
    used_slugs: set[str] = set()
    for kode in codes:
        r = profil.get(kode) or Row()
        krow = kantor.get(kode, [])
        nama = _text(r.get("kantor_nama")) or (_text(krow[0].get("kantor_nama")) if krow
                                               else "") or kode
        sektor = _text(r.get("sektor")) or (_text(krow[0].get("sektor")) if krow else "")
        status = StatusView(status=_text(r.get("status_data")) or "missing",
                            errors=int(r.get("temuan_kesalahan") or 0),
                            warnings=int(r.get("temuan_peringatan") or 0),
                            alasan=_text(r.get("status_alasan")),
                            alasan_en=_text(r.get("status_alasan_en")))
        status = replace(status, laporan=_text(r.get("status_laporan")) or report_state(
            status.status, bool(r.get("terlambat")), status.errors))
        frek = _text(r.get("frekuensi"))
        fresh = OfficeFreshness(kode=kode, nama=nama, frekuensi=frek,
                                status=DataStatus(status.status),
                                data_per=to_date(r.get("diperbarui")),
                                berikutnya=to_date(r.get("jatuh_tempo")))
        latest_p = _latest_period(krow, require="indeks_kinerja")
        latest = next((x for x in krow if x.get("periode") == latest_p), None)
        history = _same_kind([x for x in krow if x.get("periode")], latest_p)[-TREND_PERIODS:]
        office_ikm = skm_kantor.get(kode, [])
        s = slug(kode)
        while s in used_slugs:
            s += "-1"
        used_slugs.add(s)
        view = OfficeView(
            kode=kode, slug=s, nama=nama, sektor=sektor, situs=_text(r.get("situs")),
            survei=_text(r.get("survei")), kontak=_text(r.get("kontak")),
            frekuensi=frek, status=status, freshness=fresh, kantor=krow, latest=latest,
            index_history=history,
            indikator_period=ind_period[kode],
            indikator=sorted(indikator.get(kode, []), key=lambda x: str(x.get("indikator_kode"))),
            indikator_summary=next((x for x in krow if x.get("periode") == ind_period[kode]),
                                   None),
            skm_period=skm_period[kode],
            skm=sorted(skm.get(kode, []), key=lambda x: str(x.get("unit_layanan"))),
            skm_office=office_ikm[0] if office_ikm else None,
            pengaduan=pengaduan.get(kode, []),
            distribusi=distribusi.get(kode, []),
            overdue=bool(r.get("terlambat")),
            indicator_history=_indicator_histories(indikator_mart,
                                                   indikator_mart.by_office.get(kode, [])),
            skm_history=_skm_history(skm_history.get(kode, []), skm_kantor_history.get(kode, [])),
        )
        view.ikm_latest = to_decimal(view.skm_office.get("ikm")) if view.skm_office else None
        offices.append(view)

    offices.sort(key=lambda o: (o.nama.lower(), o.kode))
    summary = [r for r in _records(marts.ringkasan) if r.get("periode_utama") is True]
    model = SiteModel(config=config, now=now, offices=offices,
                      rule_versions=dict(marts.rule_versions),
                      rules=marts.rules if marts.rules is not None else rule_set(config))
    model.headline = next((r for r in summary if r.get("cakupan") == "kabupaten"), Row())
    model.movers = _movers(offices)
    model.sectors = _sectors(offices, [r for r in summary if r.get("cakupan") == "sektor"])
    return model


def _skm_history(units: list[Row], office: list[Row]) -> list[Row]:
    """IKM over every period: per period the office figure (`unit_layanan` "") first, then its
    units by name; periods chronological."""
    rows = [*office, *units]
    return sorted(rows, key=lambda r: (period_key(r.get("periode")),
                                       r.get("unit_layanan") not in ("", None),
                                       str(r.get("unit_layanan") or "")))


def _movers(offices: list[OfficeView]) -> list[Mover]:
    """The offices ranked first by compute (`peringkat_perubahan`), best rank first."""
    ranked = [(int(rank), o, x) for o in offices for x in o.kantor
              if (rank := x.get("peringkat_perubahan")) is not None and int(rank) <= MOVERS]
    return [Mover(o, x) for _, o, x in sorted(ranked, key=lambda t: t[0])]


def _sectors(offices: list[OfficeView], rows: list[Row]) -> list[SectorView]:
    """Each sector with its offices (by name) and its row of the headline period; sectors in
    the order of the `ringkasan` rows, then any sector without a row (offices without a sector
    last)."""
    by_code = {o.kode: o for o in offices}
    summary = {_text(r.get("sektor")): r for r in rows}
    names = list(summary)
    names += sorted({o.sektor for o in offices} - set(names), key=lambda n: (n == "", n.lower()))
    out = []
    for name in names:
        row = summary.get(name) or Row()
        best = by_code.get(_text(row.get("kantor_tertinggi")))
        lowest = by_code.get(_text(row.get("kantor_terendah")))
        period = row.get("periode")
        out.append(SectorView(
            sektor=name, offices=sorted((o for o in offices if o.sektor == name),
                                        key=lambda o: o.nama.lower()),
            summary=row or None, best=best, lowest=lowest,
            best_index=_index_in(best, period), lowest_index=_index_in(lowest, period)))
    return out


def _index_in(office: OfficeView | None, period: object) -> object:
    """The office index of `office` in `period` (its kantor row), or None."""
    if office is None:
        return None
    return next((x.get("indeks_kinerja") for x in office.kantor if x.get("periode") == period),
                None)
