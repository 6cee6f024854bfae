"""End-to-end fixtures: small portals written as real .xlsx files, built with `kinerja`, and
the bundled example built with each site engine."""
from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from site_builder.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kabupaten-contoh"


def write_xlsx(path: Path, tabs: dict[str, list[list[object]]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in tabs.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(list(r))
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # literal text typed by a user, not a formula
    wb.save(path)


@dataclass
class ExampleBuild:
    """The bundled example built by `kinerja build` with one site engine."""

    folder: Path  # the copy of examples/kabupaten-contoh (its state folder is `state/`)
    out: Path  # the built site
    code: int  # exit code of `kinerja build`
    printed: str  # what it printed


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the bundled example with its own state folder, for one test."""
    copy = tmp_path / "contoh"
    shutil.copytree(EXAMPLE, copy)
    (copy / "portal.yml").write_text(
        (copy / "portal.yml").read_text(encoding="utf-8") + "\nstate_dir: state\n",
        encoding="utf-8")
    return copy


@pytest.fixture(scope="session")
def build_example(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], ExampleBuild]:
    """`build_example(engine)`: the bundled example (a copy, with its own state folder) built
    by `kinerja build` with `site.engine: <engine>`, once per session and engine."""
    built: dict[str, ExampleBuild] = {}

    def build(engine: str) -> ExampleBuild:
        if engine not in built:
            folder = tmp_path_factory.mktemp(f"example-{engine}") / "contoh"
            shutil.copytree(EXAMPLE, folder)
            config = folder / "portal.yml"
            config.write_text(config.read_text(encoding="utf-8")
                              + f"\nstate_dir: state\nsite:\n  engine: {engine}\n",
                              encoding="utf-8")
            out = folder.parent / "situs"
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                code = main(["build", "--config", str(config), "--out", str(out)])
            built[engine] = ExampleBuild(folder, out, code, printed.getvalue())
        return built[engine]

    return build
