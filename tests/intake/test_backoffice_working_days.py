"""The provider's answer deadline counts working days: weekends and public holidays do not."""

import datetime

from django.utils import timezone

from intake.working_days import is_working_day, working_days_before


def rome(*args):
    return timezone.make_aware(datetime.datetime(*args))


def test_three_working_days_before_a_thursday_is_the_monday():
    assert working_days_before(rome(2026, 3, 12, 10, 0), 3, country="") == rome(2026, 3, 9, 10)


def test_weekend_does_not_count():
    # Monday 10:00 → Friday, Thursday, Wednesday.
    assert working_days_before(rome(2026, 3, 16, 10, 0), 3, country="") == rome(2026, 3, 11, 10)


def test_italian_holidays_do_not_count():
    # 2 June (Festa della Repubblica) is a Tuesday in 2026.
    assert not is_working_day(datetime.date(2026, 6, 2), country="IT")
    assert is_working_day(datetime.date(2026, 6, 2), country="")
    assert working_days_before(rome(2026, 6, 4, 9, 0), 3, country="IT") == rome(2026, 5, 29, 9)
    assert working_days_before(rome(2026, 6, 4, 9, 0), 3, country="") == rome(2026, 6, 1, 9)


def test_holidays_country_comes_from_the_settings(settings):
    settings.INTAKE_HOLIDAYS_COUNTRY = "IT"
    assert not is_working_day(datetime.date(2026, 12, 25))
    settings.INTAKE_HOLIDAYS_COUNTRY = ""
    assert is_working_day(datetime.date(2026, 12, 25))
