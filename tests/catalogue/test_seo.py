"""Search engines find every public page: robots.txt points at the sitemap, which lists them."""

import xml.etree.ElementTree as ET


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_lists_every_live_catalogue_page(client, catalogue, social_point, guide):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)
    locations = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    for page in (
        catalogue["service"],
        catalogue["provider"],
        catalogue["providers"],
        social_point,
        catalogue["social_points"],
        guide,
        catalogue["guides"],
    ):
        assert page.get_full_url() in locations, page


def test_draft_pages_stay_out_of_the_sitemap(client, catalogue):
    catalogue["service"].unpublish()
    response = client.get("/sitemap.xml")
    assert catalogue["service"].get_full_url().encode() not in response.content
