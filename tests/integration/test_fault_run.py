"""The 50-office fault-injection run (issue 12, "Done when"): it finishes, every unaffected
office is fresh, every affected one keeps its last good data with its own finding."""
from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.integration.conftest import FakeClock
from tests.integration.fake_google import FakeGoogle
from tests.integration.fault_run import FAULTS, OFFICES, kode_of, run

pytestmark = pytest.mark.usefixtures("google_session")


def test_fifty_offices_with_every_fault_injected(fake_google: FakeGoogle,
                                                 google_session: requests.Session,
                                                 clock: FakeClock, tmp_path: Path) -> None:
    result = run(fake_google, google_session, clock, tmp_path)
    print(result.summary())  # quoted in the notes (pytest -s)
    expect = {kode_of(f.office): f for f in FAULTS}
    for f in FAULTS:
        kode = kode_of(f.office)
        codes = [x.code for x in result.report.for_office(kode)]
        if f.expect == "stale":
            assert kode in result.stale and kode in result.data.data, f.what
            assert codes == [f.code], (f.what, codes)  # its own finding, one
        elif f.expect == "fresh":
            assert kode in result.fresh, f.what
            assert codes == ([f.code] if f.code else []), (f.what, codes)
        elif f.expect == "not_read":
            assert kode in result.not_read and kode in result.data.data, f.what
        elif f.expect == "missing":
            assert kode in result.missing and f.code in codes, (f.what, codes)
    unaffected = [kode_of(i) for i in range(1, OFFICES + 1) if kode_of(i) not in expect]
    assert set(unaffected) <= set(result.fresh)
    assert not [f for f in result.report.findings if f.office in unaffected]
    run_level = sorted(f.code for f in result.report.for_office(""))
    assert run_level == ["batas_waktu_habis", "kode_tidak_valid", "kode_tidak_valid"]
    assert len(result.fresh) + len(result.stale) + len(result.not_read) + len(
        result.missing) == OFFICES
    assert result.requests["drive_list"] == 2  # the rate-limited listing, retried once
