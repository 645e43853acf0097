"""The citizen's whole path in a real browser, from the demo content: register, verify the
email, request home care for the elderly from its service page, find it in «Le mie
richieste»; and accessibility scans of the citizen's pages."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories as f

BLOCKING_IMPACTS = {"serious", "critical"}
BIRTH = datetime.date(1947, 5, 20)
PASSWORD = "una-password-lunga-7"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def demo(live_site):
    """The demo district at the live server (catalogue with its services and Social Points)."""
    from catalogue.demo import load_catalogue
    from catalogue.models import ServicePage

    load_catalogue()
    return {"home_care": ServicePage.objects.get(slug="assistenza-domiciliare-anziani-sad")}


def verification_path(email):
    """The link of the verification email, read from the stored outbox row."""
    from intake.models import Notification

    body = Notification.objects.filter(to_email=email).latest("created_at").body
    link = re.search(r"https?://\S+/account/verifica/\S+", body).group(0)
    return re.sub(r"^https?://[^/]+", "", link)


def register(tab, email, fiscal_code):
    tab.get_by_label("Nome", exact=True).fill("Luigia")
    tab.get_by_label("Cognome").fill("Esempio")
    tab.get_by_label("Codice fiscale").fill(fiscal_code)
    tab.get_by_label("Data di nascita").fill(BIRTH.isoformat())
    tab.get_by_label("Comune di residenza").select_option(label="Tradate")
    tab.get_by_label("Telefono (facoltativo)").fill("0331 555444")
    tab.get_by_label("Email").fill(email)
    tab.get_by_label("Password", exact=True).fill(PASSWORD)
    tab.get_by_label("Ripeti la password").fill(PASSWORD)
    # Bootstrap Italia draws the checkbox on its label: the citizen clicks the label.
    tab.locator("label[for=id_privacy_consent]").click()
    assert tab.get_by_label("Ho letto l'informativa").is_checked()
    tab.get_by_role("button", name="Registrati").click()


@pytest.mark.parametrize(
    "setting",
    [{"javascript": True, "viewport": None}, {"javascript": False, "viewport": PHONE}],
    ids=["desktop", "phone-without-javascript"],
)
def test_new_citizen_registers_requests_home_care_and_sees_it_in_my_requests(
    browser, live_server, demo, setting
):
    from intake.models import ServiceRequest

    options = {"base_url": live_server.url, "locale": "it-IT"}
    options["java_script_enabled"] = setting["javascript"]
    if setting["viewport"]:
        options["viewport"] = setting["viewport"]
    context = browser.new_context(**options)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    email = "luigia@example.org"
    try:
        service = demo["home_care"]
        assert tab.goto(service.url).status == 200
        # The action at the top of the service page (it is repeated in «Accedi al servizio»).
        tab.get_by_role("link", name="Richiedi il servizio").first.click()

        # Not logged in: the login page, which leads to the registration.
        tab.get_by_role("heading", name="Accedi", level=1).wait_for()
        tab.get_by_role("main").get_by_role("link", name="Registrati").click()
        register(tab, email, f.fiscal_code_for(3, BIRTH))
        tab.get_by_role("heading", name="Controlla la tua email").wait_for()
        assert email in tab.get_by_role("main").inner_text()

        tab.goto(verification_path(email))
        tab.get_by_role("heading", name="Email confermata").wait_for()
        tab.get_by_role("main").get_by_role("link", name="Accedi").click()
        tab.get_by_label("Codice fiscale o email").fill(email)
        tab.get_by_label("Password").fill(PASSWORD)
        tab.get_by_role("main").get_by_role("button", name="Accedi").click()

        # Back on the request form, prefilled from the profile.
        tab.get_by_role("heading", name="Richiedi il servizio").wait_for()
        assert service.title in tab.get_by_role("main").inner_text()
        assert tab.get_by_label("Numero di telefono").input_value() == "0331 555444"
        tab.get_by_label("Di che cosa hai bisogno?").fill(
            "Vivo da sola e da un mese non riesco più a fare il bagno senza aiuto."
        )
        tab.get_by_role("button", name="Invia la richiesta").click()

        tab.get_by_role("heading", name="Richiesta inviata").wait_for()
        stored = ServiceRequest.objects.get()
        assert stored.reference in tab.get_by_role("main").inner_text()
        # Reloading the confirmation sends nothing again.
        tab.reload()
        assert ServiceRequest.objects.count() == 1

        tab.get_by_role("navigation", name="Lingua e accesso").get_by_role(
            "link", name="Le mie richieste"
        ).click()
        tab.get_by_role("heading", name="Le mie richieste").wait_for()
        listing = tab.locator(".rw-my-requests").inner_text()
        assert service.title in listing and stored.reference in listing and "Inviata" in listing
        assert errors == []
    finally:
        context.close()


def test_citizen_pages_fit_a_phone_screen(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    tab = context.new_page()
    width = "document.documentElement.scrollWidth"
    try:
        tab.goto("/account/registrati/")
        assert tab.evaluate(width) <= PHONE["width"], "registration"
        log_in(tab, f.CitizenProfileFactory())
        assert tab.evaluate(width) <= PHONE["width"], "Le mie richieste"
        tab.goto(request_form_url(demo))
        assert tab.evaluate(width) <= PHONE["width"], "request form"
    finally:
        context.close()


def log_in(tab, citizen):
    tab.goto("/account/accedi/")
    tab.get_by_label("Codice fiscale o email").fill(citizen.fiscal_code)
    tab.get_by_label("Password").fill("password-di-prova-1")
    tab.get_by_role("main").get_by_role("button", name="Accedi").click()
    tab.get_by_role("heading", name="Le mie richieste").wait_for()


def request_form_url(demo):
    return f"/richieste/nuova/{demo['home_care'].pk}/"


def blocking_violations(tab):
    tab.wait_for_load_state("networkidle")
    results = Axe().run(tab)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize(
    ("url", "with_errors"),
    [
        ("/account/registrati/", False),
        ("/account/registrati/", True),
        ("/account/accedi/", True),
        ("/account/attiva/", True),
        ("/account/password/", False),
    ],
)
def test_account_pages_have_no_serious_accessibility_violation(page, live_site, url, with_errors):
    f.MunicipalityFactory(name="Tradate")
    assert page.goto(url).status == 200
    if with_errors:
        page.get_by_role("main").locator("button[type=submit]").click()
        page.locator("#riepilogo-errori").wait_for()
    assert blocking_violations(page) == []


def test_request_pages_have_no_serious_accessibility_violation(page, demo):
    from intake.services import submit_request

    citizen = f.CitizenProfileFactory()
    submit_request(
        citizen=citizen, service=demo["home_care"], description="Aiuto a casa.", actor=citizen.user
    )
    log_in(page, citizen)
    assert blocking_violations(page) == [], "Le mie richieste"
    page.goto(request_form_url(demo))
    assert blocking_violations(page) == [], "request form"
    page.get_by_role("button", name="Invia la richiesta").click()
    page.locator("#riepilogo-errori").wait_for()
    assert blocking_violations(page) == [], "request form with errors"
    page.goto("/richieste/")
    page.locator(".rw-my-requests a").first.click()
    assert blocking_violations(page) == [], "request detail"
