"""Citizen accounts through the browser's eyes: register, verify, log in, out, reset, activate."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail

from intake.models import CitizenProfile
from intake.notifications import deliver_pending
from intake.services import register_citizen_assisted
from tests import factories as f

BIRTH = datetime.date(1948, 3, 12)
PASSWORD = "una-password-lunga-7"


@pytest.fixture
def tradate(home_page):
    return f.MunicipalityFactory(name="Tradate")


def form_data(tradate, **overrides):
    data = {
        "first_name": "Anna",
        "last_name": "Esempio",
        "fiscal_code": f.fiscal_code_for(7, BIRTH).lower(),
        "birth_date": BIRTH.isoformat(),
        "municipality": str(tradate.pk),
        "other_municipality": "",
        "phone": "0331 123456",
        "email": "anna@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "preferred_language": "it",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def field_error(response, name):
    """The error text shown under a field, found the way a screen reader does: through
    the input's aria-describedby."""
    page = soup(response)
    field = page.select_one("main").find(attrs={"name": name})
    assert field is not None, name
    holder = field if field.get("aria-describedby") else field.find_parent("fieldset")
    ids = (holder.get("aria-describedby") or "").split()
    texts = [page.find(id=i).get_text(" ", strip=True) for i in ids if i.endswith("_error")]
    return " ".join(texts)


def verification_path():
    deliver_pending()
    link = next(
        line
        for message in mail.outbox
        for line in message.body.splitlines()
        if "/account/verifica/" in line
    )
    return re.sub(r"^https?://[^/]+", "", link.strip())


def test_registration_page_offers_the_district_municipalities_and_the_privacy_notice(
    client, tradate
):
    from home.models import DistrictSettings

    district = DistrictSettings.load()
    district.privacy_notice_url = "https://example.org/privacy"
    district.save()
    response = client.get("/account/registrati/")
    assert response.status_code == 200
    page = soup(response)
    options = [o.get_text(strip=True) for o in page.select("select[name=municipality] option")]
    assert "Tradate" in options
    assert any("Altro comune" in o for o in options)
    assert page.find("a", href="https://example.org/privacy")
    for name in ("first_name", "fiscal_code", "birth_date", "email", "password1"):
        field = page.select_one("main").find(attrs={"name": name})
        assert page.find("label", attrs={"for": field["id"]}), name


def test_citizen_registers_verifies_the_email_and_logs_in_with_the_codice_fiscale(client, tradate):
    response = client.post("/account/registrati/", form_data(tradate))
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert "Controlla la tua email" in response.content.decode()
    assert "anna@example.org" in response.content.decode()
    profile = CitizenProfile.objects.get()
    assert profile.fiscal_code == f.fiscal_code_for(7, BIRTH)
    assert profile.municipality == tradate
    assert not profile.user.is_active

    # Before the link, the right password says «not active yet», not «wrong».
    response = client.post(
        "/account/accedi/", {"username": profile.fiscal_code, "password": PASSWORD}
    )
    assert "non è ancora attivo" in response.content.decode()

    response = client.get(verification_path())
    assert response.status_code == 200
    assert "Email confermata" in response.content.decode()

    response = client.post(
        "/account/accedi/", {"username": profile.fiscal_code.lower(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/richieste/"
    response = client.get("/richieste/")
    header = soup(response).select_one(".rw-account-links").get_text(" ", strip=True)
    assert "Le mie richieste" in header and "Esci" in header


def test_citizen_logs_in_with_the_email_and_out_with_a_post(client, home_page):
    profile = f.CitizenProfileFactory()
    response = client.post(
        "/account/accedi/", {"username": profile.user.email, "password": "password-di-prova-1"}
    )
    assert response.status_code == 302
    assert client.get("/richieste/").status_code == 200

    assert client.get("/account/esci/").status_code == 405
    response = client.post("/account/esci/", follow=True)
    assert "Sei uscito" in response.content.decode()
    assert client.get("/richieste/")["Location"].startswith("/account/accedi/")


def test_wrong_password_keeps_the_identifier_and_says_what_to_check(client, home_page):
    profile = f.CitizenProfileFactory()
    response = client.post(
        "/account/accedi/", {"username": profile.fiscal_code, "password": "sbagliata"}
    )
    assert response.status_code == 200
    page = soup(response)
    assert "non sono corretti" in page.select_one("#riepilogo-errori").get_text()
    assert page.find("input", attrs={"name": "username"})["value"] == profile.fiscal_code


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"fiscal_code": "RSSMRA48C12L319X"}, "fiscal_code", "non è valido"),
        ({"fiscal_code": "RSSMRA"}, "fiscal_code", "16 caratteri"),
        ({"fiscal_code": "RSSMRA48C12L319XX"}, "fiscal_code", "ne hai scritti 17"),
        ({"fiscal_code": ""}, "fiscal_code", "Scrivi il tuo codice fiscale"),
        ({"birth_date": "1948-03-13"}, "birth_date", "non corrisponde al codice fiscale"),
        ({"first_name": ""}, "first_name", "Scrivi il tuo nome"),
        ({"first_name": "A" * 81}, "first_name", "al massimo 80"),
        ({"last_name": "B" * 81}, "last_name", "al massimo 80"),
        ({"email": ""}, "email", "Scrivi la tua email"),
        ({"email": "non-una-email"}, "email", "non sembra corretta"),
        ({"phone": "3" * 41}, "phone", "al massimo 40"),
        ({"municipality": ""}, "municipality", "Scegli il tuo comune"),
        ({"municipality": "altro"}, "other_municipality", "Scrivi il nome del comune"),
        ({"password2": "altra-password-99"}, "password2", "non sono uguali"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "password"),
        ({"privacy_consent": ""}, "privacy_consent", "informativa sulla privacy"),
    ],
)
def test_invalid_registration_shows_the_error_at_the_field_and_saves_nothing(
    client, tradate, overrides, field, message
):
    data = form_data(tradate, **overrides)
    response = client.post("/account/registrati/", data)
    assert response.status_code == 200
    assert message.lower() in field_error(response, field).lower()
    summary = soup(response).select_one("#riepilogo-errori")
    assert summary is not None and summary.find("a", href=re.compile("^#id_"))
    # What the citizen typed is still there (passwords excepted).
    assert soup(response).find("input", attrs={"name": "last_name"})["value"] == data["last_name"]
    assert not CitizenProfile.objects.exists()
    assert not get_user_model().objects.exists()


def test_duplicate_codice_fiscale_is_refused_at_the_field(client, tradate):
    existing = f.CitizenProfileFactory(birth_date=BIRTH, fiscal_code=f.fiscal_code_for(7, BIRTH))
    response = client.post("/account/registrati/", form_data(tradate, email="altra@example.org"))
    assert response.status_code == 200
    assert "Esiste già un account" in field_error(response, "fiscal_code")
    assert CitizenProfile.objects.get() == existing
    assert get_user_model().objects.count() == 1


def test_other_municipality_is_stored_by_name(client, tradate):
    response = client.post(
        "/account/registrati/",
        form_data(tradate, municipality="altro", other_municipality="Varese"),
    )
    assert response.status_code == 302
    profile = CitizenProfile.objects.get()
    assert profile.municipality is None and profile.other_municipality == "Varese"


def test_a_tampered_verification_link_gets_a_clear_page(client, tradate):
    client.post("/account/registrati/", form_data(tradate))
    path = verification_path()
    response = client.get(path.rstrip("/") + "x/")
    assert response.status_code == 400
    assert "Il link non è valido" in response.content.decode()
    assert not CitizenProfile.objects.get().user.is_active


def test_password_reset_sends_an_italian_email_whose_link_sets_a_new_password(client, home_page):
    profile = f.CitizenProfileFactory()
    response = client.post("/account/password/", {"email": profile.user.email})
    assert response.status_code == 302
    deliver_pending()
    (message,) = mail.outbox
    assert message.subject == "Nuova password per il tuo account"
    assert profile.fiscal_code in message.body
    link = next(line for line in message.body.splitlines() if "/account/password/" in line)
    response = client.get(re.sub(r"^https?://[^/]+", "", link.strip()), follow=True)
    assert "Scegli una nuova password" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "nuova-password-lunga-8", "new_password2": "nuova-password-lunga-8"},
        follow=True,
    )
    assert "Password cambiata" in response.content.decode()
    assert client.login(username=profile.fiscal_code, password="nuova-password-lunga-8")


def test_citizen_registered_at_a_social_point_activates_the_account_with_the_code(
    client, catalogue
):
    point = f.SocialPointPageFactory(parent=catalogue["social_points"])
    registration = register_citizen_assisted(
        operator=f.OperatorFactory(),
        social_point=point,
        first_name="Giuseppe",
        last_name="Esempio",
        fiscal_code=f.fiscal_code_for(11, BIRTH),
        birth_date=BIRTH,
        other_municipality="Varese",
        privacy_consent=True,
    )
    fiscal_code = registration.profile.fiscal_code
    data = {
        "fiscal_code": fiscal_code,
        "code": "AAAA-BBBB",
        "password1": "la-mia-password-9",
        "password2": "la-mia-password-9",
    }
    response = client.post("/account/attiva/", data)
    assert response.status_code == 200
    assert "non è valido o è scaduto" in soup(response).select_one("#riepilogo-errori").get_text()
    assert soup(response).find("input", attrs={"name": "fiscal_code"})["value"] == fiscal_code

    response = client.post("/account/attiva/", {**data, "code": registration.activation_code})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert "Il tuo account è attivo" in response.content.decode()
    client.post("/account/esci/")
    assert client.login(username=fiscal_code, password="la-mia-password-9")
    # The code works once.
    client.logout()
    response = client.post("/account/attiva/", {**data, "code": registration.activation_code})
    assert response.status_code == 200


def test_codice_fiscale_pasted_with_spaces_is_stored_in_its_canonical_form(client, tradate):
    code = f.fiscal_code_for(7, BIRTH)
    spaced = f"{code[:6]} {code[6:11]} {code[11:]}".lower()
    response = client.post("/account/registrati/", form_data(tradate, fiscal_code=spaced))
    assert response.status_code == 302
    assert CitizenProfile.objects.get().fiscal_code == code
    assert "maxlength" not in str(
        soup(client.get("/account/registrati/")).find("input", attrs={"name": "fiscal_code"})
    )


def test_citizen_pages_speak_english_under_en(client, home_page):
    login_page = client.get("/en/account/accedi/")
    assert login_page.status_code == 200
    html = login_page.content.decode()
    assert '<html lang="en" dir="ltr">' in html and "Sign in" in html

    redirect = client.get("/en/richieste/")
    assert redirect.status_code == 302
    assert redirect["Location"].startswith("/en/account/accedi/?next=/en/richieste/")
