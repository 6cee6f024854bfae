"""The one escaping path for untrusted sheet text: Markdown + HTML escaping, https-only URLs,
and hostile text through whole generated pages (property tests)."""
from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from mkdocs.utils.yaml import yaml_load

from site_builder.render.environment import make_environment
from site_builder.render.escaping import collapse, https_url, md_text, plain_title
from site_builder.render.history import Changes
from site_builder.render.pages import PageWriter
from site_builder.render.view import build_model
from tests.fixtures.marts import make_marts
from tests.site.fixtures import NOW, make_config

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "a | b | c",
    "**tebal** _miring_ `kode`",
    "# judul\n\n- daftar\n> kutipan",
    "<a href='javascript:alert(1)'>x</a>",
    "{: onclick=alert(1) }",
    "=== \"Tab\"",
    "!!! note",
    "&lt;script&gt; &#106;avascript:",
    "\\|",
    "https://evil.example/<script>",
]


def _markdown() -> markdown.Markdown:
    """Python-Markdown configured exactly like mkdocs.yml."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as fh:
        cfg = yaml_load(fh)
    names, configs = [], {}
    for ext in cfg["markdown_extensions"]:
        if isinstance(ext, dict):
            (name, conf), = ext.items()
            names.append(name)
            configs[name] = conf or {}
        else:
            names.append(ext)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def _render_text(value: str) -> str:
    tpl = make_environment().from_string(
        "Teks: {{ v|md }}\n\n| a | b |\n|---|---|\n| {{ v|md }} | z |\n")
    return _markdown().convert(tpl.render(v=value))


class _Inspect(HTMLParser):
    """Collects elements, attributes and table rows of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.rows: list[int] = []
        self._cells = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "tr":
            self._cells = 0
        if tag in ("td", "th"):
            self._cells += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self.rows.append(self._cells)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _inspect(text: str) -> _Inspect:
    p = _Inspect()
    p.feed(text)
    return p


def _no_markup_from_data(doc: _Inspect, allowed: set[str]) -> None:
    for tag, attrs in doc.tags:
        assert tag in allowed, f"unexpected element <{tag}> from data"
        for k, v in attrs.items():
            assert not k.startswith("on"), f"event handler {k} from data"
            assert not v.strip().lower().startswith("javascript:"), "javascript: URL from data"


# --------------------------------------------------------------------------- unit


@pytest.mark.parametrize("value", HOSTILE)
def test_md_text_renders_hostile_text_as_visible_text(value: str) -> None:
    out = _render_text(value)
    doc = _inspect(out)
    _no_markup_from_data(doc, {"p", "table", "thead", "tbody", "tr", "th", "td"})
    assert doc.rows == [2, 2]  # header row + one body row: the pipe did not add a column
    assert collapse(value) in "".join(doc.text)


def test_md_text_escapes_markdown_and_html() -> None:
    assert md_text("*a* [b](c) <i> & |") == r"\*a\* \[b\]\(c\) &lt;i&gt; &amp; \|"
    assert md_text("baris 1\nbaris 2\r\n\tbaris 3") == "baris 1 baris 2 baris 3"
    assert md_text(None) == ""
    assert md_text(float("nan")) == ""


def test_md_text_is_not_escaped_twice_by_the_environment() -> None:
    env = make_environment()
    assert env.from_string("{{ v|md }}").render(v="a < b & c") == "a &lt; b &amp; c"
    assert env.from_string("{{ v }}").render(v="<b>") == "&lt;b&gt;"  # autoescape is on


@pytest.mark.parametrize(("value", "expected"), [
    ("https://dinkes.contoh.go.id", "https://dinkes.contoh.go.id"),
    ("https://contoh.go.id/a?b=1&c=2#x", "https://contoh.go.id/a?b=1&c=2#x"),
    ("http://contoh.go.id", None),
    ("javascript:alert(1)", None),
    ("JAVASCRIPT:alert(1)", None),
    ("data:text/html,<script>", None),
    ("//evil.example", None),
    ("https://", None),
    ('https://x.id" onmouseover="alert(1)', None),
    ("https://user:pw@x.id", None),
    ("https://x.id/<script>", None),
    (" https://x.id ", "https://x.id"),
    (None, None),
])
def test_https_url(value: object, expected: str | None) -> None:
    assert https_url(value) == expected


def test_plain_title_keeps_only_safe_characters() -> None:
    assert plain_title('Dinas "Kesehatan" <script>: A&B') == "Dinas Kesehatan script A B"
    assert plain_title("") == "-"
    for ch in "<>&\"'\\:#{}[]|`":
        assert ch not in plain_title(f"x{ch}y")


@given(st.text())
def test_md_text_property_never_emits_markup(value: str) -> None:
    out = _render_text(value)
    doc = _inspect(out)
    _no_markup_from_data(doc, {"p", "table", "thead", "tbody", "tr", "th", "td"})
    assert doc.rows == [2, 2]


# --------------------------------------------------------------------------- whole pages


_hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.sampled_from(list("<>&\"'`*_[]()#!|\\{}:=-+.~ \nabcjavscript")),
            min_size=1, max_size=40),
)


# Fewer examples than the profile: each one renders every page of the fixture portal
# (~0.1 s); the markup rules themselves are checked with the profile's count above.
@settings(max_examples=20)
@given(text=_hostile_text)
def test_hostile_sheet_text_through_generated_pages(
        text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Office name, indicator name, explanation, unit name and public reason are all `text`;
    on every generated page they appear as text, never as markup."""
    tmp = tmp_path_factory.mktemp("hostile")
    config = make_config(tmp)
    names = {"DINKES": text, "RSUD": text}
    model = build_model(make_marts(text=text, names=names), config, NOW)
    writer = PageWriter(model, Changes(previous_at=datetime(2025, 1, 1, tzinfo=UTC)),
                        [], {}, {"id": None, "en": None})
    md = _markdown()
    for lang in ("id", "en"):
        docs = tmp / lang
        writer.write_language(docs, lang, site_prefix="")
        for page in ["index.md", "status.md", "sektor.md", "kantor/dinkes.md", "kantor/rsud.md"]:
            source = (docs / page).read_text(encoding="utf-8")
            front, body = source.split("---\n", 2)[1:]
            assert "<" not in front and "&" not in front, "sheet text leaked into front matter"
            doc = _inspect(md.reset().convert(body))
            for tag, attrs in doc.tags:
                assert tag not in ("script", "iframe", "object", "embed", "style"), page
                assert not any(k.startswith("on") for k in attrs), page
                for k in ("href", "src"):
                    v = attrs.get(k, "").strip().lower()
                    assert not v.startswith(("javascript:", "data:", "vbscript:")), page
            rows = [n for n in doc.rows]
            assert rows, page
            visible = " ".join("".join(doc.text).split())
            if collapse(text) and page.startswith("kantor/"):
                assert " ".join(collapse(text).split()) in visible, page
        charts = list(docs.rglob("*.svg"))
        assert charts, "no chart drawn"
        for chart in charts:  # unit and sector names are chart labels: text, never markup
            root = etree.fromstring(chart.read_bytes())
            for element in root.iter():
                assert not str(element.tag).endswith(("script", "foreignObject")), chart
                assert not any(str(k).lower().startswith("on") for k in element.attrib), chart
        status = _inspect(md.reset().convert((docs / "status.md").read_text().split("---\n", 2)[2]))
        assert set(status.rows) == {8}, "status table lost or gained a column"


def test_pages_drop_bidirectional_overrides_and_zero_width_characters() -> None:
    assert md_text("Dinas\u202e Kes\u200behatan\u2069") == "Dinas Kesehatan"
    assert plain_title("Dinas\u202eKesehatan") == "DinasKesehatan"
    assert collapse("\u200b\u200e") == ""
