"""Security headers over HTTP: the Content-Security-Policy on every page type (no inline
scripts allowed outside the admin), Permissions-Policy, and no-store on personal data."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from catalogue.models import (
    GuideIndexPage,
    GuidePage,
    ProviderIndexPage,
    ProviderPage,
    ServiceIndexPage,
    ServicePage,
    SocialPointIndexPage,
    SocialPointPage,
)
from home.models import HomePage
from tests.factories import UserFactory

PAGE_TYPES = (
    HomePage,
    ServiceIndexPage,
    ServicePage,
    ProviderIndexPage,
    ProviderPage,
    SocialPointIndexPage,
    SocialPointPage,
    GuideIndexPage,
    GuidePage,
)


def directives(response):
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_public_policy(response):
    csp = directives(response)
    assert csp["script-src"] == ["'self'"], response.request["PATH_INFO"]
    assert csp["object-src"] == ["'none'"]
    assert "nonce-" not in response.headers["Content-Security-Policy"]
    assert "camera=()" in response.headers["Permissions-Policy"]
    soup = BeautifulSoup(response.content, "html.parser")
    for script in soup.find_all("script"):
        # Every script is a static file; only JSON-LD data sits inline (not executed).
        assert script.get("src") or script.get("type") == "application/ld+json", script
    assert not soup.select("[onclick], [onload], [onchange], [onsubmit]")


def test_every_page_type_has_the_public_policy_and_no_inline_script(client, demo):
    seen = set()
    for page in Page.objects.live().type(*PAGE_TYPES).specific():
        if type(page) in seen:
            continue
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert_public_policy(response)
        seen.add(type(page))
    assert seen == set(PAGE_TYPES)


@pytest.mark.parametrize(
    "path", ["/cerca/?q=assistenza", "/account/accedi/", "/account/registrati/", "/en/"]
)
def test_search_and_account_pages_have_the_public_policy(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_public_policy(response)


def test_the_admin_has_its_own_laxer_policy(client, demo):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    csp = directives(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.parametrize(
    "path", ["/account/accedi/", "/account/registrati/", "/admin/login/", "/api/intake/requests/"]
)
def test_answers_with_personal_data_are_never_stored(client, demo, path):
    response = client.get(path)
    assert "no-store" in response.headers["Cache-Control"], path


def test_a_logged_in_citizen_s_pages_are_never_stored(client, demo):
    client.force_login(UserFactory())
    for path in ("/richieste/", "/account/dati/", "/"):
        response = client.get(path)
        assert "no-store" in response.headers.get("Cache-Control", ""), path


def test_an_anonymous_public_page_may_be_cached(client, demo):
    response = client.get("/")
    assert "no-store" not in response.headers.get("Cache-Control", "")
