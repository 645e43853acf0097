"""The citizen's words find the right service: the everyday-query set, on either database.

Run it on SQLite (the default) and on PostgreSQL (DATABASE_URL=postgres://...): the share
must reach the goal on both. `-s` prints the share and the misses.
"""

from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from catalogue.models import ServicePage
from tests.catalogue.everyday_queries import QUERIES

GOAL = 0.9
TOP = 3


def first_slugs(client, query, count=TOP):
    response = client.get("/cerca/", {"q": query}, HTTP_HOST="localhost")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    links = soup.select(".rw-service-results .card-title a")
    return [urlsplit(link["href"]).path.rstrip("/").rsplit("/", 1)[-1] for link in links][:count]


def test_everyday_queries_find_an_accepted_service_among_the_first_three(client, demo):
    misses = []
    for query, accepted in QUERIES:
        found = first_slugs(client, query)
        if not accepted.intersection(found):
            misses.append((query, found))
    share = 1 - len(misses) / len(QUERIES)
    print(f"\nEveryday queries: {len(QUERIES) - len(misses)}/{len(QUERIES)} = {share:.0%}")
    for query, found in misses:
        print(f"  miss: {query!r} -> {found}")
    assert len(QUERIES) >= 60
    assert share >= GOAL, misses


def results_count(client, query):
    response = client.get("/cerca/", {"q": query}, HTTP_HOST="localhost")
    soup = BeautifulSoup(response.content, "html.parser")
    return int(soup.select_one("#rw-results-title").get_text(strip=True).split()[0])


def test_a_sentence_lists_the_services_it_matches_not_the_whole_catalogue(client, demo):
    found = results_count(client, "mio padre è caduto e da allora non esce più di casa")
    assert 0 < found < ServicePage.objects.live().count() // 3


def test_stop_words_alone_match_nothing(client, demo):
    assert results_count(client, "di più non da e") == 0
