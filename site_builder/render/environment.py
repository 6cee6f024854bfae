"""The one Jinja2 environment of the portal: autoescape on for every template (HTML and .md),
plus the escaping, formatting and translation filters templates use."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from site_builder.render import formatting
from site_builder.render.escaping import https_url, md_text, plain_title, slug
from site_builder.render.messages import message

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


def _lang(ctx: Context) -> str:
    return str(ctx.get("lang", "id"))


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


def make_environment() -> Environment:
    """The environment every generated page is rendered with."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
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
    )
    env.globals.update(t=_t, pct=_pct)
    return env
