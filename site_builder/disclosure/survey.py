"""Survey answers stay anonymous (PRODUCT.md §8, issue 13): the per-unsur NRR and the IKM of a
service unit and period are published only when it has at least `min_respondents` respondents.

A smaller unit keeps its row (with `responden`, so the count is visible) and still counts in
the office IKM. Differencing is closed too: when the hidden units of an office and period hold
together fewer than `min_respondents` respondents, the office figure minus the published units
would give them back, so the published units with the fewest respondents are hidden as well
(deterministically: fewest respondents, then the unit name) until the hidden part holds at least
`min_respondents` or nothing is left. An office and period with fewer than `min_respondents`
respondents in all shows no office figure either."""
from __future__ import annotations

from collections import defaultdict

import pandas as pd

from site_builder.compute.ikm import NRR_COLUMNS

FEW_RESPONDENTS = "responden_sedikit"
"""`penekanan` of a unit under the threshold (pages say "kurang dari N responden")."""
PROTECTS_OTHER = "pelindung"
"""`penekanan` of a unit hidden so that a smaller one cannot be worked back from the office."""
HIDDEN_COLUMNS = (*NRR_COLUMNS, "ikm", "mutu", "kinerja_unit", "kinerja_unit_en")


def protect_survey(by_unit: pd.DataFrame, by_office: pd.DataFrame,
                   min_respondents: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Protected copies of the per-unit and per-office SKM frames (`compute_ikm_levels`), with a
    `penekanan` column (None, `responden_sedikit`, `pelindung`); hidden figures are None."""
    units = by_unit.copy()
    reason: list[str | None] = [
        FEW_RESPONDENTS if int(n) < min_respondents else None for n in units["responden"]]
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (k, p) in enumerate(zip(units["kantor_kode"].tolist(), units["periode"].tolist(),
                                   strict=True)):
        groups[(str(k), str(p))].append(i)
    counts = [int(n) for n in units["responden"]]
    names = [str(u) for u in units["unit_layanan"]]
    for members in groups.values():
        hidden = sum(counts[i] for i in members if reason[i])
        shown = sorted((i for i in members if not reason[i]), key=lambda i: (counts[i], names[i]))
        while 0 < hidden < min_respondents and shown:
            i = shown.pop(0)
            reason[i] = PROTECTS_OTHER
            hidden += counts[i]
    units["penekanan"] = pd.Series(reason, index=units.index, dtype="object")
    _blank(units, [r is not None for r in reason])

    office = by_office.copy()
    few = [int(n) < min_respondents for n in office["responden"]]
    office["penekanan"] = pd.Series([FEW_RESPONDENTS if f else None for f in few],
                                    index=office.index, dtype="object")
    _blank(office, few)
    return units, office


def _blank(frame: pd.DataFrame, hide: list[bool]) -> None:
    for col in HIDDEN_COLUMNS:
        if col in frame.columns:
            frame[col] = pd.Series([None if h else v for h, v in
                                    zip(hide, frame[col].tolist(), strict=True)],
                                   index=frame.index, dtype="object")
