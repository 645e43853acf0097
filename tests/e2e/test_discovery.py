"""A citizen in a real browser: from the header's search box to a facet to a service."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from catalogue.demo import load_catalogue

SAD = "Assistenza domiciliare anziani (SAD)"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def demo_live(live_site):
    """The demo district at the live server."""
    load_catalogue()
    return live_site


def test_citizen_searches_from_the_header_picks_a_facet_and_opens_a_service(page, demo_live):
    assert page.goto("/").status == 200
    header = page.locator("header")
    header.get_by_role("searchbox", name="Cerca servizi, enti, Social Point e guide").fill(
        "asistenza domicilare"
    )
    header.get_by_role("button", name="Cerca").click()
    page.wait_for_url(re.compile(r"/cerca/\?q="))
    assert page.get_by_text("Risultati per «assistenza domiciliare»").is_visible()

    needs = page.get_by_role("group", name="Bisogno")
    # Bootstrap Italia draws the box on the label, as the citizen sees it.
    needs.locator("label", has_text=re.compile(r"^Anziani \(\d+\)$")).click()
    assert needs.get_by_label(re.compile(r"^Anziani")).is_checked()
    page.get_by_role("button", name="Mostra i servizi").click()
    page.wait_for_url(re.compile(r"bisogno=anziani"))
    assert (
        page.get_by_role("group", name="Bisogno").get_by_label(re.compile(r"^Anziani")).is_checked()
    )

    page.get_by_role("link", name=SAD, exact=True).click()
    page.wait_for_url(re.compile(r"/assistenza-domiciliare-anziani-sad/$"))
    assert page.get_by_role("heading", level=1).inner_text() == SAD
    page.go_back()
    page.wait_for_url(re.compile(r"bisogno=anziani"))
    assert page.get_by_role("link", name=SAD, exact=True).is_visible()
    assert page.console_errors == []


def test_catalogue_and_search_pages_have_no_serious_accessibility_violation(page, demo_live):
    blocking = []
    for url in ["/servizi/?bisogno=anziani&eta=30", "/cerca/?q=tradate", "/"]:
        assert page.goto(url).status == 200
        page.wait_for_load_state("networkidle")
        results = Axe().run(page)
        blocking += [
            f"{url}: {v['id']} ({v['impact']}): {v['help']} -> "
            f"{[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]
    assert blocking == [], "\n".join(blocking)
