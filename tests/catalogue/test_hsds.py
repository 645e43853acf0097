"""What an open-data consumer gets from /api/hsds/: mapping, ids, filters, paging, errors."""

import datetime
import json
import uuid
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from wagtail.models import Locale, PageViewRestriction

from catalogue.hsds import params
from tests import factories as f
from tests.catalogue.hsds_schemas import assert_page, assert_valid, load

HSDS = "/api/hsds"


def get(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def ids_of(client, url, **query):
    return {item["id"] for item in get(client, url, per_page=100, **query)["contents"]}


def hsds_id(page):
    return str(page.translation_key)


# --- mapping -----------------------------------------------------------------------------


def test_a_service_carries_its_card_as_hsds(client, full_service, social_point):
    data = get(client, f"{HSDS}/services/{hsds_id(full_service)}")
    assert_valid(data, "compiled/service.json")

    assert data["name"] == "Assistenza domiciliare anziani"
    assert data["organization_id"] == hsds_id(full_service.get_parent())
    assert data["minimum_age"] == 65 and data["maximum_age"] == 99
    assert "15000" in data["eligibility_description"]
    assert "residenti" in data["eligibility_description"]
    assert data["application_process"].startswith("1. Telefona allo sportello")
    assert "30 giorni" in data["wait_time"]
    assert data["assured_date"] == "2026-03-15"
    options = {o["option"]: o for o in data["cost_options"]}
    assert options["All'ora (ora)"]["amount"] == 18.5
    assert options["All'ora (ora)"]["currency"] == "EUR"
    assert options["In base all'ISEE"]["amount_description"] == "Gratis sotto 6.000 €"
    assert data["funding"][0]["source"].startswith("Accreditato")
    assert [d["document"] for d in data["required_documents"]] == ["Attestazione ISEE"]
    assert {lang["code"] for lang in data["languages"]} == {"ro"}
    assert data["contacts"][0]["phones"][0]["number"] == "0331 123456"
    assert [a["service_id"] for a in data["service_areas"]] == [data["id"]]
    assert {a["service_id"] for a in data["service_areas"]} == {data["id"]}
    terms = {(a["link_type"], a["taxonomy_term"]["name"]) for a in data["attributes"]}
    assert terms == {("need", "Anziani"), ("audience", "Anziani over 65")}


def test_a_service_is_offered_at_its_social_points_and_at_the_provider_office(
    client, full_service, social_point
):
    data = get(client, f"{HSDS}/services/{hsds_id(full_service)}")
    places = {sal["location"]["name"]: sal["location"] for sal in data["service_at_locations"]}

    assert set(places) == {"Social Point Tradate", f"{full_service.get_parent().title} – sede"}
    point = places["Social Point Tradate"]
    assert point["id"] == hsds_id(social_point)
    assert point["addresses"][0]["address_1"] == "Piazza Mazzini 6"
    assert point["addresses"][0]["city"] == "Tradate"
    assert point["latitude"] == pytest.approx(45.7083)
    weekly = [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in point["schedules"]]
    assert weekly == [
        ("WEEKLY", "MO", "09:00:00", "12:30:00"),
        ("WEEKLY", "WE", "14:00:00", "17:00:00"),
    ]
    assert "Chiuso: 25/12/2030 (Natale)." in point["schedules"][0]["notes"]


def test_a_service_naming_no_municipality_covers_the_whole_district(client, catalogue):
    f.MunicipalityFactory(name="Tradate")
    f.MunicipalityFactory(name="Castelseprio")
    f.MunicipalityFactory(name="Varese", in_district=False)
    data = get(client, f"{HSDS}/services/{hsds_id(catalogue['service'])}")
    assert {area["name"] for area in data["service_areas"]} == {"Tradate", "Castelseprio"}


def test_needs_audiences_and_art51_categories_are_terms_of_three_taxonomies(client, full_service):
    taxonomies = {t["name"]: t["id"] for t in get(client, f"{HSDS}/taxonomies")["contents"]}
    terms = get(client, f"{HSDS}/taxonomy_terms")["contents"]

    assert set(taxonomies) == {"Bisogni", "Destinatari", "Welfare aziendale (art. 51 TUIR)"}
    by_name = {t["name"]: t for t in terms}
    assert by_name["Anziani"]["taxonomy_id"] == taxonomies["Bisogni"]
    assert by_name["Anziani over 65"]["taxonomy_id"] == taxonomies["Destinatari"]
    only_needs = get(client, f"{HSDS}/taxonomy_terms", taxonomy_id=taxonomies["Bisogni"])
    assert [t["name"] for t in only_needs["contents"]] == ["Anziani"]
    detail = get(client, f"{HSDS}/taxonomy_terms/{by_name['Anziani']['id']}")
    assert detail["taxonomy_detail"]["name"] == "Bisogni"


# --- identifiers -------------------------------------------------------------------------


def test_ids_survive_moving_and_editing_a_service(client, catalogue):
    service = catalogue["service"]
    before = get(client, f"{HSDS}/services/{hsds_id(service)}")
    other = f.ProviderPageFactory(parent=catalogue["providers"], title="Altra cooperativa")

    service.move(other, pos="last-child")
    service.refresh_from_db()
    service.title = "Servizio rinominato"
    service.slug = "servizio-rinominato"
    service.save_revision().publish()

    after = get(client, f"{HSDS}/services/{before['id']}")
    assert after["id"] == before["id"]
    assert after["name"] == "Servizio rinominato"
    assert after["organization_id"] == hsds_id(other)


def test_a_translation_has_its_own_id_and_is_served_in_its_language(client, catalogue):
    english = Locale.objects.get_or_create(language_code="en")[0]
    service = catalogue["service"]
    translated = service.copy_for_translation(english, copy_parents=True)
    translated.save_revision().publish()  # its parents are copied as live aliases

    expected = str(uuid.uuid5(service.translation_key, "en"))
    assert ids_of(client, f"{HSDS}/services", locale="en") == {expected}
    assert hsds_id(service) in ids_of(client, f"{HSDS}/services")
    assert get(client, f"{HSDS}/services/{expected}")["id"] == expected


# --- only live, public pages -------------------------------------------------------------


def test_drafts_private_pages_and_services_of_hidden_providers_never_appear(client, catalogue):
    provider = catalogue["provider"]
    draft = f.ServicePageFactory(parent=provider, title="Bozza", live=False)
    private = f.ServicePageFactory(parent=provider, title="Riservato")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    hidden_provider = f.ProviderPageFactory(parent=catalogue["providers"], title="Ente nascosto")
    under_hidden = f.ServicePageFactory(parent=hidden_provider, title="Sotto ente nascosto")
    hidden_provider.unpublish()
    point = f.SocialPointPageFactory(parent=catalogue["social_points"], live=False)
    catalogue["service"].social_points.add(point)
    catalogue["service"].save_revision().publish()

    listed = ids_of(client, f"{HSDS}/services")
    assert listed == {hsds_id(catalogue["service"])}
    for page in (draft, private, under_hidden):
        assert client.get(f"{HSDS}/services/{hsds_id(page)}").status_code == 404
    assert hsds_id(hidden_provider) not in ids_of(client, f"{HSDS}/organizations")
    assert client.get(f"{HSDS}/organizations/{hsds_id(hidden_provider)}").status_code == 404
    locations = get(client, f"{HSDS}/service_at_locations", full="true")["contents"]
    assert hsds_id(point) not in {sal["location_id"] for sal in locations}


# --- filters -----------------------------------------------------------------------------


@pytest.fixture
def two_providers(catalogue):
    """Two providers: one with a service for the elderly, one with a service for families."""
    elderly = f.NeedFactory(name="Anziani")
    families = f.NeedFactory(name="Minori e famiglia")
    first = catalogue["provider"]
    second = f.ProviderPageFactory(parent=catalogue["providers"], title="Seconda cooperativa")
    home_help = f.ServicePageFactory(
        parent=first, title="Assistenza domiciliare", summary="Aiuto a casa per gli anziani."
    )
    home_help.needs.add(elderly)
    home_help.save_revision().publish()
    nursery = f.ServicePageFactory(
        parent=second, title="Spazio gioco", summary="Un luogo per bambini e genitori."
    )
    nursery.needs.add(families)
    nursery.save_revision().publish()
    return {
        "first": first,
        "second": second,
        "home_help": home_help,
        "nursery": nursery,
        "elderly": elderly,
        "families": families,
        "plain": catalogue["service"],
    }


def test_services_filter_by_organization_term_taxonomy_and_search(client, two_providers):
    t = two_providers
    needs = next(
        x["id"] for x in get(client, f"{HSDS}/taxonomies")["contents"] if x["name"] == "Bisogni"
    )

    assert ids_of(client, f"{HSDS}/services", organization_id=hsds_id(t["second"])) == {
        hsds_id(t["nursery"])
    }
    assert ids_of(
        client, f"{HSDS}/services", taxonomy_term_id=str(t["elderly"].translation_key)
    ) == {hsds_id(t["home_help"])}
    assert ids_of(client, f"{HSDS}/services", taxonomy_id=needs) == {
        hsds_id(t["home_help"]),
        hsds_id(t["nursery"]),
    }
    assert ids_of(client, f"{HSDS}/services", search="bambini") == {hsds_id(t["nursery"])}
    assert ids_of(client, f"{HSDS}/services", taxonomy_term_id=str(uuid.uuid4())) == set()
    assert (
        ids_of(client, f"{HSDS}/service_at_locations", organization_id=str(uuid.uuid4())) == set()
    )


def test_services_modified_after_a_moment_and_minimal_listing(client, two_providers):
    t = two_providers
    long_ago = timezone.now() - datetime.timedelta(days=30)
    type(t["plain"]).objects.exclude(pk=t["nursery"].pk).update(last_published_at=long_ago)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()

    assert ids_of(client, f"{HSDS}/services", modified_after=since) == {hsds_id(t["nursery"])}
    assert len(ids_of(client, f"{HSDS}/services", modified_after="2000-01-01")) == 3
    minimal = get(client, f"{HSDS}/services", minimal="true")["contents"]
    assert len(minimal) == 3
    assert all(set(item) == {"id", "last_modified"} for item in minimal)


def test_full_lists_nest_every_related_record(client, full_service):
    plain = get(client, f"{HSDS}/services")["contents"]
    full = get(client, f"{HSDS}/services", full="true")["contents"]
    assert "cost_options" not in plain[0]
    assert any(item["cost_options"] for item in full)
    orgs = get(client, f"{HSDS}/organizations", full_service="true")["contents"]
    assert_page(
        get(client, f"{HSDS}/organizations", full_service="true"), "compiled/organization.json", "$"
    )
    assert any(s.get("cost_options") for org in orgs for s in org["services"])


def test_service_at_locations_filter_by_postcode(client, full_service, social_point):
    f.MunicipalityFactory(name="Castelseprio", postcode="21050")
    elsewhere = get(client, f"{HSDS}/service_at_locations", postcode="21050")
    here = get(client, f"{HSDS}/service_at_locations", postcode="21049")
    nowhere = get(client, f"{HSDS}/service_at_locations", postcode="00100")
    assert {sal["service_id"] for sal in here["contents"]} >= {hsds_id(full_service)}
    assert nowhere["total_items"] == 0
    assert elsewhere["total_items"] == here["total_items"]  # no area named: the whole district


# --- paging and errors -------------------------------------------------------------------


def test_paging_envelope_and_a_page_past_the_end(client, two_providers):
    first = get(client, f"{HSDS}/services", per_page=2)
    last = get(client, f"{HSDS}/services", per_page=2, page=2)
    past = get(client, f"{HSDS}/services", per_page=2, page=9)

    assert (first["total_items"], first["total_pages"], first["size"]) == (3, 2, 2)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    assert (last["page_number"], last["size"], last["last_page"]) == (2, 1, True)
    assert past["contents"] == [] and past["empty"] and past["last_page"]
    assert past["total_items"] == 3


def test_per_page_over_the_maximum_serves_the_maximum(client, two_providers, monkeypatch):
    monkeypatch.setattr(params, "MAX_PER_PAGE", 2)
    data = get(client, f"{HSDS}/services", per_page=1000)
    assert (data["size"], data["total_pages"]) == (2, 2)


@pytest.mark.parametrize(
    ("query", "name", "words"),
    [
        ({"page": "abc"}, "page", "numero intero"),
        ({"page": "0"}, "page", "almeno 1"),
        ({"per_page": "-5"}, "per_page", "almeno 1"),
        ({"full": "forse"}, "full", "true o false"),
        ({"modified_after": "ieri"}, "modified_after", "ISO 8601"),
        ({"taxonomy_term_id": "anziani"}, "taxonomy_term_id", "UUID"),
        ({"organization_id": "12"}, "organization_id", "UUID"),
        ({"locale": "fr"}, "locale", "non disponibile"),
        ({"format": "xml"}, "format", "json e ndjson"),
    ],
)
def test_malformed_parameters_answer_400_in_italian(client, catalogue, query, name, words):
    response = client.get(f"{HSDS}/services", query)
    assert response.status_code == 400
    body = response.json()
    assert "non validi" in body["detail"]
    assert words in " ".join(body["errors"][name])


def test_other_endpoints_reject_their_malformed_parameters(client, catalogue):
    cases = [
        ("/service_at_locations", {"postcode": "Tradate"}, "postcode"),
        ("/service_at_locations", {"proximity": "500"}, "proximity"),
        ("/organizations", {"full_service": "si"}, "full_service"),
        ("/taxonomy_terms", {"parent_id": "x"}, "parent_id"),
        ("/taxonomies", {"per_page": "tutti"}, "per_page"),
    ]
    for path, query, name in cases:
        response = client.get(HSDS + path, query)
        assert response.status_code == 400, path
        assert name in response.json()["errors"], path


def test_unknown_ids_answer_404_with_a_message(client, catalogue):
    for path in (
        "services",
        "organizations",
        "service_at_locations",
        "taxonomies",
        "taxonomy_terms",
    ):
        for unknown in (str(uuid.uuid4()), "non-un-uuid"):
            response = client.get(f"{HSDS}/{path}/{unknown}")
            assert response.status_code == 404, path
            assert response.json()["detail"].startswith("Nessun")


def test_writes_are_refused(client, catalogue):
    assert client.post(f"{HSDS}/services", {}).status_code == 405
    assert client.delete(f"{HSDS}/services/{hsds_id(catalogue['service'])}").status_code == 405


# --- caching, CORS, query counts, OpenAPI ------------------------------------------------


def test_hsds_answers_carry_etag_cache_control_and_cors(client, catalogue):
    first = client.get(f"{HSDS}/services", HTTP_ORIGIN="https://dati.regione.example.it")
    assert first["Access-Control-Allow-Origin"] == "*"
    assert "public" in first["Cache-Control"] and "max-age" in first["Cache-Control"]
    again = client.get(f"{HSDS}/services", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def many_services(catalogue, social_point, count):
    need = f.NeedFactory(name="Anziani")
    for n in range(count):
        service = f.ServicePageFactory(parent=catalogue["provider"], title=f"Servizio {n:02d}")
        service.needs.add(need)
        service.social_points.add(social_point)
        service.save_revision().publish()
        f.ServiceCostOptionFactory(page=service, kind="fixed", amount=Decimal("5"))
        f.ServiceContactFactory(page=service)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/services", {"full": "true"}),
        ("/services", {}),
        ("/organizations", {"full_service": "true"}),
        ("/service_at_locations", {"full": "true"}),
        ("/taxonomy_terms", {}),
    ],
)
def test_listing_query_count_does_not_grow_with_per_page(
    client, catalogue, social_point, path, query
):
    many_services(catalogue, social_point, 12)
    f.ProviderPageFactory.create_batch(4, parent=catalogue["providers"])

    def queries(per_page):
        with CaptureQueriesContext(connection) as captured:
            get(client, HSDS + path, per_page=per_page, **query)
        return len(captured)

    queries(1)  # warms per-process caches (site root paths)
    small, large = queries(3), queries(15)
    assert large == small
    assert large <= 25


def test_openapi_documents_every_hsds_endpoint_with_the_specification_parameters(client, db):
    schema = get(client, "/api/schema/", format="json")
    spec = load("openapi.json")

    def names(operation, components):
        found = set()
        for parameter in operation.get("parameters", []):
            if "$ref" in parameter:
                parameter = components[parameter["$ref"].rsplit("/", 1)[1]]
            if parameter.get("in") == "query":
                found.add(parameter["name"])
        return found

    for path, item in spec["paths"].items():
        ours = schema["paths"].get(f"/api/hsds{path}")
        assert ours and "get" in ours, path
        expected = names(item["get"], spec["components"]["parameters"])
        assert expected <= names(ours["get"], {}), (path, expected - names(ours["get"], {}))


def test_the_openapi_description_generates_without_warnings_and_is_valid(db, tmp_path):
    target = tmp_path / "schema.json"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(target),
    )
    validate_schema(json.loads(target.read_text()))


def test_ndjson_gives_every_result_one_per_line_without_paging(client, two_providers):
    response = client.get(f"{HSDS}/services", {"format": "ndjson", "per_page": 1})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.content.decode().splitlines()]
    assert {item["id"] for item in lines} == ids_of(client, f"{HSDS}/services")
    for number, item in enumerate(lines):
        assert_valid(item, "compiled/service_list.json", f"$[{number}]")


def test_a_suspended_service_is_temporarily_closed_with_its_reason(client, catalogue):
    service = catalogue["service"]
    service.is_active = False
    service.inactive_reason = "Riapre a settembre"
    service.save_revision().publish()

    data = get(client, f"{HSDS}/services/{hsds_id(service)}")
    assert (data["status"], data["alert"]) == ("temporarily closed", "Riapre a settembre")
