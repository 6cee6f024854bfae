"""The one gate for the employee distributions (PRODUCT.md §8): the office table
(`pegawai_distribusi`) and the unit table (`pegawai_distribusi_unit`) are protected row by row
(`rows`), then audited against each other, across periods and against what earlier builds
published (`audit`, `record`). Pages, charts and files read only what this returns."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Protocol

import pandas as pd

from sheets_sync.periods import period_sort_key
from site_builder.disclosure.audit import (
    AuditRow,
    hierarchy_violations,
    pair_violations,
    pick_in_hierarchy,
    pick_in_pair,
)
from site_builder.disclosure.record import Key, PublishedRecord
from site_builder.disclosure.rows import AUDIT, apply_rows, first_level
from site_builder.rules import PREDIKAT_KEYS, KurvaLimit

_MAX_PASSES = 20


class TablePolicy(Protocol):
    """The thresholds of `privacy:` the tables use (any object with these attributes)."""

    min_group: int
    min_cell: int
    min_group_zero: int


@dataclass
class AuditSummary:
    """What the audit did in one build (for the build log and the issue's figures; counts
    only, no data): tables compared, requirements found unmet in the rows of the first stage
    and left unmet at the end, rows and cells hidden beyond the first stage."""

    hierarchies: int = 0
    period_pairs: int = 0
    history_pairs: int = 0
    unmet_before: int = 0
    unmet_after: int = 0
    rows_changed: int = 0
    cells_hidden: int = 0


@dataclass
class _System:
    kind: str  # "hierarchy" | "period" | "history"
    rows: tuple[AuditRow, ...]

    def unmet(self, min_cell: int, zero: int) -> list[Any]:
        if self.kind == "hierarchy":
            return hierarchy_violations(self.rows[0], self.rows[1:], min_cell, zero)
        return pair_violations(self.rows[0], self.rows[1], min_cell, zero)

    def pick(self, unmet: Sequence[Any]) -> AuditRow | None:
        if self.kind == "hierarchy":
            return pick_in_hierarchy(self.rows[0], self.rows[1:], unmet)
        return pick_in_pair(self.rows[0], self.rows[1])


def protect_tables(office: pd.DataFrame, unit: pd.DataFrame, policy: TablePolicy,
                   kurva_limits: Mapping[str, Sequence[KurvaLimit]] | None = None,
                   history: PublishedRecord | None = None,
                   ) -> tuple[pd.DataFrame, pd.DataFrame, AuditSummary]:
    """Protected copies of the office and unit distribution frames (`jumlah_pegawai` and the
    five cells become int-or-None object columns, `penekanan` says why a row was suppressed),
    the unit frame without its groups too small to publish, and what the audit did."""
    g, m = policy.min_group, policy.min_cell
    z = int(getattr(policy, "min_group_zero", 0))
    history = history or PublishedRecord()
    cells = list(PREDIKAT_KEYS)

    def audit_rows(frame: pd.DataFrame, tabel: str) -> list[tuple[AuditRow | None, str | None]]:
        units = frame["unit_kerja"].tolist() if tabel == "unit" else [""] * len(frame)
        out: list[tuple[AuditRow | None, str | None]] = []
        for kode, u, p, values in zip(frame["kantor_kode"].tolist(), units,
                                      frame["periode"].tolist(),
                                      frame[cells].itertuples(index=False, name=None),
                                      strict=True):
            v = tuple(int(c) for c in values)
            level, reason = first_level(v, g, m, z)
            key: Key = (tabel, str(kode), str(u), str(p))
            out.append((None if level is None else AuditRow(key, sum(v), v, level), reason))
        return out

    offices = audit_rows(office, "kantor")
    units = audit_rows(unit, "unit")
    live = [r for r, _ in (*offices, *units) if r is not None]
    summary = AuditSummary()
    systems = _systems(live, history, summary)
    summary.unmet_before = sum(len(s.unmet(m, z)) for s in systems)
    for _ in range(_MAX_PASSES):
        changed = False
        for system in systems:
            unmet = system.unmet(m, z)
            while unmet:
                row = system.pick(unmet)
                if row is None:
                    break
                row.escalate()
                changed = True
                unmet = system.unmet(m, z)
        if not changed:
            break
    summary.unmet_after = sum(len(s.unmet(m, z)) for s in systems)
    for r in live:
        if r.escalated:
            summary.rows_changed += 1
            before = first_level(r.values or (), g, m, z)[0] or 0
            summary.cells_hidden += r.level - before

    def finish(frame: pd.DataFrame, rows: list[tuple[AuditRow | None, str | None]],
               limits: Mapping[str, Sequence[KurvaLimit]] | None) -> pd.DataFrame:
        protected: list[tuple[int | None, list[int | None], str | None]] = [
            (None, [None] * len(cells), reason) if r is None
            else (r.n, list(r.cells), AUDIT if r.escalated else reason) for r, reason in rows]
        return apply_rows(frame, protected, m, cells, limits)

    kept = [i for i, (r, _) in enumerate(units) if r is not None]
    unit_out = finish(unit.iloc[kept].reset_index(drop=True), [units[i] for i in kept], None)
    return finish(office, offices, kurva_limits), unit_out, summary


def _systems(live: list[AuditRow], history: PublishedRecord,
             summary: AuditSummary) -> list[_System]:
    """Every set of rows over the same people, in a fixed order: an office and its units in a
    period, each group in two periods, each row and what earlier builds published for it."""
    systems: list[_System] = []
    by_key = {r.key: r for r in live}
    units: dict[tuple[str, str], list[AuditRow]] = defaultdict(list)
    for r in live:
        if r.key[0] == "unit":
            units[(r.key[1], r.key[3])].append(r)
    for r in live:
        children = units.get((r.key[1], r.key[3]), [])
        if r.key[0] == "kantor" and children:
            systems.append(_System("hierarchy", (r, *sorted(children, key=lambda c: c.key))))
            summary.hierarchies += 1
    groups: dict[tuple[str, ...], list[AuditRow]] = defaultdict(list)
    for r in live:
        groups[r.key[:3]].append(r)
    for key, published in sorted(history.rows.items()):
        if key[:3] in groups and key not in by_key:  # a period only earlier builds showed
            groups[key[:3]] += [AuditRow(key, n, fixed=list(old)) for n, old in published]
    for members in groups.values():
        members.sort(key=lambda r: period_sort_key(r.key[3]))
        for earlier, later in combinations(members, 2):
            if earlier.key[3] != later.key[3] and (earlier.fixed is None or later.fixed is None):
                systems.append(_System("period", (earlier, later)))
                summary.period_pairs += 1
    for key, published in sorted(history.rows.items()):
        row = by_key.get(key)
        if row is None or row.values is None:
            continue
        for n, old in published:
            same_people = n == row.n and all(c is None or c == row.values[j]
                                            for j, c in enumerate(old))
            if same_people:  # the same counts: what was published is known now
                row.known.update({j: c for j, c in enumerate(old) if c is not None})
            elif list(old) != row.cells:
                systems.append(_System("history", (AuditRow(key, n, fixed=list(old)), row)))
                summary.history_pairs += 1
    for r in live:
        if r.known:  # a row and the cells earlier builds showed of the same counts
            systems.append(_System("history", (r, r)))
    return systems
