"""Phones first: the header collapses, results come first, the filters open from «Filtra»;
without JavaScript the menu and filters are still there; axe stays clean at 390 px."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from catalogue.demo import load_catalogue
from home.demo import load_legal_pages

PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def demo_live(live_site):
    load_catalogue()
    load_legal_pages(live_site)
    return live_site


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="it-IT", viewport=PHONE)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    yield tab
    context.close()


def test_header_collapses_into_the_menu_button(phone, demo_live):
    phone.goto("/")
    nav = phone.get_by_role("navigation", name="Menu principale")
    services = nav.get_by_role("link", name="Servizi")
    assert not services.is_visible()
    nav.get_by_role("button", name="Mostra o nascondi il menu").click()
    services.wait_for(state="visible")
    services.click()
    phone.wait_for_url(re.compile(r"/servizi/$"))
    assert phone.console_errors == []


def test_catalogue_shows_a_result_first_and_filters_open_and_apply(phone, demo_live):
    phone.goto("/servizi/")
    first = phone.locator(".card-title a").first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]
    assert not phone.get_by_role("group", name="Bisogno").is_visible()

    phone.get_by_role("button", name="Filtra").click()
    needs = phone.get_by_role("group", name="Bisogno")
    needs.wait_for(state="visible")
    needs.locator("label", has_text=re.compile(r"^Anziani \(\d+\)$")).click()
    apply = phone.get_by_role("button", name="Mostra i servizi").first
    apply_box = apply.bounding_box()
    assert apply_box["y"] < PHONE["height"] * 2  # no scrolling down past every facet
    apply.click()
    phone.wait_for_url(re.compile(r"bisogno=anziani"))
    assert phone.locator(".card-title a").first.is_visible()


def test_without_javascript_the_menu_and_filters_are_still_there(browser, live_server, demo_live):
    context = browser.new_context(
        base_url=live_server.url, locale="it-IT", viewport=PHONE, java_script_enabled=False
    )
    tab = context.new_page()
    tab.goto("/servizi/")
    assert (
        tab.get_by_role("navigation", name="Menu principale")
        .get_by_role("link", name="Servizi")
        .is_visible()
    )
    filters = tab.get_by_role("group", name="Bisogno")
    assert filters.is_visible()
    assert tab.locator(".card-title a").first.bounding_box()["y"] < filters.bounding_box()["y"]
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_pages_touched_have_no_serious_accessibility_violation(
    browser, live_server, demo_live, viewport
):
    context = browser.new_context(base_url=live_server.url, locale="it-IT", viewport=viewport)
    tab = context.new_page()
    tab.goto("/servizi/")
    service_url = tab.locator(".card-title a").first.get_attribute("href")
    blocking = []
    urls = [
        "/",
        "/servizi/",
        service_url,
        "/cerca/?q=anziani",
        "/privacy/",
        "/cookie/",
        "/note-legali/",
        "/accessibilita/",
        "/account/accedi/",
        "/account/registrati/",
    ]
    for url in urls:
        assert tab.goto(url).status == 200, url
        tab.wait_for_load_state("networkidle")
        if url == "/servizi/" and viewport is PHONE:
            tab.get_by_role("button", name="Filtra").click()
        results = Axe().run(tab)
        blocking += [
            f"{url}: {v['id']} ({v['impact']}): {v['help']} -> "
            f"{[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]
    context.close()
    assert blocking == [], "\n".join(blocking)
