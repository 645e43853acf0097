"""Fixtures every test may use: a site whose root is the portal's HomePage, the demo."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, restore_wagtail_roots


@pytest.fixture(autouse=True)
def a_fresh_start():
    """Each test starts in the source language: a page visited in another language by an
    earlier test (the locale middleware activates it on the thread) must not leak; nor
    must the rate limits and lockouts an earlier test left in the cache."""
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    """The default Site rooted at a fresh HomePage, as the demo loader sets it up."""
    restore_wagtail_roots()
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root)
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def catalogue(home_page):
    """A small catalogue: the four index pages, one provider with one live service."""
    from tests import factories as f

    services = f.ServiceIndexPageFactory(parent=home_page)
    providers = f.ProviderIndexPageFactory(parent=home_page)
    social_points = f.SocialPointIndexPageFactory(parent=home_page)
    guides = f.GuideIndexPageFactory(parent=home_page)
    provider = f.ProviderPageFactory(parent=providers)
    service = f.ServicePageFactory(parent=provider)
    return {
        "home": home_page,
        "services": services,
        "providers": providers,
        "social_points": social_points,
        "guides": guides,
        "provider": provider,
        "service": service,
    }


@pytest.fixture(scope="session")
def demo_content(django_db_setup, django_db_blocker):
    """The demo district's catalogue, loaded once per test session (it takes seconds) for
    the tests that only read it (each test's own changes are rolled back), and rolled back
    at the session's end. The tests that use it run last (pytest_collection_modifyitems),
    so no other test sees it."""
    from catalogue.demo import load_catalogue
    from home.demo import load_home

    with django_db_blocker.unblock(), transaction.atomic():
        load_home()
        yield load_catalogue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_content, db):
    """The demo for one test; the cache (search vocabulary, rate limits) starts empty."""
    cache.clear()
    yield demo_content
    cache.clear()


def pytest_collection_modifyitems(config, items):
    """The tests that read the demo run last, in their order, so that the demo is loaded
    once and no other test sees it. Tests marked `postgres` need PostgreSQL: skipped when
    the suite runs on SQLite."""
    from django.conf import settings

    items.sort(key=lambda item: "demo_content" in getattr(item, "fixturenames", ()))
    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
