"""Working days for the back office's deadlines: Monday to Friday, public holidays excluded.

A provider has `INTAKE_PROVIDER_RESPONSE_WORKING_DAYS` working days to answer a request
assigned to it; the holidays are those of `INTAKE_HOLIDAYS_COUNTRY` (the `holidays` library),
or none when the setting is empty.
"""

from datetime import timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


@lru_cache(maxsize=8)
def _holidays_for(country, year):
    return holidays.country_holidays(country, years=year) if country else {}


def is_working_day(day, *, country=None):
    """True on Monday to Friday, unless the day is a public holiday of `country`."""
    country = settings.INTAKE_HOLIDAYS_COUNTRY if country is None else country
    return day.weekday() < 5 and day not in _holidays_for(country, day.year)


def working_days_before(moment, days, *, country=None):
    """The same local time of day, `days` working days before `moment`.

    Something that started before the returned moment has waited more than `days`
    working days at `moment`.
    """
    local = timezone.localtime(moment)
    day = local.date()
    counted = 0
    while counted < days:
        day -= timedelta(days=1)
        if is_working_day(day, country=country):
            counted += 1
    naive = local.replace(tzinfo=None) - (local.date() - day)
    return timezone.make_aware(naive)


def provider_response_cutoff(now=None):
    """Requests assigned before this moment and still unanswered are late."""
    now = now or timezone.now()
    return working_days_before(now, settings.INTAKE_PROVIDER_RESPONSE_WORKING_DAYS)
