"""Query budgets of the public pages without the page cache, whatever the catalogue's size.

Reads kept until the next publication (a service card's lists, the menu, the facet counts
of a query string) are on, as in production; whole pages are not kept (PAGE_CACHE off).
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Need, ProviderIndexPage, ServicePage
from home.models import DistrictSettings
from tests import factories as f

SERVICE_PAGE_BUDGET = 15
LISTING_BUDGET = 25
CATALOGUE = "/servizi/?bisogno=anziani&comune=tradate"
ELIGIBILITY = "/servizi/?bisogno=anziani&costo=gratuito&eta=80"
SEARCH = "/cerca/?q=assistenza+domiciliare&bisogno=anziani"


@pytest.fixture(autouse=True)
def kept_reads(settings):
    settings.CONTENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False


def queries_of(client, url):
    """Queries of the second visit of a page that answers 200 (the first keeps its reads)."""
    for _visit in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, url
    return len(queries)


def grow_the_catalogue(number):
    """`number` more published services for the elderly under a new provider."""
    provider = f.ProviderPageFactory(parent=ProviderIndexPage.objects.get())
    elderly = Need.objects.get(slug="anziani")
    for position in range(number):
        service = f.ServicePageFactory(
            parent=provider, title=f"Assistenza domiciliare anziani {position}"
        )
        service.needs.set([elderly])
        service.save_revision().publish()


def test_pages_keep_their_budgets_and_do_not_grow_with_the_services(client, demo):
    service_url = ServicePage.objects.live().order_by("path").first().url
    urls = [service_url, CATALOGUE, ELIGIBILITY, SEARCH]
    before = {url: queries_of(client, url) for url in urls}
    grow_the_catalogue(15)
    cache.clear()
    after = {url: queries_of(client, url) for url in urls}

    assert after == before
    assert before[service_url] <= SERVICE_PAGE_BUDGET
    for url in (CATALOGUE, ELIGIBILITY, SEARCH):
        assert before[url] <= LISTING_BUDGET, (url, before[url])


def test_facet_counts_are_kept_until_the_next_publication(client, demo):
    def elderly_count():
        response = client.get("/servizi/?comune=tradate", HTTP_HOST="localhost")
        assert response.status_code == 200
        needs = response.context["facets"]["bisogno"]
        return {choice.value: choice.count for choice in needs.choices}["anziani"]

    first = elderly_count()
    with CaptureQueriesContext(connection) as kept:
        assert elderly_count() == first
    assert not [q for q in kept.captured_queries if "COUNT(DISTINCT" in q["sql"]]
    grow_the_catalogue(2)  # publishing: the next visit counts again
    assert elderly_count() == first + 2


def test_a_service_page_visited_again_reads_its_page_alone(client, demo):
    """Site, home page, privacy, settings and the card itself are kept until the next
    publication: what is left is the one query that finds the page at its address."""
    DistrictSettings.load()  # as in production (creating the row is a change: it bumps)
    service_url = ServicePage.objects.live().order_by("path").first().url
    queries_of(client, service_url)  # the second visit keeps what the card had read
    assert queries_of(client, service_url) == 1
