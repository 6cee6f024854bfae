"""The office pages in the site search: a compact document per office, per indicator and per
service unit, added to each language's `search/search_index.json` after `mkdocs build`.

Material's search plugin indexes the text of every page, cut into sections at headings. The
office pages are left out of it (`search: exclude: true`): whole pages of tables would make the
index too big for a phone and rank numbers above names. Instead each office gets

- its page (`kantor/<slug>/`): title = the office's name, tag = its code (Material's tag field
  is boosted most, so "DINKES" finds the office first), text = sector and latest index;
- one section per indicator (`kantor/<slug>/#ik-<code>`): title = the indicator's name, text =
  its code;
- one section per service unit (`kantor/<slug>/#unit-<name>`): title = the unit's name.

Material's client groups results by page and shows the page (the office) above its matching
sections, so "stunting" lists the offices with such an indicator, each with the indicator as
its link. The documents follow Material's index format (`location`, `title`, `text`, `tags`),
the office's page before its sections as Material's document map expects."""
from __future__ import annotations

import json
from html import escape as _escape
from pathlib import Path
from typing import Any

from site_builder.render.anchors import indicator_anchors, unit_anchors
from site_builder.render.formatting import format_number, format_period
from site_builder.render.strings import message
from site_builder.render.view import SiteModel

INDEX = Path("search") / "search_index.json"


def escape(text: str) -> str:
    """Sheet text for the index as the search plugin escapes page text (`& < >`; Material's
    client puts titles and texts into the page as HTML)."""
    return _escape(text, quote=False)


def office_documents(model: SiteModel, lang: str) -> list[dict[str, Any]]:
    """The search documents of every office page in `lang`."""
    docs: list[dict[str, Any]] = []
    sector_word = message("office.sector", lang)
    index_word = message("office.index", lang)
    for o in model.offices:
        page = f"kantor/{o.slug}/"
        facts = [escape(o.kode)]
        if o.sektor:
            facts.append(f"{sector_word} {escape(o.sektor)}")
        row = o.latest
        if row is not None and row.get("indeks_kinerja") is not None:
            category = row.get("kategori_en") if lang == "en" else row.get("kategori")
            facts.append(f"{index_word} {format_number(row.get('indeks_kinerja'), lang)}"
                         + (f" ({escape(str(category))})" if category else "")
                         + f", {format_period(row.get('periode'), lang)}")
        docs.append({"location": page, "title": escape(o.nama), "text": " · ".join(facts),
                     "tags": [o.kode]})
        anchors = indicator_anchors(r.get("indikator_kode") for r in o.indikator)
        for r in o.indikator:
            code = str(r.get("indikator_kode"))
            docs.append({"location": f"{page}#{anchors[code]}",
                         "title": escape(str(r.get("indikator_nama") or code)),
                         "text": escape(code)})
        units = unit_anchors(u.get("unit_layanan") for u in o.skm)
        for name, anchor in units.items():
            docs.append({"location": f"{page}#{anchor}", "title": escape(name), "text": ""})
    return docs


def add_office_documents(site_root: Path, model: SiteModel, languages: list[str],
                         engine: str = "mkdocs") -> None:
    """Append the office documents to the search index of each built language (Indonesian at
    the site's root, others in `<lang>/`), in the index format of the site `engine`; a language
    without an index is left alone."""
    if engine == "zensical":
        _add_to_zensical(site_root, model, languages)
        return
    for lang in languages:
        path = site_root / (INDEX if lang == "id" else Path(lang) / INDEX)
        if not path.is_file():
            continue
        index = json.loads(path.read_text(encoding="utf-8"))
        index["docs"] = [d for d in index.get("docs", [])
                         if not str(d.get("location", "")).startswith("kantor/")]
        index["docs"] += office_documents(model, lang)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")


ZENSICAL_INDEX = Path("search.json")


def zensical_items(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Material's documents in the shape of Zensical's search index (`search.json`, key
    `items`: `location`, `level` — 1 for a page, 2 for a section —, `title`, `text`, `path` —
    the titles above it —, `tags`)."""
    items: list[dict[str, Any]] = []
    page_title = ""
    for d in docs:
        section = "#" in d["location"]
        if not section:
            page_title = d["title"]
        items.append({"location": d["location"], "level": 2 if section else 1,
                      "title": d["title"], "text": d["text"],
                      "path": [page_title] if section else [], "tags": list(d.get("tags", []))})
    return items


def _add_to_zensical(site_root: Path, model: SiteModel, languages: list[str]) -> None:
    for lang in languages:
        path = site_root / (ZENSICAL_INDEX if lang == "id" else Path(lang) / ZENSICAL_INDEX)
        if not path.is_file():
            continue
        index = json.loads(path.read_text(encoding="utf-8"))
        index["items"] = [i for i in index.get("items", [])
                          if not str(i.get("location", "")).startswith("kantor/")]
        index["items"] += zensical_items(office_documents(model, lang))
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
