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


def test_every_rule_file_of_the_folder_fits_its_model() -> None:
    from site_builder.rules.files import FILES, rule_file

    assert {p.name for p in rules.RULES_DIR.glob("*.yml")} == set(FILES)
    for name in FILES:
        rule_file(name)  # raises ConfigError when a file does not fit


@pytest.mark.parametrize(("name", "change", "key"), [
    ("ikm.yml", ('min: "76.61"', 'min: "tujuh puluh"'), "rules.0.bands.1.min"),
    ("ikm.yml", ('min: "76.61"', 'min: "99.00"'), "rules.0.bands"),  # bands out of order
    ("pengaduan.yml", ("      pengaduan: 14\n", ""), "rules.0.selesai_hari_kerja"),
    ("kurva.yml", ('fraksi: "0.70"}', 'fraksi: "0.70", jumlah: 3}'), "rules.0.limits.Istimewa.0"),
    ("predikat.yml", ("Sesuai Ekspektasi: baik", "Sesuai Ekspektasi: bagus"),
     "rules.0.matrix.Di Atas Ekspektasi.Sesuai Ekspektasi"),
    ("jadwal.yml", ("tahunan: {hari: 366, tenggang: 30}", "tahunan: {hari: 0, tenggang: 30}"),
     "rules.0.jadwal.tahunan.hari"),
    ("capaian_scales.yml", ('    version: "1"\n', "", ), "formulas.0.version"),
])
def test_a_bad_rule_file_is_a_config_error_naming_file_and_key(
        tmp_path, name: str, change: tuple[str, str], key: str) -> None:  # type: ignore[no-untyped-def]
    from site_builder.rules.files import FILES, read_rule_file

    text = (rules.RULES_DIR / name).read_text(encoding="utf-8")
    assert change[0] in text
    (tmp_path / name).write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_rule_file(tmp_path / name, FILES[name])
    assert str(err.value).startswith(f"rules file {name}: invalid key '{key}'")
    assert "\n" not in str(err.value)


def test_rule_set_of_the_configuration() -> None:
    from sheets_sync.config import PortalConfig

    cfg = PortalConfig.model_validate({"title": "P", "source": {"kind": "workbook", "path": "x"},
                                       "rules": {"ikm": "kepmenpan-25-2004"},
                                       "capaian": {"cap": 150.5}})
    rs = rules.rule_set(cfg)
    assert rs is rules.rule_set(cfg)  # built once
    assert rs.ikm.rule.id == "kepmenpan-25-2004" and rs.capaian_cap == Decimal("150.5")
    assert rs.versions() == {
        "capaian": "permenpanrb-8-2021@1+lkjip-5@1+batas-150.5",
        "ikm": "kepmenpan-25-2004@1", "predikat": "permenpanrb-6-2022@1",
        "kurva": "se-menpanrb-3-2023@1", "pengaduan": "sp4n-lapor@1+libur@2026-1",
        "jadwal": "jadwal-portal@1", "sampel": "krejcie-morgan-1970@1"}
    assert {k: (c.days, c.grace) for k, c in rs.jadwal.cadences.items()} == {
        "bulanan": (31, 10), "triwulanan": (92, 14), "semesteran": (183, 21),
        "tahunan": (366, 30)}
