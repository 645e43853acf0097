"""Repeated wrong passwords lock that account from that address, on the site and the API."""

import pytest
from rest_framework.test import APIClient

from tests import factories as f


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 6


def login(client, username, password):
    return client.post("/account/accedi/", {"username": username, "password": password})


def test_site_login_is_suspended_after_repeated_failures_even_with_the_right_password(
    client, home_page
):
    citizen = f.CitizenProfileFactory()
    for _ in range(2):
        assert login(client, citizen.fiscal_code, "sbagliata").status_code == 200
    assert login(client, citizen.fiscal_code, "sbagliata").status_code == 429  # the third

    locked = login(client, citizen.fiscal_code.lower(), "password-di-prova-1")

    assert locked.status_code == 429
    assert "Troppi tentativi di accesso" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


def test_other_accounts_and_a_first_success_are_not_affected(client, home_page):
    citizen, other = f.CitizenProfileFactory(), f.CitizenProfileFactory()
    for _ in range(2):
        login(client, citizen.fiscal_code, "sbagliata")
    assert login(client, citizen.fiscal_code, "password-di-prova-1").status_code == 302
    client.logout()
    for _ in range(3):
        login(client, other.fiscal_code, "sbagliata")

    assert login(client, citizen.fiscal_code, "sbagliata").status_code == 200  # count reset


def test_api_token_login_is_suspended_with_a_json_error(home_page):
    citizen = f.CitizenProfileFactory()
    api = APIClient()
    for _ in range(3):
        api.post("/api/intake/auth/token/", {"username": citizen.email, "password": "x"})

    locked = api.post(
        "/api/intake/auth/token/", {"username": citizen.email, "password": "password-di-prova-1"}
    )

    assert locked.status_code == 429
    assert locked.json()["code"] == "login_locked"


def test_one_address_trying_many_accounts_is_stopped(client, home_page):
    citizens = [f.CitizenProfileFactory() for _ in range(7)]
    for citizen in citizens[:6]:  # one wrong password each: no account reaches its limit
        login(client, citizen.fiscal_code, "sbagliata")

    sprayed = login(client, citizens[6].fiscal_code, "password-di-prova-1")

    assert sprayed.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_password_asked_by_the_erasure_counts_as_a_login_try(client, home_page):
    citizen = f.CitizenProfileFactory()
    client.force_login(citizen.user)
    for _ in range(3):
        client.post("/account/dati/cancella/", {"password": "sbagliata"})

    still_there = client.post("/account/dati/cancella/", {"password": "password-di-prova-1"})

    citizen.refresh_from_db()
    assert citizen.erased_at is None
    assert still_there.status_code in (200, 429)
    api = APIClient()
    api.force_authenticate(citizen.user)
    refused = api.delete("/api/intake/profile/", {"password": "password-di-prova-1"})
    assert refused.status_code in (400, 429)
    citizen.refresh_from_db()
    assert citizen.erased_at is None
