"""Scripts hammering registration, login or request creation are slowed down (429)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from intake.models import ServiceRequest
from tests.intake.api_helpers import REGISTRATION, REQUESTS, TOKEN, client_for, registration_data


def rates(**scoped):
    return override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                **scoped,
            },
        }
    )


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def test_every_throttled_endpoint_has_a_configured_rate():
    configured = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    for scope in ("intake-registration", "intake-login", "intake-request-creation"):
        assert configured[scope]


def test_login_attempts_are_throttled(db):
    client = APIClient()
    attempt = {"username": "RSSMRA50D12L319U", "password": "tentativo"}
    with rates(**{"intake-login": "3/min"}):
        answers = [client.post(TOKEN, attempt, format="json") for _ in range(4)]

    assert [a.status_code for a in answers] == [400, 400, 400, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert "Troppi tentativi in poco tempo: riprova tra" in answers[-1].json()["detail"]


def test_registrations_are_throttled(db):
    client = APIClient()
    with rates(**{"intake-registration": "2/hour"}):
        answers = [client.post(REGISTRATION, registration_data(), format="json") for _ in range(3)]

    assert [a.status_code for a in answers] == [201, 201, 429]


def test_request_creation_is_throttled_per_citizen_but_reading_is_not(citizen, service):
    app = client_for(citizen.user)
    body = {"service": service.pk, "description": "Mi serve aiuto."}
    with rates(**{"intake-request-creation": "2/hour"}):
        created = [app.post(REQUESTS, body, format="json").status_code for _ in range(3)]
        listing = [app.get(REQUESTS).status_code for _ in range(3)]

    assert created == [201, 201, 429]
    assert listing == [200, 200, 200]
    assert ServiceRequest.objects.count() == 2


def test_a_forged_forwarded_for_does_not_escape_the_login_limit(db):
    client = APIClient()
    attempt = {"username": "RSSMRA50D12L319U", "password": "tentativo"}
    with rates(**{"intake-login": "2/min"}):
        answers = [
            client.post(TOKEN, attempt, format="json", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
            for n in range(3)
        ]

    assert [a.status_code for a in answers] == [400, 400, 429]
