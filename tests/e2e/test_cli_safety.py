"""Issue 16: safe tools. `demo-data` never writes into a folder that has files (unless --force),
`template` writes only .xlsx names, `serve` on a busy port says so in one line with the
README's exit code, and help, usage errors and config errors speak Bahasa Indonesia first."""
from __future__ import annotations

import socket
from pathlib import Path

import openpyxl
import pytest

from sheets_sync import contracts as C
from sheets_sync.errors import EXIT_CODES, ConfigError, PortalError
from site_builder.cli import COMMANDS, main

USAGE = PortalError.exit_code  # the README's "usage or other program error"


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert err.startswith("kinerja: ") and "Traceback" not in err
    return err.strip()


def test_demo_data_refuses_a_folder_with_files_and_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data-asli"
    (data / "arsip").mkdir(parents=True)
    (data / "kantor.xlsx").write_bytes(b"data kantor yang sebenarnya")
    (data / "arsip" / "DINKES.xlsx").write_bytes(b"lama")
    before = _snapshot(data)
    code = main(["demo-data", "--offices", "2", "--employees", "20", str(data)])
    assert code == USAGE and EXIT_CODES[code] == "usage or other program error"
    line = _one_line(capsys.readouterr().err)
    assert "sudah berisi berkas" in line and "--force" in line
    assert line.index("sudah berisi berkas") < line.index("already holds files")  # id first
    assert _snapshot(data) == before


def test_demo_data_writes_a_new_or_empty_folder_and_with_force(tmp_path: Path) -> None:
    empty = tmp_path / "kosong"
    empty.mkdir()
    for folder in (empty, tmp_path / "baru"):
        assert main(["demo-data", "--offices", "1", "--employees", "12", str(folder)]) == 0
        assert (folder / "portal.yml").is_file() and (folder / "kantor.xlsx").is_file()
    assert main(["demo-data", "--offices", "1", "--employees", "12", str(empty)]) == USAGE
    assert main(["demo-data", "--force", "--offices", "1", "--employees", "12",
                 str(empty)]) == 0


def test_template_refuses_a_name_that_is_not_xlsx(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("t.csv", "t.xls", "templat"):
        assert main(["template", str(tmp_path / name)]) == USAGE
        assert "harus berakhiran .xlsx" in _one_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []
    assert main(["template", str(tmp_path / "T.XLSX")]) == 0
    assert (tmp_path / "T.XLSX").is_file()


def test_template_registry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kantor.xlsx"
    assert main(["template", "--registry", str(out)]) == 0
    assert "daftar kantor" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Petunjuk", C.REGISTRY.name]
    assert [c.value for c in wb[C.REGISTRY.name][1]] == C.REGISTRY.headers


def test_serve_on_a_busy_port_is_one_line_before_any_build(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(["serve", "--port", str(port), "--config", str(tmp_path / "portal.yml"),
                     "--out", str(tmp_path / "situs")])
    assert code == USAGE
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"kinerja: kesalahan: port {port} sudah dipakai")
    assert f"--port {port + 1}" in line
    assert not (tmp_path / "situs").exists()  # nothing was built (the config is not even read)


def test_help_is_in_bahasa_indonesia_first(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: kinerja")
    assert "opsi:" in out and "tampilkan bantuan ini" in out
    for name, text in COMMANDS.items():
        assert name in out
        assert text.index("(") > 20  # Indonesian first, the English in parentheses after
    for name in COMMANDS:
        with pytest.raises(SystemExit):
            main([name, "--help"])
        out = capsys.readouterr().out
        assert out.startswith(f"penggunaan: kinerja {name}") and "opsi:" in out


def test_usage_errors_are_in_bahasa_indonesia_first(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["check", "--format", "xml"])
    assert stop.value.code == USAGE
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("kinerja check: kesalahan penggunaan: pilihan 'xml' untuk --format")
    with pytest.raises(SystemExit):
        main(["template"])
    assert "argumen wajib belum diisi: OUT.xlsx" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "indonesian"), [
    ("title: P\nsource: {kind: ftp, path: x}\n",
     "kunci 'source.kind' tidak valid: harus salah satu dari: 'workbook', 'google'"),
    ("title: P\nsource: {kind: workbook}\n",
     "kunci 'source' tidak valid: source.path wajib diisi bila source.kind adalah workbook"),
    ("title: P\nsource: {kind: workbook, path: x}\ncolour: red\n",
     "kunci 'colour' tidak valid: kunci tidak dikenal"),
    ("title: P\nsource: [\n", "bukan YAML yang sah"),
])
def test_config_errors_are_in_bahasa_indonesia_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, indonesian: str) -> None:
    cfg = tmp_path / "portal.yml"
    cfg.write_text(text, encoding="utf-8")
    assert main(["check", "--config", str(cfg)]) == ConfigError.exit_code
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"kinerja: konfigurasi tidak valid: {cfg}: ")
    assert indonesian in line and line.index(indonesian) < line.index("[")
    assert main(["check", "--config", str(tmp_path / "tidak-ada.yml")]) == ConfigError.exit_code
    assert "berkas konfigurasi tidak ditemukan" in capsys.readouterr().err
