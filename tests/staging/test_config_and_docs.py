"""Config loading errors name the key; every CLI command and config key is documented."""
from __future__ import annotations

from pathlib import Path

import pytest

from sheets_sync.config import PortalConfig, load_config
from sheets_sync.errors import ConfigError
from site_builder.cli import COMMANDS, _parser

ROOT = Path(__file__).resolve().parents[2]


def test_smallest_config_and_relative_paths(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    cfg = tmp_path / "sub" / "portal.yml"
    cfg.write_text("title: Portal\nsource:\n  kind: workbook\n  path: ../data\n")
    config = load_config(cfg)
    assert config.source.path == (tmp_path / "data").resolve()
    assert config.state_dir == (tmp_path / "sub" / ".kinerja").resolve()
    assert config.capaian.cap == 120 and config.privacy.min_group == 10
    assert config.languages == ["id", "en"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("title: P\nsource: {kind: workbook}\n", "source"),
        ("title: P\nsource: {kind: ftp, path: x}\n", "source.kind"),
        ("title: P\nsource: {kind: workbook, path: x}\nprivacy: {min_cell: 0}\n",
         "privacy.min_cell"),
        ("title: P\nsource: {kind: workbook, path: x}\ncolour: red\n", "colour"),
        ("source: {kind: workbook, path: x}\n", "title"),
    ],
)
def test_invalid_config_names_the_key(tmp_path: Path, text: str, key: str):
    cfg = tmp_path / "portal.yml"
    cfg.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert f"'{key}'" in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(("text", "key", "known"), [
    ("rules: {ikm: permenpan-lama}\n", "rules.ikm", "permenpanrb-14-2017, kepmenpan-25-2004"),
    ("capaian: {scale: skala-3}\n", "capaian.scale", "lkjip-5"),
    ("rules: {jadwal: mingguan}\n", "rules.jadwal", "jadwal-portal"),
])
def test_unknown_rule_id_fails_at_load_with_the_known_ids(tmp_path: Path, text: str, key: str,
                                                          known: str):
    cfg = tmp_path / "portal.yml"
    cfg.write_text("title: P\nsource: {kind: workbook, path: x}\n" + text)
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert f"'{key}'" in str(err.value) and f"(known: {known})" in str(err.value)


def test_time_zone_of_the_portal(tmp_path: Path):
    from datetime import UTC, datetime

    cfg = tmp_path / "portal.yml"
    cfg.write_text("title: P\nsource: {kind: workbook, path: x}\ntimezone: Asia/Jayapura\n")
    config = load_config(cfg)
    # 16:30 UTC is 23:30 WIB (Jakarta, UTC+7) but already 01:30 the next day WIT (UTC+9)
    moment = datetime(2025, 6, 30, 16, 30, tzinfo=UTC)
    assert str(config.local_date(moment)) == "2025-07-01"
    assert str(PortalConfig.model_validate({"title": "P", "source": {"path": "x"}})
               .local_date(moment)) == "2025-06-30"
    cfg.write_text("title: P\nsource: {kind: workbook, path: x}\ntimezone: Asia/Bandung\n")
    with pytest.raises(ConfigError, match="'timezone'"):
        load_config(cfg)


def test_missing_config_is_a_one_line_error(tmp_path: Path):
    with pytest.raises(ConfigError):
        load_config(tmp_path / "nope.yml")


def test_readme_tables_are_generated_from_the_code():
    """The config and exit-code tables of the README are exactly what the code declares
    (regenerate with `python -m sheets_sync.reference README.md`)."""
    from sheets_sync.reference import config_keys, updated

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert updated(readme) == readme, "README tables out of date: python -m sheets_sync.reference"
    keys = [key for key, _, _ in config_keys()]
    assert "source.kind" in keys and "privacy.min_cell" in keys and "config_path" not in keys
    for key, _, help_text in config_keys():
        assert f"| `{key}` |" in readme and help_text, key


def test_every_exception_maps_to_a_documented_exit_code():
    from sheets_sync import errors

    classes = [c for c in vars(errors).values()
               if isinstance(c, type) and issubclass(c, errors.PortalError)]
    assert {c.exit_code for c in classes} <= set(errors.EXIT_CODES)
    assert len({c.exit_code for c in classes}) == len(classes)  # one code per kind of problem
    assert errors.CHECK_FOUND_ERRORS == 1 and errors.EXIT_CODES[0] == "success"


def test_every_cli_command_is_documented():
    readme = (ROOT / "README.md").read_text()
    sub = next(a for a in _parser()._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
    for name in COMMANDS:
        assert f"`kinerja {name}" in readme, f"command {name} missing from README"
