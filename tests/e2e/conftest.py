"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

No browser is downloaded: the tests use /usr/bin/chromium (or $CHROMIUM). Locally a missing
chromium skips these tests with a hint; under CI (CI=true) it fails the run.
"""

import os
import shutil

import pytest

from tests.factories import restore_wagtail_roots

# Playwright's sync API runs an event loop in the test thread; the live server and the
# test's own database work still happen synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path():
    candidate = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if os.path.exists(candidate) else None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = "chromium not found: install it with `apt-get install -y chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab; console errors are collected on `page.console_errors`."""
    context = browser.new_context(base_url=live_server.url, locale="it-IT")
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    yield tab
    context.close()


@pytest.fixture
def live_site(transactional_db, live_server):
    """The demo home page as the default site, reachable at the live server's host."""
    from wagtail.models import Site

    from home.demo import load_home

    restore_wagtail_roots()
    home = load_home()
    Site.objects.filter(pk=Site.objects.get(is_default_site=True).pk).update(
        hostname="localhost", port=live_server.thread.port
    )
    return home
