"""Retries with an Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) are safe."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from intake import services
from intake.models import CitizenProfile, Notification, ServiceRequest
from tests import factories as f
from tests.intake.api_helpers import REGISTRATION, REQUESTS, client_for, registration_data

KEY = "HTTP_IDEMPOTENCY_KEY"


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def app(citizen):
    return client_for(citizen.user)


@pytest.fixture
def body(service):
    return {"service": service.pk, "description": "Assistenza per mio padre, 90 anni."}


def post(client, body, key, url=REQUESTS):
    return client.post(url, body, format="json", **{KEY: key})


def test_the_same_key_and_body_get_the_same_answer_and_one_request(app, body):
    key = str(uuid.uuid4())

    first = post(app, body, key)
    retry = post(app, body, key)

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Location"] == first["Location"]
    assert retry["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert ServiceRequest.objects.count() == 1
    # One confirmation email queued, not two.
    assert Notification.objects.filter(request__isnull=False).count() == 1


def test_the_answer_is_replayed_even_after_the_request_moved_on(app, body, operator):
    key = str(uuid.uuid4())
    first = post(app, body, key)
    service_request = ServiceRequest.objects.get()
    services.perform_transition(
        service_request=service_request, action="take_in_review", actor=operator
    )

    retry = post(app, body, key)

    assert retry.json() == first.json()
    assert retry.json()["status"] == "submitted"


def test_a_quoted_key_is_the_same_key(app, body):
    key = str(uuid.uuid4())

    post(app, body, key)
    retry = post(app, body, f'"{key}"')

    assert retry["Idempotent-Replayed"] == "true"
    assert ServiceRequest.objects.count() == 1


def test_the_same_key_with_another_body_answers_422(app, body):
    key = str(uuid.uuid4())
    post(app, body, key)

    response = post(app, {**body, "description": "Un'altra cosa."}, key)

    assert response.status_code == 422
    assert "richiesta diversa" in response.json()["detail"]
    assert response.json()["code"] == "idempotency_key_reused"
    assert ServiceRequest.objects.count() == 1


def test_the_same_key_on_another_endpoint_answers_422(app, body):
    key = str(uuid.uuid4())
    reference = post(app, body, key).json()["reference"]

    response = post(app, {}, key, url=f"{REQUESTS}{reference}/withdraw/")

    assert response.status_code == 422
    assert ServiceRequest.objects.get().status == "submitted"


def test_a_retry_while_the_first_is_still_running_answers_409(app, body, monkeypatch):
    key = str(uuid.uuid4())
    submit = services.submit_request
    retries = []

    def slow_submit(**kwargs):
        # The client gives up waiting and retries before the first answer arrives.
        retries.append(post(app, body, key))
        return submit(**kwargs)

    monkeypatch.setattr(services, "submit_request", slow_submit)

    first = post(app, body, key)

    (retry,) = retries
    assert first.status_code == 201
    assert retry.status_code == 409
    assert retry["Retry-After"] == "1"
    assert "ancora in elaborazione" in retry.json()["detail"]
    assert retry.json()["code"] == "idempotency_key_in_use"
    assert ServiceRequest.objects.count() == 1


def test_a_refused_body_frees_the_key_for_the_corrected_one(app, body):
    key = str(uuid.uuid4())

    refused = post(app, {**body, "description": ""}, key)
    corrected = post(app, body, key)

    assert refused.status_code == 400
    assert corrected.status_code == 201
    assert ServiceRequest.objects.count() == 1


def test_a_request_that_crashed_frees_the_key(app, body, monkeypatch):
    key = str(uuid.uuid4())
    submit = services.submit_request

    def crash(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "submit_request", crash)
    with pytest.raises(RuntimeError):
        post(app, body, key)
    monkeypatch.setattr(services, "submit_request", submit)

    retry = post(app, body, key)

    assert retry.status_code == 201
    assert ServiceRequest.objects.count() == 1


@override_settings(INTAKE_IDEMPOTENCY_KEY_TTL=0)
def test_an_expired_key_still_finds_the_request_it_created(app, body):
    """The stored answer is gone, but the request's own unique key still makes it one."""
    key = str(uuid.uuid4())
    first = post(app, body, key)

    retry = post(app, body, key)

    assert retry.status_code == 201
    assert retry.json()["reference"] == first.json()["reference"]
    assert ServiceRequest.objects.count() == 1


def test_keys_belong_to_their_caller(app, body):
    key = str(uuid.uuid4())
    other = client_for(f.CitizenProfileFactory().user)

    mine = post(app, body, key)
    theirs = post(other, body, key)

    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["reference"] != theirs.json()["reference"]


@pytest.mark.parametrize("key", ["", "x" * 256, "chiave-è-accentata"])
def test_a_malformed_key_is_refused_and_nothing_stored(app, body, key):
    response = post(app, body, key)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]
    assert ServiceRequest.objects.count() == 0


def test_registration_retried_with_its_key_registers_once(db):
    from rest_framework.test import APIClient

    data = registration_data()
    key = str(uuid.uuid4())
    client = APIClient()

    first = post(client, data, key, url=REGISTRATION)
    retry = post(client, data, key, url=REGISTRATION)

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert CitizenProfile.objects.filter(fiscal_code=data["fiscal_code"]).count() == 1
    assert get_user_model().objects.filter(username=data["fiscal_code"]).count() == 1


def test_a_withdrawal_retried_with_its_key_gets_the_same_answer(app, body):
    reference = post(app, body, str(uuid.uuid4())).json()["reference"]
    key = str(uuid.uuid4())
    url = f"{REQUESTS}{reference}/withdraw/"

    first = post(app, {"version": 1}, key, url=url)
    retry = post(app, {"version": 1}, key, url=url)

    assert first.status_code == retry.status_code == 200
    assert retry.json() == first.json()
    assert ServiceRequest.objects.get().events.filter(action="withdraw").count() == 1


def test_expired_keys_are_purged_and_live_ones_kept(app, body):
    from io import StringIO

    from django.core.management import call_command

    from intake.models import IdempotencyRecord

    post(app, body, "old-key")
    post(app, body, "fresh-key")
    IdempotencyRecord.objects.filter(key="old-key").update(expires_at=timezone.now())
    out = StringIO()

    call_command("purge_idempotency_keys", stdout=out)

    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["fresh-key"]
    assert out.getvalue().startswith("1 ")
    assert ServiceRequest.objects.count() == 2
