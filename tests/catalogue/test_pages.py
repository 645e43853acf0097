"""Every page type of the catalogue renders for a citizen with what they came for."""

import datetime
from unittest import mock

from bs4 import BeautifulSoup
from django.utils import timezone

from tests import factories as f


def get_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_provider_page_shows_its_details_and_lists_its_services(client, catalogue, full_service):
    soup = get_soup(client, catalogue["provider"].url)
    text = soup.select_one("main").get_text(" ", strip=True)
    assert catalogue["provider"].legal_name in text
    assert "Cooperativa sociale" in text
    cards = [a.get_text(strip=True) for a in soup.select(".rw-service-card h3 a")]
    assert sorted(cards) == sorted([catalogue["service"].title, full_service.title])
    assert soup.find("a", href="tel:0331111222") is not None
    assert soup.find(id="valutazione") is not None


def test_provider_index_lists_providers(client, catalogue):
    f.ProviderPageFactory(parent=catalogue["providers"], title="Cooperativa Due")
    soup = get_soup(client, catalogue["providers"].url)
    titles = [a.get_text(strip=True) for a in soup.select(".rw-provider-card h2 a")]
    assert sorted(titles) == sorted([catalogue["provider"].title, "Cooperativa Due"])


def test_social_point_page_shows_hours_closures_map_phone_and_services(
    client, social_point, full_service
):
    with mock.patch.object(
        timezone, "now", return_value=datetime.datetime(2030, 12, 1, 12, tzinfo=datetime.UTC)
    ):
        soup = get_soup(client, social_point.url)
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup.select(".rw-hours tbody tr")
    ]
    assert rows == [["Lunedì", "09:00", "12:30"], ["Mercoledì", "14:00", "17:00"]]
    closures = soup.select_one(".rw-closures").get_text(strip=True)
    assert closures == "mercoledì 25 dicembre 2030: Natale"
    osm = "https://www.openstreetmap.org/?mlat=45.708300&mlon=8.907500#map=18/45.708300/8.907500"
    assert soup.find("a", href=osm) is not None
    assert soup.find("a", href="tel:0331826811") is not None
    text = soup.get_text(" ", strip=True)
    assert "Ingresso senza gradini" in text
    assert "Telefona per un appuntamento." in text
    assert full_service.title in [a.get_text(strip=True) for a in soup.select(".rw-service-card a")]


def test_social_point_index_lists_the_desks(client, social_point, catalogue):
    soup = get_soup(client, catalogue["social_points"].url)
    assert soup.find("a", href=social_point.url).get_text(strip=True) == "Social Point Tradate"


def test_guide_page_renders_its_blocks_and_related_services(client, guide, full_service):
    soup = get_soup(client, guide.url)
    body = soup.select_one(".rw-guide-body")
    assert body.find("h2").get_text(strip=True) == "Chi può chiederlo"
    assert [li.get_text(strip=True) for li in body.select("ol li")] == [
        "Registrati",
        "Scegli il servizio",
    ]
    assert "Occhio." in body.select_one(".callout").get_text()
    assert body.find("h3").get_text(strip=True) == "Quanto costa?"
    related = [a.get_text(strip=True) for a in soup.select(".rw-service-card a")]
    assert related == [full_service.title]
    meta = soup.find("meta", attrs={"name": "description"})
    assert meta["content"] == guide.summary


def test_guide_index_lists_guides(client, guide, catalogue):
    soup = get_soup(client, catalogue["guides"].url)
    assert soup.find("a", href=guide.url).get_text(strip=True) == guide.title
