"""The SKM minimum-sample rule (Krejcie & Morgan 1970, `rules/sampel_skm.yml`) and the sample
adequacy of each unit-period (`skm.csv` `sampel_memadai`)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from site_builder.compute.sampel import add_sample_adequacy, minimum_samples
from site_builder.rules import sampel_rule


def krejcie_morgan(population: int) -> float:
    """s = X²NP(1−P) / (d²(N−1) + X²P(1−P)), X² = 3.841, P = 0.5, d = 0.05."""
    chi2, p, d = 3.841, 0.5, 0.05
    return chi2 * population * p * (1 - p) / (d * d * (population - 1) + chi2 * p * (1 - p))


def test_every_row_of_the_table_is_the_formula_rounded():
    rule = sampel_rule()
    assert len(rule.rows) == 90  # Krejcie & Morgan (1970), Table 1: 10 … 1 000 000
    assert rule.rows[0] == (10, 10) and rule.rows[-1] == (1_000_000, 384)
    for population, sample in rule.rows:
        assert sample == round(krejcie_morgan(population)), population


def test_the_rule_states_its_verification_status_and_sources():
    rule = sampel_rule().rule
    assert "[S]" in rule.sumber and "[S]" in rule.sumber_en
    assert "14/2017" in rule.sumber and "Krejcie" in rule.sumber


@pytest.mark.parametrize(("population", "expected"), [
    (0, None), (1, 1), (9, 9), (10, 10), (11, 11), (301, 175), (100, 80), (101, 86), (1250, 297),
    (2_000_000, 384),
])
def test_minimum_takes_the_next_larger_population_and_never_exceeds_it(population, expected):
    rule = sampel_rule()
    assert rule.minimum(population) == expected
    got = minimum_samples(np.array([population]), rule)[0]
    assert (None if got < 0 else int(got)) == expected


def test_each_unit_period_says_whether_its_sample_meets_the_minimum():
    skm = pd.DataFrame({"kantor_kode": ["A", "A", "A", "B"],
                        "unit_layanan": ["Poli", "Poli", "Loket", "Poli"],
                        "periode": ["2026-TW1", "2026-TW2", "2026-TW1", "2026-TW1"],
                        "responden": [80, 79, 3, 5]})
    # the SKM tab's respondent rows: jumlah_pengguna on some of them (the largest counts)
    answers = pd.DataFrame({
        "kantor_kode": ["A", "A", "A", "A", "A", "B"],
        "unit_layanan": ["Poli", "Poli", "Poli", "Poli", "Loket", "Poli"],
        "periode": ["2026-TW1", "2026-TW1", "2026-TW2", "2026-TW2", "2026-TW1", "2026-TW1"],
        "jumlah_pengguna": pd.array([100, None, 90, 100, 0, None], dtype="Int64")})
    out = add_sample_adequacy(skm, answers, sampel_rule())
    assert out["pengguna_layanan"].tolist() == [100, 100, 0, None]
    assert out["sampel_minimum"].tolist() == [80, 80, None, None]
    assert out["sampel_memadai"].tolist() == [True, False, None, None]
