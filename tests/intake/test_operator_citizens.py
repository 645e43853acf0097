"""Operators at the desk, through the admin: find, register, hand over the code, file."""

import datetime
import re

import pytest
from django.urls import reverse

from intake.models import CitizenProfile, RequestChannel, ServiceRequest
from intake.services import activate_account
from tests import factories as f

BIRTH = datetime.date(1944, 5, 17)


@pytest.fixture
def social_point(catalogue):
    return f.SocialPointPageFactory(
        parent=catalogue["social_points"], title="Social Point di Tradate", phone="0331 826811"
    )


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    return client


def registration_form(social_point, **overrides):
    data = {
        "first_name": "Giuseppina",
        "last_name": "Esempio",
        "fiscal_code": f.fiscal_code_for(11, BIRTH),
        "birth_date": BIRTH.isoformat(),
        "municipality": social_point.municipality.pk,
        "other_municipality": "",
        "phone": "0331 123456",
        "email": "",
        "preferred_language": "it",
        "social_point": social_point.pk,
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


def test_operator_finds_a_citizen_by_name_fiscal_code_or_phone(operator_client, catalogue):
    wanted = f.CitizenProfileFactory(first_name="Ermenegilda", phone="0331 55 66 77")
    f.CitizenProfileFactory(first_name="Altra", phone="02 1234 5678")
    url = reverse("intake_citizens:search")

    for query in ("ermenegilda", wanted.last_name, wanted.fiscal_code.lower(), "0331556677"):
        page = operator_client.get(url, {"q": query}).content.decode()
        assert wanted.fiscal_code in page, query
        assert "Altra" not in page, query

    page = operator_client.get(url, {"q": "Nessunocosì"}).content.decode()
    assert "Nessun cittadino trovato" in page


def test_operator_registers_a_citizen_and_the_letter_shows_the_code_once(
    operator_client, operator, social_point
):
    response = operator_client.post(
        reverse("intake_citizens:register"), registration_form(social_point)
    )

    profile = CitizenProfile.objects.get(fiscal_code=f.fiscal_code_for(11, BIRTH))
    assert profile.registered_by == operator
    assert profile.registered_at.specific == social_point
    assert not profile.user.is_active
    letter_url = reverse("intake_citizens:letter", args=[profile.pk])
    assert response.status_code == 302 and response["Location"] == letter_url

    letter = operator_client.get(letter_url)
    html = letter.content.decode()
    assert "no-store" in letter["Cache-Control"]
    code = re.search(r'class="rw-code">([A-Z0-9]{4}-[A-Z0-9]{4})<', html).group(1)
    assert "/account/attiva/" in html
    assert profile.fiscal_code in html
    assert "Gentile Giuseppina Esempio" in html
    assert "0331 826811" in html
    assert "@media print" in html

    again = operator_client.get(letter_url).content.decode()
    assert code not in again
    assert "già stato mostrato" in again

    user = activate_account(fiscal_code=profile.fiscal_code, code=code, password="Una-Frase-7x!")
    assert user.is_active


def test_a_wrong_registration_is_answered_field_by_field_and_keeps_what_was_typed(
    operator_client, social_point
):
    form = registration_form(social_point, birth_date="1950-01-01", first_name="Giuseppina")

    response = operator_client.post(reverse("intake_citizens:register"), form)

    html = response.content.decode()
    assert response.status_code == 200
    assert "niente è stato salvato" in html
    assert 'value="Giuseppina"' in html
    assert response.context["form"].errors["birth_date"]
    assert not CitizenProfile.objects.exists()


def test_a_new_code_replaces_the_old_one(operator_client, operator, social_point):
    operator_client.post(reverse("intake_citizens:register"), registration_form(social_point))
    profile = CitizenProfile.objects.get()
    letter_url = reverse("intake_citizens:letter", args=[profile.pk])
    first = re.search(r'rw-code">([A-Z0-9-]{9})<', operator_client.get(letter_url).content.decode())

    response = operator_client.post(reverse("intake_citizens:new-code", args=[profile.pk]))
    assert response["Location"] == letter_url
    second = re.search(
        r'rw-code">([A-Z0-9-]{9})<', operator_client.get(letter_url).content.decode()
    )

    assert first.group(1) != second.group(1)
    assert (
        profile.activation_codes.filter(expires_at__gt=datetime.datetime.now(datetime.UTC)).count()
        == 1
    )


def test_operator_files_a_request_on_behalf_of_a_citizen(
    operator_client, operator, citizen, service, social_point
):
    url = reverse("intake_citizens:file-request", args=[citizen.pk])
    form = operator_client.get(url).context["form"]
    assert (service.pk, f"{service.title} – {service.get_parent().title}") in form.fields[
        "service"
    ].choices
    data = {
        "service": service.pk,
        "description": "Vive sola e non riesce più a fare la spesa.",
        "channel": RequestChannel.PHONE,
        "social_point": social_point.pk,
        "preferred_contact": "phone",
        "contact_phone": "",
        "contact_email": "",
        "submission_key": form.initial["submission_key"],
    }

    first = operator_client.post(url, data)
    second = operator_client.post(url, data)  # a double click

    stored = ServiceRequest.objects.get()
    assert stored.citizen == citizen
    assert stored.channel == RequestChannel.PHONE
    assert stored.submitted_by == operator
    assert stored.social_point.specific == social_point
    assert (
        first["Location"]
        == second["Location"]
        == reverse("intake_citizens:detail", args=[citizen.pk])
    )
    detail = operator_client.get(first["Location"]).content.decode()
    assert stored.reference in detail


def test_a_request_without_description_is_not_filed(operator_client, citizen, service):
    url = reverse("intake_citizens:file-request", args=[citizen.pk])
    response = operator_client.post(
        url,
        {
            "service": service.pk,
            "description": "",
            "channel": RequestChannel.SOCIAL_POINT,
            "preferred_contact": "phone",
            "submission_key": "abc",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    assert not ServiceRequest.objects.exists()


@pytest.mark.parametrize("role", ["district_office", "provider_staff", "citizen"])
def test_only_operators_reach_the_citizens_views(client, catalogue, role):
    citizen = f.CitizenProfileFactory()
    user = {
        "district_office": lambda: f.DistrictOfficeFactory(),
        "provider_staff": lambda: f.ProviderStaffFactory(provider=catalogue["provider"]),
        "citizen": lambda: citizen.user,
    }[role]()
    client.force_login(user)
    refused_to = (reverse("wagtailadmin_home"), reverse("wagtailadmin_login"))

    for url in (
        reverse("intake_citizens:search"),
        reverse("intake_citizens:register"),
        reverse("intake_citizens:detail", args=[citizen.pk]),
        reverse("intake_citizens:file-request", args=[citizen.pk]),
    ):
        response = client.get(url)
        # Wagtail answers a refusal by sending staff to the admin home, others to the login.
        assert response.status_code == 302, url
        assert response["Location"].split("?")[0] in refused_to, url
    assert client.post(reverse("intake_citizens:new-code", args=[citizen.pk])).status_code == 302
    assert not citizen.activation_codes.exists()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("intake_citizens:search") not in home


def test_operators_see_the_citizens_menu_item(operator_client):
    home = operator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("intake_citizens:search") in home
