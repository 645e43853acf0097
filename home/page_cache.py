"""Whole public pages for anonymous visitors, kept in the shared cache until content changes.

Nearly every visitor is anonymous, and an anonymous visitor's page is the same for everyone:
it is rendered once and kept (status, headers and body) under a key made of the URL and
the language it is served in (the address's, not the browser's), with the content's
*generation* (`catalogue/content_cache.py`) read before it was rendered; both are read in
one round trip. Publishing, unpublishing, moving or deleting
a page, and saving a snippet or a setting, bumps the generation (`home/signals.py`), so every
page that might show the change is rendered again on its next visit: a service's new title
reaches its page, the catalogue, the home page, its provider's page and the search at once.
A page whose content changes with the clock (a Social Point's «Aperto ora») says how long it
holds with `Cache-Control: s-maxage`, and is kept no longer.

Never kept: a visitor with a session or a message cookie (logged in, or just told something),
any answer that sets a cookie or uses a form token (CSRF), anything but a 200 HTML answer to
a GET, answers marked private or no-store, the admin and the APIs. The cache is Django's
default one: local memory by default (one process), Redis with `CACHE_URL` (shared by every
process and app server, which several processes need for the generation to reach them all).
Wagtail's `frontend_cache` purges a CDN or Varnish in front, when one is configured.
"""

import logging
import re

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path

from catalogue.content_cache import GENERATION_KEY, generation

logger = logging.getLogger(__name__)
HIT_HEADER = "X-Page-Cache"
# Paths whose answers are never pages for everyone.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/api/",
    "/documents/",
    "/static/",
    "/media/",
    "/i18n/",
    "/valutazione/",
    "/healthz",
    "/readyz",
)
_S_MAXAGE = re.compile(r"s-maxage=(\d+)")


def _cache():
    return caches[settings.CONTENT_CACHE_ALIAS]


def _served_language(request):
    """The language of the page at this address: its prefix, or Italian without one.

    The address decides, never the browser (i18n_patterns with an unprefixed default in
    config/urls.py: LocaleMiddleware serves / in Italian whatever Accept-Language or the
    language cookie ask), so visitors with different browsers share one kept page. An answer
    in another language (its Content-Language) is not kept under this key.
    """
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _key(request, language):
    return f"pagecache:{language}:{request.get_host()}:{request.get_full_path()}"


def _kept(cache, key):
    """The kept answer, if it was kept in the current generation (one round trip)."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    kept = found.get(key)
    if current is None:
        current = generation()
    if kept is None or kept[0] != current:
        return None, current
    return kept[1], current


def request_may_use_cache(request):
    """An anonymous GET of a public page, from a visitor the site has nothing to tell."""
    if not settings.PAGE_CACHE_ENABLED or request.method != "GET":
        return False
    if request.path_info.startswith(EXCLUDED_PREFIXES) or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _shared_max_age(response):
    match = _S_MAXAGE.search(response.get("Cache-Control", ""))
    return int(match.group(1)) if match else None


def response_may_be_kept(request, response):
    """The same answer would be right for every anonymous visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def _private(response):
    """A page not kept here must not be kept by a shared cache in front either."""
    if "Cache-Control" not in response and response.get("Content-Type", "").startswith("text/html"):
        patch_cache_control(response, private=True)
    return response


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors' pages from the cache; keep the ones that may be kept.

    Outermost but for the request log, so a kept answer holds every header the middleware
    inside set (security, CSP, X-Frame-Options, Vary) and a hit skips them all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_may_use_cache(request):
            return _private(self.get_response(request))
        language = _served_language(request)
        key = _key(request, language)
        cache = _cache()
        try:
            kept, current = _kept(cache, key)
        except Exception:  # the cache is down: pages are rendered, not refused
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if kept is not None:
            kept[HIT_HEADER] = "hit"
            return kept
        response = self.get_response(request)
        if not response_may_be_kept(request, response) or (
            response.get("Content-Language") != language
        ):
            return _private(response)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        own_limit = _shared_max_age(response)
        timeout = settings.PAGE_CACHE_SECONDS
        if own_limit is not None:
            timeout = min(timeout, own_limit)
        shared = min(settings.PAGE_CACHE_SHARED_SECONDS, timeout)
        del response["Cache-Control"]
        if shared > 0:
            patch_cache_control(response, public=True, max_age=0, s_maxage=shared)
        else:
            patch_cache_control(response, max_age=0)
        if timeout > 0:
            try:
                cache.set(key, (current, response), timeout)
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
        response[HIT_HEADER] = "miss"
        return response
