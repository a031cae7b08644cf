import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from petrograd1917.geodata import calendar as cal


def test_25_october_old_style_is_7_november_new_style():
    t = cal.parse_time("1917-10-25T21:40")
    assert cal.iso(t, cal.GREGORIAN) == "1917-11-07T21:40"
    assert cal.format_long(t) == "Wednesday 25 October 1917 (7 November N.S.), 21:40"


def test_russian_format():
    t = cal.parse_time("1917-10-25T21:40")
    assert cal.format_long(t, lang="ru") == "Среда, 25 октября 1917 (7 ноября н. ст.), 21:40"


def test_new_style_marker_and_explicit_calendar_agree():
    assert cal.parse_time("1917-11-07T02:10 N.S.") == cal.parse_time("1917-10-25T02:10")
    assert cal.parse_time("1917-11-07T02:10", cal.GREGORIAN) == cal.parse_time(
        "1917-10-25T02:10 OS", cal.GREGORIAN)


def test_gregorian_reading_of_a_gregorian_primary_date():
    t = cal.parse_time("1917-10-25T00:00")
    assert cal.format_day(t, cal.GREGORIAN) == "7 November 1917 (25 October O.S.)"


@pytest.mark.parametrize("text", ["1917-02-30", "1917-13-01", "1917-10-25T25:00",
                                  "25.10.1917", "", "1917-10-25T21:60"])
def test_impossible_dates_are_rejected_with_a_message(text):
    with pytest.raises(ValueError, match=text[:4] or "not a time"):
        cal.parse_time(text)


def test_julian_leap_day_1900_exists_but_not_in_gregorian():
    cal.parse_time("1900-02-29", cal.JULIAN)
    with pytest.raises(ValueError):
        cal.parse_time("1900-02-29", cal.GREGORIAN)


@given(st.dates(min_value=datetime.date(1600, 3, 1), max_value=datetime.date(2100, 2, 28)))
def test_gregorian_day_numbers_match_python(date):
    jdn = cal.to_day_number(cal.Date(date.year, date.month, date.day), cal.GREGORIAN)
    assert jdn == date.toordinal() + 1721425
    assert cal.from_day_number(jdn, cal.GREGORIAN) == cal.Date(date.year, date.month, date.day)
    assert cal.weekday(jdn * cal.MINUTES_PER_DAY) == date.weekday()


def test_julian_is_13_days_behind_in_1917():
    for day in range(1, 29):
        jdn = cal.to_day_number(cal.Date(1917, 2, day), cal.JULIAN)
        greg = cal.from_day_number(jdn, cal.GREGORIAN)
        assert datetime.date(greg.year, greg.month, greg.day) - datetime.date(1917, 2, day) \
            == datetime.timedelta(days=13)
