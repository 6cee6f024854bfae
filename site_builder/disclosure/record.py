"""The private record of every published distribution cell (issue 13): once a cell is public it
stays public, so each build is audited against what earlier builds published.

`<state_dir>/disclosure/published.json` (private, never in the site):
    {"version": 1, "rows": [{"tabel": "kantor"|"unit", "kantor_kode": ..., "unit_kerja": ...,
                             "periode": ..., "jumlah_pegawai": n, "sel": [5 counts or null]}]}
One entry per distinct row ever published for a group and period. Written only after a publish
succeeded (`site_builder.pipeline.build`), read at the start of the next build."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sheets_sync.snapshots import atomic_write_text
from site_builder.rules import PREDIKAT_KEYS

RECORD_FILE = Path("disclosure") / "published.json"
Key = tuple[str, str, str, str]  # (tabel, kantor_kode, unit_kerja or "", periode)
Published = tuple[int, tuple[int | None, ...]]  # (jumlah_pegawai, cells)


@dataclass
class PublishedRecord:
    """Every distribution row published so far, by group and period."""

    rows: dict[Key, list[Published]] = field(default_factory=dict)

    @classmethod
    def read(cls, state_dir: Path) -> PublishedRecord:
        path = Path(state_dir) / RECORD_FILE
        if not path.is_file():
            return cls()
        doc = json.loads(path.read_text(encoding="utf-8"))
        out = cls()
        for r in doc.get("rows", []):
            key = (r["tabel"], r["kantor_kode"], r.get("unit_kerja") or "", r["periode"])
            out.add(key, (int(r["jumlah_pegawai"]), tuple(r["sel"])))
        return out

    def add(self, key: Key, row: Published) -> None:
        known = self.rows.setdefault(key, [])
        if row not in known:
            known.append(row)

    def with_published(self, kantor: pd.DataFrame, unit: pd.DataFrame) -> PublishedRecord:
        """This record plus the rows of the two distribution marts that show a total."""
        out = PublishedRecord({k: list(v) for k, v in self.rows.items()})
        for tabel, frame in (("kantor", kantor), ("unit", unit)):
            units = frame["unit_kerja"].tolist() if "unit_kerja" in frame else [""] * len(frame)
            cells = frame[list(PREDIKAT_KEYS)].itertuples(index=False, name=None)
            for kode, u, p, n, c in zip(frame["kantor_kode"].tolist(), units,
                                        frame["periode"].tolist(),
                                        frame["jumlah_pegawai"].tolist(), cells, strict=True):
                if n is not None:
                    out.add((tabel, str(kode), str(u or ""), str(p)),
                            (int(n), tuple(None if v is None else int(v) for v in c)))
        return out

    def write(self, state_dir: Path) -> None:
        rows = [{"tabel": k[0], "kantor_kode": k[1], "unit_kerja": k[2] or None,
                 "periode": k[3], "jumlah_pegawai": n, "sel": list(c)}
                for k in sorted(self.rows) for n, c in self.rows[k]]
        atomic_write_text(Path(state_dir) / RECORD_FILE,
                          json.dumps({"version": 1, "rows": rows}, ensure_ascii=False) + "\n")
