"""The follow-up's staging (issue 17): the Pegawai, Organisasi and UmpanBalik tabs validated by
the same contract and validator as the sync, with NIP and name kept for the office's own
follow-up only; the sync itself never reads UmpanBalik and still drops NIP and name."""
from __future__ import annotations

import copy
import json

from sheets_sync.contracts import OFFICE_TABS, TEMPLATE_TABS, UMPAN_BALIK
from sheets_sync.private_tabs import validate_follow_up
from sheets_sync.sources.base import RawWorkbook
from sheets_sync.validate import validate_office
from tests.staging.test_validate import OFFICE, TODAY, VALID

NIP_SITI, NIP_BUDI = "198609262015051001", "199001012019032002"
SECRET = "Budi suka terlambat — catatan rahasia"


def tabs_with_feedback() -> dict[str, list[list[object]]]:
    tabs = copy.deepcopy(VALID)
    tabs["Umpan Balik"] = [  # the title typed with a space: matched like every tab title
        ["NIP", "periode", "sumber", "skor", "komentar"],
        [NIP_SITI, "2025", "atasan", 4, None],
        [NIP_BUDI, "2025", "Rekan", 3, SECRET],  # an accepted spelling of `rekan kerja`
        [NIP_BUDI, "2025", "masyarakat", 5, None],  # out of 1–4
        [NIP_BUDI, "2025", "tetangga", 2, None],  # not a source
        [NIP_BUDI + "9", "2025", "atasan", 3, None],  # 19 digits
    ]
    return tabs


def test_the_follow_up_frames_keep_nip_and_name_and_the_feedback() -> None:
    tabs = validate_follow_up(RawWorkbook(tabs_with_feedback(), "x.xlsx"), OFFICE, today=TODAY)
    assert tabs.usable
    assert tabs.pegawai is not None
    assert tabs.pegawai[["nip", "nama"]].values.tolist() == [[NIP_SITI, "Siti"],
                                                            [NIP_BUDI, "Budi"]]
    ub = tabs.umpan_balik
    assert ub[["nip", "sumber", "skor"]].values.tolist() == [[NIP_SITI, "atasan", 4],
                                                             [NIP_BUDI, "rekan kerja", 3]]
    assert "komentar" not in ub.columns
    located = sorted((f.tab, f.cell, f.code) for f in tabs.findings)
    assert located == [("Umpan Balik", "A6", "nip_tidak_valid"),
                       ("Umpan Balik", "C5", "pilihan_tidak_valid"),
                       ("Umpan Balik", "D4", "di_luar_rentang")]
    for f in tabs.findings:  # a private tab: no value of it in a finding
        blob = json.dumps(f.to_dict(), ensure_ascii=False)
        assert "tetangga" not in blob and NIP_BUDI not in blob and '"5"' not in blob


def test_the_sync_never_reads_the_feedback_and_still_drops_nip_and_name() -> None:
    assert UMPAN_BALIK not in OFFICE_TABS and TEMPLATE_TABS[-1] is UMPAN_BALIK
    data, findings = validate_office(RawWorkbook(tabs_with_feedback(), "x.xlsx"), OFFICE,
                                     today=TODAY)
    assert data is not None and findings == []
    assert "umpan_balik" not in data.frames
    assert {"nip", "nama"}.isdisjoint(data.frames["pegawai"].columns)


def test_without_a_readable_pegawai_tab_there_is_no_follow_up() -> None:
    tabs = copy.deepcopy(VALID)
    del tabs["Pegawai"]
    missing = validate_follow_up(RawWorkbook(tabs, "x.xlsx"), OFFICE, today=TODAY)
    assert not missing.usable and [f.code for f in missing.findings] == ["tab_hilang"]
    assert missing.umpan_balik.empty and "nip" in missing.umpan_balik.columns
    tabs = copy.deepcopy(VALID)
    tabs["Pegawai"][0][5] = "hasil"  # a renamed header: structural
    renamed = validate_follow_up(RawWorkbook(tabs, "x.xlsx"), OFFICE, today=TODAY)
    assert renamed.pegawai is None and not renamed.usable
    assert [f.code for f in renamed.findings] == ["kolom_hilang"]
