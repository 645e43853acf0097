"""Sessions end when idle (staff sooner, and after 12 hours in all); API tokens expire and
a citizen unlinks every app at once."""

import datetime
import time

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from intake import sessions
from tests import factories as f

PASSWORD = "password-di-prova-1"


@pytest.fixture
def clock(monkeypatch):
    """A clock the session middleware reads, moved by hand."""
    now = [time.time()]
    monkeypatch.setattr(sessions, "now", lambda: now[0])

    def advance(minutes):
        now[0] += minutes * 60

    return advance


def test_staff_session_ends_after_30_minutes_idle(client, home_page, clock):
    operator = f.OperatorFactory()
    client.post("/admin/login/", {"username": operator.username, "password": PASSWORD})
    assert client.get("/admin/").status_code == 200
    clock(29)
    assert client.get("/admin/").status_code == 200
    clock(31)

    assert client.get("/admin/").status_code == 302  # to the login page


def test_staff_session_ends_after_12_hours_even_when_busy(client, home_page, clock):
    operator = f.OperatorFactory()
    client.post("/admin/login/", {"username": operator.username, "password": PASSWORD})
    for _ in range(12 * 3):
        clock(20)
        assert client.get("/admin/").status_code == 200
    clock(20)

    assert client.get("/admin/").status_code == 302


def test_citizen_session_lasts_two_hours_idle(client, home_page, clock):
    citizen = f.CitizenProfileFactory()
    client.post("/account/accedi/", {"username": citizen.fiscal_code, "password": PASSWORD})
    clock(100)
    assert client.get("/richieste/").status_code == 200
    clock(119)
    assert client.get("/richieste/").status_code == 200
    clock(121)

    assert client.get("/richieste/").status_code == 302


def token_for(citizen):
    answer = APIClient().post(
        "/api/intake/auth/token/", {"username": citizen.email, "password": PASSWORD}
    )
    return answer.json()["token"]


def test_api_tokens_expire_after_the_configured_days(home_page, settings):
    settings.API_TOKEN_DAYS = 30
    citizen = f.CitizenProfileFactory()
    key = token_for(citizen)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/intake/profile/").status_code == 200
    Token.objects.filter(key=key).update(created=timezone.now() - datetime.timedelta(days=31))

    assert api.get("/api/intake/profile/").status_code == 401
    assert token_for(citizen) != key  # logging in again gives a fresh one


def test_a_citizen_unlinks_every_app_from_my_data(client, home_page):
    citizen = f.CitizenProfileFactory()
    key = token_for(citizen)
    client.force_login(citizen.user)

    page = client.post("/account/dati/app/scollega/", follow=True)

    assert page.status_code == 200
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/intake/profile/").status_code == 401


def test_a_citizen_revokes_their_tokens_through_the_api(home_page):
    citizen = f.CitizenProfileFactory()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(citizen)}")

    assert api.delete("/api/intake/auth/token/").status_code == 204
    assert api.get("/api/intake/profile/").status_code == 401
