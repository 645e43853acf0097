"""Inputs a fuzzer found answering 500, now answered 400/404 over HTTP with the API's common
error shape ({"detail": ..., "code": ...}), and the schema listing every status."""

import pytest
from rest_framework.test import APIClient

from tests import factories as f
from tests.intake.api_helpers import REQUESTS, TOKEN, client_for

HUGE = str(2**70)


def assert_error(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"], body
    assert body["detail"], body
    return body


@pytest.fixture
def api():
    return APIClient()


def test_deeply_nested_json_on_the_token_login_is_a_400(api, db):
    body = "[" * 100_000 + "]" * 100_000
    response = api.post(TOKEN, body, content_type="application/json")
    assert assert_error(response, 400)["code"] == "parse_error"


def test_an_integer_beyond_64_bits_in_an_intake_body_is_a_400(catalogue):
    client = client_for(f.CitizenProfileFactory().user)
    body = f'{{"service": {HUGE}, "description": "Ho bisogno di aiuto a casa."}}'
    response = client.post(REQUESTS, body, content_type="application/json")
    assert assert_error(response, 400)["code"] == "parse_error"


def test_a_too_large_body_is_a_json_400(api, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = api.post(TOKEN, {"username": "x" * 5000, "password": "y"}, format="json")
    assert assert_error(response, 400)["code"] == "request_too_large"


@pytest.mark.parametrize(
    "query",
    [
        "find/?id=abc",
        f"find/?id={HUGE}",
        "?search=casa&search_operator=xor",
        f"?offset={HUGE}",
        f"?offset={2**63 - 1}",
        "?search=ca%00sa",
        f"?child_of={HUGE}",
    ],
)
def test_malformed_wagtail_api_parameters_are_a_400(api, catalogue, query):
    response = api.get(f"/api/v2/pages/{query}")
    body = assert_error(response, 400)
    assert body["code"] == "invalid"
    assert body["message"] == body["detail"]  # Wagtail's own key is kept


def test_an_unknown_wagtail_api_page_is_a_json_404(api, catalogue):
    assert assert_error(api.get("/api/v2/pages/999999/"), 404)["code"] == "not_found"


@pytest.mark.parametrize(
    "query",
    ["full=true&minimal=true", "search=ca%00sa", f"page={HUGE}", f"per_page={HUGE}"],
)
def test_malformed_hsds_parameters_are_a_400(api, catalogue, query):
    response = api.get(f"/api/hsds/services?{query}")
    assert response.status_code in (200, 400), response.content
    if response.status_code == 400:
        assert assert_error(response, 400)["code"] == "invalid"
    assert "full=true" not in query or response.status_code == 400


def test_an_unknown_hsds_service_is_a_404_with_a_code(api, catalogue):
    response = api.get("/api/hsds/services/00000000-0000-0000-0000-000000000000")
    assert assert_error(response, 404)["code"] == "not_found"


def test_an_unknown_intake_address_is_a_json_404(api, db):
    assert assert_error(api.get("/api/intake/nowhere/"), 404)["code"] == "not_found"


def test_anonymous_intake_reads_are_a_401_with_a_code(api, db):
    assert assert_error(api.get(REQUESTS), 401)["code"] == "not_authenticated"


def test_the_schema_lists_every_status_an_intake_operation_answers(api, db):
    schema = api.get("/api/schema/?format=json").json()
    create = schema["paths"]["/api/intake/requests/"]["post"]["responses"]
    assert {"400", "401", "403", "404", "409", "422", "429"} <= set(create)
    listing = schema["paths"]["/api/intake/requests/"]["get"]["responses"]
    assert {"401", "403", "429"} <= set(listing)


def test_a_profile_edit_answers_the_whole_profile_as_the_schema_says(db):
    """Found by schemathesis: PATCH with no municipality left out municipality_name."""
    citizen = f.CitizenProfileFactory()
    client = client_for(citizen.user)
    response = client.patch(
        "/api/intake/profile/",
        {"municipality": None, "other_municipality": "Varese"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["municipality_name"] == ""
