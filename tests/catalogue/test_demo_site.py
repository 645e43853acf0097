"""The public site with the district's demo content: every catalogue page renders whole."""

import json

from bs4 import BeautifulSoup
from wagtail.models import Page

from catalogue.models import (
    GuideIndexPage,
    GuidePage,
    ProviderIndexPage,
    ProviderPage,
    ServicePage,
    SocialPointIndexPage,
    SocialPointPage,
)
from tests.catalogue.test_service_page import REQUIRED_ORDER

EXPECTED_TYPES = {
    ServicePage: {"GovernmentService", "Service"},
    ProviderPage: {"Organization"},
    SocialPointPage: {"Place"},
    GuidePage: {"Article"},
    ProviderIndexPage: {"CollectionPage"},
    SocialPointIndexPage: {"CollectionPage"},
    GuideIndexPage: {"CollectionPage"},
}
WITH_FEEDBACK = (ServicePage, ProviderPage, SocialPointPage, GuidePage)


def test_every_demo_catalogue_page_renders_with_one_json_ld_block_and_its_feedback(client, demo):
    pages = Page.objects.live().type(*EXPECTED_TYPES).specific()
    seen = set()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        blocks = soup.find_all("script", type="application/ld+json")
        assert len(blocks) == 1, page.url
        assert json.loads(blocks[0].string)["@type"] in EXPECTED_TYPES[type(page)], page.url
        assert (soup.select_one("#valutazione form") is not None) == isinstance(
            page, WITH_FEEDBACK
        ), page.url
        if isinstance(page, ServicePage):
            headings = [h.get_text(strip=True) for h in soup.select("section.it-page-section > h2")]
            assert headings[:10] == REQUIRED_ORDER, page.url
        seen.add(type(page))
    assert seen == set(EXPECTED_TYPES)
