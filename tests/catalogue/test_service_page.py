"""The service page as a citizen reads it: the Designers Italia service card."""

import pytest
from bs4 import BeautifulSoup

from catalogue.selectors import SERVICE_SECTIONS
from tests import factories as f

REQUIRED_ORDER = [
    "A chi è rivolto",
    "Descrizione",
    "Come fare",
    "Cosa serve",
    "Cosa si ottiene",
    "Tempi e scadenze",
    "Quanto costa",
    "Accedi al servizio",
    "Condizioni di servizio",
    "Contatti",
]


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_headings(soup):
    return [h2.get_text(strip=True) for h2 in soup.select("main section.it-page-section > h2")]


def test_service_page_shows_title_status_and_summary(client, full_service):
    soup = soup_of(client, full_service)
    assert soup.h1.get_text(strip=True) == "Assistenza domiciliare anziani"
    assert "Servizio attivo" in soup.select_one(".rw-status").get_text()
    assert "Aiuto a casa per le persone anziane" in soup.select_one("main").get_text()


def test_service_sections_follow_the_conformance_order_then_documents_topics_and_date(
    client, full_service
):
    soup = soup_of(client, full_service)
    headings = section_headings(soup)
    assert headings[: len(REQUIRED_ORDER)] == REQUIRED_ORDER
    assert headings[len(REQUIRED_ORDER) :] == ["Argomenti"]
    text = soup.select_one("main").get_text(" ", strip=True)
    assert text.index("Argomenti") < text.index("Pagina aggiornata il 15 marzo 2026")


def test_in_page_index_links_every_section_in_the_same_order(client, full_service):
    soup = soup_of(client, full_service)
    index = soup.find("nav", attrs={"aria-labelledby": "page-index-title"})
    assert index.find(id="page-index-title").get_text(strip=True) == "Indice della pagina"
    links = index.select("a[href^='#']")
    assert [a.get_text(strip=True) for a in links] == section_headings(soup)
    for link in links:
        assert soup.find(id=link["href"][1:]) is not None, link["href"]


def test_empty_sections_keep_their_place_and_say_so(client, catalogue):
    service = catalogue["service"]
    soup = soup_of(client, service)
    assert section_headings(soup) == REQUIRED_ORDER
    assert "Non servono documenti particolari." in soup.get_text()
    assert "Tutti i comuni del distretto" in soup.get_text()


def test_cost_table_lists_each_option_with_italian_amounts(client, full_service):
    soup = soup_of(client, full_service)
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup.select(".rw-cost-table tbody tr")
    ]
    assert rows == [
        ["All'ora", "18,50\xa0€ / ora", ""],
        ["In base all'ISEE", "variabile", "Gratis sotto 6.000 €"],
    ]


def test_free_option_reads_zero_euro_not_free_twice(client, catalogue):
    service = catalogue["service"]
    f.ServiceCostOptionFactory(page=service, kind="free")
    soup = soup_of(client, service)
    row = soup.select_one(".rw-cost-table tbody tr")
    assert [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])][:2] == [
        "Gratuito",
        "0,00\xa0€",
    ]


def test_eligibility_reads_as_data_with_isee_in_euro(client, full_service):
    soup = soup_of(client, full_service)
    eligibility = soup.select_one(".rw-eligibility").get_text(" ", strip=True)
    assert "da 65 a 99 anni" in eligibility
    assert "riservato ai residenti nei comuni del distretto" in eligibility
    assert "ISEE fino a 15.000,00\xa0€" in eligibility


def test_access_section_has_request_button_social_points_and_provider_office(
    client, full_service, social_point
):
    soup = soup_of(client, full_service)
    access = soup.find(id="accedi-al-servizio")
    text = access.get_text(" ", strip=True)
    assert "Richiedi il servizio" in text
    assert access.find("a", href=social_point.url) is not None
    assert "Piazza Mazzini 6" in text
    assert "Via Roma 1" in text
    assert "A domicilio" in text
    assert "rumeno" in text


def test_contacts_show_provider_and_partner_cards_with_click_to_call(client, full_service):
    soup = soup_of(client, full_service)
    contacts = soup.find(id="contatti")
    titles = [a.get_text(strip=True) for a in contacts.select(".rw-provider-card h3 a")]
    assert titles == [full_service.get_parent().title, "Cooperativa Partner"]
    assert contacts.find("a", href="tel:0331123456") is not None


def test_inactive_service_shows_reason_prominently_and_no_request_button(client, catalogue):
    service = catalogue["service"]
    service.is_active = False
    service.inactive_reason = "Riapre a settembre."
    service.save_revision().publish()
    soup = soup_of(client, service)
    alert = soup.select_one("main .alert-warning")
    assert "Riapre a settembre." in alert.get_text()
    assert "Servizio non attivo" in soup.select_one(".rw-status").get_text()
    assert "Richiedi il servizio" not in soup.find(id="accedi-al-servizio").get_text()


def test_meta_description_is_the_summary(client, full_service):
    soup = soup_of(client, full_service)
    meta = soup.find("meta", attrs={"name": "description"})
    assert meta["content"] == full_service.summary


def test_section_list_matches_the_required_order():
    assert [str(title) for _, title, _ in SERVICE_SECTIONS][:10] == REQUIRED_ORDER


@pytest.mark.django_db
def test_service_page_query_count_does_not_grow_with_the_catalogue(
    client, full_service, catalogue, django_assert_num_queries
):
    """10 services or 200 in the site: the same number of queries for one service page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories as f

    provider = catalogue["provider"]
    for _ in range(10 - 2):
        f.ServicePageFactory(parent=provider)
    client.get(full_service.url)  # warm caches that are per process, not per request
    with CaptureQueriesContext(connection) as with_ten:
        assert client.get(full_service.url).status_code == 200

    other = f.ProviderPageFactory(parent=catalogue["providers"])
    for _ in range(190):
        f.ServicePageFactory(parent=other)
    with django_assert_num_queries(len(with_ten.captured_queries)):
        assert client.get(full_service.url).status_code == 200
