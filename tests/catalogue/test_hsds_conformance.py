"""Every HSDS answer for the whole demo district follows the specification's JSON schemas.

The schemas are the specification's own (catalogue/hsds/schemas/, CC BY-SA 4.0); each
listing is walked page by page, and every record is also fetched on its own.
"""

import copy
import datetime

from tests.catalogue.hsds_schemas import assert_page, assert_valid, problems

HSDS = "/api/hsds"


def get(client, url, **params):
    response = client.get(url, params, HTTP_HOST="localhost")
    assert response.status_code == 200, (url, params, response.content[:500])
    return response.json()


def walk(client, url, item_schema, **params):
    """Every item of a listing, each page validated with its envelope."""
    items, page = [], 1
    while True:
        data = get(client, url, page=page, per_page=25, **params)
        assert_page(data, item_schema, f"{url}?page={page}")
        items.extend(data["contents"])
        if data["last_page"]:
            assert data["total_items"] == len(items)
            return items
        page += 1


def assert_weekly_rule(schedule):
    """A Social Point's slot: a weekly iCal rule on one day, opening before closing."""
    assert schedule["freq"] == "WEEKLY" and schedule["wkst"] == "MO", schedule
    assert schedule["byday"] in {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}, schedule
    opens = datetime.time.fromisoformat(schedule["opens_at"])
    closes = datetime.time.fromisoformat(schedule["closes_at"])
    assert opens < closes, schedule


def test_every_service_follows_hsds_in_the_listing_in_full_and_alone(client, demo):
    listed = walk(client, f"{HSDS}/services", "compiled/service_list.json")
    full = walk(client, f"{HSDS}/services", "compiled/service.json", full="true")

    assert len(listed) == len(demo["services"]) == len(full)
    for item in listed:
        one = get(client, f"{HSDS}/services/{item['id']}")
        assert_valid(one, "compiled/service.json", f"/services/{item['id']}")
    assert all(s["attributes"] and s["service_areas"] and s["organization"] for s in full)


def test_every_organization_follows_hsds_with_its_services(client, demo):
    listed = walk(client, f"{HSDS}/organizations", "compiled/organization_list.json")
    walk(client, f"{HSDS}/organizations", "compiled/organization.json", full="true")
    walk(client, f"{HSDS}/organizations", "compiled/organization.json", full_service="true")

    assert len(listed) == len(demo["providers"])
    for item in listed:
        for full_service in ("false", "true"):
            one = get(client, f"{HSDS}/organizations/{item['id']}", full_service=full_service)
            assert_valid(one, "compiled/organization.json", f"/organizations/{item['id']}")


def test_every_service_at_location_follows_hsds(client, demo):
    listed = walk(client, f"{HSDS}/service_at_locations", "compiled/service_at_location_list.json")
    walk(
        client,
        f"{HSDS}/service_at_locations",
        "compiled/service_at_location.json",
        full="true",
    )

    assert listed
    for item in listed:
        one = get(client, f"{HSDS}/service_at_locations/{item['id']}")
        assert_valid(
            one, "compiled/service_at_location.json", f"/service_at_locations/{item['id']}"
        )
        assert one["location"]["addresses"]
        for schedule in one["location"].get("schedules", []):
            assert_weekly_rule(schedule)


def test_taxonomies_and_their_terms_follow_hsds(client, demo):
    taxonomies = walk(client, f"{HSDS}/taxonomies", "taxonomy.json")
    terms = walk(client, f"{HSDS}/taxonomy_terms", "taxonomy_term.json")

    assert {t["name"] for t in taxonomies} == {
        "Bisogni",
        "Destinatari",
        "Welfare aziendale (art. 51 TUIR)",
    }
    for taxonomy in taxonomies:
        assert_valid(get(client, f"{HSDS}/taxonomies/{taxonomy['id']}"), "taxonomy.json")
    for term in terms:
        one = get(client, f"{HSDS}/taxonomy_terms/{term['id']}")
        assert_valid(one, "taxonomy_term.json", f"/taxonomy_terms/{term['id']}")
        assert one["taxonomy_id"] in {t["id"] for t in taxonomies}


def test_the_metadata_endpoint_names_the_version_and_the_openapi_file(client, demo):
    data = get(client, f"{HSDS}/")
    assert data["version"] == "3.0"
    openapi = client.get(data["openapi_url"], HTTP_HOST="localhost")
    assert openapi.json()["paths"]["/api/hsds/services"]
    assert data["profile"].startswith("https://")


def test_a_broken_mapping_fails_with_the_path_of_the_offending_field(client, demo):
    service = get(client, f"{HSDS}/services", full="true", per_page=1)["contents"][0]
    broken = copy.deepcopy(service)
    broken["status"] = "aperto"
    broken["cost_options"][0]["amount"] = "otto euro"
    del broken["organization"]["name"]

    found = "\n".join(problems(broken, "compiled/service.json"))

    assert "$.status:" in found
    assert "$.cost_options[0].amount:" in found
    assert "$.organization: 'name' is a required property" in found
    assert problems(service, "compiled/service.json") == []
