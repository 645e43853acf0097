"""Staff give a TOTP code at each login (django-otp); citizens do not; API tokens alike."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from catalogue.governance import MUNICIPAL_EDITORS
from tests import factories as f

PASSWORD = "password-di-prova-1"


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    settings.STAFF_2FA_REQUIRED = True


def admin_login(client, user):
    return client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD}, follow=True
    )


def code_for(device, drift=0):
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{value:06d}"


def enrol(client):
    """Open the enrolment page, confirm with a code; return the recovery codes shown."""
    client.get("/admin/secondo-fattore/configura/")
    device = TOTPDevice.objects.get(confirmed=False)
    shown = client.post("/admin/secondo-fattore/configura/", {"code": code_for(device)})
    assert shown.status_code == 200
    return device, re.findall(r"<li><code>(\w+)</code></li>", shown.content.decode())


def test_staff_first_login_leads_to_enrolment_with_a_qr_code(client, home_page):
    operator = f.OperatorFactory()

    page = admin_login(client, operator)

    assert page.redirect_chain[-1][0].startswith("/admin/secondo-fattore/configura/")
    html = page.content.decode()
    assert "<svg" in html and "<script>" not in html.split("<main", 1)[-1].split("</main>")[0]
    # Nothing of the admin opens before the second factor is set up.
    assert client.get("/admin/richieste/").status_code == 302


def test_enrolment_gives_recovery_codes_and_opens_the_admin(client, home_page):
    operator = f.OperatorFactory()
    admin_login(client, operator)

    device, codes = enrol(client)

    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_each_login_asks_for_the_code_and_a_wrong_one_is_refused(client, home_page):
    operator = f.OperatorFactory()
    admin_login(client, operator)
    device, _codes = enrol(client)
    client.post("/admin/logout/")

    page = admin_login(client, operator)
    assert page.redirect_chain[-1][0].startswith("/admin/secondo-fattore/verifica/")
    wrong = client.post("/admin/secondo-fattore/verifica/", {"code": "000000"})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    ok = client.post("/admin/secondo-fattore/verifica/", {"code": code_for(device, drift=1)})
    assert ok.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, home_page):
    operator = f.OperatorFactory()
    admin_login(client, operator)
    _device, codes = enrol(client)
    client.post("/admin/logout/")

    admin_login(client, operator)
    assert client.post("/admin/secondo-fattore/verifica/", {"code": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")

    admin_login(client, operator)
    again = client.post("/admin/secondo-fattore/verifica/", {"code": codes[0]})
    assert again.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_an_administrator_resets_a_lost_device(client, home_page):
    operator = f.OperatorFactory()
    admin_login(client, operator)
    enrol(client)
    client.post("/admin/logout/")
    admin = f.UserFactory(is_superuser=True, is_staff=True)
    admin_login(client, admin)
    enrol(client)

    client.post(f"/admin/secondo-fattore/azzera/{operator.pk}/")
    client.post("/admin/logout/")

    page = admin_login(client, operator)
    assert page.redirect_chain[-1][0].startswith("/admin/secondo-fattore/configura/")


def reset_url(user):
    return f"/admin/secondo-fattore/azzera/{user.pk}/"


def test_the_users_listing_links_the_reset_for_users_with_a_device(client, home_page):
    enrolled, not_enrolled = f.OperatorFactory(), f.OperatorFactory()
    TOTPDevice.objects.create(user=enrolled, name="app", confirmed=True)
    admin = f.UserFactory(is_superuser=True, is_staff=True)
    admin_login(client, admin)
    enrol(client)

    listing = client.get("/admin/users/").content.decode()
    assert f'href="{reset_url(enrolled)}"' in listing
    assert not_enrolled.username in listing and reset_url(not_enrolled) not in listing

    confirm = client.get(reset_url(enrolled))
    assert confirm.status_code == 200 and '<form method="post">' in confirm.content.decode()
    done = client.post(reset_url(enrolled), follow=True)
    assert done.redirect_chain[-1][0] == f"/admin/users/edit/{enrolled.pk}/"
    assert "Secondo fattore azzerato" in done.content.decode()
    assert not TOTPDevice.objects.filter(user=enrolled).exists()
    assert reset_url(enrolled) not in client.get("/admin/users/").content.decode()


def test_an_editor_who_reads_the_users_listing_gets_no_reset_link(client, home_page):
    enrolled = f.OperatorFactory()
    TOTPDevice.objects.create(user=enrolled, name="app", confirmed=True)
    editor = f.UserFactory()
    editor.groups.add(Group.objects.get(name=MUNICIPAL_EDITORS))
    editor.user_permissions.add(Permission.objects.get(codename="view_user"))
    admin_login(client, editor)
    enrol(client)

    listing = client.get("/admin/users/")

    assert listing.status_code == 200 and enrolled.username in listing.content.decode()
    assert "/admin/secondo-fattore/azzera/" not in listing.content.decode()
    assert client.post(reset_url(enrolled)).status_code == 302  # Wagtail's 403
    assert TOTPDevice.objects.filter(user=enrolled).exists()


def test_staff_cannot_reset_someone_else(client, home_page):
    operator, other = f.OperatorFactory(), f.OperatorFactory()
    admin_login(client, operator)
    enrol(client)

    refused = client.post(f"/admin/secondo-fattore/azzera/{other.pk}/")

    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's 403


def test_citizens_log_in_without_a_second_factor(client, home_page):
    citizen = f.CitizenProfileFactory()

    answer = client.post(
        "/account/accedi/", {"username": citizen.fiscal_code, "password": PASSWORD}
    )

    assert answer.status_code == 302
    assert client.get("/richieste/").status_code == 200
    token = APIClient().post(
        "/api/intake/auth/token/", {"username": citizen.email, "password": PASSWORD}
    )
    assert token.status_code == 200


def test_staff_token_needs_the_code(home_page):
    operator = f.OperatorFactory()
    api = APIClient()
    body = {"username": operator.email, "password": PASSWORD}

    not_enrolled = api.post("/api/intake/auth/token/", body)
    assert not_enrolled.status_code == 403
    assert not_enrolled.json()["code"] == "second_factor_required"

    device = TOTPDevice.objects.create(user=operator, name="app", confirmed=True)
    assert api.post("/api/intake/auth/token/", body).status_code == 403
    assert api.post("/api/intake/auth/token/", {**body, "otp_code": "000000"}).status_code == 403
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    ok = api.post("/api/intake/auth/token/", {**body, "otp_code": code_for(device)})
    assert ok.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {ok.json()['token']}")
    assert api.get("/api/intake/requests/").status_code == 200


def test_a_staff_session_without_the_code_cannot_read_the_api(client, home_page):
    operator = f.OperatorFactory()
    admin_login(client, operator)

    answer = client.get("/api/intake/requests/")

    assert answer.status_code == 403
    assert answer.json()["code"] == "second_factor_required"
