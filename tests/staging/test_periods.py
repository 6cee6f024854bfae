from datetime import date

import pytest

from sheets_sync.periods import parse_period, period_sort_key


@pytest.mark.parametrize(
    ("raw", "code", "end", "previous"),
    [
        ("2025", "2025", date(2025, 12, 31), "2024"),
        (2025, "2025", date(2025, 12, 31), "2024"),
        (2025.0, "2025", date(2025, 12, 31), "2024"),
        ("2025-S1", "2025-S1", date(2025, 6, 30), "2024-S2"),
        ("2025-s2", "2025-S2", date(2025, 12, 31), "2025-S1"),
        ("2025-TW1", "2025-TW1", date(2025, 3, 31), "2024-TW4"),
        ("2025 tw 3", "2025-TW3", date(2025, 9, 30), "2025-TW2"),
        ("2025-02", "2025-02", date(2025, 2, 28), "2025-01"),
        ("2024-02", "2024-02", date(2024, 2, 29), "2024-01"),  # leap year
        ("2025-01", "2025-01", date(2025, 1, 31), "2024-12"),
    ],
)
def test_periods(raw, code, end, previous):
    p = parse_period(raw)
    assert p is not None
    assert (p.code, p.end, p.previous().code) == (code, end, previous)


@pytest.mark.parametrize("raw", ["2025-TW5", "2025-13", "TW1", "2025-S3", "abc", "", None, True])
def test_invalid_periods(raw):
    assert parse_period(raw) is None


def test_sort_is_by_last_day_then_longer_first():
    # one order for marts, histories and "latest period" (was: by first day in compute, by
    # last day in the pages); the latest period is the one whose data reaches furthest
    codes = ["2025-TW2", "2024", "2025-01", "2024-TW4", "2025-TW1", "2025-03", "bukan"]
    assert sorted(codes, key=period_sort_key) == [
        "bukan", "2024", "2024-TW4", "2025-01", "2025-TW1", "2025-03", "2025-TW2"]
    year_end = ["2025-12", "2025-TW4", "2025", "2025-S2"]
    assert sorted(year_end, key=period_sort_key) == ["2025", "2025-S2", "2025-TW4", "2025-12"]
