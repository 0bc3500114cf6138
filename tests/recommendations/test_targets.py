import datetime

import pytest

from recommendations.targets import format_month, month_end, months_between, parse_month


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 2024", datetime.date(2024, 3, 1)),
        ("by the end of 2023-24", datetime.date(2024, 3, 1)),
        ("end of 2023/2024", datetime.date(2024, 3, 1)),
        ("Completed November 2024", datetime.date(2024, 11, 1)),
        ("05 November 2019", datetime.date(2019, 11, 1)),
        ("26th August 2020", datetime.date(2020, 8, 1)),
        ("end of 2024", datetime.date(2024, 12, 1)),
        ("Sept 2023", datetime.date(2023, 9, 1)),
        ("Completed", None),
        ("Completed and ongoing", None),
        ("", None),
        ("2023-25", None),  # not one financial year: never guessed
        ("March 0000", None),  # year 0 is no date
        ("end of 0000", None),
        ("0000-01", None),
        ("July 12024", None),
    ],
)
def test_parse_month(text, expected):
    assert parse_month(text) == expected


def test_month_arithmetic():
    assert months_between(datetime.date(2024, 6, 1), datetime.date(2025, 1, 1)) == 7
    assert month_end(datetime.date(2024, 2, 1)) == datetime.date(2024, 2, 29)
    assert format_month(datetime.date(2025, 1, 1)) == "January 2025"
