"""Six languages in a real browser: lang and dir of the document and of the content, the
switcher, hreflang; the Arabic service page and request form mirrored, at desktop and phone
width, with no serious or critical accessibility violation."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from wagtail.models import Locale

from catalogue.models import ServiceAccessStep
from tests import factories as f

LANGUAGES = [code for code, _name in settings.LANGUAGES]
FULLY_TRANSLATED = {"it", "en", "ar"}  # the others have only their home page
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}
WIDTHS = {"desktop": 1280, "phone": 390}


def translate(page, code, title, **fields):
    translated = page.copy_for_translation(Locale.objects.get_or_create(language_code=code)[0])
    translated.title = title
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


@pytest.fixture
def multilingual_site(live_site):
    """Home, a service and a guide in Italian, English and Arabic; only the home page in
    Romanian, Albanian and Ukrainian (their service and guide fall back to Italian)."""
    services = f.ServiceIndexPageFactory(parent=live_site, show_in_menus=True)
    providers = f.ProviderIndexPageFactory(parent=live_site, show_in_menus=True)
    guides = f.GuideIndexPageFactory(parent=live_site, show_in_menus=True)
    provider = f.ProviderPageFactory(parent=providers, title="Cooperativa Girasole")
    service = f.ServicePageFactory(
        parent=provider,
        title="Pasti a domicilio",
        summary="Un pranzo caldo consegnato a casa.",
        min_age=65,
        isee_max=Decimal("15000"),
        funding="accredited",
        voucher_accepted=True,
        delivered_at_home=True,
        last_reviewed=datetime.date(2026, 3, 15),
    )
    f.ServiceCostOptionFactory(page=service, kind="per_hour", amount=Decimal("18.50"), unit="ora")
    ServiceAccessStep.objects.create(page=service, text="Telefona al Social Point.", sort_order=0)
    untranslated = f.ServicePageFactory(
        parent=provider, title="Trasporto sociale", summary="Accompagnamento alle visite."
    )
    guide = f.GuidePageFactory(parent=guides, title="Come seguire una richiesta")
    titles = {
        "en": (
            "Welfare Network",
            "Services",
            "Organisations",
            "Guides",
            "Girasole Cooperative",
            "Meals at home",
            "A hot lunch delivered to your home.",
            "How to follow a request",
        ),
        "ar": (
            "شبكة الرعاية الاجتماعية",
            "الخدمات",
            "الهيئات",
            "الأدلة",
            "تعاونية جيراسولي",
            "وجبات إلى المنزل",
            "غداء ساخن يُوصَل إلى المنزل.",
            "كيف تتابع طلبًا",
        ),
    }
    for code, (
        home_t,
        services_t,
        providers_t,
        guides_t,
        provider_t,
        service_t,
        summary,
        guide_t,
    ) in titles.items():
        translate(live_site, code, home_t)
        translate(services, code, services_t)
        translate(providers, code, providers_t)
        translate(guides, code, guides_t)
        translate(provider, code, provider_t)
        translated = translate(service, code, service_t, summary=summary)
        if code == "en":
            ServiceAccessStep.objects.filter(page=translated).update(text="Call the Social Point.")
        translate(guide, code, guide_t)
    for code, home_t in {"ro": "Rețeaua", "sq": "Rrjeti", "uk": "Мережа"}.items():
        translate(live_site, code, home_t)
    citizen = f.CitizenProfileFactory(preferred_language="ar")
    return {
        "service": service,
        "untranslated": untranslated,
        "guide": guide,
        "citizen": citizen,
    }


def prefixed(code, path):
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def log_in(page, citizen, code):
    page.goto(prefixed(code, "/account/accedi/"))
    page.fill("input[name=username]", citizen.fiscal_code)
    page.fill("input[name=password]", "password-di-prova-1")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def check_languages(page, code, content_code, alternates):
    """The document in the visitor's language, the content in its own, the switcher, hreflang."""
    html = page.locator("html")
    assert html.get_attribute("lang") == code
    assert html.get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
    content = page.locator(".rw-content")
    assert content.get_attribute("lang") == content_code
    assert content.get_attribute("dir") == ("rtl" if content_code == "ar" else "ltr")
    links = page.locator(".rw-language-list a")
    assert sorted(links.evaluate_all("els => els.map(e => e.hreflang)")) == sorted(LANGUAGES)
    assert sorted(
        page.locator('link[rel="alternate"]').evaluate_all("els => els.map(e => e.hreflang)")
    ) == sorted(alternates)


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_service_guide_and_request_form_in_each_language(page, multilingual_site, code):
    translated = code in FULLY_TRANSLATED
    all_homes = [*LANGUAGES, "x-default"]
    pages = [
        ("/", code, all_homes),
        (
            multilingual_site["service"].url,
            code if translated else "it",
            ["it", "en", "ar", "x-default"],
        ),
        (
            multilingual_site["guide"].url,
            code if translated else "it",
            ["it", "en", "ar", "x-default"],
        ),
    ]
    for path, content_code, alternates in pages:
        assert page.goto(prefixed(code, path)).status == 200, path
        check_languages(page, code, content_code, alternates)
        # The switcher is a native disclosure: it opens from the keyboard.
        page.locator(".rw-language-switch summary").focus()
        page.keyboard.press("Enter")
        assert page.locator(".rw-language-list").is_visible()

    log_in(page, multilingual_site["citizen"], code)
    form_path = f"/richieste/nuova/{multilingual_site['service'].pk}/"
    assert page.goto(prefixed(code, form_path)).status == 200
    assert page.locator("html").get_attribute("lang") == code
    assert page.locator("html").get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
    assert page.locator("main form").count() >= 1


@pytest.mark.parametrize("width", WIDTHS)
def test_arabic_service_page_and_request_form_are_mirrored_and_accessible(
    browser, live_server, multilingual_site, width
):
    context = browser.new_context(
        base_url=live_server.url, locale="ar", viewport={"width": WIDTHS[width], "height": 900}
    )
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        service_url = "/ar" + multilingual_site["service"].url
        log_in(page, multilingual_site["citizen"], "ar")
        targets = {
            "service": service_url,
            "request-form": f"/ar/richieste/nuova/{multilingual_site['service'].pk}/",
        }
        for name, url in targets.items():
            assert page.goto(url).status == 200
            page.wait_for_load_state("networkidle")
            # Mirrored: the page's text starts at the right edge.
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            page.screenshot(path=str(SCREENSHOTS / f"ar-{name}-{width}.png"), full_page=True)
            results = Axe().run(page)
            blocking = [
                f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
                for v in results.response["violations"]
                if v["impact"] in BLOCKING_IMPACTS
            ]
            assert blocking == [], "\n".join(blocking)
    finally:
        context.close()


def test_translated_rows_and_a_language_catalogue_with_the_italian_services(
    page, multilingual_site
):
    """A translated step reads in the page's language; the Arabic catalogue lists the
    service nobody translated, marked Italian, and leads to it with the notice."""
    assert page.goto("/en" + multilingual_site["service"].url).status == 200
    step = page.locator("#come-fare ol li").first
    assert step.inner_text() == "Call the Social Point."
    assert step.evaluate("el => el.closest('[lang]').lang") == "en"

    assert page.goto("/ar/servizi/").status == 200
    titles = page.locator(".rw-service-card .card-title")
    assert titles.count() == 2
    italian = page.locator(".rw-service-card .card-title[lang=it]")
    assert italian.inner_text() == "Trasporto sociale"
    assert italian.get_attribute("dir") == "ltr"
    italian.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/ar" + multilingual_site["untranslated"].url)
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator(".rw-content").get_attribute("lang") == "it"
    assert page.locator(".rw-translation-notice").is_visible()
