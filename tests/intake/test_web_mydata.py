"""«I miei dati» as a citizen uses it: download everything, or erase the account."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.authtoken.models import Token

from intake.models import (
    ActivationCode,
    CitizenProfile,
    Notification,
    RequestStatus,
    ServiceRequest,
)
from intake.services import erase_citizen, issue_activation_code
from intake.validators import validate_fiscal_code
from tests import factories as f
from tests.intake.mydata_helpers import citizen_with_history

PASSWORD = "password-di-prova-1"  # the factories' password


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen.user)
    return client


@pytest.fixture
def history(citizen, service, catalogue):
    return citizen_with_history(citizen, service, catalogue["provider"])


def test_my_data_is_linked_from_my_requests_and_the_header(logged_in, home_page):
    page = soup(logged_in.get("/richieste/"))
    assert page.select_one("main").find("a", href="/account/dati/")
    assert page.select_one(".rw-account-links").find("a", href="/account/dati/")
    page = soup(logged_in.get("/account/dati/"))
    assert page.find("h1").get_text(strip=True) == "I miei dati"
    assert page.find("a", href="/account/dati/scarica/")
    assert page.find("a", href="/account/dati/cancella/")


def test_download_holds_the_citizens_requests_and_events_and_nothing_of_another(
    logged_in, citizen, service, history
):
    other = f.ServiceRequestFactory(service=service, description="Di un altro cittadino.")
    response = logged_in.get("/account/dati/scarica/")
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="i-miei-dati-{today}.json"'
    data = json.loads(response.content)

    assert data["profile"]["fiscal_code"] == citizen.fiscal_code
    assert data["profile"]["birth_date"] == citizen.birth_date.isoformat()
    assert data["profile"]["privacy_notice_version"] == citizen.privacy_notice_version
    assert data["profile"]["privacy_consent_at"] == citizen.privacy_consent_at.isoformat()
    assert data["profile"]["registration_channel"] == "web"
    by_reference = {item["reference"]: item for item in data["requests"]}
    assert set(by_reference) == {r.reference for r in history.values()}
    completed = by_reference[history["completed"].reference]
    assert completed["status"] == "completed"
    assert completed["description"] == "Completed: mio padre vive solo."
    assert [e["to_status"] for e in completed["events"]] == [
        "submitted",
        "in_review",
        "assigned",
        "accepted",
        "in_progress",
        "completed",
    ]
    withdrawn = by_reference[history["withdrawn"].reference]
    assert withdrawn["events"][-1]["note"] == "Nota mia: mi aiuta mia sorella Giulia."
    assert data["emails"] and all(e["to"] == citizen.email for e in data["emails"])
    assert any(history["submitted"].reference in e["subject"] for e in data["emails"])
    text = response.content.decode()
    assert other.reference not in text
    assert "Di un altro cittadino." not in text
    assert other.citizen.fiscal_code not in text


def test_erase_page_says_what_goes_and_what_stays(logged_in, history):
    page = soup(logged_in.get("/account/dati/cancella/"))
    text = page.get_text(" ", strip=True)
    assert "Che cosa viene cancellato" in text
    assert "Che cosa resta, e perché" in text
    assert "statistiche" in text
    open_requests = page.select_one(".rw-open-requests").get_text(" ", strip=True)
    assert history["submitted"].reference in open_requests
    assert history["assigned"].reference in open_requests
    assert history["completed"].reference not in open_requests
    assert page.select_one("main form[method=post] input[type=password]")


def test_erase_with_a_wrong_password_changes_nothing(logged_in, citizen, history):
    response = logged_in.post("/account/dati/cancella/", {"password": "non-la-mia"})
    assert response.status_code == 200
    assert "La password non è corretta" in response.content.decode()
    profile = CitizenProfile.objects.get(pk=citizen.pk)
    assert profile.erased_at is None
    assert profile.fiscal_code == citizen.fiscal_code
    assert ServiceRequest.objects.get(pk=history["submitted"].pk).status == "submitted"
    assert logged_in.get("/richieste/").status_code == 200


def test_erase_withdraws_open_requests_anonymises_the_rest_and_logs_out(
    logged_in, citizen, service, history
):
    other = f.ServiceRequestFactory(service=service, description="Di un altro cittadino.")
    Token.objects.create(user=citizen.user)
    issue_activation_code(profile=citizen, operator=f.OperatorFactory())
    Notification.objects.create(to_email=citizen.email, subject="In coda", body="Cara Maria")
    Notification.objects.create(
        to_email=citizen.email,
        subject="Già inviata",
        body=f"Cara Maria, il tuo codice fiscale è {citizen.fiscal_code}",
        status="sent",
        sent_at=timezone.now(),
    )
    fiscal_code, birth_year = citizen.fiscal_code, citizen.birth_date.year

    response = logged_in.post("/account/dati/cancella/", {"password": PASSWORD}, follow=True)
    assert "Il tuo account è stato cancellato" in response.content.decode()
    assert logged_in.get("/richieste/")["Location"].startswith("/account/accedi/")

    for name in ("submitted", "assigned"):
        request = ServiceRequest.objects.get(pk=history[name].pk)
        assert request.status == RequestStatus.WITHDRAWN
        last = request.events.order_by("created_at", "pk").last()
        assert (last.action, last.actor_id) == ("withdraw", citizen.user_id)
    completed = ServiceRequest.objects.get(pk=history["completed"].pk)
    assert completed.status == RequestStatus.COMPLETED
    assert completed.service_title == service.title
    assert completed.events.count() == 6
    for request in ServiceRequest.objects.filter(citizen=citizen):
        assert (request.description, request.contact_phone, request.contact_email) == ("", "", "")
    withdrawn = ServiceRequest.objects.get(pk=history["withdrawn"].pk)
    assert withdrawn.events.get(action="withdraw").note == ""

    profile = CitizenProfile.objects.get(pk=citizen.pk)
    assert profile.full_name == "Cittadino cancellato"
    assert profile.fiscal_code != fiscal_code and len(profile.fiscal_code) == 16
    with pytest.raises(ValidationError):
        validate_fiscal_code(profile.fiscal_code)
    assert profile.birth_date == citizen.birth_date.replace(year=birth_year, month=1, day=1)
    assert (profile.phone, profile.email, profile.other_municipality) == ("", "", "")
    assert profile.erased_at is not None
    user = get_user_model().objects.get(pk=citizen.user_id)
    assert not user.is_active and not user.has_usable_password()
    assert user.username != fiscal_code and user.email == ""
    assert not Token.objects.filter(user=user).exists()
    assert not ActivationCode.objects.filter(profile=profile).exists()
    assert not Notification.objects.filter(subject="In coda").exists()
    sent = Notification.objects.get(subject="Già inviata")  # kept as a record, without her
    assert (sent.to_email, sent.body) == ("", "")
    assert not Notification.objects.filter(to_email__iexact=citizen.email).exists()
    assert not Notification.objects.filter(body__contains=fiscal_code).exists()
    # Another citizen's request is untouched.
    other.refresh_from_db()
    assert (other.status, other.description) == ("submitted", "Di un altro cittadino.")


def test_the_same_codice_fiscale_can_register_again_after_erasure(client, citizen):
    fiscal_code, birth_date, email = citizen.fiscal_code, citizen.birth_date, citizen.email
    erase_citizen(profile=citizen, actor=citizen.user)
    response = client.post(
        "/account/registrati/",
        {
            "first_name": "Maria",
            "last_name": "Rossi",
            "fiscal_code": fiscal_code,
            "birth_date": birth_date.isoformat(),
            "municipality": "altro",
            "other_municipality": "Varese",
            "phone": "",
            "email": email,
            "password1": "una-password-lunga-7",
            "password2": "una-password-lunga-7",
            "preferred_language": "it",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302, soup(response).select_one("main").get_text(" ")
    assert CitizenProfile.objects.get(fiscal_code=fiscal_code).erased_at is None


def test_the_erased_account_can_no_longer_log_in(client, citizen):
    fiscal_code = citizen.fiscal_code
    erase_citizen(profile=citizen, actor=citizen.user)
    response = client.post("/account/accedi/", {"username": fiscal_code, "password": PASSWORD})
    assert response.status_code == 200
    assert client.get("/richieste/").status_code == 302


def test_staff_without_a_profile_get_a_clear_message(client, home_page):
    client.force_login(f.OperatorFactory(is_staff=True))
    for url in ("/account/dati/", "/account/dati/scarica/", "/account/dati/cancella/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Questa pagina è per i cittadini" in response.content.decode()
    response = client.post("/account/dati/cancella/", {"password": PASSWORD})
    assert response.status_code == 403


def test_my_data_pages_need_login(client, home_page):
    for url in ("/account/dati/", "/account/dati/scarica/", "/account/dati/cancella/"):
        assert client.get(url)["Location"].startswith("/account/accedi/?next=")
    assert client.get("/account/dati/cancellato/")["Location"] == "/"


def test_provider_staff_cannot_erase_a_citizen(citizen, provider_staff):
    from intake.services import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        erase_citizen(profile=citizen, actor=provider_staff)
    assert CitizenProfile.objects.get(pk=citizen.pk).erased_at is None


def test_the_download_costs_the_same_queries_however_many_requests(
    logged_in, citizen, service, catalogue
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    f.ServiceRequestFactory(citizen=citizen, service=service)
    logged_in.get("/account/dati/scarica/")
    with CaptureQueriesContext(connection) as one:
        response = logged_in.get("/account/dati/scarica/")
    assert response.status_code == 200
    assert len(json.loads(response.content)["requests"]) == 1
    citizen_with_history(citizen, service, catalogue["provider"])
    with CaptureQueriesContext(connection) as five:
        response = logged_in.get("/account/dati/scarica/")
    assert response.status_code == 200
    assert len(json.loads(response.content)["requests"]) == 5
    assert len(five) == len(one)


def test_an_operator_may_erase_a_citizen_registered_at_the_desk(citizen, service):
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    erase_citizen(profile=citizen, actor=f.OperatorFactory())
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.WITHDRAWN
    assert submitted.events.last().actor_id == citizen.user_id  # withdrawn as the citizen
    assert CitizenProfile.objects.get(pk=citizen.pk).erased_at is not None
