"""The Metodologi page is generated from the rule data, in both languages."""
from __future__ import annotations

import pytest

from site_builder.render.metodologi import metodologi_markdown

from .conftest import make_config


def test_indonesian_page_holds_every_threshold() -> None:
    text = metodologi_markdown(make_config(), "id")
    for expected in ("| Sangat Baik | ≥ 91 |", "| Baik | 76 – < 91 |", "| Sangat Kurang | < 51 |",
                     "| 88,31 – 100,00 | A | Sangat Baik |", "| 65,00 – 76,60 | C | Kurang Baik |",
                     "| **Di Bawah Ekspektasi** | Sangat Kurang | Butuh Perbaikan | "
                     "Butuh Perbaikan |",
                     "Baik paling banyak 14 dari 20 pegawai (70%)", "**10**", "**5**",
                     "| Pengaduan | 14 |", "`permenpanrb-14-2017@1`", "`se-menpanrb-3-2023@1`",
                     "120 %", "2025-04-01", "SKB 3 Menteri"):
        assert expected in text, expected


def test_english_page_and_selected_rules() -> None:
    cfg = make_config(rules={"ikm": "kepmenpan-25-2004"}, capaian={"cap": None},
                      privacy={"min_group": 12, "min_cell": 3})
    text = metodologi_markdown(cfg, "en")
    assert "| 81.26 – 100.00 | A | Very good |" in text
    assert "not capped" in text
    assert "**12**" in text and "**3**" in text
    assert "| **Above expectation** | Poor/Misconduct | Good | Very good |" in text


def test_unknown_language() -> None:
    with pytest.raises(ValueError):
        metodologi_markdown(make_config(), "fr")


def test_the_private_follow_up_rule_is_explained_without_any_person() -> None:
    text = metodologi_markdown(make_config(), "id")
    section = text[text.index("## Tindak lanjut untuk kepala kantor (privat)"):
                   text.index("## Versi aturan")]
    assert "| Butuh Perbaikan | Rencana pengembangan hasil kerja" in section
    assert "kebijakan instansi (bawaan portal)" in section and "Pasal 5" in section
    assert "| Turun | Predikat turun" in section and "| Tetap |" not in section
    assert "| Tindak lanjut (privat) | `permenpanrb-6-2022@1` |" in text
    own = make_config(tindak_lanjut={"penghargaan_berturut": 2})
    english = metodologi_markdown(own, "en")
    assert "## Follow-up for the office head (private)" in english
    assert "Very good for 2 periods running" in english
    assert "`permenpanrb-6-2022@1+portal.yml(penghargaan_berturut)`" in english
