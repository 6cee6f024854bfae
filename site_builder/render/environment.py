"""The one Jinja2 environment of the portal: autoescape on for every template (HTML and .md),
plus the escaping, formatting and translation filters templates use."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from site_builder.render import formatting
from site_builder.render.escaping import https_url, md_text, plain_title, slug
from site_builder.render.strings import message

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


def _lang(ctx: Context) -> str:
    """`ctx.get("lang", "id")`, read the way `Context.resolve_or_missing` does, without its
    call layers (every number on a page asks)."""
    lang = ctx.vars["lang"] if "lang" in ctx.vars else ctx.parent.get("lang", "id")
    return lang if type(lang) is str else str(lang)


@pass_context
def _t(ctx: Context, key: str, **values: object) -> str:
    return message(key, _lang(ctx), **values)


@pass_context
def _num(ctx: Context, value: object, places: int = 2) -> str:
    return formatting.format_number(value, _lang(ctx), places)


@pass_context
def _signed(ctx: Context, value: object, places: int = 2) -> str:
    return formatting.format_signed(value, _lang(ctx), places)


@pass_context
def _pct(ctx: Context, part: object, whole: object, places: int = 1) -> str:
    """`part|pct(whole)`: a filter, because a context function called in a loop costs Jinja
    a new context per call."""
    return formatting.format_percent(part, whole, _lang(ctx), places)


@pass_context
def _day(ctx: Context, value: object) -> str:
    return formatting.format_day(value, _lang(ctx))


@pass_context
def _period(ctx: Context, value: object) -> str:
    return formatting.format_period(value, _lang(ctx))


def _sortkey(value: object) -> str:
    """Plain machine number for `data-sort` (tablesort); empty for blanks."""
    d = formatting.to_decimal(value)
    return "" if d is None else format(d, "f")


@pass_context
def _num_cell(ctx: Context, value: object, places: int = 2) -> Markup:
    """`<td class="pk-num" data-sort="…">…</td>` for a number: the table cell of numeric
    columns, built here rather than by a macro (pages have thousands; a filter is also
    cheaper to call than a global function)."""
    if (isinstance(value, float) and value == value) or (
            isinstance(value, Decimal) and not value.is_nan()):  # cached by its exact text
        return _num_cell_of(str(value), _lang(ctx), places)
    d = formatting.to_decimal(value)
    if d is None:
        return Markup(f'<td class="pk-num" data-sort="">{escape(formatting.DASH)}</td>')
    return _num_cell_html(d, _lang(ctx), places)


@lru_cache(maxsize=1 << 16)
def _num_cell_of(text: str, lang: str, places: int) -> Markup:
    """The cell of a float or Decimal by its exact text (`to_decimal` of either is
    `Decimal(str(value))`): the history tables repeat the same targets and achievements
    thousands of times across offices and periods."""
    return _num_cell_html(Decimal(text), lang, places)


def _num_cell_html(d: Decimal, lang: str, places: int) -> Markup:
    number = formatting.format_number(d, lang, places)
    return Markup(f'<td class="pk-num" data-sort="{escape(format(d, "f"))}">{escape(number)}'
                  "</td>")


def _card_labels(labels: dict[int, str]) -> Markup:
    """` style="--pk-l2:'…';…"`: the short column names a table shows in each card on a phone
    (by column number, 1 = the row's header; portal.css puts `--pk-lN` before the N-th cell),
    set once per table rather than on every cell. Our own words only, never sheet text."""
    def css(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    style = ";".join(f"--pk-l{n}:{css(label)}" for n, label in sorted(labels.items()))
    return Markup(f' style="{escape(style)}"')


@pass_context
def _count_cell(ctx: Context, value: object) -> Markup:
    """A cell of the predikat table: a count, or a blank, which is a count withheld for privacy."""
    if value is None:
        return Markup(f'<td class="pk-num pk-suppressed">{escape(_t(ctx, "suppressed"))}</td>')
    number = formatting.format_number(value, _lang(ctx), 0)
    return Markup(f'<td class="pk-num">{escape(number)}</td>')


def make_environment() -> Environment:
    """The environment every generated page is rendered with."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat() per page
    )
    env.filters.update(
        md=md_text,
        https_url=https_url,
        plain_title=plain_title,
        slug=slug,
        num=_num,
        signed=_signed,
        day=_day,
        period=_period,
        sortkey=_sortkey,
        pct=_pct,
        num_cell=_num_cell,
        count_cell=_count_cell,
    )
    env.globals.update(t=_t, card_labels=_card_labels)
    return env
