"""An app registers a citizen, logs in with a token, and reads and edits the profile."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from rest_framework.test import APIClient

from intake.models import CitizenProfile, Notification
from tests import factories as f
from tests.intake.api_helpers import (
    PROFILE,
    REGISTRATION,
    REQUESTS,
    TOKEN,
    client_for,
    registration_data,
)

User = get_user_model()


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


def counts():
    return User.objects.count(), CitizenProfile.objects.count(), Notification.objects.count()


# --- registration ---------------------------------------------------------------------


def test_registration_creates_an_inactive_citizen_and_queues_the_verification_email(db, api):
    data = registration_data()

    response = api.post(REGISTRATION, data, format="json")

    assert response.status_code == 201, response.json()
    assert "email" in response.json()["detail"]
    profile = CitizenProfile.objects.get(fiscal_code=data["fiscal_code"])
    assert profile.user.is_active is False
    assert profile.user.username == data["fiscal_code"]
    assert profile.privacy_consent_at is not None
    assert Notification.objects.filter(to_email=data["email"]).count() == 1
    assert "password" not in response.json()


def test_registration_accepts_a_lower_case_fiscal_code_with_spaces(db, api):
    data = registration_data()
    code = data["fiscal_code"]
    data["fiscal_code"] = f" {code.lower()} "

    response = api.post(REGISTRATION, data, format="json")

    assert response.status_code == 201, response.json()
    assert CitizenProfile.objects.filter(fiscal_code=code).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"fiscal_code": "RSSMRA50D12L319X"}, "fiscal_code", "codice fiscale"),
        ({"fiscal_code": "NONVALIDO"}, "fiscal_code", "codice fiscale"),
        ({"first_name": "M" * 81}, "first_name", "80"),
        ({"last_name": ""}, "last_name", "obbligatorio"),
        ({"email": "non-una-email"}, "email", "email"),
        ({"privacy_consent": False}, "privacy_consent", "informativa"),
        ({"password": "123"}, "password", "password"),
        ({"other_municipality": ""}, "municipality", "comune"),
    ],
)
def test_invalid_registration_says_what_to_fix_and_saves_nothing(db, api, overrides, field, words):
    before = counts()

    response = api.post(REGISTRATION, registration_data(**overrides), format="json")

    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert isinstance(errors[field], list)
    assert words.lower() in " ".join(errors[field]).lower(), errors[field]
    assert counts() == before


def test_a_birth_date_contradicting_the_fiscal_code_is_refused(db, api):
    data = registration_data()
    born = datetime.date.fromisoformat(data["birth_date"])
    data["birth_date"] = (born + datetime.timedelta(days=1)).isoformat()
    before = counts()

    response = api.post(REGISTRATION, data, format="json")

    assert response.status_code == 400
    assert "data di nascita" in response.json()["birth_date"][0]
    assert counts() == before


def test_registration_with_a_missing_field_names_it(db, api):
    data = registration_data()
    del data["birth_date"]

    response = api.post(REGISTRATION, data, format="json")

    assert response.status_code == 400
    assert response.json()["birth_date"] == ["Questo campo è obbligatorio."]


def test_duplicate_fiscal_code_is_refused_with_a_hint_and_nothing_saved(db, api):
    data = registration_data()
    f.CitizenProfileFactory(
        fiscal_code=data["fiscal_code"],
        birth_date=datetime.date.fromisoformat(data["birth_date"]),
    )
    before = counts()

    response = api.post(REGISTRATION, data, format="json")

    assert response.status_code == 400
    assert "Esiste già un account con questo codice fiscale" in response.json()["fiscal_code"][0]
    assert counts() == before


def test_duplicate_email_is_refused(db, api):
    existing = f.CitizenProfileFactory()

    response = api.post(REGISTRATION, registration_data(email=existing.email), format="json")

    assert response.status_code == 400
    assert "email" in response.json()


def test_validation_errors_follow_accept_language(db, api):
    data = registration_data()
    del data["last_name"]

    italian = api.post(REGISTRATION, data, format="json")
    english = api.post(REGISTRATION, data, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert italian.json()["last_name"] == ["Questo campo è obbligatorio."]
    assert english.json()["last_name"] == ["This field is required."]


def test_registration_with_an_unknown_municipality_is_refused(db, api):
    response = api.post(REGISTRATION, registration_data(municipality=999999), format="json")

    assert response.status_code == 400
    assert "comune" in response.json()["municipality"][0]


def test_registration_with_a_district_municipality(db, api):
    tradate = f.MunicipalityFactory(name="Tradate")

    response = api.post(
        REGISTRATION,
        registration_data(municipality=tradate.pk, other_municipality=""),
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert CitizenProfile.objects.get().municipality == tradate


# --- token login ----------------------------------------------------------------------


@pytest.mark.parametrize("identifier", ["fiscal_code", "email", "fiscal_code_lower"])
def test_app_logs_in_with_fiscal_code_or_email_and_uses_the_token(api, citizen, identifier):
    username = {
        "fiscal_code": citizen.fiscal_code,
        "email": citizen.email,
        "fiscal_code_lower": citizen.fiscal_code.lower(),
    }[identifier]

    response = api.post(
        TOKEN, {"username": username, "password": "password-di-prova-1"}, format="json"
    )

    assert response.status_code == 200, response.json()
    token = response.json()["token"]
    app = APIClient()
    app.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert app.get(PROFILE).json()["fiscal_code"] == citizen.fiscal_code


def test_wrong_password_gets_no_token(api, citizen):
    response = api.post(
        TOKEN, {"username": citizen.fiscal_code, "password": "sbagliata"}, format="json"
    )

    assert response.status_code == 400
    assert "password non corretti" in response.json()["non_field_errors"][0]


def test_an_account_not_yet_verified_cannot_log_in(db, api):
    data = registration_data()
    assert api.post(REGISTRATION, data, format="json").status_code == 201

    response = api.post(
        TOKEN, {"username": data["fiscal_code"], "password": data["password"]}, format="json"
    )

    assert response.status_code == 400
    assert "attiva prima l'account" in response.json()["non_field_errors"][0]


def test_logout_revokes_the_token(citizen):
    app = client_for(citizen.user)
    assert app.get(PROFILE).status_code == 200

    assert app.delete(TOKEN).status_code == 204

    response = app.get(PROFILE)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


# --- profile --------------------------------------------------------------------------


def test_profile_and_requests_require_login(db, api):
    assert api.get(PROFILE).status_code == 401
    assert api.get(REQUESTS).status_code == 401


def test_citizen_reads_their_profile(citizen):
    data = client_for(citizen.user).get(PROFILE).json()

    assert data["fiscal_code"] == citizen.fiscal_code
    assert data["first_name"] == citizen.first_name
    assert data["email"] == citizen.email


def test_citizen_updates_contacts_and_residence_but_not_identity(citizen):
    tradate = f.MunicipalityFactory(name="Tradate")
    app = client_for(citizen.user)

    response = app.patch(
        PROFILE,
        {
            "phone": "333 1234567",
            "municipality": tradate.pk,
            "preferred_language": "en",
            "fiscal_code": "RSSMRA50D12L319K",
            "first_name": "Altro",
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    citizen.refresh_from_db()
    assert citizen.phone == "333 1234567"
    assert citizen.municipality == tradate
    assert citizen.preferred_language == "en"
    assert citizen.fiscal_code == response.json()["fiscal_code"] != "RSSMRA50D12L319K"
    assert citizen.first_name == "Maria"


def test_profile_update_refuses_a_residence_left_empty(citizen):
    app = client_for(citizen.user)

    response = app.patch(PROFILE, {"municipality": None, "other_municipality": "  "}, format="json")

    assert response.status_code == 400
    assert "comune" in response.json()["municipality"][0]


def test_profile_update_refuses_an_over_long_phone(citizen):
    app = client_for(citizen.user)

    response = app.patch(PROFILE, {"phone": "3" * 41}, format="json")

    assert response.status_code == 400
    assert "40" in response.json()["phone"][0]
    citizen.refresh_from_db()
    assert citizen.phone == "0331 000000"


def test_staff_without_a_profile_gets_404_on_profile(db):
    operator = f.OperatorFactory()

    response = client_for(operator).get(PROFILE)

    assert response.status_code == 404
    assert "profilo" in response.json()["detail"]
