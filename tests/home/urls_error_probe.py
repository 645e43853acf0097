"""The portal's URLs plus a view that fails, in both languages, to test the 500 page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as portal_urlpatterns
from home.views import error_probe

urlpatterns = [
    path("api/intake/__error_probe__/", error_probe),
    *i18n_patterns(path("__error_probe__/", error_probe), prefix_default_language=False),
    *portal_urlpatterns,
]
