"""Cell parsing: Indonesian decimal commas, Google Sheets serial dates, stray spaces."""
from datetime import date, datetime

import pytest

from sheets_sync.values import clean_text, column_letter, header_key, parse_date, parse_number


@pytest.mark.parametrize(
    ("raw", "expected", "problem"),
    [
        (87.5, 87.5, None),
        (12, 12.0, None),
        ("87,5", 87.5, None),  # Indonesian decimal comma
        ("1.234,5", 1234.5, None),  # Indonesian thousands + decimal
        ("1,234.5", 1234.5, None),  # English style
        ("  90 ", 90.0, None),  # stray spaces
        ("90\u00a0%", 90.0, None),  # non-breaking space and percent sign
        ("Rp 1.500.000", 1500000.0, None),
        ("12.500", 12500.0, "angka_ambigu"),  # thousands or decimal? read as thousands, warn
        ("1.5", 1.5, None),
        ("-3,25", -3.25, None),
        ("abc", None, "angka_tidak_valid"),
        ("1,2,3", None, "angka_tidak_valid"),
        (True, None, "angka_tidak_valid"),
        ("", None, None),
        (None, None, None),
    ],
)
def test_parse_number(raw, expected, problem):
    assert parse_number(raw) == (expected, problem)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (45658, date(2025, 1, 1)),  # Sheets serial: 1899-12-30 + 45658 days
        (45658.75, date(2025, 1, 1)),  # serial with a time of day
        (datetime(2025, 2, 3, 10, 30), date(2025, 2, 3)),
        (date(2025, 2, 3), date(2025, 2, 3)),
        ("2025-02-03", date(2025, 2, 3)),
        ("03/02/2025", date(2025, 2, 3)),  # day first, as Indonesians write it
        ("3-2-2025", date(2025, 2, 3)),
        ("3 Februari 2025", date(2025, 2, 3)),
        ("17 Agustus 2025", date(2025, 8, 17)),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["31/02/2025", "kemarin", "2025-13-01", True])
def test_parse_date_invalid(raw):
    assert parse_date(raw) == (None, "tanggal_tidak_valid")


@pytest.mark.parametrize(("raw", "expected"), [
    ("01/01/1900", date(1900, 1, 1)), ("31/12/2099", date(2099, 12, 31)),
    (date(1900, 1, 1), date(1900, 1, 1)),
    (73050, date(2099, 12, 31)),  # serial: days after 1899-12-30
])
def test_dates_at_the_ends_of_the_plausible_range(raw, expected):
    assert parse_date(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["31/12/1899", "01/01/2100", "01/01/2900", "0205-02-03",
                                 date(2900, 1, 1), datetime(1850, 6, 1), 73051, 400000,
                                 "400000"])
def test_dates_outside_the_plausible_range_are_invalid(raw):
    assert parse_date(raw) == (None, "tanggal_tidak_valid")


def test_text_and_headers():
    assert clean_text("  Dinas   Kesehatan \n") == "Dinas Kesehatan"
    assert clean_text("   ") is None
    assert clean_text(2025.0) == "2025"
    assert header_key(" Nama Indikator ") == header_key("nama_indikator") == "namaindikator"
    assert header_key("TANGGAL_MASUK") == "tanggalmasuk"
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def test_unusual_spaces_are_spaces():
    # non-breaking, figure and narrow no-break spaces, tabs and line breaks (pasted from the web)
    assert clean_text("\u00a0Dinas\u2007\u202fKesehatan\t\r\n") == "Dinas Kesehatan"
    assert clean_text("\u00a0\u2007\u202f\t") is None
    assert clean_text("Dinas\u200bKesehatan") == "Dinas\u200bKesehatan"  # zero-width: not a space


def test_serial_dates_are_defined_once_for_reading_and_writing():
    from sheets_sync.values import date_serial, datetime_serial, serial_to_date

    # Google Sheets and Excel count days from 1899-12-30 …
    assert serial_to_date(45658) == serial_to_date(45658.75) == date(2025, 1, 1)
    assert date_serial(date(2025, 1, 1)) == 45658 and date_serial(date(1900, 3, 1)) == 61
    assert datetime_serial(datetime(2025, 1, 1, 18, 0)) == 45658.75
    # … but Excel's 1900 system counts a 29 February 1900 that never was (serial 60)
    assert date_serial(date(1900, 2, 28)) == 59 and date_serial(date(1900, 1, 1)) == 1
    assert datetime_serial(datetime(1900, 1, 1, 12, 0)) == 1.5
