"""Liveness and readiness as a load balancer sees them."""

from unittest import mock

from django.db import OperationalError


def test_healthz_answers_while_the_process_runs(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_readyz_answers_200_when_the_database_answers(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_answers_503_with_a_reason_when_the_database_is_down(client, db):
    with mock.patch("home.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert "database" in response.json()["reason"]
