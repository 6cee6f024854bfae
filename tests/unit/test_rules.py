"""The rule data files: every rule carries identity and source; unknown ids are config errors."""
from __future__ import annotations

from decimal import Decimal

import pytest

from sheets_sync.errors import ConfigError
from site_builder import rules


def test_every_rule_has_id_version_source_and_both_languages() -> None:
    all_rules = [
        rules.capaian_formula(),
        rules.capaian_scale("lkjip-5").rule,
        rules.ikm_rule("permenpanrb-14-2017").rule,
        rules.ikm_rule("kepmenpan-25-2004").rule,
        rules.predikat_rule("permenpanrb-6-2022"),
        rules.kurva_rule("se-menpanrb-3-2023")[0],
        rules.pengaduan_rule("sp4n-lapor").rule,
    ]
    for rule in all_rules:
        assert rule.id and rule.version and rule.sumber
        assert rule.description("id") and rule.description("en")
        assert rule.tag == f"{rule.id}@{rule.version}"


def test_thresholds_are_exact_decimals() -> None:
    bands = rules.ikm_rule().bands
    assert [b.min for b in bands] == [Decimal("88.31"), Decimal("76.61"), Decimal("65.00"),
                                      Decimal("25.00")]
    assert [b.code for b in bands] == ["A", "B", "C", "D"]
    old = rules.ikm_rule("kepmenpan-25-2004").bands
    assert [b.min for b in old] == [Decimal("81.26"), Decimal("62.51"), Decimal("43.76"),
                                    Decimal("25.00")]


@pytest.mark.parametrize("loader", [rules.capaian_scale, rules.ikm_rule, rules.predikat_rule,
                                    rules.kurva_rule, rules.pengaduan_rule])
def test_unknown_rule_id_is_a_config_error(loader) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="tidak-ada"):
        loader("tidak-ada")


def test_predikat_labels_and_input_aliases() -> None:
    assert rules.predikat_labels()["kurang"]["id"] == "Kurang/Misconduct"
    assert rules.predikat_key("Kurang") == "kurang"
    assert rules.predikat_key("Kurang/Misconduct") == "kurang"
    assert rules.predikat_key("  sangat   baik ") == "sangat_baik"
    assert rules.predikat_key("Istimewa") is None


def test_holidays_cover_2024_to_2026() -> None:
    rule = rules.pengaduan_rule()
    years = {d.year for d in rule.holidays}
    assert years == {2024, 2025, 2026}
    assert rule.selesai_hari_kerja == {"informasi": 5, "aspirasi": 5, "pengaduan": 14,
                                       "pengaduan_berpengawasan": 60}
    assert rule.tanggapan_hari_kerja == 3
