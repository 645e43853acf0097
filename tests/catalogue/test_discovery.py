"""A citizen finds services with the demo district: facets, eligibility, search, home page."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from catalogue.models import Need, ServicePage
from tests import factories as f

CATALOGUE = "/servizi/"
SEARCH = "/cerca/"
SAD = "Assistenza domiciliare anziani (SAD)"


def get(client, url, params=None):
    response = client.get(url, params or {}, HTTP_HOST="localhost")
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def total(soup):
    """The number of services the results heading announces."""
    return int(soup.select_one("#rw-results-title").get_text(strip=True).split()[0])


def titles(soup):
    return [h.get_text(strip=True) for h in soup.select(".rw-service-results .card-title")]


def facet_choices(soup, key):
    """{value: (label, count, checked)} of a facet's checkboxes."""
    choices = {}
    for box in soup.select(f'input[type=checkbox][name="{key}"]'):
        label = soup.select_one(f'label[for="{box["id"]}"]')
        count = int(label.select_one(".rw-count").get_text(strip=True).strip("()"))
        name = label.get_text(" ", strip=True).rsplit("(", 1)[0].strip()
        choices[box["value"]] = (name, count, box.has_attr("checked"))
    return choices


def live_services():
    return ServicePage.objects.live()


# --- facets --------------------------------------------------------------------------


def test_catalogue_lists_every_live_service_and_counts_each_need(client, demo):
    soup = get(client, CATALOGUE)
    assert total(soup) == live_services().count()
    needs = facet_choices(soup, "bisogno")
    for need in Need.objects.all():
        expected = live_services().filter(needs=need).count()
        if expected:
            assert needs[need.slug][:2] == (need.name, expected)


@pytest.mark.parametrize(
    "selected",
    [
        {},
        {"bisogno": "anziani"},
        {"comune": "castelseprio", "costo": "gratuito", "eta": "70"},
    ],
)
def test_each_facet_count_is_what_choosing_it_shows(client, demo, selected):
    soup = get(client, CATALOGUE, selected)
    checked = 0
    for key in (
        "bisogno",
        "destinatari",
        "comune",
        "costo",
        "voucher",
        "finanziamento",
        "modalita",
        "lingua",
        "ente",
    ):
        if key in selected:
            continue
        for value, (_label, count, _checked) in facet_choices(soup, key).items():
            after = get(client, CATALOGUE, {**selected, key: value})
            assert total(after) == count, (key, value)
            checked += 1
    assert checked > 20


def test_choices_of_one_facet_add_up_and_facets_narrow_each_other(client, demo):
    elderly = total(get(client, CATALOGUE, {"bisogno": "anziani"}))
    housing = total(get(client, CATALOGUE, {"bisogno": "casa"}))
    either = get(client, CATALOGUE + "?bisogno=anziani&bisogno=casa")
    expected = live_services().filter(needs__slug__in=["anziani", "casa"]).distinct().count()
    assert total(either) == expected
    assert max(elderly, housing) <= expected <= elderly + housing
    narrowed = get(client, CATALOGUE, {"bisogno": "anziani", "costo": "gratuito"})
    assert total(narrowed) < elderly
    free_elderly = [s for s in live_services().filter(needs__slug="anziani") if s.is_free]
    assert total(narrowed) == len(free_elderly)


def test_a_service_serving_no_municipality_is_counted_in_every_municipality(client, demo):
    soup = get(client, CATALOGUE, {"comune": "castelseprio"})
    shown = set(titles(soup))
    restricted_elsewhere = (
        live_services().exclude(municipalities=None).exclude(municipalities__slug="castelseprio")
    )
    everywhere = live_services().filter(municipalities=None)
    assert restricted_elsewhere.exists()
    assert not shown & {s.title for s in restricted_elsewhere}
    assert (
        total(soup)
        == everywhere.count() + live_services().filter(municipalities__slug="castelseprio").count()
    )


def test_the_form_shows_the_state_of_the_url_and_works_without_javascript(client, demo):
    soup = get(client, CATALOGUE + "?bisogno=anziani&modalita=domicilio&eta=80")
    form = soup.select_one("main form")
    assert form["method"] == "get"
    assert form.select_one('button[type="submit"]') is not None
    assert facet_choices(soup, "bisogno")["anziani"][2] is True
    assert facet_choices(soup, "modalita")["domicilio"][2] is True
    assert soup.select_one('input[name="eta"]')["value"] == "80"
    chips = [a.get_text(" ", strip=True) for a in soup.select(".rw-active-filters a")]
    assert any("Anziani" in chip for chip in chips)
    removal = next(a["href"] for a in soup.select(".rw-active-filters a") if "Anziani" in a.text)
    assert dict(parse_qsl(urlsplit(removal).query)) == {"modalita": "domicilio", "eta": "80"}


def test_results_come_in_pages_of_twenty_sorted_by_name(client, demo):
    first = get(client, CATALOGUE, {"ordina": "nome"})
    names = titles(first)
    assert len(names) == 20
    assert names == sorted(names, key=str.lower) or names == sorted(names)
    pages = first.select("nav.pagination-wrapper a.page-link")
    second_url = next(a["href"] for a in pages if a.get_text(strip=True) == "Successiva")
    second = get(client, CATALOGUE + second_url)
    assert not set(titles(second)) & set(names)
    assert total(second) == total(first)


def test_an_empty_result_says_which_choice_to_drop(client, demo):
    soup = get(client, CATALOGUE, {"bisogno": "casa", "modalita": "distanza", "lingua": "ar"})
    assert total(soup) == 0
    assert "Nessun servizio corrisponde" in soup.get_text()
    hints = soup.select(".rw-loosen a")
    assert hints
    for hint in hints:
        promised = int(hint.get_text().split(":")[-1].split()[0])
        assert total(get(client, CATALOGUE + hint["href"])) == promised


def test_catalogue_query_count_does_not_grow_with_the_services(
    client, demo, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = [
        CATALOGUE + "?bisogno=anziani&comune=tradate",
        SEARCH + "?q=assistenza+domiciliare&bisogno=anziani",
        "/",
    ]

    def counts():
        found = []
        for url in urls:
            client.get(url, HTTP_HOST="localhost")  # warm caches (site, vocabulary)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, HTTP_HOST="localhost")
            assert response.status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    provider = f.ProviderPageFactory(parent=f.ProviderIndexPageFactory._meta.model.objects.get())
    elderly = Need.objects.get(slug="anziani")
    for number in range(15):
        service = f.ServicePageFactory(
            parent=provider, title=f"Assistenza domiciliare anziani {number}"
        )
        service.needs.set([elderly])
        service.save_revision().publish()
    cache.clear()
    assert counts() == before
    with django_assert_max_num_queries(45):
        assert client.get(urls[0], HTTP_HOST="localhost").status_code == 200


# --- eligibility -----------------------------------------------------------------------


def excluded(soup):
    """{service title: reasons} of the «why excluded» list."""
    rows = {}
    for item in soup.select(".rw-excluded li"):
        link = item.select_one("a")
        rows[link.get_text(strip=True)] = item.get_text(" ", strip=True)
    return rows


def test_age_keeps_the_services_whose_age_range_admits_the_citizen(client, demo):
    adult = get(client, CATALOGUE, {"eta": "30"})
    assert SAD not in titles(get(client, CATALOGUE, {"eta": "30", "bisogno": "anziani"}))
    assert "È per chi ha almeno 65 anni." in excluded(adult)[SAD]
    admitted = [  # active services whose ages and groups (if any) admit a 30-year-old
        s
        for s in live_services()
        if s.is_active
        and (s.min_age is None or s.min_age <= 30)
        and (s.max_age is None or s.max_age >= 30)
        and (not s.audiences.exists() or any(a.admits_age(30) for a in s.audiences.all()))
    ]
    assert total(adult) == len(admitted)
    elderly = get(client, CATALOGUE, {"eta": "80", "bisogno": "anziani"})
    assert SAD in titles(elderly)
    child_care = "Assistenza domiciliare minori (ADM)"
    assert (
        "È per chi ha al massimo 17 anni."
        in excluded(get(client, CATALOGUE, {"eta": "80"}))[child_care]
    )


def test_residence_excludes_services_not_offered_there_and_says_so(client, demo):
    soup = get(client, CATALOGUE, {"residenza": "castelseprio"})
    reasons = excluded(soup)
    respite = "Sollievo a domicilio per chi assiste un anziano"
    assert "Non è offerto a chi vive a Castelseprio." in reasons[respite]
    shown = titles(soup)
    for service in (
        live_services().exclude(municipalities=None).exclude(municipalities__slug="castelseprio")
    ):
        assert service.title not in shown
    outside = get(client, CATALOGUE, {"residenza": "altro"})
    assert (
        total(outside)  # suspended services are listed apart
        == live_services()
        .filter(residence_required=False, municipalities=None, is_active=True)
        .count()
    )
    assert any(
        "È riservato a chi vive in un comune del distretto." in text
        for text in excluded(outside).values()
    )


def test_isee_band_and_voucher_narrow_to_what_the_citizen_can_use(client, demo):
    rich = get(client, CATALOGUE, {"isee": "oltre"})
    assert "Voucher per la domiciliarità" in excluded(rich)
    assert "ISEE fino a 30.000,00" in excluded(rich)["Voucher per la domiciliarità"]
    assert (
        total(rich) == live_services().exclude(isee_max__lte=30000).filter(is_active=True).count()
    )
    voucher = get(client, CATALOGUE, {"voucher": "si"})
    assert total(voucher) == live_services().filter(voucher_accepted=True).count()
    assert any("Non accetta il voucher comunale." in t for t in excluded(voucher).values())


def test_a_wrong_age_is_explained_and_the_other_answers_are_kept(client, demo):
    soup = get(client, CATALOGUE, {"eta": "settanta", "residenza": "tradate"})
    assert "Scrivi l'età in anni, con un numero" in soup.select_one("#requisiti").get_text()
    selected = soup.select_one('select[name="residenza"] option[selected]')
    assert selected["value"] == "tradate"
    assert total(soup) == total(get(client, CATALOGUE, {"residenza": "tradate"}))


# --- search ----------------------------------------------------------------------------


def test_header_search_box_sends_words_to_the_search_page(client, demo):
    soup = get(client, "/")
    form = soup.select_one("header form[role=search]")
    assert form["action"] == SEARCH
    assert form.select_one('input[name="q"]') is not None


def test_assistenza_domiciliare_ranks_home_care_first(client, demo):
    soup = get(client, SEARCH, {"q": "assistenza domiciliare"})
    top = titles(soup)[:3]
    assert len(top) == 3
    assert all("domicil" in title.lower() for title in top), top


@pytest.mark.parametrize("words", ["anziano", "asistenza domicilare"])
def test_inflections_and_typos_still_find_home_care_for_the_elderly(client, demo, words):
    soup = get(client, SEARCH, {"q": words})
    assert SAD in titles(soup)


def test_a_corrected_query_is_announced(client, demo):
    soup = get(client, SEARCH, {"q": "asistenza domicilare"})
    assert "Risultati per «assistenza domiciliare»" in soup.get_text()
    assert (
        "Risultati per «"
        not in get(client, SEARCH, {"q": "assistenza"})
        .select_one(".rw-discovery-results")
        .get_text()
    )


@pytest.mark.postgres
def test_postgres_italian_stemming_matches_other_forms_of_a_word(client, demo):
    # «domicilio» and «domiciliare» share the Italian stem «domicil»: no correction needed.
    soup = get(client, SEARCH, {"q": "domicilio"})
    assert SAD in titles(soup)
    assert "Risultati per «" not in soup.select_one(".rw-discovery-results").get_text()


@pytest.mark.postgres
@pytest.mark.parametrize("words", ["anziano", "asistenza domicilare"])
def test_postgres_lists_home_care_for_the_elderly_on_the_first_page(client, demo, words):
    soup = get(client, SEARCH, {"q": words})
    assert SAD in titles(soup)[:20]


def test_search_results_are_grouped_by_kind(client, demo):
    soup = get(client, SEARCH, {"q": "tradate"})
    assert "Social Point di Tradate" in soup.select_one("#social-point").get_text()
    assert "Ufficio di Piano – Comune di Tradate" in soup.select_one("#enti").get_text()
    guides = get(client, SEARCH, {"q": "voucher"})
    assert "Come funziona il voucher per la domiciliarità" in guides.select_one("#guide").get_text()
    assert "Voucher per la domiciliarità" in titles(guides)


def test_search_words_combine_with_the_facets(client, demo):
    words = get(client, SEARCH, {"q": "assistenza domiciliare"})
    both = get(client, SEARCH, {"q": "assistenza domiciliare", "bisogno": "disabilita"})
    assert 0 < total(both) < total(words)
    disability = set(
        live_services().filter(needs__slug="disabilita").values_list("title", flat=True)
    )
    assert set(titles(both)) <= disability
    counts = facet_choices(words, "bisogno")
    assert counts["disabilita"][1] == total(both)


def test_queries_are_recorded_and_editors_picks_come_first(client, demo):
    telesoccorso = ServicePage.objects.get(slug="telesoccorso")
    SearchPromotion.objects.create(
        query=Query.get("pasti caldi"), page=telesoccorso, sort_order=0, description="Da provare"
    )
    soup = get(client, SEARCH, {"q": "Pasti  caldi"})
    picks = soup.select(".rw-editors-picks a")
    assert [a.get_text(strip=True) for a in picks] == ["Telesoccorso"]
    results = soup.select_one(".rw-discovery-results")
    assert str(results).index("rw-editors-picks") < str(results).index("rw-results-title")
    assert Query.get("pasti caldi").hits == 1


# --- home page -------------------------------------------------------------------------


def test_home_page_offers_needs_with_counts_nearest_social_point_featured_and_guides(client, demo):
    soup = get(client, "/")
    tiles = {
        a.select_one(".card-title").get_text(strip=True): a for a in soup.select(".rw-need-tile")
    }
    elderly = Need.objects.get(slug="anziani")
    tile = tiles["Anziani"]
    count = live_services().filter(needs=elderly).count()
    assert f"{count} servizi" in tile.get_text()
    assert total(get(client, tile["href"])) == count
    nearest = [li.get_text(" ", strip=True) for li in soup.select(".rw-nearest li")]
    assert any(
        line.startswith("Vivi a Gornate Olona?") and "Social Point di Castiglione Olona" in line
        for line in nearest
    ), nearest
    assert any(
        line.startswith("Vivi a Tradate?") and "Social Point di Tradate" in line for line in nearest
    )
    featured = [h.get_text(strip=True) for h in soup.select("#rw-featured-title ~ ul .card-title")]
    assert featured[:2] == [SAD, "Voucher per la domiciliarità"]
    assert soup.select_one("#rw-guides-title") is not None
    assert len(soup.select("#rw-guides-title ~ ul li")) == 3


def test_home_search_box_and_need_tiles_lead_into_the_catalogue(client, demo):
    soup = get(client, "/")
    box = soup.select_one("form.rw-home-search")
    assert box["action"] == SEARCH
    href = soup.select_one(".rw-need-tile")["href"]
    assert urlsplit(href).path == CATALOGUE
    assert "bisogno" in dict(parse_qsl(urlsplit(href).query))
    assert box.get("method") == "get" and box.select_one('input[name="q"]') is not None


def test_catalogue_page_describes_its_page_of_services_as_a_collection(client, demo):
    import json

    soup = get(client, CATALOGUE, {"bisogno": "casa"})
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    data = json.loads(blocks[0].string)
    assert data["@type"] == "CollectionPage"
    listed = [item["name"] for item in data["mainEntity"]["itemListElement"]]
    assert listed == titles(soup)


def test_turning_the_page_of_a_search_does_not_count_the_query_again(client, demo):
    get(client, SEARCH, {"q": "anziani"})
    get(client, SEARCH, {"q": "anziani", "pagina": "1"})
    assert Query.get("anziani").hits == 1


def test_the_beginning_of_a_word_finds_the_services_it_starts(client, demo):
    soup = get(client, SEARCH, {"q": "psico"})
    assert "Supporto psicologico individuale" in titles(soup)


@pytest.mark.parametrize(
    "query",
    [
        "?bisogno=non-esiste&ente=nessuno&lingua=zz&costo=forse",
        "?destinatari=a%00b&q=%00anziani",
        "?pagina=ultima&isee=tanto",
    ],
)
def test_odd_urls_still_answer_with_the_catalogue(client, demo, query):
    soup = get(client, CATALOGUE + query)
    assert soup.select_one("#rw-results-title") is not None


def test_a_provider_lists_its_own_services_and_those_it_delivers_as_a_partner(client, demo):
    from catalogue.models import ProviderPage

    aurora = ProviderPage.objects.get(slug="cooperativa-aurora")
    soup = get(client, CATALOGUE, {"ente": aurora.slug})
    own = set(ServicePage.objects.live().child_of(aurora).values_list("title", flat=True))
    partnered = set(
        live_services().filter(partner_providers=aurora).values_list("title", flat=True)
    )
    assert "Voucher per la domiciliarità" in partnered
    assert set(titles(soup)) == own | partnered
