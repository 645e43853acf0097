"""An app downloads everything the portal holds about its citizen, or erases the account."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from rest_framework.test import APIClient

from intake.models import CitizenProfile, RequestStatus, ServiceRequest
from tests import factories as f
from tests.intake.api_helpers import PROFILE, REGISTRATION, TOKEN, client_for, registration_data
from tests.intake.mydata_helpers import citizen_with_history

EXPORT = f"{PROFILE}export/"
PASSWORD = "password-di-prova-1"  # the factories' password


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def history(citizen, service, catalogue):
    return citizen_with_history(citizen, service, catalogue["provider"])


def test_export_holds_the_callers_requests_and_events_and_nothing_of_another(
    citizen, service, history
):
    other = f.ServiceRequestFactory(service=service, description="Di un altro cittadino.")
    response = client_for(citizen.user).get(EXPORT)
    assert response.status_code == 200
    data = response.json()
    assert data["profile"]["fiscal_code"] == citizen.fiscal_code
    assert data["profile"]["privacy_notice_version"] == citizen.privacy_notice_version
    by_reference = {item["reference"]: item for item in data["requests"]}
    assert set(by_reference) == {r.reference for r in history.values()}
    assigned = by_reference[history["assigned"].reference]
    assert [e["to_status"] for e in assigned["events"]] == ["submitted", "in_review", "assigned"]
    assert assigned["contact_email"] == citizen.email
    assert other.reference not in response.content.decode()
    assert other.citizen.fiscal_code not in response.content.decode()


def test_export_is_the_same_as_the_html_download(client, citizen, history):
    client.force_login(citizen.user)
    page = client.get("/account/dati/scarica/")
    api = client_for(citizen.user).get(EXPORT).json()
    html = page.json()
    for data in (api, html):
        data.pop("exported_at")
    assert api == html


def test_erase_needs_the_right_password_and_otherwise_changes_nothing(citizen, history):
    api = client_for(citizen.user)
    for body in ({}, {"password": "non-la-mia"}):
        response = api.delete(PROFILE, body, format="json")
        assert response.status_code == 400
        assert "password" in response.json()
    assert "non è corretta" in response.json()["password"][0]
    profile = CitizenProfile.objects.get(pk=citizen.pk)
    assert (profile.erased_at, profile.fiscal_code) == (None, citizen.fiscal_code)
    assert ServiceRequest.objects.get(pk=history["submitted"].pk).status == "submitted"
    assert api.get(PROFILE).status_code == 200


def test_erase_withdraws_open_requests_anonymises_and_revokes_the_token(citizen, history):
    api = client_for(citizen.user)
    fiscal_code = citizen.fiscal_code
    response = api.delete(PROFILE, {"password": PASSWORD}, format="json")
    assert response.status_code == 204

    for name in ("submitted", "assigned"):
        request = ServiceRequest.objects.get(pk=history[name].pk)
        assert request.status == RequestStatus.WITHDRAWN
        assert request.events.order_by("created_at", "pk").last().action == "withdraw"
    completed = ServiceRequest.objects.get(pk=history["completed"].pk)
    assert (completed.status, completed.description) == (RequestStatus.COMPLETED, "")
    profile = CitizenProfile.objects.get(pk=citizen.pk)
    assert profile.full_name == "Cittadino cancellato"
    assert profile.fiscal_code != fiscal_code
    assert (profile.email, profile.phone) == ("", "")
    assert api.get(PROFILE).status_code == 401  # the token went with the account
    login = APIClient().post(TOKEN, {"username": fiscal_code, "password": PASSWORD})
    assert login.status_code == 400


def test_the_codice_fiscale_registers_again_after_erasure(citizen):
    fiscal_code, birth_date, email = citizen.fiscal_code, citizen.birth_date, citizen.email
    assert client_for(citizen.user).delete(PROFILE, {"password": PASSWORD}).status_code == 204
    data = registration_data(
        fiscal_code=fiscal_code, birth_date=birth_date.isoformat(), email=email
    )
    response = APIClient().post(REGISTRATION, data, format="json")
    assert response.status_code == 201, response.json()
    assert CitizenProfile.objects.filter(fiscal_code=fiscal_code, erased_at=None).count() == 1


def test_staff_without_a_profile_get_a_clear_refusal(db):
    staff = client_for(f.OperatorFactory(is_staff=True))
    for response in (
        staff.get(EXPORT),
        staff.delete(PROFILE, {"password": PASSWORD}, format="json"),
    ):
        assert response.status_code == 404
        assert "non ha un profilo di cittadino" in response.json()["detail"]
    assert get_user_model().objects.filter(is_active=True).count() == 1


def test_another_citizen_erases_only_their_own_account(citizen, service, history):
    intruder = f.CitizenProfileFactory()
    response = client_for(intruder.user).delete(PROFILE, {"password": PASSWORD}, format="json")
    assert response.status_code == 204
    profile = CitizenProfile.objects.get(pk=citizen.pk)
    assert (profile.erased_at, profile.fiscal_code) == (None, citizen.fiscal_code)
    assert ServiceRequest.objects.get(pk=history["submitted"].pk).status == "submitted"
    assert CitizenProfile.objects.get(pk=intruder.pk).erased_at is not None


def test_export_and_erase_need_login(db):
    assert APIClient().get(EXPORT).status_code == 401
    assert APIClient().delete(PROFILE, {"password": PASSWORD}).status_code == 401


def test_export_and_erase_are_in_the_schema(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "get" in schema["paths"]["/api/intake/profile/export/"]
    erase = schema["paths"]["/api/intake/profile/"]["delete"]
    assert {"204", "400", "404"} <= set(erase["responses"])
    assert "requestBody" in erase
