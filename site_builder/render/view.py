"""What the pages show, computed once per build from the marts and the portal data (language
independent). Rows stay dicts of mart cells; templates format them per language."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd

from sheets_sync.config import PortalConfig
from sheets_sync.periods import Period, parse_period, period_sort_key
from sheets_sync.portal_data import OfficeStatus, PortalData
from site_builder.marts import Marts
from site_builder.render.escaping import slug
from site_builder.render.formatting import per_value, to_date, to_decimal
from site_builder.render.freshness import OfficeFreshness, cadence_of, due_date
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
    return [Row(r) for r in frame.to_dict("records")]


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
        records = iter(self.frame.iloc[flat].to_dict("records") if flat else [])
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


@dataclass
class OfficeView:
    """One office: registry facts, status, freshness and its rows of every mart."""

    kode: str
    slug: str
    nama: str
    sektor: str
    situs: str
    frekuensi: str
    status: OfficeStatus
    freshness: OfficeFreshness
    kantor: list[Row]  # all periods, chronological
    latest: Row | None  # kantor row of the latest period with an index (or latest)
    index_history: list[Row]  # same kind as latest, last TREND_PERIODS
    indikator_period: str | None
    indikator: list[Row]  # rows of indikator_period
    skm_period: str | None
    skm: list[Row]  # units, skm_period
    skm_office: Row | None
    pengaduan: list[Row]  # last TREND_PERIODS periods
    distribusi: list[Row]  # last TREND_PERIODS periods
    ikm_latest: Decimal | None = None
    overdue: bool = False

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
class SiteModel:
    config: PortalConfig
    now: datetime
    offices: list[OfficeView]
    rule_versions: dict[str, str]
    rules: RuleSet
    headline: dict[str, Any] = field(default_factory=dict)
    movers: list[OfficeView] = field(default_factory=list)
    sectors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def today(self) -> date:
        return self.now.date()

    def overdue(self) -> list[OfficeView]:
        return [o for o in self.offices if o.overdue]


def _status_of(data: PortalData, kode: str) -> OfficeStatus:
    st = data.status.get(kode)
    if st is not None:
        return st
    has_data = kode in data.data
    return OfficeStatus(kode=kode, status="ok" if has_data else "missing")


def build_model(marts: Marts, data: PortalData, config: PortalConfig, now: datetime) -> SiteModel:
    """Everything the pages need, grouped per office in one pass over each mart."""
    kantor_mart = _Mart(marts.kantor)
    indikator_mart = _Mart(marts.indikator)
    skm_mart = _Mart(marts.skm)
    skm_kantor_mart = _Mart(marts.skm_kantor)
    pengaduan_mart = _Mart(marts.pengaduan)
    distribusi_mart = _Mart(marts.pegawai_distribusi)

    registry = _records(data.offices)
    codes = [str(r["kode"]) for r in registry]
    for extra in [*kantor_mart.by_office.keys(), *data.data.keys()]:
        if extra not in codes:
            codes.append(extra)
    reg: dict[str, Row] = {str(r["kode"]): r for r in registry}
    today = now.date()

    # The latest period of each office, then only the rows the pages show become dicts.
    ind_period = {k: indikator_mart.latest_period(k, require="realisasi") for k in codes}
    skm_period = {k: skm_mart.latest_period(k) for k in codes}
    kantor = kantor_mart.rows(kantor_mart.by_office)
    indikator = indikator_mart.rows({k: indikator_mart.of_period(k, ind_period[k]) for k in codes})
    skm = skm_mart.rows({k: skm_mart.of_period(k, skm_period[k]) for k in codes})
    skm_kantor = skm_kantor_mart.rows({k: skm_kantor_mart.of_period(k, skm_period[k])[:1]
                                       for k in codes})
    pengaduan = pengaduan_mart.rows({k: v[-TREND_PERIODS:]
                                     for k, v in pengaduan_mart.by_office.items()})
    distribusi = distribusi_mart.rows({k: v[-TREND_PERIODS:]
                                       for k, v in distribusi_mart.by_office.items()})

    offices: list[OfficeView] = []
    used_slugs: set[str] = set()
    for kode in codes:
        r = reg.get(kode) or Row()
        krow = kantor.get(kode, [])
        nama = _text(r.get("nama")) or (_text(krow[0].get("kantor_nama")) if krow else "") or kode
        sektor = _text(r.get("sektor")) or (_text(krow[0].get("sektor")) if krow else "")
        status = _status_of(data, kode)
        data_per = to_date(status.diperbarui)
        frek = cadence_of(r.get("frekuensi"))
        fresh = OfficeFreshness(kode=kode, frekuensi=frek, status=status.status,
                                data_per=data_per, berikutnya=due_date(data_per, frek))
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
            frekuensi=frek, status=status, freshness=fresh, kantor=krow, latest=latest,
            index_history=history,
            indikator_period=ind_period[kode],
            indikator=sorted(indikator.get(kode, []), key=lambda x: str(x.get("indikator_kode"))),
            skm_period=skm_period[kode],
            skm=sorted(skm.get(kode, []), key=lambda x: str(x.get("unit_layanan"))),
            skm_office=office_ikm[0] if office_ikm else None,
            pengaduan=pengaduan.get(kode, []),
            distribusi=distribusi.get(kode, []),
        )
        view.ikm_latest = to_decimal(view.skm_office.get("ikm")) if view.skm_office else None
        view.overdue = fresh.overdue(today) or status.status == "missing"
        offices.append(view)

    offices.sort(key=lambda o: (o.nama.lower(), o.kode))
    model = SiteModel(config=config, now=now, offices=offices,
                      rule_versions=dict(marts.rule_versions),
                      rules=marts.rules if marts.rules is not None else rule_set(config))
    model.headline = _headline(offices)
    model.movers = _movers(offices)
    model.sectors = _sectors(offices)
    return model


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def _headline(offices: list[OfficeView]) -> dict[str, Any]:
    indices = [d for o in offices if o.latest and (d := to_decimal(o.latest.get("indeks_kinerja")))
               is not None]
    ikm_units = [d for o in offices for u in o.skm if (d := to_decimal(u.get("ikm"))) is not None]
    received = done = 0
    for o in offices:
        if o.pengaduan:
            last = o.pengaduan[-1]
            received += int(to_decimal(last.get("masuk")) or 0)
            done += int(to_decimal(last.get("selesai_tepat_waktu")) or 0)
    return {
        "offices_total": len(offices),
        "offices_reporting": sum(1 for o in offices if o.status.status == "ok"),
        "index_mean": _mean(indices),
        "index_n": len(indices),
        "ikm_mean": _mean(ikm_units),
        "ikm_units": len(ikm_units),
        "complaints_received": received,
        "complaints_on_time": done,
        "overdue": sum(1 for o in offices if o.overdue),
    }


def _movers(offices: list[OfficeView]) -> list[OfficeView]:
    moving = [(d, o) for o in offices if o.latest and (d := to_decimal(o.latest.get("tren")))]
    moving.sort(key=lambda x: (-abs(x[0]), x[1].nama))
    return [o for _, o in moving[:MOVERS]]


def _sectors(offices: list[OfficeView]) -> list[dict[str, Any]]:
    groups: dict[str, list[OfficeView]] = defaultdict(list)
    for o in offices:
        groups[o.sektor].append(o)
    out = []
    for name, members in groups.items():
        scored = [(d, o) for o in members if o.latest
                  and (d := to_decimal(o.latest.get("indeks_kinerja"))) is not None]
        scored.sort(key=lambda x: (-x[0], x[1].nama))
        out.append({
            "sektor": name,
            "offices": sorted(members, key=lambda o: o.nama.lower()),
            "n": len(members),
            "mean": _mean([d for d, _ in scored]),
            "best": scored[0][1] if scored else None,
            "lowest": scored[-1][1] if scored else None,
        })
    out.sort(key=lambda s: (s["sektor"] == "", str(s["sektor"]).lower()))
    return out
