"""«Aperto ora» / «Chiuso ora» on a Social Point, computed in Europe/Rome time."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

ROME = ZoneInfo("Europe/Rome")


def open_now_label(client, social_point, moment):
    with mock.patch.object(timezone, "now", return_value=moment):
        response = client.get(social_point.url)
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(".rw-open-now").get_text(strip=True)


@pytest.mark.parametrize(
    ("moment", "label"),
    [
        # Monday 2 December 2030, 10:00 in Rome: inside 9:00–12:30.
        (datetime.datetime(2030, 12, 2, 10, 0, tzinfo=ROME), "Aperto ora"),
        # 09:30 UTC is 10:30 in Rome (UTC+1 in winter): still open.
        (datetime.datetime(2030, 12, 2, 9, 30, tzinfo=datetime.UTC), "Aperto ora"),
        # 12:00 UTC is 13:00 in Rome: closed, though 12:00 would be open.
        (datetime.datetime(2030, 12, 2, 12, 0, tzinfo=datetime.UTC), "Chiuso ora"),
        # Tuesday: no slot.
        (datetime.datetime(2030, 12, 3, 10, 0, tzinfo=ROME), "Chiuso ora"),
        # Wednesday 25 December 2030 at 15:00 is a slot, but the desk is closed for Natale.
        (datetime.datetime(2030, 12, 25, 15, 0, tzinfo=ROME), "Chiuso ora"),
        # The Wednesday before, same time: open.
        (datetime.datetime(2030, 12, 18, 15, 0, tzinfo=ROME), "Aperto ora"),
    ],
)
def test_social_point_says_whether_it_is_open_now_in_rome_time(client, social_point, moment, label):
    assert open_now_label(client, social_point, moment) == label
