"""Security headers that depend on the path: the admin's own Content-Security-Policy, and
`Cache-Control: no-store` on every answer that carries personal data."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with CONTENT_SECURITY_POLICY_ADMIN under the admin's prefix
    (Wagtail's admin runs inline scripts); every other page gets CONTENT_SECURITY_POLICY."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin = request.path_info.startswith(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES)
        if admin and not report_only and parts.config is None:
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN
        return parts


def carries_personal_data(request):
    """True for the intake API, the citizen's pages, the admin, and any answer to a
    logged-in user (its header names them)."""
    path = request.path_info
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        path = path[len(language) + 1 :]
    if path.startswith(settings.NO_STORE_URL_PREFIXES):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStorePersonalDataMiddleware:
    """`Cache-Control: no-store, private` where carries_personal_data() says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if carries_personal_data(request):
            patch_cache_control(response, no_store=True, private=True)
            response.headers.pop("Expires", None)
        return response
