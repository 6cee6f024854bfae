"""Issue 17's privacy promise on the bundled example: every NIP and name of a valid Pegawai row
of a readable Pegawai tab appears in the offices' follow-up workbooks — and in no file of the
built site (pages, open data, search index), in no log record and in nothing the commands
print; the free-text comments of the UmpanBalik tab appear nowhere at all, not even in the
follow-up."""
from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from site_builder.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kabupaten-contoh"


def documented_bad_rows() -> set[tuple[str, str, int]]:
    """(office file, tab, row) of the README's deliberate errors: those rows are not used."""
    bad = set()
    for line in (EXAMPLE / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if len(cells) == 9 and cells[0].isdigit() and cells[7] != "-":
            m = re.fullmatch(r"[A-Z]+(\d+)", cells[4])
            if m:
                bad.add((cells[2], cells[3], int(m.group(1))))
    return bad


def personal_data() -> tuple[set[str], set[str], set[str], set[str]]:
    """(NIPs, names) of every valid Pegawai row of the example, every UmpanBalik comment, and
    the NIPs and names of Pegawai tabs whose header row holds a deliberate error (the tab cannot
    be read, so its office gets no follow-up: KEC-SUKAMAJU's renamed header, issue 16)."""
    bad = documented_bad_rows()
    nips, names, comments, unreadable = set(), set(), set(), set()
    for path in sorted(EXAMPLE.glob("*.xlsx")):
        book = openpyxl.load_workbook(path)
        if "Pegawai" in book.sheetnames:
            broken = (path.name, "Pegawai", 1) in bad
            for r, row in enumerate(book["Pegawai"].iter_rows(min_row=2, values_only=True), 2):
                if (path.name, "Pegawai", r) not in bad:
                    nips.add(str(row[0]))
                    names.add(str(row[1]))
                    if broken:
                        unreadable |= {str(row[0]), str(row[1])}
        if "UmpanBalik" in book.sheetnames:
            comments |= {str(row[4]) for row in book["UmpanBalik"].iter_rows(
                min_row=2, values_only=True) if row[4]}
    return nips, names, comments, unreadable


def workbook_cells(path: Path) -> set[str]:
    return {str(v) for ws in openpyxl.load_workbook(path) for row in ws.iter_rows(
        values_only=True) for v in row if v is not None}


def test_personal_data_reaches_the_office_follow_up_and_nothing_else(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    nips, names, comments, unreadable = personal_data()
    assert len(nips) > 250 and len(names) > 200 and len(comments) > 20
    assert unreadable  # KEC-SUKAMAJU's staff: in no follow-up, and checked for leaks below
    example = tmp_path / "contoh"
    shutil.copytree(EXAMPLE, example)
    config = example / "portal.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nstate_dir: state\n",
                      encoding="utf-8")
    caplog.set_level(logging.DEBUG)
    printed = []
    for argv in (["check"], ["build", "--out", str(tmp_path / "site")],
                 ["tindak-lanjut", "--out", str(tmp_path / "tindak-lanjut")]):
        code = main(["--verbose", *argv[:1], "--config", str(config), *argv[1:]])
        assert code in (0, 1), argv
        captured = capsys.readouterr()
        printed.append(captured.out + captured.err)

    # the office's own follow-up holds every NIP and name of a readable Pegawai tab (and none
    # of an unreadable one), never a comment
    follow_up: set[str] = set()
    for path in (tmp_path / "tindak-lanjut").glob("*.xlsx"):
        follow_up |= workbook_cells(path)
    assert nips - unreadable - follow_up == set()
    assert names - unreadable - follow_up == set()
    assert not follow_up & {n for n in unreadable if n in nips}
    assert not any(c in cell for c in comments for cell in follow_up)

    # nothing of it anywhere else. A one-word name ("Muhammad", "Eka") is also an ordinary
    # word of public text (the holiday "Maulid Nabi Muhammad SAW"): full names only
    full_names = {n for n in names if " " in n}
    assert len(full_names) > 0.8 * len(names)
    secrets = nips | full_names | comments
    site = tmp_path / "site"
    assert (site / "search" / "search_index.json").is_file()
    checked = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            leaked = workbook_cells(path) & secrets
        else:
            text = path.read_text(encoding="utf-8", errors="ignore")
            leaked = {s for s in secrets if s in text}
        assert not leaked, f"{sorted(leaked)[:3]} in {path.relative_to(site)}"
        checked += 1
    assert checked > 50
    logs = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records
    for text, where in [*((p, "printed output") for p in printed), (logs, "log")]:
        leaked = {s for s in secrets if s in text}
        assert not leaked, f"{sorted(leaked)[:3]} in the {where}"
    # the private state folder holds no NIP or name either (snapshots drop them)
    for path in (example / "state").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(s.encode() in data for s in nips | full_names), path
