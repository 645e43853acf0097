"""Six languages: each page in the visitor's language where translated, else the Italian page
marked as Italian; a switcher to every language; hreflang; who wrote each translation."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Locale

from home.models import TranslationOrigin, TranslationReview
from tests import factories as f

LANGUAGE_NAMES = {
    "it": "Italiano",
    "en": "English",
    "ar": "العربية",
    "ro": "Română",
    "sq": "Shqip",
    "uk": "Українська",
}


def translate(page, language_code, title):
    """`page` translated and published in `language_code` (its parent must be translated)."""
    locale = Locale.objects.get(language_code=language_code)
    translated = page.copy_for_translation(locale)
    translated.title = title
    translated.save_revision().publish()
    return translated


@pytest.fixture
def site(home_page):
    """An Italian site with a service, translated into English only; the guide is not."""
    services = f.ServiceIndexPageFactory(parent=home_page, show_in_menus=True)
    providers = f.ProviderIndexPageFactory(parent=home_page)
    provider = f.ProviderPageFactory(parent=providers, title="Cooperativa Esempio")
    service = f.ServicePageFactory(parent=provider, title="Pasti a domicilio")
    guides = f.GuideIndexPageFactory(parent=home_page)
    guide = f.GuidePageFactory(parent=guides, title="Come registrarsi")
    translate(home_page, "en", "Welfare Network")
    translate(services, "en", "Services")
    translate(providers, "en", "Organisations")
    translate(provider, "en", "Example Cooperative")
    english_service = translate(service, "en", "Meals at home")
    return {"service": service, "english_service": english_service, "guide": guide}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_every_language_has_a_wagtail_locale(db):
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes >= set(LANGUAGE_NAMES)
    assert [code for code, _name in settings.LANGUAGES] == list(LANGUAGE_NAMES)


def test_untranslated_page_shows_italian_marked_italian_in_a_foreign_interface(client, site):
    response = client.get("/ar" + site["guide"].url)

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    content = page.select_one(".rw-content")
    assert content["lang"] == "it" and content["dir"] == "ltr"
    assert "Come registrarsi" in content.get_text()
    assert page.select_one(".rw-translation-notice")
    # Never Italian text under another language's tag: the nearest lang says Italian.
    title = page.find("h1", string="Come registrarsi")
    assert title.find_parent(attrs={"lang": True})["lang"] == "it"


def test_translated_page_is_marked_in_its_language_with_an_unreviewed_notice(client, site):
    response = client.get("/en" + site["service"].url)

    page = soup(response)
    assert page.html["lang"] == "en" and page.html["dir"] == "ltr"
    assert page.select_one(".rw-content")["lang"] == "en"
    assert "Meals at home" in page.select_one(".rw-content").get_text()
    notice = page.select_one(".rw-translation-notice")
    assert notice.find("a", href=site["service"].url, hreflang="it")


def test_a_reviewed_translation_shows_no_notice(client, site):
    TranslationReview.objects.create(
        page=site["english_service"],
        locale=site["english_service"].locale,
        origin=TranslationOrigin.HUMAN,
    )
    TranslationReview.objects.filter(page=None, locale__language_code="en").update(
        origin=TranslationOrigin.HUMAN
    )

    page = soup(client.get("/en" + site["service"].url))

    assert page.select_one(".rw-translation-notice") is None


def test_switcher_names_each_language_in_itself_and_links_the_same_page(client, site):
    page = soup(client.get(site["service"].url))

    links = {a["hreflang"]: a for a in page.select(".rw-language-list a")}
    assert {code: a.get_text(strip=True) for code, a in links.items()} == LANGUAGE_NAMES
    assert all(a["lang"] == code for code, a in links.items())
    assert links["en"]["href"] == site["english_service"].url
    assert links["ar"]["href"] == "/ar" + site["service"].url
    assert links["ar"]["dir"] == "rtl"
    # Every link leads somewhere: the translation, or the Italian page in that interface.
    for a in links.values():
        assert client.get(a["href"]).status_code == 200


def test_switcher_on_a_fallback_page_leads_to_each_languages_address(client, site):
    # The Arabic visitor reads the untranslated guide in Italian at /ar/...: the switcher
    # must still lead a Romanian to /ro/... (not to the Italian address) and back to /en/.
    guide = site["guide"]
    page = soup(client.get("/ar" + guide.url))

    links = {a["hreflang"]: a["href"] for a in page.select(".rw-language-list a")}
    assert links["it"] == guide.url
    for code in ("en", "ar", "ro", "sq", "uk"):
        assert links[code] == f"/{code}" + guide.url
        assert client.get(links[code]).status_code == 200


def test_hreflang_lists_each_translation_and_x_default(client, site):
    page = soup(client.get("/en" + site["service"].url))

    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"]')}
    assert set(alternates) == {"it", "en", "x-default"}
    assert alternates["x-default"] == alternates["it"]
    assert alternates["en"].endswith(site["english_service"].url)


def test_sitemap_lists_every_translation(client, site):
    xml = client.get("/sitemap.xml").content.decode()

    assert "/en/" in xml and site["english_service"].url in xml
    assert site["service"].url in xml


def test_translation_report_lists_what_is_missing_per_language(client, site, admin_user):
    client.force_login(admin_user)

    page = soup(client.get("/admin/reports/traduzioni/"))

    rows = {
        row.select_one("td").get_text(" ", strip=True): [
            cell.get_text(strip=True) for cell in row.select("td")[1:]
        ]
        for row in page.select("tbody tr")
    }
    guide_row = next(cells for title, cells in rows.items() if "Come registrarsi" in title)
    assert guide_row == ["manca"] * 5
    service_row = next(cells for title, cells in rows.items() if "Pasti a domicilio" in title)
    assert service_row[0] == "automatica, non rivista" and service_row[1:] == ["manca"] * 4


def test_form_pages_switch_language_at_the_same_address(client, home_page):
    page = soup(client.get("/account/accedi/"))

    links = {a["hreflang"]: a["href"] for a in page.select(".rw-language-list a")}
    assert links["ro"] == "/ro/account/accedi/"
    assert soup(client.get(links["uk"])).html["lang"] == "uk"


@pytest.mark.parametrize("code", ["it", "en", "ar", "ro", "sq", "uk"])
def test_api_v2_serves_each_locale(client, site, code):
    response = client.get(f"/api/v2/pages/?locale={code}&type=catalogue.ServicePage")

    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    expected = {"it": ["Pasti a domicilio"], "en": ["Meals at home"]}.get(code, [])
    assert titles == expected


def test_openapi_document_lists_the_locales(client, db):
    schema = client.get("/api/schema/?format=json").json()

    text = re.sub(r"\s+", " ", str(schema))
    for code in LANGUAGE_NAMES:
        assert f"'{code}'" in text


@pytest.mark.parametrize("code", ["it", "en", "ar", "ro", "sq", "uk"])
def test_hsds_serves_each_locale_and_records_carry_their_languages(client, site, code):
    response = client.get(f"/api/hsds/services?locale={code}&full=true")

    assert response.status_code == 200
    items = response.json()["contents"]
    expected = {"it": ["Pasti a domicilio"], "en": ["Meals at home"]}.get(code, [])
    assert [item["name"] for item in items] == expected
    assert all("languages" in item for item in items)
