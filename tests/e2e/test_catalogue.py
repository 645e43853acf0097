"""The catalogue's pages in a real browser: the in-page index and an accessibility scan."""

import datetime
import json
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories as f

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def live_catalogue(live_site):
    """A provider with a full service, a Social Point with hours, a guide: at the live server."""
    # In the main menu, as in the demo: the scan then covers the menu's links too.
    providers = f.ProviderIndexPageFactory(parent=live_site, show_in_menus=True)
    social_points = f.SocialPointIndexPageFactory(parent=live_site, show_in_menus=True)
    guides = f.GuideIndexPageFactory(parent=live_site, show_in_menus=True)
    f.ServiceIndexPageFactory(parent=live_site, show_in_menus=True)
    municipality = f.MunicipalityFactory(name="Tradate")
    provider = f.ProviderPageFactory(
        parent=providers,
        title="Cooperativa Esempio Aurora",
        address="Via Roma 1",
        postcode="21049",
        municipality=municipality,
        phone="0331 111222",
        website="https://example.org",
    )
    point = f.SocialPointPageFactory(
        parent=social_points,
        title="Social Point Tradate",
        municipality=municipality,
        latitude=Decimal("45.708300"),
        longitude=Decimal("8.907500"),
        phone="0331 826811",
        accessibility_notes="Ingresso senza gradini.",
    )
    f.SocialPointOpeningHoursFactory(page=point, weekday=0, opens="09:00", closes="12:30")
    f.SocialPointClosureFactory(page=point, date=datetime.date(2030, 12, 25), reason="Natale")
    service = f.ServicePageFactory(
        parent=provider,
        title="Assistenza domiciliare anziani",
        summary="Aiuto a casa per le persone anziane che vivono sole.",
        min_age=65,
        isee_max=Decimal("15000"),
        funding="accredited",
        voucher_accepted=True,
        delivered_at_home=True,
        outcome="<p>Fino a 6 ore a settimana.</p>",
        last_reviewed=datetime.date(2026, 3, 15),
    )
    service.needs.set([f.NeedFactory(name="Anziani")])
    service.social_points.set([point])
    service.save()
    f.ServiceAccessStepFactory(page=service, text="Telefona allo sportello")
    f.ServiceCostOptionFactory(page=service, kind="per_hour", amount=Decimal("18.50"), unit="ora")
    f.ServiceCostOptionFactory(page=service, kind="income_based", note="Gratis sotto 6.000 €")
    f.ServiceContactFactory(page=service)
    body = [
        {"type": "heading", "value": {"text": "Chi può chiederlo"}},
        {"type": "paragraph", "value": "<p>Chi vive nel distretto.</p>"},
        {"type": "steps", "value": {"steps": ["Registrati", "Scegli il servizio"]}},
        {"type": "callout", "value": {"kind": "info", "title": "", "text": "<p>Nota.</p>"}},
        {"type": "question_answer", "value": {"question": "Costa?", "answer": "<p>No.</p>"}},
    ]
    guide = f.GuidePageFactory(
        parent=guides, title="Come funziona il voucher", body=json.dumps(body)
    )
    return {
        "service": service,
        "provider": provider,
        "social_point": point,
        "guide": guide,
        "providers": providers,
        "social_points": social_points,
    }


def test_in_page_index_leads_to_the_cost_section(page, live_catalogue):
    service = live_catalogue["service"]
    assert page.goto(service.url).status == 200
    index = page.get_by_role("navigation", name="Indice della pagina")
    index.get_by_role("link", name="Quanto costa").click()
    page.wait_for_function("window.location.hash === '#quanto-costa'")
    assert page.url.endswith(f"{service.url}#quanto-costa")
    section = page.locator("#quanto-costa")
    assert section.get_by_role("heading", name="Quanto costa").is_visible()
    assert section.locator(".rw-cost-table").is_visible()
    assert section.is_visible()


def test_in_page_index_works_without_javascript(browser, live_server, live_catalogue):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(live_catalogue["service"].url)
        # The first of the page's links to the costs: the one at the top, under the summary.
        tab.get_by_role("link", name="Quanto costa").first.click()
        assert tab.url.endswith("#quanto-costa")
        assert tab.locator("#quanto-costa .rw-cost-table").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize(
    "which",
    ["home", "service", "provider", "social_point", "guide", "providers", "social_points"],
)
def test_page_has_no_serious_or_critical_accessibility_violation(page, live_catalogue, which):
    url = "/" if which == "home" else live_catalogue[which].url
    assert page.goto(url).status == 200
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], "\n".join(blocking)
