"""Site-wide middleware: the request log line, the Wagtail site of a page's request, and
caching headers of the open APIs."""

import re
import time

from django.conf import settings
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from log_request_id.middleware import RequestIDMiddleware
from wagtail.views import serve as wagtail_serve

from home.sites import site_for_request

# Path segments that carry a secret or identify a person (an email verification or password
# reset link: user id and token) are replaced on the log line; query strings are never logged.
SECRET_PATH_SEGMENTS = re.compile(r"(/account/(?:verifica|password)/)[^/]+/[^/]+/")


def redacted_path(path):
    """The path as the log shows it, without links' user ids and tokens."""
    return SECRET_PATH_SEGMENTS.sub(r"\1…/…/", path)


class RequestLogMiddleware(RequestIDMiddleware):
    """django-log-request-id's middleware, with the request's duration on its log line, and
    no personal values (no query string, no tokens of links)."""

    def __call__(self, request):
        request._started = time.monotonic()
        return super().__call__(request)

    def get_log_message(self, request, response):
        duration_ms = (time.monotonic() - request._started) * 1000
        message = (
            super()
            .get_log_message(request, response)
            .replace(f"path={request.path}", f"path={redacted_path(request.path)}", 1)
        )
        return f"{message} duration_ms={duration_ms:.1f}"


class PublicAPICacheMiddleware(ConditionalGetMiddleware):
    """ETag, Cache-Control and 304 answers for the open catalogue APIs only.

    Django's ConditionalGetMiddleware computes the ETag and answers a matching
    If-None-Match with 304; anything personal (the intake API, pages) is left alone.
    """

    public_prefixes = ("/api/v2/", "/api/hsds/", "/api/schema/")

    def process_response(self, request, response):
        if not request.path.startswith(self.public_prefixes) or request.method not in (
            "GET",
            "HEAD",
        ):
            return response
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_API_MAX_AGE)
            patch_vary_headers(response, ["Accept", "Accept-Language"])
        return super().process_response(request, response)


class KeptSiteMiddleware:
    """Wagtail's pages find their site with `site_for_request` before Wagtail routes them;
    nothing else is touched (a health check reads neither the cache nor the database)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve:
            site_for_request(request)
