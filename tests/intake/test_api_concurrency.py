"""Many apps at once, on PostgreSQL: references stay distinct and sequential, and one
Idempotency-Key sent many times at once makes one request.

Each thread is its own client with its own database connection, as separate app servers
would be; the test database is really committed to (transactional), so the database's
locks and unique constraints are what is tested.
"""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connection

from intake.models import IdempotencyRecord, Notification, ServiceRequest
from tests import factories as f
from tests.intake.api_helpers import REQUESTS, client_for

pytestmark = [
    pytest.mark.postgres,
    # No serialized rollback: the fixtures restore Wagtail's roots, locales and groups after
    # a flush (tests.factories.restore_wagtail_roots), as every transactional test does;
    # reloading the migrations' rows on top of them clashed with the groups they recreate.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def all_at_once(calls):
    """Run the calls in as many threads, released together; returns their results."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return call()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_50_concurrent_submissions_get_50_distinct_sequential_references(service):
    apps = [client_for(f.CitizenProfileFactory().user) for _ in range(50)]
    body = {"service": service.pk, "description": "Aiuto a casa, per favore."}

    responses = all_at_once(
        [lambda app=app: app.post(REQUESTS, body, format="json") for app in apps]
    )

    assert [r.status_code for r in responses] == [201] * 50
    references = sorted(r.json()["reference"] for r in responses)
    year = references[0].split("-")[1]
    assert references == [f"RW-{year}-{n:06d}" for n in range(1, 51)]
    assert ServiceRequest.objects.count() == 50
    assert Notification.objects.filter(request__isnull=False).count() == 50


def test_one_key_sent_20_times_at_once_creates_one_request(citizen, service):
    """Every answer is the first one (201, same body) or, while it is still running, 409."""
    # Twenty connections of the same app (one client each, the same token).
    apps = [client_for(citizen.user) for _ in range(20)]
    key = str(uuid.uuid4())
    body = {"service": service.pk, "description": "Aiuto a casa, per favore."}

    responses = all_at_once(
        [
            lambda app=app: app.post(REQUESTS, body, format="json", HTTP_IDEMPOTENCY_KEY=key)
            for app in apps
        ]
    )

    assert ServiceRequest.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1
    created = [r for r in responses if r.status_code == 201]
    in_flight = [r for r in responses if r.status_code == 409]
    assert len(created) + len(in_flight) == 20
    assert len(created) >= 1
    assert len({r.content for r in created}) == 1
    assert created[0].json()["reference"] == ServiceRequest.objects.get().reference
    first_answers = [r for r in created if not r.has_header("Idempotent-Replayed")]
    assert len(first_answers) == 1  # the others that got 201 are replays
    for response in in_flight:
        assert response["Retry-After"] == "1"
        assert "ancora in elaborazione" in response.json()["detail"]

    # Once the first has finished, every retry gets its answer.
    retry = apps[0].post(REQUESTS, body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert retry.status_code == 201
    assert retry.content == created[0].content
