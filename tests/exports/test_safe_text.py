"""safe_text_cell: the formula-injection guard of every CSV/XLSX text cell (PRODUCT.md §8)."""
from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.exports.safe_text import TRIGGER_CHARACTERS, is_dangerous_text, safe_text_cell

REQUIRED_TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n",
                     "\uff1d", "\uff0b", "\uff0d", "\uff20"]  # ＝ ＋ － ＠


def _first_visible(text: str) -> str:
    """First character that is not whitespace or an invisible format character."""
    for ch in text:
        if not (ch.isspace() or unicodedata.category(ch) == "Cf"):
            return ch
    return ""


@pytest.mark.parametrize(("text", "expected"), [
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("+1", "'+1"),
    ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("\nx", "'\nx"),
    ("＝1+1", "'＝1+1"),
    ("＋1", "'＋1"),
    ("－1", "'－1"),
    ("＠A1", "'＠A1"),
    ("  =1+1", "'  =1+1"),
    ("\u00a0\u3000-2", "'\u00a0\u3000-2"),
    ("\u200b=1", "'\u200b=1"),
])
def test_dangerous_text_is_prefixed(text: str, expected: str) -> None:
    assert safe_text_cell(text) == expected


@pytest.mark.parametrize("text", [
    "", "   ", "Dinas Kesehatan", "Kafé Kémayoran", "1+1", "a=b", "87,50", "'=already quoted",
    "2025-TW1", "e-KTP", "x-5",
])
def test_harmless_text_is_unchanged(text: str) -> None:
    assert safe_text_cell(text) == text


@pytest.mark.parametrize("value", [
    Decimal("-5"), Decimal("87.50"), -5, -5.5, 0, True, False, None,
    date(2025, 1, 2), datetime(2025, 1, 2, 3, 4), b"=bytes",
])
def test_non_strings_pass_unchanged(value: object) -> None:
    assert safe_text_cell(value) is value


def test_required_triggers_are_declared() -> None:
    assert set(REQUIRED_TRIGGERS) <= TRIGGER_CHARACTERS


@given(st.text())
def test_output_never_starts_dangerous_and_prefix_is_reversible(text: str) -> None:
    out = safe_text_cell(text)
    assert out[:1] not in TRIGGER_CHARACTERS
    assert _first_visible(out) not in TRIGGER_CHARACTERS
    assert out.lstrip()[:1] not in TRIGGER_CHARACTERS
    if out != text:
        assert out == "'" + text
        assert out[1:] == text
        assert is_dangerous_text(text)


@given(st.text(alphabet=st.sampled_from(" \u00a0\u3000\u200b\ufeff"), max_size=5),
       st.sampled_from(REQUIRED_TRIGGERS), st.text())
def test_any_trigger_after_leading_whitespace_is_prefixed(lead: str, trigger: str,
                                                          rest: str) -> None:
    text = lead + trigger + rest
    assert safe_text_cell(text) == "'" + text


@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                 st.decimals(allow_nan=True), st.dates(), st.datetimes()))
def test_any_non_string_is_returned_as_is(value: object) -> None:
    assert safe_text_cell(value) is value
