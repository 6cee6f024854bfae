"""Generated pages: the site model -> Markdown files (with raw HTML tables) and SVG charts in a
docs folder, one folder per language. Rendering happens here, before `mkdocs build`."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment

from sheets_sync.contracts import SKM_UNSUR
from site_builder.compute.profil import REPORT_STATES
from site_builder.render import charts as ch
from site_builder.render.anchors import SECTIONS, indicator_anchors, unique, unit_anchors
from site_builder.render.environment import make_environment
from site_builder.render.formatting import format_number, format_period, to_decimal
from site_builder.render.history import Changes
from site_builder.render.office_list import office_groups, ranked
from site_builder.render.strings import message
from site_builder.render.view import OfficeView, SiteModel
from site_builder.rules import RuleSet

PREDIKAT_KEYS = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
_SVG_SIZE = re.compile(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"')


def unsur_names(lang: str) -> list[str]:
    """The 9 SKM unsur in PermenPANRB 14/2017 order."""
    return [u.nama_en if lang == "en" else u.nama for u in SKM_UNSUR]


def ikm_good_threshold(rule_set: RuleSet) -> tuple[float, str]:
    """Lower bound of IKM grade B ("Baik") in the run's rule, for the chart's line."""
    band = next(b for b in rule_set.ikm.bands if b.code == "B")
    assert band.min is not None  # IKM bands all have a lower bound (rules/files.py)
    return float(band.min), format(band.min, "f")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Templates compile once per process."""
    return make_environment()


@dataclass
class Chart:
    """One chart: its two files (a phone's width and a wide screen's), their sizes and its
    text alternative."""

    file: str  # path from the page's folder's parent ("grafik/<stem>.svg")
    wide_file: str
    title: str
    summary: str
    note: str = ""
    width: str = "328"
    height: str = "200"
    wide_width: str = "640"
    wide_height: str = "200"

    def for_page(self, prefix: str) -> dict[str, str]:
        return {"src": prefix + self.file, "wide_src": prefix + self.wide_file,
                "title": self.title, "summary": self.summary, "note": self.note,
                "width": self.width, "height": self.height, "wide_width": self.wide_width,
                "wide_height": self.wide_height}


def _sized(svg: str) -> tuple[str, str]:
    m = _SVG_SIZE.search(svg[:400])
    return (m.group(1), m.group(2)) if m else ("328", "200")


def save_chart(folder: Path, stem: str, chart: ch.LineChart | ch.BarChart, lang: str, *,
               title: str, summary: str, note: str) -> Chart:
    """Draw `chart` at a phone's and a wide screen's width into `folder/<stem>.svg` and
    `folder/<stem>-lebar.svg` (paths in the result relative to `folder`'s parent)."""
    folder.mkdir(parents=True, exist_ok=True)
    narrow, wide = ch.draw(chart, lang), ch.draw(chart, lang, ch.WIDE)
    (folder / f"{stem}.svg").write_text(narrow, encoding="utf-8")
    (folder / f"{stem}-lebar.svg").write_text(wide, encoding="utf-8")
    (w, h), (ww, wh) = _sized(narrow), _sized(wide)
    return Chart(file=f"{folder.name}/{stem}.svg", wide_file=f"{folder.name}/{stem}-lebar.svg",
                 title=title, summary=summary, note=note, width=w, height=h, wide_width=ww,
                 wide_height=wh)


def file_groups(files: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The open-data files by table (`kantor.csv` and `kantor.json` together), in order."""
    groups: dict[str, dict[str, Any]] = {}
    for f in files:
        key = Path(str(f["name"])).stem
        group = groups.setdefault(key, {"title": f.get("title"), "title_en": f.get("title_en"),
                                        "files": []})
        group["files"].append(f)
    return list(groups.values())


def _num(value: object) -> float | None:
    d = to_decimal(value)
    return None if d is None else float(d)


class PageWriter:
    """Writes every generated page of one build; charts are drawn once and shared by languages."""

    def __init__(self, model: SiteModel, changes: Changes,
                 open_data: list[dict[str, Any]], dictionary: dict[str, Any],
                 metodologi: dict[str, str | None]) -> None:
        self.model = model
        self.changes = changes
        self.open_data = open_data
        self.dictionary = dictionary
        self.metodologi = metodologi
        self.env: Environment = _environment()
        self._charts: dict[str, dict[str, ch.LineChart | ch.BarChart]] = {}  # by office slug
        self.charts_drawn = 0
        self._ikm_good = ikm_good_threshold(model.rules)
        self.groups = office_groups(model)
        self.ranking = ranked(model.offices, model.headline.get("periode"))
        self.transform: Callable[[Path, str], str] | None = None
        """Applied to each rendered page's text before it is written (publish lifts the raw
        HTML that goes around the site engine: `site_builder.engines.passthrough`)."""

    # ------------------------------------------------------------------ charts
    def _office_charts(self, o: OfficeView) -> dict[str, ch.LineChart | ch.BarChart]:
        """The charts of one office page, by name."""
        out: dict[str, ch.LineChart | ch.BarChart] = {}
        hist_v = [(str(r["periode"]), v) for r in o.index_history
                  if (v := _num(r.get("indeks_kinerja"))) is not None]
        if hist_v:
            top = max([120.0, *(v for _, v in hist_v)])
            out["indeks"] = ch.line_chart([{"p": p, "v": v} for p, v in hist_v], y_max=top,
                                          reference=100)
        bars_v = [(" · ".join(str(x) for x in (r.get("indikator_kode"), r.get("indikator_nama"))
                              if x), v)
                  for r in o.indikator if (v := _num(r.get("capaian"))) is not None]
        if bars_v:
            top = max([120.0, *(v for _, v in bars_v)])
            out["capaian"] = ch.bar_chart([{"k": k, "v": v} for k, v in bars_v],
                                          x_max=min(top, 200.0), reference=100)
        units = [{"k": str(u.get("unit_layanan")), "v": _num(u.get("ikm"))}
                 for u in o.skm if _num(u.get("ikm")) is not None]
        if units:
            out["ikm"] = ch.bar_chart(units, x_max=100, reference=self._ikm_good[0])
        return out

    def _office_chart_data(self, o: OfficeView) -> dict[str, ch.LineChart | ch.BarChart]:
        """The office's charts by name (worked out once, drawn per language)."""
        if o.slug not in self._charts:
            self._charts[o.slug] = self._office_charts(o)
        return self._charts[o.slug]

    # ------------------------------------------------------------------ summaries
    def _index_summary(self, o: OfficeView, lang: str) -> str:
        rows = [r for r in o.index_history if to_decimal(r.get("indeks_kinerja")) is not None]
        if not rows:
            return ""
        last = rows[-1]
        value = format_number(last["indeks_kinerja"], lang)
        period = format_period(last["periode"], lang)
        delta = to_decimal(last.get("tren"))  # against the previous period of the same kind
        if delta is not None and len(rows) >= 2:
            direction = message("dir.up" if delta > 0 else "dir.down" if delta < 0 else "dir.flat",
                                lang)
            return message("sum.index_change", lang, period=period, value=value,
                           direction=direction, delta=format_number(abs(delta), lang),
                           prev=format_period(rows[-2]["periode"], lang))
        category = (last.get("kategori_en") if lang == "en" else last.get("kategori")) or "–"
        return message("sum.index", lang, period=period, value=value, category=category)

    def _capaian_summary(self, o: OfficeView, lang: str) -> str:
        """The mean capaian and the indicators below target: the kantor row of the period."""
        row = o.indikator_summary
        if row is None or not row.get("indikator_dilaporkan"):
            return ""
        return message("sum.capaian_avg", lang, avg=format_number(row.get("capaian_rata_rata"),
                                                                  lang),
                       below=format_number(row.get("indikator_di_bawah_target"), lang, 0),
                       total=format_number(row.get("indikator_dilaporkan"), lang, 0),
                       period=format_period(o.indikator_period, lang))

    def _ikm_summary(self, o: OfficeView, lang: str) -> str:
        values = [d for u in o.skm if (d := to_decimal(u.get("ikm"))) is not None]
        if not values:
            return ""
        if len(values) == 1:
            return message("sum.ikm_one", lang, period=format_period(o.skm_period, lang),
                           best=format_number(values[0], lang))
        return message("sum.ikm", lang, n=len(values), period=format_period(o.skm_period, lang),
                       best=format_number(max(values), lang), low=format_number(min(values), lang))

    # ------------------------------------------------------------------ pages
    def _context(self, lang: str, root: str, site_root: str, **extra: Any) -> dict[str, Any]:
        return {"lang": lang, "root": root, "site_root": site_root, "config": self.model.config,
                "now": self.model.local_now, **extra}

    def _write(self, path: Path, template: str, context: dict[str, Any]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = self.env.get_template(template).render(context)
        if self.transform is not None:
            text = self.transform(path, text)
        path.write_text(text, encoding="utf-8")

    def write_language(self, docs: Path, lang: str, *, site_prefix: str) -> None:
        """All generated pages of one language into `docs`. `site_prefix` leads from this
        language's root to the site root ("" for Indonesian, "../" for English)."""
        m = self.model
        self._write(docs / "index.md", "beranda.md.j2", self._context(
            lang, "", site_prefix, headline=m.headline, movers=m.movers,
            changes=self.changes, overdue=m.overdue(), groups=self.groups))
        for o in m.offices:
            self.write_office(docs, lang, o, site_prefix=site_prefix)
        period = m.headline.get("periode")
        self._write(docs / "sektor.md", "sektor.md.j2", self._context(
            lang, "../", "../" + site_prefix, groups=self.groups, period=period,
            chart=self._sector_chart(docs, lang)))
        top, others = self.ranking
        self._write(docs / "peringkat.md", "peringkat.md.j2", self._context(
            lang, "../", "../" + site_prefix, period=period,
            top=[(r.office, r.row) for r in top], others=[(o, o.row) for o in others]))
        counts = {s: sum(1 for o in m.offices if o.status.laporan == s) for s in REPORT_STATES}
        self._write(docs / "status.md", "status.md.j2", self._context(
            lang, "../", "../" + site_prefix, offices=m.offices, counts=counts,
            freshness_rule=self._freshness_rule(lang)))
        self._write(docs / "data.md", "data.md.j2", self._context(
            lang, "../", "../" + site_prefix, files=file_groups(self.open_data),
            dictionary=self.dictionary))
        self.write_metodologi(docs, lang)

    def write_office(self, docs: Path, lang: str, o: OfficeView, *, site_prefix: str) -> None:
        titles = {"indeks": message("office.index", lang),
                  "capaian": message("col.capaian", lang),
                  "ikm": message("col.ikm", lang)}
        summaries = {"index": self._index_summary(o, lang),
                     "capaian": self._capaian_summary(o, lang),
                     "ikm": self._ikm_summary(o, lang)}
        summary_of = {"indeks": "index", "capaian": "capaian", "ikm": "ikm"}
        charts: dict[str, dict[str, str] | None] = {"index": None, "capaian": None, "ikm": None}
        for name, data in self._office_chart_data(o).items():
            chart = save_chart(docs / "kantor" / "grafik", f"{o.slug}-{name}", data, lang,
                               title=titles[name], summary=summaries[summary_of[name]],
                               note=message(f"note.{summary_of[name]}", lang,
                                            b=format_number(self._ikm_good[1], lang)))
            self.charts_drawn += 2
            charts[summary_of[name]] = chart.for_page("../")
        sections = [(message(f"sec.{key}", lang), key) for key in SECTIONS if key != "ringkasan"]
        anchors = {"indicators": indicator_anchors(r.get("indikator_kode") for r in o.indikator),
                   "history": unique("riwayat", (h.kode for h in o.indicator_history)),
                   "units": unit_anchors(u.get("unit_layanan") for u in o.skm)}
        self._write(docs / "kantor" / f"{o.slug}.md", "kantor.md.j2", self._context(
            lang, "../../", "../../" + site_prefix, o=o, charts=charts, summaries=summaries,
            unsur=unsur_names(lang), predikat_keys=PREDIKAT_KEYS, sections=sections,
            anchors=anchors))

    def _sector_chart(self, docs: Path, lang: str) -> dict[str, str] | None:
        means: list[tuple[Decimal, str]] = sorted(
            ((d, s.sektor or message("sector.none", lang))
             for s in self.model.sectors if (d := to_decimal(s.mean)) is not None), reverse=True)
        if not means:
            return None
        rows = [{"k": k, "v": float(v)} for v, k in means]
        summary = message("sum.sector", lang, n=len(means), low=format_number(means[-1][0], lang),
                          best=format_number(means[0][0], lang))
        chart = save_chart(docs / "grafik", "sektor", ch.bar_chart(rows, x_max=120, reference=100),
                           lang, title=message("sector.title", lang), summary=summary,
                           note=message("note.sector", lang))
        self.charts_drawn += 2
        return chart.for_page("../")

    def _freshness_rule(self, lang: str) -> str:
        items = [message("fresh.rule_item", lang, name=message(f"cadence.{key}", lang),
                         days=c.days, grace=c.grace)
                 for key, c in self.model.rules.jadwal.cadences.items()]
        return message("fresh.rule_lead", lang, rules="; ".join(items))

    def write_metodologi(self, docs: Path, lang: str) -> None:
        """Metodologi comes from `site_builder.render.metodologi` (trusted Markdown we generate,
        which lists the rule versions itself); without it, a placeholder with the rule versions."""
        body = self.metodologi.get(lang)
        title = message("method.title", lang)
        if not body:
            versions = "\n".join(f"| `{k}` | `{v}` |" for k, v in self.model.rule_versions.items())
            body = (f"{message('method.pending', lang)}\n\n## {message('method.rules', lang)}\n\n"
                    f"| {message('col.rule', lang)} | {message('col.version', lang)} |\n"
                    f"|---|---|\n{versions}\n")
        if not body.lstrip().startswith("# "):
            body = f"# {title}\n\n{body}"
        front = f'---\nhide:\n  - navigation\ntitle: "{title}"\n---\n\n'
        (docs / "metodologi.md").write_text(front + body, encoding="utf-8")
