"""The portal's own error pages over HTTP: layout, language, search, the Social Points'
contacts; the 500 page with the database down; JSON errors under /api/."""

import pytest
from django.test import Client

from catalogue.models import SocialPointPage

THEME_PLACEHOLDER = "Lorem Ipsum"


def assert_portal_page(response, status):
    assert response.status_code == status
    text = response.content.decode()
    assert THEME_PLACEHOLDER not in text
    assert 'role="search"' in text
    assert 'name="q"' in text
    return text


def test_a_missing_page_is_the_portal_s_404_with_the_social_points(client, demo):
    text = assert_portal_page(client.get("/pagina-che-non-esiste/"), 404)
    assert '<html lang="it"' in text
    assert "Pagina non trovata" in text
    point = SocialPointPage.objects.live().filter(locale__language_code="it").first()
    assert point.title in text
    assert point.phone in text
    assert "it-footer" in text  # the portal's layout


def test_a_missing_english_page_answers_in_english(client, demo):
    text = assert_portal_page(client.get("/en/no-such-page/"), 404)
    assert '<html lang="en"' in text
    assert 'action="/en/cerca/"' in text


def test_an_expired_form_is_the_portal_s_csrf_page(demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/accedi/", {"username": "x", "password": "y"})
    text = assert_portal_page(response, 403)
    assert "Modulo scaduto" in text


def test_a_bad_host_is_the_portal_s_400_page(client, demo, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", HTTP_HOST="evil.example")
    text = assert_portal_page(response, 400)
    assert "Richiesta non valida" in text


def test_a_forbidden_admin_page_is_the_portal_s_403_page(client, demo):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/admin/")
    # Wagtail sends a citizen away from the admin; nothing shows the theme's placeholder.
    assert response.status_code in (302, 403)
    assert THEME_PLACEHOLDER not in response.content.decode()


@pytest.mark.urls("tests.home.urls_error_probe")
def test_a_server_error_is_the_portal_s_500_page_in_the_visitor_s_language(db):
    client = Client(raise_request_exception=False)
    text = assert_portal_page(client.get("/__error_probe__/"), 500)
    assert '<html lang="it"' in text
    assert "Errore del sito" in text
    english = assert_portal_page(client.get("/en/__error_probe__/"), 500)
    assert '<html lang="en"' in english


@pytest.mark.urls("tests.home.urls_error_probe")
def test_the_500_page_renders_with_the_database_unreachable():
    """No `db` fixture: pytest-django makes every database access raise, as an unreachable
    database would. The page must still render, whole."""
    client = Client(raise_request_exception=False)
    text = assert_portal_page(client.get("/__error_probe__/"), 500)
    assert "Errore del sito" in text
    assert "bootstrap-italia" in text  # the portal's stylesheet, not a bare text page


@pytest.mark.urls("tests.home.urls_error_probe")
def test_a_server_error_under_the_api_is_json_with_a_code():
    client = Client(raise_request_exception=False)
    response = client.get("/api/intake/__error_probe__/")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"


def test_an_unknown_api_address_is_json_with_a_code(client, db):
    response = client.get("/api/intake/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json() == {"detail": response.json()["detail"], "code": "not_found"}
