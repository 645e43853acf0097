"""Company welfare in the catalogue: the art. 51 facet with its counts and chip, the card's
badge, the HSDS attribute and the Wagtail API field, on the demo district."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from catalogue.hsds import ids
from catalogue.models import ServicePage
from catalogue.rules import published_services
from tests.catalogue.hsds_schemas import assert_valid

CATALOGUE = "/servizi/"
HSDS = "/api/hsds"
WELFARE_LABEL = "Pagabile con il welfare aziendale"


def get(client, url, params=None):
    response = client.get(url, params or {}, HTTP_HOST="localhost")
    assert response.status_code == 200, url
    return response


def soup_of(client, params=None):
    return BeautifulSoup(get(client, CATALOGUE, params).content, "html.parser")


def total(soup):
    return int(soup.select_one("#rw-results-title").get_text(strip=True).split()[0])


def welfare_counts(soup):
    counts = {}
    for box in soup.select('input[type=checkbox][name="welfare"]'):
        label = soup.select_one(f'label[for="{box["id"]}"]')
        counts[box["value"]] = int(label.select_one(".rw-count").get_text(strip=True).strip("()"))
    return counts


def live_with(*codes):
    """The Italian catalogue's services qualifying for any of `codes` (any at all: none)."""
    services = published_services(locale=Locale.get_default())
    return [
        s
        for s in services
        if (set(codes) & set(s.art51_categories)) or (not codes and s.art51_categories)
    ]


def test_the_facet_counts_the_services_payable_with_company_welfare(client, demo):
    soup = soup_of(client)
    counts = welfare_counts(soup)
    assert counts["si"] == len(live_with()) > 0
    assert counts["f-ter"] == len(live_with("f_ter")) > 0
    assert counts["f-bis"] == len(live_with("f_bis")) > 0
    assert counts["f"] == len(live_with("f")) > 0
    assert soup.find(string=WELFARE_LABEL) is not None


def test_the_facet_filters_by_category_and_shows_a_chip_that_removes_it(client, demo):
    soup = soup_of(client, {"welfare": "f-ter"})
    titles = {h.get_text(strip=True) for h in soup.select(".rw-service-results .card-title")}
    assert total(soup) == len(live_with("f_ter"))
    assert titles == {s.title for s in live_with("f_ter")}
    assert "Centri estivi" not in " ".join(titles)
    chip = soup.select_one(".rw-chip")
    assert WELFARE_LABEL in chip.get_text()
    assert "welfare" not in chip["href"]

    anything = soup_of(client, {"welfare": "si"})
    assert total(anything) == len(live_with())


def test_the_facet_narrows_with_the_others(client, demo):
    soup = soup_of(client, {"welfare": "f-bis", "modalita": "domicilio"})
    expected = [s for s in live_with("f_bis") if s.delivered_at_home]
    assert total(soup) == len(expected)


def test_a_card_of_a_payable_service_carries_the_badge_and_the_others_do_not(client, demo):
    soup = soup_of(client, {"welfare": "si"})
    cards = soup.select(".rw-service-results .rw-service-card")
    assert cards and all(card.select_one(".rw-welfare-badge") for card in cards)
    assert WELFARE_LABEL in cards[0].select_one(".rw-welfare-badge").get_text()

    others = soup_of(client, {"q": "segretariato sociale"})
    for card in others.select(".rw-service-results .rw-service-card"):
        title = card.select_one(".card-title").get_text(strip=True)
        service = ServicePage.objects.get(title=title)
        assert bool(card.select_one(".rw-welfare-badge")) == bool(service.art51_categories)


def test_hsds_publishes_the_categories_as_attributes_of_a_third_taxonomy(client, demo):
    service = ServicePage.objects.live().get(
        locale__language_code="it", slug="assistenza-domiciliare-accreditata-anziani"
    )
    service_id = ids.object_id(service)
    data = get(client, f"{HSDS}/services/{service_id}").json()
    assert_valid(data, "compiled/service.json")
    welfare = [a for a in data["attributes"] if a["link_type"] == "art51_category"]
    assert [a["taxonomy_term"]["code"] for a in welfare] == ["f_ter"]
    term_id = welfare[0]["taxonomy_term_id"]
    term = get(client, f"{HSDS}/taxonomy_terms/{term_id}").json()
    assert term["taxonomy_detail"]["name"] == "Welfare aziendale (art. 51 TUIR)"
    found = get(client, f"{HSDS}/services", {"taxonomy_term_id": term_id}).json()
    assert {s["name"] for s in found["contents"]} <= {s.title for s in live_with("f_ter")}
    assert found["total_items"] == len(live_with("f_ter"))


def test_api_v2_gives_the_categories(client, demo):
    service = ServicePage.objects.live().get(locale__language_code="it", slug="centri-estivi")
    data = get(client, f"/api/v2/pages/{service.pk}/").json()
    assert data["art51_categories"] == ["f_bis"]


@pytest.mark.parametrize("value", ["f_quater", "x"])
def test_an_unknown_category_is_refused(value, demo):
    service = ServicePage.objects.live().get(locale__language_code="it", slug="centri-estivi")
    service.art51_categories = [value]
    with pytest.raises(ValidationError):
        service.full_clean()
