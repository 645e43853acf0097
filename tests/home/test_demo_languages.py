"""The demo in other languages: a service card's rows (steps, documents, costs, contacts)
and the legal pages translated with their pages, a second load adding nothing, and a
language's catalogue listing every published service (the untranslated ones in Italian,
marked as such)."""

import math
from io import StringIO
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from catalogue.data import demo_translations
from catalogue.demo import load_catalogue
from catalogue.discovery.listing import PAGE_SIZE
from catalogue.models import (
    Need,
    ProviderIndexPage,
    ServiceAccessStep,
    ServiceContact,
    ServiceCostOption,
    ServicePage,
    ServiceRequiredDocument,
    SocialPointClosure,
)
from catalogue.rules import published_services
from home.demo import load_legal_pages
from home.demo_translations import load_translations
from home.models import HomePage
from tests import factories as f
from tests.catalogue.test_query_budgets import LISTING_BUDGET, queries_of

HOST = {"HTTP_HOST": "localhost"}
SERVICE = "/enti/ufficio-di-piano/pasti-a-domicilio/"
ROWS = [
    ServiceAccessStep,
    ServiceRequiredDocument,
    ServiceCostOption,
    ServiceContact,
    SocialPointClosure,
]


@pytest.fixture(scope="module")
def translated_demo(demo_content, django_db_blocker):
    """The demo with its legal pages, translated into English and Arabic (the other three
    languages work the same way and would only make the module slower)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_legal_pages(HomePage.objects.get(locale__language_code="it"))
        with mock.patch.object(demo_translations, "LANGUAGES", ["en", "ar"]):
            load_translations()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def site(translated_demo, db):
    cache.clear()
    yield
    cache.clear()


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def texts(page, selector):
    return [element.get_text(" ", strip=True) for element in page.select(selector)]


def italian_marks(page, selector):
    """The elements under `selector` (and their descendants) marked as Italian."""
    return [
        element
        for found in page.select(selector)
        for element in [found, *found.select("[lang]")]
        if element.get("lang") == "it"
    ]


def test_english_service_page_shows_english_steps_documents_costs_and_contacts(client, site):
    page = soup(client.get("/en" + SERVICE, **HOST))

    assert page.select_one(".rw-content")["lang"] == "en"
    steps = texts(page, "#come-fare ol li")
    assert steps[0].startswith("Book an appointment with the social worker")
    documents = texts(page, "#cosa-serve li")
    assert "Valid identity document" in documents
    assert "Health card (Of the person who receives the service.)" in documents
    costs = " ".join(texts(page, ".rw-cost-table tbody tr"))
    assert "/ meal" in costs and "Full rate." in costs
    assert "With ISEE below €12,000 a meal costs from €2.50 to €5.00." in costs
    contacts = " ".join(texts(page, "#contatti li"))
    assert "Office – District Planning Office – Municipality of Tradate" in contacts
    assert "Mon–Fri 9–12.30; Tue and Thu also 14–17" in contacts
    # Translated rows take the page's language: nothing in them is marked Italian.
    for section in ("#come-fare", "#cosa-serve", "#quanto-costa", "#contatti"):
        assert italian_marks(page, section) == [], section
    html = page.decode()
    for italian in ("Tessera sanitaria", "Tariffa piena.", "Segreteria –", "lun–ven"):
        assert italian not in html


def test_arabic_social_point_shows_its_closures_in_arabic(client, site):
    page = soup(client.get("/ar/social-point/tradate/", **HOST))

    closures = " ".join(texts(page, ".rw-closures li"))
    assert "عيد الحبل بلا دنس" in closures
    assert "Immacolata" not in closures


def test_a_row_left_untranslated_stays_marked_italian(client, site):
    english = ServicePage.objects.get(slug="pasti-a-domicilio", locale__language_code="en")
    step = english.access_steps.first()
    italian = ServiceAccessStep.objects.get(
        translation_key=step.translation_key, locale__language_code="it"
    )
    ServiceAccessStep.objects.filter(pk=step.pk).update(text=italian.text)

    page = soup(client.get("/en" + SERVICE, **HOST))

    first = page.select_one("#come-fare ol li")
    assert first["lang"] == "it" and first["dir"] == "ltr"
    assert first.get_text(strip=True) == italian.text


def test_english_privacy_notice_is_in_english_and_keeps_its_version(client, site, settings):
    page = soup(client.get("/en/privacy/", **HOST))

    assert page.select_one(".rw-content")["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Privacy notice"
    body = page.select_one(".rw-content").get_text(" ", strip=True)
    assert "Data controller" in body and "Titolare del trattamento" not in body
    assert settings.PRIVACY_NOTICE_VERSION in body
    english = Page.objects.get(url_path__endswith="/privacy/", locale__language_code="en")
    italian = Page.objects.get(url_path__endswith="/privacy/", locale__language_code="it")
    assert english.specific.version == italian.specific.version
    assert english.specific.updated_on == italian.specific.updated_on


def test_english_legal_notes_cookies_and_accessibility_statement_are_in_english(client, site):
    for path, title in [
        ("/en/note-legali/", "Legal notes"),
        ("/en/cookie/", "Cookie notice"),
        ("/en/accessibilita/", "Accessibility statement"),
    ]:
        page = soup(client.get(path, **HOST))
        assert page.h1.get_text(strip=True) == title, path
        assert page.select_one(".rw-content")["lang"] == "en"


def counts():
    return {
        "pages": Page.objects.count(),
        "translations": Translation.objects.count(),
        "strings": StringTranslation.objects.count(),
        **{model.__name__: model.objects.count() for model in ROWS},
        "row_keys": sorted(
            str(key) for key in ServiceAccessStep.objects.values_list("translation_key", flat=True)
        ),
    }


def test_loading_the_demo_again_adds_nothing(client, site):
    before = counts()
    out = StringIO()

    load_catalogue()
    with mock.patch.object(demo_translations, "LANGUAGES", ["en", "ar"]):
        load_translations(stdout=out)

    assert counts() == before
    assert "Translations (en): 0 new" in out.getvalue()
    assert "Translations (ar): 0 new" in out.getvalue()
    steps = texts(soup(client.get("/en" + SERVICE, **HOST)), "#come-fare ol li")
    assert steps[0].startswith("Book an appointment")


def test_arabic_catalogue_lists_every_published_service(client, site):
    italian = published_services(locale=HomePage.objects.get(locale__language_code="it").locale)
    arabic = ServicePage.objects.live().filter(locale__language_code="ar")
    assert 0 < arabic.count() < italian.count()

    response = client.get("/ar/servizi/", **HOST)
    assert response.context["total"] == italian.count()
    cards = {}
    for number in range(1, math.ceil(italian.count() / PAGE_SIZE) + 1):
        page = soup(client.get(f"/ar/servizi/?pagina={number}", **HOST))
        for card in page.select(".rw-service-card"):
            cards[card.select_one("a")["href"]] = card
    assert len(cards) == italian.count()
    # A translated service: in Arabic, unmarked. An untranslated one: its Italian title and
    # summary marked Italian, linking to its address in Arabic (the page with the notice).
    translated = cards["/ar" + SERVICE]
    assert translated.select_one(".card-title").get("lang") is None
    untranslated = cards["/ar/enti/ufficio-di-piano/segretariato-sociale/"]
    title = untranslated.select_one(".card-title")
    assert title["lang"] == "it" and title["dir"] == "ltr"
    link = title.select_one("a")
    assert link.get_text(strip=True) == "Segretariato sociale e orientamento"
    assert untranslated.select_one(".card-text")["lang"] == "it"
    fallback = soup(client.get(link["href"], **HOST))
    assert fallback.html["lang"] == "ar" and fallback.select_one(".rw-content")["lang"] == "it"
    assert fallback.select_one(".rw-translation-notice")


def test_arabic_catalogue_facets_count_the_italian_services_too(client, site):
    italian = client.get("/servizi/", **HOST).context
    arabic = client.get("/ar/servizi/", **HOST).context

    def counted(context, key):
        return {choice.value: choice.count for choice in context["facets"][key].choices}

    for key in ("bisogno", "costo", "voucher", "finanziamento", "ente"):
        assert counted(arabic, key) == counted(italian, key), key
    chosen = client.get("/ar/servizi/?ente=cooperativa-aurora&bisogno=anziani", **HOST).context
    same = client.get("/servizi/?ente=cooperativa-aurora&bisogno=anziani", **HOST).context
    assert chosen["total"] == same["total"] > 0


def test_arabic_catalogue_keeps_the_query_budget(client, site, settings):
    settings.CONTENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False
    url = "/ar/servizi/?bisogno=anziani&comune=tradate"
    before = queries_of(client, url)
    # Five more Italian services, not translated: the Arabic catalogue lists them too.
    provider = f.ProviderPageFactory(
        parent=ProviderIndexPage.objects.get(locale__language_code="it")
    )
    elderly = Need.objects.get(slug="anziani", locale__language_code="it")
    for position in range(5):
        service = f.ServicePageFactory(parent=provider, title=f"Assistenza anziani {position}")
        service.needs.set([elderly])
        service.save_revision().publish()
    cache.clear()

    assert queries_of(client, url) == before <= LISTING_BUDGET
