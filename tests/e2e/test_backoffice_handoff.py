"""The hand-off in a real browser: an operator assigns a citizen's request to a cooperative
in the admin, a cooperative's staff member accepts it, and the citizen sees both steps in
«Le mie richieste» (the citizen's pages of intake-web, URL name `intake:my-requests`)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from intake.models import RequestStatus
from tests import factories as f
from tests.intake.backoffice_world import build_district, submit

PASSWORD = "password-di-prova-1"


def admin_login(browser, live_server, user):
    """A browser tab logged in to the admin through its login form."""
    context = browser.new_context(base_url=live_server.url, locale="it-IT")
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.get_by_label(re.compile("Nome utente|Username", re.I)).fill(user.username)
    tab.get_by_label(re.compile("Password", re.I)).fill(PASSWORD)
    tab.get_by_role("button", name=re.compile("Accedi|Sign in", re.I)).click()
    tab.wait_for_url(re.compile(r"/admin/$"))
    return tab


def citizen_tab(browser, live_server, user):
    """A tab with the citizen's session (the citizen's login page is intake-web's to test)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, locale="it-IT")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def test_operator_assigns_cooperative_accepts_citizen_sees_both_steps(
    browser, live_server, live_site
):
    try:
        my_requests_url = reverse("intake:my-requests")
    except NoReverseMatch:
        pytest.skip("«Le mie richieste» (intake:my-requests) comes with the intake-web branch")
    district = build_district(live_site)
    citizen = f.CitizenProfileFactory(first_name="Ada", last_name="Ferri")
    service_request = submit(district, citizen=citizen)

    # The operator takes the request in review and assigns it to Cooperativa Aurora.
    operator = admin_login(browser, live_server, district.operator)
    operator.get_by_role("link", name="Richieste").first.click()
    operator.get_by_role("link", name=service_request.reference).click()
    expect(operator.get_by_text("Ada Ferri")).to_be_visible()
    operator.get_by_role("button", name="Prendi in carico").click()
    expect(operator.get_by_text("presa in carico")).to_be_visible()
    provider_select = operator.get_by_role("combobox", name=re.compile(r"\bEnte\b"))
    provider_select.select_option(label="Cooperativa Aurora")
    operator.get_by_label("Nota per l'ente (facoltativa)").fill("Chiamare dopo le 10.")
    operator.get_by_role("button", name="Assegna all'ente").click()
    expect(operator.get_by_text("assegnata a Cooperativa Aurora")).to_be_visible()
    operator.context.close()

    # Cooperativa Aurora's staff member finds it among their requests and accepts it.
    staff = admin_login(browser, live_server, district.aurora_staff)
    staff.goto("/admin/richieste/")
    staff.get_by_role("link", name=service_request.reference).click()
    expect(staff.get_by_text("Chiamare dopo le 10.")).to_be_visible()
    staff.get_by_role("button", name="Accetta la richiesta").click()
    expect(staff.get_by_text(f"Richiesta {service_request.reference} accettata.")).to_be_visible()
    staff.context.close()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.ACCEPTED

    # The citizen follows it in «Le mie richieste».
    tab = citizen_tab(browser, live_server, citizen.user)
    tab.goto(my_requests_url)
    expect(tab.get_by_text(service_request.reference).first).to_be_visible()
    expect(tab.get_by_text("Accettata dall'ente").first).to_be_visible()
    tab.get_by_role("link", name=service_request.service_title).first.click()
    expect(tab.get_by_text("Assegnata a un ente").first).to_be_visible()
    expect(tab.get_by_text("Accettata dall'ente").first).to_be_visible()
    tab.context.close()
