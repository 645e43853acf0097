"""A staff member's first and second login in a real browser: enrolment with the QR code
and a code from the app (computed here with django-otp's TOTP), then a code at login."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests import factories as f

PASSWORD = "password-di-prova-1"


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    settings.STAFF_2FA_REQUIRED = True


def code(secret, drift=0):
    return f"{totp(b32decode(secret), drift=drift):06d}"


def log_in(page, user):
    page.goto("/admin/login/")
    page.get_by_label(re.compile("Nome utente|Username", re.I)).fill(user.username)
    page.get_by_label(re.compile("Password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Accedi|Sign in", re.I)).click()


def test_staff_enrols_then_gives_a_code_at_each_login(page, live_site):
    operator = f.OperatorFactory()

    log_in(page, operator)
    page.wait_for_url(re.compile(r"/admin/secondo-fattore/configura/"))
    expect(page.get_by_role("img", name="Codice QR per l'app").first).to_be_visible()
    secret = page.locator("#second-factor-secret").first.inner_text()
    page.get_by_label("Codice").first.fill(code(secret))
    page.get_by_role("button", name="Conferma").first.click()
    expect(page.locator(".recovery-codes").first.locator("li")).to_have_count(10)
    link = page.get_by_role("link", name=re.compile("continua")).first
    expect(link).to_have_attribute("href", "/admin/")
    # The page's own requests (scripts, translations) end before its session is dropped.
    page.wait_for_load_state("networkidle")

    page.context.clear_cookies()  # a new login, as on another day
    log_in(page, operator)
    page.wait_for_url(re.compile(r"/admin/secondo-fattore/verifica/"))
    page.wait_for_load_state("networkidle")
    page.goto("/admin/richieste/")
    page.wait_for_url(re.compile(r"/admin/secondo-fattore/verifica/"))  # no code, no admin
    page.get_by_label("Codice").first.fill(code(secret, drift=1))
    page.get_by_role("button", name="Accedi").first.click()
    page.wait_for_url(re.compile(r"/admin/richieste/"), wait_until="commit")
    expect(page.get_by_role("heading", name="Richieste").first).to_be_visible()
    # Nothing in flight when the test ends: the database is flushed right after.
    page.wait_for_load_state("networkidle")
    # Only offline network noise (Wagtail's avatar and update check), no script or CSP error.
    assert [e for e in page.console_errors if "net::ERR_" not in e] == []
