"""Reads kept until the next publication: one number that changes with published content.

Any published change (a page published, unpublished, moved or deleted, a snippet or a
setting saved) bumps the *generation* (`home/signals.py` connects the signals); whatever was
kept under the previous number is never read again and expires. The public page cache
(`home/page_cache.py`) and the catalogue's own reads (a service card's lists, facet counts
per query string) key on it. It lives in Django's default cache: local memory for one
process, Redis (`CACHE_URL`) when several processes or app servers must agree.

With a shared cache, two things spare its round trips (a service page asked it 38 times):
a request reads the generation once (`one_generation_per_request`: the next request sees
a publication, and a bump in the middle of a request is seen at once), and what is kept
under a generation is also kept in the process's own memory (`CONTENT_CACHE_LOCAL_ALIAS`,
a bounded local-memory cache, pickled like every Django cache, so no two requests share
an object): a value kept under a generation never changes, so no process can read a stale
one from its memory once the shared generation has moved on.
"""

import contextvars
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.utils.translation import get_language

logger = logging.getLogger(__name__)
GENERATION_KEY = "content:generation"
_MISSING = object()


# The generation read by the current request (a dict while a request runs, else None).
_request_generation: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "content_generation", default=None
)


def _cache():
    return caches[settings.CONTENT_CACHE_ALIAS]


def _local_cache():
    alias = getattr(settings, "CONTENT_CACHE_LOCAL_ALIAS", None)
    return caches[alias] if alias else None


def generation():
    """The current generation; a fresh, never reused number when the cache lost it."""
    scope = _request_generation.get()
    if scope is not None and "value" in scope:
        return scope["value"]
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    if scope is not None:
        scope["value"] = value
    return value


def one_generation_per_request(get_response):
    """Middleware: the generation is read once per request, not once per kept read."""

    def middleware(request):
        token = _request_generation.set({})
        try:
            return get_response(request)
        finally:
            _request_generation.reset(token)

    return middleware


def bump_generation(**kwargs):
    """Everything kept so far is stale (signal receiver: takes any arguments)."""
    scope = _request_generation.get()
    if scope is not None:
        scope.pop("value", None)  # the rest of this request reads the new one
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def until_next_publication(name, compute, *, keep_none=True):
    """`compute()`, kept under `name` until the next publication (if reads are kept at all).

    `keep_none=False` leaves a None result unkept (a miss on an address anyone may type
    must not fill the cache with one key per address)."""
    if not settings.CONTENT_CACHE_ENABLED:
        return compute()
    cache, local = _cache(), _local_cache()
    try:
        key = f"content:{generation()}:{name}"
        value = local.get(key, _MISSING) if local is not None else _MISSING
        if value is not _MISSING:
            return value
        value = cache.get(key, _MISSING)
    except Exception:  # the cache is down: read the database, as without it
        logger.warning("content cache unavailable", exc_info=True)
        return compute()
    if value is _MISSING:
        value = compute()
        if value is None and not keep_none:
            return value
        try:
            cache.set(key, value, settings.CONTENT_CACHE_SECONDS)
        except Exception:
            logger.warning("content cache unavailable", exc_info=True)
    if local is not None:
        local.set(key, value, settings.CONTENT_CACHE_SECONDS)
    return value


def kept_html(request, name, render):
    """`render()`, a part of a page the same for every visitor, kept until the next
    publication per name, language and host; rendered anew for a preview (a draft must
    neither read nor fill it) and without a request or a valid host.

    Never for anything of the visitor (their name, a form token, messages, a bound form) or
    of the clock («aperto ora»): `name` must say everything else the HTML depends on (the
    page's id for a page's part)."""
    if request is None or getattr(request, "is_preview", False):
        return render()
    try:
        host = request.get_host()
    except DisallowedHost:  # the 400 page of a bad Host header
        return render()
    return until_next_publication(
        f"fragment:{name}:{get_language()}:{request.scheme}://{host}", render
    )
