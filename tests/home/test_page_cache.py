"""Public pages from the cache: the same page for every anonymous visitor, fresh after a change."""

import datetime
import time
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from home.models import DistrictSettings, HomeFeaturedService
from tests import factories as f

ROME = ZoneInfo("Europe/Rome")


@pytest.fixture(autouse=True)
def page_cache(settings, db):
    settings.PAGE_CACHE_ENABLED = True
    settings.CONTENT_CACHE_ENABLED = True  # as in production: kept reads behind kept pages
    settings.PAGE_CACHE_SHARED_SECONDS = 3600
    DistrictSettings.load()  # made on the first visit otherwise, which is a change
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def featured(catalogue):
    """The catalogue's service, featured on the home page, all of it seen once (kept)."""
    service = catalogue["service"]
    service.title = "Pasti a domicilio"
    service.save_revision().publish()
    HomeFeaturedService.objects.create(page=catalogue["home"], service=service)
    return service


def kept_keys():
    """The pages kept in the local-memory cache (its keys carry a prefix and a version)."""
    return [key.split(":", 2)[2] for key in cache._cache if ":pagecache:" in key]


def seen_by_anonymous(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_second_anonymous_visit_is_served_from_the_cache_with_its_headers(client, catalogue):
    url = catalogue["service"].url
    first = seen_by_anonymous(client, url)
    again = seen_by_anonymous(Client(), url)
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert again.content == first.content
    for header in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert again.get(header) == first.get(header)
    assert again["X-Frame-Options"]
    assert "s-maxage=3600" in again["Cache-Control"]


def test_publishing_a_service_changes_its_page_the_catalogue_and_the_home_page_at_once(
    client, catalogue, featured
):
    pages = [featured.url, catalogue["services"].url, catalogue["home"].url]
    pages += [catalogue["provider"].url, "/cerca/?q=pasti"]
    for url in pages:
        seen_by_anonymous(client, url)
    for url in pages:
        response = seen_by_anonymous(client, url)
        assert response["X-Page-Cache"] == "hit", url
        assert "Pasti a domicilio" in response.content.decode(), url

    featured.title = "Pasti caldi a domicilio"
    featured.save_revision().publish()

    for url in pages:
        response = seen_by_anonymous(client, url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Pasti caldi a domicilio" in response.content.decode(), url


def test_unpublishing_and_renaming_a_need_reach_the_kept_pages(client, catalogue, featured):
    need = f.NeedFactory(name="Anziani")
    featured.needs.add(need)
    featured.save_revision().publish()
    catalogue_url = catalogue["services"].url
    assert "Anziani" in seen_by_anonymous(client, catalogue_url).content.decode()
    need.name = "Terza età"
    need.save()
    assert "Terza età" in seen_by_anonymous(client, catalogue_url).content.decode()
    featured.unpublish()
    assert "Pasti a domicilio" not in seen_by_anonymous(client, catalogue_url).content.decode()
    assert seen_by_anonymous(client, catalogue["home"].url)["X-Page-Cache"] == "miss"


def test_a_service_made_private_in_the_admin_leaves_the_kept_pages_at_once(
    client, catalogue, featured, admin_client
):
    pages = [catalogue["services"].url, catalogue["home"].url, "/cerca/?q=pasti"]
    for url in pages:
        assert "Pasti a domicilio" in seen_by_anonymous(client, url).content.decode(), url

    response = admin_client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[featured.pk]),
        {"restriction_type": "login", "password": "", "groups": []},
    )
    assert response.status_code == 200, response.content[:500]

    for url in pages:
        response = seen_by_anonymous(client, url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Pasti a domicilio" not in response.content.decode(), url


def test_a_draft_does_not_change_the_kept_page(client, featured):
    seen_by_anonymous(client, featured.url)
    featured.title = "Bozza non pubblicata"
    featured.save_revision()
    response = seen_by_anonymous(client, featured.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Bozza non pubblicata" not in response.content.decode()


def test_each_language_has_its_own_page(client, catalogue):
    italian = seen_by_anonymous(client, catalogue["home"].url)
    english = client.get("/en/")
    assert english.get("X-Page-Cache") != "hit"
    assert italian["X-Page-Cache"] == "miss"


def test_browsers_asking_for_other_languages_share_the_kept_italian_page(client, catalogue):
    url = catalogue["service"].url
    english_browser = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    romanian_browser = Client().get(url, HTTP_ACCEPT_LANGUAGE="ro")
    no_preference = Client().get(url)

    assert english_browser["X-Page-Cache"] == "miss"
    assert (romanian_browser["X-Page-Cache"], no_preference["X-Page-Cache"]) == ("hit", "hit")
    assert romanian_browser.content == english_browser.content
    assert '<html lang="it"' in english_browser.content.decode()
    assert kept_keys() == [f"pagecache:it:testserver:{url}"]


def test_an_english_page_is_kept_apart_from_the_italian_one(client, catalogue):
    seen_by_anonymous(client, catalogue["home"].url)

    english = Client().get("/en/", HTTP_ACCEPT_LANGUAGE="it")
    again = Client().get("/en/", HTTP_ACCEPT_LANGUAGE="ro")

    assert english.status_code == 200 and '<html lang="en"' in english.content.decode()
    assert (english["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert sorted(kept_keys()) == ["pagecache:en:testserver:/en/", "pagecache:it:testserver:/"]


def test_a_logged_in_citizen_never_gets_a_kept_page_and_never_sees_another(client, catalogue):
    url = catalogue["service"].url
    anonymous = seen_by_anonymous(client, url)
    assert "Esci" not in anonymous.content.decode()

    for profile in (f.CitizenProfileFactory(), f.CitizenProfileFactory()):
        citizen = Client()
        citizen.force_login(profile.user)
        for _ in range(2):
            response = citizen.get(url)
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
            assert "Esci" in response.content.decode()  # their own header, with logout
            assert "private" in response["Cache-Control"]  # nor kept by a proxy in front

    # Nothing of theirs was kept for anyone else.
    after = Client().get(url)
    assert after["X-Page-Cache"] == "hit"
    assert after.content == anonymous.content
    assert "Esci" not in after.content.decode()


def test_pages_with_a_form_token_or_a_message_are_never_kept(client, catalogue):
    login = client.get("/account/accedi/")
    assert login.status_code == 200
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert "X-Page-Cache" not in Client().get("/account/accedi/")
    told = Client()
    told.cookies["messages"] = "something"
    assert "X-Page-Cache" not in told.get(catalogue["home"].url)


def test_social_point_says_closed_once_it_closed_though_its_page_was_kept(client, catalogue):
    point = f.SocialPointPageFactory(parent=catalogue["social_points"], title="Social Point")
    f.SocialPointOpeningHoursFactory(page=point, weekday=0, opens="09:00", closes="12:30")
    before_closing = datetime.datetime(2030, 12, 2, 12, 29, tzinfo=ROME)  # a Monday
    with mock.patch.object(timezone, "now", return_value=before_closing):
        response = seen_by_anonymous(client, point.url)
    assert "Aperto ora" in response.content.decode()
    assert "s-maxage=61" in response["Cache-Control"]  # kept until 12:30, no longer

    two_minutes_later = time.time() + 120
    after_closing = before_closing + datetime.timedelta(minutes=2)
    with (
        mock.patch.object(timezone, "now", return_value=after_closing),
        mock.patch("django.core.cache.backends.locmem.time.time", return_value=two_minutes_later),
    ):
        response = seen_by_anonymous(client, point.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Chiuso ora" in response.content.decode()


def test_a_cdn_in_front_is_told_to_forget_the_service_its_provider_home_and_catalogue(
    settings, catalogue, featured
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:6081",
        }
    }
    with mock.patch("wagtail.contrib.frontend_cache.backends.http.HTTPBackend.purge") as purge:
        featured.save_revision().publish()
    purged = {call.args[0] for call in purge.call_args_list}
    for page in (featured, catalogue["provider"], catalogue["home"], catalogue["services"]):
        assert page.full_url in purged


def test_pages_are_still_served_when_the_cache_is_down(client, catalogue):
    with mock.patch("django.core.cache.backends.locmem.LocMemCache.get_many", side_effect=OSError):
        response = client.get(catalogue["service"].url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
