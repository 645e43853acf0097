"""Every intake endpoint is documented in /api/schema/, and the schema is valid OpenAPI."""

import pytest
from drf_spectacular.validation import validate_schema


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_intake_endpoints_are_in_the_schema(schema):
    paths = schema["paths"]

    assert set(paths["/api/intake/registration/"]) >= {"post"}
    assert set(paths["/api/intake/auth/token/"]) >= {"post", "delete"}
    assert set(paths["/api/intake/profile/"]) >= {"get", "patch"}
    assert set(paths["/api/intake/requests/"]) >= {"get", "post"}
    assert set(paths["/api/intake/requests/{reference}/"]) >= {"get"}
    assert set(paths["/api/intake/requests/{reference}/withdraw/"]) >= {"post"}
    assert set(paths["/api/intake/requests/{reference}/transitions/"]) >= {"post"}


def test_posts_document_the_idempotency_key_and_their_errors(schema):
    create = schema["paths"]["/api/intake/requests/"]["post"]

    headers = [p["name"] for p in create["parameters"] if p["in"] == "header"]
    assert "Idempotency-Key" in headers
    assert {"201", "400", "409", "422", "429"} <= set(create["responses"])


def test_the_schema_is_valid_openapi(schema):
    validate_schema(schema)


def test_error_answers_are_described(schema):
    transition = schema["paths"]["/api/intake/requests/{reference}/transitions/"]["post"]

    assert {"200", "400", "403", "404", "409"} <= set(transition["responses"])
    conflict = transition["responses"]["409"]["content"]["application/json"]["schema"]
    assert conflict["$ref"].endswith("/IntakeError")
