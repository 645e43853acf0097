"""The catalogue as a headless CMS: what a front-end developer gets from /api/v2/."""

import datetime

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.validation import validate_schema
from wagtail.documents import get_document_model
from wagtail.models import Locale, PageViewRestriction

from catalogue.models import ServicePage
from tests import factories as f

PAGES = "/api/v2/pages/"


@pytest.fixture
def rich_service(catalogue):
    """A service with every related object a front end shows."""
    provider = catalogue["provider"]
    need = f.NeedFactory(name="Anziani", slug="anziani")
    audience = f.AudienceFactory(name="Anziani over 65", slug="anziani-over-65")
    tradate = f.MunicipalityFactory(name="Tradate", slug="tradate")
    social_point = f.SocialPointPageFactory(
        parent=catalogue["social_points"], title="Social Point di Tradate", municipality=tradate
    )
    f.SocialPointOpeningHoursFactory(page=social_point, weekday=0)
    service = f.ServicePageFactory(
        parent=provider,
        title="Assistenza domiciliare anziani",
        min_age=65,
        isee_max=20000,
        voucher_accepted=True,
        delivered_at_home=True,
        last_reviewed=datetime.date(2026, 10, 1),
    )
    service.needs.add(need)
    service.audiences.add(audience)
    service.municipalities.add(tradate)
    service.social_points.add(social_point)
    f.ServiceCostOptionFactory(page=service, kind="per_hour", amount="18.50", unit="ora")
    f.ServiceAccessStepFactory(page=service, text="Chiedi un colloquio")
    f.ServiceContactFactory(page=service)
    service.save_revision().publish()
    return service


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_service_listing_with_all_fields_needs_no_second_request(client, rich_service):
    data = get(client, PAGES, type="catalogue.ServicePage", fields="*")
    item = next(i for i in data["items"] if i["id"] == rich_service.pk)

    assert item["summary"] == rich_service.summary
    assert item["needs"] == [{"name": "Anziani", "slug": "anziani"}]
    assert item["audiences"] == [{"name": "Anziani over 65", "slug": "anziani-over-65"}]
    assert item["provider"]["id"] == rich_service.get_parent().pk
    assert item["provider"]["title"] == rich_service.get_parent().title
    assert item["provider"]["url"] == rich_service.get_parent().url
    assert item["cost_options"][0]["kind"] == "per_hour"
    assert item["cost_options"][0]["amount"] == "18.50"
    assert item["access_steps"][0]["text"] == "Chiedi un colloquio"
    assert item["municipalities"][0]["slug"] == "tradate"
    assert item["social_points"][0]["title"] == "Social Point di Tradate"
    assert item["social_points"][0]["url"].endswith("/social-point-di-tradate/")
    assert item["delivery_modes"] == ["at_home"]
    assert item["min_age"] == 65
    assert item["voucher_accepted"] is True
    assert item["last_reviewed"] == "2026-10-01"


def test_fields_star_returns_every_api_field_of_a_service(client, rich_service):
    data = get(client, PAGES, type="catalogue.ServicePage", fields="*")
    item = next(i for i in data["items"] if i["id"] == rich_service.pk)
    assert {field.name for field in ServicePage.api_fields} <= set(item)


def test_service_detail_carries_the_provider(client, rich_service):
    item = get(client, f"{PAGES}{rich_service.pk}/")
    assert item["provider"]["id"] == rich_service.get_parent().pk
    assert item["contacts"][0]["phone"] == "0331 123456"


def test_social_point_exposes_opening_hours_and_municipality(client, rich_service):
    data = get(client, PAGES, type="catalogue.SocialPointPage", fields="*")
    item = data["items"][0]
    assert item["opening_hours"][0]["weekday"] == 0
    assert item["opening_hours"][0]["opens"] == "09:00:00"
    assert item["municipality"]["name"] == "Tradate"
    assert item["services"][0]["id"] == rich_service.pk


def test_guide_body_comes_as_blocks_with_image_renditions(client, catalogue):
    image = wagtail_factories.ImageFactory()
    guide = f.GuidePageFactory(
        parent=catalogue["guides"],
        body=[
            ("heading", {"text": "Cosa serve"}),
            ("image", {"image": image, "alt_text": "Lo sportello", "caption": ""}),
        ],
    )
    item = get(client, f"{PAGES}{guide.pk}/")
    kinds = [block["type"] for block in item["body"]]
    assert kinds == ["heading", "image"]
    image_block = item["body"][1]["value"]
    assert image_block["alt_text"] == "Lo sportello"
    assert image_block["rendition"]["url"].startswith("/media/images/")


def test_filters_by_need_municipality_and_provider(client, catalogue, rich_service):
    other_provider = f.ProviderPageFactory(parent=catalogue["providers"])
    elsewhere = f.MunicipalityFactory(name="Castelseprio", slug="castelseprio")
    only_elsewhere = f.ServicePageFactory(parent=other_provider, title="Solo a Castelseprio")
    only_elsewhere.municipalities.add(elsewhere)
    only_elsewhere.save_revision().publish()
    everywhere = catalogue["service"]  # no municipality chosen: serves them all

    def ids(**params):
        data = get(client, PAGES, type="catalogue.ServicePage", **params)
        return {item["id"] for item in data["items"]}

    assert ids(need="anziani") == {rich_service.pk}
    assert ids(municipality="tradate") == {rich_service.pk, everywhere.pk}
    assert ids(municipality="castelseprio") == {only_elsewhere.pk, everywhere.pk}
    assert ids(provider=other_provider.pk) == {only_elsewhere.pk}


def test_unknown_provider_answers_400_with_a_readable_message(client, catalogue):
    response = client.get(PAGES, {"provider": "abc"})
    assert response.status_code == 400
    assert "provider" in response.json()["message"]


def test_drafts_and_private_pages_never_appear(client, catalogue):
    draft = f.ServicePageFactory(parent=catalogue["provider"], title="Bozza", live=False)
    private = f.ServicePageFactory(parent=catalogue["provider"], title="Riservato")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    data = get(client, PAGES, type="catalogue.ServicePage")
    listed = {item["id"] for item in data["items"]}
    assert draft.pk not in listed and private.pk not in listed
    assert client.get(f"{PAGES}{draft.pk}/").status_code == 404
    assert client.get(f"{PAGES}{private.pk}/").status_code == 404


def test_a_service_of_an_unpublished_provider_is_not_listed(client, catalogue):
    """The API lists the published services, as the catalogue pages and HSDS do (the page
    itself, like its HTML page, still answers by id)."""
    hidden = f.ProviderPageFactory(parent=catalogue["providers"], title="Ente ritirato")
    orphan = f.ServicePageFactory(parent=hidden, title="Servizio di un ente ritirato")
    hidden.unpublish()

    data = get(client, PAGES, type="catalogue.ServicePage")
    listed = {item["id"] for item in data["items"]}
    assert catalogue["service"].pk in listed
    assert orphan.pk not in listed


def test_listing_query_count_does_not_grow_with_the_page_size(client, rich_service):
    provider = rich_service.get_parent()
    need = rich_service.needs.first()
    for n in range(50):
        service = f.ServicePageFactory(parent=provider, title=f"Servizio aggiuntivo {n}")
        service.needs.add(need)
        f.ServiceCostOptionFactory(page=service)
        service.save_revision().publish()

    def queries(limit):
        with CaptureQueriesContext(connection) as captured:
            get(client, PAGES, type="catalogue.ServicePage", fields="*", limit=limit)
        return len(captured)

    queries(1)  # the first request warms per-process caches (site root paths)
    assert queries(50) == queries(10)


def test_public_api_answers_carry_etag_and_cache_control_and_304(client, rich_service):
    first = client.get(PAGES, {"type": "catalogue.ServicePage"})
    assert "public" in first["Cache-Control"] and "max-age" in first["Cache-Control"]
    assert first["ETag"]
    again = client.get(PAGES, {"type": "catalogue.ServicePage"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_any_origin_may_read_the_open_apis(client, rich_service):
    response = client.get(PAGES, HTTP_ORIGIN="https://www.comune.example.it")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        PAGES,
        HTTP_ORIGIN="https://www.comune.example.it",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")


def test_other_paths_get_no_cors_or_public_caching(client, db):
    response = client.get("/healthz", HTTP_ORIGIN="https://www.comune.example.it")
    assert "Access-Control-Allow-Origin" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_openapi_schema_is_valid_and_documents_the_page_filters(client, db):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    listing = schema["paths"]["/api/v2/pages/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert {"type", "need", "municipality", "provider", "search", "limit"} <= names
    assert not any(path.startswith("/admin/") for path in schema["paths"])


def test_browsable_docs_load_without_any_cdn(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_the_api_search_and_locale_filter_find_pages(client, rich_service):
    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = rich_service.copy_for_translation(english, copy_parents=True)
    translated.title = "Home care for older people"
    translated.save_revision().publish()

    found = get(client, PAGES, type="catalogue.ServicePage", search="domiciliare")
    assert [item["id"] for item in found["items"]] == [rich_service.pk]
    english_only = get(client, PAGES, type="catalogue.ServicePage", locale="en")
    assert [item["title"] for item in english_only["items"]] == ["Home care for older people"]


def test_images_and_documents_endpoints_list_renditions_and_download_urls(client, catalogue):
    image = wagtail_factories.ImageFactory(title="Sportello")
    provider = catalogue["provider"]
    provider.logo = image
    provider.save_revision().publish()
    get_document_model().objects.create(
        title="Regolamento", file=ContentFile(b"%PDF-1.4", name="regolamento.pdf")
    )

    images = get(client, "/api/v2/images/", fields="*")
    assert [item["title"] for item in images["items"]] == ["Sportello"]
    documents = get(client, "/api/v2/documents/")
    assert documents["items"][0]["title"] == "Regolamento"
    download = documents["items"][0]["meta"]["download_url"]
    assert "/documents/" in download and download.endswith(".pdf")
    item = get(client, f"{PAGES}{provider.pk}/")
    assert item["logo_rendition"]["url"].startswith("/media/images/")
