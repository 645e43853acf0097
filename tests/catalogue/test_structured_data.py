"""Each public page carries exactly one schema.org JSON-LD block of the right type."""

import json

import pytest
from bs4 import BeautifulSoup


def json_ld_blocks(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def only_block(client, url):
    blocks = json_ld_blocks(client, url)
    assert len(blocks) == 1, blocks
    assert blocks[0]["@context"] == "https://schema.org"
    return blocks[0]


def test_accredited_service_is_a_service_with_provider_area_and_offers(client, full_service):
    data = only_block(client, full_service.url)
    assert data["@type"] == "Service"
    assert data["name"] == full_service.title
    assert data["description"] == full_service.summary
    assert data["provider"]["@type"] == "Organization"
    assert data["provider"]["name"] == full_service.get_parent().title
    assert data["areaServed"] == {"@type": "AdministrativeArea", "name": "Rete Welfare"}
    assert [(o.get("price"), o.get("priceCurrency")) for o in data["offers"]] == [
        ("18.50", "EUR"),
        (None, None),
    ]


def test_publicly_funded_service_is_a_government_service_serving_its_municipalities(
    client, catalogue
):
    from tests import factories as f

    service = catalogue["service"]
    service.municipalities.set([f.MunicipalityFactory(name="Vedano Olona")])
    service.save_revision().publish()
    f.ServiceCostOptionFactory(page=service, kind="free")
    data = only_block(client, service.url)
    assert data["@type"] == "GovernmentService"
    assert data["areaServed"] == [{"@type": "City", "name": "Vedano Olona"}]
    assert data["offers"][0]["price"] == "0"


def test_social_point_is_a_place_with_opening_hours(client, social_point):
    data = only_block(client, social_point.url)
    assert data["@type"] == "Place"
    assert data["address"]["streetAddress"] == "Piazza Mazzini 6"
    assert data["geo"]["latitude"] == pytest.approx(45.7083)
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "09:00",
            "closes": "12:30",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Wednesday",
            "opens": "14:00",
            "closes": "17:00",
        },
    ]


def test_provider_is_an_organization(client, catalogue):
    data = only_block(client, catalogue["provider"].url)
    assert data["@type"] == "Organization"
    assert data["legalName"] == catalogue["provider"].legal_name
    assert data["makesOffer"][0]["itemOffered"]["name"] == catalogue["service"].title


def test_guide_is_an_article(client, guide):
    data = only_block(client, guide.url)
    assert data["@type"] == "Article"
    assert data["headline"] == guide.title


@pytest.mark.parametrize("index", ["providers", "social_points", "guides"])
def test_index_pages_are_collections(client, catalogue, index):
    data = only_block(client, catalogue[index].url)
    assert data["@type"] == "CollectionPage"


def test_json_ld_cannot_break_out_of_its_script_element(client, catalogue):
    service = catalogue["service"]
    service.summary = "</script><script>alert(1)</script> & più"
    service.save_revision().publish()
    html = client.get(service.url).content.decode()
    assert "</script><script>alert(1)" not in html
    data = only_block(client, service.url)
    assert data["description"] == service.summary


def test_home_page_data_is_a_website_published_by_the_district(rf, home_page):
    """The home template (owned by discovery) can call the same tag: it yields a WebSite."""
    from django.template import Context, Template

    request = rf.get("/")
    html = Template("{% load site_tags %}{% json_ld page %}").render(
        Context({"page": home_page, "request": request})
    )
    data = json.loads(BeautifulSoup(html, "html.parser").script.string)
    assert data["@type"] == "WebSite"
    assert data["publisher"]["@type"] == "GovernmentOrganization"
